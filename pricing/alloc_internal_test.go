package pricing

import (
	"testing"
	"time"

	"github.com/partnerops/partnerops"
)

// TestMatchingAllocatesNothing checks the requirement that rule
// matching and selection (candidate collection, condition checks,
// exclusions) allocate nothing once the scratch buffers exist.
func TestMatchingAllocatesNothing(t *testing.T) {
	usd := partnerops.USD
	list100 := partnerops.MustMoney("100", usd)
	book := PriceBook{ID: "us", Currency: usd, Entries: []Entry{
		{SKU: "A", Family: "f", List: &list100},
	}}
	pct := partnerops.MustPercent
	lo, hi := partnerops.MustDecimal("1"), partnerops.MustDecimal("1000")
	minDeal := partnerops.MustMoney("10", usd)
	fw := Framework{
		Program:  partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Currency: usd,
		Groups:   []Group{{ID: "g", Mode: CombineAdditive}, {ID: "h", Mode: CombineFirst}},
		Rules: []Rule{
			{ID: "sku", Group: "g", When: Conditions{SKUs: []SKU{"A"}, MinQuantity: &lo, MaxQuantity: &hi}, Effect: PercentOffList(pct("5"))},
			{ID: "fam", Group: "g", When: Conditions{Families: []Family{"f"}, TierAtLeast: "gold", MinDealValue: &minDeal}, Effect: PercentOffList(pct("5")),
				Excludes: []RuleID{"global"}},
			{ID: "global", Group: "h", When: Conditions{Motions: []partnerops.Motion{"resell"}, Regions: []partnerops.Region{"na"},
				Attributes: map[string][]string{"k": {"v"}}}, Effect: PercentOffList(pct("5"))},
			{ID: "silver", Group: "h", When: Conditions{Tiers: []partnerops.Tier{"silver"}}, Effect: PercentOffList(pct("5"))},
			{ID: "window", Group: "h", When: Conditions{Until: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, Effect: PercentOffList(pct("5"))},
		},
	}
	e, err := Compile([]PriceBook{book}, fw)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	q := Quote{Partner: partnerops.Partner{Tier: "gold"}, Motion: "resell", Region: "na", Attributes: map[string]string{"k": "v"},
		Lines: []QuoteLine{{SKU: "A", Quantity: partnerops.MustDecimal("10")}}}
	v, _ := e.books["us"].find("A", at)
	ev := &evaluator{e: e, b: e.books["us"], at: at, q: &q, tierIdx: 2, dealReg: DealRegNone, v: v,
		ln: &q.Lines[0], qtyMicro: 10_000_000, lineVal: numInt(1000, 0), dealVal: numInt(1000, 0), qcache: make([]uint8, len(e.rules))}
	ev.globals = ev.globalCandidates(nil)
	run := func() {
		ev.skips = ev.skips[:0]
		ev.collect()
		ev.resolveExclusions()
	}
	run()
	// "silver" is for another tier: no candidate, no record.
	if len(ev.applic) != 3 || len(ev.skips) != 1 {
		t.Fatalf("applicable %v, skipped %v; want 3 and 1", ev.applic, ev.skips)
	}
	if a := testing.AllocsPerRun(100, run); a != 0 {
		t.Errorf("matching allocates %.1f times per line, want 0", a)
	}
}
