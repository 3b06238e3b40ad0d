package pricing

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
)

// TestPropertyLineCheck checks what collect relies on to skip lineMatch:
// for every line's candidate rule without lineCheck (a rule scoped to the
// line's SKU or family tree, or a global rule, with no other line
// condition), lineMatch finds no failed condition. SKUs sit in a family
// tree with subfamilies; rules name random SKUs and families, some both.
func TestPropertyLineCheck(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		usd := partnerops.USD
		fams := []Family{"a", "a1", "a2", "a11", "b", ""}
		tree := []FamilyNode{{ID: "a"}, {ID: "a1", Parent: "a"}, {ID: "a2", Parent: "a"}, {ID: "a11", Parent: "a1"}, {ID: "b"}}
		list := partnerops.MustMoney("100", usd)
		book := PriceBook{ID: "us", Currency: usd}
		nSKU := rapid.IntRange(1, 8).Draw(t, "skus")
		for i := range nSKU {
			f := fams[rapid.IntRange(0, len(fams)-1).Draw(t, fmt.Sprintf("fam%d", i))]
			book.Entries = append(book.Entries, Entry{SKU: SKU(fmt.Sprintf("S%d", i)), Family: f, List: &list})
		}
		fw := Framework{Currency: usd, Families: tree, Groups: []Group{{ID: "g", Mode: CombineAdditive}}}
		nRule := rapid.IntRange(1, 12).Draw(t, "rules")
		for i := range nRule {
			r := Rule{ID: RuleID(fmt.Sprintf("r%d", i)), Group: "g", Effect: PercentOffList(partnerops.MustPercent("1"))}
			for k := range rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("r%dskus", i)) {
				r.When.SKUs = append(r.When.SKUs, SKU(fmt.Sprintf("S%d", rapid.IntRange(0, nSKU-1).Draw(t, fmt.Sprintf("r%dsku%d", i, k)))))
			}
			for k := range rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("r%dfams", i)) {
				r.When.Families = append(r.When.Families, fams[rapid.IntRange(0, len(fams)-2).Draw(t, fmt.Sprintf("r%dfam%d", i, k))])
			}
			if rapid.Bool().Draw(t, fmt.Sprintf("r%dqty", i)) {
				q := partnerops.MustDecimal("5")
				r.When.MinQuantity = &q
			}
			fw.Rules = append(fw.Rules, r)
		}
		e, err := Compile([]PriceBook{book}, fw)
		if err != nil {
			t.Skip(err) // a duplicate SKU or family in a rule's conditions
		}
		at := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
		b := e.books["us"]
		for i := range nSKU {
			sku := SKU(fmt.Sprintf("S%d", i))
			v, err := b.find(sku, at)
			if err != nil {
				t.Fatal(err)
			}
			q := Quote{Lines: []QuoteLine{{SKU: sku, Quantity: partnerops.MustDecimal("1")}}}
			ev := &evaluator{e: e, b: b, at: at, q: &q, v: v, ln: &q.Lines[0], p: &linePrep{v: v}, qtyMicro: 1_000_000,
				lineVal: numInt(100, 0), dealVal: numInt(100, 0), qcache: make([]uint8, len(e.rules))}
			for _, r := range append(slicesClone(v.scoped), ev.globalCandidates(nil)...) {
				if c := &e.rules[r]; !c.lineCheck {
					if cond, _ := ev.lineMatch(c); cond != ConditionNone {
						t.Fatalf("rule %s (no lineCheck) fails %v for %s of family %q", c.id, cond, sku, v.family)
					}
				}
			}
		}
	})
}

func slicesClone(s []int32) []int32 { return append([]int32(nil), s...) }
