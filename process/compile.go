package process

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// GuardFunc is a named Go guard: a pure predicate over the facts of one
// attempted transition. It must not keep f or mutate anything it reaches.
type GuardFunc func(f Facts) bool

// Option configures [Compile].
type Option func(*config)

type config struct {
	guards map[string]GuardFunc
	cal    *BusinessCalendar
}

// WithGuard binds the named guard used in the definition to fn. Binding a
// name the definition does not use is allowed (a host may share one guard
// set across workflows).
func WithGuard(name string, fn GuardFunc) Option {
	return func(c *config) {
		if c.guards == nil {
			c.guards = map[string]GuardFunc{}
		}
		c.guards[name] = fn
	}
}

// WithGuards binds several named guards; see [WithGuard].
func WithGuards(guards map[string]GuardFunc) Option {
	return func(c *config) {
		for name, fn := range guards {
			WithGuard(name, fn)(c)
		}
	}
}

// WithCalendar binds the business calendar used by business-clock SLAs
// and, for calendar-clock SLAs counted in days, its time zone. A
// definition with a business-clock SLA does not compile without one.
func WithCalendar(c *BusinessCalendar) Option {
	return func(cfg *config) { cfg.cal = c }
}

// Workflow is a compiled, validated [Definition]: an immutable engine with
// precomputed transition tables, safe for concurrent use by any number of
// goroutines. Build it with [Compile]; the zero Workflow knows no state
// and refuses every instance.
type Workflow struct {
	def      Definition
	warnings []partnerops.Warning
	cal      *BusinessCalendar
	states   []cstate
	stateIdx map[State]int32
	events   []Event
	eventIdx map[Event]int32
	// table[s*len(events)+e] is the span of trans holding the candidate
	// transitions of state s for event e, in priority order.
	table []span
	trans []ctrans
	// stateIx and eventIx are the run-time lookups (see nameIndex).
	stateIx, eventIx nameIndex
}

type span struct{ off, n int32 }

type cstate struct {
	def      StateDef
	defIndex int     // position in Definition.States
	allowed  []Event // sorted, shared; never modified
	sla      *SLA
	approval *capproval
	// fire is the index of the SLA's event, -1 without one.
	fire int32
	// alerts are the SLA's reminder and escalations in the order they
	// come due.
	alerts []calert
}

type ctrans struct {
	from, to   int32 // to == -1: previous state
	event      int32
	guards     []cguard
	exception  bool
	defIndex   int // index in Transitions or Exceptions
	transition Transition
}

type cguard struct {
	label string
	field string
	op    Op
	value Value
	not   bool
	fn    GuardFunc
}

type capproval struct {
	event int32
	mode  ApprovalMode
	steps []cstep
}

type cstep struct {
	role Role
	when []cguard
}

const noPrevious = -1

// Limits on the size of a definition. Real partner workflows have a few
// dozen states and events; the limits keep the compiled tables (states ×
// events) and the expansion of exceptions (exceptions × states) small
// whatever a host feeds to Compile.
const (
	MaxStates      = 256
	MaxEvents      = 256
	MaxTransitions = 4096
	MaxExceptions  = 256
	// MaxGuards bounds the guards of one transition, exception or
	// approval step, and the steps of one approval.
	MaxGuards = 32
)

func checkCount(p *partnerops.Problems, path string, n, limit int) {
	if n > limit {
		p.Add(path, fmt.Sprintf("at most %d allowed", limit), fmt.Sprint(n))
	}
}

// maxSLA bounds SLA lengths so due-date computation stays bounded.
const (
	maxSLADuration = 10 * 366 * 24 * time.Hour
	maxSLADays     = 3660
)

