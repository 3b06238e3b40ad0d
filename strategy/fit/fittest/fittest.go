package fittest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/strategy/fit"
)

// Definitions are the model a scenario file pins down: a fit model,
// inline in the fit package's JSON or kept in its own file, named
// relative to the scenario file's folder.
type Definitions struct {
	// Model is the fit model, as [fit.ParseDefinition] reads it.
	Model *fit.Definition `json:"model,omitempty" aka:"definition,fit"`
	// ModelFile names a JSON file holding the model instead
	// ("models/icp.json").
	ModelFile string `json:"model_file,omitempty" aka:"model_path,definition_file"`
}

// Given is the entity a case scores: an account's attributes, or a
// partner profile (for an ideal partner profile, as
// [fit.Model.PartnerEntity] reads it) with attributes set on top.
type Given struct {
	// ID is the entity's ID (ties between equal scores break by it);
	// defaults to the case's ID.
	ID string `json:"id,omitempty"`
	// Partner is a partner profile to score.
	Partner *partnerops.Partner `json:"partner,omitempty"`
	// Attributes hold the entity's values by attribute name: a string
	// ("saas"), a number as a string or a JSON number ("450", 450), true
	// or false, or a list of strings for a set (["aws", "snowflake"]; a
	// string "aws, snowflake" is split at commas). An attribute the
	// model does not declare is an error.
	Attributes map[string]Value `json:"attributes,omitzero"`
}

// Expect is what a case's score must be. Every field is optional; a field
// left out is not checked.
type Expect struct {
	// Error expects building or scoring the entity to fail with an error
	// whose text contains it. Without it, any error fails the case.
	Error string `json:"error,omitempty"`
	// Score is the score from 0 to 100 ("88.23"), compared as a number.
	Score *partnerops.Decimal `json:"score,omitempty"`
	// Grade is the grade ("A"; "" for a low-coverage score, which gets
	// none).
	Grade *fit.Grade `json:"grade,omitempty"`
	// Coverage is the share of the model's weight the entity had data for
	// ("85" or "85.00%"), compared exactly as a percent.
	Coverage *partnerops.Percent `json:"coverage,omitempty"`
	// LowCoverage and Disqualified are the score's flags.
	LowCoverage  *bool `json:"low_coverage,omitempty"`
	Disqualified *bool `json:"disqualified,omitempty"`
	// DisqualifiedBy is exactly the set of criteria that disqualified
	// the entity ([] for none).
	DisqualifiedBy []string `json:"disqualified_by,omitzero"`
	// Contributions pin the criteria they name; criteria not named are
	// not checked.
	Contributions []ContributionExpect `json:"contributions,omitzero" aka:"criteria"`
	// Explanation names a golden file holding the whole
	// [fit.Explanation.Text] ("golden/acme.txt"), relative to the
	// scenario file's folder; -update rewrites it.
	Explanation string `json:"explanation,omitempty" aka:"golden,explain"`
}

// ContributionExpect pins one criterion's contribution; the fields given
// are compared.
type ContributionExpect struct {
	Criterion string `json:"criterion" path:"key"`
	// Outcome is "matched", "partial", "unmatched", "missing", "neutral"
	// or "disqualified".
	Outcome fit.Outcome `json:"outcome,omitempty"`
	// Credit is the share of the weight earned ("50" is 50%).
	Credit *partnerops.Percent `json:"credit,omitempty"`
	// Points are the criterion's score points ("17.50"), compared as a
	// number.
	Points *partnerops.Decimal `json:"points,omitempty"`
	// Reason is the reason text, compared exactly.
	Reason string `json:"reason,omitempty"`
}

// File is a fit scenario file; Case one of its cases. A fit score does
// not depend on time: a case's "at" may be left out.
type (
	File = opstest.File[Definitions, Given, Expect]
	Case = opstest.Case[Given, Expect]
)

func suite(opts []fit.Option) opstest.Suite[Definitions, *fit.Model, Given, Expect] {
	return opstest.Suite[Definitions, *fit.Model, Given, Expect]{
		Compile:   func(files opstest.Files, d Definitions) (*fit.Model, error) { return Compile(files, d, opts...) },
		CheckCase: CheckCase,
		Timeless:  true,
	}
}

// Run runs every fit scenario file matching pattern ("testdata/*.json"):
// each file's model compiles once (with opts, which bind the model's
// predicates), each case is the subtest "FILE/CASE-ID". A failing case
// prints what did not match, then the expected and actual scores side by
// side, criterion by criterion. With -update, golden explanation files
// are rewritten.
func Run(t *testing.T, pattern string, opts ...fit.Option) {
	t.Helper()
	suite(opts).Run(t, pattern)
}

