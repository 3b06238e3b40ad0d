package performance_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
	"pgregory.net/rapid"
)

// tb is what both *testing.T and *rapid.T offer.
type tb interface {
	Helper()
	Fatal(args ...any)
	Errorf(format string, args ...any)
}

// oneMetric compiles a scorecard of one metric ("hi", higher is better, or
// "lo", lower is better) with normalization n.
func oneMetric(t tb, key string, n performance.Normalization) (*performance.Scorecard, error) {
	t.Helper()
	cat, err := performance.CompileMetrics([]performance.MetricDef{
		{Key: "hi", Name: "Higher", Unit: performance.UnitPercent, Indicator: performance.Leading, Aggregation: performance.AggLatest},
		{Key: "lo", Name: "Lower", Unit: performance.UnitDuration, Indicator: performance.Lagging, Aggregation: performance.AggAverage, Direction: performance.LowerIsBetter},
	})
	if err != nil {
		t.Fatal(err)
	}
	return performance.CompileScorecard(cat, performance.Template{Key: "one", Name: "One", Categories: []performance.CategoryDef{
		{Key: "c", Name: "C", Weight: w("1"), Metrics: []performance.ScoredMetric{{Metric: key, Weight: w("1"), Normalization: n}}},
	}}, partnerops.Program{})
}

func TestNormalization(t *testing.T) {
	banded := []performance.ScoreBand{{Threshold: w("20"), Score: w("50")}, {Threshold: w("30"), Score: w("75")}, {Threshold: w("40"), Score: w("100")}}
	bandedLow := []performance.ScoreBand{{Threshold: w("60"), Score: w("50")}, {Threshold: w("45"), Score: w("75")}, {Threshold: w("30"), Score: w("100")}}
	tests := []struct {
		name   string
		metric string
		norm   performance.Normalization
		value  string
		want   performance.Points
	}{
		{"linear 8 of 10 is 80", "hi", performance.Normalization{Target: pd("10")}, "8", 80_00},
		{"linear over target caps at 100", "hi", performance.Normalization{Target: pd("10")}, "12", 100_00},
		{"linear below zero is 0", "hi", performance.Normalization{Target: pd("10")}, "-3", 0},
		{"linear from a zero of 5: 7.5 is 50", "hi", performance.Normalization{Target: pd("10"), Zero: pd("5")}, "7.5", 50_00},
		// 2/3 of the way: 66.666666 micro-points rounds to 66.67.
		{"linear thirds", "hi", performance.Normalization{Target: pd("3")}, "2", 66_67},
		// 2.9 of 3 keeps its decimals: 96.67.
		{"value finer than places", "hi", performance.Normalization{Target: pd("3")}, "2.9", 96_67},
		{"inverse 60 between 30 and 90 is 50", "lo", performance.Normalization{Target: pd("30"), Zero: pd("90")}, "60", 50_00},
		{"inverse at or below target is 100", "lo", performance.Normalization{Target: pd("30"), Zero: pd("90")}, "20", 100_00},
		{"inverse beyond zero is 0", "lo", performance.Normalization{Target: pd("30"), Zero: pd("90")}, "100", 0},
		{"inverse default zero is twice the target: 45 is 50", "lo", performance.Normalization{Target: pd("30")}, "45", 50_00},
		{"banded below every band", "hi", performance.Normalization{Method: performance.MethodBanded, Bands: banded}, "19.99", 0},
		{"banded at a threshold", "hi", performance.Normalization{Method: performance.MethodBanded, Bands: banded}, "20", 50_00},
		{"banded between", "hi", performance.Normalization{Method: performance.MethodBanded, Bands: banded}, "35", 75_00},
		{"banded top", "hi", performance.Normalization{Method: performance.MethodBanded, Bands: banded}, "99", 100_00},
		{"banded lower is better", "lo", performance.Normalization{Method: performance.MethodBanded, Bands: bandedLow}, "50", 50_00},
		{"banded lower at best", "lo", performance.Normalization{Method: performance.MethodBanded, Bands: bandedLow}, "30", 100_00},
		{"banded lower worst", "lo", performance.Normalization{Method: performance.MethodBanded, Bands: bandedLow}, "61", 0},
		{"huge value saturates", "hi", performance.Normalization{Target: pd("10")}, "999999999999999999999999999", 100_00},
		{"huge negative saturates", "lo", performance.Normalization{Target: pd("10")}, "-999999999999999999999999999", 100_00},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := oneMetric(t, tt.metric, tt.norm)
			if err != nil {
				t.Fatal(err)
			}
			r, err := sc.Score(performance.ScoreInput{Partner: "p", Values: map[string]partnerops.Decimal{tt.metric: d(tt.value)}}, performance.ViewInternal)
			if err != nil {
				t.Fatal(err)
			}
			if r.Metrics[0].Score != tt.want || r.Total != tt.want {
				t.Errorf("score %s total %s, want %s", r.Metrics[0].Score, r.Total, tt.want)
			}
		})
	}
}

