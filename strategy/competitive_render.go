package strategy

import (
	"fmt"
	"strconv"
)

func (l Landscape) table() *segTable {
	t := &segTable{
		title: fmt.Sprintf("competitive landscape: %d exclusive to us, %d shared, %d leaning away", l.ExclusiveToUs, l.Shared, l.Leaning),
		head:  []string{"competitor", "partners", "share", "sells", "services", "certified", "exclusive", "leaning", "avg practice"},
		right: []bool{false, true, true, true, true, true, true, true, true}}
	for _, c := range l.Competitors {
		t.add(c.Competitor, strconv.Itoa(c.Partners), c.Share.String(), strconv.Itoa(c.Sells), strconv.Itoa(c.Services),
			strconv.Itoa(c.Certified), strconv.Itoa(c.Exclusive), strconv.Itoa(c.Leaning), c.AveragePracticeShare.String())
	}
	return t
}

// Text renders the per-competitor summary as plain text.
func (l Landscape) Text() string { return l.table().text() }

// Markdown renders the per-competitor summary as Markdown.
func (l Landscape) Markdown() string { return l.table().markdown() }
