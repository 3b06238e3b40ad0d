//go:build !unix

package mapping

import "time"

// mapCPUTime is unavailable here; the CPU metric reads 0.
func mapCPUTime() time.Duration { return 0 }
