package process_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

func problemPaths(err error) []string {
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	return paths
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(d *process.Definition)
		noCal  bool
		noFunc bool
		want   []string
	}{
		{"empty definition", func(d *process.Definition) { *d = process.Definition{} }, false, false,
			[]string{"id", "states", "initial"}},
		{"bad and duplicate state names", func(d *process.Definition) {
			d.States[2].Name = "Info"
			d.States[3].Name = "draft"
		}, false, false, []string{"states[Info].name", "states[3].name", "transitions[4].from", "transitions[5].from",
			"exceptions[1].to", "exceptions[1].except[0]", "exceptions[2].to"}},
		{"initial unknown", func(d *process.Definition) { d.Initial = "nope" }, false, false, []string{"initial"}},
		{"initial terminal", func(d *process.Definition) { d.Initial = "done" }, false, false, []string{"initial"}},
		{"non-terminal state without owner", func(d *process.Definition) { d.States[0].Owner = "" }, false, false, []string{"states[draft].owner"}},
		{"transition to unknown state and reserved event", func(d *process.Definition) {
			d.Transitions[2].To = "nowhere"
			d.Transitions[3].Event = "start"
		}, false, false, []string{"transitions[2].to", "transitions[3].event"}},
		{"transition out of a terminal state", func(d *process.Definition) {
			d.Transitions = append(d.Transitions, process.Transition{From: "done", Event: "reopen", To: "draft"})
		}, false, false, []string{"transitions[9].from"}},
		{"to and to_previous together, and neither", func(d *process.Definition) {
			d.Transitions[4].To = "draft"
			d.Transitions[7].To = ""
		}, false, false, []string{"transitions[4].to", "transitions[7].to"}},
		{"guards: no field, unknown op, missing value, bool ordering, exists with value", func(d *process.Definition) {
			d.Transitions[2].Guards = []process.Guard{
				{},
				{Field: "x", Op: "like", Value: process.String("a")},
				{Field: "x", Op: process.OpGe},
				{Field: "x", Op: process.OpLt, Value: process.Bool(true)},
				{Field: "x", Op: process.OpExists, Value: process.Int(1)},
			}
		}, false, false, []string{"transitions[2].guards[0]", "transitions[2].guards[1].op", "transitions[2].guards[2].value", "transitions[2].guards[3].value", "transitions[2].guards[4].value"}},
		{"unknown Go guard", nil, false, true, []string{"transitions[0].guards[0].name"}},
		{"exception that applies to no state and one from an unknown state", func(d *process.Definition) {
			d.Exceptions = append(d.Exceptions,
				process.Exception{Event: "submit", To: "done", From: []process.State{"draft"}},
				process.Exception{Event: "pong", To: "draft", From: []process.State{"ghost"}},
			)
		}, false, false, []string{"exceptions[3]", "exceptions[4].from[0]"}},
		{"SLA problems", func(d *process.Definition) {
			d.States[0].SLA = &process.SLA{Days: 2, Duration: process.Duration(time.Hour)}
			d.States[2].SLA = &process.SLA{Clock: "lunar", Days: 1, Anchor: "whenever"}
			d.States[3].SLA = &process.SLA{Days: 1, Fire: "expire"}
			d.States[5].SLA = &process.SLA{Days: 1}
		}, false, false, []string{"states[draft].sla", "states[info].sla.clock", "states[info].sla.anchor", "states[on_hold].sla.fire"}},
		{"SLA length", func(d *process.Definition) {
			d.States[0].SLA = &process.SLA{}
			d.States[2].SLA = &process.SLA{Days: -1}
			d.States[3].SLA = &process.SLA{Duration: process.Duration(-time.Hour)}
		}, false, false, []string{"states[draft].sla", "states[info].sla.days", "states[on_hold].sla.duration"}},
		{"business clock without a calendar", nil, true, false, []string{"states[review].sla.clock"}},
		{"approval problems", func(d *process.Definition) {
			d.States[1].Approval = &process.Approval{Event: "close", Mode: "random", Steps: []process.ApprovalStep{{Role: "a"}, {Role: "a"}, {}}}
		}, false, false, []string{"states[review].approval.mode", "states[review].approval.event", "states[review].approval.steps[1].role", "states[review].approval.steps[2].role"}},
		{"approval without steps", func(d *process.Definition) { d.States[1].Approval.Steps = nil }, false, false, []string{"states[review].approval.steps"}},
		{"duplicate and ambiguous transitions", func(d *process.Definition) {
			d.Transitions = append(d.Transitions,
				process.Transition{From: "review", Event: "reject", To: "rejected"},
				process.Transition{From: "approved", Event: "close", To: "expired"},
				process.Transition{From: "draft", Event: "submit", To: "done", Guards: []process.Guard{{Field: "amount", Op: process.OpExists}}},
			)
		}, false, false, []string{"transitions[11]", "transitions[9]", "transitions[10]"}},
		{"guard kinds: a Go guard with an op, a comparison without op, missing fields", func(d *process.Definition) {
			d.Transitions[2].Guards = []process.Guard{
				{Name: "blocked", Op: process.OpEq, Value: process.Int(1)},
				{Field: "x", Value: process.Int(1)},
				{Name: "label only", Field: "x", Op: process.OpEq},
			}
			d.Transitions[3].From, d.Transitions[3].Event = "", ""
		}, false, false, []string{"transitions[2].guards[0].field", "transitions[2].guards[1].op", "transitions[2].guards[2].value", "transitions[3].from", "transitions[3].event"}},
		{"transition and exception IDs name them in paths", func(d *process.Definition) {
			d.Transitions[2].ID = "approve"
			d.Transitions[2].To = "nowhere"
			d.Transitions[3].ID = "approve"
			d.Transitions[4].ID = "Bad ID"
			d.Exceptions[0].ID = "cancel_all"
			d.Exceptions[0].To = "nowhere"
		}, false, false, []string{"transitions[approve].to", "transitions[approve].id", "transitions[\"Bad ID\"].id", "exceptions[cancel_all].to"}},
		{"exception except lists a state its from does not", func(d *process.Definition) {
			d.Exceptions[2].Except = []process.State{"draft"}
		}, false, false, []string{"exceptions[2].except[0]"}},
		{"approval steps named by role", func(d *process.Definition) {
			d.States[1].Approval.Steps[1].When = []process.Guard{{Field: "amount", Op: "between"}}
			d.States[1].Approval.Event = ""
		}, false, false, []string{"states[review].approval.event", "states[review].approval.steps[director].when[0].op"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := reviewDef()
			if tt.edit != nil {
				tt.edit(&d)
			}
			var opts []process.Option
			if !tt.noCal {
				opts = append(opts, process.WithCalendar(weekCal()))
			}
			if !tt.noFunc {
				opts = append(opts, process.WithGuard("blocked", blocked))
			}
			w, err := process.Compile(d, opts...)
			if w != nil || !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("Compile = %v, %v; want ErrInvalid", w != nil, err)
			}
			if msg := err.Error(); strings.Count(msg, "process: ") != 1 {
				t.Errorf("error has %d prefixes: %s", strings.Count(msg, "process: "), msg)
			}
			if diff := cmp.Diff(tt.want, problemPaths(err)); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestCompileCopiesDefinition(t *testing.T) {
	d := reviewDef()
	w := process.MustCompile(d, process.WithCalendar(weekCal()), process.WithGuards(map[string]process.GuardFunc{"blocked": blocked}))
	d.States[0].Owner = "changed"
	d.Transitions[0].Guards[0].Name = "changed"
	got := w.Definition()
	if got.States[0].Owner != "author" || got.Transitions[0].Guards[0].Name != "blocked" {
		t.Errorf("the compiled workflow shares memory with its definition")
	}
	if diff := cmp.Diff(reviewDef(), got); diff != "" {
		t.Errorf("Definition() (-want +got):\n%s", diff)
	}
	if w.ID() != "review" || w.Calendar() == nil {
		t.Errorf("ID/Calendar wrong")
	}
	if _, ok := got.State("review"); !ok {
		t.Errorf("State(review) not found")
	}
	if _, ok := got.State("x"); ok {
		t.Errorf("State(x) found")
	}
}

func TestMustCompilePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustCompile of an invalid definition did not panic")
		}
	}()
	process.MustCompile(process.Definition{})
}

