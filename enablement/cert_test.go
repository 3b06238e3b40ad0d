package enablement_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// statusDates is the part of a CertStatus the date tests compare.
type statusDates struct {
	State                                    string
	Earned, RenewalOpens, Expires, GraceEnds string
	Counts                                   bool
	CountsUntil                              string
	Renewals                                 int
}

func dates(s enablement.CertStatus) statusDates {
	d := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return statusDates{s.State.String(), d(s.Earned), d(s.RenewalOpens), d(s.Expires), d(s.GraceEnds), s.Counts, d(s.CountsUntil), s.Renewals}
}

func TestCertificationStatusDates(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	// cloud-sales-pro: valid P1Y, renewal window P6M, grace P30D (does not count).
	// Earned Aug 31 2025: expires Aug 31 2026, window opens Feb 28 2026
	// (Aug 31 - 6 months, clamped), grace ends Sep 30 2026.
	aug31 := func(renewed ...time.Time) enablement.Person {
		return enablement.Person{ID: "p", Certifications: []enablement.HeldCertification{held("cloud-sales-pro", date(2025, 8, 31), renewed...)}}
	}
	base := statusDates{Earned: "2025-08-31", RenewalOpens: "2026-02-28", Expires: "2026-08-31", GraceEnds: "2026-09-30", CountsUntil: "2026-08-31"}
	with := func(state string, counts bool) statusDates {
		s := base
		s.State, s.Counts = state, counts
		if !counts {
			s.CountsUntil = ""
		}
		return s
	}
	renewedOnce := statusDates{State: "active", Earned: "2025-08-31", RenewalOpens: "2027-02-28", Expires: "2027-08-31",
		GraceEnds: "2027-09-30", Counts: true, CountsUntil: "2027-08-31", Renewals: 1}
	tests := []struct {
		name   string
		person enablement.Person
		cert   enablement.CertificationID
		at     time.Time
		want   statusDates
	}{
		{"day before the window opens", aug31(), "cloud-sales-pro", date(2026, 2, 27), with("active", true)},
		{"window opens (clamped feb 28)", aug31(), "cloud-sales-pro", date(2026, 2, 28), with("expiring_soon", true)},
		{"last day before expiry", aug31(), "cloud-sales-pro", time.Date(2026, 8, 30, 23, 59, 59, 0, time.UTC), with("expiring_soon", true)},
		{"expiry day starts grace", aug31(), "cloud-sales-pro", date(2026, 8, 31), with("in_grace", false)},
		{"grace end day is expired", aug31(), "cloud-sales-pro", date(2026, 9, 30), with("expired", false)},
		{"renewal before the window is ignored", aug31(date(2026, 2, 27)), "cloud-sales-pro", date(2026, 9, 1), with("in_grace", false)},
		{"renewal on the day the window opens extends from expiry", aug31(date(2026, 2, 28)), "cloud-sales-pro", date(2026, 9, 1), renewedOnce},
		{"renewal in grace extends from expiry", aug31(date(2026, 9, 15)), "cloud-sales-pro", date(2026, 9, 20), renewedOnce},
		{"renewal after grace is ignored", aug31(date(2026, 10, 1)), "cloud-sales-pro", date(2026, 10, 2), with("expired", false)},
		{"renewal after the query time is not applied yet", aug31(date(2026, 3, 1)), "cloud-sales-pro", date(2026, 2, 28), with("expiring_soon", true)},
		{"two renewals; the second window opens on a leap day", aug31(date(2026, 3, 1), date(2027, 4, 1)), "cloud-sales-pro", date(2027, 5, 1),
			statusDates{State: "active", Earned: "2025-08-31", RenewalOpens: "2028-02-29", Expires: "2028-08-31",
				GraceEnds: "2028-09-30", Counts: true, CountsUntil: "2028-08-31", Renewals: 2}},
		{"award after the query time does not count", aug31(), "cloud-sales-pro", date(2025, 8, 30), statusDates{State: "not_started"}},
		{"the latest award wins", enablement.Person{ID: "p", Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 1, 10)), held("cloud-sales-pro", date(2023, 1, 10))}},
			"cloud-sales-pro", date(2025, 6, 1),
			statusDates{State: "active", Earned: "2025-01-10", RenewalOpens: "2025-07-10", Expires: "2026-01-10", GraceEnds: "2026-02-09",
				Counts: true, CountsUntil: "2026-01-10"}},
		// cloud-architect: P2Y, window P3M, grace P60D that counts.
		// Earned Jan 31 2024: expires Jan 31 2026, window opens Oct 31
		// 2025, grace ends Apr 1 2026 (Jan 31 + 60 days).
		{"grace that counts", enablement.Person{ID: "p", Certifications: []enablement.HeldCertification{held("cloud-architect", date(2024, 1, 31))}},
			"cloud-architect", date(2026, 3, 1),
			statusDates{State: "in_grace", Earned: "2024-01-31", RenewalOpens: "2025-10-31", Expires: "2026-01-31", GraceEnds: "2026-04-01",
				Counts: true, CountsUntil: "2026-04-01"}},
		{"never expires", enablement.Person{ID: "p", Certifications: []enablement.HeldCertification{held("sales-fundamentals", date(2020, 2, 29))}},
			"sales-fundamentals", date(2040, 1, 1), statusDates{State: "active", Earned: "2020-02-29", Counts: true}},
		{"derived from a completed course", enablement.Person{ID: "p", Completed: []enablement.Completion{{Item: "c-sales-101", At: date(2025, 3, 3)}}},
			"sales-fundamentals", date(2025, 3, 3), statusDates{State: "active", Earned: "2025-03-03", Counts: true}},
		{"completion after the query time does not count", enablement.Person{ID: "p", Completed: []enablement.Completion{{Item: "c-sales-101", At: date(2025, 3, 3)}}},
			"sales-fundamentals", date(2025, 3, 2), statusDates{State: "not_started"}},
		{"a failed exam attempt is in progress", enablement.Person{ID: "p",
			Exams: []enablement.ExamResult{{Exam: "arch-exam", Score: partnerops.MustPercent("74.99"), At: date(2025, 3, 4)}}},
			"cloud-architect", date(2025, 4, 1), statusDates{State: "in_progress"}},
		{"an attempt after the query time is not", enablement.Person{ID: "p",
			Exams: []enablement.ExamResult{{Exam: "arch-exam", Score: partnerops.MustPercent("80"), At: date(2025, 4, 2)}}},
			"cloud-architect", date(2025, 4, 1), statusDates{State: "not_started"}},
		{"passing exactly at the pass mark earns it", enablement.Person{ID: "p",
			Exams: []enablement.ExamResult{{Exam: "arch-exam", Score: partnerops.MustPercent("75"), At: date(2024, 2, 29)}}},
			"cloud-architect", date(2025, 4, 1), statusDates{State: "active", Earned: "2024-02-29", RenewalOpens: "2025-11-28",
				Expires: "2026-02-28", GraceEnds: "2026-04-29", Counts: true, CountsUntil: "2026-04-29"}},
		{"exam passed exactly at the pass mark, prerequisite missing", enablement.Person{ID: "p",
			Completed: []enablement.Completion{{Item: "c-sales-201", At: date(2025, 3, 3)}},
			Exams:     []enablement.ExamResult{{Exam: "sales-exam", Score: partnerops.MustPercent("70"), At: date(2025, 3, 4)}}},
			"cloud-sales-pro", date(2025, 4, 1), statusDates{State: "in_progress"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := e.CertificationStatus(tt.person, tt.cert, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, dates(s)); diff != "" {
				t.Errorf("CertificationStatus(%s, %s) (-want +got):\n%s", tt.cert, tt.at.Format(time.DateOnly), diff)
			}
		})
	}
}

