package engagement

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// PolicyKind names a rule of engagement. The set is closed: [PolicyKind.Valid]
// reports whether a kind is one of the constants.
type PolicyKind string

// Policy kinds. Each narrows the claims still contending (see the
// package doc for the exact rule of each); the first to leave one claim,
// or a split, decides.
const (
	// PolicyFirstToRegister keeps the claims registered earliest (within
	// Within of the earliest); unregistered claims lose to registered
	// ones.
	PolicyFirstToRegister PolicyKind = "first_to_register"
	// PolicyIncumbent keeps the incumbents: claimants whose existing
	// customer the account is.
	PolicyIncumbent PolicyKind = "incumbent"
	// PolicyHigherTier keeps the partners on the highest tier of the
	// rules' ladder; direct claims pass untouched.
	PolicyHigherTier PolicyKind = "higher_tier"
	// PolicyCertified keeps the partners with at least Min
	// certifications; direct claims pass untouched.
	PolicyCertified PolicyKind = "certified"
	// PolicyDirectDefers drops direct sales in favour of a registered
	// partner when the deal is worth at least MinDeal (and, with
	// DirectWinsBelow, keeps only direct sales below it).
	PolicyDirectDefers PolicyKind = "direct_defers"
	// PolicySourcedOverInfluenced keeps the partners that sourced the
	// deal over those that influenced it; direct claims pass untouched.
	PolicySourcedOverInfluenced PolicyKind = "sourced_over_influenced"
	// PolicySplit decides every claim still contending: the credit is
	// split by weights (equal by default).
	PolicySplit PolicyKind = "split"
)

var kinds = []PolicyKind{PolicyFirstToRegister, PolicyIncumbent, PolicyHigherTier, PolicyCertified,
	PolicyDirectDefers, PolicySourcedOverInfluenced, PolicySplit}

// PolicyKinds returns every policy kind in a fixed order.
func PolicyKinds() []PolicyKind { return append([]PolicyKind(nil), kinds...) }

// Valid reports whether k is one of the policy kinds.
func (k PolicyKind) Valid() bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Policy is one rule of engagement. Kind says which; the other fields
// configure the kinds that use them and are refused by the others.
type Policy struct {
	ID   string     `json:"id"`
	Kind PolicyKind `json:"kind"`
	// Within (first_to_register) is how close to the earliest
	// registration another counts as a tie ("24h"). Defaults to 0: only
	// the same instant ties.
	Within time.Duration `json:"within,omitempty"`
	// Min (certified) is the number of certifications a partner needs.
	// Defaults to 1.
	Min int `json:"min,omitempty"`
	// MinDeal (direct_defers) is the deal value from which direct sales
	// defer to a registered partner: a bare amount ("50000.00") in the
	// rules' currency. Zero (decoded as the zero Money) means always.
	MinDeal partnerops.Money `json:"min_deal,omitzero"`
	// DirectWinsBelow (direct_defers) makes direct sales win deals below
	// MinDeal outright.
	DirectWinsBelow bool `json:"direct_wins_below,omitempty"`
	// Weights (split) are the relative weights of the split.
	Weights *SplitWeights `json:"weights,omitempty"`
}

// SplitWeights are the relative weights of a split: a partner claim
// weighs Sourced or Influenced by its attribution (a claim without one
// counts as influenced), a direct claim weighs Direct. Each defaults to
// 1, so the default split is equal. Weights are decimals ("60", "2.5"),
// not percents: only their ratios matter.
type SplitWeights struct {
	Sourced    *partnerops.Decimal `json:"sourced,omitempty"`
	Influenced *partnerops.Decimal `json:"influenced,omitempty"`
	Direct     *partnerops.Decimal `json:"direct,omitempty"`
}

// Rules is the definition of a program's rules of engagement: ordered
// policies, the tier ladder that higher_tier ranks on and the currency of
// the amounts. Decode it with [ParseRules]; compile it with [Compile].
type Rules struct {
	ID string `json:"id,omitempty"`
	// Currency is the currency of min_deal amounts and of the deal
	// values cases are decided on. Required when a policy has an amount.
	Currency partnerops.Currency `json:"currency,omitempty"`
	// Tiers is the program's ladder, lowest first; required by
	// higher_tier.
	Tiers partnerops.TierLadder `json:"tiers,omitzero"`
	// Policies are consulted in order.
	Policies []Policy `json:"policies"`
}

type rulesPlain Rules

// ParseRules decodes rules of engagement strictly (see the package doc):
// unknown and duplicate keys and wrong shapes are errors with their paths
// by policy ID (policies[tier].min).
func ParseRules(data []byte) (Rules, error) {
	var r Rules
	if err := r.UnmarshalJSON(data); err != nil {
		return Rules{}, wrap(err, "parsing rules")
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRules] does.
func (r *Rules) UnmarshalJSON(b []byte) error {
	err := strict.Decode(b, (*rulesPlain)(r), strict.Options{})
	for i := range r.Policies {
		r.Policies[i].MinDeal = zeroless(r.Policies[i].MinDeal)
	}
	return err
}

// zeroless returns the zero Money for a zero amount in any currency, so
// that a zero amount, which JSON leaves out, round-trips.
func zeroless(m partnerops.Money) partnerops.Money {
	if m.IsZero() {
		return partnerops.Money{}
	}
	return m
}

// Claim is one claimant's claim on a deal: a partner's, or direct
// sales' (Direct set, no Partner). The facts are the host's: when the
// claim was registered, whether the account is the claimant's existing
// customer, the partner's tier, certifications and attribution.
type Claim struct {
	Partner partnerops.PartnerID `json:"partner,omitempty" path:"key"`
	Direct  bool                 `json:"direct,omitempty"`
	// Registration is the claim's registration or opportunity ID, quoted
	// in reasons; optional.
	Registration string `json:"registration,omitempty"`
	// Registered is when the claim was registered (for direct sales,
	// when the opportunity was created); zero when it was not.
	Registered time.Time `json:"registered,omitzero"`
	// Incumbent: the account is an existing customer of the claimant.
	Incumbent bool            `json:"incumbent,omitempty"`
	Tier      partnerops.Tier `json:"tier,omitempty"`
	// Certifications is the count of relevant certifications the host
	// passes (certified people, specializations).
	Certifications int                    `json:"certifications,omitempty"`
	Attribution    partnerops.Attribution `json:"attribution,omitempty"`
}

// DirectClaimant is the claimant name of a direct claim.
const DirectClaimant = "direct"

// Claimant returns the claim's name in decisions: the partner ID, or
// "direct".
func (c Claim) Claimant() string {
	if c.Direct {
		return DirectClaimant
	}
	return string(c.Partner)
}

// Case is one channel conflict: the claims on a deal and the deal's
// value, which the decision's credit split divides.
type Case struct {
	ID string `json:"id,omitempty"`
	// Value is the deal value; zero when credit is split by shares only
	// (a zero amount decodes as the zero Money). A bare amount takes the
	// rules' currency.
	Value  partnerops.Money `json:"value,omitzero"`
	Claims []Claim          `json:"claims"`
}

type casePlain Case

// ParseCase decodes a case strictly, as [ParseRules] does.
func ParseCase(data []byte) (Case, error) {
	var c Case
	if err := c.UnmarshalJSON(data); err != nil {
		return Case{}, wrap(err, "parsing case")
	}
	return c, nil
}

// UnmarshalJSON decodes strictly, as [ParseCase] does.
func (c *Case) UnmarshalJSON(b []byte) error {
	err := strict.Decode(b, (*casePlain)(c), strict.Options{})
	c.Value = zeroless(c.Value)
	return err
}
