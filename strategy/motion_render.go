package strategy

import (
	"fmt"
	"strconv"
)

func (c MotionCoverage) table() *segTable {
	t := &segTable{title: "motion coverage by " + segDimNames(c.By), head: []string{"motion"}, right: []bool{false}}
	for _, d := range c.By {
		t.head = append(t.head, d.Name())
		t.right = append(t.right, false)
	}
	t.head = append(t.head, "partners", "ready", "coverage", "avg readiness")
	t.right = append(t.right, true, true, true, true)
	row := func(r CoverageRow, key []string) {
		t.add(append(append([]string{string(r.Motion)}, key...),
			strconv.Itoa(r.Partners), strconv.Itoa(r.Ready), r.Coverage.String(), r.AverageScore.String())...)
	}
	for _, tot := range c.Totals {
		for _, r := range c.Segments {
			if r.Motion == tot.Motion {
				row(r, segKeyText(r.Key))
			}
		}
		key := make([]string, len(c.By))
		if len(key) > 0 {
			key[0] = "total"
		}
		row(tot, key)
	}
	return t
}

// Text renders the coverage per motion and segment as plain text.
func (c MotionCoverage) Text() string { return c.table().text() }

// Markdown renders the coverage per motion and segment as Markdown.
func (c MotionCoverage) Markdown() string { return c.table().markdown() }

func (m MotionMix) table() *segTable {
	t := &segTable{title: fmt.Sprintf("motion mix: revenue %s, pipeline %s", m.Revenue.StringFixed(), m.Pipeline.StringFixed()),
		head:  []string{"motion", "won", "revenue", "share", "open", "pipeline", "share", "partners", "unready revenue"},
		right: []bool{false, true, true, true, true, true, true, true, true}}
	for _, r := range m.Rows {
		t.add(string(r.Motion), strconv.Itoa(r.Won), r.Revenue.StringFixed(), r.RevenueShare.String(), strconv.Itoa(r.Open),
			r.Pipeline.StringFixed(), r.PipelineShare.String(), strconv.Itoa(r.Partners), r.UnreadyRevenue.StringFixed())
	}
	return t
}

// Text renders the motion mix as plain text.
func (m MotionMix) Text() string { return m.table().text() }

// Markdown renders the motion mix as Markdown.
func (m MotionMix) Markdown() string { return m.table().markdown() }
