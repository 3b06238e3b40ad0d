package performance

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/strict"
	"github.com/shopspring/decimal"
)

// EnablementItem is a host-supplied enablement fact for a QBR, such as
// "Certified sales engineers: 3 of 4". Completed and Required are from 0
// to [MaxEnablementCount].
type EnablementItem struct {
	Name      string `json:"name"`
	Completed int64  `json:"completed"`
	Required  int64  `json:"required"`
}

// MaxEnablementCount bounds [EnablementItem] counts, so that sums over
// any number of items stay exact.
const MaxEnablementCount = 1_000_000_000

// Risk is an open partnership risk.
type Risk struct {
	Title string `json:"title"`
	// Severity is free text such as "high"; risks are listed as given.
	Severity string `json:"severity,omitempty"`
	Owner    string `json:"owner,omitempty"`
}

// Action is a joint action of the growth plan.
type Action struct {
	Title string    `json:"title"`
	Owner string    `json:"owner,omitempty"`
	Due   time.Time `json:"due,omitzero"`
}

// Health is host-supplied partnership health for a QBR.
type Health struct {
	// Satisfaction is a customer or partner satisfaction score (CSAT,
	// NPS), shown with SatisfactionLabel.
	Satisfaction      *partnerops.Decimal `json:"satisfaction,omitempty"`
	SatisfactionLabel string              `json:"satisfaction_label,omitempty"`
	// Conflicts counts channel conflicts raised in the quarter (0 or more).
	Conflicts int    `json:"conflicts"`
	Risks     []Risk `json:"risks,omitempty"`
}

// QBRInput is everything a QBR for one partner and quarter draws on. The
// quarter is labelled by the scorecard's program calendar (see
// [CompileScorecard]).
type QBRInput struct {
	Partner partnerops.Partner `json:"partner"`
	// Quarter is the period reviewed: a period of the program's calendar
	// (usually a fiscal quarter, from partnerops.Calendar.Quarter).
	Quarter partnerops.Period `json:"quarter"`
	// Scorecards are the partner's results for consecutive quarters, oldest
	// first; the last is the QBR's quarter. They come from this scorecard
	// (in the view the audience may see).
	Scorecards []Result `json:"scorecards"`
	// Plan overrides the planned value of metrics by key, in each metric's
	// unit; without one the scorecard target is the plan.
	Plan       map[string]partnerops.Decimal `json:"plan,omitempty"`
	Enablement []EnablementItem              `json:"enablement,omitempty"`
	Health     Health                        `json:"health"`
	Actions    []Action                      `json:"actions,omitempty"`
}

// QBRRules are the tunables of QBR assembly, the QBR's template as data.
// The zero value is usable. They round-trip through JSON and decode
// strictly ([ParseQBRRules]); percents are strings in percent units
// ("10" is 10%).
type QBRRules struct {
	// Growth is the uplift applied to next-quarter targets ("10" for 10%),
	// above -100%. Defaults to 0: the targets are the trend projection.
	Growth partnerops.Percent `json:"growth,omitzero"`
	// NotableChange is the quarter-over-quarter change that makes a metric
	// a highlight (improvement) or lowlight (decline), 0% or more.
	// Defaults to 10%.
	NotableChange partnerops.Percent `json:"notable_change,omitzero"`
	// MaxHighlights caps highlights and lowlights each, from 0 to 100.
	// Defaults to 3 (when 0).
	MaxHighlights int `json:"max_highlights,omitempty"`
}

type qbrRulesPlain QBRRules // no methods: strict.Decode walks its fields

