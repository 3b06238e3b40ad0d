package performance

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/strict"
)

// MetricBound is a minimum (or maximum) a tier requires of one metric, in
// the metric's unit.
type MetricBound struct {
	// Metric is the metric key; paths name a bound by it:
	// tiers[gold].metrics[certified_people].min.
	Metric string `json:"metric" path:"key"`
	// Min is the lowest acceptable value; Max the highest (for
	// lower-is-better metrics). At least one must be set.
	Min *partnerops.Decimal `json:"min,omitempty"`
	Max *partnerops.Decimal `json:"max,omitempty"`
}

// TierRequirement is what a partner must show to hold a tier.
type TierRequirement struct {
	// Tier names the tier; paths name a requirement by it:
	// tiers[gold].min_total.
	Tier partnerops.Tier `json:"tier" path:"key"`
	// MinTotal is the lowest scorecard total, 0 to 100 points (0: no
	// minimum).
	MinTotal partnerops.Decimal `json:"min_total,omitzero" aka:"minimum,min,min_score"`
	Metrics  []MetricBound      `json:"metrics,omitempty"`
	// Requirements name host-evaluated requirements that must have passed
	// (certifications from enablement, a signed agreement, a CSAT survey),
	// looked up in [ReviewPeriod.Requirements].
	Requirements []string `json:"requirements,omitempty"`
}

// TierPolicy defines requalification as data. It round-trips through JSON
// and decodes strictly ([ParseTierPolicy]). Every tier above the lowest
// needs an entry with at least one requirement; the lowest may have none.
// Going up the ladder, requirements must not get easier: a tier's
// MinTotal is at least every lower tier's, and its bound on a metric at
// least as strict as every lower tier's bound on it.
type TierPolicy struct {
	Tiers []TierRequirement `json:"tiers"`
	// PromotionMargin is how many points above a tier's MinTotal a partner
	// must score to be promoted into it, and DemotionMargin how far below
	// its current tier's MinTotal it may fall and still hold it. Together
	// they make a band in which nothing changes, so a partner hovering at
	// a threshold is not moved up and down every review (hysteresis).
	PromotionMargin partnerops.Decimal `json:"promotion_margin,omitzero"`
	DemotionMargin  partnerops.Decimal `json:"demotion_margin,omitzero"`
	// GracePeriods is how many consecutive failing reviews a partner keeps
	// its tier before a demotion is recommended (0: demote at the first).
	GracePeriods int `json:"grace_periods,omitempty"`
	// PromotionPeriods is how many consecutive reviews must qualify for the
	// higher tier before a promotion (default 1: the current review).
	PromotionPeriods int `json:"promotion_periods,omitempty"`
	// AllowSkip lets a partner move more than one tier in one review; by
	// default it moves one step at a time.
	AllowSkip bool `json:"allow_skip,omitempty"`
}

// ReviewPeriod is what the host knows of a partner for one review.
type ReviewPeriod struct {
	Period partnerops.Period `json:"period,omitzero"`
	// Total is the scorecard total; Scored false means there is none,
	// which fails any MinTotal.
	Total  Points `json:"total"`
	Scored bool   `json:"scored"`
	// Metrics are metric values by key, in each metric's unit.
	Metrics map[string]partnerops.Decimal `json:"metrics,omitempty"`
	// Requirements are host-evaluated results by requirement name.
	Requirements map[string]bool `json:"requirements,omitempty"`
}

// RequalInput is one partner's requalification case.
type RequalInput struct {
	Partner partnerops.PartnerID `json:"partner"`
	Current partnerops.Tier      `json:"current"`
	// History holds review periods, oldest first (periods, where set,
	// must start in ascending order); the last is the review being
	// decided.
	History []ReviewPeriod `json:"history"`
}

// Decision is a requalification outcome.
type Decision string

// Decisions.
const (
	DecisionPromote Decision = "promote"
	DecisionKeep    Decision = "keep"
	DecisionDemote  Decision = "demote"
)

// CheckKind names what a [Check] tested.
type CheckKind string

// Check kinds.
const (
	CheckTotal       CheckKind = "min_total"
	CheckMetric      CheckKind = "metric"
	CheckRequirement CheckKind = "requirement"
)

