package economics

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
	"github.com/shopspring/decimal"
)

// Assumption names one input of a [Definition] that scenarios,
// sensitivity tables and Monte Carlo runs vary. Values are plain
// decimals: percentages in percent ("25" is 25%), amounts in the model's
// currency, counts as counts.
type Assumption string

// Assumptions.
const (
	AssumptionStartingPartners   Assumption = "starting_partners"
	AssumptionNewPartners        Assumption = "new_partners_per_period"
	AssumptionMaxPartners        Assumption = "max_partners"
	AssumptionChurnRate          Assumption = "churn_rate"
	AssumptionPeriodsToFirstDeal Assumption = "periods_to_first_deal" // rounded down to whole periods
	AssumptionRampPeriods        Assumption = "ramp_periods"          // rounded down to whole periods
	AssumptionSourcedRevenue     Assumption = "sourced_revenue_per_partner"
	AssumptionInfluencedRevenue  Assumption = "influenced_revenue_per_partner"
	AssumptionInfluencedCredit   Assumption = "influenced_credit"
	AssumptionGrossMargin        Assumption = "gross_margin"
	AssumptionPartnerMargin      Assumption = "partner_margin"
	AssumptionRebateRate         Assumption = "rebate_rate"
	AssumptionInfluenceFee       Assumption = "influence_fee"
	AssumptionMDFRate            Assumption = "mdf_rate"
	AssumptionUpfrontCost        Assumption = "upfront_cost"
	AssumptionFixedCosts         Assumption = "fixed_costs" // the total per period; lines scale in proportion
	AssumptionCostPerPartner     Assumption = "cost_per_partner"
	AssumptionOnboardingCost     Assumption = "onboarding_cost"
	AssumptionDiscountRate       Assumption = "discount_rate"
)

// Assumptions returns every assumption in a fixed order.
func Assumptions() []Assumption {
	return []Assumption{AssumptionStartingPartners, AssumptionNewPartners, AssumptionMaxPartners, AssumptionChurnRate,
		AssumptionPeriodsToFirstDeal, AssumptionRampPeriods, AssumptionSourcedRevenue, AssumptionInfluencedRevenue,
		AssumptionInfluencedCredit, AssumptionGrossMargin, AssumptionPartnerMargin, AssumptionRebateRate,
		AssumptionInfluenceFee, AssumptionMDFRate, AssumptionUpfrontCost, AssumptionFixedCosts, AssumptionCostPerPartner,
		AssumptionOnboardingCost, AssumptionDiscountRate}
}

// Value returns the current value of assumption a in the model.
func (m Definition) Value(a Assumption) (partnerops.Decimal, error) {
	switch a {
	case AssumptionStartingPartners:
		return m.StartingPartners, nil
	case AssumptionNewPartners:
		return m.NewPartnersPerPeriod, nil
	case AssumptionMaxPartners:
		return m.MaxPartners, nil
	case AssumptionChurnRate:
		return m.ChurnRate.Decimal(), nil
	case AssumptionPeriodsToFirstDeal:
		return partnerops.DecimalFromInt(int64(m.PeriodsToFirstDeal)), nil
	case AssumptionRampPeriods:
		return partnerops.DecimalFromInt(int64(m.RampPeriods)), nil
	case AssumptionSourcedRevenue:
		return m.SourcedRevenuePerPartner.Amount(), nil
	case AssumptionInfluencedRevenue:
		return m.InfluencedRevenuePerPartner.Amount(), nil
	case AssumptionInfluencedCredit:
		return m.InfluencedCredit.Decimal(), nil
	case AssumptionGrossMargin:
		return m.GrossMargin.Decimal(), nil
	case AssumptionPartnerMargin:
		return m.PartnerMargin.Decimal(), nil
	case AssumptionRebateRate:
		return m.RebateRate.Decimal(), nil
	case AssumptionInfluenceFee:
		return m.InfluenceFee.Decimal(), nil
	case AssumptionMDFRate:
		return m.MDFRate.Decimal(), nil
	case AssumptionUpfrontCost:
		return m.UpfrontCost.Amount(), nil
	case AssumptionFixedCosts:
		var total partnerops.Decimal
		for _, c := range m.FixedCosts {
			total = total.Add(c.Amount.Amount())
		}
		return total, nil
	case AssumptionCostPerPartner:
		return m.CostPerPartner.Amount(), nil
	case AssumptionOnboardingCost:
		return m.OnboardingCost.Amount(), nil
	case AssumptionDiscountRate:
		return m.DiscountRate.Decimal(), nil
	}
	return partnerops.Decimal{}, fmt.Errorf("%w %q", ErrUnknownAssumption, string(a))
}

