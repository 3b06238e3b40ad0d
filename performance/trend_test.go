package performance_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// series builds points from text values; "" is an absent value.
func series(vals ...string) []performance.Point {
	out := make([]performance.Point, len(vals))
	for i, v := range vals {
		out[i].Period = quarter(2027, 1).Shift(i)
		if v != "" {
			out[i].Value, out[i].Present = d(v), true
		}
	}
	return out
}

func TestSlope(t *testing.T) {
	tests := []struct {
		name string
		vals []string
		want string // "" for none
	}{
		{"too few", []string{"5"}, ""},
		{"flat", []string{"5", "5", "5"}, "0"},
		{"straight line", []string{"10", "20", "30", "40"}, "10"},
		// x 0..2, y 1 2 4: (3×10 − 3×7) / (3×5 − 9) = 9/6 = 1.5.
		{"least squares", []string{"1", "2", "4"}, "1.5"},
		// x 0..2, y 0 0 1: (3×2 − 3×1)/6 = 0.5.
		{"fractional", []string{"0", "0", "1"}, "0.5"},
		// x 0..3, y 0 0 0 1: (4×3 − 6×1)/20 = 0.3.
		{"tenths", []string{"0", "0", "0", "1"}, "0.3"},
		// x 0..2, y 0 1 1: (3×3 − 3×2)/6 = 0.5; y 1 0 0: −0.5.
		{"negative", []string{"1", "0", "0"}, "-0.5"},
		// x 0..6 y 0..0 1: (7×6 − 21)/(7×91 − 441) = 21/196 = 0.107142... → 0.1071.
		{"rounded half-even to 4 places", []string{"0", "0", "0", "0", "0", "0", "1"}, "0.1071"},
		// Absent values are skipped, x keeps the period index: x 0 2, y 0 4 → 2.
		{"gaps keep their index", []string{"0", "", "4"}, "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := performance.Slope(series(tt.vals...))
			if tt.want == "" {
				if ok {
					t.Errorf("Slope = %s, want none", got)
				}
				return
			}
			if !ok || !got.Equal(d(tt.want)) {
				t.Errorf("Slope = %s, %v; want %s", got, ok, tt.want)
			}
		})
	}
}

func TestStreak(t *testing.T) {
	tests := []struct {
		vals []string
		dir  performance.Direction
		kind performance.StreakKind
		n    int
	}{
		{[]string{"1"}, performance.HigherIsBetter, performance.StreakNone, 0},
		{[]string{"1", "2", "3", "4"}, performance.HigherIsBetter, performance.StreakImproving, 3},
		{[]string{"5", "2", "3", "4"}, performance.HigherIsBetter, performance.StreakImproving, 2},
		{[]string{"1", "2", "3", "4"}, performance.LowerIsBetter, performance.StreakDeclining, 3},
		{[]string{"4", "3", "", "2"}, performance.LowerIsBetter, performance.StreakImproving, 2},
		{[]string{"4", "3", "3", "3"}, performance.HigherIsBetter, performance.StreakFlat, 2},
	}
	for _, tt := range tests {
		kind, n := performance.Streak(series(tt.vals...), tt.dir)
		if kind != tt.kind || n != tt.n {
			t.Errorf("Streak(%v, %s) = %s %d, want %s %d", tt.vals, tt.dir, kind, n, tt.kind, tt.n)
		}
	}
}

func TestAnalyze(t *testing.T) {
	tr, err := performance.Analyze(series("80", "", "100", "90"), performance.HigherIsBetter, 2)
	if err != nil {
		t.Fatal(err)
	}
	// 90 vs 100: −10, −10%.
	if !tr.Change.Equal(d("-10")) || !tr.ChangePercent.Equal(pct("-10")) || !tr.HasChangePercent {
		t.Errorf("change %s (%s)", tr.Change, tr.ChangePercent)
	}
	var ma []string
	for _, p := range tr.MovingAverage {
		if p.Present {
			ma = append(ma, p.Value.String())
		} else {
			ma = append(ma, "-")
		}
	}
	if diff := cmp.Diff([]string{"80.0000", "80.0000", "100.0000", "95.0000"}, ma); diff != "" {
		t.Errorf("moving average (-want +got):\n%s", diff)
	}
	if tr.Sparkline != "▁ █▅" {
		t.Errorf("sparkline %q", tr.Sparkline)
	}
	if tr.Streak != performance.StreakDeclining || tr.StreakLength != 1 {
		t.Errorf("streak %s %d", tr.Streak, tr.StreakLength)
	}
	// Change from zero has no percentage.
	tr, _ = performance.Analyze(series("0", "5"), performance.HigherIsBetter, 1)
	if tr.HasChangePercent || !tr.Change.Equal(d("5")) {
		t.Errorf("from zero: %+v", tr)
	}
	// Change from a negative value is relative to its magnitude:
	// −4 → −2 is +2, +50%.
	tr, _ = performance.Analyze(series("-4", "-2"), performance.HigherIsBetter, 1)
	if !tr.ChangePercent.Equal(pct("50")) {
		t.Errorf("from −4 to −2: %s", tr.ChangePercent)
	}
	if _, err := performance.Analyze(nil, performance.HigherIsBetter, 0); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("window 0: %v", err)
	}
}

