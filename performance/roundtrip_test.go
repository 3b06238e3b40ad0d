package performance_test

// Results are lossless data (issue 12): every result type round-trips
// through JSON, decode(encode(r)) equal to r and rendering the same text,
// with snake_case keys.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
	"pgregory.net/rapid"
)

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkKeys fails on any object key in v that is not snake_case.
func checkKeys(t *rapid.T, v any, path string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if !snakeKey.MatchString(k) {
				t.Fatalf("key %q at %s is not snake_case", k, path)
			}
			checkKeys(t, e, path+"."+k)
		}
	case []any:
		for i, e := range x {
			checkKeys(t, e, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// roundTrip encodes v, decodes it into a new T and checks that the result
// equals v, renders the same with render (when given) and uses
// snake_case keys.
func roundTrip[T any](t *rapid.T, v T, render func(*T) string) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	if diff := cmp.Diff(v, back); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s\n%s", diff, b)
	}
	if render != nil {
		if a, z := render(&v), render(&back); a != z {
			t.Fatalf("renders differ:\n%s\n---\n%s", a, z)
		}
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatal(err)
	}
	checkKeys(t, generic, "")
}

var sampleKeys = []string{"deal_regs", "portal_logins", "certified_people", "bookings", "win_rate", "days_to_close", "csat", "deal_size_p90"}

// genValues draws metric values for the sample template, some missing.
func genValues(t *rapid.T, label string) map[string]partnerops.Decimal {
	vals := map[string]partnerops.Decimal{}
	for _, k := range sampleKeys {
		if rapid.IntRange(0, 5).Draw(t, label+k+"?") == 0 {
			continue
		}
		vals[k] = partnerops.NewDecimal(rapid.Int64Range(-1000, 1_000_000_00).Draw(t, label+k), -int32(rapid.IntRange(0, 4).Draw(t, label+k+"e")))
	}
	return vals
}

func genScoreInput(t *rapid.T, label string, period partnerops.Period) performance.ScoreInput {
	return performance.ScoreInput{
		Partner: "acme",
		Tier:    rapid.SampledFrom(ladder.Tiers()).Draw(t, label+"tier"),
		Segment: rapid.SampledFrom([]string{"", "smb", "enterprise"}).Draw(t, label+"segment"),
		Period:  period,
		Values:  genValues(t, label),
	}
}

func genSeries(t *rapid.T, label string) []performance.Point {
	n := rapid.IntRange(0, 8).Draw(t, label+"n")
	out := make([]performance.Point, n)
	for i := range out {
		out[i].Period = quarter(2027, 1).Shift(i)
		if rapid.Bool().Draw(t, label+"present") {
			out[i].Value = partnerops.NewDecimal(rapid.Int64Range(-1e9, 1e9).Draw(t, label+"v"), -int32(rapid.IntRange(0, 3).Draw(t, label+"e")))
			out[i].Present = true
		}
	}
	return out
}

