package bench

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

// stratCPUTime returns the process's user and system CPU time (the wall
// clock where the system does not report it).
func stratCPUTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// stratPair runs the two sides of a benchmark pair alternately, one call
// of each per iteration (the engine first on even iterations, the
// baseline first on odd ones), and reports the CPU time per unit of work
// of each side (engine-cpu-ns/<unit>, base-cpu-ns/<unit>) and their ratio
// (ratio, engine over baseline). Both sides see the same machine load, so
// the ratio holds on a loaded machine where times do not. units is the
// number of work units (accounts, probes) one call does.
func stratPair(b *testing.B, unit string, units int, engine, base func()) {
	stratPairGC(b, unit, units, false, engine, base)
}

// stratPairGC is stratPair; with gc, it collects garbage before each
// call, outside the measure, so that each side starts from the same heap
// and pays for the collections its own allocations cause, not for the
// other side's garbage (for pairs that allocate much per call).
func stratPairGC(b *testing.B, unit string, units int, gc bool, engine, base func()) {
	var te, tb time.Duration
	run := func(f func(), acc *time.Duration) {
		if gc {
			b.StopTimer()
			runtime.GC()
			b.StartTimer()
		}
		start := stratCPUTime()
		f()
		*acc += stratCPUTime() - start
	}
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			run(engine, &te)
			run(base, &tb)
		} else {
			run(base, &tb)
			run(engine, &te)
		}
		i++
	}
	n := float64(b.N) * float64(units)
	b.ReportMetric(float64(te)/n, "engine-cpu-ns/"+unit)
	b.ReportMetric(float64(tb)/n, "base-cpu-ns/"+unit)
	if tb > 0 {
		b.ReportMetric(float64(te)/float64(tb), "ratio")
	}
}

// stratRun runs f as one side of a pair on its own, reporting allocations
// and cpu-ns/<unit> (f does units units of work).
func stratRun(b *testing.B, unit string, units int, f func()) {
	b.ReportAllocs()
	cpu := stratCPUTime()
	for b.Loop() {
		f()
	}
	stratReportCPU(b, cpu, unit, units)
}

// stratReportCPU reports cpu-ns/<unit>, the process CPU time per unit of
// work since start (a stratCPUTime reading).
func stratReportCPU(b *testing.B, start time.Duration, unit string, units int) {
	if b.N > 0 {
		b.ReportMetric(float64(stratCPUTime()-start)/float64(b.N)/float64(units), "cpu-ns/"+unit)
	}
}
