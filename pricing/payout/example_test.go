package payout_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
)

func date(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func deal(id, d, amount string) payout.Transaction {
	return payout.Transaction{ID: payout.TransactionID(id), Date: date(d), Amount: partnerops.MustMoney(amount, partnerops.USD)}
}

// A plan is JSON the host keeps; ParsePlan decodes it strictly.
func ExampleParsePlan() {
	_, err := payout.ParsePlan([]byte(`{"id": "reseller-2026", "currency": "USD", "period": "quarter",
		"components": [{"id": "base", "kind": "commission", "filter": {"business": ["new"]},
			"table": {"mode": "flat", "tiers": [{"from": "0", "rate": 8}]}}]}`))
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// components[base].filter: unknown field; did you mean "when"?
	// components[base].table.tiers[0].rate: decoding percent 8: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
}

// Compile validates everything once and returns an engine, with
// warnings for what is valid but probably not meant.
func ExampleCompile() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "reseller-2026", "currency": "USD", "period": "quarter",
		"components": [{"id": "base", "kind": "commission",
			"table": {"mode": "flat", "tiers": [{"from": "0", "rate": "0.08"}]}}]}`))
	e, err := payout.Compile(plan)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range e.Warnings() {
		fmt.Println(w)
	}
	_, err = payout.Compile(payout.Plan{ID: "broken", Currency: "USD", Period: partnerops.UnitMonth})
	fmt.Println(err)
	// Output:
	// components[base].table.tiers[0].rate: a percent between 0 and 1 is read in percent units (0.08%); write 8% for a fraction of 0.08 (got "0.08%")
	// payout: compiling plan "broken": components: must have at least one component
}

// QuotaPath's "commission with accelerators and decelerators": half the
// base rate below 50% of quota, the base rate retroactive on everything
// once 50% is reached, and a higher rate on the amount above quota only.
func ExampleEngine_Statement() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "ae-2026", "currency": "USD", "period": "quarter",
		"components": [{"id": "base", "kind": "commission", "quota": "100000",
			"table": {"mode": "marginal", "basis": "attainment", "tiers": [
				{"id": "decelerator", "from": "0", "rate": "5"},
				{"id": "base", "from": "50", "rate": "10", "retroactive": true},
				{"id": "accelerator", "from": "100", "rate": "20"}]}}]}`))
	e, _ := payout.Compile(plan)
	s, err := e.Statement(payout.Request{Payee: "acme", At: date("2026-02-01"), Transactions: []payout.Transaction{
		deal("T-1", "2026-01-10", "30000.00"), deal("T-2", "2026-02-10", "40000.00"), deal("T-3", "2026-03-10", "50000.00"),
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(s.Text())
	// Output:
	// Statement ae-2026 for acme, FY2026-Q1 (2026-01-01..2026-04-01 (quarter)), USD
	//
	// Component base (commission on revenue, cumulative): credited 120000.00 of quota 100000.00 (120.00%), tier 3 "accelerator", effective rate 11.6667%
	//   2026-01-10  T-1 credited 30000.00 (cumulative 30000.00): tier 1 "decelerator" at 5%         1500.00
	//   2026-02-10  T-2 credited 40000.00 (cumulative 70000.00): tier 2 "base" at 10%               5500.00
	//   2026-03-10  T-3 credited 50000.00 (cumulative 120000.00): tier 3 "accelerator" at 20%        7000.00
	//   earned 14000.00
	//
	// Subtotal: 14000.00
	// Total: 14000.00 USD
}

// Statements evaluates many payees in input order. A split transaction
// is divided with Money.Allocate, so the shares sum exactly.
func ExampleEngine_Statements() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "referral", "currency": "USD", "period": "month",
		"components": [{"id": "fee", "kind": "commission", "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}}]}`))
	e, _ := payout.Compile(plan)
	shared := deal("D-9", "2026-03-03", "1000.00")
	shared.Credits = []payout.Credit{{Payee: "a", Weight: partnerops.MustDecimal("2")}, {Payee: "b", Weight: partnerops.MustDecimal("1")}}
	ss, _ := e.Statements([]payout.Request{
		{Payee: "a", At: date("2026-03-01"), Transactions: []payout.Transaction{shared}},
		{Payee: "b", At: date("2026-03-01"), Transactions: []payout.Transaction{shared}},
	})
	for _, s := range ss {
		l := s.Components[0].Lines[0]
		fmt.Println(s.Payee, l.Share, l.Credited, s.Total)
	}
	// Output:
	// a 66.67% 666.67 66.67 USD
	// b 33.33% 333.33 33.33 USD
}

// The statement renders to Markdown for a partner portal.
func ExampleStatement_Markdown() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "spiff-lite", "currency": "USD", "period": "month",
		"components": [{"id": "logo", "kind": "bonus", "name": "New logo", "amount": "500.00", "when": {"new_logo": true}}]}`))
	e, _ := payout.Compile(plan)
	d := deal("D-1", "2026-04-02", "9000.00")
	d.NewLogo = true
	s, _ := e.Statement(payout.Request{Payee: "acme", At: date("2026-04-01"), Transactions: []payout.Transaction{d, deal("D-2", "2026-04-03", "100.00")}})
	fmt.Print(s.Markdown())
	// Output:
	// ### Statement spiff-lite for acme, 2026-04
	//
	// Period 2026-04-01..2026-05-01 (month), amounts in USD.
	//
	// #### Component logo "New logo" (bonus)
	//
	// | Date | Line | Amount |
	// |---|---|---|
	// | 2026-04-02 | D-1: bonus per qualifying transaction | 500.00 |
	// |  | **earned** | **500.00** |
	//
	// | Summary | Amount |
	// |---|---|
	// | Subtotal | 500.00 |
	// | **Total** | **500.00** |
	//
	// Skipped transactions:
	//
	// - D-2 (2026-04-03): no component counts it
}

// Oracle Incentive Compensation's three split options on the same rate
// table, each transaction evaluated on its own (Oracle's worked
// examples: 164 USD split fixed, 149 USD split interpolated). The
// vendors' names decode to the package's: split_fixed is marginal,
// split_interpolated is interpolated.
func Example_splitOptions() {
	txs := []payout.Transaction{deal("T1", "2015-01-01", "200"), deal("T2", "2015-01-02", "300"), deal("T3", "2015-01-15", "1500"),
		deal("T4", "2015-02-01", "1200"), deal("T5", "2015-02-15", "2000"), deal("T6", "2015-03-01", "4500")}
	for _, table := range []string{
		`{"mode": "flat", "tiers": [{"from": "0", "rate": "1"}, {"from": "1000", "rate": "2"}, {"from": "3000", "rate": "3"}, {"from": "8000", "rate": "5"}]}`,
		`{"mode": "split_fixed", "tiers": [{"from": "0", "rate": "1"}, {"from": "1000", "rate": "2"}, {"from": "3000", "rate": "3"}, {"from": "8000", "rate": "5"}]}`,
		`{"mode": "split_interpolated", "tiers": [{"from": "0", "amount": "10"}, {"from": "1000", "amount": "40"}, {"from": "3000", "amount": "100"}, {"from": "8000", "to": "20000", "amount": "2000"}]}`,
	} {
		plan, _ := payout.ParsePlan([]byte(`{"id": "oic", "currency": "USD", "period": "quarter", "components": [
			{"id": "c", "kind": "commission", "evaluation": "per_transaction", "table": ` + table + `}]}`))
		e, _ := payout.Compile(plan)
		s, _ := e.Statement(payout.Request{Payee: "rep", At: date("2015-01-01"), Transactions: txs})
		fmt.Print(plan.Components[0].Table.Mode, ":")
		for _, l := range s.Components[0].Lines {
			fmt.Print(" ", l.Amount.Amount())
		}
		fmt.Println(" =", s.Total.Amount())
	}
	// Output:
	// flat: 2.00 3.00 30.00 24.00 40.00 135.00 = 234.00
	// marginal: 2.00 3.00 20.00 14.00 30.00 95.00 = 164.00
	// interpolated: 2.00 3.00 20.00 14.00 30.00 80.00 = 149.00
}

// An accelerator gated on year-to-date attainment (a gate, in Xactly's
// and QuotaPath's words): the gated tier pays the base rate while the
// gate is shut, and the difference is trued up in the quarter it opens.
func Example_gateWithTrueUp() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "gated", "currency": "USD", "period": "quarter", "components": [{
		"id": "c", "kind": "commission", "quota": "100000",
		"gate": {"window": "year", "at_least": "50", "quota": "400000"},
		"table": {"mode": "marginal", "basis": "attainment", "tiers": [
			{"id": "base", "from": "0", "rate": "10"}, {"id": "accelerator", "from": "100", "rate": "20", "gated": true}]}}]}`))
	e, _ := payout.Compile(plan)
	txs := []payout.Transaction{deal("Q1-deal", "2026-02-01", "150000"), deal("Q2-deal", "2026-05-01", "120000")}
	for _, at := range []string{"2026-02-01", "2026-05-01"} {
		s, _ := e.Statement(payout.Request{Payee: "rep", At: date(at), Transactions: txs})
		c := s.Components[0]
		fmt.Println(s.Label, c.Gate.Attainment, "of the annual quota, gate open:", c.Gate.Open)
		for _, l := range c.Lines {
			fmt.Printf("  %s  %s\n", l.Amount.Amount(), l.Explain())
		}
	}
	// Output:
	// FY2026-Q1 37.50% of the annual quota, gate open: false
	//   15000.00  Q1-deal credited 150000.00 (cumulative 150000.00): tier 2 "accelerator" at 10% (gated tier: the nearest lower tier's rate while the gate is closed)
	// FY2026-Q2 67.50% of the annual quota, gate open: true
	//   14000.00  Q2-deal credited 120000.00 (cumulative 120000.00): tier 2 "accelerator" at 20%
	//   5000.00  true-up for FY2026-Q1: earnings the gate withheld, paid now it is open
}

