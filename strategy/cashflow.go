package strategy

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
)

// ErrNoIRR is returned by [IRR] and [XIRR] when the cash flows have no
// internal rate of return: they do not change sign, or no root lies in
// the searched range of rates (see [IRR]).
var ErrNoIRR = errors.New("strategy: no internal rate of return")

// Precision of the cash-flow functions.
const (
	// CashFlowDigits is the number of significant digits every
	// intermediate product, quotient and power keeps (rounded half-even):
	// discount factors, their powers, the running sums of discounted
	// flows and the Newton steps of fractional powers.
	CashFlowDigits = 34
	// CashFlowPlaces is the number of decimal places NPV, XNPV, IRR and
	// XIRR results are rounded to, half-even.
	CashFlowPlaces = 10
	// IRRTolerance is the width, in rate units, below which the bracket
	// search of [IRR] and [XIRR] stops: the true root lies within 1e-13 of the
	// returned rate before its rounding to CashFlowPlaces. Excel documents
	// 0.00001% (1e-7) for IRR and 0.000001% (1e-8) for XIRR.
	IRRTolerance = "0.0000000000001"
)

var (
	econOne       = decimal.NewFromInt(1)
	econTolerance = decimal.RequireFromString(IRRTolerance)
	// econGrid is the set of rates the IRR search brackets roots with:
	// from -99% to +10,000% per period, denser near zero.
	econGrid = econDecimals("-0.99", "-0.95", "-0.9", "-0.8", "-0.7", "-0.6", "-0.5", "-0.4", "-0.3", "-0.2",
		"-0.15", "-0.1", "-0.05", "-0.02", "0", "0.02", "0.05", "0.1", "0.15", "0.2", "0.3", "0.4", "0.5",
		"0.75", "1", "1.5", "2", "3", "5", "10", "20", "50", "100")
)

func econDecimals(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = decimal.RequireFromString(s)
	}
	return out
}

// econRound rounds d half-even to CashFlowDigits significant digits.
func econRound(d decimal.Decimal) decimal.Decimal {
	n := d.NumDigits()
	if n <= CashFlowDigits {
		return d
	}
	return d.RoundBank(-d.Exponent() - int32(n-CashFlowDigits))
}

// econDiv returns a / b to CashFlowDigits significant digits; b must not
// be zero.
func econDiv(a, b decimal.Decimal) decimal.Decimal {
	// Enough places for CashFlowDigits significant digits of the quotient.
	places := int32(CashFlowDigits) - int32(a.NumDigits()) - a.Exponent() + int32(b.NumDigits()) + b.Exponent() + 2
	if places < 0 {
		places = 0
	}
	return econRound(a.DivRound(b, places))
}

// econPow returns x^n for n ≥ 0 by repeated squaring, each product
// rounded to CashFlowDigits significant digits.
func econPow(x decimal.Decimal, n int64) decimal.Decimal {
	out := econOne
	for n > 0 {
		if n&1 == 1 {
			out = econRound(out.Mul(x))
		}
		n >>= 1
		if n > 0 {
			x = econRound(x.Mul(x))
		}
	}
	return out
}

// econRoot returns the positive n-th root of a > 0 by Newton's method on
// decimals, seeded with the float64 root (the seed only speeds up the
// convergence; the iteration refines it to CashFlowDigits digits).
func econRoot(a decimal.Decimal, n int64) decimal.Decimal {
	if n == 1 {
		return a
	}
	seed := math.Pow(a.InexactFloat64(), 1/float64(n))
	x, err := decimal.NewFromString(strconv.FormatFloat(seed, 'g', 17, 64))
	if err != nil || x.Sign() <= 0 {
		x = econOne
	}
	nd := decimal.NewFromInt(n)
	nm1 := decimal.NewFromInt(n - 1)
	for range 100 {
		// x' = ((n-1) x + a / x^(n-1)) / n
		next := econDiv(econRound(nm1.Mul(x)).Add(econDiv(a, econPow(x, n-1))), nd)
		if next.Equal(x) {
			break
		}
		diff := next.Sub(x).Abs()
		x = next
		if econDiv(diff, x).LessThan(decimal.New(1, -CashFlowDigits+2)) {
			break
		}
	}
	return x
}

