package pricing_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"pgregory.net/rapid"
)

// genExactRules draws rules whose amounts are exact at the working
// precision (percentages of the list price with two decimals, amounts in
// cents, prices, range schedules of prices), so that results compare
// exactly across units and quotes.
func genExactRules(t *rapid.T, groups []pricing.Group) []pricing.Rule {
	n := rapid.IntRange(0, 8).Draw(t, "rules")
	rules := make([]pricing.Rule, n)
	for i := range rules {
		r := pricing.Rule{ID: pricing.RuleID(fmt.Sprintf("r%02d", i)),
			Group:    groups[rapid.IntRange(0, len(groups)-1).Draw(t, "group")].ID,
			Priority: rapid.IntRange(0, 3).Draw(t, "priority")}
		switch rapid.IntRange(0, 4).Draw(t, "kind") {
		case 0:
			r.Effect = pricing.PercentOffList(genPercent(t, "pct", 0, 100))
		case 1:
			r.Effect = pricing.AmountOff(cents(rapid.IntRange(0, 5000).Draw(t, "cents")))
		case 2:
			r.Effect = pricing.FixedPrice(cents(rapid.IntRange(0, 20000).Draw(t, "cents")))
		case 3:
			r.Effect = pricing.Surcharge(cents(rapid.IntRange(0, 2000).Draw(t, "cents")))
		default:
			from := rapid.IntRange(1, 40).Draw(t, "from")
			r.Effect = pricing.VolumeSchedule(pricing.ScheduleRange,
				pricing.ScheduleTier{From: partnerops.DecimalFromInt(1), To: ptr(partnerops.DecimalFromInt(int64(from + 1))), Price: ptr(cents(rapid.IntRange(0, 20000).Draw(t, "cents")))},
				pricing.ScheduleTier{From: partnerops.DecimalFromInt(int64(from + 1)), Price: ptr(cents(rapid.IntRange(0, 20000).Draw(t, "cents")))})
		}
		if rapid.IntRange(0, 3).Draw(t, "min-qty") == 0 {
			r.When.MinQuantity = ptr(partnerops.DecimalFromInt(int64(rapid.IntRange(1, 100).Draw(t, "min"))))
		}
		rules[i] = r
	}
	return rules
}

func genExactFramework(t *rapid.T) pricing.Framework {
	n := rapid.IntRange(1, 3).Draw(t, "groups")
	groups := make([]pricing.Group, n)
	for i := range groups {
		// Not compounding: percentages of a running price that carries
		// digits would be rounded to the working precision.
		groups[i] = pricing.Group{ID: pricing.GroupID(fmt.Sprintf("g%d", i)),
			Mode: rapid.SampledFrom(allModes[:3]).Draw(t, "mode")}
	}
	fw := framework(groups, genExactRules(t, groups)...)
	fw.TieBreak = pricing.TieBreakRuleID
	if rapid.Bool().Draw(t, "min-margin") {
		fw.MinMargin = ptr(genPercent(t, "margin", 0, 90))
	}
	return fw
}

