package enablement

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// CoverageOptions tunes [Engine.Coverage].
type CoverageOptions struct {
	// Horizon is how far ahead at-risk partners are looked for. Defaults
	// to P90D when zero.
	Horizon Span `json:"horizon,omitzero" aka:"within"`
}

// Validate reports a horizon with a negative or out-of-bounds part as a
// [*partnerops.ValidationError].
func (o CoverageOptions) Validate() error {
	if !o.Horizon.Valid() {
		return &partnerops.ValidationError{Path: "horizon", Rule: "must be a non-negative span within bounds", Value: fmt.Sprintf("%+v", o.Horizon)}
	}
	return nil
}

// Coverage is the enablement picture across a partner base at a time.
type Coverage struct {
	At      time.Time `json:"at"`
	Horizon Span      `json:"horizon"`
	// Overall counts every partner and every person assigned to one.
	Overall CoverageRow `json:"overall"`
	// ByTier is in ladder order (partners without a tier, key "", and
	// tiers not on the ladder last); the other breakdowns are sorted by key.
	ByTier    []CoverageRow `json:"by_tier"`
	ByMotion  []CoverageRow `json:"by_motion"`
	ByRegion  []CoverageRow `json:"by_region"`
	ByProduct []CoverageRow `json:"by_product"`
	// AtRisk lists partners that meet their tier now but fall out of it
	// within the horizon as certifications expire, soonest first (ties by
	// partner ID). BelowTier lists partners that do not meet their tier
	// now, by partner ID.
	AtRisk    []PartnerRisk `json:"at_risk"`
	BelowTier []PartnerRisk `json:"below_tier"`
	// ContentGaps lists the combinations of partner type, motion (as run
	// by the partners) and skill level with no current asset.
	ContentGaps []ContentGap `json:"content_gaps"`
	// Unranked lists partners whose tier is not on the ladder (left out of
	// AtRisk and BelowTier); UnassignedPeople counts people whose partner
	// is not in the partner list. A repeated partner ID counts once (the
	// first occurrence).
	Unranked         []partnerops.PartnerID `json:"unranked,omitempty"`
	UnassignedPeople int                    `json:"unassigned_people,omitempty"`
}

// CoverageRow is the certified share of one slice of the partner base. A
// partner is certified when at least one of its people holds a
// certification that counts (for the motion or product of the row, in
// ByMotion and ByProduct). Shares are in percent, rounded half up to one
// decimal place (0 when there is nobody).
//
// ByMotion counts the partners that run the motion and their people;
// ByProduct counts every partner and person, certified on the product or
// not; ByRegion counts a partner (and its people) once in each of its
// regions.
type CoverageRow struct {
	Key               string             `json:"key"`
	Partners          int                `json:"partners"`
	CertifiedPartners int                `json:"certified_partners"`
	PartnerShare      partnerops.Percent `json:"partner_share"`
	People            int                `json:"people"`
	CertifiedPeople   int                `json:"certified_people"`
	PeopleShare       partnerops.Percent `json:"people_share"`
}

// PartnerRisk names a partner and the requirement that fails (BelowTier)
// or will fail first (AtRisk), with its motion for per-motion
// requirements.
type PartnerRisk struct {
	Partner     partnerops.PartnerID `json:"partner"`
	Tier        partnerops.Tier      `json:"tier"`
	Requirement RequirementID        `json:"requirement"`
	Motion      partnerops.Motion    `json:"motion,omitempty"`
	Have        int                  `json:"have"`
	Required    int                  `json:"required"`
	// FallsOutAt is when the partner stops meeting its tier, and Renew the
	// people whose certifications must be renewed to postpone that, sorted
	// (AtRisk only).
	FallsOutAt time.Time  `json:"falls_out_at,omitzero"`
	Renew      []PersonID `json:"renew,omitempty"`
}

// ContentGap is a combination with no current asset, and how many
// partners of that type run that motion.
type ContentGap struct {
	PartnerType partnerops.PartnerType `json:"partner_type"`
	Motion      partnerops.Motion      `json:"motion"`
	Level       SkillLevel             `json:"level"`
	Partners    int                    `json:"partners"`
}

type rowAcc struct{ partners, certPartners, people, certPeople int }

