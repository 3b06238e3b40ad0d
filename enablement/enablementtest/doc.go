// Package enablementtest is the test kit for enablement programs:
// scenario files an enablement lead can read and review, a runner that
// checks each case's partner against its tier and prints the expected
// and actual compliance side by side when they differ, golden compliance
// files rewritten with -update, a what-if comparison of two program
// versions over the same partners, and rapid generators of valid
// programs, partners and people for a host's own property tests.
//
// It builds on [opstest] and imports only the library, testing, go-cmp
// and rapid; the library never imports it.
//
// # Scenario files
//
// A scenario file states the program once (inline in the enablement
// package's JSON, or in its own file) and then cases: a partner and its
// people at a date, and what its compliance must say. This one pins
// Contoso's standing in the enablement-gaps example:
//
//	{"definitions": {"definition_file": "programs/northwind.json"},
//	 "cases": [{
//	   "id": "contoso", "at": "2026-01-15",
//	   "given": {"partner": {"id": "contoso", "type": "reseller", "tier": "silver", "motions": ["resell", "co_sell"]},
//	             "people": [{"id": "ana", "role": "sales", "certifications": [{"certification": "cloud-sales-pro", "earned": "2025-03-31"}]}]},
//	   "expect": {"met": true, "falls_out_at": "2026-03-31", "next_tier": "gold",
//	     "gaps": [{"requirement": "gold-sales", "have": 1, "gap": 1}, {"requirement": "gold-tech", "gap": 1},
//	              {"requirement": "gold-spec", "motion": "co_sell"}, {"requirement": "gold-spec", "motion": "resell"}],
//	     "compliance": "golden/contoso.txt"}
//	 }]}
//
// and a host's test runs every file of its testdata folder, each case as
// the subtest FILE/CASE-ID:
//
//	func TestTiers(t *testing.T) {
//		enablementtest.Run(t, "testdata/*.json")
//	}
//
// Files decode strictly, with the library's rules (exam scores and pass
// marks as percent strings: "70" is 70%, bare numbers are refused;
// dates "2026-01-15", midnight UTC; spans "P1Y"): an unknown key, a
// duplicate key or a value of the wrong shape is an error naming the
// file, the case and the field path (testdata/tiers.json:
// cases[contoso].given.people[ana].certifcations: unknown field; did you
// mean "certifications"?). The program decodes as
// [enablement.ParseDefinition] decodes it and compiles once per file; a
// compile problem names its place
// (definitions.definition.requirements[gold-sales].count) or, for a
// program kept in its own file, that file and the place in it. The
// people are the partner's: their "partner" may be left out. The case's
// "at" is the date the compliance is evaluated at.
//
// # Expectations
//
// Every expectation is optional; what a case leaves out is not checked
// ([Expect]):
//
//   - met: whether the partner meets every requirement of its tier and
//     the tiers below; falls_out_at: when it stops meeting them as
//     certifications expire ("2026-03-31", or "never");
//   - next_tier ("" at the top) and next_tier_met;
//   - requirements of the tier, each named by requirement (and motion,
//     for a per-motion requirement), with met, have, required, gap,
//     people and renew (exact sets) and falls_out_at given;
//   - gaps: exactly the requirements the partner misses for the next
//     tier, each with the counts, certifications and assets given;
//   - compliance: a golden file holding the whole
//     [enablement.Compliance.Text];
//   - error: the compliance must fail with an error containing this text
//     (a tier not on the ladder: "unknown tier").
//
// # Failures
//
// A failing case lists each mismatch with its path, then the expected
// and actual compliance side by side, one fact a row, "|" marking the
// rows that differ:
//
//	acme.json: case acme: expect.met: got false, want true
//	expect.requirements[gold-pro].have: got 1, want 2
//	  expected                               actual
//	  ------------------------------------   --------
//	  acme (gold) at 2026-02-01              acme (gold) at 2026-02-01
//	  met              yes                 | met              no
//	  ...
//	    gold-pro                 2/2 gap 1 |   gold-pro                 1/2 gap 1
//	      people ana, until never                people ana, until never
//
// A golden compliance text that differs is shown side by side with the
// new text; -update accepts it. [Check] runs a file without a testing.T
// and returns the failures.
//
// # What-if
//
// [WhatIf] checks the same partners under two versions of a program and
// reports the partners whose standing changed: those who lose or regain
// their tier's requirements, fall out earlier or later, and are below a
// tier or ready for the next one now ("this change moves 4 of 6
// partners: 1 loses its tier, 1 regains it; 2 fall out later; 1 now
// below gold").
//
// # Generators
//
// [Definition], [Partner], [People] and [At] are rapid generators of
// valid programs and their inputs: every program drawn compiles and
// every partner drawn evaluates. A host states its own invariants over
// them:
//
//	rapid.Check(t, func(t *rapid.T) {
//		e, _ := enablement.Compile(enablementtest.Definition().Draw(t, "program"))
//		c, _ := e.Compliance(enablementtest.Partner(e).Draw(t, "partner"),
//			enablementtest.People(e).Draw(t, "people"), enablementtest.At().Draw(t, "at"))
//		for _, g := range c.NextTierGaps {
//			if g.Gap <= 0 {
//				t.Fatalf("gap %s closes nothing", g.Requirement)
//			}
//		}
//	})
package enablementtest