// A deal that churns within the clawback window is reversed, prorated by
// the whole months it stayed, as a negative line in the quarter it
// churns.
func Example_clawback() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "msp", "currency": "USD", "period": "quarter", "components": [
		{"id": "c", "kind": "commission", "clawback": {"months": 12, "prorate": true},
		 "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}}]}`))
	e, _ := payout.Compile(plan)
	txs := []payout.Transaction{deal("D-1", "2026-01-15", "12000.00")}
	s, _ := e.Statement(payout.Request{Payee: "msp-1", At: date("2026-04-20"), Transactions: txs,
		Clawbacks: []payout.Clawback{{ID: "churn-1", Transaction: "D-1", Date: date("2026-04-20"), Reason: payout.ReasonChurn}}})
	l := s.Components[0].Lines[0]
	fmt.Println(l.Amount.Amount(), l.Explain())
	// Output:
	// -900.00 clawback of D-1 (churn): 75% of 1200.00 paid in FY2026-Q1
}

// Caps, a floor and a recoverable draw adjust the period's total, in that
// order; the draw balance carries from one statement to the next.
func Example_drawAndCaps() {
	plan, _ := payout.ParsePlan([]byte(`{"id": "new-rep", "currency": "USD", "period": "month", "target_incentive": "5000.00",
		"components": [{"id": "c", "kind": "commission", "cap": {"multiple_of_target": "2"},
			"table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}}],
		"draw": "3000.00"}`))
	e, _ := payout.Compile(plan)
	balance := partnerops.Money{}
	for _, m := range []struct{ at, amount string }{{"2026-01-01", "12000.00"}, {"2026-02-01", "45000.00"}, {"2026-03-01", "150000.00"}} {
		s, _ := e.Statement(payout.Request{Payee: "rep", At: date(m.at), DrawBalance: balance,
			Transactions: []payout.Transaction{deal("D-"+m.at, m.at, m.amount)}})
		fmt.Printf("%s earned %s, paid %s, draw outstanding %s\n", s.Label, s.Subtotal.Amount(), s.Total.Amount(), s.DrawBalance.Amount())
		balance = s.DrawBalance
	}
	// Output:
	// 2026-01 earned 1200.00, paid 3000.00, draw outstanding 1800.00
	// 2026-02 earned 4500.00, paid 3000.00, draw outstanding 300.00
	// 2026-03 earned 10000.00, paid 9700.00, draw outstanding 0.00
}

// A new partner's ramp: the stage is the value a host passes to a pricing
// rule condition ("ramp stage is ramp-1"), with its extra margin.
func ExampleRamp_Stage() {
	def, _ := payout.ParseRamp([]byte(`{"id": "new-partner", "currency": "USD", "until_deals": 10,
		"stages": [{"id": "ramp-1", "months": 3, "extra_margin": "5", "bonus_rate": "3"},
		           {"id": "ramp-2", "months": 3, "extra_margin": "2"}]}`))
	r, _ := payout.CompileRamp(def)
	start := date("2026-01-15")
	for _, at := range []string{"2026-02-01", "2026-05-01", "2026-08-01"} {
		st, _ := r.Stage(start, date(at), payout.Progress{Deals: 2})
		fmt.Println(at, st)
	}
	st, _ := r.Stage(start, date("2026-02-01"), payout.Progress{Deals: 10})
	fmt.Println("after 10 deals:", st)
	// Output:
	// 2026-02-01 stage ramp-1 until 2026-04-15: +5% margin, 3% bonus
	// 2026-05-01 stage ramp-2 until 2026-07-15: +2% margin, 0% bonus
	// 2026-08-01 not ramping: schedule ended
	// after 10 deals: not ramping: deal count reached
}

// Volume and growth rebates accrue per period and are payable after it
// closes.
func ExampleRebateEngine_Accrue() {
	def, _ := payout.ParseRebate([]byte(`{"id": "growth-2026", "kind": "growth", "currency": "USD", "period": "quarter", "pay_after_days": 45,
		"table": {"mode": "retroactive", "tiers": [{"from": "0", "rate": "1"}, {"from": "15", "rate": "3"}]}}`))
	r, _ := payout.CompileRebate(def)
	rb, _ := r.Accrue("acme", date("2026-02-01"), []payout.Purchase{
		{ID: "ly", Date: date("2025-02-10"), Amount: partnerops.MustMoney("200000", partnerops.USD)},
		{ID: "a", Date: date("2026-01-20"), Amount: partnerops.MustMoney("150000", partnerops.USD)},
		{ID: "b", Date: date("2026-03-05"), Amount: partnerops.MustMoney("90000", partnerops.USD)},
	})
	fmt.Println(rb.String())
	// Output:
	// acme FY2026-Q1 growth rebate: 7200.00 USD on 240000.00 (tier 2, growth 20.00%), payable 2026-05-16
}

// SPIFs pay per unit or per deal within their window, up to a cap per
// partner.
func ExampleSPIFEngine_Earn() {
	def, _ := payout.ParseSPIFs([]byte(`{"id": "q1-push", "currency": "USD", "spifs": [
		{"id": "edr-units", "from": "2026-01-01", "until": "2026-04-01", "skus": ["EDR-100"], "per_unit": "20.00", "cap_per_partner": "1000.00"},
		{"id": "security-deals", "from": "2026-02-01", "until": "2026-03-01", "families": ["security"], "per_deal": "250.00"}]}`))
	s, _ := payout.CompileSPIFs(def)
	res, _ := s.Earn("acme", []payout.Sale{
		{ID: "L1", Deal: "D1", Date: date("2026-02-03"), SKU: "EDR-100", Family: "security", Units: partnerops.MustDecimal("40")},
		{ID: "L2", Deal: "D2", Date: date("2026-02-20"), SKU: "EDR-100", Family: "security", Units: partnerops.MustDecimal("25")},
		{ID: "L3", Deal: "D3", Date: date("2026-04-02"), SKU: "EDR-100", Family: "security", Units: partnerops.MustDecimal("5")},
	})
	fmt.Print(res.Text())
	// Output:
	// SPIFs q1-push for acme (USD)
	//   2026-02-03  edr-units        L1         paid                  800.00
	//   2026-02-20  edr-units        L2         paid                  200.00
	//   2026-04-02  edr-units        L3         outside_window          0.00
	//   2026-02-03  security-deals   L1         paid                  250.00
	//   2026-02-20  security-deals   L2         paid                  250.00
	//   2026-04-02  security-deals   L3         outside_window          0.00
	//   edr-units: 1000.00 (capped)
	//   security-deals: 500.00
	// Total: 1500.00 USD
}

// An MDF fund: accruals at each quarter's end, a partially approved
// claim, expiry of what was not spent, and a claim over balance refused
// with the balance in the error.
func ExampleFundEngine_Ledger() {
	def, _ := payout.ParseFund([]byte(`{"id": "mdf", "currency": "USD", "period": "quarter", "rate": "2",
		"allocations": {"gold": "1000.00"}, "cap_per_period": "5000.00", "expires_after": 2}`))
	f, _ := payout.CompileFund(def)
	led, err := f.Ledger(payout.FundActivity{Partner: "acme",
		Revenue: []payout.Revenue{{ID: "q1", Date: date("2026-02-15"), Amount: partnerops.MustMoney("100000", partnerops.USD)}},
		Tiers:   []payout.TierSince{{From: date("2026-01-01"), Tier: "gold"}},
		Claims: []payout.Claim{{ID: "webinar", Submitted: date("2026-05-01"), Requested: partnerops.MustMoney("2000.00", partnerops.USD),
			Approved: partnerops.MustMoney("1500.00", partnerops.USD), Decided: date("2026-05-10")}},
	}, date("2026-10-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(led.Text())
	fmt.Println("balance on 2026-06-01:", led.BalanceAt(date("2026-06-01")).Amount())
	err = led.Check("trade-show", partnerops.MustMoney("5000.00", partnerops.USD))
	fmt.Println(errors.Is(err, payout.ErrInsufficientFunds), err)
	// Output:
	// Fund mdf for acme (USD), as of 2026-10-01
	//   2026-04-01  accrual  FY2026-Q1               3000.00        3000.00
	//   2026-05-10  claim    webinar                -1500.00        1500.00
	//   2026-07-01  accrual  FY2026-Q2               1000.00        2500.00
	//   2026-10-01  expiry   FY2026-Q1              -1500.00        1000.00
	//   2026-10-01  accrual  FY2026-Q3               1000.00        2000.00
	// Balance: 2000.00 USD
	// balance on 2026-06-01: 1500.00
	// true payout: fund "mdf": claim "trade-show" for 5000.00 USD exceeds the balance 2000.00 USD at 2026-10-01T00:00:00Z: insufficient funds
}