// With returns a copy of the model with assumption a set to v. It checks
// the assumption's name (an error wrapping [ErrUnknownAssumption]) and
// that v is within decimal range (wrapping [partnerops.ErrRange]);
// compile the result to validate the value against the model.
func (m Definition) With(a Assumption, v partnerops.Decimal) (Definition, error) {
	if err := v.Validate(); err != nil {
		return m, fmt.Errorf("economics: assumption %q: %w", string(a), &partnerops.ValidationError{Path: string(a), Rule: partnerops.StripPrefixes(err.Error()), Err: err})
	}
	money := func() partnerops.Money {
		out, err := partnerops.NewMoney(v, m.Currency)
		if err != nil {
			return partnerops.Zero(m.Currency) // an unknown currency, which compiling reports
		}
		return out
	}
	pct := partnerops.NewPercent(v)
	switch a {
	case AssumptionStartingPartners:
		m.StartingPartners = v
	case AssumptionNewPartners:
		m.NewPartnersPerPeriod = v
	case AssumptionMaxPartners:
		m.MaxPartners = v
	case AssumptionChurnRate:
		m.ChurnRate = pct
	case AssumptionPeriodsToFirstDeal:
		m.PeriodsToFirstDeal = econWhole(v)
	case AssumptionRampPeriods:
		m.RampPeriods = econWhole(v)
	case AssumptionSourcedRevenue:
		m.SourcedRevenuePerPartner = money()
	case AssumptionInfluencedRevenue:
		m.InfluencedRevenuePerPartner = money()
	case AssumptionInfluencedCredit:
		m.InfluencedCredit = pct
	case AssumptionGrossMargin:
		m.GrossMargin = pct
	case AssumptionPartnerMargin:
		m.PartnerMargin = pct
	case AssumptionRebateRate:
		m.RebateRate = pct
	case AssumptionInfluenceFee:
		m.InfluenceFee = pct
	case AssumptionMDFRate:
		m.MDFRate = pct
	case AssumptionUpfrontCost:
		m.UpfrontCost = money()
	case AssumptionFixedCosts:
		m.FixedCosts = econScaleCosts(m.FixedCosts, v, m.Currency)
	case AssumptionCostPerPartner:
		m.CostPerPartner = money()
	case AssumptionOnboardingCost:
		m.OnboardingCost = money()
	case AssumptionDiscountRate:
		m.DiscountRate = pct
	default:
		return m, fmt.Errorf("%w %q", ErrUnknownAssumption, string(a))
	}
	return m, nil
}

// econWhole returns the whole part of v, clamped to the int range the
// model validates (so that compiling reports out-of-range values).
func econWhole(v partnerops.Decimal) int {
	if v.Cmp(partnerops.DecimalFromInt(MaxPeriods+1)) > 0 {
		return MaxPeriods + 1
	}
	if v.Sign() < 0 {
		return -1
	}
	n, _ := v.Round(0, partnerops.RoundDown).Int64()
	return int(n)
}

