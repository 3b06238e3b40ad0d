// Package deal implements the commercial models of each partner motion:
// given a deal's priced amount, its term and the partners involved, it
// computes the customer price, each party's buy price and margin, fee or
// share, and what the vendor keeps, exactly to the cent, explained like a
// price waterfall.
//
// It follows the library's pattern: define ([Terms] with one [Model] per
// motion, plain structs decoded strictly by [ParseTerms]), compile
// ([Compile] validates once and returns an immutable [Engine]), evaluate
// ([Engine.Evaluate] on a [Deal], [Engine.Compare] across models) and
// explain ([Result.Text], [Result.Markdown], [PartyResult.Describe]).
//
// The package prices nothing itself: the customer price is a plain
// [partnerops.Money] the host passes, for example a pricing result's
// total. Renewal pricing, proration and ramps are in
// [github.com/partnerops/partnerops/pricing/renewal]; P&L and roll-ups in
// [github.com/partnerops/partnerops/pricing/profit], which takes the
// amounts a [Result] gives.
//
// # Motions and what each party earns
//
// A model's slots say who takes part and how each earns. One slot per
// role in the table (a model may combine them, such as a reseller with a
// marketplace for a channel-partner private offer):
//
//	role         earns                                  configured by (slot fields)
//	-----------  -------------------------------------  ----------------------------------------------
//	reseller     margin on its sale price               margin, renewal_margin
//	distributor  margin on its sale price (the          margin, renewal_margin
//	             reseller's buy price): two-tier
//	oem          sale price less the royalty it pays    royalty (percent) or royalty_per_unit, minimum
//	             (royalty at least the minimum)
//	marketplace  listing fee on the customer price      fee, private_offer_fee
//	referral     fee on first-year ACV or TCV, capped,  fee, basis, years, cap
//	             once or each contract year for N years
//	gsi          sourced or influenced fee on first-    sourced_fee, influenced_fee, basis, cap
//	             year ACV or TCV; services attach is
//	             reported beside it
//	alliance     tiered revenue share on the vendor's   tiers (from, percent), tiering (slab, range)
//	             net revenue
//	(none)       a direct sale: the vendor keeps all
//
// Each role uses the fields in its row and refuses the others with a path
// (models[resell].parties[reseller].fee: not used by role reseller).
//
// # Definitions in JSON
//
//	{
//	  "currency": "USD",
//	  "rounding": {"mode": "half_even"},
//	  "motions": ["direct"],
//	  "models": [
//	    {"id": "direct", "motion": "direct"},
//	    {"id": "two-tier", "motion": "resell", "parties": [
//	      {"id": "reseller", "role": "reseller", "margin": "20", "renewal_margin": "15"},
//	      {"id": "distributor", "role": "distributor", "margin": "8"}]},
//	    {"id": "cppo", "motion": "marketplace", "parties": [
//	      {"id": "reseller", "role": "reseller", "margin": "12"},
//	      {"id": "aws", "role": "marketplace", "fee": "3", "private_offer_fee": "1.5"}]},
//	    {"id": "referral", "motion": "referral", "parties": [
//	      {"id": "referrer", "role": "referral", "fee": "10", "years": 2, "cap": "25000.00"}]},
//	    {"id": "alliance", "motion": "co_sell", "parties": [
//	      {"id": "isv", "role": "alliance", "tiers": [
//	        {"from": "0", "percent": "10"}, {"from": "100000.00", "percent": "15"}]}]},
//	    {"id": "oem", "motion": "oem", "parties": [
//	      {"id": "oem", "role": "oem", "royalty_per_unit": "12.50", "minimum": "50000.00"}]}
//	  ]
//	}
//
// Percents are strings in percent units: "20" and "20%" are 20%; a bare
// JSON number is refused (0.2 might mean 0.2% or 20%), and a percent
// between 0 and 1 draws a warning ([Engine.Warnings]). Amounts in terms
// are bare decimal strings ("25000.00") in the terms' currency, or
// objects {"amount": "25000.00", "currency": "USD"} in that currency. A
// [Deal] decoded by [ParseDeal] takes amounts the same way:
//
//	{"id": "D-2", "model": "cppo", "private_offer": true, "term_months": 36,
//	 "list": "120000.00", "price": "100000.00",
//	 "parties": [{"slot": "reseller", "partner": "acme"}, {"slot": "aws", "partner": "aws"}]}
//
// Unknown or duplicate keys and wrong shapes are errors naming their path
// (models[cppo].parties[reseller].margin), all reported at once.
//
// # The waterfall
//
// Evaluate runs the slots in a fixed order, whatever order the terms list
// them in: the resale chain first (reseller, distributor and OEM slots in
// their listed order, from the customer inward), then the marketplace,
// then referral and GSI fees, then alliance shares. The vendor's running
// proceeds start at the customer price P:
//
//   - a resale party's sale price is the running amount; its margin is
//     margin × sale price, its buy price the rest, which becomes the
//     running amount (vendor → distributor → reseller → customer);
//   - an OEM's royalty is royalty × its sale price, or royalty_per_unit ×
//     the deal's units, raised to the minimum guarantee; the royalty is
//     the running amount and the OEM keeps the rest (negative when the
//     minimum exceeds its price);
//   - the marketplace fee is fee (or private_offer_fee on a private
//     offer) × P; with a reseller in the model, the reseller's margin
//     rides on the marketplace transaction;
//   - a referral fee is fee × the first-year ACV (or × P for basis tcv),
//     or with years > 1 fee × each contract year's ACV for at most that
//     many years of the term, each year a [Payment]; the total is cut to
//     the cap (later payments first), and Requested says what it was;
//   - a GSI fee is sourced_fee or influenced_fee (by the party's
//     attribution, influenced by default) × the basis, capped;
//   - an alliance share is taken of the running amount (the vendor's net
//     revenue so far): by slab (each slice at its tier's percent) or by
//     range (the whole at the tier it falls in); none when it is not
//     positive.
//
// The first-year ACV is the deal's first contract year: Annual[0] when the
// deal gives its contract years, else P allocated over the years of the
// term in proportion to their months (12, 12, ..., the rest) with
// [partnerops.Money.Allocate]. A slot left unfilled is computed for an
// unnamed party, unless it is optional.
//
// Several parties in one fee or share slot (referral, GSI, alliance)
// split the slot's amount, and each payment, by their weights (1 when
// unset) exactly, by largest remainder as [partnerops.Money.Allocate]
// does; each gets its own [PartyResult] with the Weight and SlotAmount.
// Resale, OEM and marketplace slots hold one party ([ErrTooManyParties]).
//
// # Results
//
// A [Result] lists the parties in waterfall order, each with its slot
// and role (the model's rule that produced it), kind (margin, fee,
// share), basis and percent, sale and buy prices, amount and the
// vendor's running proceeds, then PartnerTotal and VendorNet. The
// invariant, checked by a property test: the parties' amounts plus the
// vendor net equal the customer price exactly.
//
// The customer discount (List − Price, with DiscountPercent) is what a
// deal desk approves. Fees and shares lower the vendor's proceeds, never
// the customer price, so they are never a discount: a marketplace fee
// cannot raise an approval level (TestMarketplaceFeeIsNotADiscount).
//
// [Engine.Compare] evaluates one deal under several models side by side
// ("direct vs resell vs marketplace vs referral"): what the partners
// earn, what the vendor keeps, and the difference from the first model.
// Results round-trip through JSON (snake_case keys) to equal values that
// render the same text.
//
// # Rounding
//
// Each party amount (a margin, a fee, a payment, a share, a royalty) is
// the exact product rounded once to the terms' places (default, and at
// most, the currency's minor units) with the terms' mode (default half
// up). Tiered slab shares sum the slices exactly and round the sum once.
// Buy prices, running amounts and the vendor net are exact differences,
// so nothing is lost. The customer price must be exact at the places.
// DiscountPercent and VendorShare are rounded half even to 4 decimal
// places of a percent. Every rounding is checked against a big.Rat
// reference in a property test.
//
// # Errors
//
// [Compile] reports every problem at once as [*partnerops.ValidationError]
// values with paths by IDs: unknown roles, missing or refused fields,
// percents outside 0-100, caps and minimums in another currency or finer
// than the places, tiers that do not ascend, duplicate IDs, a second
// marketplace. [Engine.Evaluate] returns [ErrUnknownModel],
// [ErrUnknownSlot], [ErrTooManyParties], [partnerops.ErrCurrencyMismatch]
// or a validation error (parties[1].attribution), never a panic. Messages
// carry one "deal: " prefix.
//
// # Concurrency and performance
//
// An [Engine] is immutable and safe for concurrent use. When the places
// are the currency's minor units and the amounts fit (up to 10^13 in
// currency units), the waterfall runs on int64 minor units with 128-bit
// products, each divided and rounded once; otherwise on exact decimals.
// The two agree exactly (TestFastMatchesDecimal). Splits are n log n.
//
// Measured with GOMAXPROCS=1 go test -bench Evaluate5Parties -count=6 on
// the project's 2-vCPU VM with no other job running (load average about
// 1): one deal with five parties (reseller, distributor, marketplace, a
// three-year referral, a two-tier alliance share) takes a median of
// 2.55 µs (2.47 to 2.59 µs, CPU time the same; target 5 µs), with 36
// allocations (5.0 KB); a second quiet run an hour later gave 2.46 µs.
// With GOMAXPROCS=2 the wall time was 2.9 µs and the CPU time 3.5 µs
// (the collector on the other core).
package deal