// Check is one requirement tested against the latest review period.
type Check struct {
	Tier    partnerops.Tier `json:"tier"`
	Kind    CheckKind       `json:"kind"`
	Subject string          `json:"subject"`
	// Required and Actual are display text ("≥ 75.00", "72.50").
	Required string `json:"required"`
	Actual   string `json:"actual"`
	Met      bool   `json:"met"`
}

// Recommendation is the outcome for one partner, with its reasons.
type Recommendation struct {
	Partner  partnerops.PartnerID `json:"partner"`
	From     partnerops.Tier      `json:"from"`
	To       partnerops.Tier      `json:"to"`
	Decision Decision             `json:"decision"`
	// Reasons explain the decision in sentences, most important first.
	Reasons []string `json:"reasons"`
	// Checks are the requirement tests of the latest review for the
	// current tier and the tiers a move was considered for.
	Checks []Check `json:"checks"`
	// GraceUsed counts consecutive failing reviews so far (including the
	// latest) while the partner keeps its tier; GraceRemaining how many
	// more are tolerated.
	GraceUsed      int `json:"grace_used,omitempty"`
	GraceRemaining int `json:"grace_remaining,omitempty"`
}

type tierPolicyPlain TierPolicy // no methods: strict.Decode walks its fields

// ParseTierPolicy decodes a requalification policy strictly (see the
// package doc); paths name tiers and metrics by ID:
// tiers[gold].metrics[certified_people].min. It does not validate the
// policy against a ladder; [NewRequalifier] does.
func ParseTierPolicy(data []byte) (TierPolicy, error) {
	var p TierPolicy
	if err := strict.Decode(data, (*tierPolicyPlain)(&p), strict.Options{}); err != nil {
		return TierPolicy{}, fail(err, "parsing tier policy")
	}
	return p, nil
}

// UnmarshalJSON decodes strictly, as [ParseTierPolicy] does.
func (p *TierPolicy) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*tierPolicyPlain)(p), strict.Options{})
}

type compiledReq struct {
	minTotal int64 // micro-points; 0 = none
	metrics  []MetricBound
	reqs     []string
	defined  bool
	index    int // position in the policy's tiers
}

// Requalifier is a compiled [TierPolicy] over a tier ladder: immutable and
// safe for concurrent use.
type Requalifier struct {
	ladder   partnerops.TierLadder
	tiers    []partnerops.Tier
	reqs     []compiledReq // by ladder rank
	promo    int64         // micro-points
	demo     int64
	grace    int
	periods  int
	skip     bool
	warnings partnerops.Warnings
}

