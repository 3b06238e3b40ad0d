package economics

import (
	"encoding/binary"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestNPVAgainstRationalReference compares NPV with an exact big.Rat
// evaluation: they agree to within 1e-9 or 1e-30 of the value, whichever
// is larger (the result is rounded to 10 places; the working precision is
// 34 significant digits, so huge values carry a relative error).
func TestNPVAgainstRationalReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rate := decimal.New(rapid.Int64Range(-9000, 100000).Draw(t, "rateBasisPoints"), -4) // -90% .. +1000%
		n := rapid.IntRange(0, 40).Draw(t, "n")
		flows := make([]decimal.Decimal, n)
		for i := range flows {
			flows[i] = decimal.New(rapid.Int64Range(-1e9, 1e9).Draw(t, "cents"), -2)
		}
		got, err := NPV(fence.PercentFromFraction(rate), fence.Wraps(flows))
		if err != nil {
			t.Fatal(err)
		}
		// Exact: Σ f_i / (1+r)^(i+1).
		one := big.NewRat(1, 1)
		base := new(big.Rat).Add(one, rate.Rat())
		den := new(big.Rat).Set(base)
		want := new(big.Rat)
		for _, f := range flows {
			want.Add(want, new(big.Rat).Quo(f.Rat(), den))
			den.Mul(den, base)
		}
		diff := new(big.Rat).Sub(fence.Dec(got).Rat(), want)
		bound := new(big.Rat).Mul(new(big.Rat).Abs(want), new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)))
		if bound.Cmp(big.NewRat(1, 1_000_000_000)) < 0 {
			bound = big.NewRat(1, 1_000_000_000)
		}
		if diff.Abs(diff).Cmp(bound) > 0 {
			t.Fatalf("NPV(%s, %v) = %s, exact %s", rate, flows, got, want.FloatString(12))
		}
	})
}

// TestPaybackPeriodRoundsOnce is the audit's finding: -12345000001 then
// 100000000000 pays back after 0.12345000001 periods, which rounds
// half-even to 0.1235 (a first rounding to 8 places gave the tie 0.12345
// and then 0.1234).
func TestPaybackPeriodRoundsOnce(t *testing.T) {
	got, err := PaybackPeriod(econDecs("-12345000001", "100000000000"))
	if err != nil {
		t.Fatal(err)
	}
	if want := econP("0.1235"); !got.Equal(want) {
		t.Errorf("PaybackPeriod = %s, want %s", got, want)
	}
}

// TestPaybackPeriodAgainstRationalReference checks PaybackPeriod against
// an exact big.Rat evaluation rounded once, half to even, to 4 places.
func TestPaybackPeriodAgainstRationalReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		flows := make([]decimal.Decimal, n)
		for i := range flows {
			// Coarse and fine amounts, so exact ties at 4 places and
			// values just beside them both occur.
			scale := rapid.SampledFrom([]int32{0, -2, -6}).Draw(t, "scale")
			flows[i] = decimal.New(rapid.Int64Range(-1e12, 1e12).Draw(t, "v"), scale)
		}
		got, err := PaybackPeriod(fence.Wraps(flows))
		// Reference.
		cum := new(big.Rat)
		last := -1
		var lastSum *big.Rat
		for i, f := range flows {
			cum.Add(cum, f.Rat())
			if cum.Sign() < 0 {
				last, lastSum = i, new(big.Rat).Set(cum)
			}
		}
		switch {
		case last < 0:
			if err != nil || !got.IsZero() {
				t.Fatalf("PaybackPeriod(%v) = %s, %v; want 0", flows, got, err)
			}
			return
		case last == n-1:
			if !errors.Is(err, ErrNoPayback) {
				t.Fatalf("PaybackPeriod(%v) error = %v, want ErrNoPayback", flows, err)
			}
			return
		}
		frac := new(big.Rat).Quo(new(big.Rat).Neg(lastSum), flows[last+1].Rat())
		want := new(big.Rat).Add(big.NewRat(int64(last), 1), ratRoundHalfEven(frac, 4))
		if err != nil || fence.Dec(got).Rat().Cmp(want) != 0 {
			t.Fatalf("PaybackPeriod(%v) = %s, %v; want %s", flows, got, err, want.FloatString(4))
		}
	})
}

