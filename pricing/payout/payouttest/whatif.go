package payouttest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
)

// Report is what a new version of a plan changes: the statements whose
// payout, adjustments or error differ, the totals paid per currency
// before and after, and how many statements pay more or less, or hit a
// cap now.
type Report struct {
	opstest.WhatIf
	// More and Less count the statements that pay more or less.
	More int `json:"more"`
	Less int `json:"less"`
	// Broken counts the statements that evaluated before and fail now;
	// Fixed the reverse.
	Broken int `json:"broken,omitempty"`
	Fixed  int `json:"fixed,omitempty"`
}

// WhatIf evaluates every case's statement request at its instant under
// the plans before and after and reports what changed, statement by
// statement and in totals. Each statement's flags are the limits and
// adjustments it meets, in words ("period cap", "transaction cap",
// "gate", "plan cap", "floor", "draw advance", ...), so the report counts
// the statements capped now. The definitions must be inline or already
// resolved ([Load], [Definitions.Resolve]); either failing to compile is
// the error. A statement that fails under a version is reported as that
// version's outcome.
func WhatIf(before, after Definitions, cases []Case) (Report, error) {
	eb, err := Compile(opstest.Files{}, before)
	if err != nil {
		return Report{}, fmt.Errorf("payouttest: the plan before: %w", err)
	}
	ea, err := Compile(opstest.Files{}, after)
	if err != nil {
		return Report{}, fmt.Errorf("payouttest: the plan after: %w", err)
	}
	ids := make([]string, len(cases))
	sb := make([]*payout.Statement, len(cases))
	sa := make([]*payout.Statement, len(cases))
	errB := make([]error, len(cases))
	errA := make([]error, len(cases))
	eval := func(e *payout.Engine, c Case) (*payout.Statement, error) {
		req, err := request(c)
		if err != nil {
			return nil, err
		}
		s, err := e.Statement(req)
		if err != nil {
			return nil, err
		}
		return &s, nil
	}
	for i, c := range cases {
		ids[i] = c.ID
		sb[i], errB[i] = eval(eb, c)
		sa[i], errA[i] = eval(ea, c)
	}
	rep := Report{WhatIf: opstest.Compare(ids,
		func(i int) opstest.Outcome { return outcome(sb[i], errB[i]) },
		func(i int) opstest.Outcome { return outcome(sa[i], errA[i]) })}
	for i := range cases {
		switch b, a := sb[i], sa[i]; {
		case b == nil && a == nil:
		case b == nil:
			rep.Fixed++
		case a == nil:
			rep.Broken++
		default:
			if c, err := a.Total.Cmp(b.Total); err == nil && c > 0 {
				rep.More++
			} else if err == nil && c < 0 {
				rep.Less++
			}
		}
	}
	return rep, nil
}

// outcome reduces a statement to what a reviewer compares.
func outcome(s *payout.Statement, err error) opstest.Outcome {
	if err != nil {
		return opstest.Outcome{Err: partnerops.StripPrefixes(err.Error())}
	}
	o := opstest.Outcome{
		Summary:     fmt.Sprintf("pays %s (earned %s)", s.Total.StringFixed(), s.Subtotal.Amount()),
		Explanation: s.Text(),
		Amount:      s.Total,
	}
	seen := map[string]bool{}
	flag := func(f string) {
		f = strings.ReplaceAll(f, "_", " ")
		if f != "" && !seen[f] {
			seen[f] = true
			o.Flags = append(o.Flags, f)
		}
	}
	for _, c := range s.Components {
		for _, l := range c.Lines {
			flag(string(l.Limit))
		}
	}
	for _, a := range s.Adjustments {
		flag(string(a.Kind))
	}
	slices.Sort(o.Flags)
	return o
}

// Headline says what the change does in one line: "this change moves 2
// of 5 statements (1 pays more, 1 pays less); 1 now with period cap".
func (r Report) Headline() string {
	noun := "statements"
	if r.Cases == 1 {
		noun = "statement"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "this change moves %d of %d %s", len(r.Changed), r.Cases, noun)
	var parts []string
	if r.More > 0 {
		parts = append(parts, fmt.Sprintf("%d %s more", r.More, verb(r.More, "pays", "pay")))
	}
	if r.Less > 0 {
		parts = append(parts, fmt.Sprintf("%d %s less", r.Less, verb(r.Less, "pays", "pay")))
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	for _, f := range r.FlagChanges {
		if f.Gained > 0 {
			fmt.Fprintf(&b, "; %d now with %s", f.Gained, f.Flag)
		}
		if f.Lost > 0 {
			fmt.Fprintf(&b, "; %d no longer with %s", f.Lost, f.Flag)
		}
	}
	if r.Broken > 0 {
		fmt.Fprintf(&b, "; %d fail now", r.Broken)
	}
	if r.Fixed > 0 {
		fmt.Fprintf(&b, "; %d evaluate now that failed before", r.Fixed)
	}
	return b.String()
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Text renders the headline, then the comparison: totals paid per
// currency, flag counts, and each changed statement before and after.
func (r Report) Text() string {
	_, rest, _ := strings.Cut(r.WhatIf.Text(), "\n")
	return r.Headline() + "\n" + rest
}

// Markdown renders the headline in bold, then a table of the changed
// statements.
func (r Report) Markdown() string {
	_, rest, _ := strings.Cut(r.WhatIf.Markdown(), "\n\n")
	return "**" + r.Headline() + "**\n\n" + rest
}