// Property (issue 15): a unit conversion round-trips: q boxes of F seats
// price like q × F seats (list value, net extended amount, discount),
// and the box's list price is F times the seat's, when the book rounds
// extended amounts and the rules' amounts are exact.
func TestPropertyUnitConversionRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genExactFramework(t)
		book := usBook()
		book.Rounding.Target = pricing.RoundExtended
		f := rapid.SampledFrom([]string{"2", "3", "12", "0.5", "1.5", "250"}).Draw(t, "factor")
		book.Entries[0].Units = []pricing.UnitConversion{{Unit: "box", Factor: dec(f)}}
		q := partnerops.DecimalFromInt(int64(rapid.IntRange(1, 60).Draw(t, "boxes")))
		boxes := priceRapid(t, fw, []pricing.PriceBook{book}, quote("gold", pricing.QuoteLine{SKU: "SEC-100", Quantity: q, Unit: "box"}))
		seats := priceRapid(t, fw, []pricing.PriceBook{book}, quote("gold", pricing.QuoteLine{SKU: "SEC-100", Quantity: q.Mul(dec(f))}))
		b, s := boxes.Lines[0], seats.Lines[0]
		for _, c := range []struct {
			what       string
			box, seats partnerops.Money
		}{
			{"list extended", b.ListExtended, s.ListExtended},
			{"net extended", b.NetExtended, s.NetExtended},
			{"discount", b.Discount, s.Discount},
			{"list per box", b.List, s.List.Mul(dec(f))},
		} {
			if !c.box.Equal(c.seats) {
				t.Fatalf("%s: %s in boxes, %s in seats\n%s\n%s", c.what, c.box, c.seats, boxes.Text(), seats.Text())
			}
		}
		// Per box and per seat, exact net unit prices agree up to the
		// working precision's rounding of percentages of a running price
		// (10^-6 per seat).
		if d := b.NetUnit.Amount().Sub(s.NetUnit.Amount().Mul(dec(f))).Abs(); d.Cmp(dec(f).Mul(dec("0.000001"))) > 0 {
			t.Fatalf("net unit per box %s, per seat %s\n%s\n%s", b.NetUnit, s.NetUnit, boxes.Text(), seats.Text())
		}
		if !b.UnitFactor.Mul(b.Quantity).Equal(s.Quantity) {
			t.Fatalf("stock quantity %s × %s, want %s", b.Quantity, b.UnitFactor, s.Quantity)
		}
		checkRoundTrip(t, boxes)
	})
}

// genFreeRules draws free-goods rules (no exclusions) in their own group.
func genFreeRules(t *rapid.T) ([]pricing.Group, []pricing.Rule) {
	g := pricing.Group{ID: "more-free", Mode: rapid.SampledFrom(allModes).Draw(t, "free-mode")}
	n := rapid.IntRange(1, 4).Draw(t, "free-rules")
	rules := make([]pricing.Rule, n)
	for i := range rules {
		f := pricing.FreeGoods{Buy: partnerops.DecimalFromInt(int64(rapid.IntRange(1, 50).Draw(t, "buy"))),
			Get:       partnerops.DecimalFromInt(int64(rapid.IntRange(1, 5).Draw(t, "get"))),
			SKU:       rapid.SampledFrom([]pricing.SKU{"", "SVC-1", "STO-100"}).Draw(t, "free-sku"),
			Recursive: rapid.Bool().Draw(t, "recursive")}
		if rapid.Bool().Draw(t, "free-price") {
			f.Price = ptr(cents(rapid.IntRange(0, 5000).Draw(t, "price")))
		}
		rules[i] = pricing.Rule{ID: pricing.RuleID(fmt.Sprintf("more-free%d", i)), Group: "more-free", Priority: i,
			Effect: pricing.Effect{Kind: pricing.EffectFreeGoods, Free: &f}}
		if rapid.Bool().Draw(t, "free-lines") {
			rules[i].When.Lines = []pricing.LinesCondition{{Families: []pricing.Family{"security"},
				MinQuantity: ptr(partnerops.DecimalFromInt(int64(rapid.IntRange(1, 300).Draw(t, "lines-min"))))}}
		}
	}
	return []pricing.Group{g}, rules
}

// Property (issue 15): free lines never change the paid lines' prices:
// adding free-goods rules (without exclusions) leaves every paid line's
// steps and net prices as they were, and only appends free lines.
func TestPropertyFreeGoodsLeavePaidLines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		for i := range fw.Rules {
			fw.Rules[i].Exclusive = false // an exclusive rule excludes free goods too, by design
		}
		q := genQuote(t)
		for range rapid.IntRange(0, 3).Draw(t, "more-lines") {
			q.Lines = append(q.Lines, genQuote(t).Lines...)
		}
		without := priceRapid(t, fw, []pricing.PriceBook{usBook()}, q)
		groups, rules := genFreeRules(t)
		fw.Groups = append(fw.Groups, groups...)
		fw.Rules = append(fw.Rules, rules...)
		with := priceRapid(t, fw, []pricing.PriceBook{usBook()}, q)
		for i := range q.Lines {
			a, b := without.Lines[i], with.Lines[i]
			if !a.NetUnit.Equal(b.NetUnit) || !a.NetExtended.Equal(b.NetExtended) || !cmpSteps(a.Steps(), b.Steps()) {
				t.Fatalf("line %d changed:\n%s\n---\n%s", i+1, without.Text(), with.Text())
			}
		}
		for _, l := range with.Lines[len(q.Lines):] {
			if l.FreeOf < 1 || l.FreeOf > len(q.Lines) || l.FreeRule == "" {
				t.Fatalf("free line %d does not say where it comes from: %+v", l.Line, l)
			}
		}
		checkRoundTrip(t, with)
	})
}

