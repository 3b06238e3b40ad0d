// Package growth checks in tests that a function's cost grows linearly
// (or n log n) with its input: the work at 8n stays within 10 times the
// work at n. Work is measured twice, as bytes allocated (deterministic,
// and what grows when decimal digits grow with the input) and as the
// best of several timed runs; a measure that exceeds the bound is taken
// again before the check fails, so a busy machine does not fail it. Time
// is the process's CPU time where the system reports it (unix), so other
// jobs competing for the cores do not inflate the longer runs.
package growth

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// Bound is the largest accepted ratio of work at 8n to work at n.
const Bound = 10

// Check fails t when mk(8n)'s work exceeds Bound times mk(n)'s. mk builds
// the input of size n outside the measurement and returns the call to
// measure.
func Check(t testing.TB, name string, n int, mk func(n int) func()) {
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
		if t1 <= Bound*t0 || t1 < time.Millisecond {
			return
		}
	}
	t.Errorf("%s: %v for n=%d, %v for n=%d: more than %dx", name, t0, n, t1, 8*n, Bound)
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
		start := cpuTime()
		f()
		d = min(d, cpuTime()-start)
	}
	return d
}
