package process_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

func newYork(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	return loc
}

func TestBusinessCalendarAdd(t *testing.T) {
	c := weekCal()
	tests := []struct {
		name string
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"Mon 10:00 + 16h: 7h Mon, 8h Tue, 1h Wed", utc(2026, 3, 2, 10, 0), 16 * time.Hour, utc(2026, 3, 4, 10, 0)},
		{"Fri 15:00 + 2h ends exactly at close", utc(2026, 3, 6, 15, 0), 2 * time.Hour, utc(2026, 3, 6, 17, 0)},
		{"Fri 15:00 + 3h skips the weekend", utc(2026, 3, 6, 15, 0), 3 * time.Hour, utc(2026, 3, 9, 10, 0)},
		{"Sat 10:00 + 1h counts from Monday 09:00", utc(2026, 3, 7, 10, 0), time.Hour, utc(2026, 3, 9, 10, 0)},
		{"before hours Mon 07:00 + 1h", utc(2026, 3, 2, 7, 0), time.Hour, utc(2026, 3, 2, 10, 0)},
		{"after hours Mon 18:00 + 30m", utc(2026, 3, 2, 18, 0), 30 * time.Minute, utc(2026, 3, 3, 9, 30)},
		{"Thu 24 Dec 16:00 + 2h skips the Christmas holiday and weekend", utc(2026, 12, 24, 16, 0), 2 * time.Hour, utc(2026, 12, 28, 10, 0)},
		{"zero duration", utc(2026, 3, 7, 10, 0), 0, utc(2026, 3, 7, 10, 0)},
		{"40h is one working week", utc(2026, 3, 2, 9, 0), 40 * time.Hour, utc(2026, 3, 6, 17, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Add(tt.from, tt.d); !got.Equal(tt.want) {
				t.Errorf("Add(%v, %v) = %v, want %v", tt.from, tt.d, got, tt.want)
			}
		})
	}
}

