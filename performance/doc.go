// Package performance implements partner performance management: metric
// definitions with leading and lagging indicators, exact and mergeable
// aggregation of raw observations into per-partner, per-period values,
// internal and external scorecards with explained scores, trends and peer
// benchmarks, tier requalification with grace periods and hysteresis, and
// quarterly business reviews rendered to Markdown.
//
// It follows the library's pattern: define, compile, evaluate, explain.
//
// # Definitions
//
// A [MetricDef] describes one metric as data: its key, name, [Unit]
// (count, money with a currency, ratio, percent, duration in days),
// [Indicator] (leading or lagging), [Direction] (higher or lower is
// better), [Aggregation] and [Visibility] (internal only, or shared with
// the partner). Aggregations are:
//
//   - [AggSum]: the exact sum of the observed values.
//   - [AggCount]: the number of observations (a period without any counts 0).
//   - [AggDistinct]: the number of distinct [Observation.Key] values.
//   - [AggAverage]: the sum over the count, rounded half-even to the
//     metric's places.
//   - [AggRatio]: the value of one metric over another for the same partner
//     and period (win rate = won / closed), times 100 for a percent unit,
//     rounded half-even; missing when the denominator is zero or missing.
//   - [AggLatest]: the value observed last; equal times keep the larger
//     value, so the result does not depend on input order.
//   - [AggPercentile]: the nearest-rank percentile, the smallest observed
//     value v with at least p% of the values ≤ v (rank ⌈p/100 × n⌉). It
//     never interpolates, so it is always an observed value and exact.
//
// Each aggregation needs some fields and refuses the ones it would ignore
// (a ratio needs a numerator and a denominator; a percentile needs its
// percentile; a count refuses places; only a ratio takes operands); the
// table is on [MetricDef].
//
// A [Template] defines a scorecard: weighted categories ([DefaultCategories]
// gives engagement, selling motion, partner health and GTM alignment) of
// weighted metrics, each with a [Normalization] (linear and inverse need a
// target and refuse bands; banded needs bands and refuses a target) and
// optional [TargetOverride] values per tier, segment or both, status
// [Band] values (red below 50, amber, green from 75 by default) and a
// [MissingPolicy] (fixed needs a score, the other modes refuse one). A
// [TierPolicy] defines requalification and [QBRRules] the QBR.
//
// # Definitions in JSON
//
// Every definition decodes strictly, through a Parse function that its
// UnmarshalJSON shares: [ParseCatalog] (a [CatalogDef]), [ParseMetric] (one
// metric, a row of a host's table), [ParseTemplate], [ParseTierPolicy] and
// [ParseQBRRules]. An unknown or duplicate key, or a value of the wrong
// shape, is an error naming its path, with a suggestion where one is
// close; paths name list elements by their IDs (metric and category keys,
// tier names, band names):
//
//	metrics[certified_people].agregation: unknown field; did you mean "aggregation"?
//	categories[selling_motion].metrics[bookings].normalization.target: the linear method needs a target (the value that scores 100)
//	tiers[platinum].min_total: must be at least gold's min_total 70.00: a higher tier must not be easier to reach than a lower one (got "60")
//
// The rules for numbers:
//
//   - Percents are strings in percent units: "90" and "90%" are 90%. A
//     bare JSON number is refused where the field is a percent (a
//     metric's percentile, the QBR growth): 0.9 might mean 0.9% or 90%.
//   - Values, targets and thresholds are in the metric's unit, as decimal
//     strings: "10" registrations, "40" for 40% of a percent metric (its
//     values are in percent units too), "0.25" for a ratio metric (a
//     fraction). A target of a percent metric between 0 and 1 draws a
//     warning.
//   - Amounts are bare decimal strings, "250000.00": a money metric fixes
//     the currency, so its observations, targets and bounds carry none.
//   - Weights, scores and band minimums are decimal strings ("25", "87.5");
//     scores and margins are points from 0 to 100.
//   - Definitions hold no dates: periods come from the program's
//     [partnerops.Calendar] (see below). Inputs and results (observations,
//     periods, actions) carry RFC 3339 times ("2026-01-31T00:00:00Z").
//
// A metric catalog:
//
//	{"metrics": [
//	  {"key": "deal_regs", "name": "Deal registrations", "unit": "count",
//	   "indicator": "leading", "aggregation": "count", "visibility": "shared"},
//	  {"key": "bookings", "name": "Bookings", "unit": "money", "currency": "USD",
//	   "indicator": "lagging", "aggregation": "sum", "visibility": "shared"},
//	  {"key": "deals_won", "name": "Deals won", "unit": "count",
//	   "indicator": "lagging", "aggregation": "count"},
//	  {"key": "deals_closed", "name": "Deals closed", "unit": "count",
//	   "indicator": "lagging", "aggregation": "count"},
//	  {"key": "win_rate", "name": "Win rate", "unit": "percent",
//	   "indicator": "lagging", "aggregation": "ratio",
//	   "numerator": "deals_won", "denominator": "deals_closed", "visibility": "shared"},
//	  {"key": "deal_size_p90", "name": "Deal size (p90)", "unit": "money",
//	   "currency": "USD", "indicator": "lagging",
//	   "aggregation": "percentile", "percentile": "90"}
//	]}
//
// A scorecard template (bookings targets in the metric's currency; the
// win rate banded in percent units):
//
//	{"key": "partner_scorecard", "name": "Partner scorecard FY2027",
//	 "categories": [
//	  {"key": "engagement", "name": "Engagement", "weight": "40", "metrics": [
//	    {"metric": "deal_regs", "weight": "1", "key": true,
//	     "normalization": {"target": "10"}}]},
//	  {"key": "selling_motion", "name": "Selling motion", "weight": "60", "metrics": [
//	    {"metric": "bookings", "weight": "3", "key": true,
//	     "normalization": {"target": "250000.00"},
//	     "targets": [{"tier": "gold", "normalization": {"target": "500000.00"}}]},
//	    {"metric": "win_rate", "weight": "2",
//	     "normalization": {"method": "banded", "bands": [
//	       {"threshold": "20", "score": "50"}, {"threshold": "40", "score": "100"}]}}]}],
//	 "missing": {"mode": "exclude"}}
//
// A requalification policy:
//
//	{"tiers": [
//	  {"tier": "silver", "min_total": "50"},
//	  {"tier": "gold", "min_total": "70", "requirements": ["sales_certified"],
//	   "metrics": [{"metric": "bookings", "min": "250000.00"}]},
//	  {"tier": "platinum", "min_total": "85", "requirements": ["sales_certified"],
//	   "metrics": [{"metric": "bookings", "min": "1000000.00"}]}],
//	 "promotion_margin": "5", "demotion_margin": "5", "grace_periods": 1}
//
// QBR rules:
//
//	{"growth": "10", "notable_change": "15", "max_highlights": 3}
//
// # Engines and warnings
//
// [CompileMetrics] validates metric definitions into a [Catalog];
// [CompileScorecard] validates a template against a catalog and the
// program ([partnerops.Program]: its tier ladder, fiscal calendar and
// reporting currency) into a [Scorecard]; [NewRequalifier] validates a
// policy against the tier ladder into a [Requalifier]. Each reports every
// problem at once as [*partnerops.ValidationError] values with paths by
// ID, under one "performance: " prefix; a compile error caused by missing
// program context says what to pass. Each precomputes what evaluation
// needs (integer weights, fixed-point thresholds, a tier × segment table
// of targets) and is immutable and safe for concurrent use.
//
// Definitions that are valid but probably not meant come back from
// [Catalog.Warnings], [Scorecard.Warnings], [Requalifier.Warnings] and
// [QBRRules.Warnings]: a percent between 0 and 1, category weights that
// do not sum to 100, a catalog metric the scorecard never uses, a sum of
// percents, a tier nobody can be promoted into, a requirement a higher
// tier drops.
//
// # Periods and the program calendar
//
// The program's fiscal [partnerops.Calendar] is an explicit input: the
// scorecard is compiled with the program, a scored period with a unit (a
// quarter, a month) must be that calendar's period of the unit, and
// results and QBRs are labelled by it ([Result.Label], [QBR.Label]:
// "FY2027-Q4"). A quarter built from another calendar (a calendar-year
// quarter under a fiscal year starting in February) is refused with
// [partnerops.ErrInvalid] instead of being mislabelled. Build aggregator
// periods with the same calendar: program.Calendar.Quarter(t).Periods(4).
//
// # Aggregation
//
// [Catalog.NewAggregator] returns an [Aggregator] over a list of periods
// of any length (months, fiscal quarters from a [partnerops.Calendar],
// weeks, custom spans; gaps allowed). [Aggregator.AddAll] folds
// [Observation] values (partner, metric, time, value) into partial
// aggregates and counts what it skipped ([Skipped]); [Aggregator.Add]
// does one and says why it refused. [Aggregator.Value],
// [Aggregator.Values] and [Aggregator.Series] read the results, and
// [Aggregator.ScoreInputs] turns a period's values into scorecard inputs.
//
// Partial aggregates are mergeable: [Aggregator.Merge] is associative and
// commutative, so a host can aggregate shards in parallel (one Aggregator
// per goroutine or partition) and merge the partials in any grouping and
// order to get exactly what one aggregation of everything gives; a
// property test checks this over random shardings and merge trees. The
// state kept for that is exact: sums and counts are int64 multiples of
// 10^-places with signed-overflow detection, falling back to an exact
// decimal for a sum that overflows or a value with more digits than the
// metric's places; distinct counts keep the exact set of keys;
// percentiles keep every value (memory grows with the observations, the
// price of exact merging).
//
// # Scoring
//
// [Scorecard.Score] and [Scorecard.ScoreAll] turn a partner's values
// ([ScoreInput]) into a [Result] in a [View]:
//
//   - Each metric value is normalized to 0-100: [MethodLinear] (0 at Zero,
//     100 at Target, linear between, capped), [MethodInverse] (the same for
//     lower-is-better metrics) or [MethodBanded] (a step function). The
//     target is the one of the partner's tier and segment: tier and
//     segment, then tier, then segment, then the metric's own.
//   - Missing values count as 0 ([MissingZero], the default), a fixed
//     score ([MissingFixed]), or are left out with their weight
//     renormalized within the category ([MissingExclude]); a metric left
//     out has no score and no band, in the scorecard and in the QBR alike.
//   - A category score is the weighted mean of its counted metrics; the
//     total is the weighted mean of its counted categories. Every metric
//     reports its effective weight and its contribution to the total, and
//     the contributions add up to the total exactly.
//   - [ViewExternal] is the scorecard the partner sees: metrics whose
//     visibility is internal are dropped and the remaining weights are
//     renormalized within their category; a category left with no metric
//     is dropped and the category weights renormalized. The external total
//     is therefore a full 0-100 score over what the partner can see, not
//     the internal total with holes. Both views come from one template.
//
// [Result.Markdown] renders a scorecard with its contributions.
//
// # Trends, benchmarks, requalification and QBRs
//
// [Analyze] computes period-over-period change (a [partnerops.Percent]
// change, as every rate in this package), a moving average, the
// least-squares slope, the current streak and a sparkline for a series of
// [Point] values; [Slope], [MovingAverage], [Streak], [SparkLevels] and
// [Sparkline] are available alone. [Movers] finds the partners that
// improved or declined most. [Benchmark] ranks partners within peer groups
// (a tier, a segment) with a percentile rank of (B + E/2) / N × 100, B the
// peers with a worse value, E those with an equal one (the partner
// included), N the group size.
//
// [Requalifier.Recommend] recommends promote, keep or demote for a
// partner from its review history ([ReviewPeriod]: scorecard total, metric
// values, and host-evaluated requirement results such as certifications),
// with the reasons and every requirement check. A promotion needs the
// higher tier's minimum total plus PromotionMargin; keeping a tier allows
// its minimum minus DemotionMargin, so a partner hovering at a threshold
// is not moved up and down (hysteresis). Failing reviews are tolerated
// for GracePeriods reviews before a demotion. Tiers move one step at a
// time unless AllowSkip is set. Requirements never get easier going up
// the ladder ([NewRequalifier] refuses a policy where they do).
//
// [Scorecard.QBR] assembles a [QBR] for one partner and quarter:
// performance against plan with attainment and a sparkline per key metric,
// scorecard categories, enablement progress and partnership health from
// host facts, next-quarter targets from the trend (latest + slope, never
// worse than the latest, plus a growth percentage), joint actions, and
// highlights and lowlights chosen by documented rules. [QBR.Markdown]
// renders it.
//
// # Charts
//
// Results draw themselves as deterministic, accessible SVG (a title, a
// description stating the finding, text labels on every mark; no fonts,
// files or I/O; the same input gives the same bytes):
//
//   - [Result.SVG]: the category contributions, one stacked bar per
//     category as long as its weight, split into points earned and missed,
//     and the total against 100.
//   - [TrendSVG] (over a partner's results) and [QBR.TrendSVG] (from
//     [PlanLine.History]): a metric's value per quarter against its target,
//     dashed. Quarters without a value are left out and named.
//   - [PeerRank.SVG]: the partner's percentile on 0 to 100, and nothing
//     else: no other partner's identity or value, no group size or rank.
//   - [MovementSVG]: promote, keep and demote counts per tier of a
//     requalification run, tiers in ladder order.
//
// [Result.HTML] and [QBR.HTML] set a scorecard and a QBR as one
// self-contained printable HTML page (inline SVG and CSS, no scripts, no
// external requests; the page parses as XML), the QBR with the sections
// of [QBR.Markdown]. Every chart and page shows only what its result
// holds, so the charts and pages of an external result, and of a QBR
// built from external results, carry no internal metric, note or
// threshold and no other partner: a property test over random
// scorecards with metrics marked internal at random searches every
// external output for them.
//
// # Results are data
//
// Every result type ([Result], [Trend], [Point] series, [Skipped],
// [Mover], [PeerRank], [Recommendation], [QBR]) and every input
// ([ScoreInput], [RequalInput], [QBRInput], [Observation]) round-trips
// through encoding/json with snake_case keys: decoding what was encoded
// gives an equal value that renders the same text, which property tests
// check for every type. Decimals, percents and points encode as strings
// ("150001.50", "12.5", "87.25"), through the root package's formatting,
// never through a dependency's global settings. A host can keep results
// as its audit trail. (Values beyond the root's decimal range, more than
// 30 integer digits, cannot be decoded; only aggregated sums of
// extraordinary size reach it.)
//
// # Rounding and invariants
//
//   - Aggregated sums and counts are exact. Averages and ratios are
//     rounded once, half-even, to the metric's places (defaults: the
//     currency's minor units for money, 0 for counts, 4 for ratios, 2
//     otherwise). Trend statistics are rounded once, half-even, to
//     [TrendPlaces] (4) digits; the slope is computed exactly as
//     (nΣxy − ΣxΣy) / (nΣx² − (Σx)²) before that single rounding.
//     Attainment and enablement progress are exact quotients rounded
//     once, half-even, to hundredths of a percent; next-quarter targets
//     are rounded once, away from the easy side. Property tests check
//     each against an exact big.Rat reference.
//   - Scores use integer fixed point: values are scaled to the metric's
//     places (or the thresholds', if more) plus 4 digits, rounding toward
//     negative infinity, and saturate beyond the int64 range; metric scores
//     are computed in millionths of a point rounded down, and reported as
//     [Points] (hundredths) rounded half up, which equals rounding the
//     exact score half up once (a half-hundredth is a whole number of
//     millionths, so rounding down to millionths never crosses one).
//     Category scores and the total are weighted means of the metric
//     scores in millionths, so they are within a millionth of a point of
//     the exact weighted mean before their half-up rounding.
//     Contributions are apportioned in hundredths by largest remainder so
//     they sum to the total. Every step is monotone, so a better value
//     never lowers a score, and every score is within [0, 100]; property
//     tests check both.
//   - Results are deterministic: no map iteration order reaches an output,
//     ties are broken by partner ID or metric key.
//   - Every function is linear, or n log n, in its input; growth tests
//     time each at n and 8n.
//
// # Errors
//
// Runtime conditions are sentinels wrapped with context: [ErrUnknownMetric],
// [ErrOutOfPeriod], [ErrMissingKey], [ErrDerivedMetric], [ErrIncompatible],
// and the root's [partnerops.ErrUnknownTier],
// [partnerops.ErrCurrencyMismatch], [partnerops.ErrInvalid] and
// [partnerops.ErrRange]. Every message carries one "performance: " prefix.
// Host input never causes a panic or an unbounded allocation: every
// number a host hands in (observations, score inputs, definitions, review
// metrics, peer values, plans, satisfaction, enablement counts, QBR
// percents) is range-checked with the root's limits
// ([partnerops.Decimal.Validate]: more than 30 integer or 18 fraction
// digits, such as 1e999999999, is refused with [partnerops.ErrRange], or
// [partnerops.ErrInvalid] in a definition) before any arithmetic could
// expand it; the trend functions treat such a value as absent. Fuzz
// targets cover every Parse function and evaluation over fuzzed values
// and observations.
//
// # Concurrency
//
// [Catalog], [Scorecard] and [Requalifier] are immutable and safe for
// concurrent use. An [Aggregator] is a mutable partial owned by one
// goroutine; parallelism is the host's choice, by giving each goroutine
// its own Aggregator and merging. The package starts no goroutines.
//
// # Performance
//
// Measured on a shared 2-vCPU VM, as medians of 6 runs of
// go test -bench -benchmem -count=6 (load average 2 to 11 from other jobs
// unless "idle machine" is said, so timings are noisy):
//
//   - Aggregating 10,000,000 observations for 20,000 partners × 30
//     metrics into four quarters on one goroutine ([Aggregator.AddAll]),
//     observations grouped by partner: 0.50 s, 20M observations/s on the
//     idle machine (target ≥ 5M/s, < 2 s). In time order, partners
//     scattered: 1.66 s, 6.0M/s on the idle machine (2.2 s before counts,
//     which carry no value, joined the partitioned path), bound by cache
//     misses on the 77 MB of cells and by the map look-ups of partner
//     keys. Hosts with scattered streams can also aggregate shards in
//     parallel and merge them.
//     Allocations: 80,214 per run, 0.008 per observation (one block per
//     partner and quarter; target ≤ 2), none in steady state (tested).
//   - Merging four shards of 2,500,000 observations each: 66 ms.
//   - Scoring 20,000 partners on a 9-metric template ([Scorecard.ScoreAll]):
//     37 ms (target < 50 ms), 3 allocations in all.
//
// The decimal fence and strict definitions (issue 12) changed no hot
// path: values cross the fence without a copy. Measured before and after
// on the same loaded machine (load average 4 to 16, so wall times were 2
// to 6 times the idle ones), as medians of 6 interleaved runs of each
// binary, in CPU time per operation (the benchmarks report cpu-ns/op,
// which preemption by other jobs does not inflate): grouped aggregation
// 862 ms before, 876 ms after; scattered 3.78 s, 3.27 s; scoring 48.3 ms,
// 49.6 ms (benchstat: no significant difference, p ≥ 0.48, with ±30%
// spread); allocations unchanged (scoring allocates 0.7% more bytes, for
// the period label of each result). The idle-machine numbers above were
// not re-measured.
//
// How: the aggregator resolves metrics through a slot table keyed by a
// cheap hash of the key (compared exactly; a shared slot falls back to a
// map) and partners through a map, each with a one-entry cache, finds the
// period by binary search over precomputed bounds and accumulates integers into a dense block of cells per partner
// and period, so the hot path does no decimal arithmetic and allocates
// nothing. A large batch with scattered partners is resolved first and
// applied in partner order after a radix sort, which halves the cost of
// cache misses. Scoring runs on integers with 128-bit intermediates,
// checks and labels a batch's period once, and writes results into slices
// allocated once per batch.
package performance
