package performance_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

func samplePolicy() performance.TierPolicy {
	return performance.TierPolicy{
		Tiers: []performance.TierRequirement{
			{Tier: "silver", MinTotal: w("50")},
			{Tier: "gold", MinTotal: w("70"), Requirements: []string{"certified"}},
			{Tier: "platinum", MinTotal: w("85"), Metrics: []performance.MetricBound{{Metric: "bookings", Min: pd("1000000")}, {Metric: "days_to_close", Max: pd("45")}}},
		},
		PromotionMargin: w("5"), DemotionMargin: w("5"), GracePeriods: 1,
	}
}

func rp(total int64, certified bool, bookings string) performance.ReviewPeriod {
	r := performance.ReviewPeriod{Total: performance.Points(total * 100), Scored: true,
		Requirements: map[string]bool{"certified": certified},
		Metrics:      map[string]partnerops.Decimal{"days_to_close": d("40")}}
	if bookings != "" {
		r.Metrics["bookings"] = d(bookings)
	}
	return r
}

func TestRecommend(t *testing.T) {
	skip := samplePolicy()
	skip.AllowSkip = true
	twoReviews := samplePolicy()
	twoReviews.PromotionPeriods = 2
	noGrace := samplePolicy()
	noGrace.GracePeriods = 0
	tests := []struct {
		name    string
		policy  performance.TierPolicy
		current partnerops.Tier
		history []performance.ReviewPeriod
		want    performance.Decision
		to      partnerops.Tier
		grace   [2]int
	}{
		// Promotion needs 70 + 5 = 75.
		{"promote with margin", samplePolicy(), "silver", []performance.ReviewPeriod{rp(75, true, "")}, performance.DecisionPromote, "gold", [2]int{}},
		{"just above threshold is not promoted", samplePolicy(), "silver", []performance.ReviewPeriod{rp(74, true, "")}, performance.DecisionKeep, "silver", [2]int{}},
		{"host requirement blocks promotion", samplePolicy(), "silver", []performance.ReviewPeriod{rp(90, false, "")}, performance.DecisionKeep, "silver", [2]int{}},
		// One step at a time: 95 with 2M bookings qualifies for platinum.
		{"no skipping by default", samplePolicy(), "silver", []performance.ReviewPeriod{rp(95, true, "2000000")}, performance.DecisionPromote, "gold", [2]int{}},
		{"skip allowed", skip, "silver", []performance.ReviewPeriod{rp(95, true, "2000000")}, performance.DecisionPromote, "platinum", [2]int{}},
		{"metric minimum blocks platinum", skip, "silver", []performance.ReviewPeriod{rp(95, true, "999999.99")}, performance.DecisionPromote, "gold", [2]int{}},
		{"two qualifying reviews needed", twoReviews, "silver", []performance.ReviewPeriod{rp(60, true, ""), rp(80, true, "")}, performance.DecisionKeep, "silver", [2]int{}},
		{"two qualifying reviews met", twoReviews, "silver", []performance.ReviewPeriod{rp(76, true, ""), rp(80, true, "")}, performance.DecisionPromote, "gold", [2]int{}},
		// Retention needs 70 − 5 = 65.
		{"within the demotion margin keeps", samplePolicy(), "gold", []performance.ReviewPeriod{rp(65, true, "")}, performance.DecisionKeep, "gold", [2]int{}},
		{"first failure uses the grace period", samplePolicy(), "gold", []performance.ReviewPeriod{rp(80, true, ""), rp(64, true, "")}, performance.DecisionKeep, "gold", [2]int{1, 0}},
		{"second failure demotes", samplePolicy(), "gold", []performance.ReviewPeriod{rp(64, true, ""), rp(64, true, "")}, performance.DecisionDemote, "silver", [2]int{}},
		{"failing requirement counts as failure", samplePolicy(), "gold", []performance.ReviewPeriod{rp(90, false, ""), rp(90, false, "")}, performance.DecisionDemote, "silver", [2]int{}},
		{"recovery resets the grace count", samplePolicy(), "gold", []performance.ReviewPeriod{rp(60, true, ""), rp(80, true, ""), rp(60, true, "")}, performance.DecisionKeep, "gold", [2]int{1, 0}},
		{"no grace demotes at once", noGrace, "gold", []performance.ReviewPeriod{rp(60, true, "")}, performance.DecisionDemote, "silver", [2]int{}},
		// With AllowSkip a platinum partner at 20 drops to registered.
		{"skip demotion", func() performance.TierPolicy { p := skip; p.GracePeriods = 0; return p }(), "platinum", []performance.ReviewPeriod{rp(20, true, "")}, performance.DecisionDemote, "registered", [2]int{}},
		{"one step demotion by default", noGrace, "platinum", []performance.ReviewPeriod{rp(20, true, "")}, performance.DecisionDemote, "gold", [2]int{}},
		{"lowest tier stays", noGrace, "registered", []performance.ReviewPeriod{rp(0, false, "")}, performance.DecisionKeep, "registered", [2]int{}},
		{"unscored fails min total", noGrace, "silver", []performance.ReviewPeriod{{Scored: false}}, performance.DecisionDemote, "registered", [2]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := performance.NewRequalifier(ladder, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			r, err := q.Recommend(performance.RequalInput{Partner: "p", Current: tt.current, History: tt.history})
			if err != nil {
				t.Fatal(err)
			}
			if r.Decision != tt.want || r.To != tt.to || r.GraceUsed != tt.grace[0] || r.GraceRemaining != tt.grace[1] {
				t.Errorf("got %s → %s (grace %d/%d), want %s → %s (grace %v)\nreasons: %q", r.Decision, r.To, r.GraceUsed, r.GraceRemaining, tt.want, tt.to, tt.grace, r.Reasons)
			}
			if len(r.Reasons) == 0 {
				t.Error("no reasons")
			}
		})
	}
}

