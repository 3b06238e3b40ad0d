package partnerops_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
)

func ExampleMoney() {
	list := partnerops.MustMoney("1200.00", partnerops.USD)
	discount := partnerops.MustPercent("17.5").Of(list) // exact: 210.0000 USD
	net, _ := list.Sub(discount)
	fmt.Println(discount, "->", net.Round(partnerops.RoundHalfUp))

	// Currencies never mix silently.
	_, err := net.Add(partnerops.MustMoney("10", partnerops.EUR))
	fmt.Println(errors.Is(err, partnerops.ErrCurrencyMismatch))
	// Output:
	// 210.00000 USD -> 990.00 USD
	// true
}

func ExampleMoney_Round() {
	m := partnerops.MustMoney("2.345", partnerops.USD)
	fmt.Println(m.Round(partnerops.RoundHalfUp), m.Round(partnerops.RoundHalfEven))
	yen := partnerops.MustMoney("1234.5", partnerops.JPY)
	fmt.Println(yen.Round(partnerops.RoundHalfEven))
	// Output:
	// 2.35 USD 2.34 USD
	// 1234 JPY
}

func ExampleMoney_Allocate() {
	// Split a 1,000.00 USD co-sell credit 50/30/20 between three partners.
	credit := partnerops.MustMoney("1000.00", partnerops.USD)
	parts, _ := credit.Allocate(partnerops.DecimalFromInt(50), partnerops.DecimalFromInt(30), partnerops.DecimalFromInt(20))
	fmt.Println(parts)

	// Three equal shares of 100.00 lose no cent: the first part takes it.
	thirds, _ := partnerops.MustMoney("100.00", partnerops.USD).Split(3)
	fmt.Println(thirds)
	// Output:
	// [500.00 USD 300.00 USD 200.00 USD]
	// [33.34 USD 33.33 USD 33.33 USD]
}

func ExampleMoney_MarshalJSON() {
	b, _ := json.Marshal(partnerops.MustMoney("12.50", partnerops.EUR))
	fmt.Println(string(b))
	var m partnerops.Money
	err := json.Unmarshal([]byte(`{"amount":"1e999999999","currency":"EUR"}`), &m)
	fmt.Println(errors.Is(err, partnerops.ErrSyntax))
	// Output:
	// {"amount":"12.50","currency":"EUR"}
	// true
}

func ExamplePercent() {
	p := partnerops.MustPercent("12.5")
	fmt.Println(p, p.Fraction(), p.Complement())
	// Output: 12.5% 0.125 87.5%
}

func ExampleParseDecimal() {
	d, err := partnerops.ParseDecimal("1.50")
	fmt.Println(d, err)
	_, err = partnerops.ParseDecimal("1e999999999")
	fmt.Println(errors.Is(err, partnerops.ErrSyntax))
	// Output:
	// 1.50 <nil>
	// true
}

func ExampleCalendar() {
	// A fiscal year that starts in July, named by the year it ends in.
	cal := partnerops.Calendar{FiscalYearStart: time.July}
	at := time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)
	q := cal.Quarter(at)
	fmt.Println(cal.Label(q), q)
	fmt.Println(cal.Label(q.Next()), q.Next())
	fmt.Println(cal.Label(cal.Year(at)))
	// Output:
	// FY2027-Q2 2026-10-01..2027-01-01 (quarter)
	// FY2027-Q3 2027-01-01..2027-04-01 (quarter)
	// FY2027
}

func ExamplePeriod_Periods() {
	first := partnerops.Calendar{}.Month(time.Date(2026, time.January, 15, 0, 0, 0, 0, time.UTC))
	for p := range first.Periods(3) {
		fmt.Println(p.Start.Format("Jan"), p.Duration().Hours()/24, "days")
	}
	// Output:
	// Jan 31 days
	// Feb 28 days
	// Mar 31 days
}

func ExamplePeriod_Contains() {
	q := partnerops.Calendar{}.Quarter(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(q.Contains(q.Start), q.Contains(q.End)) // half-open
	// Output: true false
}

func ExampleTierLadder() {
	ladder, err := partnerops.NewTierLadder("registered", "silver", "gold", "platinum")
	if err != nil {
		panic(err)
	}
	next, ok, _ := ladder.Next("silver")
	fmt.Println(next, ok)
	atLeast, _ := ladder.AtLeast("gold", "silver")
	fmt.Println(atLeast)
	_, err = ladder.Compare("gold", "diamond")
	fmt.Println(err)
	// Output:
	// gold true
	// true
	// partnerops: tier "diamond": partnerops: unknown tier
}

func ExampleProblems() {
	var p partnerops.Problems
	p.Add(partnerops.Path("rules", 3, "percent"), "must be between 0 and 100", "120")
	p.Add(partnerops.Path("rules", 5, "sku"), "must not be empty", "")
	err := p.Err()
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	fmt.Println(errors.Is(err, partnerops.ErrInvalid))
	// Output:
	// rules[3].percent: must be between 0 and 100 (got "120")
	// rules[5].sku: must not be empty
	// true
}

func ExampleProgram_ValidatePartner() {
	prog := partnerops.Program{
		Tiers:   partnerops.MustTierLadder("registered", "silver", "gold"),
		Motions: []partnerops.Motion{"managed_services"}, // the program's own motion
	}
	p := partnerops.Partner{ID: "p-1", Type: partnerops.PartnerTypeMSP, Tier: "platinum", Motions: []partnerops.Motion{"managed_services"}}
	fmt.Println(prog.ValidatePartner(p))
	// Output: tier: must be one of registered < silver < gold (got "platinum")
}

func ExampleAccountKey_Match() {
	vendor := partnerops.NewAccountKey("https://www.Acme.com/about", "Acme, Inc.")
	partner := partnerops.NewAccountKey("jane@eu.acme.com", "ACME Corporation")
	rule, key := vendor.Match(partner)
	fmt.Println(rule, key)
	other := partnerops.NewAccountKey("acme.io", "Acme")
	fmt.Println(vendor.NearDuplicate(other))
	// Output:
	// domain acme.com
	// true
}

func ExampleNormalizeDomain() {
	for _, s := range []string{"https://www.Acme.com/about", "jane@eu.acme.com", "shop.acme.co.uk.", "localhost"} {
		fmt.Printf("%q\n", partnerops.NormalizeDomain(s))
	}
	// Output:
	// "acme.com"
	// "acme.com"
	// "acme.co.uk"
	// ""
}

// A host holding keys it normalized before can use them as they are.
func ExampleIsNormalizedDomain() {
	for _, s := range []string{"acme.com", "acme.co.uk", "bücher.de", "www.acme.com", "Acme.com", "co.uk"} {
		fmt.Println(s, partnerops.IsNormalizedDomain(s))
	}
	// Output:
	// acme.com true
	// acme.co.uk true
	// bücher.de true
	// www.acme.com false
	// Acme.com false
	// co.uk false
}

func ExampleNormalizeName() {
	for _, s := range []string{"Acme, Inc.", "Société Générale S.A.", "The Home Depot", "Johnson & Johnson"} {
		fmt.Printf("%q\n", partnerops.NormalizeName(s))
	}
	// Output:
	// "acme"
	// "societe generale"
	// "home depot"
	// "johnson johnson"
}
