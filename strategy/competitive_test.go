package strategy

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func compSample() ([]partnerops.Partner, []Affiliation) {
	pt := func(id string, typ partnerops.PartnerType) partnerops.Partner {
		return partnerops.Partner{ID: partnerops.PartnerID(id), Type: typ}
	}
	pc := partnerops.MustPercent
	return []partnerops.Partner{
			pt("p1", "reseller"), pt("p2", "reseller"), pt("p3", "si"), pt("p4", "si"), pt("p5", "msp"),
		}, []Affiliation{
			{Partner: "p2", Competitor: "compA", Sells: true, PracticeShare: pc("30")},
			{Partner: "p3", Competitor: "compA", Services: true, Certified: true, PracticeShare: pc("60")},
			{Partner: "p3", Competitor: "compB", Sells: true, PracticeShare: pc("10")},
			{Partner: "p4", Competitor: "compB", Exclusive: true},
			{Partner: "p5", Competitor: "compA", Sells: true, PracticeShare: pc("20")},
			{Partner: "p5", Competitor: "compB", Services: true},
		}
}

func TestAnalyzeCompetition(t *testing.T) {
	partners, affs := compSample()
	got, err := AnalyzeCompetition(partners, affs, LandscapeOptions{
		By:       By("type"),
		OurShare: map[partnerops.PartnerID]partnerops.Percent{"p5": partnerops.MustPercent("10")},
	})
	if err != nil {
		t.Fatal(err)
	}
	pc := partnerops.MustPercent
	want := Landscape{
		ExclusiveToUs: 1, Shared: 1, Leaning: 3,
		Partners: []PartnerStance{
			{Partner: "p1", Stance: StanceExclusive, Reason: "no competitor affiliation"},
			// Our share is 100 - 30 = 70 > 30.
			{Partner: "p2", Stance: StanceShared, Competitors: []string{"compA"}, OurShare: pc("70"), OurShareKnown: true,
				Reason: "also works with compA; our share 70% is the largest"},
			// Ours 100 - 60 - 10 = 30 < 60.
			{Partner: "p3", Stance: StanceLeaning, Competitors: []string{"compA", "compB"}, LeaningTo: "compA", OurShare: pc("30"), OurShareKnown: true,
				Reason: "compA holds 60% of the practice, ours 30%"},
			{Partner: "p4", Stance: StanceLeaning, Competitors: []string{"compB"}, LeaningTo: "compB", Reason: "exclusive with compB"},
			// The host says ours is 10 < 20.
			{Partner: "p5", Stance: StanceLeaning, Competitors: []string{"compA", "compB"}, LeaningTo: "compA", OurShare: pc("10"), OurShareKnown: true,
				Reason: "compA holds 20% of the practice, ours 10%"},
		},
		Competitors: []CompetitorSummary{
			{Competitor: "compA", Partners: 3, Share: pc("60"), Sells: 2, Services: 1, Certified: 1, Leaning: 2,
				// (30 + 60 + 20) / 3 = 36.666…
				AveragePracticeShare: pc("36.67"), SharesKnown: 3,
				Segments: []CompetitorSegment{
					{Key: []string{"msp"}, Partners: 1, Share: pc("100")},
					{Key: []string{"reseller"}, Partners: 1, Share: pc("50")},
					{Key: []string{"si"}, Partners: 1, Share: pc("50")},
				},
				LeaningPartners: []partnerops.PartnerID{"p3", "p5"}},
			{Competitor: "compB", Partners: 3, Share: pc("60"), Sells: 1, Services: 1, Exclusive: 1, Leaning: 1,
				AveragePracticeShare: pc("10"), SharesKnown: 1,
				Segments: []CompetitorSegment{
					{Key: []string{"msp"}, Partners: 1, Share: pc("100")},
					{Key: []string{"si"}, Partners: 2, Share: pc("100")},
				},
				LeaningPartners: []partnerops.PartnerID{"p4"}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AnalyzeCompetition (-want +got):\n%s", diff)
	}
}

func TestAnalyzeCompetitionTies(t *testing.T) {
	// Two competitors with equal shares above ours: the name decides;
	// an exclusive one beats a larger share.
	pc := partnerops.MustPercent
	partners := []partnerops.Partner{{ID: "a"}, {ID: "b"}}
	affs := []Affiliation{
		{Partner: "a", Competitor: "zeta", PracticeShare: pc("40")},
		{Partner: "a", Competitor: "alpha", PracticeShare: pc("40")},
		{Partner: "b", Competitor: "big", PracticeShare: pc("70")},
		{Partner: "b", Competitor: "small", Exclusive: true, PracticeShare: pc("5")},
	}
	got, err := AnalyzeCompetition(partners, affs, LandscapeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Partners[0].LeaningTo != "alpha" || got.Partners[1].LeaningTo != "small" {
		t.Errorf("leaning = %q, %q; want alpha, small", got.Partners[0].LeaningTo, got.Partners[1].LeaningTo)
	}
}

func TestAnalyzeCompetitionErrors(t *testing.T) {
	partners, affs := compSample()
	pc := partnerops.MustPercent
	tests := []struct {
		name     string
		partners []partnerops.Partner
		affs     []Affiliation
		opts     LandscapeOptions
		want     error
		paths    []string
	}{
		{"unknown partner", partners, append(affs, Affiliation{Partner: "p9", Competitor: "x"}), LandscapeOptions{}, ErrUnknownPartner, []string{"affiliations[6].partner"}},
		{"duplicate pair", partners, append(affs, Affiliation{Partner: "p2", Competitor: "compA"}), LandscapeOptions{}, ErrDuplicate, []string{"affiliations[6].competitor"}},
		{"duplicate partner", append(partners, partners[0]), affs, LandscapeOptions{}, ErrDuplicate, []string{"partners[5].id"}},
		{"share sum", partners, append(affs, Affiliation{Partner: "p3", Competitor: "compC", PracticeShare: pc("40")}), LandscapeOptions{}, partnerops.ErrInvalid, []string{"partners[p3]"}},
		{"share range", partners, []Affiliation{{Partner: "p1", Competitor: "x", PracticeShare: pc("-1")}}, LandscapeOptions{}, partnerops.ErrInvalid, []string{"affiliations[0].practice_share"}},
		{"our share", partners, nil, LandscapeOptions{OurShare: map[partnerops.PartnerID]partnerops.Percent{"p2": pc("120"), "p1": pc("101")}}, partnerops.ErrInvalid, []string{"our_share[p1]", "our_share[p2]"}},
		{"our share unknown partner", partners, nil, LandscapeOptions{OurShare: map[partnerops.PartnerID]partnerops.Percent{"zz": pc("1")}}, ErrUnknownPartner, []string{"our_share[zz]"}},
		{"empty competitor", partners, []Affiliation{{Partner: "p1"}}, LandscapeOptions{}, partnerops.ErrInvalid, []string{"affiliations[0].competitor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AnalyzeCompetition(tt.partners, tt.affs, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			got := fitPaths(err)
			if diff := cmp.Diff(tt.paths, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAffiliationJSON(t *testing.T) {
	_, affs := compSample()
	b, err := json.Marshal(affs)
	if err != nil {
		t.Fatal(err)
	}
	var back []Affiliation
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(affs, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

// FuzzAnalyzeCompetition decodes fuzzed affiliations; the analysis must
// never panic and must count every partner in exactly one stance.
func FuzzAnalyzeCompetition(f *testing.F) {
	b, _ := json.Marshal(func() []Affiliation { _, a := compSample(); return a }())
	f.Add(b)
	f.Add([]byte(`[{"partner":"p1","competitor":"x","practice_share":"100","exclusive":true},{"partner":"p1","competitor":"y"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var affs []Affiliation
		if err := json.Unmarshal(data, &affs); err != nil {
			return
		}
		partners, _ := compSample()
		l, err := AnalyzeCompetition(partners, affs, LandscapeOptions{By: By("type", "region")})
		if err != nil {
			return
		}
		if l.ExclusiveToUs+l.Shared+l.Leaning != len(partners) {
			t.Fatalf("stances %d + %d + %d != %d partners", l.ExclusiveToUs, l.Shared, l.Leaning, len(partners))
		}
		_ = l.Markdown()
	})
}
