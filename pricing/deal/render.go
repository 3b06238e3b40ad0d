package deal

import (
	"strings"
	"text/tabwriter"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// amt renders an amount with at least its currency's minor units, and
// more digits only where it has them.
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

// Describe says how the party's amount was computed, in words: "margin
// 20% of sale price 100000.00", "fee 10% of first-year ACV 40000.00,
// capped at 3000.00 (requested 4000.00)".
func (pr PartyResult) Describe() string {
	var b strings.Builder
	switch pr.Kind {
	case KindMargin:
		if pr.Role == RoleOEM {
			b.WriteString("keeps sale price " + amt(pr.SalePrice) + " less royalty " + amt(pr.BuyPrice) + " (")
			switch pr.Basis {
			case BasisUnits:
				b.WriteString(amt(pr.BasisAmount) + " per unit × " + pr.Units.String() + " units")
			case BasisMinimum:
				b.WriteString("minimum guarantee " + amt(pr.BasisAmount))
			default:
				b.WriteString(pr.Percent.String() + " of sale price")
			}
			b.WriteString(")")
			return b.String()
		}
		b.WriteString("margin " + pr.Percent.String() + " of sale price " + amt(pr.BasisAmount) + ", buys at " + amt(pr.BuyPrice))
	case KindFee, KindShare:
		b.WriteString(string(pr.Kind) + " ")
		switch {
		case pr.Basis == BasisACV:
			b.WriteString(pr.Percent.String() + " of each contract year's ACV for " + itoa(len(pr.Payments)) + " years")
		case pr.Kind == KindShare && pr.Percent.IsZero():
			b.WriteString("of net revenue " + amt(pr.BasisAmount) + ", by tiers")
		default:
			b.WriteString(pr.Percent.String() + " of " + basisLabel(pr.Basis) + " " + amt(pr.BasisAmount))
		}
	}
	if !pr.Requested.IsZero() {
		b.WriteString(", capped (requested " + amt(pr.Requested) + ")")
	}
	if !pr.SlotAmount.IsZero() {
		b.WriteString(", weight " + pr.Weight.String() + " of slot total " + amt(pr.SlotAmount))
	}
	return b.String()
}

func basisLabel(b Basis) string {
	switch b {
	case BasisFirstYearACV:
		return "first-year ACV"
	case BasisTCV:
		return "TCV"
	}
	return strings.ReplaceAll(string(b), "_", " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

func partyName(pr PartyResult) string {
	n := string(pr.Slot)
	if pr.Partner != "" {
		n += " " + string(pr.Partner)
	}
	return n
}

func (r Result) header() string {
	h := "deal"
	if r.Deal != "" {
		h += " " + r.Deal
	}
	return h + " under " + string(r.Model) + " (" + string(r.Motion) + ", " + string(r.Business) + ", " + itoa(r.TermMonths) + " months)"
}

// Text renders the waterfall as aligned plain text, one line per party.
func (r Result) Text() string {
	var b strings.Builder
	b.WriteString(r.header() + ", " + string(r.CustomerPrice.Currency()) + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	if !r.List.IsZero() {
		tw.Write([]byte("  list\t" + amt(r.List) + "\t\t\n"))
	}
	tw.Write([]byte("  customer price\t" + amt(r.CustomerPrice) + "\t\t"))
	if !r.List.IsZero() {
		tw.Write([]byte("  discount " + amt(r.Discount) + " (" + r.DiscountPercent.String() + ")"))
	}
	tw.Write([]byte("\n"))
	for _, pr := range r.Parties {
		tw.Write([]byte("  " + partyName(pr) + " (" + string(pr.Role) + ")\t-" + amt(pr.Amount) + "\t" + amt(pr.Running) + "\t  " + pr.Describe() + "\n"))
		for _, py := range pr.Payments {
			tw.Write([]byte("    year " + itoa(py.Year) + "\t" + amt(py.Amount) + "\t\t  of " + amt(py.Basis) + "\n"))
		}
	}
	tw.Write([]byte("  vendor net\t" + amt(r.VendorNet) + "\t\t  " + r.VendorShare.String() + " of the customer price\n"))
	tw.Flush()
	if !r.Services.IsZero() {
		b.WriteString("  services attached by partners: " + amt(r.Services) + "\n")
	}
	return trimLines(b.String())
}

// Markdown renders the waterfall as a Markdown table.
func (r Result) Markdown() string {
	var b strings.Builder
	b.WriteString("**" + textfmt.Cell(r.header()) + "**, " + string(r.CustomerPrice.Currency()) + "\n\n")
	textfmt.Header(&b, "Step", "Amount", "Vendor keeps", "How")
	if !r.List.IsZero() {
		textfmt.Row(&b, "list", amt(r.List), "", "")
	}
	how := ""
	if !r.List.IsZero() {
		how = "discount " + amt(r.Discount) + " (" + r.DiscountPercent.String() + ")"
	}
	textfmt.Row(&b, "customer price", amt(r.CustomerPrice), amt(r.CustomerPrice), how)
	for _, pr := range r.Parties {
		textfmt.Row(&b, partyName(pr)+" ("+string(pr.Role)+")", "-"+amt(pr.Amount), amt(pr.Running), pr.Describe())
	}
	textfmt.Row(&b, "vendor net", amt(r.VendorNet), amt(r.VendorNet), r.VendorShare.String()+" of the customer price")
	if !r.Services.IsZero() {
		b.WriteString("\nServices attached by partners: " + amt(r.Services) + "\n")
	}
	return b.String()
}

// Text renders the comparison, one line per model.
func (c Comparison) Text() string {
	var b strings.Builder
	b.WriteString("deal " + c.Deal + " by model\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	tw.Write([]byte("  model\tmotion\tpartners\tvendor net\tshare\tvs first\t\n"))
	for _, row := range c.Rows {
		tw.Write([]byte("  " + string(row.Model) + "\t" + string(row.Motion) + "\t" + amt(row.PartnerTotal) + "\t" + amt(row.VendorNet) + "\t" + row.VendorShare.String() + "\t" + amt(row.VsFirst) + "\t\n"))
	}
	tw.Flush()
	return trimLines(b.String())
}

// Markdown renders the comparison as a Markdown table.
func (c Comparison) Markdown() string {
	var b strings.Builder
	textfmt.Header(&b, "Model", "Motion", "Partners", "Vendor net", "Vendor share", "Vs first")
	for _, row := range c.Rows {
		textfmt.Row(&b, string(row.Model), string(row.Motion), amt(row.PartnerTotal), amt(row.VendorNet), row.VendorShare.String(), amt(row.VsFirst))
	}
	return b.String()
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
