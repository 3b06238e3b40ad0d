// Package measure holds the timing helpers the module's tests and
// benchmarks share: the process's CPU time, a CPU-time metric for
// benchmarks, and growth checks that tell linear work from quadratic.
//
// Growth checks give a function an input of size n and 8n and compare
// the costs: linear work grows about 8×, n log n about 9× to 10×,
// quadratic 64×. Time is the process's CPU time where the system
// reports it (unix), the best of several runs taken alternately, each
// from a collected heap with the collector off, so that other jobs on a
// shared machine and garbage left by earlier tests do not count as cost;
// a measurement over its bound is taken again before a check fails.
//
// Only this module's tests import measure: it is not part of the API.
package measure

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// CPUTime returns the CPU time (user and system, every thread, the
// garbage collector's included) the process has used so far, or 0 where
// the platform does not report it.
func CPUTime() time.Duration { return cpuTime() }

// ReportCPU reports "cpu-ns/op" on b: the process's CPU time per
// iteration since start (a [CPUTime] reading). On a shared machine it
// varies far less than the wall clock; it includes garbage collection
// done on other cores.
func ReportCPU(b *testing.B, start time.Duration) {
	ReportCPUPer(b, start, 1, "cpu-ns/op")
}

// ReportCPUPer reports the CPU time per item since start as unit, for
// iterations of per items each ("cpu-ns/line" for 100 lines an op).
func ReportCPUPer(b *testing.B, start time.Duration, per int, unit string) {
	if c := CPUTime(); c > 0 && b.N > 0 && per > 0 {
		b.ReportMetric(float64(c-start)/float64(b.N)/float64(per), unit)
	}
}

// clock returns CPU time where the platform reports it, else wall time
// since the call.
func clock() func() time.Duration {
	if CPUTime() > 0 {
		return CPUTime
	}
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}

// Ratio returns how much longer large takes than small: the ratio of the
// best of seven timings of each, taken alternately, each from a
// collected heap with the collector off while it runs. A call shorter
// than a millisecond is timed over repeated calls.
func Ratio(small, large func()) float64 {
	now := clock()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	timed := func(f func()) time.Duration {
		runtime.GC()
		t0 := now()
		f()
		d := now() - t0
		// A call shorter than a millisecond is repeated until the runs
		// add up to one, for the clock's resolution; the time per call
		// is returned.
		for reps := 2; d < time.Millisecond; reps *= 2 {
			t0 = now()
			for range reps {
				f()
			}
			if d = now() - t0; d >= time.Millisecond {
				return d / time.Duration(reps)
			}
		}
		return d
	}
	bestS, bestL := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for range 7 {
		bestS = min(bestS, timed(small))
		bestL = min(bestL, timed(large))
	}
	return float64(max(bestL, time.Microsecond)) / float64(max(bestS, time.Microsecond))
}

// Slow reports whether large took more than bound times as long as small
// ([Ratio]) in three measurements running (one could land on a burst of
// load), with the last ratio measured.
func Slow(small, large func(), bound float64) (float64, bool) {
	var r float64
	for range 3 {
		if r = Ratio(small, large); r <= bound {
			return r, false
		}
	}
	return r, true
}

// Bytes returns the bytes f allocates (at least 1).
func Bytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return max(after.TotalAlloc-before.TotalAlloc, 1)
}

// BytesRatio returns the ratio of the bytes large and small allocate.
// Unlike time it is deterministic, and it is what grows when decimal
// digits grow with the input.
func BytesRatio(small, large func()) float64 {
	return float64(Bytes(large)) / float64(Bytes(small))
}

// Bounds are the largest accepted ratios of cost at 8n to cost at n. A
// time bound of 16 tells linear and n log n work (8× to 10×, more where
// caches are outgrown) from quadratic (64×); bytes allocated, which are
// deterministic, fit a tighter bound such as 10. A zero bound is not
// checked.
type Bounds struct {
	Time  float64
	Bytes float64
}

// Check fails t when the function mk(8n) returns costs more than the
// bounds times mk(n)'s: in bytes allocated (once it allocates more than
// 64 KiB), and in time ([Slow]). mk builds the input outside the
// measurement and returns the call to measure. Growth tests skip under
// -short (CI runs the race detector with -short, which slows code
// unevenly).
func Check(t testing.TB, name string, n int, mk func(n int) func(), b Bounds) {
	t.Helper()
	if testing.Short() {
		t.Skip("growth tests time large inputs")
	}
	small, large := mk(n), mk(8*n)
	if b.Bytes > 0 {
		if b0, b1 := Bytes(small), Bytes(large); float64(b1) > b.Bytes*float64(b0) && b1 > 1<<16 {
			t.Errorf("%s: %d bytes allocated for n=%d, %d for 8n: more than %g×", name, b0, n, b1, b.Bytes)
		}
	} else {
		small() // warm up: first-use costs are not the algorithm's
		large()
	}
	if b.Time > 0 {
		if r, slow := Slow(small, large, b.Time); slow {
			t.Errorf("%s: time grows %.1f× from n=%d to 8n; want at most %g× (linear)", name, r, n, b.Time)
		}
	}
}

// Linear is [Check] with a time bound only.
func Linear(t testing.TB, name string, n int, mk func(n int) func(), bound float64) {
	t.Helper()
	Check(t, name, n, mk, Bounds{Time: bound})
}
