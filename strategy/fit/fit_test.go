package fit

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
)

// fitOne compiles a one-criterion model over the sample attributes (plus a
// weight-100 companion when companion is set) and scores attrs.
func fitOne(t *testing.T, c CriterionDef, attrs map[string]string, opts ...Option) Score {
	t.Helper()
	def := fitSampleDef()
	def.Criteria = []CriterionDef{c}
	m, err := Compile(def, opts...)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	e := fitEntity(t, m, "e", attrs)
	s, err := m.Score(&e)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	return s
}

func TestFitCriteria(t *testing.T) {
	bands := []Band{
		{Label: "small", Max: fitDP("100"), Points: fitD("20")},
		{Label: "mid", Min: fitDP("100"), Max: fitDP("1000"), Points: fitD("100")},
		{Label: "large", Min: fitDP("1000"), Points: fitD("60.5")},
	}
	big := func(s string) bool { return strings.HasPrefix(s, "big") }
	tests := []struct {
		name  string
		c     CriterionDef
		attrs map[string]string
		want  int32 // hundredths
		disq  bool
	}{
		{"equals string match", CriterionDef{Kind: CriterionEquals, Attribute: "industry", Value: "saas"}, map[string]string{"industry": "SaaS"}, 10000, false},
		{"equals string no match", CriterionDef{Kind: CriterionEquals, Attribute: "industry", Value: "saas"}, map[string]string{"industry": "retail"}, 0, false},
		{"equals bool true", CriterionDef{Kind: CriterionEquals, Attribute: "hiring", Value: "true"}, map[string]string{"hiring": "true"}, 10000, false},
		{"equals bool false wanted", CriterionDef{Kind: CriterionEquals, Attribute: "hiring", Value: "false"}, map[string]string{"hiring": "true"}, 0, false},
		{"one_of folded", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"SaaS", "Fintech"}}, map[string]string{"industry": "fintech"}, 10000, false},
		{"one_of unknown value", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}}, map[string]string{"industry": "mining"}, 0, false},
		{"one_of negated", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"gambling"}, Negate: true}, map[string]string{"industry": "saas"}, 10000, false},
		// Bands are half-open: 100 is in "mid", 99.9999 in "small".
		{"bands lower edge inclusive", CriterionDef{Kind: CriterionBands, Attribute: "employees", Bands: bands}, map[string]string{"employees": "100"}, 10000, false},
		{"bands below", CriterionDef{Kind: CriterionBands, Attribute: "employees", Bands: bands}, map[string]string{"employees": "99.9999"}, 2000, false},
		{"bands open top 60.5 points", CriterionDef{Kind: CriterionBands, Attribute: "employees", Bands: bands}, map[string]string{"employees": "1000"}, 6050, false},
		{"bands gap scores 0", CriterionDef{Kind: CriterionBands, Attribute: "employees", Bands: bands[1:2]}, map[string]string{"employees": "5000"}, 0, false},
		// Range 0..50: 20 is 40%; 12.5 is 25%; beyond the ends it clamps.
		{"range 20 of 0..50 is 40", CriterionDef{Kind: CriterionRange, Attribute: "arr_growth", From: fitDP("0"), To: fitDP("50")}, map[string]string{"arr_growth": "20"}, 4000, false},
		{"range 12.5 of 0..50 is 25", CriterionDef{Kind: CriterionRange, Attribute: "arr_growth", From: fitDP("0"), To: fitDP("50")}, map[string]string{"arr_growth": "12.5"}, 2500, false},
		{"range clamps above", CriterionDef{Kind: CriterionRange, Attribute: "arr_growth", From: fitDP("0"), To: fitDP("50")}, map[string]string{"arr_growth": "80"}, 10000, false},
		{"range clamps below", CriterionDef{Kind: CriterionRange, Attribute: "arr_growth", From: fitDP("0"), To: fitDP("50")}, map[string]string{"arr_growth": "-3"}, 0, false},
		// Descending: 100,000 → 0%, 1,000 → 100%; 25,750 is 75% of the way.
		{"range descending", CriterionDef{Kind: CriterionRange, Attribute: "employees", From: fitDP("100000"), To: fitDP("1000")}, map[string]string{"employees": "25750"}, 7500, false},
		{"range descending clamps", CriterionDef{Kind: CriterionRange, Attribute: "employees", From: fitDP("100000"), To: fitDP("1000")}, map[string]string{"employees": "10"}, 10000, false},
		// 1/3 truncates to 33.33.
		{"range truncates", CriterionDef{Kind: CriterionRange, Attribute: "arr_growth", From: fitDP("0"), To: fitDP("3")}, map[string]string{"arr_growth": "1"}, 3333, false},
		{"set_overlap 1 of 2 needed", CriterionDef{Kind: CriterionSetOverlap, Attribute: "tech", Values: []string{"aws", "snowflake", "dbt"}, MinOverlap: 2}, map[string]string{"tech": "AWS, hubspot"}, 5000, false},
		{"set_overlap full", CriterionDef{Kind: CriterionSetOverlap, Attribute: "tech", Values: []string{"aws", "snowflake", "dbt"}, MinOverlap: 2}, map[string]string{"tech": "aws,dbt,snowflake"}, 10000, false},
		{"set_overlap default 1", CriterionDef{Kind: CriterionSetOverlap, Attribute: "tech", Values: []string{"aws"}}, map[string]string{"tech": "aws"}, 10000, false},
		{"set_overlap negated none shared", CriterionDef{Kind: CriterionSetOverlap, Attribute: "tech", Values: []string{"competitor_x"}, Negate: true}, map[string]string{"tech": "aws"}, 10000, false},
		{"value_points listed", CriterionDef{Kind: CriterionValuePoints, Attribute: "industry", Choices: []Choice{{"healthcare", fitD("100")}, {"Retail", fitD("40.5")}}}, map[string]string{"industry": "retail"}, 4050, false},
		{"value_points unlisted", CriterionDef{Kind: CriterionValuePoints, Attribute: "industry", Choices: []Choice{{"healthcare", fitD("100")}}}, map[string]string{"industry": "mining"}, 0, false},
		{"present", CriterionDef{Kind: CriterionPresent, Attribute: "intent"}, map[string]string{"intent": "pricing page"}, 10000, false},
		{"present absent", CriterionDef{Kind: CriterionPresent, Attribute: "intent"}, map[string]string{}, 0, false},
		{"predicate true", CriterionDef{Kind: CriterionPredicate, Predicate: "big"}, map[string]string{}, 10000, false},
		// Missing policies.
		{"missing zero", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}}, map[string]string{}, 0, false},
		{"missing neutral only criterion scores 0", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}, Missing: MissingNeutral}, map[string]string{}, 0, false},
		{"missing disqualify", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}, Missing: MissingDisqualify}, map[string]string{}, 0, true},
		{"must-have unmet", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}, MustHave: true}, map[string]string{"industry": "retail"}, 0, true},
		{"must-have neutral missing passes", CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}, MustHave: true, Missing: MissingNeutral}, map[string]string{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.ID, c.Weight = "c", fitD("10")
			got := fitOne(t, c, tt.attrs, WithPredicate("big", func(e *Entity) bool { return big("big" + e.ID) }))
			if got.Hundredths() != tt.want || got.Disqualified != tt.disq {
				t.Errorf("Score = %v (disqualified %t), want %d hundredths (disqualified %t)", got, got.Disqualified, tt.want, tt.disq)
			}
		})
	}
}

