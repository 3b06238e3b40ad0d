package fit

import (
	"math"
	"math/bits"
	"slices"
)

// The scoring loop runs over steps: criteria compiled once more, after
// validation, into the form that costs least per entity. A step keeps
// what the loop reads first together (operation, presence bit, value
// word, weight), folds negation into its tables, and turns every kind
// into a table lookup or a short scan:
//
//   - equals and one_of: the credit of a match and of no match;
//   - value_points: the credit of each symbol;
//   - set_overlap: the credit of each count of shared members;
//   - bands: the credit of each interval between the band bounds;
//   - range: the bounds and a reciprocal, so that interpolating divides
//     by multiplying;
//   - present and predicate: the credit when present or holding.
//
// fitCrit.eval is the reference the steps agree with (Explain uses it;
// TestPropFitStepsAgreeWithEval and the step tests hold the scoring loop
// to it for every criterion kind).

// Step operations.
const (
	fitStepEquals    uint8 = iota // c1 when the value is want, else c0
	fitStepOneOf                  // c1 when the value is in mask, else c0
	fitStepPoints                 // tab[value]
	fitStepBands                  // tab[number of cuts at or below the value]
	fitStepRange                  // interpolation between lo and hi
	fitStepOverlap                // tab[shared members, at most need]
	fitStepPresent                // c1 when present, else c0
	fitStepPredicate              // c1 when the predicate holds, else c0
)

// fitStep is a criterion compiled for the scoring loop: 48 bytes that
// the loop reads for every criterion, and, in fitStepData, what some
// kinds read besides.
type fitStep struct {
	op uint8
	// must is 1 for a must-have; missZero and missDisq are 1 when a
	// missing attribute scores 0 (its weight counts) or disqualifies
	// (neither: it is left out). They are numbers, not bools, so that
	// the loop combines them without branching.
	must, missZero, missDisq uint8
	pw                       uint32 // presence word
	pbit                     uint64 // presence bit within word pw
	off                      uint32 // first value word
	want                     uint32 // equals: the symbol (or 1 for true)
	// c0 and c1 are the credits of no match and of a match (equals,
	// one_of, present, predicate), negation included.
	c0, c1 int32
	// word is the first word of the wanted members (one_of,
	// set_overlap).
	word uint64
	// weight is the criterion's weight scaled by 10^4.
	weight int64
}

// fitStepData is what a step reads besides its fitStep.
type fitStepData struct {
	tab  []int64  // value_points: credit by symbol; bands: by interval; set_overlap: by shared members (at most need)
	cuts []int64  // bands: interval starts, increasing
	mask []uint64 // one_of, set_overlap: the wanted members
	// lo and hi bound a range (lo < hi); recip is floor(2^64 / (hi-lo))
	// when (hi-lo) × fitCreditUnit fits in 63 bits, else 0; down says
	// that from is above to (lower is better).
	lo, hi int64
	span   uint64 // hi - lo
	recip  uint64
	down   bool
	pred   Predicate
}

// compileSteps builds the steps of m's criteria.
func (m *Model) compileSteps() {
	m.steps = make([]fitStep, len(m.crits))
	m.stepData = make([]fitStepData, len(m.crits))
	for i := range m.crits {
		c := &m.crits[i]
		s, x := &m.steps[i], &m.stepData[i]
		s.must, s.weight = uint8(fitB2U(c.mustHave)), c.weight
		s.pw, s.pbit, s.off = uint32(c.bit>>6), 1<<(c.bit&63), uint32(c.off)
		s.missZero = uint8(fitB2U(c.missing != MissingNeutral && c.missing != MissingDisqualify))
		s.missDisq = uint8(fitB2U(c.missing == MissingDisqualify))
		neg := func(credit int64) int64 {
			if c.negate {
				return fitCreditUnit - credit
			}
			return credit
		}
		s.c0, s.c1 = int32(neg(0)), int32(neg(fitCreditUnit))
		if len(c.mask) > 0 {
			s.word, x.mask = c.mask[0], c.mask
		}
		switch c.op {
		case fitOpEquals:
			s.op, s.want = fitStepEquals, uint32(c.want)
		case fitOpOneOf:
			s.op = fitStepOneOf
		case fitOpValuePoints: // never negated
			s.op, x.tab = fitStepPoints, c.table
		case fitOpBands:
			s.op = fitStepBands
			x.cuts, x.tab = fitBandCuts(c.bands)
		case fitOpRange:
			s.op = fitStepRange
			x.lo, x.hi, x.down = c.from, c.to, c.from > c.to
			if x.down {
				x.lo, x.hi = c.to, c.from
			}
			x.span = uint64(x.hi - x.lo)
			if x.span > 1 && x.span <= math.MaxInt64/fitCreditUnit {
				x.recip, _ = bits.Div64(1, 0, x.span)
			}
		case fitOpSetOverlap:
			s.op = fitStepOverlap
			x.tab = make([]int64, c.need+1)
			for n := range x.tab {
				x.tab[n] = neg(int64(n) * fitCreditUnit / c.need)
			}
		case fitOpPresent:
			s.op = fitStepPresent
		case fitOpPredicate:
			s.op, x.pred = fitStepPredicate, c.pred
		}
	}
}

