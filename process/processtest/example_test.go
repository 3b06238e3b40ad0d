package processtest_test

import (
	"fmt"
	"slices"

	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/processtest"
)

// Check runs a scenario file without a testing.T and returns what Run
// would report: here a quote expected to be approved by the deal desk
// alone, which prints the mismatches and then the expected and actual
// runs side by side, step by step.
func ExampleCheck() {
	scenario := `{
	  "definitions": {"workflow": {"id": "quote", "initial": "draft",
	    "states": [{"name": "draft", "owner": "sales_rep"},
	      {"name": "desk", "owner": "deal_desk", "sla": {"duration": "8h", "escalate_to": "sales_director"},
	       "approval": {"event": "approve", "steps": [{"role": "deal_desk"},
	         {"role": "cfo", "when": [{"field": "discount", "op": "ge", "value": {"number": "30"}}]}]}},
	      {"name": "approved", "terminal": true}],
	    "transitions": [{"from": "draft", "event": "submit", "to": "desk"}, {"from": "desk", "event": "approve", "to": "approved"}]}},
	  "cases": [{"id": "q-35", "at": "2026-03-02T18:00:00Z",
	    "given": {"start": {"at": "2026-03-02T09:00:00Z", "data": {"discount": {"number": "35"}}},
	      "steps": [{"at": "2026-03-02T09:05:00Z", "event": "submit"},
	                {"id": "desk", "at": "2026-03-02T11:00:00Z", "event": "approve", "role": "deal_desk"}]},
	    "expect": {"state": "approved", "breached": false}}]
	}`
	for _, f := range processtest.Check("quote.json", []byte(scenario), nil) {
		fmt.Println(f)
	}
	// Output:
	// quote.json: case q-35: expect.state: got "desk", want "approved"
	// expect.breached: got true, want false
	//   expected                                                     actual
	//   ----------------------------------------------------------   --------
	//   q-35 (quote) as of 2026-03-02T18:00:00Z                      q-35 (quote) as of 2026-03-02T18:00:00Z
	//   start          2026-03-02T09:00:00Z  -> draft                start          2026-03-02T09:00:00Z  -> draft
	//   0              2026-03-02T09:05:00Z  submit: draft -> desk   0              2026-03-02T09:05:00Z  submit: draft -> desk
	//   desk           2026-03-02T11:00:00Z  approve: desk -> desk   desk           2026-03-02T11:00:00Z  approve: desk -> desk
	//   state          approved                                    | state          desk
	//   version        3                                             version        3
	//   entered        2026-03-02T09:05:00Z                          entered        2026-03-02T09:05:00Z
	//   due            2026-03-02T17:05:00Z                          due            2026-03-02T17:05:00Z
	//   breached       no, overdue 55m0s                           | breached       yes, overdue 55m0s
	//   breaches                                                     breaches
	//     desk due 2026-03-02T17:05:00Z, overdue 55m0s                 desk due 2026-03-02T17:05:00Z, overdue 55m0s
	//   escalations                                                  escalations
	//     sales_director at 2026-03-02T17:05:00Z                       sales_director at 2026-03-02T17:05:00Z
}

// Before publishing a new version of the deal registration workflow, the
// same histories are played under both: v2 protects approved
// registrations for 60 days instead of 90, no longer lets partners ask
// for an extension, and lets them withdraw an approved registration.
func ExampleWhatIf() {
	f, err := processtest.Load("testdata/dealreg.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	v2 := process.DealRegistration(process.DealRegistrationOptions{ValidityDays: 60, Extensions: -1})
	v2.Version = 2
	w := slices.IndexFunc(v2.Exceptions, func(e process.Exception) bool { return e.Event == "withdraw" })
	v2.Exceptions[w].From = append(v2.Exceptions[w].From, "approved")
	rep, err := processtest.WhatIf(f.Definitions, processtest.Definitions{Workflow: &v2, Calendar: f.Definitions.Calendar}, f.Cases)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(rep.Text())
	// Output:
	// this change moves 2 of 4 histories: 1 ends in another state; 1 has steps accepted now that were refused; 1 now ends in withdrawn
	// flags (before -> after):
	//   breached: 1 -> 1
	//   ends in approved: 1 -> 0
	//   ends in expired: 1 -> 1
	//   ends in under_review: 2 -> 2
	//   ends in withdrawn: 0 -> 1
	//   refuses approve: 1 -> 1
	//   refuses extend: 1 -> 1
	//   refuses withdraw: 1 -> 0
	// approved-small
	//   before: approved (v3), due 2026-10-25T10:00:00Z; refused: late-withdraw withdraw (invalid_transition) [ends in approved, refuses withdraw]
	//   after:  withdrawn (v4) [ends in withdrawn]
	// expires-unless-extended
	//   before: expired (v4); refused: extend (guard_rejected) [ends in expired, refuses extend]
	//   after:  expired (v4); refused: extend (invalid_transition) [ends in expired, refuses extend]
	// refusals (before -> after):
	//   approved-small step late-withdraw (withdraw): refused (invalid_transition) -> accepted
	//   expires-unless-extended step extend (extend): refused (guard_rejected) -> refused (invalid_transition)
}
