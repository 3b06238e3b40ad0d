package opstest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
)

// A toy model: a percent off a list price.
type defs struct {
	Discount partnerops.Percent `json:"discount"`
}
type given struct {
	List partnerops.Money `json:"list"`
}
type expect struct {
	Net partnerops.Money `json:"net"`
}

func check(d defs, c opstest.Case[given, expect]) error {
	net, err := c.Given.List.Sub(d.Discount.Of(c.Given.List))
	if err != nil {
		return err
	}
	net = net.Round(partnerops.RoundHalfUp)
	if !net.Equal(c.Expect.Net) {
		return fmt.Errorf("net %v, want %v", net, c.Expect.Net)
	}
	return nil
}

const passing = `{
  "name": "toy",
  "definitions": {"discount": "10"},
  "cases": [
    {"id": "a", "at": "2026-03-01", "given": {"list": {"amount": "100.00", "currency": "USD"}}, "expect": {"net": {"amount": "90.00", "currency": "USD"}}},
    {"id": "b", "at": "2026-03-01T10:00:00Z", "given": {"list": {"amount": "10.05", "currency": "USD"}}, "expect": {"net": {"amount": "9.05", "currency": "USD"}}}
  ]
}`

func TestCheck(t *testing.T) {
	if got := opstest.Check[defs, given, expect]("toy.json", []byte(passing), check); len(got) != 0 {
		t.Errorf("passing file failed: %v", got)
	}
	failing := strings.Replace(passing, `"90.00"`, `"91.00"`, 1)
	want := []opstest.Failure{{File: "toy.json", CaseID: "a", Message: "net 90.00 USD, want 91.00 USD"}}
	if diff := cmp.Diff(want, opstest.Check[defs, given, expect]("toy.json", []byte(failing), check)); diff != "" {
		t.Errorf("failing file (-want +got):\n%s", diff)
	}
}

func TestParseErrorsNameFileCaseAndPath(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"unknown key in a case", strings.Replace(passing, `"given": {"list"`, `"given": {"lst"`, 1),
			[]string{`toy.json: cases[a].given.lst: unknown field; did you mean "list"?`}},
		{"bad amount", strings.Replace(passing, `"10.05"`, `"ten"`, 1),
			[]string{`toy.json: cases[b].given.list: want a decimal string like "100.00" or {"amount":"100.00","currency":"USD"}: parsing decimal "ten": invalid syntax`}},
		{"duplicate id and no instant", `{"definitions":{"discount":"1"},"cases":[{"id":"x","at":"2026-01-01"},{"id":"x"}]}`,
			[]string{"toy.json: cases[x].id: duplicate case id (got \"x\")", `toy.json: cases[x].at: every case needs an instant, like "2026-03-01"`}},
		{"no cases", `{"definitions":{"discount":"1"}}`, []string{"toy.json: cases: a scenario file needs at least one case"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := opstest.Parse[defs, given, expect]("toy.json", []byte(tt.in))
			var got []string
			for _, ve := range partnerops.ValidationErrors(err) {
				got = append(got, ve.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse errors (-want +got):\n%s", diff)
			}
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("err does not wrap ErrInvalid: %v", err)
			}
		})
	}
}

func TestRunAndGolden(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "toy.json"), []byte(passing), 0o644); err != nil {
		t.Fatal(err)
	}
	opstest.Run(t, filepath.Join(dir, "*.json"), check)

	golden := filepath.Join(dir, "golden.txt")
	if err := os.WriteFile(golden, []byte("list 100.00\nnet 90.00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opstest.Golden(t, golden, []byte("list 100.00\nnet 90.00\n"))
}

func TestSideBySide(t *testing.T) {
	got := opstest.SideBySide("want", "list 100.00\npartner -10%\nnet 90.00\n", "got", "list 100.00\npartner -12%\nnet 88.00\nextra\n")
	want := strings.Join([]string{
		"  want           got",
		"  ------------   --------",
		"  list 100.00    list 100.00",
		"  partner -10% | partner -12%",
		"  net 90.00    | net 88.00",
		"               > extra",
		"",
	}, "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SideBySide (-want +got):\n%s", diff)
	}
}

