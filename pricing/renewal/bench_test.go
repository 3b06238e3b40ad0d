package renewal_test

import (
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/renewal"
)

// The issue (#14) sets no target for renewals; these keep the hot paths
// measured: one renewal priced, one proration, one mid-term change
// co-termed, and a 36-month ramp scheduled monthly. Run with
// go test -run '^$' -bench . -benchmem -count=6 ./pricing/renewal/.

func BenchmarkRenew(b *testing.B) {
	e := mustEngine(termsJSON)
	for _, tt := range []struct {
		name string
		r    renewal.Renewal
	}{
		{"uplift", renewal.Renewal{Policy: "uplift-5", PriorNet: usd("48000.00")}},
		{"index", renewal.Renewal{Policy: "cpi", PriorNet: usd("48000.00"), Index: ptr(partnerops.MustPercent("3.2"))}},
		{"erosion", renewal.Renewal{Policy: "hold", PriorNet: usd("80.00"), PriorList: ptr(usd("90.00")), CurrentList: ptr(usd("100.00"))}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Renew(tt.r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkProrate(b *testing.B) {
	e := mustEngine(`{"currency":"USD","day_count":"actual_365"}`)
	pr := renewal.Proration{Price: usd("12000.00"), Term: period(day(2026, 1, 1), day(2029, 1, 1)), Part: period(day(2026, 3, 15), day(2029, 1, 1))}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Prorate(pr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCoTerm(b *testing.B) {
	e := mustEngine(termsJSON)
	c := renewal.Change{Contract: period(day(2026, 1, 1), day(2029, 1, 1)), Start: day(2026, 8, 17), AnnualPrice: usd("3600.00")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.CoTerm(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRampSchedule(b *testing.B) {
	r := renewal.Ramp{ID: "r", Currency: "USD", Start: day(2026, 1, 31), Billing: renewal.IntervalMonth,
		Uplift: ptr(partnerops.MustPercent("5")), UpliftMode: renewal.UpliftCompounding}
	for _, q := range []string{"100", "150", "200"} {
		r.Segments = append(r.Segments, renewal.Segment{Months: 12, Quantity: partnerops.MustDecimal(q), UnitPrice: ptr(usd("99.99"))})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Schedule(); err != nil {
			b.Fatal(err)
		}
	}
}