func TestCertificationStatusSteps(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	p := enablement.Person{ID: "p",
		Completed: []enablement.Completion{{Item: "c-sales-201", At: date(2025, 3, 3)}, {Item: "c-sales-201", At: date(2025, 2, 1)}},
		Exams: []enablement.ExamResult{
			{Exam: "sales-exam", Score: partnerops.MustPercent("55"), At: date(2025, 3, 1)},
			{Exam: "sales-exam", Score: partnerops.MustPercent("69.5"), At: date(2025, 3, 8)},
		}}
	s, err := e.CertificationStatus(p, "cloud-sales-pro", date(2025, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := []enablement.Step{
		{Kind: enablement.StepCourse, ID: "c-sales-201", Done: true, At: date(2025, 2, 1)},
		{Kind: enablement.StepExam, ID: "sales-exam", Detail: "best score 69.5% against pass mark 70%"},
		{Kind: enablement.StepPrerequisite, ID: "sales-fundamentals", Detail: "not_started"},
	}
	if diff := cmp.Diff(want, s.Steps); diff != "" {
		t.Errorf("Steps (-want +got):\n%s", diff)
	}
	if s.Done != 1 || s.Total != 3 || s.State != enablement.CertStateInProgress {
		t.Errorf("Done/Total/State = %d/%d/%v", s.Done, s.Total, s.State)
	}
}

func TestCertificationStatusesAndLookups(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	_, people := acme()
	var got []string
	for _, s := range e.CertificationStatuses(people[1], date(2026, 1, 15)) {
		got = append(got, string(s.Certification)+" "+s.State.String())
	}
	if diff := cmp.Diff([]string{"cloud-sales-pro active", "sales-fundamentals active"}, got); diff != "" {
		t.Errorf("CertificationStatuses (-want +got):\n%s", diff)
	}
	if _, err := e.CertificationStatus(people[0], "nope", date(2026, 1, 1)); !errors.Is(err, enablement.ErrUnknownCertification) {
		t.Errorf("CertificationStatus(nope) error = %v", err)
	}
	if _, err := e.Certification("nope"); !errors.Is(err, enablement.ErrUnknownCertification) {
		t.Errorf("Certification(nope) error = %v", err)
	}
	c, err := e.Certification("cloud-sales-pro")
	if err != nil || c.Validity != enablement.Years(1) {
		t.Errorf("Certification = %+v, %v", c, err)
	}
	if diff := cmp.Diff([]enablement.CertificationID{"cloud-architect", "cloud-sales-pro", "cosell-specialist", "resell-specialist", "sales-fundamentals"},
		e.Certifications()); diff != "" {
		t.Errorf("Certifications (-want +got):\n%s", diff)
	}
}

func TestCompileErrors(t *testing.T) {
	def := sampleDefinition()
	def.Certifications = append(def.Certifications,
		enablement.Certification{ID: "cloud-sales-pro", Name: "dup", Kind: enablement.CertificationKindFundamentals},
		enablement.Certification{ID: "x", Kind: "gold-star", Roles: []enablement.Role{"ceo"}, Motions: []partnerops.Motion{"barter"},
			Courses:       []enablement.AssetID{"no-such-course"},
			Exams:         []enablement.Exam{{ID: "e", PassMark: partnerops.MustPercent("101")}, {ID: "e", PassMark: partnerops.MustPercent("50")}},
			Prerequisites: []enablement.CertificationID{"x", "ghost"}, RenewalWindow: enablement.Months(1), GraceCounts: true},
		enablement.Certification{ID: "y", Name: "Y", Kind: enablement.CertificationKindRoleBased, Prerequisites: []enablement.CertificationID{"z"}},
		enablement.Certification{ID: "z", Name: "Z", Kind: enablement.CertificationKindRoleBased, Prerequisites: []enablement.CertificationID{"y"}},
	)
	def.Assets[0].Certifications = []enablement.CertificationID{"phantom"}
	def.LearningPaths = append(def.LearningPaths, enablement.LearningPath{ID: "sales-track", Modules: []enablement.Module{{ID: "m", Asset: "nowhere"}}})
	def.Requirements = append(def.Requirements,
		enablement.Requirement{ID: "gold-sales", Tier: "diamond", Count: 0, Role: "ceo", CertificationKind: "gold-star",
			Certifications: []enablement.CertificationID{"ghost"}, Motion: "barter", PerMotion: true})
	_, err := enablement.Compile(def)
	want := []problem{
		{"certifications[cloud-sales-pro].id", "duplicate ID: certifications 1 and 5 (counting from 0) share it", "cloud-sales-pro"},
		{"certifications[x].name", "must not be empty", ""},
		{"certifications[x].kind", "must be fundamentals, role_based or specialization", "gold-star"},
		{"certifications[x].roles[0]", "must be sales, presales, technical or marketing", "ceo"},
		{"certifications[x].motions[0]", "must be a common motion or one the program declares", "barter"},
		{"certifications[x].exams[e].pass_mark", `must be a percent from 0 to 100 ("70" is 70%)`, "101%"},
		{"certifications[x].exams[e].id", "duplicate ID: exams 0 and 1 (counting from 0) share it", "e"},
		{"certifications[x].validity", "a renewal window or grace period needs a validity", ""},
		{"certifications[x].grace_counts", "needs a grace period", ""},
		{"certifications[x].courses[0]", "must name an asset in the catalog", "no-such-course"},
		{"certifications[x].prerequisites[0]", "a certification cannot require itself", "x"},
		{"certifications[x].prerequisites[1]", "must name a certification", "ghost"},
		{"certifications[y].prerequisites", "prerequisites form a cycle: y -> z -> y", ""},
		{"assets[a-onboard].certifications[0]", "must name a certification", "phantom"},
		{"learning_paths[sales-track].modules[m].asset", "must name an asset in the catalog", "nowhere"},
		{"learning_paths[sales-track].id", "duplicate ID: learning paths 0 and 1 (counting from 0) share it", "sales-track"},
		{"requirements[gold-sales].id", "duplicate ID: requirements 1 and 5 (counting from 0) share it", "gold-sales"},
		{"requirements[gold-sales].tier", "must be a tier on the program's ladder (registered < silver < gold < platinum)", "diamond"},
		{"requirements[gold-sales].count", "must be from 1 to 100000", "0"},
		{"requirements[gold-sales].role", "must be sales, presales, technical or marketing", "ceo"},
		{"requirements[gold-sales].certification_kind", "must be fundamentals, role_based or specialization", "gold-star"},
		{"requirements[gold-sales].motion", "must be a common motion or one the program declares", "barter"},
		{"requirements[gold-sales].per_motion", "cannot be combined with a motion", ""},
		{"requirements[gold-sales].certifications[0]", "must name a certification", "ghost"},
	}
	if diff := cmp.Diff(want, problems(err)); diff != "" {
		t.Errorf("Compile problems (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Compile error %v does not match ErrInvalid", err)
	}
}

func TestEngineAccessors(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	if diff := cmp.Diff([]enablement.PathID{"sales-track"}, e.Paths()); diff != "" {
		t.Errorf("Paths (-want +got):\n%s", diff)
	}
	if _, err := e.Path("nope"); !errors.Is(err, enablement.ErrUnknownPath) {
		t.Errorf("Path(nope) error = %v", err)
	}
	if e.Program().Name != "Cloud Partner Program" {
		t.Errorf("Program().Name = %q", e.Program().Name)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustCompile did not panic on an invalid definition")
		}
	}()
	enablement.MustCompile(enablement.Definition{Assets: []enablement.Asset{{}}})
}

// TestDeepPrerequisitesAreLinear builds certifications where each requires
// the two before it (a Fibonacci-shaped graph): without memoization the
// evaluation would take about 2^60 steps.
func TestDeepPrerequisitesAreLinear(t *testing.T) {
	var certs []enablement.Certification
	for i := 0; i < 60; i++ {
		c := enablement.Certification{ID: enablement.CertificationID(fmt.Sprintf("c%02d", i)), Name: "C",
			Kind: enablement.CertificationKindRoleBased, Exams: []enablement.Exam{{ID: "e", PassMark: partnerops.MustPercent("50")}}}
		for _, back := range []int{1, 2} {
			if i-back >= 0 {
				c.Prerequisites = append(c.Prerequisites, enablement.CertificationID(fmt.Sprintf("c%02d", i-back)))
			}
		}
		certs = append(certs, c)
	}
	e := enablement.MustCompile(enablement.Definition{Certifications: certs,
		Program:      partnerops.Program{Tiers: partnerops.MustTierLadder("t")},
		Requirements: []enablement.Requirement{{ID: "r", Tier: "t", Count: 1, Certifications: []enablement.CertificationID{"c59"}}}})
	p := enablement.Person{ID: "u", Role: enablement.RoleSales,
		Exams: []enablement.ExamResult{{Exam: "e", Score: partnerops.MustPercent("90"), At: date(2025, 1, 1)}}}
	s, err := e.CertificationStatus(p, "c59", date(2025, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	if s.State != enablement.CertStateActive || !s.Derived {
		t.Errorf("c59 = %v", s)
	}
	c, err := e.Compliance(partnerops.Partner{ID: "p", Tier: "t"}, []enablement.Person{p}, date(2025, 6, 1))
	if err != nil || !c.Met {
		t.Errorf("Compliance = %+v, %v", c, err)
	}
}
