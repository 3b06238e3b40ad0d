package partnerops_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestCalendarPeriods(t *testing.T) {
	jul := partnerops.Calendar{FiscalYearStart: time.July} // FY2027 = Jul 2026 .. Jun 2027
	feb := partnerops.Calendar{FiscalYearStart: time.February, NameByStartYear: true}
	cal := partnerops.Calendar{}
	at := time.Date(2026, time.November, 25, 17, 30, 0, 0, time.UTC)
	tests := []struct {
		name      string
		got       partnerops.Period
		want      partnerops.Period
		wantLabel string
		cal       partnerops.Calendar
	}{
		{"calendar month", cal.Month(at), partnerops.Period{Start: day(2026, 11, 1), End: day(2026, 12, 1), Unit: partnerops.UnitMonth}, "2026-11", cal},
		{"calendar quarter", cal.Quarter(at), partnerops.Period{Start: day(2026, 10, 1), End: day(2027, 1, 1), Unit: partnerops.UnitQuarter}, "FY2026-Q4", cal},
		{"calendar year", cal.Year(at), partnerops.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1), Unit: partnerops.UnitYear}, "FY2026", cal},
		{"july fiscal quarter", jul.Quarter(at), partnerops.Period{Start: day(2026, 10, 1), End: day(2027, 1, 1), Unit: partnerops.UnitQuarter}, "FY2027-Q2", jul},
		{"july fiscal year", jul.Year(at), partnerops.Period{Start: day(2026, 7, 1), End: day(2027, 7, 1), Unit: partnerops.UnitYear}, "FY2027", jul},
		{"july fiscal half", jul.Half(at), partnerops.Period{Start: day(2026, 7, 1), End: day(2027, 1, 1), Unit: partnerops.UnitHalf}, "FY2027-H1", jul},
		{"february fiscal quarter", feb.Quarter(at), partnerops.Period{Start: day(2026, 11, 1), End: day(2027, 2, 1), Unit: partnerops.UnitQuarter}, "FY2026-Q4", feb},
		{"february fiscal year in january", feb.Year(day(2027, 1, 15)), partnerops.Period{Start: day(2026, 2, 1), End: day(2027, 2, 1), Unit: partnerops.UnitYear}, "FY2026", feb},
		{"day", cal.Day(at), partnerops.Period{Start: day(2026, 11, 25), End: day(2026, 11, 26), Unit: partnerops.UnitDay}, "2026-11-25", cal},
		{"iso week", cal.Week(at), partnerops.Period{Start: day(2026, 11, 23), End: day(2026, 11, 30), Unit: partnerops.UnitWeek}, "2026-W48", cal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("period (-want +got):\n%s", diff)
			}
			if got := tt.cal.Label(tt.got); got != tt.wantLabel {
				t.Errorf("Label = %q, want %q", got, tt.wantLabel)
			}
		})
	}
}

func TestFiscalQuarter(t *testing.T) {
	jul := partnerops.Calendar{FiscalYearStart: time.July}
	q1, err := jul.FiscalQuarter(2027, 1, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := partnerops.Period{Start: day(2026, 7, 1), End: day(2026, 10, 1), Unit: partnerops.UnitQuarter}
	if diff := cmp.Diff(want, q1); diff != "" {
		t.Errorf("FiscalQuarter(2027, 1) (-want +got):\n%s", diff)
	}
	if fy := jul.FiscalYearOf(day(2026, 6, 30)); fy != 2026 {
		t.Errorf("FiscalYearOf(2026-06-30) = %d, want 2026", fy)
	}
	if _, err := jul.FiscalQuarter(2027, 5, time.UTC); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("FiscalQuarter(q5) err = %v", err)
	}
	if _, err := jul.Of(partnerops.UnitCustom, day(2026, 1, 1)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Of(custom) err = %v", err)
	}
	for _, u := range []partnerops.PeriodUnit{partnerops.UnitDay, partnerops.UnitWeek, partnerops.UnitMonth, partnerops.UnitQuarter, partnerops.UnitHalf, partnerops.UnitYear} {
		p, err := jul.Of(u, day(2026, 8, 15))
		if err != nil || p.Unit != u || !p.Contains(day(2026, 8, 15)) {
			t.Errorf("Of(%s) = %v, %v", u, p, err)
		}
	}
	if err := (partnerops.Calendar{FiscalYearStart: 13}).Validate(); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Validate(month 13) = %v", err)
	}
}

