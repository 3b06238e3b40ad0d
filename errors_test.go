package partnerops_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestPath(t *testing.T) {
	tests := []struct {
		parts []any
		want  string
	}{
		{[]any{"rules", 3, "percent"}, "rules[3].percent"},
		{[]any{3, "sku"}, "[3].sku"},
		{[]any{"tiers", "gold", "min"}, "tiers.gold.min"},
		{[]any{"attributes", "tier at least"}, `attributes["tier at least"]`},
		{[]any{"a", int64(7)}, "a.7"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := partnerops.Path(tt.parts...); got != tt.want {
			t.Errorf("Path(%v) = %q, want %q", tt.parts, got, tt.want)
		}
	}
	for _, tt := range []struct{ a, b, want string }{{"lines", "[2].sku", "lines[2].sku"}, {"", "x", "x"}, {"x", "", "x"}, {"a", "b", "a.b"}} {
		if got := partnerops.JoinPath(tt.a, tt.b); got != tt.want {
			t.Errorf("JoinPath(%q, %q) = %q", tt.a, tt.b, got)
		}
	}
}

func TestProblems(t *testing.T) {
	var p partnerops.Problems
	if p.Err() != nil || p.Len() != 0 {
		t.Fatal("zero Problems not empty")
	}
	p.Add("rules[0].percent", "must be between 0 and 100", "120")
	single := p.Err()
	var ve *partnerops.ValidationError
	if !errors.As(single, &ve) || ve.Error() != `rules[0].percent: must be between 0 and 100 (got "120")` {
		t.Errorf("single error = %v", single)
	}
	p.Addf("rules[1].id", "", "duplicate of rule %d", 0)
	var sub partnerops.Problems
	sub.Add("[2].sku", "must not be empty", "")
	p.Merge("lines", sub.Err())
	p.Merge("book", fmt.Errorf("wrapped: %w", errors.New("plain failure")))
	p.Merge("nothing", nil)
	err := p.Err()
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("errors.Is(ErrInvalid) = false for %v", err)
	}
	var got []partnerops.ValidationError
	for _, ve := range partnerops.ValidationErrors(err) {
		got = append(got, *ve)
	}
	want := []partnerops.ValidationError{
		{Path: "rules[0].percent", Rule: "must be between 0 and 100", Value: "120"},
		{Path: "rules[1].id", Rule: "duplicate of rule 0"},
		{Path: "lines[2].sku", Rule: "must not be empty"},
		{Path: "book", Rule: "wrapped: plain failure"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if p.Len() != 4 {
		t.Errorf("Len = %d", p.Len())
	}
	if partnerops.ValidationErrors(nil) != nil {
		t.Error("ValidationErrors(nil) != nil")
	}
	wrapped := fmt.Errorf("compiling: %w", err)
	if n := len(partnerops.ValidationErrors(wrapped)); n != 4 {
		t.Errorf("through %%w: %d problems", n)
	}
	noPath := &partnerops.ValidationError{Rule: "period needs a start"}
	if noPath.Error() != "period needs a start" {
		t.Errorf("Error() = %q", noPath.Error())
	}
}
