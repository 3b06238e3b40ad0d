package process_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/process"
)

type step struct {
	tr        process.Trigger
	wantState process.State
	wantErr   error
}

func TestApplySequences(t *testing.T) {
	mon := utc(2026, 3, 2, 10, 0) // Monday
	tests := []struct {
		name  string
		data  process.Data
		steps []step
	}{
		{"happy path, small deal: one approval", process.Data{"amount": process.Int(5000)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "reviewer"}, wantState: "approved"},
			{tr: process.Trigger{Event: "close"}, wantState: "done"},
		}},
		{"large deal needs the director after the reviewer", process.Data{"amount": process.Int(1000000)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "director"}, wantErr: process.ErrNotApprover},
			{tr: process.Trigger{Event: "approve", Role: "reviewer"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "reviewer"}, wantErr: process.ErrNotApprover},
			{tr: process.Trigger{Event: "approve", Role: "director"}, wantState: "approved"},
		}},
		{"amount raised during review adds the director", process.Data{"amount": process.Int(10)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "reviewer", Data: process.Data{"amount": process.Int(2000000)}}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "director"}, wantState: "approved"},
		}},
		{"guard: submit without amount is refused", nil, []step{
			{tr: process.Trigger{Event: "submit"}, wantErr: process.ErrGuardRejected},
			{tr: process.Trigger{Event: "submit", Data: process.Data{"amount": process.Int(1)}}, wantState: "review"},
		}},
		{"go guard wins first: blocked submissions are rejected", process.Data{"amount": process.Int(1), "blocked": process.Bool(true)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "rejected"},
			{tr: process.Trigger{Event: "cancel"}, wantErr: process.ErrInvalidTransition},
		}},
		{"wrong event names the state", nil, []step{
			{tr: process.Trigger{Event: "approve"}, wantErr: process.ErrInvalidTransition},
			{tr: process.Trigger{Event: "no_such_event"}, wantErr: process.ErrInvalidTransition},
		}},
		{"hold and resume returns to the held state", process.Data{"amount": process.Int(1)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "review"},
			{tr: process.Trigger{Event: "hold"}, wantState: "on_hold"},
			{tr: process.Trigger{Event: "hold"}, wantErr: process.ErrInvalidTransition},
			{tr: process.Trigger{Event: "resume"}, wantState: "review"},
		}},
		{"return for information and answer", process.Data{"amount": process.Int(1)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "review"},
			{tr: process.Trigger{Event: "request_info"}, wantState: "info"},
			{tr: process.Trigger{Event: "hold"}, wantErr: process.ErrInvalidTransition},
			{tr: process.Trigger{Event: "answer"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "reviewer"}, wantState: "approved"},
		}},
		{"approvals restart after leaving the state", process.Data{"amount": process.Int(1000000)}, []step{
			{tr: process.Trigger{Event: "submit"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "reviewer"}, wantState: "review"},
			{tr: process.Trigger{Event: "request_info"}, wantState: "info"},
			{tr: process.Trigger{Event: "answer"}, wantState: "review"},
			{tr: process.Trigger{Event: "approve", Role: "director"}, wantErr: process.ErrNotApprover},
		}},
		{"resume with no hold in history cannot happen; cancel from hold", process.Data{"amount": process.Int(1)}, []step{
			{tr: process.Trigger{Event: "hold"}, wantState: "on_hold"},
			{tr: process.Trigger{Event: "resume"}, wantState: "draft"},
			{tr: process.Trigger{Event: "hold"}, wantState: "on_hold"},
			{tr: process.Trigger{Event: "cancel"}, wantState: "cancelled"},
		}},
		{"version check", process.Data{"amount": process.Int(1)}, []step{
			{tr: process.Trigger{Event: "submit", ExpectVersion: 2}, wantErr: process.ErrVersionConflict},
			{tr: process.Trigger{Event: "submit", ExpectVersion: 1}, wantState: "review"},
		}},
	}
	w := reviewWorkflow()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _, err := w.Start("r1", process.Trigger{Actor: "ann", Data: tt.data}, mon)
			if err != nil {
				t.Fatal(err)
			}
			accepted := 1
			for i, s := range tt.steps {
				at := mon.Add(time.Duration(i) * time.Hour)
				out, _, err := w.Apply(in, s.tr, at)
				if s.wantErr != nil {
					if !errors.Is(err, s.wantErr) {
						t.Fatalf("step %d: Apply(%q) error = %v, want %v", i, s.tr.Event, err, s.wantErr)
					}
					if !out.Equal(in) {
						t.Fatalf("step %d: refused Apply changed the instance", i)
					}
					continue
				}
				if err != nil {
					t.Fatalf("step %d: Apply(%q): %v", i, s.tr.Event, err)
				}
				accepted++
				if out.State != s.wantState {
					t.Fatalf("step %d: Apply(%q) state = %q, want %q", i, s.tr.Event, out.State, s.wantState)
				}
				if out.Version != accepted || len(out.History) != accepted {
					t.Fatalf("step %d: version %d, history %d, want %d", i, out.Version, len(out.History), accepted)
				}
				in = out
			}
			re, err := w.Replay(in.ID, in.History)
			if err != nil {
				t.Fatalf("Replay: %v", err)
			}
			if diff := cmp.Diff(in, re); diff != "" {
				t.Errorf("Replay mismatch (-incremental +replay):\n%s", diff)
			}
		})
	}
}