func TestResultsRoundTrip(t *testing.T) {
	cat := mustCatalog()
	sc := mustScorecard(cat)
	acat := aggCatalog(t)
	q, _ := performance.NewRequalifier(ladder, samplePolicy())

	t.Run("ScoreInput and Result", rapid.MakeCheck(func(t *rapid.T) {
		period := partnerops.Period{}
		if rapid.Bool().Draw(t, "period") {
			period = quarter(2027, rapid.IntRange(1, 4).Draw(t, "q"))
		}
		in := genScoreInput(t, "", period)
		roundTrip(t, in, nil)
		view := rapid.SampledFrom([]performance.View{performance.ViewInternal, performance.ViewExternal}).Draw(t, "view")
		r, err := sc.Score(in, view)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, r, func(r *performance.Result) string { return r.Markdown() + r.String() })
		all, err := sc.ScoreAll([]performance.ScoreInput{in, in}, view)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, all, nil)
	}))

	t.Run("aggregates", rapid.MakeCheck(func(t *rapid.T) {
		agg, _ := acat.NewAggregator(twoQtr)
		obs := rapid.SliceOfN(rapid.Custom(genObservation), 0, 30).Draw(t, "obs")
		skipped := agg.AddAll(obs)
		roundTrip(t, skipped, nil)
		for _, p := range agg.Partners() {
			for _, k := range agg.Catalog().Keys() {
				s, err := agg.Series(p, k)
				if err != nil {
					t.Fatal(err)
				}
				roundTrip(t, s, func(s *[]performance.Point) string { return performance.Sparkline(*s) })
			}
			vals, _ := agg.Values(p, 0)
			roundTrip(t, vals, nil)
		}
		roundTrip(t, obs, nil)
	}))

	t.Run("Trend, Mover and PeerRank", rapid.MakeCheck(func(t *rapid.T) {
		series := genSeries(t, "a")
		dir := rapid.SampledFrom([]performance.Direction{performance.HigherIsBetter, performance.LowerIsBetter}).Draw(t, "dir")
		tr, err := performance.Analyze(series, dir, rapid.IntRange(1, 4).Draw(t, "window"))
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, tr, func(tr *performance.Trend) string { return tr.Sparkline })
		up, down := performance.Movers([]performance.PartnerSeries{{Partner: "a", Series: series}, {Partner: "b", Series: genSeries(t, "b")}}, dir, 2)
		roundTrip(t, up, nil)
		roundTrip(t, down, nil)
		var peers []performance.Peer
		for i, p := range series {
			peers = append(peers, performance.Peer{Partner: partnerops.PartnerID(fmt.Sprint("p", i)), Group: fmt.Sprint(i % 2), Value: p.Value})
		}
		roundTrip(t, peers, nil)
		ranks, err := performance.Benchmark(peers, dir)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, ranks, nil)
	}))

	t.Run("RequalInput and Recommendation", rapid.MakeCheck(func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "reviews")
		in := performance.RequalInput{Partner: "acme", Current: rapid.SampledFrom(ladder.Tiers()).Draw(t, "tier")}
		for i := 0; i < n; i++ {
			in.History = append(in.History, performance.ReviewPeriod{
				Period:       quarter(2027, 1).Shift(i),
				Total:        performance.Points(rapid.Int64Range(0, 100_00).Draw(t, "total")),
				Scored:       rapid.Bool().Draw(t, "scored"),
				Metrics:      map[string]partnerops.Decimal{"bookings": partnerops.DecimalFromInt(rapid.Int64Range(0, 2_000_000).Draw(t, "bookings")), "days_to_close": partnerops.DecimalFromInt(rapid.Int64Range(0, 90).Draw(t, "days"))},
				Requirements: map[string]bool{"certified": rapid.Bool().Draw(t, "certified")},
			})
		}
		roundTrip(t, in, nil)
		rec, err := q.Recommend(in)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, rec, nil)
	}))

	t.Run("QBRInput and QBR", rapid.MakeCheck(func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "quarters")
		in := performance.QBRInput{Partner: partnerops.Partner{ID: "acme", Name: "Acme", Tier: "silver"}, Quarter: quarter(2027, n)}
		for i := 0; i < n; i++ {
			r, err := sc.Score(genScoreInput(t, fmt.Sprint(i), quarter(2027, 1+i)), performance.ViewExternal)
			if err != nil {
				t.Fatal(err)
			}
			in.Scorecards = append(in.Scorecards, r)
		}
		if rapid.Bool().Draw(t, "plan") {
			in.Plan = map[string]partnerops.Decimal{"bookings": partnerops.DecimalFromInt(rapid.Int64Range(1, 1e7).Draw(t, "planned"))}
		}
		if rapid.Bool().Draw(t, "health") {
			s := partnerops.NewDecimal(rapid.Int64Range(0, 50).Draw(t, "csat"), -1)
			in.Health = performance.Health{Satisfaction: &s, SatisfactionLabel: "CSAT", Conflicts: rapid.IntRange(0, 3).Draw(t, "conflicts"),
				Risks: []performance.Risk{{Title: "Churn | risk", Severity: "high"}}}
			in.Enablement = []performance.EnablementItem{{Name: "Sales", Completed: rapid.Int64Range(0, 9).Draw(t, "done"), Required: rapid.Int64Range(0, 9).Draw(t, "req")}}
			in.Actions = []performance.Action{{Title: "Webinar", Owner: "CAM", Due: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}}
		}
		roundTrip(t, in, nil)
		rules := performance.QBRRules{Growth: partnerops.NewPercent(partnerops.DecimalFromInt(rapid.Int64Range(-50, 50).Draw(t, "growth"))), MaxHighlights: rapid.IntRange(0, 5).Draw(t, "max")}
		roundTrip(t, rules, nil)
		qbr, err := sc.QBR(in, rules)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, qbr, func(q *performance.QBR) string { return q.Markdown() })
	}))

	t.Run("definitions", rapid.MakeCheck(func(t *rapid.T) {
		roundTrip(t, performance.CatalogDef{Metrics: cat.Definitions()}, nil)
		roundTrip(t, sampleTemplate(), nil)
		roundTrip(t, samplePolicy(), nil)
	}))
}
