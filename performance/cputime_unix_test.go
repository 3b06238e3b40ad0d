//go:build unix

package performance_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used: unlike wall time, it
// does not grow when other jobs on a shared machine preempt the test,
// which would penalize longer runs more than shorter ones.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
