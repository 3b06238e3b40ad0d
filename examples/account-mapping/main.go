// Command account-mapping maps a vendor's accounts against three
// partners' account lists (overlap matrices, plays, partner ranking,
// whitespace), repeats the match in privacy mode on keyed hashes, finds
// product whitespace, and models the economics of the partner program
// (forecast, scenarios, tornado, Monte Carlo). The sample data is in the
// code; it prints tables and exits 0.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/partnerops/partnerops/examples/internal/chartdir"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/economics"
	"github.com/partnerops/partnerops/strategy/mapping"
)

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }

func vendorAccounts() []mapping.Account {
	return []mapping.Account{
		{ID: "V-001", Name: "Acme, Inc.", Domain: "https://www.acme.com", Status: mapping.AccountStatusProspect, Segment: "enterprise", Pipeline: usd("120000")},
		{ID: "V-002", Name: "Globex Corporation", Domain: "globex.com", Status: mapping.AccountStatusCustomer, Segment: "enterprise", Pipeline: usd("250000")},
		{ID: "V-003", Name: "Initech LLC", Status: mapping.AccountStatusOpportunity, Segment: "mid-market", Pipeline: usd("45000")},
		{ID: "V-004", Name: "Umbrella GmbH", Domain: "umbrella.de", Status: mapping.AccountStatusTarget, Segment: "mid-market", Pipeline: usd("30000")},
		{ID: "V-005", Name: "Hooli", Domain: "hooli.com", Status: mapping.AccountStatusTarget, Segment: "enterprise", Pipeline: usd("200000")},
		{ID: "V-006", Name: "Stark Industries", Domain: "starkindustries.com", Status: mapping.AccountStatusTarget, Segment: "enterprise", Pipeline: usd("180000")},
		{ID: "V-007", Name: "Société Générale S.A.", Domain: "societegenerale.fr", Status: mapping.AccountStatusProspect, Segment: "emea", Pipeline: usd("90000")},
		{ID: "V-008", Name: "Wayne Enterprises", Domain: "wayne.co.uk", Status: mapping.AccountStatusCustomer, Segment: "emea", Pipeline: usd("75000")},
		{ID: "V-009", Name: "Tyrell Corp", Domain: "tyrell.com", Status: mapping.AccountStatusTarget, Segment: "mid-market", Pipeline: usd("25000")},
	}
}

func partnerAccounts() []mapping.PartnerAccounts {
	return []mapping.PartnerAccounts{
		{Partner: "northwind-si", Accounts: []mapping.Account{
			{ID: "NW-17", Name: "ACME Incorporated", Domain: "acme.com", Status: mapping.AccountStatusCustomer, Pipeline: usd("40000")},
			{ID: "NW-18", Name: "Initech", Status: mapping.AccountStatusCustomer},
			{ID: "NW-19", Name: "Hooli Inc", Domain: "mail.hooli.com", Status: mapping.AccountStatusCustomer},
			{ID: "NW-20", Name: "Umbrella", Domain: "umbrella.com", Status: mapping.AccountStatusCustomer}, // another company
		}},
		{Partner: "contoso-reseller", Accounts: []mapping.Account{
			{ID: "C-1", Name: "Globex", Domain: "www.globex.com/", Status: mapping.AccountStatusProspect},
			{ID: "C-2", Name: "Wayne Enterprises Ltd", Domain: "WAYNE.CO.UK", Status: mapping.AccountStatusCustomer},
			{ID: "C-3", Name: "Stark Industries", Domain: "starkindustries.com", Status: mapping.AccountStatusOpportunity},
		}},
		{Partner: "fabrikam-msp", Accounts: []mapping.Account{
			{ID: "F-9", Name: "Societe Generale", Domain: "", Status: mapping.AccountStatusCustomer},
		}},
	}
}

func main() {
	flag.Parse() // -charts DIR writes the overlap heat maps as SVG
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "account-mapping:", err)
		os.Exit(1)
	}
}

