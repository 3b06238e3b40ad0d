// Package fixed holds the fixed-point and path helpers the strategy
// packages share: exact scaling of decimals to integers, 128-bit ratios,
// half-even shares and field paths. It is internal to the strategy pillar.
package fixed

import (
	"math"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// Scaled returns d × 10^places as an int64 when that is an exact integer
// whose magnitude is below 2^62 and d's coefficient has at most 18
// digits; it does not allocate and costs a bounded number of steps for any
// representation (a zero with an exponent of -2^31, a 1e-3000000).
func Scaled(d decimal.Decimal, places int32) (int64, bool) {
	return scaled(d, places, 18, 1<<62)
}

// ScaledBelow returns d × 10^places as an int64 when that is an exact
// integer whose magnitude is below limit (1 <= limit; a limit above
// 2^63 - 1 counts as 2^63 - 1): the whole int64 range is available, and
// d's coefficient may have 19 digits ("899999999999999.9999" at 4
// places). It does not allocate unless the coefficient has 19 digits, and
// costs a bounded number of steps for any representation.
func ScaledBelow(d decimal.Decimal, places int32, limit uint64) (int64, bool) {
	return scaled(d, places, 19, min(limit, math.MaxInt64))
}

// scaled is Scaled and ScaledBelow: d × 10^places when d's coefficient
// has at most digits digits (18 or 19) and the result's magnitude is
// below limit (at most 2^63 - 1). It works on the magnitude in a uint64,
// checking each multiplication by 10 against limit before it is made.
func scaled(d decimal.Decimal, places int32, digits int, limit uint64) (int64, bool) {
	n := d.NumDigits()
	if n > digits {
		return 0, false
	}
	var u uint64 // the coefficient's magnitude, below 10^19 < 2^64
	if n < 19 {
		c := d.CoefficientInt64()
		u = uint64(c)
		if c < 0 {
			u = -u
		}
	} else {
		b := d.Coefficient()
		u = b.Abs(b).Uint64()
	}
	if u == 0 {
		return 0, true
	}
	shift := int64(d.Exponent()) + int64(places)
	if shift < -18 || shift > 18 {
		return 0, false // a non-zero coefficient below 10^19 has no 19 trailing zeros, and 10^19 × c overflows
	}
	for ; shift < 0; shift++ {
		if u%10 != 0 {
			return 0, false
		}
		u /= 10
	}
	for ; shift > 0; shift-- {
		if u > (limit-1)/10 {
			return 0, false
		}
		u *= 10
	}
	if u >= limit {
		return 0, false
	}
	if d.Sign() < 0 {
		return -int64(u), true
	}
	return int64(u), true
}

// ScaledDec is [Scaled] for a partnerops.Decimal.
func ScaledDec(d partnerops.Decimal, places int32) (int64, bool) { return Scaled(fence.Dec(d), places) }

// ScaledDecBelow is [ScaledBelow] for a partnerops.Decimal.
func ScaledDecBelow(d partnerops.Decimal, places int32, limit uint64) (int64, bool) {
	return ScaledBelow(fence.Dec(d), places, limit)
}

// Ratio returns num × unit / den truncated, and the remainder, for
// 0 <= num <= den and den > 0, with a 128-bit intermediate.
func Ratio(num, den int64, unit uint64) (uint64, uint64) {
	h, l := bits.Mul64(uint64(num), unit)
	return bits.Div64(h, l, uint64(den))
}

// DivHalfEven returns a/b rounded half to even, for a >= 0, b > 0.
func DivHalfEven(a, b int64) int64 {
	q, r := a/b, a%b
	if 2*r > b || (2*r == b && q%2 == 1) {
		q++
	}
	return q
}

// Share returns n/total as a percent with 2 fraction digits, rounded once
// (half to even) from the exact quotient; 0.00% when total is 0. It needs
// 0 <= n and n × 10,000 within an int64.
func Share(n, total int64) partnerops.Percent {
	if total == 0 {
		return Hundredths(0)
	}
	return Hundredths(DivHalfEven(n*10_000, total))
}

// Hundredths returns h hundredths of a percent point as a Percent with 2
// fraction digits (8750 is 87.50%).
func Hundredths(h int64) partnerops.Percent {
	return partnerops.NewPercent(partnerops.NewDecimal(h, -2))
}

// Sub extends a field path: Sub("criteria[a]", "bands", 2) is
// "criteria[a].bands[2]".
func Sub(path string, parts ...any) string {
	return partnerops.JoinPath(path, partnerops.Path(parts...))
}

// Strip removes package prefixes from an error text, the pillar's
// subpackages' as well as the ones partnerops.StripPrefixes knows, so a
// nested message carries one prefix at most.
func Strip(msg string) string {
	for _, p := range []string{"fit: ", "mapping: ", "economics: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return partnerops.StripPrefixes(msg)
}

// AddErr records err at path in p with its text stripped of package
// prefixes ([Strip]); errors.Is still finds err's sentinels.
func AddErr(p *partnerops.Problems, path string, err error) {
	p.AddWrapped(path, Strip(err.Error()), err)
}
