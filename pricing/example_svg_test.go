package pricing_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnerops/partnerops/pricing"
)

// svgExampleResult prices 10 seats at 100.00 USD for a gold partner: 20%
// off in the partner group, then a strategic 30% capped at 10% by its
// group.
func svgExampleResult() *pricing.Result {
	books, _ := pricing.ParsePriceBooks([]byte(`[{"id": "us", "currency": "USD", "entries": [
		{"sku": "SEC-100", "name": "Security Suite", "unit": "seat", "list": "100.00"}]}]`))
	fw, _ := pricing.ParseFramework([]byte(`{"program": {"tiers": ["silver", "gold"]},
		"groups": [{"id": "partner", "label": "partner buy price", "mode": "first"},
		           {"id": "strategic", "mode": "compounding", "cap": "10"}],
		"rules": [{"id": "tier-gold", "group": "partner", "when": {"tiers": ["gold"]},
		           "effect": {"kind": "percent_off_list", "percent": "20"}},
		          {"id": "competitive", "group": "strategic",
		           "effect": {"kind": "percent_off_running", "percent": "30"}}]}`))
	q, _ := pricing.ParseQuote([]byte(`{"id": "Q-7", "partner": {"id": "p-1", "type": "reseller", "tier": "gold"},
		"lines": [{"sku": "SEC-100", "quantity": "10"}]}`))
	e, err := pricing.Compile(books, fw)
	if err != nil {
		panic(err)
	}
	r, err := e.Price(q, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	return r
}

// svgHead prints the first n lines of a rendering: the root element,
// the accessible name and the description.
func svgHead(b []byte, n int) {
	lines := strings.SplitAfter(string(b), "\n")
	fmt.Print(strings.Join(lines[:min(n, len(lines))], ""))
}

// The price waterfall of a whole quote: the list total, each rule's
// extended amount as a bar, subtotals, the net total. A host writes it to
// a file, an HTTP response or an HTML page of its own.
func ExampleResult_SVG() {
	r := svgExampleResult()
	svgHead(r.SVG(), 3)
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 190" width="640" height="190" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1a1a1a">
	// <title id="chart-title">Price waterfall: Quote Q-7 (extended)</title>
	// <desc id="chart-desc">List total 1000.00 USD, net total 720.00 USD over 1 line after 2 steps of 2 rules (effective discount 28.00%); 1 rule limited by a cap or a floor; approval: none.</desc>
}

// The waterfall of one line, per unit: the capped step is cross-hatched
// and notes the cap and the amount the rule asked for.
func ExampleResult_LineSVG() {
	r := svgExampleResult()
	svg := string(r.LineSVG(&r.Lines[0]))
	svgHead([]byte(svg), 3)
	fmt.Println(strings.Contains(svg, "group cap (requested 24.00)"))
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 190" width="640" height="190" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1a1a1a">
	// <title id="chart-title">Price waterfall per unit: Line 1: SEC-100 Security Suite × 10 seat</title>
	// <desc id="chart-desc">List price 100.00 USD, net unit price 72.00 USD after 2 steps (effective discount 28.00%); 1 step limited by a cap or a floor; approval: none.</desc>
	// true
}

// The priced quote as one printable HTML page: totals, the quote's
// waterfall, and per line its waterfall, a table of the same rows and the
// skipped rules.
func ExampleResult_HTML() {
	r := svgExampleResult()
	page := string(r.HTML())
	fmt.Println(strings.HasPrefix(page, "<!DOCTYPE html>"), strings.Count(page, "<svg "), strings.Contains(page, "<script"))
	// Output:
	// true 2 false
}
