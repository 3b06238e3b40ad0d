//go:build unix

package strategy

import (
	"syscall"
	"testing"
	"time"
)

// fitCPUTime returns the process's user+system CPU time.
func fitCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fitReportCPU reports "cpu-ns/op", the process CPU time per iteration:
// on a shared machine it is less sensitive than wall time to other jobs
// taking the cores (it still includes GC work).
func fitReportCPU(b *testing.B, start time.Duration) {
	if n := b.N; n > 0 {
		b.ReportMetric(float64(fitCPUTime()-start)/float64(n), "cpu-ns/op")
	}
}
