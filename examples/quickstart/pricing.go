package main

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// priceQuote prices a small quote for a gold partner with an approved deal
// registration and prints its waterfall.
func priceQuote(program partnerops.Program, acme partnerops.Partner) error {
	section("Pricing: a quote for Acme, line by line")
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	book := pricing.PriceBook{ID: "us", Currency: partnerops.USD, Entries: []pricing.Entry{
		{SKU: "SEC-100", Family: "security", Name: "Security Suite", Unit: "seat", List: usd("100.00"), Cost: usd("30.00")},
		{SKU: "OBS-200", Family: "observability", Name: "Observability Cloud", Unit: "host", List: usd("240.00"), Cost: usd("60.00")},
	}}
	fw := pricing.Framework{
		Program:  program,
		Currency: partnerops.USD,
		Groups: []pricing.Group{
			{ID: "partner", Label: "partner price", Mode: pricing.CombineFirst},
			{ID: "dealreg", Label: "deal registration", Mode: pricing.CombineAdditive},
		},
		Rules: []pricing.Rule{
			{ID: "gold", Group: "partner", Priority: 20, When: pricing.Conditions{TierAtLeast: "gold"},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: partnerops.MustPercent("20")}},
			{ID: "silver", Group: "partner", Priority: 10, When: pricing.Conditions{TierAtLeast: "silver"},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: partnerops.MustPercent("10")}},
			{ID: "dealreg", Group: "dealreg", When: pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegApproved}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: partnerops.MustPercent("5")}},
		},
		Approvals: []pricing.ApprovalThreshold{{Level: "manager", Above: partnerops.MustPercent("20")}},
	}
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
	return nil
}
