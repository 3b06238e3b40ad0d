package payout

import (
	"testing"

	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// appendDec renders exactly as Decimal.String.
func TestAppendDec(t *testing.T) {
	for _, s := range []string{"0", "0.00", "1e3", "0e2", "-0.05", "12.50", "-123456789012345678.9", "123456789012345678901234.5", "0.000001"} {
		d := partnerops.MustDecimal(s)
		if got := decString(d); got != d.String() {
			t.Errorf("decString(%s) = %q, want %q", s, got, d.String())
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		d := partnerops.NewDecimal(rapid.Int64().Draw(t, "c"), int32(rapid.IntRange(-20, 5).Draw(t, "e")))
		if got := decString(d); got != d.String() {
			t.Fatalf("decString(%s) = %q", d, got)
		}
	})
}
