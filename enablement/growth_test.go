package enablement_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/internal/measure"
)

// maxGrowth bounds the CPU-time ratio between 8n and n inputs: 8 for
// linear work in theory, about 10 for n log n, 64 for quadratic. Caches
// and maps that outgrow them push linear work to 20 or so at these sizes;
// the bound still tells it from quadratic.
const maxGrowth = 32

// checkGrowth fails t when the function prepare(8n) returns takes more
// than maxGrowth times as long as prepare(n)'s ([measure.Linear]).
func checkGrowth(t *testing.T, n int, prepare func(n int) func()) {
	t.Helper()
	measure.Linear(t, t.Name(), n, prepare, maxGrowth)
}

// completions returns a person who completed items prefix0..prefix(n-1).
func completions(prefix string, n int) enablement.Person {
	p := enablement.Person{ID: "u", Role: enablement.RoleSales}
	for i := range n {
		p.Completed = append(p.Completed, enablement.Completion{Item: fmt.Sprintf("%s%d", prefix, i), At: date(2025, 1, 1)})
	}
	return p
}

// courseAssets returns n course assets c0..c(n-1).
func courseAssets(n int) []enablement.Asset {
	out := make([]enablement.Asset, n)
	for i := range out {
		out[i] = enablement.Asset{ID: enablement.AssetID(fmt.Sprintf("c%d", i)), Title: "Course", Kind: enablement.AssetKindCourse,
			Level: enablement.SkillLevelFoundational, Published: date(2024, 1, 1)}
	}
	return out
}

// Regression (issue 11): learning-path progress scanned every completion
// for every module.
func TestGrowthPathProgress(t *testing.T) {
	checkGrowth(t, 1000, func(n int) func() {
		lp := enablement.LearningPath{ID: "p"}
		for i := range n {
			m := enablement.Module{ID: enablement.ModuleID(fmt.Sprintf("m%d", i))}
			if i > 0 {
				m.Prerequisites = []enablement.ModuleID{enablement.ModuleID(fmt.Sprintf("m%d", i-1))}
			}
			lp.Modules = append(lp.Modules, m)
		}
		p, err := enablement.CompileLearningPath(lp)
		if err != nil {
			t.Fatal(err)
		}
		person := completions("m", n)
		return func() {
			if pp := p.Progress(person, date(2026, 1, 1)); !pp.Done {
				t.Fatal("path not done")
			}
		}
	})
}

// Regression (issue 11): certification course checks scanned every
// completion for every course.
func TestGrowthCertificationCourses(t *testing.T) {
	checkGrowth(t, 1000, func(n int) func() {
		cert := enablement.Certification{ID: "c", Name: "C", Kind: enablement.CertificationKindRoleBased}
		for i := range n {
			cert.Courses = append(cert.Courses, enablement.AssetID(fmt.Sprintf("c%d", i)))
		}
		e := enablement.MustCompile(enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")},
			Assets: courseAssets(n), Certifications: []enablement.Certification{cert}})
		person := completions("c", n)
		return func() {
			if s, _ := e.CertificationStatus(person, "c", date(2026, 1, 1)); s.State != enablement.CertStateActive {
				t.Fatalf("state %v", s.State)
			}
		}
	})
}

// Exams are checked against the attempts of that exam only.
func TestGrowthExams(t *testing.T) {
	checkGrowth(t, 1000, func(n int) func() {
		cert := enablement.Certification{ID: "c", Name: "C", Kind: enablement.CertificationKindRoleBased}
		person := enablement.Person{ID: "u", Role: enablement.RoleSales}
		for i := range n {
			id := enablement.ExamID(fmt.Sprintf("e%d", i))
			cert.Exams = append(cert.Exams, enablement.Exam{ID: id, PassMark: partnerops.MustPercent("70")})
			person.Exams = append(person.Exams, enablement.ExamResult{Exam: id, Score: partnerops.MustPercent("80"), At: date(2025, 1, 1)})
		}
		e := enablement.MustCompile(enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")},
			Certifications: []enablement.Certification{cert}})
		return func() {
			if s, _ := e.CertificationStatus(person, "c", date(2026, 1, 1)); s.State != enablement.CertStateActive {
				t.Fatalf("state %v", s.State)
			}
		}
	})
}

