package payout_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/pricing/payout"
)

// growth fails t when setup(8n)'s call takes more than 16 times as long
// as setup(n)'s in CPU time ([measure.Linear]): linear or n log n work
// takes 8 to 11 times, quadratic work 64.
func growth(t *testing.T, name string, n int, setup func(n int) func()) {
	t.Helper()
	measure.Linear(t, name, n, setup, 16)
}

func growthTxs(n int) []payout.Transaction {
	txs := benchTxs(n, day("2026-01-01"), 3)
	for i := range txs {
		if i%7 == 0 {
			txs[i].Credits = []payout.Credit{{Payee: "p", Weight: dec("2")}, {Payee: "q", Weight: dec("1")}}
		}
	}
	// Out of order, to include the sort.
	for i := 0; i+1 < len(txs); i += 2 {
		txs[i], txs[i+1] = txs[i+1], txs[i]
	}
	return txs
}

const growthPlan = `{"id": "g", "currency": "USD", "period": "quarter", "target_incentive": "25000.00", "components": [
	{"id": "base", "kind": "commission", "quota": "1000000", "cap": {"multiple_of_target": "2"}, "clawback": {"months": 12},
	 "gate": {"window": "year", "at_least": "20"},
	 "table": {"mode": "marginal", "basis": "attainment", "tiers": [
		{"from": "0", "rate": "4"}, {"from": "50", "rate": "8", "retroactive": true}, {"from": "100", "rate": "12", "gated": true}]}},
	{"id": "ot", "kind": "earnings_table", "quota": "1000000", "weight": "20",
	 "curve": {"points": [{"attainment": "0", "payout": "0"}, {"attainment": "100", "payout": "100"}]}},
	{"id": "logo", "kind": "bonus", "amount": "250.00", "when": {"new_logo": true}}]}`

