package deal_test

import (
	"fmt"

	"github.com/partnerops/partnerops/pricing/deal"
)

const termsJSON = `{
  "currency": "USD",
  "motions": ["direct"],
  "models": [
    {"id": "direct", "motion": "direct"},
    {"id": "resell", "motion": "resell", "parties": [
      {"id": "reseller", "role": "reseller", "margin": "20", "renewal_margin": "15"}]},
    {"id": "two-tier", "motion": "resell", "parties": [
      {"id": "reseller", "role": "reseller", "margin": "20"},
      {"id": "distributor", "role": "distributor", "margin": "8"}]},
    {"id": "referral", "motion": "referral", "parties": [
      {"id": "referrer", "role": "referral", "fee": "10", "years": 2, "cap": "25000.00"}]},
    {"id": "marketplace", "motion": "marketplace", "parties": [
      {"id": "aws", "role": "marketplace", "fee": "3", "private_offer_fee": "1.5"}]},
    {"id": "cppo", "motion": "marketplace", "parties": [
      {"id": "reseller", "role": "reseller", "margin": "12"},
      {"id": "aws", "role": "marketplace", "fee": "3", "private_offer_fee": "1.5"}]},
    {"id": "gsi", "motion": "co_sell", "parties": [
      {"id": "si", "role": "gsi", "sourced_fee": "10", "influenced_fee": "5", "basis": "first_year_acv"}]},
    {"id": "alliance", "motion": "co_sell", "parties": [
      {"id": "isv", "role": "alliance", "tiers": [
        {"from": "0", "percent": "10"}, {"from": "100000.00", "percent": "15"}]}]},
    {"id": "oem", "motion": "oem", "parties": [
      {"id": "oem", "role": "oem", "royalty_per_unit": "12.50", "minimum": "50000.00"}]}
  ]
}`

func mustEngine() *deal.Engine {
	t, err := deal.ParseTerms([]byte(termsJSON))
	if err != nil {
		panic(err)
	}
	e, err := deal.Compile(t)
	if err != nil {
		panic(err)
	}
	return e
}

func mustDeal(s string) deal.Deal {
	d, err := deal.ParseDeal([]byte(s))
	if err != nil {
		panic(err)
	}
	return d
}

// Two-tier distribution: vendor → distributor → reseller → customer,
// each tier with its own margin.
func ExampleEngine_Evaluate_twoTier() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-1", "model": "two-tier", "list": {"amount": "125000.00", "currency": "USD"},
	  "price": {"amount": "100000.00", "currency": "USD"},
	  "parties": [{"slot": "reseller", "partner": "acme"}, {"slot": "distributor", "partner": "dist-one"}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-1 under two-tier (resell, new, 12 months), USD
	//                                   list  125000.00
	//                         customer price  100000.00            discount 25000.00 (20.0000%)
	//               reseller acme (reseller)  -20000.00  80000.00  margin 20% of sale price 100000.00, buys at 80000.00
	//     distributor dist-one (distributor)   -6400.00  73600.00  margin 8% of sale price 80000.00, buys at 73600.00
	//                             vendor net   73600.00            73.6000% of the customer price
}

// A channel-partner private offer: the reseller's margin rides on the
// marketplace, which keeps its private-offer fee. The fee lowers what
// the vendor keeps but not the customer price: the discount a deal desk
// approves is unchanged.
func ExampleEngine_Evaluate_channelPartnerPrivateOffer() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-2", "model": "cppo", "private_offer": true,
	  "list": {"amount": "120000.00", "currency": "USD"}, "price": {"amount": "100000.00", "currency": "USD"},
	  "parties": [{"slot": "reseller", "partner": "acme"}, {"slot": "aws", "partner": "aws"}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-2 under cppo (marketplace, new, 12 months), USD
	//                         list  120000.00
	//               customer price  100000.00            discount 20000.00 (16.6667%)
	//     reseller acme (reseller)  -12000.00  88000.00  margin 12% of sale price 100000.00, buys at 88000.00
	//        aws aws (marketplace)   -1500.00  86500.00  fee 1.5% of customer price 100000.00
	//                   vendor net   86500.00            86.5000% of the customer price
}

// A referral fee of 10% of each contract year's ACV for two years,
// capped at 25,000, split 60/40 between two referrers.
func ExampleEngine_Evaluate_referral() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-3", "model": "referral", "term_months": 36,
	  "price": {"amount": "400000.00", "currency": "USD"},
	  "parties": [{"slot": "referrer", "partner": "r-1", "weight": "60"}, {"slot": "referrer", "partner": "r-2", "weight": "40"}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-3 under referral (referral, new, 36 months), USD
	//              customer price  400000.00
	//     referrer r-1 (referral)  -15000.00  385000.00  fee 10% of each contract year's ACV for 2 years, capped (requested 26666.66), weight 60 of slot total 25000.00
	//                      year 1    8000.00             of 133333.34
	//                      year 2    7000.00             of 133333.33
	//     referrer r-2 (referral)  -10000.00  375000.00  fee 10% of each contract year's ACV for 2 years, capped (requested 26666.66), weight 40 of slot total 25000.00
	//                      year 1    5333.33             of 133333.34
	//                      year 2    4666.67             of 133333.33
	//                  vendor net  375000.00             93.7500% of the customer price
}

