package renewal_test

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/renewal"
)

const termsJSON = `{
  "currency": "USD",
  "day_count": "actual",
  "policies": [
    {"id": "uplift-5", "rule": "uplift", "uplift": "5"},
    {"id": "cpi", "rule": "index", "spread": "1", "floor": "2", "cap": "6"},
    {"id": "lesser", "rule": "lesser_of_uplift_and_list", "uplift": "7"},
    {"id": "hold", "rule": "prior_net", "max_erosion": "5"},
    {"id": "list", "rule": "list"}
  ]
}`

func mustEngine(js string) *renewal.Engine {
	t, err := renewal.ParseTerms([]byte(js))
	if err != nil {
		panic(err)
	}
	e, err := renewal.Compile(t)
	if err != nil {
		panic(err)
	}
	return e
}

func renew(e *renewal.Engine, js string) {
	r, err := renewal.ParseRenewal([]byte(js))
	if err != nil {
		panic(err)
	}
	q, err := e.Renew(r)
	if err != nil {
		panic(err)
	}
	fmt.Print(q.Text())
}

func ExampleEngine_Renew_uplift() {
	e := mustEngine(termsJSON)
	renew(e, `{"policy": "uplift-5", "prior_net": "48000.00"}`)
	// Output:
	// renewal under uplift-5 (uplift), USD
	//         prior net    48000.00
	//         uplift 5%  50400.0000
	//     renewal price    50400.00  change 5.0000%
}

// An index-linked renewal: CPI 7.5% plus a 1-point spread, capped at 6%.
func ExampleEngine_Renew_index() {
	e := mustEngine(termsJSON)
	renew(e, `{"policy": "cpi", "prior_net": "48000.00", "index": "7.5"}`)
	// Output:
	// renewal under cpi (index), USD
	//         prior net    48000.00
	//         uplift 6%  50880.0000  index 7.5%, clamped to the cap
	//     renewal price    50880.00  change 6.0000%
}

func ExampleEngine_Renew_lesserOfUpliftAndList() {
	e := mustEngine(termsJSON)
	renew(e, `{"policy": "lesser", "prior_net": "48000.00", "current_list": "50000.00"}`)
	// Output:
	// renewal under lesser (lesser_of_uplift_and_list), USD
	//                 prior net    48000.00
	//              current list    50000.00
	//                 uplift 7%  51360.0000
	//     current list is lower    50000.00
	//             renewal price    50000.00  change 4.1667%
}

// Renewing at the prior net price while list prices rose 20% would
// erode the discount from 20% to 33%; a maximum erosion of 5 points
// raises the price.
func ExampleEngine_Renew_maxErosion() {
	e := mustEngine(termsJSON)
	renew(e, `{"policy": "hold", "prior_net": "48000.00", "prior_list": "60000.00", "current_list": "72000.00"}`)
	// Output:
	// renewal under hold (prior_net), USD
	//                      prior net  48000.00
	//                     prior list  60000.00  prior discount 20.0000%
	//                   current list  72000.00
	//     max discount erosion floor  54000.00  raises the price
	//                  renewal price  54000.00  change 12.5000%
}

func ExampleEngine_Prorate() {
	e := mustEngine(termsJSON)
	term, _ := partnerops.NewPeriod(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	part, _ := partnerops.NewPeriod(time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC), term.End)
	p, err := e.Prorate(renewal.Proration{Price: partnerops.MustMoney("12000.00", "USD"), Term: term, Part: part})
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Days, "of", p.TermDays, "days:", p.Amount)
	// Output:
	// 261 of 365 days: 8580.82 USD
}

