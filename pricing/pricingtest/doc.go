// Package pricingtest is the test kit for price books and discount
// frameworks: scenario files a deal desk can read and review, a runner
// that prices each case and prints the expected and actual waterfalls
// side by side when they differ, golden waterfall files rewritten with
// -update, a what-if comparison of two framework versions over the same
// quotes, and rapid generators of valid books, frameworks and quotes for
// a host's own property tests.
//
// It builds on [opstest] and imports only the library, testing, go-cmp
// and rapid; the library never imports it.
//
// # Scenario files
//
// A scenario file states the definitions once (books and a framework,
// inline in pricing's JSON or in their own files) and then cases: a
// quote (pricing's quote JSON) priced at an instant, and what it must
// price to. This one pins the waterfall of the pricing-waterfall example
// for a gold partner:
//
//	{"definitions": {"books_file": "waterfall/books.json", "framework_file": "waterfall/framework.json"},
//	 "cases": [{
//	   "id": "gold-120-seats", "at": "2026-03-02",
//	   "given": {"partner": {"id": "acme", "tier": "gold"}, "region": "na", "deal_registration": "approved",
//	             "lines": [{"sku": "SEC-100", "quantity": "120"}]},
//	   "expect": {"net_total": "8040.00", "approval": "manager", "waterfall": "golden/gold-120-seats.txt",
//	     "lines": [{"sku": "SEC-100", "steps": [{"rule": "seat-volume", "amount": "10.00"},
//	       {"rule": "tier-gold", "amount": "18.00"}, {"rule": "dealreg-bonus", "amount": "5.00"}]}]}
//	 }]}
//
// and a host's test runs every file of its testdata folder, each case as
// the subtest FILE/CASE-ID:
//
//	func TestPricing(t *testing.T) {
//		pricingtest.Run(t, "testdata/*.json")
//	}
//
// The format follows the library's rules. Files decode strictly: an
// unknown key, a duplicate key or a value of the wrong shape is an error
// naming the file, the case and the field path
// (testdata/fy27.json: cases[gold-50].expect.net_totl: unknown field;
// did you mean "net_total"?). Percents are strings in percent units ("20"
// is 20%; bare numbers are refused), amounts bare decimal strings
// ("8040.00") in the currency the definition fixes, dates "2026-03-02"
// (midnight UTC) or RFC 3339 times. Books and frameworks decode as
// [pricing.ParsePriceBooks] and [pricing.ParseFramework] decode them, and
// compile with [pricing.Compile] once per file; a compile problem names
// its place in the definitions (definitions.framework.rules[spring].group)
// or, for a definition kept in its own file, that file and the place in
// it (definitions.books_file: testdata/books.json:
// books[us].entries[SEC-100].list). Files a scenario names are relative
// to its folder and stay inside it.
//
// # Expectations
//
// Every expectation is optional; what a case leaves out is not checked
// ([Expect]):
//
//   - net_total, list_total, discount_total, effective_discount and
//     approval ("vp", or "none") of the quote;
//   - lines, each named by sku, id or line (1-based), with its net_unit,
//     net_extended, list_extended, effective_discount and approval, its
//     steps (exactly these rules applied, in this order, each with the
//     amount, running price and limit given) and its skipped rules
//     (exactly this set, each with the reason and rule given);
//   - waterfall: a golden file holding the whole [pricing.Result.Text];
//   - error: pricing must fail with an error containing this text.
//
// Amounts compare as numbers ("57.6" matches 57.60), in the expected
// currency when one is written; percents compare exactly (the result's
// effective discounts have four decimal places: "41.1425").
//
// # Failures
//
// A failing case lists each mismatch with its path, then the expected
// and the actual waterfall side by side, one fact a row, with "|" on the
// rows that differ (facts a case does not pin show the actual value on
// both sides, steps a case expects and the quote lacks show "?"):
//
//	testdata/fy27.json: case gold-10-seats: expect.net_total: got 800.00 USD, want 750.00
//	expect.lines[SEC-100].steps[tier-gold].amount: got 20.00, want 25.00
//	  expected                             actual
//	  ----------------------------------   --------
//	  book us (USD)                        book us (USD)
//	  line 1: SEC-100 × 10                 line 1: SEC-100 × 10
//	    list               100.00            list               100.00
//	    tier-gold          25.00 → 80.00 |   tier-gold          20.00 → 80.00
//	  ...
//
// A golden waterfall that differs is shown side by side with the new
// text; run the tests with -update to accept it and review the diff.
// [Check] runs a file without a testing.T and returns the failures, so a
// runner's output can itself be tested.
//
// # What-if
//
// [WhatIf] prices the same quotes under two versions of the definitions
// and reports what a deal desk checks before publishing: the quotes
// whose price or approval moved, cheaper or dearer, net totals per
// currency, and approval levels escalated or relaxed, headed by one line
// ("this change moves 3 of 7 quotes (2 cheaper); 2 need vp approval
// now"). [Load] reads a scenario file with the files it names, so its
// cases can be compared under a changed framework.
//
// # Generators
//
// [Books], [Framework], [Generate], [Quote] and [At] are rapid
// generators of valid definitions and inputs: every framework drawn
// compiles with its books and every quote drawn prices. A host states
// its own invariants over them:
//
//	rapid.Check(t, func(t *rapid.T) {
//		d := pricingtest.Generate().Draw(t, "definitions")
//		zero := partnerops.PercentFromInt(0)
//		d.Framework.MinMargin = &zero
//		e, _ := pricing.Compile(d.Books, *d.Framework)
//		r, _ := e.Price(pricingtest.Quote(d).Draw(t, "quote"), pricingtest.At().Draw(t, "at"))
//		for _, l := range r.Lines {
//			if c, _ := l.NetUnit.Cmp(l.Cost); !l.Cost.IsZero() && c < 0 {
//				t.Fatalf("line %d nets %v below its cost %v", l.Line, l.NetUnit, l.Cost)
//			}
//		}
//	})
//
// Values compare with go-cmp through their Equal methods ([pricing.Result.Equal],
// [partnerops.Money.Equal], ...), so cmp.Diff needs no options.
package pricingtest
