package partnerops_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want string // FormatDecimal of the result
	}{
		{"0", "0"},
		{"12.5", "12.5"},
		{"1.50", "1.50"}, // scale kept
		{"-0.03", "-0.03"},
		{"+7", "7"},
		{"1e3", "1000"},
		{"1.5E-2", "0.015"},
		{".5", "0.5"},
		{"5.", "5"},
		{"999999999999999999999999999999", "999999999999999999999999999999"}, // 30 integer digits
		{"0.123456789012345678", "0.123456789012345678"},                     // 18 fraction digits
		{"1.50000000000000000000000", "1.500000000000000000"},                // zeros past the scale limit are dropped
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := partnerops.ParseDecimal(tt.in)
			if err != nil {
				t.Fatalf("ParseDecimal(%q) error: %v", tt.in, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDecimalErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", partnerops.ErrSyntax},
		{"space", " 1", partnerops.ErrSyntax},
		{"nan", "NaN", partnerops.ErrSyntax},
		{"inf", "Inf", partnerops.ErrSyntax},
		{"hex", "0x10", partnerops.ErrSyntax},
		{"comma", "1,000", partnerops.ErrSyntax},
		{"two points", "1.2.3", partnerops.ErrSyntax},
		{"sign only", "-", partnerops.ErrSyntax},
		{"exp only", "e5", partnerops.ErrSyntax},
		{"huge exponent", "1e999999999", partnerops.ErrSyntax},
		{"exponent 4 digits", "1e1000", partnerops.ErrSyntax},
		{"too many integer digits", "1e30", partnerops.ErrRange},
		{"31 digits", strings.Repeat("9", 31), partnerops.ErrRange},
		{"too fine", "1e-19", partnerops.ErrRange},
		{"long", strings.Repeat("1", 65), partnerops.ErrSyntax},
		{"ten megabytes", strings.Repeat("7", 10<<20), partnerops.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := partnerops.ParseDecimal(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseDecimal(%.20q) error = %v, want %v", tt.in, err, tt.want)
			}
			if d := time.Since(start); d > 50*time.Millisecond && !testing.Short() { // timing is not asserted under -short (the race run)
				t.Errorf("ParseDecimal took %v on hostile input; want fast rejection", d)
			}
		})
	}
}

func TestDecimalJSON(t *testing.T) {
	type doc struct {
		W partnerops.Decimal `json:"w"`
	}
	tests := []struct {
		in, out string
	}{
		{`{"w":"1.50"}`, `{"w":"1.50"}`},
		{`{"w":2.5}`, `{"w":"2.5"}`},
		{`{"w":"-3"}`, `{"w":"-3"}`},
		{`{"w":"1e2"}`, `{"w":"100"}`},
	}
	for _, tt := range tests {
		var d doc
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Fatalf("Unmarshal(%s): %v", tt.in, err)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tt.out {
			t.Errorf("round trip of %s = %s, want %s", tt.in, b, tt.out)
		}
	}
	for _, in := range []string{`{"w":"NaN"}`, `{"w":null}`, `{"w":"1e999999999"}`, `{"w":true}`, `{"w":"` + strings.Repeat("1", 1000) + `"}`} {
		var d doc
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("Unmarshal(%.40s) succeeded, want error", in)
		}
	}
}

func TestDecimalEqual(t *testing.T) {
	if !partnerops.MustDecimal("1.5").Equal(partnerops.MustDecimal("1.50")) {
		t.Error("1.5 != 1.50")
	}
	if partnerops.DecimalFromInt(2).String() != "2" {
		t.Error("DecimalFromInt(2).String() != 2")
	}
	if diff := cmp.Diff(partnerops.MustDecimal("1.5"), partnerops.NewDecimal(150, -2)); diff != "" {
		t.Errorf("cmp.Diff uses Equal (-want +got):\n%s", diff)
	}
}

