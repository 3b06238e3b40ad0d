package renewal

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
)

// wrapped is an error whose message carries one package prefix while
// errors.Is and errors.As still see the error it wraps.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

var ownPrefixes = strings.NewReplacer("deal: ", "", "renewal: ", "", "profit: ", "")

// wrap returns err under the context format, with the message prefixed
// "renewal: " once: prefixes inside err's text are dropped
// (partnerops.StripPrefixes does not know this package's yet).
func wrap(err error, format string, args ...any) error {
	text := ownPrefixes.Replace(partnerops.StripPrefixes(err.Error()))
	return &wrapped{msg: "renewal: " + fmt.Sprintf(format, args...) + ": " + text, err: err}
}
