package process

import (
	"fmt"
	"strings"
	"time"
)

// previousNode is the pseudo-state drawn as the target of to_previous
// transitions (a history state).
const previousNode = "return_to_previous"

// edge is one arrow of a diagram: transitions with the same endpoints and
// label are drawn once, exceptions dashed.
type edge struct {
	from, to  string
	event     string
	guards    string // guard labels joined with " and "
	exception bool
}

// label is the arrow's text: the event, then the guards in brackets.
func (e edge) label() string {
	if e.guards == "" {
		return e.event
	}
	return e.event + " [" + e.guards + "]"
}

// edges lists the diagram arrows in definition order: transitions first,
// then exceptions (expanded per state), duplicates removed.
func (w *Workflow) edges() []edge {
	var out []edge
	seen := map[edge]bool{}
	add := func(t Transition, exception bool) {
		to := string(t.To)
		if t.ToPrevious {
			to = previousNode
		}
		gs := make([]string, len(t.Guards))
		for i, g := range t.Guards {
			gs[i] = g.Label()
		}
		e := edge{from: string(t.From), to: to, event: string(t.Event), guards: strings.Join(gs, " and "), exception: exception}
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	for _, t := range w.def.Transitions {
		add(t, false)
	}
	for _, t := range w.trans {
		if t.exception {
			add(t.transition, true)
		}
	}
	return out
}

// stateNote describes a state's owner, SLA and approvals on one line.
func (w *Workflow) stateNote(st StateDef) string {
	var parts []string
	if st.Owner != "" {
		parts = append(parts, "owner "+string(st.Owner))
	}
	if st.PausesSLA {
		parts = append(parts, "pauses SLA")
	}
	if st.SLA != nil {
		sla := "SLA " + st.SLA.Describe()
		if actions := st.SLA.breachActions(); len(actions) > 0 {
			sla += ", on breach " + strings.Join(actions, ", ")
		}
		if st.SLA.RemindBefore > 0 {
			sla += ", reminder " + dayDuration(time.Duration(st.SLA.RemindBefore)) + " before"
		}
		parts = append(parts, sla)
	}
	if a := st.Approval; a != nil {
		roles := make([]string, len(a.Steps))
		for i, s := range a.Steps {
			roles[i] = string(s.Role)
			if len(s.When) > 0 {
				ws := make([]string, len(s.When))
				for j, g := range s.When {
					ws[j] = g.Label()
				}
				roles[i] += " if " + strings.Join(ws, " and ")
			}
		}
		mode := a.Mode
		if mode == "" {
			mode = ApprovalSequential
		}
		parts = append(parts, fmt.Sprintf("%s approval by %s", mode, strings.Join(roles, ", ")))
	}
	return strings.Join(parts, "; ")
}

// Mermaid renders the workflow as a Mermaid stateDiagram-v2: states with
// their owner, SLA and approvals as descriptions, transitions labelled
// with their event and guards, and exceptions (expanded per state)
// labelled with their event. A to_previous transition points to a
// "previous" pseudo-state. The output is deterministic.
func (w *Workflow) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	if w.def.Name != "" {
		fmt.Fprintf(&b, "    %%%% %s\n", w.def.Name)
	}
	for _, st := range w.states {
		if note := w.stateNote(st.def); note != "" {
			fmt.Fprintf(&b, "    %s : %s\n", st.def.Name, mermaidText(note))
		}
	}
	fmt.Fprintf(&b, "    [*] --> %s\n", w.def.Initial)
	for _, e := range w.edges() {
		label := e.label()
		if e.exception {
			label += " (exception)"
		}
		fmt.Fprintf(&b, "    %s --> %s : %s\n", e.from, e.to, mermaidText(label))
	}
	for _, st := range w.states {
		if st.def.Terminal {
			fmt.Fprintf(&b, "    %s --> [*]\n", st.def.Name)
		}
	}
	return b.String()
}

// mermaidText keeps Mermaid labels on one line and free of characters
// that end a label or open markup.
func mermaidText(s string) string {
	return strings.NewReplacer("\n", " ", ":", " ", ";", ",", "<", "‹", ">", "›", "#", "no.").Replace(s)
}

// DOT renders the workflow as Graphviz DOT text: terminal states as double
// circles, the initial state marked by an arrow from a point, states
// labelled with owner, SLA and approvals, exceptions dashed. The output is
// deterministic.
func (w *Workflow) DOT() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotID(w.def.ID))
	if w.def.Name != "" {
		fmt.Fprintf(&b, "    label=%s;\n    labelloc=t;\n", dotID(w.def.Name))
	}
	b.WriteString("    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n")
	b.WriteString("    \"__start\" [shape=point, label=\"\"];\n")
	for _, st := range w.states {
		label := string(st.def.Name)
		if note := w.stateNote(st.def); note != "" {
			label += "\n" + strings.ReplaceAll(note, "; ", "\n")
		}
		attrs := "label=" + dotID(label)
		if st.def.Terminal {
			attrs += ", shape=doublecircle, style=\"\""
		}
		fmt.Fprintf(&b, "    %s [%s];\n", dotID(string(st.def.Name)), attrs)
	}
	for _, e := range w.edges() {
		if e.to == previousNode {
			fmt.Fprintf(&b, "    %s [shape=circle, label=\"H\"];\n", dotID(previousNode))
			break
		}
	}
	fmt.Fprintf(&b, "    \"__start\" -> %s;\n", dotID(string(w.def.Initial)))
	for _, e := range w.edges() {
		attrs := "label=" + dotID(e.label())
		if e.exception {
			attrs += ", style=dashed"
		}
		fmt.Fprintf(&b, "    %s -> %s [%s];\n", dotID(e.from), dotID(e.to), attrs)
	}
	b.WriteString("}\n")
	return b.String()
}

// dotID quotes s as a DOT string.
func dotID(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "\"", "\\\"", "\n", "\\n")
	return "\"" + r.Replace(s) + "\""
}
