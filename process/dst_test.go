package process_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops/process"
	"pgregory.net/rapid"
)

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", name, err)
	}
	return loc
}

var everyDay = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// TestCalendarWindowStartsInDSTGap is the audit's finding (issue 11): in
// New York on 2026-03-08 clocks jump from 02:00 to 03:00, so a window
// 02:30-10:00 starts when they jump, at 03:00 EDT. It used to start an
// hour early, at 01:30 EST.
func TestCalendarWindowStartsInDSTGap(t *testing.T) {
	ny := loadZone(t, "America/New_York")
	c := process.MustBusinessCalendar(process.CalendarDef{WorkingDays: everyDay, Start: "02:30", End: "10:00"}, ny)
	est := time.FixedZone("EST", -5*3600)
	edt := time.FixedZone("EDT", -4*3600)
	if c.IsWorking(time.Date(2026, 3, 8, 1, 45, 0, 0, est)) {
		t.Errorf("IsWorking(01:45 EST) = true; the window opens at 03:00 EDT")
	}
	if !c.IsWorking(time.Date(2026, 3, 8, 3, 0, 0, 0, edt)) {
		t.Errorf("IsWorking(03:00 EDT) = false")
	}
	if got, want := c.Add(time.Date(2026, 3, 8, 0, 0, 0, 0, est), time.Minute), time.Date(2026, 3, 8, 3, 1, 0, 0, edt); !got.Equal(want) {
		t.Errorf("Add(00:00 EST, 1m) = %v, want %v", got, want)
	}
	if got := c.Between(time.Date(2026, 3, 8, 0, 0, 0, 0, est), time.Date(2026, 3, 9, 0, 0, 0, 0, edt)); got != 7*time.Hour {
		t.Errorf("working time on 2026-03-08 = %v, want 7h (03:00-10:00 EDT)", got)
	}
	// A window lying wholly in the gap gives no working time that day;
	// AddDays skips the day.
	gap := process.MustBusinessCalendar(process.CalendarDef{WorkingDays: everyDay, Start: "02:10", End: "02:50"}, ny)
	if got := gap.Between(time.Date(2026, 3, 8, 0, 0, 0, 0, est), time.Date(2026, 3, 9, 0, 0, 0, 0, edt)); got != 0 {
		t.Errorf("window inside the gap: %v of working time, want 0", got)
	}
	if got, want := gap.AddDays(time.Date(2026, 3, 7, 12, 0, 0, 0, est), 1), time.Date(2026, 3, 9, 2, 50, 0, 0, edt); !got.Equal(want) {
		t.Errorf("AddDays across a day without working time = %v, want %v", got, want)
	}
}

// TestCalendarDSTAtMidnight is the audit's finding: in Santiago DST began
// at midnight on 2016-08-14 (00:00 became 01:00), so 2016-08-13 ran until
// the jump and a round-the-clock calendar works at 23:30 that night. It
// used to end the day at 23:00.
func TestCalendarDSTAtMidnight(t *testing.T) {
	scl := loadZone(t, "America/Santiago")
	c := process.MustBusinessCalendar(process.CalendarDef{WorkingDays: everyDay, Start: "00:00", End: "24:00"}, scl)
	at := time.Date(2016, 8, 13, 23, 30, 0, 0, scl)
	if !c.IsWorking(at) {
		t.Errorf("IsWorking(%v) = false on a 24/7 calendar", at)
	}
	from, to := time.Date(2016, 8, 13, 0, 0, 0, 0, scl), time.Date(2016, 8, 15, 0, 0, 0, 0, scl)
	if got := c.Between(from, to); got != 47*time.Hour {
		t.Errorf("Between(13 Aug, 15 Aug) = %v, want 47h (24h + 23h)", got)
	}
	if got, want := c.Add(at, time.Hour), time.Date(2016, 8, 14, 1, 30, 0, 0, scl); !got.Equal(want) {
		t.Errorf("Add(23:30, 1h) = %v, want %v", got, want)
	}
	// Business days keep the working time into the day: 1 day after 13
	// Aug 00:00 is the end of that day, the jump at 01:00 on the 14th.
	if got, want := c.AddDays(from, 1), time.Date(2016, 8, 14, 1, 0, 0, 0, scl); !got.Equal(want) {
		t.Errorf("AddDays(13 Aug 00:00, 1) = %v, want %v", got, want)
	}
}

