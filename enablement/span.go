package enablement

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Span is a calendar length in years, months and days, such as the
// validity of a certification (P1Y), its renewal window (P6M) or its grace
// period (P30D). The zero Span is zero length.
//
// # Date arithmetic
//
// [Span.AddTo] adds the years and months first, as one count of months,
// and then the days. Adding months keeps the day of the month but clamps it
// to the last day of the target month: Jan 31 + P1M is Feb 28 (Feb 29 in a
// leap year), Feb 29 2024 + P1Y is Feb 28 2025, Aug 31 - P6M is Feb 28.
// This deliberately differs from [time.Time.AddDate], which normalizes
// Jan 31 + 1 month to Mar 3 (Mar 2 in a leap year) and so would silently
// lengthen a certification by up to three days. Days are added with
// AddDate, as calendar days (a day across a daylight-saving change is 23
// or 25 hours). The time of day and location are kept.
//
// Because of the clamping, subtraction does not undo addition:
// Jan 31 + P1M is Feb 28, and Feb 28 - P1M is Jan 28.
//
// A Span encodes to JSON and text in the ISO 8601 duration subset
// "P[nY][nM][nW][nD]" ("P1Y6M", "P90D"; weeks become 7 days); the zero
// Span encodes as "P0D".
type Span struct {
	Years  int
	Months int
	Days   int
}

// Bounds on a span's parts, so that date arithmetic on host input cannot
// overflow: at most 1,000 years, 12,000 months or 365,250 days.
const (
	maxSpanYears  = 1000
	maxSpanMonths = 12000
	maxSpanDays   = 365250
)

// Years returns a span of n years.
func Years(n int) Span { return Span{Years: n} }

// Months returns a span of n months.
func Months(n int) Span { return Span{Months: n} }

// Days returns a span of n days.
func Days(n int) Span { return Span{Days: n} }

// IsZero reports whether the span has no length.
func (s Span) IsZero() bool { return s.Years == 0 && s.Months == 0 && s.Days == 0 }

// Valid reports whether every part is non-negative and within bounds.
func (s Span) Valid() bool {
	return s.Years >= 0 && s.Years <= maxSpanYears && s.Months >= 0 && s.Months <= maxSpanMonths &&
		s.Days >= 0 && s.Days <= maxSpanDays
}

// AddTo returns t + s, clamping to month ends as the type documentation
// describes.
func (s Span) AddTo(t time.Time) time.Time { return s.apply(t, 1) }

// SubFrom returns t - s, clamping to month ends as the type documentation
// describes.
func (s Span) SubFrom(t time.Time) time.Time { return s.apply(t, -1) }

func (s Span) apply(t time.Time, sign int) time.Time {
	if m := s.Years*12 + s.Months; m != 0 {
		t = addMonthsClamped(t, sign*m)
	}
	if s.Days != 0 {
		t = t.AddDate(0, 0, sign*s.Days)
	}
	return t
}

