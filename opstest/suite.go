package opstest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
)

// Files gives a model's compile and check steps the files a scenario
// file names: definitions kept in their own files ("books_file":
// "books.json") and golden explanations ("waterfall":
// "golden/gold-50.txt"). Names are slash-separated and relative to the
// scenario file's folder, and stay inside it ([fs.ValidPath]: no "..",
// no leading slash).
//
// Under [Suite.Run] the files are the folder on disk and -update
// rewrites golden files; under [Suite.Check] they are the [fs.FS] the
// caller passes (a [testing/fstest.MapFS], or nil for none) and nothing
// is written.
type Files struct {
	fsys   fs.FS
	base   string // the scenario file's folder, as file names are shown
	dir    string // the folder -update writes to; "" when nothing is written
	update bool
}

// NewFiles returns the files of fsys, shown in messages under base (the
// scenario file's folder, "testdata"). Nothing is written through them.
func NewFiles(fsys fs.FS, base string) Files {
	return Files{fsys: fsys, base: base}
}

// Name is how the file name is shown in messages: joined to the
// scenario file's folder ("testdata/golden/gold-50.txt").
func (f Files) Name(name string) string {
	if f.base == "" || f.base == "." {
		return name
	}
	return path.Join(filepath.ToSlash(f.base), name)
}

// errNoFiles is returned when a scenario names a file and the caller
// gave no files.
var errNoFiles = errors.New("no files given to read it from")

// ReadFile reads the named file.
func (f Files) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q: want a slash-separated path inside the scenario file's folder", name)
	}
	if f.fsys == nil {
		return nil, fmt.Errorf("%s: %w", f.Name(name), errNoFiles)
	}
	data, err := fs.ReadFile(f.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(name), errors.Unwrap(err))
	}
	return data, nil
}

// Golden compares got with the named golden file and returns an error
// showing the two side by side when they differ (or when the file
// cannot be read). Under [Suite.Run] with -update it writes got to the
// file instead, creating its folder, and returns nil.
func (f Files) Golden(name string, got []byte) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("golden file %q: want a slash-separated path inside the scenario file's folder", name)
	}
	if f.update && f.dir != "" {
		p := filepath.Join(f.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, got, 0o644)
	}
	want, err := f.ReadFile(name)
	if err != nil {
		return fmt.Errorf("golden file %v (run the tests with -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		return fmt.Errorf("%s differs (run with -update to accept):\n%s", f.Name(name), SideBySide("golden", string(want), "got", string(got)))
	}
	return nil
}

// Suite runs scenario files whose definitions compile into a model M
// once per file (a pricing engine, a payout engine), then checks each
// case against it. The pillars' kits are Suites; a host writes one for
// its own model the same way.
type Suite[D, M, G, E any] struct {
	// Compile builds the model from a file's definitions. Validation
	// errors carry paths relative to the definitions ("books[us].list",
	// "framework_file"); the suite shows them under the file's name and
	// "definitions".
	Compile func(files Files, defs D) (M, error)
	// CheckCase runs one case against the model and returns what did
	// not meet the expectation, or nil.
	CheckCase func(files Files, m M, c Case[G, E]) error
	// Timeless lets cases leave their instant out, for a model that does
	// not depend on time (a fit model); see [ParseTimeless].
	Timeless bool
}

// Check parses the scenario file data (named name), compiles its
// definitions and checks each case in order, returning the failures: a
// file that does not parse or compile as one failure with no case ID,
// and each case whose check fails. fsys holds the files the scenario
// names, relative to its folder (nil for none); nothing is written, so
// a runner's output can be tested without touching the disk.
func (s Suite[D, M, G, E]) Check(name string, data []byte, fsys fs.FS) []Failure {
	files := NewFiles(fsys, path.Dir(filepath.ToSlash(name)))
	f, err := parse[D, G, E](name, data, !s.Timeless)
	if err != nil {
		return []Failure{{File: name, Message: err.Error()}}
	}
	m, err := s.Compile(files, f.Definitions)
	if err != nil {
		return []Failure{{File: name, Message: compileError(name, err).Error()}}
	}
	var out []Failure
	for _, c := range f.Cases {
		if err := s.CheckCase(files, m, c); err != nil {
			out = append(out, Failure{File: name, CaseID: c.ID, Message: err.Error()})
		}
	}
	return out
}