// TestCalendarFallBackCountsTwice: when clocks fall back inside the
// window, the hour shown twice is worked twice.
func TestCalendarFallBackCountsTwice(t *testing.T) {
	ny := loadZone(t, "America/New_York")
	c := process.MustBusinessCalendar(process.CalendarDef{WorkingDays: everyDay, Start: "01:15", End: "01:45"}, ny)
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, ny)
	if got := c.Between(day, day.Add(25*time.Hour)); got != time.Hour {
		t.Errorf("Between on the fall-back day = %v, want 1h (01:15-01:45 twice)", got)
	}
	edt, est := time.FixedZone("EDT", -4*3600), time.FixedZone("EST", -5*3600)
	if got, want := c.Add(time.Date(2026, 11, 1, 1, 40, 0, 0, edt), 10*time.Minute), time.Date(2026, 11, 1, 1, 20, 0, 0, est); !got.Equal(want) {
		t.Errorf("Add(01:40 EDT, 10m) = %v, want %v", got, want)
	}
}

// TestCalendarDaySLAInDSTGap: a calendar-clock SLA of 1 day entered at
// 02:30 the day before spring-forward is due when the clocks jump, at
// 03:00 EDT, not an hour before its day is over (01:30 EST).
func TestCalendarDaySLAInDSTGap(t *testing.T) {
	ny := loadZone(t, "America/New_York")
	cal := process.MustBusinessCalendar(process.CalendarDef{}, ny)
	d := process.Definition{ID: "w", Initial: "a",
		States:      []process.StateDef{{Name: "a", Owner: "o", SLA: &process.SLA{Days: 1}}, {Name: "b", Terminal: true}},
		Transitions: []process.Transition{{From: "a", Event: "go", To: "b"}}}
	w := process.MustCompile(d, process.WithCalendar(cal))
	in, _, err := w.Start("i", process.Trigger{}, time.Date(2026, 3, 7, 2, 30, 0, 0, ny))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 8, 3, 0, 0, 0, ny); !in.Due.Equal(want) {
		t.Errorf("due %v, want %v", in.Due, want)
	}
	// Falling back, the earlier of the two 01:30s.
	in, _, _ = w.Start("j", process.Trigger{}, time.Date(2026, 10, 31, 1, 30, 0, 0, ny))
	if want := time.Date(2026, 11, 1, 1, 30, 0, 0, time.FixedZone("EDT", -4*3600)); !in.Due.Equal(want) {
		t.Errorf("due %v, want %v", in.Due, want)
	}
}

// TestCalendarBetweenSaturates is the audit's finding: over 300 years a
// round-the-clock calendar has more working time than a time.Duration
// holds; Between used to wrap to a negative duration.
func TestCalendarBetweenSaturates(t *testing.T) {
	all := process.MustBusinessCalendar(process.CalendarDef{WorkingDays: everyDay, Start: "00:00", End: "24:00"}, time.UTC)
	from, to := utc(1800, 1, 1, 0, 0), utc(2100, 1, 1, 0, 0)
	if got := all.Between(from, to); got != math.MaxInt64 {
		t.Errorf("Between over 300 years, 24/7 = %v, want the saturated %v", got, time.Duration(math.MaxInt64))
	}
	// 292 years fit exactly.
	if got, want := all.Between(from, from.Add(200*365*24*time.Hour)), 200*365*24*time.Hour; got != want {
		t.Errorf("Between over 200×365 days = %v, want %v", got, want)
	}
	// A weekday calendar over 300 years is about 71 years of working time,
	// counted exactly: 78,267 working days of 8 hours (no holidays).
	c := process.MustBusinessCalendar(process.CalendarDef{}, time.UTC)
	if got, want := c.Between(from, to), 78267*8*time.Hour; got != want {
		t.Errorf("Between over 300 years, weekdays = %v, want %v", got, want)
	}
}