func (r rowAcc) row(key string) CoverageRow {
	return CoverageRow{Key: key, Partners: r.partners, CertifiedPartners: r.certPartners,
		PartnerShare: shareOf(r.certPartners, r.partners), People: r.people,
		CertifiedPeople: r.certPeople, PeopleShare: shareOf(r.certPeople, r.people)}
}

// shareOf returns part / whole in percent, rounded half up to one decimal
// place, and 0 when whole is zero.
func shareOf(part, whole int) partnerops.Percent {
	if whole == 0 {
		return partnerops.NewPercent(partnerops.NewDecimal(0, -1))
	}
	return ratioPercent(part, whole)
}

type pairKey struct {
	t partnerops.PartnerType
	m partnerops.Motion
}

// Coverage computes certification coverage, tier risk and content gaps
// across partners and their people at at. People are matched to partners
// by [Person.Partner]. The work is linear in partners, people and the
// certifications they hold; nothing is allocated per person beyond the
// certifications that count. Invalid options give an error wrapping
// [partnerops.ErrInvalid].
func (e *Engine) Coverage(partners []partnerops.Partner, people []Person, at time.Time, opts CoverageOptions) (Coverage, error) {
	if err := opts.Validate(); err != nil {
		return Coverage{}, errorf("coverage options: %w", err)
	}
	horizon := opts.Horizon
	if horizon.IsZero() {
		horizon = Span{Days: 90}
	}
	until := horizon.AddTo(at)
	np := len(partners)
	pidx := make(map[partnerops.PartnerID]int32, np)
	dupPartner := make([]bool, np)
	for i := range partners {
		if _, dup := pidx[partners[i].ID]; dup {
			dupPartner[i] = true
			continue
		}
		pidx[partners[i].ID] = int32(i)
	}
	cov := Coverage{At: at, Horizon: horizon, AtRisk: []PartnerRisk{}, BelowTier: []PartnerRisk{}, ContentGaps: []ContentGap{}}

	// Group people by partner (counting sort) and compute the
	// certifications that count for each.
	start := make([]int32, np+1)
	owner := make([]int32, len(people))
	for k := range people {
		i, ok := pidx[people[k].Partner]
		if !ok {
			owner[k] = -1
			cov.UnassignedPeople++
			continue
		}
		owner[k] = i
		start[i+1]++
	}
	for i := 0; i < np; i++ {
		start[i+1] += start[i]
	}
	order := make([]int32, start[np])
	fillPos := slices.Clone(start[:np])
	for k, i := range owner {
		if i >= 0 {
			order[fillPos[i]] = int32(k)
			fillPos[i]++
		}
	}
	// The certifications that count for each person, computed in input
	// order (sequential reads of people), then regrouped by partner so
	// that the per-partner loop below reads memory sequentially: the
	// person at grouped position pos has the certifications
	// flat[viewStart[pos]:viewStart[pos+1]], the motion mask masks[pos]
	// and the role roles[pos].
	byInput := make([]personCert, 0, len(people))
	inputStart := make([]int32, len(people)+1)
	inputRole := make([]uint8, len(people))
	for k := range people {
		inputStart[k] = int32(len(byInput))
		if owner[k] >= 0 {
			byInput = e.countingCerts(&people[k], at, byInput)
			inputRole[k] = roleCode(people[k].Role)
		}
	}
	inputStart[len(people)] = int32(len(byInput))
	flat := make([]personCert, 0, len(byInput))
	viewStart := make([]int32, len(order)+1)
	masks := make([]uint64, len(order))
	roles := make([]uint8, len(order))
	for pos, k := range order {
		viewStart[pos] = int32(len(flat))
		for _, pc := range byInput[inputStart[k]:inputStart[k+1]] {
			flat = append(flat, pc)
			masks[pos] |= e.certs[pc.cert].motions
		}
		roles[pos] = inputRole[k]
	}
	viewStart[len(order)] = int32(len(flat))
	byInput, inputStart, inputRole = nil, nil, nil
	view := func(pos int) []personCert { return flat[viewStart[pos]:viewStart[pos+1]] }

	tierRows := map[partnerops.Tier]*rowAcc{}
	regionRows := map[partnerops.Region]*rowAcc{}
	motionRows := map[partnerops.Motion]*rowAcc{}
	prodPeople := make([]int, len(e.products))
	prodPartners := make([]int, len(e.products))
	prodPersonStamp := make([]int32, len(e.products))
	prodPartnerStamp := make([]int32, len(e.products))
	for p := range e.products {
		prodPersonStamp[p], prodPartnerStamp[p] = -1, -1
	}
	pairs := map[pairKey]int{}
	var overall rowAcc
	var viewBuf [][]personCert
	var untils []personCert
	var regionBuf []partnerops.Region
	var motionBuf []partnerops.Motion

	for i := 0; i < np; i++ {
		if dupPartner[i] {
			continue
		}
		p := &partners[i]
		lo, hi := int(start[i]), int(start[i+1])
		n := hi - lo
		certified := 0
		for pos := lo; pos < hi; pos++ {
			if viewStart[pos+1] > viewStart[pos] {
				certified++
			}
		}
		add := func(r *rowAcc, cp int) {
			r.partners++
			r.people += n
			r.certPeople += cp
			if cp > 0 {
				r.certPartners++
			}
		}
		add(&overall, certified)
		add(rowFor(tierRows, p.Tier), certified)
		regionBuf = distinct(regionBuf, p.Regions)
		for _, reg := range regionBuf {
			add(rowFor(regionRows, reg), certified)
		}
		motionBuf = distinct(motionBuf, p.Motions)
		for _, m := range motionBuf {
			mi := e.motionIndex(m)
			cp := 0
			for _, mask := range masks[lo:hi] {
				if (mi >= 0 && mask&(1<<uint(mi)) != 0) || mask == ^uint64(0) {
					cp++
				}
			}
			add(rowFor(motionRows, m), cp)
			pairs[pairKey{p.Type, m}]++
		}
		for pos := lo; pos < hi; pos++ {
			for _, pc := range view(pos) {
				for _, prod := range e.certs[pc.cert].products {
					if prodPersonStamp[prod] != int32(pos) {
						prodPersonStamp[prod] = int32(pos)
						prodPeople[prod]++
					}
					if prodPartnerStamp[prod] != int32(i) {
						prodPartnerStamp[prod] = int32(i)
						prodPartners[prod]++
					}
				}
			}
		}

		// Tier compliance.
		rank, err := e.tierRank(p.Tier)
		if err != nil {
			cov.Unranked = append(cov.Unranked, p.ID)
			continue
		}
		if rank < 0 {
			continue
		}
		viewBuf = viewBuf[:0]
		for pos := lo; pos < hi; pos++ {
			viewBuf = append(viewBuf, view(pos))
		}
		var failing, first PartnerRisk
		firstReq, firstMotion := -1, 0
		met := true
		e.instances(motionBuf, rank, func(ri, motion int, m partnerops.Motion) {
			r := &e.reqs[ri]
			var have int
			var fallsOut time.Time
			have, fallsOut, untils = e.countReq(r, motion, roles[lo:hi], viewBuf, at.Location(), untils, nil)
			risk := PartnerRisk{Partner: p.ID, Tier: p.Tier, Requirement: r.def.ID, Motion: m, Have: have, Required: r.def.Count}
			if have < r.def.Count {
				if met {
					failing = risk
				}
				met = false
				return
			}
			if !fallsOut.IsZero() && (first.FallsOutAt.IsZero() || fallsOut.Before(first.FallsOutAt)) {
				risk.FallsOutAt = fallsOut
				first, firstReq, firstMotion = risk, ri, motion
			}
		})
		switch {
		case !met:
			cov.BelowTier = append(cov.BelowTier, failing)
		case !first.FallsOutAt.IsZero() && !first.FallsOutAt.After(until):
			// Name the people to renew (at-risk partners are few: this
			// second count allocates only for them).
			var ids []PersonID
			var bests []personCert
			_, _, untils = e.countReq(&e.reqs[firstReq], firstMotion, roles[lo:hi], viewBuf, at.Location(), untils, func(k int, best personCert) {
				ids = append(ids, people[order[lo+k]].ID)
				bests = append(bests, best)
			})
			first.Renew = renewers(ids, bests, first.FallsOutAt)
			slices.Sort(first.Renew)
			cov.AtRisk = append(cov.AtRisk, first)
		}
	}

	cov.Overall = overall.row("all")
	cov.ByTier = e.tierRowsOrdered(tierRows)
	cov.ByRegion = sortedRows(regionRows)
	cov.ByMotion = sortedRows(motionRows)
	cov.ByProduct = make([]CoverageRow, len(e.products))
	for k, prod := range e.products {
		cov.ByProduct[k] = rowAcc{partners: overall.partners, certPartners: prodPartners[k],
			people: overall.people, certPeople: prodPeople[k]}.row(prod)
	}
	slices.SortFunc(cov.AtRisk, func(a, b PartnerRisk) int {
		return cmp.Or(a.FallsOutAt.Compare(b.FallsOutAt), strings.Compare(string(a.Partner), string(b.Partner)))
	})
	slices.SortFunc(cov.BelowTier, func(a, b PartnerRisk) int { return strings.Compare(string(a.Partner), string(b.Partner)) })
	cov.ContentGaps = e.contentGaps(pairs, at)
	return cov, nil
}

