package chart

import (
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/partnerops/partnerops"
)

// Num is a number to draw. Value places the mark: it is converted to
// float64 once, for geometry only. Text is what the chart prints for it
// ("1,200.00 USD", "85%", "12"); when Text is empty the chart prints
// Value.String(). The chart never prints a number it computed.
type Num struct {
	Value partnerops.Decimal
	Text  string
}

// Amount is the Num of an amount of money, printed with the currency's
// minor units: "1200.00 USD".
func Amount(m partnerops.Money) Num { return Num{Value: m.Amount(), Text: m.StringFixed()} }

// Pct is the Num of a percent, placed by its number of percent (20% at
// 20) and printed as "20%".
func Pct(p partnerops.Percent) Num { return Num{Value: p.Decimal(), Text: p.String()} }

// Count is the Num of a count, printed in decimal digits.
func Count(n int) Num { return Num{Value: partnerops.DecimalFromInt(int64(n))} }

// text is the printed form of n: its Text, or else its decimal's plain
// text; a decimal whose exponent lies beyond ±40 (far outside the valid
// range) prints as its exact coefficient and exponent, "7e2000000000",
// rather than as a billion digits.
func (n Num) text() string {
	if n.Text != "" {
		return n.Text
	}
	d := n.Value
	if d.Validate() == nil {
		return d.String()
	}
	if coef, e := split(d); e < -40 || e > 40 {
		return coef.String() + "e" + strconv.FormatInt(e, 10)
	}
	return d.String()
}

// limit bounds every value used for geometry, so that a span of two
// values never overflows float64.
const limit = 1e300

// float converts n's value for geometry: finite and within ±limit. A
// decimal in the valid range (see partnerops.Decimal.Validate) converts
// from its text. Any other is split into an integer coefficient and a
// power of ten, the exponent found by a binary search over exact shifts,
// so that a hostile exponent (1e2000000000, 1e-2000000000) never expands
// into a billion digits of text.
func (n Num) float() float64 {
	d := n.Value
	if d.IsZero() {
		return 0
	}
	if d.Validate() == nil {
		f, _ := strconv.ParseFloat(d.String(), 64)
		return clamp(f, -limit, limit)
	}
	coef, e := split(d)
	f, _ := strconv.ParseFloat(coef.String(), 64)
	if e > 0 {
		f *= math.Pow10(int(e)) // +Inf beyond float64, clamped below
	} else {
		f /= math.Pow10(int(-e)) // divides by +Inf below 1e-308: 0
	}
	return clamp(f, -limit, limit)
}

