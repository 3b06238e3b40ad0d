// Package strategy implements partner portfolio analysis: segment
// analysis, capability assessment and motion readiness, the motion mix and
// the competitive landscape. Its other models have their own rooms:
//
//   - [github.com/partnerops/partnerops/strategy/fit]: ICP and ideal
//     partner profile fit scoring (fit.Compile, fit.Model.Score);
//   - [github.com/partnerops/partnerops/strategy/mapping]: account mapping,
//     normalization, overlap and whitespace (mapping.NewIndex,
//     mapping.Index.Map);
//   - [github.com/partnerops/partnerops/strategy/economics]: program P&L,
//     cash flows, NPV/IRR/XNPV/XIRR, payback, break-even, scenarios,
//     sensitivity and Monte Carlo (economics.Compile, economics.NPV).
//
// Every part follows the library's pattern: definitions are plain data
// that the Parse functions decode strictly, a compile or analysis step
// validates them once (reporting every problem as a
// *partnerops.ValidationError whose path names elements by their IDs),
// evaluation takes the facts and an explicit time, and results carry
// their explanation, render to text and Markdown, and round-trip through
// encoding/json.
//
// # Definitions in JSON
//
// A capability framework ([CapabilityFramework], decoded by
// [ParseCapabilityFramework]):
//
//	{
//	  "name": "cloud program",
//	  "capabilities": [
//	    {"id": "aws", "name": "AWS delivery", "kind": "technical",
//	     "levels": ["foundational", "associate", "professional"]},
//	    {"id": "sales_cert", "kind": "certification", "levels": ["certified"],
//	     "evidence_required": true, "valid_days": 365}
//	  ],
//	  "profiles": [
//	    {"id": "resell", "motion": "resell", "requirements": [
//	      {"capability": "sales_cert", "min_level": "certified", "must_have": true},
//	      {"capability": "aws", "min_level": "associate", "weight": "2"}]},
//	    {"id": "co_sell_gold", "motion": "co_sell", "tier": "gold", "ready_at": "75",
//	     "requirements": [{"capability": "aws", "min_level": "professional"}]}
//	  ]
//	}
//
// A segmentation spec ([SegmentSpec], [ParseSegmentSpec]):
//
//	{"by": [{"kind": "type"}, {"kind": "attribute", "attribute": "vertical"}],
//	 "currency": "USD", "top_n": 5, "pareto_share": "80",
//	 "current": {"start": "2026-04-01", "end": "2026-07-01", "unit": "quarter"}}
//
// Landscape options ([LandscapeOptions], [ParseLandscapeOptions]):
//
//	{"by": [{"kind": "region"}], "our_share": {"p1": "60", "p2": "45%"}}
//
// The rules are the library's. Percents (ready_at, pareto_share, shares)
// are strings in percent units: "75" and "75%" are 75%; a bare JSON number
// is refused, because 0.75 might mean 0.75% or 75%, and a percent between 0
// and 1 draws a warning. Weights and other decimals are decimal strings
// ("2", "2.5"). Amounts are {"amount": "1200.00", "currency": "USD"}.
// Dates are "2026-04-01" (midnight UTC) or RFC 3339 times. An unknown key
// is an error naming its path with a suggestion where one is close
// (capabilities[aws].levles: unknown field; did you mean "levels"?);
// duplicate keys and wrong shapes are errors too. Paths name elements by
// their IDs: profiles[resell].requirements[aws].weight. Host records decode
// the same way: [ParseAssessments], [ParseAffiliations],
// [ParseMotionDeals].
//
// # Segment analysis
//
// [AnalyzeSegments] groups [SegmentMember] values (a partnerops.Partner
// with current revenue, prior-period revenue and pipeline) by any
// [SegmentDimension]: type, tier, region, motion or a partner attribute
// ([By] builds them from names; only an attribute dimension names an
// attribute). For the whole portfolio and each segment it reports counts,
// exact Money sums, shares of the totals, growth between the two periods
// and revenue [Concentration]: the top-N share, the Herfindahl-Hirschman
// index (sum of squared percentage shares, 0 to 10,000) and the Pareto
// point (the fewest members reaching 80% of revenue, or
// [SegmentSpec].ParetoShare). A partner with several regions or motions
// counts in each of its segments, and the report says so
// ([SegmentReport].Overlapping). Segments are sorted by revenue, then key.
// [SegmentMembersFromRecords] builds the members from dated revenue and
// pipeline records ([SegmentRecord]) for a current and a prior period.
//
// # Capability assessment and motion readiness
//
// A [CapabilityFramework] defines capabilities ([CapabilityDef]: technical,
// sales, services, vertical, regional, certification-backed) with ordered
// levels, and [RequirementProfile] values per motion and optionally per
// tier: the minimum level per capability, must-haves and weights, and the
// readiness score needed ([RequirementProfile].ReadyAt, default 100%).
// [CompileCapabilities] returns a [CapabilityEngine] with its
// [CapabilityEngine.Warnings].
//
// Partners are assessed with [Assessment] records (level, evidence, date).
// At an evaluation time the latest assessment at or before it counts, ties
// to the higher level, unless it is stale (older than ValidDays) or lacks
// required evidence ([CapabilityEngine.Levels]). [CapabilityEngine.Readiness]
// scores a partner against one profile: Σ weight × min(current, required)
// / required over Σ weight, exact, truncated to hundredths of a percent;
// Met and Missing requirements; and the [Gap] list that enablement should
// close, must-haves first, then most levels short, then weight.
// [CapabilityEngine.Evaluate] does this for every profile and lists the
// motions the partner is ready for: ready for every profile of the motion
// that applies to it (no tier, or the partner's tier).
// [CapabilityEngine.Coverage] summarizes a portfolio per motion, overall and
// by segment (partners, ready partners, coverage, average readiness;
// [MotionCoverage.Uncovered] lists segments where nobody is ready), and
// [AnalyzeMotionMix] splits host-supplied deals' revenue (won) and pipeline
// (open) by motion, with the part sold by partners not ready for it.
//
// # Competitive landscape
//
// [AnalyzeCompetition] takes our partners and their [Affiliation] records
// with competitors (sells, services, certified, share of practice,
// exclusive) and returns a [Landscape]: per competitor, how many of our
// partners work with it and how, its average share of their practice, its
// segments and the partners leaning to it; per partner, a [Stance]. The
// stance rule, documented on [PartnerStance]: no affiliation is exclusive
// to us; exclusivity with a competitor, or a competitor's practice share
// above ours (given by the host, or 100% minus the known competitor
// shares), is leaning to it; anything else is shared.
//
// # Results as data
//
// [SegmentReport], [Readiness], [PartnerReadiness], [MotionCoverage],
// [MotionMix] and [Landscape] round-trip through encoding/json with
// snake_case keys (amounts as {"amount","currency"}, percents and decimals
// as strings) and render the same text after a round trip; their JSON never
// depends on the decimal package's global settings.
//
// # Rounding and invariants
//
// Readiness scores are exact rationals (over the least common multiple of
// the required levels; see [MaxCapabilityLevels]) truncated to hundredths
// of a percent, as are requirement credits. Shares, growth, coverage, HHI
// and averages are rounded once, half to even, to 2 fraction digits, from
// the exact ratio. Money sums are exact: amounts are scaled to their
// largest number of fraction digits and summed in 128 bits (an amount that
// does not fit 18 digits at that scale is rejected with
// partnerops.ErrRange). Every amount and percent from the host is
// range-checked as partnerops.Decimal.Validate does, so a hostile number
// (1e-3000000) is refused at once with its path. Percentiles use the
// nearest rank. Every analysis and renderer is linear (or n log n) in its
// input (growth-tested).
//
// # Errors
//
// Definition problems are *partnerops.ValidationError values (wrapping
// partnerops.ErrInvalid), all reported at once with their paths under one
// "strategy: " prefix. Runtime conditions are sentinels wrapped with
// context: [ErrUnknownProfile], [ErrUnknownCapability],
// [ErrUnknownPartner], [ErrDuplicate], plus partnerops.ErrRange and
// partnerops.ErrCurrencyMismatch. Nothing panics on host input.
//
// # Concurrency
//
// A [CapabilityEngine] is immutable after compilation and safe for
// concurrent use. The package starts no goroutines.
//
// # Performance
//
// Measured on the project's shared 2-vCPU VM (go1.26, -count=6, medians),
// with other jobs competing for the cores:
//
//   - [AnalyzeSegments], 100,000 partners by type, tier and region (80
//     segments): 30 ms of CPU, 35 ms wall (target: under 50 ms).
//   - [CapabilityEngine.Coverage], 10,000 partners, 3 profiles: 35 ms wall.
package strategy
