package strategy

import (
	"fmt"
	"strconv"
)

func (r Readiness) table() *segTable {
	verdict := "not ready"
	if r.Ready {
		verdict = "ready"
	}
	title := fmt.Sprintf("%s for %s (%s): %s, %s", r.Partner, r.Profile, r.Motion, r.Score, verdict)
	t := &segTable{title: title, head: []string{"capability", "current", "required", "short by", "must", "weight", "status"},
		right: []bool{false, false, false, true, false, true, false}}
	for _, g := range r.Gaps {
		cur := g.Current
		if cur == "" {
			cur = "-"
		}
		must := ""
		if g.MustHave {
			must = "yes"
		}
		t.add(g.Capability, cur, g.Required, strconv.Itoa(g.Levels), must, g.Weight.String(), string(g.Status))
	}
	return t
}

// Text renders the readiness verdict and its gap list as plain text.
func (r Readiness) Text() string { return r.table().text() }

// Markdown renders the readiness verdict and its gap list as Markdown.
func (r Readiness) Markdown() string { return r.table().markdown() }
