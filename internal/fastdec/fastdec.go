// Package fastdec computes with shopspring decimal values whose
// coefficients fit in 64 bits without the decimal package's allocations,
// and hands out values built from shared backing arrays ([Slab]).
//
// The decimal package allocates two or more times per operation: a
// big.Int, its coefficient's words, and a rescaled copy of an operand
// when the exponents differ. The functions here compute the same result
// in machine words and build it with one allocation, a struct holding
// the big.Int and its one-word backing array. They return exactly what
// the decimal package returns (the same coefficient and exponent, so the
// same String and JSON): [Add] and [Sub] keep the smaller exponent, [Mul]
// adds the exponents, [Round] gives the exponent -places. Operands whose
// coefficients do not fit in 64 bits, products and sums that overflow,
// and exponents near the int32 limits go to the decimal package itself.
//
// The layout assumption: a decimal.Decimal is {value *big.Int; exp
// int32}, and the decimal package never modifies a value's big.Int in
// place (every result gets a new one), so a value built here is as
// immutable as any other. [LayoutOK] checks the assumption with reflect
// when the program starts; when it fails, every function falls back to
// the decimal package. TestLayout pins it. The module's other layout
// assumption, that partnerops.Decimal is one decimal.Decimal, is in
// internal/fence.
//
// Only this module's packages can import fastdec; it is not part of the
// API.
//
// # Performance
//
// The Money row of issue 20: partnerops.Money adding, multiplying and
// rounding half even (bench module, BenchmarkMoneyAddMulRound) against
// raw shopspring doing the same (BenchmarkRawDecimalAddMulRound); target
// at or under 1.02 times raw. Before: the morning's run on the idle
// machine. After: medians of -count=6 (benchstat), the old and new test
// binaries alternating on the shared 2-vCPU VM under load (load average
// 3 to 8), so both sides' wall times are inflated alike; the ratio is
// BenchmarkMoneyPair's, CPU time of both sides run alternately in one
// process; instructions are valgrind callgrind's inside each side's work
// function (GOGC=2000), which the load does not change:
//
//	                      before                       after                        target
//	Money                 236 ns, 9 allocs, 264 B      131 ns, 3 allocs, 144 B
//	raw shopspring        220 ns, 9 allocs, 264 B      276 ns, 9 allocs, 264 B
//	ratio                 1.07 (wall)                  0.46 (CPU, pair)             1.02
//	instructions per op   3,222 Money, 3,233 raw       1,350 Money, 3,166 raw
//
// On the quiet machine afterwards (load average about 1, medians of 6):
// Money 114 ns against raw 227 ns (0.50x), and the pair's ratio 0.46
// (0.44 to 0.49).
//
// In the root package's benchmarks (the same conditions) Money.Add went
// from 84 to 57 ns (2 allocations to 1), Money.Round from 243 to 57 ns
// (8 to 1), Money.Mul from 82 to 68 ns (2 to 1).
package fastdec

import (
	"math"
	"math/big"
	"math/bits"
	"reflect"
	"unsafe"

	"github.com/shopspring/decimal"
)

// layout mirrors decimal.Decimal.
type layout struct {
	value *big.Int
	exp   int32
}

// LayoutOK reports whether layout matches decimal.Decimal field for field.
var LayoutOK = layoutMatches(reflect.TypeFor[decimal.Decimal]())

func layoutMatches(rt reflect.Type) bool {
	lt := reflect.TypeFor[layout]()
	if rt.Kind() != reflect.Struct || rt.Size() != lt.Size() || rt.Align() != lt.Align() || rt.NumField() != lt.NumField() {
		return false
	}
	for i := range lt.NumField() {
		if rt.Field(i).Type != lt.Field(i).Type || rt.Field(i).Offset != lt.Field(i).Offset {
			return false
		}
	}
	return true
}

// parts returns d's coefficient (nil for the zero Decimal) and exponent.
// Call it only when LayoutOK.
func parts(d *decimal.Decimal) (*big.Int, int32) {
	l := (*layout)(unsafe.Pointer(d))
	return l.value, l.exp
}