// addMonthsClamped adds n calendar months to t, keeping the day of the
// month but never going past the target month's last day.
func addMonthsClamped(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	total := int(m) - 1 + n
	ny := y + floorDiv(total, 12)
	nm := time.Month(total - floorDiv(total, 12)*12 + 1)
	if last := daysIn(ny, nm); d > last {
		d = last
	}
	hh, mm, ss := t.Clock()
	return time.Date(ny, nm, d, hh, mm, ss, t.Nanosecond(), t.Location())
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// String renders the span as an ISO 8601 duration ("P1Y6M", "P0D").
func (s Span) String() string {
	if s.IsZero() {
		return "P0D"
	}
	var b strings.Builder
	b.WriteByte('P')
	for _, p := range [...]struct {
		n    int
		unit byte
	}{{s.Years, 'Y'}, {s.Months, 'M'}, {s.Days, 'D'}} {
		if p.n != 0 {
			b.WriteString(strconv.Itoa(p.n))
			b.WriteByte(p.unit)
		}
	}
	return b.String()
}

// JSONShape describes the JSON a Span decodes from; decoders quote it in
// their errors.
func (Span) JSONShape() string { return spanShape }

const spanShape = `an ISO 8601 duration like "P1Y", "P6M" or "P90D"`

// ParseSpan parses "P[nY][nM][nW][nD]" (case-insensitive; weeks become 7
// days). Parts must appear in that order, at most once each, and stay
// within the bounds above. Other text gives an error wrapping
// [ErrUnknownValue].
func ParseSpan(text string) (Span, error) {
	bad := func(why string) (Span, error) {
		return Span{}, errorf("parsing span %q: %s: %w", truncate(text, 40), why, ErrUnknownValue)
	}
	if len(text) > 40 {
		return bad("too long")
	}
	s := strings.ToUpper(strings.TrimSpace(text))
	if len(s) < 3 || s[0] != 'P' {
		return bad("want " + spanShape)
	}
	var out Span
	order := "YMWD"
	pos := 0
	rest := s[1:]
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || i > 7 {
			return bad("want a number followed by Y, M, W or D")
		}
		n, _ := strconv.Atoi(rest[:i])
		k := strings.IndexByte(order[pos:], rest[i])
		if k < 0 {
			return bad("parts must be Y, M, W, D in that order, once each")
		}
		pos += k + 1
		switch rest[i] {
		case 'Y':
			out.Years = n
		case 'M':
			out.Months = n
		case 'W':
			out.Days += 7 * n
		case 'D':
			out.Days += n
		}
		rest = rest[i+1:]
	}
	if !out.Valid() {
		return bad("out of range")
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// MustSpan is like [ParseSpan] but panics on error. It is meant for tests
// and literals in examples, never for host input.
func MustSpan(text string) Span {
	s, err := ParseSpan(text)
	if err != nil {
		panic(err)
	}
	return s
}

// MarshalText encodes the span as [Span.String] does.
func (s Span) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, errorf("encoding span %+v: out of range: %w", s, ErrUnknownValue)
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes an ISO 8601 duration through [ParseSpan].
func (s *Span) UnmarshalText(b []byte) error {
	v, err := ParseSpan(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// dayRange returns the fewest and the most calendar days s spans from any
// date, forward (as [Span.AddTo] adds it) or backward (as [Span.SubFrom]
// subtracts it). Months vary from 28 to 31 days and month ends clamp, so
// P1M spans 28 to 31 days forward; days are exact. cache memoizes the
// month counts already measured (nil: no memo).
func (s Span) dayRange(backward bool, cache map[int][2]int) (lo, hi int) {
	// 4,800 months are exactly 146,097 days, whatever the start.
	m := s.Years*12 + s.Months
	cycles, m := m/4800, m%4800
	key := m
	if backward {
		key = -m - 1
	}
	r, ok := cache[key]
	if !ok {
		r[0], r[1] = monthRange(m, backward)
		if cache != nil {
			cache[key] = r
		}
	}
	return r[0] + cycles*146097 + s.Days, r[1] + cycles*146097 + s.Days
}

// monthRange measures m clamped months over every start month of one
// 400-year Gregorian cycle (the calendar repeats after it), in days: the
// fewest and the most. It takes 4,800 steps whatever m is.
func monthRange(m int, backward bool) (lo, hi int) {
	if m == 0 {
		return 0, 0
	}
	lo, hi = math.MaxInt, 0
	for y := 2000; y < 2400; y++ {
		for mon := 1; mon <= 12; mon++ {
			total := mon - 1 + m
			if backward {
				total = mon - 1 - m
			}
			ty := y + floorDiv(total, 12)
			tm := total - floorDiv(total, 12)*12 + 1
			base := civilDays(ty, tm, 1) - civilDays(y, mon, 1)
			clamp := max(0, daysIn(y, time.Month(mon))-daysIn(ty, time.Month(tm)))
			// Forward from day D: base + min(D, days of target) - D, so
			// from base - clamp (the last day of a longer month) to base.
			// Backward: from -base to -base + clamp.
			l, h := base-clamp, base
			if backward {
				l, h = -base, -base+clamp
			}
			lo, hi = min(lo, l), max(hi, h)
		}
	}
	return lo, hi
}

// civilDays returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar.
func civilDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
