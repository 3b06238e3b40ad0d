package enablementtest_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/enablement/enablementtest"
	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file (empty and absent lists alike).
func FuzzParse(f *testing.F) {
	kittest.Fuzz(f, enablementtest.Parse, cmpopts.EquateEmpty())
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
		kittest.RoundTrip(t, file, enablementtest.Parse, cmpopts.EquateEmpty())
		data, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		if fs := enablementtest.Check("gen.json", data, nil); len(fs) > 0 {
			t.Fatalf("generated scenario fails: %v\n%s", fs, data)
		}
	})
}
