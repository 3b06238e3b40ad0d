//go:build !unix

package fit

import (
	"testing"
	"time"
)

func fitCPUTime() time.Duration { return 0 }

func fitReportCPU(*testing.B, time.Duration) {}
