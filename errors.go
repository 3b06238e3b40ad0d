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
	// Err, when set, is the underlying condition (such as [ErrSyntax] or
	// [ErrRange] from a value's own decoder); errors.Is finds it as well as
	// [ErrInvalid].
	Err error
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

// Unwrap returns [ErrInvalid] and, when set, Err.
func (e *ValidationError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalid, e.Err}
	}
	return []error{ErrInvalid}
}

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
			return
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
		p.errs = append(p.errs, &ValidationError{Path: JoinPath(prefix, ve.Path), Rule: ve.Rule, Value: ve.Value, Err: ve.Err})
	}
}

// AddErr records that the field at path failed with err, a value's own
// decoding or parsing error: the rule is err's text without package
// prefixes, and errors.Is still finds err's sentinels.
func (p *Problems) AddErr(path string, err error) {
	p.errs = append(p.errs, &ValidationError{Path: path, Rule: StripPrefixes(err.Error()), Err: err})
}

// AddWrapped records a problem whose rule is rule and whose underlying
// condition is err ([ValidationError.Err]).
func (p *Problems) AddWrapped(path, rule string, err error) {
	p.errs = append(p.errs, &ValidationError{Path: path, Rule: rule, Err: err})
}

// packagePrefixes are the error prefixes of the module's packages.
var packagePrefixes = [...]string{
	"partnerops: ", "strategy: ", "fit: ", "mapping: ", "economics: ",
	"process: ", "dealreg: ", "engagement: ", "routing: ", "pricing: ", "payout: ", "incentive: ", "deal: ", "renewal: ", "profit: ",
	"enablement: ", "performance: ",
}

// StripPrefixes removes the module's package prefixes ("partnerops: ",
// "pricing: ", "deal: ", ...) from an error text, so that a message carries one prefix at most,
// added by whoever shows it.
func StripPrefixes(msg string) string {
	for _, p := range packagePrefixes {
		if strings.Contains(msg, p) {
			msg = strings.ReplaceAll(msg, p, "")
		}
	}
	return msg
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

// Key is a path element naming an element of a list by its ID:
// Path("rules", Key("tier-gold"), "percent") is "rules[tier-gold].percent".
// Definitions are rows keyed by ID, so paths name IDs, not positions,
// wherever an element has one.
type Key string

// Path builds a field path from names, IDs and indexes:
// Path("rules", Key("tier-gold"), "percent") is
// "rules[tier-gold].percent" and Path("rules", 3, "percent") is
// "rules[3].percent". Ints render as 0-based indexes (for elements with no
// ID); a [Key] renders as [id], quoted as ["..."] when it holds brackets,
// quotes, dots or spaces; strings render as fields, except that a string
// which is not a plain identifier (a map key such as "tier at least")
// renders as ["..."]. To extend an existing path such as "criteria[1]",
// use [JoinPath](prefix, Path(...)).
func Path(parts ...any) string {
	var b strings.Builder
	for _, part := range parts {
		switch v := part.(type) {
		case Key:
			b.WriteByte('[')
			if plainKey(string(v)) {
				b.WriteString(string(v))
			} else {
				b.WriteString(strconv.Quote(string(v)))
			}
			b.WriteByte(']')
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

// plainKey reports whether an ID can stand in a path without quotes.
func plainKey(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch c {
		case '[', ']', '"', '.', ' ', '\t', '\n', '\r':
			return false
		}
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
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

// Warning describes a definition that is valid but probably not what its
// author meant: a percent between 0 and 1, a rule no quote can reach, two
// rules that tie. Compile steps return their engine together with the
// warnings they found (an engine's Warnings method); nothing is dropped
// silently. Warnings encode to JSON with snake_case keys.
type Warning struct {
	// Path locates the field, by IDs: "rules[tier-gold].effect.percent".
	Path string `json:"path"`
	// Rule says what looks wrong and what was probably meant.
	Rule string `json:"rule"`
	// Value quotes the value in question, or is empty.
	Value string `json:"value,omitempty"`
}

// String renders the warning as "path: rule (got "value")".
func (w Warning) String() string {
	return (&ValidationError{Path: w.Path, Rule: w.Rule, Value: w.Value}).Error()
}

// Warnings collects warnings. The zero value is ready to use.
type Warnings []Warning

// Add records a warning.
func (ws *Warnings) Add(path, rule, value string) {
	*ws = append(*ws, Warning{Path: path, Rule: rule, Value: value})
}
