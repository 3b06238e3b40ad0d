package pricing_test

import (
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
			{SKU: "SEC-100", Family: "security", Name: "Security Suite", Unit: "seat", List: m("100.00"), Cost: m("30.00")},
			{SKU: "SEC-200", Family: "security", Name: "Threat Intel", Unit: "seat", List: m("250.00"), Cost: m("100.00"), Floor: m("150.00")},
			{SKU: "STO-100", Family: "storage", Name: "Backup Vault", Unit: "TB", List: m("40.00"), Cost: m("22.00")},
			{SKU: "SVC-1", Family: "services", Name: "Onboarding", Unit: "each", List: m("1500.00")},
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
