package performance

import (
	"fmt"
	"strconv"
	"time"

	"github.com/partnerops/partnerops/internal/chart"
	"github.com/partnerops/partnerops/internal/fence"
)

// HTML returns the scorecard as a self-contained printable HTML page
// (inline SVG and CSS, no scripts, no external requests; it parses as
// XML): the total and band, the category contributions chart and table,
// and the table of metrics with value, target, score, band, weight and
// contribution, as [Result.Markdown] has them. It shows what the result
// holds: the page of an external result is the partner's scorecard, with
// nothing internal. The cost is linear in the categories and metrics.
func (r *Result) HTML() []byte {
	doc := chart.Document{
		Title:    "Scorecard " + r.Template + ": " + string(r.Partner),
		Subtitle: resultSubtitle(r),
		Footer:   "Scores are points from 0 to 100; contributions add up to the total.",
	}
	if !r.Scored {
		doc.Sections = []chart.Section{{Heading: "Summary", Blocks: []chart.Block{chart.Text("Not scored: no metric has data."), r.contributionBars()}}}
		return chart.HTML(doc)
	}
	cats := chart.Table{Caption: "Categories", Header: []string{"Category", "Weight", "Score", "Band", "Contribution"},
		Numeric: []bool{false, true, true, false, true}, Rows: make([][]string, len(r.Categories))}
	for i, c := range r.Categories {
		if !c.Counted {
			cats.Rows[i] = []string{c.Name, "–", "–", "not counted", "–"}
			continue
		}
		cats.Rows[i] = []string{c.Name, c.Weight.String() + "%", c.Score.String(), c.Band, c.Contribution.String()}
	}
	mets := chart.Table{Caption: "Metrics", Header: []string{"Metric", "Category", "Value", "Target", "Score", "Band", "Weight", "Contribution"},
		Numeric: []bool{false, false, true, true, true, false, true, true}, Rows: make([][]string, len(r.Metrics))}
	for i, m := range r.Metrics {
		val := valueCell(m)
		target := formatUnit(m.Unit, m.Currency, m.Places, fence.Dec(m.Target))
		if !m.Counted {
			mets.Rows[i] = []string{m.Name, m.Category, val, target, "–", "–", "–", "–"}
			continue
		}
		mets.Rows[i] = []string{m.Name, m.Category, val, target, m.Score.String(), m.Band, m.Weight.String() + "%", m.Contribution.String()}
	}
	doc.Sections = []chart.Section{
		{Heading: "Summary", Blocks: []chart.Block{
			chart.Facts{{Name: "Total", Value: r.Total.String()}, {Name: "Band", Value: r.Band}},
			r.contributionBars(), cats,
		}},
		{Heading: "Metrics", Blocks: []chart.Block{mets}},
	}
	return chart.HTML(doc)
}

func resultSubtitle(r *Result) string {
	s := string(r.View) + " view"
	switch {
	case r.Label != "":
		s = r.Label + " · " + s
	case r.Period.Valid():
		s = r.Period.String() + " · " + s
	}
	if r.Tier != "" {
		s += " · tier " + string(r.Tier)
	}
	return s
}

