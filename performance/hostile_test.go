package performance_test

import (
	"errors"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// TestHostileDecimals: values with extreme exponents are refused quickly
// (no power of ten as large as the exponent is ever built).
func TestHostileDecimals(t *testing.T) {
	huge := partnerops.NewDecimal(1, 999_999_999)
	tiny := partnerops.NewDecimal(1, -999_999_999)
	for name, v := range map[string]partnerops.Decimal{"huge": huge, "tiny": tiny} {
		t.Run(name, func(t *testing.T) {
			agg, _ := aggCatalog(t).NewAggregator(twoQtr)
			for _, m := range []string{"bookings", "deal_size", "nps", "p50"} {
				if err := agg.Add(performance.Observation{Partner: "p", Metric: m, At: inQ1, Value: v}); !errors.Is(err, partnerops.ErrRange) {
					t.Errorf("Add(%s) = %v, want ErrRange", m, err)
				}
			}
			if s := agg.AddAll([]performance.Observation{{Partner: "p", Metric: "bookings", At: inQ1, Value: v}}); s.OutOfRange != 1 {
				t.Errorf("AddAll skipped %+v", s)
			}
			// A count ignores the value.
			if err := agg.Add(performance.Observation{Partner: "p", Metric: "regs", At: inQ1, Value: v}); err != nil {
				t.Errorf("count: %v", err)
			}

			sc := mustScorecard(mustCatalog())
			if _, err := sc.Score(performance.ScoreInput{Partner: "p", Values: map[string]partnerops.Decimal{"bookings": v}}, performance.ViewInternal); !errors.Is(err, partnerops.ErrRange) {
				t.Errorf("Score = %v, want ErrRange", err)
			}
			if _, err := performance.Benchmark([]performance.Peer{{Partner: "p", Value: v}}, performance.HigherIsBetter); !errors.Is(err, partnerops.ErrRange) {
				t.Errorf("Benchmark = %v, want ErrRange", err)
			}
			q, _ := performance.NewRequalifier(ladder, samplePolicy())
			if _, err := q.Recommend(performance.RequalInput{Partner: "p", Current: "gold", History: []performance.ReviewPeriod{{Metrics: map[string]partnerops.Decimal{"bookings": v}}}}); !errors.Is(err, partnerops.ErrRange) {
				t.Errorf("Recommend = %v, want ErrRange", err)
			}
			r, _ := sc.Score(performance.ScoreInput{Partner: "p", Period: quarter(2027, 1)}, performance.ViewInternal)
			if _, err := sc.QBR(performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 1), Scorecards: []performance.Result{r}, Plan: map[string]partnerops.Decimal{"bookings": v}}, performance.QBRRules{}); !errors.Is(err, partnerops.ErrRange) {
				t.Errorf("QBR = %v, want ErrRange", err)
			}
			tr, _ := performance.Analyze([]performance.Point{{Value: d("1"), Present: true}, {Value: v, Present: true}}, performance.HigherIsBetter, 2)
			if !tr.HasLatest || !tr.Latest.Equal(d("1")) || tr.HasPrevious {
				t.Errorf("Analyze should treat the value as absent: %+v", tr)
			}
			if _, err := performance.PointsFromDecimal(v); !errors.Is(err, partnerops.ErrRange) {
				t.Errorf("PointsFromDecimal = %v", err)
			}
			tmpl := sampleTemplate()
			tmpl.Categories[0].Weight = v
			tmpl.Bands = []performance.Band{{Name: "all", Min: v}}
			if _, err := performance.CompileScorecard(mustCatalog(), tmpl, program); !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("CompileScorecard = %v", err)
			}
		})
	}
}
