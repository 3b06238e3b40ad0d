//go:build unix

package opstest

import "syscall"

// cpuTime returns the process's CPU time so far (user and system), in
// nanoseconds, or 0 when the platform does not say.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