func run() error {
	fmt.Println("== Account mapping")
	ix, err := mapping.NewIndex(partnerAccounts(), mapping.IndexOptions{})
	if err != nil {
		return err
	}
	m, err := ix.Map(vendorAccounts(), mapping.MapOptions{})
	if err != nil {
		return err
	}
	if err := chartdir.Write("mapping-overview.svg", m.SVG()); err != nil {
		return err
	}
	for _, po := range m.Partners {
		if err := chartdir.Write("mapping-overlap-"+string(po.Partner)+".svg", po.SVG()); err != nil {
			return err
		}
	}
	fmt.Printf("%d of %d vendor accounts overlap at least one partner\n\n", m.MatchedAccounts, m.VendorAccounts)
	fmt.Print(m.Markdown())
	for _, po := range m.Partners {
		fmt.Println()
		fmt.Print(po.Text())
		for _, row := range po.Matrix {
			for _, c := range row {
				for _, am := range c.Matches {
					fmt.Printf("    %s = %s (%s on %q)\n", am.VendorAccount, am.PartnerAccount, am.Rule, am.Key)
				}
			}
		}
	}
	fmt.Println("\n== Whitespace: targets no partner covers (as customer or opportunity)")
	fmt.Print(m.Whitespace.Text())
	for _, g := range m.Whitespace.Groups {
		if len(g.Uncovered) > 0 {
			fmt.Printf("  %s: %v (%s)\n", g.Segment, g.Uncovered, g.UncoveredPipeline.StringFixed())
		}
	}

	fmt.Println("\n== Privacy mode: the same match on HMAC-SHA-256 keys")
	secret := []byte("rotate me: agreed between the two companies")
	hash := func(k string) string {
		h := hmac.New(sha256.New, secret)
		h.Write([]byte(k))
		return hex.EncodeToString(h.Sum(nil))
	}
	hashed := partnerAccounts()
	for i := range hashed {
		hashed[i].Accounts = mapping.KeyedAccounts(hashed[i].Accounts, hash)
	}
	kix, err := mapping.NewIndex(hashed, mapping.IndexOptions{Mode: mapping.MatchModeKeyedHash})
	if err != nil {
		return err
	}
	km, err := kix.Map(mapping.KeyedAccounts(vendorAccounts(), hash), mapping.MapOptions{})
	if err != nil {
		return err
	}
	fmt.Printf("keyed-hash mapping matched %d accounts (normalized mapping: %d)\n", km.MatchedAccounts, m.MatchedAccounts)

	fmt.Println("\n== Product whitespace")
	rep, err := mapping.ProductWhitespace([]string{"platform", "analytics", "security"},
		[]mapping.ProductOwnership{
			{Account: "V-002", Products: []string{"platform", "analytics"}},
			{Account: "V-008", Products: []string{"platform"}},
		},
		[]mapping.PartnerProducts{
			{Partner: "northwind-si", Products: []string{"analytics", "security"}},
			{Partner: "contoso-reseller", Products: []string{"platform", "security"}},
		})
	if err != nil {
		return err
	}
	for _, g := range rep.Gaps {
		fmt.Printf("  %s lacks %-10s partners: %v\n", g.Account, g.Product, g.Partners)
	}

	return programEconomics()
}

