package pricing

import "fmt"

// Identifiers. They are compared exactly and sorted byte-wise to break ties.
type (
	// SKU identifies a product in a price book.
	SKU string
	// Family is a product family that groups SKUs ("security", "storage").
	Family string
	// BookID identifies a [PriceBook].
	BookID string
	// RuleID identifies a [Rule]; it is the final tie-breaker everywhere.
	RuleID string
	// GroupID identifies a stacking [Group].
	GroupID string
	// ApprovalLevel names an approval level of the deal desk matrix
	// ("manager", "vp"). The empty level means no approval is needed.
	ApprovalLevel string
)

// Basis says where a price book's prices start from.
type Basis string

// Price bases.
const (
	// BasisList: each entry carries its list price (the default).
	BasisList Basis = "list"
	// BasisCost: each entry carries its cost; the list price is the cost
	// run through the book's [Formula] (cost-plus markup).
	BasisCost Basis = "cost"
	// BasisBook: the book derives its prices from another book
	// ([PriceBook.BaseBook]) through its [Formula] and optional rate.
	BasisBook Basis = "book"
)

func (b Basis) valid() bool { return b == "" || b == BasisList || b == BasisCost || b == BasisBook }

// RoundingTarget says which amounts of a line a book rounds.
type RoundingTarget string

// Rounding targets.
const (
	// RoundUnit rounds the net unit price, then the extended amount is the
	// rounded unit price times the quantity (rounded again only when a
	// fractional quantity needs it). The default.
	RoundUnit RoundingTarget = "unit"
	// RoundExtended keeps the net unit price exact and rounds only the
	// extended amount (unit price times quantity).
	RoundExtended RoundingTarget = "extended"
)

func (t RoundingTarget) valid() bool { return t == "" || t == RoundUnit || t == RoundExtended }

// EffectKind is what a rule does to the running unit price.
type EffectKind string

// Effect kinds. Every effect is turned into a per-unit amount (positive
// for a discount, negative for an increase) before it is combined; see the
// package documentation for the base each one uses.
const (
	// EffectPercentOffList takes Percent of the list price off.
	EffectPercentOffList EffectKind = "percent_off_list"
	// EffectPercentOffRunning takes Percent of the running price off
	// (compounding when the group compounds).
	EffectPercentOffRunning EffectKind = "percent_off_running"
	// EffectAmountOff takes Amount off each unit.
	EffectAmountOff EffectKind = "amount_off"
	// EffectFixedPrice sets the unit price to Amount, as written: above the
	// running price it raises it (unless the rule is LowerOnly).
	EffectFixedPrice EffectKind = "fixed_price"
	// EffectTargetMargin sets the partner's buy price so that the partner
	// earns Percent of the resale price, the price entering the rule's
	// group: buy = resale × (1 − Percent).
	EffectTargetMargin EffectKind = "target_margin"
	// EffectMarkup adds Percent of the running price (a margin added
	// before the discounts that follow).
	EffectMarkup EffectKind = "markup"
	// EffectSurcharge adds Amount to each unit.
	EffectSurcharge EffectKind = "surcharge"
	// EffectSchedule applies a volume [Schedule].
	EffectSchedule EffectKind = "schedule"
	// EffectFormula sets the unit price to a [Formula] run over a base
	// ([FormulaBase]): Odoo's pricelist rule formula (discount, rounding
	// increment, surcharge, margins as amounts or percentages).
	EffectFormula EffectKind = "formula"
	// EffectManualPrice and EffectManualDiscount are the steps of a
	// quote line's host inputs ([QuoteLine] ManualPrice and
	// ManualDiscount); they appear in results only, never in rules.
	EffectManualPrice    EffectKind = "manual_price"
	EffectManualDiscount EffectKind = "manual_discount"
	// EffectQuoteDiscount is a line's share of a quote discount
	// ([QuoteRule]); it appears in results only.
	EffectQuoteDiscount EffectKind = "quote_discount"
	// EffectFreeGoods gives free units ([FreeGoods]) on a result line of
	// their own; the line that earns them keeps its price.
	EffectFreeGoods EffectKind = "free_goods"
)

// AttributeOp is the test an [AttributeCondition] makes.
type AttributeOp string

// Attribute tests.
const (
	// AttributeIn: the attribute is set to one of Values.
	AttributeIn AttributeOp = "in"
	// AttributeNotIn: the attribute is not set to one of Values (unset
	// counts as not in).
	AttributeNotIn AttributeOp = "not_in"
	// AttributeSet: the attribute is set, to any value.
	AttributeSet AttributeOp = "set"
	// AttributeNotSet: the attribute is not set.
	AttributeNotSet AttributeOp = "not_set"
	// AttributeRange: the attribute is a decimal number in [Min, Max)
	// (either bound may be open); unset or not a number fails.
	AttributeRange AttributeOp = "range"
)

