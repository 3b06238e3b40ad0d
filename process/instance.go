package process

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Sentinel errors. Apply, Start and Replay wrap them, usually in a
// [*TransitionError]; test them with [errors.Is].
var (
	// ErrInvalidTransition: the event is not accepted in the instance's
	// current state (including any event in a terminal state).
	ErrInvalidTransition = errors.New("process: event not allowed in state")
	// ErrGuardRejected: the state accepts the event, but no transition's
	// guards all held.
	ErrGuardRejected = errors.New("process: guard rejected transition")
	// ErrNotApprover: an approval event came from a role that is not the
	// next required approver (sequential) or not a pending one (parallel).
	ErrNotApprover = errors.New("process: role is not a pending approver")
	// ErrNoPrevious: a to_previous transition found no earlier state.
	ErrNoPrevious = errors.New("process: no previous state to return to")
	// ErrVersionConflict: [Trigger.ExpectVersion] did not match the
	// instance's version (optimistic concurrency).
	ErrVersionConflict = errors.New("process: version conflict")
	// ErrWrongWorkflow: the instance belongs to another workflow, or is in
	// a state this workflow does not declare.
	ErrWrongWorkflow = errors.New("process: instance does not belong to workflow")
	// ErrReplay: a history cannot be replayed (it does not start with a
	// start entry, or an entry does not reproduce its recorded target).
	ErrReplay = errors.New("process: history does not replay")
	// ErrWorkflowVersion: the instance (or the history) was made under
	// another version of the workflow's definition ([Definition].Version)
	// than the compiled one; [Workflow.Migrate] moves it on explicitly.
	ErrWorkflowVersion = errors.New("process: instance belongs to another version of the workflow")
)

// TransitionError explains a refused event: the state, the event, the
// events allowed there, and the guards that refused it (each with the
// data field and operator it tested and the value it saw), or the
// approvers pending. Err is one of the sentinels above. [Workflow.Check]
// returns it without applying anything.
//
// A TransitionError is data a host may keep (a refused request in an
// audit log): it encodes to JSON with snake_case keys, Err as a "reason"
// code (invalid_transition, guard_rejected, not_approver, no_previous),
// and decodes back to an equal error with the same text.
type TransitionError struct {
	Workflow string `json:"workflow"`
	State    State  `json:"state"`
	Event    Event  `json:"event"`
	// Allowed are the events the state accepts, sorted.
	Allowed []Event `json:"allowed,omitempty"`
	// Guards are the labels of the guards that failed, one per refused
	// candidate transition, in priority order.
	Guards []string `json:"guards,omitempty"`
	// Failed explains each of Guards, in the same order: the transition's
	// target, the field and operator a data guard tested and the value it
	// saw.
	Failed []GuardFailure `json:"failed,omitempty"`
	// Role is the approver role of a refused approval.
	Role Role `json:"role,omitempty"`
	// Pending are the approver roles a refused approval waits for, in
	// declaration order (in a sequential chain the first acts next).
	Pending []Role `json:"pending,omitempty"`
	Err     error  `json:"-"`
}

// GuardFailure explains one guard that refused a candidate transition:
// its label and, for a data comparison, the field and operator it tested,
// its operand and the value it saw (from the trigger's data, else the
// instance's; the zero Value when the field was missing). A named Go
// guard has no field.
type GuardFailure struct {
	Guard string `json:"guard"`
	// To is the refused transition's target state, empty for a
	// to_previous transition.
	To    State  `json:"to,omitempty"`
	Field string `json:"field,omitempty"`
	Op    Op     `json:"op,omitempty"`
	Not   bool   `json:"not,omitempty"`
	// Want is the guard's operand (none for exists and missing).
	Want Value `json:"want,omitzero"`
	// Seen is the value the guard read; zero when the field is missing.
	Seen Value `json:"seen,omitzero"`
}

// String says which guard failed, what it needed and what it saw:
//
//	guard "evidence of progress" failed: needs field "evidence" to exist, but it is missing
//	guard "deal_value ge 1000000" failed: needs field "deal_value" ge 1000000, but it is 50000
//	guard "partner has capacity" failed
func (f GuardFailure) String() string {
	if f.Field == "" {
		return fmt.Sprintf("guard %q failed", f.Guard)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "guard %q failed: needs field %q ", f.Guard, f.Field)
	if f.Not {
		b.WriteString("not ")
	}
	switch f.Op {
	case OpExists:
		b.WriteString("to exist")
	case OpMissing:
		b.WriteString("to be missing")
	default:
		fmt.Fprintf(&b, "%s %s", f.Op, f.Want)
	}
	if f.Seen.IsZero() {
		b.WriteString(", but it is missing")
	} else {
		fmt.Fprintf(&b, ", but it is %s", f.Seen)
	}
	return b.String()
}

