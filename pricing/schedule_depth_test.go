package pricing_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func scheduleRule(s pricing.Schedule) pricing.Rule {
	return pricing.Rule{ID: "vol", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &s}}
}

// pricedLines prices a quote and summarizes every line, with each step's
// description.
func pricedLines(t *testing.T, fw pricing.Framework, q pricing.Quote) []string {
	t.Helper()
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(q, day)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, r)
	var out []string
	for i := range r.Lines {
		l := &r.Lines[i]
		s := string(l.SKU) + " × " + canon(l.Quantity) + ": net " + canon(l.NetExtended.Amount())
		for _, st := range l.Steps() {
			s += " | " + st.Describe()
		}
		for _, sk := range l.Skipped() {
			s += " | skipped: " + sk.String()
		}
		out = append(out, s)
	}
	return out
}

func TestScheduleScopes(t *testing.T) {
	tenPct := []pricing.ScheduleTier{{From: dec("1"), To: dp("25"), Percent: pp("0")}, {From: dec("25"), Percent: pp("10")}}
	slab := []pricing.ScheduleTier{{From: dec("1"), To: dp("10"), Price: mp("100")}, {From: dec("10"), Price: mp("80")}}
	withPrior := func(q pricing.Quote, p ...pricing.PriorQuantity) pricing.Quote { q.Prior = p; return q }
	for _, tc := range []struct {
		name  string
		s     pricing.Schedule
		scope []pricing.Family
		q     pricing.Quote
		want  []string
	}{
		{"range by the line: 10 and 20 stay below 25", pricing.Schedule{Kind: pricing.ScheduleRange, Tiers: tenPct},
			nil, quote("gold", line("SEC-100", "10"), line("SEC-100", "20")),
			[]string{"SEC-100 × 10: net 1000 | skipped: no effect: would not lower the price", "SEC-100 × 20: net 2000 | skipped: no effect: would not lower the price"}},
		{"range by the quote's SKU: 10 + 20 = 30 reach the 10% tier", pricing.Schedule{Kind: pricing.ScheduleRange, Tiers: tenPct, Scope: pricing.ScopeSKU},
			nil, quote("gold", line("SEC-100", "10"), line("SEC-100", "20")),
			[]string{"SEC-100 × 10: net 900 | volume tier 2: 10% off (by 30)", "SEC-100 × 20: net 1800 | volume tier 2: 10% off (by 30)"}},
		{"range by family: 10 SEC-100 + 20 SEC-200 are 30 security seats", pricing.Schedule{Kind: pricing.ScheduleRange, Tiers: tenPct, Scope: pricing.ScopeFamily},
			nil, quote("gold", line("SEC-100", "10"), line("SEC-200", "20")),
			[]string{"SEC-100 × 10: net 900 | volume tier 2: 10% off (by 30)", "SEC-200 × 20: net 4500 | volume tier 2: 10% off (by 30)"}},
		{"range across the rule's products (security): storage lines do not count", pricing.Schedule{Kind: pricing.ScheduleRange, Tiers: tenPct, Scope: pricing.ScopeRule},
			[]pricing.Family{"security"}, quote("gold", line("SEC-100", "10"), line("STO-100", "20"), line("SEC-200", "10")),
			[]string{"SEC-100 × 10: net 1000 | skipped: no effect: would not lower the price", "STO-100 × 20: net 800",
				"SEC-200 × 10: net 2500 | skipped: no effect: would not lower the price"}},
		{"range with a prior quantity: 20 bought before + 10 now", pricing.Schedule{Kind: pricing.ScheduleRange, Tiers: tenPct, Prior: true},
			nil, withPrior(quote("gold", line("SEC-100", "10")), pricing.PriorQuantity{SKU: "SEC-100", Quantity: dec("20")}),
			[]string{"SEC-100 × 10: net 900 | volume tier 2: 10% off (by 30)"}},
		{"slab after a prior quantity: units 6-15 are 4 at 100 and 6 at 80", pricing.Schedule{Kind: pricing.ScheduleSlab, Tiers: slab, Prior: true},
			nil, withPrior(quote("gold", line("SEC-100", "10")), pricing.PriorQuantity{SKU: "SEC-100", Quantity: dec("5")}),
			[]string{"SEC-100 × 10: net 880 | volume slab: 4 at tier 1, 6 at tier 2: down to 80"}},
		{"slab across lines: the second line's units follow the first's", pricing.Schedule{Kind: pricing.ScheduleSlab, Tiers: slab, Scope: pricing.ScopeSKU},
			nil, quote("gold", line("SEC-100", "5"), line("SEC-100", "10")),
			[]string{"SEC-100 × 5: net 500 | skipped: no effect: would not lower the price", "SEC-100 × 10: net 880 | volume slab: 4 at tier 1, 6 at tier 2: down to 80"}},
		{"amount-off tiers: 5.00 off each unit from 10", pricing.Schedule{Kind: pricing.ScheduleRange,
			Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("10"), AmountOff: mp("0")}, {From: dec("10"), AmountOff: mp("5")}}},
			nil, quote("gold", line("SEC-100", "12")), []string{"SEC-100 × 12: net 1140 | volume tier 2: 5 off"}},
		{"an amount-off slab: units 10-12 take 5.00 off", pricing.Schedule{Kind: pricing.ScheduleSlab,
			Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("10"), AmountOff: mp("0")}, {From: dec("10"), AmountOff: mp("5")}}},
			nil, quote("gold", line("SEC-100", "12")), []string{"SEC-100 × 12: net 1185 | volume slab: 9 at tier 1, 3 at tier 2: up to 5 off"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scheduleRule(tc.s)
			r.When.Families = tc.scope
			got := pricedLines(t, framework(add, r), tc.q)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestScheduleAttributeQuantity(t *testing.T) {
	// Fabric priced by the metre: the tier comes from the line's length.
	r := scheduleRule(pricing.Schedule{Kind: pricing.ScheduleRange, Attribute: "length",
		Tiers: []pricing.ScheduleTier{{From: dec("0"), To: dp("10"), Percent: pp("0")}, {From: dec("10"), Percent: pp("10")}}})
	long := line("SEC-100", "3")
	long.Attributes = map[string]string{"length": "12.5"}
	bad := line("SEC-100", "3")
	bad.Attributes = map[string]string{"length": "long"}
	got := pricedLines(t, framework(add, r), quote("gold", long, line("SEC-100", "3"), bad))
	want := []string{
		"SEC-100 × 3: net 270 | volume tier 2: 10% off (by 12.5)",
		"SEC-100 × 3: net 300 | skipped: condition failed: schedule_tier (wants quantity in a tier, from 0)",
		"SEC-100 × 3: net 300 | skipped: condition failed: schedule_tier (wants quantity in a tier, from 0)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestScheduleScopeValidation(t *testing.T) {
	tiers := []pricing.ScheduleTier{{From: dec("1"), Price: mp("5"), AmountOff: mp("1")}}
	fw := framework(add,
		with(scheduleRule(pricing.Schedule{Kind: pricing.ScheduleBlock, Scope: pricing.ScopeSKU, Tiers: []pricing.ScheduleTier{{From: dec("1"), Price: mp("5")}}}), func(r *pricing.Rule) { r.ID = "block" }),
		with(scheduleRule(pricing.Schedule{Kind: pricing.ScheduleSlab, Attribute: "len", Tiers: []pricing.ScheduleTier{{From: dec("1"), Percent: pp("5")}}}), func(r *pricing.Rule) { r.ID = "slab" }),
		with(scheduleRule(pricing.Schedule{Kind: pricing.ScheduleRange, Attribute: "len", Prior: true, Tiers: []pricing.ScheduleTier{{From: dec("1"), Percent: pp("5")}}}), func(r *pricing.Rule) { r.ID = "attr" }),
		with(scheduleRule(pricing.Schedule{Kind: pricing.ScheduleRange, Scope: "quote", Tiers: tiers}), func(r *pricing.Rule) { r.ID = "two" }),
	)
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{"rules[block].effect.schedule.scope", "rules[slab].effect.schedule.attribute", "rules[attr].effect.schedule.attribute",
		"rules[two].effect.schedule.scope", "rules[two].effect.schedule.tiers[0]"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework(add))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p  pricing.PriorQuantity
		is error
	}{
		{pricing.PriorQuantity{Quantity: dec("1")}, partnerops.ErrInvalid},
		{pricing.PriorQuantity{SKU: "SEC-100", Family: "security", Quantity: dec("1")}, partnerops.ErrInvalid},
		{pricing.PriorQuantity{SKU: "SEC-100", Quantity: dec("-1")}, pricing.ErrQuantity},
	} {
		q := quote("gold", line("SEC-100", "1"))
		q.Prior = []pricing.PriorQuantity{tc.p}
		if _, err := e.Price(q, day); !errors.Is(err, tc.is) {
			t.Errorf("prior %+v: error %v, want %v", tc.p, err, tc.is)
		}
	}
}
