package performance_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart/charttest"
	"github.com/partnerops/partnerops/performance"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// chartQuarters are four quarters of a silver partner's values.
var chartQuarters = []map[string]partnerops.Decimal{
	{"deal_regs": d("6"), "portal_logins": d("20"), "bookings": d("90000"), "win_rate": d("25"), "csat": d("70"), "certified_people": d("1")},
	{"deal_regs": d("8"), "portal_logins": d("25"), "bookings": d("120000"), "win_rate": d("31"), "csat": d("75"), "days_to_close": d("60"), "certified_people": d("2")},
	{"deal_regs": d("7"), "portal_logins": d("31"), "win_rate": d("35"), "csat": d("80"), "days_to_close": d("45"), "certified_people": d("2")},
	{"deal_regs": d("11"), "portal_logins": d("12"), "bookings": d("210000"), "win_rate": d("42"), "csat": d("85"), "days_to_close": d("40"), "certified_people": d("3")},
}

// chartResults scores chartQuarters for partner "p-acme" in view.
func chartResults(t testing.TB, sc *performance.Scorecard, view performance.View) []performance.Result {
	out := make([]performance.Result, len(chartQuarters))
	for i, v := range chartQuarters {
		r, err := sc.Score(performance.ScoreInput{Partner: "p-acme", Tier: "silver", Period: quarter(2027, 1).Shift(i), Values: v}, view)
		fatalIf(t, err)
		out[i] = r
	}
	return out
}

func chartQBR(t testing.TB, sc *performance.Scorecard, results []performance.Result) performance.QBR {
	sat := d("8.5")
	q, err := sc.QBR(performance.QBRInput{
		Partner: partnerops.Partner{ID: "p-acme", Name: "Acme Cloud", Tier: "silver"}, Quarter: quarter(2027, 4),
		Scorecards: results,
		Enablement: []performance.EnablementItem{{Name: "Certified sales engineers", Completed: 3, Required: 4}},
		Health: performance.Health{Satisfaction: &sat, SatisfactionLabel: "CSAT", Conflicts: 1,
			Risks: []performance.Risk{{Title: "Key seller leaving", Severity: "high", Owner: "Dana"}}},
		Actions: []performance.Action{{Title: "Joint webinar", Owner: "Acme"}},
	}, performance.QBRRules{Growth: pct("10")})
	fatalIf(t, err)
	return q
}

// fatalIf stops the test on err, or panics when there is no test (in
// examples).
func fatalIf(t testing.TB, err error) {
	if err == nil {
		return
	}
	if t == nil {
		panic(err)
	}
	t.Helper()
	t.Fatal(err)
}

func chartRecs() []performance.Recommendation {
	rec := func(p string, from, to partnerops.Tier, dec performance.Decision) performance.Recommendation {
		return performance.Recommendation{Partner: partnerops.PartnerID(p), From: from, To: to, Decision: dec}
	}
	return []performance.Recommendation{
		rec("a", "silver", "gold", performance.DecisionPromote),
		rec("b", "silver", "silver", performance.DecisionKeep),
		rec("c", "gold", "gold", performance.DecisionKeep),
		rec("d", "gold", "silver", performance.DecisionDemote),
		rec("e", "registered", "silver", performance.DecisionPromote),
		rec("f", "silver", "silver", performance.DecisionKeep),
		rec("g", "platinum", "platinum", performance.DecisionKeep),
		rec("h", "gold", "platinum", performance.DecisionPromote),
	}
}

