package process

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// EffectKind says what the host should do for an [Effect].
type EffectKind uint8

// Effect kinds. Append only; the numbering is stable.
const (
	// EffectNotify: tell Role (the new state's owner) that the instance
	// entered State.
	EffectNotify EffectKind = iota + 1
	// EffectStartTimer: the instance's wake-up ([Instance].Wake) is now
	// At: set the instance's one timer to At, replacing the one it had,
	// and when it fires call [Workflow.Advance]. Event, when set, is the
	// SLA event Advance will fire then (after any escalation due at the
	// same instant).
	EffectStartTimer
	// EffectCancelTimer: the instance has no wake-up any more (its timer
	// was due At): cancel its timer.
	EffectCancelTimer
	// EffectRequestApproval: ask Role for an approval in State.
	EffectRequestApproval
	// EffectEscalate: State's SLA was breached (or an escalation level
	// came due) at At; tell Role. Issued once, by [Workflow.Advance].
	EffectEscalate
	// EffectCompleted: the instance reached terminal State.
	EffectCompleted
	// EffectRemind: State's SLA is due at At; remind Role (the owner).
	// Issued once, by [Workflow.Advance].
	EffectRemind
)

var effectKindNames = [...]string{"", "notify", "start_timer", "cancel_timer", "request_approval", "escalate", "completed", "remind"}

// String returns the kind's snake_case name.
func (k EffectKind) String() string {
	if int(k) < len(effectKindNames) && k > 0 {
		return effectKindNames[k]
	}
	return fmt.Sprintf("effect(%d)", uint8(k))
}