func TestBusinessCalendarAddDays(t *testing.T) {
	c := weekCal()
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"Fri 15:00 + 2 days is Tue 15:00", utc(2026, 3, 6, 15, 0), 2, utc(2026, 3, 10, 15, 0)},
		{"Sat 10:00 + 2 days is end of Tue", utc(2026, 3, 7, 10, 0), 2, utc(2026, 3, 10, 17, 0)},
		{"Mon 08:00 + 2 days is end of Tue", utc(2026, 3, 2, 8, 0), 2, utc(2026, 3, 3, 17, 0)},
		{"Mon 09:00 + 1 day is end of Mon", utc(2026, 3, 2, 9, 0), 1, utc(2026, 3, 2, 17, 0)},
		{"Wed 23 Dec after hours + 1 day is end of Thu 24", utc(2026, 12, 23, 17, 30), 1, utc(2026, 12, 24, 17, 0)},
		{"Thu 24 Dec 10:00 + 1 day skips the holiday: Mon 28 10:00", utc(2026, 12, 24, 10, 0), 1, utc(2026, 12, 28, 10, 0)},
		{"zero days", utc(2026, 3, 7, 10, 0), 0, utc(2026, 3, 7, 10, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.AddDays(tt.from, tt.n); !got.Equal(tt.want) {
				t.Errorf("AddDays(%v, %d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestBusinessCalendarDST(t *testing.T) {
	ny := newYork(t)
	// US DST starts Sunday 8 March 2026 at 02:00 and ends Sunday 1
	// November 2026 at 02:00.
	c := process.MustBusinessCalendar(process.CalendarDef{TimeZone: "America/New_York"}, ny)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ny) }
	if got, want := c.Add(at(3, 6, 16, 0), 2*time.Hour), at(3, 9, 10, 0); !got.Equal(want) {
		t.Errorf("Fri 16:00 EST + 2h = %v, want Mon 10:00 EDT %v", got, want)
	}
	if got, want := c.AddDays(at(10, 30, 15, 0), 1), at(11, 2, 15, 0); !got.Equal(want) {
		t.Errorf("Fri 15:00 EDT + 1 day = %v, want Mon 15:00 EST %v", got, want)
	}
	if got := c.Between(at(3, 6, 16, 0), at(3, 9, 10, 0)); got != 2*time.Hour {
		t.Errorf("Between across spring forward = %v, want 2h", got)
	}
	// A round-the-clock calendar: Sunday 8 March has 23 hours.
	all := process.MustBusinessCalendar(process.CalendarDef{
		WorkingDays: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, Start: "00:00", End: "24:00",
	}, ny)
	if got, want := all.Add(at(3, 7, 12, 0), 24*time.Hour), at(3, 8, 13, 0); !got.Equal(want) {
		t.Errorf("24/7 Sat 12:00 EST + 24h = %v, want Sun 13:00 EDT %v", got, want)
	}
	if got := all.Between(at(3, 8, 0, 0), at(3, 9, 0, 0)); got != 23*time.Hour {
		t.Errorf("24/7 spring-forward Sunday = %v, want 23h", got)
	}
	if got := all.Between(at(11, 1, 0, 0), at(11, 2, 0, 0)); got != 25*time.Hour {
		t.Errorf("24/7 fall-back Sunday = %v, want 25h", got)
	}
}

func TestBusinessCalendarQueries(t *testing.T) {
	c := weekCal()
	if got := c.Between(utc(2026, 3, 6, 15, 0), utc(2026, 3, 9, 10, 0)); got != 3*time.Hour {
		t.Errorf("Between(Fri 15:00, Mon 10:00) = %v, want 3h", got)
	}
	if got := c.Between(utc(2026, 3, 9, 10, 0), utc(2026, 3, 6, 15, 0)); got != 0 {
		t.Errorf("Between backwards = %v, want 0", got)
	}
	for _, tt := range []struct {
		t    time.Time
		want bool
	}{
		{utc(2026, 3, 2, 9, 0), true},
		{utc(2026, 3, 2, 17, 0), false},
		{utc(2026, 3, 7, 12, 0), false},
		{utc(2026, 12, 25, 12, 0), false},
	} {
		if got := c.IsWorking(tt.t); got != tt.want {
			t.Errorf("IsWorking(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
	if c.Location() != time.UTC || c.Def().Holidays[0] != "2026-12-25" {
		t.Errorf("Location/Def wrong")
	}
}

func TestNewBusinessCalendarErrors(t *testing.T) {
	tests := []struct {
		name string
		def  process.CalendarDef
		loc  *time.Location
		want []string
	}{
		{"nil location", process.CalendarDef{}, nil, []string{"time_zone"}},
		{"zone mismatch", process.CalendarDef{TimeZone: "Europe/Berlin"}, time.UTC, []string{"time_zone"}},
		{"bad weekday and hours", process.CalendarDef{WorkingDays: []string{"mon", "funday"}, Start: "9am", End: "25:00"}, time.UTC, []string{"working_days[1]", "start", "end"}},
		{"end before start", process.CalendarDef{Start: "17:00", End: "09:00"}, time.UTC, []string{"end"}},
		{"bad holiday", process.CalendarDef{Holidays: []string{"2026-02-30"}}, time.UTC, []string{"holidays[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := process.NewBusinessCalendar(tt.def, tt.loc)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("NewBusinessCalendar error = %v, want ErrInvalid", err)
			}
			var paths []string
			for _, ve := range partnerops.ValidationErrors(err) {
				paths = append(paths, ve.Path)
			}
			if diff := cmp.Diff(tt.want, paths); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestZeroBusinessCalendar(t *testing.T) {
	var c process.BusinessCalendar
	at := utc(2026, 3, 2, 10, 0)
	if !c.Add(at, time.Hour).Equal(at) || !c.AddDays(at, 2).Equal(at) || c.Between(at, at.Add(time.Hour)) != 0 || c.IsWorking(at) {
		t.Errorf("zero calendar counts working time")
	}
	if _, err := process.Compile(reviewDef(), process.WithCalendar(&c), process.WithGuard("blocked", blocked)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("compiled a business SLA against the zero calendar: %v", err)
	}
}

func TestCalendarHolidayLimit(t *testing.T) {
	hols := make([]string, process.MaxHolidays+1)
	for i := range hols {
		hols[i] = "2026-01-01"
	}
	_, err := process.NewBusinessCalendar(process.CalendarDef{Holidays: hols}, time.UTC)
	if diff := cmp.Diff([]string{"holidays"}, problemPaths(err)); diff != "" {
		t.Errorf("too many holidays (-want +got):\n%s", diff)
	}
}

func TestBusinessCalendarShortFriday(t *testing.T) {
	c := process.MustBusinessCalendar(process.CalendarDef{
		Overrides: []process.DayWindow{{Day: "fri", Start: "09:00", End: "13:00"}},
	}, time.UTC)
	tests := []struct {
		name string
		got  time.Time
		want time.Time
	}{
		// 1h left on Friday (12:00-13:00), 1h on Monday.
		{"Fri 12:00 + 2h", c.Add(utc(2026, 3, 6, 12, 0), 2*time.Hour), utc(2026, 3, 9, 10, 0)},
		// Thursday 15:00 is 6h into the day; Friday's window is 4h long,
		// so the due time is clamped to its end.
		{"Thu 15:00 + 1 day", c.AddDays(utc(2026, 3, 5, 15, 0), 1), utc(2026, 3, 6, 13, 0)},
		{"Fri 10:00 + 1 day", c.AddDays(utc(2026, 3, 6, 10, 0), 1), utc(2026, 3, 9, 10, 0)},
	}
	for _, tt := range tests {
		if !tt.got.Equal(tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if got := c.Between(utc(2026, 3, 2, 0, 0), utc(2026, 3, 9, 0, 0)); got != 36*time.Hour {
		t.Errorf("working time in a week = %v, want 36h (4×8h + 4h)", got)
	}
	_, err := process.NewBusinessCalendar(process.CalendarDef{Overrides: []process.DayWindow{
		{Day: "sat", Start: "09:00", End: "12:00"},
		{Day: "someday", Start: "09:00", End: "12:00"},
		{Day: "fri", Start: "14:00", End: "12:00"},
	}}, time.UTC)
	if diff := cmp.Diff([]string{"overrides[sat].day", "overrides[someday].day", "overrides[fri].end"}, problemPaths(err)); diff != "" {
		t.Errorf("override problems (-want +got):\n%s", diff)
	}
}