// chartOutputs renders every chart and page of the fixture, by golden
// file name.
func chartOutputs(t testing.TB) (names []string, outs [][]byte) {
	sc := mustScorecard(mustCatalog())
	internal := chartResults(t, sc, performance.ViewInternal)
	external := chartResults(t, sc, performance.ViewExternal)
	q := chartQBR(t, sc, external)
	ranks := mustBench([]performance.Peer{{Partner: "p-acme", Group: "silver", Value: d("210000")}, {Partner: "p-b", Group: "silver", Value: d("100000")},
		{Partner: "p-c", Group: "silver", Value: d("300000")}, {Partner: "p-d", Group: "silver", Value: d("50000")}}, performance.HigherIsBetter)
	add := func(name string, b []byte) { names, outs = append(names, name), append(outs, b) }
	add("contributions_internal.svg", internal[3].SVG())
	add("contributions_external.svg", external[3].SVG())
	add("trend_bookings.svg", performance.TrendSVG(internal, "bookings"))
	add("trend_win_rate.svg", performance.TrendSVG(external, "win_rate"))
	add("qbr_trend_deal_regs.svg", q.TrendSVG("deal_regs"))
	add("peer_position.svg", ranks[0].SVG())
	add("tier_movement.svg", performance.MovementSVG(ladder, chartRecs()))
	add("scorecard_external.html", external[3].HTML())
	add("qbr_external.html", q.HTML())
	// Empty and degenerate inputs.
	add("empty_result.svg", (&performance.Result{}).SVG())
	add("empty_trend.svg", performance.TrendSVG(nil, "bookings"))
	add("empty_movement.svg", performance.MovementSVG(partnerops.TierLadder{}, nil))
	add("empty_result.html", (&performance.Result{}).HTML())
	add("empty_qbr.html", (&performance.QBR{}).HTML())
	return names, outs
}

func TestChartsGolden(t *testing.T) {
	names, outs := chartOutputs(t)
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			if err := charttest.Check(outs[i]); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			charttest.Golden(t, *update, filepath.Join("charts", name), outs[i])
		})
	}
}

// TestChartsDeterministic: the same input gives the same bytes, and a
// result or QBR decoded from its JSON draws the same bytes.
func TestChartsDeterministic(t *testing.T) {
	_, a := chartOutputs(t)
	names, b := chartOutputs(t)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("%s: two renders differ", names[i])
		}
	}
	sc := mustScorecard(mustCatalog())
	rs := chartResults(t, sc, performance.ViewExternal)
	q := chartQBR(t, sc, rs)
	var rBack performance.Result
	var qBack performance.QBR
	jsonCopy(t, &rs[3], &rBack)
	jsonCopy(t, &q, &qBack)
	if !bytes.Equal(rs[3].HTML(), rBack.HTML()) || !bytes.Equal(rs[3].SVG(), rBack.SVG()) {
		t.Error("a decoded result draws other bytes")
	}
	if !bytes.Equal(q.HTML(), qBack.HTML()) || !bytes.Equal(q.TrendSVG("bookings"), qBack.TrendSVG("bookings")) {
		t.Error("a decoded QBR draws other bytes")
	}
}

func jsonCopy(t *testing.T, v, into any) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatal(err)
	}
}

// TestChartsContent checks what the fixture's charts must say.
func TestChartsContent(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	rs := chartResults(t, sc, performance.ViewInternal)
	q := chartQBR(t, sc, chartResults(t, sc, performance.ViewExternal))
	for _, tc := range []struct {
		name string
		out  []byte
		want []string
	}{
		{"contributions", rs[3].SVG(), []string{"Engagement", "Selling motion", "Total", "Earned", "Missed", "Total " + rs[3].Total.String() + " of 100"}},
		{"trend", performance.TrendSVG(rs, "bookings"), []string{"Bookings", "Target", "250000.00 USD", "210000.00 USD", "none in FY2027-Q3"}},
		{"movement", performance.MovementSVG(ladder, chartRecs()), []string{"registered", "platinum", "Promote", "Keep", "Demote", "8 partners reviewed: 3 to promote, 4 to keep, 1 to demote"}},
		{"qbr", q.HTML(), []string{"Performance against plan", "Scorecard by category", "Enablement progress", "Partnership health",
			"Highlights", "Lowlights", "Growth plan", "Key seller leaving", "Joint webinar", "Acme Cloud", "<svg"}},
	} {
		for _, w := range tc.want {
			if !bytes.Contains(tc.out, []byte(w)) {
				t.Errorf("%s lacks %q", tc.name, w)
			}
		}
	}
	// The HTML has no script and asks for nothing external.
	for _, out := range [][]byte{q.HTML(), rs[3].HTML()} {
		s := strings.ToLower(string(out))
		for _, bad := range []string{"<script", "http://", "https://", "src=", "@import", "url(h", "url(/", "url(d"} {
			if strings.Contains(s, bad) && !(bad == "http://" && strings.Count(s, "http://www.w3.org/") == strings.Count(s, "http://")) {
				t.Errorf("page contains %q", bad)
			}
		}
	}
}
