package pricing_test

import (
	"github.com/partnerops/partnerops"
	"fmt"
	"testing"

	"github.com/partnerops/partnerops/pricing"
)

func TestScratch(t *testing.T) {
	fw := framework([]pricing.Group{{ID: "partner", Mode: pricing.CombineFirst, Label: "partner price"}, {ID: "promo", Mode: pricing.CombineCompounding}},
		pricing.Rule{ID: "gold", Group: "partner", When: pricing.Conditions{TierAtLeast: "gold"}, Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pct("20")}},
		pricing.Rule{ID: "silver", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"silver"}}, Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pct("10")}},
		pricing.Rule{ID: "sec", Group: "partner", When: pricing.Conditions{Families: []pricing.Family{"security"}, TierAtLeast: "platinum"}, Effect: pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pct("25")}},
		pricing.Rule{ID: "p1", Group: "promo", Effect: pricing.Effect{Kind: pricing.EffectPercentOffRunning, Percent: pct("12.5")}},
		pricing.Rule{ID: "p2", Group: "promo", Effect: pricing.Effect{Kind: pricing.EffectAmountOff, Amount: m("3")}},
	)
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", line("SEC-100", "10"), line("STO-100", "3")), day)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(r.Text())
	fmt.Println(r.Markdown())
}
