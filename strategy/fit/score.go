package fit

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// Score is the fast result of scoring one entity: the score (0 to 100,
// in hundredths), its grade, its coverage and whether a must-have or a
// missing-attribute policy disqualified the entity. A disqualified entity
// scores 0 and gets the lowest grade. A score whose coverage is below the
// model's MinCoverage is flagged LowCoverage and gets no grade (Grade is
// "").
//
// Score is a small comparable value; == compares it fully. The zero
// value is a score of 0 with no grade and no coverage. It encodes to JSON
// as {"score":"87.50","grade":"A","coverage":"100.00"}, with
// "disqualified":true or "low_coverage":true when set.
type Score struct {
	Grade        Grade
	Disqualified bool
	LowCoverage  bool
	// hc holds the score in hundredths (low 16 bits, 0 to 10,000) and
	// the coverage in hundredths of a percent (high 16 bits): one field,
	// so that a Score has four fields and the compiler keeps it in
	// registers on the scoring path.
	hc uint32
}

// fitMakeScore packs a score.
func fitMakeScore(g Grade, disq, low bool, h, cov int16) Score {
	return Score{Grade: g, Disqualified: disq, LowCoverage: low, hc: uint32(uint16(h)) | uint32(uint16(cov))<<16}
}

func (s Score) hundredths() int16 { return int16(s.hc & 0xffff) }
func (s Score) coverage() int16   { return int16(s.hc >> 16) }

// Hundredths returns the score in hundredths of a point (8750 is 87.50).
func (s Score) Hundredths() int32 { return int32(s.hundredths()) }

// Coverage returns the share of the model's criteria weight that the
// entity had data for, in percent with 2 fraction digits, truncated:
// criteria whose attribute was missing (scored 0, left out as neutral, or
// disqualifying) count as unobserved; present and predicate criteria are
// always observed. 100% means nothing was missing.
func (s Score) Coverage() partnerops.Percent { return fixed.Hundredths(int64(s.coverage())) }

// Equal reports whether s and o are the same score, grade, coverage and
// state (the same as ==; it lets go-cmp compare Score values).
func (s Score) Equal(o Score) bool { return s == o }

// Decimal returns the score as a decimal with 2 fraction digits (87.50).
func (s Score) Decimal() partnerops.Decimal { return partnerops.NewDecimal(int64(s.hundredths()), -2) }

// String renders the score as "87.50 (A)", "0.00 (D, disqualified)",
// "71.87 (B, coverage 80.00%)" when data was missing, or "71.87 (low
// coverage 40.00%)" for a score refused a grade.
func (s Score) String() string {
	cov := ""
	if s.coverage() < fitScoreUnit {
		cov = ", coverage " + s.Coverage().String()
	}
	switch {
	case s.Disqualified:
		return fmt.Sprintf("%s (%s, disqualified)", fitHundredths(s.hundredths()), s.Grade)
	case s.LowCoverage:
		return fmt.Sprintf("%s (low coverage %s)", fitHundredths(s.hundredths()), s.Coverage())
	}
	return fmt.Sprintf("%s (%s%s)", fitHundredths(s.hundredths()), s.Grade, cov)
}

// fitScoreJSON is the JSON form of a Score.
type fitScoreJSON struct {
	Score        partnerops.Decimal `json:"score"`
	Grade        Grade              `json:"grade"`
	Coverage     partnerops.Percent `json:"coverage"`
	Disqualified bool               `json:"disqualified,omitempty"`
	LowCoverage  bool               `json:"low_coverage,omitempty"`
}

