package enablement_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func TestWarnings(t *testing.T) {
	if w := enablement.MustCompile(sampleDefinition()).Warnings(); len(w) != 0 {
		t.Errorf("sample definition warnings = %v, want none", w)
	}
	def := sampleDefinition()
	// A pass mark written as a fraction, and one every attempt passes.
	def.Certifications[1].Exams = []enablement.Exam{{ID: "sales-exam", PassMark: partnerops.MustPercent("0.7")}}
	def.Certifications[2].Exams[0].PassMark = partnerops.MustPercent("0")
	// A window and grace period that outlast the validity.
	def.Certifications[3].RenewalWindow, def.Certifications[3].GracePeriod = enablement.Months(7), enablement.Months(6)
	// A retired course, whose successor is retired too.
	def.Assets[1].Retired, def.Assets[1].Successor = true, "x-old"
	def.Assets = append(def.Assets, enablement.Asset{ID: "x-old", Title: "Old course", Kind: enablement.AssetKindCourse,
		Level: enablement.SkillLevelAdvanced, Published: date(2024, 1, 1), Retired: true})
	// A successor that is never shown.
	def.Assets[0].Successor = "r-portal"
	// A prep asset that prepares for nothing.
	def.Assets = append(def.Assets, enablement.Asset{ID: "p-orphan", Title: "Orphan prep", Kind: enablement.AssetKindCertificationPrep,
		Level: enablement.SkillLevelAdvanced, Published: date(2025, 1, 1)})
	// A requirement no certification satisfies.
	def.Requirements = append(def.Requirements, enablement.Requirement{ID: "gold-marketplace", Tier: "gold", Count: 1,
		Motion: partnerops.MotionMarketplace, CertificationKind: enablement.CertificationKindSpecialization})
	// An optional module a required one depends on; a path of optional modules.
	def.LearningPaths[0].Modules[3].Prerequisites = []enablement.ModuleID{"m-battle"}
	def.LearningPaths = append(def.LearningPaths, enablement.LearningPath{ID: "extras", Title: "Extras",
		Modules: []enablement.Module{{ID: "x", Optional: true}}})
	e, err := enablement.Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	want := []partnerops.Warning{
		{Path: "assets[a-onboard].successor", Rule: "a successor is shown only for a retired or stale asset, and this one is neither retired nor has a review_by date", Value: "r-portal"},
		{Path: "assets[c-sales-101].successor", Rule: `every asset down the successor chain is retired (it ends at "x-old"): hits point to a retired asset`, Value: "x-old"},
		{Path: "certifications[cloud-sales-pro].exams[sales-exam].pass_mark", Rule: `a pass mark below 1%: percents are in percent units ("0.7" is 0.7%; write "70" for 70%)`, Value: "0.7%"},
		{Path: "certifications[cloud-architect].exams[arch-exam].pass_mark", Rule: "a pass mark of 0: every attempt passes", Value: "0%"},
		{Path: "certifications[cosell-specialist].renewal_window", Rule: "the renewal window (P7M) and the grace period (P6M) together outlast the validity (P1Y): each window opens only when the previous grace period ends", Value: "P7M"},
		{Path: "certifications[sales-fundamentals].courses[0]", Rule: `the course is retired: nobody can take it now (its successor is "x-old")`, Value: "c-sales-101"},
		{Path: "learning_paths[sales-track].modules[m-battle].optional", Rule: `optional, but required module "m-201" depends on it: it is required in effect`},
		{Path: "learning_paths[extras].modules", Rule: "every module is optional: progress is always 100%"},
		{Path: "requirements[gold-marketplace]", Rule: "no certification satisfies this requirement: its tier can never be met"},
		{Path: "assets[p-orphan].certifications", Rule: "a certification_prep asset that prepares for no certification (list them, or make it a course of one)"},
	}
	if diff := cmp.Diff(want, e.Warnings()); diff != "" {
		t.Errorf("Warnings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:2], e.Catalog().Warnings()); diff != "" {
		t.Errorf("Catalog().Warnings (-want +got):\n%s", diff)
	}
	p, _ := e.Path("extras")
	if diff := cmp.Diff(want[7:8], p.Warnings()); diff != "" {
		t.Errorf("Path.Warnings (-want +got):\n%s", diff)
	}
}
