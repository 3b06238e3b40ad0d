package pricing_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// freeRule is a free-goods rule in group "free".
func freeRule(id pricing.RuleID, f pricing.FreeGoods) pricing.Rule {
	return pricing.Rule{ID: id, Group: "free", Effect: pricing.Effect{Kind: pricing.EffectFreeGoods, Free: &f}}
}

// freeLine summarizes a result line: "SKU qty unit: list → net (free
// with line N by rule)".
func freeLine(l pricing.LineResult) string {
	s := fmt.Sprintf("%s %s %s: %s → %s, ext %s", l.SKU, canon(l.Quantity), l.Unit, canon(l.List.Amount()), canon(l.NetUnit.Amount()), canon(l.NetExtended.Amount()))
	if l.FreeOf > 0 {
		s += fmt.Sprintf(" (free with line %d by %s)", l.FreeOf, l.FreeRule)
	}
	return s
}

func TestFreeGoods(t *testing.T) {
	pricingGroups := []pricing.Group{group("g", pricing.CombineAdditive), group("free", pricing.CombineAdditive)}
	one := dec("1")
	ten := dec("10")
	halfUp := partnerops.RoundHalfUp
	for _, tc := range []struct {
		name   string
		groups []pricing.Group
		rules  []pricing.Rule
		lines  []pricing.QuoteLine
		want   []string
	}{
		{name: "buy 10 get 1 once: 25 seats earn 1", rules: []pricing.Rule{freeRule("b10g1", pricing.FreeGoods{Buy: ten, Get: one})},
			lines: []pricing.QuoteLine{line("SEC-100", "25")},
			want:  []string{"SEC-100 25 seat: 100 → 100, ext 2500", "SEC-100 1 seat: 100 → 0, ext 0 (free with line 1 by b10g1)"}},
		{name: "recursive: 25 seats hold 10 twice", rules: []pricing.Rule{freeRule("b10g1", pricing.FreeGoods{Buy: ten, Get: one, Recursive: true})},
			lines: []pricing.QuoteLine{line("SEC-100", "25")},
			want:  []string{"SEC-100 25 seat: 100 → 100, ext 2500", "SEC-100 2 seat: 100 → 0, ext 0 (free with line 1 by b10g1)"}},
		{name: "recursive, rounding half up: 25 / 10 = 2.5 → 3", rules: []pricing.Rule{freeRule("b10g1", pricing.FreeGoods{Buy: ten, Get: one, Recursive: true, Rounding: &halfUp})},
			lines: []pricing.QuoteLine{line("SEC-100", "25")},
			want:  []string{"SEC-100 25 seat: 100 → 100, ext 2500", "SEC-100 3 seat: 100 → 0, ext 0 (free with line 1 by b10g1)"}},
		{name: "recursive, one place: 2.5 times 2 = 5 free", rules: []pricing.Rule{freeRule("b10g2", pricing.FreeGoods{Buy: ten, Get: dec("2"), Recursive: true, Places: 1})},
			lines: []pricing.QuoteLine{line("SEC-100", "25")},
			want:  []string{"SEC-100 25 seat: 100 → 100, ext 2500", "SEC-100 5 seat: 100 → 0, ext 0 (free with line 1 by b10g2)"}},
		{name: "another SKU at a price: onboarding at 100.00 for 10 seats",
			rules: []pricing.Rule{with(freeRule("onboard", pricing.FreeGoods{Buy: ten, Get: one, SKU: "SVC-1", Price: mp("100.00")}),
				func(r *pricing.Rule) { r.When.SKUs = []pricing.SKU{"SEC-100"} })},
			lines: []pricing.QuoteLine{line("SEC-100", "10"), line("STO-100", "50")},
			want: []string{"SEC-100 10 seat: 100 → 100, ext 1000", "STO-100 50 TB: 40 → 40, ext 2000",
				"SVC-1 1 each: 1500 → 100, ext 100 (free with line 1 by onboard)"}},
		{name: "the paid line keeps its price", groups: pricingGroups,
			rules: []pricing.Rule{offList("tier", "g", "20"), freeRule("b10g1", pricing.FreeGoods{Buy: ten, Get: one})},
			lines: []pricing.QuoteLine{line("SEC-100", "10")},
			want:  []string{"SEC-100 10 seat: 100 → 80, ext 800", "SEC-100 1 seat: 100 → 0, ext 0 (free with line 1 by b10g1)"}},
		{name: "best of: the more valuable free goods win",
			groups: []pricing.Group{group("free", pricing.CombineBestOf)},
			rules: []pricing.Rule{freeRule("storage", pricing.FreeGoods{Buy: ten, Get: dec("5"), SKU: "STO-100"}),
				freeRule("seat", pricing.FreeGoods{Buy: ten, Get: one})},
			lines: []pricing.QuoteLine{line("SEC-100", "10")},
			want:  []string{"SEC-100 10 seat: 100 → 100, ext 1000", "STO-100 5 TB: 40 → 0, ext 0 (free with line 1 by storage)"}},
		{name: "free goods in another unit: a box of 12", rules: []pricing.Rule{freeRule("box", pricing.FreeGoods{Buy: dec("100"), Get: one, Unit: "box"})},
			lines: []pricing.QuoteLine{line("SEC-100", "120")},
			want:  []string{"SEC-100 120 seat: 100 → 100, ext 12000", "SEC-100 1 box: 1200 → 0, ext 0 (free with line 1 by box)"}},
		{name: "quote-level quantity: 20 + 15 security seats across lines reach 30",
			rules: []pricing.Rule{with(freeRule("bundle", pricing.FreeGoods{Buy: one, Get: one, SKU: "SVC-1"}), func(r *pricing.Rule) {
				r.When.SKUs = []pricing.SKU{"SEC-100"}
				r.When.Lines = []pricing.LinesCondition{{Families: []pricing.Family{"security"}, MinQuantity: dp("30")}}
			})},
			lines: []pricing.QuoteLine{line("SEC-100", "20"), line("SEC-200", "15")},
			want: []string{"SEC-100 20 seat: 100 → 100, ext 2000", "SEC-200 15 seat: 250 → 250, ext 3750",
				"SVC-1 1 each: 1500 → 0, ext 0 (free with line 1 by bundle)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			groups := tc.groups
			if groups == nil {
				groups = []pricing.Group{group("free", pricing.CombineAdditive)}
			}
			e, err := pricing.Compile([]pricing.PriceBook{unitBookOf()}, framework(groups, tc.rules...))
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.Price(quote("gold", tc.lines...), day)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range r.Lines {
				got = append(got, freeLine(l))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s\n%s", diff, r.Text())
			}
			checkRoundTrip(t, r)
		})
	}
}

