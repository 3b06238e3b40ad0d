package strategy

import (
	"math/big"
	"math/bits"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
)

// segU128 is an unsigned 128-bit accumulator for sums of non-negative
// scaled amounts: exact for any realistic number of addends (2^64).
type segU128 struct{ hi, lo uint64 }

func (a *segU128) add(v uint64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, v, 0)
	a.hi += c
}

func (a segU128) big() *big.Int {
	x := new(big.Int).SetUint64(a.hi)
	x.Lsh(x, 64)
	return x.Or(x, new(big.Int).SetUint64(a.lo))
}

func (a segU128) less(b segU128) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

// segU128FromBig converts a non-negative x below 2^128.
func segU128FromBig(x *big.Int) segU128 {
	lo := new(big.Int).And(x, new(big.Int).SetUint64(^uint64(0)))
	hi := new(big.Int).Rsh(x, 64)
	return segU128{hi: hi.Uint64(), lo: lo.Uint64()}
}

// segSum is an exact signed sum of int64 values: positive and negative
// parts accumulated separately in 128 bits.
type segSum struct{ pos, neg segU128 }

func (s *segSum) add(v int64) {
	if v >= 0 {
		s.pos.add(uint64(v))
	} else {
		s.neg.add(uint64(-(v + 1)) + 1)
	}
}

func (s segSum) big() *big.Int { return new(big.Int).Sub(s.pos.big(), s.neg.big()) }

// segSquares accumulates squares of non-negative int64 values in 192 bits
// (each square is below 2^126).
type segSquares struct{ top, hi, lo uint64 }

func (s *segSquares) add(v uint64) {
	h, l := bits.Mul64(v, v)
	var c uint64
	s.lo, c = bits.Add64(s.lo, l, 0)
	s.hi, c = bits.Add64(s.hi, h, c)
	s.top += c
}

func (s segSquares) big() *big.Int {
	x := new(big.Int).SetUint64(s.top)
	x.Lsh(x, 64)
	x.Or(x, new(big.Int).SetUint64(s.hi))
	x.Lsh(x, 64)
	return x.Or(x, new(big.Int).SetUint64(s.lo))
}

// segRatio returns num/den × 10^shift rounded half to even to places
// fraction digits, as a decimal; zero when den is zero.
func segRatio(num, den *big.Int, shift, places int32) partnerops.Decimal {
	if den.Sign() == 0 {
		return partnerops.NewDecimal(0, -places)
	}
	n := new(big.Int).Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(shift+places)), nil))
	d := new(big.Int).Set(den)
	if d.Sign() < 0 {
		n.Neg(n)
		d.Neg(d)
	}
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	// Half to even on |r|.
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	switch c := r2.Cmp(d); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return fence.Wrap(decimal.NewFromBigInt(q, -places))
}

// segPercent returns num/den as a percent with 2 fraction digits, rounded
// half to even (0% when den is zero).
func segPercent(num, den *big.Int) partnerops.Percent {
	return partnerops.NewPercent(segRatio(num, den, 2, 2))
}

// segMoney turns a scaled sum back into money; sums of 10^30 or more fail
// with an error wrapping partnerops.ErrRange.
func segMoney(v *big.Int, scale int32, c partnerops.Currency) (partnerops.Money, error) {
	return fence.Money(decimal.NewFromBigInt(v, -scale), c)
}
