package opstest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
)

// A toy model: a percent off a list price.
type defs struct {
	Discount partnerops.Percent `json:"discount"`
}
type given struct {
	List partnerops.Money `json:"list"`
}
type expect struct {
	Net partnerops.Money `json:"net"`
}

func check(d defs, c opstest.Case[given, expect]) error {
	net, err := c.Given.List.Sub(d.Discount.Of(c.Given.List))
	if err != nil {
		return err
	}
	net = net.Round(partnerops.RoundHalfUp)
	if !net.Equal(c.Expect.Net) {
		return fmt.Errorf("net %v, want %v", net, c.Expect.Net)
	}
	return nil
}

const passing = `{
  "name": "toy",
  "definitions": {"discount": "10"},
  "cases": [
    {"id": "a", "at": "2026-03-01", "given": {"list": {"amount": "100.00", "currency": "USD"}}, "expect": {"net": {"amount": "90.00", "currency": "USD"}}},
    {"id": "b", "at": "2026-03-01T10:00:00Z", "given": {"list": {"amount": "10.05", "currency": "USD"}}, "expect": {"net": {"amount": "9.05", "currency": "USD"}}}
  ]
}`

func TestCheck(t *testing.T) {
	if got := opstest.Check[defs, given, expect]("toy.json", []byte(passing), check); len(got) != 0 {
		t.Errorf("passing file failed: %v", got)
	}
	failing := strings.Replace(passing, `"90.00"`, `"91.00"`, 1)
	want := []opstest.Failure{{File: "toy.json", CaseID: "a", Message: "net 90.00 USD, want 91.00 USD"}}
	if diff := cmp.Diff(want, opstest.Check[defs, given, expect]("toy.json", []byte(failing), check)); diff != "" {
		t.Errorf("failing file (-want +got):\n%s", diff)
	}
}

func TestParseErrorsNameFileCaseAndPath(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"unknown key in a case", strings.Replace(passing, `"given": {"list"`, `"given": {"lst"`, 1),
			[]string{`toy.json: cases[a].given.lst: unknown field; did you mean "list"?`}},
		{"bad amount", strings.Replace(passing, `"10.05"`, `"ten"`, 1),
			[]string{`toy.json: cases[b].given.list: want a decimal string like "100.00" or {"amount":"100.00","currency":"USD"}: parsing decimal "ten": invalid syntax`}},
		{"duplicate id and no instant", `{"definitions":{"discount":"1"},"cases":[{"id":"x","at":"2026-01-01"},{"id":"x"}]}`,
			[]string{"toy.json: cases[x].id: duplicate case id (got \"x\")", `toy.json: cases[x].at: every case needs an instant, like "2026-03-01"`}},
		{"no cases", `{"definitions":{"discount":"1"}}`, []string{"toy.json: cases: a scenario file needs at least one case"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := opstest.Parse[defs, given, expect]("toy.json", []byte(tt.in))
			var got []string
			for _, ve := range partnerops.ValidationErrors(err) {
				got = append(got, ve.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse errors (-want +got):\n%s", diff)
			}
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("err does not wrap ErrInvalid: %v", err)
			}
		})
	}
}

func TestRunAndGolden(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "toy.json"), []byte(passing), 0o644); err != nil {
		t.Fatal(err)
	}
	opstest.Run(t, filepath.Join(dir, "*.json"), check)

	golden := filepath.Join(dir, "golden.txt")
	if err := os.WriteFile(golden, []byte("list 100.00\nnet 90.00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opstest.Golden(t, golden, []byte("list 100.00\nnet 90.00\n"))
}

func TestSideBySide(t *testing.T) {
	got := opstest.SideBySide("want", "list 100.00\npartner -10%\nnet 90.00\n", "got", "list 100.00\npartner -12%\nnet 88.00\nextra\n")
	want := strings.Join([]string{
		"  want           got",
		"  ------------   --------",
		"  list 100.00    list 100.00",
		"  partner -10% | partner -12%",
		"  net 90.00    | net 88.00",
		"               > extra",
		"",
	}, "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SideBySide (-want +got):\n%s", diff)
	}
}

func TestCompare(t *testing.T) {
	ids := []string{"q1", "q2", "q3"}
	before := func(i int) opstest.Outcome {
		return opstest.Outcome{Summary: fmt.Sprintf("net %d", 100-i), Flags: []string{"deal desk"}}
	}
	after := func(i int) opstest.Outcome {
		o := before(i)
		if i == 2 {
			o = opstest.Outcome{Summary: "net 90", Flags: []string{"VP approval"}}
		}
		return o
	}
	w := opstest.Compare(ids, before, after)
	want := "1 of 3 cases change\nflags (before -> after):\n  VP approval: 0 -> 1\n  deal desk: 3 -> 2\nq3\n  before: net 98 [deal desk]\n  after:  net 90 [VP approval]\n"
	if diff := cmp.Diff(want, w.Text()); diff != "" {
		t.Errorf("Text (-want +got):\n%s", diff)
	}
	if !strings.Contains(w.Markdown(), "| q3 | net 98 [deal desk] | net 90 [VP approval] |") {
		t.Errorf("Markdown:\n%s", w.Markdown())
	}
}

func TestGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := opstest.Money(partnerops.USD, -1e9, 1e9).Draw(t, "m")
		if _, err := m.MinorUnitsValue(); err != nil {
			t.Fatalf("%v is not exact in cents: %v", m, err)
		}
		p := opstest.Percent(0, 10000).Draw(t, "p")
		if !p.Between(partnerops.PercentFromInt(0), partnerops.PercentFromInt(100)) {
			t.Fatalf("percent %v out of range", p)
		}
		d := opstest.Decimal(-500, 500, 1).Draw(t, "d")
		if d.Scale() > 1 {
			t.Fatalf("decimal %v has scale %d", d, d.Scale())
		}
	})
}
