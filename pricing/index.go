package pricing

import (
	"math/bits"
	"slices"

	"github.com/partnerops/partnerops"
)

// globalIndex finds the global rules (no SKU or family scope) that are
// candidates for a quote without visiting the others. Each global rule is
// filed under one of its identity conditions (tier, partner type, motion,
// region: the one listing the fewest values), under each value it lists,
// or with the unconditional rules when it has none. A quote looks up its
// own tier, partner type, motion and region and merges those lists, so a
// rule for another tier, type, motion or region is never visited.
type globalIndex struct {
	free   []int32   // rules with no identity condition, by rank
	byTier [][]int32 // per tier rank
	byType map[partnerops.PartnerType][]int32
	byMot  map[partnerops.Motion][]int32
	byReg  map[partnerops.Region][]int32
}

// Identity dimensions, in tie order.
const (
	dimNone = iota
	dimTier
	dimType
	dimMotion
	dimRegion
)

// build files the global rules of rules (ranks in ascending order).
func (x *globalIndex) build(rules []crule, tiers int) {
	x.byTier = make([][]int32, tiers)
	x.byType = map[partnerops.PartnerType][]int32{}
	x.byMot = map[partnerops.Motion][]int32{}
	x.byReg = map[partnerops.Region][]int32{}
	for pos := range rules {
		r := &rules[pos]
		if r.spec != 0 {
			continue
		}
		rank := int32(pos)
		dim, n := dimNone, 0
		consider := func(d, count int) {
			if count > 0 && (dim == dimNone || count < n) {
				dim, n = d, count
			}
		}
		if r.hasTier {
			consider(dimTier, max(bits.OnesCount64(r.tierMask), 1))
		}
		consider(dimType, len(r.ptypes))
		consider(dimMotion, len(r.motions))
		consider(dimRegion, len(r.regions))
		switch dim {
		case dimNone:
			x.free = append(x.free, rank)
		case dimTier:
			// A tier condition naming no tier on the ladder never holds:
			// the rule is filed nowhere.
			for t := range tiers {
				if r.tierMask&(1<<uint(t)) != 0 {
					x.byTier[t] = append(x.byTier[t], rank)
				}
			}
		case dimType:
			for _, v := range r.ptypes {
				x.byType[v] = appendUnique(x.byType[v], rank)
			}
		case dimMotion:
			for _, v := range r.motions {
				x.byMot[v] = appendUnique(x.byMot[v], rank)
			}
		case dimRegion:
			for _, v := range r.regions {
				x.byReg[v] = appendUnique(x.byReg[v], rank)
			}
		}
	}
}

// globalCandidates appends to dst, in rank order, the global rules whose
// identity conditions hold for the quote.
func (ev *evaluator) globalCandidates(dst []int32) []int32 {
	x := &ev.e.global
	q := ev.q
	var lists [5][]int32
	lists[0] = x.free
	if ev.tierIdx > 0 {
		lists[1] = x.byTier[ev.tierIdx-1]
	}
	lists[2], lists[3], lists[4] = x.byType[q.Partner.Type], x.byMot[q.Motion], x.byReg[q.Region]
	// A rule is filed under one dimension only, so the lists are disjoint:
	// merge them by rank.
	for {
		best := -1
		for i := range lists {
			if len(lists[i]) > 0 && (best < 0 || lists[i][0] < lists[best][0]) {
				best = i
			}
		}
		if best < 0 {
			return dst
		}
		r := lists[best][0]
		lists[best] = lists[best][1:]
		if !ev.identityFails(&ev.e.rules[r]) {
			dst = append(dst, r)
		}
	}
}

// identityFails reports whether one of r's identity conditions (tier,
// partner type, motion, region, currency) fails for the quote: r is then
// not a candidate and leaves no skip record.
func (ev *evaluator) identityFails(r *crule) bool {
	q := ev.q
	return (r.hasTier && (ev.tierIdx == 0 || r.tierMask&(1<<uint(ev.tierIdx-1)) == 0)) ||
		(len(r.ptypes) > 0 && !slices.Contains(r.ptypes, q.Partner.Type)) ||
		(len(r.motions) > 0 && !slices.Contains(r.motions, q.Motion)) ||
		(len(r.regions) > 0 && !slices.Contains(r.regions, q.Region)) ||
		(r.currency != "" && r.currency != ev.b.currency) ||
		(len(r.currencies) > 0 && !slices.Contains(r.currencies, ev.b.currency))
}
