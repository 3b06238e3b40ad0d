package deal

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Deal is the facts of one deal: its priced amount, term and parties. The
// price comes from the host (for example a pricing result's total); deal
// economics never price lines themselves.
type Deal struct {
	// ID names the deal in results; optional.
	ID string `json:"id,omitempty"`
	// Model is the commercial model the deal runs under.
	Model ModelID `json:"model"`
	// Business is new (the default), renewal or expansion; renewal deals
	// use the slots' renewal margins.
	Business partnerops.BusinessType `json:"business,omitempty"`
	// List is the deal's list value, optional: when set the result
	// reports the customer discount off it.
	List partnerops.Money `json:"list,omitzero"`
	// Price is what the customer pays for the whole term (the TCV),
	// exact in the currency's minor units.
	Price partnerops.Money `json:"price"`
	// TermMonths is the contract term; defaults to 12.
	TermMonths int `json:"term_months,omitempty"`
	// Annual optionally gives each contract year's value (a ramp); they
	// must sum to Price. Otherwise Price is allocated over the contract
	// years in proportion to their months (12, 12, ..., the rest).
	Annual []partnerops.Money `json:"annual,omitempty"`
	// Units are the deal's units, for per-unit OEM royalties.
	Units partnerops.Decimal `json:"units,omitzero"`
	// PrivateOffer marks a marketplace private offer.
	PrivateOffer bool `json:"private_offer,omitempty"`
	// Parties fill the model's slots.
	Parties []Party `json:"parties,omitempty"`
}

// Party is a partner in a slot of the deal's model.
type Party struct {
	Slot    SlotID               `json:"slot"`
	Partner partnerops.PartnerID `json:"partner,omitempty"`
	// Weight splits a fee or share slot among several parties (exactly,
	// with [partnerops.Money.Allocate]); parties without a weight count 1.
	Weight partnerops.Decimal `json:"weight,omitzero"`
	// Attribution of a GSI: sourced or influenced (the default).
	Attribution partnerops.Attribution `json:"attribution,omitempty"`
	// Services is the party's own services sold with the deal (services
	// attach). It is reported, not part of the customer price.
	Services partnerops.Money `json:"services,omitzero"`
}

type dealPlain Deal

// ParseDeal decodes a deal strictly (see [ParseTerms]).
func ParseDeal(data []byte) (Deal, error) {
	var d Deal
	if err := strict.Decode(data, (*dealPlain)(&d), strict.Options{}); err != nil {
		return Deal{}, fmt.Errorf("deal: parsing deal: %w", err)
	}
	return d, nil
}

// UnmarshalJSON decodes strictly, as [ParseDeal] does.
func (d *Deal) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*dealPlain)(d), strict.Options{})
}
