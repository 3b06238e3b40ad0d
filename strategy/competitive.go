package strategy

import (
	"cmp"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
	"github.com/shopspring/decimal"
)

// Affiliation records that one of our partners also works with a
// competitor.
type Affiliation struct {
	Partner    partnerops.PartnerID `json:"partner"`
	Competitor string               `json:"competitor"`
	// Sells, Services and Certified say how: the partner resells the
	// competitor, delivers services on it, holds its certifications.
	Sells     bool `json:"sells,omitempty"`
	Services  bool `json:"services,omitempty"`
	Certified bool `json:"certified,omitempty"`
	// PracticeShare is the competitor's share of the partner's practice
	// (revenue or headcount), when known.
	PracticeShare partnerops.Percent `json:"practice_share,omitzero"`
	// Exclusive means the partner has committed exclusively to the
	// competitor (in some product line or region).
	Exclusive bool `json:"exclusive,omitempty"`
}

// Stance is where a partner stands between us and competitors.
type Stance string

// Stances, decided by the rule documented on [PartnerStance].
const (
	StanceExclusive Stance = "exclusive" // works with no competitor
	StanceShared    Stance = "shared"    // works with competitors too
	StanceLeaning   Stance = "leaning"   // leans to a competitor
)

// PartnerStance is one partner's competitive position.
//
// The rule: a partner with no affiliation is exclusive to us. A partner
// leans to competitor C when it is exclusive with C, or when C's practice
// share is greater than ours; our share is the one the host gives in
// [LandscapeOptions.OurShare], or else 100% minus the competitors' known
// shares when any is known (otherwise unknown, and no competitor can lean
// by share). Among several candidates the partner leans to an exclusive
// one first, then the largest share, then the competitor name. Every
// other affiliated partner is shared.
type PartnerStance struct {
	Partner     partnerops.PartnerID `json:"partner"`
	Stance      Stance               `json:"stance"`
	Competitors []string             `json:"competitors"` // sorted
	LeaningTo   string               `json:"leaning_to,omitempty"`
	// OurShare is our share of the partner's practice, when known.
	OurShare      partnerops.Percent `json:"our_share"`
	OurShareKnown bool               `json:"our_share_known"`
	Reason        string             `json:"reason"`
}

// Equal reports whether s and o are equal, comparing percents numerically.
func (s PartnerStance) Equal(o PartnerStance) bool {
	return s.Partner == o.Partner && s.Stance == o.Stance && slices.Equal(s.Competitors, o.Competitors) &&
		s.LeaningTo == o.LeaningTo && s.OurShare.Equal(o.OurShare) && s.OurShareKnown == o.OurShareKnown && s.Reason == o.Reason
}

// CompetitorSegment counts a competitor's affiliations in one segment.
type CompetitorSegment struct {
	Key      []string `json:"key"`
	Partners int      `json:"partners"`
	// Share is Partners over our partners in the segment, in percent
	// with 2 fraction digits, half to even.
	Share partnerops.Percent `json:"share"`
}

// Equal reports whether s and o are equal, comparing percents numerically.
func (s CompetitorSegment) Equal(o CompetitorSegment) bool {
	return slices.Equal(s.Key, o.Key) && s.Partners == o.Partners && s.Share.Equal(o.Share)
}

// CompetitorSummary is one competitor's footprint in our partner base.
type CompetitorSummary struct {
	Competitor string `json:"competitor"`
	// Partners counts our partners affiliated with the competitor; Share
	// is their share of all our partners (2 digits, half to even).
	Partners int                `json:"partners"`
	Share    partnerops.Percent `json:"share"`
	// Sells, Services, Certified and Exclusive count the partners with
	// each kind of affiliation; Leaning those leaning to this competitor.
	Sells     int `json:"sells"`
	Services  int `json:"services"`
	Certified int `json:"certified"`
	Exclusive int `json:"exclusive"`
	Leaning   int `json:"leaning"`
	// AveragePracticeShare is the mean of the known practice shares (2
	// digits, half to even); SharesKnown how many were known.
	AveragePracticeShare partnerops.Percent `json:"average_practice_share"`
	SharesKnown          int                `json:"shares_known"`
	// Segments lists the segments (of LandscapeOptions.By) where the
	// competitor has partners, sorted by key.
	Segments []CompetitorSegment `json:"segments"`
	// LeaningPartners lists the partners leaning to it, sorted.
	LeaningPartners []partnerops.PartnerID `json:"leaning_partners"`
}

