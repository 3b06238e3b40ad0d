package economics

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// ErrNoSolution is returned by [NPER] and [RATE] when no number of periods
// or no rate satisfies the annuity equation (the spreadsheet's #NUM!).
var ErrNoSolution = errors.New("economics: no solution")

// PaymentTiming says when in each period a payment falls, as the
// spreadsheet functions' type argument does.
type PaymentTiming string

// Payment timings.
const (
	// PaymentEnd: payments at the end of each period (type 0, an
	// ordinary annuity). The zero value "" means the same.
	PaymentEnd PaymentTiming = "end"
	// PaymentBeginning: payments at the beginning of each period (type 1,
	// an annuity due).
	PaymentBeginning PaymentTiming = "beginning"
)

// MaxAnnuityPeriods bounds the number of periods of [PMT], [PV], [FV] and
// [RATE] (a century of days).
const MaxAnnuityPeriods = 36_600

// The loan and annuity functions solve the spreadsheet's annuity equation,
// with Excel's sign convention (money paid out is negative, money received
// positive):
//
//	pv × (1+rate)^nper + pmt × (1 + rate×type) × ((1+rate)^nper - 1) / rate + fv = 0
//
// and, for a rate of 0, pv + pmt × nper + fv = 0. type is 0 for payments at
// the end of each period ([PaymentEnd]) and 1 at the beginning
// ([PaymentBeginning]). Rates are per period: 8% a year paid monthly is
// 8%/12 (or [PeriodRate] for the compounded equivalent); a rate may carry
// more than 18 fraction digits. Intermediates keep [CashFlowDigits]
// significant digits; results are rounded half-even to [CashFlowPlaces]
// places. nper is a whole number of periods, 1 to [MaxAnnuityPeriods].

// econAnnuity holds the checked inputs of an annuity function.
type econAnnuity struct {
	r    decimal.Decimal // rate per period, a fraction
	n    int64
	due  decimal.Decimal // 1 + r×type
	g    decimal.Decimal // (1+r)^n
	gm1r decimal.Decimal // ((1+r)^n - 1) / r, or n at r = 0
}

func econTiming(op string, when PaymentTiming) (bool, error) {
	switch when {
	case "", PaymentEnd:
		return false, nil
	case PaymentBeginning:
		return true, nil
	}
	return false, fmt.Errorf("economics: %s: %w", op, &partnerops.ValidationError{Path: "timing", Rule: "must be end or beginning", Value: string(when)})
}

// econAnnuityInputs checks rate, nper, timing and the amounts.
func econAnnuityInputs(op, rateName string, rate partnerops.Percent, nper int, when PaymentTiming, amounts map[string]partnerops.Decimal) (econAnnuity, map[string]decimal.Decimal, error) {
	var p partnerops.Problems
	r, err := econRate(rateName, rate)
	if err != nil {
		p.Merge("", err)
	}
	if nper < 1 || nper > MaxAnnuityPeriods {
		p.Addf("nper", strconv.Itoa(nper), "must be a whole number of periods from 1 to %d", MaxAnnuityPeriods)
	}
	beginning, err := econTiming(op, when)
	if err != nil {
		p.Merge("", partnerops.ValidationErrors(err)[0])
	}
	out := make(map[string]decimal.Decimal, len(amounts))
	for _, name := range []string{"pmt", "pv", "fv"} {
		v, ok := amounts[name]
		if !ok {
			continue
		}
		if err := v.Validate(); err != nil {
			p.AddErr(name, err)
			continue
		}
		out[name] = fence.Dec(v)
	}
	if err := p.Err(); err != nil {
		return econAnnuity{}, nil, fmt.Errorf("economics: %s: %w", op, err)
	}
	return econNewAnnuity(r, int64(nper), beginning), out, nil
}

