package performancetest_test

import (
	"errors"
	"os"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/kittest"

	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/opstest"

	"github.com/partnerops/partnerops/performance/performancetest"
)

func TestScenarios(t *testing.T) {
	performancetest.Run(t, "testdata/*.json")
}

func render(fs []opstest.Failure) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Error() + "\n\n")
	}
	return b.String()
}

// The deliberately failing file reports every mismatch with its path and
// the scorecards side by side; the whole output is pinned in
// failing/scorecard.out (-update rewrites it: review its diff).
func TestCheckFailingFile(t *testing.T) {
	got := performancetest.Check("testdata/failing/scorecard.json", []byte(kittest.ReadFile(t, "testdata/failing/scorecard.json")), os.DirFS("testdata/failing"))
	type short struct{ Case, Mismatches string }
	var shorts []short
	for _, f := range got {
		var lines []string
		for _, l := range strings.Split(f.Message, "\n") {
			if strings.HasPrefix(l, "  ") {
				break
			}
			lines = append(lines, l)
		}
		shorts = append(shorts, short{f.CaseID, strings.Join(lines, "\n")})
	}
	want := []short{
		{"wrong-total-and-metric", "expect.total: got 62.00, want 70.00\n" +
			`expect.band: got "amber", want "green"` + "\n" +
			"expect.metrics[deal_regs].value: got 1, want 2\n" +
			"expect.metrics[deal_regs].score: got 10.00, want 20.00\n" +
			"expect.metrics[win_rate]: the metric is excluded (missing): it has no score and no band\n" +
			`expect.metrics[nps]: the internal scorecard has no metric "nps"` + "\n" +
			"expect.excluded: got [win_rate], want []"},
		{"internal-metric-in-external-view", `expect.scored: got true, want false` + "\n" +
			`expect.metrics[certified_people]: the external scorecard has no metric "certified_people"`},
		{"wrong-error", `expect.error: got "given.observations[0]: observing \"nps\": unknown metric", want an error containing "outside every period"`},
		{"no-error", `expect.error: scored without an error, want an error containing "unknown metric"`},
		{"unexpected-error", `scoring failed: given.observations[0]: observing "certified_people": distinct-count observation without a key`},
	}
	if diff := cmp.Diff(want, shorts); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	opstest.Golden(t, "testdata/failing/scorecard.out", []byte(render(got)))
}

// Malformed files fail as a whole, with the file, the case ID and the
// field path of every problem.
func TestCheckMalformed(t *testing.T) {
	base := kittest.ReadFile(t, "testdata/scorecard.json")
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{
		{"unknown expect field", `"total": "65.00"`, `"totl": "65.00"`,
			[]string{`x.json: cases[newco-silver-no-regs].expect.totl: unknown field; did you mean "total"?`}},
		{"metric expectation of the wrong shape", `{"metric": "deal_regs", "score": "50.00", "contribution": "20.00"}`, `{"metric": "deal_regs", "score": "fifty"}`,
			[]string{"x.json: cases[acme-gold-q1-external].expect.metrics[deal_regs].score"}},
		{"observation without an instant field", `{"metric": "certified_people", "at": "2026-05-02", "key": "cy"}`, `{"metric": "certified_people", "when": "2026-05-02", "key": "cy"}`,
			[]string{"x.json: cases[newco-silver-no-regs].given.observations[0].when: unknown field"}},
		{"bad catalog", `"unit": "count",
       "indicator": "leading", "aggregation": "count", "visibility": "shared"}`, `"unit": "counts",
       "indicator": "leading", "aggregation": "count", "visibility": "shared"}`,
			[]string{"x.json: definitions.catalog.metrics[deal_regs].unit"}},
		{"template naming an unknown metric", `{"metric": "deal_regs", "weight": "1", "key": true`, `{"metric": "deal_reg", "weight": "1", "key": true`,
			[]string{"x.json: definitions.template.categories[engagement].metrics[deal_reg]"}},
		{"duplicate case id", `"id": "acme-gold-q1-external"`, `"id": "acme-gold-q1"`,
			[]string{"x.json: cases[acme-gold-q1].id: duplicate case id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("fixture has no %q", tc.old)
			}
			data := strings.Replace(base, tc.old, tc.new, 1)
			got := performancetest.Check("x.json", []byte(data), nil)
			if len(got) != 1 || got[0].CaseID != "" {
				t.Fatalf("want one file failure, got %v", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got[0].Message, w) {
					t.Errorf("message %q\nlacks %q", got[0].Message, w)
				}
			}
		})
	}
	if _, err := performancetest.Parse("x.json", []byte(strings.Replace(base, `"total": "65.00"`, `"totl": "65.00"`, 1))); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Parse error %v is not ErrInvalid", err)
	}
}
