package process

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// CalendarDef describes working time as data: the working weekdays, a
// daily working window in local wall-clock time (with per-weekday
// overrides), and holidays. The time zone is named here for the record;
// the host loads it (time.LoadLocation reads files, which this package
// never does) and passes the *time.Location to [NewBusinessCalendar].
//
// In JSON:
//
//	{
//	  "time_zone": "America/New_York",
//	  "working_days": ["mon", "tue", "wed", "thu", "fri"],
//	  "start": "09:00", "end": "17:00",
//	  "overrides": [{"day": "fri", "start": "09:00", "end": "13:00"}],
//	  "holidays": ["2026-12-25", "2027-01-01"]
//	}
type CalendarDef struct {
	// TimeZone is the IANA name ("Europe/Berlin"). When set it must equal
	// the name of the location passed to NewBusinessCalendar.
	TimeZone string `json:"time_zone,omitempty" aka:"timezone,tz,zone,location"`
	// WorkingDays are lowercase three-letter weekdays ("mon".."sun").
	// Defaults to Monday to Friday.
	WorkingDays []string `json:"working_days,omitempty" aka:"workdays,days,weekdays"`
	// Start and End bound the daily working window, "HH:MM" in local
	// wall-clock time ("24:00" is the end of the day). Default to "09:00"
	// and "17:00".
	Start string `json:"start,omitempty" aka:"from,open,opens"`
	End   string `json:"end,omitempty" aka:"to,close,closes,until"`
	// Overrides give some working weekdays another window (a short
	// Friday), at most one per weekday.
	Overrides []DayWindow `json:"overrides,omitempty" aka:"override,windows"`
	// Holidays are local dates, "YYYY-MM-DD", on which nobody works.
	Holidays []string `json:"holidays,omitempty" aka:"holiday,closed,days_off"`
}

// DayWindow is the working window of one weekday ("fri", "13:00" to
// "17:00"), overriding the calendar's default window. Paths name it by its
// day: overrides[fri].end.
type DayWindow struct {
	Day   string `json:"day" path:"key" aka:"weekday"`
	Start string `json:"start" aka:"from,open"`
	End   string `json:"end" aka:"to,close,until"`
}

// ParseCalendarDef decodes a calendar definition strictly: unknown or
// duplicate keys and values of the wrong shape are errors naming their
// path. It does not validate: pass the result to [NewBusinessCalendar].
func ParseCalendarDef(data []byte) (CalendarDef, error) {
	var c CalendarDef
	if err := strict.Decode(data, (*calendarDefPlain)(&c), strict.Options{}); err != nil {
		return CalendarDef{}, errorf("parsing calendar: %w", err)
	}
	return c, nil
}

type calendarDefPlain CalendarDef

// UnmarshalJSON decodes strictly, as [ParseCalendarDef] does.
func (c *CalendarDef) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*calendarDefPlain)(c), strict.Options{})
}

// BusinessCalendar counts working time: the instants whose local
// wall-clock time, in the calendar's zone, falls inside the day's working
// window on a working day that is not a holiday.
//
// Working time is defined by the wall clock alone, so it is exact across
// weekends, holidays and DST changes: a 09:00-17:00 window is 8 hours of
// elapsed time on every working day whose clock change happens outside the
// window. Where a change falls inside the window the day's working time is
// the elapsed time the clock spends inside it: a window that starts in a
// spring-forward gap (02:30 in New York on the day clocks jump from 02:00
// to 03:00) starts when the clock jumps, at 03:00; a day that starts with
// a gap (Santiago, where DST begins at midnight) starts at 01:00; and when
// clocks fall back, an hour of the window shown twice counts twice.
//
// A BusinessCalendar is immutable and safe for concurrent use. Build it
// with [NewBusinessCalendar]; the zero BusinessCalendar has no working
// time (Add and AddDays return their input, Between returns 0).
type BusinessCalendar struct {
	def      CalendarDef
	loc      *time.Location
	workdays [7]bool
	windows  [7]window // by weekday
	// daySecs[k] is weekday k's window in seconds after local midnight,
	// {0, 0} on a non-working weekday (index 7 unused: weekdayOf(d)&7
	// needs no bounds check).
	daySecs [8]struct{ start, end int64 }
	// hol holds the holidays as sorted civil day numbers; holWork[i] is
	// the working time, in seconds, lost to hol[:i] (holidays on
	// non-working weekdays lose none).
	hol     []int64
	holWork []int64
	// holBits marks the holidays as bits, day hol[0]+i at bit i, when
	// they span at most maxHolidaySpan days.
	holBits []uint64
	// holLo is hol[0] (0 without holidays), the day of holBits' bit 0.
	holLo int64
	// holSearch: there are holidays and no bitmap (they span too many
	// days); isHoliday searches hol.
	holSearch bool
	// weekWork is the working time of a week without holidays, seconds.
	weekWork int64
	// fixed: loc has one offset for all time (UTC, a fixed zone).
	fixed    bool
	fixedOff int64
	// zones are loc's periods from zonesFrom to zonesTo, in order and
	// contiguous, so the hot paths find an offset without asking the time
	// package (which walks the zone's rules on every call).
	zones []seg
	// zoneAt[b] is the index in zones of the period holding the first
	// instant of bucket b, the instants [zonesFrom + b<<zoneBucket,
	// zonesFrom + (b+1)<<zoneBucket); a lookup starts there and steps
	// past at most a period or two.
	zoneAt []uint16
	ok     bool // built by NewBusinessCalendar
}