// distinct returns the distinct values of xs, sorted, in buf's storage
// (n log n, allocation-free once buf is large enough).
func distinct[T ~string](buf, xs []T) []T {
	if len(xs) <= 1 {
		return append(buf[:0], xs...)
	}
	buf = append(buf[:0], xs...)
	slices.Sort(buf)
	return slices.Compact(buf)
}

// rowFor returns the accumulator of key k, adding it on first use.
func rowFor[K comparable](m map[K]*rowAcc, k K) *rowAcc {
	r := m[k]
	if r == nil {
		r = &rowAcc{}
		m[k] = r
	}
	return r
}

func sortedRows[K ~string](m map[K]*rowAcc) []CoverageRow {
	out := make([]CoverageRow, 0, len(m))
	for k, r := range m {
		out = append(out, r.row(string(k)))
	}
	slices.SortFunc(out, func(a, b CoverageRow) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func (e *Engine) tierRowsOrdered(m map[partnerops.Tier]*rowAcc) []CoverageRow {
	out := sortedRows(m)
	rank := func(k string) int {
		if r, ok := e.program.Tiers.Rank(partnerops.Tier(k)); ok {
			return r
		}
		return e.program.Tiers.Len()
	}
	slices.SortStableFunc(out, func(a, b CoverageRow) int { return rank(a.Key) - rank(b.Key) })
	return out
}

// contentGaps checks every (partner type, motion) pair run by partners at
// every skill level for a current asset applicable to both.
func (e *Engine) contentGaps(pairs map[pairKey]int, at time.Time) []ContentGap {
	c := e.catalog
	keys := make([]pairKey, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b pairKey) int {
		return cmp.Or(strings.Compare(string(a.t), string(b.t)), strings.Compare(string(a.m), string(b.m)))
	})
	current := c.currentSet(at)
	n := len(c.assets)
	typeSet, motionSet := newBitset(n), newBitset(n)
	// Values the catalog does not know all select the same assets (those
	// for everyone), so the work is cached by the pair of known values
	// (-1 for unknown): it is bounded by the program, not by the partners.
	type effective struct{ t, m int }
	known := func(f int, v string) int {
		if k, ok := c.facets[f].pos[v]; ok {
			return k
		}
		return -1
	}
	missing := map[effective][4]bool{}
	gaps := []ContentGap{}
	for _, key := range keys {
		eff := effective{known(fPartnerType, string(key.t)), known(fMotion, string(key.m))}
		miss, ok := missing[eff]
		if !ok {
			c.valueSet(typeSet, fPartnerType, string(key.t))
			typeSet.and(current)
			c.valueSet(motionSet, fMotion, string(key.m))
			motionSet.and(typeSet)
			for li, l := range SkillLevels() {
				miss[li] = c.facets[fLevel].count(motionSet, c.facets[fLevel].pos[l.String()]) == 0
			}
			missing[eff] = miss
		}
		for li, l := range SkillLevels() {
			if miss[li] {
				gaps = append(gaps, ContentGap{PartnerType: key.t, Motion: key.m, Level: l, Partners: pairs[key]})
			}
		}
	}
	return gaps
}
