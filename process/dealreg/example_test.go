package dealreg_test

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/dealreg"
)

// existing returns the records a host keeps: two partners' registrations
// and a direct opportunity on Acme, keys normalized with NewAccountKey.
func existing() []dealreg.Record {
	acme := partnerops.NewAccountKey("https://www.acme.com", "Acme, Inc.")
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	return []dealreg.Record{
		{ID: "R-1", Partner: "northwind", Account: acme, Status: "approved", Registered: day(2),
			Products: dealreg.Scope{Families: []dealreg.Family{"security"}}},
		{ID: "R-2", Partner: "contoso", Account: partnerops.NewAccountKey("acme.co.uk", "ACME Ltd"), Status: "submitted", Registered: day(5)},
		{ID: "O-9", Kind: dealreg.KindOpportunity, Account: acme, Status: "open", Registered: day(1),
			Products: dealreg.Scope{Families: []dealreg.Family{"analytics"}}},
	}
}

func ExampleParseSettings() {
	s, err := dealreg.ParseSettings([]byte(`{"registration_days": 60, "outcomes": {"near_duplicate": "review"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.RegistrationDays, s.Outcomes.NearDuplicate)
	_, err = dealreg.ParseSettings([]byte(`{"registration_day": 60}`))
	fmt.Println(err)
	// Output:
	// 60 review
	// dealreg: parsing settings: registration_day: unknown field; did you mean "registration_days"?
}

func ExampleCompile() {
	c, err := dealreg.Compile(dealreg.Settings{Active: []dealreg.Status{"approved", "expired"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range c.Warnings() {
		fmt.Println(w)
	}
	s := c.Settings()
	fmt.Println(s.RegistrationDays, s.OpportunityDays, s.ConflictScope, s.Outcomes.Duplicate)
	// Output:
	// active[1]: a closed status protects an account: records in it will raise duplicates and conflicts (got "expired")
	// 90 180 products refuse
}

func ExampleChecker_Index() {
	c, _ := dealreg.Compile(dealreg.Settings{})
	x, err := c.Index(existing())
	fmt.Println(x.Len(), err)
	_, err = c.Index([]dealreg.Record{{ID: "R-1", Account: partnerops.NewAccountKey("acme.com", "")}})
	fmt.Println(err)
	// Output:
	// 3 <nil>
	// dealreg: indexing 1 records: records[R-1].partner: is required for a registration
	// records[R-1].registered: is required
}

func ExampleIndex_Check() {
	c, _ := dealreg.Compile(dealreg.Settings{})
	x, _ := c.Index(existing())
	res, err := x.Check(dealreg.Record{
		ID: "R-3", Partner: "fabrikam", Account: partnerops.NewAccountKey("acme.com", "Acme Corporation"),
		Products: dealreg.Scope{SKUs: []dealreg.SKU{"SEC-100"}, Families: []dealreg.Family{"security"}},
	}, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(res.Text())
	// Output:
	// registration R-3 by fabrikam on acme.com (acme) at 2026-03-10T09:00:00Z: review
	//   - conflicts with partner northwind's approved registration R-1 (domain acme.com; products overlap: family security), protected until 2026-05-31
	// findings (2):
	//   review conflict R-1: conflicts with partner northwind's approved registration R-1 (domain acme.com; products overlap: family security), protected until 2026-05-31
	//   approve near_duplicate R-2: near-duplicate of partner contoso's submitted registration R-2: same name "acme" under another domain "acme.co.uk" (whole account)
}

func ExampleIndex_Check_duplicate() {
	c, _ := dealreg.Compile(dealreg.Settings{})
	x, _ := c.Index(existing())
	res, _ := x.Check(dealreg.Record{Partner: "northwind", Account: partnerops.NewAccountKey("acme.com", "")},
		time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	fmt.Println(res.Outcome)
	for _, f := range res.Findings {
		fmt.Println(f.Rule, f.Other, f.Match, f.Key)
	}
	// Output:
	// refuse
	// duplicate R-1 domain acme.com
	// direct_conflict O-9 domain acme.com
}

func ExampleIndex_With() {
	c, _ := dealreg.Compile(dealreg.Settings{})
	x, _ := c.Index(existing())
	// R-1 expired: pass it again with its new status.
	r1 := existing()[0]
	r1.Status = "expired"
	y, _ := x.With(r1)
	reg := dealreg.Record{Partner: "fabrikam", Account: partnerops.NewAccountKey("acme.com", ""),
		Products: dealreg.Scope{Families: []dealreg.Family{"security"}}}
	at := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	before, _ := x.Check(reg, at)
	after, _ := y.Check(reg, at)
	fmt.Println(before.Outcome, after.Outcome)
	// Output: review approve
}

func ExampleParseRecord() {
	r, err := dealreg.ParseRecord([]byte(`{
	  "id": "R-3", "partner": "fabrikam",
	  "account": {"domain": "acme.com", "name": "acme"},
	  "products": {"skus": ["SEC-100"], "families": ["security"]},
	  "status": "submitted", "registered": "2026-03-10",
	  "value": {"amount": "48000.00", "currency": "USD"}
	}`))
	fmt.Println(r.ID, r.Account.Domain, r.Products, r.Registered.Format(time.DateOnly), r.Value, err)
	// Output: R-3 acme.com SKU SEC-100, family security 2026-03-10 48000.00 USD <nil>
}

func ExampleResult_Markdown() {
	c, _ := dealreg.Compile(dealreg.Settings{})
	x, _ := c.Index(existing())
	res, _ := x.Check(dealreg.Record{ID: "R-4", Partner: "northwind", Account: partnerops.NewAccountKey("acme.com", ""),
		Products: dealreg.Scope{Families: []dealreg.Family{"security"}}}, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	fmt.Print(res.Markdown())
	// Output:
	// ### Registration R-4: refuse
	//
	// Partner northwind, account acme.com, checked at 2026-03-10T00:00:00Z.
	//
	// - duplicate of the same partner's approved registration R-1 (domain acme.com; products overlap: family security), protected until 2026-05-31
	//
	// | Outcome | Rule | Other | Partner | Match | Products | Reason |
	// |---|---|---|---|---|---|---|
	// | refuse | duplicate | R-1 | northwind | domain acme.com | family security | duplicate of the same partner's approved registration R-1 (domain acme.com; products overlap: family security), protected until 2026-05-31 |
}

func ExampleResult_Warnings() {
	c, _ := dealreg.Compile(dealreg.Settings{})
	x, _ := c.Index(existing())
	res, _ := x.Check(dealreg.Record{Partner: "fabrikam", Account: partnerops.NewAccountKey("acme.de", "Acme GmbH")},
		time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	fmt.Println(res.Outcome)
	for _, w := range res.Warnings() {
		fmt.Println(w.Rule, w.Other, w.OtherAccount.Domain)
	}
	// Output:
	// approve
	// near_duplicate O-9 acme.com
	// near_duplicate R-1 acme.com
	// near_duplicate R-2 acme.co.uk
}