func cmpSteps(a, b []pricing.Step) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// Property (issue 15): a slab across the quote's lines of a SKU prices
// the lines as one line of their total quantity: the lines fill the
// slabs in order, so the extended amounts add up exactly (prices per
// tier, extended rounding).
func TestPropertySlabAcrossLinesSums(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "tiers")
		tiers := make([]pricing.ScheduleTier, n)
		from := 1
		for i := range tiers {
			tiers[i] = pricing.ScheduleTier{From: partnerops.DecimalFromInt(int64(from)), Price: ptr(cents(rapid.IntRange(0, 20000).Draw(t, "price")))}
			from += rapid.IntRange(1, 20).Draw(t, "width")
			if i < n-1 {
				tiers[i].To = ptr(partnerops.DecimalFromInt(int64(from)))
			}
		}
		prior := rapid.IntRange(0, 30).Draw(t, "prior")
		rule := scheduleRule(pricing.Schedule{Kind: pricing.ScheduleSlab, Tiers: tiers, Scope: pricing.ScopeSKU, Prior: true})
		book := usBook()
		book.Rounding.Target = pricing.RoundExtended
		e, err := pricing.Compile([]pricing.PriceBook{book}, framework(add, rule))
		if err != nil {
			t.Fatal(err)
		}
		q := quote("gold")
		total := 0
		for range rapid.IntRange(1, 5).Draw(t, "lines") {
			k := rapid.IntRange(1, 25).Draw(t, "qty")
			total += k
			q.Lines = append(q.Lines, line("SEC-100", fmt.Sprint(k)))
		}
		q.Prior = []pricing.PriorQuantity{{SKU: "SEC-100", Quantity: partnerops.DecimalFromInt(int64(prior))}}
		one := quote("gold", line("SEC-100", fmt.Sprint(total)))
		one.Prior = q.Prior
		many, err := e.Price(q, day)
		if err != nil {
			t.Fatal(err)
		}
		single, err := e.Price(one, day)
		if err != nil {
			t.Fatal(err)
		}
		if !many.NetTotal.Equal(single.NetTotal) {
			t.Fatalf("lines net %s, one line net %s\n%s\n%s", many.NetTotal, single.NetTotal, many.Text(), single.Text())
		}
	})
}

// Property (issue 15): a quote-level discount spread over the lines sums
// exactly to it: without floors and caps in the way, every cent of the
// amount lands on some line, and the quote's net falls by the amount.
func TestPropertyQuoteDiscountSumsExactly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		fw.TotalCap, fw.MinMargin, fw.TotalCapAmount, fw.QuoteRules = nil, nil, nil, nil
		book := usBook()
		book.Entries[1].Floor = nil
		q := genQuote(t)
		for range rapid.IntRange(0, 4).Draw(t, "more-lines") {
			q.Lines = append(q.Lines, genQuote(t).Lines...)
		}
		for i := range q.Lines {
			q.Lines[i].IgnoreRules = false // such lines take no quote discount
		}
		before := priceRapid(t, fw, []pricing.PriceBook{book}, q)
		// Spread by net, a share never exceeds its line's net (by list or
		// quantity it may, and the line's floor of 0 then cuts it).
		qr := pricing.QuoteRule{ID: "deal", Kind: pricing.QuoteDiscount, Allocate: pricing.AllocateNet}
		if rapid.Bool().Draw(t, "by-amount") {
			max, _ := before.NetTotal.Amount().Mul(dec("100")).Int64()
			qr.Amount = ptr(cents(rapid.IntRange(0, int(max)).Draw(t, "amount")))
		} else {
			qr.Percent = ptr(genPercent(t, "pct", 0, 100))
		}
		fw.QuoteRules = []pricing.QuoteRule{qr}
		after := priceRapid(t, fw, []pricing.PriceBook{book}, q)
		if len(after.Adjustments) != 1 {
			t.Fatalf("adjustments %+v", after.Adjustments)
		}
		a := after.Adjustments[0]
		if !a.Applied.Equal(a.Amount) {
			t.Fatalf("applied %s of %s\n%s", a.Applied, a.Amount, after.Text())
		}
		if d, _ := before.NetTotal.Sub(after.NetTotal); !d.Equal(a.Amount) {
			t.Fatalf("net total fell by %s, want %s\n%s\n%s", d, a.Amount, before.Text(), after.Text())
		}
		for i := range q.Lines {
			if after.Lines[i].NetExtended.IsNegative() {
				t.Fatalf("line %d negative", i+1)
			}
		}
		checkRoundTrip(t, after)
	})
}

