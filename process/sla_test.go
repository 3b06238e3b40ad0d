package process_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

// dealUnderReview starts a deal registration and moves it to review at
// reviewAt.
func dealUnderReview(t *testing.T, w *process.Workflow, submitted, reviewAt time.Time) process.Instance {
	t.Helper()
	in, _, err := w.Start("deal-1", process.Trigger{Actor: "partner-7", Data: process.Data{"deal_value": process.Int(50000)}}, submitted)
	if err != nil {
		t.Fatal(err)
	}
	in, _, err = w.Apply(in, process.Trigger{Event: "start_review", Actor: "cam"}, reviewAt)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestReviewSLABreachAtExactInstant(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	// Review starts Friday 6 March 15:00; 2 business days later is
	// Tuesday 10 March 15:00.
	fri := utc(2026, 3, 6, 15, 0)
	in := dealUnderReview(t, w, fri, fri)
	due := utc(2026, 3, 10, 15, 0)
	if !in.Due.Equal(due) {
		t.Fatalf("review due %v, want %v", in.Due, due)
	}
	before, _ := w.Status(in, due.Add(-time.Second))
	if before.Breached || before.Remaining != time.Second {
		t.Errorf("1s before due: %+v, want not breached with 1s remaining", before)
	}
	if got := w.Escalations(in, due.Add(-time.Nanosecond)); got != nil {
		t.Errorf("escalations 1ns before due = %v, want none", got)
	}
	at, _ := w.Status(in, due)
	if !at.Breached || at.Overdue != 0 {
		t.Errorf("at due: %+v, want breached, 0 overdue", at)
	}
	want := []process.Effect{{Kind: process.EffectEscalate, State: "under_review", Role: process.RoleChannelDirector, At: due}}
	if diff := cmp.Diff(want, w.Escalations(in, due)); diff != "" {
		t.Errorf("escalations at due (-want +got):\n%s", diff)
	}
}

func TestSLAHolidaysAndDST(t *testing.T) {
	ny := newYork(t)
	cal := process.MustBusinessCalendar(process.CalendarDef{
		TimeZone: "America/New_York",
		Holidays: []string{"2026-03-09", "2026-12-25"},
	}, ny)
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(cal))
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }
	tests := []struct {
		name     string
		reviewAt time.Time
		due      time.Time
	}{
		// Friday 15:00 EST; Monday 9 March is a holiday and clocks spring
		// forward on Sunday 8 March: Tuesday and Wednesday count, due
		// Wednesday 15:00 EDT (19:00 UTC, not 20:00).
		{"weekend, holiday and spring forward", at(2026, 3, 6, 15, 0), at(2026, 3, 11, 15, 0)},
		// Thursday 24 December 10:00; Christmas off: Monday 28 and
		// Tuesday 29 count.
		{"Christmas", at(2026, 12, 24, 10, 0), at(2026, 12, 29, 10, 0)},
		// Friday 30 October 16:30 EDT; clocks fall back on Sunday 1
		// November: due Tuesday 3 November 16:30 EST.
		{"fall back", at(2026, 10, 30, 16, 30), at(2026, 11, 3, 16, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := dealUnderReview(t, w, tt.reviewAt, tt.reviewAt)
			if !in.Due.Equal(tt.due) {
				t.Fatalf("due %v, want %v", in.Due, tt.due)
			}
			if s, _ := w.Status(in, tt.due.Add(-time.Nanosecond)); s.Breached {
				t.Errorf("breached 1ns before due")
			}
			if s, _ := w.Status(in, tt.due); !s.Breached {
				t.Errorf("not breached at due")
			}
		})
	}
	// Validity is 90 calendar days in the calendar's zone: approved on
	// 1 March 12:00 EST, it expires on 30 May 12:00 EDT, one hour less
	// than 90×24h of elapsed time.
	in := dealUnderReview(t, w, at(2026, 3, 1, 11, 0), at(2026, 3, 1, 11, 30))
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, at(2026, 3, 1, 12, 0))
	expiry := at(2026, 5, 30, 12, 0)
	if !in.Due.Equal(expiry) || in.Due.Sub(at(2026, 3, 1, 12, 0)) != 90*24*time.Hour-time.Hour {
		t.Fatalf("expiry %v, want %v", in.Due, expiry)
	}
	// 1ns early the reminder (14 days of elapsed time before expiry) is
	// due and was never sent: Advance sends it and moves the timer to the
	// expiry.
	remindAt := expiry.Add(-14 * 24 * time.Hour)
	if !in.Wake.Equal(remindAt) {
		t.Fatalf("wake %v, want the reminder at %v", in.Wake, remindAt)
	}
	still, effs, err := w.Advance(in, expiry.Add(-time.Nanosecond))
	if err != nil || still.State != "approved" || !still.Wake.Equal(expiry) {
		t.Fatalf("Advance 1ns early: %q wake %v %v", still.State, still.Wake, err)
	}
	want := issued("deal-1", 4,
		process.Effect{Kind: process.EffectRemind, State: "approved", Role: process.RolePartner, At: expiry},
		process.Effect{Kind: process.EffectStartTimer, State: "approved", Event: "expire", At: expiry},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("reminder effects (-want +got):\n%s", diff)
	}
	// At the expiry itself a reminder never sent is too late: Advance
	// passes over it and fires expire.
	gone, effs, err := w.Advance(in, expiry)
	if err != nil || gone.State != "expired" {
		t.Fatalf("Advance at expiry: %q %v", gone.State, err)
	}
	want = issued("deal-1", 4,
		process.Effect{Kind: process.EffectCancelTimer, State: "approved", At: remindAt},
		process.Effect{Kind: process.EffectCompleted, State: "expired"},
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("expiry effects (-want +got):\n%s", diff)
	}
	last := gone.History[len(gone.History)-1]
	if last.Actor != process.ActorSLA || !last.At.Equal(expiry) || last.Event != "expire" {
		t.Errorf("expiry entry = %+v", last)
	}
}

