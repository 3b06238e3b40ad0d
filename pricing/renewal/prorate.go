package renewal

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
)

// civil returns t's calendar date as a day number (days since 1970-01-01
// in t's own location).
func civil(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// actualDays counts calendar days from a to b (b exclusive).
func actualDays(a, b time.Time) int64 { return civil(b) - civil(a) }

// days360 counts days from a to b on the US 30/360 bond basis.
func days360(a, b time.Time) int64 {
	y1, m1, d1 := a.Date()
	y2, m2, d2 := b.Date()
	if d1 == 31 {
		d1 = 30
	}
	if d2 == 31 && d1 == 30 {
		d2 = 30
	}
	return int64(360*(y2-y1) + 30*(int(m2)-int(m1)) + (d2 - d1))
}

// wholeYears returns the number of whole anniversary years from a to b,
// and whether b falls exactly on an anniversary.
func wholeYears(a, b time.Time) (int, bool) {
	n := b.Year() - a.Year()
	for n > 0 && addMonths(a, 12*n).After(b) {
		n--
	}
	return n, n > 0 && addMonths(a, 12*n).Equal(b)
}

// addMonths adds n months to t keeping the day of month where it exists
// and clamping it to the month's last day otherwise (Jan 31 + 1 month is
// Feb 28 or 29), always from t, so anniversaries do not drift.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	h, mi, s := t.Clock()
	return time.Date(first.Year(), first.Month(), d, h, mi, s, t.Nanosecond(), t.Location())
}

// count returns the part's and the term's day counts under c.
func count(c DayCount, term, part partnerops.Period) (num, den int64, err error) {
	switch c {
	case DayCount30360:
		return days360(part.Start, part.End), days360(term.Start, term.End), nil
	case DayCountActual365:
		y, ok := wholeYears(term.Start, term.End)
		if !ok {
			return 0, 0, fmt.Errorf("term %s is not whole years, as actual_365 needs: %w", term, partnerops.ErrInvalid)
		}
		return actualDays(part.Start, part.End), 365 * int64(y), nil
	}
	return actualDays(part.Start, part.End), actualDays(term.Start, term.End), nil
}

// Proration asks for the share of a term's price that a part of the term
// pays.
type Proration struct {
	// Price is the price of the whole Term.
	Price partnerops.Money  `json:"price"`
	Term  partnerops.Period `json:"term"`
	// Part lies within Term.
	Part partnerops.Period `json:"part"`
}

// Prorated is a prorated amount: Price × Days / TermDays, rounded once.
type Prorated struct {
	DayCount DayCount         `json:"day_count"`
	Price    partnerops.Money `json:"price"`
	Days     int64            `json:"days"`
	TermDays int64            `json:"term_days"`
	Amount   partnerops.Money `json:"amount"`
}

// Prorate charges the part of a term: Price × count(Part) / count(Term)
// under the engine's day count, divided once and rounded with the terms'
// rounding. Prorating a whole term gives its price (actual and 30/360;
// under actual_365 a term with a 29 February gives 366/365 of it).
func (e *Engine) Prorate(pr Proration) (Prorated, error) {
	var p partnerops.Problems
	price, err := pr.Price.InCurrency(e.currency) // negative: a credit
	if err != nil {
		p.AddErr("price", err)
	}
	if err := pr.Term.Validate(); err != nil {
		p.Merge("term", err)
	}
	if err := pr.Part.Validate(); err != nil {
		p.Merge("part", err)
	} else if pr.Part.Start.Before(pr.Term.Start) || pr.Part.End.After(pr.Term.End) {
		p.Add("part", "must lie within the term "+pr.Term.String(), pr.Part.String())
	}
	if err := p.Err(); err != nil {
		return Prorated{}, wrap(err, "prorating")
	}
	num, den, err := count(e.dayCount, pr.Term, pr.Part)
	if err != nil {
		return Prorated{}, wrap(err, "prorating")
	}
	amt, err := e.fraction(price, num, den)
	if err != nil {
		return Prorated{}, wrap(err, "prorating")
	}
	return Prorated{DayCount: e.dayCount, Price: price, Days: num, TermDays: den, Amount: amt}, nil
}

