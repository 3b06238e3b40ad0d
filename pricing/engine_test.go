package pricing_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

type waterfallCase struct {
	name   string
	groups []pricing.Group
	rules  []pricing.Rule
	fw     func(*pricing.Framework) // optional tweaks
	book   func(*pricing.PriceBook) // optional tweaks
	quote  pricing.Quote            // defaults to gold, SEC-100 × 10
	want   summary
}

func runWaterfall(t *testing.T, cases []waterfallCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fw := framework(tc.groups, tc.rules...)
			if tc.fw != nil {
				tc.fw(&fw)
			}
			b := usBook()
			if tc.book != nil {
				tc.book(&b)
			}
			q := tc.quote
			if q.Lines == nil {
				q = quote("gold", line("SEC-100", "10"))
			}
			got := summarize(priceLine(t, []pricing.PriceBook{b}, fw, q))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("waterfall mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var (
	add   = []pricing.Group{group("g", pricing.CombineAdditive)}
	comp  = []pricing.Group{group("g", pricing.CombineCompounding)}
	first = []pricing.Group{group("g", pricing.CombineFirst)}
	best  = []pricing.Group{group("g", pricing.CombineBestOf)}
)

func TestEffects(t *testing.T) {
	runWaterfall(t, []waterfallCase{
		{name: "percent off list: 100 - 15% = 85", groups: add, rules: []pricing.Rule{offList("r", "g", "15")},
			want: summary{Steps: []string{"r 15 → 85"}, NetUnit: "85", NetExt: "850"}},
		{name: "percent off running compounds: 100 -10% = 90 -10% = 81", groups: comp,
			rules: []pricing.Rule{offRunning("a", "g", "10"), offRunning("b", "g", "10")},
			want:  summary{Steps: []string{"a 10 → 90", "b 9 → 81"}, NetUnit: "81", NetExt: "810"}},
		{name: "amount off: 100 - 12.50 = 87.50", groups: add, rules: []pricing.Rule{amountOff("r", "g", "12.50")},
			want: summary{Steps: []string{"r 12.5 → 87.5"}, NetUnit: "87.5", NetExt: "875"}},
		{name: "fixed price 80 takes 20 off", groups: add,
			rules: []pricing.Rule{{ID: "r", Group: "g", Effect: pricing.FixedPrice(m("80"))}},
			want:  summary{Steps: []string{"r 20 → 80"}, NetUnit: "80", NetExt: "800"}},
		{name: "fixed price above running prices as written", groups: add,
			rules: []pricing.Rule{{ID: "r", Group: "g", Effect: pricing.FixedPrice(m("120"))}},
			want:  summary{Steps: []string{"r -20 → 120"}, NetUnit: "120", NetExt: "1200"}},
		{name: "a lower-only fixed price above running has no effect", groups: add,
			rules: []pricing.Rule{{ID: "r", Group: "g", LowerOnly: true, Effect: pricing.FixedPrice(m("120"))}},
			want:  summary{Skipped: []string{"r: no effect: would not lower the price"}, NetUnit: "100", NetExt: "1000"}},
		{name: "target margin 25% on the customer price 90 gives a buy price of 67.50",
			groups: []pricing.Group{group("customer", pricing.CombineFirst), group("partner", pricing.CombineFirst)},
			rules: []pricing.Rule{offList("cust", "customer", "10"),
				{ID: "margin", Group: "partner", Effect: pricing.TargetMargin(pct("25"))}},
			want: summary{Steps: []string{"cust 10 → 90", "margin 22.5 → 67.5"}, NetUnit: "67.5", NetExt: "675"}},
		{name: "target margin in a compounding group sets the buy price from the group's entry price",
			groups: []pricing.Group{group("g", pricing.CombineCompounding)},
			rules: []pricing.Rule{offRunning("a", "g", "10"),
				{ID: "b", Group: "g", Effect: pricing.TargetMargin(pct("25"))}},
			want: summary{Steps: []string{"a 10 → 90", "b 15 → 75"}, NetUnit: "75", NetExt: "750"}},
		{name: "markup 10% raises 100 to 110", groups: add,
			rules: []pricing.Rule{{ID: "r", Group: "g", Effect: pricing.Markup(pct("10"))}},
			want:  summary{Steps: []string{"r -10 → 110"}, NetUnit: "110", NetExt: "1100"}},
		{name: "surcharge 5 raises 100 to 105", groups: add,
			rules: []pricing.Rule{{ID: "r", Group: "g", Effect: pricing.Surcharge(m("5"))}},
			want:  summary{Steps: []string{"r -5 → 105"}, NetUnit: "105", NetExt: "1050"}},
		{name: "negative percent is a surcharge where declared", groups: add,
			rules: []pricing.Rule{with(offList("r", "g", "-5"), func(r *pricing.Rule) { r.AllowIncrease = true })},
			want:  summary{Steps: []string{"r -5 → 105"}, NetUnit: "105", NetExt: "1050"}},
	})
}

func volume(kind pricing.ScheduleKind, tiers ...pricing.ScheduleTier) pricing.Rule {
	return pricing.Rule{ID: "vol", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectSchedule,
		Schedule: &pricing.Schedule{Kind: kind, Tiers: tiers}}}
}

