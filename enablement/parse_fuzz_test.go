package enablement_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/internal/roundtrip"
)

// fuzzParse checks a Parse function on random JSON: it never panics,
// every error is a validation error, and every accepted value re-encodes
// with encoding/json and re-parses to an equal value (empty and missing
// lists being the same).
func fuzzParse[T any](f *testing.F, seeds []string, parse func([]byte) (T, error)) {
	fuzzParseRun(f, seeds, parse, nil)
}

// fuzzParseRun is fuzzParse that also runs run (compile and evaluate) on
// the value and on its JSON copy, wanting the same outcome
// ([roundtrip.Same]); run may be nil.
func fuzzParseRun[T any](f *testing.F, seeds []string, parse func([]byte) (T, error), run func(T) (any, error)) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := parse(data)
		if err != nil {
			if !errors.Is(err, partnerops.ErrInvalid) || len(partnerops.ValidationErrors(err)) == 0 {
				t.Fatalf("error is not a validation error: %v", err)
			}
			return
		}
		back := roundtrip.Copy(t, v, parse)
		if run != nil {
			roundtrip.Same(t, v, back, run)
		}
	})
}

func sampleJSON(f *testing.F, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		f.Fatal(err)
	}
	return string(b)
}

func FuzzParseDefinition(f *testing.F) {
	partner, people := acme()
	fuzzParseRun(f, []string{sampleJSON(f, sampleDefinition()), `{}`, `{"program":{"tiers":["a","a"]}}`,
		`{"certifications":[{"id":"c","validity":"P1Y","renewal_window":"P5Y","exams":[{"id":"e","pass_mark":0.7}]}]}`,
		`{"assets":[{"id":"a","published":"2026-01-31","level":"Expert","review_by":"2027-01-31T09:00:00+05:30"}]}`},
		enablement.ParseDefinition, func(d enablement.Definition) (any, error) {
			e, err := enablement.Compile(d)
			if err != nil {
				return nil, err
			}
			c, err := e.Compliance(partner, people, date(2026, 1, 15))
			return []any{c, e.Warnings()}, err
		})
}

func FuzzParseCatalogDefinition(f *testing.F) {
	def := sampleDefinition()
	fuzzParseRun(f, []string{sampleJSON(f, enablement.CatalogDefinition{Program: def.Program, Assets: def.Assets}), `{"assets":null}`},
		enablement.ParseCatalogDefinition, func(d enablement.CatalogDefinition) (any, error) {
			c, err := enablement.CompileCatalog(d)
			if err != nil {
				return nil, err
			}
			return []any{c.Assets(), c.Warnings()}, nil
		})
}

func FuzzParseAsset(f *testing.F) {
	fuzzParse(f, []string{sampleJSON(f, sampleDefinition().Assets[6]), sampleJSON(f, sampleDefinition().Assets[8]),
		`{"id":"a","level":"","published":"0001-01-01"}`}, enablement.ParseAsset)
}

func FuzzParseCertification(f *testing.F) {
	fuzzParse(f, []string{sampleJSON(f, sampleDefinition().Certifications[1]), sampleJSON(f, sampleDefinition().Certifications[2]),
		`{"id":"c","validity":"p1y2m3w4d","exams":[{"id":"e","pass_mark":"1e2%"}]}`}, enablement.ParseCertification)
}

func FuzzParseLearningPath(f *testing.F) {
	fuzzParse(f, []string{sampleJSON(f, sampleDefinition().LearningPaths[0]), `{"id":"p","modules":[{"id":"a","prerequisites":["a"]}]}`},
		enablement.ParseLearningPath)
}

func FuzzParseRequirement(f *testing.F) {
	fuzzParse(f, []string{sampleJSON(f, sampleDefinition().Requirements[3]), `{"id":"r","count":-1,"per_motion":true,"motion":"resell"}`},
		enablement.ParseRequirement)
}

func FuzzParseQuery(f *testing.F) {
	fuzzParse(f, []string{`{"text":"cloud sec","kinds":["course"],"levels":["advanced"],"regions":["emea"],"limit":3,"offset":1,"published_since":"2025-01-01"}`,
		`{"offset":9223372036854775807,"limit":9223372036854775807}`, `{"levels":["guru"]}`}, enablement.ParseQuery)
}

func FuzzParseCoverageOptions(f *testing.F) {
	fuzzParse(f, []string{`{"horizon":"P6M"}`, `{}`, `{"horizon":"P1000Y12000M365250D"}`}, enablement.ParseCoverageOptions)
}

func FuzzParsePerson(f *testing.F) {
	_, people := acme()
	fuzzParse(f, []string{sampleJSON(f, people[0]), sampleJSON(f, people[1]), sampleJSON(f, people[2]),
		`{"id":"u","exams":[{"exam":"e","score":"70%","at":"2025-02-28"}],"certifications":[{"certification":"c","earned":"2024-02-29","renewed":["2024-12-01"]}]}`},
		enablement.ParsePerson)
}
