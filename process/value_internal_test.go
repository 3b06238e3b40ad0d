package process

import (
	"testing"

	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// TestNumberFastPath: numbers that are integers of at most 18 digits
// compare by their int64; every comparison agrees with the decimal one.
func TestNumberFastPath(t *testing.T) {
	draw := func(t *rapid.T, label string) Value {
		coef := rapid.OneOf(rapid.Int64(), rapid.Int64Range(-1000, 1000),
			rapid.Int64Range(999_999_999_999_999_000, 999_999_999_999_999_999)).Draw(t, label+"_coef")
		exp := rapid.Int32Range(-4, 6).Draw(t, label+"_exp")
		if rapid.Bool().Draw(t, label+"_int") && exp == 0 {
			return Int(coef)
		}
		return numberValue(partnerops.NewDecimal(coef, exp))
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := draw(t, "a"), draw(t, "b")
		want := a.num().Cmp(b.num())
		if got, ok := a.compare(b); !ok || got != want {
			t.Fatalf("compare(%s, %s) = %d, want %d", a, b, got, want)
		}
		if a.Equal(b) != (want == 0) {
			t.Fatalf("Equal(%s, %s) = %v, Cmp = %d", a, b, a.Equal(b), want)
		}
		if a.x.isInt {
			if n, ok := a.num().Int64(); !ok || n != a.x.i {
				t.Fatalf("%s: fast path holds %d", a, a.x.i)
			}
		}
	})
}