func TestScoreWeightsAndMissing(t *testing.T) {
	cat := mustCatalog()
	all := map[string]partnerops.Decimal{
		"deal_regs": d("8"), "portal_logins": d("15"), "bookings": d("200000"), "win_rate": d("41"),
		"csat": d("70"), "days_to_close": d("60"), "certified_people": d("2"),
	}
	without := func(keys ...string) map[string]partnerops.Decimal {
		m := map[string]partnerops.Decimal{}
		for k, v := range all {
			m[k] = v
		}
		for _, k := range keys {
			delete(m, k)
		}
		return m
	}
	tests := []struct {
		name     string
		tmpl     func(*performance.Template)
		tier     partnerops.Tier
		values   map[string]partnerops.Decimal
		view     performance.View
		total    performance.Points
		cats     []performance.Points
		counted  []bool
		scoredOK bool
	}{
		// Engagement (2×80 + 1×50)/3 = 70; selling (3×80 + 2×100)/5 = 88;
		// health (50 + 50)/2 = 50; GTM 2/4 = 50.
		// Total .25×70 + .35×88 + .2×50 + .2×50 = 17.5 + 30.8 + 10 + 10 = 68.3.
		{name: "all present", values: all, view: performance.ViewInternal, total: 68_30,
			cats: []performance.Points{70_00, 88_00, 50_00, 50_00}, counted: []bool{true, true, true, true}, scoredOK: true},
		// Gold doubles the bookings and certification targets: bookings 40,
		// certified 25. Selling (120 + 200)/5 = 64; GTM 25.
		// .25×70 + .35×64 + .2×50 + .2×25 = 17.5 + 22.4 + 10 + 5 = 54.9.
		{name: "gold targets", tier: "gold", values: all, view: performance.ViewInternal, total: 54_90,
			cats: []performance.Points{70_00, 64_00, 50_00, 25_00}, counted: []bool{true, true, true, true}, scoredOK: true},
		// Days to close is excluded when missing: health is csat alone, 50.
		{name: "missing excluded renormalizes the category", values: without("days_to_close"), view: performance.ViewInternal, total: 68_30,
			cats: []performance.Points{70_00, 88_00, 50_00, 50_00}, counted: []bool{true, true, true, true}, scoredOK: true},
		// Missing deal_regs counts as 0: engagement (0 + 50)/3 = 16.67;
		// total 68.3 − .25×(70 − 16.6667) = 54.9667 → 54.97.
		{name: "missing counts zero by default", values: without("deal_regs"), view: performance.ViewInternal, total: 54_97,
			cats: []performance.Points{16_67, 88_00, 50_00, 50_00}, counted: []bool{true, true, true, true}, scoredOK: true},
		// Template default fixed 50: engagement (2×50 + 50)/3 = 50;
		// total 68.3 − .25×20 = 63.3.
		{name: "missing fixed score", tmpl: func(t *performance.Template) {
			t.Missing = performance.MissingPolicy{Mode: performance.MissingFixed, Score: pd("50")}
		}, values: without("deal_regs"), view: performance.ViewInternal, total: 63_30,
			cats: []performance.Points{50_00, 88_00, 50_00, 50_00}, counted: []bool{true, true, true, true}, scoredOK: true},
		// Template default exclude: GTM has nothing left and is dropped;
		// the others share 100%: (17.5 + 30.8 + 10) / .8 = 72.875 → 72.88.
		{name: "empty category dropped and weights renormalized", tmpl: func(t *performance.Template) {
			t.Missing = performance.MissingPolicy{Mode: performance.MissingExclude}
		}, values: without("certified_people"), view: performance.ViewInternal, total: 72_88,
			cats: []performance.Points{70_00, 88_00, 50_00, 0}, counted: []bool{true, true, true, false}, scoredOK: true},
		{name: "nothing counted is not scored", tmpl: func(t *performance.Template) {
			t.Missing = performance.MissingPolicy{Mode: performance.MissingExclude}
		}, values: nil, view: performance.ViewInternal, total: 0,
			cats: []performance.Points{0, 0, 0, 0}, counted: []bool{false, false, false, false}, scoredOK: false},
		// External drops portal_logins: engagement = deal_regs alone = 80.
		// .25×80 + 30.8 + 10 + 10 = 70.8.
		{name: "external view renormalizes", values: all, view: performance.ViewExternal, total: 70_80,
			cats: []performance.Points{80_00, 88_00, 50_00, 50_00}, counted: []bool{true, true, true, true}, scoredOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := sampleTemplate()
			if tt.tmpl != nil {
				tt.tmpl(&tmpl)
			}
			sc, err := performance.CompileScorecard(cat, tmpl, program)
			if err != nil {
				t.Fatal(err)
			}
			r, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: tt.tier, Values: tt.values}, tt.view)
			if err != nil {
				t.Fatal(err)
			}
			var cats []performance.Points
			var counted []bool
			for _, c := range r.Categories {
				cats = append(cats, c.Score)
				counted = append(counted, c.Counted)
			}
			if r.Total != tt.total || r.Scored != tt.scoredOK {
				t.Errorf("total %s scored %v, want %s %v", r.Total, r.Scored, tt.total, tt.scoredOK)
			}
			if diff := cmp.Diff(tt.cats, cats); diff != "" {
				t.Errorf("category scores (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.counted, counted); diff != "" {
				t.Errorf("counted categories (-want +got):\n%s", diff)
			}
			checkContributions(t, r)
		})
	}
}

