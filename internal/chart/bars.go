package chart

// Series is a named row of values, one per category or period. A series
// shorter than its chart's categories has no mark for the missing ones;
// values beyond them are ignored.
type Series struct {
	Name   string
	Values []Num
}

// Ref is a labelled reference line across the value axis: a target, a
// requirement, a threshold. The line is dashed and its label printed
// with the value's text.
type Ref struct {
	Label string
	Value Num
}

// Bars is a bar chart of categories by series: grouped (one bar per
// series side by side) or stacked (one bar per category, positive values
// stacked up from zero and negative ones down), vertical or horizontal.
// Every series has its own fill pattern as well as its colour, and a
// legend names them; every bar carries its value's text.
type Bars struct {
	Title      string
	Desc       string
	Categories []string
	Series     []Series
	Stacked    bool // stack the series instead of grouping them
	Horizontal bool // categories as rows, bars growing to the right
	// Notes, by category, are printed under the category label (a date a
	// coverage ends, a requirement); missing entries print nothing.
	Notes []string
	// Ticks are labelled grid lines on the value axis. With none, only
	// the zero line is drawn: the chart prints no number it computed.
	Ticks []Num
	Refs  []Ref
}

func (Bars) block() {}

type seg struct {
	v0, v1 float64
	text   string
	ok     bool
}

// segments places every value of c on the value axis and returns the
// domain, which always holds zero, the ticks and the references.
func (c Bars) segments() ([]seg, domain) {
	nc, ns := len(c.Categories), len(c.Series)
	segs := make([]seg, nc*ns)
	var d domain
	for i := range nc {
		pos, neg := 0.0, 0.0
		for j, se := range c.Series {
			if i >= len(se.Values) {
				continue
			}
			v, sg := se.Values[i].float(), &segs[i*ns+j]
			sg.text, sg.ok = se.Values[i].text(), true
			switch {
			case !c.Stacked:
				sg.v1 = v
			case v >= 0:
				sg.v0, sg.v1 = pos, clamp(pos+v, -limit, limit)
				pos = sg.v1
			default:
				sg.v0, sg.v1 = neg, clamp(neg+v, -limit, limit)
				neg = sg.v1
			}
			d.add(sg.v0)
			d.add(sg.v1)
		}
	}
	for _, t := range c.Ticks {
		d.add(t.float())
	}
	for _, r := range c.Refs {
		d.add(r.Value.float())
	}
	return segs, d
}

func (c Bars) legendItems() []legendItem {
	if len(c.Series) == 1 && c.Series[0].Name == "" {
		return nil
	}
	items := make([]legendItem, len(c.Series))
	for j, se := range c.Series {
		items[j] = legendItem{label: se.Name, paint: seriesFill(j)}
	}
	return items
}

func (c Bars) note(i int) string {
	if i < len(c.Notes) {
		return c.Notes[i]
	}
	return ""
}

func (c Bars) render(s *svg) {
	nc, ns := len(c.Categories), len(c.Series)
	s.w = width
	if nc == 0 || ns == 0 {
		s.noData(c.Title, c.Desc, "Bar chart")
		return
	}
	segs, d := c.segments()
	items := c.legendItems()
	if c.Horizontal {
		c.horizontal(s, segs, d, items)
	} else {
		c.vertical(s, segs, d, items)
	}
	s.close()
}

func (c Bars) horizontal(s *svg, segs []seg, d domain, items []legendItem) {
	nc, ns := len(c.Categories), len(c.Series)
	_, _, lrows := legendLayout(items, s.w)
	top := titleH + float64(lrows)*legendH + 4
	if len(c.Refs) > 0 {
		top += 2 * 14
	}
	barH, block := 14.0, float64(ns)*14+10
	if c.Stacked {
		barH, block = 18, 28
	}
	if len(c.Notes) > 0 {
		block = max(block, 36)
	}
	// The value column: each bar's text (grouped) or the segments' texts
	// joined (stacked).
	texts := make([]string, 0, len(segs))
	for i := range nc {
		joined := ""
		for j := range ns {
			sg := segs[i*ns+j]
			if !sg.ok {
				continue
			}
			if !c.Stacked {
				texts = append(texts, sg.text)
			} else if joined == "" {
				joined = sg.text
			} else {
				joined += " / " + sg.text
			}
		}
		if c.Stacked {
			texts = append(texts, joined)
		}
	}
	bottom := top + float64(nc)*block
	s.h = bottom + pad
	if len(c.Ticks) > 0 {
		s.h += 16
	}
	labW := max(widest(fontSize, maxLabel, c.Categories...), widest(small, maxLabel, c.Notes...), 30)
	valW := max(widest(small, 180, texts...), 30)
	x0, x1 := pad+labW+10, s.w-pad-valW-10
	sc := newScale(d.lo, d.hi, x0, x1)

	s.open(c.Title, c.Desc, "Bar chart")
	s.legend(items, titleH)
	for _, t := range c.Ticks {
		x := sc.at(t.float())
		s.line(x, top, x, bottom, grid, 0.75, "")
		s.text(x, bottom+14, "middle", small, "", t.text())
	}
	zero := sc.at(0)
	s.line(zero, top, zero, bottom, ink, 1, "")
	k := 0 // index into texts
	for i, cat := range c.Categories {
		y := top + float64(i)*block
		s.text(pad, y+5+11, "start", fontSize, "", fit(cat, labW, fontSize))
		s.textc(pad, y+5+25, "start", small, "", faint, fit(c.note(i), labW, small))
		for j := range ns {
			sg := segs[i*ns+j]
			if !sg.ok {
				continue
			}
			by := y + 5
			if !c.Stacked {
				by += float64(j) * barH
			}
			a, b := sc.at(sg.v0), sc.at(sg.v1)
			s.rect(a, by, b, by+barH-2, s.paint(seriesFill(j)), ink, tip(cat, c.Series[j].Name, sg.text))
			if !c.Stacked {
				s.text(x1+10, by+barH-4, "start", small, "", fit(texts[k], valW, small))
				k++
			} else if w := textWidth(sg.text, small) + 6; w <= b-a || w <= a-b {
				s.chip((a+b)/2, by+(barH-2)/2, sg.text)
			}
		}
		if c.Stacked {
			s.text(x1+10, y+5+13, "start", small, "", fit(texts[k], valW, small))
			k++
		}
	}
	for i, r := range c.Refs {
		x := sc.at(r.Value.float())
		s.line(x, top-4, x, bottom, ink, 1.5, "6 3")
		label := r.Label + " " + r.Value.text()
		y := top - 8 - float64(i%2)*14
		s.text(x, y, anchorAt(x, s.w, textWidth(label, small)), small, "", fit(label, s.w-2*pad, small))
	}
}

