package partnerops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops/internal/fastdec"
)

// Currency is an ISO 4217 alphabetic code such as "USD". The zero value is
// "no currency", used only by the zero [Money].
type Currency string

// Common currencies.
const (
	USD Currency = "USD"
	EUR Currency = "EUR"
	GBP Currency = "GBP"
	JPY Currency = "JPY"
)

// ParseCurrency accepts a known ISO 4217 code in any letter case and returns
// it in upper case. Unknown codes give an error wrapping [ErrUnknownCurrency].
func ParseCurrency(s string) (Currency, error) {
	c := Currency(strings.ToUpper(strings.TrimSpace(s)))
	if !c.Valid() {
		return "", fmt.Errorf("partnerops: parsing currency %q: %w", s, ErrUnknownCurrency)
	}
	return c, nil
}

// Valid reports whether c is a known ISO 4217 code in upper case.
func (c Currency) Valid() bool {
	// One bit per three-letter code: a few instructions and no map
	// lookup, so that NewMoney is cheap enough for hot paths that build
	// many amounts (TestCurrencyValidMatchesTable checks it against the
	// table).
	i, ok := codeIndex(c)
	return ok && knownCodes[i/64]&(1<<(i%64)) != 0
}

// codeIndex numbers the three-letter upper-case codes AAA..ZZZ from 0.
func codeIndex(c Currency) (uint, bool) {
	if len(c) != 3 {
		return 0, false
	}
	var i uint
	for k := range 3 {
		l := c[k] - 'A'
		if l >= 26 {
			return 0, false
		}
		i = i*26 + uint(l)
	}
	return i, true
}

// knownCodes has bit codeIndex(c) set for every code in minorUnits.
var knownCodes = func() (bits [26*26*26/64 + 1]uint64) {
	for c := range minorUnits {
		i, _ := codeIndex(c)
		bits[i/64] |= 1 << (i % 64)
	}
	return bits
}()

// MinorUnits returns the number of digits after the decimal point of c's
// minor unit: 2 for USD, 0 for JPY, 3 for KWD. It returns 2 for an unknown
// code, which validation rejects before any amount is computed.
func (c Currency) MinorUnits() int32 {
	// A switch over the codes whose minor unit is not 2, packed three
	// letters to an integer, costs a few integer comparisons and no map
	// lookup on every rounding (TestMinorUnitsSwitch checks it against
	// the table).
	if len(c) != 3 {
		return 2
	}
	switch uint32(c[0])<<16 | uint32(c[1])<<8 | uint32(c[2]) {
	case 'B'<<16 | 'I'<<8 | 'F',
		'C'<<16 | 'L'<<8 | 'P',
		'D'<<16 | 'J'<<8 | 'F',
		'G'<<16 | 'N'<<8 | 'F',
		'I'<<16 | 'S'<<8 | 'K',
		'J'<<16 | 'P'<<8 | 'Y',
		'K'<<16 | 'M'<<8 | 'F',
		'K'<<16 | 'R'<<8 | 'W',
		'P'<<16 | 'Y'<<8 | 'G',
		'R'<<16 | 'W'<<8 | 'F',
		'U'<<16 | 'G'<<8 | 'X',
		'U'<<16 | 'Y'<<8 | 'I',
		'V'<<16 | 'N'<<8 | 'D',
		'V'<<16 | 'U'<<8 | 'V',
		'X'<<16 | 'A'<<8 | 'F',
		'X'<<16 | 'O'<<8 | 'F',
		'X'<<16 | 'P'<<8 | 'F':
		return 0
	case 'B'<<16 | 'H'<<8 | 'D',
		'I'<<16 | 'Q'<<8 | 'D',
		'J'<<16 | 'O'<<8 | 'D',
		'K'<<16 | 'W'<<8 | 'D',
		'L'<<16 | 'Y'<<8 | 'D',
		'O'<<16 | 'M'<<8 | 'R',
		'T'<<16 | 'N'<<8 | 'D':
		return 3
	case 'C'<<16 | 'L'<<8 | 'F',
		'U'<<16 | 'Y'<<8 | 'W':
		return 4
	}
	return 2
}

