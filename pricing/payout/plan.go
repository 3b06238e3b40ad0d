package payout

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Typed identifiers. The package only compares them, and sorts by them to
// break ties.
type (
	// PlanID identifies a payout plan.
	PlanID string
	// ComponentID identifies a component of a plan.
	ComponentID string
	// PayeeID identifies who is paid: a partner or a person.
	PayeeID string
	// TransactionID identifies a credited transaction (a deal, an order, a
	// renewal).
	TransactionID string
)

// Measure names what a component pays on. The built-in measures read a
// [Transaction]'s fields; a plan declares host-named measures in
// [Plan.Measures], read from [Transaction.Measures].
type Measure string

// Built-in measures.
const (
	// MeasureRevenue reads [Transaction.Amount]; it is the default.
	MeasureRevenue Measure = "revenue"
	// MeasureACV reads [Transaction.ACV].
	MeasureACV Measure = "acv"
	// MeasureTCV reads [Transaction.TCV].
	MeasureTCV Measure = "tcv"
	// MeasureGrossMargin reads [Transaction.GrossMargin].
	MeasureGrossMargin Measure = "gross_margin"
	// MeasureUnits reads [Transaction.Units], a quantity.
	MeasureUnits Measure = "units"
)

// MeasureUnit says whether a measure is an amount of money (in the plan's
// currency) or a quantity.
type MeasureUnit string

// Measure units.
const (
	UnitMoney    MeasureUnit = "money"
	UnitQuantity MeasureUnit = "quantity"
)

// MeasureDef declares a host-named measure.
type MeasureDef struct {
	ID   Measure     `json:"id"`
	Unit MeasureUnit `json:"unit"`
}

// TierMode says how a rate table turns a measure into earnings. The names
// are the ones plan administrators use; [TierMode.UnmarshalText] also
// accepts the vendors' names listed in the package doc.
type TierMode string

// Tier modes.
const (
	// TierFlat (retroactive, "rate not split"): the tier the measure
	// reaches applies to the whole measure.
	TierFlat TierMode = "flat"
	// TierMarginal (step, "split fixed", non-proportional): each slice of
	// the measure earns its own tier's rate; a tier marked Retroactive
	// re-rates everything below it once reached.
	TierMarginal TierMode = "marginal"
	// TierInterpolated ("split interpolated", proportional): each tier
	// holds a fixed earning for its whole width, prorated linearly within
	// it.
	TierInterpolated TierMode = "interpolated"
)

var tierModeAliases = map[string]TierMode{
	"retroactive": TierFlat, "no_split": TierFlat, "not_split": TierFlat, "rate_not_split": TierFlat, "highest_rate": TierFlat,
	"step": TierMarginal, "split_fixed": TierMarginal, "non_proportional": TierMarginal, "nonproportional": TierMarginal, "incremental": TierMarginal, "tiered": TierMarginal,
	"split_interpolated": TierInterpolated, "proportional": TierInterpolated, "split_varied": TierInterpolated,
}

// UnmarshalText accepts the mode names and the vendors' synonyms
// ("split_fixed", "step", "retroactive", "split_interpolated", ...),
// case-insensitively, spaces and hyphens read as underscores. An empty
// mode decodes as empty (Compile reports it missing).
func (m *TierMode) UnmarshalText(b []byte) error {
	k := normName(string(b))
	switch TierMode(k) {
	case "", TierFlat, TierMarginal, TierInterpolated:
		*m = TierMode(k)
		return nil
	}
	if v, ok := tierModeAliases[k]; ok {
		*m = v
		return nil
	}
	return fmt.Errorf("tier mode %q: want flat, marginal or interpolated (or a synonym such as split_fixed): %w", string(b), partnerops.ErrSyntax)
}

