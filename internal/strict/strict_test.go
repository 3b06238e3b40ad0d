package strict

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
)

type effect struct {
	Kind    string              `json:"kind"`
	Percent *partnerops.Percent `json:"percent,omitempty"`
	Amount  *partnerops.Money   `json:"amount,omitempty"`
}

type when struct {
	Tiers []string `json:"tiers,omitempty"`
}

type rule struct {
	ID       string    `json:"id"`
	Priority int       `json:"priority,omitempty"`
	When     when      `json:"when" aka:"conditions,condition"`
	Effect   effect    `json:"effect"`
	From     time.Time `json:"from,omitzero"`
	Wait     time.Duration
}

type framework struct {
	Name  string            `json:"name"`
	Rules []rule            `json:"rules"`
	Meta  map[string]string `json:"meta,omitempty"`
}

func messages(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Error())
	}
	return out
}

func TestDecodeReportsEveryProblemByID(t *testing.T) {
	in := `{
	  "name": "fw",
	  "rules": [
	    {"id": "tier-gold", "conditions": {"tiers": ["gold"]}, "priorty": 3,
	     "effect": {"kind": "percent_off", "percent": 0.2}},
	    {"id": "spiff", "effect": {"kind": "amount_off", "amount": {"amount": "x", "currency": "USD"}}, "from": "2011-12-27T"},
	    {"effect": {"kind": 3}}
	  ]
	}`
	var f framework
	err := Decode([]byte(in), &f, Options{})
	want := []string{
		`rules[tier-gold].conditions: unknown field; did you mean "when"?`,
		`rules[tier-gold].priorty: unknown field; did you mean "priority"?`,
		`rules[tier-gold].effect.percent: decoding percent 0.2: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`,
		`rules[spiff].effect.amount: want a decimal string like "100.00" or {"amount":"100.00","currency":"USD"}: parsing decimal "x": invalid syntax`,
		`rules[spiff].from: want a date like "2026-01-31" or an RFC 3339 time like "2026-01-31T09:00:00Z", got "2011-12-27T"`,
		`rules[2].effect.kind: want a string, got the number 3`,
	}
	if diff := cmp.Diff(want, messages(err)); diff != "" {
		t.Errorf("Decode errors (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrInvalid) || !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("errors.Is(err, ErrInvalid/ErrSyntax) = false")
	}
}

func TestDecodeValues(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	in := `{"name":"fw","rules":[{"id":"a","priority":2,"when":{"tiers":["gold"]},
	  "effect":{"kind":"percent_off","percent":"20%"},"from":"2026-03-08","Wait":"72h"},
	  {"id":"b","effect":{"kind":"fixed","amount":"99.50"},"from":"2026-01-02T09:00:00Z","Wait":5}],
	  "meta":{"k":"v"}}`
	var got framework
	if err := Decode([]byte(in), &got, Options{Location: ny}); err != nil {
		t.Fatal(err)
	}
	p := partnerops.MustPercent("20")
	amt := partnerops.Money{}
	if err := json.Unmarshal([]byte(`"99.50"`), &amt); err != nil {
		t.Fatal(err)
	}
	want := framework{Name: "fw", Meta: map[string]string{"k": "v"}, Rules: []rule{
		{ID: "a", Priority: 2, When: when{Tiers: []string{"gold"}}, Effect: effect{Kind: "percent_off", Percent: &p},
			From: time.Date(2026, 3, 8, 0, 0, 0, 0, ny), Wait: 72 * time.Hour},
		{ID: "b", Effect: effect{Kind: "fixed", Amount: &amt}, From: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), Wait: 5},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
}

func TestDecodeSyntaxAndLimits(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"duplicate key", `{"name":"a","name":"b"}`, "name: duplicate key"},
		{"trailing data", `{"name":"a"} {}`, "unexpected data after the top-level value"},
		{"truncated", `{"name":`, "invalid JSON"},
		{"deep", strings.Repeat("[", 300) + strings.Repeat("]", 300), "nested more than"},
		{"not an object", `[1]`, "want an object, got an array"},
		{"case differs", `{"Name":"x"}`, `Name: unknown field; did you mean "name"?`},
		{"far key", `{"zzzzzzzz":1}`, "zzzzzzzz: unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f framework
			err := Decode([]byte(tt.in), &f, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode(%.40s) err = %v, want it to contain %q", tt.in, err, tt.want)
			}
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("err does not wrap ErrInvalid")
			}
		})
	}
	var f framework
	if err := Decode([]byte(`{"name":"abcdef"}`), &f, Options{MaxBytes: 5}); err == nil {
		t.Error("MaxBytes not enforced")
	}
}

func TestSuggestTransposition(t *testing.T) {
	type entry struct {
		Unit string `json:"unit"`
		List string `json:"list"`
	}
	var e entry
	err := Decode([]byte(`{"lsit":"1"}`), &e, Options{})
	if err == nil || !strings.Contains(err.Error(), `did you mean "list"?`) {
		t.Errorf("lsit: %v, want a suggestion of list", err)
	}
}

func TestSuggestIsQuiet(t *testing.T) {
	var f framework
	err := Decode([]byte(`{"colour":1}`), &f, Options{})
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("unrelated key got a suggestion: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"name":"fw","rules":[{"id":"a","effect":{"kind":"k","percent":"5"}}]}`)
	f.Add(`{"rules":[{"when":{"tiers":[1]}}]}`)
	f.Add(`[`)
	f.Fuzz(func(t *testing.T, in string) {
		var v framework
		if err := Decode([]byte(in), &v, Options{}); err != nil {
			return
		}
		// What decodes re-encodes and decodes to the same value.
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back framework
		if err := Decode(b, &back, Options{}); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if diff := cmp.Diff(v, back); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
