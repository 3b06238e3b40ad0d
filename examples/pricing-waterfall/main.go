// Command pricing-waterfall prices a partner quote the way a deal desk
// does: a US price book and a derived EMEA book, a discount framework with
// five stacking groups, volume schedules, a deal-registration bonus,
// caps, floors and an approval matrix. It prints the line-by-line
// waterfall with the rules that applied and the ones that did not (and
// why), then compares what the same deal costs at each partner tier.
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func usd(s string) partnerops.Money                 { return partnerops.MustMoney(s, partnerops.USD) }
func pct(s string) partnerops.Percent               { return partnerops.MustPercent(s) }
func dec(s string) partnerops.Decimal               { return partnerops.MustDecimal(s) }
func ptr[T any](v T) *T                             { return &v }
func families(f ...pricing.Family) []pricing.Family { return f }

func books() []pricing.PriceBook {
	return []pricing.PriceBook{
		{
			ID: "us-2026", Name: "US list 2026", Currency: partnerops.USD, Region: "na",
			Entries: []pricing.Entry{
				{SKU: "SEC-100", Family: "security", Name: "Security Suite", Unit: "seat", List: usd("100.00"), Cost: usd("30.00")},
				{SKU: "SEC-200", Family: "security", Name: "Threat Intel", Unit: "seat", List: usd("250.00"), Cost: usd("100.00"), Floor: usd("150.00")},
				{SKU: "STO-100", Family: "storage", Name: "Backup Vault", Unit: "TB", List: usd("40.00"), Cost: usd("22.00")},
				{SKU: "SVC-1", Family: "services", Name: "Onboarding", Unit: "each", List: usd("1500.00")},
			},
		},
		{
			// EMEA prices follow the US book at 0.92 EUR per USD, rounded up to
			// whole euros.
			ID: "emea-2026", Name: "EMEA list 2026", Currency: partnerops.EUR, Region: "emea",
			Basis: pricing.BasisBook, BaseBook: "us-2026", Rate: ptr(dec("0.92")),
			Formula: &pricing.Formula{Increment: dec("1"), IncrementMode: partnerops.RoundCeiling},
		},
	}
}

func framework() pricing.Framework {
	march := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	april := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	return pricing.Framework{
		Name:     "FY26 partner discounts",
		Program:  partnerops.Program{Tiers: partnerops.MustTierLadder("registered", "silver", "gold", "platinum")},
		Currency: partnerops.USD,
		Groups: []pricing.Group{
			{ID: "regular", Label: "regular price", Mode: pricing.CombineBestOf},
			{ID: "volume", Label: "customer price", Mode: pricing.CombineFirst},
			{ID: "partner", Label: "partner buy price", Mode: pricing.CombineFirst},
			{ID: "dealreg", Mode: pricing.CombineAdditive},
			{ID: "strategic", Label: "net price", Mode: pricing.CombineCompounding, Cap: ptr(pct("10"))},
		},
		TotalCap:  ptr(pct("45")),
		MinMargin: ptr(pct("20")),
		Approvals: []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}, {Level: "vp", Above: pct("35")}},
		Rules: []pricing.Rule{
			{ID: "spring-promo", Group: "regular", ExcludesGroups: []pricing.GroupID{"dealreg"},
				When:   pricing.Conditions{Families: families("security"), From: march, Until: april},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pct("10")}},
			{ID: "storage-promo", Group: "regular", When: pricing.Conditions{SKUs: []pricing.SKU{"STO-100"}},
				Effect: pricing.Effect{Kind: pricing.EffectAmountOff, Amount: usd("2.00")}},
			{ID: "seat-volume", Group: "volume", When: pricing.Conditions{Families: families("security")},
				Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleRange,
					Tiers: []pricing.ScheduleTier{{From: dec("25"), To: ptr(dec("100")), Percent: pct("5")}, {From: dec("100"), Percent: pct("10")}}}}},
			{ID: "storage-slab", Group: "volume", When: pricing.Conditions{Families: families("storage")},
				Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleSlab,
					Tiers: []pricing.ScheduleTier{{From: dec("1"), To: ptr(dec("10"))}, {From: dec("10"), Percent: pct("15")}}}}},
			{ID: "tier-silver", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"silver"}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffRunning, Percent: pct("15")}},
			{ID: "tier-gold", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"gold"}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffRunning, Percent: pct("20")}},
			{ID: "tier-platinum", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"platinum"}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffRunning, Percent: pct("25")}},
			{ID: "intel-margin", Group: "partner", When: pricing.Conditions{SKUs: []pricing.SKU{"SEC-200"}, TierAtLeast: "gold"},
				Effect: pricing.Effect{Kind: pricing.EffectTargetMargin, Percent: pct("30")}},
			{ID: "dealreg-bonus", Group: "dealreg", Priority: 10,
				When:   pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegRegistered, pricing.DealRegApproved}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pct("5")}},
			{ID: "dealreg-approved", Group: "dealreg", Priority: 10,
				When:   pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegApproved}, Business: []partnerops.BusinessType{partnerops.BusinessNew}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pct("3")}},
			{ID: "competitive", Group: "strategic", Approval: "manager",
				When:   pricing.Conditions{Attributes: map[string][]string{"competitive": {"yes"}}, MinDealValue: ptr(usd("10000"))},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffRunning, Percent: pct("8")}},
			{ID: "new-logo", Group: "strategic", When: pricing.Conditions{Business: []partnerops.BusinessType{partnerops.BusinessNew}, Regions: []partnerops.Region{"na"}},
				Effect: pricing.Effect{Kind: pricing.EffectPercentOffRunning, Percent: pct("3")}},
		},
	}
}

