package opstest

import (
	"cmp"

	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"

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
	// Amount is the case's headline amount (a net total, a payout),
	// summed per currency into [WhatIf.Totals]; the zero Money for none.
	Amount partnerops.Money `json:"amount,omitzero"`
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
	// FlagChanges count, per flag, the cases that carry it now and did
	// not before (Gained: "2 need VP approval now") and the reverse
	// (Lost), sorted by flag; flags no case gained or lost are left out.
	FlagChanges []FlagChange `json:"flag_changes,omitempty"`
	// Totals sum the outcomes' amounts per currency before and after,
	// sorted by currency.
	Totals []Total `json:"totals,omitempty"`
}

// FlagChange counts the cases that gained or lost a flag.
type FlagChange struct {
	Flag   string `json:"flag"`
	Gained int    `json:"gained,omitempty"`
	Lost   int    `json:"lost,omitempty"`
}

// Total is the sum of the outcomes' amounts in one currency under each
// version.
type Total struct {
	Currency partnerops.Currency `json:"currency"`
	Before   partnerops.Money    `json:"before"`
	After    partnerops.Money    `json:"after"`
}

// FlagCount is how many cases carry a flag.
type FlagCount struct {
	Flag  string `json:"flag"`
	Count int    `json:"count"`
}

// Compare evaluates every case under two versions and reports the cases
// whose outcome (summary, flags, error or amount) differs. ids name the
// cases; the two functions evaluate case i under the old and the new
// version. Its cost is linear in the cases and their flags (plus sorting
// the distinct flags and currencies).
func Compare(ids []string, before, after func(i int) Outcome) WhatIf {
	w := WhatIf{Cases: len(ids)}
	fb, fa := map[string]int{}, map[string]int{}
	changes := map[string]*FlagChange{}
	totals := map[partnerops.Currency]*Total{}
	for i, id := range ids {
		b, a := before(i), after(i)
		for _, f := range b.Flags {
			fb[f]++
		}
		for _, f := range a.Flags {
			fa[f]++
		}
		flagChanges(changes, b.Flags, a.Flags)
		addTotal(totals, b.Amount, true)
		addTotal(totals, a.Amount, false)
		if b.Summary != a.Summary || b.Err != a.Err || !slices.Equal(b.Flags, a.Flags) || !b.Amount.Equal(a.Amount) {
			w.Changed = append(w.Changed, Change{CaseID: id, Before: b, After: a})
		}
	}
	w.FlagsBefore, w.FlagsAfter = counts(fb), counts(fa)
	for _, c := range changes {
		if c.Gained+c.Lost > 0 {
			w.FlagChanges = append(w.FlagChanges, *c)
		}
	}
	slices.SortFunc(w.FlagChanges, func(a, b FlagChange) int { return cmp.Compare(a.Flag, b.Flag) })
	for _, t := range totals {
		w.Totals = append(w.Totals, *t)
	}
	slices.SortFunc(w.Totals, func(a, b Total) int { return cmp.Compare(a.Currency, b.Currency) })
	return w
}

// flagChanges counts the flags in after and not in before as gained,
// and the reverse as lost; its cost is linear in the flags.
func flagChanges(m map[string]*FlagChange, before, after []string) {
	if len(before)+len(after) == 0 {
		return
	}
	get := func(f string) *FlagChange {
		c := m[f]
		if c == nil {
			c = &FlagChange{Flag: f}
			m[f] = c
		}
		return c
	}
	in := func(fs []string) map[string]bool {
		s := make(map[string]bool, len(fs))
		for _, f := range fs {
			s[f] = true
		}
		return s
	}
	bs, as := in(before), in(after)
	for f := range as {
		if !bs[f] {
			get(f).Gained++
		}
	}
	for f := range bs {
		if !as[f] {
			get(f).Lost++
		}
	}
}

// addTotal adds m to its currency's total, before or after.
func addTotal(m map[partnerops.Currency]*Total, amt partnerops.Money, before bool) {
	c := amt.Currency()
	if c == "" {
		return
	}
	t := m[c]
	if t == nil {
		t = &Total{Currency: c, Before: partnerops.Zero(c), After: partnerops.Zero(c)}
		m[c] = t
	}
	var err error
	if before {
		t.Before, err = t.Before.Add(amt)
	} else {
		t.After, err = t.After.Add(amt)
	}
	_ = err // same currency by construction
}

func counts(m map[string]int) []FlagCount {
	if len(m) == 0 {
		return nil // as decoded from JSON, where it is left out
	}
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
	if len(w.Totals) > 0 {
		b.WriteString("totals (before -> after):\n")
		for _, t := range w.Totals {
			fmt.Fprintf(&b, "  %s: %s -> %s (%s)\n", t.Currency, t.Before.StringFixed(), t.After.StringFixed(), signed(t.Delta()))
		}
	}
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

// Delta is After − Before.
func (t Total) Delta() partnerops.Money {
	d, err := t.After.Sub(t.Before)
	if err != nil {
		return partnerops.Money{}
	}
	return d
}

// signed renders an amount with its sign and without its currency:
// "+1200.00", "-30.00", "0.00".
func signed(m partnerops.Money) string {
	if m.IsPositive() {
		return "+" + m.Amount().String()
	}
	return m.Amount().String()
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