// Compile validates def and builds its engine. It reports every problem
// at once, each a [*partnerops.ValidationError] (wrapping
// [partnerops.ErrInvalid]) whose path names states, approval steps and
// overrides by name and transitions and exceptions by ID (by 0-based
// position when they have none): states[under_review].sla.fire,
// transitions[approve_big].guards[0].value. It reports bad, missing or
// duplicate names, unknown states, duplicate or ambiguous transitions,
// guards with fields their kind needs missing or fields it ignores set,
// unknown Go guards (saying to bind them with [WithGuard]), bad SLAs and
// approvals, and a business clock without [WithCalendar].
//
// A definition that is valid but probably not meant compiles, and
// [Workflow.Warnings] lists why: unreachable states, non-terminal states
// with no way out or no way to a terminal state, an SLA on a terminal
// state (ignored), a reminder due at once, an SLA event whose transitions
// are all guarded. The definition is copied; later changes to def do not
// affect the Workflow.
func Compile(def Definition, opts ...Option) (*Workflow, error) {
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	// Bound the size of what is compiled, so a hostile definition cannot
	// make the tables huge.
	var p partnerops.Problems
	checkCount(&p, "states", len(def.States), MaxStates)
	checkCount(&p, "transitions", len(def.Transitions), MaxTransitions)
	checkCount(&p, "exceptions", len(def.Exceptions), MaxExceptions)
	if p.Len() > 0 {
		return nil, errorf("compiling workflow %q: %w", def.ID, p.Err())
	}
	def = def.Clone()
	w := &Workflow{def: def, cal: cfg.cal, stateIdx: map[State]int32{}, eventIdx: map[Event]int32{}}
	c := compiler{w: w, p: &p, cfg: &cfg, declared: map[[2]int32]bool{}, own: map[[2]int32]bool{}}
	c.states()
	c.transitions()
	c.exceptions()
	c.stateExtras()
	checkCount(&p, "events", len(w.events), MaxEvents)
	if p.Len() > 0 {
		return nil, errorf("compiling workflow %q: %w", def.ID, p.Err())
	}
	c.buildTable()
	c.checkAmbiguity()
	if p.Len() > 0 {
		return nil, errorf("compiling workflow %q: %w", def.ID, p.Err())
	}
	c.checkGraph()
	c.checkFire()
	w.warnings = c.warn
	names := make([]string, len(w.states))
	for i, st := range w.states {
		names[i] = string(st.def.Name)
	}
	w.stateIx = newNameIndex(names)
	names = make([]string, len(w.events))
	for i, e := range w.events {
		names[i] = string(e)
	}
	w.eventIx = newNameIndex(names)
	return w, nil
}

// MustCompile is like [Compile] but panics on error. It is meant for
// tests and package-level literals of known-good definitions.
func MustCompile(def Definition, opts ...Option) *Workflow {
	w, err := Compile(def, opts...)
	if err != nil {
		panic(err)
	}
	return w
}

type compiler struct {
	w    *Workflow
	p    *partnerops.Problems
	warn partnerops.Warnings
	cfg  *config
	// declared holds the (state, event) pairs with a transition, even one
	// with other problems, so later checks do not report a cascade.
	declared map[[2]int32]bool
	// own holds the (state, event) pairs with a compiled transition of
	// the state's own, which exceptions never replace.
	own map[[2]int32]bool
}

