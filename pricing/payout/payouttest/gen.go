package payouttest

import (
	"fmt"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
)

// Plan generates valid payout plans in USD: a month, quarter or year
// period and 1 to 3 components, each a commission (a flat or marginal
// table of 1 to 4 tiers from 0 with rates up to 20%, cumulative or per
// transaction, optionally for new or renewal business only, optionally
// capped per period or per transaction) or a new-logo bonus; optionally
// a plan cap. Every plan drawn compiles, and every request [Request]
// draws for it evaluates.
func Plan() *rapid.Generator[payout.Plan] {
	return rapid.Custom(func(t *rapid.T) payout.Plan {
		p := payout.Plan{
			ID:       "plan",
			Currency: partnerops.USD,
			Period:   rapid.SampledFrom([]partnerops.PeriodUnit{partnerops.UnitMonth, partnerops.UnitQuarter, partnerops.UnitYear}).Draw(t, "period"),
		}
		for i := range rapid.IntRange(1, 3).Draw(t, "components") {
			id := payout.ComponentID(fmt.Sprintf("c%d", i+1))
			if rapid.IntRange(0, 3).Draw(t, "bonus") == 0 {
				p.Components = append(p.Components, payout.Component{
					ID: id, Kind: payout.KindBonus, When: payout.Filter{NewLogo: true},
					Amount: opstest.Money(partnerops.USD, 1, 500_000).Draw(t, "bonus amount"),
				})
				continue
			}
			c := payout.Component{
				ID:         id,
				Kind:       payout.KindCommission,
				Evaluation: rapid.SampledFrom([]payout.Evaluation{payout.Cumulative, payout.PerTransaction}).Draw(t, "evaluation"),
				Table:      &payout.RateTable{Mode: rapid.SampledFrom([]payout.TierMode{payout.TierFlat, payout.TierMarginal}).Draw(t, "mode")},
			}
			from := int64(0)
			for range rapid.IntRange(1, 4).Draw(t, "tiers") {
				c.Table.Tiers = append(c.Table.Tiers, payout.Tier{
					From: partnerops.DecimalFromInt(from),
					Rate: opstest.Percent(0, 2000).Draw(t, "rate"),
				})
				from += rapid.Int64Range(1, 50).Draw(t, "tier width") * 1000
			}
			if rapid.IntRange(0, 3).Draw(t, "business filter") == 0 {
				c.When.Business = []partnerops.BusinessType{rapid.SampledFrom([]partnerops.BusinessType{partnerops.BusinessNew, partnerops.BusinessRenewal}).Draw(t, "business")}
			}
			if rapid.IntRange(0, 3).Draw(t, "component cap") == 0 {
				c.Cap = &payout.Cap{Amount: opstest.Money(partnerops.USD, 1, 2_000_000).Draw(t, "cap")}
			}
			if c.Evaluation == payout.PerTransaction && rapid.IntRange(0, 3).Draw(t, "transaction cap") == 0 {
				c.TransactionCap = &payout.Cap{Amount: opstest.Money(partnerops.USD, 1, 500_000).Draw(t, "transaction cap amount")}
			}
			p.Components = append(p.Components, c)
		}
		if rapid.Bool().Draw(t, "plan cap") {
			p.Cap = &payout.Cap{Amount: opstest.Money(partnerops.USD, 1, 5_000_000).Draw(t, "plan cap amount")}
		}
		return p
	})
}

// genYear is the first instant of the year generated instants fall in.
var genYear = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Request generates statement requests for e's plan (drawn by [Plan] or
// any other in USD): the payee "p-1" at an instant of 2026, and 0 to 12
// transactions ("T-1", ...) dated in that instant's plan period, with
// revenue from 0.00 to 100,000.00 USD, a business type and, for some, a
// new logo.
func Request(e *payout.Engine) *rapid.Generator[payout.Request] {
	return rapid.Custom(func(t *rapid.T) payout.Request {
		at := genYear.AddDate(0, 0, rapid.IntRange(0, 364).Draw(t, "day"))
		period := e.Period(at)
		days := int(period.End.Sub(period.Start).Hours() / 24)
		req := payout.Request{Payee: "p-1", At: at}
		for i := range rapid.IntRange(0, 12).Draw(t, "transactions") {
			req.Transactions = append(req.Transactions, payout.Transaction{
				ID:       payout.TransactionID(fmt.Sprintf("T-%d", i+1)),
				Date:     period.Start.AddDate(0, 0, rapid.IntRange(0, max(days-1, 0)).Draw(t, "date")),
				Amount:   opstest.Money(e.Currency(), 0, 10_000_000).Draw(t, "amount"),
				Business: rapid.SampledFrom([]partnerops.BusinessType{partnerops.BusinessNew, partnerops.BusinessRenewal, partnerops.BusinessExpansion}).Draw(t, "business"),
				NewLogo:  rapid.IntRange(0, 3).Draw(t, "new logo") == 0,
			})
		}
		return req
	})
}
