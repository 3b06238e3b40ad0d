package performance

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/strict"
	"github.com/shopspring/decimal"
)

// The default scorecard categories. Programs define their own keys; these
// are what [DefaultCategories] returns.
const (
	CategoryEngagement    = "engagement"
	CategorySellingMotion = "selling_motion"
	CategoryPartnerHealth = "partner_health"
	CategoryGTMAlignment  = "gtm_alignment"
)

// DefaultCategories returns the four usual categories (engagement,
// selling motion, partner health, GTM alignment) with equal weights of 25
// and no metrics, for a template to fill in.
func DefaultCategories() []CategoryDef {
	w := partnerops.DecimalFromInt(25)
	return []CategoryDef{
		{Key: CategoryEngagement, Name: "Engagement", Weight: w},
		{Key: CategorySellingMotion, Name: "Selling motion", Weight: w},
		{Key: CategoryPartnerHealth, Name: "Partner health", Weight: w},
		{Key: CategoryGTMAlignment, Name: "GTM alignment", Weight: w},
	}
}

// Method is how a metric value is normalized to a score from 0 to 100.
type Method string

// Normalization methods.
const (
	// MethodLinear scores 0 at or below Zero (default 0), 100 at or above
	// Target, and linearly in between: 100 × (v − zero) / (target − zero),
	// so over-achievement is capped at 100. For higher-is-better metrics;
	// the default for them.
	MethodLinear Method = "linear"
	// MethodInverse is linear for lower-is-better metrics: 100 at or below
	// Target, 0 at or above Zero (default twice the target), linear in
	// between. The default for lower-is-better metrics.
	MethodInverse Method = "inverse"
	// MethodBanded scores a step function: the score of the best band whose
	// threshold the value reaches (at least the threshold, or at most it
	// for lower-is-better metrics), and 0 when it reaches none.
	MethodBanded Method = "banded"
)

// MissingMode says how a metric without a value counts.
type MissingMode string

// Missing-data modes. The zero value means [MissingZero].
const (
	// MissingZero scores a missing metric 0 with its full weight: no data
	// is treated as no performance. The default.
	MissingZero MissingMode = "zero"
	// MissingExclude leaves the metric out and renormalizes the weights of
	// the others in its category; a category with nothing left is left
	// out and the category weights are renormalized. A partner with no
	// counted metric at all is not scored.
	MissingExclude MissingMode = "exclude"
	// MissingFixed scores a missing metric the policy's Score (a neutral
	// 50, say) with its full weight.
	MissingFixed MissingMode = "fixed"
)

// MissingPolicy says how missing data counts. [MissingFixed] needs a
// Score; the other modes refuse one.
type MissingPolicy struct {
	Mode MissingMode `json:"mode,omitempty"`
	// Score is the points a missing metric scores under [MissingFixed],
	// 0 to 100 ("50").
	Score *partnerops.Decimal `json:"score,omitempty"`
}

// View selects the audience of a scorecard.
type View string

// Views.
const (
	// ViewInternal shows every metric: the vendor's own scorecard.
	ViewInternal View = "internal"
	// ViewExternal shows only metrics whose visibility is shared: the
	// scorecard the partner sees. Internal-only metrics are dropped and the
	// remaining weights renormalized within each category (a category left
	// empty is dropped and the category weights renormalized), so the
	// external total is a full 0-100 score over what the partner can see.
	ViewExternal View = "external"
)

// Band is a named status band of scores (red, amber, green).
type Band struct {
	// Name names the band; paths name bands by it: bands[amber].min.
	Name string `json:"name" path:"key"`
	// Min is the lowest score in the band, 0 to 100 points.
	Min partnerops.Decimal `json:"min"`
}

// DefaultBands returns red below 50, amber from 50 and green from 75.
func DefaultBands() []Band {
	return []Band{
		{Name: "red", Min: partnerops.DecimalFromInt(0)},
		{Name: "amber", Min: partnerops.DecimalFromInt(50)},
		{Name: "green", Min: partnerops.DecimalFromInt(75)},
	}
}

// ScoreBand is one step of a banded normalization.
type ScoreBand struct {
	// Threshold is the value, in the metric's unit, at which the band
	// starts: the value must be at least the threshold (at most, for
	// lower-is-better metrics).
	Threshold partnerops.Decimal `json:"threshold"`
	// Score is the band's score, 0 to 100 points.
	Score partnerops.Decimal `json:"score"`
}

