package payout_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/pricing/payout"
)

// benchPlan is a realistic plan: a quota-relative commission with a
// decelerator, a retroactive base and an accelerator, capped at twice
// the target, and a new-logo bonus.
const benchPlan = `{"id": "bench", "currency": "USD", "period": "quarter", "target_incentive": "25000.00",
	"components": [
		{"id": "base", "kind": "commission", "quota": "1000000", "cap": {"multiple_of_target": "2"},
		 "table": {"mode": "marginal", "basis": "attainment", "tiers": [
			{"from": "0", "rate": "4"}, {"from": "50", "rate": "8", "retroactive": true},
			{"from": "100", "rate": "12"}, {"from": "150", "rate": "15"}]}},
		{"id": "logo", "kind": "bonus", "amount": "250.00", "when": {"new_logo": true}}]}`

func benchTxs(n int, quarterStart time.Time, seed int) []payout.Transaction {
	txs := make([]payout.Transaction, n)
	span := 89 * 24 * time.Hour
	for i := range txs {
		cents := int64(100_000 + (i*7919+seed*104729)%2_000_000)
		txs[i] = payout.Transaction{
			ID:      payout.TransactionID(fmt.Sprintf("T%06d", i)),
			Date:    quarterStart.Add(time.Duration(i) * (span / time.Duration(n))),
			Amount:  partnerops.MustMoney(partnerops.NewDecimal(cents, -2).String(), partnerops.USD),
			NewLogo: i%10 == 0,
		}
	}
	return txs
}

// BenchmarkStatement10k: one payee's period statement with 10,000
// transactions. Target: under 5 ms.
func BenchmarkStatement10k(b *testing.B) {
	e := mustPlan(b, benchPlan)
	req := payout.Request{Payee: "p", At: day("2026-01-01"), Transactions: benchTxs(10_000, day("2026-01-01"), 1)}
	b.ReportAllocs()
	c0 := measure.CPUTime()
	for b.Loop() {
		if _, err := e.Statement(req); err != nil {
			b.Fatal(err)
		}
	}
	measure.ReportCPU(b, c0)
}

// BenchmarkPayees100k: 100,000 payees × 20 transactions each, on one
// goroutine. Target: under 2 s per op.
func BenchmarkPayees100k(b *testing.B) {
	e := mustPlan(b, benchPlan)
	const payees = 100_000
	reqs := make([]payout.Request, payees)
	for i := range reqs {
		reqs[i] = payout.Request{Payee: payout.PayeeID(fmt.Sprint("p", i)), At: day("2026-01-01"), Transactions: benchTxs(20, day("2026-01-01"), i)}
	}
	b.ReportAllocs()
	c0 := measure.CPUTime()
	for b.Loop() {
		for i := range reqs {
			if _, err := e.Statement(reqs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	measure.ReportCPU(b, c0)
}

// BenchmarkStatementText renders the 10,000-transaction statement.
func BenchmarkStatementText(b *testing.B) {
	e := mustPlan(b, benchPlan)
	s, err := e.Statement(payout.Request{Payee: "p", At: day("2026-01-01"), Transactions: benchTxs(10_000, day("2026-01-01"), 1)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Text()
	}
}
