package mapping_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/mapping"
)

func ExampleMatchAccounts() {
	a := mapping.Account{Name: "Initech LLC"}
	b := mapping.Account{Name: "INITECH", Domain: "initech.com"}
	m, ok := mapping.MatchAccounts(a, b, mapping.MatchModeNormalized)
	fmt.Println(ok, m.Rule, m.Key)

	// Two different domains are two companies, whatever the names say.
	a.Domain = "initech.io"
	_, ok = mapping.MatchAccounts(a, b, mapping.MatchModeNormalized)
	fmt.Println(ok)
	// Output:
	// true name initech
	// false
}

func mapExampleData() ([]mapping.Account, []mapping.PartnerAccounts) {
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	vendor := []mapping.Account{
		{ID: "v-acme", Name: "Acme, Inc.", Domain: "https://www.acme.com", Status: mapping.AccountStatusProspect, Segment: "enterprise", Pipeline: usd("50000")},
		{ID: "v-globex", Name: "Globex", Domain: "globex.com", Status: mapping.AccountStatusCustomer, Segment: "enterprise", Pipeline: usd("120000")},
		{ID: "v-initech", Name: "Initech LLC", Status: mapping.AccountStatusOpportunity, Segment: "mid-market", Pipeline: usd("30000")},
		{ID: "v-hooli", Name: "Hooli", Domain: "hooli.com", Status: mapping.AccountStatusTarget, Segment: "enterprise", Pipeline: usd("80000")},
		{ID: "v-umbrella", Name: "Umbrella", Domain: "umbrella.de", Status: mapping.AccountStatusTarget, Segment: "mid-market", Pipeline: usd("20000")},
	}
	partners := []mapping.PartnerAccounts{
		{Partner: "northwind", Accounts: []mapping.Account{
			{ID: "n-1", Name: "ACME Incorporated", Domain: "acme.com", Status: mapping.AccountStatusCustomer},
			{ID: "n-2", Name: "Initech", Status: mapping.AccountStatusCustomer},
			{ID: "n-3", Name: "Hooli Inc", Domain: "hooli.com", Status: mapping.AccountStatusCustomer},
		}},
		{Partner: "contoso", Accounts: []mapping.Account{
			{ID: "c-1", Name: "Globex Corporation", Domain: "globex.com", Status: mapping.AccountStatusProspect},
		}},
	}
	return vendor, partners
}

