package partnerops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits on decimal text accepted by [ParseDecimal] and every decoder in
// this module. Amounts, rates and quantities in partner programs need far
// less; the limits exist so that hostile input ("1e999999999", a
// ten-megabyte digit string) is rejected at once instead of allocating.
const (
	// MaxDecimalLength is the longest decimal text accepted, in bytes.
	MaxDecimalLength = 64
	// MaxDecimalDigits is the largest number of digits before the decimal
	// point (so values stay below 10^30 in magnitude).
	MaxDecimalDigits = 30
	// MaxDecimalScale is the largest number of digits after the decimal
	// point.
	MaxDecimalScale = 18
)

// ParseDecimal parses s as a plain decimal number: an optional sign, digits,
// an optional fraction and an optional exponent ("12.5", "-0.03", "1e3").
// It rejects empty text, spaces, "NaN", "Inf", hexadecimal and anything
// longer than [MaxDecimalLength] with an error wrapping [ErrSyntax], and
// values with more than [MaxDecimalDigits] integer digits or more than
// [MaxDecimalScale] fraction digits with an error wrapping [ErrRange]. The
// scale of the text is kept ("1.50" parses to 1.50, not 1.5), except that
// zeros beyond [MaxDecimalScale] fraction digits are dropped.
func ParseDecimal(s string) (decimal.Decimal, error) {
	if len(s) > MaxDecimalLength {
		return decimal.Decimal{}, fmt.Errorf("partnerops: parsing decimal %q...: longer than %d bytes: %w", s[:16], MaxDecimalLength, ErrSyntax)
	}
	if !plainDecimalSyntax(s) {
		return decimal.Decimal{}, fmt.Errorf("partnerops: parsing decimal %q: %w", s, ErrSyntax)
	}
	// The syntax check bounds the exponent text to a few digits, so
	// NewFromString cannot be asked for a huge value.
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("partnerops: parsing decimal %q: %w", s, ErrSyntax)
	}
	if err := CheckDecimal(d); err != nil {
		return decimal.Decimal{}, fmt.Errorf("partnerops: parsing decimal %q: %w", s, err)
	}
	if d.Exponent() < -MaxDecimalScale {
		// Only zeros lie beyond the scale limit (CheckDecimal said so):
		// drop them so the plain form stays short.
		d = d.Truncate(MaxDecimalScale)
	}
	return d, nil
}

// CheckDecimal reports an error wrapping [ErrRange] when d has more than
// [MaxDecimalDigits] integer digits or more than [MaxDecimalScale]
// fraction digits, or when its representation is hostile: a coefficient of
// more than 81 digits, or an exponent outside [-(MaxDecimalScale+81),
// MaxDecimalDigits] even for zero (0e-999999999 would make the next
// addition build a power of ten with a billion digits). Validators call it
// on decimals that did not come through [ParseDecimal]. A hostile exponent
// is rejected in constant time, a hostile coefficient in time that grows
// gently with its size (about 5 ms for a million bits); common values cost
// no allocation.
func CheckDecimal(d decimal.Decimal) error {
	// Exponent first: it is O(1) and makes everything below cheap.
	exp := d.Exponent()
	if exp > MaxDecimalDigits {
		return fmt.Errorf("more than %d digits before the decimal point: %w", MaxDecimalDigits, ErrRange)
	}
	if exp < -(MaxDecimalScale + maxCoefficientDigits) {
		return fmt.Errorf("more than %d digits after the decimal point: %w", MaxDecimalScale, ErrRange)
	}
	// NumDigits allocates nothing for coefficients that fit an int64 and
	// takes time proportional to the coefficient's size otherwise (about
	// 5 ms for a million-bit coefficient), never quadratic.
	digits := d.NumDigits()
	if digits > maxCoefficientDigits {
		return fmt.Errorf("more than %d significant digits: %w", maxCoefficientDigits, ErrRange)
	}
	if exp < -MaxDecimalScale {
		// Trailing zeros beyond the scale limit are harmless: 1.5000...0.
		if !d.Equal(d.Truncate(MaxDecimalScale)) {
			return fmt.Errorf("more than %d digits after the decimal point: %w", MaxDecimalScale, ErrRange)
		}
	}
	if digits+int(exp) > MaxDecimalDigits && !d.IsZero() {
		return fmt.Errorf("more than %d digits before the decimal point: %w", MaxDecimalDigits, ErrRange)
	}
	return nil
}

