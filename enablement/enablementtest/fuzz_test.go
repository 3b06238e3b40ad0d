package enablementtest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/enablement/enablementtest"
	"github.com/partnerops/partnerops/opstest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file (empty and absent lists alike).
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.json")
	more, _ := filepath.Glob("testdata/failing/*.json")
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := enablementtest.Parse("f.json", data)
		if err != nil {
			return
		}
		roundTrip(t, file)
	})
}

func roundTrip(t interface {
	Helper()
	Fatalf(string, ...any)
}, file enablementtest.File) {
	t.Helper()
	enc, err := json.Marshal(file)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := enablementtest.Parse("f.json", enc)
	if err != nil {
		t.Fatalf("re-parse of %s: %v", enc, err)
	}
	// Empty and absent lists and maps are the same to the library's
	// definitions (which leave empty ones out of their JSON).
	if diff := cmp.Diff(file, again, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("re-parsed file differs (-first +again):\n%s", diff)
	}
}

// Generated programs and partners, written as a scenario file, parse
// back to the same file, and the file passes when it expects what the
// program says.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := enablementtest.Definition().Draw(t, "program")
		e, err := enablement.Compile(def)
		if err != nil {
			t.Fatal(err)
		}
		c := enablementtest.Case{ID: "a", At: enablementtest.At().Draw(t, "at"),
			Given: enablementtest.Given{Partner: enablementtest.Partner(e).Draw(t, "partner"), People: enablementtest.People(e).Draw(t, "people")}}
		comp, err := e.Compliance(c.Given.Partner, c.Given.People, c.At)
		if err != nil {
			t.Fatal(err)
		}
		until := opstest.At(comp.FallsOutAt)
		c.Expect = enablementtest.Expect{Met: &comp.Met, FallsOutAt: &until, NextTier: &comp.NextTier, NextTierMet: &comp.NextTierMet,
			Gaps: []enablementtest.RequirementExpect{}}
		for _, g := range comp.NextTierGaps {
			c.Expect.Gaps = append(c.Expect.Gaps, enablementtest.RequirementExpect{Requirement: g.Requirement, Motion: g.Motion, Have: &g.Have, Gap: &g.Gap})
		}
		file := enablementtest.File{Definitions: enablementtest.Definitions{Definition: &def}, Cases: []enablementtest.Case{c}}
		roundTrip(t, file)
		data, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		if fs := enablementtest.Check("gen.json", data, nil); len(fs) > 0 {
			t.Fatalf("generated scenario fails: %v\n%s", fs, data)
		}
	})
}
