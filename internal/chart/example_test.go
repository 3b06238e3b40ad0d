package chart_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart"
)

// head prints the first n lines of a rendering: enough to show its
// accessible name and description.
func head(b []byte, n int) {
	lines := strings.SplitAfter(string(b), "\n")
	fmt.Print(strings.Join(lines[:min(n, len(lines))], ""))
}

// usd is how a pillar passes an amount: the exact decimal to place the
// bar and its own formatted text to print.
func usd(s string) chart.Num {
	m := partnerops.MustDecimal(s)
	return chart.Num{Value: m, Text: m.String() + " USD"}
}

// A price waterfall: list, the steps as falling or rising bars labelled
// with their rules, a subtotal after a group, a capped step, the net.
func ExampleWaterfall() {
	w := chart.Waterfall{
		Title: "Price waterfall: line 1",
		Desc:  "List 1200.00 USD, net 777.60 USD after 3 discounts.",
		Steps: []chart.Step{
			{Label: "List", Kind: chart.StepTotal, Value: usd("1200.00")},
			{Label: "partner-gold", Value: usd("-240.00")},
			{Label: "volume-tier-2", Value: usd("-96.00")},
			{Label: "After discounts", Kind: chart.StepSubtotal, Value: usd("864.00")},
			{Label: "deal-registration", Value: usd("-86.40"), Note: "capped: group cap 30%"},
			{Label: "Net", Kind: chart.StepTotal, Value: usd("777.60")},
		},
	}
	head(chart.SVG(w), 3)
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 214" width="640" height="214" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1a1a1a">
	// <title id="chart-title">Price waterfall: line 1</title>
	// <desc id="chart-desc">List 1200.00 USD, net 777.60 USD after 3 discounts.</desc>
}

// Tier movement of a requalification run: grouped vertical bars, one
// group per tier, one bar per outcome. Counts print as given.
func ExampleBars_tierMovement() {
	count := func(n int64) chart.Num { return chart.Num{Value: partnerops.DecimalFromInt(n)} }
	b := chart.Bars{
		Title:      "Tier movement, 2026-Q2",
		Desc:       "10 promoted, 73 kept, 14 demoted.",
		Categories: []string{"Gold", "Silver", "Registered"},
		Series: []chart.Series{
			{Name: "Promote", Values: []chart.Num{count(3), count(7), count(0)}},
			{Name: "Keep", Values: []chart.Num{count(21), count(40), count(12)}},
			{Name: "Demote", Values: []chart.Num{count(4), count(9), count(1)}},
		},
	}
	out := chart.SVG(b)
	fmt.Println(bytes.Count(out, []byte("<rect")), "rects,", // ground, 3 legend swatches, 9 bars, 2 pattern tiles
		bytes.Contains(out, []byte("<title>Silver · Keep: 40</title>")))
	// Output:
	// 15 rects, true
}

// Certified coverage per tier requirement, horizontal, with the required
// level as a reference line and the date coverage falls out as a note.
func ExampleBars_coverage() {
	pct := func(v, text string) chart.Num { return chart.Num{Value: partnerops.MustDecimal(v), Text: text} }
	b := chart.Bars{
		Title:      "Certified coverage",
		Categories: []string{"Gold: 2 certified sales", "Gold: 1 certified technical"},
		Series:     []chart.Series{{Name: "Certified", Values: []chart.Num{pct("100", "2 of 2"), pct("0", "0 of 1")}}},
		Horizontal: true,
		Notes:      []string{"falls out 2026-02-14", ""},
		Refs:       []chart.Ref{{Label: "Required", Value: pct("100", "100%")}},
	}
	out := string(chart.SVG(b))
	fmt.Println(strings.Contains(out, ">falls out 2026-02-14</text>"), strings.Contains(out, ">Required 100%</text>"))
	// Output:
	// true true
}

// A metric trend over quarters against a per-quarter target.
func ExampleLine() {
	k := func(v string) chart.Num { return chart.Num{Value: partnerops.MustDecimal(v + "000"), Text: v + "k"} }
	l := chart.Line{
		Title:   "Bookings against target",
		Periods: []string{"2026-Q1", "2026-Q2"},
		Series:  []chart.Series{{Name: "Bookings", Values: []chart.Num{k("230"), k("260")}}},
		Target:  chart.Series{Values: []chart.Num{k("240"), k("250")}},
	}
	out := string(chart.SVG(l))
	fmt.Println(strings.Count(out, "<polyline"), strings.Contains(out, ">260k</text>"))
	// Output:
	// 4 true
}