func TestRoundingModes(t *testing.T) {
	// Each row: value, then the result of each mode at 0 places in
	// order half_up, half_even, down, up, ceiling, floor.
	tests := []struct {
		in   string
		want [6]string
	}{
		{"2.5", [6]string{"3", "2", "2", "3", "3", "2"}},
		{"3.5", [6]string{"4", "4", "3", "4", "4", "3"}},
		{"-2.5", [6]string{"-3", "-2", "-2", "-3", "-2", "-3"}},
		{"2.1", [6]string{"2", "2", "2", "3", "3", "2"}},
		{"-2.9", [6]string{"-3", "-3", "-2", "-3", "-2", "-3"}},
		{"7", [6]string{"7", "7", "7", "7", "7", "7"}},
	}
	modes := []partnerops.RoundingMode{partnerops.RoundHalfUp, partnerops.RoundHalfEven, partnerops.RoundDown, partnerops.RoundUp, partnerops.RoundCeiling, partnerops.RoundFloor}
	for _, tt := range tests {
		d := partnerops.MustDecimal(tt.in)
		for i, m := range modes {
			got := d.Round(0, m)
			if !got.Equal(partnerops.MustDecimal(tt.want[i])) {
				t.Errorf("%v.Round(%s, 0) = %s, want %s", m, tt.in, got, tt.want[i])
			}
			// Rounding to an increment of 1 agrees with rounding to 0 places.
			inc, err := d.RoundToIncrement(partnerops.DecimalFromInt(1), m)
			if err != nil || !inc.Equal(got) {
				t.Errorf("%v.RoundToIncrement(%s, 1) = %s, %v; want %s", m, tt.in, inc, err, got)
			}
		}
	}
}

func TestRoundToIncrement(t *testing.T) {
	tests := []struct {
		mode    partnerops.RoundingMode
		in, inc string
		want    string
	}{
		{partnerops.RoundHalfUp, "1.07", "0.05", "1.05"},
		{partnerops.RoundHalfUp, "1.075", "0.05", "1.10"},   // exactly half way: away from zero
		{partnerops.RoundHalfEven, "1.075", "0.05", "1.10"}, // 21.5 increments -> 22 (even)
		{partnerops.RoundHalfEven, "1.025", "0.05", "1.00"}, // 20.5 -> 20
		{partnerops.RoundCeiling, "101", "10", "110"},
		{partnerops.RoundFloor, "-101", "10", "-110"},
		{partnerops.RoundDown, "99.99", "0.25", "99.75"},
	}
	for _, tt := range tests {
		got, err := partnerops.MustDecimal(tt.in).RoundToIncrement(partnerops.MustDecimal(tt.inc), tt.mode)
		if err != nil {
			t.Fatalf("RoundToIncrement(%s, %s): %v", tt.in, tt.inc, err)
		}
		if !got.Equal(partnerops.MustDecimal(tt.want)) {
			t.Errorf("%v.RoundToIncrement(%s, %s) = %s, want %s", tt.mode, tt.in, tt.inc, got, tt.want)
		}
	}
	if _, err := partnerops.DecimalFromInt(1).RoundToIncrement(partnerops.Decimal{}, partnerops.RoundHalfUp); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("RoundToIncrement by zero: err = %v, want ErrInvalid", err)
	}
}

func TestRoundingModeText(t *testing.T) {
	for m := partnerops.RoundHalfUp; m <= partnerops.RoundFloor; m++ {
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back partnerops.RoundingMode
		if err := back.UnmarshalText(b); err != nil || back != m {
			t.Errorf("text round trip of %v = %v, %v", m, back, err)
		}
	}
	if m, err := partnerops.ParseRoundingMode("Bankers"); err != nil || m != partnerops.RoundHalfEven {
		t.Errorf("ParseRoundingMode(Bankers) = %v, %v", m, err)
	}
	if _, err := partnerops.ParseRoundingMode("nearest"); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("ParseRoundingMode(nearest) err = %v, want ErrSyntax", err)
	}
	bad := partnerops.RoundingMode(42)
	if bad.Valid() || bad.String() != "RoundingMode(42)" {
		t.Errorf("RoundingMode(42): Valid=%v String=%q", bad.Valid(), bad.String())
	}
	if _, err := bad.MarshalText(); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("MarshalText(42) err = %v", err)
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "12.5", "-1.50", "1e3", "1e999999999", "NaN", ".5", "9999999999999999999999999999999", "1e-18"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := partnerops.ParseDecimal(s)
		if err != nil {
			if !errors.Is(err, partnerops.ErrSyntax) && !errors.Is(err, partnerops.ErrRange) {
				t.Fatalf("ParseDecimal(%q) error %v wraps neither ErrSyntax nor ErrRange", s, err)
			}
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("accepted %q but Validate says %v", s, err)
		}
		// The plain form parses back to the same number.
		back, err := partnerops.ParseDecimal(d.String())
		if err != nil {
			t.Fatalf("FormatDecimal(%q) = %q does not parse: %v", s, d.String(), err)
		}
		if !back.Equal(d) {
			t.Fatalf("round trip %q -> %s -> %s", s, d.String(), back)
		}
	})
}
