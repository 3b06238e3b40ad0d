package processtest_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/processtest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file (empty and absent lists alike).
func FuzzParse(f *testing.F) {
	kittest.Fuzz(f, processtest.Parse, cmpopts.EquateEmpty())
}

// Generated workflows and histories, written as a scenario file, parse
// back to the same file, and the file passes when it expects the state
// and version the history ends with.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := processtest.Definition().Draw(t, "workflow")
		w, err := process.Compile(def)
		if err != nil {
			t.Fatal(err)
		}
		c := processtest.History(w).Draw(t, "history")
		p, err := processtest.Play(w, c.ID, c.Given)
		if err != nil {
			t.Fatal(err)
		}
		c.Expect = processtest.Expect{State: &p.Instance.State, Version: &p.Instance.Version, Refused: []processtest.RefusalExpect{}}
		file := processtest.File{Definitions: processtest.Definitions{Workflow: &def}, Cases: []processtest.Case{c}}
		kittest.RoundTrip(t, file, processtest.Parse, cmpopts.EquateEmpty())
		data, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		if fs := processtest.Check("gen.json", data, nil); len(fs) > 0 {
			t.Fatalf("generated scenario fails: %v\n%s", fs, data)
		}
	})
}
