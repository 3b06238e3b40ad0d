package renewal

import (
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// amt renders an amount with at least its currency's minor units.
func amt(m partnerops.Money) string {
	d := m.Amount()
	places := m.Currency().MinorUnits()
	if m.Currency() == "" {
		places = 2
	}
	if d.Scale() <= places {
		return d.Round(places, partnerops.RoundHalfUp).String()
	}
	return d.String()
}

func date(p partnerops.Period) string { return p.String() }

// trimLines drops the spaces tabwriter leaves at the end of lines.
func trimLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		b.WriteString(strings.TrimRight(line, " \n"))
		b.WriteString("\n")
	}
	return b.String()
}

// steps lists the quote's explanation as (label, amount, note) rows.
func (q Quote) steps() [][3]string {
	rows := [][3]string{{"prior net", amt(q.PriorNet), ""}}
	if !q.PriorList.IsZero() {
		rows = append(rows, [3]string{"prior list", amt(q.PriorList), "prior discount " + q.PriorDiscount.String()})
	}
	if !q.CurrentList.IsZero() {
		rows = append(rows, [3]string{"current list", amt(q.CurrentList), ""})
	}
	if q.Rule == RuleIndex {
		note := "index " + q.Index.String()
		for _, b := range q.Bounds {
			if b == BoundIndexFloor || b == BoundIndexCap {
				note += ", clamped to the " + strings.TrimPrefix(string(b), "index_")
			}
		}
		rows = append(rows, [3]string{"uplift " + q.Uplift.String(), amt(q.Uplifted), note})
	} else if !q.Uplifted.IsZero() || q.Rule == RuleUplift || q.Rule == RuleLesserOf {
		rows = append(rows, [3]string{"uplift " + q.Uplift.String(), amt(q.Uplifted), ""})
	}
	for _, b := range q.Bounds {
		switch b {
		case BoundList:
			rows = append(rows, [3]string{"current list is lower", amt(q.CurrentList), ""})
		case BoundErosion:
			rows = append(rows, [3]string{"max discount erosion floor", amt(q.ErosionFloor), "raises the price"})
		}
	}
	rows = append(rows, [3]string{"renewal price", amt(q.Price), "change " + q.Change.String()})
	return rows
}

// Text renders the quote as aligned plain text.
func (q Quote) Text() string {
	var b strings.Builder
	b.WriteString("renewal under " + string(q.Policy) + " (" + string(q.Rule) + "), " + string(q.PriorNet.Currency()) + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range q.steps() {
		tw.Write([]byte("  " + r[0] + "\t" + r[1] + "\t  " + r[2] + "\n"))
	}
	tw.Flush()
	return trimLines(b.String())
}

// Markdown renders the quote as a Markdown table.
func (q Quote) Markdown() string {
	var b strings.Builder
	b.WriteString("**renewal under " + textfmt.Cell(string(q.Policy)) + "** (" + string(q.Rule) + ")\n\n")
	textfmt.Header(&b, "Step", "Amount", "Note")
	for _, r := range q.steps() {
		textfmt.Row(&b, r[0], r[1], r[2])
	}
	return b.String()
}

// Text renders the co-termed charges, one line per contract year.
func (c CoTermed) Text() string {
	var b strings.Builder
	b.WriteString("co-termed charges (" + string(c.DayCount) + ")\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, ch := range c.Charges {
		tw.Write([]byte("  " + date(ch.Period) + "\t" + strconv.FormatInt(ch.Days, 10) + "/" + strconv.FormatInt(ch.FullDays, 10) + " days\t" + amt(ch.Amount) + "\t\n"))
	}
	tw.Write([]byte("  total\t\t" + amt(c.Total) + "\t\n"))
	tw.Flush()
	return trimLines(b.String())
}

// Markdown renders the co-termed charges as a Markdown table.
func (c CoTermed) Markdown() string {
	var b strings.Builder
	textfmt.Header(&b, "Period", "Days", "Amount")
	for _, ch := range c.Charges {
		textfmt.Row(&b, date(ch.Period), strconv.FormatInt(ch.Days, 10)+"/"+strconv.FormatInt(ch.FullDays, 10), amt(ch.Amount))
	}
	textfmt.Row(&b, "total", "", amt(c.Total))
	return b.String()
}

// Text renders the schedule: segments with their amounts, then charges.
func (s Schedule) Text() string {
	var b strings.Builder
	b.WriteString("ramp " + s.Ramp + " " + date(s.Term) + ", TCV " + amt(s.TCV) + " " + string(s.Currency) + ", billed by " + string(s.Billing) + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	tw.Write([]byte("  segment\tperiod\tquantity\tamount\tACV\tunit\tannual unit\t\n"))
	for _, sg := range s.Segments {
		tw.Write([]byte("  " + sg.ID + "\t" + date(sg.Period) + "\t" + sg.Quantity.String() + "\t" + amt(sg.Amount) + "\t" + amt(sg.ACV) + "\t" + amt(sg.ImpliedUnitPrice) + "\t" + amt(sg.ImpliedAnnualUnitPrice) + "\t\n"))
	}
	tw.Flush()
	b.WriteString("  charges:\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, ch := range s.Charges {
		tw.Write([]byte("    " + ch.Period.Start.Format("2006-01-02") + "\t" + amt(ch.Amount) + "\t  segment " + ch.Segment + "\n"))
	}
	tw.Flush()
	return trimLines(b.String())
}

// Markdown renders the schedule's segments and charges as Markdown
// tables.
func (s Schedule) Markdown() string {
	var b strings.Builder
	b.WriteString("**ramp " + textfmt.Cell(s.Ramp) + "** " + date(s.Term) + ", TCV " + amt(s.TCV) + " " + string(s.Currency) + "\n\n")
	textfmt.Header(&b, "Segment", "Period", "Quantity", "Amount", "ACV", "Unit price", "Annual unit price")
	for _, sg := range s.Segments {
		textfmt.Row(&b, sg.ID, date(sg.Period), sg.Quantity.String(), amt(sg.Amount), amt(sg.ACV), amt(sg.ImpliedUnitPrice), amt(sg.ImpliedAnnualUnitPrice))
	}
	b.WriteString("\n")
	textfmt.Header(&b, "Due", "Amount", "Segment")
	for _, ch := range s.Charges {
		textfmt.Row(&b, ch.Period.Start.Format("2006-01-02"), amt(ch.Amount), ch.Segment)
	}
	return b.String()
}