// maxCoefficientDigits bounds the significant digits CheckDecimal accepts:
// MaxDecimalDigits + MaxDecimalScale, plus room for trailing zeros.
const maxCoefficientDigits = 81

// plainDecimalSyntax accepts [+-]digits[.digits][(e|E)[+-]d{1,3}] with at
// least one digit in the mantissa.
func plainDecimalSyntax(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		expDigits := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			expDigits++
		}
		if expDigits == 0 || expDigits > 3 {
			return false
		}
	}
	return i == len(s)
}

// FormatDecimal renders d in plain notation with exactly its own scale
// ("1.50" stays "1.50", 1e3 is "1000"). Unlike [decimal.Decimal.String] the
// result does not depend on the decimal package's global settings.
func FormatDecimal(d decimal.Decimal) string {
	if exp := d.Exponent(); exp < 0 {
		return d.StringFixed(-exp)
	}
	return d.StringFixed(0)
}

// Decimal is a unitless decimal number (a weight, a quantity, a threshold)
// as it appears in definitions. It embeds [decimal.Decimal], so all its
// arithmetic is available, and adds hardened text and JSON encoding: it
// decodes through [ParseDecimal] (rejecting hostile input) and encodes as
// a JSON string in plain notation whatever the decimal package's global
// settings say. JSON numbers are accepted on input as well.
//
// The zero value is 0. Compare values with [Decimal.Equal] or Cmp, never ==.
type Decimal struct {
	decimal.Decimal
}

// NewDecimal wraps d.
func NewDecimal(d decimal.Decimal) Decimal { return Decimal{Decimal: d} }

// DecimalFromInt returns the integer n as a Decimal.
func DecimalFromInt(n int64) Decimal { return Decimal{Decimal: decimal.NewFromInt(n)} }

// ParseDecimalValue parses s like [ParseDecimal] and wraps the result.
func ParseDecimalValue(s string) (Decimal, error) {
	d, err := ParseDecimal(s)
	return Decimal{Decimal: d}, err
}

// MustDecimal is like [ParseDecimalValue] but panics on error. It is meant
// for tests and literals in examples, never for host input.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimalValue(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Equal reports whether d and o are numerically equal (1.5 equals 1.50).
func (d Decimal) Equal(o Decimal) bool { return d.Decimal.Equal(o.Decimal) }

// String renders d in plain notation (see [FormatDecimal]).
func (d Decimal) String() string { return FormatDecimal(d.Decimal) }

// MarshalText implements [encoding.TextMarshaler].
func (d Decimal) MarshalText() ([]byte, error) { return []byte(FormatDecimal(d.Decimal)), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] through [ParseDecimal].
func (d *Decimal) UnmarshalText(b []byte) error {
	if len(b) > MaxDecimalLength {
		return fmt.Errorf("partnerops: parsing decimal: longer than %d bytes: %w", MaxDecimalLength, ErrSyntax)
	}
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	d.Decimal = v
	return nil
}

// MarshalJSON encodes d as a JSON string such as "12.50".
func (d Decimal) MarshalJSON() ([]byte, error) {
	return json.Marshal(FormatDecimal(d.Decimal))
}

// UnmarshalJSON accepts a JSON string or number holding a decimal.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s, err := decimalJSONText(b)
	if err != nil {
		return err
	}
	return d.UnmarshalText([]byte(s))
}

// decimalJSONText extracts the text of a JSON string or number, bounding
// its length before any allocation proportional to it.
func decimalJSONText(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	if len(b) > MaxDecimalLength+2 {
		return "", fmt.Errorf("partnerops: decoding decimal: longer than %d bytes: %w", MaxDecimalLength, ErrSyntax)
	}
	if len(b) >= 2 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", fmt.Errorf("partnerops: decoding decimal: %w", ErrSyntax)
		}
		return s, nil
	}
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return "", fmt.Errorf("partnerops: decoding decimal: missing value: %w", ErrSyntax)
	}
	return string(b), nil
}

// RoundingMode says how a value is rounded to a number of places. The zero
// value is [RoundHalfUp]. Modes encode as the lowercase names below in JSON
// and text.
type RoundingMode uint8

