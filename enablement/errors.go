package enablement

import "errors"

// Sentinel errors. Functions wrap them with context, so test them with
// [errors.Is]. Definition problems are [*partnerops.ValidationError]
// values instead (matching [partnerops.ErrInvalid]).
var (
	// ErrUnknownValue is returned when text names no skill level, span or
	// other enumerated value.
	ErrUnknownValue = errors.New("enablement: unknown value")

	// ErrUnknownAsset is returned for an asset ID that is not in the catalog.
	ErrUnknownAsset = errors.New("enablement: unknown asset")

	// ErrUnknownCertification is returned for a certification ID that the
	// engine does not define.
	ErrUnknownCertification = errors.New("enablement: unknown certification")

	// ErrUnknownPath is returned for a learning path ID that the engine does
	// not define.
	ErrUnknownPath = errors.New("enablement: unknown learning path")
)