// tiers [1,10) 0%, [10,50) 10%, [50,∞) 20%.
var pctTiers = []pricing.ScheduleTier{
	{From: dec("1"), To: dp("10"), Percent: pp("0")},
	{From: dec("10"), To: dp("50"), Percent: pp("10")},
	{From: dec("50"), Percent: pp("20")},
}

func TestSchedules(t *testing.T) {
	q := func(n string) pricing.Quote { return quote("gold", line("SEC-100", n)) }
	runWaterfall(t, []waterfallCase{
		{name: "range: 9 units fall in [1,10) at 0%", groups: add, rules: []pricing.Rule{volume(pricing.ScheduleRange, pctTiers...)},
			quote: q("9"), want: summary{Skipped: []string{"vol: no effect: would not lower the price"}, NetUnit: "100", NetExt: "900"}},
		{name: "range: 10 units, lower bound inclusive, 10% on all", groups: add, rules: []pricing.Rule{volume(pricing.ScheduleRange, pctTiers...)},
			quote: q("10"), want: summary{Steps: []string{"vol 10 → 90"}, NetUnit: "90", NetExt: "900"}},
		{name: "range: 50 units, upper bound exclusive, 20% on all", groups: add, rules: []pricing.Rule{volume(pricing.ScheduleRange, pctTiers...)},
			quote: q("50"), want: summary{Steps: []string{"vol 20 → 80"}, NetUnit: "80", NetExt: "4000"}},
		{name: "range: quantity below the first tier fails the schedule", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleRange, pricing.ScheduleTier{From: dec("20"), Percent: pp("5")})},
			quote: q("10"), want: summary{Skipped: []string{"vol: condition failed: schedule_tier (wants quantity in a tier, from 20)"}, NetUnit: "100", NetExt: "1000"}},
		// Slab, 60 units: 9 at 0%, 40 at 10% (400 off), 11 at 20% (220 off):
		// 620 off over 60 units = 10.333333 per unit at working precision.
		{name: "slab: 60 units = 9@0% + 40@10% + 11@20% = 5380.00 exactly; the unit price 89.67 derives from it", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleSlab, pctTiers...)},
			quote: q("60"), want: summary{Steps: []string{"vol 10.333333 → 89.666667"}, NetUnit: "89.67", NetExt: "5380"}},
		{name: "slab: same with extended rounding gives the exact 5380.00", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleSlab, pctTiers...)},
			book:  func(b *pricing.PriceBook) { b.Rounding.Target = pricing.RoundExtended },
			quote: q("60"), want: summary{Steps: []string{"vol 10.333333 → 89.666667"}, NetUnit: "89.666667", NetExt: "5380"}},
		{name: "slab with unit prices: 12 units = 9@100 + 3@80 = 1140", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleSlab,
				pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp("100")},
				pricing.ScheduleTier{From: dec("10"), Price: mp("80")})},
			book:  func(b *pricing.PriceBook) { b.Rounding.Target = pricing.RoundExtended },
			quote: q("12"), want: summary{Steps: []string{"vol 5 → 95"}, NetUnit: "95", NetExt: "1140"}},
		{name: "block: 12 units in [10,25) cost 900 for the line", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleBlock,
				pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp("500")},
				pricing.ScheduleTier{From: dec("10"), To: dp("25"), Price: mp("900")})},
			quote: q("12"), want: summary{Steps: []string{"vol 25 → 75"}, NetUnit: "75", NetExt: "900"}},
		{name: "block: 7 units cost 500 exactly; the unit price 71.43 derives from it", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleBlock, pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp("500")})},
			quote: q("7"), want: summary{Steps: []string{"vol 28.571429 → 71.428571"}, NetUnit: "71.43", NetExt: "500"}},
		{name: "block: 7 units cost 500; extended rounding gives 500.00", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleBlock, pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp("500")})},
			book:  func(b *pricing.PriceBook) { b.Rounding.Target = pricing.RoundExtended },
			quote: q("7"), want: summary{Steps: []string{"vol 28.571429 → 71.428571"}, NetUnit: "71.428571", NetExt: "500"}},
	})
}

