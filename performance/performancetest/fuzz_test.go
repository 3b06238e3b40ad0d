package performancetest_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/kitcheck"
	"github.com/partnerops/partnerops/performance/performancetest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file.
func FuzzParse(f *testing.F) {
	kitcheck.Fuzz(f, performancetest.Parse)
}
