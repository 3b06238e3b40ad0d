// Package testkit holds the test helpers the strategy packages share:
// growth checks, JSON round trips and CPU-time benchmark metrics. It is
// imported by tests only.
//
// [Growth] checks that a function's cost grows linearly (or n log n) with
// its input: the bytes allocated at 8n stay within 10 times those at n,
// and the time within 16 times (n log n at n = 2,000 is already 10.2x, and
// caches add more; a quadratic cost would be 64x). Work is measured twice,
// as bytes allocated (deterministic,
// and what grows when decimal digits grow with the input) and as the
// best of several timed runs; a measure that exceeds the bound is taken
// again before the check fails, so a busy machine does not fail it. Time
// is the process's CPU time where the system reports it (unix), so other
// jobs competing for the cores do not inflate the longer runs.
package testkit

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Bound is the largest accepted ratio of bytes allocated at 8n to bytes
// at n; TimeBound the largest ratio of CPU time.
const (
	Bound     = 10
	TimeBound = 16
)

// Growth fails t when mk(8n)'s work exceeds Bound times mk(n)'s. mk builds
// the input of size n outside the measurement and returns the call to
// measure.
func Growth(t testing.TB, name string, n int, mk func(n int) func()) {
	t.Helper()
	small, large := mk(n), mk(8*n)
	if b0, b1 := bytes(small), bytes(large); b1 > Bound*b0 && b1 > 1<<16 {
		t.Errorf("%s: %d bytes allocated for n=%d, %d for n=%d: more than %dx", name, b0, n, b1, 8*n, Bound)
	}
	// Time without the collector (whose cycles land in whichever run the
	// heap happens to fill), which keeps the measure to the algorithm.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var t0, t1 time.Duration
	for range 4 {
		t0, t1 = best(small), best(large)
		if t1 <= TimeBound*t0 || t1 < time.Millisecond {
			return
		}
	}
	t.Errorf("%s: %v for n=%d, %v for n=%d: more than %dx", name, t0, n, t1, 8*n, TimeBound)
}

func bytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func best(f func()) time.Duration {
	d := time.Duration(1 << 62)
	for range 5 {
		runtime.GC() // do not charge one run for the garbage of the last
		start := CPUTime()
		f()
		d = min(d, CPUTime()-start)
	}
	return d
}

// ReportCPU reports "cpu-ns/op", the process CPU time per iteration since
// start (a [CPUTime] reading): on a shared machine it is less sensitive
// than wall time to other jobs taking the cores (it still includes GC
// work).
func ReportCPU(b *testing.B, start time.Duration) {
	if n := b.N; n > 0 {
		b.ReportMetric(float64(CPUTime()-start)/float64(n), "cpu-ns/op")
	}
}

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