// A mid-term add-on of 20 seats at 600.00 a year, co-terminated to the
// end of a three-year contract under 30/360, and a downgrade credit.
func ExampleEngine_CoTerm() {
	e := mustEngine(`{"currency": "USD", "day_count": "30_360"}`)
	contract, _ := partnerops.NewPeriod(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC))
	add, err := e.CoTerm(renewal.Change{Contract: contract, Start: time.Date(2026, 8, 16, 0, 0, 0, 0, time.UTC),
		AnnualPrice: partnerops.MustMoney("12000.00", "USD")})
	if err != nil {
		panic(err)
	}
	fmt.Print(add.Text())
	credit, err := e.CoTerm(renewal.Change{Contract: contract, Start: time.Date(2028, 7, 1, 0, 0, 0, 0, time.UTC),
		AnnualPrice: partnerops.MustMoney("-3000.00", "USD")})
	if err != nil {
		panic(err)
	}
	fmt.Print(credit.Text())
	// Output:
	// co-termed charges (30_360)
	//     2026-08-16..2027-01-01  135/360 days   4500.00
	//     2027-01-01..2028-01-01  360/360 days  12000.00
	//     2028-01-01..2029-01-01  360/360 days  12000.00
	//                      total                28500.00
	// co-termed charges (30_360)
	//     2028-07-01..2029-01-01  180/360 days  -1500.00
	//                      total                -1500.00
}

// A three-year ramp: seats grow, unit prices rise 5% a year compounding,
// billed quarterly.
func ExampleRamp_Schedule() {
	r, err := renewal.ParseRamp([]byte(`{
	  "id": "acme-ramp", "currency": "USD", "start": "2026-01-01", "billing": "quarter",
	  "uplift": "5", "uplift_mode": "compounding",
	  "segments": [
	    {"id": "y1", "months": 12, "quantity": "100", "unit_price": "300.00"},
	    {"id": "y2", "months": 12, "quantity": "250", "unit_price": "300.00"},
	    {"id": "y3-h1", "months": 6, "quantity": "400", "unit_price": "300.00"},
	    {"id": "y3-h2", "months": 6, "quantity": "450", "amount": "70000.00"}
	  ]}`))
	if err != nil {
		panic(err)
	}
	s, err := r.Schedule()
	if err != nil {
		panic(err)
	}
	fmt.Print(s.Text())
	// Output:
	// ramp acme-ramp 2026-01-01..2029-01-01, TCV 244900.00 USD, billed by quarter
	//     segment                  period  quantity    amount        ACV        unit  annual unit
	//          y1  2026-01-01..2027-01-01       100  30000.00   30000.00  300.000000   300.000000
	//          y2  2027-01-01..2028-01-01       250  78750.00   78750.00  315.000000   315.000000
	//       y3-h1  2028-01-01..2028-07-01       400  66150.00  132300.00  165.375000   330.750000
	//       y3-h2  2028-07-01..2029-01-01       450  70000.00  140000.00  155.555556   311.111111
	//   charges:
	//       2026-01-01   7500.00  segment y1
	//       2026-04-01   7500.00  segment y1
	//       2026-07-01   7500.00  segment y1
	//       2026-10-01   7500.00  segment y1
	//       2027-01-01  19687.50  segment y2
	//       2027-04-01  19687.50  segment y2
	//       2027-07-01  19687.50  segment y2
	//       2027-10-01  19687.50  segment y2
	//       2028-01-01  33075.00  segment y3-h1
	//       2028-04-01  33075.00  segment y3-h1
	//       2028-07-01  35000.00  segment y3-h2
	//       2028-10-01  35000.00  segment y3-h2
}

func ExampleRetention() {
	ev, err := renewal.Retention(renewal.RetentionFacts{
		Partner: "acme", Deal: "R-9",
		Due:     time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Renewed: time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), TermMonths: 36,
		PriorACV: partnerops.MustMoney("48000.00", "USD"), RenewedACV: partnerops.MustMoney("50400.00", "USD"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("on time %v (%d days early), multi-year %v (%d years), growth %s, net retention %s\n",
		ev.OnTime, ev.DaysEarly, ev.MultiYear, ev.Years, ev.Growth, ev.NetRetention)
	// Output:
	// on time true (28 days early), multi-year true (3 years), growth 2400.00 USD, net retention 105.0000%
}