// checkContributions verifies that contributions add up to the total
// and effective weights to 100% (within rounding of each weight).
func checkContributions(t tb, r performance.Result) {
	t.Helper()
	if !r.Scored {
		return
	}
	var sum, weights, catSum performance.Points
	n := 0
	for _, m := range r.Metrics {
		if m.Counted {
			sum += m.Contribution
			weights += m.Weight
			n++
		}
	}
	for _, c := range r.Categories {
		catSum += c.Contribution
	}
	if sum != r.Total || catSum != r.Total {
		t.Errorf("contributions sum to %s (categories %s), total is %s", sum, catSum, r.Total)
	}
	if diff := weights - 100_00; diff > performance.Points(n) || diff < -performance.Points(n) {
		t.Errorf("effective weights sum to %s, want 100.00 ± %d hundredths", weights, n)
	}
}

func TestTargetOverridePrecedence(t *testing.T) {
	cat := mustCatalog()
	tmpl := sampleTemplate()
	tmpl.Categories[3].Metrics[0].Targets = []performance.TargetOverride{
		{Tier: "gold", Normalization: performance.Normalization{Target: pd("8")}},
		{Segment: "emea", Normalization: performance.Normalization{Target: pd("5")}},
		{Tier: "gold", Segment: "emea", Normalization: performance.Normalization{Target: pd("10")}},
	}
	sc, err := performance.CompileScorecard(cat, tmpl, program)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tier    partnerops.Tier
		segment string
		target  string
	}{
		{"gold", "emea", "10"},
		{"gold", "apac", "8"},
		{"silver", "emea", "5"},
		{"silver", "", "4"},
		{"", "", "4"},
		{"platinum", "unknown", "4"},
	}
	for _, tt := range tests {
		r, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: tt.tier, Segment: tt.segment}, performance.ViewInternal)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := r.Metric("certified_people")
		if !m.Target.Equal(d(tt.target)) {
			t.Errorf("tier %q segment %q: target %s, want %s", tt.tier, tt.segment, m.Target, tt.target)
		}
	}
}

func TestScoreErrors(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	if _, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: "diamond"}, performance.ViewInternal); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("unknown tier: %v", err)
	}
	if _, err := sc.Score(performance.ScoreInput{Partner: "p"}, "partner"); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("unknown view: %v", err)
	}
	_, err := sc.ScoreAll([]performance.ScoreInput{{Partner: "ok"}, {Partner: "bad", Tier: "diamond"}}, performance.ViewInternal)
	if !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("ScoreAll: %v", err)
	}
}

func TestScoreAllMatchesScore(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	ins := []performance.ScoreInput{
		{Partner: "a", Tier: "gold", Values: map[string]partnerops.Decimal{"bookings": d("1000"), "csat": d("95")}},
		{Partner: "b", Values: map[string]partnerops.Decimal{"deal_regs": d("3")}},
		{Partner: "c", Tier: "silver"},
	}
	all, err := sc.ScoreAll(ins, performance.ViewExternal)
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range ins {
		one, _ := sc.Score(in, performance.ViewExternal)
		if diff := cmp.Diff(one, all[i]); diff != "" {
			t.Errorf("ScoreAll[%d] differs from Score (-one +all):\n%s", i, diff)
		}
	}
}

