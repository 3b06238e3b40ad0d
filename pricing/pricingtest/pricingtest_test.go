package pricingtest_test

import (
	"testing"

	"github.com/partnerops/partnerops/pricing/pricingtest"
)

func TestScenarios(t *testing.T) {
	pricingtest.Run(t, "testdata/*.json")
}
