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
	// The same on other amounts: signs, scales, ties, coefficients beyond
	// 64 bits.
	for _, tt := range [][3]string{
		{"-1234.5678", "99.99", "0.875"}, {"0.005", "0", "1"}, {"-0.015", "0.000", "1"},
		{"12345678901234567890.12", "1", "1000000"}, {"1", "2.5", "-0.333333333333333333"},
	} {
		a, b, f := partnerops.MustMoney(tt[0], partnerops.USD), partnerops.MustMoney(tt[1], partnerops.USD), partnerops.MustDecimal(tt[2])
		got := moneyWork(a, b, f).Amount().String()
		want := rawWork(decimal.RequireFromString(tt[0]), decimal.RequireFromString(tt[1]), decimal.RequireFromString(tt[2])).StringFixed(2)
		if got != want {
			t.Errorf("%v: Money %s, raw %s", tt, got, want)
		}
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

// BenchmarkMoneyPair runs both sides of the Money row alternately, 10,000
// add-multiply-rounds per call each, and reports the CPU time per
// operation of each (engine-cpu-ns/op for Money, base-cpu-ns/op for raw
// shopspring) and their ratio, which holds on a loaded machine where
// times do not. Target: ratio at or under 1.02.
func BenchmarkMoneyPair(b *testing.B) {
	const n = 10_000
	engine := func() {
		for range n {
			sinkM = moneyWork(moneyA, moneyB, factor)
		}
	}
	base := func() {
		for range n {
			sinkD = rawWork(rawA, rawB, rawF)
		}
	}
	b.Run("pair", func(b *testing.B) {
		b.ReportAllocs()
		stratPair(b, "op", n, engine, base)
	})
}
