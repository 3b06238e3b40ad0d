package enablementtest

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/opstest"
)

// Report is what a new version of an enablement program changes for the
// same partners: the partners whose standing, falls-out date or gaps
// differ, the partners who lose or regain their tier, and those ready for
// the next tier now.
type Report struct {
	opstest.WhatIf
	// Lost counts the partners who met their tier's requirements before
	// and do not now; Regained the reverse.
	Lost     int `json:"lost"`
	Regained int `json:"regained"`
	// Earlier and Later count the partners who meet their tier under both
	// versions and fall out of it earlier or later now (a date after
	// "never" counts as earlier).
	Earlier int `json:"earlier,omitempty"`
	Later   int `json:"later,omitempty"`
	// Broken counts the partners whose compliance evaluated before and
	// fails now (a tier the new ladder lacks); Fixed the reverse.
	Broken int `json:"broken,omitempty"`
	Fixed  int `json:"fixed,omitempty"`
}

// WhatIf evaluates every case's partner at its instant under the
// programs before and after and reports what changed, partner by partner
// and in counts. Each outcome's summary says whether the partner meets
// its tier and until when, and how many gaps it has to the next tier; its
// flags are "meets T" or "below T" for its tier and "ready for N" when it
// meets the next tier N already, so the report counts the partners now
// below a tier or ready for one. The definitions must be inline or
// already resolved ([Load], [Definitions.Resolve]); either failing to
// compile is the error. A partner whose compliance fails under a version
// is reported as that version's outcome. The cost is two evaluations per
// case.
func WhatIf(before, after Definitions, cases []Case) (Report, error) {
	eb, err := Compile(opstest.Files{}, before)
	if err != nil {
		return Report{}, fmt.Errorf("enablementtest: the definition before: %w", err)
	}
	ea, err := Compile(opstest.Files{}, after)
	if err != nil {
		return Report{}, fmt.Errorf("enablementtest: the definition after: %w", err)
	}
	ids := make([]string, len(cases))
	cb := make([]enablement.Compliance, len(cases))
	ca := make([]enablement.Compliance, len(cases))
	errB := make([]error, len(cases))
	errA := make([]error, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
		if err := validate(c); err != nil {
			errB[i], errA[i] = err, err
			continue
		}
		cb[i], errB[i] = compliance(eb, c)
		ca[i], errA[i] = compliance(ea, c)
	}
	rep := Report{WhatIf: opstest.Compare(ids,
		func(i int) opstest.Outcome { return outcome(cb[i], errB[i]) },
		func(i int) opstest.Outcome { return outcome(ca[i], errA[i]) })}
	for i := range cases {
		switch b, a := cb[i], ca[i]; {
		case errB[i] != nil && errA[i] != nil:
		case errB[i] != nil:
			rep.Fixed++
		case errA[i] != nil:
			rep.Broken++
		case b.Met && !a.Met:
			rep.Lost++
		case !b.Met && a.Met:
			rep.Regained++
		case b.Met && a.Met && !b.FallsOutAt.Equal(a.FallsOutAt):
			switch {
			case b.FallsOutAt.IsZero():
				rep.Earlier++
			case a.FallsOutAt.IsZero(), a.FallsOutAt.After(b.FallsOutAt):
				rep.Later++
			default:
				rep.Earlier++
			}
		}
	}
	return rep, nil
}

// outcome reduces a compliance to what a reviewer compares.
func outcome(c enablement.Compliance, err error) opstest.Outcome {
	if err != nil {
		return opstest.Outcome{Err: partnerops.StripPrefixes(err.Error())}
	}
	o := opstest.Outcome{Explanation: c.Text()}
	tier := tierText(c.Tier)
	var b strings.Builder
	if c.Met {
		fmt.Fprintf(&b, "meets %s", tier)
		if !c.FallsOutAt.IsZero() {
			fmt.Fprintf(&b, " until %s", opstest.FormatTime(c.FallsOutAt))
		}
		if c.Tier != "" {
			o.Flags = append(o.Flags, "meets "+tier)
		}
	} else {
		gaps := 0
		for _, r := range c.Requirements {
			if !r.Met {
				gaps++
			}
		}
		fmt.Fprintf(&b, "below %s (%d %s)", tier, gaps, plural(gaps, "gap"))
		o.Flags = append(o.Flags, "below "+tier)
	}
	switch {
	case c.NextTier == "":
	case c.NextTierMet:
		fmt.Fprintf(&b, "; ready for %s", c.NextTier)
		o.Flags = append(o.Flags, "ready for "+string(c.NextTier))
	default:
		fmt.Fprintf(&b, "; %d %s to %s", len(c.NextTierGaps), plural(len(c.NextTierGaps), "gap"), c.NextTier)
	}
	o.Summary = b.String()
	return o
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Headline says what the change does in one line: "this change moves 3
// of 5 partners: 2 lose their tier, 1 regains it; 1 falls out earlier; 2
// now below gold; 1 now ready for platinum".
func (r Report) Headline() string {
	var b strings.Builder
	fmt.Fprintf(&b, "this change moves %d of %d %s", len(r.Changed), r.Cases, plural(r.Cases, "partner"))
	var parts []string
	if r.Lost > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", r.Lost, verb(r.Lost, "loses its tier", "lose their tier")))
	}
	if r.Regained > 0 {
		parts = append(parts, fmt.Sprintf("%d %s it", r.Regained, verb(r.Regained, "regains", "regain")))
	}
	if len(parts) > 0 {
		b.WriteString(": " + strings.Join(parts, ", "))
	}
	if r.Earlier > 0 {
		fmt.Fprintf(&b, "; %d %s out earlier", r.Earlier, verb(r.Earlier, "falls", "fall"))
	}
	if r.Later > 0 {
		fmt.Fprintf(&b, "; %d %s out later", r.Later, verb(r.Later, "falls", "fall"))
	}
	for _, f := range r.FlagChanges {
		if f.Gained > 0 && !strings.HasPrefix(f.Flag, "meets ") {
			fmt.Fprintf(&b, "; %d now %s", f.Gained, f.Flag)
		}
		if f.Lost > 0 && strings.HasPrefix(f.Flag, "ready for ") {
			fmt.Fprintf(&b, "; %d no longer %s", f.Lost, f.Flag)
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

// Text renders the headline, then the comparison: the partners meeting,
// below and ready for each tier before and after, and each changed
// partner before and after.
func (r Report) Text() string {
	_, rest, _ := strings.Cut(r.WhatIf.Text(), "\n")
	return r.Headline() + "\n" + rest
}

// Markdown renders the headline in bold, then a table of the changed
// partners.
func (r Report) Markdown() string {
	_, rest, _ := strings.Cut(r.WhatIf.Markdown(), "\n\n")
	return "**" + r.Headline() + "**\n\n" + rest
}
