package performance

import (
	"errors"
	"fmt"

	"github.com/partnerops/partnerops"
)

// Sentinel errors of the performance package. Functions wrap them with
// context, so test them with [errors.Is].
var (
	// ErrUnknownMetric is returned for a metric key that the catalog or
	// scorecard does not define.
	ErrUnknownMetric = errors.New("performance: unknown metric")
	// ErrOutOfPeriod is returned for an observation whose time falls in
	// none of the aggregator's periods.
	ErrOutOfPeriod = errors.New("performance: observation outside every period")
	// ErrMissingKey is returned for an observation of a distinct-count
	// metric that carries no key.
	ErrMissingKey = errors.New("performance: distinct-count observation without a key")
	// ErrDerivedMetric is returned for an observation of a ratio metric,
	// which is computed from its numerator and denominator, never observed.
	ErrDerivedMetric = errors.New("performance: ratio metrics are derived, not observed")
	// ErrIncompatible is returned when merging partial aggregates built
	// from different catalogs or periods.
	ErrIncompatible = errors.New("performance: incompatible aggregates")
)

// opError is an error message with exactly one package prefix that wraps
// its cause, so errors.Is finds the sentinels inside while the text does
// not stutter ("performance: scoring input 3: metric "x": value out of
// range", not "performance: scoring input 3: performance: ...:
// partnerops: value out of range").
type opError struct {
	msg   string
	cause error
}

func (e *opError) Error() string { return "performance: " + e.msg }

func (e *opError) Unwrap() error { return e.cause }

// fail returns an error whose text is "performance: " + the formatted
// context + ": " + the cause's text without package prefixes, wrapping
// cause.
func fail(cause error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if cause != nil {
		msg += ": " + partnerops.StripPrefixes(cause.Error())
	}
	return &opError{msg: msg, cause: cause}
}