func TestCompileScorecardErrors(t *testing.T) {
	cat := mustCatalog()
	tests := []struct {
		name  string
		edit  func(*performance.Template)
		paths []string
	}{
		{"bad key and name", func(t *performance.Template) { t.Key, t.Name = "Bad Key", " " }, []string{"key", "name"}},
		{"no categories", func(t *performance.Template) { t.Categories = nil }, []string{"categories"}},
		{"unknown metric", func(t *performance.Template) { t.Categories[0].Metrics[0].Metric = "nope" }, []string{"categories[engagement].metrics[nope].metric"}},
		{"metric scored twice", func(t *performance.Template) { t.Categories[1].Metrics[0].Metric = "deal_regs" }, []string{"categories[selling_motion].metrics[deal_regs].metric"}},
		{"duplicate category", func(t *performance.Template) { t.Categories[1].Key = "engagement" }, []string{"categories[engagement].key"}},
		{"zero weight", func(t *performance.Template) { t.Categories[0].Metrics[0].Weight = w("0") }, []string{"categories[engagement].metrics[deal_regs].weight"}},
		{"too precise weight", func(t *performance.Template) { t.Categories[0].Weight = w("0.00001") }, []string{"categories[engagement].weight"}},
		{"linear on a lower-is-better metric", func(t *performance.Template) {
			t.Categories[2].Metrics[1].Normalization.Method = performance.MethodLinear
		}, []string{"categories[partner_health].metrics[days_to_close].normalization.method"}},
		{"zero above target", func(t *performance.Template) { t.Categories[0].Metrics[0].Normalization.Zero = pd("20") }, []string{"categories[engagement].metrics[deal_regs].normalization.target"}},
		{"bands out of order", func(t *performance.Template) {
			t.Categories[1].Metrics[1].Normalization.Bands[1].Threshold = w("10")
		}, []string{"categories[selling_motion].metrics[win_rate].normalization.bands[1].threshold"}},
		{"band scores fall", func(t *performance.Template) {
			t.Categories[1].Metrics[1].Normalization.Bands[2].Score = w("60")
		}, []string{"categories[selling_motion].metrics[win_rate].normalization.bands[2].score"}},
		{"band score above 100", func(t *performance.Template) {
			t.Categories[1].Metrics[1].Normalization.Bands[2].Score = w("101")
		}, []string{"categories[selling_motion].metrics[win_rate].normalization.bands[2].score"}},
		{"unknown method", func(t *performance.Template) { t.Categories[0].Metrics[0].Normalization.Method = "log" }, []string{"categories[engagement].metrics[deal_regs].normalization.method"}},
		{"unknown tier in target", func(t *performance.Template) { t.Categories[1].Metrics[0].Targets[0].Tier = "diamond" }, []string{"categories[selling_motion].metrics[bookings].targets[0].tier"}},
		{"target without tier or segment", func(t *performance.Template) { t.Categories[1].Metrics[0].Targets[0].Tier = "" }, []string{"categories[selling_motion].metrics[bookings].targets[0]"}},
		{"bad missing policy", func(t *performance.Template) { t.Missing = performance.MissingPolicy{Mode: "guess"} }, []string{"missing.mode"}},
		{"fixed score out of range", func(t *performance.Template) {
			t.Categories[0].Metrics[0].Missing = &performance.MissingPolicy{Mode: performance.MissingFixed, Score: pd("120")}
		}, []string{"categories[engagement].metrics[deal_regs].missing.score"}},
		{"bands must start at 0 and ascend", func(t *performance.Template) {
			t.Bands = []performance.Band{{Name: "low", Min: w("10")}, {Name: "", Min: w("5")}}
		}, []string{"bands[low].min", "bands[1].name", "bands[1].min"}},
		{"target too large", func(t *performance.Template) {
			t.Categories[1].Metrics[0].Normalization.Target = pd("999999999999999999999")
		}, []string{"categories[selling_motion].metrics[bookings].normalization.target"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := sampleTemplate()
			tt.edit(&tmpl)
			_, err := performance.CompileScorecard(cat, tmpl, program)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("CompileScorecard = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.paths, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	if _, err := performance.CompileScorecard(nil, sampleTemplate(), program); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("nil catalog: %v", err)
	}
}

func TestTemplateJSONRoundTrip(t *testing.T) {
	tmpl := sampleTemplate()
	tmpl.Bands = performance.DefaultBands()
	tmpl.Missing = performance.MissingPolicy{Mode: performance.MissingFixed, Score: pd("40")}
	b, err := json.Marshal(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	var back performance.Template
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tmpl, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	defs := sampleMetrics()
	b, _ = json.Marshal(defs)
	var defsBack []performance.MetricDef
	if err := json.Unmarshal(b, &defsBack); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(defs, defsBack); diff != "" {
		t.Errorf("metric round trip (-want +got):\n%s", diff)
	}
}

func TestPoints(t *testing.T) {
	tests := []struct {
		p    performance.Points
		want string
	}{{0, "0.00"}, {5, "0.05"}, {8725, "87.25"}, {-50, "-0.50"}, {100_00, "100.00"}}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Points(%d).String() = %q, want %q", int64(tt.p), got, tt.want)
		}
		b, _ := json.Marshal(tt.p)
		var back performance.Points
		if err := json.Unmarshal(b, &back); err != nil || back != tt.p {
			t.Errorf("JSON round trip of %s = %s, %v", tt.p, back, err)
		}
	}
	if p, _ := performance.PointsFromDecimal(d("12.345")); p != 12_35 {
		t.Errorf("PointsFromDecimal(12.345) = %s, want 12.35 (half up)", p)
	}
	if _, err := performance.PointsFromDecimal(d("1e25")); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("PointsFromDecimal(1e25) = %v", err)
	}
	var p performance.Points
	if err := json.Unmarshal([]byte(`"abc"`), &p); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("decode abc: %v", err)
	}
}