// NewRequalifier validates policy against ladder (the program's
// partnerops.Program.Tiers) and returns the engine. Every problem is
// reported as a [*partnerops.ValidationError] with its path, tiers named
// by ID (tiers[platinum].min_total), among them requirements that get
// easier going up the ladder: a MinTotal below a lower tier's, a metric
// minimum below (or maximum above) a lower tier's bound on that metric.
// Valid but suspicious policies come back from [Requalifier.Warnings].
func NewRequalifier(ladder partnerops.TierLadder, policy TierPolicy) (*Requalifier, error) {
	var probs partnerops.Problems
	if ladder.Len() == 0 {
		probs.Add("tiers", "the tier ladder is empty: pass the program's tiers (partnerops.Program.Tiers)", "")
	}
	q := &Requalifier{ladder: ladder, tiers: ladder.Tiers(), reqs: make([]compiledReq, ladder.Len()),
		grace: policy.GracePeriods, periods: policy.PromotionPeriods, skip: policy.AllowSkip}
	if q.periods == 0 {
		q.periods = 1
	}
	if policy.GracePeriods < 0 || policy.GracePeriods > 100 {
		probs.Add("grace_periods", "must be from 0 to 100", fmt.Sprint(policy.GracePeriods))
	}
	if policy.PromotionPeriods < 0 || policy.PromotionPeriods > 100 {
		probs.Add("promotion_periods", "must be from 0 to 100", fmt.Sprint(policy.PromotionPeriods))
	}
	var ok bool
	if q.promo, ok = scoreMicro(fence.Dec(policy.PromotionMargin)); !ok {
		probs.Add("promotion_margin", "must be from 0 to 100 points with at most 6 decimals", show(policy.PromotionMargin))
	}
	if q.demo, ok = scoreMicro(fence.Dec(policy.DemotionMargin)); !ok {
		probs.Add("demotion_margin", "must be from 0 to 100 points with at most 6 decimals", show(policy.DemotionMargin))
	}
	seen := map[partnerops.Tier]int{}
	for i, tr := range policy.Tiers {
		path := partnerops.Path("tiers", elem(string(tr.Tier), i))
		at := func(fields ...any) string { return partnerops.JoinPath(path, partnerops.Path(fields...)) }
		r, on := ladder.Rank(tr.Tier)
		if !on {
			probs.Addf(at("tier"), string(tr.Tier), "must be one of the ladder's tiers %s", ladder)
			continue
		}
		if _, dup := seen[tr.Tier]; dup {
			probs.Add(at("tier"), "duplicate tier", string(tr.Tier))
			continue
		}
		seen[tr.Tier] = i
		cr := compiledReq{metrics: slices.Clone(tr.Metrics), reqs: slices.Clone(tr.Requirements), defined: true, index: i}
		if cr.minTotal, ok = scoreMicro(fence.Dec(tr.MinTotal)); !ok {
			probs.Add(at("min_total"), "must be from 0 to 100 with at most 6 decimals", show(tr.MinTotal))
		}
		metricSeen := map[string]bool{}
		for j, mb := range tr.Metrics {
			mpath := at("metrics", elem(mb.Metric, j))
			if !validKey(mb.Metric) {
				probs.Add(partnerops.JoinPath(mpath, "metric"), "must be a metric key", mb.Metric)
			} else if metricSeen[mb.Metric] {
				probs.Add(partnerops.JoinPath(mpath, "metric"), "duplicate bound on this metric", mb.Metric)
			}
			metricSeen[mb.Metric] = true
			if mb.Min == nil && mb.Max == nil {
				probs.Add(mpath, "needs a min, a max or both", "")
			}
			if (mb.Min != nil && !inRange(fence.Dec(*mb.Min))) || (mb.Max != nil && !inRange(fence.Dec(*mb.Max))) {
				probs.Add(mpath, "min and max must have at most 30 integer and 18 fraction digits", "")
			} else if mb.Min != nil && mb.Max != nil && mb.Min.Cmp(*mb.Max) > 0 {
				probs.Add(partnerops.JoinPath(mpath, "max"), "must not be below min", show(*mb.Max))
			}
		}
		for j, name := range tr.Requirements {
			if name == "" {
				probs.Add(at("requirements", j), "must not be empty", "")
			}
		}
		q.reqs[r] = cr
	}
	for r, t := range q.tiers {
		cr := q.reqs[r]
		if r > 0 && (!cr.defined || cr.minTotal == 0 && len(cr.metrics) == 0 && len(cr.reqs) == 0) {
			probs.Addf(partnerops.Path("tiers", partnerops.Key(string(t))), string(t), "tier %q above the lowest needs at least one requirement", t)
		}
	}
	if probs.Len() == 0 {
		q.checkLadderOrder(&probs, policy)
	}
	if err := probs.Err(); err != nil {
		return nil, fail(err, "compiling tier policy")
	}
	return q, nil
}