// MarshalText encodes the kind by name.
func (k EffectKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a kind name such as "start_timer"; unknown names
// are an error wrapping [partnerops.ErrSyntax].
func (k *EffectKind) UnmarshalText(b []byte) error {
	for i := 1; i < len(effectKindNames); i++ {
		if string(b) == effectKindNames[i] {
			*k = EffectKind(i)
			return nil
		}
	}
	return errorf("unknown effect kind %q: %w", b, partnerops.ErrSyntax)
}

// Effect is something the host should carry out after storing the new
// instance: notify a role, start or cancel the instance's timer, request
// an approval, remind, escalate. Effects are data; the package performs
// none of them.
//
// Every effect that Start, Apply, Advance or Migrate returns carries its
// identity: the instance's ID, the instance version whose entry produced
// it and its position among that version's effects. [Effect.Key] joins
// them into an idempotency key ("DR-7/12/0") that is stable (replaying
// the history gives the same keys, see [Workflow.Effects]) and unique
// along one instance's history: each version is produced once, so no key
// repeats across calls. A host that commits one version per instance
// (with [Trigger.ExpectVersion]) never sees a key reused for another
// effect. The previews of [Workflow.Reminders] and [Workflow.Escalations]
// are not issued and have no identity (Version 0, an empty Key).
type Effect struct {
	// Instance, Version and Index identify the effect (see Key).
	Instance string `json:"instance,omitempty"`
	Version  int    `json:"version,omitempty"`
	Index    int    `json:"index,omitempty"`

	Kind  EffectKind `json:"kind"`
	State State      `json:"state"`
	Role  Role       `json:"role,omitempty"`
	// Event is the SLA event Advance fires when a timer comes due, if
	// any.
	Event Event `json:"event,omitempty"`
	// At is a timer's time, a reminder's due time, or the time a breach
	// or escalation level came due.
	At time.Time `json:"at,omitzero"`
}

// Key returns the effect's idempotency key, "<instance>/<version>/<index>"
// (the instance ID may itself contain slashes: the last two fields are
// the numbers), or "" for an effect without identity (Version 0).
func (e Effect) Key() string {
	if e.Version == 0 {
		return ""
	}
	b := make([]byte, 0, len(e.Instance)+24)
	b = append(b, e.Instance...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(e.Version), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(e.Index), 10)
	return string(b)
}

// effectFields has Effect's fields and no methods.
type effectFields Effect

type effectJSON struct {
	Key string `json:"key,omitempty"`
	*effectFields
}

// MarshalJSON encodes the effect with its key first:
// {"key":"DR-7/12/0","instance":"DR-7","version":12,"kind":"notify",...}.
func (e Effect) MarshalJSON() ([]byte, error) {
	return json.Marshal(effectJSON{Key: e.Key(), effectFields: (*effectFields)(&e)})
}

// UnmarshalJSON decodes strictly what MarshalJSON encodes; a key that
// does not match the instance, version and index is an error.
func (e *Effect) UnmarshalJSON(b []byte) error {
	var out Effect
	j := effectJSON{effectFields: (*effectFields)(&out)}
	if err := strict.Decode(b, &j, strict.Options{}); err != nil {
		return err
	}
	if j.Key != out.Key() {
		return &partnerops.ValidationError{Path: "key", Rule: "must be instance/version/index (" + strconv.Quote(out.Key()) + ")", Value: j.Key, Err: partnerops.ErrInvalid}
	}
	*e = out
	return nil
}

// String renders the effect on one line, its key first when it has one.
func (e Effect) String() string {
	s := e.Kind.String() + " " + string(e.State)
	if k := e.Key(); k != "" {
		s = k + " " + s
	}
	if e.Role != "" {
		s += " role=" + string(e.Role)
	}
	if e.Event != "" {
		s += " event=" + string(e.Event)
	}
	if !e.At.IsZero() {
		s += " at=" + e.At.Format(time.RFC3339)
	}
	return s
}

// addEffect appends an effect of instance id to effs, writing its
// fields one by one: the slot is usually in the heap, and single stores
// are cheaper than copying a whole Effect while the collector's write
// barrier is on. Every field is written (the slot may hold an old
// effect of the caller's buffer); stamp sets Version and Index.
func addEffect(effs []Effect, id string, kind EffectKind, state State, role Role, ev Event, at time.Time) []Effect {
	n := len(effs)
	if n < cap(effs) {
		effs = effs[:n+1]
	} else {
		effs = append(effs, Effect{})
	}
	e := &effs[n]
	e.Instance, e.Version, e.Index = id, 0, 0
	e.Kind, e.State, e.Role, e.Event, e.At = kind, state, role, ev, at
	return effs
}

// stamp gives effs, built with their Instance set already, the rest of
// the identity of version v: so it writes no pointer (no write barrier
// while the collector runs).
func stamp(effs []Effect, v int) {
	for i := range effs {
		effs[i].Version, effs[i].Index = v, i
	}
}

// Definition returns a copy of the compiled definition.
func (w *Workflow) Definition() Definition { return w.def.Clone() }

// ID returns the workflow's ID.
func (w *Workflow) ID() string { return w.def.ID }

// Calendar returns the bound business calendar, or nil.
func (w *Workflow) Calendar() *BusinessCalendar { return w.cal }

// Allowed returns the events state accepts, sorted, ignoring guards. The
// slice is shared and must not be modified. Unknown and terminal states
// accept nothing. It does not allocate.
func (w *Workflow) Allowed(state State) []Event {
	si, ok := w.lookupState(state)
	if !ok {
		return nil
	}
	return w.states[si].allowed
}

// IsTerminal reports whether state is a declared terminal state.
func (w *Workflow) IsTerminal(state State) bool {
	si, ok := w.lookupState(state)
	return ok && w.states[si].def.Terminal
}

// Owner returns the owner role of state.
func (w *Workflow) Owner(state State) Role {
	if si, ok := w.lookupState(state); ok {
		return w.states[si].def.Owner
	}
	return ""
}

// Can reports whether Apply would accept tr for in at at, evaluating
// guards and approvals: Check returns nil.
func (w *Workflow) Can(in Instance, tr Trigger, at time.Time) bool {
	_, err := w.decide(&in, &tr, at)
	return err == nil
}

// Check returns the error [Workflow.Apply] would return for tr on in at
// at, without building anything: nil when the event would be accepted,
// else a [*TransitionError] saying why it is refused (the state and the
// events it allows; each refusing guard with the data field and operator
// it tested, its operand and the value it saw; the approvers pending),
// or an error wrapping [ErrWrongWorkflow], [ErrWorkflowVersion] or
// [ErrVersionConflict]. A host validates a command with it before it
// commits anything (a Temporal Update's validator, an HTTP 409 or 422).
func (w *Workflow) Check(in Instance, tr Trigger, at time.Time) error {
	_, err := w.decide(&in, &tr, at)
	return err
}

// Start creates a new instance in the initial state at at, with data as
// its initial fields. Its history holds one [EventStart] entry recording
// the definition's version, so its version is 1. The effects announce the
// initial state (notify the owner, start the instance's timer, request
// approvals), with the identity of version 1.
func (w *Workflow) Start(id string, tr Trigger, at time.Time) (in Instance, effects []Effect, err error) {
	if err := w.start(&in, id, &tr, at, w.def.Version, 8, true); err != nil {
		return Instance{}, nil, err
	}
	effects = w.enterEffects(in.tail.take(w.enterCount(in.si, &in), cap(in.History)), in.si, &in, at, true)
	stamp(effects, 1)
	return in, effects, nil
}

// start builds in *in a new instance whose start entry records
// definition version dv, its history with room for capacity entries (and spare
// storage for effects when effects is set).
func (w *Workflow) start(in *Instance, id string, tr *Trigger, at time.Time, dv, capacity int, effects bool) error {
	if tr.Event != "" && tr.Event != EventStart {
		return errorf("starting %q: event must be empty or %q, got %q: %w", id, EventStart, tr.Event, ErrInvalidTransition)
	}
	si, ok := w.lookupState(w.def.Initial)
	if !ok {
		return errorf("starting %q: workflow not compiled (use process.Compile): %w", id, ErrWrongWorkflow)
	}
	at = at.UTC()
	var data Data
	zeros := false
	if len(tr.Data) > 0 {
		data, zeros = cloneData(tr.Data)
	}
	*in = Instance{Workflow: w.def.ID, WorkflowVersion: w.def.Version, ID: id, State: w.def.Initial, si: si}
	in.History, in.tail = newHistory(capacity, effects)
	in.History = append(in.History, Entry{Version: 1, Event: EventStart, To: w.def.Initial, Actor: tr.Actor, Role: tr.Role, Reason: tr.Reason, At: at, Data: data, WorkflowVersion: dv})
	in.tail.claimed.Store(1)
	in.Data = data
	if zeros {
		in.Data = maps.Clone(data)
		maps.DeleteFunc(in.Data, func(_ string, v Value) bool { return v.IsZero() })
	}
	in.Version = 1
	in.Entered = at
	in.Due = w.dueFor(si, at, time.Time{})
	in.Wake = w.wake(si, in.Due, 0)
	return nil
}

// cloneData returns a copy of d, made entry by entry (see advance), and
// whether it holds a zero Value (a field to remove).
func cloneData(d Data) (Data, bool) {
	out := make(Data, len(d))
	zeros := false
	for k, v := range d {
		out[k] = v
		zeros = zeros || v.IsZero()
	}
	return out, zeros
}

// stateOf returns the index of in's state, from the cached index when it
// names that state in w (whichever workflow made in: a state's name is
// unique).
func (w *Workflow) stateOf(in *Instance) (int32, bool) {
	if int(in.si) < len(w.states) && w.states[in.si].def.Name == in.State {
		return in.si, true
	}
	return w.lookupState(in.State)
}

func (w *Workflow) lookupState(s State) (int32, bool) { return w.stateIx.lookup(string(s)) }

func (w *Workflow) lookupEvent(e Event) (int32, bool) { return w.eventIx.lookup(string(e)) }

// belongs checks that in was made by this workflow and version, and
// returns its state's index.
func (w *Workflow) belongs(in *Instance) (int32, error) {
	if in.Workflow != w.def.ID {
		return 0, errorf("instance %q has workflow %q, want %q: %w", in.ID, in.Workflow, w.def.ID, ErrWrongWorkflow)
	}
	if in.WorkflowVersion != w.def.Version {
		return 0, errorf("instance %q runs under version %d of workflow %q, this is version %d (move it with Workflow.Migrate): %w",
			in.ID, in.WorkflowVersion, w.def.ID, w.def.Version, ErrWorkflowVersion)
	}
	si, ok := w.stateOf(in)
	if !ok {
		return 0, errorf("instance %q is in unknown state %q: %w", in.ID, in.State, ErrWrongWorkflow)
	}
	return si, nil
}

// decision is the outcome of evaluating a trigger.
type decision struct {
	from, to int32
	approval bool // an approval recorded without leaving the state
	// pending are the approval steps still required after this approval
	// (bits of capproval.steps), when approval is set.
	pending uint64
}

// decide finds what tr does to in, without building anything.
func (w *Workflow) decide(in *Instance, tr *Trigger, at time.Time) (decision, error) {
	si, err := w.belongs(in)
	if err != nil {
		return decision{}, err
	}
	if tr.ExpectVersion > 0 && tr.ExpectVersion != in.Version {
		return decision{}, errorf("instance %q is at version %d, want %d: %w", in.ID, in.Version, tr.ExpectVersion, ErrVersionConflict)
	}
	return w.decideIn(si, in, tr, at)
}

// decideIn is decide for an instance known to be in state si of this
// workflow and version.
func (w *Workflow) decideIn(si int32, in *Instance, tr *Trigger, at time.Time) (decision, error) {
	st := &w.states[si]
	ei, ok := w.lookupEvent(tr.Event)
	var cell span
	if ok {
		cell = w.table[int(si)*len(w.events)+int(ei)]
	}
	if cell.n == 0 {
		return decision{}, w.refuse(in, tr, st, ErrInvalidTransition)
	}
	if ap := st.approval; ap != nil && ap.event == ei {
		rest, done, err := w.approve(in, tr, st, ap, at)
		if err != nil {
			return decision{}, err
		}
		if !done {
			return decision{from: si, to: si, approval: true, pending: rest}, nil
		}
	}
	for i := cell.off; i < cell.off+cell.n; i++ {
		t := &w.trans[i]
		if allHold(t.guards, in, tr, at) >= 0 {
			continue
		}
		to := t.to
		if to == noPrevious {
			p, ok := w.previous(in)
			if !ok {
				return decision{}, w.refuse(in, tr, st, ErrNoPrevious)
			}
			to = p
		}
		return decision{from: si, to: to}, nil
	}
	te := w.refuse(in, tr, st, ErrGuardRejected)
	for i := cell.off; i < cell.off+cell.n; i++ {
		t := &w.trans[i]
		if g := allHold(t.guards, in, tr, at); g >= 0 {
			cg := &t.guards[g]
			te.Guards = append(te.Guards, cg.label)
			f := GuardFailure{Guard: cg.label, Field: cg.field, Op: cg.op, Not: cg.not, Want: cg.value}
			if t.to >= 0 {
				f.To = w.states[t.to].def.Name
			}
			if cg.fn == nil {
				f.Seen, _ = lookup(in, tr, cg.field)
			}
			te.Failed = append(te.Failed, f)
		}
	}
	return decision{}, te
}

func (w *Workflow) refuse(in *Instance, tr *Trigger, st *cstate, err error) *TransitionError {
	return &TransitionError{
		Workflow: w.def.ID, State: in.State, Event: tr.Event,
		Allowed: append([]Event(nil), st.allowed...), Role: tr.Role, Err: err,
	}
}

// previous returns the state the instance entered its current state from,
// skipping entries that stayed in the state.
func (w *Workflow) previous(in *Instance) (int32, bool) {
	for i := len(in.History) - 1; i >= 0; i-- {
		e := &in.History[i]
		if e.From == e.To {
			continue
		}
		if e.From == "" {
			return 0, false
		}
		si, ok := w.lookupState(e.From)
		return si, ok
	}
	return 0, false
}

// pendingMask returns the approval steps of ap that are required (their
// When guards hold for tr on in) and not yet approved in the current
// visit of the state, as bits. Approvals of the visit are the entries
// that stayed in the state with the approval event.
func (w *Workflow) pendingMask(in *Instance, tr *Trigger, ap *capproval, at time.Time) uint64 {
	var req uint64
	for i := range ap.steps {
		if allHold(ap.steps[i].when, in, tr, at) < 0 {
			req |= 1 << i
		}
	}
	if req == 0 {
		return 0
	}
	ev := w.events[ap.event]
	for i := len(in.History) - 1; i >= 0 && req != 0; i-- {
		e := &in.History[i]
		if e.From != e.To {
			break
		}
		if e.Event == ev {
			if j := ap.stepOf(e.Role); j >= 0 {
				req &^= 1 << j
			}
		}
	}
	return req
}

// stepOf returns the index of r's approval step, or -1.
func (ap *capproval) stepOf(r Role) int {
	for j := range ap.steps {
		if ap.steps[j].role == r {
			return j
		}
	}
	return -1
}

// roles lists the roles of the steps in mask, in declaration order.
func (ap *capproval) roles(mask uint64) []Role {
	var out []Role
	for j := range ap.steps {
		if mask&(1<<j) != 0 {
			out = append(out, ap.steps[j].role)
		}
	}
	return out
}

// pending returns the required approver roles not yet approved, in
// declaration order.
func (w *Workflow) pending(in *Instance, tr *Trigger, ap *capproval, at time.Time) []Role {
	return ap.roles(w.pendingMask(in, tr, ap, at))
}

// approve checks tr as one approval and returns the steps still pending
// after it and whether it completes the chain.
func (w *Workflow) approve(in *Instance, tr *Trigger, st *cstate, ap *capproval, at time.Time) (uint64, bool, error) {
	pend := w.pendingMask(in, tr, ap, at)
	if pend == 0 {
		return 0, true, nil
	}
	j := ap.stepOf(tr.Role)
	ok := j >= 0 && pend&(1<<j) != 0
	if ok && ap.mode != ApprovalParallel {
		ok = pend&(1<<j-1) == 0 // the first pending step
	}
	if !ok {
		te := w.refuse(in, tr, st, ErrNotApprover)
		te.Pending = ap.roles(pend)
		return 0, false, te
	}
	rest := pend &^ (1 << j)
	return rest, rest == 0, nil
}

// Apply applies tr to in at time at and returns the new instance and the
// effects to carry out, each with its identity (see [Effect]). It is
// pure: in is not changed, and the same arguments always give the same
// result. A refused event returns a [*TransitionError] wrapping
// [ErrInvalidTransition] (naming the state, the event and the allowed
// events), [ErrGuardRejected] (naming the failed guards, the fields they
// tested and the values seen), [ErrNotApprover] (naming the approvers
// pending) or [ErrNoPrevious]; a stale ExpectVersion returns
// [ErrVersionConflict], an instance of another workflow
// [ErrWrongWorkflow] and one of another version of this workflow
// [ErrWorkflowVersion]. [Workflow.Check] returns the same error without
// applying anything.
//
// On error Apply returns in unchanged and no effects.
//
// Taking a transition records a history entry, sets tr.Data's fields,
// bumps the version and, when the state changes, restarts the step:
// Entered becomes at and Due and Wake are recomputed. A transition that
// stays in the state (an approval, an update) keeps the running step.
func (w *Workflow) Apply(in Instance, tr Trigger, at time.Time) (out Instance, effects []Effect, err error) {
	effects, err = w.apply(&out, nil, &in, &tr, at)
	return out, effects, err
}

// AppendApply is like [Workflow.Apply] but appends the effects to dst and
// returns the extended slice, so a host that reuses one buffer applies
// events without allocating for effects:
//
//	effects = effects[:0]
//	inst, effects, err = w.AppendApply(effects, inst, trigger, now)
func (w *Workflow) AppendApply(dst []Effect, in Instance, tr Trigger, at time.Time) (out Instance, effects []Effect, err error) {
	effects, err = w.apply(&out, dst, &in, &tr, at)
	return out, effects, err
}

// apply is Apply and AppendApply, writing the new instance to *out (the
// caller's result, so it is built in place, not copied there).
func (w *Workflow) apply(out *Instance, dst []Effect, in *Instance, tr *Trigger, at time.Time) ([]Effect, error) {
	*out = *in
	d, err := w.decide(in, tr, at)
	if err != nil {
		return dst, err
	}
	at = at.UTC()
	w.commit(out, in, tr, at, d)
	base := len(dst)
	n := w.effectCount(in, out, d)
	if dst == nil && n > 0 {
		// This call holds the chain's newest slot: take the effects from
		// the chain's storage.
		dst = out.tail.take(n, cap(out.History))
	}
	dst = w.effects(dst, in, out, tr, d, at, n)
	stamp(dst[base:], out.Version)
	return dst, nil
}

// commit moves *out, a copy of in, through decision d and appends its
// history entry.
func (w *Workflow) commit(out, in *Instance, tr *Trigger, at time.Time, d decision) {
	// Claim the entry's slot first: the call then holds the chain's tip,
	// writes the entry in place and may use the chain's spare pause.
	out.History, out.tail = claimEntry(in.History, in.tail)
	w.advance(out, tr, at, d, out.tail.spare(), &out.History[len(out.History)-1])
	out.tail.used(out.Paused)
}

// advance moves in (all but its history) through decision d and writes
// the history entry recording it to *e; at is in UTC. When the state
// changes, a new pause is written to scratch when it is not nil.
func (w *Workflow) advance(in *Instance, tr *Trigger, at time.Time, d decision, scratch *Pause, e *Entry) {
	from := in.State
	var data Data
	if len(tr.Data) > 0 {
		// Entry by entry, not maps.Clone: cloning copies a map's whole
		// group of 8 slots, behind the collector's bulk write barrier
		// while it marks, where these maps hold a field or two.
		data = make(Data, len(tr.Data))
		merged := maps.Clone(in.Data)
		if merged == nil {
			merged = make(Data, len(tr.Data))
		}
		for k, v := range tr.Data {
			data[k] = v
			if v.IsZero() {
				delete(merged, k)
			} else {
				merged[k] = v
			}
		}
		in.Data = merged
	}
	// A transition that stays in the state (an approval, an update) keeps
	// the running step and its SLA; any other starts a step.
	if d.from != d.to {
		c := clock{entered: in.Entered, due: in.Due, alerts: in.Alerts, paused: in.Paused}
		w.enter(&c, d.from, d.to, at, scratch)
		in.Entered, in.Due, in.Alerts, in.Paused = c.entered, c.due, c.alerts, c.paused
		in.Wake = w.wake(d.to, c.due, c.alerts)
	}
	in.State = w.states[d.to].def.Name
	in.si = d.to
	in.Version++
	// Field by field: *e is usually in the heap, and single stores are
	// cheaper than copying a whole Entry while the collector's write
	// barrier is on. e may hold an old entry: every field is written.
	e.Version, e.Event, e.From, e.To = in.Version, tr.Event, from, in.State
	e.Actor, e.Role, e.Reason, e.At, e.Data = tr.Actor, tr.Role, tr.Reason, at, data
	e.WorkflowVersion = 0
}

func (w *Workflow) effects(effs []Effect, in, out *Instance, tr *Trigger, d decision, at time.Time, n int) []Effect {
	st := &w.states[d.to]
	if d.approval {
		// Ask the next approver(s): those still pending after this one.
		for j := range st.approval.steps {
			if d.pending&(1<<j) == 0 {
				continue
			}
			effs = addEffect(effs, out.ID, EffectRequestApproval, st.def.Name, st.approval.steps[j].role, "", time.Time{})
			if st.approval.mode == ApprovalSequential {
				break
			}
		}
		return effs
	}
	if d.from == d.to {
		return effs
	}
	moved := !in.Wake.Equal(out.Wake)
	effs = slices.Grow(effs, n)
	if moved && out.Wake.IsZero() {
		effs = addEffect(effs, out.ID, EffectCancelTimer, in.State, "", "", in.Wake)
	}
	return w.enterEffects(effs, d.to, out, at, moved)
}

// effectCount bounds the number of effects of decision d taking in to
// out.
func (w *Workflow) effectCount(in, out *Instance, d decision) int {
	st := &w.states[d.to]
	switch {
	case d.approval && st.approval.mode == ApprovalSequential:
		return 1
	case d.approval:
		return len(st.approval.steps)
	case d.from == d.to:
		return 0
	}
	n := w.enterCount(d.to, out)
	if !in.Wake.IsZero() && out.Wake.IsZero() {
		n++ // cancel the timer
	}
	return n
}

// enterCount bounds the number of effects of entering state si (in is
// the instance after it).
func (w *Workflow) enterCount(si int32, in *Instance) int {
	st := &w.states[si]
	n := 1 // notify or completed
	if !in.Wake.IsZero() {
		n++
	}
	if ap := st.approval; ap != nil {
		if ap.mode == ApprovalParallel {
			n += len(ap.steps)
		} else {
			n++
		}
	}
	return n
}

// enterEffects appends the effects of entering state si: notify the owner
// (or report completion), start the timer when startTimer is set and the
// instance has a wake-up, request approvals.
func (w *Workflow) enterEffects(out []Effect, si int32, in *Instance, at time.Time, startTimer bool) []Effect {
	st := &w.states[si]
	name := st.def.Name
	if st.def.Terminal {
		return addEffect(out, in.ID, EffectCompleted, name, "", "", time.Time{})
	}
	out = addEffect(out, in.ID, EffectNotify, name, st.def.Owner, "", time.Time{})
	if !in.Wake.IsZero() && startTimer {
		var ev Event
		if st.fire >= 0 && in.Wake.Equal(in.Due) {
			ev = w.events[st.fire]
		}
		out = addEffect(out, in.ID, EffectStartTimer, name, "", ev, in.Wake)
	}
	if ap := st.approval; ap != nil {
		var none Trigger
		pend := w.pendingMask(in, &none, ap, at)
		for j := range ap.steps {
			if pend&(1<<j) == 0 {
				continue
			}
			out = addEffect(out, in.ID, EffectRequestApproval, name, ap.steps[j].role, "", time.Time{})
			if ap.mode == ApprovalSequential {
				break
			}
		}
	}
	return out
}

// timer returns the start_timer effect of in's wake-up in state si.
func (w *Workflow) timer(si int32, in *Instance) Effect {
	e := Effect{Instance: in.ID, Kind: EffectStartTimer, State: in.State, At: in.Wake}
	if st := &w.states[si]; st.fire >= 0 && in.Wake.Equal(in.Due) {
		e.Event = w.events[st.fire]
	}
	return e
}

// timerChange appends the effect of in's wake-up moving from old to its
// Wake: start the timer at the new time (replacing the old one), or
// cancel it when the instance has no wake-up any more.
func (w *Workflow) timerChange(effs []Effect, si int32, in *Instance, oldState State, old time.Time) []Effect {
	switch {
	case old.Equal(in.Wake):
		return effs
	case in.Wake.IsZero():
		return append(effs, Effect{Instance: in.ID, Kind: EffectCancelTimer, State: oldState, At: old})
	}
	return append(effs, w.timer(si, in))
}

// Replay rebuilds an instance from its history: the first entry must be
// the [EventStart] entry, and each later entry is applied at its recorded
// time (SLA alerts and migrations recorded as they were). The result is
// Equal to the instance that recorded the history. The history must be of
// this version of the workflow: its last start or migration entry must
// name the definition's version, else the error wraps
// [ErrWorkflowVersion] (move an older instance on with
// [Workflow.Migrate]). An entry refused by the workflow, recorded from or
// leading to another state than the replay reaches, or out of version
// sequence (a version of 0 is not checked) returns an error wrapping
// [ErrReplay] (and the refusal).
func (w *Workflow) Replay(id string, history []Entry) (Instance, error) {
	return w.replay(id, history, false)
}

// historyVersion returns the definition version a history runs under:
// that of its last start or migration entry.
func historyVersion(h []Entry) int {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Event == EventMigrate || h[i].Event == EventStart {
			return h[i].WorkflowVersion
		}
	}
	return 0
}