// ParseQBRRules decodes QBR rules strictly (see the package doc) and
// validates them ([QBRRules.Validate]).
func ParseQBRRules(data []byte) (QBRRules, error) {
	var r QBRRules
	if err := strict.Decode(data, (*qbrRulesPlain)(&r), strict.Options{}); err != nil {
		return QBRRules{}, fail(err, "parsing QBR rules")
	}
	if err := r.validate(); err != nil {
		return QBRRules{}, fail(err, "parsing QBR rules")
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseQBRRules] does.
func (r *QBRRules) UnmarshalJSON(b []byte) error {
	if err := strict.Decode(b, (*qbrRulesPlain)(r), strict.Options{}); err != nil {
		return err
	}
	return r.validate()
}

// Validate reports every problem of the rules as a
// [*partnerops.ValidationError]: a growth of -100% or less, a negative
// notable change, MaxHighlights outside 0 to 100, a percent beyond
// [partnerops.Decimal.Validate]'s range.
func (r QBRRules) Validate() error {
	if err := r.validate(); err != nil {
		return fail(err, "QBR rules")
	}
	return nil
}

func (r QBRRules) validate() error {
	var probs partnerops.Problems
	g, n := fence.Pct(r.Growth), fence.Pct(r.NotableChange)
	switch {
	case !inRange(g):
		probs.Add("growth", "must have at most 30 integer and 18 fraction digits", "")
	case g.Cmp(decimal.NewFromInt(-100)) <= 0:
		probs.Add("growth", "must be above -100%", r.Growth.String())
	}
	switch {
	case !inRange(n):
		probs.Add("notable_change", "must have at most 30 integer and 18 fraction digits", "")
	case n.Sign() < 0:
		probs.Add("notable_change", "must not be negative", r.NotableChange.String())
	}
	if r.MaxHighlights < 0 || r.MaxHighlights > 100 {
		probs.Add("max_highlights", "must be from 0 to 100", fmt.Sprint(r.MaxHighlights))
	}
	return probs.Err()
}

// Warnings returns what looks valid but probably not meant: a growth or
// notable change between 0% and 1% (percents are in percent units: "10"
// is 10%, and 0.1 is a tenth of a percent).
func (r QBRRules) Warnings() []partnerops.Warning {
	var ws partnerops.Warnings
	for _, f := range []struct {
		path string
		p    partnerops.Percent
	}{{"growth", r.Growth}, {"notable_change", r.NotableChange}} {
		if d := fence.Pct(f.p); inRange(d) && !d.IsZero() && d.Abs().Cmp(decimal.NewFromInt(1)) < 0 {
			ws.Add(f.path, "a percent between 0 and 1: percents are in percent units (\"10\" is 10%), so this is less than 1%", f.p.String())
		}
	}
	return ws
}

// PlanLine is one metric's performance against plan. A metric the
// scorecard left out (missing and excluded) shows as the scorecard shows
// it: no score and no status band.
type PlanLine struct {
	Metric string `json:"metric"`
	Name   string `json:"name"`
	// Plan, Actual and Change are display text in the metric's unit;
	// Actual of a missing value says how it was treated ("missing
	// (exclude)").
	Plan      string `json:"plan"`
	Actual    string `json:"actual"`
	HasActual bool   `json:"has_actual"`
	// Attainment is actual / plan (plan / actual for lower-is-better
	// metrics) as a percent, rounded half-even to hundredths of a percent.
	Attainment    partnerops.Percent `json:"attainment"`
	HasAttainment bool               `json:"has_attainment"`
	// Counted, Missing, Score and Band are the scorecard's: Score and
	// Band are zero and empty when the metric was not counted.
	Counted bool        `json:"counted"`
	Missing MissingMode `json:"missing,omitempty"`
	Score   Points      `json:"score"`
	Band    string      `json:"band"`
	// Change is the change from the previous quarter's value.
	Change    string    `json:"change,omitempty"`
	Trend     Trend     `json:"trend"`
	Key       bool      `json:"key"`
	Indicator Indicator `json:"indicator"`
	// History is the metric's value and target in each quarter of the
	// review, oldest first: what [QBR.TrendSVG] draws.
	History []PlanPoint `json:"history,omitempty"`
}

// PlanPoint is one quarter of a metric's history in a QBR: its value
// and its target (the value that scored 100 that quarter; the plan in the
// QBR's own quarter), each as a number in the metric's unit and as
// display text.
type PlanPoint struct {
	// Label names the quarter ("FY2027-Q3").
	Label string `json:"label"`
	// Value and Actual are the metric's value; Present is false when it
	// was missing that quarter.
	Value   partnerops.Decimal `json:"value"`
	Actual  string             `json:"actual"`
	Present bool               `json:"present"`
	// Target and TargetText are the value that scored 100; HasTarget is
	// false when the quarter's scorecard had no such metric.
	Target     partnerops.Decimal `json:"target"`
	TargetText string             `json:"target_text"`
	HasTarget  bool               `json:"has_target"`
}

// GrowthTarget is a next-quarter target derived from the trend.
type GrowthTarget struct {
	Metric string `json:"metric"`
	Name   string `json:"name"`
	// Latest, Slope and Target are display text in the metric's unit.
	Latest string `json:"latest"`
	Slope  string `json:"slope"`
	Target string `json:"target"`
	// Value is the target as a number in the metric's unit.
	Value partnerops.Decimal `json:"value"`
}

// Note is a highlight or lowlight with the rule that chose it.
type Note struct {
	Metric string `json:"metric"`
	Rule   string `json:"rule"`
	Text   string `json:"text"`
}

// QBR is an assembled quarterly business review. Render it with
// [QBR.Markdown].
type QBR struct {
	Partner partnerops.Partner `json:"partner"`
	Quarter partnerops.Period  `json:"quarter"`
	// Label names the quarter in the program's calendar ("FY2027-Q4").
	Label string `json:"label"`
	View  View   `json:"view"`
	Total Points `json:"total"`
	Band  string `json:"band"`
	// TotalTrend is the trend of the scorecard total over the quarters.
	TotalTrend  Trend            `json:"total_trend"`
	Categories  []CategoryScore  `json:"categories"`
	Performance []PlanLine       `json:"performance"`
	Enablement  []EnablementItem `json:"enablement,omitempty"`
	// EnablementProgress is Σ completed / Σ required as a percent, each
	// item's completed capped at its required, rounded half-even to
	// hundredths of a percent.
	EnablementProgress partnerops.Percent `json:"enablement_progress"`
	// Engagement is the engagement category's score, when the scorecard
	// has one.
	Engagement *Points        `json:"engagement,omitempty"`
	Health     Health         `json:"health"`
	Growth     []GrowthTarget `json:"growth"`
	Actions    []Action       `json:"actions,omitempty"`
	Highlights []Note         `json:"highlights"`
	Lowlights  []Note         `json:"lowlights"`
	// GrowthPercent is the uplift applied to the growth targets.
	GrowthPercent partnerops.Percent `json:"growth_percent"`
}

// QBR assembles the review of in.Partner for in.Quarter from the
// partner's scorecard results and host facts:
//
//   - The label of the quarter in the program's calendar (the scorecard's,
//     see [CompileScorecard]); in.Quarter must be a period of it.
//   - Performance against plan for every scored metric: plan, actual,
//     attainment, score, band, change and trend (with a sparkline). A
//     metric the scorecard did not count shows without score or band.
//   - Next-quarter targets: the projection latest + least-squares slope,
//     never worse than the latest value, improved by Growth percent, and
//     rounded to the metric's places away from the easy side (up for
//     higher-is-better, down for lower-is-better, never below zero, and a
//     percentage no higher than 100 unless it already is).
//   - Highlights, by rule: metrics at or above plan (best attainment
//     first), then metrics that improved by at least NotableChange percent
//     (largest first). Lowlights: counted metrics in the lowest band
//     (lowest score first), then metrics that declined by at least
//     NotableChange percent. Each list holds at most MaxHighlights notes,
//     ties by metric key.
//
// The last scorecard must be for in.Quarter and in.Partner, and every
// scorecard for this template; in.Quarter must be a valid period of the
// program's calendar and the rules valid ([QBRRules.Validate]); otherwise
// the error wraps [partnerops.ErrInvalid]. Values beyond
// [partnerops.Decimal.Validate]'s range, enablement counts outside 0 to
// [MaxEnablementCount] and negative conflicts give an error wrapping
// [partnerops.ErrRange]. The cost is linear in metrics × scorecards.
func (sc *Scorecard) QBR(in QBRInput, rules QBRRules) (QBR, error) {
	id := string(in.Partner.ID)
	if err := rules.validate(); err != nil {
		return QBR{}, fail(err, "QBR for %q: rules", id)
	}
	if len(in.Scorecards) == 0 {
		return QBR{}, fail(partnerops.ErrInvalid, "QBR for %q: no scorecards", id)
	}
	if !in.Quarter.Valid() {
		return QBR{}, fail(partnerops.ErrInvalid, "QBR for %q: quarter %s: needs a valid period of the program's calendar", id, in.Quarter)
	}
	var pc periodCache
	label, err := sc.label(&pc, in.Quarter)
	if err != nil {
		return QBR{}, fail(err, "QBR for %q", id)
	}
	cur := in.Scorecards[len(in.Scorecards)-1]
	for i, r := range in.Scorecards {
		if r.Template != sc.key || r.Partner != in.Partner.ID {
			return QBR{}, fail(partnerops.ErrInvalid, "QBR for %q: scorecard %d is for template %q and partner %q", id, i, r.Template, string(r.Partner))
		}
		for _, m := range r.Metrics {
			if !inRange(fence.Dec(m.Value)) || !inRange(fence.Dec(m.Target)) {
				return QBR{}, fail(partnerops.ErrRange, "QBR for %q: scorecard %d: metric %q beyond 30 integer or 18 fraction digits", id, i, m.Metric)
			}
		}
	}
	for _, k := range sortedKeys(in.Plan) {
		if !inRange(fence.Dec(in.Plan[k])) {
			return QBR{}, fail(partnerops.ErrRange, "QBR for %q: plan for %q beyond 30 integer or 18 fraction digits", id, k)
		}
	}
	if s := in.Health.Satisfaction; s != nil && !inRange(fence.Dec(*s)) {
		return QBR{}, fail(partnerops.ErrRange, "QBR for %q: satisfaction beyond 30 integer or 18 fraction digits", id)
	}
	if in.Health.Conflicts < 0 {
		return QBR{}, fail(partnerops.ErrRange, "QBR for %q: conflicts %d: must not be negative", id, in.Health.Conflicts)
	}
	for i, e := range in.Enablement {
		if e.Completed < 0 || e.Completed > MaxEnablementCount || e.Required < 0 || e.Required > MaxEnablementCount {
			return QBR{}, fail(partnerops.ErrRange, "QBR for %q: enablement item %d (%q): completed %d and required %d must be from 0 to %d", id, i, e.Name, e.Completed, e.Required, MaxEnablementCount)
		}
	}
	if cur.Period.Valid() && !cur.Period.Equal(in.Quarter) {
		return QBR{}, fail(partnerops.ErrInvalid, "QBR for %q: the last scorecard is for %s, not %s", id, cur.Period, in.Quarter)
	}
	notable := fence.Pct(rules.NotableChange)
	if notable.IsZero() {
		notable = decimal.NewFromInt(10)
	}
	maxNotes := rules.MaxHighlights
	if maxNotes <= 0 {
		maxNotes = 3
	}
	q := QBR{Partner: in.Partner, Quarter: in.Quarter, Label: label, View: cur.View, Total: cur.Total, Band: cur.Band,
		Categories: cur.Categories, Health: in.Health, Actions: in.Actions, Enablement: in.Enablement, GrowthPercent: rules.Growth}
	totals := make([]Point, len(in.Scorecards))
	for i, r := range in.Scorecards {
		totals[i] = Point{Period: r.Period, Value: r.Total.Decimal(), Present: r.Scored}
	}
	q.TotalTrend, _ = Analyze(totals, HigherIsBetter, 4)
	if c, ok := cur.Category(CategoryEngagement); ok && c.Counted {
		s := c.Score
		q.Engagement = &s
	}
	q.EnablementProgress = enablementProgress(in.Enablement)

	// Each scorecard's metrics by key, so a series costs one look-up per
	// quarter.
	index := make([]map[string]int, len(in.Scorecards))
	for i, r := range in.Scorecards {
		index[i] = make(map[string]int, len(r.Metrics))
		for j, m := range r.Metrics {
			index[i][m.Metric] = j
		}
	}
	anyKey := false
	for _, ms := range cur.Metrics {
		anyKey = anyKey || ms.Key
	}
	type noteCand struct {
		note Note
		rank decimal.Decimal // larger first
	}
	var metPlan, improved, red, declined []noteCand
	lowest := sc.bands[0].name
	hundred := decimal.NewFromInt(100)
	for _, ms := range cur.Metrics {
		m, err := sc.cat.lookup(ms.Metric)
		if err != nil {
			return QBR{}, fail(err, "QBR for %q", id)
		}
		series := make([]Point, len(in.Scorecards))
		for i, r := range in.Scorecards {
			series[i] = Point{Period: r.Period}
			if j, ok := index[i][ms.Metric]; ok && r.Metrics[j].Present {
				series[i].Value, series[i].Present = r.Metrics[j].Value, true
			}
		}
		tr, _ := Analyze(series, m.direction, 4)
		plan := fence.Dec(ms.Target)
		if p, ok := in.Plan[ms.Metric]; ok {
			plan = fence.Dec(p)
		}
		line := PlanLine{Metric: ms.Metric, Name: ms.Name, Plan: formatValue(m, plan), Actual: valueCell(ms), HasActual: ms.Present,
			Counted: ms.Counted, Missing: ms.Missing, Trend: tr, Key: ms.Key || !anyKey, Indicator: ms.Indicator}
		if ms.Counted {
			line.Score, line.Band = ms.Score, ms.Band
		}
		if ms.Present {
			if a, ok := attainment(fence.Dec(ms.Value), plan, m.direction); ok {
				line.Attainment, line.HasAttainment = fence.Percent(a), true
				if a.Cmp(hundred) >= 0 {
					metPlan = append(metPlan, noteCand{Note{ms.Metric, "met_plan",
						fmt.Sprintf("%s at %s of plan (%s vs %s)", ms.Name, line.Attainment, line.Actual, line.Plan)}, a})
				}
			}
		}
		if tr.HasPrevious {
			change, latest, previous := fence.Dec(tr.Change), fence.Dec(tr.Latest), fence.Dec(tr.Previous)
			line.Change = signed(formatValue(m, change), change)
			if cp := fence.Pct(tr.ChangePercent).Abs(); tr.HasChangePercent && cp.Cmp(notable) >= 0 {
				better := m.direction.better(latest, previous)
				verb := "declined"
				if better {
					verb = "improved"
				}
				text := fmt.Sprintf("%s %s %s%% quarter over quarter (%s → %s)", ms.Name, verb,
					format(fence.Round(cp, 1, partnerops.RoundHalfUp)), formatValue(m, previous), formatValue(m, latest))
				if better {
					improved = append(improved, noteCand{Note{ms.Metric, "improved", text}, cp})
				} else {
					declined = append(declined, noteCand{Note{ms.Metric, "declined", text}, cp})
				}
			}
		}
		if ms.Counted && ms.Band == lowest {
			text := fmt.Sprintf("%s scores %s (%s)", ms.Name, ms.Score, ms.Band)
			if !ms.Present {
				text = fmt.Sprintf("%s has no data this quarter", ms.Name)
			}
			red = append(red, noteCand{Note{ms.Metric, "lowest_band", text}, hundred.Sub(ms.Score.dec())})
		}
		line.History = make([]PlanPoint, len(in.Scorecards))
		for i, r := range in.Scorecards {
			pp := PlanPoint{Label: r.Label}
			if pp.Label == "" {
				pp.Label = "#" + strconv.Itoa(i+1)
			}
			if j, ok := index[i][ms.Metric]; ok {
				rm := &r.Metrics[j]
				if rm.Present {
					pp.Value, pp.Present, pp.Actual = rm.Value, true, formatValue(m, fence.Dec(rm.Value))
				}
				t := fence.Dec(rm.Target)
				if i == len(in.Scorecards)-1 {
					t = plan
				}
				pp.Target, pp.HasTarget, pp.TargetText = fence.Wrap(t), true, formatValue(m, t)
			}
			line.History[i] = pp
		}
		q.Performance = append(q.Performance, line)
		if g, ok := growthTarget(m, ms.Name, tr, rules.Growth); ok {
			q.Growth = append(q.Growth, g)
		}
	}
	pick := func(lists ...[]noteCand) []Note {
		out := []Note{}
		seen := map[string]bool{}
		for _, l := range lists {
			slices.SortStableFunc(l, func(a, b noteCand) int {
				if c := b.rank.Cmp(a.rank); c != 0 {
					return c
				}
				return cmp.Compare(a.note.Metric, b.note.Metric)
			})
			for _, c := range l {
				if len(out) < maxNotes && !seen[c.note.Metric] {
					out = append(out, c.note)
					seen[c.note.Metric] = true
				}
			}
		}
		return out
	}
	q.Highlights = pick(metPlan, improved)
	q.Lowlights = pick(red, declined)
	return q, nil
}

// attainment returns actual/plan (plan/actual for lower-is-better) in
// percent, rounded half-even to hundredths.
func attainment(actual, plan decimal.Decimal, dir Direction) (decimal.Decimal, bool) {
	num, den := actual, plan
	if dir == LowerIsBetter {
		num, den = plan, actual
	}
	if den.Sign() <= 0 || num.Sign() < 0 {
		return decimal.Decimal{}, false
	}
	return divRound(num.Shift(2), den, 2, partnerops.RoundHalfEven), true
}

// enablementProgress is Σ min(completed, required) / Σ required in
// percent; counts are bounded by MaxEnablementCount, so the sums are
// exact for any number of items up to 9 × 10^9.
func enablementProgress(items []EnablementItem) partnerops.Percent {
	var done, req int64
	for _, it := range items {
		if it.Required <= 0 {
			continue
		}
		done += min(max(it.Completed, 0), it.Required)
		req += it.Required
	}
	if req == 0 {
		return fence.Percent(decimal.New(0, -2))
	}
	return fence.Percent(divRound(decimal.NewFromInt(done).Shift(2), decimal.NewFromInt(req), 2, partnerops.RoundHalfEven))
}

// growthTarget derives the next-quarter target of one metric.
func growthTarget(m *metric, name string, tr Trend, growth partnerops.Percent) (GrowthTarget, bool) {
	if !tr.HasLatest {
		return GrowthTarget{}, false
	}
	latest, slope := fence.Dec(tr.Latest), fence.Dec(tr.Slope)
	proj := latest
	if tr.HasSlope {
		proj = latest.Add(slope)
	}
	g := GrowthTarget{Metric: m.def.Key, Name: name, Latest: formatValue(m, latest), Slope: "–"}
	if tr.HasSlope {
		g.Slope = signed(formatValue(m, slope), slope) + " / quarter"
	}
	var t decimal.Decimal
	one := decimal.NewFromInt(1)
	if m.direction == LowerIsBetter {
		t = decimal.Min(proj, latest)
		t = fence.Round(t.Mul(one.Sub(fence.Frac(growth))), m.places, partnerops.RoundFloor)
		if t.Sign() < 0 && latest.Sign() >= 0 {
			t = decimal.New(0, -m.places)
		}
	} else {
		t = decimal.Max(proj, latest)
		t = fence.Round(t.Mul(one.Add(fence.Frac(growth))), m.places, partnerops.RoundCeiling)
		if hundred := decimal.NewFromInt(100); m.def.Unit == UnitPercent && latest.Cmp(hundred) <= 0 && t.Cmp(hundred) > 0 {
			t = hundred
		}
	}
	g.Value, g.Target = fence.Wrap(t), formatValue(m, t)
	return g, true
}

func signed(s string, d decimal.Decimal) string {
	if d.Sign() > 0 {
		return "+" + s
	}
	return s
}

// formatValue renders a value in the metric's unit at its places:
// "125000.00 USD", "25.50%", "0.2500", "12.50 days", "12".
func formatValue(m *metric, d decimal.Decimal) string {
	return formatUnit(m.def.Unit, m.def.Currency, m.places, d)
}

func formatUnit(unit Unit, cur partnerops.Currency, minPlaces int32, d decimal.Decimal) string {
	if unit == UnitMoney {
		return fixedString(d, minPlaces) + " " + string(cur)
	}
	// The metric's places, or more (up to TrendPlaces) when the value has
	// significant digits beyond them, as averages and slopes may.
	places := minPlaces
	for e := min(-d.Exponent(), TrendPlaces); e > places; e-- {
		if !fence.Round(d, e-1, partnerops.RoundHalfEven).Equal(d) {
			places = e
			break
		}
	}
	s := fixedString(d, places)
	switch unit {
	case UnitPercent:
		return s + "%"
	case UnitDuration:
		return s + " days"
	}
	return s
}

// fixedString renders d rounded half up to exactly places digits, through
// the root's formatting (never the decimal package's globals).
func fixedString(d decimal.Decimal, places int32) string {
	r := fence.Round(d, places, partnerops.RoundHalfUp)
	if places > 0 && r.Exponent() != -places {
		// Pad to exactly places digits: rescaling is exact here.
		r = decimal.New(0, -places).Add(r)
	}
	return format(r)
}

// valueCell renders a scored metric's value as the scorecard and the QBR
// both show it: in the metric's unit, or "missing (exclude)" and the like.
func valueCell(m MetricScore) string {
	if !m.Present {
		return "missing (" + string(m.Missing) + ")"
	}
	return formatUnit(m.Unit, m.Currency, m.Places, fence.Dec(m.Value))
}
