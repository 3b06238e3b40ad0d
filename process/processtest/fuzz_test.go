package processtest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/processtest"
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
		file, err := processtest.Parse("f.json", data)
		if err != nil {
			return
		}
		roundTrip(t, file)
	})
}

func roundTrip(t interface {
	Helper()
	Fatalf(string, ...any)
}, file processtest.File) {
	t.Helper()
	enc, err := json.Marshal(file)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := processtest.Parse("f.json", enc)
	if err != nil {
		t.Fatalf("re-parse of %s: %v", enc, err)
	}
	// Empty and absent lists and maps are the same to the library's
	// definitions (which leave empty ones out of their JSON).
	if diff := cmp.Diff(file, again, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("re-parsed file differs (-first +again):\n%s", diff)
	}
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
		roundTrip(t, file)
		data, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		if fs := processtest.Check("gen.json", data, nil); len(fs) > 0 {
			t.Fatalf("generated scenario fails: %v\n%s", fs, data)
		}
	})
}