func TestCompare(t *testing.T) {
	ids := []string{"q1", "q2", "q3"}
	before := func(i int) opstest.Outcome {
		return opstest.Outcome{Summary: fmt.Sprintf("net %d", 100-i), Flags: []string{"deal desk"}}
	}
	after := func(i int) opstest.Outcome {
		o := before(i)
		if i == 2 {
			o = opstest.Outcome{Summary: "net 90", Flags: []string{"VP approval"}}
		}
		return o
	}
	w := opstest.Compare(ids, before, after)
	want := "1 of 3 cases change\nflags (before -> after):\n  VP approval: 0 -> 1\n  deal desk: 3 -> 2\nq3\n  before: net 98 [deal desk]\n  after:  net 90 [VP approval]\n"
	if diff := cmp.Diff(want, w.Text()); diff != "" {
		t.Errorf("Text (-want +got):\n%s", diff)
	}
	if !strings.Contains(w.Markdown(), "| q3 | net 98 [deal desk] | net 90 [VP approval] |") {
		t.Errorf("Markdown:\n%s", w.Markdown())
	}
}

func TestGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := opstest.Money(partnerops.USD, -1e9, 1e9).Draw(t, "m")
		if _, err := m.MinorUnitsValue(); err != nil {
			t.Fatalf("%v is not exact in cents: %v", m, err)
		}
		p := opstest.Percent(0, 10000).Draw(t, "p")
		if !p.Between(partnerops.PercentFromInt(0), partnerops.PercentFromInt(100)) {
			t.Fatalf("percent %v out of range", p)
		}
		d := opstest.Decimal(-500, 500, 1).Draw(t, "d")
		if d.Scale() > 1 {
			t.Fatalf("decimal %v has scale %d", d, d.Scale())
		}
	})
}

// A model compiled once per file: the discount as a fraction, and a
// golden explanation per case.
var suite = opstest.Suite[defs, partnerops.Percent, given, expect]{
	Compile: func(_ opstest.Files, d defs) (partnerops.Percent, error) {
		if d.Discount.IsNegative() {
			var p partnerops.Problems
			p.Add("discount", "must not be negative", d.Discount.String())
			return partnerops.Percent{}, p.Err()
		}
		return d.Discount, nil
	},
	CheckCase: func(files opstest.Files, p partnerops.Percent, c opstest.Case[given, expect]) error {
		if err := check(defs{Discount: p}, c); err != nil {
			return err
		}
		return files.Golden("golden/"+c.ID+".txt", []byte("list "+c.Given.List.StringFixed()+"\n"))
	},
}

