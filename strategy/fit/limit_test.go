package fit

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// fitLimitResult is what the documented number limit (at most 4 fraction
// digits, magnitude below 9×10^14) decides for one value: whether an
// entity takes it (and reads it back), and whether a range bound takes
// it, else the problem's path.
type fitLimitResult struct {
	Entity, ReadBack, Bound bool
	Problem                 string
}

// fitLimit applies v as an entity's value and as a range criterion's
// from, to and band bound.
func fitLimit(t *testing.T, v string) fitLimitResult {
	t.Helper()
	d := partnerops.MustDecimal(v)
	var r fitLimitResult
	m := fitSample(t)
	e := m.NewEntity("e")
	err := e.SetNumber("employees", d)
	r.Entity = err == nil
	if err != nil && (!errors.Is(err, partnerops.ErrRange) || !strings.Contains(err.Error(), `attribute "employees"`) || !strings.Contains(err.Error(), "below 9e14")) {
		t.Errorf("SetNumber(%s) error %q: want ErrRange naming the attribute and the limit", v, err)
	}
	if got, ok := e.Number("employees"); ok {
		r.ReadBack = got.Equal(d)
	}
	if _, err := m.EntityFromAttributes("x", map[string]string{"employees": v}); (err == nil) != r.Entity {
		t.Errorf("EntityFromAttributes(%s) error %v, SetNumber ok %v", v, err, r.Entity)
	}
	def := fitSampleDef()
	def.Criteria = []CriterionDef{{ID: "r", Kind: CriterionRange, Attribute: "employees", Weight: fitD("1"), From: fitDP("0"), To: &d}}
	_, err = Compile(def)
	r.Bound = err == nil
	var ve *partnerops.ValidationError
	if errors.As(err, &ve) {
		r.Problem = ve.Path + ": " + ve.Rule
	} else if err != nil {
		r.Problem = err.Error()
	}
	return r
}

// The number limit at its edges: just below, at and just above 9×10^14,
// both signs, and the values between 2^62/10^4 (about 4.6×10^14) and
// 9×10^14 that were once refused.
func TestFitNumberLimit(t *testing.T) {
	ok := fitLimitResult{Entity: true, ReadBack: true, Bound: true}
	refused := fitLimitResult{Problem: "criteria[r].to: must have at most 4 fraction digits and a magnitude below 9e14"}
	tests := []struct {
		v    string
		want fitLimitResult
	}{
		{"899999999999999.9999", ok}, // just below
		{"-899999999999999.9999", ok},
		{"899999999999999", ok},
		{"900000000000000", refused}, // at
		{"-900000000000000", refused},
		{"9e14", refused},
		{"900000000000000.0001", refused}, // just above
		{"-900000000000000.0001", refused},
		{"1e15", refused},
		{"461168601842738", ok}, // about 2^62 / 10^4
		{"461168601842738.7904", ok},
		{"500000000000000", ok},
		{"-750000000000000.5", ok},
		{"1.00001", refused}, // a fifth fraction digit
		{"1.00000", ok},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, fitLimit(t, tt.v)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.v, diff)
		}
	}
}

// Every value of magnitude below 9×10^14 with at most 4 fraction digits
// is taken and read back exactly, scored on a range spanning the whole
// limit as the reference evaluation scores it; values at or beyond the
// limit are refused with partnerops.ErrRange.
func TestPropFitNumberLimit(t *testing.T) {
	def := fitSampleDef()
	def.Criteria = []CriterionDef{{ID: "r", Kind: CriterionRange, Attribute: "employees", Weight: fitD("1"),
		From: fitDP("-899999999999999.9999"), To: fitDP("899999999999999.9999")}}
	m, err := Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		in := rapid.Bool().Draw(t, "in range")
		var d partnerops.Decimal
		if in {
			d = fitGenNumber(t, "v")
		} else {
			n := rapid.Int64Range(fitNumberLimit, 1<<63-1).Draw(t, "beyond")
			if rapid.Bool().Draw(t, "near") {
				n = fitNumberLimit + rapid.Int64Range(0, 3).Draw(t, "over")
			}
			if rapid.Bool().Draw(t, "negative") {
				n = -n
			}
			d = partnerops.NewDecimal(n, -fitNumberPlaces)
		}
		e := m.NewEntity("e")
		err := e.SetNumber("employees", d)
		if !in {
			if !errors.Is(err, partnerops.ErrRange) {
				t.Fatalf("SetNumber(%s) error %v, want ErrRange", d, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("SetNumber(%s): %v", d, err)
		}
		if got, _ := e.Number("employees"); !got.Equal(d) {
			t.Fatalf("SetNumber(%s) reads back %s", d, got)
		}
		if got, want := m.score(&e), m.fitRefScore(&e); got != want {
			t.Fatalf("%s: score %v, reference %v", d, got, want)
		}
		if _, err := m.Explain(&e); err != nil {
			t.Fatal(err)
		}
	})
}