// Equal reports whether s and o are equal, comparing percents numerically.
func (s CompetitorSummary) Equal(o CompetitorSummary) bool {
	return s.Competitor == o.Competitor && s.Partners == o.Partners && s.Share.Equal(o.Share) &&
		s.Sells == o.Sells && s.Services == o.Services && s.Certified == o.Certified && s.Exclusive == o.Exclusive &&
		s.Leaning == o.Leaning && s.AveragePracticeShare.Equal(o.AveragePracticeShare) && s.SharesKnown == o.SharesKnown &&
		slices.EqualFunc(s.Segments, o.Segments, CompetitorSegment.Equal) && slices.Equal(s.LeaningPartners, o.LeaningPartners)
}

// LandscapeOptions tunes [AnalyzeCompetition].
type LandscapeOptions struct {
	// By lists segment dimensions for the per-competitor segment counts.
	By []SegmentDimension `json:"by,omitempty"`
	// OurShare gives our share of a partner's practice where the host
	// knows it.
	OurShare map[partnerops.PartnerID]partnerops.Percent `json:"our_share,omitempty"`
}

// Landscape is the competitive landscape of our partner base.
type Landscape struct {
	// Competitors are sorted by affiliated partners, most first, ties by
	// name.
	Competitors []CompetitorSummary `json:"competitors"`
	// Partners holds every partner's stance, in input order.
	Partners []PartnerStance `json:"partners"`
	// ExclusiveToUs, Shared and Leaning count the partners by stance.
	ExclusiveToUs int `json:"exclusive_to_us"`
	Shared        int `json:"shared"`
	Leaning       int `json:"leaning"`
}

