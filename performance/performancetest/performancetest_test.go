package performancetest_test

import (
	"testing"

	"github.com/partnerops/partnerops/performance/performancetest"
)

func TestScenarios(t *testing.T) {
	performancetest.Run(t, "testdata/*.json")
}
