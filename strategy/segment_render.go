package strategy

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// segTable is a small table renderer shared by the Text and Markdown
// methods of this package's results.
type segTable struct {
	title string
	head  []string
	rows  [][]string
	right []bool // right-align column (Markdown)
}

func (t *segTable) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *segTable) text() string {
	var b strings.Builder
	if t.title != "" {
		b.WriteString(t.title)
		b.WriteByte('\n')
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  "+strings.Join(t.head, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(tw, "  "+strings.Join(r, "\t"))
	}
	tw.Flush()
	return b.String()
}

func (t *segTable) markdown() string {
	var b strings.Builder
	if t.title != "" {
		fmt.Fprintf(&b, "**%s**\n\n", textfmt.Cell(t.title))
	}
	b.WriteString("|")
	for _, h := range t.head {
		b.WriteString(" " + textfmt.Cell(h) + " |")
	}
	b.WriteString("\n|")
	for i := range t.head {
		if i < len(t.right) && t.right[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteByte('\n')
	for _, r := range t.rows {
		b.WriteString("|")
		for _, c := range r {
			b.WriteString(" " + textfmt.Cell(c) + " |")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// segKeyText renders a segment key, "(none)" for a missing value.
func segKeyText(key []string) []string {
	out := make([]string, len(key))
	for i, k := range key {
		out[i] = k
		if k == segNone {
			out[i] = "(none)"
		}
	}
	return out
}

func (r SegmentReport) table() *segTable {
	t := &segTable{title: fmt.Sprintf("segments by %s (%s)", segDimNames(r.Spec.By), r.Spec.Currency)}
	if r.Spec.Current.Valid() && r.Spec.Prior.Valid() {
		t.title += fmt.Sprintf(", %s vs %s", r.Spec.Current, r.Spec.Prior)
	}
	for _, d := range r.Spec.By {
		t.head = append(t.head, d.Name())
		t.right = append(t.right, false)
	}
	t.head = append(t.head, "partners", "revenue", "share", "growth", "pipeline", "top "+strconv.Itoa(r.Spec.TopN), "HHI", "pareto")
	t.right = append(t.right, true, true, true, true, true, true, true, true)
	row := func(key []string, s SegmentStats) {
		growth := "n/a"
		if s.HasGrowth {
			growth = s.Growth.String()
		}
		c := s.Concentration
		t.add(append(key, strconv.Itoa(s.Count), s.Revenue.StringFixed(), s.RevenueShare.String(), growth,
			s.Pipeline.StringFixed(), c.TopShare.String(), c.HHI.Round(2, partnerops.RoundHalfUp).String(),
			fmt.Sprintf("%d (%s)", c.ParetoCount, c.ParetoMembers))...)
	}
	for _, s := range r.Segments {
		row(segKeyText(s.Key), s)
	}
	total := make([]string, len(r.Spec.By))
	if len(total) > 0 {
		total[0] = "total"
	} else {
		t.head = append([]string{""}, t.head...)
		t.right = append([]bool{false}, t.right...)
		for i := range t.rows {
			t.rows[i] = append([]string{"all"}, t.rows[i]...)
		}
		total = []string{"total"}
	}
	row(total, r.Total)
	return t
}

func segDimNames(dims []SegmentDimension) string {
	if len(dims) == 0 {
		return "nothing"
	}
	names := make([]string, len(dims))
	for i, d := range dims {
		names[i] = d.Name()
	}
	return strings.Join(names, ", ")
}

// Text renders the report as an aligned plain-text table, total last.
func (r SegmentReport) Text() string { return r.table().text() }

// Markdown renders the report as a Markdown table, total last.
func (r SegmentReport) Markdown() string { return r.table().markdown() }
