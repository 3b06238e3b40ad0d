package pricing_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/pricing"
)

func TestGroupsOfGroups(t *testing.T) {
	nest := func(parentCap string) []pricing.Group {
		p := pricing.Group{ID: "promo", Mode: pricing.CombineBestOf}
		if parentCap != "" {
			p.Cap = pp(parentCap)
		}
		return []pricing.Group{group("partner", pricing.CombineFirst), p,
			{ID: "chain", Mode: pricing.CombineCompounding, Within: "promo"}, group("after", pricing.CombineAdditive)}
	}
	clearance := offList("clearance", "promo", "25")
	chain := func(a, b string) []pricing.Rule {
		return []pricing.Rule{with(offRunning("c1", "chain", a), func(r *pricing.Rule) { r.Priority = 1 }), offRunning("c2", "chain", b)}
	}
	runWaterfall(t, []waterfallCase{
		{name: "the single offer (25%) beats the chain (15% then 10% = 23.5%)", groups: nest(""),
			rules: append([]pricing.Rule{clearance, amountOff("last", "after", "1")}, chain("15", "10")...),
			want: summary{Steps: []string{"clearance 25 → 75", "last 1 → 74"}, NetUnit: "74", NetExt: "740",
				Skipped: []string{`c1: not selected: "clearance" won the group`, `c2: not selected: "clearance" won the group`}}},
		{name: "the chain (20% then 10% = 28%) beats the single offer", groups: nest(""),
			rules: append([]pricing.Rule{clearance}, chain("20", "10")...),
			want: summary{Steps: []string{"c1 20 → 80", "c2 8 → 72"}, NetUnit: "72", NetExt: "720",
				Skipped: []string{`clearance: not selected: "c1" won the group`}}},
		{name: "the parent's cap bounds the chain: 28% is cut to 26%, still the best", groups: nest("26"),
			rules: append([]pricing.Rule{clearance}, chain("20", "10")...),
			want: summary{Steps: []string{"c1 20 → 80", "c2 6 → 74 (group_cap, requested 8)"}, NetUnit: "74", NetExt: "740",
				Skipped: []string{`clearance: not selected: "c1" won the group`}}},
		{name: "a partner discount before the stage: offers work on 90", groups: nest(""),
			rules: append([]pricing.Rule{offList("tier", "partner", "10"), clearance}, chain("20", "10")...),
			want: summary{Steps: []string{"tier 10 → 90", "c1 18 → 72", "c2 7.2 → 64.8"}, NetUnit: "64.8", NetExt: "648",
				Skipped: []string{`clearance: not selected: "c1" won the group`}}},
	})
}

func TestBestExclusive(t *testing.T) {
	rules := []pricing.Rule{
		with(offList("a", "promo", "10"), func(r *pricing.Rule) { r.Exclusive, r.Priority = true, 5 }),
		with(offList("b", "promo", "15"), func(r *pricing.Rule) { r.Exclusive = true }),
		offList("other", "partner", "20"),
	}
	groups := func(best bool) []pricing.Group {
		return []pricing.Group{group("partner", pricing.CombineFirst), {ID: "promo", Mode: pricing.CombineAdditive, BestExclusive: best}}
	}
	runWaterfall(t, []waterfallCase{
		{name: "by precedence the higher priority exclusive rule wins", groups: groups(false), rules: rules,
			want: summary{Steps: []string{"a 10 → 90"}, NetUnit: "90", NetExt: "900",
				Skipped: []string{`other: excluded by "a"`, `b: excluded by "a"`}}},
		{name: "when the group asks, the largest exclusive discount wins", groups: groups(true), rules: rules,
			want: summary{Steps: []string{"b 15 → 85"}, NetUnit: "85", NetExt: "850",
				Skipped: []string{`other: excluded by "b"`, `a: excluded by "b"`}}},
	})
}

func TestNestedGroupValidation(t *testing.T) {
	groups := []pricing.Group{
		{ID: "p", Mode: pricing.CombineBestOf}, {ID: "a", Mode: pricing.CombineCompounding, Within: "p"},
		{ID: "q", Mode: pricing.CombineFirst}, {ID: "b", Mode: pricing.CombineAdditive, Within: "p"},
		{ID: "c", Mode: pricing.CombineAdditive, Within: "q"}, {ID: "d", Mode: pricing.CombineAdditive, Within: "a"},
		{ID: "e", Mode: pricing.CombineAdditive, Within: "nope"},
	}
	fw := framework(groups, freeRule("f", pricing.FreeGoods{Buy: dec("1"), Get: dec("1")}))
	fw.Rules[0].Group = "a"
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{"groups[b].within", "groups[c].within", "groups[d].within", "groups[e].within", "rules[f].group"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}
