package partnerops

import (
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/shopspring/decimal"
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
	if got := Currency("XYZ").MinorUnits(); got != 2 {
		t.Errorf("unknown code: %d, want 2", got)
	}
}
