package chart

// Mark is a labelled vertical line at one period of a [Line] chart
// ("today", "certification lapses"). A mark outside the periods is not
// drawn.
type Mark struct {
	At    int // index into Line.Periods
	Label string
}

// Line is a line chart of series over periods, with an optional target
// series drawn dashed. Each series has its own colour, dash pattern and
// point marker (circle, square, triangle, diamond, ring), named in the
// legend. Points are labelled with their text when there are at most two
// series and the text fits its period's width; every point carries an
// accessible title in any case. The value axis always holds zero.
type Line struct {
	Title   string
	Desc    string
	Periods []string
	Series  []Series
	// Target, when it has values, is drawn as a dashed line named
	// Target.Name (default "Target"), one value per period. A constant
	// target is a [Ref].
	Target Series
	Ticks  []Num
	Refs   []Ref
	Marks  []Mark
}

func (Line) block() {}

var dashes = [...]string{"", "6 3", "2 3", "8 3 2 3"}

func (c Line) render(s *svg) {
	np, ns := len(c.Periods), len(c.Series)
	s.w = width
	if np == 0 || (ns == 0 && len(c.Target.Values) == 0) {
		s.noData(c.Title, c.Desc, "Line chart")
		return
	}
	var d domain
	tickTexts := make([]string, len(c.Ticks))
	for i, t := range c.Ticks {
		tickTexts[i] = t.text()
		d.add(t.float())
	}
	for _, r := range c.Refs {
		d.add(r.Value.float())
	}
	all := c.Series
	target := len(c.Target.Values) > 0
	if target {
		all = append(all[:ns:ns], c.Target)
	}
	for _, se := range all {
		for i, v := range se.Values {
			if i < np {
				d.add(v.float())
			}
		}
	}
	var items []legendItem
	if ns > 1 || target || (ns == 1 && c.Series[0].Name != "") {
		for k, se := range c.Series {
			items = append(items, legendItem{label: se.Name, paint: seriesFill(k), dash: dashes[k%len(dashes)], line: true, mark: k})
		}
		if target {
			name := c.Target.Name
			if name == "" {
				name = "Target"
			}
			items = append(items, legendItem{label: name, paint: fillInk, dash: "4 4", line: true, mark: -1})
		}
	}

	left := pad + widest(small, 100, tickTexts...) + 6
	slot := max((s.w-left-pad)/float64(np), 24)
	s.w = max(s.w, left+float64(np)*slot+pad)
	_, _, lrows := legendLayout(items, s.w)
	top := titleH + float64(lrows)*legendH + 16
	if len(c.Marks) > 0 {
		top += 20
	}
	bottom := top + 220
	s.h = bottom + 16 + pad + 2
	sc := newScale(d.lo, d.hi, bottom, top)
	right := left + float64(np)*slot
	px := func(i int) float64 { return left + (float64(i)+0.5)*slot }

	s.open(c.Title, c.Desc, "Line chart")
	s.legend(items, titleH)
	for _, t := range c.Ticks {
		y := sc.at(t.float())
		s.line(left, y, right, y, grid, 0.75, "")
		s.text(left-6, y+4, "end", small, "", t.text())
	}
	zero := sc.at(0)
	s.line(left, zero, right, zero, ink, 1, "")
	for i, p := range c.Periods {
		s.text(px(i), bottom+16, "middle", fontSize, "", fit(p, slot-4, fontSize))
	}
	for _, m := range c.Marks {
		if m.At < 0 || m.At >= np {
			continue
		}
		x := px(m.At)
		s.line(x, top-18, x, bottom, faint, 1.5, "3 3")
		s.text(x, top-22, anchorAt(x, s.w, textWidth(m.Label, small)), small, "", fit(m.Label, s.w-2*pad, small))
	}
	for _, r := range c.Refs {
		y := sc.at(r.Value.float())
		s.line(left, y, right, y, ink, 1.5, "6 3")
		s.text(right, y-4, "end", small, "", fit(r.Label+" "+r.Value.text(), right-left, small))
	}
	xy := make([]float64, 0, 2*np)
	for k, se := range all {
		colour, dash, isTarget := seriesFill(k).colour(), dashes[k%len(dashes)], target && k == ns
		if isTarget {
			colour, dash = ink, "4 4"
		}
		xy = xy[:0]
		for i, v := range se.Values {
			if i < np {
				xy = append(xy, px(i), sc.at(v.float()))
			}
		}
		if len(xy) >= 4 {
			s.polyline(xy, colour, dash)
		}
		name := se.Name
		if isTarget && name == "" {
			name = "Target"
		}
		for i, v := range se.Values {
			if i >= np {
				break
			}
			x, y := xy[2*i], xy[2*i+1]
			s.str("<g><title>")
			s.esc(tip(c.Periods[i], name, v.text()))
			s.str("</title>")
			if isTarget {
				s.rect(x-3, y-1, x+3, y+1, ink, "", "")
			} else {
				s.marker(k, x, y, colour)
			}
			s.str("</g>\n")
			if t := v.text(); !isTarget && ns <= 2 && textWidth(t, small) <= slot-2 {
				ly := y - 8
				if k == 1 {
					ly = y + 16 // the second series labels below its points
				}
				s.textc(x, ly, "middle", small, "", halo, t)
			}
		}
	}
	s.close()
}
