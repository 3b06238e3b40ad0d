package strategy

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// CapabilityKind classifies a capability.
type CapabilityKind string

// Capability kinds.
const (
	CapabilityTechnical     CapabilityKind = "technical"
	CapabilitySales         CapabilityKind = "sales"
	CapabilityServices      CapabilityKind = "services"
	CapabilityVertical      CapabilityKind = "vertical"
	CapabilityRegional      CapabilityKind = "regional"
	CapabilityCertification CapabilityKind = "certification"
)

// Valid reports whether k is one of the capability kinds.
func (k CapabilityKind) Valid() bool {
	switch k {
	case CapabilityTechnical, CapabilitySales, CapabilityServices, CapabilityVertical, CapabilityRegional, CapabilityCertification:
		return true
	}
	return false
}

// CapabilityDef defines one capability and its levels.
type CapabilityDef struct {
	ID   string         `json:"id"`
	Name string         `json:"name,omitempty"`
	Kind CapabilityKind `json:"kind"`
	// Levels names the levels, lowest first ("foundational",
	// "proficient", "expert"). Not having a level is below the first.
	Levels []string `json:"levels"`
	// EvidenceRequired makes the capability certification-backed: an
	// assessment without Evidence does not count.
	EvidenceRequired bool `json:"evidence_required,omitempty"`
	// ValidDays, when positive, is how long an assessment stays valid;
	// older assessments are stale and do not count.
	ValidDays int `json:"valid_days,omitempty"`
}

// Requirement is one line of a requirement profile.
type Requirement struct {
	Capability string `json:"capability" path:"key"`
	// MinLevel is the lowest level that meets the requirement.
	MinLevel string `json:"min_level"`
	// MustHave makes the requirement mandatory for readiness whatever the
	// score.
	MustHave bool `json:"must_have,omitempty"`
	// Weight is the requirement's weight in the readiness score (0 to
	// 1,000,000, at most 4 fraction digits). Defaults to 1 when zero.
	Weight partnerops.Decimal `json:"weight,omitzero"`
}

// RequirementProfile says what a motion (at a tier, when Tier is set)
// requires of a partner.
type RequirementProfile struct {
	ID     string            `json:"id"`
	Name   string            `json:"name,omitempty"`
	Motion partnerops.Motion `json:"motion"`
	// Tier, when set, makes the profile apply to partners of that tier
	// (on top of the motion's tier-less profiles).
	Tier         partnerops.Tier `json:"tier,omitempty"`
	Requirements []Requirement   `json:"requirements"`
	// ReadyAt is the readiness score needed besides the must-haves.
	// Zero means the default, 100%: every requirement met (for
	// "must-haves only", give a token value such as "1", 1%).
	ReadyAt partnerops.Percent `json:"ready_at,omitzero"`
}

// CapabilityFramework is the capability model as data: capabilities with
// levels and requirement profiles per motion and tier. Compile it with
// [CompileCapabilities].
type CapabilityFramework struct {
	Name         string               `json:"name,omitempty"`
	Capabilities []CapabilityDef      `json:"capabilities"`
	Profiles     []RequirementProfile `json:"profiles"`
}

// Assessment records a partner's level in one capability, with its
// evidence (a certification ID, a reference customer) and date.
type Assessment struct {
	Partner    partnerops.PartnerID `json:"partner"`
	Capability string               `json:"capability"`
	Level      string               `json:"level"`
	Evidence   string               `json:"evidence,omitempty"`
	AssessedAt time.Time            `json:"assessed_at"`
}

type capDef struct {
	def    CapabilityDef
	levels map[string]int // level name to rank (1 = lowest)
}

type capReq struct {
	cap       int
	rank      int
	mustHave  bool
	weight    int64 // scaled by 10^4
	weightDec partnerops.Decimal
	credits   []partnerops.Percent // by min(current rank, rank), precomputed
}

type capProfile struct {
	def     RequirementProfile
	reqs    []capReq
	readyAt int32 // hundredths of a percent
	lcm     int64 // least common multiple of the required ranks
}

