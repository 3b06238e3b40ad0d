package process_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process"
)

// growth checks that f at size 8n costs at most 20 times f at size n in
// CPU time ([measure.Linear]): linear work costs about 8 times, quadratic
// 64 times.
func growth(t *testing.T, name string, n int, f func(n int) func()) {
	t.Helper()
	measure.Linear(t, name, n, f, 20)
}

// chain is a definition of n states in a line, each with an SLA, a
// transition to the next and one guarded alternative, and two
// exceptions from every state (so diagrams grow linearly with n).
func chain(n int) process.Definition {
	d := process.Definition{ID: "chain", Name: "Chain", Initial: "s0"}
	for i := range n {
		d.States = append(d.States, process.StateDef{Name: process.State(fmt.Sprintf("s%d", i)), Owner: "o",
			SLA: &process.SLA{Duration: process.Duration(time.Hour), EscalateTo: "lead"}})
		next := fmt.Sprintf("s%d", i+1)
		if i == n-1 {
			next = "end"
		}
		d.Transitions = append(d.Transitions,
			process.Transition{From: process.State(fmt.Sprintf("s%d", i)), Event: "next", To: process.State(next),
				Guards: []process.Guard{{Field: "fast", Op: process.OpExists}}},
			process.Transition{From: process.State(fmt.Sprintf("s%d", i)), Event: "next", To: process.State(next)})
	}
	d.States = append(d.States, process.StateDef{Name: "end", Terminal: true})
	for i := range 2 {
		d.States = append(d.States, process.StateDef{Name: process.State(fmt.Sprintf("x%d", i)), Terminal: true})
		d.Exceptions = append(d.Exceptions, process.Exception{Event: process.Event(fmt.Sprintf("abort%d", i)), To: process.State(fmt.Sprintf("x%d", i))})
	}
	return d
}

// TestGrowthCompileAndRender: Compile and every renderer of a workflow
// are linear in the definition's size.
func TestGrowthCompileAndRender(t *testing.T) {
	growth(t, "Compile", 24, func(n int) func() {
		d := chain(n)
		return func() { process.MustCompile(d) }
	})
	for _, r := range []struct {
		name string
		f    func(*process.Workflow) string
	}{
		{"Mermaid", (*process.Workflow).Mermaid},
		{"DOT", (*process.Workflow).DOT},
		{"Markdown", (*process.Workflow).Markdown},
	} {
		growth(t, r.name, 24, func(n int) func() {
			w := process.MustCompile(chain(n))
			return func() { r.f(w) }
		})
	}
}

// TestGrowthHistory: Replay, Steps, Breaches, the history and steps
// renderers, Explain, Effects and Migrate are linear in the history's
// length.
func TestGrowthHistory(t *testing.T) {
	w, base := benchLifecycle(t)
	at := utc(2026, 3, 2, 10, 0)
	history := func(n int) process.Instance {
		in := base
		for i := 0; len(in.History) < n; i++ {
			out, _, err := w.Apply(in, cycle[i&1], at.Add(time.Duration(i)*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			in = out
		}
		return in
	}
	for _, c := range []struct {
		name string
		f    func(process.Instance) func()
	}{
		{"Replay", func(in process.Instance) func() { return func() { _, _ = w.Replay(in.ID, in.History) } }},
		{"Steps", func(in process.Instance) func() { return func() { _, _ = w.Steps(in, at) } }},
		{"Breaches", func(in process.Instance) func() { return func() { _, _ = w.Breaches(in, at) } }},
		{"RenderHistory", func(in process.Instance) func() { return func() { process.RenderHistory(in.History) } }},
		{"RenderSteps", func(in process.Instance) func() {
			steps, _ := w.Steps(in, at)
			return func() { process.RenderSteps(steps) }
		}},
		{"Explain", func(in process.Instance) func() { return func() { w.Explain(in, at) } }},
		{"Effects", func(in process.Instance) func() { return func() { _, _ = w.Effects(in, in.Version) } }},
		{"Migrate", func(in process.Instance) func() {
			in.WorkflowVersion = 7 // as if made by another version
			in.History = append([]process.Entry(nil), in.History...)
			in.History[0].WorkflowVersion = 7
			return func() { _, _, _ = w.Migrate(in, process.Trigger{}, at) }
		}},
	} {
		growth(t, c.name, 2000, func(n int) func() { return c.f(history(n)) })
	}
}
