// Command scorecard-qbr walks through the performance pillar: it
// aggregates a year of partner activity (in two shards, merged), scores
// every partner on an internal and an external scorecard, benchmarks them
// against their tier, lists the largest movers, recommends tier changes,
// and renders one partner's quarterly business review in Markdown.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops/examples/internal/chartdir"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

func dec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

func decp(s string) *partnerops.Decimal {
	d := dec(s)
	return &d
}

var metrics = []performance.MetricDef{
	{Key: "deal_regs", Name: "Deal registrations", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount, Visibility: performance.VisibilityShared},
	{Key: "portal_logins", Name: "Portal logins", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount},
	{Key: "pipeline", Name: "Pipeline created", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Leading, Aggregation: performance.AggSum, Visibility: performance.VisibilityShared},
	{Key: "certified_people", Name: "Certified people", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggDistinct, Visibility: performance.VisibilityShared},
	{Key: "bookings", Name: "Bookings", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggSum, Visibility: performance.VisibilityShared},
	{Key: "deals_won", Name: "Deals won", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggCount},
	{Key: "deals_closed", Name: "Deals closed", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggCount},
	{Key: "win_rate", Name: "Win rate", Unit: performance.UnitPercent, Indicator: performance.Lagging, Aggregation: performance.AggRatio, Numerator: "deals_won", Denominator: "deals_closed", Visibility: performance.VisibilityShared},
	{Key: "days_to_close", Name: "Days to close", Unit: performance.UnitDuration, Indicator: performance.Lagging, Direction: performance.LowerIsBetter, Aggregation: performance.AggAverage, Visibility: performance.VisibilityShared},
	{Key: "csat", Name: "Customer satisfaction", Unit: performance.UnitPercent, Indicator: performance.Lagging, Aggregation: performance.AggLatest, Visibility: performance.VisibilityShared},
	{Key: "margin_leak", Name: "Discount leakage", Unit: performance.UnitPercent, Indicator: performance.Lagging, Direction: performance.LowerIsBetter, Aggregation: performance.AggAverage},
}

func template() performance.Template {
	cats := performance.DefaultCategories()
	cats[0].Metrics = []performance.ScoredMetric{
		{Metric: "deal_regs", Weight: dec("2"), Key: true, Normalization: performance.Normalization{Target: decp("12")}},
		{Metric: "portal_logins", Weight: dec("1"), Normalization: performance.Normalization{Target: decp("40")}},
	}
	cats[1].Weight = dec("35")
	cats[1].Metrics = []performance.ScoredMetric{
		{Metric: "bookings", Weight: dec("3"), Key: true, Normalization: performance.Normalization{Target: decp("300000")},
			Targets: []performance.TargetOverride{{Tier: "gold", Normalization: performance.Normalization{Target: decp("600000")}}}},
		{Metric: "pipeline", Weight: dec("1"), Normalization: performance.Normalization{Target: decp("900000")}},
		{Metric: "win_rate", Weight: dec("2"), Key: true, Normalization: performance.Normalization{Method: performance.MethodBanded,
			Bands: []performance.ScoreBand{{Threshold: dec("20"), Score: dec("40")}, {Threshold: dec("30"), Score: dec("70")}, {Threshold: dec("40"), Score: dec("100")}}}},
	}
	cats[2].Weight = dec("20")
	cats[2].Metrics = []performance.ScoredMetric{
		{Metric: "csat", Weight: dec("2"), Key: true, Normalization: performance.Normalization{Target: decp("90"), Zero: decp("50")}},
		{Metric: "days_to_close", Weight: dec("1"), Normalization: performance.Normalization{Target: decp("30"), Zero: decp("90")},
			Missing: &performance.MissingPolicy{Mode: performance.MissingExclude}},
		{Metric: "margin_leak", Weight: dec("1"), Normalization: performance.Normalization{Target: decp("2"), Zero: decp("10")}},
	}
	cats[3].Weight = dec("20")
	cats[3].Metrics = []performance.ScoredMetric{
		{Metric: "certified_people", Weight: dec("1"), Normalization: performance.Normalization{Target: decp("4")},
			Targets: []performance.TargetOverride{{Tier: "gold", Normalization: performance.Normalization{Target: decp("8")}}}},
	}
	return performance.Template{Key: "partner_scorecard", Name: "Partner scorecard FY2027", Categories: cats}
}

