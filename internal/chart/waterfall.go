package chart

// StepKind says how a [Waterfall] step is drawn. A value other than the
// constants below draws as StepTotal.
type StepKind uint8

// The step kinds. The zero value is StepChange.
const (
	// StepChange is a change of the running level: a bar from the level
	// before to the level after, falling when the value is negative
	// (a discount) and rising when it is positive (a surcharge).
	StepChange StepKind = iota
	// StepTotal is a level drawn from zero (the list price, the net
	// price); the running level continues from its value.
	StepTotal
	// StepSubtotal is a level drawn from zero in a lighter fill (the
	// price after a group of rules); the running level continues from it.
	StepSubtotal
)

// Step is one row of a [Waterfall].
type Step struct {
	Label string   // the rule, group or level name, printed at the left
	Kind  StepKind // how the step is drawn
	// Value is the signed change for StepChange and the level for
	// StepTotal and StepSubtotal.
	Value Num
	// Note, when set, marks the step as cut by a limit (a cap or a
	// floor): the bar is cross-hatched and the note printed after the
	// value ("capped by the group cap").
	Note string
}

// Waterfall is a price waterfall drawn as horizontal bars, one row per
// step from top to bottom: totals and subtotals grow from zero, changes
// hang from the running level, and dashed connectors join the levels.
// The running level is tracked in float64 for geometry only; totals and
// subtotals reset it to their given value, so the picture follows the
// caller's exact numbers.
type Waterfall struct {
	Title string // visible title and accessible name
	Desc  string // accessible description (a sentence with the result)
	Steps []Step
}

func (Waterfall) block() {}

const rowH = 24.0

func (c Waterfall) render(s *svg) {
	s.w = width
	if len(c.Steps) == 0 {
		s.noData(c.Title, c.Desc, "Waterfall chart")
		return
	}
	// One pass for the levels, the legend and the column widths.
	before := make([]float64, len(c.Steps))
	after := make([]float64, len(c.Steps))
	labels := make([]string, len(c.Steps))
	values := make([]string, len(c.Steps))
	var d domain
	var has [5]bool // total, subtotal, fall, rise, limited
	level := 0.0
	for i, st := range c.Steps {
		v := st.Value.float()
		switch st.Kind {
		case StepChange:
			before[i], after[i] = level, clamp(level+v, -limit, limit)
			if v < 0 {
				has[2] = true
			} else {
				has[3] = true
			}
		case StepSubtotal:
			before[i], after[i] = 0, v
			has[1] = true
		default:
			before[i], after[i] = 0, v
			has[0] = true
		}
		level = after[i]
		d.add(before[i])
		d.add(after[i])
		labels[i] = st.Label
		values[i] = st.Value.text()
		has[4] = has[4] || st.Note != ""
	}
	var items []legendItem
	for k, it := range []legendItem{
		{label: "Total", paint: fillTotal},
		{label: "Subtotal", paint: fillSubtotal},
		{label: "Decrease", paint: fillFall},
		{label: "Increase", paint: fillRise},
		{label: "Cut by a cap or floor", paint: fillLimited},
	} {
		if has[k] {
			items = append(items, it)
		}
	}
	_, _, legendRows := legendLayout(items, s.w)
	top := titleH + float64(legendRows)*legendH + 6
	s.h = top + float64(len(c.Steps))*rowH + pad
	labW := max(widest(fontSize, maxLabel, labels...), 40)
	// The value column: the value, then the note in small type.
	valW := max(widest(fontSize, 150, values...), 40)
	if has[4] {
		notes := make([]string, 0, len(c.Steps))
		for _, st := range c.Steps {
			notes = append(notes, st.Note)
		}
		valW += min(widest(small, 250-valW, notes...)+6, 250-valW)
	}
	x0, x1 := pad+labW+10, s.w-pad-valW-10
	sc := newScale(d.lo, d.hi, x0, x1)

	s.open(c.Title, c.Desc, "Waterfall chart")
	s.legend(items, titleH)
	zero := sc.at(0)
	s.line(zero, top, zero, s.h-pad, grid, 1, "")
	for i, st := range c.Steps {
		y := top + float64(i)*rowH
		s.text(pad, y+16, "start", fontSize, "", fit(labels[i], labW, fontSize))
		f := fillTotal
		switch {
		case st.Kind == StepSubtotal:
			f = fillSubtotal
		case st.Kind == StepChange && after[i] < before[i]:
			f = fillFall
		case st.Kind == StepChange:
			f = fillRise
		}
		a, b := sc.at(before[i]), sc.at(after[i])
		if b-a < 1.5 && a-b < 1.5 { // a zero step still shows
			a, b = (a+b)/2-0.75, (a+b)/2+0.75
		}
		tip := st.Label + ": " + values[i]
		if st.Note != "" {
			tip += " (" + st.Note + ")"
		}
		s.rect(a, y+4, b, y+20, s.paint(f), "", tip)
		if st.Note != "" {
			s.rect(a, y+4, b, y+20, s.paint(fillLimited), ink, "")
		}
		v := fit(values[i], min(valW, 150), fontSize)
		s.text(x1+10, y+16, "start", fontSize, "", v)
		if st.Note != "" {
			nx := x1 + 10 + textWidth(v, fontSize) + 6
			s.textc(nx, y+15, "start", small, "", faint, fit(st.Note, x1+10+valW-nx, small))
		}
		if i+1 < len(c.Steps) {
			x := sc.at(after[i])
			s.line(x, y+20, x, y+rowH+4, faint, 1, "2 2")
		}
	}
	s.close()
}
