package chart

// Bin is one bar of a [Histogram]: the caller bins the data (it knows the
// score scale and the grades) and passes the count and its text.
type Bin struct {
	Label string // the bin's range, "60–70"
	Count Num
	// Band names the band (a grade) the bin belongs to; consecutive bins
	// with the same band are grouped under its name.
	Band string
}

// Histogram is a distribution drawn as vertical bars, one per bin, over
// bands (grades) shown as alternating grounds named at the top and
// separated by dashed lines. Each bar prints its count's text.
type Histogram struct {
	Title string
	Desc  string
	Bins  []Bin
}

func (Histogram) block() {}

func (c Histogram) render(s *svg) {
	n := len(c.Bins)
	s.w = width
	if n == 0 {
		s.noData(c.Title, c.Desc, "Histogram")
		return
	}
	var d domain
	bands := false
	for _, b := range c.Bins {
		d.add(b.Count.float())
		bands = bands || b.Band != ""
	}
	left := pad
	slot := max((s.w-2*pad)/float64(n), 28)
	s.w = max(s.w, left+float64(n)*slot+pad)
	top := titleH + 16 // room for the tallest bar's count
	if bands {
		top += 22
	}
	bottom := top + 200
	labelY := bottom + 16
	if d.lo < 0 {
		labelY += 12
	}
	s.h = labelY + pad + 2
	sc := newScale(d.lo, d.hi, bottom, top)
	right := left + float64(n)*slot

	s.open(c.Title, c.Desc, "Histogram")
	// Bands: alternate grounds, a dashed line between, the name on top.
	for i, parity := 0, 0; i < n && bands; parity++ {
		j := i
		for j+1 < n && c.Bins[j+1].Band == c.Bins[i].Band {
			j++
		}
		x0, x1 := left+float64(i)*slot, left+float64(j+1)*slot
		ground := "#ffffff"
		if parity%2 == 0 {
			ground = "#ececec"
		}
		s.rect(x0, top-36, x1, bottom, ground, "", "")
		if i > 0 {
			s.line(x0, top-36, x0, bottom, faint, 1, "4 3")
		}
		s.text((x0+x1)/2, top-20, "middle", fontSize, "bold", fit(c.Bins[i].Band, x1-x0-4, fontSize))
		i = j + 1
	}
	zero := sc.at(0)
	s.line(left, zero, right, zero, ink, 1, "")
	for i, b := range c.Bins {
		x := left + float64(i)*slot
		t := b.Count.text()
		v := sc.at(b.Count.float())
		label := b.Label
		if b.Band != "" {
			label += " (" + b.Band + ")"
		}
		s.rect(x+slot*0.12, zero, x+slot*0.88, v, fillTotal.colour(), "", label+": "+t)
		if textWidth(t, small) <= slot {
			if b.Count.float() >= 0 {
				s.text(x+slot/2, v-4, "middle", small, "", t)
			} else {
				s.text(x+slot/2, v+12, "middle", small, "", t)
			}
		}
		s.text(x+slot/2, labelY, "middle", small, "", fit(b.Label, slot-2, small))
	}
	s.close()
}
