package partnerops

import (
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/internal/fastdec"
)

func TestCheckDec(t *testing.T) {
	ok := []decimal.Decimal{decimal.Zero, decimal.New(0, 30), decimal.New(1, 29), decimal.New(5, -18), decimal.New(50000, -22)}
	for _, d := range ok {
		if err := checkDec(d); err != nil {
			t.Errorf("CheckDecimal(%s) = %v, want nil", d, err)
		}
	}
	huge := new(big.Int).Lsh(big.NewInt(1), 1<<20) // a million-bit coefficient
	bad := []decimal.Decimal{
		decimal.New(1, 30), decimal.New(1, 1000), decimal.New(1, -19), decimal.New(1, -1000),
		decimal.New(1, -999999999), decimal.New(0, -999999999), decimal.New(0, 999999999),
		decimal.New(1, math.MinInt32), decimal.NewFromBigInt(huge, -1<<20), decimal.NewFromBigInt(huge, 0),
	}
	for _, d := range bad {
		start := time.Now()
		if err := checkDec(d); !errors.Is(err, ErrRange) {
			t.Errorf("CheckDecimal(coefficient of %d bits, exponent %d) = %v, want ErrRange", d.Coefficient().BitLen(), d.Exponent(), err)
		}
		if el := time.Since(start); el > 50*time.Millisecond && !testing.Short() { // timing is not asserted under -short (the race run)
			t.Errorf("CheckDecimal(exponent %d) took %v; want fast rejection", d.Exponent(), el)
		}
	}
}

func TestCheckDecAllocatesNothing(t *testing.T) {
	d := decimal.New(123456789, -4)
	if n := testing.AllocsPerRun(100, func() { _ = checkDec(d) }); n != 0 {
		t.Errorf("CheckDecimal allocates %v times, want 0", n)
	}
}

func TestMinorUnitsSwitch(t *testing.T) {
	for c, want := range minorUnits {
		if got := c.MinorUnits(); got != want {
			t.Errorf("%s.MinorUnits() = %d, want %d (table)", c, got, want)
		}
	}
	for _, c := range []Currency{"XYZ", "jpy", "JP", "JPYY", "", "\xffPY"} {
		if got := c.MinorUnits(); got != 2 {
			t.Errorf("unknown code %q: %d, want 2", c, got)
		}
	}
}

// TestRoundingModesMatchFastdec pins the numbering roundDec passes to
// internal/fastdec.
func TestRoundingModesMatchFastdec(t *testing.T) {
	got := []uint8{uint8(RoundHalfUp), uint8(RoundHalfEven), uint8(RoundDown), uint8(RoundUp), uint8(RoundCeiling), uint8(RoundFloor)}
	want := []uint8{fastdec.HalfUp, fastdec.HalfEven, fastdec.Down, fastdec.Up, fastdec.Ceiling, fastdec.Floor}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rounding modes (-fastdec +partnerops):\n%s", diff)
	}
}

// TestMoneyFastPathsMatchDecimal checks Money's arithmetic, which takes
// internal/fastdec's word-sized paths, against the decimal package doing
// the same arithmetic, text for text, in every mode.
func TestMoneyFastPathsMatchDecimal(t *testing.T) {
	modes := map[RoundingMode]func(decimal.Decimal, int32) decimal.Decimal{
		RoundHalfUp: decimal.Decimal.Round, RoundHalfEven: decimal.Decimal.RoundBank, RoundDown: decimal.Decimal.RoundDown,
		RoundUp: decimal.Decimal.RoundUp, RoundCeiling: decimal.Decimal.RoundCeil, RoundFloor: decimal.Decimal.RoundFloor,
	}
	curs := []Currency{USD, JPY, "KWD", "CLF"}
	rapid.Check(t, func(t *rapid.T) {
		coef := func(label string) *big.Int {
			c := big.NewInt(rapid.Int64().Draw(t, label))
			if rapid.Bool().Draw(t, label+"huge") {
				c.Mul(c, c).Mul(c, c) // beyond 64 bits
			}
			return c
		}
		ra := decimal.NewFromBigInt(coef("a"), int32(rapid.IntRange(-20, 5).Draw(t, "ea")))
		rb := decimal.NewFromBigInt(coef("b"), int32(rapid.IntRange(-20, 5).Draw(t, "eb")))
		rf := decimal.NewFromBigInt(coef("f"), int32(rapid.IntRange(-20, 5).Draw(t, "ef")))
		cur := rapid.SampledFrom(curs).Draw(t, "cur")
		mode := RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		a, b, f := Money{amount: ra, currency: cur}, Money{amount: rb, currency: cur}, Decimal{d: rf}
		sum, err := a.Add(b)
		if err != nil {
			t.Fatal(err)
		}
		diff, err := a.Sub(b)
		if err != nil {
			t.Fatal(err)
		}
		n := rapid.Int64().Draw(t, "n")
		got := []string{
			sum.String(), diff.String(), sum.Mul(f).String(), sum.Mul(f).Round(mode).String(), a.RoundTo(-2, mode).String(),
			a.MulInt(n).String(), a.Neg().String(), a.Abs().String(),
		}
		round := modes[mode]
		c := " " + string(cur)
		want := []string{
			formatDec(ra.Add(rb)) + c, formatDec(ra.Sub(rb)) + c, formatDec(ra.Add(rb).Mul(rf)) + c,
			formatDec(round(ra.Add(rb).Mul(rf), cur.MinorUnits())) + c, formatDec(round(ra, -2)) + c,
			formatDec(ra.Mul(decimal.NewFromInt(n))) + c, formatDec(ra.Neg()) + c, formatDec(ra.Abs()) + c,
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("(-decimal +Money):\n%s", d)
		}
	})
}

// TestCurrencyValidMatchesTable: the bitset behind Currency.Valid knows
// exactly the table's codes, of every three-letter string and of others.
func TestCurrencyValidMatchesTable(t *testing.T) {
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				code := Currency([]rune{a, b, c})
				if _, want := minorUnits[code]; code.Valid() != want {
					t.Errorf("%s.Valid() = %v, want %v", code, !want, want)
				}
			}
		}
	}
	for _, code := range []Currency{"", "US", "usd", "Usd", "USDX", "US1", "@@@", "[[[", "\xffSD", "ZZZZ"} {
		if code.Valid() {
			t.Errorf("%q.Valid() = true", code)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = USD.Valid() }); n != 0 {
		t.Errorf("Valid allocates %v times", n)
	}
}
