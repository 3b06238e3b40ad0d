package performancetest_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/performance/performancetest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file.
func FuzzParse(f *testing.F) {
	kittest.Fuzz(f, performancetest.Parse)
}
