package process

import (
	"fmt"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestZoneTable checks the calendar's table of zone periods against the
// time package, and calendarDays (by the table) against addCalendarDays
// (by time.Date), in zones with every kind of clock change, inside the
// tabulated years and outside them.
func TestZoneTable(t *testing.T) {
	var cals []*BusinessCalendar
	for _, n := range []string{"America/New_York", "America/Santiago", "America/Havana", "Australia/Lord_Howe",
		"Pacific/Apia", "Pacific/Chatham", "Europe/Berlin", "Asia/Tehran", "Africa/Casablanca", "Asia/Kolkata", "UTC"} {
		loc, err := time.LoadLocation(n)
		if err != nil {
			t.Skipf("no tzdata: %v", err)
		}
		cals = append(cals, MustBusinessCalendar(CalendarDef{}, loc))
	}
	cals = append(cals, MustBusinessCalendar(CalendarDef{}, time.FixedZone("IST", 5*3600+1800)))
	for _, c := range cals {
		if n := len(c.zones); !c.fixed && (n == 0 || c.zones[0].start > zonesFrom || c.zones[n-1].end < zonesTo) {
			t.Errorf("%s: %d periods do not cover the tabulated years", c.loc, n)
		}
		for i := 1; i < len(c.zones); i++ {
			if c.zones[i].start != c.zones[i-1].end {
				t.Fatalf("%s: periods %d and %d are not contiguous", c.loc, i-1, i)
			}
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		c := rapid.SampledFrom(cals).Draw(t, "calendar")
		u := rapid.Int64Range(-1_000_000_000, 5_000_000_000).Draw(t, "unix")
		z := zoneCursor{c: c}
		slow := zoneCursor{c: c}
		if got, want := z.at(u), slow.lookup(u); got.off != want.off || !got.contains(u) {
			t.Fatalf("%s at %d: table %+v, time package %+v", c.loc, u, got, want)
		}
		from := time.Unix(u, rapid.SampledFrom([]int64{0, 1, 999_999_999}).Draw(t, "ns"))
		n := rapid.IntRange(-400, 400).Draw(t, "days")
		if got, want := c.calendarDays(from, n), addCalendarDays(from, n, c.loc); !got.Equal(want) {
			t.Fatalf("%s: %v plus %d days: %v, want %v", c.loc, from.In(c.loc), n, got, want)
		}
	})
}

// TestPropertyCalendarFastPaths checks add (its fast path handing over
// to the day-by-day walk at a day a clock change may cut), and the fast
// paths of AddDays and between (which walk across clock changes, zone
// period after zone period), against the day-by-day walks (addSlow,
// addDaysSlow, betweenSlow) on
// random calendars (working days, windows to the minute including
// midnight to 24:00, an override, holidays) in zones with every kind of
// clock change, at random instants and nanoseconds around clock changes
// and far from the tabulated years: both give the same instant and the
// same duration whenever the fast path answers.
func TestPropertyCalendarFastPaths(t *testing.T) {
	var zones []*time.Location
	for _, n := range []string{"America/New_York", "America/Santiago", "Australia/Lord_Howe", "Pacific/Apia", "Pacific/Chatham", "Europe/Berlin", "Asia/Tehran", "UTC"} {
		loc, err := time.LoadLocation(n)
		if err != nil {
			t.Skipf("no tzdata: %v", err)
		}
		zones = append(zones, loc)
	}
	zones = append(zones, time.FixedZone("IST", 5*3600+1800))
	hhmm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		var work []string
		mask := rapid.IntRange(1, 1<<7-1).Draw(t, "working_days")
		for k, d := range weekdayNames {
			if mask&(1<<k) != 0 {
				work = append(work, d)
			}
		}
		start := rapid.IntRange(0, 1439).Draw(t, "start")
		end := rapid.IntRange(start+1, 1440).Draw(t, "end")
		def := CalendarDef{WorkingDays: work, Start: hhmm(start), End: hhmm(end)}
		if rapid.Bool().Draw(t, "override") {
			os := rapid.IntRange(0, 1439).Draw(t, "override_start")
			def.Overrides = []DayWindow{{Day: work[0], Start: hhmm(os), End: hhmm(rapid.IntRange(os+1, 1440).Draw(t, "override_end"))}}
		}
		for range rapid.IntRange(0, 12).Draw(t, "holidays") {
			def.Holidays = append(def.Holidays, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rapid.IntRange(-30, 400).Draw(t, "holiday")).Format(time.DateOnly))
		}
		c, err := NewBusinessCalendar(def, loc)
		if err != nil {
			t.Fatal(err)
		}
		// Several instants a calendar: building one costs the most.
		for range 10 {
			var from time.Time
			switch rapid.IntRange(0, 2).Draw(t, "era") {
			case 0: // 2026, where the holidays and many clock changes are
				from = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(-40*86400, 400*86400).Draw(t, "sec")) * time.Second)
			case 1: // near one of the zone's clock changes
				z := zoneCursor{c: c}
				s := z.at(time.Date(2026, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), 1, 0, 0, 0, 0, time.UTC).Unix())
				edge := s.end
				if edge == math.MaxInt64 {
					edge = s.start
				}
				if edge == math.MinInt64 {
					edge = 1_772_445_600
				}
				from = time.Unix(edge+rapid.Int64Range(-3*86400, 3*86400).Draw(t, "near"), 0)
			default: // anywhere from 1900 to 2200
				from = time.Unix(rapid.Int64Range(-2_208_988_800, 7_258_118_400).Draw(t, "unix"), 0)
			}
			from = from.Add(time.Duration(rapid.SampledFrom([]int64{0, 1, 500_000_000, 999_999_999}).Draw(t, "ns")))
			d := time.Duration(rapid.Int64Range(1, 3*c.weekWork).Draw(t, "work")) * time.Second
			d += time.Duration(rapid.SampledFrom([]int64{0, 1, 999_999_999}).Draw(t, "work_ns"))
			if rapid.Bool().Draw(t, "whole_minutes") {
				// Windows are whole minutes: land on their ends exactly.
				from = from.Truncate(time.Minute)
				d = max(d.Truncate(time.Minute), time.Minute)
			}
			z1, z2 := zoneCursor{c: c}, zoneCursor{c: c}
			if got, want := c.add(&z1, from, d), c.addSlow(&z2, from, d); !got.Equal(want) || got.Location() != want.Location() {
				t.Fatalf("%s: add(%v, %v) = %v, day by day %v", loc, from, d, got, want)
			}
			n := rapid.IntRange(1, 45).Draw(t, "days")
			z1, z2 = zoneCursor{c: c}, zoneCursor{c: c}
			if got, ok := c.addDaysFast(&z1, from, n); ok {
				if want := c.addDaysSlow(&z2, from, n); !got.Equal(want) || got.Location() != want.Location() {
					t.Fatalf("%s: AddDays(%v, %d) = %v, day by day %v", loc, from, n, got, want)
				}
			}
			// Spans up to 70 days, and up to 8 (which the fast path
			// walks day by day across clock changes).
			maxSpan := rapid.SampledFrom([]int64{8 * 86400, 70 * 86400}).Draw(t, "max_span")
			to := from.Add(time.Duration(rapid.Int64Range(1, maxSpan).Draw(t, "span")) * time.Second)
			to = to.Add(time.Duration(rapid.SampledFrom([]int64{0, 1, -1, 999_999_999}).Draw(t, "to_ns")))
			if !to.After(from) {
				continue
			}
			z1, z2 = zoneCursor{c: c}, zoneCursor{c: c}
			if got, ok := c.betweenFast(&z1, from, to); ok {
				if want := c.betweenSlow(&z2, from, to); got != want {
					t.Fatalf("%s: between(%v, %v) = %v, day by day %v", loc, from, to, got, want)
				}
			}
		}
	})
}

