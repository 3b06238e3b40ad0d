package routing_test

import (
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

// growth returns the best of five timings of f(n) and f(8n), in process
// CPU time where the platform reports it.
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
	small, large := growth(2000, func(n int) { must(e.Pool(all[:n])) })
	if large > 20*small {
		t.Errorf("Pool: 8x the partners took %v vs %v (want about 8x)", large, small)
	}
	pools := map[int]*routing.Pool{2000: must(e.Pool(all[:2000])), 16000: must(e.Pool(all))}
	l := routing.Lead{Region: "emea"}
	small, large = growth(2000, func(n int) {
		for range 20 {
			must(pools[n].Route(l, routing.Options{Trace: true}))
		}
	})
	if large > 20*small {
		t.Errorf("Route: 8x the partners took %v vs %v (want about 8x)", large, small)
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
	small, large := growth(1000, func(n int) {
		_ = results[n].Text()
		_ = results[n].Markdown()
	})
	if large > 20*small {
		t.Errorf("Text+Markdown: 8x the skipped partners took %v vs %v (want about 8x)", large, small)
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
