package routing_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/process/routing"
)

func FuzzParseDefinition(f *testing.F) {
	f.Add(defJSON)
	for _, s := range propStrategies {
		f.Add(fmtDef(3, s))
	}
	f.Add(`{"filters":[{"id":"t","kind":"type","types":["reseller"]}],"strategy":{"kind":"round_robin"},"offers":1,"default_capacity":5}`)
	ps := partners()
	f.Fuzz(func(t *testing.T, s string) {
		d, err := routing.ParseDefinition([]byte(s))
		if err != nil {
			return
		}
		// The stored copy compiles (or fails) alike and routes the same.
		roundtrip.Same(t, d, roundtrip.Copy(t, d, routing.ParseDefinition), func(d routing.Definition) (any, error) {
			e, err := routing.Compile(d)
			if err != nil {
				return nil, err
			}
			pl, err := e.Pool(ps)
			if err != nil {
				return nil, err
			}
			return pl.Route(lead(), routing.Options{Rand: rand.New(rand.NewPCG(1, 1)), Cursor: "c"})
		})
		e, err := routing.Compile(d)
		if err != nil {
			return
		}
		pl, err := e.Pool(ps)
		if err != nil {
			return
		}
		res, err := pl.Route(lead(), routing.Options{Rand: rand.New(rand.NewPCG(1, 1)), Cursor: "c"})
		if err != nil {
			t.Fatalf("Route: %v", err)
		}
		_ = routing.NewChain(res).Text()
	})
}

func FuzzParseLead(f *testing.F) {
	f.Add(`{"id":"L-1","account":{"domain":"acme.com","name":"acme"},"region":"emea","motion":"resell","requirements":[{"name":"security","min":2}],"exclude":["b"],"owner":"a"}`)
	f.Add(`{}`)
	pl := mustPool(f, defJSON, partners())
	f.Fuzz(func(t *testing.T, s string) {
		l, err := routing.ParseLead([]byte(s))
		if err != nil {
			return
		}
		roundtrip.Same(t, l, roundtrip.Copy(t, l, routing.ParseLead), func(l routing.Lead) (any, error) {
			return pl.Route(l, routing.Options{Trace: true})
		})
		if res, err := pl.Route(l, routing.Options{Trace: true}); err == nil {
			_ = res.Markdown()
		}
	})
}

func FuzzParsePartners(f *testing.F) {
	b, _ := json.Marshal(partners())
	f.Add(string(b))
	f.Add(`[{"id":"a","win_rate":"40","scores":{"nps":"7"},"accounts":[{"domain":"acme.com"}]}]`)
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(defJSON)))))
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := routing.ParsePartners([]byte(s))
		if err != nil {
			return
		}
		roundtrip.Same(t, ps, roundtrip.Copy(t, ps, routing.ParsePartners), func(ps []routing.Partner) (any, error) {
			pl, err := e.Pool(ps)
			if err != nil {
				return nil, err
			}
			return pl.Route(lead(), routing.Options{})
		})
		if pl, err := e.Pool(ps); err == nil {
			_, _ = pl.Route(lead(), routing.Options{})
		}
	})
}