type partner struct {
	p      partnerops.Partner
	levels [4]int // activity level per quarter
}

var partners = []partner{
	{partnerops.Partner{ID: "p-acme", Name: "Acme Cloud Services", Tier: "silver", Type: partnerops.PartnerTypeReseller}, [4]int{2, 3, 4, 6}},
	{partnerops.Partner{ID: "p-borealis", Name: "Borealis Systems", Tier: "gold", Type: partnerops.PartnerTypeSI}, [4]int{6, 5, 4, 3}},
	{partnerops.Partner{ID: "p-cobalt", Name: "Cobalt MSP", Tier: "silver", Type: partnerops.PartnerTypeMSP}, [4]int{3, 3, 3, 3}},
	{partnerops.Partner{ID: "p-delta", Name: "Delta Integrators", Tier: "gold", Type: partnerops.PartnerTypeGSI}, [4]int{7, 7, 8, 8}},
	{partnerops.Partner{ID: "p-ember", Name: "Ember Referral Co", Tier: "registered", Type: partnerops.PartnerTypeReferral}, [4]int{1, 1, 2, 1}},
}

// activity generates one quarter of observations for a partner at an
// activity level (deterministic: no randomness).
func activity(id partnerops.PartnerID, q partnerops.Period, level int) []performance.Observation {
	var obs []performance.Observation
	add := func(metric string, day int, value partnerops.Decimal, key string) {
		obs = append(obs, performance.Observation{Partner: id, Metric: metric, At: q.Start.AddDate(0, 0, day), Value: value, Key: key})
	}
	one := partnerops.DecimalFromInt(1)
	for i := 0; i < 2*level; i++ {
		add("deal_regs", i*4%88, one, "")
		add("pipeline", i*4%88, partnerops.NewDecimal(int64(55000+1500*i*level), 0), "")
	}
	for i := 0; i < 6*level; i++ {
		add("portal_logins", i%89, one, "")
	}
	for i := 0; i < level; i++ {
		add("certified_people", 5+i, one, fmt.Sprintf("%s-eng-%d", id, i))
		add("bookings", 30+i, partnerops.NewDecimal(int64(42000+3500*i+1000*level), 0).Add(partnerops.NewDecimal(int64(25*i), -2)), "")
		add("deals_won", 30+i, one, "")
		add("days_to_close", 30+i, partnerops.DecimalFromInt(int64(80-6*level+i)), "")
		add("margin_leak", 30+i, partnerops.NewDecimal(int64(900-70*level), -2), "")
	}
	for i := 0; i < level+2; i++ {
		add("deals_closed", 40+i, one, "")
	}
	add("csat", 45, partnerops.DecimalFromInt(int64(62+4*level)), "")
	return obs
}

