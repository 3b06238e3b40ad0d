package main

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy"
)

// accountMapping compares the vendor's accounts with one partner's and
// models the program's economics.
func accountMapping() error {
	section("Strategy: account mapping with Acme Cloud Services")
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	ix, err := strategy.NewAccountIndex([]strategy.PartnerAccounts{{Partner: "p-acme", Accounts: []strategy.Account{
		{ID: "a-1", Name: "Contoso Health Incorporated", Domain: "contoso-health.com", Status: strategy.AccountStatusCustomer},
		{ID: "a-2", Name: "Globex", Domain: "globex.co.uk", Status: strategy.AccountStatusProspect},
		{ID: "a-3", Name: "Initech GmbH", Status: strategy.AccountStatusCustomer},
	}}}, strategy.IndexOptions{})
	if err != nil {
		return err
	}
	m, err := ix.Map([]strategy.Account{
		{ID: "v-1", Name: "Contoso Health, Inc.", Domain: "https://www.contoso-health.com/about", Status: strategy.AccountStatusProspect, Pipeline: usd("50000")},
		{ID: "v-2", Name: "Globex Corp", Domain: "shop.globex.co.uk", Status: strategy.AccountStatusCustomer, Pipeline: usd("120000")},
		{ID: "v-3", Name: "Initech", Status: strategy.AccountStatusTarget},
		{ID: "v-4", Name: "Umbrella Corp", Domain: "umbrella.example", Status: strategy.AccountStatusTarget, Segment: "enterprise"},
	}, strategy.MapOptions{})
	if err != nil {
		return err
	}
	fmt.Print(m.Partners[0].Text())

	section("Strategy: program economics")
	pe, err := strategy.CompileProgramModel(strategy.ProgramModel{
		Currency: partnerops.USD, Unit: partnerops.UnitQuarter, Periods: 12, DiscountRate: partnerops.MustPercent("10"),
		NewPartnersPerPeriod: partnerops.DecimalFromInt(5), PeriodsToFirstDeal: 2, RampPeriods: 3,
		SourcedRevenuePerPartner: usd("40000"), GrossMargin: partnerops.MustPercent("80"), PartnerMargin: partnerops.MustPercent("20"),
		UpfrontCost: usd("150000"), FixedCosts: []strategy.ProgramCost{{Name: "channel team", Amount: usd("90000")}},
		CostPerPartner: usd("1500"),
	})
	if err != nil {
		return err
	}
	f := pe.Forecast()
	fmt.Printf("Over 12 quarters: NPV at 10%% %s, payback after %s quarters\n", f.NPV.StringFixed(), f.PaybackPeriods)
	return nil
}
