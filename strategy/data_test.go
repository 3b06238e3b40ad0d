package strategy

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestParseDefinitions: every definition and record list decodes strictly,
// with paths by ID and one prefix per message.
func TestParseDefinitions(t *testing.T) {
	tests := []struct {
		name  string
		parse func([]byte) error
		json  string
		want  []string // "path: rule" prefixes, in order
	}{
		{"capability misspelled", func(b []byte) error { _, err := ParseCapabilityFramework(b); return err },
			`{"capabilities":[{"id":"aws","kind":"technical","levles":["a"]}]}`,
			[]string{`capabilities[aws].levles: unknown field; did you mean "levels"?`}},
		{"requirement by capability", func(b []byte) error { _, err := ParseCapabilityFramework(b); return err },
			`{"profiles":[{"id":"co_sell","motion":"co_sell","requirements":[{"capability":"aws","min_level":"x","weight":{}}]}]}`,
			[]string{`profiles[co_sell].requirements[aws].weight: want a decimal`}},
		{"ready_at bare number", func(b []byte) error { _, err := ParseCapabilityFramework(b); return err },
			`{"profiles":[{"id":"p","ready_at":75}]}`,
			[]string{`profiles[p].ready_at: `}},
		{"segment spec", func(b []byte) error { _, err := ParseSegmentSpec(b); return err },
			`{"by":[{"kind":"type","atribute":"x"}],"currency":"USD","pareto":"80"}`,
			[]string{`by[0].atribute: unknown field; did you mean "attribute"?`, `pareto: unknown field; did you mean "pareto_share"?`}},
		{"landscape options", func(b []byte) error { _, err := ParseLandscapeOptions(b); return err },
			`{"our_share":{"p1":60}}`,
			[]string{`our_share[p1]: `}},
		{"motion deals by id", func(b []byte) error { _, err := ParseMotionDeals(b); return err },
			`[{"id":"d-7","partner":"p1","motion":"resell","status":"won","amount":{"amount":"1","currency":"USD"},"stage":"x"}]`,
			[]string{`[d-7].stage: unknown field`}},
		{"affiliations", func(b []byte) error { _, err := ParseAffiliations(b); return err },
			`[{"partner":"p1","competitor":"c","practice_share":"30","exclusve":true}]`,
			[]string{`[0].exclusve: unknown field; did you mean "exclusive"?`}},
		{"assessments date", func(b []byte) error { _, err := ParseAssessments(b); return err },
			`[{"partner":"p1","capability":"aws","level":"x","assessed_at":"2026-13-01"}]`,
			[]string{`[0].assessed_at: want a date like "2026-01-31"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse([]byte(tt.json))
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("error = %v, want ErrInvalid", err)
			}
			ves := partnerops.ValidationErrors(err)
			if len(ves) != len(tt.want) {
				t.Fatalf("%d problems, want %d: %v", len(ves), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(ves[i].Error(), w) {
					t.Errorf("problem %d = %q, want prefix %q", i, ves[i].Error(), w)
				}
			}
			if strings.Count(err.Error(), "strategy: ") != 1 {
				t.Errorf("error %q does not carry exactly one prefix", err)
			}
		})
	}
	// The happy path: a framework written by hand compiles.
	fw, err := ParseCapabilityFramework([]byte(`{
	  "name": "cloud",
	  "capabilities": [{"id": "aws", "kind": "technical", "levels": ["associate", "professional"]}],
	  "profiles": [{"id": "co_sell", "motion": "co_sell", "ready_at": "75%",
	    "requirements": [{"capability": "aws", "min_level": "professional", "weight": "2"}]}]
	}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CompileCapabilities(fw); err != nil {
		t.Error(err)
	}
}

// TestSegmentDimensionFields: an attribute dimension needs its attribute;
// the other kinds refuse one.
func TestSegmentDimensionFields(t *testing.T) {
	spec := SegmentSpec{Currency: partnerops.USD, By: []SegmentDimension{{Kind: DimensionType, Attribute: "vertical"}, {Kind: DimensionAttribute}}}
	_, err := AnalyzeSegments(spec, segSample())
	if diff := cmp.Diff([]string{"by[0].attribute", "by[1].attribute"}, fitPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}

func TestCapabilityWarnings(t *testing.T) {
	fw := capSampleFramework()
	fw.Profiles[1].ReadyAt = partnerops.MustPercent("0.75")
	e, err := CompileCapabilities(fw)
	if err != nil {
		t.Fatal(err)
	}
	ws := e.Warnings()
	if len(ws) != 1 || ws[0].Path != "profiles[co_sell].ready_at" || !strings.Contains(ws[0].Rule, "75%") {
		t.Errorf("Warnings() = %v", ws)
	}
}

// TestHostileNumbersRejected: amounts and percents far outside the decimal
// range are refused at once, with their paths, by every analysis that
// takes them from a host.
func TestHostileNumbersRejected(t *testing.T) {
	usd := func() partnerops.Money { return fence.MulMoney(segUSD("1"), decimal.New(1, -3000000)) }
	pct := fence.Percent(decimal.New(1, -2147483648))
	start := time.Now()
	ms := segSample()
	ms[1].Revenue = usd()
	_, err := AnalyzeSegments(SegmentSpec{Currency: partnerops.USD}, ms)
	check := func(name string, err error, path string) {
		t.Helper()
		if !errors.Is(err, partnerops.ErrRange) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error = %v, want ErrRange at %s", name, err, path)
		}
	}
	check("AnalyzeSegments", err, "members[p2].revenue")
	partners, affs := compSample()
	affs[0].PracticeShare = pct
	_, err = AnalyzeCompetition(partners, affs, LandscapeOptions{OurShare: map[partnerops.PartnerID]partnerops.Percent{"p1": pct}})
	check("AnalyzeCompetition", err, "affiliations[0].practice_share")
	check("AnalyzeCompetition", err, "our_share[p1]")
	_, err = AnalyzeMotionMix([]MotionDeal{{ID: "d1", Partner: "p1", Motion: "resell", Status: MotionDealWon, Amount: usd()}}, partnerops.USD, nil)
	check("AnalyzeMotionMix", err, "deals[d1].amount")
	cal := partnerops.Calendar{}
	q := cal.Quarter(capDate("2026-05-01"))
	_, err = SegmentMembersFromRecords(partners, []SegmentRecord{{Partner: "p1", At: capDate("2026-05-01"), Amount: usd()}}, q, q.Previous(), partnerops.USD)
	check("SegmentMembersFromRecords", err, "records[0].amount")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing hostile numbers took %v", d)
	}
}

// TestPropResultsRoundTrip: segment reports, readiness results, motion
// coverage, motion mixes and landscapes decode back to equal values that
// render the same text.
func TestPropResultsRoundTrip(t *testing.T) {
	e := capSampleEngine(t)
	rapid.Check(t, func(t *rapid.T) {
		ms := segSample()
		for i := range ms {
			ms[i].Revenue = segUSD(fmt.Sprint(rapid.IntRange(0, 1000).Draw(t, "revenue")))
			ms[i].PriorRevenue = segUSD(fmt.Sprint(rapid.IntRange(0, 1000).Draw(t, "prior")))
		}
		by := rapid.SampledFrom([][]SegmentDimension{nil, By("type"), By("type", "region"), By("vertical")}).Draw(t, "by")
		rep, err := AnalyzeSegments(SegmentSpec{By: by, Currency: partnerops.USD, TopN: rapid.IntRange(0, 3).Draw(t, "top")}, ms)
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, rep, SegmentReport.Text, SegmentReport.Markdown)

		at := capDate("2026-06-01").AddDate(0, 0, rapid.IntRange(-400, 400).Draw(t, "days"))
		cov, err := e.Coverage(capSamplePortfolio(), by, at)
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, cov, MotionCoverage.Text, MotionCoverage.Markdown)
		for _, pr := range cov.Partners {
			testkit.RoundTrip(t, pr)
			for _, r := range pr.Profiles {
				testkit.RoundTrip(t, r, Readiness.Text)
			}
		}
		deals := []MotionDeal{
			{ID: "d1", Partner: "p1", Motion: "resell", Status: MotionDealWon, Amount: segUSD(fmt.Sprint(rapid.IntRange(0, 500).Draw(t, "d1")))},
			{ID: "d2", Partner: "p2", Motion: "co_sell", Status: MotionDealOpen, Amount: segUSD("70")},
			{ID: "d3", Partner: "p3", Motion: "co_sell", Status: MotionDealLost},
		}
		mix, err := AnalyzeMotionMix(deals, partnerops.USD, cov.Partners)
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, mix, MotionMix.Text)

		partners, affs := compSample()
		affs = affs[:rapid.IntRange(0, len(affs)).Draw(t, "affiliations")]
		land, err := AnalyzeCompetition(partners, affs, LandscapeOptions{By: by})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, land, Landscape.Text)
	})
}

