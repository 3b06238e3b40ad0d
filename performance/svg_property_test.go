package performance_test

import (
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart/charttest"
	"github.com/partnerops/partnerops/performance"
	"pgregory.net/rapid"
)

// genPoints draws a score in points, hostile ones included: negative,
// beyond 100, near the int64 range.
func genPoints(t *rapid.T, name string) performance.Points {
	return performance.Points(rapid.OneOf(rapid.Int64Range(-100, 10100), rapid.Int64()).Draw(t, name))
}

// genChartResult draws a hand-made result: any labels, values in the
// valid range (negative, huge, 18 fraction digits), any scores.
func genChartResult(t *rapid.T) performance.Result {
	r := performance.Result{Partner: partnerops.PartnerID(charttest.ID(t, "partner")), Label: charttest.Label(t, "label"),
		View: performance.ViewExternal, Scored: rapid.Bool().Draw(t, "scored"), Total: genPoints(t, "total"), Band: charttest.Label(t, "band")}
	for range rapid.IntRange(0, 5).Draw(t, "categories") {
		r.Categories = append(r.Categories, performance.CategoryScore{Category: charttest.ID(t, "cat"), Name: charttest.Label(t, "name"),
			Counted: rapid.Bool().Draw(t, "counted"), Score: genPoints(t, "score"), Weight: genPoints(t, "weight"), Contribution: genPoints(t, "contribution")})
	}
	for range rapid.IntRange(0, 4).Draw(t, "metrics") {
		r.Metrics = append(r.Metrics, performance.MetricScore{Metric: rapid.SampledFrom([]string{"m", "n"}).Draw(t, "metric"),
			Name: charttest.Label(t, "mname"), Unit: rapid.SampledFrom([]performance.Unit{performance.UnitCount, performance.UnitMoney, performance.UnitPercent}).Draw(t, "unit"),
			Currency: partnerops.USD, Places: int32(rapid.IntRange(0, 4).Draw(t, "places")),
			Value: charttest.Decimal(t, "value"), Present: rapid.Bool().Draw(t, "present"), Target: charttest.Decimal(t, "target"),
			Counted: rapid.Bool().Draw(t, "mcounted"), Score: genPoints(t, "mscore")})
	}
	return r
}

// TestChartsNeverBreak: for any result (empty, one quarter, negative,
// huge, long labels) every chart and page is well-formed, holds no NaN
// and keeps every coordinate inside its view box.
func TestChartsNeverBreak(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var results []performance.Result
		for range rapid.IntRange(0, 4).Draw(t, "quarters") {
			results = append(results, genChartResult(t))
		}
		var recs []performance.Recommendation
		for range rapid.IntRange(0, 6).Draw(t, "recs") {
			recs = append(recs, performance.Recommendation{From: partnerops.Tier(charttest.ID(t, "from")),
				Decision: rapid.SampledFrom([]performance.Decision{performance.DecisionPromote, performance.DecisionKeep, performance.DecisionDemote, "odd"}).Draw(t, "decision")})
		}
		outs := map[string][]byte{
			"trend m":  performance.TrendSVG(results, "m"),
			"trend x":  performance.TrendSVG(results, "x"),
			"movement": performance.MovementSVG(ladder, recs),
			"peer": performance.PeerRank{Partner: partnerops.PartnerID(charttest.ID(t, "p")), Group: charttest.Label(t, "group"),
				Percentile: genPoints(t, "percentile")}.SVG(),
		}
		if len(results) > 0 {
			r := &results[len(results)-1]
			outs["contributions"], outs["result html"] = r.SVG(), r.HTML()
			q := performance.QBR{Partner: partnerops.Partner{ID: r.Partner, Name: charttest.Label(t, "pname")}, Label: r.Label, Total: r.Total,
				Band: r.Band, Categories: r.Categories}
			for _, m := range r.Metrics {
				l := performance.PlanLine{Metric: m.Metric, Name: m.Name, Key: true}
				for _, rr := range results {
					l.History = append(l.History, performance.PlanPoint{Label: rr.Label, Value: charttest.Decimal(t, "hv"), Actual: charttest.Label(t, "ha"),
						Present: rapid.Bool().Draw(t, "hp"), Target: charttest.Decimal(t, "ht"), TargetText: charttest.Label(t, "htt"), HasTarget: rapid.Bool().Draw(t, "hht")})
				}
				q.Performance = append(q.Performance, l)
			}
			outs["qbr html"], outs["qbr trend"] = q.HTML(), q.TrendSVG("m")
		}
		for name, out := range outs {
			if err := charttest.Check(out); err != nil {
				t.Fatalf("%s: %v\n%s", name, err, out)
			}
		}
	})
}