// Limits of a capability framework, checked by [CompileCapabilities]. They
// keep readiness arithmetic exact in 64-bit integers.
const (
	MaxCapabilityLevels    = 10        // levels per capability
	MaxProfileRequirements = 256       // requirements per profile
	MaxRequirementWeight   = 1_000_000 // largest requirement weight
	capWeightPlaces        = 4         // fraction digits of a weight
	capWeightScale         = 10_000    // 10^capWeightPlaces
)

// CapabilityEngine is a compiled capability framework: immutable and safe
// for concurrent use.
type CapabilityEngine struct {
	def      CapabilityFramework
	caps     []capDef
	capIndex map[string]int
	profiles []capProfile
	profIdx  map[string]int
	motions  []partnerops.Motion // in order of first appearance
	warnings partnerops.Warnings
}

// Warnings returns what compiling found valid but probably not meant (a
// ready_at between 0 and 1 percent), in definition order.
func (e *CapabilityEngine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }

// CompileCapabilities validates fw and compiles it, reporting every
// problem as *partnerops.ValidationError values with field paths: unknown
// kinds, duplicate or missing IDs, no or duplicate levels, requirements on
// unknown capabilities or levels, negative weights, ready thresholds
// outside 0-100.
func CompileCapabilities(fw CapabilityFramework) (*CapabilityEngine, error) {
	var p partnerops.Problems
	e := &CapabilityEngine{capIndex: map[string]int{}, profIdx: map[string]int{}}
	e.def = capClone(fw)
	for i, c := range fw.Capabilities {
		path := partnerops.Path("capabilities", partnerops.Key(c.ID))
		if c.ID == "" {
			p.Add(partnerops.Path("capabilities", i, "id"), "must not be empty", "")
			continue
		}
		if _, dup := e.capIndex[c.ID]; dup {
			p.Add(partnerops.Path("capabilities", i, "id"), "duplicate capability id", c.ID)
			continue
		}
		if !c.Kind.Valid() {
			p.Add(path+".kind", "must be technical, sales, services, vertical, regional or certification", string(c.Kind))
		}
		if len(c.Levels) == 0 || len(c.Levels) > MaxCapabilityLevels {
			p.Addf(path+".levels", strconv.Itoa(len(c.Levels)), "must list 1 to %d levels", MaxCapabilityLevels)
		}
		if c.ValidDays < 0 {
			p.Add(path+".valid_days", "must not be negative", strconv.Itoa(c.ValidDays))
		}
		cd := capDef{def: c, levels: map[string]int{}}
		for j, l := range c.Levels {
			if l == "" {
				p.Add(fixed.Sub(path, "levels", j), "must not be empty", "")
			} else if _, dup := cd.levels[l]; dup {
				p.Add(fixed.Sub(path, "levels", j), "duplicate level", l)
			}
			cd.levels[l] = j + 1
		}
		e.capIndex[c.ID] = len(e.caps)
		e.caps = append(e.caps, cd)
	}
	for i, pr := range fw.Profiles {
		path := partnerops.Path("profiles", partnerops.Key(pr.ID))
		if _, dup := e.profIdx[pr.ID]; dup || pr.ID == "" {
			path = partnerops.Path("profiles", i)
		}
		if pr.ID == "" {
			p.Add(path+".id", "must not be empty", "")
		} else if _, dup := e.profIdx[pr.ID]; dup {
			p.Add(path+".id", "duplicate profile id", pr.ID)
		}
		if pr.Motion == "" {
			p.Add(path+".motion", "must name a motion", "")
		}
		if len(pr.Requirements) == 0 || len(pr.Requirements) > MaxProfileRequirements {
			p.Addf(path+".requirements", strconv.Itoa(len(pr.Requirements)), "must list 1 to %d requirements", MaxProfileRequirements)
		}
		cp := capProfile{def: pr, readyAt: 10_000, lcm: 1}
		if !pr.ReadyAt.IsZero() {
			h, ok := fixed.ScaledDec(pr.ReadyAt.Decimal(), 2)
			if !ok || h < 0 || h > 10_000 {
				p.Add(path+".ready_at", "must be between 0 and 100 with at most 2 fraction digits", quoteDecimal(pr.ReadyAt.Decimal())+"%")
			} else if h < 100 {
				e.warnings.Add(path+".ready_at", fmt.Sprintf("a percent between 0 and 1: percents are in percent units, so this asks for a readiness of %s, not %s",
					pr.ReadyAt, partnerops.PercentFromFraction(pr.ReadyAt.Decimal())), pr.ReadyAt.Decimal().String())
			}
			cp.readyAt = int32(h)
		}
		seen := map[string]bool{}
		for j, r := range pr.Requirements {
			rp := fixed.Sub(path, "requirements", j)
			if r.Capability != "" && !seen[r.Capability] {
				rp = fixed.Sub(path, "requirements", partnerops.Key(r.Capability))
			}
			ci, ok := e.capIndex[r.Capability]
			if !ok {
				p.Add(rp+".capability", "unknown capability", r.Capability)
				continue
			}
			if seen[r.Capability] {
				p.Add(rp+".capability", "duplicate requirement", r.Capability)
			}
			seen[r.Capability] = true
			rank, ok := e.caps[ci].levels[r.MinLevel]
			if !ok {
				p.Add(rp+".min_level", fmt.Sprintf("not a level of %q", r.Capability), r.MinLevel)
			}
			w, ok := fixed.ScaledDec(r.Weight, capWeightPlaces)
			if !ok || w < 0 || w > MaxRequirementWeight*capWeightScale {
				p.Addf(rp+".weight", quoteDecimal(r.Weight), "must be between 0 and %d with at most %d fraction digits", MaxRequirementWeight, capWeightPlaces)
			}
			if w == 0 {
				w = capWeightScale
			}
			q := capReq{cap: ci, rank: rank, mustHave: r.MustHave, weight: w, weightDec: r.Weight}
			if r.Weight.IsZero() {
				q.weightDec = partnerops.DecimalFromInt(1)
			}
			for got := 0; got <= rank && rank > 0; got++ { // rank 0: an invalid level, reported above
				// Hundredths of a percent, truncated.
				q.credits = append(q.credits, fixed.Hundredths(int64(got)*10_000/int64(rank)))
			}
			cp.reqs = append(cp.reqs, q)
			if rank > 0 {
				cp.lcm = cp.lcm / capGCD(cp.lcm, int64(rank)) * int64(rank)
			}
		}
		e.profIdx[pr.ID] = len(e.profiles)
		e.profiles = append(e.profiles, cp)
		if pr.Motion != "" && !slices.Contains(e.motions, pr.Motion) {
			e.motions = append(e.motions, pr.Motion)
		}
	}
	if err := p.Err(); err != nil {
		return nil, fmt.Errorf("strategy: compiling capability framework %q: %w", fw.Name, err)
	}
	return e, nil
}

