package pricing_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// A price book and a framework kept as JSON: percents are strings in
// percent units ("20" is 20%), amounts are bare decimal strings in the
// book's or the framework's currency, dates are "YYYY-MM-DD" (midnight
// UTC) or RFC 3339 times.
func ExampleParseFramework() {
	books, err := pricing.ParsePriceBooks([]byte(`[{
		"id": "us", "currency": "USD",
		"entries": [
			{"sku": "SEC-100", "family": "security", "unit": "seat", "list": "100.00", "cost": "30.00"},
			{"sku": "STO-100", "family": "storage", "unit": "TB", "list": "40.00", "floor": "30.00"}
		]
	}]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fw, err := pricing.ParseFramework([]byte(`{
		"program": {"tiers": ["silver", "gold"]},
		"currency": "USD",
		"groups": [
			{"id": "partner", "label": "partner price", "mode": "first"},
			{"id": "promo", "mode": "additive"}
		],
		"rules": [
			{"id": "tier-gold", "group": "partner", "when": {"tiers": ["gold"]},
			 "effect": {"kind": "percent_off_list", "percent": "20"}},
			{"id": "spring", "group": "promo", "when": {"from": "2026-03-01", "until": "2026-04-01"},
			 "effect": {"kind": "amount_off", "amount": "5.00"}}
		],
		"approvals": [{"level": "manager", "above": "20%"}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := pricing.Compile(books, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	q, err := pricing.ParseQuote([]byte(`{"id": "Q-9", "book": "us", "partner": {"id": "p-1", "tier": "gold"},
		"lines": [{"sku": "SEC-100", "quantity": "10"}, {"id": "vault", "sku": "STO-100", "quantity": "2.5"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := e.Price(q, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println("line", l.Line, l.SKU, "net", l.NetUnit, "×", l.Quantity, "=", l.NetExtended, "approval:", l.Approval)
	}
	// Output:
	// line 1 SEC-100 net 75.00 USD × 10 = 750.00 USD approval: manager
	// line 2 STO-100 net 30.00 USD × 2.5 = 75.00 USD approval: manager
}

// A misspelt key is an error with its path, named by IDs, and a
// suggestion; nothing is dropped silently.
func ExampleParseRule() {
	_, err := pricing.ParseRule([]byte(`{"id": "tier-gold", "group": "partner", "priorty": 3,
		"conditions": {"tiers": ["gold"]}, "effect": {"kind": "percent_off_list", "percent": 20}}`))
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// priorty: unknown field; did you mean "priority"?
	// conditions: unknown field; did you mean "when"?
	// effect.percent: decoding percent 20: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
}

// ParseEffect decodes one effect; each kind needs its own field, which
// Compile checks.
func ExampleParseEffect() {
	e, err := pricing.ParseEffect([]byte(`{"kind": "percent_off_running", "percent": "12.5%"}`))
	fmt.Println(e.Kind, e.Percent, err)
	_, err = pricing.Compile([]pricing.PriceBook{exampleBook}, pricing.Framework{
		Groups: []pricing.Group{{ID: "g", Mode: pricing.CombineFirst}},
		Rules:  []pricing.Rule{{ID: "free", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectFixedPrice}}},
	})
	fmt.Println(err)
	// Output:
	// percent_off_running 12.5% <nil>
	// rules[free].effect.amount: required for a fixed_price effect
}

// ParseApprovals decodes an approval matrix kept on its own.
func ExampleParseApprovals() {
	a, err := pricing.ParseApprovals([]byte(`[{"level": "manager", "above": "20"}, {"level": "vp", "above": "35"}]`))
	fmt.Println(a, err)
	_, err = pricing.ParseApprovals([]byte(`[{"level": "vp", "abov": "35"}]`))
	fmt.Println(err)
	// Output:
	// [{manager 20%} {vp 35%}] <nil>
	// pricing: parsing approvals: approvals[vp].abov: unknown field; did you mean "above"?
}

// ParsePriceBook decodes one book; bare amounts take the book's currency
// at compile time, and an amount in another currency is an error.
func ExampleParsePriceBook() {
	b, err := pricing.ParsePriceBook([]byte(`{"id": "eu", "currency": "EUR",
		"entries": [{"sku": "SEC-100", "list": "92.00"}, {"sku": "SVC-1", "list": {"amount": "1500", "currency": "USD"}}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = pricing.Compile([]pricing.PriceBook{b}, pricing.Framework{})
	fmt.Println(err)
	// Output:
	// books[eu].entries[SVC-1].list: amount 1500 USD where EUR is fixed: currency mismatch
}

// Warnings reports definitions that compile but are probably not meant.
func ExampleEngine_Warnings() {
	fw := pricing.Framework{
		Program: partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Groups:  []pricing.Group{{ID: "partner", Mode: pricing.CombineFirst}},
		Rules: []pricing.Rule{
			{ID: "gold", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"gold"}},
				Effect: pricing.PercentOffList(partnerops.MustPercent("0.2"))},
			{ID: "gold-too", Group: "partner", When: pricing.Conditions{TierAtLeast: "gold"},
				Effect: pricing.PercentOffList(partnerops.MustPercent("18"))},
		},
	}
	e, err := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range e.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// rules[gold].effect.percent: a percent between 0 and 1 is a fraction of a percent: "0.2" is 0.2%; for 20% write "20" (got "0.2")
	// rules[gold-too].priority: can tie with rule "gold" in group "partner" (same specificity and priority); a quote both match fails with a conflict: give one a higher priority or set tie_break
}

// A result is data: stored as JSON, it decodes to an equal result with
// its whole waterfall, and renders the same text.
func ExampleResult_roundTrip() {
	fw := pricing.Framework{
		Program: partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Groups:  []pricing.Group{{ID: "partner", Label: "partner price", Mode: pricing.CombineFirst}},
		Rules: []pricing.Rule{{ID: "gold", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"gold"}},
			Effect: pricing.PercentOffList(partnerops.MustPercent("20"))}},
	}
	e, _ := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	r, _ := e.Price(exampleQuote(), exampleAt)
	data, _ := json.Marshal(r)
	var stored pricing.Result
	if err := json.Unmarshal(data, &stored); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("equal:", stored.Equal(*r), "same text:", stored.Text() == r.Text())
	fmt.Println(stored.Lines[0].Steps()[0].Rule, stored.Lines[0].Steps()[0].Running)
	// Output:
	// equal: true same text: true
	// gold 80.00
}
