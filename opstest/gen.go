package opstest

import (
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
)

// Decimal generates decimals with up to places fraction digits between
// lo and hi minor steps: Decimal(0, 100000, 2) draws 0.00 to 1000.00.
func Decimal(lo, hi int64, places int32) *rapid.Generator[partnerops.Decimal] {
	return rapid.Custom(func(t *rapid.T) partnerops.Decimal {
		return partnerops.NewDecimal(rapid.Int64Range(lo, hi).Draw(t, "units"), -places)
	})
}

// Money generates amounts in c, exact in its minor units, between lo and
// hi minor units: Money(partnerops.USD, 0, 1_000_000_00) draws 0.00 to
// 1,000,000.00 USD.
func Money(c partnerops.Currency, lo, hi int64) *rapid.Generator[partnerops.Money] {
	return rapid.Custom(func(t *rapid.T) partnerops.Money {
		m, err := partnerops.MoneyFromMinor(rapid.Int64Range(lo, hi).Draw(t, "minor"), c)
		if err != nil {
			t.Fatalf("opstest.Money: %v", err)
		}
		return m
	})
}

// Percent generates percentages between lo and hi hundredths of a percent:
// Percent(0, 10000) draws 0.00% to 100.00%.
func Percent(lo, hi int64) *rapid.Generator[partnerops.Percent] {
	return rapid.Custom(func(t *rapid.T) partnerops.Percent {
		return partnerops.NewPercent(partnerops.NewDecimal(rapid.Int64Range(lo, hi).Draw(t, "hundredths"), -2))
	})
}

// Tier generates a tier of the ladder, which must have at least one.
func Tier(l partnerops.TierLadder) *rapid.Generator[partnerops.Tier] {
	return rapid.SampledFrom(l.Tiers())
}
