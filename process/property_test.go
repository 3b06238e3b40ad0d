package process_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/partnerops/partnerops/process"
	"pgregory.net/rapid"
)

// propertyWorkflows are the workflows the property tests walk.
func propertyWorkflows(t testing.TB) []*process.Workflow {
	var ws []*process.Workflow
	for _, d := range append(process.Standard(), reviewDef()) {
		ws = append(ws, process.MustCompile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked)))
	}
	return ws
}

// allEvents lists every event and approver role of a workflow.
func allEvents(w *process.Workflow) ([]process.Event, []process.Role) {
	d := w.Definition()
	var evs []process.Event
	roles := []process.Role{""}
	for _, t := range d.Transitions {
		evs = append(evs, t.Event)
	}
	for _, x := range d.Exceptions {
		evs = append(evs, x.Event)
	}
	for _, s := range d.States {
		if s.Approval != nil {
			for _, st := range s.Approval.Steps {
				roles = append(roles, st.Role)
			}
		}
	}
	slices.Sort(evs)
	return slices.Compact(evs), roles
}

var dataFields = []string{"deal_value", "amount", "evidence", "proof_of_performance", "blocked"}

func drawData(t *rapid.T) process.Data {
	if !rapid.Bool().Draw(t, "set_data") {
		return nil
	}
	f := rapid.SampledFrom(dataFields).Draw(t, "field")
	var v process.Value
	switch f {
	case "blocked":
		v = process.Bool(rapid.Bool().Draw(t, "bool"))
	case "evidence", "proof_of_performance":
		v = process.String("doc")
	default:
		v = process.Int(rapid.Int64Range(0, 3_000_000).Draw(t, "n"))
	}
	return process.Data{f: v}
}

// drawStarted draws one of ws and starts instance id of it at at, with
// random data.
func drawStarted(t *rapid.T, ws []*process.Workflow, id string, at time.Time) (*process.Workflow, process.Instance, []process.Effect) {
	w := rapid.SampledFrom(ws).Draw(t, "workflow")
	in, effs, err := w.Start(id, process.Trigger{Data: drawData(t)}, at)
	if err != nil {
		t.Fatal(err)
	}
	return w, in, effs
}