func TestGrowthStatement(t *testing.T) {
	e := mustPlan(t, growthPlan)
	growth(t, "Statement", 1000, func(n int) func() {
		txs := growthTxs(n)
		var cbs []payout.Clawback
		for i := 0; i < n/50; i++ {
			cbs = append(cbs, payout.Clawback{ID: fmt.Sprint("c", i), Transaction: txs[i*10].ID, Date: day("2026-03-31"), Reason: payout.ReasonRefund})
		}
		req := payout.Request{Payee: "p", At: day("2026-02-01"), Transactions: txs, Clawbacks: cbs}
		return func() {
			if _, err := e.Statement(req); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestGrowthStatements(t *testing.T) {
	e := mustPlan(t, growthPlan)
	growth(t, "Statements", 200, func(n int) func() {
		reqs := make([]payout.Request, n)
		for i := range reqs {
			reqs[i] = payout.Request{Payee: "p", At: day("2026-02-01"), Transactions: benchTxs(10, day("2026-01-01"), i)}
		}
		return func() {
			if _, err := e.Statements(reqs); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestGrowthRenderers(t *testing.T) {
	e := mustPlan(t, growthPlan)
	statement := func(n int) payout.Statement {
		s, err := e.Statement(payout.Request{Payee: "p", At: day("2026-02-01"), Transactions: growthTxs(n)})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	growth(t, "Statement.Text", 1000, func(n int) func() {
		s := statement(n)
		return func() { _ = s.Text() }
	})
	growth(t, "Statement.Markdown", 1000, func(n int) func() {
		s := statement(n)
		return func() { _ = s.Markdown() }
	})
}

func TestGrowthFunds(t *testing.T) {
	sp, err := payout.CompileSPIFs(payout.SPIFProgram{ID: "s", Currency: partnerops.USD, SPIFs: []payout.SPIF{
		{ID: "u", From: day("2026-01-01"), Until: day("2027-01-01"), SKUs: []string{"A"}, PerUnit: usd("1.00"), CapPerPartner: usd("100000.00")},
		{ID: "d", From: day("2026-01-01"), Until: day("2027-01-01"), Families: []string{"f"}, PerDeal: usd("5.00")}}})
	if err != nil {
		t.Fatal(err)
	}
	sales := func(n int) []payout.Sale {
		out := make([]payout.Sale, n)
		for i := range out {
			out[i] = payout.Sale{ID: fmt.Sprintf("s%06d", i), Deal: fmt.Sprint("d", i/3), Date: day("2026-01-01").Add(time.Duration(n-i) * time.Minute), SKU: "A", Family: "f", Units: dec("2")}
		}
		return out
	}
	growth(t, "SPIFEngine.Earn", 1000, func(n int) func() {
		s := sales(n)
		return func() { _, _ = sp.Earn("p", s) }
	})
	growth(t, "SPIFResult.Text", 1000, func(n int) func() {
		r, _ := sp.Earn("p", sales(n))
		return func() { _ = r.Text(); _ = r.Markdown() }
	})
	f, err := payout.CompileFund(payout.Fund{ID: "m", Currency: partnerops.USD, Period: partnerops.UnitMonth, Rate: pct("5"), ExpiresAfter: 3})
	if err != nil {
		t.Fatal(err)
	}
	activity := func(n int) payout.FundActivity {
		a := payout.FundActivity{Partner: "p"}
		for i := range n {
			d := day("2020-01-01").AddDate(0, 0, i)
			a.Revenue = append(a.Revenue, payout.Revenue{ID: fmt.Sprint("r", i), Date: d, Amount: usd("1000")})
			if i >= 40 && i%4 == 3 {
				a.Claims = append(a.Claims, payout.Claim{ID: fmt.Sprint("c", i), Submitted: d, Requested: usd("10.00"), Approved: usd("10.00"), Decided: d})
			}
		}
		return a
	}
	growth(t, "FundEngine.Ledger", 400, func(n int) func() {
		a := activity(n)
		return func() {
			if _, err := f.Ledger(a, day("2020-01-01").AddDate(0, 0, n)); err != nil {
				t.Fatal(err)
			}
		}
	})
	growth(t, "Ledger.Text", 400, func(n int) func() {
		l, _ := f.Ledger(activity(n), day("2020-01-01").AddDate(0, 0, n))
		return func() { _ = l.Text(); _ = l.Markdown() }
	})
	r, err := payout.CompileRebate(payout.RebateProgram{ID: "r", Kind: payout.RebateVolume, Currency: partnerops.USD, Period: partnerops.UnitYear,
		Table: payout.RateTable{Mode: payout.TierMarginal, Tiers: []payout.Tier{{Rate: pct("1")}, {From: dec("100000"), Rate: pct("2")}}}})
	if err != nil {
		t.Fatal(err)
	}
	growth(t, "RebateEngine.Accrue", 1000, func(n int) func() {
		ps := make([]payout.Purchase, n)
		for i := range ps {
			ps[i] = payout.Purchase{ID: fmt.Sprint(i), Date: day("2026-01-01").AddDate(0, 0, i%300), Amount: usd("100")}
		}
		return func() { _, _ = r.Accrue("p", day("2026-06-01"), ps) }
	})
}

// Every result type is lossless: decode(encode(r)) equals r.
func TestResultsRoundTrip(t *testing.T) {
	check := func(name string, v any, back any) {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Unmarshal(b, back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(v, deref(back)); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", name, diff)
		}
	}
	r, _ := payout.CompileRebate(payout.RebateProgram{ID: "r", Kind: payout.RebateGrowth, Currency: partnerops.USD, Period: partnerops.UnitQuarter,
		Table: payout.RateTable{Mode: payout.TierMarginal, Tiers: []payout.Tier{{Rate: pct("1")}, {From: dec("10"), Rate: pct("2")}}}})
	rb, err := r.Accrue("p", day("2026-02-01"), []payout.Purchase{{ID: "a", Date: day("2025-02-01"), Amount: usd("100")}, {ID: "b", Date: day("2026-02-01"), Amount: usd("150")}})
	if err != nil {
		t.Fatal(err)
	}
	check("Rebate", rb, new(payout.Rebate))
	sp, _ := payout.CompileSPIFs(payout.SPIFProgram{ID: "s", Currency: partnerops.USD, SPIFs: []payout.SPIF{
		{ID: "u", From: day("2026-01-01"), Until: day("2026-02-01"), SKUs: []string{"A"}, PerUnit: usd("1.50"), CapPerPartner: usd("2.00")}}})
	res, _ := sp.Earn("p", []payout.Sale{{ID: "1", Date: day("2026-01-02"), SKU: "A", Units: dec("3")}, {ID: "2", Date: day("2026-03-02"), SKU: "A", Units: dec("1")}})
	check("SPIFResult", res, new(payout.SPIFResult))
	if got := new(payout.SPIFResult); json.Unmarshal(mustJSON(res), got) != nil || got.Text() != res.Text() || got.Markdown() != res.Markdown() {
		t.Errorf("SPIFResult renders differently after a round trip")
	}
	f, _ := payout.CompileFund(payout.Fund{ID: "m", Currency: partnerops.USD, Period: partnerops.UnitMonth, Rate: pct("5"), CapPerPeriod: usd("30.00"), ExpiresAfter: 1})
	led, err := f.Ledger(payout.FundActivity{Partner: "p", Revenue: []payout.Revenue{{ID: "r", Date: day("2026-01-05"), Amount: usd("1000")}},
		Claims: []payout.Claim{{ID: "c", Submitted: day("2026-02-02"), Requested: usd("20.00"), Approved: usd("10.00"), Decided: day("2026-02-03")},
			{ID: "open", Submitted: day("2026-02-04"), Requested: usd("5.00")}}}, day("2026-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	check("Ledger", led, new(payout.Ledger))
	if got := new(payout.Ledger); json.Unmarshal(mustJSON(led), got) == nil && got.Text() != led.Text() {
		t.Errorf("Ledger renders differently after a round trip")
	}
	rp, _ := payout.CompileRamp(payout.RampSchedule{ID: "r", Currency: partnerops.USD, Stages: []payout.RampStage{{ID: "a", Months: 2, ExtraMargin: pct("3")}}})
	st, _ := rp.Stage(day("2026-01-01"), day("2026-01-15"), payout.Progress{})
	check("Stage", st, new(payout.Stage))
	if got := new(payout.Rebate); json.Unmarshal(mustJSON(rb), got) != nil || got.String() != rb.String() {
		t.Errorf("Rebate renders differently after a round trip")
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func deref(p any) any {
	switch v := p.(type) {
	case *payout.Rebate:
		return *v
	case *payout.SPIFResult:
		return *v
	case *payout.Ledger:
		return *v
	case *payout.Stage:
		return *v
	}
	return p
}