// TestCalendarLongSpansAreCheap: Between and Add count whole runs of days
// at once, so their cost grows with the number of zone periods crossed
// (two or three a year), not with days: a span 8 times longer costs at
// most about 8 times more (growth-ratio test with a generous bound).
func TestCalendarLongSpansAreCheap(t *testing.T) {
	ny := loadZone(t, "America/New_York")
	c := process.MustBusinessCalendar(process.CalendarDef{Holidays: []string{"2026-12-25", "2027-01-01"}}, ny)
	// From 2040 on, past the zone's listed transitions, every year costs
	// the same (zone periods come from the zone's rule).
	from := time.Date(2040, 3, 2, 9, 0, 0, 0, ny)
	growth(t, "Between and Add over years", 8, func(years int) func() {
		to := from.AddDate(years, 0, 0)
		d := time.Duration(years) * 2000 * time.Hour
		return func() {
			c.Between(from, to)
			c.Add(from, d)
		}
	})
	// Counted exactly: 64 years of weekdays from 2026-03-02, less the
	// two holidays.
	if got, want := c.Between(from, from.AddDate(64, 0, 0)), c.Between(from, from.AddDate(32, 0, 0))+c.Between(from.AddDate(32, 0, 0), from.AddDate(64, 0, 0)); got != want {
		t.Errorf("Between is not additive: %v != %v", got, want)
	}
}

// refCalendar is the obvious reading of a CalendarDef: t is working when
// its local wall clock, minute by minute, lies in its weekday's window on
// a working day that is not a holiday.
type refCalendar struct {
	loc      *time.Location
	work     map[string]bool
	start    map[string]int
	end      map[string]int
	holidays map[string]bool
}

func newRefCalendar(def process.CalendarDef, loc *time.Location) refCalendar {
	r := refCalendar{loc: loc, work: map[string]bool{}, start: map[string]int{}, end: map[string]int{}, holidays: map[string]bool{}}
	clock := func(s string) int {
		var h, m int
		fmt.Sscanf(s, "%d:%d", &h, &m)
		return h*60 + m
	}
	for _, d := range def.WorkingDays {
		r.work[d] = true
		r.start[d], r.end[d] = clock(def.Start), clock(def.End)
	}
	for _, o := range def.Overrides {
		r.start[o.Day], r.end[o.Day] = clock(o.Start), clock(o.End)
	}
	for _, h := range def.Holidays {
		r.holidays[h] = true
	}
	return r
}

func (r refCalendar) working(t time.Time) bool {
	lt := t.In(r.loc)
	wd := strings.ToLower(lt.Weekday().String()[:3])
	if !r.work[wd] || r.holidays[lt.Format(time.DateOnly)] {
		return false
	}
	tod := lt.Hour()*60 + lt.Minute()
	return r.start[wd] <= tod && tod < r.end[wd]
}