func TestAdvanceChainsTimers(t *testing.T) {
	w := compileStd(t, process.PartnerLifecycle(process.LifecycleOptions{}))
	t0 := utc(2026, 1, 5, 9, 0)
	in, _, _ := w.Start("p-1", process.Trigger{}, t0)
	in, _, _ = w.Apply(in, process.Trigger{Event: "start_onboarding"}, t0)
	in, _, _ = w.Apply(in, process.Trigger{Event: "activate"}, t0)
	in, _, _ = w.Apply(in, process.Trigger{Event: "flag_risk", Reason: "scorecard red two quarters"}, t0)
	// At risk for 90 days (5 April), then suspended for 180 (2 October).
	suspendAt, offboardAt := utc(2026, 4, 5, 9, 0), utc(2026, 10, 2, 9, 0)
	out, effs, err := w.Advance(in, utc(2026, 12, 31, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if out.State != "offboarded" {
		t.Fatalf("state %q, want offboarded", out.State)
	}
	// Each escalation is a history entry of its own (versions 5 and 7),
	// each SLA event too (6 and 8).
	want := slices.Concat(
		issued("p-1", 5, process.Effect{Kind: process.EffectEscalate, State: "at_risk", Role: process.RoleChannelDirector, At: suspendAt}),
		issued("p-1", 6,
			process.Effect{Kind: process.EffectNotify, State: "suspended", Role: process.RoleChannelDirector},
			process.Effect{Kind: process.EffectStartTimer, State: "suspended", Event: "offboard", At: offboardAt}),
		issued("p-1", 7, process.Effect{Kind: process.EffectEscalate, State: "suspended", Role: process.RoleVPPartnerships, At: offboardAt}),
		issued("p-1", 8,
			process.Effect{Kind: process.EffectCancelTimer, State: "suspended", At: offboardAt},
			process.Effect{Kind: process.EffectCompleted, State: "offboarded"}),
	)
	if diff := cmp.Diff(want, effs); diff != "" {
		t.Errorf("Advance effects (-want +got):\n%s", diff)
	}
	re, err := w.Replay(out.ID, out.History)
	if err != nil || !re.Equal(out) {
		t.Errorf("Replay after Advance: %v", err)
	}
}

func TestStepsAndBreaches(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	// Submitted Monday 09:00 (triage due end of Monday), picked up
	// Tuesday 10:00 (1h late), approved Tuesday 11:00 (on time).
	mon := utc(2026, 3, 2, 9, 0)
	in := dealUnderReview(t, w, mon, utc(2026, 3, 3, 10, 0))
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, utc(2026, 3, 3, 11, 0))
	asOf := utc(2026, 3, 10, 0, 0)
	steps, err := w.Steps(in, asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := []process.Step{
		{State: "submitted", Owner: process.RoleChannelManager, Entered: mon, Left: utc(2026, 3, 3, 10, 0), Due: utc(2026, 3, 2, 17, 0),
			Breached: true, Overdue: 17 * time.Hour, EscalateTo: process.RoleChannelDirector},
		{State: "under_review", Owner: process.RoleChannelManager, Entered: utc(2026, 3, 3, 10, 0), Left: utc(2026, 3, 3, 11, 0), Due: utc(2026, 3, 5, 10, 0),
			EscalateTo: process.RoleChannelDirector},
		{State: "approved", Owner: process.RolePartner, Entered: utc(2026, 3, 3, 11, 0), Due: utc(2026, 6, 1, 11, 0),
			Remaining: utc(2026, 6, 1, 11, 0).Sub(asOf), Fire: "expire"},
	}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Errorf("Steps (-want +got):\n%s", diff)
	}
	br, _ := w.Breaches(in, asOf)
	if len(br) != 1 || br[0].State != "submitted" {
		t.Errorf("Breaches = %+v, want the triage step", br)
	}
	foreign := in
	foreign.Workflow = "x"
	if _, err := w.Status(foreign, asOf); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("Status of a foreign instance: %v", err)
	}
	if _, _, err := w.Advance(foreign, asOf); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("Advance of a foreign instance: %v", err)
	}
	bad := in
	bad.History = append([]process.Entry(nil), in.History...)
	bad.History[1].To = "ghost"
	if _, err := w.Breaches(bad, asOf); !errors.Is(err, process.ErrWrongWorkflow) {
		t.Errorf("Steps over an unknown state: %v", err)
	}
}

