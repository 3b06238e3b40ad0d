package pricingtest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/pricing/pricingtest"
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
		file, err := pricingtest.Parse("f.json", data)
		if err != nil {
			return
		}
		roundTrip(t, file)
	})
}

func roundTrip(t interface {
	Helper()
	Fatalf(string, ...any)
}, file pricingtest.File) {
	t.Helper()
	enc, err := json.Marshal(file)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := pricingtest.Parse("f.json", enc)
	if err != nil {
		t.Fatalf("re-parse of %s: %v", enc, err)
	}
	if diff := cmp.Diff(file, again); diff != "" {
		t.Fatalf("re-parsed file differs (-first +again):\n%s", diff)
	}
}

// Generated definitions and quotes, written as a scenario file, parse
// back to the same file.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := pricingtest.Generate().Draw(t, "definitions")
		file := pricingtest.File{Definitions: d}
		for _, id := range []string{"a", "b"} {
			file.Cases = append(file.Cases, opstest.Case[pricing.Quote, pricingtest.Expect]{
				ID: id, At: pricingtest.At().Draw(t, "at"), Given: pricingtest.Quote(d).Draw(t, "quote"),
			})
		}
		roundTrip(t, file)
	})
}
