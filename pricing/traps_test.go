package pricing_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/pricing"
)

// Issue 15, trap: with default (unit) rounding a block's unit price was
// rounded before it was multiplied, so a block of 3 units priced 1.00
// came out 0.99 (0.33 × 3), and a slab lost cents the same way. A block
// charges its price for the whole line, a slab's total is the sum of its
// tiers, and unit prices derive from the total.
func TestBlockAndSlabTotalsAreExact(t *testing.T) {
	cheap := func(b *pricing.PriceBook) {
		b.Entries = append(b.Entries, pricing.Entry{SKU: "PEN", Family: "office", List: mp("0.50")},
			pricing.Entry{SKU: "FREEBIE", Family: "office", List: mp("0")})
	}
	block := func(price string) pricing.Rule {
		return volume(pricing.ScheduleBlock, pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp(price)})
	}
	runWaterfall(t, []waterfallCase{
		{name: "a block of 3 units priced 1.00 is 1.00, not 0.99", groups: add, rules: []pricing.Rule{block("1.00")}, book: cheap,
			quote: quote("gold", line("PEN", "3")),
			want:  summary{Steps: []string{"vol 0.166667 → 0.333333"}, NetUnit: "0.33", NetExt: "1"}},
		{name: "a compounding 20% after the block works on the exact total: 0.80", groups: comp,
			rules: []pricing.Rule{with(block("1.00"), func(r *pricing.Rule) { r.Priority = 1 }), offRunning("pct", "g", "20")}, book: cheap,
			quote: quote("gold", line("PEN", "3")),
			want:  summary{Steps: []string{"vol 0.166667 → 0.333333", "pct 0.066666 → 0.266667"}, NetUnit: "0.27", NetExt: "0.8"}},
		{name: "an amount off after the block comes off every unit: 1.00 − 3 × 0.10", groups: comp,
			rules: []pricing.Rule{with(block("1.00"), func(r *pricing.Rule) { r.Priority = 1 }), amountOff("ten", "g", "0.10")}, book: cheap,
			quote: quote("gold", line("PEN", "3")),
			want:  summary{Steps: []string{"vol 0.166667 → 0.333333", "ten 0.1 → 0.233333"}, NetUnit: "0.23", NetExt: "0.7"}},
		{name: "a floor after a block holds for the total", groups: comp,
			rules: []pricing.Rule{with(block("1.00"), func(r *pricing.Rule) { r.Priority = 1 }), offRunning("deep", "g", "90")},
			book: func(b *pricing.PriceBook) {
				cheap(b)
				b.Entries[4].Floor = mp("0.30")
			},
			quote: quote("gold", line("PEN", "3")),
			want:  summary{Steps: []string{"vol 0.166667 → 0.333333", "deep 0.033333 → 0.3 (floor, requested 0.3)"}, NetUnit: "0.3", NetExt: "0.9"}},
		{name: "slab tiers summing to whole amounts: 3 × 0.34 + 4 × 0.33 = 2.34", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleSlab,
				pricing.ScheduleTier{From: dec("1"), To: dp("4"), Price: mp("0.34")},
				pricing.ScheduleTier{From: dec("4"), Price: mp("0.33")})}, book: cheap,
			quote: quote("gold", line("PEN", "7")),
			want:  summary{Steps: []string{"vol 0.165714 → 0.334286"}, NetUnit: "0.33", NetExt: "2.34"}},
		// Trap: a block on a zero list price was skipped as "no effect"
		// unless AllowIncrease was set, pricing the line at 0.
		{name: "a block on a zero list price prices as written", groups: add, rules: []pricing.Rule{block("5.00")}, book: cheap,
			quote: quote("gold", line("FREEBIE", "2")),
			want:  summary{Steps: []string{"vol -2.5 → 2.5"}, NetUnit: "2.5", NetExt: "5"}},
		// Trap: a fixed price above the running price was skipped
		// silently, pricing the line at list.
		{name: "a fixed price above the running price prices as written", groups: add,
			rules: []pricing.Rule{{ID: "contract", Group: "g", Effect: pricing.FixedPrice(m("110.00"))}},
			want:  summary{Steps: []string{"contract -10 → 110"}, NetUnit: "110", NetExt: "1100"}},
		{name: "a lower-only block above the running price is listed as no effect", groups: add,
			rules: []pricing.Rule{with(block("5000.00"), func(r *pricing.Rule) { r.LowerOnly = true })},
			quote: quote("gold", line("SEC-100", "2")),
			want:  summary{Skipped: []string{"vol: no effect: would not lower the price"}, NetUnit: "100", NetExt: "200"}},
	})
}

