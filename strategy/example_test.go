package strategy_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy"
)

func fitExDec(s string) partnerops.Decimal     { return partnerops.MustDecimal(s) }
func fitExDecPtr(s string) *partnerops.Decimal { v := partnerops.MustDecimal(s); return &v }

// icpModel is a mid-market ICP: weights 30 + 25 + 20 + 15 + 10 = 100.
func fitExICPModel() strategy.FitModelDef {
	return strategy.FitModelDef{
		Name: "mid-market ICP",
		Attributes: []strategy.AttributeDef{
			{Name: "industry", Kind: strategy.AttributeString, FoldCase: true},
			{Name: "employees", Kind: strategy.AttributeNumber},
			{Name: "tech", Kind: strategy.AttributeSet, FoldCase: true},
			{Name: "growth", Kind: strategy.AttributeNumber},
			{Name: "intent", Kind: strategy.AttributeString},
			{Name: "country", Kind: strategy.AttributeString},
		},
		Criteria: []strategy.CriterionDef{
			{ID: "industry", Kind: strategy.CriterionOneOf, Attribute: "industry", Weight: fitExDec("30"),
				Values: []string{"saas", "fintech", "healthcare"}},
			{ID: "size", Kind: strategy.CriterionBands, Attribute: "employees", Weight: fitExDec("25"), Bands: []strategy.Band{
				{Label: "smb", Max: fitExDecPtr("200"), Points: fitExDec("40")},
				{Label: "mid-market", Min: fitExDecPtr("200"), Max: fitExDecPtr("2000"), Points: fitExDec("100")},
				{Label: "enterprise", Min: fitExDecPtr("2000"), Points: fitExDec("70")},
			}},
			{ID: "stack", Kind: strategy.CriterionSetOverlap, Attribute: "tech", Weight: fitExDec("20"),
				Values: []string{"aws", "snowflake", "salesforce"}, MinOverlap: 2},
			{ID: "growth", Kind: strategy.CriterionRange, Attribute: "growth", Weight: fitExDec("15"),
				From: fitExDecPtr("0"), To: fitExDecPtr("40"), Missing: strategy.MissingNeutral},
			{ID: "intent", Kind: strategy.CriterionPresent, Attribute: "intent", Weight: fitExDec("10")},
			{ID: "not_embargoed", Kind: strategy.CriterionOneOf, Attribute: "country", MustHave: true, Negate: true,
				Values: []string{"XX"}, Missing: strategy.MissingDisqualify},
		},
	}
}

func fitExEntity(m *strategy.FitModel, id string, attrs map[string]string) strategy.Entity {
	e, err := m.EntityFromAttributes(id, attrs)
	if err != nil {
		panic(err)
	}
	return e
}

func ExampleCompileFitModel() {
	def := fitExICPModel()
	def.Criteria[1].Bands[1].Min = fitExDecPtr("100") // now overlaps the smb band
	def.Criteria[0].Weight = fitExDec("-5")
	_, err := strategy.CompileFitModel(def)
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// criteria[0].weight: must be between 0 and 1000000 with at most 4 fraction digits (got "-5")
	// criteria[1].bands[1]: overlaps band 0
}

func ExampleFitModel_Score() {
	m, err := strategy.CompileFitModel(fitExICPModel())
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
	// (30 + 25 + 20 + 0 intent) / 85, growth left out (neutral) = 88.235… → 88.23.
	fmt.Println(s, s.Decimal())
	// Output: 88.23 (A) 88.23
}

