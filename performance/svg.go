package performance

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart"
	"github.com/partnerops/partnerops/internal/fence"
)

// Charts of performance results, as standalone SVG documents: a
// scorecard's category contributions, a metric's trend against its
// target, a partner's peer position and the tier movement of a
// requalification run. They are drawn from the results alone, so a
// result decoded from JSON draws the same bytes, and they print only what
// the result holds: an external result's charts carry nothing internal.

// SVG returns the scorecard's category contributions as a stacked
// horizontal bar chart, a standalone SVG document: one row per counted
// category, its bar as long as the category's effective weight (the
// points it could add to the total) split into the points it earned
// (its contribution) and the points it missed, then a "Total" row of the
// total against 100. Categories left out are listed by name in the
// description. The description states the total and band. The cost is
// linear in the categories.
func (r *Result) SVG() []byte { return chart.SVG(r.contributionBars()) }

func (r *Result) contributionBars() chart.Bars {
	n := len(r.Categories) + 1
	b := chart.Bars{
		Title:      "Score contributions: " + resultWho(r),
		Categories: make([]string, 0, n),
		Series: []chart.Series{
			{Name: "Earned", Values: make([]chart.Num, 0, n)},
			{Name: "Missed", Values: make([]chart.Num, 0, n)},
		},
		Stacked:    true,
		Horizontal: true,
		Ticks:      []chart.Num{pointsNum(0), pointsNum(5000), pointsNum(10000)},
	}
	var left []string
	for _, c := range r.Categories {
		if !c.Counted {
			left = append(left, c.Name)
			continue
		}
		b.Categories = append(b.Categories, c.Name+" ("+c.Weight.String()+"%)")
		b.Series[0].Values = append(b.Series[0].Values, pointsNum(c.Contribution))
		b.Series[1].Values = append(b.Series[1].Values, pointsNum(subPoints(c.Weight, c.Contribution)))
	}
	if !r.Scored {
		b.Desc = "Not scored: no metric has data."
		b.Categories, b.Series = nil, nil
		return b
	}
	b.Categories = append(b.Categories, "Total")
	b.Series[0].Values = append(b.Series[0].Values, pointsNum(r.Total))
	b.Series[1].Values = append(b.Series[1].Values, pointsNum(subPoints(10000, r.Total)))
	b.Desc = fmt.Sprintf("Total %s of 100 (%s) over %s.", r.Total, r.Band, pluralWord(len(b.Categories)-1, "category", "categories"))
	if len(left) > 0 {
		b.Desc += " Not counted (no data): " + joinNames(left) + "."
	}
	b.Desc += " Each bar is a category's weight, split into the points earned and the points missed."
	return b
}

// TrendSVG returns the trend of one metric over the quarters of results
// (one partner's scorecards, oldest first, as a QBR takes them) against
// its target as a line chart, a standalone SVG document: the metric's
// value in each quarter where it has one, and the target (the value that
// scored 100 that quarter) as a dashed line. A metric no result holds
// draws an empty chart that does not name it. Quarters without a value
// are left out of the chart and named in the description. Pass the
// results of the view the reader may see: an external result holds no
// internal metric, so its chart cannot show one. The cost is linear in
// the results and their metrics.
func TrendSVG(results []Result, metric string) []byte {
	var hist []PlanPoint
	name, found := "", false
	for i := range results {
		r := &results[i]
		pp := PlanPoint{Label: r.Label}
		if pp.Label == "" {
			pp.Label = "#" + strconv.Itoa(i+1)
		}
		if m, ok := r.Metric(metric); ok {
			name, found = m.Name, true
			if m.Present {
				pp.Value, pp.Present, pp.Actual = m.Value, true, valueCell(m)
			}
			pp.Target, pp.HasTarget = m.Target, true
			pp.TargetText = formatUnit(m.Unit, m.Currency, m.Places, fence.Dec(m.Target))
		}
		hist = append(hist, pp)
	}
	if !found {
		return chart.SVG(trendLine("", nil))
	}
	return chart.SVG(trendLine(name, hist))
}

// TrendSVG returns the trend of one metric of the QBR (by key) against
// its target as a line chart, as [TrendSVG] draws it, from the metric's
// [PlanLine.History]; the last quarter's target is the plan. An unknown
// metric draws an empty chart that does not name it.
func (q *QBR) TrendSVG(metric string) []byte {
	for i := range q.Performance {
		if l := &q.Performance[i]; l.Metric == metric {
			return chart.SVG(trendLine(l.Name, l.History))
		}
	}
	return chart.SVG(trendLine("", nil))
}

