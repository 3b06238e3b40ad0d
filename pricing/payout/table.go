package payout

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/partnerops/partnerops"
)

// tableInst is a rate table resolved for one request: bounds in measure
// units (attainment bounds placed on the quota) and the gate's state
// applied to gated tiers.
type tableInst struct {
	t      *cTable
	from   []int64
	to     int64
	mult   []int64
	amount []int64
	retro  []bool
	gated  []bool // gated tiers paying a fallback
	rates  []partnerops.Percent
	places int32
	mode   partnerops.RoundingMode
}

// resolve places the table on a quota (attainment bounds) and applies a
// closed gate (open false) to gated tiers. A bound in attainment is
// quota × from ÷ 100 rounded up to the 6-decimal grid measures live on,
// so "the measure reaches the tier" is decided exactly.
func (t *cTable) resolve(quota int64, open bool, places int32, mode partnerops.RoundingMode) (*tableInst, bool) {
	n := len(t.from)
	ti := &tableInst{t: t, from: t.from, to: t.to, mult: t.mult, amount: t.amount, retro: t.retro, places: places, mode: mode}
	if t.basis == BasisAttainment {
		ti.from = make([]int64, n)
		for i, f := range t.from {
			b, ok := mul128(quota, f).roundDiv(100*pow10u[amountScale], partnerops.RoundCeiling)
			if !ok || b > maxFixed {
				return nil, false
			}
			ti.from[i] = b
		}
		if t.to != 0 {
			b, ok := mul128(quota, t.to).roundDiv(100*pow10u[amountScale], partnerops.RoundCeiling)
			if !ok || b > maxFixed {
				return nil, false
			}
			ti.to = b
		}
	}
	rates := t.rates
	if !open && contains(t.gated, true) {
		ti.mult = append([]int64(nil), t.mult...)
		ti.amount = append([]int64(nil), t.amount...)
		ti.retro = append([]bool(nil), t.retro...)
		ti.gated = make([]bool, n)
		rates = append([]partnerops.Percent(nil), t.rates...)
		for i := range n {
			if !t.gated[i] {
				continue
			}
			ti.gated[i] = true
			ti.mult[i], ti.retro[i], rates[i] = 0, false, partnerops.Percent{}
			ti.amount[i] = 0
			for j := i - 1; j >= 0; j-- {
				if !t.gated[j] {
					ti.mult[i], rates[i] = t.mult[j], t.rates[j]
					if t.mode == TierFlat {
						ti.amount[i] = t.amount[j]
						ti.retro[i] = true
					}
					break
				}
			}
			if t.mode == TierFlat {
				ti.retro[i] = true
			}
		}
	}
	ti.rates = rates
	return ti, true
}

func contains(bs []bool, v bool) bool {
	for _, b := range bs {
		if b == v {
			return true
		}
	}
	return false
}

// tierOf returns the highest tier whose bound m reaches, or -1.
func (ti *tableInst) tierOf(m int64) int {
	t := -1
	for i, f := range ti.from {
		if m < f {
			break
		}
		t = i
	}
	return t
}

// end returns the upper bound of tier k (math.MaxInt64 for the last,
// open tier).
func (ti *tableInst) end(k int) int64 {
	if k+1 < len(ti.from) {
		return ti.from[k+1]
	}
	if ti.to != 0 {
		return ti.to
	}
	return math.MaxInt64
}

// earn returns what measure m earns, rounded once to the currency's minor
// units (at scale 6), and the tier reached. ok is false when a value
// leaves the supported range.
func (ti *tableInst) earn(m int64) (int64, int, bool) {
	t := ti.tierOf(m)
	if t < 0 {
		return 0, -1, true
	}
	unit := int64(pow10u[amountScale-ti.places])
	switch {
	case ti.t.mode == TierInterpolated:
		return ti.earnInterpolated(m, t)
	case ti.t.value == valueAmount:
		return ti.amount[t], t, true
	}
	r := -1
	for k := t; k >= 0; k-- {
		if ti.retro[k] {
			r = k
			break
		}
	}
	var acc i128
	ok := true
	if r >= 0 {
		acc = mul128(ti.mult[r], min(m, ti.end(r)))
	}
	for k := r + 1; k <= t; k++ {
		slice := min(m, ti.end(k)) - ti.from[k]
		if r < 0 && k == 0 {
			slice = min(m, ti.end(0)) - ti.from[0]
		}
		var ok2 bool
		acc, ok2 = acc.add(mul128(ti.mult[k], slice))
		ok = ok && ok2
	}
	if !ok {
		return 0, t, false
	}
	q, ok := acc.roundDiv(pow10u[earnScale-ti.places], ti.mode)
	if !ok {
		return 0, t, false
	}
	v, ok := mul64(q, unit)
	return v, t, ok
}

