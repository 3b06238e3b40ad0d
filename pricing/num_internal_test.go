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

// divRound's int64 path rounds as decimal.DivRound does (half away from
// zero), for every sign and scale.
func TestDivRoundMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := numInt(rapid.Int64Range(-1e15, 1e15).Draw(t, "a"), int32(rapid.IntRange(-8, 4).Draw(t, "ea")))
		bc := rapid.Int64Range(-1e12, 1e12).Draw(t, "b")
		if bc == 0 {
			bc = 7
		}
		b := numInt(bc, int32(rapid.IntRange(-8, 4).Draw(t, "eb")))
		places := int32(rapid.IntRange(0, 12).Draw(t, "places"))
		got := a.divRound(b, places)
		want := a.dec().DivRound(b.dec(), places)
		if !got.dec().Equal(want) {
			t.Fatalf("%s / %s at %d = %s, want %s", a.dec(), b.dec(), places, got.dec(), want)
		}
	})
}

// quoRound's int64 path rounds once, as fence.Quo does, in every mode.
func TestQuoRoundMatchesQuo(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := numInt(rapid.Int64Range(-1e15, 1e15).Draw(t, "a"), int32(rapid.IntRange(-8, 4).Draw(t, "ea")))
		bc := rapid.Int64Range(-1e12, 1e12).Draw(t, "b")
		if bc == 0 {
			bc = 3
		}
		b := numInt(bc, int32(rapid.IntRange(-8, 4).Draw(t, "eb")))
		places := int32(rapid.IntRange(0, 12).Draw(t, "places"))
		mode := partnerops.RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		got := a.quoRound(b, places, mode)
		want, err := fence.Quo(a.dec(), b.dec(), places, mode)
		if err != nil {
			t.Fatal(err)
		}
		if !got.dec().Equal(want) {
			t.Fatalf("%s / %s at %d %s = %s, want %s", a.dec(), b.dec(), places, mode, got.dec(), want)
		}
	})
}

// A rule's compiled formula prices as a book's formula does (before the
// final rounding), for every part of it.
func TestCompiledFormulaMatchesFormula(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pct := func(label string, lo, hi int) partnerops.Percent {
			return partnerops.NewPercent(partnerops.NewDecimal(int64(rapid.IntRange(lo, hi).Draw(t, label)), -2))
		}
		money := func(label string, lo, hi int) partnerops.Money {
			m, _ := partnerops.MoneyFromMinor(int64(rapid.IntRange(lo, hi).Draw(t, label)), partnerops.USD)
			return m
		}
		f := &Formula{AllowNegative: true}
		if rapid.Bool().Draw(t, "markup") {
			f.Markup = pct("m", -5000, 20000)
		}
		if rapid.Bool().Draw(t, "discount") {
			f.Discount = pct("d", -5000, 10000)
		}
		if rapid.Bool().Draw(t, "inc") {
			f.Increment = partnerops.NewDecimal(int64(rapid.IntRange(1, 500).Draw(t, "i")), -2)
			f.IncrementMode = partnerops.RoundingMode(rapid.IntRange(0, 5).Draw(t, "imode"))
		}
		if rapid.Bool().Draw(t, "sur") {
			f.Surcharge = money("s", -1000, 1000)
		}
		if rapid.Bool().Draw(t, "minm") {
			m := pct("minm", 0, 5000)
			f.MinMargin = &m
		}
		if rapid.Bool().Draw(t, "maxm") {
			m := pct("maxm", 5000, 9999)
			f.MaxMargin = &m
		}
		if rapid.Bool().Draw(t, "mina") {
			f.MinMarginAmount = ptrTo(money("mina", -5000, 0))
		}
		if rapid.Bool().Draw(t, "maxa") {
			f.MaxMarginAmount = ptrTo(money("maxa", 0, 5000))
		}
		basis := decimal.New(int64(rapid.IntRange(0, 1_000_000).Draw(t, "basis")), -2)
		cost := decimal.New(int64(rapid.IntRange(0, 1_000_000).Draw(t, "cost")), -2)
		scale := decimal.New(int64(rapid.IntRange(1, 24).Draw(t, "scale")), 0)
		want := formulaPrice(f, basis, cost, true, 2, scale)
		got := compileFormula(f).price(numOf(basis), numOf(cost), true, 2, numOf(scale), true)
		if !got.dec().Equal(want) {
			t.Fatalf("compiled %s, formula %s (%+v, basis %s, cost %s, scale %s)", got.dec(), want, f, basis, cost, scale)
		}
	})
}

func ptrTo[T any](v T) *T { return &v }
