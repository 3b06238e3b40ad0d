package fit

import (
	"fmt"
	"math/bits"
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
	Name string        `json:"name" path:"key"`
	Kind AttributeKind `json:"kind"`
	// FoldCase compares string and set values case-insensitively
	// ("SaaS" matches "saas").
	FoldCase bool `json:"fold_case,omitempty"`
}

// Band is one numeric band of a [CriterionBands] criterion: values v with
// Min <= v < Max earn Points (0 to 100, the share of the criterion's weight
// in percent). A nil Min or Max leaves that side open.
type Band struct {
	Label  string              `json:"label,omitempty" path:"key"`
	Min    *partnerops.Decimal `json:"min,omitempty"`
	Max    *partnerops.Decimal `json:"max,omitempty"`
	Points partnerops.Decimal  `json:"points"`
}

// Choice gives the points (0 to 100) a value earns in a
// [CriterionValuePoints] criterion.
type Choice struct {
	Value  string             `json:"value" path:"key"`
	Points partnerops.Decimal `json:"points"`
}

// CriterionDef is one criterion of a fit model. Kind decides which of the
// parameter fields apply, and [Compile] refuses the fields a kind ignores
// as well as missing required ones:
//
//	kind          needs                   may have              refuses
//	equals        attribute, value        missing, negate       values, bands, choices, from, to, min_overlap, predicate
//	one_of        attribute, values       missing, negate       value, bands, choices, from, to, min_overlap, predicate
//	set_overlap   attribute, values       missing, negate,      value, bands, choices, from, to, predicate
//	                                      min_overlap
//	bands         attribute, bands        missing               value, values, choices, from, to, min_overlap, predicate, negate
//	range         attribute, from, to     missing               value, values, bands, choices, min_overlap, predicate, negate
//	value_points  attribute, choices      missing               value, values, bands, from, to, min_overlap, predicate, negate
//	present       attribute               negate                value, values, bands, choices, from, to, min_overlap, predicate, missing
//	predicate     predicate               negate                attribute, value, values, bands, choices, from, to, min_overlap, missing
//
// Every kind takes id, label, kind, weight and must_have.
type CriterionDef struct {
	// ID names the criterion in results; unique in the model.
	ID    string        `json:"id"`
	Label string        `json:"label,omitempty"`
	Kind  CriterionKind `json:"kind" aka:"type"`
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
	Grade Grade              `json:"grade" path:"key"`
	Min   partnerops.Decimal `json:"min"`
}

// Definition is a fit model as data: the attributes of the scored
// entities, weighted criteria over them and the grade thresholds. The same
// model shape scores accounts (an ideal customer profile) and partners (an
// ideal partner profile). Decode it with [ParseDefinition] and compile it
// with [Compile].
type Definition struct {
	Name       string         `json:"name,omitempty"`
	Attributes []AttributeDef `json:"attributes"`
	Criteria   []CriterionDef `json:"criteria"`
	// Grades lists the grades highest first with strictly falling
	// minimums; the last minimum must be 0. Empty means [DefaultGrades].
	Grades []GradeDef `json:"grades,omitempty"`
	// MinCoverage is the coverage (the share of the criteria's weight an
	// entity has data for; see [Score.Coverage]) a score needs to be
	// graded. A score below it is flagged LowCoverage, gets no grade and
	// is left out of a batch's ranking and grade counts. Zero (the
	// default) grades every score.
	MinCoverage partnerops.Percent `json:"min_coverage,omitzero"`
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
	min   int16 // hundredths
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
	steps     []fitStep     // crits compiled for the scoring loop
	stepData  []fitStepData // and what some steps read besides
	grades    []fitGrade
	// total is the sum of the criteria's weights (scaled by 10^4), the
	// denominator of coverage; minCoverage is MinCoverage in hundredths
	// of a percent.
	total int64
	recip uint64 // floor(2^64 / total), for coverage
	// alwaysSeen is the weight of the criteria that are always observed
	// (present and predicate); covTable[b][v] the weight of the other
	// criteria reading the attributes whose presence bits are set in v,
	// byte b of the presence words.
	alwaysSeen  int64
	covTable    [][256]int64
	minCoverage int16
	warnings    partnerops.Warnings
}