// r10, r20 and r5 are three competing rules: 10% and 20% off list and
// 5.00 off.
func competing() []pricing.Rule {
	return []pricing.Rule{
		with(offList("r10", "g", "10"), func(r *pricing.Rule) { r.Priority = 1 }),
		with(offList("r20", "g", "20"), func(r *pricing.Rule) { r.Priority = 2 }),
		amountOff("r5", "g", "5"),
	}
}

func TestCombineModes(t *testing.T) {
	runWaterfall(t, []waterfallCase{
		{name: "first: highest priority r20 wins", groups: first, rules: competing(),
			want: summary{Steps: []string{"r20 20 → 80"}, NetUnit: "80", NetExt: "800",
				Skipped: []string{`r10: not selected: "r20" won the group`, `r5: not selected: "r20" won the group`}}},
		{name: "best_of: largest discount r20 wins", groups: best, rules: competing(),
			want: summary{Steps: []string{"r20 20 → 80"}, NetUnit: "80", NetExt: "800",
				Skipped: []string{`r10: not selected: "r20" won the group`, `r5: not selected: "r20" won the group`}}},
		{name: "best_of picks the amount when it is larger: 25.00 beats 20%", groups: best,
			rules: []pricing.Rule{offList("r20", "g", "20"), amountOff("r25", "g", "25")},
			want: summary{Steps: []string{"r25 25 → 75"}, NetUnit: "75", NetExt: "750",
				Skipped: []string{`r20: not selected: "r25" won the group`}}},
		{name: "additive: 20% + 10% + 5.00 = 35 off", groups: add, rules: competing(),
			want: summary{Steps: []string{"r20 20 → 80", "r10 10 → 70", "r5 5 → 65"}, NetUnit: "65", NetExt: "650"}},
		{name: "additive percent off running uses the group's entry price: 20% + 10% of 100", groups: add,
			rules: []pricing.Rule{offRunning("a", "g", "20"), offRunning("b", "g", "10")},
			want:  summary{Steps: []string{"a 20 → 80", "b 10 → 70"}, NetUnit: "70", NetExt: "700"}},
		{name: "compounding: 20% then 10% of 80 = 28 off", groups: comp,
			rules: []pricing.Rule{with(offRunning("a", "g", "20"), func(r *pricing.Rule) { r.Priority = 1 }), offRunning("b", "g", "10")},
			want:  summary{Steps: []string{"a 20 → 80", "b 8 → 72"}, NetUnit: "72", NetExt: "720"}},
		{name: "groups apply in declared order: regular then partner",
			groups: []pricing.Group{{ID: "regular", Mode: pricing.CombineFirst}, {ID: "partner", Mode: pricing.CombineFirst}},
			rules:  []pricing.Rule{offRunning("p", "partner", "10"), amountOff("promo", "regular", "20")},
			want:   summary{Steps: []string{"promo 20 → 80", "p 8 → 72"}, NetUnit: "72", NetExt: "720"}},
	})
}

