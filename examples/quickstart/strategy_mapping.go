package main

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/economics"
	"github.com/partnerops/partnerops/strategy/mapping"
)

// accountMapping compares the vendor's accounts with one partner's and
// models the program's economics.
func accountMapping() error {
	section("Strategy: account mapping with Acme Cloud Services")
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	ix, err := mapping.NewIndex([]mapping.PartnerAccounts{{Partner: "p-acme", Accounts: []mapping.Account{
		{ID: "a-1", Name: "Contoso Health Incorporated", Domain: "contoso-health.com", Status: mapping.AccountStatusCustomer},
		{ID: "a-2", Name: "Globex", Domain: "globex.co.uk", Status: mapping.AccountStatusProspect},
		{ID: "a-3", Name: "Initech GmbH", Status: mapping.AccountStatusCustomer},
	}}}, mapping.IndexOptions{})
	if err != nil {
		return err
	}
	m, err := ix.Map([]mapping.Account{
		{ID: "v-1", Name: "Contoso Health, Inc.", Domain: "https://www.contoso-health.com/about", Status: mapping.AccountStatusProspect, Pipeline: usd("50000")},
		{ID: "v-2", Name: "Globex Corp", Domain: "shop.globex.co.uk", Status: mapping.AccountStatusCustomer, Pipeline: usd("120000")},
		{ID: "v-3", Name: "Initech", Status: mapping.AccountStatusTarget},
		{ID: "v-4", Name: "Umbrella Corp", Domain: "umbrella.example", Status: mapping.AccountStatusTarget, Segment: "enterprise"},
	}, mapping.MapOptions{})
	if err != nil {
		return err
	}
	fmt.Print(m.Partners[0].Text())

	section("Strategy: program economics")
	pe, err := economics.Compile(economics.Definition{
		Currency: partnerops.USD, Unit: partnerops.UnitQuarter, Periods: 12, DiscountRate: partnerops.MustPercent("10"),
		NewPartnersPerPeriod: partnerops.DecimalFromInt(5), PeriodsToFirstDeal: 2, RampPeriods: 3,
		SourcedRevenuePerPartner: usd("40000"), GrossMargin: partnerops.MustPercent("80"), PartnerMargin: partnerops.MustPercent("20"),
		UpfrontCost: usd("150000"), FixedCosts: []economics.Cost{{Name: "channel team", Amount: usd("90000")}},
		CostPerPartner: usd("1500"),
	})
	if err != nil {
		return err
	}
	f := pe.Forecast()
	fmt.Printf("Over 12 quarters: NPV at 10%% %s, payback after %s quarters\n", f.NPV.StringFixed(), f.PaybackPeriods)
	return nil
}