// AnalyzeCompetition summarizes partners' affiliations with competitors:
// per competitor, how many of our partners work with it and how, in which
// segments, and who leans to it; per partner, its [Stance]. Problems are
// reported together as *partnerops.ValidationError values: affiliations
// or OurShare entries naming a partner not in partners also wrap
// [ErrUnknownPartner], a partner or a (partner, competitor) pair listed
// twice [ErrDuplicate]; shares must lie within 0-100% and competitors'
// shares of one partner must not sum above 100%.
func AnalyzeCompetition(partners []partnerops.Partner, affs []Affiliation, opts LandscapeOptions) (Landscape, error) {
	var p partnerops.Problems
	segValidateDims(&p, "by", opts.By)
	idx := make(map[partnerops.PartnerID]int, len(partners))
	var kinds []error
	for i, pt := range partners {
		if _, dup := idx[pt.ID]; dup {
			p.Add(partnerops.Path("partners", i, "id"), "duplicate partner", string(pt.ID))
			kinds = append(kinds, ErrDuplicate)
		}
		idx[pt.ID] = i
	}
	hundred := partnerops.PercentFromInt(100)
	byPartner := make([][]int, len(partners))
	pairs := map[[2]string]bool{}
	for i, a := range affs {
		path := partnerops.Path("affiliations", i)
		pi, ok := idx[a.Partner]
		switch {
		case !ok:
			p.Add(path+".partner", "unknown partner", string(a.Partner))
			kinds = append(kinds, ErrUnknownPartner)
			continue
		case a.Competitor == "":
			p.Add(path+".competitor", "must name a competitor", "")
			continue
		case pairs[[2]string{string(a.Partner), a.Competitor}]:
			p.Add(path+".competitor", "duplicate affiliation", a.Competitor)
			kinds = append(kinds, ErrDuplicate)
			continue
		}
		pairs[[2]string{string(a.Partner), a.Competitor}] = true
		if err := a.PracticeShare.Decimal().Validate(); err != nil {
			fixed.AddErr(&p, path+".practice_share", err)
			kinds = append(kinds, partnerops.ErrRange)
			continue
		}
		if !a.PracticeShare.Between(partnerops.Percent{}, hundred) {
			p.Add(path+".practice_share", "must be between 0 and 100", a.PracticeShare.String())
		}
		byPartner[pi] = append(byPartner[pi], i)
	}
	for i, list := range byPartner {
		sum := partnerops.Percent{}
		for _, ai := range list {
			sum = sum.Add(affs[ai].PracticeShare)
		}
		if sum.Cmp(hundred) > 0 {
			p.Add(partnerops.Path("partners", segElem(string(partners[i].ID), i)), "competitors' practice shares sum above 100%", sum.String())
		}
	}
	for _, id := range slices.Sorted(maps.Keys(opts.OurShare)) {
		if _, ok := idx[id]; !ok {
			p.Add(partnerops.Path("our_share", partnerops.Key(id)), "unknown partner", string(id))
			kinds = append(kinds, ErrUnknownPartner)
		}
		if s := opts.OurShare[id]; s.Decimal().Validate() != nil {
			fixed.AddErr(&p, partnerops.Path("our_share", partnerops.Key(id)), s.Decimal().Validate())
			kinds = append(kinds, partnerops.ErrRange)
		} else if !s.Between(partnerops.Percent{}, hundred) {
			p.Add(partnerops.Path("our_share", partnerops.Key(id)), "must be between 0 and 100", s.String())
		}
	}
	if err := p.Err(); err != nil {
		return Landscape{}, segWrap("strategy: competitive landscape", kinds, err)
	}

	out := Landscape{Partners: make([]PartnerStance, len(partners))}
	sums := map[string]*compAgg{}
	segTotals := map[string]int{}
	keyer := newSegKeyer(opts.By)
	var keys []string
	for i := range partners {
		pt := &partners[i]
		keys = keys[:0]
		keyer.each(pt, func(k []byte) {
			keys = append(keys, string(k))
			segTotals[string(k)]++
		})
		st := compStance(pt.ID, affs, byPartner[i], opts.OurShare)
		out.Partners[i] = st
		switch st.Stance {
		case StanceExclusive:
			out.ExclusiveToUs++
		case StanceShared:
			out.Shared++
		default:
			out.Leaning++
		}
		for _, ai := range byPartner[i] {
			a := &affs[ai]
			g := sums[a.Competitor]
			if g == nil {
				g = &compAgg{segs: map[string]int{}, shareSum: decimal.Zero}
				sums[a.Competitor] = g
			}
			g.add(a, st, keys)
		}
	}
	for name, g := range sums {
		out.Competitors = append(out.Competitors, g.summary(name, len(partners), segTotals, len(opts.By)))
	}
	slices.SortFunc(out.Competitors, func(a, b CompetitorSummary) int {
		if c := cmp.Compare(b.Partners, a.Partners); c != 0 {
			return c
		}
		return strings.Compare(a.Competitor, b.Competitor)
	})
	return out, nil
}

type compAgg struct {
	partners, sells, services, certified, exclusive, leaning, known int
	shareSum                                                        decimal.Decimal
	segs                                                            map[string]int
	leaningIDs                                                      []partnerops.PartnerID
}

