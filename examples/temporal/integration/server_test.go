// Package integration runs the examples on a real Temporal server started
// in process: the engine users run, with its persistence, history
// replication into workers, update protocol and timers. One test binary
// links the server, so its build (minutes the first time) is paid once.
package integration_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/examples/temporal/processflow"
	"github.com/partnerops/partnerops/examples/temporal/quarterclose"
	"github.com/partnerops/partnerops/examples/temporal/samples"
	"github.com/partnerops/partnerops/performance"
	"github.com/partnerops/partnerops/process"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
)

func dealReg(t testing.TB) *process.Workflow {
	t.Helper()
	cal, err := process.NewBusinessCalendar(process.CalendarDef{TimeZone: "UTC"}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	wf, err := process.Compile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(cal))
	if err != nil {
		t.Fatal(err)
	}
	return wf
}

// offerDef is a lead offer whose SLA lapses after two seconds, so the
// real server's durable timer fires within the test.
const offerDef = `{
  "id": "lead_offer",
  "name": "Lead offer (short SLA for the integration test)",
  "version": 1,
  "initial": "offered",
  "states": [
    {"name": "offered", "owner": "partner",
     "sla": {"duration": "2s", "fire": "time_out", "escalate_to": "channel_manager"}},
    {"name": "accepted", "terminal": true},
    {"name": "timed_out", "terminal": true}
  ],
  "transitions": [
    {"from": "offered", "event": "accept", "to": "accepted"},
    {"from": "offered", "event": "time_out", "to": "timed_out"}
  ]
}`

