//go:build !unix

package growth

import "time"

// cpuTime returns the wall clock where no CPU time is available.
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
