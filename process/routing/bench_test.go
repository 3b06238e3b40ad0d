package routing_test

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process/routing"
)

// pool10k builds 10,000 partners over 8 regions, 4 types and 4 tiers,
// with certifications, loads and scores; about 1 in 12 is eligible for
// benchLead.
func pool10k(strategy string) *routing.Pool {
	regions := []partnerops.Region{"emea", "us-east", "us-west", "apac", "latam", "dach", "nordics", "uki"}
	types := []partnerops.PartnerType{"reseller", "msp", "gsi", "referral"}
	tiers := []partnerops.Tier{"registered", "silver", "gold", "platinum"}
	ps := make([]routing.Partner, 10_000)
	for i := range ps {
		ps[i] = routing.Partner{
			ID: partnerops.PartnerID("p" + strconv.Itoa(100000+i)), Type: types[i%4], Tier: tiers[(i/4)%4],
			Regions: []partnerops.Region{regions[i%8], regions[(i/8)%8]}, Motions: []partnerops.Motion{"resell", "co_sell"}[i%2 : i%2+1],
			Certifications: map[string]int{"security": i % 3}, Capacity: 10, OpenLeads: i % 12, Paused: i%50 == 0,
			FitScore: dec(strconv.Itoa(i % 101)), WinRate: pct(strconv.Itoa((i * 7) % 100)), ResponseHours: dec(strconv.Itoa(i % 72)),
		}
		if i%97 == 0 {
			ps[i].Conflicts = []partnerops.AccountKey{partnerops.NewAccountKey("acme.com", "")}
		}
	}
	def := `{"tiers":["registered","silver","gold","platinum"],"filters":[
	  {"id":"region","kind":"region"},{"id":"types","kind":"type","types":["reseller","msp"]},
	  {"id":"tier","kind":"tier","min_tier":"silver"},{"id":"motion","kind":"motion"},
	  {"id":"security","kind":"certification","name":"security"},{"id":"needs","kind":"requirements"},
	  {"id":"capacity","kind":"capacity"},{"id":"paused","kind":"paused"},{"id":"conflicts","kind":"conflicts"}],
	  "strategy":` + strategy + `,"offers":3}`
	return mustPool(nil, def, ps)
}

var benchLead = routing.Lead{ID: "L", Account: partnerops.NewAccountKey("acme.com", "Acme"), Region: "emea", Motion: "resell",
	Exclude: []partnerops.PartnerID{"p100004"}}

const bestFit = `{"kind":"best_fit","factors":[{"id":"fit","source":"fit_score","weight":"3"},{"id":"win","source":"win_rate","weight":"2"},{"id":"speed","source":"response_time","weight":"1"}]}`

func benchRoute(b *testing.B, strategy string, opts routing.Options) {
	pl := pool10k(strategy)
	b.ReportAllocs()
	start, n := measure.CPUTime(), 0
	for b.Loop() {
		if _, err := pl.Route(benchLead, opts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(measure.CPUTime()-start)/float64(n), "cpu-ns/op")
}

// BenchmarkRoute10k routes one lead among 10,000 partners by best fit.
// Target: under 50 µs, no allocation per ineligible partner.
func BenchmarkRoute10k(b *testing.B) { benchRoute(b, bestFit, routing.Options{}) }

// BenchmarkRoute10kRoundRobin: the same by round robin.
func BenchmarkRoute10kRoundRobin(b *testing.B) {
	benchRoute(b, `{"kind":"round_robin"}`, routing.Options{Cursor: "p105000"})
}

// BenchmarkRoute10kLoadBalanced: the same by load.
func BenchmarkRoute10kLoadBalanced(b *testing.B) {
	benchRoute(b, `{"kind":"load_balanced"}`, routing.Options{})
}

// BenchmarkRoute10kWeightedRandom: the same by weighted random draws.
func BenchmarkRoute10kWeightedRandom(b *testing.B) {
	benchRoute(b, `{"kind":"weighted_random","factors":[{"id":"fit","source":"fit_score","weight":"1"}]}`,
		routing.Options{Rand: rand.New(rand.NewPCG(1, 2))})
}

// BenchmarkPool10k builds the pool of 10,000 partners.
func BenchmarkPool10k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		pool10k(bestFit)
	}
}