func TestSuiteCheck(t *testing.T) {
	fsys := fstest.MapFS{
		"golden/a.txt": {Data: []byte("list 100.00 USD\n")},
		"golden/b.txt": {Data: []byte("list 10.00 USD\n")},
	}
	got := suite.Check("testdata/toy.json", []byte(passing), fsys)
	want := []opstest.Failure{{File: "testdata/toy.json", CaseID: "b", Message: "testdata/golden/b.txt differs (run with -update to accept):\n" +
		"  golden           got\n" +
		"  --------------   --------\n" +
		"  list 10.00 USD | list 10.05 USD\n"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}

	got = suite.Check("toy.json", []byte(passing), nil)
	if len(got) != 2 || !strings.Contains(got[0].Message, "golden file golden/a.txt: no files given to read it from") {
		t.Errorf("Check without files: %v", got)
	}

	bad := strings.Replace(passing, `"discount": "10"`, `"discount": "-10"`, 1)
	want = []opstest.Failure{{File: "toy.json", Message: `toy.json: definitions.discount: must not be negative (got "-10%")`}}
	if diff := cmp.Diff(want, suite.Check("toy.json", []byte(bad), fsys)); diff != "" {
		t.Errorf("Check of a file that does not compile (-want +got):\n%s", diff)
	}
}

func TestSuiteRun(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"toy.json":     passing,
		"golden/a.txt": "list 100.00 USD\n",
		"golden/b.txt": "list 10.05 USD\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	suite.Run(t, filepath.Join(dir, "*.json"))
}

func TestFilesReadFile(t *testing.T) {
	files := opstest.NewFiles(fstest.MapFS{"books.json": {Data: []byte("[]")}}, "testdata")
	if data, err := files.ReadFile("books.json"); err != nil || string(data) != "[]" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	for _, name := range []string{"../books.json", "/etc/passwd", "missing.json"} {
		if _, err := files.ReadFile(name); err == nil {
			t.Errorf("ReadFile(%q) succeeded", name)
		}
	}
	if got, want := files.Name("golden/a.txt"), "testdata/golden/a.txt"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
}

func TestMismatches(t *testing.T) {
	var m opstest.Mismatches
	if err := m.Err("want", "a\n", "got", "a\n"); err != nil {
		t.Errorf("no mismatch: %v", err)
	}
	m.Addf("net", "got %s, want %s", "90", "91")
	want := "net: got 90, want 91\n  want   got\n  ----   --------\n  x    | y\ndetail"
	if err := m.Err("want", "x\n", "got", "y\n", "detail"); err == nil || err.Error() != want {
		t.Errorf("Err = %q, want %q", err, want)
	}
}

func TestCompareTotalsAndFlagChanges(t *testing.T) {
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	before := []opstest.Outcome{
		{Summary: "a", Amount: usd("100.00"), Flags: []string{"approval: manager"}},
		{Summary: "b", Amount: usd("50.00")},
		{Summary: "c", Err: "boom"},
	}
	after := []opstest.Outcome{
		{Summary: "a", Amount: usd("90.00"), Flags: []string{"approval: vp"}},
		{Summary: "b", Amount: usd("50.00")},
		{Summary: "c", Amount: usd("10.00")},
	}
	w := opstest.Compare([]string{"q1", "q2", "q3"}, func(i int) opstest.Outcome { return before[i] }, func(i int) opstest.Outcome { return after[i] })
	wantChanges := []opstest.FlagChange{{Flag: "approval: manager", Lost: 1}, {Flag: "approval: vp", Gained: 1}}
	if diff := cmp.Diff(wantChanges, w.FlagChanges); diff != "" {
		t.Errorf("FlagChanges (-want +got):\n%s", diff)
	}
	wantTotals := []opstest.Total{{Currency: partnerops.USD, Before: usd("150.00"), After: usd("150.00")}}
	if diff := cmp.Diff(wantTotals, w.Totals); diff != "" {
		t.Errorf("Totals (-want +got):\n%s", diff)
	}
	if !strings.Contains(w.Text(), "totals (before -> after):\n  USD: 150.00 USD -> 150.00 USD (0.00)\n") {
		t.Errorf("Text:\n%s", w.Text())
	}
	if got := []string{w.Changed[0].CaseID, w.Changed[1].CaseID}; len(w.Changed) != 2 || got[0] != "q1" || got[1] != "q3" {
		t.Errorf("Changed: %+v", w.Changed)
	}
}

// A waterfall that gains a step shows that step, not a shift of every
// line after it.
func TestSideBySideAlignsOnUniqueLines(t *testing.T) {
	left := "list 100.00\ntier-gold -20.00\nnet 80.00\ntotal 800.00\n"
	right := "list 100.00\nspring -5.00\ntier-gold -20.00\nnet 75.00\ntotal 750.00\n"
	want := strings.Join([]string{
		"  want               got",
		"  ----------------   --------",
		"  list 100.00        list 100.00",
		"                   > spring -5.00",
		"  tier-gold -20.00   tier-gold -20.00",
		"  net 80.00        | net 75.00",
		"  total 800.00     | total 750.00",
		"",
	}, "\n")
	if diff := cmp.Diff(want, opstest.SideBySide("want", left, "got", right)); diff != "" {
		t.Errorf("SideBySide (-want +got):\n%s", diff)
	}
}

// SideBySide and Compare grow linearly (n log n at most) with their
// input: 8× the lines or cases within 30× the time.
func TestGrowth(t *testing.T) {
	text := func(n, shift int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "line %d value %d\n", i, (i*7+shift)%5)
		}
		return b.String()
	}
	l1, r1, l8, r8 := text(2000, 0), text(2000, 1), text(16000, 0), text(16000, 1)
	if r, slow := opstest.SlowGrowth(func() { opstest.SideBySide("a", l1, "b", r1) }, func() { opstest.SideBySide("a", l8, "b", r8) }, 30); slow {
		t.Errorf("SideBySide: 8× the lines took %.1f× the time", r)
	}
	compare := func(n int) func() {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprint("q", i)
		}
		usd := partnerops.MustMoney("10.00", partnerops.USD)
		return func() {
			w := opstest.Compare(ids,
				func(i int) opstest.Outcome {
					return opstest.Outcome{Summary: "a", Amount: usd, Flags: []string{"x", fmt.Sprint(i % 3)}}
				},
				func(i int) opstest.Outcome {
					return opstest.Outcome{Summary: fmt.Sprint(i % 2), Amount: usd, Flags: []string{"y"}}
				})
			_ = w.Text() + w.Markdown()
		}
	}
	if r, slow := opstest.SlowGrowth(compare(1000), compare(8000), 30); slow {
		t.Errorf("Compare: 8× the cases took %.1f× the time", r)
	}
}

