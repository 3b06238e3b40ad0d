package pricing_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func TestFormulaMarginAmounts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		basis   pricing.Basis
		formula pricing.Formula
		want    string // SEC-100's list price (list 100.00, cost 30.00)
	}{
		{"cost + 100% capped at cost + 25.00", pricing.BasisCost,
			pricing.Formula{Markup: pct("100"), MaxMarginAmount: mp("25.00")}, "55"},
		{"cost + 10% raised to cost + 20.00", pricing.BasisCost,
			pricing.Formula{Markup: pct("10"), MinMarginAmount: mp("20.00")}, "50"},
		{"30% off list, a negative minimum margin caps the discount at 20.00", pricing.BasisList,
			pricing.Formula{Discount: pct("30"), MinMarginAmount: mp("-20.00")}, "80"},
		{"a negative discount marks up where allowed", pricing.BasisList,
			pricing.Formula{Discount: pct("-10"), AllowNegative: true}, "110"},
		{"Odoo's .99 pricing: 15% off, round to 1, surcharge -0.01", pricing.BasisList,
			pricing.Formula{Discount: pct("15"), Increment: dec("1"), Surcharge: m("-0.01"), AllowNegative: true}, "84.99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := usBook()
			b.Basis, b.Formula = tc.basis, &tc.formula
			if tc.basis == pricing.BasisCost {
				b.Entries[0].List = nil
			}
			e, err := pricing.Compile([]pricing.PriceBook{b}, framework(add))
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.ListPrice("us", "SEC-100", day)
			if err != nil {
				t.Fatal(err)
			}
			if canon(got.Amount()) != tc.want {
				t.Errorf("list = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestFormulaEffect(t *testing.T) {
	formula := func(id pricing.RuleID, base pricing.FormulaBase, f pricing.Formula) pricing.Rule {
		return pricing.Rule{ID: id, Group: "g", Effect: pricing.Effect{Kind: pricing.EffectFormula, Formula: &f, Base: base}}
	}
	runWaterfall(t, []waterfallCase{
		{name: "an Odoo pricelist rule: 15% off list, rounded to 1, less 0.01", groups: first,
			rules: []pricing.Rule{formula("odoo", pricing.FormulaList, pricing.Formula{Discount: pct("15"), Increment: dec("1"),
				Surcharge: m("-0.01"), AllowNegative: true})},
			want: summary{Steps: []string{"odoo 15.01 → 84.99"}, NetUnit: "84.99", NetExt: "849.9"}},
		{name: "cost plus 50%, at most 40.00 over cost", groups: first,
			rules: []pricing.Rule{formula("cost-plus", pricing.FormulaCost, pricing.Formula{Markup: pct("50"), MaxMarginAmount: mp("40")})},
			want:  summary{Steps: []string{"cost-plus 55 → 45"}, NetUnit: "45", NetExt: "450"}},
		{name: "30% off the running price, but never more than 20.00 off it", groups: comp,
			rules: []pricing.Rule{with(amountOff("first", "g", "10"), func(r *pricing.Rule) { r.Priority = 1 }),
				formula("capped", "", pricing.Formula{Discount: pct("30"), MinMarginAmount: mp("-20")})},
			want: summary{Steps: []string{"first 10 → 90", "capped 20 → 70"}, NetUnit: "70", NetExt: "700"}},
		{name: "a cost formula on a SKU without a cost fails its cost condition", groups: first,
			rules: []pricing.Rule{formula("cost-plus", pricing.FormulaCost, pricing.Formula{Markup: pct("50")})},
			quote: quote("gold", line("SVC-1", "1")),
			want:  summary{Skipped: []string{"cost-plus: condition failed: cost (wants a cost in the price book)"}, NetUnit: "1500", NetExt: "1500"}},
		{name: "a formula amount is per stock unit: 5.00 surcharge is 60.00 a box", groups: first, book: unitBook,
			rules: []pricing.Rule{formula("sur", pricing.FormulaList, pricing.Formula{Surcharge: m("5")})},
			quote: quote("gold", unitLine("SEC-100", "1", "box")),
			want:  summary{Steps: []string{"sur -60 → 1260"}, NetUnit: "1260", NetExt: "1260"}},
	})
}

func TestCapsAsAmounts(t *testing.T) {
	capped := func(cap string, pctCap string) []pricing.Group {
		g := pricing.Group{ID: "g", Mode: pricing.CombineAdditive, CapAmount: mp(cap)}
		if pctCap != "" {
			g.Cap = pp(pctCap)
		}
		return []pricing.Group{g}
	}
	three := []pricing.Group{group("a", pricing.CombineFirst), group("b", pricing.CombineFirst), group("c", pricing.CombineFirst)}
	runWaterfall(t, []waterfallCase{
		{name: "group cap 25.00: 20 + 15 is cut to 20 + 5", groups: capped("25", ""),
			rules: []pricing.Rule{offList("a", "g", "20"), offList("b", "g", "15")},
			want:  summary{Steps: []string{"a 20 → 80", "b 5 → 75 (group_cap, requested 15)"}, NetUnit: "75", NetExt: "750"}},
		{name: "the tighter of 30% and 25.00 holds", groups: capped("25", "30"),
			rules: []pricing.Rule{offList("a", "g", "40")},
			want:  summary{Steps: []string{"a 25 → 75 (group_cap, requested 40)"}, NetUnit: "75", NetExt: "750"}},
		{name: "the tighter of 20% and 25.00 holds", groups: capped("25", "20"),
			rules: []pricing.Rule{offList("a", "g", "40")},
			want:  summary{Steps: []string{"a 20 → 80 (group_cap, requested 40)"}, NetUnit: "80", NetExt: "800"}},
		{name: "total cap 30.00 across groups", groups: three,
			rules: []pricing.Rule{offList("a", "a", "20"), offList("b", "b", "20"), amountOff("c", "c", "1")},
			fw:    func(f *pricing.Framework) { f.TotalCapAmount = mp("30") },
			want: summary{Steps: []string{"a 20 → 80", "b 10 → 70 (total_cap, requested 20)"}, NetUnit: "70", NetExt: "700",
				Skipped: []string{"c: capped: nothing left under the cap"}}},
		{name: "cap amounts are per stock unit: 25.00 a seat is 300.00 a box", groups: capped("25", ""), book: unitBook,
			rules: []pricing.Rule{offList("a", "g", "40")}, quote: quote("gold", unitLine("SEC-100", "1", "box")),
			want: summary{Steps: []string{"a 300 → 900 (group_cap, requested 480)"}, NetUnit: "900", NetExt: "900"}},
	})
}

func TestMarginAmountValidation(t *testing.T) {
	b := usBook()
	b.Formula = &pricing.Formula{Discount: pct("-5"), MinMarginAmount: mp("10"), MaxMarginAmount: mp("5"), Surcharge: m("-1")}
	fw := framework([]pricing.Group{{ID: "g", Mode: pricing.CombineAdditive, CapAmount: mp("-1")}},
		pricing.Rule{ID: "f", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectFormula, Formula: &pricing.Formula{Markup: pct("-1")}}},
		pricing.Rule{ID: "base", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pp("1"), Base: pricing.FormulaList}})
	fw.TotalCapAmount = ptr(partnerops.MustMoney("5", partnerops.EUR))
	_, err := pricing.Compile([]pricing.PriceBook{b}, fw)
	want := []string{
		"books[us].formula.discount", "books[us].formula.surcharge", "books[us].formula.max_margin_amount",
		"total_cap_amount", "groups[g].cap_amount",
		"rules[f].effect.formula.markup", "rules[base].effect.base",
	}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}
