package routing_test

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

type fataler interface {
	Helper()
	Fatal(args ...any)
}

// must returns v, or panics with err: for fixtures, where an error is a
// broken test.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func dec(s string) *partnerops.Decimal {
	d := partnerops.MustDecimal(s)
	return &d
}

func pct(s string) *partnerops.Percent {
	p := partnerops.MustPercent(s)
	return &p
}

const defJSON = `{
  "id": "emea-leads",
  "tiers": ["registered", "silver", "gold", "platinum"],
  "filters": [
    {"id": "region", "kind": "region"},
    {"id": "resellers", "kind": "type", "types": ["reseller", "msp"]},
    {"id": "silver-plus", "kind": "tier", "min_tier": "silver"},
    {"id": "motion", "kind": "motion"},
    {"id": "security", "kind": "certification", "name": "security", "min": 1},
    {"id": "needs", "kind": "requirements"},
    {"id": "capacity", "kind": "capacity"},
    {"id": "paused", "kind": "paused"},
    {"id": "conflicts", "kind": "conflicts"}
  ],
  "strategy": {"kind": "best_fit", "factors": [
    {"id": "fit", "source": "fit_score", "weight": "3"},
    {"id": "win", "source": "win_rate", "weight": "2"},
    {"id": "speed", "source": "response_time", "weight": "1", "worst": "48"}
  ]},
  "offers": 3
}`

// partners is a small pool: a..f eligible for an emea resell lead with
// security, g..m each failing one filter.
func partners() []routing.Partner {
	ok := func(id string, fit, win, hours string) routing.Partner {
		return routing.Partner{ID: partnerops.PartnerID(id), Type: "reseller", Tier: "gold",
			Regions: []partnerops.Region{"emea"}, Motions: []partnerops.Motion{"resell"},
			Certifications: map[string]int{"security": 2}, Capacity: 10, OpenLeads: 2,
			FitScore: dec(fit), WinRate: pct(win), ResponseHours: dec(hours)}
	}
	ps := []routing.Partner{
		ok("a", "90", "30", "4"), ok("b", "70", "50", "12"), ok("c", "80", "40", "2"),
		ok("d", "60", "20", "24"), ok("e", "85", "35", "6"), ok("f", "50", "60", "1"),
	}
	g := ok("g", "99", "90", "1")
	g.Regions = []partnerops.Region{"us"}
	h := ok("h", "99", "90", "1")
	h.Type = "gsi"
	i := ok("i", "99", "90", "1")
	i.Tier = "registered"
	j := ok("j", "99", "90", "1")
	j.Motions = []partnerops.Motion{"referral"}
	k := ok("k", "99", "90", "1")
	k.Certifications = nil
	l := ok("l", "99", "90", "1")
	l.OpenLeads = 10
	m := ok("m", "99", "90", "1")
	m.Paused = true
	n := ok("n", "99", "90", "1")
	n.Conflicts = []partnerops.AccountKey{partnerops.NewAccountKey("acme.com", "")}
	return append(ps, g, h, i, j, k, l, m, n)
}

func lead() routing.Lead {
	return routing.Lead{ID: "L-1", Account: partnerops.NewAccountKey("www.acme.com", "Acme Inc"), Region: "emea", Motion: "resell"}
}

func mustPool(_ fataler, def string, ps []routing.Partner) *routing.Pool {
	d := must(routing.ParseDefinition([]byte(def)))
	e := must(routing.Compile(d))
	return must(e.Pool(ps))
}

func ranked(r routing.Result) []string {
	var out []string
	for _, c := range r.Candidates {
		out = append(out, string(c.Partner))
	}
	return out
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
