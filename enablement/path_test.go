package enablement_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func mod(id enablement.ModuleID, prereqs ...enablement.ModuleID) enablement.Module {
	return enablement.Module{ID: id, Prerequisites: prereqs}
}

func TestCompileLearningPathErrors(t *testing.T) {
	tests := []struct {
		name string
		def  enablement.LearningPath
		want []problem
	}{
		{"empty", enablement.LearningPath{}, []problem{{"id", "must not be empty", ""}, {"modules", "must have at least one module", ""}}},
		{"duplicate and empty module ids", enablement.LearningPath{ID: "p", Modules: []enablement.Module{mod("a"), mod("a"), mod("")}},
			[]problem{{"modules[a].id", "duplicate ID: modules 0 and 1 (counting from 0) share it", "a"}, {"modules[2].id", "must not be empty", ""}}},
		{"missing and self prerequisites", enablement.LearningPath{ID: "p", Modules: []enablement.Module{mod("a", "a", "ghost")}},
			[]problem{{"modules[a].prerequisites[0]", "a module cannot require itself", "a"},
				{"modules[a].prerequisites[1]", "names a missing module", "ghost"}}},
		{"two cycles, each named", enablement.LearningPath{ID: "p", Modules: []enablement.Module{
			mod("a", "b"), mod("b", "a"), mod("c", "d"), mod("d", "e"), mod("e", "c"), mod("f", "a")}},
			[]problem{{"modules[a].prerequisites", "prerequisites form a cycle: a -> b -> a", ""},
				{"modules[c].prerequisites", "prerequisites form a cycle: c -> d -> e -> c", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := enablement.CompileLearningPath(tt.def)
			if diff := cmp.Diff(tt.want, problems(err)); diff != "" {
				t.Errorf("CompileLearningPath problems (-want +got):\n%s", diff)
			}
			if p != nil || !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("CompileLearningPath = %v, %v; want nil and ErrInvalid", p, err)
			}
		})
	}
}

func TestPathProgress(t *testing.T) {
	// A diamond: intro -> (lab, theory) -> exam-prep; extra is optional.
	p, err := enablement.CompileLearningPath(enablement.LearningPath{ID: "diamond", Modules: []enablement.Module{
		mod("exam-prep", "lab", "theory"),
		mod("theory", "intro"),
		mod("lab", "intro"),
		mod("intro"),
		{ID: "extra", Prerequisites: []enablement.ModuleID{"intro"}, Optional: true, Asset: "a-extra"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]enablement.ModuleID{"intro", "theory", "lab", "exam-prep", "extra"}, p.Order()); diff != "" {
		t.Errorf("Order (-want +got):\n%s", diff)
	}
	done := func(items ...string) enablement.Person {
		var cs []enablement.Completion
		for _, it := range items {
			cs = append(cs, enablement.Completion{Item: it, At: date(2025, 5, 1)})
		}
		return enablement.Person{ID: "p", Completed: cs}
	}
	tests := []struct {
		name   string
		person enablement.Person
		at     time.Time
		want   enablement.PathProgress
	}{
		{"nothing done", done(), date(2025, 6, 1), enablement.PathProgress{
			Completed: []enablement.ModuleID{}, Next: []enablement.ModuleID{"intro"},
			Blocked: []enablement.ModuleID{"theory", "lab", "exam-prep", "extra"}, Required: 4,
			Percent: partnerops.MustPercent("0")}},
		{"intro and optional extra (by its asset): 1 of 4", done("intro", "a-extra"), date(2025, 6, 1), enablement.PathProgress{
			Completed: []enablement.ModuleID{"intro", "extra"}, Next: []enablement.ModuleID{"theory", "lab"},
			Blocked: []enablement.ModuleID{"exam-prep"}, Required: 4, RequiredDone: 1, Percent: partnerops.MustPercent("25")}},
		{"three of four required: 75 percent", done("intro", "theory", "lab"), date(2025, 6, 1), enablement.PathProgress{
			Completed: []enablement.ModuleID{"intro", "theory", "lab"}, Next: []enablement.ModuleID{"exam-prep", "extra"},
			Blocked: []enablement.ModuleID{}, Required: 4, RequiredDone: 3, Percent: partnerops.MustPercent("75")}},
		{"completed out of order still counts", done("exam-prep"), date(2025, 6, 1), enablement.PathProgress{
			Completed: []enablement.ModuleID{"exam-prep"}, Next: []enablement.ModuleID{"intro"},
			Blocked: []enablement.ModuleID{"theory", "lab", "extra"}, Required: 4, RequiredDone: 1, Percent: partnerops.MustPercent("25")}},
		{"all required done", done("intro", "theory", "lab", "exam-prep"), date(2025, 6, 1), enablement.PathProgress{
			Completed: []enablement.ModuleID{"intro", "theory", "lab", "exam-prep"}, Next: []enablement.ModuleID{"extra"},
			Blocked: []enablement.ModuleID{}, Required: 4, RequiredDone: 4, Percent: partnerops.MustPercent("100"), Done: true}},
		{"completions after the query time do not count", done("intro"), date(2025, 4, 30), enablement.PathProgress{
			Completed: []enablement.ModuleID{}, Next: []enablement.ModuleID{"intro"},
			Blocked: []enablement.ModuleID{"theory", "lab", "exam-prep", "extra"}, Required: 4,
			Percent: partnerops.MustPercent("0")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Path, tt.want.Person, tt.want.At = "diamond", "p", tt.at
			if diff := cmp.Diff(tt.want, p.Progress(tt.person, tt.at)); diff != "" {
				t.Errorf("Progress (-want +got):\n%s", diff)
			}
		})
	}
	// Thirds round half up to one place.
	three, _ := enablement.CompileLearningPath(enablement.LearningPath{ID: "t", Modules: []enablement.Module{mod("a"), mod("b"), mod("c")}})
	if got := three.Progress(done("a", "b"), date(2025, 6, 1)).Percent; !got.Equal(partnerops.MustPercent("66.7")) {
		t.Errorf("2 of 3 = %v, want 66.7%%", got)
	}
	if got := p.Definition(); got.ID != "diamond" || len(got.Modules) != 5 || p.ID() != "diamond" {
		t.Errorf("Definition() = %+v", got)
	}
}
