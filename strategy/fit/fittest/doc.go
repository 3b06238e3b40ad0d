// Package fittest is the test kit for fit models (ideal customer and
// ideal partner profiles): scenario files a RevOps analyst can read and
// review, a runner that scores each case's account and prints the
// expected and actual scores side by side, criterion by criterion, when
// they differ, golden explanation files rewritten with -update, a
// what-if comparison of two model versions over the same accounts, and
// rapid generators of valid models and accounts for a host's own
// property tests.
//
// It builds on [opstest] and imports only the library, testing, go-cmp
// and rapid; the library never imports it.
//
// # Scenario files
//
// A scenario file states the fit model once (inline in the fit package's
// JSON, or in its own file) and then cases: an account's attributes (or
// a partner profile, for an ideal partner profile) and what its score
// must be. This one pins the best account of the icp-fit example:
//
//	{"definitions": {"model_file": "models/icp.json"},
//	 "cases": [{
//	   "id": "acme-analytics",
//	   "given": {"attributes": {"industry": "SaaS", "employees": 650, "tech": ["aws", "snowflake", "segment"],
//	             "yoy_growth": "42", "intent": "pricing page x3", "region": "na", "customer": false}},
//	   "expect": {"score": "97.60", "grade": "A", "coverage": "100",
//	     "contributions": [{"criterion": "growth", "outcome": "partial", "points": "12.60"}],
//	     "explanation": "golden/acme-analytics.txt"}
//	 }]}
//
// and a host's test runs every file of its testdata folder, each case as
// the subtest FILE/CASE-ID:
//
//	func TestICP(t *testing.T) {
//		fittest.Run(t, "testdata/*.json")
//	}
//
// A model with predicate criteria passes their bindings to the runner:
// fittest.Run(t, "testdata/*.json", fit.WithPredicate("in_crm", inCRM)).
//
// Files decode strictly, with the library's rules (weights and points as
// decimal strings, percents as strings in percent units: "85" is 85%,
// bare numbers are refused): an unknown key, a duplicate key or a value
// of the wrong shape is an error naming the file, the case and the field
// path (testdata/icp.json: cases[acme].expect.contributions[size].pionts:
// unknown field; did you mean "points"?). The model decodes as
// [fit.ParseDefinition] decodes it and compiles once per file; a compile
// problem names its place (definitions.model.criteria[size].bands[mid].min)
// or, for a model kept in its own file, that file and the place in it. A
// fit score does not depend on time, so a case's "at" may be left out.
//
// An account's attributes are written by name, each as its JSON allows:
// a string ("saas"), a number as a string or a JSON number ("450", 450;
// kept exact), true or false, a list of strings for a set (["aws",
// "snowflake"], or "aws, snowflake"). A name the model does not declare,
// or a value of the wrong kind (a list for a number), fails the case with
// its path (given.attributes[industy]: the model declares no attribute
// "industy"). A "partner" gives a [partnerops.Partner] to score as
// [fit.Model.PartnerEntity] reads it, with any attributes set on top.
//
// # Expectations
//
// Every expectation is optional; what a case leaves out is not checked
// ([Expect]):
//
//   - score (compared as a number: "80.4" matches 80.40), grade ("" for a
//     low-coverage score, which gets none) and coverage (a percent);
//   - low_coverage, disqualified, and disqualified_by (exactly this set
//     of criteria);
//   - contributions, each named by criterion, with its outcome (matched,
//     partial, unmatched, missing, neutral, disqualified), credit
//     (percent), points and reason given;
//   - explanation: a golden file holding the whole [fit.Explanation.Text];
//   - error: building or scoring the entity must fail with an error
//     containing this text (a headcount with 5 fraction digits).
//
// # Failures
//
// A failing case lists each mismatch with its path, then the expected
// and actual scores side by side, one fact a row, "|" marking the rows
// that differ:
//
//	icp.json: case initech: expect.grade: got "B", want "A"
//	expect.contributions[size].points: got 16.00, want 40
//	  expected                                              actual
//	  ---------------------------------------------------   --------
//	  initech                                               initech
//	  score            76.00                                score            76.00
//	  grade            A                                  | grade            B
//	  ...
//	  criteria                                              criteria
//	    industry             matched      100%      60.00     industry             matched      100%      60.00
//	    size                 partial      40%       40    |   size                 partial      40%       16.00
//
// A golden explanation that differs is shown side by side with the new
// text; -update accepts it. [Check] runs a file without a testing.T and
// returns the failures.
//
// # What-if
//
// [WhatIf] scores the same accounts under two versions of a model and
// reports the accounts whose score, grade or flags changed, how many
// rise or fall, the grades accounts drop out of or move into, and the
// accounts whose rank among the cases moved ("this change moves 3 of 6
// accounts (2 up, 1 down); 1 changes grade: 1 drops out of A, 1 moves
// into B").
//
// # Generators
//
// [Definition], [Account] and [Entity] are rapid generators of valid
// models, accounts and entities: every model drawn compiles and every
// account drawn scores. A host states its own invariants over them:
//
//	rapid.Check(t, func(t *rapid.T) {
//		m, _ := fit.Compile(fittest.Definition().Draw(t, "model"))
//		e := fittest.Entity(m).Draw(t, "account")
//		x, _ := m.Explain(&e)
//		if x.Score.Disqualified && x.Score.Hundredths() != 0 {
//			t.Fatalf("a disqualified account scores %v", x.Score)
//		}
//	})
//
// Scores and explanations compare with go-cmp through their Equal
// methods ([fit.Score.Equal], [fit.Contribution.Equal]), so cmp.Diff
// needs no options.
package fittest
