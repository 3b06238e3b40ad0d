package textfmt

import (
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	tests := map[string]string{
		"plain":        "plain",
		"a|b":          `a\|b`,
		"two\nlines":   "two lines",
		"crlf\r\nline": "crlf line",
		"":             "",
	}
	for in, want := range tests {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	var b strings.Builder
	Header(&b, "Metric", "Value")
	Row(&b, "win|rate", "30%")
	want := "| Metric | Value |\n|---|---|\n| win\\|rate | 30% |\n"
	if got := b.String(); got != want {
		t.Errorf("table = %q, want %q", got, want)
	}
}
