package strategy_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy"
)

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
	q2 := cal.Quarter(exDate("2026-05-15"))
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	partners := []partnerops.Partner{{ID: "p1", Tier: "gold"}, {ID: "p2", Tier: "silver"}}
	members, err := strategy.SegmentMembersFromRecords(partners, []strategy.SegmentRecord{
		{Partner: "p1", At: exDate("2026-04-20"), Amount: usd("120000")},
		{Partner: "p1", At: exDate("2026-02-10"), Amount: usd("90000")},
		{Partner: "p2", At: exDate("2026-05-02"), Amount: usd("30000")},
		{Partner: "p2", At: exDate("2026-03-15"), Amount: usd("40000")},
		{Partner: "p2", At: exDate("2026-08-01"), Amount: usd("75000"), Pipeline: true},
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

func exCapFramework() strategy.CapabilityFramework {
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
				{Capability: "aws", MinLevel: "professional", Weight: exDec("3")},
				{Capability: "healthcare", MinLevel: "some"},
			}},
		},
	}
}

func exDate(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func ExampleCapabilityEngine_Readiness() {
	e, err := strategy.CompileCapabilities(exCapFramework())
	if err != nil {
		panic(err)
	}
	assessments := []strategy.Assessment{
		{Partner: "northwind", Capability: "aws", Level: "associate", AssessedAt: exDate("2026-03-01")},
		{Partner: "northwind", Capability: "sales_cert", Level: "certified", AssessedAt: exDate("2026-02-01")}, // no evidence
	}
	r, _ := e.Readiness("northwind", assessments, "co_sell", exDate("2026-06-01"))
	// (3 × 2/3 + 1 × 0) / 4 = 50%.
	fmt.Print(r.Text())
	r, _ = e.Readiness("northwind", assessments, "resell", exDate("2026-06-01"))
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
	fw := exCapFramework()
	fw.Profiles[0].Requirements[1].MinLevel = "expert" // not a level of aws
	fw.Capabilities[2].Kind = "charisma"
	_, err := strategy.CompileCapabilities(fw)
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// capabilities[healthcare].kind: must be technical, sales, services, vertical, regional or certification (got "charisma")
	// profiles[resell].requirements[aws].min_level: not a level of "aws" (got "expert")
}

func ExampleCapabilityEngine_Evaluate() {
	e, _ := strategy.CompileCapabilities(exCapFramework())
	p := partnerops.Partner{ID: "contoso", Type: partnerops.PartnerTypeSI}
	pr, err := e.Evaluate(p, []strategy.Assessment{
		{Partner: "contoso", Capability: "aws", Level: "professional", AssessedAt: exDate("2026-04-01")},
		{Partner: "contoso", Capability: "sales_cert", Level: "certified", Evidence: "CERT-77", AssessedAt: exDate("2025-03-01")},
	}, exDate("2026-06-01"))
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
	e, _ := strategy.CompileCapabilities(exCapFramework())
	at := exDate("2026-06-01")
	portfolio := []strategy.PartnerCapabilities{
		{Partner: partnerops.Partner{ID: "p1", Regions: []partnerops.Region{"na"}}, Assessments: []strategy.Assessment{
			{Partner: "p1", Capability: "aws", Level: "professional", AssessedAt: exDate("2026-01-01")},
			{Partner: "p1", Capability: "healthcare", Level: "deep", AssessedAt: exDate("2026-01-01")},
			{Partner: "p1", Capability: "sales_cert", Level: "certified", Evidence: "C-1", AssessedAt: exDate("2026-01-01")},
		}},
		{Partner: partnerops.Partner{ID: "p2", Regions: []partnerops.Region{"emea"}}, Assessments: []strategy.Assessment{
			{Partner: "p2", Capability: "aws", Level: "associate", AssessedAt: exDate("2026-01-01")},
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

func exDec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

// A capability framework stored as JSON: decoded strictly, compiled and
// used to evaluate a partner.
func ExampleParseCapabilityFramework() {
	fw, err := strategy.ParseCapabilityFramework([]byte(`{
	  "name": "cloud program",
	  "capabilities": [
	    {"id": "aws", "kind": "technical", "levels": ["foundational", "associate", "professional"]},
	    {"id": "sales_cert", "kind": "certification", "levels": ["certified"], "evidence_required": true}
	  ],
	  "profiles": [
	    {"id": "resell", "motion": "resell", "requirements": [
	      {"capability": "sales_cert", "min_level": "certified", "must_have": true},
	      {"capability": "aws", "min_level": "associate", "weight": "2"}]}
	  ]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := strategy.CompileCapabilities(fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := e.Readiness("p1", []strategy.Assessment{
		{Partner: "p1", Capability: "sales_cert", Level: "certified", Evidence: "CERT-7", AssessedAt: exDate("2026-02-01")},
		{Partner: "p1", Capability: "aws", Level: "foundational", AssessedAt: exDate("2026-02-01")},
	}, "resell", exDate("2026-06-01"))
	fmt.Println(r.Score, r.Ready)

	_, err = strategy.ParseCapabilityFramework([]byte(`{"profiles": [{"id": "resell", "ready_at": 75,
	  "requirements": [{"capability": "aws", "min_levl": "associate"}]}]}`))
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// 66.66% false
	// profiles[resell].ready_at: decoding percent 75: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
	// profiles[resell].requirements[aws].min_levl: unknown field; did you mean "min_level"?
}
