package fit

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// fitNeutralDef is the audit's model: most of the weight sits on criteria
// whose missing data is neutral, so an account that has only its industry
// scores 100.
func fitNeutralDef() Definition {
	return Definition{
		Name: "neutral-heavy ICP",
		Attributes: []AttributeDef{
			{Name: "industry", Kind: AttributeString},
			{Name: "employees", Kind: AttributeNumber},
			{Name: "growth", Kind: AttributeNumber},
		},
		Criteria: []CriterionDef{
			{ID: "industry", Kind: CriterionOneOf, Attribute: "industry", Weight: fitD("30"), Values: []string{"saas"}},
			{ID: "size", Kind: CriterionRange, Attribute: "employees", Weight: fitD("40"), From: fitDP("0"), To: fitDP("1000"), Missing: MissingNeutral},
			{ID: "growth", Kind: CriterionRange, Attribute: "growth", Weight: fitD("30"), From: fitDP("0"), To: fitDP("50"), Missing: MissingNeutral},
		},
	}
}

// TestFitCoverage is the audit's finding: under the neutral missing-data
// policy an account with two of its three criteria missing scored 100,
// with nothing to tell it from a fully known one. Every score now reports
// its coverage, compiling warns, and MinCoverage refuses such a score a
// grade and a rank.
func TestFitCoverage(t *testing.T) {
	def := fitNeutralDef()
	m, err := Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	thin := fitEntity(t, m, "thin", map[string]string{"industry": "saas"})
	full := fitEntity(t, m, "full", map[string]string{"industry": "saas", "employees": "1000", "growth": "50"})
	half := fitEntity(t, m, "half", map[string]string{"industry": "saas", "employees": "500"})
	for _, tt := range []struct {
		e    *Entity
		want string
		cov  string
	}{
		{&thin, "100.00 (A, coverage 30.00%)", "30.00"},
		{&full, "100.00 (A)", "100.00"},
		{&half, "71.42 (B, coverage 70.00%)", "70.00"},
	} {
		s, err := m.Score(tt.e)
		if err != nil {
			t.Fatal(err)
		}
		if s.String() != tt.want || !s.Coverage().Equal(partnerops.MustPercent(tt.cov)) {
			t.Errorf("Score(%s) = %s (coverage %s), want %s (coverage %s%%)", tt.e.ID, s, s.Coverage(), tt.want, tt.cov)
		}
	}
	ws := m.Warnings()
	if len(ws) != 1 || ws[0].Path != "criteria" || !strings.Contains(ws[0].Rule, "can reach 100") || !strings.Contains(ws[0].Rule, "70.00%") {
		t.Errorf("Warnings() = %v, want one about the neutral criteria", ws)
	}

	def.MinCoverage = partnerops.MustPercent("60")
	m, err = Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	if ws := m.Warnings(); len(ws) != 0 {
		t.Errorf("with min_coverage 60: Warnings() = %v, want none", ws)
	}
	thin = fitEntity(t, m, "thin", map[string]string{"industry": "saas"})
	half = fitEntity(t, m, "half", map[string]string{"industry": "saas", "employees": "500"})
	s, _ := m.Score(&thin)
	if !s.LowCoverage || s.Grade != "" || s.String() != "100.00 (low coverage 30.00%)" {
		t.Errorf("Score(thin) = %s (%+v), want low coverage and no grade", s, s)
	}
	batch, err := m.ScoreBatch([]Entity{thin, half}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(batch.Top) != 1 || batch.Top[0].ID != "half" || batch.Distribution.LowCoverage != 1 || batch.Distribution.Qualified != 1 {
		t.Errorf("batch: top %v, distribution %+v; want only half ranked and one low-coverage entity", batch.Top, batch.Distribution)
	}
	if !strings.Contains(batch.Text(), "1 low coverage") {
		t.Errorf("batch text lacks the low-coverage count:\n%s", batch.Text())
	}
}

// TestFitCoverageDisqualified: a disqualified entity still reports the
// coverage of all the criteria, not only of those before the
// disqualifying one.
func TestFitCoverageDisqualified(t *testing.T) {
	m := fitSample(t)
	e := fitEntity(t, m, "sanctioned", map[string]string{"industry": "fintech", "country": "XX", "employees": "10"})
	s, _ := m.Score(&e)
	// Observed: industry 30, size 20, intent (present) 15, sanctioned 0.
	if !s.Disqualified || !s.Coverage().Equal(partnerops.MustPercent("65")) {
		t.Errorf("Score = %s, coverage %s; want disqualified with coverage 65%%", s, s.Coverage())
	}
}

func TestFitWarnings(t *testing.T) {
	def := fitSampleDef()
	def.Criteria = append(def.Criteria, CriterionDef{ID: "idle", Kind: CriterionPresent, Attribute: "intent", Weight: fitD("0")})
	def.MinCoverage = partnerops.MustPercent("0.5")
	m, err := Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, w := range m.Warnings() {
		paths = append(paths, w.Path)
	}
	if diff := cmp.Diff([]string{"criteria[idle].weight", "min_coverage"}, paths); diff != "" {
		t.Errorf("warning paths (-want +got):\n%s\n%v", diff, m.Warnings())
	}
}

// TestParseDefinition: unknown keys, wrong shapes and bare-number
// percents are errors with paths that name criteria by ID.
func TestParseDefinition(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []string // "path: rule" fragments, in order
	}{
		{"misspelled field", `{"attributes":[{"name":"industry","kind":"string"}],"criteria":[{"id":"industry","kind":"one_of","attribute":"industry","weigth":"30","values":["saas"]}]}`,
			[]string{`criteria[industry].weigth: unknown field; did you mean "weight"?`}},
		{"kind spelled type", `{"criteria":[{"id":"a","type":"present","attribute":"x","weight":"1"}]}`,
			[]string{`criteria[a].type: unknown field; did you mean "kind"?`}},
		{"weight as an object", `{"criteria":[{"id":"a","kind":"present","attribute":"x","weight":{}}]}`,
			[]string{`criteria[a].weight: want a decimal`}},
		{"bare number percent", `{"criteria":[],"min_coverage":0.6}`,
			[]string{`min_coverage: `}},
		{"band by label", `{"criteria":[{"id":"size","kind":"bands","attribute":"e","weight":"1","bands":[{"label":"mid","min":"x","points":"1"}]}]}`,
			[]string{`criteria[size].bands[mid].min: `}},
		{"duplicate key", `{"name":"a","name":"b"}`, []string{`name: duplicate key`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDefinition([]byte(tt.json))
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("ParseDefinition error = %v, want ErrInvalid", err)
			}
			ves := partnerops.ValidationErrors(err)
			if len(ves) != len(tt.want) {
				t.Fatalf("ParseDefinition: %d problems, want %d: %v", len(ves), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := ves[i].Error(); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d = %q, want it to start with %q", i, got, w)
				}
			}
			if strings.Count(err.Error(), "fit: ") != 1 {
				t.Errorf("error %q does not carry exactly one prefix", err)
			}
		})
	}
	// json.Unmarshal goes through the same strict path.
	var d Definition
	if err := json.Unmarshal([]byte(`{"criterias":[]}`), &d); err == nil || !strings.Contains(err.Error(), `did you mean "criteria"?`) {
		t.Errorf("json.Unmarshal error = %v, want a suggestion", err)
	}
}