// econScaleCosts sets the total of the fixed cost lines to total, each
// line scaled in proportion (rounded half-even to minor units; the last
// line takes the remainder so the lines sum exactly). With no lines, or
// lines summing to zero, it returns one line named "fixed costs".
func econScaleCosts(lines []Cost, total partnerops.Decimal, c partnerops.Currency) []Cost {
	var sum partnerops.Decimal
	for _, l := range lines {
		sum = sum.Add(l.Amount.Amount())
	}
	mk := func(d partnerops.Decimal) partnerops.Money {
		m, err := partnerops.NewMoney(d, c)
		if err != nil {
			return partnerops.Zero(c)
		}
		return m
	}
	if sum.Sign() == 0 || sum.Validate() != nil {
		return []Cost{{Name: "fixed costs", Amount: mk(total)}}
	}
	out := make([]Cost, len(lines))
	left := total
	for i, l := range lines {
		amt := left
		if i < len(lines)-1 {
			amt, _ = l.Amount.Amount().Mul(total).Quo(sum, c.MinorUnits(), partnerops.RoundHalfEven) // sum is not zero
			left = left.Sub(amt)
		}
		out[i] = Cost{Name: l.Name, Amount: mk(amt)}
	}
	return out
}

// AssumptionValue sets one assumption in a [Scenario]. Value is in the
// assumption's unit: percent units for rates ("25" is 25%), the model's
// currency for amounts, counts for counts.
type AssumptionValue struct {
	Assumption Assumption         `json:"assumption" path:"key"`
	Value      partnerops.Decimal `json:"value"`
}

// Scenario is a named variant of the model ("upside", "downside"): the
// assumptions it changes. Decode a list with [ParseScenarios].
type Scenario struct {
	Name   string            `json:"name" path:"key"`
	Values []AssumptionValue `json:"values"`
}

// ScenarioResult is one scenario's forecast.
type ScenarioResult struct {
	Name     string   `json:"name"`
	Forecast Forecast `json:"forecast"`
}

// Scenarios forecasts the compiled model as "base" followed by each
// scenario, in the given order, for a side-by-side comparison (see
// [ScenarioTable]). Each scenario's model is validated; problems are
// reported with paths that name the scenario and the assumption, such as
// "scenarios[upside].values[churn_rate]" or
// "scenarios[upside].churn_rate".
func (pe *Program) Scenarios(scenarios []Scenario) ([]ScenarioResult, error) {
	var p partnerops.Problems
	out := []ScenarioResult{{Name: "base", Forecast: pe.Forecast()}}
	names := map[string]bool{"base": true}
	for i, s := range scenarios {
		path := partnerops.Path("scenarios", partnerops.Key(s.Name))
		switch {
		case s.Name == "":
			path = partnerops.Path("scenarios", i)
			p.Add(path+".name", "must not be empty", "")
		case names[s.Name]:
			p.Add(path+".name", "duplicate scenario name (base is the compiled model)", s.Name)
		}
		names[s.Name] = true
		m := pe.model
		var err error
		for _, v := range s.Values {
			if m, err = m.With(v.Assumption, v.Value); err != nil {
				fixed.AddErr(&p, fixed.Sub(path, "values", partnerops.Key(v.Assumption)), err)
			}
		}
		spe, err := Compile(m)
		if err != nil {
			p.Merge(path, econUnwrapCompile(err))
			continue
		}
		out = append(out, ScenarioResult{Name: s.Name, Forecast: spe.Forecast()})
	}
	if err := p.Err(); err != nil {
		return nil, fmt.Errorf("economics: scenarios: %w", err)
	}
	return out, nil
}

// econUnwrapCompile returns the validation problems inside a Compile
// error, so they are merged under a scenario's path without a second
// prefix.
func econUnwrapCompile(err error) error {
	if ves := partnerops.ValidationErrors(err); len(ves) > 0 {
		errs := make([]error, len(ves))
		for i, ve := range ves {
			errs[i] = ve
		}
		return errors.Join(errs...)
	}
	return err
}

