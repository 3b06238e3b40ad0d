package strategy

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
	"github.com/shopspring/decimal"
)

// PartnerCapabilities pairs a partner with its capability assessments.
type PartnerCapabilities struct {
	Partner     partnerops.Partner `json:"partner"`
	Assessments []Assessment       `json:"assessments"`
}

// CoverageRow is the readiness of one segment (or the whole portfolio)
// for one motion.
type CoverageRow struct {
	Motion partnerops.Motion `json:"motion"`
	// Key holds the segment's value per dimension (nil on a total row).
	Key []string `json:"key"`
	// Partners counts the partners in the segment, Ready those ready for
	// the motion.
	Partners int `json:"partners"`
	Ready    int `json:"ready"`
	// Coverage is Ready / Partners in percent, 2 fraction digits, half to
	// even.
	Coverage partnerops.Percent `json:"coverage"`
	// AverageScore is the mean motion readiness score (a partner's lowest
	// score among the motion's applicable profiles; 0 when none applies),
	// 2 fraction digits, half to even.
	AverageScore partnerops.Percent `json:"average_score"`
}

// Equal reports whether r and o are equal, comparing percents numerically.
func (r CoverageRow) Equal(o CoverageRow) bool {
	return r.Motion == o.Motion && slices.Equal(r.Key, o.Key) && r.Partners == o.Partners && r.Ready == o.Ready &&
		r.Coverage.Equal(o.Coverage) && r.AverageScore.Equal(o.AverageScore)
}

// MotionCoverage is the portfolio's readiness per motion and segment.
type MotionCoverage struct {
	By []SegmentDimension `json:"by"`
	// Totals has one row per motion, in [CapabilityEngine.Motions] order.
	Totals []CoverageRow `json:"totals"`
	// Segments has one row per motion and segment: motions in engine
	// order, segments by key.
	Segments []CoverageRow `json:"segments"`
	// Partners holds each partner's readiness, in input order.
	Partners []PartnerReadiness `json:"partners"`
}

// Uncovered returns the segment rows where no partner is ready for the
// motion: where the program has no capacity to run it.
func (c MotionCoverage) Uncovered() []CoverageRow {
	var out []CoverageRow
	for _, r := range c.Segments {
		if r.Ready == 0 {
			out = append(out, r)
		}
	}
	return out
}

type capCov struct {
	partners, ready int
	scoreSum        int64 // hundredths
}

// Coverage evaluates every partner of the portfolio at time at and
// summarizes readiness per motion, overall and per segment of by (see
// [SegmentDimension]; a partner with several regions or motions counts in
// each of its segments). A partner listed twice gives an error wrapping
// [ErrDuplicate].
func (e *CapabilityEngine) Coverage(portfolio []PartnerCapabilities, by []SegmentDimension, at time.Time) (MotionCoverage, error) {
	var p partnerops.Problems
	segValidateDims(&p, "by", by)
	if err := p.Err(); err != nil {
		return MotionCoverage{}, err
	}
	out := MotionCoverage{By: slices.Clone(by), Partners: make([]PartnerReadiness, len(portfolio))}
	seen := make(map[partnerops.PartnerID]bool, len(portfolio))
	nm := len(e.motions)
	totals := make([]capCov, nm)
	segs := map[string][]capCov{}
	keyer := newSegKeyer(by)
	ready := make([]bool, nm)
	scores := make([]int64, nm)
	for i := range portfolio {
		pc := &portfolio[i]
		if seen[pc.Partner.ID] {
			return MotionCoverage{}, fmt.Errorf("strategy: coverage: partner %q listed twice: %w", pc.Partner.ID, ErrDuplicate)
		}
		seen[pc.Partner.ID] = true
		pr, err := e.Evaluate(pc.Partner, pc.Assessments, at)
		if err != nil {
			return MotionCoverage{}, err
		}
		out.Partners[i] = pr
		for mi, m := range e.motions {
			r, _, s := e.capMotion(pc.Partner, pr.Profiles, m)
			ready[mi] = r
			h, _ := fixed.ScaledDec(s.Decimal(), 2)
			scores[mi] = h
			totals[mi].add(r, h)
		}
		keyer.each(&pc.Partner, func(key []byte) {
			cov, ok := segs[string(key)]
			if !ok {
				cov = make([]capCov, nm)
				segs[string(key)] = cov
			}
			for mi := range cov {
				cov[mi].add(ready[mi], scores[mi])
			}
		})
	}
	keys := make([]string, 0, len(segs))
	for k := range segs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return slices.Compare(segSplitKey(a, len(by)), segSplitKey(b, len(by)))
	})
	for mi, m := range e.motions {
		out.Totals = append(out.Totals, totals[mi].row(m, nil))
		for _, k := range keys {
			out.Segments = append(out.Segments, segs[k][mi].row(m, segSplitKey(k, len(by))))
		}
	}
	return out, nil
}

