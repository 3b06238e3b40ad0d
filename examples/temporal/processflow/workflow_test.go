package processflow_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/examples/temporal/processflow"
	"github.com/partnerops/partnerops/process"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
)

// quietLogger keeps the test environment's debug lines out of test output.
var quietLogger = log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

// dealReg compiles the standard deal registration workflow with a UTC
// business calendar (weekdays, the calendar's default window).
func dealReg(t testing.TB) *process.Workflow {
	t.Helper()
	cal, err := process.NewBusinessCalendar(process.CalendarDef{TimeZone: "UTC", Holidays: []string{"2026-12-25"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	wf, err := process.Compile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(cal))
	if err != nil {
		t.Fatal(err)
	}
	return wf
}

// fri is a Friday afternoon: the workflows below start then.
var fri = time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC)

type harness struct {
	t    *testing.T
	env  *testsuite.TestWorkflowEnvironment
	host *processflow.Host
	sink *processflow.MemorySink
	mu   sync.Mutex
	errs map[string]error
	res  map[string]processflow.Applied
}

func newHarness(t *testing.T, sink processflow.Sink) *harness {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger)
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(fri)
	env.SetWorkflowRunTimeout(365 * 24 * time.Hour)
	h := &harness{t: t, env: env, host: processflow.New(dealReg(t), processflow.Options{}), errs: map[string]error{}, res: map[string]processflow.Applied{}}
	if sink == nil {
		h.sink = &processflow.MemorySink{}
		sink = h.sink
	}
	h.host.Register(env)
	(&processflow.Activities{Sink: sink}).Register(env)
	return h
}

// send schedules an update at start+after; its outcome is kept under id.
func (h *harness) send(id string, after time.Duration, tr process.Trigger) {
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(processflow.UpdateEvent, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) {
				h.mu.Lock()
				defer h.mu.Unlock()
				h.errs[id] = err
			},
			OnComplete: func(v any, err error) {
				h.mu.Lock()
				defer h.mu.Unlock()
				if err != nil {
					h.errs[id] = err
					return
				}
				h.res[id] = v.(processflow.Applied)
			},
		}, tr)
	}, after)
}

func (h *harness) run(start process.Trigger) process.Instance {
	h.t.Helper()
	h.env.ExecuteWorkflow(h.host.Name(), start)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatal(err)
	}
	var in process.Instance
	if err := h.env.GetWorkflowResult(&in); err != nil {
		h.t.Fatal(err)
	}
	return in
}

func (h *harness) notices() []processflow.Notice {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(processflow.QueryNotices)
	if err != nil {
		h.t.Fatal(err)
	}
	var ns []processflow.Notice
	if err := v.Get(&ns); err != nil {
		h.t.Fatal(err)
	}
	return ns
}

// line renders a notice compactly for comparisons.
func line(n processflow.Notice) string {
	return fmt.Sprintf("%s @%s", n.Effect, n.Issued.UTC().Format(time.RFC3339))
}

func lines(ns []processflow.Notice) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = line(n)
	}
	return out
}

