package performance_test

// Linear cost (issue 11): every renderer and every function taking a
// slice is timed at n and 8n. A linear function takes about 8 times as
// long, an n log n one a little more, a quadratic one 64 times; the limit
// of 16 leaves room for a noisy shared machine and still catches any
// quadratic loop.

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/performance"
)

const maxGrowth = 16

// checkGrowth fails t when the function prepare(8n) returns takes more
// than maxGrowth times as long as prepare(n)'s in CPU time
// ([measure.Linear]): linear work grows about 8×, quadratic 64×.
func checkGrowth(t *testing.T, n int, prepare func(n int) func()) {
	t.Helper()
	measure.Linear(t, t.Name(), n, prepare, maxGrowth)
}

// wideCatalog has n count metrics m0000, m0001, ... (all shared).
func wideCatalog(t *testing.T, n int) *performance.Catalog {
	defs := make([]performance.MetricDef, n)
	for i := range defs {
		defs[i] = performance.MetricDef{Key: fmt.Sprintf("m%04d", i), Name: fmt.Sprintf("Metric %d", i), Unit: performance.UnitCount,
			Indicator: performance.Leading, Aggregation: performance.AggCount, Visibility: performance.VisibilityShared}
	}
	c, err := performance.CompileMetrics(defs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wideScorecard scores every metric of wideCatalog(n) in four categories.
func wideScorecard(t *testing.T, n int) (*performance.Scorecard, map[string]partnerops.Decimal) {
	cat := wideCatalog(t, n)
	cats := performance.DefaultCategories()
	vals := map[string]partnerops.Decimal{}
	for i, k := range cat.Keys() {
		c := &cats[i%4]
		c.Metrics = append(c.Metrics, performance.ScoredMetric{Metric: k, Weight: partnerops.DecimalFromInt(int64(1 + i%7)), Key: i%5 == 0,
			Normalization: performance.Normalization{Target: pd("10")}})
		vals[k] = partnerops.DecimalFromInt(int64(i % 13))
	}
	sc, err := performance.CompileScorecard(cat, performance.Template{Key: "wide", Name: "Wide", Categories: cats}, program)
	if err != nil {
		t.Fatal(err)
	}
	return sc, vals
}

func TestLinearCost(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	series := func(n int) []performance.Point {
		s := make([]performance.Point, n)
		for i := range s {
			s[i] = performance.Point{Period: quarter(2027, 1).Shift(i % 40), Value: partnerops.DecimalFromInt(int64(i*7919%1000 - 300)), Present: i%5 != 0}
		}
		return s
	}
	cases := []struct {
		name    string
		n       int
		prepare func(n int) func()
	}{
		{"CompileMetrics", 2000, func(n int) func() {
			defs := wideCatalog(t, n).Definitions()
			return func() { _, _ = performance.CompileMetrics(defs) }
		}},
		{"CompileScorecard by metrics", 100, func(n int) func() {
			cat := wideCatalog(t, n)
			cats := performance.DefaultCategories()
			for i, k := range cat.Keys() {
				cats[i%4].Metrics = append(cats[i%4].Metrics, performance.ScoredMetric{Metric: k, Weight: w("1"), Normalization: performance.Normalization{Target: pd("10")}})
			}
			tmpl := performance.Template{Key: "wide", Name: "Wide", Categories: cats}
			return func() { _, _ = performance.CompileScorecard(cat, tmpl, program) }
		}},
		{"CompileScorecard by segment targets", 1000, func(n int) func() {
			tmpl := sampleTemplate()
			m := &tmpl.Categories[1].Metrics[0]
			for i := 0; i < n; i++ {
				m.Targets = append(m.Targets, performance.TargetOverride{Segment: fmt.Sprint("seg", i), Normalization: performance.Normalization{Target: pd("1000")}})
			}
			cat := mustCatalog()
			return func() { _, _ = performance.CompileScorecard(cat, tmpl, program) }
		}},
		{"NewRequalifier", 100, func(n int) func() {
			tiers := make([]partnerops.Tier, n)
			policy := performance.TierPolicy{}
			for i := range tiers {
				tiers[i] = partnerops.Tier(fmt.Sprintf("t%04d", i))
				req := performance.TierRequirement{Tier: tiers[i], MinTotal: w("1")}
				if i == 1 {
					for j := 0; j < n; j++ {
						req.Metrics = append(req.Metrics, performance.MetricBound{Metric: fmt.Sprintf("m%04d", j), Min: pd("1")})
					}
				}
				policy.Tiers = append(policy.Tiers, req)
			}
			l := partnerops.MustTierLadder(tiers...)
			return func() { _, _ = performance.NewRequalifier(l, policy) }
		}},
		{"Aggregator.AddAll", 20000, func(n int) func() {
			cat := benchCatalog(t)
			obs := benchObservations(n, 100, benchPeriods) // a fixed set of cells: only the stream grows
			return func() {
				agg, _ := cat.NewAggregator(benchPeriods)
				agg.AddAll(obs)
			}
		}},
		{"Aggregator.Values and ScoreInputs", 500, func(n int) func() {
			cat := wideCatalog(t, n)
			agg, _ := cat.NewAggregator(benchPeriods)
			var partners []partnerops.Partner
			for i := 0; i < n; i++ {
				id := partnerops.PartnerID(fmt.Sprint("p", i))
				partners = append(partners, partnerops.Partner{ID: id})
				agg.Add(performance.Observation{Partner: id, Metric: cat.Keys()[i], At: benchPeriods[0].Start})
			}
			return func() { _, _ = agg.ScoreInputs(0, partners[:10], "") }
		}},
		{"Scorecard.Score and Markdown", 100, func(n int) func() {
			sc, vals := wideScorecard(t, n)
			return func() {
				r, err := sc.Score(performance.ScoreInput{Partner: "p", Period: quarter(2027, 1), Values: vals}, performance.ViewInternal)
				if err != nil {
					t.Fatal(err)
				}
				_ = r.Markdown()
			}
		}},
		{"Scorecard.ScoreAll", 150, func(n int) func() {
			sc := mustScorecard(mustCatalog())
			ins := make([]performance.ScoreInput, n)
			for i := range ins {
				ins[i] = performance.ScoreInput{Partner: "p", Tier: "gold", Period: quarter(2027, 1), Values: map[string]partnerops.Decimal{"bookings": partnerops.DecimalFromInt(int64(i))}}
			}
			return func() { _, _ = sc.ScoreAll(ins, performance.ViewInternal) }
		}},
		{"Scorecard.QBR and Markdown by metrics", 50, func(n int) func() {
			sc, vals := wideScorecard(t, n)
			var results []performance.Result
			for i := 1; i <= 4; i++ {
				r, _ := sc.Score(performance.ScoreInput{Partner: "p", Period: quarter(2027, i), Values: vals}, performance.ViewInternal)
				results = append(results, r)
			}
			in := performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 4), Scorecards: results}
			return func() {
				q, err := sc.QBR(in, performance.QBRRules{})
				if err != nil {
					t.Fatal(err)
				}
				_ = q.Markdown()
			}
		}},
		{"Scorecard.QBR by quarters", 50, func(n int) func() {
			sc := mustScorecard(mustCatalog())
			var results []performance.Result
			for i := 0; i < n; i++ {
				r, _ := sc.Score(performance.ScoreInput{Partner: "p", Period: quarter(2027, 1).Shift(i), Values: map[string]partnerops.Decimal{"bookings": partnerops.DecimalFromInt(int64(i * 1000))}}, performance.ViewInternal)
				results = append(results, r)
			}
			in := performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: results[n-1].Period, Scorecards: results}
			return func() { _, _ = sc.QBR(in, performance.QBRRules{}) }
		}},
		{"Analyze with a window as long as the series", 500, func(n int) func() {
			s := series(n)
			return func() { _, _ = performance.Analyze(s, performance.HigherIsBetter, n) }
		}},
		{"Slope, Streak and Sparkline", 2000, func(n int) func() {
			s := series(n)
			return func() {
				performance.Slope(s)
				performance.Streak(s, performance.LowerIsBetter)
				_ = performance.Sparkline(s)
			}
		}},
		{"Movers", 500, func(n int) func() {
			all := make([]performance.PartnerSeries, n)
			for i := range all {
				all[i] = performance.PartnerSeries{Partner: partnerops.PartnerID(fmt.Sprint("p", i)), Series: series(4 + i%3)}
			}
			return func() { performance.Movers(all, performance.HigherIsBetter, n/10) }
		}},
		{"Benchmark", 2000, func(n int) func() {
			peers := make([]performance.Peer, n)
			for i := range peers {
				peers[i] = performance.Peer{Partner: partnerops.PartnerID(fmt.Sprint("p", i)), Group: fmt.Sprint(i % 3), Value: partnerops.DecimalFromInt(int64(i % 97))}
			}
			return func() { _, _ = performance.Benchmark(peers, performance.HigherIsBetter) }
		}},
		{"Requalifier.Recommend by history and RecommendAll", 200, func(n int) func() {
			q, _ := performance.NewRequalifier(ladder, samplePolicy())
			var h []performance.ReviewPeriod
			for i := 0; i < n; i++ {
				h = append(h, performance.ReviewPeriod{Period: quarter(2027, 1).Shift(i), Total: 10_00, Scored: true})
			}
			ins := slices.Repeat([]performance.RequalInput{{Partner: "p", Current: "gold", History: h[:1]}}, n)
			return func() {
				_, _ = q.Recommend(performance.RequalInput{Partner: "p", Current: "gold", History: h})
				_, _ = q.RecommendAll(ins)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			checkGrowth(t, tc.n, tc.prepare)
		})
	}
}
