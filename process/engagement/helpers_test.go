package engagement_test

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/engagement"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, "USD") }

type fataler interface {
	Helper()
	Fatal(args ...any)
}

// mustEngine compiles rules; with a nil t (examples) it panics on error.
func mustEngine(t fataler, js string) *engagement.Engine {
	fail := func(err error) {
		if t == nil {
			panic(err)
		}
		t.Helper()
		t.Fatal(err)
	}
	r, err := engagement.ParseRules([]byte(js))
	if err != nil {
		fail(err)
	}
	e, err := engagement.Compile(r)
	if err != nil {
		fail(err)
	}
	return e
}

const rulesJSON = `{
  "id": "roe-2026",
  "currency": "USD",
  "tiers": ["registered", "silver", "gold", "platinum"],
  "policies": [
    {"id": "incumbent", "kind": "incumbent"},
    {"id": "big-deals", "kind": "direct_defers", "min_deal": "50000.00", "direct_wins_below": true},
    {"id": "first", "kind": "first_to_register", "within": "24h"},
    {"id": "tier", "kind": "higher_tier"},
    {"id": "certified", "kind": "certified", "min": 2},
    {"id": "sourced", "kind": "sourced_over_influenced"},
    {"id": "split", "kind": "split", "weights": {"sourced": "60", "influenced": "40", "direct": "50"}}
  ]
}`

func partner(id string, registered time.Duration) engagement.Claim {
	c := engagement.Claim{Partner: partnerops.PartnerID(id)}
	if registered >= 0 {
		c.Registered = t0.Add(registered)
	}
	return c
}
