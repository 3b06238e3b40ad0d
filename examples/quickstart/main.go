// Command quickstart walks one partner program end to end with in-code
// sample data: the program and its partners, then one step per pillar.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// now is the instant the walkthrough runs at. The library never reads the
// clock; a host passes its own time in.
var now = time.Date(2026, time.November, 25, 9, 0, 0, 0, time.UTC)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	program := partnerops.Program{
		Name:     "Northwind Partner Network",
		Tiers:    partnerops.MustTierLadder("registered", "silver", "gold", "platinum"),
		Motions:  []partnerops.Motion{"managed_services"},
		Currency: partnerops.USD,
		Calendar: partnerops.Calendar{FiscalYearStart: time.February},
	}
	if err := program.Validate(); err != nil {
		return err
	}
	partners := samplePartners()
	for i, p := range partners {
		if err := program.ValidatePartner(p); err != nil {
			return fmt.Errorf("partners[%d]: %w", i, err)
		}
	}

	section("The program and its partners")
	fmt.Printf("%s, tiers %s, reporting in %s\n", program.Name, program.Tiers, program.Currency)
	q := program.Calendar.Quarter(now)
	fmt.Printf("Today is in %s (%s)\n", program.Calendar.Label(q), q)
	fmt.Println()
	fmt.Printf("%-8s %-26s %-13s %-26s %s\n", "ID", "Partner", "Type", "Tier", "Motions")
	for _, p := range partners {
		motions := make([]string, len(p.Motions))
		for i, m := range p.Motions {
			motions[i] = string(m)
		}
		next, ok, err := program.Tiers.Next(p.Tier)
		if err != nil {
			return err
		}
		tier := string(p.Tier)
		if ok {
			tier += " (next: " + string(next) + ")"
		}
		fmt.Printf("%-8s %-26s %-13s %-26s %s\n", p.ID, p.Name, p.Type, tier, strings.Join(motions, ", "))
	}

	section("Money: splitting a co-sell credit exactly")
	// A 125,000.00 USD co-sell deal credited 50/30/20 between three
	// partners: the parts sum exactly to the whole.
	credit := partnerops.MustMoney("125000.00", partnerops.USD)
	weights := []partnerops.Decimal{partnerops.DecimalFromInt(50), partnerops.DecimalFromInt(30), partnerops.DecimalFromInt(20)}
	parts, err := credit.Allocate(weights...)
	if err != nil {
		return err
	}
	for i, part := range parts {
		fmt.Printf("%-26s %s%% -> %s\n", partners[i].Name, weights[i], part.StringFixed())
	}
	thirds, err := partnerops.MustMoney("100.00", partnerops.USD).Split(3)
	if err != nil {
		return err
	}
	fmt.Printf("100.00 USD split three ways: %v (no cent lost)\n", thirds)

	if err := icpFit(); err != nil {
		return err
	}
	if err := accountMapping(); err != nil {
		return err
	}
	if err := priceQuote(program, partners[0]); err != nil {
		return err
	}
	if err := dealRegistration(); err != nil {
		return err
	}
	comp, err := enablementGap(program, partners[0])
	if err != nil {
		return err
	}
	// Hand the enablement standing to the QBR as plain values.
	var enabled []performance.EnablementItem
	for _, r := range append(comp.Requirements, comp.NextTierGaps...) {
		enabled = append(enabled, performance.EnablementItem{Name: r.Description + " (" + string(r.Tier) + ")", Completed: int64(r.Have), Required: int64(r.Required)})
	}
	if err := scorecardAndQBR(program, partners[0], enabled); err != nil {
		return err
	}
	return nil
}

func section(title string) {
	fmt.Printf("\n== %s ==\n", title)
}

func samplePartners() []partnerops.Partner {
	joined := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	return []partnerops.Partner{
		{ID: "p-acme", Name: "Acme Cloud Services", Type: partnerops.PartnerTypeMSP, Tier: "gold",
			Motions: []partnerops.Motion{partnerops.MotionResell, "managed_services"}, Regions: []partnerops.Region{"emea"}, Joined: joined(2024, 3)},
		{ID: "p-bolt", Name: "Bolt Systems Integration", Type: partnerops.PartnerTypeSI, Tier: "silver",
			Motions: []partnerops.Motion{partnerops.MotionCoSell, partnerops.MotionServices}, Regions: []partnerops.Region{"na"}, Joined: joined(2025, 6)},
		{ID: "p-cirr", Name: "Cirrus Marketplace Co", Type: partnerops.PartnerTypeMarketplace, Tier: "platinum",
			Motions: []partnerops.Motion{partnerops.MotionMarketplace}, Regions: []partnerops.Region{"na", "emea"}, Joined: joined(2023, 1)},
		{ID: "p-dove", Name: "Dove Referral Partners", Type: partnerops.PartnerTypeReferral, Tier: "registered",
			Motions: []partnerops.Motion{partnerops.MotionReferral}, Regions: []partnerops.Region{"apac"}, Joined: joined(2026, 9)},
	}
}
