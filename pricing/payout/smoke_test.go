package payout_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
)

func TestSmoke(t *testing.T) {
	plan, err := payout.ParsePlan([]byte(`{
  "id": "ae-2026", "currency": "USD", "period": "quarter", "target_incentive": "10000.00",
  "components": [{
    "id": "base", "kind": "commission", "quota": "100000",
    "table": {"mode": "marginal", "basis": "attainment", "tiers": [
      {"id": "decel", "from": "0", "rate": "5"},
      {"id": "base", "from": "50", "rate": "10", "retroactive": true},
      {"id": "accel", "from": "100", "rate": "20"}]}
  }]}`))
	if err != nil {
		t.Fatal(err)
	}
	e, err := payout.Compile(plan)
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) time.Time { x, _ := time.Parse(time.DateOnly, s); return x }
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	st, err := e.Statement(payout.Request{Payee: "p-1", At: d("2026-02-01"), Transactions: []payout.Transaction{
		{ID: "T-1", Date: d("2026-01-10"), Amount: usd("30000")},
		{ID: "T-2", Date: d("2026-02-10"), Amount: usd("40000")},
		{ID: "T-3", Date: d("2026-03-10"), Amount: usd("50000")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(st.Text())
	fmt.Println(st.Markdown())
}
