package chart

import (
	"io"
	"strconv"
)

// Block is one piece of a [Section]: a [Text] paragraph, a [Facts] list,
// a [Table] or a [Chart]. The set is closed.
type Block interface {
	block()
}

// Text is a paragraph.
type Text string

func (Text) block() {}

// Fact is one name and value of a [Facts] list ("Total score", "82.5").
type Fact struct {
	Name  string
	Value string
}

// Facts is a list of names and values, set as a definition list: the
// headline numbers of a section.
type Facts []Fact

func (Facts) block() {}

// Table is a data table with a caption, a header row and rows of text
// cells. The first cell of each row is its row header. Rows shorter than
// the header are padded with empty cells.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
	// Numeric marks, by column index, the columns set right-aligned with
	// tabular figures.
	Numeric []bool
}

func (Table) block() {}

// Section is a headed part of a [Document].
type Section struct {
	Heading string
	Blocks  []Block
}

// Document is a self-contained printable HTML page: a title, an optional
// subtitle, sections of text, facts, tables and charts, and a footer. The
// page is XHTML-compatible HTML5 (it parses as XML), with inline CSS and
// inline SVG, no scripts and no external requests: a Content-Security-
// Policy forbids any, and an empty icon keeps browsers from asking for
// one.
type Document struct {
	Title    string
	Subtitle string // a line under the title: the partner and the period
	Lang     string // the page language; defaults to "en"
	Sections []Section
	Footer   string
}

// HTML returns d as an HTML document.
func HTML(d Document) []byte {
	b := make([]byte, 0, 32768)
	lang := d.Lang
	if lang == "" {
		lang = "en"
	}
	b = append(b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\""...)
	b = appendEsc(b, lang)
	b = append(b, "\">\n<head>\n<meta charset=\"utf-8\"/>\n"+
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"+
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n"+
		"<link rel=\"icon\" href=\"data:,\"/>\n<title>"...)
	b = appendEsc(b, d.Title)
	b = append(b, "</title>\n<style>"+css+"</style>\n</head>\n<body>\n<header>\n<h1>"...)
	b = appendEsc(b, d.Title)
	b = append(b, "</h1>\n"...)
	if d.Subtitle != "" {
		b = append(b, `<p class="subtitle">`...)
		b = appendEsc(b, d.Subtitle)
		b = append(b, "</p>\n"...)
	}
	b = append(b, "</header>\n<main>\n"...)
	figures := 0
	for i, sec := range d.Sections {
		id := "s" + strconv.Itoa(i+1)
		b = append(b, `<section aria-labelledby="`+id+`">`+"\n"+`<h2 id="`+id+`">`...)
		b = appendEsc(b, sec.Heading)
		b = append(b, "</h2>\n"...)
		for _, bl := range sec.Blocks {
			switch bl := bl.(type) {
			case Text:
				b = append(b, "<p>"...)
				b = appendEsc(b, string(bl))
				b = append(b, "</p>\n"...)
			case Facts:
				b = appendFacts(b, bl)
			case Table:
				b = appendTable(b, bl)
			case Chart:
				figures++
				s := svg{b: append(b, "<figure>\n"...), id: "fig" + strconv.Itoa(figures)}
				bl.render(&s)
				b = append(s.b, "</figure>\n"...)
			}
		}
		b = append(b, "</section>\n"...)
	}
	b = append(b, "</main>\n"...)
	if d.Footer != "" {
		b = append(b, "<footer><p>"...)
		b = appendEsc(b, d.Footer)
		b = append(b, "</p></footer>\n"...)
	}
	return append(b, "</body>\n</html>\n"...)
}

// WriteHTML writes d as an HTML document to w, in one Write call.
func WriteHTML(w io.Writer, d Document) error {
	_, err := w.Write(HTML(d))
	return err
}

func appendFacts(b []byte, f Facts) []byte {
	if len(f) == 0 {
		return b
	}
	b = append(b, "<dl>\n"...)
	for _, x := range f {
		b = append(b, "<dt>"...)
		b = appendEsc(b, x.Name)
		b = append(b, "</dt><dd>"...)
		b = appendEsc(b, x.Value)
		b = append(b, "</dd>\n"...)
	}
	return append(b, "</dl>\n"...)
}

func appendTable(b []byte, t Table) []byte {
	b = append(b, "<table>\n"...)
	if t.Caption != "" {
		b = append(b, "<caption>"...)
		b = appendEsc(b, t.Caption)
		b = append(b, "</caption>\n"...)
	}
	numeric := func(k int) bool { return k < len(t.Numeric) && t.Numeric[k] }
	if len(t.Header) > 0 {
		b = append(b, "<thead><tr>"...)
		for k, h := range t.Header {
			b = append(b, `<th scope="col"`...)
			if numeric(k) {
				b = append(b, ` class="num"`...)
			}
			b = append(b, '>')
			b = appendEsc(b, h)
			b = append(b, "</th>"...)
		}
		b = append(b, "</tr></thead>\n"...)
	}
	b = append(b, "<tbody>\n"...)
	for _, row := range t.Rows {
		b = append(b, "<tr>"...)
		for k := 0; k < max(len(row), len(t.Header)); k++ {
			cell := ""
			if k < len(row) {
				cell = row[k]
			}
			switch {
			case k == 0:
				b = append(b, `<th scope="row">`...)
			case numeric(k):
				b = append(b, `<td class="num">`...)
			default:
				b = append(b, "<td>"...)
			}
			b = appendEsc(b, cell)
			if k == 0 {
				b = append(b, "</th>"...)
			} else {
				b = append(b, "</td>"...)
			}
		}
		b = append(b, "</tr>\n"...)
	}
	return append(b, "</tbody>\n</table>\n"...)
}

// css styles the page for screen and print: dark text on white (contrast
// above 7:1), tables with rules, figures that do not break across pages.
// It holds no character XML would need escaped.
const css = `
:root{color:#1a1a1a;background:#ffffff}
body{font-family:Helvetica,Arial,sans-serif;font-size:11pt;line-height:1.45;max-width:46rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
.subtitle{color:#555555;margin:0 0 1.5rem}
h2{font-size:1.2rem;border-bottom:1px solid #bbbbbb;padding-bottom:.2rem;margin:2rem 0 .75rem}
table{border-collapse:collapse;width:100%;margin:.75rem 0}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #bbbbbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#ececec}
tbody th{font-weight:normal}
.num{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content auto;gap:.25rem 1.5rem;margin:.75rem 0}
dt{font-weight:bold}
dd{margin:0}
figure{margin:1rem 0}
figure svg{max-width:100%;height:auto;display:block}
footer{margin-top:2rem;color:#555555;font-size:.9rem;border-top:1px solid #bbbbbb;padding-top:.5rem}
@page{margin:15mm}
@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}figure,table,dl{break-inside:avoid}}
`