// Run loads every file matching pattern (a filepath.Glob pattern, files
// in name order), compiles its definitions once and checks each case as
// the subtest "FILE/CASE-ID". A file that does not parse or compile
// fails its subtest with every problem; a pattern that matches nothing
// fails the test. With -update, golden files the cases name are
// rewritten.
func (s Suite[D, M, G, E]) Run(t *testing.T, pattern string) {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("opstest: pattern %q: %v", pattern, err)
	}
	if len(paths) == 0 {
		t.Fatalf("opstest: no scenario file matches %q", pattern)
	}
	sort.Strings(paths)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("%v", err)
			}
			f, err := parse[D, G, E](p, data, !s.Timeless)
			if err != nil {
				t.Fatalf("%v", err)
			}
			dir := filepath.Dir(p)
			files := Files{fsys: os.DirFS(dir), base: filepath.ToSlash(dir), dir: dir, update: Update()}
			m, err := s.Compile(files, f.Definitions)
			if err != nil {
				t.Fatalf("%v", compileError(p, err))
			}
			for _, c := range f.Cases {
				t.Run(c.ID, func(t *testing.T) {
					if err := s.CheckCase(files, m, c); err != nil {
						t.Errorf("%s: case %s: %v", p, c.ID, err)
					}
				})
			}
		})
	}
}

// compileError puts a compile step's validation errors under the file's
// name and "definitions"; another error is prefixed with both.
func compileError(name string, err error) error {
	if len(partnerops.ValidationErrors(err)) == 0 {
		return fmt.Errorf("%s: definitions: %s", name, partnerops.StripPrefixes(err.Error()))
	}
	var probs partnerops.Problems
	probs.Merge("definitions", err)
	return prefixed(name, probs.Err())
}

// Mismatches collects what a case got wrong, one line per expectation
// ("lines[SEC-100].net_unit: got 57.60, want 57.00"), for a kit's check
// to return with the explanations side by side.
type Mismatches struct {
	lines []string
}

// Addf records one mismatch at a path.
func (m *Mismatches) Addf(path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	m.lines = append(m.lines, msg)
}

// Len is the number of mismatches.
func (m *Mismatches) Len() int { return len(m.lines) }

// Err returns nil when nothing mismatched, else an error listing the
// mismatches followed by the expected and actual explanations side by
// side (when both are given) and any details (a golden file's
// difference).
func (m *Mismatches) Err(wantTitle, want, gotTitle, got string, details ...string) error {
	if len(m.lines) == 0 && len(details) == 0 {
		return nil
	}
	var b strings.Builder
	for _, l := range m.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if len(m.lines) > 0 && (want != "" || got != "") {
		b.WriteString(SideBySide(wantTitle, want, gotTitle, got))
	}
	for _, d := range details {
		b.WriteString(d)
		if !strings.HasSuffix(d, "\n") {
			b.WriteByte('\n')
		}
	}
	return errors.New(strings.TrimSuffix(b.String(), "\n"))
}

// InFile returns err, the problems of the named file a scenario's
// definitions refer to, as problems of field ("books_file"), each
// naming the file as [Files.Name] shows it and the place in the file:
// books_file: testdata/books.json: books[us].entries[SEC-100].lst:
// unknown field. Underlying errors stay reachable with errors.Is.
func (f Files) InFile(field, name string, err error) error {
	var probs partnerops.Problems
	ves := partnerops.ValidationErrors(err)
	if len(ves) == 0 {
		probs.AddWrapped(field, f.Name(name)+": "+partnerops.StripPrefixes(err.Error()), err)
		return probs.Err()
	}
	for _, ve := range ves {
		probs.AddWrapped(field, f.Name(name)+": "+ve.Error(), ve.Err)
	}
	return probs.Err()
}