// Rounding modes. Never reordered; new modes are appended.
const (
	// RoundHalfUp rounds to nearest, ties away from zero (2.5 → 3,
	// -2.5 → -3): the commercial rounding most price lists use.
	RoundHalfUp RoundingMode = iota
	// RoundHalfEven rounds to nearest, ties to the even neighbour
	// (2.5 → 2, 3.5 → 4): banker's rounding, common in accounting.
	RoundHalfEven
	// RoundDown truncates toward zero (2.9 → 2, -2.9 → -2).
	RoundDown
	// RoundUp rounds away from zero (2.1 → 3, -2.1 → -3).
	RoundUp
	// RoundCeiling rounds toward positive infinity (2.1 → 3, -2.9 → -2).
	RoundCeiling
	// RoundFloor rounds toward negative infinity (2.9 → 2, -2.1 → -3).
	RoundFloor
)

var roundingModeNames = [...]string{"half_up", "half_even", "down", "up", "ceiling", "floor"}

// String returns the mode's name, such as "half_even".
func (m RoundingMode) String() string {
	if int(m) < len(roundingModeNames) {
		return roundingModeNames[m]
	}
	return fmt.Sprintf("RoundingMode(%d)", uint8(m))
}

// Valid reports whether m is one of the declared modes.
func (m RoundingMode) Valid() bool { return int(m) < len(roundingModeNames) }

// ParseRoundingMode parses a mode name as returned by [RoundingMode.String]
// (case-insensitive; "bankers" is accepted for half_even).
func ParseRoundingMode(s string) (RoundingMode, error) {
	ls := strings.ToLower(strings.TrimSpace(s))
	if ls == "bankers" || ls == "banker" {
		return RoundHalfEven, nil
	}
	for i, n := range roundingModeNames {
		if ls == n {
			return RoundingMode(i), nil
		}
	}
	return 0, fmt.Errorf("partnerops: parsing rounding mode %q: want one of %s: %w", s, strings.Join(roundingModeNames[:], ", "), ErrSyntax)
}

// MarshalText implements [encoding.TextMarshaler].
func (m RoundingMode) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, fmt.Errorf("partnerops: encoding %v: %w", m, ErrInvalid)
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *RoundingMode) UnmarshalText(b []byte) error {
	v, err := ParseRoundingMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Round rounds d to places digits after the decimal point (negative places
// round to tens, hundreds, ...) with mode. An invalid mode rounds half up.
func (m RoundingMode) Round(d decimal.Decimal, places int32) decimal.Decimal {
	switch m {
	case RoundHalfEven:
		return d.RoundBank(places)
	case RoundDown:
		return d.RoundDown(places)
	case RoundUp:
		return d.RoundUp(places)
	case RoundCeiling:
		return d.RoundCeil(places)
	case RoundFloor:
		return d.RoundFloor(places)
	}
	return d.Round(places)
}

// RoundToIncrement rounds d to a multiple of increment with mode, as cash
// rounding (0.05) or price-point rounding (10) needs. The increment must be
// positive; otherwise the error wraps [ErrInvalid].
func (m RoundingMode) RoundToIncrement(d, increment decimal.Decimal) (decimal.Decimal, error) {
	if increment.Sign() <= 0 {
		return decimal.Decimal{}, fmt.Errorf("partnerops: rounding increment %s must be positive: %w", FormatDecimal(increment), ErrInvalid)
	}
	// d / increment exactly as a rational, rounded to an integer, times increment.
	q := d.Rat()
	q.Quo(q, increment.Rat())
	n := roundRat(q, m)
	out := decimal.NewFromBigInt(n, 0).Mul(increment)
	return out, nil
}

// roundRat rounds the rational q to an integer with mode m.
func roundRat(q *big.Rat, m RoundingMode) *big.Int {
	num, den := q.Num(), q.Denom()
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int)) // truncated toward zero
	if rem.Sign() == 0 {
		return quo
	}
	neg := num.Sign() < 0
	away := false
	switch m {
	case RoundDown:
	case RoundUp:
		away = true
	case RoundCeiling:
		away = !neg
	case RoundFloor:
		away = neg
	default:
		twice := new(big.Int).Abs(rem)
		twice.Lsh(twice, 1)
		switch c := twice.Cmp(den); {
		case c > 0:
			away = true
		case c == 0:
			away = m != RoundHalfEven || quo.Bit(0) == 1
		}
	}
	if away {
		if neg {
			quo.Sub(quo, big.NewInt(1))
		} else {
			quo.Add(quo, big.NewInt(1))
		}
	}
	return quo
}