func capClone(fw CapabilityFramework) CapabilityFramework {
	fw.Capabilities = slices.Clone(fw.Capabilities)
	for i := range fw.Capabilities {
		fw.Capabilities[i].Levels = slices.Clone(fw.Capabilities[i].Levels)
	}
	fw.Profiles = slices.Clone(fw.Profiles)
	for i := range fw.Profiles {
		fw.Profiles[i].Requirements = slices.Clone(fw.Profiles[i].Requirements)
	}
	return fw
}

// Definition returns a copy of the framework the engine was compiled from.
func (e *CapabilityEngine) Definition() CapabilityFramework { return capClone(e.def) }

// Motions returns the motions the profiles cover, in order of first
// appearance.
func (e *CapabilityEngine) Motions() []partnerops.Motion { return slices.Clone(e.motions) }

// LevelStatus says whether a capability level counts.
type LevelStatus string

// Level statuses.
const (
	LevelAssessed   LevelStatus = "assessed"    // counts
	LevelUnassessed LevelStatus = "unassessed"  // no assessment at or before the evaluation time
	LevelStale      LevelStatus = "stale"       // older than the capability's ValidDays
	LevelNoEvidence LevelStatus = "no_evidence" // evidence required but missing
)

// CapabilityLevel is a partner's current standing in one capability.
type CapabilityLevel struct {
	Capability string `json:"capability"`
	// Level is the level that counts ("" when none counts), Rank its
	// position (1 = lowest level, 0 = none).
	Level      string      `json:"level"`
	Rank       int         `json:"rank"`
	Status     LevelStatus `json:"status"`
	Evidence   string      `json:"evidence,omitempty"`
	AssessedAt time.Time   `json:"assessed_at"`
}

