package opstest

import (
	"math"
	"runtime"
	"time"
)

// Growth returns how much longer large takes than small: the ratio of
// the best of seven timings of each, taken alternately after a garbage
// collection. It measures the process's CPU time where the platform
// reports it (wall time elsewhere), so that a loaded machine, where a
// long run waits for the CPU more often than a short one, does not count
// the wait as cost. A growth test gives small an input n and large 8n:
// linear code grows about 8×, n log n about 9×, quadratic 64×.
func Growth(small, large func()) float64 {
	clock := func() time.Duration { return time.Duration(cpuTime()) }
	if cpuTime() == 0 {
		start := time.Now()
		clock = func() time.Duration { return time.Since(start) }
	}
	timed := func(f func()) time.Duration {
		runtime.GC()
		t0 := clock()
		f()
		return clock() - t0
	}
	bestS, bestL := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for range 7 {
		bestS = min(bestS, timed(small))
		bestL = min(bestL, timed(large))
	}
	return float64(max(bestL, time.Microsecond)) / float64(max(bestS, time.Microsecond))
}

// SlowGrowth reports whether large took more than limit times as long as
// small in two measurements running ([Growth]; one could be a burst of
// load on a shared machine), with the last ratio measured.
func SlowGrowth(small, large func(), limit float64) (float64, bool) {
	r := Growth(small, large)
	if r <= limit {
		return r, false
	}
	r = Growth(small, large)
	return r, r > limit
}
