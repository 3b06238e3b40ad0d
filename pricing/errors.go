package pricing

import (
	"errors"
	"fmt"
)

// Sentinel errors. Runtime errors from [Engine.Price] wrap one of these (or
// a root sentinel such as [partnerops.ErrCurrencyMismatch] or
// [partnerops.ErrUnknownTier]); test them with [errors.Is].
var (
	// ErrUnknownSKU: a quote line names a SKU the book does not hold.
	ErrUnknownSKU = errors.New("pricing: unknown SKU")
	// ErrNoPrice: the book holds the SKU but no entry is in force at the
	// pricing date.
	ErrNoPrice = errors.New("pricing: no price in force")
	// ErrUnknownBook: the quote names a book the engine does not hold, or
	// no book matches its currency and region.
	ErrUnknownBook = errors.New("pricing: unknown price book")
	// ErrQuantity: a line's quantity is not positive or has more than six
	// fraction digits.
	ErrQuantity = errors.New("pricing: invalid quantity")
	// ErrConflict: two rules of a first-by-priority group tie and the
	// framework's tie-break is [TieBreakError]. The error is a
	// [*ConflictError].
	ErrConflict = errors.New("pricing: conflicting rules")
)

// ConflictError reports two rules that tie for a [CombineFirst] group on
// specificity and priority when the framework asks for conflicts to be
// reported. It wraps [ErrConflict].
type ConflictError struct {
	Group GroupID
	A, B  RuleID
}

// Error names both rules.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("pricing: rules %q and %q tie in group %q (same specificity and priority): %v", e.A, e.B, e.Group, ErrConflict)
}

// Unwrap returns [ErrConflict].
func (e *ConflictError) Unwrap() error { return ErrConflict }

// LineError locates a runtime error on one quote line.
type LineError struct {
	Line int // index in Quote.Lines
	SKU  SKU
	Err  error
}

// Error renders "pricing: line 3 (SKU "X"): ...".
func (e *LineError) Error() string {
	return fmt.Sprintf("pricing: line %d (SKU %q): %v", e.Line, e.SKU, e.Err)
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }
