//go:build !unix

package strategy

import (
	"testing"
	"time"
)

func fitCPUTime() time.Duration { return 0 }

func fitReportCPU(*testing.B, time.Duration) {}
