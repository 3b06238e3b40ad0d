package dealreg_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/partnerops/partnerops/process/dealreg"
)

// growth returns the best of five timings of f(n) and f(8n), in process
// CPU time where the platform reports it (other jobs on a shared machine
// inflate wall time by several times, unevenly).
func growth(n int, f func(n int)) (small, large time.Duration) {
	clock := cpuTime
	if clock() == 0 {
		start := time.Now()
		clock = func() time.Duration { return time.Since(start) }
	}
	best := func(n int) time.Duration {
		d := time.Duration(1 << 62)
		for range 5 {
			start := clock()
			f(n)
			d = min(d, clock()-start)
		}
		return d
	}
	return best(n), best(8 * n)
}

func TestGrowthIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	c := mustChecker(t, dealreg.Settings{})
	recs := million(80_000)
	small, large := growth(10_000, func(n int) {
		if _, err := c.Index(recs[:n]); err != nil {
			t.Fatal(err)
		}
	})
	// 8x the input may take 8x the time (about 10x for n log n); quadratic
	// would take 64x. Allow 20x for a noisy machine.
	if large > 20*small {
		t.Errorf("Index: 8x the records took %v vs %v (want about 8x)", large, small)
	}
}

func TestGrowthRender(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	acme := key("acme.com", "Acme")
	var recs []dealreg.Record
	for i := range 8000 {
		recs = append(recs, reg("R-"+strconv.Itoa(i), "p"+strconv.Itoa(i), acme, "approved", t0))
	}
	c := mustChecker(t, dealreg.Settings{})
	result := func(n int) dealreg.Result {
		x := mustIndex(t, c, recs[:n]...)
		r, err := x.Check(reg("N", "new", acme, "", t0), t0)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	rs, rl := result(1000), result(8000)
	small, large := growth(1000, func(n int) {
		r := rs
		if n > 1000 {
			r = rl
		}
		_ = r.Text()
		_ = r.Markdown()
	})
	if large > 20*small {
		t.Errorf("Text+Markdown: 8x the findings took %v vs %v (want about 8x)", large, small)
	}
	cs, cl := growth(1000, func(n int) { result(n) })
	if cl > 20*cs {
		t.Errorf("Check: 8x the findings took %v vs %v", cl, cs)
	}
}