// validName reports whether s is a lowercase identifier usable as a state
// or event name in diagrams.
func validName(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

const nameRule = "must be 1-64 lowercase letters, digits or underscores, starting with a letter"

// elemPath names element i of a list in paths: by its key (a state's
// name, a transition's ID) when it has one, else by its 0-based position.
func elemPath(list string, i int, key string) string {
	if key != "" {
		return partnerops.Path(list, partnerops.Key(key))
	}
	return partnerops.Path(list, i)
}

func (c *compiler) states() {
	d := &c.w.def
	if d.ID == "" {
		c.p.Add("id", "is required", "")
	}
	if len(d.States) == 0 {
		c.p.Add("states", "at least one state is required", "")
	}
	for i, s := range d.States {
		sp := elemPath("states", i, string(s.Name))
		path := partnerops.JoinPath(sp, "name")
		switch {
		case s.Name == "":
			c.p.Add(path, "is required", "")
			continue
		case !validName(string(s.Name)):
			c.p.Add(path, nameRule, string(s.Name))
			continue
		}
		if _, dup := c.w.stateIdx[s.Name]; dup {
			c.p.Add(partnerops.Path("states", i, "name"), "duplicate state", string(s.Name))
			continue
		}
		c.w.stateIdx[s.Name] = int32(len(c.w.states))
		c.w.states = append(c.w.states, cstate{def: s, defIndex: i, fire: -1})
		if s.Terminal && s.PausesSLA {
			c.p.Add(partnerops.JoinPath(sp, "pauses_sla"), "a terminal state cannot pause an SLA", "")
		}
		if !s.Terminal && s.Owner == "" {
			c.p.Add(partnerops.JoinPath(sp, "owner"), "a non-terminal state needs an owner role", "")
		}
	}
	if d.Initial == "" {
		c.p.Add("initial", "is required", "")
	} else if si, ok := c.w.stateIdx[d.Initial]; !ok {
		c.p.Add("initial", "unknown state", string(d.Initial))
	} else if c.w.states[si].def.Terminal {
		c.p.Add("initial", "must not be a terminal state", string(d.Initial))
	}
}

func (c *compiler) event(path string, e Event) (int32, bool) {
	if e == "" {
		c.p.Add(path, "is required", "")
		return 0, false
	}
	if reserved(e) {
		c.p.Add(path, "reserved for the entries the engine records (start, sla_reminder, sla_escalation, migrate_definition)", string(e))
		return 0, false
	}
	if !validName(string(e)) {
		c.p.Add(path, nameRule, string(e))
		return 0, false
	}
	if i, ok := c.w.eventIdx[e]; ok {
		return i, true
	}
	i := int32(len(c.w.events))
	c.w.eventIdx[e] = i
	c.w.events = append(c.w.events, e)
	return i, true
}

func (c *compiler) state(path string, s State) (int32, bool) {
	if s == "" {
		c.p.Add(path, "is required", "")
		return 0, false
	}
	i, ok := c.w.stateIdx[s]
	if !ok {
		c.p.Add(path, "unknown state", string(s))
	}
	return i, ok
}

// id checks an optional transition or exception ID: a name, unique in
// its list.
func (c *compiler) id(path, id string, seen map[string]bool) {
	switch {
	case id == "":
	case !validName(id):
		c.p.Add(partnerops.JoinPath(path, "id"), nameRule, id)
	case seen[id]:
		c.p.Add(partnerops.JoinPath(path, "id"), "duplicate ID", id)
	}
	seen[id] = true
}

func (c *compiler) target(path string, to State, prev bool) (int32, bool) {
	switch {
	case prev && to != "":
		c.p.Add(partnerops.JoinPath(path, "to"), "must be empty when to_previous is set", string(to))
		return 0, false
	case prev:
		return noPrevious, true
	case to == "":
		c.p.Add(partnerops.JoinPath(path, "to"), "is required (or set to_previous)", "")
		return 0, false
	}
	return c.state(partnerops.JoinPath(path, "to"), to)
}

func (c *compiler) transitions() {
	seen := map[string]bool{}
	for i, t := range c.w.def.Transitions {
		path := elemPath("transitions", i, t.ID)
		c.id(path, t.ID, seen)
		from, okF := c.state(partnerops.JoinPath(path, "from"), t.From)
		ev, okE := c.event(partnerops.JoinPath(path, "event"), t.Event)
		to, okT := c.target(path, t.To, t.ToPrevious)
		guards, okG := c.guards(partnerops.JoinPath(path, "guards"), t.Guards)
		if okF && okE {
			c.declared[[2]int32{from, ev}] = true
		}
		if okF && c.w.states[from].def.Terminal {
			c.p.Add(partnerops.JoinPath(path, "from"), "terminal states accept no event", string(t.From))
			continue
		}
		if okF && okE && okT && okG {
			c.w.trans = append(c.w.trans, ctrans{from: from, to: to, event: ev, guards: guards, defIndex: i, transition: t})
			c.own[[2]int32{from, ev}] = true
		}
	}
}

func (c *compiler) exceptions() {
	seen := map[string]bool{}
	for i, x := range c.w.def.Exceptions {
		path := elemPath("exceptions", i, x.ID)
		c.id(path, x.ID, seen)
		ev, okE := c.event(partnerops.JoinPath(path, "event"), x.Event)
		to, okT := c.target(path, x.To, x.ToPrevious)
		guards, okG := c.guards(partnerops.JoinPath(path, "guards"), x.Guards)
		ok := okE && okT && okG
		var from []int32
		for j, s := range x.From {
			fp := partnerops.JoinPath(path, partnerops.Path("from", j))
			si, okS := c.state(fp, s)
			if okS && c.w.states[si].def.Terminal {
				c.p.Add(fp, "terminal states accept no event", string(s))
				okS = false
			}
			ok = ok && okS
			from = append(from, si)
		}
		var except []int32
		for j, s := range x.Except {
			ep := partnerops.JoinPath(path, partnerops.Path("except", j))
			si, okS := c.state(ep, s)
			if okS && len(x.From) > 0 && !slices.Contains(x.From, s) {
				c.p.Add(ep, "lists a state that from does not (it would be ignored)", string(s))
				okS = false
			}
			ok = ok && okS
			except = append(except, si)
		}
		if !ok {
			continue
		}
		if len(x.From) == 0 {
			for si, st := range c.w.states {
				if !st.def.Terminal && int32(si) != to {
					from = append(from, int32(si))
				}
			}
		}
		n := 0
		skip := make(map[int32]bool, len(except))
		for _, si := range except {
			skip[si] = true
		}
		for _, si := range from {
			if skip[si] {
				continue
			}
			// A state's own transitions for the event take precedence.
			if c.own[[2]int32{si, ev}] {
				continue
			}
			n++
			c.declared[[2]int32{si, ev}] = true
			t := Transition{From: c.w.states[si].def.Name, Event: x.Event, To: x.To, ToPrevious: x.ToPrevious, Guards: x.Guards}
			c.w.trans = append(c.w.trans, ctrans{from: si, to: to, event: ev, guards: guards, exception: true, defIndex: i, transition: t})
		}
		if n == 0 {
			c.p.Add(path, "applies to no state", string(x.Event))
		}
	}
}

func (c *compiler) guards(path string, gs []Guard) ([]cguard, bool) {
	if len(gs) == 0 {
		return nil, true
	}
	if len(gs) > MaxGuards {
		checkCount(c.p, path, len(gs), MaxGuards)
		return nil, false
	}
	out := make([]cguard, 0, len(gs))
	ok := true
	for i, g := range gs {
		cg, gok := c.guard(partnerops.JoinPath(path, partnerops.Path(i)), g)
		ok = ok && gok
		out = append(out, cg)
	}
	return out, ok
}

// guard checks one guard. A guard is of one of two kinds: a named Go
// guard (name only, bound with WithGuard) or a data comparison (field and
// op, and a value for every op but exists and missing; a name is then its
// label).
func (c *compiler) guard(path string, g Guard) (cguard, bool) {
	// A number operand out of range (only an option of a standard
	// workflow can make one) is refused before anything renders it.
	if g.Value.Kind() == KindNumber {
		if err := g.Value.num().Validate(); err != nil {
			c.p.AddErr(partnerops.JoinPath(path, "value"), err)
			return cguard{}, false
		}
	}
	cg := cguard{label: g.Label(), field: g.Field, op: g.Op, value: g.Value, not: g.Not}
	if g.Field == "" {
		if g.Name == "" {
			c.p.Add(path, "a guard needs a field to compare (with op and value) or the name of a Go guard bound with process.WithGuard", "")
			return cg, false
		}
		if g.Op != "" || !g.Value.IsZero() {
			c.p.Add(partnerops.JoinPath(path, "field"), "is required with op and value (a guard with a name only is a Go guard bound with process.WithGuard)", "")
			return cg, false
		}
		fn := c.cfg.guards[g.Name]
		if fn == nil {
			c.p.Add(partnerops.JoinPath(path, "name"), "unknown guard: bind it with process.WithGuard", g.Name)
			return cg, false
		}
		cg.fn = fn
		return cg, true
	}
	switch g.Op {
	case "":
		c.p.Add(partnerops.JoinPath(path, "op"), "is required: eq, ne, lt, le, gt, ge, exists or missing", "")
		return cg, false
	case OpExists, OpMissing:
		if !g.Value.IsZero() {
			c.p.Add(partnerops.JoinPath(path, "value"), "must be empty for "+string(g.Op), g.Value.String())
			return cg, false
		}
	case OpEq, OpNe:
		if g.Value.IsZero() {
			c.p.Add(partnerops.JoinPath(path, "value"), "is required", "")
			return cg, false
		}
	case OpLt, OpLe, OpGt, OpGe:
		if g.Value.IsZero() {
			c.p.Add(partnerops.JoinPath(path, "value"), "is required", "")
			return cg, false
		}
		if g.Value.Kind() == KindBool {
			c.p.Add(partnerops.JoinPath(path, "value"), "ordering needs a number, time or string", g.Value.String())
			return cg, false
		}
	default:
		c.p.Add(partnerops.JoinPath(path, "op"), "must be eq, ne, lt, le, gt, ge, exists or missing", string(g.Op))
		return cg, false
	}
	return cg, true
}

func (c *compiler) stateExtras() {
	for i := range c.w.states {
		st := &c.w.states[i]
		path := partnerops.Path("states", partnerops.Key(st.def.Name))
		if s := st.def.SLA; s != nil {
			if st.def.Terminal {
				c.warn.Add(partnerops.JoinPath(path, "sla"), "ignored: a terminal state has no SLA (an instance there is done)", "")
			} else {
				c.sla(partnerops.JoinPath(path, "sla"), int32(i), *s)
				st.sla = s
				if ev, ok := c.w.eventIdx[s.Fire]; ok && s.Fire != "" {
					st.fire = ev
				}
				st.alerts = slaAlerts(s, st.def.Owner)
			}
		}
		if a := st.def.Approval; a != nil {
			st.approval = c.approval(partnerops.JoinPath(path, "approval"), int32(i), *a)
		}
	}
}

func (c *compiler) accepts(si, ev int32) bool { return c.declared[[2]int32{si, ev}] }

func (c *compiler) sla(path string, si int32, s SLA) {
	switch {
	case s.Days != 0 && s.Duration != 0:
		c.p.Add(path, "set either duration or days, not both", "")
	case s.Days < 0 || s.Days > maxSLADays:
		c.p.Add(partnerops.JoinPath(path, "days"), fmt.Sprintf("must be between 1 and %d", maxSLADays), fmt.Sprint(s.Days))
	case s.Duration < 0 || time.Duration(s.Duration) > maxSLADuration:
		c.p.Add(partnerops.JoinPath(path, "duration"), "must be positive and at most 10 years", time.Duration(s.Duration).String())
	case s.Days == 0 && s.Duration == 0:
		c.p.Add(path, "needs a duration or days", "")
	}
	var last Duration
	for i, e := range s.Escalations {
		ep := partnerops.JoinPath(path, partnerops.Path("escalations", i))
		if e.To == "" {
			c.p.Add(partnerops.JoinPath(ep, "to"), "is required", "")
		}
		if e.After < last || time.Duration(e.After) > maxSLADuration {
			c.p.Add(partnerops.JoinPath(ep, "after"), "must be at least the previous level's and at most 10 years", formatDuration(time.Duration(e.After)))
		}
		last = max(last, e.After)
	}
	if s.RemindBefore < 0 || time.Duration(s.RemindBefore) > maxSLADuration {
		c.p.Add(partnerops.JoinPath(path, "remind_before"), "must be positive and at most 10 years", formatDuration(time.Duration(s.RemindBefore)))
	} else if s.RemindBefore > 0 && s.Clock != ClockBusiness && s.Anchor != AnchorPreviousDue {
		length := time.Duration(s.Duration)
		if s.Days > 0 {
			length = time.Duration(s.Days) * 24 * time.Hour
		}
		if time.Duration(s.RemindBefore) >= length && length > 0 {
			c.warn.Add(partnerops.JoinPath(path, "remind_before"), "at least the SLA's length: the reminder is due as soon as the state is entered", formatDuration(time.Duration(s.RemindBefore)))
		}
	}
	switch s.Clock {
	case "", ClockCalendar:
	case ClockBusiness:
		if c.cfg.cal == nil || !c.cfg.cal.ok {
			c.p.Add(partnerops.JoinPath(path, "clock"), "business clock needs a calendar: compile with process.WithCalendar", string(s.Clock))
		}
	default:
		c.p.Add(partnerops.JoinPath(path, "clock"), "must be calendar or business", string(s.Clock))
	}
	switch s.Anchor {
	case "", AnchorEntered, AnchorPreviousDue:
	default:
		c.p.Add(partnerops.JoinPath(path, "anchor"), "must be entered or previous_due", string(s.Anchor))
	}
	if s.Fire != "" {
		ev, ok := c.w.eventIdx[s.Fire]
		if !ok || !c.accepts(si, ev) {
			c.p.Add(partnerops.JoinPath(path, "fire"), "the state has no transition for this event", string(s.Fire))
		}
	}
}

func (c *compiler) approval(path string, si int32, a Approval) *capproval {
	out := &capproval{mode: a.Mode}
	if out.mode == "" {
		out.mode = ApprovalSequential
	}
	if out.mode != ApprovalSequential && out.mode != ApprovalParallel {
		c.p.Add(partnerops.JoinPath(path, "mode"), "must be sequential or parallel", string(a.Mode))
	}
	ev, ok := c.w.eventIdx[a.Event]
	switch {
	case a.Event == "":
		c.p.Add(partnerops.JoinPath(path, "event"), "is required", "")
	case !ok || !c.accepts(si, ev):
		c.p.Add(partnerops.JoinPath(path, "event"), "the state has no transition for this event", string(a.Event))
	}
	out.event = ev
	if len(a.Steps) == 0 {
		c.p.Add(partnerops.JoinPath(path, "steps"), "at least one approval step is required", "")
	}
	checkCount(c.p, partnerops.JoinPath(path, "steps"), len(a.Steps), MaxGuards)
	seen := map[Role]bool{}
	for i, s := range a.Steps {
		sp := partnerops.JoinPath(path, elemPath("steps", i, string(s.Role)))
		if seen[s.Role] && s.Role != "" {
			sp = partnerops.JoinPath(path, partnerops.Path("steps", i))
		}
		if s.Role == "" {
			c.p.Add(partnerops.JoinPath(sp, "role"), "is required", "")
		} else if seen[s.Role] {
			c.p.Add(partnerops.JoinPath(sp, "role"), "duplicate approver role", string(s.Role))
		}
		seen[s.Role] = true
		when, _ := c.guards(partnerops.JoinPath(sp, "when"), s.When)
		out.steps = append(out.steps, cstep{role: s.Role, when: when})
	}
	return out
}

func (c *compiler) buildTable() {
	w := c.w
	ne := len(w.events)
	// Stable sort by (from, event) keeps declaration order inside a cell,
	// own transitions before exceptions.
	slices.SortStableFunc(w.trans, func(a, b ctrans) int {
		if a.from != b.from {
			return int(a.from - b.from)
		}
		return int(a.event - b.event)
	})
	w.table = make([]span, len(w.states)*ne)
	for i, t := range w.trans {
		cell := &w.table[int(t.from)*ne+int(t.event)]
		if cell.n == 0 {
			cell.off = int32(i)
		}
		cell.n++
	}
	for si := range w.states {
		var allowed []Event
		for ei := 0; ei < ne; ei++ {
			if w.table[si*ne+ei].n > 0 {
				allowed = append(allowed, w.events[ei])
			}
		}
		slices.Sort(allowed)
		w.states[si].allowed = slices.Clip(allowed)
	}
}

// checkAmbiguity reports, per (state, event) cell, duplicate transitions
// and transitions that can never be taken because an earlier unguarded
// one (or one with the same guards) always wins. It is linear in the
// transitions: each cell remembers its first unguarded transition and
// the first transition of each set of guards.
func (c *compiler) checkAmbiguity() {
	w := c.w
	for _, cell := range w.table {
		ts := w.trans[cell.off : cell.off+cell.n]
		if len(ts) < 2 {
			continue
		}
		unguarded := -1
		seen := map[string]int{}
		for j, b := range ts {
			first := -1
			if unguarded >= 0 {
				first = unguarded
			}
			key := guardsKey(b.transition.Guards)
			if i, ok := seen[key]; ok && (first < 0 || i < first) {
				first = i
			}
			if _, ok := seen[key]; !ok {
				seen[key] = j
			}
			if len(b.guards) == 0 && unguarded < 0 {
				unguarded = j
			}
			if first < 0 {
				continue
			}
			a := ts[first]
			var path string
			if !b.exception {
				path = elemPath("transitions", b.defIndex, w.def.Transitions[b.defIndex].ID)
			} else {
				path = elemPath("exceptions", b.defIndex, w.def.Exceptions[b.defIndex].ID)
			}
			rule := "ambiguous transition: an earlier transition for the same state and event always wins; add a distinguishing guard"
			if a.to == b.to {
				rule = "duplicate transition"
			}
			c.p.Add(path, rule, fmt.Sprintf("%s --%s-->", w.states[b.from].def.Name, w.events[b.event]))
		}
	}
}

// guardsKey renders a list of guards so that two lists get the same key
// exactly when they hold the same guards in the same order (names,
// fields, operators, negation and equal operands: numbers without
// trailing fraction zeros, 1.50 being 1.5, and times as UTC instants).
func guardsKey(gs []Guard) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "%q %q %q %t %d ", g.Name, g.Field, g.Op, g.Not, g.Value.Kind())
		switch g.Value.Kind() {
		case KindNumber:
			n := g.Value.num().String()
			if strings.Contains(n, ".") {
				n = strings.TrimRight(strings.TrimRight(n, "0"), ".")
			}
			b.WriteString(n)
		case KindTime:
			b.WriteString(g.Value.tm().UTC().Format(time.RFC3339Nano))
		default:
			b.WriteString(g.Value.String())
		}
		b.WriteByte(';')
	}
	return b.String()
}

