package performance_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// quarterObservations returns one quarter of sample activity for a partner;
// level scales it so quarters and partners differ.
func quarterObservations(partner partnerops.PartnerID, q partnerops.Period, level int) []performance.Observation {
	var obs []performance.Observation
	at := func(day int) time.Time { return q.Start.AddDate(0, 0, day) }
	add := func(metric string, day int, value string, key string) {
		obs = append(obs, performance.Observation{Partner: partner, Metric: metric, At: at(day), Value: d(value), Key: key})
	}
	for i := 0; i < 2+2*level; i++ {
		add("deal_regs", i*5, "1", "")
	}
	for i := 0; i < 5+5*level; i++ {
		add("portal_logins", i, "1", "")
	}
	for i := 0; i < 1+level; i++ {
		add("certified_people", 10+i, "1", fmt.Sprintf("person-%d", i))
		add("certified_people", 40+i, "1", fmt.Sprintf("person-%d", i)) // recertified: counted once
	}
	for i := 0; i < 1+level; i++ {
		add("bookings", 20+i, fmt.Sprintf("%d.50", 40000+10000*i), "")
		add("deal_size_p90", 20+i, fmt.Sprintf("%d.50", 40000+10000*i), "")
		add("deals_won", 20+i, "1", "")
		add("deals_closed", 20+i, "1", "")
		add("deals_closed", 25+i, "1", "")
		add("days_to_close", 20+i, fmt.Sprint(70-8*level+i), "")
	}
	add("csat", 30, fmt.Sprint(70+4*level), "")
	add("csat", 60, fmt.Sprint(72+4*level), "")
	return obs
}

// Example walks the whole pillar: aggregate a quarter of observations,
// score the partner internally and externally.
func Example() {
	cat, _ := performance.CompileMetrics(sampleMetrics())
	sc, _ := performance.CompileScorecard(cat, sampleTemplate(), program)
	q1 := quarter(2027, 1)
	agg, _ := cat.NewAggregator([]partnerops.Period{q1})
	skipped := agg.AddAll(quarterObservations("acme", q1, 2))
	values, _ := agg.Values("acme", 0)
	fmt.Println("skipped:", skipped.Total())
	for _, k := range slices.Sorted(maps.Keys(values)) {
		fmt.Printf("%s = %s\n", k, values[k])
	}
	in := performance.ScoreInput{Partner: "acme", Tier: "silver", Period: q1, Values: values}
	internal, _ := sc.Score(in, performance.ViewInternal)
	external, _ := sc.Score(in, performance.ViewExternal)
	fmt.Println(internal.String())
	fmt.Println(external.String())
	// Output:
	// skipped: 0
	// bookings = 150001.50
	// certified_people = 3
	// csat = 80.00
	// days_to_close = 55.00
	// deal_regs = 6
	// deal_size_p90 = 60000.50
	// deals_closed = 6
	// deals_won = 3
	// portal_logins = 15
	// win_rate = 50.00
	// acme FY2027-Q1 internal: 69.10 (amber)
	// acme FY2027-Q1 external: 69.93 (amber)
}

func ExampleCompileMetrics() {
	_, err := performance.CompileMetrics([]performance.MetricDef{
		{Key: "win_rate", Name: "Win rate", Unit: performance.UnitPercent, Indicator: performance.Lagging,
			Aggregation: performance.AggRatio, Numerator: "deals_won", Denominator: "deals_closed"},
		{Key: "Bookings", Name: "Bookings", Unit: performance.UnitMoney, Indicator: performance.Lagging, Aggregation: performance.AggSum},
	})
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	fmt.Println(errors.Is(err, partnerops.ErrInvalid))
	// Output:
	// metrics[Bookings].key: must be lowercase letters, digits and underscores, starting with a letter (got "Bookings")
	// metrics[Bookings].currency: money metrics need a known ISO 4217 currency
	// metrics[win_rate].numerator: must name a metric of the catalog (got "deals_won")
	// metrics[win_rate].denominator: must name a metric of the catalog (got "deals_closed")
	// true
}