func programEconomics() error {
	fmt.Println("\n== Program economics (quarterly, 3 years)")
	model := economics.Definition{
		Name: "reseller program", Currency: partnerops.USD, Unit: partnerops.UnitQuarter, Periods: 12,
		Start:                       time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		DiscountRate:                partnerops.MustPercent("10"),
		NewPartnersPerPeriod:        partnerops.DecimalFromInt(5),
		ChurnRate:                   partnerops.MustPercent("4"),
		PeriodsToFirstDeal:          2,
		RampPeriods:                 3,
		SourcedRevenuePerPartner:    usd("40000"),
		InfluencedRevenuePerPartner: usd("20000"),
		InfluencedCredit:            partnerops.MustPercent("25"),
		GrossMargin:                 partnerops.MustPercent("80"),
		PartnerMargin:               partnerops.MustPercent("20"),
		RebateRate:                  partnerops.MustPercent("2"),
		InfluenceFee:                partnerops.MustPercent("5"),
		MDFRate:                     partnerops.MustPercent("3"),
		UpfrontCost:                 usd("150000"),
		FixedCosts:                  []economics.Cost{{Name: "channel team", Amount: usd("90000")}, {Name: "PRM and tools", Amount: usd("15000")}},
		CostPerPartner:              usd("1500"),
		OnboardingCost:              usd("4000"),
	}
	pe, err := economics.Compile(model)
	if err != nil {
		return err
	}
	f := pe.Forecast()
	fmt.Print(f.Text())
	fmt.Printf("each productive partner contributes %s a quarter\n", f.ContributionPerPartner.StringFixed())
	if dated := f.DatedCashFlows(); dated != nil {
		if x, err := economics.XIRR(dated); err == nil {
			fmt.Printf("XIRR on the dated cash flows (Actual/365): %s\n", x.Round(2, partnerops.RoundHalfEven))
		}
	}

	fmt.Println("\n-- Scenarios")
	res, err := pe.Scenarios([]economics.Scenario{
		{Name: "upside", Values: []economics.AssumptionValue{
			{Assumption: economics.AssumptionNewPartners, Value: partnerops.MustDecimal("7")},
			{Assumption: economics.AssumptionSourcedRevenue, Value: partnerops.MustDecimal("50000")}}},
		{Name: "downside", Values: []economics.AssumptionValue{
			{Assumption: economics.AssumptionNewPartners, Value: partnerops.MustDecimal("3")},
			{Assumption: economics.AssumptionPeriodsToFirstDeal, Value: partnerops.MustDecimal("3")},
			{Assumption: economics.AssumptionChurnRate, Value: partnerops.MustDecimal("8")}}},
	})
	if err != nil {
		return err
	}
	fmt.Print(economics.ScenarioTable(res))

	fmt.Println("\n-- Sensitivity (each assumption ±20%, NPV)")
	in, err := pe.SensitivityRange([]economics.Assumption{
		economics.AssumptionSourcedRevenue, economics.AssumptionNewPartners, economics.AssumptionChurnRate,
		economics.AssumptionPartnerMargin, economics.AssumptionGrossMargin, economics.AssumptionFixedCosts, economics.AssumptionCostPerPartner,
	}, partnerops.MustPercent("20"))
	if err != nil {
		return err
	}
	tab, err := pe.Sensitivity(in)
	if err != nil {
		return err
	}
	fmt.Print(tab.Text())

	fmt.Println("\n-- Monte Carlo (1,000 runs, seed 2026)")
	mc, err := pe.MonteCarlo([]economics.MonteCarloRange{
		{Assumption: economics.AssumptionSourcedRevenue, Low: partnerops.MustDecimal("25000"), High: partnerops.MustDecimal("55000")},
		{Assumption: economics.AssumptionNewPartners, Low: partnerops.MustDecimal("2"), High: partnerops.MustDecimal("8")},
		{Assumption: economics.AssumptionChurnRate, Low: partnerops.MustDecimal("2"), High: partnerops.MustDecimal("10")},
	}, 1000, rand.New(rand.NewPCG(2026, 1)))
	if err != nil {
		return err
	}
	fmt.Printf("NPV P10 %s, P50 %s, P90 %s, mean %s\n", mc.P10.StringFixed(), mc.P50.StringFixed(), mc.P90.StringFixed(), mc.Mean.StringFixed())
	fmt.Printf("NPV positive in %s of runs; paid back within 3 years in %s\n", mc.PositiveNPV, mc.PaidBack)
	return nil
}
