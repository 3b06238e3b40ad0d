package payout

import (
	"strconv"
	"strings"
	"time"

	"github.com/partnerops/partnerops"

	"github.com/partnerops/partnerops/internal/textfmt"
)

// Explain says in words why the line pays what it pays (without the
// amount): "credited 12000.00 (cumulative 52000.00): tier 2 "accelerator"
// at 8%; cut 150.00 by the period cap".
func (l Line) Explain() string {
	var b strings.Builder
	switch l.Kind {
	case LineTransaction:
		l.explainTransaction(&b)
	case LineFastStart:
		b.WriteString("fast-start bonus on the first deal")
	case LineRetention:
		b.WriteString("retention ")
		writePct(&b, l.Attainment)
		if l.Tier > 0 {
			b.WriteString(": ")
			writeTier(&b, l.Tier, l.TierID)
			if !l.Rate.IsZero() {
				b.WriteString(" at ")
				writePct(&b, l.Rate)
			}
		} else if l.Amount.IsZero() {
			b.WriteString(": below the first band, nothing earned")
		}
	case LineTrueUp:
		b.WriteString("true-up for ")
		b.WriteString(l.Period)
		b.WriteString(": earnings the gate withheld, paid now it is open")
	case LineClawback:
		b.WriteString("clawback of ")
		b.WriteString(string(l.Transaction))
		b.WriteString(" (")
		b.WriteString(string(l.Cause))
		b.WriteString(")")
		if l.Limit == LimitClawbackWindow {
			b.WriteString(" after the clawback window: nothing reversed")
		} else {
			b.WriteString(": ")
			writePct(&b, l.Portion)
			b.WriteString(" of ")
			b.WriteString(num(l.Original.Amount()))
			b.WriteString(" paid in ")
			b.WriteString(l.Period)
		}
		return b.String()
	case LinePlanCap:
		b.WriteString("plan cap: ")
		b.WriteString(num(l.Cut.Amount()))
		b.WriteString(" above the cap not paid")
		return b.String()
	case LineFloor:
		return "floor: topped up to the guaranteed minimum"
	case LineDrawAdvance:
		return "recoverable draw: advance on future earnings"
	case LineDrawRecovery:
		return "recovery of earlier draw advances"
	default:
		b.WriteString(string(l.Kind))
	}
	if !l.Share.IsZero() {
		b.WriteString("; share ")
		writePct(&b, l.Share)
	}
	switch l.Limit {
	case LimitTransaction:
		b.WriteString("; cut ")
		b.WriteString(num(l.Cut.Amount()))
		b.WriteString(" by the transaction cap")
	case LimitPeriod:
		b.WriteString("; cut ")
		b.WriteString(num(l.Cut.Amount()))
		b.WriteString(" by the period cap")
	case LimitGate:
		b.WriteString("; ")
		b.WriteString(num(l.Cut.Amount()))
		b.WriteString(" withheld: the gate is closed")
	}
	return b.String()
}

func (l Line) explainTransaction(b *strings.Builder) {
	b.WriteString(string(l.Transaction))
	if !l.Credited.IsZero() || !l.Cumulative.IsZero() {
		b.WriteString(" credited ")
		b.WriteString(num(l.Credited))
		if !l.Cumulative.IsZero() {
			b.WriteString(" (cumulative ")
			b.WriteString(num(l.Cumulative))
			b.WriteString(")")
		}
	}
	switch {
	case l.Stage != "":
		b.WriteString(": ramp stage ")
		b.WriteString(l.Stage)
		b.WriteString(", bonus ")
		writePct(b, l.Rate)
	case !l.Attainment.IsZero():
		b.WriteString(": attainment ")
		writePct(b, l.Attainment)
		b.WriteString(" on the earnings table")
	case l.Tier > 0:
		b.WriteString(": ")
		writeTier(b, l.Tier, l.TierID)
		switch {
		case !l.PerUnit.IsZero():
			b.WriteString(" at ")
			writeDec(b, l.PerUnit)
			b.WriteString(" per unit")
		case !l.Rate.IsZero():
			b.WriteString(" at ")
			writePct(b, l.Rate)
		}
		if l.Gated {
			b.WriteString(" (gated tier: the nearest lower tier's rate while the gate is closed)")
		}
	case l.Credited.IsZero() && l.Cumulative.IsZero():
		b.WriteString(": bonus per qualifying transaction")
	default:
		b.WriteString(": below the first tier")
	}
}

