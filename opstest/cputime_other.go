//go:build !unix

package opstest

// cpuTime returns 0: the platform's CPU time is not read, and Growth
// falls back to wall time.
func cpuTime() int64 { return 0 }
