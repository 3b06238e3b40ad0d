package payouttest_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/internal/kittest"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

// FuzzParse: Parse never panics, and every file it accepts re-encodes
// and re-parses to an equal file.
func FuzzParse(f *testing.F) {
	kittest.Fuzz(f, payouttest.Parse)
}

// Generated plans and requests, written as a scenario file, parse back
// to the same file.
func TestGeneratedScenarioRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		plan := payouttest.Plan().Draw(t, "plan")
		e, err := payout.Compile(plan)
		if err != nil {
			t.Fatal(err)
		}
		req := payouttest.Request(e).Draw(t, "request")
		file := payouttest.File{Definitions: payouttest.Definitions{Plan: &plan}, Cases: []opstest.Case[payout.Request, payouttest.Expect]{{ID: "a", At: req.At, Given: req}}}
		kittest.RoundTrip(t, file, payouttest.Parse)
	})
}
