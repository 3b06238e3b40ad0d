package fit

import (
	"slices"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// AttributeKind is the type of an entity attribute in a fit model.
type AttributeKind string

// Attribute kinds.
const (
	// AttributeString holds one text value ("industry": "healthcare").
	AttributeString AttributeKind = "string"
	// AttributeNumber holds a decimal number with at most 4 fraction
	// digits and a magnitude below 9×10^14 ("employees": 250).
	AttributeNumber AttributeKind = "number"
	// AttributeSet holds a set of text values ("tech_stack": aws, snowflake).
	AttributeSet AttributeKind = "set"
	// AttributeBool holds true or false ("uses_competitor": true).
	AttributeBool AttributeKind = "bool"
)

// Valid reports whether k is one of the attribute kinds.
func (k AttributeKind) Valid() bool {
	switch k {
	case AttributeString, AttributeNumber, AttributeSet, AttributeBool:
		return true
	}
	return false
}

// CriterionKind says how a criterion turns an attribute into credit.
type CriterionKind string

// Criterion kinds. Every criterion earns a credit between 0% and 100% of its
// weight.
const (
	// CriterionEquals: full credit when a string attribute equals Value
	// (or a bool attribute equals Value parsed as "true"/"false").
	CriterionEquals CriterionKind = "equals"
	// CriterionOneOf: full credit when a string attribute is one of Values.
	CriterionOneOf CriterionKind = "one_of"
	// CriterionBands: a number attribute earns the Points of the band it
	// falls in (bands are half-open [Min, Max)); none when in no band.
	CriterionBands CriterionKind = "bands"
	// CriterionRange: a number attribute earns credit interpolated
	// linearly from 0% at From to 100% at To, clamped outside. From may be
	// above To (lower is better).
	CriterionRange CriterionKind = "range"
	// CriterionSetOverlap: a set attribute earns credit for the members it
	// shares with Values: full credit at MinOverlap shared members (1 when
	// zero), proportional below.
	CriterionSetOverlap CriterionKind = "set_overlap"
	// CriterionValuePoints: a string attribute earns the Points of its
	// value in Choices ("healthcare" 100, "retail" 40); unlisted values
	// earn none.
	CriterionValuePoints CriterionKind = "value_points"
	// CriterionPresent: full credit when the attribute is present (a
	// signal: any value, a non-empty string or set).
	CriterionPresent CriterionKind = "present"
	// CriterionPredicate: full credit when the host function bound to
	// Predicate at compile time (see [WithPredicate]) returns true.
	CriterionPredicate CriterionKind = "predicate"
)

// MissingPolicy says what a criterion does when the entity lacks its
// attribute.
type MissingPolicy string

// Missing-attribute policies.
const (
	// MissingZero (the default, also written "") scores the criterion
	// 0: the entity loses the criterion's weight.
	MissingZero MissingPolicy = "zero"
	// MissingNeutral leaves the criterion out of the entity's score: its
	// weight counts neither for nor against (the score is taken over the
	// remaining criteria), and a must-have is not enforced.
	MissingNeutral MissingPolicy = "neutral"
	// MissingDisqualify disqualifies the entity.
	MissingDisqualify MissingPolicy = "disqualify"
)

// Grade is a letter (or any label) given to a score range, such as "A".
type Grade string

// AttributeDef declares one attribute of the scored entities.
type AttributeDef struct {
	Name string        `json:"name"`
	Kind AttributeKind `json:"kind"`
	// FoldCase compares string and set values case-insensitively
	// ("SaaS" matches "saas").
	FoldCase bool `json:"fold_case,omitempty"`
}

// Band is one numeric band of a [CriterionBands] criterion: values v with
// Min <= v < Max earn Points (0 to 100, the share of the criterion's weight
// in percent). A nil Min or Max leaves that side open.
type Band struct {
	Label  string              `json:"label,omitempty"`
	Min    *partnerops.Decimal `json:"min,omitempty"`
	Max    *partnerops.Decimal `json:"max,omitempty"`
	Points partnerops.Decimal  `json:"points"`
}

// Choice gives the points (0 to 100) a value earns in a
// [CriterionValuePoints] criterion.
type Choice struct {
	Value  string             `json:"value"`
	Points partnerops.Decimal `json:"points"`
}

// CriterionDef is one criterion of a fit model. Kind decides which of the
// parameter fields apply (see the [CriterionKind] constants).
type CriterionDef struct {
	// ID names the criterion in results; unique in the model.
	ID    string        `json:"id"`
	Label string        `json:"label,omitempty"`
	Kind  CriterionKind `json:"kind"`
	// Attribute is the attribute the criterion reads (all kinds but
	// predicate).
	Attribute string `json:"attribute,omitempty"`
	// Weight is the criterion's weight (0 to 1,000,000, at most 4
	// fraction digits). Weights are relative: a score is the weighted
	// share of credit earned.
	Weight partnerops.Decimal `json:"weight"`
	// MustHave makes the criterion a disqualifier: an entity that earns
	// it no credit is disqualified. A must-have may have weight 0 (a pure
	// gate).
	MustHave bool `json:"must_have,omitempty"`
	// Missing is the policy when the attribute is absent (not used by
	// present and predicate criteria).
	Missing MissingPolicy `json:"missing,omitempty"`
	// Negate inverts the credit (100% minus the credit earned): "industry
	// is not one of ...". Not allowed on bands and range criteria, whose
	// points already say what is good.
	Negate bool `json:"negate,omitempty"`

	Value      string              `json:"value,omitempty"`       // equals
	Values     []string            `json:"values,omitempty"`      // one_of, set_overlap
	Bands      []Band              `json:"bands,omitempty"`       // bands
	Choices    []Choice            `json:"choices,omitempty"`     // value_points
	From       *partnerops.Decimal `json:"from,omitempty"`        // range
	To         *partnerops.Decimal `json:"to,omitempty"`          // range
	MinOverlap int                 `json:"min_overlap,omitempty"` // set_overlap
	Predicate  string              `json:"predicate,omitempty"`   // predicate
}

// GradeDef gives Grade to scores of at least Min (0 to 100, at most 2
// fraction digits).
type GradeDef struct {
	Grade Grade              `json:"grade"`
	Min   partnerops.Decimal `json:"min"`
}

// Definition is a fit model as data: the attributes of the scored
// entities, weighted criteria over them and the grade thresholds. The same
// model shape scores accounts (an ideal customer profile) and partners (an
// ideal partner profile). Compile it with [Compile].
type Definition struct {
	Name       string         `json:"name,omitempty"`
	Attributes []AttributeDef `json:"attributes"`
	Criteria   []CriterionDef `json:"criteria"`
	// Grades lists the grades highest first with strictly falling
	// minimums; the last minimum must be 0. Empty means [DefaultGrades].
	Grades []GradeDef `json:"grades,omitempty"`
}

// DefaultGrades returns the default grade thresholds: A from 80, B from 60,
// C from 40, D below.
func DefaultGrades() []GradeDef {
	return []GradeDef{
		{Grade: "A", Min: partnerops.DecimalFromInt(80)},
		{Grade: "B", Min: partnerops.DecimalFromInt(60)},
		{Grade: "C", Min: partnerops.DecimalFromInt(40)},
		{Grade: "D", Min: partnerops.DecimalFromInt(0)},
	}
}

// Limits of a fit model, checked by [Compile].
const (
	MaxCriteria     = 256                   // criteria per model
	MaxAttributes   = 256                   // attributes per model
	MaxWeight       = 1_000_000             // largest criterion weight
	MaxVocabulary   = 4096                  // distinct values per string or set attribute mentioned by criteria
	fitNumberPlaces = 4                     // fraction digits of number attributes, band bounds, points, weights
	fitNumberScale  = 10_000                // 10^fitNumberPlaces
	fitCreditUnit   = 1_000_000             // full credit (100%) in fixed point; equals 100 points scaled by 10^4
	fitScoreUnit    = 10_000                // a score of 100.00 in hundredths
	fitNumberLimit  = 9e14 * fitNumberScale // magnitude limit of scaled number values
)

// Option configures [Compile].
type Option func(*fitConfig)

type fitConfig struct {
	predicates map[string]Predicate
}

// Predicate is a host function bound to a [CriterionPredicate]
// criterion by name. It must be pure and safe for concurrent use; it may
// read the entity's attributes through the Entity accessors or look the
// entity up by ID in the host's own data.
type Predicate func(e *Entity) bool

// WithPredicate binds fn to the predicate name used by criteria of kind
// [CriterionPredicate]. A later binding of the same name replaces an
// earlier one.
func WithPredicate(name string, fn Predicate) Option {
	return func(c *fitConfig) {
		if c.predicates == nil {
			c.predicates = map[string]Predicate{}
		}
		c.predicates[name] = fn
	}
}

// fitAttr is a compiled attribute: where its value lives in an entity.
type fitAttr struct {
	name    string
	kind    AttributeKind
	fold    bool
	bit     int // presence bit
	off     int // first value word in Entity.vals
	words   int // value words (1, or the set's bitset words)
	raw     int // index into the entity's raw strings (string) or sets (set)
	vocab   map[string]uint32
	symbols []string // symbols[sym] is the (folded) value; symbols[0] is ""
}

// Criterion kinds as small integers for the scoring loop.
const (
	fitOpEquals uint8 = iota
	fitOpOneOf
	fitOpBands
	fitOpRange
	fitOpSetOverlap
	fitOpPresent
	fitOpPredicate
	fitOpValuePoints
)

var fitOps = map[CriterionKind]uint8{
	CriterionEquals: fitOpEquals, CriterionOneOf: fitOpOneOf, CriterionBands: fitOpBands, CriterionRange: fitOpRange,
	CriterionSetOverlap: fitOpSetOverlap, CriterionPresent: fitOpPresent, CriterionPredicate: fitOpPredicate,
	CriterionValuePoints: fitOpValuePoints,
}

// fitCrit is a compiled criterion.
type fitCrit struct {
	op       uint8 // fitOp... constant for kind
	kind     CriterionKind
	attr     int // attribute index, -1 for predicates
	bit      int
	off      int
	words    int
	weight   int64 // scaled by 10^4
	mustHave bool
	negate   bool
	missing  MissingPolicy
	want     uint64   // equals: symbol or bool
	mask     []uint64 // one_of, set_overlap: symbol bitset
	table    []int64  // value_points: credit by symbol
	bands    []fitBand
	from, to int64
	need     int64 // set_overlap
	pred     Predicate
}

type fitBand struct {
	lo, hi       int64
	hasLo, hasHi bool
	credit       int64
}

type fitGrade struct {
	grade Grade
	min   int32 // hundredths
}

// Model is a compiled fit model: an immutable engine, safe for
// concurrent use, that builds [Entity] values and scores them. Build it
// with [Compile].
type Model struct {
	def       Definition
	attrs     []fitAttr
	attrIndex map[string]int
	presWords int
	valWords  int
	nStrs     int
	nSets     int
	crits     []fitCrit
	grades    []fitGrade
}

// Compile validates def and compiles it. Every problem is reported
// at once as *partnerops.ValidationError values with field paths
// ("criteria[2].bands[1].min"): unknown or mismatched kinds, duplicate IDs
// and names, negative or all-zero weights, overlapping bands, points outside
// 0-100, unordered grade thresholds, unbound predicates.
//
// Compilation resolves attribute names to slots and string values to
// symbols, and turns weights, band points and bounds into fixed-point
// integers, so that [Model.Score] does no allocation and no decimal
// arithmetic.
func Compile(def Definition, opts ...Option) (*Model, error) {
	var cfg fitConfig
	for _, o := range opts {
		o(&cfg)
	}
	var p partnerops.Problems
	m := &Model{attrIndex: map[string]int{}}
	m.def = fitCloneDef(def)

	if len(def.Attributes) > MaxAttributes {
		p.Addf("attributes", strconv.Itoa(len(def.Attributes)), "must have at most %d attributes", MaxAttributes)
	}
	if len(def.Criteria) == 0 {
		p.Add("criteria", "must have at least one criterion", "")
	}
	if len(def.Criteria) > MaxCriteria {
		p.Addf("criteria", strconv.Itoa(len(def.Criteria)), "must have at most %d criteria", MaxCriteria)
	}
	for i, a := range def.Attributes {
		path := partnerops.Path("attributes", i)
		if a.Name == "" {
			p.Add(path+".name", "must not be empty", "")
			continue
		}
		if _, dup := m.attrIndex[a.Name]; dup {
			p.Add(path+".name", "duplicate attribute name", a.Name)
			continue
		}
		if !a.Kind.Valid() {
			p.Add(path+".kind", "must be one of string, number, set, bool", string(a.Kind))
			continue
		}
		m.attrIndex[a.Name] = len(m.attrs)
		m.attrs = append(m.attrs, fitAttr{name: a.Name, kind: a.Kind, fold: a.FoldCase, symbols: []string{""}, vocab: map[string]uint32{}})
	}

	// First pass over criteria: collect vocabulary so set widths are known.
	for _, c := range def.Criteria {
		ai, ok := m.attrIndex[c.Attribute]
		if !ok {
			continue
		}
		a := &m.attrs[ai]
		if a.kind != AttributeString && a.kind != AttributeSet {
			continue
		}
		vals := c.Values
		switch c.Kind {
		case CriterionEquals:
			vals = []string{c.Value}
		case CriterionValuePoints:
			vals = make([]string, len(c.Choices))
			for i, ch := range c.Choices {
				vals[i] = ch.Value
			}
		}
		for _, v := range vals {
			v = fitFold(a.fold, v)
			if _, ok := a.vocab[v]; !ok && len(a.symbols) <= MaxVocabulary {
				a.vocab[v] = uint32(len(a.symbols))
				a.symbols = append(a.symbols, v)
			}
		}
	}
	m.presWords = (len(m.attrs) + 63) / 64
	off := m.presWords
	for i := range m.attrs {
		a := &m.attrs[i]
		a.bit = i
		a.off = off
		a.words = 1
		switch a.kind {
		case AttributeSet:
			a.words = (len(a.symbols) + 63) / 64
			a.raw = m.nSets
			m.nSets++
		case AttributeString:
			a.raw = m.nStrs
			m.nStrs++
		}
		off += a.words
	}
	m.valWords = off

	ids := map[string]bool{}
	positive := false // some criterion has a positive weight
	for i, c := range def.Criteria {
		path := partnerops.Path("criteria", i)
		if c.ID == "" {
			p.Add(path+".id", "must not be empty", "")
		} else if ids[c.ID] {
			p.Add(path+".id", "duplicate criterion id", c.ID)
		}
		ids[c.ID] = true
		positive = positive || c.Weight.IsPositive()
		if fc, ok := m.compileCriterion(&p, path, c, cfg); ok {
			m.crits = append(m.crits, fc)
		}
	}
	if len(def.Criteria) > 0 && !positive {
		p.Add("criteria", "weights must not all be zero", "")
	}

	grades := def.Grades
	gpath := "grades"
	if len(grades) == 0 {
		grades = DefaultGrades()
	}
	seen := map[Grade]bool{}
	for i, g := range grades {
		path := partnerops.Path(gpath, i)
		if g.Grade == "" {
			p.Add(path+".grade", "must not be empty", "")
		} else if seen[g.Grade] {
			p.Add(path+".grade", "duplicate grade", string(g.Grade))
		}
		seen[g.Grade] = true
		h, ok := fixed.ScaledDec(g.Min, 2)
		if !ok || h < 0 || h > fitScoreUnit {
			p.Add(path+".min", "must be between 0 and 100 with at most 2 fraction digits", g.Min.String())
			continue
		}
		if i > 0 && len(m.grades) == i && int32(h) >= m.grades[i-1].min {
			p.Add(path+".min", "must be below the previous grade's minimum", g.Min.String())
		}
		m.grades = append(m.grades, fitGrade{grade: g.Grade, min: int32(h)})
	}
	if n := len(grades); n > 0 && !grades[n-1].Min.IsZero() {
		p.Add(partnerops.Path(gpath, n-1, "min"), "the lowest grade's minimum must be 0", grades[n-1].Min.String())
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// compileCriterion validates one criterion and compiles it; ok is false
// when it has problems (recorded in p).
func (m *Model) compileCriterion(p *partnerops.Problems, path string, c CriterionDef, cfg fitConfig) (fitCrit, bool) {
	start := p.Len()
	fc := fitCrit{op: fitOps[c.Kind], kind: c.Kind, attr: -1, mustHave: c.MustHave, negate: c.Negate, missing: c.Missing}
	w, ok := fixed.ScaledDec(c.Weight, fitNumberPlaces)
	if !ok || w < 0 || w > MaxWeight*fitNumberScale {
		p.Addf(path+".weight", c.Weight.String(), "must be between 0 and %d with at most %d fraction digits", MaxWeight, fitNumberPlaces)
	}
	fc.weight = w
	switch c.Missing {
	case "":
		fc.missing = MissingZero
	case MissingZero, MissingNeutral, MissingDisqualify:
	default:
		p.Add(path+".missing", "must be zero, neutral or disqualify", string(c.Missing))
	}

	var a *fitAttr
	if c.Kind != CriterionPredicate {
		ai, ok := m.attrIndex[c.Attribute]
		if !ok {
			p.Add(path+".attribute", "unknown attribute", c.Attribute)
		} else {
			a = &m.attrs[ai]
			fc.attr, fc.bit, fc.off, fc.words = ai, a.bit, a.off, a.words
		}
	}
	kindIs := func(kinds ...AttributeKind) {
		if a != nil && !slices.Contains(kinds, a.kind) {
			p.Addf(path+".attribute", a.name, "%s criteria need a %s attribute", c.Kind, fitKinds(kinds))
		}
	}
	if c.Negate && (c.Kind == CriterionBands || c.Kind == CriterionRange || c.Kind == CriterionValuePoints) {
		p.Addf(path+".negate", "", "not allowed on %s criteria", c.Kind)
	}
	switch c.Kind {
	case CriterionEquals:
		kindIs(AttributeString, AttributeBool)
		if a != nil && a.kind == AttributeBool {
			b, err := strconv.ParseBool(c.Value)
			if err != nil {
				p.Add(path+".value", "must be true or false for a bool attribute", c.Value)
			}
			if b {
				fc.want = 1
			}
		} else if a != nil && a.kind == AttributeString {
			if c.Value == "" {
				p.Add(path+".value", "must not be empty", "")
			}
			sym, ok := a.vocab[fitFold(a.fold, c.Value)]
			if !ok && c.Value != "" {
				p.Addf(path+".value", c.Value, "more than %d distinct values for attribute %q", MaxVocabulary, a.name)
			}
			fc.want = uint64(sym)
		}
	case CriterionOneOf, CriterionSetOverlap:
		if c.Kind == CriterionOneOf {
			kindIs(AttributeString)
		} else {
			kindIs(AttributeSet)
		}
		if len(c.Values) == 0 {
			p.Add(path+".values", "must list at least one value", "")
		}
		if c.Kind == CriterionSetOverlap {
			switch {
			case c.MinOverlap < 0 || c.MinOverlap > len(c.Values):
				p.Add(path+".min_overlap", "must be between 0 and the number of values", strconv.Itoa(c.MinOverlap))
			case c.MinOverlap == 0:
				fc.need = 1
			default:
				fc.need = int64(c.MinOverlap)
			}
		}
		if a != nil && (a.kind == AttributeString || a.kind == AttributeSet) {
			fc.mask = make([]uint64, (len(a.symbols)+63)/64)
			for j, v := range c.Values {
				sym, ok := a.vocab[fitFold(a.fold, v)]
				if !ok {
					p.Addf(fixed.Sub(path, "values", j), v, "more than %d distinct values for attribute %q", MaxVocabulary, a.name)
					continue
				}
				if v == "" {
					p.Add(fixed.Sub(path, "values", j), "must not be empty", "")
				}
				fc.mask[sym>>6] |= 1 << (sym & 63)
			}
		}
	case CriterionBands:
		kindIs(AttributeNumber)
		fc.bands = fitCompileBands(p, path, c.Bands)
	case CriterionValuePoints:
		kindIs(AttributeString)
		fc.table = fitCompileChoices(p, path, c.Choices, a)
	case CriterionRange:
		kindIs(AttributeNumber)
		from, okF := fitBound(p, path+".from", c.From)
		to, okT := fitBound(p, path+".to", c.To)
		if okF && okT && from == to {
			p.Add(path+".to", "must differ from from", c.To.String())
		}
		fc.from, fc.to = from, to
	case CriterionPresent:
	case CriterionPredicate:
		fn := cfg.predicates[c.Predicate]
		switch {
		case c.Predicate == "":
			p.Add(path+".predicate", "must name a predicate", "")
		case fn == nil:
			p.Add(path+".predicate", "no function bound to this name (use WithPredicate)", c.Predicate)
		}
		fc.pred = fn
	default:
		p.Add(path+".kind", "unknown criterion kind", string(c.Kind))
	}
	return fc, p.Len() == start
}

func fitCompileBands(p *partnerops.Problems, path string, bands []Band) []fitBand {
	if len(bands) == 0 {
		p.Add(path+".bands", "must list at least one band", "")
		return nil
	}
	out := make([]fitBand, 0, len(bands))
	var idx []int // definition index of each band in out
	for j, b := range bands {
		bp := fixed.Sub(path, "bands", j)
		var fb fitBand
		ok := true
		if b.Min != nil {
			fb.hasLo = true
			v, good := fitBound(p, bp+".min", b.Min)
			fb.lo, ok = v, ok && good
		}
		if b.Max != nil {
			fb.hasHi = true
			v, good := fitBound(p, bp+".max", b.Max)
			fb.hi, ok = v, ok && good
		}
		if ok && fb.hasLo && fb.hasHi && fb.lo >= fb.hi {
			p.Add(bp+".max", "must be above min", b.Max.String())
			ok = false
		}
		pts, good := fixed.ScaledDec(b.Points, fitNumberPlaces)
		if !good || pts < 0 || pts > 100*fitNumberScale {
			p.Addf(bp+".points", b.Points.String(), "must be between 0 and 100 with at most %d fraction digits", fitNumberPlaces)
			ok = false
		}
		fb.credit = pts // 100 points scaled by 10^4 is fitCreditUnit
		if !ok {
			continue
		}
		for k, o := range out {
			if fitBandsOverlap(fb, o) {
				p.Addf(bp, "", "overlaps band %d", idx[k])
			}
		}
		out = append(out, fb)
		idx = append(idx, j)
	}
	return out
}

func fitCompileChoices(p *partnerops.Problems, path string, choices []Choice, a *fitAttr) []int64 {
	if len(choices) == 0 {
		p.Add(path+".choices", "must list at least one choice", "")
		return nil
	}
	if a == nil || a.kind != AttributeString {
		return nil
	}
	table := make([]int64, len(a.symbols))
	seen := map[uint32]bool{}
	for j, ch := range choices {
		cp := fixed.Sub(path, "choices", j)
		sym, ok := a.vocab[fitFold(a.fold, ch.Value)]
		switch {
		case ch.Value == "":
			p.Add(cp+".value", "must not be empty", "")
		case !ok:
			p.Addf(cp+".value", ch.Value, "more than %d distinct values for attribute %q", MaxVocabulary, a.name)
		case seen[sym]:
			p.Add(cp+".value", "duplicate choice", ch.Value)
		}
		seen[sym] = true
		pts, good := fixed.ScaledDec(ch.Points, fitNumberPlaces)
		if !good || pts < 0 || pts > 100*fitNumberScale {
			p.Addf(cp+".points", ch.Points.String(), "must be between 0 and 100 with at most %d fraction digits", fitNumberPlaces)
			continue
		}
		if ok {
			table[sym] = pts // 100 points scaled by 10^4 is fitCreditUnit
		}
	}
	return table
}

func fitBandsOverlap(a, b fitBand) bool {
	// a = [alo, ahi), b = [blo, bhi): they overlap unless one ends at or
	// before the other starts.
	aEndsBeforeB := a.hasHi && b.hasLo && a.hi <= b.lo
	bEndsBeforeA := b.hasHi && a.hasLo && b.hi <= a.lo
	return !aEndsBeforeB && !bEndsBeforeA
}

func fitBound(p *partnerops.Problems, path string, d *partnerops.Decimal) (int64, bool) {
	if d == nil {
		p.Add(path, "must be set", "")
		return 0, false
	}
	v, ok := fixed.ScaledDec(*d, fitNumberPlaces)
	if !ok || v >= fitNumberLimit || v <= -fitNumberLimit {
		p.Addf(path, d.String(), "must have at most %d fraction digits and a magnitude below 9e14", fitNumberPlaces)
		return 0, false
	}
	return v, true
}

func fitFold(fold bool, s string) string {
	if fold {
		return strings.ToLower(s)
	}
	return s
}

func fitKinds(kinds []AttributeKind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}

func fitCloneDef(d Definition) Definition {
	d.Attributes = slices.Clone(d.Attributes)
	d.Criteria = slices.Clone(d.Criteria)
	for i := range d.Criteria {
		d.Criteria[i].Values = slices.Clone(d.Criteria[i].Values)
		d.Criteria[i].Bands = slices.Clone(d.Criteria[i].Bands)
		d.Criteria[i].Choices = slices.Clone(d.Criteria[i].Choices)
	}
	d.Grades = slices.Clone(d.Grades)
	return d
}

// Definition returns a copy of the definition the model was compiled from.
func (m *Model) Definition() Definition { return fitCloneDef(m.def) }

// Grades returns the model's grades, highest first, with their minimum
// scores.
func (m *Model) Grades() []GradeDef {
	out := make([]GradeDef, len(m.grades))
	for i, g := range m.grades {
		out[i] = GradeDef{Grade: g.grade, Min: partnerops.NewDecimal(int64(g.min), -2)}
	}
	return out
}
