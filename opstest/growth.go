package opstest

import "github.com/partnerops/partnerops/internal/measure"

// Growth returns how much longer large takes than small: the ratio of
// the best of seven timings of each, taken alternately, each from a
// collected heap with the collector off while it runs. It measures the
// process's CPU time where the platform reports it (wall time elsewhere),
// so that a loaded machine, where a long run waits for the CPU more often
// than a short one, does not count the wait as cost. A growth test gives
// small an input n and large 8n: linear code grows about 8×, n log n
// about 9×, quadratic 64×.
func Growth(small, large func()) float64 { return measure.Ratio(small, large) }

// SlowGrowth reports whether large took more than limit times as long as
// small in three measurements running ([Growth]; one could land on a
// burst of load on a shared machine), with the last ratio measured.
func SlowGrowth(small, large func(), limit float64) (float64, bool) {
	return measure.Slow(small, large, limit)
}
