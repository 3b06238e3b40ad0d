package main

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// The price book and the discount framework are data a deal desk keeps in
// its own database. They decode strictly: an unknown key ("conditions" for
// "when"), a percent written as a bare number (0.2: 0.2% or 20%?) or an
// amount in another currency is an error naming its path. Amounts are bare
// strings where the book or framework fixes the currency; percents are in
// percent units ("20" is 20%).
const bookJSON = `{
  "id": "us", "currency": "USD",
  "entries": [
    {"sku": "SEC-100", "family": "security", "name": "Security Suite", "unit": "seat", "list": "100.00", "cost": "30.00"},
    {"sku": "OBS-200", "family": "observability", "name": "Observability Cloud", "unit": "host", "list": "240.00", "cost": "60.00"}
  ]
}`

const frameworkJSON = `{
  "currency": "USD",
  "groups": [
    {"id": "partner", "label": "partner price", "mode": "first"},
    {"id": "dealreg", "label": "deal registration", "mode": "additive"}
  ],
  "rules": [
    {"id": "gold", "group": "partner", "priority": 20, "when": {"tier_at_least": "gold"},
     "effect": {"kind": "percent_off_list", "percent": "20"}},
    {"id": "silver", "group": "partner", "priority": 10, "when": {"tier_at_least": "silver"},
     "effect": {"kind": "percent_off_list", "percent": "10"}},
    {"id": "dealreg", "group": "dealreg", "when": {"deal_registration": ["approved"]},
     "effect": {"kind": "percent_off_list", "percent": "5"}}
  ],
  "approvals": [{"level": "manager", "above": "20"}]
}`

// priceQuote prices a small quote for a gold partner with an approved deal
// registration and prints its waterfall.
func priceQuote(program partnerops.Program, acme partnerops.Partner) error {
	section("Pricing: a quote for Acme, line by line")
	book, err := pricing.ParsePriceBook([]byte(bookJSON))
	if err != nil {
		return err
	}
	fw, err := pricing.ParseFramework([]byte(frameworkJSON))
	if err != nil {
		return err
	}
	fw.Program = program // the tiers the rules name come from the program
	engine, err := pricing.Compile([]pricing.PriceBook{book}, fw)
	if err != nil {
		return err
	}
	res, err := engine.Price(pricing.Quote{
		ID:               "Q-1001",
		Partner:          acme,
		DealRegistration: pricing.DealRegApproved,
		Lines: []pricing.QuoteLine{
			{SKU: "SEC-100", Quantity: partnerops.DecimalFromInt(25)},
			{SKU: "OBS-200", Quantity: partnerops.DecimalFromInt(4)},
		},
	}, now)
	if err != nil {
		return err
	}
	fmt.Print(res.Text())

	// A typo is caught with its path, never dropped.
	_, err = pricing.ParseFramework([]byte(`{"currency":"USD","rules":[{"id":"gold","group":"partner","conditions":{"tiers":["gold"]},"effect":{"kind":"percent_off_list","percent":0.2}}]}`))
	fmt.Printf("\nA framework with two mistakes is refused:\n%v\n", err)
	return nil
}