// Levels returns partner's standing in every capability, in framework
// order. For each capability the latest assessment at or before at counts
// (ties: the higher level); it is then checked for staleness and
// evidence. Assessments of other partners are ignored. An assessment of an
// unknown capability or level gives an error wrapping
// [ErrUnknownCapability].
func (e *CapabilityEngine) Levels(partner partnerops.PartnerID, assessments []Assessment, at time.Time) ([]CapabilityLevel, error) {
	out := make([]CapabilityLevel, len(e.caps))
	best := make([]int, len(e.caps)) // index+1 of the latest assessment
	for i := range e.caps {
		out[i] = CapabilityLevel{Capability: e.caps[i].def.ID, Status: LevelUnassessed}
	}
	for i, a := range assessments {
		if a.Partner != partner {
			continue
		}
		ci, ok := e.capIndex[a.Capability]
		if !ok {
			return nil, fmt.Errorf("strategy: assessment %d of partner %q: capability %q: %w", i, partner, a.Capability, ErrUnknownCapability)
		}
		rank, ok := e.caps[ci].levels[a.Level]
		if !ok {
			return nil, fmt.Errorf("strategy: assessment %d of partner %q: %q is not a level of %q: %w", i, partner, a.Level, a.Capability, ErrUnknownCapability)
		}
		if a.AssessedAt.After(at) {
			continue
		}
		if b := best[ci]; b != 0 {
			prev := assessments[b-1]
			prevRank := e.caps[ci].levels[prev.Level]
			if c := a.AssessedAt.Compare(prev.AssessedAt); c < 0 || (c == 0 && rank <= prevRank) {
				continue
			}
		}
		best[ci] = i + 1
	}
	for ci, b := range best {
		if b == 0 {
			continue
		}
		a := assessments[b-1]
		d := e.caps[ci].def
		lv := &out[ci]
		lv.Evidence, lv.AssessedAt = a.Evidence, a.AssessedAt
		switch {
		case d.ValidDays > 0 && at.Sub(a.AssessedAt) > time.Duration(d.ValidDays)*24*time.Hour:
			lv.Status = LevelStale
		case d.EvidenceRequired && a.Evidence == "":
			lv.Status = LevelNoEvidence
		default:
			lv.Status, lv.Level, lv.Rank = LevelAssessed, a.Level, e.caps[ci].levels[a.Level]
		}
	}
	return out, nil
}

// RequirementStatus is how a partner stands against one requirement.
type RequirementStatus struct {
	Capability string `json:"capability"`
	Required   string `json:"required"`
	// Current is the level that counts ("" for none); Status says why a
	// level may not count.
	Current  string             `json:"current"`
	Status   LevelStatus        `json:"status"`
	MustHave bool               `json:"must_have"`
	Weight   partnerops.Decimal `json:"weight"`
	// Credit is min(current rank, required rank) / required rank, in
	// percent, truncated to 2 fraction digits.
	Credit partnerops.Percent `json:"credit"`
}

// Equal reports whether s and o are equal, comparing decimals numerically.
func (s RequirementStatus) Equal(o RequirementStatus) bool {
	return s.Capability == o.Capability && s.Required == o.Required && s.Current == o.Current && s.Status == o.Status &&
		s.MustHave == o.MustHave && s.Weight.Equal(o.Weight) && s.Credit.Equal(o.Credit)
}

