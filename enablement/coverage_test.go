package enablement_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func TestCoverageEdges(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	at := date(2026, 1, 15)
	partners := []partnerops.Partner{
		{ID: "a", Type: partnerops.PartnerTypeMSP, Tier: "silver", Motions: []partnerops.Motion{partnerops.MotionServices, "barter"},
			Regions: []partnerops.Region{"apac", "apac"}},
		{ID: "b", Type: partnerops.PartnerTypeMSP, Tier: "diamond"},
		{ID: "a", Type: partnerops.PartnerTypeOEM, Tier: "gold"}, // duplicate ID: ignored
		{ID: "c", Type: partnerops.PartnerTypeMSP},               // no tier
	}
	people := []enablement.Person{
		{ID: "p1", Partner: "a", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{held("resell-specialist", date(2025, 6, 1))}},
		{ID: "p2", Partner: "a", Role: enablement.RoleTechnical, Certifications: []enablement.HeldCertification{held("sales-fundamentals", date(2025, 6, 1))}},
		{ID: "p3", Partner: "nobody", Role: enablement.RoleSales},
		{ID: "p4", Partner: "b", Role: enablement.RoleSales},
	}
	cov, err := e.Coverage(partners, people, at, enablement.CoverageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if cov.Horizon != enablement.Days(90) {
		t.Errorf("default horizon = %v", cov.Horizon)
	}
	if cov.UnassignedPeople != 1 {
		t.Errorf("UnassignedPeople = %d, want 1", cov.UnassignedPeople)
	}
	if diff := cmp.Diff([]partnerops.PartnerID{"b"}, cov.Unranked); diff != "" {
		t.Errorf("Unranked (-want +got):\n%s", diff)
	}
	// a is silver without a certified sales pro: below tier.
	if diff := cmp.Diff([]enablement.PartnerRisk{{Partner: "a", Tier: "silver", Requirement: "silver-sales", Required: 1}}, cov.BelowTier); diff != "" {
		t.Errorf("BelowTier (-want +got):\n%s", diff)
	}
	row := func(key string, partners, certPartners, people, certPeople int, pShare, peShare string) enablement.CoverageRow {
		return enablement.CoverageRow{Key: key, Partners: partners, CertifiedPartners: certPartners, PartnerShare: partnerops.MustPercent(pShare),
			People: people, CertifiedPeople: certPeople, PeopleShare: partnerops.MustPercent(peShare)}
	}
	want := struct{ Overall, Tier, Motion, Region []enablement.CoverageRow }{
		Overall: []enablement.CoverageRow{row("all", 3, 1, 3, 2, "33.3", "66.7")},
		// Ladder order, then tiers not on the ladder, then no tier.
		Tier: []enablement.CoverageRow{row("silver", 1, 1, 2, 2, "100", "100"), row("", 1, 0, 0, 0, "0", "0"), row("diamond", 1, 0, 1, 0, "0", "0")},
		// The fundamentals certification covers every motion, including
		// one the program does not know; the resell specialization covers
		// neither.
		Motion: []enablement.CoverageRow{row("barter", 1, 1, 2, 1, "100", "50"), row("services", 1, 1, 2, 1, "100", "50")},
		Region: []enablement.CoverageRow{row("apac", 1, 1, 2, 2, "100", "100")},
	}
	got := struct{ Overall, Tier, Motion, Region []enablement.CoverageRow }{
		[]enablement.CoverageRow{cov.Overall}, cov.ByTier, cov.ByMotion, cov.ByRegion}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// Content gaps for the pairs the partners run (msp × barter, msp ×
	// services): the portal resource and onboarding kit cover
	// foundational, the sales prep intermediate, the architect prep
	// advanced; nothing is expert.
	wantGaps := []enablement.ContentGap{
		{PartnerType: "msp", Motion: "barter", Level: enablement.SkillLevelExpert, Partners: 1},
		{PartnerType: "msp", Motion: "services", Level: enablement.SkillLevelExpert, Partners: 1},
	}
	if diff := cmp.Diff(wantGaps, cov.ContentGaps); diff != "" {
		t.Errorf("ContentGaps (-want +got):\n%s", diff)
	}
	md := cov.Markdown()
	for _, s := range []string{"### by tier", "| (none) | 0/1 | 0.0% | 0/0 | 0.0% |", "### below tier now", "| a | silver | silver-sales | 0/1 | - | - |", "### content gaps"} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
}

func TestCoverageEmpty(t *testing.T) {
	e := enablement.MustCompile(enablement.Definition{})
	cov, err := e.Coverage(nil, nil, date(2026, 1, 1), enablement.CoverageOptions{Horizon: enablement.Months(1)})
	if err != nil {
		t.Fatal(err)
	}
	want := enablement.Coverage{At: date(2026, 1, 1), Horizon: enablement.Months(1),
		Overall: enablement.CoverageRow{Key: "all", PartnerShare: partnerops.MustPercent("0"), PeopleShare: partnerops.MustPercent("0")},
		ByTier:  []enablement.CoverageRow{}, ByMotion: []enablement.CoverageRow{}, ByRegion: []enablement.CoverageRow{},
		ByProduct: []enablement.CoverageRow{}, AtRisk: []enablement.PartnerRisk{}, BelowTier: []enablement.PartnerRisk{},
		ContentGaps: []enablement.ContentGap{}}
	if diff := cmp.Diff(want, cov); diff != "" {
		t.Errorf("empty Coverage (-want +got):\n%s", diff)
	}
}

func TestRecommendMotionGap(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	// A GSI running co-sell, nobody certified for it; the person has
	// completed foundational resell material only.
	partner := partnerops.Partner{ID: "gsi1", Type: partnerops.PartnerTypeGSI, Tier: "registered",
		Motions: []partnerops.Motion{partnerops.MotionCoSell}}
	person := enablement.Person{ID: "kim", Role: enablement.RolePresales}
	recs, err := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: person}, date(2026, 1, 15))
	if err != nil {
		t.Fatal(err)
	}
	// Kim has no co-sell level yet: the next level is foundational, and
	// the only co-sell asset is intermediate, so nothing is recommended
	// for the motion; after a foundational co-sell completion it is.
	if len(recs) != 0 {
		t.Errorf("Recommend = %+v, want none", recs)
	}
	def := sampleDefinition()
	def.Assets = append(def.Assets, enablement.Asset{ID: "g-cosell-101", Title: "Co-Sell Basics", Kind: enablement.AssetKindCourse,
		Level: enablement.SkillLevelFoundational, Motions: []partnerops.Motion{partnerops.MotionCoSell}, Published: date(2025, 1, 1)})
	e = enablement.MustCompile(def)
	recs, _ = e.Recommend(enablement.RecommendRequest{Partner: partner, Person: person}, date(2026, 1, 15))
	if diff := cmp.Diff(`1. g-cosell-101  Co-Sell Basics (course, foundational), score 30
   - motion_gap (+20): fills a gap: nobody at gsi1 is certified for co_sell
   - next_level (+10): next skill level for co_sell: foundational
`, enablement.FormatRecommendations(recs)); diff != "" {
		t.Errorf("Recommend (-want +got):\n%s", diff)
	}
	person.Completed = []enablement.Completion{{Item: "g-cosell-101", At: date(2025, 12, 1)}}
	recs, _ = e.Recommend(enablement.RecommendRequest{Partner: partner, Person: person}, date(2026, 1, 15))
	if len(recs) != 1 || recs[0].Asset != "g-cosell" || recs[0].Score != 30 {
		t.Errorf("after the basics: %+v", recs)
	}
	if _, err := e.Recommend(enablement.RecommendRequest{Partner: partnerops.Partner{Tier: "diamond"}}, date(2026, 1, 1)); err == nil {
		t.Error("Recommend with an unknown tier succeeded")
	}
}