func main() {
	flag.Parse() // -charts DIR writes the scorecard, QBR and charts as HTML and SVG
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	program := partnerops.Program{
		Name:     "Northwind Partner Network",
		Tiers:    partnerops.MustTierLadder("registered", "silver", "gold", "platinum"),
		Currency: partnerops.USD,
		Calendar: partnerops.Calendar{FiscalYearStart: time.February},
	}
	ladder, cal := program.Tiers, program.Calendar
	first, err := cal.FiscalQuarter(2027, 1, time.UTC)
	if err != nil {
		return err
	}
	quarters := slices.Collect(first.Periods(4))

	cat, err := performance.CompileMetrics(metrics)
	if err != nil {
		return err
	}
	sc, err := performance.CompileScorecard(cat, template(), program)
	if err != nil {
		return err
	}

	// 1. Aggregate: two shards (first and second half of the year), merged.
	shardA, _ := cat.NewAggregator(quarters)
	shardB, _ := cat.NewAggregator(quarters)
	total := 0
	for _, p := range partners {
		for qi, q := range quarters {
			obs := activity(p.p.ID, q, p.levels[qi])
			total += len(obs)
			if qi < 2 {
				shardA.AddAll(obs)
			} else {
				shardB.AddAll(obs)
			}
		}
	}
	if err := shardA.Merge(shardB); err != nil {
		return err
	}
	agg := shardA
	fmt.Printf("Aggregated %d observations for %d partners into %d fiscal quarters (%s to %s), in two shards merged.\n\n",
		total, len(agg.Partners()), len(quarters), cal.Label(quarters[0]), cal.Label(quarters[3]))

	// 2. Score every partner for every quarter, internal and external.
	results := map[partnerops.PartnerID][]performance.Result{}
	external := map[partnerops.PartnerID][]performance.Result{}
	fmt.Println("## Scorecards, " + cal.Label(quarters[3]))
	fmt.Println()
	fmt.Println("| Partner | Tier | Internal | External | Band | Trend (internal) |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, p := range partners {
		var series []performance.Point
		for qi, q := range quarters {
			values, err := agg.Values(p.p.ID, qi)
			if err != nil {
				return err
			}
			in := performance.ScoreInput{Partner: p.p.ID, Tier: p.p.Tier, Period: q, Values: values}
			ri, err := sc.Score(in, performance.ViewInternal)
			if err != nil {
				return err
			}
			re, err := sc.Score(in, performance.ViewExternal)
			if err != nil {
				return err
			}
			results[p.p.ID] = append(results[p.p.ID], ri)
			external[p.p.ID] = append(external[p.p.ID], re)
			series = append(series, performance.Point{Period: q, Value: ri.Total.Decimal(), Present: ri.Scored})
		}
		last := results[p.p.ID][3]
		fmt.Printf("| %s | %s | %s | %s | %s | %s |\n", p.p.Name, p.p.Tier, last.Total, external[p.p.ID][3].Total, last.Band, performance.Sparkline(series))
	}
	fmt.Println()

	// 3. One partner's internal scorecard, explained.
	acme := results["p-acme"][3]
	fmt.Print(acme.Markdown())
	fmt.Println()

	// 4. Peer benchmarking within each tier.
	fmt.Println("## Peer benchmark (internal total, within tier)")
	fmt.Println()
	var peers []performance.Peer
	for _, p := range partners {
		peers = append(peers, performance.Peer{Partner: p.p.ID, Group: string(p.p.Tier), Value: results[p.p.ID][3].Total.Decimal()})
	}
	ranks, err := performance.Benchmark(peers, performance.HigherIsBetter)
	if err != nil {
		return err
	}
	for _, r := range ranks {
		fmt.Printf("- %s: rank %d of %d in %s, percentile %s\n", r.Partner, r.Rank, r.Of, r.Group, r.Percentile)
	}
	fmt.Println()

	// 5. Largest movers on bookings, last quarter over the one before.
	var all []performance.PartnerSeries
	for _, p := range partners {
		s, err := agg.Series(p.p.ID, "bookings")
		if err != nil {
			return err
		}
		all = append(all, performance.PartnerSeries{Partner: p.p.ID, Series: s})
	}
	up, down := performance.Movers(all, performance.HigherIsBetter, 2)
	fmt.Println("## Largest movers: bookings")
	fmt.Println()
	for _, m := range up {
		fmt.Printf("- ▲ %s: %s → %s USD (+%s)\n", m.Partner, m.Previous.Round(2, partnerops.RoundHalfEven), m.Latest.Round(2, partnerops.RoundHalfEven), m.ChangePercent.Round(1, partnerops.RoundHalfEven))
	}
	for _, m := range down {
		fmt.Printf("- ▼ %s: %s → %s USD (%s)\n", m.Partner, m.Previous.Round(2, partnerops.RoundHalfEven), m.Latest.Round(2, partnerops.RoundHalfEven), m.ChangePercent.Round(1, partnerops.RoundHalfEven))
	}
	fmt.Println()

	// 6. Tier requalification with grace and hysteresis.
	req, err := performance.NewRequalifier(ladder, performance.TierPolicy{
		Tiers: []performance.TierRequirement{
			{Tier: "silver", MinTotal: dec("45")},
			{Tier: "gold", MinTotal: dec("70"), Metrics: []performance.MetricBound{{Metric: "certified_people", Min: decp("4")}}},
			{Tier: "platinum", MinTotal: dec("88"), Requirements: []string{"executive_sponsor"}},
		},
		PromotionMargin: dec("3"), DemotionMargin: dec("5"), GracePeriods: 1,
	})
	if err != nil {
		return err
	}
	fmt.Println("## Tier requalification")
	fmt.Println()
	var recs []performance.Recommendation
	for _, p := range partners {
		var history []performance.ReviewPeriod
		for qi, r := range results[p.p.ID] {
			values, _ := agg.Values(p.p.ID, qi)
			history = append(history, performance.ReviewPeriod{Period: r.Period, Total: r.Total, Scored: r.Scored, Metrics: values,
				Requirements: map[string]bool{"executive_sponsor": p.p.ID == "p-delta"}})
		}
		rec, err := req.Recommend(performance.RequalInput{Partner: p.p.ID, Current: p.p.Tier, History: history})
		if err != nil {
			return err
		}
		fmt.Printf("- %s: **%s** %s → %s: %s.\n", p.p.Name, rec.Decision, rec.From, rec.To, strings.Join(rec.Reasons, "; "))
		recs = append(recs, rec)
	}
	if err := chartdir.Write("performance-tier-movement.svg", performance.MovementSVG(ladder, recs)); err != nil {
		return err
	}
	fmt.Println()

	// 7. The QBR for Acme, shared with the partner (external view).
	csat := dec("4.4")
	qbr, err := sc.QBR(performance.QBRInput{
		Partner:    partners[0].p,
		Quarter:    quarters[3],
		Scorecards: external["p-acme"],
		Plan:       map[string]partnerops.Decimal{"bookings": partnerops.DecimalFromInt(250000)},
		Enablement: []performance.EnablementItem{
			{Name: "Sales accreditation", Completed: 5, Required: 6},
			{Name: "Technical certification", Completed: 3, Required: 4},
			{Name: "Security specialization", Completed: 0, Required: 1},
		},
		Health: performance.Health{Satisfaction: &csat, SatisfactionLabel: "Partner satisfaction (of 5)", Conflicts: 1,
			Risks: []performance.Risk{{Title: "Lead sales engineer on leave in Q1", Severity: "medium", Owner: "CAM"}}},
		Actions: []performance.Action{
			{Title: "Joint pipeline review every two weeks", Owner: "CAM and Acme sales lead"},
			{Title: "Complete the security specialization", Owner: "Acme", Due: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)},
		},
	}, performance.QBRRules{Growth: partnerops.MustPercent("10")})
	if err != nil {
		return err
	}
	fmt.Print(qbr.Markdown())

	// The partner-facing pages: the external scorecard and the QBR as
	// self-contained printable HTML, and the charts on their own.
	last := external["p-acme"][len(external["p-acme"])-1]
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"performance-scorecard-p-acme.html", last.HTML()},
		{"performance-contributions-p-acme.svg", last.SVG()},
		{"performance-qbr-p-acme.html", qbr.HTML()},
		{"performance-trend-bookings-p-acme.svg", qbr.TrendSVG("bookings")},
	} {
		if err := chartdir.Write(c.name, c.b); err != nil {
			return err
		}
	}
	return nil
}