// MarshalJSON encodes s as {"score":"87.50","grade":"A","coverage":"100.00"}
// (with "disqualified":true or "low_coverage":true when set).
func (s Score) MarshalJSON() ([]byte, error) {
	return json.Marshal(fitScoreJSON{Score: s.Decimal(), Grade: s.Grade, Coverage: s.Coverage(),
		Disqualified: s.Disqualified, LowCoverage: s.LowCoverage})
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly (unknown keys
// are errors). The score and the coverage must lie between 0 and 100 with
// at most 2 fraction digits.
func (s *Score) UnmarshalJSON(b []byte) error {
	var v fitScoreJSON
	if err := strict.Decode(b, &v, strict.Options{}); err != nil {
		return err
	}
	var p partnerops.Problems
	h, ok := fixed.ScaledDec(v.Score, 2)
	if !ok || h < 0 || h > fitScoreUnit {
		p.AddWrapped("score", "must be between 0 and 100 with at most 2 fraction digits", partnerops.ErrRange)
	}
	c, ok := fixed.ScaledDec(v.Coverage.Decimal(), 2)
	if !ok || c < 0 || c > fitScoreUnit {
		p.AddWrapped("coverage", "must be between 0 and 100 with at most 2 fraction digits", partnerops.ErrRange)
	}
	if err := p.Err(); err != nil {
		return err
	}
	*s = fitMakeScore(v.Grade, v.Disqualified, v.LowCoverage, int16(h), int16(c))
	return nil
}

func fitHundredths(h int16) string {
	return fmt.Sprintf("%d.%02d", h/100, h%100)
}

// criterion evaluation states; the scoring loop relies on their values
// (0 and 1 are scored, observed or not; 2 and above are not scored)
const (
	fitScored      = 0 // the attribute was present (or is not needed): observed
	fitMissingZero = 1 // the attribute was missing: scored 0
	fitNeutral     = 2 // the attribute was missing: left out
	fitMissingDisq = 3 // the attribute was missing: disqualifies
)

// eval returns the credit (0 to fitCreditUnit) the criterion earns for e,
// or a neutral or disqualifying state for a missing attribute.
func (c *fitCrit) eval(e *Entity) (int64, int) {
	vals := e.vals
	var credit int64
	switch c.op {
	case fitOpPresent:
		if vals[c.bit>>6]&(1<<(c.bit&63)) != 0 {
			credit = fitCreditUnit
		}
	case fitOpPredicate:
		if c.pred(e) {
			credit = fitCreditUnit
		}
	default:
		if vals[c.bit>>6]&(1<<(c.bit&63)) == 0 {
			switch c.missing {
			case MissingNeutral:
				return 0, fitNeutral
			case MissingDisqualify:
				return 0, fitMissingDisq
			}
			return 0, fitMissingZero
		}
		v := vals[c.off]
		switch c.op {
		case fitOpEquals:
			if v == c.want {
				credit = fitCreditUnit
			}
		case fitOpOneOf:
			if v != 0 && int(v>>6) < len(c.mask) && c.mask[v>>6]&(1<<(v&63)) != 0 {
				credit = fitCreditUnit
			}
		case fitOpBands:
			credit = c.bandCredit(int64(v))
		case fitOpValuePoints:
			if v < uint64(len(c.table)) {
				credit = c.table[v]
			}
		case fitOpRange:
			credit = c.rangeCredit(int64(v))
		case fitOpSetOverlap:
			n := int64(0)
			for k, w := range c.mask {
				n += int64(bits.OnesCount64(vals[c.off+k] & w))
			}
			if n >= c.need {
				credit = fitCreditUnit
			} else {
				credit = n * fitCreditUnit / c.need
			}
		}
	}
	if c.negate {
		credit = fitCreditUnit - credit
	}
	return credit, fitScored
}

// band returns the index of the band holding v, or -1.
func (c *fitCrit) band(v int64) int {
	for i := range c.bands {
		b := &c.bands[i]
		if (!b.hasLo || v >= b.lo) && (!b.hasHi || v < b.hi) {
			return i
		}
	}
	return -1
}

func (c *fitCrit) bandCredit(v int64) int64 {
	if i := c.band(v); i >= 0 {
		return c.bands[i].credit
	}
	return 0
}

// rangeCredit interpolates linearly between from (0) and to (full credit),
// truncating toward zero to a millionth of the weight. The product is
// computed in 128 bits, so it never overflows.
func (c *fitCrit) rangeCredit(v int64) int64 {
	lo, hi, d := c.from, c.to, v-c.from
	if lo > hi {
		lo, hi, d = hi, lo, c.from-v
	}
	switch {
	case v <= lo:
		if c.from > c.to {
			return fitCreditUnit
		}
		return 0
	case v >= hi:
		if c.from > c.to {
			return 0
		}
		return fitCreditUnit
	}
	hiW, loW := bits.Mul64(uint64(d), fitCreditUnit)
	q, _ := bits.Div64(hiW, loW, uint64(hi-lo))
	return int64(q)
}

// Score scores one entity: allocation-free, no decimal arithmetic. The
// score is 100 × Σ(weight × credit) / Σ(weight) over the criteria that are
// not neutral, truncated to hundredths (so a score reaches a grade's
// threshold only when it truly does). It fails only for an entity built by
// another model ([ErrForeignEntity]).
func (m *Model) Score(e *Entity) (Score, error) {
	if e.model != m {
		return Score{}, fitForeign(e) // out of line, so that Score inlines
	}
	return m.score(e), nil
}

//go:noinline
func fitForeign(e *Entity) error {
	return fmt.Errorf("fit: scoring entity %q: %w", e.ID, ErrForeignEntity)
}

// seen returns the weight of the criteria e has data for: the
// always-observed weight plus, for each byte of e's presence bits, the
// weight the model's table gives that byte's attributes (a lookup per 8
// attributes instead of work per criterion).
func (m *Model) seen(e *Entity) int64 {
	seen := m.alwaysSeen
	vals, tab := e.vals, m.covTable
	for b := range tab {
		seen += tab[b][uint8(vals[b>>3]>>((b&7)*8))]
	}
	return seen
}

// coverage returns the observed weight seen over the model's total, in
// hundredths of a percent, truncated.
func (m *Model) coverage(seen int64) int16 {
	// floor(seen × 10^4 / total) without a division on the hot path:
	// multiply by the reciprocal floor(2^64 / total), which gives the
	// quotient or one less, then correct (without a branch on seen).
	// seen × 10^4 ≤ 2.56e16 fits.
	num := uint64(seen) * fitScoreUnit
	if m.total == 1 {
		return int16(num)
	}
	q, _ := bits.Mul64(num, m.recip)
	return int16(q + fitB2U((q+1)*uint64(m.total) <= num))
}

// disqualified returns e's disqualified score, with e's coverage (which
// the scoring loop, stopping at the disqualifying criterion, has not
// finished counting).
func (m *Model) disqualified(e *Entity) Score {
	return fitMakeScore(m.grades[len(m.grades)-1].grade, true, false, 0, m.coverage(m.seen(e)))
}

func (m *Model) grade(h, cov int16) Score {
	if cov < m.minCoverage {
		return fitMakeScore("", false, true, h, cov)
	}
	// The grades' minimums fall and the last is 0: h's grade is the
	// first whose minimum h reaches, after the grades whose minimum
	// exceeds h, counted without a branch on h.
	k := uint64(0)
	grades := m.grades
	for _, g := range grades[:len(grades)-1] {
		k += fitB2U(h < g.min)
	}
	return fitMakeScore(grades[k].grade, false, false, h, cov)
}

// Outcome classifies what one criterion did for one entity.
type Outcome string

// Criterion outcomes.
const (
	OutcomeMatched      Outcome = "matched"      // full credit
	OutcomePartial      Outcome = "partial"      // some credit
	OutcomeUnmatched    Outcome = "unmatched"    // no credit
	OutcomeMissing      Outcome = "missing"      // attribute absent, scored 0
	OutcomeNeutral      Outcome = "neutral"      // attribute absent, left out
	OutcomeDisqualified Outcome = "disqualified" // this criterion disqualified the entity
)

// Contribution is one criterion's part in an entity's score.
type Contribution struct {
	Criterion string        `json:"criterion"`
	Label     string        `json:"label,omitempty"`
	Kind      CriterionKind `json:"kind"`
	MustHave  bool          `json:"must_have,omitempty"`
	// Weight is the criterion's weight as defined.
	Weight partnerops.Decimal `json:"weight"`
	// Credit is the share of the weight earned (0 to 100%, 4 fraction
	// digits, truncated).
	Credit partnerops.Percent `json:"credit"`
	// Points is the criterion's contribution to the score, in score
	// points with 2 fraction digits. The points of all criteria sum
	// exactly to the score (largest-remainder allocation of the
	// hundredths; ties to the earlier criterion).
	Points  partnerops.Decimal `json:"points"`
	Outcome Outcome            `json:"outcome"`
	// Reason says why, in words: the value seen and the band or values
	// it matched.
	Reason string `json:"reason"`
}

// Equal reports whether c and o are the same contribution, comparing
// decimals numerically.
func (c Contribution) Equal(o Contribution) bool {
	return c.Criterion == o.Criterion && c.Label == o.Label && c.Kind == o.Kind && c.MustHave == o.MustHave &&
		c.Weight.Equal(o.Weight) && c.Credit.Equal(o.Credit) && c.Points.Equal(o.Points) &&
		c.Outcome == o.Outcome && c.Reason == o.Reason
}

// Explanation is an entity's score with every criterion's contribution,
// in definition order.
type Explanation struct {
	Entity string `json:"entity"`
	Score  Score  `json:"score"`
	// DisqualifiedBy lists the criteria that disqualified the entity.
	DisqualifiedBy []string       `json:"disqualified_by,omitempty"`
	Contributions  []Contribution `json:"contributions"`
}

// Explain scores e like [Model.Score] and explains the result. It
// allocates; call it for the entities a user looks at, not for the whole
// batch.
func (m *Model) Explain(e *Entity) (Explanation, error) {
	if e.model != m {
		return Explanation{}, fmt.Errorf("fit: explaining entity %q: %w", e.ID, ErrForeignEntity)
	}
	x := Explanation{Entity: e.ID, Score: m.score(e), Contributions: make([]Contribution, len(m.crits))}
	num := make([]int64, len(m.crits))
	var den int64
	for i := range m.crits {
		c := &m.crits[i]
		d := &m.def.Criteria[i]
		credit, st := c.eval(e)
		fc := Contribution{
			Criterion: d.ID, Label: d.Label, Kind: d.Kind, MustHave: d.MustHave,
			Weight: d.Weight, Points: partnerops.NewDecimal(0, -2),
			Credit: partnerops.NewPercent(fitTrim(credit, 4)),
			Reason: m.fitReason(c, d, e, credit, st),
		}
		switch {
		case st == fitNeutral:
			fc.Outcome = OutcomeNeutral
			fc.Credit = partnerops.Percent{}
		case st == fitMissingDisq || (c.mustHave && credit == 0):
			fc.Outcome = OutcomeDisqualified
			x.DisqualifiedBy = append(x.DisqualifiedBy, d.ID)
		case !e.has(c.bit) && c.kind != CriterionPresent && c.kind != CriterionPredicate:
			fc.Outcome = OutcomeMissing
		case credit == fitCreditUnit:
			fc.Outcome = OutcomeMatched
		case credit == 0:
			fc.Outcome = OutcomeUnmatched
		default:
			fc.Outcome = OutcomePartial
		}
		if st != fitNeutral {
			num[i] = c.weight * credit
			den += c.weight
		}
		x.Contributions[i] = fc
	}
	if x.Score.Disqualified || den == 0 {
		return x, nil
	}
	// Allocate the score's hundredths to the criteria by largest remainder.
	floors := make([]int64, len(num))
	rems := make([]uint64, len(num))
	left := int64(x.Score.hundredths())
	for i, n := range num {
		q, r := fixed.Ratio(n, den*fitCreditUnit, fitScoreUnit)
		floors[i], rems[i] = int64(q), r
		left -= int64(q)
	}
	for ; left > 0; left-- {
		best := -1
		for i, r := range rems {
			if num[i] > 0 && (best < 0 || r > rems[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		floors[best]++
		rems[best] = 0
		num[best] = 0 // one extra hundredth at most per criterion
	}
	for i := range floors {
		x.Contributions[i].Points = partnerops.NewDecimal(floors[i], -2)
	}
	return x, nil
}

// fitReason words what a criterion saw.
func (m *Model) fitReason(c *fitCrit, d *CriterionDef, e *Entity, credit int64, st int) string {
	not := ""
	if d.Negate {
		not = "not "
	}
	if c.kind == CriterionPredicate {
		return fmt.Sprintf("predicate %q %s", d.Predicate, fitYesNo(credit == fitCreditUnit, "holds", "does not hold"))
	}
	a := &m.attrs[c.attr]
	if !e.has(c.bit) {
		switch {
		case c.kind == CriterionPresent:
			return fmt.Sprintf("%s is absent%s", a.name, fitYesNo(d.Negate, " (negated)", ""))
		case st == fitNeutral:
			return fmt.Sprintf("%s missing: left out (neutral)", a.name)
		case st == fitMissingDisq:
			return fmt.Sprintf("%s missing: disqualifies", a.name)
		}
		return fmt.Sprintf("%s missing: scored 0", a.name)
	}
	v := e.vals[c.off]
	switch c.kind {
	case CriterionPresent:
		return fmt.Sprintf("%s is present%s", a.name, fitYesNo(d.Negate, " (negated)", ""))
	case CriterionEquals:
		if a.kind == AttributeBool {
			return fmt.Sprintf("%s is %t (wanted %s%s)", a.name, v == 1, not, d.Value)
		}
		return fmt.Sprintf("%s is %q (wanted %s%q)", a.name, e.raw.strs[a.raw], not, d.Value)
	case CriterionOneOf:
		in := v != 0 && c.mask[v>>6]&(1<<(v&63)) != 0
		return fmt.Sprintf("%s %q %s one of %s%s", a.name, e.raw.strs[a.raw],
			fitYesNo(in, "is", "is not"), fitList(d.Values), fitYesNo(d.Negate, " (negated)", ""))
	case CriterionValuePoints:
		for _, ch := range d.Choices {
			if v != 0 && a.vocab[fitFold(a.fold, ch.Value)] == uint32(v) {
				return fmt.Sprintf("%s %q earns %s points", a.name, e.raw.strs[a.raw], ch.Points.String())
			}
		}
		return fmt.Sprintf("%s %q is not a listed choice (0 points)", a.name, e.raw.strs[a.raw])
	case CriterionSetOverlap:
		var shared []string
		for k, w := range c.mask {
			for x := e.vals[c.off+k] & w; x != 0; x &= x - 1 {
				shared = append(shared, a.symbols[k*64+bits.TrailingZeros64(x)])
			}
		}
		return fmt.Sprintf("%s shares %d of %d wanted (%s), %d needed for full credit%s", a.name, len(shared), len(d.Values),
			fitList(shared), c.need, fitYesNo(d.Negate, "; negated", ""))
	case CriterionBands:
		num := fitNumber(int64(v))
		if i := c.band(int64(v)); i >= 0 {
			b := d.Bands[i] // a compiled model keeps every band, in order
			label := b.Label
			if label == "" {
				label = fitBandText(b)
			}
			return fmt.Sprintf("%s %s in band %q: %s points", a.name, num, label, b.Points.String())
		}
		return fmt.Sprintf("%s %s in no band", a.name, num)
	case CriterionRange:
		return fmt.Sprintf("%s %s on a range from %s (0%%) to %s (100%%): %s%%", a.name, fitNumber(int64(v)),
			d.From.String(), d.To.String(), fitTrim(credit, 4).String())
	}
	return ""
}

func fitBandText(b Band) string {
	switch {
	case b.Min != nil && b.Max != nil:
		return b.Min.String() + " to " + b.Max.String()
	case b.Min != nil:
		return b.Min.String() + " and above"
	case b.Max != nil:
		return "below " + b.Max.String()
	}
	return "any"
}

// fitTrim returns v × 10^-places with trailing fraction zeros removed.
func fitTrim(v int64, places int32) partnerops.Decimal {
	for places > 0 && v%10 == 0 {
		v /= 10
		places--
	}
	return partnerops.NewDecimal(v, -places)
}

// fitNumber renders a fixed-point number without trailing fraction zeros.
func fitNumber(v int64) string {
	return fitTrim(v, fitNumberPlaces).String()
}

func fitList(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return "[" + strings.Join(xs, ", ") + "]"
}

func fitYesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
