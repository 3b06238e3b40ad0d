package process

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// State names a step of a workflow ("under_review"). States are typed
// strings validated against the [Definition] that declares them: lowercase
// letters, digits and underscores, starting with a letter.
type State string

// Event names something that happens to an instance ("approve",
// "expire"). Events follow the same naming rule as states.
type Event string

// Role names who owns a state, approves a step or receives an escalation
// ("channel_manager", "partner"). Roles are free text for the host to map
// to people or queues.
type Role string

// Events the engine records in histories itself. They cannot be used in
// transitions, and [Workflow.Apply] refuses them.
const (
	// EventStart is the first history entry of every instance, made by
	// [Workflow.Start].
	EventStart Event = "start"
	// EventReminder records a reminder [Workflow.Advance] issued (Role is
	// the owner reminded).
	EventReminder Event = "sla_reminder"
	// EventEscalation records an escalation [Workflow.Advance] issued
	// (Role is the role told).
	EventEscalation Event = "sla_escalation"
	// EventMigrate records a move to another version of the definition by
	// [Workflow.Migrate].
	EventMigrate Event = "migrate_definition"
)

// reserved reports whether e is one of the engine's own events.
func reserved(e Event) bool {
	return e == EventStart || e == EventReminder || e == EventEscalation || e == EventMigrate
}

// Definition describes a workflow as data: its states, the transitions
// between them, the exception paths allowed from many states, and each
// state's owner, SLA and approvals. It round-trips through encoding/json
// and is validated and compiled once by [Compile].
type Definition struct {
	// ID identifies the workflow; instances record it and Apply refuses
	// instances of another workflow.
	ID string `json:"id" aka:"workflow,key"`
	// Name is a human title for diagrams and reports.
	Name string `json:"name,omitempty" aka:"title"`
	// Version is the host's revision number of this definition.
	Version int `json:"version,omitempty" aka:"revision"`
	// Initial is the state a new instance starts in.
	Initial State `json:"initial" aka:"initial_state,start,start_state"`
	// States lists every state. Order is kept in diagrams and reports.
	States []StateDef `json:"states" aka:"state,steps,nodes"`
	// Transitions are tried in order for a (state, event) pair; the first
	// whose guards all hold wins.
	Transitions []Transition `json:"transitions" aka:"transition,edges,events"`
	// Exceptions are transitions declared once for many states: cancel,
	// put on hold, return for information.
	Exceptions []Exception `json:"exceptions,omitempty" aka:"exception,global,global_transitions"`
}

// StateDef declares one state.
type StateDef struct {
	// Name identifies the state; paths name a state by it:
	// states[under_review].sla.
	Name        State  `json:"name" path:"key" aka:"id,state"`
	Description string `json:"description,omitempty" aka:"desc,label"`
	// Owner is the role responsible for moving the instance on. Required
	// for every non-terminal state.
	Owner Role `json:"owner,omitempty" aka:"role,assignee"`
	// Terminal states accept no event.
	Terminal bool `json:"terminal,omitempty" aka:"final,end"`
	// PausesSLA makes the state a pause (on hold, waiting for
	// information): the SLA of the step it was entered from stops, and
	// resumes, its due time moved by the time paused (the working time in
	// the pause on a business clock), when the instance goes back to that
	// step. Leaving for any other state drops the paused step.
	PausesSLA bool `json:"pauses_sla,omitempty" aka:"pause,pauses,pause_sla"`
	// SLA, when set, bounds the time an instance may stay in the state.
	SLA *SLA `json:"sla,omitempty" aka:"deadline,timeout"`
	// Approval, when set, makes the state collect approvals before its
	// approval event moves the instance on.
	Approval *Approval `json:"approval,omitempty" aka:"approvals,approvers"`
}

// Clock says how an SLA counts time.
type Clock string

// Clocks.
const (
	// ClockCalendar counts elapsed time; Days are calendar days in the
	// calendar's time zone (UTC without a calendar), so a day across a
	// DST change keeps the wall-clock time.
	ClockCalendar Clock = "calendar"
	// ClockBusiness counts working time of the [BusinessCalendar] bound
	// with [WithCalendar]; Days are working days.
	ClockBusiness Clock = "business"
)