// econCheckRate validates a discount rate: it must exceed -1 (-100%).
func econCheckRate(rate decimal.Decimal) error {
	if rate.Cmp(econOne.Neg()) <= 0 {
		return fmt.Errorf("strategy: discount rate %s must be greater than -1: %w", partnerops.FormatDecimal(rate), partnerops.ErrInvalid)
	}
	return partnerops.CheckDecimal(rate)
}

// econPV returns the sum of flows[i] / (1+rate)^i (the first flow is not
// discounted), by Horner's rule on v = 1/(1+rate), every step rounded to
// CashFlowDigits significant digits.
func econPV(rate decimal.Decimal, flows []decimal.Decimal) decimal.Decimal {
	if len(flows) == 0 {
		return decimal.Zero
	}
	v := econDiv(econOne, econOne.Add(rate))
	acc := flows[len(flows)-1]
	for i := len(flows) - 2; i >= 0; i-- {
		acc = econRound(acc.Mul(v)).Add(flows[i])
	}
	return acc
}

// NPV returns the net present value of periodic cash flows at a rate per
// period, as the spreadsheet function NPV(rate, value1, ...) does: the
// first flow is at the end of the first period, so flow i (from 0) is
// divided by (1+rate)^(i+1). To count an initial investment at time 0,
// add it to the result rather than passing it.
//
// The rate must exceed -1; the result is rounded half-even to
// [CashFlowPlaces] decimal places.
func NPV(rate decimal.Decimal, flows []decimal.Decimal) (decimal.Decimal, error) {
	if err := econCheckRate(rate); err != nil {
		return decimal.Decimal{}, err
	}
	pv := econPV(rate, flows)
	return econDiv(pv, econOne.Add(rate)).RoundBank(CashFlowPlaces), nil
}

// IRR returns the internal rate of return per period of periodic cash
// flows, the rate at which their NPV is zero, as the spreadsheet function
// IRR(values) does (the first flow at time 0). It is IRRGuess with a
// guess of 0.1, the spreadsheet default.
func IRR(flows []decimal.Decimal) (decimal.Decimal, error) {
	return IRRGuess(flows, decimal.New(1, -1))
}

// IRRGuess is [IRR] with a guess that picks among several roots. The
// search is a bracketing one, robust where Newton's method is not:
//
//  1. the NPV is evaluated on a fixed grid of rates from -99% to
//     +10,000% (33 points, denser near zero);
//  2. of the grid intervals where the NPV changes sign, the one nearest
//     the guess is narrowed by the Illinois method (regula falsi with the
//     stale end halved, a bisection every third step) until it is
//     narrower than [IRRTolerance];
//  3. the rate is rounded half-even to [CashFlowPlaces] places.
//
// Flows that never change sign have no IRR; neither do flows whose NPV
// does not change sign on the grid (a root beyond +10,000% or below -99%,
// or a double root where the NPV only touches zero). Both give an error
// wrapping [ErrNoIRR]. Conventional flows (one sign change) have exactly
// one IRR above -100%.
func IRRGuess(flows []decimal.Decimal, guess decimal.Decimal) (decimal.Decimal, error) {
	if err := econCheckFlows(flows); err != nil {
		return decimal.Decimal{}, err
	}
	return econSolve(guess, func(r decimal.Decimal) decimal.Decimal { return econPV(r, flows) })
}

// econCheckFlows validates flows for IRR: at least one positive and one
// negative value.
func econCheckFlows(flows []decimal.Decimal) error {
	pos, neg := false, false
	for i, f := range flows {
		if err := partnerops.CheckDecimal(f); err != nil {
			return fmt.Errorf("strategy: cash flow %d: %w", i, err)
		}
		pos = pos || f.Sign() > 0
		neg = neg || f.Sign() < 0
	}
	if !pos || !neg {
		return fmt.Errorf("strategy: cash flows need a positive and a negative value (no sign change): %w", ErrNoIRR)
	}
	return nil
}

