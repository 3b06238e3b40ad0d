package enablement

import (
	"math/big"
	"testing"

	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// TestPropertyRatioPercentRoundsOnce checks shares and progress against an
// exact big.Rat reference: part/whole in percent, rounded half up to one
// decimal place, once, from the exact quotient.
func TestPropertyRatioPercentRoundsOnce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		whole := rapid.OneOf(rapid.IntRange(1, 2_000_000), rapid.IntRange(1<<40, 1<<50)).Draw(t, "whole")
		part := rapid.IntRange(0, whole).Draw(t, "part")
		// Exact: 1000*part/whole tenths of a percent, rounded half up.
		q := new(big.Rat).SetFrac64(int64(part)*1000, int64(whole))
		tenths := new(big.Int).Quo(q.Num(), q.Denom())
		rem := new(big.Rat).Sub(q, new(big.Rat).SetInt(tenths))
		if rem.Cmp(big.NewRat(1, 2)) >= 0 {
			tenths.Add(tenths, big.NewInt(1))
		}
		want := partnerops.NewPercent(partnerops.NewDecimal(tenths.Int64(), -1))
		if got := ratioPercent(part, whole); !got.Equal(want) || got.String() != want.String() {
			t.Fatalf("ratioPercent(%d, %d) = %s, want %s", part, whole, got, want)
		}
	})
}
