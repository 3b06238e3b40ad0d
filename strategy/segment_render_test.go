package strategy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestRenderMarkdown(t *testing.T) {
	rep, err := AnalyzeSegments(SegmentSpec{By: By("type"), Currency: partnerops.USD, TopN: 2}, segSample())
	if err != nil {
		t.Fatal(err)
	}
	e := capSampleEngine(t)
	p1 := capSamplePortfolio()[0]
	r, _ := e.Readiness("p1", p1.Assessments, "resell", capAt)
	cov, _ := e.Coverage(capSamplePortfolio(), By("type"), capAt)
	partners, affs := compSample()
	land, _ := AnalyzeCompetition(partners, affs, LandscapeOptions{})
	mix, _ := AnalyzeMotionMix([]MotionDeal{{Partner: "p1", Motion: "resell", Status: MotionDealWon, Amount: segUSD("10")}}, partnerops.USD, nil)
	tests := []struct {
		name string
		md   string
		want []string // lines that must appear
	}{
		{"segments", rep.Markdown(), []string{
			"**segments by type (USD)**",
			"| type | partners | revenue | share | growth | pipeline | top 2 | HHI | pareto |",
			"|---|---:|---:|---:|---:|---:|---:|---:|---:|",
			"| reseller | 2 | 80.00 USD | 80.00% | 33.33% | 150.00 USD | 100.00% | 5312.50 | 2 (100.00%) |",
			"| total | 4 | 100.00 USD | 100.00% | 25.00% | 200.00 USD | 80.00% | 3650.00 | 2 (50.00%) |",
		}},
		{"readiness", r.Markdown(), []string{
			"**p1 for resell (resell): 66.66%, not ready**",
			"| aws | foundational | associate | 1 |  | 2 | assessed |",
		}},
		{"coverage", cov.Markdown(), []string{
			"| co_sell | reseller | 2 | 1 | 50.00% | 62.50% |",
			"| co_sell | total | 3 | 2 | 66.67% | 75.00% |",
		}},
		{"landscape", land.Markdown(), []string{
			"**competitive landscape: 1 exclusive to us, 2 shared, 2 leaning away**",
			"| compA | 3 | 60.00% | 2 | 1 | 1 | 0 | 1 | 36.67% |",
		}},
		{"mix", mix.Markdown(), []string{
			"| resell | 1 | 10.00 USD | 100.00% | 0 | 0.00 USD | 0.00% | 1 | 0.00 USD |",
		}},
	}
	for _, tt := range tests {
		lines := strings.Split(tt.md, "\n")
		for _, w := range tt.want {
			found := false
			for _, l := range lines {
				found = found || l == w
			}
			if !found {
				t.Errorf("%s: line %q missing from:\n%s", tt.name, w, tt.md)
			}
		}
	}
}

func TestRenderSegmentsWithoutDimensions(t *testing.T) {
	rep, err := AnalyzeSegments(SegmentSpec{Currency: partnerops.USD}, segSample()[:1])
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(rep.Text()), "\n")
	want := []string{
		"segments by nothing (USD)",
		"         partners  revenue    share    growth  pipeline    top 10   HHI       pareto",
		"  all    1         50.00 USD  100.00%  25.00%  100.00 USD  100.00%  10000.00  1 (100.00%)",
		"  total  1         50.00 USD  100.00%  25.00%  100.00 USD  100.00%  10000.00  1 (100.00%)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Text (-want +got):\n%s", diff)
	}
	if md := (&segTable{title: "a|b"}).markdown(); !strings.Contains(md, `**a\|b**`) {
		t.Errorf("Markdown does not escape pipes: %s", md)
	}
}
