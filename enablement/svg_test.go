package enablement_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/internal/chart/charttest"
	"pgregory.net/rapid"
)

var updateSVG = flag.Bool("update", false, "rewrite the golden files under testdata/")

// svgPartners is the sample program's base: acme (silver, with 2 sales
// people), globex (gold, one sales certification lapsing soon), initech
// (gold on paper, missing its technical person) and a registered partner
// with nobody certified.
func svgPartners() ([]partnerops.Partner, []enablement.Person) {
	acmeP, people := acme()
	globex := partnerops.Partner{ID: "globex", Type: partnerops.PartnerTypeGSI, Tier: "gold",
		Motions: []partnerops.Motion{partnerops.MotionCoSell}, Regions: []partnerops.Region{"amer"}}
	initech := partnerops.Partner{ID: "initech", Type: partnerops.PartnerTypeReseller, Tier: "gold",
		Motions: []partnerops.Motion{partnerops.MotionResell}, Regions: []partnerops.Region{"amer"}}
	hooli := partnerops.Partner{ID: "hooli", Type: partnerops.PartnerTypeReseller, Tier: "registered",
		Motions: []partnerops.Motion{partnerops.MotionResell}}
	people = append(people,
		enablement.Person{ID: "gia", Partner: "globex", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 4, 15)), held("cosell-specialist", date(2025, 9, 1))}},
		enablement.Person{ID: "hal", Partner: "globex", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 10, 1))}},
		enablement.Person{ID: "ivy", Partner: "globex", Role: enablement.RoleTechnical, Certifications: []enablement.HeldCertification{
			held("cloud-architect", date(2024, 6, 1))}},
		enablement.Person{ID: "jo", Partner: "initech", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 5, 1)), held("resell-specialist", date(2025, 5, 1))}},
		enablement.Person{ID: "kim", Partner: "initech", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
			held("cloud-sales-pro", date(2025, 12, 1))}},
		enablement.Person{ID: "lou", Partner: "hooli", Role: enablement.RoleSales},
	)
	return []partnerops.Partner{acmeP, globex, initech, hooli}, people
}

var svgAt = date(2026, 1, 15)

func svgOutputs(t testing.TB) (names []string, outs [][]byte, comps []enablement.Compliance, cov enablement.Coverage) {
	t.Helper()
	e := enablement.MustCompile(sampleDefinition())
	partners, people := svgPartners()
	for _, p := range partners {
		c, err := e.Compliance(p, people, svgAt)
		if err != nil {
			t.Fatal(err)
		}
		comps = append(comps, c)
		names = append(names, "compliance_"+string(p.ID)+".svg")
		outs = append(outs, c.SVG())
	}
	cov, err := e.Coverage(partners, people, svgAt, enablement.CoverageOptions{Horizon: enablement.Months(6)})
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, "coverage.svg")
	outs = append(outs, cov.SVG())
	return names, outs, comps, cov
}

func TestSVGGolden(t *testing.T) {
	names, outs, _, _ := svgOutputs(t)
	names = append(names, "compliance_empty.svg", "coverage_empty.svg")
	outs = append(outs, enablement.Compliance{}.SVG(), enablement.Coverage{}.SVG())
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			if err := charttest.Check(outs[i]); err != nil {
				t.Fatal(err)
			}
			charttest.Golden(t, *updateSVG, "svg/"+name, outs[i])
		})
	}
}

