package partnerops_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestPercent(t *testing.T) {
	p := partnerops.MustPercent("12.5")
	type row struct{ name, got, want string }
	rows := []row{
		{"String", p.String(), "12.5%"},
		{"Fraction", p.Fraction().String(), "0.125"},
		{"Complement", p.Complement().String(), "87.5%"},
		{"Of", p.Of(usd("200")).String(), "25.000 USD"},
		{"OfDecimal", p.OfDecimal(dec("8")).String(), "1.000"},
		{"Add", p.Add(partnerops.PercentFromInt(5)).String(), "17.5%"},
		{"Sub", p.Sub(partnerops.PercentFromInt(20)).String(), "-7.5%"},
		{"Neg", p.Neg().String(), "-12.5%"},
		{"FromFraction", partnerops.PercentFromFraction(dec("0.075")).String(), "7.5%"},
		{"Round", partnerops.MustPercent("33.335").Round(2, partnerops.RoundHalfEven).String(), "33.34%"},
		{"Decimal", partnerops.NewPercent(dec("3")).Decimal().String(), "3"},
		{"with sign", partnerops.MustPercent("40%").String(), "40%"},
	}
	for _, r := range rows {
		if r.got != r.want {
			t.Errorf("%s = %s, want %s", r.name, r.got, r.want)
		}
	}
	if !p.Equal(partnerops.MustPercent("12.50")) || p.Cmp(partnerops.PercentFromInt(13)) != -1 {
		t.Error("Equal/Cmp wrong")
	}
	if !p.Between(partnerops.PercentFromInt(0), partnerops.PercentFromInt(100)) || partnerops.PercentFromInt(101).Between(partnerops.PercentFromInt(0), partnerops.PercentFromInt(100)) {
		t.Error("Between wrong")
	}
	if !partnerops.MustPercent("-1").IsNegative() || !partnerops.MustPercent("0").IsZero() {
		t.Error("predicates wrong")
	}
}

func TestPercentParseErrors(t *testing.T) {
	for _, s := range []string{"", "%", "abc", "12.5%%", "1e999999999", "NaN%"} {
		if _, err := partnerops.ParsePercent(s); err == nil {
			t.Errorf("ParsePercent(%q) succeeded", s)
		} else if !errors.Is(err, partnerops.ErrSyntax) && !errors.Is(err, partnerops.ErrRange) {
			t.Errorf("ParsePercent(%q) err = %v", s, err)
		}
	}
}

func TestPercentJSON(t *testing.T) {
	type doc struct {
		P partnerops.Percent `json:"p"`
	}
	for in, want := range map[string]partnerops.Percent{
		`{"p":"12.5"}`:  partnerops.MustPercent("12.5"),
		`{"p":"12.5%"}`: partnerops.MustPercent("12.5"),
	} {
		var d doc
		if err := json.Unmarshal([]byte(in), &d); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		if diff := cmp.Diff(want, d.P); diff != "" {
			t.Errorf("Unmarshal(%s) (-want +got):\n%s", in, diff)
		}
	}
	// A bare number is refused: 0.2 might mean 0.2% or 20%.
	for _, in := range []string{`{"p":7}`, `{"p":0.2}`, `{"p":null}`, `{"p":true}`} {
		var d doc
		if err := json.Unmarshal([]byte(in), &d); !errors.Is(err, partnerops.ErrSyntax) {
			t.Errorf("Unmarshal(%s) err = %v, want ErrSyntax", in, err)
		}
	}
	b, _ := json.Marshal(doc{P: partnerops.MustPercent("12.50")})
	if string(b) != `{"p":"12.50"}` {
		t.Errorf("Marshal = %s", b)
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"p":"ten"}`), &d); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("Unmarshal(ten) err = %v", err)
	}
	_ = partnerops.Decimal{}
}

func FuzzPercentText(f *testing.F) {
	for _, s := range []string{"12.5", "12.5%", "-3", "100", "1e2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p partnerops.Percent
		if err := p.UnmarshalText([]byte(s)); err != nil {
			return
		}
		b, _ := p.MarshalText()
		var back partnerops.Percent
		if err := back.UnmarshalText(b); err != nil || !back.Equal(p) {
			t.Fatalf("round trip %q -> %s -> %v, %v", s, b, back, err)
		}
		if !p.Complement().Complement().Equal(p) {
			t.Fatalf("complement of complement of %v", p)
		}
	})
}
