package process

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// CalendarDef describes working time as data: the working weekdays, a
// daily working window in local wall-clock time (with per-weekday
// overrides), and holidays. The time zone is named here for the record;
// the host loads it (time.LoadLocation reads files, which this package
// never does) and passes the *time.Location to [NewBusinessCalendar].
type CalendarDef struct {
	// TimeZone is the IANA name ("Europe/Berlin"). When set it must equal
	// the name of the location passed to NewBusinessCalendar.
	TimeZone string `json:"time_zone,omitempty"`
	// WorkingDays are lowercase three-letter weekdays ("mon".."sun").
	// Defaults to Monday to Friday.
	WorkingDays []string `json:"working_days,omitempty"`
	// Start and End bound the daily working window, "HH:MM" in local
	// time. Default to "09:00" and "17:00".
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Overrides give some working weekdays another window (a short
	// Friday).
	Overrides []DayWindow `json:"overrides,omitempty"`
	// Holidays are local dates, "YYYY-MM-DD", on which nobody works.
	Holidays []string `json:"holidays,omitempty"`
}

// DayWindow is the working window of one weekday ("fri", "13:00" to
// "17:00"), overriding the calendar's default window.
type DayWindow struct {
	Day   string `json:"day"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// BusinessCalendar counts working time: the daily window on working days
// that are not holidays, in one time zone. It is exact across weekends,
// holidays and DST changes: window bounds are local wall-clock times, so a
// 09:00-17:00 window is 8 hours of elapsed time on every working day whose
// DST change happens outside the window, and exactly the elapsed time
// otherwise.
//
// A BusinessCalendar is immutable and safe for concurrent use. Build it
// with [NewBusinessCalendar]; the zero BusinessCalendar has no working
// time (Add and AddDays return their input, Between returns 0).
type BusinessCalendar struct {
	def      CalendarDef
	loc      *time.Location
	workdays [7]bool
	windows  [7]window          // by weekday
	holidays map[int64]struct{} // civil day numbers
	ok       bool               // built by NewBusinessCalendar
}

// MaxHolidays bounds the holidays of one calendar (a century of public
// holidays is a few thousand).
const MaxHolidays = 10000

var weekdayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// NewBusinessCalendar validates def and binds it to loc. It reports every
// problem as a [*partnerops.ValidationError].
func NewBusinessCalendar(def CalendarDef, loc *time.Location) (*BusinessCalendar, error) {
	var p partnerops.Problems
	c := &BusinessCalendar{loc: loc, holidays: make(map[int64]struct{}, len(def.Holidays))}
	if loc == nil {
		p.Add("time_zone", "needs a *time.Location from the host", def.TimeZone)
	} else if def.TimeZone != "" && def.TimeZone != loc.String() {
		p.Add("time_zone", fmt.Sprintf("must match the location passed in (%q)", loc.String()), def.TimeZone)
	}
	days := def.WorkingDays
	if len(days) == 0 {
		days = []string{"mon", "tue", "wed", "thu", "fri"}
	}
	for i, d := range days {
		k := slices.Index(weekdayNames[:], strings.ToLower(d))
		if k < 0 {
			p.Add(partnerops.Path("working_days", i), "must be mon, tue, wed, thu, fri, sat or sun", d)
			continue
		}
		c.workdays[k] = true
	}
	start, end := def.Start, def.End
	if start == "" {
		start = "09:00"
	}
	if end == "" {
		end = "17:00"
	}
	win, _ := parseWindow(&p, "", start, end)
	for i := range c.windows {
		c.windows[i] = win
	}
	for i, o := range def.Overrides {
		path := partnerops.Path("overrides", i)
		k := slices.Index(weekdayNames[:], strings.ToLower(o.Day))
		switch {
		case k < 0:
			p.Add(partnerops.JoinPath(path, "day"), "must be mon, tue, wed, thu, fri, sat or sun", o.Day)
			continue
		case !c.workdays[k]:
			p.Add(partnerops.JoinPath(path, "day"), "is not a working day", o.Day)
			continue
		}
		if w, ok := parseWindow(&p, path, o.Start, o.End); ok {
			c.windows[k] = w
		}
	}
	if len(def.Holidays) > MaxHolidays {
		p.Add("holidays", fmt.Sprintf("at most %d allowed", MaxHolidays), fmt.Sprint(len(def.Holidays)))
		return nil, p.Err()
	}
	for i, h := range def.Holidays {
		t, err := time.Parse(time.DateOnly, h)
		if err != nil {
			p.Add(partnerops.Path("holidays", i), "must be a date YYYY-MM-DD", h)
			continue
		}
		c.holidays[civilDay(t.Date())] = struct{}{}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	c.def = def
	c.ok = true
	c.def.WorkingDays = slices.Clone(def.WorkingDays)
	c.def.Overrides = slices.Clone(def.Overrides)
	c.def.Holidays = slices.Clone(def.Holidays)
	return c, nil
}

// MustBusinessCalendar is like [NewBusinessCalendar] but panics on error.
// It is meant for tests and examples.
func MustBusinessCalendar(def CalendarDef, loc *time.Location) *BusinessCalendar {
	c, err := NewBusinessCalendar(def, loc)
	if err != nil {
		panic(err)
	}
	return c
}

// window is a daily working window in minutes after local midnight.
type window struct{ start, end int }

// parseWindow parses a start and end time, recording problems under path.
func parseWindow(p *partnerops.Problems, path, start, end string) (window, bool) {
	var w window
	var ok1, ok2 bool
	w.start, ok1 = parseClock(start)
	w.end, ok2 = parseClock(end)
	if !ok1 {
		p.Add(partnerops.JoinPath(path, "start"), "must be HH:MM", start)
	}
	if !ok2 {
		p.Add(partnerops.JoinPath(path, "end"), "must be HH:MM (24:00 allowed)", end)
	}
	if ok1 && ok2 && w.end <= w.start {
		p.Add(partnerops.JoinPath(path, "end"), "must be after start", end)
		return w, false
	}
	return w, ok1 && ok2
}

// parseClock parses "HH:MM" into minutes after midnight; "24:00" is the
// end of the day.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

// Def returns the calendar's definition.
func (c *BusinessCalendar) Def() CalendarDef {
	d := c.def
	d.WorkingDays = slices.Clone(d.WorkingDays)
	d.Overrides = slices.Clone(d.Overrides)
	d.Holidays = slices.Clone(d.Holidays)
	return d
}

// Location returns the calendar's time zone (nil for the zero calendar).
func (c *BusinessCalendar) Location() *time.Location { return c.loc }

// civilDay returns the number of days since 1970-01-01 of the proleptic
// Gregorian date y-m-d (Howard Hinnant's days_from_civil).
func civilDay(y int, m time.Month, d int) int64 {
	yy := int64(y)
	mm := int64(m)
	if mm <= 2 {
		yy--
	}
	era := yy
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := yy - era*400
	mp := (mm + 9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromCivilDay inverts civilDay.
func fromCivilDay(z int64) (int, time.Month, int) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), time.Month(m), int(d)
}

// weekdayOf returns the weekday of civil day n (1970-01-01 was a Thursday).
func weekdayOf(n int64) int {
	w := (n + 4) % 7
	if w < 0 {
		w += 7
	}
	return int(w)
}

// isWorkday reports whether civil day n is a working day.
func (c *BusinessCalendar) isWorkday(n int64) bool {
	if !c.workdays[weekdayOf(n)] {
		return false
	}
	_, hol := c.holidays[n]
	return !hol
}

// window returns the working window of civil day n as instants.
func (c *BusinessCalendar) window(n int64) (time.Time, time.Time) {
	y, m, d := fromCivilDay(n)
	w := c.windows[weekdayOf(n)]
	ws := time.Date(y, m, d, w.start/60, w.start%60, 0, 0, c.loc)
	we := time.Date(y, m, d, w.end/60, w.end%60, 0, 0, c.loc)
	return ws, we
}

func (c *BusinessCalendar) dayOf(t time.Time) int64 {
	return civilDay(t.In(c.loc).Date())
}

// IsWorking reports whether t falls inside working time (window start
// included, window end excluded).
func (c *BusinessCalendar) IsWorking(t time.Time) bool {
	if !c.ok {
		return false
	}
	n := c.dayOf(t)
	if !c.isWorkday(n) {
		return false
	}
	ws, we := c.window(n)
	return !t.Before(ws) && t.Before(we)
}

// Add returns the earliest instant at which d of working time has elapsed
// since t. Time before the window, after it, on weekends and on holidays
// does not count. Add(t, 0) is t; a negative d is treated as 0. The result
// is in the calendar's time zone.
func (c *BusinessCalendar) Add(t time.Time, d time.Duration) time.Time {
	if d <= 0 || !c.ok {
		return t
	}
	for n := c.dayOf(t); ; n++ {
		if !c.isWorkday(n) {
			continue
		}
		ws, we := c.window(n)
		cur := t
		if cur.Before(ws) {
			cur = ws
		}
		if !cur.Before(we) {
			continue
		}
		if avail := we.Sub(cur); d <= avail {
			return cur.Add(d).In(c.loc)
		} else {
			d -= avail
		}
	}
}

// AddDays returns the due time n working days after t: the same offset
// into the working window n working days later (clamped to that day's
// window end), where t outside working time counts from the start of the
// next window. A due time that falls on a window start is reported as the
// end of the previous working day instead, the earliest instant with n
// full working days elapsed: 2 working days from Friday 15:00 is Tuesday
// 15:00; from Saturday 10:00 it is Tuesday 17:00. n <= 0 returns t.
func (c *BusinessCalendar) AddDays(t time.Time, n int) time.Time {
	if n <= 0 || !c.ok {
		return t
	}
	day := c.dayOf(t)
	var offset time.Duration
	for ; ; day++ {
		if !c.isWorkday(day) {
			continue
		}
		ws, we := c.window(day)
		if !t.After(ws) {
			break
		}
		if t.Before(we) {
			offset = t.Sub(ws)
			break
		}
	}
	if offset == 0 {
		n-- // n full days, the first being this one: due at the end of the last
		for ; n > 0; n-- {
			day = c.nextWorkday(day)
		}
		_, we := c.window(day)
		return we.In(c.loc)
	}
	for ; n > 0; n-- {
		day = c.nextWorkday(day)
	}
	ws, we := c.window(day)
	due := ws.Add(offset)
	if due.After(we) {
		due = we
	}
	return due.In(c.loc)
}

func (c *BusinessCalendar) nextWorkday(n int64) int64 {
	for n++; !c.isWorkday(n); n++ {
	}
	return n
}

// Between returns the working time elapsed from a to b (0 when b is not
// after a).
func (c *BusinessCalendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) || !c.ok {
		return 0
	}
	var total time.Duration
	last := c.dayOf(b)
	for n := c.dayOf(a); n <= last; n++ {
		if !c.isWorkday(n) {
			continue
		}
		ws, we := c.window(n)
		if ws.Before(a) {
			ws = a
		}
		if we.After(b) {
			we = b
		}
		if we.After(ws) {
			total += we.Sub(ws)
		}
	}
	return total
}

// decodeStrict decodes one JSON value into v, rejecting unknown fields and
// trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%v: %w", err, partnerops.ErrSyntax)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("trailing data after JSON value: %w", partnerops.ErrSyntax)
	}
	return nil
}
