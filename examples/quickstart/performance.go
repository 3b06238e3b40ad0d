package main

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// scorecardAndQBR aggregates two quarters of a partner's activity, scores
// the partner-facing scorecard and assembles the QBR in Markdown. The
// enablement standing comes from the enablement pillar as plain values:
// no pillar imports another.
func scorecardAndQBR(program partnerops.Program, acme partnerops.Partner, enabled []performance.EnablementItem) error {
	section("Performance: Acme's scorecard and QBR")
	num := func(s string) *partnerops.Decimal { d := partnerops.MustDecimal(s); return &d }
	one, two := partnerops.DecimalFromInt(1), partnerops.DecimalFromInt(2)
	cat, err := performance.CompileMetrics([]performance.MetricDef{
		{Key: "deal_regs", Name: "Deal registrations", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount, Visibility: performance.VisibilityShared},
		{Key: "bookings", Name: "Bookings", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggSum, Visibility: performance.VisibilityShared},
		{Key: "logins", Name: "Portal logins", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount}, // internal only
	})
	if err != nil {
		return err
	}
	cats := performance.DefaultCategories()[:2] // engagement, selling motion
	cats[0].Metrics = []performance.ScoredMetric{
		{Metric: "deal_regs", Weight: two, Key: true, Normalization: performance.Normalization{Target: num("10")}},
		{Metric: "logins", Weight: one, Normalization: performance.Normalization{Target: num("30")}},
	}
	cats[1].Metrics = []performance.ScoredMetric{
		{Metric: "bookings", Weight: one, Key: true, Normalization: performance.Normalization{Target: num("250000")}},
	}
	sc, err := performance.CompileScorecard(cat, performance.Template{Key: "partner_scorecard", Name: "Partner scorecard", Categories: cats}, program)
	if err != nil {
		return err
	}
	// Quarters come from the program's fiscal calendar (February start):
	// the last two complete fiscal quarters before now.
	last := program.Calendar.Quarter(now).Previous()
	quarters := []partnerops.Period{last.Previous(), last}
	agg, err := cat.NewAggregator(quarters)
	if err != nil {
		return err
	}
	// The host's activity log: weekly deal registrations, logins and bookings.
	var log []performance.Observation
	for qi, q := range quarters {
		for i := 0; i < 6+2*qi; i++ {
			at := q.Start.AddDate(0, 0, 7*i)
			log = append(log,
				performance.Observation{Partner: acme.ID, Metric: "deal_regs", At: at},
				performance.Observation{Partner: acme.ID, Metric: "logins", At: at},
				performance.Observation{Partner: acme.ID, Metric: "bookings", At: at, Value: partnerops.DecimalFromInt(int64(25000 + 5000*qi))})
		}
	}
	agg.AddAll(log)
	var results []performance.Result // the partner-facing (external) view, one per quarter
	for qi := range quarters {
		ins, err := agg.ScoreInputs(qi, []partnerops.Partner{acme}, "")
		if err != nil {
			return err
		}
		r, err := sc.Score(ins[0], performance.ViewExternal)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	fmt.Println(results[1].Markdown())
	qbr, err := sc.QBR(performance.QBRInput{Partner: acme, Quarter: quarters[1], Scorecards: results, Enablement: enabled}, performance.QBRRules{Growth: partnerops.MustPercent("10")})
	if err != nil {
		return err
	}
	fmt.Print(qbr.Markdown())
	return nil
}
