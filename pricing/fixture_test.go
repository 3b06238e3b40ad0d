package pricing_test

import (
	"encoding/json"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

var (
	usd   = partnerops.USD
	day   = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tiers = partnerops.MustTierLadder("registered", "silver", "gold", "platinum")
)

func m(s string) partnerops.Money     { return partnerops.MustMoney(s, usd) }
func mp(s string) *partnerops.Money   { v := m(s); return &v }
func pct(s string) partnerops.Percent { return partnerops.MustPercent(s) }
func pp(s string) *partnerops.Percent { v := pct(s); return &v }
func dec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }
func dp(s string) *partnerops.Decimal { v := dec(s); return &v }

// usBook is the sample US price book used across tests and examples.
func usBook() pricing.PriceBook {
	return pricing.PriceBook{
		ID: "us", Name: "US list", Currency: usd, Region: "na",
		Entries: []pricing.Entry{
			{SKU: "SEC-100", Family: "security", Name: "Security Suite", Unit: "seat", List: mp("100.00"), Cost: mp("30.00"),
				Units: []pricing.UnitConversion{{Unit: "box", Factor: dec("12")}}},
			{SKU: "SEC-200", Family: "security", Name: "Threat Intel", Unit: "seat", List: mp("250.00"), Cost: mp("100.00"), Floor: mp("150.00")},
			{SKU: "STO-100", Family: "storage", Name: "Backup Vault", Unit: "TB", List: mp("40.00"), Cost: mp("22.00")},
			{SKU: "SVC-1", Family: "services", Name: "Onboarding", Unit: "each", List: mp("1500.00")},
		},
	}
}

func partner(tier partnerops.Tier) partnerops.Partner {
	return partnerops.Partner{ID: "p-1", Name: "Acme Resellers", Type: partnerops.PartnerTypeReseller, Tier: tier}
}

func quote(tier partnerops.Tier, lines ...pricing.QuoteLine) pricing.Quote {
	return pricing.Quote{ID: "Q-1", Partner: partner(tier), Motion: partnerops.MotionResell, Region: "na",
		Business: partnerops.BusinessNew, Lines: lines}
}

func line(sku pricing.SKU, qty string) pricing.QuoteLine {
	return pricing.QuoteLine{SKU: sku, Quantity: dec(qty)}
}

// framework wraps rules in a framework with the given groups.
func framework(groups []pricing.Group, rules ...pricing.Rule) pricing.Framework {
	return pricing.Framework{Program: partnerops.Program{Tiers: tiers}, Currency: usd, Groups: groups, Rules: rules}
}

func jsonMarshal(v any) ([]byte, error)      { return json.Marshal(v) }
func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// sampleFramework is the deal desk of the walkthrough: five stacking
// groups in waterfall order, tier discounts, volume schedules, a
// deal-registration bonus, strategic adjustments, caps, floors and an
// approval matrix.
func sampleFramework() pricing.Framework {
	march := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	april := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	return pricing.Framework{
		Name:     "FY26 partner discounts",
		Program:  partnerops.Program{Tiers: tiers},
		Currency: usd,
		Groups: []pricing.Group{
			{ID: "regular", Label: "regular price", Mode: pricing.CombineBestOf},
			{ID: "volume", Label: "customer price", Mode: pricing.CombineFirst},
			{ID: "partner", Label: "partner buy price", Mode: pricing.CombineFirst},
			{ID: "dealreg", Mode: pricing.CombineAdditive},
			{ID: "strategic", Label: "net price", Mode: pricing.CombineCompounding, Cap: pp("10")},
		},
		TotalCap:  pp("45"),
		MinMargin: pp("20"),
		Approvals: []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}, {Level: "vp", Above: pct("35")}},
		Rules: []pricing.Rule{
			{ID: "spring-promo", Name: "Spring promotion", Group: "regular",
				When:           pricing.Conditions{Families: []pricing.Family{"security"}, From: march, Until: april},
				Effect:         pricing.PercentOffList(pct("10")),
				ExcludesGroups: []pricing.GroupID{"dealreg"}},
			{ID: "storage-promo", Group: "regular", When: pricing.Conditions{SKUs: []pricing.SKU{"STO-100"}},
				Effect: pricing.AmountOff(m("2.00"))},
			{ID: "seat-volume", Group: "volume", When: pricing.Conditions{Families: []pricing.Family{"security"}},
				Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleRange,
					Tiers: []pricing.ScheduleTier{{From: dec("25"), To: dp("100"), Percent: pp("5")}, {From: dec("100"), Percent: pp("10")}}}}},
			{ID: "storage-slab", Group: "volume", When: pricing.Conditions{Families: []pricing.Family{"storage"}},
				Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleSlab,
					Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("10"), Percent: pp("0")}, {From: dec("10"), Percent: pp("15")}}}}},
			{ID: "tier-silver", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"silver"}},
				Effect: pricing.PercentOffRunning(pct("15"))},
			{ID: "tier-gold", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"gold"}},
				Effect: pricing.PercentOffRunning(pct("20"))},
			{ID: "tier-platinum", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"platinum"}},
				Effect: pricing.PercentOffRunning(pct("25"))},
			{ID: "intel-gold", Name: "Threat Intel margin", Group: "partner",
				When:   pricing.Conditions{SKUs: []pricing.SKU{"SEC-200"}, TierAtLeast: "gold"},
				Effect: pricing.TargetMargin(pct("30"))},
			{ID: "services-referral", Group: "partner", When: pricing.Conditions{Families: []pricing.Family{"services"}, Motions: []partnerops.Motion{partnerops.MotionReferral}},
				Effect: pricing.PercentOffList(pct("10"))},
			{ID: "dealreg-bonus", Group: "dealreg", Priority: 10,
				When:   pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegRegistered, pricing.DealRegApproved}},
				Effect: pricing.PercentOffList(pct("5"))},
			{ID: "dealreg-approved", Group: "dealreg", Priority: 10,
				When:   pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegApproved}, Business: []partnerops.BusinessType{partnerops.BusinessNew}},
				Effect: pricing.PercentOffList(pct("3"))},
			{ID: "competitive", Group: "strategic", Approval: "manager",
				When:   pricing.Conditions{Attributes: map[string][]string{"competitive": {"yes"}}, MinDealValue: mp("10000")},
				Effect: pricing.PercentOffRunning(pct("8"))},
			{ID: "new-logo", Group: "strategic", When: pricing.Conditions{Business: []partnerops.BusinessType{partnerops.BusinessNew}, Regions: []partnerops.Region{"na"}},
				Effect: pricing.PercentOffRunning(pct("3"))},
			{ID: "partner-of-year", Group: "strategic", Exclusive: true,
				When:   pricing.Conditions{Attributes: map[string][]string{"award": {"poty"}}},
				Effect: pricing.PercentOffList(pct("40"))},
		},
	}
}

// sampleQuote is a gold reseller's approved, new-business deal.
func sampleQuote() pricing.Quote {
	return pricing.Quote{
		ID: "Q-1042", Partner: partner("gold"), Motion: partnerops.MotionResell,
		DealRegistration: pricing.DealRegApproved, Business: partnerops.BusinessNew, Region: "na",
		Attributes: map[string]string{"competitive": "yes"},
		Lines:      []pricing.QuoteLine{line("SEC-100", "120"), line("SEC-200", "5"), line("STO-100", "12"), line("SVC-1", "1")},
	}
}
