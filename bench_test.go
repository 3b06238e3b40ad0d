package partnerops_test

import (
	"testing"

	"github.com/partnerops/partnerops"
)

// Root values sit on every pillar's hot path; these benchmarks keep their
// cost visible. No issue target applies; see the pillar benchmarks.

func BenchmarkParseDecimal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := partnerops.ParseDecimal("12345.6789"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDecimalHostile(b *testing.B) {
	s := "1e999999999"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := partnerops.ParseDecimal(s); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkMoneyAdd(b *testing.B) {
	x, y := partnerops.MustMoney("1234.56", partnerops.USD), partnerops.MustMoney("0.44", partnerops.USD)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := x.Add(y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMoneyRound(b *testing.B) {
	x := partnerops.MustMoney("1234.5678", partnerops.USD)
	b.ReportAllocs()
	for b.Loop() {
		_ = x.Round(partnerops.RoundHalfEven)
	}
}

func BenchmarkMoneyMul(b *testing.B) {
	x, f := partnerops.MustMoney("1234.56", partnerops.USD), partnerops.MustDecimal("0.875")
	b.ReportAllocs()
	for b.Loop() {
		_ = x.Mul(f)
	}
}

// BenchmarkMoneyAddMulRound is the Money row of issue 20 (see the bench
// module's BenchmarkMoneyPair): add, multiply, round half even.
func BenchmarkMoneyAddMulRound(b *testing.B) {
	x, y, f := partnerops.MustMoney("1234.5678", partnerops.USD), partnerops.MustMoney("99.99", partnerops.USD), partnerops.MustDecimal("0.875")
	b.ReportAllocs()
	for b.Loop() {
		s, err := x.Add(y)
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Mul(f).Round(partnerops.RoundHalfEven)
	}
}

func BenchmarkAllocate10(b *testing.B) {
	x := partnerops.MustMoney("1000000.01", partnerops.USD)
	w := make([]partnerops.Decimal, 10)
	for i := range w {
		w[i] = partnerops.DecimalFromInt(int64(i + 1))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := x.Allocate(w...); err != nil {
			b.Fatal(err)
		}
	}
}
