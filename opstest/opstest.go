// Package opstest is the shared core of the kit for unit-testing commercial
// models with partnerops: scenario files, golden explanations, side-by-side
// failure output, what-if comparisons and rapid generators for the root
// vocabulary. Each pillar's kit (pricing/pricingtest, ...) builds its runner
// on it; hosts usually call those runners, and reach for opstest directly
// for their own golden files and generators.
//
// It is test code: it reads files (scenario and golden files under a test's
// testdata folder) and reports through [testing.TB]. The library's own
// packages never import it.
//
// # Scenario files
//
// A scenario file is JSON a RevOps analyst can read and review: the model's
// definitions once, then cases, each with an ID, an optional description,
// the instant it is evaluated at, what is given and what is expected:
//
//	{
//	  "name": "partner discounts FY2027",
//	  "definitions": { ... the pillar's definitions ... },
//	  "cases": [
//	    {
//	      "id": "gold-reseller-50-seats",
//	      "at": "2026-03-01",
//	      "given": { ... a quote, transactions, an account ... },
//	      "expect": { ... a net price, a waterfall, a payout, a score ... }
//	    }
//	  ]
//	}
//
// Files decode strictly, as definitions do everywhere in partnerops: an
// unknown key, a wrong shape or a duplicate key is an error naming the file,
// the case ID and the field path ("testdata/fy27.json: cases[gold-50].expect.net:
// want a decimal string like "12.5" ..."). [Run] runs every case of every
// file matching a glob as a subtest named by the file and the case ID.
//
// # Golden explanations
//
// [Golden] compares an explanation (a waterfall, a statement, a scorecard)
// with a file; run the tests with -update to rewrite the files, and review
// the diff of the explanation when a rule changes. Failures print what was
// expected and what came out side by side ([SideBySide]), the whole
// explanation, not only the last number. SideBySide aligns the two texts
// on the lines they share once each, so a waterfall that gains a step
// shows the step rather than a shift of every line after it.
//
// # Models compiled once per file
//
// A [Suite] is a runner for a model whose definitions compile once per
// file (a pricing engine, a payout plan): Compile builds the model from
// the definitions, CheckCase checks one case against it. Both get the
// [Files] the scenario names, relative to its folder: definitions kept
// in their own files ("books_file": "books.json") and golden
// explanations, which [Files.Golden] compares and, under [Suite.Run]
// with -update, rewrites. [Suite.Check] runs a file without touching the
// disk (the files come from an [io/fs.FS], a [testing/fstest.MapFS] in a
// test), so a runner's failure output can itself be tested. [Mismatches]
// collects what a case got wrong and renders it with the expected and
// actual explanations side by side.
//
// A model that does not depend on time (a fit model) sets
// [Suite].Timeless, so that its cases may leave their instant out
// ([ParseTimeless]). [Resolve] reads a definition kept in its own file
// ("plan_file") in place of the inline one, [Files.CompileError] places a compile step's
// problems under the definitions' field or the file they came from, and
// [LoadResolved] loads a scenario file with the files its definitions
// name, for a what-if. An expected instant that may be "never" (a due
// time a state lacks, a tier never lost) is an [Instant].
//
// # What-if
//
// [Compare] evaluates the same cases under two versions of a model and
// reports the cases whose outcome changed, the flags counted before and
// after and the cases that gained or lost each ("2 need VP approval
// now"), and the headline amounts summed per currency.
//
// # Generators and growth
//
// [Decimal], [Money], [Percent] and [Tier] are rapid generators for the
// root vocabulary; the pillars' kits add generators of valid definitions.
// [Growth] and [SlowGrowth] time a function at n and 8n, in CPU time, for
// the growth tests the library asks of every function taking a slice.
package opstest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// update is the -update flag, registered once when the package is
// initialized: a package initialized earlier that registers its own
// -update (a golden-file library) shares it. A host's test package is
// initialized after opstest, so it reads the flag with [Update] rather
// than registering -update again (the flag package would panic).
var update = func() *bool {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if b, ok := g.Get().(bool); ok {
				v := b
				return &v
			}
		}
	}
	return flag.Bool("update", false, "rewrite golden files (partnerops/opstest)")
}()

// Update reports whether the tests run with -update. A host's own golden
// files use it instead of a second -update flag.
func Update() bool {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if b, ok := g.Get().(bool); ok {
				return b
			}
		}
	}
	return *update
}

// File is a scenario file: definitions of type D, and cases giving G and
// expecting E.
type File[D, G, E any] struct {
	// Name names the scenario set in reports.
	Name string `json:"name,omitempty"`
	// Description says what the file pins down, for reviewers.
	Description string `json:"description,omitempty"`
	// Definitions holds the model under test, in the pillar's JSON.
	Definitions D `json:"definitions"`
	// Cases are run in order.
	Cases []Case[G, E] `json:"cases"`
}

