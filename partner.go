package partnerops

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Typed identifiers. Hosts use their own keys (CRM IDs, UUIDs); the library
// only compares them, and sorts by them to break ties deterministically.
type (
	// PartnerID identifies a partner.
	PartnerID string
	// AccountID identifies a customer or prospect account.
	AccountID string
	// Region names a sales region or territory ("emea", "us-west").
	Region string
)

// PartnerType is the kind of partner. The common types are constants; a
// [Program] may declare its own, so PartnerType is an open string type.
type PartnerType string

// The common partner types.
const (
	PartnerTypeReseller           PartnerType = "reseller"
	PartnerTypeDistributor        PartnerType = "distributor"
	PartnerTypeGSI                PartnerType = "gsi"
	PartnerTypeSI                 PartnerType = "si"
	PartnerTypeMSP                PartnerType = "msp"
	PartnerTypeTechnologyAlliance PartnerType = "technology_alliance"
	PartnerTypeReferral           PartnerType = "referral"
	PartnerTypeMarketplace        PartnerType = "marketplace"
	PartnerTypeOEM                PartnerType = "oem"
)

// PartnerTypes returns the common partner types in a fixed order.
func PartnerTypes() []PartnerType {
	return []PartnerType{
		PartnerTypeReseller, PartnerTypeDistributor, PartnerTypeGSI, PartnerTypeSI,
		PartnerTypeMSP, PartnerTypeTechnologyAlliance, PartnerTypeReferral,
		PartnerTypeMarketplace, PartnerTypeOEM,
	}
}

var partnerTypeAliases = map[string]PartnerType{
	"var":                      PartnerTypeReseller,
	"value_added_reseller":     PartnerTypeReseller,
	"two_tier":                 PartnerTypeDistributor,
	"global_system_integrator": PartnerTypeGSI,
	"system_integrator":        PartnerTypeSI,
	"regional_si":              PartnerTypeSI,
	"managed_service_provider": PartnerTypeMSP,
	"isv":                      PartnerTypeTechnologyAlliance,
	"technology":               PartnerTypeTechnologyAlliance,
	"tech_alliance":            PartnerTypeTechnologyAlliance,
	"affiliate":                PartnerTypeReferral,
	"cloud_marketplace":        PartnerTypeMarketplace,
}

// Valid reports whether t is one of the common partner types. Programs
// with their own types use [Program.ValidPartnerType].
func (t PartnerType) Valid() bool { return slices.Contains(PartnerTypes(), t) }

// String returns the type name.
func (t PartnerType) String() string { return string(t) }

// ParsePartnerType parses a common partner type, case-insensitively and
// treating spaces and hyphens as underscores; it also knows common
// synonyms ("VAR", "ISV", "affiliate", "Global System Integrator"). Other
// text gives an error wrapping [ErrSyntax].
func ParsePartnerType(s string) (PartnerType, error) {
	k := normalizeName(s)
	if t := PartnerType(k); t.Valid() {
		return t, nil
	}
	if t, ok := partnerTypeAliases[k]; ok {
		return t, nil
	}
	return "", fmt.Errorf("partnerops: parsing partner type %q: %w", s, ErrSyntax)
}

// Motion is how a deal flows between vendor, partner and customer. The
// common motions are constants; a [Program] may declare its own.
type Motion string

// The common motions.
const (
	MotionResell      Motion = "resell"
	MotionReferral    Motion = "referral"
	MotionCoSell      Motion = "co_sell"
	MotionMarketplace Motion = "marketplace"
	MotionServices    Motion = "services"
	MotionOEM         Motion = "oem"
)

// Motions returns the common motions in a fixed order.
func Motions() []Motion {
	return []Motion{MotionResell, MotionReferral, MotionCoSell, MotionMarketplace, MotionServices, MotionOEM}
}

var motionAliases = map[string]Motion{
	"resale":          MotionResell,
	"cosell":          MotionCoSell,
	"refer":           MotionReferral,
	"services_attach": MotionServices,
	"service":         MotionServices,
	"embed":           MotionOEM,
	"oem_embed":       MotionOEM,
	"oem/embed":       MotionOEM,
}

// Valid reports whether m is one of the common motions. Programs with
// their own motions use [Program.ValidMotion].
func (m Motion) Valid() bool { return slices.Contains(Motions(), m) }

// String returns the motion name.
func (m Motion) String() string { return string(m) }

// ParseMotion parses a common motion, case-insensitively and treating
// spaces and hyphens as underscores, with synonyms such as "co-sell",
// "resale" and "services attach".
func ParseMotion(s string) (Motion, error) {
	k := normalizeName(s)
	if m := Motion(k); m.Valid() {
		return m, nil
	}
	if m, ok := motionAliases[k]; ok {
		return m, nil
	}
	return "", fmt.Errorf("partnerops: parsing motion %q: %w", s, ErrSyntax)
}

// Attribution says how a partner contributed to a deal.
type Attribution string

