package economics_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/economics"
)

func econFlows(ss ...string) []partnerops.Decimal {
	out := make([]partnerops.Decimal, len(ss))
	for i, s := range ss {
		out[i] = partnerops.MustDecimal(s)
	}
	return out
}

// The first example of the Excel NPV documentation: =NPV(10%, -10000,
// 3000, 4200, 6800) is $1,188.44.
func ExampleNPV() {
	npv, err := economics.NPV(partnerops.MustPercent("10"), econFlows("-10000", "3000", "4200", "6800"))
	fmt.Println(npv.Round(2, partnerops.RoundHalfEven), err)
	// Output: 1188.44 <nil>
}

// The Excel IRR documentation: five years of income after a 70,000
// investment return 8.7%.
func ExampleIRR() {
	irr, err := economics.IRR(econFlows("-70000", "12000", "15000", "18000", "21000", "26000"))
	fmt.Println(irr, err)

	_, err = economics.IRR(econFlows("100", "200"))
	fmt.Println(err)
	// Output:
	// 8.66309480% <nil>
	// economics: no internal rate of return: the cash flows need a positive and a negative value (no sign change)
}

func econExcelFlows() []economics.DatedCashFlow {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	return []economics.DatedCashFlow{
		{Date: day(2008, 1, 1), Amount: partnerops.MustDecimal("-10000")},
		{Date: day(2008, 3, 1), Amount: partnerops.MustDecimal("2750")},
		{Date: day(2008, 10, 30), Amount: partnerops.MustDecimal("4250")},
		{Date: day(2009, 2, 15), Amount: partnerops.MustDecimal("3250")},
		{Date: day(2009, 4, 1), Amount: partnerops.MustDecimal("2750")},
	}
}

// The Excel XNPV and XIRR documentation examples: 2086.65 at 9%, and an
// XIRR of 37.34%.
func ExampleXIRR() {
	npv, _ := economics.XNPV(partnerops.MustPercent("9"), econExcelFlows())
	irr, _ := economics.XIRR(econExcelFlows())
	fmt.Println(npv.Round(2, partnerops.RoundHalfEven), irr)
	// Output: 2086.65 37.33625335%
}

func ExamplePaybackPeriod() {
	p, err := economics.PaybackPeriod(econFlows("-100", "30", "40", "50"))
	fmt.Println(p, err)
	_, err = economics.PaybackPeriod(econFlows("-100", "30"))
	fmt.Println(err)
	// Output:
	// 2.6000 <nil>
	// economics: no payback within the horizon: the cumulative cash flow ends at -70
}

func econExampleProgram() economics.Definition {
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	return economics.Definition{
		Name: "reseller program", Currency: partnerops.USD, Unit: partnerops.UnitQuarter, Periods: 12,
		DiscountRate:                partnerops.MustPercent("10"),
		NewPartnersPerPeriod:        partnerops.DecimalFromInt(5),
		ChurnRate:                   partnerops.MustPercent("4"),
		PeriodsToFirstDeal:          2,
		RampPeriods:                 3,
		SourcedRevenuePerPartner:    usd("40000"),
		InfluencedRevenuePerPartner: usd("20000"),
		InfluencedCredit:            partnerops.MustPercent("25"),
		GrossMargin:                 partnerops.MustPercent("80"),
		PartnerMargin:               partnerops.MustPercent("20"),
		RebateRate:                  partnerops.MustPercent("2"),
		InfluenceFee:                partnerops.MustPercent("5"),
		MDFRate:                     partnerops.MustPercent("3"),
		UpfrontCost:                 usd("150000"),
		FixedCosts:                  []economics.Cost{{Name: "channel team", Amount: usd("90000")}, {Name: "PRM and tools", Amount: usd("15000")}},
		CostPerPartner:              usd("1500"),
		OnboardingCost:              usd("4000"),
	}
}

