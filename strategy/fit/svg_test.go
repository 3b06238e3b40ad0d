package fit_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart/charttest"
	"github.com/partnerops/partnerops/strategy/fit"
	"pgregory.net/rapid"
)

var updateSVG = flag.Bool("update", false, "rewrite the golden files under testdata/")

// svgDefinition grades at 85, 62.5 and 40 (a threshold inside a 10-point
// bin) and refuses a grade below 50% coverage.
const svgDefinition = `{
  "name": "svg fixture",
  "attributes": [
    {"name": "industry", "kind": "string"}, {"name": "employees", "kind": "number"},
    {"name": "growth", "kind": "number"}, {"name": "intent", "kind": "string"},
    {"name": "country", "kind": "string"}],
  "criteria": [
    {"id": "industry", "kind": "one_of", "attribute": "industry", "weight": "30", "values": ["saas", "fintech"]},
    {"id": "size", "kind": "bands", "attribute": "employees", "weight": "25", "bands": [
      {"label": "small", "max": "200", "points": "30"},
      {"label": "mid", "min": "200", "max": "2000", "points": "100"},
      {"label": "large", "min": "2000", "points": "60"}]},
    {"id": "growth", "kind": "range", "attribute": "growth", "weight": "25", "from": "0", "to": "40", "missing": "neutral"},
    {"id": "intent", "kind": "present", "attribute": "intent", "weight": "20"},
    {"id": "embargo", "kind": "one_of", "attribute": "country", "weight": "0", "must_have": true, "negate": true,
     "values": ["XX"], "missing": "disqualify"}],
  "grades": [{"grade": "A", "min": "85"}, {"grade": "B", "min": "62.5"}, {"grade": "C", "min": "40"}, {"grade": "D", "min": "0"}],
  "min_coverage": "50"
}`

// svgFixture scores 300 generated accounts: every grade, some
// disqualified (embargoed or without a country), some with too little
// data for a grade.
func svgFixture(t testing.TB) (*fit.Model, fit.BatchResult) {
	t.Helper()
	def, err := fit.ParseDefinition([]byte(svgDefinition))
	if err != nil {
		t.Fatal(err)
	}
	m, err := fit.Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	var entities []fit.Entity
	for i := range 300 {
		attrs := map[string]string{
			"industry":  []string{"saas", "retail", "fintech", "mining", "saas"}[i%5],
			"employees": strconv.Itoa(i * 37 % 3000), "growth": strconv.Itoa(i * 13 % 60), "country": "US",
		}
		if i%3 == 0 {
			attrs["intent"] = "pricing page"
		}
		if i%23 == 0 {
			attrs["country"] = "XX"
		}
		if i%29 == 0 {
			delete(attrs, "country")
		}
		if i%17 == 0 {
			delete(attrs, "industry")
			delete(attrs, "employees")
		}
		e, err := m.EntityFromAttributes(fmt.Sprintf("acct-%03d", i), attrs)
		if err != nil {
			t.Fatal(err)
		}
		entities = append(entities, e)
	}
	r, err := m.ScoreBatch(entities, fit.BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return m, r
}

func TestSVGGolden(t *testing.T) {
	m, r := svgFixture(t)
	for _, tt := range []struct {
		name string
		out  []byte
	}{
		{"distribution.svg", r.SVG(m.Grades())},
		{"distribution_default_grades.svg", r.SVG(nil)},
		{"empty.svg", fit.BatchResult{}.SVG(nil)},
		{"no_grades.svg", r.SVG([]fit.GradeDef{})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := charttest.Check(tt.out); err != nil {
				t.Fatal(err)
			}
			charttest.Golden(t, *updateSVG, "svg/"+tt.name, tt.out)
		})
	}
}

// TestSVGBins: the bars count exactly the qualified scores, no bin
// straddles a threshold, and the title counts the entities left out.
func TestSVGBins(t *testing.T) {
	m, r := svgFixture(t)
	out := string(r.SVG(m.Grades()))
	for _, want := range []string{
		">60–62.5<", ">62.5–70<", ">80–85<", ">85–90<", ">90–100<", // split at 62.5 and 85
		fmt.Sprintf("Fit-score distribution: %d graded, %d not graded<", r.Distribution.Qualified, r.Distribution.Disqualified+r.Distribution.LowCoverage),
		fmt.Sprintf("%d disqualified, %d low coverage", r.Distribution.Disqualified, r.Distribution.LowCoverage),
		"62.5–70 (B): ", "60–62.5 (C): ", "85–90 (A): ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("histogram lacks %q", want)
		}
	}
	// Sum of the bars' counts (from their titles) = qualified entities.
	sum := 0
	for _, part := range strings.Split(out, "<title>")[1:] {
		title, _, _ := strings.Cut(part, "</title>")
		_, count, _ := strings.Cut(title, "): ")
		n, err := strconv.Atoi(count)
		if err != nil {
			t.Fatalf("title %q: %v", title, err)
		}
		sum += n
	}
	if sum != r.Distribution.Qualified {
		t.Errorf("bars sum to %d, %d qualified", sum, r.Distribution.Qualified)
	}
	if r.Distribution.Disqualified == 0 || r.Distribution.LowCoverage == 0 {
		t.Error("the fixture no longer has disqualified and low-coverage entities")
	}
}

