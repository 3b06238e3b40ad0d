package partnerops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops/internal/fastdec"
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

// ParseDecimal parses s as a plain decimal number: an optional sign,
// digits, an optional fraction and an optional exponent ("12.5", "-0.03",
// "1e3"). It rejects empty text, spaces, "NaN", "Inf", hexadecimal and
// anything longer than [MaxDecimalLength] with an error wrapping
// [ErrSyntax], and values with more than [MaxDecimalDigits] integer digits
// or more than [MaxDecimalScale] fraction digits with an error wrapping
// [ErrRange]. The scale of the text is kept ("1.50" parses to 1.50, not
// 1.5), except that zeros beyond [MaxDecimalScale] fraction digits are
// dropped ("1.000000000000000000000" is 1.000000000000000000).
func ParseDecimal(s string) (Decimal, error) {
	d, err := parseDec(s)
	return Decimal{d: d}, err
}

func parseDec(s string) (decimal.Decimal, error) {
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
	if err := checkDec(d); err != nil {
		return decimal.Decimal{}, fmt.Errorf("partnerops: parsing decimal %q: %w", s, err)
	}
	if d.Exponent() < -MaxDecimalScale {
		// Only zeros lie beyond the scale limit (checkDec said so):
		// drop them so the plain form stays short.
		d = d.Truncate(MaxDecimalScale)
	}
	return d, nil
}

// checkDec reports an error wrapping [ErrRange] when d has more than
// [MaxDecimalDigits] integer digits or more than [MaxDecimalScale]
// fraction digits, or when its representation is hostile: a coefficient of
// more than 81 digits, or an exponent outside [-(MaxDecimalScale+81),
// MaxDecimalDigits] even for zero (0e-999999999 would make the next
// addition build a power of ten with a billion digits). A hostile exponent
// is rejected in constant time, a hostile coefficient in time that grows
// gently with its size; common values cost no allocation.
func checkDec(d decimal.Decimal) error {
	// Exponent first: it is O(1) and makes everything below cheap.
	exp := d.Exponent()
	if exp > MaxDecimalDigits {
		return fmt.Errorf("more than %d digits before the decimal point: %w", MaxDecimalDigits, ErrRange)
	}
	if exp < -(MaxDecimalScale + maxCoefficientDigits) {
		return fmt.Errorf("more than %d digits after the decimal point: %w", MaxDecimalScale, ErrRange)
	}
	// NumDigits allocates nothing for coefficients that fit an int64 and
	// takes time proportional to the coefficient's size otherwise.
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

// maxCoefficientDigits bounds the significant digits checkDec accepts:
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

// formatDec renders d in plain notation with exactly its own scale, never
// depending on the decimal package's global settings.
func formatDec(d decimal.Decimal) string {
	if exp := d.Exponent(); exp < -(MaxDecimalScale+maxCoefficientDigits) || exp > 2*MaxDecimalDigits {
		// A hostile exponent (a value Validate rejects) prints in
		// scientific form, so its text stays as short as its coefficient
		// instead of taking billions of zeros.
		return d.Coefficient().String() + "e" + strconv.Itoa(int(exp))
	}
	if exp := d.Exponent(); exp < 0 {
		return d.StringFixed(-exp)
	}
	return d.StringFixed(0)
}

// Decimal is an exact unitless decimal number (a weight, a quantity, a
// threshold, a factor). It is a small immutable value: operations return
// new values, and no operation rounds unless its name says so. It decodes
// only through [ParseDecimal] (rejecting hostile input) and encodes as a
// JSON string in plain notation ("12.50"). JSON numbers are accepted on
// input as well, read as their exact decimal text.
//
// The zero value is 0. Compare values with [Decimal.Equal] or
// [Decimal.Cmp], never ==: 1.5 and 1.50 are equal numbers with different
// representations.
type Decimal struct {
	d decimal.Decimal
}

// NewDecimal returns coef × 10^exp: NewDecimal(1250, -2) is 12.50.
func NewDecimal(coef int64, exp int32) Decimal { return Decimal{d: decimal.New(coef, exp)} }

// DecimalFromInt returns the integer n as a Decimal.
func DecimalFromInt(n int64) Decimal { return Decimal{d: decimal.NewFromInt(n)} }

// MustDecimal is like [ParseDecimal] but panics on error. It is meant for
// tests and literals in examples, never for host input.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Validate reports an error wrapping [ErrRange] when d lies outside the
// range every decoder accepts (see [ParseDecimal]): more than
// [MaxDecimalDigits] integer digits, more than [MaxDecimalScale] fraction
// digits, or a hostile representation. Values built by arithmetic can
// leave that range (a product keeps every digit); functions that take
// decimals from a host check them with Validate.
func (d Decimal) Validate() error {
	if err := checkDec(d.d); err != nil {
		return fmt.Errorf("partnerops: decimal: %w", err)
	}
	return nil
}

// Add returns d + o.
func (d Decimal) Add(o Decimal) Decimal { return Decimal{d: fastdec.Add(d.d, o.d)} }

// Sub returns d - o.
func (d Decimal) Sub(o Decimal) Decimal { return Decimal{d: fastdec.Sub(d.d, o.d)} }

// Mul returns d × o, exactly (the scale is the sum of both scales).
func (d Decimal) Mul(o Decimal) Decimal { return Decimal{d: safeMul(d.d, o.d)} }

// safeMul multiplies like the decimal package but returns zero with the
// clamped exponent instead of panicking when the exponents' sum overflows;
// only hostile values (which Validate rejects) get there.
func safeMul(a, b decimal.Decimal) decimal.Decimal {
	e := int64(a.Exponent()) + int64(b.Exponent())
	if e > math.MaxInt32 || e < math.MinInt32 {
		if e > math.MaxInt32 {
			return decimal.New(0, math.MaxInt32)
		}
		return decimal.New(0, math.MinInt32)
	}
	return fastdec.Mul(a, b)
}

// Quo returns d ÷ o rounded once, from the exact quotient, to places digits
// after the decimal point with mode. A zero o gives an error wrapping
// [ErrDivisionByZero].
func (d Decimal) Quo(o Decimal, places int32, mode RoundingMode) (Decimal, error) {
	if o.d.IsZero() {
		return Decimal{}, fmt.Errorf("partnerops: dividing %s by zero: %w", d, ErrDivisionByZero)
	}
	q := new(big.Rat).SetFrac(d.d.Coefficient(), o.d.Coefficient())
	shift := d.d.Exponent() - o.d.Exponent()
	if shift != 0 {
		p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs32(shift))), nil))
		if shift > 0 {
			q.Mul(q, p)
		} else {
			q.Quo(q, p)
		}
	}
	return Decimal{d: roundRatTo(q, places, mode)}, nil
}

