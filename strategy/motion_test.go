package strategy

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestCapabilityCoverage(t *testing.T) {
	e := capSampleEngine(t)
	got, err := e.Coverage(capSamplePortfolio(), By("type"), capAt)
	if err != nil {
		t.Fatal(err)
	}
	pc := partnerops.MustPercent
	wantTotals := []CoverageRow{
		{Motion: "resell", Partners: 3, Ready: 0, Coverage: pc("0"), AverageScore: pc("66.66")},
		// Scores 25, 100, 100: mean 75.
		{Motion: "co_sell", Partners: 3, Ready: 2, Coverage: pc("66.67"), AverageScore: pc("75")},
	}
	wantSegments := []CoverageRow{
		{Motion: "resell", Key: []string{"reseller"}, Partners: 2, Ready: 0, Coverage: pc("0"), AverageScore: pc("66.66")},
		{Motion: "resell", Key: []string{"si"}, Partners: 1, Ready: 0, Coverage: pc("0"), AverageScore: pc("66.66")},
		// (25 + 100) / 2 = 62.5.
		{Motion: "co_sell", Key: []string{"reseller"}, Partners: 2, Ready: 1, Coverage: pc("50"), AverageScore: pc("62.5")},
		{Motion: "co_sell", Key: []string{"si"}, Partners: 1, Ready: 1, Coverage: pc("100"), AverageScore: pc("100")},
	}
	if diff := cmp.Diff(wantTotals, got.Totals); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantSegments, got.Segments); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantSegments[:2], got.Uncovered()); diff != "" {
		t.Errorf("uncovered (-want +got):\n%s", diff)
	}
	if len(got.Partners) != 3 || got.Partners[1].Partner != "p2" {
		t.Errorf("partners = %v, want p1, p2, p3 in order", got.Partners)
	}

	dup := append(capSamplePortfolio(), capSamplePortfolio()[0])
	if _, err := e.Coverage(dup, nil, capAt); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate partner: error = %v, want ErrDuplicate", err)
	}
	if _, err := e.Coverage(nil, []SegmentDimension{{Kind: "x"}}, capAt); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("bad dimension: error = %v, want ErrInvalid", err)
	}
}

