package pricing

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
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
	// ErrQuantity: a line's quantity is not positive, is not below 10^12,
	// or has more than six digits after the decimal point (trailing zeros
	// aside).
	ErrQuantity = errors.New("pricing: invalid quantity")
	// ErrUnknownUnit: a quote line's unit is neither the entry's stock
	// unit nor one of its conversions.
	ErrUnknownUnit = errors.New("pricing: unknown unit")
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

// Error names both rules: "pricing: conflicting rules: "a" and "b" tie in
// group "g" (same specificity and priority)".
func (e *ConflictError) Error() string {
	return fmt.Sprintf("pricing: conflicting rules: %q and %q tie in group %q (same specificity and priority)", e.A, e.B, e.Group)
}

// Unwrap returns [ErrConflict].
func (e *ConflictError) Unwrap() error { return ErrConflict }

// LineError locates a runtime error on one quote line, by its 1-based
// number (as [Result.Text] numbers lines) and its ID when it has one.
type LineError struct {
	Line int // 1-based number of the line in Quote.Lines
	ID   string
	SKU  SKU
	Err  error
}

// Error renders `pricing: line 3 (SKU "X"): ...` or, for a line with an
// ID, `pricing: line 3 "L-7" (SKU "X"): ...`, with one package prefix.
func (e *LineError) Error() string {
	id := ""
	if e.ID != "" {
		id = " " + strconv.Quote(e.ID)
	}
	return fmt.Sprintf("pricing: line %d%s (SKU %q): %s", e.Line, id, e.SKU, partnerops.StripPrefixes(e.Err.Error()))
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// wrapped is an error with context and one package prefix that unwraps to
// the error it wraps.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

// wrapf returns "pricing: <context>: <err without its prefixes>",
// unwrapping to err.
func wrapf(err error, format string, args ...any) error {
	return &wrapped{msg: "pricing: " + fmt.Sprintf(format, args...) + ": " + partnerops.StripPrefixes(err.Error()), err: err}
}

// quantityError says why a quantity is refused, stating the limits.
func quantityError(q partnerops.Decimal) error {
	return &wrapped{msg: "invalid quantity " + quoteDecimal(q) + ": want a positive quantity " + quantityLimits, err: ErrQuantity}
}

// quoteDecimal renders d for a message, or a placeholder when d is out of
// range (its text could be enormous).
func quoteDecimal(d partnerops.Decimal) string {
	if d.Validate() != nil {
		return "(out of range)"
	}
	return d.String()
}

// unitError says that unit is not one of v's units, naming them.
func unitError(unit string, v *version) error {
	names := make([]string, 0, len(v.units)+1)
	if v.unit != "" {
		names = append(names, strconv.Quote(v.unit))
	}
	for _, c := range v.units {
		names = append(names, strconv.Quote(c.name))
	}
	want := "the SKU has no unit conversions"
	if len(names) > 0 {
		want = "want " + strings.Join(names, ", ")
	}
	return &wrapped{msg: fmt.Sprintf("unknown unit %q: %s", unit, want), err: ErrUnknownUnit}
}
