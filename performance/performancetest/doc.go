// Package performancetest is the test kit for partner scorecards:
// scenario files a partner-ops analyst can read and review, a runner
// that scores each case and prints the expected and actual scorecards
// side by side when they differ, golden scorecard files rewritten with
// -update, and a what-if comparison of two versions of the definitions
// over the same partners.
//
// It builds on [opstest] and imports only the library, testing, go-cmp
// and rapid; the library never imports it.
//
// # Scenario files
//
// A scenario file states the definitions once (a metric catalog as
// [performance.ParseCatalog] reads it, a scorecard template as
// [performance.ParseTemplate] reads it, and the program: its tiers,
// fiscal calendar and currency) and then cases: a partner (id, tier,
// segment), an instant naming the fiscal quarter scored (the quarter of
// the program's calendar holding it), the partner's observations and
// the view ("internal", the default, or "external"), and what the
// scorecard must show:
//
//	{"definitions": {"program": {"tiers": ["silver", "gold"], "currency": "USD", "calendar": {"fiscal_year_start": 2}},
//	   "catalog": {"metrics": [{"key": "deal_regs", "name": "Deal registrations", "unit": "count",
//	     "indicator": "leading", "aggregation": "count", "visibility": "shared"}]},
//	   "template": {"key": "sc", "name": "Scorecard", "categories": [{"key": "engagement", "name": "Engagement",
//	     "weight": "100", "metrics": [{"metric": "deal_regs", "weight": "1", "normalization": {"target": "10"}}]}]}},
//	 "cases": [{"id": "acme-q1", "at": "2026-03-15",
//	   "given": {"partner": {"id": "acme", "tier": "gold"}, "view": "external",
//	             "observations": [{"metric": "deal_regs", "at": "2026-02-03"}, {"metric": "deal_regs", "at": "2026-04-20"}]},
//	   "expect": {"total": "20.00", "band": "red", "metrics": [{"metric": "deal_regs", "value": "2"}],
//	              "scorecard": "golden/acme-q1.md"}}]}
//
// and a host's test runs every file of its testdata folder, each case as
// the subtest FILE/CASE-ID:
//
//	func TestScorecards(t *testing.T) {
//		performancetest.Run(t, "testdata/*.json")
//	}
//
// Files decode strictly: an unknown key, a duplicate key or a value of
// the wrong shape is an error naming the file, the case and the field
// path (x.json: cases[newco].expect.totl: unknown field; did you mean
// "total"?); a definition that does not compile names its place
// (x.json: definitions.catalog.metrics[deal_regs].unit: ...). The
// library's rules hold: percents are strings in percent units ("40" is
// 40%; bare numbers are refused), amounts bare decimal strings
// ("250000.00") in the currency the money metric fixes, dates
// "2026-03-15" (midnight UTC) or RFC 3339 times. An observation outside
// the case's quarter is an error (given.observations[3]: ... outside
// every period), so a case cannot silently score less than it states.
//
// # Expectations
//
// Every expectation is optional; what a case leaves out is not checked
// ([Expect]): the total and band of the scorecard, scored, metrics (each
// named by key, with its value compared as a number, score, band and
// contribution; a metric the view drops is a mismatch), excluded (exactly
// the metrics left out as missing; [] for none), error (scoring must fail
// with an error containing the text) and scorecard, a golden file holding
// the whole scorecard as [performance.Result.Markdown] ("format":
// "markdown", the default) or as the one-fact-a-line text failures show
// ("format": "text").
//
// # Failures
//
// A failing case lists each mismatch with its path, then the expected
// and actual scorecards side by side, one fact a row, "|" on the rows
// that differ:
//
//	testdata/fy27.json: case acme-q1: expect.total: got 62.00, want 70.00
//	expect.metrics[deal_regs].score: got 10.00, want 20.00
//	  expected                            actual
//	  ---------------------------------   --------
//	  engagement/deal_regs                engagement/deal_regs
//	    score          20.00          |     score          10.00
//	  ...
//
// [Check] runs a file without a testing.T and returns the failures, so
// the runner's output is itself tested (testdata/failing pins it).
//
// # What-if
//
// [WhatIf] scores the same cases under two versions of the definitions
// (a raised target, a reweighted category) and reports the partners
// whose total or band moves, up or down, with the bands counted before
// and after. [Load] reads a scenario file whose cases can be compared.
package performancetest