// earnInterpolated: the full earnings of the tiers below t plus tier t's
// earning prorated by how far m is into it, the fraction rounded once.
func (ti *tableInst) earnInterpolated(m int64, t int) (int64, int, bool) {
	var full int64
	for k := 0; k < t; k++ {
		var ok bool
		if full, ok = add64(full, ti.amount[k]); !ok {
			return 0, t, false
		}
	}
	end := ti.end(t)
	if m >= end {
		v, ok := add64(full, ti.amount[t])
		return v, t, ok
	}
	width := end - ti.from[t]
	x := mul128(m-ti.from[t], ti.amount[t]) // scale 12
	// x ÷ width is at scale 6; at the currency's places: ÷ (width × 10^(6−places)).
	hi, lo := mulU(uint64(width), pow10u[amountScale-ti.places])
	var q int64
	if hi == 0 && lo <= math.MaxInt64 {
		var ok bool
		q, ok = x.roundDiv(lo, ti.mode)
		if !ok {
			return 0, t, false
		}
	} else {
		d := new(big.Int).Mul(big.NewInt(width), new(big.Int).SetUint64(pow10u[amountScale-ti.places]))
		r := roundRat(x.big(), d, ti.mode)
		if !r.IsInt64() {
			return 0, t, false
		}
		q = r.Int64()
	}
	v, ok := mul64(q, int64(pow10u[amountScale-ti.places]))
	if !ok {
		return 0, t, false
	}
	s, ok := add64(full, v)
	return s, t, ok
}

func mulU(a, b uint64) (uint64, uint64) { return bits.Mul64(a, b) }

// curveEarn returns target × payout(attainment) ÷ 100 for measure m and
// quota q (attainment = 100 m ÷ q), rounded once, and the segment used
// (-1 below the first point).
func (c *cCurve) earn(m, q int64, target *big.Rat, places int32, mode partnerops.RoundingMode) (int64, int, bool) {
	// Attainment in percent at scale 6: a6 = 10^8 × m ÷ q, compared exactly
	// as m × 10^8 against x × q.
	n := len(c.x)
	seg := -1
	for i := range n {
		if cmp128(mul128(m, 100_000_000), mul128(c.x[i], q)) < 0 {
			break
		}
		seg = i
	}
	if seg < 0 {
		return 0, -1, true
	}
	// y(A) in percent (real): A = 100 m / q.
	a := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(m), big.NewInt(100)), big.NewInt(q))
	var y *big.Rat
	switch {
	case seg == n-1 && !c.extend:
		y = ratScaled(c.y[seg])
	default:
		i, j := seg, seg+1
		if seg == n-1 {
			i, j = n-2, n-1
		}
		x0, x1 := ratScaled(c.x[i]), ratScaled(c.x[j])
		y0, y1 := ratScaled(c.y[i]), ratScaled(c.y[j])
		// y = y0 + (A − x0)(y1 − y0)/(x1 − x0)
		num := new(big.Rat).Sub(a, x0)
		num.Mul(num, new(big.Rat).Sub(y1, y0))
		num.Quo(num, new(big.Rat).Sub(x1, x0))
		y = num.Add(num, y0)
	}
	e := new(big.Rat).Mul(target, y)
	e.Quo(e, big.NewRat(100, 1))
	v, ok := roundRatFixed(e.Num(), e.Denom(), places, mode)
	return v, seg, ok
}

// ratScaled returns v (at scale 6) as a rational.
func ratScaled(v int64) *big.Rat { return big.NewRat(v, int64(pow10u[amountScale])) }

func cmp128(a, b i128) int {
	switch {
	case a.neg && !b.neg:
		if a.isZero() && b.isZero() {
			return 0
		}
		return -1
	case !a.neg && b.neg:
		return 1
	case a.neg:
		return -cmpMag(a, b)
	}
	return cmpMag(a, b)
}
