package pricing

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// num is an exact decimal used on the pricing hot path: c × 10^e held in
// an int64 when it fits, and a *decimal.Decimal otherwise. Every operation
// is exact: the int64 path checks for overflow and falls back to
// decimal arithmetic, so results never depend on which path ran. The
// int64 path does not allocate, which is what keeps a line's waterfall
// within its allocation budget.
type num struct {
	c int64
	e int32
	d *decimal.Decimal // set when the value does not fit the int64 form
}

// numOf returns d as a num.
func numOf(d decimal.Decimal) num {
	if d.NumDigits() <= 18 {
		return num{c: d.CoefficientInt64(), e: d.Exponent()}
	}
	p := new(decimal.Decimal) // only this branch allocates; &d would move d to the heap
	*p = d
	return num{d: p}
}

func numInt(c int64, e int32) num { return num{c: c, e: e} }

// dec returns n as a decimal.Decimal (allocating for the int64 form).
func (n num) dec() decimal.Decimal {
	if n.d != nil {
		return *n.d
	}
	return decimal.New(n.c, n.e)
}

func fromDec(d decimal.Decimal) num { return numOf(d) }

// norm drops the trailing zeros of an int64-form value's fraction
// (1.500000 becomes 1.5), keeping the coefficients of later products
// small.
func (n num) norm() num {
	if n.d != nil {
		return n
	}
	if n.c == 0 {
		return num{}
	}
	for n.e < 0 && n.c%10 == 0 {
		n.c /= 10
		n.e++
	}
	return n
}

func (n num) sign() int {
	if n.d != nil {
		return n.d.Sign()
	}
	switch {
	case n.c > 0:
		return 1
	case n.c < 0:
		return -1
	}
	return 0
}

