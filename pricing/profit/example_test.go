package profit_test

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/profit"
)

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, "USD") }

func ExampleMargin() {
	m, _ := profit.Margin(usd("125.00"), usd("100.00"))
	k, _ := profit.Markup(usd("125.00"), usd("100.00"))
	fmt.Println("margin", m, "markup", k)
	// Output:
	// margin 20.0000% markup 25.0000%
}

// A resold deal's P&L: the amounts come from a deal economics result
// (customer net, partner margins and fees), payout plans (incentives)
// and finance (cost of goods, cost to serve).
func ExamplePnL() {
	d, err := profit.ParseDeal([]byte(`{"id": "D-1", "partner": "acme", "motion": "resell",
	  "list": "125000.00", "customer_net": {"amount": "100000.00", "currency": "USD"},
	  "partner_margins": "20000.00", "partner_fees": "1500.00", "incentives": "2000.00",
	  "cogs": "12000.00", "cost_to_serve": "4500.00"}`))
	if err != nil {
		panic(err)
	}
	s, err := profit.PnL(d)
	if err != nil {
		panic(err)
	}
	fmt.Print(s.Text())
	// Output:
	// P&L of deal D-1, USD
	//                   list  125000.00
	//               discount  -25000.00
	//           customer net  100000.00
	//        partner margins  -20000.00
	//           partner fees   -1500.00  partners 21.5000% of customer net
	//     vendor net revenue   78500.00
	//          cost of goods  -12000.00
	//           gross profit   66500.00  margin 84.7134%, markup 554.1667%
	//             incentives   -2000.00
	//          cost to serve   -4500.00
	//           contribution   60000.00  contribution margin 76.4331%
}

func ExampleRoll() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	deals := []profit.Deal{
		{ID: "D-1", Partner: "acme", Motion: "resell", Closed: day(1, 20), CustomerNet: usd("100000.00"), PartnerMargins: usd("20000.00"), COGS: usd("12000.00")},
		{ID: "D-2", Partner: "acme", Motion: "marketplace", Closed: day(2, 3), CustomerNet: usd("50000.00"), PartnerFees: usd("1500.00"), COGS: usd("6000.00")},
		{ID: "D-3", Partner: "bolt", Motion: "referral", Closed: day(4, 9), CustomerNet: usd("80000.00"), PartnerFees: usd("8000.00"), COGS: usd("9600.00"), CostToServe: usd("2000.00")},
		{ID: "D-4", Motion: "direct", Closed: day(5, 30), CustomerNet: usd("60000.00"), COGS: usd("7200.00"), CostToServe: usd("6000.00")},
	}
	r, err := profit.Roll(deals, profit.Options{Currency: "USD", By: []profit.Dimension{profit.ByPeriod, profit.ByMotion}, Unit: partnerops.UnitQuarter})
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	// Output:
	// profitability by period × motion, USD
	//                                              group  deals  customer net  partners  vendor net  contribution    margin
	//     2026-01-01..2026-04-01 (quarter) / marketplace      1      50000.00   1500.00    48500.00      42500.00  87.6289%
	//          2026-01-01..2026-04-01 (quarter) / resell      1     100000.00  20000.00    80000.00      68000.00  85.0000%
	//          2026-04-01..2026-07-01 (quarter) / direct      1      60000.00      0.00    60000.00      46800.00  78.0000%
	//        2026-04-01..2026-07-01 (quarter) / referral      1      80000.00   8000.00    72000.00      60400.00  83.8889%
	//                                              total      4     290000.00  29500.00   260500.00     217700.00  83.5701%
}
