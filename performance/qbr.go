package performance

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
)

// EnablementItem is a host-supplied enablement fact for a QBR, such as
// "Certified sales engineers: 3 of 4".
type EnablementItem struct {
	Name      string `json:"name"`
	Completed int64  `json:"completed"`
	Required  int64  `json:"required"`
}

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
	Satisfaction      *decimal.Decimal `json:"satisfaction,omitempty"`
	SatisfactionLabel string           `json:"satisfaction_label,omitempty"`
	// Conflicts counts channel conflicts raised in the quarter.
	Conflicts int    `json:"conflicts"`
	Risks     []Risk `json:"risks,omitempty"`
}

// QBRInput is everything a QBR for one partner and quarter draws on.
type QBRInput struct {
	Partner  partnerops.Partner  `json:"partner"`
	Quarter  partnerops.Period   `json:"quarter"`
	Calendar partnerops.Calendar `json:"calendar,omitzero"`
	// Scorecards are the partner's results for consecutive quarters, oldest
	// first; the last is the QBR's quarter. They come from this scorecard
	// (in the view the audience may see).
	Scorecards []Result `json:"scorecards"`
	// Plan overrides the planned value of metrics by key; without one the
	// scorecard target is the plan.
	Plan       map[string]decimal.Decimal `json:"plan,omitempty"`
	Enablement []EnablementItem           `json:"enablement,omitempty"`
	Health     Health                     `json:"health"`
	Actions    []Action                   `json:"actions,omitempty"`
}

// QBRRules are the tunables of QBR assembly. The zero value is usable.
type QBRRules struct {
	// Growth is the uplift applied to next-quarter targets (10 for 10%).
	// Defaults to 0: the targets are the trend projection.
	Growth partnerops.Percent `json:"growth,omitzero"`
	// NotableChange is the quarter-over-quarter change, in percent, that
	// makes a metric a highlight (improvement) or lowlight (decline).
	// Defaults to 10.
	NotableChange partnerops.Percent `json:"notable_change,omitzero"`
	// MaxHighlights caps highlights and lowlights each. Defaults to 3.
	MaxHighlights int `json:"max_highlights,omitempty"`
}

// PlanLine is one metric's performance against plan.
type PlanLine struct {
	Metric string `json:"metric"`
	Name   string `json:"name"`
	// Plan, Actual and Change are display text in the metric's unit.
	Plan      string `json:"plan"`
	Actual    string `json:"actual"`
	HasActual bool   `json:"has_actual"`
	// Attainment is actual / plan in percent (plan / actual for
	// lower-is-better metrics), rounded half-even to hundredths.
	Attainment    Points `json:"attainment"`
	HasAttainment bool   `json:"has_attainment"`
	Score         Points `json:"score"`
	Band          string `json:"band"`
	// Change is the change from the previous quarter's value.
	Change    string    `json:"change,omitempty"`
	Trend     Trend     `json:"trend"`
	Key       bool      `json:"key"`
	Indicator Indicator `json:"indicator"`
}

