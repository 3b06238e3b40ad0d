package strategy

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// DimensionKind is what a segment dimension groups by.
type DimensionKind string

// Dimension kinds. Type and tier have one value per partner; region and
// motion may have several (a partner is then counted in each of its
// segments); attribute reads Partner.Attributes[Attribute].
const (
	DimensionType      DimensionKind = "type"
	DimensionTier      DimensionKind = "tier"
	DimensionRegion    DimensionKind = "region"
	DimensionMotion    DimensionKind = "motion"
	DimensionAttribute DimensionKind = "attribute"
)

// SegmentDimension is one dimension to group by.
type SegmentDimension struct {
	Kind DimensionKind `json:"kind"`
	// Attribute names the partner attribute for DimensionAttribute.
	Attribute string `json:"attribute,omitempty"`
}

// Name returns the dimension's column name: the kind, or the attribute
// name for an attribute dimension.
func (d SegmentDimension) Name() string {
	if d.Kind == DimensionAttribute {
		return d.Attribute
	}
	return string(d.Kind)
}

// By returns segment dimensions for the given kinds; an unknown kind is
// taken as an attribute name: By("type", "vertical") groups by type and by
// the "vertical" attribute.
func By(names ...string) []SegmentDimension {
	out := make([]SegmentDimension, len(names))
	for i, n := range names {
		switch k := DimensionKind(n); k {
		case DimensionType, DimensionTier, DimensionRegion, DimensionMotion:
			out[i] = SegmentDimension{Kind: k}
		default:
			out[i] = SegmentDimension{Kind: DimensionAttribute, Attribute: n}
		}
	}
	return out
}

// segElem names a list element in a path: by its ID (members[p1]) when
// it has a short one, else by its index.
func segElem(id string, i int) any {
	if id == "" || len(id) > 64 {
		return i
	}
	return partnerops.Key(id)
}

// segNone is the value of a dimension a partner has no value for.
const segNone = ""

// segValidateDims reports problems with dims under path.
func segValidateDims(p *partnerops.Problems, path string, dims []SegmentDimension) {
	for i, d := range dims {
		dp := fixed.Sub(path, i)
		switch d.Kind {
		case DimensionType, DimensionTier, DimensionRegion, DimensionMotion:
			if d.Attribute != "" {
				p.Addf(dp+".attribute", d.Attribute, "not used by %s dimensions (only by attribute); remove it", d.Kind)
			}
		case DimensionAttribute:
			if d.Attribute == "" {
				p.Add(dp+".attribute", "must name an attribute", "")
			}
		default:
			p.Add(dp+".kind", "must be type, tier, region, motion or attribute", string(d.Kind))
		}
	}
}

// segKeyer builds segment keys for partners without allocating per
// partner (beyond new segments).
type segKeyer struct {
	dims []SegmentDimension
	buf  []byte
	vals [][]string // per dimension, the partner's values
	one  [][1]string
}

func newSegKeyer(dims []SegmentDimension) *segKeyer {
	return &segKeyer{dims: dims, vals: make([][]string, len(dims)), one: make([][1]string, len(dims))}
}

// each calls fn with every key of p (one per combination of values of
// multi-valued dimensions) and reports whether p had several keys. The
// key bytes are valid only during the call.
func (k *segKeyer) each(p *partnerops.Partner, fn func(key []byte)) bool {
	multi := false
	for i, d := range k.dims {
		var v string
		switch d.Kind {
		case DimensionType:
			v = string(p.Type)
		case DimensionTier:
			v = string(p.Tier)
		case DimensionAttribute:
			v = p.Attributes[d.Attribute]
		case DimensionRegion:
			if n := segValues(k, i, p.Regions); n != 1 {
				multi = multi || n > 1
				continue
			}
			v = string(p.Regions[0])
		case DimensionMotion:
			if n := segValues(k, i, p.Motions); n != 1 {
				multi = multi || n > 1
				continue
			}
			v = string(p.Motions[0])
		}
		k.one[i][0] = v
		k.vals[i] = k.one[i][:]
	}
	k.walk(0, k.buf[:0], fn)
	return multi
}

func (k *segKeyer) walk(i int, buf []byte, fn func([]byte)) {
	if i == len(k.dims) {
		k.buf = buf
		fn(buf)
		return
	}
	for _, v := range k.vals[i] {
		b := buf
		if i > 0 {
			b = append(b, 0x1f)
		}
		k.walk(i+1, append(b, v...), fn)
	}
}

