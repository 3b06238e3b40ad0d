package performance_test

// Regression tests for the findings of issues 11 (a hostile-input audit)
// and 12 (definitions and results as trustworthy data) in this pillar.
// Each failed before its fix.

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// Issue 11: NewRequalifier accepted tier minimums that fall going up the
// ladder (silver 80, gold 70, platinum 60) and then promoted a gold
// partner scoring 65 to platinum.
func TestRequalifierRefusesRequirementsFallingUpTheLadder(t *testing.T) {
	falling := performance.TierPolicy{Tiers: []performance.TierRequirement{
		{Tier: "silver", MinTotal: w("80")},
		{Tier: "gold", MinTotal: w("70")},
		{Tier: "platinum", MinTotal: w("60")},
	}}
	q, err := performance.NewRequalifier(ladder, falling)
	if !errors.Is(err, partnerops.ErrInvalid) {
		rec, _ := q.Recommend(performance.RequalInput{Partner: "p", Current: "gold", History: []performance.ReviewPeriod{{Total: 65_00, Scored: true}}})
		t.Fatalf("NewRequalifier = %v, want ErrInvalid (it recommends %s to %s)", err, rec.Decision, rec.To)
	}
	if diff := cmp.Diff([]string{"tiers[gold].min_total", "tiers[platinum].min_total"}, paths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	// The same class: a metric minimum that falls, a maximum that rises,
	// a higher tier with no minimum total at all.
	tests := []struct {
		name  string
		tiers []performance.TierRequirement
		paths []string
	}{
		{"metric minimum falls", []performance.TierRequirement{
			{Tier: "silver", MinTotal: w("50")},
			{Tier: "gold", MinTotal: w("60"), Metrics: []performance.MetricBound{{Metric: "certified_people", Min: pd("4")}}},
			{Tier: "platinum", MinTotal: w("70"), Metrics: []performance.MetricBound{{Metric: "certified_people", Min: pd("2")}}},
		}, []string{"tiers[platinum].metrics[certified_people].min"}},
		{"metric maximum rises", []performance.TierRequirement{
			{Tier: "silver", MinTotal: w("50"), Metrics: []performance.MetricBound{{Metric: "days_to_close", Max: pd("60")}}},
			{Tier: "gold", MinTotal: w("60"), Metrics: []performance.MetricBound{{Metric: "days_to_close", Max: pd("90")}}},
			{Tier: "platinum", MinTotal: w("70"), Metrics: []performance.MetricBound{{Metric: "days_to_close", Max: pd("30")}}},
		}, []string{"tiers[gold].metrics[days_to_close].max"}},
		{"no minimum above a minimum", []performance.TierRequirement{
			{Tier: "silver", MinTotal: w("50")},
			{Tier: "gold", Requirements: []string{"certified"}},
			{Tier: "platinum", MinTotal: w("70")},
		}, []string{"tiers[gold].min_total"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := performance.NewRequalifier(ladder, performance.TierPolicy{Tiers: tt.tiers})
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("NewRequalifier = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.paths, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	// Equal minimums are fine; a dropped requirement is only a warning.
	q, err = performance.NewRequalifier(ladder, samplePolicy())
	if err != nil {
		t.Fatal(err)
	}
	want := []partnerops.Warning{{Path: "tiers[platinum].requirements", Rule: `gold requires "certified" but platinum does not`, Value: "certified"}}
	if diff := cmp.Diff(want, q.Warnings()); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

// markdownRow returns the cells of the first Markdown table row whose
// first cell is name.
func markdownRow(md, name string) []string {
	for _, line := range strings.Split(md, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) > 1 && cells[0] == name {
			return cells
		}
	}
	return nil
}

// Issue 11: a QBR showed a metric the scorecard excluded as "0.00 | red"
// while the scorecard showed "-".
func TestQBRShowsExcludedMetricsAsTheScorecardDoes(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	vals := map[string]partnerops.Decimal{"deal_regs": d("8"), "portal_logins": d("20"), "bookings": d("200000"),
		"win_rate": d("35"), "csat": d("80"), "certified_people": d("3")} // days_to_close missing: excluded
	r, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: "silver", Period: quarter(2027, 1), Values: vals}, performance.ViewInternal)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := r.Metric("days_to_close")
	if m.Counted || m.Band != "" || m.Score != 0 {
		t.Errorf("excluded metric has a score or band: %+v", m)
	}
	q, err := sc.QBR(performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 1), Scorecards: []performance.Result{r}}, performance.QBRRules{})
	if err != nil {
		t.Fatal(err)
	}
	// Scorecard: Metric | Category | Value | Target | Score | Band | ...
	card := markdownRow(r.Markdown(), "Days to close")
	// QBR: Metric | Plan | Actual | Attainment | Score | Status | ...
	qbr := markdownRow(q.Markdown(), "Days to close")
	if card == nil || qbr == nil {
		t.Fatalf("rows missing:\n%s\n%s", r.Markdown(), q.Markdown())
	}
	if got, want := []string{qbr[2], qbr[4], qbr[5]}, []string{card[2], card[4], card[5]}; !cmp.Equal(want, got) {
		t.Errorf("QBR shows %q, scorecard %q", got, want)
	}
	if qbr[2] != "missing (exclude)" || qbr[4] != "–" || qbr[5] != "–" {
		t.Errorf("QBR row %q", qbr)
	}
	for _, n := range q.Lowlights {
		if n.Metric == "days_to_close" {
			t.Errorf("an excluded metric is a lowlight: %+v", n)
		}
	}
}

// Issue 11: with a fiscal year starting in February, the quickstart
// titled a QBR "FY2026-Q4" for 2026-10-01..2027-01-01, because its
// quarters came from a zero Calendar. Labels come from the program's
// calendar, and a period that is not one of its periods is refused.
func TestPeriodLabelsComeFromTheProgramCalendar(t *testing.T) {
	sc := mustScorecard(mustCatalog()) // program: fiscal year from February
	now := time.Date(2026, 12, 15, 12, 0, 0, 0, time.UTC)
	calendarQuarter := partnerops.Calendar{}.Quarter(now) // 2026-10-01..2027-01-01
	in := performance.ScoreInput{Partner: "p", Tier: "silver", Period: calendarQuarter, Values: map[string]partnerops.Decimal{"deal_regs": d("5")}}
	if _, err := sc.Score(in, performance.ViewInternal); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Score in a calendar-year quarter = %v, want ErrInvalid", err)
	}
	if _, err := sc.ScoreAll([]performance.ScoreInput{in}, performance.ViewInternal); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("ScoreAll in a calendar-year quarter = %v, want ErrInvalid", err)
	}
	fiscal := cal.Quarter(now) // 2026-11-01..2027-02-01
	in.Period = fiscal
	r, err := sc.Score(in, performance.ViewInternal)
	if err != nil {
		t.Fatal(err)
	}
	if r.Label != "FY2027-Q4" || !strings.Contains(r.Markdown(), "Period: FY2027-Q4 (2026-11-01..2027-02-01 (quarter))") {
		t.Errorf("label %q\n%s", r.Label, r.Markdown())
	}
	q, err := sc.QBR(performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: fiscal, Scorecards: []performance.Result{r}}, performance.QBRRules{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Label != "FY2027-Q4" || !strings.HasPrefix(q.Markdown(), "# QBR FY2027-Q4: p") {
		t.Errorf("QBR label %q", q.Label)
	}
	if _, err := sc.QBR(performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: calendarQuarter, Scorecards: []performance.Result{r}}, performance.QBRRules{}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("QBR of a calendar-year quarter = %v, want ErrInvalid", err)
	}
	// Months and custom periods are labelled too.
	in.Period = cal.Month(now)
	if r, err := sc.Score(in, performance.ViewInternal); err != nil || r.Label != "2026-12" {
		t.Errorf("month: %q, %v", r.Label, err)
	}
	custom, _ := partnerops.NewPeriod(now, now.AddDate(0, 0, 10))
	in.Period = custom
	if r, err := sc.Score(in, performance.ViewInternal); err != nil || r.Label != custom.String() {
		t.Errorf("custom: %q, %v", r.Label, err)
	}
}

