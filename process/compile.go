package process

import (
	"fmt"
	"slices"
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
	allowed  []Event // sorted, shared; never modified
	sla      *SLA
	approval *capproval
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
// at once, each a [*partnerops.ValidationError] with the field path
// (wrapping [partnerops.ErrInvalid]): bad or duplicate names, unknown
// states, unreachable states, non-terminal states with no way out or no
// way to a terminal state, duplicate or ambiguous transitions, unknown
// guards, bad SLAs and approvals. The definition is copied; later changes
// to def do not affect the Workflow.
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
		return nil, p.Err()
	}
	def = def.Clone()
	w := &Workflow{def: def, cal: cfg.cal, stateIdx: map[State]int32{}, eventIdx: map[Event]int32{}}
	c := compiler{w: w, p: &p, cfg: &cfg, declared: map[[2]int32]bool{}}
	c.states()
	c.transitions()
	c.exceptions()
	c.stateExtras()
	checkCount(&p, "events", len(w.events), MaxEvents)
	if p.Len() > 0 {
		return nil, p.Err()
	}
	c.buildTable()
	c.checkAmbiguity()
	c.checkGraph()
	if p.Len() > 0 {
		return nil, p.Err()
	}
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
	w   *Workflow
	p   *partnerops.Problems
	cfg *config
	// declared holds the (state, event) pairs with a transition, even one
	// with other problems, so later checks do not report a cascade.
	declared map[[2]int32]bool
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

