package pricing_test

import (
	"fmt"

	"github.com/partnerops/partnerops/pricing"
)

// priceJSON parses books, a framework and a quote from JSON, prices the
// quote at exampleAt and prints its text rendering.
func priceJSON(books, framework, quote string) {
	bs, err := pricing.ParsePriceBooks([]byte(books))
	if err != nil {
		fmt.Println(err)
		return
	}
	fw, err := pricing.ParseFramework([]byte(framework))
	if err != nil {
		fmt.Println(err)
		return
	}
	q, err := pricing.ParseQuote([]byte(quote))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := pricing.Compile(bs, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range e.Warnings() {
		fmt.Println("warning:", w)
	}
	r, err := e.Price(q, exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Text())
}

// Units of measure: a seat sold by the box of 12 (an entry's conversion)
// and the security family by the pack of 5 (a book's). Quantity
// conditions and schedules count seats; prices come back per box; a rule
// scoped to the box states its price per box.
func Example_unitsOfMeasure() {
	priceJSON(`[{"id": "us", "currency": "USD", "units": [{"unit": "pack", "factor": "5", "family": "security"}],
	  "entries": [{"sku": "SEC-100", "family": "security", "unit": "seat", "list": "100.00",
	               "units": [{"unit": "box", "factor": "12"}]}]}]`,
		`{"currency": "USD", "groups": [{"id": "volume", "mode": "first"}, {"id": "contract", "mode": "first"}],
	  "rules": [
	    {"id": "volume", "group": "volume", "when": {"min_quantity": "20"}, "effect": {"kind": "percent_off_list", "percent": "10"}},
	    {"id": "box-deal", "group": "contract", "when": {"units": ["box"]}, "effect": {"kind": "fixed_price", "amount": "1000.00"}}]}`,
		`{"id": "Q-9", "lines": [{"sku": "SEC-100", "quantity": "2", "unit": "box"}, {"sku": "SEC-100", "quantity": "3", "unit": "pack"}]}`)
	// Output:
	// Quote Q-9 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 × 2 box (24 seat)
	//   Step                 Rule      Amount   Unit price
	//   List price                              1200.00
	//   10% off list         volume    -120.00  1080.00
	//   fixed price 1000.00  box-deal  -80.00   1000.00
	//   Net unit price                          1000.00
	//   Extended: list 2400.00, net 2000.00, discount 400.00 (16.6667%), approval: none
	//
	// Line 2: SEC-100 × 3 pack (15 seat)
	//   Step            Rule  Amount  Unit price
	//   List price                    500.00
	//   Net unit price                500.00
	//   Extended: list 1500.00, net 1500.00, discount 0.00 (0.00%), approval: none
	//   Skipped:
	//     volume: condition failed: quantity (wants quantity at least 20)
	//     box-deal: condition failed: unit (wants unit box)
	//
	// Total: list 3900.00 USD, net 3500.00 USD, discount 400.00 USD (10.2564%), approval: none
}