// TestSVGRoundTrip: a batch decoded from its JSON draws the same bytes.
func TestSVGRoundTrip(t *testing.T) {
	m, r := svgFixture(t)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back fit.BatchResult
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.SVG(m.Grades()), back.SVG(m.Grades())) {
		t.Error("the histogram differs after a JSON round trip")
	}
}

// genBatch draws a batch as a host may hold it (through JSON, the only
// way to build scores without a model) and grade thresholds of any kind:
// none, negative, above 100, with 18 fraction digits, huge, equal,
// unsorted, with hostile names.
func genBatch(t *rapid.T) (fit.BatchResult, []fit.GradeDef) {
	type scoreJ struct {
		Score        string `json:"score"`
		Grade        string `json:"grade,omitempty"`
		Coverage     string `json:"coverage"`
		Disqualified bool   `json:"disqualified,omitempty"`
		LowCoverage  bool   `json:"low_coverage,omitempty"`
	}
	hundredths := func(name string) string {
		h := rapid.OneOf(rapid.IntRange(0, 10000), rapid.SampledFrom([]int{0, 10000, 6250, 8500})).Draw(t, name)
		return fmt.Sprintf("%d.%02d", h/100, h%100)
	}
	scores := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) scoreJ {
		s := scoreJ{Score: hundredths("score"), Coverage: hundredths("coverage")}
		switch rapid.IntRange(0, 3).Draw(t, "state") {
		case 0:
			s.Disqualified, s.Score = true, "0.00"
		case 1:
			s.LowCoverage = true
		}
		if !s.LowCoverage {
			s.Grade = charttest.ID(t, "grade")
		}
		return s
	}), 0, 60).Draw(t, "scores")
	data, err := json.Marshal(map[string]any{"scores": scores, "top": []any{}, "distribution": map[string]any{
		"total": rapid.IntRange(0, 1<<40).Draw(t, "total"), "qualified": rapid.IntRange(0, 1<<40).Draw(t, "qualified"),
		"disqualified": rapid.IntRange(0, 1<<40).Draw(t, "dq"), "low_coverage": rapid.IntRange(0, 1<<40).Draw(t, "low"),
		"grades":      []map[string]any{{"grade": charttest.Label(t, "g"), "count": 3, "share": "50"}},
		"percentiles": []any{},
		"mean":        charttest.Decimal(t, "mean"), "min": charttest.Decimal(t, "min"), "max": charttest.Decimal(t, "max"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	var r fit.BatchResult
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var grades []fit.GradeDef
	if rapid.Bool().Draw(t, "hasGrades") {
		grades = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) fit.GradeDef {
			return fit.GradeDef{Grade: fit.Grade(charttest.Label(t, "grade")), Min: charttest.Decimal(t, "min")}
		}), 0, 8).Draw(t, "grades")
	}
	return r, grades
}

// TestSVGPropertyInsideViewBox: for any batch and thresholds, the
// histogram is well-formed, free of NaN, inside its view box, the same
// bytes twice, and its bars count every qualified score once.
func TestSVGPropertyInsideViewBox(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r, grades := genBatch(t)
		out := r.SVG(grades)
		if err := charttest.Check(out); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if !bytes.Equal(out, r.SVG(grades)) {
			t.Fatal("two renders differ")
		}
	})
}

// TestSVGHostileThresholds: thresholds far outside the decimal range are
// ignored, quickly.
func TestSVGHostileThresholds(t *testing.T) {
	_, r := svgFixture(t)
	grades := []fit.GradeDef{{Grade: "A", Min: partnerops.NewDecimal(7, 2_000_000_000)}, {Grade: "B", Min: partnerops.NewDecimal(-7, -2_000_000_000)}}
	r.Distribution.Mean = partnerops.NewDecimal(1, 2_000_000_000)
	if err := charttest.Check(r.SVG(grades)); err != nil {
		t.Fatal(err)
	}
}

// TestSVGGrowth: binning is linear in the scores (n log g): rendering
// 8n scores takes at most 40x the time of n (best of five runs; 64x would
// be quadratic), and the output does not grow.
func TestSVGGrowth(t *testing.T) {
	m, r := svgFixture(t)
	grow := func(k int) fit.BatchResult {
		big := r
		big.Scores = nil
		for range k {
			big.Scores = append(big.Scores, r.Scores...)
		}
		return big
	}
	small, large := grow(20), grow(160)
	best := func(b fit.BatchResult) (time.Duration, int) {
		d, size := time.Duration(1<<62), 0
		for range 5 {
			start := time.Now()
			size = len(b.SVG(m.Grades()))
			d = min(d, time.Since(start))
		}
		return d, size
	}
	t1, s1 := best(small)
	t8, s8 := best(large)
	if s8 > s1+100 {
		t.Errorf("output grows from %d to %d bytes with the number of scores", s1, s8)
	}
	if ratio := float64(t8) / float64(max(t1, time.Microsecond)); ratio > 40 {
		t.Errorf("time grows %.1fx from %d to %d scores (%v, %v)", ratio, len(small.Scores), len(large.Scores), t1, t8)
	}
}
