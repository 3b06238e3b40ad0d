package routing

import (
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// FilterKind names an eligibility filter. The set is closed:
// [FilterKind.Valid] reports whether a kind is one of the constants.
type FilterKind string

// Filter kinds. Each keeps the partners that pass it; see the package
// doc for the exact rule of each.
const (
	// FilterRegion keeps the partners covering the lead's region (every
	// partner when the lead has none).
	FilterRegion FilterKind = "region"
	// FilterType keeps the partners of the filter's Types.
	FilterType FilterKind = "type"
	// FilterTier keeps the partners at MinTier or above on the ladder.
	FilterTier FilterKind = "tier"
	// FilterMotion keeps the partners running the lead's motion (every
	// partner when the lead has none).
	FilterMotion FilterKind = "motion"
	// FilterCertification keeps the partners with at least Min of the
	// certification (or capability) Name, a count the host passes.
	FilterCertification FilterKind = "certification"
	// FilterRequirements keeps the partners meeting each of the lead's
	// own requirements (certification counts).
	FilterRequirements FilterKind = "requirements"
	// FilterCapacity keeps the partners with capacity left: open leads
	// below their capacity (or the definition's default; no capacity
	// means no limit).
	FilterCapacity FilterKind = "capacity"
	// FilterPaused drops paused partners.
	FilterPaused FilterKind = "paused"
	// FilterConflicts drops the partners with a conflict of interest:
	// those the lead excludes, and those whose Conflicts match the lead's
	// account.
	FilterConflicts FilterKind = "conflicts"
)

// SkipOffered is the kind of the skip that counts the partners already
// offered the lead ([Options].Offered); no definition may use it.
const SkipOffered FilterKind = "offered"

var filterKinds = []FilterKind{FilterRegion, FilterType, FilterTier, FilterMotion, FilterCertification,
	FilterRequirements, FilterCapacity, FilterPaused, FilterConflicts}

// FilterKinds returns every filter kind in a fixed order.
func FilterKinds() []FilterKind { return append([]FilterKind(nil), filterKinds...) }

// Valid reports whether k is one of the filter kinds.
func (k FilterKind) Valid() bool {
	for _, x := range filterKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Filter is one eligibility filter. Kind says which; the other fields
// configure the kinds that use them and are refused by the others.
type Filter struct {
	ID   string     `json:"id"`
	Kind FilterKind `json:"kind"`
	// Types (type) are the partner types allowed.
	Types []partnerops.PartnerType `json:"types,omitempty"`
	// MinTier (tier) is the lowest tier allowed, on the definition's
	// ladder.
	MinTier partnerops.Tier `json:"min_tier,omitempty"`
	// Name (certification) is the certification or capability counted.
	Name string `json:"name,omitempty"`
	// Min (certification) is the count needed. Defaults to 1.
	Min int `json:"min,omitempty"`
}

// StrategyKind names a ranking strategy.
type StrategyKind string

// Strategies. See the package doc for how each ranks.
const (
	// StrategyBestFit ranks by the weighted score of the factors.
	StrategyBestFit StrategyKind = "best_fit"
	// StrategyRoundRobin takes the eligible partners in ID order after
	// the cursor the host passes and stores.
	StrategyRoundRobin StrategyKind = "round_robin"
	// StrategyWeightedRandom draws partners at random, weighted by the
	// factors' score (equally without factors), from the caller's
	// *rand.Rand.
	StrategyWeightedRandom StrategyKind = "weighted_random"
	// StrategyLoadBalanced ranks by open leads against capacity, least
	// loaded first.
	StrategyLoadBalanced StrategyKind = "load_balanced"
	// StrategySticky offers the lead first to the partner holding its
	// account, then ranks the rest by the strategy named in Then.
	StrategySticky StrategyKind = "sticky"
)

var strategyKinds = []StrategyKind{StrategyBestFit, StrategyRoundRobin, StrategyWeightedRandom, StrategyLoadBalanced, StrategySticky}

// Valid reports whether k is one of the strategies.
func (k StrategyKind) Valid() bool {
	for _, x := range strategyKinds {
		if x == k {
			return true
		}
	}
	return false
}

// FactorSource names the partner value a factor reads.
type FactorSource string

// Factor sources, with the range each is normalized over unless the
// factor sets Best and Worst.
const (
	// SourceFitScore reads Partner.FitScore; 0 (worst) to 100 (best).
	SourceFitScore FactorSource = "fit_score"
	// SourcePerformanceScore reads Partner.PerformanceScore; 0 to 100.
	SourcePerformanceScore FactorSource = "performance_score"
	// SourceWinRate reads Partner.WinRate in percent; 0 to 100.
	SourceWinRate FactorSource = "win_rate"
	// SourceResponseTime reads Partner.ResponseHours; best 0, worst 72.
	SourceResponseTime FactorSource = "response_time"
	// SourceTier reads the partner's tier: the lowest tier of the ladder
	// is 0, the highest 1, evenly between (no tier is 0).
	SourceTier FactorSource = "tier"
	// SourceCustom reads Partner.Scores[Name], a value of the host's own;
	// 0 to 100.
	SourceCustom FactorSource = "custom"
)

var sources = []FactorSource{SourceFitScore, SourcePerformanceScore, SourceWinRate, SourceResponseTime, SourceTier, SourceCustom}

// Valid reports whether s is one of the sources.
func (s FactorSource) Valid() bool {
	for _, x := range sources {
		if x == s {
			return true
		}
	}
	return false
}

// Factor is one weighted factor of a best-fit score: a partner value
// normalized to 0..1 (Worst → 0, Best → 1, linear between, clamped; a
// missing value is 0) and weighted.
type Factor struct {
	ID     string       `json:"id"`
	Source FactorSource `json:"source"`
	// Name (custom) is the key in Partner.Scores.
	Name string `json:"name,omitempty"`
	// Weight is the factor's relative weight, a positive decimal ("3");
	// only ratios matter.
	Weight partnerops.Decimal `json:"weight"`
	// Best and Worst override the source's range (Best may be below
	// Worst: lower is better).
	Best  *partnerops.Decimal `json:"best,omitempty"`
	Worst *partnerops.Decimal `json:"worst,omitempty"`
}

// Strategy is how eligible partners are ranked.
type Strategy struct {
	Kind StrategyKind `json:"kind"`
	// Factors score partners for best_fit (required) and weight them for
	// weighted_random (optional: equal weights without).
	Factors []Factor `json:"factors,omitempty"`
	// Then (sticky) ranks the partners after the account's holder.
	// Defaults to best_fit.
	Then StrategyKind `json:"then,omitempty"`
}

// Definition is a lead-routing definition: eligibility filters in order,
// the ranking strategy and the offer chain's length. Decode it with
// [ParseDefinition]; compile it with [Compile].
type Definition struct {
	ID string `json:"id,omitempty"`
	// Tiers is the program's ladder, lowest first; required by a tier
	// filter or factor.
	Tiers    partnerops.TierLadder `json:"tiers,omitzero"`
	Filters  []Filter              `json:"filters"`
	Strategy Strategy              `json:"strategy"`
	// Offers is how many partners a lead is offered to, one after the
	// other, before it goes back to the vendor. Defaults to 3.
	Offers int `json:"offers,omitempty"`
	// DefaultCapacity is the capacity (open leads at most) of a partner
	// that states none. Defaults to 0: no limit.
	DefaultCapacity int `json:"default_capacity,omitempty"`
}

type definitionPlain Definition

// ParseDefinition decodes a routing definition strictly (see the package
// doc): unknown and duplicate keys and wrong shapes are errors with their
// paths by ID (filters[gold-plus].min_tier, strategy.factors[fit].weight).
func ParseDefinition(data []byte) (Definition, error) {
	var d Definition
	if err := strict.Decode(data, (*definitionPlain)(&d), strict.Options{}); err != nil {
		return Definition{}, wrap(err, "parsing definition")
	}
	return d, nil
}

// UnmarshalJSON decodes strictly, as [ParseDefinition] does.
func (d *Definition) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*definitionPlain)(d), strict.Options{})
}
