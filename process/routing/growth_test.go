package routing_test

import (
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process/routing"
)

// growth reports how much longer f(8n) takes than f(n) in CPU time, and
// whether that is over 20× in three measurements running
// ([measure.Slow]): 8× the input may take 8× the time (about 10× for
// n log n), quadratic work 64×.
func growth(n int, f func(n int)) (float64, bool) {
	return measure.Slow(func() { f(n) }, func() { f(8 * n) }, 20)
}

func growthPartners(n int) []routing.Partner {
	ps := make([]routing.Partner, n)
	for i := range ps {
		ps[i] = routing.Partner{ID: partnerops.PartnerID("p" + itoa(1_000_000+i)), Regions: []partnerops.Region{"emea"},
			FitScore: dec(itoa(i % 101)), OpenLeads: i % 7, Capacity: 8}
	}
	return ps
}

const growthDef = `{"filters":[{"id":"region","kind":"region"},{"id":"capacity","kind":"capacity"}],"offers":100,
  "strategy":{"kind":"best_fit","factors":[{"id":"fit","source":"fit_score","weight":"1"}]}}`

func TestGrowthPoolAndRoute(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	all := growthPartners(16_000)
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(growthDef)))))
	if r, slow := growth(2000, func(n int) { must(e.Pool(all[:n])) }); slow {
		t.Errorf("Pool: 8x the partners took %.1fx the time (want about 8x)", r)
	}
	pools := map[int]*routing.Pool{2000: must(e.Pool(all[:2000])), 16000: must(e.Pool(all))}
	l := routing.Lead{Region: "emea"}
	r, slow := growth(2000, func(n int) {
		for range 20 {
			must(pools[n].Route(l, routing.Options{Trace: true}))
		}
	})
	if slow {
		t.Errorf("Route: 8x the partners took %.1fx the time (want about 8x)", r)
	}
}

func TestGrowthRender(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(`{"filters":[{"id":"capacity","kind":"capacity"}],"offers":100,"strategy":{"kind":"round_robin"}}`)))))
	all := growthPartners(8000)
	for i := range all {
		all[i].OpenLeads = 8 // everyone at capacity: a long trace
	}
	results := map[int]routing.Result{}
	for _, n := range []int{1000, 8000} {
		results[n] = must(must(e.Pool(all[:n])).Route(routing.Lead{}, routing.Options{Trace: true}))
	}
	r, slow := growth(1000, func(n int) {
		_ = results[n].Text()
		_ = results[n].Markdown()
	})
	if slow {
		t.Errorf("Text+Markdown: 8x the skipped partners took %.1fx the time (want about 8x)", r)
	}
	// The offer chain is bounded by the offers (at most 100).
	res := must(must(e.Pool(growthPartners(100))).Route(routing.Lead{}, routing.Options{}))
	c := routing.NewChain(res)
	for c.Status == routing.ChainOffering {
		c = must(c.Respond(routing.OfferDeclined, ""))
	}
	if len(c.Offers) != 100 {
		t.Errorf("%d offers, want 100", len(c.Offers))
	}
}
