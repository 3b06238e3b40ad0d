package partnerops

import (
	"fmt"
	"iter"
	"strings"
	"time"
)

// PeriodUnit is the granularity of a [Period]: it decides what
// [Period.Next] and [Period.Previous] step by.
type PeriodUnit string

// Period units.
const (
	// UnitCustom is a period of arbitrary length; Next and Previous shift
	// it by its own duration.
	UnitCustom  PeriodUnit = ""
	UnitDay     PeriodUnit = "day"
	UnitWeek    PeriodUnit = "week"
	UnitMonth   PeriodUnit = "month"
	UnitQuarter PeriodUnit = "quarter"
	UnitHalf    PeriodUnit = "half"
	UnitYear    PeriodUnit = "year"
)

// months returns the length of u in calendar months, or 0 for units that
// are not month-based.
func (u PeriodUnit) months() int {
	switch u {
	case UnitMonth:
		return 1
	case UnitQuarter:
		return 3
	case UnitHalf:
		return 6
	case UnitYear:
		return 12
	}
	return 0
}

// Valid reports whether u is one of the declared units.
func (u PeriodUnit) Valid() bool {
	switch u {
	case UnitCustom, UnitDay, UnitWeek, UnitMonth, UnitQuarter, UnitHalf, UnitYear:
		return true
	}
	return false
}

// Period is a half-open time range [Start, End): it contains Start and not
// End, so consecutive periods tile time without overlap or gap. Unit says
// what the period is (a month, a fiscal quarter, ...) and what Next and
// Previous step by. Periods are built by a [Calendar] or by [NewPeriod].
//
// The zero value is the empty period, which contains nothing and is not
// [Period.Valid]. Compare periods with [Period.Equal]: == also compares the
// time.Location pointers.
type Period struct {
	Start time.Time  `json:"start"`
	End   time.Time  `json:"end"`
	Unit  PeriodUnit `json:"unit,omitempty"`
}

// NewPeriod returns the custom period [start, end). It fails with an error
// wrapping [ErrInvalid] unless start is before end.
func NewPeriod(start, end time.Time) (Period, error) {
	p := Period{Start: start, End: end}
	if err := p.Validate(); err != nil {
		return Period{}, err
	}
	return p, nil
}

// Validate reports a [*ValidationError] when Start is not before End or
// the unit is unknown.
func (p Period) Validate() error {
	var probs Problems
	if p.Start.IsZero() || p.End.IsZero() {
		probs.Add("", "period needs a start and an end", "")
	} else if !p.Start.Before(p.End) {
		probs.Add("end", "must be after start", p.End.Format(time.RFC3339))
	}
	if !p.Unit.Valid() {
		probs.Add("unit", "must be day, week, month, quarter, half, year or empty", string(p.Unit))
	}
	return probs.Err()
}

// Valid reports whether [Period.Validate] finds nothing wrong.
func (p Period) Valid() bool {
	return !p.Start.IsZero() && p.Start.Before(p.End) && p.Unit.Valid()
}

// Contains reports whether Start <= t < End.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// Overlaps reports whether p and o share any instant.
func (p Period) Overlaps(o Period) bool {
	return p.Start.Before(o.End) && o.Start.Before(p.End)
}

// Equal reports whether p and o have the same unit and the same instants.
func (p Period) Equal(o Period) bool {
	return p.Unit == o.Unit && p.Start.Equal(o.Start) && p.End.Equal(o.End)
}

// Duration returns End - Start.
func (p Period) Duration() time.Duration { return p.End.Sub(p.Start) }

// Next returns the period that follows p: the next month, quarter or year
// for month-based units (stepping by calendar months, so lengths vary), the
// next day or week, or the next span of the same duration for a custom
// period.
func (p Period) Next() Period { return p.shift(1) }

// Previous returns the period that precedes p; see [Period.Next].
func (p Period) Previous() Period { return p.shift(-1) }

// Shift returns the period n steps after p (before it for negative n).
func (p Period) Shift(n int) Period { return p.shift(n) }

