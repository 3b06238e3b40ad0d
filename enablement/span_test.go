package enablement_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/enablement"
)

func TestSpanAddTo(t *testing.T) {
	tests := []struct {
		name string
		span enablement.Span
		from time.Time
		add  time.Time // from + span
		sub  time.Time // from - span
	}{
		{"jan 31 + 1 month clamps to feb 28 (2026 not leap)", enablement.Months(1), date(2026, 1, 31), date(2026, 2, 28), date(2025, 12, 31)},
		{"jan 31 + 1 month clamps to feb 29 (2028 leap)", enablement.Months(1), date(2028, 1, 31), date(2028, 2, 29), date(2027, 12, 31)},
		{"feb 29 + 1 year is feb 28", enablement.Years(1), date(2024, 2, 29), date(2025, 2, 28), date(2023, 2, 28)},
		{"feb 29 + 4 years is feb 29", enablement.Years(4), date(2024, 2, 29), date(2028, 2, 29), date(2020, 2, 29)},
		{"2100 is not a leap year", enablement.Years(4), date(2096, 2, 29), date(2100, 2, 28), date(2092, 2, 29)},
		{"2000 is a leap year", enablement.Months(12), date(1999, 2, 28), date(2000, 2, 28), date(1998, 2, 28)},
		{"aug 31 - 6 months is feb 28", enablement.Months(6), date(2026, 8, 31), date(2027, 2, 28), date(2026, 2, 28)},
		{"mar 31 - 1 month is feb 29 in a leap year", enablement.Months(1), date(2028, 3, 31), date(2028, 4, 30), date(2028, 2, 29)},
		{"dec 31 + 2 months crosses the year", enablement.Months(2), date(2027, 12, 31), date(2028, 2, 29), date(2027, 10, 31)},
		{"may 31 + 18 months", enablement.Span{Years: 1, Months: 6}, date(2026, 5, 31), date(2027, 11, 30), date(2024, 11, 30)},
		{"90 days across feb in a leap year", enablement.Days(90), date(2024, 1, 1), date(2024, 3, 31), date(2023, 10, 3)},
		{"months then days: jan 31 + P1M1D is mar 1", enablement.Span{Months: 1, Days: 1}, date(2026, 1, 31), date(2026, 3, 1), date(2025, 12, 30)},
		{"zero span", enablement.Span{}, date(2026, 1, 31), date(2026, 1, 31), date(2026, 1, 31)},
		{"keeps the time of day", enablement.Months(1), time.Date(2026, 1, 31, 17, 30, 0, 0, time.UTC),
			time.Date(2026, 2, 28, 17, 30, 0, 0, time.UTC), time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.span.AddTo(tt.from); !got.Equal(tt.add) {
				t.Errorf("%v.AddTo(%v) = %v, want %v", tt.span, tt.from, got, tt.add)
			}
			if got := tt.span.SubFrom(tt.from); !got.Equal(tt.sub) {
				t.Errorf("%v.SubFrom(%v) = %v, want %v", tt.span, tt.from, got, tt.sub)
			}
		})
	}
}

// TestSpanDiffersFromAddDate pins the documented difference from
// time.AddDate, which normalizes Jan 31 + 1 month to Mar 3.
func TestSpanDiffersFromAddDate(t *testing.T) {
	from := date(2026, 1, 31)
	if got, want := from.AddDate(0, 1, 0), date(2026, 3, 3); !got.Equal(want) {
		t.Fatalf("AddDate = %v, want %v", got, want)
	}
	if got, want := enablement.Months(1).AddTo(from), date(2026, 2, 28); !got.Equal(want) {
		t.Fatalf("Span.AddTo = %v, want %v", got, want)
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in   string
		want enablement.Span
		text string
	}{
		{"P1Y", enablement.Years(1), "P1Y"},
		{"p6m", enablement.Months(6), "P6M"},
		{"P90D", enablement.Days(90), "P90D"},
		{"P2W", enablement.Days(14), "P14D"},
		{"P1Y6M2W3D", enablement.Span{Years: 1, Months: 6, Days: 17}, "P1Y6M17D"},
		{" P0D ", enablement.Span{}, "P0D"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := enablement.ParseSpan(tt.in)
			if err != nil {
				t.Fatalf("ParseSpan(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseSpan(%q) (-want +got):\n%s", tt.in, diff)
			}
			if got.String() != tt.text {
				t.Errorf("String() = %q, want %q", got.String(), tt.text)
			}
		})
	}
	for _, bad := range []string{"", "P", "1Y", "PY", "P1", "P1D1Y", "P1Y1Y", "P-1D", "P1H", "P1.5Y", "P1001Y", "P99999999D", "P1Y 2M", "PT1H"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if _, err := enablement.ParseSpan(bad); !errors.Is(err, enablement.ErrUnknownValue) {
				t.Errorf("ParseSpan(%q) error = %v, want ErrUnknownValue", bad, err)
			}
		})
	}
}

func TestSpanJSON(t *testing.T) {
	type doc struct {
		V enablement.Span `json:"v"`
	}
	in := doc{V: enablement.Span{Years: 1, Months: 6}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"v":"P1Y6M"}` {
		t.Errorf("Marshal = %s", b)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"v":"6 months"}`), &out); !errors.Is(err, enablement.ErrUnknownValue) {
		t.Errorf("Unmarshal bad span error = %v", err)
	}
	if _, err := json.Marshal(doc{V: enablement.Span{Days: -1}}); err == nil {
		t.Error("Marshal of a negative span succeeded")
	}
}

func TestSkillLevel(t *testing.T) {
	for _, l := range enablement.SkillLevels() {
		b, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back enablement.SkillLevel
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("round trip of %v = %v, %v", l, back, err)
		}
	}
	if !(enablement.SkillLevelFoundational < enablement.SkillLevelIntermediate &&
		enablement.SkillLevelIntermediate < enablement.SkillLevelAdvanced &&
		enablement.SkillLevelAdvanced < enablement.SkillLevelExpert) {
		t.Error("levels are not ordered")
	}
	if l, err := enablement.ParseSkillLevel(" Advanced "); err != nil || l != enablement.SkillLevelAdvanced {
		t.Errorf("ParseSkillLevel = %v, %v", l, err)
	}
	if _, err := enablement.ParseSkillLevel("guru"); !errors.Is(err, enablement.ErrUnknownValue) {
		t.Errorf("ParseSkillLevel(guru) error = %v", err)
	}
	if n, ok := enablement.SkillLevelExpert.Next(); ok || n != 0 {
		t.Errorf("expert.Next() = %v, %v", n, ok)
	}
	if n, ok := enablement.SkillLevel(0).Next(); !ok || n != enablement.SkillLevelFoundational {
		t.Errorf("zero.Next() = %v, %v", n, ok)
	}
	if _, err := enablement.SkillLevel(9).MarshalText(); !errors.Is(err, enablement.ErrUnknownValue) {
		t.Errorf("MarshalText(9) error = %v", err)
	}
}

func TestCertStateText(t *testing.T) {
	for s := enablement.CertStateNotStarted; s <= enablement.CertStateExpired; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back enablement.CertState
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v = %v, %v", s, back, err)
		}
	}
	var s enablement.CertState
	if err := s.UnmarshalText([]byte("lapsed")); !errors.Is(err, enablement.ErrUnknownValue) {
		t.Errorf("UnmarshalText(lapsed) error = %v", err)
	}
	if _, err := enablement.CertState(0).MarshalText(); !errors.Is(err, enablement.ErrUnknownValue) {
		t.Errorf("MarshalText(0) error = %v", err)
	}
}