func TestSpecificityAndTies(t *testing.T) {
	global := with(offList("global", "g", "20"), func(r *pricing.Rule) { r.Priority = 9 })
	family := with(offList("family", "g", "10"), func(r *pricing.Rule) {
		r.Priority = 5
		r.When.Families = []pricing.Family{"security"}
	})
	sku := with(offList("sku", "g", "5"), func(r *pricing.Rule) { r.When.SKUs = []pricing.SKU{"SEC-100"} })
	runWaterfall(t, []waterfallCase{
		{name: "SKU beats family beats global whatever the priority", groups: first, rules: []pricing.Rule{global, family, sku},
			want: summary{Steps: []string{"sku 5 → 95"}, NetUnit: "95", NetExt: "950",
				Skipped: []string{`family: not selected: "sku" won the group`, `global: not selected: "sku" won the group`}}},
		{name: "family beats global", groups: first, rules: []pricing.Rule{global, family},
			want: summary{Steps: []string{"family 10 → 90"}, NetUnit: "90", NetExt: "900",
				Skipped: []string{`global: not selected: "family" won the group`}}},
		{name: "tie broken by rule ID", groups: first, rules: []pricing.Rule{offList("b", "g", "20"), offList("a", "g", "10")},
			fw: func(f *pricing.Framework) { f.TieBreak = pricing.TieBreakRuleID },
			want: summary{Steps: []string{"a 10 → 90"}, NetUnit: "90", NetExt: "900",
				Skipped: []string{`b: not selected: "a" won the group`}}},
		{name: "tie broken by largest discount", groups: first, rules: []pricing.Rule{offList("b", "g", "20"), offList("a", "g", "10")},
			fw: func(f *pricing.Framework) { f.TieBreak = pricing.TieBreakLargestDiscount },
			want: summary{Steps: []string{"b 20 → 80"}, NetUnit: "80", NetExt: "800",
				Skipped: []string{`a: not selected: "b" won the group`}}},
	})
}

func TestTieConflictError(t *testing.T) {
	fw := framework(first, offList("b", "g", "20"), offList("a", "g", "10"))
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Price(quote("gold", line("SEC-100", "1")), day)
	var ce *pricing.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("Price() error = %v, want a *ConflictError", err)
	}
	if diff := cmp.Diff(pricing.ConflictError{Group: "g", A: "a", B: "b"}, *ce); diff != "" {
		t.Errorf("conflict (-want +got):\n%s", diff)
	}
	if !errors.Is(err, pricing.ErrConflict) {
		t.Errorf("errors.Is(err, ErrConflict) = false for %v", err)
	}
}

func TestExclusions(t *testing.T) {
	groups := []pricing.Group{group("partner", pricing.CombineFirst), group("dealreg", pricing.CombineAdditive), group("promo", pricing.CombineAdditive)}
	tier := offList("tier", "partner", "20")
	dr := offList("dealreg", "dealreg", "10")
	promo := offList("promo", "promo", "15")
	runWaterfall(t, []waterfallCase{
		{name: "no exclusions: 20 + 10 + 15 off list", groups: groups, rules: []pricing.Rule{tier, dr, promo},
			want: summary{Steps: []string{"tier 20 → 80", "dealreg 10 → 70", "promo 15 → 55"}, NetUnit: "55", NetExt: "550"}},
		{name: "promo not combinable with the deal-reg group", groups: groups,
			rules: []pricing.Rule{tier, dr, with(promo, func(r *pricing.Rule) { r.ExcludesGroups = []pricing.GroupID{"dealreg"}; r.Priority = 1 })},
			want: summary{Steps: []string{"tier 20 → 80", "promo 15 → 65"}, NetUnit: "65", NetExt: "650",
				Skipped: []string{`dealreg: excluded by "promo"`}}},
		{name: "exclusion is mutual; the higher priority rule stays", groups: groups,
			rules: []pricing.Rule{tier, with(dr, func(r *pricing.Rule) { r.Priority = 5 }),
				with(promo, func(r *pricing.Rule) { r.Excludes = []pricing.RuleID{"dealreg"} })},
			want: summary{Steps: []string{"tier 20 → 80", "dealreg 10 → 70"}, NetUnit: "70", NetExt: "700",
				Skipped: []string{`promo: excluded by "dealreg"`}}},
		{name: "an exclusive rule beats everything", groups: groups,
			rules: []pricing.Rule{tier, dr, with(promo, func(r *pricing.Rule) { r.Exclusive = true })},
			want: summary{Steps: []string{"promo 15 → 85"}, NetUnit: "85", NetExt: "850",
				Skipped: []string{`tier: excluded by "promo"`, `dealreg: excluded by "promo"`}}},
	})
}