// Check runs the scenario file data (named name) without touching the
// disk and returns the failures, as [Run] would report them; fsys holds
// the files the scenario names (model_file, golden explanations),
// relative to its folder, or is nil.
func Check(name string, data []byte, fsys fs.FS, opts ...fit.Option) []opstest.Failure {
	return suite(opts).Check(name, data, fsys)
}

// Parse decodes a fit scenario file strictly; name prefixes every
// problem's path. A model file the definitions name is not read: [Load]
// reads it, and [Compile] with the files does.
func Parse(name string, data []byte) (File, error) {
	return opstest.ParseTimeless[Definitions, Given, Expect](name, data)
}

// Load reads and parses the scenario file at path, and reads the model
// file its definitions name (relative to its folder) into the
// definitions, so that they can be compiled or compared ([WhatIf]) on
// their own.
func Load(path string) (File, error) {
	return opstest.LoadResolved(path, Parse, Definitions.Resolve)
}

// Resolve returns the definitions with the model file they name read into
// Model (and the file name cleared). Errors name the field and the file:
// model_file: testdata/icp.json: criteria[size].weigth: unknown field.
func (d Definitions) Resolve(files opstest.Files) (Definitions, error) {
	m, err := opstest.Resolve(files, "model", d.Model, d.ModelFile, fit.ParseDefinition)
	if err != nil {
		return Definitions{}, err
	}
	d.Model, d.ModelFile = m, ""
	return d, nil
}

// Compile resolves the model file the definitions name and compiles the
// model with opts. Problems carry paths relative to the definitions:
// model.criteria[size].bands[mid].min, or model_file (with the file and
// the path inside it) for a model kept in its own file.
func Compile(files opstest.Files, d Definitions, opts ...fit.Option) (*fit.Model, error) {
	modelFile := d.ModelFile
	d, err := d.Resolve(files)
	if err != nil {
		return nil, err
	}
	if d.Model == nil {
		var probs partnerops.Problems
		probs.Add("model", "a scenario needs a fit model (model or model_file)", "")
		return nil, probs.Err()
	}
	m, err := fit.Compile(*d.Model, opts...)
	if err == nil {
		return m, nil
	}
	return nil, files.CompileError("model", modelFile, err)
}

// Value is one attribute value of a given entity, as written in JSON: a
// string, a number (kept as its exact text), true or false, or a list of
// strings.
type Value struct {
	kind    valueKind
	text    string
	members []string
}

type valueKind uint8

const (
	valueNone valueKind = iota
	valueString
	valueNumber
	valueBool
	valueList
)

// Text is a string value.
func Text(s string) Value { return Value{kind: valueString, text: s} }

// Number is a number value.
func Number(d partnerops.Decimal) Value { return Value{kind: valueNumber, text: d.String()} }

// Bool is a true or false value.
func Bool(b bool) Value { return Value{kind: valueBool, text: fmt.Sprint(b)} }

// Members is a list value, for a set attribute.
func Members(m ...string) Value { return Value{kind: valueList, members: slices.Clone(m)} }

// Equal reports whether v and o are the same value written the same way.
func (v Value) Equal(o Value) bool {
	return v.kind == o.kind && v.text == o.text && slices.Equal(v.members, o.members)
}

// String renders the value as a reader sees it: the text, or the members
// joined by ", ".
func (v Value) String() string {
	if v.kind == valueList {
		return strings.Join(v.members, ", ")
	}
	return v.text
}

// MarshalJSON encodes the value as it was written.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.kind {
	case valueNumber, valueBool:
		return []byte(v.text), nil
	case valueList:
		if v.members == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(v.members)
	case valueNone:
		return []byte("null"), nil
	}
	return json.Marshal(v.text)
}

// UnmarshalJSON decodes a string, a number, true or false, or a list of
// strings.
func (v *Value) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return shapeErr("invalid JSON")
	}
	switch x := x.(type) {
	case string:
		*v = Text(x)
	case json.Number:
		d, err := partnerops.ParseDecimal(x.String())
		if err != nil {
			return shapeErr("the number " + x.String())
		}
		*v = Value{kind: valueNumber, text: d.String()}
	case bool:
		*v = Bool(x)
	case []any:
		m := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return shapeErr("a list holding a non-string")
			}
			m[i] = s
		}
		*v = Value{kind: valueList, members: m}
	default:
		return shapeErr(fmt.Sprintf("%v", x))
	}
	return nil
}

func shapeErr(got string) error {
	return &partnerops.ValidationError{Rule: "want " + Value{}.JSONShape() + ", got " + got, Err: partnerops.ErrSyntax}
}

// JSONShape describes the JSON a Value decodes from; decode errors quote
// it.
func (Value) JSONShape() string {
	return `a string, a number, true or false, or a list of strings`
}
