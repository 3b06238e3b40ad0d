package enablementtest_test

import (
	"fmt"
	"slices"

	"github.com/partnerops/partnerops/enablement/enablementtest"
)

// Check runs a scenario file without a testing.T and returns what Run
// would report: here a partner expected to meet gold with one certified
// seller, which prints the mismatches and then the expected and actual
// compliance side by side.
func ExampleCheck() {
	scenario := `{
	  "definitions": {"definition": {
	    "program": {"tiers": ["registered", "silver", "gold"]},
	    "certifications": [{"id": "pro", "name": "Professional", "kind": "role_based", "validity": "P1Y", "renewal_window": "P3M"}],
	    "requirements": [{"id": "silver-pro", "tier": "silver", "count": 1, "role": "sales", "certifications": ["pro"]},
	                     {"id": "gold-pro", "tier": "gold", "count": 2, "role": "sales", "certifications": ["pro"]}]}},
	  "cases": [{"id": "acme", "at": "2026-02-01",
	    "given": {"partner": {"id": "acme", "type": "reseller", "tier": "gold"},
	              "people": [{"id": "ana", "role": "sales", "certifications": [{"certification": "pro", "earned": "2025-06-30"}]}]},
	    "expect": {"met": true, "requirements": [{"requirement": "gold-pro", "have": 2}]}}]
	}`
	for _, f := range enablementtest.Check("acme.json", []byte(scenario), nil) {
		fmt.Println(f)
	}
	// Output:
	// acme.json: case acme: expect.met: got false, want true
	// expect.requirements[gold-pro].have: got 1, want 2
	//   expected                               actual
	//   ------------------------------------   --------
	//   acme (gold) at 2026-02-01              acme (gold) at 2026-02-01
	//   met              yes                 | met              no
	//   falls out at     never                 falls out at     never
	//   requirements                           requirements
	//     silver-pro               1/1 met       silver-pro               1/1 met
	//       people ana, until 2026-06-30           people ana, until 2026-06-30
	//       renew  ana                             renew  ana
	//     gold-pro                 2/2 gap 1 |   gold-pro                 1/2 gap 1
	//       people ana, until never                people ana, until never
	//       renew  -                               renew  -
	//   next tier        none                  next tier        none
	//   next tier met    no                    next tier met    no
}

// Before publishing a new program year, the same partners are checked
// under both versions: FY27 asks for three certified sellers at gold and
// lets the sales certification count through its grace period.
func ExampleWhatIf() {
	f, err := enablementtest.Load("testdata/northwind.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fy27 := *f.Definitions.Definition
	fy27.Requirements = slices.Clone(fy27.Requirements)
	fy27.Requirements[1].Count = 3 // gold-sales
	fy27.Certifications = slices.Clone(fy27.Certifications)
	fy27.Certifications[0].GraceCounts = true // cloud-sales-pro
	rep, err := enablementtest.WhatIf(f.Definitions, enablementtest.Definitions{Definition: &fy27}, f.Cases)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rep.Text())
	// Output:
	// this change moves 4 of 6 partners: 1 loses its tier, 1 regains it; 2 fall out later; 1 now below gold
	// flags (before -> after):
	//   below gold: 0 -> 1
	//   below silver: 2 -> 1
	//   meets gold: 1 -> 0
	//   meets silver: 2 -> 3
	// contoso-january
	//   before: meets silver until 2026-03-31; 3 gaps to gold [meets silver]
	//   after:  meets silver until 2026-04-30; 3 gaps to gold [meets silver]
	// contoso-april
	//   before: below silver (1 gap); 5 gaps to gold [below silver]
	//   after:  meets silver until 2026-04-30; 4 gaps to gold [meets silver]
	// contoso-renewed
	//   before: meets silver until 2027-03-31; 3 gaps to gold [meets silver]
	//   after:  meets silver until 2027-04-30; 3 gaps to gold [meets silver]
	// fabrikam-gold
	//   before: meets gold until 2026-02-28; 1 gap to platinum [meets gold]
	//   after:  below gold (1 gap); 2 gaps to platinum [below gold]
}
