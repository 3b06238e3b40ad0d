package chart

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart/charttest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// n is a Num printed as its decimal; nt one with its own text.
func n(s string) Num        { return Num{Value: partnerops.MustDecimal(s)} }
func nt(s, text string) Num { return Num{Value: partnerops.MustDecimal(s), Text: text} }
func usd(s string) Num      { return nt(s, s+" USD") }
func nums(ss ...string) []Num {
	r := make([]Num, len(ss))
	for i, s := range ss {
		r[i] = n(s)
	}
	return r
}

type fixture struct {
	name string
	c    Chart
}

func waterfallFixture() Waterfall {
	return Waterfall{
		Title: "Price waterfall: line 1, SKU CRM-ENT",
		Desc:  "List 1200.00 USD, net 652.60 USD after 5 steps; one step capped, one floored.",
		Steps: []Step{
			{Label: "List", Kind: StepTotal, Value: usd("1200.00")},
			{Label: "partner-gold (Partner discount)", Value: usd("-240.00")},
			{Label: "volume-tier-2", Value: usd("-96.00")},
			{Label: "After discounts", Kind: StepSubtotal, Value: usd("864.00")},
			{Label: "deal-registration", Value: usd("-86.40"), Note: "capped: group cap 30%"},
			{Label: "freight", Value: nt("25.00", "+25.00 USD")},
			{Label: "q4-promo", Value: usd("-150.00"), Note: "floored at 652.60"},
			{Label: "Net", Kind: StepTotal, Value: usd("652.60")},
		},
	}
}

func tierMovementFixture() Bars {
	return Bars{
		Title:      "Tier movement, requalification 2026-Q2",
		Desc:       "Promote, keep and demote counts per tier.",
		Categories: []string{"Platinum", "Gold", "Silver", "Registered"},
		Series: []Series{
			{Name: "Promote", Values: nums("0", "3", "7", "12")},
			{Name: "Keep", Values: nums("8", "21", "40", "95")},
			{Name: "Demote", Values: nums("1", "4", "9", "0")},
		},
	}
}

func contributionsFixture() Bars {
	return Bars{
		Title:      "Scorecard contributions",
		Desc:       "Total score 73.0 this quarter, 64.5 last quarter.",
		Categories: []string{"2026-Q2", "2026-Q1"},
		Series: []Series{
			{Name: "Revenue", Values: nums("32.5", "28.0")},
			{Name: "Pipeline", Values: nums("18.0", "15.5")},
			{Name: "Enablement", Values: nums("12.0", "12.0")},
			{Name: "Satisfaction", Values: nums("10.5", "9.0")},
		},
		Stacked:    true,
		Horizontal: true,
		Ticks:      nums("0", "50", "100"),
		Refs:       []Ref{{Label: "Gold threshold", Value: n("70")}},
	}
}

func coverageFixture() Bars {
	return Bars{
		Title:      "Certified coverage per requirement",
		Desc:       "Gold sales coverage falls out on 2026-02-14.",
		Categories: []string{"Gold: 2 certified sales", "Gold: 1 certified technical", "Platinum: 4 certified sales"},
		Series:     []Series{{Name: "Certified", Values: []Num{nt("100", "2 of 2"), nt("100", "1 of 1"), nt("25", "1 of 4")}}},
		Horizontal: true,
		Notes:      []string{"falls out 2026-02-14", "until 2026-09-30", ""},
		Ticks:      []Num{nt("0", "0%"), nt("50", "50%"), nt("100", "100%")},
		Refs:       []Ref{{Label: "Required", Value: nt("100", "100%")}},
	}
}

func trendFixture() Line {
	return Line{
		Title:   "Bookings against target",
		Desc:    "Bookings rose from 180k to 260k USD over four quarters; target met in 2026-Q2.",
		Periods: []string{"2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"},
		Series:  []Series{{Name: "Bookings", Values: []Num{nt("180000", "180k"), nt("210000", "210k"), nt("230000", "230k"), nt("260000", "260k")}}},
		Target:  Series{Values: []Num{nt("200000", "200k"), nt("220000", "220k"), nt("240000", "240k"), nt("250000", "250k")}},
		Marks:   []Mark{{At: 3, Label: "this quarter"}},
	}
}