// Anchor says where an SLA's countdown starts.
type Anchor string

// Anchors.
const (
	// AnchorEntered (the default) starts the countdown when the instance
	// enters the state.
	AnchorEntered Anchor = "entered"
	// AnchorPreviousDue starts it at the due time of the state the
	// instance came from (falling back to the entry time when that state
	// had no due time). An extension that adds 60 days to a registration's
	// expiry uses it.
	AnchorPreviousDue Anchor = "previous_due"
)

// SLA bounds the time an instance may spend in a state. Exactly one of
// Duration and Days is set.
type SLA struct {
	// Duration is elapsed time (calendar clock) or working time (business
	// clock), e.g. "48h" or "16h".
	Duration Duration `json:"duration,omitzero" aka:"within,hours,time"`
	// Days is a number of calendar days or working days.
	Days int `json:"days,omitempty" aka:"day,business_days"`
	// Clock defaults to ClockCalendar.
	Clock Clock `json:"clock,omitempty" aka:"calendar"`
	// Anchor defaults to AnchorEntered.
	Anchor Anchor `json:"anchor,omitempty" aka:"from,since"`
	// EscalateTo is the role notified when the SLA is breached (once, by
	// [Workflow.Advance]).
	EscalateTo Role `json:"escalate_to,omitempty" aka:"escalate,escalation,escalate_role"`
	// Escalations are further levels, each notifying a role a given time
	// after the due time (director after a day, VP after three), in
	// non-decreasing order of After.
	Escalations []Escalation `json:"escalations,omitempty" aka:"levels"`
	// Fire is the event applied when the SLA is breached (for example
	// "expire"); it must be accepted by the state.
	Fire Event `json:"fire,omitempty" aka:"event,on_breach,breach_event"`
	// RemindBefore, when set, is how long (elapsed time) before the due
	// time the owner is reminded, once, by [Workflow.Advance].
	RemindBefore Duration `json:"remind_before,omitzero" aka:"remind,reminder,reminder_before"`
}

// Escalation is one further escalation level of an [SLA]: To is notified
// once After (elapsed time) has passed since the due time.
type Escalation struct {
	After Duration `json:"after" aka:"delay,duration"`
	To    Role     `json:"to" aka:"role,escalate_to"`
}

// breachActions describes what the SLA does on breach: "fire expire",
// "escalate to a", "then b after 2 days".
func (s SLA) breachActions() []string {
	var parts []string
	if s.Fire != "" {
		parts = append(parts, "fire "+string(s.Fire))
	}
	if s.EscalateTo != "" {
		parts = append(parts, "escalate to "+string(s.EscalateTo))
	}
	for _, e := range s.Escalations {
		parts = append(parts, "then "+string(e.To)+" after "+dayDuration(time.Duration(e.After)))
	}
	return parts
}

// Describe renders the SLA's length as text: "2 business days",
// "90 days", "48h", "60 days after previous due".
func (s SLA) Describe() string {
	var b strings.Builder
	if s.Days > 0 {
		fmt.Fprintf(&b, "%d", s.Days)
		if s.Clock == ClockBusiness {
			b.WriteString(" business")
		}
		if s.Days == 1 {
			b.WriteString(" day")
		} else {
			b.WriteString(" days")
		}
	} else {
		b.WriteString(formatDuration(time.Duration(s.Duration)))
		if s.Clock == ClockBusiness {
			b.WriteString(" business time")
		}
	}
	if s.Anchor == AnchorPreviousDue {
		b.WriteString(" after previous due")
	}
	return b.String()
}

// Duration is a [time.Duration] that encodes in JSON as Go duration text
// ("48h", "1h30m"), decoded with [time.ParseDuration]. Days are written in
// hours ("336h" for 14 days); a JSON number is refused.
type Duration time.Duration

// JSONShape describes the JSON a Duration decodes from; decode errors
// quote it.
func (Duration) JSONShape() string { return `a duration like "48h" or "1h30m"` }

