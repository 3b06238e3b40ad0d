// Package textfmt holds the Markdown helpers the pillars share when they
// render results, so every table escapes cells by one rule.
package textfmt

import "strings"

var cellEscaper = strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ")

// Cell escapes s for a Markdown table cell: pipes are escaped and line
// breaks become spaces, so a cell can never break its row.
func Cell(s string) string { return cellEscaper.Replace(s) }

// Row writes one Markdown table row of the escaped cells.
func Row(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" ")
		b.WriteString(Cell(c))
		b.WriteString(" |")
	}
	b.WriteString("\n")
}

// Header writes a Markdown table header row and its separator row.
func Header(b *strings.Builder, cells ...string) {
	Row(b, cells...)
	b.WriteString("|")
	for range cells {
		b.WriteString("---|")
	}
	b.WriteString("\n")
}