func (p Period) shift(n int) Period {
	if m := p.Unit.months(); m > 0 {
		return Period{Start: addMonths(p.Start, n*m, p.Start.Day()), End: addMonths(p.End, n*m, p.End.Day()), Unit: p.Unit}
	}
	switch p.Unit {
	case UnitDay:
		return Period{Start: addDays(p.Start, n), End: addDays(p.End, n), Unit: p.Unit}
	case UnitWeek:
		return Period{Start: addDays(p.Start, 7*n), End: addDays(p.End, 7*n), Unit: p.Unit}
	}
	// A custom period spanning whole months (an anniversary year, a
	// contract quarter) steps by months from its own start, keeping its day
	// of month and clock: 2027-03-15..2028-03-15 is followed by
	// 2028-03-15..2029-03-15. A start on the 29th to 31st is clamped to
	// the last day of shorter months, and the anchor day is kept: a period
	// from January 31 to February 28 is followed by February 28 to March 31.
	if k, anchor, ok := monthSpan(p.Start, p.End); ok {
		return Period{Start: addMonths(p.Start, n*k, anchor), End: addMonths(p.Start, (n+1)*k, anchor), Unit: p.Unit}
	}
	d := time.Duration(n) * p.Duration()
	return Period{Start: p.Start.Add(d), End: p.End.Add(d), Unit: p.Unit}
}

// monthSpan reports whether [start, end) is a whole number k of months
// (anniversary style, with month-end clamping), and the day of month it is
// anchored to.
func monthSpan(start, end time.Time) (k int, anchor int, ok bool) {
	if start.Location() != end.Location() {
		end = end.In(start.Location())
	}
	hs, ms, ss := start.Clock()
	he, me, se := end.Clock()
	if hs != he || ms != me || ss != se || start.Nanosecond() != end.Nanosecond() {
		return 0, 0, false
	}
	k = (end.Year()-start.Year())*12 + int(end.Month()) - int(start.Month())
	if k <= 0 {
		return 0, 0, false
	}
	for _, a := range []int{start.Day(), end.Day()} {
		if a < start.Day() {
			continue
		}
		if clampDay(start.Year(), start.Month(), a) == start.Day() && sameDate(addMonths(start, k, a), end) {
			return k, a, true
		}
	}
	return 0, 0, false
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

func clampDay(y int, m time.Month, day int) int { return min(day, daysIn(y, m)) }

// addMonths moves t by n calendar months to day anchor of the target month,
// clamped to its last day, keeping t's clock. Where t is the first instant
// of its day (a period bound), the result is the first instant of the
// target day, which differs from midnight where DST starts at midnight.
func addMonths(t time.Time, n, anchor int) time.Time {
	y, m, _ := t.Date()
	total := int(m) - 1 + n
	y += floorDiv(total, 12)
	tm := time.Month(total - floorDiv(total, 12)*12 + 1)
	d := clampDay(y, tm, anchor)
	if isStartOfDay(t) {
		return StartOfDay(y, tm, d, t.Location())
	}
	hh, mm, ss := t.Clock()
	return time.Date(y, tm, d, hh, mm, ss, t.Nanosecond(), t.Location())
}

// addDays moves t by n calendar days, keeping period bounds on the first
// instant of their day.
func addDays(t time.Time, n int) time.Time {
	if isStartOfDay(t) {
		y, m, d := t.Date()
		return StartOfDay(y, m, d+n, t.Location())
	}
	return t.AddDate(0, 0, n)
}

func isStartOfDay(t time.Time) bool {
	y, m, d := t.Date()
	return StartOfDay(y, m, d, t.Location()).Equal(t)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// StartOfDay returns the first instant of the date year-month-day in loc.
// That is midnight, except where a daylight-saving change skips midnight
// (America/Santiago on 2016-08-14, Havana, Asunción): there the day begins
// when the clocks jump, at 01:00. time.Date would give an instant of the
// day before instead. Month and day are normalized as time.Date does
// (day 32 of January is February 1).
func StartOfDay(year int, month time.Month, day int, loc *time.Location) time.Time {
	t := time.Date(year, month, day, 0, 0, 0, 0, loc)
	ny, nm, nd := time.Date(year, month, day, 12, 0, 0, 0, time.UTC).Date()
	if ty, tm, td := t.Date(); ty == ny && tm == nm && td == nd {
		return t
	}
	// Midnight fell into a gap and t is on the day before: the day starts
	// at the end of the zone period containing t.
	if _, end := t.ZoneBounds(); !end.IsZero() {
		if ey, em, ed := end.Date(); ey == ny && em == nm && ed == nd {
			return end
		}
	}
	// No zone data to go by: step forward to the first whole minute of the
	// date (a gap is at most a few hours).
	for i := 0; i < 24*60; i++ {
		t = t.Add(time.Minute)
		if ty, tm, td := t.Date(); ty == ny && tm == nm && td == nd {
			return t
		}
	}
	return t
}

// Periods yields p and the n-1 periods after it, in order.
func (p Period) Periods(n int) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		cur := p
		for i := 0; i < n; i++ {
			if !yield(cur) {
				return
			}
			cur = cur.Next()
		}
	}
}