func (c Bars) vertical(s *svg, segs []seg, d domain, items []legendItem) {
	nc, ns := len(c.Categories), len(c.Series)
	tickTexts := make([]string, len(c.Ticks))
	for i, t := range c.Ticks {
		tickTexts[i] = t.text()
	}
	left := pad + widest(small, 100, tickTexts...) + 6
	minSlot := 28.0
	if !c.Stacked {
		minSlot = max(minSlot, float64(ns)*10+8)
	}
	slot := max((s.w-left-pad)/float64(nc), minSlot)
	s.w = max(s.w, left+float64(nc)*slot+pad)
	_, _, lrows := legendLayout(items, s.w)
	top := titleH + float64(lrows)*legendH + 16
	if len(c.Refs) > 0 {
		top += 4
	}
	plotH := 220.0
	bottom := top + plotH
	labelY := bottom + 16
	if d.lo < 0 {
		labelY += 12
	}
	s.h = labelY + pad + 2
	if len(c.Notes) > 0 {
		s.h += 14
	}
	sc := newScale(d.lo, d.hi, bottom, top)

	s.open(c.Title, c.Desc, "Bar chart")
	s.legend(items, titleH)
	for _, t := range c.Ticks {
		y := sc.at(t.float())
		s.line(left, y, left+float64(nc)*slot, y, grid, 0.75, "")
		s.text(left-6, y+4, "end", small, "", t.text())
	}
	zero := sc.at(0)
	s.line(left, zero, left+float64(nc)*slot, zero, ink, 1, "")
	subW := min((slot-8)/float64(ns), 56)
	group := subW * float64(ns) // grouped bars' width, centred in the slot
	room := subW + 6            // a value text's room over its bar
	if ns == 1 {
		room = slot - 4
	}
	for i, cat := range c.Categories {
		x := left + float64(i)*slot
		s.text(x+slot/2, labelY, "middle", fontSize, "", fit(cat, slot-4, fontSize))
		s.textc(x+slot/2, labelY+14, "middle", small, "", faint, fit(c.note(i), slot-4, small))
		for j := range ns {
			sg := segs[i*ns+j]
			if !sg.ok {
				continue
			}
			half := min(slot*0.3, 32)
			bx0, bx1 := x+slot/2-half, x+slot/2+half
			if !c.Stacked {
				bx0 = x + (slot-group)/2 + float64(j)*subW
				bx1 = bx0 + subW - 1
			}
			a, b := sc.at(sg.v0), sc.at(sg.v1)
			s.rect(bx0, a, bx1, b, s.paint(seriesFill(j)), ink, tip(cat, c.Series[j].Name, sg.text))
			tw := textWidth(sg.text, small)
			switch {
			case c.Stacked:
				if tw+6 <= bx1-bx0 && (a-b >= 14 || b-a >= 14) {
					s.chip((bx0+bx1)/2, (a+b)/2, sg.text)
				}
			case tw <= room && sg.v1 >= 0:
				s.text((bx0+bx1)/2, b-4, "middle", small, "", sg.text)
			case tw <= room:
				s.text((bx0+bx1)/2, b+12, "middle", small, "", sg.text)
			}
		}
	}
	right := left + float64(nc)*slot
	for i, r := range c.Refs {
		y := sc.at(r.Value.float())
		s.line(left, y, right, y, ink, 1.5, "6 3")
		label := fit(r.Label+" "+r.Value.text(), right-left, small)
		if i%2 == 0 {
			s.text(right, y-4, "end", small, "", label)
		} else {
			s.text(left+4, y-4, "start", small, "", label)
		}
	}
}

// tip is the accessible title of a bar: "Gold · Promote: 12".
func tip(category, series, text string) string {
	if series == "" {
		return category + ": " + text
	}
	return category + " · " + series + ": " + text
}

// anchorAt picks the anchor that keeps a text of width w at x inside a
// view box of width vw.
func anchorAt(x, vw, w float64) string {
	switch {
	case x-w/2 < pad:
		return "start"
	case x+w/2 > vw-pad:
		return "end"
	}
	return "middle"
}

// chip draws a value text centred on (x, y) over a white ground, readable
// over any fill.
func (s *svg) chip(x, y float64, t string) {
	w := textWidth(t, small) + 4
	s.rect(x-w/2, y-7, x+w/2, y+6, "#ffffff", "", "")
	s.text(x, y+3.5, "middle", small, "", t)
}