// The account-mapping overlap matrix as a heat map: every cell prints
// its count, the shade only helps.
func ExampleHeatMap() {
	c := func(n int64) chart.Num { return chart.Num{Value: partnerops.DecimalFromInt(n)} }
	h := chart.HeatMap{
		Title: "Account overlap",
		Rows:  []string{"Enterprise", "SMB"},
		Cols:  []string{"Their customer", "Their prospect"},
		Cells: [][]chart.Num{{c(42), c(13)}, {c(2), c(9)}},
	}
	out := string(chart.SVG(h))
	fmt.Println(strings.Contains(out, "<title>Enterprise × Their customer: 42</title>"))
	// Output:
	// true
}

// A fit-score distribution: the pillar bins the scores and names each
// bin's grade; consecutive bins of a grade form its band.
func ExampleHistogram() {
	c := func(n int64) chart.Num { return chart.Num{Value: partnerops.DecimalFromInt(n)} }
	h := chart.Histogram{
		Title: "Fit-score distribution",
		Bins: []chart.Bin{
			{Label: "0–50", Count: c(14), Band: "C"},
			{Label: "50–75", Count: c(22), Band: "B"},
			{Label: "75–90", Count: c(9), Band: "B"},
			{Label: "90–100", Count: c(3), Band: "A"},
		},
	}
	out := string(chart.SVG(h))
	fmt.Println(strings.Count(out, `font-weight="bold">`)-1, "bands")
	// Output:
	// 3 bands
}

// A peer percentile: the partner's own position, nobody else's.
func ExamplePosition() {
	p := chart.Position{
		Title: "Peer percentile",
		Min:   chart.Num{Value: partnerops.DecimalFromInt(0)},
		Max:   chart.Num{Value: partnerops.DecimalFromInt(100)},
		Value: chart.Num{Value: partnerops.DecimalFromInt(72), Text: "72nd"},
		Label: "Your position",
	}
	out := string(chart.SVG(p))
	fmt.Println(strings.Contains(out, ">Your position: 72nd</text>"))
	// Output:
	// true
}

// Write sends a chart to any io.Writer the caller passes.
func ExampleWrite() {
	if err := chart.Write(os.Stdout, chart.Bars{Title: "Nothing yet"}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 104" width="640" height="104" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1a1a1a">
	// <title id="chart-title">Nothing yet</title>
	// <desc id="chart-desc">Bar chart.</desc>
	// <rect x="0" y="0" width="640" height="104" fill="#ffffff"/>
	// <text x="12" y="22" font-size="15" font-weight="bold">Nothing yet</text>
	// <text x="320" y="74" text-anchor="middle">No data</text>
	// </svg>
}

// A QBR page: facts, a table and charts in sections, one self-contained
// printable HTML document.
func ExampleHTML() {
	d := chart.Document{
		Title:    "QBR 2026-Q2: Acme Systems",
		Subtitle: "Gold partner",
		Sections: []chart.Section{{
			Heading: "Scorecard",
			Blocks: []chart.Block{
				chart.Facts{{Name: "Total score", Value: "73.0"}},
				chart.Table{Header: []string{"Metric", "Actual"}, Rows: [][]string{{"Bookings", "260000.00 USD"}}, Numeric: []bool{false, true}},
				chart.Position{Title: "Peer percentile", Value: chart.Num{Value: partnerops.DecimalFromInt(72)},
					Max: chart.Num{Value: partnerops.DecimalFromInt(100)}},
			},
		}},
	}
	out := string(chart.HTML(d))
	for _, s := range []string{"<title>QBR 2026-Q2: Acme Systems</title>", "<dt>Total score</dt><dd>73.0</dd>",
		`<td class="num">260000.00 USD</td>`, `aria-labelledby="fig1-title"`, "<script"} {
		fmt.Println(strings.Contains(out, s))
	}
	// Output:
	// true
	// true
	// true
	// true
	// false
}