// segValues sets k.vals[i] to the distinct values of xs when there are
// none or several and returns len(xs); a single value is left to the
// caller, without allocating.
func segValues[T ~string](k *segKeyer, i int, xs []T) int {
	switch len(xs) {
	case 0:
		k.one[i][0] = segNone
		k.vals[i] = k.one[i][:]
	case 1:
	default:
		k.vals[i] = segDistinct(xs)
	}
	return len(xs)
}

// segDistinct returns the distinct values of xs in first-seen order; it
// allocates only when xs holds a duplicate.
func segDistinct[T ~string](xs []T) []string {
	switch len(xs) {
	case 0:
		return nil
	case 1:
		return []string{string(xs[0])}
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if !slices.Contains(out, string(x)) {
			out = append(out, string(x))
		}
	}
	return out
}

// segSplitKey turns key bytes back into one value per dimension.
func segSplitKey(key string, n int) []string {
	if n == 0 {
		return nil
	}
	return strings.SplitN(key, "\x1f", n)
}

// SegmentMember is one partner (or account, as a Partner with an ID and
// attributes) with its figures for the analysis: revenue in the current
// and the prior period, and open pipeline. Amounts are in the analysis
// currency; a zero Money (no currency) counts as zero.
type SegmentMember struct {
	Partner      partnerops.Partner `json:"partner"`
	Revenue      partnerops.Money   `json:"revenue"`
	PriorRevenue partnerops.Money   `json:"prior_revenue"`
	Pipeline     partnerops.Money   `json:"pipeline"`
}

// SegmentSpec says how to segment.
type SegmentSpec struct {
	// By lists the dimensions to group by (none: one segment of all).
	By []SegmentDimension `json:"by"`
	// Currency is the currency of every amount.
	Currency partnerops.Currency `json:"currency"`
	// TopN is the member count of the top-N revenue share. Defaults to
	// 10.
	TopN int `json:"top_n,omitempty"`
	// ParetoShare is the revenue share of the Pareto point. Defaults to
	// 80%.
	ParetoShare partnerops.Percent `json:"pareto_share,omitzero" aka:"pareto"`
	// Current and Prior name the two periods compared (labels only: the
	// figures come with the members).
	Current partnerops.Period `json:"current,omitzero"`
	Prior   partnerops.Period `json:"prior,omitzero"`
}

// Concentration measures how revenue is spread over the members of a
// segment that have positive revenue (the contributors).
type Concentration struct {
	Contributors int `json:"contributors"`
	// TopN and TopShare: the share of revenue held by the TopN largest
	// contributors (fewer when there are fewer).
	TopN     int                `json:"top_n"`
	TopShare partnerops.Percent `json:"top_share"`
	// HHI is the Herfindahl-Hirschman index: the sum of squared revenue
	// shares in percent, from 10000/Contributors (even) to 10000 (one
	// contributor); 2 fraction digits, half to even.
	HHI partnerops.Decimal `json:"hhi"`
	// ParetoCount is the fewest contributors whose revenue reaches
	// ParetoShare of the segment's positive revenue, ParetoMembers their
	// share of the contributors ("20% of partners make 80% of revenue").
	ParetoCount   int                `json:"pareto_count"`
	ParetoMembers partnerops.Percent `json:"pareto_members"`
}

// Equal reports whether c and o are equal, comparing decimals numerically.
func (c Concentration) Equal(o Concentration) bool {
	return c.Contributors == o.Contributors && c.TopN == o.TopN && c.TopShare.Equal(o.TopShare) &&
		c.HHI.Equal(o.HHI) && c.ParetoCount == o.ParetoCount && c.ParetoMembers.Equal(o.ParetoMembers)
}

