package engagement

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
)

// Sentinel errors, wrapped with context; test them with errors.Is.
var (
	// ErrNoClaims: a case has no claim to decide.
	ErrNoClaims = errors.New("engagement: no claims")
)

// wrapped is an error whose message carries one package prefix while
// errors.Is and errors.As still see the error it wraps.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

var ownPrefixes = strings.NewReplacer("engagement: ", "")

// wrap returns err under the context format, with the message prefixed
// "engagement: " once (partnerops.StripPrefixes does not know this package's
// prefix yet).
func wrap(err error, format string, args ...any) error {
	text := ownPrefixes.Replace(partnerops.StripPrefixes(err.Error()))
	return &wrapped{msg: "engagement: " + fmt.Sprintf(format, args...) + ": " + text, err: err}
}
