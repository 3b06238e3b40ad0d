package fit

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// Text renders the explanation as an aligned plain-text table: one line per
// criterion with its outcome, credit, points and reason.
func (x Explanation) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", x.Entity, x.Score)
	if len(x.DisqualifiedBy) > 0 {
		fmt.Fprintf(&b, "disqualified by: %s\n", strings.Join(x.DisqualifiedBy, ", "))
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  criterion\toutcome\tweight\tcredit\tpoints\treason")
	for _, c := range x.Contributions {
		id := c.Criterion
		if c.MustHave {
			id += " (must)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", id, c.Outcome, c.Weight.String(), c.Credit.String(), fitFixed2(c.Points), c.Reason)
	}
	tw.Flush()
	return b.String()
}

// Markdown renders the explanation as a Markdown table.
func (x Explanation) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: %s\n\n", fitMD(x.Entity), x.Score)
	if len(x.DisqualifiedBy) > 0 {
		fmt.Fprintf(&b, "Disqualified by: %s\n\n", fitMD(strings.Join(x.DisqualifiedBy, ", ")))
	}
	b.WriteString("| Criterion | Outcome | Weight | Credit | Points | Reason |\n|---|---|---:|---:|---:|---|\n")
	for _, c := range x.Contributions {
		id := c.Criterion
		if c.MustHave {
			id += " (must)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", fitMD(id), c.Outcome, c.Weight.String(), c.Credit.String(), fitFixed2(c.Points), fitMD(c.Reason))
	}
	return b.String()
}

// Text renders the distribution and top list as plain text.
func (r BatchResult) Text() string {
	var b strings.Builder
	d := r.Distribution
	low := ""
	if d.LowCoverage > 0 {
		low = fmt.Sprintf(", %d low coverage", d.LowCoverage)
	}
	fmt.Fprintf(&b, "%d scored, %d qualified, %d disqualified%s; mean %s, min %s, max %s\n",
		d.Total, d.Qualified, d.Disqualified, low, fitFixed2(d.Mean), fitFixed2(d.Min), fitFixed2(d.Max))
	for _, g := range d.Grades {
		fmt.Fprintf(&b, "  grade %-3s %8d  %s\n", g.Grade, g.Count, g.Share)
	}
	if len(d.Percentiles) > 0 {
		parts := make([]string, len(d.Percentiles))
		for i, p := range d.Percentiles {
			parts[i] = fmt.Sprintf("p%d %s", p.P, fitFixed2(p.Score))
		}
		fmt.Fprintf(&b, "  %s\n", strings.Join(parts, ", "))
	}
	for _, t := range r.Top {
		fmt.Fprintf(&b, "  #%d %s %s\n", t.Rank, t.ID, t.Score)
	}
	return b.String()
}

// fitMD escapes the characters that break a Markdown table cell.
func fitMD(s string) string {
	return textfmt.Cell(s)
}

// fitFixed2 renders d with exactly 2 fraction digits (rounded half to
// even if it has more), whatever the decimal package's global settings.
func fitFixed2(d partnerops.Decimal) string {
	return d.Round(2, partnerops.RoundHalfEven).String()
}
