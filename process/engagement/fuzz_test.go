package engagement_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/partnerops/partnerops/process/engagement"
)

func FuzzParseRules(f *testing.F) {
	f.Add(rulesJSON)
	f.Add(`{"policies":[{"id":"s","kind":"split"}]}`)
	f.Add(`{"currency":"JPY","policies":[{"id":"d","kind":"direct_defers","min_deal":{"amount":"5000","currency":"JPY"}},{"id":"f","kind":"first_to_register","within":3600000000000}]}`)
	f.Add(`{"tiers":["a","b"],"policies":[{"id":"t","kind":"higher_tier"},{"id":"s","kind":"split","weights":{"direct":"0.5"}}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := engagement.ParseRules([]byte(s))
		if err != nil {
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := engagement.ParseRules(b)
		if err != nil {
			t.Fatalf("re-parsing %s: %v", b, err)
		}
		if diff := cmp.Diff(r, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("re-parsed rules differ (-first +again):\n%s", diff)
		}
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
	e := mustEngine(f, rulesJSON)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := engagement.ParseCase([]byte(s))
		if err != nil {
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := engagement.ParseCase(b)
		if err != nil {
			t.Fatalf("re-parsing %s: %v", b, err)
		}
		if diff := cmp.Diff(c, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("re-parsed case differs (-first +again):\n%s", diff)
		}
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