// HTML returns the QBR as a self-contained printable HTML page (inline
// SVG and CSS, no scripts, no external requests; it parses as XML) with
// the sections of [QBR.Markdown]: a summary with the total, performance
// against plan (a table and, per key metric, its trend against target),
// the scorecard by category (contributions chart and table), enablement
// progress, partnership health, highlights, lowlights and the growth plan.
// It shows what the QBR holds: a QBR built from external results is
// the partner's review, with nothing internal. The cost is linear in the
// QBR's metrics and quarters.
func (q *QBR) HTML() []byte {
	name := q.Partner.Name
	if name == "" {
		name = string(q.Partner.ID)
	}
	sub := "Scorecard " + q.Total.String() + " (" + q.Band + ")"
	if q.Partner.Tier != "" {
		sub = "Tier " + string(q.Partner.Tier) + " · " + sub
	}
	doc := chart.Document{Title: "QBR " + q.Label + ": " + name, Subtitle: sub,
		Footer: "Quarterly business review " + q.Label + ". Scores are points from 0 to 100."}

	summary := chart.Facts{{Name: "Scorecard", Value: q.Total.String() + " (" + q.Band + ")"}}
	if t := q.TotalTrend; t.HasPrevious {
		c := fence.Dec(t.Change)
		summary = append(summary, chart.Fact{Name: "Vs last quarter", Value: signed(fixedString(c, 2), c)})
	}
	if q.TotalTrend.Sparkline != "" {
		summary = append(summary, chart.Fact{Name: "Trend", Value: q.TotalTrend.Sparkline})
	}
	doc.Sections = append(doc.Sections, chart.Section{Heading: "Summary", Blocks: []chart.Block{summary}})

	plan := chart.Table{Caption: "Performance against plan", Header: []string{"Metric", "Plan", "Actual", "Attainment", "Score", "Status", "QoQ", "Trend"},
		Numeric: []bool{false, true, true, true, true, false, true, false}, Rows: make([][]string, len(q.Performance))}
	perf := []chart.Block{plan}
	for i, l := range q.Performance {
		att := "–"
		if l.HasAttainment {
			att = l.Attainment.String()
		}
		spark := ""
		if l.Key {
			spark = l.Trend.Sparkline
		}
		change := l.Change
		if change == "" {
			change = "–"
		}
		score, band := "–", "–"
		if l.Counted {
			score, band = l.Score.String(), l.Band
		}
		plan.Rows[i] = []string{l.Name, l.Plan, l.Actual, att, score, band, change, spark}
		if l.Key && len(l.History) > 0 {
			perf = append(perf, trendLine(l.Name, l.History))
		}
	}
	doc.Sections = append(doc.Sections, chart.Section{Heading: "Performance against plan", Blocks: perf})

	cats := chart.Table{Caption: "Scorecard by category", Header: []string{"Category", "Weight", "Score", "Status", "Contribution"},
		Numeric: []bool{false, true, true, false, true}, Rows: make([][]string, len(q.Categories))}
	for i, c := range q.Categories {
		if !c.Counted {
			cats.Rows[i] = []string{c.Name, "–", "–", "not counted", "–"}
			continue
		}
		cats.Rows[i] = []string{c.Name, c.Weight.String() + "%", c.Score.String(), c.Band, c.Contribution.String()}
	}
	r := Result{Partner: q.Partner.ID, Label: q.Label, Scored: len(q.Categories) > 0, Total: q.Total, Band: q.Band, Categories: q.Categories}
	doc.Sections = append(doc.Sections, chart.Section{Heading: "Scorecard by category", Blocks: []chart.Block{r.contributionBars(), cats}})

	var en []chart.Block
	if len(q.Enablement) == 0 {
		en = []chart.Block{chart.Text("No enablement facts supplied.")}
	} else {
		t := chart.Table{Caption: "Enablement", Header: []string{"Item", "Completed", "Required"}, Numeric: []bool{false, true, true},
			Rows: make([][]string, len(q.Enablement))}
		for i, e := range q.Enablement {
			t.Rows[i] = []string{e.Name, strconv.FormatInt(e.Completed, 10), strconv.FormatInt(e.Required, 10)}
		}
		en = []chart.Block{t, chart.Text("Overall: " + q.EnablementProgress.String() + " complete.")}
	}
	doc.Sections = append(doc.Sections, chart.Section{Heading: "Enablement progress", Blocks: en})

	var health chart.Facts
	if q.Engagement != nil {
		health = append(health, chart.Fact{Name: "Engagement score", Value: q.Engagement.String()})
	}
	if q.Health.Satisfaction != nil {
		label := q.Health.SatisfactionLabel
		if label == "" {
			label = "Satisfaction"
		}
		health = append(health, chart.Fact{Name: label, Value: q.Health.Satisfaction.String()})
	}
	health = append(health, chart.Fact{Name: "Channel conflicts this quarter", Value: strconv.Itoa(q.Health.Conflicts)})
	hb := []chart.Block{health}
	if len(q.Health.Risks) == 0 {
		hb = append(hb, chart.Text("Open risks: none."))
	} else {
		t := chart.Table{Caption: "Open risks", Header: []string{"Risk", "Severity", "Owner"}, Rows: make([][]string, len(q.Health.Risks))}
		for i, rk := range q.Health.Risks {
			t.Rows[i] = []string{rk.Title, rk.Severity, rk.Owner}
		}
		hb = append(hb, t)
	}
	doc.Sections = append(doc.Sections, chart.Section{Heading: "Partnership health", Blocks: hb},
		chart.Section{Heading: "Highlights", Blocks: noteBlocks(q.Highlights)},
		chart.Section{Heading: "Lowlights", Blocks: noteBlocks(q.Lowlights)})

	intro := "Next-quarter targets: trend projection."
	if !q.GrowthPercent.IsZero() {
		intro = fmt.Sprintf("Next-quarter targets: trend projection plus %s growth.", q.GrowthPercent)
	}
	g := chart.Table{Caption: "Next-quarter targets", Header: []string{"Metric", "Latest", "Trend", "Next-quarter target"},
		Numeric: []bool{false, true, true, true}, Rows: make([][]string, len(q.Growth))}
	for i, gt := range q.Growth {
		g.Rows[i] = []string{gt.Name, gt.Latest, gt.Slope, gt.Target}
	}
	gb := []chart.Block{chart.Text(intro), g}
	if len(q.Actions) > 0 {
		t := chart.Table{Caption: "Joint actions", Header: []string{"Action", "Owner", "Due"}, Rows: make([][]string, len(q.Actions))}
		for i, a := range q.Actions {
			due := ""
			if !a.Due.IsZero() {
				due = a.Due.Format(time.DateOnly)
			}
			t.Rows[i] = []string{a.Title, a.Owner, due}
		}
		gb = append(gb, t)
	}
	doc.Sections = append(doc.Sections, chart.Section{Heading: "Growth plan", Blocks: gb})
	return chart.HTML(doc)
}

func noteBlocks(notes []Note) []chart.Block {
	if len(notes) == 0 {
		return []chart.Block{chart.Text("None.")}
	}
	out := make([]chart.Block, len(notes))
	for i, n := range notes {
		out[i] = chart.Text(n.Text)
	}
	return out
}
