package payouttest_test

import (
	"fmt"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

// Check runs a scenario file without a testing.T and returns what Run
// would report: here a case expecting the wrong commission, which prints
// the mismatch and then the expected and actual statements side by side.
func ExampleCheck() {
	scenario := `{
	  "definitions": {"plan": {"id": "referral", "currency": "USD", "period": "month",
	    "components": [{"id": "fee", "kind": "commission",
	      "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}}]}},
	  "cases": [{"id": "march", "at": "2026-03-01",
	    "given": {"payee": "acme", "transactions": [{"id": "D-1", "date": "2026-03-03", "amount": "1000.00"}]},
	    "expect": {"total": "120.00", "components": [{"id": "fee", "lines": [{"transaction": "D-1", "amount": "120.00"}]}]}}]
	}`
	for _, f := range payouttest.Check("referral.json", []byte(scenario), nil) {
		fmt.Println(f)
	}
	// Output:
	// referral.json: case march: expect.total: got 100.00 USD, want 120.00
	// expect.components[fee].lines[D-1].amount: got 100.00 USD, want 120.00
	//   expected                                      actual
	//   -------------------------------------------   --------
	//   statement referral for acme, 2026-03          statement referral for acme, 2026-03
	//   component fee                                 component fee
	//     credited           1000.00                    credited           1000.00
	//     attainment         0%                         attainment         0%
	//     tier               1                          tier               1
	//     lines                                         lines
	//       D-1              120.00 (tier 1 at 10%) |     D-1              100.00 (tier 1 at 10%)
	//     earned             100.00                     earned             100.00
	//   subtotal             100.00                   subtotal             100.00
	//   total                120.00 USD             | total                100.00 USD
	//   draw balance         0                        draw balance         0
}

// Before publishing a new plan, the same statements are evaluated under
// both versions: FY27 pays 12% instead of 10% but caps a month at 1.5
// times the target instead of 2.
func ExampleWhatIf() {
	f, err := payouttest.Load("testdata/draw.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fy27 := *f.Definitions.Plan
	fy27.Components = slices.Clone(fy27.Components)
	c := fy27.Components[0]
	c.Table = &payout.RateTable{Mode: payout.TierFlat, Tiers: []payout.Tier{{Rate: partnerops.MustPercent("12")}}}
	c.Cap = &payout.Cap{MultipleOfTarget: partnerops.MustDecimal("1.5")}
	fy27.Components[0] = c
	rep, err := payouttest.WhatIf(f.Definitions, payouttest.Definitions{Plan: &fy27}, f.Cases)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rep.Text())
	// Output:
	// this change moves 3 of 3 statements (1 pays more, 1 pays less)
	// totals (before -> after):
	//   USD: 15700.00 USD -> 13800.00 USD (-1900.00)
	// flags (before -> after):
	//   draw advance: 1 -> 1
	//   draw recovery: 2 -> 2
	//   period cap: 1 -> 1
	// january
	//   before: pays 3000.00 USD (earned 1200.00) [draw advance]
	//   after:  pays 3000.00 USD (earned 1440.00) [draw advance]
	// february
	//   before: pays 3000.00 USD (earned 4500.00) [draw recovery]
	//   after:  pays 3600.00 USD (earned 5400.00) [draw recovery]
	// march
	//   before: pays 9700.00 USD (earned 10000.00) [draw recovery, period cap]
	//   after:  pays 7200.00 USD (earned 7500.00) [draw recovery, period cap]
}