// Compile validates def and compiles it. Every problem is reported at
// once as *partnerops.ValidationError values whose paths name elements by
// their IDs ("criteria[size].bands[mid].min", "attributes[employees].kind"):
// unknown or mismatched kinds, fields a criterion's kind needs but lacks or
// does not use (see [CriterionDef]), duplicate IDs and names, negative or
// all-zero weights, overlapping bands, points outside 0-100, unordered
// grade thresholds, unbound predicates.
//
// Compilation resolves attribute names to slots and string values to
// symbols, and turns weights, band points and bounds into fixed-point
// integers, so that [Model.Score] does no allocation and no decimal
// arithmetic. The model's [Model.Warnings] list what is valid but probably
// not meant: a criterion of weight 0 that is not a must-have, a
// min_coverage between 0 and 1 percent, and a neutral missing-data policy
// under which an entity missing most of the data can still score 100.
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
		if a.Name == "" {
			p.Add(partnerops.Path("attributes", i, "name"), "must not be empty", "")
			continue
		}
		path := partnerops.Path("attributes", partnerops.Key(a.Name))
		if _, dup := m.attrIndex[a.Name]; dup {
			p.Add(partnerops.Path("attributes", i, "name"), "duplicate attribute name", a.Name)
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
		var vals []string
		switch c.Kind {
		case CriterionEquals:
			vals = []string{c.Value}
		case CriterionOneOf, CriterionSetOverlap:
			vals = c.Values
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
		path := fitCritPath(i, c)
		if ids[c.ID] {
			path = partnerops.Path("criteria", i) // the ID names the first one
		}
		if c.ID == "" {
			p.Add(path+".id", "must not be empty", "")
		} else if ids[c.ID] {
			p.Add(path+".id", "duplicate criterion id", c.ID)
		}
		ids[c.ID] = true
		positive = positive || c.Weight.IsPositive()
		if fc, ok := m.compileCriterion(&p, path, c, cfg); ok {
			m.crits = append(m.crits, fc)
			m.total += fc.weight
			if fc.weight == 0 && !fc.mustHave {
				m.warnings.Add(path+".weight", "weight 0 and not a must-have: the criterion never changes a score", c.Weight.String())
			}
		}
	}
	if len(def.Criteria) > 0 && !positive {
		p.Add("criteria", "weights must not all be zero", "")
	}

	grades := def.Grades
	if len(grades) == 0 {
		grades = DefaultGrades()
	}
	seen := map[Grade]bool{}
	for i, g := range grades {
		path := partnerops.Path("grades", partnerops.Key(g.Grade))
		if g.Grade == "" || seen[g.Grade] {
			path = partnerops.Path("grades", i)
		}
		if g.Grade == "" {
			p.Add(path+".grade", "must not be empty", "")
		} else if seen[g.Grade] {
			p.Add(path+".grade", "duplicate grade", string(g.Grade))
		}
		seen[g.Grade] = true
		h, ok := fixed.ScaledDec(g.Min, 2)
		if !ok || h < 0 || h > fitScoreUnit {
			p.Add(path+".min", "must be between 0 and 100 with at most 2 fraction digits", fitQuote(g.Min))
			continue
		}
		if i > 0 && len(m.grades) == i && int16(h) >= m.grades[i-1].min {
			p.Add(path+".min", "must be below the previous grade's minimum", g.Min.String())
		}
		m.grades = append(m.grades, fitGrade{grade: g.Grade, min: int16(h)})
	}
	if n := len(grades); n > 0 && len(m.grades) == n && !grades[n-1].Min.IsZero() {
		p.Add(partnerops.Path("grades", partnerops.Key(grades[n-1].Grade), "min"), "the lowest grade's minimum must be 0", grades[n-1].Min.String())
	}

	if !def.MinCoverage.IsZero() {
		h, ok := fixed.ScaledDec(def.MinCoverage.Decimal(), 2)
		switch {
		case !ok || h < 0 || h > fitScoreUnit:
			p.Add("min_coverage", "must be between 0 and 100 percent with at most 2 fraction digits", fitQuote(def.MinCoverage.Decimal()))
		default:
			m.minCoverage = int16(h)
			if h < 100 {
				m.warnings.Add("min_coverage", fmt.Sprintf("a percent between 0 and 1: percents are in percent units, so this asks for %s of the weight, not %s",
					def.MinCoverage, partnerops.PercentFromFraction(def.MinCoverage.Decimal())), def.MinCoverage.Decimal().String())
			}
		}
	}
	if err := p.Err(); err != nil {
		return nil, fmt.Errorf("fit: compiling model %q: %w", def.Name, err)
	}
	if m.total > 1 {
		m.recip, _ = bits.Div64(1, 0, uint64(m.total))
	}
	attrWeight := make([]int64, len(m.attrs))
	for i := range m.crits {
		if c := &m.crits[i]; c.attr < 0 || c.op == fitOpPresent {
			m.alwaysSeen += c.weight
		} else {
			attrWeight[c.attr] += c.weight
		}
	}
	m.covTable = make([][256]int64, (len(m.attrs)+7)/8)
	for b := range m.covTable {
		for v := range 256 {
			for k := range 8 {
				if a := b*8 + k; v&(1<<k) != 0 && a < len(attrWeight) {
					m.covTable[b][v] += attrWeight[a]
				}
			}
		}
	}
	m.compileSteps()
	m.warnNeutral()
	return m, nil
}

