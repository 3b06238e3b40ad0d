package fit

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
	"pgregory.net/rapid"
)

// fitRefScore scores e criterion by criterion through fitCrit.eval, the
// reference the compiled steps must agree with (the scoring loop as it
// was before steps).
func (m *Model) fitRefScore(e *Entity) Score {
	var num, den int64
	for i := range m.crits {
		c := &m.crits[i]
		credit, st := c.eval(e)
		if st >= fitNeutral {
			if st == fitNeutral {
				continue
			}
			return m.disqualified(e)
		}
		if c.mustHave && credit == 0 {
			return m.disqualified(e)
		}
		num += c.weight * credit
		den += c.weight
	}
	var h int16
	if den > 0 {
		q, _ := fixed.Ratio(num, den*fitCreditUnit, fitScoreUnit)
		h = int16(q)
	}
	return m.grade(h, m.coverage(m.seen(e)))
}

// fitGenStepCriterion draws the criteria fitGenCriterion does, plus bool
// equals, predicates, bands with gaps and ranges with large bounds.
func fitGenStepCriterion(t *rapid.T, id string) CriterionDef {
	switch rapid.IntRange(0, 9).Draw(t, "extra kind") {
	case 0:
		return CriterionDef{ID: id, Kind: CriterionEquals, Attribute: "hiring", Weight: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 50).Draw(t, "weight"))),
			Value: strconv.FormatBool(rapid.Bool().Draw(t, "value")), Negate: rapid.Bool().Draw(t, "negate"),
			Missing: rapid.SampledFrom([]MissingPolicy{"", MissingNeutral, MissingDisqualify}).Draw(t, "missing"), MustHave: rapid.IntRange(0, 5).Draw(t, "must") == 0}
	case 1:
		return CriterionDef{ID: id, Kind: CriterionPredicate, Predicate: "big", Weight: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 50).Draw(t, "weight"))),
			Negate: rapid.Bool().Draw(t, "negate"), MustHave: rapid.IntRange(0, 5).Draw(t, "must") == 0}
	case 2:
		return CriterionDef{ID: id, Kind: CriterionBands, Attribute: "employees", Weight: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 50).Draw(t, "weight"))),
			Bands: fitGenBands(t), Missing: rapid.SampledFrom([]MissingPolicy{"", MissingNeutral, MissingDisqualify}).Draw(t, "missing")}
	case 3:
		from := fitGenNumber(t, "from")
		to := fitGenNumber(t, "to")
		if to.Equal(from) {
			to = partnerops.NewDecimal(0, 0)
			if from.IsZero() {
				to = partnerops.NewDecimal(1, 0)
			}
		}
		return CriterionDef{ID: id, Kind: CriterionRange, Attribute: "employees", Weight: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 50).Draw(t, "weight"))),
			From: &from, To: &to}
	}
	return fitGenCriterion(t, id)
}

// fitGenNumber draws a number attribute value anywhere in the documented
// range (magnitude below 9×10^14, 4 fraction digits), often at its ends.
func fitGenNumber(t *rapid.T, label string) partnerops.Decimal {
	lim := int64(fitNumberLimit - 1)
	n := rapid.Int64Range(-lim, lim).Draw(t, label)
	if rapid.IntRange(0, 3).Draw(t, label+" at an end") == 0 {
		n = rapid.SampledFrom([]int64{-lim, -lim + 1, lim - 1, lim}).Draw(t, label+" end")
	}
	return partnerops.NewDecimal(n, -fitNumberPlaces)
}

// fitGenBands draws 1 to 4 non-overlapping bands, with or without gaps
// between them and open ends.
func fitGenBands(t *rapid.T) []Band {
	cuts := rapid.SliceOfNDistinct(rapid.IntRange(-3000, 3000), 2, 8, rapid.ID[int]).Draw(t, "cuts")
	slices.Sort(cuts)
	var bands []Band
	for i := 0; i+1 < len(cuts); i++ {
		if rapid.IntRange(0, 3).Draw(t, "skip") == 0 {
			continue // a gap
		}
		b := Band{Min: fitDP(strconv.Itoa(cuts[i])), Max: fitDP(strconv.Itoa(cuts[i+1])), Points: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "points")))}
		bands = append(bands, b)
	}
	if len(bands) == 0 || rapid.Bool().Draw(t, "open below") {
		bands = append([]Band{{Max: fitDP(strconv.Itoa(cuts[0])), Points: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "points")))}}, bands...)
	}
	if rapid.Bool().Draw(t, "open above") {
		bands = append(bands, Band{Min: fitDP(strconv.Itoa(cuts[len(cuts)-1])), Points: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "points")))})
	}
	// Definition order does not have to be increasing.
	perm := rapid.Permutation(bands).Draw(t, "order")
	return perm
}