// TestSVGContent: every requirement is a bar with its counts and its
// note (the fall-out date, "met" or the gap), against the Required line;
// no person's ID appears.
func TestSVGContent(t *testing.T) {
	_, outs, comps, cov := svgOutputs(t)
	_, people := svgPartners()
	var fallsOut, gap bool
	for i, c := range comps {
		out := string(outs[i])
		if !strings.Contains(out, ">Required 100%<") {
			t.Errorf("%s: no Required line", c.Partner)
		}
		for _, r := range append(append([]enablement.RequirementResult{}, c.Requirements...), c.NextTierGaps...) {
			if !strings.Contains(out, ">"+itoa(r.Have)+" of "+itoa(r.Required)+"<") {
				t.Errorf("%s: requirement %s has no bar text", c.Partner, r.Requirement)
			}
			switch {
			case !r.Met:
				gap = true
				if !strings.Contains(out, "gap "+itoa(r.Gap)+"<") && !strings.Contains(out, "gap "+itoa(r.Gap)+" (next tier)<") {
					t.Errorf("%s: requirement %s does not note its gap", c.Partner, r.Requirement)
				}
			case !r.FallsOutAt.IsZero():
				fallsOut = true
				if !strings.Contains(out, ": falls out "+r.FallsOutAt.Format(time.DateOnly)+"<") {
					t.Errorf("%s: requirement %s does not note its date", c.Partner, r.Requirement)
				}
			}
		}
		for _, p := range people {
			if strings.Contains(out, ">"+string(p.ID)+"<") || strings.Contains(out, " "+string(p.ID)+",") {
				t.Errorf("%s: person %s named in the chart", c.Partner, p.ID)
			}
		}
	}
	if !fallsOut || !gap {
		t.Error("the fixture no longer has both a fall-out date and a gap")
	}
	out := string(outs[len(outs)-1])
	if len(cov.AtRisk) == 0 || !strings.Contains(out, " falls out "+cov.AtRisk[0].FallsOutAt.Format(time.DateOnly)) {
		t.Errorf("coverage chart does not note the first fall-out date (%d at risk)", len(cov.AtRisk))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestSVGRoundTrip: results decoded from their JSON draw the same bytes.
func TestSVGRoundTrip(t *testing.T) {
	_, outs, comps, cov := svgOutputs(t)
	for i, c := range comps {
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back enablement.Compliance
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back.SVG(), outs[i]) {
			t.Errorf("%s: chart differs after a JSON round trip", c.Partner)
		}
	}
	data, err := json.Marshal(cov)
	if err != nil {
		t.Fatal(err)
	}
	var back enablement.Coverage
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.SVG(), outs[len(outs)-1]) {
		t.Error("coverage chart differs after a JSON round trip")
	}
}

func genTime(t *rapid.T, name string) time.Time {
	if rapid.Bool().Draw(t, name+".zero") {
		return time.Time{}
	}
	return time.Unix(rapid.Int64Range(-1<<40, 1<<40).Draw(t, name), 0).UTC()
}

func genRequirement(t *rapid.T) enablement.RequirementResult {
	return enablement.RequirementResult{
		Requirement: enablement.RequirementID(charttest.ID(t, "id")), Tier: partnerops.Tier(charttest.Label(t, "tier")),
		Motion:      partnerops.Motion(rapid.SampledFrom([]string{"", "resell", charttest.Long}).Draw(t, "motion")),
		Description: charttest.Label(t, "desc"),
		Required:    rapid.OneOf(rapid.IntRange(-2, 10), rapid.IntRange(0, 1<<62)).Draw(t, "required"),
		Have:        rapid.OneOf(rapid.IntRange(-2, 10), rapid.IntRange(0, 1<<62)).Draw(t, "have"),
		Gap:         rapid.IntRange(0, 1<<40).Draw(t, "gap"), Met: rapid.Bool().Draw(t, "met"),
		FallsOutAt: genTime(t, "falls"),
	}
}

func genPercent(t *rapid.T, name string) partnerops.Percent {
	return partnerops.NewPercent(charttest.Decimal(t, name))
}

func genRow(t *rapid.T) enablement.CoverageRow {
	return enablement.CoverageRow{
		Key: charttest.Label(t, "key"), Partners: rapid.IntRange(0, 1<<40).Draw(t, "p"), CertifiedPartners: rapid.IntRange(0, 1<<40).Draw(t, "cp"),
		PartnerShare: genPercent(t, "ps"), People: rapid.IntRange(0, 1<<40).Draw(t, "n"), CertifiedPeople: rapid.IntRange(0, 1<<40).Draw(t, "cn"),
		PeopleShare: genPercent(t, "ns"),
	}
}

