package enablementtest

import (
	"io/fs"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/opstest"
)

// Definitions are the program a scenario file pins down: an enablement
// definition, inline in the enablement package's JSON or kept in its own
// file, named relative to the scenario file's folder.
type Definitions struct {
	// Definition is the enablement program, as
	// [enablement.ParseDefinition] reads it.
	Definition *enablement.Definition `json:"definition,omitempty" aka:"program,enablement"`
	// DefinitionFile names a JSON file holding the definition instead
	// ("programs/northwind.json").
	DefinitionFile string `json:"definition_file,omitempty" aka:"program_file,definition_path"`
}

// Given is the partner a case checks and its people. A person's partner
// may be left out (it is the given partner's).
type Given struct {
	Partner partnerops.Partner  `json:"partner"`
	People  []enablement.Person `json:"people,omitzero"`
}

// Expect is what a partner's compliance must say. Every field is
// optional; a field left out is not checked.
type Expect struct {
	// Error expects the compliance to fail with an error whose text
	// contains it ("unknown tier"). Without it, any error fails the case.
	Error string `json:"error,omitempty"`
	// Met is whether the partner meets every requirement of its tier and
	// the tiers below.
	Met *bool `json:"met,omitempty" aka:"meets,meets_tier"`
	// FallsOutAt is when the partner stops meeting its tier as
	// certifications expire, assuming no renewals ("2026-03-31"), or
	// "never".
	FallsOutAt *opstest.Instant `json:"falls_out_at,omitempty" aka:"meets_until,until"`
	// NextTier is the tier above ("" at the top); NextTierMet whether the
	// partner meets it already.
	NextTier    *partnerops.Tier `json:"next_tier,omitempty"`
	NextTierMet *bool            `json:"next_tier_met,omitempty" aka:"ready"`
	// Requirements pin the requirements of the tier (and the tiers below)
	// they name; requirements not named are not checked.
	Requirements []RequirementExpect `json:"requirements,omitzero"`
	// Gaps is exactly the set of requirements the partner misses for the
	// next tier ([] for none), each with the fields given.
	Gaps []RequirementExpect `json:"gaps,omitzero" aka:"next_tier_gaps"`
	// Compliance names a golden file holding the whole
	// [enablement.Compliance.Text] ("golden/contoso.txt"), relative to the
	// scenario file's folder; -update rewrites it.
	Compliance string `json:"compliance,omitempty" aka:"golden,text"`
}

// RequirementExpect pins one requirement's result (or, for a per-motion
// requirement, one motion's); the fields given are compared.
type RequirementExpect struct {
	Requirement enablement.RequirementID `json:"requirement" path:"key"`
	// Motion names the motion of a per-motion requirement.
	Motion partnerops.Motion `json:"motion,omitempty"`
	// Met, Have, Required and Gap are the counts.
	Met      *bool `json:"met,omitempty"`
	Have     *int  `json:"have,omitempty"`
	Required *int  `json:"required,omitempty"`
	Gap      *int  `json:"gap,omitempty"`
	// People is exactly the set of people who qualify; Renew exactly the
	// people whose certification stops counting when the requirement
	// falls out.
	People []enablement.PersonID `json:"people,omitzero"`
	Renew  []enablement.PersonID `json:"renew,omitzero"`
	// FallsOutAt is when the requirement stops being met, or "never".
	FallsOutAt *opstest.Instant `json:"falls_out_at,omitempty" aka:"until"`
	// Certifications and Assets are exactly the certifications that
	// would close a gap and the assets that prepare for them.
	Certifications []enablement.CertificationID `json:"certifications,omitzero"`
	Assets         []enablement.AssetID         `json:"assets,omitzero"`
}

// File is an enablement scenario file; Case one of its cases, checked at
// its instant.
type (
	File = opstest.File[Definitions, Given, Expect]
	Case = opstest.Case[Given, Expect]
)

func suite() opstest.Suite[Definitions, *enablement.Engine, Given, Expect] {
	return opstest.Suite[Definitions, *enablement.Engine, Given, Expect]{
		Compile:   Compile,
		CheckCase: CheckCase,
	}
}

// Run runs every enablement scenario file matching pattern
// ("testdata/*.json"): each file's definition compiles once, each case is
// the subtest "FILE/CASE-ID". A failing case prints what did not match,
// then the expected and actual compliance side by side. With -update,
// golden compliance files are rewritten.
func Run(t *testing.T, pattern string) {
	t.Helper()
	suite().Run(t, pattern)
}

// Check runs the scenario file data (named name) without touching the
// disk and returns the failures, as [Run] would report them; fsys holds
// the files the scenario names (definition_file, golden compliance),
// relative to its folder, or is nil.
func Check(name string, data []byte, fsys fs.FS) []opstest.Failure {
	return suite().Check(name, data, fsys)
}

// Parse decodes an enablement scenario file strictly; name prefixes
// every problem's path. A definition file is not read: [Load] reads it,
// and [Compile] with the files does.
func Parse(name string, data []byte) (File, error) {
	return opstest.Parse[Definitions, Given, Expect](name, data)
}

// Load reads and parses the scenario file at path, and reads the
// definition file its definitions name (relative to its folder), so that
// they can be compiled or compared ([WhatIf]) on their own.
func Load(path string) (File, error) {
	return opstest.LoadResolved(path, Parse, Definitions.Resolve)
}

// Resolve returns the definitions with the definition file they name read
// into Definition (and the file name cleared). Errors name the field and
// the file: definition_file: testdata/program.json:
// certifications[cka].valid_for: unknown field.
func (d Definitions) Resolve(files opstest.Files) (Definitions, error) {
	def, err := opstest.Resolve(files, "definition", d.Definition, d.DefinitionFile, enablement.ParseDefinition)
	if err != nil {
		return Definitions{}, err
	}
	d.Definition, d.DefinitionFile = def, ""
	return d, nil
}

// Compile resolves the definition file the definitions name and compiles
// the program. Problems carry paths relative to the definitions:
// definition.requirements[gold-sales].count, or definition_file (with the
// file and the path inside it) for a program kept in its own file.
func Compile(files opstest.Files, d Definitions) (*enablement.Engine, error) {
	defFile := d.DefinitionFile
	d, err := d.Resolve(files)
	if err != nil {
		return nil, err
	}
	if d.Definition == nil {
		var probs partnerops.Problems
		probs.Add("definition", "a scenario needs an enablement definition (definition or definition_file)", "")
		return nil, probs.Err()
	}
	e, err := enablement.Compile(*d.Definition)
	if err == nil {
		return e, nil
	}
	return nil, files.CompileError("definition", defFile, err)
}
