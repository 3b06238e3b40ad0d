package economics

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// econFlatModel: 10 fully ramped partners, each sourcing 10,000 USD a
// month at 80% gross margin, paid a 20% margin; 30,000 fixed costs and 500
// per partner a month; 100,000 upfront; 12 months at 0% discount.
// Each month: gross 80,000 - margin 20,000 - costs 35,000 = net 25,000.
func mapUSD(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }

func econFlatModel() Definition {
	return Definition{
		Name: "flat", Currency: partnerops.USD, Unit: partnerops.UnitMonth, Periods: 12,
		StartingPartners:         partnerops.DecimalFromInt(10),
		SourcedRevenuePerPartner: mapUSD("10000"),
		GrossMargin:              partnerops.MustPercent("80"),
		PartnerMargin:            partnerops.MustPercent("20"),
		UpfrontCost:              mapUSD("100000"),
		FixedCosts:               []Cost{{Name: "channel team", Amount: mapUSD("25000")}, {Name: "PRM", Amount: mapUSD("5000")}},
		CostPerPartner:           mapUSD("500"),
	}
}

func TestForecastFlatModel(t *testing.T) {
	pe, err := Compile(econFlatModel())
	if err != nil {
		t.Fatal(err)
	}
	f := pe.Forecast()
	p1 := f.Periods[0]
	for name, got := range map[string]partnerops.Money{
		"sourced": p1.SourcedRevenue, "gross": p1.GrossProfit, "margin": p1.PartnerMargin,
		"costs": p1.ProgramCosts, "net": p1.NetCashFlow, "cumulative": p1.CumulativeCashFlow,
	} {
		want := map[string]string{"sourced": "100000", "gross": "80000", "margin": "20000", "costs": "35000", "net": "25000", "cumulative": "-75000"}[name]
		if !got.Equal(mapUSD(want)) {
			t.Errorf("period 1 %s = %s, want %s", name, got, want)
		}
	}
	// NPV at 0% = -100,000 + 12 × 25,000 = 200,000.
	if !f.NPV.Equal(mapUSD("200000")) || !f.NetContribution.Equal(mapUSD("200000")) {
		t.Errorf("NPV = %s, net contribution = %s, want 200000", f.NPV, f.NetContribution)
	}
	// Cumulative -100,000 + 25,000 × 4 = 0: paid back after 4 months.
	if !f.PaidBack || !f.PaybackPeriods.Equal(econP("4")) {
		t.Errorf("payback = %s (%v), want 4", f.PaybackPeriods, f.PaidBack)
	}
	// ROI = 200,000 / (240,000 compensation + 420,000 costs + 100,000
	// upfront) = 26.3157...% → 26.32%.
	if !f.HasROI || !f.ROI.Equal(partnerops.MustPercent("26.32")) {
		t.Errorf("ROI = %s, want 26.32%%", f.ROI)
	}
	// Break-even: a partner contributes 10,000 × (80% - 20%) - 500 = 5,500
	// a month; 30,000 / 5,500 = 5.45 → 6 partners.
	if !f.HasBreakEven || f.BreakEvenPartners != 6 || !f.ContributionPerPartner.Equal(mapUSD("5500")) {
		t.Errorf("break-even = %d (%v), contribution %s; want 6, 5500", f.BreakEvenPartners, f.HasBreakEven, f.ContributionPerPartner)
	}
	// IRR: -100,000 then twelve 25,000s; checked by a 50-digit bisection
	// in Python's decimal: 0.22893307097709... a month.
	if !f.HasIRR || !f.IRR.Equal(econFrac("0.228933071")) {
		t.Errorf("IRR = %s (%v %s), want 0.228933071", f.IRR, f.HasIRR, f.IRRNote)
	}
	if npv, _ := NPV(f.IRR, f.CashFlows()[1:]); npv.Add(f.CashFlows()[0]).Abs().Cmp(econP("0.001")) > 0 {
		t.Errorf("NPV at the IRR = %s, want ~0", npv)
	}
}

