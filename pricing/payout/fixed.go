package payout

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// The hot path computes with int64 fixed-point values:
//
//   - amounts and measures at scale 6 (micro units): 12.34 is 12_340_000;
//   - multipliers (a rate's fraction, or an amount per unit) at scale 10:
//     12.5% is 1_250_000_000.
//
// A product of the two is exact in 128 bits at scale 16, and rounding it
// to a currency's minor units is one exact division. Values that do not
// fit (more than 6 fraction digits in an amount, more than 8 in a
// percent, magnitudes beyond maxFixed) are refused with errors wrapping
// partnerops.ErrRange, never approximated.
const (
	amountScale = 6
	multScale   = 10
	earnScale   = amountScale + multScale
	// maxFixed bounds an amount at scale 6 (about 1.15 × 10^12 units), so
	// that sums of a few and products with a multiplier stay in range.
	maxFixed = math.MaxInt64 / 8
)

var pow10u = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// fixedOf converts d to an int64 at the given scale. ok is false when d
// has more fraction digits than scale or does not fit below limit.
func fixedOf(d partnerops.Decimal, scale int32, limit int64) (int64, bool) {
	v := fence.Dec(d)
	if v.IsZero() {
		return 0, true
	}
	if v.NumDigits() > 18 {
		return 0, false
	}
	c := v.CoefficientInt64()
	e := v.Exponent() + scale
	switch {
	case e > 0:
		if e > 18 {
			return 0, false
		}
		r, ok := mul64(c, int64(pow10u[e]))
		if !ok || r > limit || r < -limit {
			return 0, false
		}
		return r, true
	case e < 0:
		if -e > 18 {
			return 0, false
		}
		p := int64(pow10u[-e])
		if c%p != 0 {
			return 0, false
		}
		c /= p
	}
	if c > limit || c < -limit {
		return 0, false
	}
	return c, true
}

// amountOf converts an amount or measure to scale 6.
func amountOf(d partnerops.Decimal) (int64, bool) { return fixedOf(d, amountScale, maxFixed) }

// multOf converts a percent to its fraction at scale 10.
func multOfPercent(p partnerops.Percent) (int64, bool) {
	return fixedOf(p.Decimal(), multScale-2, math.MaxInt64/100)
}

// multOfAmount converts an amount per unit to scale 10.
func multOfAmount(d partnerops.Decimal) (int64, bool) {
	return fixedOf(d, multScale, math.MaxInt64/100)
}

// fixedDec returns c (at scale) as a Decimal with trailing zeros trimmed
// down to minScale digits.
func fixedDec(c int64, scale, minScale int32) partnerops.Decimal {
	for scale > minScale && c%10 == 0 {
		c /= 10
		scale--
	}
	return partnerops.NewDecimal(c, -scale)
}

// amountDec returns an amount at scale 6 as a Decimal with at least
// places fraction digits.
func amountDec(c int64, places int32) partnerops.Decimal { return fixedDec(c, amountScale, places) }

// money returns an amount at scale 6 as Money in cur with at least the
// currency's minor units.
func money(c int64, cur partnerops.Currency) partnerops.Money {
	m, err := partnerops.NewMoney(amountDec(c, cur.MinorUnits()), cur)
	if err != nil {
		// amounts at scale 6 below maxFixed are always valid and the
		// currency was validated at compile time.
		panic("payout: internal error: " + err.Error())
	}
	return m
}