// checkLadderOrder reports requirements that get easier going up the
// ladder (errors) or disappear (warnings, once per requirement), and
// tiers no total can reach. Its cost is linear in the policy's bounds and
// requirements (plus sorting what it warns about).
func (q *Requalifier) checkLadderOrder(probs *partnerops.Problems, policy TierPolicy) {
	type bound struct {
		tier partnerops.Tier
		v    partnerops.Decimal
	}
	var maxTotal int64
	var maxTotalTier partnerops.Tier
	mins, maxes := map[string]bound{}, map[string]bound{}
	// What lower tiers require and every tier since has kept: a higher
	// tier that drops one is warned about once.
	keptMin, keptMax, keptReq := map[string]bound{}, map[string]bound{}, map[string]partnerops.Tier{}
	for r, t := range q.tiers {
		cr := &q.reqs[r]
		if !cr.defined {
			continue
		}
		path := partnerops.Path("tiers", partnerops.Key(string(t)))
		at := func(fields ...any) string { return partnerops.JoinPath(path, partnerops.Path(fields...)) }
		tr := policy.Tiers[cr.index]
		if cr.minTotal < maxTotal {
			probs.Addf(at("min_total"), show(tr.MinTotal), "must be at least %s's min_total %s: a higher tier must not be easier to reach than a lower one", maxTotalTier, pointsOf(maxTotal))
		} else if cr.minTotal > 0 {
			maxTotal, maxTotalTier = cr.minTotal, t
		}
		if cr.minTotal > 0 && cr.minTotal+q.promo > fullScore {
			q.warnings.Add(at("min_total"), fmt.Sprintf("min_total plus the promotion margin is %s, above 100: no partner can be promoted into %s", pointsOf(cr.minTotal+q.promo), t), show(tr.MinTotal))
		}
		hasMin, hasMax := map[string]bool{}, map[string]bool{}
		for _, mb := range cr.metrics {
			bp := at("metrics", partnerops.Key(mb.Metric))
			if mb.Min != nil {
				hasMin[mb.Metric] = true
				if lo, ok := mins[mb.Metric]; ok && mb.Min.Cmp(lo.v) < 0 {
					probs.Addf(partnerops.JoinPath(bp, "min"), show(*mb.Min), "must be at least %s's minimum %s: a higher tier must not be easier to reach than a lower one", lo.tier, lo.v)
				} else {
					mins[mb.Metric] = bound{t, *mb.Min}
				}
			}
			if mb.Max != nil {
				hasMax[mb.Metric] = true
				if hi, ok := maxes[mb.Metric]; ok && mb.Max.Cmp(hi.v) > 0 {
					probs.Addf(partnerops.JoinPath(bp, "max"), show(*mb.Max), "must be at most %s's maximum %s: a higher tier must not be easier to reach than a lower one", hi.tier, hi.v)
				} else {
					maxes[mb.Metric] = bound{t, *mb.Max}
				}
			}
		}
		for _, k := range dropped(keptMin, hasMin) {
			q.warnings.Add(at("metrics"), fmt.Sprintf("%s requires %s ≥ %s but %s does not bound it", keptMin[k].tier, k, keptMin[k].v, t), k)
			delete(keptMin, k)
		}
		for _, k := range dropped(keptMax, hasMax) {
			q.warnings.Add(at("metrics"), fmt.Sprintf("%s requires %s ≤ %s but %s does not bound it", keptMax[k].tier, k, keptMax[k].v, t), k)
			delete(keptMax, k)
		}
		needs := map[string]bool{}
		for _, name := range cr.reqs {
			needs[name] = true
		}
		for _, name := range dropped(keptReq, needs) {
			q.warnings.Add(at("requirements"), fmt.Sprintf("%s requires %q but %s does not", keptReq[name], name, t), name)
			delete(keptReq, name)
		}
		for k := range hasMin {
			if _, ok := keptMin[k]; !ok {
				keptMin[k] = mins[k]
			}
		}
		for k := range hasMax {
			if _, ok := keptMax[k]; !ok {
				keptMax[k] = maxes[k]
			}
		}
		for name := range needs {
			if _, ok := keptReq[name]; !ok {
				keptReq[name] = t
			}
		}
	}
}

