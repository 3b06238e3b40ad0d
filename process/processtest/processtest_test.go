package processtest_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/process/processtest"
)

func TestScenarios(t *testing.T) {
	processtest.Run(t, "testdata/*.json")
}

// The deliberately failing file reports every mismatch with its path
// and the runs side by side, step by step; the whole output is pinned in
// failing/quote.out (-update rewrites it: review its diff).
func TestCheckFailingFile(t *testing.T) {
	got := processtest.Check("testdata/failing/quote.json", []byte(kittest.ReadFile(t, "testdata/failing/quote.json")), os.DirFS("testdata/failing"))
	type short struct{ Case, Mismatches string }
	var shorts []short
	var all strings.Builder
	for _, f := range got {
		shorts = append(shorts, short{f.CaseID, kittest.FirstLines(f.Message)})
		all.WriteString(f.Error() + "\n\n")
	}
	want := []short{
		{"forgot-the-cfo", `expect.state: got "deal_desk", want "approved"` + "\n" +
			"expect.due: got 2026-03-02T17:05:00Z, want 2026-04-01T11:00:00Z\n" +
			"expect.breached: got true, want false\n" +
			"expect.breaches: got 1 [deal_desk], want 0 []\n" +
			"expect.pending: got [cfo], want []\n" +
			"expect.data[discount]: got 35, want 30\n" +
			"expect.effects[desk]: got 1 effect [request_approval], want 2 [notify, start_timer]\n" +
			"expect.effects[desk][0].kind: got request_approval, want notify\n" +
			`expect.effects[desk][0].role: got "cfo", want "sales_rep"`},
		{"refusals", "expect.refused[win-next-year].reason: got guard_rejected, want invalid_transition\n" +
			"expect.refused[hold]: step hold (hold) was not refused\n" +
			`expect.refused[resume]: no step "resume" in the history` + "\n" +
			`given.steps[3]: refused: workflow "quote_approval": event "approve" in state "on_hold": allowed events are "cancel", "resume": event not allowed in state`},
		{"stale-history", "expect.history: testdata/failing/golden/stale.md differs (run with -update to accept):"},
		{"no-error", `expect.error: no error, want an error containing "unknown workflow"`},
		{"out-of-order", `given.steps[1].at: before the previous step's 2026-03-03 (got "2026-03-02T10:00:00Z")` + "\n" +
			`given.steps[2].at: after the case's instant 2026-03-10 (got "2026-03-11")` + "\n" +
			"given.steps[2]: an advance step takes an id and an instant only"},
	}
	if diff := cmp.Diff(want, shorts); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"    forgot-the-cfo/3/0 notify deal_desk role=sales_rep                 |   forgot-the-cfo/3/0 request_approval deal_desk role=cfo\n",
		"  state          approved                                              | state          deal_desk\n",
		"  hold           2026-03-09T10:00:00Z  hold: refused                     | hold           2026-03-09T10:00:00Z  hold: approved -> on_hold\n",
		"  3              2026-03-09T11:00:00Z  approve: not refused              | 3              2026-03-09T11:00:00Z  approve: refused (invalid_transition)\n",
	} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("failure output lacks %q", s)
		}
	}
	opstest.Golden(t, "testdata/failing/quote.out", []byte(all.String()))
}

