package process

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/strict"
)

// ValueKind is the type of a [Value].
type ValueKind uint8

// Value kinds. The zero ValueKind is [KindNone], the kind of the zero Value.
const (
	KindNone ValueKind = iota
	KindString
	KindNumber
	KindBool
	KindTime
)

var kindNames = [...]string{"none", "string", "number", "bool", "time"}

// String returns the kind's lowercase name ("number").
func (k ValueKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Value is one typed datum held by an instance (a deal value, a region, a
// flag, a date) or used as the operand of a [Guard]. Build it with
// [String], [Number], [Int], [Bool] or [Time].
//
// In JSON a Value is an object with exactly one key naming its kind:
// {"number":"1000000"}, {"string":"EMEA"}, {"bool":true} or
// {"time":"2026-03-01T09:00:00Z"} (a date "2026-03-01" is midnight UTC).
// Numbers decode through [partnerops.ParseDecimal], so hostile numeric
// text is rejected; a time keeps the offset it was written with.
//
// Every number Value lies in the range [partnerops.Decimal.Validate]
// accepts: [Number] checks it, and [Int] and the decoder cannot leave it.
// So comparing two Values costs the same small time whatever the host
// passes.
//
// The zero Value has [KindNone]; it is what a missing field reads as and
// is not a valid operand. Compare Values with [Value.Equal], never ==.
type Value struct {
	s string
	// x is nil for the zero Value; else it holds the kind and a bool's,
	// a number's or a time's contents, so a Value is 24 bytes and the
	// maps of instance data that events copy stay small (a map's group
	// of 8 fields is 352 bytes, not 416). A box is never changed once
	// made: Values share it freely (every string Value and every bool
	// Value of one truth share a static one).
	x *valueBox
}

type valueBox struct {
	kind ValueKind
	b    bool
	// i is n when isInt: an integer of at most 18 digits, which guards
	// compare without decimal arithmetic.
	isInt bool
	i     int64
	n     partnerops.Decimal
	t     time.Time
}

// The boxes of string and bool Values, which hold no contents.
var (
	stringBox = &valueBox{kind: KindString}
	falseBox  = &valueBox{kind: KindBool}
	trueBox   = &valueBox{kind: KindBool, b: true}
)

// kind returns v's kind.
func (v Value) kind() ValueKind {
	if v.x == nil {
		return KindNone
	}
	return v.x.kind
}

// bool returns v's truth value (false unless v is a bool).
func (v Value) bool() bool { return v.x != nil && v.x.b }

// num returns v's number (zero unless v is a number).
func (v Value) num() partnerops.Decimal {
	if v.x == nil {
		return partnerops.Decimal{}
	}
	return v.x.n
}

// tm returns v's time (zero unless v is a time).
func (v Value) tm() time.Time {
	if v.x == nil {
		return time.Time{}
	}
	return v.x.t
}

// String returns a string Value.
func String(s string) Value { return Value{s: s, x: stringBox} }

// Number returns d as a number Value. A d outside the range every decoder
// accepts (more than [partnerops.MaxDecimalDigits] integer digits, more
// than [partnerops.MaxDecimalScale] fraction digits, or a hostile
// representation such as 1e-3000000) is refused with an error wrapping
// [partnerops.ErrRange], so no comparison in a guard can be made slow.
func Number(d partnerops.Decimal) (Value, error) {
	if err := d.Validate(); err != nil {
		return Value{}, errorf("number value: %w", err)
	}
	return numberValue(d), nil
}

// numberValue returns d as a number Value without the range check, for
// standard definitions built from options; [Compile] checks every guard
// operand.
func numberValue(d partnerops.Decimal) Value {
	b := &valueBox{kind: KindNumber, n: d}
	if dd := fence.Dec(d); dd.Exponent() >= 0 && int(dd.Exponent())+dd.NumDigits() <= 18 {
		b.i, b.isInt = dd.CoefficientInt64(), true
		for range dd.Exponent() {
			b.i *= 10
		}
	}
	return Value{x: b}
}

// Int returns the integer n as a number Value. Every int64 is in range.
func Int(n int64) Value {
	return Value{x: &valueBox{kind: KindNumber, n: partnerops.DecimalFromInt(n), i: n, isInt: true}}
}

// Bool returns a boolean Value.
func Bool(b bool) Value {
	if b {
		return Value{x: trueBox}
	}
	return Value{x: falseBox}
}

// Time returns a time Value.
func Time(t time.Time) Value { return Value{x: &valueBox{kind: KindTime, t: t}} }

// MustNumber parses s with [partnerops.ParseDecimal] and returns it as a
// number Value. It panics on error and is meant for tests and literals.
func MustNumber(s string) Value {
	d, err := partnerops.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return numberValue(d)
}

// Kind returns v's kind.
func (v Value) Kind() ValueKind { return v.kind() }

// IsZero reports whether v is the zero Value (kind none).
func (v Value) IsZero() bool { return v.x == nil }

// AsString returns v's text and whether v is a string.
func (v Value) AsString() (string, bool) { return v.s, v.kind() == KindString }

// AsNumber returns v's number and whether v is a number.
func (v Value) AsNumber() (partnerops.Decimal, bool) { return v.num(), v.kind() == KindNumber }

// AsBool returns v's truth value and whether v is a bool.
func (v Value) AsBool() (bool, bool) { return v.bool(), v.kind() == KindBool }

// AsTime returns v's time and whether v is a time.
func (v Value) AsTime() (time.Time, bool) { return v.tm(), v.kind() == KindTime }

// Equal reports whether v and o have the same kind and equal contents:
// numbers compare numerically (1.5 equals 1.50), times as instants.
func (v Value) Equal(o Value) bool {
	k := v.kind()
	if k != o.kind() {
		return false
	}
	switch k {
	case KindString:
		return v.s == o.s
	case KindNumber:
		if v.x == o.x {
			return true
		}
		if v.x != nil && o.x != nil && v.x.isInt && o.x.isInt {
			return v.x.i == o.x.i
		}
		return v.num().Equal(o.num())
	case KindBool:
		return v.bool() == o.bool()
	case KindTime:
		return v.x == o.x || v.tm().Equal(o.tm())
	}
	return true
}

// compare orders v against o. ok is false when the kinds differ or the
// kind has no order (bool, none). Strings order bytewise.
func (v Value) compare(o Value) (c int, ok bool) {
	k := v.kind()
	if k != o.kind() {
		return 0, false
	}
	switch k {
	case KindNumber:
		if v.x.isInt && o.x.isInt {
			return cmp.Compare(v.x.i, o.x.i), true
		}
		return v.num().Cmp(o.num()), true
	case KindTime:
		return v.tm().Compare(o.tm()), true
	case KindString:
		switch {
		case v.s < o.s:
			return -1, true
		case v.s > o.s:
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// String renders v for diagrams, guard names and errors: numbers in plain
// notation, times in RFC 3339, strings quoted.
func (v Value) String() string {
	switch v.kind() {
	case KindString:
		return fmt.Sprintf("%q", v.s)
	case KindNumber:
		return v.num().String()
	case KindBool:
		if v.bool() {
			return "true"
		}
		return "false"
	case KindTime:
		return v.tm().Format(time.RFC3339)
	}
	return "none"
}

type valueJSON struct {
	String *string             `json:"string,omitempty" aka:"str,text"`
	Number *partnerops.Decimal `json:"number,omitempty" aka:"num,decimal,int,integer"`
	Bool   *bool               `json:"bool,omitempty" aka:"boolean"`
	Time   *time.Time          `json:"time,omitempty" aka:"date,datetime"`
}

// JSONShape describes the JSON a Value decodes from; decode errors quote it.
func (Value) JSONShape() string {
	return `an object with one key: {"number":"1000000"}, {"string":"EMEA"}, {"bool":true} or {"time":"2026-03-01T09:00:00Z"}`
}

// MarshalJSON encodes v as a one-key object such as {"number":"12.5"}.
// The zero Value encodes as null.
func (v Value) MarshalJSON() ([]byte, error) {
	var j valueJSON
	switch v.kind() {
	case KindNone:
		return []byte("null"), nil
	case KindString:
		j.String = &v.s
	case KindNumber:
		n := v.num()
		j.Number = &n
	case KindBool:
		b := v.bool()
		j.Bool = &b
	case KindTime:
		t := v.tm()
		j.Time = &t
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes a one-key object strictly; see [Value]. null
// decodes to the zero Value. Anything else (no key, two keys, an unknown
// key, a bad number) is a [*partnerops.ValidationError] wrapping
// [partnerops.ErrInvalid], with [partnerops.ErrSyntax] or
// [partnerops.ErrRange] for a bad number.
func (v *Value) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*v = Value{}
		return nil
	}
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '{' {
		got := string(t)
		if len(got) > 40 {
			got = got[:40] + "..."
		}
		return &partnerops.ValidationError{Rule: "want " + Value{}.JSONShape() + ", got " + got, Err: partnerops.ErrSyntax}
	}
	var j valueJSON
	if err := strict.Decode(b, &j, strict.Options{}); err != nil {
		return err
	}
	n := 0
	var out Value
	if j.String != nil {
		n++
		out = String(*j.String)
	}
	if j.Number != nil {
		n++
		out = numberValue(*j.Number) // in range: ParseDecimal checked it
	}
	if j.Bool != nil {
		n++
		out = Bool(*j.Bool)
	}
	if j.Time != nil {
		n++
		out = Time(*j.Time)
	}
	if n != 1 {
		return &partnerops.ValidationError{Rule: "want " + Value{}.JSONShape() + fmt.Sprintf(", got %d keys", n), Err: partnerops.ErrSyntax}
	}
	*v = out
	return nil
}

// Data is the set of named values an instance carries (the deal value,
// the customer's region, a flag set by a reviewer). Maps held by an
// [Instance] are shared between successive instance values and must be
// treated as read-only; [Workflow.Apply] builds a new map when an event
// sets fields.
type Data map[string]Value

// Equal reports whether d and o hold the same fields with equal values.
// A nil map equals an empty one.
func (d Data) Equal(o Data) bool {
	if len(d) != len(o) {
		return false
	}
	for k, v := range d {
		w, ok := o[k]
		if !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}
