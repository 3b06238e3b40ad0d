package enablement

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// ReasonCode says why an asset is recommended.
type ReasonCode string

// Reasons, with the points each adds to a recommendation's score.
const (
	// ReasonExpiringSoon (40 points): the asset prepares for a
	// certification of the person's that is expiring soon or in grace.
	ReasonExpiringSoon ReasonCode = "expiring_soon"
	// ReasonNextTier (30 points): the asset prepares for a certification
	// that closes a gap to the partner's next tier (or its current one)
	// for someone of the person's role, and that is meant for that role
	// ([Certification.Roles]).
	ReasonNextTier ReasonCode = "next_tier"
	// ReasonMotionGap (20 points): the partner runs a motion that nobody
	// at the partner is certified for, and the asset is for that motion at
	// the person's next level in it.
	ReasonMotionGap ReasonCode = "motion_gap"
	// ReasonLearningPath (15 points): the asset is a module the person can
	// take next on a learning path they have started and not finished.
	ReasonLearningPath ReasonCode = "learning_path"
	// ReasonNextLevel (10 points): the asset is for a motion the partner
	// runs, one level above the highest level the person has completed in
	// that motion (foundational when none).
	ReasonNextLevel ReasonCode = "next_level"
)

func (c ReasonCode) points() int {
	switch c {
	case ReasonExpiringSoon:
		return 40
	case ReasonNextTier:
		return 30
	case ReasonMotionGap:
		return 20
	case ReasonLearningPath:
		return 15
	case ReasonNextLevel:
		return 10
	}
	return 0
}

// Reason is one reason for a recommendation.
type Reason struct {
	Code   ReasonCode `json:"code"`
	Points int        `json:"points"`
	Text   string     `json:"text"`
}

// Recommendation is an asset recommended to a person, with its reasons.
// Score is the sum of the reasons' points.
type Recommendation struct {
	Asset   AssetID    `json:"asset"`
	Title   string     `json:"title"`
	Kind    AssetKind  `json:"kind"`
	Level   SkillLevel `json:"level"`
	Score   int        `json:"score"`
	Reasons []Reason   `json:"reasons"`
}

// RecommendRequest asks for the next best assets for one person at a
// partner. Colleagues are the partner's other people: they decide the
// partner's gaps (motions nobody is certified for, requirements of the
// next tier). Limit defaults to 10 when zero; a negative Limit is an
// error.
type RecommendRequest struct {
	Partner    partnerops.Partner `json:"partner"`
	Person     Person             `json:"person"`
	Colleagues []Person           `json:"colleagues,omitempty"`
	Limit      int                `json:"limit,omitempty"`
}

