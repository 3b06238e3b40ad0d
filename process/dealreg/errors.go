package dealreg

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
)

// Sentinel errors, wrapped with context; test them with errors.Is.
var (
	// ErrDuplicateID: two records given to [Checker.Index] (or to
	// [Index.With] in one call) share an ID.
	ErrDuplicateID = errors.New("dealreg: duplicate record ID")
)

// wrapped is an error whose message carries one package prefix while
// errors.Is and errors.As still see the error it wraps.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

var ownPrefixes = strings.NewReplacer("dealreg: ", "")

// wrap returns err under the context format, with the message prefixed
// "dealreg: " once (partnerops.StripPrefixes does not know this package's
// prefix yet).
func wrap(err error, format string, args ...any) error {
	text := ownPrefixes.Replace(partnerops.StripPrefixes(err.Error()))
	return &wrapped{msg: "dealreg: " + fmt.Sprintf(format, args...) + ": " + text, err: err}
}
