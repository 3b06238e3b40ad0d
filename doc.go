// Package partnerops is the shared vocabulary of the partnerops library:
// the small, exact, validated value types that the five pillars speak.
//
// partnerops is the operational backbone of a partner (channel) program,
// embedded in a host's own services. It is split into five pillars that
// stand alone on this package and never import each other:
//
//   - [github.com/partnerops/partnerops/strategy]: ICP fit scoring, segment
//     analysis, capability and motion readiness, competitive landscape,
//     account mapping and program economics.
//   - [github.com/partnerops/partnerops/process]: workflow state machines
//     with owners, SLAs and exception paths, and the standard partner
//     workflows.
//   - [github.com/partnerops/partnerops/pricing]: price books, discount
//     frameworks and the explainable price waterfall.
//   - [github.com/partnerops/partnerops/enablement]: the enablement catalog,
//     certifications, learning paths and coverage.
//   - [github.com/partnerops/partnerops/performance]: metrics, scorecards,
//     trends, tier requalification and QBRs.
//
// Where one pillar's output feeds another, the host passes plain values
// across; the programs under examples/ show the wiring.
//
// # The pattern: define, compile, evaluate, explain
//
// Every pillar works the same way. Definitions (a price book, a fit model,
// a workflow, a scorecard template) are plain structs that round-trip
// through encoding/json. A compile step validates a definition once,
// reporting every problem with its field path, and returns an immutable
// engine that is safe for concurrent use. Evaluation methods take the facts
// of one case and an explicit time and return a result value that carries
// its own explanation: the waterfall behind a price, the contribution of
// each criterion to a score, the guard that refused a transition.
//
// # Vocabulary
//
// [Partner] is a lean partner profile with a [PartnerType], a [Tier], its
// [Motion] values, [Region] values and host attributes. The common partner
// types and motions are constants; a [Program] declares its own on top,
// together with its [TierLadder] (ordered, program-defined tiers), its
// reporting [Currency] and its fiscal [Calendar].
//
// [Money] is an exact decimal amount with an ISO 4217 [Currency]. Amounts
// in different currencies never mix: [Money.Add], [Money.Sub] and
// [Money.Cmp] return an error wrapping [ErrCurrencyMismatch]. [Percent]
// holds a percentage in percent units ("12.5" is 12.5%, whose
// [Percent.Fraction] is 0.125). [Decimal] is a unitless number with
// hardened JSON decoding and exact arithmetic. [Period] is a half-open time
// range [Start, End) with a unit; a [Calendar] builds months, fiscal
// quarters and fiscal years.
//
// [AccountKey] is the identity of a company for matching (a normalized
// domain and name, or keyed hashes of them): account mapping,
// deal-registration checks and lead de-duplication decide "the same
// company" with the one rule [AccountKey.Match] states.
//
// The module's exported API speaks only these types: no signature or field
// names the decimal package the library computes with inside, so hosts
// import nothing but this module, and a rate is always a [Percent].
//
// # Definitions in JSON
//
// Every pillar decodes its definitions strictly, through one Parse function
// per definition (which UnmarshalJSON shares). The rules are the same
// everywhere:
//
//   - An unknown key is an error naming its path, with a suggestion where
//     one is close: rules[tier-gold].conditions: unknown field; did you mean
//     "when"? A duplicate key is an error too. Nothing is dropped silently.
//   - A value of the wrong shape is an error naming its path and the shape
//     wanted: books[us].entries[SEC-100].list: want a decimal string like
//     "100.00" or {"amount":"100.00","currency":"USD"}.
//   - Paths name list elements by their ID ([Key]): rules[tier-gold],
//     metrics[certified_people], states[under_review]; elements without an
//     ID by their 0-based index. All problems are reported at once.
//   - Percents are strings in percent units: "20" and "20%" are both 20%.
//     A bare JSON number is refused, because 0.2 might mean 0.2% or 20%;
//     compile steps warn about a percent between 0 and 1 as well.
//   - Amounts are {"amount":"100.00","currency":"USD"}, or a bare decimal
//     string "100.00" wherever the enclosing definition fixes the currency
//     (a price book's entries, a framework's rules); a non-zero object in
//     another currency there is an error. A zero amount is zero in every
//     currency, because JSON leaves the zero of an optional amount out:
//     a definition never turns valid or invalid by being stored. See
//     [Money.InCurrency] and [Money.IsZero].
//   - Decimals are strings ("12.5"); a JSON number is accepted too, read
//     as its exact decimal text.
//   - Dates are "2026-01-31" (the first instant of that day, midnight, in
//     the definition's time zone, UTC unless the definition names one) or
//     RFC 3339 times ("2026-01-31T09:00:00-05:00"). Durations are Go
//     duration strings ("72h").
//
// Compile steps also return [Warning] values for definitions that are valid
// but probably not meant: a percent between 0 and 1, a rule no case can
// reach, two rules that can tie.
//
// # Rounding
//
// Nothing is rounded implicitly. Arithmetic is exact (multiplication keeps
// every digit) and rounding happens at points each pillar documents, with a
// named [RoundingMode]: [RoundHalfUp] (ties away from zero, the zero value),
// [RoundHalfEven] (banker's), [RoundDown], [RoundUp], [RoundCeiling] and
// [RoundFloor]. Every rounding function takes places, then mode
// ([Decimal.Round], [Money.RoundTo], [Percent.Round]), and rounds once,
// from the exact value: [Money.Ratio] and [Decimal.Quo] divide exactly
// and round the rational quotient, never a rounded intermediate.
// [Money.Round] rounds to the currency's minor units (USD 2,
// JPY 0, KWD 3). [Money.Allocate] and [Money.Split] divide an amount into
// parts that sum exactly to it, by largest remainder, so splits of credit
// and payouts never lose a cent.
//
// # Errors
//
// Conditions that callers branch on are sentinel errors ([ErrInvalid],
// [ErrCurrencyMismatch], [ErrUnknownTier], ...) wrapped with context, so
// test them with [errors.Is]. Validation reports every problem at once as
// [*ValidationError] values (field path, rule, offending value) joined
// with [errors.Join]; [ValidationErrors] lists them. Bad input produces an
// error, never a panic or a wrong number; hostile numeric text (huge
// exponents, megabytes of digits, "NaN") is rejected by [ParseDecimal]
// before anything proportional to it is allocated. The only panicking
// functions are the Must* helpers, meant for literals in tests and
// examples.
//
// # Determinism and purity
//
// The library does no I/O, reads no clock, environment or global random
// source, logs nothing and starts no goroutine the caller did not ask for.
// Time is always a parameter. Results never depend on map iteration order;
// ties are broken by documented keys (usually IDs). Text rendering of
// decimals never depends on the decimal package's global settings.
package partnerops
