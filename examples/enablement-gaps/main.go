// Command enablement-gaps walks an enablement lead's morning with the
// enablement pillar: search the catalog, check one partner's gap to the
// next tier and the assets that close it, recommend the next best assets
// to one of its people, follow a learning path, and look at coverage
// across the partner base (who is at risk of losing a tier, which content
// is missing). All data is in the program; nothing is read or written.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/partnerops/partnerops/examples/internal/chartdir"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func definition() enablement.Definition {
	pub := day(2025, 1, 6)
	asset := func(id enablement.AssetID, title string, kind enablement.AssetKind, level enablement.SkillLevel, f func(*enablement.Asset)) enablement.Asset {
		a := enablement.Asset{ID: id, Title: title, Kind: kind, Level: level, Published: pub}
		if f != nil {
			f(&a)
		}
		return a
	}
	motions := func(ms ...partnerops.Motion) func(*enablement.Asset) {
		return func(a *enablement.Asset) { a.Motions = ms }
	}
	return enablement.Definition{
		Program: partnerops.Program{Name: "Northwind Cloud Partner Network",
			Tiers: partnerops.MustTierLadder("registered", "silver", "gold", "platinum")},
		Assets: []enablement.Asset{
			asset("kit-welcome", "Welcome and Onboarding Kit", enablement.AssetKindOnboardingKit, enablement.SkillLevelFoundational, nil),
			asset("portal-dealreg", "How to Register a Deal", enablement.AssetKindPortalResource, enablement.SkillLevelFoundational, nil),
			asset("crs-sell-101", "Selling Northwind Cloud 101", enablement.AssetKindCourse, enablement.SkillLevelFoundational, func(a *enablement.Asset) {
				a.Roles, a.Motions, a.Topics, a.Products = []enablement.Role{enablement.RoleSales}, []partnerops.Motion{partnerops.MotionResell}, []string{"selling"}, []string{"cloud"}
			}),
			asset("crs-sell-201", "Cloud Sales Professional", enablement.AssetKindCourse, enablement.SkillLevelIntermediate, func(a *enablement.Asset) {
				a.Roles, a.Motions, a.Topics, a.Products = []enablement.Role{enablement.RoleSales}, []partnerops.Motion{partnerops.MotionResell}, []string{"selling", "pricing"}, []string{"cloud"}
			}),
			asset("prep-arch", "Cloud Architect Exam Prep", enablement.AssetKindCertificationPrep, enablement.SkillLevelAdvanced, func(a *enablement.Asset) {
				a.Roles, a.Topics, a.Products = []enablement.Role{enablement.RoleTechnical, enablement.RolePresales}, []string{"architecture", "security"}, []string{"cloud", "security"}
				a.Certifications = []enablement.CertificationID{"cloud-architect"}
			}),
			asset("prep-cosell", "Co-Sell Specialist Prep", enablement.AssetKindCertificationPrep, enablement.SkillLevelIntermediate, func(a *enablement.Asset) {
				a.Motions, a.Topics = []partnerops.Motion{partnerops.MotionCoSell}, []string{"co-sell"}
				a.Certifications = []enablement.CertificationID{"cosell-specialist"}
			}),
			asset("guide-cosell", "Co-Sell Engagement Guide", enablement.AssetKindCoSellGuide, enablement.SkillLevelIntermediate, motions(partnerops.MotionCoSell)),
			asset("play-mkt", "Marketplace Private Offers Playbook", enablement.AssetKindPlaybook, enablement.SkillLevelIntermediate, motions(partnerops.MotionMarketplace)),
			asset("battle-rival-24", "Battlecard: Rival Cloud (2024)", enablement.AssetKindBattlecard, enablement.SkillLevelIntermediate, func(a *enablement.Asset) {
				a.Topics, a.Retired, a.Successor = []string{"competition"}, true, "battle-rival"
			}),
			asset("battle-rival", "Battlecard: Rival Cloud", enablement.AssetKindBattlecard, enablement.SkillLevelIntermediate, func(a *enablement.Asset) {
				a.Topics, a.ReviewBy = []string{"competition"}, day(2026, 1, 1)
			}),
			asset("play-resell-adv", "Advanced Resell Deal Structuring", enablement.AssetKindPlaybook, enablement.SkillLevelAdvanced, func(a *enablement.Asset) {
				a.Motions, a.Regions = []partnerops.Motion{partnerops.MotionResell}, []partnerops.Region{"emea"}
			}),
		},
		Certifications: []enablement.Certification{
			{ID: "cloud-sales-pro", Name: "Cloud Sales Professional", Kind: enablement.CertificationKindRoleBased,
				Roles: []enablement.Role{enablement.RoleSales}, Products: []string{"cloud"}, Courses: []enablement.AssetID{"crs-sell-101", "crs-sell-201"},
				Exams:    []enablement.Exam{{ID: "sales-exam", PassMark: partnerops.MustPercent("70")}},
				Validity: enablement.Years(1), RenewalWindow: enablement.Months(6), GracePeriod: enablement.Days(30)},
			{ID: "cloud-architect", Name: "Cloud Architect", Kind: enablement.CertificationKindRoleBased,
				Roles: []enablement.Role{enablement.RoleTechnical}, Products: []string{"cloud", "security"},
				Exams:    []enablement.Exam{{ID: "arch-exam", PassMark: partnerops.MustPercent("75")}},
				Validity: enablement.Years(2), RenewalWindow: enablement.Months(3), GracePeriod: enablement.Days(60), GraceCounts: true},
			{ID: "cosell-specialist", Name: "Co-Sell Specialist", Kind: enablement.CertificationKindSpecialization,
				Motions: []partnerops.Motion{partnerops.MotionCoSell}, Validity: enablement.Years(1), RenewalWindow: enablement.Months(6)},
			{ID: "resell-specialist", Name: "Resell Specialist", Kind: enablement.CertificationKindSpecialization,
				Motions: []partnerops.Motion{partnerops.MotionResell}, Validity: enablement.Years(1), RenewalWindow: enablement.Months(6)},
		},
		LearningPaths: []enablement.LearningPath{{ID: "sales-track", Title: "Cloud sales track", Modules: []enablement.Module{
			{ID: "welcome", Asset: "kit-welcome"},
			{ID: "sell-101", Asset: "crs-sell-101", Prerequisites: []enablement.ModuleID{"welcome"}},
			{ID: "dealreg", Asset: "portal-dealreg", Prerequisites: []enablement.ModuleID{"welcome"}, Optional: true},
			{ID: "sell-201", Asset: "crs-sell-201", Prerequisites: []enablement.ModuleID{"sell-101"}},
			{ID: "exam", Prerequisites: []enablement.ModuleID{"sell-201"}},
		}}},
		Requirements: []enablement.Requirement{
			{ID: "silver-sales", Tier: "silver", Count: 1, Role: enablement.RoleSales, Certifications: []enablement.CertificationID{"cloud-sales-pro"}},
			{ID: "gold-sales", Tier: "gold", Count: 2, Role: enablement.RoleSales, Certifications: []enablement.CertificationID{"cloud-sales-pro"}},
			{ID: "gold-tech", Tier: "gold", Count: 1, Role: enablement.RoleTechnical, Certifications: []enablement.CertificationID{"cloud-architect"}},
			{ID: "gold-spec", Tier: "gold", Count: 1, PerMotion: true, CertificationKind: enablement.CertificationKindSpecialization,
				Description: "a specialization per motion"},
			{ID: "platinum-sales", Tier: "platinum", Count: 4, Role: enablement.RoleSales, Certifications: []enablement.CertificationID{"cloud-sales-pro"}},
		},
	}
}

