package enablement_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func ExampleSpan_AddTo() {
	// Month arithmetic clamps to the month end instead of spilling over
	// (time.AddDate would give March 3 and March 1).
	fmt.Println(enablement.Months(1).AddTo(date(2026, 1, 31)).Format(time.DateOnly))
	fmt.Println(enablement.Years(1).AddTo(date(2024, 2, 29)).Format(time.DateOnly))
	fmt.Println(enablement.Months(6).SubFrom(date(2026, 8, 31)).Format(time.DateOnly))
	fmt.Println(enablement.MustSpan("P1Y6M").AddTo(date(2027, 8, 31)).Format(time.DateOnly))
	// Output:
	// 2026-02-28
	// 2025-02-28
	// 2026-02-28
	// 2029-02-28
}

func ExampleCompileCatalog() {
	_, err := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: []enablement.Asset{
		{ID: "a", Title: "Old playbook", Kind: enablement.AssetKindPlaybook, Level: enablement.SkillLevelFoundational,
			Published: date(2025, 1, 1), Retired: true, Successor: "b"},
		{ID: "b", Title: "New playbook", Kind: enablement.AssetKindPlaybook, Level: enablement.SkillLevelFoundational,
			Published: date(2025, 1, 1), Successor: "a"},
		{ID: "c", Title: "", Kind: "webinar", Published: date(2025, 1, 1), ReviewBy: date(2024, 1, 1)},
	}})
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	fmt.Println(errors.Is(err, partnerops.ErrInvalid))
	// Output:
	// assets[c].title: must not be empty
	// assets[c].kind: must be one of onboarding_kit, playbook, certification_prep, cosell_guide, battlecard, portal_resource, course (got "webinar")
	// assets[c].level: must be foundational, intermediate, advanced or expert
	// assets[c].review_by: must be after the publish date (got "2024-01-01T00:00:00Z")
	// assets[a].successor: successors form a cycle: a -> b -> a (got "b")
	// true
}