// Normalization maps a metric value to a score from 0 to 100. Values,
// targets and thresholds are in the metric's unit: an amount in the
// metric's currency as a bare decimal string ("250000.00"), percent units
// for a percent metric ("40" is 40%), a fraction for a ratio metric.
//
// Linear and inverse need a Target and refuse Bands; banded needs Bands
// and refuses Target and Zero.
type Normalization struct {
	// Method defaults to linear for higher-is-better metrics and inverse
	// for lower-is-better ones.
	Method Method `json:"method,omitempty"`
	// Target scores 100 (linear and inverse).
	Target *partnerops.Decimal `json:"target,omitempty"`
	// Zero is the value that scores 0 (linear: default 0; inverse: default
	// twice the target).
	Zero *partnerops.Decimal `json:"zero,omitempty"`
	// Bands are the steps of a banded normalization, from worst to best.
	Bands []ScoreBand `json:"bands,omitempty"`
}

// TargetOverride replaces a metric's normalization for partners of a tier,
// a segment, or both. The most specific match wins: tier and segment, then
// tier, then segment, then the metric's own normalization. Paths name an
// override by its 0-based index: targets[1].normalization.target.
type TargetOverride struct {
	Tier          partnerops.Tier `json:"tier,omitempty"`
	Segment       string          `json:"segment,omitempty"`
	Normalization Normalization   `json:"normalization"`
}

// ScoredMetric places a catalog metric in a category.
type ScoredMetric struct {
	// Metric is the catalog key; paths name a scored metric by it:
	// categories[engagement].metrics[deal_regs].weight.
	Metric string `json:"metric" path:"key"`
	// Weight is the metric's weight within its category: above 0, at most
	// 10000, at most 4 decimals. Only ratios of weights matter.
	Weight        partnerops.Decimal `json:"weight"`
	Normalization Normalization      `json:"normalization" aka:"norm,normalisation,target"`
	Targets       []TargetOverride   `json:"targets,omitempty" aka:"overrides"`
	// Missing overrides the template's missing-data policy.
	Missing *MissingPolicy `json:"missing,omitempty"`
	// Key marks a key metric, shown with a sparkline in a QBR.
	Key bool `json:"key,omitempty"`
}

// CategoryDef is a weighted group of metrics.
type CategoryDef struct {
	// Key identifies the category; paths name a category by it:
	// categories[engagement].weight.
	Key  string `json:"key" path:"key"`
	Name string `json:"name"`
	// Weight is the category's weight in the total (same rules as metric
	// weights). Weights that do not sum to 100 are valid (only ratios
	// matter) but draw a warning.
	Weight  partnerops.Decimal `json:"weight"`
	Metrics []ScoredMetric     `json:"metrics"`
}

// Template defines a scorecard as data. It round-trips through JSON and
// decodes strictly ([ParseTemplate]).
type Template struct {
	Key        string        `json:"key"`
	Name       string        `json:"name"`
	Categories []CategoryDef `json:"categories"`
	// Bands default to [DefaultBands].
	Bands []Band `json:"bands,omitempty"`
	// Missing is the default missing-data policy ([MissingZero] when empty).
	Missing MissingPolicy `json:"missing,omitzero"`
}

type templatePlain Template // no methods: strict.Decode walks its fields

// ParseTemplate decodes a scorecard template strictly (see the package
// doc): unknown or duplicate keys and values of the wrong shape are
// errors with their paths, categories and metrics named by key
// (categories[engagement].metrics[deal_regs].normalization.target). It
// does not validate the template against a catalog; [CompileScorecard]
// does.
func ParseTemplate(data []byte) (Template, error) {
	var t Template
	if err := strict.Decode(data, (*templatePlain)(&t), strict.Options{}); err != nil {
		return Template{}, fail(err, "parsing scorecard template")
	}
	return t, nil
}

// UnmarshalJSON decodes strictly, as [ParseTemplate] does.
func (t *Template) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*templatePlain)(t), strict.Options{})
}

// normalizer is a compiled normalization on integers scaled by 10^scale.
type normalizer struct {
	method      Method
	scale       int32
	lowerBetter bool
	zero, tgt   int64
	bands       []intBand
	target      partnerops.Decimal // shown as the plan value
}

type intBand struct {
	threshold int64
	score     int64 // micro-points
}

