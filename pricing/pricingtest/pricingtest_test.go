package pricingtest_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/pricingtest"
)

func TestScenarios(t *testing.T) {
	pricingtest.Run(t, "testdata/*.json")
}

// The deliberately failing file reports every mismatch with its path
// and the waterfalls side by side; the whole output is pinned in
// failing/inline.out (-update rewrites it: review its diff).
func TestCheckFailingFile(t *testing.T) {
	got := pricingtest.Check("testdata/failing/inline.json", []byte(kittest.ReadFile(t, "testdata/failing/inline.json")), os.DirFS("testdata/failing"))
	type short struct{ Case, Mismatches string }
	var shorts []short
	var all strings.Builder
	for _, f := range got {
		var lines []string
		for _, l := range strings.Split(f.Message, "\n") {
			if strings.HasPrefix(l, "  ") {
				break
			}
			lines = append(lines, l)
		}
		shorts = append(shorts, short{f.CaseID, strings.Join(lines, "\n")})
		all.WriteString(f.Error() + "\n\n")
	}
	want := []short{
		{"gold-in-march", "expect.net_total: got 825.00 USD, want 830.00\n" +
			"expect.lines[SEC-100].steps[spring].amount: got 5.00, want 4.00\n" +
			"expect.lines[1].approval: got manager, want vp"},
		{"gold-in-april", `expect.lines[0].skipped[spring].reason: got "condition_failed", want "excluded"` + "\n" +
			"expect.lines[0].skipped: rules not skipped: tier-silver"},
		{"silver-at-list", "expect.lines[STO-100].steps: got rules [], want [tier-silver]"},
		{"unknown-line", `expect.lines[SEC-100]: SKU "SEC-100" is on lines 1, 2: name the line by id or line as well` + "\n" +
			`expect.lines[STO-100]: no line has the SKU "STO-100"` + "\n" +
			"expect.lines[2]: line 3: the quote has 2 lines\n" +
			`expect.lines[3]: no line has the id "nope"` + "\n" +
			`expect.lines[STO-100]: line 2 is SKU "SEC-100", not "STO-100"` + "\n" +
			"expect.lines[5]: name the line by sku, id or line (its 1-based number)"},
		{"wrong-error", `expect.error: got "pricing: book \"eu\": unknown price book", want an error containing "unknown SKU"`},
		{"no-error", `expect.error: priced without an error, want an error containing "unknown SKU"`},
		{"unexpected-error", `pricing failed: partner tier "diamond": must be one of silver < gold: unknown tier`},
	}
	if diff := cmp.Diff(want, shorts); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"    spring             4.00 → 75.00                    |   spring             5.00 → 75.00\n",
		"    skipped            tier-silver      |\n",
		"    tier-silver        ? → ?                    |\n",
		"testdata/failing/golden/silver-at-list.txt differs",
		"    10% off list           tier-silver  -4.00   36.00  ",
	} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("failure output lacks %q", s)
		}
	}
	opstest.Golden(t, "testdata/failing/inline.out", []byte(all.String()))
}

