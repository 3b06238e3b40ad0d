//go:build !linux

package process_test

import "time"

// cpuTime falls back to the wall clock where the thread's CPU time is not
// at hand.
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }

// processCPUTime falls back to the wall clock.
func processCPUTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