// Definition reads the named file and decodes it with parse (a pillar's
// strict ParseX), reporting problems at field as [Files.InFile] does.
func Definition[T any](files Files, field, name string, parse func([]byte) (T, error)) (T, error) {
	var zero T
	data, err := files.ReadFile(name)
	if err != nil {
		var probs partnerops.Problems
		probs.AddWrapped(field, err.Error(), err)
		return zero, probs.Err()
	}
	v, err := parse(data)
	if err != nil {
		return zero, files.InFile(field, name, err)
	}
	return v, nil
}

// Resolve returns the definition a scenario gives for field ("plan"):
// inline (name is empty) as it is, or read from the file name (the
// field+"_file" key) and decoded with parse, problems reported at
// field+"_file" as [Files.InFile] does. Giving both is a problem: "give
// plan or plan_file, not both".
func Resolve[T any](files Files, field string, inline *T, name string, parse func([]byte) (T, error)) (*T, error) {
	if name == "" {
		return inline, nil
	}
	if inline != nil {
		var probs partnerops.Problems
		probs.Add(field+"_file", "give "+field+" or "+field+"_file, not both", name)
		return nil, probs.Err()
	}
	v, err := Definition(files, field+"_file", name, parse)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Money compares an expected amount (nil: not checked) with got, as
// numbers, and in the expected currency when it names one. On a
// mismatch it records "path: got G, want W" and returns the expected
// amount as an expected view shows it, and true.
func (m *Mismatches) Money(path string, want *partnerops.Money, got partnerops.Money) (string, bool) {
	if want == nil {
		return "", false
	}
	sameCurrency := want.Currency() == "" || want.Currency() == got.Currency()
	if want.Amount().Cmp(got.Amount()) == 0 && sameCurrency {
		return "", false
	}
	m.Addf(path, "got %s, want %s", got, want)
	if !sameCurrency {
		return want.String(), true
	}
	return want.Amount().String(), true
}

// Decimal compares an expected number (nil: not checked) with got, as
// [Mismatches.Money] does.
func (m *Mismatches) Decimal(path string, want *partnerops.Decimal, got partnerops.Decimal) (string, bool) {
	if want == nil || want.Cmp(got) == 0 {
		return "", false
	}
	m.Addf(path, "got %s, want %s", got, want)
	return want.String(), true
}

// Percent compares an expected percent (nil: not checked) with got,
// exactly, as [Mismatches.Money] does.
func (m *Mismatches) Percent(path string, want *partnerops.Percent, got partnerops.Percent) (string, bool) {
	if want == nil || want.Cmp(got) == 0 {
		return "", false
	}
	m.Addf(path, "got %s, want %s", got, want)
	return want.String(), true
}

// CompileError places a compile step's error among the definitions'
// problems: for a definition kept in its own file, under field+"_file"
// with the file's name and the place in it
// (plan_file: testdata/plan.json: components[base].table); for an inline
// one, under field with the paths inside it (plan.components[base].table);
// an error without paths at field itself. Underlying errors stay
// reachable with errors.Is.
func (f Files) CompileError(field, file string, err error) error {
	var probs partnerops.Problems
	switch {
	case file != "":
		probs.Merge("", f.InFile(field+"_file", file, err))
	case len(partnerops.ValidationErrors(err)) == 0:
		probs.AddWrapped(field, partnerops.StripPrefixes(err.Error()), err)
	default:
		probs.Merge(field, err)
	}
	return probs.Err()
}

// LoadResolved reads the scenario file at path, parses it with parse (a
// kit's Parse) and resolves the files its definitions name with resolve,
// relative to the file's folder, so that the definitions can be compiled
// or compared on their own. A resolve problem is shown under the file's
// name and "definitions".
func LoadResolved[D, G, E any](path string, parse func(name string, data []byte) (File[D, G, E], error), resolve func(D, Files) (D, error)) (File[D, G, E], error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return File[D, G, E]{}, err
	}
	f, err := parse(path, data)
	if err != nil {
		return File[D, G, E]{}, err
	}
	dir := filepath.Dir(path)
	d, err := resolve(f.Definitions, NewFiles(os.DirFS(dir), filepath.ToSlash(dir)))
	if err != nil {
		return File[D, G, E]{}, compileError(path, err)
	}
	f.Definitions = d
	return f, nil
}