func ExampleAggregator_Merge() {
	cat := mustCatalog()
	periods := slices.Collect(quarter(2027, 1).Periods(4))
	// Two shards, aggregated independently (in parallel, on two machines...).
	east, _ := cat.NewAggregator(periods)
	west, _ := cat.NewAggregator(periods)
	east.AddAll(quarterObservations("acme", periods[0], 1))
	west.AddAll(quarterObservations("acme", periods[1], 2))
	west.AddAll(quarterObservations("globex", periods[1], 0))
	if err := east.Merge(west); err != nil {
		fmt.Println(err)
	}
	for _, p := range east.Partners() {
		series, _ := east.Series(p, "bookings")
		for _, pt := range series[:2] {
			fmt.Println(p, cal.Label(pt.Period), pt.Value, pt.Present)
		}
	}
	// Output:
	// acme FY2027-Q1 90001.00 true
	// acme FY2027-Q2 150001.50 true
	// globex FY2027-Q1 0 false
	// globex FY2027-Q2 40000.50 true
}

func ExampleScorecard_Score() {
	cat := mustCatalog()
	sc := mustScorecard(cat)
	in := performance.ScoreInput{Partner: "acme", Tier: "silver", Values: map[string]partnerops.Decimal{
		"deal_regs":        d("8"),      // 80% of 10 → 80
		"portal_logins":    d("45"),     // capped at 100
		"bookings":         d("200000"), // 80% of 250000 → 80
		"win_rate":         d("33.33"),  // band ≥ 30 → 75
		"csat":             d("82"),     // (82−50)/(90−50) → 80
		"certified_people": d("3"),      // 3/4 → 75
		// days_to_close missing: excluded, csat carries partner health
	}}
	r, _ := sc.Score(in, performance.ViewInternal)
	fmt.Print(r.Markdown())
	ext, _ := sc.Score(in, performance.ViewExternal)
	fmt.Println()
	fmt.Println(ext.String())
	// Output:
	// ### Scorecard partner_scorecard: acme (internal view)
	//
	// **Total: 79.97 (green)**
	//
	// | Category | Weight | Score | Band | Contribution |
	// |---|---|---|---|---|
	// | Engagement | 25.00% | 86.67 | green | 21.67 |
	// | Selling motion | 35.00% | 78.00 | green | 27.30 |
	// | Partner health | 20.00% | 80.00 | green | 16.00 |
	// | GTM alignment | 20.00% | 75.00 | green | 15.00 |
	//
	// | Metric | Category | Value | Target | Score | Band | Weight | Contribution |
	// |---|---|---|---|---|---|---|---|
	// | Deal registrations | engagement | 8 | 10 | 80.00 | green | 16.67% | 13.34 |
	// | Portal logins | engagement | 45 | 30 | 100.00 | green | 8.33% | 8.33 |
	// | Bookings | selling_motion | 200000.00 USD | 250000.00 USD | 80.00 | green | 21.00% | 16.80 |
	// | Win rate | selling_motion | 33.33% | 40.00% | 75.00 | green | 14.00% | 10.50 |
	// | Customer satisfaction | partner_health | 82.00% | 90.00% | 80.00 | green | 20.00% | 16.00 |
	// | Days to close | partner_health | missing (exclude) | 30.00 days | – | – | – | – |
	// | Certified people | gtm_alignment | 3 | 4 | 75.00 | green | 20.00% | 15.00 |
	//
	// acme external: 78.30 (green)
}

