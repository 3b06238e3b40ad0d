package pricing_test

import (
	"testing"

	"github.com/partnerops/partnerops/pricing"
)

// TestMigrationSemantics reproduces the stacking semantics deal desks
// bring from other systems with the framework's knobs. Every case prices
// SEC-100 (list 100.00) × 10 for a gold partner.
func TestMigrationSemantics(t *testing.T) {
	twoStage := []pricing.Group{group("margin", pricing.CombineAdditive), group("discount", pricing.CombineAdditive)}
	stages := []pricing.Group{group("partner", pricing.CombineFirst), group("promo", pricing.CombineAdditive)}
	runWaterfall(t, []waterfallCase{
		{name: "one winning rule by specificity then priority: the SKU rule's 5% beats a global 20%", groups: first,
			rules: []pricing.Rule{
				with(offList("global", "g", "20"), func(r *pricing.Rule) { r.Priority = 100 }),
				with(offList("sku", "g", "5"), func(r *pricing.Rule) { r.When.SKUs = []pricing.SKU{"SEC-100"} }),
			},
			want: summary{Steps: []string{"sku 5 → 95"}, NetUnit: "95", NetExt: "950",
				Skipped: []string{`global: not selected: "sku" won the group`}}},
		{name: "percentages summed: 20% + 10% = 30% (ERPNext multiple rules)", groups: add,
			rules: []pricing.Rule{offList("a", "g", "20"), offList("b", "g", "10")},
			want:  summary{Steps: []string{"a 20 → 80", "b 10 → 70"}, NetUnit: "70", NetExt: "700"}},
		{name: "percentages compounded on the running price: 20% then 10% = 28%", groups: comp,
			rules: []pricing.Rule{offRunning("a", "g", "20"), offRunning("b", "g", "10")},
			want:  summary{Steps: []string{"a 20 → 80", "b 8 → 72"}, NetUnit: "72", NetExt: "720"}},
		{name: "percent and amount converted to amounts and summed: 15% + 7.50 (OFBiz)", groups: add,
			rules: []pricing.Rule{offList("pct", "g", "15"), amountOff("amt", "g", "7.50")},
			want:  summary{Steps: []string{"amt 7.5 → 92.5", "pct 15 → 77.5"}, NetUnit: "77.5", NetExt: "775"}},
		{name: "margin added before the discount: +20% then 25% off the marked-up price", groups: twoStage,
			rules: []pricing.Rule{
				{ID: "margin", Group: "margin", Effect: pricing.Markup(pct("20"))},
				offRunning("disc", "discount", "25"),
			},
			want: summary{Steps: []string{"margin -20 → 120", "disc 30 → 90"}, NetUnit: "90", NetExt: "900"}},
		{name: "an exclusive rule beats everything", groups: stages,
			rules: []pricing.Rule{
				offList("tier", "partner", "20"), offList("promo", "promo", "10"),
				with(offList("clearance", "promo", "12"), func(r *pricing.Rule) { r.Exclusive = true }),
			},
			want: summary{Steps: []string{"clearance 12 → 88"}, NetUnit: "88", NetExt: "880",
				Skipped: []string{`tier: excluded by "clearance"`, `promo: excluded by "clearance"`}}},
	})
}
