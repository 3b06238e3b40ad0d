package performancetest

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/performance"
)

// Definitions are the model a scenario file pins down: a metric catalog,
// a scorecard template and the program they are compiled for.
type Definitions struct {
	// Catalog is the metric catalog, as [performance.ParseCatalog] reads
	// it ({"metrics": [...]}).
	Catalog performance.CatalogDef `json:"catalog"`
	// Template is the scorecard template, as [performance.ParseTemplate]
	// reads it.
	Template performance.Template `json:"template"`
	// Program gives the tier ladder ("tiers": ["silver", "gold"]), the
	// fiscal calendar ("calendar": {"fiscal_year_start": 2}) and the
	// reporting currency ("currency": "USD").
	Program partnerops.Program `json:"program"`
}

// Given is what a case scores: one partner's observations in the fiscal
// quarter holding the case's instant, in a view.
type Given struct {
	// Partner is the partner scored: its ID, and the tier and segment
	// that select target overrides.
	Partner Partner `json:"partner"`
	// View is "internal" (the default) or "external", the scorecard the
	// partner sees.
	View performance.View `json:"view,omitempty"`
	// Observations are the partner's raw facts; each must fall in the
	// case's fiscal quarter.
	Observations []Observation `json:"observations,omitempty" aka:"obs,facts"`
}

// Partner is the partner a case scores.
type Partner struct {
	ID      partnerops.PartnerID `json:"id"`
	Tier    partnerops.Tier      `json:"tier,omitempty"`
	Segment string               `json:"segment,omitempty"`
}

// Observation is one raw fact of the case's partner: a metric observed
// at an instant, with a value in the metric's unit ("250000.00" for a
// money metric, bare: the metric fixes the currency) and, for a
// distinct count, the key it counts. A count needs no value.
type Observation struct {
	Metric string             `json:"metric"`
	At     time.Time          `json:"at"`
	Value  partnerops.Decimal `json:"value,omitzero"`
	Key    string             `json:"key,omitempty"`
}

// Expect is what a case's scorecard must show. Every field is optional;
// a field left out is not checked.
type Expect struct {
	// Error expects scoring to fail with an error whose text contains it
	// (an observation outside the quarter: "outside"). Without it, any
	// error fails the case.
	Error string `json:"error,omitempty"`
	// Total is the scorecard total, in points ("72.50"); Band its
	// status band ("green"). Scored false expects a scorecard where no
	// metric counted.
	Total  *performance.Points `json:"total,omitempty" aka:"score"`
	Band   *string             `json:"band,omitempty"`
	Scored *bool               `json:"scored,omitempty"`
	// Metrics pin the metrics they name; metrics not named are not
	// checked.
	Metrics []MetricExpect `json:"metrics,omitempty"`
	// Excluded is exactly the set of metrics left out of the scorecard
	// (missing and excluded by the missing policy; [] for none).
	Excluded []string `json:"excluded,omitzero" aka:"left_out"`
	// Scorecard names a golden file holding the whole scorecard
	// ("golden/acme-q1.md"), relative to the scenario file's folder;
	// -update rewrites it. Format chooses its form: "markdown" (the
	// default, [performance.Result.Markdown]) or "text" (the one fact a
	// line view failures show).
	Scorecard string `json:"scorecard,omitempty" aka:"golden,scorecard_file"`
	Format    string `json:"format,omitempty"`
}

// MetricExpect pins one metric of the scorecard.
type MetricExpect struct {
	Metric string `json:"metric" path:"key"`
	// Value is the aggregated value, compared as a number ("12" matches
	// 12.00).
	Value *partnerops.Decimal `json:"value,omitempty"`
	// Score is the normalized 0-100 score, Band its status band,
	// Contribution the points it adds to the total.
	Score        *performance.Points `json:"score,omitempty"`
	Band         *string             `json:"band,omitempty"`
	Contribution *performance.Points `json:"contribution,omitempty"`
}

// File is a performance scenario file; Case one of its cases.
type (
	File = opstest.File[Definitions, Given, Expect]
	Case = opstest.Case[Given, Expect]
)

// Model is a file's compiled definitions.
type Model struct {
	Catalog   *performance.Catalog
	Scorecard *performance.Scorecard
}

func suite() opstest.Suite[Definitions, Model, Given, Expect] {
	return opstest.Suite[Definitions, Model, Given, Expect]{Compile: Compile, CheckCase: CheckCase}
}

// Run runs every performance scenario file matching pattern
// ("testdata/*.json"): each file's definitions compile once, each case
// is the subtest "FILE/CASE-ID". A failing case prints what did not
// match, then the expected and actual scorecards side by side. With
// -update, golden scorecard files are rewritten.
func Run(t *testing.T, pattern string) {
	t.Helper()
	suite().Run(t, pattern)
}

// Check runs the scenario file data (named name) without touching the
// disk and returns the failures as [Run] would report them; fsys holds
// the golden files the cases name, relative to the file's folder, or is
// nil.
func Check(name string, data []byte, fsys fs.FS) []opstest.Failure {
	return suite().Check(name, data, fsys)
}

// Parse decodes a performance scenario file strictly (see the package
// doc); name prefixes every problem's path.
func Parse(name string, data []byte) (File, error) {
	return opstest.Parse[Definitions, Given, Expect](name, data)
}

// Load reads and parses the scenario file at path.
func Load(path string) (File, error) {
	return opstest.Load[Definitions, Given, Expect](path)
}

// Compile validates the program and compiles the catalog and the
// template into a scorecard. Problems carry paths relative to the
// definitions: catalog.metrics[bookings].unit,
// template.categories[engagement].weight, program.tiers.
func Compile(_ opstest.Files, d Definitions) (Model, error) {
	var probs partnerops.Problems
	if err := d.Program.Validate(); err != nil {
		probs.Merge("program", err)
		return Model{}, probs.Err()
	}
	cat, err := performance.CompileMetrics(d.Catalog.Metrics)
	if err != nil {
		probs.Merge("catalog", err)
		return Model{}, probs.Err()
	}
	sc, err := performance.CompileScorecard(cat, d.Template, d.Program)
	if err != nil {
		for _, ve := range partnerops.ValidationErrors(err) {
			if strings.HasPrefix(ve.Path, "program") {
				probs.Merge("", ve)
			} else {
				probs.Merge("template", ve)
			}
		}
		if probs.Len() == 0 {
			probs.AddErr("template", err)
		}
		return Model{}, probs.Err()
	}
	return Model{Catalog: cat, Scorecard: sc}, nil
}