func TestForecastRampAndChurn(t *testing.T) {
	// Two partners a month, no deal in their first month, then a ramp of
	// 50%, 100%: productive partners 0, 1, 3, 5, 7, 9.
	m := econFlatModel()
	m.StartingPartners = partnerops.Decimal{}
	m.NewPartnersPerPeriod = partnerops.DecimalFromInt(2)
	m.PeriodsToFirstDeal, m.RampPeriods, m.Periods = 1, 2, 6
	m.OnboardingCost = mapUSD("1000")
	pe, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	f := pe.Forecast()
	var productive, active []string
	for _, p := range f.Periods {
		productive = append(productive, p.ProductivePartners.String())
		active = append(active, p.ActivePartners.String())
	}
	if diff := cmp.Diff([]string{"0", "1", "3", "5", "7", "9"}, productive); diff != "" {
		t.Errorf("productive partners (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2", "4", "6", "8", "10", "12"}, active); diff != "" {
		t.Errorf("active partners (-want +got):\n%s", diff)
	}
	if got := f.Periods[0].OnboardingCosts; !got.Equal(mapUSD("2000")) {
		t.Errorf("onboarding costs = %s, want 2000", got)
	}

	// 100 partners losing 10% a month, none recruited: 90, 81, 72.9.
	m = econFlatModel()
	m.StartingPartners = partnerops.DecimalFromInt(100)
	m.ChurnRate = partnerops.MustPercent("10")
	m.Periods = 3
	pe, _ = Compile(m)
	f = pe.Forecast()
	for i, want := range []string{"90", "81", "72.9"} {
		if got := f.Periods[i].ActivePartners; !got.Equal(econP(want)) || !f.Periods[i].ProductivePartners.Equal(econP(want)) {
			t.Errorf("period %d active %s productive %s, want %s", i+1, got, f.Periods[i].ProductivePartners, want)
		}
	}

	// A cap of 5 active partners stops recruiting.
	m = econFlatModel()
	m.StartingPartners = partnerops.DecimalFromInt(3)
	m.NewPartnersPerPeriod = partnerops.DecimalFromInt(2)
	m.MaxPartners = partnerops.DecimalFromInt(5)
	m.Periods = 3
	pe, _ = Compile(m)
	f = pe.Forecast()
	if got := f.Periods[2].ActivePartners; !got.Equal(econP("5")) || !f.Periods[1].NewPartners.IsZero() {
		t.Errorf("capped active = %s, new in period 2 = %s; want 5, 0", got, f.Periods[1].NewPartners)
	}
}

func TestForecastDiscountAndDates(t *testing.T) {
	m := econFlatModel()
	// (1.01)^12 = 1.126825030131969720661201 exactly: a 1% monthly rate.
	m.DiscountRate = fence.Percent(econD("12.6825030131969720661201"))
	m.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pe, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	f := pe.Forecast()
	if !f.PeriodRate.Equal(econFrac("0.01")) {
		t.Errorf("period rate = %s, want 0.01", f.PeriodRate)
	}
	// NPV = -100,000 + 25,000 × (1 - 1.01^-12) / 0.01 = 181,376.94 (checked in Python).
	if !f.NPV.Equal(mapUSD("181376.94")) {
		t.Errorf("NPV at 1%%/month = %s, want 181376.94", f.NPV)
	}
	if p := f.Periods[1].Period; !p.Start.Equal(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)) || p.Unit != partnerops.UnitMonth {
		t.Errorf("period 2 = %v", p)
	}
	dated := f.DatedCashFlows()
	if len(dated) != 13 || !dated[12].Date.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("dated flows = %v", dated)
	}
	if _, err := XIRR(dated); err != nil {
		t.Errorf("XIRR(dated flows) error = %v", err)
	}
}

func TestForecastNoIRRNoBreakEven(t *testing.T) {
	m := econFlatModel()
	m.SourcedRevenuePerPartner = mapUSD("100") // contribution 100 × 60% - 500 < 0
	pe, _ := Compile(m)
	f := pe.Forecast()
	if f.HasIRR || f.IRRNote == "" || f.HasBreakEven || f.PaidBack {
		t.Errorf("losing program: HasIRR %v (%q), HasBreakEven %v, PaidBack %v", f.HasIRR, f.IRRNote, f.HasBreakEven, f.PaidBack)
	}
}

