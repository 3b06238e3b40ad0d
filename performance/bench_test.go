package performance_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/performance"
)

// benchCatalog has 30 metrics: sums of money, counts, averages, latest
// values and distinct counts, plus ratios derived from them.
func benchCatalog(tb testing.TB) *performance.Catalog {
	var defs []performance.MetricDef
	for i := 0; i < 30; i++ {
		def := performance.MetricDef{Key: fmt.Sprintf("m%02d", i), Name: fmt.Sprintf("Metric %d", i),
			Indicator: performance.Leading, Visibility: performance.VisibilityShared}
		switch i % 5 {
		case 0, 1:
			def.Unit, def.Currency, def.Aggregation = performance.UnitMoney, partnerops.USD, performance.AggSum
		case 2:
			def.Unit, def.Aggregation = performance.UnitCount, performance.AggCount
		case 3:
			def.Unit, def.Aggregation = performance.UnitDuration, performance.AggAverage
		case 4:
			def.Unit, def.Aggregation = performance.UnitPercent, performance.AggLatest
		}
		defs = append(defs, def)
	}
	c, err := performance.CompileMetrics(defs)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// benchObservations generates n observations for partners × 30 metrics
// over the four quarters of periods, deterministically.
func benchObservations(n, partners int, periods []partnerops.Period) []performance.Observation {
	r := rand.New(rand.NewPCG(1, 2))
	ids := make([]partnerops.PartnerID, partners)
	for i := range ids {
		ids[i] = partnerops.PartnerID(fmt.Sprintf("partner-%05d", i))
	}
	keys := make([]string, 30)
	for i := range keys {
		keys[i] = fmt.Sprintf("m%02d", i)
	}
	// A pool of values so that building the input stays cheap; each is a
	// money-like amount with two decimals.
	pool := make([]partnerops.Decimal, 4096)
	for i := range pool {
		pool[i] = partnerops.NewDecimal(r.Int64N(10_000_000), -2)
	}
	span := periods[len(periods)-1].End.Sub(periods[0].Start)
	obs := make([]performance.Observation, n)
	for i := range obs {
		obs[i] = performance.Observation{
			Partner: ids[r.IntN(partners)],
			Metric:  keys[r.IntN(30)],
			At:      periods[0].Start.Add(time.Duration(r.Int64N(int64(span)))),
			Value:   pool[r.IntN(len(pool))],
		}
	}
	// Hosts usually read observations grouped by partner (a partner's
	// activity export); sort so, keeping the random metric and time order.
	slices.SortStableFunc(obs, func(a, b performance.Observation) int {
		switch {
		case a.Partner < b.Partner:
			return -1
		case a.Partner > b.Partner:
			return 1
		}
		return 0
	})
	return obs
}

var benchPeriods = slices.Collect(quarter(2027, 1).Periods(4))

// BenchmarkAggregate10M aggregates 10,000,000 observations for 20,000
// partners and 30 metrics into quarterly values on one goroutine.
// Target: ≥ 5M observations/s/core (< 2 s per op) and ≤ 2 allocs per
// observation (≤ 20M allocs per op).
func BenchmarkAggregate10M(b *testing.B) {
	if testing.Short() {
		b.Skip("large input")
	}
	cat := benchCatalog(b)
	obs := benchObservations(10_000_000, 20_000, benchPeriods)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := measure.CPUTime()
	for b.Loop() {
		agg, err := cat.NewAggregator(benchPeriods)
		if err != nil {
			b.Fatal(err)
		}
		if s := agg.AddAll(obs); s.Total() != 0 {
			b.Fatal(s)
		}
	}
	measure.ReportCPU(b, cpu)
	b.ReportMetric(float64(len(obs))*float64(b.N)/b.Elapsed().Seconds(), "obs/s")
}

// BenchmarkAggregateShuffled is the same on observations in random
// partner order (no locality). Target as above.
func BenchmarkAggregateShuffled(b *testing.B) {
	if testing.Short() {
		b.Skip("large input")
	}
	cat := benchCatalog(b)
	obs := benchObservations(10_000_000, 20_000, benchPeriods)
	r := rand.New(rand.NewPCG(3, 4))
	r.Shuffle(len(obs), func(i, j int) { obs[i], obs[j] = obs[j], obs[i] })
	b.ReportAllocs()
	b.ResetTimer()
	cpu := measure.CPUTime()
	for b.Loop() {
		agg, _ := cat.NewAggregator(benchPeriods)
		agg.AddAll(obs)
	}
	measure.ReportCPU(b, cpu)
	b.ReportMetric(float64(len(obs))*float64(b.N)/b.Elapsed().Seconds(), "obs/s")
}

// BenchmarkMergeShards merges four shards of 2,500,000 observations each
// (the partials a host aggregates in parallel) into one.
func BenchmarkMergeShards(b *testing.B) {
	if testing.Short() {
		b.Skip("large input")
	}
	cat := benchCatalog(b)
	obs := benchObservations(10_000_000, 20_000, benchPeriods)
	shards := make([]*performance.Aggregator, 4)
	for i := range shards {
		shards[i], _ = cat.NewAggregator(benchPeriods)
		shards[i].AddAll(obs[i*len(obs)/4 : (i+1)*len(obs)/4])
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := measure.CPUTime()
	for b.Loop() {
		total, _ := cat.NewAggregator(benchPeriods)
		for _, s := range shards {
			if err := total.Merge(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	measure.ReportCPU(b, cpu)
}

// BenchmarkScore20k scores 20,000 partners on the sample template.
// Target: < 50 ms per op.
func BenchmarkScore20k(b *testing.B) {
	cat := mustCatalog()
	sc := mustScorecard(cat)
	r := rand.New(rand.NewPCG(5, 6))
	tiers := []partnerops.Tier{"registered", "silver", "gold", "platinum"}
	ins := make([]performance.ScoreInput, 20_000)
	for i := range ins {
		ins[i] = performance.ScoreInput{
			Partner: partnerops.PartnerID(fmt.Sprintf("partner-%05d", i)),
			Tier:    tiers[r.IntN(len(tiers))],
			Values: map[string]partnerops.Decimal{
				"deal_regs":        partnerops.DecimalFromInt(r.Int64N(20)),
				"portal_logins":    partnerops.DecimalFromInt(r.Int64N(60)),
				"bookings":         partnerops.NewDecimal(r.Int64N(100_000_000), -2),
				"win_rate":         partnerops.NewDecimal(r.Int64N(10000), -2),
				"csat":             partnerops.NewDecimal(r.Int64N(10000), -2),
				"days_to_close":    partnerops.NewDecimal(r.Int64N(12000), -2),
				"certified_people": partnerops.DecimalFromInt(r.Int64N(10)),
			},
		}
		if i%10 == 0 {
			delete(ins[i].Values, "days_to_close")
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := measure.CPUTime()
	for b.Loop() {
		if _, err := sc.ScoreAll(ins, performance.ViewInternal); err != nil {
			b.Fatal(err)
		}
	}
	measure.ReportCPU(b, cpu)
}
