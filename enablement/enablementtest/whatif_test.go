package enablementtest_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/enablement/enablementtest"
	"github.com/partnerops/partnerops/opstest"
)

// Stricter gold requirements cost Fabrikam its tier; a shorter validity
// makes Contoso fall out earlier; a ladder without silver breaks the
// silver partners.
func TestWhatIfCounts(t *testing.T) {
	f, err := enablementtest.Load("testdata/northwind.json")
	if err != nil {
		t.Fatal(err)
	}
	after := *f.Definitions.Definition
	after.Requirements = slices.Clone(after.Requirements)
	after.Requirements[2].Count = 2 // gold-tech
	after.Certifications = slices.Clone(after.Certifications)
	after.Certifications[0].Validity = enablement.Months(11) // cloud-sales-pro
	rep, err := enablementtest.WhatIf(f.Definitions, enablementtest.Definitions{Definition: &after}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	const headline = "this change moves 3 of 6 partners: 1 loses its tier; 2 fall out earlier; 1 now below gold"
	if got := rep.Headline(); got != headline {
		t.Errorf("Headline() =\n%s\nwant\n%s\n%s", got, headline, rep.Text())
	}
	noSilver := *f.Definitions.Definition
	noSilver.Program.Tiers = partnerops.MustTierLadder("registered", "gold", "platinum")
	noSilver.Requirements = slices.DeleteFunc(slices.Clone(noSilver.Requirements), func(r enablement.Requirement) bool { return r.Tier == "silver" })
	rep, err = enablementtest.WhatIf(f.Definitions, enablementtest.Definitions{Definition: &noSilver}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Broken != 4 || rep.Fixed != 0 {
		t.Errorf("Broken %d, Fixed %d, want 4 and 0:\n%s", rep.Broken, rep.Fixed, rep.Text())
	}
	if _, err := enablementtest.WhatIf(enablementtest.Definitions{}, f.Definitions, f.Cases); err == nil {
		t.Error("WhatIf without a definition before: no error")
	}
}

// A report is data: it round-trips through JSON and renders the same.
func TestReportRoundTrips(t *testing.T) {
	f, err := enablementtest.Load("testdata/northwind.json")
	if err != nil {
		t.Fatal(err)
	}
	after := *f.Definitions.Definition
	after.Requirements = slices.Clone(after.Requirements)
	after.Requirements[0].Count = 2
	rep, err := enablementtest.WhatIf(f.Definitions, enablementtest.Definitions{Definition: &after}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changed) == 0 {
		t.Fatal("nothing changed")
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back enablementtest.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if rep.Text() != back.Text() || rep.Markdown() != back.Markdown() {
		t.Errorf("the decoded report renders differently")
	}
}

func ptr[T any](v T) *T { return &v }

// growthCase is a program with n silver and n gold requirements, and a
// partner with 10 people whose every requirement expectation is wrong.
// (Compliance itself costs requirements × people; the kit's part is
// linear in the requirements and expectations.)
func growthCase(t *testing.T, n int) (*enablement.Engine, enablementtest.Definitions, enablementtest.Case) {
	t.Helper()
	d := enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("registered", "silver", "gold")},
		Certifications: []enablement.Certification{{ID: "pro", Name: "Pro", Kind: enablement.CertificationKindRoleBased, Validity: enablement.Years(1), RenewalWindow: enablement.Months(3)}}}
	at := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	c := enablementtest.Case{ID: "acme", At: at, Given: enablementtest.Given{Partner: partnerops.Partner{ID: "acme", Type: partnerops.PartnerTypeReseller, Tier: "silver"}}}
	for i := range n {
		id := enablement.RequirementID(fmt.Sprint("req-", i))
		d.Requirements = append(d.Requirements, enablement.Requirement{ID: id, Tier: "silver", Count: 1 + i%3, Certifications: []enablement.CertificationID{"pro"}})
		d.Requirements = append(d.Requirements, enablement.Requirement{ID: id + "-gold", Tier: "gold", Count: 5 + i%3, Certifications: []enablement.CertificationID{"pro"}})
		c.Expect.Requirements = append(c.Expect.Requirements, enablementtest.RequirementExpect{Requirement: id, Have: ptr(-1)})
		c.Expect.Gaps = append(c.Expect.Gaps, enablementtest.RequirementExpect{Requirement: id + "-x", Gap: ptr(1)})
	}
	for i := range 10 {
		c.Given.People = append(c.Given.People, enablement.Person{ID: enablement.PersonID(fmt.Sprint("p-", i)), Role: enablement.RoleSales,
			Certifications: []enablement.HeldCertification{{Certification: "pro", Earned: at.AddDate(0, 0, -1-30*i)}}})
	}
	defs := enablementtest.Definitions{Definition: &d}
	e, err := enablementtest.Compile(opstest.Files{}, defs)
	if err != nil {
		t.Fatal(err)
	}
	return e, defs, c
}

// Checking a case, with its views and side-by-side failure, and comparing
// cases grow linearly with the requirements and the cases: 8×
// within 30× the time.
func TestGrowth(t *testing.T) {
	e1, _, c1 := growthCase(t, 20)
	e8, _, c8 := growthCase(t, 160)
	check := func(e *enablement.Engine, c enablementtest.Case) func() {
		return func() {
			if err := enablementtest.CheckCase(opstest.Files{}, e, c); err == nil {
				t.Fatal("the case passed")
			}
		}
	}
	r, slow := opstest.SlowGrowth(check(e1, c1), check(e8, c8), 30)
	t.Logf("CheckCase: %.1f×", r)
	if slow {
		t.Errorf("CheckCase: 8× the requirements took %.1f× the time", r)
	}
	_, d, c := growthCase(t, 5)
	cases := func(n int) []enablementtest.Case {
		out := make([]enablementtest.Case, n)
		for i := range out {
			out[i] = c
			out[i].ID = fmt.Sprint("p-", i)
			out[i].Given.People = c.Given.People[:i%5]
		}
		return out
	}
	after := *d.Definition
	after.Requirements = slices.Clone(after.Requirements)
	after.Requirements[0].Count = 3
	whatIf := func(cs []enablementtest.Case) func() {
		return func() {
			r, err := enablementtest.WhatIf(d, enablementtest.Definitions{Definition: &after}, cs)
			if err != nil {
				t.Fatal(err)
			}
			_ = r.Text() + r.Markdown()
		}
	}
	r, slow = opstest.SlowGrowth(whatIf(cases(100)), whatIf(cases(800)), 30)
	t.Logf("WhatIf: %.1f×", r)
	if slow {
		t.Errorf("WhatIf: 8× the cases took %.1f× the time", r)
	}
}