// replay rebuilds an instance from history; any version when migrating.
func (w *Workflow) replay(id string, history []Entry, migrating bool) (Instance, error) {
	if len(history) == 0 || history[0].Event != EventStart {
		return Instance{}, errorf("replaying %q: history must begin with a %q entry: %w", id, EventStart, ErrReplay)
	}
	if v := historyVersion(history); !migrating && v != w.def.Version {
		return Instance{}, errorf("replaying %q: history runs under version %d of workflow %q, this is version %d (move it with Workflow.Migrate): %w",
			id, v, w.def.ID, w.def.Version, ErrWorkflowVersion)
	}
	h0 := &history[0]
	if h0.To != w.def.Initial {
		return Instance{}, errorf("replaying %q: started in %q, workflow starts in %q: %w", id, h0.To, w.def.Initial, ErrReplay)
	}
	tr0 := h0.trigger()
	// Size the history once.
	var in Instance
	if err := w.start(&in, id, &tr0, h0.At, h0.WorkflowVersion, len(history), false); err != nil {
		return Instance{}, errorf("replaying %q: %w", id, err)
	}
	// One pause at a time is live during a replay, so one scratch pause
	// serves them all; the result gets its own copy.
	scratch := new(Pause)
	for i := 1; i < len(history); i++ {
		if err := w.replayEntry(&in, &history[i], i, scratch); err != nil {
			return Instance{}, errorf("replaying %q, history entry %d: %w", id, i+1, err)
		}
	}
	if in.Paused == scratch {
		p := *scratch
		in.Paused = &p
	}
	// The replay owns its presized history: it appended in place and
	// publishes the claimed length once here.
	in.tail.claimed.Store(int64(len(in.History)))
	return in, nil
}