// ScenarioTable renders scenario results side by side: one column per
// scenario, one row per summary metric.
func ScenarioTable(results []ScenarioResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s", "metric")
	for _, r := range results {
		fmt.Fprintf(&b, " %16s", r.Name)
	}
	b.WriteByte('\n')
	row := func(name string, cell func(f Forecast) string) {
		fmt.Fprintf(&b, "%-22s", name)
		for _, r := range results {
			fmt.Fprintf(&b, " %16s", cell(r.Forecast))
		}
		b.WriteByte('\n')
	}
	amount := func(m partnerops.Money) string { return econFixed(m.Amount(), m.Currency().MinorUnits()) }
	row("credited revenue", func(f Forecast) string { return amount(f.CreditedRevenue) })
	row("gross profit", func(f Forecast) string { return amount(f.GrossProfit) })
	row("compensation", func(f Forecast) string { return amount(f.Compensation) })
	row("program costs", func(f Forecast) string { return amount(f.ProgramCosts) })
	row("net contribution", func(f Forecast) string { return amount(f.NetContribution) })
	row("NPV", func(f Forecast) string { return amount(f.NPV) })
	row("ROI", func(f Forecast) string {
		if !f.HasROI {
			return "-"
		}
		return f.ROI.String()
	})
	row("IRR (annual)", func(f Forecast) string {
		if !f.HasIRR {
			return "none"
		}
		return f.AnnualIRR.Round(2, partnerops.RoundHalfEven).String()
	})
	row("payback ("+econUnitPlural(results)+")", func(f Forecast) string {
		if !f.PaidBack {
			return "never"
		}
		return econFixed(f.PaybackPeriods, 1)
	})
	row("break-even partners", func(f Forecast) string {
		if !f.HasBreakEven {
			return "none"
		}
		return fmt.Sprint(f.BreakEvenPartners)
	})
	row("final active partners", func(f Forecast) string { return econFixed(f.FinalActive, 1) })
	return b.String()
}

func econUnitPlural(results []ScenarioResult) string {
	if len(results) > 0 && results[0].Forecast.Unit == partnerops.UnitQuarter {
		return "quarters"
	}
	return "months"
}

// SensitivityInput varies one assumption between two values (in the
// assumption's unit, as [AssumptionValue]).
type SensitivityInput struct {
	Assumption Assumption         `json:"assumption" path:"key"`
	Low        partnerops.Decimal `json:"low"`
	High       partnerops.Decimal `json:"high"`
}

// SensitivityRow is one bar of a tornado chart: the model's NPV with one
// assumption at its low and at its high value, all others at base.
type SensitivityRow struct {
	Assumption Assumption         `json:"assumption"`
	Low        partnerops.Decimal `json:"low"`
	High       partnerops.Decimal `json:"high"`
	NPVLow     partnerops.Money   `json:"npv_low"`
	NPVHigh    partnerops.Money   `json:"npv_high"`
	// Swing is |NPVHigh - NPVLow|, the bar's length.
	Swing partnerops.Money `json:"swing"`
}

// SensitivityTable is the result of [Program.Sensitivity].
type SensitivityTable struct {
	BaseNPV partnerops.Money `json:"base_npv"`
	// Rows are ordered by Swing, largest first (ties by assumption name).
	Rows []SensitivityRow `json:"rows"`
}

// SensitivityRange builds inputs that move each assumption change percent
// below and above its base value (a ±20% tornado).
func (pe *Program) SensitivityRange(assumptions []Assumption, change partnerops.Percent) ([]SensitivityInput, error) {
	if err := change.Decimal().Validate(); err != nil {
		return nil, fmt.Errorf("economics: sensitivity range: %w", &partnerops.ValidationError{Path: "change", Rule: partnerops.StripPrefixes(err.Error()), Err: err})
	}
	out := make([]SensitivityInput, 0, len(assumptions))
	for _, a := range assumptions {
		v, err := pe.model.Value(a)
		if err != nil {
			return nil, err
		}
		delta := change.OfDecimal(v)
		out = append(out, SensitivityInput{Assumption: a, Low: v.Sub(delta), High: v.Add(delta)})
	}
	return out, nil
}

