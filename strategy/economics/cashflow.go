package economics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// ErrNoIRR is returned by [IRR] and [XIRR] when the cash flows have no
// internal rate of return: they do not change sign, or no root lies in
// the searched range of rates (see [IRRGuess]).
var ErrNoIRR = errors.New("economics: no internal rate of return")

// ErrNoPayback is returned by [PaybackPeriod] when the cumulative cash
// flow ends negative: the flows do not pay back within their horizon.
var ErrNoPayback = errors.New("economics: no payback within the horizon")

// Precision and limits of the cash-flow functions.
const (
	// CashFlowDigits is the number of significant digits every
	// intermediate product, quotient, sum and power keeps (rounded
	// half-even): discount factors, their powers, the running sums of
	// discounted flows and the Newton steps of fractional powers. A rate
	// with more digits is rounded to this many before use.
	CashFlowDigits = 34
	// CashFlowPlaces is the number of decimal places NPV and XNPV results,
	// and the IRR and XIRR rates as fractions, are rounded to, half-even
	// (so an IRR as a Percent has CashFlowPlaces-2 places: 8.7113516359%).
	CashFlowPlaces = 10
	// IRRTolerance is the width, in rate units (fractions), below which
	// the bracket search of [IRR] and [XIRR] stops: the true root lies
	// within 1e-13 of the returned rate before its rounding to
	// CashFlowPlaces. Excel documents 0.00001% (1e-7) for IRR and
	// 0.000001% (1e-8) for XIRR.
	IRRTolerance = "0.0000000000001"
	// MaxCashFlows is the largest number of flows the cash-flow functions
	// take (a century of days). More give an error wrapping
	// partnerops.ErrRange.
	MaxCashFlows = 36_600
	// MaxRateDigits is the largest number of significant digits a rate
	// (as a fraction) may have; a monthly rate derived from an annual one
	// with 34 digits is accepted and rounded to [CashFlowDigits].
	MaxRateDigits = 60
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

// econRound rounds d half-even to CashFlowDigits significant digits: one
// division of the coefficient by a cached power of ten (RoundBank would
// take several).
func econRound(d decimal.Decimal) decimal.Decimal {
	n := d.NumDigits()
	if n <= CashFlowDigits {
		return d
	}
	k := n - CashFlowDigits
	if k >= len(econPow10) {
		return d.RoundBank(-d.Exponent() - int32(k))
	}
	p := econPow10[k]
	q, r := new(big.Int).QuoRem(d.Coefficient(), p, new(big.Int))
	// Half to even on |r| against p/2.
	neg := r.Sign() < 0
	r.Abs(r).Lsh(r, 1)
	if c := r.Cmp(p); c > 0 || c == 0 && q.Bit(0) == 1 {
		if neg {
			q.Sub(q, econBigOne)
		} else {
			q.Add(q, econBigOne)
		}
	}
	return decimal.NewFromBigInt(q, d.Exponent()+int32(k))
}

var (
	econBigOne = big.NewInt(1)
	// econPow10[k] is 10^k, for the digits econRound drops (a product of
	// two 34-digit values, a sum with a flow of up to 81 digits).
	econPow10 = func() []*big.Int {
		out := make([]*big.Int, 160)
		out[0] = big.NewInt(1)
		for i := 1; i < len(out); i++ {
			out[i] = new(big.Int).Mul(out[i-1], big.NewInt(10))
		}
		return out
	}()
)

// econTop returns the position of d's most significant digit: d is below
// 10^econTop(d) in magnitude. d must not be zero.
func econTop(d decimal.Decimal) int64 {
	return int64(d.Exponent()) + int64(d.NumDigits())
}

// econAdd returns a + b to CashFlowDigits significant digits. An operand
// that lies wholly below the last digit kept (with three guard digits) is
// dropped, and the other is rounded before the sum, so that the cost of an
// addition never depends on how far apart the two magnitudes are: a
// running sum whose terms grow by a constant factor (a discount factor
// above 1) stays linear in the number of terms.
func econAdd(a, b decimal.Decimal) decimal.Decimal {
	switch {
	case a.IsZero():
		return econRound(b)
	case b.IsZero():
		return econRound(a)
	}
	ta, tb := econTop(a), econTop(b)
	floor := max(ta, tb) - CashFlowDigits - 3
	switch {
	case tb < floor:
		return econRound(a)
	case ta < floor:
		return econRound(b)
	}
	if int64(a.Exponent()) < floor {
		a = a.RoundBank(int32(-floor))
	}
	if int64(b.Exponent()) < floor {
		b = b.RoundBank(int32(-floor))
	}
	return econRound(a.Add(b))
}

// econNear reports whether adding a and b exactly is cheap: their
// exponents are within 40 of each other, so aligning them adds at most 40
// digits (a rounded accumulator has at most CashFlowDigits, a flow at most
// 81).
func econNear(a, b decimal.Decimal) bool {
	d := int64(a.Exponent()) - int64(b.Exponent())
	return d <= 40 && d >= -40
}

// econDiv returns a / b to CashFlowDigits significant digits; b must not
// be zero.
func econDiv(a, b decimal.Decimal) decimal.Decimal {
	if a.IsZero() {
		return decimal.Zero
	}
	// Enough places for CashFlowDigits significant digits of the quotient.
	places := int32(CashFlowDigits) - int32(a.NumDigits()) - a.Exponent() + int32(b.NumDigits()) + b.Exponent() + 2
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
		next := econDiv(econAdd(econRound(nm1.Mul(x)), econDiv(a, econPow(x, n-1))), nd)
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

// econRate checks a rate given as a Percent and returns it as a fraction
// rounded to CashFlowDigits significant digits. It refuses, naming the
// rate, a representation too wide to compute with (more than
// MaxRateDigits digits, or an exponent beyond ±MaxRateDigits) and a rate
// of -100% or less.
func econRate(name string, p partnerops.Percent) (decimal.Decimal, error) {
	// The number of percent first: Percent.Fraction shifts the exponent,
	// which a hostile one would overflow.
	d := fence.Pct(p)
	if d.IsZero() {
		return decimal.Zero, nil // whatever its exponent
	}
	if d.NumDigits() > MaxRateDigits || d.Exponent() < -MaxRateDigits || d.Exponent() > MaxRateDigits {
		return decimal.Decimal{}, &partnerops.ValidationError{Path: name, Value: econRateText(d) + "%",
			Rule: fmt.Sprintf("rate out of range: at most %d significant digits and an exponent within ±%d", MaxRateDigits, MaxRateDigits),
			Err:  partnerops.ErrRange}
	}
	r := econRound(d.Shift(-2))
	if r.Cmp(econOne.Neg()) <= 0 {
		return decimal.Decimal{}, &partnerops.ValidationError{Path: name, Rule: "must be above -100%", Value: p.String()}
	}
	return r, nil
}

// econRateText quotes a rate in an error without rendering a hostile
// exponent in full.
func econRateText(d decimal.Decimal) string {
	if d.Exponent() < -MaxRateDigits || d.Exponent() > MaxRateDigits || d.NumDigits() > MaxRateDigits {
		c := d.Coefficient().String()
		if len(c) > 20 {
			c = c[:20] + "..."
		}
		return fmt.Sprintf("%se%d", c, d.Exponent())
	}
	return fence.Format(d)
}

// econFlows checks flows supplied by a host (every value within the range
// partnerops.Decimal.Validate accepts, at most MaxCashFlows of them) and
// returns them as shopspring values.
func econFlows(op string, flows []partnerops.Decimal) ([]decimal.Decimal, error) {
	if len(flows) > MaxCashFlows {
		return nil, fmt.Errorf("economics: %s: %d cash flows, more than %d: %w", op, len(flows), MaxCashFlows, partnerops.ErrRange)
	}
	var p partnerops.Problems
	out := make([]decimal.Decimal, len(flows))
	for i, f := range flows {
		if err := f.Validate(); err != nil {
			fixed.AddErr(&p, partnerops.Path("flows", i), err)
			continue
		}
		out[i] = fence.Dec(f)
	}
	if err := p.Err(); err != nil {
		return nil, fmt.Errorf("economics: %s: %w", op, err)
	}
	return out, nil
}

// econPV returns the sum of flows[i] / (1+rate)^i (the first flow is not
// discounted), by Horner's rule on v = 1/(1+rate), every step rounded to
// CashFlowDigits significant digits. Its cost is linear in len(flows).
func econPV(rate decimal.Decimal, flows []decimal.Decimal) decimal.Decimal {
	if len(flows) == 0 {
		return decimal.Zero
	}
	v := econDiv(econOne, econOne.Add(rate))
	acc := econRound(flows[len(flows)-1])
	for i := len(flows) - 2; i >= 0; i-- {
		acc = econRound(acc.Mul(v))
		switch f := flows[i]; {
		case f.IsZero():
		case acc.IsZero():
			acc = econRound(f)
		case econNear(acc, f):
			acc = acc.Add(f) // exact, at most ~80 digits: rounded by the next step
		default:
			acc = econAdd(acc, f)
		}
	}
	return econRound(acc)
}

// NPV returns the net present value of periodic cash flows at a rate per
// period, as the spreadsheet function NPV(rate, value1, ...) does: the
// first flow is at the end of the first period, so flow i (from 0) is
// divided by (1+rate)^(i+1). To count an initial investment at time 0,
// add it to the result rather than passing it.
//
// The rate must be above -100%; it may carry more than 18 fraction digits
// (see [PeriodRate]) and is used to [CashFlowDigits] significant digits.
// Each flow must pass partnerops.Decimal.Validate. The result is rounded
// half-even to [CashFlowPlaces] decimal places. Problems are
// *partnerops.ValidationError values naming the rate ("rate") or the flow
// ("flows[3]"), wrapping partnerops.ErrRange where a value is out of range.
func NPV(rate partnerops.Percent, flows []partnerops.Decimal) (partnerops.Decimal, error) {
	r, err := econRate("rate", rate)
	if err != nil {
		return partnerops.Decimal{}, fmt.Errorf("economics: NPV: %w", err)
	}
	fs, err := econFlows("NPV", flows)
	if err != nil {
		return partnerops.Decimal{}, err
	}
	pv := econPV(r, fs)
	return fence.Wrap(econDiv(pv, econOne.Add(r)).RoundBank(CashFlowPlaces)), nil
}

// IRR returns the internal rate of return per period of periodic cash
// flows, the rate at which their NPV is zero, as the spreadsheet function
// IRR(values) does (the first flow at time 0). It is IRRGuess with a
// guess of 10%, the spreadsheet default.
func IRR(flows []partnerops.Decimal) (partnerops.Percent, error) {
	return IRRGuess(flows, partnerops.PercentFromInt(10))
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
//  3. the rate (as a fraction) is rounded half-even to [CashFlowPlaces]
//     places and returned as a Percent.
//
// Every NPV evaluation is linear in the number of flows, and the number
// of evaluations is bounded (33 on the grid, at most 400 steps), so IRR is
// linear in the number of flows.
//
// Flows that never change sign have no IRR; neither do flows whose NPV
// does not change sign on the grid (a root beyond +10,000% or below -99%,
// or a double root where the NPV only touches zero). Both give an error
// wrapping [ErrNoIRR]. Conventional flows (one sign change) have exactly
// one IRR above -100%.
func IRRGuess(flows []partnerops.Decimal, guess partnerops.Percent) (partnerops.Percent, error) {
	g, err := econRate("guess", guess)
	if err != nil {
		return partnerops.Percent{}, fmt.Errorf("economics: IRR: %w", err)
	}
	fs, err := econFlows("IRR", flows)
	if err != nil {
		return partnerops.Percent{}, err
	}
	if err := econSignChange(fs); err != nil {
		return partnerops.Percent{}, err
	}
	r, err := econSolve(g, func(r decimal.Decimal) decimal.Decimal { return econPV(r, fs) })
	if err != nil {
		return partnerops.Percent{}, err
	}
	return fence.PercentFromFraction(r), nil
}

// econSignChange reports ErrNoIRR unless flows hold a positive and a
// negative value.
func econSignChange(flows []decimal.Decimal) error {
	pos, neg := false, false
	for _, f := range flows {
		pos = pos || f.Sign() > 0
		neg = neg || f.Sign() < 0
	}
	if !pos || !neg {
		return fmt.Errorf("%w: the cash flows need a positive and a negative value (no sign change)", ErrNoIRR)
	}
	return nil
}

// econSolve finds a root of f on the grid interval nearest guess.
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
		return decimal.Decimal{}, fmt.Errorf("%w: the NPV does not change sign between -99%% and 10000%%", ErrNoIRR)
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
			c = econRound(b.Sub(econDiv(econRound(fb.Mul(b.Sub(a))), econAdd(fb, fa.Neg()))))
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

// econDated validates dated flows and returns their amounts and each
// flow's days after the first flow's date.
func econDated(op string, flows []DatedCashFlow) ([]decimal.Decimal, []int64, error) {
	if len(flows) == 0 {
		return nil, nil, fmt.Errorf("economics: %s: no dated cash flows: %w", op, partnerops.ErrInvalid)
	}
	if len(flows) > MaxCashFlows {
		return nil, nil, fmt.Errorf("economics: %s: %d cash flows, more than %d: %w", op, len(flows), MaxCashFlows, partnerops.ErrRange)
	}
	var p partnerops.Problems
	amounts := make([]decimal.Decimal, len(flows))
	days := make([]int64, len(flows))
	for i, f := range flows {
		if err := f.Amount.Validate(); err != nil {
			fixed.AddErr(&p, partnerops.Path("flows", i, "amount"), err)
		}
		amounts[i] = fence.Dec(f.Amount)
		days[i] = econDaysFrom(flows[0].Date, f.Date)
		if days[i] < 0 {
			p.Addf(partnerops.Path("flows", i, "date"), f.Date.Format(time.DateOnly),
				"before the first flow's date (%s)", flows[0].Date.Format(time.DateOnly))
		}
	}
	if err := p.Err(); err != nil {
		return nil, nil, fmt.Errorf("economics: %s: %w", op, err)
	}
	return amounts, days, nil
}

// econXPV returns the sum of amount / (1+rate)^(days/365). order lists
// the flows by days (see econOrder): the discount factor of each is the
// previous one times v^gap, so the powers cost O(log gap) per flow and
// the sum stays linear in the flows for any dates.
func econXPV(rate decimal.Decimal, amounts []decimal.Decimal, days []int64, order []int32) decimal.Decimal {
	// v is the one-day discount factor (1+rate)^(-1/365).
	v := econDiv(econOne, econRoot(econOne.Add(rate), 365))
	sum := decimal.Zero
	factor, at := econOne, int64(0)
	for _, i := range order {
		if d := days[i]; d > at {
			factor = econRound(factor.Mul(econPow(v, d-at)))
			at = d
		}
		sum = econAdd(sum, econRound(amounts[i].Mul(factor)))
	}
	return econRound(sum)
}

// econOrder returns the flow indexes ordered by days (stable).
func econOrder(days []int64) []int32 {
	order := make([]int32, len(days))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(days[a], days[b]) })
	return order
}

// XNPV returns the net present value of dated cash flows at an annual
// rate, as the spreadsheet function XNPV(rate, values, dates) does: each
// amount is divided by (1+rate)^(d/365), where d is the number of days
// from the first flow's date (Actual/365). The first flow's date starts
// the schedule; an earlier date is an error wrapping
// [partnerops.ErrInvalid]. The fractional power is (1+rate)^(1/365) by
// Newton's method on decimals, raised to d by repeated squaring, all at
// [CashFlowDigits] significant digits; the result is rounded half-even to
// [CashFlowPlaces] places. The rate and amounts are checked as [NPV]
// checks them.
func XNPV(rate partnerops.Percent, flows []DatedCashFlow) (partnerops.Decimal, error) {
	r, err := econRate("rate", rate)
	if err != nil {
		return partnerops.Decimal{}, fmt.Errorf("economics: XNPV: %w", err)
	}
	amounts, days, err := econDated("XNPV", flows)
	if err != nil {
		return partnerops.Decimal{}, err
	}
	return fence.Wrap(econXPV(r, amounts, days, econOrder(days)).RoundBank(CashFlowPlaces)), nil
}

// XIRR returns the annual internal rate of return of dated cash flows,
// the rate at which [XNPV] is zero, as the spreadsheet function
// XIRR(values, dates) does, searched like [IRRGuess] with a guess of 10%.
// Flows without both signs, or whose XNPV does not change sign between
// -99% and +10,000%, give an error wrapping [ErrNoIRR].
func XIRR(flows []DatedCashFlow) (partnerops.Percent, error) {
	return XIRRGuess(flows, partnerops.PercentFromInt(10))
}

// XIRRGuess is [XIRR] with a guess that picks among several roots, as
// [IRRGuess] does.
func XIRRGuess(flows []DatedCashFlow, guess partnerops.Percent) (partnerops.Percent, error) {
	g, err := econRate("guess", guess)
	if err != nil {
		return partnerops.Percent{}, fmt.Errorf("economics: XIRR: %w", err)
	}
	amounts, days, err := econDated("XIRR", flows)
	if err != nil {
		return partnerops.Percent{}, err
	}
	if err := econSignChange(amounts); err != nil {
		return partnerops.Percent{}, err
	}
	order := econOrder(days)
	r, err := econSolve(g, func(r decimal.Decimal) decimal.Decimal { return econXPV(r, amounts, days, order) })
	if err != nil {
		return partnerops.Percent{}, err
	}
	return fence.PercentFromFraction(r), nil
}

// PeriodRate returns the rate per period equivalent to an annual rate
// compounded periodsPerYear times a year: (1 + annual)^(1/periodsPerYear)
// - 1, to [CashFlowDigits] significant digits (a monthly rate from 9% a
// year is 0.7207323316136...%). The result has more than 18 fraction
// digits; [NPV], [IRRGuess] and the other cash-flow functions accept it.
// periodsPerYear must be between 1 and 366.
func PeriodRate(annual partnerops.Percent, periodsPerYear int) (partnerops.Percent, error) {
	r, err := econRate("annual", annual)
	if err != nil {
		return partnerops.Percent{}, fmt.Errorf("economics: period rate: %w", err)
	}
	if periodsPerYear < 1 || periodsPerYear > 366 {
		return partnerops.Percent{}, fmt.Errorf("economics: period rate: %d periods a year: %w", periodsPerYear,
			&partnerops.ValidationError{Path: "periods_per_year", Rule: "must be between 1 and 366", Value: strconv.Itoa(periodsPerYear)})
	}
	return fence.PercentFromFraction(econRoot(econOne.Add(r), int64(periodsPerYear)).Sub(econOne)), nil
}

// PaybackPeriod returns when the cumulative sum of periodic cash flows
// (the first at time 0, then one per period) turns non-negative for good:
// the number of periods, with the last period's share interpolated
// linearly. For -100, 30, 40, 50 the cumulative sums are -100, -70, -30,
// 20, so the payback is 2 + 30/50 = 2.6 periods. The fraction is rounded
// once, half-even to 4 places, from the exact quotient. Flows whose
// cumulative sum ends negative give an error wrapping [ErrNoPayback];
// flows that never go negative pay back at 0. Each flow must pass
// partnerops.Decimal.Validate (an error wrapping partnerops.ErrRange
// names the flow).
func PaybackPeriod(flows []partnerops.Decimal) (partnerops.Decimal, error) {
	fs, err := econFlows("payback period", flows)
	if err != nil {
		return partnerops.Decimal{}, err
	}
	return econPayback(fs)
}

// econPayback is PaybackPeriod on checked flows. The cumulative sum is
// kept in int64 units of the flows' finest scale while it fits (no
// allocation per flow), in a decimal otherwise.
func econPayback(flows []decimal.Decimal) (partnerops.Decimal, error) {
	scale := int32(0)
	for _, f := range flows {
		scale = max(scale, -f.Exponent())
	}
	var acc econSum
	acc.scale = scale
	last := -1 // the last index with a negative cumulative sum
	var lastSum decimal.Decimal
	for i, f := range flows {
		acc.add(f)
		if acc.sign() < 0 {
			last, lastSum = i, acc.value()
		}
	}
	switch {
	case last < 0:
		return partnerops.NewDecimal(0, 0), nil
	case last == len(flows)-1:
		return partnerops.Decimal{}, fmt.Errorf("%w: the cumulative cash flow ends at %s", ErrNoPayback, fence.Format(acc.value()))
	}
	// The next flow is positive (it lifts the sum from below zero to zero
	// or above), so the quotient is in (0, 1].
	frac, err := fence.Quo(lastSum.Neg(), flows[last+1], 4, partnerops.RoundHalfEven)
	if err != nil {
		return partnerops.Decimal{}, err
	}
	return fence.Wrap(decimal.NewFromInt(int64(last)).Add(frac)), nil
}

// econSum is an exact running sum of decimals: in int64 units of 10^-scale
// while the values and the sum fit, in a decimal from the first that does
// not.
type econSum struct {
	scale int32
	units int64
	slow  bool
	dec   decimal.Decimal
}

func (s *econSum) add(f decimal.Decimal) {
	if !s.slow {
		if v, ok := econUnits(f, s.scale); ok {
			if t := s.units + v; (v >= 0) == (t >= s.units) {
				s.units = t
				return
			}
		}
		s.slow, s.dec = true, decimal.New(s.units, -s.scale)
	}
	s.dec = s.dec.Add(f)
}

func (s *econSum) sign() int {
	if s.slow {
		return s.dec.Sign()
	}
	switch {
	case s.units < 0:
		return -1
	case s.units > 0:
		return 1
	}
	return 0
}

func (s *econSum) value() decimal.Decimal {
	if s.slow {
		return s.dec
	}
	return decimal.New(s.units, -s.scale)
}

// econUnits returns f in units of 10^-scale when that fits an int64.
func econUnits(f decimal.Decimal, scale int32) (int64, bool) {
	if f.NumDigits() > 18 {
		return 0, false
	}
	v := f.CoefficientInt64()
	for e := f.Exponent() + scale; e > 0; e-- {
		if v > math.MaxInt64/10 || v < math.MinInt64/10 {
			return 0, false
		}
		v *= 10
	}
	return v, true
}
