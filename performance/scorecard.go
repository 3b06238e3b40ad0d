package performance

import (
	"math"
	"strings"

	"github.com/partnerops/partnerops"
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

// MissingPolicy says how missing data counts.
type MissingPolicy struct {
	Mode MissingMode `json:"mode,omitempty"`
	// Score is used by [MissingFixed]; 0 to 100.
	Score partnerops.Decimal `json:"score,omitzero"`
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
	Name string `json:"name"`
	// Min is the lowest score in the band, 0 to 100.
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
	// Threshold is the value at which the band starts: the value must be at
	// least the threshold (at most, for lower-is-better metrics).
	Threshold partnerops.Decimal `json:"threshold"`
	// Score is the band's score, 0 to 100.
	Score partnerops.Decimal `json:"score"`
}

// Normalization maps a metric value to a score from 0 to 100.
type Normalization struct {
	// Method defaults to linear for higher-is-better metrics and inverse
	// for lower-is-better ones.
	Method Method `json:"method,omitempty"`
	// Target scores 100 (linear and inverse).
	Target partnerops.Decimal `json:"target,omitzero"`
	// Zero is the value that scores 0 (linear: default 0; inverse: default
	// twice the target).
	Zero *partnerops.Decimal `json:"zero,omitempty"`
	// Bands are the steps of a banded normalization, from worst to best.
	Bands []ScoreBand `json:"bands,omitempty"`
}

// TargetOverride replaces a metric's normalization for partners of a tier,
// a segment, or both. The most specific match wins: tier and segment, then
// tier, then segment, then the metric's own normalization.
type TargetOverride struct {
	Tier          partnerops.Tier `json:"tier,omitempty"`
	Segment       string          `json:"segment,omitempty"`
	Normalization Normalization   `json:"normalization"`
}

// ScoredMetric places a catalog metric in a category.
type ScoredMetric struct {
	Metric string `json:"metric"`
	// Weight is the metric's weight within its category: above 0, at most
	// 10000, at most 4 decimals. Only ratios of weights matter.
	Weight        partnerops.Decimal `json:"weight"`
	Normalization Normalization      `json:"normalization"`
	Targets       []TargetOverride   `json:"targets,omitempty"`
	// Missing overrides the template's missing-data policy.
	Missing *MissingPolicy `json:"missing,omitempty"`
	// Key marks a key metric, shown with a sparkline in a QBR.
	Key bool `json:"key,omitempty"`
}

// CategoryDef is a weighted group of metrics.
type CategoryDef struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// Weight is the category's weight in the total (same rules as metric
	// weights).
	Weight  partnerops.Decimal `json:"weight"`
	Metrics []ScoredMetric     `json:"metrics"`
}

// Template defines a scorecard as data. It round-trips through JSON.
type Template struct {
	Key        string        `json:"key"`
	Name       string        `json:"name"`
	Categories []CategoryDef `json:"categories"`
	// Bands default to [DefaultBands].
	Bands []Band `json:"bands,omitempty"`
	// Missing is the default missing-data policy ([MissingZero] when empty).
	Missing MissingPolicy `json:"missing,omitzero"`
}

// normalizer is a compiled normalization on integers scaled by 10^scale.
type normalizer struct {
	method      Method
	scale       int32
	lowerBetter bool
	zero, tgt   int64
	bands       []intBand
	target      decimal.Decimal // shown as the plan value
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
// value outside [partnerops.CheckDecimal]'s limits.
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
	metrics   []compiledMetric
	cats      []compiledCategory
	bands     []compiledBand
	byKey     map[string]int
	// Target resolution: tierIdx/segIdx (0 = none) → per-metric norm index.
	tierIdx map[partnerops.Tier]int
	segIdx  map[string]int
	resolve [][]int // (tier*(segments+1)+segment) → norm index per metric
}

const maxWeight = 10000

// scoringDigits is how many digits beyond the metric's places (or the
// thresholds' own, if more) a value keeps when it is scored.
const scoringDigits = 4