// MarshalText renders d like [time.Duration.String].
func (d Duration) MarshalText() ([]byte, error) { return []byte(formatDuration(time.Duration(d))), nil }

// dayDuration renders whole days as "14 days" ("1 day"), anything else
// with formatDuration.
func dayDuration(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d == day:
		return "1 day"
	case d > 0 && d%day == 0:
		return fmt.Sprintf("%d days", d/day)
	}
	return formatDuration(d)
}

// formatDuration renders d like time.Duration.String without zero
// trailing units: "48h", "1h30m", "90s".
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// UnmarshalText parses Go duration text with [time.ParseDuration].
func (d *Duration) UnmarshalText(b []byte) error {
	if len(b) > 64 {
		return errorf("parsing duration: longer than 64 bytes: %w", partnerops.ErrSyntax)
	}
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return errorf("parsing duration %q: want a duration like \"48h\" or \"1h30m\": %w", b, partnerops.ErrSyntax)
	}
	*d = Duration(v)
	return nil
}

// ApprovalMode says in which order approvals are collected.
type ApprovalMode string

// Approval modes.
const (
	// ApprovalSequential (the default) takes the required roles in
	// declaration order.
	ApprovalSequential ApprovalMode = "sequential"
	// ApprovalParallel takes the required roles in any order.
	ApprovalParallel ApprovalMode = "parallel"
)

// Approval makes a state an approval step. Each occurrence of Event with
// [Trigger.Role] set to a required role records one approval (a history
// entry that stays in the state); when the last required role approves,
// the state's ordinary transitions for Event are taken. Required roles are
// the Steps whose When guards all hold, evaluated on each approval.
// Approvals count within one visit of the state: leaving it (even to ask
// for information) starts the chain again on return. An approval from a
// role that is not pending fails with [ErrNotApprover].
type Approval struct {
	Event Event          `json:"event" aka:"on,trigger"`
	Mode  ApprovalMode   `json:"mode,omitempty" aka:"order"`
	Steps []ApprovalStep `json:"steps" aka:"step,approvers,roles"`
}

// ApprovalStep is one approver role, required when all its When guards
// hold (always when there are none). Paths name a step by its role:
// approval.steps[sales_director].when[0].
type ApprovalStep struct {
	Role Role    `json:"role" path:"key" aka:"approver"`
	When []Guard `json:"when,omitempty" aka:"guards,guard,if,condition,conditions"`
}

// Transition moves an instance from From to To when Event occurs and all
// Guards hold.
type Transition struct {
	// ID optionally names the transition (a name like a state's, unique
	// among the transitions); paths name the transition by it
	// (transitions[approve_big].guards[0]) and by its 0-based position
	// without it (transitions[3]).
	ID    string `json:"id,omitempty" aka:"name,key"`
	From  State  `json:"from" aka:"source,state"`
	Event Event  `json:"event" aka:"on,trigger"`
	To    State  `json:"to,omitempty" aka:"target,next"`
	// ToPrevious sends the instance back to the state it entered From
	// from (resume after a hold); To must then be empty.
	ToPrevious bool    `json:"to_previous,omitempty" aka:"back,return,previous,to_prev"`
	Guards     []Guard `json:"guards,omitempty" aka:"guard,when,if,condition,conditions"`
}

// Exception is a transition declared for many states at once. It applies
// to every non-terminal state listed in From (every non-terminal state
// other than To when From is empty) except those in Except, and never
// replaces a state's own transition for the same event. ID, like a
// transition's, optionally names it in paths.
type Exception struct {
	ID         string  `json:"id,omitempty" aka:"name,key"`
	Event      Event   `json:"event" aka:"on,trigger"`
	To         State   `json:"to,omitempty" aka:"target,next"`
	ToPrevious bool    `json:"to_previous,omitempty" aka:"back,return,previous,to_prev"`
	From       []State `json:"from,omitempty" aka:"states,source,only"`
	Except     []State `json:"except,omitempty" aka:"exclude,excluding,not"`
	Guards     []Guard `json:"guards,omitempty" aka:"guard,when,if,condition,conditions"`
}

// Op is a comparison operator of a data [Guard].
type Op string

