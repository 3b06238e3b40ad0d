package mapping_test

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/mapping"
)

// svgExampleResult maps three vendor accounts against one partner.
func svgExampleResult() *mapping.Result {
	vendor := []mapping.Account{
		{ID: "v-1", Domain: "acme.com", Status: mapping.AccountStatusProspect, Pipeline: partnerops.MustMoney("50000", partnerops.USD)},
		{ID: "v-2", Domain: "globex.com", Status: mapping.AccountStatusCustomer},
		{ID: "v-3", Domain: "initech.com", Status: mapping.AccountStatusCustomer},
	}
	partners := []mapping.PartnerAccounts{{Partner: "northwind", Accounts: []mapping.Account{
		{ID: "n-1", Domain: "acme.com", Status: mapping.AccountStatusCustomer},
		{ID: "n-2", Domain: "globex.com", Status: mapping.AccountStatusCustomer},
		{ID: "n-3", Domain: "initech.com", Status: mapping.AccountStatusCustomer},
	}}}
	ix, err := mapping.NewIndex(partners, mapping.IndexOptions{})
	if err != nil {
		panic(err)
	}
	r, err := ix.Map(vendor, mapping.MapOptions{})
	if err != nil {
		panic(err)
	}
	return r
}

// One partner's overlap matrix as a heat map: each cell prints its pairs
// and its play, so the picture reads without its shades.
func ExamplePartnerOverlap_SVG() {
	r := svgExampleResult()
	svg := string(r.Partners[0].SVG())
	title, _, _ := strings.Cut(svg[strings.Index(svg, "<title"):], "\n")
	fmt.Println(title)
	fmt.Println(strings.Contains(svg, ">2 · co-sell<"), strings.Contains(svg, ">1 · intro ask<"))
	// Output:
	// <title id="chart-title">Account overlap with northwind (rank 1)</title>
	// true true
}

// The overview: partners by rank down, plays across.
func ExampleResult_SVG() {
	r := svgExampleResult()
	svg := string(r.SVG())
	desc, _, _ := strings.Cut(svg[strings.Index(svg, "<desc"):], "\n")
	fmt.Println(desc)
	// Output:
	// <desc id="chart-desc">3 vendor accounts mapped against 1 partner, 3 matched. Cells count matched pairs per play. Most pairs are in co_sell_expansion (2).</desc>
}
