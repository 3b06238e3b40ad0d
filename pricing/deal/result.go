package deal

import "github.com/partnerops/partnerops"

// Kind says what a party's amount is.
type Kind string

// Kinds.
const (
	// KindMargin: a resale party's margin (sale price − buy price).
	KindMargin Kind = "margin"
	// KindFee: a marketplace, referral or GSI fee the vendor pays.
	KindFee Kind = "fee"
	// KindShare: an alliance revenue share.
	KindShare Kind = "share"
)

// Result is the economics of one deal, explained like a waterfall: the
// customer price, then each party's amount in waterfall order with the
// vendor's running proceeds after it, then the vendor's net revenue. The
// parties' amounts plus the vendor net equal the customer price exactly.
//
// The customer discount (List − CustomerPrice) is what a deal desk
// approves; fees and shares reduce the vendor's proceeds and are never
// counted in it, so a marketplace fee cannot raise an approval level.
type Result struct {
	Deal     string                  `json:"deal,omitempty"`
	Model    ModelID                 `json:"model"`
	Motion   partnerops.Motion       `json:"motion"`
	Business partnerops.BusinessType `json:"business"`
	// TermMonths is the contract term used.
	TermMonths int `json:"term_months"`
	// List, when the deal gave one; Discount is List − CustomerPrice and
	// DiscountPercent its share of List (half even, 4 decimal places of a
	// percent).
	List            partnerops.Money   `json:"list,omitzero"`
	Discount        partnerops.Money   `json:"discount,omitzero"`
	DiscountPercent partnerops.Percent `json:"discount_percent,omitzero"`
	// CustomerPrice is what the customer pays for the whole term (TCV).
	CustomerPrice partnerops.Money `json:"customer_price"`
	// FirstYearACV is the first contract year's value.
	FirstYearACV partnerops.Money `json:"first_year_acv"`
	// Parties in waterfall order.
	Parties []PartyResult `json:"parties,omitempty"`
	// PartnerTotal is the sum of the parties' amounts.
	PartnerTotal partnerops.Money `json:"partner_total"`
	// VendorNet is what the vendor keeps: CustomerPrice − PartnerTotal.
	VendorNet partnerops.Money `json:"vendor_net"`
	// VendorShare is VendorNet / CustomerPrice (half even, 4 decimal
	// places of a percent; zero for a zero price).
	VendorShare partnerops.Percent `json:"vendor_share"`
	// Services is the services the parties attach (not in the price).
	Services partnerops.Money `json:"services,omitzero"`
}

// PartyResult is one party's place in the waterfall: what it earns, from
// which basis and percent, under which slot (the model's rule), and the
// vendor's proceeds after it.
type PartyResult struct {
	Slot    SlotID               `json:"slot"`
	Role    Role                 `json:"role"`
	Partner partnerops.PartnerID `json:"partner,omitempty"`
	Kind    Kind                 `json:"kind"`
	// Basis names what Percent was taken of, BasisAmount its value. For
	// a per-unit OEM royalty the basis is units and BasisAmount the
	// royalty per unit; for a minimum guarantee, the minimum.
	Basis       Basis              `json:"basis"`
	BasisAmount partnerops.Money   `json:"basis_amount"`
	Percent     partnerops.Percent `json:"percent,omitzero"`
	// Units times a per-unit royalty.
	Units partnerops.Decimal `json:"units,omitzero"`
	// SalePrice and BuyPrice of a resale party (for an OEM, the buy price
	// is the royalty the vendor receives).
	SalePrice partnerops.Money `json:"sale_price,omitzero"`
	BuyPrice  partnerops.Money `json:"buy_price,omitzero"`
	// Requested is the amount before a cap cut it; zero when not capped.
	Requested partnerops.Money `json:"requested,omitzero"`
	// Amount is the party's margin, fee or share.
	Amount partnerops.Money `json:"amount"`
	// Payments of a recurring referral fee, by contract year.
	Payments []Payment `json:"payments,omitempty"`
	// Weight and SlotAmount when several parties split the slot.
	Weight     partnerops.Decimal `json:"weight,omitzero"`
	SlotAmount partnerops.Money   `json:"slot_amount,omitzero"`
	// Running is the vendor's proceeds after this party.
	Running partnerops.Money `json:"running"`
	// Services the party attaches (reported, not in the price).
	Services partnerops.Money `json:"services,omitzero"`
}

// Payment is one contract year's payment of a fee.
type Payment struct {
	// Year is the contract year, from 1.
	Year int `json:"year"`
	// Basis is the year's value the fee was taken of.
	Basis  partnerops.Money `json:"basis"`
	Amount partnerops.Money `json:"amount"`
}

// PartnerAmounts splits PartnerTotal into resale margins (reseller,
// distributor, OEM) and fees and shares (marketplace, referral, GSI,
// alliance): the partner_margins and partner_fees of a profit P&L.
func (r Result) PartnerAmounts() (margins, fees partnerops.Money) {
	c := r.CustomerPrice.Currency()
	margins, fees = partnerops.Zero(c), partnerops.Zero(c)
	for _, p := range r.Parties {
		if p.Kind == KindMargin {
			margins, _ = margins.Add(p.Amount)
		} else {
			fees, _ = fees.Add(p.Amount)
		}
	}
	return margins, fees
}
