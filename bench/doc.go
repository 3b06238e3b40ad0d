// Package bench holds benchmark pairs that measure partnerops against the
// simplest hand-written code, or a peer library, doing the same work
// (issue 20). Each pair has a test that checks both sides give the same
// answers, so a baseline never wins by doing less.
//
// It is its own module so that the library's go.mod gains nothing from the
// peers it is compared with. CI builds and runs every benchmark once
// (-benchtime=1x) so the pairs cannot rot; measure with
//
//	cd bench && go test -run '^$' -bench . -benchmem -count=6 > new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest new.txt
package bench
