package chart

import "math"

// HeatMap is a matrix of rows by columns whose cells are shaded from light
// (the smallest value) to dark (the largest) in one hue, so the order
// survives greyscale, and print their text, so no reading depends on the
// shade. A legend shows the scale with the texts of the smallest and the
// largest cell.
type HeatMap struct {
	Title string
	Desc  string
	Rows  []string
	Cols  []string
	// Cells holds the values by row then column. Missing rows or cells
	// are left blank; cells beyond Rows or Cols are ignored.
	Cells [][]Num
}

func (HeatMap) block() {}

// shade interpolates from #f2f6fa (t = 0) to #1f4e79 (t = 1), rounding
// each channel, so equal inputs give equal colours. It also returns the
// text colour with the higher contrast on that ground (WCAG relative
// luminance).
func shade(t float64) (ground, text string) {
	t = clamp(t, 0, 1)
	from, to := [3]float64{0xf2, 0xf6, 0xfa}, [3]float64{0x1f, 0x4e, 0x79}
	b := []byte{'#'}
	const hex = "0123456789abcdef"
	lum := 0.0
	for i, w := range [3]float64{0.2126, 0.7152, 0.0722} {
		v := int(math.Round(from[i] + t*(to[i]-from[i])))
		b = append(b, hex[v>>4], hex[v&15])
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	// Contrast with white is 1.05/(L+0.05), with the ink (L ≈ 0.010)
	// (L+0.05)/0.060: white wins below L ≈ 0.20.
	if 1.05/(lum+0.05) > (lum+0.05)/0.060 {
		return string(b), "#ffffff"
	}
	return string(b), ink
}

func (c HeatMap) cell(r, k int) (Num, bool) {
	if r < len(c.Cells) && k < len(c.Cells[r]) {
		return c.Cells[r][k], true
	}
	return Num{}, false
}

func (c HeatMap) render(s *svg) {
	nr, nk := len(c.Rows), len(c.Cols)
	s.w = width
	if nr == 0 || nk == 0 {
		s.noData(c.Title, c.Desc, "Heat map")
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var loText, hiText string
	cellW := 40.0
	for r := range nr {
		for k := range nk {
			n, ok := c.cell(r, k)
			if !ok {
				continue
			}
			v := n.float()
			if v < lo {
				lo, loText = v, n.text()
			}
			if v > hi {
				hi, hiText = v, n.text()
			}
			cellW = max(cellW, min(textWidth(n.text(), fontSize)+10, 140))
		}
	}
	if hiText == "" && loText == "" { // rows and columns but no cell
		lo, hi = 0, 0
	}
	sc := newScale(lo, hi, 0, 1)
	labW := max(widest(fontSize, maxLabel, c.Rows...), 30)
	left := pad + labW + 8
	cellW = max(cellW, (s.w-left-pad)/float64(nk))
	cellH := 28.0
	s.w = max(s.w, left+float64(nk)*cellW+pad)
	top := titleH + 20
	bottom := top + float64(nr)*cellH
	s.h = bottom + 40 + pad

	s.open(c.Title, c.Desc, "Heat map")
	for k, col := range c.Cols {
		x := left + (float64(k)+0.5)*cellW
		s.str("<g><title>")
		s.esc(col)
		s.str("</title>")
		s.text(x, top-6, "middle", fontSize, "bold", fit(col, cellW-4, fontSize))
		s.str("</g>\n")
	}
	for r, row := range c.Rows {
		y := top + float64(r)*cellH
		s.text(pad, y+cellH/2+4, "start", fontSize, "bold", fit(row, labW, fontSize))
		for k, col := range c.Cols {
			x := left + float64(k)*cellW
			n, ok := c.cell(r, k)
			if !ok {
				s.rect(x, y, x+cellW, y+cellH, "#ffffff", grid, "")
				continue
			}
			ground, colour := shade(sc.at(n.float()))
			s.rect(x, y, x+cellW, y+cellH, ground, "#ffffff", row+" × "+col+": "+n.text())
			s.textc(x+cellW/2, y+cellH/2+4, "middle", fontSize, "", colour, fit(n.text(), cellW-4, fontSize))
		}
	}
	// The legend: five steps from the smallest to the largest cell.
	ly := bottom + 14
	x := pad
	if loText != "" {
		s.text(x, ly+11, "start", small, "", fit(loText, 120, small))
		x += textWidth(fit(loText, 120, small), small) + 6
	}
	for i := range 5 {
		ground, _ := shade(float64(i) / 4)
		s.rect(x, ly, x+20, ly+14, ground, grid, "")
		x += 20
	}
	if hiText != "" {
		s.text(x+6, ly+11, "start", small, "", fit(hiText, 120, small))
	}
	s.close()
}
