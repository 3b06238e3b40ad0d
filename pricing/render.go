package pricing

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// Describe renders the step's effect in words: "15% off list",
// "fixed price 80.00", "slab schedule, tier 2".
func (s Step) Describe() string {
	switch s.Effect {
	case EffectPercentOffList:
		return s.Percent.String() + " off list"
	case EffectPercentOffRunning:
		return s.Percent.String() + " off running price"
	case EffectAmountOff:
		return s.Value.String() + " off per unit"
	case EffectFixedPrice:
		return "fixed price " + s.Value.String()
	case EffectTargetMargin:
		return "target partner margin " + s.Percent.String()
	case EffectMarkup:
		return "markup " + s.Percent.String()
	case EffectSurcharge:
		return "surcharge " + s.Value.String() + " per unit"
	case EffectQuoteDiscount:
		if !s.Value.IsZero() {
			return "quote discount " + s.Value.String() + ", share"
		}
		return "quote discount " + s.Percent.String()
	case EffectManualPrice:
		return "manual price " + s.Value.String()
	case EffectManualDiscount:
		return "manual discount " + s.Percent.String()
	case EffectFormula:
		return "price formula"
	case EffectFreeGoods:
		if !s.Value.IsZero() {
			return "free goods at " + s.Value.String()
		}
		return "free goods"
	case EffectSchedule:
		if len(s.Slices) > 0 {
			parts := make([]string, len(s.Slices))
			for i, sl := range s.Slices {
				parts[i] = fmt.Sprintf("%s at tier %d", sl.Quantity, sl.Tier+1)
			}
			d := "volume slab: " + strings.Join(parts, ", ")
			switch {
			case !s.Percent.IsZero():
				d += ": up to " + s.Percent.String() + " off"
			case s.ValueOff:
				d += ": up to " + s.Value.String() + " off"
			case !s.Value.IsZero():
				d += ": down to " + s.Value.String()
			}
			return d
		}
		d := fmt.Sprintf("volume tier %d", s.ScheduleTier+1)
		switch {
		case !s.Percent.IsZero():
			d += ": " + s.Percent.String() + " off"
		case s.ValueOff:
			d += ": " + s.Value.String() + " off"
		case !s.Value.IsZero():
			d += ": " + s.Value.String()
		}
		if !s.Measured.IsZero() {
			d += " (by " + s.Measured.String() + ")"
		}
		return d
	}
	return string(s.Effect)
}

// fmtAmount renders d with at least places digits after the decimal
// point, and more only when d needs them (working precision): 12 at 2
// places is "12.00", 12.345600 is "12.3456".
func fmtAmount(d partnerops.Decimal, places int32) string {
	s := d.String()
	dot := strings.IndexByte(s, '.')
	if dot >= 0 {
		// Drop trailing zeros beyond places.
		keep := dot + 1 + int(max(places, 0))
		for len(s) > keep && s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		s = strings.TrimSuffix(s, ".")
		dot = strings.IndexByte(s, '.')
	}
	if places <= 0 {
		return s
	}
	have := 0
	if dot < 0 {
		s += "."
	} else {
		have = len(s) - dot - 1
	}
	if pad := int(places) - have; pad > 0 {
		s += strings.Repeat("0", pad)
	}
	return s
}

// row is one rendered waterfall row.
type row struct{ label, rule, amount, price, note string }

func (r *Result) rows(l *LineResult) []row {
	pl := r.Places
	rows := []row{{label: "List price", price: fmtAmount(l.List.Amount(), pl)}}
	steps := l.Steps()
	for i, s := range steps {
		note := ""
		if s.Limit != LimitNone {
			note = fmt.Sprintf("limited by %s (requested %s)", strings.ReplaceAll(s.Limit.String(), "_", " "), fmtAmount(s.Requested, pl))
		}
		amt := fmtAmount(s.Amount.Neg(), pl)
		if s.Amount.IsNegative() {
			amt = "+" + amt
		}
		rule := string(s.Rule)
		if s.Effect == EffectManualPrice || s.Effect == EffectManualDiscount {
			rule = "(manual)"
		}
		rows = append(rows, row{label: s.Describe(), rule: rule, amount: amt, price: fmtAmount(s.Running, pl), note: note})
		lastOfGroup := i == len(steps)-1 || steps[i+1].Group != s.Group
		if lastOfGroup && s.GroupLabel != "" {
			rows = append(rows, row{label: "= " + s.GroupLabel, price: fmtAmount(s.Running, pl)})
		}
	}
	rows = append(rows, row{label: "Net unit price", price: fmtAmount(l.NetUnit.Amount(), pl)})
	return rows
}

