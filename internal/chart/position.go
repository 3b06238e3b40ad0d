package chart

// Position is one marker on a scale: a partner's peer percentile on 0 to
// 100, a score against its range. It shows one value only, so a chart of a
// partner's position can carry no other partner's identity or value.
type Position struct {
	Title string
	Desc  string
	// Min and Max are the scale's ends, printed under them.
	Min, Max Num
	// Value is the position; outside the ends it is drawn at the nearer
	// end (and its own text printed).
	Value Num
	// Label captions the marker: "Your percentile" prints as
	// "Your percentile: 72".
	Label string
	// Ticks are labelled marks between the ends (25, 50, 75).
	Ticks []Num
}

func (Position) block() {}

func (c Position) render(s *svg) {
	s.w, s.h = width, titleH+100
	x0, x1 := pad+10, s.w-pad-10
	lo, hi := c.Min.float(), c.Max.float()
	sc := newScale(lo, hi, x0, x1)
	if hi < lo { // a descending scale reads from Min at the left to Max
		sc = newScale(hi, lo, x1, x0)
	}
	y := titleH + 46.0

	s.open(c.Title, c.Desc, "Position on a scale")
	v := sc.at(c.Value.float())
	s.rect(x0, y, x1, y+14, "#e6e6e6", ink, "")
	s.rect(x0, y, v, y+14, fillTotal.colour(), "", "")
	for _, t := range c.Ticks {
		x := sc.at(t.float())
		s.line(x, y+14, x, y+20, ink, 1, "")
		s.text(x, y+32, "middle", small, "", fit(t.text(), 60, small))
	}
	s.line(x0, y+14, x0, y+20, ink, 1, "")
	s.line(x1, y+14, x1, y+20, ink, 1, "")
	s.text(x0, y+32, "start", small, "", fit(c.Min.text(), 100, small))
	s.text(x1, y+32, "end", small, "", fit(c.Max.text(), 100, small))
	label := c.Value.text()
	if c.Label != "" {
		label = c.Label + ": " + label
	}
	label = fit(label, s.w-2*pad, fontSize)
	s.str("<g><title>")
	s.esc(label)
	s.str("</title>")
	s.line(v, y-6, v, y+20, ink, 2.5, "")
	s.polygon(ink, v-6, y-14, v+6, y-14, v, y-5)
	s.str("</g>\n")
	s.text(v, y-18, anchorAt(v, s.w, textWidth(label, fontSize)), fontSize, "bold", label)
	s.close()
}
