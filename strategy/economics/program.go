package economics

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
	"github.com/shopspring/decimal"
)

// ErrUnknownAssumption is returned for an [Assumption] the program model
// does not have.
var ErrUnknownAssumption = errors.New("economics: unknown assumption")

// Limits of a [Definition].
const (
	// MaxPeriods is the longest horizon a model may have (50 years
	// of months).
	MaxPeriods = 600
	// PartnerPlaces is the number of decimal places partner counts
	// (expected values under churn) are rounded to, half-even, each period.
	PartnerPlaces = 6
)

// Cost is a named fixed cost of the program per period: headcount,
// a PRM tool, an enablement platform.
type Cost struct {
	Name   string           `json:"name" path:"key"`
	Amount partnerops.Money `json:"amount"`
}

// Definition is the definition of a partner program's economics: how
// many partners it recruits and how fast they ramp, what revenue each
// fully productive partner brings, what the program pays partners and
// what it costs to run, by month or quarter. Amounts are per partner per
// period unless said otherwise; percentages are in percent ("25" is 25%).
// Decode it with [ParseDefinition] and compile it with [Compile].
//
// The model, each period p = 1..Periods:
//
//	active(p)     = active(p-1) × (1 - churn) + new(p)      active(0) = StartingPartners
//	new(p)        = NewPartnersPerPeriod, capped so that active(p) ≤ MaxPartners (when set)
//	productive(p) = Σ cohorts × survival × ramp              starting partners are fully ramped
//	sourced(p)    = productive(p) × SourcedRevenuePerPartner
//	influenced(p) = productive(p) × InfluencedRevenuePerPartner
//	credited(p)   = sourced(p) + influenced(p) × InfluencedCredit
//	gross(p)      = credited(p) × GrossMargin
//	compensation  = sourced × (PartnerMargin + RebateRate) + influenced × InfluenceFee
//	program costs = Σ FixedCosts + active × CostPerPartner + new × OnboardingCost + sourced × MDFRate
//	net(p)        = gross - compensation - program costs
//
// A partner recruited in period c produces nothing for PeriodsToFirstDeal
// periods (counting period c), then ramps linearly to full productivity
// over RampPeriods periods (1/R, 2/R, ... 1). Churn removes the same share
// of every cohort each period, from the period after it joins. UpfrontCost
// is spent at time 0, before the first period.
type Definition struct {
	Name     string                `json:"name,omitempty"`
	Currency partnerops.Currency   `json:"currency"`
	Unit     partnerops.PeriodUnit `json:"unit"` // month or quarter
	Periods  int                   `json:"periods"`
	// Start optionally dates the first period, for period labels and
	// dated cash flows.
	Start time.Time `json:"start,omitzero"`
	// DiscountRate is the annual rate NPV discounts at; the per-period
	// rate is (1 + annual)^(months per period / 12) - 1.
	DiscountRate partnerops.Percent `json:"discount_rate" aka:"discount,rate"`

	StartingPartners     partnerops.Decimal `json:"starting_partners" aka:"partners"`
	NewPartnersPerPeriod partnerops.Decimal `json:"new_partners_per_period"`
	MaxPartners          partnerops.Decimal `json:"max_partners,omitzero"`  // 0: no cap
	ChurnRate            partnerops.Percent `json:"churn_rate" aka:"churn"` // share of active partners lost per period
	PeriodsToFirstDeal   int                `json:"periods_to_first_deal" aka:"time_to_first_deal"`
	RampPeriods          int                `json:"ramp_periods"`

	SourcedRevenuePerPartner    partnerops.Money   `json:"sourced_revenue_per_partner"`
	InfluencedRevenuePerPartner partnerops.Money   `json:"influenced_revenue_per_partner,omitzero"`
	InfluencedCredit            partnerops.Percent `json:"influenced_credit"` // share of influenced revenue that is incremental
	GrossMargin                 partnerops.Percent `json:"gross_margin"`

	PartnerMargin partnerops.Percent `json:"partner_margin"`                   // resale margin or referral fee on sourced revenue
	RebateRate    partnerops.Percent `json:"rebate_rate" aka:"rebate,rebates"` // back-end rebate on sourced revenue
	InfluenceFee  partnerops.Percent `json:"influence_fee"`                    // fee on influenced revenue
	MDFRate       partnerops.Percent `json:"mdf_rate" aka:"mdf"`               // MDF accrued on sourced revenue

	UpfrontCost    partnerops.Money `json:"upfront_cost,omitzero"`
	FixedCosts     []Cost           `json:"fixed_costs,omitempty"`
	CostPerPartner partnerops.Money `json:"cost_per_partner,omitzero"` // management and enablement per active partner
	OnboardingCost partnerops.Money `json:"onboarding_cost,omitzero"`  // per recruited partner
}

