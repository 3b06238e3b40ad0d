package enablement_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func TestDefinitionJSONRoundTrip(t *testing.T) {
	def := sampleDefinition()
	b, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"learning_paths"`, `"review_by":"2026-01-01T00:00:00Z"`, `"level":"intermediate"`,
		`"validity":"P1Y"`, `"renewal_window":"P6M"`, `"grace_period":"P30D"`, `"pass_mark":"70"`, `"per_motion":true`,
		`"certification_kind":"specialization"`, `"tiers":["registered","silver","gold","platinum"]`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	var back enablement.Definition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(def, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var bad enablement.Definition
	if err := json.Unmarshal([]byte(`{"assets":[{"level":"guru"}]}`), &bad); err == nil {
		t.Error("Unmarshal accepted an unknown level")
	}
}

// TestEngineConcurrentUse runs every entry point from several goroutines
// (meaningful under -race).
func TestEngineConcurrentUse(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	at := date(2026, 1, 15)
	var wg sync.WaitGroup
	results := make([]string, 4)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _ := e.Catalog().Search(enablement.Query{Text: "cloud", Motions: []partnerops.Motion{partnerops.MotionResell}}, at)
			c, _ := e.Compliance(partner, people, at)
			recs, _ := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: people[0], Colleagues: people}, at)
			cov, _ := e.Coverage([]partnerops.Partner{partner}, people, at, enablement.CoverageOptions{})
			s, _ := e.CertificationStatus(people[0], "cloud-sales-pro", at)
			results[g] = res.Text() + c.Text() + enablement.FormatRecommendations(recs) + cov.Text() + s.String()
		}()
	}
	wg.Wait()
	for g := 1; g < len(results); g++ {
		if results[g] != results[0] {
			t.Fatalf("goroutine %d got different output", g)
		}
	}
}

func TestValidatePerson(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	_, people := acme()
	for _, p := range people {
		if err := e.ValidatePerson(p); err != nil {
			t.Errorf("ValidatePerson(%s) = %v", p.ID, err)
		}
	}
	bad := enablement.Person{Role: "ceo",
		Completed: []enablement.Completion{{}},
		Exams:     []enablement.ExamResult{{Exam: "quiz", Score: partnerops.MustPercent("120"), At: date(2025, 1, 1)}},
		Certifications: []enablement.HeldCertification{{Certification: "ghost", Earned: date(2025, 5, 1),
			Renewed: []time.Time{date(2025, 4, 1)}}},
	}
	want := []problem{
		{"id", "must not be empty", ""},
		{"role", "must be sales, presales, technical or marketing", "ceo"},
		{"completed[0].item", "must not be empty", ""},
		{"completed[0].at", "must be set", ""},
		{"exams[0].exam", "must name an exam of a certification", "quiz"},
		{"exams[0].score", "must be between 0 and 100", "120%"},
		{"certifications[0].certification", "must name a certification", "ghost"},
		{"certifications[0].renewed[0]", "must be after the award and the previous renewal", "2025-04-01T00:00:00Z"},
	}
	if diff := cmp.Diff(want, problems(e.ValidatePerson(bad))); diff != "" {
		t.Errorf("ValidatePerson problems (-want +got):\n%s", diff)
	}
}

// TestAllocationBudgets pins the allocation budgets of the hot paths:
// a search allocates a fixed number of bitsets whatever the catalog, and
// coverage allocates nothing per person.
func TestAllocationBudgets(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation budgets are measured without -short")
	}
	e := enablement.MustCompile(sampleDefinition())
	q := enablement.Query{Text: "cloud", Kinds: []enablement.AssetKind{enablement.AssetKindCourse}, Roles: []enablement.Role{enablement.RoleSales}}
	at := date(2026, 1, 15)
	if n := testing.AllocsPerRun(20, func() { _, _ = e.Catalog().Search(q, at) }); n > 40 {
		t.Errorf("Search allocates %v times, budget 40", n)
	}
	small, smallPeople := genPartnerBase(200, 2000, 9)
	big, bigPeople := genPartnerBase(200, 20000, 9)
	nSmall := testing.AllocsPerRun(3, func() { _, _ = e.Coverage(small, smallPeople, at, enablement.CoverageOptions{}) })
	nBig := testing.AllocsPerRun(3, func() { _, _ = e.Coverage(big, bigPeople, at, enablement.CoverageOptions{}) })
	if nBig > nSmall+50 {
		t.Errorf("Coverage allocations grow with people: %v for 2,000, %v for 20,000", nSmall, nBig)
	}
}
