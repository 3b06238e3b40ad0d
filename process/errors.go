package process

import (
	"fmt"

	"github.com/partnerops/partnerops"
)

// errorf formats an error this package returns: one "process: " prefix,
// then the message with the prefixes of the errors it wraps removed, so a
// message never stutters ("process: replaying "r": guard rejected
// transition", not "process: replaying "r": process: guard rejected
// transition"). errors.Is and errors.As still find every wrapped error.
func errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &prefixedError{msg: "process: " + partnerops.StripPrefixes(err.Error()), err: err}
}

type prefixedError struct {
	msg string
	err error
}

func (e *prefixedError) Error() string { return e.msg }
func (e *prefixedError) Unwrap() error { return e.err }