func TestFitScoreWorked(t *testing.T) {
	m := fitSample(t)
	tests := []struct {
		name  string
		attrs map[string]string
		want  string
	}{
		// 30 + 20 + 15×40% + 10×50% + 10 + 0 = 71 of 100.
		{"acme", map[string]string{"industry": "SaaS", "employees": "250", "arr_growth": "20", "tech": "AWS, hubspot", "country": "US", "hiring": "true"}, "71.00 (B)"},
		// Growth missing is neutral: (30 + 20 + 5 + 10) / 85 = 76.470… → 76.47.
		{"neutral growth", map[string]string{"industry": "saas", "employees": "250", "tech": "aws", "country": "US", "hiring": "true"}, "76.47 (B, coverage 85.00%)"},
		// Everything: 100.
		{"perfect", map[string]string{"industry": "fintech", "employees": "500", "arr_growth": "50", "tech": "aws,snowflake", "country": "DE", "hiring": "true", "intent": "demo"}, "100.00 (A)"},
		// Country missing disqualifies (policy), whatever the rest.
		{"no country", map[string]string{"industry": "fintech"}, "0.00 (D, disqualified)"},
		// Sanctioned country: the negated must-have fails.
		{"sanctioned", map[string]string{"industry": "fintech", "country": "XX"}, "0.00 (D, disqualified)"},
		// Only size small (20 × 20%) and country: 4 / 100.
		{"weak", map[string]string{"employees": "10", "arr_growth": "0", "country": "US"}, "4.00 (D, coverage 50.00%)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fitEntity(t, m, tt.name, tt.attrs)
			got, err := m.Score(&e)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.want {
				t.Errorf("Score(%s) = %s, want %s", tt.name, got, tt.want)
			}
			x, err := m.Explain(&e)
			if err != nil {
				t.Fatal(err)
			}
			if x.Score != got {
				t.Errorf("Explain score = %v, Score = %v", x.Score, got)
			}
			sum := partnerops.Decimal{}
			for _, c := range x.Contributions {
				sum = sum.Add(c.Points)
			}
			if !sum.Equal(got.Decimal()) {
				t.Errorf("contributions sum to %s, score is %s", sum, got.Decimal())
			}
		})
	}
}

