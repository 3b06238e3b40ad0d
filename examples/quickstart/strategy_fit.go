package main

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/fit"
)

// icpFit scores a handful of accounts against the ideal customer profile
// and prints the top fits with their reasons.
func icpFit() error {
	section("Strategy: the accounts that fit the ICP best")
	num := func(s string) *partnerops.Decimal { d := partnerops.MustDecimal(s); return &d }
	icp, err := fit.Compile(fit.Definition{
		Name: "mid-market ICP",
		Attributes: []fit.AttributeDef{
			{Name: "industry", Kind: fit.AttributeString, FoldCase: true},
			{Name: "employees", Kind: fit.AttributeNumber},
			{Name: "tech", Kind: fit.AttributeSet, FoldCase: true},
			{Name: "region", Kind: fit.AttributeString},
		},
		Criteria: []fit.CriterionDef{
			{ID: "industry", Kind: fit.CriterionOneOf, Attribute: "industry", Weight: partnerops.MustDecimal("40"), Values: []string{"saas", "fintech"}},
			{ID: "size", Kind: fit.CriterionRange, Attribute: "employees", Weight: partnerops.MustDecimal("30"), From: num("50"), To: num("1000")},
			{ID: "stack", Kind: fit.CriterionSetOverlap, Attribute: "tech", Weight: partnerops.MustDecimal("30"), Values: []string{"aws", "snowflake"}},
			{ID: "region", Kind: fit.CriterionOneOf, Attribute: "region", Values: []string{"na", "emea"}, MustHave: true, Missing: fit.MissingDisqualify},
		},
	})
	if err != nil {
		return err
	}
	sample := []struct {
		id    string
		attrs map[string]string
	}{
		{"acme", map[string]string{"industry": "SaaS", "employees": "420", "tech": "aws", "region": "na"}},
		{"globex", map[string]string{"industry": "retail", "employees": "5000", "tech": "aws, snowflake", "region": "emea"}},
		{"initech", map[string]string{"industry": "fintech", "employees": "1200", "tech": "snowflake, aws", "region": "emea"}},
		{"umbra", map[string]string{"industry": "saas", "employees": "300", "region": "apac"}},
	}
	accounts := make([]fit.Entity, 0, len(sample))
	for _, s := range sample {
		e, err := icp.EntityFromAttributes(s.id, s.attrs)
		if err != nil {
			return err
		}
		accounts = append(accounts, e)
	}
	batch, err := icp.ScoreBatch(accounts, fit.BatchOptions{TopN: 2})
	if err != nil {
		return err
	}
	fmt.Printf("%d accounts scored, %d disqualified; the top %d:\n", batch.Distribution.Total, batch.Distribution.Disqualified, len(batch.Top))
	for _, top := range batch.Top {
		x, err := icp.Explain(&accounts[top.Index])
		if err != nil {
			return err
		}
		fmt.Print(x.Text())
	}
	return nil
}