// SegmentStats are the figures of one segment (or of the whole portfolio).
type SegmentStats struct {
	// Key holds the segment's value for each dimension, in SegmentSpec.By
	// order; "" means the partner has no value there.
	Key          []string         `json:"key"`
	Count        int              `json:"count"`
	Revenue      partnerops.Money `json:"revenue"`
	PriorRevenue partnerops.Money `json:"prior_revenue"`
	Pipeline     partnerops.Money `json:"pipeline"`
	// Shares of the portfolio totals, in percent with 2 fraction digits,
	// rounded half to even (0% when the total is zero).
	CountShare    partnerops.Percent `json:"count_share"`
	RevenueShare  partnerops.Percent `json:"revenue_share"`
	PipelineShare partnerops.Percent `json:"pipeline_share"`
	// Growth is (Revenue - PriorRevenue) / PriorRevenue, in percent with
	// 2 fraction digits, half to even; HasGrowth is false (and Growth 0)
	// when PriorRevenue is not positive.
	Growth        partnerops.Percent `json:"growth"`
	HasGrowth     bool               `json:"has_growth"`
	Concentration Concentration      `json:"concentration"`
}

// SegmentReport is the result of [AnalyzeSegments].
type SegmentReport struct {
	Spec SegmentSpec `json:"spec"`
	// Total covers every member once.
	Total SegmentStats `json:"total"`
	// Segments are sorted by revenue, highest first, ties by key.
	Segments []SegmentStats `json:"segments"`
	// Overlapping is true when a member has several values of a region or
	// motion dimension and so counts in several segments: segment counts,
	// sums and shares then add up to more than the total.
	Overlapping bool `json:"overlapping"`
}

type segAgg struct {
	key              string
	count            int
	rev, prior, pipe segSum
}

// AnalyzeSegments groups members by spec.By and computes per segment and
// for the whole: counts, revenue, prior revenue and pipeline sums, shares,
// growth and revenue concentration (top-N share, HHI, Pareto point).
//
// Amounts are summed exactly: each is scaled to the largest number of
// fraction digits among them and must then fit an int64 (otherwise the
// error wraps partnerops.ErrRange). Problems with the spec or members are
// reported together as *partnerops.ValidationError values; amounts in
// another currency wrap partnerops.ErrCurrencyMismatch; a partner listed
// twice wraps [ErrDuplicate].
func AnalyzeSegments(spec SegmentSpec, members []SegmentMember) (SegmentReport, error) {
	var p partnerops.Problems
	if !spec.Currency.Valid() {
		p.Add("currency", "must be a known currency", string(spec.Currency))
	}
	segValidateDims(&p, "by", spec.By)
	if spec.TopN < 0 {
		p.Add("top_n", "must not be negative", fmt.Sprint(spec.TopN))
	}
	if spec.TopN == 0 {
		spec.TopN = 10
	}
	if spec.ParetoShare.IsZero() {
		spec.ParetoShare = partnerops.PercentFromInt(80)
	}
	pareto, ok := fixed.ScaledDec(spec.ParetoShare.Decimal(), 4)
	if !ok || pareto <= 0 || pareto > 100*10_000 {
		p.Add("pareto_share", "must be above 0 and at most 100 with at most 4 fraction digits", quoteDecimal(spec.ParetoShare.Decimal())+"%")
	}
	if err := p.Err(); err != nil {
		return SegmentReport{}, err
	}
	scale, vals, err := segScaleMembers(spec.Currency, members)
	if err != nil {
		return SegmentReport{}, err
	}

	rep := SegmentReport{Spec: spec}
	index := map[string]int{}
	var aggs []segAgg
	var total segAgg
	keyer := newSegKeyer(spec.By)
	// pairs records (segment, member) memberships, grouped below by a
	// counting sort instead of a slice per segment.
	pairs := make([][2]int32, 0, len(members))
	for i := range members {
		v := vals[3*i : 3*i+3]
		total.add(v)
		multi := keyer.each(&members[i].Partner, func(key []byte) {
			j, ok := index[string(key)]
			if !ok {
				j = len(aggs)
				index[string(key)] = j
				aggs = append(aggs, segAgg{key: string(key)})
			}
			aggs[j].add(v)
			pairs = append(pairs, [2]int32{int32(j), int32(i)})
		})
		rep.Overlapping = rep.Overlapping || multi
	}
	offsets := make([]int, len(aggs)+1)
	for j := range aggs {
		offsets[j+1] = offsets[j] + aggs[j].count
	}
	grouped := make([]int32, len(pairs))
	next := slices.Clone(offsets[:len(aggs)])
	for _, pr := range pairs {
		grouped[next[pr[0]]] = pr[1]
		next[pr[0]]++
	}

	revs := make([]int64, 0, len(members))
	totRev, totPipe := total.rev.big(), total.pipe.big()
	n := big.NewInt(int64(len(members)))
	// stats computes a segment's figures; mems lists its members (nil:
	// every member).
	stats := func(a *segAgg, mems []int32) (SegmentStats, error) {
		s := SegmentStats{Key: segSplitKey(a.key, len(spec.By)), Count: a.count}
		rev, prior, pipe := a.rev.big(), a.prior.big(), a.pipe.big()
		var errs [3]error
		s.Revenue, errs[0] = segMoney(rev, scale, spec.Currency)
		s.PriorRevenue, errs[1] = segMoney(prior, scale, spec.Currency)
		s.Pipeline, errs[2] = segMoney(pipe, scale, spec.Currency)
		for _, err := range errs {
			if err != nil {
				return s, fmt.Errorf("strategy: segment sums: %w", err)
			}
		}
		s.CountShare = segPercent(big.NewInt(int64(a.count)), n)
		s.RevenueShare = segPercent(rev, totRev)
		s.PipelineShare = segPercent(pipe, totPipe)
		if prior.Sign() > 0 {
			s.HasGrowth = true
			s.Growth = segPercent(new(big.Int).Sub(rev, prior), prior)
		} else {
			s.Growth = fixed.Hundredths(0)
		}
		revs = revs[:0]
		if mems == nil {
			for m := range members {
				if r := vals[3*m]; r > 0 {
					revs = append(revs, r)
				}
			}
		}
		for _, m := range mems {
			if r := vals[3*m]; r > 0 {
				revs = append(revs, r)
			}
		}
		s.Concentration = segConcentration(revs, spec.TopN, pareto)
		return s, nil
	}
	total.key = strings.Repeat("\x1f", max(0, len(spec.By)-1))
	if rep.Total, err = stats(&total, nil); err != nil {
		return SegmentReport{}, err
	}
	rep.Total.Key = nil
	rep.Segments = make([]SegmentStats, len(aggs))
	for i := range aggs {
		if rep.Segments[i], err = stats(&aggs[i], grouped[offsets[i]:offsets[i+1]]); err != nil {
			return SegmentReport{}, err
		}
	}
	slices.SortFunc(rep.Segments, func(a, b SegmentStats) int {
		c, _ := b.Revenue.Cmp(a.Revenue)
		if c != 0 {
			return c
		}
		return slices.Compare(a.Key, b.Key)
	})
	return rep, nil
}

