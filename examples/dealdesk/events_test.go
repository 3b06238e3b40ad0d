package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/partnerops/partnerops/process"
)

// notesWorkflow is a workflow whose "note" event keeps the instance in
// its state, so many writers can append to one instance.
const notesWorkflow = `{
  "workflow": {
    "id": "notes", "initial": "open",
    "states": [{"name": "open", "owner": "channel_manager"}, {"name": "closed", "terminal": true}],
    "transitions": [
      {"from": "open", "event": "note", "to": "open"},
      {"from": "open", "event": "close", "to": "closed"}]
  },
  "partner_events": ["note"],
  "protected_states": ["open"]
}`

// noteEvent is a note carrying the writer's marker.
func noteEvent(expect int, marker string) map[string]any {
	return map[string]any{"event": "note", "expect_version": expect,
		"data": map[string]any{"marker": map[string]string{"string": marker}}}
}

// storedHistory reads an instance's events and checks that versions run
// 1..n without a gap, and that replaying them gives the stored projection.
func storedHistory(t *testing.T, e *env, id string) []process.Entry {
	t.Helper()
	ctx := context.Background()
	rows, err := e.store.Events(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var hist []process.Entry
	for i, r := range rows {
		if r.Version != i+1 {
			t.Fatalf("event %d has version %d", i, r.Version)
		}
		var en process.Entry
		decodeJSON(t, r.Entry, &en)
		hist = append(hist, en)
	}
	row, err := e.store.Instance(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wf, in, err := e.api.loadRegistration(ctx, row)
	if err != nil {
		t.Fatal(err)
	}
	if row.Version != len(rows) || in.Version != len(rows) {
		t.Fatalf("projection at version %d (snapshot %d), %d events", row.Version, in.Version, len(rows))
	}
	replayed, err := wf.Replay(id, hist)
	if err != nil {
		t.Fatal(err)
	}
	if !replayed.Equal(in) {
		t.Fatalf("replaying the events does not give the stored instance")
	}
	return hist
}

// TestConcurrentWritersRounds: in each round every writer reads the same
// version and posts an event on it at once. Exactly one wins per round;
// every other gets 409 with the current version; no event is lost or
// doubled.
func TestConcurrentWritersRounds(t *testing.T) {
	e := newEnv(t)
	e.must(http.StatusCreated, "POST", "/v1/definitions/dealreg_workflow", e.tokens["channel_manager"], notesWorkflow, nil)
	id := e.register("initech", "notes.example", "1")
	const writers, rounds = 12, 8
	tokens := []string{e.tokens["initech"], e.tokens["channel_manager"], e.tokens["deal_desk"]}
	var conflicts, wins atomic.Int64
	version := 1
	for round := range rounds {
		var wg sync.WaitGroup
		start := make(chan struct{})
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				status, body := e.do("POST", "/v1/registrations/"+id+"/events", tokens[w%len(tokens)],
					noteEvent(version, fmt.Sprintf("r%d-w%d", round, w)))
				switch status {
				case http.StatusOK:
					wins.Add(1)
				case http.StatusConflict:
					var eb errorBody
					if err := json.Unmarshal(body, &eb); err != nil || eb.Current != version+1 {
						t.Errorf("409 body %s: want current_version %d", body, version+1)
					}
					conflicts.Add(1)
				default:
					t.Errorf("status %d: %s", status, body)
				}
			}()
		}
		close(start)
		wg.Wait()
		version++
	}
	if wins.Load() != rounds || conflicts.Load() != rounds*(writers-1) {
		t.Fatalf("%d wins and %d conflicts, want %d and %d", wins.Load(), conflicts.Load(), rounds, rounds*(writers-1))
	}
	hist := storedHistory(t, e, id)
	if len(hist) != rounds+1 {
		t.Fatalf("%d events, want %d", len(hist), rounds+1)
	}
	t.Logf("%d writers × %d rounds: %d events stored, %d conflicts answered 409", writers, rounds, len(hist), conflicts.Load())
}

// TestConcurrentWritersRetry: writers that retry on 409 each land all
// their events; the history holds every one exactly once.
func TestConcurrentWritersRetry(t *testing.T) {
	e := newEnv(t)
	e.must(http.StatusCreated, "POST", "/v1/definitions/dealreg_workflow", e.tokens["channel_manager"], notesWorkflow, nil)
	id := e.register("initech", "notes.example", "1")
	const writers, each = 16, 5
	var conflicts atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < each; {
				var v RegistrationView
				status, body := e.do("GET", "/v1/registrations/"+id, e.tokens["channel_manager"], nil)
				if status != http.StatusOK || json.Unmarshal(body, &v) != nil {
					t.Errorf("GET: %d %s", status, body)
					return
				}
				status, body = e.do("POST", "/v1/registrations/"+id+"/events", e.tokens["channel_manager"], noteEvent(v.Version, fmt.Sprintf("w%d-%d", w, k)))
				switch status {
				case http.StatusOK:
					k++
				case http.StatusConflict:
					conflicts.Add(1)
				default:
					t.Errorf("POST: %d %s", status, body)
					return
				}
			}
		}()
	}
	wg.Wait()
	hist := storedHistory(t, e, id)
	seen := map[string]int{}
	for _, en := range hist[1:] {
		m, _ := en.Data["marker"].AsString()
		seen[m]++
	}
	for w := range writers {
		for k := range each {
			if n := seen[fmt.Sprintf("w%d-%d", w, k)]; n != 1 {
				t.Errorf("event w%d-%d stored %d times", w, k, n)
			}
		}
	}
	if len(hist) != 1+writers*each {
		t.Errorf("%d events, want %d", len(hist), 1+writers*each)
	}
	t.Logf("%d writers × %d events: %d stored, %d conflicts retried", writers, each, len(hist), conflicts.Load())
}

