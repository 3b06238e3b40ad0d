package economics

import (
	"math/rand/v2"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestGrowth: forecasts, their rendering, scenarios and simulations are
// linear in their inputs.
func TestGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("growth test")
	}
	program := func(periods int) *Program {
		m := econFlatModel()
		m.Periods, m.NewPartnersPerPeriod, m.PeriodsToFirstDeal, m.RampPeriods = periods, partnerops.DecimalFromInt(3), 3, 6
		m.ChurnRate = partnerops.MustPercent("2")
		pe, err := Compile(m)
		if err != nil {
			t.Fatal(err)
		}
		return pe
	}
	testkit.Growth(t, "Forecast", 30, func(n int) func() {
		pe := program(n)
		return func() { _ = pe.Forecast() }
	})
	testkit.Growth(t, "Forecast.Text and Markdown", 30, func(n int) func() {
		f := program(n).Forecast()
		return func() { _ = f.Text(); _ = f.Markdown() }
	})
	pe := program(12)
	testkit.Growth(t, "Scenarios and ScenarioTable", 4, func(n int) func() {
		sc := make([]Scenario, n)
		for i := range sc {
			sc[i] = Scenario{Name: string(rune('a'+i%26)) + string(rune('a'+i/26)), Values: []AssumptionValue{{AssumptionChurnRate, partnerops.DecimalFromInt(int64(i % 10))}}}
		}
		return func() {
			r, _ := pe.Scenarios(sc)
			_ = ScenarioTable(r)
		}
	})
	testkit.Growth(t, "MonteCarlo", 8, func(n int) func() {
		rng := rand.New(rand.NewPCG(1, 2))
		r := []MonteCarloRange{{AssumptionChurnRate, partnerops.MustDecimal("0"), partnerops.MustDecimal("5")}}
		return func() { _, _ = pe.MonteCarlo(r, n, rng) }
	})
}
