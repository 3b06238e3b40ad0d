package pricing

import (
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// MarginOf returns the gross margin (price − cost) / price, the share of
// the price that is profit, in percent rounded half-even to four decimal
// places (the formula and rounding of pricing/profit's Margin). A zero
// price gives an error wrapping [partnerops.ErrDivisionByZero]; the
// currencies must match.
func MarginOf(price, cost partnerops.Money) (partnerops.Percent, error) {
	return ratioOf(price, cost, price, "margin")
}

// MarkupOf returns the markup (price − cost) / cost, the profit as a
// share of the cost, rounded as [MarginOf]. A zero cost gives an error
// wrapping [partnerops.ErrDivisionByZero]. A 25% markup is a 20% margin.
func MarkupOf(price, cost partnerops.Money) (partnerops.Percent, error) {
	return ratioOf(price, cost, cost, "markup")
}

func ratioOf(price, cost, of partnerops.Money, what string) (partnerops.Percent, error) {
	d, err := price.Sub(cost)
	if err != nil {
		return partnerops.Percent{}, wrapf(err, "%s", what)
	}
	f, err := d.Ratio(of, 6, partnerops.RoundHalfEven)
	if err != nil {
		return partnerops.Percent{}, wrapf(err, "%s", what)
	}
	return partnerops.PercentFromFraction(f), nil
}

// LineProfit is a line's profit when its cost is known: Cost is the
// extended cost (unit cost × quantity), Margin the net (of tax, in a
// tax-included book) less Cost, MarginPercent Margin / net and
// MarkupPercent Margin / Cost, in percent rounded half-even to four
// decimal places as [MarginOf] and [MarkupOf] (0 where the net or the
// cost is 0).
type LineProfit struct {
	Cost          partnerops.Money   `json:"cost"`
	Margin        partnerops.Money   `json:"margin"`
	MarginPercent partnerops.Percent `json:"margin_percent"`
	MarkupPercent partnerops.Percent `json:"markup_percent"`
}

// Equal reports whether p and o are the same profit, amounts compared as
// numbers.
func (p LineProfit) Equal(o LineProfit) bool {
	return p.Cost.Equal(o.Cost) && p.Margin.Equal(o.Margin) && p.MarginPercent.Equal(o.MarginPercent) &&
		p.MarkupPercent.Equal(o.MarkupPercent)
}

// Profit returns the line's profit when its cost is known (see
// [LineProfit]), on its net of tax in a tax-included book. It is computed
// on each call from the line's net and extended cost.
func (l *LineResult) Profit() (LineProfit, bool) {
	if l.engine == nil {
		if l.dec == nil || l.dec.profit == nil {
			return LineProfit{}, false
		}
		return *l.dec.profit, true
	}
	if !l.costKnown {
		return LineProfit{}, false
	}
	net := l.NetExtended
	if t, ok := l.Tax(); ok {
		net = t.NetOfTax
	}
	n, cost := numOf(fence.Amount(net)), numOf(fence.Dec(l.bigs.dec(l.costExt)))
	margin := n.sub(cost)
	p := LineProfit{MarginPercent: ratioPercent(margin, n), MarkupPercent: ratioPercent(margin, cost)}
	p.Cost, _ = partnerops.NewMoney(fence.Wrap(cost.dec()), net.Currency())
	p.Margin, _ = partnerops.NewMoney(fence.Wrap(margin.dec()), net.Currency())
	return p, true
}

// ratioPercent returns a / b in percent rounded half-even to four
// decimal places, 0 when b is 0 (allocation-free for int64 amounts).
func ratioPercent(a, b num) partnerops.Percent {
	if b.sign() == 0 {
		return partnerops.Percent{}
	}
	if a.d == nil && b.d == nil {
		if x, y, _, ok := align(a, b); ok && y > 0 {
			if r, ok := ratioBP(x, y); ok {
				return partnerops.NewPercent(partnerops.NewDecimal(r, -4))
			}
		}
	}
	q, err := fence.Quo(a.dec().Mul(hundred), b.dec(), 4, partnerops.RoundHalfEven)
	if err != nil {
		return partnerops.Percent{}
	}
	return fence.Percent(q)
}

// LineTax is a line's tax, when the book has a [Tax]: in a book whose
// prices include the tax, the line's NetExtended is the gross and Tax =
// gross × rate / (1 + rate); otherwise NetExtended is the net of tax and
// Tax = net × rate. Tax is rounded once, to the book's places with its
// mode.
type LineTax struct {
	Tax      partnerops.Money `json:"tax"`
	NetOfTax partnerops.Money `json:"net_of_tax"`
	Gross    partnerops.Money `json:"gross"`
}

// Equal reports whether t and o are the same tax, amounts compared as
// numbers.
func (t LineTax) Equal(o LineTax) bool {
	return t.Tax.Equal(o.Tax) && t.NetOfTax.Equal(o.NetOfTax) && t.Gross.Equal(o.Gross)
}

// Tax returns the line's tax, net of tax and gross when the book has a
// [Tax]; they are computed on each call from the line's net and its tax.
func (l *LineResult) Tax() (LineTax, bool) {
	if l.engine == nil {
		if l.dec == nil || l.dec.tax == nil {
			return LineTax{}, false
		}
		return *l.dec.tax, true
	}
	if l.x == nil || l.x.taxKind == taxNone {
		return LineTax{}, false
	}
	c := l.NetExtended.Currency()
	tax := l.bigs.dec(l.x.tax)
	t := LineTax{NetOfTax: l.NetExtended, Gross: l.NetExtended}
	t.Tax, _ = partnerops.NewMoney(tax, c)
	if l.x.taxKind == taxIncluded {
		t.NetOfTax, _ = partnerops.NewMoney(l.NetExtended.Amount().Sub(tax), c)
	} else {
		t.Gross, _ = partnerops.NewMoney(l.NetExtended.Amount().Add(tax), c)
	}
	return t, true
}

// Fee returns the line's share of the quote's fees, when a fee applied.
func (l *LineResult) Fee() (partnerops.Money, bool) {
	if l.engine == nil {
		if l.dec == nil || l.dec.fee == nil {
			return partnerops.Money{}, false
		}
		return *l.dec.fee, true
	}
	if l.x == nil || !l.x.hasFee {
		return partnerops.Money{}, false
	}
	m, _ := partnerops.NewMoney(l.bigs.dec(l.x.fee), l.NetExtended.Currency())
	return m, true
}

// Subtotal is a line's unit price after a stacking group (Salesforce
// CPQ's regular, customer, partner and net unit prices): the group's
// Label names it.
type Subtotal struct {
	Group GroupID          `json:"group"`
	Label string           `json:"label,omitempty"`
	Price partnerops.Money `json:"price"`
}

// Equal reports whether s and o are the same subtotal.
func (s Subtotal) Equal(o Subtotal) bool {
	return s.Group == o.Group && s.Label == o.Label && s.Price.Equal(o.Price)
}

// Subtotals returns the line's unit price after each group of the
// framework, in waterfall order, whether or not a rule of the group
// applied: a manual step counts in the group it follows; quote
// discounts come after every group (the net unit price includes them).
// Free lines have none.
func (l *LineResult) Subtotals() []Subtotal {
	if l.engine == nil {
		if l.dec == nil {
			return nil
		}
		return append([]Subtotal(nil), l.dec.subtotals...)
	}
	if l.FreeOf > 0 || len(l.engine.groups) == 0 {
		return nil
	}
	e := l.engine
	out := make([]Subtotal, len(e.groups))
	price := l.List.Amount()
	k := 0
	for i, g := range e.groups {
		for ; k < len(l.steps); k++ {
			s := l.steps[k]
			gi := int32(len(e.groups)) // quote discounts: after every group
			switch {
			case s.rule >= 0:
				gi = e.rules[s.rule].group
			case s.rule == -1:
				gi = e.manualAfter
			}
			if gi > int32(i) {
				break
			}
			price = l.bigs.dec(s.running)
		}
		m, _ := partnerops.NewMoney(price, l.List.Currency())
		out[i] = Subtotal{Group: g.id, Label: g.label, Price: m}
	}
	return out
}
