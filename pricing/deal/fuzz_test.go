package deal_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/pricing/deal"
)

func FuzzParseTerms(f *testing.F) {
	f.Add(termsJSON)
	f.Add(`{"currency":"USD","models":[{"id":"m","motion":"resell","parties":[{"id":"r","role":"reseller","margin":"20%"}]}]}`)
	f.Add(`{"currency":"JPY","rounding":{"places":0,"mode":"half_even"},"models":[{"id":"a","motion":"co_sell","parties":[{"id":"i","role":"alliance","tiering":"range","tiers":[{"from":"0","percent":"5"}]}]}]}`)
	f.Add(`{"currency":"USD","models":[{"id":"o","motion":"oem","parties":[{"id":"o","role":"oem","royalty":"12","minimum":{"amount":"10","currency":"USD"}}]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		terms, err := deal.ParseTerms([]byte(s))
		if err != nil {
			return
		}
		again := roundtrip.Copy(t, terms, deal.ParseTerms)
		roundtrip.Same(t, terms, again, func(terms deal.Terms) (any, error) {
			e, err := deal.Compile(terms)
			if err != nil {
				return nil, err
			}
			return e.Evaluate(deal.Deal{Model: e.Models()[0], Price: usd("1000.00")})
		})
	})
}

func FuzzParseDeal(f *testing.F) {
	f.Add(`{"id":"D","model":"cppo","private_offer":true,"list":"1200.00","price":"1000.00","parties":[{"slot":"reseller","partner":"r"},{"slot":"aws"}]}`)
	f.Add(`{"model":"referral","term_months":36,"annual":["1.00","2.00","3.00"],"price":"6.00","parties":[{"slot":"referrer","weight":"2"},{"slot":"referrer"}]}`)
	f.Add(`{"model":"oem","price":"180000.00","units":"6000"}`)
	f.Add(`{"model":"gsi","price":"10.00","parties":[{"slot":"si","attribution":"sourced","services":"5.00"}]}`)
	f.Add(`{"model":"gsi","price":"10.00","list":{"amount":"0","currency":"EUR"},"parties":[{"slot":"si","services":{"amount":"0","currency":"EUR"}}]}`) // zeros JSON leaves out
	e := mustEngine()
	f.Fuzz(func(t *testing.T, s string) {
		d, err := deal.ParseDeal([]byte(s))
		if err != nil {
			return
		}
		again := roundtrip.Copy(t, d, deal.ParseDeal)
		roundtrip.Same(t, d, again, func(d deal.Deal) (any, error) { return e.Evaluate(d) })
		r, err := e.Evaluate(d)
		if err != nil {
			return
		}
		sum := r.VendorNet
		for _, p := range r.Parties {
			sum, _ = sum.Add(p.Amount)
		}
		if !sum.Equal(r.CustomerPrice) {
			t.Fatalf("parties + vendor net = %s, want %s", sum, r.CustomerPrice)
		}
		_ = r.Text()
	})
}