// TestCalendarFastPathsAnswer checks that the fast paths answer the
// usual questions (two hours, two working days, a night's pause, away
// from clock changes) in a zone with clock changes, in UTC and in a
// fixed zone, as the hot paths of Apply and Replay rely on.
func TestCalendarFastPathsAnswer(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	for _, loc := range []*time.Location{ny, time.UTC, time.FixedZone("IST", 5*3600+1800)} {
		c := MustBusinessCalendar(CalendarDef{}, loc)
		from := time.Date(2026, 6, 2, 15, 0, 0, 0, time.UTC) // a Tuesday
		z := zoneCursor{c: c}
		if _, _, _, ok := c.addFast(&z, from.Unix(), 0, int64(2*time.Hour)); !ok {
			t.Errorf("%s: add of 2h took the slow path", loc)
		}
		if _, ok := c.addDaysFast(&z, from, 2); !ok {
			t.Errorf("%s: AddDays of 2 took the slow path", loc)
		}
		if _, ok := c.betweenFast(&z, from, from.Add(20*time.Hour)); !ok {
			t.Errorf("%s: between over a night took the slow path", loc)
		}
	}
	// Across a weekend whose Sunday changes the clocks (the deal
	// registration's review and pause), forward and back, the fast paths
	// walk on into the next zone period and agree with the day-by-day
	// walks.
	for _, tc := range []struct {
		zone string
		from time.Time // a Friday, 11:00 local
	}{
		{"America/New_York", time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC)},
		{"America/New_York", time.Date(2026, 10, 30, 15, 0, 0, 0, time.UTC)},
		{"Europe/Berlin", time.Date(2026, 3, 27, 10, 0, 0, 0, time.UTC)},
		{"Europe/Berlin", time.Date(2026, 10, 23, 9, 0, 0, 0, time.UTC)},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Skipf("no tzdata: %v", err)
		}
		c := MustBusinessCalendar(CalendarDef{}, loc)
		to := tc.from.Add(75 * time.Hour) // Monday, 14:00 local
		z, slow := zoneCursor{c: c}, zoneCursor{c: c}
		if got, _, _, ok := c.addFast(&z, tc.from.Unix(), 0, int64(16*time.Hour)); !ok {
			t.Errorf("%s from %v: add of 16h took the slow path", tc.zone, tc.from)
		} else if want := c.addSlow(&slow, tc.from, 16*time.Hour); !got.Equal(want) {
			t.Errorf("%s from %v: add of 16h = %v, day by day %v", tc.zone, tc.from, got, want)
		}
		if got, ok := c.addDaysFast(&z, tc.from, 2); !ok {
			t.Errorf("%s from %v: AddDays of 2 took the slow path", tc.zone, tc.from)
		} else if want := c.addDaysSlow(&slow, tc.from, 2); !got.Equal(want) {
			t.Errorf("%s from %v: AddDays of 2 = %v, day by day %v", tc.zone, tc.from, got, want)
		}
		if got, ok := c.betweenFast(&z, tc.from, to); !ok {
			t.Errorf("%s from %v: between over the weekend took the slow path", tc.zone, tc.from)
		} else if want := c.betweenSlow(&slow, tc.from, to); got != want {
			t.Errorf("%s from %v: between over the weekend = %v, day by day %v", tc.zone, tc.from, got, want)
		}
	}
}
