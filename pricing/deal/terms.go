package deal

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// ModelID identifies a commercial model within [Terms].
type ModelID string

// SlotID identifies a party's place in a [Model] ("reseller",
// "distributor", "referrer"). Deal parties name the slot they fill.
type SlotID string

// Role is what a party does in a deal, which decides how it earns. The
// set is closed: [Role.Valid] reports whether a role is one of the
// constants.
type Role string

// Roles. Resale roles (reseller, distributor, OEM) form a chain from the
// customer inward: each buys from the next and sells to the previous one.
const (
	// RoleReseller buys and resells; it earns a margin on its sale price.
	RoleReseller Role = "reseller"
	// RoleDistributor is the first tier of two-tier distribution: it buys
	// from the vendor and sells to the reseller, earning a margin on its
	// sale price (the reseller's buy price).
	RoleDistributor Role = "distributor"
	// RoleOEM embeds the product in its own and pays the vendor a royalty
	// (per unit or a percent of its sale price) with a minimum guarantee;
	// it keeps the rest.
	RoleOEM Role = "oem"
	// RoleMarketplace is a cloud marketplace: it collects the customer's
	// payment and keeps a listing fee (a lower fee for private offers
	// where configured). With a reseller in the same model the deal is a
	// channel-partner private offer: the reseller's margin rides on the
	// marketplace transaction.
	RoleMarketplace Role = "marketplace"
	// RoleReferral hands over a lead and earns a fee: a percent of the
	// first-year ACV or of the TCV, capped, once or each year for N years.
	RoleReferral Role = "referral"
	// RoleGSI is a global or regional system integrator: it earns a
	// sourced fee or an influence fee, and may attach its own services.
	RoleGSI Role = "gsi"
	// RoleAlliance is a technology alliance partner: it earns a revenue
	// share, tiered, on the vendor's net revenue.
	RoleAlliance Role = "alliance"
)

var roles = []Role{RoleReseller, RoleDistributor, RoleOEM, RoleMarketplace, RoleReferral, RoleGSI, RoleAlliance}

// Roles returns every role in a fixed order.
func Roles() []Role { return append([]Role(nil), roles...) }

// Valid reports whether r is one of the declared roles.
func (r Role) Valid() bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// String returns the role name.
func (r Role) String() string { return string(r) }

// stage orders the waterfall: resale chain, marketplace, fees, shares.
func (r Role) stage() int {
	switch r {
	case RoleReseller, RoleDistributor, RoleOEM:
		return 0
	case RoleMarketplace:
		return 1
	case RoleReferral, RoleGSI:
		return 2
	}
	return 3
}

// Basis names the amount a percent is taken of.
type Basis string

// Bases.
const (
	// BasisSalePrice: the party's own sale price (resale roles).
	BasisSalePrice Basis = "sale_price"
	// BasisCustomerPrice: what the customer pays for the whole term.
	BasisCustomerPrice Basis = "customer_price"
	// BasisFirstYearACV: the first contract year's value (see [Deal]).
	BasisFirstYearACV Basis = "first_year_acv"
	// BasisTCV: the total contract value, the customer price.
	BasisTCV Basis = "tcv"
	// BasisACV: each contract year's value, for recurring fees.
	BasisACV Basis = "acv"
	// BasisNetRevenue: the vendor's proceeds before the share (alliance).
	BasisNetRevenue Basis = "net_revenue"
	// BasisUnits: a per-unit royalty times the deal's units (OEM).
	BasisUnits Basis = "units"
	// BasisMinimum: an OEM minimum guarantee that beat the royalty.
	BasisMinimum Basis = "minimum"
)

// Tiering says how a tiered share applies its tiers.
type Tiering string

// Tierings.
const (
	// TieringSlab (the default) takes each slice of the net revenue at its
	// own tier's percent: tiers from 0 at 10% and from 100,000 at 15%
	// give 10% of the first 100,000 and 15% of the rest.
	TieringSlab Tiering = "slab"
	// TieringRange takes the whole net revenue at the percent of the tier
	// it falls in.
	TieringRange Tiering = "range"
)

// Rounding says where amounts are rounded: to Places digits (default:
// the currency's minor units, and never more) with Mode (default half
// up). The zero value is the default.
type Rounding struct {
	Places *int32                  `json:"places,omitempty"`
	Mode   partnerops.RoundingMode `json:"mode,omitempty"`
}

// Terms are the commercial models of a program in one currency: one
// [Model] per motion (or several: "resell", "resell-2tier", "cppo").
// Terms are plain data; [Compile] validates them once.
type Terms struct {
	// Currency of every amount in the terms and in the deals they price.
	Currency partnerops.Currency `json:"currency"`
	// Rounding of every party amount; see the package doc.
	Rounding Rounding `json:"rounding,omitzero"`
	// Motions declares the program's own motions ("direct") beside the
	// common ones; a model whose motion is neither draws a warning.
	Motions []partnerops.Motion `json:"motions,omitempty"`
	// Models in any order; IDs are unique.
	Models []Model `json:"models"`
}

