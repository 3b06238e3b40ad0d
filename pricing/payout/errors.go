package payout

import (
	"errors"
	"fmt"

	"github.com/partnerops/partnerops"
)

// Sentinel errors. Runtime errors wrap one of these, or a root sentinel
// ([partnerops.ErrCurrencyMismatch], [partnerops.ErrRange],
// [partnerops.ErrInvalid]); test them with [errors.Is].
var (
	// ErrNoQuota: a component needs a quota (attainment tiers, an earnings
	// table, a gate) and neither the plan nor the request gives one.
	ErrNoQuota = errors.New("payout: no quota")
	// ErrNoTarget: a component needs the target incentive (an earnings
	// table, a cap as a multiple of target) and neither the plan nor the
	// request gives one.
	ErrNoTarget = errors.New("payout: no target incentive")
	// ErrNoBook: a retention component needs the request's Book.
	ErrNoBook = errors.New("payout: no book of business")
	// ErrNoStart: a ramp needs the partner's start date.
	ErrNoStart = errors.New("payout: no start date")
	// ErrUnknownTransaction: a clawback names a transaction the request
	// does not hold.
	ErrUnknownTransaction = errors.New("payout: unknown transaction")
	// ErrDuplicateTransaction: two transactions share an ID and a date.
	ErrDuplicateTransaction = errors.New("payout: duplicate transaction")
	// ErrInsufficientFunds: a claim asks for more than a fund's balance.
	// The error is a [*BalanceError].
	ErrInsufficientFunds = errors.New("payout: insufficient funds")
)

// InputError locates a problem in a request: a transaction, credit or
// clawback that cannot be evaluated. It wraps the condition.
type InputError struct {
	// Path locates the input by ID: transactions[T-7].credits[p-2].weight.
	Path string
	Err  error
}

// Error renders "payout: transactions[T-7].amount: ...".
func (e *InputError) Error() string {
	return fmt.Sprintf("payout: %s: %s", e.Path, partnerops.StripPrefixes(stripOwn(e.Err.Error())))
}

// Unwrap returns the condition.
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(path string, err error) error { return &InputError{Path: path, Err: err} }

// BalanceError reports a claim or pre-approval over a fund's available
// balance. It wraps [ErrInsufficientFunds].
type BalanceError struct {
	Fund      string
	Claim     string
	Requested partnerops.Money
	// Balance is the available balance at the claim's date.
	Balance partnerops.Money
	At      string
}

// Error names the claim, the amount asked and the balance.
func (e *BalanceError) Error() string {
	return fmt.Sprintf("payout: fund %q: claim %q for %s exceeds the balance %s at %s: %s",
		e.Fund, e.Claim, e.Requested.StringFixed(), e.Balance.StringFixed(), e.At, stripOwn(ErrInsufficientFunds.Error()))
}

// Unwrap returns [ErrInsufficientFunds].
func (e *BalanceError) Unwrap() error { return ErrInsufficientFunds }

// stripOwn drops this package's prefix ("payout: ") so a message keeps one
// prefix; partnerops.StripPrefixes does not know it yet.
func stripOwn(s string) string {
	const p = "payout: "
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if len(s)-i >= len(p) && s[i:i+len(p)] == p {
			i += len(p)
			continue
		}
		out = append(out, s[i])
		i++
	}
	return string(out)
}
