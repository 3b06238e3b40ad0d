package enablement

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// RequirementResult is one requirement (or, for a per-motion requirement,
// one motion of it) evaluated for a partner at a time.
type RequirementResult struct {
	Requirement RequirementID     `json:"requirement"`
	Tier        partnerops.Tier   `json:"tier"`
	Motion      partnerops.Motion `json:"motion,omitempty"`
	Description string            `json:"description"`
	Required    int               `json:"required"`
	Have        int               `json:"have"`
	// Gap is Required - Have when positive, else 0.
	Gap int  `json:"gap"`
	Met bool `json:"met"`
	// People lists the people who qualify, sorted.
	People []PersonID `json:"people"`
	// FallsOutAt is, for a met requirement, the day it stops being met as
	// certifications stop counting (assuming no renewals), in the location
	// of the time asked about; zero when that never happens on the
	// recorded dates.
	FallsOutAt time.Time `json:"falls_out_at,omitzero"`
	// Renew lists, when FallsOutAt is set, the qualifying people whose
	// certification stops counting by then, sorted: renewing theirs
	// postpones the fall-out.
	Renew []PersonID `json:"renew,omitempty"`
	// For an unmet requirement: the certifications that would satisfy it
	// and the current assets that prepare for them, sorted.
	Certifications []CertificationID `json:"certifications,omitempty"`
	Assets         []AssetID         `json:"assets,omitempty"`
}

// Compliance is a partner's standing against its tier's requirements and
// the next tier's, at a time.
type Compliance struct {
	Partner partnerops.PartnerID `json:"partner"`
	Tier    partnerops.Tier      `json:"tier"`
	At      time.Time            `json:"at"`
	// Met reports whether every requirement of the tier (and the tiers
	// below it) is met; Requirements lists them in ladder order.
	Met          bool                `json:"met"`
	Requirements []RequirementResult `json:"requirements"`
	// FallsOutAt is, when Met, the first day a requirement stops being met
	// as certifications expire (zero: not on the recorded dates).
	FallsOutAt time.Time `json:"falls_out_at,omitzero"`
	// NextTier is the tier above ("" at the top); NextTierGaps lists the
	// requirements the partner misses for it, each with what closes it.
	NextTier     partnerops.Tier     `json:"next_tier,omitempty"`
	NextTierMet  bool                `json:"next_tier_met"`
	NextTierGaps []RequirementResult `json:"next_tier_gaps"`
}

// personCert is one certification that counts for a person at a time,
// and until when. It holds no pointer (16 bytes), so the large slices of
// them built by Coverage cost the garbage collector nothing to scan.
type personCert struct {
	sec  int64 // until, in Unix seconds; foreverSec when indefinitely
	nsec int32
	cert int32
}

const foreverSec = math.MaxInt64

func newPersonCert(ci int, until time.Time) personCert {
	if until.IsZero() {
		return personCert{sec: foreverSec, cert: int32(ci)}
	}
	return personCert{sec: until.Unix(), nsec: int32(until.Nanosecond()), cert: int32(ci)}
}

// later reports whether a counts until after b.
func (a personCert) later(b personCert) bool {
	return a.sec > b.sec || (a.sec == b.sec && a.nsec > b.nsec)
}

// untilTime returns the end as a time in loc, and zero for indefinitely.
func (a personCert) untilTime(loc *time.Location) time.Time {
	if a.sec == foreverSec {
		return time.Time{}
	}
	return time.Unix(a.sec, int64(a.nsec)).In(loc)
}

// roleCode maps a role to a small code: 1 to 4 for the roles, 255 for
// anything else. Requirements use 0 for "any role".
func roleCode(r Role) uint8 {
	for i, x := range Roles() {
		if x == r {
			return uint8(i + 1)
		}
	}
	return 255
}

// countingCerts appends to dst the certifications that count for p at at:
// those awarded and, when p has completions or exam results, those derived
// from requirements. Its cost is linear in p's awards, completions and
// attempts (and in the engine's certifications when p has completions).
func (e *Engine) countingCerts(p *Person, at time.Time, dst []personCert) []personCert {
	start := len(dst)
	if len(p.Certifications) <= smallEvidence {
		// The common case: a handful of awards, scanned without allocating.
		// The first award of each certification looks ahead for a later
		// one (the latest at or before at decides, the first of equals).
		var seen [smallEvidence]int32
		nSeen := 0
		for k := range p.Certifications {
			h := &p.Certifications[k]
			if h.Earned.IsZero() || h.Earned.After(at) {
				continue
			}
			ci, ok := e.certIdx[h.Certification]
			if !ok || slices.Contains(seen[:nSeen], int32(ci)) {
				continue
			}
			seen[nSeen] = int32(ci)
			nSeen++
			for j := k + 1; j < len(p.Certifications); j++ {
				o := &p.Certifications[j]
				if o.Certification == h.Certification && !o.Earned.IsZero() && !o.Earned.After(at) && o.Earned.After(h.Earned) {
					h = o
				}
			}
			if ok, until := e.certs[ci].heldCounts(h, at); ok {
				dst = append(dst, newPersonCert(ci, until))
			}
		}
	} else {
		evd := newEvidence(p, at)
		for k := range p.Certifications {
			h := &p.Certifications[k]
			ci, ok := e.certIdx[h.Certification]
			if !ok || evd.award(h.Certification) != k {
				continue // unknown, not decisive, or a repeated award
			}
			if ok, until := e.certs[ci].heldCounts(h, at); ok {
				dst = append(dst, newPersonCert(ci, until))
			}
		}
	}
	if len(p.Completed)+len(p.Exams) > 0 {
		var memo []certEval
		seen := make([]bool, len(e.certs))
		for _, pc := range dst[start:] {
			seen[pc.cert] = true
		}
		evd := newEvidence(p, at)
		for ci := range e.certs {
			if e.certs[ci].requirements() == 0 || seen[ci] {
				continue
			}
			ev := e.evalCertMemo(ci, &evd, nil, &memo)
			if ok, until := e.certs[ci].counts(&ev); ok {
				dst = append(dst, newPersonCert(ci, until))
			}
		}
	}
	return dst
}

// Motion arguments of countReq besides a motion index.
const (
	noMotion      = -1 // the requirement is not about a motion
	unknownMotion = -2 // a motion the program does not know: only certifications for every motion cover it
)

func (c *certification) covers(motion int) bool {
	switch {
	case motion == noMotion:
		return true
	case motion < 0 || motion >= maxMotions:
		return c.motions == ^uint64(0)
	}
	return c.motions&(1<<uint(motion)) != 0
}

// countReq counts the people who qualify for requirement r (for the given
// motion) and returns that count and, when it reaches r's count, the day
// it will drop below it, in loc (zero: never). roles holds the people's
// role codes. who, when not nil, is called with each qualifying person's
// index and their latest qualifying certification. untils is scratch
// space.
func (e *Engine) countReq(r *requirement, motion int, roles []uint8, views [][]personCert, loc *time.Location, untils []personCert, who func(k int, best personCert)) (int, time.Time, []personCert) {
	untils = untils[:0]
	for k, role := range roles {
		if r.role != 0 && role != r.role {
			continue
		}
		found := false
		var best personCert
		for _, pc := range views[k] {
			if !r.accepts[pc.cert] || !e.certs[pc.cert].covers(motion) {
				continue
			}
			if !found || pc.later(best) {
				best = pc
			}
			found = true
		}
		if !found {
			continue
		}
		untils = append(untils, best)
		if who != nil {
			who(k, best)
		}
	}
	have := len(untils)
	if have < r.def.Count {
		return have, time.Time{}, untils
	}
	// The requirement holds while Count people still count: it falls out
	// on the Count-th latest date ("indefinitely" sorts first).
	slices.SortFunc(untils, func(a, b personCert) int {
		switch {
		case a.later(b):
			return -1
		case b.later(a):
			return 1
		}
		return 0
	})
	return have, untils[r.def.Count-1].untilTime(loc), untils
}

// motionIndex maps a partner's motion to the engine's index.
func (e *Engine) motionIndex(m partnerops.Motion) int {
	if k, ok := e.motionIdx[m]; ok {
		return k
	}
	return unknownMotion
}

// instances calls f for every requirement instance that applies to a
// partner running motions (distinct and sorted), up to tier rank maxRank:
// one per requirement, one per motion for per-motion requirements, none
// for a motion-specific requirement whose motion the partner does not run.
func (e *Engine) instances(motions []partnerops.Motion, maxRank int, f func(ri int, motion int, m partnerops.Motion)) {
	for ri := range e.reqs {
		r := &e.reqs[ri]
		if r.rank > maxRank {
			return
		}
		switch {
		case r.def.PerMotion:
			for _, m := range motions {
				f(ri, e.motionIndex(m), m)
			}
		case r.def.Motion != "":
			if _, ok := slices.BinarySearch(motions, r.def.Motion); ok {
				f(ri, r.motion, r.def.Motion)
			}
		default:
			f(ri, noMotion, "")
		}
	}
}

// tierRank returns the partner's rank, -1 for no tier, or an error
// wrapping [partnerops.ErrUnknownTier].
func (e *Engine) tierRank(t partnerops.Tier) (int, error) {
	if t == "" {
		return -1, nil
	}
	r, ok := e.program.Tiers.Rank(t)
	if !ok {
		return 0, errorf("tier %q: %w", clip(string(t)), partnerops.ErrUnknownTier)
	}
	return r, nil
}

// Compliance evaluates partner against its tier's requirements (and those
// of the tiers below) and the next tier's, counting the people in people
// whose Partner is the partner's ID or empty. A tier not on the ladder
// gives an error wrapping [partnerops.ErrUnknownTier]; a partner without a
// tier holds no requirement and its next tier is the lowest.
//
// A person qualifies for a requirement when their role matches and a
// certification they hold counts at at (see [CertStatus.Counts]), is
// accepted by the requirement and covers its motion. FallsOutAt assumes no
// further renewals: it is when the last certification that keeps the
// requirement met stops counting.
func (e *Engine) Compliance(partner partnerops.Partner, people []Person, at time.Time) (Compliance, error) {
	var ps []*Person
	for i := range people {
		if people[i].Partner == partner.ID || people[i].Partner == "" {
			ps = append(ps, &people[i])
		}
	}
	return e.complianceFor(partner, ps, at)
}

// ComplianceAll evaluates every partner as [Engine.Compliance] does, with
// people matched to partners by [Person.Partner] in one pass (people with
// an empty Partner are left out here). Results are in the order of
// partners. The first partner whose tier is not on the ladder stops the
// batch with an error wrapping [partnerops.ErrUnknownTier] that names it.
func (e *Engine) ComplianceAll(partners []partnerops.Partner, people []Person, at time.Time) ([]Compliance, error) {
	byPartner := make(map[partnerops.PartnerID][]*Person, len(partners))
	for i := range people {
		byPartner[people[i].Partner] = append(byPartner[people[i].Partner], &people[i])
	}
	out := make([]Compliance, len(partners))
	for i, p := range partners {
		var err error
		if out[i], err = e.complianceFor(p, byPartner[p.ID], at); err != nil {
			return nil, errorf("partner %q: %w", clip(string(p.ID)), err)
		}
	}
	return out, nil
}

func (e *Engine) complianceFor(partner partnerops.Partner, ps []*Person, at time.Time) (Compliance, error) {
	rank, err := e.tierRank(partner.Tier)
	if err != nil {
		return Compliance{}, err
	}
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b *Person) int { return strings.Compare(string(a.ID), string(b.ID)) })
	views := make([][]personCert, len(ps))
	roles := make([]uint8, len(ps))
	for k, p := range ps {
		views[k] = e.countingCerts(p, at, nil)
		roles[k] = roleCode(p.Role)
	}
	motions := distinct(nil, partner.Motions)

	out := Compliance{Partner: partner.ID, Tier: partner.Tier, At: at, Met: true, NextTierMet: true,
		Requirements: []RequirementResult{}, NextTierGaps: []RequirementResult{}}
	if next, ok := e.nextTier(rank); ok {
		out.NextTier = next
	} else {
		out.NextTierMet = false
	}
	e.instances(motions, rank+1, func(ri, motion int, m partnerops.Motion) {
		r := &e.reqs[ri]
		res := RequirementResult{Requirement: r.def.ID, Tier: r.def.Tier, Motion: m,
			Description: describeRequirement(r.def, m), Required: r.def.Count, People: []PersonID{}}
		var fallsOut time.Time
		var bests []personCert
		res.Have, fallsOut, _ = e.countReq(r, motion, roles, views, at.Location(), nil, func(k int, best personCert) {
			res.People = append(res.People, ps[k].ID)
			bests = append(bests, best)
		})
		res.Met = res.Have >= res.Required
		res.Gap = max(res.Required-res.Have, 0)
		if res.Met {
			res.FallsOutAt = fallsOut
			res.Renew = renewers(res.People, bests, fallsOut)
		} else {
			res.Certifications, res.Assets = e.closers(r, motion, partner, at)
		}
		if r.rank <= rank {
			out.Requirements = append(out.Requirements, res)
			out.Met = out.Met && res.Met
			if res.Met && !fallsOut.IsZero() && (out.FallsOutAt.IsZero() || fallsOut.Before(out.FallsOutAt)) {
				out.FallsOutAt = fallsOut
			}
		}
		if out.NextTier != "" && !res.Met {
			out.NextTierMet = false
			out.NextTierGaps = append(out.NextTierGaps, res)
		}
	})
	if !out.Met {
		out.FallsOutAt = time.Time{}
	}
	return out, nil
}

// renewers returns the people (in the given order) whose latest
// qualifying certification stops counting at or before fallsOut; none when
// fallsOut is zero (the requirement never falls out).
func renewers(people []PersonID, bests []personCert, fallsOut time.Time) []PersonID {
	if fallsOut.IsZero() {
		return nil
	}
	limit := newPersonCert(0, fallsOut)
	var out []PersonID
	for k, b := range bests {
		if !b.later(limit) {
			out = append(out, people[k])
		}
	}
	return out
}

func (e *Engine) nextTier(rank int) (partnerops.Tier, bool) {
	tiers := e.program.Tiers.Tiers()
	if rank+1 < len(tiers) {
		return tiers[rank+1], true
	}
	return "", false
}

// closers returns the certifications that satisfy requirement r for the
// motion and the current assets, applicable to the partner's type and the
// requirement's role, that prepare for them.
func (e *Engine) closers(r *requirement, motion int, partner partnerops.Partner, at time.Time) ([]CertificationID, []AssetID) {
	var certs []CertificationID
	var assets []AssetID
	for _, ci := range e.certOrder {
		c := &e.certs[ci]
		if !r.accepts[ci] || !c.covers(motion) {
			continue
		}
		certs = append(certs, c.def.ID)
		for _, ai := range e.prep[ci] {
			a := &e.catalog.assets[ai]
			if a.CurrentAt(at) && appliesTo(a.PartnerTypes, partner.Type) && (r.def.Role == "" || appliesTo(a.Roles, r.def.Role)) {
				assets = append(assets, a.ID)
			}
		}
	}
	slices.Sort(assets)
	return certs, slices.Compact(assets)
}

// appliesTo reports whether a scoping list admits v: it is empty or holds v.
func appliesTo[T comparable](list []T, v T) bool {
	return len(list) == 0 || slices.Contains(list, v)
}

// describeRequirement renders a requirement as text when it has no
// description: "2 certified sales people (specialization, covering
// co_sell)".
func describeRequirement(r Requirement, m partnerops.Motion) string {
	if r.Description != "" {
		if m != "" && r.PerMotion {
			return r.Description + " (" + string(m) + ")"
		}
		return r.Description
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d certified", r.Count)
	if r.Role != "" {
		b.WriteString(" " + string(r.Role))
	}
	if r.Count == 1 {
		b.WriteString(" person")
	} else {
		b.WriteString(" people")
	}
	var quals []string
	if len(r.Certifications) > 0 {
		quals = append(quals, "in "+strings.Join(toStrings(r.Certifications), " or "))
	}
	if r.CertificationKind != "" {
		quals = append(quals, string(r.CertificationKind))
	}
	if m != "" {
		quals = append(quals, "covering "+string(m))
	}
	if len(quals) > 0 {
		b.WriteString(" (" + strings.Join(quals, ", ") + ")")
	}
	return b.String()
}