// Program is a compiled, immutable [Definition]: its forecast,
// scenarios, sensitivity table and Monte Carlo simulation. It is safe for
// concurrent use.
type Program struct {
	model    Definition
	months   int
	places   int32
	warnings []partnerops.Warning
	// rate is the per-period discount rate, a fraction.
	rate decimal.Decimal
}

// econPercentFields lists the percent fields of a Definition that must lie
// between 0 and 100.
func econPercentFields(m *Definition) []struct {
	path string
	v    partnerops.Percent
} {
	return []struct {
		path string
		v    partnerops.Percent
	}{{"churn_rate", m.ChurnRate}, {"influenced_credit", m.InfluencedCredit}, {"gross_margin", m.GrossMargin},
		{"partner_margin", m.PartnerMargin}, {"rebate_rate", m.RebateRate}, {"influence_fee", m.InfluenceFee}, {"mdf_rate", m.MDFRate}}
}

// Compile validates m, reporting every problem as a
// [*partnerops.ValidationError] with its JSON path (fixed costs named by
// their name: fixed_costs["channel team"].amount), and compiles it.
// Every number is range-checked as partnerops.Decimal.Validate does.
// Amounts given without a currency (a bare "25000.00" in JSON) take the
// definition's Currency; an amount in another currency is an error. The
// program's Warnings list what is valid but probably not meant (a
// percent between 0 and 1).
func Compile(m Definition) (*Program, error) {
	var p partnerops.Problems
	var ws partnerops.Warnings
	if !m.Currency.Valid() {
		p.Add("currency", "must be a known ISO 4217 code", string(m.Currency))
	}
	months := 0
	switch m.Unit {
	case partnerops.UnitMonth:
		months = 1
	case partnerops.UnitQuarter:
		months = 3
	default:
		p.Add("unit", "must be month or quarter", string(m.Unit))
	}
	if m.Periods < 1 || m.Periods > MaxPeriods {
		p.Addf("periods", fmt.Sprint(m.Periods), "must be between 1 and %d", MaxPeriods)
	}
	if _, err := econRate("discount_rate", m.DiscountRate); err != nil && errors.Is(err, partnerops.ErrRange) {
		fixed.AddErr(&p, "discount_rate", err)
	} else if m.DiscountRate.Cmp(partnerops.PercentFromInt(-100)) <= 0 || m.DiscountRate.Cmp(partnerops.PercentFromInt(1000)) > 0 {
		p.Add("discount_rate", "must be above -100 and at most 1000 percent", m.DiscountRate.String())
	} else {
		econWarnPercent(&ws, "discount_rate", m.DiscountRate)
	}
	for _, f := range []struct {
		path string
		v    partnerops.Decimal
	}{{"starting_partners", m.StartingPartners}, {"new_partners_per_period", m.NewPartnersPerPeriod}, {"max_partners", m.MaxPartners}} {
		if err := f.v.Validate(); err != nil {
			fixed.AddErr(&p, f.path, err)
		} else if f.v.Sign() < 0 {
			p.Add(f.path, "must not be negative", f.v.String())
		}
	}
	for _, f := range []struct {
		path string
		v    int
	}{{"periods_to_first_deal", m.PeriodsToFirstDeal}, {"ramp_periods", m.RampPeriods}} {
		if f.v < 0 || f.v > MaxPeriods {
			p.Addf(f.path, fmt.Sprint(f.v), "must be between 0 and %d", MaxPeriods)
		}
	}
	for _, f := range econPercentFields(&m) {
		if err := fence.Check(fence.Pct(f.v)); err != nil {
			fixed.AddErr(&p, f.path, err)
		} else if !f.v.Between(partnerops.Percent{}, partnerops.PercentFromInt(100)) {
			p.Add(f.path, "must be between 0 and 100 percent", f.v.String())
		} else {
			econWarnPercent(&ws, f.path, f.v)
		}
	}
	money := func(path string, v *partnerops.Money) {
		if err := fence.Check(fence.Amount(*v)); err != nil {
			fixed.AddErr(&p, path, err)
			return
		}
		if v.Currency() == "" && v.IsZero() {
			*v = partnerops.Zero(m.Currency)
			return
		}
		if !m.Currency.Valid() { // reported above
			if v.IsNegative() {
				p.Add(path, "must not be negative", v.String())
			}
			return
		}
		placed, err := v.InCurrency(m.Currency)
		if err != nil {
			p.Addf(path, v.String(), "must be in %s", m.Currency)
			return
		}
		*v = placed
		if v.IsNegative() {
			p.Add(path, "must not be negative", v.String())
		}
	}
	money("sourced_revenue_per_partner", &m.SourcedRevenuePerPartner)
	money("influenced_revenue_per_partner", &m.InfluencedRevenuePerPartner)
	money("upfront_cost", &m.UpfrontCost)
	money("cost_per_partner", &m.CostPerPartner)
	money("onboarding_cost", &m.OnboardingCost)
	m.FixedCosts = slices.Clone(m.FixedCosts)
	names := map[string]bool{}
	for i := range m.FixedCosts {
		c := &m.FixedCosts[i]
		path := partnerops.Path("fixed_costs", i)
		switch {
		case c.Name == "":
			p.Add(path+".name", "must not be empty", "")
		case names[c.Name]:
			p.Add(partnerops.Path("fixed_costs", partnerops.Key(c.Name), "name"), "duplicate cost name", c.Name)
		default:
			path = partnerops.Path("fixed_costs", partnerops.Key(c.Name))
		}
		names[c.Name] = true
		money(path+".amount", &c.Amount)
	}
	if err := p.Err(); err != nil {
		return nil, fmt.Errorf("economics: compiling program %q: %w", m.Name, err)
	}
	pe := &Program{model: m, months: months, places: m.Currency.MinorUnits(), warnings: ws}
	// Per-period rate: (1 + annual)^(months/12) - 1, as a 12/months-th root.
	pe.rate = econRoot(econOne.Add(fence.Frac(m.DiscountRate)), int64(12/months)).Sub(econOne)
	return pe, nil
}

