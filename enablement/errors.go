package enablement

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/partnerops/partnerops"
)

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

// errorf formats an error whose message carries exactly one package
// prefix ("enablement: "), whatever the errors it wraps say, while
// errors.Is and errors.As still find them.
func errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &prefixed{msg: "enablement: " + partnerops.StripPrefixes(err.Error()), err: err}
}

type prefixed struct {
	msg string
	err error
}

func (e *prefixed) Error() string { return e.msg }
func (e *prefixed) Unwrap() error { return e.err }

// maxQuoted bounds the bytes of host text an error or warning quotes, so
// that hostile input (a megabyte ID) cannot blow up a message.
const maxQuoted = 64

// clip returns s cut to at most maxQuoted bytes (on a rune boundary) with
// "..." when it was longer.
func clip(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// elem names element i of a list in a path: by its ID where it has one
// (certifications[cka]), by its 0-based index otherwise, as the strict
// decoder does.
func elem(id string, i int) any {
	if id == "" {
		return i
	}
	return partnerops.Key(clip(id))
}