func TestPauseSLA(t *testing.T) {
	w := reviewWorkflow()
	mon := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	// 16 business hours from Monday 10:00: due Wednesday 10:00.
	if want := utc(2026, 3, 4, 10, 0); !in.Due.Equal(want) {
		t.Fatalf("review due %v, want %v", in.Due, want)
	}
	// Held on Monday at 15:00 with 11 business hours left (2h Monday, 8h
	// Tuesday, 1h Wednesday); resumed Thursday 09:00: due Friday 12:00.
	held, effs, _ := w.Apply(in, process.Trigger{Event: "hold"}, utc(2026, 3, 2, 15, 0))
	wantPause := &process.Pause{State: "review", Due: utc(2026, 3, 4, 10, 0), Since: utc(2026, 3, 2, 15, 0)}
	if !held.Paused.Equal(wantPause) || !held.Due.IsZero() {
		t.Fatalf("held: paused %+v, due %v; want %+v and no due", held.Paused, held.Due, wantPause)
	}
	if effs[0].Kind != process.EffectCancelTimer {
		t.Errorf("hold did not cancel the review timer: %v", effs)
	}
	if s, _ := w.Status(held, utc(2026, 3, 5, 12, 0)); s.Breached {
		t.Errorf("a paused step breached")
	}
	resumed, _, _ := w.Apply(held, process.Trigger{Event: "resume"}, utc(2026, 3, 5, 9, 0))
	if want := utc(2026, 3, 6, 12, 0); resumed.State != "review" || !resumed.Due.Equal(want) || resumed.Paused != nil {
		t.Errorf("resumed: %q due %v paused %v; want review due %v", resumed.State, resumed.Due, resumed.Paused, want)
	}
	steps, _ := w.Steps(resumed, utc(2026, 3, 5, 10, 0))
	var dues []time.Time
	for _, s := range steps {
		dues = append(dues, s.Due)
	}
	if diff := cmp.Diff([]time.Time{{}, utc(2026, 3, 4, 10, 0), {}, utc(2026, 3, 6, 12, 0)}, dues); diff != "" {
		t.Errorf("Steps dues (-want +got):\n%s", diff)
	}
	// Cancelling from hold drops the paused step.
	cancelled, _, _ := w.Apply(held, process.Trigger{Event: "cancel"}, utc(2026, 3, 5, 9, 0))
	if cancelled.Paused != nil {
		t.Errorf("cancel kept the pause")
	}
	re, err := w.Replay(resumed.ID, resumed.History)
	if err != nil || !re.Equal(resumed) {
		t.Errorf("Replay through a pause: %v", err)
	}

	// A calendar-clock step moves by the elapsed pause: approved with 30
	// days, held after 10 days for 5 days, due 5 days later.
	ok, _, _ := w.Apply(in, process.Trigger{Event: "approve", Role: "reviewer"}, mon)
	due := ok.Due
	h2, _, _ := w.Apply(ok, process.Trigger{Event: "hold"}, mon.AddDate(0, 0, 10))
	r2, _, _ := w.Apply(h2, process.Trigger{Event: "resume"}, mon.AddDate(0, 0, 15))
	if !r2.Due.Equal(due.AddDate(0, 0, 5)) {
		t.Errorf("calendar resume due %v, want %v", r2.Due, due.AddDate(0, 0, 5))
	}
	// A step overdue when paused stays overdue by the same amount.
	h3, _, _ := w.Apply(ok, process.Trigger{Event: "hold"}, due.Add(time.Hour))
	r3, _, _ := w.Apply(h3, process.Trigger{Event: "resume"}, due.Add(49*time.Hour))
	if s, _ := w.Status(r3, due.Add(49*time.Hour)); !s.Breached || s.Overdue != time.Hour {
		t.Errorf("overdue step after pause: %+v, want breached by 1h", s)
	}
}

