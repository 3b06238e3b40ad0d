package dealreg_test

import (
	"strconv"
	"testing"

	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process/dealreg"
)

// growth reports how much longer f(8n) takes than f(n) in CPU time, and
// whether that is over 20× in three measurements running
// ([measure.Slow]): 8× the input may take 8× the time (about 10× for
// n log n), quadratic work 64×.
func growth(n int, f func(n int)) (float64, bool) {
	return measure.Slow(func() { f(n) }, func() { f(8 * n) }, 20)
}

func TestGrowthIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	c := mustChecker(t, dealreg.Settings{})
	recs := million(80_000)
	r, slow := growth(10_000, func(n int) {
		if _, err := c.Index(recs[:n]); err != nil {
			t.Fatal(err)
		}
	})
	// 8x the input may take 8x the time (about 10x for n log n); quadratic
	// would take 64x. Allow 20x for a noisy machine.
	if slow {
		t.Errorf("Index: 8x the records took %.1fx the time (want about 8x)", r)
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
	r, slow := growth(1000, func(n int) {
		r := rs
		if n > 1000 {
			r = rl
		}
		_ = r.Text()
		_ = r.Markdown()
	})
	if slow {
		t.Errorf("Text+Markdown: 8x the findings took %.1fx the time (want about 8x)", r)
	}
	if r, slow := growth(1000, func(n int) { result(n) }); slow {
		t.Errorf("Check: 8x the findings took %.1fx the time (want about 8x)", r)
	}
}