// num renders a decimal that JSON may omit when zero: zero is "0"
// whatever its scale, so a statement renders the same after a round trip.
func num(d partnerops.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	return decString(d)
}

func writeTier(b *strings.Builder, n int, id string) {
	b.WriteString("tier ")
	b.WriteString(strconv.Itoa(n))
	if id != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(id))
	}
}

// Text renders the statement as plain text: a header, each component
// with its lines (date, explanation, amount), the subtotal, the
// adjustments and the total. Its cost is linear in the number of lines.
func (s *Statement) Text() string {
	var b strings.Builder
	b.Grow(256 + 96*s.lineCount())
	b.WriteString("Statement ")
	b.WriteString(string(s.Plan))
	b.WriteString(" for ")
	b.WriteString(string(s.Payee))
	b.WriteString(", ")
	b.WriteString(s.Label)
	b.WriteString(" (")
	b.WriteString(s.Period.String())
	b.WriteString("), ")
	b.WriteString(string(s.Currency))
	b.WriteString("\n")
	if !s.Target.IsZero() {
		b.WriteString("Target incentive: ")
		writeDec(&b, s.Target.Amount())
		b.WriteString("\n")
	}
	for i := range s.Components {
		c := &s.Components[i]
		b.WriteString("\n")
		b.WriteString(c.heading())
		b.WriteString("\n")
		if g := c.Gate; g != nil {
			b.WriteString("  ")
			b.WriteString(g.describe())
			b.WriteString("\n")
		}
		for j := range c.Lines {
			l := &c.Lines[j]
			b.WriteString("  ")
			b.WriteString(dateOf(l.Date))
			b.WriteString("  ")
			b.WriteString(padRight(l.Explain(), 72))
			b.WriteString(" ")
			b.WriteString(padLeft(l.Amount.Amount().String(), 14))
			b.WriteString("\n")
		}
		b.WriteString("  earned ")
		writeDec(&b, c.Earned.Amount())
		b.WriteString("\n")
	}
	b.WriteString("\nSubtotal: ")
	writeDec(&b, s.Subtotal.Amount())
	b.WriteString("\n")
	for i := range s.Adjustments {
		l := &s.Adjustments[i]
		b.WriteString("  ")
		b.WriteString(padRight(l.Explain(), 84))
		b.WriteString(" ")
		b.WriteString(padLeft(l.Amount.Amount().String(), 14))
		b.WriteString("\n")
	}
	b.WriteString("Total: ")
	writeDec(&b, s.Total.Amount())
	b.WriteString(" ")
	b.WriteString(string(s.Currency))
	b.WriteString("\n")
	if !s.DrawBalance.IsZero() {
		b.WriteString("Draw balance outstanding: ")
		writeDec(&b, s.DrawBalance.Amount())
		b.WriteString("\n")
	}
	for _, k := range s.Skipped {
		writeSkip(&b, "Skipped ", string(k.Transaction), k)
	}
	return b.String()
}

// writeSkip writes "<lead>T-7 (2026-01-05): why\n".
func writeSkip(b *strings.Builder, lead, id string, k Skip) {
	b.WriteString(lead)
	b.WriteString(id)
	b.WriteString(" (")
	b.WriteString(dateOf(k.Date))
	b.WriteString("): ")
	b.WriteString(k.Reason.describe())
	b.WriteString("\n")
}