// checkGraph warns about unreachable states, non-terminal states with no
// transition out, and states from which no terminal state can be reached.
func (c *compiler) checkGraph() {
	w := c.w
	n := len(w.states)
	succ := make([][]int32, n)
	pred := make([][]int32, n)
	for _, t := range w.trans {
		if t.to >= 0 {
			succ[t.from] = append(succ[t.from], t.to)
			pred[t.to] = append(pred[t.to], t.from)
		}
	}
	reach := search(succ, []int32{w.stateIdx[w.def.Initial]})
	// A to_previous transition never reaches a new state (the previous
	// state was reached already), but on the way to a terminal state it
	// leads back to any state that leads here.
	for _, t := range w.trans {
		if t.to == noPrevious {
			for _, p := range pred[t.from] {
				pred[p] = append(pred[p], t.from)
			}
		}
	}
	var terminals []int32
	for i, st := range w.states {
		if st.def.Terminal {
			terminals = append(terminals, int32(i))
		}
	}
	canEnd := search(pred, terminals)
	for i, st := range w.states {
		path := partnerops.Path("states", partnerops.Key(st.def.Name))
		switch {
		case !reach[i]:
			c.warn.Add(path, "unreachable from the initial state: no instance can enter it (kept for instances of an older version?)", "")
		case !st.def.Terminal && len(st.allowed) == 0:
			c.warn.Add(path, "no way out: instances that enter it stay there; mark it terminal or add a transition", "")
		case len(terminals) > 0 && !canEnd[i]:
			c.warn.Add(path, "no terminal state can be reached from here: instances that enter it never finish", "")
		}
	}
}

