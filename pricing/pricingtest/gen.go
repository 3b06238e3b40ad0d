package pricingtest

import (
	"fmt"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
)

// genTiers is the tier ladder of generated frameworks, lowest first.
var genTiers = []partnerops.Tier{"silver", "gold", "platinum"}

// genFamilies are the product families of generated books.
var genFamilies = []pricing.Family{"security", "storage", "services"}

// Books generates valid price books: one list book "us" in USD with 1
// to 8 entries ("SKU-1", ...) in the families security, storage and
// services, list prices from 1.00 to 10,000.00, and optionally a cost
// (at most the list price) and a floor (between the cost and the list
// price). Entries are in force at every instant.
func Books() *rapid.Generator[[]pricing.PriceBook] {
	return rapid.Custom(func(t *rapid.T) []pricing.PriceBook {
		n := rapid.IntRange(1, 8).Draw(t, "entries")
		b := pricing.PriceBook{ID: "us", Currency: partnerops.USD, Region: "na"}
		for i := range n {
			list := opstest.Money(partnerops.USD, 100, 1_000_000).Draw(t, "list")
			e := pricing.Entry{
				SKU:    pricing.SKU(fmt.Sprintf("SKU-%d", i+1)),
				Family: rapid.SampledFrom(genFamilies).Draw(t, "family"),
				List:   &list,
			}
			lu, _ := list.MinorUnitsValue()
			cu := int64(0)
			if rapid.Bool().Draw(t, "has cost") {
				cu = rapid.Int64Range(0, lu).Draw(t, "cost")
				cost := minor(t, cu)
				e.Cost = &cost
			}
			if rapid.IntRange(0, 3).Draw(t, "has floor") == 0 {
				floor := minor(t, rapid.Int64Range(cu, lu).Draw(t, "floor"))
				e.Floor = &floor
			}
			b.Entries = append(b.Entries, e)
		}
		return []pricing.PriceBook{b}
	})
}

func minor(t *rapid.T, units int64) partnerops.Money {
	m, err := partnerops.MoneyFromMinor(units, partnerops.USD)
	if err != nil {
		t.Fatalf("pricingtest: %v", err)
	}
	return m
}

// Framework generates valid discount frameworks for books (drawn by
// [Books]): the ladder silver < gold < platinum, 1 to 4 stacking groups
// of every combination mode (some capped), up to 12 rules of every
// effect kind but block schedules, with conditions on tiers, the SKUs
// and families of the books, quantities, deal registration, business
// type and a date window in 2026, priorities, exclusions and required
// approvals; a tie-break that never fails a quote (rule ID or largest
// discount), an optional total cap and minimum margin, and an approval
// matrix (manager, then VP). Every framework drawn compiles with its
// books, and every quote [Quote] draws for them prices.
func Framework(books []pricing.PriceBook) *rapid.Generator[pricing.Framework] {
	return rapid.Custom(func(t *rapid.T) pricing.Framework {
		fw := pricing.Framework{
			Program:  partnerops.Program{Tiers: partnerops.MustTierLadder(genTiers...)},
			Currency: partnerops.USD,
			TieBreak: rapid.SampledFrom([]pricing.TieBreak{pricing.TieBreakRuleID, pricing.TieBreakLargestDiscount}).Draw(t, "tie break"),
		}
		modes := []pricing.CombineMode{pricing.CombineFirst, pricing.CombineBestOf, pricing.CombineAdditive, pricing.CombineCompounding}
		for i := range rapid.IntRange(1, 4).Draw(t, "groups") {
			g := pricing.Group{ID: pricing.GroupID(fmt.Sprintf("g%d", i+1)), Mode: rapid.SampledFrom(modes).Draw(t, "mode")}
			if rapid.IntRange(0, 3).Draw(t, "group cap") == 0 {
				g.Cap = ptr(opstest.Percent(0, 5000).Draw(t, "cap"))
			}
			fw.Groups = append(fw.Groups, g)
		}
		var skus []pricing.SKU
		famSet := map[pricing.Family]bool{}
		var fams []pricing.Family
		for _, b := range books {
			for _, e := range b.Entries {
				skus = append(skus, e.SKU)
				if e.Family != "" && !famSet[e.Family] {
					famSet[e.Family] = true
					fams = append(fams, e.Family)
				}
			}
		}
		manager := opstest.Percent(500, 3000).Draw(t, "manager above")
		vp := opstest.Percent(3001, 6000).Draw(t, "vp above")
		fw.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: manager}, {Level: "vp", Above: vp}}
		for i := range rapid.IntRange(0, 12).Draw(t, "rules") {
			r := pricing.Rule{
				ID:       pricing.RuleID(fmt.Sprintf("r%02d", i+1)),
				Group:    rapid.SampledFrom(fw.Groups).Draw(t, "group").ID,
				Priority: rapid.IntRange(0, 3).Draw(t, "priority"),
				Effect:   genEffect(t),
				When:     genConditions(t, skus, fams),
			}
			if i > 0 && rapid.IntRange(0, 5).Draw(t, "excludes") == 0 {
				r.Excludes = []pricing.RuleID{fw.Rules[rapid.IntRange(0, i-1).Draw(t, "excluded")].ID}
			}
			r.Exclusive = rapid.IntRange(0, 15).Draw(t, "exclusive") == 0
			if rapid.IntRange(0, 7).Draw(t, "approval") == 0 {
				r.Approval = "manager"
			}
			fw.Rules = append(fw.Rules, r)
		}
		if rapid.Bool().Draw(t, "total cap") {
			fw.TotalCap = ptr(opstest.Percent(0, 8000).Draw(t, "total cap percent"))
		}
		if rapid.Bool().Draw(t, "min margin") {
			fw.MinMargin = ptr(opstest.Percent(0, 5000).Draw(t, "min margin percent"))
		}
		return fw
	})
}