// clamp returns v within [lo, hi]; NaN becomes lo.
func clamp(v, lo, hi float64) float64 {
	if !(v >= lo) {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// split returns d as an integer coefficient times 10^e, in time that
// grows with the coefficient's digits and the logarithm of the exponent,
// never with the exponent itself: a positive exponent is one less than
// the smallest shift k that leaves a fraction in d × 10^-k.
func split(d partnerops.Decimal) (coef partnerops.Decimal, e int64) {
	e = -int64(d.Scale())
	if e > 0 { // Scale overflowed: the exponent is the least int32
		e = math.MinInt32
		return d.Mul(partnerops.NewDecimal(1, math.MaxInt32)).Mul(partnerops.NewDecimal(1, 1)), e
	}
	if e == 0 {
		lo, hi := int64(1), int64(math.MaxInt32)+1
		for lo < hi {
			mid := lo + (hi-lo)/2
			if d.Mul(partnerops.NewDecimal(1, int32(-mid))).Scale() > 0 {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		e = lo - 1
	}
	return d.Mul(partnerops.NewDecimal(1, int32(-e))), e
}

// Chart is one of the chart kinds of this package: [Waterfall], [Bars],
// [Line], [HeatMap], [Histogram] and [Position]. Render it with [SVG] or
// [Write], or place it in a [Document] section.
type Chart interface {
	Block
	render(s *svg)
}

// SVG returns c as a standalone SVG document.
func SVG(c Chart) []byte {
	s := &svg{id: "chart", b: make([]byte, 0, 8192)}
	c.render(s)
	return s.b
}

// Write writes c as a standalone SVG document to w, in one Write call.
func Write(w io.Writer, c Chart) error {
	_, err := w.Write(SVG(c))
	return err
}

// Layout constants, in SVG user units (pixels at 100%).
const (
	width    = 640.0 // default width; charts with many slots grow wider
	pad      = 12.0  // outer padding
	fontSize = 12.0
	small    = 10.0 // font size of value labels and notes
	titleH   = 34.0 // height of the visible title band
	legendH  = 18.0 // height of one legend line
	maxLabel = 180.0
	ink      = "#1a1a1a" // text colour: near black, contrast 17:1 on white
	faint    = "#555555" // secondary text, contrast 7.4:1 on white
	grid     = "#bbbbbb"
)

// svg accumulates one SVG document. Every coordinate goes through x or y,
// which clamp it to the view box, so no mark can fall outside it, and
// every text through esc.
type svg struct {
	b    []byte
	id   string       // prefix of every id in the document
	w, h float64      // view box
	pats [nFills]bool // patterns used, by fill
}

// fill names a paint style: a colour plus an overlay pattern, so that
// marks stay distinct in greyscale and for readers who cannot tell the
// colours apart. Fills 0 to 5 are the series fills, in order.
type fill int

// The fills of waterfalls and single-colour marks, after the series fills.
const (
	fillTotal fill = iota + nSeriesFills
	fillSubtotal
	fillFall
	fillRise
	fillLimited
	fillInk
	nFills
)

const nSeriesFills = 6

// fills holds each fill's colour, its overlay pattern (an index into
// patternShapes; 0 is solid) and the colour of the pattern's strokes. The
// series colours come from a colour-blind-safe palette with spread
// lightness.
var fills = [nFills]struct {
	colour  string
	pattern int
	line    string
}{
	{"#1f4e79", 0, ""},
	{"#e08a00", 1, "#ffffff"},
	{"#5ba38a", 2, "#ffffff"},
	{"#7a4e9c", 3, "#ffffff"},
	{"#9db9d5", 4, ink},
	{"#444444", 5, "#ffffff"},
	fillTotal:    {"#1f4e79", 0, ""},
	fillSubtotal: {"#9db9d5", 0, ""},
	fillFall:     {"#b03a2e", 0, ""},
	fillRise:     {"#2e7d32", 1, "#ffffff"},
	fillLimited:  {"none", 6, ink},
	fillInk:      {ink, 0, ""},
}

func seriesFill(i int) fill { return fill(i % nSeriesFills) }

func (f fill) colour() string { return fills[f].colour }

// patternShapes are the overlay strokes of the patterns, by index; the
// hatches are drawn upright and the pattern rotated 45°.
var patternShapes = [...]string{
	1: `<path d="M0 0L0 6" stroke-width="2.5"`,         // diagonal hatch
	2: `<circle cx="3" cy="3" r="1.4"`,                 // dots
	3: `<path d="M0 0L0 6M0 0L6 0" stroke-width="1.5"`, // cross-hatch
	4: `<path d="M0 3L6 3" stroke-width="1.5"`,         // horizontal lines
	5: `<path d="M3 0L3 6" stroke-width="1.5"`,         // vertical lines
	6: `<path d="M0 0L0 6M0 0L6 0" stroke-width="1"`,   // thin cross-hatch (limits)
}

// paint returns the fill attribute for f, registering its pattern.
func (s *svg) paint(f fill) string {
	if fills[f].pattern == 0 {
		return fills[f].colour
	}
	s.pats[f] = true
	return "url(#" + s.id + "-p" + strconv.Itoa(int(f)) + ")"
}

// open starts the document: the root element with its accessible name
// and description, and a white ground. The caller has fixed s.w and s.h.
// Patterns are written by close into a defs element at the end (SVG
// allows defs anywhere), once their use is known.
func (s *svg) open(title, desc, kind string) {
	s.w = clamp(s.w, 1, 1e6)
	s.h = clamp(s.h, 1, 1e7)
	if title == "" {
		title = kind
	}
	if desc == "" {
		desc = kind + "."
	}
	s.str(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	s.num(s.w)
	s.str(" ")
	s.num(s.h)
	s.str(`" width="`)
	s.num(s.w)
	s.str(`" height="`)
	s.num(s.h)
	s.str(`" role="img" aria-labelledby="` + s.id + `-title" aria-describedby="` + s.id + `-desc" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="` + ink + `">` + "\n")
	s.str(`<title id="` + s.id + `-title">`)
	s.esc(title)
	s.str("</title>\n<desc id=\"" + s.id + `-desc">`)
	s.esc(desc)
	s.str("</desc>\n")
	s.str(`<rect x="0" y="0" width="`)
	s.num(s.w)
	s.str(`" height="`)
	s.num(s.h)
	s.str(`" fill="#ffffff"/>` + "\n")
	s.text(pad, 22, "start", 15, "bold", fit(title, s.w-2*pad, 15))
}

// close writes the patterns used and ends the document.
func (s *svg) close() {
	defs := false
	for f, used := range s.pats {
		if !used {
			continue
		}
		if !defs {
			s.str("<defs>")
			defs = true
		}
		st := fills[f]
		s.str(`<pattern id="` + s.id + "-p" + strconv.Itoa(f) + `" patternUnits="userSpaceOnUse" width="6" height="6"`)
		if st.pattern == 1 || st.pattern == 3 || st.pattern == 6 {
			s.str(` patternTransform="rotate(45)"`)
		}
		s.str(`><rect width="6" height="6" fill="` + st.colour + `"/>` + patternShapes[st.pattern])
		if st.pattern == 2 {
			s.str(` fill="` + st.line + `"/>`)
		} else {
			s.str(` stroke="` + st.line + `"/>`)
		}
		s.str("</pattern>")
	}
	if defs {
		s.str("</defs>\n")
	}
	s.str("</svg>\n")
}

// noData draws a whole chart that says "No data", for a chart with
// nothing to show.
func (s *svg) noData(title, desc, kind string) {
	s.w, s.h = width, titleH+70
	s.open(title, desc, kind)
	s.text(s.w/2, titleH+40, "middle", fontSize, "", "No data")
	s.close()
}

func (s *svg) str(v string) { s.b = append(s.b, v...) }

// num appends v rounded to hundredths, with no trailing zeros and no
// "-0": the same bytes for the same value on every platform. Coordinates
// are bounded by the view box, far inside int64 hundredths.
func (s *svg) num(v float64) {
	c := int64(math.Round(clamp(v, -1e12, 1e12) * 100))
	if c < 0 {
		s.b = append(s.b, '-')
		c = -c
	}
	s.b = strconv.AppendInt(s.b, c/100, 10)
	if f := c % 100; f != 0 {
		s.b = append(s.b, '.', byte('0'+f/10))
		if f%10 != 0 {
			s.b = append(s.b, byte('0'+f%10))
		}
	}
}

// x and y append a coordinate clamped to the view box.
func (s *svg) x(v float64) { s.num(clamp(v, 0, s.w)) }
func (s *svg) y(v float64) { s.num(clamp(v, 0, s.h)) }

func (s *svg) attrX(name string, v float64) { s.str(" " + name + `="`); s.x(v); s.str(`"`) }
func (s *svg) attrY(name string, v float64) { s.str(" " + name + `="`); s.y(v); s.str(`"`) }

// rect draws the rectangle spanning (x0,y0)-(x1,y1) in any corner order,
// clipped to the view box, with an accessible title when tip is set.
func (s *svg) rect(x0, y0, x1, y1 float64, paint, stroke, tip string) {
	x0, x1 = clamp(x0, 0, s.w), clamp(x1, 0, s.w)
	y0, y1 = clamp(y0, 0, s.h), clamp(y1, 0, s.h)
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	if y1 < y0 {
		y0, y1 = y1, y0
	}
	s.str("<rect")
	s.attrX("x", x0)
	s.attrY("y", y0)
	s.attrX("width", x1-x0)
	s.attrY("height", y1-y0)
	s.str(` fill="` + paint + `"`)
	if stroke != "" {
		s.str(` stroke="` + stroke + `" stroke-width="0.75"`)
	}
	if tip == "" {
		s.str("/>\n")
		return
	}
	s.str("><title>")
	s.esc(tip)
	s.str("</title></rect>\n")
}

// line draws a straight line; dash is a stroke-dasharray or "".
func (s *svg) line(x1, y1, x2, y2 float64, stroke string, w float64, dash string) {
	s.str("<line")
	s.attrX("x1", x1)
	s.attrY("y1", y1)
	s.attrX("x2", x2)
	s.attrY("y2", y2)
	s.str(` stroke="` + stroke + `" stroke-width="`)
	s.num(w)
	s.str(`"`)
	if dash != "" {
		s.str(` stroke-dasharray="` + dash + `"`)
	}
	s.str("/>\n")
}

// text draws t (already fitted by the caller) with its anchor at (x, y).
func (s *svg) text(x, y float64, anchor string, size float64, weight, t string) {
	s.textc(x, y, anchor, size, weight, "", t)
}

// halo, as the colour of textc, draws ink text over a white outline so it
// stays readable across lines and grid.
const halo = "halo"

// textc is text with a colour ("" inherits the ink, [halo] outlines it).
func (s *svg) textc(x, y float64, anchor string, size float64, weight, colour, t string) {
	if t == "" {
		return
	}
	s.str("<text")
	s.attrX("x", x)
	s.attrY("y", y)
	if anchor != "start" {
		s.str(` text-anchor="` + anchor + `"`)
	}
	if size != fontSize {
		s.str(` font-size="`)
		s.num(size)
		s.str(`"`)
	}
	if weight != "" {
		s.str(` font-weight="` + weight + `"`)
	}
	switch colour {
	case "":
	case halo:
		s.str(` stroke="#ffffff" stroke-width="3" paint-order="stroke"`)
	default:
		s.str(` fill="` + colour + `"`)
	}
	s.str(">")
	s.esc(t)
	s.str("</text>\n")
}

// points appends "x,y x,y ..." for a polyline or polygon.
func (s *svg) points(xy ...float64) {
	for i := 0; i+1 < len(xy); i += 2 {
		if i > 0 {
			s.str(" ")
		}
		s.x(xy[i])
		s.str(",")
		s.y(xy[i+1])
	}
}

// esc appends t escaped for XML text and attribute values. Characters XML
// forbids (control characters, invalid UTF-8, U+FFFE, U+FFFF) become
// U+FFFD; line breaks and tabs become spaces, so a label stays one line.
func (s *svg) esc(t string) { s.b = appendEsc(s.b, t) }

func appendEsc(b []byte, t string) []byte {
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&quot;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '\t' || c == '\n' || c == '\r':
				b = append(b, ' ')
			case c < 0x20 || c == 0x7f:
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || (r >= 0x80 && r < 0xA0) {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, t[i:i+n]...)
		}
		i += n
	}
	return b
}

// runeWidth estimates a rune's advance in ems: wide East Asian scripts and
// symbols take a full em, everything else 0.6. No font is measured; the
// estimate is generous so estimated text rarely overflows its room.
func runeWidth(r rune) float64 {
	if r >= 0x1100 && (r <= 0x115F || (r >= 0x2E80 && r <= 0xA4CF) || (r >= 0xAC00 && r <= 0xD7A3) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0x1F300 && r <= 0x1FAFF) || (r >= 0x20000 && r <= 0x3FFFD)) {
		return 1
	}
	return 0.62
}

// textWidth estimates the width of t at the given font size.
func textWidth(t string, size float64) float64 {
	w := 0.0
	for _, r := range t {
		w += runeWidth(r)
	}
	return w * size
}

// fit returns t shortened with an ellipsis so its estimated width at size
// is at most max; the text of a label may be any length, its picture not.
func fit(t string, max, size float64) string {
	if textWidth(t, size) <= max {
		return t
	}
	room := max - size*0.62 // the ellipsis
	w := 0.0
	for i, r := range t {
		w += runeWidth(r) * size
		if w > room {
			return t[:i] + "…"
		}
	}
	return t
}

// widest returns the largest estimated width of the texts, capped at max.
func widest(size, max float64, texts ...string) float64 {
	w := 0.0
	for _, t := range texts {
		if tw := textWidth(t, size); tw > w {
			w = tw
			if w >= max {
				return max
			}
		}
	}
	return w
}

// scale maps values in [lo, hi] to positions in [a, b] (a > b for a
// vertical axis), clamping values outside.
type scale struct{ lo, hi, a, b float64 }

// newScale returns the scale for a domain, widened when it is empty so
// that equal values still draw.
func newScale(lo, hi, a, b float64) scale {
	lo, hi = clamp(lo, -limit, limit), clamp(hi, -limit, limit)
	if hi < lo {
		lo, hi = hi, lo
	}
	if !(hi-lo > 0) {
		d := math.Abs(lo) / 2
		if !(d > 0) {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	return scale{lo, hi, a, b}
}

func (c scale) at(v float64) float64 {
	t := clamp((v-c.lo)/(c.hi-c.lo), 0, 1)
	return c.a + t*(c.b-c.a)
}

// domain tracks the smallest and largest value seen, starting from zero
// so that bars grow from a zero baseline.
type domain struct{ lo, hi float64 }

func (d *domain) add(v float64) {
	d.lo, d.hi = math.Min(d.lo, v), math.Max(d.hi, v)
}

// legendItem is one entry of a legend: a swatch (or a line sample) and
// its text.
type legendItem struct {
	label string
	paint fill
	dash  string // for line legends: the stroke-dasharray
	line  bool   // a line sample instead of a swatch
	mark  int    // point marker shape of a line series (line only)
}

// legendRows lays out items from left to right, wrapping at the width,
// and returns the x of each item and its row.
func legendLayout(items []legendItem, w float64) (xs []float64, rows []int, n int) {
	x, row := pad, 0
	for _, it := range items {
		iw := 22 + textWidth(fit(it.label, maxLabel, small), small) + 14
		if x+iw > w-pad && x > pad {
			x, row = pad, row+1
		}
		xs, rows = append(xs, x), append(rows, row)
		x += iw
	}
	if len(items) > 0 {
		n = row + 1
	}
	return xs, rows, n
}

// legend draws the items at top, as laid out by legendLayout.
func (s *svg) legend(items []legendItem, top float64) {
	xs, rows, _ := legendLayout(items, s.w)
	for i, it := range items {
		x, y := xs[i], top+float64(rows[i])*legendH
		if it.line {
			s.polyline([]float64{x, y + 6, x + 16, y + 6}, it.paint.colour(), it.dash)
			if it.mark >= 0 {
				s.marker(it.mark, x+8, y+6, it.paint.colour())
			}
		} else {
			s.rect(x, y, x+16, y+12, s.paint(it.paint), ink, "")
		}
		s.text(x+22, y+10, "start", small, "", fit(it.label, maxLabel, small))
	}
}

// polyline draws a polyline through xy with a stroke colour and dash.
func (s *svg) polyline(xy []float64, stroke, dash string) {
	s.str(`<polyline fill="none" stroke="` + stroke + `" stroke-width="2"`)
	if dash != "" {
		s.str(` stroke-dasharray="` + dash + `"`)
	}
	s.str(` points="`)
	s.points(xy...)
	s.str(`"/>` + "\n")
}

// marker draws point marker shape k (circle, square, triangle, diamond,
// cross-less ring) centred on (x, y), kept inside the view box.
func (s *svg) marker(k int, x, y float64, colour string) {
	x, y = clamp(x, 4, s.w-4), clamp(y, 4, s.h-4)
	switch k % 5 {
	case 0:
		s.str(`<circle`)
		s.attrX("cx", x)
		s.attrY("cy", y)
		s.str(` r="3.5" fill="` + colour + `"/>` + "\n")
	case 1:
		s.rect(x-3.5, y-3.5, x+3.5, y+3.5, colour, "", "")
	case 2:
		s.polygon(colour, x, y-4, x+4, y+3.5, x-4, y+3.5)
	case 3:
		s.polygon(colour, x, y-4, x+4, y, x, y+4, x-4, y)
	default:
		s.str(`<circle`)
		s.attrX("cx", x)
		s.attrY("cy", y)
		s.str(` r="3" fill="#ffffff" stroke="` + colour + `" stroke-width="2"/>` + "\n")
	}
}

func (s *svg) polygon(paint string, xy ...float64) {
	s.str(`<polygon fill="` + paint + `" points="`)
	s.points(xy...)
	s.str(`"/>` + "\n")
}
