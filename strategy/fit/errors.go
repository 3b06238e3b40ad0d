package fit

import "errors"

// Sentinel errors of the fit package. Functions wrap them with context
// (the entity and attribute involved), so test them with [errors.Is].
// Definition problems are reported as *partnerops.ValidationError values
// instead (see [Compile] and [ParseDefinition]).
var (
	// ErrUnknownAttribute is returned when an entity value names an
	// attribute the fit model does not declare.
	ErrUnknownAttribute = errors.New("fit: unknown attribute")

	// ErrAttributeKind is returned when an entity value does not suit the
	// declared kind of its attribute (a number for a string attribute,
	// text that does not parse as a number or boolean).
	ErrAttributeKind = errors.New("fit: wrong attribute kind")

	// ErrForeignEntity is returned when an [Entity] built by one fit model
	// is scored by another.
	ErrForeignEntity = errors.New("fit: entity built for another fit model")
)
