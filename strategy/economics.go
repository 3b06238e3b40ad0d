package strategy

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
)

// ErrUnknownAssumption is returned for an [Assumption] the program model
// does not have.
var ErrUnknownAssumption = errors.New("strategy: unknown assumption")

// Limits of a [ProgramModel].
const (
	// MaxProgramPeriods is the longest horizon a model may have (50 years
	// of months).
	MaxProgramPeriods = 600
	// ProgramPartnerPlaces is the number of decimal places partner counts
	// (expected values under churn) are rounded to, half-even, each period.
	ProgramPartnerPlaces = 6
)

// ProgramCost is a named fixed cost of the program per period: headcount,
// a PRM tool, an enablement platform.
type ProgramCost struct {
	Name   string           `json:"name"`
	Amount partnerops.Money `json:"amount"`
}

// ProgramModel is the definition of a partner program's economics: how
// many partners it recruits and how fast they ramp, what revenue each
// fully productive partner brings, what the program pays partners and
// what it costs to run, by month or quarter. Amounts are per partner per
// period unless said otherwise; percentages are in percent ("25" is 25%).
// Compile it with [CompileProgramModel].
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
type ProgramModel struct {
	Name     string                `json:"name,omitempty"`
	Currency partnerops.Currency   `json:"currency"`
	Unit     partnerops.PeriodUnit `json:"unit"` // month or quarter
	Periods  int                   `json:"periods"`
	// Start optionally dates the first period, for period labels and
	// dated cash flows.
	Start time.Time `json:"start,omitzero"`
	// DiscountRate is the annual rate NPV discounts at; the per-period
	// rate is (1 + annual)^(months per period / 12) - 1.
	DiscountRate partnerops.Percent `json:"discount_rate"`

	StartingPartners     partnerops.Decimal `json:"starting_partners"`
	NewPartnersPerPeriod partnerops.Decimal `json:"new_partners_per_period"`
	MaxPartners          partnerops.Decimal `json:"max_partners,omitzero"` // 0: no cap
	ChurnRate            partnerops.Percent `json:"churn_rate"`            // share of active partners lost per period
	PeriodsToFirstDeal   int                `json:"periods_to_first_deal"`
	RampPeriods          int                `json:"ramp_periods"`

	SourcedRevenuePerPartner    partnerops.Money   `json:"sourced_revenue_per_partner"`
	InfluencedRevenuePerPartner partnerops.Money   `json:"influenced_revenue_per_partner,omitzero"`
	InfluencedCredit            partnerops.Percent `json:"influenced_credit"` // share of influenced revenue that is incremental
	GrossMargin                 partnerops.Percent `json:"gross_margin"`

	PartnerMargin partnerops.Percent `json:"partner_margin"` // resale margin or referral fee on sourced revenue
	RebateRate    partnerops.Percent `json:"rebate_rate"`    // back-end rebate on sourced revenue
	InfluenceFee  partnerops.Percent `json:"influence_fee"`  // fee on influenced revenue
	MDFRate       partnerops.Percent `json:"mdf_rate"`       // MDF accrued on sourced revenue

	UpfrontCost    partnerops.Money `json:"upfront_cost,omitzero"`
	FixedCosts     []ProgramCost    `json:"fixed_costs,omitempty"`
	CostPerPartner partnerops.Money `json:"cost_per_partner,omitzero"` // management and enablement per active partner
	OnboardingCost partnerops.Money `json:"onboarding_cost,omitzero"`  // per recruited partner
}

// ProgramEconomics is a compiled, immutable [ProgramModel]: its forecast,
// scenarios, sensitivity table and Monte Carlo simulation. It is safe for
// concurrent use.
type ProgramEconomics struct {
	model  ProgramModel
	months int
	places int32
	// rate is the per-period discount rate.
	rate decimal.Decimal
}

