package main

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// enablementGap shows a partner's standing against its tier's
// certification requirements, its gap to the next tier and the assets
// that close it.
func enablementGap(program partnerops.Program, acme partnerops.Partner) (enablement.Compliance, error) {
	section("Enablement: Acme's gap to the next tier")
	eng, err := enablement.Compile(enablement.Definition{
		Program: program,
		Assets: []enablement.Asset{{ID: "sales-pro-prep", Title: "Cloud Sales Pro Exam Prep",
			Kind: enablement.AssetKindCertificationPrep, Level: enablement.SkillLevelIntermediate,
			Roles: []enablement.Role{enablement.RoleSales}, Certifications: []enablement.CertificationID{"sales-pro"},
			Published: now.AddDate(-1, 0, 0)}},
		Certifications: []enablement.Certification{{ID: "sales-pro", Name: "Cloud Sales Pro",
			Kind: enablement.CertificationKindRoleBased, Validity: enablement.Years(1),
			RenewalWindow: enablement.Months(3), GracePeriod: enablement.Days(30)}},
		Requirements: []enablement.Requirement{
			{ID: "gold-sales", Tier: "gold", Count: 1, Role: enablement.RoleSales, Certifications: []enablement.CertificationID{"sales-pro"}},
			{ID: "platinum-sales", Tier: "platinum", Count: 2, Role: enablement.RoleSales, Certifications: []enablement.CertificationID{"sales-pro"}},
		},
	})
	if err != nil {
		return enablement.Compliance{}, err
	}
	people := []enablement.Person{
		{ID: "ana", Partner: acme.ID, Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			{Certification: "sales-pro", Earned: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)}}},
		{ID: "ben", Partner: acme.ID, Role: enablement.RoleSales},
	}
	comp, err := eng.Compliance(acme, people, now)
	if err != nil {
		return enablement.Compliance{}, err
	}
	fmt.Print(comp.Text())
	return comp, nil
}
