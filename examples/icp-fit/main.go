// Command icp-fit walks through the strategy pillar: it scores accounts
// against an ideal customer profile and prints the best fits with their
// reasons, then looks at the partner side: an ideal partner profile,
// segments, motion readiness with the gaps enablement should close, and the
// competitive landscape. All data is in the program.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/partnerops/partnerops/examples/internal/chartdir"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy"
	"github.com/partnerops/partnerops/strategy/fit"
)

func d(s string) partnerops.Decimal   { return partnerops.MustDecimal(s) }
func dp(s string) *partnerops.Decimal { v := partnerops.MustDecimal(s); return &v }
func usd(s string) partnerops.Money   { return partnerops.MustMoney(s, partnerops.USD) }

func main() {
	flag.Parse() // -charts DIR writes the score distribution as SVG
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "icp-fit:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := accounts(); err != nil {
		return err
	}
	return partners()
}

// icp is a mid-market B2B SaaS ICP. Weights sum to 100, so a criterion's
// points read as its share of the score.
var icp = fit.Definition{
	Name: "mid-market ICP",
	Attributes: []fit.AttributeDef{
		{Name: "industry", Kind: fit.AttributeString, FoldCase: true},
		{Name: "employees", Kind: fit.AttributeNumber},
		{Name: "tech", Kind: fit.AttributeSet, FoldCase: true},
		{Name: "yoy_growth", Kind: fit.AttributeNumber},
		{Name: "intent", Kind: fit.AttributeString},
		{Name: "region", Kind: fit.AttributeString},
		{Name: "customer", Kind: fit.AttributeBool},
	},
	Criteria: []fit.CriterionDef{
		{ID: "industry", Label: "target industry", Kind: fit.CriterionValuePoints, Attribute: "industry", Weight: d("25"),
			Choices: []fit.Choice{{Value: "saas", Points: d("100")}, {Value: "fintech", Points: d("100")},
				{Value: "healthcare", Points: d("80")}, {Value: "logistics", Points: d("60")}}},
		{ID: "size", Label: "company size", Kind: fit.CriterionBands, Attribute: "employees", Weight: d("20"), Bands: []fit.Band{
			{Label: "small", Max: dp("200"), Points: d("30")},
			{Label: "mid-market", Min: dp("200"), Max: dp("2000"), Points: d("100")},
			{Label: "enterprise", Min: dp("2000"), Points: d("60")},
		}},
		{ID: "stack", Label: "tech stack fit", Kind: fit.CriterionSetOverlap, Attribute: "tech", Weight: d("20"),
			Values: []string{"aws", "snowflake", "salesforce", "segment"}, MinOverlap: 2},
		{ID: "growth", Label: "growth", Kind: fit.CriterionRange, Attribute: "yoy_growth", Weight: d("15"),
			From: dp("0"), To: dp("50"), Missing: fit.MissingNeutral},
		{ID: "intent", Label: "buying intent", Kind: fit.CriterionPresent, Attribute: "intent", Weight: d("10")},
		{ID: "region", Label: "served region", Kind: fit.CriterionOneOf, Attribute: "region", Weight: d("10"),
			Values: []string{"na", "emea"}, MustHave: true, Missing: fit.MissingDisqualify},
		{ID: "prospect", Label: "not yet a customer", Kind: fit.CriterionEquals, Attribute: "customer", Value: "false",
			MustHave: true, Missing: fit.MissingNeutral},
	},
}

var accountData = []struct {
	id    string
	attrs map[string]string
}{
	{"acme-analytics", map[string]string{"industry": "SaaS", "employees": "650", "tech": "aws, snowflake, segment", "yoy_growth": "42", "intent": "pricing page x3", "region": "na", "customer": "false"}},
	{"bluefin-pay", map[string]string{"industry": "fintech", "employees": "1200", "tech": "aws, salesforce", "yoy_growth": "18", "region": "emea"}},
	{"carecloud", map[string]string{"industry": "healthcare", "employees": "4200", "tech": "azure, salesforce", "yoy_growth": "9", "intent": "webinar", "region": "na"}},
	{"dockside", map[string]string{"industry": "logistics", "employees": "90", "tech": "aws", "region": "emea"}},
	{"evergreen-retail", map[string]string{"industry": "retail", "employees": "800", "tech": "gcp", "yoy_growth": "3", "region": "na"}},
	{"fjord-health", map[string]string{"industry": "healthcare", "employees": "350", "tech": "aws, snowflake", "yoy_growth": "25", "region": "apac"}},
	{"gridline", map[string]string{"industry": "saas", "employees": "300", "tech": "aws, snowflake", "yoy_growth": "60", "region": "na", "customer": "true"}},
	{"harbor-freight-tech", map[string]string{"industry": "logistics", "employees": "1500", "tech": "snowflake, segment", "intent": "demo request", "region": "na"}},
	{"ionic-labs", map[string]string{"industry": "SaaS", "employees": "220", "tech": "gcp, segment", "yoy_growth": "35", "region": "emea"}},
	{"juniper-bank", map[string]string{"industry": "fintech", "employees": "9000", "tech": "salesforce", "yoy_growth": "4", "region": "na"}},
}

