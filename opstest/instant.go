package opstest

import (
	"encoding/json"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Instant is an expected instant that may be "never": a due time a step
// does not have, a tier a partner never falls out of. In JSON it is a
// date ("2026-03-01", the start of the day in UTC), an RFC 3339 time, or
// "never" (also written "none"), which stands for the zero time. A
// pointer to an Instant left out of an expectation is not checked.
type Instant struct {
	t time.Time
}

// At returns the instant t (the zero time: never).
func At(t time.Time) Instant { return Instant{t: t.UTC()} }

// Never is the instant that never comes: the zero time.
func Never() Instant { return Instant{} }

// Time returns the instant; the zero time for never.
func (i Instant) Time() time.Time { return i.t }

// IsNever reports whether the instant is never.
func (i Instant) IsNever() bool { return i.t.IsZero() }

// Matches reports whether t is the instant (the zero time for never).
func (i Instant) Matches(t time.Time) bool {
	if i.t.IsZero() || t.IsZero() {
		return i.t.IsZero() && t.IsZero()
	}
	return i.t.Equal(t)
}

// Equal reports whether i and o are the same instant.
func (i Instant) Equal(o Instant) bool { return i.Matches(o.t) }

// String renders the instant as a date when it is the start of a day in
// UTC ("2026-03-01"), as an RFC 3339 time otherwise, or as "never".
func (i Instant) String() string { return FormatTime(i.t) }

// FormatTime renders t as [Instant.String] does: "never" for the zero
// time, a date for the start of a day in UTC, an RFC 3339 time in UTC
// otherwise.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339Nano)
}

// MarshalJSON encodes the instant as a string: "never", or an RFC 3339
// time in UTC.
func (i Instant) MarshalJSON() ([]byte, error) {
	if i.t.IsZero() {
		return []byte(`"never"`), nil
	}
	return json.Marshal(i.t.UTC().Format(time.RFC3339Nano))
}

// UnmarshalJSON decodes "never", "none", a date or an RFC 3339 time.
func (i *Instant) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil && (s == "never" || s == "none") {
		*i = Instant{}
		return nil
	}
	var t time.Time
	if err := strict.Decode(b, &t, strict.Options{}); err != nil {
		return &partnerops.ValidationError{Rule: "want " + Instant{}.JSONShape(), Err: partnerops.ErrSyntax}
	}
	*i = At(t)
	return nil
}

// JSONShape describes the JSON an Instant decodes from; decode errors
// quote it.
func (Instant) JSONShape() string {
	return `a date like "2026-03-01", an RFC 3339 time like "2026-03-01T09:00:00Z", or "never"`
}