func (a *segAgg) add(v []int64) {
	a.count++
	a.rev.add(v[0])
	a.prior.add(v[1])
	a.pipe.add(v[2])
}

// segScaleMembers checks members' currencies and IDs and scales their
// amounts (revenue, prior, pipeline per member) to one common scale.
func segScaleMembers(c partnerops.Currency, members []SegmentMember) (int32, []int64, error) {
	var p partnerops.Problems
	seen := newSegIDSet(len(members))
	scale := int32(0)
	amounts := func(m *SegmentMember) [3]partnerops.Money {
		return [3]partnerops.Money{m.Revenue, m.PriorRevenue, m.Pipeline}
	}
	names := [3]string{"revenue", "prior_revenue", "pipeline"}
	var kinds []error
	for i := range members {
		m := &members[i]
		if !seen.add(string(m.Partner.ID), i, func(j int) string { return string(members[j].Partner.ID) }) {
			p.Add(partnerops.Path("members", i, "partner", "id"), "duplicate partner", string(m.Partner.ID))
			kinds = append(kinds, ErrDuplicate)
		}
		for k, a := range amounts(m) {
			if err := a.Amount().Validate(); err != nil {
				fixed.AddErr(&p, partnerops.Path("members", segElem(string(m.Partner.ID), i), names[k]), err)
				kinds = append(kinds, partnerops.ErrRange)
				continue
			}
			if a.Currency() != c && !a.IsZero() { // a zero is zero in any currency
				p.Addf(partnerops.Path("members", segElem(string(m.Partner.ID), i), names[k]), a.String(), "must be in %s", c)
				kinds = append(kinds, partnerops.ErrCurrencyMismatch)
			}
			scale = max(scale, -fence.Amount(a).Exponent())
		}
	}
	if err := p.Err(); err != nil {
		return 0, nil, segWrap("strategy: analysing segments", kinds, err)
	}
	vals := make([]int64, 3*len(members))
	for i := range members {
		for k, a := range amounts(&members[i]) {
			v, ok := fixed.Scaled(fence.Amount(a), scale)
			if !ok {
				return 0, nil, fmt.Errorf("strategy: analysing segments: member %d %s %s does not fit 18 digits at scale %d: %w",
					i, names[k], a, scale, partnerops.ErrRange)
			}
			vals[3*i+k] = v
		}
	}
	return scale, vals, nil
}

