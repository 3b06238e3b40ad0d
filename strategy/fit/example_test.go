package fit_test

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/fit"
)

func fitExDec(s string) partnerops.Decimal     { return partnerops.MustDecimal(s) }
func fitExDecPtr(s string) *partnerops.Decimal { v := partnerops.MustDecimal(s); return &v }

// icpModel is a mid-market ICP: weights 30 + 25 + 20 + 15 + 10 = 100.
func fitExICPModel() fit.Definition {
	return fit.Definition{
		Name: "mid-market ICP",
		Attributes: []fit.AttributeDef{
			{Name: "industry", Kind: fit.AttributeString, FoldCase: true},
			{Name: "employees", Kind: fit.AttributeNumber},
			{Name: "tech", Kind: fit.AttributeSet, FoldCase: true},
			{Name: "growth", Kind: fit.AttributeNumber},
			{Name: "intent", Kind: fit.AttributeString},
			{Name: "country", Kind: fit.AttributeString},
		},
		Criteria: []fit.CriterionDef{
			{ID: "industry", Kind: fit.CriterionOneOf, Attribute: "industry", Weight: fitExDec("30"),
				Values: []string{"saas", "fintech", "healthcare"}},
			{ID: "size", Kind: fit.CriterionBands, Attribute: "employees", Weight: fitExDec("25"), Bands: []fit.Band{
				{Label: "smb", Max: fitExDecPtr("200"), Points: fitExDec("40")},
				{Label: "mid-market", Min: fitExDecPtr("200"), Max: fitExDecPtr("2000"), Points: fitExDec("100")},
				{Label: "enterprise", Min: fitExDecPtr("2000"), Points: fitExDec("70")},
			}},
			{ID: "stack", Kind: fit.CriterionSetOverlap, Attribute: "tech", Weight: fitExDec("20"),
				Values: []string{"aws", "snowflake", "salesforce"}, MinOverlap: 2},
			{ID: "growth", Kind: fit.CriterionRange, Attribute: "growth", Weight: fitExDec("15"),
				From: fitExDecPtr("0"), To: fitExDecPtr("40"), Missing: fit.MissingNeutral},
			{ID: "intent", Kind: fit.CriterionPresent, Attribute: "intent", Weight: fitExDec("10")},
			{ID: "not_embargoed", Kind: fit.CriterionOneOf, Attribute: "country", MustHave: true, Negate: true,
				Values: []string{"XX"}, Missing: fit.MissingDisqualify},
		},
	}
}

func fitExEntity(m *fit.Model, id string, attrs map[string]string) fit.Entity {
	e, err := m.EntityFromAttributes(id, attrs)
	if err != nil {
		panic(err)
	}
	return e
}

// Compile reports every problem at once, naming criteria, bands and
// fields by their IDs.
func ExampleCompile() {
	def := fitExICPModel()
	def.Criteria[1].Bands[1].Min = fitExDecPtr("100") // now overlaps the smb band
	def.Criteria[0].Weight = fitExDec("-5")
	def.Criteria[3].Values = []string{"aws"} // range criteria take from and to, not values
	_, err := fit.Compile(def)
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// criteria[industry].weight: must be between 0 and 1000000 with at most 4 fraction digits (got "-5")
	// criteria[size].bands[mid-market]: overlaps band "smb"
	// criteria[growth].values: not used by range criteria; remove it
}

// A model whose neutral missing-data policy lets an account with most of
// its data missing score 100 compiles with a warning; min_coverage
// refuses such scores a grade.
func ExampleModel_Warnings() {
	def, err := fit.ParseDefinition([]byte(`{
	  "attributes": [
	    {"name": "industry", "kind": "string"},
	    {"name": "employees", "kind": "number"},
	    {"name": "growth", "kind": "number"}
	  ],
	  "criteria": [
	    {"id": "industry", "kind": "one_of", "attribute": "industry", "values": ["saas"], "weight": "30"},
	    {"id": "size", "kind": "range", "attribute": "employees", "from": "0", "to": "1000", "weight": "40", "missing": "neutral"},
	    {"id": "growth", "kind": "range", "attribute": "growth", "from": "0", "to": "50", "weight": "30", "missing": "neutral"}
	  ]
	}`))
	if err != nil {
		panic(err)
	}
	m, _ := fit.Compile(def)
	for _, w := range m.Warnings() {
		fmt.Println(w)
	}
	thin := fitExEntity(m, "thin", map[string]string{"industry": "saas"})
	s, _ := m.Score(&thin)
	fmt.Println(s)

	def.MinCoverage = partnerops.MustPercent("60")
	m, _ = fit.Compile(def)
	thin = fitExEntity(m, "thin", map[string]string{"industry": "saas"})
	s, _ = m.Score(&thin)
	fmt.Println(s, len(m.Warnings()))
	// Output:
	// criteria: an entity missing employees, growth (2 of 3 criteria, 70.00% of the weight, all missing "neutral") is scored on the other 30.00% of the weight and can reach 100; set min_coverage above 30.00% or give those criteria missing "zero"
	// 100.00 (A, coverage 30.00%)
	// 100.00 (low coverage 30.00%) 0
}