func TestCompileProgramModelErrors(t *testing.T) {
	m := Definition{
		Currency: "XXX", Unit: partnerops.UnitWeek, Periods: 0, DiscountRate: partnerops.MustPercent("-100"),
		StartingPartners: partnerops.DecimalFromInt(-1), ChurnRate: partnerops.MustPercent("120"),
		RampPeriods: -1, SourcedRevenuePerPartner: partnerops.MustMoney("1", partnerops.EUR),
		FixedCosts: []Cost{{Amount: mapUSD("-1")}},
	}
	_, err := Compile(m)
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	want := []string{"currency", "unit", "periods", "discount_rate", "starting_partners", "ramp_periods", "churn_rate",
		"fixed_costs[0].name", "fixed_costs[0].amount"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("problem paths (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("error %v does not match ErrInvalid", err)
	}
}

func TestScenariosAndTable(t *testing.T) {
	pe, _ := Compile(econFlatModel())
	res, err := pe.Scenarios([]Scenario{
		{Name: "upside", Values: []AssumptionValue{{AssumptionSourcedRevenue, partnerops.MustDecimal("12000")}}},
		{Name: "downside", Values: []AssumptionValue{{AssumptionStartingPartners, partnerops.MustDecimal("6")}, {AssumptionFixedCosts, partnerops.MustDecimal("36000")}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Upside: net 12 × (96,000 - 24,000 - 35,000) - 100,000 = 344,000.
	// Downside: 6 partners, 36,000 fixed: 48,000 - 12,000 - 39,000 = -3,000
	// a month: -136,000.
	var names, npvs []string
	for _, r := range res {
		names = append(names, r.Name)
		npvs = append(npvs, r.Forecast.NPV.String())
	}
	if diff := cmp.Diff([]string{"base", "upside", "downside"}, names); diff != "" {
		t.Errorf("scenario names (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"200000.00 USD", "344000.00 USD", "-136000.00 USD"}, npvs); diff != "" {
		t.Errorf("scenario NPVs (-want +got):\n%s", diff)
	}
	table := ScenarioTable(res)
	for _, want := range []string{"NPV", "344000.00", "never", "payback (months)"} {
		if !strings.Contains(table, want) {
			t.Errorf("ScenarioTable lacks %q:\n%s", want, table)
		}
	}
	_, err = pe.Scenarios([]Scenario{{Name: "bad", Values: []AssumptionValue{{"headcount", partnerops.MustDecimal("1")}, {AssumptionChurnRate, partnerops.MustDecimal("150")}}}})
	if ves := partnerops.ValidationErrors(err); len(ves) != 2 || ves[0].Path != "scenarios[bad].values[headcount]" || ves[1].Path != "scenarios[bad].churn_rate" ||
		!errors.Is(err, ErrUnknownAssumption) || strings.Count(err.Error(), "economics: ") != 1 {
		t.Errorf("bad scenario errors = %v", err)
	}
}

func TestSensitivity(t *testing.T) {
	pe, _ := Compile(econFlatModel())
	in, err := pe.SensitivityRange([]Assumption{AssumptionCostPerPartner, AssumptionSourcedRevenue, AssumptionGrossMargin}, partnerops.MustPercent("10"))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := pe.Sensitivity(in)
	if err != nil {
		t.Fatal(err)
	}
	// ±10% of sourced revenue moves the monthly net by ±6,000 (swing
	// 144,000 over 12 months); of the gross margin by ±8,000 (192,000); of
	// the cost per partner by ±500 (12,000).
	var got []string
	for _, r := range tab.Rows {
		got = append(got, string(r.Assumption)+" "+r.Swing.String())
	}
	want := []string{"gross_margin 192000.00 USD", "sourced_revenue_per_partner 144000.00 USD", "cost_per_partner 12000.00 USD"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tornado rows (-want +got):\n%s", diff)
	}
	if !tab.BaseNPV.Equal(mapUSD("200000")) || !strings.Contains(tab.Text(), "gross_margin") {
		t.Errorf("sensitivity table:\n%s", tab.Text())
	}
	if _, err := pe.SensitivityRange([]Assumption{"nope"}, partnerops.MustPercent("10")); !errors.Is(err, ErrUnknownAssumption) {
		t.Errorf("SensitivityRange(nope) error = %v", err)
	}
}

func TestMonteCarloDeterministic(t *testing.T) {
	pe, _ := Compile(econFlatModel())
	ranges := []MonteCarloRange{
		{AssumptionSourcedRevenue, partnerops.MustDecimal("6000"), partnerops.MustDecimal("14000")},
		{AssumptionChurnRate, partnerops.MustDecimal("0"), partnerops.MustDecimal("5")},
	}
	run := func() MonteCarloResult {
		r, err := pe.MonteCarlo(ranges, 200, rand.New(rand.NewPCG(7, 11)))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b := run(), run()
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different results (-first +second):\n%s", diff)
	}
	ord := []partnerops.Money{a.Min, a.P10, a.P50, a.P90, a.Max}
	for i := 1; i < len(ord); i++ {
		if c, _ := ord[i-1].Cmp(ord[i]); c > 0 {
			t.Errorf("quantiles out of order: %v", ord)
		}
	}
	if a.Runs != 200 || a.Invalid != 0 || a.PositiveNPV.Cmp(partnerops.MustPercent("50")) < 0 {
		t.Errorf("Monte Carlo = %+v", a)
	}
	if _, err := pe.MonteCarlo(ranges, 0, nil); len(partnerops.ValidationErrors(err)) != 2 {
		t.Errorf("MonteCarlo(0 runs, nil rng) error = %v", err)
	}
}

func TestProgramModelJSON(t *testing.T) {
	m := econFlatModel()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Definition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(b), `"sourced_revenue_per_partner":{"amount":"10000","currency":"USD"}`) {
		t.Errorf("JSON = %s", b)
	}
}

// FuzzProgramModel decodes fuzzed JSON into a model; whatever compiles
// must forecast without panicking.
func FuzzProgramModel(f *testing.F) {
	seed, _ := json.Marshal(econFlatModel())
	f.Add(seed)
	f.Add([]byte(`{"currency":"USD","unit":"quarter","periods":4,"new_partners_per_period":"3","periods_to_first_deal":2,"ramp_periods":3,"churn_rate":"5","sourced_revenue_per_partner":{"amount":"1e5","currency":"USD"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Definition
		if json.Unmarshal(b, &m) != nil {
			return
		}
		if m.Periods > 48 {
			return // keep each run short
		}
		pe, err := Compile(m)
		if err != nil {
			return
		}
		f := pe.Forecast()
		if len(f.Periods) != m.Periods {
			t.Fatalf("forecast has %d periods, want %d", len(f.Periods), m.Periods)
		}
	})
}

// BenchmarkForecast: 36 monthly periods with a ramp; no issue target.
func BenchmarkForecast(b *testing.B) {
	m := econFlatModel()
	m.Periods, m.NewPartnersPerPeriod, m.PeriodsToFirstDeal, m.RampPeriods = 36, partnerops.DecimalFromInt(3), 3, 6
	m.ChurnRate = partnerops.MustPercent("2")
	pe, err := Compile(m)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = pe.Forecast()
	}
}

func TestForecastRender(t *testing.T) {
	pe, _ := Compile(econFlatModel())
	f := pe.Forecast()
	text := f.Text()
	for _, want := range []string{"M1", "25000", "-75000", "NPV 200000.00 USD, ROI 26.32%, payback 4.00 periods, IRR 22.89% a period", "break-even at 6 productive partners"} {
		if !strings.Contains(text, want) {
			t.Errorf("Text() lacks %q:\n%s", want, text)
		}
	}
	md := f.Markdown()
	if !strings.Contains(md, "| M12 | 10.0 | 10.0 | 100000 | 80000 | 20000 | 35000 | 25000 | 200000 |") || !strings.Contains(md, "|---|---:|") {
		t.Errorf("Markdown() =\n%s", md)
	}
	m := econFlatModel()
	m.Unit, m.SourcedRevenuePerPartner = partnerops.UnitQuarter, mapUSD("100")
	pe, _ = Compile(m)
	if text := pe.Forecast().Text(); !strings.Contains(text, "Q1") || !strings.Contains(text, "no payback") || !strings.Contains(text, "no IRR") {
		t.Errorf("losing quarterly Text() =\n%s", text)
	}
}