func TestTransitionErrorDetails(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{}, at)

	_, _, err := w.Apply(in, process.Trigger{Event: "approve", Role: "x"}, at)
	var te *process.TransitionError
	if !errors.As(err, &te) {
		t.Fatalf("Apply(approve) error = %v, want *TransitionError", err)
	}
	want := process.TransitionError{Workflow: "review", State: "draft", Event: "approve", Role: "x",
		Allowed: []process.Event{"cancel", "hold", "submit"}, Err: process.ErrInvalidTransition}
	if diff := cmp.Diff(want, *te, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("TransitionError (-want +got):\n%s", diff)
	}
	wantMsg := `process: workflow "review": event "approve" in state "draft": allowed events are "cancel", "hold", "submit": event not allowed in state`
	if err.Error() != wantMsg {
		t.Errorf("Error() = %s\nwant      %s", err, wantMsg)
	}

	_, _, err = w.Apply(in, process.Trigger{Event: "submit"}, at)
	if !errors.As(err, &te) || !errors.Is(err, process.ErrGuardRejected) {
		t.Fatalf("Apply(submit) error = %v, want guard rejection", err)
	}
	if diff := cmp.Diff([]string{"blocked", "amount exists"}, te.Guards); diff != "" {
		t.Errorf("failed guards (-want +got):\n%s", diff)
	}

	done, _, _ := w.Apply(in, process.Trigger{Event: "cancel"}, at)
	_, _, err = w.Apply(done, process.Trigger{Event: "submit"}, at)
	if !errors.As(err, &te) || len(te.Allowed) != 0 || !errors.Is(err, process.ErrInvalidTransition) {
		t.Fatalf("Apply in terminal state error = %v, want ErrInvalidTransition with nothing allowed", err)
	}
}