// TestParseDefinitionSample parses a definition written by hand and
// compiles it to the same model as the Go literal.
func TestParseDefinitionSample(t *testing.T) {
	b, err := json.Marshal(fitSampleDef())
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseDefinition(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fitSampleDef(), got); diff != "" {
		t.Errorf("ParseDefinition(Marshal(def)) (-want +got):\n%s", diff)
	}
}

// FuzzParseDefinition: ParseDefinition never panics, and every definition
// it accepts re-encodes and re-parses to an equal value (and compiles or
// fails the same way).
func FuzzParseDefinition(f *testing.F) {
	seed, _ := json.Marshal(fitSampleDef())
	f.Add(seed)
	neutral, _ := json.Marshal(fitNeutralDef())
	f.Add(neutral)
	f.Add([]byte(`{"attributes":[{"name":"n","kind":"number"}],"criteria":[{"id":"r","kind":"range","attribute":"n","weight":"1","from":"9e14","to":"-9e14"}],"min_coverage":"50%"}`))
	f.Add([]byte(`{"criteria":[{"id":"b","kind":"bands","bands":[{"label":"x","points":1e3}]}],"grades":[{"grade":"A","min":"0"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDefinition(data)
		if err != nil {
			return
		}
		// The stored copy compiles (or fails) alike, with the same
		// warnings and the same compiled definition.
		roundtrip.Same(t, d, roundtrip.Copy(t, d, ParseDefinition), func(d Definition) (any, error) {
			m, err := Compile(d)
			if err != nil {
				return nil, err
			}
			return []any{m.Warnings(), m.Definition()}, nil
		})
	})
}

// TestContributionJSONIgnoresDecimalGlobals is the audit's finding: fit
// contributions' weight and points flipped between "25" and 25 with
// shopspring's global MarshalJSONWithoutQuotes. They are
// partnerops.Decimal values now, always strings.
func TestContributionJSONIgnoresDecimalGlobals(t *testing.T) {
	m := fitSample(t)
	e := fitEntity(t, m, "acme", map[string]string{"industry": "SaaS", "employees": "250", "country": "US"})
	x, _ := m.Explain(&e)
	before, _ := json.Marshal(x)
	old := decimal.MarshalJSONWithoutQuotes
	decimal.MarshalJSONWithoutQuotes = true
	after, _ := json.Marshal(x)
	decimal.MarshalJSONWithoutQuotes = old
	if string(before) != string(after) {
		t.Errorf("JSON depends on decimal.MarshalJSONWithoutQuotes:\n%s\n%s", before, after)
	}
	if !strings.Contains(string(before), `"weight":"30","credit":"100","points":"`) {
		t.Errorf("JSON = %s, want quoted weight and points", before)
	}
}

// fitGenEntity draws an entity of the sample model.
func fitGenEntity(t *rapid.T, m *Model, id string) Entity {
	e, err := m.EntityFromAttributes(id, fitGenAttrs(t))
	if err != nil {
		t.Fatal(err)
	}
	if rapid.Bool().Draw(t, "has country") {
		if err := e.SetString("country", rapid.SampledFrom([]string{"US", "XX"}).Draw(t, "country")); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// TestPropResultsRoundTrip: scores, explanations and batch results
// decode back to equal values that render the same text.
func TestPropResultsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := fitGenDef(t)
		if rapid.Bool().Draw(t, "min coverage") {
			def.MinCoverage = partnerops.PercentFromInt(int64(rapid.IntRange(1, 100).Draw(t, "min")))
		}
		m := fitMustCompile(t, def)
		n := rapid.IntRange(0, 12).Draw(t, "n")
		es := make([]Entity, n)
		for i := range es {
			es[i] = fitGenEntity(t, m, fmt.Sprintf("e%d", i))
		}
		batch, err := m.ScoreBatch(es, BatchOptions{TopN: 5})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, batch, BatchResult.Text)
		for i := range es {
			x, err := m.Explain(&es[i])
			if err != nil {
				t.Fatal(err)
			}
			testkit.RoundTrip(t, x, Explanation.Text)
			testkit.RoundTrip(t, x.Score, Score.String)
		}
	})
}

// TestPropCoverageExact: the coverage computed with a reciprocal equals
// floor(seen × 10^4 / total) computed with a division, for any weights.
func TestPropCoverageExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		total := rapid.Int64Range(1, MaxCriteria*MaxWeight*fitNumberScale).Draw(t, "total")
		seen := rapid.Int64Range(0, total).Draw(t, "seen")
		m := &Model{total: total}
		if total > 1 {
			m.recip, _ = bits.Div64(1, 0, uint64(total))
		}
		if got, want := m.coverage(seen), int16(seen*fitScoreUnit/total); got != want {
			t.Fatalf("coverage(%d of %d) = %d, want %d", seen, total, got, want)
		}
	})
}

// TestSetNumberHostile: a hostile number is refused at once, without
// rendering it in the error.
func TestSetNumberHostile(t *testing.T) {
	m := fitSample(t)
	e := m.NewEntity("e")
	start := time.Now()
	err := e.SetNumber("employees", fence.Wrap(decimal.New(1, -3000000)))
	if !errors.Is(err, partnerops.ErrRange) || len(err.Error()) > 200 || time.Since(start) > time.Second {
		t.Errorf("SetNumber(1e-3000000) error = %.200v (%d bytes)", err, len(err.Error()))
	}
}
