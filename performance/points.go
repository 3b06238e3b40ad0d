package performance

import (
	"encoding/json"
	"math/bits"
	"strconv"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
)

// Points is a fixed-point number with exactly two decimals, held as an
// integer count of hundredths: Points(8725) is 87.25. Scores (0 to 100),
// contributions and weight shares (in percent) are Points, so results are
// exact, comparable with ==, and cost no allocation.
//
// The zero value is 0.00. Points encodes to JSON as a string ("87.25").
type Points int64

// PointsFromDecimal rounds d half up to two decimals. A value outside
// [partnerops.Decimal.Validate]'s range or beyond the int64 range of
// hundredths fails with an error wrapping [partnerops.ErrRange].
func PointsFromDecimal(d partnerops.Decimal) (Points, error) {
	p, ok := pointsOfDec(fence.Dec(d))
	if !ok {
		return 0, fail(partnerops.ErrRange, "%s out of range for points", show(d))
	}
	return p, nil
}

// pointsOfDec rounds d half up to hundredths, or reports false when d is
// out of range.
func pointsOfDec(d decimal.Decimal) (Points, bool) {
	if !inRange(d) {
		return 0, false
	}
	bi := fence.Round(d, 2, partnerops.RoundHalfUp).Shift(2).BigInt()
	if !bi.IsInt64() {
		return 0, false
	}
	return Points(bi.Int64()), true
}

// Decimal returns p as a decimal with two places.
func (p Points) Decimal() partnerops.Decimal { return partnerops.NewDecimal(int64(p), -2) }

// dec returns p as a shopspring decimal with two places.
func (p Points) dec() decimal.Decimal { return decimal.New(int64(p), -2) }

// String renders p with two decimals: "87.25", "-0.50".
func (p Points) String() string {
	v := int64(p)
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u/100, 10) + "." + strconv.FormatUint(u%100/10, 10) + strconv.FormatUint(u%10, 10)
	if neg {
		return "-" + s
	}
	return s
}

// MarshalJSON encodes p as a JSON string such as "87.25".
func (p Points) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// UnmarshalJSON decodes a JSON string or number through
// [partnerops.ParseDecimal], rounding half up to two decimals.
func (p *Points) UnmarshalJSON(b []byte) error {
	var d partnerops.Decimal
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	v, err := PointsFromDecimal(d)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Internal scores are held in millionths of a point (micro-points): 100
// points is 1e8. Divisions round down at this precision; results are
// rounded half up to hundredths ([Points]) at the end.
const (
	microPerPoint = 1_000_000
	fullScore     = 100 * microPerPoint
	microPerCent  = microPerPoint / 100 // micro-points per hundredth
)

// pointsOf rounds micro-points half up to Points.
func pointsOf(micro int64) Points {
	if micro < 0 {
		return -pointsOf(-micro)
	}
	return Points((micro + microPerCent/2) / microPerCent)
}

// mulDiv returns floor(a×b/c) for a×b/c < 2^64, computed with a 128-bit
// intermediate. c must be positive.
func mulDiv(a, b, c uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi >= c { // quotient would not fit; saturate (callers prevent this)
		return ^uint64(0)
	}
	q, _ := bits.Div64(hi, lo, c)
	return q
}

// u128 is an unsigned 128-bit accumulator for weighted sums.
type u128 struct{ hi, lo uint64 }

func (x *u128) addMul(a, b uint64) {
	hi, lo := bits.Mul64(a, b)
	var carry uint64
	x.lo, carry = bits.Add64(x.lo, lo, 0)
	x.hi, _ = bits.Add64(x.hi, hi, carry)
}

// div returns floor(x/c), saturating when the quotient does not fit.
func (x u128) div(c uint64) uint64 {
	if c == 0 || x.hi >= c {
		return ^uint64(0)
	}
	q, _ := bits.Div64(x.hi, x.lo, c)
	return q
}

// inRange reports whether d is within the range every decoder accepts
// ([partnerops.Decimal.Validate]: at most 30 integer and 18 fraction
// digits). Every decimal a host hands in passes this check before any
// arithmetic could expand it; hostile exponents are refused in constant
// time.
func inRange(d decimal.Decimal) bool {
	if d.IsZero() && d.Exponent() == 0 {
		return true
	}
	return fence.Check(d) == nil
}

// show renders a decimal for an error message, without expanding one
// beyond [partnerops.Decimal.Validate]'s range.
func show(d partnerops.Decimal) string {
	if !inRange(fence.Dec(d)) {
		return "(out of range)"
	}
	return d.String()
}

// format renders d through the root's formatting, independent of the
// decimal package's global settings.
func format(d decimal.Decimal) string { return fence.Format(d) }
