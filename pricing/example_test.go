package pricing_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// exampleBook holds one SKU: Security Suite at 100.00 USD a seat.
var exampleBook = pricing.PriceBook{
	ID: "us", Currency: partnerops.USD,
	Entries: []pricing.Entry{{SKU: "SEC-100", Family: "security", Name: "Security Suite", Unit: "seat",
		List: ptr(partnerops.MustMoney("100.00", partnerops.USD)), Cost: ptr(partnerops.MustMoney("30.00", partnerops.USD))}},
}

var exampleAt = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// exampleQuote is 10 seats of SEC-100 for a gold reseller.
func exampleQuote() pricing.Quote {
	return pricing.Quote{
		ID:      "Q-7",
		Partner: partnerops.Partner{ID: "p-1", Type: partnerops.PartnerTypeReseller, Tier: "gold"},
		Motion:  partnerops.MotionResell,
		Lines:   []pricing.QuoteLine{{SKU: "SEC-100", Quantity: partnerops.DecimalFromInt(10)}},
	}
}

// priceExample compiles the example book with groups and rules and prints
// the first line's waterfall steps and net price.
func priceExample(groups []pricing.Group, rules ...pricing.Rule) {
	fw := pricing.Framework{
		Program:  partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Currency: partnerops.USD, Groups: groups, Rules: rules,
	}
	e, err := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := e.Price(exampleQuote(), exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	l := r.Lines[0]
	for _, s := range l.Steps() {
		change := s.Amount.Neg().Round(2, partnerops.RoundHalfUp).String() // a discount lowers the price
		if s.Amount.Sign() < 0 {
			change = "+" + change
		}
		fmt.Printf("%-28s %-10s %s → %s\n", s.Describe(), s.Rule, change, s.Running.Round(2, partnerops.RoundHalfUp).String())
	}
	for _, s := range l.Skipped() {
		fmt.Printf("skipped %s: %s\n", s.Rule, s)
	}
	fmt.Println("net unit", l.NetUnit.StringFixed(), "· extended", l.NetExtended.StringFixed())
}

func percentOff(id pricing.RuleID, g pricing.GroupID, kind pricing.EffectKind, p string) pricing.Rule {
	return pricing.Rule{ID: id, Group: g, Effect: pricing.Effect{Kind: kind, Percent: ptr(partnerops.MustPercent(p))}}
}

func ExampleCompile() {
	fw := pricing.Framework{
		Program:  partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Currency: partnerops.USD,
		Groups:   []pricing.Group{{ID: "partner", Mode: pricing.CombineFirst}},
		Rules: []pricing.Rule{
			{ID: "gold", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"diamond"}},
				Effect: pricing.PercentOffList(partnerops.MustPercent("120"))},
			{ID: "promo", Group: "promo", When: pricing.Conditions{SKUs: []pricing.SKU{"SEC-999"}},
				Effect: pricing.AmountOff(partnerops.MustMoney("5", partnerops.USD))},
		},
	}
	_, err := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	fmt.Println("invalid:", errors.Is(err, partnerops.ErrInvalid))
	for _, ve := range partnerops.ValidationErrors(err) {
		fmt.Println(ve)
	}
	// Output:
	// invalid: true
	// rules[gold].when.tiers[0]: unknown tier; must be one of silver < gold (got "diamond")
	// rules[gold].effect.percent: must be between 0% and 100% (got "120%")
	// rules[promo].group: must name a group (got "promo")
	// rules[promo].when.skus[0]: no price book holds this SKU (got "SEC-999")
}

func ExampleEngine_Price() {
	fw := pricing.Framework{
		Program:   partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Groups:    []pricing.Group{{ID: "partner", Mode: pricing.CombineFirst}},
		Approvals: []pricing.ApprovalThreshold{{Level: "manager", Above: partnerops.MustPercent("20")}},
		Rules: []pricing.Rule{
			{ID: "tier-silver", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"silver"}},
				Effect: pricing.PercentOffList(partnerops.MustPercent("15"))},
			{ID: "tier-gold", Group: "partner", When: pricing.Conditions{TierAtLeast: "gold"},
				Effect: pricing.PercentOffList(partnerops.MustPercent("22.5"))},
			{ID: "volume-gold", Group: "partner", Priority: 1, When: pricing.Conditions{TierAtLeast: "gold", MinQuantity: ptr(partnerops.MustDecimal("25"))},
				Effect: pricing.PercentOffList(partnerops.MustPercent("30"))},
		},
	}
	e, err := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := e.Price(exampleQuote(), exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	l := r.Lines[0]
	fmt.Println("list", l.List, "net", l.NetUnit, "extended", l.NetExtended)
	fmt.Println("applied", l.Steps()[0].Rule, "·", l.Steps()[0].Describe())
	fmt.Println("skipped", l.Skipped()[0].Rule, "·", l.Skipped()[0])
	fmt.Println("discount", l.EffectiveDiscount, "approval", l.Approval)
	// Output:
	// list 100.00 USD net 77.50 USD extended 775.00 USD
	// applied tier-gold · 22.5% off list
	// skipped volume-gold · condition failed: quantity (wants quantity at least 25)
	// discount 22.5000% approval manager
}