// refusalReasons names the sentinels a TransitionError wraps, for JSON.
var refusalReasons = []struct {
	code string
	err  error
}{
	{"invalid_transition", ErrInvalidTransition},
	{"guard_rejected", ErrGuardRejected},
	{"not_approver", ErrNotApprover},
	{"no_previous", ErrNoPrevious},
}

// transitionErrorFields has TransitionError's fields and no methods, so
// it encodes and decodes field by field.
type transitionErrorFields TransitionError

type transitionErrorJSON struct {
	*transitionErrorFields
	Reason string `json:"reason"`
}

// MarshalJSON encodes the refusal with Err as its reason code.
func (e *TransitionError) MarshalJSON() ([]byte, error) {
	j := transitionErrorJSON{transitionErrorFields: (*transitionErrorFields)(e)}
	for _, r := range refusalReasons {
		if e.Err == r.err {
			j.Reason = r.code
		}
	}
	if j.Reason == "" {
		return nil, errorf("encoding transition error: reason %v has no code: %w", e.Err, partnerops.ErrInvalid)
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes strictly what MarshalJSON encodes.
func (e *TransitionError) UnmarshalJSON(b []byte) error {
	var out TransitionError
	j := transitionErrorJSON{transitionErrorFields: (*transitionErrorFields)(&out)}
	if err := strict.Decode(b, &j, strict.Options{}); err != nil {
		return err
	}
	for _, r := range refusalReasons {
		if j.Reason == r.code {
			out.Err = r.err
		}
	}
	if out.Err == nil {
		return &partnerops.ValidationError{Path: "reason", Rule: "must be invalid_transition, guard_rejected, not_approver or no_previous", Value: j.Reason}
	}
	*e = out
	return nil
}

// Error renders the refusal with its context.
func (e *TransitionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "process: workflow %q: event %q in state %q", e.Workflow, e.Event, e.State)
	switch {
	case errors.Is(e.Err, ErrGuardRejected) && len(e.Failed) > 0:
		b.WriteString(": ")
		for i, f := range e.Failed {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(f.String())
		}
	case errors.Is(e.Err, ErrGuardRejected):
		fmt.Fprintf(&b, ": guard %s failed", quoteList(e.Guards))
	case errors.Is(e.Err, ErrNotApprover) && len(e.Pending) > 0:
		fmt.Fprintf(&b, ": role %q is not a pending approver (waiting for %s)", e.Role, quoteList(e.Pending))
	case errors.Is(e.Err, ErrNotApprover):
		fmt.Fprintf(&b, ": role %q is not a pending approver", e.Role)
	default:
		if len(e.Allowed) == 0 {
			b.WriteString(": no events allowed (terminal state)")
		} else {
			fmt.Fprintf(&b, ": allowed events are %s", quoteList(e.Allowed))
		}
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %s", partnerops.StripPrefixes(e.Err.Error()))
	}
	return b.String()
}

// Unwrap returns Err.
func (e *TransitionError) Unwrap() error { return e.Err }

func quoteList[T ~string](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%q", string(x))
	}
	return strings.Join(parts, ", ")
}