func must[T any](v T, _ []process.Effect, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestExpiry runs a registration through review and approval, then lets
// the 90-day protection lapse: the test environment skips the time, the
// reminder comes 14 days before, and the expire event fires at the due
// instant. The instance equals the one the library computes directly.
func TestExpiry(t *testing.T) {
	h := newHarness(t, nil)
	start := process.Trigger{Actor: "partner:acme", Data: process.Data{"deal_value": process.Int(180000)}}
	review := process.Trigger{Event: "start_review", Actor: "cam:lee", Role: process.RoleChannelManager}
	approve := process.Trigger{Event: "approve", Actor: "cam:lee", Role: process.RoleChannelManager, ExpectVersion: 2}
	h.send("review", time.Hour, review)
	h.send("approve", 2*time.Hour, approve)
	got := h.run(start)

	// The same events through the library, at the same times.
	wf := h.host.Workflow()
	id := got.ID
	in := must(wf.Start(id, start, fri))
	in = must(wf.Apply(in, review, fri.Add(time.Hour)))
	in = must(wf.Apply(in, approve, fri.Add(2*time.Hour)))
	due := in.Due
	if want := fri.Add(2*time.Hour).AddDate(0, 0, 90); !due.Equal(want) {
		t.Fatalf("approved due %v, want %v", due, want)
	}
	// What the host does: wake at the instance's Wake and Advance.
	want := in
	for !want.Wake.IsZero() {
		want = must(wf.Advance(want, want.Wake))
	}
	if !got.Equal(want) {
		t.Fatalf("instance differs from the library's:\n got %+v\nwant %+v", got, want)
	}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if diff := cmp.Diff(string(wb), string(gb)); diff != "" {
		t.Errorf("snapshot bytes differ (-want +got):\n%s", diff)
	}
	if got.State != "expired" {
		t.Errorf("state %s, want expired", got.State)
	}

	at := func(d time.Duration) string { return fri.Add(d).Format(time.RFC3339) }
	dueS := due.Format(time.RFC3339)
	remind := due.AddDate(0, 0, -14).Format(time.RFC3339)
	wantNotices := []string{
		id + "/1/0 notify submitted role=channel_manager @" + at(0),
		id + "/1/1 start_timer submitted at=2026-03-09T15:00:00Z @" + at(0),
		id + "/2/0 notify under_review role=channel_manager @" + at(time.Hour),
		id + "/2/1 start_timer under_review at=2026-03-10T16:00:00Z @" + at(time.Hour),
		id + "/2/2 request_approval under_review role=channel_manager @" + at(time.Hour),
		id + "/3/0 notify approved role=partner @" + at(2*time.Hour),
		id + "/3/1 start_timer approved at=" + remind + " @" + at(2*time.Hour), // the timer moves to the reminder
		id + "/4/0 remind approved role=partner at=" + dueS + " @" + remind,
		id + "/4/1 start_timer approved event=expire at=" + dueS + " @" + remind, // then to the expiry
		id + "/5/0 cancel_timer approved at=" + dueS + " @" + dueS,
		id + "/5/1 completed expired @" + dueS,
	}
	ns := h.notices()
	if diff := cmp.Diff(wantNotices, lines(ns)); diff != "" {
		t.Errorf("notices (-want +got):\n%s", diff)
	}
	for _, n := range ns {
		kind := n.Effect.Kind
		wantStatus := "done"
		if kind == process.EffectStartTimer || kind == process.EffectCancelTimer {
			wantStatus = "timer"
		}
		if n.Status != wantStatus {
			t.Errorf("%s: status %q, want %q", n.Key, n.Status, wantStatus)
		}
	}
	// Every activity delivered once, keyed.
	var delivered []string
	for _, n := range h.sink.Delivered() {
		delivered = append(delivered, n.Key)
	}
	slices.Sort(delivered) // activities run concurrently: any delivery order
	wantDelivered := []string{id + "/1/0", id + "/2/0", id + "/2/2", id + "/3/0", id + "/4/0", id + "/5/1"}
	if diff := cmp.Diff(wantDelivered, delivered); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
	if r := h.res["approve"]; r.Version != 3 || r.State != "approved" || len(r.Effects) != 2 {
		t.Errorf("approve result %+v", r)
	}
}

// TestBreach leaves a registration in review past its 2-business-day SLA:
// the channel director is told at the due time and the VP of partnerships
// 48 hours later, each once; the reject that follows cancels the timer.
func TestBreach(t *testing.T) {
	h := newHarness(t, nil)
	h.send("review", time.Hour, process.Trigger{Event: "start_review", Actor: "cam:lee", Role: process.RoleChannelManager})
	h.send("reject", 10*24*time.Hour, process.Trigger{Event: "reject", Actor: "cam:lee", Role: process.RoleChannelManager, Reason: "no response"})
	got := h.run(process.Trigger{Actor: "partner:acme", Data: process.Data{"deal_value": process.Int(2_000_000)}})
	if got.State != "rejected" {
		t.Fatalf("state %s, want rejected", got.State)
	}
	id := got.ID
	due := "2026-03-10T16:00:00Z" // 2 business days after Friday 16:00
	at := func(d time.Duration) string { return fri.Add(d).Format(time.RFC3339) }
	want := []string{
		id + "/1/0 notify submitted role=channel_manager @" + at(0),
		id + "/1/1 start_timer submitted at=2026-03-09T15:00:00Z @" + at(0),
		id + "/2/0 notify under_review role=channel_manager @" + at(time.Hour),
		id + "/2/1 start_timer under_review at=" + due + " @" + at(time.Hour),
		id + "/2/2 request_approval under_review role=channel_manager @" + at(time.Hour),
		id + "/3/0 escalate under_review role=channel_director at=" + due + " @" + due,
		id + "/3/1 start_timer under_review at=2026-03-12T16:00:00Z @" + due, // the next level
		id + "/4/0 escalate under_review role=vp_partnerships at=2026-03-12T16:00:00Z @2026-03-12T16:00:00Z",
		id + "/4/1 cancel_timer under_review at=2026-03-12T16:00:00Z @2026-03-12T16:00:00Z", // nothing more due
		id + "/5/0 completed rejected @" + at(10*24*time.Hour),
	}
	if diff := cmp.Diff(want, lines(h.notices())); diff != "" {
		t.Errorf("notices (-want +got):\n%s", diff)
	}
	steps, err := h.host.Workflow().Breaches(got, fri.Add(10*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 1 || steps[0].State != "under_review" {
		t.Errorf("breaches %+v, want one in under_review", steps)
	}
}

// TestRefused: the validator rejects an event the state does not allow
// and a stale ExpectVersion before anything is recorded; the caller gets
// the library's refusal back.
func TestRefused(t *testing.T) {
	h := newHarness(t, nil)
	h.send("win", time.Hour, process.Trigger{Event: "win", Actor: "partner:acme"})
	h.send("stale", 2*time.Hour, process.Trigger{Event: "start_review", Actor: "cam:lee", ExpectVersion: 7})
	h.send("withdraw", 3*time.Hour, process.Trigger{Event: "withdraw", Actor: "partner:acme"})
	got := h.run(process.Trigger{Actor: "partner:acme"})
	if got.State != "withdrawn" || got.Version != 2 {
		t.Fatalf("instance %s v%d, want withdrawn v2 (refused events record nothing)", got.State, got.Version)
	}
	te, ok := processflow.Refusal(h.errs["win"])
	if !ok {
		t.Fatalf("win: %v is not a refusal", h.errs["win"])
	}
	if !errors.Is(te, process.ErrInvalidTransition) || te.State != "submitted" || te.Event != "win" {
		t.Errorf("win refusal %+v", te)
	}
	if diff := cmp.Diff([]process.Event{"reject", "start_review", "withdraw"}, te.Allowed); diff != "" {
		t.Errorf("allowed (-want +got):\n%s", diff)
	}
	if !processflow.IsVersionConflict(h.errs["stale"]) {
		t.Errorf("stale: %v, want a version conflict", h.errs["stale"])
	}
}

// flakySink loses the first acknowledgement of every key: it delivers,
// then fails, as a worker that crashes before reporting would.
type flakySink struct {
	processflow.MemorySink
	mu    sync.Mutex
	tried map[string]bool
}

func (f *flakySink) Deliver(ctx context.Context, n processflow.Notice) error {
	if err := f.MemorySink.Deliver(ctx, n); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.tried[n.Key] {
		f.tried[n.Key] = true
		return errors.New("acknowledgement lost")
	}
	return nil
}

// TestRetriedDeliveryOnce: activities are retried with the same key and a
// keyed sink delivers each effect once.
func TestRetriedDeliveryOnce(t *testing.T) {
	sink := &flakySink{tried: map[string]bool{}}
	h := newHarness(t, sink)
	h.send("withdraw", time.Hour, process.Trigger{Event: "withdraw", Actor: "partner:acme"})
	got := h.run(process.Trigger{Actor: "partner:acme"})
	if got.State != "withdrawn" {
		t.Fatalf("state %s", got.State)
	}
	var keys []string
	for _, n := range sink.Delivered() {
		keys = append(keys, n.Key)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{got.ID + "/1/0", got.ID + "/2/1"}, keys); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
	if sink.Attempts() != 4 {
		t.Errorf("%d attempts, want 4 (each effect retried once)", sink.Attempts())
	}
	for _, n := range h.notices() {
		if n.Status != "done" && n.Status != "timer" {
			t.Errorf("%s: status %q", n.Key, n.Status)
		}
	}
}

// TestPauseMovesTheTimer: a request for information stops the review
// clock (info_requested pauses the SLA) and the durable timer with it; the
// resubmission resumes the step with its due time moved by the working
// time paused, and the escalation comes at that moved due time, never at
// the original one.
func TestPauseMovesTheTimer(t *testing.T) {
	h := newHarness(t, nil)
	review := process.Trigger{Event: "start_review", Actor: "cam:lee", Role: process.RoleChannelManager}
	ask := process.Trigger{Event: "request_info", Actor: "cam:lee", Role: process.RoleChannelManager}
	answer := process.Trigger{Event: "resubmit", Actor: "partner:acme"}
	reject := process.Trigger{Event: "reject", Actor: "cam:lee", Role: process.RoleChannelManager}
	h.send("review", time.Hour, review)
	h.send("ask", 2*time.Hour, ask)           // Friday 17:00
	h.send("answer", 4*24*time.Hour, answer)  // Tuesday 15:00
	h.send("reject", 20*24*time.Hour, reject) // long after the moved due time
	var explained string
	h.env.RegisterDelayedCallback(func() {
		v, err := h.env.QueryWorkflow(processflow.QueryExplain)
		if err == nil {
			err = v.Get(&explained)
		}
		if err != nil {
			t.Error(err)
		}
	}, 3*24*time.Hour)
	got := h.run(process.Trigger{Actor: "partner:acme"})

	wf := h.host.Workflow()
	in := must(wf.Start(got.ID, process.Trigger{Actor: "partner:acme"}, fri))
	in = must(wf.Apply(in, review, fri.Add(time.Hour)))
	original := in.Due
	in = must(wf.Apply(in, ask, fri.Add(2*time.Hour)))
	in = must(wf.Apply(in, answer, fri.Add(4*24*time.Hour)))
	moved := in.Due
	if !moved.After(original) {
		t.Fatalf("the pause did not move the due time: %v then %v", original, moved)
	}
	var escalations []string
	for _, n := range h.notices() {
		if n.Effect.Kind == process.EffectEscalate && n.Effect.State == "under_review" {
			escalations = append(escalations, line(n))
		}
	}
	mv := moved.Format(time.RFC3339)
	vp := moved.Add(48 * time.Hour).Format(time.RFC3339)
	want := []string{
		got.ID + "/5/0 escalate under_review role=channel_director at=" + mv + " @" + mv,
		got.ID + "/6/0 escalate under_review role=vp_partnerships at=" + vp + " @" + vp,
	}
	if diff := cmp.Diff(want, escalations); diff != "" {
		t.Errorf("escalations (-want +got):\n%s", diff)
	}
	if !strings.Contains(explained, "info_requested") {
		t.Errorf("explain during the pause does not name the state:\n%s", explained)
	}
}

type failingSink struct{}

func (failingSink) Deliver(context.Context, processflow.Notice) error {
	return errors.New("mail server down")
}

// TestFailedDelivery: an effect whose activity gives up is reported by the
// notices query; the instance goes on.
func TestFailedDelivery(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger)
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(fri)
	host := processflow.New(dealReg(t), processflow.Options{Activity: workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 2},
	}})
	host.Register(env)
	(&processflow.Activities{Sink: failingSink{}}).Register(env)
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(processflow.UpdateEvent, "w", &testsuite.TestUpdateCallback{OnAccept: func() {}, OnReject: func(err error) { t.Error(err) }, OnComplete: func(any, error) {}},
			process.Trigger{Event: "withdraw", Actor: "partner:acme"})
	}, time.Hour)
	env.ExecuteWorkflow(host.Name(), process.Trigger{Actor: "partner:acme"})
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	v, err := env.QueryWorkflow(processflow.QueryNotices)
	if err != nil {
		t.Fatal(err)
	}
	var ns []processflow.Notice
	if err := v.Get(&ns); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, n := range ns {
		if n.Status == "failed" {
			failed++
			if !strings.Contains(n.Error, "mail server down") {
				t.Errorf("%s: error %q", n.Key, n.Error)
			}
		}
	}
	if failed != 2 { // notify submitted, completed withdrawn
		t.Errorf("%d failed notices, want 2: %+v", failed, ns)
	}
}