func ExampleEngine_ListPrice() {
	rate := partnerops.MustDecimal("0.92")
	eu := pricing.PriceBook{ID: "eu", Currency: partnerops.EUR, Basis: pricing.BasisBook, BaseBook: "us", Rate: &rate,
		Formula: &pricing.Formula{Increment: partnerops.MustDecimal("0.05"), IncrementMode: partnerops.RoundUp}}
	e, err := pricing.Compile([]pricing.PriceBook{exampleBook, eu}, pricing.Framework{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range e.Books() {
		p, _ := e.ListPrice(b, "SEC-100", exampleAt)
		fmt.Println(b, p.StringFixed())
	}
	// Output:
	// eu 92.00 EUR
	// us 100.00 USD
}

func ExampleResult_Text() {
	fw := pricing.Framework{
		Currency: partnerops.USD,
		Groups: []pricing.Group{
			{ID: "partner", Label: "partner price", Mode: pricing.CombineFirst},
			{ID: "promo", Mode: pricing.CombineAdditive},
		},
		Rules: []pricing.Rule{
			{ID: "reseller", Group: "partner", When: pricing.Conditions{PartnerTypes: []partnerops.PartnerType{"reseller"}},
				Effect: pricing.PercentOffRunning(partnerops.MustPercent("20"))},
			{ID: "spring", Group: "promo", Effect: pricing.AmountOff(partnerops.MustMoney("2.50", partnerops.USD))},
			{ID: "renewal", Group: "promo", When: pricing.Conditions{Business: []partnerops.BusinessType{"renewal"}},
				Effect: pricing.PercentOffList(partnerops.MustPercent("5"))},
		},
	}
	e, err := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := e.Price(exampleQuote(), exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Text())
	// Output:
	// Quote Q-7 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 Security Suite × 10 seat
	//   Step                   Rule      Amount  Unit price
	//   List price                               100.00
	//   20% off running price  reseller  -20.00  80.00
	//   = partner price                          80.00
	//   2.50 off per unit      spring    -2.50   77.50
	//   Net unit price                           77.50
	//   Extended: list 1000.00, net 775.00, discount 225.00 (22.50%), approval: none
	//   Skipped:
	//     renewal: condition failed: business (wants renewal)
	//
	// Total: list 1000.00 USD, net 775.00 USD, discount 225.00 USD (22.50%), approval: none
}

func ExampleResult_Markdown() {
	fw := pricing.Framework{
		Groups: []pricing.Group{{ID: "partner", Mode: pricing.CombineFirst}},
		Rules:  []pricing.Rule{percentOff("reseller", "partner", pricing.EffectPercentOffList, "20")},
	}
	e, _ := pricing.Compile([]pricing.PriceBook{exampleBook}, fw)
	r, err := e.Price(exampleQuote(), exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Markdown())
	// Output:
	// ## Quote Q-7 · book us (USD) · priced at 2026-03-02
	//
	// ### Line 1: SEC-100 Security Suite × 10 seat
	//
	// | Step | Rule | Amount | Unit price | Note |
	// |---|---|--:|--:|---|
	// | **List price** |  |  | 100.00 |  |
	// | 20% off list | `reseller` | -20.00 | 80.00 |  |
	// | **Net unit price** |  |  | 80.00 |  |
	//
	// Extended: list 1000.00, net **800.00**, discount 200.00 (20.00%); approval: **none**.
	//
	// **Total**: list 1000.00 USD, net **800.00 USD**, discount 200.00 USD (20.00%); approval: **none**.
}

// One winning rule by specificity, then priority (Salesforce-style price
// rules, ERPNext priority): the SKU rule beats the global one even though
// the global rule has the higher priority.
func Example_migrationOneWinner() {
	sku := percentOff("sec-100-special", "partner", pricing.EffectPercentOffList, "12")
	sku.When.SKUs = []pricing.SKU{"SEC-100"}
	global := percentOff("everything", "partner", pricing.EffectPercentOffList, "20")
	global.Priority = 100
	priceExample([]pricing.Group{{ID: "partner", Mode: pricing.CombineFirst}}, sku, global)
	// Output:
	// 12% off list                 sec-100-special -12.00 → 88.00
	// skipped everything: not selected: "sec-100-special" won the group
	// net unit 88.00 USD · extended 880.00 USD
}

// Percentages summed (ERPNext apply_multiple_pricing_rules): 20% + 10% of
// list is 30% off.
func Example_migrationPercentagesSummed() {
	priceExample([]pricing.Group{{ID: "stack", Mode: pricing.CombineAdditive}},
		percentOff("tier", "stack", pricing.EffectPercentOffList, "20"),
		percentOff("promo", "stack", pricing.EffectPercentOffList, "10"))
	// Output:
	// 10% off list                 promo      -10.00 → 90.00
	// 20% off list                 tier       -20.00 → 70.00
	// net unit 70.00 USD · extended 700.00 USD
}

// Percentages compounded on the running price (ERPNext
// apply_discount_on_rate): 20% then 10% of 80 is 28% off.
func Example_migrationCompounded() {
	tier := percentOff("tier", "stack", pricing.EffectPercentOffRunning, "20")
	tier.Priority = 1
	priceExample([]pricing.Group{{ID: "stack", Mode: pricing.CombineCompounding}},
		tier, percentOff("promo", "stack", pricing.EffectPercentOffRunning, "10"))
	// Output:
	// 20% off running price        tier       -20.00 → 80.00
	// 10% off running price        promo      -8.00 → 72.00
	// net unit 72.00 USD · extended 720.00 USD
}

// Percent and amount both converted to amounts and summed (Apache OFBiz
// adds every action's modifyAmount): 15% of 100 plus 7.50.
func Example_migrationPercentAndAmount() {
	priceExample([]pricing.Group{{ID: "actions", Mode: pricing.CombineAdditive}},
		percentOff("pol", "actions", pricing.EffectPercentOffList, "15"),
		pricing.Rule{ID: "fol", Group: "actions", Effect: pricing.AmountOff(partnerops.MustMoney("7.50", partnerops.USD))})
	// Output:
	// 7.50 off per unit            fol        -7.50 → 92.50
	// 15% off list                 pol        -15.00 → 77.50
	// net unit 77.50 USD · extended 775.00 USD
}

// A margin added before the discount (ERPNext margin then discount): the
// markup group comes first in the waterfall, so 25% comes off 120.
func Example_migrationMarginBeforeDiscount() {
	priceExample([]pricing.Group{{ID: "margin", Mode: pricing.CombineAdditive}, {ID: "discount", Mode: pricing.CombineFirst}},
		percentOff("margin", "margin", pricing.EffectMarkup, "20"),
		percentOff("disc", "discount", pricing.EffectPercentOffRunning, "25"))
	// Output:
	// markup 20%                   margin     +20.00 → 120.00
	// 25% off running price        disc       -30.00 → 90.00
	// net unit 90.00 USD · extended 900.00 USD
}

// An exclusive rule beats everything: when the clearance price applies,
// no other rule does.
func Example_migrationExclusive() {
	clearance := pricing.Rule{ID: "clearance", Group: "promo", Exclusive: true,
		Effect: pricing.FixedPrice(partnerops.MustMoney("85", partnerops.USD))}
	priceExample([]pricing.Group{{ID: "partner", Mode: pricing.CombineFirst}, {ID: "promo", Mode: pricing.CombineAdditive}},
		percentOff("tier", "partner", pricing.EffectPercentOffList, "20"),
		percentOff("promo", "promo", pricing.EffectPercentOffList, "5"),
		clearance)
	// Output:
	// fixed price 85               clearance  -15.00 → 85.00
	// skipped tier: excluded by "clearance"
	// skipped promo: excluded by "clearance"
	// net unit 85.00 USD · extended 850.00 USD
}

// Range, slab and block schedules on the same 10 seats. Tier bounds are
// [From, To): lower inclusive, upper exclusive.
func Example_volumeSchedules() {
	tiers := []pricing.ScheduleTier{
		{From: partnerops.MustDecimal("1"), To: ptr(partnerops.MustDecimal("5")), Percent: ptr(partnerops.MustPercent("0"))},
		{From: partnerops.MustDecimal("5"), Percent: ptr(partnerops.MustPercent("20"))},
	}
	for _, kind := range []pricing.ScheduleKind{pricing.ScheduleRange, pricing.ScheduleSlab} {
		fmt.Println(kind + ":")
		priceExample([]pricing.Group{{ID: "volume", Mode: pricing.CombineFirst}}, pricing.Rule{ID: "vol", Group: "volume",
			Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: kind, Tiers: tiers}}})
	}
	fmt.Println("block:")
	priceExample([]pricing.Group{{ID: "volume", Mode: pricing.CombineFirst}}, pricing.Rule{ID: "vol", Group: "volume",
		Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleBlock,
			Tiers: []pricing.ScheduleTier{{From: partnerops.MustDecimal("1"), To: ptr(partnerops.MustDecimal("25")),
				Price: ptr(partnerops.MustMoney("850", partnerops.USD))}}}}})
	// Output:
	// range:
	// volume tier 2: 20% off       vol        -20.00 → 80.00
	// net unit 80.00 USD · extended 800.00 USD
	// slab:
	// volume slab: 4 at tier 1, 6 at tier 2: up to 20% off vol        -12.00 → 88.00
	// net unit 88.00 USD · extended 880.00 USD
	// block:
	// volume tier 1: 850           vol        -15.00 → 85.00
	// net unit 85.00 USD · extended 850.00 USD
}