func ptr[T any](v T) *T { return &v }

func genEffect(t *rapid.T) pricing.Effect {
	pct := func(hi int64) partnerops.Percent { return opstest.Percent(0, hi).Draw(t, "percent") }
	usd := func(lo, hi int64) partnerops.Money { return opstest.Money(partnerops.USD, lo, hi).Draw(t, "amount") }
	switch rapid.IntRange(0, 8).Draw(t, "effect") {
	case 0, 1:
		return pricing.PercentOffList(pct(6000))
	case 2:
		return pricing.PercentOffRunning(pct(6000))
	case 3:
		return pricing.TargetMargin(pct(6000))
	case 4:
		return pricing.Markup(pct(2000))
	case 5:
		return pricing.AmountOff(usd(0, 5000))
	case 6:
		return pricing.FixedPrice(usd(100, 1_000_000))
	case 7:
		return pricing.Surcharge(usd(0, 2000))
	}
	kind := rapid.SampledFrom([]pricing.ScheduleKind{pricing.ScheduleRange, pricing.ScheduleSlab}).Draw(t, "schedule")
	ten := partnerops.DecimalFromInt(10)
	return pricing.VolumeSchedule(kind,
		pricing.ScheduleTier{From: partnerops.DecimalFromInt(1), To: &ten, Percent: ptr(pct(2000))},
		pricing.ScheduleTier{From: ten, Percent: ptr(pct(4000))},
	)
}

