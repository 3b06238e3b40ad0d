package economics

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

const econSampleJSON = `{
  "name": "reseller program",
  "currency": "USD",
  "unit": "quarter",
  "periods": 8,
  "start": "2027-01-01",
  "discount_rate": "10",
  "starting_partners": "4",
  "new_partners_per_period": "5",
  "churn_rate": "4%",
  "periods_to_first_deal": 2,
  "ramp_periods": 3,
  "sourced_revenue_per_partner": "40000.00",
  "influenced_revenue_per_partner": {"amount": "20000.00", "currency": "USD"},
  "influenced_credit": "25",
  "gross_margin": "80",
  "partner_margin": "20",
  "rebate_rate": "2",
  "influence_fee": "5",
  "mdf_rate": "3",
  "upfront_cost": "150000.00",
  "fixed_costs": [{"name": "channel team", "amount": "90000.00"}, {"name": "PRM and tools", "amount": "15000.00"}],
  "cost_per_partner": "1500.00",
  "onboarding_cost": "4000.00"
}`

// TestParseDefinitionBareAmounts: amounts may be bare decimal strings in
// the definition's currency; compiling places them.
func TestParseDefinitionBareAmounts(t *testing.T) {
	d, err := ParseDefinition([]byte(econSampleJSON))
	if err != nil {
		t.Fatal(err)
	}
	pe, err := Compile(d)
	if err != nil {
		t.Fatal(err)
	}
	got := pe.Definition()
	if !got.SourcedRevenuePerPartner.Equal(partnerops.MustMoney("40000.00", partnerops.USD)) ||
		!got.FixedCosts[0].Amount.Equal(partnerops.MustMoney("90000.00", partnerops.USD)) {
		t.Errorf("amounts not placed in USD: %v, %v", got.SourcedRevenuePerPartner, got.FixedCosts[0].Amount)
	}
	if !got.Start.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) || !got.ChurnRate.Equal(partnerops.MustPercent("4")) {
		t.Errorf("start %v, churn %v", got.Start, got.ChurnRate)
	}
	if f := pe.Forecast(); !f.NPV.IsPositive() && !f.NPV.IsNegative() {
		t.Errorf("forecast NPV = %s", f.NPV)
	}
}