// FuzzParseCapabilityFramework: never panics; every accepted framework
// re-encodes and re-parses to an equal value.
func FuzzParseCapabilityFramework(f *testing.F) {
	seed, _ := json.Marshal(capSampleFramework())
	f.Add(seed)
	f.Add([]byte(`{"capabilities":[{"id":"a","kind":"sales","levels":["x","y"],"valid_days":1}],"profiles":[{"id":"p","motion":"m","ready_at":"0.01","requirements":[{"capability":"a","min_level":"y","weight":"1000000"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := ParseCapabilityFramework(data)
		if err != nil {
			return
		}
		// The stored copy compiles (or fails) alike and covers the
		// sample portfolio the same way.
		roundtrip.Same(t, fw, roundtrip.Copy(t, fw, ParseCapabilityFramework), func(fw CapabilityFramework) (any, error) {
			e, err := CompileCapabilities(fw)
			if err != nil {
				return nil, err
			}
			return e.Coverage(capSamplePortfolio(), nil, capAt)
		})
	})
}

// FuzzParseSegmentSpec: never panics; every accepted spec re-encodes and
// re-parses to an equal value, and analysing with it never panics.
func FuzzParseSegmentSpec(f *testing.F) {
	f.Add([]byte(`{"by":[{"kind":"type"},{"kind":"attribute","attribute":"vertical"}],"currency":"USD","top_n":2,"pareto_share":"80"}`))
	f.Add([]byte(`{"by":[],"currency":"EUR","current":{"start":"2026-01-01","end":"2026-04-01","unit":"quarter"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSegmentSpec(data)
		if err != nil {
			return
		}
		roundtrip.Same(t, s, roundtrip.Copy(t, s, ParseSegmentSpec), func(s SegmentSpec) (any, error) {
			return AnalyzeSegments(s, segSample())
		})
	})
}
