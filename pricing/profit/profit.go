package profit

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Ratios are rounded half even to 6 places of a fraction: 4 decimal
// places of a percent.
const (
	ratioPlaces = 6
	ratioMode   = partnerops.RoundHalfEven
)

// Margin returns (price − cost) / price, the share of the price that is
// profit, rounded half even to 4 decimal places of a percent. A zero
// price gives an error wrapping [partnerops.ErrDivisionByZero]; the
// currencies must match.
func Margin(price, cost partnerops.Money) (partnerops.Percent, error) {
	d, err := price.Sub(cost)
	if err != nil {
		return partnerops.Percent{}, wrap(err, "margin")
	}
	f, err := d.Ratio(price, ratioPlaces, ratioMode)
	if err != nil {
		return partnerops.Percent{}, wrap(err, "margin")
	}
	return partnerops.PercentFromFraction(f), nil
}

// Markup returns (price − cost) / cost, the profit as a share of the
// cost, rounded as [Margin]. A zero cost gives an error wrapping
// [partnerops.ErrDivisionByZero]. A 25% markup is a 20% margin.
func Markup(price, cost partnerops.Money) (partnerops.Percent, error) {
	d, err := price.Sub(cost)
	if err != nil {
		return partnerops.Percent{}, wrap(err, "markup")
	}
	f, err := d.Ratio(cost, ratioPlaces, ratioMode)
	if err != nil {
		return partnerops.Percent{}, wrap(err, "markup")
	}
	return partnerops.PercentFromFraction(f), nil
}

// Deal is one deal's economics as amounts the host passes: from a deal
// economics result (customer price, partner margins and fees), from
// payout plans (incentives) and from finance (cost of goods, cost to
// serve). Amounts may be bare ("100.00") in JSON: they take the
// currency of CustomerNet. Missing amounts are zero.
type Deal struct {
	ID      string               `json:"id,omitempty"`
	Partner partnerops.PartnerID `json:"partner,omitempty"`
	Motion  partnerops.Motion    `json:"motion,omitempty"`
	Segment string               `json:"segment,omitempty"`
	// Closed dates the deal for roll-ups by period.
	Closed time.Time `json:"closed,omitzero"`
	// List is the list value; CustomerNet what the customer pays. A zero
	// (or missing) List means no list price: the discount is zero. JSON
	// leaves a zero amount out, so the two cannot differ.
	List        partnerops.Money `json:"list,omitzero"`
	CustomerNet partnerops.Money `json:"customer_net"`
	// PartnerMargins are resale margins (reseller, distributor, OEM);
	// PartnerFees are fees and shares (marketplace, referral, GSI,
	// alliance).
	PartnerMargins partnerops.Money `json:"partner_margins,omitzero"`
	PartnerFees    partnerops.Money `json:"partner_fees,omitzero"`
	// Incentives are payouts on the deal (SPIFs, rebates, MDF, retention
	// bonuses).
	Incentives  partnerops.Money `json:"incentives,omitzero"`
	COGS        partnerops.Money `json:"cogs,omitzero"`
	CostToServe partnerops.Money `json:"cost_to_serve,omitzero"`
}

type dealPlain Deal

// ParseDeal decodes a deal strictly: unknown keys and wrong shapes are
// errors with their paths.
func ParseDeal(data []byte) (Deal, error) {
	var d Deal
	if err := strict.Decode(data, (*dealPlain)(&d), strict.Options{}); err != nil {
		return Deal{}, fmt.Errorf("profit: parsing deal: %w", err)
	}
	return d, nil
}

// UnmarshalJSON decodes strictly, as [ParseDeal] does.
func (d *Deal) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*dealPlain)(d), strict.Options{})
}