// Through returns p, its successors, up to and including the period that
// contains last's start. It returns nil when last starts before p, and at
// most limit periods (a guard against runaway ranges; limit <= 0 means
// 10,000).
func (p Period) Through(last Period, limit int) []Period {
	if limit <= 0 {
		limit = 10000
	}
	var out []Period
	for cur := p; !cur.Start.After(last.Start) && len(out) < limit; cur = cur.Next() {
		out = append(out, cur)
		if cur.Duration() <= 0 {
			break
		}
	}
	return out
}

// String renders the period as "2026-01-01..2026-04-01" (dates when both
// bounds are midnight, RFC 3339 otherwise), followed by the unit in
// parentheses when there is one.
func (p Period) String() string {
	f := func(t time.Time) string {
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return t.Format(time.DateOnly)
		}
		return t.Format(time.RFC3339)
	}
	s := f(p.Start) + ".." + f(p.End)
	if p.Unit != UnitCustom {
		s += " (" + string(p.Unit) + ")"
	}
	return s
}

// Calendar builds months, quarters, halves and years, calendar or fiscal.
// FiscalYearStart is the month the fiscal year begins in (January when
// zero). Fiscal years are named by the calendar year in which they end (a
// fiscal year starting in July 2026 is FY2027), unless NameByStartYear is
// set. Periods start at midnight in the location of the time they are
// computed from, so a host chooses the time zone by the times it passes.
//
// The zero Calendar is the plain calendar year. Calendar is a value; it is
// safe for concurrent use.
type Calendar struct {
	FiscalYearStart time.Month `json:"fiscal_year_start,omitempty"`
	NameByStartYear bool       `json:"name_by_start_year,omitempty"`
}

// Validate reports a [*ValidationError] when the start month is out of range.
func (c Calendar) Validate() error {
	if c.FiscalYearStart < 0 || c.FiscalYearStart > 12 {
		return &ValidationError{Path: "fiscal_year_start", Rule: "must be a month from 1 to 12", Value: fmt.Sprint(int(c.FiscalYearStart))}
	}
	return nil
}

func (c Calendar) startMonth() time.Month {
	if c.FiscalYearStart < 1 || c.FiscalYearStart > 12 {
		return time.January
	}
	return c.FiscalYearStart
}

// Day returns the day containing t. Every period a Calendar builds starts
// at the first instant of its first day ([StartOfDay]) in t's location.
func (c Calendar) Day(t time.Time) Period {
	y, m, d := t.Date()
	loc := t.Location()
	return Period{Start: StartOfDay(y, m, d, loc), End: StartOfDay(y, m, d+1, loc), Unit: UnitDay}
}

// Week returns the ISO week (Monday to Monday) containing t.
func (c Calendar) Week(t time.Time) Period {
	y, m, d := t.Date()
	offset := (int(t.Weekday()) + 6) % 7 // days since Monday
	loc := t.Location()
	return Period{Start: StartOfDay(y, m, d-offset, loc), End: StartOfDay(y, m, d-offset+7, loc), Unit: UnitWeek}
}

// Month returns the calendar month containing t.
func (c Calendar) Month(t time.Time) Period {
	y, m, _ := t.Date()
	loc := t.Location()
	return Period{Start: StartOfDay(y, m, 1, loc), End: StartOfDay(y, m+1, 1, loc), Unit: UnitMonth}
}

// fiscalBlock returns the block of n months, aligned to the fiscal year
// start, containing t.
func (c Calendar) fiscalBlock(t time.Time, n int, u PeriodUnit) Period {
	y, m, _ := t.Date()
	monthsIn := (int(m) - int(c.startMonth()) + 12) % 12
	first := m - time.Month(monthsIn%n)
	loc := t.Location()
	return Period{Start: StartOfDay(y, first, 1, loc), End: StartOfDay(y, first+time.Month(n), 1, loc), Unit: u}
}