// replayEntry applies history entry e (0-based position i) to in,
// appending to in's presized history in place.
func (w *Workflow) replayEntry(in *Instance, e *Entry, i int, scratch *Pause) error {
	if e.Version != 0 && e.Version != i+1 {
		return fmt.Errorf("version %d, want %d (a gap or reordering): %w", e.Version, i+1, ErrReplay)
	}
	if e.From != "" && e.From != in.State {
		return fmt.Errorf("recorded from %q, instance is in %q: %w", e.From, in.State, ErrReplay)
	}
	tr := e.trigger()
	switch e.Event {
	case EventReminder, EventEscalation, EventMigrate:
		if e.To != in.State {
			return fmt.Errorf("a %q entry stays in its state; recorded to %q, instance is in %q: %w", e.Event, e.To, in.State, ErrReplay)
		}
		if e.Event != EventMigrate && len(e.Data) > 0 {
			return fmt.Errorf("a %q entry sets no data: %w", e.Event, ErrReplay)
		}
		si := in.si
		entry := in.slot()
		w.advance(in, &tr, e.At.UTC(), decision{from: si, to: si}, scratch, entry)
		if e.Event == EventMigrate {
			entry.WorkflowVersion = e.WorkflowVersion
		} else {
			in.Alerts = w.alertAfter(si, in.Alerts, e.Event == EventEscalation)
			in.Wake = w.wake(si, in.Due, in.Alerts)
		}
		return nil
	}
	d, err := w.decideIn(in.si, in, &tr, e.At)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrReplay, err)
	}
	if w.states[d.to].def.Name != e.To {
		return fmt.Errorf("reached %q, history says %q: %w", w.states[d.to].def.Name, e.To, ErrReplay)
	}
	w.advance(in, &tr, e.At.UTC(), d, scratch, in.slot())
	return nil
}

