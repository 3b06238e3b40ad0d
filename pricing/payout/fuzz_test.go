package payout_test

import (
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/pricing/payout"
)

const samplePlan = `{"id": "ae", "currency": "USD", "period": "quarter", "target_incentive": "10000.00", "rounding": "half_even",
	"measures": [{"id": "arr", "unit": "money"}],
	"components": [
		{"id": "base", "kind": "commission", "quota": "100000", "when": {"business": ["new"]},
		 "gate": {"window": "year", "at_least": "100"}, "cap": {"multiple_of_target": "2"}, "clawback": {"months": 12, "prorate": true},
		 "table": {"mode": "split_fixed", "basis": "attainment", "tiers": [
			{"id": "d", "from": "0", "rate": "5"}, {"id": "b", "from": "50", "rate": "10", "retroactive": true},
			{"id": "a", "from": "100", "rate": "15", "gated": true}]}},
		{"id": "renewal", "kind": "commission", "measure": "arr", "when": {"business": ["renewal"]}, "evaluation": "per_transaction",
		 "table": {"mode": "interpolated", "tiers": [{"from": "0", "amount": "100.00"}, {"from": "1000", "to": "5000", "amount": "400.00"}]}},
		{"id": "ot", "kind": "earnings_table", "quota": "100000", "weight": "20",
		 "curve": {"points": [{"attainment": "0", "payout": "0"}, {"attainment": "100", "payout": "100"}], "extend": true}},
		{"id": "logo", "kind": "bonus", "amount": "500.00", "when": {"new_logo": true}},
		{"id": "nrr", "kind": "retention", "metric": "nrr", "table": {"mode": "flat", "tiers": [{"from": "100", "amount": "1000.00"}]}},
		{"id": "ramp", "kind": "ramp", "ramp": {"id": "r", "stages": [{"id": "ramp-1", "months": 3, "bonus_rate": "2"}]}}],
	"cap": {"amount": "50000.00"}, "floor": "1000.00", "draw": "2000.00"}`

func FuzzParsePlan(f *testing.F) {
	f.Add([]byte(samplePlan))
	f.Add([]byte(`{"id":"p","currency":"USD","period":"month","components":[{"id":"c","kind":"commission","table":{"mode":"flat","tiers":[{"from":"1e20","rate":"1e-9"}]}}]}`))
	f.Add([]byte(`{"id":"p","currency":"JPY","period":"year","components":[{"id":"c","kind":"earnings_table","curve":{"points":[]}}]}`))
	f.Add([]byte(`{"id":"p","currency":"USD","period":"month","floor":{"amount":"0","currency":"EUR"},"components":[{"id":"c","kind":"commission","table":{"mode":"flat","tiers":[{"from":"0","rate":"1"}]}}]}`)) // a zero JSON leaves out
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := payout.ParsePlan(data)
		if err != nil {
			return
		}
		back := roundtrip.Copy(t, p, payout.ParsePlan)
		roundtrip.Same(t, p, back, func(p payout.Plan) (any, error) {
			e, err := payout.Compile(p)
			if err != nil {
				return nil, err
			}
			tr := payout.Transaction{ID: "t", Date: day("2026-02-01"), Amount: usd("1234.56"), ACV: usd("1000"), Units: dec("3"),
				Measures: map[payout.Measure]partnerops.Decimal{"arr": dec("10")}, NewLogo: true}
			s, err := e.Statement(payout.Request{Payee: "p", At: day("2026-02-01"), Start: day("2026-01-01"), Transactions: []payout.Transaction{tr},
				Book: &payout.Book{Start: usd("100")}, Clawbacks: []payout.Clawback{{ID: "c", Transaction: "t", Date: day("2026-02-02"), Reason: payout.ReasonChurn}}})
			return s, err
		})
	})
}