// Malformed files give every problem with the file, the case ID and the
// field path, whether in the scenario, its definitions or a file the
// definitions name.
func TestMalformed(t *testing.T) {
	in := kittest.ReadFile(t, "testdata/inline.json")
	books := `[{"id": "us", "currency": "USD", "entries": [{"sku": "SEC-100", "family": "security", "list": "100.00"}, {"sku": "STO-100", "family": "storage", "list": "40.00"}]}]`
	fw := `{"program": {"tiers": ["silver", "gold"]}, "groups": [{"id": "partner", "mode": "first"}], "rules": []}`
	start, end := strings.Index(in, `"definitions": {`), strings.Index(in, `"cases": [`)
	withFiles := in[:start] + `"definitions": {"books_file": "books.json", "framework_file": "framework.json"},` + "\n  " + in[end:]
	tests := []struct {
		name  string
		in    string
		files fstest.MapFS
		want  []string
	}{
		{"unknown key in an expectation", kittest.Replace(t, in, `"net_total": "825.00"`, `"net_totl": "825.00"`),
			nil, []string{`testdata/inline.json: cases[gold-in-march].expect.net_totl: unknown field; did you mean "net_total"?`}},
		{"unknown key in a quote", kittest.Replace(t, in, `{"sku": "SEC-100", "quantity": "10"}, {"id": "vault"`, `{"sku": "SEC-100", "qty": "10"}, {"id": "vault"`),
			nil, []string{`testdata/inline.json: cases[gold-in-march].given.lines[0].qty: unknown field`}},
		{"bare percent in the framework", kittest.Replace(t, in, `"percent": "20"`, `"percent": 20`),
			nil, []string{`testdata/inline.json: definitions.framework.rules[tier-gold].effect.percent: decoding percent 20: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`}},
		{"unknown key in a book", kittest.Replace(t, in, `"list": "100.00"`, `"lst": "100.00"`),
			nil, []string{`testdata/inline.json: definitions.books[us].entries[SEC-100].lst: unknown field; did you mean "list"?`}},
		{"bad amount and limit in expectations", kittest.Replace(t, in, `"net_unit": "75.00"`, `"net_unit": "seventy"`, `"limit": "floor"`, `"limit": "flor"`),
			nil, []string{
				`testdata/inline.json: cases[gold-in-march].expect.lines[SEC-100].net_unit: decoding money: want a decimal string like "100.00" or {"amount":"100.00","currency":"USD"}: parsing decimal "seventy": invalid syntax`,
				// pricing.Limit has no JSONShape yet, so the decoder calls it a number.
				`testdata/inline.json: cases[gold-in-march].expect.lines[1].steps[spring].limit: want a whole number: unknown limit "flor": invalid syntax`,
			}},
		{"ids and instants", kittest.Replace(t, in, `"id": "gold-in-april", "at": "2026-04-01"`, `"id": "gold-in-march", "at": "2026-13-01"`, `"id": "silver-at-list", "at": "2026-04-01",`, ``),
			nil, []string{
				`testdata/inline.json: cases[gold-in-march].at: want a date like "2026-01-31" or an RFC 3339 time like "2026-01-31T09:00:00Z", got "2026-13-01"`,
			}},
		{"a rule in an unknown group", kittest.Replace(t, in, `"group": "promo", "when"`, `"group": "promos", "when"`),
			nil, []string{`testdata/inline.json: definitions.framework.rules[spring].group: must name a group (got "promos")`}},
		{"books and framework in files", withFiles, fstest.MapFS{"books.json": {Data: []byte(books)}, "framework.json": {Data: []byte(fw)}}, nil},
		{"a book file that does not parse", withFiles, fstest.MapFS{"books.json": {Data: []byte(strings.Replace(books, `"list"`, `"lst"`, 1))}, "framework.json": {Data: []byte(fw)}},
			[]string{`testdata/inline.json: definitions.books_file: testdata/books.json: books[us].entries[SEC-100].lst: unknown field; did you mean "list"?`}},
		{"a book file that does not compile", withFiles, fstest.MapFS{"books.json": {Data: []byte(strings.Replace(books, `"100.00"`, `"-1"`, 1))}, "framework.json": {Data: []byte(fw)}},
			[]string{`testdata/inline.json: definitions.books_file: testdata/books.json: books[us].entries[SEC-100].list: must not be negative (got "-1")`}},
		{"a missing file", withFiles, fstest.MapFS{"books.json": {Data: []byte(books)}},
			[]string{`testdata/inline.json: definitions.framework_file: testdata/framework.json: file does not exist`}},
		{"no files given", withFiles, nil,
			[]string{`testdata/inline.json: definitions.books_file: testdata/books.json: no files given to read it from`,
				`testdata/inline.json: definitions.framework_file: testdata/framework.json: no files given to read it from`}},
		{"books twice", kittest.Replace(t, in, `"definitions": {`, `"definitions": {"books_file": "books.json",`), fstest.MapFS{"books.json": {Data: []byte(books)}},
			[]string{`testdata/inline.json: definitions.books_file: give books or books_file, not both (got "books.json")`}},
		{"no books", in[:start] + `"definitions": {},` + "\n  " + in[end:], nil,
			[]string{`testdata/inline.json: definitions.books: a scenario needs price books (books or books_file)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var files fs.FS
			if tt.files != nil {
				files = tt.files
			}
			for _, f := range pricingtest.Check("testdata/inline.json", []byte(tt.in), files) {
				if f.CaseID != "" {
					if tt.want != nil {
						t.Errorf("case %s failed: %s", f.CaseID, f.Message)
					}
					continue
				}
				got = append(got, strings.Split(f.Message, "\n")...)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// testdata/waterfall holds copies of the pricing-waterfall example's
// books and framework, so that waterfall.json pins the example's
// numbers: a change to the example must be copied here (and its
// expectations reviewed).
func TestWaterfallCopiesAreCurrent(t *testing.T) {
	for _, name := range []string{"books.json", "framework.json"} {
		example, err := os.ReadFile("../../examples/pricing-waterfall/" + name)
		if err != nil {
			t.Skipf("the example is not here: %v", err)
		}
		if string(example) != kittest.ReadFile(t, "testdata/waterfall/"+name) {
			t.Errorf("testdata/waterfall/%s differs from examples/pricing-waterfall/%s: copy it and review waterfall.json", name, name)
		}
	}
}

// The package doc's scenario is testdata/readme.json, which runs with
// the others.
func TestDocScenarioRuns(t *testing.T) { kittest.DocScenario(t) }