// GrowthTarget is a next-quarter target derived from the trend.
type GrowthTarget struct {
	Metric string `json:"metric"`
	Name   string `json:"name"`
	// Latest, Slope and Target are display text in the metric's unit.
	Latest string `json:"latest"`
	Slope  string `json:"slope"`
	Target string `json:"target"`
	// Value is the target as a number.
	Value decimal.Decimal `json:"value"`
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
	Label   string             `json:"label"`
	View    View               `json:"view"`
	Total   Points             `json:"total"`
	Band    string             `json:"band"`
	// TotalTrend is the trend of the scorecard total over the quarters.
	TotalTrend  Trend            `json:"total_trend"`
	Categories  []CategoryScore  `json:"categories"`
	Performance []PlanLine       `json:"performance"`
	Enablement  []EnablementItem `json:"enablement,omitempty"`
	// EnablementProgress is Σ completed / Σ required in percent, capped at
	// 100 per item, rounded half-even to hundredths.
	EnablementProgress Points `json:"enablement_progress"`
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
//   - Performance against plan for every scored metric: plan, actual,
//     attainment, score, band, change and trend (with a sparkline).
//   - Next-quarter targets: the projection latest + least-squares slope,
//     never worse than the latest value, improved by Growth percent, and
//     rounded to the metric's places away from the easy side (up for
//     higher-is-better, down for lower-is-better, never below zero, and a
//     percentage no higher than 100 unless it already is).
//   - Highlights, by rule: metrics at or above plan (best attainment
//     first), then metrics that improved by at least NotableChange percent
//     (largest first). Lowlights: metrics in the lowest band (lowest score
//     first), then metrics that declined by at least NotableChange percent.
//     Each list holds at most MaxHighlights notes, ties by metric key.
//
// The last scorecard must be for in.Quarter and in.Partner, and every
// scorecard for this template; otherwise the error wraps
// [partnerops.ErrInvalid]. Values beyond [partnerops.CheckDecimal]'s
// limits give an error wrapping [partnerops.ErrRange].
func (sc *Scorecard) QBR(in QBRInput, rules QBRRules) (QBR, error) {
	if len(in.Scorecards) == 0 {
		return QBR{}, fmt.Errorf("performance: QBR for %q: no scorecards: %w", string(in.Partner.ID), partnerops.ErrInvalid)
	}
	cur := in.Scorecards[len(in.Scorecards)-1]
	for i, r := range in.Scorecards {
		if r.Template != sc.key || r.Partner != in.Partner.ID {
			return QBR{}, fmt.Errorf("performance: QBR for %q: scorecard %d is for template %q and partner %q: %w",
				string(in.Partner.ID), i, r.Template, string(r.Partner), partnerops.ErrInvalid)
		}
		for _, m := range r.Metrics {
			if !inRange(m.Value) || !inRange(m.Target) {
				return QBR{}, fmt.Errorf("performance: QBR for %q: scorecard %d: metric %q out of range: %w",
					string(in.Partner.ID), i, m.Metric, partnerops.ErrRange)
			}
		}
	}
	for k, v := range in.Plan {
		if !inRange(v) {
			return QBR{}, fmt.Errorf("performance: QBR for %q: plan for %q out of range: %w", string(in.Partner.ID), k, partnerops.ErrRange)
		}
	}
	if in.Quarter.Valid() && cur.Period.Valid() && !cur.Period.Equal(in.Quarter) {
		return QBR{}, fmt.Errorf("performance: QBR for %q: the last scorecard is for %s, not %s: %w",
			string(in.Partner.ID), cur.Period, in.Quarter, partnerops.ErrInvalid)
	}
	notable := rules.NotableChange.Decimal()
	if notable.IsZero() {
		notable = decimal.NewFromInt(10)
	}
	maxNotes := rules.MaxHighlights
	if maxNotes <= 0 {
		maxNotes = 3
	}
	q := QBR{Partner: in.Partner, Quarter: in.Quarter, View: cur.View, Total: cur.Total, Band: cur.Band,
		Categories: cur.Categories, Health: in.Health, Actions: in.Actions, Enablement: in.Enablement, GrowthPercent: rules.Growth}
	q.Label = in.Quarter.String()
	if in.Quarter.Valid() {
		q.Label = in.Calendar.Label(in.Quarter)
	}
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
	for _, ms := range cur.Metrics {
		m, err := sc.cat.lookup(ms.Metric)
		if err != nil {
			return QBR{}, err
		}
		series := make([]Point, len(in.Scorecards))
		for i, r := range in.Scorecards {
			if x, ok := r.Metric(ms.Metric); ok && x.Present {
				series[i] = Point{Period: r.Period, Value: x.Value, Present: true}
			} else {
				series[i] = Point{Period: r.Period}
			}
		}
		tr, _ := Analyze(series, m.direction, 4)
		plan := ms.Target
		if p, ok := in.Plan[ms.Metric]; ok {
			plan = p
		}
		line := PlanLine{Metric: ms.Metric, Name: ms.Name, Plan: formatValue(m, plan), Actual: "–", HasActual: ms.Present,
			Score: ms.Score, Band: ms.Band, Trend: tr, Key: ms.Key || !anyKey, Indicator: ms.Indicator}
		if ms.Present {
			line.Actual = formatValue(m, ms.Value)
			if a, ok := attainment(ms.Value, plan, m.direction); ok {
				line.Attainment, line.HasAttainment = a, true
				if a >= 100_00 {
					metPlan = append(metPlan, noteCand{Note{ms.Metric, "met_plan",
						fmt.Sprintf("%s at %s%% of plan (%s vs %s)", ms.Name, a, line.Actual, line.Plan)}, a.Decimal()})
				}
			}
		}
		if tr.HasPrevious {
			line.Change = signed(formatValue(m, tr.Change), tr.Change)
			if tr.HasChangePercent && tr.ChangePercent.Abs().Cmp(notable) >= 0 {
				better := m.direction.better(tr.Latest, tr.Previous)
				text := fmt.Sprintf("%s %s %s%% quarter over quarter (%s → %s)", ms.Name, map[bool]string{true: "improved", false: "declined"}[better],
					partnerops.FormatDecimal(tr.ChangePercent.Abs().Round(1)), formatValue(m, tr.Previous), formatValue(m, tr.Latest))
				if better {
					improved = append(improved, noteCand{Note{ms.Metric, "improved", text}, tr.ChangePercent.Abs()})
				} else {
					declined = append(declined, noteCand{Note{ms.Metric, "declined", text}, tr.ChangePercent.Abs()})
				}
			}
		}
		if ms.Counted && ms.Band == lowest {
			text := fmt.Sprintf("%s scores %s (%s)", ms.Name, ms.Score, ms.Band)
			if !ms.Present {
				text = fmt.Sprintf("%s has no data this quarter", ms.Name)
			}
			red = append(red, noteCand{Note{ms.Metric, "lowest_band", text}, fullPoints.Sub(ms.Score.Decimal())})
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

var fullPoints = decimal.NewFromInt(100)

// attainment returns actual/plan (plan/actual for lower-is-better) in
// percent as Points, rounded half-even.
func attainment(actual, plan decimal.Decimal, dir Direction) (Points, bool) {
	num, den := actual, plan
	if dir == LowerIsBetter {
		num, den = plan, actual
	}
	if den.Sign() <= 0 || num.Sign() < 0 {
		return 0, false
	}
	p, err := PointsFromDecimal(divRound(num.Shift(2), den, 2, partnerops.RoundHalfEven))
	return p, err == nil
}

func enablementProgress(items []EnablementItem) Points {
	var done, req int64
	for _, it := range items {
		if it.Required <= 0 {
			continue
		}
		done += min(max(it.Completed, 0), it.Required)
		req += it.Required
	}
	if req == 0 {
		return 0
	}
	p, _ := PointsFromDecimal(divRound(decimal.NewFromInt(done).Shift(2), decimal.NewFromInt(req), 2, partnerops.RoundHalfEven))
	return p
}

// growthTarget derives the next-quarter target of one metric.
func growthTarget(m *metric, name string, tr Trend, growth partnerops.Percent) (GrowthTarget, bool) {
	if !tr.HasLatest {
		return GrowthTarget{}, false
	}
	proj := tr.Latest
	if tr.HasSlope {
		proj = tr.Latest.Add(tr.Slope)
	}
	g := GrowthTarget{Metric: m.def.Key, Name: name, Latest: formatValue(m, tr.Latest), Slope: "–"}
	if tr.HasSlope {
		g.Slope = signed(formatValue(m, tr.Slope), tr.Slope) + " / quarter"
	}
	var t decimal.Decimal
	if m.direction == LowerIsBetter {
		t = decimal.Min(proj, tr.Latest)
		t = t.Mul(decimal.NewFromInt(1).Sub(growth.Fraction()))
		t = partnerops.RoundFloor.Round(t, m.places)
		if t.Sign() < 0 && tr.Latest.Sign() >= 0 {
			t = decimal.Zero
		}
	} else {
		t = decimal.Max(proj, tr.Latest)
		t = t.Mul(decimal.NewFromInt(1).Add(growth.Fraction()))
		t = partnerops.RoundCeiling.Round(t, m.places)
		if hundred := decimal.NewFromInt(100); m.def.Unit == UnitPercent && tr.Latest.Cmp(hundred) <= 0 && t.Cmp(hundred) > 0 {
			t = hundred
		}
	}
	g.Value, g.Target = t, formatValue(m, t)
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
		return d.StringFixed(minPlaces) + " " + string(cur)
	}
	// The metric's places, or more (up to TrendPlaces) when the value has
	// significant digits beyond them, as averages and slopes may.
	places := minPlaces
	for e := min(-d.Exponent(), TrendPlaces); e > places; e-- {
		if !d.Round(e - 1).Equal(d) {
			places = e
			break
		}
	}
	s := d.StringFixed(places)
	switch unit {
	case UnitPercent:
		return s + "%"
	case UnitDuration:
		return s + " days"
	}
	return s
}
