package quarterclose_test

import (
	"log/slog"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/examples/temporal/quarterclose"
	"github.com/partnerops/partnerops/examples/temporal/samples"
	"github.com/partnerops/partnerops/performance"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"
)

// quietLogger keeps the test environment's debug lines out of test output.
var quietLogger = log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

// Single aggregates everything in one process, the reference a close must
// equal exactly.
func Single(t testing.TB, sc *performance.Scorecard, src quarterclose.MemorySource, req quarterclose.Request) quarterclose.Close {
	t.Helper()
	agg, err := sc.Catalog().NewAggregator([]partnerops.Period{req.Period})
	if err != nil {
		t.Fatal(err)
	}
	out := quarterclose.Close{Period: req.Period}
	for _, sys := range req.Systems {
		out.Observations += len(src[sys])
		s := agg.AddAll(src[sys])
		out.Skipped.UnknownMetric += s.UnknownMetric
		out.Skipped.OutOfPeriod += s.OutOfPeriod
		out.Skipped.MissingKey += s.MissingKey
		out.Skipped.Derived += s.Derived
		out.Skipped.CurrencyMismatch += s.CurrencyMismatch
		out.Skipped.MissingPartner += s.MissingPartner
		out.Skipped.OutOfRange += s.OutOfRange
	}
	ins, err := agg.ScoreInputs(0, req.Partners, req.SegmentAttr)
	if err != nil {
		t.Fatal(err)
	}
	out.Results, err = sc.ScoreAll(ins, req.View)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fixture(t testing.TB, partners, shards int) (*performance.Scorecard, quarterclose.MemorySource, quarterclose.Request) {
	sc, err := samples.Scorecard()
	if err != nil {
		t.Fatal(err)
	}
	q := samples.Quarter(2027, 1)
	ps := samples.Partners(partners)
	src := quarterclose.MemorySource(samples.Observations(q, ps, 7))
	return sc, src, quarterclose.Request{Period: q, Shards: shards, Systems: samples.Systems, Partners: ps, View: performance.ViewInternal}
}

// TestCloseEqualsSingleProcess runs the fan-out in the SDK's test
// environment and compares it with one aggregation of everything.
func TestCloseEqualsSingleProcess(t *testing.T) {
	for _, shards := range []int{1, 3, 8} {
		sc, src, req := fixture(t, 60, shards)
		var s testsuite.WorkflowTestSuite
		s.SetLogger(quietLogger)
		s.SetLogger(quietLogger)
		env := s.NewTestWorkflowEnvironment()
		quarterclose.New(sc, src).Register(env)
		env.ExecuteWorkflow(quarterclose.WorkflowName, req)
		if err := env.GetWorkflowError(); err != nil {
			t.Fatal(err)
		}
		var got quarterclose.Close
		if err := env.GetWorkflowResult(&got); err != nil {
			t.Fatal(err)
		}
		want := Single(t, sc, src, req)
		got.Workers = nil
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%d shards: close differs from one aggregation (-want +got):\n%s", shards, diff)
		}
		if want.Skipped.Total() == 0 || want.Observations == 0 {
			t.Errorf("fixture exercises nothing: %+v", want.Skipped)
		}
	}
}

// TestMergeRefusesOverlap: a partner reported by two shards is an error,
// never a double count.
func TestMergeRefusesOverlap(t *testing.T) {
	sc, _, req := fixture(t, 3, 2)
	in := performance.ScoreInput{Partner: "P-0001"}
	_, err := quarterclose.New(sc, nil).Merge(req, []quarterclose.Partial{
		{Shard: 0, Inputs: []performance.ScoreInput{in}},
		{Shard: 1, Inputs: []performance.ScoreInput{in}},
	})
	if err == nil {
		t.Fatal("overlapping shards merged")
	}
}