func accounts() error {
	m, err := fit.Compile(icp)
	if err != nil {
		return err
	}
	entities := make([]fit.Entity, len(accountData))
	for i, a := range accountData {
		if entities[i], err = m.EntityFromAttributes(a.id, a.attrs); err != nil {
			return err
		}
	}
	batch, err := m.ScoreBatch(entities, fit.BatchOptions{TopN: 3})
	if err != nil {
		return err
	}
	if err := chartdir.Write("fit-distribution.svg", batch.SVG(m.Grades())); err != nil {
		return err
	}
	fmt.Println("== Account fit:", icp.Name)
	fmt.Print(batch.Text())
	fmt.Println()
	for _, top := range batch.Top {
		x, err := m.Explain(&entities[top.Index])
		if err != nil {
			return err
		}
		fmt.Print(x.Text())
		fmt.Println()
	}
	fmt.Println("Disqualified:")
	for i, s := range batch.Scores {
		if s.Disqualified {
			x, _ := m.Explain(&entities[i])
			fmt.Printf("  %s (by %v)\n", x.Entity, x.DisqualifiedBy)
		}
	}
	fmt.Println()
	return nil
}

var portfolio = []partnerops.Partner{
	{ID: "northwind", Name: "Northwind Cloud", Type: partnerops.PartnerTypeMSP, Tier: "gold",
		Motions: []partnerops.Motion{partnerops.MotionResell, partnerops.MotionServices}, Regions: []partnerops.Region{"na"},
		Attributes: map[string]string{"vertical": "healthcare", "certified_engineers": "14"}},
	{ID: "contoso", Name: "Contoso Consulting", Type: partnerops.PartnerTypeSI, Tier: "silver",
		Motions: []partnerops.Motion{partnerops.MotionCoSell}, Regions: []partnerops.Region{"emea"},
		Attributes: map[string]string{"vertical": "fintech", "certified_engineers": "6"}},
	{ID: "fabrikam", Name: "Fabrikam Resale", Type: partnerops.PartnerTypeReseller, Tier: "silver",
		Motions: []partnerops.Motion{partnerops.MotionResell}, Regions: []partnerops.Region{"na"},
		Attributes: map[string]string{"vertical": "retail", "certified_engineers": "1"}},
	{ID: "tailspin", Name: "Tailspin Partners", Type: partnerops.PartnerTypeReseller, Tier: "registered",
		Motions: []partnerops.Motion{partnerops.MotionResell, partnerops.MotionReferral}, Regions: []partnerops.Region{"emea"},
		Attributes: map[string]string{"vertical": "healthcare", "certified_engineers": "2"}},
}