func TestPeriodNavigation(t *testing.T) {
	q := partnerops.Calendar{}.Quarter(day(2026, 11, 25))
	var got []string
	for p := range q.Periods(3) {
		got = append(got, p.String())
	}
	want := []string{"2026-10-01..2027-01-01 (quarter)", "2027-01-01..2027-04-01 (quarter)", "2027-04-01..2027-07-01 (quarter)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Periods (-want +got):\n%s", diff)
	}
	if !q.Next().Previous().Equal(q) || !q.Shift(-4).Equal(partnerops.Calendar{}.Quarter(day(2025, 11, 1))) {
		t.Error("Next/Previous/Shift inconsistent")
	}
	m := partnerops.Calendar{}.Month(day(2026, 1, 10))
	if feb := m.Next(); feb.Duration() != 28*24*time.Hour {
		t.Errorf("February 2026 lasts %v", feb.Duration())
	}
	custom, err := partnerops.NewPeriod(day(2026, 1, 1), day(2026, 1, 11))
	if err != nil {
		t.Fatal(err)
	}
	if !custom.Next().Start.Equal(day(2026, 1, 11)) || !custom.Previous().End.Equal(day(2026, 1, 1)) {
		t.Errorf("custom Next/Previous: %v %v", custom.Next(), custom.Previous())
	}
	through := m.Through(partnerops.Calendar{}.Month(day(2026, 4, 3)), 0)
	if len(through) != 4 || !slices.ContainsFunc(through, func(p partnerops.Period) bool { return p.Contains(day(2026, 3, 31)) }) {
		t.Errorf("Through = %v", through)
	}
	if got := m.Through(partnerops.Calendar{}.Month(day(2025, 1, 1)), 0); got != nil {
		t.Errorf("Through backwards = %v", got)
	}
	if got := m.Through(partnerops.Calendar{}.Month(day(2099, 1, 1)), 5); len(got) != 5 {
		t.Errorf("Through limit: %d periods", len(got))
	}
	for range m.Periods(10) {
		break // early stop must not panic
	}
	w := partnerops.Calendar{}.Week(day(2026, 1, 1))
	if !w.Next().Start.Equal(day(2026, 1, 5)) {
		t.Errorf("week Next = %v", w.Next())
	}
	d := partnerops.Calendar{}.Day(day(2026, 2, 28))
	if !d.Next().Start.Equal(day(2026, 3, 1)) {
		t.Errorf("day Next = %v", d.Next())
	}
}

func TestPeriodContainsOverlaps(t *testing.T) {
	p, _ := partnerops.NewPeriod(day(2026, 1, 1), day(2026, 2, 1))
	tests := []struct {
		at   time.Time
		want bool
	}{
		{day(2026, 1, 1), true},  // start is inside
		{day(2026, 2, 1), false}, // end is outside
		{day(2026, 2, 1).Add(-time.Nanosecond), true},
		{day(2025, 12, 31), false},
	}
	for _, tt := range tests {
		if got := p.Contains(tt.at); got != tt.want {
			t.Errorf("Contains(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
	next := p.Next()
	if p.Overlaps(partnerops.Period{Start: day(2026, 2, 1), End: day(2026, 3, 1)}) {
		t.Error("adjacent periods overlap")
	}
	if !p.Overlaps(partnerops.Period{Start: day(2026, 1, 31), End: day(2026, 3, 1)}) {
		t.Error("overlapping periods don't overlap")
	}
	_ = next
}

func TestPeriodValidate(t *testing.T) {
	tests := []struct {
		name string
		p    partnerops.Period
		path string
	}{
		{"zero", partnerops.Period{}, ""},
		{"reversed", partnerops.Period{Start: day(2026, 2, 1), End: day(2026, 1, 1)}, "end"},
		{"empty", partnerops.Period{Start: day(2026, 2, 1), End: day(2026, 2, 1)}, "end"},
		{"bad unit", partnerops.Period{Start: day(2026, 1, 1), End: day(2026, 2, 1), Unit: "fortnight"}, "unit"},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		var ve *partnerops.ValidationError
		if !errors.As(err, &ve) || ve.Path != tt.path {
			t.Errorf("%s: Validate() = %v, want problem at %q", tt.name, err, tt.path)
		}
		if tt.p.Valid() {
			t.Errorf("%s: Valid() = true", tt.name)
		}
	}
	if _, err := partnerops.NewPeriod(day(2026, 2, 1), day(2026, 1, 1)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("NewPeriod(reversed) err = %v", err)
	}
}

func TestPeriodJSON(t *testing.T) {
	q := partnerops.Calendar{}.Quarter(day(2026, 5, 5))
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"start":"2026-04-01T00:00:00Z","end":"2026-07-01T00:00:00Z","unit":"quarter"}` {
		t.Errorf("Marshal = %s", b)
	}
	var back partnerops.Period
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(q) {
		t.Errorf("round trip = %v, %v", back, err)
	}
}

func TestParsePeriodUnit(t *testing.T) {
	for in, want := range map[string]partnerops.PeriodUnit{"Month": partnerops.UnitMonth, "custom": partnerops.UnitCustom, "": partnerops.UnitCustom, " quarter ": partnerops.UnitQuarter} {
		if got, err := partnerops.ParsePeriodUnit(in); err != nil || got != want {
			t.Errorf("ParsePeriodUnit(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := partnerops.ParsePeriodUnit("decade"); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("ParsePeriodUnit(decade) err = %v", err)
	}
}

func TestPeriodStringWithTime(t *testing.T) {
	p := partnerops.Period{Start: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 17, 0, 0, 0, time.UTC)}
	if got := p.String(); got != "2026-01-01T09:00:00Z..2026-01-01T17:00:00Z" {
		t.Errorf("String = %s", got)
	}
	if got := (partnerops.Calendar{}).Label(p); got != p.String() {
		t.Errorf("Label(custom) = %s", got)
	}
}