// Make returns the decimal v × 10^exp holding v itself, not a copy; the
// caller must never modify v afterwards. Without LayoutOK it copies v.
func Make(v *big.Int, exp int32) decimal.Decimal {
	if !LayoutOK {
		return decimal.NewFromBigInt(v, exp)
	}
	l := layout{value: v, exp: exp}
	return *(*decimal.Decimal)(unsafe.Pointer(&l))
}

// words is the number of big.Words that hold 64 bits.
const words = 64 / bits.UintSize

// small returns v as a sign and a 64-bit magnitude; ok is false when the
// magnitude needs more than 64 bits.
func small(v *big.Int) (neg bool, mag uint64, ok bool) {
	if v == nil {
		return false, 0, true
	}
	b := v.Bits()
	switch {
	case len(b) == 0:
		return false, 0, true
	case len(b) > words:
		return false, 0, false
	}
	mag = uint64(b[0])
	if words == 2 && len(b) == 2 {
		mag |= uint64(b[len(b)-1]) << 32
	}
	return v.Sign() < 0, mag, true
}

// cell is a big.Int with its backing array: one allocation per value.
type cell struct {
	i big.Int
	w [words]big.Word
}

// setWords stores mag in w and returns the words in use.
func setWords(w *[words]big.Word, mag uint64) []big.Word {
	w[0] = big.Word(mag)
	if words == 2 {
		w[words-1] = big.Word(mag >> 32)
	}
	return w[:]
}

// build returns ±mag × 10^exp in one allocation.
func build(neg bool, mag uint64, exp int32) decimal.Decimal {
	c := new(cell)
	c.i.SetBits(setWords(&c.w, mag))
	if neg && mag != 0 {
		c.i.Neg(&c.i)
	}
	return Make(&c.i, exp)
}

// pow10 holds the powers of ten that fit in a uint64.
var pow10 = [...]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// scaleUp returns m × 10^k (k >= 0); ok is false when it overflows.
func scaleUp(m uint64, k int64) (uint64, bool) {
	if m == 0 {
		return 0, true
	}
	if k >= int64(len(pow10)) {
		return 0, false
	}
	hi, lo := bits.Mul64(m, pow10[k])
	return lo, hi == 0
}

// Add returns a + b, exactly as a.Add(b).
func Add(a, b decimal.Decimal) decimal.Decimal {
	if LayoutOK {
		if d, ok := add(&a, &b, false); ok {
			return d
		}
	}
	return a.Add(b)
}

// Sub returns a - b, exactly as a.Sub(b).
func Sub(a, b decimal.Decimal) decimal.Decimal {
	if LayoutOK {
		if d, ok := add(&a, &b, true); ok {
			return d
		}
	}
	return a.Sub(b)
}

// add returns a + b (a - b with negB) at the smaller exponent when every
// step fits in 64 bits.
func add(a, b *decimal.Decimal, negB bool) (decimal.Decimal, bool) {
	av, ae := parts(a)
	bv, be := parts(b)
	an, am, ok := small(av)
	if !ok {
		return decimal.Decimal{}, false
	}
	bn, bm, ok := small(bv)
	if !ok {
		return decimal.Decimal{}, false
	}
	bn = bn != negB
	exp := ae
	switch {
	case ae > be:
		am, ok = scaleUp(am, int64(ae)-int64(be))
		exp = be
	case ae < be:
		bm, ok = scaleUp(bm, int64(be)-int64(ae))
	}
	if !ok {
		return decimal.Decimal{}, false
	}
	if an == bn {
		s, carry := bits.Add64(am, bm, 0)
		if carry != 0 {
			return decimal.Decimal{}, false
		}
		return build(an, s, exp), true
	}
	if am >= bm {
		return build(an, am-bm, exp), true
	}
	return build(bn, bm-am, exp), true
}

// Mul returns a × b, exactly as a.Mul(b); like it, it panics when the
// exponents' sum overflows an int32 (check before calling).
func Mul(a, b decimal.Decimal) decimal.Decimal {
	if LayoutOK {
		if d, ok := mul(&a, &b); ok {
			return d
		}
	}
	return a.Mul(b)
}