// score returns the micro-point score of a value scaled by 10^n.scale.
func (n *normalizer) score(v int64) int64 {
	if n.method == MethodBanded {
		var s int64
		for _, b := range n.bands {
			if (!n.lowerBetter && v >= b.threshold) || (n.lowerBetter && v <= b.threshold) {
				s = b.score
			}
		}
		return s
	}
	if !n.lowerBetter {
		switch {
		case v <= n.zero:
			return 0
		case v >= n.tgt:
			return fullScore
		}
		return int64(mulDiv(uint64(v-n.zero), fullScore, uint64(n.tgt-n.zero)))
	}
	switch {
	case v >= n.zero:
		return 0
	case v <= n.tgt:
		return fullScore
	}
	return int64(mulDiv(uint64(n.zero-v), fullScore, uint64(n.zero-n.tgt)))
}

// fixed converts d to an integer scaled by 10^scale, rounding toward
// negative infinity and saturating beyond the int64 range. Both are
// monotone, so a better value never scores lower. It reports false for a
// value outside [partnerops.Decimal.Validate]'s range.
func fixed(d decimal.Decimal, scale int32) (int64, bool) {
	if v, ok := scaled(d, scale); ok {
		return v, true
	}
	if !inRange(d) {
		return 0, false
	}
	f := d.Shift(scale).Floor()
	bi := f.BigInt()
	switch {
	case bi.IsInt64():
		return bi.Int64(), true
	case bi.Sign() > 0:
		return math.MaxInt64, true
	}
	return math.MinInt64, true
}

type compiledMetric struct {
	key, name string
	cat       int
	m         *metric
	weight    uint64
	norms     []normalizer // [0] is the metric's own
	missing   MissingMode
	missScore int64
	visible   bool
	keyMetric bool
}

type compiledCategory struct {
	key, name string
	weight    uint64
	metrics   []int
}

type compiledBand struct {
	name string
	min  Points
}

// Scorecard is a compiled [Template]: immutable and safe for concurrent
// use. Build it with [CompileScorecard].
type Scorecard struct {
	key, name string
	cat       *Catalog
	ladder    partnerops.TierLadder
	cal       partnerops.Calendar
	metrics   []compiledMetric
	cats      []compiledCategory
	bands     []compiledBand
	byKey     map[string]int
	// Target resolution: tierIdx/segIdx (0 = none) → per-metric norm index.
	tierIdx  map[partnerops.Tier]int
	segIdx   map[string]int
	resolve  [][]int // (tier*(segments+1)+segment) → norm index per metric
	warnings partnerops.Warnings
}

const maxWeight = 10000

// scoringDigits is how many digits beyond the metric's places (or the
// thresholds' own, if more) a value keeps when it is scored.
const scoringDigits = 4

