package payout

import (
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// slab hands out the Decimal and Money values of a result from shared
// backing arrays (fence.Slab), so that a statement of n lines costs a few
// allocations instead of two per value (a big.Int and its one-word
// coefficient). The zero slab is ready to use.
type slab struct {
	s fence.Slab
}

func newSlab() *slab { return &slab{} }

// reserve makes room for n more values in one allocation.
func (s *slab) reserve(n int) { s.s.Reserve(n) }

// dec returns c × 10^exp.
func (s *slab) dec(c int64, exp int32) partnerops.Decimal { return s.s.Dec(c, exp) }

// fixed returns c (at scale) as a Decimal with trailing zeros trimmed
// down to minScale digits.
func (s *slab) fixed(c int64, scale, minScale int32) partnerops.Decimal {
	if scale > minScale {
		// Most values are exact at minScale (rounded amounts): one division.
		if p := int64(pow10u[scale-minScale]); c%p == 0 {
			return s.dec(c/p, -minScale)
		}
	}
	for scale > minScale && c%10 == 0 {
		c /= 10
		scale--
	}
	return s.dec(c, -scale)
}

// money returns an amount at scale 6 as Money in cur with at least the
// currency's minor units. The currency was validated when the definition
// compiled and amounts at scale 6 below maxFixed are in range, so
// NewMoney cannot fail here.
func (s *slab) money(c int64, cur partnerops.Currency, places int32) partnerops.Money {
	m, err := partnerops.NewMoney(s.fixed(c, amountScale, places), cur)
	if err != nil {
		panic("payout: internal error: " + err.Error())
	}
	return m
}