// The span of instants whose zone periods a calendar tabulates: 1970 to
// 2100. Instants outside it are looked up in the time package.
const (
	zonesFrom = 0             // 1970-01-01T00:00:00Z
	zonesTo   = 4102444800    // 2100-01-01T00:00:00Z
	maxZones  = 4 * (130 + 2) // two changes a year, with room to spare
	// zoneBucket is log2 of a bucket's length in seconds (about 48 days,
	// shorter than any zone period in the tables).
	zoneBucket = 22
)

// maxHolidaySpan bounds the days between a calendar's first and last
// holidays that it keeps as a bitmap (about 200 years, 9 KiB).
const maxHolidaySpan = 73050

// MaxHolidays bounds the holidays of one calendar (a century of public
// holidays is a few thousand).
const MaxHolidays = 10000

var weekdayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// NewBusinessCalendar validates def and binds it to loc. It reports every
// problem as a [*partnerops.ValidationError] with its path
// (overrides[fri].end, holidays[2]).
func NewBusinessCalendar(def CalendarDef, loc *time.Location) (*BusinessCalendar, error) {
	var p partnerops.Problems
	c := &BusinessCalendar{loc: loc}
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
	var overridden [7]bool
	for i, o := range def.Overrides {
		path := partnerops.Path("overrides", i)
		if o.Day != "" {
			path = partnerops.Path("overrides", partnerops.Key(o.Day))
		}
		k := slices.Index(weekdayNames[:], strings.ToLower(o.Day))
		switch {
		case k < 0:
			p.Add(partnerops.JoinPath(path, "day"), "must be mon, tue, wed, thu, fri, sat or sun", o.Day)
			continue
		case !c.workdays[k]:
			p.Add(partnerops.JoinPath(path, "day"), "is not a working day", o.Day)
			continue
		case overridden[k]:
			p.Add(partnerops.JoinPath(path, "day"), "a weekday has one override at most", o.Day)
			continue
		}
		overridden[k] = true
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
		c.hol = append(c.hol, civilDay(t.Date()))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	slices.Sort(c.hol)
	c.hol = slices.Compact(c.hol)
	if n := len(c.hol); n > 0 && c.hol[n-1]-c.hol[0] < maxHolidaySpan {
		c.holBits = make([]uint64, (c.hol[n-1]-c.hol[0])/64+1)
		for _, h := range c.hol {
			i := h - c.hol[0]
			c.holBits[i>>6] |= 1 << (i & 63)
		}
		c.holLo = c.hol[0]
	}
	c.holSearch = len(c.hol) > 0 && c.holBits == nil
	c.holWork = make([]int64, len(c.hol)+1)
	for i, h := range c.hol {
		c.holWork[i+1] = c.holWork[i] + c.windowSeconds(weekdayOf(h))
	}
	for k := range 7 {
		c.weekWork += c.windowSeconds(k)
		if c.workdays[k] {
			c.daySecs[k].start, c.daySecs[k].end = int64(c.windows[k].start)*60, int64(c.windows[k].end)*60
		}
	}
	if s, e := time.Unix(0, 0).In(loc).ZoneBounds(); s.IsZero() && e.IsZero() {
		_, off := time.Unix(0, 0).In(loc).Zone()
		c.fixed, c.fixedOff = true, int64(off)
	} else {
		c.zones = tabulateZones(c)
		if len(c.zones) > 0 {
			c.zoneAt = make([]uint16, (zonesTo-zonesFrom)>>zoneBucket+1)
			i := 0
			for b := range c.zoneAt {
				u := int64(zonesFrom) + int64(b)<<zoneBucket
				for c.zones[i].end <= u {
					i++
				}
				c.zoneAt[b] = uint16(i)
			}
		}
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

// windowSeconds is the length of weekday k's window in seconds, 0 on a
// non-working weekday.
func (c *BusinessCalendar) windowSeconds(k int) int64 {
	if !c.workdays[k] {
		return 0
	}
	return int64(c.windows[k].end-c.windows[k].start) * 60
}

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

// weekdayOf returns the weekday of civil day n (1970-01-01 was a Thursday).
func weekdayOf(n int64) int {
	w := (n + 4) % 7
	if w < 0 {
		w += 7
	}
	return int(w)
}

// floorDiv divides rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

const daySeconds = 86400

// maxZoneOffset bounds the UTC offset of any zone (tzdata's extremes are
// local mean times just under 16 hours).
const maxZoneOffset = 16 * 3600

// isWorkday reports whether civil day n is a working weekday and not a
// holiday.
func (c *BusinessCalendar) isWorkday(n int64) bool {
	return c.workdays[weekdayOf(n)] && !c.isHoliday(n)
}

// isHoliday reports whether civil day n is a holiday.
func (c *BusinessCalendar) isHoliday(n int64) bool {
	if c.holSearch {
		return c.searchHoliday(n)
	}
	// Outside the bitmap (or without one): no holiday.
	i := uint64(n - c.holLo)
	if w := i >> 6; w < uint64(len(c.holBits)) {
		return c.holBits[w]>>(i&63)&1 != 0
	}
	return false
}

// searchHoliday is isHoliday for a calendar without a holiday bitmap.
func (c *BusinessCalendar) searchHoliday(n int64) bool {
	if n < c.hol[0] || n > c.hol[len(c.hol)-1] {
		return false
	}
	_, hol := slices.BinarySearch(c.hol, n)
	return hol
}

// holidayWork returns the working time, in seconds, that holidays remove
// from civil days [d0, d1).
func (c *BusinessCalendar) holidayWork(d0, d1 int64) int64 {
	i, _ := slices.BinarySearch(c.hol, d0)
	j, _ := slices.BinarySearch(c.hol, d1)
	return c.holWork[j] - c.holWork[i]
}

// rangeWork returns the working time, in seconds, of the whole civil days
// [d0, d1), assuming each lies in one zone period (so each working day's
// window is whole).
func (c *BusinessCalendar) rangeWork(d0, d1 int64) int64 {
	n := d1 - d0
	if n <= 0 {
		return 0
	}
	total := (n / 7) * c.weekWork
	w0 := weekdayOf(d0)
	for i := range int(n % 7) {
		total += c.windowSeconds((w0 + i) % 7)
	}
	return total - c.holidayWork(d0, d1)
}

// seg is one period of the calendar's zone: instants [start, end), in Unix
// seconds, with one UTC offset.
type seg struct{ start, end, off int64 }

func (s seg) contains(u int64) bool { return s.start <= u && u < s.end }

// zoneCursor finds zone periods, remembering the last one, so walking
// forward over days costs one zone lookup per period.
type zoneCursor struct {
	c *BusinessCalendar
	s seg // the last period found; the zero seg contains no instant
}

// at returns the zone period containing instant u.
func (z *zoneCursor) at(u int64) seg {
	if z.s.contains(u) {
		return z.s
	}
	return z.find(u)
}

// findp is find, returning the cursor's period in place.
func (z *zoneCursor) findp(u int64) *seg {
	z.find(u)
	return &z.s
}

// find looks up the zone period containing u.
func (z *zoneCursor) find(u int64) seg {
	if zs := z.c.zones; len(zs) > 0 && zonesFrom <= u && u < zonesTo {
		i := int(z.c.zoneAt[(u-zonesFrom)>>zoneBucket])
		for zs[i].end <= u {
			i++
		}
		z.s = zs[i]
		return z.s
	}
	if zs := z.c.zones; len(zs) > 0 && zs[0].start <= u && u < zs[len(zs)-1].end {
		lo, hi := 0, len(zs)-1 // the period holding u is zs[lo]
		for lo < hi {
			mid := int(uint(lo+hi+1) >> 1)
			if zs[mid].start <= u {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		z.s = zs[lo]
		return z.s
	}
	return z.lookup(u)
}

// tabulateZones lists the zone periods of c's location that cover
// [zonesFrom, zonesTo), or nil when there are too many (a zone that
// changes its clocks more than twice a year).
func tabulateZones(c *BusinessCalendar) []seg {
	z := zoneCursor{c: c}
	var out []seg
	for u := int64(zonesFrom); u < zonesTo; {
		s := z.lookup(u)
		// The time package may report a period overlapping the one before
		// (past 2037 it cuts rule-based periods at the new year) or
		// splitting one offset in two: keep the table contiguous, one
		// entry per offset.
		if n := len(out); n > 0 && s.off == out[n-1].off {
			out[n-1].end = s.end
		} else {
			if n > 0 {
				s.start = out[n-1].end
			}
			out = append(out, s)
		}
		if len(out) > maxZones {
			return nil
		}
		if s.end == math.MaxInt64 {
			break
		}
		u = s.end
	}
	return slices.Clip(out)
}

// lookup returns the zone period containing u from the time package.
func (z *zoneCursor) lookup(u int64) seg {
	if z.c.fixed {
		z.s = seg{math.MinInt64, math.MaxInt64, z.c.fixedOff}
	} else {
		t := time.Unix(u, 0).In(z.c.loc)
		_, off := t.Zone()
		s := seg{math.MinInt64, math.MaxInt64, int64(off)}
		start, end := t.ZoneBounds()
		if !start.IsZero() {
			s.start = start.Unix()
		}
		if !end.IsZero() {
			s.end = end.Unix()
		}
		if !s.contains(u) {
			s = z.repair(u, s.off)
		}
		z.s = s
	}
	return z.s
}

// repair returns a zone period containing u, with offset off, for when
// [time.Time.ZoneBounds] reports one that does not contain u (Go 1.26
// does so on the last day of leap years past the zone's last listed
// transition). It assumes, as every zone does, that clocks change at
// most once a day, and finds the change within the next day by bisection.
func (z *zoneCursor) repair(u, off int64) seg {
	offAt := func(x int64) int64 {
		_, o := time.Unix(x, 0).In(z.c.loc).Zone()
		return int64(o)
	}
	s := seg{start: u, end: u + daySeconds, off: off}
	if offAt(s.end-1) == off {
		return s
	}
	lo, hi := u, u+daySeconds-1 // offAt(lo) == off, offAt(hi) != off
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if offAt(mid) == off {
			lo = mid
		} else {
			hi = mid
		}
	}
	s.end = hi
	return s
}

// span is a working interval [start, end) in Unix seconds.
type span64 struct{ start, end int64 }

// dayWork appends to buf the working intervals of civil day d, in order:
// the instants whose local date is d and whose local time of day lies in
// d's window. In one zone period with offset off those are
// [d·86400 + window start - off, d·86400 + window end - off), cut to the
// period; a day crossed by a clock change has a piece in each period.
func (c *BusinessCalendar) dayWork(z *zoneCursor, d int64, buf []span64) []span64 {
	wd := weekdayOf(d)
	if !c.workdays[wd] || c.isHoliday(d) {
		return buf
	}
	w := c.windows[wd]
	base := d * daySeconds
	ws, we := base+int64(w.start)*60, base+int64(w.end)*60
	lo, hi := ws-maxZoneOffset, we+maxZoneOffset
	if s := z.at(lo); s.end >= hi {
		// The usual day: one period holds every instant that could show
		// a time of the window, so the window is whole.
		return append(buf, span64{ws - s.off, we - s.off})
	}
	for u := lo; u < hi; {
		s := z.at(u)
		a, b := max(ws-s.off, s.start), min(we-s.off, s.end)
		if a < b {
			if n := len(buf); n > 0 && buf[n-1].end == a {
				buf[n-1].end = b
			} else {
				buf = append(buf, span64{a, b})
			}
		}
		if s.end >= hi {
			break
		}
		u = s.end
	}
	return buf
}

// wholeDaysFrom returns the last civil day e such that every instant whose
// local date lies in [d, e] lies in one zone period, or d-1 when day d
// has instants in two. An instant of another period, whose offset is at
// most maxZoneOffset, reads a local time within maxZoneOffset of the
// period's bounds, so days that far from both bounds are whole.
func (c *BusinessCalendar) wholeDaysFrom(z *zoneCursor, d int64) int64 {
	s := z.at(d*daySeconds + daySeconds/2 - z.s.off)
	if s.start != math.MinInt64 && d*daySeconds < s.start+maxZoneOffset {
		return d - 1
	}
	if s.end == math.MaxInt64 {
		return math.MaxInt64 / daySeconds
	}
	return floorDiv(s.end-maxZoneOffset, daySeconds) - 1
}

// IsWorking reports whether t falls inside working time: its local
// wall-clock time, in the calendar's zone, lies in its date's window
// (start included, end excluded) on a working day that is not a holiday.
func (c *BusinessCalendar) IsWorking(t time.Time) bool {
	if !c.ok {
		return false
	}
	z := zoneCursor{c: c}
	u := t.Unix()
	local := u + z.at(u).off
	d := floorDiv(local, daySeconds)
	if !c.isWorkday(d) {
		return false
	}
	w := c.windows[weekdayOf(d)]
	tod := local - d*daySeconds
	return int64(w.start)*60 <= tod && tod < int64(w.end)*60
}

// Add returns the earliest instant at which d of working time has elapsed
// since t. Time before the window, after it, on weekends and on holidays
// does not count. Add(t, 0) is t; a negative d is treated as 0. The result
// is in the calendar's time zone. Long durations skip whole weeks at once,
// so Add costs about the same for a year as for a day.
func (c *BusinessCalendar) Add(t time.Time, d time.Duration) time.Time {
	if d <= 0 || !c.ok {
		return t
	}
	z := zoneCursor{c: c}
	return c.add(&z, t, d)
}

// add is Add with a zone cursor the caller may share between calls.
func (c *BusinessCalendar) add(z *zoneCursor, t time.Time, d time.Duration) time.Time {
	ts, tn := t.Unix(), int64(t.Nanosecond())
	u, day, rem, ok := c.addFast(z, ts, tn, int64(d))
	if ok {
		return u
	}
	return c.addFrom(z, ts, tn, day, rem)
}

// maxFastDays bounds the days the fast paths of add, AddDays and
// between walk or count.
const maxFastDays = 64

// dayKind classifies a civil day for the fast paths (see windowAt).
type dayKind uint8

const (
	dayOff   dayKind = iota // no working time, whatever the zone does
	dayWhole                // a working day whose window one zone period holds
	dayCut                  // a working day a clock change may cut: ask dayWork
)

// windowAt returns the working window of civil day d as Unix seconds
// [a, b) when d is a working day whose window lies whole in one zone
// period, that period's offset applied (dayWork's usual day, and its
// answer); dayOff for a day off, whatever the zone does; dayCut when a
// clock change may reach the window, where only dayWork knows the
// answer. Periods follow one another, so the fast paths built on it
// walk across clock changes: only the days a change may cut are left
// to the day-by-day walks.
func (c *BusinessCalendar) windowAt(z *zoneCursor, d int64) (a, b int64, k dayKind) {
	w := c.daySecs[weekdayOf(d)&7]
	if w.end == 0 {
		return 0, 0, dayOff
	}
	if i := uint64(d - c.holLo); i>>6 < uint64(len(c.holBits)) && c.holBits[i>>6]>>(i&63)&1 != 0 {
		return 0, 0, dayOff
	}
	if c.holSearch && c.searchHoliday(d) {
		return 0, 0, dayOff
	}
	ws, we := d*daySeconds+w.start, d*daySeconds+w.end
	lo := ws - maxZoneOffset
	s := &z.s
	if !s.contains(lo) {
		s = z.findp(lo)
	}
	if s.end >= we+maxZoneOffset {
		return ws - s.off, we - s.off, dayWhole
	}
	return 0, 0, dayCut
}

// addFast is add of rem nanoseconds of working time to the instant ts +
// tn ns for the usual case: it walks the days as addFrom does, reading
// each working day's window by arithmetic (windowAt) in whichever zone
// period holds it, so a span across a clock change stays on it. When
// the result lands there it returns it; at the first day a clock change
// may cut it returns that day and the work left after the days before
// it, for addFrom to go on from day by day. It leaves more than two
// weeks of work to addFrom at once (which skips whole weeks), and stops
// after maxFastDays days.
func (c *BusinessCalendar) addFast(z *zoneCursor, ts, tn, rem int64) (time.Time, int64, int64, bool) {
	const sec = int64(time.Second)
	day := floorDiv(ts+z.at(ts).off, daySeconds)
	if rem > 2*c.weekWork*sec {
		return time.Time{}, day, rem, false
	}
	for end := day + maxFastDays; day < end; day++ {
		a, b, k := c.windowAt(z, day)
		if k == dayCut {
			break
		}
		if k == dayOff || ts >= b {
			continue
		}
		cs, cn := a, int64(0)
		if ts >= a {
			cs, cn = ts, tn
		}
		if avail := (b-cs)*sec - cn; rem > avail {
			rem -= avail
			continue
		}
		n := cn + rem
		return time.Unix(cs+n/sec, n%sec).In(c.loc), day, 0, true
	}
	return time.Time{}, day, rem, false
}

// windowOf returns the working window of civil day d, in nanoseconds
// after its local midnight; false on a day off (a non-working weekday or
// a holiday).
func (c *BusinessCalendar) windowOf(d int64) (ws, we int64, ok bool) {
	wd := weekdayOf(d)
	if !c.workdays[wd] || c.isHoliday(d) {
		return 0, 0, false
	}
	w := c.windows[wd]
	return int64(w.start) * 60 * int64(time.Second), int64(w.end) * 60 * int64(time.Second), true
}

// workBefore returns the working time, in nanoseconds, of civil day d
// before pos nanoseconds after its local midnight, reading the day's
// window whole.
func (c *BusinessCalendar) workBefore(d, pos int64) int64 {
	ws, we, ok := c.windowOf(d)
	if !ok {
		return 0
	}
	return min(max(pos-ws, 0), we-ws)
}

// addSlow is add day by day through dayWork, whatever the zone does.
func (c *BusinessCalendar) addSlow(z *zoneCursor, t time.Time, d time.Duration) time.Time {
	ts := t.Unix()
	return c.addFrom(z, ts, int64(t.Nanosecond()), floorDiv(ts+z.at(ts).off, daySeconds), int64(d))
}

// addFrom adds rem nanoseconds of working time to the instant ts + tn ns
// (whose local day is day0 or earlier), day by day through dayWork from
// civil day day0 on, whatever the zone does.
func (c *BusinessCalendar) addFrom(z *zoneCursor, ts, tn, day0, rem int64) time.Time {
	var buf [4]span64
	first := true
	for day := day0; ; day++ {
		if !first && rem > 2*c.weekWork*int64(time.Second) {
			r := time.Duration(rem)
			day = c.skipDays(z, day, &r)
			rem = int64(r)
		}
		first = false
		for _, iv := range c.dayWork(z, day, buf[:0]) {
			if ts >= iv.end {
				continue // t is at or after the interval's end
			}
			cs, cn := iv.start, int64(0)
			if ts >= iv.start {
				cs, cn = ts, tn
			}
			if avail := (iv.end-cs)*int64(time.Second) - cn; rem > avail {
				rem -= avail
				continue
			}
			n := cn + rem
			return time.Unix(cs+n/int64(time.Second), n%int64(time.Second)).In(c.loc)
		}
	}
}

// skipDays skips, from civil day d, the longest run of whole days in one
// zone period whose working time is less than *rem, subtracts it from
// *rem, and returns the first day not skipped.
func (c *BusinessCalendar) skipDays(z *zoneCursor, d int64, rem *time.Duration) int64 {
	last := c.wholeDaysFrom(z, d)
	if last < d {
		return d
	}
	// Largest k with rangeWork(d, d+k) < rem, in whole seconds.
	limit := int64(*rem / time.Second)
	if *rem%time.Second != 0 {
		limit++
	}
	// Each week adds weekWork; holidays take at most a day each, so the
	// answer lies below this bound (which keeps rangeWork from overflowing).
	bound := 7 * ((limit+int64(len(c.hol))*daySeconds)/max(c.weekWork, 1) + 2)
	lo, hi := int64(0), min(last-d+1, bound)
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if c.rangeWork(d, d+mid) < limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	*rem -= time.Duration(c.rangeWork(d, d+lo)) * time.Second
	return d + lo
}

// AddDays returns the due time n working days after t: the same working
// time into the working day n working days later (clamped to that day's
// last working instant), where t outside working time counts from the
// start of the next working day. A due time that falls on a day's first
// working instant is reported as the last working instant of the previous
// working day instead, the earliest instant with n full working days
// elapsed: 2 working days from Friday 15:00 is Tuesday 15:00; from
// Saturday 10:00 it is Tuesday 17:00. A working day is one with working
// time (a window lost entirely to a DST gap makes none). n <= 0 returns t.
func (c *BusinessCalendar) AddDays(t time.Time, n int) time.Time {
	if n <= 0 || !c.ok {
		return t
	}
	z := zoneCursor{c: c}
	if u, ok := c.addDaysFast(&z, t, n); ok {
		return u
	}
	return c.addDaysSlow(&z, t, n)
}

// addDaysFast is AddDays (n > 0) for the usual case: it walks the days
// as addDaysSlow does, reading each working day's window by arithmetic
// (windowAt) in whichever zone period holds it, so a span across a
// clock change stays on it. It reports false, leaving the work to
// addDaysSlow, when a clock change may cut a working day on the way, or
// when the days passed exceed maxFastDays.
func (c *BusinessCalendar) addDaysFast(z *zoneCursor, t time.Time, n int) (time.Time, bool) {
	const sec = int64(time.Second)
	ts, tn := t.Unix(), int64(t.Nanosecond())
	day := floorDiv(ts+z.at(ts).off, daySeconds)
	last := day + maxFastDays
	// The first day with working time at or after t, and the working
	// time of that day before t.
	var a, b, offset int64
	for ; ; day++ {
		if day > last {
			return time.Time{}, false
		}
		var k dayKind
		a, b, k = c.windowAt(z, day)
		if k == dayCut {
			return time.Time{}, false
		}
		if k == dayOff || ts >= b {
			continue
		}
		if ts > a || (ts == a && tn > 0) {
			offset = (ts-a)*sec + tn
		}
		break
	}
	if offset == 0 {
		n-- // n full days, the first being this one: due at the end of the last
	}
	for n > 0 {
		if day++; day > last {
			return time.Time{}, false
		}
		var k dayKind
		a, b, k = c.windowAt(z, day)
		switch k {
		case dayCut:
			return time.Time{}, false
		case dayWhole:
			n--
		}
	}
	if offset == 0 || offset >= (b-a)*sec {
		return time.Unix(b, 0).In(c.loc), true
	}
	return time.Unix(a+offset/sec, offset%sec).In(c.loc), true
}

// addDaysSlow is AddDays (n > 0) day by day through dayWork, whatever
// the zone does.
func (c *BusinessCalendar) addDaysSlow(z *zoneCursor, t time.Time, n int) time.Time {
	var buf [4]span64
	ts, tn := t.Unix(), int64(t.Nanosecond())
	day := floorDiv(ts+z.at(ts).off, daySeconds)
	var offset int64 // working time of the day before t, nanoseconds
	for ; ; day++ {
		ivs := c.dayWork(z, day, buf[:0])
		if len(ivs) == 0 || ts >= ivs[len(ivs)-1].end {
			continue
		}
		for _, iv := range ivs {
			if ts < iv.start || (ts == iv.start && tn == 0) {
				break
			}
			if ts < iv.end {
				offset += (ts-iv.start)*int64(time.Second) + tn
			} else {
				offset += (iv.end - iv.start) * int64(time.Second)
			}
		}
		break
	}
	if offset == 0 {
		n-- // n full days, the first being this one: due at the end of the last
	}
	for ; n > 0; n-- {
		day = c.nextWorkday(z, day)
	}
	ivs := c.dayWork(z, day, buf[:0])
	if offset == 0 {
		return time.Unix(ivs[len(ivs)-1].end, 0).In(c.loc)
	}
	for _, iv := range ivs {
		if l := (iv.end - iv.start) * int64(time.Second); offset > l {
			offset -= l
			continue
		}
		return time.Unix(iv.start+offset/int64(time.Second), offset%int64(time.Second)).In(c.loc)
	}
	return time.Unix(ivs[len(ivs)-1].end, 0).In(c.loc)
}

// nextWorkday returns the first civil day after n with working time.
func (c *BusinessCalendar) nextWorkday(z *zoneCursor, n int64) int64 {
	var buf [4]span64
	for n++; len(c.dayWork(z, n, buf[:0])) == 0; n++ {
	}
	return n
}

// Between returns the working time elapsed from a to b (0 when b is not
// after a). It saturates: working time beyond the largest
// [time.Duration] (about 292 years, reachable only by a round-the-clock
// calendar) is reported as math.MaxInt64 nanoseconds, never as a negative
// or wrapped duration. Whole weeks are counted at once, so Between costs
// about the same for a century as for a day.
func (c *BusinessCalendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) || !c.ok {
		return 0
	}
	z := zoneCursor{c: c}
	return c.between(&z, a, b)
}

// between is Between with a zone cursor the caller may share between
// calls; b is after a.
func (c *BusinessCalendar) between(z *zoneCursor, a, b time.Time) time.Duration {
	if d, ok := c.betweenFast(z, a, b); ok {
		return d
	}
	return c.betweenSlow(z, a, b)
}

// betweenFast is between for the usual cases. When a and b lie in one
// zone period every instant from a to b reads local time at one offset,
// and the working time is that of the whole local days from a's to b's
// (rangeWork, or day by day for a week or less) less the part of a's
// day before a, plus the part of b's day before b. Across periods, a
// week or less, it goes day by day as betweenSlow does, reading each
// working day's window by arithmetic (windowAt). It reports false,
// leaving the work to betweenSlow, when a clock change may cut a working
// day on the way, or when a and b lie in different periods more than a
// week apart or in one period more than maxFastDays days apart.
func (c *BusinessCalendar) betweenFast(z *zoneCursor, a, b time.Time) (time.Duration, bool) {
	const sec = int64(time.Second)
	as, bs := a.Unix(), b.Unix()
	an, bn := int64(a.Nanosecond()), int64(b.Nanosecond())
	s := z.at(as)
	if !s.contains(bs) {
		da := floorDiv(as+s.off, daySeconds)
		db := floorDiv(bs+z.at(bs).off, daySeconds)
		if db-da > 7 {
			return 0, false
		}
		var ns int64
		for d := da; d <= db; d++ {
			ws, we, k := c.windowAt(z, d)
			if k == dayCut {
				return 0, false
			}
			if k == dayOff {
				continue
			}
			// The window cut to [a, b).
			ss, sn := ws, int64(0)
			if as > ss || (as == ss && an > 0) {
				ss, sn = as, an
			}
			es, en := we, int64(0)
			if bs < es {
				es, en = bs, bn
			}
			if es > ss || (es == ss && en > sn) {
				ns += (es-ss)*sec + en - sn
			}
		}
		return time.Duration(ns), true
	}
	la, lb := as+s.off, bs+s.off
	da, db := floorDiv(la, daySeconds), floorDiv(lb, daySeconds)
	if db-da > maxFastDays {
		return 0, false
	}
	ns := c.workBefore(db, (lb-db*daySeconds)*sec+bn) -
		c.workBefore(da, (la-da*daySeconds)*sec+an)
	if db-da <= 7 {
		for d := da; d < db; d++ {
			if ws, we, ok := c.windowOf(d); ok {
				ns += we - ws
			}
		}
	} else {
		ns += c.rangeWork(da, db) * sec
	}
	return time.Duration(ns), true
}

// betweenSlow is between day by day through dayWork, whatever the zone
// does.
func (c *BusinessCalendar) betweenSlow(z *zoneCursor, a, b time.Time) time.Duration {
	as, an := a.Unix(), int64(a.Nanosecond())
	bs, bn := b.Unix(), int64(b.Nanosecond())
	var buf [4]span64
	var secs, nanos int64
	first, last := floorDiv(as+z.at(as).off, daySeconds), floorDiv(bs+z.at(bs).off, daySeconds)
	for d := first; d <= last; d++ {
		if d > first && d < last {
			if e := min(c.wholeDaysFrom(z, d), last-1); e > d {
				secs += c.rangeWork(d, e+1)
				d = e
				continue
			}
		}
		for _, iv := range c.dayWork(z, d, buf[:0]) {
			// The interval cut to [a, b), as seconds and nanoseconds.
			ss, sn := iv.start, int64(0)
			if as > ss || (as == ss && an > 0) {
				ss, sn = as, an
			}
			es, en := iv.end, int64(0)
			if bs < es {
				es, en = bs, bn
			}
			if es > ss || (es == ss && en > sn) {
				secs += es - ss
				nanos += en - sn
			}
		}
	}
	secs += floorDiv(nanos, int64(time.Second))
	nanos -= floorDiv(nanos, int64(time.Second)) * int64(time.Second)
	if secs > (math.MaxInt64-nanos)/int64(time.Second) {
		return math.MaxInt64
	}
	return time.Duration(secs*int64(time.Second) + nanos)
}

// calendarDays is addCalendarDays in the calendar's zone, by its table
// of zone periods: the local reading of t moved by n days, converted back
// to the earliest instant showing it, or the instant the clocks jump over
// it.
func (c *BusinessCalendar) calendarDays(t time.Time, n int) time.Time {
	if c.fixed {
		return t.Add(time.Duration(n) * 24 * time.Hour)
	}
	z := zoneCursor{c: c}
	u := t.Unix()
	local := u + z.at(u).off + int64(n)*daySeconds
	for s := z.at(local - maxZoneOffset); ; s = z.at(s.end) {
		cand := local - s.off
		switch {
		case s.contains(cand):
			return time.Unix(cand, int64(t.Nanosecond())).In(c.loc)
		case cand < s.start:
			// No instant shows the reading: the clocks jumped over it at
			// the start of this period.
			return time.Unix(s.start, 0).In(c.loc)
		}
		// The reading comes after this period under its offset: try the
		// next. (The last period contains every later instant, so the
		// loop ends.)
	}
}

// addCalendarDays returns t plus n calendar days in loc, keeping the local
// time of day. Where that wall-clock time does not exist (a DST gap) it is
// the first instant after the gap, when the clocks have jumped; where it
// exists twice (clocks falling back) it is the first of the two.
func addCalendarDays(t time.Time, n int, loc *time.Location) time.Time {
	lt := t.In(loc)
	y, m, d := lt.Date()
	h, mi, s := lt.Clock()
	ns := lt.Nanosecond()
	out := time.Date(y, m, d+n, h, mi, s, ns, loc)
	want := time.Date(y, m, d+n, h, mi, s, ns, time.UTC)
	start, end := out.ZoneBounds()
	switch got := wallClock(out); {
	case got.Before(want) && !end.IsZero():
		// In a gap: time.Date chose an instant before it; the clocks
		// jump at the end of that instant's zone period.
		return end
	case got.After(want) && !start.IsZero():
		return start
	case got.Equal(want) && !start.IsZero():
		// Clocks falling back show this time twice: take the earlier.
		_, off := out.Zone()
		_, prevOff := start.Add(-time.Second).Zone()
		if prevOff > off {
			if e := out.Add(-time.Duration(prevOff-off) * time.Second); e.Before(start) && wallClock(e).Equal(want) {
				return e
			}
		}
	}
	return out
}

// wallClock returns t's local date and time of day as the same reading
// in UTC, so wall-clock readings compare as instants.
func wallClock(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, t.Nanosecond(), time.UTC)
}