func TestSparkLevels(t *testing.T) {
	got := performance.SparkLevels(series("0", "1", "", "7", "8", "4"))
	if diff := cmp.Diff([]int{0, 1, -1, 7, 7, 4}, got); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	if got := performance.Sparkline(series("3", "3")); got != "▄▄" {
		t.Errorf("flat sparkline %q", got)
	}
	if got := performance.Sparkline(nil); got != "" {
		t.Errorf("empty sparkline %q", got)
	}
}

func TestMovers(t *testing.T) {
	all := []performance.PartnerSeries{
		{Partner: "a", Series: series("100", "150")}, // +50
		{Partner: "b", Series: series("100", "60")},  // −40
		{Partner: "c", Series: series("10", "60")},   // +50, ties a by change
		{Partner: "d", Series: series("100", "100")}, // no change
		{Partner: "e", Series: series("5")},          // too short
		{Partner: "f", Series: series("100", "90")},  // −10
	}
	up, down := performance.Movers(all, performance.HigherIsBetter, 2)
	ids := func(ms []performance.Mover) (out []partnerops.PartnerID) {
		for _, m := range ms {
			out = append(out, m.Partner)
		}
		return out
	}
	if diff := cmp.Diff([]partnerops.PartnerID{"a", "c"}, ids(up)); diff != "" {
		t.Errorf("improvers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]partnerops.PartnerID{"b", "f"}, ids(down)); diff != "" {
		t.Errorf("decliners (-want +got):\n%s", diff)
	}
	if !up[1].ChangePercent.Equal(pct("500")) {
		t.Errorf("c change %s%%, want 500", up[1].ChangePercent)
	}
	// Lower is better flips the lists.
	up, down = performance.Movers(all, performance.LowerIsBetter, 1)
	if diff := cmp.Diff([]partnerops.PartnerID{"b"}, ids(up)); diff != "" {
		t.Errorf("lower-is-better improvers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]partnerops.PartnerID{"a"}, ids(down)); diff != "" {
		t.Errorf("lower-is-better decliners (-want +got):\n%s", diff)
	}
}

func TestBenchmarkPercentiles(t *testing.T) {
	var peers []performance.Peer
	for i, v := range []string{"10", "20", "30", "40", "50", "60", "70", "80", "90", "100"} {
		peers = append(peers, performance.Peer{Partner: partnerops.PartnerID(rune('a' + i)), Group: "g", Value: d(v)})
	}
	peers = append(peers, performance.Peer{Partner: "z", Group: "h", Value: d("5")})
	got := mustBench(peers, performance.HigherIsBetter)
	// The best of ten distinct values: (9 + 0.5)/10 = 95%; the worst 5%.
	if got[9].Percentile != 95_00 || got[9].Rank != 1 || got[0].Percentile != 5_00 || got[0].Rank != 10 {
		t.Errorf("best %+v, worst %+v", got[9], got[0])
	}
	if got[10].Percentile != 50_00 || got[10].Of != 1 {
		t.Errorf("alone %+v", got[10])
	}
	// Lower is better reverses the ranks.
	low := mustBench(peers, performance.LowerIsBetter)
	if low[0].Rank != 1 || low[0].Percentile != 95_00 {
		t.Errorf("lower-is-better best %+v", low[0])
	}
	// Three equal values out of three: (0 + 1.5)/3 = 50%, all rank 1.
	eq := mustBench([]performance.Peer{{Partner: "x", Value: d("1")}, {Partner: "y", Value: d("1.0")}, {Partner: "z", Value: d("1")}}, performance.HigherIsBetter)
	for _, r := range eq {
		if r.Rank != 1 || r.Percentile != 50_00 {
			t.Errorf("tie %+v", r)
		}
	}
	// One third: 1 of 3 below, (1 + .5)/3 = 50%; 2/3 → (2+.5)/3 = 83.33.
	three := mustBench([]performance.Peer{{Partner: "x", Value: d("1")}, {Partner: "y", Value: d("2")}, {Partner: "z", Value: d("3")}}, performance.HigherIsBetter)
	if three[2].Percentile != 83_33 || three[0].Percentile != 16_67 {
		t.Errorf("thirds %+v", three)
	}
}