// Sensitivity computes a one-at-a-time sensitivity table: for each input,
// the NPV with that assumption at its low and at its high value and every
// other assumption at base. Invalid values are reported with paths that
// name the assumption, such as "inputs[churn_rate].high".
func (pe *Program) Sensitivity(inputs []SensitivityInput) (SensitivityTable, error) {
	var p partnerops.Problems
	t := SensitivityTable{BaseNPV: pe.forecast(false).NPV}
	for i, in := range inputs {
		path := partnerops.Path("inputs", partnerops.Key(in.Assumption))
		if in.Assumption == "" {
			path = partnerops.Path("inputs", i)
		}
		row := SensitivityRow{Assumption: in.Assumption, Low: in.Low, High: in.High}
		ok := true
		for _, side := range []struct {
			name string
			v    partnerops.Decimal
			out  *partnerops.Money
		}{{"low", in.Low, &row.NPVLow}, {"high", in.High, &row.NPVHigh}} {
			m, err := pe.model.With(in.Assumption, side.v)
			if err != nil {
				fixed.AddErr(&p, fixed.Sub(path, side.name), err)
				ok = false
				if errors.Is(err, ErrUnknownAssumption) {
					break
				}
				continue
			}
			spe, err := Compile(m)
			if err != nil {
				p.Merge(fixed.Sub(path, side.name), econUnwrapCompile(err))
				ok = false
				continue
			}
			*side.out = spe.forecast(false).NPV
		}
		if !ok {
			continue
		}
		diff, _ := row.NPVHigh.Sub(row.NPVLow)
		row.Swing = diff.Abs()
		t.Rows = append(t.Rows, row)
	}
	if err := p.Err(); err != nil {
		return SensitivityTable{}, fmt.Errorf("economics: sensitivity: %w", err)
	}
	slices.SortStableFunc(t.Rows, func(a, b SensitivityRow) int {
		if c := b.Swing.Amount().Cmp(a.Swing.Amount()); c != 0 {
			return c
		}
		return strings.Compare(string(a.Assumption), string(b.Assumption))
	})
	return t, nil
}

// Text renders the tornado data as a table.
func (t SensitivityTable) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "base NPV %s\n", t.BaseNPV.StringFixed())
	fmt.Fprintf(&b, "%-32s %14s %14s %16s %16s %16s\n", "assumption", "low", "high", "NPV low", "NPV high", "swing")
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "%-32s %14s %14s %16s %16s %16s\n", r.Assumption, r.Low.String(), r.High.String(),
			econFixed(r.NPVLow.Amount(), 2), econFixed(r.NPVHigh.Amount(), 2), econFixed(r.Swing.Amount(), 2))
	}
	return b.String()
}

// MonteCarloRange draws one assumption uniformly between Low and High
// (inclusive, in steps of (High-Low)/1,000,000).
type MonteCarloRange struct {
	Assumption Assumption         `json:"assumption" path:"key"`
	Low        partnerops.Decimal `json:"low"`
	High       partnerops.Decimal `json:"high"`
}

// MonteCarloResult summarizes the NPV distribution of a simulation.
type MonteCarloResult struct {
	Runs int `json:"runs"`
	// Invalid counts the runs whose drawn model failed validation (for
	// example a ramp longer than the horizon); they are left out.
	Invalid int              `json:"invalid"`
	Mean    partnerops.Money `json:"mean"` // rounded half-even to minor units
	Min     partnerops.Money `json:"min"`
	P10     partnerops.Money `json:"p10"`
	P50     partnerops.Money `json:"p50"`
	P90     partnerops.Money `json:"p90"`
	Max     partnerops.Money `json:"max"`
	// PositiveNPV is the share of valid runs with an NPV above zero and
	// PaidBack the share that pay back within the horizon, in percent
	// rounded once, half-even, to 2 places.
	PositiveNPV partnerops.Percent `json:"positive_npv"`
	PaidBack    partnerops.Percent `json:"paid_back"`
}