// ratRoundHalfEven rounds a non-negative x to places decimal places, half
// to even.
func ratRoundHalfEven(x *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	num := new(big.Int).Mul(x.Num(), scale)
	q, r := new(big.Int).QuoRem(num, x.Denom(), new(big.Int))
	twice := new(big.Int).Lsh(r, 1)
	if c := twice.Cmp(x.Denom()); c > 0 || c == 0 && q.Bit(0) == 1 {
		q.Add(q, big.NewInt(1))
	}
	return new(big.Rat).SetFrac(q, scale)
}

// TestHostileDecimalsRejected: a host number far outside the decimal range
// (1e-3000000, or 1 × 10^-2147483648) is refused at once, naming the
// value, by every function that takes flows or a rate.
func TestHostileDecimalsRejected(t *testing.T) {
	tiny := fence.Wrap(decimal.New(1, -3000000))
	worst := fence.Wrap(decimal.New(1, -2147483648))
	zeroWorst := fence.Wrap(decimal.New(0, -2147483648))
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, bad := range []partnerops.Decimal{tiny, worst, zeroWorst, fence.Wrap(decimal.New(1, 2147483647))} {
		start := time.Now()
		flows := []partnerops.Decimal{econP("-100"), bad, econP("200")}
		checks := map[string]error{}
		_, checks["NPV"] = NPV(partnerops.PercentFromInt(10), flows)
		_, checks["PaybackPeriod"] = PaybackPeriod(flows)
		_, checks["IRR"] = IRR(flows)
		_, checks["XNPV"] = XNPV(partnerops.PercentFromInt(10), []DatedCashFlow{{date, econP("-1")}, {date.AddDate(0, 1, 0), bad}})
		_, checks["NPV rate"] = NPV(partnerops.NewPercent(bad), econDecs("1"))
		_, checks["IRR guess"] = IRRGuess(econDecs("-1", "2"), partnerops.NewPercent(bad))
		for name, err := range checks {
			if bad.IsZero() && (name == "NPV rate" || name == "IRR guess") {
				if err != nil {
					t.Errorf("%s(0 × 10^-2147483648) error = %v, want none (it is zero)", name, err)
				}
				continue
			}
			if !errors.Is(err, partnerops.ErrRange) && !(bad.IsZero() && err == nil) {
				t.Errorf("%s with %s: error = %v, want ErrRange", name, "hostile decimal", err)
			}
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("rejecting a hostile decimal took %v", d)
		}
	}
	// The error names the flow and the rate.
	_, err := NPV(partnerops.PercentFromInt(10), []partnerops.Decimal{econP("1"), tiny})
	if err == nil || !strings.Contains(err.Error(), "flows[1]") {
		t.Errorf("NPV error = %v, want it to name flows[1]", err)
	}
	_, err = NPV(partnerops.NewPercent(tiny), econDecs("1"))
	if err == nil || !strings.Contains(err.Error(), "rate") {
		t.Errorf("NPV error = %v, want it to name the rate", err)
	}
}

// TestWideRatesAccepted: a monthly rate derived from an annual one has
// more than 18 fraction digits; NPV, IRRGuess and XNPV accept it.
func TestWideRatesAccepted(t *testing.T) {
	monthly, err := PeriodRate(partnerops.PercentFromInt(9), 12)
	if err != nil {
		t.Fatal(err)
	}
	if monthly.Fraction().Scale() <= 18 {
		t.Fatalf("PeriodRate(9%%, 12) = %s: want more than 18 fraction digits for this test", monthly)
	}
	// (1 + monthly)^12 = 1.09.
	back := econPow(econOne.Add(fence.Frac(monthly)), 12)
	if back.Sub(econD("1.09")).Abs().GreaterThan(econD("1e-30")) {
		t.Errorf("(1 + PeriodRate(9%%, 12))^12 = %s, want 1.09", back)
	}
	if _, err := NPV(monthly, econDecs("100", "100")); err != nil {
		t.Errorf("NPV(monthly rate) error = %v", err)
	}
	if _, err := IRRGuess(econDecs("-100", "110"), monthly); err != nil {
		t.Errorf("IRRGuess(monthly guess) error = %v", err)
	}
	if _, err := XNPV(monthly, econExcelDated()); err != nil {
		t.Errorf("XNPV(monthly rate) error = %v", err)
	}
	// A rate of 40 significant digits is fine; 61 is refused and named.
	wide := partnerops.PercentFromFraction(fence.Wrap(decimal.RequireFromString("0.0072073233161368804278437297811111111111")))
	if _, err := NPV(wide, econDecs("1")); err != nil {
		t.Errorf("NPV(40-digit rate) error = %v", err)
	}
	tooWide := partnerops.PercentFromFraction(fence.Wrap(decimal.RequireFromString("0." + strings.Repeat("7", 61))))
	if _, err := NPV(tooWide, econDecs("1")); !errors.Is(err, partnerops.ErrRange) || !strings.Contains(err.Error(), "rate") {
		t.Errorf("NPV(61-digit rate) error = %v, want ErrRange naming the rate", err)
	}
	for _, n := range []int{0, 367} {
		if _, err := PeriodRate(partnerops.PercentFromInt(9), n); !errors.Is(err, partnerops.ErrInvalid) {
			t.Errorf("PeriodRate(9%%, %d) error = %v, want ErrInvalid", n, err)
		}
	}
}