func partners() error {
	// Ideal partner profile: the same engine, other attributes.
	ipp, err := fit.Compile(fit.Definition{
		Name: "ideal partner profile",
		Attributes: []fit.AttributeDef{
			{Name: "type", Kind: fit.AttributeString}, {Name: "motions", Kind: fit.AttributeSet},
			{Name: "vertical", Kind: fit.AttributeString}, {Name: "certified_engineers", Kind: fit.AttributeNumber},
		},
		Criteria: []fit.CriterionDef{
			{ID: "services-led", Kind: fit.CriterionOneOf, Attribute: "type", Weight: d("30"), Values: []string{"msp", "si"}},
			{ID: "co-sell or services", Kind: fit.CriterionSetOverlap, Attribute: "motions", Weight: d("20"), Values: []string{"co_sell", "services"}},
			{ID: "our verticals", Kind: fit.CriterionOneOf, Attribute: "vertical", Weight: d("20"), Values: []string{"healthcare", "fintech"}},
			{ID: "bench depth", Kind: fit.CriterionRange, Attribute: "certified_engineers", Weight: d("30"), From: dp("0"), To: dp("10")},
		},
	})
	if err != nil {
		return err
	}
	fmt.Println("== Partner fit: ideal partner profile")
	for _, p := range portfolio {
		e, err := ipp.PartnerEntity(p)
		if err != nil {
			return err
		}
		s, _ := ipp.Score(&e)
		fmt.Printf("  %-10s %s\n", p.ID, s)
	}
	fmt.Println()

	members := []strategy.SegmentMember{
		{Partner: portfolio[0], Revenue: usd("820000"), PriorRevenue: usd("610000"), Pipeline: usd("1400000")},
		{Partner: portfolio[1], Revenue: usd("390000"), PriorRevenue: usd("420000"), Pipeline: usd("950000")},
		{Partner: portfolio[2], Revenue: usd("240000"), PriorRevenue: usd("180000"), Pipeline: usd("300000")},
		{Partner: portfolio[3], Revenue: usd("50000"), PriorRevenue: usd("0"), Pipeline: usd("120000")},
	}
	rep, err := strategy.AnalyzeSegments(strategy.SegmentSpec{By: strategy.By("type"), Currency: partnerops.USD, TopN: 2}, members)
	if err != nil {
		return err
	}
	fmt.Println("== Segments")
	fmt.Print(rep.Text())
	fmt.Println()

	caps, err := strategy.CompileCapabilities(strategy.CapabilityFramework{
		Capabilities: []strategy.CapabilityDef{
			{ID: "platform", Name: "Platform delivery", Kind: strategy.CapabilityTechnical, Levels: []string{"foundational", "associate", "professional"}},
			{ID: "sales_cert", Name: "Sales certification", Kind: strategy.CapabilityCertification, Levels: []string{"certified"}, EvidenceRequired: true, ValidDays: 365},
			{ID: "healthcare", Name: "Healthcare practice", Kind: strategy.CapabilityVertical, Levels: []string{"emerging", "established"}},
		},
		Profiles: []strategy.RequirementProfile{
			{ID: "resell", Motion: partnerops.MotionResell, Requirements: []strategy.Requirement{
				{Capability: "sales_cert", MinLevel: "certified", MustHave: true},
				{Capability: "platform", MinLevel: "foundational"},
			}},
			{ID: "co_sell", Motion: partnerops.MotionCoSell, ReadyAt: partnerops.MustPercent("80"), Requirements: []strategy.Requirement{
				{Capability: "platform", MinLevel: "professional", Weight: d("3"), MustHave: true},
				{Capability: "healthcare", MinLevel: "emerging", Weight: d("1")},
			}},
		},
	})
	if err != nil {
		return err
	}
	at := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	assessed := [][]strategy.Assessment{
		{{Partner: "northwind", Capability: "platform", Level: "professional", AssessedAt: day(3, 1)},
			{Partner: "northwind", Capability: "sales_cert", Level: "certified", Evidence: "SC-1182", AssessedAt: day(1, 15)},
			{Partner: "northwind", Capability: "healthcare", Level: "established", AssessedAt: day(2, 1)}},
		{{Partner: "contoso", Capability: "platform", Level: "associate", AssessedAt: day(4, 10)},
			{Partner: "contoso", Capability: "sales_cert", Level: "certified", Evidence: "SC-2210", AssessedAt: day(5, 2)}},
		{{Partner: "fabrikam", Capability: "sales_cert", Level: "certified", AssessedAt: day(2, 20)}},
		{{Partner: "tailspin", Capability: "platform", Level: "foundational", AssessedAt: day(5, 5)},
			{Partner: "tailspin", Capability: "healthcare", Level: "emerging", AssessedAt: day(5, 5)}},
	}
	pcs := make([]strategy.PartnerCapabilities, len(portfolio))
	for i, p := range portfolio {
		pcs[i] = strategy.PartnerCapabilities{Partner: p, Assessments: assessed[i]}
	}
	cov, err := caps.Coverage(pcs, strategy.By("region"), at)
	if err != nil {
		return err
	}
	fmt.Println("== Motion readiness")
	for _, pr := range cov.Partners {
		fmt.Printf("  %-10s ready for %v\n", pr.Partner, pr.ReadyMotions)
	}
	fmt.Println()
	fmt.Print(cov.Text())
	fmt.Println()
	r, err := caps.Readiness("contoso", assessed[1], "co_sell", at)
	if err != nil {
		return err
	}
	fmt.Println("Gap list for enablement:")
	fmt.Print(r.Text())
	fmt.Println()

	land, err := strategy.AnalyzeCompetition(portfolio, []strategy.Affiliation{
		{Partner: "contoso", Competitor: "rivalsoft", Services: true, Certified: true, PracticeShare: partnerops.MustPercent("55")},
		{Partner: "fabrikam", Competitor: "rivalsoft", Sells: true, PracticeShare: partnerops.MustPercent("20")},
		{Partner: "fabrikam", Competitor: "megacorp", Sells: true, PracticeShare: partnerops.MustPercent("15")},
		{Partner: "tailspin", Competitor: "megacorp", Exclusive: true},
	}, strategy.LandscapeOptions{By: strategy.By("region")})
	if err != nil {
		return err
	}
	fmt.Println("== Competitive landscape")
	fmt.Print(land.Text())
	for _, s := range land.Partners {
		fmt.Printf("  %-10s %-9s %s\n", s.Partner, s.Stance, s.Reason)
	}
	return nil
}
