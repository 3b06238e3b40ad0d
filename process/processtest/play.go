package processtest

import (
	"errors"

	"github.com/partnerops/partnerops/process"
)

// Played is what a history did under a workflow: the final instance and
// what each step produced.
type Played struct {
	// Instance is the instance after the last step.
	Instance process.Instance
	// Start is what starting the instance produced.
	Start StepResult
	// Steps holds one result per step of the history, in order.
	Steps []StepResult
}

// StepResult is what one step produced: the effects to carry out and the
// history entries it added (an advance may add several, or none), or the
// refusal that left the instance as it was.
type StepResult struct {
	Effects []process.Effect
	Entries []process.Entry
	// Err is the refusal: usually a *process.TransitionError; see
	// [Reason].
	Err error
}

// Play starts an instance named id with g's start and applies each of
// its steps in order: a trigger with [process.Workflow.Apply], an advance
// with [process.Workflow.Advance]. A refused step leaves the instance as
// it was and the history goes on. The error is the start's (the instance
// could not be created); the steps' refusals are in their results. Play
// does not check the history's instants (see [Check]).
func Play(w *process.Workflow, id string, g Given) (Played, error) {
	tr := g.Start.Trigger()
	tr.Event = ""
	in, eff, err := w.Start(id, tr, g.Start.At)
	if err != nil {
		return Played{}, err
	}
	p := Played{Instance: in, Start: StepResult{Effects: eff, Entries: in.History}, Steps: make([]StepResult, len(g.Steps))}
	for i, s := range g.Steps {
		before := len(p.Instance.History)
		var next process.Instance
		if s.Advance {
			next, eff, err = w.Advance(p.Instance, s.At)
		} else {
			next, eff, err = w.Apply(p.Instance, s.Trigger(), s.At)
		}
		if err != nil {
			p.Steps[i] = StepResult{Err: err}
			continue
		}
		p.Steps[i] = StepResult{Effects: eff, Entries: next.History[before:len(next.History):len(next.History)]}
		p.Instance = next
	}
	return p, nil
}

// reasons name the refusals' sentinels by code, as a
// [process.TransitionError] encodes them, and the other conditions a
// step can meet.
var reasons = []struct {
	code string
	err  error
}{
	{"invalid_transition", process.ErrInvalidTransition},
	{"guard_rejected", process.ErrGuardRejected},
	{"not_approver", process.ErrNotApprover},
	{"no_previous", process.ErrNoPrevious},
	{"version_conflict", process.ErrVersionConflict},
	{"wrong_workflow", process.ErrWrongWorkflow},
}

// Reason returns the code of a refusal: invalid_transition,
// guard_rejected, not_approver, no_previous, version_conflict,
// wrong_workflow, or "error" for another error ("" for nil).
func Reason(err error) string {
	if err == nil {
		return ""
	}
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			return r.code
		}
	}
	return "error"
}

// guards returns the labels of the guards that refused a step.
func guards(err error) []string {
	var te *process.TransitionError
	if errors.As(err, &te) {
		return te.Guards
	}
	return nil
}