func normName(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// TierBasis says what a rate table's bounds are expressed in.
type TierBasis string

// Tier bases.
const (
	// BasisAmount: bounds in the measure's unit (the default).
	BasisAmount TierBasis = "amount"
	// BasisAttainment: bounds in percent of the quota ("100" is quota).
	BasisAttainment TierBasis = "attainment"
)

// Evaluation says whether a component evaluates transactions against the
// period's running total or each on its own.
type Evaluation string

// Evaluations.
const (
	// Cumulative (the default): a transaction earns what the running total
	// including it earns, minus what the total before it earned.
	Cumulative Evaluation = "cumulative"
	// PerTransaction: each transaction is evaluated on its own.
	PerTransaction Evaluation = "per_transaction"
)

// ComponentKind is the kind of a plan component.
type ComponentKind string

// Component kinds.
const (
	// KindCommission pays a rate table on a measure.
	KindCommission ComponentKind = "commission"
	// KindEarningsTable pays a share of the target incentive read from an
	// earnings table (pay curve) keyed by quota attainment.
	KindEarningsTable ComponentKind = "earnings_table"
	// KindBonus pays a fixed amount per qualifying transaction (a
	// new-logo bonus).
	KindBonus ComponentKind = "bonus"
	// KindRetention pays on the net or gross revenue retention of the
	// payee's book.
	KindRetention ComponentKind = "retention"
	// KindRamp pays a new partner's ramp schedule: a bonus rate by stage
	// and a fast-start bonus.
	KindRamp ComponentKind = "ramp"
)

// RetentionMetric names a retention ratio of a book of business.
type RetentionMetric string

// Retention metrics.
const (
	// NRR, net revenue retention: (start + expansion − contraction −
	// churn) ÷ start.
	NRR RetentionMetric = "nrr"
	// GRR, gross revenue retention: (start − contraction − churn) ÷
	// start.
	GRR RetentionMetric = "grr"
)

// Plan is a payout plan: what a payee earns per period from credited
// transactions. It is plain data; [Compile] validates it and returns an
// [Engine]. Amounts are bare decimal strings in the plan's currency.
type Plan struct {
	ID   PlanID `json:"id"`
	Name string `json:"name,omitempty"`
	// Currency of every amount in the plan and its statements.
	Currency partnerops.Currency `json:"currency"`
	// Calendar is the program's fiscal calendar.
	Calendar partnerops.Calendar `json:"calendar,omitzero"`
	// Period is the plan period, at whose start every cumulative total,
	// cap and quota resets: month, quarter, half or year.
	Period partnerops.PeriodUnit `json:"period"`
	// Rounding is the mode amounts are rounded with, to the currency's
	// minor units. Defaults to half_up.
	Rounding partnerops.RoundingMode `json:"rounding,omitempty"`
	// TargetIncentive is the payee's target variable pay per period; a
	// statement request may override it. Earnings tables, retention
	// curves and caps as multiples of target use it.
	TargetIncentive partnerops.Money `json:"target_incentive,omitzero"`
	// Measures declares host-named measures.
	Measures []MeasureDef `json:"measures,omitempty"`
	// Components are evaluated in this order.
	Components []Component `json:"components"`
	// Cap limits the period's total, after the components' own caps.
	Cap *Cap `json:"cap,omitempty"`
	// Floor is a guaranteed minimum per period (non-recoverable).
	Floor partnerops.Money `json:"floor,omitzero"`
	// Draw is a recoverable draw per period: paid when earnings fall
	// short, recovered from later earnings above it.
	Draw partnerops.Money `json:"draw,omitzero"`
}

type planPlain Plan

// ParsePlan decodes a plan definition strictly (see the package doc).
func ParsePlan(data []byte) (Plan, error) {
	var p Plan
	if err := strict.Decode(data, (*planPlain)(&p), strict.Options{}); err != nil {
		return Plan{}, fmt.Errorf("payout: parsing plan: %w", err)
	}
	return p, nil
}

// UnmarshalJSON decodes strictly, as [ParsePlan] does.
func (p *Plan) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*planPlain)(p), strict.Options{})
}

// Component is one way a plan pays. Which fields a kind needs, and which
// it refuses, is listed in the package doc.
type Component struct {
	ID   ComponentID   `json:"id"`
	Name string        `json:"name,omitempty"`
	Kind ComponentKind `json:"kind"`
	// Measure the component pays on; defaults to revenue.
	Measure Measure `json:"measure,omitempty"`
	// When restricts the transactions the component counts.
	When Filter `json:"when,omitzero" aka:"filter,conditions,where"`
	// Evaluation: cumulative (default) or per_transaction.
	Evaluation Evaluation `json:"evaluation,omitempty"`
	// Table is the rate table of a commission, or the bands of a
	// retention bonus.
	Table *RateTable `json:"table,omitempty" aka:"rate_table,tiers"`
	// Curve is an earnings table (pay curve): payout in percent of the
	// component's target by attainment.
	Curve *Curve `json:"curve,omitempty" aka:"pay_curve,earnings"`
	// Quota per period, in the measure's unit.
	Quota partnerops.Decimal `json:"quota,omitzero"`
	// Weight is the component's share of the target incentive; defaults
	// to 100.
	Weight partnerops.Percent `json:"weight,omitzero"`
	// Amount is a bonus's amount per qualifying transaction.
	Amount partnerops.Money `json:"amount,omitzero"`
	// Metric is a retention component's ratio.
	Metric RetentionMetric `json:"metric,omitempty"`
	// Ramp is a ramp component's schedule.
	Ramp *RampSchedule `json:"ramp,omitempty"`
	// Cap limits the component's earnings per period.
	Cap *Cap `json:"cap,omitempty"`
	// TransactionCap limits what one transaction earns.
	TransactionCap *Cap `json:"transaction_cap,omitempty" aka:"deal_cap"`
	// Gate makes the component (or its gated tiers) pay only when the
	// attainment over a longer window reaches a threshold.
	Gate *Gate `json:"gate,omitempty"`
	// Clawback reverses payouts of transactions that churn, are refunded
	// or downgraded within a number of months.
	Clawback *ClawbackPolicy `json:"clawback,omitempty"`
}