func ExampleAnalyze() {
	var series []performance.Point
	for i, v := range []string{"100", "120", "", "150", "170"} {
		p := performance.Point{Period: quarter(2027, 1).Shift(i)}
		if v != "" {
			p.Value, p.Present = d(v), true
		}
		series = append(series, p)
	}
	t, _ := performance.Analyze(series, performance.HigherIsBetter, 2)
	fmt.Println("change:", t.Change, "percent:", t.ChangePercent)
	fmt.Println("slope:", t.Slope)
	fmt.Println("streak:", t.Streak, t.StreakLength)
	fmt.Println("sparkline:", t.Sparkline)
	for _, p := range t.MovingAverage {
		fmt.Print(p.Value.Round(2, partnerops.RoundHalfUp), " ")
	}
	fmt.Println()
	// Output:
	// change: 20 percent: 13.3333%
	// slope: 17.0000
	// streak: improving 3
	// sparkline: ▁▃ ▆█
	// 100.00 110.00 120.00 150.00 160.00
}

func ExampleBenchmark() {
	peers := []performance.Peer{
		{Partner: "a", Group: "gold", Value: d("81")},
		{Partner: "b", Group: "gold", Value: d("64")},
		{Partner: "c", Group: "gold", Value: d("81")},
		{Partner: "d", Group: "gold", Value: d("92")},
		{Partner: "e", Group: "silver", Value: d("55")},
	}
	ranks, err := performance.Benchmark(peers, performance.HigherIsBetter)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ranks {
		fmt.Printf("%s %s rank %d of %d, percentile %s\n", r.Partner, r.Group, r.Rank, r.Of, r.Percentile)
	}
	// Output:
	// a gold rank 2 of 4, percentile 50.00
	// b gold rank 4 of 4, percentile 12.50
	// c gold rank 2 of 4, percentile 50.00
	// d gold rank 1 of 4, percentile 87.50
	// e silver rank 1 of 1, percentile 50.00
}