// trendLine draws a metric's history; a metric not found ("" and no
// history) draws an empty chart that does not repeat the key asked for,
// so asking an external result for an internal metric shows nothing of it.
func trendLine(name string, hist []PlanPoint) chart.Line {
	if name == "" && len(hist) == 0 {
		return chart.Line{Title: "Trend against target", Desc: "No such metric in these results."}
	}
	c := chart.Line{Title: "Trend: " + name + " against target"}
	c.Series = []chart.Series{{Name: name}}
	c.Target = chart.Series{Name: "Target"}
	var missing []string
	targets := true
	for _, p := range hist {
		if !p.Present {
			missing = append(missing, p.Label)
			continue
		}
		c.Periods = append(c.Periods, p.Label)
		c.Series[0].Values = append(c.Series[0].Values, chart.Num{Value: usable(p.Value), Text: p.Actual})
		targets = targets && p.HasTarget
		c.Target.Values = append(c.Target.Values, chart.Num{Value: usable(p.Target), Text: p.TargetText})
	}
	if !targets {
		c.Target.Values = nil
	}
	if len(c.Periods) == 0 {
		c.Desc = name + ": no values."
		return c
	}
	if n := len(c.Target.Values); n > 0 {
		c.Ticks = []chart.Num{c.Target.Values[n-1]} // the latest target, labelled on the axis
	}
	last := hist[len(hist)-1]
	switch {
	case !last.Present:
		c.Desc = fmt.Sprintf("%s: no value in %s.", name, last.Label)
	case last.HasTarget:
		c.Desc = fmt.Sprintf("%s: %s in %s against a target of %s.", name, last.Actual, last.Label, last.TargetText)
	default:
		c.Desc = fmt.Sprintf("%s: %s in %s.", name, last.Actual, last.Label)
	}
	c.Desc += fmt.Sprintf(" %s with a value", pluralWord(len(c.Periods), "quarter", "quarters"))
	if len(missing) > 0 {
		c.Desc += "; none in " + joinNames(missing)
	}
	c.Desc += "."
	return c
}

// SVG returns the partner's position in its peer group as a marker on a
// percentile scale from 0 to 100, a standalone SVG document. It shows
// this partner's percentile only: no other partner's identity or value,
// and not the group's size or the partner's rank, so it can be shared
// with the partner.
func (p PeerRank) SVG() []byte {
	c := chart.Position{
		Title: "Peer position: " + string(p.Partner),
		Min:   pointsNum(0), Max: pointsNum(10000),
		Value: pointsNum(p.Percentile),
		Label: "Percentile",
		Ticks: []chart.Num{pointsNum(2500), pointsNum(5000), pointsNum(7500)},
	}
	if p.Group != "" {
		c.Title += " in " + p.Group
	}
	c.Desc = fmt.Sprintf("%s is at the %s percentile of its peer group", p.Partner, p.Percentile)
	if p.Group != "" {
		c.Desc += " " + p.Group
	}
	c.Desc += " (50 is the middle, 100 the best)."
	return chart.SVG(c)
}

// MovementSVG returns the tier movement of a requalification run as a
// grouped bar chart, a standalone SVG document: for each tier partners
// were on (in ladder order, tiers not on the ladder after them in the
// order met), how many are to be promoted, kept and demoted. The
// description states the totals. The cost is linear in the
// recommendations and the ladder.
func MovementSVG(ladder partnerops.TierLadder, recs []Recommendation) []byte {
	return chart.SVG(movementBars(ladder, recs))
}

func movementBars(ladder partnerops.TierLadder, recs []Recommendation) chart.Bars {
	tiers := ladder.Tiers()
	index := make(map[partnerops.Tier]int, len(tiers))
	for i, t := range tiers {
		index[t] = i
	}
	counts := make([][3]int, len(tiers))
	var totals [3]int
	for _, r := range recs {
		i, ok := index[r.From]
		if !ok {
			i = len(tiers)
			index[r.From] = i
			tiers = append(tiers, r.From)
			counts = append(counts, [3]int{})
		}
		k := 1
		switch r.Decision {
		case DecisionPromote:
			k = 0
		case DecisionDemote:
			k = 2
		}
		counts[i][k]++
		totals[k]++
	}
	b := chart.Bars{Title: "Tier movement"}
	names := [3]string{"Promote", "Keep", "Demote"}
	if len(recs) == 0 {
		b.Desc = "No partners reviewed."
		return b
	}
	for _, n := range names {
		b.Series = append(b.Series, chart.Series{Name: n, Values: make([]chart.Num, 0, len(tiers))})
	}
	for i, t := range tiers {
		label := string(t)
		if label == "" {
			label = "no tier"
		}
		b.Categories = append(b.Categories, label)
		for k := range names {
			b.Series[k].Values = append(b.Series[k].Values, chart.Count(counts[i][k]))
		}
	}
	b.Desc = fmt.Sprintf("%s reviewed: %d to promote, %d to keep, %d to demote.",
		pluralWord(len(recs), "partner", "partners"), totals[0], totals[1], totals[2])
	return b
}

// pointsNum is the Num of a score in points: "87.25".
func pointsNum(p Points) chart.Num { return chart.Num{Value: p.Decimal(), Text: p.String()} }

// subPoints is a − b, floored at 0 (the points a category missed).
func subPoints(a, b Points) Points {
	a, b = max(a, 0), max(b, 0)
	if b > a {
		return 0
	}
	return a - b
}

// usable returns d when arithmetic on it is cheap (it is in the root's
// range), else zero: a hand-made result with a hostile exponent is drawn
// at zero, its own text still printed.
func usable(d partnerops.Decimal) partnerops.Decimal {
	if d.Validate() != nil {
		return partnerops.Decimal{}
	}
	return d
}

func resultWho(r *Result) string {
	s := string(r.Partner)
	if r.Label != "" {
		s += " " + r.Label
	}
	return s
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func joinNames(names []string) string { return strings.Join(names, ", ") }