// Model is the commercial model of one motion: the slots parties fill and
// how each earns. A model without slots is a direct sale (the vendor
// keeps the customer price).
type Model struct {
	ID     ModelID           `json:"id"`
	Label  string            `json:"label,omitempty"`
	Motion partnerops.Motion `json:"motion"`
	// Parties are the slots, resale slots first from the customer inward
	// (reseller before distributor). The waterfall runs resale slots,
	// then the marketplace, then referral and GSI fees, then alliance
	// shares, each group in this order.
	Parties []Slot `json:"parties,omitempty" aka:"slots,roles"`
}

// Slot is one party's place in a model and its terms. Each role uses some
// fields and refuses the others (see the package doc's table):
//
//   - reseller, distributor: Margin (required), RenewalMargin;
//   - oem: Royalty or RoyaltyPerUnit (one of them), Minimum;
//   - marketplace: Fee (required), PrivateOfferFee;
//   - referral: Fee (required), Basis (first_year_acv, the default, or
//     tcv), Years, Cap;
//   - gsi: SourcedFee and/or InfluencedFee, Basis, Cap;
//   - alliance: Tiers (required), Tiering.
type Slot struct {
	ID    SlotID `json:"id"`
	Role  Role   `json:"role"`
	Label string `json:"label,omitempty"`
	// Optional slots are left out when no deal party fills them; other
	// slots are computed for an unnamed party.
	Optional bool `json:"optional,omitempty"`

	// Margin is the share of the party's sale price it keeps: buy price =
	// sale price × (1 − margin).
	Margin *partnerops.Percent `json:"margin,omitempty" aka:"discount"`
	// RenewalMargin replaces Margin on renewal deals (lower or higher than
	// new business).
	RenewalMargin *partnerops.Percent `json:"renewal_margin,omitempty"`

	// Royalty is the OEM's royalty as a percent of its sale price.
	Royalty *partnerops.Percent `json:"royalty,omitempty"`
	// RoyaltyPerUnit is the OEM's royalty per unit of the deal.
	RoyaltyPerUnit *partnerops.Money `json:"royalty_per_unit,omitempty"`
	// Minimum is the OEM's minimum guarantee per deal.
	Minimum *partnerops.Money `json:"minimum,omitempty"`

	// Fee is the marketplace listing fee (of the customer price) or the
	// referral fee (of Basis).
	Fee *partnerops.Percent `json:"fee,omitempty"`
	// PrivateOfferFee replaces Fee on private offers.
	PrivateOfferFee *partnerops.Percent `json:"private_offer_fee,omitempty"`
	// SourcedFee and InfluencedFee are the GSI's fee by attribution.
	SourcedFee    *partnerops.Percent `json:"sourced_fee,omitempty"`
	InfluencedFee *partnerops.Percent `json:"influenced_fee,omitempty"`
	// Basis of a referral or GSI fee: first_year_acv (default) or tcv.
	Basis Basis `json:"basis,omitempty"`
	// Years a referral fee recurs: each contract year's ACV pays the fee,
	// for at most Years years of the deal's term. 0 or 1 pays once.
	Years int `json:"years,omitempty"`
	// Cap bounds the whole fee (all years together).
	Cap *partnerops.Money `json:"cap,omitempty"`

	// Tiers of an alliance revenue share, by net revenue, ascending.
	Tiers []ShareTier `json:"tiers,omitempty"`
	// Tiering of the share: slab (default) or range.
	Tiering Tiering `json:"tiering,omitempty"`
}

// ShareTier is one tier of an alliance share: Percent of net revenue from
// From on (bare amounts in the terms' currency).
type ShareTier struct {
	From    partnerops.Money   `json:"from"`
	Percent partnerops.Percent `json:"percent"`
}

type termsPlain Terms

// ParseTerms decodes commercial terms strictly: unknown or duplicate keys,
// wrong shapes and bare-number percents are errors with their paths
// (models[cppo].parties[reseller].margin). It does not validate the
// terms; [Compile] does.
func ParseTerms(data []byte) (Terms, error) {
	var t Terms
	if err := strict.Decode(data, (*termsPlain)(&t), strict.Options{}); err != nil {
		return Terms{}, fmt.Errorf("deal: parsing terms: %w", err)
	}
	return t, nil
}

// UnmarshalJSON decodes strictly, as [ParseTerms] does.
func (t *Terms) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*termsPlain)(t), strict.Options{})
}
