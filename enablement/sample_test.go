package enablement_test

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// date returns midnight UTC on the given day.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// parseDay parses "2006-01-02" as midnight UTC.
func parseDay(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

// sampleDefinition is a small, realistic program used across tests and
// examples: four tiers, five certifications, twelve assets, one learning
// path and requirements for silver, gold and platinum.
func sampleDefinition() enablement.Definition {
	pub := date(2025, 1, 1)
	return enablement.Definition{
		Program: partnerops.Program{
			Name:  "Cloud Partner Program",
			Tiers: partnerops.MustTierLadder("registered", "silver", "gold", "platinum"),
		},
		Assets: []enablement.Asset{
			{ID: "a-onboard", Title: "Partner Onboarding Kit", Kind: enablement.AssetKindOnboardingKit,
				Level: enablement.SkillLevelFoundational, Topics: []string{"onboarding"}, Published: pub},
			{ID: "c-sales-101", Title: "Selling Cloud 101", Kind: enablement.AssetKindCourse,
				Level: enablement.SkillLevelFoundational, Roles: []enablement.Role{enablement.RoleSales},
				Motions: []partnerops.Motion{partnerops.MotionResell}, Topics: []string{"cloud", "selling"},
				Products: []string{"cloud"}, Published: pub},
			{ID: "c-sales-201", Title: "Cloud Sales Professional", Kind: enablement.AssetKindCourse,
				Level: enablement.SkillLevelIntermediate, Roles: []enablement.Role{enablement.RoleSales},
				Motions: []partnerops.Motion{partnerops.MotionResell}, Topics: []string{"cloud", "selling"},
				Products: []string{"cloud"}, Published: pub},
			{ID: "p-sales-prep", Title: "Cloud Sales Pro Exam Prep", Kind: enablement.AssetKindCertificationPrep,
				Level: enablement.SkillLevelIntermediate, Roles: []enablement.Role{enablement.RoleSales},
				Certifications: []enablement.CertificationID{"cloud-sales-pro"}, Topics: []string{"exam"}, Published: pub},
			{ID: "p-arch-prep", Title: "Cloud Architect Exam Prep", Kind: enablement.AssetKindCertificationPrep,
				Level: enablement.SkillLevelAdvanced, Roles: []enablement.Role{enablement.RoleTechnical, enablement.RolePresales},
				Certifications: []enablement.CertificationID{"cloud-architect"}, Topics: []string{"architecture", "exam"},
				Products: []string{"cloud", "security"}, Published: pub},
			{ID: "g-cosell", Title: "Co-Sell Engagement Guide", Kind: enablement.AssetKindCoSellGuide,
				Level: enablement.SkillLevelIntermediate, Motions: []partnerops.Motion{partnerops.MotionCoSell},
				PartnerTypes:   []partnerops.PartnerType{partnerops.PartnerTypeGSI, partnerops.PartnerTypeSI},
				Certifications: []enablement.CertificationID{"cosell-specialist"}, Topics: []string{"co-sell"}, Published: pub},
			{ID: "b-rival", Title: "Battlecard: Rival Cloud", Kind: enablement.AssetKindBattlecard,
				Level: enablement.SkillLevelIntermediate, Roles: []enablement.Role{enablement.RoleSales, enablement.RolePresales},
				Topics: []string{"competition"}, Products: []string{"cloud"}, Published: pub,
				ReviewBy: date(2026, 1, 1)},
			{ID: "b-rival-2", Title: "Battlecard: Rival Cloud (2026)", Kind: enablement.AssetKindBattlecard,
				Level: enablement.SkillLevelIntermediate, Roles: []enablement.Role{enablement.RoleSales, enablement.RolePresales},
				Topics: []string{"competition"}, Products: []string{"cloud"}, Published: date(2026, 2, 1)},
			{ID: "k-resell-old", Title: "Resell Playbook 2024", Kind: enablement.AssetKindPlaybook,
				Level: enablement.SkillLevelFoundational, Motions: []partnerops.Motion{partnerops.MotionResell},
				PartnerTypes: []partnerops.PartnerType{partnerops.PartnerTypeReseller}, Published: date(2024, 1, 1),
				Retired: true, Successor: "k-resell"},
			{ID: "k-resell", Title: "Resell Playbook", Kind: enablement.AssetKindPlaybook,
				Level: enablement.SkillLevelFoundational, Motions: []partnerops.Motion{partnerops.MotionResell},
				PartnerTypes:   []partnerops.PartnerType{partnerops.PartnerTypeReseller},
				Certifications: []enablement.CertificationID{"resell-specialist"}, Published: pub},
			{ID: "k-resell-adv", Title: "Advanced Resell Deal Structuring", Kind: enablement.AssetKindPlaybook,
				Level: enablement.SkillLevelAdvanced, Motions: []partnerops.Motion{partnerops.MotionResell},
				PartnerTypes: []partnerops.PartnerType{partnerops.PartnerTypeReseller},
				Regions:      []partnerops.Region{"emea"}, Languages: []string{"de"}, Published: pub},
			{ID: "r-portal", Title: "Deal Registration How-To", Kind: enablement.AssetKindPortalResource,
				Level: enablement.SkillLevelFoundational, Topics: []string{"deal registration"}, Published: pub},
		},
		Certifications: []enablement.Certification{
			{ID: "sales-fundamentals", Name: "Sales Fundamentals", Kind: enablement.CertificationKindFundamentals,
				Courses: []enablement.AssetID{"c-sales-101"}},
			{ID: "cloud-sales-pro", Name: "Cloud Sales Professional", Kind: enablement.CertificationKindRoleBased,
				Roles: []enablement.Role{enablement.RoleSales}, Products: []string{"cloud"},
				Courses:       []enablement.AssetID{"c-sales-201"},
				Exams:         []enablement.Exam{{ID: "sales-exam", PassMark: partnerops.MustPercent("70")}},
				Prerequisites: []enablement.CertificationID{"sales-fundamentals"},
				Validity:      enablement.Years(1), RenewalWindow: enablement.Months(6), GracePeriod: enablement.Days(30)},
			{ID: "cloud-architect", Name: "Cloud Architect", Kind: enablement.CertificationKindRoleBased,
				Roles: []enablement.Role{enablement.RoleTechnical}, Products: []string{"cloud", "security"},
				Exams:    []enablement.Exam{{ID: "arch-exam", PassMark: partnerops.MustPercent("75")}},
				Validity: enablement.Years(2), RenewalWindow: enablement.Months(3), GracePeriod: enablement.Days(60), GraceCounts: true},
			{ID: "cosell-specialist", Name: "Co-Sell Specialist", Kind: enablement.CertificationKindSpecialization,
				Motions: []partnerops.Motion{partnerops.MotionCoSell}, Validity: enablement.Years(1), RenewalWindow: enablement.Months(6)},
			{ID: "resell-specialist", Name: "Resell Specialist", Kind: enablement.CertificationKindSpecialization,
				Motions: []partnerops.Motion{partnerops.MotionResell}, Validity: enablement.Years(1), RenewalWindow: enablement.Months(6)},
		},
		LearningPaths: []enablement.LearningPath{{
			ID: "sales-track", Title: "Cloud sales track",
			Modules: []enablement.Module{
				{ID: "m-onboard", Asset: "a-onboard"},
				{ID: "m-101", Asset: "c-sales-101", Prerequisites: []enablement.ModuleID{"m-onboard"}},
				{ID: "m-battle", Asset: "b-rival", Prerequisites: []enablement.ModuleID{"m-onboard"}, Optional: true},
				{ID: "m-201", Asset: "c-sales-201", Prerequisites: []enablement.ModuleID{"m-101"}},
				{ID: "m-prep", Asset: "p-sales-prep", Prerequisites: []enablement.ModuleID{"m-201"}},
			},
		}},
		Requirements: []enablement.Requirement{
			{ID: "silver-sales", Tier: "silver", Count: 1, Role: enablement.RoleSales,
				Certifications: []enablement.CertificationID{"cloud-sales-pro"}},
			{ID: "gold-sales", Tier: "gold", Count: 2, Role: enablement.RoleSales,
				Certifications: []enablement.CertificationID{"cloud-sales-pro"}},
			{ID: "gold-tech", Tier: "gold", Count: 1, Role: enablement.RoleTechnical,
				Certifications: []enablement.CertificationID{"cloud-architect"}},
			{ID: "gold-specialization", Tier: "gold", Count: 1, PerMotion: true,
				CertificationKind: enablement.CertificationKindSpecialization,
				Description:       "a specialization per motion"},
			{ID: "platinum-sales", Tier: "platinum", Count: 4, Role: enablement.RoleSales,
				Certifications: []enablement.CertificationID{"cloud-sales-pro"}},
		},
	}
}

// held returns an award of certification id on earned, renewed on the
// given dates.
func held(id enablement.CertificationID, earned time.Time, renewed ...time.Time) enablement.HeldCertification {
	return enablement.HeldCertification{Certification: id, Earned: earned, Renewed: renewed}
}

// acme is a silver reseller running resell and co-sell, with two sales
// people and one technical person.
func acme() (partnerops.Partner, []enablement.Person) {
	p := partnerops.Partner{ID: "acme", Name: "Acme IT", Type: partnerops.PartnerTypeReseller, Tier: "silver",
		Motions: []partnerops.Motion{partnerops.MotionResell, partnerops.MotionCoSell}, Regions: []partnerops.Region{"emea"}}
	people := []enablement.Person{
		{ID: "ana", Partner: "acme", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 3, 31)), held("resell-specialist", date(2025, 6, 1))}},
		{ID: "ben", Partner: "acme", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 8, 31))},
			Completed: []enablement.Completion{{Item: "c-sales-101", At: date(2025, 2, 1)}}},
		{ID: "cy", Partner: "acme", Role: enablement.RoleTechnical,
			Exams: []enablement.ExamResult{{Exam: "arch-exam", Score: partnerops.MustPercent("68"), At: date(2025, 11, 1)}}},
	}
	return p, people
}