func TestApplyEffects(t *testing.T) {
	w := reviewWorkflow()
	mon := utc(2026, 3, 2, 10, 0)
	in, effs, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(2000000)}}, mon)
	if diff := cmp.Diff(issued("r1", 1, process.Effect{Kind: process.EffectNotify, State: "draft", Role: "author"}), effs); diff != "" {
		t.Errorf("Start effects (-want +got):\n%s", diff)
	}
	// 16 business hours from Monday 10:00: 7h Monday, 8h Tuesday, 1h Wednesday.
	wedDue := utc(2026, 3, 4, 10, 0)
	in, effs, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	want := issued("r1", 2,
		process.Effect{Kind: process.EffectNotify, State: "review", Role: "reviewer"},
		process.Effect{Kind: process.EffectStartTimer, State: "review", At: wedDue},
		process.Effect{Kind: process.EffectRequestApproval, State: "review", Role: "reviewer"},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("submit effects (-want +got):\n%s", diff)
	}
	if !in.Due.Equal(wedDue) || !in.Entered.Equal(mon) {
		t.Errorf("after submit Entered, Due = %v, %v; want %v, %v", in.Entered, in.Due, mon, wedDue)
	}
	tue := utc(2026, 3, 3, 12, 0)
	in, effs, _ = w.Apply(in, process.Trigger{Event: "approve", Role: "reviewer"}, tue)
	if diff := cmp.Diff(issued("r1", 3, process.Effect{Kind: process.EffectRequestApproval, State: "review", Role: "director"}), effs); diff != "" {
		t.Errorf("first approval effects (-want +got):\n%s", diff)
	}
	if !in.Due.Equal(wedDue) || !in.Entered.Equal(mon) {
		t.Errorf("an approval restarted the step: Entered, Due = %v, %v", in.Entered, in.Due)
	}
	in, effs, _ = w.Apply(in, process.Trigger{Event: "approve", Role: "director"}, tue)
	// 30 calendar days from Tuesday 3 March 12:00 is Thursday 2 April 12:00.
	apr2 := utc(2026, 4, 2, 12, 0)
	want = issued("r1", 4,
		process.Effect{Kind: process.EffectNotify, State: "approved", Role: "author"},
		process.Effect{Kind: process.EffectStartTimer, State: "approved", Event: "expire", At: apr2},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("final approval effects (-want +got):\n%s", diff)
	}
	in, effs, _ = w.Apply(in, process.Trigger{Event: "update", Data: process.Data{"note": process.String("x")}}, tue.Add(time.Hour))
	if len(effs) != 0 || !in.Due.Equal(apr2) {
		t.Errorf("self-transition: effects %v, due %v; want none and %v", effs, in.Due, apr2)
	}
	if v, _ := in.Get("note"); !v.Equal(process.String("x")) {
		t.Errorf("update did not set note: %v", v)
	}
	_, effs, _ = w.Apply(in, process.Trigger{Event: "close"}, tue.Add(2*time.Hour))
	want = issued("r1", 6,
		process.Effect{Kind: process.EffectCancelTimer, State: "approved", At: apr2},
		process.Effect{Kind: process.EffectCompleted, State: "done"},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("close effects (-want +got):\n%s", diff)
	}
}

func TestParallelApproval(t *testing.T) {
	d := reviewDef()
	d.States[1].Approval.Mode = process.ApprovalParallel
	w := process.MustCompile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1000000)}}, at)
	in, effs, _ := w.Apply(in, process.Trigger{Event: "submit"}, at)
	var asked []process.Role
	for _, e := range effs {
		if e.Kind == process.EffectRequestApproval {
			asked = append(asked, e.Role)
		}
	}
	if diff := cmp.Diff([]process.Role{"reviewer", "director"}, asked); diff != "" {
		t.Errorf("parallel approvers asked (-want +got):\n%s", diff)
	}
	in, _, err := w.Apply(in, process.Trigger{Event: "approve", Role: "director"}, at)
	if err != nil || in.State != "review" {
		t.Fatalf("director first: state %q, err %v", in.State, err)
	}
	if _, _, err := w.Apply(in, process.Trigger{Event: "approve", Role: "director"}, at); !errors.Is(err, process.ErrNotApprover) {
		t.Fatalf("director twice: err %v, want ErrNotApprover", err)
	}
	in, _, err = w.Apply(in, process.Trigger{Event: "approve", Role: "reviewer"}, at)
	if err != nil || in.State != "approved" {
		t.Fatalf("reviewer second: state %q, err %v", in.State, err)
	}
}

