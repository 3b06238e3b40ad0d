package bench

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
)

// The Money row of issue 20: add, multiply and round with partnerops.Money
// against raw shopspring decimals doing the same arithmetic. Target: at or
// under 1.02x.

var (
	moneyA = partnerops.MustMoney("1234.5678", partnerops.USD)
	moneyB = partnerops.MustMoney("99.99", partnerops.USD)
	factor = partnerops.MustDecimal("0.875")
	rawA   = decimal.RequireFromString("1234.5678")
	rawB   = decimal.RequireFromString("99.99")
	rawF   = decimal.RequireFromString("0.875")
	sinkM  partnerops.Money
	sinkD  decimal.Decimal
)

func moneyWork(a, b partnerops.Money, f partnerops.Decimal) partnerops.Money {
	s, _ := a.Add(b)
	return s.Mul(f).Round(partnerops.RoundHalfEven)
}

func rawWork(a, b, f decimal.Decimal) decimal.Decimal {
	return a.Add(b).Mul(f).RoundBank(2)
}

func TestMoneyPairAgrees(t *testing.T) {
	got := moneyWork(moneyA, moneyB, factor)
	want := rawWork(rawA, rawB, rawF)
	if got.Amount().String() != want.StringFixed(2) {
		t.Fatalf("Money %s, raw %s", got.Amount(), want.StringFixed(2))
	}
}

func BenchmarkMoneyAddMulRound(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkM = moneyWork(moneyA, moneyB, factor)
	}
}

func BenchmarkRawDecimalAddMulRound(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD = rawWork(rawA, rawB, rawF)
	}
}
