package renewal_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/partnerops/partnerops/pricing/renewal"
)

func fuzzParse[T any](f *testing.F, parse func([]byte) (T, error), use func(T), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parse([]byte(s))
		if err != nil {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := parse(b)
		if err != nil {
			t.Fatalf("re-parsing %s: %v", b, err)
		}
		if diff := cmp.Diff(v, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("re-parsed value differs (-first +again):\n%s", diff)
		}
		use(v)
	})
}

func FuzzParseTerms(f *testing.F) {
	fuzzParse(f, renewal.ParseTerms, func(t renewal.Terms) {
		if e, err := renewal.Compile(t); err == nil {
			_ = e.Warnings()
		}
	}, termsJSON, `{"currency":"JPY","day_count":"30_360","rounding":{"places":0,"mode":"half_even"}}`)
}

func FuzzParseRenewal(f *testing.F) {
	e := mustEngine(termsJSON)
	fuzzParse(f, renewal.ParseRenewal, func(r renewal.Renewal) {
		if q, err := e.Renew(r); err == nil {
			_ = q.Text()
		}
	}, `{"policy":"cpi","prior_net":"48000.00","index":"7.5"}`, `{"policy":"hold","prior_net":"80.00","prior_list":"90.00","current_list":"100.00"}`,
		`{"policy":"lesser","prior_net":{"amount":"1.00","currency":"USD"},"current_list":"2"}`)
}

func FuzzParseRamp(f *testing.F) {
	fuzzParse(f, renewal.ParseRamp, func(r renewal.Ramp) {
		if s, err := r.Schedule(); err == nil {
			_ = s.Text()
		}
	}, `{"id":"r","currency":"USD","start":"2026-01-31","billing":"quarter","uplift":"5","uplift_mode":"additive",
	  "segments":[{"id":"a","months":7,"quantity":"10","unit_price":"99.999"},{"months":5,"quantity":"3","amount":"100.00"}]}`,
		`{"currency":"JPY","start":"2026-02-28T10:00:00+09:00","billing":"upfront","segments":[{"months":12,"quantity":"1.5","amount":"1000"}]}`)
}