// Recommend returns the next best assets for the person at at, best
// first: highest score, then asset ID. Candidates are current assets
// (published, not retired, not stale) for the partner's type, the person's
// role and one of the partner's regions (when it has any), that the person
// has not completed; only those with at least one reason are returned.
// The reasons and their points are documented on [ReasonCode]. A partner
// tier not on the ladder gives an error wrapping
// [partnerops.ErrUnknownTier], a negative limit one wrapping
// [partnerops.ErrInvalid].
func (e *Engine) Recommend(req RecommendRequest, at time.Time) ([]Recommendation, error) {
	if req.Limit < 0 {
		return nil, errorf("recommending: %w", &partnerops.ValidationError{Path: "limit", Rule: "must not be negative", Value: fmt.Sprint(req.Limit)})
	}
	person := req.Person
	people := []Person{person}
	for _, p := range req.Colleagues {
		if p.ID != person.ID {
			p.Partner = req.Partner.ID
			people = append(people, p)
		}
	}
	people[0].Partner = req.Partner.ID
	comp, err := e.Compliance(req.Partner, people, at)
	if err != nil {
		return nil, err
	}

	// Certifications that close tier gaps for someone of this role.
	tierWhy := map[int]string{}
	gaps := slices.Concat(comp.Requirements, comp.NextTierGaps)
	for _, g := range gaps {
		r := &e.reqs[e.reqPos[g.Requirement]]
		if g.Met || (r.def.Role != "" && r.def.Role != person.Role) || slices.Contains(g.People, person.ID) {
			continue
		}
		for _, c := range g.Certifications {
			ci := e.certIdx[c]
			if !appliesTo(e.certs[ci].def.Roles, person.Role) {
				continue // meant for other roles
			}
			if _, seen := tierWhy[ci]; !seen {
				tierWhy[ci] = fmt.Sprintf("%s for %s: %s (have %d of %d)", c, g.Tier, g.Description, g.Have, g.Required)
			}
		}
	}

	// The person's certifications that are expiring soon or in grace.
	expWhy := map[int]string{}
	evd := newEvidence(&people[0], at) // indexed once for every certification and path
	var memo []certEval
	for _, ci := range e.certOrder {
		ev := e.evalCertMemo(ci, &evd, nil, &memo)
		switch ev.state {
		case CertStateExpiringSoon:
			expWhy[ci] = fmt.Sprintf("renew %s: expires %s", e.certs[ci].def.ID, ev.expires.Format(time.DateOnly))
		case CertStateInGrace:
			expWhy[ci] = fmt.Sprintf("renew %s: expired %s, grace ends %s", e.certs[ci].def.ID,
				ev.expires.Format(time.DateOnly), ev.graceEnd.Format(time.DateOnly))
		}
	}

	// Motions nobody is certified for, and the person's level per motion.
	c := e.catalog
	motions := distinct(nil, req.Partner.Motions)
	var held []personCert // every certification that counts for someone
	for k := range people {
		held = e.countingCerts(&people[k], at, held)
	}
	var coveredMask uint64 // motions some counting certification covers
	coversAll := false     // some counting certification covers every motion
	for _, pc := range held {
		coveredMask |= e.certs[pc.cert].motions
		coversAll = coversAll || e.certs[pc.cert].motions == ^uint64(0)
	}
	gapMotion := make(map[partnerops.Motion]bool, len(motions))
	for _, m := range motions {
		mi := e.motionIndex(m)
		gapMotion[m] = !coversAll && !(mi >= 0 && mi < maxMotions && coveredMask&(1<<uint(mi)) != 0)
	}
	level := map[partnerops.Motion]SkillLevel{}
	completed := map[int]bool{}
	for _, cpl := range person.Completed {
		ai, ok := c.idx[AssetID(cpl.Item)]
		if !ok || cpl.At.After(at) {
			continue
		}
		completed[ai] = true
		for _, m := range c.assets[ai].Motions {
			level[m] = max(level[m], c.assets[ai].Level)
		}
	}

	// Next modules of the learning paths the person is on.
	pathWhy := map[int]string{}
	for _, id := range e.pathOrder {
		p := e.paths[id]
		pp := p.progress(&evd)
		if len(pp.Completed) == 0 || pp.Done {
			continue
		}
		for _, mid := range pp.Next {
			{
				m := &p.def.Modules[p.pos[mid]]
				if m.Asset == "" {
					continue
				}
				if ai, ok := c.idx[m.Asset]; ok {
					if _, seen := pathWhy[ai]; !seen {
						pathWhy[ai] = fmt.Sprintf("next on learning path %s (%d of %d required modules done): module %s",
							id, pp.RequiredDone, pp.Required, mid)
					}
				}
			}
		}
	}

	cand := c.currentSet(at)
	scratch := newBitset(len(c.assets))
	c.valueSet(scratch, fPartnerType, string(req.Partner.Type))
	cand.and(scratch)
	c.valueSet(scratch, fRole, string(person.Role))
	cand.and(scratch)
	if len(req.Partner.Regions) > 0 {
		regions := newBitset(len(c.assets))
		for _, r := range req.Partner.Regions {
			c.valueSet(scratch, fRegion, string(r))
			regions.or(scratch)
		}
		cand.and(regions)
	}

	var recs []Recommendation
	cand.each(func(ai int) bool {
		if completed[ai] {
			return true
		}
		a := &c.assets[ai]
		var reasons []Reason
		add := func(code ReasonCode, text string) {
			reasons = append(reasons, Reason{Code: code, Points: code.points(), Text: text})
		}
		for _, ci := range c.prepFor[ai] {
			if why, ok := expWhy[int(ci)]; ok {
				add(ReasonExpiringSoon, why)
			}
		}
		for _, ci := range c.prepFor[ai] {
			if why, ok := tierWhy[int(ci)]; ok {
				add(ReasonNextTier, why)
			}
		}
		if why, ok := pathWhy[ai]; ok {
			add(ReasonLearningPath, why)
		}
		for _, m := range motions {
			next, ok := level[m].Next()
			if !ok || a.Level != next || !slices.Contains(a.Motions, m) {
				continue
			}
			if gapMotion[m] {
				add(ReasonMotionGap, fmt.Sprintf("fills a gap: nobody at %s is certified for %s", req.Partner.ID, m))
			}
			add(ReasonNextLevel, fmt.Sprintf("next skill level for %s: %s", m, next))
		}
		if len(reasons) == 0 {
			return true
		}
		rec := Recommendation{Asset: a.ID, Title: a.Title, Kind: a.Kind, Level: a.Level, Reasons: reasons}
		for _, r := range reasons {
			rec.Score += r.Points
		}
		recs = append(recs, rec)
		return true
	})
	slices.SortStableFunc(recs, func(a, b Recommendation) int {
		return cmp.Or(b.Score-a.Score, strings.Compare(string(a.Asset), string(b.Asset)))
	})
	limit := req.Limit
	if limit <= 0 {
		limit = 10
	}
	if len(recs) > limit {
		recs = recs[:limit]
	}
	if recs == nil {
		recs = []Recommendation{}
	}
	return recs, nil
}