// Trigger is one occurrence of an event, as the host submits it to
// [Workflow.Apply]. All of it but ExpectVersion is recorded in the history
// and replayed verbatim.
type Trigger struct {
	Event Event `json:"event"`
	// Actor is who caused it (a user ID, "sla" for timer events).
	Actor string `json:"actor,omitempty"`
	// Role is the actor's role; approvals need it.
	Role   Role   `json:"role,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Data sets fields on the instance when the transition is taken; a
	// zero Value (JSON null) removes the field. Guards see these values
	// before the instance's own.
	Data Data `json:"data,omitempty"`
	// ExpectVersion, when positive, must equal the instance's version.
	ExpectVersion int `json:"expect_version,omitempty"`
}

// Entry is one entry of an instance's history: an accepted event, an SLA
// reminder or escalation issued by [Workflow.Advance] ([EventReminder],
// [EventEscalation], with Role the role told), or a migration to another
// version of the definition ([EventMigrate]).
type Entry struct {
	// Version is the instance's version after the entry (1 for the start).
	Version int       `json:"version"`
	Event   Event     `json:"event"`
	From    State     `json:"from,omitempty"`
	To      State     `json:"to"`
	Actor   string    `json:"actor,omitempty"`
	Role    Role      `json:"role,omitempty"`
	Reason  string    `json:"reason,omitempty"`
	At      time.Time `json:"at"`
	Data    Data      `json:"data,omitempty"`
	// WorkflowVersion, on a start or migration entry, is the version of
	// the definition ([Definition].Version) the instance runs under from
	// then on.
	WorkflowVersion int `json:"workflow_version,omitempty"`
}

// Equal reports whether e and o record the same thing (times compared as
// instants).
func (e Entry) Equal(o Entry) bool {
	return e.Version == o.Version && e.Event == o.Event && e.From == o.From && e.To == o.To &&
		e.Actor == o.Actor && e.Role == o.Role && e.Reason == o.Reason && e.At.Equal(o.At) && e.Data.Equal(o.Data) &&
		e.WorkflowVersion == o.WorkflowVersion
}

func (e *Entry) trigger() Trigger {
	return Trigger{Event: e.Event, Actor: e.Actor, Role: e.Role, Reason: e.Reason, Data: e.Data}
}

// Instance is one case moving through a workflow (one deal registration,
// one partner's onboarding). It is a value: [Workflow.Apply] returns a new
// Instance and never changes the one passed in, so a host may keep any
// version it has seen. Store it as JSON (a snapshot) or store its History
// alone and rebuild it with [Workflow.Replay]; both give Equal instances.
//
// Version counts the history's entries (accepted events, the start, and
// the SLA alerts and migrations recorded); hosts use it for optimistic
// concurrency (see [Trigger.ExpectVersion]) and it is part of every
// effect's key. WorkflowVersion is the version of the definition the
// instance runs under (see [Workflow.Migrate]). Entered is when the
// current state was entered and Due the current step's SLA due time (zero
// when the state has no SLA). Wake is when the instance next needs
// [Workflow.Advance]: its reminder, its breach (escalation or SLA event)
// or its next escalation level (zero when nothing is pending); Alerts
// counts the reminders and escalations of the current step already
// issued. Data and History are shared with earlier versions and must be
// treated as read-only.
//
// Every time an instance stores (Entered, Due, Wake, the pause's, each
// history entry's At) is in UTC, whatever zone the host passed: the workflow
// converts them, and so does decoding. An instance and its JSON snapshot
// are therefore equal, and applying an event to either gives the same
// bytes. Convert with [time.Time.In] to show local times.
//
// The zero Instance belongs to no workflow. Compare instances with
// [Instance.Equal], not ==.
type Instance struct {
	Workflow        string    `json:"workflow"`
	WorkflowVersion int       `json:"workflow_version,omitempty"`
	ID              string    `json:"id"`
	State           State     `json:"state"`
	Version         int       `json:"version"`
	Entered         time.Time `json:"entered"`
	Due             time.Time `json:"due,omitzero"`
	Wake            time.Time `json:"wake,omitzero"`
	Alerts          int       `json:"alerts,omitempty"`
	// Paused is the step suspended while the instance is in a state
	// that pauses SLAs; nil otherwise.
	Paused  *Pause  `json:"paused,omitempty"`
	Data    Data    `json:"data,omitempty"`
	History []Entry `json:"history,omitempty"`

	// tail lets Apply append to History in place when no other instance
	// can see the slot being written; see appendEntry.
	tail *historyTail
	// si caches the state's index in the workflow that produced the
	// instance; stateOf checks it against State before use.
	si int32
}

// historyTail records how much of a backing array has been handed out.
// An instance may append in place only when its History ends exactly at
// claimed and it wins the compare-and-swap that claims the next slot;
// otherwise it copies. So no slot visible through any instance is ever
// written twice, even when two goroutines apply events to the same
// instance.
//
// The tail also holds the chain's spare effects storage: the caller that
// claimed the last slot (the only one that can claim the next) carves the
// effects Apply returns from it, capacity-limited so the caller's appends
// never reach the next call's effects. A chain so allocates one block for
// many calls' effects instead of a slice per call. Likewise the first
// pause the chain starts is written to spare storage in the same block.
type historyTail struct {
	base    *Entry
	claimed atomic.Int64
	effs    []Effect
	// pause is spare storage for the next pause the chain starts (see
	// spare); nil once used.
	pause *Pause
}

// take returns an empty effects slice with capacity n, carved from the
// chain's spare storage, which it refills in chunks sized to the history
// (capacity entries) when short. Only the holder of the chain's last
// claimed slot may call it.
func (t *historyTail) take(n, capacity int) []Effect {
	if len(t.effs) < n {
		t.effs = make([]Effect, max(n, min(max(capacity/4, 4), 64)))
	}
	out := t.effs[:0:n]
	t.effs = t.effs[n:]
	return out
}

// spare returns the chain's spare pause storage, or nil. Only the holder
// of the chain's last claimed slot may call it, and it must call used
// when the pause it got was published.
func (t *historyTail) spare() *Pause { return t.pause }

// used drops the spare pause once p, the instance's pause after a call
// given it, is that pause (the new pause was written to it).
func (t *historyTail) used(p *Pause) {
	if p != nil && p == t.pause {
		t.pause = nil
	}
}

// Pause records a step whose SLA is suspended by a pausing state (see
// [StateDef].PausesSLA): the step's state, its due time when the pause
// began (zero when it had no SLA), when the pause began, and how many of
// its alerts were issued (they are not issued again when it resumes).
type Pause struct {
	State  State     `json:"state"`
	Due    time.Time `json:"due,omitzero"`
	Since  time.Time `json:"since"`
	Alerts int       `json:"alerts,omitempty"`
}

// Equal reports whether p and o are both nil or record the same pause.
func (p *Pause) Equal(o *Pause) bool {
	if p == nil || o == nil {
		return p == o
	}
	return p.State == o.State && p.Due.Equal(o.Due) && p.Since.Equal(o.Since) && p.Alerts == o.Alerts
}

// Equal reports whether i and o are the same instance version: same
// workflow and definition version, ID, state, version, times (as
// instants), alerts, pause, data and history.
func (i Instance) Equal(o Instance) bool {
	return i.Workflow == o.Workflow && i.WorkflowVersion == o.WorkflowVersion && i.ID == o.ID && i.State == o.State &&
		i.Version == o.Version && i.Entered.Equal(o.Entered) && i.Due.Equal(o.Due) && i.Wake.Equal(o.Wake) &&
		i.Alerts == o.Alerts && i.Paused.Equal(o.Paused) && i.Data.Equal(o.Data) &&
		slices.EqualFunc(i.History, o.History, Entry.Equal)
}

// Get returns the named data field.
func (i Instance) Get(field string) (Value, bool) {
	v, ok := i.Data[field]
	return v, ok
}

// ParseInstance decodes a JSON instance snapshot strictly (unknown and
// duplicate keys and values of the wrong shape are errors naming their
// path, such as history[2].at) and converts its times to UTC, as the
// engine stores them, so the snapshot equals the instance that was
// encoded and applying an event to either gives the same bytes. Apply
// checks the result against its workflow.
func ParseInstance(data []byte) (Instance, error) {
	var in Instance
	if err := in.decode(data); err != nil {
		return Instance{}, errorf("parsing instance: %w", err)
	}
	return in, nil
}

type instancePlain Instance

// UnmarshalJSON decodes strictly, as [ParseInstance] does.
func (i *Instance) UnmarshalJSON(b []byte) error {
	var in Instance
	if err := in.decode(b); err != nil {
		return err
	}
	*i = in
	return nil
}

// decode decodes b strictly into i, refusing counts no engine makes, and
// normalizes it.
func (i *Instance) decode(b []byte) error {
	if err := strict.Decode(b, (*instancePlain)(i), strict.Options{}); err != nil {
		return err
	}
	var p partnerops.Problems
	if i.Alerts < 0 {
		p.Add("alerts", "must not be negative", fmt.Sprint(i.Alerts))
	}
	if i.Paused != nil && i.Paused.Alerts < 0 {
		p.Add("paused.alerts", "must not be negative", fmt.Sprint(i.Paused.Alerts))
	}
	if err := p.Err(); err != nil {
		return err
	}
	i.normalize()
	return nil
}

// normalize converts the instance's times to UTC (see [Instance]). The
// instance must own its history (a freshly decoded one does).
func (i *Instance) normalize() {
	i.Entered, i.Due, i.Wake = i.Entered.UTC(), i.Due.UTC(), i.Wake.UTC()
	if p := i.Paused; p != nil {
		p.Due, p.Since = p.Due.UTC(), p.Since.UTC()
	}
	for k := range i.History {
		i.History[k].At = i.History[k].At.UTC()
	}
	i.tail, i.si = nil, 0
}

// claimEntry returns h extended by one zero entry for the caller to
// fill, extending in place only when the slot is provably unseen by any
// other instance (else copying h into a new, larger history). Either way
// the caller holds the returned tail's last claimed slot, and so its
// spare storage.
func claimEntry(h []Entry, tail *historyTail) ([]Entry, *historyTail) {
	n := len(h)
	mine := tail != nil && n > 0 && &h[0] == tail.base
	if mine && n < cap(h) && tail.claimed.CompareAndSwap(int64(n), int64(n+1)) {
		return h[:n+1], tail
	}
	out, t := newHistory(2*(n+1), true)
	out = append(out, h...)
	out = out[:n+1]
	t.claimed.Store(int64(n + 1))
	// A full history at the chain's tip moves to a larger array: claiming
	// the slot past its end (which no append can use) makes this call the
	// chain's last owner, so the spare storage moves along.
	if mine && n == cap(h) && (len(t.effs) == 0 || t.pause == nil) && tail.claimed.CompareAndSwap(int64(n), int64(n+1)) {
		if len(t.effs) == 0 {
			t.effs, tail.effs = tail.effs, nil
		}
		if t.pause == nil {
			t.pause, tail.pause = tail.pause, nil
		}
	}
	return out, t
}

// appendEntry returns h with e appended (see claimEntry).
func appendEntry(h []Entry, tail *historyTail, e *Entry) ([]Entry, *historyTail) {
	out, t := claimEntry(h, tail)
	out[len(out)-1] = *e
	return out, t
}

// newHistory returns an empty history with room for capacity entries
// (at least 1), and its tail, which claims none of it yet. Small
// histories share one allocation with their tail and, when effects is
// set, with a spare pause and room for more than twice as many effects
// as entries (events average two or so; 8 entries, a pause and 17
// effects fill the 3,200-byte size class), so starting an instance, or applying one
// event to a decoded snapshot, costs one allocation for the history, its
// effects and its first pause.
func newHistory(capacity int, effects bool) ([]Entry, *historyTail) {
	var out []Entry
	var t *historyTail
	switch {
	case capacity <= 8 && effects:
		b := new(struct {
			t historyTail
			a [8]Entry
			p Pause
			f [17]Effect
		})
		out, t = b.a[:0:8], &b.t
		t.effs, t.pause = b.f[:], &b.p
	case capacity <= 8:
		b := new(struct {
			t historyTail
			a [8]Entry
		})
		out, t = b.a[:0:8], &b.t
	case capacity <= 16 && effects:
		b := new(struct {
			t historyTail
			a [16]Entry
			p Pause
			f [32]Effect
		})
		out, t = b.a[:0:16], &b.t
		t.effs, t.pause = b.f[:], &b.p
	case capacity <= 16:
		b := new(struct {
			t historyTail
			a [16]Entry
		})
		out, t = b.a[:0:16], &b.t
	case capacity <= 32:
		b := new(struct {
			t historyTail
			a [32]Entry
		})
		out, t = b.a[:0:32], &b.t
	default:
		out, t = make([]Entry, 0, capacity), new(historyTail)
	}
	t.base = &out[:1][0]
	return out, t
}

// Facts is what a guard sees: the instance before the transition, the
// trigger being applied and the time it is applied at.
type Facts struct {
	Instance Instance  `json:"instance"`
	Trigger  Trigger   `json:"trigger"`
	At       time.Time `json:"at"`
}

// Get returns a field from the trigger's data, else from the instance's.
func (f Facts) Get(field string) (Value, bool) {
	return lookup(&f.Instance, &f.Trigger, field)
}

func lookup(in *Instance, tr *Trigger, field string) (Value, bool) {
	if v, ok := tr.Data[field]; ok {
		return v, !v.IsZero()
	}
	v, ok := in.Data[field]
	return v, ok
}

func (g *cguard) eval(in *Instance, tr *Trigger, at time.Time) bool {
	var r bool
	if g.fn != nil {
		r = g.fn(Facts{Instance: *in, Trigger: *tr, At: at})
	} else {
		v, ok := lookup(in, tr, g.field)
		switch g.op {
		case OpExists:
			r = ok
		case OpMissing:
			r = !ok
		case OpEq:
			r = ok && v.Equal(g.value)
		case OpNe:
			r = !ok || !v.Equal(g.value)
		default:
			c, cok := v.compare(g.value)
			if ok && cok {
				switch g.op {
				case OpLt:
					r = c < 0
				case OpLe:
					r = c <= 0
				case OpGt:
					r = c > 0
				case OpGe:
					r = c >= 0
				}
			}
		}
	}
	return r != g.not
}

// allHold returns the index of the first failing guard, or -1.
func allHold(gs []cguard, in *Instance, tr *Trigger, at time.Time) int {
	for i := range gs {
		if !gs[i].eval(in, tr, at) {
			return i
		}
	}
	return -1
}