func mul(a, b *decimal.Decimal) (decimal.Decimal, bool) {
	av, ae := parts(a)
	bv, be := parts(b)
	e := int64(ae) + int64(be)
	if e > math.MaxInt32 || e < math.MinInt32 {
		return decimal.Decimal{}, false
	}
	an, am, ok := small(av)
	if !ok {
		return decimal.Decimal{}, false
	}
	bn, bm, ok := small(bv)
	if !ok {
		return decimal.Decimal{}, false
	}
	hi, lo := bits.Mul64(am, bm)
	if hi != 0 {
		return decimal.Decimal{}, false
	}
	return build(an != bn, lo, int32(e)), true
}

// Rounding modes, numbered as partnerops.RoundingMode numbers them; any
// other number rounds half up.
const (
	HalfUp uint8 = iota
	HalfEven
	Down
	Up
	Ceiling
	Floor
)

// Round rounds d to places digits after the decimal point with mode,
// exactly as the decimal package's method for the mode does (Round,
// RoundBank, RoundDown, RoundUp, RoundCeil, RoundFloor).
func Round(d decimal.Decimal, places int32, mode uint8) decimal.Decimal {
	if LayoutOK {
		if r, ok := round(&d, places, mode); ok {
			return r
		}
	}
	return slowRound(d, places, mode)
}

// slowRound is Round with the decimal package alone.
func slowRound(d decimal.Decimal, places int32, mode uint8) decimal.Decimal {
	switch mode {
	case HalfEven:
		return d.RoundBank(places)
	case Down:
		return d.RoundDown(places)
	case Up:
		return d.RoundUp(places)
	case Ceiling:
		return d.RoundCeil(places)
	case Floor:
		return d.RoundFloor(places)
	}
	return d.Round(places)
}

// maxPlaces bounds the places the fast path takes: the decimal package
// negates places and steps one beyond, which wraps near the int32 limits.
const maxPlaces = math.MaxInt32 - 2

func round(d *decimal.Decimal, places int32, mode uint8) (decimal.Decimal, bool) {
	if places > maxPlaces || places < -maxPlaces {
		return decimal.Decimal{}, false
	}
	v, e := parts(d)
	neg, m, ok := small(v)
	if !ok {
		return decimal.Decimal{}, false
	}
	k := -int64(places) - int64(e) // digits dropped
	switch {
	case k == 0:
		// The decimal package returns d itself or an equal copy.
		return *d, true
	case k < 0:
		m, ok = scaleUp(m, -k)
		if !ok {
			return decimal.Decimal{}, false
		}
		return build(neg, m, -places), true
	}
	// q is m truncated to places; r the dropped digits; half compares r
	// with half of 10^k (-1 below, 0 at, +1 above).
	var q, r uint64
	half := -1
	if k < int64(len(pow10)) {
		p := pow10[k]
		q, r = m/p, m%p
		switch rest := p - r; {
		case r > rest:
			half = 1
		case r == rest:
			half = 0
		}
	} else {
		// 10^k exceeds twice any 64-bit magnitude.
		r = m
	}
	var away bool
	switch mode {
	case HalfEven:
		away = half > 0 || half == 0 && q&1 == 1
	case Down:
	case Up:
		away = r != 0
	case Ceiling:
		away = r != 0 && !neg
	case Floor:
		away = r != 0 && neg
	default:
		away = half >= 0
	}
	if away {
		q++ // q <= m/10: no overflow
	}
	return build(neg, q, -places), true
}

// Neg returns -d, exactly as d.Neg().
func Neg(d decimal.Decimal) decimal.Decimal {
	if LayoutOK {
		v, e := parts(&d)
		if neg, m, ok := small(v); ok {
			return build(!neg, m, e)
		}
	}
	return d.Neg()
}

// Abs returns |d|, exactly as d.Abs(): d itself when it is not negative.
func Abs(d decimal.Decimal) decimal.Decimal {
	if LayoutOK && d.Sign() < 0 {
		v, e := parts(&d)
		if _, m, ok := small(v); ok {
			return build(false, m, e)
		}
	}
	return d.Abs()
}
