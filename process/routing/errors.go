package routing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
)

// Sentinel errors, wrapped with context; test them with errors.Is.
var (
	// ErrUnknownPartner: a partner ID (a cursor, an update, a lead's
	// owner, an explanation) is not in the pool.
	ErrUnknownPartner = errors.New("routing: unknown partner")
	// ErrNoRand: a weighted-random routing was asked for without a
	// random source (Options.Rand).
	ErrNoRand = errors.New("routing: weighted random needs Options.Rand")
	// ErrChain: a chain was asked for a step its state does not allow
	// (a response with no pending offer, a return of an offer never
	// accepted).
	ErrChain = errors.New("routing: invalid chain step")
)

// wrapped is an error whose message carries one package prefix while
// errors.Is and errors.As still see the error it wraps.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

var ownPrefixes = strings.NewReplacer("routing: ", "")

// wrap returns err under the context format, with the message prefixed
// "routing: " once (partnerops.StripPrefixes does not know this package's
// prefix yet).
func wrap(err error, format string, args ...any) error {
	text := ownPrefixes.Replace(partnerops.StripPrefixes(err.Error()))
	return &wrapped{msg: "routing: " + fmt.Sprintf(format, args...) + ": " + text, err: err}
}
