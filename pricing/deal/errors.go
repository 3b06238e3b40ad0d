package deal

import "errors"

// Sentinel errors, wrapped with context; test them with errors.Is.
var (
	// ErrUnknownModel: a deal names a model the terms do not define.
	ErrUnknownModel = errors.New("deal: unknown model")
	// ErrUnknownSlot: a deal party names a slot its model does not have.
	ErrUnknownSlot = errors.New("deal: unknown slot")
	// ErrTooManyParties: several parties fill a slot that cannot be
	// split (resale, OEM and marketplace slots hold one party).
	ErrTooManyParties = errors.New("deal: too many parties for a slot")
)