func (c *compiler) states() {
	d := &c.w.def
	if d.ID == "" {
		c.p.Add("id", "is required", "")
	}
	if len(d.States) == 0 {
		c.p.Add("states", "at least one state is required", "")
	}
	for i, s := range d.States {
		path := partnerops.Path("states", i, "name")
		if !validName(string(s.Name)) {
			c.p.Add(path, nameRule, string(s.Name))
			continue
		}
		if _, dup := c.w.stateIdx[s.Name]; dup {
			c.p.Add(path, "duplicate state", string(s.Name))
			continue
		}
		c.w.stateIdx[s.Name] = int32(len(c.w.states))
		c.w.states = append(c.w.states, cstate{def: s})
		if s.Terminal && s.PausesSLA {
			c.p.Add(partnerops.Path("states", i, "pauses_sla"), "a terminal state cannot pause an SLA", "")
		}
		if !s.Terminal && s.Owner == "" {
			c.p.Add(partnerops.Path("states", i, "owner"), "a non-terminal state needs an owner role", "")
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
	if e == EventStart {
		c.p.Add(path, "\"start\" is reserved for instance creation", string(e))
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
	i, ok := c.w.stateIdx[s]
	if !ok {
		c.p.Add(path, "unknown state", string(s))
	}
	return i, ok
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
	for i, t := range c.w.def.Transitions {
		path := partnerops.Path("transitions", i)
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
		}
	}
}

func (c *compiler) exceptions() {
	for i, x := range c.w.def.Exceptions {
		path := partnerops.Path("exceptions", i)
		ev, okE := c.event(partnerops.JoinPath(path, "event"), x.Event)
		to, okT := c.target(path, x.To, x.ToPrevious)
		guards, okG := c.guards(partnerops.JoinPath(path, "guards"), x.Guards)
		ok := okE && okT && okG
		var from []int32
		for j, s := range x.From {
			si, okS := c.state(partnerops.Path("exceptions", i, "from", j), s)
			if okS && c.w.states[si].def.Terminal {
				c.p.Add(partnerops.Path("exceptions", i, "from", j), "terminal states accept no event", string(s))
				okS = false
			}
			ok = ok && okS
			from = append(from, si)
		}
		var except []int32
		for j, s := range x.Except {
			si, okS := c.state(partnerops.Path("exceptions", i, "except", j), s)
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
		for _, si := range from {
			if slices.Contains(except, si) {
				continue
			}
			// A state's own transitions for the event take precedence.
			if slices.ContainsFunc(c.w.trans, func(t ctrans) bool { return !t.exception && t.from == si && t.event == ev }) {
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

func (c *compiler) guard(path string, g Guard) (cguard, bool) {
	cg := cguard{label: g.Label(), field: g.Field, op: g.Op, value: g.Value, not: g.Not}
	if g.Field == "" {
		if g.Name == "" {
			c.p.Add(path, "a guard needs a field to compare or the name of a Go guard", "")
			return cg, false
		}
		if g.Op != "" || !g.Value.IsZero() {
			c.p.Add(partnerops.JoinPath(path, "field"), "a comparison needs a field", "")
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
	if g.Value.Kind() == KindNumber {
		if err := g.Value.n.Validate(); err != nil {
			c.p.Add(partnerops.JoinPath(path, "value"), err.Error(), g.Value.String())
			return cg, false
		}
	}
	return cg, true
}

func (c *compiler) stateExtras() {
	for i := range c.w.states {
		st := &c.w.states[i]
		path := partnerops.Path("states", i)
		if s := st.def.SLA; s != nil {
			c.sla(partnerops.JoinPath(path, "sla"), int32(i), *s)
			st.sla = s
		}
		if a := st.def.Approval; a != nil {
			st.approval = c.approval(partnerops.JoinPath(path, "approval"), int32(i), *a)
		}
	}
}

func (c *compiler) accepts(si, ev int32) bool { return c.declared[[2]int32{si, ev}] }

func (c *compiler) sla(path string, si int32, s SLA) {
	st := c.w.states[si].def
	if st.Terminal {
		c.p.Add(path, "terminal states have no SLA", "")
		return
	}
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
	if !ok || !c.accepts(si, ev) {
		c.p.Add(partnerops.JoinPath(path, "event"), "the state has no transition for this event", string(a.Event))
	}
	out.event = ev
	if len(a.Steps) == 0 {
		c.p.Add(partnerops.JoinPath(path, "steps"), "at least one approval step is required", "")
	}
	checkCount(c.p, partnerops.JoinPath(path, "steps"), len(a.Steps), MaxGuards)
	seen := map[Role]bool{}
	for i, s := range a.Steps {
		sp := partnerops.Path("steps", i)
		if s.Role == "" {
			c.p.Add(partnerops.JoinPath(path, sp+".role"), "is required", "")
		} else if seen[s.Role] {
			c.p.Add(partnerops.JoinPath(path, sp+".role"), "duplicate approver role", string(s.Role))
		}
		seen[s.Role] = true
		when, _ := c.guards(partnerops.JoinPath(path, sp+".when"), s.When)
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
// one (or one with the same guards) always wins.
func (c *compiler) checkAmbiguity() {
	w := c.w
	for _, cell := range w.table {
		ts := w.trans[cell.off : cell.off+cell.n]
		for j := 1; j < len(ts); j++ {
			for i := 0; i < j; i++ {
				a, b := ts[i], ts[j]
				if len(a.guards) != 0 && !sameGuards(a.transition.Guards, b.transition.Guards) {
					continue
				}
				path := partnerops.Path("transitions", b.defIndex)
				if b.exception {
					path = partnerops.Path("exceptions", b.defIndex)
				}
				rule := "ambiguous transition: an earlier transition for the same state and event always wins; add a distinguishing guard"
				if a.to == b.to {
					rule = "duplicate transition"
				}
				c.p.Add(path, rule, fmt.Sprintf("%s --%s-->", w.states[b.from].def.Name, w.events[b.event]))
				break
			}
		}
	}
}

func sameGuards(a, b []Guard) bool {
	return slices.EqualFunc(a, b, func(x, y Guard) bool {
		return x.Name == y.Name && x.Field == y.Field && x.Op == y.Op && x.Not == y.Not && x.Value.Equal(y.Value)
	})
}

// checkGraph reports unreachable states, non-terminal states with no
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
		path := partnerops.Path("states", i)
		name := string(st.def.Name)
		switch {
		case !reach[i]:
			c.p.Add(path, "unreachable from the initial state", name)
		case !st.def.Terminal && len(st.allowed) == 0:
			c.p.Add(path, "non-terminal state with no way out", name)
		case len(terminals) > 0 && !canEnd[i]:
			c.p.Add(path, "no terminal state can be reached from this state", name)
		}
	}
}

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