func TestBand(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	for _, tt := range []struct {
		s    performance.Points
		want string
	}{{0, "red"}, {49_99, "red"}, {50_00, "amber"}, {74_99, "amber"}, {75_00, "green"}, {100_00, "green"}} {
		if got := sc.Band(tt.s); got != tt.want {
			t.Errorf("Band(%s) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// genNorm draws a valid normalization for "hi" or "lo".
func genNorm(t *rapid.T, lower bool) performance.Normalization {
	dec := func(label string, lo, hi int64) partnerops.Decimal {
		return partnerops.NewDecimal(rapid.Int64Range(lo, hi).Draw(t, label), -2)
	}
	if rapid.Bool().Draw(t, "banded") {
		n := rapid.IntRange(1, 5).Draw(t, "bands")
		var bands []performance.ScoreBand
		th := rapid.Int64Range(-10000, 10000).Draw(t, "th0")
		score := int64(0)
		for i := 0; i < n; i++ {
			score = rapid.Int64Range(score, 100).Draw(t, "score")
			bands = append(bands, performance.ScoreBand{Threshold: partnerops.NewDecimal(th, -2), Score: partnerops.DecimalFromInt(score)})
			step := rapid.Int64Range(1, 5000).Draw(t, "step")
			if lower {
				th -= step
			} else {
				th += step
			}
		}
		return performance.Normalization{Method: performance.MethodBanded, Bands: bands}
	}
	target := dec("target", -100000, 100000)
	gap := partnerops.NewDecimal(rapid.Int64Range(1, 100000).Draw(t, "gap"), -2)
	zero := target.Sub(gap)
	if lower {
		zero = target.Add(gap)
	}
	return performance.Normalization{Target: &target, Zero: &zero}
}

// TestScoreProperties: every score is within [0, 100], a better value
// never lowers the metric's score, and contributions sum to the total.
func TestScoreProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lower := rapid.Bool().Draw(t, "lower")
		key := "hi"
		if lower {
			key = "lo"
		}
		sc, err := oneMetric(t, key, genNorm(t, lower))
		if err != nil {
			t.Fatalf("generated normalization rejected: %v", err)
		}
		val := func(label string) partnerops.Decimal {
			return partnerops.NewDecimal(rapid.Int64Range(-1_000_000_000, 1_000_000_000).Draw(t, label), -int32(rapid.IntRange(0, 6).Draw(t, label+"_exp")))
		}
		a, b := val("a"), val("b")
		score := func(v partnerops.Decimal) performance.Points {
			r, err := sc.Score(performance.ScoreInput{Partner: "p", Values: map[string]partnerops.Decimal{key: v}}, performance.ViewInternal)
			if err != nil {
				t.Fatal(err)
			}
			if r.Total < 0 || r.Total > 100_00 || r.Metrics[0].Score < 0 || r.Metrics[0].Score > 100_00 {
				t.Fatalf("score out of range: %+v", r)
			}
			return r.Metrics[0].Score
		}
		sa, sb := score(a), score(b)
		better := b.Cmp(a) > 0
		if lower {
			better = b.Cmp(a) < 0
		}
		if better && sb < sa {
			t.Fatalf("better value %s scores %s, below %s for %s", b, sb, sa, a)
		}
	})
}

// TestTemplateProperties: with random values (some missing) for the
// sample template, totals stay in [0, 100] and contributions add up.
func TestTemplateProperties(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	keys := sc.Metrics()
	rapid.Check(t, func(t *rapid.T) {
		vals := map[string]partnerops.Decimal{}
		for _, k := range keys {
			if rapid.Bool().Draw(t, k+"_present") {
				vals[k] = partnerops.NewDecimal(rapid.Int64Range(-1e12, 1e12).Draw(t, k), -int32(rapid.IntRange(0, 4).Draw(t, k+"_exp")))
			}
		}
		tier := rapid.SampledFrom([]partnerops.Tier{"", "registered", "gold"}).Draw(t, "tier")
		view := rapid.SampledFrom([]performance.View{performance.ViewInternal, performance.ViewExternal}).Draw(t, "view")
		r, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: tier, Values: vals}, view)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total < 0 || r.Total > 100_00 {
			t.Fatalf("total %s out of range", r.Total)
		}
		checkContributions(t, r)
	})
}