// CompileScorecard validates t against the metric catalog and the
// program and returns the engine. The program supplies the context a
// template needs:
//
//   - Tiers, the ladder that target overrides and scored partners' tiers
//     must be on. A template with tier overrides needs it; a template
//     without may be compiled against a program with no ladder, and then
//     accepts any tier.
//   - Calendar, the fiscal calendar: a scored period with a unit (a
//     quarter, a month) must be a period of this calendar, and results
//     and QBRs are labelled by it ("FY2027-Q1"). The zero Calendar is the
//     plain calendar year; pass the program's own.
//   - Currency, the reporting currency: a money metric in another
//     currency draws a warning.
//
// Every problem is reported as a [*partnerops.ValidationError] with its
// path, categories and metrics named by key
// (categories[selling_motion].metrics[bookings].normalization.target).
// Valid but suspicious definitions come back from [Scorecard.Warnings].
func CompileScorecard(cat *Catalog, t Template, program partnerops.Program) (*Scorecard, error) {
	var probs partnerops.Problems
	if cat == nil {
		probs.Add("", "a metric catalog is required (compile one with CompileMetrics)", "")
		return nil, fail(probs.Err(), "compiling scorecard %q", t.Key)
	}
	if err := program.Calendar.Validate(); err != nil {
		probs.Merge("program.calendar", err)
	}
	sc := &Scorecard{key: t.Key, name: t.Name, cat: cat, ladder: program.Tiers, cal: program.Calendar, byKey: map[string]int{},
		tierIdx: map[partnerops.Tier]int{}, segIdx: map[string]int{}}
	if !validKey(t.Key) {
		probs.Add("key", "must be lowercase letters, digits and underscores, starting with a letter", t.Key)
	}
	if strings.TrimSpace(t.Name) == "" {
		probs.Add("name", "must not be empty", "")
	}
	if len(t.Categories) == 0 {
		probs.Add("categories", "at least one category is required", "")
	}
	defMissing, defScore := compileMissing(&probs, "missing", t.Missing)
	// Weights become integers at a common scale per level.
	catWeights := make([]decimal.Decimal, len(t.Categories))
	var metricWeights []decimal.Decimal
	catKeys := map[string]int{}
	catSum := decimal.Zero
	for ci, c := range t.Categories {
		cpath := partnerops.Path("categories", elem(c.Key, ci))
		if !validKey(c.Key) {
			probs.Add(partnerops.JoinPath(cpath, "key"), "must be lowercase letters, digits and underscores, starting with a letter", c.Key)
		} else if _, dup := catKeys[c.Key]; dup {
			probs.Add(partnerops.JoinPath(cpath, "key"), "duplicate category key", c.Key)
		} else {
			catKeys[c.Key] = ci
		}
		if checkWeight(&probs, partnerops.JoinPath(cpath, "weight"), c.Weight) {
			catSum = catSum.Add(fence.Dec(c.Weight))
		}
		catWeights[ci] = fence.Dec(c.Weight)
		if len(c.Metrics) == 0 {
			probs.Add(partnerops.JoinPath(cpath, "metrics"), "at least one metric is required", "")
		}
		cc := compiledCategory{key: c.Key, name: c.Name}
		if cc.name == "" {
			cc.name = c.Key
		}
		for mi, sm := range c.Metrics {
			mpath := partnerops.JoinPath(cpath, partnerops.Path("metrics", elem(sm.Metric, mi)))
			checkWeight(&probs, partnerops.JoinPath(mpath, "weight"), sm.Weight)
			metricWeights = append(metricWeights, fence.Dec(sm.Weight))
			m, err := cat.lookup(sm.Metric)
			if err != nil {
				probs.Add(partnerops.JoinPath(mpath, "metric"), "must name a metric of the catalog", sm.Metric)
				continue
			}
			if j, dup := sc.byKey[sm.Metric]; dup {
				probs.Addf(partnerops.JoinPath(mpath, "metric"), sm.Metric, "already scored in category %q", sc.cats[sc.metrics[j].cat].key)
				continue
			}
			cm := compiledMetric{key: sm.Metric, name: m.def.Name, cat: ci, m: m, missing: defMissing,
				missScore: defScore, visible: m.visible, keyMetric: sm.Key}
			if sm.Missing != nil {
				cm.missing, cm.missScore = compileMissing(&probs, partnerops.JoinPath(mpath, "missing"), *sm.Missing)
			}
			cm.norms = append(cm.norms, sc.compileNorm(&probs, partnerops.JoinPath(mpath, "normalization"), sm.Normalization, m))
			sc.byKey[sm.Metric] = len(sc.metrics)
			cc.metrics = append(cc.metrics, len(sc.metrics))
			sc.metrics = append(sc.metrics, cm)
		}
		sc.cats = append(sc.cats, cc)
	}
	if probs.Len() == 0 {
		cw, okC := integerWeights(catWeights)
		mw, okM := integerWeights(metricWeights)
		if !okC || !okM || !weightProductFits(cw, mw) {
			probs.Add("categories", "weights are too large or too precise to combine exactly", "")
		} else {
			for i := range sc.cats {
				sc.cats[i].weight = cw[i]
			}
			for i := range sc.metrics {
				sc.metrics[i].weight = mw[i]
			}
		}
		if !catSum.Equal(decimal.NewFromInt(100)) {
			sc.warnings.Add("categories", "category weights sum to "+format(catSum)+", not 100: each category counts for its weight / "+format(catSum)+" of the total", format(catSum))
		}
	}
	sc.compileTargets(&probs, t)
	sc.compileBands(&probs, t.Bands)
	if err := probs.Err(); err != nil {
		return nil, fail(err, "compiling scorecard %q", t.Key)
	}
	sc.unusedMetrics(program.Currency)
	return sc, nil
}