func econNewAnnuity(r decimal.Decimal, n int64, beginning bool) econAnnuity {
	a := econAnnuity{r: r, n: n, due: econOne}
	if beginning {
		a.due = econOne.Add(r)
	}
	a.g = econPow(econOne.Add(r), n)
	if r.IsZero() {
		a.gm1r = decimal.NewFromInt(n)
	} else {
		a.gm1r = econDiv(econAdd(a.g, econOne.Neg()), r)
	}
	return a
}

// econResult rounds a result to CashFlowPlaces.
func econResult(d decimal.Decimal) partnerops.Decimal {
	return fence.Wrap(d.RoundBank(CashFlowPlaces))
}

// PMT returns the payment per period of a loan or annuity, as the
// spreadsheet function PMT(rate, nper, pv, fv, type) does: the payment
// that takes a present value pv to a future value fv over nper periods.
// A loan of 10,000 at 8%/12 a month over 10 months costs -1,037.03 a month
// (paid at the end of each month) or -1,030.16 (at the beginning). See the
// annuity equation above.
func PMT(rate partnerops.Percent, nper int, pv, fv partnerops.Decimal, when PaymentTiming) (partnerops.Decimal, error) {
	a, v, err := econAnnuityInputs("PMT", "rate", rate, nper, when, map[string]partnerops.Decimal{"pv": pv, "fv": fv})
	if err != nil {
		return partnerops.Decimal{}, err
	}
	// pmt = -(pv×g + fv) / (due × gm1r)
	num := econAdd(econRound(v["pv"].Mul(a.g)), v["fv"]).Neg()
	return econResult(econDiv(num, econRound(a.due.Mul(a.gm1r)))), nil
}

// PV returns the present value of a series of equal payments, as the
// spreadsheet function PV(rate, nper, pmt, fv, type) does: an annuity
// paying 500 a month for 20 years at 8%/12 is worth -59,777.15 today (what
// it costs). See the annuity equation above.
func PV(rate partnerops.Percent, nper int, pmt, fv partnerops.Decimal, when PaymentTiming) (partnerops.Decimal, error) {
	a, v, err := econAnnuityInputs("PV", "rate", rate, nper, when, map[string]partnerops.Decimal{"pmt": pmt, "fv": fv})
	if err != nil {
		return partnerops.Decimal{}, err
	}
	// pv = -(fv + pmt × due × gm1r) / g
	num := econAdd(v["fv"], econRound(econRound(v["pmt"].Mul(a.due)).Mul(a.gm1r))).Neg()
	return econResult(econDiv(num, a.g)), nil
}

// FV returns the future value of an investment of pv plus equal payments,
// as the spreadsheet function FV(rate, nper, pmt, pv, type) does: saving
// 1,000 a month for a year at 12%/12 grows to 12,682.50. See the annuity
// equation above.
func FV(rate partnerops.Percent, nper int, pmt, pv partnerops.Decimal, when PaymentTiming) (partnerops.Decimal, error) {
	a, v, err := econAnnuityInputs("FV", "rate", rate, nper, when, map[string]partnerops.Decimal{"pmt": pmt, "pv": pv})
	if err != nil {
		return partnerops.Decimal{}, err
	}
	// fv = -(pv×g + pmt × due × gm1r)
	fv := econAdd(econRound(v["pv"].Mul(a.g)), econRound(econRound(v["pmt"].Mul(a.due)).Mul(a.gm1r))).Neg()
	return econResult(fv), nil
}