// TestNoFlapping: a partner oscillating around the gold threshold (68 to
// 72) never changes tier in either direction.
func TestNoFlapping(t *testing.T) {
	q, _ := performance.NewRequalifier(ladder, samplePolicy())
	for _, tier := range []partnerops.Tier{"silver", "gold"} {
		var history []performance.ReviewPeriod
		for i, total := range []int64{68, 72, 69, 71, 68, 72, 70} {
			history = append(history, rp(total, true, ""))
			r, _ := q.Recommend(performance.RequalInput{Partner: "p", Current: tier, History: history})
			if r.Decision != performance.DecisionKeep {
				t.Errorf("%s review %d at %d: %s → %s", tier, i, total, r.Decision, r.To)
			}
		}
	}
}

func TestRecommendChecks(t *testing.T) {
	q, _ := performance.NewRequalifier(ladder, samplePolicy())
	r, _ := q.Recommend(performance.RequalInput{Partner: "p", Current: "gold", History: []performance.ReviewPeriod{rp(86, true, "")}})
	want := []performance.Check{
		{Tier: "gold", Kind: performance.CheckTotal, Subject: "scorecard total", Required: "≥ 65.00", Actual: "86.00", Met: true},
		{Tier: "gold", Kind: performance.CheckRequirement, Subject: "certified", Required: "passed", Actual: "passed", Met: true},
		{Tier: "platinum", Kind: performance.CheckTotal, Subject: "scorecard total", Required: "≥ 90.00", Actual: "86.00", Met: false},
		{Tier: "platinum", Kind: performance.CheckMetric, Subject: "bookings", Required: "≥ 1000000", Actual: "missing", Met: false},
		{Tier: "platinum", Kind: performance.CheckMetric, Subject: "days_to_close", Required: "≤ 45", Actual: "40", Met: true},
	}
	if diff := cmp.Diff(want, r.Checks); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
	wantReasons := []string{
		"meets gold requirements (with the demotion margin)",
		"does not yet meet platinum requirements (scorecard total 86.00, needs ≥ 90.00; bookings missing, needs ≥ 1000000)",
	}
	if diff := cmp.Diff(wantReasons, r.Reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

func TestRequalifierErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*performance.TierPolicy)
		paths []string
	}{
		{"unknown tier", func(p *performance.TierPolicy) { p.Tiers[0].Tier = "bronze" }, []string{"tiers[bronze].tier", "tiers[silver]"}},
		{"duplicate tier", func(p *performance.TierPolicy) { p.Tiers[1].Tier = "silver" }, []string{"tiers[silver].tier", "tiers[gold]"}},
		{"bad numbers", func(p *performance.TierPolicy) {
			p.GracePeriods, p.PromotionPeriods = -1, 1000
			p.PromotionMargin, p.DemotionMargin = w("-1"), w("101")
			p.Tiers[0].MinTotal = w("150")
		}, []string{"grace_periods", "promotion_periods", "promotion_margin", "demotion_margin", "tiers[silver].min_total", "tiers[silver]"}},
		{"bad metric bound", func(p *performance.TierPolicy) {
			p.Tiers[2].Metrics = []performance.MetricBound{{Metric: "Bad"}, {Metric: "x", Min: pd("5"), Max: pd("1")}}
		}, []string{"tiers[platinum].metrics[Bad].metric", "tiers[platinum].metrics[Bad]", "tiers[platinum].metrics[x].max"}},
		{"empty requirement", func(p *performance.TierPolicy) { p.Tiers[1].Requirements = []string{""} }, []string{"tiers[gold].requirements[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := samplePolicy()
			tt.edit(&p)
			_, err := performance.NewRequalifier(ladder, p)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("NewRequalifier = %v", err)
			}
			if diff := cmp.Diff(tt.paths, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	if _, err := performance.NewRequalifier(partnerops.TierLadder{}, performance.TierPolicy{}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("empty ladder: %v", err)
	}
	q, _ := performance.NewRequalifier(ladder, samplePolicy())
	if _, err := q.Recommend(performance.RequalInput{Partner: "p", Current: "diamond", History: []performance.ReviewPeriod{{}}}); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("unknown tier: %v", err)
	}
	if _, err := q.Recommend(performance.RequalInput{Partner: "p", Current: "gold"}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("no history: %v", err)
	}
	if _, err := q.RecommendAll([]performance.RequalInput{{Partner: "p", Current: "gold"}}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("RecommendAll: %v", err)
	}
	got, err := q.RecommendAll([]performance.RequalInput{{Partner: "a", Current: "silver", History: []performance.ReviewPeriod{rp(80, true, "")}}})
	if err != nil || len(got) != 1 || got[0].To != "gold" {
		t.Errorf("RecommendAll = %+v, %v", got, err)
	}
}

func TestRecommendExtremeTotals(t *testing.T) {
	q, _ := performance.NewRequalifier(ladder, samplePolicy())
	hi := performance.ReviewPeriod{Total: performance.Points(math.MaxInt64), Scored: true, Requirements: map[string]bool{"certified": true}}
	lo := performance.ReviewPeriod{Total: performance.Points(math.MinInt64), Scored: true, Requirements: map[string]bool{"certified": true}}
	if r, _ := q.Recommend(performance.RequalInput{Partner: "p", Current: "silver", History: []performance.ReviewPeriod{hi}}); r.Decision != performance.DecisionPromote {
		t.Errorf("huge total: %s", r.Decision)
	}
	if r, _ := q.Recommend(performance.RequalInput{Partner: "p", Current: "gold", History: []performance.ReviewPeriod{lo, lo}}); r.Decision != performance.DecisionDemote {
		t.Errorf("hugely negative total: %s", r.Decision)
	}
}