// unusedMetrics warns about catalog metrics the scorecard neither scores
// nor needs as an operand of a scored ratio, and about money metrics in
// a currency other than the program's.
func (sc *Scorecard) unusedMetrics(reporting partnerops.Currency) {
	used := make([]bool, sc.cat.Len())
	for _, cm := range sc.metrics {
		used[cm.m.index] = true
		if cm.m.num >= 0 {
			used[cm.m.num] = true
		}
		if cm.m.den >= 0 {
			used[cm.m.den] = true
		}
		if d := cm.m.def; reporting != "" && d.Unit == UnitMoney && d.Currency != reporting {
			sc.warnings.Add(partnerops.Path("metrics", partnerops.Key(d.Key), "currency"), "the program reports in "+string(reporting)+"; this metric's targets and values are in "+string(d.Currency), string(d.Currency))
		}
	}
	for i, u := range used {
		if !u {
			k := sc.cat.metrics[i].def.Key
			sc.warnings.Add(partnerops.Path("metrics", partnerops.Key(k)), "is in the catalog but this scorecard neither scores it nor divides by it", k)
		}
	}
}

// Warnings returns what compiling found valid but probably not meant:
// category weights that do not sum to 100, a target, zero or threshold
// of a percent metric between 0 and 1 (percent units: "50" is 50%), a
// catalog metric the scorecard never uses, a money metric in a currency
// other than the program's. The slice is a copy.
func (sc *Scorecard) Warnings() []partnerops.Warning { return slices.Clone(sc.warnings) }

func (sc *Scorecard) compileTargets(probs *partnerops.Problems, t Template) {
	type override struct {
		metric, tier, seg, norm int
	}
	var overrides []override
	for ci, c := range t.Categories {
		for mi, sm := range c.Metrics {
			idx, ok := sc.byKey[sm.Metric]
			if !ok || sc.metrics[idx].cat != ci {
				continue
			}
			cm := &sc.metrics[idx]
			seen := map[[2]string]int{}
			for ti, to := range sm.Targets {
				tpath := partnerops.Path("categories", elem(c.Key, ci), "metrics", elem(sm.Metric, mi), "targets", ti)
				if to.Tier == "" && to.Segment == "" {
					probs.Add(tpath, "needs a tier, a segment or both", "")
					continue
				}
				if to.Tier != "" && sc.ladder.Len() == 0 {
					probs.Add(partnerops.JoinPath(tpath, "tier"), "the program has no tier ladder: pass the program with its Tiers to CompileScorecard", string(to.Tier))
					continue
				}
				if to.Tier != "" && !sc.ladder.Contains(to.Tier) {
					probs.Addf(partnerops.JoinPath(tpath, "tier"), string(to.Tier), "must be one of the program's tiers %s", sc.ladder)
					continue
				}
				k := [2]string{string(to.Tier), to.Segment}
				if j, dup := seen[k]; dup {
					probs.Addf(tpath, string(to.Tier)+"/"+to.Segment, "duplicate of targets[%d]", j)
					continue
				}
				seen[k] = ti
				cm.norms = append(cm.norms, sc.compileNorm(probs, partnerops.JoinPath(tpath, "normalization"), to.Normalization, cm.m))
				ov := override{metric: idx, norm: len(cm.norms) - 1}
				if to.Tier != "" {
					if _, ok := sc.tierIdx[to.Tier]; !ok {
						sc.tierIdx[to.Tier] = len(sc.tierIdx) + 1
					}
					ov.tier = sc.tierIdx[to.Tier]
				}
				if to.Segment != "" {
					if _, ok := sc.segIdx[to.Segment]; !ok {
						sc.segIdx[to.Segment] = len(sc.segIdx) + 1
					}
					ov.seg = sc.segIdx[to.Segment]
				}
				overrides = append(overrides, ov)
			}
		}
	}
	nt, ns := len(sc.tierIdx)+1, len(sc.segIdx)+1
	sc.resolve = make([][]int, nt*ns)
	cells := make([]int, nt*ns*len(sc.metrics))
	for i := range sc.resolve {
		sc.resolve[i] = cells[i*len(sc.metrics) : (i+1)*len(sc.metrics) : (i+1)*len(sc.metrics)]
	}
	// Apply the least specific first so the most specific wins. A
	// segment-only override fills its segment's column for every tier, a
	// tier-only one its tier's row, a tier-and-segment one a single cell:
	// the cost is linear in the overrides times the ladder and segments.
	for pass := 0; pass < 3; pass++ {
		for _, ov := range overrides {
			switch {
			case pass == 0 && ov.tier == 0:
				for ti := 0; ti < nt; ti++ {
					sc.resolve[ti*ns+ov.seg][ov.metric] = ov.norm
				}
			case pass == 1 && ov.tier != 0 && ov.seg == 0:
				for si := 0; si < ns; si++ {
					sc.resolve[ov.tier*ns+si][ov.metric] = ov.norm
				}
			case pass == 2 && ov.tier != 0 && ov.seg != 0:
				sc.resolve[ov.tier*ns+ov.seg][ov.metric] = ov.norm
			}
		}
	}
}

