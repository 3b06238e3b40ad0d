package process_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

// Issue 16, "Effects a durable host can run".

func TestEffectKey(t *testing.T) {
	tests := []struct {
		e    process.Effect
		want string
	}{
		{process.Effect{Instance: "DR-7", Version: 12, Index: 0, Kind: process.EffectNotify}, "DR-7/12/0"},
		{process.Effect{Instance: "acme/DR-7", Version: 3, Index: 2, Kind: process.EffectNotify}, "acme/DR-7/3/2"},
		{process.Effect{Kind: process.EffectRemind}, ""}, // a preview: not issued
	}
	for _, tt := range tests {
		if got := tt.e.Key(); got != tt.want {
			t.Errorf("%+v.Key() = %q, want %q", tt.e, got, tt.want)
		}
	}
	e := process.Effect{Instance: "DR-7", Version: 12, Index: 1, Kind: process.EffectStartTimer, State: "approved", Event: "expire", At: utc(2026, 6, 1, 9, 0)}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"key":"DR-7/12/1","instance":"DR-7","version":12,"index":1,"kind":"start_timer","state":"approved","event":"expire","at":"2026-06-01T09:00:00Z"}`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant      %s", b, want)
	}
	var back process.Effect
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Errorf("Unmarshal = %+v, %v; want %+v", back, err, e)
	}
	forged := strings.Replace(want, `"key":"DR-7/12/1"`, `"key":"DR-7/12/9"`, 1)
	if err := json.Unmarshal([]byte(forged), &back); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("a key that does not match its effect decoded: %v", err)
	}
	var ve *partnerops.ValidationError
	if errors.As(json.Unmarshal([]byte(forged), &back), &ve) && ve.Path != "key" {
		t.Errorf("mismatched key reported at %q, want key", ve.Path)
	}
}

// TestEffectIdentity: every effect names its instance, the version its
// entry produced and its position, so Start, Apply and Advance never give
// two effects one key.
func TestEffectIdentity(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	mon := utc(2026, 3, 2, 9, 0)
	in, effs, _ := w.Start("DR-1", process.Trigger{Data: process.Data{"deal_value": process.Int(50000)}}, mon)
	all := slices.Clone(effs)
	for _, tr := range []process.Trigger{{Event: "start_review"}, {Event: "approve", Role: process.RoleChannelManager}} {
		var err error
		in, effs, err = w.Apply(in, tr, mon.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, effs...)
	}
	in, effs, _ = w.Advance(in, mon.AddDate(1, 0, 0))
	all = append(all, effs...)
	seen := map[string]bool{}
	for _, e := range all {
		if e.Instance != "DR-1" || e.Version < 1 || e.Version > in.Version || seen[e.Key()] {
			t.Errorf("effect %v: bad or repeated identity", e)
		}
		seen[e.Key()] = true
	}
	if in.State != "expired" || len(seen) != len(all) {
		t.Fatalf("state %q, %d keys for %d effects", in.State, len(seen), len(all))
	}
}

// TestWakeUp: the instance's Wake is its one timer; reminders, the breach
// and every escalation level come due through it, and Advance moves it on.
func TestWakeUp(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	fri := utc(2026, 3, 6, 15, 0)
	in := dealUnderReview(t, w, fri, fri)
	due := utc(2026, 3, 10, 15, 0) // 2 business days
	if !in.Wake.Equal(due) {
		t.Fatalf("review wake %v, want the due time %v", in.Wake, due)
	}
	// Before the due time Advance has nothing to do.
	if out, effs, _ := w.Advance(in, due.Add(-time.Second)); len(effs) != 0 || !out.Equal(in) {
		t.Fatalf("Advance before the wake-up changed the instance: %v", effs)
	}
	// At the due time: the director is told, and the timer moves to the
	// VP's level two days later.
	in, effs, err := w.Advance(in, due)
	if err != nil {
		t.Fatal(err)
	}
	vpAt := due.Add(48 * time.Hour)
	want := issued("deal-1", 3,
		process.Effect{Kind: process.EffectEscalate, State: "under_review", Role: process.RoleChannelDirector, At: due},
		process.Effect{Kind: process.EffectStartTimer, State: "under_review", At: vpAt},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("breach effects (-want +got):\n%s", diff)
	}
	if !in.Wake.Equal(vpAt) || in.Alerts != 1 {
		t.Errorf("after the breach: wake %v alerts %d, want %v and 1", in.Wake, in.Alerts, vpAt)
	}
	last := in.History[len(in.History)-1]
	if wantEntry := (process.Entry{Version: 3, Event: process.EventEscalation, From: "under_review", To: "under_review",
		Actor: process.ActorSLA, Role: process.RoleChannelDirector, Reason: "sla breached", At: due}); !last.Equal(wantEntry) {
		t.Errorf("escalation entry %+v, want %+v", last, wantEntry)
	}
	// The VP's level, then nothing more: the review SLA fires no event.
	in, effs, _ = w.Advance(in, vpAt.Add(time.Hour))
	want = issued("deal-1", 4,
		process.Effect{Kind: process.EffectEscalate, State: "under_review", Role: process.RoleVPPartnerships, At: vpAt},
		process.Effect{Kind: process.EffectCancelTimer, State: "under_review", At: vpAt},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("second level effects (-want +got):\n%s", diff)
	}
	if !in.Wake.IsZero() {
		t.Errorf("wake %v after the last level, want none", in.Wake)
	}
	// Approved: the reminder 14 days before expiry is the wake-up; then
	// the expiry with its event.
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, vpAt.Add(2*time.Hour))
	expiry := in.Due
	remindAt := expiry.Add(-14 * 24 * time.Hour)
	if !in.Wake.Equal(remindAt) {
		t.Fatalf("approved wake %v, want the reminder %v", in.Wake, remindAt)
	}
	in, effs, _ = w.Advance(in, remindAt)
	want = issued("deal-1", 6,
		process.Effect{Kind: process.EffectRemind, State: "approved", Role: process.RolePartner, At: expiry},
		process.Effect{Kind: process.EffectStartTimer, State: "approved", Event: "expire", At: expiry},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("reminder effects (-want +got):\n%s", diff)
	}
	if got := w.Reminders(in, remindAt.Add(time.Hour)); got != nil {
		t.Errorf("Reminders after the reminder was issued = %v", got)
	}
	re, err := w.Replay(in.ID, in.History)
	if err != nil || !re.Equal(in) {
		t.Fatalf("Replay with SLA entries: %v", err)
	}
}

// TestBreachEscalatedOnce is the audit's finding: a breach already
// escalated was escalated again by every later Advance (the nightly job
// paged the director every night).
func TestBreachEscalatedOnce(t *testing.T) {
	w := reviewWorkflow()
	mon := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	due := in.Due
	in, effs, _ := w.Advance(in, due.Add(time.Hour))
	if len(effs) != 2 || effs[0].Kind != process.EffectEscalate || effs[0].Role != "lead" {
		t.Fatalf("first Advance after the breach = %v, want the escalation to lead and the timer dropped", effs)
	}
	for _, later := range []time.Time{due.Add(2 * time.Hour), due.AddDate(0, 0, 3)} {
		out, effs, err := w.Advance(in, later)
		if err != nil || len(effs) != 0 || !out.Equal(in) {
			t.Errorf("Advance at %v escalated again: %v %v", later, effs, err)
		}
	}
	if got := w.Escalations(in, due.AddDate(0, 0, 3)); got != nil {
		t.Errorf("Escalations previews an escalation already issued: %v", got)
	}
	// The escalation survives a pause: resumed, the step is not escalated
	// again for the same breach.
	held, _, _ := w.Apply(in, process.Trigger{Event: "hold"}, due.Add(3*time.Hour))
	back, _, _ := w.Apply(held, process.Trigger{Event: "resume"}, due.Add(4*time.Hour))
	if out, effs, _ := w.Advance(back, due.AddDate(0, 0, 5)); len(effs) != 0 || back.Alerts != 1 || !out.Equal(back) {
		t.Errorf("a resumed step was escalated again: alerts %d, effects %v", back.Alerts, effs)
	}
}

// TestPauseMovesBusinessDueByWorkingTime is the audit's finding: a pause
// from Friday 18:00 to Monday 08:00, which holds no working time, moved a
// Wednesday 11:00 due time to Saturday (by the 62 hours elapsed).
func TestPauseMovesBusinessDueByWorkingTime(t *testing.T) {
	w := reviewWorkflow() // review: 16 business hours, 09:00-17:00 Monday to Friday
	mon := utc(2026, 3, 2, 11, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	wed := utc(2026, 3, 4, 11, 0)
	if !in.Due.Equal(wed) {
		t.Fatalf("review due %v, want %v", in.Due, wed)
	}
	tests := []struct {
		name        string
		hold, back  time.Time
		want        time.Time
		wantOverdue bool
	}{
		{"overdue step, pause over the weekend with no working time", utc(2026, 3, 6, 18, 0), utc(2026, 3, 9, 8, 0), wed, true},
		{"pause before the due time with no working time", utc(2026, 3, 3, 17, 30), utc(2026, 3, 4, 8, 0), wed, false},
		{"pause of 3 working hours (Tuesday 15:00 to Wednesday 10:00)", utc(2026, 3, 3, 15, 0), utc(2026, 3, 4, 10, 0), utc(2026, 3, 4, 14, 0), false},
		{"overdue step paused for a working day", utc(2026, 3, 5, 9, 0), utc(2026, 3, 6, 9, 0), utc(2026, 3, 5, 11, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			held, _, err := w.Apply(in, process.Trigger{Event: "hold"}, tt.hold)
			if err != nil {
				t.Fatal(err)
			}
			back, _, err := w.Apply(held, process.Trigger{Event: "resume"}, tt.back)
			if err != nil {
				t.Fatal(err)
			}
			if !back.Due.Equal(tt.want) {
				t.Errorf("due after the pause %v, want %v", back.Due, tt.want)
			}
			if s, _ := w.Status(back, tt.back); s.Breached != tt.wantOverdue {
				t.Errorf("breached %v at resume, want %v", s.Breached, tt.wantOverdue)
			}
			steps, _ := w.Steps(back, tt.back)
			if last := steps[len(steps)-1]; !last.Due.Equal(tt.want) {
				t.Errorf("Steps recomputes the due time as %v, want %v", last.Due, tt.want)
			}
		})
	}
}

// TestCheck: Check says why an event would be refused without applying
// it, naming the field and operator a guard tested and the value it saw.
func TestCheck(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	mon := utc(2026, 3, 2, 9, 0)
	in := dealUnderReview(t, w, mon, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, mon)
	extend := process.Trigger{Event: "extend", Actor: "partner-7"}
	err := w.Check(in, extend, mon)
	var te *process.TransitionError
	if !errors.As(err, &te) || !errors.Is(err, process.ErrGuardRejected) {
		t.Fatalf("Check(extend) = %v, want a guard refusal", err)
	}
	want := []process.GuardFailure{{Guard: "evidence of progress", To: "extended", Field: "evidence", Op: process.OpExists}}
	if diff := cmp.Diff(want, te.Failed); diff != "" {
		t.Errorf("Failed (-want +got):\n%s", diff)
	}
	if msg := err.Error(); !strings.Contains(msg, `guard "evidence of progress" failed: needs field "evidence" to exist, but it is missing`) {
		t.Errorf("message does not name the field: %s", msg)
	}
	// Check agrees with Apply, and with the evidence the event passes.
	if _, _, aerr := w.Apply(in, extend, mon); aerr == nil || aerr.Error() != err.Error() {
		t.Errorf("Apply refuses with %v, Check with %v", aerr, err)
	}
	extend.Data = process.Data{"evidence": process.String("PO draft")}
	if err := w.Check(in, extend, mon); err != nil {
		t.Errorf("Check with evidence = %v", err)
	}

	// A data comparison reports the value it saw.
	d := reviewDef()
	d.Transitions[1].Guards = []process.Guard{{Field: "amount", Op: process.OpGe, Value: process.Int(100)}}
	rw := process.MustCompile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
	r, _, _ := rw.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(40)}}, mon)
	err = rw.Check(r, process.Trigger{Event: "submit"}, mon)
	if !errors.As(err, &te) {
		t.Fatalf("Check(submit) = %v", err)
	}
	want = []process.GuardFailure{
		{Guard: "blocked", To: "rejected"},
		{Guard: "amount ge 100", To: "review", Field: "amount", Op: process.OpGe, Want: process.Int(100), Seen: process.Int(40)},
	}
	if diff := cmp.Diff(want, te.Failed); diff != "" {
		t.Errorf("Failed (-want +got):\n%s", diff)
	}
	if msg := err.Error(); !strings.Contains(msg, `guard "blocked" failed; guard "amount ge 100" failed: needs field "amount" ge 100, but it is 40`) {
		t.Errorf("message = %s", msg)
	}

	// An approval out of turn names the approvers pending.
	big, _, _ := w.Start("DR-2", process.Trigger{Data: process.Data{"deal_value": process.Int(2_000_000)}}, mon)
	big, _, _ = w.Apply(big, process.Trigger{Event: "start_review"}, mon)
	err = w.Check(big, process.Trigger{Event: "approve", Role: process.RoleSalesDirector}, mon)
	if !errors.As(err, &te) || !errors.Is(err, process.ErrNotApprover) {
		t.Fatalf("Check(approve out of turn) = %v", err)
	}
	if diff := cmp.Diff([]process.Role{process.RoleChannelManager, process.RoleSalesDirector}, te.Pending); diff != "" {
		t.Errorf("Pending (-want +got):\n%s", diff)
	}

	// Other refusals: a stale version, an unknown event; and nothing is
	// applied.
	if err := w.Check(in, process.Trigger{Event: "win", ExpectVersion: 2}, mon); !errors.Is(err, process.ErrVersionConflict) {
		t.Errorf("Check with a stale version = %v", err)
	}
	if err := w.Check(in, process.Trigger{Event: "resubmit"}, mon); !errors.Is(err, process.ErrInvalidTransition) {
		t.Errorf("Check(resubmit) in approved = %v", err)
	}
	if err := w.Check(in, process.Trigger{Event: "win"}, mon); err != nil || in.State != "approved" {
		t.Errorf("Check(win) = %v, state %q", err, in.State)
	}
}

// TestReservedEvents: the events the engine records itself cannot be
// declared or applied.
func TestReservedEvents(t *testing.T) {
	for _, ev := range []process.Event{process.EventStart, process.EventReminder, process.EventEscalation, process.EventMigrate} {
		d := reviewDef()
		d.Transitions = append(d.Transitions, process.Transition{From: "draft", Event: ev, To: "done"})
		_, err := process.Compile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
		if !slices.Contains(problemPaths(err), "transitions[9].event") {
			t.Errorf("%q as an event compiled: %v", ev, err)
		}
	}
	w := reviewWorkflow()
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, utc(2026, 3, 2, 10, 0))
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, utc(2026, 3, 2, 10, 0))
	for _, ev := range []process.Event{process.EventReminder, process.EventEscalation, process.EventMigrate} {
		if _, _, err := w.Apply(in, process.Trigger{Event: ev, Role: "lead"}, utc(2026, 3, 9, 10, 0)); !errors.Is(err, process.ErrInvalidTransition) {
			t.Errorf("Apply(%q) = %v, want ErrInvalidTransition", ev, err)
		}
	}
}

// TestWorkflowVersion: an instance records its definition's version;
// applying, replaying or advancing it under another version is an error
// until Migrate moves it on.
func TestWorkflowVersion(t *testing.T) {
	v1 := process.DealRegistration(process.DealRegistrationOptions{})
	w1 := compileStd(t, v1)
	v2 := process.DealRegistration(process.DealRegistrationOptions{ReviewDays: 3})
	v2.Version = 2
	w2 := compileStd(t, v2)

	mon := utc(2026, 3, 2, 9, 0)
	in := dealUnderReview(t, w1, mon, mon)
	if in.WorkflowVersion != 1 || in.History[0].WorkflowVersion != 1 {
		t.Fatalf("instance records version %d, start entry %d; want 1", in.WorkflowVersion, in.History[0].WorkflowVersion)
	}
	approve := process.Trigger{Event: "approve", Role: process.RoleChannelManager}
	if _, _, err := w2.Apply(in, approve, mon); !errors.Is(err, process.ErrWorkflowVersion) {
		t.Errorf("Apply under version 2 = %v", err)
	}
	if err := w2.Check(in, approve, mon); !errors.Is(err, process.ErrWorkflowVersion) {
		t.Errorf("Check under version 2 = %v", err)
	}
	if _, _, err := w2.Advance(in, mon.AddDate(0, 0, 9)); !errors.Is(err, process.ErrWorkflowVersion) {
		t.Errorf("Advance under version 2 = %v", err)
	}
	if _, err := w2.Replay(in.ID, in.History); !errors.Is(err, process.ErrWorkflowVersion) {
		t.Errorf("Replay under version 2 = %v", err)
	}
	if _, err := w2.Steps(in, mon); !errors.Is(err, process.ErrWorkflowVersion) {
		t.Errorf("Steps under version 2 = %v", err)
	}

	// Migrating rebuilds the instance under version 2 (the review is due
	// after 3 business days now) and records the move.
	tue := utc(2026, 3, 3, 9, 0)
	out, effs, err := w2.Migrate(in, process.Trigger{Actor: "ops", Reason: "review SLA to 3 days"}, tue)
	if err != nil {
		t.Fatal(err)
	}
	if newDue := utc(2026, 3, 4, 17, 0); out.WorkflowVersion != 2 || !out.Due.Equal(newDue) || out.Version != 3 {
		t.Errorf("migrated: version %d due %v entries %d; want 2, %v, 3", out.WorkflowVersion, out.Due, out.Version, newDue)
	}
	last := out.History[2]
	if wantEntry := (process.Entry{Version: 3, Event: process.EventMigrate, From: "under_review", To: "under_review",
		Actor: "ops", Reason: "review SLA to 3 days", At: tue, WorkflowVersion: 2}); !last.Equal(wantEntry) {
		t.Errorf("migration entry %+v, want %+v", last, wantEntry)
	}
	// The instance's timer is set anew: start_timer replaces the one it
	// had.
	want := issued("deal-1", 3, process.Effect{Kind: process.EffectStartTimer, State: "under_review", At: out.Due})
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("migration effects (-want +got):\n%s", diff)
	}
	// The migrated history replays under version 2 (and not under 1).
	if re, err := w2.Replay(out.ID, out.History); err != nil || !re.Equal(out) {
		t.Errorf("Replay of the migrated history under version 2: %v", err)
	}
	if _, err := w1.Replay(out.ID, out.History); !errors.Is(err, process.ErrWorkflowVersion) {
		t.Errorf("Replay of the migrated history under version 1 = %v", err)
	}
	if again, effs, err := w2.Migrate(out, process.Trigger{}, tue); err != nil || effs != nil || !again.Equal(out) {
		t.Errorf("Migrate of an instance of this version: %v %v", effs, err)
	}
	if _, _, err := w2.Apply(out, approve, tue); err != nil {
		t.Errorf("Apply after migration: %v", err)
	}
	if got, err := w2.Effects(out, 3); err != nil || !cmp.Equal(want, got) {
		t.Errorf("Effects of the migration = %v, %v", got, err)
	}

	// A definition that no longer accepts the history refuses to migrate.
	v3 := process.DealRegistration(process.DealRegistrationOptions{})
	v3.Version = 3
	for i := range v3.Transitions {
		if v3.Transitions[i].Event == "start_review" {
			v3.Transitions[i].Guards = []process.Guard{{Field: "triaged", Op: process.OpExists}}
		}
	}
	w3 := compileStd(t, v3)
	if _, _, err := w3.Migrate(in, process.Trigger{}, tue); !errors.Is(err, process.ErrReplay) || !errors.Is(err, process.ErrGuardRejected) {
		t.Errorf("Migrate through a refused entry = %v", err)
	}
	if _, _, err := w3.Migrate(in, process.Trigger{Event: "approve"}, tue); !errors.Is(err, process.ErrInvalidTransition) {
		t.Errorf("Migrate with another event = %v", err)
	}
	other := in
	other.Workflow = "co_sell"
	if _, _, err := w2.Migrate(other, process.Trigger{}, tue); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("Migrate of another workflow's instance = %v", err)
	}
}

// TestEffectsOfVersion: Effects re-derives each version's effects with
// the keys they had.
func TestEffectsOfVersion(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	mon := utc(2026, 3, 2, 9, 0)
	in, e1, _ := w.Start("DR-9", process.Trigger{Data: process.Data{"deal_value": process.Int(2_000_000)}}, mon)
	byVersion := map[int][]process.Effect{1: e1}
	for _, tr := range []process.Trigger{{Event: "start_review"}, {Event: "approve", Role: process.RoleChannelManager}} {
		out, effs, err := w.Apply(in, tr, mon.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		in, byVersion[out.Version] = out, effs
	}
	in, effs, _ := w.Advance(in, mon.AddDate(0, 0, 5))
	for _, e := range effs {
		byVersion[e.Version] = append(byVersion[e.Version], e)
	}
	for v := 1; v <= in.Version; v++ {
		got, err := w.Effects(in, v)
		if err != nil {
			t.Fatalf("Effects(%d): %v", v, err)
		}
		if diff := cmp.Diff(byVersion[v], got); diff != "" {
			t.Errorf("Effects(%d) (-want +got):\n%s", v, diff)
		}
	}
	for _, v := range []int{0, in.Version + 1} {
		if _, err := w.Effects(in, v); !errors.Is(err, process.ErrReplay) {
			t.Errorf("Effects(%d) = %v, want ErrReplay", v, err)
		}
	}
}

// TestEffectsStorage: Apply carves effects from storage its instance's
// chain shares; what one call returned never changes, whatever the
// caller or later calls do, and concurrent calls on one instance get
// independent results.
func TestEffectsStorage(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, effs, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(5)}}, at)
	type kept struct{ got, want []process.Effect }
	var all []kept
	keep := func(e []process.Effect) { all = append(all, kept{e, slices.Clone(e)}) }
	keep(effs)
	cycle := []process.Trigger{{Event: "hold"}, {Event: "resume"}, {Event: "request_info"}, {Event: "answer"}}
	for i := range 61 {
		tr := process.Trigger{Event: "submit"}
		if in.State != "draft" {
			tr = cycle[(i-1)%len(cycle)]
		}
		next, e, err := w.Apply(in, tr, at.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatalf("step %d (%s in %s): %v", i, tr.Event, in.State, err)
		}
		keep(e)
		// A caller appending to its effects must not reach the next
		// call's.
		_ = append(e, process.Effect{Kind: process.EffectCompleted, State: "clobbered"})
		in = next
	}
	for i, k := range all {
		if diff := cmp.Diff(k.want, k.got); diff != "" {
			t.Fatalf("effects of call %d changed after the fact (-want +got):\n%s", i, diff)
		}
	}

	// Concurrent calls on the same instance: one appends in place, the
	// others copy; every result is whole.
	tip := in
	events := []process.Trigger{{Event: "hold"}, {Event: "request_info"}, {Event: "cancel"}, {Event: "approve", Role: "reviewer"}}
	if tip.State != "review" {
		t.Fatalf("tip in %q, want review", tip.State)
	}
	type result struct {
		out  process.Instance
		effs []process.Effect
		err  error
	}
	results := make([]result, 16)
	done := make(chan int)
	for g := range results {
		go func() {
			out, effs, err := w.Apply(tip, events[g%len(events)], at.AddDate(0, 0, 10))
			results[g] = result{out, slices.Clone(effs), err}
			_ = append(effs, process.Effect{State: "clobbered"})
			done <- g
		}()
	}
	for range results {
		<-done
	}
	for g, r := range results {
		want, wantEffs, _ := w.Apply(tip, events[g%len(events)], at.AddDate(0, 0, 10))
		if r.err != nil || !r.out.Equal(want) {
			t.Errorf("goroutine %d: result differs from a lone Apply (%v)", g, r.err)
		}
		if diff := cmp.Diff(wantEffs, r.effs); diff != "" {
			t.Errorf("goroutine %d: effects (-want +got):\n%s", g, diff)
		}
	}
}

// TestNegativeAlerts: a snapshot cannot claim a negative count of issued
// alerts, and an instance built with one in Go does not make the engine
// panic.
func TestNegativeAlerts(t *testing.T) {
	for _, js := range []string{
		`{"workflow":"review","id":"r","state":"review","version":2,"entered":"2026-03-02T10:00:00Z","alerts":-1}`,
		`{"workflow":"review","id":"r","state":"on_hold","version":3,"entered":"2026-03-02T10:00:00Z","paused":{"state":"review","since":"2026-03-02T10:00:00Z","alerts":-2}}`,
	} {
		if _, err := process.ParseInstance([]byte(js)); !errors.Is(err, partnerops.ErrInvalid) {
			t.Errorf("ParseInstance(%s) = %v, want ErrInvalid", js, err)
		}
	}
	w := reviewWorkflow()
	mon := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	in.Alerts = -3
	_ = w.Explain(in, mon.AddDate(0, 0, 9))
	_ = w.Escalations(in, mon.AddDate(0, 0, 9))
	if _, effs, err := w.Advance(in, mon.AddDate(0, 0, 9)); err != nil || len(effs) == 0 {
		t.Errorf("Advance with a negative count: %v %v", effs, err)
	}
}