// unitBookOf is the sample book with its unit conversions.
func unitBookOf() pricing.PriceBook {
	b := usBook()
	unitBook(&b)
	return b
}

func TestFreeGoodsExplained(t *testing.T) {
	fw := framework([]pricing.Group{group("free", pricing.CombineAdditive)},
		with(freeRule("b10g1", pricing.FreeGoods{Buy: dec("10"), Get: dec("1")}), func(r *pricing.Rule) { r.Approval = "manager" }))
	fw.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}, {Level: "vp", Above: pct("35")}}
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", line("SEC-100", "12"), line("SEC-100", "5")), day)
	if err != nil {
		t.Fatal(err)
	}
	free := r.Lines[2]
	if got := []any{free.Line, free.EffectiveDiscount.String(), free.Approval, r.Approval}; !cmp.Equal(got, []any{3, "100.0000%", pricing.ApprovalLevel("manager"), pricing.ApprovalLevel("manager")}) {
		t.Errorf("free line %v: want line 3, 100%% off, the rule's manager level (not the VP threshold)", got)
	}
	steps := free.Steps()
	if len(steps) != 1 || steps[0].Rule != "b10g1" || steps[0].Effect != pricing.EffectFreeGoods || steps[0].Describe() != "free goods" {
		t.Errorf("free line steps = %+v", steps)
	}
	if diff := cmp.Diff([]string{"b10g1: condition failed: quantity (wants quantity at least 10)"}, summarize(&r.Lines[1]).Skipped); diff != "" {
		t.Errorf("line 2 skipped (-want +got):\n%s", diff)
	}
	checkRoundTrip(t, r)
}

func TestFreeGoodsErrors(t *testing.T) {
	other := pricing.PriceBook{ID: "eu", Currency: partnerops.EUR, Entries: []pricing.Entry{{SKU: "SEC-100", List: ptr(partnerops.MustMoney("90", partnerops.EUR))}}}
	fw := framework([]pricing.Group{group("free", pricing.CombineAdditive)}, freeRule("r", pricing.FreeGoods{Buy: dec("1"), Get: dec("1"), SKU: "SVC-1"}))
	fw.Currency = ""
	e, err := pricing.Compile([]pricing.PriceBook{usBook(), other}, fw)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Price(pricing.Quote{Book: "eu", Lines: []pricing.QuoteLine{line("SEC-100", "1")}}, day)
	if !errors.Is(err, pricing.ErrUnknownSKU) {
		t.Fatalf("error %v, want ErrUnknownSKU", err)
	}
	if want := `pricing: line 1 (SKU "SEC-100"): free goods of rule "r": SKU "SVC-1": unknown SKU`; err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", err, want)
	}
}

func TestFreeGoodsValidation(t *testing.T) {
	fw := framework([]pricing.Group{group("g", pricing.CombineAdditive)},
		offList("price", "g", "10"),
		freeRule("mixed", pricing.FreeGoods{Buy: dec("0"), Get: dec("-1"), SKU: "NOPE", Places: 7}),
		pricing.Rule{ID: "nofree", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectFreeGoods}},
		with(offList("lines", "g", "1"), func(r *pricing.Rule) { r.When.Lines = []pricing.LinesCondition{{SKUs: []pricing.SKU{"X"}}} }),
	)
	fw.Rules[1].Group = "g"
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{
		"rules[mixed].effect.free.buy", "rules[mixed].effect.free.get", "rules[mixed].effect.free.sku", "rules[mixed].effect.free.places",
		"rules[nofree].effect.free",
		"rules[lines].when.lines[0].skus[0]", "rules[lines].when.lines[0]",
		"rules[mixed].group", "rules[nofree].group",
	}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}
