package pricing_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/pricing"
)

// treeBook holds products in a family tree: security > endpoint > edr,
// and security > network.
func treeBook() pricing.PriceBook {
	return pricing.PriceBook{ID: "us", Currency: usd, Units: []pricing.UnitConversion{{Unit: "pack", Factor: dec("10"), Family: "security"}},
		Entries: []pricing.Entry{
			{SKU: "EDR-1", Family: "edr", Unit: "seat", List: mp("100.00")},
			{SKU: "FW-1", Family: "network", Unit: "seat", List: mp("50.00")},
			// A shirt in sizes: S and M carry their own prices, L takes
			// the shirt's; the shirt itself is priced at its lowest size
			// in the bundle.
			{SKU: "SHIRT", Family: "merch", Unit: "each", List: mp("25.00")},
			{SKU: "SHIRT-S", Parent: "SHIRT", List: mp("20.00")},
			{SKU: "SHIRT-M", Parent: "SHIRT", List: mp("22.00")},
			{SKU: "SHIRT-L", Parent: "SHIRT"},
			{SKU: "MUG", Family: "merch", ListFromVariants: true},
			{SKU: "MUG-RED", Parent: "MUG", List: mp("9.00")},
			{SKU: "MUG-BLUE", Parent: "MUG", List: mp("7.50")},
		}}
}

func treeFramework(rules ...pricing.Rule) pricing.Framework {
	fw := framework(first, rules...)
	fw.Families = []pricing.FamilyNode{{ID: "security"}, {ID: "endpoint", Parent: "security"}, {ID: "edr", Parent: "endpoint"},
		{ID: "network", Parent: "security"}}
	return fw
}

func famRule(id pricing.RuleID, p string, fams ...pricing.Family) pricing.Rule {
	return with(offList(id, "g", p), func(r *pricing.Rule) { r.When.Families = fams })
}

func TestFamilyTree(t *testing.T) {
	sec, endpoint, edr := famRule("security", "10", "security"), famRule("endpoint", "15", "endpoint"), famRule("edr", "20", "edr")
	for _, tc := range []struct {
		name  string
		rules []pricing.Rule
		line  pricing.QuoteLine
		want  summary
	}{
		{"a rule on security covers its grandchild edr", []pricing.Rule{sec}, line("EDR-1", "1"),
			summary{Steps: []string{"security 10 → 90"}, NetUnit: "90", NetExt: "90"}},
		{"a deeper family wins: endpoint beats security", []pricing.Rule{sec, endpoint}, line("EDR-1", "1"),
			summary{Steps: []string{"endpoint 15 → 85"}, NetUnit: "85", NetExt: "85", Skipped: []string{`security: not selected: "endpoint" won the group`}}},
		{"the line's own family wins over both", []pricing.Rule{sec, endpoint, edr}, line("EDR-1", "1"),
			summary{Steps: []string{"edr 20 → 80"}, NetUnit: "80", NetExt: "80",
				Skipped: []string{`endpoint: not selected: "edr" won the group`, `security: not selected: "edr" won the group`}}},
		{"a sibling subtree is not covered", []pricing.Rule{sec, endpoint}, line("FW-1", "1"),
			summary{Steps: []string{"security 5 → 45"}, NetUnit: "45", NetExt: "45"}},
		{"a book conversion for security covers edr", []pricing.Rule{sec}, unitLine("EDR-1", "1", "pack"),
			summary{Steps: []string{"security 100 → 900"}, NetUnit: "900", NetExt: "900"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summarize(priceLine(t, []pricing.PriceBook{treeBook()}, treeFramework(tc.rules...), quote("gold", tc.line)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("lines of a family count its subfamilies", func(t *testing.T) {
		r := with(offList("bundle", "g", "5"), func(r *pricing.Rule) {
			r.When.Lines = []pricing.LinesCondition{{Families: []pricing.Family{"security"}, MinQuantity: dp("15")}}
		})
		got := summarize(priceLine(t, []pricing.PriceBook{treeBook()}, treeFramework(r), quote("gold", line("EDR-1", "10"), line("FW-1", "5"))))
		if diff := cmp.Diff(summary{Steps: []string{"bundle 5 → 95"}, NetUnit: "95", NetExt: "950"}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestVariants(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{treeBook()}, treeFramework(famRule("merch", "10", "merch")))
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", line("SHIRT-S", "1"), line("SHIRT-L", "1"), line("MUG", "1")), day)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range r.Lines {
		got = append(got, string(l.SKU)+" "+string(l.Family)+" "+l.Unit+": "+canon(l.List.Amount())+" → "+canon(l.NetUnit.Amount()))
	}
	want := []string{
		"SHIRT-S merch each: 20 → 18",   // its own price, the parent's family and unit
		"SHIRT-L merch each: 25 → 22.5", // the parent's price
		"MUG merch : 7.5 → 6.75",        // its lowest variant's price
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestHierarchyValidation(t *testing.T) {
	march := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	b := treeBook()
	b.Entries = append(b.Entries,
		pricing.Entry{SKU: "SHIRT", Family: "merch", List: mp("30.00"), From: march},
		pricing.Entry{SKU: "SHIRT-XL", Parent: "SHIRT"},                  // spans both shirt prices
		pricing.Entry{SKU: "SHIRT-XXL", Parent: "SHIRT-S"},               // a variant of a variant
		pricing.Entry{SKU: "CAP", ListFromVariants: true, List: mp("1")}, // own price and no variants
	)
	b.Entries[2].Until = march
	fw := treeFramework(famRule("mixed", "1", "security", "edr"))
	fw.Families = append(fw.Families, pricing.FamilyNode{ID: "a", Parent: "b"}, pricing.FamilyNode{ID: "b", Parent: "a"},
		pricing.FamilyNode{ID: "x", Parent: "nowhere"}, pricing.FamilyNode{ID: "edr"})
	_, err := pricing.Compile([]pricing.PriceBook{b}, fw)
	want := []string{
		"books[us].entries[SHIRT-XXL].parent",
		"books[us].entries[CAP].list", "books[us].entries[CAP].list_from_variants",
		"families[edr].id", "families[x].parent", "families[a].parent", "families[b].parent",
	}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	fw.Families = fw.Families[:4]
	b.Entries = b.Entries[:len(b.Entries)-2]
	_, err = pricing.Compile([]pricing.PriceBook{b}, fw)
	want = []string{"rules[mixed].when.families[1]"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	fw = treeFramework()
	_, err = pricing.Compile([]pricing.PriceBook{b}, fw)
	want = []string{"books[us].entries[SHIRT-L].parent", "books[us].entries[SHIRT-XL].parent"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}