// TestServer runs the workflows on a real Temporal server started in
// process, through workers and a client on a loopback port.
func TestServer(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: starts a real Temporal server in process (first build of go.temporal.io/server takes minutes; the test itself runs in seconds)")
	}
	def, err := process.ParseDefinition([]byte(offerDef))
	if err != nil {
		t.Fatal(err)
	}
	offerWF, err := process.Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	deals := processflow.New(dealReg(t), processflow.Options{})
	offers := processflow.New(offerWF, processflow.Options{})
	sink := &processflow.MemorySink{}

	quiet := log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	began := time.Now()
	ts := temporaltest.NewServer(temporaltest.WithT(t), temporaltest.WithBaseClientOptions(client.Options{Logger: quiet}))
	t.Logf("server started in %v", time.Since(began).Round(time.Millisecond))
	const queue = "partnerops-test"
	ts.NewWorker(queue, func(r worker.Registry) {
		deals.Register(r)
		offers.Register(r)
		(&processflow.Activities{Sink: sink}).Register(r)
	})
	c := ts.GetDefaultClient()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	t.Run("deal registration", func(t *testing.T) {
		const id = "DR-2001"
		step := time.Now()
		lap := func(what string) {
			t.Logf("%s: %v", what, time.Since(step).Round(time.Millisecond))
			step = time.Now()
		}
		run, err := deals.Start(ctx, c, queue, id, process.Trigger{Actor: "partner:acme", Data: process.Data{"deal_value": process.Int(250000)}})
		if err != nil {
			t.Fatal(err)
		}
		lap("start")
		r, err := processflow.Send(ctx, c, id, "req-1", process.Trigger{Event: "start_review", Actor: "cam:lee", Role: process.RoleChannelManager})
		if err != nil {
			t.Fatal(err)
		}
		if r.Version != 2 || r.State != "under_review" || len(r.Effects) == 0 {
			t.Fatalf("start_review: %+v", r)
		}
		for _, n := range r.Effects {
			if !strings.HasPrefix(n.Key, id+"/2/") {
				t.Errorf("start_review effect %s: key %q is not of version 2", n.Effect, n.Key)
			}
		}
		lap("start_review")
		// The same request ID again: Temporal returns the first result
		// and applies nothing.
		again, err := processflow.Send(ctx, c, id, "req-1", process.Trigger{Event: "start_review", Actor: "cam:lee", Role: process.RoleChannelManager})
		if err != nil || again.Version != 2 {
			t.Fatalf("retried request: %+v, %v", again, err)
		}
		lap("retried")
		// A refusal crosses the server with its details.
		_, err = processflow.Send(ctx, c, id, "", process.Trigger{Event: "win", Actor: "partner:acme"})
		te, ok := processflow.Refusal(err)
		if !ok || !errors.Is(te, process.ErrInvalidTransition) || te.State != "under_review" {
			t.Fatalf("win in review: %v (refusal %+v)", err, te)
		}
		lap("refused")
		if _, err := processflow.Send(ctx, c, id, "", process.Trigger{Event: "approve", Actor: "cam:lee", Role: process.RoleChannelManager, ExpectVersion: 1}); !processflow.IsVersionConflict(err) {
			t.Fatalf("stale approve: %v, want a version conflict", err)
		}
		lap("stale")
		if _, err := processflow.Send(ctx, c, id, "req-3", process.Trigger{Event: "approve", Actor: "cam:lee", Role: process.RoleChannelManager, ExpectVersion: 2}); err != nil {
			t.Fatal(err)
		}
		lap("approve")
		q, err := processflow.Get(ctx, c, id)
		if err != nil {
			t.Fatal(err)
		}
		if q.State != "approved" || q.Version != 3 {
			t.Fatalf("queried %s v%d, want approved v3", q.State, q.Version)
		}
		if _, err := processflow.Send(ctx, c, id, "req-4", process.Trigger{Event: "win", Actor: "partner:acme"}); err != nil {
			t.Fatal(err)
		}
		lap("query+win")
		var final process.Instance
		if err := run.Get(ctx, &final); err != nil {
			t.Fatal(err)
		}
		if final.State != "won" || final.Version != 4 {
			t.Fatalf("final %s v%d", final.State, final.Version)
		}
		// The snapshot the server returned replays to itself.
		re, err := deals.Workflow().Replay(id, final.History)
		if err != nil || !re.Equal(final) {
			t.Fatalf("replay: %v", err)
		}
		// The workflow code replays its recorded Temporal history without
		// a nondeterminism error (what a worker does after a restart).
		replayHistory(ctx, t, c, id, deals.Register)
	})

	t.Run("durable timer", func(t *testing.T) {
		const id = "LEAD-1"
		run, err := offers.Start(ctx, c, queue, id, process.Trigger{Actor: "router"})
		if err != nil {
			t.Fatal(err)
		}
		var final process.Instance
		if err := run.Get(ctx, &final); err != nil {
			t.Fatal(err)
		}
		if final.State != "timed_out" {
			t.Fatalf("state %s, want timed_out", final.State)
		}
		replayHistory(ctx, t, c, id, offers.Register)
		last := final.History[len(final.History)-1]
		if last.Actor != process.ActorSLA || !last.At.Equal(final.History[0].At.Add(2*time.Second)) {
			t.Errorf("time_out entry %+v: want actor sla at start+2s", last)
		}
		// Every effect but the timers was delivered once, under the key
		// the notices query reports; the escalation came before the
		// time_out.
		v, err := c.QueryWorkflow(ctx, id, "", processflow.QueryNotices)
		if err != nil {
			t.Fatal(err)
		}
		var ns []processflow.Notice
		if err := v.Get(&ns); err != nil {
			t.Fatal(err)
		}
		var want, got, kinds []string
		for _, n := range ns {
			if k := n.Effect.Kind; k != process.EffectStartTimer && k != process.EffectCancelTimer {
				want = append(want, n.Key+" "+k.String())
				kinds = append(kinds, k.String())
			}
		}
		for _, n := range sink.Delivered() {
			if n.Instance == id {
				got = append(got, n.Key+" "+n.Effect.Kind.String())
			}
		}
		slices.Sort(want)
		slices.Sort(got) // activities run concurrently: any delivery order
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("delivered (-notices +delivered):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"notify", "escalate", "completed"}, kinds); diff != "" {
			t.Errorf("effects (-want +got):\n%s", diff)
		}
	})

	t.Run("quarter close on several workers", func(t *testing.T) {
		sc, err := samples.Scorecard()
		if err != nil {
			t.Fatal(err)
		}
		q := samples.Quarter(2027, 1)
		ps := samples.Partners(120)
		src := quarterclose.MemorySource(samples.Observations(q, ps, 11))
		const closeQueue = "quarter-close-test"
		for i := range 3 {
			id := fmt.Sprintf("close-worker-%d", i+1)
			closer := quarterclose.New(sc, src)
			closer.Identity = id
			ts.NewWorkerWithOptions(closeQueue, closer.Register, worker.Options{Identity: id, MaxConcurrentActivityExecutionSize: 2})
		}
		req := quarterclose.Request{Period: q, Shards: 12, Systems: samples.Systems, Partners: ps, View: performance.ViewExternal}
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "close-FY2027-Q1", TaskQueue: closeQueue}, quarterclose.WorkflowName, req)
		if err != nil {
			t.Fatal(err)
		}
		var got quarterclose.Close
		if err := run.Get(ctx, &got); err != nil {
			t.Fatal(err)
		}
		// The reference: one aggregation of everything in this process.
		agg, err := sc.Catalog().NewAggregator([]partnerops.Period{q})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, sys := range samples.Systems {
			agg.AddAll(src[sys])
			n += len(src[sys])
		}
		ins, err := agg.ScoreInputs(0, ps, "")
		if err != nil {
			t.Fatal(err)
		}
		want, err := sc.ScoreAll(ins, performance.ViewExternal)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got.Results); diff != "" {
			t.Errorf("close differs from one aggregation (-want +got):\n%s", diff)
		}
		if got.Observations != n {
			t.Errorf("%d observations, want %d", got.Observations, n)
		}
		replayHistory(ctx, t, c, "close-FY2027-Q1", quarterclose.New(sc, nil).RegisterWorkflow)
		workers := map[string]int{}
		for _, w := range got.Workers {
			workers[w]++
		}
		t.Logf("12 shards aggregated by %d workers: %v", len(workers), workers)
	})
}

// replayHistory fetches the execution's history from the server and
// replays it with a fresh replayer on which register registers the
// workflow.
func replayHistory(ctx context.Context, t *testing.T, c client.Client, id string, register func(worker.WorkflowRegistry)) {
	t.Helper()
	var h historypb.History
	it := c.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	r := worker.NewWorkflowReplayer()
	register(r)
	// The workflow ID is the instance ID, which the effect keys contain:
	// replay under the original one.
	opts := worker.ReplayWorkflowHistoryOptions{OriginalExecution: workflow.Execution{ID: id}}
	if err := r.ReplayWorkflowHistoryWithOptions(nil, &h, opts); err != nil {
		t.Fatalf("replaying %s (%d events): %v", id, len(h.Events), err)
	}
}