// fitBandCuts turns non-overlapping bands into increasing cuts and the
// credit of each interval: credits[k] is the credit of the values with k
// cuts at or below them (0 between and outside the bands).
func fitBandCuts(bands []fitBand) (cuts, credits []int64) {
	sorted := slices.Clone(bands)
	slices.SortFunc(sorted, func(a, b fitBand) int {
		switch {
		case !a.hasLo:
			return -1
		case !b.hasLo:
			return 1
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	credits = []int64{0}
	for _, b := range sorted {
		switch n := len(cuts); {
		case !b.hasLo: // the first band, open below
			credits[0] = b.credit
		case n > 0 && cuts[n-1] == b.lo: // starts where the last one ends
			credits[n] = b.credit
		default:
			cuts = append(cuts, b.lo)
			credits = append(credits, b.credit)
		}
		if b.hasHi {
			cuts = append(cuts, b.hi)
			credits = append(credits, 0)
		}
	}
	return cuts, credits
}

// bandCredit returns the credit of the band holding v (0 when none does).
func (s *fitStepData) bandCredit(v int64) int64 {
	// The cuts increase: the interval is the number of cuts at or below
	// v, counted without a branch on v.
	k := uint64(0)
	for _, c := range s.cuts {
		k += fitB2U(v >= c)
	}
	return s.tab[k]
}

// rangeCredit interpolates v between the bounds, truncating to a
// millionth of the weight: (v - lo) / (hi - lo), or (hi - v) / (hi - lo)
// when lower is better, clamped to 0 and full credit. It agrees with
// fitCrit.rangeCredit, and takes no branch that depends on v (such
// branches, mispredicted on mixed data, cost more than the arithmetic).
func (s *fitStepData) rangeCredit(v int64) int64 {
	d := s.rangeDist(v)
	if s.recip == 0 {
		return fitWideCredit(d, s.span)
	}
	return s.recipCredit(d)
}

// rangeDist returns v's distance from the bound of no credit, clamped
// to the span: 0 <= d <= hi - lo (which may exceed MaxInt64).
func (s *fitStepData) rangeDist(v int64) uint64 {
	vc := min(max(v, s.lo), s.hi)
	if s.down {
		return uint64(s.hi - vc)
	}
	return uint64(vc - s.lo)
}

// recipCredit returns floor(d × 10^6 / span) through the reciprocal: d ×
// 10^6 <= span × 10^6 < 2^63, and the product with the reciprocal gives
// the quotient or one less.
func (s *fitStepData) recipCredit(d uint64) int64 {
	x := d * fitCreditUnit
	q, _ := bits.Mul64(x, s.recip)
	return int64(q + fitB2U((q+1)*s.span <= x))
}

// fitWideCredit returns floor(d × 10^6 / span) through 128 bits, for
// spans too wide for the reciprocal (d <= span).
//
//go:noinline
func fitWideCredit(d, span uint64) int64 {
	hiW, loW := bits.Mul64(d, fitCreditUnit)
	q, _ := bits.Div64(hiW, loW, span)
	return int64(q)
}

// fitB2U is 1 for true, 0 for false, without a branch.
func fitB2U(b bool) uint64 {
	var u uint64
	if b {
		u = 1
	}
	return u
}

// score scores e (built by m): the steps' weighted credits over the
// weight of the criteria not left out, truncated to hundredths, with e's
// coverage and grade.
//
// The loop takes no branch that depends on the entity's values, except
// to call predicates and for one_of and value_points symbols beyond the
// first 64: each step selects its credit, counts its weight when the
// attribute is present or scores 0 when missing, and records a
// disqualification, which is acted on after the loop. Mispredicted
// branches on mixed data cost more than the few operations this adds.
func (m *Model) score(e *Entity) Score {
	var num, den int64
	var disq uint64
	vals := e.vals
	steps, data := m.steps, m.stepData
	data = data[:len(steps)]
	pres0 := vals[0] // the presence word of the first 64 attributes
	for i := range steps {
		s := &steps[i]
		pres := pres0
		if s.pw != 0 {
			pres = vals[s.pw]
		}
		has := pres&s.pbit != 0
		c0, c1 := int64(s.c0), int64(s.c1)
		var credit int64
		switch s.op {
		case fitStepEquals:
			credit = fitSel(vals[s.off] == uint64(s.want), c1, c0)
		case fitStepOneOf:
			v := vals[s.off]
			hit := s.word&(1<<(v&63)) != 0
			if v >= 64 {
				x := &data[i]
				hit = v>>6 < uint64(len(x.mask)) && x.mask[v>>6]&(1<<(v&63)) != 0
			}
			credit = fitSel(hit, c1, c0)
		case fitStepPoints:
			if x, v := &data[i], vals[s.off]; v < uint64(len(x.tab)) {
				credit = x.tab[v]
			}
		case fitStepBands:
			credit = data[i].bandCredit(int64(vals[s.off]))
		case fitStepRange:
			x := &data[i] // x.rangeCredit, inlined
			d := x.rangeDist(int64(vals[s.off]))
			if x.recip == 0 {
				credit = fitWideCredit(d, x.span)
			} else {
				credit = x.recipCredit(d)
			}
		case fitStepOverlap:
			x := &data[i]
			n := bits.OnesCount64(vals[s.off] & s.word)
			if len(x.mask) > 1 {
				w := vals[s.off:]
				for k, b := range x.mask[1:] {
					n += bits.OnesCount64(w[k+1] & b)
				}
			}
			credit = x.tab[min(n, len(x.tab)-1)]
		case fitStepPresent:
			credit, has = fitSel(has, c1, c0), true
		default:
			credit, has = fitSel(data[i].pred(e), c1, c0), true
		}
		// A missing attribute scores 0 and counts its weight (missZero),
		// is left out, or disqualifies (missDisq); a must-have earning
		// nothing disqualifies unless left out. In 0/1 arithmetic.
		h := fitB2U(has)
		counted := h | uint64(s.missZero)
		credit &= -int64(h)
		w := s.weight & -int64(counted)
		disq |= (1-h)&uint64(s.missDisq) | uint64(s.must)&counted&fitB2U(credit == 0)
		num += w * credit
		den += w
	}
	if disq != 0 {
		return m.disqualified(e)
	}
	var h int16
	if den > 0 {
		h = int16(fitQuo(uint64(num), uint64(den)*(fitCreditUnit/fitScoreUnit)))
	}
	return m.grade(h, m.coverage(m.seen(e)))
}

// fitSel returns a if c, else b, without a branch.
func fitSel(c bool, a, b int64) int64 {
	if c {
		b = a
	}
	return b
}

// fitQuo returns floor(n / d) for n < 2^63, 0 < d < 2^63 and a quotient of
// at most 10,000 (a score in hundredths): a float64 estimate, off by one
// at most, corrected exactly, which is cheaper than an integer division.
func fitQuo(n, d uint64) uint64 {
	q := uint64(float64(n) / float64(d))
	r := int64(n) - int64(q*d) // n and q × d are below 2^63
	return q - fitB2U(r < 0) + fitB2U(r >= int64(d))
}