func heatFixture() HeatMap {
	return HeatMap{
		Title: "Account overlap: Acme Systems",
		Desc:  "Most overlap in enterprise customers (42).",
		Rows:  []string{"Enterprise", "Mid-market", "SMB"},
		Cols:  []string{"Their customer", "Their open opp", "Their prospect"},
		Cells: [][]Num{nums("42", "7", "13"), nums("18", "3", "21"), nums("2", "0", "9")},
	}
}

func histogramFixture() Histogram {
	bins := []Bin{}
	grades := []string{"D", "D", "D", "D", "C", "C", "B", "B", "A", "A"}
	counts := []string{"1", "0", "4", "9", "15", "22", "18", "11", "6", "2"}
	for i := range 10 {
		bins = append(bins, Bin{Label: strconv.Itoa(i*10) + "–" + strconv.Itoa(i*10+10), Count: n(counts[i]), Band: grades[i]})
	}
	return Histogram{Title: "Fit-score distribution", Desc: "88 accounts scored; 8 grade A.", Bins: bins}
}

func positionFixture() Position {
	return Position{
		Title: "Peer percentile",
		Desc:  "Your bookings are at the 72nd percentile of peers in your tier.",
		Min:   n("0"), Max: n("100"), Value: nt("72", "72nd"),
		Label: "Your position",
		Ticks: nums("25", "50", "75"),
	}
}

func fixtures() []fixture {
	return []fixture{
		{"waterfall", waterfallFixture()},
		{"bars_tier_movement", tierMovementFixture()},
		{"bars_contributions", contributionsFixture()},
		{"bars_coverage", coverageFixture()},
		{"line_trend", trendFixture()},
		{"heatmap_overlap", heatFixture()},
		{"histogram_fit", histogramFixture()},
		{"position_percentile", positionFixture()},
		// Edges.
		{"waterfall_empty", Waterfall{Title: "Empty waterfall"}},
		{"bars_empty", Bars{Title: "No bars", Categories: []string{"a"}}},
		{"line_empty", Line{}},
		{"heatmap_empty", HeatMap{Rows: []string{"r"}}},
		{"histogram_empty", Histogram{}},
		{"bars_negative", Bars{Title: "Margin change", Categories: []string{"Q1", "Q2", "Q3"},
			Series: []Series{{Name: "Margin", Values: nums("-12.5", "4", "-0.5")}, {Name: "Plan", Values: nums("2", "-3", "1")}}}},
		{"bars_stacked_negative", Bars{Categories: []string{"a", "b"}, Stacked: true,
			Series: []Series{{Name: "x", Values: nums("5", "-5")}, {Name: "y", Values: nums("-2", "3")}}}},
		{"line_one_point", Line{Title: "One quarter", Periods: []string{"2026-Q2"}, Series: []Series{{Values: nums("5")}}}},
		{"line_equal", Line{Periods: []string{"a", "b", "c"}, Series: []Series{{Name: "s", Values: nums("7", "7", "7")}, {Name: "t", Values: nums("7", "7", "7")}, {Name: "u", Values: nums("7")}}}},
		{"waterfall_huge", Waterfall{Steps: []Step{{Label: "List", Kind: StepTotal, Value: Num{Value: partnerops.NewDecimal(1, 29)}}, {Label: "cut", Value: Num{Value: partnerops.NewDecimal(-1, 400)}}, {Label: "Net", Kind: StepTotal, Value: n("0")}}}},
		{"labels_long", Bars{Title: charttest.Long, Desc: charttest.Long, Categories: []string{charttest.Long, "<script>&\"'"}, Horizontal: true,
			Series: []Series{{Name: charttest.Long, Values: []Num{nt("1", charttest.Long), n("2")}}}, Notes: []string{charttest.Long}}},
		{"heatmap_ragged", HeatMap{Rows: []string{"a", "b", charttest.Long}, Cols: []string{charttest.Long, "y"}, Cells: [][]Num{nums("1"), {}, {n("-3"), {Value: partnerops.NewDecimal(1, 29)}}}}},
		{"position_reversed", Position{Min: n("100"), Max: n("1"), Value: n("500"), Label: "rank"}},
	}
}

