package payouttest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
)

// Definitions are the model a scenario file pins down: a payout plan,
// inline in the payout package's JSON or kept in its own file, named
// relative to the scenario file's folder.
type Definitions struct {
	// Plan is the payout plan, as [payout.ParsePlan] reads it.
	Plan *payout.Plan `json:"plan,omitempty"`
	// PlanFile names a JSON file holding the plan instead ("plan.json").
	PlanFile string `json:"plan_file,omitempty" aka:"plan_path"`
}

// Expect is what a case's statement must say. Every field is optional;
// a field left out is not checked. Amounts are bare decimal strings
// ("14000.00", compared as numbers) or objects with a currency, which
// must then match too; percents are strings compared exactly.
type Expect struct {
	// Error expects the statement to fail with an error whose text
	// contains it ("duplicate transaction"). Without it, any error fails
	// the case.
	Error string `json:"error,omitempty"`
	// Total is what the period pays; Subtotal the sum of the components'
	// earnings; DrawBalance the draw outstanding at the period's end.
	Total       *partnerops.Money `json:"total,omitempty" aka:"payout,paid"`
	Subtotal    *partnerops.Money `json:"subtotal,omitempty"`
	DrawBalance *partnerops.Money `json:"draw_balance,omitempty"`
	// Components pin the components they name by ID; components not
	// named are not checked.
	Components []ComponentExpect `json:"components,omitempty"`
	// Adjustments is exactly the statement's adjustment lines (plan cap,
	// floor, draw), in order ([] for none).
	Adjustments []LineExpect `json:"adjustments,omitzero"`
	// Skipped is exactly the set of the period's transactions that earned
	// nothing ([] for none).
	Skipped []SkipExpect `json:"skipped,omitzero"`
	// Statement names a golden file holding the whole
	// [payout.Statement.Text] ("golden/acme-q1.txt"), relative to the
	// scenario file's folder; -update rewrites it.
	Statement string `json:"statement,omitempty" aka:"golden,statement_file"`
}

// ComponentExpect pins one component's result.
type ComponentExpect struct {
	ID         payout.ComponentID  `json:"id"`
	Earned     *partnerops.Money   `json:"earned,omitempty"`
	Credited   *partnerops.Decimal `json:"credited,omitempty"`
	Attainment *partnerops.Percent `json:"attainment,omitempty"`
	// Tier is the 1-based tier the component reached (0 for none).
	Tier *int `json:"tier,omitempty"`
	// Lines is exactly the component's lines, in order ([] for none),
	// each with the fields given.
	Lines []LineExpect `json:"lines,omitzero"`
}

// LineExpect is one statement line; the fields given are compared.
type LineExpect struct {
	// Kind defaults to any kind.
	Kind        payout.LineKind      `json:"kind,omitempty"`
	Transaction payout.TransactionID `json:"transaction,omitempty" path:"key"`
	// Tier is the 1-based tier reached.
	Tier   *int                `json:"tier,omitempty"`
	Rate   *partnerops.Percent `json:"rate,omitempty"`
	Amount *partnerops.Money   `json:"amount,omitempty"`
	// Cut is what a limit removed, and Limit which one
	// ("transaction_cap", "period_cap", "gate", "clawback_window", or ""
	// for none).
	Cut   *partnerops.Money `json:"cut,omitempty"`
	Limit *payout.Limit     `json:"limit,omitempty"`
}

// SkipExpect is one transaction of the period that earned nothing, and
// optionally why ("not_credited", "no_component").
type SkipExpect struct {
	Transaction payout.TransactionID `json:"transaction" path:"key"`
	Reason      payout.SkipReason    `json:"reason,omitempty"`
}

// File is a payout scenario file; Case one of its cases, giving a
// statement request (its instant is the case's).
type (
	File = opstest.File[Definitions, payout.Request, Expect]
	Case = opstest.Case[payout.Request, Expect]
)

func suite() opstest.Suite[Definitions, *payout.Engine, payout.Request, Expect] {
	return opstest.Suite[Definitions, *payout.Engine, payout.Request, Expect]{
		Compile:   Compile,
		CheckCase: CheckCase,
	}
}

// Run runs every payout scenario file matching pattern
// ("testdata/*.json"): each file's plan compiles once, each case is the
// subtest "FILE/CASE-ID". A failing case prints what did not match, then
// the expected and actual statements side by side. With -update, golden
// statement files are rewritten.
func Run(t *testing.T, pattern string) {
	t.Helper()
	suite().Run(t, pattern)
}

// Check runs the scenario file data (named name) without touching the
// disk and returns the failures, as [Run] would report them; fsys holds
// the files the scenario names (plan_file, golden statements), relative
// to its folder, or is nil.
func Check(name string, data []byte, fsys fs.FS) []opstest.Failure {
	return suite().Check(name, data, fsys)
}

// Parse decodes a payout scenario file strictly; name prefixes every
// problem's path. A plan file the definitions name is not read: [Load]
// reads it, and [Compile] with the files does.
func Parse(name string, data []byte) (File, error) {
	return opstest.Parse[Definitions, payout.Request, Expect](name, data)
}

// Load reads and parses the scenario file at path, and reads the plan
// file its definitions name (relative to its folder) into the
// definitions, so that they can be compiled or compared ([WhatIf]) on
// their own.
func Load(path string) (File, error) {
	f, err := opstest.Load[Definitions, payout.Request, Expect](path)
	if err != nil {
		return File{}, err
	}
	dir := filepath.Dir(path)
	d, err := f.Definitions.Resolve(opstest.NewFiles(os.DirFS(dir), filepath.ToSlash(dir)))
	if err != nil {
		return File{}, fmt.Errorf("%s: definitions.%w", path, err)
	}
	f.Definitions = d
	return f, nil
}

// Resolve returns the definitions with the plan file they name read into
// Plan (and the file name cleared). Errors name the field and the file:
// plan_file: testdata/plan.json: components[base].filter: unknown field.
func (d Definitions) Resolve(files opstest.Files) (Definitions, error) {
	p, err := opstest.Resolve(files, "plan", d.Plan, d.PlanFile, payout.ParsePlan)
	if err != nil {
		return Definitions{}, err
	}
	d.Plan, d.PlanFile = p, ""
	return d, nil
}

// Compile resolves the plan file the definitions name and compiles the
// plan. Problems carry paths relative to the definitions:
// plan.components[base].table.tiers[0].rate, or plan_file (with the file
// and the path inside it) for a plan kept in its own file.
func Compile(files opstest.Files, d Definitions) (*payout.Engine, error) {
	planFile := d.PlanFile
	d, err := d.Resolve(files)
	if err != nil {
		return nil, err
	}
	if d.Plan == nil {
		var probs partnerops.Problems
		probs.Add("plan", "a scenario needs a payout plan (plan or plan_file)", "")
		return nil, probs.Err()
	}
	e, err := payout.Compile(*d.Plan)
	if err == nil {
		return e, nil
	}
	return nil, files.CompileError("plan", planFile, err)
}