// Case is one scenario: given G at an instant, expect E.
type Case[G, E any] struct {
	// ID names the case in paths, subtests and reports. Required, unique
	// in its file.
	ID string `json:"id"`
	// Description says what the case is about.
	Description string `json:"description,omitempty"`
	// At is the instant the case is evaluated at: "2026-03-01" (start of
	// day, UTC) or an RFC 3339 time. A model that does not depend on time
	// ([ParseTimeless], [Suite].Timeless) leaves it out.
	At time.Time `json:"at,omitzero"`
	// Given is the case's input.
	Given G `json:"given"`
	// Expect is what the case must produce.
	Expect E `json:"expect"`
}

// Parse decodes a scenario file strictly. name prefixes every problem's
// path (usually the file's path). Every case needs an ID, unique in the
// file, and an instant.
func Parse[D, G, E any](name string, data []byte) (File[D, G, E], error) {
	return parse[D, G, E](name, data, true)
}

// ParseTimeless decodes a scenario file strictly as [Parse] does, for a
// model that does not depend on time (a fit model): a case may leave its
// instant out.
func ParseTimeless[D, G, E any](name string, data []byte) (File[D, G, E], error) {
	return parse[D, G, E](name, data, false)
}

func parse[D, G, E any](name string, data []byte, needAt bool) (File[D, G, E], error) {
	var f File[D, G, E]
	if err := strict.Decode(data, &f, strict.Options{}); err != nil {
		return File[D, G, E]{}, prefixed(name, err)
	}
	var probs partnerops.Problems
	seen := make(map[string]bool, len(f.Cases))
	for i, c := range f.Cases {
		p := partnerops.Path("cases", i)
		if c.ID != "" {
			p = partnerops.Path("cases", partnerops.Key(c.ID))
		}
		switch {
		case c.ID == "":
			probs.Add(partnerops.JoinPath(p, "id"), "every case needs an id", "")
		case seen[c.ID]:
			probs.Add(partnerops.JoinPath(p, "id"), "duplicate case id", c.ID)
		}
		seen[c.ID] = true
		if needAt && c.At.IsZero() {
			probs.Add(partnerops.JoinPath(p, "at"), `every case needs an instant, like "2026-03-01"`, "")
		}
	}
	if len(f.Cases) == 0 {
		probs.Add("cases", "a scenario file needs at least one case", "")
	}
	if err := probs.Err(); err != nil {
		return File[D, G, E]{}, prefixed(name, err)
	}
	return f, nil
}

// prefixed puts the file name before every problem's path.
func prefixed(name string, err error) error {
	ves := partnerops.ValidationErrors(err)
	if len(ves) == 0 {
		return fmt.Errorf("%s: %w", name, err)
	}
	var probs partnerops.Problems
	for _, ve := range ves {
		p := name
		switch {
		case name == "":
			p = ve.Path
		case ve.Path != "":
			p += ": " + ve.Path
		}
		probs.Merge("", &partnerops.ValidationError{Path: p, Rule: ve.Rule, Value: ve.Value, Err: ve.Err})
	}
	return probs.Err()
}

// Load reads and parses the scenario file at path.
func Load[D, G, E any](path string) (File[D, G, E], error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return File[D, G, E]{}, err
	}
	return Parse[D, G, E](path, data)
}

// Failure is one case that did not meet its expectation (or a file that
// did not parse, with an empty CaseID).
type Failure struct {
	File    string `json:"file"`
	CaseID  string `json:"case_id,omitempty"`
	Message string `json:"message"`
}

// Error renders the failure as "FILE: case ID: message", or "FILE:
// message" for a file that did not parse or compile (whose problems name
// the file already: it is not repeated).
func (f Failure) Error() string {
	if f.CaseID == "" {
		if strings.HasPrefix(f.Message, f.File+": ") {
			return f.Message
		}
		return f.File + ": " + f.Message
	}
	return f.File + ": case " + f.CaseID + ": " + f.Message
}

// Check parses the scenario file data (named name) and runs check on each
// case in order, returning the failures: a parse error as one failure
// with no case ID, and each case whose check returns an error. It does no
// I/O and never stops early, so a runner's output can be tested.
func Check[D, G, E any](name string, data []byte, check func(defs D, c Case[G, E]) error) []Failure {
	return plain(check).Check(name, data, nil)
}

