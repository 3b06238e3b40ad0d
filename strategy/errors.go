package strategy

import (
	"errors"
	"slices"

	"github.com/partnerops/partnerops"
)

// Sentinel errors of the strategy package. Functions wrap them with context
// (the entity, attribute or profile involved), so test them with
// [errors.Is]. Definition problems are reported as
// *partnerops.ValidationError values instead (see [CompileCapabilities]).
var (
	// ErrUnknownProfile is returned for a requirement profile ID that the
	// capability framework does not define.
	ErrUnknownProfile = errors.New("strategy: unknown requirement profile")

	// ErrUnknownCapability is returned when an assessment names a
	// capability, or a level, that the framework does not define.
	ErrUnknownCapability = errors.New("strategy: unknown capability")

	// ErrUnknownPartner is returned when a record (an affiliation, a deal)
	// names a partner that is not in the analysed portfolio.
	ErrUnknownPartner = errors.New("strategy: unknown partner")

	// ErrDuplicate is returned when input lists the same key twice (a
	// partner twice in a portfolio, the same competitor twice for one
	// partner).
	ErrDuplicate = errors.New("strategy: duplicate")
)

// segWrap returns err with op as its one prefix, wrapping err and every
// sentinel in kinds so errors.Is finds each of them (their texts are not
// repeated in the message); err alone when kinds is empty.
func segWrap(op string, kinds []error, err error) error {
	if err == nil || len(kinds) == 0 {
		return err
	}
	var distinct []error
	for _, k := range kinds {
		if !slices.Contains(distinct, k) {
			distinct = append(distinct, k)
		}
	}
	return &wrapError{msg: op + ": " + err.Error(), errs: append(distinct, err)}
}

// wrapError is an error with its own message that wraps several errors.
type wrapError struct {
	msg  string
	errs []error
}

func (e *wrapError) Error() string   { return e.msg }
func (e *wrapError) Unwrap() []error { return e.errs }

// quoteDecimal quotes a decimal in an error message without rendering a
// hostile representation (1e-3000000) in full.
func quoteDecimal(d partnerops.Decimal) string {
	if d.Validate() != nil {
		return "a value out of range"
	}
	return d.String()
}