func ExampleFitModel_Explain() {
	m, _ := strategy.CompileFitModel(fitExICPModel())
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

func ExampleFitModel_ScoreBatch() {
	m, _ := strategy.CompileFitModel(fitExICPModel())
	accounts := []strategy.Entity{
		fitExEntity(m, "initech", map[string]string{"industry": "fintech", "employees": "800", "tech": "aws,salesforce", "growth": "40", "intent": "demo", "country": "US"}),
		fitExEntity(m, "hooli", map[string]string{"industry": "saas", "employees": "9000", "tech": "aws", "growth": "20", "country": "US"}),
		fitExEntity(m, "umbrella", map[string]string{"industry": "healthcare", "employees": "300", "country": "XX"}),
		fitExEntity(m, "vandelay", map[string]string{"industry": "retail", "employees": "50", "country": "US"}),
		fitExEntity(m, "acme", map[string]string{"industry": "saas", "employees": "9000", "tech": "aws", "growth": "20", "country": "DE"}),
	}
	b, err := m.ScoreBatch(accounts, strategy.FitBatchOptions{TopN: 3})
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

func ExampleFitModel_PartnerEntity() {
	// An ideal partner profile over partner fields and host attributes.
	m, _ := strategy.CompileFitModel(strategy.FitModelDef{
		Attributes: []strategy.AttributeDef{
			{Name: "type", Kind: strategy.AttributeString},
			{Name: "motions", Kind: strategy.AttributeSet},
			{Name: "certified_engineers", Kind: strategy.AttributeNumber},
		},
		Criteria: []strategy.CriterionDef{
			{ID: "type", Kind: strategy.CriterionOneOf, Attribute: "type", Weight: fitExDec("40"), Values: []string{"msp", "si"}},
			{ID: "co_sell", Kind: strategy.CriterionSetOverlap, Attribute: "motions", Weight: fitExDec("30"), Values: []string{"co_sell"}},
			{ID: "engineers", Kind: strategy.CriterionRange, Attribute: "certified_engineers", Weight: fitExDec("30"), From: fitExDecPtr("0"), To: fitExDecPtr("10")},
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
	def := strategy.FitModelDef{
		Attributes: []strategy.AttributeDef{{Name: "domain", Kind: strategy.AttributeString}},
		Criteria: []strategy.CriterionDef{
			{ID: "not_a_customer", Kind: strategy.CriterionPredicate, Predicate: "prospect", Weight: fitExDec("1"), MustHave: true},
			{ID: "corporate_domain", Kind: strategy.CriterionPresent, Attribute: "domain", Weight: fitExDec("1")},
		},
	}
	customers := map[string]bool{"acme": true}
	m, err := strategy.CompileFitModel(def, strategy.WithPredicate("prospect", func(e *strategy.Entity) bool {
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

func ExampleAnalyzeSegments() {
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	member := func(id string, t partnerops.PartnerType, rev, prior string) strategy.SegmentMember {
		return strategy.SegmentMember{Partner: partnerops.Partner{ID: partnerops.PartnerID(id), Type: t},
			Revenue: usd(rev), PriorRevenue: usd(prior), Pipeline: usd("0")}
	}
	rep, err := strategy.AnalyzeSegments(strategy.SegmentSpec{By: strategy.By("type"), Currency: partnerops.USD, TopN: 2},
		[]strategy.SegmentMember{
			member("p1", partnerops.PartnerTypeReseller, "500000", "400000"),
			member("p2", partnerops.PartnerTypeReseller, "300000", "200000"),
			member("p3", partnerops.PartnerTypeMSP, "150000", "200000"),
			member("p4", partnerops.PartnerTypeMSP, "50000", "0"),
		})
	if err != nil {
		panic(err)
	}
	fmt.Print(rep.Text())
	// Output:
	// segments by type (USD)
	//   type      partners  revenue         share    growth  pipeline  top 2    HHI      pareto
	//   reseller  2         800000.00 USD   80.00%   33.33%  0.00 USD  100.00%  5312.50  2 (100.00%)
	//   msp       2         200000.00 USD   20.00%   0.00%   0.00 USD  100.00%  6250.00  2 (100.00%)
	//   total     4         1000000.00 USD  100.00%  25.00%  0.00 USD  80.00%   3650.00  2 (50.00%)
}

func ExampleSegmentMembersFromRecords() {
	var cal partnerops.Calendar
	q2 := cal.Quarter(fitExDate("2026-05-15"))
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	partners := []partnerops.Partner{{ID: "p1", Tier: "gold"}, {ID: "p2", Tier: "silver"}}
	members, err := strategy.SegmentMembersFromRecords(partners, []strategy.SegmentRecord{
		{Partner: "p1", At: fitExDate("2026-04-20"), Amount: usd("120000")},
		{Partner: "p1", At: fitExDate("2026-02-10"), Amount: usd("90000")},
		{Partner: "p2", At: fitExDate("2026-05-02"), Amount: usd("30000")},
		{Partner: "p2", At: fitExDate("2026-03-15"), Amount: usd("40000")},
		{Partner: "p2", At: fitExDate("2026-08-01"), Amount: usd("75000"), Pipeline: true},
	}, q2, q2.Previous(), partnerops.USD)
	if err != nil {
		panic(err)
	}
	rep, _ := strategy.AnalyzeSegments(strategy.SegmentSpec{By: strategy.By("tier"), Currency: partnerops.USD,
		Current: q2, Prior: q2.Previous()}, members)
	fmt.Println(rep.Text()[:strings.Index(rep.Text(), "\n")])
	for _, s := range rep.Segments {
		fmt.Printf("%s: %s vs %s, growth %s, pipeline %s\n", s.Key[0], s.Revenue.StringFixed(), s.PriorRevenue.StringFixed(), s.Growth, s.Pipeline.StringFixed())
	}
	// Output:
	// segments by tier (USD), 2026-04-01..2026-07-01 (quarter) vs 2026-01-01..2026-04-01 (quarter)
	// gold: 120000.00 USD vs 90000.00 USD, growth 33.33%, pipeline 0.00 USD
	// silver: 30000.00 USD vs 40000.00 USD, growth -25.00%, pipeline 75000.00 USD
}

func fitExCapFramework() strategy.CapabilityFramework {
	return strategy.CapabilityFramework{
		Capabilities: []strategy.CapabilityDef{
			{ID: "aws", Kind: strategy.CapabilityTechnical, Levels: []string{"foundational", "associate", "professional"}},
			{ID: "sales_cert", Kind: strategy.CapabilityCertification, Levels: []string{"certified"}, EvidenceRequired: true, ValidDays: 365},
			{ID: "healthcare", Kind: strategy.CapabilityVertical, Levels: []string{"some", "deep"}},
		},
		Profiles: []strategy.RequirementProfile{
			{ID: "resell", Motion: partnerops.MotionResell, Requirements: []strategy.Requirement{
				{Capability: "sales_cert", MinLevel: "certified", MustHave: true},
				{Capability: "aws", MinLevel: "associate"},
			}},
			{ID: "co_sell", Motion: partnerops.MotionCoSell, ReadyAt: partnerops.MustPercent("75"), Requirements: []strategy.Requirement{
				{Capability: "aws", MinLevel: "professional", Weight: fitExDec("3")},
				{Capability: "healthcare", MinLevel: "some"},
			}},
		},
	}
}

func fitExDate(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func ExampleCapabilityEngine_Readiness() {
	e, err := strategy.CompileCapabilities(fitExCapFramework())
	if err != nil {
		panic(err)
	}
	assessments := []strategy.Assessment{
		{Partner: "northwind", Capability: "aws", Level: "associate", AssessedAt: fitExDate("2026-03-01")},
		{Partner: "northwind", Capability: "sales_cert", Level: "certified", AssessedAt: fitExDate("2026-02-01")}, // no evidence
	}
	r, _ := e.Readiness("northwind", assessments, "co_sell", fitExDate("2026-06-01"))
	// (3 × 2/3 + 1 × 0) / 4 = 50%.
	fmt.Print(r.Text())
	r, _ = e.Readiness("northwind", assessments, "resell", fitExDate("2026-06-01"))
	fmt.Print(r.Text())
	// Output:
	// northwind for co_sell (co_sell): 50.00%, not ready
	//   capability  current    required      short by  must  weight  status
	//   aws         associate  professional  1               3       assessed
	//   healthcare  -          some          1               1       unassessed
	// northwind for resell (resell): 50.00%, not ready
	//   capability  current  required   short by  must  weight  status
	//   sales_cert  -        certified  1         yes   1       no_evidence
}

func ExampleCompileCapabilities() {
	fw := fitExCapFramework()
	fw.Profiles[0].Requirements[1].MinLevel = "expert" // not a level of aws
	fw.Capabilities[2].Kind = "charisma"
	_, err := strategy.CompileCapabilities(fw)
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// capabilities[2].kind: must be technical, sales, services, vertical, regional or certification (got "charisma")
	// profiles[0].requirements[1].min_level: not a level of "aws" (got "expert")
}

func ExampleCapabilityEngine_Evaluate() {
	e, _ := strategy.CompileCapabilities(fitExCapFramework())
	p := partnerops.Partner{ID: "contoso", Type: partnerops.PartnerTypeSI}
	pr, err := e.Evaluate(p, []strategy.Assessment{
		{Partner: "contoso", Capability: "aws", Level: "professional", AssessedAt: fitExDate("2026-04-01")},
		{Partner: "contoso", Capability: "sales_cert", Level: "certified", Evidence: "CERT-77", AssessedAt: fitExDate("2025-03-01")},
	}, fitExDate("2026-06-01"))
	if err != nil {
		panic(err)
	}
	for _, lv := range pr.Levels {
		fmt.Printf("%-10s %-12s %s\n", lv.Capability, lv.Level, lv.Status)
	}
	for _, r := range pr.Profiles {
		fmt.Printf("%s: %s ready=%t\n", r.Profile, r.Score, r.Ready)
	}
	fmt.Println("ready for:", pr.ReadyMotions)
	// Output:
	// aws        professional assessed
	// sales_cert              stale
	// healthcare              unassessed
	// resell: 50.00% ready=false
	// co_sell: 75.00% ready=true
	// ready for: [co_sell]
}

func ExampleCapabilityEngine_Coverage() {
	e, _ := strategy.CompileCapabilities(fitExCapFramework())
	at := fitExDate("2026-06-01")
	portfolio := []strategy.PartnerCapabilities{
		{Partner: partnerops.Partner{ID: "p1", Regions: []partnerops.Region{"na"}}, Assessments: []strategy.Assessment{
			{Partner: "p1", Capability: "aws", Level: "professional", AssessedAt: fitExDate("2026-01-01")},
			{Partner: "p1", Capability: "healthcare", Level: "deep", AssessedAt: fitExDate("2026-01-01")},
			{Partner: "p1", Capability: "sales_cert", Level: "certified", Evidence: "C-1", AssessedAt: fitExDate("2026-01-01")},
		}},
		{Partner: partnerops.Partner{ID: "p2", Regions: []partnerops.Region{"emea"}}, Assessments: []strategy.Assessment{
			{Partner: "p2", Capability: "aws", Level: "associate", AssessedAt: fitExDate("2026-01-01")},
		}},
	}
	cov, err := e.Coverage(portfolio, strategy.By("region"), at)
	if err != nil {
		panic(err)
	}
	fmt.Print(cov.Text())
	for _, r := range cov.Uncovered() {
		fmt.Printf("no partner ready for %s in %v\n", r.Motion, r.Key)
	}
	// Output:
	// motion coverage by region
	//   motion   region  partners  ready  coverage  avg readiness
	//   resell   emea    1         0      0.00%     50.00%
	//   resell   na      1         1      100.00%   100.00%
	//   resell   total   2         1      50.00%    75.00%
	//   co_sell  emea    1         0      0.00%     50.00%
	//   co_sell  na      1         1      100.00%   100.00%
	//   co_sell  total   2         1      50.00%    75.00%
	// no partner ready for resell in [emea]
	// no partner ready for co_sell in [emea]
}

func ExampleAnalyzeMotionMix() {
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	deals := []strategy.MotionDeal{
		{ID: "d1", Partner: "p1", Motion: partnerops.MotionResell, Status: strategy.MotionDealWon, Amount: usd("120000")},
		{ID: "d2", Partner: "p2", Motion: partnerops.MotionCoSell, Status: strategy.MotionDealWon, Amount: usd("80000")},
		{ID: "d3", Partner: "p2", Motion: partnerops.MotionResell, Status: strategy.MotionDealOpen, Amount: usd("60000")},
	}
	// p2 is ready for co-sell only: its resell pipeline shows as unready.
	ready := []strategy.PartnerReadiness{
		{Partner: "p1", ReadyMotions: []partnerops.Motion{partnerops.MotionResell}},
		{Partner: "p2", ReadyMotions: []partnerops.Motion{partnerops.MotionCoSell}},
	}
	mix, err := strategy.AnalyzeMotionMix(deals, partnerops.USD, ready)
	if err != nil {
		panic(err)
	}
	fmt.Print(mix.Text())
	fmt.Println("unready resell pipeline:", mix.Rows[0].UnreadyPipeline.StringFixed())
	// Output:
	// motion mix: revenue 200000.00 USD, pipeline 60000.00 USD
	//   motion   won  revenue        share   open  pipeline      share    partners  unready revenue
	//   resell   1    120000.00 USD  60.00%  1     60000.00 USD  100.00%  2         0.00 USD
	//   co_sell  1    80000.00 USD   40.00%  0     0.00 USD      0.00%    1         0.00 USD
	// unready resell pipeline: 60000.00 USD
}

func ExampleAnalyzeCompetition() {
	partners := []partnerops.Partner{{ID: "p1", Type: "reseller"}, {ID: "p2", Type: "reseller"}, {ID: "p3", Type: "si"}}
	affs := []strategy.Affiliation{
		{Partner: "p2", Competitor: "rivalsoft", Sells: true, PracticeShare: partnerops.MustPercent("30")},
		{Partner: "p3", Competitor: "rivalsoft", Services: true, Certified: true, PracticeShare: partnerops.MustPercent("65")},
	}
	l, err := strategy.AnalyzeCompetition(partners, affs, strategy.LandscapeOptions{By: strategy.By("type")})
	if err != nil {
		panic(err)
	}
	fmt.Print(l.Text())
	for _, p := range l.Partners {
		fmt.Printf("%s: %s (%s)\n", p.Partner, p.Stance, p.Reason)
	}
	// Output:
	// competitive landscape: 1 exclusive to us, 1 shared, 1 leaning away
	//   competitor  partners  share   sells  services  certified  exclusive  leaning  avg practice
	//   rivalsoft   2         66.67%  1      1         1          0          1        47.50%
	// p1: exclusive (no competitor affiliation)
	// p2: shared (also works with rivalsoft; our share 70% is the largest)
	// p3: leaning (rivalsoft holds 65% of the practice, ours 35%)
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
	var def strategy.FitModelDef
	if err := json.Unmarshal([]byte(stored), &def); err != nil {
		panic(err)
	}
	m, err := strategy.CompileFitModel(def)
	if err != nil {
		panic(err)
	}
	accounts := []strategy.Entity{
		fitExEntity(m, "ledgerly", map[string]string{"industry": "fintech", "arr": "25000000", "uses_competitor": "true"}),
		fitExEntity(m, "paywise", map[string]string{"industry": "fintech", "arr": "4000000"}),
		fitExEntity(m, "shopco", map[string]string{"industry": "retail", "arr": "90000000", "uses_competitor": "true"}),
	}
	batch, _ := m.ScoreBatch(accounts, strategy.FitBatchOptions{TopN: 2})
	for _, top := range batch.Top {
		x, _ := m.Explain(&accounts[top.Index])
		fmt.Printf("#%d %s %s\n", top.Rank, top.ID, top.Score)
		for _, c := range x.Contributions {
			fmt.Printf("   %-8s %5s  %s\n", c.Criterion, c.Points.StringFixed(2), c.Reason)
		}
	}
	// Output:
	// #1 ledgerly 100.00 (hot)
	//    fintech  50.00  industry is "fintech" (wanted "fintech")
	//    arr      30.00  arr 25000000 in band "10M+": 100 points
	//    displace 20.00  uses_competitor is true (wanted true)
	// #2 paywise 71.87 (warm)
	//    fintech  62.50  industry is "fintech" (wanted "fintech")
	//    arr       9.37  arr 4000000 in band "< 10M": 25 points
	//    displace  0.00  uses_competitor missing: left out (neutral)
}