// Filter restricts the transactions a component counts. Every non-empty
// field must match; an empty filter counts every transaction.
type Filter struct {
	Business    []partnerops.BusinessType `json:"business,omitempty"`
	Families    []string                  `json:"families,omitempty"`
	SKUs        []string                  `json:"skus,omitempty"`
	Attribution []partnerops.Attribution  `json:"attribution,omitempty"`
	Motions     []partnerops.Motion       `json:"motions,omitempty"`
	// NewLogo counts only transactions that bring a new customer.
	NewLogo bool `json:"new_logo,omitempty"`
}

// IsZero reports whether the filter counts every transaction.
func (f Filter) IsZero() bool {
	return len(f.Business) == 0 && len(f.Families) == 0 && len(f.SKUs) == 0 &&
		len(f.Attribution) == 0 && len(f.Motions) == 0 && !f.NewLogo
}

// RateTable is a tiered rate table. Tier i covers [From_i, From_{i+1}) and
// the last tier is open above, except in an interpolated table, whose
// last tier ends at its To.
type RateTable struct {
	Mode  TierMode  `json:"mode"`
	Basis TierBasis `json:"basis,omitempty"`
	Tiers []Tier    `json:"tiers"`
}

// Tier is one row of a [RateTable]. Give exactly one of Rate (percent of
// a money measure), PerUnit (an amount per unit of a quantity measure) or
// Amount (a flat table's fixed earning, or an interpolated tier's earning
// over its whole width); every tier of a table gives the same one.
type Tier struct {
	ID      string             `json:"id,omitempty"`
	From    partnerops.Decimal `json:"from"`
	To      partnerops.Decimal `json:"to,omitzero"`
	Rate    partnerops.Percent `json:"rate,omitzero" aka:"percent"`
	PerUnit partnerops.Money   `json:"per_unit,omitzero"`
	Amount  partnerops.Money   `json:"amount,omitzero"`
	// Retroactive (marginal tables): once the measure reaches this tier,
	// its rate applies to the whole measure up to the tier's end, while
	// higher tiers stay marginal.
	Retroactive bool `json:"retroactive,omitempty"`
	// Gated: the tier's rate is paid only while the component's gate is
	// open; otherwise the nearest lower tier that is not gated applies.
	Gated bool `json:"gated,omitempty"`
}

// Curve is an earnings table: points of (attainment, payout), payout in
// percent of the component's target incentive, interpolated linearly
// between points. Below the first point nothing is paid unless the first
// point is at 0; above the last point the payout stays at the last
// point's unless Extend continues the last segment's slope.
type Curve struct {
	Points []CurvePoint `json:"points"`
	Extend bool         `json:"extend,omitempty"`
}

// CurvePoint is one point of a [Curve].
type CurvePoint struct {
	Attainment partnerops.Percent `json:"attainment"`
	Payout     partnerops.Percent `json:"payout"`
}

// Cap limits earnings to an amount or to a multiple of the target
// incentive (give one).
type Cap struct {
	Amount           partnerops.Money   `json:"amount,omitzero"`
	MultipleOfTarget partnerops.Decimal `json:"multiple_of_target,omitzero"`
}

// Gate opens a component, or its gated tiers, only when attainment over a
// window (the fiscal year, half or quarter containing the statement's
// period) through the end of the statement's period reaches AtLeast.
// Withheld earnings of earlier periods in the window are paid as true-up
// lines in the period the gate opens.
type Gate struct {
	Window partnerops.PeriodUnit `json:"window"`
	// Measure defaults to the component's.
	Measure Measure `json:"measure,omitempty"`
	// AtLeast is the attainment threshold in percent.
	AtLeast partnerops.Percent `json:"at_least"`
	// Quota for the window; defaults to the component's period quota
	// times the periods of the window elapsed so far (a year-to-date
	// quota). Give the full annual quota to gate on it instead.
	Quota partnerops.Decimal `json:"quota,omitzero"`
}

