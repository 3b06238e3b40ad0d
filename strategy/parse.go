package strategy

import (
	"fmt"

	"github.com/partnerops/partnerops/internal/strict"
)

// Strict decoding of the package's definitions and records. Each Parse
// function decodes JSON strictly: an unknown key is an error with its path
// and, where one is close, a suggestion; so are duplicate keys and values
// of the wrong shape. Paths name elements by their IDs
// (profiles[co_sell].requirements[aws].weight). Percents are strings in
// percent units ("75" or "75%"; bare numbers are refused), weights and
// other decimals decimal strings ("2.5"), amounts {"amount","currency"}
// objects, dates "2026-01-31" (midnight UTC) or RFC 3339 times. Every
// problem is a *partnerops.ValidationError, all of them joined; the
// compile and analysis functions then check the meaning.

// ParseCapabilityFramework decodes a capability framework (see
// [CapabilityFramework]); compile it with [CompileCapabilities].
func ParseCapabilityFramework(data []byte) (CapabilityFramework, error) {
	var fw CapabilityFramework
	if err := strict.Decode(data, (*capabilityFrameworkPlain)(&fw), strict.Options{}); err != nil {
		return CapabilityFramework{}, fmt.Errorf("strategy: parsing capability framework: %w", err)
	}
	return fw, nil
}

type capabilityFrameworkPlain CapabilityFramework

// UnmarshalJSON decodes strictly, as [ParseCapabilityFramework] does.
func (fw *CapabilityFramework) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*capabilityFrameworkPlain)(fw), strict.Options{})
}

// ParseSegmentSpec decodes a segmentation spec (see [SegmentSpec]).
// A dimension names an attribute only when its kind is "attribute".
func ParseSegmentSpec(data []byte) (SegmentSpec, error) {
	var s SegmentSpec
	if err := strict.Decode(data, (*segmentSpecPlain)(&s), strict.Options{}); err != nil {
		return SegmentSpec{}, fmt.Errorf("strategy: parsing segment spec: %w", err)
	}
	return s, nil
}

type segmentSpecPlain SegmentSpec

// UnmarshalJSON decodes strictly, as [ParseSegmentSpec] does.
func (s *SegmentSpec) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*segmentSpecPlain)(s), strict.Options{})
}

// ParseLandscapeOptions decodes the options of [AnalyzeCompetition]:
// {"by": [{"kind": "region"}], "our_share": {"p1": "60"}}.
func ParseLandscapeOptions(data []byte) (LandscapeOptions, error) {
	var o LandscapeOptions
	if err := strict.Decode(data, (*landscapeOptionsPlain)(&o), strict.Options{}); err != nil {
		return LandscapeOptions{}, fmt.Errorf("strategy: parsing landscape options: %w", err)
	}
	return o, nil
}

type landscapeOptionsPlain LandscapeOptions

// UnmarshalJSON decodes strictly, as [ParseLandscapeOptions] does.
func (o *LandscapeOptions) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*landscapeOptionsPlain)(o), strict.Options{})
}

// ParseAffiliations decodes a list of competitor affiliations (see
// [Affiliation]) for [AnalyzeCompetition].
func ParseAffiliations(data []byte) ([]Affiliation, error) {
	var out []Affiliation
	if err := strict.Decode(data, &out, strict.Options{}); err != nil {
		return nil, fmt.Errorf("strategy: parsing affiliations: %w", err)
	}
	return out, nil
}

// ParseAssessments decodes a list of capability assessments (see
// [Assessment]).
func ParseAssessments(data []byte) ([]Assessment, error) {
	var out []Assessment
	if err := strict.Decode(data, &out, strict.Options{}); err != nil {
		return nil, fmt.Errorf("strategy: parsing assessments: %w", err)
	}
	return out, nil
}

// ParseMotionDeals decodes a list of deals (see [MotionDeal]) for
// [AnalyzeMotionMix], named in paths by their IDs.
func ParseMotionDeals(data []byte) ([]MotionDeal, error) {
	var out []MotionDeal
	if err := strict.Decode(data, &out, strict.Options{}); err != nil {
		return nil, fmt.Errorf("strategy: parsing motion deals: %w", err)
	}
	return out, nil
}