// slot extends a replay's presized history by one entry, in place, and
// returns it for writing.
func (i *Instance) slot() *Entry {
	n := len(i.History)
	i.History = i.History[:n+1]
	return &i.History[n]
}

// Effects returns the effects that produced the given version of in (1
// for the start), with the same identities (keys) they had when Start,
// Apply, Advance or Migrate returned them, by replaying in's history up
// to that version. A host that stored a version but may not have carried
// out its effects (it crashed in between) asks for them again and lets
// the keys drop the repeats. Errors are those of
// [Workflow.Replay], and a version outside the history wraps [ErrReplay].
func (w *Workflow) Effects(in Instance, version int) ([]Effect, error) {
	h := in.History
	if version < 1 || version > len(h) {
		return nil, errorf("effects of %q: version %d is not in its history of %d entries: %w", in.ID, version, len(h), ErrReplay)
	}
	if v := historyVersion(h); v != w.def.Version {
		return nil, errorf("effects of %q: history runs under version %d of workflow %q, this is version %d: %w",
			in.ID, v, w.def.ID, w.def.Version, ErrWorkflowVersion)
	}
	if version == 1 {
		r, err := w.replay(in.ID, h[:1], true)
		if err != nil {
			return nil, err
		}
		effs := w.enterEffects(nil, r.si, &r, r.Entered, true)
		stamp(effs, 1)
		return effs, nil
	}
	prev, err := w.replay(in.ID, h[:version-1], true)
	if err != nil {
		return nil, err
	}
	prev.WorkflowVersion = w.def.Version
	e := &h[version-1]
	var effs []Effect
	switch e.Event {
	case EventReminder, EventEscalation:
		si := prev.si
		idx := prev.Alerts
		if e.Event == EventEscalation {
			idx = w.alertAfter(si, idx, true) - 1
		}
		alerts := w.states[si].alerts
		if idx < 0 || idx >= len(alerts) || (alerts[idx].kind == EffectRemind) != (e.Event == EventReminder) {
			return nil, errorf("effects of %q, history entry %d: no such alert in state %q: %w", in.ID, version, prev.State, ErrReplay)
		}
		_, effs = w.issueAlert(nil, &prev, si, idx)
	case EventMigrate:
		if e.WorkflowVersion != w.def.Version {
			return nil, errorf("effects of %q, history entry %d: a migration to version %d: %w", in.ID, version, e.WorkflowVersion, ErrWorkflowVersion)
		}
		_, effs = w.migrateStep(&prev, e.trigger(), e.At)
	default:
		out, got, err := w.AppendApply(nil, prev, e.trigger(), e.At)
		if err != nil {
			return nil, errorf("effects of %q, history entry %d: %w: %w", in.ID, version, ErrReplay, err)
		}
		if out.State != e.To {
			return nil, errorf("effects of %q, history entry %d: reached %q, history says %q: %w", in.ID, version, out.State, e.To, ErrReplay)
		}
		effs = got
	}
	return effs, nil
}

