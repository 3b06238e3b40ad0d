package fittest_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/strategy/fit"
	"github.com/partnerops/partnerops/strategy/fit/fittest"
)

func TestScenarios(t *testing.T) {
	fittest.Run(t, "testdata/*.json")
}

// The deliberately failing file reports every mismatch with its path
// and the scores side by side, criterion by criterion; the whole output
// is pinned in failing/icp.out (-update rewrites it: review its diff).
func TestCheckFailingFile(t *testing.T) {
	got := fittest.Check("testdata/failing/icp.json", []byte(kittest.ReadFile(t, "testdata/failing/icp.json")), os.DirFS("testdata/failing"))
	type short struct{ Case, Mismatches string }
	var shorts []short
	var all strings.Builder
	for _, f := range got {
		shorts = append(shorts, short{f.CaseID, kittest.FirstLines(f.Message)})
		all.WriteString(f.Error() + "\n\n")
	}
	want := []short{
		{"wrong-score", "expect.score: got 80.00, want 90\n" +
			`expect.contributions[size].outcome: got "partial", want "matched"` + "\n" +
			"expect.contributions[size].credit: got 60%, want 100%\n" +
			"expect.contributions[size].points: got 30.00, want 50\n" +
			`expect.contributions[stack]: the model has no criterion "stack"`},
		{"not-disqualified", "expect.disqualified: got false, want true\n" +
			"expect.disqualified_by: got [], want [region]\n" +
			`expect.contributions[industry].reason: got "industry \"retail\" is not one of [saas, fintech]", want "industry \"retail\" is not a target"`},
		{"stale-explanation", "expect.explanation: testdata/failing/golden/stale.txt differs (run with -update to accept):"},
		{"no-error", `expect.error: no error, want an error containing "not a number"`},
		{"unexpected-error", `scoring failed: given.attributes[employees]: "twelve" is not a number: wrong attribute kind`},
		{"unknown-attribute", `given.attributes[industy]: the model declares no attribute "industy"`},
	}
	if diff := cmp.Diff(want, shorts); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"  score            90                                 | score            80.00\n",
		"    size                 matched      100%      50    |   size                 partial      60%       30.00\n",
		"  disqualified     yes, by region                    | disqualified     no\n",
		"      industry \"retail\" is not a target              |     industry \"retail\" is not one of [saas, fintech]\n",
	} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("failure output lacks %q", s)
		}
	}
	opstest.Golden(t, "testdata/failing/icp.out", []byte(all.String()))
}

