package performance

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// ScoreInput is one partner's metric values for one period.
type ScoreInput struct {
	Partner partnerops.PartnerID `json:"partner"`
	// Tier and Segment select target overrides; both may be empty.
	Tier    partnerops.Tier `json:"tier,omitempty"`
	Segment string          `json:"segment,omitempty"`
	// Period, when set, must be a period of the scorecard's calendar
	// (see [CompileScorecard]); the result is labelled by it.
	Period partnerops.Period `json:"period,omitzero"`
	// Values by metric key, in each metric's unit, as [Aggregator.Values]
	// returns them. Keys the scorecard does not score are ignored.
	Values map[string]partnerops.Decimal `json:"values"`
}

// MetricScore explains one metric's part in a [Result].
type MetricScore struct {
	Metric    string    `json:"metric"`
	Name      string    `json:"name"`
	Category  string    `json:"category"`
	Indicator Indicator `json:"indicator"`
	Unit      Unit      `json:"unit"`
	// Currency (money metrics) and Places describe how to show values.
	Currency partnerops.Currency `json:"currency,omitempty"`
	Places   int32               `json:"places"`
	// Value is the metric value; Present is false when it was missing.
	Value   partnerops.Decimal `json:"value"`
	Present bool               `json:"present"`
	// Target is the value that scores 100 for this partner's tier and
	// segment (for banded metrics, the first threshold scoring 100).
	Target partnerops.Decimal `json:"target"`
	Method Method             `json:"method"`
	// Missing says how a missing value was treated ("" when present).
	Missing MissingMode `json:"missing,omitempty"`
	// Counted is false for a metric left out (missing and excluded); it
	// then has no score and no band (Score 0, Band "").
	Counted bool   `json:"counted"`
	Score   Points `json:"score"`
	Band    string `json:"band"`
	// Weight is the metric's effective share of the total, in percent.
	Weight Points `json:"weight"`
	// Contribution is the points the metric adds to the total; the
	// contributions sum exactly to the total.
	Contribution Points `json:"contribution"`
	Key          bool   `json:"key,omitempty"`
}

// CategoryScore explains one category's part in a [Result].
type CategoryScore struct {
	Category string `json:"category"`
	Name     string `json:"name"`
	Counted  bool   `json:"counted"`
	Score    Points `json:"score"`
	Band     string `json:"band"`
	// Weight is the category's effective share of the total, in percent.
	Weight Points `json:"weight"`
	// Contribution is the sum of its metrics' contributions.
	Contribution Points `json:"contribution"`
}

// Result is one partner's scorecard for one period and view.
type Result struct {
	Template string               `json:"template"`
	Partner  partnerops.PartnerID `json:"partner"`
	Tier     partnerops.Tier      `json:"tier,omitempty"`
	Segment  string               `json:"segment,omitempty"`
	Period   partnerops.Period    `json:"period,omitzero"`
	// Label names Period in the program's calendar ("FY2027-Q1"); empty
	// without a period.
	Label string `json:"label,omitempty"`
	View  View   `json:"view"`
	// Scored is false when no metric counted (every one missing and
	// excluded); Total is then 0 and Band empty.
	Scored     bool            `json:"scored"`
	Total      Points          `json:"total"`
	Band       string          `json:"band"`
	Categories []CategoryScore `json:"categories"`
	Metrics    []MetricScore   `json:"metrics"`
}

// Metric returns the score of metric key and whether the result has it.
func (r *Result) Metric(key string) (MetricScore, bool) {
	for _, m := range r.Metrics {
		if m.Metric == key {
			return m, true
		}
	}
	return MetricScore{}, false
}

// Category returns the score of category key and whether the result has it.
func (r *Result) Category(key string) (CategoryScore, bool) {
	for _, c := range r.Categories {
		if c.Category == key {
			return c, true
		}
	}
	return CategoryScore{}, false
}

// Score scores one partner in the given view.
//
// Each metric value is normalized to micro-points (millionths of a point,
// divisions rounded down; values finer than the normalization's scale are
// rounded toward negative infinity first). A category score is the
// weighted mean of its counted metrics' scores, the total the weighted
// mean of the counted categories' scores, each rounded down to
// micro-points; the reported scores are rounded half up to hundredths.
// Each metric's contribution is its exact share of the total, apportioned
// in hundredths by largest remainder (ties to the earlier metric) so that
// the contributions add up to the total exactly.
//
// A tier not on the scorecard's ladder gives an error wrapping
// [partnerops.ErrUnknownTier]; an unknown view, or a period that is not a
// period of the program's calendar, one wrapping [partnerops.ErrInvalid];
// a value beyond [partnerops.Decimal.Validate]'s range (more than 30
// integer or 18 fraction digits) one wrapping [partnerops.ErrRange].
func (sc *Scorecard) Score(in ScoreInput, view View) (Result, error) {
	var r Result
	var pc periodCache
	ms := make([]MetricScore, 0, len(sc.metrics))
	cs := make([]CategoryScore, 0, len(sc.cats))
	if err := sc.scoreInto(&r, in, view, ms, cs, &pc); err != nil {
		return Result{}, fail(err, "scoring %q", string(in.Partner))
	}
	return r, nil
}