func (sc *Scorecard) compileBands(probs *partnerops.Problems, bands []Band) {
	if len(bands) == 0 {
		bands = DefaultBands()
	}
	prev := Points(-1)
	seen := map[string]bool{}
	for i, b := range bands {
		path := partnerops.Path("bands", elem(b.Name, i))
		if strings.TrimSpace(b.Name) == "" {
			probs.Add(partnerops.JoinPath(path, "name"), "must not be empty", "")
		} else if seen[b.Name] {
			probs.Add(partnerops.JoinPath(path, "name"), "duplicate band name", b.Name)
		}
		seen[b.Name] = true
		p, ok := pointsOfDec(fence.Dec(b.Min))
		if !ok || !b.Min.Equal(p.Decimal()) || p < 0 || p > 100_00 {
			probs.Add(partnerops.JoinPath(path, "min"), "must be from 0 to 100 with at most 2 decimals", show(b.Min))
			continue
		}
		if i == 0 && p != 0 {
			probs.Add(partnerops.JoinPath(path, "min"), "the first band must start at 0", show(b.Min))
		}
		if p <= prev {
			probs.Add(partnerops.JoinPath(path, "min"), "bands must be in ascending order of min", show(b.Min))
		}
		prev = p
		sc.bands = append(sc.bands, compiledBand{name: b.Name, min: p})
	}
}

func compileMissing(probs *partnerops.Problems, path string, mp MissingPolicy) (MissingMode, int64) {
	switch mp.Mode {
	case "", MissingZero, MissingExclude:
		if mp.Score != nil {
			mode := cmp.Or(mp.Mode, MissingZero)
			probs.Add(partnerops.JoinPath(path, "score"), "is only for the fixed mode; "+string(mode)+" ignores it", show(*mp.Score))
		}
		if mp.Mode == MissingExclude {
			return MissingExclude, 0
		}
		return MissingZero, 0
	case MissingFixed:
		if mp.Score == nil {
			probs.Add(partnerops.JoinPath(path, "score"), "the fixed mode needs a score from 0 to 100", "")
			return MissingFixed, 0
		}
		s, ok := scoreMicro(fence.Dec(*mp.Score))
		if !ok {
			probs.Add(partnerops.JoinPath(path, "score"), "must be from 0 to 100 with at most 6 decimals", show(*mp.Score))
		}
		return MissingFixed, s
	}
	probs.Add(partnerops.JoinPath(path, "mode"), "must be zero, exclude or fixed", string(mp.Mode))
	return MissingZero, 0
}

// scoreMicro converts a 0-100 score to micro-points.
func scoreMicro(d decimal.Decimal) (int64, bool) {
	v, ok := scaled(d, 6)
	if !ok || v < 0 || v > fullScore {
		return 0, false
	}
	return v, true
}

// checkWeight reports whether w is a valid weight, recording a problem
// when it is not.
func checkWeight(probs *partnerops.Problems, path string, w partnerops.Decimal) bool {
	d := fence.Dec(w)
	if !inRange(d) || d.Sign() <= 0 || d.Cmp(decimal.NewFromInt(maxWeight)) > 0 || !d.Shift(4).IsInteger() {
		probs.Add(path, "must be above 0 and at most 10000, with at most 4 decimals", show(w))
		return false
	}
	return true
}

// integerWeights scales weights to integers by their common power of ten.
func integerWeights(ws []decimal.Decimal) ([]uint64, bool) {
	minExp := int32(0)
	for _, w := range ws {
		if e := w.Exponent(); e < minExp {
			minExp = e
		}
	}
	out := make([]uint64, len(ws))
	for i, w := range ws {
		v, ok := scaled(w, -minExp)
		if !ok || v <= 0 {
			return nil, false
		}
		out[i] = uint64(v)
	}
	return out, true
}