// econWarnPercent warns about a percent strictly between 0 and 1, which
// an author may have meant as a fraction ("0.05" for 5%).
func econWarnPercent(ws *partnerops.Warnings, path string, v partnerops.Percent) {
	if v.Cmp(partnerops.Percent{}) > 0 && v.Cmp(partnerops.PercentFromInt(1)) < 0 {
		ws.Add(path, fmt.Sprintf("a percent between 0 and 1: percents are in percent units, so this is %s, not %s",
			v, partnerops.PercentFromFraction(v.Decimal())), v.Decimal().String())
	}
}

// Warnings returns what compiling found valid but probably not meant, in
// definition order.
func (pe *Program) Warnings() []partnerops.Warning { return slices.Clone(pe.warnings) }

// Definition returns a copy of the compiled definition, with every amount
// in the definition's currency.
func (pe *Program) Definition() Definition {
	m := pe.model
	m.FixedCosts = slices.Clone(m.FixedCosts)
	return m
}

// ForecastPeriod is one period of a [Forecast]: the partner counts, the
// P&L and the cash position. Amounts are rounded half-even to the
// currency's minor units, each line separately; partner counts to
// [PartnerPlaces] places.
type ForecastPeriod struct {
	Index  int               `json:"index"` // 1 for the first period
	Period partnerops.Period `json:"period,omitzero"`

	ActivePartners     partnerops.Decimal `json:"active_partners"`
	NewPartners        partnerops.Decimal `json:"new_partners"`
	ChurnedPartners    partnerops.Decimal `json:"churned_partners"`
	ProductivePartners partnerops.Decimal `json:"productive_partners"`

	SourcedRevenue    partnerops.Money `json:"sourced_revenue"`
	InfluencedRevenue partnerops.Money `json:"influenced_revenue"`
	CreditedRevenue   partnerops.Money `json:"credited_revenue"`
	GrossProfit       partnerops.Money `json:"gross_profit"`

	PartnerMargin partnerops.Money `json:"partner_margin"`
	Rebates       partnerops.Money `json:"rebates"`
	InfluenceFees partnerops.Money `json:"influence_fees"`
	Compensation  partnerops.Money `json:"compensation"`

	FixedCosts      partnerops.Money `json:"fixed_costs"`
	PartnerCosts    partnerops.Money `json:"partner_costs"`
	OnboardingCosts partnerops.Money `json:"onboarding_costs"`
	MDF             partnerops.Money `json:"mdf"`
	ProgramCosts    partnerops.Money `json:"program_costs"`

	NetCashFlow        partnerops.Money `json:"net_cash_flow"`
	CumulativeCashFlow partnerops.Money `json:"cumulative_cash_flow"`
}

