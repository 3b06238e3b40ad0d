// Package payout implements how partners get paid: payout plans
// (commissions with tiers, quotas, accelerators, gates, caps, draws,
// retention bonuses and clawbacks) evaluated into explainable statements,
// incentive funds (volume and growth rebates, SPIFs, MDF and co-op
// funds with their ledgers) and ramp incentives for new partners.
//
// It follows the library's pattern: define (plain structs with snake_case
// JSON, decoded strictly by [ParsePlan], [ParseRamp], [ParseRebate],
// [ParseSPIFs] and [ParseFund]), compile ([Compile], [CompileRamp],
// [CompileRebate], [CompileSPIFs], [CompileFund] validate everything once
// and return immutable engines, safe for concurrent use, with Warnings for
// what is valid but suspicious), evaluate ([Engine.Statement],
// [Ramp.Stage], [RebateEngine.Accrue], [SPIFEngine.Earn],
// [FundEngine.Ledger]) and explain (every line carries its reason:
// [Line.Explain], [Statement.Text], [Statement.Markdown]). Evaluation
// takes plain values (transactions with IDs, dates and amounts) and an
// explicit instant; nothing reads a clock, does I/O or depends on map
// order.
//
// The package imports only the root package: a host passes values across
// to and from pricing (a ramp stage into a rule condition) and
// performance (attainment into a scorecard).
//
// # Definitions in JSON
//
// The rules of the whole module apply. Percents are strings in percent
// units ("8" and "8%" are 8%; a bare JSON number is refused because 0.08
// might mean 0.08% or 8%, and Compile warns about a percent between 0
// and 1). Amounts are bare decimal strings ("5000.00") wherever the
// definition fixes the currency (a plan, a fund, a rebate, a SPIF
// program), or {"amount": "5000.00", "currency": "USD"}; they must be
// exact in the currency's minor units. Dates are "2026-01-31" (the first
// instant of that day, UTC) or RFC 3339 times. Unknown keys are errors with
// their path and a suggestion ("components[base].filter: unknown field;
// did you mean "when"?"); paths name components, tiers and stages by ID.
//
// # Plans
//
// A [Plan] has a currency, the program's fiscal [partnerops.Calendar], a
// plan period (month, quarter, half or year) at which every running total,
// cap and quota resets, a rounding mode, an optional target incentive per
// period, and [Component] values evaluated in order:
//
//	kind             needs            may also give
//	commission       table            measure, when, evaluation, quota, weight, cap,
//	                                  transaction_cap, gate, clawback
//	earnings_table   curve, quota     measure, when, weight, cap, gate, clawback
//	bonus            amount           when, weight, cap, clawback
//	retention        metric, and      weight, cap
//	                 table or curve
//	ramp             ramp             measure, when, weight, cap, clawback
//
// Any other field is refused for the kind. A component pays on a
// [Measure] of the credited transactions: revenue (the default), acv,
// tcv, gross_margin, units, or one the plan declares in Measures (money
// or quantity) and transactions carry in Measures. When filters
// transactions by business type (new, renewal, expansion: a renewal
// commission is a commission with "when": {"business": ["renewal"]}),
// family, SKU, attribution, motion or new logo.
//
// # Rate tables
//
// A [RateTable] lists [Tier] values by their lower bound From (tier i
// covers [From_i, From_i+1), the last is open above). Bounds are in the
// measure's unit (basis amount, the default) or in percent of the quota
// (basis attainment: "100" is the quota; the bound is quota × From ÷ 100,
// placed on the 6-decimal grid measures live on, rounding up, so whether
// a measure reaches a tier is decided exactly). A tier gives a Rate
// (percent of a money measure), a PerUnit amount (per unit of a quantity)
// or an Amount. Let t be the highest tier the measure M reaches (none:
// nothing earned, so a first tier from above zero is a threshold):
//
//   - flat: M × rate_t. With Amount tiers, the amount of tier t.
//   - marginal: Σ rate_k × (min(M, end_k) − from_k) for k ≤ t; if a tier
//     r ≤ t is marked Retroactive (the highest such), everything up to
//     end_r earns rate_r instead: rate_r × min(M, end_r) + Σ over k > r.
//   - interpolated: the Amounts of the tiers below t plus amount_t ×
//     (M − from_t) ÷ (end_t − from_t); the last tier must give To, beyond
//     which nothing more is earned.
//
// An earnings table ([Curve]) pays the component's target (the target
// incentive × Weight) × payout(attainment) ÷ 100, where payout is
// interpolated linearly between points of (attainment %, payout %);
// nothing below the first point unless it is at 0; the last point's
// payout above it, or its slope continued with Extend.
//
// # How vendors' plan shapes map here
//
// Plan administrators port plans from Oracle Incentive Compensation (OIC),
// Xactly Incent and QuotaPath. The mode names decode from their words too
// ([TierMode.UnmarshalText]: "retroactive", "no_split", "highest_rate";
// "split_fixed", "step", "non_proportional", "incremental"; "split_interpolated",
// "proportional"):
//
//	their words                                  here
//	flat rate; OIC "rate not split" (flat        table mode flat (one tier for a
//	  commission); Xactly "flat rate" /            single rate); the tier reached
//	  "highest rate"; QuotaPath retroactive        pays the whole measure
//	  tiers
//	OIC "split, fixed" (non-proportional, step    table mode marginal ("split_fixed")
//	  rate); Xactly rate table tiers;
//	  QuotaPath marginal tiers
//	OIC "split, varied" (proportional,            table mode interpolated
//	  interpolated rate)                           ("split_interpolated")
//	OIC individual vs interval (cumulative)       evaluation per_transaction or
//	  calculation                                  cumulative
//	accelerator / decelerator (all)               tiers in basis attainment; a
//	                                               retroactive base above a
//	                                               decelerator (QuotaPath)
//	Xactly pay curve; QuotaPath and OIC           kind earnings_table (curve)
//	  earnings by attainment
//	gate, "accelerator only if annual quota       gate (window year) on the
//	  met", Xactly prior-period processing         component or its gated tiers;
//	  (true-ups)                                   true-up lines
//	plan payment caps, per-deal caps, multiple    cap, transaction_cap, with amount
//	  of target                                    or multiple_of_target
//	recoverable draw; guarantee                   plan draw; plan floor
//	clawback / chargeback                         clawback (months, prorate)
//	split credit (Xactly credits)                 transaction credits by weight
//
// Flat, each transaction alone (OIC's example: 1,500 earns 2% of 1,500):
//
//	{"id": "base", "kind": "commission", "evaluation": "per_transaction",
//	 "table": {"mode": "flat", "tiers": [
//	   {"from": "0", "rate": "1"}, {"from": "1000", "rate": "2"},
//	   {"from": "3000", "rate": "3"}, {"from": "8000", "rate": "5"}]}}
//
// Split fixed: the same tiers with "mode": "split_fixed" earn 10 + 10 =
// 20 on 1,500 (1,000 at 1% and 500 at 2%). Split interpolated:
//
//	{"mode": "split_interpolated", "tiers": [
//	  {"from": "0", "amount": "10"}, {"from": "1000", "amount": "40"},
//	  {"from": "3000", "amount": "100"}, {"from": "8000", "to": "20000", "amount": "2000"}]}
//
// earns 10 + 500 ÷ 2,000 × 40 = 20 on 1,500 (Example_splitOptions
// reproduces OIC's worked examples, 164 and 149 USD). QuotaPath's
// "accelerators and decelerators": half rate below 50% of quota, the base
// rate on everything once 50% is reached, 2× the base above quota on the
// excess only:
//
//	{"id": "base", "kind": "commission", "quota": "100000",
//	 "table": {"mode": "marginal", "basis": "attainment", "tiers": [
//	   {"id": "decelerator", "from": "0", "rate": "5"},
//	   {"id": "base", "from": "50", "rate": "10", "retroactive": true},
//	   {"id": "accelerator", "from": "100", "rate": "20"}]}}
//
// An accelerator gated on the year (paid only once year-to-date
// attainment reaches 100%, trued up when it does):
//
//	"gate": {"window": "year", "at_least": "100"},
//	"table": {"mode": "marginal", "basis": "attainment", "tiers": [
//	  {"from": "0", "rate": "10"}, {"from": "100", "rate": "20", "gated": true}]}
//
// An earnings table (pay curve) on 40% of the target incentive:
//
//	{"id": "quota", "kind": "earnings_table", "quota": "500000", "weight": "40",
//	 "curve": {"points": [{"attainment": "50", "payout": "25"},
//	   {"attainment": "100", "payout": "100"}, {"attainment": "150", "payout": "200"}]}}
//
// # Evaluation
//
// [Engine.Statement] evaluates one payee over the plan period containing
// [Request].At. Transactions are taken in order of date, then ID (the
// documented tie-break; the order they are given in never matters). A
// transaction split between payees ([Credit] weights) counts for the
// payee's share, divided with [partnerops.Money.Allocate] in minor units
// so shares sum exactly to the transaction (a quantity, at its own last
// digit); a split that leaves the payee out is skipped.
//
// Cumulative evaluation (the default): transaction i earns E(running total
// through i) − E(running total before i), where E is the rounded earning
// of the table or curve, so the period's lines sum to E(period total):
// the total never depends on the order of the period's transactions
// (unless a transaction cap cuts individual lines, which Compile warns
// about). A running total below zero earns nothing. Per-transaction
// evaluation: each transaction earns E(its own measure). Each component
// reports its credited total, its attainment (credited ÷ quota), the tier
// the total reached and its effective rate (what the transactions earned
// ÷ the credited measure).
//
// Quotas are per period and per component, from the plan or per payee
// ([Request].Quotas). A gate ([Gate]) looks at a longer window (the fiscal
// quarter, half or year containing the period): attainment of the gate's
// measure from the window's start through the period's end, against the
// gate's quota (by default the component's quota times the periods of the
// window elapsed: a year-to-date quota). While it is shut, gated tiers pay
// the rate of the nearest lower tier that is not gated (a component with
// no gated tier is withheld whole: lines with [LimitGate]). In the period
// it opens, the earlier periods of the window that closed shut (back to
// the last one that closed open) are recomputed open and the difference
// is paid as [LineTrueUp] lines. The request must carry the window's
// transactions.
//
// Limits apply in this order. A transaction cap cuts a line above it; a
// period cap cuts the component's running total (each line pays
// min(total, cap) − min(total before, cap)); caps are amounts or
// multiples of the target (target × weight × multiple, rounded once).
// Then, on the sum of the components, the plan's cap, its floor (a
// guaranteed minimum, non-recoverable) and its recoverable draw: a short
// period is topped up to the draw and the advance added to the draw
// balance; a period above the draw pays back the balance from the excess.
// The statement's DrawBalance is the next request's.
//
// Clawbacks ([Clawback]: churn, refund or downgrade, with the portion
// lost) dated in the period reverse, for each component with a
// [ClawbackPolicy] that counts the transaction, what the transaction was
// paid in its own period (recomputed from the request's transactions):
// all of it times the portion, or prorated by the whole months elapsed,
// (Months − elapsed) ÷ Months of it, as a negative [LineClawback] line. A
// full reversal nets the original exactly; a reversal after the window
// reverses nothing and says so.
//
// Retention components pay on the [Book] of the request: NRR is (start +
// expansion − contraction − churn) ÷ start and GRR (start − contraction −
// churn) ÷ start; their table's bounds (or curve's attainments) are in
// percent of the starting book. Ramp components pay each transaction the
// bonus rate of the ramp stage it falls in (see Ramps), and the fast-start
// bonus on a first deal in time; they need [Request].Start.
//
// # Statements
//
// A [Statement] lists per component every transaction line (credited
// measure, payee share, running total, tier and rate reached, amount, and
// what a limit cut), true-ups and clawbacks, then the adjustments (plan
// cap, floor, draw) and the total; transactions of the period no component
// counted are listed as skipped with their reason. Lines are data; their
// explanation is [Line.Explain]. Statements are lossless: decoding a
// statement's JSON gives an equal value that renders the same
// [Statement.Text] and [Statement.Markdown], in time linear in its lines.
//
// # Ramps
//
// A [RampSchedule] counts stages in months from a partner's start date
// (the day clamped to shorter months) and ends early once the partner has
// closed UntilDeals deals or UntilAmount of business, whichever first.
// [Ramp.Stage] returns the [Stage] at an instant: its ID is the "ramp
// stage" a host passes to a pricing rule condition (as a quote or partner
// attribute, say "ramp_stage": "ramp-1"), with the extra margin the stage
// grants; a plan's ramp component pays its bonus rate.
//
// # Incentive funds
//
// A [RebateProgram] accrues per period on a partner's eligible purchases:
// volume rebates on the period total, growth rebates on growth over the
// same period a year earlier (tiers in growth percent; a flat table pays
// the whole total, a marginal one each slice above its growth bound; no
// purchases a year earlier means no growth rebate). [RebateEngine.Accrue]
// returns the [Rebate] with its tier, slices and the date it is payable
// (period end + PayAfterDays).
//
// A [SPIFProgram] lists SPIFs on SKUs or families within [From, Until),
// paying per unit or once per deal, capped per partner; [SPIFEngine.Earn]
// goes through the partner's sales by date then ID, so the cap goes to
// the earliest.
//
// A [Fund] (MDF, co-op) accrues per period a percentage of the partner's
// eligible revenue and, or, a fixed allocation by tier, up to a cap per
// period and a maximum balance; unspent funds expire ExpiresAfter periods
// after their own. [FundEngine.Ledger] derives the [Ledger] through an
// instant: accrual entries at each closed period's end, claim entries at
// their decision (partial approvals record what was cut; pre-approval,
// where required, must come before submission and cover the amount),
// spending the oldest accruals first, and expiries. Its balance at any
// instant is [Ledger.BalanceAt]; it never goes negative: a claim or
// pre-approval over the balance is refused with a [*BalanceError] naming
// the balance, as is [Ledger.Check] for a new claim.
//
// # Rounding
//
// Arithmetic is exact: amounts and measures are held as int64 at 6
// decimals (values with more decimals, or beyond about 1.1 × 10^12, are
// refused with errors wrapping [partnerops.ErrRange], never
// approximated), rates at 10 decimals of a fraction, their products in
// 128 bits. Rounding happens once, to the currency's minor units, with
// the plan's mode (Plan.Rounding, default half_up): each cumulative
// earning E, each per-transaction earning, each curve earning (from the
// exact rational), each prorated or partial clawback, each
// multiple-of-target cap, each ramp bonus line. Rebates and fund accruals
// round once with their program's mode; SPIF per-unit lines half up.
// Attainments and shares are displayed rounded half-even to 2 decimals of
// a percent, effective rates and clawback portions to 4; comparisons with
// thresholds are exact. Property tests check every rounding against a
// big.Rat reference.
//
// # Errors
//
// Compile functions report every problem at once as
// [*partnerops.ValidationError] values (errors.Is ErrInvalid) with paths
// by ID. Evaluation errors wrap [ErrNoQuota], [ErrNoTarget], [ErrNoBook],
// [ErrNoStart], [ErrUnknownTransaction], [ErrDuplicateTransaction]
// (two transactions with one ID and date), [ErrInsufficientFunds],
// [partnerops.ErrCurrencyMismatch], [partnerops.ErrRange] or
// [partnerops.ErrInvalid]; a problem located in the request is an
// [*InputError] whose path names the transaction by ID
// (transactions[T-7].credits). Bad input gives an error, never a panic
// or a wrong number. Messages carry one "payout: " prefix.
//
// # Concurrency and cost
//
// Engines are immutable and safe for concurrent use; evaluation allocates
// its own state. A statement costs O(n log n) in its transactions (a sort,
// skipped when they come sorted), plus, for gates, true-ups and clawbacks,
// one pass over each earlier period they look at; renderers are linear.
// Amounts of a statement share a few backing arrays, so a statement of n
// lines costs a few dozen allocations, not several per line.
//
// # Performance
//
// Medians of go test -bench -count=6 on the project's 2-vCPU VM when no
// other job ran (load average about 1; run to run the wall time still
// varied by ±10 to 40%); cpu is the process's CPU time per operation,
// the collector's included:
//
//	                                            GOMAXPROCS=2       GOMAXPROCS=1       target
//	                                            wall     cpu       wall = cpu
//	statement, 1 payee, 10,000 transactions     2.97 ms  4.18 ms   4.76 ms            5 ms
//	  (BenchmarkStatement10k: 19 allocations, 6.0 MiB)   3.17 ms  4.22 ms   3.77 ms
//	100,000 payees × 20 transactions            1.10 s   1.60 s    1.80 s             2 s, one core
//	  (BenchmarkPayees100k: 16 allocations               -        -         1.49 s
//	  and 15 KB per statement)
//	Statement.Text of the 10,000-line statement 8.7 ms (GOMAXPROCS=1)
//
// The second line of each row is a second quiet run, an hour later with
// the day's changes in (internal/fastdec among them). Both targets are
// met by the medians, the one-core roll-up with 10% to 25% to spare: of
// its single-iteration runs the first of each set (2.9 and 3.1 s, the
// heap growing from nothing) and one other (2.0 s) were over 2 s. With one
// core the collector runs on the statement's core; it is about half of
// the time (scanning the lines' decimals and their write barriers): the
// cost per line is mostly memory, a [Line] being 360 bytes and its
// amounts and measures about 160 more. The GOMAXPROCS=2 column is the
// morning's run before internal/fastdec; the amounts' backing arrays
// moved there from an unsafe copy of the decimal layout in this package
// with no change in allocations, bytes or instructions (callgrind inside
// Engine.Statement: 97.0 to 97.4 million for six 10,000-line statements,
// before and after).
//
// The plan is a quota-relative commission (decelerator, retroactive base,
// accelerator, capped at twice the target) and a new-logo bonus.
package payout
