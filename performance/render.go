package performance

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// String summarizes the result on one line:
// "p-1 FY2027-Q1 internal: 72.50 (amber)" (the label only with a period).
func (r *Result) String() string {
	who := string(r.Partner)
	if r.Label != "" {
		who += " " + r.Label
	}
	if !r.Scored {
		return fmt.Sprintf("%s %s: not scored", who, r.View)
	}
	return fmt.Sprintf("%s %s: %s (%s)", who, r.View, r.Total, r.Band)
}

// Markdown renders the result as a Markdown section: the total and band,
// a table of categories, and a table of metrics with value, target,
// score, band, weight and contribution.
func (r *Result) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Scorecard %s: %s (%s view)\n\n", r.Template, r.Partner, r.View)
	if r.Label != "" {
		fmt.Fprintf(&b, "Period: %s (%s)\n\n", r.Label, r.Period)
	} else if r.Period.Valid() {
		fmt.Fprintf(&b, "Period: %s\n\n", r.Period)
	}
	if !r.Scored {
		b.WriteString("**Not scored**: no metric has data.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "**Total: %s (%s)**\n\n", r.Total, r.Band)
	textfmt.Header(&b, "Category", "Weight", "Score", "Band", "Contribution")
	for _, c := range r.Categories {
		if !c.Counted {
			textfmt.Row(&b, c.Name, "–", "–", "not counted", "–")
			continue
		}
		textfmt.Row(&b, c.Name, c.Weight.String()+"%", c.Score.String(), c.Band, c.Contribution.String())
	}
	b.WriteString("\n")
	textfmt.Header(&b, "Metric", "Category", "Value", "Target", "Score", "Band", "Weight", "Contribution")
	for _, m := range r.Metrics {
		val := valueCell(m)
		target := formatUnit(m.Unit, m.Currency, m.Places, fence.Dec(m.Target))
		if !m.Counted {
			textfmt.Row(&b, m.Name, m.Category, val, target, "–", "–", "–", "–")
			continue
		}
		textfmt.Row(&b, m.Name, m.Category, val, target, m.Score.String(), m.Band,
			m.Weight.String()+"%", m.Contribution.String())
	}
	return b.String()
}

// Markdown renders the QBR as a Markdown document: summary, performance
// against plan with a sparkline per key metric, scorecard categories,
// enablement progress, partnership health, highlights and lowlights, and
// the growth plan with next-quarter targets and actions.
func (q *QBR) Markdown() string {
	var b strings.Builder
	name := q.Partner.Name
	if name == "" {
		name = string(q.Partner.ID)
	}
	fmt.Fprintf(&b, "# QBR %s: %s\n\n", q.Label, name)
	if q.Partner.Tier != "" {
		fmt.Fprintf(&b, "Tier: %s · ", q.Partner.Tier)
	}
	fmt.Fprintf(&b, "Scorecard: **%s (%s)**", q.Total, q.Band)
	if t := q.TotalTrend; t.HasPrevious {
		c := fence.Dec(t.Change)
		fmt.Fprintf(&b, " · %s vs last quarter", signed(fixedString(c, 2), c))
	}
	if q.TotalTrend.Sparkline != "" {
		fmt.Fprintf(&b, " · trend %s", q.TotalTrend.Sparkline)
	}
	b.WriteString("\n\n")

	b.WriteString("## Performance against plan\n\n")
	textfmt.Header(&b, "Metric", "Plan", "Actual", "Attainment", "Score", "Status", "QoQ", "Trend")
	for _, l := range q.Performance {
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
		textfmt.Row(&b, l.Name, l.Plan, l.Actual, att, score, band, change, spark)
	}
	b.WriteString("\n## Scorecard by category\n\n")
	textfmt.Header(&b, "Category", "Weight", "Score", "Status")
	for _, c := range q.Categories {
		if !c.Counted {
			textfmt.Row(&b, c.Name, "–", "–", "not counted")
			continue
		}
		textfmt.Row(&b, c.Name, c.Weight.String()+"%", c.Score.String(), c.Band)
	}
	b.WriteString("\n## Enablement progress\n\n")
	if len(q.Enablement) == 0 {
		b.WriteString("No enablement facts supplied.\n")
	} else {
		textfmt.Header(&b, "Item", "Completed", "Required")
		for _, e := range q.Enablement {
			textfmt.Row(&b, e.Name, fmt.Sprint(e.Completed), fmt.Sprint(e.Required))
		}
		fmt.Fprintf(&b, "\nOverall: %s complete.\n", q.EnablementProgress)
	}
	b.WriteString("\n## Partnership health\n\n")
	if q.Engagement != nil {
		fmt.Fprintf(&b, "- Engagement score: %s\n", *q.Engagement)
	}
	if q.Health.Satisfaction != nil {
		label := q.Health.SatisfactionLabel
		if label == "" {
			label = "Satisfaction"
		}
		fmt.Fprintf(&b, "- %s: %s\n", label, q.Health.Satisfaction.String())
	}
	fmt.Fprintf(&b, "- Channel conflicts this quarter: %d\n", q.Health.Conflicts)
	if len(q.Health.Risks) == 0 {
		b.WriteString("- Open risks: none\n")
	} else {
		b.WriteString("- Open risks:\n")
		for _, r := range q.Health.Risks {
			fmt.Fprintf(&b, "  - %s", r.Title)
			if r.Severity != "" {
				fmt.Fprintf(&b, " (%s)", r.Severity)
			}
			if r.Owner != "" {
				fmt.Fprintf(&b, ", owner %s", r.Owner)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Highlights\n\n")
	writeNotes(&b, q.Highlights)
	b.WriteString("\n## Lowlights\n\n")
	writeNotes(&b, q.Lowlights)
	b.WriteString("\n## Growth plan\n\n")
	if !q.GrowthPercent.IsZero() {
		fmt.Fprintf(&b, "Next-quarter targets: trend projection plus %s growth.\n\n", q.GrowthPercent)
	} else {
		b.WriteString("Next-quarter targets: trend projection.\n\n")
	}
	textfmt.Header(&b, "Metric", "Latest", "Trend", "Next-quarter target")
	for _, g := range q.Growth {
		textfmt.Row(&b, g.Name, g.Latest, g.Slope, g.Target)
	}
	if len(q.Actions) > 0 {
		b.WriteString("\nJoint actions:\n\n")
		for _, a := range q.Actions {
			fmt.Fprintf(&b, "- [ ] %s", a.Title)
			if a.Owner != "" {
				fmt.Fprintf(&b, " (owner: %s", a.Owner)
				if !a.Due.IsZero() {
					fmt.Fprintf(&b, ", due %s", a.Due.Format(time.DateOnly))
				}
				b.WriteString(")")
			} else if !a.Due.IsZero() {
				fmt.Fprintf(&b, " (due %s)", a.Due.Format(time.DateOnly))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func writeNotes(b *strings.Builder, notes []Note) {
	if len(notes) == 0 {
		b.WriteString("None.\n")
		return
	}
	for _, n := range notes {
		fmt.Fprintf(b, "- %s\n", n.Text)
	}
}
