package economics

import (
	"errors"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// econMonthly returns an annual percent divided by 12, to 30 places (8%/12
// as a spreadsheet writes it).
func econMonthly(annual string) partnerops.Percent {
	q, _ := partnerops.MustDecimal(annual).Quo(partnerops.DecimalFromInt(12), 30, partnerops.RoundHalfEven)
	return partnerops.NewPercent(q)
}

// TestAnnuityExcelExamples checks the functions against the examples of
// the Microsoft Excel documentation of PMT, PV, FV, NPER and RATE.
func TestAnnuityExcelExamples(t *testing.T) {
	d := partnerops.MustDecimal
	round := func(v partnerops.Decimal, places int32) string {
		return v.Round(places, partnerops.RoundHalfUp).String()
	}
	tests := []struct {
		name   string
		got    func() (partnerops.Decimal, error)
		places int32
		want   string
	}{
		// "PMT function": =PMT(8%/12, 10, 10000) = ($1,037.03); type 1:
		// ($1,030.16); =PMT(6%/12, 18*12, 0, 50000) = ($129.08).
		{"PMT", func() (partnerops.Decimal, error) { return PMT(econMonthly("8"), 10, d("10000"), d("0"), PaymentEnd) }, 2, "-1037.03"},
		{"PMT due", func() (partnerops.Decimal, error) {
			return PMT(econMonthly("8"), 10, d("10000"), d("0"), PaymentBeginning)
		}, 2, "-1030.16"},
		{"PMT savings", func() (partnerops.Decimal, error) { return PMT(econMonthly("6"), 18*12, d("0"), d("50000"), "") }, 2, "-129.08"},
		// "PV function": =PV(0.08/12, 12*20, 500, , 0) = ($59,777.15).
		{"PV", func() (partnerops.Decimal, error) { return PV(econMonthly("8"), 12*20, d("500"), d("0"), PaymentEnd) }, 2, "-59777.15"},
		// "FV function": =FV(0.06/12, 10, -200, -500, 1) = $2,581.40;
		// =FV(0.12/12, 12, -1000) = $12,682.50; =FV(0.11/12, 35, -2000, , 1)
		// = $82,846.25.
		{"FV", func() (partnerops.Decimal, error) {
			return FV(econMonthly("6"), 10, d("-200"), d("-500"), PaymentBeginning)
		}, 2, "2581.40"},
		{"FV 12%", func() (partnerops.Decimal, error) { return FV(econMonthly("12"), 12, d("-1000"), d("0"), PaymentEnd) }, 2, "12682.50"},
		{"FV 11% due", func() (partnerops.Decimal, error) {
			return FV(econMonthly("11"), 35, d("-2000"), d("0"), PaymentBeginning)
		}, 2, "82846.25"},
		// "NPER function": =NPER(0.12/12, -100, -1000, 10000, 1) =
		// 59.6738657; without type: 60.0821229; =NPER(0.12/12, -100, -1000)
		// = -9.57859404.
		{"NPER due", func() (partnerops.Decimal, error) {
			return NPER(econMonthly("12"), d("-100"), d("-1000"), d("10000"), PaymentBeginning)
		}, 7, "59.6738657"},
		{"NPER", func() (partnerops.Decimal, error) {
			return NPER(econMonthly("12"), d("-100"), d("-1000"), d("10000"), PaymentEnd)
		}, 7, "60.0821229"},
		{"NPER negative", func() (partnerops.Decimal, error) {
			return NPER(econMonthly("12"), d("-100"), d("-1000"), d("0"), PaymentEnd)
		}, 8, "-9.57859404"},
		// Zero rate: pv + pmt × n + fv = 0.
		{"PMT zero rate", func() (partnerops.Decimal, error) { return PMT(partnerops.Percent{}, 4, d("100"), d("0"), PaymentEnd) }, 2, "-25.00"},
		{"NPER zero rate", func() (partnerops.Decimal, error) {
			return NPER(partnerops.Percent{}, d("-25"), d("100"), d("0"), PaymentEnd)
		}, 2, "4.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if r := round(got, tt.places); r != tt.want {
				t.Errorf("%s = %s (%s), want %s", tt.name, got, r, tt.want)
			}
		})
	}
	// "RATE function": =RATE(4*12, -200, 8000) = 1% (0.770147%) a month,
	// 9.24% a year.
	r, err := RATE(48, d("-200"), d("8000"), d("0"), PaymentEnd, partnerops.PercentFromInt(10))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Round(6, partnerops.RoundHalfUp); !got.Equal(partnerops.MustPercent("0.770147")) {
		t.Errorf("RATE = %s, want 0.770147%%", r)
	}
	if annual := r.Decimal().Mul(partnerops.DecimalFromInt(12)).Round(2, partnerops.RoundHalfUp); !annual.Equal(d("9.24")) {
		t.Errorf("RATE × 12 = %s, want 9.24", annual)
	}
}