func held(id enablement.CertificationID, earned time.Time) enablement.HeldCertification {
	return enablement.HeldCertification{Certification: id, Earned: earned}
}

func partnerBase() ([]partnerops.Partner, []enablement.Person) {
	partners := []partnerops.Partner{
		{ID: "contoso", Name: "Contoso Systems", Type: partnerops.PartnerTypeReseller, Tier: "silver",
			Motions: []partnerops.Motion{partnerops.MotionResell, partnerops.MotionCoSell}, Regions: []partnerops.Region{"emea"}},
		{ID: "fabrikam", Name: "Fabrikam Consulting", Type: partnerops.PartnerTypeGSI, Tier: "gold",
			Motions: []partnerops.Motion{partnerops.MotionCoSell}, Regions: []partnerops.Region{"amer", "emea"}},
		{ID: "tailspin", Name: "Tailspin Cloud", Type: partnerops.PartnerTypeMSP, Tier: "silver",
			Motions: []partnerops.Motion{partnerops.MotionMarketplace, partnerops.MotionServices}, Regions: []partnerops.Region{"apac"}},
	}
	people := []enablement.Person{
		{ID: "ana", Partner: "contoso", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", day(2025, 3, 31)), held("resell-specialist", day(2025, 6, 2))}},
		{ID: "ben", Partner: "contoso", Role: enablement.RoleSales,
			Completed: []enablement.Completion{{Item: "kit-welcome", At: day(2025, 9, 1)}, {Item: "crs-sell-101", At: day(2025, 9, 15)}}},
		{ID: "cy", Partner: "contoso", Role: enablement.RoleTechnical,
			Exams: []enablement.ExamResult{{Exam: "arch-exam", Score: partnerops.MustPercent("71"), At: day(2025, 12, 1)}}},
		{ID: "dev", Partner: "fabrikam", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", day(2025, 2, 28)), held("cosell-specialist", day(2025, 9, 1))}},
		{ID: "eve", Partner: "fabrikam", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", day(2025, 10, 1))}},
		{ID: "fox", Partner: "fabrikam", Role: enablement.RoleTechnical, Certifications: []enablement.HeldCertification{
			held("cloud-architect", day(2024, 1, 31))}},
		{ID: "gus", Partner: "tailspin", Role: enablement.RoleSales},
	}
	return partners, people
}

func main() {
	flag.Parse() // -charts DIR writes compliance and coverage as SVG
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "enablement-gaps:", err)
		os.Exit(1)
	}
}

func run() error {
	engine, err := enablement.Compile(definition())
	if err != nil {
		return err
	}
	at := day(2026, 1, 15)
	partners, people := partnerBase()

	fmt.Println("== Catalog: battlecards and playbooks for a reseller, today")
	res, err := engine.Catalog().Search(enablement.Query{
		Kinds:        []enablement.AssetKind{enablement.AssetKindBattlecard, enablement.AssetKindPlaybook},
		PartnerTypes: []partnerops.PartnerType{partnerops.PartnerTypeReseller},
	}, at)
	if err != nil {
		return err
	}
	fmt.Print(res.Text())

	fmt.Println("\n== Content review queue: assets past their review-by date")
	queue, err := engine.Catalog().Search(enablement.Query{OnlyStale: true}, at)
	if err != nil {
		return err
	}
	fmt.Print(queue.HitsText())

	fmt.Println("\n== Contoso: standing against silver and the gap to gold")
	contoso := partners[0]
	comp, err := engine.Compliance(contoso, people, at)
	if err != nil {
		return err
	}
	if err := chartdir.Write("enablement-compliance-"+string(contoso.ID)+".svg", comp.SVG()); err != nil {
		return err
	}
	fmt.Print(comp.Text())

	fmt.Println("\n== Certifications at Contoso")
	for _, p := range people[:3] {
		for _, s := range engine.CertificationStatuses(p, at) {
			fmt.Println(s)
			if s.State == enablement.CertStateInProgress {
				for _, step := range s.Steps {
					fmt.Println("   ", step)
				}
			}
		}
	}

	fmt.Println("\n== Next best assets for Cy (technical) and Ana (sales)")
	for _, who := range []int{2, 0} {
		recs, err := engine.Recommend(enablement.RecommendRequest{Partner: contoso, Person: people[who], Colleagues: people[:3], Limit: 3}, at)
		if err != nil {
			return err
		}
		fmt.Printf("%s:\n%s", people[who].ID, enablement.FormatRecommendations(recs))
	}

	fmt.Println("\n== Ben on the sales track")
	track, err := engine.Path("sales-track")
	if err != nil {
		return err
	}
	fmt.Println(track.Progress(people[1], at))

	fmt.Println("\n== Coverage across the partner base (next 6 months)")
	cov, err := engine.Coverage(partners, people, at, enablement.CoverageOptions{Horizon: enablement.Months(6)})
	if err != nil {
		return err
	}
	if err := chartdir.Write("enablement-coverage.svg", cov.SVG()); err != nil {
		return err
	}
	fmt.Print(cov.Text())
	return nil
}
