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
		if w.cal == nil || !w.cal.ok {
			// No DST in UTC: a calendar day is exactly 24 hours.
			return anchor.Add(time.Duration(s.Days) * 24 * time.Hour).UTC()
		}
		return w.cal.calendarDays(anchor, s.Days).UTC()
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
	alerts       int
	paused       *Pause
}

// enter moves clock c from a step of state from to a step of state to,
// started at at (in UTC). A new pause is written to scratch when it is
// not nil.
func (w *Workflow) enter(c *clock, from, to int32, at time.Time, scratch *Pause) {
	fs, ts := &w.states[from], &w.states[to]
	if !fs.def.PausesSLA && !ts.def.PausesSLA {
		prev := c.due
		*c = clock{entered: at}
		if ts.sla != nil {
			c.due = w.dueFor(to, at, prev)
		}
		return
	}
	prev, paused, alerts := c.due, c.paused, c.alerts
	*c = clock{entered: at}
	switch {
	case fs.def.PausesSLA && paused != nil && paused.State == ts.def.Name:
		// Back to the paused step: it resumes without the paused time,
		// its alerts issued before the pause not issued again.
		c.due = w.resumeDue(to, paused, at)
		c.alerts = paused.Alerts
		return
	case ts.def.PausesSLA && fs.def.PausesSLA:
		c.paused = paused // one pause running into another
	case ts.def.PausesSLA:
		p := scratch
		if p == nil {
			p = new(Pause)
		}
		*p = Pause{State: fs.def.Name, Due: prev, Since: at, Alerts: alerts}
		c.paused = p
	}
	c.due = w.dueFor(to, at, prev)
}

// resumeDue returns the due time of a paused step of state si resumed at
// at: its due time moved by the time paused, counted on the step's own
// clock. A business-clock step moves by the working time in the pause,
// so a pause with no working time in it (Friday evening to Monday
// morning) does not move it; a calendar-clock step moves by the elapsed
// time. A step already overdue when paused stays overdue by the same
// amount.
func (w *Workflow) resumeDue(si int32, p *Pause, at time.Time) time.Time {
	if p.Due.IsZero() {
		return time.Time{}
	}
	if s := w.states[si].sla; s != nil && s.Clock == ClockBusiness {
		c := w.cal
		if !c.ok || !at.After(p.Since) {
			return p.Due
		}
		z := zoneCursor{c: c}
		if d := c.between(&z, p.Since, at); d > 0 {
			return c.add(&z, p.Due, d).UTC()
		}
		return p.Due
	}
	return p.Due.Add(at.Sub(p.Since)).UTC()
}

// calert is one SLA alert of a state: its reminder or one of its
// escalations, offset from the due time.
type calert struct {
	kind   EffectKind // EffectRemind or EffectEscalate
	role   Role
	offset time.Duration
}

// slaAlerts lists the alerts of a state's SLA in the order they come due:
// the reminder (RemindBefore the due time, to the owner), the breach
// escalation (at the due time, to EscalateTo), then each further level.
func slaAlerts(s *SLA, owner Role) []calert {
	var out []calert
	if s.RemindBefore > 0 {
		out = append(out, calert{EffectRemind, owner, -time.Duration(s.RemindBefore)})
	}
	if s.EscalateTo != "" {
		out = append(out, calert{EffectEscalate, s.EscalateTo, 0})
	}
	for _, e := range s.Escalations {
		out = append(out, calert{EffectEscalate, e.To, time.Duration(e.After)})
	}
	return out
}

// wake returns the wake-up of a step of state si due at due with alerts
// issued: its next alert's time or, when the SLA fires an event, the due
// time, whichever comes first; zero when nothing is pending.
func (w *Workflow) wake(si int32, due time.Time, alerts int) time.Time {
	if due.IsZero() {
		return time.Time{}
	}
	st := &w.states[si]
	alerts = max(alerts, 0) // a hostile snapshot's count
	if alerts < len(st.alerts) {
		t := due
		if off := st.alerts[alerts].offset; off != 0 {
			t = due.Add(off)
		}
		if st.fire >= 0 && due.Before(t) {
			return due
		}
		return t
	}
	if st.fire >= 0 {
		return due
	}
	return time.Time{}
}

