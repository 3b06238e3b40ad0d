package fixed

import (
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// scaledRef is Scaled and ScaledBelow in big integers: d × 10^places when
// that is an integer, d has at most digits significant digits, and the
// magnitude is below limit.
func scaledRef(d decimal.Decimal, places int32, digits int, limit uint64) (int64, bool) {
	c := d.Coefficient()
	if c.Sign() == 0 {
		return 0, true
	}
	if len(new(big.Int).Abs(c).String()) > digits {
		return 0, false
	}
	shift := int64(d.Exponent()) + int64(places)
	if shift < -40 || shift > 40 {
		return 0, false
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(max(shift, -shift)), nil)
	if shift >= 0 {
		c.Mul(c, p)
	} else {
		r := new(big.Int)
		if c.QuoRem(c, p, r); r.Sign() != 0 {
			return 0, false
		}
	}
	if new(big.Int).Abs(c).Cmp(new(big.Int).SetUint64(limit)) >= 0 {
		return 0, false
	}
	return c.Int64(), true
}

type scaledCase struct {
	In     string
	Places int32
	Limit  uint64
	Want   int64
	OK     bool
}

// The edges of ScaledBelow at the limits its callers use: fit's 9×10^14
// at 4 places (9×10^18 scaled), the whole int64 range, and Scaled's 2^62.
func TestScaledBelow(t *testing.T) {
	const fit = 9e18
	tests := []scaledCase{
		{"899999999999999.9999", 4, fit, 8_999_999_999_999_999_999, true}, // just below, 19 digits
		{"-899999999999999.9999", 4, fit, -8_999_999_999_999_999_999, true},
		{"900000000000000", 4, fit, 0, false}, // at
		{"-900000000000000", 4, fit, 0, false},
		{"900000000000000.0001", 4, fit, 0, false}, // just above
		{"-900000000000000.0001", 4, fit, 0, false},
		{"461168601842738", 4, fit, 4_611_686_018_427_380_000, true}, // beyond 2^62 scaled
		{"500000000000000", 4, fit, 5_000_000_000_000_000_000, true},
		{"1e14", 4, fit, 1e18, true},
		{"1.00001", 4, fit, 0, false}, // a fifth fraction digit
		{"1.00000", 4, fit, 10_000, true},
		{"0", 4, fit, 0, true},
		{"9223372036854775807", 0, math.MaxInt64, 0, false}, // the limit is exclusive
		{"9223372036854775806", 0, math.MaxInt64, math.MaxInt64 - 1, true},
		{"-9223372036854775806", 0, math.MaxInt64, -(math.MaxInt64 - 1), true},
		{"-9223372036854775808", 0, math.MaxUint64, 0, false}, // limits above 2^63 - 1 are capped
		{"9223372036854775808", 0, math.MaxUint64, 0, false},  // 19 digits beyond int64
		{"9999999999999999999", -1, math.MaxUint64, 0, false},
		{"12345678901234567890", -1, math.MaxUint64, 0, false}, // 20 digits, even when divisible
		{"922337203685477580.7", 1, math.MaxInt64, 0, false},
		{"92233720368547758", 2, math.MaxInt64, 9_223_372_036_854_775_800, true},
		{"92233720368547759", 2, math.MaxInt64, 0, false}, // the last multiplication overflows the limit
	}
	for _, tt := range tests {
		got := tt
		got.Want, got.OK = ScaledBelow(decimal.RequireFromString(tt.In), tt.Places, tt.Limit)
		if diff := cmp.Diff(tt, got); diff != "" {
			t.Errorf("ScaledBelow(%s, %d, %d) (-want +got):\n%s", tt.In, tt.Places, tt.Limit, diff)
		}
	}
}

// Scaled keeps its contract: 18 significant digits, magnitudes below
// 2^62.
func TestScaled(t *testing.T) {
	tests := []scaledCase{
		{"461168601842738", 4, 0, 4_611_686_018_427_380_000, true},
		{"461168601842738.7904", 4, 0, 0, false},                      // 2^62, 19 digits
		{"461168601842738790", 1, 0, 4_611_686_018_427_387_900, true}, // just below 2^62
		{"461168601842738791", 1, 0, 0, false},                        // just above
		{"-461168601842738790", 1, 0, -4_611_686_018_427_387_900, true},
		{"-461168601842738791", 1, 0, 0, false},
		{"1000000000000000000", 0, 0, 0, false}, // 19 digits
		{"461168601842738", 5, 0, 0, false},
	}
	for _, tt := range tests {
		got := tt
		got.Want, got.OK = Scaled(decimal.RequireFromString(tt.In), tt.Places)
		if diff := cmp.Diff(tt, got); diff != "" {
			t.Errorf("Scaled(%s, %d) (-want +got):\n%s", tt.In, tt.Places, diff)
		}
	}
	for _, d := range []decimal.Decimal{decimal.New(1, -3000000), decimal.New(0, -3000000), decimal.New(1, 3000000)} {
		got, ok := Scaled(d, 4)
		if want := d.IsZero(); got != 0 || ok != want {
			t.Errorf("Scaled(%de%d, 4) = %d, %v; want 0, %v", d.CoefficientInt64(), d.Exponent(), got, ok, want)
		}
	}
}

// Scaled and ScaledBelow agree with the big-integer reference on
// coefficients of every size up to 20 digits, near the limits and
// anywhere, at any exponent.
func TestPropScaled(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var c *big.Int
		switch rapid.IntRange(0, 3).Draw(t, "size") {
		case 0:
			c = big.NewInt(rapid.Int64Range(-1e6, 1e6).Draw(t, "small"))
		case 1:
			c = big.NewInt(rapid.Int64().Draw(t, "int64"))
		case 2: // near a limit, scaled down
			lim := rapid.SampledFrom([]int64{9e18, 1 << 62, math.MaxInt64}).Draw(t, "near")
			c = big.NewInt(lim - rapid.Int64Range(-3, 3).Filter(func(v int64) bool { return v >= 0 || lim < math.MaxInt64 }).Draw(t, "off"))
		default: // up to 20 digits
			c = new(big.Int).SetUint64(rapid.Uint64().Draw(t, "uint64"))
			if rapid.Bool().Draw(t, "neg") {
				c.Neg(c)
			}
		}
		if rapid.Bool().Draw(t, "trailing zeros") {
			c.Mul(c, big.NewInt(10_000))
		}
		d := decimal.NewFromBigInt(c, int32(rapid.IntRange(-25, 25).Draw(t, "exp")))
		places := int32(rapid.IntRange(-4, 8).Draw(t, "places"))
		limit := rapid.SampledFrom([]uint64{9e18, 1 << 62, math.MaxInt64, math.MaxUint64, 1, 10, 1e6}).Draw(t, "limit")
		got, ok := ScaledBelow(d, places, limit)
		want, wok := scaledRef(d, places, 19, min(limit, math.MaxInt64))
		if got != want || ok != wok {
			t.Fatalf("ScaledBelow(%s, %d, %d) = %d, %v; want %d, %v", d, places, limit, got, ok, want, wok)
		}
		got, ok = Scaled(d, places)
		want, wok = scaledRef(d, places, 18, 1<<62)
		if got != want || ok != wok {
			t.Fatalf("Scaled(%s, %d) = %d, %v; want %d, %v", d, places, got, ok, want, wok)
		}
	})
}

// Ordinary values, the limit's included, do not allocate.
func TestScaledAllocs(t *testing.T) {
	ds := []decimal.Decimal{decimal.RequireFromString("250"), decimal.RequireFromString("-89999999999999.9999"), decimal.RequireFromString("1.5")}
	if n := testing.AllocsPerRun(100, func() {
		for _, d := range ds {
			ScaledBelow(d, 4, 9e18)
			Scaled(d, 4)
		}
	}); n != 0 {
		t.Errorf("allocs = %v, want 0", n)
	}
}