// TestEventsAppendOnly: the database itself refuses to change or delete an
// event, or to store a second event under one version.
func TestEventsAppendOnly(t *testing.T) {
	e := newEnv(t)
	id := e.register("initech", "a.example", "1")
	db := e.store.db
	if _, err := db.Exec(`UPDATE events SET entry = '{}' WHERE instance_id = ?`, id); err == nil {
		t.Error("an event was updated")
	}
	if _, err := db.Exec(`DELETE FROM events WHERE instance_id = ?`, id); err == nil {
		t.Error("an event was deleted")
	}
	_, err := db.Exec(`INSERT INTO events (instance_id, version, at, entry, recorded_at) VALUES (?, 1, 0, '{}', 0)`, id)
	if !isConstraint(err) {
		t.Errorf("a second event at version 1: %v, want a constraint error", err)
	}
}

// TestCutTransactionLeavesNothing fails a command after its events are
// inserted and before its outbox rows are: nothing of it is visible, and
// the same command then succeeds whole.
func TestCutTransactionLeavesNothing(t *testing.T) {
	e := newEnv(t)
	id := e.register("initech", "a.example", "1")
	before := snapshotCounts(t, e, id)
	e.store.afterEvents = func() error { return errors.New("power cut") }
	if status, _ := e.event(id, e.tokens["channel_manager"], "start_review", 1); status != http.StatusInternalServerError {
		t.Fatalf("cut command: %d, want 500", status)
	}
	if got := snapshotCounts(t, e, id); got != before {
		t.Fatalf("after a cut transaction: %+v, want %+v", got, before)
	}
	e.store.afterEvents = nil
	if status, _ := e.event(id, e.tokens["channel_manager"], "start_review", 1); status != http.StatusOK {
		t.Fatalf("retried command: %d", status)
	}
	after := snapshotCounts(t, e, id)
	if after.events != before.events+1 || after.version != 2 || after.outboxV2 == 0 {
		t.Fatalf("after retry: %+v", after)
	}
	storedHistory(t, e, id)
}

// counts is what a command may change.
type counts struct {
	version, events, outbox, outboxV2 int
	state                             string
}

func snapshotCounts(t *testing.T, e *env, id string) counts {
	t.Helper()
	row, err := e.store.Instance(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return counts{
		version:  row.Version,
		state:    row.State,
		events:   e.count(`SELECT COUNT(*) FROM events WHERE instance_id = ?`, id),
		outbox:   e.count(`SELECT COUNT(*) FROM outbox WHERE instance_id = ?`, id),
		outboxV2: e.count(`SELECT COUNT(*) FROM outbox WHERE instance_id = ? AND version = 2`, id),
	}
}

// TestKilledProcessLosesNothing kills a real process (a child running this
// test binary) after it inserted an event and before it inserted the
// event's outbox rows, then reopens the database: the instance, its events
// and its outbox are as they were before the command, and the command
// succeeds whole afterwards.
func TestKilledProcessLosesNothing(t *testing.T) {
	if path := os.Getenv("DEALDESK_CRASH_DB"); path != "" {
		crashChild(path, os.Getenv("DEALDESK_CRASH_ID"))
		return
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	e := newEnvAt(t, path)
	id := e.register("initech", "a.example", "1")
	before := snapshotCounts(t, e, id)
	cm := e.tokens["channel_manager"]

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledProcessLosesNothing$")
	cmd.Env = append(os.Environ(), "DEALDESK_CRASH_DB="+path, "DEALDESK_CRASH_ID="+id)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 77 {
		t.Fatalf("child: %v, want exit status 77\n%s", err, out)
	}

	// Reopen the database, as a restarted service would.
	e.srv.Close()
	e.store.Close()
	e2 := reopen(t, path)
	if got := snapshotCounts(t, e2, id); got != before {
		t.Fatalf("after the crash: %+v, want %+v", got, before)
	}
	if status, _ := e2.event(id, cm, "start_review", 1); status != http.StatusOK {
		t.Fatalf("command after the crash: %d", status)
	}
	if got := snapshotCounts(t, e2, id); got.events != before.events+1 || got.outboxV2 == 0 {
		t.Fatalf("after the retried command: %+v", got)
	}
	storedHistory(t, e2, id)
}

// crashChild opens the database, applies start_review with a hook that
// exits the process between the event insert and the outbox insert.
func crashChild(path, id string) {
	ctx := context.Background()
	store, err := OpenStore(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	reg := NewRegistry(store, []Kind{kindPricing, kindDealReg, kindChecks, kindFit, kindScorecard})
	if err := reg.Load(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	api := NewAPI(Config{Store: store, Registry: reg})
	store.afterEvents = func() error {
		os.Exit(77) // killed mid-transaction: no rollback, no commit
		return nil
	}
	wf, _ := api.workflowAt(ctx, 1)
	err = store.UpdateInstance(ctx, id, t0, func(cur InstanceRow) (Change, error) {
		in, err := decodeInstance(cur)
		if err != nil {
			return Change{}, err
		}
		next, effects, err := wf.Apply(in, process.Trigger{Event: "start_review", Actor: "channel_manager:crash", Role: "channel_manager"}, t0)
		if err != nil {
			return Change{}, err
		}
		return changeFor(cur, cur.Version, next, effects)
	})
	fmt.Fprintln(os.Stderr, "the hook did not run:", err)
	os.Exit(1)
}

// reopen starts a service over an existing database (no seeding: the
// tokens are those of the first start).
func reopen(t *testing.T, path string) *env {
	t.Helper()
	return newEnvAt(t, path)
}
