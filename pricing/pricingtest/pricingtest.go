package pricingtest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
)

// Definitions are the model a scenario file pins down: price books and a
// discount framework, each written inline in pricing's JSON or kept in
// its own file, named relative to the scenario file's folder.
type Definitions struct {
	// Books are the price books, as [pricing.ParsePriceBooks] reads them.
	Books []pricing.PriceBook `json:"books,omitempty"`
	// BooksFile names a JSON file holding the books instead
	// ("books.json"), read with [pricing.ParsePriceBooks].
	BooksFile string `json:"books_file,omitempty" aka:"books_path"`
	// Framework is the discount framework, as [pricing.ParseFramework]
	// reads it. Without one, quotes are priced at list.
	Framework *pricing.Framework `json:"framework,omitempty"`
	// FrameworkFile names a JSON file holding the framework instead,
	// read with [pricing.ParseFramework].
	FrameworkFile string `json:"framework_file,omitempty" aka:"framework_path"`
}

// Expect is what a case's quote must price to. Every field is optional;
// a field left out is not checked. Amounts are bare decimal strings
// ("8964.00", compared as numbers: "57.6" matches 57.60) or objects with
// a currency, which must then match too; percents are strings ("41.1425",
// compared exactly).
type Expect struct {
	// Error expects pricing to fail with an error whose text contains it
	// ("unknown SKU"). Without it, any pricing error fails the case.
	Error string `json:"error,omitempty"`
	// ListTotal, NetTotal, DiscountTotal and EffectiveDiscount are the
	// quote's totals ([pricing.Result]).
	ListTotal         *partnerops.Money   `json:"list_total,omitempty"`
	NetTotal          *partnerops.Money   `json:"net_total,omitempty" aka:"net,total"`
	DiscountTotal     *partnerops.Money   `json:"discount_total,omitempty"`
	EffectiveDiscount *partnerops.Percent `json:"effective_discount,omitempty" aka:"discount"`
	// Approval is the level the quote needs: "manager", or "none" (or "")
	// for none.
	Approval *pricing.ApprovalLevel `json:"approval,omitempty"`
	// Lines pin the lines they name; lines not named are not checked.
	Lines []LineExpect `json:"lines,omitempty"`
	// Waterfall names a golden file holding the whole [pricing.Result.Text]
	// ("golden/gold-120-seats.txt"), relative to the scenario file's
	// folder; -update rewrites it.
	Waterfall string `json:"waterfall,omitempty" aka:"golden,waterfall_file"`
}

// LineExpect pins one line of the result, named by its SKU (when the
// SKU is on one line only), its line ID or its 1-based line number. All
// the selectors given must name the same line.
type LineExpect struct {
	SKU  pricing.SKU `json:"sku,omitempty" path:"key"`
	ID   string      `json:"id,omitempty"`
	Line int         `json:"line,omitempty"`

	ListExtended      *partnerops.Money      `json:"list_extended,omitempty"`
	NetUnit           *partnerops.Money      `json:"net_unit,omitempty" aka:"net,net_price"`
	NetExtended       *partnerops.Money      `json:"net_extended,omitempty"`
	EffectiveDiscount *partnerops.Percent    `json:"effective_discount,omitempty" aka:"discount"`
	Approval          *pricing.ApprovalLevel `json:"approval,omitempty"`
	// Steps is the line's waterfall: exactly these rules applied, in this
	// order ([] for none), each with the fields given.
	Steps []StepExpect `json:"steps,omitzero" aka:"waterfall"`
	// Skipped is exactly the set of candidate rules that did not apply
	// ([] for none), each with the fields given.
	Skipped []SkipExpect `json:"skipped,omitzero" aka:"skips"`
}

// StepExpect is one applied rule of a line's waterfall. Amount and
// Running are per unit, as in [pricing.Step]: a discount of 10.00 is
// "10.00", a surcharge "-5.00".
type StepExpect struct {
	Rule    pricing.RuleID      `json:"rule" path:"key"`
	Amount  *partnerops.Decimal `json:"amount,omitempty"`
	Running *partnerops.Decimal `json:"running,omitempty"`
	// Limit is what cut the step: "group_cap", "total_cap", "floor" or
	// "" for none.
	Limit *pricing.Limit `json:"limit,omitempty"`
}

// SkipExpect is one rule that did not apply, and optionally why
// ("excluded", "not_selected", "condition_failed", ...) and by which
// rule.
type SkipExpect struct {
	Rule   pricing.RuleID     `json:"rule" path:"key"`
	Reason pricing.SkipReason `json:"reason,omitzero"`
	By     pricing.RuleID     `json:"by,omitempty"`
}