// Operators. Ordering operators need operands of the same kind, number,
// time or string; eq and ne compare any kind; exists and missing test
// presence and take no operand.
const (
	OpEq      Op = "eq"
	OpNe      Op = "ne"
	OpLt      Op = "lt"
	OpLe      Op = "le"
	OpGt      Op = "gt"
	OpGe      Op = "ge"
	OpExists  Op = "exists"
	OpMissing Op = "missing"
)

// Guard is a pure predicate that must hold for a transition (or for an
// approval step to be required). It is either a data comparison, written
// in the definition itself (Field, Op, Value: deal_value ge 1000000), or a
// named Go guard (Name only) bound at compile time with [WithGuard]. Not
// negates the result. [Guard.Label] (Name, or "field op value") appears in
// errors and diagrams.
//
// A comparison reads Field from the event's [Trigger.Data] first, then
// from the instance's data. A missing field, or one of another kind than
// Value, fails every operator except ne and missing.
type Guard struct {
	Name  string `json:"name,omitempty" aka:"guard,label,func"`
	Field string `json:"field,omitempty" aka:"key,attribute,data"`
	Op    Op     `json:"op,omitempty" aka:"operator,cmp,comparison"`
	Value Value  `json:"value,omitzero" aka:"operand,equals,val"`
	Not   bool   `json:"not,omitempty" aka:"negate,negated"`
}

// Label returns the guard's name when it has one (the name describes the
// whole guard, negation included); otherwise "field op value", prefixed
// with "not " when negated.
func (g Guard) Label() string {
	if g.Name != "" {
		return g.Name
	}
	s := g.Field + " " + string(g.Op)
	if !g.Value.IsZero() {
		s += " " + g.Value.String()
	}
	if g.Not {
		s = "not " + s
	}
	return s
}

// ParseDefinition decodes a JSON workflow definition strictly (see the
// package doc): an unknown key is an error naming its path with a
// suggestion where one is close (states[review].onwer: unknown field; did
// you mean "owner"?), and so are duplicate keys and values of the wrong
// shape. Every problem is a [*partnerops.ValidationError] wrapping
// [partnerops.ErrInvalid], all reported at once. ParseDefinition does not
// validate the workflow itself: pass the result to [Compile].
func ParseDefinition(data []byte) (Definition, error) {
	var d Definition
	if err := strict.Decode(data, (*definitionPlain)(&d), strict.Options{}); err != nil {
		return Definition{}, errorf("parsing definition: %w", err)
	}
	return d, nil
}

// definitionPlain has Definition's fields and no methods, so strict.Decode
// walks them.
type definitionPlain Definition

// UnmarshalJSON decodes strictly, as [ParseDefinition] does.
func (d *Definition) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*definitionPlain)(d), strict.Options{})
}

// Clone returns a deep copy of d, so a host can change a standard
// workflow without touching the original.
func (d Definition) Clone() Definition {
	out := d
	out.States = slices.Clone(d.States)
	for i, s := range out.States {
		if s.SLA != nil {
			c := *s.SLA
			c.Escalations = slices.Clone(c.Escalations)
			out.States[i].SLA = &c
		}
		if s.Approval != nil {
			a := *s.Approval
			a.Steps = slices.Clone(a.Steps)
			for j := range a.Steps {
				a.Steps[j].When = slices.Clone(a.Steps[j].When)
			}
			out.States[i].Approval = &a
		}
	}
	out.Transitions = slices.Clone(d.Transitions)
	for i := range out.Transitions {
		out.Transitions[i].Guards = slices.Clone(out.Transitions[i].Guards)
	}
	out.Exceptions = slices.Clone(d.Exceptions)
	for i := range out.Exceptions {
		x := &out.Exceptions[i]
		x.From = slices.Clone(x.From)
		x.Except = slices.Clone(x.Except)
		x.Guards = slices.Clone(x.Guards)
	}
	return out
}

// State returns the declaration of the named state.
func (d Definition) State(name State) (StateDef, bool) {
	for _, s := range d.States {
		if s.Name == name {
			return s, true
		}
	}
	return StateDef{}, false
}
