// Package renewal implements renewal economics and subscription terms:
// renewal pricing rules, day-count proration and co-terming of mid-term
// changes, subscription ramps with their dated charges, and the retention
// facts a payout plan rewards.
//
// It follows the library's pattern: define ([Terms] with renewal
// [Policy] values, decoded strictly by [ParseTerms]; a [Ramp] per deal,
// decoded by [ParseRamp]), compile ([Compile] validates once and returns
// an immutable [Engine]; [Ramp.Schedule] validates a ramp), evaluate
// ([Engine.Renew], [Engine.Prorate], [Engine.CoTerm], [Ramp.Schedule],
// [Retention]) and explain (Text and Markdown on every result).
//
// Partner margins on renewals (lower or higher than on new business) are
// part of the deal models: see the renewal_margin of a reseller or
// distributor slot in [github.com/partnerops/partnerops/pricing/deal].
//
// # Definitions in JSON
//
//	{
//	  "currency": "USD",
//	  "day_count": "actual",
//	  "rounding": {"mode": "half_up"},
//	  "policies": [
//	    {"id": "uplift-5", "rule": "uplift", "uplift": "5"},
//	    {"id": "cpi", "rule": "index", "spread": "1", "floor": "2", "cap": "6"},
//	    {"id": "lesser", "rule": "lesser_of_uplift_and_list", "uplift": "7"},
//	    {"id": "hold", "rule": "prior_net", "max_erosion": "5"},
//	    {"id": "list", "rule": "list"}
//	  ]
//	}
//
// Percents are strings in percent units ("5" and "5%" are 5%; bare JSON
// numbers are refused); amounts are bare decimal strings ("48000.00") in
// the terms' currency or objects with their currency; dates are
// "2026-01-31" (midnight UTC) or RFC 3339 times. A ramp:
//
//	{"id": "acme-ramp", "currency": "USD", "start": "2026-01-01",
//	 "billing": "quarter", "uplift": "5", "uplift_mode": "compounding",
//	 "segments": [
//	   {"id": "y1", "months": 12, "quantity": "100", "unit_price": "300.00"},
//	   {"id": "y2", "months": 12, "quantity": "250", "unit_price": "300.00"},
//	   {"id": "y3", "months": 12, "quantity": "450", "amount": "140000.00"}]}
//
// # Renewal rules
//
// [Engine.Renew] prices a [Renewal] (prior net, optionally the prior and
// current list prices and an index) under its policy, in this order (a
// list price left out is not given; one given as "0" is a price of zero):
//
//  1. the rule: uplift gives prior net × (1 + uplift); index gives prior
//     net × (1 + index + spread), the sum clamped to [floor, cap];
//     lesser_of_uplift_and_list the lesser of the uplifted price and the
//     current list; prior_net the prior net; list the current list;
//  2. the maximum discount erosion, for any rule: the discount off list
//     may grow by at most max_erosion points, so the price is at least
//     current list × (prior net / prior list − max_erosion), rounded up to
//     the places (never above the current list);
//  3. the price is rounded once with the terms' rounding.
//
// The [Quote] explains it: the uplift applied, the uplifted price, the
// erosion floor, the bounds that changed the price ([Bound]), the change
// against the prior net and the discounts off both lists.
//
// # Proration and co-terming
//
// A proration charges Price × count(part) / count(term), divided once
// and rounded once, with the terms' [DayCount]: actual (calendar days
// over calendar days), actual_365 (calendar days over 365 per whole year
// of the term, so a term with 29 February charges 366/365 of a year) or
// 30_360 (the US 30/360 bond basis: a start on the 31st counts as the
// 30th; an end on the 31st counts as the 30th when the start is the 30th
// or 31st). Prorating a whole term gives its price under actual and
// 30/360 (a property test).
//
// [Engine.CoTerm] co-terminates a mid-term add-on to the contract end: per
// contract year (anniversaries of the contract start, the last possibly
// short) from the change's start, annual price × count(part of the year)
// / count(full year), where a full year counts its calendar days
// (actual), 365 (actual_365) or 360 (30/360). A downgrade is a change
// with a negative annual price; its charges are credits.
//
// # Ramps
//
// [Ramp.Schedule] lays segments end to end from the ramp's start (months
// added by anniversary: 31 January + 1 month is 28 or 29 February). A
// segment has a quantity and either its amount or an annual unit price;
// unit-priced segments starting in contract year k (from 0) pay unit
// price × (1 + uplift)^k (compounding, the default) or × (1 + k·uplift)
// (additive). For each segment the schedule gives the amount (unit price
// × quantity × months / 12, rounded once), the ACV (amount × 12 / months,
// rounded once), and the implied unit prices amount ÷ quantity and amount
// × 12 ÷ (months × quantity), each rounded once with the unit rounding
// (default: the currency's minor units plus 4 places, half up). Charges
// cut each segment at the billing boundaries (month, quarter or year from
// the ramp's start, or upfront per segment) and allocate its amount by
// months with [partnerops.Money.Allocate]. Segment amounts sum to the TCV
// and charges to their segment's amount, exactly (property tests).
//
// # Retention
//
// [Retention] turns renewal facts into a [RetentionEvent]: renewed or
// not, on time (no later than due plus the grace days), days early,
// multi-year, ACV growth and net retention. It decides nothing: a payout
// plan consumes the event and decides what a retention bonus pays.
//
// # Rounding, errors, concurrency
//
// Every rounded value is the exact quotient or product rounded once with
// a named mode; property tests check proration and ramp amounts and
// implied unit prices against big.Rat. Ratios (change, discounts, net
// retention) are rounded half even to 4 decimal places of a percent.
// Problems are [*partnerops.ValidationError] values with paths by IDs
// (policies[cpi].floor, segments[y2].quantity), all reported at once;
// conditions are sentinels ([ErrUnknownPolicy], [ErrMissingInput],
// [partnerops.ErrCurrencyMismatch]); messages carry one "renewal: "
// prefix. An [Engine] is immutable and safe for concurrent use; results
// round-trip through JSON with snake_case keys.
//
// # Performance
//
// The issue sets no target here; bench_test.go keeps the paths measured
// (medians of 6, AMD EPYC, 2 cores, quiet machine): a renewal priced by
// uplift 1.0 µs (25 allocations), by index 1.2 µs, with max erosion
// 3.3 µs; a proration 1.3 µs; a mid-term change co-termed over three
// contract years 4.5 µs; a 36-month ramp scheduled monthly 37 µs (883
// allocations, about 25 per charge). Schedule and its renderers are
// linear in the segments (TestGrowth).
package renewal