// TestCashFlowGrowth is the audit's finding: IRR took 0.1 s for 1,000
// flows, 4 s for 8,000 and 13.5 s for 16,000 (the running sum at rates
// below 0 grew a digit per flow). Each evaluation is now linear in the
// flows and the number of evaluations is bounded, and NPV at a rate far
// below zero (a discount factor of 100, so the running sum gains two
// digits a flow), XNPV and PaybackPeriod are linear too.
func TestCashFlowGrowth(t *testing.T) {
	mk := func(n int) []partnerops.Decimal {
		flows := make([]partnerops.Decimal, n)
		for i := range flows {
			flows[i] = partnerops.NewDecimal(int64(100+i%13), -2)
		}
		flows[0] = partnerops.DecimalFromInt(-1000)
		return flows
	}
	testkit.Growth(t, "IRR", 250, func(n int) func() {
		flows := []partnerops.Decimal{partnerops.DecimalFromInt(-int64(n) * 1000)}
		for i := 1; i < n; i++ {
			flows = append(flows, partnerops.NewDecimal(int64(1100+i%7), 0))
		}
		return func() {
			if _, err := IRR(flows); err != nil {
				t.Fatal(err)
			}
		}
	})
	testkit.Growth(t, "NPV at -99%", 500, func(n int) func() {
		f := mk(n)
		return func() { _, _ = NPV(partnerops.PercentFromInt(-99), f) }
	})
	testkit.Growth(t, "PaybackPeriod", 500, func(n int) func() {
		f := mk(n)
		return func() { _, _ = PaybackPeriod(f) }
	})
	testkit.Growth(t, "XNPV at -99%", 500, func(n int) func() {
		dated := make([]DatedCashFlow, n)
		for i, f := range mk(n) {
			dated[i] = DatedCashFlow{Date: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC), Amount: f}
		}
		return func() { _, _ = XNPV(partnerops.PercentFromInt(-99), dated) }
	})
}

// FuzzCashFlows evaluates NPV, IRR and PaybackPeriod on fuzzed flows:
// nothing panics, and an IRR, when found, is where the NPV changes sign.
func FuzzCashFlows(f *testing.F) {
	f.Add([]byte{0x9c, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1e, 0, 0, 0, 0, 0, 0, 0, 0x50, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var flows []decimal.Decimal
		for len(b) >= 8 && len(flows) < 24 {
			flows = append(flows, decimal.New(int64(binary.LittleEndian.Uint64(b))>>20, -2))
			b = b[8:]
		}
		if _, err := NPV(partnerops.PercentFromInt(10), fence.Wraps(flows)); err != nil {
			t.Fatal(err)
		}
		_, _ = PaybackPeriod(fence.Wraps(flows))
		irrPct, err := IRR(fence.Wraps(flows))
		if err != nil {
			if !errors.Is(err, ErrNoIRR) {
				t.Fatalf("IRR(%v) error = %v", flows, err)
			}
			return
		}
		irr := fence.Frac(irrPct)
		d := decimal.New(1, -8)
		lo, hi := econPV(irr.Sub(d), flows), econPV(irr.Add(d), flows)
		if at := econPV(irr, flows); lo.Sign()*hi.Sign() > 0 && !at.IsZero() {
			t.Fatalf("IRR(%v) = %s but NPV does not change sign there (%s, %s)", flows, irr, lo, hi)
		}
	})
}
