package profit_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/pricing/profit"
)

// BenchmarkRoll1M rolls up one million deals by partner (1,000),
// motion (4) and fiscal quarter (8). Target: under 1 s on one core.
func BenchmarkRoll1M(b *testing.B) {
	motions := []partnerops.Motion{"resell", "referral", "marketplace", "direct"}
	deals := make([]profit.Deal, 1_000_000)
	for i := range deals {
		net := int64(10_000 + i%9_000_000)
		m := func(n int64) partnerops.Money { v, _ := partnerops.MoneyFromMinor(n, "USD"); return v }
		deals[i] = profit.Deal{
			Partner: partnerops.PartnerID(fmt.Sprint("p-", i%1000)), Motion: motions[i%4], Segment: "ent",
			Closed: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i%730) * 24 * time.Hour),
			List:   m(net * 5 / 4), CustomerNet: m(net), PartnerMargins: m(net / 5), PartnerFees: m(net / 50),
			Incentives: m(net / 100), COGS: m(net / 8), CostToServe: m(net / 20),
		}
	}
	opts := profit.Options{Currency: "USD", By: []profit.Dimension{profit.ByPartner, profit.ByMotion, profit.ByPeriod}, Unit: partnerops.UnitQuarter}
	b.ReportAllocs()
	b.ResetTimer()
	start, n := measure.CPUTime(), 0
	for b.Loop() {
		if _, err := profit.Roll(deals, opts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// CPU time (user + system, all threads; run with GOMAXPROCS=1 for one
	// core), which other jobs on a shared machine do not inflate.
	b.ReportMetric(float64(measure.CPUTime()-start)/float64(n), "cpu-ns/op")
}