// Every certification's status is computed from one index of the
// person's evidence; compliance counts it the same way.
func TestGrowthCertificationStatuses(t *testing.T) {
	checkGrowth(t, 500, func(n int) func() {
		def := enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")}, Assets: courseAssets(n),
			Requirements: []enablement.Requirement{{ID: "r", Tier: "t", Count: 1}}}
		for i := range n {
			def.Certifications = append(def.Certifications, enablement.Certification{ID: enablement.CertificationID(fmt.Sprintf("k%d", i)),
				Name: "K", Kind: enablement.CertificationKindFundamentals, Courses: []enablement.AssetID{enablement.AssetID(fmt.Sprintf("c%d", i))}})
		}
		e := enablement.MustCompile(def)
		person := completions("c", n)
		return func() {
			if got := len(e.CertificationStatuses(person, date(2026, 1, 1))); got != n {
				t.Fatalf("%d statuses", got)
			}
			if _, err := e.Compliance(partnerops.Partner{ID: "p", Tier: "t"}, []enablement.Person{person}, date(2026, 1, 1)); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// A person holding many awards of a lapsed certification: each award used
// to look for the latest among all of them.
func TestGrowthRepeatedAwards(t *testing.T) {
	checkGrowth(t, 2000, func(n int) func() {
		e := enablement.MustCompile(sampleDefinition())
		person := enablement.Person{ID: "u", Partner: "p", Role: enablement.RoleSales}
		for i := range n {
			person.Certifications = append(person.Certifications, held("cloud-sales-pro", date(2020, 1, 1).Add(time.Duration(i)*time.Second)))
		}
		partner := partnerops.Partner{ID: "p", Tier: "silver"}
		return func() {
			if c, _ := e.Compliance(partner, []enablement.Person{person}, date(2026, 1, 1)); c.Met {
				t.Fatal("met with lapsed awards")
			}
		}
	})
}

// Regression: each asset of a chain of retired assets followed the whole
// chain to resolve its successor.
func TestGrowthSuccessorChain(t *testing.T) {
	checkGrowth(t, 4000, func(n int) func() {
		assets := courseAssets(n)
		for i := range assets[:n-1] {
			assets[i].Retired = true
			assets[i].Successor = assets[i+1].ID
		}
		def := enablement.CatalogDefinition{Assets: assets}
		return func() {
			if _, err := enablement.CompileCatalog(def); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// Regression: a facet with many distinct values cost a full bitset per
// value (memory and counting quadratic in the catalog), and a selected
// value was looked up in the selection for every facet value.
func TestGrowthSearchManyValues(t *testing.T) {
	checkGrowth(t, 4000, func(n int) func() {
		assets := courseAssets(n)
		var topics []string
		for i := range assets {
			assets[i].Topics = []string{fmt.Sprintf("topic-%d", i)}
			topics = append(topics, assets[i].Topics[0])
		}
		c, err := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: assets})
		if err != nil {
			t.Fatal(err)
		}
		q := enablement.Query{Topics: topics, Limit: 10}
		return func() {
			if res, _ := c.Search(q, date(2026, 1, 1)); res.Total != n {
				t.Fatalf("total %d", res.Total)
			}
		}
	})
}

// Regression: a partner's motions and regions were deduplicated pairwise.
func TestGrowthCoverageDuplicateTags(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	checkGrowth(t, 4000, func(n int) func() {
		p := partnerops.Partner{ID: "p", Type: partnerops.PartnerTypeReseller, Tier: "gold"}
		for i := range n {
			p.Motions = append(p.Motions, partnerops.Motions()[i%len(partnerops.Motions())])
			p.Regions = append(p.Regions, partnerops.Region(fmt.Sprintf("r%d", i%3)))
		}
		partners := []partnerops.Partner{p}
		return func() { _, _ = e.Coverage(partners, nil, date(2026, 1, 1), enablement.CoverageOptions{}) }
	})
}

// Coverage is linear in partners and people.
func TestGrowthCoverage(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	checkGrowth(t, 1000, func(n int) func() {
		partners, people := genPartnerBase(n/10+1, n, 4)
		return func() { _, _ = e.Coverage(partners, people, date(2026, 1, 1), enablement.CoverageOptions{}) }
	})
}

// Regression: the next modules of a learning path were matched against
// every module to find their assets.
func TestGrowthRecommendLearningPath(t *testing.T) {
	checkGrowth(t, 1000, func(n int) func() {
		def := enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")}, Assets: courseAssets(n + 1)}
		lp := enablement.LearningPath{ID: "p", Modules: []enablement.Module{{ID: "root", Asset: "c0"}}}
		for i := 1; i <= n; i++ {
			lp.Modules = append(lp.Modules, enablement.Module{ID: enablement.ModuleID(fmt.Sprintf("m%d", i)),
				Asset: enablement.AssetID(fmt.Sprintf("c%d", i)), Prerequisites: []enablement.ModuleID{"root"}})
		}
		def.LearningPaths = []enablement.LearningPath{lp}
		e := enablement.MustCompile(def)
		person := enablement.Person{ID: "u", Role: enablement.RoleSales, Completed: []enablement.Completion{{Item: "root", At: date(2025, 1, 1)}}}
		req := enablement.RecommendRequest{Partner: partnerops.Partner{ID: "p", Type: partnerops.PartnerTypeReseller}, Person: person, Limit: 5}
		return func() {
			if recs, _ := e.Recommend(req, date(2026, 1, 1)); len(recs) != 5 {
				t.Fatalf("%d recommendations", len(recs))
			}
		}
	})
}

// Compiling is linear in the definition: n certifications in a
// prerequisite chain, n requirements, a path of n modules.
func TestGrowthCompile(t *testing.T) {
	checkGrowth(t, 500, func(n int) func() {
		def := enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")}, Assets: courseAssets(n)}
		lp := enablement.LearningPath{ID: "p"}
		for i := range n {
			c := enablement.Certification{ID: enablement.CertificationID(fmt.Sprintf("k%d", i)), Name: "K",
				Kind: enablement.CertificationKindRoleBased, Courses: []enablement.AssetID{enablement.AssetID(fmt.Sprintf("c%d", i))},
				Validity: enablement.Months(12 + i%400), RenewalWindow: enablement.Days(30 + i%50)}
			m := enablement.Module{ID: enablement.ModuleID(fmt.Sprintf("m%d", i)), Asset: c.Courses[0]}
			if i > 0 {
				c.Prerequisites = []enablement.CertificationID{enablement.CertificationID(fmt.Sprintf("k%d", i-1))}
				m.Prerequisites = []enablement.ModuleID{enablement.ModuleID(fmt.Sprintf("m%d", i-1))}
			}
			def.Certifications = append(def.Certifications, c)
			lp.Modules = append(lp.Modules, m)
			def.Requirements = append(def.Requirements, enablement.Requirement{ID: enablement.RequirementID(fmt.Sprintf("r%d", i)),
				Tier: "t", Count: 1, Certifications: []enablement.CertificationID{c.ID}})
		}
		def.LearningPaths = []enablement.LearningPath{lp}
		return func() {
			if _, err := enablement.Compile(def); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// Every renderer is linear in what it renders.
func TestGrowthRenderers(t *testing.T) {
	t.Run("Compliance", func(t *testing.T) {
		checkGrowth(t, 2000, func(n int) func() {
			c := enablement.Compliance{Partner: "p", Tier: "t", NextTier: "u", At: date(2026, 1, 1)}
			for i := range n {
				r := enablement.RequirementResult{Requirement: enablement.RequirementID(fmt.Sprint(i)), Tier: "t", Description: "x|y",
					Required: 2, Have: 1, Gap: 1, People: []enablement.PersonID{"a", "b"}, Certifications: []enablement.CertificationID{"k"}}
				c.Requirements = append(c.Requirements, r)
				c.NextTierGaps = append(c.NextTierGaps, r)
			}
			return func() { _ = c.Text() + c.Markdown() }
		})
	})
	t.Run("Coverage", func(t *testing.T) {
		checkGrowth(t, 2000, func(n int) func() {
			cov := enablement.Coverage{At: date(2026, 1, 1), Horizon: enablement.Days(90)}
			for i := range n {
				cov.ByRegion = append(cov.ByRegion, enablement.CoverageRow{Key: fmt.Sprint(i), Partners: 3, CertifiedPartners: 1,
					PartnerShare: partnerops.MustPercent("33.3"), PeopleShare: partnerops.MustPercent("0")})
				cov.AtRisk = append(cov.AtRisk, enablement.PartnerRisk{Partner: partnerops.PartnerID(fmt.Sprint(i)), Tier: "t",
					Requirement: "r", Have: 1, Required: 1, FallsOutAt: date(2026, 2, 1), Renew: []enablement.PersonID{"a"}})
				cov.ContentGaps = append(cov.ContentGaps, enablement.ContentGap{PartnerType: "reseller", Motion: "resell",
					Level: enablement.SkillLevelExpert, Partners: i})
			}
			return func() { _ = cov.Text() + cov.Markdown() }
		})
	})
	t.Run("Results", func(t *testing.T) {
		checkGrowth(t, 2000, func(n int) func() {
			var r enablement.Results
			for i := range n {
				r.Hits = append(r.Hits, enablement.Hit{ID: enablement.AssetID(fmt.Sprint(i)), Title: "T", Kind: enablement.AssetKindCourse,
					Level: enablement.SkillLevelAdvanced, Score: 3, Retired: true, Successor: "s"})
			}
			r.Facets = []enablement.FacetCounts{{Facet: enablement.FacetTopic}}
			for i := range n {
				r.Facets[0].Values = append(r.Facets[0].Values, enablement.FacetValue{Value: fmt.Sprint(i), Count: i})
			}
			return func() { _ = r.Text() }
		})
	})
	t.Run("Recommendations", func(t *testing.T) {
		checkGrowth(t, 2000, func(n int) func() {
			recs := make([]enablement.Recommendation, n)
			for i := range recs {
				recs[i] = enablement.Recommendation{Asset: enablement.AssetID(fmt.Sprint(i)), Title: "T", Kind: enablement.AssetKindCourse,
					Level: enablement.SkillLevelAdvanced, Score: 10, Reasons: []enablement.Reason{{Code: enablement.ReasonNextLevel, Points: 10, Text: "why"}}}
			}
			return func() { _ = enablement.FormatRecommendations(recs) }
		})
	})
	t.Run("PathProgress", func(t *testing.T) {
		checkGrowth(t, 5000, func(n int) func() {
			pp := enablement.PathProgress{Path: "p", Percent: partnerops.MustPercent("10")}
			for i := range n {
				pp.Next = append(pp.Next, enablement.ModuleID(fmt.Sprint(i)))
			}
			return func() { _ = pp.String() }
		})
	})
}

// Regression (issue 11): a cycle through a long learning path listed
// every module in its error (10.9 MB for a million modules). It is
// reported by its length and first ten modules now.
func TestLongCycleErrorIsCapped(t *testing.T) {
	const n = 200000
	lp := enablement.LearningPath{ID: "long"}
	for i := range n {
		lp.Modules = append(lp.Modules, enablement.Module{ID: enablement.ModuleID(fmt.Sprintf("m%d", i)),
			Prerequisites: []enablement.ModuleID{enablement.ModuleID(fmt.Sprintf("m%d", (i+1)%n))}})
	}
	_, err := enablement.CompileLearningPath(lp)
	if err == nil {
		t.Fatal("a cycle compiled")
	}
	want := "enablement: compiling learning path: modules[m0].prerequisites: prerequisites form a cycle of 200000 modules: " +
		"m0 -> m1 -> m2 -> m3 -> m4 -> m5 -> m6 -> m7 -> m8 -> m9 -> ... -> m0 (the first 10 listed)"
	if got := err.Error(); got != want {
		t.Errorf("error (%d bytes) = %.300q, want %q", len(got), got, want)
	}
	if !strings.Contains(err.Error(), "200000") {
		t.Error("the error does not say how long the cycle is")
	}
}

// A person with many completions against many certifications: the
// evidence is indexed once per recommendation, not once per certification.
func TestGrowthRecommendManyCertifications(t *testing.T) {
	checkGrowth(t, 300, func(n int) func() {
		def := enablement.Definition{Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")}, Assets: courseAssets(n)}
		for i := range n {
			def.Certifications = append(def.Certifications, enablement.Certification{ID: enablement.CertificationID(fmt.Sprintf("k%d", i)),
				Name: "K", Kind: enablement.CertificationKindRoleBased, Courses: []enablement.AssetID{enablement.AssetID(fmt.Sprintf("c%d", i))},
				Validity: enablement.Years(1), RenewalWindow: enablement.Months(6)})
		}
		e := enablement.MustCompile(def)
		person := completions("c", n)
		req := enablement.RecommendRequest{Partner: partnerops.Partner{ID: "p", Type: partnerops.PartnerTypeReseller}, Person: person}
		return func() {
			if _, err := e.Recommend(req, date(2025, 10, 1)); err != nil {
				t.Fatal(err)
			}
		}
	})
}