// econSolve finds a root of f on the grid interval nearest guess by
// bisection.
func econSolve(guess decimal.Decimal, f func(decimal.Decimal) decimal.Decimal) (decimal.Decimal, error) {
	vals := make([]decimal.Decimal, len(econGrid))
	for i, r := range econGrid {
		vals[i] = f(r)
	}
	best := -1
	var bestDist decimal.Decimal
	for i := 0; i+1 < len(econGrid); i++ {
		s0, s1 := vals[i].Sign(), vals[i+1].Sign()
		if s0 == 0 || s0*s1 > 0 {
			continue
		}
		lo, hi := econGrid[i], econGrid[i+1]
		var dist decimal.Decimal
		switch {
		case guess.LessThan(lo):
			dist = lo.Sub(guess)
		case guess.GreaterThan(hi):
			dist = guess.Sub(hi)
		}
		if best < 0 || dist.LessThan(bestDist) {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return decimal.Decimal{}, fmt.Errorf("strategy: NPV does not change sign between -99%% and 10000%%: %w", ErrNoIRR)
	}
	a, b := econGrid[best], econGrid[best+1]
	fa, fb := vals[best], vals[best+1]
	if fb.Sign() == 0 {
		return b.RoundBank(CashFlowPlaces), nil
	}
	// Illinois (modified regula falsi): a secant step that keeps the root
	// bracketed and halves the stale end's value to avoid stagnation.
	// Every third step is a plain bisection, so the bracket at least
	// halves every three evaluations whatever the function's shape.
	half := decimal.New(5, -1)
	for step := 0; b.Sub(a).Abs().GreaterThan(econTolerance); step++ {
		var c decimal.Decimal
		if step%3 == 2 || fb.Sub(fa).IsZero() {
			c = econRound(a.Add(b).Mul(half))
		} else {
			c = econRound(b.Sub(econDiv(fb.Mul(b.Sub(a)), fb.Sub(fa))))
		}
		if !econBetween(c, a, b) || c.Equal(a) || c.Equal(b) {
			c = econRound(a.Add(b).Mul(half))
		}
		fc := f(c)
		if fc.Sign() == 0 {
			return c.RoundBank(CashFlowPlaces), nil
		}
		if fc.Sign() != fb.Sign() {
			a, fa = b, fb
		} else {
			fa = econRound(fa.Mul(half))
		}
		b, fb = c, fc
		if step > 400 {
			break // unreachable in practice: the bisections alone need ~50 steps
		}
	}
	return a.Add(b).Mul(half).RoundBank(CashFlowPlaces), nil
}

// econBetween reports whether c lies strictly between a and b (in either
// order).
func econBetween(c, a, b decimal.Decimal) bool {
	if a.GreaterThan(b) {
		a, b = b, a
	}
	return c.GreaterThan(a) && c.LessThan(b)
}

// DatedCashFlow is one cash flow on a date, for [XNPV] and [XIRR].
type DatedCashFlow struct {
	Date   time.Time          `json:"date"`
	Amount partnerops.Decimal `json:"amount"`
}

// econDaysFrom returns the whole calendar days from the date of a to the
// date of b, each read in its own location (times of day are ignored, as
// spreadsheets truncate date serials).
func econDaysFrom(a, b time.Time) int64 {
	day := func(t time.Time) int64 {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	return day(b) - day(a)
}

// econDated validates dated flows and returns each flow's days after the
// first flow's date.
func econDated(flows []DatedCashFlow) ([]int64, error) {
	if len(flows) == 0 {
		return nil, fmt.Errorf("strategy: no dated cash flows: %w", partnerops.ErrInvalid)
	}
	days := make([]int64, len(flows))
	for i, f := range flows {
		if err := partnerops.CheckDecimal(f.Amount.Decimal); err != nil {
			return nil, fmt.Errorf("strategy: cash flow %d: %w", i, err)
		}
		days[i] = econDaysFrom(flows[0].Date, f.Date)
		if days[i] < 0 {
			return nil, fmt.Errorf("strategy: cash flow %d is dated %s, before the first flow (%s): %w",
				i, f.Date.Format(time.DateOnly), flows[0].Date.Format(time.DateOnly), partnerops.ErrInvalid)
		}
	}
	return days, nil
}

// econXPV returns the sum of amount / (1+rate)^(days/365).
func econXPV(rate decimal.Decimal, flows []DatedCashFlow, days []int64) decimal.Decimal {
	// v is the one-day discount factor (1+rate)^(-1/365).
	v := econDiv(econOne, econRoot(econOne.Add(rate), 365))
	sum := decimal.Zero
	for i, f := range flows {
		if days[i] == 0 {
			sum = sum.Add(f.Amount.Decimal)
			continue
		}
		sum = sum.Add(econRound(f.Amount.Decimal.Mul(econPow(v, days[i]))))
	}
	return econRound(sum)
}

// XNPV returns the net present value of dated cash flows at an annual
// rate, as the spreadsheet function XNPV(rate, values, dates) does: each
// amount is divided by (1+rate)^(d/365), where d is the number of days
// from the first flow's date (Actual/365). The first flow's date starts
// the schedule; an earlier date is an error wrapping
// [partnerops.ErrInvalid]. The fractional power is (1+rate)^(1/365) by
// Newton's method on decimals, raised to d by repeated squaring, all at
// [CashFlowDigits] significant digits; the result is rounded half-even to
// [CashFlowPlaces] places.
func XNPV(rate decimal.Decimal, flows []DatedCashFlow) (decimal.Decimal, error) {
	if err := econCheckRate(rate); err != nil {
		return decimal.Decimal{}, err
	}
	days, err := econDated(flows)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return econXPV(rate, flows, days).RoundBank(CashFlowPlaces), nil
}

// XIRR returns the annual internal rate of return of dated cash flows,
// the rate at which [XNPV] is zero, as the spreadsheet function
// XIRR(values, dates) does, searched like [IRRGuess] with a guess of 0.1.
// Flows without both signs, or whose XNPV does not change sign between
// -99% and +10,000%, give an error wrapping [ErrNoIRR].
func XIRR(flows []DatedCashFlow) (decimal.Decimal, error) {
	days, err := econDated(flows)
	if err != nil {
		return decimal.Decimal{}, err
	}
	amounts := make([]decimal.Decimal, len(flows))
	for i, f := range flows {
		amounts[i] = f.Amount.Decimal
	}
	if err := econCheckFlows(amounts); err != nil {
		return decimal.Decimal{}, err
	}
	return econSolve(decimal.New(1, -1), func(r decimal.Decimal) decimal.Decimal { return econXPV(r, flows, days) })
}

// PaybackPeriod returns when the cumulative sum of periodic cash flows
// (the first at time 0, then one per period) turns non-negative for good:
// the number of periods, with the last period's share interpolated
// linearly (rounded half-even to 4 places). For -100, 30, 40, 50 the
// cumulative sums are -100, -70, -30, 20, so the payback is 2 + 30/50 =
// 2.6 periods. ok is false when the cumulative sum ends negative; flows
// that never go negative pay back at 0.
func PaybackPeriod(flows []decimal.Decimal) (periods decimal.Decimal, ok bool) {
	cum := decimal.Zero
	last := -1 // the last index with a negative cumulative sum
	sums := make([]decimal.Decimal, len(flows))
	for i, f := range flows {
		cum = cum.Add(f)
		sums[i] = cum
		if cum.Sign() < 0 {
			last = i
		}
	}
	switch {
	case last < 0:
		return decimal.Zero, true
	case last == len(flows)-1:
		return decimal.Decimal{}, false
	}
	frac := sums[last].Neg().DivRound(flows[last+1], 8)
	return decimal.NewFromInt(int64(last)).Add(frac).RoundBank(4), true
}
