package renewal

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// PolicyID identifies a renewal [Policy].
type PolicyID string

// RuleKind says how a [Policy] prices a renewal.
type RuleKind string

// Rule kinds.
const (
	// RuleUplift: the prior net price raised by Uplift.
	RuleUplift RuleKind = "uplift"
	// RuleIndex: the prior net price raised by an index (given with each
	// renewal, such as CPI) plus Spread, the sum clamped between Floor
	// and Cap.
	RuleIndex RuleKind = "index"
	// RuleLesserOf: the lesser of the uplifted prior net price and the
	// current list price.
	RuleLesserOf RuleKind = "lesser_of_uplift_and_list"
	// RulePriorNet: renew at the prior net price.
	RulePriorNet RuleKind = "prior_net"
	// RuleList: renew at the current list price.
	RuleList RuleKind = "list"
)

var ruleKinds = []RuleKind{RuleUplift, RuleIndex, RuleLesserOf, RulePriorNet, RuleList}

// Valid reports whether k is one of the declared kinds.
func (k RuleKind) Valid() bool {
	for _, x := range ruleKinds {
		if x == k {
			return true
		}
	}
	return false
}

// DayCount is the convention that counts days for proration.
type DayCount string

// Day-count conventions. A proration charges Price × count(part) /
// count(term).
const (
	// DayCountActual (the default) counts calendar days in both the part
	// and the term (actual/actual).
	DayCountActual DayCount = "actual"
	// DayCountActual365 counts calendar days in the part over 365 days for
	// each whole year of the term, which must be whole years: a leap year
	// gives 366/365 of a year's price.
	DayCountActual365 DayCount = "actual_365"
	// DayCount30360 counts 30-day months and 360-day years in both (the
	// US 30/360 bond basis: a start day of 31 counts as 30, and an end
	// day of 31 counts as 30 when the start day is 30 or 31).
	DayCount30360 DayCount = "30_360"
)

// Valid reports whether c is one of the declared conventions.
func (c DayCount) Valid() bool {
	return c == DayCountActual || c == DayCountActual365 || c == DayCount30360
}

// Rounding says where amounts are rounded: to Places digits (default: the
// currency's minor units) with Mode (default half up). The zero value is
// the default.
type Rounding struct {
	Places *int32                  `json:"places,omitempty"`
	Mode   partnerops.RoundingMode `json:"mode,omitempty"`
}

func (r Rounding) places(c partnerops.Currency) int32 {
	if r.Places != nil {
		return *r.Places
	}
	return c.MinorUnits()
}

func checkRounding(r Rounding, path string, p *partnerops.Problems) {
	if r.Places != nil && (*r.Places < 0 || *r.Places > partnerops.MaxDecimalScale) {
		p.Addf(partnerops.JoinPath(path, "places"), fmt.Sprint(*r.Places), "must be between 0 and %d", partnerops.MaxDecimalScale)
	}
	if !r.Mode.Valid() {
		p.Add(partnerops.JoinPath(path, "mode"), "unknown rounding mode", r.Mode.String())
	}
}

// Terms are a program's renewal rules: its renewal policies, the day
// count for proration and co-terming, and the rounding. [Compile]
// validates them once.
type Terms struct {
	Currency partnerops.Currency `json:"currency"`
	Rounding Rounding            `json:"rounding,omitzero"`
	// DayCount for proration and co-terming; defaults to actual.
	DayCount DayCount `json:"day_count,omitempty"`
	Policies []Policy `json:"policies,omitempty"`
}

// Policy is one renewal pricing rule. Each kind uses some fields and
// refuses the others:
//
//   - uplift: Uplift (required);
//   - index: Spread, Floor, Cap (all optional; the renewal gives the
//     index);
//   - lesser_of_uplift_and_list: Uplift (required);
//   - prior_net, list: nothing.
//
// MaxErosion applies to every kind.
type Policy struct {
	ID    PolicyID `json:"id"`
	Label string   `json:"label,omitempty"`
	Rule  RuleKind `json:"rule" aka:"kind,type"`
	// Uplift raises the prior net price ("5" is 5%).
	Uplift *partnerops.Percent `json:"uplift,omitempty"`
	// Spread is added to the index (may be negative).
	Spread *partnerops.Percent `json:"spread,omitempty"`
	// Floor and Cap bound index + spread.
	Floor *partnerops.Percent `json:"floor,omitempty"`
	Cap   *partnerops.Percent `json:"cap,omitempty"`
	// MaxErosion is the most the discount off list may grow at renewal,
	// in percentage points: with a prior discount of 20% and MaxErosion
	// 5, the renewal price is at least the current list × (1 − 25%).
	// It needs the prior and current list prices.
	MaxErosion *partnerops.Percent `json:"max_erosion,omitempty"`
}

type termsPlain Terms

// ParseTerms decodes renewal terms strictly: unknown or duplicate keys,
// wrong shapes and bare-number percents are errors with their paths
// (policies[cpi].spread). [Compile] validates.
func ParseTerms(data []byte) (Terms, error) {
	var t Terms
	if err := strict.Decode(data, (*termsPlain)(&t), strict.Options{}); err != nil {
		return Terms{}, fmt.Errorf("renewal: parsing terms: %w", err)
	}
	return t, nil
}

// UnmarshalJSON decodes strictly, as [ParseTerms] does.
func (t *Terms) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*termsPlain)(t), strict.Options{})
}
