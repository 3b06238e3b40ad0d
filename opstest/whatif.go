package opstest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops/internal/textfmt"
)

// Outcome is what a model produced for one case under one version of its
// definitions, reduced to what a reviewer compares.
type Outcome struct {
	// Summary is the headline ("net 1,180.00 USD, approval: deal desk").
	Summary string `json:"summary"`
	// Explanation is the full explanation (a waterfall, a statement).
	Explanation string `json:"explanation,omitempty"`
	// Flags are facts a reviewer counts across cases ("needs VP
	// approval", "below floor"), in a stable order.
	Flags []string `json:"flags,omitempty"`
	// Err is the error text when the case failed under this version.
	Err string `json:"error,omitempty"`
}

// Change is one case whose outcome differs between two versions.
type Change struct {
	CaseID string  `json:"case_id"`
	Before Outcome `json:"before"`
	After  Outcome `json:"after"`
}

// WhatIf is the comparison of two versions of a model over the same cases:
// the tool a deal desk runs before publishing a new discount framework
// ("this change moves 37 quotes, 2 need VP approval now").
type WhatIf struct {
	// Cases is the number of cases compared.
	Cases int `json:"cases"`
	// Changed lists the cases whose outcome differs, in case order.
	Changed []Change `json:"changed,omitempty"`
	// FlagsBefore and FlagsAfter count each flag over all cases, sorted
	// by flag.
	FlagsBefore []FlagCount `json:"flags_before,omitempty"`
	FlagsAfter  []FlagCount `json:"flags_after,omitempty"`
}

// FlagCount is how many cases carry a flag.
type FlagCount struct {
	Flag  string `json:"flag"`
	Count int    `json:"count"`
}

// Compare evaluates every case under two versions and reports the cases
// whose outcome (summary, flags or error) differs. ids name the cases; the
// two functions evaluate case i under the old and the new version. Its
// cost is linear in the cases (plus sorting the distinct flags).
func Compare(ids []string, before, after func(i int) Outcome) WhatIf {
	w := WhatIf{Cases: len(ids)}
	fb, fa := map[string]int{}, map[string]int{}
	for i, id := range ids {
		b, a := before(i), after(i)
		for _, f := range b.Flags {
			fb[f]++
		}
		for _, f := range a.Flags {
			fa[f]++
		}
		if b.Summary != a.Summary || b.Err != a.Err || strings.Join(b.Flags, "\x00") != strings.Join(a.Flags, "\x00") {
			w.Changed = append(w.Changed, Change{CaseID: id, Before: b, After: a})
		}
	}
	w.FlagsBefore, w.FlagsAfter = counts(fb), counts(fa)
	return w
}

func counts(m map[string]int) []FlagCount {
	out := make([]FlagCount, 0, len(m))
	for f, n := range m {
		out = append(out, FlagCount{Flag: f, Count: n})
	}
	sortFlags(out)
	return out
}

func sortFlags(fs []FlagCount) {
	slices.SortFunc(fs, func(a, b FlagCount) int { return cmp.Compare(a.Flag, b.Flag) })
}

// Text renders the comparison: a headline ("3 of 40 cases change"), flag
// counts before and after, then each changed case with both summaries.
func (w WhatIf) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d cases change\n", len(w.Changed), w.Cases)
	if len(w.FlagsBefore)+len(w.FlagsAfter) > 0 {
		b.WriteString("flags (before -> after):\n")
		for _, f := range mergeFlags(w.FlagsBefore, w.FlagsAfter) {
			fmt.Fprintf(&b, "  %s: %d -> %d\n", f.flag, f.before, f.after)
		}
	}
	for _, c := range w.Changed {
		fmt.Fprintf(&b, "%s\n  before: %s\n  after:  %s\n", c.CaseID, c.Before.line(), c.After.line())
	}
	return b.String()
}

// Markdown renders the comparison as a Markdown table of changed cases.
func (w WhatIf) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%d of %d cases change**\n\n", len(w.Changed), w.Cases)
	if len(w.Changed) > 0 {
		textfmt.Header(&b, "Case", "Before", "After")
		for _, c := range w.Changed {
			textfmt.Row(&b, c.CaseID, c.Before.line(), c.After.line())
		}
	}
	return b.String()
}

func (o Outcome) line() string {
	s := o.Summary
	if o.Err != "" {
		s = "error: " + o.Err
	}
	if len(o.Flags) > 0 {
		s += " [" + strings.Join(o.Flags, ", ") + "]"
	}
	return s
}

type flagRow struct {
	flag          string
	before, after int
}

func mergeFlags(b, a []FlagCount) []flagRow {
	var out []flagRow
	i, j := 0, 0
	for i < len(b) || j < len(a) {
		switch {
		case j >= len(a) || (i < len(b) && b[i].Flag < a[j].Flag):
			out = append(out, flagRow{b[i].Flag, b[i].Count, 0})
			i++
		case i >= len(b) || a[j].Flag < b[i].Flag:
			out = append(out, flagRow{a[j].Flag, 0, a[j].Count})
			j++
		default:
			out = append(out, flagRow{b[i].Flag, b[i].Count, a[j].Count})
			i++
			j++
		}
	}
	return out
}