// Malformed files give every problem with the file, the case ID and the
// field path, whether in the scenario, its workflow, its calendar or the
// files they are kept in.
func TestMalformed(t *testing.T) {
	quote := kittest.ReadFile(t, "testdata/quote.json")
	wf := kittest.ReadFile(t, "testdata/workflows/quote.json")
	dr := kittest.ReadFile(t, "testdata/dealreg.json")
	files := func(w string) fstest.MapFS { return fstest.MapFS{"workflows/quote.json": {Data: []byte(w)}} }
	tests := []struct {
		name  string
		in    string
		files fstest.MapFS
		want  []string
	}{
		{"unknown key in an expectation", kittest.Replace(t, quote, `"expect": {"state": "approved", "due"`, `"expect": {"stat": "approved", "due"`),
			files(wf), []string{`testdata/x.json: cases[small-discount].expect.stat: unknown field; did you mean "state"?`}},
		{"unknown key in a step", kittest.Replace(t, quote, `{"id": "desk", "at": "2026-03-02T11:00:00Z", "event": "approve", "actor": "desk:bo", "role"`, `{"id": "desk", "at": "2026-03-02T11:00:00Z", "event": "approve", "actor": "desk:bo", "rol"`),
			files(wf), []string{`testdata/x.json: cases[cfo-approves-35].given.steps[desk].rol: unknown field; did you mean "role"?`}},
		{"a bare number in data", kittest.Replace(t, quote, `"data": {"discount": {"number": "15"}}`, `"data": {"discount": 15}`),
			files(wf), []string{`testdata/x.json: cases[small-discount].given.steps[0].data[discount]: want an object with one key: {"number":"1000000"}, {"string":"EMEA"}, {"bool":true} or {"time":"2026-03-01T09:00:00Z"}, got 15`}},
		{"an unknown effect kind", kittest.Replace(t, quote, `"kind": "request_approval"`, `"kind": "ask"`),
			files(wf), []string{`testdata/x.json: cases[cfo-approves-35].expect.effects[desk].kind: want a whole number: unknown effect kind "ask": invalid syntax`}},
		{"a duration as a number", kittest.Replace(t, dr, `"overdue": "140h",`, `"overdue": "140 hours",`),
			nil, []string{`testdata/x.json: cases[review-breached].expect.overdue: want a duration like "72h" or "90m", got "140 hours"`}},
		{"a workflow file that does not parse", quote, files(kittest.Replace(t, wf, `{"name": "draft", "owner": "sales_rep"}`, `{"name": "draft", "onwer": "sales_rep"}`)),
			[]string{`testdata/x.json: definitions.workflow_file: testdata/workflows/quote.json: states[draft].onwer: unknown field; did you mean "owner"?`}},
		{"a workflow file that does not compile", quote, files(kittest.Replace(t, wf, `"fire": "expire"`, `"fire": "lapse"`)),
			[]string{`testdata/x.json: definitions.workflow_file: testdata/workflows/quote.json: states[approved].sla.fire: the state has no transition for this event (got "lapse")`}},
		{"a missing workflow file", quote, fstest.MapFS{},
			[]string{`testdata/x.json: definitions.workflow_file: testdata/workflows/quote.json: file does not exist`}},
		{"an unknown standard workflow", kittest.Replace(t, dr, `"standard": "deal_registration"`, `"standard": "deal_reg"`), nil,
			[]string{`testdata/x.json: definitions.standard: no standard workflow has this ID; the standard workflows are partner_onboarding, deal_registration, co_sell, mdf_claim, channel_conflict, partner_offboarding, partner_lifecycle, lead_acceptance (got "deal_reg")`}},
		{"a business clock without a calendar", kittest.Replace(t, dr, `, "calendar": {"time_zone": "UTC", "holidays": ["2026-12-25"]}`, ``), nil,
			[]string{`testdata/x.json: definitions.workflow.states[submitted].sla.clock: business clock needs a calendar: compile with process.WithCalendar (got "business")`,
				`testdata/x.json: definitions.workflow.states[under_review].sla.clock: business clock needs a calendar: compile with process.WithCalendar (got "business")`,
				`testdata/x.json: definitions.calendar: the workflow counts business time: give the scenario a calendar (calendar or calendar_file)`}},
		{"a calendar that does not parse", kittest.Replace(t, dr, `"holidays": ["2026-12-25"]`, `"holidays": ["25/12/2026"]`), nil,
			[]string{`testdata/x.json: definitions.calendar.holidays[0]: must be a date YYYY-MM-DD (got "25/12/2026")`}},
		{"an unknown time zone", kittest.Replace(t, dr, `"time_zone": "UTC"`, `"time_zone": "Mars/Olympus"`), nil,
			[]string{`testdata/x.json: definitions.calendar.time_zone: cannot load the time zone: unknown time zone Mars/Olympus (got "Mars/Olympus")`}},
		{"two workflows", kittest.Replace(t, dr, `"standard": "deal_registration"`, `"standard": "deal_registration", "workflow_file": "x.json"`), nil,
			[]string{`testdata/x.json: definitions.workflow: give one of workflow, workflow_file and standard`}},
		{"no workflow", kittest.Replace(t, dr, `"standard": "deal_registration", `, ``), nil,
			[]string{`testdata/x.json: definitions.workflow: a scenario needs a workflow (workflow, workflow_file or standard)`}},
	}
	check := func(name string, data []byte, fsys fs.FS) []opstest.Failure {
		return processtest.Check(name, data, fsys)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kittest.FileProblems(t, check, tt.in, tt.files, tt.want == nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// The package doc's scenario is testdata/readme.json, which runs with
// the others.
func TestDocScenarioRuns(t *testing.T) { kittest.DocScenario(t) }