func TestDefinitionNamesTheFileAndThePlaceInIt(t *testing.T) {
	files := opstest.NewFiles(fstest.MapFS{"d.json": {Data: []byte(`{"discount": "-"}`)}}, "testdata")
	parse := func(data []byte) (defs, error) {
		var d defs
		f, err := opstest.Parse[defs, given, expect]("", []byte(`{"definitions": `+string(data)+`, "cases": [{"id": "a", "at": "2026-01-01"}]}`))
		if err == nil {
			d = f.Definitions
		}
		return d, err
	}
	_, err := opstest.Definition(files, "defs_file", "d.json", parse)
	var got []string
	for _, ve := range partnerops.ValidationErrors(err) {
		got = append(got, ve.Error())
	}
	want := []string{`defs_file: testdata/d.json: definitions.discount: want a percent string in percent units like "20" or "20%": parsing percent: parsing decimal "-": invalid syntax`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Definition (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("err does not wrap ErrInvalid: %v", err)
	}
	_, err = opstest.Definition(files, "defs_file", "missing.json", parse)
	if got, want := fmt.Sprint(err), "defs_file: testdata/missing.json: file does not exist"; got != want || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Definition of a missing file = %q, want %q wrapping fs.ErrNotExist", got, want)
	}
}

func TestMismatchesCompareValues(t *testing.T) {
	var m opstest.Mismatches
	usd := partnerops.MustMoney("57.60", partnerops.USD)
	var bare partnerops.Money
	if err := json.Unmarshal([]byte(`"57.6"`), &bare); err != nil {
		t.Fatal(err)
	}
	eur := partnerops.MustMoney("57.60", partnerops.EUR)
	other := partnerops.MustMoney("57.00", partnerops.USD)
	d := partnerops.MustDecimal("1.50")
	p := partnerops.MustPercent("20")
	type row struct {
		shown string
		bad   bool
	}
	var got []row
	add := func(s string, bad bool) { got = append(got, row{s, bad}) }
	add(m.Money("a", nil, usd))
	add(m.Money("b", &bare, usd))
	add(m.Money("c", &eur, usd))
	add(m.Money("d", &other, usd))
	add(m.Decimal("e", &d, partnerops.MustDecimal("1.5")))
	add(m.Decimal("f", &d, partnerops.MustDecimal("1.6")))
	add(m.Percent("g", &p, partnerops.MustPercent("20.00")))
	add(m.Percent("h", &p, partnerops.MustPercent("21")))
	want := []row{{"", false}, {"", false}, {"57.60 EUR", true}, {"57.00", true}, {"", false}, {"1.50", true}, {"", false}, {"20%", true}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("comparisons (-want +got):\n%s", diff)
	}
	wantErr := "c: got 57.60 USD, want 57.60 EUR\nd: got 57.60 USD, want 57.00 USD\nf: got 1.6, want 1.50\nh: got 21%, want 20%"
	if err := m.Err("", "", "", ""); err == nil || err.Error() != wantErr {
		t.Errorf("Err = %v, want %q", err, wantErr)
	}
}

// A model that does not depend on time parses cases without an instant;
// the others still need one.
func TestParseTimeless(t *testing.T) {
	in := `{"definitions":{"discount":"1"},"cases":[{"id":"x"}]}`
	f, err := opstest.ParseTimeless[defs, given, expect]("toy.json", []byte(in))
	if err != nil || len(f.Cases) != 1 || !f.Cases[0].At.IsZero() {
		t.Fatalf("ParseTimeless = %+v, %v", f, err)
	}
	data, err := json.Marshal(f)
	if err != nil || strings.Contains(string(data), `"at"`) {
		t.Errorf("a timeless case encodes as %s (%v), want no instant", data, err)
	}
	if _, err := opstest.Parse[defs, given, expect]("toy.json", []byte(in)); err == nil {
		t.Error("Parse accepted a case without an instant")
	}
	s := opstest.Suite[defs, defs, given, expect]{
		Compile:   func(_ opstest.Files, d defs) (defs, error) { return d, nil },
		CheckCase: func(opstest.Files, defs, opstest.Case[given, expect]) error { return nil },
		Timeless:  true,
	}
	if got := s.Check("toy.json", []byte(in), nil); len(got) != 0 {
		t.Errorf("a timeless suite: %v", got)
	}
}