// ParseDefinition decodes strictly: a misspelled key is an error with its
// path (by criterion ID) and a suggestion, and a percent must be a string.
func ExampleParseDefinition() {
	_, err := fit.ParseDefinition([]byte(`{
	  "attributes": [{"name": "industry", "kind": "string"}],
	  "criteria": [{"id": "industry", "kind": "one_of", "attribute": "industry", "values": ["saas"], "weigth": "30"}],
	  "min_coverage": 0.6
	}`))
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// criteria[industry].weigth: unknown field; did you mean "weight"?
	// min_coverage: decoding percent 0.6: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
}

func ExampleModel_Score() {
	m, err := fit.Compile(fitExICPModel())
	if err != nil {
		panic(err)
	}
	e := m.NewEntity("acme")
	_ = e.SetString("industry", "SaaS")
	_ = e.SetInt("employees", 450)
	_ = e.SetMembers("tech", "AWS", "Snowflake")
	_ = e.SetString("country", "DE")
	s, err := m.Score(&e)
	if err != nil {
		panic(err)
	}
	// (30 + 25 + 20 + 0 intent) / 85, growth left out (neutral) = 88.235… → 88.23;
	// the account has data for 85 of the 100 weight points.
	fmt.Println(s, s.Decimal(), s.Coverage())
	// Output: 88.23 (A, coverage 85.00%) 88.23 85.00%
}

func ExampleModel_Explain() {
	m, _ := fit.Compile(fitExICPModel())
	e := fitExEntity(m, "globex", map[string]string{
		"industry": "retail", "employees": "5000", "tech": "aws, gcp", "growth": "10", "country": "US",
	})
	x, _ := m.Explain(&e)
	fmt.Print(x.Text())
	// Output:
	// globex: 31.25 (D)
	//   criterion             outcome    weight  credit  points  reason
	//   industry              unmatched  30      0%      0.00    industry "retail" is not one of [saas, fintech, healthcare]
	//   size                  partial    25      70%     17.50   employees 5000 in band "enterprise": 70 points
	//   stack                 partial    20      50%     10.00   tech shares 1 of 3 wanted ([aws]), 2 needed for full credit
	//   growth                partial    15      25%     3.75    growth 10 on a range from 0 (0%) to 40 (100%): 25%
	//   intent                unmatched  10      0%      0.00    intent is absent
	//   not_embargoed (must)  matched    0       100%    0.00    country "US" is not one of [XX] (negated)
}

func ExampleModel_ScoreBatch() {
	m, _ := fit.Compile(fitExICPModel())
	accounts := []fit.Entity{
		fitExEntity(m, "initech", map[string]string{"industry": "fintech", "employees": "800", "tech": "aws,salesforce", "growth": "40", "intent": "demo", "country": "US"}),
		fitExEntity(m, "hooli", map[string]string{"industry": "saas", "employees": "9000", "tech": "aws", "growth": "20", "country": "US"}),
		fitExEntity(m, "umbrella", map[string]string{"industry": "healthcare", "employees": "300", "country": "XX"}),
		fitExEntity(m, "vandelay", map[string]string{"industry": "retail", "employees": "50", "country": "US"}),
		fitExEntity(m, "acme", map[string]string{"industry": "saas", "employees": "9000", "tech": "aws", "growth": "20", "country": "DE"}),
	}
	b, err := m.ScoreBatch(accounts, fit.BatchOptions{TopN: 3})
	if err != nil {
		panic(err)
	}
	fmt.Print(b.Text())
	// Output:
	// 5 scored, 4 qualified, 1 disqualified; mean 60.44, min 11.76, max 100.00
	//   grade A          1  20.00%
	//   grade B          2  40.00%
	//   grade C          0  0.00%
	//   grade D          1  20.00%
	//   p10 11.76, p25 11.76, p50 65.00, p75 65.00, p90 100.00
	//   #1 initech 100.00 (A)
	//   #2 acme 65.00 (B)
	//   #3 hooli 65.00 (B)
}

func ExampleModel_PartnerEntity() {
	// An ideal partner profile over partner fields and host attributes.
	m, _ := fit.Compile(fit.Definition{
		Attributes: []fit.AttributeDef{
			{Name: "type", Kind: fit.AttributeString},
			{Name: "motions", Kind: fit.AttributeSet},
			{Name: "certified_engineers", Kind: fit.AttributeNumber},
		},
		Criteria: []fit.CriterionDef{
			{ID: "type", Kind: fit.CriterionOneOf, Attribute: "type", Weight: fitExDec("40"), Values: []string{"msp", "si"}},
			{ID: "co_sell", Kind: fit.CriterionSetOverlap, Attribute: "motions", Weight: fitExDec("30"), Values: []string{"co_sell"}},
			{ID: "engineers", Kind: fit.CriterionRange, Attribute: "certified_engineers", Weight: fitExDec("30"), From: fitExDecPtr("0"), To: fitExDecPtr("10")},
		},
	})
	p := partnerops.Partner{ID: "northwind", Type: partnerops.PartnerTypeMSP,
		Motions: []partnerops.Motion{partnerops.MotionResell}, Attributes: map[string]string{"certified_engineers": "4"}}
	e, _ := m.PartnerEntity(p)
	s, _ := m.Score(&e)
	fmt.Println(e.ID, s) // 40 + 0 + 30 × 40% = 52
	// Output: northwind 52.00 (C)
}

func ExampleWithPredicate() {
	// A host rule that data cannot express, bound by name at compile time.
	def := fit.Definition{
		Attributes: []fit.AttributeDef{{Name: "domain", Kind: fit.AttributeString}},
		Criteria: []fit.CriterionDef{
			{ID: "not_a_customer", Kind: fit.CriterionPredicate, Predicate: "prospect", Weight: fitExDec("1"), MustHave: true},
			{ID: "corporate_domain", Kind: fit.CriterionPresent, Attribute: "domain", Weight: fitExDec("1")},
		},
	}
	customers := map[string]bool{"acme": true}
	m, err := fit.Compile(def, fit.WithPredicate("prospect", func(e *fit.Entity) bool {
		return !customers[e.ID]
	}))
	if err != nil {
		panic(err)
	}
	for _, id := range []string{"acme", "globex"} {
		e := fitExEntity(m, id, map[string]string{"domain": id + ".com"})
		s, _ := m.Score(&e)
		fmt.Println(id, s)
	}
	// Output:
	// acme 0.00 (D, disqualified)
	// globex 100.00 (A)
}

// Example_icpFromJSON loads a fit model stored as JSON by the host, scores
// accounts and prints the best fits with their reasons.
func Example_icpFromJSON() {
	stored := `{
	  "name": "fintech ICP",
	  "attributes": [
	    {"name": "industry", "kind": "string"},
	    {"name": "arr", "kind": "number"},
	    {"name": "uses_competitor", "kind": "bool"}
	  ],
	  "criteria": [
	    {"id": "fintech", "kind": "equals", "attribute": "industry", "value": "fintech", "weight": "50", "must_have": true},
	    {"id": "arr", "kind": "bands", "attribute": "arr", "weight": "30", "bands": [
	      {"label": "< 10M", "max": "10000000", "points": "25"},
	      {"label": "10M+", "min": "10000000", "points": "100"}]},
	    {"id": "displace", "kind": "equals", "attribute": "uses_competitor", "value": "true", "weight": "20", "missing": "neutral"}
	  ],
	  "grades": [{"grade": "hot", "min": "75"}, {"grade": "warm", "min": "50"}, {"grade": "cold", "min": "0"}]
	}`
	def, err := fit.ParseDefinition([]byte(stored))
	if err != nil {
		panic(err)
	}
	m, err := fit.Compile(def)
	if err != nil {
		panic(err)
	}
	accounts := []fit.Entity{
		fitExEntity(m, "ledgerly", map[string]string{"industry": "fintech", "arr": "25000000", "uses_competitor": "true"}),
		fitExEntity(m, "paywise", map[string]string{"industry": "fintech", "arr": "4000000"}),
		fitExEntity(m, "shopco", map[string]string{"industry": "retail", "arr": "90000000", "uses_competitor": "true"}),
	}
	batch, _ := m.ScoreBatch(accounts, fit.BatchOptions{TopN: 2})
	for _, top := range batch.Top {
		x, _ := m.Explain(&accounts[top.Index])
		fmt.Printf("#%d %s %s\n", top.Rank, top.ID, top.Score)
		for _, c := range x.Contributions {
			fmt.Printf("   %-8s %5s  %s\n", c.Criterion, c.Points.String(), c.Reason)
		}
	}
	// Output:
	// #1 ledgerly 100.00 (hot)
	//    fintech  50.00  industry is "fintech" (wanted "fintech")
	//    arr      30.00  arr 25000000 in band "10M+": 100 points
	//    displace 20.00  uses_competitor is true (wanted true)
	// #2 paywise 71.87 (warm, coverage 80.00%)
	//    fintech  62.50  industry is "fintech" (wanted "fintech")
	//    arr       9.37  arr 4000000 in band "< 10M": 25 points
	//    displace  0.00  uses_competitor missing: left out (neutral)
}