// MonteCarlo runs the model runs times, each with every ranged
// assumption drawn uniformly from its range using rng, and summarizes the
// NPVs. The caller owns the randomness: pass a generator seeded for
// reproducible results (rand.New(rand.NewPCG(seed1, seed2))). Draws are
// exact decimals: Low + (High-Low) × k / 1,000,000 for k drawn from
// 0..1,000,000. Quantiles are the nearest-rank values of the sorted NPVs.
// Problems name the range by its assumption ("ranges[churn_rate].high").
func (pe *Program) MonteCarlo(ranges []MonteCarloRange, runs int, rng *rand.Rand) (MonteCarloResult, error) {
	var p partnerops.Problems
	if runs < 1 || runs > 1_000_000 {
		p.Add("runs", "must be between 1 and 1000000", fmt.Sprint(runs))
	}
	if rng == nil {
		p.Add("rng", "must not be nil", "")
	}
	for i, r := range ranges {
		path := partnerops.Path("ranges", partnerops.Key(r.Assumption))
		if r.Assumption == "" {
			path = partnerops.Path("ranges", i)
		}
		if _, err := pe.model.Value(r.Assumption); err != nil {
			p.Add(path+".assumption", "is not a known assumption", string(r.Assumption))
		}
		lowErr, highErr := r.Low.Validate(), r.High.Validate()
		if lowErr != nil {
			fixed.AddErr(&p, path+".low", lowErr)
		}
		if highErr != nil {
			fixed.AddErr(&p, path+".high", highErr)
		}
		if lowErr == nil && highErr == nil && r.High.Cmp(r.Low) < 0 {
			p.Add(path+".high", "must not be below low", r.High.String())
		}
	}
	if err := p.Err(); err != nil {
		return MonteCarloResult{}, fmt.Errorf("economics: Monte Carlo: %w", err)
	}
	const steps = 1_000_000
	cur := pe.model.Currency
	npvs := make([]decimal.Decimal, 0, runs)
	positive, paid := 0, 0
	res := MonteCarloResult{Runs: runs}
	for range runs {
		m := pe.model
		for _, r := range ranges {
			k := partnerops.DecimalFromInt(rng.Int64N(steps + 1))
			v := r.Low.Add(r.High.Sub(r.Low).Mul(k).Mul(partnerops.NewDecimal(1, -6)).Round(18, partnerops.RoundHalfUp))
			m, _ = m.With(r.Assumption, v)
		}
		spe, err := Compile(m)
		if err != nil {
			res.Invalid++
			continue
		}
		f := spe.forecast(false)
		npvs = append(npvs, fence.Amount(f.NPV))
		if f.NPV.IsPositive() {
			positive++
		}
		if f.PaidBack {
			paid++
		}
	}
	if len(npvs) == 0 {
		return res, nil
	}
	slices.SortFunc(npvs, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	money := func(d decimal.Decimal) partnerops.Money {
		m, _ := fence.Money(d.RoundBank(cur.MinorUnits()), cur)
		return m
	}
	rank := func(q int) partnerops.Money { // nearest rank: ceil(q/100 × n)
		i := (q*len(npvs) + 99) / 100
		return money(npvs[max(i, 1)-1])
	}
	sum := decimal.Zero
	for _, v := range npvs {
		sum = sum.Add(v)
	}
	mean, _ := fence.Quo(sum, decimal.NewFromInt(int64(len(npvs))), cur.MinorUnits(), partnerops.RoundHalfEven)
	res.Mean = money(mean)
	res.Min, res.Max = money(npvs[0]), money(npvs[len(npvs)-1])
	res.P10, res.P50, res.P90 = rank(10), rank(50), rank(90)
	res.PositiveNPV = fixed.Share(int64(positive), int64(len(npvs)))
	res.PaidBack = fixed.Share(int64(paid), int64(len(npvs)))
	return res, nil
}
