package pricing

import (
	"math"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genNum draws decimals across the int64 fast path and beyond it.
func genNum(t *rapid.T, label string) decimal.Decimal {
	var c int64
	switch rapid.IntRange(0, 3).Draw(t, label+"-size") {
	case 0:
		c = rapid.Int64Range(-1000, 1000).Draw(t, label)
	case 1:
		c = rapid.Int64Range(-1e12, 1e12).Draw(t, label)
	case 2:
		c = rapid.SampledFrom([]int64{math.MaxInt64, math.MinInt64 + 1, math.MaxInt64 / 10, 999999999999999999}).Draw(t, label)
	default:
		c = rapid.Int64().Draw(t, label)
	}
	d := decimal.New(c, int32(rapid.IntRange(-18, 12).Draw(t, label+"-exp")))
	if rapid.IntRange(0, 4).Draw(t, label+"-huge") == 0 {
		d = d.Mul(decimal.New(1, 0).Shift(19)) // beyond int64
	}
	return d
}

// TestNumMatchesDecimal is a differential test: every num operation gives
// exactly what shopspring/decimal gives, on both the int64 path and the
// fallback.
func TestNumMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genNum(t, "a"), genNum(t, "b")
		na, nb := numOf(a), numOf(b)
		check := func(op string, got num, want decimal.Decimal) {
			if !got.dec().Equal(want) {
				t.Fatalf("%s(%s, %s) = %s, want %s", op, a, b, got.dec(), want)
			}
		}
		check("mul", na.mul(nb), a.Mul(b))
		check("add", na.add(nb), a.Add(b))
		check("sub", na.sub(nb), a.Sub(b))
		if got, want := na.cmp(nb), a.Cmp(b); got != want {
			t.Fatalf("cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
		if got, want := na.sign(), a.Sign(); got != want {
			t.Fatalf("sign(%s) = %d, want %d", a, got, want)
		}
		places := int32(rapid.IntRange(-2, 8).Draw(t, "places"))
		mode := partnerops.RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		check("round "+mode.String(), na.round(places, mode), fence.Round(a, places, mode))
	})
}