// String returns the code.
func (c Currency) String() string { return string(c) }

// Money is an exact amount in one currency. It is a small immutable value:
// operations return new values. The zero value is zero in no currency; it
// takes part in no arithmetic with a real currency (use [Zero] for a
// currency's zero).
//
// Arithmetic that combines two amounts ([Money.Add], [Money.Sub],
// [Money.Cmp]) returns an error wrapping [ErrCurrencyMismatch] when the
// currencies differ. Amounts are never rounded implicitly: round at
// documented points with [Money.Round] or [Money.RoundTo], naming the mode.
//
// Money encodes to JSON as {"amount":"12.34","currency":"USD"}. Do not
// compare Money values with ==: 1.5 and 1.50 are equal amounts with
// different representations; use [Money.Equal] or [Money.Cmp].
type Money struct {
	amount   decimal.Decimal
	currency Currency
}

// NewMoney returns amount in currency c. The currency must be known;
// amount must pass [Decimal.Validate].
func NewMoney(amount Decimal, c Currency) (Money, error) {
	if !c.Valid() {
		return Money{}, fmt.Errorf("partnerops: money in %q: %w", string(c), ErrUnknownCurrency)
	}
	if err := checkDec(amount.d); err != nil {
		return Money{}, fmt.Errorf("partnerops: money amount %s: %w", formatDec(amount.d), err)
	}
	return Money{amount: amount.d, currency: c}, nil
}

// ParseMoney parses a decimal amount (see [ParseDecimal]) in currency c.
func ParseMoney(amount string, c Currency) (Money, error) {
	d, err := ParseDecimal(amount)
	if err != nil {
		return Money{}, err
	}
	return NewMoney(d, c)
}

// MustMoney is like [ParseMoney] but panics on error. It is meant for tests
// and literals in examples, never for host input.
func MustMoney(amount string, c Currency) Money {
	m, err := ParseMoney(amount, c)
	if err != nil {
		panic(err)
	}
	return m
}

// Zero returns zero in currency c. Zero does not validate c.
func Zero(c Currency) Money { return Money{currency: c} }

// MoneyFromMinor returns units minor units of c: MoneyFromMinor(1234, USD)
// is 12.34 USD; MoneyFromMinor(1234, JPY) is 1234 JPY.
func MoneyFromMinor(units int64, c Currency) (Money, error) {
	if !c.Valid() {
		return Money{}, fmt.Errorf("partnerops: money in %q: %w", string(c), ErrUnknownCurrency)
	}
	return Money{amount: decimal.New(units, -c.MinorUnits()), currency: c}, nil
}

// Amount returns the amount.
func (m Money) Amount() Decimal { return Decimal{d: m.amount} }

// Currency returns the currency.
func (m Money) Currency() Currency { return m.currency }

// IsZero reports whether the amount is zero (in any currency).
//
// encoding/json's omitzero option calls IsZero, so a Money field tagged
// omitzero leaves out every zero amount, currency included, and decodes
// back as the zero Money. Tag a field omitzero only when a missing amount
// may stand for zero in the context's currency, and then treat a zero
// amount there as that zero whatever its currency (never refuse "0 EUR"
// in a USD book: its JSON would be accepted). An input where a given zero
// differs from a missing amount is a *Money.
func (m Money) IsZero() bool { return m.amount.IsZero() }

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.amount.Sign() < 0 }

// IsPositive reports whether the amount is above zero.
func (m Money) IsPositive() bool { return m.amount.Sign() > 0 }

// Sign returns -1, 0 or +1.
func (m Money) Sign() int { return m.amount.Sign() }

// String renders the amount in plain notation and the currency: "12.50 USD".
// The amount is not rounded.
func (m Money) String() string {
	if m.currency == "" {
		return formatDec(m.amount)
	}
	return formatDec(m.amount) + " " + string(m.currency)
}

// StringFixed renders the amount rounded half up to the currency's minor
// units: "12.50 USD", "1235 JPY". Use it for display only.
func (m Money) StringFixed() string {
	s := m.amount.StringFixed(m.currency.MinorUnits())
	if m.currency == "" {
		return s
	}
	return s + " " + string(m.currency)
}