func documentFixture() Document {
	return Document{
		Title:    "QBR 2026-Q2: Acme Systems",
		Subtitle: "Gold partner · prepared for the quarterly business review",
		Sections: []Section{
			{Heading: "Scorecard", Blocks: []Block{
				Facts{{Name: "Total score", Value: "73.0"}, {Name: "Tier", Value: "Gold"}},
				contributionsFixture(),
				positionFixture(),
				Table{Caption: "Metrics", Header: []string{"Metric", "Actual", "Target", "Score"}, Numeric: []bool{false, true, true, true},
					Rows: [][]string{{"Bookings", "260000.00 USD", "250000.00 USD", "100.0"}, {"Win rate", "31%", "35%"}}},
			}},
			{Heading: "Trends", Blocks: []Block{Text("Bookings rose four quarters in a row & beat target <finally>."), trendFixture()}},
			{Heading: "Pricing", Blocks: []Block{waterfallFixture()}},
			{Heading: "Overlap and fit", Blocks: []Block{heatFixture(), histogramFixture()}},
			{Heading: "Enablement", Blocks: []Block{coverageFixture(), tierMovementFixture()}},
		},
		Footer: "Generated by partnerops. Figures are as of 2026-06-30.",
	}
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) { charttest.Golden(t, *update, f.name+".svg", SVG(f.c)) })
	}
	t.Run("document", func(t *testing.T) { charttest.Golden(t, *update, "qbr.html", HTML(documentFixture())) })
}

func TestWellFormed(t *testing.T) {
	for _, f := range fixtures() {
		if err := charttest.Check(SVG(f.c)); err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
	}
	doc := HTML(documentFixture())
	if err := charttest.Check(doc); err != nil {
		t.Errorf("document: %v", err)
	}
	for _, bad := range []string{"<script", "http://", "https://", "src=", "@import", "url(http"} {
		if i := bytes.Index(doc, []byte(bad)); i >= 0 && !bytes.Contains(doc[max(0, i-40):i+len(bad)+40], []byte("w3.org")) {
			t.Errorf("document contains %q: %s", bad, doc[max(0, i-40):min(len(doc), i+60)])
		}
	}
}

