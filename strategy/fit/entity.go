package fit

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// Entity is an account or a partner as a fit model sees it: an ID and the
// values of the model's attributes, held in slots the model assigned at
// compile time (string values as symbols, sets as bitsets, numbers as
// fixed-point integers). Build entities with [Model.NewEntity] and the
// Set methods, or with [Model.EntityFromAttributes] and
// [Model.PartnerEntity]; an entity belongs to the model that built it.
//
// An Entity is a small value that refers to its attribute storage: a copy
// shares the values of the original (use [Entity.Clone] for an independent
// copy). Its setters are not safe for concurrent use, but a finished
// entity may be scored from many goroutines. The zero Entity belongs to no
// model.
type Entity struct {
	// ID identifies the entity in results; ties between equal scores are
	// broken by ID.
	ID    string
	model *Model
	vals  []uint64 // presence bits, then value words: all that scoring reads
	raw   *fitRaw  // values as set, for explanations and accessors
}

// fitRaw keeps an entity's values as the host set them, out of the way of
// the scoring loop (which keeps Entity small: 56 bytes).
type fitRaw struct {
	strs []string   // string attributes
	sets [][]string // set attributes
}

// NewEntity returns an entity with no attribute values.
func (m *Model) NewEntity(id string) Entity {
	e := Entity{ID: id, model: m, vals: make([]uint64, m.valWords)}
	if m.nStrs+m.nSets > 0 {
		e.raw = &fitRaw{strs: make([]string, m.nStrs), sets: make([][]string, m.nSets)}
	}
	return e
}

// Clone returns a copy of e that shares no storage with it.
func (e Entity) Clone() Entity {
	e.vals = slices.Clone(e.vals)
	if e.raw != nil {
		r := &fitRaw{strs: slices.Clone(e.raw.strs), sets: slices.Clone(e.raw.sets)}
		for i := range r.sets {
			r.sets[i] = slices.Clone(r.sets[i])
		}
		e.raw = r
	}
	return e
}

func (e *Entity) fitAttr(name string, kind AttributeKind) (*fitAttr, error) {
	if e.model == nil {
		return nil, fmt.Errorf("fit: entity %q was not built by a fit model: %w", e.ID, ErrForeignEntity)
	}
	i, ok := e.model.attrIndex[name]
	if !ok {
		return nil, fmt.Errorf("fit: entity %q: %q: %w", e.ID, name, ErrUnknownAttribute)
	}
	a := &e.model.attrs[i]
	if a.kind != kind {
		return nil, fmt.Errorf("fit: entity %q: attribute %q is a %s, not a %s: %w", e.ID, name, a.kind, kind, ErrAttributeKind)
	}
	return a, nil
}

func (e *Entity) fitPresent(a *fitAttr, on bool) {
	if on {
		e.vals[a.bit>>6] |= 1 << (a.bit & 63)
	} else {
		e.vals[a.bit>>6] &^= 1 << (a.bit & 63)
	}
}

// has reports whether attribute bit is present.
func (e *Entity) has(bit int) bool { return e.vals[bit>>6]&(1<<(bit&63)) != 0 }

// SetString sets a string attribute. The empty string clears it.
func (e *Entity) SetString(name, v string) error {
	a, err := e.fitAttr(name, AttributeString)
	if err != nil {
		return err
	}
	e.raw.strs[a.raw] = v
	e.vals[a.off] = uint64(a.vocab[fitFold(a.fold, v)])
	e.fitPresent(a, v != "")
	return nil
}

// SetNumber sets a number attribute. Values with more than 4 fraction
// digits or a magnitude of 9×10^14 or more give an error wrapping
// partnerops.ErrRange.
func (e *Entity) SetNumber(name string, v partnerops.Decimal) error {
	a, err := e.fitAttr(name, AttributeNumber)
	if err != nil {
		return err
	}
	n, ok := fixed.ScaledDecBelow(v, fitNumberPlaces, fitNumberLimit)
	if !ok {
		return fmt.Errorf("fit: entity %q: attribute %q: %s needs at most %d fraction digits and a magnitude below 9e14: %w",
			e.ID, name, fitQuote(v), fitNumberPlaces, partnerops.ErrRange)
	}
	e.vals[a.off] = uint64(n)
	e.fitPresent(a, true)
	return nil
}

// SetInt sets a number attribute to the integer n.
func (e *Entity) SetInt(name string, n int64) error {
	return e.SetNumber(name, partnerops.DecimalFromInt(n))
}

// SetBool sets a bool attribute.
func (e *Entity) SetBool(name string, v bool) error {
	a, err := e.fitAttr(name, AttributeBool)
	if err != nil {
		return err
	}
	e.vals[a.off] = 0
	if v {
		e.vals[a.off] = 1
	}
	e.fitPresent(a, true)
	return nil
}

// SetMembers sets a set attribute to the given members (duplicates are
// ignored). No members clears it.
func (e *Entity) SetMembers(name string, members ...string) error {
	a, err := e.fitAttr(name, AttributeSet)
	if err != nil {
		return err
	}
	words := e.vals[a.off : a.off+a.words]
	clear(words)
	for _, v := range members {
		if sym := a.vocab[fitFold(a.fold, v)]; sym != 0 {
			words[sym>>6] |= 1 << (sym & 63)
		}
	}
	e.raw.sets[a.raw] = slices.Clone(members)
	e.fitPresent(a, len(members) > 0)
	return nil
}