// ScoreAll scores many partners in the given view, returning results in
// input order. It allocates the results' slices in bulk. The first bad
// input stops it with an error naming its index.
func (sc *Scorecard) ScoreAll(ins []ScoreInput, view View) ([]Result, error) {
	out := make([]Result, len(ins))
	ms := make([]MetricScore, 0, len(ins)*len(sc.metrics))
	cs := make([]CategoryScore, 0, len(ins)*len(sc.cats))
	var pc periodCache
	for i := range ins {
		if err := sc.scoreInto(&out[i], ins[i], view, ms[len(ms):len(ms):cap(ms)], cs[len(cs):len(cs):cap(cs)], &pc); err != nil {
			return nil, fail(err, "scoring input %d (%q)", i, string(ins[i].Partner))
		}
		ms = ms[:len(ms)+len(out[i].Metrics)]
		cs = cs[:len(cs)+len(out[i].Categories)]
	}
	return out, nil
}

// scratch holds per-call working values on the stack for templates of up
// to 64 metrics and 16 categories.
type scratch struct {
	microA   [64]int64
	contribA [64]int64
	idxA     [64]int
	catA     [16]int64
	catWA    [16]uint64
	catIdxA  [16]int
	orderA   [64]int
}

func grow[T any](arr []T, n int) []T {
	if n <= len(arr) {
		return arr[:n]
	}
	return make([]T, n)
}

// scoreInto scores one input into r. Its errors carry no package prefix;
// the exported callers add one.
func (sc *Scorecard) scoreInto(r *Result, in ScoreInput, view View, ms []MetricScore, cs []CategoryScore, pc *periodCache) error {
	if view != ViewInternal && view != ViewExternal {
		return fmt.Errorf("view %q: %w", string(view), partnerops.ErrInvalid)
	}
	if in.Tier != "" && sc.ladder.Len() > 0 && !sc.ladder.Contains(in.Tier) {
		return fmt.Errorf("tier %q: %w", string(in.Tier), partnerops.ErrUnknownTier)
	}
	label, err := sc.label(pc, in.Period)
	if err != nil {
		return err
	}
	*r = Result{Template: sc.key, Partner: in.Partner, Tier: in.Tier, Segment: in.Segment, Period: in.Period, Label: label, View: view}
	ti, si := sc.tierIdx[in.Tier], sc.segIdx[in.Segment]
	resolve := sc.resolve[ti*(len(sc.segIdx)+1)+si]

	var st scratch
	micro := grow(st.microA[:], len(sc.metrics))     // metric score, by position in ms
	contrib := grow(st.contribA[:], len(sc.metrics)) // exact contribution
	idx := grow(st.idxA[:], len(sc.metrics))         // compiled metric index
	catMicro := grow(st.catA[:], len(sc.cats))
	catW := grow(st.catWA[:], len(sc.cats))     // counted metric weight
	catIdx := grow(st.catIdxA[:], len(sc.cats)) // compiled category index

	// Pass 1: metric scores, in template order (grouped by category).
	for mi := range sc.metrics {
		cm := &sc.metrics[mi]
		if view == ViewExternal && !cm.visible {
			continue
		}
		n := &cm.norms[resolve[mi]]
		ms = append(ms, MetricScore{})
		out := &ms[len(ms)-1]
		out.Metric, out.Name, out.Category = cm.key, cm.name, sc.cats[cm.cat].key
		out.Indicator, out.Unit, out.Method = cm.m.def.Indicator, cm.m.def.Unit, n.method
		out.Currency, out.Places = cm.m.def.Currency, cm.m.places
		out.Target, out.Counted, out.Key = n.target, true, cm.keyMetric
		var s int64
		if v, ok := in.Values[cm.key]; ok {
			fv, ok := fixed(fence.Dec(v), n.scale)
			if !ok {
				return fmt.Errorf("metric %q: value beyond 30 integer or 18 fraction digits: %w", cm.key, partnerops.ErrRange)
			}
			out.Value, out.Present = v, true
			s = n.score(fv)
		} else {
			out.Missing = cm.missing
			switch cm.missing {
			case MissingExclude:
				out.Counted = false
			case MissingFixed:
				s = cm.missScore
			}
		}
		micro[len(ms)-1], idx[len(ms)-1] = s, mi
		if out.Counted {
			out.Score = pointsOf(s)
			out.Band = sc.Band(out.Score)
		}
	}
	// Pass 2: category scores: weighted means of the counted metrics.
	var totalW uint64
	k := 0
	for ci := range sc.cats {
		cc := &sc.cats[ci]
		var sum u128
		var w uint64
		start := k
		for ; k < len(ms) && sc.metrics[idx[k]].cat == ci; k++ {
			if ms[k].Counted {
				mw := sc.metrics[idx[k]].weight
				sum.addMul(mw, uint64(micro[k]))
				w += mw
			}
		}
		if start == k {
			continue // no metric of this category in this view
		}
		c := CategoryScore{Category: cc.key, Name: cc.name}
		j := len(cs)
		catIdx[j], catW[j] = ci, w
		if w > 0 {
			c.Counted = true
			catMicro[j] = int64(sum.div(w))
			c.Score = pointsOf(catMicro[j])
			c.Band = sc.Band(c.Score)
			totalW += cc.weight
		}
		cs = append(cs, c)
	}
	r.Metrics, r.Categories = ms, cs
	if totalW == 0 {
		return nil
	}
	// Pass 3: total, effective weights and exact contributions.
	var total u128
	k = 0
	for j := range cs {
		cc := &sc.cats[catIdx[j]]
		start := k
		for k < len(ms) && sc.metrics[idx[k]].cat == catIdx[j] {
			k++
		}
		if !cs[j].Counted {
			continue
		}
		cs[j].Weight = pointsOf(int64(mulDiv(cc.weight, fullScore, totalW)))
		total.addMul(cc.weight, uint64(catMicro[j]))
		den := totalW * catW[j]
		for m := start; m < k; m++ {
			if !ms[m].Counted {
				continue
			}
			ww := cc.weight * sc.metrics[idx[m]].weight
			ms[m].Weight = pointsOf(int64(mulDiv(ww, fullScore, den)))
			contrib[m] = int64(mulDiv(ww, uint64(micro[m]), den))
		}
	}
	r.Scored = true
	r.Total = pointsOf(int64(total.div(totalW)))
	r.Band = sc.Band(r.Total)
	apportion(r.Total, ms, contrib, grow(st.orderA[:], len(ms)))
	k = 0
	for j := range cs {
		for ; k < len(ms) && sc.metrics[idx[k]].cat == catIdx[j]; k++ {
			cs[j].Contribution += ms[k].Contribution
		}
	}
	return nil
}

