package pricing

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
	"github.com/shopspring/decimal"
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
		return partnerops.FormatDecimal(s.Value) + " off per unit"
	case EffectFixedPrice:
		return "fixed price " + partnerops.FormatDecimal(s.Value)
	case EffectTargetMargin:
		return "target partner margin " + s.Percent.String()
	case EffectMarkup:
		return "markup " + s.Percent.String()
	case EffectSurcharge:
		return "surcharge " + partnerops.FormatDecimal(s.Value) + " per unit"
	case EffectSchedule:
		d := fmt.Sprintf("volume tier %d", s.ScheduleTier+1)
		switch {
		case !s.Percent.IsZero():
			d += ": " + s.Percent.String() + " off"
		case s.Value.Sign() != 0:
			d += ": " + partnerops.FormatDecimal(s.Value)
		}
		return d
	}
	return string(s.Effect)
}

// fmtAmount renders d with at least places fraction digits, and more only
// when d needs them (working precision).
func fmtAmount(d decimal.Decimal, places int32) string {
	s := partnerops.FormatDecimal(d)
	if d.Exponent() >= -places {
		return d.StringFixed(places)
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		min := i + 1 + int(places)
		for len(s) > min && s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

func (r *Result) places() int32 {
	if r.engine == nil {
		return r.Currency.MinorUnits()
	}
	if b, ok := r.engine.books[r.Book]; ok {
		return b.places
	}
	return r.Currency.MinorUnits()
}

func (r *Result) groupLabel(id GroupID) string {
	if r.engine == nil {
		return ""
	}
	for _, g := range r.engine.groups {
		if g.id == id {
			return g.label
		}
	}
	return ""
}

// row is one rendered waterfall row.
type row struct{ label, rule, amount, price, note string }

func (r *Result) rows(l *LineResult) []row {
	pl := r.places()
	rows := []row{{label: "List price", price: fmtAmount(l.List.Amount(), pl)}}
	steps := l.Steps()
	for i, s := range steps {
		note := ""
		if s.Limit != LimitNone {
			note = fmt.Sprintf("limited by %s (requested %s)", strings.ReplaceAll(s.Limit.String(), "_", " "), fmtAmount(s.Requested, pl))
		}
		amt := fmtAmount(s.Amount.Neg(), pl)
		if s.Amount.Sign() < 0 {
			amt = "+" + amt
		}
		rows = append(rows, row{label: s.Describe(), rule: string(s.Rule), amount: amt, price: fmtAmount(s.Running, pl), note: note})
		lastOfGroup := i == len(steps)-1 || steps[i+1].Group != s.Group
		if lbl := r.groupLabel(s.Group); lastOfGroup && lbl != "" {
			rows = append(rows, row{label: "= " + lbl, price: fmtAmount(s.Running, pl)})
		}
	}
	rows = append(rows, row{label: "Net unit price", price: fmtAmount(l.NetUnit.Amount(), pl)})
	return rows
}

func lineTitle(l *LineResult) string {
	t := fmt.Sprintf("Line %d: %s", l.Line+1, l.SKU)
	if l.Name != "" {
		t += " " + l.Name
	}
	t += " × " + l.Quantity.String()
	if l.Unit != "" {
		t += " " + l.Unit
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
// the quote totals.
func (r *Result) Text() string {
	var b strings.Builder
	pl := r.places()
	b.WriteString(r.header())
	b.WriteString("\n")
	for i := range r.Lines {
		l := &r.Lines[i]
		b.WriteString("\n")
		b.WriteString(lineTitle(l))
		b.WriteString("\n")
		mark := b.Len()
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  Step\tRule\tAmount\tUnit price\t\n")
		for _, rw := range r.rows(l) {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", rw.label, rw.rule, rw.amount, rw.price, rw.note)
		}
		_ = tw.Flush()
		trimLines(&b, mark)
		fmt.Fprintf(&b, "  Extended: list %s, net %s, discount %s (%s), approval: %s\n",
			fmtAmount(l.ListExtended.Amount(), pl), fmtAmount(l.NetExtended.Amount(), pl),
			fmtAmount(l.Discount.Amount(), pl), fmtPct(l.EffectiveDiscount), approvalText(l.Approval))
		if skipped := l.Skipped(); len(skipped) > 0 {
			b.WriteString("  Skipped:\n")
			for _, s := range skipped {
				fmt.Fprintf(&b, "    %s: %s\n", s.Rule, s.String())
			}
		}
	}
	fmt.Fprintf(&b, "\nTotal: list %s, net %s, discount %s (%s), approval: %s\n",
		r.ListTotal.StringFixed(), r.NetTotal.StringFixed(), r.DiscountTotal.StringFixed(),
		fmtPct(r.EffectiveDiscount), approvalText(r.Approval))
	return b.String()
}

func mdEscape(s string) string { return textfmt.Cell(s) }

// Markdown renders the result like [Result.Text], with a Markdown table
// per line and bullet lists for skipped rules and totals.
func (r *Result) Markdown() string {
	var b strings.Builder
	pl := r.places()
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
		if skipped := l.Skipped(); len(skipped) > 0 {
			b.WriteString("\nSkipped:\n")
			for _, s := range skipped {
				fmt.Fprintf(&b, "- `%s`: %s\n", mdEscape(string(s.Rule)), mdEscape(s.String()))
			}
		}
	}
	fmt.Fprintf(&b, "\n**Total**: list %s, net **%s**, discount %s (%s); approval: **%s**.\n",
		r.ListTotal.StringFixed(), r.NetTotal.StringFixed(), r.DiscountTotal.StringFixed(),
		fmtPct(r.EffectiveDiscount), approvalText(r.Approval))
	return b.String()
}

// fmtPct renders p with two to four decimals: "27.75%", "33.4821%".
func fmtPct(p partnerops.Percent) string { return fmtAmount(p.Decimal(), 2) + "%" }

// trimLines removes trailing spaces from the lines written to b after
// byte offset mark (tabwriter pads the last column).
func trimLines(b *strings.Builder, mark int) {
	s := b.String()
	lines := strings.Split(s[mark:], "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	b.Reset()
	b.WriteString(s[:mark])
	b.WriteString(strings.Join(lines, "\n"))
}