// dropped returns, sorted, the keys of kept that has lacks. Every key of
// kept is either in has or returned (and then removed by the caller), so
// over a ladder the cost is linear in what the tiers list.
func dropped[V any](kept map[string]V, has map[string]bool) []string {
	var out []string
	for k := range kept {
		if !has[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Warnings returns what compiling found valid but probably not meant: a
// tier whose min_total plus the promotion margin exceeds 100 (nobody can
// be promoted into it), a metric bound or named requirement of a lower
// tier that a higher tier drops. The slice is a copy.
func (q *Requalifier) Warnings() []partnerops.Warning { return slices.Clone(q.warnings) }

// margin modes of a qualification test.
type qualMode int

const (
	qualPromote qualMode = iota // MinTotal + promotion margin
	qualRetain                  // MinTotal − demotion margin
)

// qualifies tests period p against the tier of rank r and returns whether
// every requirement is met, with the checks when want is set.
func (q *Requalifier) qualifies(p *ReviewPeriod, r int, mode qualMode, want bool) (bool, []Check) {
	cr := &q.reqs[r]
	tier := q.tiers[r]
	ok := true
	var checks []Check
	if cr.minTotal > 0 {
		need := cr.minTotal
		switch mode {
		case qualPromote:
			need += q.promo
		case qualRetain:
			need = max(need-q.demo, 0)
		}
		met := p.Scored && atLeastMicro(p.Total, need)
		ok = ok && met
		if want {
			actual := "not scored"
			if p.Scored {
				actual = p.Total.String()
			}
			checks = append(checks, Check{Tier: tier, Kind: CheckTotal, Subject: "scorecard total",
				Required: "≥ " + pointsOf(need).String(), Actual: actual, Met: met})
		}
	}
	for _, mb := range cr.metrics {
		v, has := p.Metrics[mb.Metric]
		met := has && (mb.Min == nil || v.Cmp(*mb.Min) >= 0) && (mb.Max == nil || v.Cmp(*mb.Max) <= 0)
		ok = ok && met
		if want {
			req := ""
			switch {
			case mb.Min != nil && mb.Max != nil:
				req = mb.Min.String() + " to " + mb.Max.String()
			case mb.Min != nil:
				req = "≥ " + mb.Min.String()
			default:
				req = "≤ " + mb.Max.String()
			}
			actual := "missing"
			if has {
				actual = v.String()
			}
			checks = append(checks, Check{Tier: tier, Kind: CheckMetric, Subject: mb.Metric, Required: req, Actual: actual, Met: met})
		}
	}
	for _, name := range cr.reqs {
		passed, has := p.Requirements[name]
		met := has && passed
		ok = ok && met
		if want {
			actual := "missing"
			if has {
				actual = "failed"
				if passed {
					actual = "passed"
				}
			}
			checks = append(checks, Check{Tier: tier, Kind: CheckRequirement, Subject: name, Required: "passed", Actual: actual, Met: met})
		}
	}
	return ok, checks
}

// Recommend decides one partner's tier for the latest review period:
//
//   - Promote when the partner qualifies for a higher tier, with its total
//     at least the promotion margin above that tier's minimum, in each of
//     the last PromotionPeriods reviews: one tier up, or to the highest
//     such tier when AllowSkip is set.
//   - Otherwise keep the tier while the latest review meets it, its total
//     allowed to fall short by the demotion margin.
//   - When the latest review fails the current tier, keep it during the
//     grace period (GracePeriods consecutive failing reviews) and demote
//     after: one tier down, or with AllowSkip to the highest lower tier
//     the latest review still meets (with the demotion margin). A partner
//     on the lowest tier stays there.
//
// An empty history, review periods out of order or a current tier not on
// the ladder give an error wrapping [partnerops.ErrInvalid] or
// [partnerops.ErrUnknownTier]; a metric value beyond
// [partnerops.Decimal.Validate]'s range one wrapping
// [partnerops.ErrRange].
func (q *Requalifier) Recommend(in RequalInput) (Recommendation, error) {
	r, on := q.ladder.Rank(in.Current)
	if !on {
		return Recommendation{}, fail(partnerops.ErrUnknownTier, "requalifying %q: tier %q", string(in.Partner), string(in.Current))
	}
	if len(in.History) == 0 {
		return Recommendation{}, fail(partnerops.ErrInvalid, "requalifying %q: no review periods", string(in.Partner))
	}
	for i, h := range in.History {
		for _, k := range sortedKeys(h.Metrics) {
			if !inRange(fence.Dec(h.Metrics[k])) {
				return Recommendation{}, fail(partnerops.ErrRange, "requalifying %q: review %d: metric %q beyond 30 integer or 18 fraction digits", string(in.Partner), i, k)
			}
		}
		if i > 0 && h.Period.Valid() && in.History[i-1].Period.Valid() && !in.History[i-1].Period.Start.Before(h.Period.Start) {
			return Recommendation{}, fail(partnerops.ErrInvalid, "requalifying %q: review %d (%s) does not start after review %d (%s): history must be oldest first", string(in.Partner), i, h.Period, i-1, in.History[i-1].Period)
		}
	}
	rec := Recommendation{Partner: in.Partner, From: in.Current, To: in.Current, Decision: DecisionKeep}
	latest := &in.History[len(in.History)-1]

	// Promotion: the highest tier above that qualifies over the window.
	top := r + 1
	if q.skip {
		top = len(q.tiers) - 1
	}
	promoteTo := -1
	for t := r + 1; t <= top && t < len(q.tiers); t++ {
		if q.qualifiesOver(in.History, t, qualPromote, q.periods) {
			promoteTo = t
		}
	}
	if r+1 < len(q.tiers) {
		_, checks := q.qualifies(latest, r+1, qualPromote, true)
		rec.Checks = append(rec.Checks, checks...)
	}
	if promoteTo >= 0 {
		rec.Decision, rec.To = DecisionPromote, q.tiers[promoteTo]
		rec.Reasons = append(rec.Reasons, fmt.Sprintf("meets every %s requirement (with the promotion margin) in the last %d review(s)", q.tiers[promoteTo], q.periods))
		if promoteTo > r+1 {
			_, checks := q.qualifies(latest, promoteTo, qualPromote, true)
			rec.Checks = append(rec.Checks, checks...)
		}
		return rec, nil
	}
	if r+1 < len(q.tiers) {
		if ok, _ := q.qualifies(latest, r+1, qualPromote, false); ok {
			rec.Reasons = append(rec.Reasons, fmt.Sprintf("meets %s requirements now but needs %d consecutive qualifying reviews", q.tiers[r+1], q.periods))
		} else {
			rec.Reasons = append(rec.Reasons, fmt.Sprintf("does not yet meet %s requirements (%s)", q.tiers[r+1], failed(rec.Checks)))
		}
	}

	// Retention of the current tier.
	holds, checks := q.qualifies(latest, r, qualRetain, true)
	rec.Checks = append(checks, rec.Checks...)
	if holds {
		rec.Reasons = append([]string{fmt.Sprintf("meets %s requirements (with the demotion margin)", in.Current)}, rec.Reasons...)
		return rec, nil
	}
	if r == 0 {
		rec.Reasons = append([]string{fmt.Sprintf("misses %s requirements (%s) but is on the lowest tier", in.Current, failed(checks))}, rec.Reasons...)
		return rec, nil
	}
	failing := 0
	for i := len(in.History) - 1; i >= 0; i-- {
		if ok, _ := q.qualifies(&in.History[i], r, qualRetain, false); ok {
			break
		}
		failing++
	}
	if failing <= q.grace {
		rec.GraceUsed, rec.GraceRemaining = failing, q.grace-failing
		rec.Reasons = append([]string{fmt.Sprintf("misses %s requirements (%s); grace period: %d of %d failing review(s) used", in.Current, failed(checks), failing, q.grace)}, rec.Reasons...)
		return rec, nil
	}
	to := r - 1
	if q.skip {
		for to > 0 {
			if ok, _ := q.qualifies(latest, to, qualRetain, false); ok {
				break
			}
			to--
		}
	}
	rec.Decision, rec.To = DecisionDemote, q.tiers[to]
	rec.Reasons = append([]string{fmt.Sprintf("misses %s requirements (%s) for %d consecutive review(s), beyond the grace period of %d", in.Current, failed(checks), failing, q.grace)}, rec.Reasons...)
	return rec, nil
}

// RecommendAll decides many partners, in input order.
func (q *Requalifier) RecommendAll(ins []RequalInput) ([]Recommendation, error) {
	out := make([]Recommendation, len(ins))
	for i := range ins {
		var err error
		if out[i], err = q.Recommend(ins[i]); err != nil {
			return nil, fail(err, "requalification input %d", i)
		}
	}
	return out, nil
}

// qualifiesOver reports whether each of the last n periods qualifies.
func (q *Requalifier) qualifiesOver(h []ReviewPeriod, r int, mode qualMode, n int) bool {
	if len(h) < n {
		return false
	}
	for i := len(h) - n; i < len(h); i++ {
		if ok, _ := q.qualifies(&h[i], r, mode, false); !ok {
			return false
		}
	}
	return true
}

// failed lists the unmet checks as "subject actual, needs required".
func failed(checks []Check) string {
	var parts []string
	for _, c := range checks {
		if !c.Met {
			parts = append(parts, fmt.Sprintf("%s %s, needs %s", c.Subject, c.Actual, c.Required))
		}
	}
	if len(parts) == 0 {
		return "all met"
	}
	return strings.Join(parts, "; ")
}

// atLeastMicro reports whether p, in hundredths, is at least need
// micro-points, without overflowing for extreme p.
func atLeastMicro(p Points, need int64) bool {
	switch {
	case p > math.MaxInt64/microPerCent:
		return true
	case p < math.MinInt64/microPerCent:
		return false
	}
	return int64(p)*microPerCent >= need
}