func TestDealRegistrationInfoRequestPausesReview(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	// Review from Monday 9:00 is due Tuesday 17:00 (2 full days). Info is
	// requested Monday 13:00 (12 business hours left) and answered
	// Thursday 9:00: due Friday 13:00.
	in := dealUnderReview(t, w, utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 9, 0))
	in, _, _ = w.Apply(in, process.Trigger{Event: "request_info"}, utc(2026, 3, 2, 13, 0))
	in, _, _ = w.Apply(in, process.Trigger{Event: "resubmit"}, utc(2026, 3, 5, 9, 0))
	if want := utc(2026, 3, 6, 13, 0); !in.Due.Equal(want) {
		t.Errorf("review due after information %v, want %v", in.Due, want)
	}
}

func TestReminders(t *testing.T) {
	d := reviewDef()
	d.States[4].SLA.RemindBefore = process.Duration(48 * time.Hour)
	w := process.MustCompile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
	mon := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	if got := w.Reminders(in, mon); got != nil {
		t.Errorf("reminders without remind_before = %v", got)
	}
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: "reviewer"}, mon)
	due := in.Due // 30 days later
	want := []process.Effect{{Kind: process.EffectRemind, State: "approved", Role: "author", At: due}}
	for _, tt := range []struct {
		at   time.Time
		want []process.Effect
	}{
		{due.Add(-48*time.Hour - time.Nanosecond), nil},
		{due.Add(-48 * time.Hour), want},
		{due.Add(-time.Nanosecond), want},
		{due, nil},
	} {
		if diff := cmp.Diff(tt.want, w.Reminders(in, tt.at)); diff != "" {
			t.Errorf("Reminders at due%+v (-want +got):\n%s", tt.at.Sub(due), diff)
		}
	}
	bad := reviewDef()
	bad.States[4].SLA.RemindBefore = process.Duration(-time.Hour)
	if _, err := process.Compile(bad, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("negative remind_before compiled: %v", err)
	}
}

func TestEscalationLevels(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	fri := utc(2026, 3, 6, 15, 0)
	in := dealUnderReview(t, w, fri, fri)
	due := utc(2026, 3, 10, 15, 0)
	director := process.Effect{Kind: process.EffectEscalate, State: "under_review", Role: process.RoleChannelDirector, At: due}
	vp := process.Effect{Kind: process.EffectEscalate, State: "under_review", Role: process.RoleVPPartnerships, At: due.Add(48 * time.Hour)}
	for _, tt := range []struct {
		at   time.Time
		want []process.Effect
	}{
		{due.Add(48*time.Hour - time.Nanosecond), []process.Effect{director}},
		{due.Add(48 * time.Hour), []process.Effect{director, vp}},
	} {
		if diff := cmp.Diff(tt.want, w.Escalations(in, tt.at)); diff != "" {
			t.Errorf("Escalations at due+%v (-want +got):\n%s", tt.at.Sub(due), diff)
		}
	}
	d := reviewDef()
	d.States[1].SLA.Escalations = []process.Escalation{{After: process.Duration(time.Hour), To: "vp"}, {After: 0, To: ""}}
	_, err := process.Compile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
	if diff := cmp.Diff([]string{"states[review].sla.escalations[1].to", "states[review].sla.escalations[1].after"}, problemPaths(err)); diff != "" {
		t.Errorf("escalation level problems (-want +got):\n%s", diff)
	}
}