// Property (issue 15): caps and floors hold with the new features (caps
// as amounts, units, manual inputs, quote discounts, schedules priced as
// totals, formulas, free goods): no paid line's total discount exceeds
// the total cap (percent or amount), no group's discount exceeds its cap
// (percent or amount) of the price entering it, and no net is below the
// floor when the list price is at or above it.
func TestPropertyCapsAndFloorsWithNewFeatures(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		if rapid.Bool().Draw(t, "total-cap-pct") {
			fw.TotalCap = ptr(genPercent(t, "total", 0, 100))
		}
		q := genQuote(t)
		for range rapid.IntRange(0, 3).Draw(t, "more-lines") {
			q.Lines = append(q.Lines, genQuote(t).Lines...)
		}
		r := priceRapid(t, fw, []pricing.PriceBook{usBook()}, q)
		caps := map[pricing.GroupID]pricing.Group{}
		for _, g := range fw.Groups {
			caps[g.ID] = g
		}
		for _, l := range r.Lines {
			if l.FreeOf > 0 {
				continue
			}
			factor := dec("1")
			if !l.UnitFactor.IsZero() {
				factor = l.UnitFactor
			}
			list, net := l.List.Amount(), l.NetUnit.Amount()
			if list.Cmp(l.Floor.Amount()) >= 0 && net.Cmp(l.Floor.Amount()) < 0 {
				t.Fatalf("line %d: net %s below floor %s\n%s", l.Line, net, l.Floor, r.Text())
			}
			disc := list.Sub(net)
			if c := fw.TotalCap; c != nil && disc.Cmp(list.Mul(c.Fraction())) > 0 {
				t.Fatalf("line %d: discount %s above the total cap %s\n%s", l.Line, disc, c, r.Text())
			}
			if c := fw.TotalCapAmount; c != nil && disc.Cmp(c.Amount().Mul(factor)) > 0 {
				t.Fatalf("line %d: discount %s above the total cap amount %s\n%s", l.Line, disc, c, r.Text())
			}
			// Group caps: each group's run of steps, from the price
			// entering it.
			steps := l.Steps()
			start := list
			for i := 0; i < len(steps); {
				j := i
				for j < len(steps) && steps[j].Group == steps[i].Group {
					j++
				}
				g, ok := caps[steps[i].Group]
				end := steps[j-1].Running
				if ok {
					d := start.Sub(end)
					if g.Cap != nil && d.Cmp(start.Mul(g.Cap.Fraction())) > 0 {
						t.Fatalf("line %d: group %s discount %s above its cap %s of %s\n%s", l.Line, g.ID, d, g.Cap, start, r.Text())
					}
					if g.CapAmount != nil && d.Cmp(g.CapAmount.Amount().Mul(factor)) > 0 {
						t.Fatalf("line %d: group %s discount %s above its cap amount %s\n%s", l.Line, g.ID, d, g.CapAmount, r.Text())
					}
				}
				start, i = end, j
			}
		}
		checkRoundTrip(t, r)
	})
}