// Quarter returns the fiscal quarter containing t.
func (c Calendar) Quarter(t time.Time) Period { return c.fiscalBlock(t, 3, UnitQuarter) }

// Half returns the fiscal half-year containing t.
func (c Calendar) Half(t time.Time) Period { return c.fiscalBlock(t, 6, UnitHalf) }

// Year returns the fiscal year containing t.
func (c Calendar) Year(t time.Time) Period { return c.fiscalBlock(t, 12, UnitYear) }

// Of returns the period of unit u containing t. A custom unit is not
// computable and gives an error wrapping [ErrInvalid].
func (c Calendar) Of(u PeriodUnit, t time.Time) (Period, error) {
	switch u {
	case UnitDay:
		return c.Day(t), nil
	case UnitWeek:
		return c.Week(t), nil
	case UnitMonth:
		return c.Month(t), nil
	case UnitQuarter:
		return c.Quarter(t), nil
	case UnitHalf:
		return c.Half(t), nil
	case UnitYear:
		return c.Year(t), nil
	}
	return Period{}, fmt.Errorf("partnerops: no calendar period of unit %q: %w", string(u), ErrInvalid)
}

// FiscalYearOf returns the number of the fiscal year containing t.
func (c Calendar) FiscalYearOf(t time.Time) int {
	y := c.Year(t)
	if c.NameByStartYear || c.startMonth() == time.January {
		return y.Start.Year()
	}
	return y.Start.Year() + 1
}

// FiscalYear returns fiscal year fy in loc.
func (c Calendar) FiscalYear(fy int, loc *time.Location) Period {
	startYear := fy
	if !c.NameByStartYear && c.startMonth() != time.January {
		startYear = fy - 1
	}
	return Period{Start: StartOfDay(startYear, c.startMonth(), 1, loc), End: StartOfDay(startYear+1, c.startMonth(), 1, loc), Unit: UnitYear}
}

// FiscalQuarter returns quarter q (1 to 4) of fiscal year fy in loc.
func (c Calendar) FiscalQuarter(fy, q int, loc *time.Location) (Period, error) {
	if q < 1 || q > 4 {
		return Period{}, fmt.Errorf("partnerops: fiscal quarter %d: must be 1 to 4: %w", q, ErrInvalid)
	}
	y := c.FiscalYear(fy, loc)
	sy, sm, _ := y.Start.Date()
	first := sm + time.Month(3*(q-1))
	return Period{Start: StartOfDay(sy, first, 1, loc), End: StartOfDay(sy, first+3, 1, loc), Unit: UnitQuarter}, nil
}

// Label names p in this calendar: "FY2027" for a fiscal year, "FY2027-Q1"
// for a quarter, "FY2027-H2" for a half, "2026-07" for a month,
// "2026-07-14" for a day, "2026-W29" for an ISO week, and the
// [Period.String] form for anything else.
func (c Calendar) Label(p Period) string {
	fy := c.FiscalYearOf(p.Start)
	y := c.FiscalYear(fy, p.Start.Location())
	switch p.Unit {
	case UnitYear:
		return fmt.Sprintf("FY%d", fy)
	case UnitQuarter, UnitHalf:
		monthsIn := (p.Start.Year()-y.Start.Year())*12 + int(p.Start.Month()) - int(y.Start.Month())
		if p.Unit == UnitQuarter {
			return fmt.Sprintf("FY%d-Q%d", fy, monthsIn/3+1)
		}
		return fmt.Sprintf("FY%d-H%d", fy, monthsIn/6+1)
	case UnitMonth:
		return p.Start.Format("2006-01")
	case UnitDay:
		return p.Start.Format(time.DateOnly)
	case UnitWeek:
		yr, wk := p.Start.ISOWeek()
		return fmt.Sprintf("%d-W%02d", yr, wk)
	}
	return p.String()
}

// ParsePeriodUnit parses a unit name ("month", "quarter", ...; "" or
// "custom" for a custom period), case-insensitively.
func ParsePeriodUnit(s string) (PeriodUnit, error) {
	ls := strings.ToLower(strings.TrimSpace(s))
	if ls == "custom" {
		return UnitCustom, nil
	}
	u := PeriodUnit(ls)
	if !u.Valid() {
		return "", fmt.Errorf("partnerops: parsing period unit %q: %w", s, ErrSyntax)
	}
	return u, nil
}