// segConcentration computes concentration over positive revenues (which it
// sorts in place). pareto is the Pareto share in percent × 10^4.
func segConcentration(revs []int64, topN int, pareto int64) Concentration {
	c := Concentration{Contributors: len(revs), TopN: topN,
		TopShare: fixed.Hundredths(0), HHI: partnerops.NewDecimal(0, -2),
		ParetoMembers: fixed.Hundredths(0)}
	if len(revs) == 0 {
		return c
	}
	segSortDesc(revs)
	var tot, top segU128
	var sq segSquares
	for i, r := range revs {
		tot.add(uint64(r))
		sq.add(uint64(r))
		if i < topN {
			top.add(uint64(r))
		}
	}
	totB := tot.big()
	c.TopShare = segPercent(top.big(), totB)
	// HHI = Σ (100 r / R)^2 = 10^4 Σ r² / R².
	c.HHI = segRatio(sq.big(), new(big.Int).Mul(totB, totB), 4, 2)
	// Pareto: the first k with cum >= ceil(pareto × R / 10^6).
	need := new(big.Int).Mul(big.NewInt(pareto), totB)
	need.Add(need, big.NewInt(999_999))
	need.Quo(need, big.NewInt(1_000_000))
	needU := segU128FromBig(need)
	var cum segU128
	for i, r := range revs {
		cum.add(uint64(r))
		if !cum.less(needU) {
			c.ParetoCount = i + 1
			break
		}
	}
	c.ParetoMembers = segPercent(big.NewInt(int64(c.ParetoCount)), big.NewInt(int64(len(revs))))
	return c
}

// segIDSet detects duplicate IDs with an open-addressing table of 64-bit
// FNV-1a hashes (much cheaper than a string-keyed map for 100,000 IDs);
// equal hashes are confirmed by comparing the IDs, so a hash collision
// never reports a false duplicate.
type segIDSet struct {
	hashes []uint64 // 0 marks an empty slot (a zero hash is stored as 1)
	at     []int32  // index of the ID in each slot
	mask   uint64
}

func newSegIDSet(n int) *segIDSet {
	size := uint64(16)
	for size < 2*uint64(n) {
		size <<= 1
	}
	return &segIDSet{hashes: make([]uint64, size), at: make([]int32, size), mask: size - 1}
}

// add records id (at index i; idAt returns the ID at an earlier index) and
// reports whether it was new.
func (s *segIDSet) add(id string, i int, idAt func(int) string) bool {
	h := max(segHash(id), 1)
	for pos := h & s.mask; ; pos = (pos + 1) & s.mask {
		switch s.hashes[pos] {
		case 0:
			s.hashes[pos], s.at[pos] = h, int32(i)
			return true
		case h:
			if idAt(int(s.at[pos])) == id {
				return false
			}
		}
	}
}

// segHash is 64-bit FNV-1a.
func segHash(id string) uint64 {
	h := uint64(14695981039346656037)
	for k := 0; k < len(id); k++ {
		h ^= uint64(id[k])
		h *= 1099511628211
	}
	return h
}

// segSortDesc sorts non-negative values from largest to smallest: an LSD
// radix sort on 11-bit digits for large inputs (a few passes over the data
// instead of n log n comparisons), slices.Sort for small ones.
func segSortDesc(xs []int64) {
	if len(xs) < 4096 {
		slices.Sort(xs)
		slices.Reverse(xs)
		return
	}
	var hi int64
	for _, x := range xs {
		hi = max(hi, x)
	}
	buf := make([]int64, len(xs))
	src, dst := xs, buf
	var counts [2048]int
	for shift := uint(0); shift < 63 && hi>>shift > 0; shift += 11 {
		clear(counts[:])
		for _, x := range src {
			counts[2047-(x>>shift)&2047]++ // reversed digit: descending order
		}
		sum := 0
		for i, c := range counts {
			counts[i] = sum
			sum += c
		}
		for _, x := range src {
			d := 2047 - (x>>shift)&2047
			dst[counts[d]] = x
			counts[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &xs[0] {
		copy(xs, src)
	}
}