func (m Money) sameCurrency(o Money, op string) error {
	if m.currency != o.currency {
		return fmt.Errorf("partnerops: %s %s and %s: %w", op, m.currency, o.currency, ErrCurrencyMismatch)
	}
	return nil
}

// Add returns m + o. The currencies must match.
func (m Money) Add(o Money) (Money, error) {
	if err := m.sameCurrency(o, "adding"); err != nil {
		return Money{}, err
	}
	return Money{amount: fastdec.Add(m.amount, o.amount), currency: m.currency}, nil
}

// Sub returns m - o. The currencies must match.
func (m Money) Sub(o Money) (Money, error) {
	if err := m.sameCurrency(o, "subtracting"); err != nil {
		return Money{}, err
	}
	return Money{amount: fastdec.Sub(m.amount, o.amount), currency: m.currency}, nil
}

// Cmp compares m and o: -1 if m < o, 0 if equal, +1 if m > o. The
// currencies must match.
func (m Money) Cmp(o Money) (int, error) {
	if err := m.sameCurrency(o, "comparing"); err != nil {
		return 0, err
	}
	return m.amount.Cmp(o.amount), nil
}

// Equal reports whether m and o have the same currency and numerically
// equal amounts (1.5 USD equals 1.50 USD).
func (m Money) Equal(o Money) bool {
	return m.currency == o.currency && m.amount.Equal(o.amount)
}

// Mul returns m times the unitless factor f, unrounded.
func (m Money) Mul(f Decimal) Money {
	return Money{amount: safeMul(m.amount, f.d), currency: m.currency}
}

// MulInt returns m times n, unrounded.
func (m Money) MulInt(n int64) Money {
	return Money{amount: fastdec.Mul(m.amount, decimal.NewFromInt(n)), currency: m.currency}
}

// Neg returns -m.
func (m Money) Neg() Money { return Money{amount: fastdec.Neg(m.amount), currency: m.currency} }

// Abs returns |m|.
func (m Money) Abs() Money { return Money{amount: fastdec.Abs(m.amount), currency: m.currency} }

// Round rounds m to its currency's minor units with mode.
func (m Money) Round(mode RoundingMode) Money {
	return m.RoundTo(m.currency.MinorUnits(), mode)
}

// RoundTo rounds m to places digits after the decimal point with mode.
func (m Money) RoundTo(places int32, mode RoundingMode) Money {
	return Money{amount: roundDec(m.amount, places, mode), currency: m.currency}
}

// Ratio returns m / o, the share one amount is of another (an effective
// discount, a margin), rounded once from the exact quotient to places
// digits with mode. The currencies must match; a zero o gives an error
// wrapping [ErrDivisionByZero].
func (m Money) Ratio(o Money, places int32, mode RoundingMode) (Decimal, error) {
	if err := m.sameCurrency(o, "dividing"); err != nil {
		return Decimal{}, err
	}
	if o.amount.IsZero() {
		return Decimal{}, fmt.Errorf("partnerops: dividing %s by zero: %w", m, ErrDivisionByZero)
	}
	return Decimal{d: m.amount}.Quo(Decimal{d: o.amount}, places, mode)
}

// InCurrency returns m in currency c when m has no currency yet (an amount
// decoded from a bare decimal string inside a definition whose currency is
// fixed elsewhere), or m itself when it is already in c. A zero amount
// is zero in every currency: in another currency it becomes zero in c
// (JSON leaves zero amounts of omitzero fields out, so a definition that
// refused "0 EUR" in a USD book would accept its own stored copy). A
// non-zero amount in another currency gives an error wrapping
// [ErrCurrencyMismatch]; an unknown c gives one wrapping
// [ErrUnknownCurrency].
func (m Money) InCurrency(c Currency) (Money, error) {
	if !c.Valid() {
		return Money{}, fmt.Errorf("partnerops: money in %q: %w", string(c), ErrUnknownCurrency)
	}
	if m.currency == c {
		return m, nil
	}
	if m.currency == "" || m.amount.IsZero() {
		return Money{amount: m.amount, currency: c}, nil
	}
	return Money{}, fmt.Errorf("partnerops: amount %s where %s is fixed: %w", m, c, ErrCurrencyMismatch)
}

