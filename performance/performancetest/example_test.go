package performancetest_test

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops/performance/performancetest"
)

const tenLines = `{"definitions": {"program": {"tiers": ["silver", "gold"], "currency": "USD", "calendar": {"fiscal_year_start": 2}},
   "catalog": {"metrics": [{"key": "deal_regs", "name": "Deal registrations", "unit": "count",
     "indicator": "leading", "aggregation": "count", "visibility": "shared"}]},
   "template": {"key": "sc", "name": "Scorecard", "categories": [{"key": "engagement", "name": "Engagement",
     "weight": "100", "metrics": [{"metric": "deal_regs", "weight": "1", "normalization": {"target": "10"}}]}]}},
 "cases": [{"id": "acme-q1", "at": "2026-03-15",
   "given": {"partner": {"id": "acme", "tier": "gold"}, "view": "external",
             "observations": [{"metric": "deal_regs", "at": "2026-02-03"}, {"metric": "deal_regs", "at": "2026-04-20"}]},
   "expect": {"total": "20.00", "band": "red", "metrics": [{"metric": "deal_regs", "value": "2"}]}}]}`

// The ten-line scenario of the package doc passes; with a wrong total it
// fails, naming the case and the field, the scorecards side by side.
func ExampleCheck() {
	fmt.Println(len(performancetest.Check("fy27.json", []byte(tenLines), nil)), "failures")
	bad := strings.Replace(tenLines, `"total": "20.00"`, `"total": "25.00"`, 1)
	for _, f := range performancetest.Check("fy27.json", []byte(bad), nil) {
		fmt.Println(strings.SplitN(f.Error(), "\n", 2)[0])
	}
	// Output:
	// 0 failures
	// fy27.json: case acme-q1: expect.total: got 20.00, want 25.00
}

// WhatIf reports the partners a raised target moves.
func ExampleWhatIf() {
	before, _ := performancetest.Parse("fy27.json", []byte(tenLines))
	after, _ := performancetest.Parse("fy28.json", []byte(strings.Replace(tenLines, `{"target": "10"}`, `{"target": "20"}`, 1)))
	rep, err := performancetest.WhatIf(before.Definitions, after.Definitions, before.Cases)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range rep.Moves {
		fmt.Printf("%s: %s (%s) -> %s (%s)\n", m.Partner, m.TotalBefore, m.BandBefore, m.TotalAfter, m.BandAfter)
	}
	// Output:
	// acme: 20.00 (red) -> 10.00 (red)
}
