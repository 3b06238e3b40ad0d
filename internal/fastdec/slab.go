package fastdec

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Slab hands out decimal values from shared backing arrays, so that a
// result holding n values costs a few allocations instead of two per
// value (a big.Int and its coefficient's words). The values are as
// immutable as any other (see the package comment); they keep the whole
// slab alive while any of them is reachable. The zero Slab is ready to
// use; a Slab is not safe for concurrent use.
type Slab struct {
	ints  []big.Int
	words []big.Word
}

// Reserve makes room for n more values in one allocation of each array,
// unless the slab has room for n already.
func (s *Slab) Reserve(n int) {
	if len(s.ints) >= n {
		return
	}
	s.ints = make([]big.Int, n)
	s.words = make([]big.Word, n*words)
}

// New returns c × 10^exp, as decimal.New(c, exp) does.
func (s *Slab) New(c int64, exp int32) decimal.Decimal {
	if !LayoutOK {
		return decimal.New(c, exp)
	}
	if len(s.ints) == 0 {
		s.Reserve(16)
	}
	z := &s.ints[0]
	w := (*[words]big.Word)(s.words[:words:words])
	s.ints, s.words = s.ints[1:], s.words[words:]
	u := uint64(c)
	if c < 0 {
		u = -u
	}
	z.SetBits(setWords(w, u))
	if c < 0 {
		z.Neg(z)
	}
	return Make(z, exp)
}
