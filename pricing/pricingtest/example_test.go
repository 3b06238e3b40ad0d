package pricingtest_test

import (
	"fmt"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/pricing/pricingtest"
)

// Check runs a scenario file without a testing.T and returns what Run
// would report: here a case expecting the wrong net price, which prints
// the mismatch and then the expected and actual waterfalls side by side.
func ExampleCheck() {
	scenario := `{
	  "definitions": {
	    "books": [{"id": "us", "currency": "USD", "entries": [{"sku": "SEC-100", "list": "100.00"}]}],
	    "framework": {"program": {"tiers": ["silver", "gold"]},
	      "groups": [{"id": "partner", "mode": "first"}],
	      "rules": [{"id": "tier-gold", "group": "partner", "when": {"tiers": ["gold"]},
	                 "effect": {"kind": "percent_off_list", "percent": "20"}}]}
	  },
	  "cases": [{"id": "gold-10-seats", "at": "2026-03-01",
	    "given": {"partner": {"id": "acme", "tier": "gold"}, "lines": [{"sku": "SEC-100", "quantity": "10"}]},
	    "expect": {"net_total": "750.00", "lines": [{"sku": "SEC-100", "steps": [{"rule": "tier-gold", "amount": "25.00"}]}]}}]
	}`
	for _, f := range pricingtest.Check("fy27.json", []byte(scenario), nil) {
		fmt.Println(f)
	}
	// Output:
	// fy27.json: case gold-10-seats: expect.net_total: got 800.00 USD, want 750.00
	// expect.lines[SEC-100].steps[tier-gold].amount: got 20.00, want 25.00
	//   expected                             actual
	//   ----------------------------------   --------
	//   book us (USD)                        book us (USD)
	//   line 1: SEC-100 × 10                 line 1: SEC-100 × 10
	//     list               100.00            list               100.00
	//     tier-gold          25.00 → 80.00 |   tier-gold          20.00 → 80.00
	//     net unit           80.00             net unit           80.00
	//     list extended      1000.00           list extended      1000.00
	//     net extended       800.00            net extended       800.00
	//     discount           20.0000%          discount           20.0000%
	//     approval           none              approval           none
	//   total                                total
	//     list               1000.00           list               1000.00
	//     net                750.00        |   net                800.00
	//     discount           200.00            discount           200.00
	//     effective discount 20.0000%          effective discount 20.0000%
	//     approval           none              approval           none
}

// Before publishing a new framework, a deal desk prices the same quotes
// under both versions: FY27 gives silver partners 20% instead of 15%
// and asks a VP above 25% instead of 35%.
func ExampleWhatIf() {
	f, err := pricingtest.Load("testdata/waterfall.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fy27 := *f.Definitions.Framework
	fy27.Rules = slices.Clone(fy27.Rules)
	for i, r := range fy27.Rules {
		if r.ID == "tier-silver" {
			fy27.Rules[i].Effect = pricing.PercentOffRunning(partnerops.MustPercent("20"))
		}
	}
	fy27.Approvals = []pricing.ApprovalThreshold{
		{Level: "manager", Above: partnerops.MustPercent("20")},
		{Level: "vp", Above: partnerops.MustPercent("25")},
	}
	after := f.Definitions
	after.Framework = &fy27
	rep, err := pricingtest.WhatIf(f.Definitions, after, f.Cases)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rep.Text())
	// Output:
	// this change moves 3 of 7 quotes (2 cheaper); 2 need vp approval now
	// totals (before -> after):
	//   USD: 39440.73 USD -> 38785.98 USD (-654.75)
	// flags (before -> after):
	//   approval: manager: 2 -> 0
	//   approval: vp: 3 -> 5
	// registered-q1042
	//   before: net 11493.48 USD (24.5339% off) [approval: manager]
	//   after:  net 11493.48 USD (24.5339% off) [approval: vp]
	// silver-q1042
	//   before: net 9633.75 USD (36.7449% off) [approval: vp]
	//   after:  net 9024.00 USD (40.7485% off) [approval: vp]
	// spring-promo-without-dealreg
	//   before: net 765.00 USD (23.5000% off) [approval: manager]
	//   after:  net 720.00 USD (28.0000% off) [approval: vp]
}
