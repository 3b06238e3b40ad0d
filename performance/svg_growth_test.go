package performance_test

import (
	"strconv"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// TestChartsLinearCost times every renderer at n and 8n categories,
// metrics, quarters and recommendations.
func TestChartsLinearCost(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	result := func(n int) performance.Result {
		r := performance.Result{Partner: "p", Scored: true, Total: 5000}
		for i := range n {
			k := "m" + strconv.Itoa(i)
			r.Categories = append(r.Categories, performance.CategoryScore{Category: k, Name: k, Counted: true, Weight: 100, Contribution: 50})
			r.Metrics = append(r.Metrics, performance.MetricScore{Metric: k, Name: k, Present: true, Value: partnerops.DecimalFromInt(int64(i)), Counted: true})
		}
		return r
	}
	checkGrowth(t, 200, func(n int) func() {
		r := result(n)
		return func() { r.SVG(); r.HTML() }
	})
	checkGrowth(t, 200, func(n int) func() {
		rs := make([]performance.Result, n)
		for i := range rs {
			rs[i] = result(1)
			rs[i].Label = "Q" + strconv.Itoa(i)
		}
		return func() { performance.TrendSVG(rs, "m0") }
	})
	checkGrowth(t, 500, func(n int) func() {
		recs := make([]performance.Recommendation, n)
		for i := range recs {
			recs[i] = performance.Recommendation{From: partnerops.Tier("t" + strconv.Itoa(i%50)), Decision: performance.DecisionKeep}
		}
		return func() { performance.MovementSVG(ladder, recs) }
	})
}