// Run loads every file matching pattern (a filepath.Glob pattern, files in
// name order) and runs check on each case as the subtest "FILE/CASE-ID";
// a case whose check returns an error fails with that error's text (the
// pillars' kits return the expected and actual explanations side by
// side). A file that does not parse fails its subtest with every problem.
// A pattern that matches nothing fails the test: a typo must not pass.
// A model that compiles its definitions once per file is a [Suite].
func Run[D, G, E any](t *testing.T, pattern string, check func(defs D, c Case[G, E]) error) {
	t.Helper()
	plain(check).Run(t, pattern)
}

// plain is the suite whose model is the definitions themselves.
func plain[D, G, E any](check func(defs D, c Case[G, E]) error) Suite[D, D, G, E] {
	return Suite[D, D, G, E]{
		Compile:   func(_ Files, d D) (D, error) { return d, nil },
		CheckCase: func(_ Files, d D, c Case[G, E]) error { return check(d, c) },
	}
}

// Golden compares got with the golden file at path. With -update it
// writes got to the file instead (creating its folder). A mismatch fails t
// with the golden text and got side by side.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("opstest: %v (run the tests with -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (run with -update to accept):\n%s", path, SideBySide("golden", string(want), "got", string(got)))
	}
}

// SideBySide renders two texts in two columns, line by line, marking
// lines that differ with "|" and lines only one side has with "<" or ">".
// Lines are aligned on the lines that occur once in each text and in the
// same order (a patience alignment: cost n log n in the lines), and
// paired by position between them; a waterfall that gains a step shows
// the new step, not a shift of every line after it.
func SideBySide(leftTitle, left, rightTitle, right string) string {
	l := splitLines(left)
	r := splitLines(right)
	width := len(leftTitle)
	for _, s := range l {
		width = max(width, len([]rune(s)))
	}
	width = min(width, 80)
	var b strings.Builder
	pad := func(s string) string {
		rs := []rune(s)
		if len(rs) > width {
			return string(rs[:width-1]) + "…"
		}
		return s + strings.Repeat(" ", width-len(rs))
	}
	fmt.Fprintf(&b, "  %s   %s\n", pad(leftTitle), rightTitle)
	fmt.Fprintf(&b, "  %s   %s\n", strings.Repeat("-", width), strings.Repeat("-", max(len(rightTitle), 8)))
	i, j := 0, 0
	gap := func(li, rj int) { // pair l[i:li] with r[j:rj] by position
		for ; i < li || j < rj; i, j = i+1, j+1 {
			switch {
			case i >= li:
				fmt.Fprintf(&b, "  %s > %s\n", pad(""), r[j])
				i-- // only the right side advances
			case j >= rj:
				fmt.Fprintf(&b, "  %s <\n", pad(l[i]))
				j--
			case l[i] != r[j]:
				fmt.Fprintf(&b, "  %s | %s\n", pad(l[i]), r[j])
			default:
				fmt.Fprintf(&b, "  %s   %s\n", pad(l[i]), r[j])
			}
		}
	}
	for _, a := range anchors(l, r) {
		gap(a[0], a[1])
		fmt.Fprintf(&b, "  %s   %s\n", pad(l[i]), r[j])
		i, j = i+1, j+1
	}
	gap(len(l), len(r))
	return trimLines(b.String())
}

// anchors returns the pairs (i, j) with l[i] == r[j] where the line
// occurs once in l and once in r, keeping the longest run increasing in
// both (patience sorting: n log n).
func anchors(l, r []string) [][2]int {
	type seen struct{ n, at int }
	count := func(lines []string) map[string]seen {
		m := make(map[string]seen, len(lines))
		for i, s := range lines {
			c := m[s]
			m[s] = seen{c.n + 1, i}
		}
		return m
	}
	cl, cr := count(l), count(r)
	var pairs [][2]int
	for i, s := range l {
		if cl[s].n == 1 && cr[s].n == 1 {
			pairs = append(pairs, [2]int{i, cr[s].at})
		}
	}
	// Longest increasing subsequence of the right indexes.
	var tails []int // tails[k]: index into pairs of the smallest tail of a run of k+1
	prev := make([]int, len(pairs))
	for p, pr := range pairs {
		k := sort.Search(len(tails), func(k int) bool { return pairs[tails[k]][1] >= pr[1] })
		prev[p] = -1
		if k > 0 {
			prev[p] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, p)
		} else {
			tails[k] = p
		}
	}
	out := make([][2]int, len(tails))
	for k, p := len(tails)-1, -1; k >= 0; k-- {
		if k == len(tails)-1 {
			p = tails[k]
		}
		out[k] = pairs[p]
		p = prev[p]
	}
	return out
}

// trimLines drops the spaces padding leaves at the ends of lines.
func trimLines(s string) string {
	if !strings.Contains(s, " \n") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