func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	hi, lo := bits.Mul64(absU(a), absU(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

func add64(a, b int64) (int64, bool) {
	s := a + b
	if (b >= 0 && s < a) || (b < 0 && s >= a) {
		return 0, false
	}
	return s, true
}

func absU(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

// i128 is a signed 128-bit integer in sign-magnitude form, enough for
// sums of products of two int64 values.
type i128 struct {
	neg    bool
	hi, lo uint64
}

func mul128(a, b int64) i128 {
	hi, lo := bits.Mul64(absU(a), absU(b))
	return i128{neg: (a < 0) != (b < 0) && (hi|lo) != 0, hi: hi, lo: lo}
}

func (x i128) isZero() bool { return x.hi|x.lo == 0 }

func cmpMag(a, b i128) int {
	switch {
	case a.hi != b.hi:
		if a.hi < b.hi {
			return -1
		}
		return 1
	case a.lo != b.lo:
		if a.lo < b.lo {
			return -1
		}
		return 1
	}
	return 0
}

// add returns x + y; ok is false on overflow of the magnitude.
func (x i128) add(y i128) (i128, bool) {
	if x.neg == y.neg {
		lo, c := bits.Add64(x.lo, y.lo, 0)
		hi, c2 := bits.Add64(x.hi, y.hi, c)
		if c2 != 0 || hi>>63 != 0 {
			return i128{}, false
		}
		return i128{neg: x.neg, hi: hi, lo: lo}, true
	}
	// Different signs: subtract the smaller magnitude from the larger.
	if cmpMag(x, y) < 0 {
		x, y = y, x
	}
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, _ := bits.Sub64(x.hi, y.hi, b)
	r := i128{neg: x.neg, hi: hi, lo: lo}
	if r.isZero() {
		r.neg = false
	}
	return r, true
}

func (x i128) big() *big.Int {
	b := new(big.Int).SetUint64(x.hi)
	b.Lsh(b, 64)
	b.Or(b, new(big.Int).SetUint64(x.lo))
	if x.neg {
		b.Neg(b)
	}
	return b
}

// roundDiv returns x ÷ d rounded once with mode, as an int64; ok is false
// when the quotient does not fit.
func (x i128) roundDiv(d uint64, mode partnerops.RoundingMode) (int64, bool) {
	if x.hi >= d {
		return 0, false
	}
	q, r := bits.Div64(x.hi, x.lo, d)
	if roundAway(x.neg, q&1 == 1, r, d, mode) {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if x.neg {
		return -int64(q), true
	}
	return int64(q), true
}

// roundAway reports whether a quotient with remainder r (0 <= r < d) of a
// value with sign neg rounds away from zero under mode.
func roundAway(neg, odd bool, r, d uint64, mode partnerops.RoundingMode) bool {
	if r == 0 {
		return false
	}
	switch mode {
	case partnerops.RoundDown:
		return false
	case partnerops.RoundUp:
		return true
	case partnerops.RoundCeiling:
		return !neg
	case partnerops.RoundFloor:
		return neg
	}
	// Half modes: compare 2r with d without overflow.
	half := d - r // r > half means 2r > d
	switch {
	case r > half:
		return true
	case r < half:
		return false
	}
	if mode == partnerops.RoundHalfEven {
		return odd
	}
	return true // half up: ties away from zero
}

// roundRat rounds the exact rational n/d (d > 0) to an integer with mode.
func roundRat(n, d *big.Int, mode partnerops.RoundingMode) *big.Int {
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if r.Sign() == 0 {
		return q
	}
	neg := n.Sign() < 0
	r.Abs(r)
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
		c := new(big.Int).Lsh(r, 1).Cmp(d)
		switch {
		case c > 0:
			away = true
		case c == 0:
			away = mode != partnerops.RoundHalfEven || q.Bit(0) == 1
		}
	}
	if away {
		if neg {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// roundRatFixed rounds the rational n/d to places digits and returns it at
// scale 6; ok is false when it does not fit.
func roundRatFixed(n, d *big.Int, places int32, mode partnerops.RoundingMode) (int64, bool) {
	// n/d at scale 6 rounded to places: round(n × 10^places / d) × 10^(6-places).
	num := new(big.Int).Mul(n, new(big.Int).SetUint64(pow10u[places]))
	q := roundRat(num, d, mode)
	if !q.IsInt64() {
		return 0, false
	}
	return mul64(q.Int64(), int64(pow10u[amountScale-places]))
}
