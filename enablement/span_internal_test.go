package enablement

import (
	"testing"
	"time"
)

// TestDayRangeMatchesBruteForce checks the closed computation of how many
// days a span can cover against Span.AddTo and Span.SubFrom applied from
// every day of a 400-year cycle (the Gregorian calendar repeats after it).
func TestDayRangeMatchesBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 146,097 days per span")
	}
	spans := []Span{Months(1), Months(2), Months(6), Months(11), Years(1), MustSpan("P1Y1M"), MustSpan("P2Y3D"), Months(4801)}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range spans {
		for _, backward := range []bool{false, true} {
			lo, hi := 1<<30, -1
			for d := 0; d < 146097; d++ {
				t0 := start.AddDate(0, 0, d)
				var n int
				if backward {
					n = int((t0.Unix() - s.SubFrom(t0).Unix()) / 86400)
				} else {
					n = int((s.AddTo(t0).Unix() - t0.Unix()) / 86400)
				}
				lo, hi = min(lo, n), max(hi, n)
			}
			gotLo, gotHi := s.dayRange(backward, nil)
			if gotLo != lo || gotHi != hi {
				t.Errorf("%s backward=%v: dayRange = %d..%d, brute force %d..%d", s, backward, gotLo, gotHi, lo, hi)
			}
		}
	}
}

func TestCivilDays(t *testing.T) {
	for _, d := range []time.Time{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2399, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC)} {
		want := int(d.Unix() / 86400)
		if d.Unix() < 0 && d.Unix()%86400 != 0 {
			want--
		}
		if got := civilDays(d.Year(), int(d.Month()), d.Day()); got != want {
			t.Errorf("civilDays(%s) = %d, want %d", d.Format(time.DateOnly), got, want)
		}
	}
}
