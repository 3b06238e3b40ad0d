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
// Where every row stands, measured on the project's 2-vCPU VM with no
// other job running (load average about 1), go test -bench -count=6,
// benchstat medians of the pairs' ratio (engine CPU time over baseline
// CPU time, the two sides alternating in one run; the range of the six
// runs in brackets), the first measurement and its target
// beside each:
//
//	row                                        issue    now                   target
//	ICP fit, 1M accounts, Score loop           1.48x    0.93x [0.92, 0.95]    1.0x, 0 allocs (0)
//	ICP fit, ScoreBatch                        1.68x    0.93x [0.92, 0.94]    1.0x
//	account index build, 1M accounts           1.74x    0.82x [0.82, 0.91]    1.0x
//	  memory                                   ~2x      51.9 MB vs 55.9 MB    at or under the set
//	probe with normalization, 5M accounts      1.78x    0.99x [0.94, 1.05]    1.2x
//	prepared probe                             -        0.75x [0.67, 0.78]    0.9x
//	deal-registration event (stateless)        2.46x    0.92x [0.89, 0.96]    1.0x
//	  its replay of 1,000 events               1.31x    0.49x [0.47, 0.50]    0.5x
//	plain workflow event                       1.17x    0.57x [0.53, 0.58]    0.8x
//	Money add, multiply, round (shopspring)    1.04-1.17x 0.46x [0.44, 0.49]  1.02x
//
// The separate benchmarks of each side agree (wall time, same run): deal
// event 272 ns against stateless's 309 (0.88x), replay 110 µs against
// 248 (0.45x), plain event 173 ns against 280 (0.62x), Money 114 ns
// against raw 227 (0.50x). In the replay pair the process side pays for
// part of the baseline's garbage (3,018 allocations a replay against its
// own 5), so the pair reads higher than the sides alone.
//
// What follows are the figures each change was accepted on, measured
// while other jobs ran.
//
// The strategy pairs report a ratio, the engine's CPU time over the
// baseline's with the two sides interleaved in one run (their pair
// sub-benchmarks). Medians of 12 runs on the shared 2-vCPU VM at a load
// average of 1.5 to 7:
//
//   - account mapping against a map[string]struct{} set of the partners'
//     normalized domains (mapping_test.go): building the index of
//     1,000,000 accounts 0.75 (target 1.0), with 51.9 MB allocated
//     against the set's 55.9 MB (target: at or under the set); probes
//     with normalization against 5,000,000 accounts 0.98 (target 1.2);
//     prepared probes 0.77 (target 0.9), 0 allocations;
//   - fit scoring against a hand-written scorer (fit_test.go): one Score
//     call per account 0.93, ScoreBatch 0.93 (target 1.0 for both), 0
//     allocations per account.
//
// Each process row is also one interleaved pair (BenchmarkPlainEventPair,
// BenchmarkDealEventPair, BenchmarkDealReplay1000Pair): the two sides
// alternate within one run, on one P whatever -cpu says (procPair: with
// two, the ratio of these short, allocating calls swung by 20 to 40%
// between runs), and ratio is the process side's CPU time over
// stateless's. Benchstat medians of 6 runs alternating the code before
// and after the second round of issue-20 process work (load average 2.8
// to 3.5; the range of the 6 new runs in brackets; the first round's
// before -> after, at load 1, last), target beside each:
//
//	deal-registration event      0.98x -> 0.90x [0.86, 0.95]   (target 1.0x; 1.13x -> 0.97x)
//	its replay of 1,000 entries  0.49x -> 0.49x [0.48, 0.50]   (target 0.5x; 0.65x -> 0.48x)
//	plain workflow event         0.55x -> 0.56x [0.54, 0.70]   (target 0.8x; 0.73x -> 0.59x)
//
// The second round aimed at a deal-event median of 0.85x and did not
// reach it. In instructions (callgrind, GOGC=off) the process side is at
// 0.68x, 0.41x and 0.53x of stateless; process/doc.go says where its
// remaining time goes (memory: it allocates 4.4 KB a registration to
// stateless's 2.4 KB, and the Go runtime's maps).
//
// It is its own module so that the library's go.mod gains nothing from the
// peers it is compared with. CI builds and runs every benchmark once
// (-benchtime=1x) so the pairs cannot rot; measure with
//
//	cd bench && go test -run '^$' -bench . -benchmem -count=6 > new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest new.txt
//
// and to compare two versions, build each one's test binary (go test -c)
// and run them alternately, -count=1 each time, six times.
package bench
