package process

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
)

// EffectKind says what the host should do for an [Effect].
type EffectKind uint8

// Effect kinds. Append only; the numbering is stable.
const (
	// EffectNotify: tell Role (the new state's owner) that the instance
	// entered State.
	EffectNotify EffectKind = iota + 1
	// EffectStartTimer: schedule a wake-up at At for State's SLA; at that
	// time call [Workflow.Advance] (or apply Event, when set).
	EffectStartTimer
	// EffectCancelTimer: the SLA timer of State (due At) is no longer
	// needed.
	EffectCancelTimer
	// EffectRequestApproval: ask Role for an approval in State.
	EffectRequestApproval
	// EffectEscalate: State's SLA was breached at At; tell Role.
	EffectEscalate
	// EffectCompleted: the instance reached terminal State.
	EffectCompleted
	// EffectRemind: State's SLA is due at At; remind Role (the owner).
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
// instance: notify a role, start or cancel a timer, escalate. Effects are
// data; the package performs none of them.
type Effect struct {
	Kind  EffectKind `json:"kind"`
	State State      `json:"state"`
	Role  Role       `json:"role,omitempty"`
	// Event is the event to apply when a timer fires, if any.
	Event Event `json:"event,omitempty"`
	// At is a timer's due time or a breach's due time.
	At time.Time `json:"at,omitzero"`
}

// String renders the effect on one line.
func (e Effect) String() string {
	s := e.Kind.String() + " " + string(e.State)
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
// guards and approvals.
func (w *Workflow) Can(in Instance, tr Trigger, at time.Time) bool {
	_, err := w.decide(&in, &tr, at)
	return err == nil
}

// Start creates a new instance in the initial state at at, with data as
// its initial fields. Its history holds one [EventStart] entry, so its
// version is 1. The effects announce the initial state (notify the owner,
// start the SLA timer, request approvals).
func (w *Workflow) Start(id string, tr Trigger, at time.Time) (Instance, []Effect, error) {
	if tr.Event != "" && tr.Event != EventStart {
		return Instance{}, nil, errorf("starting %q: event must be empty or %q, got %q: %w", id, EventStart, tr.Event, ErrInvalidTransition)
	}
	si, ok := w.lookupState(w.def.Initial)
	if !ok {
		return Instance{}, nil, errorf("starting %q: workflow not compiled (use process.Compile): %w", id, ErrWrongWorkflow)
	}
	at = at.UTC()
	data := maps.Clone(tr.Data)
	in := Instance{Workflow: w.def.ID, ID: id, State: w.def.Initial, wf: w, si: si}
	e := Entry{Version: 1, Event: EventStart, To: w.def.Initial, Actor: tr.Actor, Role: tr.Role, Reason: tr.Reason, At: at, Data: data}
	in.History, in.tail = newHistory(8, e)
	in.Data = data
	for _, v := range data {
		if v.IsZero() {
			in.Data = maps.Clone(data)
			maps.DeleteFunc(in.Data, func(_ string, v Value) bool { return v.IsZero() })
			break
		}
	}
	in.Version = 1
	in.Entered = at
	in.Due = w.dueFor(si, at, time.Time{})
	effects := w.enterEffects(nil, si, &in, at)
	return in, effects, nil
}

// stateOf returns the index of in's state, from the cache when in was
// produced by w and its State was not changed since.
func (w *Workflow) stateOf(in *Instance) (int32, bool) {
	if in.wf == w && int(in.si) < len(w.states) && w.states[in.si].def.Name == in.State {
		return in.si, true
	}
	return w.lookupState(in.State)
}

func (w *Workflow) lookupState(s State) (int32, bool) { return w.stateIx.lookup(string(s)) }

func (w *Workflow) lookupEvent(e Event) (int32, bool) { return w.eventIx.lookup(string(e)) }

// decision is the outcome of evaluating a trigger.
type decision struct {
	from, to int32
	approval bool // an approval recorded without leaving the state
}

// decide finds what tr does to in, without building anything.
func (w *Workflow) decide(in *Instance, tr *Trigger, at time.Time) (decision, error) {
	if in.Workflow != w.def.ID {
		return decision{}, errorf("instance %q has workflow %q, want %q: %w", in.ID, in.Workflow, w.def.ID, ErrWrongWorkflow)
	}
	si, ok := w.stateOf(in)
	if !ok {
		return decision{}, errorf("instance %q is in unknown state %q: %w", in.ID, in.State, ErrWrongWorkflow)
	}
	if tr.ExpectVersion > 0 && tr.ExpectVersion != in.Version {
		return decision{}, errorf("instance %q is at version %d, want %d: %w", in.ID, in.Version, tr.ExpectVersion, ErrVersionConflict)
	}
	st := &w.states[si]
	ei, ok := w.lookupEvent(tr.Event)
	var cell span
	if ok {
		cell = w.table[int(si)*len(w.events)+int(ei)]
	}
	if cell.n == 0 {
		return decision{}, w.refuse(in, tr, st, ErrInvalidTransition, nil)
	}
	if ap := st.approval; ap != nil && ap.event == ei {
		done, err := w.approve(in, tr, st, ap, at)
		if err != nil {
			return decision{}, err
		}
		if !done {
			return decision{from: si, to: si, approval: true}, nil
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
				return decision{}, w.refuse(in, tr, st, ErrNoPrevious, nil)
			}
			to = p
		}
		return decision{from: si, to: to}, nil
	}
	var failed []string
	for i := cell.off; i < cell.off+cell.n; i++ {
		t := &w.trans[i]
		if g := allHold(t.guards, in, tr, at); g >= 0 {
			failed = append(failed, t.guards[g].label)
		}
	}
	return decision{}, w.refuse(in, tr, st, ErrGuardRejected, failed)
}

func (w *Workflow) refuse(in *Instance, tr *Trigger, st *cstate, err error, guards []string) error {
	return &TransitionError{
		Workflow: w.def.ID, State: in.State, Event: tr.Event,
		Allowed: append([]Event(nil), st.allowed...), Guards: guards, Role: tr.Role, Err: err,
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

// approvedRoles lists the roles that approved in the current visit of the
// state (entries that stayed in the state with the approval event).
func approvedRoles(in *Instance, ev Event, visit func(Role) bool) {
	for i := len(in.History) - 1; i >= 0; i-- {
		e := &in.History[i]
		if e.From != e.To {
			return
		}
		if e.Event == ev && !visit(e.Role) {
			return
		}
	}
}

func hasApproved(in *Instance, ev Event, r Role) bool {
	found := false
	approvedRoles(in, ev, func(x Role) bool {
		found = x == r
		return !found
	})
	return found
}

// pending returns the required approver roles not yet approved, in
// declaration order.
func (w *Workflow) pending(in *Instance, tr *Trigger, ap *capproval, at time.Time) []Role {
	var out []Role
	ev := w.events[ap.event]
	for i := range ap.steps {
		s := &ap.steps[i]
		if allHold(s.when, in, tr, at) >= 0 {
			continue
		}
		if !hasApproved(in, ev, s.role) {
			out = append(out, s.role)
		}
	}
	return out
}

// approve checks tr as one approval and reports whether it completes the
// chain.
func (w *Workflow) approve(in *Instance, tr *Trigger, st *cstate, ap *capproval, at time.Time) (bool, error) {
	pend := w.pending(in, tr, ap, at)
	if len(pend) == 0 {
		return true, nil
	}
	ok := false
	if ap.mode == ApprovalParallel {
		for _, r := range pend {
			ok = ok || r == tr.Role
		}
	} else {
		ok = pend[0] == tr.Role
	}
	if !ok {
		return false, w.refuse(in, tr, st, ErrNotApprover, nil)
	}
	return len(pend) == 1, nil
}

// Apply applies tr to in at time at and returns the new instance and the
// effects to carry out. It is pure: in is not changed, and the same
// arguments always give the same result. A refused event returns a
// [*TransitionError] wrapping [ErrInvalidTransition] (naming the state,
// the event and the allowed events), [ErrGuardRejected] (naming the
// failed guards), [ErrNotApprover] or [ErrNoPrevious]; a stale
// ExpectVersion returns [ErrVersionConflict].
//
// On error Apply returns in unchanged and no effects.
//
// Taking a transition records a history entry, sets tr.Data's fields,
// bumps the version and, when the state changes, restarts the step:
// Entered becomes at and Due is recomputed. A transition that stays in
// the state (an approval, an update) keeps the running step.
func (w *Workflow) Apply(in Instance, tr Trigger, at time.Time) (Instance, []Effect, error) {
	return w.AppendApply(nil, in, tr, at)
}

// AppendApply is like [Workflow.Apply] but appends the effects to dst and
// returns the extended slice, so a host that reuses one buffer applies
// events without allocating for effects:
//
//	effects = effects[:0]
//	inst, effects, err = w.AppendApply(effects, inst, trigger, now)
func (w *Workflow) AppendApply(dst []Effect, in Instance, tr Trigger, at time.Time) (Instance, []Effect, error) {
	d, err := w.decide(&in, &tr, at)
	if err != nil {
		return in, dst, err
	}
	at = at.UTC()
	out := w.commit(&in, &tr, at, d)
	return out, w.effects(dst, &in, &out, &tr, d, at), nil
}

func (w *Workflow) commit(in *Instance, tr *Trigger, at time.Time, d decision) Instance {
	out := *in
	e := w.advance(&out, tr, at, d)
	out.History, out.tail = appendEntry(in.History, in.tail, e)
	return out
}

// advance moves in (all but its history) through decision d and returns
// the history entry recording it; at is in UTC.
func (w *Workflow) advance(in *Instance, tr *Trigger, at time.Time, d decision) Entry {
	from := in.State
	var data Data
	if len(tr.Data) > 0 {
		data = maps.Clone(tr.Data)
		merged := make(Data, len(in.Data)+len(tr.Data))
		maps.Copy(merged, in.Data)
		for k, v := range data {
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
		c := w.enter(clock{entered: in.Entered, due: in.Due, paused: in.Paused}, d.from, d.to, at)
		in.Entered, in.Due, in.Paused = c.entered, c.due, c.paused
	}
	in.State = w.states[d.to].def.Name
	in.wf, in.si = w, d.to
	in.Version++
	return Entry{Version: in.Version, Event: tr.Event, From: from, To: in.State, Actor: tr.Actor, Role: tr.Role, Reason: tr.Reason, At: at, Data: data}
}

func (w *Workflow) effects(effs []Effect, in, out *Instance, tr *Trigger, d decision, at time.Time) []Effect {
	st := &w.states[d.to]
	if d.approval {
		// Ask the next approver(s): those pending before, minus this one.
		for _, r := range w.pending(in, tr, st.approval, at) {
			if r == tr.Role {
				continue
			}
			effs = append(effs, Effect{Kind: EffectRequestApproval, State: st.def.Name, Role: r})
			if st.approval.mode == ApprovalSequential {
				break
			}
		}
		return effs
	}
	if d.from == d.to {
		return effs
	}
	n := 1 // notify or completed
	if !in.Due.IsZero() {
		n++
	}
	if !out.Due.IsZero() {
		n++
	}
	if st.approval != nil {
		n += len(st.approval.steps)
	}
	if effs == nil {
		effs = make([]Effect, 0, n)
	} else {
		effs = slices.Grow(effs, n)
	}
	if !in.Due.IsZero() {
		effs = append(effs, Effect{Kind: EffectCancelTimer, State: in.State, At: in.Due})
	}
	return w.enterEffects(effs, d.to, out, at)
}

// enterEffects appends the effects of entering state si.
func (w *Workflow) enterEffects(out []Effect, si int32, in *Instance, at time.Time) []Effect {
	st := &w.states[si]
	name := st.def.Name
	if st.def.Terminal {
		return append(out, Effect{Kind: EffectCompleted, State: name})
	}
	out = append(out, Effect{Kind: EffectNotify, State: name, Role: st.def.Owner})
	if !in.Due.IsZero() {
		out = append(out, Effect{Kind: EffectStartTimer, State: name, Event: st.sla.Fire, At: in.Due})
	}
	if ap := st.approval; ap != nil {
		var none Trigger
		pend := w.pending(in, &none, ap, at)
		if ap.mode == ApprovalSequential && len(pend) > 0 {
			pend = pend[:1]
		}
		for _, r := range pend {
			out = append(out, Effect{Kind: EffectRequestApproval, State: name, Role: r})
		}
	}
	return out
}

// Replay rebuilds an instance from its history: the first entry must be
// the [EventStart] entry, and each later entry is applied at its recorded
// time. The result is Equal to the instance that recorded the history. An
// entry refused by the workflow, recorded from or leading to another
// state than the replay reaches, or out of version sequence (a version of
// 0 is not checked) returns an error wrapping [ErrReplay] (and the
// refusal).
func (w *Workflow) Replay(id string, history []Entry) (Instance, error) {
	if len(history) == 0 || history[0].Event != EventStart {
		return Instance{}, errorf("replaying %q: history must begin with a %q entry: %w", id, EventStart, ErrReplay)
	}
	h0 := history[0]
	if h0.To != w.def.Initial {
		return Instance{}, errorf("replaying %q: started in %q, workflow starts in %q: %w", id, h0.To, w.def.Initial, ErrReplay)
	}
	in, _, err := w.Start(id, h0.trigger(), h0.At)
	if err != nil {
		return Instance{}, errorf("replaying %q: %w", id, err)
	}
	// Size the history once.
	in.History, in.tail = newHistory(len(history), in.History[0])
	for i := 1; i < len(history); i++ {
		e := &history[i]
		if e.Version != 0 && e.Version != i+1 {
			return Instance{}, errorf("replaying %q, history entry %d: version %d, want %d (a gap or reordering): %w", id, i+1, e.Version, i+1, ErrReplay)
		}
		if e.From != "" && e.From != in.State {
			return Instance{}, errorf("replaying %q, history entry %d: recorded from %q, instance is in %q: %w", id, i+1, e.From, in.State, ErrReplay)
		}
		tr := e.trigger()
		d, err := w.decide(&in, &tr, e.At)
		if err != nil {
			return Instance{}, errorf("replaying %q, history entry %d: %w: %w", id, i+1, ErrReplay, err)
		}
		if w.states[d.to].def.Name != e.To {
			return Instance{}, errorf("replaying %q, history entry %d: reached %q, history says %q: %w", id, i+1, w.states[d.to].def.Name, e.To, ErrReplay)
		}
		// The replay owns its presized history: append in place and
		// publish the claimed length once at the end.
		in.History = append(in.History, w.advance(&in, &tr, e.At.UTC(), d))
	}
	in.tail.claimed.Store(int64(len(in.History)))
	return in, nil
}