func quote(tier partnerops.Tier) pricing.Quote {
	return pricing.Quote{
		ID:               "Q-1042",
		Partner:          partnerops.Partner{ID: "acme", Name: "Acme Resellers", Type: partnerops.PartnerTypeReseller, Tier: tier},
		Motion:           partnerops.MotionResell,
		DealRegistration: pricing.DealRegApproved,
		Business:         partnerops.BusinessNew,
		Region:           "na",
		Attributes:       map[string]string{"competitive": "yes"},
		Lines: []pricing.QuoteLine{
			{SKU: "SEC-100", Quantity: dec("120")},
			{SKU: "SEC-200", Quantity: dec("5")},
			{SKU: "STO-100", Quantity: dec("12")},
			{SKU: "SVC-1", Quantity: dec("1")},
		},
	}
}

func main() {
	engine, err := pricing.Compile(books(), framework())
	if err != nil {
		fmt.Fprintln(os.Stderr, "compile:", err)
		os.Exit(1)
	}
	at := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

	res, err := engine.Price(quote("gold"), at)
	if err != nil {
		fmt.Fprintln(os.Stderr, "price:", err)
		os.Exit(1)
	}
	fmt.Println("== Waterfall for a gold partner")
	fmt.Println()
	fmt.Print(res.Text())

	fmt.Println()
	fmt.Println("== The same deal at every tier")
	fmt.Println()
	fmt.Printf("%-12s %12s %12s %10s  %s\n", "tier", "list", "net", "discount", "approval")
	for _, tier := range []partnerops.Tier{"registered", "silver", "gold", "platinum"} {
		r, err := engine.Price(quote(tier), at)
		if err != nil {
			fmt.Fprintln(os.Stderr, "price:", err)
			os.Exit(1)
		}
		approval := string(r.Approval)
		if approval == "" {
			approval = "none"
		}
		fmt.Printf("%-12s %12s %12s %10s  %s\n", tier, r.ListTotal.StringFixed(), r.NetTotal.StringFixed(), r.EffectiveDiscount.Round(2, partnerops.RoundHalfEven), approval)
	}

	fmt.Println()
	fmt.Println("== Catalog prices in force")
	fmt.Println()
	for _, b := range engine.Books() {
		var parts []string
		for _, sku := range []pricing.SKU{"SEC-100", "SEC-200", "STO-100", "SVC-1"} {
			p, err := engine.ListPrice(b, sku, at)
			if err != nil {
				fmt.Fprintln(os.Stderr, "list price:", err)
				os.Exit(1)
			}
			parts = append(parts, fmt.Sprintf("%s %s", sku, p.StringFixed()))
		}
		fmt.Printf("%-10s %s\n", b, strings.Join(parts, " · "))
	}
}