// alertAfter returns a step's count of issued alerts after one more
// alert entry: an escalation passes over a reminder not yet issued (it
// came too late to send).
func (w *Workflow) alertAfter(si int32, alerts int, escalation bool) int {
	as := w.states[si].alerts
	alerts = max(alerts, 0)
	if escalation && alerts < len(as) && as[alerts].kind == EffectRemind {
		alerts++
	}
	return min(alerts+1, len(as))
}

// nextAlert returns the index of the alert of in's step that Advance
// issues next as of at, if one is due: alerts come due at their time, and
// only up to the due time when the SLA fires an event (it leaves the
// state then). A reminder is passed over when the breach is due too.
func (w *Workflow) nextAlert(st *cstate, in *Instance, at time.Time, fireDue bool) (int, bool) {
	due := func(i int) bool {
		if i >= len(st.alerts) {
			return false
		}
		when := in.Due.Add(st.alerts[i].offset)
		return !at.Before(when) && (st.fire < 0 || !when.After(in.Due))
	}
	i := max(in.Alerts, 0)
	if !due(i) {
		return 0, false
	}
	if st.alerts[i].kind == EffectRemind && (fireDue || due(i+1)) {
		i++ // too late to remind: the breach is due
		if !due(i) {
			return 0, false
		}
	}
	return i, true
}

// issueAlert records alert idx of in's step (state si) as a history entry
// and appends its effects to dst: the reminder or escalation, then the
// move of the instance's timer to its next wake-up.
func (w *Workflow) issueAlert(dst []Effect, in *Instance, si int32, idx int) (Instance, []Effect) {
	a := &w.states[si].alerts[idx]
	when := in.Due.Add(a.offset)
	t := when
	if n := len(in.History); n > 0 && in.History[n-1].At.After(t) {
		t = in.History[n-1].At // histories keep time order
	}
	ev, reason := EventEscalation, "sla breached"
	eff := Effect{Instance: in.ID, Kind: a.kind, State: in.State, Role: a.role, At: when}
	if a.kind == EffectRemind {
		ev, reason, eff.At = EventReminder, "sla due soon", in.Due
	}
	out := *in
	out.Version++
	out.Alerts = idx + 1
	out.Wake = w.wake(si, out.Due, out.Alerts)
	out.si = si
	e := Entry{Version: out.Version, Event: ev, From: in.State, To: in.State, Actor: ActorSLA, Role: a.role, Reason: reason, At: t}
	out.History, out.tail = appendEntry(in.History, in.tail, &e)
	base := len(dst)
	dst = append(dst, eff)
	dst = w.timerChange(dst, si, &out, in.State, in.Wake)
	stamp(dst[base:], out.Version)
	return out, dst
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
	si, err := w.belongs(&in)
	if err != nil {
		return Step{}, errorf("status of %q: %w", in.ID, err)
	}
	return w.step(si, in.Entered, time.Time{}, in.Due, at), nil
}