// mulInt64 returns a × b and whether it did not overflow. It is small
// enough to be inlined.
func mulInt64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(absU(a), absU(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

func absU(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // MinInt64 maps to 2^63, handled by callers' overflow checks
	}
	return uint64(a)
}

func (a num) mul(b num) num {
	if a.d == nil && b.d == nil {
		e := int64(a.e) + int64(b.e)
		if c, ok := mulInt64(a.c, b.c); ok && e >= math.MinInt32/2 && e <= math.MaxInt32/2 {
			return num{c: c, e: int32(e)}
		}
	}
	return fromDec(a.dec().Mul(b.dec()))
}

// align returns a's and b's coefficients at the smaller exponent.
func align(a, b num) (int64, int64, int32, bool) {
	d := int64(b.e) - int64(a.e)
	switch {
	case d == 0:
		return a.c, b.c, a.e, true
	case d > 0:
		bc, ok := scaleUp(b.c, d)
		return a.c, bc, a.e, ok
	}
	ac, ok := scaleUp(a.c, -d)
	return ac, b.c, b.e, ok
}

// maxScalable[d] is the largest magnitude that times 10^d fits an int64.
var maxScalable = func() (m [19]uint64) {
	for d := range m {
		m[d] = math.MaxInt64 / uint64(pow10[d])
	}
	return m
}()

// scaleUp returns c × 10^d (d > 0) and whether it fits an int64 (as
// mulInt64 would say); it is small enough to be inlined.
func scaleUp(c, d int64) (int64, bool) {
	if uint64(d) < 19 && absU(c) <= maxScalable[d] {
		return c * pow10[d], true
	}
	return 0, c == 0
}

func (a num) add(b num) num {
	if a.d == nil && b.d == nil {
		ac, bc, e, ok := a.c, b.c, a.e, true
		if a.e != b.e {
			ac, bc, e, ok = align(a, b)
		}
		if ok {
			s := ac + bc
			if (bc >= 0 && s >= ac) || (bc < 0 && s < ac) {
				return num{c: s, e: e}
			}
		}
	}
	return fromDec(a.dec().Add(b.dec()))
}

func (a num) sub(b num) num {
	if a.d == nil && b.d == nil {
		ac, bc, e, ok := a.c, b.c, a.e, true
		if a.e != b.e {
			ac, bc, e, ok = align(a, b)
		}
		if ok {
			s := ac - bc
			if (bc >= 0 && s <= ac) || (bc < 0 && s > ac) {
				return num{c: s, e: e}
			}
		}
	}
	return fromDec(a.dec().Sub(b.dec()))
}

func (a num) cmp(b num) int {
	if a.d == nil && b.d == nil {
		ac, bc, ok := a.c, b.c, true
		if a.e != b.e {
			ac, bc, _, ok = align(a, b)
		}
		if ok {
			switch {
			case ac < bc:
				return -1
			case ac > bc:
				return 1
			}
			return 0
		}
		if sa, sb := a.sign(), b.sign(); sa != sb {
			if sa < sb {
				return -1
			}
			return 1
		}
	}
	return a.dec().Cmp(b.dec())
}

// round rounds n to places digits with mode when it has more.
func (n num) round(places int32, mode partnerops.RoundingMode) num {
	if n.d != nil {
		if n.d.Exponent() >= -places {
			return n
		}
		return fromDec(fence.Round(*n.d, places, mode))
	}
	drop := int64(-places) - int64(n.e)
	if drop <= 0 {
		return n
	}
	if drop > 18 {
		return fromDec(fence.Round(n.dec(), places, mode))
	}
	p := pow10[drop]
	quo, rem := n.c/p, n.c%p
	if rem != 0 {
		neg := n.c < 0
		if neg {
			rem = -rem
		}
		away := false
		switch mode {
		case partnerops.RoundDown:
		case partnerops.RoundUp:
			away = true
		case partnerops.RoundCeiling:
			away = !neg
		case partnerops.RoundFloor:
			away = neg
		default:
			switch twice := 2 * rem; {
			case twice > p:
				away = true
			case twice == p:
				away = mode != partnerops.RoundHalfEven || quo%2 != 0
			}
		}
		if away {
			if neg {
				quo--
			} else {
				quo++
			}
		}
	}
	return num{c: quo, e: -places}
}

// divRound returns a / b rounded half up to places; b must not be zero.
//
// Half up is half away from zero, as decimal.DivRound rounds. It does not
// allocate when both fit the int64 form and the scaled quotient does.
func (a num) divRound(b num, places int32) num {
	if a.d == nil && b.d == nil && b.c != 0 {
		// a / b = (ca / cb) × 10^(ea − eb); at places: ca × 10^k / cb.
		x, y := a.c, b.c
		ok := true
		if k := int64(a.e) - int64(b.e) + int64(places); k >= 0 {
			ok = k <= 18
			if ok {
				x, ok = mulInt64(x, pow10[k])
			}
		} else {
			ok = -k <= 18
			if ok {
				y, ok = mulInt64(y, pow10[-k])
			}
		}
		if ok {
			return num{c: roundQuo(x, y, partnerops.RoundHalfUp), e: -places}
		}
	}
	return fromDec(a.dec().DivRound(b.dec(), places))
}

// quoRound returns a / b rounded once to places with mode; b must not be
// zero. It does not allocate when both fit the int64 form and the scaled
// quotient does.
func (a num) quoRound(b num, places int32, mode partnerops.RoundingMode) num {
	if a.d == nil && b.d == nil && b.c != 0 {
		x, y := a.c, b.c
		ok := true
		if k := int64(a.e) - int64(b.e) + int64(places); k >= 0 {
			ok = k <= 18
			if ok {
				x, ok = mulInt64(x, pow10[k])
			}
		} else {
			ok = -k <= 18
			if ok {
				y, ok = mulInt64(y, pow10[-k])
			}
		}
		if ok {
			return num{c: roundQuo(x, y, mode), e: -places}
		}
	}
	q, err := fence.Quo(a.dec(), b.dec(), places, mode)
	if err != nil {
		return num{}
	}
	return fromDec(q)
}

// roundQuo returns x / y rounded to an integer with mode (y ≠ 0, neither
// MinInt64).
func roundQuo(x, y int64, mode partnerops.RoundingMode) int64 {
	q, r := x/y, x%y
	if r == 0 {
		return q
	}
	neg := (x < 0) != (y < 0)
	var away bool
	switch mode {
	case partnerops.RoundDown:
	case partnerops.RoundUp:
		away = true
	case partnerops.RoundCeiling:
		away = !neg
	case partnerops.RoundFloor:
		away = neg
	default:
		twice, ay := 2*absU(r), absU(y)
		away = twice > ay || (twice == ay && (mode != partnerops.RoundHalfEven || q%2 != 0))
	}
	if away {
		if neg {
			return q - 1
		}
		return q + 1
	}
	return q
}

// micro returns n in millionths when that is exact and below 10^12 units
// in magnitude (see toMicro); it does not allocate for the int64 form.
func (n num) micro() (int64, bool) {
	if n.d != nil {
		return toMicro(*n.d)
	}
	e := int64(n.e) + 6
	switch {
	case n.c == 0:
		return 0, true
	case e >= 0:
		if e > 18 {
			return 0, false
		}
		v, ok := mulInt64(n.c, pow10[e])
		if !ok || v >= maxMicro || v <= -maxMicro {
			return 0, false
		}
		return v, true
	case -e > 18 || n.c%pow10[-e] != 0:
		return 0, false
	}
	v := n.c / pow10[-e]
	return v, v < maxMicro && v > -maxMicro
}
