package routing_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

var exampleLead = routing.Lead{ID: "L-1", Account: partnerops.NewAccountKey("acme.com", "Acme"), Region: "emea", Motion: "resell"}

// examplePool compiles the package doc's definition over a few partners.
func examplePool() *routing.Pool {
	d, err := routing.ParseDefinition([]byte(defJSON))
	if err != nil {
		panic(err)
	}
	e, err := routing.Compile(d)
	if err != nil {
		panic(err)
	}
	pl, err := e.Pool(partners())
	if err != nil {
		panic(err)
	}
	return pl
}

func ExampleParseDefinition() {
	d, err := routing.ParseDefinition([]byte(defJSON))
	fmt.Println(len(d.Filters), d.Strategy.Kind, d.Offers, err)
	_, err = routing.ParseDefinition([]byte(`{"filters":[{"id":"t","kind":"tier","min":"gold"}],"strategy":{"kind":"best_fit"}}`))
	fmt.Println(err)
	// Output:
	// 9 best_fit 3 <nil>
	// routing: parsing definition: filters[t].min: want a whole number, got "gold"
}

func ExampleCompile() {
	d, _ := routing.ParseDefinition([]byte(`{"filters":[{"id":"region","kind":"region"}],"strategy":{"kind":"round_robin"}}`))
	e, err := routing.Compile(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Offers())
	for _, w := range e.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// 3
	// filters: no capacity filter: partners at capacity still receive leads
	// filters: no paused filter: paused partners still receive leads
	// filters: no conflicts filter: partners with a conflict of interest still receive leads
}

func ExampleEngine_Pool() {
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(defJSON)))))
	pl, err := e.Pool(partners())
	fmt.Println(pl.Len(), err)
	_, err = e.Pool([]routing.Partner{{ID: "a", Tier: "diamond"}})
	fmt.Println(err)
	// Output:
	// 14 <nil>
	// routing: building pool of 1 partners: partners[a].tier: not on the ladder registered < silver < gold < platinum
}

func ExamplePool_Route() {
	pl := examplePool()
	res, err := pl.Route(routing.Lead{ID: "L-1", Account: partnerops.NewAccountKey("acme.com", "Acme"), Region: "emea", Motion: "resell"}, routing.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(res.Text())
	// Output:
	// lead L-1 (best_fit): 6 of 14 partners eligible
	//   skipped by region (region): 1
	//   skipped by resellers (type): 1
	//   skipped by silver-plus (tier): 1
	//   skipped by motion (motion): 1
	//   skipped by security (certification): 1
	//   skipped by needs (requirements): 0
	//   skipped by capacity (capacity): 1
	//   skipped by paused (paused): 1
	//   skipped by conflicts (conflicts): 1
	//   1. a: best fit: score 70.277778
	//        factor fit 90 -> 0.9 x 3
	//        factor win 30% -> 0.3 x 2
	//        factor speed 4h -> 0.916667 x 1
	//        eligible: region: covers region emea; resellers: type reseller; silver-plus: tier gold, at least silver; motion: runs motion resell; security: security 2, at least 1; needs: the lead has no requirements; capacity: 2 of 10 open leads; paused: not paused; conflicts: no conflict of interest
	//   2. c: best fit: score 69.305556
	//        factor fit 80 -> 0.8 x 3
	//        factor win 40% -> 0.4 x 2
	//        factor speed 2h -> 0.958333 x 1
	//        eligible: region: covers region emea; resellers: type reseller; silver-plus: tier gold, at least silver; motion: runs motion resell; security: security 2, at least 1; needs: the lead has no requirements; capacity: 2 of 10 open leads; paused: not paused; conflicts: no conflict of interest
	//   3. e: best fit: score 68.75
	//        factor fit 85 -> 0.85 x 3
	//        factor win 35% -> 0.35 x 2
	//        factor speed 6h -> 0.875 x 1
	//        eligible: region: covers region emea; resellers: type reseller; silver-plus: tier gold, at least silver; motion: runs motion resell; security: security 2, at least 1; needs: the lead has no requirements; capacity: 2 of 10 open leads; paused: not paused; conflicts: no conflict of interest
}

func ExamplePool_Route_roundRobin() {
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(
		`{"filters":[{"id":"paused","kind":"paused"}],"offers":1,"strategy":{"kind":"round_robin"}}`)))))
	pl := must(e.Pool([]routing.Partner{{ID: "a"}, {ID: "b", Paused: true}, {ID: "c"}}))
	var cursor partnerops.PartnerID // the host stores it between leads
	for range 4 {
		res := must(pl.Route(routing.Lead{}, routing.Options{Cursor: cursor}))
		fmt.Print(res.Candidates[0].Partner, " ")
		cursor = res.Cursor
	}
	fmt.Println()
	// Output: a c a c
}