// Malformed files give every problem with the file, the case ID and the
// field path, whether in the scenario, its model or a model file.
func TestMalformed(t *testing.T) {
	in := kittest.ReadFile(t, "testdata/ipp.json")
	model := kittest.ReadFile(t, "testdata/models/icp.json")
	icp := kittest.ReadFile(t, "testdata/icp.json")
	tests := []struct {
		name  string
		in    string
		files fstest.MapFS
		want  []string
	}{
		{"unknown key in an expectation", kittest.Replace(t, in, `"expect": {"score": "100"`, `"expect": {"scor": "100"`),
			nil, []string{`testdata/x.json: cases[northwind].expect.scor: unknown field; did you mean "score"?`}},
		{"unknown key in a contribution", kittest.Replace(t, in, `{"criterion": "bench-depth", "credit": "10"`, `{"criterion": "bench-depth", "credt": "10"`),
			nil, []string{`testdata/x.json: cases[fabrikam].expect.contributions[bench-depth].credt: unknown field; did you mean "credit"?`}},
		{"bare percent in an expectation", kittest.Replace(t, in, `"coverage": "70"`, `"coverage": 70`),
			nil, []string{`testdata/x.json: cases[tailspin-unknown-bench].expect.coverage: decoding percent 70: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`}},
		{"an attribute value of the wrong shape", kittest.Replace(t, in, `"attributes": {"type": "si"}`, `"attributes": {"type": {"x": 1}}`),
			nil, []string{`testdata/x.json: cases[tailspin-unknown-bench].given.attributes[type]: want a string, a number, true or false, or a list of strings, got map[x:1]`}},
		{"bare percent in the model", kittest.Replace(t, in, `"min_coverage": "80"`, `"min_coverage": 0.8`),
			nil, []string{`testdata/x.json: definitions.model.min_coverage: decoding percent 0.8: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`}},
		{"a model that does not compile", kittest.Replace(t, in, `"weight": "30", "values": ["msp", "si"]`, `"weight": "-30", "values": ["msp", "si"]`),
			nil, []string{`testdata/x.json: definitions.model.criteria[services-led].weight: must be between 0 and 1000000 with at most 4 fraction digits (got "-30")`}},
		{"a model file", icp, fstest.MapFS{"models/icp.json": {Data: []byte(model)}, "golden/acme-analytics.txt": {Data: []byte(kittest.ReadFile(t, "testdata/golden/acme-analytics.txt"))},
			"golden/fjord-health.txt": {Data: []byte(kittest.ReadFile(t, "testdata/golden/fjord-health.txt"))}}, nil},
		{"a model file that does not parse", icp, fstest.MapFS{"models/icp.json": {Data: []byte(kittest.Replace(t, model, `"kind": "bands"`, `"knd": "bands"`))}},
			[]string{`testdata/x.json: definitions.model_file: testdata/models/icp.json: criteria[size].knd: unknown field; did you mean "kind"?`}},
		{"a model file that does not compile", icp, fstest.MapFS{"models/icp.json": {Data: []byte(kittest.Replace(t, model, `"min": "200", "max": "2000"`, `"min": "100", "max": "2000"`))}},
			[]string{`testdata/x.json: definitions.model_file: testdata/models/icp.json: criteria[size].bands[mid-market]: overlaps band "small"`}},
		{"a missing model file", icp, fstest.MapFS{},
			[]string{`testdata/x.json: definitions.model_file: testdata/models/icp.json: file does not exist`}},
		{"a model file outside the folder", kittest.Replace(t, icp, `"models/icp.json"`, `"../models/icp.json"`), fstest.MapFS{},
			[]string{`testdata/x.json: definitions.model_file: "../models/icp.json": want a slash-separated path inside the scenario file's folder`}},
		{"model and model file", kittest.Replace(t, icp, `"definitions": {"model_file"`, `"definitions": {"model": {"attributes": [], "criteria": []}, "model_file"`), fstest.MapFS{},
			[]string{`testdata/x.json: definitions.model_file: give model or model_file, not both (got "models/icp.json")`}},
		{"no model", kittest.Replace(t, icp, `"model_file": "models/icp.json"`, ``), nil,
			[]string{`testdata/x.json: definitions.model: a scenario needs a fit model (model or model_file)`}},
		{"duplicate case", kittest.Replace(t, in, `"id": "fabrikam", "given"`, `"id": "northwind", "given"`), nil,
			[]string{`testdata/x.json: cases[northwind].id: duplicate case id (got "northwind")`}},
	}
	check := func(name string, data []byte, fsys fs.FS) []opstest.Failure { return fittest.Check(name, data, fsys) }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kittest.FileProblems(t, check, tt.in, tt.files, tt.want == nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// A criterion bound to a host predicate compiles with the option Run and
// Check pass on.
func TestPredicates(t *testing.T) {
	scenario := `{"definitions": {"model": {"attributes": [{"name": "domain", "kind": "string"}],
	  "criteria": [{"id": "known", "kind": "predicate", "predicate": "in_crm", "weight": "1"}]}},
	 "cases": [{"id": "a", "given": {"attributes": {"domain": "a.example"}}, "expect": {"score": "100"}},
	           {"id": "b", "given": {"attributes": {"domain": "b.example"}}, "expect": {"score": "0"}}]}`
	inCRM := fit.WithPredicate("in_crm", func(e *fit.Entity) bool { d, _ := e.String("domain"); return d == "a.example" })
	if got := fittest.Check("p.json", []byte(scenario), nil, inCRM); len(got) != 0 {
		t.Errorf("Check with the predicate: %v", got)
	}
	got := fittest.Check("p.json", []byte(scenario), nil)
	if len(got) != 1 || got[0].CaseID != "" || !strings.Contains(got[0].Message, "in_crm") {
		t.Errorf("Check without the predicate = %v, want one compile problem naming in_crm", got)
	}
}

// The package doc's scenario is testdata/readme.json, which runs with
// the others.
func TestDocScenarioRuns(t *testing.T) { kittest.DocScenario(t) }
