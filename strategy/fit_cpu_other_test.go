//go:build !unix

package strategy

import (
	"testing"
	"time"
)

func stratCPUTime() time.Duration { return 0 }

func stratReportCPU(*testing.B, time.Duration) {}
