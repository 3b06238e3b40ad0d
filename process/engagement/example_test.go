package engagement_test

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/engagement"
)

func ExampleParseRules() {
	r, err := engagement.ParseRules([]byte(rulesJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Policies {
		fmt.Println(p.ID, p.Kind)
	}
	_, err = engagement.ParseRules([]byte(`{"policies":[{"id":"s","kind":"split","weight":{"sourced":"60"}}]}`))
	fmt.Println(err)
	// Output:
	// incumbent incumbent
	// big-deals direct_defers
	// first first_to_register
	// tier higher_tier
	// certified certified
	// sourced sourced_over_influenced
	// split split
	// engagement: parsing rules: policies[s].weight: unknown field; did you mean "weights"?
}

func ExampleCompile() {
	r, _ := engagement.ParseRules([]byte(`{"policies":[
	  {"id": "first", "kind": "first_to_register"},
	  {"id": "tier", "kind": "higher_tier"}]}`))
	_, err := engagement.Compile(r)
	fmt.Println(err)
	r.Tiers = partnerops.MustTierLadder("silver", "gold")
	e, err := engagement.Compile(r)
	fmt.Println(err)
	for _, w := range e.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// engagement: compiling rules "": tiers: the tier ladder is required by higher_tier policy tier
	// <nil>
	// policies: no split policy: a tie that no policy breaks stays undecided, for a person to decide
}

func ExampleEngine_Decide() {
	e := mustEngine(nil, rulesJSON)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	d, err := e.Decide(engagement.Case{ID: "C-7", Value: usd("120000.00"), Claims: []engagement.Claim{
		{Direct: true, Registered: t0.Add(-48 * time.Hour)},
		{Partner: "northwind", Registered: t0, Tier: "gold", Certifications: 3},
		{Partner: "contoso", Registered: t0.Add(5 * time.Hour), Tier: "gold", Certifications: 2},
		{Partner: "fabrikam", Registered: t0.Add(72 * time.Hour), Tier: "platinum"},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Text())
	// Output:
	// case C-7 (direct, northwind, contoso, fabrikam): decided by split
	//   split: split between northwind 50.00%, contoso 50.00% (tie among northwind, contoso)
	//   1. incumbent (incumbent): not_applicable; no claimant is the incumbent
	//   2. big-deals (direct_defers): narrowed -> northwind, contoso, fabrikam; deal value 120000.00 USD is at least 50000.00 USD: direct sales defer to northwind, contoso, fabrikam
	//   3. first (first_to_register): narrowed -> northwind, contoso; registered within 24h0m0s of the first (2026-03-02T09:00:00Z): northwind, contoso; fabrikam 72h0m0s later
	//   4. tier (higher_tier): tie; highest tier gold: northwind, contoso
	//   5. certified (certified): tie; at least 2 certifications: northwind, contoso
	//   6. sourced (sourced_over_influenced): not_applicable; no partner sourced the deal
	//   7. split (split): decided -> northwind, contoso; tie among northwind, contoso
	//   credit northwind: 50.00% = 60000.00 USD
	//   credit contoso: 50.00% = 60000.00 USD
}

func ExampleEngine_Decide_weightedSplit() {
	e := mustEngine(nil, `{"currency":"USD","policies":[
	  {"id":"split","kind":"split","weights":{"sourced":"2","influenced":"1"}}]}`)
	d, _ := e.Decide(engagement.Case{Value: usd("1000.00"), Claims: []engagement.Claim{
		{Partner: "northwind", Attribution: partnerops.AttributionSourced},
		{Partner: "contoso", Attribution: partnerops.AttributionInfluenced},
	}})
	for _, c := range d.Credits {
		fmt.Println(c.Claimant, c.Weight, c.Share, c.Amount)
	}
	// Output:
	// northwind 2 66.67% 666.67 USD
	// contoso 1 33.33% 333.33 USD
}

func ExampleParseCase() {
	c, err := engagement.ParseCase([]byte(`{"id": "C-8", "value": "25000.00", "claims": [
	  {"partner": "northwind", "registration": "R-1", "registered": "2026-03-02", "incumbent": true},
	  {"direct": true, "registration": "O-9", "registered": "2026-02-20"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := mustEngine(nil, rulesJSON).Decide(c)
	fmt.Println(d.Reason)
	fmt.Println(d.Winners(), d.Credits[0].Amount)
	// Output:
	// incumbent: incumbent: northwind
	// [northwind] 25000.00 USD
}

func ExampleDecision_SameOutcome() {
	e := mustEngine(nil, rulesJSON)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := engagement.Case{ID: "C-9", Claims: []engagement.Claim{
		{Partner: "northwind", Registered: t0},
		{Partner: "contoso", Registered: t0.Add(48 * time.Hour)},
	}}
	first, _ := e.Decide(c)
	// On appeal contoso shows the account is its existing customer.
	c.Claims[1].Incumbent = true
	again, _ := e.Decide(c)
	fmt.Println(first.Winners(), again.Winners(), first.SameOutcome(again))
	// Output: [northwind] [contoso] false
}

func ExampleDecision_Markdown() {
	e := mustEngine(nil, `{"policies":[{"id":"first","kind":"first_to_register"},{"id":"split","kind":"split"}]}`)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	d, _ := e.Decide(engagement.Case{ID: "C-10", Claims: []engagement.Claim{
		{Partner: "northwind", Registered: t0.Add(time.Hour)}, {Partner: "contoso", Registered: t0},
	}})
	fmt.Print(d.Markdown())
	// Output:
	// ### Channel conflict C-10
	//
	// first: registered first at 2026-03-02T09:00:00Z: contoso; northwind 1h0m0s later
	//
	// | # | Policy | Kind | Result | Kept | Reason |
	// |---|---|---|---|---|---|
	// | 1 | first | first_to_register | decided | contoso | registered first at 2026-03-02T09:00:00Z: contoso; northwind 1h0m0s later |
	//
	// | Claimant | Weight | Share | Amount |
	// |---|---|---|---|
	// | contoso | 1 | 100.00% |  |
}