// Map a vendor's accounts against two partners: the overlap matrix of
// the top partner, the ranking and the whitespace.
func ExampleIndex_Map() {
	vendor, partners := mapExampleData()
	ix, err := mapping.NewIndex(partners, mapping.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := ix.Map(vendor, mapping.MapOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(m.Partners[0].Text())
	for _, row := range m.Partners[0].Matrix {
		for _, c := range row {
			for _, am := range c.Matches {
				fmt.Printf("%s = %s by %s %q\n", am.VendorAccount, am.PartnerAccount, am.Rule, am.Key)
			}
		}
	}
	fmt.Print(m.Markdown())
	fmt.Print(m.Whitespace.Text())
	// Output:
	// Overlap with northwind (rank 1): 3 vendor accounts, 3 in plays, play pipeline 160000.00 USD
	// vendor \ partner        customer opportunity    prospect      target
	// customer                       0           0           0           0
	// opportunity                    1           0           0           0
	// prospect                       1           0           0           0
	// target                         1           0           0           0
	//   deal_assist: vendor opportunity x partner customer, 1 accounts, vendor pipeline 30000.00 USD
	//   intro_ask: vendor prospect x partner customer, 1 accounts, vendor pipeline 50000.00 USD
	//   intro_ask: vendor target x partner customer, 1 accounts, vendor pipeline 80000.00 USD
	// v-initech = n-2 by name "initech"
	// v-acme = n-1 by domain "acme.com"
	// v-hooli = n-3 by domain "hooli.com"
	// | Rank | Partner | Vendor accounts | In plays | Play pipeline | Pairs |
	// |---:|---|---:|---:|---:|---:|
	// | 1 | northwind | 3 | 3 | 160000.00 USD | 3 |
	// | 2 | contoso | 1 | 1 | 120000.00 USD | 1 |
	// segment          accounts  covered  coverage  uncovered
	// enterprise              1        1   100.00%          0
	// mid-market              1        0     0.00%          1
}

// A host that probes several indexes (one per region, say) with the same
// vendor accounts normalizes and hashes them once.
func ExampleIndex_AppendMatchesPrepared() {
	vendor, partners := mapExampleData()
	prepared := mapping.PrepareAccounts(vendor, mapping.MatchModeNormalized)
	fmt.Printf("%s: domain %q, name %q\n", prepared[0].ID, prepared[0].DomainKey(), prepared[0].NameKey())
	var matches []mapping.AccountMatch
	for _, pa := range partners {
		ix, err := mapping.NewIndex([]mapping.PartnerAccounts{pa}, mapping.IndexOptions{})
		if err != nil {
			fmt.Println(err)
			return
		}
		matches = ix.AppendMatchesPrepared(matches[:0], prepared)
		for _, am := range matches {
			fmt.Printf("%s: %s = %s by %s %q\n", am.Partner, am.VendorAccount, am.PartnerAccount, am.Rule, am.Key)
		}
	}
	// Output:
	// v-acme: domain "acme.com", name "acme"
	// northwind: v-acme = n-1 by domain "acme.com"
	// northwind: v-initech = n-2 by name "initech"
	// northwind: v-hooli = n-3 by domain "hooli.com"
	// contoso: v-globex = c-1 by domain "globex.com"
}

// Two companies compare lists without sharing them: each hashes its
// normalized keys with a secret they agreed on, and only hashes meet.
func ExampleKeyedAccounts() {
	secret := []byte("agreed out of band")
	hash := func(key string) string {
		h := hmac.New(sha256.New, secret)
		h.Write([]byte(key))
		return hex.EncodeToString(h.Sum(nil))[:16] // shortened for the example only
	}
	vendor, partners := mapExampleData()
	for i := range partners {
		partners[i].Accounts = mapping.KeyedAccounts(partners[i].Accounts, hash)
	}
	ix, err := mapping.NewIndex(partners, mapping.IndexOptions{Mode: mapping.MatchModeKeyedHash})
	if err != nil {
		fmt.Println(err)
		return
	}
	matches := ix.AppendMatchesBatch(nil, mapping.KeyedAccounts(vendor, hash))
	for _, am := range matches {
		fmt.Println(am.VendorAccount, am.Partner, am.PartnerAccount, am.Rule, am.Key)
	}
	// Output:
	// v-acme northwind n-1 domain_hash 9a72631354b796d8
	// v-globex contoso c-1 domain_hash 75351ccfb6c0fdd8
	// v-initech northwind n-2 name_hash 1636ef2634a07a04
	// v-hooli northwind n-3 domain_hash 69cc466df0a5e9dd
}

// Which products each customer lacks, and who can deliver them.
func ExampleProductWhitespace() {
	rep, err := mapping.ProductWhitespace(
		[]string{"core", "analytics", "security"},
		[]mapping.ProductOwnership{
			{Account: "acme", Products: []string{"core", "analytics"}},
			{Account: "globex", Products: []string{"core"}},
		},
		[]mapping.PartnerProducts{
			{Partner: "northwind", Products: []string{"analytics", "security"}},
			{Partner: "contoso", Products: []string{"security"}},
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range rep.Gaps {
		fmt.Println(g.Account, "lacks", g.Product, "- deliverable by", g.Partners)
	}
	for _, p := range rep.Products {
		fmt.Printf("%s: %d own, %d lack, %d partners\n", p.Product, p.Owners, p.Lacking, p.Deliverers)
	}
	// Output:
	// acme lacks security - deliverable by [contoso northwind]
	// globex lacks analytics - deliverable by [northwind]
	// globex lacks security - deliverable by [contoso northwind]
	// core: 2 own, 0 lack, 0 partners
	// analytics: 1 own, 1 lack, 1 partners
	// security: 0 own, 2 lack, 2 partners
}
