package fit

import (
	"testing"

	"github.com/partnerops/partnerops"
)

func fitD(s string) partnerops.Decimal   { return partnerops.MustDecimal(s) }
func fitDP(s string) *partnerops.Decimal { d := partnerops.MustDecimal(s); return &d }

// fitSampleDef is an account ICP: weights 30+20+15+10+10+15 = 100, so a
// criterion's points equal weight × credit.
func fitSampleDef() Definition {
	return Definition{
		Name: "mid-market saas ICP",
		Attributes: []AttributeDef{
			{Name: "industry", Kind: AttributeString, FoldCase: true},
			{Name: "employees", Kind: AttributeNumber},
			{Name: "arr_growth", Kind: AttributeNumber},
			{Name: "tech", Kind: AttributeSet, FoldCase: true},
			{Name: "country", Kind: AttributeString},
			{Name: "hiring", Kind: AttributeBool},
			{Name: "intent", Kind: AttributeString},
		},
		Criteria: []CriterionDef{
			{ID: "industry", Kind: CriterionOneOf, Attribute: "industry", Weight: fitD("30"), Values: []string{"saas", "fintech", "healthcare"}},
			{ID: "size", Kind: CriterionBands, Attribute: "employees", Weight: fitD("20"), Bands: []Band{
				{Label: "small", Max: fitDP("100"), Points: fitD("20")},
				{Label: "mid", Min: fitDP("100"), Max: fitDP("1000"), Points: fitD("100")},
				{Label: "large", Min: fitDP("1000"), Points: fitD("60")},
			}},
			{ID: "growth", Kind: CriterionRange, Attribute: "arr_growth", Weight: fitD("15"), From: fitDP("0"), To: fitDP("50"), Missing: MissingNeutral},
			{ID: "stack", Kind: CriterionSetOverlap, Attribute: "tech", Weight: fitD("10"), Values: []string{"aws", "snowflake", "salesforce"}, MinOverlap: 2},
			{ID: "hiring", Kind: CriterionEquals, Attribute: "hiring", Weight: fitD("10"), Value: "true"},
			{ID: "intent", Kind: CriterionPresent, Attribute: "intent", Weight: fitD("15")},
			{ID: "sanctioned", Kind: CriterionOneOf, Attribute: "country", Weight: fitD("0"), MustHave: true, Negate: true, Values: []string{"XX"}, Missing: MissingDisqualify},
		},
	}
}

func fitSample(t testing.TB) *Model {
	t.Helper()
	m, err := Compile(fitSampleDef())
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return m
}

func fitEntity(t testing.TB, m *Model, id string, attrs map[string]string) Entity {
	t.Helper()
	e, err := m.EntityFromAttributes(id, attrs)
	if err != nil {
		t.Fatalf("EntityFromAttributes(%q): %v", id, err)
	}
	return e
}

// fitPaths lists the field paths of the validation errors inside err.
func fitPaths(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Path)
	}
	return out
}
