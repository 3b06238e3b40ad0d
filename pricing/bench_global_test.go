package pricing_test

import (
	"fmt"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// benchGlobalRules appends n global rules that never apply to benchQuote
// (gold reseller, resell motion, region na): each is for another region,
// partner type, tier or motion.
func benchGlobalRules(fw *pricing.Framework, n int) {
	groups := []pricing.GroupID{"regular", "volume", "partner", "dealreg", "strategic"}
	for i := range n {
		r := pricing.Rule{ID: pricing.RuleID(fmt.Sprintf("g-%05d", i)), Group: groups[i%5],
			Effect: pricing.PercentOffList(pct("1"))}
		switch i % 4 {
		case 0:
			r.When.Regions = []partnerops.Region{partnerops.Region(fmt.Sprintf("r-%03d", i%300))}
		case 1:
			r.When.PartnerTypes = []partnerops.PartnerType{partnerops.PartnerTypeMSP, partnerops.PartnerTypeSI}
		case 2:
			r.When.Tiers = []partnerops.Tier{"silver"}
		case 3:
			r.When.Motions = []partnerops.Motion{partnerops.MotionReferral}
		}
		fw.Rules = append(fw.Rules, r)
	}
}

// BenchmarkPrice100Lines10000GlobalRules: the 50 rules plus 9,950 global
// rules for other regions, partner types, tiers and motions. Target: ≤ 3×
// the per-line cost of 50 rules.
func BenchmarkPrice100Lines10000GlobalRules(b *testing.B) {
	fw := benchFramework(0, 2000)
	benchGlobalRules(&fw, 9950)
	e, err := pricing.Compile([]pricing.PriceBook{benchCatalog(2000)}, fw)
	if err != nil {
		b.Fatal(err)
	}
	benchPrice(b, e, benchQuote(100))
}