func TestLowerOnlyValidation(t *testing.T) {
	fw := framework(add,
		with(offList("pct", "g", "10"), func(r *pricing.Rule) { r.LowerOnly = true }),
		pricing.Rule{ID: "both", Group: "g", LowerOnly: true, AllowIncrease: true, Effect: pricing.FixedPrice(m("5"))})
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	if diff := cmp.Diff([]string{"rules[pct].lower_only", "rules[both].lower_only"}, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}

// Issue 15, trap: precedence was specificity-first in one-winner groups
// but priority-first in exclusions. One order, the framework's
// Precedence, now decides both.
func TestOnePrecedenceOrder(t *testing.T) {
	groups := []pricing.Group{group("partner", pricing.CombineFirst), group("promo", pricing.CombineAdditive)}
	sku := with(offList("sku", "partner", "5"), func(r *pricing.Rule) { r.When.SKUs = []pricing.SKU{"SEC-100"} })
	global := with(offList("global", "partner", "20"), func(r *pricing.Rule) { r.Priority = 9 })
	// A family promo (priority 0) and a global promo (priority 9) that
	// exclude each other.
	famPromo := with(offList("fam-promo", "promo", "10"), func(r *pricing.Rule) {
		r.When.Families = []pricing.Family{"security"}
		r.Excludes = []pricing.RuleID{"big-promo"}
	})
	bigPromo := with(offList("big-promo", "promo", "15"), func(r *pricing.Rule) { r.Priority = 9 })
	prio := func(f *pricing.Framework) { f.Precedence = pricing.PrecedencePriority }
	runWaterfall(t, []waterfallCase{
		{name: "specificity first (default): the SKU rule wins its group and the family promo stays", groups: groups,
			rules: []pricing.Rule{sku, global, famPromo, bigPromo},
			want: summary{Steps: []string{"sku 5 → 95", "fam-promo 10 → 85"}, NetUnit: "85", NetExt: "850",
				Skipped: []string{`global: not selected: "sku" won the group`, `big-promo: excluded by "fam-promo"`}}},
		{name: "priority first: the global rule wins its group and the big promo stays", groups: groups, fw: prio,
			rules: []pricing.Rule{sku, global, famPromo, bigPromo},
			want: summary{Steps: []string{"global 20 → 80", "big-promo 15 → 65"}, NetUnit: "65", NetExt: "650",
				Skipped: []string{`sku: not selected: "global" won the group`, `fam-promo: excluded by "big-promo"`}}},
	})
}

// Issue 15, trap: stacking order within a compounding group follows the
// group's Order, so systems that apply in ascending priority (or prices,
// then amounts, then percentages) give the same numbers.
func TestStackOrder(t *testing.T) {
	rules := []pricing.Rule{
		with(offRunning("ten", "g", "10"), func(r *pricing.Rule) { r.Priority = 2 }),
		with(amountOff("five", "g", "5"), func(r *pricing.Rule) { r.Priority = 1 }),
	}
	order := func(o pricing.StackOrder) []pricing.Group {
		return []pricing.Group{{ID: "g", Mode: pricing.CombineCompounding, Order: o}}
	}
	runWaterfall(t, []waterfallCase{
		{name: "precedence (default): 10% of 100, then 5.00 = 85", groups: order(""), rules: rules,
			want: summary{Steps: []string{"ten 10 → 90", "five 5 → 85"}, NetUnit: "85", NetExt: "850"}},
		{name: "ascending priority: 5.00, then 10% of 95 = 85.50", groups: order(pricing.StackAscendingPriority), rules: rules,
			want: summary{Steps: []string{"five 5 → 95", "ten 9.5 → 85.5"}, NetUnit: "85.5", NetExt: "855"}},
		{name: "effect: prices, then amounts, then percentages", groups: order(pricing.StackEffect),
			rules: append(rules, pricing.Rule{ID: "deal", Group: "g", Effect: pricing.FixedPrice(m("80"))}),
			want:  summary{Steps: []string{"deal 20 → 80", "five 5 → 75", "ten 7.5 → 67.5"}, NetUnit: "67.5", NetExt: "675"}},
	})
	t.Run("a first group has no stacking order", func(t *testing.T) {
		fw := framework([]pricing.Group{{ID: "g", Mode: pricing.CombineFirst, Order: pricing.StackAscendingPriority}}, rules...)
		_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
		if diff := cmp.Diff([]string{"groups[g].order"}, validationPaths(err)); diff != "" {
			t.Errorf("paths (-want +got):\n%s", diff)
		}
	})
}

// Issue 15, trap: a tie that is certain at compile time (same scope,
// same standing, overlapping windows) must not surprise a quote only on
// the dates both rules are in force: Compile warns.
func TestCertainTiesWarn(t *testing.T) {
	march := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	window := func(id pricing.RuleID, from, until time.Time) pricing.Rule {
		return with(offList(id, "g", "10"), func(r *pricing.Rule) {
			r.When.SKUs = []pricing.SKU{"SEC-100"}
			r.When.From, r.When.Until = from, until
		})
	}
	for _, tc := range []struct {
		name  string
		rules []pricing.Rule
		warn  bool
	}{
		{"overlapping windows", []pricing.Rule{window("a", march, march.AddDate(0, 1, 0)), window("b", march.AddDate(0, 0, 15), march.AddDate(0, 2, 0))}, true},
		{"disjoint windows", []pricing.Rule{window("a", march, march.AddDate(0, 1, 0)), window("b", march.AddDate(0, 1, 0), march.AddDate(0, 2, 0))}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework(first, tc.rules...))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(e.Warnings()) > 0; got != tc.warn {
				t.Errorf("warned = %v, want %v: %v", got, tc.warn, e.Warnings())
			}
		})
	}
}
