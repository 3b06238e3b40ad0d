// Package bench holds benchmark pairs that measure partnerops against the
// simplest hand-written code, or a peer library, doing the same work
// (issue 20). Each pair has a test that checks both sides give the same
// answers, so a baseline never wins by doing less.
//
// The pairs: Money arithmetic against raw shopspring decimals
// (money_test.go); process workflow events and replays against
// github.com/qmuntal/stateless firing the same transitions with the same
// guards and recording the same history (process_test.go: a plain
// workflow event, a standard deal-registration event with its business
// calendar SLAs, pause and approvals, and the replay of a 1,000-entry
// history). Benchmarks also report cpu-ns/op, the CPU time of the
// process per operation, which a shared machine inflates less than the
// wall clock.
//
// It is its own module so that the library's go.mod gains nothing from the
// peers it is compared with. CI builds and runs every benchmark once
// (-benchtime=1x) so the pairs cannot rot; measure with
//
//	cd bench && go test -run '^$' -bench . -benchmem -count=6 > new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest new.txt
package bench
