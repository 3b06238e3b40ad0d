package enablement_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func TestComplianceAcme(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	// A person of another partner is ignored.
	people = append(people, enablement.Person{ID: "zed", Partner: "other", Role: enablement.RoleTechnical,
		Certifications: []enablement.HeldCertification{held("cloud-architect", date(2025, 1, 1))}})
	got, err := e.Compliance(partner, people, date(2026, 1, 15))
	if err != nil {
		t.Fatal(err)
	}
	want := enablement.Compliance{
		Partner: "acme", Tier: "silver", At: date(2026, 1, 15), Met: true,
		// Ana counts until 2026-03-31, Ben until 2026-08-31: one is
		// needed, so silver holds until the later date.
		Requirements: []enablement.RequirementResult{{Requirement: "silver-sales", Tier: "silver",
			Description: "1 certified sales person (in cloud-sales-pro)", Required: 1, Have: 2, Met: true,
			People: []enablement.PersonID{"ana", "ben"}, FallsOutAt: date(2026, 8, 31),
			Renew: []enablement.PersonID{"ana", "ben"}}},
		FallsOutAt: date(2026, 8, 31),
		NextTier:   "gold",
		NextTierGaps: []enablement.RequirementResult{
			{Requirement: "gold-tech", Tier: "gold", Description: "1 certified technical person (in cloud-architect)",
				Required: 1, Gap: 1, People: []enablement.PersonID{},
				Certifications: []enablement.CertificationID{"cloud-architect"}, Assets: []enablement.AssetID{"p-arch-prep"}},
			// The co-sell guide is for GSIs and SIs only, so nothing in the
			// catalog prepares a reseller for the co-sell specialization.
			{Requirement: "gold-specialization", Tier: "gold", Motion: partnerops.MotionCoSell,
				Description: "a specialization per motion (co_sell)", Required: 1, Gap: 1, People: []enablement.PersonID{},
				Certifications: []enablement.CertificationID{"cosell-specialist"}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compliance (-want +got):\n%s", diff)
	}
}

func TestComplianceFallsOut(t *testing.T) {
	def := sampleDefinition()
	def.Requirements = append(def.Requirements, enablement.Requirement{ID: "gold-fundamentals", Tier: "gold", Count: 1,
		Certifications: []enablement.CertificationID{"sales-fundamentals"}})
	e := enablement.MustCompile(def)
	partner := partnerops.Partner{ID: "globex", Type: partnerops.PartnerTypeGSI, Tier: "gold",
		Motions: []partnerops.Motion{partnerops.MotionCoSell, partnerops.MotionCoSell}}
	sales := func(id enablement.PersonID, earned time.Time) enablement.Person {
		return enablement.Person{ID: id, Partner: "globex", Role: enablement.RoleSales,
			Certifications: []enablement.HeldCertification{held("cloud-sales-pro", earned)}}
	}
	people := []enablement.Person{
		// Three sales pros for two seats: the requirement holds until the
		// second-latest expiry, 2026-07-01.
		sales("s1", date(2025, 4, 1)), sales("s2", date(2025, 7, 1)), sales("s3", date(2025, 10, 1)),
		// The architect's grace counts: expiry 2026-05-31 + 60 days = 2026-07-30.
		{ID: "t1", Partner: "globex", Role: enablement.RoleTechnical, Certifications: []enablement.HeldCertification{
			held("cloud-architect", date(2024, 5, 31)), held("sales-fundamentals", date(2020, 1, 1))}},
		// The co-sell specialization expires 2026-06-15: first to fall.
		{ID: "s4", Partner: "globex", Role: enablement.RoleMarketing, Certifications: []enablement.HeldCertification{
			held("cosell-specialist", date(2025, 6, 15))}},
	}
	got, err := e.Compliance(partner, people, date(2026, 1, 15))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID       enablement.RequirementID
		Motion   partnerops.Motion
		Have     int
		FallsOut string
	}
	var rows []row
	for _, r := range got.Requirements {
		f := ""
		if !r.FallsOutAt.IsZero() {
			f = r.FallsOutAt.Format(time.DateOnly)
		}
		rows = append(rows, row{r.Requirement, r.Motion, r.Have, f})
	}
	want := []row{
		{"silver-sales", "", 3, "2026-10-01"},
		{"gold-sales", "", 3, "2026-07-01"},
		{"gold-tech", "", 1, "2026-07-30"},
		{"gold-specialization", partnerops.MotionCoSell, 1, "2026-06-15"}, // the duplicate motion counts once
		{"gold-fundamentals", "", 1, ""},                                  // never expires
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
	// Renewing s1 or s2 postpones the sales requirement; s3 already
	// counts beyond its fall-out date.
	if diff := cmp.Diff([]enablement.PersonID{"s1", "s2"}, got.Requirements[1].Renew); diff != "" {
		t.Errorf("gold-sales Renew (-want +got):\n%s", diff)
	}
	if got.Requirements[4].Renew != nil {
		t.Errorf("never-expiring requirement has Renew %v", got.Requirements[4].Renew)
	}
	if !got.Met || !got.FallsOutAt.Equal(date(2026, 6, 15)) {
		t.Errorf("Met %v FallsOutAt %v, want true 2026-06-15", got.Met, got.FallsOutAt)
	}
	// Once the specialization has expired, gold is not met and no
	// fall-out date is given.
	later, _ := e.Compliance(partner, people, date(2026, 6, 15))
	if later.Met || !later.FallsOutAt.IsZero() {
		t.Errorf("at 2026-06-15: Met %v FallsOutAt %v, want false and zero", later.Met, later.FallsOutAt)
	}
	// Platinum is the top: there is no next tier.
	if got.NextTier != "platinum" || got.NextTierMet {
		t.Errorf("NextTier %q met %v", got.NextTier, got.NextTierMet)
	}
	partner.Tier = "platinum"
	top, _ := e.Compliance(partner, people, date(2026, 1, 15))
	if top.NextTier != "" || top.NextTierMet || len(top.NextTierGaps) != 0 || top.Met {
		t.Errorf("platinum: NextTier %q met %v gaps %d Met %v", top.NextTier, top.NextTierMet, len(top.NextTierGaps), top.Met)
	}
}

func TestComplianceEdges(t *testing.T) {
	def := sampleDefinition()
	def.Requirements = append(def.Requirements, enablement.Requirement{ID: "gold-marketplace", Tier: "gold", Count: 1,
		Motion: partnerops.MotionMarketplace, CertificationKind: enablement.CertificationKindSpecialization})
	e := enablement.MustCompile(def)
	if _, err := e.Compliance(partnerops.Partner{ID: "x", Tier: "diamond"}, nil, date(2026, 1, 1)); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("unknown tier error = %v", err)
	}
	// No tier: nothing to meet; the next tier (registered) has no
	// requirements of its own.
	c, err := e.Compliance(partnerops.Partner{ID: "x"}, nil, date(2026, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Met || c.NextTier != "registered" || !c.NextTierMet || len(c.Requirements) != 0 {
		t.Errorf("untiered: %+v", c)
	}
	// The marketplace requirement applies only to partners that run the
	// marketplace motion.
	silver := partnerops.Partner{ID: "x", Tier: "silver", Motions: []partnerops.Motion{partnerops.MotionResell}}
	c, _ = e.Compliance(silver, nil, date(2026, 1, 1))
	var ids []enablement.RequirementID
	for _, g := range c.NextTierGaps {
		ids = append(ids, g.Requirement)
	}
	if diff := cmp.Diff([]enablement.RequirementID{"silver-sales", "gold-sales", "gold-tech", "gold-specialization"}, ids); diff != "" {
		t.Errorf("gaps for a resell partner (-want +got):\n%s", diff)
	}
	silver.Motions = append(silver.Motions, partnerops.MotionMarketplace)
	c, _ = e.Compliance(silver, nil, date(2026, 1, 1))
	if len(c.NextTierGaps) != 6 || c.NextTierGaps[5].Requirement != "gold-marketplace" {
		t.Errorf("gaps with marketplace: %+v", c.NextTierGaps)
	}
}

func TestComplianceRender(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	c, _ := e.Compliance(partner, people, date(2026, 1, 15))
	want := `### acme at 2026-01-15: meets silver until 2026-08-31 (as certifications expire)

| tier | requirement | have | status | falls out | renew |
|---|---|---|---|---|---|
| silver | 1 certified sales person (in cloud-sales-pro) | 2/1 | met | 2026-08-31 | ana, ben |

gaps to gold:

| tier | requirement | have | certifications | assets |
|---|---|---|---|---|
| gold | 1 certified technical person (in cloud-architect) | 0/1 | cloud-architect | p-arch-prep |
| gold | a specialization per motion (co_sell) | 0/1 | cosell-specialist | - |
`
	if diff := cmp.Diff(want, c.Markdown()); diff != "" {
		t.Errorf("Markdown (-want +got):\n%s", diff)
	}
}

func TestComplianceAll(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	p1, people := acme()
	p2 := partnerops.Partner{ID: "solo", Type: partnerops.PartnerTypeMSP, Tier: "registered"}
	at := date(2026, 1, 15)
	got, err := e.ComplianceAll([]partnerops.Partner{p2, p1}, people, at)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range []partnerops.Partner{p2, p1} {
		var mine []enablement.Person
		for _, x := range people {
			if x.Partner == p.ID {
				mine = append(mine, x)
			}
		}
		want, _ := e.Compliance(p, mine, at)
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("ComplianceAll[%d] (-Compliance +ComplianceAll):\n%s", i, diff)
		}
	}
	_, err = e.ComplianceAll([]partnerops.Partner{p1, {ID: "bad", Tier: "diamond"}}, people, at)
	if !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("ComplianceAll with an unknown tier error = %v", err)
	}
}