// checkFire warns about SLA events whose every transition is guarded:
// Advance fails when the guards refuse.
func (c *compiler) checkFire() {
	w := c.w
	for i, st := range w.states {
		s := st.sla
		if s == nil || s.Fire == "" {
			continue
		}
		ev, ok := w.eventIdx[s.Fire]
		if !ok {
			continue
		}
		cell := w.table[i*len(w.events)+int(ev)]
		guarded := cell.n > 0
		for _, t := range w.trans[cell.off : cell.off+cell.n] {
			guarded = guarded && len(t.guards) > 0
		}
		if guarded {
			c.warn.Add(partnerops.Path("states", partnerops.Key(st.def.Name), "sla", "fire"), "every transition for this event is guarded: Advance fails when the guards refuse", string(s.Fire))
		}
	}
}

// Warnings returns what Compile found valid but probably not meant, each
// with the path of the field in question, in a fixed order: SLA
// warnings, then the state graph's, then the SLA events', each group in
// definition order. A nil result means none. The slice is a copy.
func (w *Workflow) Warnings() []partnerops.Warning { return slices.Clone(w.warnings) }

// search returns which nodes are reachable from seeds along adj.
func search(adj [][]int32, seeds []int32) []bool {
	seen := make([]bool, len(adj))
	stack := slices.Clone(seeds)
	for _, s := range seeds {
		seen[s] = true
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, t := range adj[s] {
			if !seen[t] {
				seen[t] = true
				stack = append(stack, t)
			}
		}
	}
	return seen
}