// fitCritPath names criterion i by its ID, or by its index when it has
// none.
func fitCritPath(i int, c CriterionDef) string {
	if c.ID == "" {
		return partnerops.Path("criteria", i)
	}
	return partnerops.Path("criteria", partnerops.Key(c.ID))
}

// fitQuote quotes a decimal in an error without rendering a hostile
// representation in full.
func fitQuote(d partnerops.Decimal) string {
	if d.Validate() != nil {
		return "a value out of range"
	}
	return d.String()
}

// warnNeutral warns when the neutral missing-data policy lets an entity
// that lacks most of the data score 100: the attributes read only by
// neutral criteria can all be missing, leaving the score to the other
// criteria. It is quiet when MinCoverage refuses such an entity.
func (m *Model) warnNeutral() {
	onlyNeutral := make([]bool, len(m.attrs))
	for i := range onlyNeutral {
		onlyNeutral[i] = true
	}
	read := make([]bool, len(m.attrs))
	for i := range m.crits {
		c := &m.crits[i]
		if c.attr < 0 {
			continue
		}
		read[c.attr] = true
		if c.missing != MissingNeutral || c.op == fitOpPresent {
			onlyNeutral[c.attr] = false
		}
	}
	var left int64 // weight left out when those attributes are missing
	var names []string
	count := 0
	for i := range m.crits {
		c := &m.crits[i]
		if c.attr >= 0 && read[c.attr] && onlyNeutral[c.attr] {
			left += c.weight
			count++
			if n := m.attrs[c.attr].name; !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	kept := m.total - left
	if left == 0 || kept <= 0 || 2*left < m.total {
		return
	}
	cov, _ := fixed.Ratio(kept, m.total, fitScoreUnit)
	if m.minCoverage > 0 && int16(cov) < m.minCoverage {
		return // such an entity is refused a grade
	}
	m.warnings.Add("criteria", fmt.Sprintf("an entity missing %s (%d of %d criteria, %s of the weight, all missing \"neutral\") is scored on the other %s of the weight and can reach 100; set min_coverage above %s or give those criteria missing \"zero\"",
		strings.Join(names, ", "), count, len(m.crits), fixed.Hundredths(fitScoreUnit-int64(cov)), fixed.Hundredths(int64(cov)), fixed.Hundredths(int64(cov))), "")
}

// fitKindFields lists, per criterion kind, the kind-specific fields it
// needs and the ones it refuses (see CriterionDef).
var fitKindFields = map[CriterionKind]struct{ needs, refuses []string }{
	CriterionEquals:      {[]string{"attribute", "value"}, []string{"values", "bands", "choices", "from", "to", "min_overlap", "predicate"}},
	CriterionOneOf:       {[]string{"attribute", "values"}, []string{"value", "bands", "choices", "from", "to", "min_overlap", "predicate"}},
	CriterionSetOverlap:  {[]string{"attribute", "values"}, []string{"value", "bands", "choices", "from", "to", "predicate"}},
	CriterionBands:       {[]string{"attribute", "bands"}, []string{"value", "values", "choices", "from", "to", "min_overlap", "predicate", "negate"}},
	CriterionRange:       {[]string{"attribute", "from", "to"}, []string{"value", "values", "bands", "choices", "min_overlap", "predicate", "negate"}},
	CriterionValuePoints: {[]string{"attribute", "choices"}, []string{"value", "values", "bands", "from", "to", "min_overlap", "predicate", "negate"}},
	CriterionPresent:     {[]string{"attribute"}, []string{"value", "values", "bands", "choices", "from", "to", "min_overlap", "predicate", "missing"}},
	CriterionPredicate:   {[]string{"predicate"}, []string{"attribute", "value", "values", "bands", "choices", "from", "to", "min_overlap", "missing"}},
}

// fitSetFields reports which kind-specific fields c sets.
func fitSetFields(c *CriterionDef) map[string]bool {
	return map[string]bool{
		"attribute": c.Attribute != "", "value": c.Value != "", "values": len(c.Values) > 0, "bands": len(c.Bands) > 0,
		"choices": len(c.Choices) > 0, "from": c.From != nil, "to": c.To != nil, "min_overlap": c.MinOverlap != 0,
		"predicate": c.Predicate != "", "missing": c.Missing != "", "negate": c.Negate,
	}
}

// compileCriterion validates one criterion and compiles it; ok is false
// when it has problems (recorded in p).
func (m *Model) compileCriterion(p *partnerops.Problems, path string, c CriterionDef, cfg fitConfig) (fitCrit, bool) {
	start := p.Len()
	fc := fitCrit{op: fitOps[c.Kind], kind: c.Kind, attr: -1, mustHave: c.MustHave, negate: c.Negate, missing: c.Missing}
	w, ok := fixed.ScaledDec(c.Weight, fitNumberPlaces)
	if !ok || w < 0 || w > MaxWeight*fitNumberScale {
		p.Addf(path+".weight", fitQuote(c.Weight), "must be between 0 and %d with at most %d fraction digits", MaxWeight, fitNumberPlaces)
	}
	fc.weight = w
	switch c.Missing {
	case "":
		fc.missing = MissingZero
	case MissingZero, MissingNeutral, MissingDisqualify:
	default:
		p.Add(path+".missing", "must be zero, neutral or disqualify", string(c.Missing))
	}
	kf, known := fitKindFields[c.Kind]
	if !known {
		p.Add(path+".kind", "must be one of equals, one_of, set_overlap, bands, range, value_points, present, predicate", string(c.Kind))
		return fc, false
	}
	set := fitSetFields(&c)
	for _, f := range kf.needs {
		if !set[f] {
			p.Addf(path+"."+f, "", "required by %s criteria", c.Kind)
		}
	}
	for _, f := range kf.refuses {
		if set[f] {
			p.Addf(path+"."+f, "", "not used by %s criteria; remove it", c.Kind)
		}
	}

	var a *fitAttr
	if c.Kind != CriterionPredicate && c.Attribute != "" {
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
			a = nil
		}
	}
	switch c.Kind {
	case CriterionEquals:
		kindIs(AttributeString, AttributeBool)
		if a != nil && a.kind == AttributeBool && c.Value != "" {
			b, err := strconv.ParseBool(c.Value)
			if err != nil {
				p.Add(path+".value", "must be true or false for a bool attribute", c.Value)
			}
			if b {
				fc.want = 1
			}
		} else if a != nil && a.kind == AttributeString && c.Value != "" {
			sym, ok := a.vocab[fitFold(a.fold, c.Value)]
			if !ok {
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
		if c.Kind == CriterionSetOverlap {
			switch {
			case c.MinOverlap < 0 || c.MinOverlap > max(len(c.Values), 1):
				p.Add(path+".min_overlap", "must be between 0 and the number of values", strconv.Itoa(c.MinOverlap))
			case c.MinOverlap == 0:
				fc.need = 1
			default:
				fc.need = int64(c.MinOverlap)
			}
		}
		if a != nil {
			fc.mask = make([]uint64, (len(a.symbols)+63)/64)
			for j, v := range c.Values {
				if v == "" {
					p.Add(fixed.Sub(path, "values", j), "must not be empty", "")
					continue
				}
				sym, ok := a.vocab[fitFold(a.fold, v)]
				if !ok {
					p.Addf(fixed.Sub(path, "values", j), v, "more than %d distinct values for attribute %q", MaxVocabulary, a.name)
					continue
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
		if c.From != nil && c.To != nil {
			from, okF := fitBound(p, path+".from", c.From)
			to, okT := fitBound(p, path+".to", c.To)
			if okF && okT && from == to {
				p.Add(path+".to", "must differ from from", c.To.String())
			}
			fc.from, fc.to = from, to
		}
	case CriterionPresent:
	case CriterionPredicate:
		fn := cfg.predicates[c.Predicate]
		if c.Predicate != "" && fn == nil {
			p.Add(path+".predicate", "no function bound to this name (pass fit.WithPredicate to Compile)", c.Predicate)
		}
		fc.pred = fn
	}
	return fc, p.Len() == start
}

func fitCompileBands(p *partnerops.Problems, path string, bands []Band) []fitBand {
	if len(bands) == 0 {
		return nil // required: reported by compileCriterion
	}
	out := make([]fitBand, 0, len(bands))
	var names []string // how the problems name each band in out
	for j, b := range bands {
		bp := fixed.Sub(path, "bands", j)
		if b.Label != "" {
			bp = fixed.Sub(path, "bands", partnerops.Key(b.Label))
		}
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
			p.Addf(bp+".points", fitQuote(b.Points), "must be between 0 and 100 with at most %d fraction digits", fitNumberPlaces)
			ok = false
		}
		fb.credit = pts // 100 points scaled by 10^4 is fitCreditUnit
		if !ok {
			continue
		}
		for k, o := range out {
			if fitBandsOverlap(fb, o) {
				p.Addf(bp, "", "overlaps band %s", names[k])
			}
		}
		out = append(out, fb)
		name := strconv.Itoa(j)
		if b.Label != "" {
			name = strconv.Quote(b.Label)
		}
		names = append(names, name)
	}
	return out
}

func fitCompileChoices(p *partnerops.Problems, path string, choices []Choice, a *fitAttr) []int64 {
	if len(choices) == 0 {
		return nil // required: reported by compileCriterion
	}
	if a == nil || a.kind != AttributeString {
		return nil
	}
	table := make([]int64, len(a.symbols))
	seen := map[uint32]bool{}
	for j, ch := range choices {
		cp := fixed.Sub(path, "choices", j)
		if ch.Value != "" {
			cp = fixed.Sub(path, "choices", partnerops.Key(ch.Value))
		}
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
			p.Addf(cp+".points", fitQuote(ch.Points), "must be between 0 and 100 with at most %d fraction digits", fitNumberPlaces)
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
	v, ok := fixed.ScaledDecBelow(*d, fitNumberPlaces, fitNumberLimit)
	if !ok {
		p.Addf(path, fitQuote(*d), "must have at most %d fraction digits and a magnitude below 9e14", fitNumberPlaces)
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

// Warnings returns what compiling found valid but probably not meant, in
// definition order (see [Compile]).
func (m *Model) Warnings() []partnerops.Warning { return slices.Clone(m.warnings) }

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