// TestSVGPropertyInsideViewBox: for any compliance and coverage, the
// charts are well-formed, free of NaN, inside their view boxes, and the
// same bytes twice.
func TestSVGPropertyInsideViewBox(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := enablement.Compliance{
			Partner: partnerops.PartnerID(charttest.Label(t, "partner")), Tier: partnerops.Tier(charttest.Label(t, "tier")),
			At: genTime(t, "at"), Met: rapid.Bool().Draw(t, "met"), FallsOutAt: genTime(t, "falls"),
			NextTier: partnerops.Tier(charttest.Label(t, "next")), NextTierMet: rapid.Bool().Draw(t, "nextMet"),
			Requirements: rapid.SliceOfN(rapid.Custom(genRequirement), 0, 8).Draw(t, "reqs"),
			NextTierGaps: rapid.SliceOfN(rapid.Custom(genRequirement), 0, 4).Draw(t, "gaps"),
		}
		rows := rapid.SliceOfN(rapid.Custom(genRow), 0, 6).Draw(t, "rows")
		risk := func(t *rapid.T) enablement.PartnerRisk {
			tier := charttest.Label(t, "tier")
			if len(rows) > 0 && rapid.Bool().Draw(t, "known") {
				tier = rows[rapid.IntRange(0, len(rows)-1).Draw(t, "row")].Key
			}
			return enablement.PartnerRisk{Partner: partnerops.PartnerID(charttest.ID(t, "p")), Tier: partnerops.Tier(tier), FallsOutAt: genTime(t, "falls")}
		}
		cov := enablement.Coverage{
			At: genTime(t, "at"), Horizon: enablement.Months(rapid.IntRange(0, 24).Draw(t, "months")), Overall: genRow(t), ByTier: rows,
			AtRisk:    rapid.SliceOfN(rapid.Custom(risk), 0, 6).Draw(t, "atRisk"),
			BelowTier: rapid.SliceOfN(rapid.Custom(risk), 0, 6).Draw(t, "below"),
		}
		for _, out := range [][]byte{c.SVG(), cov.SVG()} {
			if err := charttest.Check(out); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
		}
		if !bytes.Equal(c.SVG(), c.SVG()) || !bytes.Equal(cov.SVG(), cov.SVG()) {
			t.Fatal("two renders differ")
		}
	})
}

// TestSVGGrowth: output and allocations grow at most 10x from n to 8n
// requirements, tiers and risks.
func TestSVGGrowth(t *testing.T) {
	build := func(n int) (enablement.Compliance, enablement.Coverage) {
		var c enablement.Compliance
		var cov enablement.Coverage
		for i := range n {
			tier := partnerops.Tier("tier-" + itoa(i%50))
			c.Requirements = append(c.Requirements, enablement.RequirementResult{Requirement: "r", Tier: tier, Required: 3, Have: i % 5, Met: i%5 >= 3, Gap: max(0, 3-i%5), FallsOutAt: svgAt.AddDate(0, 0, i)})
			cov.ByTier = append(cov.ByTier, enablement.CoverageRow{Key: "tier-" + itoa(i), Partners: 10, CertifiedPartners: i % 10, PartnerShare: partnerops.MustPercent(itoa(i % 100))})
			cov.AtRisk = append(cov.AtRisk, enablement.PartnerRisk{Partner: "p", Tier: tier, FallsOutAt: svgAt.AddDate(0, 0, n-i)})
		}
		return c, cov
	}
	const n = 100
	c1, v1 := build(n)
	c8, v8 := build(8 * n)
	for _, k := range []struct {
		name         string
		small, large func() []byte
	}{{"compliance", c1.SVG, c8.SVG}, {"coverage", v1.SVG, v8.SVG}} {
		if ratio := float64(len(k.large())) / float64(len(k.small())); ratio > 10 {
			t.Errorf("%s: output grows %.1fx from n=%d to 8n", k.name, ratio, n)
		}
		a1 := testing.AllocsPerRun(2, func() { k.small() })
		a8 := testing.AllocsPerRun(2, func() { k.large() })
		if ratio := a8 / max(a1, 1); ratio > 10 {
			t.Errorf("%s: allocations grow %.1fx from n=%d to 8n (%v, %v)", k.name, ratio, n, a1, a8)
		}
	}
}