func (c *capCov) add(ready bool, score int64) {
	c.partners++
	if ready {
		c.ready++
	}
	c.scoreSum += score
}

func (c *capCov) row(m partnerops.Motion, key []string) CoverageRow {
	r := CoverageRow{Motion: m, Key: key, Partners: c.partners, Ready: c.ready,
		Coverage:     fixed.Share(int64(c.ready), int64(c.partners)),
		AverageScore: fixed.Hundredths(0)}
	if c.partners > 0 {
		r.AverageScore = fixed.Hundredths(fixed.DivHalfEven(c.scoreSum, int64(c.partners)))
	}
	return r
}

// MotionDealStatus is where a deal stands, for the motion mix.
type MotionDealStatus string

// Deal statuses: won deals are revenue, open deals pipeline; lost deals
// are counted but carry no amount.
const (
	MotionDealWon  MotionDealStatus = "won"
	MotionDealOpen MotionDealStatus = "open"
	MotionDealLost MotionDealStatus = "lost"
)

// MotionDeal is a deal the host supplies for the motion mix.
type MotionDeal struct {
	ID      string               `json:"id"`
	Partner partnerops.PartnerID `json:"partner"`
	Motion  partnerops.Motion    `json:"motion"`
	Status  MotionDealStatus     `json:"status"`
	Amount  partnerops.Money     `json:"amount"`
}

// MotionMixRow is one motion's share of revenue and pipeline.
type MotionMixRow struct {
	Motion          partnerops.Motion  `json:"motion"`
	Won             int                `json:"won"`
	Open            int                `json:"open"`
	Lost            int                `json:"lost"`
	Partners        int                `json:"partners"` // distinct partners with deals in the motion
	Revenue         partnerops.Money   `json:"revenue"`
	Pipeline        partnerops.Money   `json:"pipeline"`
	RevenueShare    partnerops.Percent `json:"revenue_share"` // of all revenue; 2 digits, half to even
	PipelineShare   partnerops.Percent `json:"pipeline_share"`
	UnreadyRevenue  partnerops.Money   `json:"unready_revenue"` // won by partners known not to be ready for the motion
	UnreadyPipeline partnerops.Money   `json:"unready_pipeline"`
}

// Equal reports whether r and o are equal, comparing amounts numerically.
func (r MotionMixRow) Equal(o MotionMixRow) bool {
	return r.Motion == o.Motion && r.Won == o.Won && r.Open == o.Open && r.Lost == o.Lost && r.Partners == o.Partners &&
		r.Revenue.Equal(o.Revenue) && r.Pipeline.Equal(o.Pipeline) && r.RevenueShare.Equal(o.RevenueShare) &&
		r.PipelineShare.Equal(o.PipelineShare) && r.UnreadyRevenue.Equal(o.UnreadyRevenue) && r.UnreadyPipeline.Equal(o.UnreadyPipeline)
}

// MotionMix is the split of revenue and pipeline by motion.
type MotionMix struct {
	Currency partnerops.Currency `json:"currency"`
	Revenue  partnerops.Money    `json:"revenue"`
	Pipeline partnerops.Money    `json:"pipeline"`
	// Rows are sorted by revenue, then pipeline, highest first, ties by
	// motion name.
	Rows []MotionMixRow `json:"rows"`
}