// A three-year reseller program by quarter: the P&L of a few quarters and
// the summary.
func ExampleCompile() {
	pe, err := economics.Compile(econExampleProgram())
	if err != nil {
		fmt.Println(err)
		return
	}
	f := pe.Forecast()
	fmt.Println("quarter  partners  productive  credited revenue  net cash flow  cumulative")
	for _, p := range f.Periods {
		if p.Index%3 != 0 {
			continue
		}
		fmt.Printf("Q%-7d %8s %11s %17s %14s %11s\n", p.Index, p.ActivePartners.Round(1, partnerops.RoundHalfUp), p.ProductivePartners.Round(1, partnerops.RoundHalfUp),
			p.CreditedRevenue.Amount().Round(0, partnerops.RoundHalfUp), p.NetCashFlow.Amount().Round(0, partnerops.RoundHalfUp), p.CumulativeCashFlow.Amount().Round(0, partnerops.RoundHalfUp))
	}
	fmt.Println("NPV", f.NPV.StringFixed(), "at", f.PeriodRate.Round(4, partnerops.RoundHalfUp), "a quarter")
	fmt.Println("ROI", f.ROI, "payback", f.PaybackPeriods, "quarters, annual IRR", f.AnnualIRR.Round(2, partnerops.RoundHalfUp))
	fmt.Println("break-even at", f.BreakEvenPartners, "productive partners, each contributing", f.ContributionPerPartner.StringFixed(), "a quarter")
	// Output:
	// quarter  partners  productive  credited revenue  net cash flow  cumulative
	// Q3           14.4         1.5             69120        -108212     -530412
	// Q6           27.2        12.8            576392         154485     -358368
	// Q9           38.4        24.1           1083901         419517      642363
	// Q12          48.4        34.1           1532913         654001     2376262
	// NPV 1790646.72 USD at 2.4114% a quarter
	// ROI 57.23% payback 7.3343 quarters, annual IRR 129.81%
	// break-even at 5 productive partners, each contributing 23500.00 USD a quarter
}

