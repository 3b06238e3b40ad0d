package strategy

import (
	"encoding/binary"
	"errors"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
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
		got, err := NPV(rate, flows)
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
		diff := new(big.Rat).Sub(got.Rat(), want)
		bound := new(big.Rat).Mul(new(big.Rat).Abs(want), new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)))
		if bound.Cmp(big.NewRat(1, 1_000_000_000)) < 0 {
			bound = big.NewRat(1, 1_000_000_000)
		}
		if diff.Abs(diff).Cmp(bound) > 0 {
			t.Fatalf("NPV(%s, %v) = %s, exact %s", rate, flows, got, want.FloatString(12))
		}
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
		if _, err := NPV(decimal.New(1, -1), flows); err != nil {
			t.Fatal(err)
		}
		PaybackPeriod(flows)
		irr, err := IRR(flows)
		if err != nil {
			if !errors.Is(err, ErrNoIRR) {
				t.Fatalf("IRR(%v) error = %v", flows, err)
			}
			return
		}
		d := decimal.New(1, -8)
		lo, hi := econPV(irr.Sub(d), flows), econPV(irr.Add(d), flows)
		if at := econPV(irr, flows); lo.Sign()*hi.Sign() > 0 && !at.IsZero() {
			t.Fatalf("IRR(%v) = %s but NPV does not change sign there (%s, %s)", flows, irr, lo, hi)
		}
	})
}