// fraction returns price × num / den rounded once.
func (e *Engine) fraction(price partnerops.Money, num, den int64) (partnerops.Money, error) {
	if den <= 0 {
		return partnerops.Money{}, fmt.Errorf("term counts %d days: %w", den, partnerops.ErrDivisionByZero)
	}
	q, err := price.Amount().Mul(partnerops.DecimalFromInt(num)).Quo(partnerops.DecimalFromInt(den), e.places, e.mode)
	if err != nil {
		return partnerops.Money{}, err
	}
	return partnerops.NewMoney(q, e.currency)
}

// Change is a mid-term change to a contract, co-terminated to its end: an
// add-on (a positive AnnualPrice) or a downgrade (a negative one, which
// gives credits).
type Change struct {
	// Contract is the contract's term; its contract years run from
	// Contract.Start by anniversary, the last one possibly short.
	Contract partnerops.Period `json:"contract"`
	// Start is when the change takes effect, within the contract.
	Start time.Time `json:"start"`
	// AnnualPrice is the change's price for a full contract year
	// (quantity × annual unit price).
	AnnualPrice partnerops.Money `json:"annual_price"`
}

// CoTermed is a change's charges (or credits), one per contract year from
// the change to the contract's end.
type CoTermed struct {
	DayCount DayCount         `json:"day_count"`
	Charges  []Charge         `json:"charges"`
	Total    partnerops.Money `json:"total"`
}

// Charge is an amount due for a dated period.
type Charge struct {
	Period partnerops.Period `json:"period"`
	// Days of the period and of the full interval it is part of, under
	// the day count (zero for ramp charges allocated by months).
	Days     int64            `json:"days,omitempty"`
	FullDays int64            `json:"full_days,omitempty"`
	Amount   partnerops.Money `json:"amount"`
	// Segment is the ramp segment a charge bills (ramp schedules only).
	Segment string `json:"segment,omitempty"`
}

// maxYears bounds the contract years a change spans.
const maxYears = 100

// CoTerm co-terminates a change to the contract end: for each contract
// year from the change's start, AnnualPrice × count(part of the year) /
// count(the full contract year), each rounded once (under actual_365 a
// full year counts 365 days). A downgrade's negative price gives credits.
func (e *Engine) CoTerm(c Change) (CoTermed, error) {
	var p partnerops.Problems
	price, err := c.AnnualPrice.InCurrency(e.currency)
	if err != nil {
		p.AddErr("annual_price", err)
	}
	if err := c.Contract.Validate(); err != nil {
		p.Merge("contract", err)
	} else if c.Start.Before(c.Contract.Start) || !c.Start.Before(c.Contract.End) {
		p.Add("start", "must lie within the contract "+c.Contract.String(), c.Start.Format(time.RFC3339))
	}
	if err := p.Err(); err != nil {
		return CoTermed{}, wrap(err, "co-terming")
	}
	out := CoTermed{DayCount: e.dayCount, Total: partnerops.Zero(e.currency)}
	for k := 0; ; k++ {
		if k >= maxYears {
			return CoTermed{}, wrap(partnerops.ErrInvalid, "co-terming: contract spans more than %d years", maxYears)
		}
		ys, ye := addMonths(c.Contract.Start, 12*k), addMonths(c.Contract.Start, 12*(k+1))
		if !ys.Before(c.Contract.End) {
			break
		}
		if !ye.After(c.Start) {
			continue
		}
		part := partnerops.Period{Start: maxTime(ys, c.Start), End: minTime(ye, c.Contract.End)}
		full := partnerops.Period{Start: ys, End: ye}
		var num, den int64
		switch e.dayCount {
		case DayCount30360:
			num, den = days360(part.Start, part.End), 360
		case DayCountActual365:
			num, den = actualDays(part.Start, part.End), 365
		default:
			num, den = actualDays(part.Start, part.End), actualDays(full.Start, full.End)
		}
		amt, err := e.fraction(price, num, den)
		if err != nil {
			return CoTermed{}, wrap(err, "co-terming")
		}
		out.Charges = append(out.Charges, Charge{Period: part, Days: num, FullDays: den, Amount: amt})
		out.Total, _ = out.Total.Add(amt)
	}
	return out, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
