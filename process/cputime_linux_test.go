//go:build linux

package process_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the calling thread has used, so growth
// tests measure work, not how busy a shared machine is. Callers lock
// their goroutine to its thread.
func cpuTime() time.Duration {
	const rusageThread = 1 // RUSAGE_THREAD
	var r syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &r); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// processCPUTime returns the CPU time the whole process has used, the
// garbage collector's included: benchmarks report it per operation
// (cpu-ns/op), a figure a busy shared machine inflates less than the
// wall clock.
func processCPUTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