func ExampleCatalog_Search() {
	e := enablement.MustCompile(sampleDefinition())
	res, err := e.Catalog().Search(enablement.Query{
		Text:  "cloud",
		Roles: []enablement.Role{enablement.RoleSales},
		Limit: 3,
	}, date(2026, 1, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("total:", res.Total)
	for _, h := range res.Hits {
		fmt.Println(h.Score, h.ID, h.Stale)
	}
	for _, f := range res.Facets {
		if f.Facet == enablement.FacetKind {
			for _, v := range f.Values {
				if v.Count > 0 {
					fmt.Printf("%s=%d ", v.Value, v.Count)
				}
			}
		}
	}
	fmt.Println()
	// Output:
	// total: 4
	// 4 b-rival true
	// 4 c-sales-101 false
	// 4 c-sales-201 false
	// certification_prep=1 battlecard=1 course=2
}

func ExampleCatalog_Search_excludeStaleAndRetired() {
	e := enablement.MustCompile(sampleDefinition())
	q := enablement.Query{Kinds: []enablement.AssetKind{enablement.AssetKindPlaybook, enablement.AssetKindBattlecard}}
	at := date(2026, 3, 1)
	all, _ := e.Catalog().Search(q, at)
	fmt.Print(all.HitsText())
	q.ExcludeStale, q.ExcludeRetired = true, true
	current, _ := e.Catalog().Search(q, at)
	fmt.Print(current.HitsText())
	// Output:
	// 5 matching assets
	//   0    b-rival  Battlecard: Rival Cloud (battlecard, intermediate) [stale]
	//   0    b-rival-2  Battlecard: Rival Cloud (2026) (battlecard, intermediate)
	//   0    k-resell  Resell Playbook (playbook, foundational)
	//   0    k-resell-adv  Advanced Resell Deal Structuring (playbook, advanced)
	//   0    k-resell-old  Resell Playbook 2024 (playbook, foundational) [retired] -> k-resell
	// 3 matching assets
	//   0    b-rival-2  Battlecard: Rival Cloud (2026) (battlecard, intermediate)
	//   0    k-resell  Resell Playbook (playbook, foundational)
	//   0    k-resell-adv  Advanced Resell Deal Structuring (playbook, advanced)
}

func ExampleEngine_CertificationStatus() {
	e := enablement.MustCompile(sampleDefinition())
	// Earned on a leap day: one year later is Feb 28 (clamped), the
	// six-month renewal window opens on Aug 28, and grace runs 30 days.
	p := enablement.Person{ID: "dee", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
		held("cloud-sales-pro", date(2024, 2, 29)),
	}}
	for _, at := range []time.Time{date(2024, 8, 27), date(2024, 8, 28), date(2025, 2, 28), date(2025, 3, 30)} {
		s, _ := e.CertificationStatus(p, "cloud-sales-pro", at)
		fmt.Println(s)
	}
	// A renewal inside the window extends from the expiry date, not from
	// the renewal date.
	p.Certifications[0].Renewed = []time.Time{date(2024, 12, 1)}
	s, _ := e.CertificationStatus(p, "cloud-sales-pro", date(2025, 3, 30))
	fmt.Println(s)
	// Output:
	// cloud-sales-pro for dee at 2024-08-27: active (earned 2024-02-29, renewal opens 2024-08-28, expires 2025-02-28, grace ends 2025-03-30), counts until 2025-02-28
	// cloud-sales-pro for dee at 2024-08-28: expiring_soon (earned 2024-02-29, renewal opens 2024-08-28, expires 2025-02-28, grace ends 2025-03-30), counts until 2025-02-28
	// cloud-sales-pro for dee at 2025-02-28: in_grace (earned 2024-02-29, renewal opens 2024-08-28, expires 2025-02-28, grace ends 2025-03-30), does not count
	// cloud-sales-pro for dee at 2025-03-30: expired (earned 2024-02-29, renewal opens 2024-08-28, expires 2025-02-28, grace ends 2025-03-30), does not count
	// cloud-sales-pro for dee at 2025-03-30: active (earned 2024-02-29, renewal opens 2025-08-28, expires 2026-02-28, grace ends 2026-03-30, 1 renewal(s)), counts until 2026-02-28
}

func ExampleEngine_CertificationStatus_inProgress() {
	e := enablement.MustCompile(sampleDefinition())
	p := enablement.Person{ID: "eli", Role: enablement.RoleSales,
		Completed: []enablement.Completion{{Item: "c-sales-101", At: date(2025, 9, 1)}, {Item: "c-sales-201", At: date(2025, 10, 1)}},
		Exams:     []enablement.ExamResult{{Exam: "sales-exam", Score: partnerops.MustPercent("64"), At: date(2025, 10, 20)}},
	}
	s, _ := e.CertificationStatus(p, "cloud-sales-pro", date(2025, 11, 1))
	fmt.Println(s)
	for _, step := range s.Steps {
		fmt.Println(" ", step)
	}
	// A retake passes: the certification is derived as earned on the day
	// of the last requirement.
	p.Exams = append(p.Exams, enablement.ExamResult{Exam: "sales-exam", Score: partnerops.MustPercent("70"), At: date(2025, 11, 3)})
	s, _ = e.CertificationStatus(p, "cloud-sales-pro", date(2025, 11, 10))
	fmt.Println(s)
	// Output:
	// cloud-sales-pro for eli at 2025-11-01: in_progress (2 of 3 requirements met)
	//   course c-sales-201: done 2025-10-01
	//   exam sales-exam: not done (best score 64% against pass mark 70%)
	//   prerequisite sales-fundamentals: done 2025-09-01 (active)
	// cloud-sales-pro for eli at 2025-11-10: active (earned (derived) 2025-11-03, renewal opens 2026-05-03, expires 2026-11-03, grace ends 2026-12-03), counts until 2026-11-03
}

func ExampleCompileLearningPath() {
	_, err := enablement.CompileLearningPath(enablement.LearningPath{ID: "broken", Modules: []enablement.Module{
		{ID: "a", Prerequisites: []enablement.ModuleID{"c"}},
		{ID: "b", Prerequisites: []enablement.ModuleID{"a"}},
		{ID: "c", Prerequisites: []enablement.ModuleID{"b", "z"}},
	}})
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	p, _ := enablement.CompileLearningPath(enablement.LearningPath{ID: "ok", Modules: []enablement.Module{
		{ID: "advanced", Prerequisites: []enablement.ModuleID{"basics", "lab"}},
		{ID: "basics"},
		{ID: "lab", Prerequisites: []enablement.ModuleID{"basics"}},
	}})
	fmt.Println(p.Order())
	// Output:
	// modules[c].prerequisites[1]: names a missing module (got "z")
	// modules[a].prerequisites: prerequisites form a cycle: a -> c -> b -> a
	// [basics lab advanced]
}

func ExamplePath_Progress() {
	e := enablement.MustCompile(sampleDefinition())
	path, _ := e.Path("sales-track")
	p := enablement.Person{ID: "fay", Completed: []enablement.Completion{
		{Item: "a-onboard", At: date(2025, 5, 1)},
		{Item: "m-101", At: date(2025, 5, 8)},
	}}
	pp := path.Progress(p, date(2025, 6, 1))
	fmt.Println(pp)
	fmt.Println("blocked:", pp.Blocked)
	// Output:
	// sales-track: 2/4 required modules (50.0%), next: m-battle, m-201
	// blocked: [m-prep]
}

func ExampleEngine_Compliance() {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	c, _ := e.Compliance(partner, people, date(2026, 1, 15))
	fmt.Print(c.Text())
	// Output:
	// acme at 2026-01-15: meets silver until 2026-08-31 (as certifications expire)
	//
	// tier    requirement                                    have  status  falls out   renew
	// silver  1 certified sales person (in cloud-sales-pro)  2/1   met     2026-08-31  ana, ben
	//
	// gaps to gold:
	//
	// tier  requirement                                        have  certifications     assets
	// gold  1 certified technical person (in cloud-architect)  0/1   cloud-architect    p-arch-prep
	// gold  a specialization per motion (co_sell)              0/1   cosell-specialist  -
}

func ExampleEngine_Coverage() {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	globex := partnerops.Partner{ID: "globex", Type: partnerops.PartnerTypeGSI, Tier: "gold",
		Motions: []partnerops.Motion{partnerops.MotionCoSell}, Regions: []partnerops.Region{"amer"}}
	people = append(people,
		enablement.Person{ID: "gia", Partner: "globex", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 4, 15)), held("cosell-specialist", date(2025, 9, 1))}},
		enablement.Person{ID: "hal", Partner: "globex", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 10, 1))}},
		enablement.Person{ID: "ivy", Partner: "globex", Role: enablement.RoleTechnical, Certifications: []enablement.HeldCertification{
			held("cloud-architect", date(2024, 6, 1))}},
	)
	cov, err := e.Coverage([]partnerops.Partner{partner, globex}, people, date(2026, 1, 15), enablement.CoverageOptions{Horizon: enablement.Months(6)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(cov.Text())
	// Output:
	// coverage at 2026-01-15 (horizon P6M): 2 partners (100.0% certified), 6 people (83.3% certified)
	//
	// by tier
	// tier    partners certified  share   people certified  share
	// silver  1/1                 100.0%  2/3               66.7%
	// gold    1/1                 100.0%  3/3               100.0%
	//
	// by motion
	// motion   partners certified  share   people certified  share
	// co_sell  2/2                 100.0%  5/6               83.3%
	// resell   1/1                 100.0%  2/3               66.7%
	//
	// by region
	// region  partners certified  share   people certified  share
	// amer    1/1                 100.0%  3/3               100.0%
	// emea    1/1                 100.0%  2/3               66.7%
	//
	// by product
	// product   partners certified  share   people certified  share
	// cloud     2/2                 100.0%  5/6               83.3%
	// security  1/2                 50.0%   1/6               16.7%
	//
	// at risk within the horizon
	// partner  tier  requirement  have  falls out   renew
	// globex   gold  gold-sales   2/2   2026-04-15  gia
	//
	// content gaps (no current asset)
	// partner type  motion   level   partners
	// gsi           co_sell  expert  1
	// reseller      co_sell  expert  1
	// reseller      resell   expert  1
}

func ExampleEngine_Recommend() {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	// Both of Ana's certifications are in their renewal windows: the
	// assets that prepare for them come first.
	recs, _ := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: people[0], Colleagues: people, Limit: 3},
		date(2026, 1, 15))
	fmt.Print(enablement.FormatRecommendations(recs))
	// Output:
	// 1. k-resell  Resell Playbook (playbook, foundational), score 50
	//    - expiring_soon (+40): renew resell-specialist: expires 2026-06-01
	//    - next_level (+10): next skill level for resell: foundational
	// 2. c-sales-201  Cloud Sales Professional (course, intermediate), score 40
	//    - expiring_soon (+40): renew cloud-sales-pro: expires 2026-03-31
	// 3. p-sales-prep  Cloud Sales Pro Exam Prep (certification_prep, intermediate), score 40
	//    - expiring_soon (+40): renew cloud-sales-pro: expires 2026-03-31
}