// TestPropertyWorkflows drives every workflow with random event
// sequences (mostly allowed events, some arbitrary ones, and Advance at
// random later times) and checks, after each step: a refused event leaves
// the instance unchanged; the version and history length equal the
// entries recorded (start, accepted events, SLA alerts); a terminal state
// accepts no event; replaying the history gives the incremental instance;
// the SLA steps recomputed from the history end with the instance's
// current step and due time; every effect key is new (unique per
// instance, never repeated across calls) and names the instance and a
// version of it; and Effects re-derives every version's effects with the
// same keys.
func TestPropertyWorkflows(t *testing.T) {
	ws := propertyWorkflows(t)
	rapid.Check(t, func(t *rapid.T) {
		at := utc(2026, 3, 2, 9, 0)
		w, in, effs := drawStarted(t, ws, "p", at)
		events, roles := allEvents(w)
		byVersion := map[int][]process.Effect{}
		keys := map[string]bool{}
		record := func(t *rapid.T, effs []process.Effect, before, after int) {
			for _, e := range effs {
				if keys[e.Key()] {
					t.Fatalf("effect key %s repeats", e.Key())
				}
				keys[e.Key()] = true
				if e.Instance != "p" || e.Version <= before || e.Version > after || e.Index != len(byVersion[e.Version]) {
					t.Fatalf("effect %v: identity outside versions (%d, %d]", e, before, after)
				}
				byVersion[e.Version] = append(byVersion[e.Version], e)
			}
		}
		record(t, effs, 0, 1)
		checked := 0 // versions whose effects Effects re-derived
		accepted := 1
		t.Repeat(map[string]func(*rapid.T){
			"allowed": func(t *rapid.T) {
				allowed := w.Allowed(in.State)
				if len(allowed) == 0 {
					t.Skip("terminal")
				}
				at = at.Add(time.Duration(rapid.IntRange(0, 72*60).Draw(t, "minutes")) * time.Minute)
				tr := process.Trigger{
					Event: rapid.SampledFrom(allowed).Draw(t, "event"),
					Role:  rapid.SampledFrom(roles).Draw(t, "role"),
					Data:  drawData(t),
				}
				verdict := w.Check(in, tr, at)
				out, effs, err := w.Apply(in, tr, at)
				if (verdict == nil) != (err == nil) || (err != nil && err.Error() != verdict.Error()) {
					t.Fatalf("Check says %v, Apply %v", verdict, err)
				}
				if err != nil {
					if !out.Equal(in) {
						t.Fatalf("refused %q changed the instance", tr.Event)
					}
					return
				}
				record(t, effs, in.Version, out.Version)
				in = out
				accepted++
			},
			"any": func(t *rapid.T) {
				tr := process.Trigger{Event: rapid.SampledFrom(events).Draw(t, "event")}
				out, effs, err := w.Apply(in, tr, at)
				if err == nil {
					record(t, effs, in.Version, out.Version)
					in = out
					accepted++
				} else if !slices.Contains(w.Allowed(in.State), tr.Event) && !errors.Is(err, process.ErrInvalidTransition) {
					t.Fatalf("event %q outside Allowed(%q) refused with %v", tr.Event, in.State, err)
				}
			},
			"advance": func(t *rapid.T) {
				later := at.Add(time.Duration(rapid.IntRange(0, 400).Draw(t, "days")) * 24 * time.Hour)
				out, effs, err := w.Advance(in, later)
				if err != nil {
					return
				}
				record(t, effs, in.Version, out.Version)
				// Advancing again at the same time does nothing.
				if again, effs, err := w.Advance(out, later); err != nil || len(effs) > 0 || !again.Equal(out) {
					t.Fatalf("a second Advance at the same time issued %v (%v)", effs, err)
				}
				accepted += out.Version - in.Version
				in = out
				if !later.Before(at) {
					at = later
				}
			},
			"": func(t *rapid.T) {
				if in.Version != accepted || len(in.History) != accepted {
					t.Fatalf("version %d, history %d, accepted %d", in.Version, len(in.History), accepted)
				}
				if w.IsTerminal(in.State) {
					for _, e := range events {
						if _, _, err := w.Apply(in, process.Trigger{Event: e}, at); !errors.Is(err, process.ErrInvalidTransition) {
							t.Fatalf("terminal %q accepted %q: %v", in.State, e, err)
						}
					}
				}
				re, err := w.Replay(in.ID, in.History)
				if err != nil {
					t.Fatalf("Replay: %v", err)
				}
				if !re.Equal(in) {
					t.Fatalf("Replay differs from incremental application")
				}
				// The SLA report recomputed from the history agrees with
				// the instance's own step.
				steps, err := w.Steps(in, at)
				if err != nil {
					t.Fatalf("Steps: %v", err)
				}
				last := steps[len(steps)-1]
				if last.State != in.State || !last.Entered.Equal(in.Entered) || !last.Due.Equal(in.Due) {
					t.Fatalf("Steps ends with %s entered %v due %v; instance %s entered %v due %v",
						last.State, last.Entered, last.Due, in.State, in.Entered, in.Due)
				}
				// Replay gives the same effect keys: Effects re-derives each
				// new version's effects exactly.
				for ; checked < in.Version; checked++ {
					got, err := w.Effects(in, checked+1)
					if err != nil {
						t.Fatalf("Effects(%d): %v", checked+1, err)
					}
					if diff := cmp.Diff(byVersion[checked+1], got, cmpopts.EquateEmpty()); diff != "" {
						t.Fatalf("Effects(%d) (-want +got):\n%s", checked+1, diff)
					}
				}
			},
		})
	})
}