func TestApplyIsPure(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	base, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, at)
	base, _, _ = w.Apply(base, process.Trigger{Event: "submit"}, at)
	snapshot := base
	snapHist := append([]process.Entry(nil), base.History...)
	// Two branches from the same instance, concurrently: neither may see
	// the other's entry.
	var wg sync.WaitGroup
	results := make([]process.Instance, 2)
	for i, ev := range []process.Event{"reject", "hold"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, _, err := w.Apply(base, process.Trigger{Event: ev}, at.Add(time.Hour))
			if err != nil {
				t.Error(err)
			}
			results[i] = out
		}()
	}
	wg.Wait()
	if results[0].History[2].Event != "reject" || results[1].History[2].Event != "hold" {
		t.Errorf("branches share history: %q, %q", results[0].History[2].Event, results[1].History[2].Event)
	}
	if !base.Equal(snapshot) || len(base.History) != len(snapHist) {
		t.Errorf("Apply changed its input")
	}
	// Data maps are not shared into from events.
	data := process.Data{"k": process.Int(1)}
	out, _, _ := w.Apply(base, process.Trigger{Event: "hold", Data: data}, at)
	data["k"] = process.Int(2)
	if v, _ := out.Get("k"); !v.Equal(process.Int(1)) {
		t.Errorf("instance data aliased the trigger's map")
	}
}

func TestApplyWrongInstance(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{}, at)
	other := in
	other.Workflow = "other"
	if _, _, err := w.Apply(other, process.Trigger{Event: "cancel"}, at); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("foreign workflow: err %v, want ErrWrongWorkflow", err)
	}
	bad := in
	bad.State = "nowhere"
	if _, _, err := w.Apply(bad, process.Trigger{Event: "cancel"}, at); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("unknown state: err %v, want ErrWrongWorkflow", err)
	}
	if _, _, err := w.Start("x", process.Trigger{Event: "submit"}, at); !errors.Is(err, process.ErrInvalidTransition) {
		t.Errorf("Start with an event: err %v, want ErrInvalidTransition", err)
	}
	if w.Can(in, process.Trigger{Event: "submit"}, at) {
		t.Errorf("Can(submit without amount) = true")
	}
	if !w.Can(in, process.Trigger{Event: "submit", Data: process.Data{"amount": process.Int(3)}}, at) {
		t.Errorf("Can(submit with amount) = false")
	}
}

func TestReplayErrors(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, at)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, at)
	tampered := append([]process.Entry(nil), in.History...)
	tampered[1].To = "done"
	refused := append([]process.Entry(nil), in.History...)
	refused[1].Event = "close"
	gap := append([]process.Entry(nil), in.History...)
	gap[1].Version = 3
	wrongFrom := append([]process.Entry(nil), in.History...)
	wrongFrom[1].From = "review"
	tests := map[string][]process.Entry{
		"version gap":    gap,
		"wrong from":     wrongFrom,
		"empty":          nil,
		"no start entry": in.History[1:],
		"wrong target":   tampered,
		"refused event":  refused,
	}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := w.Replay("r1", h); !errors.Is(err, process.ErrReplay) {
				t.Errorf("Replay error = %v, want ErrReplay", err)
			}
		})
	}
	if _, err := w.Replay("r1", refused); !errors.Is(err, process.ErrInvalidTransition) {
		t.Errorf("Replay of a refused event does not wrap the refusal")
	}
}

func TestAllowed(t *testing.T) {
	w := reviewWorkflow()
	tests := map[process.State][]process.Event{
		"draft":     {"cancel", "hold", "submit"},
		"review":    {"approve", "cancel", "hold", "reject", "request_info"},
		"info":      {"answer", "cancel"},
		"on_hold":   {"cancel", "resume"},
		"approved":  {"cancel", "close", "expire", "hold", "update"},
		"done":      nil,
		"not_there": nil,
	}
	for s, want := range tests {
		if diff := cmp.Diff(want, w.Allowed(s)); diff != "" {
			t.Errorf("Allowed(%q) (-want +got):\n%s", s, diff)
		}
	}
	if !w.IsTerminal("done") || w.IsTerminal("draft") || w.Owner("review") != "reviewer" {
		t.Errorf("IsTerminal/Owner wrong")
	}
}

