package payouttest_test

import (
	"os"
	"strings"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"testing"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"

	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

func TestScenarios(t *testing.T) {
	payouttest.Run(t, "testdata/*.json")
}

// The deliberately failing file reports every mismatch with its path
// and the statements side by side; the whole output is pinned in
// failing/accelerators.out (-update rewrites it: review its diff).
func TestCheckFailingFile(t *testing.T) {
	got := payouttest.Check("testdata/failing/accelerators.json", []byte(kittest.ReadFile(t, "testdata/failing/accelerators.json")), os.DirFS("testdata/failing"))
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
		{"q1-above-quota", "expect.total: got 14000.00 USD, want 15000.00\n" +
			"expect.components[base].lines[T-2].tier: got 2, want 3\n" +
			"expect.components[base].lines[T-2].rate: got 10%, want 20%\n" +
			"expect.adjustments: got 0 lines [], want 1 [plan_cap]\n" +
			"expect.skipped: transactions not skipped: T-4"},
		{"q1-below-half", "expect.components[base].tier: got 1, want 2\n" +
			"expect.components[base].lines: got 1 line [T-1], want 0 []\n" +
			`expect.components[bonus]: the statement has no component "bonus"`},
		{"split-credit", `expect.skipped[D-10].reason: got "not_credited", want "no_component"`},
		{"duplicate-transaction", `expect.error: got "payout: transactions[T-1]: duplicate transaction: \"T-1\" twice on 2026-01-10T00:00:00Z", want an error containing "unknown transaction"`},
	}
	if diff := cmp.Diff(want, shorts); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"      T-2              5500.00 (tier 3 at 20%) |     T-2              5500.00 (tier 2 at 10%)\n",
		"      plan_cap         ?                       |\n",
		"  total                15000.00 USD            | total                14000.00 USD\n",
		"testdata/failing/golden/acme-q1-stale.txt differs",
		"  Total: 13900.00 USD ",
	} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("failure output lacks %q", s)
		}
	}
	opstest.Golden(t, "testdata/failing/accelerators.out", []byte(all.String()))
}

// Malformed files give every problem with the file, the case ID and the
// field path, whether in the scenario, its plan or a plan file.
func TestMalformed(t *testing.T) {
	in := kittest.ReadFile(t, "testdata/accelerators.json")
	plan := kittest.ReadFile(t, "testdata/plans/new-rep.json")
	draw := kittest.ReadFile(t, "testdata/draw.json")
	tests := []struct {
		name  string
		in    string
		files fstest.MapFS
		want  []string
	}{
		{"unknown key in an expectation", kittest.Replace(t, in, `"total": "14000.00"`, `"totl": "14000.00"`),
			nil, []string{`testdata/x.json: cases[q1-above-quota].expect.totl: unknown field; did you mean "total"?`}},
		{"unknown key in a transaction", kittest.Replace(t, in, `{"id": "T-2", "date": "2026-02-10", "amount": "40000.00"}`, `{"id": "T-2", "date": "2026-02-10", "amout": "40000.00"}`),
			nil, []string{`testdata/x.json: cases[q1-above-quota].given.transactions[T-2].amout: unknown field; did you mean "amount"?`}},
		{"bare rate in the plan", kittest.Replace(t, in, `"rate": "5"`, `"rate": 5`),
			nil, []string{`testdata/x.json: definitions.plan.components[base].table.tiers[decelerator].rate: decoding percent 5: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`}},
		{"a plan that does not compile", kittest.Replace(t, in, `"period": "quarter"`, `"period": "fortnight"`),
			nil, []string{`testdata/x.json: definitions.plan.period: must be month, quarter, half or year (got "fortnight")`}},
		{"a plan file", draw, fstest.MapFS{"plans/new-rep.json": {Data: []byte(plan)},
			"golden/rep-march.txt": {Data: []byte(kittest.ReadFile(t, "testdata/golden/rep-march.txt"))}}, nil},
		{"a plan file that does not parse", draw, fstest.MapFS{"plans/new-rep.json": {Data: []byte(kittest.Replace(t, plan, `"kind": "commission"`, `"knd": "commission"`))}},
			[]string{`testdata/x.json: definitions.plan_file: testdata/plans/new-rep.json: components[c].knd: unknown field; did you mean "kind"?`}},
		{"a plan file that does not compile", draw, fstest.MapFS{"plans/new-rep.json": {Data: []byte(kittest.Replace(t, plan, `"rate": "10"`, `"rate": "-10"`))}},
			[]string{`testdata/x.json: definitions.plan_file: testdata/plans/new-rep.json: components[c].table.tiers[0].rate: must be a non-negative percent with at most 8 decimals (got "-10%")`}},
		{"a missing plan file", draw, fstest.MapFS{},
			[]string{`testdata/x.json: definitions.plan_file: testdata/plans/new-rep.json: file does not exist`}},
		{"no plan", kittest.Replace(t, draw, `"plan_file": "plans/new-rep.json"`, ``), nil,
			[]string{`testdata/x.json: definitions.plan: a scenario needs a payout plan (plan or plan_file)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kittest.FileProblems(t, payouttest.Check, tt.in, tt.files, tt.want == nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// A case's given instant, when written, must be the case's.
func TestGivenAtMustMatch(t *testing.T) {
	in := kittest.Replace(t, kittest.ReadFile(t, "testdata/accelerators.json"), `"given": {"payee": "acme", "transactions": [{"id": "T-1"`, `"given": {"payee": "acme", "at": "2026-02-01", "transactions": [{"id": "T-1"`)
	got := payouttest.Check("x.json", []byte(in), os.DirFS("testdata"))
	want := []opstest.Failure{{File: "x.json", CaseID: "q1-below-half", Message: "given.at: 2026-02-01T00:00:00Z differs from the case's at 2026-03-31T00:00:00Z; leave it out"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}
