package enablement_test

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops/enablement"
)

// svgLine prints the line of svg that holds tag.
func svgLine(svg, tag string) {
	line, _, _ := strings.Cut(svg[strings.Index(svg, tag):], "\n")
	fmt.Println(line)
}

// A partner's certified coverage per requirement, against a Required
// line, with the date each requirement falls out as certifications
// expire.
func ExampleCompliance_SVG() {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	c, _ := e.Compliance(partner, people, date(2026, 1, 15))
	svg := string(c.SVG())
	svgLine(svg, "<desc")
	fmt.Println(strings.Contains(svg, ">silver: falls out 2026-08-31<"), strings.Contains(svg, ">Required 100%<"))
	// Output:
	// <desc id="chart-desc">acme meets silver at 2026-01-15 until 2026-08-31, when certifications expire; 1 of 1 requirements met; 2 gaps to gold. Bars show the certified people against each requirement.</desc>
	// true true
}

// Coverage of the partner base by tier, with the partners that fall out
// of their tier within the horizon.
func ExampleCoverage_SVG() {
	e := enablement.MustCompile(sampleDefinition())
	partners, people := svgPartners()
	cov, err := e.Coverage(partners, people, date(2026, 1, 15), enablement.CoverageOptions{Horizon: enablement.Months(6)})
	if err != nil {
		fmt.Println(err)
		return
	}
	svgLine(string(cov.SVG()), "<desc")
	// Output:
	// <desc id="chart-desc">At 2026-01-15: 4 partners, 75.0% with a certified person; 9 people, 77.8% certified; 1 partner falls out of their tier within P6M, the first on 2026-04-15; 1 partner is below tier now.</desc>
}
