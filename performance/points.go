package performance

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
)

// Points is a fixed-point number with exactly two decimals, held as an
// integer count of hundredths: Points(8725) is 87.25. Scores (0 to 100),
// contributions and weight shares (in percent) are Points, so results are
// exact, comparable with ==, and cost no allocation.
//
// The zero value is 0.00. Points encodes to JSON as a string ("87.25").
type Points int64

// PointsFromDecimal rounds d half up to two decimals. Values beyond the
// int64 range fail with an error wrapping [partnerops.ErrRange].
func PointsFromDecimal(d decimal.Decimal) (Points, error) {
	if !inRange(d) {
		return 0, fmt.Errorf("performance: decimal out of range for points: %w", partnerops.ErrRange)
	}
	r := d.Round(2).Shift(2)
	bi := r.BigInt()
	if !bi.IsInt64() {
		return 0, fmt.Errorf("performance: %s out of range for points: %w", partnerops.FormatDecimal(d), partnerops.ErrRange)
	}
	return Points(bi.Int64()), nil
}

// Decimal returns p as a decimal with two places.
func (p Points) Decimal() decimal.Decimal { return decimal.New(int64(p), -2) }

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
	v, err := PointsFromDecimal(d.Decimal)
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

// inRange reports whether d is within [partnerops.CheckDecimal]'s limits.
// It rejects extreme exponents itself first: CheckDecimal truncates a
// value with a huge negative exponent, which rescales it to a power of
// ten as large as the exponent and so allocates without bound.
func inRange(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	exp, nd := int64(d.Exponent()), int64(d.NumDigits())
	if exp > partnerops.MaxDecimalDigits || exp+nd < -partnerops.MaxDecimalScale {
		return false
	}
	return partnerops.CheckDecimal(d) == nil
}

// show renders a definition's decimal for an error message, without
// expanding one beyond [partnerops.CheckDecimal]'s limits.
func show(d partnerops.Decimal) string {
	if !inRange(d.Decimal) {
		return "(out of range)"
	}
	return d.String()
}