func TestEscaping(t *testing.T) {
	hostile := "<script>alert('x')</script> & \"q\"\x00\x1b\n\xff\uFFFE"
	c := Bars{Title: hostile, Desc: hostile, Categories: []string{hostile}, Series: []Series{{Name: hostile, Values: []Num{nt("1", hostile)}}}, Notes: []string{hostile}}
	for _, out := range [][]byte{SVG(c), HTML(Document{Title: hostile, Lang: hostile, Subtitle: hostile, Footer: hostile,
		Sections: []Section{{Heading: hostile, Blocks: []Block{Text(hostile), Facts{{hostile, hostile}}, Table{Caption: hostile, Header: []string{hostile}, Rows: [][]string{{hostile, hostile}}}, c}}}})} {
		if err := charttest.Check(out); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(out, []byte("<script")) || bytes.Contains(out, []byte("\x00")) || bytes.Contains(out, []byte("\x1b")) {
			t.Errorf("unescaped text in output:\n%s", out)
		}
	}
	got := string(appendEsc(nil, "a<b>&\"'\t\x01\xffc\u0085é"))
	want := "a&lt;b&gt;&amp;&quot;&#39; \uFFFD\uFFFDc\uFFFDé"
	if got != want {
		t.Errorf("appendEsc = %q, want %q", got, want)
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		in   string
		max  float64
		want string
	}{
		{"short", 100, "short"},
		{"", 10, ""},
		{"abcdefghijklmnopqrstuvwxyz", 12 * 0.62 * 5, "abcd…"},
		{"日本語のラベル", 12 * 3, "日本…"},
	}
	for _, tt := range tests {
		if got := fit(tt.in, tt.max, 12); got != tt.want {
			t.Errorf("fit(%q, %v) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if got := fit(tt.in, tt.max, 12); textWidth(got, 12) > tt.max+1e-9 && got != tt.in {
			t.Errorf("fit(%q, %v) = %q is wider than its room", tt.in, tt.max, got)
		}
	}
}

func TestNoComputedNumbers(t *testing.T) {
	// Values whose float64 form differs from their text: the text is
	// printed, never a float rendering.
	c := Bars{Categories: []string{"a"}, Series: []Series{{Values: []Num{n("0.300000000000000001")}}}}
	out := string(SVG(c))
	if !strings.Contains(out, ">0.300000000000000001<") {
		t.Errorf("the decimal's own text is not printed:\n%s", out)
	}
}

func TestDeterminism(t *testing.T) {
	for _, f := range fixtures() {
		a, b := SVG(f.c), SVG(f.c)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", f.name)
		}
		var buf bytes.Buffer
		if err := Write(&buf, f.c); err != nil || !bytes.Equal(buf.Bytes(), a) {
			t.Errorf("%s: Write differs from SVG (err %v)", f.name, err)
		}
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, documentFixture()); err != nil || !bytes.Equal(buf.Bytes(), HTML(documentFixture())) {
		t.Errorf("WriteHTML differs from HTML (err %v)", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := Write(failWriter{}, positionFixture()); err == nil {
		t.Error("Write to a failing writer returned nil")
	}
	if err := WriteHTML(failWriter{}, Document{}); err == nil {
		t.Error("WriteHTML to a failing writer returned nil")
	}
}

func TestIDsInDocumentDoNotClash(t *testing.T) {
	// check rejects duplicate ids; a page of the same chart twice must pass.
	d := Document{Sections: []Section{{Blocks: []Block{contributionsFixture(), contributionsFixture(), waterfallFixture(), waterfallFixture()}}}}
	if err := charttest.Check(HTML(d)); err != nil {
		t.Error(err)
	}
}

func TestNumHelpers(t *testing.T) {
	m := partnerops.MustMoney("1200.5", "USD")
	p := partnerops.NewPercent(partnerops.MustDecimal("12.5"))
	tests := []struct {
		got       Num
		wantValue string
		wantText  string
	}{
		{Amount(m), "1200.5", "1200.50 USD"},
		{Pct(p), "12.5", "12.5%"},
		{Count(-3), "-3", "-3"},
	}
	for _, tt := range tests {
		if tt.got.Value.String() != tt.wantValue || tt.got.text() != tt.wantText {
			t.Errorf("Num = %v %q, want %s %q", tt.got.Value, tt.got.text(), tt.wantValue, tt.wantText)
		}
	}
}

// TestFloat checks the geometry conversion on valid values, values beyond
// the valid range, and hostile exponents (which must not expand into
// digits: this test would run out of memory if they did).
func TestFloat(t *testing.T) {
	tests := []struct {
		in   partnerops.Decimal
		want float64
	}{
		{partnerops.MustDecimal("12.50"), 12.5},
		{partnerops.MustDecimal("-0.000000000000000001"), -1e-18},
		{partnerops.NewDecimal(1, 40), 1e40},
		{partnerops.NewDecimal(-25, 39), -2.5e40},
		{partnerops.NewDecimal(123, -30), 1.23e-28},
		{partnerops.NewDecimal(7, 400), limit},
		{partnerops.NewDecimal(-7, 2_000_000_000), -limit},
		{partnerops.NewDecimal(7, -2_000_000_000), 0},
		{partnerops.NewDecimal(0, 2_000_000_000), 0},
		{partnerops.MustDecimal("1.5").Mul(partnerops.MustDecimal("0.000000000000000001")).Mul(partnerops.MustDecimal("0.001")), 1.5e-21},
	}
	for _, tt := range tests {
		got := Num{Value: tt.in}.float()
		if math.Abs(got-tt.want) > math.Abs(tt.want)*1e-15 {
			t.Errorf("float(%v) = %v, want %v", tt.in.Scale(), got, tt.want)
		}
	}
}

func TestTextOfHostileDecimals(t *testing.T) {
	tests := []struct {
		in   partnerops.Decimal
		want string
	}{
		{partnerops.MustDecimal("12.50"), "12.50"},
		{partnerops.NewDecimal(1, 35), "100000000000000000000000000000000000"},
		{partnerops.NewDecimal(-7, 2_000_000_000), "-7e2000000000"},
		{partnerops.NewDecimal(12, -2_000_000_000), "12e-2000000000"},
		{partnerops.NewDecimal(3, math.MinInt32), "3e-2147483648"},
		{partnerops.NewDecimal(3, math.MaxInt32), "3e2147483647"},
	}
	for _, tt := range tests {
		if got := (Num{Value: tt.in}).text(); got != tt.want {
			t.Errorf("text = %q, want %q", got, tt.want)
		}
	}
}