// Forecast is the projection of a compiled program. It is plain data:
// it round-trips through encoding/json (snake_case keys, amounts and
// decimals as strings) and renders the same text after a round trip.
type Forecast struct {
	Name     string                `json:"name,omitempty"`
	Currency partnerops.Currency   `json:"currency"`
	Unit     partnerops.PeriodUnit `json:"unit"`
	Periods  []ForecastPeriod      `json:"periods"`

	UpfrontCost     partnerops.Money   `json:"upfront_cost"`
	CreditedRevenue partnerops.Money   `json:"credited_revenue"`
	GrossProfit     partnerops.Money   `json:"gross_profit"`
	Compensation    partnerops.Money   `json:"compensation"`
	ProgramCosts    partnerops.Money   `json:"program_costs"` // including the upfront cost
	NetContribution partnerops.Money   `json:"net_contribution"`
	FinalActive     partnerops.Decimal `json:"final_active_partners"`
	FinalProductive partnerops.Decimal `json:"final_productive_partners"`
	// PeriodRate is the per-period discount rate, (1 + annual)^(months per
	// period / 12) - 1, rounded half-even to CashFlowPlaces places as a
	// fraction.
	PeriodRate     partnerops.Percent `json:"period_discount_rate"`
	NPV            partnerops.Money   `json:"npv"`
	ROI            partnerops.Percent `json:"roi"` // net contribution / (compensation + program costs), 2 places
	HasROI         bool               `json:"has_roi"`
	PaybackPeriods partnerops.Decimal `json:"payback_periods"` // see PaybackPeriod; valid when PaidBack
	PaidBack       bool               `json:"paid_back"`
	IRR            partnerops.Percent `json:"irr"`        // per period; valid when HasIRR
	AnnualIRR      partnerops.Percent `json:"annual_irr"` // (1 + IRR)^(periods per year) - 1
	HasIRR         bool               `json:"has_irr"`
	IRRNote        string             `json:"irr_note,omitempty"`
	// BreakEvenPartners is the smallest number of fully productive
	// partners whose steady-state contribution per period covers the
	// fixed costs per period (valid when HasBreakEven; none exists when a
	// partner's contribution is not positive).
	BreakEvenPartners      int64            `json:"break_even_partners"`
	HasBreakEven           bool             `json:"has_break_even"`
	ContributionPerPartner partnerops.Money `json:"contribution_per_partner"`
}

// CashFlows returns the forecast's cash flows as [IRR] and [NPV] take
// them: minus the upfront cost at time 0, then each period's net cash
// flow.
func (f Forecast) CashFlows() []partnerops.Decimal {
	out := make([]partnerops.Decimal, 0, len(f.Periods)+1)
	out = append(out, f.UpfrontCost.Amount().Neg())
	for _, p := range f.Periods {
		out = append(out, p.NetCashFlow.Amount())
	}
	return out
}

// DatedCashFlows returns the cash flows dated at the start of the model
// (time 0) and the end of each period, for [XNPV] and [XIRR]. It returns
// nil when the model has no Start.
func (f Forecast) DatedCashFlows() []DatedCashFlow {
	if len(f.Periods) == 0 || f.Periods[0].Period.Start.IsZero() {
		return nil
	}
	out := []DatedCashFlow{{Date: f.Periods[0].Period.Start, Amount: f.UpfrontCost.Amount().Neg()}}
	for _, p := range f.Periods {
		out = append(out, DatedCashFlow{Date: p.Period.End, Amount: p.NetCashFlow.Amount()})
	}
	return out
}

// Forecast projects the model period by period and computes its
// summary: totals, ROI, payback, NPV at the discount rate, IRR and the
// break-even partner count.
func (pe *Program) Forecast() Forecast {
	return pe.forecast(true)
}

// econCohort is a group of partners recruited in one period.
type econCohort struct {
	size decimal.Decimal
	age  int // periods since it joined (0 in its first period)
}

// econOf returns p of d, unrounded.
func econOf(p partnerops.Percent, d decimal.Decimal) decimal.Decimal { return fence.Frac(p).Mul(d) }

