package fence

import (
	"testing"
	"unsafe"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
)

// TestLayout pins what Dec and Wrap rely on: partnerops.Decimal holds
// exactly one decimal.Decimal.
func TestLayout(t *testing.T) {
	if a, b := unsafe.Sizeof(partnerops.Decimal{}), unsafe.Sizeof(decimal.Decimal{}); a != b {
		t.Fatalf("Sizeof(partnerops.Decimal) = %d, Sizeof(decimal.Decimal) = %d", a, b)
	}
	if a, b := unsafe.Alignof(partnerops.Decimal{}), unsafe.Alignof(decimal.Decimal{}); a != b {
		t.Fatalf("Alignof differ: %d, %d", a, b)
	}
	for _, s := range []string{"0", "1.50", "-123456789012345678901234.123456", "1e3"} {
		d := partnerops.MustDecimal(s)
		v := Dec(d)
		if got := Wrap(v); !got.Equal(d) || got.String() != d.String() {
			t.Errorf("Wrap(Dec(%s)) = %s", s, got)
		}
		if want := decimal.RequireFromString(s); !v.Equal(want) {
			t.Errorf("Dec(%s) = %s, want %s", s, v, want)
		}
	}
}

func TestHelpers(t *testing.T) {
	v, err := Parse("12.345")
	if err != nil {
		t.Fatal(err)
	}
	if got := Format(Round(v, 2, partnerops.RoundHalfEven)); got != "12.34" {
		t.Errorf("Round = %s, want 12.34", got)
	}
	q, err := Quo(decimal.NewFromInt(1), decimal.NewFromInt(3), 4, partnerops.RoundHalfUp)
	if err != nil || Format(q) != "0.3333" {
		t.Errorf("Quo = %s, %v", Format(q), err)
	}
	if got := Format(Frac(partnerops.MustPercent("12.5"))); got != "0.125" {
		t.Errorf("Frac = %s", got)
	}
	if err := Check(decimal.New(1, -100)); err == nil {
		t.Error("Check(1e-100) = nil, want an error")
	}
}

func TestSlab(t *testing.T) {
	var s Slab
	s.Reserve(4)
	for _, c := range []int64{0, 1, -1, 123456789, -9223372036854775808, 9223372036854775807} {
		for _, e := range []int32{0, -2, -6, 3} {
			got, want := s.Dec(c, e), partnerops.NewDecimal(c, e)
			if !got.Equal(want) || got.String() != want.String() {
				t.Errorf("Dec(%d, %d) = %s, want %s", c, e, got, want)
			}
			// Arithmetic on slab values leaves them unchanged.
			_ = got.Add(partnerops.MustDecimal("1.5")).Mul(got).Sub(got).Round(2, partnerops.RoundHalfEven).Neg().Abs()
			if !got.Equal(want) || got.String() != want.String() {
				t.Errorf("Dec(%d, %d) changed by arithmetic: %s", c, e, got)
			}
		}
	}
}
