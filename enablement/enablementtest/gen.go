package enablementtest

import (
	"fmt"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// genStart is the first day generated dates fall on (they span 2024 to
// 2026).
var genStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func genDay(t *rapid.T, label string) time.Time {
	return genStart.AddDate(0, 0, rapid.IntRange(0, 3*365).Draw(t, label))
}

var genMotions = []partnerops.Motion{partnerops.MotionResell, partnerops.MotionCoSell, partnerops.MotionServices}

// Definition generates valid enablement programs on the ladder
// registered < silver < gold < platinum: 1 to 4 certifications (each a
// role-based certification or a specialization for one motion, lasting
// one or two years or for ever, with a renewal window and a grace period
// that may count), a prep asset for some, and 1 to 5 requirements on
// silver to platinum asking for 1 to 3 people of a role holding named
// certifications, or a certification kind, perhaps per motion. Every
// program drawn compiles (perhaps with warnings), and every partner
// [Partner] and [People] draw for it evaluates.
func Definition() *rapid.Generator[enablement.Definition] {
	return rapid.Custom(func(t *rapid.T) enablement.Definition {
		d := enablement.Definition{Program: partnerops.Program{Name: "generated",
			Tiers: partnerops.MustTierLadder("registered", "silver", "gold", "platinum")}}
		n := rapid.IntRange(1, 4).Draw(t, "certifications")
		for i := range n {
			c := enablement.Certification{ID: enablement.CertificationID(fmt.Sprintf("cert-%d", i+1)), Name: fmt.Sprintf("Certification %d", i+1),
				Kind: enablement.CertificationKindRoleBased}
			if rapid.IntRange(0, 2).Draw(t, "specialization") == 0 {
				c.Kind = enablement.CertificationKindSpecialization
				c.Motions = []partnerops.Motion{rapid.SampledFrom(genMotions).Draw(t, "motion")}
			} else {
				c.Roles = []enablement.Role{rapid.SampledFrom([]enablement.Role{enablement.RoleSales, enablement.RoleTechnical}).Draw(t, "role")}
			}
			switch rapid.IntRange(0, 2).Draw(t, "validity") {
			case 0:
			case 1:
				c.Validity, c.RenewalWindow = enablement.Years(1), enablement.Months(rapid.IntRange(1, 6).Draw(t, "window"))
			default:
				c.Validity, c.RenewalWindow = enablement.Years(2), enablement.Months(rapid.IntRange(1, 6).Draw(t, "window"))
			}
			if !c.Validity.IsZero() && rapid.Bool().Draw(t, "grace") {
				c.GracePeriod, c.GraceCounts = enablement.Days(rapid.IntRange(1, 60).Draw(t, "grace days")), rapid.Bool().Draw(t, "grace counts")
			}
			d.Certifications = append(d.Certifications, c)
			if rapid.Bool().Draw(t, "prep asset") {
				d.Assets = append(d.Assets, enablement.Asset{ID: enablement.AssetID(fmt.Sprintf("prep-%d", i+1)), Title: "Prep for " + c.Name,
					Kind: enablement.AssetKindCertificationPrep, Level: enablement.SkillLevelIntermediate,
					Certifications: []enablement.CertificationID{c.ID}, Published: genStart})
			}
		}
		for i := range rapid.IntRange(1, 5).Draw(t, "requirements") {
			r := enablement.Requirement{ID: enablement.RequirementID(fmt.Sprintf("req-%d", i+1)),
				Tier:  rapid.SampledFrom([]partnerops.Tier{"silver", "gold", "platinum"}).Draw(t, "tier"),
				Count: rapid.IntRange(1, 3).Draw(t, "count")}
			if rapid.IntRange(0, 3).Draw(t, "by kind") == 0 {
				r.CertificationKind = enablement.CertificationKindSpecialization
				r.PerMotion = rapid.Bool().Draw(t, "per motion")
			} else {
				r.Certifications = []enablement.CertificationID{d.Certifications[rapid.IntRange(0, n-1).Draw(t, "certification")].ID}
				if rapid.Bool().Draw(t, "role") {
					r.Role = rapid.SampledFrom([]enablement.Role{enablement.RoleSales, enablement.RoleTechnical}).Draw(t, "requirement role")
				}
			}
			d.Requirements = append(d.Requirements, r)
		}
		return d
	})
}

// Partner generates partners for e's program: an ID "p-N", a reseller of
// a tier on the ladder (or none), running 1 to 3 motions.
func Partner(e *enablement.Engine) *rapid.Generator[partnerops.Partner] {
	tiers := e.Program().Tiers.Tiers()
	return rapid.Custom(func(t *rapid.T) partnerops.Partner {
		p := partnerops.Partner{ID: partnerops.PartnerID(fmt.Sprintf("p-%d", rapid.IntRange(1, 99).Draw(t, "partner"))),
			Name: "Generated", Type: partnerops.PartnerTypeReseller}
		if rapid.IntRange(0, 5).Draw(t, "no tier") > 0 {
			p.Tier = rapid.SampledFrom(tiers).Draw(t, "tier")
		}
		p.Motions = rapid.SliceOfNDistinct(rapid.SampledFrom(genMotions), 1, len(genMotions), rapid.ID[partnerops.Motion]).Draw(t, "motions")
		return p
	})
}

// People generates 0 to 8 people ("ana-1", ...) of a partner for e's
// program: sales or technical, each holding some of its certifications,
// earned between 2024 and 2026, some renewed once or twice (those that
// expire). Every person drawn passes [enablement.Engine.ValidatePerson].
func People(e *enablement.Engine) *rapid.Generator[[]enablement.Person] {
	certs := e.Certifications()
	return rapid.Custom(func(t *rapid.T) []enablement.Person {
		var out []enablement.Person
		for i := range rapid.IntRange(0, 8).Draw(t, "people") {
			p := enablement.Person{ID: enablement.PersonID(fmt.Sprintf("person-%d", i+1)),
				Role: rapid.SampledFrom([]enablement.Role{enablement.RoleSales, enablement.RoleTechnical}).Draw(t, "role")}
			if len(certs) > 0 {
				for _, c := range rapid.SliceOfNDistinct(rapid.SampledFrom(certs), 0, len(certs), rapid.ID[enablement.CertificationID]).Draw(t, "held") {
					h := enablement.HeldCertification{Certification: c, Earned: genDay(t, "earned")}
					if def, err := e.Certification(c); err != nil || def.Validity.IsZero() {
						p.Certifications = append(p.Certifications, h) // renewals of a certification that never expires are refused
						continue
					}
					for range rapid.IntRange(0, 2).Draw(t, "renewals") {
						last := h.Earned
						if len(h.Renewed) > 0 {
							last = h.Renewed[len(h.Renewed)-1]
						}
						h.Renewed = append(h.Renewed, last.AddDate(0, 0, rapid.IntRange(1, 500).Draw(t, "renewed after")))
					}
					p.Certifications = append(p.Certifications, h)
				}
			}
			out = append(out, p)
		}
		return out
	})
}

// At generates instants in 2024 to 2026 (the start of a day, UTC).
func At() *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time { return genDay(t, "at") })
}