// Example_gapToNextTier walks a partner's gap to gold and the assets that
// close it, then shows the gap closing once the technical person passes.
func Example_gapToNextTier() {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	at := date(2026, 1, 15)
	c, _ := e.Compliance(partner, people, at)
	for _, g := range c.NextTierGaps {
		fmt.Printf("%s: %s, %d short; certify in %v using %v\n", c.NextTier, g.Description, g.Gap, g.Certifications, g.Assets)
	}
	// Cy retakes the architect exam and passes; Ana earns the co-sell
	// specialization.
	people[2].Exams = append(people[2].Exams, enablement.ExamResult{Exam: "arch-exam", Score: partnerops.MustPercent("81"), At: date(2026, 1, 10)})
	people[0].Certifications = append(people[0].Certifications, held("cosell-specialist", date(2026, 1, 12)))
	c, _ = e.Compliance(partner, people, at)
	fmt.Println("ready for gold:", c.NextTierMet)
	// Output:
	// gold: 1 certified technical person (in cloud-architect), 1 short; certify in [cloud-architect] using [p-arch-prep]
	// gold: a specialization per motion (co_sell), 1 short; certify in [cosell-specialist] using []
	// ready for gold: true
}

func ExampleCompile() {
	def := sampleDefinition()
	// Two certifications that require each other, and a requirement for
	// a tier the ladder does not have.
	def.Certifications[0].Prerequisites = []enablement.CertificationID{"cloud-sales-pro"}
	def.Requirements[0].Tier = "diamond"
	_, err := enablement.Compile(def)
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// certifications[sales-fundamentals].prerequisites: prerequisites form a cycle: sales-fundamentals -> cloud-sales-pro -> sales-fundamentals
	// requirements[silver-sales].tier: must be a tier on the program's ladder (registered < silver < gold < platinum) (got "diamond")
}

