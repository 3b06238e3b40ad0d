package process

import (
	"time"
)

// dueFor returns the SLA due time of state si entered at entered, coming
// from a state due at prevDue (zero when none); zero when si has no SLA.
// The result is in UTC, as every time an instance stores.
func (w *Workflow) dueFor(si int32, entered, prevDue time.Time) time.Time {
	s := w.states[si].sla
	if s == nil {
		return time.Time{}
	}
	anchor := entered
	if s.Anchor == AnchorPreviousDue && !prevDue.IsZero() {
		anchor = prevDue
	}
	switch {
	case s.Clock == ClockBusiness && s.Days > 0:
		return w.cal.AddDays(anchor, s.Days).UTC()
	case s.Clock == ClockBusiness:
		return w.cal.Add(anchor, time.Duration(s.Duration)).UTC()
	case s.Days > 0:
		loc := w.location()
		if loc == time.UTC {
			// No DST in UTC: a calendar day is exactly 24 hours.
			return anchor.Add(time.Duration(s.Days) * 24 * time.Hour).UTC()
		}
		return addCalendarDays(anchor, s.Days, loc).UTC()
	}
	return anchor.Add(time.Duration(s.Duration)).UTC()
}

// location is the workflow's time zone: the calendar's, else UTC. Day
// SLAs count its days and Explain shows its wall-clock times.
func (w *Workflow) location() *time.Location {
	if w.cal != nil && w.cal.loc != nil {
		return w.cal.loc
	}
	return time.UTC
}

// clock is the SLA bookkeeping carried from step to step.
type clock struct {
	entered, due time.Time
	paused       *Pause
}

// enter returns the clock of a step of state to, started at at (in UTC),
// after a step of state from with clock c.
func (w *Workflow) enter(c clock, from, to int32, at time.Time) clock {
	next := clock{entered: at}
	fromPauses := w.states[from].def.PausesSLA
	switch {
	case fromPauses && c.paused != nil && c.paused.State == w.states[to].def.Name:
		// Back to the paused step: it resumes without the paused time.
		next.due = w.resumeDue(to, *c.paused, at)
		return next
	case w.states[to].def.PausesSLA && fromPauses:
		next.paused = c.paused // one pause running into another
	case w.states[to].def.PausesSLA:
		next.paused = &Pause{State: w.states[from].def.Name, Due: c.due, Since: at}
	}
	next.due = w.dueFor(to, at, c.due)
	return next
}

// resumeDue returns the due time of a paused step of state si resumed at
// at: its remaining time, counted on its own clock, starts again at at.
// A step already overdue when paused stays overdue by the same amount.
func (w *Workflow) resumeDue(si int32, p Pause, at time.Time) time.Time {
	if p.Due.IsZero() {
		return time.Time{}
	}
	if s := w.states[si].sla; s != nil && s.Clock == ClockBusiness && p.Due.After(p.Since) {
		return w.cal.Add(at, w.cal.Between(p.Since, p.Due)).UTC()
	}
	return p.Due.Add(at.Sub(p.Since)).UTC()
}

// Step is one visit of an instance to a state, with its SLA outcome.
type Step struct {
	State State `json:"state"`
	Owner Role  `json:"owner,omitempty"`
	// Entered is when the visit began; Left when it ended (zero for the
	// current step).
	Entered time.Time `json:"entered"`
	Left    time.Time `json:"left,omitzero"`
	// Due is the SLA due time (zero without an SLA).
	Due time.Time `json:"due,omitzero"`
	// Breached: the step ended after Due, or is still running at the
	// as-of time and that time is at or after Due.
	Breached bool `json:"breached,omitempty"`
	// Overdue is how long past Due the step ended (or has run so far),
	// in elapsed time.
	Overdue time.Duration `json:"overdue,omitempty"`
	// Remaining is the elapsed time left before Due for a running,
	// unbreached step.
	Remaining time.Duration `json:"remaining,omitempty"`
	// EscalateTo and Fire repeat the state's SLA breach actions.
	EscalateTo Role  `json:"escalate_to,omitempty"`
	Fire       Event `json:"fire,omitempty"`
}

func (w *Workflow) step(si int32, entered, left, due, at time.Time) Step {
	st := &w.states[si]
	s := Step{State: st.def.Name, Owner: st.def.Owner, Entered: entered, Left: left, Due: due}
	if st.sla != nil {
		s.EscalateTo, s.Fire = st.sla.EscalateTo, st.sla.Fire
	}
	if due.IsZero() {
		return s
	}
	switch {
	case left.IsZero() && !at.Before(due):
		s.Breached, s.Overdue = true, at.Sub(due)
	case left.IsZero():
		s.Remaining = due.Sub(at)
	case left.After(due):
		s.Breached, s.Overdue = true, left.Sub(due)
	}
	return s
}

// Status returns the SLA status of the instance's current step as of at:
// its owner, due time, and whether it is breached. It recomputes nothing
// but the durations: the due time is the one stored in the instance.
func (w *Workflow) Status(in Instance, at time.Time) (Step, error) {
	si, ok := w.lookupState(in.State)
	if !ok || in.Workflow != w.def.ID {
		return Step{}, errorf("status of %q in state %q: %w", in.ID, in.State, ErrWrongWorkflow)
	}
	return w.step(si, in.Entered, time.Time{}, in.Due, at), nil
}

