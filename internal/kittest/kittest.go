// Package kittest holds what the tests of the module's scenario test
// kits (opstest and the pillars' *test packages) share: the fuzz target
// over a kit's Parse, the re-encode round trip it checks, the checks of
// a malformed file's problems and of the doc's scenario, and fixture
// helpers. Only those tests import it: it is not part of the API. Its
// name ends in "test", so the module's rules treat it as a kit: no
// library package may import it, and it may import opstest.
package kittest

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/opstest"
)

// Parse is a kit's scenario file parser ([opstest.Parse] and its
// wrappers): name prefixes every problem's path.
type Parse[F any] func(name string, data []byte) (F, error)

// Fataler is what the checks need of a test: *testing.T and *rapid.T.
type Fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Fuzz runs the fuzz target every kit has: parse never panics, and every
// file it accepts re-encodes and re-parses to an equal file
// ([RoundTrip]). The seeds are the kit's scenario files,
// testdata/*.json and testdata/failing/*.json.
func Fuzz[F any](f *testing.F, parse Parse[F], opts ...cmp.Option) {
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
		file, err := parse("f.json", data)
		if err != nil {
			return
		}
		RoundTrip(t, file, parse, opts...)
	})
}

// RoundTrip fails t unless file encodes to JSON and parses back to an
// equal file (compared with cmp.Diff and opts: cmpopts.EquateEmpty where
// the kit's definitions leave empty lists out of their JSON).
func RoundTrip[F any](t Fataler, file F, parse Parse[F], opts ...cmp.Option) {
	t.Helper()
	enc, err := json.Marshal(file)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := parse("f.json", enc)
	if err != nil {
		t.Fatalf("re-parse of %s: %v", enc, err)
	}
	if diff := cmp.Diff(file, again, opts...); diff != "" {
		t.Fatalf("re-parsed file differs (-first +again):\n%s", diff)
	}
}

// ReadFile returns the file at path, failing t when it cannot be read.
func ReadFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Replace replaces each old with new once, failing t when old is
// missing, so that a changed fixture does not silently pass.
func Replace(t testing.TB, s string, oldNew ...string) string {
	t.Helper()
	for i := 0; i+1 < len(oldNew); i += 2 {
		if !strings.Contains(s, oldNew[i]) {
			t.Fatalf("fixture has no %q", oldNew[i])
		}
		s = strings.Replace(s, oldNew[i], oldNew[i+1], 1)
	}
	return s
}

// FirstLines keeps a failure message's mismatch lines: those before the
// side by side views (the first line indented by two spaces).
func FirstLines(msg string) string {
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		if strings.HasPrefix(l, "  ") {
			break
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// Ptr returns a pointer to v (expectations are pointers: nil is "not
// checked").
func Ptr[T any](v T) *T { return &v }

// FileProblems runs a kit's Check on the scenario file in (named
// testdata/x.json, with files holding what it names, or nil) and returns
// the problems with the file itself, a line each. When none are expected
// (wantNone), every case must pass: a case's failure fails t.
func FileProblems(t testing.TB, check func(name string, data []byte, fsys fs.FS) []opstest.Failure, in string, files fstest.MapFS, wantNone bool) []string {
	t.Helper()
	var fsys fs.FS // a nil MapFS would be a non-nil fs.FS
	if files != nil {
		fsys = files
	}
	var got []string
	for _, f := range check("testdata/x.json", []byte(in), fsys) {
		if f.CaseID != "" {
			if wantNone {
				t.Errorf("case %s failed: %s", f.CaseID, f.Message)
			}
			continue
		}
		got = append(got, strings.Split(f.Message, "\n")...)
	}
	return got
}

// DocScenario checks that the scenario a kit's doc.go shows under
// "# Scenario files" (its first indented block) is testdata/readme.json,
// which runs with the kit's other scenarios, and is at most 10 lines.
func DocScenario(t testing.TB) {
	t.Helper()
	doc := ReadFile(t, "doc.go")
	_, rest, _ := strings.Cut(doc, "# Scenario files")
	var lines []string
	for _, l := range strings.Split(rest, "\n") {
		if s, ok := strings.CutPrefix(l, "//\t"); ok {
			lines = append(lines, s)
		} else if len(lines) > 0 {
			break
		}
	}
	if got, want := strings.Join(lines, "\n")+"\n", ReadFile(t, "testdata/readme.json"); got != want {
		t.Errorf("the doc's scenario differs from testdata/readme.json:\n%s", opstest.SideBySide("doc.go", got, "readme.json", want))
	}
	if len(lines) > 10 {
		t.Errorf("the doc's scenario has %d lines, want at most 10", len(lines))
	}
}
