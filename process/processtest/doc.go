// Package processtest is the test kit for workflows: scenario files a
// partner-operations lead can read and review, a runner that plays each
// case's history of triggers from the start and prints the expected and
// actual runs side by side, step by step, when they differ, golden
// history, explanation and SLA files rewritten with -update, a what-if
// comparison of two workflow versions over the same histories, and
// rapid generators of valid workflows and of histories they accept for
// a host's own property tests.
//
// It builds on [opstest] and imports only the library, testing, go-cmp
// and rapid; the library never imports it.
//
// # Scenario files
//
// A scenario file states the workflow once (inline in the process
// package's JSON, in its own file, or a standard workflow by ID) with
// the business calendar its SLAs count on, and then cases: a history
// from the start, and what the instance must be at the case's instant.
// This one pins a deal registration of the standard workflow:
//
//	{"definitions": {"standard": "deal_registration", "calendar": {"time_zone": "UTC", "holidays": ["2026-12-25"]}},
//	 "cases": [{
//	   "id": "DR-1001", "at": "2026-08-01",
//	   "given": {"start": {"at": "2026-07-24T15:00:00Z", "actor": "partner:acme", "data": {"deal_value": {"number": "180000"}}},
//	     "steps": [{"at": "2026-07-24T16:00:00Z", "event": "start_review"}, {"at": "2026-07-27T10:00:00Z", "event": "approve", "role": "channel_manager"},
//	               {"id": "late-withdraw", "at": "2026-07-28T09:00:00Z", "event": "withdraw"}]},
//	   "expect": {"state": "approved", "version": 3, "due": "2026-10-25T10:00:00Z", "breached": false,
//	     "refused": [{"step": "late-withdraw", "reason": "invalid_transition"}], "history": "golden/DR-1001.md"}
//	 }]}
//
// and a host's test runs every file of its testdata folder, each case as
// the subtest FILE/CASE-ID:
//
//	func TestDealRegistration(t *testing.T) {
//		processtest.Run(t, "testdata/*.json")
//	}
//
// A workflow with Go guards passes their bindings to the runner:
// processtest.Run(t, "testdata/*.json", process.WithGuard("credit ok",
// creditOK)). The calendar's time_zone is loaded with
// [time.LoadLocation], which reads the system's zone database; a test
// that must not depend on it imports time/tzdata.
//
// Files decode strictly, with the library's rules (values of data and
// guards as one-key objects, {"number": "180000"}; durations "140h";
// instants "2026-08-01" or RFC 3339 times): an unknown key, a duplicate
// key or a value of the wrong shape is an error naming the file, the
// case and the field path (testdata/dr.json:
// cases[DR-1001].given.steps[approve].rol: unknown field; did you mean
// "role"?). The workflow decodes as [process.ParseDefinition] decodes
// it and compiles once per file; a compile problem names its place
// (definitions.workflow.states[approved].sla.fire) or, for a workflow
// kept in its own file, that file and the place in it.
//
// # Histories
//
// The start gives the instant, actor, role and initial data; each step
// is a trigger (event, actor, role, reason, data, expect_version) at an
// instant, or an advance ("advance": true): the SLA events due by its
// instant fired, as a nightly job or a timer would
// ([process.Workflow.Advance]). Steps are played in order ([Play]); a
// step the workflow refuses leaves the instance as it was, and the next
// step applies to that. Steps are named in expectations by their "id"
// (or their 0-based position, "3"; the start is "start"). Instants must
// not go back, nor pass the case's instant: a history that does fails
// with the step's path (given.steps[1].at: before the previous step's
// 2026-03-03).
//
// # Expectations
//
// Every expectation is optional; what a case leaves out is not checked
// ([Expect]):
//
//   - state, version, entered and due (an instant, or "none") of the
//     final instance;
//   - breached and overdue: the current step's SLA status as of the
//     case's instant; breaches: exactly the visits breached by then, each
//     with its state, due time and overdue; escalations: exactly the
//     escalations due for the current step, each with its role and
//     instant;
//   - pending (approver roles) and allowed (events), as exact sets; data:
//     the fields named, each with its value (null: the field is
//     missing);
//   - refused: exactly the steps the workflow refuses, each with its
//     reason code (invalid_transition, guard_rejected, not_approver,
//     no_previous, version_conflict, wrong_workflow), the guards that
//     refused it and text its message contains. A step refused and not
//     listed fails the case;
//   - effects: for each step named, exactly these effects in order, each
//     with the kind, state, role, event and instant given;
//   - history, explanation and sla: golden files holding
//     [process.RenderHistory], [process.Workflow.Explain] and
//     [process.RenderSteps] of the final instance;
//   - error: starting the instance must fail with an error containing
//     this text.
//
// # Failures
//
// A failing case lists each mismatch with its path, then the expected
// and actual runs side by side, one step or fact a row, "|" marking the
// rows that differ:
//
//	quote.json: case q-35: expect.state: got "desk", want "approved"
//	expect.breached: got true, want false
//	  expected                                                     actual
//	  ----------------------------------------------------------   --------
//	  q-35 (quote) as of 2026-03-02T18:00:00Z                      q-35 (quote) as of 2026-03-02T18:00:00Z
//	  start          2026-03-02T09:00:00Z  -> draft                start          2026-03-02T09:00:00Z  -> draft
//	  0              2026-03-02T09:05:00Z  submit: draft -> desk   0              2026-03-02T09:05:00Z  submit: draft -> desk
//	  desk           2026-03-02T11:00:00Z  approve: desk -> desk   desk           2026-03-02T11:00:00Z  approve: desk -> desk
//	  state          approved                                    | state          desk
//	  ...
//	  breached       no, overdue 55m0s                           | breached       yes, overdue 55m0s
//	  ...
//
// A golden file that differs is shown side by side with the new text;
// -update accepts it. [Check] runs a file without a testing.T and
// returns the failures.
//
// # What-if
//
// [WhatIf] plays the same histories under two versions of a workflow
// (each version decides each step afresh) and reports the cases that end
// in another state, whose due time or SLA status moved, and the steps
// refused now or accepted now ("this change moves 2 of 4 histories: 1
// ends in another state; 1 has steps accepted now that were refused; 1
// now ends in withdrawn").
//
// # Generators
//
// [Definition] draws valid workflows and [History] draws cases whose
// every step a workflow accepts. A host states its own invariants over
// them; the replay property, for one:
//
//	rapid.Check(t, func(t *rapid.T) {
//		w, _ := process.Compile(processtest.Definition().Draw(t, "workflow"))
//		c := processtest.History(w).Draw(t, "history")
//		p, _ := processtest.Play(w, c.ID, c.Given)
//		again, err := w.Replay(c.ID, p.Instance.History)
//		if err != nil || !again.Equal(p.Instance) {
//			t.Fatalf("replay: %v", err)
//		}
//	})
package processtest