// weightProductFits reports whether sum(cw) × sum(mw) stays below 2^62, so
// every product of weights used in scoring fits a uint64.
func weightProductFits(cw, mw []uint64) bool {
	var sc, sm uint64
	for _, w := range cw {
		sc += w
	}
	for _, w := range mw {
		sm += w
	}
	if sc == 0 || sm == 0 {
		return false
	}
	return sc <= (1<<62)/sm
}

// warnPercent warns about a value of a percent metric strictly between 0
// and 1 (and between -1 and 0): percent units make "50" 50%, and 0.5 is
// most often a fraction that meant 50%.
func (sc *Scorecard) warnPercent(path string, m *metric, d decimal.Decimal) {
	if m.def.Unit != UnitPercent || d.IsZero() || d.Abs().Cmp(decimal.NewFromInt(1)) >= 0 {
		return
	}
	sc.warnings.Add(path, "a percent between 0 and 1: values of percent metrics are in percent units (\"50\" is 50%), so this is less than 1%", format(d))
}

// compileNorm validates and compiles one normalization for metric m.
func (sc *Scorecard) compileNorm(probs *partnerops.Problems, path string, n Normalization, m *metric) normalizer {
	lower := m.direction == LowerIsBetter
	out := normalizer{method: n.Method, lowerBetter: lower}
	if out.method == "" {
		out.method = MethodLinear
		if lower {
			out.method = MethodInverse
		}
	}
	at := func(fields ...any) string { return partnerops.JoinPath(path, partnerops.Path(fields...)) }
	// Every decimal is range-checked before any arithmetic on it.
	ok := true
	checkRange := func(p string, d *partnerops.Decimal) {
		if d != nil && !inRange(fence.Dec(*d)) {
			probs.Add(p, "must have at most 30 integer and 18 fraction digits", show(*d))
			ok = false
		}
	}
	checkRange(at("target"), n.Target)
	checkRange(at("zero"), n.Zero)
	for i := range n.Bands {
		checkRange(at("bands", i, "threshold"), &n.Bands[i].Threshold)
		checkRange(at("bands", i, "score"), &n.Bands[i].Score)
	}
	if !ok {
		return out
	}
	// The working scale covers the metric's places and every threshold.
	scale := m.places
	grow := func(d decimal.Decimal) {
		if e := -d.Exponent(); e > scale {
			scale = e
		}
	}
	switch out.method {
	case MethodLinear, MethodInverse:
		if (out.method == MethodLinear) == lower {
			probs.Addf(at("method"), string(out.method), "%s does not fit a %s metric", out.method, m.direction)
			return out
		}
		if len(n.Bands) > 0 {
			probs.Add(at("bands"), "are only for the banded method; "+string(out.method)+" ignores them", "")
		}
		if n.Target == nil {
			probs.Add(at("target"), "the "+string(out.method)+" method needs a target (the value that scores 100)", "")
			return out
		}
		tgt := fence.Dec(*n.Target)
		zero := decimal.Zero
		if lower {
			zero = tgt.Mul(decimal.NewFromInt(2))
		}
		if n.Zero != nil {
			zero = fence.Dec(*n.Zero)
		}
		sc.warnPercent(at("target"), m, tgt)
		if n.Zero != nil {
			sc.warnPercent(at("zero"), m, zero)
		}
		grow(tgt)
		grow(zero)
		if scale > 18 {
			probs.Add(path, "values need more than 18 decimals", "")
			return out
		}
		scale = min(scale+scoringDigits, 18)
		out.scale = scale
		t, okT := scaled(tgt, scale)
		z, okZ := scaled(zero, scale)
		if !okT || !okZ || t > 1<<62 || t < -(1<<62) || z > 1<<62 || z < -(1<<62) {
			probs.Add(at("target"), "target and zero are too large to score exactly", show(*n.Target))
			return out
		}
		if (!lower && z >= t) || (lower && z <= t) {
			rule := "zero must be below the target for a higher-is-better metric"
			if lower {
				rule = "zero must be above the target for a lower-is-better metric"
			}
			probs.Add(at("target"), rule, show(*n.Target))
			return out
		}
		out.tgt, out.zero, out.target = t, z, *n.Target
	case MethodBanded:
		if n.Target != nil {
			probs.Add(at("target"), "is only for the linear and inverse methods; banded ignores it (the first band scoring 100 is the plan)", show(*n.Target))
		}
		if n.Zero != nil {
			probs.Add(at("zero"), "is only for the linear and inverse methods; banded ignores it", show(*n.Zero))
		}
		if len(n.Bands) == 0 {
			probs.Add(at("bands"), "the banded method needs at least one band", "")
			return out
		}
		for _, b := range n.Bands {
			grow(fence.Dec(b.Threshold))
		}
		if scale > 18 {
			probs.Add(path, "values need more than 18 decimals", "")
			return out
		}
		scale = min(scale+scoringDigits, 18)
		out.scale = scale
		for i, b := range n.Bands {
			th, ok := scaled(fence.Dec(b.Threshold), scale)
			if !ok {
				probs.Add(at("bands", i, "threshold"), "too large to score exactly", show(b.Threshold))
				continue
			}
			sc.warnPercent(at("bands", i, "threshold"), m, fence.Dec(b.Threshold))
			s, ok := scoreMicro(fence.Dec(b.Score))
			if !ok {
				probs.Add(at("bands", i, "score"), "must be from 0 to 100 with at most 6 decimals", show(b.Score))
				continue
			}
			if k := len(out.bands); k > 0 {
				prev := out.bands[k-1]
				if (!lower && th <= prev.threshold) || (lower && th >= prev.threshold) {
					probs.Add(at("bands", i, "threshold"), "bands must go from worst to best threshold, strictly", show(b.Threshold))
				}
				if s < prev.score {
					probs.Add(at("bands", i, "score"), "a better band must not score lower", show(b.Score))
				}
			}
			out.bands = append(out.bands, intBand{threshold: th, score: s})
			out.target = b.Threshold
		}
		// The plan value is the first threshold that scores 100, if any.
		for i, b := range out.bands {
			if b.score == fullScore {
				out.target = n.Bands[i].Threshold
				break
			}
		}
	default:
		probs.Add(at("method"), "must be linear, inverse or banded", string(n.Method))
	}
	return out
}

