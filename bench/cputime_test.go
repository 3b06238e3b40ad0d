package bench

import (
	"syscall"
	"testing"
	"time"
)

// cpuMeter starts measuring the CPU time of the process (the garbage
// collector's included) and returns a function that reports it per
// operation as cpu-ns/op, a figure that, unlike ns/op, does not grow
// when other jobs share the machine. Call it right before the loop:
//
//	defer cpuMeter(b)()
func cpuMeter(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