// The compiled steps score every entity exactly as the criteria's eval
// does: same score, coverage, grade and disqualification.
func TestPropFitStepsAgreeWithEval(t *testing.T) {
	big := WithPredicate("big", func(e *Entity) bool {
		v, ok := e.Number("employees")
		return ok && v.Cmp(partnerops.DecimalFromInt(500)) >= 0
	})
	rapid.Check(t, func(t *rapid.T) {
		def := fitSampleDef()
		def.Criteria = nil
		for i := range rapid.IntRange(1, 10).Draw(t, "criteria") {
			def.Criteria = append(def.Criteria, fitGenStepCriterion(t, fmt.Sprintf("c%d", i)))
		}
		def.Criteria[0].Weight = partnerops.DecimalFromInt(int64(rapid.IntRange(1, 100).Draw(t, "w0")))
		if rapid.Bool().Draw(t, "min coverage") {
			def.MinCoverage = partnerops.NewPercent(partnerops.DecimalFromInt(int64(rapid.IntRange(1, 100).Draw(t, "cov"))))
		}
		m := fitMustCompile(t, def, big)
		attrs := fitGenAttrs(t)
		if rapid.Bool().Draw(t, "has hiring") {
			attrs["hiring"] = strconv.FormatBool(rapid.Bool().Draw(t, "hiring"))
		}
		if rapid.Bool().Draw(t, "large employees") {
			attrs["employees"] = fitGenNumber(t, "employees").String()
		}
		e, err := m.EntityFromAttributes("e", attrs)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := m.score(&e), m.fitRefScore(&e); got != want {
			t.Fatalf("steps score %v, eval %v", got, want)
		}
	})
}

// A range step interpolates as the criterion does, on both sides of the
// fast path (spans whose product with 10^6 fits 63 bits, and larger).
func TestPropFitStepRangeCredit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lim := int64(fitNumberLimit - 1)
		pick := func(label string) int64 {
			if rapid.Bool().Draw(t, label+" small") {
				return rapid.Int64Range(-1e6, 1e6).Draw(t, label)
			}
			return rapid.Int64Range(-lim, lim).Draw(t, label)
		}
		from := pick("from")
		to := pick("to")
		if from == to {
			t.Skip("from equals to")
		}
		c := fitCrit{op: fitOpRange, from: from, to: to, missing: MissingZero}
		m := &Model{crits: []fitCrit{c}}
		m.compileSteps()
		s := &m.stepData[0]
		for range 20 {
			v := pick("v")
			if rapid.Bool().Draw(t, "near") {
				v = rapid.SampledFrom([]int64{from - 1, from, from + 1, to - 1, to, to + 1}).Draw(t, "edge")
			}
			if got, want := s.rangeCredit(v), c.rangeCredit(v); got != want {
				t.Fatalf("range %d to %d at %d: step %d, criterion %d", from, to, v, got, want)
			}
		}
	})
}

// Band steps give every value the credit of the band holding it, or 0.
func TestPropFitStepBands(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p partnerops.Problems
		bands := fitCompileBands(&p, "bands", fitGenBands(t))
		if err := p.Err(); err != nil {
			t.Fatal(err)
		}
		c := fitCrit{op: fitOpBands, bands: bands, missing: MissingZero}
		m := &Model{crits: []fitCrit{c}}
		m.compileSteps()
		s := &m.stepData[0]
		var edges []int64
		for _, b := range bands {
			edges = append(edges, b.lo-1, b.lo, b.lo+1, b.hi-1, b.hi, b.hi+1)
		}
		edges = append(edges, math.MinInt64, math.MaxInt64)
		for _, v := range edges {
			if got, want := s.bandCredit(v), c.bandCredit(v); got != want {
				t.Fatalf("bands %+v at %d: step %d, criterion %d", bands, v, got, want)
			}
		}
	})
}

// fitQuo is floor division for scores.
func TestPropFitQuo(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.Uint64Range(1, 256*MaxWeight*fitNumberScale*100).Draw(t, "d")
		q := rapid.Uint64Range(0, fitScoreUnit).Draw(t, "q")
		r := rapid.Uint64Range(0, d-1).Draw(t, "r")
		n := q*d + r
		if q == fitScoreUnit {
			n = q * d // a score never exceeds 100
		}
		if got := fitQuo(n, d); got != n/d {
			t.Fatalf("fitQuo(%d, %d) = %d, want %d", n, d, got, n/d)
		}
	})
}