// TestPropertyCalendarMatchesMinuteWalk checks IsWorking, Between, Add and
// AddDays against refCalendar walked minute by minute, on random
// calendars in zones with every kind of clock change (spring forward,
// fall back, at midnight, by 30 or 45 minutes, a skipped day), over small
// ranges around a clock change.
func TestPropertyCalendarMatchesMinuteWalk(t *testing.T) {
	names := []string{"America/New_York", "America/Santiago", "America/Havana", "America/Asuncion",
		"Australia/Lord_Howe", "Pacific/Apia", "Pacific/Chatham", "Europe/Berlin", "Asia/Tehran",
		"America/Sao_Paulo", "Africa/Casablanca", "Asia/Kolkata", "UTC"}
	var zones []*time.Location
	for _, n := range names {
		zones = append(zones, loadZone(t, n))
	}
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		var work []string
		for _, d := range everyDay {
			if rapid.IntRange(0, 3).Draw(t, d) > 0 {
				work = append(work, d)
			}
		}
		if len(work) == 0 {
			work = []string{"sun"}
		}
		quarter := func(label string, lo, hi int) int { return rapid.IntRange(lo, hi).Draw(t, label) * 15 }
		start := quarter("start", 0, 95)
		end := quarter("end", start/15+1, 96)
		hm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
		def := process.CalendarDef{WorkingDays: work, Start: hm(start), End: hm(end)}
		if rapid.Bool().Draw(t, "override") {
			os := quarter("override_start", 0, 95)
			def.Overrides = []process.DayWindow{{Day: work[0], Start: hm(os), End: hm(quarter("override_end", os/15+1, 96))}}
		}
		// Around a clock change: the first change after a random date.
		year := rapid.IntRange(1995, 2045).Draw(t, "year")
		if loc.String() == "Pacific/Apia" && rapid.Bool().Draw(t, "apia_skip") {
			year = 2011 // 2011-12-30 does not exist there
		}
		probe := time.Date(year, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), 1, 0, 0, 0, 0, time.UTC).In(loc)
		change := probe
		if _, e := probe.ZoneBounds(); !e.IsZero() {
			change = e
		}
		from := change.Add(-time.Duration(rapid.IntRange(0, 3*24*60).Draw(t, "before")) * time.Minute).Truncate(time.Minute)
		to := from.Add(time.Duration(rapid.IntRange(1, 5*24*60).Draw(t, "span")) * time.Minute)
		for range rapid.IntRange(0, 3).Draw(t, "holidays") {
			def.Holidays = append(def.Holidays, from.In(loc).AddDate(0, 0, rapid.IntRange(-1, 6).Draw(t, "holiday")).Format(time.DateOnly))
		}
		c, err := process.NewBusinessCalendar(def, loc)
		if err != nil {
			t.Fatal(err)
		}
		ref := newRefCalendar(def, loc)
		var minutes []time.Time // working minutes in [from, to)
		for m := from; m.Before(to); m = m.Add(time.Minute) {
			want := ref.working(m)
			if got := c.IsWorking(m); got != want {
				t.Fatalf("IsWorking(%v) = %v, want %v", m, got, want)
			}
			if got := c.IsWorking(m.Add(59 * time.Second)); got != want {
				t.Fatalf("IsWorking(%v) = %v, want %v", m.Add(59*time.Second), got, want)
			}
			if want {
				minutes = append(minutes, m)
			}
		}
		if got, want := c.Between(from, to), time.Duration(len(minutes))*time.Minute; got != want {
			t.Fatalf("Between(%v, %v) = %v, want %v", from, to, got, want)
		}
		if len(minutes) > 0 {
			k := rapid.IntRange(1, len(minutes)).Draw(t, "k")
			if got, want := c.Add(from, time.Duration(k)*time.Minute), minutes[k-1].Add(time.Minute); !got.Equal(want) {
				t.Fatalf("Add(%v, %dm) = %v, want %v", from, k, got, want)
			}
			if got, want := c.Add(from, time.Duration(k)*time.Minute-30*time.Second), minutes[k-1].Add(30*time.Second); !got.Equal(want) {
				t.Fatalf("Add(%v, %dm-30s) = %v, want %v", from, k, got, want)
			}
			mid := minutes[rapid.IntRange(0, len(minutes)-1).Draw(t, "mid")]
			if got, want := c.Between(from, mid), time.Duration(indexOf(minutes, mid))*time.Minute; got != want {
				t.Fatalf("Between(%v, %v) = %v, want %v", from, mid, got, want)
			}
		}
		n := rapid.IntRange(1, 3).Draw(t, "n")
		if got, want := c.AddDays(from, n), refAddDays(ref, from, n); !got.Equal(want) {
			t.Fatalf("AddDays(%v, %d) = %v, want %v", from, n, got, want)
		}
	})
}

func indexOf(ts []time.Time, t time.Time) int {
	for i, x := range ts {
		if x.Equal(t) {
			return i
		}
	}
	return -1
}

// refAddDays reads AddDays's doc minute by minute: the working minutes of
// each local date from t's on, the working time into t's day, and the
// same working time n working days later (the end of the previous working
// day when that is zero).
func refAddDays(r refCalendar, t time.Time, n int) time.Time {
	first := t.In(r.loc).Format(time.DateOnly)
	byDate := map[string][]time.Time{}
	var dates []string
	for m := t.Add(-30 * time.Hour).Truncate(time.Minute); m.Before(t.Add(6 * 7 * 24 * time.Hour)); m = m.Add(time.Minute) {
		if !r.working(m) {
			continue
		}
		date := m.In(r.loc).Format(time.DateOnly)
		if date < first {
			continue
		}
		if _, ok := byDate[date]; !ok {
			if len(dates) >= n+3 {
				break // dates[:n+3] are complete
			}
			dates = append(dates, date)
		}
		byDate[date] = append(byDate[date], m)
	}
	slices.Sort(dates)
	i := 0
	for ; i < len(dates); i++ {
		ms := byDate[dates[i]]
		if t.Before(ms[len(ms)-1].Add(time.Minute)) {
			break
		}
	}
	offset := 0
	for _, x := range byDate[dates[i]] {
		if x.Before(t) {
			offset++
		}
	}
	if offset == 0 {
		ms := byDate[dates[i+n-1]]
		return ms[len(ms)-1].Add(time.Minute)
	}
	ms := byDate[dates[i+n]]
	return ms[min(offset, len(ms))-1].Add(time.Minute)
}
