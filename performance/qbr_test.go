package performance_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// qbrResults scores the given per-quarter values for partner "p".
func qbrResults(t *testing.T, sc *performance.Scorecard, quarters ...map[string]partnerops.Decimal) []performance.Result {
	t.Helper()
	var out []performance.Result
	for i, v := range quarters {
		r, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: "silver", Period: quarter(2027, 1).Shift(i), Values: v}, performance.ViewInternal)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestQBRRules(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	prev := map[string]partnerops.Decimal{
		"deal_regs": d("10"), "portal_logins": d("30"), "bookings": d("100000"), "win_rate": d("45"),
		"csat": d("80"), "days_to_close": d("60"), "certified_people": d("2"),
	}
	cur := map[string]partnerops.Decimal{
		"deal_regs":     d("12"),     // at 120% of plan, +20%
		"portal_logins": d("10"),     // −66.7%, score 33.33: lowest band
		"bookings":      d("125000"), // +25%, 50% of plan
		"win_rate":      d("44"),     // −2.2%: not notable
		"csat":          d("60"),     // score 25: lowest band, −25%
		"days_to_close": d("30"),     // halves: 100% of plan
		// certified_people missing: lowest band with no data
	}
	results := qbrResults(t, sc, prev, cur)
	q, err := sc.QBR(performance.QBRInput{Partner: partnerops.Partner{ID: "p", Name: "P"}, Quarter: quarter(2027, 2),
		Scorecards: results, Plan: map[string]partnerops.Decimal{"bookings": d("250000")},
		Enablement: []performance.EnablementItem{{Name: "a", Completed: 5, Required: 4}, {Name: "b", Completed: 0, Required: 4}, {Name: "c", Completed: 3, Required: 0}},
	}, performance.QBRRules{Growth: partnerops.MustPercent("10"), MaxHighlights: 4})
	if err != nil {
		t.Fatal(err)
	}
	if q.Label != "FY2027-Q2" {
		t.Errorf("label %q", q.Label)
	}
	notes := func(ns []performance.Note) (out []string) {
		for _, n := range ns {
			out = append(out, n.Metric+":"+n.Rule)
		}
		return out
	}
	// Met plan first by attainment (deal_regs 120%, win_rate 110%, days
	// 100%), then improvements not already listed (bookings +25%).
	if diff := cmp.Diff([]string{"deal_regs:met_plan", "win_rate:met_plan", "days_to_close:met_plan", "bookings:improved"}, notes(q.Highlights)); diff != "" {
		t.Errorf("highlights (-want +got):\n%s", diff)
	}
	// Lowest band by score (missing certified 0, csat 25, logins 33.33),
	// then declines not already listed.
	if diff := cmp.Diff([]string{"certified_people:lowest_band", "csat:lowest_band", "portal_logins:lowest_band"}, notes(q.Lowlights)); diff != "" {
		t.Errorf("lowlights (-want +got):\n%s", diff)
	}
	// Enablement: min(5,4) + 0 = 4 of 8 = 50%; c has no requirement.
	if !q.EnablementProgress.Equal(pct("50")) {
		t.Errorf("enablement %s", q.EnablementProgress)
	}
	line := func(key string) performance.PlanLine {
		for _, l := range q.Performance {
			if l.Metric == key {
				return l
			}
		}
		t.Fatalf("no line %s", key)
		return performance.PlanLine{}
	}
	// Bookings: plan override 250000, actual 125000 → 50%.
	if l := line("bookings"); l.Plan != "250000.00 USD" || !l.Attainment.Equal(pct("50")) || l.Change != "+25000.00 USD" {
		t.Errorf("bookings line %+v", l)
	}
	// Lower is better: plan 30 / actual 30 = 100%.
	if l := line("days_to_close"); !l.Attainment.Equal(pct("100")) || l.Change != "-30.00 days" {
		t.Errorf("days line %+v", l)
	}
	// Missing and counted as zero: shown as the scorecard shows it.
	if l := line("certified_people"); l.HasActual || l.HasAttainment || l.Actual != "missing (zero)" || !l.Counted || l.Band != "red" {
		t.Errorf("missing line %+v", l)
	}
	growth := map[string]string{}
	for _, g := range q.Growth {
		growth[g.Metric] = g.Target
	}
	want := map[string]string{
		// Higher is better: max(latest, latest + slope) × 1.1, rounded up.
		"deal_regs":        "16",            // (12 + 2) × 1.1 = 15.4 → 16
		"bookings":         "165000.00 USD", // (125000 + 25000) × 1.1
		"win_rate":         "48.40%",        // max(44, 43) × 1.1
		"csat":             "66.00%",        // max(60, 40) × 1.1
		"portal_logins":    "11",            // max(10, −10) × 1.1 = 11
		"days_to_close":    "0.00 days",     // lower: min(30, 0) × 0.9 = 0
		"certified_people": "3",             // the last known value, 2, × 1.1, rounded up
	}
	if diff := cmp.Diff(want, growth); diff != "" {
		t.Errorf("growth targets (-want +got):\n%s", diff)
	}
	md := q.Markdown()
	for _, s := range []string{"# QBR FY2027-Q2: P", "| Bookings | 250000.00 USD | 125000.00 USD | 50.00% |", "Overall: 50.00% complete.", "- Open risks: none", "Next-quarter targets: trend projection plus 10% growth."} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
	if md != q.Markdown() {
		t.Error("Markdown is not deterministic")
	}
}

func TestQBRErrors(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	results := qbrResults(t, sc, map[string]partnerops.Decimal{}, map[string]partnerops.Decimal{})
	other := results[0]
	other.Partner = "x"
	tmpl := results[0]
	tmpl.Template = "other"
	tests := []struct {
		name string
		in   performance.QBRInput
		why  string
	}{
		{"no scorecards", performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 2)}, "no scorecards"},
		{"no quarter", performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Scorecards: results}, "needs a valid period"},
		{"wrong partner", performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 2), Scorecards: []performance.Result{other}}, `partner "x"`},
		{"wrong template", performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 2), Scorecards: []performance.Result{tmpl}}, `template "other"`},
		{"wrong quarter", performance.QBRInput{Partner: partnerops.Partner{ID: "p"}, Quarter: quarter(2027, 4), Scorecards: results}, "the last scorecard is for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sc.QBR(tt.in, performance.QBRRules{})
			if !errors.Is(err, partnerops.ErrInvalid) || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("QBR = %v, want ErrInvalid saying %q", err, tt.why)
			}
		})
	}
}

func TestResultMarkdownNotScored(t *testing.T) {
	tmpl := sampleTemplate()
	tmpl.Missing = performance.MissingPolicy{Mode: performance.MissingExclude}
	sc, _ := performance.CompileScorecard(mustCatalog(), tmpl, program)
	r, _ := sc.Score(performance.ScoreInput{Partner: "p"}, performance.ViewExternal)
	if !strings.Contains(r.Markdown(), "**Not scored**") || r.String() != "p external: not scored" {
		t.Errorf("not scored rendering:\n%s\n%s", r.Markdown(), r.String())
	}
}
