package profit

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

func neg(m partnerops.Money) string { return amt(m.Neg()) }

func (s Statement) rows() [][3]string {
	return [][3]string{
		{"list", amt(s.List), ""},
		{"discount", neg(s.Discount), ""},
		{"customer net", amt(s.CustomerNet), ""},
		{"partner margins", neg(s.PartnerMargins), ""},
		{"partner fees", neg(s.PartnerFees), "partners " + s.PartnerShare.String() + " of customer net"},
		{"vendor net revenue", amt(s.VendorNetRevenue), ""},
		{"cost of goods", neg(s.COGS), ""},
		{"gross profit", amt(s.GrossProfit), "margin " + s.GrossMargin.String() + ", markup " + s.Markup.String()},
		{"incentives", neg(s.Incentives), ""},
		{"cost to serve", neg(s.CostToServe), ""},
		{"contribution", amt(s.Contribution), "contribution margin " + s.ContributionMargin.String()},
	}
}

// Text renders the P&L as aligned plain text.
func (s Statement) Text() string {
	var b strings.Builder
	b.WriteString("P&L")
	if s.Deal != "" {
		b.WriteString(" of deal " + s.Deal)
	}
	b.WriteString(", " + string(s.Currency) + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range s.rows() {
		tw.Write([]byte("  " + r[0] + "\t" + r[1] + "\t  " + r[2] + "\n"))
	}
	tw.Flush()
	return trimLines(b.String())
}

// Markdown renders the P&L as a Markdown table.
func (s Statement) Markdown() string {
	var b strings.Builder
	textfmt.Header(&b, "Line", "Amount", "Note")
	for _, r := range s.rows() {
		textfmt.Row(&b, r[0], r[1], r[2])
	}
	return b.String()
}

func (g Group) label() string {
	var parts []string
	if !g.Period.Start.IsZero() {
		parts = append(parts, g.Period.String())
	}
	for _, s := range []string{string(g.Partner), string(g.Motion), g.Segment} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " / ")
}

// Text renders the roll-up, one line per group and the total.
func (r Rollup) Text() string {
	var b strings.Builder
	b.WriteString("profitability by " + dims(r.By) + ", " + string(r.Currency) + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	tw.Write([]byte("  group\tdeals\tcustomer net\tpartners\tvendor net\tcontribution\tmargin\t\n"))
	line := func(label string, g Group) {
		s := g.Statement
		partners, _ := s.PartnerMargins.Add(s.PartnerFees)
		tw.Write([]byte("  " + label + "\t" + strconv.Itoa(g.Deals) + "\t" + amt(s.CustomerNet) + "\t" + amt(partners) + "\t" +
			amt(s.VendorNetRevenue) + "\t" + amt(s.Contribution) + "\t" + s.ContributionMargin.String() + "\t\n"))
	}
	for _, g := range r.Groups {
		line(g.label(), g)
	}
	line("total", r.Total)
	tw.Flush()
	return trimLines(b.String())
}

// Markdown renders the roll-up as a Markdown table.
func (r Rollup) Markdown() string {
	var b strings.Builder
	textfmt.Header(&b, "Group", "Deals", "Customer net", "Partners", "Vendor net", "Contribution", "Contribution margin")
	line := func(label string, g Group) {
		s := g.Statement
		partners, _ := s.PartnerMargins.Add(s.PartnerFees)
		textfmt.Row(&b, label, strconv.Itoa(g.Deals), amt(s.CustomerNet), amt(partners), amt(s.VendorNetRevenue), amt(s.Contribution), s.ContributionMargin.String())
	}
	for _, g := range r.Groups {
		line(g.label(), g)
	}
	line("total", r.Total)
	return b.String()
}

func dims(by []Dimension) string {
	if len(by) == 0 {
		return "nothing (total)"
	}
	s := make([]string, len(by))
	for i, d := range by {
		s[i] = string(d)
	}
	return strings.Join(s, " × ")
}

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