func (pe *Program) forecast(withIRR bool) Forecast {
	m := &pe.model
	cur, places := m.Currency, pe.places
	round := func(d decimal.Decimal) partnerops.Money {
		v, _ := fence.Money(d.RoundBank(places), cur)
		return v
	}
	amt := fence.Amount
	roundN := func(d decimal.Decimal) decimal.Decimal { return econTrim(d.RoundBank(PartnerPlaces)) }
	survive := econOne.Sub(fence.Frac(m.ChurnRate))
	rampTotal := m.PeriodsToFirstDeal + m.RampPeriods
	rampFactor := func(age int) decimal.Decimal {
		if age < m.PeriodsToFirstDeal {
			return decimal.Zero
		}
		if m.RampPeriods == 0 || age >= rampTotal {
			return econOne
		}
		return decimal.NewFromInt(int64(age-m.PeriodsToFirstDeal+1)).DivRound(decimal.NewFromInt(int64(m.RampPeriods)), 12)
	}
	fixedCosts := decimal.Zero
	for _, c := range m.FixedCosts {
		fixedCosts = fixedCosts.Add(amt(c.Amount))
	}
	f := Forecast{Name: m.Name, Currency: cur, Unit: m.Unit, Periods: make([]ForecastPeriod, m.Periods),
		PeriodRate: fence.PercentFromFraction(pe.rate.RoundBank(CashFlowPlaces))}
	f.UpfrontCost = round(amt(m.UpfrontCost))
	mature := fence.Dec(m.StartingPartners) // fully ramped partners
	var ramping []econCohort                // younger than rampTotal
	active := fence.Dec(m.StartingPartners)
	cum := amt(f.UpfrontCost).Neg()
	var totCredited, totGross, totComp, totCosts decimal.Decimal
	totCosts = amt(f.UpfrontCost)
	for i := range f.Periods {
		pp := &f.Periods[i]
		pp.Index = i + 1
		if !m.Start.IsZero() {
			start := m.Start.AddDate(0, i*pe.months, 0)
			pp.Period = partnerops.Period{Start: start, End: m.Start.AddDate(0, (i+1)*pe.months, 0), Unit: m.Unit}
		}
		// Churn, then recruit.
		churned := roundN(econOf(m.ChurnRate, active))
		remaining := active.Sub(churned)
		mature = roundN(mature.Mul(survive))
		for k := range ramping {
			ramping[k].size = roundN(ramping[k].size.Mul(survive))
			ramping[k].age++
		}
		recruit := fence.Dec(m.NewPartnersPerPeriod)
		if m.MaxPartners.Sign() > 0 {
			if room := fence.Dec(m.MaxPartners).Sub(remaining); room.LessThan(recruit) {
				recruit = decimal.Max(room, decimal.Zero)
			}
		}
		if recruit.Sign() > 0 {
			ramping = append(ramping, econCohort{size: recruit})
		}
		// Cohorts that finished ramping join the mature pool.
		kept := ramping[:0]
		productive := mature
		for _, c := range ramping {
			if c.age >= rampTotal {
				mature = mature.Add(c.size)
				productive = productive.Add(c.size)
				continue
			}
			productive = productive.Add(c.size.Mul(rampFactor(c.age)))
			kept = append(kept, c)
		}
		ramping = kept
		active = remaining.Add(recruit)
		prod := roundN(productive)
		pp.ChurnedPartners, pp.NewPartners, pp.ActivePartners = fence.Wrap(churned), fence.Wrap(recruit), fence.Wrap(roundN(active))
		pp.ProductivePartners = fence.Wrap(prod)

		sourced := prod.Mul(amt(m.SourcedRevenuePerPartner))
		influenced := prod.Mul(amt(m.InfluencedRevenuePerPartner))
		pp.SourcedRevenue, pp.InfluencedRevenue = round(sourced), round(influenced)
		credited := amt(pp.SourcedRevenue).Add(econOf(m.InfluencedCredit, amt(pp.InfluencedRevenue)))
		pp.CreditedRevenue = round(credited)
		pp.GrossProfit = round(econOf(m.GrossMargin, amt(pp.CreditedRevenue)))
		pp.PartnerMargin = round(econOf(m.PartnerMargin, amt(pp.SourcedRevenue)))
		pp.Rebates = round(econOf(m.RebateRate, amt(pp.SourcedRevenue)))
		pp.InfluenceFees = round(econOf(m.InfluenceFee, amt(pp.InfluencedRevenue)))
		comp := amt(pp.PartnerMargin).Add(amt(pp.Rebates)).Add(amt(pp.InfluenceFees))
		pp.Compensation = round(comp)
		pp.FixedCosts = round(fixedCosts)
		pp.PartnerCosts = round(fence.Dec(pp.ActivePartners).Mul(amt(m.CostPerPartner)))
		pp.OnboardingCosts = round(recruit.Mul(amt(m.OnboardingCost)))
		pp.MDF = round(econOf(m.MDFRate, amt(pp.SourcedRevenue)))
		costs := amt(pp.FixedCosts).Add(amt(pp.PartnerCosts)).Add(amt(pp.OnboardingCosts)).Add(amt(pp.MDF))
		pp.ProgramCosts = round(costs)
		net := amt(pp.GrossProfit).Sub(comp).Sub(costs)
		pp.NetCashFlow = round(net)
		cum = cum.Add(net)
		pp.CumulativeCashFlow = round(cum)
		totCredited = totCredited.Add(credited)
		totGross = totGross.Add(amt(pp.GrossProfit))
		totComp = totComp.Add(comp)
		totCosts = totCosts.Add(costs)
	}
	f.CreditedRevenue, f.GrossProfit, f.Compensation, f.ProgramCosts = round(totCredited), round(totGross), round(totComp), round(totCosts)
	f.NetContribution = round(totGross.Sub(totComp).Sub(totCosts))
	f.FinalActive = fence.Wrap(roundN(active))
	if n := len(f.Periods); n > 0 {
		f.FinalProductive = f.Periods[n-1].ProductivePartners
	}
	if spend := totComp.Add(totCosts); spend.Sign() > 0 {
		roi, _ := fence.Quo(amt(f.NetContribution).Mul(decimal.NewFromInt(100)), spend, 2, partnerops.RoundHalfEven)
		f.ROI = fence.Percent(roi)
		f.HasROI = true
	}
	flows := fence.Decs(f.CashFlows())
	if pb, err := econPayback(flows); err == nil {
		f.PaybackPeriods, f.PaidBack = pb, true
	}
	f.NPV = round(econPV(pe.rate, flows))
	if withIRR {
		irr, err := econSolveFlows(flows)
		if err != nil {
			f.IRRNote = fixed.Strip(err.Error())
		} else {
			f.IRR, f.HasIRR = fence.PercentFromFraction(irr), true
			f.AnnualIRR = fence.PercentFromFraction(econPow(econOne.Add(irr), int64(12/pe.months)).Sub(econOne).RoundBank(CashFlowPlaces))
		}
	}
	// Break-even: fixed costs per period over a mature partner's
	// contribution per period.
	per := pe.partnerContribution()
	f.ContributionPerPartner = round(per)
	if per.Sign() > 0 {
		q, r := fixedCosts.QuoRem(per, 0)
		n := q.IntPart()
		if r.Sign() > 0 {
			n++
		}
		f.BreakEvenPartners, f.HasBreakEven = n, true
	}
	return f
}

