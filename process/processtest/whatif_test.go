package processtest_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/processtest"
)

// A version that drops the hold exception refuses the quote's hold (and
// so its resume) and leaves it breached; one whose CFO threshold is 40%
// approves the 35% quote with the desk's approval alone, a step early.
func TestWhatIfRefusalsAndStates(t *testing.T) {
	f, err := processtest.Load("testdata/quote.json")
	if err != nil {
		t.Fatal(err)
	}
	noHold := f.Definitions.Workflow.Clone()
	noHold.Exceptions = slices.DeleteFunc(noHold.Exceptions, func(e process.Exception) bool { return e.Event == "hold" })
	rep, err := processtest.WhatIf(f.Definitions, processtest.Definitions{Workflow: &noHold}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	want := []processtest.RefusalChange{
		{CaseID: "hold-pauses-the-desk", Step: "1", Event: "hold", After: "invalid_transition"},
		{CaseID: "hold-pauses-the-desk", Step: "2", Event: "resume", After: "invalid_transition"},
	}
	if diff := cmp.Diff(want, rep.Refusals); diff != "" {
		t.Errorf("refusals (-want +got):\n%s", diff)
	}
	const headline = "this change moves 1 of 4 histories: 1 has steps refused now; 1 now breached; 1 now refuses hold; 1 now refuses resume"
	if got := rep.Headline(); got != headline {
		t.Errorf("Headline() =\n%s\nwant\n%s\n%s", got, headline, rep.Text())
	}

	higher := f.Definitions.Workflow.Clone()
	i := slices.IndexFunc(higher.States, func(s process.StateDef) bool { return s.Approval != nil })
	higher.States[i].Approval.Steps[1].When[0].Value = process.Int(40)
	rep, err = processtest.WhatIf(f.Definitions, processtest.Definitions{Workflow: &higher}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Moved != 0 || rep.NewlyRefused != 1 || len(rep.Changed) != 1 || rep.Changed[0].CaseID != "cfo-approves-35" {
		t.Errorf("CFO at 40%%:\n%s", rep.Text())
	}
	if _, err := processtest.WhatIf(processtest.Definitions{}, f.Definitions, f.Cases); err == nil {
		t.Error("WhatIf without a workflow before: no error")
	}
}

// A report is data: it round-trips through JSON and renders the same.
func TestReportRoundTrips(t *testing.T) {
	f, err := processtest.Load("testdata/dealreg.json")
	if err != nil {
		t.Fatal(err)
	}
	v2 := process.DealRegistration(process.DealRegistrationOptions{ValidityDays: 30})
	rep, err := processtest.WhatIf(f.Definitions, processtest.Definitions{Workflow: &v2, Calendar: f.Definitions.Calendar}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changed) == 0 {
		t.Fatal("nothing changed")
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back processtest.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if rep.Text() != back.Text() || rep.Markdown() != back.Markdown() {
		t.Errorf("the decoded report renders differently")
	}
}

// loop is a workflow of two states that a "flip" event toggles.
func loop() processtest.Definitions {
	d := process.Definition{ID: "loop", Initial: "a",
		States:      []process.StateDef{{Name: "a", Owner: "r", SLA: &process.SLA{Duration: process.Duration(time.Hour), EscalateTo: "m"}}, {Name: "b", Owner: "r"}, {Name: "done", Terminal: true}},
		Transitions: []process.Transition{{From: "a", Event: "flip", To: "b"}, {From: "b", Event: "flip", To: "a"}, {From: "b", Event: "finish", To: "done"}}}
	return processtest.Definitions{Workflow: &d}
}

// growthCase is a history of n flips, every other one's effects pinned
// wrongly, and n refusals expected of steps that pass.
func growthCase(n int) processtest.Case {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := processtest.Case{ID: "c", At: at.Add(time.Duration(n+1) * time.Minute), Given: processtest.Given{Start: processtest.Step{At: at}}}
	for i := range n {
		id := fmt.Sprint("s", i)
		c.Given.Steps = append(c.Given.Steps, processtest.Step{ID: id, At: at.Add(time.Duration(i+1) * time.Minute), Event: "flip"})
		if i%2 == 0 {
			c.Expect.Effects = append(c.Expect.Effects, processtest.EffectExpect{Step: id, Kind: process.EffectCompleted})
		} else {
			c.Expect.Refused = append(c.Expect.Refused, processtest.RefusalExpect{Step: id})
		}
	}
	return c
}

// Checking a case, with its views and side-by-side failure, and comparing
// cases grow linearly with the steps and the cases: 8× within 30× the
// time.
func TestGrowth(t *testing.T) {
	d := loop()
	w, err := processtest.Compile(opstest.Files{}, d)
	if err != nil {
		t.Fatal(err)
	}
	c1, c8 := growthCase(100), growthCase(800)
	check := func(c processtest.Case) func() {
		return func() {
			if err := processtest.CheckCase(opstest.Files{}, w, c); err == nil {
				t.Fatal("the case passed")
			}
		}
	}
	r, slow := opstest.SlowGrowth(check(c1), check(c8), 30)
	t.Logf("CheckCase: %.1f×", r)
	if slow {
		t.Errorf("CheckCase: 8× the steps took %.1f× the time", r)
	}
	after := d.Workflow.Clone()
	after.Transitions = after.Transitions[:2]
	cases := func(n int) []processtest.Case {
		out := make([]processtest.Case, n)
		for i := range out {
			out[i] = growthCase(1 + i%7)
			out[i].ID = fmt.Sprint("c", i)
			out[i].Given.Steps = append(out[i].Given.Steps, processtest.Step{At: out[i].At, Event: "finish"})
		}
		return out
	}
	whatIf := func(cs []processtest.Case) func() {
		return func() {
			r, err := processtest.WhatIf(d, processtest.Definitions{Workflow: &after}, cs)
			if err != nil {
				t.Fatal(err)
			}
			_ = r.Text() + r.Markdown()
		}
	}
	r, slow = opstest.SlowGrowth(whatIf(cases(100)), whatIf(cases(800)), 30)
	t.Logf("WhatIf: %.1f×", r)
	if slow {
		t.Errorf("WhatIf: 8× the cases took %.1f× the time", r)
	}
}
