package renewal_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/pricing/renewal"
)

// fuzzParse fuzzes a parser: never a panic; an accepted value re-encodes
// and re-parses to an equal one, and use (compile and evaluate) gives the
// JSON copy the same outcome: both fail, or both give results that
// encode alike.
func fuzzParse[T any](f *testing.F, parse func([]byte) (T, error), use func(T) (any, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parse([]byte(s))
		if err != nil {
			return
		}
		roundtrip.Same(t, v, roundtrip.Copy(t, v, parse), use)
	})
}

func FuzzParseTerms(f *testing.F) {
	fuzzParse(f, renewal.ParseTerms, func(t renewal.Terms) (any, error) {
		e, err := renewal.Compile(t)
		if err != nil {
			return nil, err
		}
		return e.Warnings(), nil
	}, termsJSON, `{"currency":"JPY","day_count":"30_360","rounding":{"places":0,"mode":"half_even"}}`)
}

func FuzzParseRenewal(f *testing.F) {
	e := mustEngine(termsJSON)
	fuzzParse(f, renewal.ParseRenewal, func(r renewal.Renewal) (any, error) {
		q, err := e.Renew(r)
		if err == nil {
			_ = q.Text()
		}
		return q, err
	}, `{"policy":"cpi","prior_net":"48000.00","index":"7.5"}`, `{"policy":"hold","prior_net":"80.00","prior_list":"90.00","current_list":"100.00"}`,
		`{"policy":"lesser","prior_net":{"amount":"1.00","currency":"USD"},"current_list":"2"}`,
		`{"policy":"list","prior_net":"80.00","current_list":{"amount":"0","currency":"USD"}}`) // a given zero
}

func FuzzParseRamp(f *testing.F) {
	fuzzParse(f, renewal.ParseRamp, func(r renewal.Ramp) (any, error) {
		s, err := r.Schedule()
		if err == nil {
			_ = s.Text()
		}
		return s, err
	}, `{"id":"r","currency":"USD","start":"2026-01-31","billing":"quarter","uplift":"5","uplift_mode":"additive",
	  "segments":[{"id":"a","months":7,"quantity":"10","unit_price":"99.999"},{"months":5,"quantity":"3","amount":"100.00"}]}`,
		`{"currency":"JPY","start":"2026-02-28T10:00:00+09:00","billing":"upfront","segments":[{"months":12,"quantity":"1.5","amount":"1000"}]}`)
}
