package fittest_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/strategy/fit"
	"github.com/partnerops/partnerops/strategy/fit/fittest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file (empty and absent lists alike).
func FuzzParse(f *testing.F) {
	kittest.Fuzz(f, fittest.Parse, cmpopts.EquateEmpty())
}

// Generated models and accounts, written as a scenario file, parse back
// to the same file, and the file passes when it expects what the model
// scores.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := fittest.Definition().Draw(t, "model")
		m, err := fit.Compile(def)
		if err != nil {
			t.Fatal(err)
		}
		g := fittest.Account(m).Draw(t, "account")
		c := fittest.Case{ID: "a", Given: g}
		e, err := fittest.BuildEntity(m, c)
		if err != nil {
			t.Fatal(err)
		}
		s, err := m.Score(&e)
		if err != nil {
			t.Fatal(err)
		}
		score, grade, cov := s.Decimal(), s.Grade, s.Coverage()
		c.Expect = fittest.Expect{Score: &score, Grade: &grade, Coverage: &cov, Disqualified: &s.Disqualified, LowCoverage: &s.LowCoverage}
		file := fittest.File{Definitions: fittest.Definitions{Model: &def}, Cases: []fittest.Case{c}}
		kittest.RoundTrip(t, file, fittest.Parse, cmpopts.EquateEmpty())
		data, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		if fs := fittest.Check("gen.json", data, nil); len(fs) > 0 {
			t.Fatalf("generated scenario fails: %v\n%s", fs, data)
		}
	})
}
