package payout

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
)

// TestSlabLayout pins what slab.dec relies on: decimal.Decimal is a
// *big.Int coefficient followed by an int32 exponent.
func TestSlabLayout(t *testing.T) {
	if !slabOK {
		t.Fatal("decLayout does not match decimal.Decimal")
	}
	rt := reflect.TypeFor[decimal.Decimal]()
	if rt.NumField() != 2 || rt.Field(0).Type != reflect.TypeFor[*decLayout]().Elem().Field(0).Type ||
		rt.Field(1).Type != reflect.TypeFor[int32]() || rt.Field(0).Offset != 0 || rt.Field(1).Offset != reflect.TypeFor[decLayout]().Field(1).Offset {
		t.Fatalf("decimal.Decimal layout changed: %v", rt)
	}
	s := newSlab()
	for _, c := range []int64{0, 1, -1, 123456789, -9223372036854775807, 9223372036854775807} {
		for _, e := range []int32{0, -2, -6, 3} {
			got := s.dec(c, e)
			want := partnerops.NewDecimal(c, e)
			if !got.Equal(want) || got.String() != want.String() {
				t.Errorf("dec(%d, %d) = %s, want %s", c, e, got, want)
			}
			// Arithmetic on slab values leaves them unchanged.
			sum := got.Add(partnerops.MustDecimal("1.5")).Mul(got).Round(2, partnerops.RoundHalfEven)
			_ = sum
			if !got.Equal(want) {
				t.Errorf("dec(%d, %d) changed by arithmetic: %s", c, e, got)
			}
		}
	}
}

// TestSlabMoney pins the layout slab.money relies on: partnerops.Money is
// a decimal.Decimal amount followed by the currency.
func TestSlabMoney(t *testing.T) {
	if !moneyOK {
		t.Fatal("moneyLayout does not match partnerops.Money")
	}
	rt := reflect.TypeFor[partnerops.Money]()
	if rt.NumField() != 2 || rt.Field(0).Type != reflect.TypeFor[decimal.Decimal]() || rt.Field(1).Type != reflect.TypeFor[partnerops.Currency]() ||
		rt.Field(1).Offset != reflect.TypeFor[moneyLayout]().Field(1).Offset {
		t.Fatalf("partnerops.Money layout changed: %v", rt)
	}
	s := newSlab()
	for _, c := range []int64{0, 1_230_000, -5_000_000, 1} {
		for _, cur := range []partnerops.Currency{partnerops.USD, partnerops.JPY, "KWD"} {
			got := s.money(c, cur, cur.MinorUnits())
			want, err := partnerops.NewMoney(amountDec(c, cur.MinorUnits()), cur)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(want) || got.String() != want.String() || got.Currency() != cur {
				t.Errorf("money(%d, %s) = %s, want %s", c, cur, got, want)
			}
		}
	}
}

func TestSlabAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		s := newSlab()
		s.reserve(64)
		for i := range 64 {
			_ = s.money(int64(i)*10_000, partnerops.USD, 2)
		}
	})
	if allocs > 3 {
		t.Errorf("64 amounts cost %.0f allocations, want at most 3", allocs)
	}
}