// Clear removes attribute name's value.
func (e *Entity) Clear(name string) error {
	if e.model == nil {
		return fmt.Errorf("fit: entity %q was not built by a fit model: %w", e.ID, ErrForeignEntity)
	}
	i, ok := e.model.attrIndex[name]
	if !ok {
		return fmt.Errorf("fit: entity %q: %q: %w", e.ID, name, ErrUnknownAttribute)
	}
	a := &e.model.attrs[i]
	clear(e.vals[a.off : a.off+a.words])
	switch a.kind {
	case AttributeString:
		e.raw.strs[a.raw] = ""
	case AttributeSet:
		e.raw.sets[a.raw] = nil
	}
	e.fitPresent(a, false)
	return nil
}

// Has reports whether attribute name has a value.
func (e *Entity) Has(name string) bool {
	if e.model == nil {
		return false
	}
	i, ok := e.model.attrIndex[name]
	return ok && e.has(e.model.attrs[i].bit)
}

// String returns the value of string attribute name and whether it is set.
func (e *Entity) String(name string) (string, bool) {
	a, err := e.fitAttr(name, AttributeString)
	if err != nil || !e.has(a.bit) {
		return "", false
	}
	return e.raw.strs[a.raw], true
}

// Number returns the value of number attribute name and whether it is set.
func (e *Entity) Number(name string) (partnerops.Decimal, bool) {
	a, err := e.fitAttr(name, AttributeNumber)
	if err != nil || !e.has(a.bit) {
		return partnerops.Decimal{}, false
	}
	return fitTrim(int64(e.vals[a.off]), fitNumberPlaces), true
}

// Bool returns the value of bool attribute name and whether it is set.
func (e *Entity) Bool(name string) (value, ok bool) {
	a, err := e.fitAttr(name, AttributeBool)
	if err != nil || !e.has(a.bit) {
		return false, false
	}
	return e.vals[a.off] == 1, true
}

// Members returns a copy of the members of set attribute name, as they
// were set, and whether it is set.
func (e *Entity) Members(name string) ([]string, bool) {
	a, err := e.fitAttr(name, AttributeSet)
	if err != nil || !e.has(a.bit) {
		return nil, false
	}
	return slices.Clone(e.raw.sets[a.raw]), true
}

// EntityFromAttributes builds an entity from text values, parsing each by
// its attribute's kind: numbers through partnerops.ParseDecimal, booleans
// through strconv.ParseBool, sets as comma-separated members (trimmed).
// Keys the model does not declare are ignored, so a host can pass its
// whole record. Values that do not parse are reported together, in key
// order, as errors wrapping [ErrAttributeKind] or partnerops.ErrRange.
func (m *Model) EntityFromAttributes(id string, attrs map[string]string) (Entity, error) {
	e := m.NewEntity(id)
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		if _, ok := m.attrIndex[k]; ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var errs []error
	for _, k := range keys {
		if err := e.fitSetText(k, attrs[k]); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return e, fitJoin(errs)
	}
	return e, nil
}

func (e *Entity) fitSetText(name, v string) error {
	a := &e.model.attrs[e.model.attrIndex[name]]
	switch a.kind {
	case AttributeString:
		return e.SetString(name, v)
	case AttributeSet:
		var members []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				members = append(members, s)
			}
		}
		return e.SetMembers(name, members...)
	case AttributeBool:
		if v == "" {
			return e.Clear(name)
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("fit: entity %q: attribute %q: %q is not a boolean: %w", e.ID, name, v, ErrAttributeKind)
		}
		return e.SetBool(name, b)
	default:
		if v == "" {
			return e.Clear(name)
		}
		d, err := partnerops.ParseDecimal(v)
		if err != nil {
			return fmt.Errorf("fit: entity %q: attribute %q: %w (%w)", e.ID, name, ErrAttributeKind, err)
		}
		return e.SetNumber(name, d)
	}
}

// PartnerEntity builds an entity from a partner profile, so one fit model
// can score partners (an ideal partner profile). The entity's ID is the
// partner ID. The model's attributes are filled from the profile when
// declared with these names: "type" and "tier" (string), "motions" and
// "regions" (set); every other declared attribute is read from
// p.Attributes as [Model.EntityFromAttributes] does.
func (m *Model) PartnerEntity(p partnerops.Partner) (Entity, error) {
	attrs := make(map[string]string, len(p.Attributes)+4)
	for k, v := range p.Attributes {
		attrs[k] = v
	}
	e, err := m.EntityFromAttributes(string(p.ID), attrs)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	fields := []struct {
		name string
		kind AttributeKind
		set  func() error
	}{
		{"type", AttributeString, func() error { return e.SetString("type", string(p.Type)) }},
		{"tier", AttributeString, func() error { return e.SetString("tier", string(p.Tier)) }},
		{"motions", AttributeSet, func() error { return e.SetMembers("motions", fitStrings(p.Motions)...) }},
		{"regions", AttributeSet, func() error { return e.SetMembers("regions", fitStrings(p.Regions)...) }},
	}
	for _, f := range fields {
		if i, ok := m.attrIndex[f.name]; ok && m.attrs[i].kind == f.kind {
			if err := f.set(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return e, fitJoin(errs)
	}
	return e, nil
}

func fitStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func fitJoin(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