// Steps returns every visit of the instance to a state, oldest first,
// with SLA outcomes as of at, recomputing each visit's due time from the
// history exactly as Apply did. Entries that stayed in a state
// (approvals, updates) do not start a visit.
func (w *Workflow) Steps(in Instance, at time.Time) ([]Step, error) {
	var out []Step
	var cur int32 = -1
	var c clock
	for i, e := range in.History {
		if i > 0 && e.From == e.To {
			continue
		}
		si, ok := w.lookupState(e.To)
		if !ok {
			return nil, errorf("steps of %q: history entry %d enters unknown state %q: %w", in.ID, i+1, e.To, ErrWrongWorkflow)
		}
		if cur >= 0 {
			out = append(out, w.step(cur, c.entered, e.At, c.due, at))
			c = w.enter(c, cur, si, e.At)
		} else {
			c = clock{entered: e.At, due: w.dueFor(si, e.At, time.Time{})}
		}
		cur = si
	}
	if cur >= 0 {
		out = append(out, w.step(cur, c.entered, time.Time{}, c.due, at))
	}
	return out, nil
}

// Breaches returns the visits whose SLA was breached as of at (see
// [Workflow.Steps]).
func (w *Workflow) Breaches(in Instance, at time.Time) ([]Step, error) {
	steps, err := w.Steps(in, at)
	if err != nil {
		return nil, err
	}
	var out []Step
	for _, s := range steps {
		if s.Breached {
			out = append(out, s)
		}
	}
	return out, nil
}

// Escalations returns the escalations due as of at for the current step,
// in order: an [EffectEscalate] to the SLA's EscalateTo role once at
// reaches the due time, then one per further level (see [Escalation])
// whose time has come, each with At set to when it became due. None
// before the due time or without escalation roles. Calling it again later
// returns the same escalations; hosts record what they sent, keyed by
// state, role and At.
func (w *Workflow) Escalations(in Instance, at time.Time) []Effect {
	si, ok := w.stateOf(&in)
	if !ok || in.Due.IsZero() || at.Before(in.Due) {
		return nil
	}
	s := w.states[si].sla
	if s == nil {
		return nil
	}
	var out []Effect
	if s.EscalateTo != "" {
		out = append(out, Effect{Kind: EffectEscalate, State: in.State, Role: s.EscalateTo, At: in.Due})
	}
	for _, e := range s.Escalations {
		when := in.Due.Add(time.Duration(e.After))
		if at.Before(when) {
			break
		}
		out = append(out, Effect{Kind: EffectEscalate, State: in.State, Role: e.To, At: when})
	}
	return out
}

// Reminders returns the reminder due as of at for the current step: one
// [EffectRemind] to the owner once at is within the SLA's RemindBefore of
// the due time, until the due time (after it, see
// [Workflow.Escalations]). Like Escalations it is a query; hosts record
// what they sent, keyed by state and due time.
func (w *Workflow) Reminders(in Instance, at time.Time) []Effect {
	si, ok := w.stateOf(&in)
	if !ok || in.Due.IsZero() || !at.Before(in.Due) {
		return nil
	}
	st := &w.states[si]
	s := st.sla
	if s == nil || s.RemindBefore <= 0 {
		return nil
	}
	remindAt := in.Due.Add(-time.Duration(s.RemindBefore))
	if at.Before(remindAt) {
		return nil
	}
	return []Effect{{Kind: EffectRemind, State: in.State, Role: st.def.Owner, At: in.Due}}
}

// ActorSLA is the actor recorded for events fired by [Workflow.Advance].
const ActorSLA = "sla"

// maxAdvance bounds the timer events one Advance call fires.
const maxAdvance = 1000

// Advance fires the SLA events that are due as of at: while the current
// step has an SLA with a Fire event and its due time is at or before at,
// it applies that event at the due time, with actor [ActorSLA] and reason
// "sla breached". It returns the final instance and all effects in order,
// each breach preceded by its [EffectEscalate] when the SLA names a role;
// then the escalations of a breached current step without a Fire event.
// Calling Advance with an earlier at than a previous call is harmless.
func (w *Workflow) Advance(in Instance, at time.Time) (Instance, []Effect, error) {
	var effs []Effect
	for range maxAdvance {
		si, ok := w.stateOf(&in)
		if !ok || in.Workflow != w.def.ID {
			return in, effs, errorf("advancing %q in state %q: %w", in.ID, in.State, ErrWrongWorkflow)
		}
		s := w.states[si].sla
		if s == nil || s.Fire == "" || in.Due.IsZero() || at.Before(in.Due) {
			break
		}
		due := in.Due
		effs = append(effs, w.Escalations(in, due)...)
		next, e, err := w.Apply(in, Trigger{Event: s.Fire, Actor: ActorSLA, Reason: "sla breached"}, due)
		if err != nil {
			return in, effs, err
		}
		in = next
		effs = append(effs, e...)
	}
	effs = append(effs, w.Escalations(in, at)...)
	return in, effs, nil
}
