package payouttest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file.
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
		file, err := payouttest.Parse("f.json", data)
		if err != nil {
			return
		}
		roundTrip(t, file)
	})
}

func roundTrip(t interface {
	Helper()
	Fatalf(string, ...any)
}, file payouttest.File) {
	t.Helper()
	enc, err := json.Marshal(file)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := payouttest.Parse("f.json", enc)
	if err != nil {
		t.Fatalf("re-parse of %s: %v", enc, err)
	}
	if diff := cmp.Diff(file, again); diff != "" {
		t.Fatalf("re-parsed file differs (-first +again):\n%s", diff)
	}
}

// Generated plans and requests, written as a scenario file, parse back
// to the same file.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		plan := payouttest.Plan().Draw(t, "plan")
		e, err := payout.Compile(plan)
		if err != nil {
			t.Fatal(err)
		}
		req := payouttest.Request(e).Draw(t, "request")
		file := payouttest.File{Definitions: payouttest.Definitions{Plan: &plan}, Cases: []opstest.Case[payout.Request, payouttest.Expect]{{ID: "a", At: req.At, Given: req}}}
		roundTrip(t, file)
	})
}
