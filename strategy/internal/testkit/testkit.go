// Package testkit holds the test helpers the strategy packages share:
// growth checks, JSON round trips and CPU-time benchmark metrics. It is
// imported by tests only.
//
// [Growth] checks that a function's cost grows linearly (or n log n) with
// its input: the bytes allocated at 8n stay within 10 times those at n,
// and the time within 24 times (n log n at n = 2,000 is already 10.2x,
// and a working set that outgrows the caches adds more: probes into an
// index measured 16 to 19x while other test binaries ran beside them; a
// quadratic cost would be 64x). Work is measured twice,
// as bytes allocated (deterministic,
// and what grows when decimal digits grow with the input) and as the
// best of several timed runs; a measure that exceeds the bound is taken
// again before the check fails, so a busy machine does not fail it. Time
// is the process's CPU time where the system reports it (unix), so other
// jobs competing for the cores do not inflate the longer runs.
package testkit

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/internal/measure"
)

// Bound is the largest accepted ratio of bytes allocated at 8n to bytes
// at n; TimeBound the largest ratio of CPU time.
const (
	Bound     = 10
	TimeBound = 24
)

// Growth fails t when mk(8n)'s work exceeds Bound times mk(n)'s in
// bytes or TimeBound times in CPU time ([measure.Check]). mk builds the
// input of size n outside the measurement and returns the call to
// measure.
func Growth(t testing.TB, name string, n int, mk func(n int) func()) {
	t.Helper()
	measure.Check(t, name, n, mk, measure.Bounds{Time: TimeBound, Bytes: Bound})
}

// CPUTime returns the process's CPU time so far ([measure.CPUTime]).
func CPUTime() time.Duration { return measure.CPUTime() }

// ReportCPU reports "cpu-ns/op", the process CPU time per iteration since
// start (a [CPUTime] reading) ([measure.ReportCPU]).
func ReportCPU(b *testing.B, start time.Duration) { measure.ReportCPU(b, start) }

// Fataler is what RoundTrip needs of a test: *testing.T and *rapid.T.
type Fataler interface {
	Fatalf(format string, args ...any)
}

// RoundTrip fails t unless v survives encoding/json unchanged (compared
// with cmp.Diff, which uses the values' Equal methods) and renders the same
// text with each of texts.
func RoundTrip[T any](t Fataler, v T, texts ...func(T) string) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("Unmarshal(%s): %v", b, err)
	}
	if diff := cmp.Diff(v, back); diff != "" {
		t.Fatalf("%T round trip (-want +got):\n%s\n%s", v, diff, b)
	}
	for _, text := range texts {
		if a, z := text(v), text(back); a != z {
			t.Fatalf("%T text differs after a round trip:\n%s\n%s", v, a, z)
		}
	}
}