func TestCompileLimits(t *testing.T) {
	big := process.Definition{ID: "big", Initial: "s0"}
	for i := range process.MaxStates + 1 {
		big.States = append(big.States, process.StateDef{Name: process.State(fmt.Sprintf("s%d", i)), Owner: "o"})
	}
	_, err := process.Compile(big)
	if diff := cmp.Diff([]string{"states"}, problemPaths(err)); diff != "" {
		t.Errorf("too many states (-want +got):\n%s", diff)
	}
	many := process.Definition{ID: "events", Initial: "a",
		States: []process.StateDef{{Name: "a", Owner: "o"}, {Name: "b", Terminal: true}}}
	for i := range process.MaxEvents + 1 {
		many.Transitions = append(many.Transitions, process.Transition{From: "a", Event: process.Event(fmt.Sprintf("e%d", i)), To: "b"})
	}
	_, err = process.Compile(many)
	if diff := cmp.Diff([]string{"events"}, problemPaths(err)); diff != "" {
		t.Errorf("too many events (-want +got):\n%s", diff)
	}
	d := reviewDef()
	d.Transitions[2].Guards = make([]process.Guard, process.MaxGuards+1)
	_, err = process.Compile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
	if diff := cmp.Diff([]string{"transitions[2].guards"}, problemPaths(err)); diff != "" {
		t.Errorf("too many guards (-want +got):\n%s", diff)
	}
}