func TestFitExplain(t *testing.T) {
	m := fitSample(t)
	e := fitEntity(t, m, "acme", map[string]string{"industry": "SaaS", "employees": "250", "arr_growth": "20", "tech": "AWS, hubspot", "country": "US", "hiring": "true"})
	got, err := m.Explain(&e)
	if err != nil {
		t.Fatal(err)
	}
	pc := func(s string) partnerops.Percent { return partnerops.MustPercent(s) }
	dd := func(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }
	want := Explanation{
		Entity: "acme",
		Score:  got.Score,
		Contributions: []Contribution{
			{Criterion: "industry", Kind: CriterionOneOf, Weight: dd("30"), Credit: pc("100"), Points: dd("30"), Outcome: OutcomeMatched, Reason: `industry "SaaS" is one of [saas, fintech, healthcare]`},
			{Criterion: "size", Kind: CriterionBands, Weight: dd("20"), Credit: pc("100"), Points: dd("20"), Outcome: OutcomeMatched, Reason: `employees 250 in band "mid": 100 points`},
			{Criterion: "growth", Kind: CriterionRange, Weight: dd("15"), Credit: pc("40"), Points: dd("6"), Outcome: OutcomePartial, Reason: "arr_growth 20 on a range from 0 (0%) to 50 (100%): 40%"},
			{Criterion: "stack", Kind: CriterionSetOverlap, Weight: dd("10"), Credit: pc("50"), Points: dd("5"), Outcome: OutcomePartial, Reason: "tech shares 1 of 3 wanted ([aws]), 2 needed for full credit"},
			{Criterion: "hiring", Kind: CriterionEquals, Weight: dd("10"), Credit: pc("100"), Points: dd("10"), Outcome: OutcomeMatched, Reason: "hiring is true (wanted true)"},
			{Criterion: "intent", Kind: CriterionPresent, Weight: dd("15"), Credit: pc("0"), Points: dd("0"), Outcome: OutcomeUnmatched, Reason: "intent is absent"},
			{Criterion: "sanctioned", Kind: CriterionOneOf, MustHave: true, Weight: dd("0"), Credit: pc("100"), Points: dd("0"), Outcome: OutcomeMatched, Reason: `country "US" is not one of [XX] (negated)`},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(got.Text(), "growth") || !strings.Contains(got.Markdown(), "| growth | partial |") {
		t.Errorf("renderings lack the growth row:\n%s\n%s", got.Text(), got.Markdown())
	}
}

// Three equal weights each earning a third: 33.333… × 3 truncates to 99.99
// hundredths in total (100 × 1/3 × 3 = 100 exactly, though), and the
// hundredths are shared by largest remainder.
func TestFitExplainLargestRemainder(t *testing.T) {
	def := Definition{
		Attributes: []AttributeDef{{Name: "a", Kind: AttributeBool}, {Name: "b", Kind: AttributeBool}, {Name: "c", Kind: AttributeBool}},
		Criteria: []CriterionDef{
			{ID: "a", Kind: CriterionEquals, Attribute: "a", Value: "true", Weight: fitD("1")},
			{ID: "b", Kind: CriterionEquals, Attribute: "b", Value: "true", Weight: fitD("1")},
			{ID: "c", Kind: CriterionEquals, Attribute: "c", Value: "true", Weight: fitD("1")},
		},
	}
	m, err := Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	e := fitEntity(t, m, "x", map[string]string{"a": "true", "b": "true", "c": "true"})
	x, err := m.Explain(&e)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range x.Contributions {
		got = append(got, fitFixed2(c.Points))
	}
	if diff := cmp.Diff([]string{"33.34", "33.33", "33.33"}, got); diff != "" {
		t.Errorf("points (-want +got):\n%s", diff)
	}
	if x.Score.String() != "100.00 (A)" {
		t.Errorf("score = %s, want 100.00 (A)", x.Score)
	}
}

func TestFitGrades(t *testing.T) {
	def := fitSampleDef()
	def.Grades = []GradeDef{{Grade: "hot", Min: fitD("70.5")}, {Grade: "warm", Min: fitD("30")}, {Grade: "cold", Min: fitD("0")}}
	m, err := Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		attrs map[string]string
		want  string
	}{
		{map[string]string{"industry": "SaaS", "employees": "250", "arr_growth": "20", "tech": "AWS", "country": "US", "hiring": "true"}, "71.00 (hot)"},
		{map[string]string{"industry": "SaaS", "country": "US", "arr_growth": "0"}, "30.00 (warm, coverage 60.00%)"},
		{map[string]string{"country": "US"}, "0.00 (cold, coverage 15.00%)"},
	}
	for _, tt := range tests {
		e := fitEntity(t, m, "e", tt.attrs)
		got, _ := m.Score(&e)
		if got.String() != tt.want {
			t.Errorf("Score(%v) = %s, want %s", tt.attrs, got, tt.want)
		}
	}
	if diff := cmp.Diff(def.Grades, m.Grades()); diff != "" {
		t.Errorf("Grades (-want +got):\n%s", diff)
	}
}

func TestCompileFitModelErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(d *Definition)
		paths []string
	}{
		{"negative weight", func(d *Definition) { d.Criteria[0].Weight = fitD("-1") }, []string{"criteria[industry].weight"}},
		{"all zero weights", func(d *Definition) {
			for i := range d.Criteria {
				d.Criteria[i].Weight = fitD("0")
			}
		}, []string{"criteria"}},
		{"overlapping bands", func(d *Definition) { d.Criteria[1].Bands[1].Min = fitDP("50") }, []string{"criteria[size].bands[mid]"}},
		{"open bands overlap", func(d *Definition) { d.Criteria[1].Bands[2].Min = nil }, []string{"criteria[size].bands[large]", "criteria[size].bands[large]"}},
		{"band min above max", func(d *Definition) { d.Criteria[1].Bands[1].Max = fitDP("10") }, []string{"criteria[size].bands[mid].max"}},
		{"points over 100", func(d *Definition) { d.Criteria[1].Bands[0].Points = fitD("101") }, []string{"criteria[size].bands[small].points"}},
		{"unknown kind", func(d *Definition) { d.Criteria[2].Kind = "fuzzy" }, []string{"criteria[growth].kind"}},
		{"unknown attribute", func(d *Definition) { d.Criteria[0].Attribute = "nope" }, []string{"criteria[industry].attribute"}},
		{"kind mismatch", func(d *Definition) { d.Criteria[1].Attribute = "industry" }, []string{"criteria[size].attribute"}},
		{"duplicate id", func(d *Definition) { d.Criteria[1].ID = "industry" }, []string{"criteria[1].id"}},
		{"grades unordered", func(d *Definition) {
			d.Grades = []GradeDef{{Grade: "A", Min: fitD("50")}, {Grade: "B", Min: fitD("60")}, {Grade: "C", Min: fitD("0")}}
		}, []string{"grades[B].min"}},
		{"lowest grade not 0", func(d *Definition) { d.Grades = []GradeDef{{Grade: "A", Min: fitD("50")}} }, []string{"grades[A].min"}},
		{"range from equals to", func(d *Definition) { d.Criteria[2].To = fitDP("0") }, []string{"criteria[growth].to"}},
		{"unbound predicate", func(d *Definition) {
			d.Criteria = append(d.Criteria, CriterionDef{ID: "p", Kind: CriterionPredicate, Predicate: "nope", Weight: fitD("1")})
		}, []string{"criteria[p].predicate"}},
		{"bad missing policy", func(d *Definition) { d.Criteria[0].Missing = "ignore" }, []string{"criteria[industry].missing"}},
		{"negate on bands", func(d *Definition) { d.Criteria[1].Negate = true }, []string{"criteria[size].negate"}},
		{"min overlap too high", func(d *Definition) { d.Criteria[3].MinOverlap = 9 }, []string{"criteria[stack].min_overlap"}},
		{"duplicate attribute", func(d *Definition) {
			d.Attributes = append(d.Attributes, AttributeDef{Name: "hiring", Kind: AttributeBool})
		}, []string{"attributes[7].name"}},
		{"bad attribute kind", func(d *Definition) { d.Attributes[6].Kind = "text" }, []string{"attributes[intent].kind", "criteria[intent].attribute"}},
		{"weight too precise", func(d *Definition) { d.Criteria[0].Weight = fitD("1.00001") }, []string{"criteria[industry].weight"}},
		{"no criteria", func(d *Definition) { d.Criteria = nil }, []string{"criteria"}},
		{"value_points problems", func(d *Definition) {
			d.Criteria[0] = CriterionDef{ID: "industry", Kind: CriterionValuePoints, Attribute: "industry", Weight: fitD("30"), Negate: true,
				Choices: []Choice{{"saas", fitD("100")}, {"SaaS", fitD("50")}, {"retail", fitD("101")}}}
		}, []string{"criteria[industry].negate", "criteria[industry].choices[SaaS].value", "criteria[industry].choices[retail].points"}},
		{"value_points on a number", func(d *Definition) {
			d.Criteria[0] = CriterionDef{ID: "industry", Kind: CriterionValuePoints, Attribute: "employees", Weight: fitD("30")}
		}, []string{"criteria[industry].choices", "criteria[industry].attribute"}},
		{"fields a kind needs", func(d *Definition) {
			d.Criteria = append(d.Criteria,
				CriterionDef{ID: "e", Kind: CriterionEquals, Weight: fitD("1")},
				CriterionDef{ID: "r", Kind: CriterionRange, Attribute: "employees", Weight: fitD("1"), From: fitDP("1")},
				CriterionDef{ID: "pr", Kind: CriterionPredicate, Weight: fitD("1")})
		}, []string{"criteria[e].attribute", "criteria[e].value", "criteria[r].to", "criteria[pr].predicate"}},
		// The audit's finding: a fixed-price-like criterion compiled with
		// the fields of another kind silently ignored them; every breach is
		// now reported.
		{"fields a kind ignores", func(d *Definition) {
			d.Criteria[0].Bands = []Band{{Points: fitD("1")}}
			d.Criteria[0].From = fitDP("1")
			d.Criteria[5].Missing = MissingNeutral
			d.Criteria = append(d.Criteria, CriterionDef{ID: "pr", Kind: CriterionPredicate, Predicate: "x", Attribute: "industry", Weight: fitD("1")})
		}, []string{"criteria[industry].bands", "criteria[industry].from", "criteria[intent].missing", "criteria[pr].attribute", "criteria[pr].predicate"}},
		{"hostile decimals", func(d *Definition) {
			d.Criteria[0].Weight = fence.Wrap(decimal.New(1, -3000000))
			d.Criteria[1].Bands[0].Points = fence.Wrap(decimal.New(0, -2147483648))
			d.MinCoverage = fence.Percent(decimal.New(1, -2147483648))
		}, []string{"criteria[industry].weight", "min_coverage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := fitSampleDef()
			tt.edit(&def)
			_, err := Compile(def)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("Compile error = %v, want ErrInvalid", err)
			}
			got := fitPaths(err)
			if diff := cmp.Diff(tt.paths, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestFitEntityErrors(t *testing.T) {
	m := fitSample(t)
	other := fitSample(t)
	e := m.NewEntity("e")
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"unknown attribute", e.SetString("nope", "x"), ErrUnknownAttribute},
		{"kind", e.SetString("employees", "x"), ErrAttributeKind},
		{"range fraction", e.SetNumber("employees", partnerops.MustDecimal("1.00001")), partnerops.ErrRange},
		{"range magnitude", e.SetInt("employees", 900_000_000_000_000), partnerops.ErrRange},
		{"text number", func() error {
			_, err := m.EntityFromAttributes("x", map[string]string{"employees": "many"})
			return err
		}(), ErrAttributeKind},
		{"text bool", func() error { _, err := m.EntityFromAttributes("x", map[string]string{"hiring": "maybe"}); return err }(), ErrAttributeKind},
		{"foreign", func() error { _, err := other.Score(&e); return err }(), ErrForeignEntity},
		{"foreign batch", func() error { _, err := other.ScoreBatch([]Entity{e}, BatchOptions{}); return err }(), ErrForeignEntity},
		{"zero entity", func() error { var z Entity; return z.SetBool("hiring", true) }(), ErrForeignEntity},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
}

func TestFitEntityAccessors(t *testing.T) {
	m := fitSample(t)
	e := fitEntity(t, m, "e", map[string]string{"industry": "SaaS", "employees": "12.5", "tech": "aws, dbt", "hiring": "false", "ignored": "x"})
	s, ok := e.String("industry")
	n, okN := e.Number("employees")
	b, okB := e.Bool("hiring")
	set, okS := e.Members("tech")
	if s != "SaaS" || !ok || !n.Equal(partnerops.MustDecimal("12.5")) || !okN || b || !okB || !slices.Equal(set, []string{"aws", "dbt"}) || !okS {
		t.Errorf("accessors = %q %t, %s %t, %t %t, %v %t", s, ok, n, okN, b, okB, set, okS)
	}
	fitMust(t, e.Clear("industry"))
	if e.Has("industry") || !e.Has("employees") {
		t.Errorf("Has after Clear: industry %t employees %t", e.Has("industry"), e.Has("employees"))
	}
	if _, ok := e.Number("industry"); ok {
		t.Error("Number on a string attribute reported ok")
	}
}

func TestFitPartnerEntity(t *testing.T) {
	def := Definition{
		Attributes: []AttributeDef{
			{Name: "type", Kind: AttributeString}, {Name: "motions", Kind: AttributeSet},
			{Name: "regions", Kind: AttributeSet}, {Name: "certified_engineers", Kind: AttributeNumber},
		},
		Criteria: []CriterionDef{
			{ID: "type", Kind: CriterionOneOf, Attribute: "type", Values: []string{"msp", "si"}, Weight: fitD("40")},
			{ID: "cosell", Kind: CriterionSetOverlap, Attribute: "motions", Values: []string{"co_sell"}, Weight: fitD("30")},
			{ID: "emea", Kind: CriterionSetOverlap, Attribute: "regions", Values: []string{"emea"}, Weight: fitD("10")},
			{ID: "engineers", Kind: CriterionRange, Attribute: "certified_engineers", From: fitDP("0"), To: fitDP("20"), Weight: fitD("20")},
		},
	}
	m, err := Compile(def)
	if err != nil {
		t.Fatal(err)
	}
	p := partnerops.Partner{ID: "p1", Type: partnerops.PartnerTypeMSP, Motions: []partnerops.Motion{partnerops.MotionCoSell},
		Regions: []partnerops.Region{"na"}, Attributes: map[string]string{"certified_engineers": "5"}}
	e, err := m.PartnerEntity(p)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := m.Score(&e)
	// 40 + 30 + 0 + 20 × 25% = 75.
	if got.String() != "75.00 (B)" || e.ID != "p1" {
		t.Errorf("Score(%s) = %s, want 75.00 (B)", e.ID, got)
	}
}

func TestFitScoreBatch(t *testing.T) {
	m := fitSample(t)
	var es []Entity
	for _, r := range []struct {
		id    string
		attrs map[string]string
	}{
		{"c", map[string]string{"industry": "saas", "country": "US", "arr_growth": "0"}},                                                                                // 30
		{"a", map[string]string{"industry": "saas", "country": "US", "arr_growth": "0"}},                                                                                // 30
		{"b", map[string]string{"industry": "saas", "employees": "500", "country": "US", "arr_growth": "0"}},                                                            // 50
		{"d", map[string]string{"industry": "saas"}},                                                                                                                    // disqualified
		{"e", map[string]string{"employees": "10", "country": "US", "arr_growth": "0"}},                                                                                 // 4
		{"f", map[string]string{"industry": "saas", "employees": "500", "hiring": "true", "intent": "x", "country": "US", "arr_growth": "0"}},                           // 75
		{"g", map[string]string{"industry": "saas", "employees": "500", "hiring": "true", "intent": "x", "tech": "aws,snowflake", "country": "US", "arr_growth": "60"}}, // 100
	} {
		es = append(es, fitEntity(t, m, r.id, r.attrs))
	}
	for _, workers := range []int{0, 1, 2, 3} {
		got, err := m.ScoreBatch(es, BatchOptions{TopN: 4, Workers: workers, Percentiles: []int{50, 90, 100}})
		if err != nil {
			t.Fatal(err)
		}
		var top []string
		for _, r := range got.Top {
			top = append(top, r.ID+" "+r.Score.String())
		}
		if diff := cmp.Diff([]string{"g 100.00 (A)", "f 75.00 (B, coverage 90.00%)", "b 50.00 (C, coverage 80.00%)", "a 30.00 (D, coverage 60.00%)"}, top); diff != "" {
			t.Errorf("workers %d: top (-want +got):\n%s", workers, diff)
		}
		d := func(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }
		want := Distribution{
			Total: 7, Qualified: 6, Disqualified: 1,
			Grades: []GradeCount{
				{Grade: "A", Count: 1, Share: partnerops.MustPercent("14.29")},
				{Grade: "B", Count: 1, Share: partnerops.MustPercent("14.29")},
				{Grade: "C", Count: 1, Share: partnerops.MustPercent("14.29")},
				{Grade: "D", Count: 3, Share: partnerops.MustPercent("42.86")},
			},
			// Scores 4, 30, 30, 50, 75, 100: p50 is the 3rd (30), p90 the 6th.
			Percentiles: []Percentile{{50, d("30")}, {90, d("100")}, {100, d("100")}},
			// (4 + 30 + 30 + 50 + 75 + 100) / 6 = 48.1666… → 48.17.
			Mean: d("48.17"), Min: d("4"), Max: d("100"),
		}
		if diff := cmp.Diff(want, got.Distribution); diff != "" {
			t.Errorf("workers %d: distribution (-want +got):\n%s", workers, diff)
		}
		if got.Scores[3].Disqualified != true || got.Scores[0].Hundredths() != 3000 {
			t.Errorf("workers %d: scores not in input order: %v", workers, got.Scores)
		}
	}
	if _, err := m.ScoreBatch(es, BatchOptions{Percentiles: []int{0}}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("percentile 0: error = %v, want ErrInvalid", err)
	}
	empty, err := m.ScoreBatch(nil, BatchOptions{})
	if err != nil || empty.Distribution.Total != 0 || len(empty.Top) != 0 {
		t.Errorf("empty batch = %+v, %v", empty, err)
	}
	if !strings.Contains(empty.Text(), "0 scored") {
		t.Errorf("Text = %q", empty.Text())
	}
}

func TestFitModelDefJSON(t *testing.T) {
	def := fitSampleDef()
	def.Grades = DefaultGrades()
	b, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	var back Definition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(def, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(b), `"min_overlap":2`) || !strings.Contains(string(b), `"weight":"30"`) {
		t.Errorf("JSON lacks snake_case fields or string decimals: %s", b)
	}
	m := fitSample(t)
	if diff := cmp.Diff(fitSampleDef(), m.Definition()); diff != "" {
		t.Errorf("Definition (-want +got):\n%s", diff)
	}
}

// Parallel scoring (which needs 1,024 entities per worker) gives the same
// batch as sequential scoring.
func TestFitScoreBatchWorkers(t *testing.T) {
	m, err := Compile(fitBenchDef())
	if err != nil {
		t.Fatal(err)
	}
	es := fitBenchEntities(t, m, 5000)
	seq, err := m.ScoreBatch(es, BatchOptions{TopN: 25})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 1000} {
		par, err := m.ScoreBatch(es, BatchOptions{TopN: 25, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(seq, par); diff != "" {
			t.Errorf("workers %d (-sequential +parallel):\n%s", w, diff)
		}
	}
	if seq.Distribution.Disqualified == 0 || seq.Distribution.Qualified == 0 {
		t.Errorf("distribution %+v: want both qualified and disqualified accounts", seq.Distribution)
	}
	other := fitSample(t)
	bad := append(slices.Clone(es), other.NewEntity("stranger"))
	if _, err := m.ScoreBatch(bad, BatchOptions{Workers: 2}); !errors.Is(err, ErrForeignEntity) {
		t.Errorf("foreign entity in a parallel batch: error = %v, want ErrForeignEntity", err)
	}
}

// Scoring allocates nothing (a deterministic gate for the hot path).
func TestFitScoreAllocs(t *testing.T) {
	m, err := Compile(fitBenchDef())
	if err != nil {
		t.Fatal(err)
	}
	es := fitBenchEntities(t, m, 64)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		fitSink, _ = m.Score(&es[i%64])
		i++
	})
	if allocs != 0 {
		t.Errorf("Score allocates %v times per call, want 0", allocs)
	}
}

func TestFitScoreJSON(t *testing.T) {
	m := fitSample(t)
	e := fitEntity(t, m, "acme", map[string]string{"industry": "SaaS", "employees": "250", "arr_growth": "20", "tech": "AWS, hubspot", "country": "US", "hiring": "true"})
	x, _ := m.Explain(&e)
	b, err := json.Marshal(x.Score)
	if err != nil || string(b) != `{"score":"71.00","grade":"B","coverage":"100.00"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	var back Score
	if err := json.Unmarshal(b, &back); err != nil || back != x.Score {
		t.Errorf("round trip = %v, %v; want %v", back, err, x.Score)
	}
	if err := json.Unmarshal([]byte(`{"score":"100.5"}`), &back); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("score 100.5: error = %v, want ErrRange", err)
	}
	c := e.Clone()
	fitMust(t, c.SetString("industry", "retail"))
	if s, _ := e.String("industry"); s != "SaaS" {
		t.Errorf("Clone shares storage: original industry = %q", s)
	}
}

func TestFitReasons(t *testing.T) {
	bands := []Band{{Label: "mid", Min: fitDP("100"), Max: fitDP("1000"), Points: fitD("100")}, {Min: fitDP("1000"), Points: fitD("50")}}
	tests := []struct {
		c       CriterionDef
		attrs   map[string]string
		outcome Outcome
		reason  string
	}{
		{CriterionDef{Kind: CriterionEquals, Attribute: "industry", Value: "retail", Negate: true}, map[string]string{"industry": "saas"},
			OutcomeMatched, `industry is "saas" (wanted not "retail")`},
		{CriterionDef{Kind: CriterionValuePoints, Attribute: "industry", Choices: []Choice{{"saas", fitD("75")}}}, map[string]string{"industry": "SaaS"},
			OutcomePartial, `industry "SaaS" earns 75 points`},
		{CriterionDef{Kind: CriterionValuePoints, Attribute: "industry", Choices: []Choice{{"saas", fitD("75")}}}, map[string]string{"industry": "mining"},
			OutcomeUnmatched, `industry "mining" is not a listed choice (0 points)`},
		{CriterionDef{Kind: CriterionBands, Attribute: "employees", Bands: bands}, map[string]string{"employees": "50"},
			OutcomeUnmatched, "employees 50 in no band"},
		{CriterionDef{Kind: CriterionBands, Attribute: "employees", Bands: bands}, map[string]string{"employees": "2000.5"},
			OutcomePartial, `employees 2000.5 in band "1000 and above": 50 points`},
		{CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}}, map[string]string{},
			OutcomeMissing, "industry missing: scored 0"},
		{CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}, Missing: MissingNeutral}, map[string]string{},
			OutcomeNeutral, "industry missing: left out (neutral)"},
		{CriterionDef{Kind: CriterionOneOf, Attribute: "industry", Values: []string{"saas"}, Missing: MissingDisqualify}, map[string]string{},
			OutcomeDisqualified, "industry missing: disqualifies"},
		{CriterionDef{Kind: CriterionPredicate, Predicate: "never"}, map[string]string{},
			OutcomeUnmatched, `predicate "never" does not hold`},
		{CriterionDef{Kind: CriterionPresent, Attribute: "tech", Negate: true}, map[string]string{},
			OutcomeMatched, "tech is absent (negated)"},
	}
	for _, tt := range tests {
		c := tt.c
		c.ID, c.Weight = "c", fitD("1")
		def := fitSampleDef()
		def.Criteria = []CriterionDef{c}
		m, err := Compile(def, WithPredicate("never", func(*Entity) bool { return false }))
		if err != nil {
			t.Fatal(err)
		}
		e := fitEntity(t, m, "e", tt.attrs)
		x, _ := m.Explain(&e)
		got := x.Contributions[0]
		if got.Outcome != tt.outcome || got.Reason != tt.reason {
			t.Errorf("%s %v: %s %q, want %s %q", c.Kind, tt.attrs, got.Outcome, got.Reason, tt.outcome, tt.reason)
		}
	}
}

func TestCompileFitModelLimits(t *testing.T) {
	many := make([]string, MaxVocabulary+1)
	for i := range many {
		many[i] = fmt.Sprintf("v%d", i)
	}
	def := fitSampleDef()
	def.Criteria[0].Values = many
	_, err := Compile(def)
	if diff := cmp.Diff([]string{fmt.Sprintf("criteria[industry].values[%d]", MaxVocabulary)}, fitPaths(err)); diff != "" {
		t.Errorf("vocabulary limit (-want +got):\n%s", diff)
	}
	def = fitSampleDef()
	for i := len(def.Criteria); i <= MaxCriteria; i++ {
		def.Criteria = append(def.Criteria, CriterionDef{ID: fmt.Sprintf("x%d", i), Kind: CriterionPresent, Attribute: "intent", Weight: fitD("1")})
	}
	_, err = Compile(def)
	if diff := cmp.Diff([]string{"criteria"}, fitPaths(err)); diff != "" {
		t.Errorf("criteria limit (-want +got):\n%s", diff)
	}
}
