package partnerops

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors shared by every pillar. Functions wrap them with context
// (fmt.Errorf("...: %w", ErrX)), so callers test them with [errors.Is].
var (
	// ErrInvalid is wrapped by every [*ValidationError]: errors.Is(err,
	// ErrInvalid) reports whether a definition or input failed validation.
	ErrInvalid = errors.New("partnerops: invalid input")

	// ErrCurrencyMismatch is returned when an operation combines amounts in
	// two different currencies. Conversion is always an explicit call.
	ErrCurrencyMismatch = errors.New("partnerops: currency mismatch")

	// ErrUnknownCurrency is returned for a currency code that is not a
	// known ISO 4217 code.
	ErrUnknownCurrency = errors.New("partnerops: unknown currency")

	// ErrSyntax is returned when text cannot be parsed as a decimal number,
	// amount, percentage or period.
	ErrSyntax = errors.New("partnerops: invalid syntax")

	// ErrRange is returned when a number is syntactically valid but outside
	// the supported range (see [MaxDecimalDigits] and [MaxDecimalScale]).
	ErrRange = errors.New("partnerops: value out of range")

	// ErrUnknownTier is returned when a tier is not on the program's ladder.
	ErrUnknownTier = errors.New("partnerops: unknown tier")

	// ErrDivisionByZero is returned instead of panicking when a divisor or a
	// sum of weights is zero.
	ErrDivisionByZero = errors.New("partnerops: division by zero")
)

// ValidationError describes one rule broken by one field of a definition or
// input. Path locates the field in JSON terms ("rules[3].percent"), Rule says
// what was expected ("must be between 0 and 100") and Value quotes the
// offending value as text (empty when there is nothing useful to quote).
//
// Validation functions report every problem they find, joined with
// [errors.Join]; use [errors.As] to get the first one or [ValidationErrors] to
// get them all. Every ValidationError matches [ErrInvalid] with [errors.Is].
type ValidationError struct {
	Path  string
	Rule  string
	Value string
}

// Error renders the problem as "path: rule (got "value")".
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Rule)
	if e.Value != "" {
		b.WriteString(" (got ")
		b.WriteString(strconv.Quote(e.Value))
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns [ErrInvalid].
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// ValidationErrors returns every [*ValidationError] inside err, in the order
// they were reported, looking through errors built with [errors.Join] and
// fmt.Errorf("%w"). It returns nil when there is none.
func ValidationErrors(err error) []*ValidationError {
	var out []*ValidationError
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) {
		case nil:
			return
		case *ValidationError:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// Problems collects validation errors so a validator can report all of them
// at once. The zero value is ready to use. It is not safe for concurrent use.
//
//	var p partnerops.Problems
//	if r.Percent.IsNegative() {
//		p.Add(partnerops.Path("rules", i, "percent"), "must not be negative", r.Percent.String())
//	}
//	return p.Err()
type Problems struct {
	errs []error
}

// Add records that the field at path broke rule; value quotes the
// offending value (or "" to quote nothing).
func (p *Problems) Add(path, rule, value string) {
	p.errs = append(p.errs, &ValidationError{Path: path, Rule: rule, Value: value})
}

// Addf records a problem whose rule is built with [fmt.Sprintf].
func (p *Problems) Addf(path, value, format string, args ...any) {
	p.Add(path, fmt.Sprintf(format, args...), value)
}

// Merge records err under prefix: every [*ValidationError] inside err gets
// prefix prepended to its path; any other error is recorded as a problem of
// the prefix path with err's text as the rule. A nil err records nothing.
func (p *Problems) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	ves := ValidationErrors(err)
	if len(ves) == 0 {
		p.Add(prefix, err.Error(), "")
		return
	}
	for _, ve := range ves {
		p.errs = append(p.errs, &ValidationError{Path: JoinPath(prefix, ve.Path), Rule: ve.Rule, Value: ve.Value})
	}
}

// Len reports how many problems have been recorded.
func (p *Problems) Len() int { return len(p.errs) }

// Err returns nil when nothing was recorded, the single error when one was,
// and all of them joined with [errors.Join] otherwise.
func (p *Problems) Err() error {
	switch len(p.errs) {
	case 0:
		return nil
	case 1:
		return p.errs[0]
	}
	return errors.Join(p.errs...)
}

// Path builds a field path from names and indexes:
// Path("rules", 3, "percent") is "rules[3].percent". Ints render as
// indexes; strings as fields, except that a string which is not a plain
// identifier (for a map key such as "tier at least") renders as ["..."].
// Path builds a path from its parts; to extend an existing path such as
// "criteria[1]", use [JoinPath](prefix, Path(...)).
func Path(parts ...any) string {
	var b strings.Builder
	for _, part := range parts {
		switch v := part.(type) {
		case int:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(v))
			b.WriteByte(']')
		case string:
			if isIdent(v) {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(v)
			} else {
				b.WriteByte('[')
				b.WriteString(strconv.Quote(v))
				b.WriteByte(']')
			}
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// JoinPath joins a prefix path and a relative path with a dot, leaving
// out the dot before an index ("lines" + "[2].sku" is "lines[2].sku").
func JoinPath(prefix, rel string) string {
	switch {
	case prefix == "":
		return rel
	case rel == "":
		return prefix
	case rel[0] == '[':
		return prefix + rel
	}
	return prefix + "." + rel
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9' && i > 0) {
			continue
		}
		return false
	}
	return true
}
