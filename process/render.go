package process

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnerops/partnerops/internal/textfmt"
)

// mdBlanks shows empty cells as "-" in process tables.
func mdBlanks(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c == "" {
			c = "-"
		}
		out[i] = c
	}
	return out
}

func mdTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04 MST")
}

// mdRow writes a table row through textfmt, empty cells shown as "-".
func mdRow(b *strings.Builder, cells ...string) { textfmt.Row(b, mdBlanks(cells)...) }

// mdHeader writes a table header through textfmt, empty cells shown as "-".
func mdHeader(b *strings.Builder, cells ...string) { textfmt.Header(b, mdBlanks(cells)...) }

// Markdown renders the workflow as a Markdown document: a table of states
// (owner, SLA, breach actions, approvals, allowed events) and a table of
// transitions with their guards, exceptions expanded per state. The output
// is deterministic.
func (w *Workflow) Markdown() string {
	var b strings.Builder
	title := w.def.Name
	if title == "" {
		title = w.def.ID
	}
	fmt.Fprintf(&b, "## %s\n\nWorkflow `%s`, initial state `%s`.\n\n", title, w.def.ID, w.def.Initial)
	mdHeader(&b, "State", "Owner", "SLA", "On breach", "Approvals", "Allowed events")
	for _, st := range w.states {
		d := st.def
		sla, breach, approvals := "", "", ""
		if d.Terminal {
			sla = "terminal"
		}
		if s := d.SLA; s != nil {
			sla = s.Describe()
			if s.RemindBefore > 0 {
				sla += ", reminder " + dayDuration(time.Duration(s.RemindBefore)) + " before"
			}
			breach = strings.Join(s.breachActions(), ", ")
		}
		if a := d.Approval; a != nil {
			approvals = w.stateNote(StateDef{Approval: a})
		}
		events := make([]string, len(st.allowed))
		for i, e := range st.allowed {
			events[i] = string(e)
		}
		mdRow(&b, string(d.Name), string(d.Owner), sla, breach, approvals, strings.Join(events, ", "))
	}
	b.WriteString("\n")
	mdHeader(&b, "From", "Event", "To", "Guards", "Kind")
	for _, e := range w.edges() {
		to := e.to
		if to == previousNode {
			to = "(previous state)"
		}
		kind := "transition"
		if e.exception {
			kind = "exception"
		}
		mdRow(&b, e.from, e.event, to, e.guards, kind)
	}
	return b.String()
}

// RenderSteps renders SLA steps (from [Workflow.Steps]) as a Markdown
// table: state, owner, entered, left, due and outcome.
func RenderSteps(steps []Step) string {
	var b strings.Builder
	mdHeader(&b, "Step", "Owner", "Entered", "Left", "Due", "Outcome")
	for _, s := range steps {
		outcome := "met"
		switch {
		case s.Due.IsZero():
			outcome = "no SLA"
		case s.Breached:
			outcome = "breached by " + humanDuration(s.Overdue)
		case s.Left.IsZero():
			outcome = humanDuration(s.Remaining) + " left"
		}
		mdRow(&b, string(s.State), string(s.Owner), mdTime(s.Entered), mdTime(s.Left), mdTime(s.Due), outcome)
	}
	return b.String()
}

// RenderHistory renders an instance's history as a Markdown table:
// version, time, event, from, to, actor, role and reason.
func RenderHistory(h []Entry) string {
	var b strings.Builder
	mdHeader(&b, "v", "At", "Event", "From", "To", "Actor", "Role", "Reason")
	for _, e := range h {
		mdRow(&b, fmt.Sprint(e.Version), mdTime(e.At), string(e.Event), string(e.From), string(e.To), e.Actor, string(e.Role), e.Reason)
	}
	return b.String()
}

// humanDuration renders d in days and hours from two days up ("89d9h"),
// else like [time.Duration] without zero trailing units ("17h30m").
func humanDuration(d time.Duration) string {
	if d < 48*time.Hour {
		return formatDuration(d.Round(time.Minute))
	}
	days := d / (24 * time.Hour)
	hours := (d - days*24*time.Hour).Round(time.Hour) / time.Hour
	if hours == 24 {
		days, hours = days+1, 0
	}
	if hours == 0 {
		return fmt.Sprintf("%dd", days)
	}
	return fmt.Sprintf("%dd%dh", days, hours)
}