// File is a pricing scenario file; Case one of its cases, giving a quote.
type (
	File = opstest.File[Definitions, pricing.Quote, Expect]
	Case = opstest.Case[pricing.Quote, Expect]
)

// suite is the pricing kit's [opstest.Suite]: definitions compile into
// an engine once per file.
func suite() opstest.Suite[Definitions, *pricing.Engine, pricing.Quote, Expect] {
	return opstest.Suite[Definitions, *pricing.Engine, pricing.Quote, Expect]{
		Compile:   Compile,
		CheckCase: CheckCase,
	}
}

// Run runs every pricing scenario file matching pattern
// ("testdata/*.json"): each file's definitions compile once, each case
// is the subtest "FILE/CASE-ID". A failing case prints what did not
// match, then the expected and actual waterfalls side by side. With
// -update, golden waterfall files are rewritten.
func Run(t *testing.T, pattern string) {
	t.Helper()
	suite().Run(t, pattern)
}

// Check runs the scenario file data (named name) without touching the
// disk and returns the failures, as [Run] would report them; fsys holds
// the files the scenario names (books_file, golden waterfalls), relative
// to its folder, or is nil.
func Check(name string, data []byte, fsys fs.FS) []opstest.Failure {
	return suite().Check(name, data, fsys)
}

// Parse decodes a pricing scenario file strictly (see the package doc);
// name prefixes every problem's path. Files the definitions name are not
// read: [Load] reads them, and [Compile] with the files does.
func Parse(name string, data []byte) (File, error) {
	return opstest.Parse[Definitions, pricing.Quote, Expect](name, data)
}

// Load reads and parses the scenario file at path, and reads the books
// and framework files its definitions name (relative to its folder) into
// the definitions, so that they can be compiled or compared ([WhatIf])
// on their own.
func Load(path string) (File, error) {
	f, err := opstest.Load[Definitions, pricing.Quote, Expect](path)
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

// Resolve returns the definitions with the files they name read into
// Books and Framework (and the file names cleared). Errors name the
// field and the file: books_file: testdata/books.json:
// books[us].entries[SEC-100].lst: unknown field.
func (d Definitions) Resolve(files opstest.Files) (Definitions, error) {
	var probs partnerops.Problems
	if d.BooksFile != "" {
		if d.Books != nil {
			probs.Add("books_file", "give books or books_file, not both", d.BooksFile)
		} else if books, err := opstest.Definition(files, "books_file", d.BooksFile, pricing.ParsePriceBooks); err != nil {
			probs.Merge("", err)
		} else {
			d.Books, d.BooksFile = books, ""
		}
	}
	if fw, err := opstest.Resolve(files, "framework", d.Framework, d.FrameworkFile, pricing.ParseFramework); err != nil {
		probs.Merge("", err)
	} else {
		d.Framework, d.FrameworkFile = fw, ""
	}
	if err := probs.Err(); err != nil {
		return Definitions{}, err
	}
	return d, nil
}

// Compile resolves the files the definitions name and compiles them into
// a pricing engine. Problems carry paths relative to the definitions:
// books[us].entries[SEC-100].list, framework.rules[tier-gold].effect,
// or books_file (with the file and the path inside it) for a book kept
// in its own file.
func Compile(files opstest.Files, d Definitions) (*pricing.Engine, error) {
	books, bookFile, fwFile := d.Books, d.BooksFile, d.FrameworkFile
	d, err := d.Resolve(files)
	if err != nil {
		return nil, err
	}
	if len(d.Books) == 0 && books == nil && bookFile == "" {
		var probs partnerops.Problems
		probs.Add("books", "a scenario needs price books (books or books_file)", "")
		return nil, probs.Err()
	}
	var fw pricing.Framework
	if d.Framework != nil {
		fw = *d.Framework
	}
	e, err := pricing.Compile(d.Books, fw)
	if err == nil {
		return e, nil
	}
	ves := partnerops.ValidationErrors(err)
	if len(ves) == 0 {
		return nil, err
	}
	var probs partnerops.Problems
	for _, ve := range ves {
		inBooks := ve.Path == "books" || strings.HasPrefix(ve.Path, "books[") || strings.HasPrefix(ve.Path, "books.")
		switch {
		case inBooks && bookFile != "":
			probs.Merge("", files.InFile("books_file", bookFile, ve))
		case inBooks:
			probs.Merge("", ve)
		case fwFile != "":
			probs.Merge("", files.InFile("framework_file", fwFile, ve))
		default:
			probs.Merge("framework", ve)
		}
	}
	return nil, probs.Err()
}