func TestAnalyzeMotionMix(t *testing.T) {
	e := capSampleEngine(t)
	cov, err := e.Coverage(capSamplePortfolio(), nil, capAt)
	if err != nil {
		t.Fatal(err)
	}
	deals := []MotionDeal{
		{ID: "d1", Partner: "p1", Motion: "resell", Status: MotionDealWon, Amount: segUSD("100")},
		{ID: "d2", Partner: "p1", Motion: "resell", Status: MotionDealOpen, Amount: segUSD("50")},
		{ID: "d3", Partner: "p2", Motion: "co_sell", Status: MotionDealWon, Amount: segUSD("300")},
		{ID: "d4", Partner: "p2", Motion: "resell", Status: MotionDealWon, Amount: segUSD("100")},
		{ID: "d5", Partner: "p3", Motion: "co_sell", Status: MotionDealOpen, Amount: segUSD("150")},
		{ID: "d6", Partner: "p9", Motion: "referral", Status: MotionDealWon, Amount: segUSD("50")},
		{ID: "d7", Partner: "p1", Motion: "resell", Status: MotionDealLost, Amount: segUSD("999")},
	}
	got, err := AnalyzeMotionMix(deals, partnerops.USD, cov.Partners)
	if err != nil {
		t.Fatal(err)
	}
	pc := partnerops.MustPercent
	zero := partnerops.Zero(partnerops.USD)
	want := MotionMix{
		Currency: partnerops.USD, Revenue: segUSD("550"), Pipeline: segUSD("200"),
		Rows: []MotionMixRow{
			// 300 / 550 = 54.5454…%.
			{Motion: "co_sell", Won: 1, Open: 1, Partners: 2, Revenue: segUSD("300"), Pipeline: segUSD("150"),
				RevenueShare: pc("54.55"), PipelineShare: pc("75"), UnreadyRevenue: zero, UnreadyPipeline: zero},
			// Neither p1 nor p2 is ready to resell.
			{Motion: "resell", Won: 2, Open: 1, Lost: 1, Partners: 2, Revenue: segUSD("200"), Pipeline: segUSD("50"),
				RevenueShare: pc("36.36"), PipelineShare: pc("25"), UnreadyRevenue: segUSD("200"), UnreadyPipeline: segUSD("50")},
			// p9 has no readiness result: not counted as unready.
			{Motion: "referral", Won: 1, Partners: 1, Revenue: segUSD("50"), Pipeline: zero,
				RevenueShare: pc("9.09"), PipelineShare: pc("0"), UnreadyRevenue: zero, UnreadyPipeline: zero},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AnalyzeMotionMix (-want +got):\n%s", diff)
	}

	bad := []MotionDeal{
		{Partner: "p1", Status: "pending", Amount: partnerops.MustMoney("1", partnerops.EUR)},
	}
	_, err = AnalyzeMotionMix(bad, partnerops.USD, nil)
	paths := fitPaths(err)
	if diff := cmp.Diff([]string{"deals[0].motion", "deals[0].status", "deals[0].amount"}, paths); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// FuzzAnalyzeMotionMix decodes fuzzed deals; the mix must never panic and
// its shares must stay within 0-100%.
func FuzzAnalyzeMotionMix(f *testing.F) {
	f.Add([]byte(`[{"id":"d1","partner":"p1","motion":"resell","status":"won","amount":{"amount":"10.5","currency":"USD"}},{"id":"d2","partner":"p1","motion":"co_sell","status":"open","amount":{"amount":"-3","currency":"USD"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var deals []MotionDeal
		if err := json.Unmarshal(data, &deals); err != nil {
			return
		}
		ready := []PartnerReadiness{{Partner: "p1", ReadyMotions: []partnerops.Motion{"resell"}}}
		mix, err := AnalyzeMotionMix(deals, partnerops.USD, ready)
		if err != nil {
			return
		}
		_ = mix.Text()
	})
}

// BenchmarkCapabilityCoverage evaluates 10,000 partners (3 assessments
// each) against 3 profiles and summarizes by type. No target in the issue;
// recorded for reference.
func BenchmarkCapabilityCoverage(b *testing.B) {
	e := capSampleEngine(b)
	base := capSamplePortfolio()
	pcs := make([]PartnerCapabilities, 10_000)
	for i := range pcs {
		src := base[i%len(base)]
		id := partnerops.PartnerID(fmt.Sprintf("p%05d", i))
		as := make([]Assessment, len(src.Assessments))
		for j, a := range src.Assessments {
			a.Partner = id
			as[j] = a
		}
		src.Partner.ID = id
		pcs[i] = PartnerCapabilities{Partner: src.Partner, Assessments: as}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Coverage(pcs, By("type", "region"), capAt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMotionMixZeroInAnotherCurrency: a zero is zero in any currency, so
// a won deal of 0 EUR in a USD mix counts as a win and adds nothing (it
// once would have wiped the running sum).
func TestMotionMixZeroInAnotherCurrency(t *testing.T) {
	deals := []MotionDeal{
		{ID: "d1", Partner: "p1", Motion: "resell", Status: MotionDealWon, Amount: segUSD("100")},
		{ID: "d2", Partner: "p1", Motion: "resell", Status: MotionDealWon, Amount: partnerops.MustMoney("0", partnerops.EUR)},
		{ID: "d3", Partner: "p1", Motion: "resell", Status: MotionDealOpen, Amount: partnerops.MustMoney("0.00", partnerops.EUR)},
		{ID: "d4", Partner: "p1", Motion: "resell", Status: MotionDealOpen, Amount: segUSD("40")},
	}
	got, err := AnalyzeMotionMix(deals, partnerops.USD, nil)
	if err != nil {
		t.Fatal(err)
	}
	type sums struct{ Revenue, Pipeline, RowRevenue, RowPipeline string }
	want := sums{"100 USD", "40 USD", "100 USD", "40 USD"}
	if diff := cmp.Diff(want, sums{got.Revenue.String(), got.Pipeline.String(), got.Rows[0].Revenue.String(), got.Rows[0].Pipeline.String()}); diff != "" {
		t.Errorf("sums (-want +got):\n%s", diff)
	}
	if got.Rows[0].Won != 2 || got.Rows[0].Open != 2 {
		t.Errorf("won %d, open %d; want 2, 2", got.Rows[0].Won, got.Rows[0].Open)
	}
}