func lineTitle(l *LineResult) string {
	t := fmt.Sprintf("Line %d: %s", l.Line, l.SKU)
	if l.ID != "" {
		t = fmt.Sprintf("Line %d (%s): %s", l.Line, l.ID, l.SKU)
	}
	if l.Name != "" {
		t += " " + l.Name
	}
	t += " × " + l.Quantity.String()
	if l.Unit != "" {
		t += " " + l.Unit
	}
	if l.StockUnit != "" {
		t += " (" + l.Quantity.Mul(l.UnitFactor).String() + " " + l.StockUnit + ")"
	}
	if l.FreeOf > 0 {
		t += fmt.Sprintf(" · free with line %d (rule %s)", l.FreeOf, l.FreeRule)
	}
	return t
}

func approvalText(a ApprovalLevel) string {
	if a == "" {
		return "none"
	}
	return string(a)
}

func (r *Result) header() string {
	h := "Quote"
	if r.QuoteID != "" {
		h += " " + r.QuoteID
	}
	return fmt.Sprintf("%s · book %s (%s) · priced at %s", h, r.Book, r.Currency, r.At.Format("2006-01-02"))
}

// Text renders the whole result as plain-text tables: per line the
// waterfall (list, each step with its rule, amount and running unit
// price, group subtotals, net), the extended amounts, the effective
// discount and approval, and the skipped rules with their reasons; then
// the quote totals. Lines are numbered from 1. Its cost is linear in the
// size of the result.
func (r *Result) Text() string {
	var b, table strings.Builder
	pl := r.Places
	b.WriteString(r.header())
	b.WriteString("\n")
	for i := range r.Lines {
		l := &r.Lines[i]
		b.WriteString("\n")
		b.WriteString(lineTitle(l))
		b.WriteString("\n")
		// Each line's table is aligned on its own, in its own buffer.
		table.Reset()
		tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  Step\tRule\tAmount\tUnit price\t\n")
		for _, rw := range r.rows(l) {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", rw.label, rw.rule, rw.amount, rw.price, rw.note)
		}
		_ = tw.Flush()
		writeTrimmed(&b, table.String())
		fmt.Fprintf(&b, "  Extended: list %s, net %s, discount %s (%s), approval: %s\n",
			fmtAmount(l.ListExtended.Amount(), pl), fmtAmount(l.NetExtended.Amount(), pl),
			fmtAmount(l.Discount.Amount(), pl), fmtPct(l.EffectiveDiscount), approvalText(l.Approval))
		if x := lineExtras(l, pl); x != "" {
			fmt.Fprintf(&b, "  %s\n", x)
		}
		if skipped := l.Skipped(); len(skipped) > 0 {
			b.WriteString("  Skipped:\n")
			for _, s := range skipped {
				fmt.Fprintf(&b, "    %s: %s\n", s.Rule, s.String())
			}
		}
	}
	if len(r.Adjustments) > 0 {
		b.WriteString("\nQuote rules:\n")
		for _, a := range r.Adjustments {
			fmt.Fprintf(&b, "  %s\n", r.adjustmentText(a))
		}
	}
	fmt.Fprintf(&b, "\nTotal: %s\n", r.totalsText(false))
	if x := r.totalExtras(); x != "" {
		fmt.Fprintf(&b, "%s\n", x)
	}
	return b.String()
}

// lineExtras renders a line's fee share and tax, or "".
func lineExtras(l *LineResult, pl int32) string {
	var parts []string
	if f, ok := l.Fee(); ok {
		parts = append(parts, "fee "+fmtAmount(f.Amount(), pl))
	}
	if t, ok := l.Tax(); ok {
		parts = append(parts, "net of tax "+fmtAmount(t.NetOfTax.Amount(), pl)+", tax "+fmtAmount(t.Tax.Amount(), pl)+
			", gross "+fmtAmount(t.Gross.Amount(), pl))
	}
	return strings.Join(parts, "; ")
}

// adjustmentText renders an applied quote rule: "deal-size: discount 5%
// of 12000.00 = 600.00, applied 600.00".
func (r *Result) adjustmentText(a Adjustment) string {
	pl := r.Places
	what := fmtAmount(a.Amount.Amount(), pl)
	if !a.Percent.IsZero() {
		what = fmtPct(a.Percent) + " of " + fmtAmount(a.Base.Amount(), pl) + " = " + what
	}
	return fmt.Sprintf("%s: %s %s, applied %s", a.Rule, a.Kind, what, fmtAmount(a.Applied.Amount(), pl))
}