func TestTriggerDataRemovesFields(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(5), "gone": {}}}, at)
	if _, ok := in.Get("gone"); ok {
		t.Errorf("a zero Value at start set a field")
	}
	// Removing amount in the same event makes the guard see it missing.
	if _, _, err := w.Apply(in, process.Trigger{Event: "submit", Data: process.Data{"amount": {}}}, at); !errors.Is(err, process.ErrGuardRejected) {
		t.Errorf("submit removing amount: %v, want guard rejection", err)
	}
	in, _, _ = w.Apply(in, process.Trigger{Event: "hold", Data: process.Data{"amount": {}, "note": process.String("n")}}, at)
	if _, ok := in.Get("amount"); ok {
		t.Errorf("null did not remove amount")
	}
	re, err := w.Replay(in.ID, in.History)
	if err != nil || !re.Equal(in) {
		t.Errorf("Replay with removals: %v", err)
	}
}

func TestAppendApply(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, at)
	want, wantEffs, _ := w.Apply(in, process.Trigger{Event: "submit"}, at)
	prefix := []process.Effect{{Kind: process.EffectCompleted, State: "x"}}
	got, effs, err := w.AppendApply(prefix, in, process.Trigger{Event: "submit"}, at)
	if err != nil || !got.Equal(want) {
		t.Fatalf("AppendApply = %v, %v", got.State, err)
	}
	if diff := cmp.Diff(append(prefix, wantEffs...), effs); diff != "" {
		t.Errorf("AppendApply effects (-want +got):\n%s", diff)
	}
	_, effs, err = w.AppendApply(prefix, in, process.Trigger{Event: "close"}, at)
	if err == nil || len(effs) != 1 {
		t.Errorf("refused AppendApply: %v, %d effects; want error and dst unchanged", err, len(effs))
	}
}

func TestGoGuardSeesTime(t *testing.T) {
	d := process.Definition{ID: "offer", Initial: "offered",
		States: []process.StateDef{{Name: "offered", Owner: "partner"}, {Name: "accepted", Terminal: true}},
		Transitions: []process.Transition{{From: "offered", Event: "accept", To: "accepted",
			Guards: []process.Guard{{Name: "before accept_by"}}}}}
	beforeDeadline := func(f process.Facts) bool {
		v, _ := f.Get("accept_by")
		by, ok := v.AsTime()
		return ok && f.At.Before(by)
	}
	w := process.MustCompile(d, process.WithGuard("before accept_by", beforeDeadline))
	start := utc(2026, 3, 2, 9, 0)
	in, _, _ := w.Start("o", process.Trigger{Data: process.Data{"accept_by": process.Time(utc(2026, 3, 4, 9, 0))}}, start)
	if !w.Can(in, process.Trigger{Event: "accept"}, utc(2026, 3, 4, 8, 59)) {
		t.Errorf("accept one minute before the deadline refused")
	}
	if w.Can(in, process.Trigger{Event: "accept"}, utc(2026, 3, 4, 9, 0)) {
		t.Errorf("accept at the deadline allowed")
	}
}

func TestZeroValues(t *testing.T) {
	var w process.Workflow
	at := utc(2026, 3, 2, 10, 0)
	if _, _, err := w.Start("x", process.Trigger{}, at); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("zero Workflow Start: %v", err)
	}
	if _, _, err := w.Apply(process.Instance{}, process.Trigger{Event: "go"}, at); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("zero Workflow Apply: %v", err)
	}
	if w.Allowed("x") != nil || w.IsTerminal("x") {
		t.Errorf("zero Workflow knows states")
	}
	rw := reviewWorkflow()
	if _, _, err := rw.Apply(process.Instance{}, process.Trigger{Event: "submit"}, at); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("zero Instance Apply: %v", err)
	}
}

// TestConcurrentUse runs many instances through one shared workflow at
// once (run with -race).
func TestConcurrentUse(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				in, _, _ := w.Start("r", process.Trigger{Data: process.Data{"amount": process.Int(int64(g*1000 + i))}}, at)
				for _, tr := range []process.Trigger{{Event: "submit"}, {Event: "approve", Role: "reviewer"}, {Event: "hold"}, {Event: "resume"}, {Event: "close"}} {
					next, _, err := w.Apply(in, tr, at)
					if err != nil {
						t.Error(err)
						return
					}
					in = next
				}
				if in.State != "done" {
					t.Errorf("state %q, want done", in.State)
				}
				_ = w.Mermaid()
				_ = w.Allowed(in.State)
			}
		}()
	}
	wg.Wait()
}
