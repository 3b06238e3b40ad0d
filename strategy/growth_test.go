package strategy

import (
	"fmt"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestGrowth: the analyses and their renderers are linear (or n log n) in
// their inputs.
func TestGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("growth test")
	}
	testkit.Growth(t, "AnalyzeSegments", 2_000, func(n int) func() {
		ms := segBenchMembers(n)
		return func() {
			_, _ = AnalyzeSegments(SegmentSpec{By: By("type", "tier", "region"), Currency: partnerops.USD}, ms)
		}
	})
	testkit.Growth(t, "SegmentReport.Text and Markdown", 100, func(n int) func() {
		ms := segBenchMembers(n)
		for i := range ms {
			ms[i].Partner.Attributes = map[string]string{"k": fmt.Sprint(i)}
		}
		r, _ := AnalyzeSegments(SegmentSpec{By: By("k"), Currency: partnerops.USD}, ms)
		return func() { _ = r.Text(); _ = r.Markdown() }
	})
	e := capSampleEngine(t)
	portfolio := func(n int) []PartnerCapabilities {
		base := capSamplePortfolio()
		out := make([]PartnerCapabilities, n)
		for i := range out {
			pc := base[i%len(base)]
			pc.Partner.ID = partnerops.PartnerID(fmt.Sprint("p", i))
			pc.Partner.Regions = []partnerops.Region{partnerops.Region(fmt.Sprint("r", i%50))}
			out[i] = pc
		}
		return out
	}
	testkit.Growth(t, "Coverage and MotionCoverage.Text", 200, func(n int) func() {
		p := portfolio(n)
		return func() {
			c, _ := e.Coverage(p, By("region"), capAt)
			_ = c.Text()
		}
	})
	testkit.Growth(t, "AnalyzeCompetition and Landscape.Text", 500, func(n int) func() {
		partners := make([]partnerops.Partner, n)
		var affs []Affiliation
		for i := range partners {
			partners[i] = partnerops.Partner{ID: partnerops.PartnerID(fmt.Sprint("p", i)), Type: "reseller"}
			affs = append(affs, Affiliation{Partner: partners[i].ID, Competitor: fmt.Sprint("c", i%20), Sells: true, PracticeShare: partnerops.PercentFromInt(int64(i % 50))})
		}
		return func() {
			l, _ := AnalyzeCompetition(partners, affs, LandscapeOptions{By: By("type")})
			_ = l.Text()
		}
	})
	testkit.Growth(t, "AnalyzeMotionMix and MotionMix.Text", 1_000, func(n int) func() {
		deals := make([]MotionDeal, n)
		for i := range deals {
			deals[i] = MotionDeal{ID: fmt.Sprint("d", i), Partner: partnerops.PartnerID(fmt.Sprint("p", i%100)), Motion: partnerops.Motion(fmt.Sprint("m", i%30)), Status: MotionDealWon, Amount: segUSD("10")}
		}
		return func() {
			m, _ := AnalyzeMotionMix(deals, partnerops.USD, nil)
			_ = m.Text()
		}
	})
	testkit.Growth(t, "SegmentMembersFromRecords", 1_000, func(n int) func() {
		partners := make([]partnerops.Partner, n/10+1)
		for i := range partners {
			partners[i] = partnerops.Partner{ID: partnerops.PartnerID(fmt.Sprint("p", i))}
		}
		recs := make([]SegmentRecord, n)
		for i := range recs {
			recs[i] = SegmentRecord{Partner: partners[i%len(partners)].ID, At: capDate("2026-05-01"), Amount: segUSD("1")}
		}
		q := partnerops.Calendar{}.Quarter(capDate("2026-05-01"))
		return func() { _, _ = SegmentMembersFromRecords(partners, recs, q, q.Previous(), partnerops.USD) }
	})
}
