package fastdec

import (
	"math"
	"math/big"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestLayout pins what parts and Make rely on: decimal.Decimal is a
// *big.Int coefficient followed by an int32 exponent.
func TestLayout(t *testing.T) {
	if !LayoutOK {
		t.Fatal("layout does not match decimal.Decimal: every operation takes the slow path")
	}
	if layoutMatches(reflect.TypeFor[struct {
		exp   int32
		value *big.Int
	}]()) {
		t.Error("layoutMatches accepts fields in another order")
	}
	for _, s := range []string{"0", "1.50", "-123456789012345678901234.123456", "1e3", "-0.000001"} {
		d := decimal.RequireFromString(s)
		v, e := parts(&d)
		got := Make(v, e)
		if got.String() != d.String() || got.Exponent() != d.Exponent() {
			t.Errorf("Make(parts(%s)) = %s", s, got)
		}
	}
	var zero decimal.Decimal
	if v, e := parts(&zero); v != nil || e != 0 {
		t.Errorf("parts(zero) = %v, %d", v, e)
	}
}

// same reports, as a diff, whether got and want hold the same coefficient
// and exponent (and so the same String and JSON).
func same(got, want decimal.Decimal) string {
	type rep struct {
		Coef string
		Exp  int32
	}
	return cmp.Diff(rep{want.Coefficient().String(), want.Exponent()}, rep{got.Coefficient().String(), got.Exponent()})
}

// far bounds the exponent distances a comparison takes: the decimal
// package builds 10^distance, which for extreme values takes minutes.
const far = 200

func dist(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// errorer is what checkOps needs of *testing.T and *rapid.T.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

// checkOps compares every fast operation with the decimal package.
func checkOps(t errorer, a, b decimal.Decimal, places int32, mode uint8) {
	t.Helper()
	as, bs := a.Coefficient().String(), b.Coefficient().String()
	if dist(int64(a.Exponent()), int64(b.Exponent())) <= far {
		if d := same(Add(a, b), a.Add(b)); d != "" {
			t.Errorf("Add(%se%d, %se%d) (-want +got):\n%s", as, a.Exponent(), bs, b.Exponent(), d)
		}
		if d := same(Sub(a, b), a.Sub(b)); d != "" {
			t.Errorf("Sub(%se%d, %se%d) (-want +got):\n%s", as, a.Exponent(), bs, b.Exponent(), d)
		}
	}
	if e := int64(a.Exponent()) + int64(b.Exponent()); e >= math.MinInt32 && e <= math.MaxInt32 {
		if d := same(Mul(a, b), a.Mul(b)); d != "" {
			t.Errorf("Mul(%se%d, %se%d) (-want +got):\n%s", as, a.Exponent(), bs, b.Exponent(), d)
		}
	}
	if dist(-int64(places), int64(a.Exponent())) <= far && places > math.MinInt32+1 {
		if d := same(Round(a, places, mode), slowRound(a, places, mode)); d != "" {
			t.Errorf("Round(%se%d, %d, mode %d) (-want +got):\n%s", as, a.Exponent(), places, mode, d)
		}
	}
	if d := same(Neg(a), a.Neg()); d != "" {
		t.Errorf("Neg(%se%d) (-want +got):\n%s", as, a.Exponent(), d)
	}
	if d := same(Abs(a), a.Abs()); d != "" {
		t.Errorf("Abs(%se%d) (-want +got):\n%s", as, a.Exponent(), d)
	}
	// The operands are unchanged.
	if a.Coefficient().String() != as || b.Coefficient().String() != bs {
		t.Errorf("operands changed: %s, %s, were %s, %s", a.Coefficient(), b.Coefficient(), as, bs)
	}
}

// genDec draws coefficients of every size (zero, small, near the int64
// and uint64 limits, a hundred digits) and exponents near zero or near
// the int32 limits.
func genDec(t *rapid.T, label string) decimal.Decimal {
	var c *big.Int
	switch rapid.IntRange(0, 5).Draw(t, label+"kind") {
	case 0:
		c = big.NewInt(rapid.Int64Range(-1000, 1000).Draw(t, label+"small"))
	case 1:
		c = big.NewInt(rapid.Int64().Draw(t, label+"int64"))
	case 2:
		c = new(big.Int).SetUint64(rapid.Uint64().Draw(t, label+"uint64"))
		if rapid.Bool().Draw(t, label+"neg") {
			c.Neg(c)
		}
	case 3:
		c = new(big.Int).SetUint64(math.MaxUint64 - rapid.Uint64Range(0, 3).Draw(t, label+"edge"))
		if rapid.Bool().Draw(t, label+"neg") {
			c.Neg(c)
		}
	case 4:
		c = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rapid.IntRange(15, 100).Draw(t, label+"digits"))), nil)
		c.Add(c, big.NewInt(rapid.Int64().Draw(t, label+"plus")))
	default:
		c = big.NewInt(rapid.Int64Range(-1e12, 1e12).Draw(t, label+"cents"))
	}
	e := int32(rapid.IntRange(-25, 25).Draw(t, label+"exp"))
	switch rapid.IntRange(0, 9).Draw(t, label+"extreme") {
	case 0:
		e = math.MinInt32 + int32(rapid.IntRange(0, 40).Draw(t, label+"low"))
	case 1:
		e = math.MaxInt32 - int32(rapid.IntRange(0, 40).Draw(t, label+"high"))
	}
	if c.Sign() == 0 && rapid.Bool().Draw(t, label+"nil") {
		return decimal.Decimal{}.Shift(e) // a nil coefficient
	}
	return decimal.NewFromBigInt(c, e)
}

func TestOpsMatchDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDec(t, "a")
		b := genDec(t, "b")
		if rapid.Bool().Draw(t, "sameExp") {
			b = decimal.NewFromBigInt(b.Coefficient(), a.Exponent())
		}
		places := int32(rapid.IntRange(-25, 25).Draw(t, "places"))
		if rapid.Bool().Draw(t, "nearExp") && a.Exponent() > math.MinInt32+30 {
			places = -a.Exponent() + int32(rapid.IntRange(-25, 25).Draw(t, "delta"))
		}
		mode := uint8(rapid.IntRange(0, 7).Draw(t, "mode"))
		checkOps(t, a, b, places, mode)
	})
}

func TestOpsTable(t *testing.T) {
	var zero decimal.Decimal
	tests := []struct {
		a, b   string
		places int32
	}{
		{"1234.5678", "99.99", 2},
		{"-2.5", "2.5", 0},
		{"0.125", "-0.135", 2},
		{"9223372036854775807", "1", -1},
		{"-9223372036854775808", "-1", 3},
		{"18446744073709551615", "1", 0},
		{"18446744073709551615", "-18446744073709551615", -19},
		{"5", "0.00", 2},
		{"0.0000000000000000000001", "1e20", 0},
	}
	for _, tt := range tests {
		a, b := decimal.RequireFromString(tt.a), decimal.RequireFromString(tt.b)
		for mode := range uint8(7) {
			checkOps(t, a, b, tt.places, mode)
			checkOps(t, b, a, tt.places, mode)
			checkOps(t, a, zero, tt.places, mode)
			checkOps(t, zero, b, -tt.places, mode)
		}
	}
	// Exponent extremes: a zero scaled across the whole range, places at
	// the limits.
	checkOps(t, decimal.New(0, math.MinInt32), decimal.New(0, math.MaxInt32), math.MaxInt32, HalfEven)
	checkOps(t, decimal.New(7, math.MinInt32), decimal.New(-3, math.MinInt32+1), math.MaxInt32, HalfUp)
	checkOps(t, decimal.New(7, math.MaxInt32), decimal.New(-3, math.MaxInt32-2), math.MinInt32+2, Up)
}

func TestSlab(t *testing.T) {
	var s Slab
	for _, c := range []int64{0, 1, -1, 123456789, math.MinInt64, math.MaxInt64} {
		for _, e := range []int32{0, -2, -6, 3} {
			got := s.New(c, e)
			want := decimal.New(c, e)
			if d := same(got, want); d != "" {
				t.Errorf("New(%d, %d) (-want +got):\n%s", c, e, d)
			}
			// Arithmetic on slab values leaves them unchanged.
			_ = Round(Mul(Add(got, decimal.New(15, -1)), got), 2, HalfEven)
			_ = got.Add(decimal.New(15, -1)).Mul(got).RoundBank(2).Neg().Abs()
			if d := same(got, want); d != "" {
				t.Errorf("New(%d, %d) changed by arithmetic (-want +got):\n%s", c, e, d)
			}
		}
	}
}

func TestAllocations(t *testing.T) {
	a, b, f := decimal.RequireFromString("1234.5678"), decimal.RequireFromString("99.99"), decimal.RequireFromString("0.875")
	if n := testing.AllocsPerRun(100, func() { _ = Round(Mul(Add(a, b), f), 2, HalfEven) }); n != 3 {
		t.Errorf("add, multiply and round cost %v allocations, want 3", n)
	}
	n := testing.AllocsPerRun(100, func() {
		var s Slab
		s.Reserve(64)
		for i := range 64 {
			_ = s.New(int64(i)*10_000, -6)
		}
	})
	if n > 2 {
		t.Errorf("64 slab values cost %v allocations, want at most 2", n)
	}
}

// FuzzOps compares every fast operation with the decimal package on
// coefficients built from two words (hi × 2^64 + lo, so that some exceed
// 64 bits) and any exponents.
func FuzzOps(f *testing.F) {
	f.Add(int64(12345678), uint64(0), int32(-4), int64(9999), int32(-2), int32(2), uint8(HalfEven))
	f.Add(int64(-25), uint64(0), int32(-1), int64(25), int32(-1), int32(0), uint8(HalfUp))
	f.Add(int64(1), uint64(5), int32(math.MinInt32), int64(-7), int32(math.MinInt32+3), int32(math.MaxInt32), uint8(Floor))
	f.Fuzz(func(t *testing.T, lo int64, hi uint64, ea int32, cb int64, eb int32, places int32, mode uint8) {
		ca := new(big.Int).SetUint64(hi)
		ca.Lsh(ca, 64).Add(ca, big.NewInt(lo))
		checkOps(t, decimal.NewFromBigInt(ca, ea), decimal.New(cb, eb), places, mode)
	})
}
