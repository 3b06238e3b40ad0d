package enablement_test

import (
	"errors"
	"math"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// TestHostileNumbersAreRangeChecked: a percent built in Go from a decimal
// with an extreme exponent (which no decoder accepts) is refused where a
// definition takes it and ignored where a person's facts carry it, before
// anything compares it (a comparison would rescale it without bound).
func TestHostileNumbersAreRangeChecked(t *testing.T) {
	hostile := partnerops.NewPercent(partnerops.NewDecimal(1, math.MinInt32))
	def := sampleDefinition()
	def.Certifications[2].Exams[0].PassMark = hostile
	_, err := enablement.Compile(def)
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Fatalf("Compile accepted a hostile pass mark: %v", err)
	}
	e := enablement.MustCompile(sampleDefinition())
	p := enablement.Person{ID: "u", Role: enablement.RoleTechnical,
		Exams: []enablement.ExamResult{{Exam: "arch-exam", Score: hostile, At: date(2025, 1, 1)}}}
	s, err := e.CertificationStatus(p, "cloud-architect", date(2026, 1, 1))
	if err != nil || s.State != enablement.CertStateNotStarted {
		t.Errorf("status with a hostile score = %v, %v; want not started (the attempt ignored)", s.State, err)
	}
	if err := e.ValidatePerson(p); len(partnerops.ValidationErrors(err)) != 1 {
		t.Errorf("ValidatePerson = %v, want the score reported", err)
	}
	// Many hostile attempts (the indexed path) are ignored too.
	for range 20 {
		p.Exams = append(p.Exams, p.Exams[0])
	}
	if s, _ := e.CertificationStatus(p, "cloud-architect", date(2026, 1, 1)); s.State != enablement.CertStateNotStarted {
		t.Errorf("state %v with many hostile attempts", s.State)
	}
	if _, err := e.Recommend(enablement.RecommendRequest{Person: p, Limit: -1}, date(2026, 1, 1)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Recommend accepted a negative limit: %v", err)
	}
	if _, err := e.Coverage(nil, nil, date(2026, 1, 1), enablement.CoverageOptions{Horizon: enablement.Span{Days: -1}}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Coverage accepted a negative horizon: %v", err)
	}
}