// totalExtras renders the fee total, proceeds and tax totals, or "".
func (r *Result) totalExtras() string {
	pl := r.Places
	c := " " + string(r.Currency)
	var parts []string
	if r.FeeTotal != nil && r.Proceeds != nil {
		parts = append(parts, "Fees: "+fmtAmount(r.FeeTotal.Amount(), pl)+c+", proceeds "+fmtAmount(r.Proceeds.Amount(), pl)+c)
	}
	if r.TaxTotal != nil && r.NetOfTaxTotal != nil && r.GrossTotal != nil {
		parts = append(parts, "Tax: net of tax "+fmtAmount(r.NetOfTaxTotal.Amount(), pl)+c+", tax "+fmtAmount(r.TaxTotal.Amount(), pl)+c+
			", gross "+fmtAmount(r.GrossTotal.Amount(), pl)+c)
	}
	return strings.Join(parts, "\n")
}

// totalsText renders the quote totals at the book's places.
func (r *Result) totalsText(md bool) string {
	pl := r.Places
	c := " " + string(r.Currency)
	net := fmtAmount(r.NetTotal.Amount(), pl) + c
	approval := approvalText(r.Approval)
	sep := ", approval: "
	if md {
		net, approval, sep = "**"+net+"**", "**"+approval+"**", "; approval: "
	}
	return fmt.Sprintf("list %s, net %s, discount %s (%s)%s%s", fmtAmount(r.ListTotal.Amount(), pl)+c, net,
		fmtAmount(r.DiscountTotal.Amount(), pl)+c, fmtPct(r.EffectiveDiscount), sep, approval)
}

func mdEscape(s string) string { return textfmt.Cell(s) }

// Markdown renders the result like [Result.Text], with a Markdown table
// per line and bullet lists for skipped rules and totals. Its cost is
// linear in the size of the result.
func (r *Result) Markdown() string {
	var b strings.Builder
	pl := r.Places
	fmt.Fprintf(&b, "## %s\n", mdEscape(r.header()))
	for i := range r.Lines {
		l := &r.Lines[i]
		fmt.Fprintf(&b, "\n### %s\n\n", mdEscape(lineTitle(l)))
		b.WriteString("| Step | Rule | Amount | Unit price | Note |\n|---|---|--:|--:|---|\n")
		for _, rw := range r.rows(l) {
			label := mdEscape(rw.label)
			if strings.HasPrefix(rw.label, "=") || rw.label == "Net unit price" || rw.label == "List price" {
				label = "**" + mdEscape(strings.TrimPrefix(rw.label, "= ")) + "**"
			}
			rule := mdEscape(rw.rule)
			if rule != "" {
				rule = "`" + rule + "`"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", label, rule, rw.amount, rw.price, mdEscape(rw.note))
		}
		fmt.Fprintf(&b, "\nExtended: list %s, net **%s**, discount %s (%s); approval: **%s**.\n",
			fmtAmount(l.ListExtended.Amount(), pl), fmtAmount(l.NetExtended.Amount(), pl),
			fmtAmount(l.Discount.Amount(), pl), fmtPct(l.EffectiveDiscount), approvalText(l.Approval))
		if x := lineExtras(l, pl); x != "" {
			fmt.Fprintf(&b, "\n%s.\n", mdEscape(x))
		}
		if skipped := l.Skipped(); len(skipped) > 0 {
			b.WriteString("\nSkipped:\n")
			for _, s := range skipped {
				fmt.Fprintf(&b, "- `%s`: %s\n", mdEscape(string(s.Rule)), mdEscape(s.String()))
			}
		}
	}
	if len(r.Adjustments) > 0 {
		b.WriteString("\nQuote rules:\n")
		for _, a := range r.Adjustments {
			fmt.Fprintf(&b, "- %s\n", mdEscape(r.adjustmentText(a)))
		}
	}
	fmt.Fprintf(&b, "\n**Total**: %s.\n", r.totalsText(true))
	if x := r.totalExtras(); x != "" {
		for _, para := range strings.Split(x, "\n") {
			fmt.Fprintf(&b, "\n%s\n", mdEscape(para))
		}
	}
	return b.String()
}

// fmtPct renders p with two to four decimals: "27.75%", "33.4821%".
func fmtPct(p partnerops.Percent) string { return fmtAmount(p.Decimal(), 2) + "%" }

// writeTrimmed writes s to b with trailing spaces removed from each line
// (tabwriter pads the last column).
func writeTrimmed(b *strings.Builder, s string) {
	for len(s) > 0 {
		line, rest, found := strings.Cut(s, "\n")
		b.WriteString(strings.TrimRight(line, " "))
		if found {
			b.WriteByte('\n')
		}
		s = rest
	}
}
