package performancetest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/performance/performancetest"
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
		file, err := performancetest.Parse("f.json", data)
		if err != nil {
			return
		}
		enc, err := json.Marshal(file)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := performancetest.Parse("f.json", enc)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", enc, err)
		}
		if diff := cmp.Diff(file, again); diff != "" {
			t.Fatalf("re-parsed file differs (-first +again):\n%s", diff)
		}
	})
}