func (g *compAgg) add(a *Affiliation, st PartnerStance, keys []string) {
	g.partners++
	g.sells += compCount(a.Sells)
	g.services += compCount(a.Services)
	g.certified += compCount(a.Certified)
	g.exclusive += compCount(a.Exclusive)
	if !a.PracticeShare.IsZero() {
		g.known++
		g.shareSum = g.shareSum.Add(fence.Pct(a.PracticeShare))
	}
	if st.LeaningTo == a.Competitor {
		g.leaning++
		g.leaningIDs = append(g.leaningIDs, a.Partner)
	}
	for _, k := range keys {
		g.segs[k]++
	}
}

func (g *compAgg) summary(name string, total int, segTotals map[string]int, dims int) CompetitorSummary {
	s := CompetitorSummary{
		Competitor: name, Partners: g.partners, Share: fixed.Share(int64(g.partners), int64(total)),
		Sells: g.sells, Services: g.services, Certified: g.certified, Exclusive: g.exclusive, Leaning: g.leaning,
		SharesKnown: g.known, AveragePracticeShare: fixed.Hundredths(0),
	}
	if g.known > 0 {
		num, den := motionBig(g.shareSum, decimal.NewFromInt(int64(g.known)))
		s.AveragePracticeShare = partnerops.NewPercent(segRatio(num, den, 0, 2))
	}
	for k, n := range g.segs {
		s.Segments = append(s.Segments, CompetitorSegment{Key: segSplitKey(k, dims), Partners: n,
			Share: segPercent(big.NewInt(int64(n)), big.NewInt(int64(segTotals[k])))})
	}
	slices.SortFunc(s.Segments, func(a, b CompetitorSegment) int { return slices.Compare(a.Key, b.Key) })
	s.LeaningPartners = slices.Sorted(slices.Values(g.leaningIDs))
	return s
}

func compCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compStance applies the stance rule to one partner's affiliations.
func compStance(id partnerops.PartnerID, affs []Affiliation, list []int, ours map[partnerops.PartnerID]partnerops.Percent) PartnerStance {
	st := PartnerStance{Partner: id, Stance: StanceExclusive, Reason: "no competitor affiliation"}
	if s, ok := ours[id]; ok {
		st.OurShare, st.OurShareKnown = s, true
	}
	if len(list) == 0 {
		return st
	}
	st.Stance = StanceShared
	known := partnerops.Percent{}
	anyKnown := false
	for _, ai := range list {
		st.Competitors = append(st.Competitors, affs[ai].Competitor)
		if !affs[ai].PracticeShare.IsZero() {
			anyKnown = true
			known = known.Add(affs[ai].PracticeShare)
		}
	}
	slices.Sort(st.Competitors)
	if !st.OurShareKnown && anyKnown {
		st.OurShare, st.OurShareKnown = partnerops.PercentFromInt(100).Sub(known), true
	}
	var best *Affiliation
	for _, ai := range list {
		a := &affs[ai]
		candidate := a.Exclusive || (st.OurShareKnown && a.PracticeShare.Cmp(st.OurShare) > 0)
		if !candidate {
			continue
		}
		if best == nil || compBetter(a, best) {
			best = a
		}
	}
	if best == nil {
		st.Reason = fmt.Sprintf("also works with %s", strings.Join(st.Competitors, ", "))
		if st.OurShareKnown {
			st.Reason += fmt.Sprintf("; our share %s is the largest", st.OurShare)
		}
		return st
	}
	st.Stance, st.LeaningTo = StanceLeaning, best.Competitor
	if best.Exclusive {
		st.Reason = fmt.Sprintf("exclusive with %s", best.Competitor)
	} else {
		st.Reason = fmt.Sprintf("%s holds %s of the practice, ours %s", best.Competitor, best.PracticeShare, st.OurShare)
	}
	return st
}

// compBetter reports whether a is a stronger lean than b: exclusive first,
// then larger share, then name.
func compBetter(a, b *Affiliation) bool {
	if a.Exclusive != b.Exclusive {
		return a.Exclusive
	}
	if c := a.PracticeShare.Cmp(b.PracticeShare); c != 0 {
		return c > 0
	}
	return a.Competitor < b.Competitor
}