// Base, upside and downside side by side.
func ExampleProgram_Scenarios() {
	pe, _ := economics.Compile(econExampleProgram())
	res, err := pe.Scenarios([]economics.Scenario{
		{Name: "upside", Values: []economics.AssumptionValue{
			{Assumption: economics.AssumptionNewPartners, Value: partnerops.MustDecimal("7")},
			{Assumption: economics.AssumptionSourcedRevenue, Value: partnerops.MustDecimal("50000")}}},
		{Name: "downside", Values: []economics.AssumptionValue{
			{Assumption: economics.AssumptionNewPartners, Value: partnerops.MustDecimal("3")},
			{Assumption: economics.AssumptionPeriodsToFirstDeal, Value: partnerops.MustDecimal("3")}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(economics.ScenarioTable(res))
	// Output:
	// metric                             base           upside         downside
	// credited revenue             8160220.94      13963044.04       3817329.03
	// gross profit                 6528176.74      11170435.23       3053863.23
	// compensation                 1777114.78       3046482.32        831329.45
	// program costs                2374799.78       2836881.77       1960111.78
	// net contribution             2376262.18       5287071.14        262422.00
	// NPV                          1790646.72       4123747.35         84332.90
	// ROI                              57.23%           89.86%            9.40%
	// IRR (annual)                    129.81%          244.94%           16.45%
	// payback (quarters)                  7.3              5.9             11.1
	// break-even partners                   5                4                5
	// final active partners              48.4             67.8             29.0
}

// Tornado data: NPV with each assumption 20% below and above its base.
func ExampleProgram_Sensitivity() {
	pe, _ := economics.Compile(econExampleProgram())
	in, _ := pe.SensitivityRange([]economics.Assumption{
		economics.AssumptionSourcedRevenue, economics.AssumptionNewPartners, economics.AssumptionChurnRate,
		economics.AssumptionPartnerMargin, economics.AssumptionFixedCosts,
	}, partnerops.MustPercent("20"))
	tab, err := pe.Sensitivity(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(tab.Text())
	// Output:
	// base NPV 1790646.72 USD
	// assumption                                  low           high          NPV low         NPV high            swing
	// sourced_revenue_per_partner            32000.00       48000.00       1148535.27       2432758.14       1284222.87
	// new_partners_per_period                    4.00           6.00       1185943.58       2395349.37       1209405.79
	// partner_margin                            16.00          24.00       2024141.77       1557151.66        466990.11
	// fixed_costs                            84000.00      126000.00       2007220.35       1574073.09        433147.26
	// churn_rate                                 3.20           4.80       1943769.57       1644138.45        299631.12
}

// A Monte Carlo run with a seeded generator the caller owns.
func ExampleProgram_MonteCarlo() {
	pe, _ := economics.Compile(econExampleProgram())
	res, err := pe.MonteCarlo([]economics.MonteCarloRange{
		{Assumption: economics.AssumptionSourcedRevenue, Low: partnerops.MustDecimal("25000"), High: partnerops.MustDecimal("55000")},
		{Assumption: economics.AssumptionNewPartners, Low: partnerops.MustDecimal("2"), High: partnerops.MustDecimal("8")},
	}, 500, rand.New(rand.NewPCG(2026, 11)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("P10", res.P10.StringFixed(), "P50", res.P50.StringFixed(), "P90", res.P90.StringFixed())
	fmt.Println("NPV > 0 in", res.PositiveNPV, "of runs; paid back in", res.PaidBack)
	// Output:
	// P10 171899.45 USD P50 1565577.86 USD P90 3419978.17 USD
	// NPV > 0 in 94.00% of runs; paid back in 96.60%
}

// A program definition stored as JSON: amounts as bare decimal strings in
// the program's currency, percents in percent units.
func ExampleParseDefinition() {
	def, err := economics.ParseDefinition([]byte(`{
	  "name": "referral program", "currency": "USD", "unit": "month", "periods": 12,
	  "discount_rate": "9", "starting_partners": "20", "churn_rate": "1%",
	  "sourced_revenue_per_partner": "5000.00", "gross_margin": "80", "partner_margin": "15",
	  "fixed_costs": [{"name": "partner manager", "amount": "12000.00"}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	pe, err := economics.Compile(def)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := pe.Forecast()
	fmt.Println("NPV", f.NPV, "payback", f.PaidBack, "monthly rate", f.PeriodRate)

	_, err = economics.ParseDefinition([]byte(`{"currency": "USD", "churn": "1", "gross_margin": 0.8}`))
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// NPV 561109.41 USD payback true monthly rate 0.72073233%
	// churn: unknown field; did you mean "churn_rate"?
	// gross_margin: decoding percent 0.8: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
}

// A monthly rate derived from an annual one carries more than 18 fraction
// digits; NPV takes it as it is.
func ExamplePeriodRate() {
	monthly, _ := economics.PeriodRate(partnerops.MustPercent("9"), 12)
	fmt.Println(monthly.Round(6, partnerops.RoundHalfEven), monthly.Decimal().Scale() > 18)
	npv, err := economics.NPV(monthly, econFlows("1000", "1000", "1000"))
	fmt.Println(npv.Round(2, partnerops.RoundHalfEven), err)
	// Output:
	// 0.720732% true
	// 2957.27 <nil>
}

// The loan and annuity functions follow Excel's sign convention: money
// paid out is negative. A loan of 10,000 at 8% a year, repaid monthly over
// 10 months (the Excel PMT documentation example).
func ExamplePMT() {
	monthly, _ := partnerops.MustDecimal("8").Quo(partnerops.DecimalFromInt(12), 30, partnerops.RoundHalfEven)
	rate := partnerops.NewPercent(monthly)
	end, _ := economics.PMT(rate, 10, partnerops.MustDecimal("10000"), partnerops.Decimal{}, economics.PaymentEnd)
	begin, _ := economics.PMT(rate, 10, partnerops.MustDecimal("10000"), partnerops.Decimal{}, economics.PaymentBeginning)
	fmt.Println(end.Round(2, partnerops.RoundHalfUp), begin.Round(2, partnerops.RoundHalfUp))
	// Output: -1037.03 -1030.16
}

// PV, FV, NPER and RATE solve the same annuity equation for the other
// unknowns (the Excel documentation examples).
func ExampleRATE() {
	pct := func(annual string) partnerops.Percent {
		m, _ := partnerops.MustDecimal(annual).Quo(partnerops.DecimalFromInt(12), 30, partnerops.RoundHalfEven)
		return partnerops.NewPercent(m)
	}
	d := partnerops.MustDecimal
	pv, _ := economics.PV(pct("8"), 240, d("500"), d("0"), economics.PaymentEnd)
	fv, _ := economics.FV(pct("12"), 12, d("-1000"), d("0"), economics.PaymentEnd)
	n, _ := economics.NPER(pct("12"), d("-100"), d("-1000"), d("10000"), economics.PaymentEnd)
	r, _ := economics.RATE(48, d("-200"), d("8000"), d("0"), economics.PaymentEnd, partnerops.PercentFromInt(10))
	fmt.Println(pv.Round(2, partnerops.RoundHalfUp), fv.Round(2, partnerops.RoundHalfUp), n.Round(7, partnerops.RoundHalfUp), r.Round(4, partnerops.RoundHalfUp))
	// Output: -59777.15 12682.50 60.0821229 0.7701%
}