// econSolveFlows is IRR on checked flows: the rate as a fraction.
func econSolveFlows(flows []decimal.Decimal) (decimal.Decimal, error) {
	if err := econSignChange(flows); err != nil {
		return decimal.Decimal{}, err
	}
	return econSolve(decimal.New(1, -1), func(r decimal.Decimal) decimal.Decimal { return econPV(r, flows) })
}

// partnerContribution is one mature partner's net contribution per
// period, before fixed costs and onboarding.
func (pe *Program) partnerContribution() decimal.Decimal {
	m := &pe.model
	s, in := fence.Amount(m.SourcedRevenuePerPartner), fence.Amount(m.InfluencedRevenuePerPartner)
	credited := s.Add(econOf(m.InfluencedCredit, in))
	gross := econOf(m.GrossMargin, credited)
	comp := econOf(m.PartnerMargin, s).Add(econOf(m.RebateRate, s)).Add(econOf(m.InfluenceFee, in))
	return gross.Sub(comp).Sub(econOf(m.MDFRate, s)).Sub(fence.Amount(m.CostPerPartner))
}

// econTrim drops trailing fraction zeros (a partner count of 12.000000 is
// 12), so counts read as counts.
func econTrim(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() >= 0 || d.IsZero() {
		if d.IsZero() {
			return decimal.Zero
		}
		return d
	}
	c, exp := d.Coefficient(), d.Exponent()
	ten := big.NewInt(10)
	var q, r big.Int
	for exp < 0 {
		q.QuoRem(c, ten, &r)
		if r.Sign() != 0 {
			break
		}
		c.Set(&q)
		exp++
	}
	return decimal.NewFromBigInt(c, exp)
}