// Issue 11: every place a host number enters is range-checked, with the
// same limits as the root package.
func TestHostNumbersAreRangeChecked(t *testing.T) {
	hostile := partnerops.NewDecimal(1, math.MinInt32)
	sc := mustScorecard(mustCatalog())
	r, err := sc.Score(performance.ScoreInput{Partner: "p", Period: quarter(2027, 1)}, performance.ViewInternal)
	if err != nil {
		t.Fatal(err)
	}
	base := performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 1), Scorecards: []performance.Result{r}}
	qbrCases := []struct {
		name  string
		edit  func(*performance.QBRInput, *performance.QBRRules)
		wantE error
	}{
		{"satisfaction", func(in *performance.QBRInput, _ *performance.QBRRules) { in.Health.Satisfaction = &hostile }, partnerops.ErrRange},
		{"enablement overflow", func(in *performance.QBRInput, _ *performance.QBRRules) {
			in.Enablement = []performance.EnablementItem{{Name: "a", Completed: math.MaxInt64, Required: math.MaxInt64}, {Name: "b", Completed: 1, Required: math.MaxInt64}}
		}, partnerops.ErrRange},
		{"negative enablement", func(in *performance.QBRInput, _ *performance.QBRRules) {
			in.Enablement = []performance.EnablementItem{{Name: "a", Completed: -5, Required: 4}}
		}, partnerops.ErrRange},
		{"negative conflicts", func(in *performance.QBRInput, _ *performance.QBRRules) { in.Health.Conflicts = -1 }, partnerops.ErrRange},
		{"growth", func(_ *performance.QBRInput, r *performance.QBRRules) { r.Growth = partnerops.NewPercent(hostile) }, partnerops.ErrInvalid},
		{"growth of -100%", func(_ *performance.QBRInput, r *performance.QBRRules) { r.Growth = pct("-100") }, partnerops.ErrInvalid},
		{"notable change", func(_ *performance.QBRInput, r *performance.QBRRules) {
			r.NotableChange = partnerops.NewPercent(hostile)
		}, partnerops.ErrInvalid},
		{"max highlights", func(_ *performance.QBRInput, r *performance.QBRRules) { r.MaxHighlights = -1 }, partnerops.ErrInvalid},
	}
	for _, tt := range qbrCases {
		t.Run("QBR "+tt.name, func(t *testing.T) {
			in, rules := base, performance.QBRRules{}
			tt.edit(&in, &rules)
			start := time.Now()
			if _, err := sc.QBR(in, rules); !errors.Is(err, tt.wantE) {
				t.Errorf("QBR = %v, want %v", err, tt.wantE)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// Definitions: every decimal is checked before any arithmetic.
	defCases := []struct {
		name string
		edit func(*performance.Template)
		path string
	}{
		{"target", func(t *performance.Template) { t.Categories[0].Metrics[0].Normalization.Target = &hostile }, "categories[engagement].metrics[deal_regs].normalization.target"},
		{"zero", func(t *performance.Template) { t.Categories[0].Metrics[0].Normalization.Zero = &hostile }, "categories[engagement].metrics[deal_regs].normalization.zero"},
		{"threshold", func(t *performance.Template) {
			t.Categories[1].Metrics[1].Normalization.Bands[0].Threshold = hostile
		}, "categories[selling_motion].metrics[win_rate].normalization.bands[0].threshold"},
		{"missing score", func(t *performance.Template) {
			t.Missing = performance.MissingPolicy{Mode: performance.MissingFixed, Score: &hostile}
		}, "missing.score"},
	}
	for _, tt := range defCases {
		t.Run("template "+tt.name, func(t *testing.T) {
			tmpl := sampleTemplate()
			tt.edit(&tmpl)
			start := time.Now()
			_, err := performance.CompileScorecard(mustCatalog(), tmpl, program)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("CompileScorecard = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff([]string{tt.path}, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	defs := sampleMetrics()
	defs[len(defs)-1].Percentile = partnerops.NewPercent(hostile)
	if _, err := performance.CompileMetrics(defs); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("hostile percentile: %v", err)
	}
	policy := samplePolicy()
	policy.Tiers[0].MinTotal = hostile
	policy.Tiers[2].Metrics[0].Min = &hostile
	if _, err := performance.NewRequalifier(ladder, policy); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("hostile policy: %v", err)
	}
}

// Issue 12: unknown keys were dropped silently, kinds compiled without
// the fields they need, "0.2" could be meant as 20%.
func TestStrictDefinitions(t *testing.T) {
	tests := []struct {
		name  string
		parse func([]byte) error
		json  string
		want  []string // "path: rule" prefixes
	}{
		{"unknown metric field", parseCatalog, `{"metrics":[{"key":"certified_people","name":"Certified","unit":"count","indicator":"leading","agregation":"distinct_count"}]}`,
			[]string{`metrics[certified_people].agregation: unknown field; did you mean "aggregation"?`}},
		{"unknown catalog field", parseCatalog, `{"metric":[]}`, []string{`metric: unknown field; did you mean "metrics"?`}},
		{"duplicate key", parseCatalog, `{"metrics":[{"key":"a","key":"b"}]}`, []string{`metrics[0].key: duplicate key`}},
		{"bare number percentile", parseCatalog, `{"metrics":[{"key":"p90","name":"P90","unit":"money","currency":"USD","indicator":"lagging","aggregation":"percentile","percentile":90}]}`,
			[]string{`metrics[p90].percentile: decoding percent 90: want a percent string`}},
		{"template field", parseTemplate, `{"key":"t","name":"T","categories":[{"key":"engagement","weight":"100","metrics":[{"metric":"deal_regs","weight":"1","normalisation":{"target":"10"}}]}]}`,
			[]string{`categories[engagement].metrics[deal_regs].normalisation: unknown field; did you mean "normalization"?`}},
		{"weight shape", parseTemplate, `{"key":"t","name":"T","categories":[{"key":"engagement","weight":true,"metrics":[]}]}`,
			[]string{`categories[engagement].weight: want a decimal string like "12.5"`}},
		{"tier policy field", parseTierPolicy, `{"tiers":[{"tier":"gold","min":"70"}]}`,
			[]string{`tiers[gold].min: unknown field; did you mean "min_total"?`}},
		{"QBR rules bare growth", parseQBRRules, `{"growth":0.1}`, []string{`growth: decoding percent 0.1: want a percent string`}},
		{"QBR rules growth too low", parseQBRRules, `{"growth":"-100"}`, []string{`growth: must be above -100%`}},
		{"metric row", func(b []byte) error { _, err := performance.ParseMetric(b); return err }, `{"key":"x","name":"X","unit":"count","indicator":"leading","aggregation":"count","currnecy":"USD"}`,
			[]string{`currnecy: unknown field; did you mean "currency"?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse([]byte(tt.json))
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("parse = %v, want ErrInvalid", err)
			}
			ves := partnerops.ValidationErrors(err)
			if len(ves) != len(tt.want) {
				t.Fatalf("got %d problems, want %d: %v", len(ves), len(tt.want), err)
			}
			for i, ve := range ves {
				if !strings.HasPrefix(ve.Error(), tt.want[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, ve.Error(), tt.want[i])
				}
			}
			if c := strings.Count(err.Error(), "performance: "); c != 1 || strings.Contains(err.Error(), "partnerops: ") {
				t.Errorf("want one prefix: %q", err.Error())
			}
		})
	}
}

func parseCatalog(b []byte) error    { _, err := performance.ParseCatalog(b); return err }
func parseTemplate(b []byte) error   { _, err := performance.ParseTemplate(b); return err }
func parseTierPolicy(b []byte) error { _, err := performance.ParseTierPolicy(b); return err }
func parseQBRRules(b []byte) error   { _, err := performance.ParseQBRRules(b); return err }

// Issue 12: each aggregation and normalization kind states the fields it
// needs and refuses the ones it would ignore.
func TestRequiredAndIgnoredFieldsPerKind(t *testing.T) {
	two := int32(2)
	metric := func(edit func(*performance.MetricDef)) []performance.MetricDef {
		defs := sampleMetrics()
		edit(&defs[0])
		return defs
	}
	metricCases := []struct {
		name string
		defs []performance.MetricDef
		want []string
	}{
		{"ratio without operands", metric(func(m *performance.MetricDef) { m.Aggregation, m.Unit = performance.AggRatio, performance.UnitRatio }),
			[]string{"metrics[deal_regs].numerator", "metrics[deal_regs].denominator"}},
		{"percentile without p", metric(func(m *performance.MetricDef) { m.Aggregation = performance.AggPercentile }),
			[]string{"metrics[deal_regs].percentile"}},
		{"places on a count", metric(func(m *performance.MetricDef) { m.Places = &two }), []string{"metrics[deal_regs].places"}},
		{"denominator on a sum", metric(func(m *performance.MetricDef) { m.Aggregation, m.Denominator = performance.AggSum, "deals_closed" }),
			[]string{"metrics[deal_regs].denominator"}},
	}
	for _, tt := range metricCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := performance.CompileMetrics(tt.defs)
			if diff := cmp.Diff(tt.want, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	tmplCases := []struct {
		name string
		edit func(*performance.Template)
		want []string
	}{
		{"linear without target", func(t *performance.Template) { t.Categories[0].Metrics[0].Normalization.Target = nil },
			[]string{"categories[engagement].metrics[deal_regs].normalization.target"}},
		{"banded with target and zero", func(t *performance.Template) {
			t.Categories[1].Metrics[1].Normalization.Target, t.Categories[1].Metrics[1].Normalization.Zero = pd("40"), pd("0")
		}, []string{"categories[selling_motion].metrics[win_rate].normalization.target", "categories[selling_motion].metrics[win_rate].normalization.zero"}},
		{"banded without bands", func(t *performance.Template) { t.Categories[1].Metrics[1].Normalization.Bands = nil },
			[]string{"categories[selling_motion].metrics[win_rate].normalization.bands"}},
		{"fixed without score", func(t *performance.Template) { t.Missing = performance.MissingPolicy{Mode: performance.MissingFixed} },
			[]string{"missing.score"}},
		{"score without fixed", func(t *performance.Template) {
			t.Categories[0].Metrics[0].Missing = &performance.MissingPolicy{Mode: performance.MissingExclude, Score: pd("50")}
		}, []string{"categories[engagement].metrics[deal_regs].missing.score"}},
		{"tier target without the program's ladder", nil, []string{"categories[selling_motion].metrics[bookings].targets[0].tier", "categories[gtm_alignment].metrics[certified_people].targets[0].tier"}},
	}
	for _, tt := range tmplCases {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, prog := sampleTemplate(), program
			if tt.edit != nil {
				tt.edit(&tmpl)
			} else {
				prog.Tiers = partnerops.TierLadder{}
			}
			_, err := performance.CompileScorecard(mustCatalog(), tmpl, prog)
			if diff := cmp.Diff(tt.want, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

// Issue 12: valid but suspicious definitions come back as warnings.
func TestWarnings(t *testing.T) {
	defs := sampleMetrics()
	defs = append(defs, performance.MetricDef{Key: "unused", Name: "Unused", Unit: performance.UnitPercent, Indicator: performance.Leading, Aggregation: performance.AggSum})
	defs[len(defs)-2].Percentile = pct("0.9")
	cat, err := performance.CompileMetrics(defs)
	if err != nil {
		t.Fatal(err)
	}
	want := []partnerops.Warning{
		{Path: "metrics[deal_size_p90].percentile", Rule: `a percentile below 1% is rare; percents are in percent units ("90" is the p90)`, Value: "0.9%"},
		{Path: "metrics[unused].aggregation", Rule: "a sum of percent values is rarely meant; average, latest or a ratio of two metrics?", Value: "sum"},
	}
	if diff := cmp.Diff(want, cat.Warnings()); diff != "" {
		t.Errorf("catalog warnings (-want +got):\n%s", diff)
	}
	tmpl := sampleTemplate()
	tmpl.Categories[0].Weight = w("15")                            // weights sum to 90
	tmpl.Categories[2].Metrics[0].Normalization.Target = pd("0.9") // csat: percent units
	tmpl.Categories[2].Metrics[0].Normalization.Zero = pd("0.5")   // likewise
	sc, err := performance.CompileScorecard(cat, tmpl, program)
	if err != nil {
		t.Fatal(err)
	}
	want = []partnerops.Warning{
		{Path: "categories[partner_health].metrics[csat].normalization.target", Rule: `a percent between 0 and 1: values of percent metrics are in percent units ("50" is 50%), so this is less than 1%`, Value: "0.9"},
		{Path: "categories[partner_health].metrics[csat].normalization.zero", Rule: `a percent between 0 and 1: values of percent metrics are in percent units ("50" is 50%), so this is less than 1%`, Value: "0.5"},
		{Path: "categories", Rule: "category weights sum to 90, not 100: each category counts for its weight / 90 of the total", Value: "90"},
		{Path: "metrics[deal_size_p90]", Rule: "is in the catalog but this scorecard neither scores it nor divides by it", Value: "deal_size_p90"},
		{Path: "metrics[unused]", Rule: "is in the catalog but this scorecard neither scores it nor divides by it", Value: "unused"},
	}
	if diff := cmp.Diff(want, sc.Warnings()); diff != "" {
		t.Errorf("scorecard warnings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]partnerops.Warning{{Path: "growth", Rule: `a percent between 0 and 1: percents are in percent units ("10" is 10%), so this is less than 1%`, Value: "0.1%"}},
		performance.QBRRules{Growth: pct("0.1"), NotableChange: pct("15")}.Warnings()); diff != "" {
		t.Errorf("QBR rule warnings (-want +got):\n%s", diff)
	}
	policy := samplePolicy()
	policy.Tiers[2].MinTotal = w("98")
	q, err := performance.NewRequalifier(ladder, policy)
	if err != nil {
		t.Fatal(err)
	}
	if ws := q.Warnings(); len(ws) != 2 || ws[0].Path != "tiers[platinum].min_total" {
		t.Errorf("policy warnings: %v", ws)
	}
}

// Issue 12: one package prefix per error message.
func TestOnePrefixPerError(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	agg, _ := mustCatalog().NewAggregator([]partnerops.Period{quarter(2027, 1)})
	q, _ := performance.NewRequalifier(ladder, samplePolicy())
	_, errScoreAll := sc.ScoreAll([]performance.ScoreInput{{Partner: "a"}, {Partner: "b", Tier: "diamond"}}, performance.ViewInternal)
	_, errRecAll := q.RecommendAll([]performance.RequalInput{{Partner: "a", Current: "diamond", History: []performance.ReviewPeriod{{}}}})
	_, _, errValue := agg.Value("p", "nope", 0)
	_, errCompile := performance.CompileScorecard(mustCatalog(), performance.Template{}, program)
	_, errAnalyze := performance.Analyze(nil, performance.HigherIsBetter, 0)
	errs := map[string]error{
		"Add":          agg.Add(performance.Observation{Partner: "p", Metric: "bookings", At: quarter(2027, 1).Start, Value: partnerops.NewDecimal(1, 40)}),
		"Add unknown":  agg.Add(performance.Observation{Partner: "p", Metric: "nope"}),
		"Value":        errValue,
		"ScoreAll":     errScoreAll,
		"RecommendAll": errRecAll,
		"Compile":      errCompile,
		"Analyze":      errAnalyze,
	}
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if msg := err.Error(); strings.Count(msg, "performance: ") != 1 || !strings.HasPrefix(msg, "performance: ") || strings.Contains(msg, "partnerops: ") {
			t.Errorf("%s: %q has not exactly one prefix", name, msg)
		}
	}
	if !errors.Is(errScoreAll, partnerops.ErrUnknownTier) || !errors.Is(errValue, performance.ErrUnknownMetric) {
		t.Errorf("sentinels lost: %v; %v", errScoreAll, errValue)
	}
}
