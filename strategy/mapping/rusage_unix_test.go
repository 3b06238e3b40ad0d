//go:build unix

package mapping

import (
	"syscall"
	"time"
)

// mapCPUTime returns the process's user and system CPU time so far. The
// benchmarks report CPU time per op beside wall time because the shared
// benchmark machine is oversubscribed, which inflates wall time.
func mapCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
