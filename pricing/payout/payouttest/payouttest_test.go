package payouttest_test

import (
	"testing"

	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

func TestScenarios(t *testing.T) {
	payouttest.Run(t, "testdata/*.json")
}
