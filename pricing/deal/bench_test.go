package deal_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/pricing/deal"
)

// BenchmarkEvaluate5Parties: one deal's economics with five parties
// (reseller, distributor, marketplace, recurring referral, tiered
// alliance share). Target: under 5 µs.
func BenchmarkEvaluate5Parties(b *testing.B) {
	terms, err := deal.ParseTerms([]byte(`{"currency":"USD","models":[{"id":"m","motion":"marketplace","parties":[
	  {"id":"reseller","role":"reseller","margin":"15"},
	  {"id":"distributor","role":"distributor","margin":"6.5"},
	  {"id":"aws","role":"marketplace","fee":"3","private_offer_fee":"1.5"},
	  {"id":"referrer","role":"referral","fee":"10","years":3,"cap":"20000.00"},
	  {"id":"isv","role":"alliance","tiers":[{"from":"0","percent":"5"},{"from":"50000.00","percent":"7.5"}]}]}]}`))
	if err != nil {
		b.Fatal(err)
	}
	e, err := deal.Compile(terms)
	if err != nil {
		b.Fatal(err)
	}
	d := mustDeal(`{"id":"D-1","model":"m","list":"150000.00","price":"123456.78","term_months":36,"private_offer":true,
	  "parties":[{"slot":"reseller","partner":"r"},{"slot":"distributor","partner":"d"},{"slot":"aws","partner":"aws"},
	  {"slot":"referrer","partner":"x"},{"slot":"isv","partner":"i"}]}`)
	b.ReportAllocs()
	start, n := measure.CPUTime(), 0
	for b.Loop() {
		if _, err := e.Evaluate(d); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// CPU time (user + system, all threads, GC included), which other
	// jobs on a shared machine do not inflate.
	b.ReportMetric(float64(measure.CPUTime()-start)/float64(n), "cpu-ns/op")
}