func TestParseDefinitionErrors(t *testing.T) {
	tests := []struct {
		name, json string
		want       []string
	}{
		{"misspelled", `{"currency":"USD","churn":"5"}`, []string{`churn: unknown field; did you mean "churn_rate"?`}},
		{"bare number percent", `{"currency":"USD","gross_margin":0.8}`, []string{`gross_margin: `}},
		{"cost by name", `{"fixed_costs":[{"name":"team","amount":{"amount":"1","currency":"usd","x":1}}]}`, []string{`fixed_costs[team].amount: `}},
		{"periods as a string", `{"periods":"12"}`, []string{`periods: want a whole number, got "12"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDefinition([]byte(tt.json))
			ves := partnerops.ValidationErrors(err)
			if len(ves) != len(tt.want) {
				t.Fatalf("ParseDefinition: %v, want %d problems", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(ves[i].Error(), w) {
					t.Errorf("problem %d = %q, want prefix %q", i, ves[i].Error(), w)
				}
			}
			if strings.Count(err.Error(), "economics: ") != 1 {
				t.Errorf("error %q does not carry exactly one prefix", err)
			}
		})
	}
	// An amount in another currency than the definition's is refused when
	// compiling.
	d, _ := ParseDefinition([]byte(`{"currency":"USD","unit":"month","periods":1,"upfront_cost":{"amount":"5","currency":"EUR"}}`))
	if _, err := Compile(d); len(partnerops.ValidationErrors(err)) != 1 || partnerops.ValidationErrors(err)[0].Path != "upfront_cost" {
		t.Errorf("Compile(EUR upfront cost in a USD model) error = %v", err)
	}
}

func TestParseScenarios(t *testing.T) {
	got, err := ParseScenarios([]byte(`[{"name":"upside","values":[{"assumption":"new_partners_per_period","value":"7"}]}]`))
	want := []Scenario{{Name: "upside", Values: []AssumptionValue{{AssumptionNewPartners, partnerops.MustDecimal("7")}}}}
	if err != nil || !cmp.Equal(want, got) {
		t.Errorf("ParseScenarios = %v, %v", got, err)
	}
	_, err = ParseScenarios([]byte(`[{"name":"upside","values":[{"assumption":"churn_rate","valu":"7"}]}]`))
	if ves := partnerops.ValidationErrors(err); len(ves) != 1 || ves[0].Path != "[upside].values[churn_rate].valu" {
		t.Errorf("ParseScenarios(misspelled) error = %v", err)
	}
	var s Scenario
	if err := json.Unmarshal([]byte(`{"nme":"x"}`), &s); err == nil {
		t.Errorf("json.Unmarshal(Scenario) accepted an unknown key")
	}
}

// TestCompileWarnings: a percent between 0 and 1 is probably a fraction.
func TestCompileWarnings(t *testing.T) {
	m := econFlatModel()
	m.ChurnRate = partnerops.MustPercent("0.05")
	pe, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	ws := pe.Warnings()
	if len(ws) != 1 || ws[0].Path != "churn_rate" || !strings.Contains(ws[0].Rule, "5%") {
		t.Errorf("Warnings() = %v", ws)
	}
}

// TestCompileHostileDecimals: numbers far out of range are refused with
// their paths, at once.
func TestCompileHostileDecimals(t *testing.T) {
	start := time.Now()
	m := econFlatModel()
	m.StartingPartners = fence.Wrap(decimal.New(1, -3000000))
	m.ChurnRate = fence.Percent(decimal.New(1, -2147483648))
	m.DiscountRate = fence.Percent(decimal.New(1, -2147483648))
	m.CostPerPartner = fence.MulMoney(m.CostPerPartner, decimal.New(1, -3000000))
	_, err := Compile(m)
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"discount_rate", "starting_partners", "churn_rate", "cost_per_partner"}, paths); diff != "" || !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Compile took %v", d)
	}
}

// FuzzParseDefinition: ParseDefinition never panics, and every definition
// it accepts re-encodes and re-parses to an equal value.
func FuzzParseDefinition(f *testing.F) {
	f.Add([]byte(econSampleJSON))
	seed, _ := json.Marshal(econFlatModel())
	f.Add(seed)
	f.Add([]byte(`{"currency":"USD","unit":"quarter","periods":4,"fixed_costs":[{"name":"a","amount":"1e3"}],"churn_rate":"5%"}`))
	f.Add([]byte(`{"currency":"USD","unit":"quarter","periods":4,"upfront_cost":{"amount":"0","currency":"EUR"}}`)) // a zero JSON leaves out
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDefinition(data)
		if err != nil {
			return
		}
		back := roundtrip.Copy(t, d, ParseDefinition)
		if d.Periods <= 48 {
			roundtrip.Same(t, d, back, func(d Definition) (any, error) {
				pe, err := Compile(d)
				if err != nil {
					return nil, err
				}
				return pe.Forecast(), nil
			})
		}
	})
}

// TestPropResultsRoundTrip: forecasts, scenario results, sensitivity
// tables and Monte Carlo results decode back to equal values that render
// the same text.
func TestPropResultsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := econFlatModel()
		m.Periods = rapid.IntRange(1, 24).Draw(t, "periods")
		m.Unit = rapid.SampledFrom([]partnerops.PeriodUnit{partnerops.UnitMonth, partnerops.UnitQuarter}).Draw(t, "unit")
		m.NewPartnersPerPeriod = partnerops.DecimalFromInt(int64(rapid.IntRange(0, 5).Draw(t, "new")))
		m.ChurnRate = partnerops.PercentFromInt(int64(rapid.IntRange(0, 10).Draw(t, "churn")))
		m.DiscountRate = partnerops.PercentFromInt(int64(rapid.IntRange(0, 30).Draw(t, "rate")))
		m.SourcedRevenuePerPartner = partnerops.MustMoney(decimal.NewFromInt(int64(rapid.IntRange(0, 20000).Draw(t, "revenue"))).String(), partnerops.USD)
		if rapid.Bool().Draw(t, "dated") {
			m.Start = time.Date(2027, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), 1, 0, 0, 0, 0, time.UTC)
		}
		pe, err := Compile(m)
		if err != nil {
			t.Fatal(err)
		}
		f := pe.Forecast()
		testkit.RoundTrip(t, f, Forecast.Text, Forecast.Markdown)
		res, err := pe.Scenarios([]Scenario{{Name: "up", Values: []AssumptionValue{{AssumptionGrossMargin, partnerops.MustDecimal("90")}}}})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, res, ScenarioTable)
		in, _ := pe.SensitivityRange([]Assumption{AssumptionSourcedRevenue, AssumptionChurnRate}, partnerops.MustPercent("10"))
		tab, err := pe.Sensitivity(in)
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, tab, SensitivityTable.Text)
		mc, err := pe.MonteCarlo([]MonteCarloRange{{AssumptionChurnRate, partnerops.MustDecimal("0"), partnerops.MustDecimal("8")}}, 5,
			rand.New(rand.NewPCG(uint64(rapid.IntRange(0, 1000).Draw(t, "seed")), 1)))
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, mc)
	})
}
