package main

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/partnerops/partnerops/process"
)

// TestSweeperFiresExpiryOnce approves a registration, then sweeps with a
// fake clock: nothing before the 90-day protection ends; after it, many
// sweepers at once fire the expiry exactly once (the timer's idempotency
// key is completed in the same transaction as the expire event).
func TestSweeperFiresExpiryOnce(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.register("initech", "umbrella.com", "50000")
	e.approve(id)
	approvedAt := e.clock.Now()

	// The instance has one timer, its next wake-up: the reminder before
	// the 90-day expiry comes first.
	rows, err := e.store.InstanceOutbox(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var timers int
	for _, o := range rows {
		if !o.DueAt.IsZero() && o.DoneAt.IsZero() {
			timers++
		}
	}
	if timers != 1 {
		t.Fatalf("%d pending timers after approval, want 1 (the next wake-up)", timers)
	}
	// 90 calendar days in the workflow calendar's zone: the same wall-clock
	// time in New York, an hour earlier in UTC across the DST change.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	due := approvedAt.In(ny).AddDate(0, 0, 90)

	// A day early: the reminder may go out, the registration stays approved.
	if _, err := e.api.Sweep(ctx, due.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if hist := storedHistory(t, e, id); hist[len(hist)-1].To != "approved" {
		t.Fatalf("a day early the history ends in %s", hist[len(hist)-1].To)
	}

	// A day late, eight sweepers at once, then two more in turn.
	late := due.Add(24 * time.Hour)
	var wg sync.WaitGroup
	reports := make([]SweepReport, 8)
	for i := range reports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := e.api.Sweep(ctx, late)
			if err != nil {
				t.Error(err)
			}
			reports[i] = r
		}()
	}
	wg.Wait()
	for range 2 {
		r, err := e.api.Sweep(ctx, late)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, r)
	}

	hist := storedHistory(t, e, id)
	expires := 0
	for _, en := range hist {
		if en.Event == "expire" {
			expires++
			if !en.At.Equal(due) || en.Actor != process.ActorSLA {
				t.Errorf("expire at %v by %q, want at %v by %q", en.At, en.Actor, due, process.ActorSLA)
			}
		}
	}
	if expires != 1 || hist[len(hist)-1].To != "expired" {
		t.Fatalf("%d expire events; history ends in %s (%+v)", expires, hist[len(hist)-1].To, reports)
	}
	if n := e.count(`SELECT COUNT(*) FROM outbox WHERE done_at IS NULL`); n != 0 {
		t.Errorf("%d outbox rows still pending after the sweeps", n)
	}
}

// TestSweeperDeliversOncePerKey: sweeps in turn hand every effect to the
// notifier once, with its idempotency key; a failed delivery is retried on
// the next sweep.
func TestSweeperDeliversOncePerKey(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.register("initech", "umbrella.com", "50000")
	e.notes.fail = true
	rep, err := e.api.Sweep(ctx, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed == 0 || rep.Delivered != 0 {
		t.Fatalf("failing notifier: %+v", rep)
	}
	e.notes.fail = false
	e.approve(id)
	for range 3 {
		if _, err := e.api.Sweep(ctx, e.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := e.store.InstanceOutbox(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	deliveries := 0
	for _, o := range rows {
		if !o.DueAt.IsZero() {
			continue // timers are fired, not delivered
		}
		deliveries++
		if n := e.notes.count(o.Key); n != 1 || o.Outcome != "delivered" {
			t.Errorf("effect %s (%s): delivered %d times, outcome %q", o.Key, o.Kind, n, o.Outcome)
		}
	}
	if deliveries == 0 {
		t.Fatal("no effects to deliver")
	}
}

// TestSweepRoute runs the sweeper through the API at a time in the body.
func TestSweepRoute(t *testing.T) {
	e := newEnv(t)
	id := e.register("initech", "umbrella.com", "50000")
	e.approve(id)
	late := e.clock.Now().AddDate(0, 0, 91).Format(time.RFC3339)
	var rep SweepReport
	e.must(http.StatusOK, "POST", "/v1/sweep", e.tokens["deal_desk"], `{"now":"`+late+`"}`, &rep)
	if rep.Fired != 1 {
		t.Fatalf("sweep = %+v", rep)
	}
	var v RegistrationView
	e.must(http.StatusOK, "GET", "/v1/registrations/"+id, e.tokens["initech"], nil, &v)
	if v.State != "expired" || len(v.Allowed) != 0 {
		t.Errorf("after the sweep: %s, allowed %v", v.State, v.Allowed)
	}
	e.must(http.StatusBadRequest, "POST", "/v1/sweep", e.tokens["deal_desk"], `{"now":"tomorrow"}`, nil)
}

// TestSweeperSkipsABrokenInstance: a timer whose instance cannot be loaded
// is logged and left pending; the other timers still fire.
func TestSweeperSkipsABrokenInstance(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	broken := e.register("initech", "a.example", "1")
	good := e.register("globex", "b.example", "1")
	e.approve(broken)
	e.approve(good)
	if _, err := e.store.db.Exec(`UPDATE instances SET snapshot = '{"id": 5}' WHERE id = ?`, broken); err != nil {
		t.Fatal(err)
	}
	rep, err := e.api.Sweep(ctx, e.clock.Now().AddDate(0, 0, 91))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 1 || rep.Fired != 1 {
		t.Fatalf("sweep = %+v, want one error and one fired", rep)
	}
	if n := e.count(`SELECT COUNT(*) FROM outbox WHERE instance_id = ? AND due_at IS NOT NULL AND done_at IS NULL`, broken); n != 1 {
		t.Errorf("the broken instance's timer: %d pending, want 1", n)
	}
}