func TestCapsAndFloors(t *testing.T) {
	capped := []pricing.Group{{ID: "g", Mode: pricing.CombineAdditive, Cap: pp("25")}}
	two := []pricing.Group{group("a", pricing.CombineFirst), group("b", pricing.CombineFirst), group("c", pricing.CombineFirst)}
	runWaterfall(t, []waterfallCase{
		{name: "group cap 25%: 20 + 15 is cut to 20 + 5", groups: capped,
			rules: []pricing.Rule{offList("a", "g", "20"), offList("b", "g", "15")},
			want:  summary{Steps: []string{"a 20 → 80", "b 5 → 75 (group_cap, requested 15)"}, NetUnit: "75", NetExt: "750"}},
		{name: "group cap used up skips the rest", groups: capped,
			rules: []pricing.Rule{offList("a", "g", "25"), offList("b", "g", "15")},
			want: summary{Steps: []string{"a 25 → 75"}, NetUnit: "75", NetExt: "750",
				Skipped: []string{"b: capped: nothing left under the cap"}}},
		{name: "total cap 30%: 20 then 20 is cut to 10, the third is capped", groups: two,
			rules: []pricing.Rule{offList("a", "a", "20"), offList("b", "b", "20"), amountOff("c", "c", "1")},
			fw:    func(f *pricing.Framework) { f.TotalCap = pp("30") },
			want: summary{Steps: []string{"a 20 → 80", "b 10 → 70 (total_cap, requested 20)"}, NetUnit: "70", NetExt: "700",
				Skipped: []string{"c: capped: nothing left under the cap"}}},
		{name: "entry floor 150 on SEC-200 (list 250): 50% off is cut to 100", groups: add,
			rules: []pricing.Rule{offList("half", "g", "50")}, quote: quote("gold", line("SEC-200", "2")),
			want: summary{Steps: []string{"half 100 → 150 (floor, requested 125)"}, NetUnit: "150", NetExt: "300"}},
		{name: "min margin 20% over cost 22 floors STO-100 at 27.50", groups: add,
			rules: []pricing.Rule{offList("deep", "g", "40")}, quote: quote("gold", line("STO-100", "1")),
			fw:   func(f *pricing.Framework) { f.MinMargin = pp("20") },
			want: summary{Steps: []string{"deep 12.5 → 27.5 (floor, requested 16)"}, NetUnit: "27.5", NetExt: "27.5"}},
		{name: "min margin 33% over cost 22: 22 / 0.67 = 32.8358… rounds up to 32.84", groups: add,
			rules: []pricing.Rule{offList("deep", "g", "50")}, quote: quote("gold", line("STO-100", "1")),
			fw:   func(f *pricing.Framework) { f.MinMargin = pp("33") },
			want: summary{Steps: []string{"deep 7.16 → 32.84 (floor, requested 20)"}, NetUnit: "32.84", NetExt: "32.84"}},
		{name: "at the floor further discounts are skipped", groups: comp,
			rules: []pricing.Rule{offList("a", "g", "60"), amountOff("b", "g", "1")}, quote: quote("gold", line("SEC-200", "1")),
			want: summary{Steps: []string{"a 100 → 150 (floor, requested 150)"}, NetUnit: "150", NetExt: "150",
				Skipped: []string{"b: floored: already at the price floor"}}},
		{name: "net never below zero: 100% + 10.00 off a SKU without cost", groups: add,
			rules: []pricing.Rule{offList("all", "g", "100"), amountOff("more", "g", "10")}, quote: quote("gold", line("SVC-1", "1")),
			want: summary{Steps: []string{"all 1500 → 0"}, NetUnit: "0", NetExt: "0",
				Skipped: []string{"more: floored: already at the price floor"}}},
	})
}