func TestRecommendLearningPath(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	// Ben has completed Selling Cloud 101 (module m-101 of the sales
	// track): the track's next modules are the onboarding kit and the
	// 201 course, which is also his next resell level.
	recs, err := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: people[1], Colleagues: people}, date(2026, 1, 15))
	if err != nil {
		t.Fatal(err)
	}
	want := `1. c-sales-201  Cloud Sales Professional (course, intermediate), score 25
   - learning_path (+15): next on learning path sales-track (1 of 4 required modules done): module m-201
   - next_level (+10): next skill level for resell: intermediate
2. a-onboard  Partner Onboarding Kit (onboarding_kit, foundational), score 15
   - learning_path (+15): next on learning path sales-track (1 of 4 required modules done): module m-onboard
`
	if diff := cmp.Diff(want, enablement.FormatRecommendations(recs)); diff != "" {
		t.Errorf("Recommend (-want +got):\n%s", diff)
	}
}

// TestRecommendCertificationRoles: a certification meant for some roles
// (Certification.Roles) is suggested to close a tier gap only to people of
// those roles; the field used to be ignored.
func TestRecommendCertificationRoles(t *testing.T) {
	def := sampleDefinition()
	// Gold asks for one cloud-architect of any role.
	def.Requirements[2].Role = ""
	e := enablement.MustCompile(def)
	partner := partnerops.Partner{ID: "acme", Type: partnerops.PartnerTypeReseller, Tier: "silver"}
	reasons := func(role enablement.Role) []enablement.ReasonCode {
		recs, err := e.Recommend(enablement.RecommendRequest{Partner: partner,
			Person: enablement.Person{ID: "u", Role: role}}, date(2026, 1, 15))
		if err != nil {
			t.Fatal(err)
		}
		var out []enablement.ReasonCode
		for _, r := range recs {
			if r.Asset == "p-arch-prep" {
				for _, why := range r.Reasons {
					out = append(out, why.Code)
				}
			}
		}
		return out
	}
	// p-arch-prep is for technical and presales people; cloud-architect is
	// meant for technical people only.
	if diff := cmp.Diff([]enablement.ReasonCode{enablement.ReasonNextTier}, reasons(enablement.RoleTechnical)); diff != "" {
		t.Errorf("technical (-want +got):\n%s", diff)
	}
	if got := reasons(enablement.RolePresales); len(got) != 0 {
		t.Errorf("presales got %v for a certification meant for technical people", got)
	}
}