// TestPropertyBusinessCalendar checks business-time arithmetic on random
// calendars (working days, window, a weekday override, holidays, New
// York, India or UTC): Add lands exactly d of working time later, inside
// working time; AddDays lands exactly n working windows later.
func TestPropertyBusinessCalendar(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("IST", 5*3600+1800), newYork(t)}
	days := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		var work []string
		for _, d := range days {
			if rapid.Bool().Draw(t, d) {
				work = append(work, d)
			}
		}
		if len(work) == 0 {
			work = []string{"wed"}
		}
		start := rapid.IntRange(3, 20).Draw(t, "start")
		end := rapid.IntRange(start+1, 23).Draw(t, "end")
		var hols []string
		for range rapid.IntRange(0, 20).Draw(t, "holidays") {
			hols = append(hols, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rapid.IntRange(0, 400).Draw(t, "holiday")).Format(time.DateOnly))
		}
		var overrides []process.DayWindow
		if rapid.Bool().Draw(t, "override") {
			os := rapid.IntRange(3, 20).Draw(t, "override_start")
			overrides = append(overrides, process.DayWindow{Day: work[0], Start: fmt.Sprintf("%02d:30", os), End: fmt.Sprintf("%02d:00", rapid.IntRange(os+1, 23).Draw(t, "override_end"))})
		}
		c, err := process.NewBusinessCalendar(process.CalendarDef{
			WorkingDays: work, Holidays: hols, Overrides: overrides,
			Start: fmt.Sprintf("%02d:00", start), End: fmt.Sprintf("%02d:00", end),
		}, loc)
		if err != nil {
			t.Fatal(err)
		}
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rapid.Int64Range(0, 365*24*3600).Draw(t, "from")) * time.Second)
		d := time.Duration(rapid.Int64Range(1, 300*3600).Draw(t, "d")) * time.Second
		due := c.Add(from, d)
		if due.Before(from) {
			t.Fatalf("Add went back in time")
		}
		if got := c.Between(from, due); got != d {
			t.Fatalf("Between(from, Add(from, %v)) = %v", d, got)
		}
		if !c.IsWorking(due.Add(-time.Nanosecond)) {
			t.Fatalf("the instant before a due time %v is not working time", due)
		}
		if len(overrides) > 0 {
			return // AddDays clamps to shorter days; checked by example tests
		}
		n := rapid.IntRange(1, 30).Draw(t, "n")
		window := time.Duration(end-start) * time.Hour
		if got := c.Between(from, c.AddDays(from, n)); got != time.Duration(n)*window {
			t.Fatalf("Between(from, AddDays(from, %d)) = %v, want %v", n, got, time.Duration(n)*window)
		}
	})
}

// model is a slow, obvious reading of a Definition: which targets a
// (state, event) pair may lead to, straight from the declared transitions
// and exceptions, with "previous" tracked by hand.
type model struct {
	def      process.Definition
	terminal map[process.State]bool
}

func newModel(d process.Definition) model {
	m := model{def: d, terminal: map[process.State]bool{}}
	for _, s := range d.States {
		m.terminal[s.Name] = s.Terminal
	}
	return m
}

// targets returns the states ev may lead to from s (previous standing
// for to_previous), and whether s accepts ev at all.
func (m model) targets(s, previous process.State, ev process.Event) ([]process.State, bool) {
	var out []process.State
	for _, t := range m.def.Transitions {
		if t.From == s && t.Event == ev {
			to := t.To
			if t.ToPrevious {
				to = previous
			}
			out = append(out, to)
		}
	}
	if len(out) > 0 {
		return out, true
	}
	for _, x := range m.def.Exceptions {
		if x.Event != ev || m.terminal[s] || slices.Contains(x.Except, s) {
			continue
		}
		if len(x.From) > 0 && !slices.Contains(x.From, s) || len(x.From) == 0 && x.To == s {
			continue
		}
		to := x.To
		if x.ToPrevious {
			to = previous
		}
		out = append(out, to)
	}
	return out, len(out) > 0
}