// An Instant is a date, a time or never, and round-trips through JSON.
func TestInstant(t *testing.T) {
	type holder struct {
		When *opstest.Instant `json:"when,omitempty"`
	}
	tests := []struct {
		in, str string
		never   bool
	}{
		{`"2026-03-01"`, "2026-03-01", false},
		{`"2026-03-01T09:30:00+01:00"`, "2026-03-01T08:30:00Z", false},
		{`"never"`, "never", true},
		{`"none"`, "never", true},
	}
	for _, tt := range tests {
		var h holder
		if err := json.Unmarshal([]byte(`{"when":`+tt.in+`}`), &h); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if h.When.String() != tt.str || h.When.IsNever() != tt.never {
			t.Errorf("%s = %s (never %t), want %s (never %t)", tt.in, h.When, h.When.IsNever(), tt.str, tt.never)
		}
		data, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		var back holder
		if err := json.Unmarshal(data, &back); err != nil || !back.When.Equal(*h.When) {
			t.Errorf("%s: round trip through %s = %v, %v", tt.in, data, back.When, err)
		}
	}
	var h holder
	err := json.Unmarshal([]byte(`{"when":"soon"}`), &h)
	if !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("soon: %v, want ErrSyntax", err)
	}
	if !opstest.Never().Matches(time.Time{}) || opstest.Never().Matches(time.Unix(0, 0)) || !opstest.At(time.Unix(0, 0)).Matches(time.Unix(0, 0).In(time.FixedZone("x", 3600))) {
		t.Error("Matches")
	}
}

// A file that does not parse names itself once in its failure's text.
func TestFailureNamesTheFileOnce(t *testing.T) {
	got := opstest.Check[defs, given, expect]("toy.json", []byte(`{"definitions":{"discount":"1"},"cases":[{"id":"x","at":"2026-01-01","gvien":{}}]}`), check)
	if len(got) != 1 {
		t.Fatalf("Check = %v", got)
	}
	const want = `toy.json: cases[x].gvien: unknown field; did you mean "given"?`
	if s := got[0].Error(); s != want {
		t.Errorf("Error() = %q, want %q", s, want)
	}
	if s := (opstest.Failure{File: "a.json", Message: "no cases"}).Error(); s != "a.json: no cases" {
		t.Errorf("Error() = %q", s)
	}
}

func TestResolve(t *testing.T) {
	files := opstest.NewFiles(fstest.MapFS{
		"n.json":   {Data: []byte(`"7"`)},
		"bad.json": {Data: []byte(`"x"`)},
	}, "testdata")
	parse := func(data []byte) (int, error) {
		n, err := strconv.Atoi(strings.Trim(string(data), `"`))
		if err != nil {
			return 0, fmt.Errorf("want a number: %w", partnerops.ErrInvalid)
		}
		return n, nil
	}
	five := 5
	tests := []struct {
		name     string
		inline   *int
		file     string
		want     *int
		wantErr  string
		wantWrap error
	}{
		{name: "none"},
		{name: "inline", inline: &five, want: &five},
		{name: "file", file: "n.json", want: kittest.Ptr(7)},
		{name: "both", inline: &five, file: "n.json", wantErr: "plan_file: give plan or plan_file, not both (got \"n.json\")", wantWrap: partnerops.ErrInvalid},
		{name: "missing", file: "missing.json", wantErr: "plan_file: testdata/missing.json: file does not exist", wantWrap: fs.ErrNotExist},
		{name: "bad", file: "bad.json", wantErr: "plan_file: testdata/bad.json: want a number: invalid input", wantWrap: partnerops.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := opstest.Resolve(files, "plan", tt.inline, tt.file, parse)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || !errors.Is(err, tt.wantWrap) {
					t.Fatalf("Resolve = %v, want %q wrapping %v", err, tt.wantErr, tt.wantWrap)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Resolve (-want +got):\n%s", diff)
			}
		})
	}
}