func ptr[T any](v T) *T { return &v }

// A deal-desk walkthrough: a tier discount, a deal-registration bonus that
// the promotion is not combinable with, a capped strategic group, the
// minimum-margin floor and the approval matrix, on two lines.
func Example_dealDesk() {
	usd := func(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }
	book := pricing.PriceBook{ID: "us", Currency: partnerops.USD, Entries: []pricing.Entry{
		{SKU: "SEC-100", Name: "Security Suite", Unit: "seat", List: ptr(usd("100.00")), Cost: ptr(usd("30.00"))},
		{SKU: "STO-100", Name: "Backup Vault", Unit: "TB", List: ptr(usd("40.00")), Cost: ptr(usd("22.00"))},
	}}
	cap10 := partnerops.MustPercent("10")
	margin := partnerops.MustPercent("20")
	fw := pricing.Framework{
		Program:  partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Currency: partnerops.USD,
		Groups: []pricing.Group{
			{ID: "partner", Label: "partner price", Mode: pricing.CombineFirst},
			{ID: "dealreg", Mode: pricing.CombineAdditive},
			{ID: "strategic", Label: "net price", Mode: pricing.CombineCompounding, Cap: &cap10},
		},
		MinMargin: &margin,
		Approvals: []pricing.ApprovalThreshold{{Level: "manager", Above: partnerops.MustPercent("20")}, {Level: "vp", Above: partnerops.MustPercent("35")}},
		Rules: []pricing.Rule{
			{ID: "gold", Group: "partner", When: pricing.Conditions{Tiers: []partnerops.Tier{"gold"}},
				Effect: pricing.PercentOffList(partnerops.MustPercent("25"))},
			{ID: "dealreg", Group: "dealreg", Priority: 10, When: pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegApproved}},
				Effect: pricing.PercentOffList(partnerops.MustPercent("10"))},
			{ID: "promo", Group: "strategic", ExcludesGroups: []pricing.GroupID{"dealreg"},
				Effect: pricing.PercentOffRunning(partnerops.MustPercent("5"))},
			{ID: "competitive", Group: "strategic", When: pricing.Conditions{Attributes: map[string][]string{"competitor": {"acme"}}},
				Effect: pricing.PercentOffRunning(partnerops.MustPercent("8"))},
			{ID: "new-logo", Group: "strategic", When: pricing.Conditions{Business: []partnerops.BusinessType{partnerops.BusinessNew}},
				Effect: pricing.PercentOffRunning(partnerops.MustPercent("5"))},
		},
	}
	e, err := pricing.Compile([]pricing.PriceBook{book}, fw)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := exampleQuote()
	q.DealRegistration, q.Business = pricing.DealRegApproved, partnerops.BusinessNew
	q.Attributes = map[string]string{"competitor": "acme"}
	q.Lines = append(q.Lines, pricing.QuoteLine{SKU: "STO-100", Quantity: partnerops.DecimalFromInt(20)})
	r, err := e.Price(q, exampleAt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Text())
	// Output:
	// Quote Q-7 · book us (USD) · priced at 2026-03-02
	//
	// Line 1: SEC-100 Security Suite × 10 seat
	//   Step                  Rule         Amount  Unit price
	//   List price                                 100.00
	//   25% off list          gold         -25.00  75.00
	//   = partner price                            75.00
	//   10% off list          dealreg      -10.00  65.00
	//   8% off running price  competitive  -5.20   59.80
	//   5% off running price  new-logo     -1.30   58.50       limited by group cap (requested 2.99)
	//   = net price                                58.50
	//   Net unit price                             58.50
	//   Extended: list 1000.00, net 585.00, discount 415.00 (41.50%), approval: vp
	//   Skipped:
	//     promo: excluded by "dealreg"
	//
	// Line 2: STO-100 Backup Vault × 20 TB
	//   Step             Rule     Amount  Unit price
	//   List price                        40.00
	//   25% off list     gold     -10.00  30.00
	//   = partner price                   30.00
	//   10% off list     dealreg  -2.50   27.50       limited by floor (requested 4.00)
	//   Net unit price                    27.50
	//   Extended: list 800.00, net 550.00, discount 250.00 (31.25%), approval: manager
	//   Skipped:
	//     promo: excluded by "dealreg"
	//     competitive: floored: already at the price floor
	//     new-logo: floored: already at the price floor
	//
	// Total: list 1800.00 USD, net 1135.00 USD, discount 665.00 USD (36.9444%), approval: vp
}