func abs32(n int32) int32 {
	if n < 0 {
		return -n
	}
	return n
}

// Neg returns -d.
func (d Decimal) Neg() Decimal { return Decimal{d: fastdec.Neg(d.d)} }

// Abs returns |d|.
func (d Decimal) Abs() Decimal { return Decimal{d: fastdec.Abs(d.d)} }

// Cmp compares d and o: -1 if d < o, 0 if equal, +1 if d > o.
func (d Decimal) Cmp(o Decimal) int { return d.d.Cmp(o.d) }

// Equal reports whether d and o are numerically equal (1.5 equals 1.50).
func (d Decimal) Equal(o Decimal) bool { return d.d.Equal(o.d) }

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int { return d.d.Sign() }

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.d.IsZero() }

// IsNegative reports whether d < 0.
func (d Decimal) IsNegative() bool { return d.d.Sign() < 0 }

// IsPositive reports whether d > 0.
func (d Decimal) IsPositive() bool { return d.d.Sign() > 0 }

// IsInteger reports whether d has no fractional part.
func (d Decimal) IsInteger() bool { return d.d.IsInteger() }

// Int64 returns d as an int64 when d is an integer that fits; ok is false
// otherwise.
func (d Decimal) Int64() (n int64, ok bool) {
	if !d.d.IsInteger() {
		return 0, false
	}
	bi := d.d.BigInt()
	if !bi.IsInt64() {
		return 0, false
	}
	return bi.Int64(), true
}

// Scale returns the number of digits after the decimal point in d's
// representation (2 for 1.50, 0 for 1e3).
func (d Decimal) Scale() int32 {
	if e := d.d.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// Round rounds d to places digits after the decimal point with mode
// (negative places round to tens, hundreds, ...). The argument order,
// places then mode, is the same on [Money.RoundTo] and [Percent.Round].
func (d Decimal) Round(places int32, mode RoundingMode) Decimal {
	return Decimal{d: roundDec(d.d, places, mode)}
}

// RoundToIncrement rounds d to a multiple of increment with mode, as cash
// rounding (0.05) or price-point rounding (10) needs, from the exact
// quotient d ÷ increment. The increment must be positive; otherwise the
// error wraps [ErrInvalid].
func (d Decimal) RoundToIncrement(increment Decimal, mode RoundingMode) (Decimal, error) {
	if increment.d.Sign() <= 0 {
		return Decimal{}, fmt.Errorf("partnerops: rounding increment %s must be positive: %w", increment, ErrInvalid)
	}
	q := d.d.Rat()
	q.Quo(q, increment.d.Rat())
	n := roundRat(q, mode)
	return Decimal{d: decimal.NewFromBigInt(n, 0).Mul(increment.d)}, nil
}

// String renders d in plain notation with exactly its own scale ("1.50"
// stays "1.50", 1e3 is "1000"), whatever the decimal package's global
// settings say.
func (d Decimal) String() string { return formatDec(d.d) }

// MarshalText implements [encoding.TextMarshaler].
func (d Decimal) MarshalText() ([]byte, error) { return []byte(formatDec(d.d)), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] through [ParseDecimal].
func (d *Decimal) UnmarshalText(b []byte) error {
	if len(b) > MaxDecimalLength {
		return fmt.Errorf("partnerops: parsing decimal: longer than %d bytes: %w", MaxDecimalLength, ErrSyntax)
	}
	v, err := parseDec(string(b))
	if err != nil {
		return err
	}
	d.d = v
	return nil
}

// MarshalJSON encodes d as a JSON string such as "12.50".
func (d Decimal) MarshalJSON() ([]byte, error) {
	return json.Marshal(formatDec(d.d))
}

// UnmarshalJSON accepts a JSON string or number holding a decimal.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s, err := decimalJSONText(b)
	if err != nil {
		return err
	}
	return d.UnmarshalText([]byte(s))
}

// JSONShape describes the JSON a Decimal decodes from; decoders quote it in
// their errors.
func (Decimal) JSONShape() string { return `a decimal string like "12.5"` }

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

// roundDec rounds d to places digits after the decimal point (negative
// places round to tens, hundreds, ...) with mode m. An invalid mode rounds
// half up.
func roundDec(d decimal.Decimal, places int32, m RoundingMode) decimal.Decimal {
	return fastdec.Round(d, places, uint8(m))
}

// roundRatTo rounds the exact rational q to places digits after the decimal
// point with mode m: the one rounding step every exact quotient takes.
func roundRatTo(q *big.Rat, places int32, m RoundingMode) decimal.Decimal {
	if places >= 0 {
		q = new(big.Rat).Mul(q, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	} else {
		q = new(big.Rat).Quo(q, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-places)), nil)))
	}
	return decimal.NewFromBigInt(roundRat(q, m), -places)
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
