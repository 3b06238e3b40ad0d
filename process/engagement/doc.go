// Package engagement implements the rules of engagement that decide a
// channel conflict: when two partners, or a partner and the vendor's
// direct sales, claim one deal, ordered policies decide who owns it or
// how its credit splits, and the decision says which policies were
// consulted, which decided, and why.
//
// It follows the library's pattern: define ([Rules] with ordered
// [Policy] values, decoded strictly by [ParseRules]), compile ([Compile]
// returns an immutable [Engine] with its [Engine.Warnings]), evaluate
// ([Engine.Decide] on a [Case] of [Claim] values) and explain
// ([Decision], [Decision.Text], [Decision.Markdown]).
//
// # Claims
//
// A [Claim] is a partner's (Partner set) or direct sales' (Direct set).
// Its facts come from the host: when it was registered (for direct
// sales, when the opportunity was created), whether the account is the
// claimant's existing customer (Incumbent), the partner's Tier,
// Certifications (a count the host chooses: certified people,
// specializations) and Attribution (sourced or influenced). A [Case]
// holds the claims and the deal's Value, which the decision splits. The
// deal-registration checks
// ([github.com/partnerops/partnerops/process/dealreg]) name the records
// a case is made of: the new registration and its findings' others.
//
// # Policies
//
// Decide keeps a set of contending claims, all of them at first, and
// consults the policies in order. Each keeps some of the contenders:
//
//	kind                     keeps                                        not applicable when
//	-----------------------  -------------------------------------------  --------------------------------
//	first_to_register        the claims registered within `within` of     no claim is registered
//	                         the earliest (unregistered claims lose)
//	incumbent                the incumbents                               nobody is the incumbent
//	higher_tier              the partners on the highest tier of the      fewer than two partners
//	                         ladder (no tier ranks lowest); direct stays
//	certified                the partners with at least `min` (1)         no partner has them
//	                         certifications; direct stays
//	direct_defers            at a value of at least `min_deal`: every     no direct claim, no registered
//	                         partner (direct defers to registered         partner claim, or no value
//	                         partners); below it, only direct with
//	                         `direct_wins_below`, else all
//	sourced_over_influenced  the partners that sourced the deal; direct   no partner sourced it
//	                         stays
//	split                    everyone: the credit splits by weights       never
//
// A step's [StepResult] says what happened: not_applicable (the facts are
// absent; all stay), tie (every contender passes), narrowed (some were
// dropped) or decided (one is left, or a split). The first policy that
// decides ends the decision; the policies after it are not consulted.
// When none decides (a tie with no split policy), the decision is
// undecided, with a reason naming the contenders, for a person to decide.
// A case with one claim is uncontested and consults nothing.
//
// Tier, certification and attribution compare partners with partners:
// direct sales pass them untouched, and direct_defers, first_to_register
// and incumbent decide between direct sales and partners.
//
// # Credit
//
// The winner of a decided case gets 100% of the credit. A split gives
// each contender a weight: a partner its attribution's (sourced or
// influenced; no attribution counts as influenced), direct sales the
// direct weight, each 1 unless the policy's weights say otherwise. Each
// [Credit] has its Share of 100% to two decimal places and its Amount of
// the case value, both allocated by largest remainder
// ([partnerops.Money.Allocate]), so shares sum to exactly 100% and
// amounts to exactly the value, each within one minor unit of its exact
// share (a property test checks both against big.Rat). A case without a
// value gets shares only.
//
// # Rules in JSON
//
//	{
//	  "id": "roe-2026",
//	  "currency": "USD",
//	  "tiers": ["registered", "silver", "gold", "platinum"],
//	  "policies": [
//	    {"id": "incumbent", "kind": "incumbent"},
//	    {"id": "big-deals", "kind": "direct_defers", "min_deal": "50000.00", "direct_wins_below": true},
//	    {"id": "first", "kind": "first_to_register", "within": "24h"},
//	    {"id": "tier", "kind": "higher_tier"},
//	    {"id": "certified", "kind": "certified", "min": 2},
//	    {"id": "sourced", "kind": "sourced_over_influenced"},
//	    {"id": "split", "kind": "split", "weights": {"sourced": "60", "influenced": "40", "direct": "50"}}
//	  ]
//	}
//
// Amounts are bare decimal strings in the rules' currency ("50000.00"),
// or {"amount": "50000.00", "currency": "USD"} in that currency; a zero
// amount is no amount. Split weights are decimal strings whose ratios
// matter ("60" and "40" split 60/40, as "3" and "2" do); there are no
// percents in the rules. Durations are Go durations ("24h"); dates in a
// [Case] are "2026-03-02" (midnight UTC) or RFC 3339. A case in JSON:
//
//	{"id": "C-8", "value": "25000.00", "claims": [
//	  {"partner": "northwind", "registration": "R-1", "registered": "2026-03-02", "incumbent": true},
//	  {"direct": true, "registration": "O-9", "registered": "2026-02-20"}]}
//
// Unknown or duplicate keys, wrong shapes and fields a kind does not use
// are errors with their paths by policy ID (policies[tier].min: not used
// by kind higher_tier). [Compile] warns about policies after a split
// (unreachable), a repeated kind, no split policy (a tie may stay
// undecided), a zero min_deal and a zero split weight.
//
// # In the channel-conflict workflow
//
// A [Decision] is plain data for the host to record on its
// channel-conflict case (process.ChannelConflict: opened, evidence,
// deciding, decided, appealed, closed). The wiring:
//
//   - open an instance when the deal-registration checks return a
//     conflict (or two claims arrive), with the case ID in its data;
//   - collect evidence ("request_evidence", "close_evidence"): it becomes
//     the claims' facts (registration times, incumbency, attribution);
//   - in "deciding", call Decide and apply "decide" with the decision's
//     Reason as the trigger's reason and DecidedBy and the winners in its
//     data; store the Decision (it round-trips through JSON) beside the
//     instance. An undecided decision leaves the case in "deciding" for a
//     person, who decides with their own reason;
//   - an "appeal" moves the case to "appealed"; the appeal reviewer amends
//     the claims with the new evidence and calls Decide again: when the
//     new decision has [Decision.SameOutcome] as the first, apply
//     "uphold"; otherwise apply "overturn" with the new decision's Reason
//     and record the new decision, which replaces the first.
//
// # Errors
//
// [Compile] reports every problem at once as [*partnerops.ValidationError]
// values with paths by policy ID. [Engine.Decide] returns [ErrNoClaims]
// for a case without claims, and validation errors (paths by partner:
// claims[northwind].tier) for a claim that is both direct and a
// partner's or neither, two claims by one claimant, a tier not on the
// ladder (also [partnerops.ErrUnknownTier]), an unknown attribution, a
// value in another currency ([partnerops.ErrCurrencyMismatch]) or finer
// than its minor units; [partnerops.ErrDivisionByZero] when the split
// weights of the contenders sum to zero. Messages carry one
// "engagement: " prefix.
//
// # Concurrency and performance
//
// An [Engine] is immutable and safe for concurrent use. Decide is linear
// in claims × policies, plus the n log n allocation of a split
// (TestGrowthDecide). With the seven policies of the example above and
// three or four claims (medians of 6, AMD EPYC, quiet machine), a case
// decided by the third policy takes 3.7 µs (85 allocations), by the
// sixth 4.3 µs, and a three-way split by the seventh 6.5 µs
// (BenchmarkDecide).
package engagement