func TestRounding(t *testing.T) {
	// 100 − 12.335% = 87.665, a tie at cents.
	r := []pricing.Rule{offList("r", "g", "12.335")}
	mode := func(md partnerops.RoundingMode) func(*pricing.PriceBook) {
		return func(b *pricing.PriceBook) { b.Rounding.Mode = md }
	}
	q3 := quote("gold", line("SEC-100", "3"))
	step := []string{"r 12.335 → 87.665"}
	zero := int32(0)
	runWaterfall(t, []waterfallCase{
		{name: "half_up 87.665 → 87.67, ×3 = 263.01", groups: add, rules: r, quote: q3, book: mode(partnerops.RoundHalfUp),
			want: summary{Steps: step, NetUnit: "87.67", NetExt: "263.01"}},
		{name: "half_even 87.665 → 87.66", groups: add, rules: r, quote: q3, book: mode(partnerops.RoundHalfEven),
			want: summary{Steps: step, NetUnit: "87.66", NetExt: "262.98"}},
		{name: "down 87.665 → 87.66", groups: add, rules: r, quote: q3, book: mode(partnerops.RoundDown),
			want: summary{Steps: step, NetUnit: "87.66", NetExt: "262.98"}},
		{name: "up 87.665 → 87.67", groups: add, rules: r, quote: q3, book: mode(partnerops.RoundUp),
			want: summary{Steps: step, NetUnit: "87.67", NetExt: "263.01"}},
		{name: "ceiling 87.665 → 87.67", groups: add, rules: r, quote: q3, book: mode(partnerops.RoundCeiling),
			want: summary{Steps: step, NetUnit: "87.67", NetExt: "263.01"}},
		{name: "floor 87.665 → 87.66", groups: add, rules: r, quote: q3, book: mode(partnerops.RoundFloor),
			want: summary{Steps: step, NetUnit: "87.66", NetExt: "262.98"}},
		{name: "places 0: 87.665 → 88", groups: add, rules: r, quote: q3,
			book: func(b *pricing.PriceBook) { b.Rounding.Places = &zero },
			want: summary{Steps: []string{"r 12.335 → 87.665"}, NetUnit: "88", NetExt: "264"}},
		{name: "extended: 87.665 × 3 = 262.995 → 263.00 half up", groups: add, rules: r, quote: q3,
			book: func(b *pricing.PriceBook) { b.Rounding.Target = pricing.RoundExtended },
			want: summary{Steps: step, NetUnit: "87.665", NetExt: "263"}},
		{name: "fractional quantity 2.5 × 87.67 = 219.175 → 219.18", groups: add, rules: r,
			quote: quote("gold", line("SEC-100", "2.5")),
			want:  summary{Steps: step, NetUnit: "87.67", NetExt: "219.18"}},
		{name: "working precision: 3 × 33.3333% compounding keeps 6 places", groups: comp,
			rules: []pricing.Rule{offRunning("a", "g", "33.3333"), offRunning("b", "g", "33.3333")},
			want:  summary{Steps: []string{"a 33.3333 → 66.6667", "b 22.222211 → 44.444489"}, NetUnit: "44.44", NetExt: "444.4"}},
	})
}

func TestApprovals(t *testing.T) {
	fw := func(f *pricing.Framework) {
		f.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}, {Level: "vp", Above: pct("35")}}
	}
	cases := []struct {
		name string
		p    string
		want pricing.ApprovalLevel
	}{
		{"up to 20% needs nothing", "20", ""},
		{"20.5% needs a manager", "20.5", "manager"},
		{"35% needs a manager", "35", "manager"},
		{"35.01% needs a VP", "35.01", "vp"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := framework(add, offList("r", "g", tc.p))
			fw(&f)
			l := priceLine(t, []pricing.PriceBook{usBook()}, f, quote("gold", line("SEC-100", "1")))
			if l.Approval != tc.want {
				t.Errorf("Approval = %q, want %q (discount %s)", l.Approval, tc.want, l.EffectiveDiscount)
			}
		})
	}
	t.Run("a rule can require a level", func(t *testing.T) {
		f := framework(add, with(offList("r", "g", "5"), func(r *pricing.Rule) { r.Approval = "vp" }))
		fw(&f)
		l := priceLine(t, []pricing.PriceBook{usBook()}, f, quote("gold", line("SEC-100", "1")))
		if l.Approval != "vp" {
			t.Errorf("Approval = %q, want vp", l.Approval)
		}
	})
}