func ExamplePool_Route_weightedRandom() {
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(`{"filters":[],"offers":1,
	  "strategy":{"kind":"weighted_random","factors":[{"id":"tier","source":"tier","weight":"1"}]},"tiers":["silver","gold","platinum"]}`)))))
	pl := must(e.Pool([]routing.Partner{{ID: "a", Tier: "gold"}, {ID: "b", Tier: "platinum"}, {ID: "c", Tier: "silver"}}))
	rng := rand.New(rand.NewPCG(2026, 3)) // the caller's source: the same seed, the same draws
	counts := map[partnerops.PartnerID]int{}
	for range 3000 {
		res := must(pl.Route(routing.Lead{}, routing.Options{Rand: rng}))
		counts[res.Candidates[0].Partner]++
	}
	// Weights 50 (gold) and 100 (platinum); silver's 0 is only a tiny epsilon.
	fmt.Println(counts["a"] > 900 && counts["a"] < 1100, counts["b"] > 1900, counts["c"] < 3)
	// Output: true true true
}

func ExamplePool_Route_sticky() {
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(`{"filters":[{"id":"paused","kind":"paused"}],
	  "strategy":{"kind":"sticky","then":"load_balanced"}}`)))))
	pl := must(e.Pool([]routing.Partner{
		{ID: "a", OpenLeads: 1, Capacity: 5}, {ID: "b", OpenLeads: 4, Capacity: 5,
			Accounts: []partnerops.AccountKey{partnerops.NewAccountKey("acme.com", "Acme")}},
		{ID: "c", OpenLeads: 2, Capacity: 5},
	}))
	res := must(pl.Route(routing.Lead{Account: partnerops.NewAccountKey("https://acme.com/", "")}, routing.Options{}))
	for _, c := range res.Candidates {
		fmt.Println(c.Rank, c.Partner, c.Reason)
	}
	// Output:
	// 1 b sticky: b holds the account acme.com
	// 2 a least loaded: 1 of 5 open leads
	// 3 c least loaded: 2 of 5 open leads
}

func ExamplePool_Update() {
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(`{"filters":[{"id":"capacity","kind":"capacity"}],"offers":2,"strategy":{"kind":"load_balanced"}}`)))))
	pl := must(e.Pool([]routing.Partner{{ID: "a", Capacity: 2}, {ID: "b", Capacity: 2, OpenLeads: 1}}))
	next, _ := pl.Update(routing.Load{Partner: "a", OpenLeads: 2}) // a accepted two leads
	fmt.Println(ranked(must(pl.Route(routing.Lead{}, routing.Options{}))), ranked(must(next.Route(routing.Lead{}, routing.Options{}))))
	// Output: [a b] [b]
}

func ExamplePool_Explain() {
	el, _ := examplePool().Explain(routing.Lead{Region: "emea", Motion: "resell"}, "l")
	fmt.Println(el.Eligible)
	for _, c := range el.Checks {
		if !c.Passed {
			fmt.Println(c.Filter, c.Detail)
		}
	}
	// Output:
	// false
	// capacity at capacity: 10 of 10 open leads
}