// Statement is a deal's P&L, top to bottom:
//
//	list − discount                 = customer net
//	customer net − partner margins − partner fees = vendor net revenue
//	vendor net revenue − COGS       = gross profit
//	gross profit − incentives − cost to serve = contribution
//
// GrossMargin is gross profit / vendor net revenue and Markup gross
// profit / COGS (both reported, since finance asks for either);
// ContributionMargin is contribution / vendor net revenue. Ratios are
// rounded half even to 4 places of a percent and are zero (omitted) when
// their denominator is zero.
type Statement struct {
	Deal               string              `json:"deal,omitempty"`
	Currency           partnerops.Currency `json:"currency"`
	List               partnerops.Money    `json:"list"`
	Discount           partnerops.Money    `json:"discount"`
	CustomerNet        partnerops.Money    `json:"customer_net"`
	PartnerMargins     partnerops.Money    `json:"partner_margins"`
	PartnerFees        partnerops.Money    `json:"partner_fees"`
	VendorNetRevenue   partnerops.Money    `json:"vendor_net_revenue"`
	COGS               partnerops.Money    `json:"cogs"`
	GrossProfit        partnerops.Money    `json:"gross_profit"`
	Incentives         partnerops.Money    `json:"incentives"`
	CostToServe        partnerops.Money    `json:"cost_to_serve"`
	Contribution       partnerops.Money    `json:"contribution"`
	GrossMargin        partnerops.Percent  `json:"gross_margin,omitzero"`
	Markup             partnerops.Percent  `json:"markup,omitzero"`
	ContributionMargin partnerops.Percent  `json:"contribution_margin,omitzero"`
	// PartnerShare is (partner margins + fees) / customer net.
	PartnerShare partnerops.Percent `json:"partner_share,omitzero"`
}

// PnL computes a deal's P&L. Amounts must share CustomerNet's currency
// (bare amounts take it); a mismatch gives a [*partnerops.ValidationError]
// wrapping [partnerops.ErrCurrencyMismatch].
func PnL(d Deal) (Statement, error) {
	c := d.CustomerNet.Currency()
	var p partnerops.Problems
	if !c.Valid() {
		p.Add("customer_net", "needs a currency", d.CustomerNet.String())
	}
	get := func(path string, m partnerops.Money) partnerops.Money {
		if m.Currency() == "" && m.IsZero() {
			return partnerops.Zero(c)
		}
		x, err := m.InCurrency(c)
		if err != nil {
			p.AddErr(path, err)
		}
		return x
	}
	s := Statement{Deal: d.ID, Currency: c, CustomerNet: d.CustomerNet}
	s.List = get("list", d.List)
	s.PartnerMargins = get("partner_margins", d.PartnerMargins)
	s.PartnerFees = get("partner_fees", d.PartnerFees)
	s.Incentives = get("incentives", d.Incentives)
	s.COGS = get("cogs", d.COGS)
	s.CostToServe = get("cost_to_serve", d.CostToServe)
	if err := p.Err(); err != nil {
		return Statement{}, wrap(err, "deal %q", d.ID)
	}
	if d.List.IsZero() {
		s.List = s.CustomerNet // no list price: no discount
	}
	s.derive()
	return s, nil
}

func sub(a partnerops.Money, bs ...partnerops.Money) partnerops.Money {
	for _, b := range bs {
		a, _ = a.Sub(b)
	}
	return a
}

func ratio(a, b partnerops.Money) partnerops.Percent {
	if b.IsZero() || a.IsZero() {
		return partnerops.Percent{}
	}
	f, err := a.Ratio(b, ratioPlaces, ratioMode)
	if err != nil {
		return partnerops.Percent{}
	}
	return partnerops.PercentFromFraction(f)
}

// derive fills the computed lines from the given ones.
func (s *Statement) derive() {
	s.Discount = sub(s.List, s.CustomerNet)
	s.VendorNetRevenue = sub(s.CustomerNet, s.PartnerMargins, s.PartnerFees)
	s.GrossProfit = sub(s.VendorNetRevenue, s.COGS)
	s.Contribution = sub(s.GrossProfit, s.Incentives, s.CostToServe)
	s.GrossMargin = ratio(s.GrossProfit, s.VendorNetRevenue)
	s.Markup = ratio(s.GrossProfit, s.COGS)
	s.ContributionMargin = ratio(s.Contribution, s.VendorNetRevenue)
	partners, _ := s.PartnerMargins.Add(s.PartnerFees)
	s.PartnerShare = ratio(partners, s.CustomerNet)
}