// Key returns the template key.
func (sc *Scorecard) Key() string { return sc.key }

// Name returns the template name.
func (sc *Scorecard) Name() string { return sc.name }

// Catalog returns the metric catalog the scorecard was compiled against.
func (sc *Scorecard) Catalog() *Catalog { return sc.cat }

// Calendar returns the program calendar the scorecard labels periods by.
func (sc *Scorecard) Calendar() partnerops.Calendar { return sc.cal }

// Metrics returns the scored metric keys in template order.
func (sc *Scorecard) Metrics() []string {
	out := make([]string, len(sc.metrics))
	for i, m := range sc.metrics {
		out[i] = m.key
	}
	return out
}

// Band returns the name of the status band of score s.
func (sc *Scorecard) Band(s Points) string {
	name := sc.bands[0].name
	for _, b := range sc.bands {
		if s >= b.min {
			name = b.name
		}
	}
	return name
}

// periodCache remembers the last period checked against the calendar, so
// a batch of one period checks and labels it once.
type periodCache struct {
	p     partnerops.Period
	label string
	err   error
	set   bool
}

// label checks that p is a period of the scorecard's calendar and
// returns its label ("FY2027-Q1"): a period with a unit must be the
// calendar's period of that unit containing its start; a custom period
// is labelled by its dates. The zero period has no label.
func (sc *Scorecard) label(pc *periodCache, p partnerops.Period) (string, error) {
	if p.Start.IsZero() && p.End.IsZero() && p.Unit == partnerops.UnitCustom {
		return "", nil
	}
	if pc.set && pc.p == p {
		return pc.label, pc.err
	}
	*pc = periodCache{p: p, set: true}
	if err := p.Validate(); err != nil {
		pc.err = fail(err, "period %s", p)
		return "", pc.err
	}
	if p.Unit != partnerops.UnitCustom {
		want, err := sc.cal.Of(p.Unit, p.Start)
		if err != nil || !want.Equal(p) {
			pc.err = fail(partnerops.ErrInvalid, "period %s is not a %s of the program's calendar (fiscal year starting in %s; that %s is %s): build periods with the program's partnerops.Calendar",
				p, p.Unit, fiscalStart(sc.cal), p.Unit, want)
			return "", pc.err
		}
	}
	pc.label = sc.cal.Label(p)
	return pc.label, nil
}

func fiscalStart(c partnerops.Calendar) time.Month {
	if c.FiscalYearStart < time.January || c.FiscalYearStart > time.December {
		return time.January
	}
	return c.FiscalYearStart
}
