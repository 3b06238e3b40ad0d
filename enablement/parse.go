package enablement

import (
	"github.com/partnerops/partnerops/internal/strict"
)

// Strict decoding. Every definition type decodes through one strict path,
// shared by its Parse function and its UnmarshalJSON method (so
// json.Unmarshal is strict too): unknown keys are errors with their path
// and a "did you mean" where one is close, duplicate keys are errors, a
// value of the wrong shape says which shape was wanted, and list elements
// are named by their IDs in paths. Parse checks the JSON; the compile
// functions check the content (required fields, references, ranges). See
// the package documentation for the JSON of each definition.
//
// Each xxxPlain type has the fields of its definition and no methods, so
// that the strict decoder walks the fields instead of calling
// UnmarshalJSON again.

type (
	definitionPlain        Definition
	catalogDefinitionPlain CatalogDefinition
	assetPlain             Asset
	certificationPlain     Certification
	learningPathPlain      LearningPath
	requirementPlain       Requirement
	queryPlain             Query
	coverageOptionsPlain   CoverageOptions
	personPlain            Person
)

// ParseDefinition decodes a whole enablement definition (program, assets,
// certifications, learning paths, requirements) strictly. Every problem is
// a [*partnerops.ValidationError] with its path
// ("certifications[cka].validity"), all of them joined under one
// "enablement: parsing definition:" prefix. Dates without a time
// ("2026-01-31") are midnight UTC.
func ParseDefinition(data []byte) (Definition, error) {
	var d Definition
	if err := strict.Decode(data, (*definitionPlain)(&d), strict.Options{}); err != nil {
		return Definition{}, errorf("parsing definition: %w", err)
	}
	return d, nil
}

// UnmarshalJSON decodes strictly, as [ParseDefinition] does.
func (d *Definition) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*definitionPlain)(d), strict.Options{})
}

// ParseCatalogDefinition decodes a catalog definition (program and
// assets) strictly, as [ParseDefinition] does.
func ParseCatalogDefinition(data []byte) (CatalogDefinition, error) {
	var d CatalogDefinition
	if err := strict.Decode(data, (*catalogDefinitionPlain)(&d), strict.Options{}); err != nil {
		return CatalogDefinition{}, errorf("parsing catalog: %w", err)
	}
	return d, nil
}

// UnmarshalJSON decodes strictly, as [ParseCatalogDefinition] does.
func (d *CatalogDefinition) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*catalogDefinitionPlain)(d), strict.Options{})
}

// ParseAsset decodes one catalog asset strictly, as [ParseDefinition]
// does (a content system that keeps an asset per row).
func ParseAsset(data []byte) (Asset, error) {
	var a Asset
	if err := strict.Decode(data, (*assetPlain)(&a), strict.Options{}); err != nil {
		return Asset{}, errorf("parsing asset: %w", err)
	}
	return a, nil
}

// UnmarshalJSON decodes strictly, as [ParseAsset] does.
func (a *Asset) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*assetPlain)(a), strict.Options{})
}

// ParseCertification decodes one certification strictly, as
// [ParseDefinition] does.
func ParseCertification(data []byte) (Certification, error) {
	var c Certification
	if err := strict.Decode(data, (*certificationPlain)(&c), strict.Options{}); err != nil {
		return Certification{}, errorf("parsing certification: %w", err)
	}
	return c, nil
}

// UnmarshalJSON decodes strictly, as [ParseCertification] does.
func (c *Certification) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*certificationPlain)(c), strict.Options{})
}

// ParseLearningPath decodes one learning path strictly, as
// [ParseDefinition] does; modules are named by their IDs in paths
// ("modules[m1].prerequisites[0]").
func ParseLearningPath(data []byte) (LearningPath, error) {
	var p LearningPath
	if err := strict.Decode(data, (*learningPathPlain)(&p), strict.Options{}); err != nil {
		return LearningPath{}, errorf("parsing learning path: %w", err)
	}
	return p, nil
}

// UnmarshalJSON decodes strictly, as [ParseLearningPath] does.
func (p *LearningPath) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*learningPathPlain)(p), strict.Options{})
}

// ParseRequirement decodes one tier requirement strictly, as
// [ParseDefinition] does.
func ParseRequirement(data []byte) (Requirement, error) {
	var r Requirement
	if err := strict.Decode(data, (*requirementPlain)(&r), strict.Options{}); err != nil {
		return Requirement{}, errorf("parsing requirement: %w", err)
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRequirement] does.
func (r *Requirement) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*requirementPlain)(r), strict.Options{})
}

// ParseQuery decodes a catalog query (a saved search) strictly, as
// [ParseDefinition] does, and validates it ([Query.Validate]).
func ParseQuery(data []byte) (Query, error) {
	var q Query
	if err := strict.Decode(data, (*queryPlain)(&q), strict.Options{}); err != nil {
		return Query{}, errorf("parsing query: %w", err)
	}
	if err := q.Validate(); err != nil {
		return Query{}, errorf("parsing query: %w", err)
	}
	return q, nil
}

// UnmarshalJSON decodes strictly, as [ParseQuery] does (without
// validating).
func (q *Query) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*queryPlain)(q), strict.Options{})
}

// ParseCoverageOptions decodes the options of [Engine.Coverage] strictly,
// as [ParseDefinition] does, and validates them
// ([CoverageOptions.Validate]).
func ParseCoverageOptions(data []byte) (CoverageOptions, error) {
	var o CoverageOptions
	if err := strict.Decode(data, (*coverageOptionsPlain)(&o), strict.Options{}); err != nil {
		return CoverageOptions{}, errorf("parsing coverage options: %w", err)
	}
	if err := o.Validate(); err != nil {
		return CoverageOptions{}, errorf("parsing coverage options: %w", err)
	}
	return o, nil
}

// UnmarshalJSON decodes strictly, as [ParseCoverageOptions] does (without
// validating).
func (o *CoverageOptions) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*coverageOptionsPlain)(o), strict.Options{})
}

// ParsePerson decodes the facts about one person (role, completions, exam
// results, awards) strictly, as [ParseDefinition] does: a misspelt
// "completions" is an error, not a person with nothing completed. Check
// the content against an engine with [Engine.ValidatePerson].
func ParsePerson(data []byte) (Person, error) {
	var p Person
	if err := strict.Decode(data, (*personPlain)(&p), strict.Options{}); err != nil {
		return Person{}, errorf("parsing person: %w", err)
	}
	return p, nil
}

// UnmarshalJSON decodes strictly, as [ParsePerson] does.
func (p *Person) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*personPlain)(p), strict.Options{})
}
