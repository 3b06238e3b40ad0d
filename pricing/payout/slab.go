package payout

import (
	"math/big"
	"math/bits"
	"unsafe"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// slab hands out the Decimal and Money values of a result from shared
// backing arrays, so that a statement of n lines costs a few allocations
// instead of two per value (a big.Int and its one-word coefficient).
//
// A decimal.Decimal is {value *big.Int; exp int32}, and its operations
// never modify value in place (every result gets a new big.Int), so
// values built here are as immutable as any other. The layout is pinned
// by TestSlabLayout; if the decimal package changes it, the test fails
// and dec falls back to partnerops.NewDecimal.
//
// This belongs in internal/fence (fence.Slab), next to the other layout
// assumption of the module; it lives here until the root takes it.
type slab struct {
	ints  []big.Int
	words []big.Word
}

// decLayout mirrors decimal.Decimal.
type decLayout struct {
	value *big.Int
	exp   int32
}

// slabOK reports whether decLayout matches decimal.Decimal.
var slabOK = unsafe.Sizeof(decLayout{}) == unsafe.Sizeof(decimal.Decimal{}) &&
	unsafe.Alignof(decLayout{}) == unsafe.Alignof(decimal.Decimal{})

const wordsPerInt64 = 64 / bits.UintSize

func newSlab() *slab { return &slab{} }

// reserve makes room for n more values in one allocation.
func (s *slab) reserve(n int) {
	if s == nil || len(s.ints) >= n {
		return
	}
	s.ints = make([]big.Int, n)
	s.words = make([]big.Word, n*wordsPerInt64)
}

// dec returns c × 10^exp.
func (s *slab) dec(c int64, exp int32) partnerops.Decimal {
	if !slabOK || s == nil {
		return partnerops.NewDecimal(c, exp)
	}
	if len(s.ints) == 0 {
		s.reserve(16)
	}
	z := &s.ints[0]
	w := s.words[:wordsPerInt64:wordsPerInt64]
	s.ints, s.words = s.ints[1:], s.words[wordsPerInt64:]
	u := absU(c)
	w[0] = big.Word(u)
	if wordsPerInt64 == 2 {
		w[wordsPerInt64-1] = big.Word(u >> 32)
	}
	z.SetBits(w)
	if c < 0 {
		z.Neg(z)
	}
	l := decLayout{value: z, exp: exp}
	return fence.Wrap(*(*decimal.Decimal)(unsafe.Pointer(&l)))
}

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

// moneyLayout mirrors partnerops.Money.
type moneyLayout struct {
	amount   decimal.Decimal
	currency partnerops.Currency
}

var moneyOK = unsafe.Sizeof(moneyLayout{}) == unsafe.Sizeof(partnerops.Money{}) &&
	unsafe.Alignof(moneyLayout{}) == unsafe.Alignof(partnerops.Money{})

// money returns an amount at scale 6 as Money in cur with at least the
// currency's minor units. The currency was validated when the definition
// compiled and amounts at scale 6 below maxFixed are in range, so the
// value is built without NewMoney's checks (a map lookup per amount).
func (s *slab) money(c int64, cur partnerops.Currency, places int32) partnerops.Money {
	d := s.fixed(c, amountScale, places)
	if !moneyOK || s == nil || !slabOK {
		m, err := partnerops.NewMoney(d, cur)
		if err != nil {
			panic("payout: internal error: " + err.Error())
		}
		return m
	}
	l := moneyLayout{amount: fence.Dec(d), currency: cur}
	return *(*partnerops.Money)(unsafe.Pointer(&l))
}
