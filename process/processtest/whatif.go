package processtest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/process"
)

// Report is what a new version of a workflow changes for the same
// histories: the cases that end in another state, whose due time or SLA
// status moved, and the steps refused now that were accepted before (or
// the reverse).
type Report struct {
	opstest.WhatIf
	// Moved counts the cases that end in another state.
	Moved int `json:"moved"`
	// NewlyRefused counts the cases with a step refused now that was
	// accepted before; NoLongerRefused the reverse.
	NewlyRefused    int `json:"newly_refused"`
	NoLongerRefused int `json:"no_longer_refused"`
	// Refusals lists the steps whose refusal changed, in case and step
	// order.
	Refusals []RefusalChange `json:"refusals,omitempty"`
	// Broken counts the cases that started before and fail now (or whose
	// history the scenario gets wrong); Fixed the reverse.
	Broken int `json:"broken,omitempty"`
	Fixed  int `json:"fixed,omitempty"`
}

// RefusalChange is one step refused under one version and not the other,
// or refused for another reason.
type RefusalChange struct {
	CaseID string `json:"case_id"`
	// Step is the step's ID or 0-based position; Event its event
	// ("advance" for an advance).
	Step  string `json:"step"`
	Event string `json:"event"`
	// Before and After are the refusal codes ([Reason]); "" where the
	// step was accepted.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// WhatIf plays every case's history under the workflows before and after
// (with opts: Go guards, a calendar) and reports what changed, case by
// case and in counts. Each outcome's summary is the final state, version
// and due time, and the refused steps; its flags are "ends in S",
// "breached" (the current step, as of the case's instant) and "refuses
// E" for each event refused, so the report counts the cases that end in
// a state or refuse an event now. Histories are played, not replayed:
// each version decides each step afresh. The definitions must be inline,
// standard or already resolved ([Load], [Definitions.Resolve]); either
// failing to compile is the error. The cost is two plays per case.
func WhatIf(before, after Definitions, cases []Case, opts ...process.Option) (Report, error) {
	wb, err := Compile(opstest.Files{}, before, opts...)
	if err != nil {
		return Report{}, fmt.Errorf("processtest: the workflow before: %w", err)
	}
	wa, err := Compile(opstest.Files{}, after, opts...)
	if err != nil {
		return Report{}, fmt.Errorf("processtest: the workflow after: %w", err)
	}
	ids := make([]string, len(cases))
	pb := make([]Played, len(cases))
	pa := make([]Played, len(cases))
	errB := make([]error, len(cases))
	errA := make([]error, len(cases))
	play := func(w *process.Workflow, c Case) (Played, error) {
		if err := validate(c); err != nil {
			return Played{}, err
		}
		return Play(w, instanceID(c), c.Given)
	}
	for i, c := range cases {
		ids[i] = c.ID
		pb[i], errB[i] = play(wb, c)
		pa[i], errA[i] = play(wa, c)
	}
	rep := Report{WhatIf: opstest.Compare(ids,
		func(i int) opstest.Outcome { return outcome(wb, cases[i], pb[i], errB[i]) },
		func(i int) opstest.Outcome { return outcome(wa, cases[i], pa[i], errA[i]) })}
	for i, c := range cases {
		switch {
		case errB[i] != nil && errA[i] != nil:
			continue
		case errB[i] != nil:
			rep.Fixed++
			continue
		case errA[i] != nil:
			rep.Broken++
			continue
		}
		if pb[i].Instance.State != pa[i].Instance.State {
			rep.Moved++
		}
		newly, noLonger := false, false
		for j, s := range c.Given.Steps {
			b, a := Reason(pb[i].Steps[j].Err), Reason(pa[i].Steps[j].Err)
			if b == a {
				continue
			}
			newly = newly || b == ""
			noLonger = noLonger || a == ""
			rep.Refusals = append(rep.Refusals, RefusalChange{CaseID: c.ID, Step: stepName(j, s), Event: stepLabel(s), Before: b, After: a})
		}
		if newly {
			rep.NewlyRefused++
		}
		if noLonger {
			rep.NoLongerRefused++
		}
	}
	return rep, nil
}

// outcome reduces a played history to what a reviewer compares.
func outcome(w *process.Workflow, c Case, p Played, err error) opstest.Outcome {
	if err != nil {
		return opstest.Outcome{Err: partnerops.StripPrefixes(err.Error())}
	}
	in := p.Instance
	var b strings.Builder
	fmt.Fprintf(&b, "%s (v%d)", in.State, in.Version)
	if !in.Due.IsZero() {
		fmt.Fprintf(&b, ", due %s", opstest.FormatTime(in.Due))
	}
	o := opstest.Outcome{Explanation: w.Explain(in, c.At), Flags: []string{"ends in " + string(in.State)}}
	if st, err := w.Status(in, c.At); err == nil && st.Breached {
		o.Flags = append(o.Flags, "breached")
		b.WriteString(", breached")
	}
	var refused []string
	for j, s := range c.Given.Steps {
		if err := p.Steps[j].Err; err != nil {
			name := stepName(j, s)
			if name != stepLabel(s) {
				name += " " + stepLabel(s)
			}
			refused = append(refused, fmt.Sprintf("%s (%s)", name, Reason(err)))
			o.Flags = append(o.Flags, "refuses "+stepLabel(s))
		}
	}
	if len(refused) > 0 {
		fmt.Fprintf(&b, "; refused: %s", strings.Join(refused, ", "))
	}
	o.Summary = b.String()
	slices.Sort(o.Flags)
	o.Flags = slices.Compact(o.Flags)
	return o
}

// Headline says what the change does in one line: "this change moves 3
// of 8 histories: 2 end in another state; 1 has steps refused now; 2 now
// end in expired, 1 now refuses extend".
func (r Report) Headline() string {
	var b strings.Builder
	fmt.Fprintf(&b, "this change moves %d of %d %s", len(r.Changed), r.Cases, plural(r.Cases, "history"))
	var parts []string
	if r.Moved > 0 {
		parts = append(parts, fmt.Sprintf("%d %s in another state", r.Moved, verb(r.Moved, "ends", "end")))
	}
	if r.NewlyRefused > 0 {
		parts = append(parts, fmt.Sprintf("%d %s steps refused now", r.NewlyRefused, verb(r.NewlyRefused, "has", "have")))
	}
	if r.NoLongerRefused > 0 {
		parts = append(parts, fmt.Sprintf("%d %s steps accepted now that were refused", r.NoLongerRefused, verb(r.NoLongerRefused, "has", "have")))
	}
	if len(parts) > 0 {
		b.WriteString(": " + strings.Join(parts, "; "))
	}
	for _, f := range r.FlagChanges {
		if f.Gained > 0 {
			fmt.Fprintf(&b, "; %d now %s", f.Gained, nowFlag(f.Flag, f.Gained))
		}
	}
	if r.Broken > 0 {
		fmt.Fprintf(&b, "; %d fail now", r.Broken)
	}
	if r.Fixed > 0 {
		fmt.Fprintf(&b, "; %d start now that failed before", r.Fixed)
	}
	return b.String()
}

// nowFlag phrases a flag after "N now": "end in expired", "refuses
// extend", "breached".
func nowFlag(flag string, n int) string {
	for _, v := range []struct{ one, many string }{{"ends in ", "end in "}, {"refuses ", "refuse "}} {
		if rest, ok := strings.CutPrefix(flag, v.one); ok {
			return verb(n, v.one, v.many) + rest
		}
	}
	return flag
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Text renders the headline, then the comparison: the cases ending in
// each state (and refusing each event) before and after, each changed
// case before and after, and the steps whose refusal changed.
func (r Report) Text() string {
	_, rest, _ := strings.Cut(r.WhatIf.Text(), "\n")
	var b strings.Builder
	b.WriteString(r.Headline() + "\n" + rest)
	if len(r.Refusals) > 0 {
		b.WriteString("refusals (before -> after):\n")
		for _, c := range r.Refusals {
			fmt.Fprintf(&b, "  %s step %s (%s): %s -> %s\n", c.CaseID, c.Step, c.Event, acceptedOr(c.Before), acceptedOr(c.After))
		}
	}
	return b.String()
}

func acceptedOr(code string) string {
	if code == "" {
		return "accepted"
	}
	return "refused (" + code + ")"
}

// Markdown renders the headline in bold, then a table of the changed
// cases.
func (r Report) Markdown() string {
	_, rest, _ := strings.Cut(r.WhatIf.Markdown(), "\n\n")
	return "**" + r.Headline() + "**\n\n" + rest
}
