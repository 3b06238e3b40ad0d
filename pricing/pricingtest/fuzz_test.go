package pricingtest_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/pricing/pricingtest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file.
func FuzzParse(f *testing.F) {
	kittest.Fuzz(f, pricingtest.Parse)
}

// Generated definitions and quotes, written as a scenario file, parse
// back to the same file.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := pricingtest.Generate().Draw(t, "definitions")
		file := pricingtest.File{Definitions: d}
		for _, id := range []string{"a", "b"} {
			file.Cases = append(file.Cases, opstest.Case[pricing.Quote, pricingtest.Expect]{
				ID: id, At: pricingtest.At().Draw(t, "at"), Given: pricingtest.Quote(d).Draw(t, "quote"),
			})
		}
		kittest.RoundTrip(t, file, pricingtest.Parse)
	})
}