// Gap is a capability a partner must develop: what enablement should close.
type Gap struct {
	Capability string         `json:"capability"`
	Name       string         `json:"name,omitempty"`
	Kind       CapabilityKind `json:"kind"`
	// Current and Required are level names ("" for none), CurrentRank
	// and RequiredRank their ranks, Levels the difference.
	Current      string             `json:"current"`
	CurrentRank  int                `json:"current_rank"`
	Required     string             `json:"required"`
	RequiredRank int                `json:"required_rank"`
	Levels       int                `json:"levels"`
	Status       LevelStatus        `json:"status"`
	MustHave     bool               `json:"must_have"`
	Weight       partnerops.Decimal `json:"weight"`
}

// Equal reports whether g and o are equal, comparing weights numerically.
func (g Gap) Equal(o Gap) bool {
	return g.Capability == o.Capability && g.Name == o.Name && g.Kind == o.Kind &&
		g.Current == o.Current && g.CurrentRank == o.CurrentRank && g.Required == o.Required &&
		g.RequiredRank == o.RequiredRank && g.Levels == o.Levels && g.Status == o.Status &&
		g.MustHave == o.MustHave && g.Weight.Equal(o.Weight)
}

// Readiness is a partner's readiness for one requirement profile.
type Readiness struct {
	Partner partnerops.PartnerID `json:"partner"`
	Profile string               `json:"profile"`
	Motion  partnerops.Motion    `json:"motion"`
	Tier    partnerops.Tier      `json:"tier"`
	// Score is Σ weight × credit / Σ weight, computed exactly, in
	// percent, truncated to 2 fraction digits.
	Score partnerops.Percent `json:"score"`
	// Ready is true when every must-have is met and Score reaches the
	// profile's ReadyAt.
	Ready bool `json:"ready"`
	// Met and Missing split the requirements, in profile order.
	Met     []RequirementStatus `json:"met"`
	Missing []RequirementStatus `json:"missing"`
	// Gaps lists the missing requirements in enablement priority order:
	// must-haves first, then most levels short, then highest weight,
	// then capability ID.
	Gaps []Gap `json:"gaps"`
}

// Equal reports whether r and o are equal, comparing decimals numerically.
func (r Readiness) Equal(o Readiness) bool {
	return r.Partner == o.Partner && r.Profile == o.Profile && r.Motion == o.Motion && r.Tier == o.Tier &&
		r.Score.Equal(o.Score) && r.Ready == o.Ready &&
		slices.EqualFunc(r.Met, o.Met, RequirementStatus.Equal) &&
		slices.EqualFunc(r.Missing, o.Missing, RequirementStatus.Equal) &&
		slices.EqualFunc(r.Gaps, o.Gaps, Gap.Equal)
}

// Readiness evaluates partner against the profile with ID profile at time
// at. An unknown profile gives an error wrapping [ErrUnknownProfile].
func (e *CapabilityEngine) Readiness(partner partnerops.PartnerID, assessments []Assessment, profile string, at time.Time) (Readiness, error) {
	pi, ok := e.profIdx[profile]
	if !ok {
		return Readiness{}, fmt.Errorf("strategy: readiness of %q: profile %q: %w", partner, profile, ErrUnknownProfile)
	}
	levels, err := e.Levels(partner, assessments, at)
	if err != nil {
		return Readiness{}, err
	}
	return e.capReadiness(partner, levels, &e.profiles[pi]), nil
}

