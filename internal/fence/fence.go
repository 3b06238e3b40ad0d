// Package fence converts between the root package's exported decimal types
// and the shopspring/decimal values the pillars compute with internally.
//
// The decimal fence: no exported signature of the module names
// shopspring's decimal.Decimal. Pillars still compute with it inside, on
// hot paths, so they need to cross the fence without a copy. The root
// [partnerops.Decimal] is a struct with a single decimal.Decimal field, so
// its memory layout is exactly that field's; [Dec] and [Wrap] reinterpret
// one as the other, which costs nothing. TestLayout pins the assumption.
// The module's other layout assumption, shopspring's own layout, is in
// internal/fastdec, which [Slab] builds on.
//
// Only this module's packages can import fence; it is not part of the API.
package fence

import (
	"unsafe"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fastdec"
)

// Dec returns the shopspring value inside d.
func Dec(d partnerops.Decimal) decimal.Decimal {
	return *(*decimal.Decimal)(unsafe.Pointer(&d))
}

// Wrap returns v as a partnerops.Decimal.
func Wrap(v decimal.Decimal) partnerops.Decimal {
	return *(*partnerops.Decimal)(unsafe.Pointer(&v))
}

// Parse parses s with [partnerops.ParseDecimal].
func Parse(s string) (decimal.Decimal, error) {
	d, err := partnerops.ParseDecimal(s)
	return Dec(d), err
}

// Check reports whether v lies in the range every decoder accepts
// ([partnerops.Decimal.Validate]).
func Check(v decimal.Decimal) error { return Wrap(v).Validate() }

// Format renders v in plain notation with its own scale, independent of
// the decimal package's global settings.
func Format(v decimal.Decimal) string { return Wrap(v).String() }

// Round rounds v to places digits with mode.
func Round(v decimal.Decimal, places int32, mode partnerops.RoundingMode) decimal.Decimal {
	return Dec(Wrap(v).Round(places, mode))
}

// Quo divides exactly and rounds once ([partnerops.Decimal.Quo]).
func Quo(a, b decimal.Decimal, places int32, mode partnerops.RoundingMode) (decimal.Decimal, error) {
	q, err := Wrap(a).Quo(Wrap(b), places, mode)
	return Dec(q), err
}

// RoundToIncrement rounds v to a multiple of increment with mode.
func RoundToIncrement(v, increment decimal.Decimal, mode partnerops.RoundingMode) (decimal.Decimal, error) {
	r, err := Wrap(v).RoundToIncrement(Wrap(increment), mode)
	return Dec(r), err
}

// Amount returns m's amount as a shopspring value.
func Amount(m partnerops.Money) decimal.Decimal { return Dec(m.Amount()) }

// Money returns v in currency c ([partnerops.NewMoney], which validates).
func Money(v decimal.Decimal, c partnerops.Currency) (partnerops.Money, error) {
	return partnerops.NewMoney(Wrap(v), c)
}

// MulMoney returns m × v, unrounded.
func MulMoney(m partnerops.Money, v decimal.Decimal) partnerops.Money { return m.Mul(Wrap(v)) }

// Pct returns p's number of percent (12.5 for 12.5%).
func Pct(p partnerops.Percent) decimal.Decimal { return Dec(p.Decimal()) }

// Frac returns p as a fraction (0.125 for 12.5%).
func Frac(p partnerops.Percent) decimal.Decimal { return Dec(p.Fraction()) }

// Percent returns v percent.
func Percent(v decimal.Decimal) partnerops.Percent { return partnerops.NewPercent(Wrap(v)) }

// PercentFromFraction returns the percentage whose fraction is v.
func PercentFromFraction(v decimal.Decimal) partnerops.Percent {
	return partnerops.PercentFromFraction(Wrap(v))
}

// Decs converts a slice of partnerops.Decimal without copying its values'
// coefficients.
func Decs(ds []partnerops.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ds))
	for i, d := range ds {
		out[i] = Dec(d)
	}
	return out
}

// Wraps converts a slice of shopspring values.
func Wraps(vs []decimal.Decimal) []partnerops.Decimal {
	out := make([]partnerops.Decimal, len(vs))
	for i, v := range vs {
		out[i] = Wrap(v)
	}
	return out
}

// Slab hands out the Decimal values of a result from shared backing
// arrays ([fastdec.Slab]): a result of n values costs a few allocations
// instead of two per value. The zero Slab is ready to use; it is not safe
// for concurrent use.
type Slab struct {
	s fastdec.Slab
}

// Reserve makes room for n more values in one allocation, unless the slab
// has room for n already.
func (s *Slab) Reserve(n int) { s.s.Reserve(n) }

// Dec returns c × 10^exp, as [partnerops.NewDecimal] does.
func (s *Slab) Dec(c int64, exp int32) partnerops.Decimal { return Wrap(s.s.New(c, exp)) }