// CompileScorecard validates t against the metric catalog and the tier
// ladder (an empty ladder accepts any tier name) and returns the engine.
// Every problem is reported as a [*partnerops.ValidationError].
func CompileScorecard(cat *Catalog, t Template, ladder partnerops.TierLadder) (*Scorecard, error) {
	var probs partnerops.Problems
	if cat == nil {
		probs.Add("", "a metric catalog is required", "")
		return nil, probs.Err()
	}
	sc := &Scorecard{key: t.Key, name: t.Name, cat: cat, ladder: ladder, byKey: map[string]int{},
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
	for ci, c := range t.Categories {
		cpath := partnerops.Path("categories", ci)
		if !validKey(c.Key) {
			probs.Add(partnerops.JoinPath(cpath, "key"), "must be lowercase letters, digits and underscores, starting with a letter", c.Key)
		} else if j, dup := catKeys[c.Key]; dup {
			probs.Addf(partnerops.JoinPath(cpath, "key"), c.Key, "duplicate of category %d", j)
		} else {
			catKeys[c.Key] = ci
		}
		checkWeight(&probs, partnerops.JoinPath(cpath, "weight"), c.Weight)
		catWeights[ci] = c.Weight.Decimal
		if len(c.Metrics) == 0 {
			probs.Add(partnerops.JoinPath(cpath, "metrics"), "at least one metric is required", "")
		}
		cc := compiledCategory{key: c.Key, name: c.Name}
		if cc.name == "" {
			cc.name = c.Key
		}
		for mi, sm := range c.Metrics {
			mpath := partnerops.Path("categories", ci, "metrics", mi)
			checkWeight(&probs, partnerops.JoinPath(mpath, "weight"), sm.Weight)
			metricWeights = append(metricWeights, sm.Weight.Decimal)
			m, err := cat.lookup(sm.Metric)
			if err != nil {
				probs.Add(partnerops.JoinPath(mpath, "metric"), "must name a metric of the catalog", sm.Metric)
				continue
			}
			if j, dup := sc.byKey[sm.Metric]; dup {
				probs.Addf(partnerops.JoinPath(mpath, "metric"), sm.Metric, "already scored as metric %d", j)
				continue
			}
			cm := compiledMetric{key: sm.Metric, name: m.def.Name, cat: ci, m: m, missing: defMissing,
				missScore: defScore, visible: m.visible, keyMetric: sm.Key}
			if sm.Missing != nil {
				cm.missing, cm.missScore = compileMissing(&probs, partnerops.JoinPath(mpath, "missing"), *sm.Missing)
			}
			cm.norms = append(cm.norms, compileNorm(&probs, partnerops.JoinPath(mpath, "normalization"), sm.Normalization, m))
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
	}
	sc.compileTargets(&probs, t)
	sc.compileBands(&probs, t.Bands)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return sc, nil
}

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
				tpath := partnerops.Path("categories", ci, "metrics", mi, "targets", ti)
				if to.Tier == "" && to.Segment == "" {
					probs.Add(tpath, "needs a tier, a segment or both", "")
					continue
				}
				if to.Tier != "" && sc.ladder.Len() > 0 && !sc.ladder.Contains(to.Tier) {
					probs.Addf(partnerops.JoinPath(tpath, "tier"), string(to.Tier), "must be one of %s", sc.ladder)
					continue
				}
				k := [2]string{string(to.Tier), to.Segment}
				if j, dup := seen[k]; dup {
					probs.Addf(tpath, string(to.Tier)+"/"+to.Segment, "duplicate of target %d", j)
					continue
				}
				seen[k] = ti
				cm.norms = append(cm.norms, compileNorm(probs, partnerops.JoinPath(tpath, "normalization"), to.Normalization, cm.m))
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
	for i := range sc.resolve {
		sc.resolve[i] = make([]int, len(sc.metrics))
	}
	// Apply the least specific first so the most specific wins.
	for pass := 0; pass < 3; pass++ {
		for _, ov := range overrides {
			spec := 0 // segment only
			switch {
			case ov.tier != 0 && ov.seg != 0:
				spec = 2
			case ov.tier != 0:
				spec = 1
			}
			if spec != pass {
				continue
			}
			for ti := 0; ti < nt; ti++ {
				for si := 0; si < ns; si++ {
					if (ov.tier == 0 || ov.tier == ti) && (ov.seg == 0 || ov.seg == si) {
						sc.resolve[ti*ns+si][ov.metric] = ov.norm
					}
				}
			}
		}
	}
}

func (sc *Scorecard) compileBands(probs *partnerops.Problems, bands []Band) {
	if len(bands) == 0 {
		bands = DefaultBands()
	}
	prev := Points(-1)
	for i, b := range bands {
		path := partnerops.Path("bands", i)
		if strings.TrimSpace(b.Name) == "" {
			probs.Add(partnerops.JoinPath(path, "name"), "must not be empty", "")
		}
		p, err := PointsFromDecimal(b.Min.Decimal)
		if err != nil || !b.Min.Equal(partnerops.NewDecimal(p.Decimal())) || p < 0 || p > 100_00 {
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
	case "", MissingZero:
		return MissingZero, 0
	case MissingExclude:
		return MissingExclude, 0
	case MissingFixed:
		s, ok := scoreMicro(mp.Score.Decimal)
		if !ok {
			probs.Add(partnerops.JoinPath(path, "score"), "must be from 0 to 100 with at most 6 decimals", show(mp.Score))
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

func checkWeight(probs *partnerops.Problems, path string, w partnerops.Decimal) {
	if !inRange(w.Decimal) || w.Sign() <= 0 || w.Cmp(decimal.NewFromInt(maxWeight)) > 0 || w.Exponent() < -4 && !w.Equal(partnerops.NewDecimal(w.Truncate(4))) {
		probs.Add(path, "must be above 0 and at most 10000, with at most 4 decimals", show(w))
	}
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

// compileNorm validates and compiles one normalization for metric m.
func compileNorm(probs *partnerops.Problems, path string, n Normalization, m *metric) normalizer {
	lower := m.direction == LowerIsBetter
	out := normalizer{method: n.Method, lowerBetter: lower}
	if out.method == "" {
		out.method = MethodLinear
		if lower {
			out.method = MethodInverse
		}
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
			probs.Addf(partnerops.JoinPath(path, "method"), string(out.method), "%s does not fit a %s metric", out.method, m.direction)
			return out
		}
		if len(n.Bands) > 0 {
			probs.Add(partnerops.JoinPath(path, "bands"), "are only for the banded method", "")
		}
		tgt := n.Target.Decimal
		zero := decimal.Zero
		if lower {
			zero = tgt.Mul(decimal.NewFromInt(2))
		}
		if n.Zero != nil {
			zero = n.Zero.Decimal
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
			probs.Add(partnerops.JoinPath(path, "target"), "target and zero are too large to score exactly", show(n.Target))
			return out
		}
		if (!lower && z >= t) || (lower && z <= t) {
			rule := "zero must be below the target for a higher-is-better metric"
			if lower {
				rule = "zero must be above the target for a lower-is-better metric"
			}
			probs.Add(partnerops.JoinPath(path, "target"), rule, show(n.Target))
			return out
		}
		out.tgt, out.zero, out.target = t, z, tgt
	case MethodBanded:
		if len(n.Bands) == 0 {
			probs.Add(partnerops.JoinPath(path, "bands"), "the banded method needs at least one band", "")
			return out
		}
		for _, b := range n.Bands {
			grow(b.Threshold.Decimal)
		}
		if scale > 18 {
			probs.Add(path, "values need more than 18 decimals", "")
			return out
		}
		scale = min(scale+scoringDigits, 18)
		out.scale = scale
		for i, b := range n.Bands {
			bpath := partnerops.Path("bands", i)
			th, ok := scaled(b.Threshold.Decimal, scale)
			if !ok {
				probs.Add(partnerops.JoinPath(path, bpath+".threshold"), "too large to score exactly", show(b.Threshold))
				continue
			}
			s, ok := scoreMicro(b.Score.Decimal)
			if !ok {
				probs.Add(partnerops.JoinPath(path, bpath+".score"), "must be from 0 to 100 with at most 6 decimals", show(b.Score))
				continue
			}
			if k := len(out.bands); k > 0 {
				prev := out.bands[k-1]
				if (!lower && th <= prev.threshold) || (lower && th >= prev.threshold) {
					probs.Add(partnerops.JoinPath(path, bpath+".threshold"), "bands must go from worst to best threshold, strictly", show(b.Threshold))
				}
				if s < prev.score {
					probs.Add(partnerops.JoinPath(path, bpath+".score"), "a better band must not score lower", show(b.Score))
				}
			}
			out.bands = append(out.bands, intBand{threshold: th, score: s})
			out.target = b.Threshold.Decimal
		}
		// The plan value is the first threshold that scores 100, if any.
		for i, b := range out.bands {
			if b.score == fullScore {
				out.target = n.Bands[i].Threshold.Decimal
				break
			}
		}
	default:
		probs.Add(partnerops.JoinPath(path, "method"), "must be linear, inverse or banded", string(n.Method))
	}
	return out
}

// Key returns the template key.
func (sc *Scorecard) Key() string { return sc.key }

// Name returns the template name.
func (sc *Scorecard) Name() string { return sc.name }

// Catalog returns the metric catalog the scorecard was compiled against.
func (sc *Scorecard) Catalog() *Catalog { return sc.cat }

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