func (e *CapabilityEngine) capReadiness(partner partnerops.PartnerID, levels []CapabilityLevel, pr *capProfile) Readiness {
	r := Readiness{Partner: partner, Profile: pr.def.ID, Motion: pr.def.Motion, Tier: pr.def.Tier, Ready: true}
	// The score is exact: Σ weight × min(current, required) / required
	// over Σ weight, brought to the common denominator lcm(required ranks)
	// (at most 2,520 with 10 levels), then truncated to hundredths of a
	// percent. Within the limits every product fits an int64.
	var num, den int64
	for i, q := range pr.reqs {
		lv := levels[q.cap]
		cd := &e.caps[q.cap]
		got := int64(min(lv.Rank, q.rank))
		num += q.weight * got * (pr.lcm / int64(q.rank))
		den += q.weight * pr.lcm
		w := q.weightDec
		st := RequirementStatus{
			Capability: cd.def.ID, Required: pr.def.Requirements[i].MinLevel, Current: lv.Level, Status: lv.Status,
			MustHave: q.mustHave, Weight: w, Credit: q.credits[got],
		}
		if lv.Rank >= q.rank {
			r.Met = append(r.Met, st)
			continue
		}
		r.Missing = append(r.Missing, st)
		if q.mustHave {
			r.Ready = false
		}
		r.Gaps = append(r.Gaps, Gap{
			Capability: cd.def.ID, Name: cd.def.Name, Kind: cd.def.Kind,
			Current: lv.Level, CurrentRank: lv.Rank, Required: st.Required, RequiredRank: q.rank,
			Levels: q.rank - lv.Rank, Status: lv.Status, MustHave: q.mustHave, Weight: w,
		})
	}
	sc, _ := fixed.Ratio(num, den, 10_000) // num <= den, den > 0
	score := int64(sc)
	r.Score = fixed.Hundredths(score)
	if int32(score) < pr.readyAt {
		r.Ready = false
	}
	slices.SortStableFunc(r.Gaps, func(a, b Gap) int {
		switch {
		case a.MustHave != b.MustHave:
			if a.MustHave {
				return -1
			}
			return 1
		case a.Levels != b.Levels:
			return cmp.Compare(b.Levels, a.Levels)
		}
		if c := b.Weight.Cmp(a.Weight); c != 0 {
			return c
		}
		return cmp.Compare(a.Capability, b.Capability)
	})
	return r
}

// PartnerReadiness is a partner's readiness for every profile.
type PartnerReadiness struct {
	Partner partnerops.PartnerID `json:"partner"`
	// Levels is the partner's standing per capability, framework order.
	Levels []CapabilityLevel `json:"levels"`
	// Profiles holds one result per profile, in framework order.
	Profiles []Readiness `json:"profiles"`
	// ReadyMotions lists the motions the partner is ready for, in the
	// order of [CapabilityEngine.Motions]: a motion is ready when the
	// partner is ready for every profile of that motion that applies to
	// it (no tier, or the partner's tier) and at least one applies.
	ReadyMotions []partnerops.Motion `json:"ready_motions"`
}

// Evaluate evaluates partner p against every profile at time at.
func (e *CapabilityEngine) Evaluate(p partnerops.Partner, assessments []Assessment, at time.Time) (PartnerReadiness, error) {
	levels, err := e.Levels(p.ID, assessments, at)
	if err != nil {
		return PartnerReadiness{}, err
	}
	out := PartnerReadiness{Partner: p.ID, Levels: levels, Profiles: make([]Readiness, len(e.profiles))}
	for i := range e.profiles {
		out.Profiles[i] = e.capReadiness(p.ID, levels, &e.profiles[i])
	}
	for _, m := range e.motions {
		if ready, applies, _ := e.capMotion(p, out.Profiles, m); applies && ready {
			out.ReadyMotions = append(out.ReadyMotions, m)
		}
	}
	return out, nil
}

// capMotion reports whether p is ready for motion m given its profile
// results, whether any profile applies, and the lowest score among the
// applicable profiles.
func (e *CapabilityEngine) capMotion(p partnerops.Partner, results []Readiness, m partnerops.Motion) (ready, applies bool, score partnerops.Percent) {
	ready = true
	for i := range e.profiles {
		d := &e.profiles[i].def
		if d.Motion != m || (d.Tier != "" && d.Tier != p.Tier) {
			continue
		}
		if !applies || results[i].Score.Cmp(score) < 0 {
			score = results[i].Score
		}
		applies = true
		ready = ready && results[i].Ready
	}
	return ready && applies, applies, score
}

func capGCD(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