// Attributions.
const (
	// AttributionSourced: the deal originated with the partner.
	AttributionSourced Attribution = "sourced"
	// AttributionInfluenced: the deal existed and the partner helped win it.
	AttributionInfluenced Attribution = "influenced"
)

// Valid reports whether a is sourced or influenced.
func (a Attribution) Valid() bool { return a == AttributionSourced || a == AttributionInfluenced }

// BusinessType says whether a deal is new business, a renewal or an
// expansion of an existing contract.
type BusinessType string

// Business types.
const (
	BusinessNew       BusinessType = "new"
	BusinessRenewal   BusinessType = "renewal"
	BusinessExpansion BusinessType = "expansion"
)

// Valid reports whether b is one of the business types.
func (b BusinessType) Valid() bool {
	return b == BusinessNew || b == BusinessRenewal || b == BusinessExpansion
}

func normalizeName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// Partner is a lean partner profile: the facts every pillar may need.
// Pillars take what they need from it; host-specific fields go into
// Attributes. A Partner is plain data and round-trips through JSON.
type Partner struct {
	ID      PartnerID   `json:"id"`
	Name    string      `json:"name"`
	Type    PartnerType `json:"type"`
	Tier    Tier        `json:"tier,omitempty"`
	Motions []Motion    `json:"motions,omitempty"`
	Regions []Region    `json:"regions,omitempty"`
	// Joined is when the partner signed the agreement; zero when unknown.
	Joined time.Time `json:"joined,omitzero"`
	// Attributes hold host-specific fields ("vertical": "healthcare").
	Attributes map[string]string `json:"attributes,omitempty"`
}

// HasMotion reports whether the partner runs motion m.
func (p Partner) HasMotion(m Motion) bool { return slices.Contains(p.Motions, m) }

// InRegion reports whether the partner covers region r.
func (p Partner) InRegion(r Region) bool { return slices.Contains(p.Regions, r) }

// Attribute returns the attribute key and whether it is set.
func (p Partner) Attribute(key string) (string, bool) {
	v, ok := p.Attributes[key]
	return v, ok
}

// Validate checks the profile on its own: an ID, a common partner type
// and common motions. Use [Program.ValidatePartner] to check it against a
// program's own types, motions and tiers.
func (p Partner) Validate() error { return Program{}.ValidatePartner(p) }

// Program is the shared definition of a partner program: its tiers, the
// partner types and motions it recognizes beyond the common ones, its
// currency and its fiscal calendar. Pillar definitions refer to it for
// validation. It is plain data; validate it once with [Program.Validate].
type Program struct {
	Name string `json:"name,omitempty"`
	// Tiers is the tier ladder, lowest first.
	Tiers TierLadder `json:"tiers"`
	// PartnerTypes and Motions declare the program's own values in
	// addition to the common ones.
	PartnerTypes []PartnerType `json:"partner_types,omitempty"`
	Motions      []Motion      `json:"motions,omitempty"`
	// Currency is the program's reporting currency.
	Currency Currency `json:"currency,omitempty"`
	Calendar Calendar `json:"calendar,omitzero"`
}

// Validate checks the declared values and the calendar.
func (pr Program) Validate() error {
	var probs Problems
	for i, t := range pr.PartnerTypes {
		if normalizeName(string(t)) != string(t) || t == "" {
			probs.Add(Path("partner_types", i), "must be a non-empty lowercase name with underscores", string(t))
		}
	}
	for i, m := range pr.Motions {
		if normalizeName(string(m)) != string(m) || m == "" {
			probs.Add(Path("motions", i), "must be a non-empty lowercase name with underscores", string(m))
		}
	}
	if pr.Currency != "" && !pr.Currency.Valid() {
		probs.Add("currency", "must be a known ISO 4217 code", string(pr.Currency))
	}
	probs.Merge("calendar", pr.Calendar.Validate())
	return probs.Err()
}

// ValidPartnerType reports whether t is a common type or one the program
// declares.
func (pr Program) ValidPartnerType(t PartnerType) bool {
	return t.Valid() || slices.Contains(pr.PartnerTypes, t)
}

// ValidMotion reports whether m is a common motion or one the program
// declares.
func (pr Program) ValidMotion(m Motion) bool {
	return m.Valid() || slices.Contains(pr.Motions, m)
}

// ValidatePartner checks p against the program: an ID, a known partner
// type, known motions, and a tier on the program's ladder (when the
// ladder is not empty).
func (pr Program) ValidatePartner(p Partner) error {
	var probs Problems
	if p.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	if !pr.ValidPartnerType(p.Type) {
		probs.Add("type", "must be a common partner type or one the program declares", string(p.Type))
	}
	for i, m := range p.Motions {
		if !pr.ValidMotion(m) {
			probs.Add(Path("motions", i), "must be a common motion or one the program declares", string(m))
		}
	}
	if p.Tier != "" && pr.Tiers.Len() > 0 && !pr.Tiers.Contains(p.Tier) {
		probs.Addf("tier", string(p.Tier), "must be one of %s", pr.Tiers)
	}
	return probs.Err()
}