// FormulaBase is the price an [EffectFormula] starts from.
type FormulaBase string

// Formula bases.
const (
	// FormulaRunning starts from the price the rule works on: the price
	// entering its group, or the running price in a compounding group
	// (the default).
	FormulaRunning FormulaBase = "running"
	// FormulaList starts from the list price.
	FormulaList FormulaBase = "list"
	// FormulaCost starts from the entry's cost; a line without a cost
	// fails the rule's cost condition.
	FormulaCost FormulaBase = "cost"
)

func (b FormulaBase) valid() bool {
	return b == "" || b == FormulaRunning || b == FormulaList || b == FormulaCost
}

// CombineMode says how the applicable members of a stacking group combine.
type CombineMode string

// Combination modes.
const (
	// CombineFirst applies one rule: the first by the framework's
	// [Precedence] (by default the most specific, then the highest
	// priority). A remaining tie is broken by the framework's [TieBreak].
	// When the selected rule has no effect (a 0% tier, a lower-only price
	// above the running price), the group applies nothing.
	CombineFirst CombineMode = "first"
	// CombineBestOf applies the one rule giving the largest discount
	// (ties: specificity, priority, then rule ID).
	CombineBestOf CombineMode = "best_of"
	// CombineAdditive converts every member to an amount against the price
	// entering the group (or the list price for percent-off-list) and
	// applies the sum: 20% + 10% is 30%.
	CombineAdditive CombineMode = "additive"
	// CombineCompounding applies the members one after another, each on the
	// running price left by the previous: 20% then 10% is 28%.
	CombineCompounding CombineMode = "compounding"
)

func (m CombineMode) valid() bool {
	return m == CombineFirst || m == CombineBestOf || m == CombineAdditive || m == CombineCompounding
}

// ScheduleKind is the semantics of a volume [Schedule].
type ScheduleKind string

// Schedule kinds. Tier bounds are quantities: a tier [From, To) holds
// quantities q with From <= q < To (lower bound inclusive, upper bound
// exclusive).
const (
	// ScheduleRange gives the whole quantity the tier the quantity falls in.
	ScheduleRange ScheduleKind = "range"
	// ScheduleSlab prices each unit at the tier holding that unit's number:
	// with tiers [1,10) and [10,∞), units 1-9 get the first tier and units
	// 10 and up the second.
	ScheduleSlab ScheduleKind = "slab"
	// ScheduleBlock charges the tier's Price for the whole line, whatever
	// the quantity within the tier, exactly: the line's extended amount is
	// the price and its unit price derives from it.
	ScheduleBlock ScheduleKind = "block"
)

func (k ScheduleKind) valid() bool {
	return k == ScheduleRange || k == ScheduleSlab || k == ScheduleBlock
}

// Precedence is the one order in which rules outrank each other: it picks
// the winner of a [CombineFirst] group, orders the members of every group
// (unless the group sets its [StackOrder]) and decides which of two rules
// that exclude each other stays. Both orders end with the waterfall
// position and the rule ID, so the order is total.
type Precedence string

// Precedence orders.
const (
	// PrecedenceSpecificity ranks by specificity (SKU beats family beats
	// global; a deeper family beats its parent), then by priority (the
	// default; ERPNext, Odoo, Dynamics trade agreements).
	PrecedenceSpecificity Precedence = "specificity"
	// PrecedencePriority ranks by priority, then by specificity
	// (Salesforce CPQ evaluation order, Dynamics discount priorities).
	PrecedencePriority Precedence = "priority"
)

func (p Precedence) valid() bool {
	return p == "" || p == PrecedenceSpecificity || p == PrecedencePriority
}

// StackOrder is the order in which the members of an additive or
// compounding group apply.
type StackOrder string

// Stacking orders. Ties within each go by precedence, then rule ID.
const (
	// StackPrecedence applies members in precedence order (the default):
	// the rule that would win a first group applies first.
	StackPrecedence StackOrder = "precedence"
	// StackAscendingPriority applies the lowest priority first, as systems
	// that run their rules in ascending sequence do.
	StackAscendingPriority StackOrder = "ascending_priority"
	// StackEffect applies prices first (fixed prices and price
	// schedules), then amounts, then percentages (Dynamics' order for
	// compounded discounts: deal price, amount off, percentage).
	StackEffect StackOrder = "effect"
)

func (o StackOrder) valid() bool {
	return o == "" || o == StackPrecedence || o == StackAscendingPriority || o == StackEffect
}

// ScheduleScope says whose quantity picks a schedule's tier.
type ScheduleScope string

