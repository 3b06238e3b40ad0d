package pricing_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func warningTexts(e *pricing.Engine) []string {
	var out []string
	for _, w := range e.Warnings() {
		out = append(out, w.String())
	}
	return out
}

// Issue 12: definitions that are valid but probably not meant come back
// as warnings.
func TestWarnings(t *testing.T) {
	tier := func(r pricing.Rule, tiers ...partnerops.Tier) pricing.Rule {
		r.When.Tiers = tiers
		return r
	}
	cases := []struct {
		name   string
		groups []pricing.Group
		rules  []pricing.Rule
		edit   func(*pricing.Framework)
		want   []string
	}{
		{name: "a percent between 0 and 1", groups: add,
			rules: []pricing.Rule{offList("tier-gold", "g", "0.2")},
			edit:  func(fw *pricing.Framework) { fw.TotalCap = pp("0.5") },
			want: []string{
				`total_cap: a percent between 0 and 1 is a fraction of a percent: "0.5" is 0.5%; for 50% write "50" (got "0.5")`,
				`rules[tier-gold].effect.percent: a percent between 0 and 1 is a fraction of a percent: "0.2" is 0.2%; for 20% write "20" (got "0.2")`,
			}},
		{name: "SKUs outside the rule's families", groups: add,
			rules: []pricing.Rule{with(offList("r", "g", "5"), func(r *pricing.Rule) {
				r.When.SKUs, r.When.Families = []pricing.SKU{"SEC-100"}, []pricing.Family{"storage"}
			})},
			want: []string{"rules[r].when.families: no quote can reach this rule: none of its SKUs is in one of its families"}},
		{name: "line minimum above the deal maximum", groups: add,
			rules: []pricing.Rule{with(offList("r", "g", "5"), func(r *pricing.Rule) {
				r.When.MinLineValue, r.When.MaxDealValue = mp("1000"), mp("500")
			})},
			want: []string{`rules[r].when.max_deal_value: no quote can reach this rule: a line's value is part of the deal value, which must stay below the line's minimum (got "500")`}},
		{name: "quantity range outside the schedule", groups: add,
			rules: []pricing.Rule{with(volume(pricing.ScheduleRange, pricing.ScheduleTier{From: dec("50"), Percent: pp("5")}),
				func(r *pricing.Rule) { r.When.MaxQuantity = dp("10") })},
			want: []string{"rules[vol].when: no quote can reach this rule: its quantity range meets none of its schedule's tiers"}},
		{name: "a catch-all rule shadows lower rules of a first group", groups: first,
			rules: []pricing.Rule{with(offList("all", "g", "5"), func(r *pricing.Rule) { r.Priority = 5 }), tier(offList("gold", "g", "10"), "gold")},
			want:  []string{`rules[gold]: no quote can reach this rule: rule "all" has no conditions and higher standing, so it always wins group "g"`}},
		{name: "an unconditional exclusive rule", groups: add,
			rules: []pricing.Rule{with(offList("vip", "g", "5"), func(r *pricing.Rule) { r.Exclusive = true }), offList("other", "g", "1")},
			want:  []string{"rules[vip].exclusive: an exclusive rule without conditions applies to every line and excludes every other rule: no other rule can ever apply"}},
		{name: "two rules that can tie", groups: first,
			rules: []pricing.Rule{tier(offList("a", "g", "5"), "gold", "silver"), tier(offList("b", "g", "6"), "gold"), tier(offList("c", "g", "7"), "platinum")},
			want:  []string{`rules[b].priority: can tie with rule "a" in group "g" (same specificity and priority); a quote both match fails with a conflict: give one a higher priority or set tie_break`}},
		{name: "no tie across disjoint windows, attributes or a tie-break", groups: first,
			rules: []pricing.Rule{
				with(offList("a", "g", "5"), func(r *pricing.Rule) { r.When.Until = day }),
				with(offList("b", "g", "6"), func(r *pricing.Rule) { r.When.From = day }),
			}},
		{name: "ties resolved by rule ID are no warning", groups: first,
			rules: []pricing.Rule{tier(offList("a", "g", "5"), "gold"), tier(offList("b", "g", "6"), "gold")},
			edit:  func(fw *pricing.Framework) { fw.TieBreak = pricing.TieBreakRuleID }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fw := framework(tc.groups, tc.rules...)
			if tc.edit != nil {
				tc.edit(&fw)
			}
			e, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, warningTexts(e)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
	// The sample framework is clean.
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, sampleFramework())
	if err != nil {
		t.Fatal(err)
	}
	if got := warningTexts(e); len(got) != 0 {
		t.Errorf("sample framework warnings: %v", got)
	}
}
