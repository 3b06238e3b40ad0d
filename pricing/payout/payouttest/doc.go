// Package payouttest is the test kit for payout plans: scenario files a
// plan administrator can read and review, a runner that evaluates each
// case's statement and prints the expected and actual statements side by
// side when they differ, golden statement files rewritten with -update,
// a what-if comparison of two plan versions over the same statements,
// and rapid generators of valid plans and requests for a host's own
// property tests.
//
// It builds on [opstest] and imports only the library, testing, go-cmp
// and rapid; the library never imports it.
//
// # Scenario files
//
// A scenario file states the plan once (inline in the payout package's
// JSON, or in its own file) and then cases: a payee's transactions (a
// [payout.Request] in JSON) for the plan period holding the case's
// instant, and what the statement must say:
//
//	{"definitions": {"plan_file": "plans/new-rep.json"},
//	 "cases": [{
//	   "id": "march", "at": "2026-03-01",
//	   "given": {"payee": "rep", "draw_balance": "300.00",
//	             "transactions": [{"id": "D-3", "date": "2026-03-01", "amount": "150000.00"}]},
//	   "expect": {"subtotal": "10000.00", "total": "9700.00", "draw_balance": "0",
//	     "components": [{"id": "c", "lines": [
//	       {"transaction": "D-3", "amount": "10000.00", "cut": "5000.00", "limit": "period_cap"}]}],
//	     "statement": "golden/rep-march.txt"}
//	 }]}
//
// and a host's test runs every file of its testdata folder, each case as
// the subtest FILE/CASE-ID:
//
//	func TestPayouts(t *testing.T) {
//		payouttest.Run(t, "testdata/*.json")
//	}
//
// Files decode strictly, with the library's rules (percents as strings
// in percent units, amounts as bare decimal strings in the plan's
// currency, dates "2026-03-01"): an unknown key, a duplicate key or a
// value of the wrong shape is an error naming the file, the case and the
// field path (testdata/q1.json: cases[march].given.transactions[D-3].amout:
// unknown field; did you mean "amount"?). The plan decodes as
// [payout.ParsePlan] decodes it and compiles once per file; a compile
// problem names its place (definitions.plan.components[base].table) or,
// for a plan kept in its own file, that file and the place in it. The
// case's "at" is the statement's instant: a "given" request leaves its
// own "at" out (or repeats the same instant).
//
// # Expectations
//
// Every expectation is optional; what a case leaves out is not checked
// ([Expect]):
//
//   - total, subtotal and draw_balance of the statement;
//   - components, each named by id, with its earned amount, credited
//     measure, attainment, tier and lines (exactly these lines, in order,
//     each with the kind, transaction, tier, rate, amount, cut and limit
//     given);
//   - adjustments: exactly these adjustment lines (plan cap, floor, draw);
//   - skipped: exactly the set of transactions that earned nothing;
//   - statement: a golden file holding the whole [payout.Statement.Text];
//   - error: the statement must fail with an error containing this text.
//
// Amounts compare as numbers, in the expected currency when one is
// written; percents compare exactly.
//
// # Failures
//
// A failing case lists each mismatch with its path, then the expected
// and actual statements side by side, one fact a row, "|" marking the
// rows that differ:
//
//	referral.json: case march: expect.total: got 100.00 USD, want 120.00
//	expect.components[fee].lines[D-1].amount: got 100.00 USD, want 120.00
//	  expected                                      actual
//	  -------------------------------------------   --------
//	  statement referral for acme, 2026-03          statement referral for acme, 2026-03
//	  component fee                                 component fee
//	  ...
//	      D-1              120.00 (tier 1 at 10%) |     D-1              100.00 (tier 1 at 10%)
//	  ...
//	  total                120.00 USD             | total                100.00 USD
//
// A golden statement that differs is shown side by side with the new
// text; -update accepts it. [Check] runs a file without a testing.T and
// returns the failures.
//
// # What-if
//
// [WhatIf] evaluates the same statement requests under two versions of a
// plan and reports the statements whose payout moved, more or less, the
// totals paid per currency, and the caps and adjustments statements meet
// now and did not before ("this change moves 3 of 3 statements (1 pays
// more, 1 pays less); 1 now with period cap").
//
// # Generators
//
// [Plan] and [Request] are rapid generators of valid plans and statement
// requests: every plan drawn compiles and every request drawn evaluates.
// A host states its own invariants over them, for example that no
// statement pays above the plan's cap:
//
//	rapid.Check(t, func(t *rapid.T) {
//		plan := payouttest.Plan().Draw(t, "plan")
//		e, _ := payout.Compile(plan)
//		s, _ := e.Statement(payouttest.Request(e).Draw(t, "request"))
//		if plan.Cap != nil {
//			if c, _ := s.Total.Cmp(plan.Cap.Amount); c > 0 {
//				t.Fatalf("pays %v above the cap %v", s.Total, plan.Cap.Amount)
//			}
//		}
//	})
package payouttest