// Sum adds amounts in currency c. An empty list sums to [Zero](c); any
// amount in another currency gives an error wrapping [ErrCurrencyMismatch].
func Sum(c Currency, amounts ...Money) (Money, error) {
	total := decimal.Zero
	for i, a := range amounts {
		if a.currency != c {
			return Money{}, fmt.Errorf("partnerops: summing amount %d (%s) into %s: %w", i, a.currency, c, ErrCurrencyMismatch)
		}
		total = fastdec.Add(total, a.amount)
	}
	return Money{amount: total, currency: c}, nil
}

// MinorUnitsValue returns m as a whole number of its currency's minor units
// (12.34 USD is 1234). It fails with an error wrapping [ErrRange] when m
// has more precision than the currency's minor unit or does not fit an int64.
func (m Money) MinorUnitsValue() (int64, error) {
	scaled := m.amount.Shift(m.currency.MinorUnits())
	if !scaled.IsInteger() {
		return 0, fmt.Errorf("partnerops: %s is finer than %s minor units: %w", m, m.currency, ErrRange)
	}
	bi := scaled.BigInt()
	if !bi.IsInt64() {
		return 0, fmt.Errorf("partnerops: %s in minor units overflows int64: %w", m, ErrRange)
	}
	return bi.Int64(), nil
}

// Allocate splits m into len(weights) parts proportional to the weights,
// in the currency's minor units, so that the parts sum exactly to m: each
// part gets the whole minor units of its exact share and the units left
// over go, one each, to the parts with the largest remainders (ties to the
// earlier part). Parts with equal weights therefore differ by at most one
// minor unit.
//
// m must be exact in minor units (round it first); weights must be
// non-negative with a positive sum. Negative amounts are allocated as the
// negation of allocating their absolute value.
func (m Money) Allocate(weights ...Decimal) ([]Money, error) {
	if len(weights) == 0 {
		return nil, fmt.Errorf("partnerops: allocating %s: no weights: %w", m, ErrInvalid)
	}
	places := m.currency.MinorUnits()
	scaled := m.amount.Shift(places)
	if !scaled.IsInteger() {
		return nil, fmt.Errorf("partnerops: allocating %s: amount is finer than %s minor units; round it first: %w", m, m.currency, ErrInvalid)
	}
	total := scaled.BigInt()
	neg := total.Sign() < 0
	total.Abs(total)

	// Scale the weights to integers with a common exponent.
	minExp := int32(0)
	for i, wd := range weights {
		w := wd.d
		if w.Sign() < 0 {
			return nil, fmt.Errorf("partnerops: allocating %s: weight %d is negative (%s): %w", m, i, formatDec(w), ErrInvalid)
		}
		if err := checkDec(w); err != nil {
			return nil, fmt.Errorf("partnerops: allocating %s: weight %d: %w", m, i, err)
		}
		if e := w.Exponent(); e < minExp {
			minExp = e
		}
	}
	ints := make([]*big.Int, len(weights))
	sum := new(big.Int)
	for i, w := range weights {
		ints[i] = w.d.Shift(-minExp).BigInt()
		sum.Add(sum, ints[i])
	}
	if sum.Sign() == 0 {
		return nil, fmt.Errorf("partnerops: allocating %s: weights sum to zero: %w", m, ErrDivisionByZero)
	}

	shares := make([]*big.Int, len(weights))
	rems := make([]*big.Int, len(weights))
	allotted := new(big.Int)
	for i, w := range ints {
		prod := new(big.Int).Mul(total, w)
		q, r := new(big.Int).QuoRem(prod, sum, new(big.Int))
		shares[i], rems[i] = q, r
		allotted.Add(allotted, q)
	}
	left := new(big.Int).Sub(total, allotted).Int64() // < len(weights)
	if left > 0 {
		// The left-over units go to the largest remainders, ties to the
		// earlier part: one stable sort, n log n in the number of parts.
		order := make([]int, len(rems))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
		one := big.NewInt(1)
		for _, i := range order[:left] {
			shares[i].Add(shares[i], one)
		}
	}
	out := make([]Money, len(weights))
	for i, s := range shares {
		if neg {
			s.Neg(s)
		}
		out[i] = Money{amount: decimal.NewFromBigInt(s, -places), currency: m.currency}
	}
	return out, nil
}