// NPER returns the number of periods a loan or annuity takes, as the
// spreadsheet function NPER(rate, pmt, pv, fv, type) does; it may be
// fractional: paying 100 a month into 1,000 at 12%/12 reaches 10,000
// after 60.0821228903 months. When no number of periods solves the
// annuity equation (the payments never get there) the error wraps
// [ErrNoSolution]. The logarithms are computed by square-root range
// reduction and a series to about 28 significant digits; the result is
// rounded half-even to [CashFlowPlaces] places.
func NPER(rate partnerops.Percent, pmt, pv, fv partnerops.Decimal, when PaymentTiming) (partnerops.Decimal, error) {
	a, v, err := econAnnuityInputs("NPER", "rate", rate, 1, when, map[string]partnerops.Decimal{"pmt": pmt, "pv": pv, "fv": fv})
	if err != nil {
		return partnerops.Decimal{}, err
	}
	p, pvv, fvv := v["pmt"], v["pv"], v["fv"]
	if a.r.IsZero() {
		if p.IsZero() {
			return partnerops.Decimal{}, fmt.Errorf("%w: NPER with a zero rate and no payment", ErrNoSolution)
		}
		return econResult(econDiv(econAdd(pvv, fvv).Neg(), p)), nil
	}
	// n = ln((pmt×due - fv×r) / (pmt×due + pv×r)) / ln(1+r)
	pd := econRound(p.Mul(a.due))
	num := econAdd(pd, econRound(fvv.Mul(a.r)).Neg())
	den := econAdd(pd, econRound(pvv.Mul(a.r)))
	if den.IsZero() || num.IsZero() || num.Sign() != den.Sign() {
		return partnerops.Decimal{}, fmt.Errorf("%w: NPER: the payments never reach the future value", ErrNoSolution)
	}
	return econResult(econDiv(econLn(econDiv(num, den)), econLn(econOne.Add(a.r)))), nil
}

// RATE returns the interest rate per period of a loan or annuity, as the
// spreadsheet function RATE(nper, pmt, pv, fv, type, guess) does: a loan
// of 8,000 repaid at 200 a month over 48 months costs 0.7701472%
// a month. The rate is searched like [IRRGuess] (a grid from -99% to
// +10,000%, the bracket nearest guess narrowed to [IRRTolerance]); no
// rate gives an error wrapping [ErrNoSolution]. The result, as a
// fraction, is rounded half-even to [CashFlowPlaces] places.
func RATE(nper int, pmt, pv, fv partnerops.Decimal, when PaymentTiming, guess partnerops.Percent) (partnerops.Percent, error) {
	_, v, err := econAnnuityInputs("RATE", "guess", guess, nper, when, map[string]partnerops.Decimal{"pmt": pmt, "pv": pv, "fv": fv})
	if err != nil {
		return partnerops.Percent{}, err
	}
	g, _ := econRate("guess", guess) // checked above
	beginning := when == PaymentBeginning
	p, pvv, fvv := v["pmt"], v["pv"], v["fv"]
	f := func(r decimal.Decimal) decimal.Decimal {
		a := econNewAnnuity(r, int64(nper), beginning)
		return econAdd(econAdd(econRound(pvv.Mul(a.g)), econRound(econRound(p.Mul(a.due)).Mul(a.gm1r))), fvv)
	}
	r, err := econSolve(g, f)
	if err != nil {
		return partnerops.Percent{}, fmt.Errorf("%w: RATE: the annuity equation does not change sign between -99%% and 10000%%", ErrNoSolution)
	}
	return fence.PercentFromFraction(r), nil
}

// econLn returns the natural logarithm of x > 0: x is brought near 1 by
// repeated square roots (ln x = 2^k ln x^(1/2^k)), then
// ln y = 2 atanh((y-1)/(y+1)) by its series.
func econLn(x decimal.Decimal) decimal.Decimal {
	limit := decimal.New(1, -3)
	k := 0
	for ; x.Sub(econOne).Abs().GreaterThan(limit) && k < 400; k++ {
		x = econRoot(x, 2)
	}
	z := econDiv(x.Sub(econOne), x.Add(econOne))
	z2 := econRound(z.Mul(z))
	sum, term := z, z
	tiny := decimal.New(1, -CashFlowDigits-6)
	for i := int64(3); i < 200; i += 2 {
		term = econRound(term.Mul(z2))
		t := econDiv(term, decimal.NewFromInt(i))
		if t.Abs().LessThan(tiny) {
			break
		}
		sum = econAdd(sum, t)
	}
	return econRound(sum.Mul(econPow(decimal.NewFromInt(2), int64(k)+1)))
}
