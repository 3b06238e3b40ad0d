package processtest_test

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/processtest"
)

// Every generated workflow compiles.
func TestGeneratorsDrawValidWorkflows(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		if _, err := process.Compile(processtest.Definition().Draw(t, "workflow")); err != nil {
			t.Fatalf("generated workflow does not compile: %v", err)
		}
	})
}

// workflows draws a generated workflow, or one of the standard workflows
// on a UTC business calendar.
func workflow(t *rapid.T) *process.Workflow {
	cal := process.MustBusinessCalendar(process.CalendarDef{TimeZone: "UTC", Holidays: []string{"2026-12-25"}}, time.UTC)
	if rapid.Bool().Draw(t, "standard") {
		return process.MustCompile(rapid.SampledFrom(process.Standard()).Draw(t, "standard workflow"), process.WithCalendar(cal))
	}
	return process.MustCompile(processtest.Definition().Draw(t, "workflow"))
}

// The replay property: a generated history plays without a refusal, and
// replaying the instance's history rebuilds the same instance, whose
// version counts its entries.
func TestHistoriesReplay(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := workflow(t)
		c := processtest.History(w).Draw(t, "history")
		p, err := processtest.Play(w, c.ID, c.Given)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range p.Steps {
			if s.Err != nil {
				t.Fatalf("step %d refused: %v", i, s.Err)
			}
		}
		in := p.Instance
		again, err := w.Replay(c.ID, in.History)
		if err != nil {
			t.Fatalf("Replay: %v", err)
		}
		if !again.Equal(in) {
			t.Fatalf("replayed instance differs:\n%+v\n%+v", again, in)
		}
		if in.Version != len(in.History) {
			t.Fatalf("version %d, %d entries", in.Version, len(in.History))
		}
	})
}