// Schedule scopes.
const (
	// ScopeLine: the line's own quantity (the default).
	ScopeLine ScheduleScope = "line"
	// ScopeSKU: the quote's lines of the line's SKU together.
	ScopeSKU ScheduleScope = "sku"
	// ScopeFamily: the quote's lines of the line's family together.
	ScopeFamily ScheduleScope = "family"
	// ScopeRule: the quote's lines within the rule's product scope (its
	// SKUs or families; every line for a global rule) together, as a
	// discount schedule shared across products.
	ScopeRule ScheduleScope = "rule"
)

func (s ScheduleScope) valid() bool {
	return s == "" || s == ScopeLine || s == ScopeSKU || s == ScopeFamily || s == ScopeRule
}

// TieBreak says what happens when two rules of a [CombineFirst] group have
// the same specificity and priority.
type TieBreak string

// Tie-break policies.
const (
	// TieBreakError reports a [*ConflictError] naming both rules (the
	// default).
	TieBreakError TieBreak = "error"
	// TieBreakRuleID picks the rule with the smallest ID.
	TieBreakRuleID TieBreak = "rule_id"
	// TieBreakLargestDiscount picks the rule giving the largest discount,
	// then the smallest ID.
	TieBreakLargestDiscount TieBreak = "largest_discount"
)

func (t TieBreak) valid() bool {
	return t == "" || t == TieBreakError || t == TieBreakRuleID || t == TieBreakLargestDiscount
}

// DealRegStatus is the deal-registration status of a quote.
type DealRegStatus string

// Deal-registration statuses. The empty status means none.
const (
	DealRegNone       DealRegStatus = "none"
	DealRegRegistered DealRegStatus = "registered"
	DealRegApproved   DealRegStatus = "approved"
)

func (s DealRegStatus) valid() bool {
	return s == "" || s == DealRegNone || s == DealRegRegistered || s == DealRegApproved
}

func (s DealRegStatus) norm() DealRegStatus {
	if s == "" {
		return DealRegNone
	}
	return s
}

// Condition names one condition of a rule; a [Skip] says which one failed.
type Condition uint8

// Conditions. Never reordered; new ones are appended.
const (
	ConditionNone Condition = iota
	ConditionTier
	ConditionPartnerType
	ConditionMotion
	ConditionSKU
	ConditionFamily
	ConditionQuantity
	ConditionLineValue
	ConditionDealValue
	ConditionDealRegistration
	ConditionBusiness
	ConditionRegion
	ConditionWindow
	ConditionAttribute
	ConditionScheduleTier
	ConditionUnit
	ConditionLines
	ConditionCost
	ConditionBook
)

var conditionNames = [...]string{"", "tier", "partner_type", "motion", "sku", "family", "quantity",
	"line_value", "deal_value", "deal_registration", "business", "region", "window", "attribute",
	"schedule_tier", "unit", "lines", "cost", "book"}

// String returns the condition's name ("tier", "quantity").
func (c Condition) String() string { return enumName(c, conditionNames[:], "Condition") }

// MarshalText encodes the name.
func (c Condition) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// SkipReason says why a candidate rule did not apply.
type SkipReason uint8

// Skip reasons. Never reordered; new ones are appended.
const (
	// SkipConditionFailed: a condition did not hold ([Skip.Condition]).
	SkipConditionFailed SkipReason = iota + 1
	// SkipExcluded: another applied rule excludes it or its group, or an
	// exclusive rule won ([Skip.By]).
	SkipExcluded
	// SkipNotSelected: its group applies one rule and another won
	// ([Skip.By]).
	SkipNotSelected
	// SkipCapped: a group or total cap left nothing for it.
	SkipCapped
	// SkipFloored: the price floor left nothing for it.
	SkipFloored
	// SkipNoEffect: it would not change the price (a 0% tier), or it would
	// raise it and may not (a target margin above the running price
	// without AllowIncrease, a LowerOnly price above it).
	SkipNoEffect
)

var skipNames = [...]string{"", "condition_failed", "excluded", "not_selected", "capped", "floored", "no_effect"}

// String returns the reason's name ("excluded").
func (r SkipReason) String() string { return enumName(r, skipNames[:], "SkipReason") }

// MarshalText encodes the name.
func (r SkipReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Limit says what cut an applied step's amount.
type Limit uint8

// Limits. Never reordered.
const (
	// LimitNone: the step applied in full.
	LimitNone Limit = iota
	// LimitGroupCap: the group's cap cut the amount.
	LimitGroupCap
	// LimitTotalCap: the framework's total cap cut the amount.
	LimitTotalCap
	// LimitFloor: the price floor cut the amount.
	LimitFloor
)

var limitNames = [...]string{"", "group_cap", "total_cap", "floor"}

// String returns the limit's name ("" for none).
func (l Limit) String() string { return enumName(l, limitNames[:], "Limit") }

// MarshalText encodes the name.
func (l Limit) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// enumName returns the name of an integer enum value, or "Type(n)" for a
// value without one.
func enumName[T ~uint8](v T, names []string, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, uint8(v))
}