// PendingApprovals returns the approver roles still required in the
// instance's current state as of at (in declaration order; in a
// sequential chain the first is the next to act), or nil when the state
// collects no approvals.
func (w *Workflow) PendingApprovals(in Instance, at time.Time) []Role {
	si, ok := w.stateOf(&in)
	if !ok || w.states[si].approval == nil {
		return nil
	}
	var none Trigger
	return w.pending(&in, &none, w.states[si].approval, at)
}

// localTime renders t in the workflow's zone (the calendar's, else UTC),
// "-" when zero.
func (w *Workflow) localTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return mdTime(t.In(w.location()))
}

// wakeActions says what Advance does at the instance's wake-up:
// "remind partner", "escalate to channel_director", "fire expire".
func (w *Workflow) wakeActions(si int32, in *Instance) []string {
	st := &w.states[si]
	var out []string
	for i := max(in.Alerts, 0); i < len(st.alerts); i++ {
		a := &st.alerts[i]
		if !in.Due.Add(a.offset).Equal(in.Wake) {
			break
		}
		if a.kind == EffectRemind {
			out = append(out, "remind "+string(a.role))
		} else {
			out = append(out, "escalate to "+string(a.role))
		}
	}
	if st.fire >= 0 && in.Due.Equal(in.Wake) {
		out = append(out, "fire "+string(w.events[st.fire]))
	}
	return out
}

// Explain describes where an instance stands as of at, in a few lines of
// plain text: its state and owner, how long it has been there, its SLA
// (due, remaining or overdue, escalation), its next wake-up and what
// Advance does then, a paused step, pending approvals and the events
// allowed next. Times are shown in the
// workflow's zone: its calendar's, UTC without one.
func (w *Workflow) Explain(in Instance, at time.Time) string {
	si, ok := w.stateOf(&in)
	if !ok || in.Workflow != w.def.ID {
		return fmt.Sprintf("%s: state %q is not part of workflow %q\n", in.ID, in.State, w.def.ID)
	}
	st := &w.states[si]
	var b strings.Builder
	fmt.Fprintf(&b, "%s is %s (version %d)", in.ID, in.State, in.Version)
	if st.def.Terminal {
		fmt.Fprintf(&b, ", a terminal state since %s.\n", w.localTime(in.Entered))
		return b.String()
	}
	fmt.Fprintf(&b, ", owned by %s, since %s (%s).\n", st.def.Owner, w.localTime(in.Entered), humanDuration(at.Sub(in.Entered)))
	if !in.Due.IsZero() {
		s := w.step(si, in.Entered, time.Time{}, in.Due, at)
		if s.Breached {
			fmt.Fprintf(&b, "SLA %s breached: due %s, overdue by %s", st.sla.Describe(), w.localTime(in.Due), humanDuration(s.Overdue))
		} else {
			fmt.Fprintf(&b, "SLA %s: due %s, %s left", st.sla.Describe(), w.localTime(in.Due), humanDuration(s.Remaining))
		}
		if then := st.sla.breachActions(); len(then) > 0 {
			fmt.Fprintf(&b, "; on breach: %s", strings.Join(then, ", "))
		}
		b.WriteString(".\n")
	}
	if !in.Wake.IsZero() {
		fmt.Fprintf(&b, "Next wake-up %s: %s.\n", w.localTime(in.Wake), strings.Join(w.wakeActions(si, &in), ", "))
	}
	if p := in.Paused; p != nil {
		fmt.Fprintf(&b, "Paused step: %s since %s", p.State, w.localTime(p.Since))
		if !p.Due.IsZero() {
			fmt.Fprintf(&b, " (was due %s)", w.localTime(p.Due))
		}
		b.WriteString(".\n")
	}
	if pend := w.PendingApprovals(in, at); len(pend) > 0 {
		roles := make([]string, len(pend))
		for i, r := range pend {
			roles[i] = string(r)
		}
		mode := "in order"
		if st.approval.mode == ApprovalParallel {
			mode = "in any order"
		}
		fmt.Fprintf(&b, "Waiting for approval by %s (%s).\n", strings.Join(roles, ", "), mode)
	}
	events := make([]string, len(st.allowed))
	for i, e := range st.allowed {
		events[i] = string(e)
	}
	fmt.Fprintf(&b, "Allowed events: %s.\n", strings.Join(events, ", "))
	return b.String()
}