// CompileProgramModel validates m, reporting every problem as a
// [*partnerops.ValidationError] with its JSON path, and compiles it.
func CompileProgramModel(m ProgramModel) (*ProgramEconomics, error) {
	var p partnerops.Problems
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
	if m.Periods < 1 || m.Periods > MaxProgramPeriods {
		p.Addf("periods", fmt.Sprint(m.Periods), "must be between 1 and %d", MaxProgramPeriods)
	}
	if m.DiscountRate.Cmp(partnerops.PercentFromInt(-100)) <= 0 || m.DiscountRate.Cmp(partnerops.PercentFromInt(1000)) > 0 {
		p.Add("discount_rate", "must be above -100 and at most 1000 percent", m.DiscountRate.String())
	}
	for _, f := range []struct {
		path string
		v    partnerops.Decimal
	}{{"starting_partners", m.StartingPartners}, {"new_partners_per_period", m.NewPartnersPerPeriod}, {"max_partners", m.MaxPartners}} {
		if f.v.Sign() < 0 || partnerops.CheckDecimal(f.v.Decimal) != nil {
			p.Add(f.path, "must be a non-negative number within range", f.v.String())
		}
	}
	for _, f := range []struct {
		path string
		v    int
	}{{"periods_to_first_deal", m.PeriodsToFirstDeal}, {"ramp_periods", m.RampPeriods}} {
		if f.v < 0 || f.v > MaxProgramPeriods {
			p.Addf(f.path, fmt.Sprint(f.v), "must be between 0 and %d", MaxProgramPeriods)
		}
	}
	for _, f := range []struct {
		path string
		v    partnerops.Percent
	}{{"churn_rate", m.ChurnRate}, {"influenced_credit", m.InfluencedCredit}, {"gross_margin", m.GrossMargin},
		{"partner_margin", m.PartnerMargin}, {"rebate_rate", m.RebateRate}, {"influence_fee", m.InfluenceFee}, {"mdf_rate", m.MDFRate}} {
		if !f.v.Between(partnerops.Percent{}, partnerops.PercentFromInt(100)) {
			p.Add(f.path, "must be between 0 and 100 percent", f.v.String())
		}
	}
	money := func(path string, v partnerops.Money) {
		if v.Currency() == "" && v.IsZero() {
			return
		}
		if v.Currency() != m.Currency {
			p.Addf(path, v.String(), "must be in %s", m.Currency)
		}
		if v.IsNegative() {
			p.Add(path, "must not be negative", v.String())
		}
	}
	money("sourced_revenue_per_partner", m.SourcedRevenuePerPartner)
	money("influenced_revenue_per_partner", m.InfluencedRevenuePerPartner)
	money("upfront_cost", m.UpfrontCost)
	money("cost_per_partner", m.CostPerPartner)
	money("onboarding_cost", m.OnboardingCost)
	for i, c := range m.FixedCosts {
		if c.Name == "" {
			p.Add(partnerops.Path("fixed_costs", i, "name"), "must not be empty", "")
		}
		money(partnerops.Path("fixed_costs", i, "amount"), c.Amount)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	pe := &ProgramEconomics{model: m, months: months, places: m.Currency.MinorUnits()}
	// Per-period rate: (1 + annual)^(months/12) - 1, as a 12/months-th root.
	pe.rate = econRoot(econOne.Add(m.DiscountRate.Fraction()), int64(12/months)).Sub(econOne)
	return pe, nil
}

// Model returns a copy of the compiled model.
func (pe *ProgramEconomics) Model() ProgramModel {
	m := pe.model
	m.FixedCosts = append([]ProgramCost(nil), m.FixedCosts...)
	return m
}

// ProgramPeriod is one period of a [ProgramForecast]: the partner counts,
// the P&L and the cash position. Amounts are rounded half-even to the
// currency's minor units, each line separately; partner counts to
// [ProgramPartnerPlaces] places.
type ProgramPeriod struct {
	Index  int               `json:"index"` // 1 for the first period
	Period partnerops.Period `json:"period,omitzero"`

	ActivePartners     decimal.Decimal `json:"active_partners"`
	NewPartners        decimal.Decimal `json:"new_partners"`
	ChurnedPartners    decimal.Decimal `json:"churned_partners"`
	ProductivePartners decimal.Decimal `json:"productive_partners"`

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

// ProgramForecast is the projection of a compiled model.
type ProgramForecast struct {
	Name     string                `json:"name,omitempty"`
	Currency partnerops.Currency   `json:"currency"`
	Unit     partnerops.PeriodUnit `json:"unit"`
	Periods  []ProgramPeriod       `json:"periods"`

	UpfrontCost     partnerops.Money   `json:"upfront_cost"`
	CreditedRevenue partnerops.Money   `json:"credited_revenue"`
	GrossProfit     partnerops.Money   `json:"gross_profit"`
	Compensation    partnerops.Money   `json:"compensation"`
	ProgramCosts    partnerops.Money   `json:"program_costs"` // including the upfront cost
	NetContribution partnerops.Money   `json:"net_contribution"`
	FinalActive     decimal.Decimal    `json:"final_active_partners"`
	FinalProductive decimal.Decimal    `json:"final_productive_partners"`
	PeriodRate      decimal.Decimal    `json:"period_discount_rate"` // per-period discount rate
	NPV             partnerops.Money   `json:"npv"`
	ROI             partnerops.Percent `json:"roi"` // net contribution / (compensation + program costs), 2 places
	HasROI          bool               `json:"has_roi"`
	PaybackPeriods  decimal.Decimal    `json:"payback_periods"` // see PaybackPeriod; valid when PaidBack
	PaidBack        bool               `json:"paid_back"`
	IRR             decimal.Decimal    `json:"irr"`        // per period; valid when HasIRR
	AnnualIRR       decimal.Decimal    `json:"annual_irr"` // (1 + IRR)^(periods per year) - 1
	HasIRR          bool               `json:"has_irr"`
	IRRNote         string             `json:"irr_note,omitempty"`
	// BreakEvenPartners is the smallest number of fully productive
	// partners whose steady-state contribution per period covers the
	// fixed costs per period (valid when HasBreakEven; none exists when a
	// partner's contribution is not positive).
	BreakEvenPartners      int64            `json:"break_even_partners"`
	HasBreakEven           bool             `json:"has_break_even"`
	ContributionPerPartner partnerops.Money `json:"contribution_per_partner"`
}

// CashFlows returns the forecast's cash flows as IRR and NPV take them:
// minus the upfront cost at time 0, then each period's net cash flow.
func (f ProgramForecast) CashFlows() []decimal.Decimal {
	out := make([]decimal.Decimal, 0, len(f.Periods)+1)
	out = append(out, f.UpfrontCost.Amount().Neg())
	for _, p := range f.Periods {
		out = append(out, p.NetCashFlow.Amount())
	}
	return out
}

// DatedCashFlows returns the cash flows dated at the start of the model
// (time 0) and the end of each period, for [XNPV] and [XIRR]. It returns
// nil when the model has no Start.
func (f ProgramForecast) DatedCashFlows() []DatedCashFlow {
	if len(f.Periods) == 0 || f.Periods[0].Period.Start.IsZero() {
		return nil
	}
	out := []DatedCashFlow{{Date: f.Periods[0].Period.Start, Amount: partnerops.NewDecimal(f.UpfrontCost.Amount().Neg())}}
	for _, p := range f.Periods {
		out = append(out, DatedCashFlow{Date: p.Period.End, Amount: partnerops.NewDecimal(p.NetCashFlow.Amount())})
	}
	return out
}

// Forecast projects the model period by period and computes its
// summary: totals, ROI, payback, NPV at the discount rate, IRR and the
// break-even partner count.
func (pe *ProgramEconomics) Forecast() ProgramForecast {
	return pe.forecast(true)
}

// econCohort is a group of partners recruited in one period.
type econCohort struct {
	size decimal.Decimal
	age  int // periods since it joined (0 in its first period)
}

func (pe *ProgramEconomics) forecast(withIRR bool) ProgramForecast {
	m := &pe.model
	cur, places := m.Currency, pe.places
	round := func(d decimal.Decimal) partnerops.Money {
		v, _ := partnerops.NewMoney(d.RoundBank(places), cur)
		return v
	}
	roundN := func(d decimal.Decimal) decimal.Decimal { return d.RoundBank(ProgramPartnerPlaces) }
	survive := econOne.Sub(m.ChurnRate.Fraction())
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
	fixed := decimal.Zero
	for _, c := range m.FixedCosts {
		fixed = fixed.Add(c.Amount.Amount())
	}
	f := ProgramForecast{Name: m.Name, Currency: cur, Unit: m.Unit, Periods: make([]ProgramPeriod, m.Periods), PeriodRate: pe.rate.RoundBank(CashFlowPlaces)}
	f.UpfrontCost = round(m.UpfrontCost.Amount())
	mature := m.StartingPartners.Decimal // fully ramped partners
	var ramping []econCohort             // younger than rampTotal
	active := m.StartingPartners.Decimal
	cum := f.UpfrontCost.Amount().Neg()
	var totCredited, totGross, totComp, totCosts decimal.Decimal
	totCosts = f.UpfrontCost.Amount()
	for i := range f.Periods {
		pp := &f.Periods[i]
		pp.Index = i + 1
		if !m.Start.IsZero() {
			start := m.Start.AddDate(0, i*pe.months, 0)
			pp.Period = partnerops.Period{Start: start, End: m.Start.AddDate(0, (i+1)*pe.months, 0), Unit: m.Unit}
		}
		// Churn, then recruit.
		churned := roundN(active.Mul(m.ChurnRate.Fraction()))
		remaining := active.Sub(churned)
		mature = roundN(mature.Mul(survive))
		for k := range ramping {
			ramping[k].size = roundN(ramping[k].size.Mul(survive))
			ramping[k].age++
		}
		recruit := m.NewPartnersPerPeriod.Decimal
		if m.MaxPartners.Sign() > 0 {
			if room := m.MaxPartners.Sub(remaining); room.LessThan(recruit) {
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
		pp.ChurnedPartners, pp.NewPartners, pp.ActivePartners = churned, recruit, roundN(active)
		pp.ProductivePartners = roundN(productive)

		sourced := pp.ProductivePartners.Mul(m.SourcedRevenuePerPartner.Amount())
		influenced := pp.ProductivePartners.Mul(m.InfluencedRevenuePerPartner.Amount())
		pp.SourcedRevenue, pp.InfluencedRevenue = round(sourced), round(influenced)
		credited := pp.SourcedRevenue.Amount().Add(m.InfluencedCredit.OfDecimal(pp.InfluencedRevenue.Amount()))
		pp.CreditedRevenue = round(credited)
		pp.GrossProfit = round(m.GrossMargin.OfDecimal(pp.CreditedRevenue.Amount()))
		pp.PartnerMargin = round(m.PartnerMargin.OfDecimal(pp.SourcedRevenue.Amount()))
		pp.Rebates = round(m.RebateRate.OfDecimal(pp.SourcedRevenue.Amount()))
		pp.InfluenceFees = round(m.InfluenceFee.OfDecimal(pp.InfluencedRevenue.Amount()))
		comp := pp.PartnerMargin.Amount().Add(pp.Rebates.Amount()).Add(pp.InfluenceFees.Amount())
		pp.Compensation = round(comp)
		pp.FixedCosts = round(fixed)
		pp.PartnerCosts = round(pp.ActivePartners.Mul(m.CostPerPartner.Amount()))
		pp.OnboardingCosts = round(recruit.Mul(m.OnboardingCost.Amount()))
		pp.MDF = round(m.MDFRate.OfDecimal(pp.SourcedRevenue.Amount()))
		costs := pp.FixedCosts.Amount().Add(pp.PartnerCosts.Amount()).Add(pp.OnboardingCosts.Amount()).Add(pp.MDF.Amount())
		pp.ProgramCosts = round(costs)
		net := pp.GrossProfit.Amount().Sub(comp).Sub(costs)
		pp.NetCashFlow = round(net)
		cum = cum.Add(net)
		pp.CumulativeCashFlow = round(cum)
		totCredited = totCredited.Add(credited)
		totGross = totGross.Add(pp.GrossProfit.Amount())
		totComp = totComp.Add(comp)
		totCosts = totCosts.Add(costs)
	}
	f.CreditedRevenue, f.GrossProfit, f.Compensation, f.ProgramCosts = round(totCredited), round(totGross), round(totComp), round(totCosts)
	f.NetContribution = round(totGross.Sub(totComp).Sub(totCosts))
	f.FinalActive = roundN(active)
	if n := len(f.Periods); n > 0 {
		f.FinalProductive = f.Periods[n-1].ProductivePartners
	}
	if spend := totComp.Add(totCosts); spend.Sign() > 0 {
		f.ROI = partnerops.NewPercent(f.NetContribution.Amount().Mul(decimal.NewFromInt(100)).DivRound(spend, 2+4).RoundBank(2))
		f.HasROI = true
	}
	flows := f.CashFlows()
	f.PaybackPeriods, f.PaidBack = PaybackPeriod(flows)
	f.NPV = round(econPV(pe.rate, flows))
	if withIRR {
		irr, err := IRR(flows)
		if err != nil {
			f.IRRNote = err.Error()
		} else {
			f.IRR, f.HasIRR = irr, true
			f.AnnualIRR = econPow(econOne.Add(irr), int64(12/pe.months)).Sub(econOne).RoundBank(CashFlowPlaces)
		}
	}
	// Break-even: fixed costs per period over a mature partner's
	// contribution per period.
	per := pe.partnerContribution()
	f.ContributionPerPartner = round(per)
	if per.Sign() > 0 {
		q, r := fixed.QuoRem(per, 0)
		n := q.IntPart()
		if r.Sign() > 0 {
			n++
		}
		f.BreakEvenPartners, f.HasBreakEven = n, true
	}
	return f
}

// partnerContribution is one mature partner's net contribution per
// period, before fixed costs and onboarding.
func (pe *ProgramEconomics) partnerContribution() decimal.Decimal {
	m := &pe.model
	s, in := m.SourcedRevenuePerPartner.Amount(), m.InfluencedRevenuePerPartner.Amount()
	credited := s.Add(m.InfluencedCredit.OfDecimal(in))
	gross := m.GrossMargin.OfDecimal(credited)
	comp := m.PartnerMargin.OfDecimal(s).Add(m.RebateRate.OfDecimal(s)).Add(m.InfluenceFee.OfDecimal(in))
	return gross.Sub(comp).Sub(m.MDFRate.OfDecimal(s)).Sub(m.CostPerPartner.Amount())
}