func FuzzParseRamp(f *testing.F) {
	f.Add([]byte(`{"id": "r", "currency": "USD", "until_deals": 3, "until_amount": "1000.00",
		"stages": [{"id": "a", "months": 2, "extra_margin": "5", "bonus_rate": "1"}], "fast_start": {"within_days": 30, "amount": "50.00"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := payout.ParseRamp(data)
		if err != nil {
			return
		}
		back := roundtrip.Copy(t, r, payout.ParseRamp)
		roundtrip.Same(t, r, back, func(r payout.RampSchedule) (any, error) {
			c, err := payout.CompileRamp(r)
			if err != nil {
				return nil, err
			}
			return c.Stage(day("2026-01-31"), day("2026-03-01"), payout.Progress{Deals: 1})
		})
	})
}

func FuzzParseRebate(f *testing.F) {
	f.Add([]byte(`{"id": "g", "kind": "growth", "currency": "USD", "period": "quarter", "pay_after_days": 30, "families": ["x"],
		"table": {"mode": "marginal", "tiers": [{"from": "0", "rate": "2"}, {"from": "20", "rate": "5"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := payout.ParseRebate(data)
		if err != nil {
			return
		}
		back := roundtrip.Copy(t, r, payout.ParseRebate)
		roundtrip.Same(t, r, back, func(r payout.RebateProgram) (any, error) {
			c, err := payout.CompileRebate(r)
			if err != nil {
				return nil, err
			}
			return c.Accrue("p", day("2026-02-01"), []payout.Purchase{{ID: "a", Date: day("2026-02-01"), Amount: usd("100"), Family: "x"},
				{ID: "b", Date: day("2025-02-01"), Amount: usd("50"), Family: "x"}})
		})
	})
}

func FuzzParseSPIFs(f *testing.F) {
	f.Add([]byte(`{"id": "s", "currency": "USD", "spifs": [{"id": "a", "from": "2026-01-01", "until": "2026-02-01", "skus": ["X"], "per_unit": "5.00", "cap_per_partner": "20.00"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := payout.ParseSPIFs(data)
		if err != nil {
			return
		}
		back := roundtrip.Copy(t, p, payout.ParseSPIFs)
		roundtrip.Same(t, p, back, func(p payout.SPIFProgram) (any, error) {
			c, err := payout.CompileSPIFs(p)
			if err != nil {
				return nil, err
			}
			return c.Earn("p", []payout.Sale{{ID: "1", Date: day("2026-01-10"), SKU: "X", Units: dec("7")}})
		})
	})
}

func FuzzParseFund(f *testing.F) {
	f.Add([]byte(`{"id": "m", "currency": "USD", "period": "quarter", "rate": "2", "allocations": {"gold": "100.00"},
		"cap_per_period": "500.00", "max_balance": "900.00", "expires_after": 2, "pre_approval": true}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := payout.ParseFund(data)
		if err != nil {
			return
		}
		back := roundtrip.Copy(t, p, payout.ParseFund)
		activity := payout.FundActivity{Partner: "p", Revenue: []payout.Revenue{{ID: "r", Date: day("2026-01-05"), Amount: usd("1000")}},
			Tiers:  []payout.TierSince{{From: day("2026-01-01"), Tier: "gold"}},
			Claims: []payout.Claim{{ID: "c", Submitted: day("2026-05-01"), Requested: usd("10"), Approved: usd("10"), Decided: day("2026-05-02"), PreApproved: usd("10"), PreApprovedAt: day("2026-04-01")}}}
		roundtrip.Same(t, p, back, func(p payout.Fund) (any, error) {
			c, err := payout.CompileFund(p)
			if err != nil {
				return nil, err
			}
			return c.Ledger(activity, day("2027-01-01"))
		})
		c, err := payout.CompileFund(p)
		if err != nil {
			return
		}
		led, err := c.Ledger(payout.FundActivity{Partner: "p", Revenue: []payout.Revenue{{ID: "r", Date: day("2026-01-05"), Amount: usd("1000")}},
			Tiers:  []payout.TierSince{{From: day("2026-01-01"), Tier: "gold"}},
			Claims: []payout.Claim{{ID: "c", Submitted: day("2026-05-01"), Requested: usd("10"), Approved: usd("10"), Decided: day("2026-05-02"), PreApproved: usd("10"), PreApprovedAt: day("2026-04-01")}}},
			day("2027-01-01"))
		if err == nil {
			for _, e := range led.Entries {
				if e.Balance.IsNegative() {
					t.Fatalf("negative balance: %+v", e)
				}
			}
		}
	})
}

// The sample plan of the fuzz corpus compiles and evaluates.
func TestSamplePlan(t *testing.T) {
	e := mustPlan(t, samplePlan)
	tr := payout.Transaction{ID: "t", Date: day("2026-02-01"), Amount: usd("1234.56"), Business: partnerops.BusinessNew, NewLogo: true}
	s, err := e.Statement(payout.Request{Payee: "p", At: day("2026-02-01"), Start: day("2026-01-01"), Transactions: []payout.Transaction{tr},
		Book: &payout.Book{Start: usd("100")}, TargetIncentive: usd("12000.00")})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Components) != 6 {
		t.Fatalf("components = %d", len(s.Components))
	}
}
