package engagement_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/process/engagement"
)

func FuzzParseRules(f *testing.F) {
	f.Add(rulesJSON)
	f.Add(`{"policies":[{"id":"s","kind":"split"}]}`)
	f.Add(`{"currency":"USD","policies":[{"id":"d","kind":"direct_defers","min_deal":{"amount":"0","currency":"EUR"}}]}`) // a zero JSON leaves out
	f.Add(`{"currency":"JPY","policies":[{"id":"d","kind":"direct_defers","min_deal":{"amount":"5000","currency":"JPY"}},{"id":"f","kind":"first_to_register","within":3600000000000}]}`)
	f.Add(`{"tiers":["a","b"],"policies":[{"id":"t","kind":"higher_tier"},{"id":"s","kind":"split","weights":{"direct":"0.5"}}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := engagement.ParseRules([]byte(s))
		if err != nil {
			return
		}
		again := roundtrip.Copy(t, r, engagement.ParseRules)
		sample, _ := engagement.ParseCase([]byte(`{"value":"100.00","claims":[{"partner":"a","registered":"2026-03-02","attribution":"sourced"},{"partner":"b","tier":"a"},{"direct":true}]}`))
		roundtrip.Same(t, r, again, func(r engagement.Rules) (any, error) {
			e, err := engagement.Compile(r)
			if err != nil {
				return nil, err
			}
			return e.Decide(sample)
		})
		e, err := engagement.Compile(r)
		if err != nil {
			return
		}
		c, _ := engagement.ParseCase([]byte(`{"value":"100.00","claims":[{"partner":"a","registered":"2026-03-02","attribution":"sourced"},{"partner":"b","tier":"a"},{"direct":true}]}`))
		if d, err := e.Decide(c); err == nil {
			_ = d.Text()
		}
	})
}

func FuzzParseCase(f *testing.F) {
	f.Add(`{"id":"C","value":"100.00","claims":[{"partner":"a","registered":"2026-03-02","tier":"gold"},{"direct":true}]}`)
	f.Add(`{"value":{"amount":"10","currency":"USD"},"claims":[{"partner":"a","incumbent":true,"certifications":3,"attribution":"influenced"}]}`)
	f.Add(`{"claims":[]}`)
	f.Add(`{"value":{"amount":"0","currency":"EUR"},"claims":[{"partner":"a"},{"partner":"b"}]}`) // a zero JSON leaves out
	e := mustEngine(f, rulesJSON)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := engagement.ParseCase([]byte(s))
		if err != nil {
			return
		}
		again := roundtrip.Copy(t, c, engagement.ParseCase)
		roundtrip.Same(t, c, again, func(c engagement.Case) (any, error) { return e.Decide(c) })
		d, err := e.Decide(c)
		if err != nil {
			return
		}
		if d.Decided && !c.Value.IsZero() {
			var total = d.Credits[0].Amount
			for _, cr := range d.Credits[1:] {
				total, _ = total.Add(cr.Amount)
			}
			if !total.Equal(c.Value) && total.Amount().Cmp(c.Value.Amount()) != 0 {
				t.Fatalf("credits sum to %s, want %s", total, c.Value)
			}
		}
		_ = d.Markdown()
	})
}