func ExampleEngine_Evaluate_gsi() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-4", "model": "gsi", "term_months": 24,
	  "price": {"amount": "240000.00", "currency": "USD"},
	  "parties": [{"slot": "si", "partner": "bigsi", "attribution": "sourced", "services": {"amount": "90000.00", "currency": "USD"}}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-4 under gsi (co_sell, new, 24 months), USD
	//     customer price  240000.00
	//     si bigsi (gsi)  -12000.00  228000.00  fee 10% of first-year ACV 120000.00
	//         vendor net  228000.00             95.0000% of the customer price
	//   services attached by partners: 90000.00
}

func ExampleEngine_Evaluate_alliance() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-5", "model": "alliance", "price": {"amount": "150000.00", "currency": "USD"},
	  "parties": [{"slot": "isv", "partner": "isv-one"}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-5 under alliance (co_sell, new, 12 months), USD
	//             customer price  150000.00
	//     isv isv-one (alliance)  -17500.00  132500.00  share of net revenue 150000.00, by tiers
	//                 vendor net  132500.00             88.3333% of the customer price
}

func ExampleEngine_Evaluate_oem() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-6", "model": "oem", "price": {"amount": "180000.00", "currency": "USD"}, "units": "6000",
	  "parties": [{"slot": "oem", "partner": "embedco"}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-6 under oem (oem, new, 12 months), USD
	//        customer price   180000.00
	//     oem embedco (oem)  -105000.00  75000.00  keeps sale price 180000.00 less royalty 75000.00 (12.50 per unit × 6000 units)
	//            vendor net    75000.00            41.6667% of the customer price
}

func ExampleEngine_Evaluate_renewal() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"id": "D-7", "model": "resell", "business": "renewal", "price": {"amount": "50000.00", "currency": "USD"},
	  "parties": [{"slot": "reseller", "partner": "acme"}]}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// deal D-7 under resell (resell, renewal, 12 months), USD
	//               customer price  50000.00
	//     reseller acme (reseller)  -7500.00  42500.00  margin 15% of sale price 50000.00, buys at 42500.00
	//                   vendor net  42500.00            85.0000% of the customer price
}

// What the vendor keeps for the same deal under each motion.
func ExampleEngine_Compare() {
	e := mustEngine()
	c, err := e.Compare(mustDeal(`{"id": "D-8", "price": {"amount": "100000.00", "currency": "USD"},
	  "parties": [{"slot": "reseller", "partner": "acme"}, {"slot": "referrer", "partner": "r-1"}]}`),
		"direct", "resell", "two-tier", "marketplace", "cppo", "referral")
	if err != nil {
		panic(err)
	}
	fmt.Print(c.Text())
	// Output:
	// deal D-8 by model
	//           model       motion  partners  vendor net      share   vs first
	//          direct       direct      0.00   100000.00  100.0000%       0.00
	//          resell       resell  20000.00    80000.00   80.0000%  -20000.00
	//        two-tier       resell  26400.00    73600.00   73.6000%  -26400.00
	//     marketplace  marketplace   3000.00    97000.00   97.0000%   -3000.00
	//            cppo  marketplace  15000.00    85000.00   85.0000%  -15000.00
	//        referral     referral  10000.00    90000.00   90.0000%  -10000.00
}

// Compile reports every problem at once, with paths by IDs.
func ExampleCompile() {
	t, err := deal.ParseTerms([]byte(`{"currency": "USD", "models": [
	  {"id": "resell", "motion": "resell", "parties": [{"id": "reseller", "role": "reseller", "margin": "120", "fee": "3"}]},
	  {"id": "referral", "motion": "referral", "parties": [{"id": "ref", "role": "referral", "basis": "acv"}]}]}`))
	if err != nil {
		panic(err)
	}
	_, err = deal.Compile(t)
	fmt.Println(err)
	// Output:
	// deal: compiling terms: models[resell].parties[reseller].margin: must be between 0 and 100 (got "120%")
	// models[resell].parties[reseller].fee: not used by role reseller
	// models[referral].parties[ref].fee: is required for role referral
	// models[referral].parties[ref].basis: must be "first_year_acv" or "tcv" (got "acv")
}

// A deal's partner amounts, split into resale margins and fees, are what
// a profit P&L takes.
func ExampleResult_PartnerAmounts() {
	e := mustEngine()
	r, err := e.Evaluate(mustDeal(`{"model": "cppo", "price": "100000.00", "parties": [{"slot": "reseller", "partner": "acme"}]}`))
	if err != nil {
		panic(err)
	}
	margins, fees := r.PartnerAmounts()
	fmt.Println("customer net", r.CustomerPrice, "margins", margins, "fees", fees, "vendor net", r.VendorNet)
	// Output:
	// customer net 100000.00 USD margins 12000.00 USD fees 3000.00 USD vendor net 85000.00 USD
}
