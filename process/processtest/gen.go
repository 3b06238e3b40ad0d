package processtest

import (
	"fmt"
	"slices"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

// genStart is the first instant generated histories start at (they start
// in 2026).
var genStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var genEvents = []process.Event{"go", "back", "finish", "escalate", "approve"}

// Definition generates valid workflows on the calendar clock: 2 to 5
// working states (owned by the roles "r1" and "r2") and 1 or 2 terminal
// ones; from each working state 1 to 3 events, each to one state, some
// first guarded by an "amount" comparison (with an unguarded fallback or
// not); SLAs of 1 to 72 hours on some states, escalating to "manager"
// and perhaps firing one of the state's events; an approval by r1 (and
// r2 above an amount) on some; a "cancel" exception to the first
// terminal state; and perhaps an "on_hold" state that pauses the SLA,
// entered by a "hold" exception and left by "resume" to the previous
// state. Every workflow drawn compiles (perhaps with warnings).
func Definition() *rapid.Generator[process.Definition] {
	return rapid.Custom(func(t *rapid.T) process.Definition {
		d := process.Definition{ID: "generated", Name: "Generated", Version: 1, Initial: "s1"}
		nWork := rapid.IntRange(2, 5).Draw(t, "working states")
		nTerm := rapid.IntRange(1, 2).Draw(t, "terminal states")
		var work, all []process.State
		for i := range nWork {
			s := process.State(fmt.Sprintf("s%d", i+1))
			work = append(work, s)
			all = append(all, s)
		}
		for i := range nTerm {
			all = append(all, process.State(fmt.Sprintf("t%d", i+1)))
		}
		amount := func(label string) process.Guard {
			op := rapid.SampledFrom([]process.Op{process.OpGe, process.OpLt, process.OpEq, process.OpExists}).Draw(t, label+" op")
			g := process.Guard{Field: "amount", Op: op}
			if op != process.OpExists {
				g.Value = process.Int(rapid.Int64Range(0, 1000).Draw(t, label+" value"))
			}
			return g
		}
		for _, s := range work {
			def := process.StateDef{Name: s, Owner: rapid.SampledFrom([]process.Role{"r1", "r2"}).Draw(t, "owner")}
			events := rapid.SliceOfNDistinct(rapid.SampledFrom(genEvents), 1, 3, rapid.ID[process.Event]).Draw(t, "events")
			var unguarded []process.Event
			for _, ev := range events {
				to := rapid.SampledFrom(all).Draw(t, "to")
				if rapid.IntRange(0, 2).Draw(t, "guarded") == 0 {
					d.Transitions = append(d.Transitions, process.Transition{From: s, Event: ev, To: to, Guards: []process.Guard{amount("guard")}})
					if !rapid.Bool().Draw(t, "fallback") {
						continue
					}
					to = rapid.SampledFrom(all).Draw(t, "fallback to")
				}
				d.Transitions = append(d.Transitions, process.Transition{From: s, Event: ev, To: to})
				unguarded = append(unguarded, ev)
			}
			if rapid.Bool().Draw(t, "sla") {
				def.SLA = &process.SLA{Duration: process.Duration(time.Duration(rapid.IntRange(1, 72).Draw(t, "sla hours")) * time.Hour), EscalateTo: "manager"}
				if len(unguarded) > 0 && rapid.Bool().Draw(t, "fire") {
					def.SLA.Fire = rapid.SampledFrom(unguarded).Draw(t, "fire event")
				}
				if rapid.Bool().Draw(t, "second level") {
					def.SLA.Escalations = []process.Escalation{{After: process.Duration(24 * time.Hour), To: "director"}}
				}
			}
			if rapid.IntRange(0, 3).Draw(t, "approval") == 0 {
				a := &process.Approval{Event: rapid.SampledFrom(events).Draw(t, "approval event"), Steps: []process.ApprovalStep{{Role: "r1"}},
					Mode: rapid.SampledFrom([]process.ApprovalMode{process.ApprovalSequential, process.ApprovalParallel}).Draw(t, "mode")}
				if rapid.Bool().Draw(t, "second approver") {
					a.Steps = append(a.Steps, process.ApprovalStep{Role: "r2", When: []process.Guard{amount("when")}})
				}
				def.Approval = a
			}
			d.States = append(d.States, def)
		}
		for _, s := range all[nWork:] {
			d.States = append(d.States, process.StateDef{Name: s, Terminal: true})
		}
		d.Exceptions = append(d.Exceptions, process.Exception{ID: "cancel", Event: "cancel", To: all[nWork]})
		if rapid.Bool().Draw(t, "hold") {
			d.States = append(d.States, process.StateDef{Name: "on_hold", Owner: "r1", PausesSLA: true})
			d.Exceptions = append(d.Exceptions, process.Exception{ID: "hold", Event: "hold", To: "on_hold", From: work})
			d.Transitions = append(d.Transitions, process.Transition{From: "on_hold", Event: "resume", ToPrevious: true})
		}
		return d
	})
}

// History generates cases for w's workflow (drawn by [Definition] or any
// other) whose every step the workflow accepts: an instance "h-N"
// started in 2026 with data for the fields its guards read, then 0 to 12
// steps minutes to weeks apart, each an event the current state allows
// (from a pending approver's role for an approval) or an advance, and a
// case instant at or after the last step. A step the workflow would
// refuse is drawn again, or left out. Playing a drawn case refuses no
// step, and replaying its instance's history rebuilds the instance.
func History(w *process.Workflow) *rapid.Generator[Case] {
	def := w.Definition()
	fields := map[string][]process.Value{}
	var roles []process.Role
	seenRole := map[process.Role]bool{}
	addGuards := func(gs []process.Guard) {
		for _, g := range gs {
			if g.Field != "" {
				fields[g.Field] = append(fields[g.Field], g.Value)
			}
		}
	}
	addRole := func(r process.Role) {
		if r != "" && !seenRole[r] {
			seenRole[r] = true
			roles = append(roles, r)
		}
	}
	for _, tr := range def.Transitions {
		addGuards(tr.Guards)
	}
	for _, ex := range def.Exceptions {
		addGuards(ex.Guards)
	}
	for _, s := range def.States {
		addRole(s.Owner)
		if s.Approval != nil {
			for _, st := range s.Approval.Steps {
				addRole(st.Role)
				addGuards(st.When)
			}
		}
	}
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	slices.Sort(names)
	data := func(t *rapid.T) process.Data {
		out := process.Data{}
		for _, f := range names {
			if rapid.IntRange(0, 2).Draw(t, "set "+f) == 0 {
				continue
			}
			if v := near(t, f, rapid.SampledFrom(fields[f]).Draw(t, "operand "+f)); !v.IsZero() {
				out[f] = v
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	steps := []time.Duration{time.Minute, 17 * time.Minute, time.Hour, 5 * time.Hour, 26 * time.Hour, 3 * 24 * time.Hour, 40 * 24 * time.Hour}
	return rapid.Custom(func(t *rapid.T) Case {
		id := fmt.Sprintf("h-%d", rapid.IntRange(1, 999).Draw(t, "id"))
		at := genStart.Add(time.Duration(rapid.IntRange(0, 364*24*60).Draw(t, "start minute")) * time.Minute)
		g := Given{ID: id, Start: Step{At: at, Actor: "user:starter", Data: data(t)}}
		in, _, err := w.Start(id, g.Start.Trigger(), at)
		if err != nil {
			t.Fatalf("processtest.History: starting: %v", err)
		}
		for range rapid.IntRange(0, 12).Draw(t, "steps") {
			at = at.Add(rapid.SampledFrom(steps).Draw(t, "gap") * time.Duration(rapid.IntRange(1, 3).Draw(t, "gap factor")))
			if rapid.IntRange(0, 4).Draw(t, "advance") == 0 {
				next, _, err := w.Advance(in, at)
				if err == nil {
					g.Steps = append(g.Steps, Step{At: at, Advance: true})
					in = next
				}
				continue
			}
			allowed := w.Allowed(in.State)
			if len(allowed) == 0 {
				continue
			}
			for range 3 {
				s := Step{At: at, Event: rapid.SampledFrom(allowed).Draw(t, "event"), Actor: "user:" + fmt.Sprint(rapid.IntRange(1, 3).Draw(t, "actor"))}
				if pending := w.PendingApprovals(in, at); len(pending) > 0 && rapid.IntRange(0, 3).Draw(t, "as approver") > 0 {
					s.Role = rapid.SampledFrom(pending).Draw(t, "approver")
				} else if len(roles) > 0 && rapid.Bool().Draw(t, "with role") {
					s.Role = rapid.SampledFrom(roles).Draw(t, "role")
				}
				if rapid.IntRange(0, 3).Draw(t, "with data") == 0 {
					s.Data = data(t)
				}
				next, _, err := w.Apply(in, s.Trigger(), at)
				if err != nil {
					continue
				}
				g.Steps = append(g.Steps, s)
				in = next
				break
			}
		}
		caseAt := at.Add(time.Duration(rapid.IntRange(0, 30*24).Draw(t, "case hours later")) * time.Hour)
		return Case{ID: id, At: caseAt, Given: g}
	})
}

// near draws a value of the operand's kind close to it: a number within
// 2 of it, the same string or another, either bool, a time within two
// days. An operand of no kind (exists, missing) draws a small number.
func near(t *rapid.T, field string, operand process.Value) process.Value {
	switch operand.Kind() {
	case process.KindString:
		s, _ := operand.AsString()
		return process.String(rapid.SampledFrom([]string{s, s + "-other"}).Draw(t, field))
	case process.KindBool:
		return process.Bool(rapid.Bool().Draw(t, field))
	case process.KindTime:
		tm, _ := operand.AsTime()
		return process.Time(tm.Add(time.Duration(rapid.IntRange(-48, 48).Draw(t, field)) * time.Hour))
	case process.KindNumber:
		d, _ := operand.AsNumber()
		v, err := process.Number(d.Add(partnerops.DecimalFromInt(rapid.Int64Range(-2, 2).Draw(t, field))))
		if err != nil {
			return operand
		}
		return v
	}
	return process.Int(rapid.Int64Range(0, 1000).Draw(t, field))
}
