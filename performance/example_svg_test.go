package performance_test

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/partnerops/partnerops/performance"
)

var descRE = regexp.MustCompile(`<desc id="[^"]*">([^<]*)</desc>`)

// desc returns the description of a standalone SVG: the chart's finding
// in words.
func desc(svg []byte) string { return string(descRE.FindSubmatch(svg)[1]) }

// A scorecard's category contributions, a metric's trend against its
// target, the partner's peer position and the tier movement of a run, as
// standalone SVG documents a host writes wherever it likes.
func ExampleResult_SVG() {
	sc := mustScorecard(mustCatalog())
	results := chartResults(nil, sc, performance.ViewExternal)
	latest := results[len(results)-1]

	fmt.Println(desc(latest.SVG()))
	fmt.Println(desc(performance.TrendSVG(results, "bookings")))
	ranks := mustBench([]performance.Peer{{Partner: "p-acme", Group: "silver", Value: d("210000")}, {Partner: "p-b", Group: "silver", Value: d("100000")}}, performance.HigherIsBetter)
	fmt.Println(desc(ranks[0].SVG()))
	fmt.Println(desc(performance.MovementSVG(ladder, chartRecs())))
	// Output:
	// Total 88.72 of 100 (green) over 4 categories. Each bar is a category&#39;s weight, split into the points earned and the points missed.
	// Bookings: 210000.00 USD in FY2027-Q4 against a target of 250000.00 USD. 3 quarters with a value; none in FY2027-Q3.
	// p-acme is at the 75.00 percentile of its peer group silver (50 is the middle, 100 the best).
	// 8 partners reviewed: 3 to promote, 4 to keep, 1 to demote.
}

// The QBR as one self-contained printable HTML page, with the sections
// of the Markdown QBR and a trend chart per key metric.
func ExampleQBR_HTML() {
	sc := mustScorecard(mustCatalog())
	q := chartQBR(nil, sc, chartResults(nil, sc, performance.ViewExternal))
	page := q.HTML()
	for _, h := range regexp.MustCompile(`<h2[^>]*>([^<]*)</h2>`).FindAllSubmatch(page, -1) {
		fmt.Println(string(h[1]))
	}
	fmt.Println("charts:", bytes.Count(page, []byte("<svg")), "scripts:", bytes.Count(page, []byte("<script")))
	// Output:
	// Summary
	// Performance against plan
	// Scorecard by category
	// Enablement progress
	// Partnership health
	// Highlights
	// Lowlights
	// Growth plan
	// charts: 4 scripts: 0
}
