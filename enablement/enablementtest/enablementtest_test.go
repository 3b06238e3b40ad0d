package enablementtest_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/enablement/enablementtest"
	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
)

func TestScenarios(t *testing.T) {
	enablementtest.Run(t, "testdata/*.json")
}

// The deliberately failing file reports every mismatch with its path
// and the compliance side by side; the whole output is pinned in
// failing/program.out (-update rewrites it: review its diff).
func TestCheckFailingFile(t *testing.T) {
	got := enablementtest.Check("testdata/failing/program.json", []byte(kittest.ReadFile(t, "testdata/failing/program.json")), os.DirFS("testdata/failing"))
	type short struct{ Case, Mismatches string }
	var shorts []short
	var all strings.Builder
	for _, f := range got {
		shorts = append(shorts, short{f.CaseID, kittest.FirstLines(f.Message)})
		all.WriteString(f.Error() + "\n\n")
	}
	want := []short{
		{"wrong-dates", "expect.falls_out_at: got 2026-09-30, want never\n" +
			"expect.requirements[silver-pro].have: got 2, want 1\n" +
			"expect.requirements[silver-pro].people: got [ana, bo], want [ana]\n" +
			"expect.requirements[bronze-pro]: the silver tier has no requirement bronze-pro\n" +
			"expect.gaps[gold-pro].gap: got 1, want 2\n" +
			"expect.gaps[gold-pro].assets: got [prep-pro], want [course-pro, prep-pro]\n" +
			"expect.gaps: no gap for gold-ops"},
		{"ready-for-gold", "expect.next_tier_met: got false, want true\nexpect.gaps: gaps not expected: gold-pro"},
		{"stale-compliance", "expect.compliance: testdata/failing/golden/stale.txt differs (run with -update to accept):"},
		{"no-error", `expect.error: no error, want an error containing "unknown tier"`},
		{"unexpected-error", `compliance failed: tier "platinum": unknown tier`},
	}
	if diff := cmp.Diff(want, shorts); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"  falls out at     never                  | falls out at     2026-09-30\n",
		"      assets         course-pro, prep-pro |     assets         prep-pro\n",
		"    gold-ops                 ?/? gap 1    |\n",
		"  next tier met    yes               | next tier met    no\n",
		"  silver  1 certified sales person (in pro)  1/1   met     2026-07-31  ana     | silver  1 certified sales person (in pro)  1/1   met     2026-06-30  ana\n",
	} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("failure output lacks %q", s)
		}
	}
	opstest.Golden(t, "testdata/failing/program.out", []byte(all.String()))
}

// Malformed files give every problem with the file, the case ID and the
// field path, whether in the scenario, its definition or a definition
// file.
func TestMalformed(t *testing.T) {
	in := kittest.ReadFile(t, "testdata/failing/program.json")
	nw := kittest.ReadFile(t, "testdata/northwind.json")
	def := kittest.ReadFile(t, "testdata/programs/northwind.json")
	golden := fstest.MapFS{}
	for _, g := range []string{"contoso-january", "fabrikam-gold"} {
		golden["golden/"+g+".txt"] = &fstest.MapFile{Data: []byte(kittest.ReadFile(t, "testdata/golden/"+g+".txt"))}
	}
	withDef := func(d string) fstest.MapFS {
		m := fstest.MapFS{"programs/northwind.json": {Data: []byte(d)}}
		for k, v := range golden {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name  string
		in    string
		files fstest.MapFS
		want  []string
	}{
		{"unknown key in an expectation", kittest.Replace(t, in, `"expect": {"met": true, "falls_out_at": "never"`, `"expect": {"mte": true, "falls_out_at": "never"`),
			nil, []string{`testdata/x.json: cases[wrong-dates].expect.mte: unknown field; did you mean "met"?`}},
		{"unknown key in a person", kittest.Replace(t, in, `{"id": "bo", "role": "sales", "certifications"`, `{"id": "bo", "role": "sales", "certifcations"`),
			nil, []string{`testdata/x.json: cases[wrong-dates].given.people[bo].certifcations: unknown field; did you mean "certifications"?`}},
		{"an instant that is not one", kittest.Replace(t, in, `"falls_out_at": "never"`, `"falls_out_at": "soon"`),
			nil, []string{`testdata/x.json: cases[wrong-dates].expect.falls_out_at: want a date like "2026-03-01", an RFC 3339 time like "2026-03-01T09:00:00Z", or "never"`}},
		{"a bare exam score", kittest.Replace(t, nw, `"score": "71"`, `"score": 71`),
			withDef(def), []string{`testdata/x.json: cases[contoso-january].given.people[cy].exams[0].score: decoding percent 71: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`}},
		{"a span in days as a number", kittest.Replace(t, in, `"validity": "P1Y"`, `"validity": 365`),
			nil, []string{`testdata/x.json: definitions.definition.certifications[pro].validity: want an ISO 8601 duration like "P1Y", "P6M" or "P90D", got the number 365`}},
		{"a definition that does not compile", kittest.Replace(t, in, `"tier": "gold", "count": 3`, `"tier": "gold", "count": 0`),
			nil, []string{`testdata/x.json: definitions.definition.requirements[gold-pro].count: must be from 1 to 100000 (got "0")`}},
		{"a definition file", nw, withDef(def), nil},
		{"a definition file that does not parse", nw, withDef(kittest.Replace(t, def, `"validity": "P1Y", "renewal_window": "P6M", "grace_period": "P30D"`, `"valid_for": "P1Y", "renewal_window": "P6M", "grace_period": "P30D"`)),
			[]string{`testdata/x.json: definitions.definition_file: testdata/programs/northwind.json: certifications[cloud-sales-pro].valid_for: unknown field; did you mean "validity"?`}},
		{"a definition file that does not compile", nw, withDef(kittest.Replace(t, def, `"tier": "gold", "count": 2`, `"tier": "diamond", "count": 2`)),
			[]string{`testdata/x.json: definitions.definition_file: testdata/programs/northwind.json: requirements[gold-sales].tier: must be a tier on the program's ladder (registered < silver < gold < platinum) (got "diamond")`}},
		{"a missing definition file", nw, fstest.MapFS{},
			[]string{`testdata/x.json: definitions.definition_file: testdata/programs/northwind.json: file does not exist`}},
		{"no definition", kittest.Replace(t, nw, `"definition_file": "programs/northwind.json"`, ``), nil,
			[]string{`testdata/x.json: definitions.definition: a scenario needs an enablement definition (definition or definition_file)`}},
		{"no instant", kittest.Replace(t, in, `{"id": "no-error", "at": "2026-02-01",`, `{"id": "no-error",`), nil,
			[]string{`testdata/x.json: cases[no-error].at: every case needs an instant, like "2026-03-01"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kittest.FileProblems(t, enablementtest.Check, tt.in, tt.files, tt.want == nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// The package doc's scenario is testdata/readme.json, which runs with
// the others.
func TestDocScenarioRuns(t *testing.T) { kittest.DocScenario(t) }

// A person of another partner would not count: the case fails with the
// person's path rather than pass or fail for a reason nobody sees.
func TestPeopleOfAnotherPartner(t *testing.T) {
	in := kittest.Replace(t, kittest.ReadFile(t, "testdata/readme.json"), `{"id": "ana", "role": "sales"`, `{"id": "ana", "partner": "globex", "role": "sales"`)
	got := enablementtest.Check("readme.json", []byte(in), os.DirFS("testdata"))
	want := []opstest.Failure{{File: "readme.json", CaseID: "contoso",
		Message: `given.people[ana].partner: not the given partner "contoso": the person would not count; leave it out (got "globex")`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}