func TestAnnuityErrors(t *testing.T) {
	d := partnerops.MustDecimal
	if _, err := NPER(econMonthly("12"), d("50"), d("-1000"), d("10000"), PaymentEnd); !errors.Is(err, ErrNoSolution) {
		t.Errorf("NPER(payments that never get there) error = %v, want ErrNoSolution", err)
	}
	if _, err := RATE(12, d("100"), d("100"), d("100"), PaymentEnd, partnerops.PercentFromInt(10)); !errors.Is(err, ErrNoSolution) {
		t.Errorf("RATE(all positive) error = %v, want ErrNoSolution", err)
	}
	if _, err := PMT(partnerops.PercentFromInt(1), 0, d("1"), d("0"), "weekly"); len(partnerops.ValidationErrors(err)) != 2 {
		t.Errorf("PMT(nper 0, timing weekly) error = %v, want 2 problems", err)
	}
	hostile := fence.Wrap(decimal.New(1, -3000000))
	if _, err := FV(partnerops.PercentFromInt(1), 12, hostile, d("0"), PaymentEnd); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("FV(hostile payment) error = %v, want ErrRange", err)
	}
	if _, err := PV(partnerops.PercentFromInt(-100), 12, d("1"), d("0"), PaymentEnd); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("PV(-100%%) error = %v, want ErrInvalid", err)
	}
}

// TestAnnuityAgainstRationalReference compares PMT, PV and FV with an exact
// big.Rat evaluation of the annuity equation: they agree to 1e-9 (results
// are rounded to 10 places from 34-digit intermediates).
func TestAnnuityAgainstRationalReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rate := decimal.New(rapid.Int64Range(-500, 2000).Draw(t, "rateBasisPoints"), -4) // -5% .. 20% a period
		n := rapid.IntRange(1, 60).Draw(t, "nper")
		due := rapid.Bool().Draw(t, "due")
		when := PaymentEnd
		if due {
			when = PaymentBeginning
		}
		amount := func(name string) decimal.Decimal { return decimal.New(rapid.Int64Range(-1e9, 1e9).Draw(t, name), -2) }
		pv, fv, pmt := amount("pv"), amount("fv"), amount("pmt")
		r := rate.Rat()
		one := big.NewRat(1, 1)
		g := new(big.Rat).Set(one)
		for range n {
			g.Mul(g, new(big.Rat).Add(one, r))
		}
		dueF := new(big.Rat).Set(one)
		if due {
			dueF.Add(dueF, r)
		}
		gm1r := big.NewRat(int64(n), 1)
		if r.Sign() != 0 {
			gm1r = new(big.Rat).Quo(new(big.Rat).Sub(g, one), r)
		}
		k := new(big.Rat).Mul(dueF, gm1r) // pmt multiplier
		check := func(name string, got partnerops.Decimal, err error, want *big.Rat) {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			diff := new(big.Rat).Sub(fence.Dec(got).Rat(), want)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1_000_000_000)) > 0 {
				t.Fatalf("%s = %s, exact %s", name, got, want.FloatString(12))
			}
		}
		pct := fence.PercentFromFraction(rate)
		// FV = -(pv g + pmt k)
		want := new(big.Rat).Neg(new(big.Rat).Add(new(big.Rat).Mul(pv.Rat(), g), new(big.Rat).Mul(pmt.Rat(), k)))
		got, err := FV(pct, n, fence.Wrap(pmt), fence.Wrap(pv), when)
		check("FV", got, err, want)
		// PV = -(fv + pmt k) / g
		want = new(big.Rat).Quo(new(big.Rat).Neg(new(big.Rat).Add(fv.Rat(), new(big.Rat).Mul(pmt.Rat(), k))), g)
		got, err = PV(pct, n, fence.Wrap(pmt), fence.Wrap(fv), when)
		check("PV", got, err, want)
		// PMT = -(pv g + fv) / k
		if k.Sign() != 0 {
			want = new(big.Rat).Quo(new(big.Rat).Neg(new(big.Rat).Add(new(big.Rat).Mul(pv.Rat(), g), fv.Rat())), k)
			got, err = PMT(pct, n, fence.Wrap(pv), fence.Wrap(fv), when)
			check("PMT", got, err, want)
		}
	})
}

// TestAnnuityInverses: RATE and NPER invert PMT.
func TestAnnuityInverses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rate := decimal.New(rapid.Int64Range(1, 300).Draw(t, "rateBasisPoints"), -4) // 0.01% .. 3% a period
		n := rapid.IntRange(2, 120).Draw(t, "nper")
		pv := partnerops.DecimalFromInt(rapid.Int64Range(1000, 1_000_000).Draw(t, "pv"))
		pmt, err := PMT(fence.PercentFromFraction(rate), n, pv, partnerops.Decimal{}, PaymentEnd)
		if err != nil {
			t.Fatal(err)
		}
		back, err := NPER(fence.PercentFromFraction(rate), pmt, pv, partnerops.Decimal{}, PaymentEnd)
		if err != nil {
			t.Fatal(err)
		}
		if diff := back.Sub(partnerops.DecimalFromInt(int64(n))).Abs(); diff.Cmp(partnerops.MustDecimal("0.000001")) > 0 {
			t.Fatalf("NPER(PMT(%s, %d)) = %s", rate, n, back)
		}
		r, err := RATE(n, pmt, pv, partnerops.Decimal{}, PaymentEnd, partnerops.PercentFromInt(10))
		if err != nil {
			t.Fatal(err)
		}
		if diff := fence.Frac(r).Sub(rate).Abs(); diff.GreaterThan(decimal.New(1, -9)) {
			t.Fatalf("RATE(%d, PMT) = %s, want %s", n, r, rate)
		}
	})
}