func ExampleNewChain() {
	res := must(examplePool().Route(exampleLead, routing.Options{}))
	c := routing.NewChain(res)
	fmt.Println(c.Status, c.Reason, len(c.Queue))
	// Output: offering offered to a 2
}

func ExampleChain_Respond() {
	c := routing.NewChain(must(examplePool().Route(exampleLead, routing.Options{})))
	c, _ = c.Respond(routing.OfferDeclined, "out of territory")
	c, _ = c.Respond(routing.OfferTimedOut, "")
	c, _ = c.Respond(routing.OfferDeclined, "")
	fmt.Print(c.Text())
	// Output:
	// lead L-1 to_vendor (3 of at most 3 offers): e declined; 3 offers made, the most allowed: back to the vendor
	//   1. a declined (out of territory); ranked 1: best fit: score 70.277778
	//   2. c timed_out; ranked 2: best fit: score 69.305556
	//   3. e declined; ranked 3: best fit: score 68.75
}

func ExampleChain_Continue() {
	pl := examplePool()
	l := exampleLead
	c := routing.NewChain(must(pl.Route(l, routing.Options{})))
	c, _ = c.Respond(routing.OfferDeclined, "")
	// c (next in the queue) filled up meanwhile: re-route on fresh loads,
	// without the partners already offered.
	pl, _ = pl.Update(routing.Load{Partner: "c", OpenLeads: 10})
	c = c.Continue(must(pl.Route(l, routing.Options{Offered: c.Offered()})))
	fmt.Println(c.Offered(), c.Queue[0].Partner)
	// Output: [a c] e
}

func ExampleParseLead() {
	l, err := routing.ParseLead([]byte(`{"id": "L-9", "account": {"domain": "acme.com"}, "region": "emea",
	  "requirements": [{"name": "security", "min": 2}], "exclude": ["b"]}`))
	fmt.Println(l.ID, l.Region, l.Requirements, l.Exclude, err)
	// Output: L-9 emea [{security 2}] [b] <nil>
}

func ExampleParsePartners() {
	ps, err := routing.ParsePartners([]byte(`[{"id": "northwind", "type": "reseller", "tier": "gold",
	  "regions": ["emea"], "certifications": {"security": 3}, "capacity": 10, "open_leads": 4,
	  "fit_score": "82.5", "win_rate": "31", "response_hours": "6"}]`))
	fmt.Println(ps[0].ID, ps[0].WinRate, *ps[0].FitScore, err)
	_, err = routing.ParsePartners([]byte(`[{"id": "northwind", "win_rate": 0.31}]`))
	fmt.Println(err)
	// Output:
	// northwind 31% 82.5 <nil>
	// routing: parsing partners: partners[northwind].win_rate: decoding percent 0.31: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
}

func ExampleResult_Markdown() {
	e := must(routing.Compile(must(routing.ParseDefinition([]byte(`{"filters":[{"id":"paused","kind":"paused"}],"strategy":{"kind":"load_balanced"},"offers":1}`)))))
	pl := must(e.Pool([]routing.Partner{{ID: "a", OpenLeads: 3, Capacity: 4}, {ID: "b", Paused: true}}))
	fmt.Print(must(pl.Route(routing.Lead{ID: "L-2"}, routing.Options{})).Markdown())
	// Output:
	// ### Lead routing L-2
	//
	// 1 of 2 partners eligible; strategy load_balanced.
	//
	// | Filter | Kind | Skipped |
	// |---|---|---|
	// | paused | paused | 1 |
	//
	// | Rank | Partner | Score | Load | Reason | Eligible |
	// |---|---|---|---|---|---|
	// | 1 | a | 0 | 3/4 | least loaded: 3 of 4 open leads | paused: not paused |
}
