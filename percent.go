package partnerops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// Percent is a percentage held in percent units: the Percent parsed from
// "12.5" is 12.5%, whose fraction is 0.125. Keeping the unit in the type
// means nobody confuses 0.125 with 12.5.
//
// Percent is a small immutable value. The zero value is 0%. It may be
// negative (a surcharge is a negative discount) or above 100; validators
// that need a range check it with [Percent.Between]. Compare with
// [Percent.Equal] or [Percent.Cmp], never ==. Percent encodes to JSON and
// text as a plain decimal string without the sign ("12.5") and decodes from
// a string, with or without a trailing "%"; JSON numbers are refused (see
// [Percent.UnmarshalJSON]).
type Percent struct {
	d decimal.Decimal
}

// NewPercent returns p percent: NewPercent(DecimalFromInt(15)) is 15%.
func NewPercent(p Decimal) Percent { return Percent{d: p.d} }

// PercentFromFraction returns the percentage whose fraction is f:
// PercentFromFraction(0.125) is 12.5%. It is exact.
//
// Like every operation here it never panics; for a value outside the range
// [Decimal.Validate] accepts the result is unspecified (validate host
// input first).
func PercentFromFraction(f Decimal) Percent { return Percent{d: safeShift(f.d, 2)} }

// safeShift moves the decimal point by n places, leaving a value whose
// exponent would overflow (a hostile value that Validate rejects anyway)
// unchanged instead of panicking as the decimal package does.
func safeShift(d decimal.Decimal, n int32) decimal.Decimal {
	e := int64(d.Exponent()) + int64(n)
	if e > math.MaxInt32 || e < math.MinInt32 {
		return d
	}
	return d.Shift(n)
}

// PercentFromInt returns n percent.
func PercentFromInt(n int64) Percent { return Percent{d: decimal.NewFromInt(n)} }

// ParsePercent parses "12.5" or "12.5%" as 12.5%. The number goes
// through [ParseDecimal].
func ParsePercent(s string) (Percent, error) {
	t := strings.TrimSuffix(s, "%")
	d, err := parseDec(t)
	if err != nil {
		return Percent{}, fmt.Errorf("partnerops: parsing percent: %w", err)
	}
	return Percent{d: d}, nil
}

// MustPercent is like [ParsePercent] but panics on error. It is meant for
// tests and literals in examples, never for host input.
func MustPercent(s string) Percent {
	p, err := ParsePercent(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Decimal returns the number of percent (12.5 for 12.5%).
func (p Percent) Decimal() Decimal { return Decimal{d: p.d} }

// Fraction returns the percentage as a fraction (0.125 for 12.5%). It is
// exact: dividing by 100 only moves the decimal point.
func (p Percent) Fraction() Decimal { return Decimal{d: safeShift(p.d, -2)} }

// Of returns p of m, unrounded: 15% of 200.00 USD is 30.0000 USD.
func (p Percent) Of(m Money) Money {
	return Money{amount: safeMul(m.amount, safeShift(p.d, -2)), currency: m.currency}
}

// OfDecimal returns p of d, unrounded.
func (p Percent) OfDecimal(d Decimal) Decimal { return Decimal{d: safeMul(d.d, safeShift(p.d, -2))} }

// Validate reports an error wrapping [ErrRange] when p's number of percent
// lies outside the range [Decimal.Validate] accepts.
func (p Percent) Validate() error {
	if err := checkDec(p.d); err != nil {
		return fmt.Errorf("partnerops: percent: %w", err)
	}
	return nil
}

// Complement returns 100% - p: the share left after a discount of p.
func (p Percent) Complement() Percent { return Percent{d: hundred.Sub(p.d)} }

// Add returns p + o.
func (p Percent) Add(o Percent) Percent { return Percent{d: p.d.Add(o.d)} }

// Sub returns p - o.
func (p Percent) Sub(o Percent) Percent { return Percent{d: p.d.Sub(o.d)} }

// Neg returns -p.
func (p Percent) Neg() Percent { return Percent{d: p.d.Neg()} }

// Cmp compares p and o: -1, 0 or +1.
func (p Percent) Cmp(o Percent) int { return p.d.Cmp(o.d) }

// Equal reports whether p and o are numerically equal.
func (p Percent) Equal(o Percent) bool { return p.d.Equal(o.d) }

// IsZero reports whether p is 0%.
func (p Percent) IsZero() bool { return p.d.IsZero() }

// IsNegative reports whether p is below 0%.
func (p Percent) IsNegative() bool { return p.d.Sign() < 0 }

// Between reports whether lo <= p <= hi.
func (p Percent) Between(lo, hi Percent) bool { return p.d.Cmp(lo.d) >= 0 && p.d.Cmp(hi.d) <= 0 }

// Round rounds the number of percent to places digits with mode.
func (p Percent) Round(places int32, mode RoundingMode) Percent {
	return Percent{d: roundDec(p.d, places, mode)}
}

// String renders p with a percent sign: "12.5%".
func (p Percent) String() string { return formatDec(p.d) + "%" }

// MarshalText encodes p as its number of percent ("12.5").
func (p Percent) MarshalText() ([]byte, error) { return []byte(formatDec(p.d)), nil }

// UnmarshalText decodes "12.5" or "12.5%".
func (p *Percent) UnmarshalText(b []byte) error {
	if len(b) > MaxDecimalLength+1 {
		return fmt.Errorf("partnerops: parsing percent: longer than %d bytes: %w", MaxDecimalLength, ErrSyntax)
	}
	v, err := ParsePercent(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MarshalJSON encodes p as a JSON string ("12.5").
func (p Percent) MarshalJSON() ([]byte, error) { return json.Marshal(formatDec(p.d)) }

// UnmarshalJSON decodes a JSON string in percent units: "12.5" or "12.5%"
// is 12.5%. A bare JSON number is refused with an error wrapping
// [ErrSyntax]: 0.2 might mean 0.2% or 20%, and a definition that guesses
// wrong pays 19.8 points too little, so the author writes "20" or "0.2".
func (p *Percent) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '"' {
		if len(b) > MaxDecimalLength {
			b = b[:MaxDecimalLength]
		}
		return fmt.Errorf("partnerops: decoding percent %s: want %s; a bare number is ambiguous (fraction or percent units): %w", b, Percent{}.JSONShape(), ErrSyntax)
	}
	s, err := decimalJSONText(b)
	if err != nil {
		return err
	}
	return p.UnmarshalText([]byte(s))
}

// JSONShape describes the JSON a Percent decodes from; decoders quote it in
// their errors.
func (Percent) JSONShape() string {
	return `a percent string in percent units like "20" or "20%"`
}
