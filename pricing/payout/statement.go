package payout

import (
	"time"

	"github.com/partnerops/partnerops"
)

// LineKind says what a statement line pays or adjusts.
type LineKind string

// Line kinds.
const (
	// LineTransaction: what a transaction earned in a component.
	LineTransaction LineKind = "transaction"
	// LineFastStart: a ramp's fast-start bonus on a first deal.
	LineFastStart LineKind = "fast_start"
	// LineRetention: a retention component's earning for the period.
	LineRetention LineKind = "retention"
	// LineTrueUp: earnings of an earlier period withheld by a closed
	// gate, paid now that the gate is open.
	LineTrueUp LineKind = "true_up"
	// LineClawback: a negative line reversing an earlier payout.
	LineClawback LineKind = "clawback"
	// LinePlanCap: the plan's cap on the period total.
	LinePlanCap LineKind = "plan_cap"
	// LineFloor: the top-up to the plan's guaranteed minimum.
	LineFloor LineKind = "floor"
	// LineDrawAdvance: a recoverable draw paid because earnings fell
	// short of it.
	LineDrawAdvance LineKind = "draw_advance"
	// LineDrawRecovery: earnings above the draw recovering earlier
	// advances.
	LineDrawRecovery LineKind = "draw_recovery"
)

// Limit names what cut a line's amount.
type Limit string

// Limits.
const (
	// LimitTransaction: the component's transaction cap.
	LimitTransaction Limit = "transaction_cap"
	// LimitPeriod: the component's period cap.
	LimitPeriod Limit = "period_cap"
	// LimitGate: the component's gate was closed; the amount is withheld
	// (and paid as a true-up if the gate opens later in its window).
	LimitGate Limit = "gate"
	// LimitClawbackWindow: the reversal came after the clawback window;
	// nothing is reversed.
	LimitClawbackWindow Limit = "clawback_window"
)

// Line is one line of a statement, with everything its explanation needs
// ([Line.Explain]). Measures (Credited, Cumulative) are in the
// component's measure unit: the plan's currency for money measures.
type Line struct {
	Kind        LineKind           `json:"kind"`
	Transaction TransactionID      `json:"transaction,omitempty"`
	Date        time.Time          `json:"date,omitzero"`
	Credited    partnerops.Decimal `json:"credited,omitzero"`
	// Share is the payee's share of a split transaction.
	Share partnerops.Percent `json:"share,omitzero"`
	// Cumulative is the period's running total including this line
	// (cumulative evaluation).
	Cumulative partnerops.Decimal `json:"cumulative,omitzero"`
	// Attainment is the running attainment (earnings tables, retention).
	Attainment partnerops.Percent `json:"attainment,omitzero"`
	// Tier is the 1-based tier reached, 0 when none.
	Tier   int    `json:"tier,omitempty"`
	TierID string `json:"tier_id,omitempty"`
	// Rate is the rate of the tier reached (money measures), or a ramp
	// stage's bonus rate.
	Rate partnerops.Percent `json:"rate,omitzero"`
	// PerUnit is the amount per unit of the tier reached (quantity
	// measures).
	PerUnit partnerops.Decimal `json:"per_unit,omitzero"`
	// Gated: the tier reached is gated and the gate is closed; it paid
	// the nearest lower tier's rate.
	Gated bool `json:"gated,omitempty"`
	// Stage is a ramp line's stage ID ("" when not ramping).
	Stage string `json:"stage,omitempty"`
	// Period labels the earlier period a true-up or clawback concerns.
	Period string         `json:"period,omitempty"`
	Cause  ClawbackReason `json:"cause,omitempty"`
	// Portion is the share of the original payout a clawback reverses.
	Portion partnerops.Percent `json:"portion,omitzero"`
	// Original is what the transaction was paid in its period.
	Original partnerops.Money `json:"original,omitzero"`
	Amount   partnerops.Money `json:"amount"`
	// Cut is what a limit removed from the line (or withheld).
	Cut   partnerops.Money `json:"cut,omitzero"`
	Limit Limit            `json:"limit,omitempty"`
}

// GateResult explains a component's gate in a statement.
type GateResult struct {
	Window     partnerops.Period  `json:"window"`
	Label      string             `json:"label"`
	Measure    partnerops.Decimal `json:"measure"`
	Quota      partnerops.Decimal `json:"quota"`
	Attainment partnerops.Percent `json:"attainment"`
	AtLeast    partnerops.Percent `json:"at_least"`
	Open       bool               `json:"open"`
}

// ComponentResult is a component's part of a statement.
type ComponentResult struct {
	ID         ComponentID   `json:"id"`
	Name       string        `json:"name,omitempty"`
	Kind       ComponentKind `json:"kind"`
	Measure    Measure       `json:"measure,omitempty"`
	Evaluation Evaluation    `json:"evaluation,omitempty"`
	// Credited is the payee's credited measure over the period.
	Credited   partnerops.Decimal `json:"credited"`
	Quota      partnerops.Decimal `json:"quota,omitzero"`
	Attainment partnerops.Percent `json:"attainment,omitzero"`
	// Tier is the 1-based tier the period total reached (0: none).
	Tier   int         `json:"tier,omitempty"`
	TierID string      `json:"tier_id,omitempty"`
	Gate   *GateResult `json:"gate,omitempty"`
	Lines  []Line      `json:"lines"`
	// Earned is the sum of the lines.
	Earned partnerops.Money `json:"earned"`
	// EffectiveRate is what the transactions' lines earned over the
	// credited measure (money measures, cumulative or per transaction).
	EffectiveRate partnerops.Percent `json:"effective_rate,omitzero"`
}

// SkipReason says why a transaction of the period is on no component.
type SkipReason string

// Skip reasons.
const (
	// SkipNotCredited: the transaction is split and the payee is not
	// among its credits.
	SkipNotCredited SkipReason = "not_credited"
	// SkipNoComponent: no component counts the transaction.
	SkipNoComponent SkipReason = "no_component"
)

// Skip is a transaction of the period that earned nothing, and why.
type Skip struct {
	Transaction TransactionID `json:"transaction"`
	Date        time.Time     `json:"date"`
	Reason      SkipReason    `json:"reason"`
}

// Statement is a payee's payout statement for one plan period. It is
// plain data that round-trips through encoding/json, and renders with
// [Statement.Text] and [Statement.Markdown].
type Statement struct {
	Plan     PlanID              `json:"plan"`
	Payee    PayeeID             `json:"payee"`
	Period   partnerops.Period   `json:"period"`
	Label    string              `json:"label"`
	Currency partnerops.Currency `json:"currency"`
	// Target is the target incentive the statement used.
	Target     partnerops.Money  `json:"target_incentive,omitzero"`
	Components []ComponentResult `json:"components"`
	// Subtotal is the sum of the components' earnings.
	Subtotal partnerops.Money `json:"subtotal"`
	// Adjustments: the plan cap, the floor, the draw.
	Adjustments []Line `json:"adjustments,omitempty"`
	// Total is what the period pays.
	Total partnerops.Money `json:"total"`
	// DrawBalance is the recoverable draw outstanding at the end of the
	// period (pass it to the next period's request).
	DrawBalance partnerops.Money `json:"draw_balance,omitzero"`
	Skipped     []Skip           `json:"skipped,omitempty"`
}
