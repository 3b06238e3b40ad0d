// Package dealreg implements the deal-registration checks: given the
// registrations and direct opportunities a host already holds, it says
// whether a new registration duplicates the partner's own, conflicts
// with another partner's or with direct sales, or only resembles another
// record, and whether it may be approved, must be reviewed, or is
// refused, with the record, key and rule behind every finding.
//
// It follows the library's pattern: define ([Settings], decoded strictly
// by [ParseSettings]), compile ([Compile] returns an immutable [Checker]
// with its [Checker.Warnings]), index ([Checker.Index] builds an immutable
// [Index] over host-supplied [Record] values; [Index.With] adds or
// replaces records), evaluate ([Index.Check]) and explain ([Result],
// [Finding], [Result.Text], [Result.Markdown]).
//
// # Records and keys
//
// A [Record] is a partner's registration (Kind "registration", the
// default, with a Partner) or a direct opportunity of the vendor's own
// sales team (Kind "opportunity", no Partner). Each carries the
// customer's [partnerops.AccountKey], a product [Scope] (SKUs and
// families; an empty scope covers the whole account), the host's Status,
// the Registered time, an optional Expires and an informational Value:
//
//	{"id": "R-3", "partner": "fabrikam",
//	 "account": {"domain": "acme.com", "name": "acme"},
//	 "products": {"skus": ["SEC-100"], "families": ["security"]},
//	 "status": "submitted", "registered": "2026-03-10",
//	 "value": {"amount": "48000.00", "currency": "USD"}}
//
// Build account keys with [partnerops.NewAccountKey] (or keyed hashes
// with [partnerops.AccountKey.Keyed]); the index compares them as given
// and decides "the same company" with [partnerops.AccountKey.Match]: the
// same domain, or the same name where at least one side has no domain.
// The same name under two different domains is a near-duplicate
// ([partnerops.AccountKey.NearDuplicate]), never a match. Dates are
// "2026-03-10" (midnight UTC) or RFC 3339 times; a value is an amount
// with its currency.
//
// # Live records and the rules
//
// A record protects its account, and so can be found, while it is live at
// the time the check is made: its Status is one of [Settings.Active]
// ([DefaultActive]: the open states of the standard deal-registration
// workflow, and "open") and the time lies in its protection window
// [Registered, end), where end is Expires, or Registered plus
// registration_days (90 by default) or opportunity_days (180), or no end
// with -1. Two scopes overlap when they share a SKU or a family, or one
// of them is empty. A live record whose key matches the registration's
// raises, by [Rule]:
//
//	rule             the other record                      products
//	---------------  ------------------------------------  -------------------------------------
//	duplicate        the same partner's registration       must overlap
//	conflict         another partner's registration        must overlap (any, with conflict_scope
//	                                                       "account")
//	direct_conflict  a direct opportunity                  as for conflict
//	near_duplicate   any of the above, same name under     as for the rule it would have raised
//	                 another domain
//
// A record with the registration's own ID is the registration itself
// (a re-check of a stored registration) and never a finding; a property
// test checks this and compares every check with a brute-force
// reference.
//
// # Outcomes
//
// Each rule has an [Outcome] set by [Settings.Outcomes]: by default a
// duplicate refuses, a conflict and a direct conflict need review, and a
// near-duplicate approves (a warning, listed by [Result.Warnings]). The
// result's outcome is the most severe of its findings' (approve < review <
// refuse), approve when there is none; its Reasons are the reasons of the
// findings that decided it. Findings are sorted by outcome, rule and the
// other record's ID, and each says, in Reason, what it found:
//
//	conflicts with partner northwind's approved registration R-1 (domain acme.com;
//	products overlap: family security), protected until 2026-05-31
//
// # Settings in JSON
//
// Every field is optional; the zero Settings are the defaults:
//
//	{
//	  "id": "emea-2026",
//	  "active": ["submitted", "under_review", "info_requested", "approved", "extended", "open"],
//	  "registration_days": 90,
//	  "opportunity_days": 180,
//	  "conflict_scope": "products",
//	  "outcomes": {"duplicate": "refuse", "conflict": "review",
//	               "direct_conflict": "review", "near_duplicate": "approve"}
//	}
//
// Unknown or duplicate keys and wrong shapes are errors with their paths
// and a suggestion where one is close (registration_day: unknown field;
// did you mean "registration_days"?). [Compile] warns about a closed
// status listed as active, duplicates or conflicts approved, and
// near-duplicates refused. There are no percents or amounts in the
// settings.
//
// # In the deal-registration workflow
//
// The standard workflow (process.DealRegistration) starts in "submitted",
// whose owner runs the checks. A host calls Check when the instance
// starts (or on "start_review"), stores the [Result] beside the instance
// and acts on the outcome: approve → "start_review" (and on to
// "approve"); refuse → "reject" with Reasons[0] as the trigger's reason;
// review → "start_review", and for a conflict open a channel-conflict
// case whose claims are this registration and the findings' other
// records, decided under the rules of engagement
// ([github.com/partnerops/partnerops/process/engagement]). Each status
// change of a stored registration is passed back with [Index.With], so
// an expired or rejected registration stops protecting its account.
//
// # Errors
//
// [Checker.Index] and [Index.With] report every invalid record at once as
// [*partnerops.ValidationError] values with paths by record ID
// (records[R-7].account: needs a domain or a name), and wrap
// [ErrDuplicateID] when IDs repeat. [Index.Check] refuses a registration
// without a partner or an account key. Messages carry one "dealreg: "
// prefix.
//
// # Concurrency and performance
//
// A [Checker] and an [Index] are immutable and safe for concurrent use.
// The index keeps its records compiled in one array and finds them by
// domain, name and ID through sorted arrays of hash bits, so building is
// one pass and three integer sorts (no map of a million strings), and a
// check costs a binary search per key plus the records of the account.
// [Index.With] keeps additions in a second table and folds everything
// into one when additions pass a quarter of the base.
//
// Measured with go test -bench -count=6 on the project's shared 2-core
// VM while other jobs kept the load average between 7 and 12 (so wall
// times run up to 3 times the CPU time the benchmarks also report), with
// 1M live records over 250,000 accounts (four per account, one in
// sixteen a direct opportunity): checking one registration
// (BenchmarkCheck1M; half of them whole-account, finding up to four
// conflicts) takes a median of 3.4 µs wall and 3.3 µs CPU with 5
// allocations (target 10 µs); building the index (BenchmarkIndex1M)
// takes a median of 1.5 s wall and 0.51 s CPU, 266 MB in 60 allocations
// (target 2 s).
package dealreg