// Migrate moves in, an instance of another version of this workflow's
// definition (same ID, another [Definition].Version), onto this version:
// it rebuilds the instance by replaying its history under this
// definition (due times, pauses and wake-ups as if it had always run
// under it) and records a migration entry ([EventMigrate], staying in the
// state, with tr's actor, reason and data, and the new version), so later
// replays of the history under this version need nothing more. It
// returns the migrated instance and one timer effect, since the wake-up
// may move: a start_timer at the new Wake (replacing the instance's
// timer) or, when it has none, a cancel_timer without a time. Applying or replaying an instance of another version is an error
// ([ErrWorkflowVersion]) until it is migrated; an instance already of
// this version is returned unchanged. An entry the new definition refuses
// (a state it no longer has, a guard that no longer holds) makes
// migration fail with [ErrReplay]: keep the old version compiled for such
// instances.
func (w *Workflow) Migrate(in Instance, tr Trigger, at time.Time) (Instance, []Effect, error) {
	if in.Workflow != w.def.ID {
		return in, nil, errorf("migrating %q: instance has workflow %q, want %q: %w", in.ID, in.Workflow, w.def.ID, ErrWrongWorkflow)
	}
	if tr.Event != "" && tr.Event != EventMigrate {
		return in, nil, errorf("migrating %q: event must be empty or %q, got %q: %w", in.ID, EventMigrate, tr.Event, ErrInvalidTransition)
	}
	if tr.ExpectVersion > 0 && tr.ExpectVersion != in.Version {
		return in, nil, errorf("instance %q is at version %d, want %d: %w", in.ID, in.Version, tr.ExpectVersion, ErrVersionConflict)
	}
	if in.WorkflowVersion == w.def.Version {
		return in, nil, nil
	}
	r, err := w.replay(in.ID, in.History, true)
	if err != nil {
		return in, nil, errorf("migrating %q from version %d to %d: %w", in.ID, in.WorkflowVersion, w.def.Version, err)
	}
	out, effs := w.migrateStep(&r, tr, at)
	return out, effs, nil
}

// migrateStep records the migration entry on r (rebuilt under this
// definition) and returns the result and its one timer effect: start the
// instance's timer at its Wake (replacing the one it had), or cancel it
// when it has none.
func (w *Workflow) migrateStep(r *Instance, tr Trigger, at time.Time) (Instance, []Effect) {
	tr.Event = EventMigrate
	at = at.UTC()
	si := r.si
	out := *r
	var e Entry
	w.advance(&out, &tr, at, decision{from: si, to: si}, nil, &e)
	e.WorkflowVersion = w.def.Version
	out.WorkflowVersion = w.def.Version
	out.History, out.tail = appendEntry(r.History, r.tail, &e)
	var effs []Effect
	if out.Wake.IsZero() {
		effs = []Effect{{Instance: out.ID, Kind: EffectCancelTimer, State: out.State}}
	} else {
		effs = []Effect{w.timer(si, &out)}
	}
	stamp(effs, out.Version)
	return out, effs
}