// TestPropertyModel checks the compiled transition tables against the
// model: an event the model says the state does not accept is refused
// with ErrInvalidTransition; an accepted event leads to one of the
// model's targets (or stays put when it records an approval).
func TestPropertyModel(t *testing.T) {
	ws := propertyWorkflows(t)
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.SampledFrom(ws).Draw(t, "workflow")
		m := newModel(w.Definition())
		events, roles := allEvents(w)
		at := utc(2026, 3, 2, 9, 0)
		in, _, _ := w.Start("m", process.Trigger{Data: drawData(t)}, at)
		var previous process.State
		for range rapid.IntRange(1, 40).Draw(t, "steps") {
			ev := rapid.SampledFrom(events).Draw(t, "event")
			tr := process.Trigger{Event: ev, Role: rapid.SampledFrom(roles).Draw(t, "role"), Data: drawData(t)}
			want, accepts := m.targets(in.State, previous, ev)
			out, _, err := w.Apply(in, tr, at)
			switch {
			case !accepts:
				if !errors.Is(err, process.ErrInvalidTransition) {
					t.Fatalf("%s --%s--> refused with %v, the model accepts nothing", in.State, ev, err)
				}
				continue
			case err != nil:
				if errors.Is(err, process.ErrInvalidTransition) {
					t.Fatalf("%s --%s--> refused as not allowed; the model allows %v", in.State, ev, want)
				}
				continue
			}
			approval := false
			if s, _ := m.def.State(in.State); s.Approval != nil && s.Approval.Event == ev && out.State == in.State {
				approval = true
			}
			if !approval && !slices.Contains(want, out.State) {
				t.Fatalf("%s --%s--> %s; the model allows %v", in.State, ev, out.State, want)
			}
			if out.State != in.State {
				previous = in.State
			}
			in = out
		}
	})
}

// TestPropertyApplyKeepsOldInstances checks Apply's value semantics on
// random branching runs: events are applied to the newest instance or to
// any older version kept along the way (so histories share storage and
// some appends copy), on the chain's spare storage or the caller's
// buffer, and the caller then appends to the effects it got and changes
// the trigger's data map. After every step each kept instance still
// encodes to the JSON it had when made, and each call's effects are
// still the ones it returned.
func TestPropertyApplyKeepsOldInstances(t *testing.T) {
	type kept struct {
		in   process.Instance
		json string
	}
	type call struct{ got, want []process.Effect }
	ws := propertyWorkflows(t)
	rapid.Check(t, func(t *rapid.T) {
		at := utc(2026, 3, 2, 9, 0)
		w, start, effs := drawStarted(t, ws, "k", at)
		_, roles := allEvents(w)
		snapshot := func(in process.Instance) kept {
			b, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			return kept{in, string(b)}
		}
		versions := []kept{snapshot(start)}
		calls := []call{{effs, slices.Clone(effs)}}
		var buf []process.Effect
		var err error
		for range rapid.IntRange(1, 30).Draw(t, "steps") {
			from := versions[len(versions)-1]
			if rapid.Bool().Draw(t, "branch") {
				from = rapid.SampledFrom(versions).Draw(t, "from")
			}
			allowed := w.Allowed(from.in.State)
			if len(allowed) == 0 {
				continue
			}
			at = at.Add(time.Duration(rapid.IntRange(0, 72*60).Draw(t, "minutes")) * time.Minute)
			tr := process.Trigger{
				Event: rapid.SampledFrom(allowed).Draw(t, "event"),
				Role:  rapid.SampledFrom(roles).Draw(t, "role"),
				Data:  drawData(t),
			}
			var out process.Instance
			if rapid.Bool().Draw(t, "append") {
				out, buf, err = w.AppendApply(buf[:0], from.in, tr, at)
				effs = slices.Clone(buf)
			} else {
				out, effs, err = w.Apply(from.in, tr, at)
			}
			if err == nil {
				versions = append(versions, snapshot(out))
				calls = append(calls, call{effs, slices.Clone(effs)})
				_ = append(effs, process.Effect{Kind: process.EffectCompleted, State: "clobbered"})
			}
			for k := range tr.Data {
				tr.Data[k] = process.String("changed")
			}
			for i, v := range versions {
				if now := snapshot(v.in); now.json != v.json {
					t.Fatalf("version %d changed after a later Apply:\nwas %s\nnow %s", i, v.json, now.json)
				}
			}
			for i, c := range calls {
				if diff := cmp.Diff(c.want, c.got); diff != "" {
					t.Fatalf("effects of call %d changed (-want +got):\n%s", i, diff)
				}
			}
		}
	})
}
