package payout

import (
	"testing"

	"github.com/partnerops/partnerops"
)

// TestSlabValues checks the slab's values against the root's checked
// constructors.
func TestSlabValues(t *testing.T) {
	for _, s := range []*slab{newSlab(), {}} {
		for _, c := range []int64{0, 1, -1, 123456789, -9223372036854775807, 9223372036854775807} {
			for _, e := range []int32{0, -2, -6, 3} {
				got, want := s.dec(c, e), partnerops.NewDecimal(c, e)
				if !got.Equal(want) || got.String() != want.String() {
					t.Errorf("dec(%d, %d) = %s, want %s", c, e, got, want)
				}
			}
		}
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
