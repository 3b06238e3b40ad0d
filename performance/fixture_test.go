package performance_test

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// Shared sample program used by tests and examples.

var (
	ladder  = partnerops.MustTierLadder("registered", "silver", "gold", "platinum")
	cal     = partnerops.Calendar{FiscalYearStart: time.February}
	program = partnerops.Program{Name: "Sample", Tiers: ladder, Currency: partnerops.USD, Calendar: cal}
)

func d(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

func pct(s string) partnerops.Percent { return partnerops.MustPercent(s) }

func pd(s string) *partnerops.Decimal {
	v := partnerops.MustDecimal(s)
	return &v
}

func w(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

func sampleMetrics() []performance.MetricDef {
	return []performance.MetricDef{
		{Key: "deal_regs", Name: "Deal registrations", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount, Visibility: performance.VisibilityShared},
		{Key: "portal_logins", Name: "Portal logins", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount},
		{Key: "certified_people", Name: "Certified people", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggDistinct, Visibility: performance.VisibilityShared},
		{Key: "bookings", Name: "Bookings", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggSum, Visibility: performance.VisibilityShared},
		{Key: "deals_won", Name: "Deals won", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggCount},
		{Key: "deals_closed", Name: "Deals closed", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggCount},
		{Key: "win_rate", Name: "Win rate", Unit: performance.UnitPercent, Indicator: performance.Lagging, Aggregation: performance.AggRatio, Numerator: "deals_won", Denominator: "deals_closed", Visibility: performance.VisibilityShared},
		{Key: "days_to_close", Name: "Days to close", Unit: performance.UnitDuration, Indicator: performance.Lagging, Direction: performance.LowerIsBetter, Aggregation: performance.AggAverage, Visibility: performance.VisibilityShared},
		{Key: "csat", Name: "Customer satisfaction", Unit: performance.UnitPercent, Indicator: performance.Lagging, Aggregation: performance.AggLatest, Visibility: performance.VisibilityShared},
		{Key: "deal_size_p90", Name: "Deal size (p90)", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggPercentile, Percentile: pct("90")},
	}
}

func sampleTemplate() performance.Template {
	cats := performance.DefaultCategories()
	cats[0].Metrics = []performance.ScoredMetric{
		{Metric: "deal_regs", Weight: w("2"), Key: true, Normalization: performance.Normalization{Target: pd("10")}},
		{Metric: "portal_logins", Weight: w("1"), Normalization: performance.Normalization{Target: pd("30")}},
	}
	cats[1].Weight = w("35")
	cats[1].Metrics = []performance.ScoredMetric{
		{Metric: "bookings", Weight: w("3"), Key: true, Normalization: performance.Normalization{Target: pd("250000")},
			Targets: []performance.TargetOverride{{Tier: "gold", Normalization: performance.Normalization{Target: pd("500000")}}}},
		{Metric: "win_rate", Weight: w("2"), Key: true, Normalization: performance.Normalization{Method: performance.MethodBanded,
			Bands: []performance.ScoreBand{{Threshold: w("20"), Score: w("50")}, {Threshold: w("30"), Score: w("75")}, {Threshold: w("40"), Score: w("100")}}}},
	}
	cats[2].Weight = w("20")
	cats[2].Metrics = []performance.ScoredMetric{
		{Metric: "csat", Weight: w("1"), Normalization: performance.Normalization{Target: pd("90"), Zero: pd("50")}},
		{Metric: "days_to_close", Weight: w("1"), Normalization: performance.Normalization{Target: pd("30"), Zero: pd("90")},
			Missing: &performance.MissingPolicy{Mode: performance.MissingExclude}},
	}
	cats[3].Weight = w("20")
	cats[3].Metrics = []performance.ScoredMetric{
		{Metric: "certified_people", Weight: w("1"), Normalization: performance.Normalization{Target: pd("4")},
			Targets: []performance.TargetOverride{{Tier: "gold", Normalization: performance.Normalization{Target: pd("8")}}}},
	}
	return performance.Template{Key: "partner_scorecard", Name: "Partner scorecard", Categories: cats}
}

func mustCatalog() *performance.Catalog {
	c, err := performance.CompileMetrics(sampleMetrics())
	if err != nil {
		panic(err)
	}
	return c
}

func mustScorecard(c *performance.Catalog) *performance.Scorecard {
	sc, err := performance.CompileScorecard(c, sampleTemplate(), program)
	if err != nil {
		panic(err)
	}
	return sc
}

func quarter(fy, q int) partnerops.Period {
	p, err := cal.FiscalQuarter(fy, q, time.UTC)
	if err != nil {
		panic(err)
	}
	return p
}

func mustBench(peers []performance.Peer, dir performance.Direction) []performance.PeerRank {
	r, err := performance.Benchmark(peers, dir)
	if err != nil {
		panic(err)
	}
	return r
}