// AnalyzeMotionMix splits the deals' revenue (won) and pipeline (open) by
// motion. When readiness results are given (from
// [CapabilityEngine.Evaluate] or [CapabilityEngine.Coverage]), each row
// also shows the revenue and pipeline of partners that are not ready for
// the motion they sell in; partners without a readiness result are not
// counted as unready. Deal problems (amounts in another currency, unknown
// statuses, missing motions) are reported together as
// *partnerops.ValidationError values.
func AnalyzeMotionMix(deals []MotionDeal, currency partnerops.Currency, readiness []PartnerReadiness) (MotionMix, error) {
	var p partnerops.Problems
	if !currency.Valid() {
		p.Add("currency", "must be a known currency", string(currency))
	}
	zero := partnerops.Zero(currency)
	for i, d := range deals {
		path := partnerops.Path("deals", segElem(d.ID, i))
		if d.Motion == "" {
			p.Add(path+".motion", "must name a motion", "")
		}
		switch d.Status {
		case MotionDealWon, MotionDealOpen, MotionDealLost:
		default:
			p.Add(path+".status", "must be won, open or lost", string(d.Status))
		}
		if err := d.Amount.Amount().Validate(); err != nil {
			fixed.AddErr(&p, path+".amount", err)
			continue
		}
		if d.Amount.Currency() != currency && !d.Amount.IsZero() { // a zero is zero in any currency
			p.Addf(path+".amount", d.Amount.String(), "must be in %s", currency)
		}
	}
	if err := p.Err(); err != nil {
		return MotionMix{}, err
	}
	readyFor := map[partnerops.PartnerID][]partnerops.Motion{}
	for _, r := range readiness {
		readyFor[r.Partner] = r.ReadyMotions
	}
	mix := MotionMix{Currency: currency, Revenue: zero, Pipeline: zero}
	rows := map[partnerops.Motion]*MotionMixRow{}
	partners := map[partnerops.Motion]map[partnerops.PartnerID]bool{}
	add := func(a *partnerops.Money, m partnerops.Money) {
		if m.IsZero() {
			return // zero in any currency (checked above)
		}
		*a, _ = a.Add(m) // currencies checked above
	}
	for _, d := range deals {
		r := rows[d.Motion]
		if r == nil {
			r = &MotionMixRow{Motion: d.Motion, Revenue: zero, Pipeline: zero, UnreadyRevenue: zero, UnreadyPipeline: zero}
			rows[d.Motion] = r
			partners[d.Motion] = map[partnerops.PartnerID]bool{}
		}
		partners[d.Motion][d.Partner] = true
		motions, known := readyFor[d.Partner]
		unready := known && !slices.Contains(motions, d.Motion)
		switch d.Status {
		case MotionDealWon:
			r.Won++
			add(&r.Revenue, d.Amount)
			add(&mix.Revenue, d.Amount)
			if unready {
				add(&r.UnreadyRevenue, d.Amount)
			}
		case MotionDealOpen:
			r.Open++
			add(&r.Pipeline, d.Amount)
			add(&mix.Pipeline, d.Amount)
			if unready {
				add(&r.UnreadyPipeline, d.Amount)
			}
		default:
			r.Lost++
		}
	}
	for m, r := range rows {
		r.Partners = len(partners[m])
		r.RevenueShare = motionShare(r.Revenue, mix.Revenue)
		r.PipelineShare = motionShare(r.Pipeline, mix.Pipeline)
		mix.Rows = append(mix.Rows, *r)
	}
	slices.SortFunc(mix.Rows, func(a, b MotionMixRow) int {
		if c, _ := b.Revenue.Cmp(a.Revenue); c != 0 {
			return c
		}
		if c, _ := b.Pipeline.Cmp(a.Pipeline); c != 0 {
			return c
		}
		return strings.Compare(string(a.Motion), string(b.Motion))
	})
	return mix, nil
}

// motionShare returns part/whole in percent, 2 digits, half to even (0%
// for a zero whole).
func motionShare(part, whole partnerops.Money) partnerops.Percent {
	return segPercent(motionBig(fence.Amount(part), fence.Amount(whole)))
}

// motionBig scales two decimals to a common exponent and returns their
// coefficients, so their ratio is exact.
func motionBig(a, b decimal.Decimal) (*big.Int, *big.Int) {
	exp := min(a.Exponent(), b.Exponent())
	return a.Shift(-exp).BigInt(), b.Shift(-exp).BigInt()
}
