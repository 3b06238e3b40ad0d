package fittest_test

import (
	"fmt"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/fit"
	"github.com/partnerops/partnerops/strategy/fit/fittest"
)

// Check runs a scenario file without a testing.T and returns what Run
// would report: here an account the analyst expected in grade A, which
// prints the mismatches and then the expected and actual scores side by
// side, criterion by criterion.
func ExampleCheck() {
	scenario := `{
	  "definitions": {"model": {
	    "attributes": [{"name": "industry", "kind": "string"}, {"name": "employees", "kind": "number"}],
	    "criteria": [
	      {"id": "industry", "kind": "one_of", "attribute": "industry", "weight": "60", "values": ["saas", "fintech"]},
	      {"id": "size", "kind": "range", "attribute": "employees", "weight": "40", "from": "0", "to": "1000"}]}},
	  "cases": [{"id": "initech", "given": {"attributes": {"industry": "fintech", "employees": 400}},
	    "expect": {"grade": "A", "contributions": [{"criterion": "size", "points": "40"}]}}]
	}`
	for _, f := range fittest.Check("icp.json", []byte(scenario), nil) {
		fmt.Println(f)
	}
	// Output:
	// icp.json: case initech: expect.grade: got "B", want "A"
	// expect.contributions[size].points: got 16.00, want 40
	//   expected                                              actual
	//   ---------------------------------------------------   --------
	//   initech                                               initech
	//   score            76.00                                score            76.00
	//   grade            A                                  | grade            B
	//   coverage         100.00%                              coverage         100.00%
	//   low coverage     no                                   low coverage     no
	//   disqualified     no                                   disqualified     no
	//   criteria                                              criteria
	//     industry             matched      100%      60.00     industry             matched      100%      60.00
	//     size                 partial      40%       40    |   size                 partial      40%       16.00
}

// Before publishing a new version of a fit model, the same accounts are
// scored under both: FY27 weighs growth more, no longer rewards buying
// intent, and raises the bar for A to 85.
func ExampleWhatIf() {
	f, err := fittest.Load("testdata/icp.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fy27 := *f.Definitions.Model
	fy27.Criteria = slices.Clone(fy27.Criteria)
	fy27.Criteria[3].Weight = partnerops.MustDecimal("25") // growth
	fy27.Criteria = slices.Delete(fy27.Criteria, 4, 5)     // intent
	fy27.Grades = []fit.GradeDef{{Grade: "A", Min: partnerops.MustDecimal("85")}, {Grade: "B", Min: partnerops.MustDecimal("60")},
		{Grade: "C", Min: partnerops.MustDecimal("40")}, {Grade: "D", Min: partnerops.MustDecimal("0")}}
	rep, err := fittest.WhatIf(f.Definitions, fittest.Definitions{Model: &fy27}, f.Cases)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rep.Text())
	// Output:
	// this change moves 3 of 6 accounts (2 up, 1 down); 1 changes grade: 1 drops out of A, 1 moves into B
	// flags (before -> after):
	//   disqualified: 2 -> 2
	//   grade A: 2 -> 1
	//   grade B: 0 -> 1
	//   grade C: 1 -> 1
	// acme-analytics
	//   before: 97.60 (A) [grade A]
	//   after:  96.00 (A) [grade A]
	// bluefin-pay
	//   before: 80.40 (A) [grade A]
	//   after:  84.00 (B) [grade B]
	// dockside
	//   before: 48.23 (C, coverage 85.00%) [grade C]
	//   after:  54.66 (C, coverage 75.00%) [grade C]
}