func genConditions(t *rapid.T, skus []pricing.SKU, fams []pricing.Family) pricing.Conditions {
	var c pricing.Conditions
	switch rapid.IntRange(0, 3).Draw(t, "tier condition") {
	case 1:
		c.Tiers = []partnerops.Tier{rapid.SampledFrom(genTiers).Draw(t, "tier")}
	case 2:
		c.TierAtLeast = rapid.SampledFrom(genTiers).Draw(t, "tier at least")
	}
	switch rapid.IntRange(0, 3).Draw(t, "product condition") {
	case 1:
		c.SKUs = []pricing.SKU{rapid.SampledFrom(skus).Draw(t, "sku")}
	case 2:
		c.Families = []pricing.Family{rapid.SampledFrom(fams).Draw(t, "family")}
	}
	if rapid.IntRange(0, 3).Draw(t, "quantity condition") == 0 {
		c.MinQuantity = ptr(partnerops.DecimalFromInt(rapid.Int64Range(1, 50).Draw(t, "min quantity")))
	}
	if rapid.IntRange(0, 3).Draw(t, "deal registration condition") == 0 {
		c.DealRegistration = []pricing.DealRegStatus{pricing.DealRegApproved}
	}
	if rapid.IntRange(0, 3).Draw(t, "business condition") == 0 {
		c.Business = []partnerops.BusinessType{rapid.SampledFrom([]partnerops.BusinessType{partnerops.BusinessNew, partnerops.BusinessRenewal}).Draw(t, "business")}
	}
	if rapid.IntRange(0, 3).Draw(t, "window condition") == 0 {
		from := rapid.IntRange(0, 300).Draw(t, "from day")
		c.From = genYear.AddDate(0, 0, from)
		c.Until = c.From.AddDate(0, 0, rapid.IntRange(1, 90).Draw(t, "window days"))
	}
	return c
}

// genYear is the first instant of the year generated instants fall in.
var genYear = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate draws definitions: books from [Books] and a framework for
// them from [Framework].
func Generate() *rapid.Generator[Definitions] {
	return rapid.Custom(func(t *rapid.T) Definitions {
		books := Books().Draw(t, "books")
		fw := Framework(books).Draw(t, "framework")
		return Definitions{Books: books, Framework: &fw}
	})
}

// Quote generates quotes for definitions drawn by [Generate] (or any
// with books): the first book, a reseller partner of any tier on the
// framework's ladder (silver, gold, platinum when it has none), a deal
// registration status, a business type, and 1 to 6 lines of the books'
// SKUs with quantities from 1 to 500 (a quarter of them fractional, in
// hundredths).
func Quote(d Definitions) *rapid.Generator[pricing.Quote] {
	return rapid.Custom(func(t *rapid.T) pricing.Quote {
		if len(d.Books) == 0 || len(d.Books[0].Entries) == 0 {
			t.Fatalf("pricingtest.Quote: definitions without book entries")
		}
		tiers := genTiers
		if d.Framework != nil && d.Framework.Program.Tiers.Len() > 0 {
			tiers = d.Framework.Program.Tiers.Tiers()
		}
		q := pricing.Quote{
			ID:               "Q-" + fmt.Sprint(rapid.IntRange(1, 9999).Draw(t, "quote")),
			Book:             d.Books[0].ID,
			Partner:          partnerops.Partner{ID: "p-1", Type: partnerops.PartnerTypeReseller, Tier: rapid.SampledFrom(tiers).Draw(t, "tier")},
			DealRegistration: rapid.SampledFrom([]pricing.DealRegStatus{pricing.DealRegNone, pricing.DealRegRegistered, pricing.DealRegApproved}).Draw(t, "deal registration"),
			Business:         rapid.SampledFrom([]partnerops.BusinessType{partnerops.BusinessNew, partnerops.BusinessRenewal, partnerops.BusinessExpansion}).Draw(t, "business"),
			Region:           d.Books[0].Region,
		}
		entries := d.Books[0].Entries
		for i := range rapid.IntRange(1, 6).Draw(t, "lines") {
			qty := partnerops.DecimalFromInt(rapid.Int64Range(1, 500).Draw(t, "quantity"))
			if rapid.IntRange(0, 3).Draw(t, "fractional") == 0 {
				qty = opstest.Decimal(1, 50000, 2).Draw(t, "fractional quantity")
			}
			q.Lines = append(q.Lines, pricing.QuoteLine{
				ID:       fmt.Sprintf("L-%d", i+1),
				SKU:      rapid.SampledFrom(entries).Draw(t, "entry").SKU,
				Quantity: qty,
			})
		}
		return q
	})
}

// At generates instants on the days of 2026, at midnight UTC, the year
// the date windows of generated rules fall in.
func At() *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		return genYear.AddDate(0, 0, rapid.IntRange(0, 364).Draw(t, "day"))
	})
}