// Markdown renders the statement as a Markdown section: a table of lines
// per component and a summary table. Its cost is linear in the number of
// lines.
func (s *Statement) Markdown() string {
	var b strings.Builder
	b.Grow(256 + 128*s.lineCount())
	b.WriteString("### Statement ")
	b.WriteString(textfmt.Cell(string(s.Plan)))
	b.WriteString(" for ")
	b.WriteString(textfmt.Cell(string(s.Payee)))
	b.WriteString(", ")
	b.WriteString(s.Label)
	b.WriteString("\n\nPeriod ")
	b.WriteString(s.Period.String())
	b.WriteString(", amounts in ")
	b.WriteString(string(s.Currency))
	b.WriteString(".")
	if !s.Target.IsZero() {
		b.WriteString(" Target incentive ")
		writeDec(&b, s.Target.Amount())
		b.WriteString(".")
	}
	b.WriteString("\n")
	for i := range s.Components {
		c := &s.Components[i]
		b.WriteString("\n#### ")
		b.WriteString(textfmt.Cell(c.heading()))
		b.WriteString("\n\n")
		if g := c.Gate; g != nil {
			b.WriteString(g.describe())
			b.WriteString("\n\n")
		}
		textfmt.Header(&b, "Date", "Line", "Amount")
		for j := range c.Lines {
			l := &c.Lines[j]
			textfmt.Row(&b, dateOf(l.Date), l.Explain(), l.Amount.Amount().String())
		}
		textfmt.Row(&b, "", "**earned**", "**"+c.Earned.Amount().String()+"**")
	}
	b.WriteString("\n")
	textfmt.Header(&b, "Summary", "Amount")
	textfmt.Row(&b, "Subtotal", s.Subtotal.Amount().String())
	for i := range s.Adjustments {
		textfmt.Row(&b, s.Adjustments[i].Explain(), s.Adjustments[i].Amount.Amount().String())
	}
	textfmt.Row(&b, "**Total**", "**"+s.Total.Amount().String()+"**")
	if !s.DrawBalance.IsZero() {
		textfmt.Row(&b, "Draw balance outstanding", s.DrawBalance.Amount().String())
	}
	if len(s.Skipped) > 0 {
		b.WriteString("\nSkipped transactions:\n\n")
		for _, k := range s.Skipped {
			writeSkip(&b, "- ", textfmt.Cell(string(k.Transaction)), k)
		}
	}
	return b.String()
}

func (s *Statement) lineCount() int {
	n := len(s.Adjustments) + len(s.Skipped)
	for i := range s.Components {
		n += len(s.Components[i].Lines) + 2
	}
	return n
}

func (c *ComponentResult) heading() string {
	var b strings.Builder
	b.WriteString("Component ")
	b.WriteString(string(c.ID))
	if c.Name != "" {
		b.WriteString(" \"")
		b.WriteString(c.Name)
		b.WriteString("\"")
	}
	b.WriteString(" (")
	b.WriteString(string(c.Kind))
	if c.Measure != "" {
		b.WriteString(" on ")
		b.WriteString(string(c.Measure))
	}
	if c.Evaluation != "" {
		b.WriteString(", ")
		b.WriteString(strings.ReplaceAll(string(c.Evaluation), "_", " "))
	}
	b.WriteString(")")
	if c.Kind == KindBonus {
		return b.String()
	}
	b.WriteString(": credited ")
	writeDec(&b, c.Credited)
	if !c.Quota.IsZero() {
		b.WriteString(" of quota ")
		writeDec(&b, c.Quota)
		b.WriteString(" (")
		writePct(&b, c.Attainment)
		b.WriteString(")")
	}
	if c.Tier > 0 {
		b.WriteString(", ")
		writeTier(&b, c.Tier, c.TierID)
	}
	if !c.EffectiveRate.IsZero() {
		b.WriteString(", effective rate ")
		writePct(&b, c.EffectiveRate)
	}
	return b.String()
}

func (g *GateResult) describe() string {
	state := "closed"
	if g.Open {
		state = "open"
	}
	return "Gate " + g.Label + ": " + g.Measure.String() + " of " + g.Quota.String() + " = " + g.Attainment.String() +
		" (needs " + g.AtLeast.String() + "): " + state
}

func (r SkipReason) describe() string {
	switch r {
	case SkipNotCredited:
		return "split, and the payee is not among its credits"
	case SkipNoComponent:
		return "no component counts it"
	}
	return string(r)
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return "          "
	}
	return t.Format(time.DateOnly)
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}

func padLeft(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat(" ", n-len(s)) + s
}