func TestCompileWarnings(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *process.Definition)
		want []partnerops.Warning
	}{
		{"none for the review workflow", func(d *process.Definition) {}, nil},
		{"unreachable state, dead end, no way to a terminal state", func(d *process.Definition) {
			d.States = append(d.States,
				process.StateDef{Name: "island", Owner: "x"},
				process.StateDef{Name: "limbo", Owner: "x"},
				process.StateDef{Name: "loop_a", Owner: "x"},
				process.StateDef{Name: "loop_b", Owner: "x"},
			)
			d.Transitions = append(d.Transitions,
				process.Transition{From: "island", Event: "go", To: "done"},
				process.Transition{From: "draft", Event: "fall", To: "limbo"},
				process.Transition{From: "draft", Event: "spin", To: "loop_a"},
				process.Transition{From: "loop_a", Event: "spin", To: "loop_b"},
				process.Transition{From: "loop_b", Event: "spin", To: "loop_a"},
			)
			d.Exceptions[0].Except = []process.State{"limbo", "loop_a", "loop_b"}
			d.Exceptions[1].Except = []process.State{"info", "limbo", "loop_a", "loop_b"}
		}, []partnerops.Warning{
			{Path: "states[island]", Rule: "unreachable from the initial state: no instance can enter it (kept for instances of an older version?)"},
			{Path: "states[limbo]", Rule: "no way out: instances that enter it stay there; mark it terminal or add a transition"},
			{Path: "states[loop_a]", Rule: "no terminal state can be reached from here: instances that enter it never finish"},
			{Path: "states[loop_b]", Rule: "no terminal state can be reached from here: instances that enter it never finish"},
		}},
		{"SLA on a terminal state, reminder at once, guarded fire event", func(d *process.Definition) {
			d.States[5].SLA = &process.SLA{Days: 1}
			d.States[4].SLA.RemindBefore = process.Duration(31 * 24 * time.Hour)
			d.Transitions[8].Guards = []process.Guard{{Field: "auto_expire", Op: process.OpExists}}
		}, []partnerops.Warning{
			{Path: "states[approved].sla.remind_before", Rule: "at least the SLA's length: the reminder is due as soon as the state is entered", Value: "744h"},
			{Path: "states[done].sla", Rule: "ignored: a terminal state has no SLA (an instance there is done)"},
			{Path: "states[approved].sla.fire", Rule: "every transition for this event is guarded: Advance fails when the guards refuse", Value: "expire"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := reviewDef()
			tt.edit(&d)
			w, err := process.Compile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, w.Warnings()); diff != "" {
				t.Errorf("Warnings (-want +got):\n%s", diff)
			}
		})
	}
	for _, d := range process.Standard() {
		if w := compileStd(t, d); len(w.Warnings()) > 0 {
			t.Errorf("standard workflow %s warns: %v", d.ID, w.Warnings())
		}
	}
}