func TestResultJSONRoundTrip(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	r, _ := sc.Score(performance.ScoreInput{Partner: "p", Tier: "gold", Period: quarter(2027, 1),
		Values: map[string]partnerops.Decimal{"bookings": d("123.45"), "win_rate": d("31")}}, performance.ViewInternal)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back performance.Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// TestConcurrentScoring: a Scorecard is safe for concurrent use (run
// with -race).
func TestConcurrentScoring(t *testing.T) {
	sc := mustScorecard(mustCatalog())
	in := performance.ScoreInput{Partner: "p", Tier: "gold", Values: map[string]partnerops.Decimal{"bookings": d("400000"), "csat": d("88")}}
	want, _ := sc.Score(in, performance.ViewExternal)
	done := make(chan performance.Result)
	for i := 0; i < 8; i++ {
		go func() {
			r, _ := sc.Score(in, performance.ViewExternal)
			done <- r
		}()
	}
	for i := 0; i < 8; i++ {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent result differs (-want +got):\n%s", diff)
		}
	}
}

// TestMetricScoreMatchesReference: a linear or inverse score is the exact
// 100 × (v − zero) / (target − zero), capped to [0, 100], rounded once,
// half up, to hundredths; the millionths it is computed in round down,
// which never moves a value across a half-hundredth.
func TestMetricScoreMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lower := rapid.Bool().Draw(t, "lower")
		key := "hi"
		if lower {
			key = "lo"
		}
		n := genNorm(t, lower)
		if n.Method == performance.MethodBanded {
			return
		}
		sc, err := oneMetric(t, key, n)
		if err != nil {
			t.Fatal(err)
		}
		v := partnerops.NewDecimal(rapid.Int64Range(-2_000_000_000, 2_000_000_000).Draw(t, "v"), -6)
		r, err := sc.Score(performance.ScoreInput{Partner: "p", Values: map[string]partnerops.Decimal{key: v}}, performance.ViewInternal)
		if err != nil {
			t.Fatal(err)
		}
		rat := func(d partnerops.Decimal) *big.Rat { r, _ := new(big.Rat).SetString(d.String()); return r }
		exact := new(big.Rat).Sub(rat(v), rat(*n.Zero))
		exact.Quo(exact, new(big.Rat).Sub(rat(*n.Target), rat(*n.Zero)))
		exact.Mul(exact, big.NewRat(100, 1))
		if exact.Sign() < 0 {
			exact.SetInt64(0)
		}
		if exact.Cmp(big.NewRat(100, 1)) > 0 {
			exact.SetInt64(100)
		}
		// Half up to hundredths.
		h := new(big.Rat).Mul(exact, big.NewRat(100, 1))
		h.Add(h, big.NewRat(1, 2))
		want := new(big.Int).Quo(h.Num(), h.Denom())
		if got := int64(r.Metrics[0].Score); got != want.Int64() || r.Total != r.Metrics[0].Score {
			t.Fatalf("score(%s) = %s (total %s), want %s hundredths", v, r.Metrics[0].Score, r.Total, want)
		}
	})
}
