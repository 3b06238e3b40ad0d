package routing_test

import (
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

// TestNoAllocationPerIneligiblePartner routes among 1,000 and 10,000
// partners, almost all ineligible, and counts allocations: they must
// not grow with the partners dropped. (Among at most 256 partners
// the eligibility bitset fits 32 bytes, which Go may keep on the stack:
// one allocation less, whatever the partners.)
func TestNoAllocationPerIneligiblePartner(t *testing.T) {
	mk := func(n int) *routing.Pool {
		ps := make([]routing.Partner, n)
		for i := range ps {
			ps[i] = routing.Partner{ID: partnerops.PartnerID("p" + itoa(100000+i)), Type: "reseller", Regions: []partnerops.Region{"us"},
				Motions: []partnerops.Motion{"resell"}, FitScore: dec("50")}
		}
		for i := range 5 { // five eligible partners in each pool
			ps[i*n/5].Regions = []partnerops.Region{"emea"}
		}
		return mustPool(t, `{"filters":[{"id":"region","kind":"region"},{"id":"types","kind":"type","types":["reseller"]},
		  {"id":"motion","kind":"motion"},{"id":"capacity","kind":"capacity"},{"id":"paused","kind":"paused"},{"id":"conflicts","kind":"conflicts"}],
		  "strategy":{"kind":"best_fit","factors":[{"id":"fit","source":"fit_score","weight":"1"}]}}`, ps)
	}
	small, large := mk(1000), mk(10_000)
	l := routing.Lead{Region: "emea", Motion: "resell", Account: partnerops.AccountKey{Domain: "acme.com"}}
	allocs := func(pl *routing.Pool) float64 {
		return testing.AllocsPerRun(100, func() {
			if _, err := pl.Route(l, routing.Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	a, b := allocs(small), allocs(large)
	if a != b {
		t.Errorf("allocations: %v among 1,000 partners, %v among 10,000 (995 vs 9,995 ineligible)", a, b)
	}
	t.Logf("%v allocations per routing, whatever the pool size", b)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	k := len(b)
	for ; i > 0; i /= 10 {
		k--
		b[k] = byte('0' + i%10)
	}
	return string(b[k:])
}