func ExampleRequalifier_Recommend() {
	q, err := performance.NewRequalifier(ladder, performance.TierPolicy{
		Tiers: []performance.TierRequirement{
			{Tier: "silver", MinTotal: w("50")},
			{Tier: "gold", MinTotal: w("70"), Requirements: []string{"two_certified_engineers"}},
			{Tier: "platinum", MinTotal: w("85"), Metrics: []performance.MetricBound{{Metric: "bookings", Min: pd("1000000")}}},
		},
		PromotionMargin: w("5"), DemotionMargin: w("5"), GracePeriods: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	review := func(total int64, certified bool) performance.ReviewPeriod {
		return performance.ReviewPeriod{Total: performance.Points(total * 100), Scored: true,
			Requirements: map[string]bool{"two_certified_engineers": certified}}
	}
	cases := []performance.RequalInput{
		{Partner: "rising", Current: "silver", History: []performance.ReviewPeriod{review(76, true)}},
		{Partner: "hovering", Current: "silver", History: []performance.ReviewPeriod{review(72, true)}},
		{Partner: "dipping", Current: "gold", History: []performance.ReviewPeriod{review(67, true)}},
		{Partner: "slipping", Current: "gold", History: []performance.ReviewPeriod{review(80, true), review(60, true)}},
		{Partner: "falling", Current: "gold", History: []performance.ReviewPeriod{review(62, true), review(60, true)}},
	}
	for _, c := range cases {
		r, _ := q.Recommend(c)
		fmt.Printf("%s: %s %s → %s: %s\n", r.Partner, r.Decision, r.From, r.To, r.Reasons[0])
	}
	// Output:
	// rising: promote silver → gold: meets every gold requirement (with the promotion margin) in the last 1 review(s)
	// hovering: keep silver → silver: meets silver requirements (with the demotion margin)
	// dipping: keep gold → gold: meets gold requirements (with the demotion margin)
	// slipping: keep gold → gold: misses gold requirements (scorecard total 60.00, needs ≥ 65.00); grace period: 1 of 1 failing review(s) used
	// falling: demote gold → silver: misses gold requirements (scorecard total 60.00, needs ≥ 65.00) for 2 consecutive review(s), beyond the grace period of 1
}

// Example_qbr assembles a quarterly business review from four quarters of
// scorecards and renders it to Markdown.
func Example_qbr() {
	cat := mustCatalog()
	sc := mustScorecard(cat)
	periods := slices.Collect(quarter(2027, 1).Periods(4))
	agg, _ := cat.NewAggregator(periods)
	for i, p := range periods {
		agg.AddAll(quarterObservations("acme", p, i))
	}
	var results []performance.Result
	for i, p := range periods {
		values, _ := agg.Values("acme", i)
		r, _ := sc.Score(performance.ScoreInput{Partner: "acme", Tier: "silver", Period: p, Values: values}, performance.ViewExternal)
		results = append(results, r)
	}
	csat := d("4.6")
	qbr, err := sc.QBR(performance.QBRInput{
		Partner:    partnerops.Partner{ID: "acme", Name: "Acme Cloud Services", Tier: "silver"},
		Quarter:    periods[3],
		Scorecards: results,
		Enablement: []performance.EnablementItem{{Name: "Sales certification", Completed: 3, Required: 4}, {Name: "Technical certification", Completed: 1, Required: 2}},
		Health: performance.Health{Satisfaction: &csat, SatisfactionLabel: "Partner satisfaction survey (of 5)", Conflicts: 1,
			Risks: []performance.Risk{{Title: "Key sales engineer leaving", Severity: "medium", Owner: "CAM"}}},
		Actions: []performance.Action{{Title: "Joint webinar on the new security bundle", Owner: "Acme marketing", Due: time.Date(2027, 2, 15, 0, 0, 0, 0, time.UTC)}},
	}, performance.QBRRules{Growth: partnerops.MustPercent("10")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(qbr.Markdown())
	// Output:
	// # QBR FY2027-Q4: Acme Cloud Services
	//
	// Tier: silver · Scorecard: **88.06 (green)** · +18.13 vs last quarter · trend ▁▃▆█
	//
	// ## Performance against plan
	//
	// | Metric | Plan | Actual | Attainment | Score | Status | QoQ | Trend |
	// |---|---|---|---|---|---|---|---|
	// | Deal registrations | 10 | 8 | 80.00% | 80.00 | green | +2 | ▁▃▆█ |
	// | Bookings | 250000.00 USD | 220002.00 USD | 88.00% | 88.00 | green | +70000.50 USD | ▁▃▅█ |
	// | Win rate | 40.00% | 50.00% | 125.00% | 100.00 | green | 0.00% | ▄▄▄▄ |
	// | Customer satisfaction | 90.00% | 84.00% | 93.33% | 85.00 | green | +4.00% |  |
	// | Days to close | 30.00 days | 47.50 days | 63.16% | 70.83 | amber | -7.50 days |  |
	// | Certified people | 4 | 4 | 100.00% | 100.00 | green | +1 |  |
	//
	// ## Scorecard by category
	//
	// | Category | Weight | Score | Status |
	// |---|---|---|---|
	// | Engagement | 25.00% | 80.00 | green |
	// | Selling motion | 35.00% | 92.80 | green |
	// | Partner health | 20.00% | 77.92 | green |
	// | GTM alignment | 20.00% | 100.00 | green |
	//
	// ## Enablement progress
	//
	// | Item | Completed | Required |
	// |---|---|---|
	// | Sales certification | 3 | 4 |
	// | Technical certification | 1 | 2 |
	//
	// Overall: 66.67% complete.
	//
	// ## Partnership health
	//
	// - Engagement score: 80.00
	// - Partner satisfaction survey (of 5): 4.6
	// - Channel conflicts this quarter: 1
	// - Open risks:
	//   - Key sales engineer leaving (medium), owner CAM
	//
	// ## Highlights
	//
	// - Win rate at 125.00% of plan (50.00% vs 40.00%)
	// - Certified people at 100.00% of plan (4 vs 4)
	// - Bookings improved 46.7% quarter over quarter (150001.50 USD → 220002.00 USD)
	//
	// ## Lowlights
	//
	// None.
	//
	// ## Growth plan
	//
	// Next-quarter targets: trend projection plus 10% growth.
	//
	// | Metric | Latest | Trend | Next-quarter target |
	// |---|---|---|---|
	// | Deal registrations | 8 | +2 / quarter | 11 |
	// | Bookings | 220002.00 USD | +60000.50 USD / quarter | 308002.75 USD |
	// | Win rate | 50.00% | 0.00% / quarter | 55.00% |
	// | Customer satisfaction | 84.00% | +4.00% / quarter | 96.80% |
	// | Days to close | 47.50 days | -7.50 days / quarter | 36.00 days |
	// | Certified people | 4 | +1 / quarter | 6 |
	//
	// Joint actions:
	//
	// - [ ] Joint webinar on the new security bundle (owner: Acme marketing, due 2027-02-15)
}

func ExampleMovers() {
	pts := func(a, b string) []performance.Point {
		return []performance.Point{{Period: quarter(2027, 1), Value: d(a), Present: true}, {Period: quarter(2027, 2), Value: d(b), Present: true}}
	}
	up, down := performance.Movers([]performance.PartnerSeries{
		{Partner: "acme", Series: pts("100000", "160000")},
		{Partner: "globex", Series: pts("250000", "180000")},
		{Partner: "initech", Series: pts("50000", "55000")},
	}, performance.HigherIsBetter, 1)
	fmt.Println("top improver:", up[0].Partner, up[0].Change, up[0].ChangePercent.Round(1, partnerops.RoundHalfUp))
	fmt.Println("top decliner:", down[0].Partner, down[0].Change, down[0].ChangePercent.Round(1, partnerops.RoundHalfUp))
	// Output:
	// top improver: acme 60000 60.0%
	// top decliner: globex -70000 -28.0%
}

func ExampleSparkline() {
	var s []performance.Point
	for i, v := range []int64{3, 5, 4, 8, 12, 11, 15} {
		s = append(s, performance.Point{Period: quarter(2027, 1).Shift(i), Value: partnerops.DecimalFromInt(v), Present: true})
	}
	fmt.Println(performance.Sparkline(s))
	fmt.Println(performance.SparkLevels(s))
	// Output:
	// ▁▂▁▄▇▆█
	// [0 1 0 3 6 5 7]
}

// ExampleScorecard_ScoreAll scores every partner of a quarter from the
// aggregator and benchmarks them within their tier.
func ExampleScorecard_ScoreAll() {
	cat := mustCatalog()
	sc := mustScorecard(cat)
	q1 := quarter(2027, 1)
	agg, _ := cat.NewAggregator([]partnerops.Period{q1})
	partners := []partnerops.Partner{
		{ID: "acme", Tier: "silver"}, {ID: "globex", Tier: "silver"}, {ID: "initech", Tier: "gold"}, {ID: "umbrella", Tier: "gold"},
	}
	for i, p := range partners {
		agg.AddAll(quarterObservations(p.ID, q1, i+1))
	}
	ins, _ := agg.ScoreInputs(0, partners, "")
	results, _ := sc.ScoreAll(ins, performance.ViewInternal)
	var peers []performance.Peer
	for _, r := range results {
		peers = append(peers, performance.Peer{Partner: r.Partner, Group: string(r.Tier), Value: r.Total.Decimal()})
	}
	ranks, _ := performance.Benchmark(peers, performance.HigherIsBetter)
	for i, rank := range ranks {
		fmt.Printf("%-8s %-6s %s %-5s rank %d of %d\n", rank.Partner, rank.Group, results[i].Total, results[i].Band, rank.Rank, rank.Of)
	}
	// Output:
	// acme     silver 52.09 amber rank 2 of 2
	// globex   silver 69.10 amber rank 1 of 2
	// initech  gold   67.71 amber rank 2 of 2
	// umbrella gold   80.54 green rank 1 of 2
}

// ExampleParseCatalog decodes a metric catalog strictly and compiles it.
// The JSON is the one the package doc shows.
func ExampleParseCatalog() {
	def, err := performance.ParseCatalog([]byte(catalogJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, err := performance.CompileMetrics(def.Metrics)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cat.Keys())
	// A misspelt key is an error with its path, not a silent default.
	_, err = performance.ParseCatalog([]byte(`{"metrics": [{"key": "certified_people", "agregation": "distinct_count"}]}`))
	fmt.Println(err)
	// A percent is a string in percent units: a bare 0.9 is refused.
	_, err = performance.ParseMetric([]byte(`{"key": "p90", "percentile": 0.9}`))
	fmt.Println(errors.Is(err, partnerops.ErrSyntax))
	// Output:
	// [deal_regs bookings deals_won deals_closed win_rate deal_size_p90]
	// performance: parsing metric catalog: metrics[certified_people].agregation: unknown field; did you mean "aggregation"?
	// true
}

// ExampleParseTemplate decodes a scorecard template, compiles it against
// the catalog and the program (its tiers and fiscal calendar), and shows
// the warnings: valid, but probably not meant.
func ExampleParseTemplate() {
	def, _ := performance.ParseCatalog([]byte(catalogJSON))
	cat, _ := performance.CompileMetrics(def.Metrics)
	tmpl, err := performance.ParseTemplate([]byte(templateJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	prog := partnerops.Program{Tiers: ladder, Currency: partnerops.USD, Calendar: partnerops.Calendar{FiscalYearStart: time.February}}
	sc, err := performance.CompileScorecard(cat, tmpl, prog)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range sc.Warnings() {
		fmt.Println(w)
	}
	q := prog.Calendar.Quarter(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC))
	r, _ := sc.Score(performance.ScoreInput{Partner: "acme", Tier: "gold", Period: q, Values: map[string]partnerops.Decimal{
		"deal_regs": partnerops.MustDecimal("8"), "bookings": partnerops.MustDecimal("400000.00"), "win_rate": partnerops.MustDecimal("35.5"),
	}}, performance.ViewExternal)
	fmt.Println(r.String())
	// Output:
	// metrics[deal_size_p90]: is in the catalog but this scorecard neither scores it nor divides by it (got "deal_size_p90")
	// acme FY2027-Q4 external: 72.80 (amber)
}

// ExampleParseTierPolicy decodes a requalification policy; a policy whose
// requirements fall going up the ladder is refused, with paths by tier.
func ExampleParseTierPolicy() {
	policy, err := performance.ParseTierPolicy([]byte(policyJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	q, err := performance.NewRequalifier(ladder, policy)
	if err != nil {
		fmt.Println(err)
		return
	}
	rec, _ := q.Recommend(performance.RequalInput{Partner: "acme", Current: "silver", History: []performance.ReviewPeriod{
		{Total: 78_00, Scored: true, Metrics: map[string]partnerops.Decimal{"bookings": partnerops.MustDecimal("300000")}, Requirements: map[string]bool{"sales_certified": true}},
	}})
	fmt.Println(rec.Decision, rec.To)
	policy.Tiers[2].MinTotal = partnerops.MustDecimal("60")
	_, err = performance.NewRequalifier(ladder, policy)
	fmt.Println(err)
	// Output:
	// promote gold
	// performance: compiling tier policy: tiers[platinum].min_total: must be at least gold's min_total 70.00: a higher tier must not be easier to reach than a lower one (got "60")
}

// ExampleParseQBRRules decodes the QBR rules; a growth of "0.1" is valid
// but draws a warning (percents are in percent units).
func ExampleParseQBRRules() {
	rules, err := performance.ParseQBRRules([]byte(qbrRulesJSON))
	fmt.Println(rules.Growth, rules.NotableChange, rules.MaxHighlights, err)
	rules, _ = performance.ParseQBRRules([]byte(`{"growth": "0.1"}`))
	fmt.Println(rules.Warnings())
	// Output:
	// 10% 15% 3 <nil>
	// [growth: a percent between 0 and 1: percents are in percent units ("10" is 10%), so this is less than 1% (got "0.1%")]
}