func ExampleParseSpan() {
	for _, s := range []string{"P1Y", "P6M", "P2W", "P1Y6M", "6 months"} {
		sp, err := enablement.ParseSpan(s)
		if err != nil {
			fmt.Println(errors.Is(err, enablement.ErrUnknownValue))
			continue
		}
		fmt.Println(sp, sp.AddTo(date(2024, 2, 29)).Format(time.DateOnly))
	}
	// Output:
	// P1Y 2025-02-28
	// P6M 2024-08-29
	// P14D 2024-03-14
	// P1Y6M 2025-08-29
	// true
}

func ExampleEngine_ValidatePerson() {
	e := enablement.MustCompile(sampleDefinition())
	err := e.ValidatePerson(enablement.Person{ID: "kai", Role: enablement.RoleSales,
		Exams: []enablement.ExamResult{{Exam: "sales-exam", Score: partnerops.MustPercent("170"), At: date(2025, 5, 1)}}})
	fmt.Println(err)
	// Output:
	// enablement: checking person "kai": exams[0].score: must be between 0 and 100 (got "170%")
}

func ExampleEngine_ComplianceAll() {
	e := enablement.MustCompile(sampleDefinition())
	acmeCo, people := acme()
	initech := partnerops.Partner{ID: "initech", Type: partnerops.PartnerTypeMSP, Tier: "silver"}
	results, err := e.ComplianceAll([]partnerops.Partner{acmeCo, initech}, people, date(2026, 1, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range results {
		if c.Met {
			fmt.Printf("%s meets %s until %s; %d gaps to %s\n", c.Partner, c.Tier, c.FallsOutAt.Format(time.DateOnly), len(c.NextTierGaps), c.NextTier)
		} else {
			fmt.Printf("%s is below %s; %d gaps to %s\n", c.Partner, c.Tier, len(c.NextTierGaps), c.NextTier)
		}
	}
	// Output:
	// acme meets silver until 2026-08-31; 2 gaps to gold
	// initech is below silver; 3 gaps to gold
}