// Split divides m into n parts that differ by at most one minor unit and
// sum exactly to m; earlier parts get the extra units. See [Money.Allocate].
func (m Money) Split(n int) ([]Money, error) {
	if n <= 0 {
		return nil, fmt.Errorf("partnerops: splitting %s into %d parts: %w", m, n, ErrInvalid)
	}
	w := make([]Decimal, n)
	for i := range w {
		w[i] = Decimal{d: decimal.NewFromInt(1)}
	}
	return m.Allocate(w...)
}

type moneyJSON struct {
	Amount   json.RawMessage `json:"amount"`
	Currency string          `json:"currency"`
}

// MarshalJSON encodes m as {"amount":"12.34","currency":"USD"}, the amount
// in plain notation with its own scale. An amount with no currency (see
// [Money.InCurrency]) other than the zero Money encodes as the bare
// string "12.34", as it was written.
func (m Money) MarshalJSON() ([]byte, error) {
	if m.currency == "" && !m.amount.IsZero() {
		return json.Marshal(formatDec(m.amount))
	}
	var b bytes.Buffer
	b.WriteString(`{"amount":"`)
	b.WriteString(formatDec(m.amount))
	b.WriteString(`","currency":"`)
	b.WriteString(string(m.currency))
	b.WriteString(`"}`)
	return b.Bytes(), nil
}

// UnmarshalJSON decodes {"amount":"12.34","currency":"USD"} or a bare
// decimal string "12.34". The amount goes through [ParseDecimal] (a JSON
// number is accepted for it as well). The currency must be known when it
// is given. A bare string, or an object with an empty currency, decodes to
// an amount with no currency, for definitions that fix the currency once
// (a price book's entries): the definition's compile step places it with
// [Money.InCurrency]. Unknown keys are an error.
func (m *Money) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		s, err := decimalJSONText(b)
		if err != nil {
			return fmt.Errorf("partnerops: decoding money: want %s: %w", Money{}.JSONShape(), err)
		}
		d, err := parseDec(s)
		if err != nil {
			return fmt.Errorf("partnerops: decoding money: want %s: %w", Money{}.JSONShape(), err)
		}
		*m = Money{amount: d}
		return nil
	}
	// Keys match exactly ("Amount" is not "amount"): encoding/json alone
	// would match them regardless of case.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil || fields == nil {
		return fmt.Errorf("partnerops: decoding money: want %s: %w", Money{}.JSONShape(), ErrSyntax)
	}
	var raw moneyJSON
	for k, v := range fields {
		switch k {
		case "amount":
			raw.Amount = v
		case "currency":
			if err := json.Unmarshal(v, &raw.Currency); err != nil {
				return fmt.Errorf("partnerops: decoding money: currency: want a string like \"USD\": %w", ErrSyntax)
			}
		default:
			return fmt.Errorf("partnerops: decoding money: unknown key %q; want %s: %w", k, Money{}.JSONShape(), ErrSyntax)
		}
	}
	if raw.Amount == nil {
		return fmt.Errorf("partnerops: decoding money: missing amount: %w", ErrSyntax)
	}
	s, err := decimalJSONText(raw.Amount)
	if err != nil {
		return err
	}
	d, err := parseDec(s)
	if err != nil {
		return err
	}
	if raw.Currency == "" {
		*m = Money{amount: d}
		return nil
	}
	c, err := ParseCurrency(raw.Currency)
	if err != nil {
		return err
	}
	*m = Money{amount: d, currency: c}
	return nil
}

// JSONShape describes the JSON a Money decodes from; decoders quote it in
// their errors.
func (Money) JSONShape() string {
	return `a decimal string like "100.00" or {"amount":"100.00","currency":"USD"}`
}