// Property (issue 15): a line's tax is rounded once, with the book's
// mode, as an exact big.Rat reference rounds it: gross × r / (1 + r) in a
// tax-included book, net × r otherwise.
func TestPropertyTaxAgainstRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		included := rapid.Bool().Draw(t, "included")
		rateBP := rapid.IntRange(0, 5000).Draw(t, "rate-bp") // 0.00% to 50.00%
		listCents := rapid.IntRange(0, 10_000_000).Draw(t, "list")
		qty := rapid.IntRange(1, 50).Draw(t, "qty")
		b := pricing.PriceBook{ID: "b", Currency: usd, Rounding: pricing.Rounding{Mode: partnerops.RoundHalfEven},
			Tax:     &pricing.Tax{Rate: partnerops.NewPercent(partnerops.NewDecimal(int64(rateBP), -2)), Included: included},
			Entries: []pricing.Entry{{SKU: "X", List: ptr(cents(listCents))}}}
		e, err := pricing.Compile([]pricing.PriceBook{b}, framework(add))
		if err != nil {
			t.Fatal(err)
		}
		r, err := e.Price(pricing.Quote{Book: "b", Lines: []pricing.QuoteLine{line("X", fmt.Sprint(qty))}}, day)
		if err != nil {
			t.Fatal(err)
		}
		ext := big.NewRat(int64(listCents*qty), 100)
		rate := big.NewRat(int64(rateBP), 10000)
		want := new(big.Rat).Mul(ext, rate)
		if included {
			want.Quo(want, new(big.Rat).Add(big.NewRat(1, 1), rate))
		}
		lt, _ := r.Lines[0].Tax()
		if got := canon(lt.Tax.Amount()); got != ratRoundHalfEven(want, 2) {
			t.Fatalf("tax %s, want %s (ext %s, rate %d bp, included %v)", got, ratRoundHalfEven(want, 2), ext.FloatString(2), rateBP, included)
		}
		net, gross := lt.NetOfTax.Amount(), lt.Gross.Amount()
		if !gross.Sub(net).Equal(lt.Tax.Amount()) {
			t.Fatalf("gross %s − net %s is not the tax %s", gross, net, lt.Tax)
		}
	})
}

// Property (issue 15): a recursive free-goods quantity is Get times the
// number of times the line holds Buy, rounded once to the rule's places
// (here half-even) as an exact big.Rat reference rounds it.
func TestPropertyFreeQuantityAgainstRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		buy := rapid.IntRange(1, 5000).Draw(t, "buy-thousandths")
		get := rapid.IntRange(1, 5).Draw(t, "get")
		qty := rapid.IntRange(1, 100000).Draw(t, "qty-thousandths")
		places := int32(rapid.IntRange(0, 3).Draw(t, "places"))
		mode := partnerops.RoundHalfEven
		f := pricing.FreeGoods{Buy: partnerops.NewDecimal(int64(buy), -3), Get: partnerops.DecimalFromInt(int64(get)),
			Recursive: true, Rounding: &mode, Places: places}
		e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework([]pricing.Group{group("free", pricing.CombineAdditive)}, freeRule("f", f)))
		if err != nil {
			t.Fatal(err)
		}
		q := quote("gold", pricing.QuoteLine{SKU: "SEC-100", Quantity: partnerops.NewDecimal(int64(qty), -3)})
		r, err := e.Price(q, day)
		if err != nil {
			t.Fatal(err)
		}
		times := ratRoundHalfEven(big.NewRat(int64(qty), int64(buy)), int(places))
		want := canon(dec(times).Mul(partnerops.DecimalFromInt(int64(get))))
		got := "0"
		if len(r.Lines) > 1 {
			got = canon(r.Lines[1].Quantity)
		}
		if qty < buy {
			want = "0" // below Buy the rule does not apply
		}
		if got != want {
			t.Fatalf("free %s, want %s (qty %d/1000, buy %d/1000, get %d, places %d)", got, want, qty, buy, get, places)
		}
	})
}
