package process

import (
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