// Steps returns every visit of the instance to a state, oldest first,
// with SLA outcomes as of at, recomputing each visit's due time from the
// history exactly as Apply did. Entries that stayed in a state
// (approvals, updates, SLA alerts) do not start a visit.
func (w *Workflow) Steps(in Instance, at time.Time) ([]Step, error) {
	if _, err := w.belongs(&in); err != nil {
		return nil, errorf("steps of %q: %w", in.ID, err)
	}
	var out []Step
	var cur int32 = -1
	var c clock
	var scratch Pause
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
			w.enter(&c, cur, si, e.At, &scratch)
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

// Escalations previews the escalations of the current step due as of at
// and not issued yet, in order: an [EffectEscalate] to the SLA's
// EscalateTo role once at reaches the due time, then one per further
// level (see [Escalation]) whose time has come, each with At set to when
// it became due (levels after the due time only when the SLA fires no
// event, which leaves the state then). None before the due time, without
// escalation roles, or for an instance of another workflow or version.
// [Workflow.Advance] issues them, once each: the preview carries no
// identity.
func (w *Workflow) Escalations(in Instance, at time.Time) []Effect {
	si, err := w.belongs(&in)
	if err != nil || in.Due.IsZero() {
		return nil
	}
	st := &w.states[si]
	var out []Effect
	for i := max(in.Alerts, 0); i < len(st.alerts); i++ {
		a := &st.alerts[i]
		if a.kind != EffectEscalate {
			continue
		}
		when := in.Due.Add(a.offset)
		if at.Before(when) || (st.fire >= 0 && when.After(in.Due)) {
			break
		}
		out = append(out, Effect{Kind: EffectEscalate, State: in.State, Role: a.role, At: when})
	}
	return out
}

// Reminders previews the reminder of the current step: one
// [EffectRemind] to the owner once at is within the SLA's RemindBefore of
// the due time, until the due time (after it, see
// [Workflow.Escalations]), unless it was issued already. Like Escalations
// it is a query: [Workflow.Advance] issues the reminder, once.
func (w *Workflow) Reminders(in Instance, at time.Time) []Effect {
	si, err := w.belongs(&in)
	if err != nil || in.Due.IsZero() || !at.Before(in.Due) {
		return nil
	}
	st := &w.states[si]
	if in.Alerts > 0 || len(st.alerts) == 0 || st.alerts[0].kind != EffectRemind {
		return nil
	}
	if at.Before(in.Due.Add(st.alerts[0].offset)) {
		return nil
	}
	return []Effect{{Kind: EffectRemind, State: in.State, Role: st.alerts[0].role, At: in.Due}}
}

// ActorSLA is the actor recorded for the entries [Workflow.Advance] makes.
const ActorSLA = "sla"

// maxAdvance bounds the entries one Advance call makes.
const maxAdvance = 1000

// Advance does what the instance's SLAs have come due for as of at, in
// time order, and records each in the history with actor [ActorSLA]:
// a reminder ([EventReminder]) and each escalation ([EventEscalation],
// the role told as the entry's Role) are recorded once, so a later
// Advance never issues them again; an SLA event (expire, lapse, suspend)
// is applied at the due time (or at the history's last entry's time, if
// later), with reason "sla breached", after the escalations due at the
// same instant. A reminder that comes due together with the breach (the
// host woke up late) is passed over. Advance returns the final instance
// and all effects in order, each with the identity of the entry that
// produced it; the instance's Wake says when to call it next. Calling
// Advance before Wake, or again at the same time, does nothing.
//
// On error (an SLA event the workflow refuses) Advance returns the
// instance as far as it got, the effects so far, and the error.
func (w *Workflow) Advance(in Instance, at time.Time) (Instance, []Effect, error) {
	var effs []Effect
	for range maxAdvance {
		si, err := w.belongs(&in)
		if err != nil {
			return in, effs, errorf("advancing %q: %w", in.ID, err)
		}
		st := &w.states[si]
		if in.Due.IsZero() || st.sla == nil {
			break
		}
		fireDue := st.fire >= 0 && !at.Before(in.Due)
		if i, ok := w.nextAlert(st, &in, at, fireDue); ok {
			in, effs = w.issueAlert(effs, &in, si, i)
			continue
		}
		if !fireDue {
			break
		}
		t := in.Due
		if last := in.History[len(in.History)-1].At; last.After(t) {
			t = last
		}
		next, e, err := w.AppendApply(effs, in, Trigger{Event: w.events[st.fire], Actor: ActorSLA, Reason: "sla breached"}, t)
		if err != nil {
			return in, effs, err
		}
		in, effs = next, e
	}
	return in, effs, nil
}
