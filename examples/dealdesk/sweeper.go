package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"
)

// The sweeper carries out the outbox: it fires timers that are due at the
// time its caller passes (registration expiry, an SLA breach's timeout
// event), then hands the other effects (notifications, approval requests,
// escalations) to the Notifier. The service never reads the clock for
// this: main runs Sweep on a ticker with time.Now, tests with a fake time,
// and an operator through POST /v1/sweep.
//
// Exactly once for timers: firing a timer is one transaction that applies
// the due events (Workflow.Advance), appends them, and marks the timer row
// done only if it is still pending. A second sweeper racing for the same
// timer finds it done and rolls back, so an expiry fires once however many
// sweepers run.
//
// At least once for deliveries: a row is marked done after the notifier
// returns, so a crash in between delivers it again; the notifier gets the
// idempotency key to drop repeats.

// Delivery is one effect handed to the notifier.
type Delivery struct {
	// Key is the effect's idempotency key.
	Key        string
	InstanceID string
	Kind       string
	// Effect is the process.Effect as JSON.
	Effect json.RawMessage
}

// Notifier delivers effects: e-mail, chat, a task queue. Deliver must be
// idempotent per Key.
type Notifier interface {
	Deliver(ctx context.Context, d Delivery) error
}

// LogNotifier logs each delivery; the sample service uses it.
type LogNotifier struct{ Log *slog.Logger }

// Deliver logs d.
func (n LogNotifier) Deliver(ctx context.Context, d Delivery) error {
	n.Log.InfoContext(ctx, "effect", "key", d.Key, "instance", d.InstanceID, "kind", d.Kind, "effect", string(d.Effect))
	return nil
}

// SweepReport counts what a sweep did.
type SweepReport struct {
	// Fired counts timers that applied at least one event; Stale counts
	// timers due but with nothing left to do (the instance moved on);
	// Raced counts timers another sweeper fired first.
	Fired int `json:"fired"`
	Stale int `json:"stale"`
	Raced int `json:"raced"`
	// Errors counts timers that failed (logged, left pending).
	Errors int `json:"errors"`
	// Delivered and Failed count effects handed to the notifier.
	Delivered int `json:"delivered"`
	Failed    int `json:"failed"`
}

// sweepBatch bounds the rows one sweep takes; the next sweep takes more.
const sweepBatch = 500

// Sweep fires the timers due at now and delivers pending effects.
func (a *API) Sweep(ctx context.Context, now time.Time) (SweepReport, error) {
	var rep SweepReport
	timers, err := a.store.DueTimers(ctx, now, sweepBatch)
	if err != nil {
		return rep, err
	}
	for _, t := range timers {
		fired, err := a.fireTimer(ctx, t, now)
		switch {
		case errors.Is(err, errAlreadyDone):
			rep.Raced++
		case err != nil:
			// One broken instance must not stop every other timer: log it,
			// leave the timer pending, go on.
			a.log.Error("timer failed; retried on the next sweep", "key", t.Key, "err", err)
			rep.Errors++
		case fired:
			rep.Fired++
		default:
			rep.Stale++
		}
	}
	pending, err := a.store.PendingDeliveries(ctx, sweepBatch)
	if err != nil {
		return rep, err
	}
	for _, o := range pending {
		if err := a.notifier.Deliver(ctx, Delivery{Key: o.Key, InstanceID: o.InstanceID, Kind: o.Kind, Effect: o.Effect}); err != nil {
			a.log.Warn("delivery failed; retried on the next sweep", "key", o.Key, "err", err)
			rep.Failed++
			continue
		}
		if ok, err := a.store.CompleteOutbox(ctx, o.Key, "delivered", now); err != nil {
			return rep, err
		} else if ok {
			rep.Delivered++
		}
	}
	return rep, nil
}

// fireTimer applies what is due on the timer's instance at now, and marks
// the timer done, in one transaction. It reports whether any event fired.
func (a *API) fireTimer(ctx context.Context, t OutboxRow, now time.Time) (bool, error) {
	fired := false
	err := a.store.UpdateInstance(ctx, t.InstanceID, now, func(cur InstanceRow) (Change, error) {
		wf, in, err := a.loadRegistration(ctx, cur)
		if err != nil {
			return Change{}, err
		}
		next, effects, err := wf.Advance(in, now)
		if err != nil {
			return Change{}, err
		}
		ch, err := changeFor(cur, cur.Version, next, effects)
		if err != nil {
			return Change{}, err
		}
		outcome := "stale"
		if len(ch.Events) > 0 {
			outcome, fired = "fired", true
		}
		ch.Complete = append(ch.Complete, Completion{Key: t.Key, Outcome: outcome})
		return ch, nil
	})
	return fired, err
}

// sweepRequest is the body of POST /v1/sweep.
type sweepRequest struct {
	// Now is the time to sweep at; defaults to the service's clock.
	Now time.Time `json:"now,omitzero"`
}

// POST /v1/sweep: run the sweeper at a given time (vendors).
func (a *API) postSweep(w http.ResponseWriter, r *http.Request) {
	body, ok := a.readBody(w, r, a.maxBody)
	if !ok {
		return
	}
	var req sweepRequest
	if len(body) > 0 {
		if err := decodeStrict(body, &req); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	if req.Now.IsZero() {
		req.Now = a.now()
	}
	rep, err := a.Sweep(r.Context(), req.Now)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}