// apportion sets each counted metric's Contribution to its exact
// micro-point share rounded to hundredths so that they sum exactly to
// total: each gets the whole hundredths of its share, and the hundredths
// left over go one each to the largest remainders (ties to the earlier
// metric), round after round if more are left than metrics; a surplus
// (rare, from rounding the total half up) is taken back from the smallest
// remainders among contributions above zero. It sorts the counted metrics
// once (or, for up to 64 metrics, selects without sorting), so its cost
// is m log m in the metrics plus the hundredths moved.
func apportion(total Points, ms []MetricScore, micro []int64, order []int) {
	var sum Points
	order = order[:0]
	for j := range ms {
		if ms[j].Counted {
			ms[j].Contribution = Points(micro[j] / microPerCent)
			sum += ms[j].Contribution
			order = append(order, j)
		}
	}
	left := total - sum
	if left == 0 || len(order) == 0 {
		return
	}
	if left > 0 {
		if len(order) <= 64 {
			giveBySelection(ms, micro, order, left)
		} else {
			giveBySort(ms, micro, order, left)
		}
		return
	}
	rem := func(j int) int64 { return micro[j] % microPerCent }
	// Smallest remainder first among contributions that can give.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem(a), rem(b)) })
	for left < 0 {
		moved := false
		for _, j := range order {
			if left == 0 {
				break
			}
			if ms[j].Contribution > 0 {
				ms[j].Contribution--
				left++
				moved = true
			}
		}
		if !moved {
			return // nothing can absorb it
		}
	}
}

// giveBySelection gives left hundredths, one each to the largest
// remainders (ties to the earlier metric), round after round: for up to
// 64 metrics (the usual case), at most 64 × (64 + 1) steps and no sort
// on the hot path. It gives what giveBySort gives.
func giveBySelection(ms []MetricScore, micro []int64, order []int, left Points) {
	var given uint64
	for left > 0 {
		best, bestRem := -1, int64(0)
		for i, j := range order {
			if r := micro[j] % microPerCent; given&(1<<i) == 0 && (best < 0 || r > bestRem) {
				best, bestRem = i, r
			}
		}
		if best < 0 {
			given = 0 // a new round
			continue
		}
		given |= 1 << best
		ms[order[best]].Contribution++
		left--
	}
}

// giveBySort gives left hundredths in order of largest remainder (ties
// to the earlier metric), cycling when more are left than metrics.
func giveBySort(ms []MetricScore, micro []int64, order []int, left Points) {
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(micro[b]%microPerCent, micro[a]%microPerCent) })
	for i := 0; left > 0; i = (i + 1) % len(order) {
		ms[order[i]].Contribution++
		left--
	}
}