// ClawbackPolicy says which reversals claw a payout back.
type ClawbackPolicy struct {
	// Months is the window after the transaction's date within which a
	// reversal claws back.
	Months int `json:"months"`
	// Prorate reduces the clawback by the whole months elapsed since the
	// transaction: (Months − elapsed) ÷ Months of it is reversed.
	Prorate bool `json:"prorate,omitempty"`
}

// Transaction is a credited transaction, as the host's CRM or billing
// system knows it. Amounts are in the plan's currency (an amount with no
// currency is read as the plan's).
type Transaction struct {
	ID TransactionID `json:"id"`
	// Date is the credit date; it decides the transaction's period.
	Date time.Time `json:"date"`
	// Amount is the revenue measure.
	Amount      partnerops.Money   `json:"amount"`
	ACV         partnerops.Money   `json:"acv,omitzero"`
	TCV         partnerops.Money   `json:"tcv,omitzero"`
	GrossMargin partnerops.Money   `json:"gross_margin,omitzero"`
	Units       partnerops.Decimal `json:"units,omitzero"`
	// Measures hold host-named measures declared by the plan.
	Measures    map[Measure]partnerops.Decimal `json:"measures,omitempty"`
	Business    partnerops.BusinessType        `json:"business,omitempty"`
	NewLogo     bool                           `json:"new_logo,omitempty"`
	Family      string                         `json:"family,omitempty"`
	SKU         string                         `json:"sku,omitempty"`
	Attribution partnerops.Attribution         `json:"attribution,omitempty"`
	Motion      partnerops.Motion              `json:"motion,omitempty"`
	// Credits split the transaction between payees by weight; empty
	// credits the whole transaction to the statement's payee.
	Credits []Credit `json:"credits,omitempty"`
}

// Credit is one payee's weight in a split transaction. Shares are
// weight ÷ the sum of weights.
type Credit struct {
	Payee  PayeeID            `json:"payee"`
	Weight partnerops.Decimal `json:"weight"`
}

// ClawbackReason says why a transaction is reversed.
type ClawbackReason string

// Clawback reasons.
const (
	ReasonChurn     ClawbackReason = "churn"
	ReasonRefund    ClawbackReason = "refund"
	ReasonDowngrade ClawbackReason = "downgrade"
)

// Clawback is a reversal event: a transaction churned, was refunded or
// downgraded. It is applied in the period containing its Date, as
// negative lines of every component with a [ClawbackPolicy] that paid the
// transaction.
type Clawback struct {
	ID          string         `json:"id"`
	Transaction TransactionID  `json:"transaction"`
	Date        time.Time      `json:"date"`
	Reason      ClawbackReason `json:"reason"`
	// Portion of the transaction reversed; zero means all of it (a churn
	// or a full refund). A downgrade gives the share lost.
	Portion partnerops.Percent `json:"portion,omitzero"`
}

// Book is the payee's book of recurring business over the statement's
// period, for retention components: its value at the start of the period
// and what expanded, contracted and churned during it.
type Book struct {
	Start       partnerops.Money `json:"start"`
	Expansion   partnerops.Money `json:"expansion,omitzero"`
	Contraction partnerops.Money `json:"contraction,omitzero"`
	Churn       partnerops.Money `json:"churn,omitzero"`
}

// Request asks for one payee's statement for one period.
type Request struct {
	Payee PayeeID `json:"payee"`
	// At is any instant in the period; the statement covers the plan
	// period containing it (in At's location).
	At time.Time `json:"at"`
	// Transactions credited to the payee: those of the period and, where
	// gates, true-ups, clawbacks and ramps look back, every earlier one
	// they need (the gate's window, the clawback window, the ramp since
	// Start). Order does not matter.
	Transactions []Transaction `json:"transactions"`
	// Clawbacks to apply: those dated in the period are applied.
	Clawbacks []Clawback `json:"clawbacks,omitempty"`
	// Quotas override components' period quotas for this payee.
	Quotas map[ComponentID]partnerops.Decimal `json:"quotas,omitempty"`
	// TargetIncentive overrides the plan's for this payee.
	TargetIncentive partnerops.Money `json:"target_incentive,omitzero"`
	// DrawBalance is the recoverable draw outstanding at the start of the
	// period (the previous statement's ending balance).
	DrawBalance partnerops.Money `json:"draw_balance,omitzero"`
	// Book is the payee's book for retention components.
	Book *Book `json:"book,omitempty"`
	// Start is the payee's start date, for ramp components.
	Start time.Time `json:"start,omitzero"`
}
