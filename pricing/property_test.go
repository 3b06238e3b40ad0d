package pricing_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"pgregory.net/rapid"
)

var allModes = []pricing.CombineMode{pricing.CombineFirst, pricing.CombineBestOf, pricing.CombineAdditive, pricing.CombineCompounding}

// genPercent draws a percentage with up to two decimals in [lo, hi].
func genPercent(t *rapid.T, label string, lo, hi int) partnerops.Percent {
	bp := rapid.IntRange(lo*100, hi*100).Draw(t, label)
	return partnerops.NewPercent(partnerops.NewDecimal(int64(bp), -2))
}

// genRules draws up to 12 discount rules over the groups.
func genRules(t *rapid.T, groups []pricing.Group) []pricing.Rule {
	n := rapid.IntRange(0, 12).Draw(t, "rules")
	rules := make([]pricing.Rule, n)
	for i := range rules {
		r := pricing.Rule{ID: pricing.RuleID(fmt.Sprintf("r%02d", i)),
			Group:    groups[rapid.IntRange(0, len(groups)-1).Draw(t, "group")].ID,
			Priority: rapid.IntRange(0, 3).Draw(t, "priority")}
		switch rapid.IntRange(0, 9).Draw(t, "kind") {
		case 0:
			r.Effect = pricing.PercentOffList(genPercent(t, "pct", 0, 100))
		case 1:
			r.Effect = pricing.PercentOffRunning(genPercent(t, "pct", 0, 100))
		case 2:
			r.Effect = pricing.AmountOff(cents(rapid.IntRange(0, 20000).Draw(t, "cents")))
		case 3:
			r.Effect = pricing.FixedPrice(cents(rapid.IntRange(0, 20000).Draw(t, "cents")))
		case 4:
			r.Effect = pricing.Markup(genPercent(t, "pct", 0, 50))
		case 5:
			r.Effect = pricing.TargetMargin(genPercent(t, "pct", 0, 60))
		case 6:
			// Issue 15: an Odoo-style formula with a margin as an amount.
			r.Effect = pricing.Effect{Kind: pricing.EffectFormula, Base: rapid.SampledFrom([]pricing.FormulaBase{"", pricing.FormulaList}).Draw(t, "base"),
				Formula: &pricing.Formula{Discount: genPercent(t, "pct", 0, 60), MinMarginAmount: ptr(cents(-rapid.IntRange(0, 5000).Draw(t, "cents")))}}
		default:
			// Issue 15: schedules priced as totals, across lines and orders,
			// with amounts off.
			kind := rapid.SampledFrom([]pricing.ScheduleKind{pricing.ScheduleRange, pricing.ScheduleSlab, pricing.ScheduleBlock}).Draw(t, "sched")
			from := rapid.IntRange(1, 30).Draw(t, "from")
			lo := pricing.ScheduleTier{From: dec("1"), To: ptr(partnerops.DecimalFromInt(int64(from + 1)))}
			hi := pricing.ScheduleTier{From: partnerops.DecimalFromInt(int64(from + 1))}
			tier := func(t2 *pricing.ScheduleTier) {
				switch {
				case kind == pricing.ScheduleBlock:
					t2.Price = ptr(cents(rapid.IntRange(0, 500000).Draw(t, "block")))
				case rapid.Bool().Draw(t, "tier-amount"):
					t2.AmountOff = ptr(cents(rapid.IntRange(0, 3000).Draw(t, "off")))
				default:
					t2.Percent = ptr(genPercent(t, "pct", 0, 40))
				}
			}
			tier(&lo)
			tier(&hi)
			s := &pricing.Schedule{Kind: kind, Tiers: []pricing.ScheduleTier{lo, hi}}
			if kind != pricing.ScheduleBlock {
				s.Scope = rapid.SampledFrom([]pricing.ScheduleScope{"", pricing.ScopeSKU, pricing.ScopeRule}).Draw(t, "scope")
				s.Prior = rapid.Bool().Draw(t, "prior")
			}
			r.Effect = pricing.Effect{Kind: pricing.EffectSchedule, Schedule: s}
		}
		if rapid.IntRange(0, 3).Draw(t, "sku-scoped") == 0 {
			r.When.SKUs = []pricing.SKU{"SEC-100"}
		}
		r.Exclusive = rapid.IntRange(0, 15).Draw(t, "exclusive") == 0
		if i > 0 && rapid.IntRange(0, 5).Draw(t, "excludes") == 0 {
			r.Excludes = []pricing.RuleID{rules[rapid.IntRange(0, i-1).Draw(t, "excluded")].ID}
		}
		rules[i] = r
	}
	return rules
}

func genGroups(t *rapid.T) []pricing.Group {
	n := rapid.IntRange(1, 4).Draw(t, "groups")
	groups := make([]pricing.Group, n)
	for i := range groups {
		groups[i] = pricing.Group{ID: pricing.GroupID(fmt.Sprintf("g%d", i)), Mode: rapid.SampledFrom(allModes).Draw(t, "mode")}
		if rapid.Bool().Draw(t, "group-cap") {
			c := genPercent(t, "cap", 0, 100)
			groups[i].Cap = &c
		}
		if rapid.IntRange(0, 3).Draw(t, "group-cap-amount") == 0 {
			groups[i].CapAmount = ptr(cents(rapid.IntRange(0, 5000).Draw(t, "cap-amount")))
		}
		if m := groups[i].Mode; m == pricing.CombineAdditive || m == pricing.CombineCompounding {
			groups[i].Order = rapid.SampledFrom([]pricing.StackOrder{"", pricing.StackAscendingPriority, pricing.StackEffect}).Draw(t, "order")
		}
	}
	return groups
}

// genFramework draws a framework over the sample book with random groups,
// rules, caps, floors and tie-break.
func genFramework(t *rapid.T) pricing.Framework {
	groups := genGroups(t)
	fw := framework(groups, genRules(t, groups)...)
	fw.TieBreak = rapid.SampledFrom([]pricing.TieBreak{pricing.TieBreakError, pricing.TieBreakRuleID, pricing.TieBreakLargestDiscount}).Draw(t, "tie")
	if rapid.Bool().Draw(t, "total-cap") {
		c := genPercent(t, "total", 0, 100)
		fw.TotalCap = &c
	}
	if rapid.Bool().Draw(t, "min-margin") {
		c := genPercent(t, "margin", 0, 90)
		fw.MinMargin = &c
	}
	// Issue 15: one precedence order, caps as amounts, a manual position,
	// free goods, quote rules.
	fw.Precedence = rapid.SampledFrom([]pricing.Precedence{"", pricing.PrecedencePriority}).Draw(t, "precedence")
	if rapid.IntRange(0, 3).Draw(t, "total-cap-amount") == 0 {
		fw.TotalCapAmount = ptr(cents(rapid.IntRange(0, 8000).Draw(t, "total-cap-amount-cents")))
	}
	if rapid.Bool().Draw(t, "manual-after") {
		fw.ManualAfter = fw.Groups[rapid.IntRange(0, len(fw.Groups)-1).Draw(t, "manual-group")].ID
	}
	if rapid.IntRange(0, 3).Draw(t, "free") == 0 {
		fw.Groups = append(fw.Groups, pricing.Group{ID: "free", Mode: rapid.SampledFrom(allModes).Draw(t, "free-mode")})
		fw.Rules = append(fw.Rules, pricing.Rule{ID: "free", Group: "free", Effect: pricing.Effect{Kind: pricing.EffectFreeGoods,
			Free: &pricing.FreeGoods{Buy: dec("10"), Get: dec("1"), Recursive: rapid.Bool().Draw(t, "free-recursive")}}})
	}
	for i := range rapid.IntRange(0, 2).Draw(t, "quote-rules") {
		qr := pricing.QuoteRule{ID: pricing.RuleID(fmt.Sprintf("q%d", i)), Kind: rapid.SampledFrom([]pricing.QuoteRuleKind{pricing.QuoteDiscount, pricing.QuoteFee}).Draw(t, "quote-kind"),
			Allocate: rapid.SampledFrom([]pricing.Allocation{"", pricing.AllocateList, pricing.AllocateQuantity}).Draw(t, "allocate")}
		if rapid.Bool().Draw(t, "quote-amount") {
			qr.Amount = ptr(cents(rapid.IntRange(0, 50000).Draw(t, "quote-cents")))
		} else {
			qr.Percent = ptr(genPercent(t, "quote-pct", 0, 30))
		}
		fw.QuoteRules = append(fw.QuoteRules, qr)
	}
	return fw
}

func priceRapid(t *rapid.T, fw pricing.Framework, books []pricing.PriceBook, q pricing.Quote) *pricing.Result {
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	r, err := e.Price(q, day)
	if errors.Is(err, pricing.ErrConflict) {
		t.Skip("tie reported as a conflict")
	}
	if err != nil {
		t.Fatalf("Price: %v", err)
	}
	return r
}

func genQuote(t *rapid.T) pricing.Quote {
	sku := rapid.SampledFrom([]pricing.SKU{"SEC-100", "SEC-200", "STO-100", "SVC-1"}).Draw(t, "sku")
	qty := rapid.IntRange(1, 500).Draw(t, "qty")
	l := line(sku, fmt.Sprint(qty))
	// Issue 15: lines in another unit, with host inputs; prior quantities.
	if sku == "SEC-100" && rapid.IntRange(0, 3).Draw(t, "box") == 0 {
		l.Unit = "box"
	}
	switch rapid.IntRange(0, 7).Draw(t, "manual") {
	case 0:
		l.ManualDiscount = ptr(genPercent(t, "manual-pct", 0, 100))
	case 1:
		l.ManualPrice = ptr(cents(rapid.IntRange(0, 200000).Draw(t, "manual-price")))
	case 2:
		l.IgnoreRules = true
	}
	q := quote("gold", l)
	if rapid.IntRange(0, 3).Draw(t, "prior") == 0 {
		q.Prior = []pricing.PriorQuantity{{SKU: sku, Quantity: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "prior-qty")))}}
	}
	return q
}

// Property: the total discount of a line never exceeds the total cap, and
// no group's discount exceeds its cap of the price entering the group.
func TestPropertyCaps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		c := genPercent(t, "total", 0, 100)
		fw.TotalCap = &c
		r := priceRapid(t, fw, []pricing.PriceBook{usBook()}, genQuote(t))
		l := r.Lines[0]
		list := l.List.Amount()
		maxDisc := list.Mul(c.Fraction())
		if d := list.Sub(l.NetUnit.Amount()); d.Cmp(maxDisc) > 0 {
			t.Fatalf("discount %s exceeds total cap %s of list %s\n%s", d, c, list, r.Text())
		}
		// Group caps: the discount of each capped group's steps.
		caps := map[pricing.GroupID]partnerops.Percent{}
		for _, g := range fw.Groups {
			if g.Cap != nil {
				caps[g.ID] = *g.Cap
			}
		}
		start := list
		for i, s := range l.Steps() {
			if i == 0 || l.Steps()[i-1].Group != s.Group {
				if i > 0 {
					start = l.Steps()[i-1].Running
				}
			}
			if gc, ok := caps[s.Group]; ok {
				if d := start.Sub(s.Running); d.Cmp(start.Mul(gc.Fraction())) > 0 {
					t.Fatalf("group %s discount %s exceeds cap %s of %s\n%s", s.Group, d, gc, start, r.Text())
				}
			}
		}
	})
}

// Property: the net unit price is never negative and never below the
// floor (the entry floor or the minimum-margin price) when the list price
// is at or above it.
func TestPropertyFloors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		book := usBook()
		for i := range book.Entries {
			if rapid.Bool().Draw(t, "has-floor") {
				c := rapid.IntRange(0, 150000).Draw(t, "floor")
				book.Entries[i].Floor = ptr(cents(c))
			}
		}
		r := priceRapid(t, fw, []pricing.PriceBook{book}, genQuote(t))
		for _, l := range r.Lines {
			if l.FreeOf > 0 {
				continue // free goods are outside floors, by design
			}
			net := l.NetUnit.Amount()
			if net.Sign() < 0 {
				t.Fatalf("negative net %s\n%s", net, r.Text())
			}
			if l.List.Amount().Cmp(l.Floor.Amount()) >= 0 && net.Cmp(l.Floor.Amount()) < 0 {
				t.Fatalf("net %s below floor %s\n%s", net, l.Floor, r.Text())
			}
			if l.NetExtended.IsNegative() {
				t.Fatalf("negative extended %s", l.NetExtended)
			}
		}
	})
}

// Property: the result does not depend on the order the rules are given
// in (ties are broken by documented keys).
func TestPropertyRuleOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		q := genQuote(t)
		perm := rapid.Permutation(fw.Rules).Draw(t, "perm")
		fw2 := fw
		fw2.Rules = perm
		render := func(f pricing.Framework) string {
			e, err := pricing.Compile([]pricing.PriceBook{usBook()}, f)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			r, err := e.Price(q, day)
			if err != nil {
				return "error: " + err.Error()
			}
			return r.Text()
		}
		if a, b := render(fw), render(fw2); a != b {
			t.Fatalf("rule order changed the result:\n%s\n---\n%s", a, b)
		}
	})
}

// Property: with slab pricing the extended price is monotone in the
// quantity (extended rounding; tier unit prices or percentages).
func TestPropertySlabMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 5).Draw(t, "tiers")
		tiers := make([]pricing.ScheduleTier, n)
		from := rapid.IntRange(0, 3).Draw(t, "first")
		for i := range tiers {
			tiers[i].From = partnerops.DecimalFromInt(int64(from))
			if rapid.Bool().Draw(t, "by-price") {
				tiers[i].Price = ptr(cents(rapid.IntRange(0, 20000).Draw(t, "price")))
			} else {
				tiers[i].Percent = ptr(genPercent(t, "pct", 0, 100))
			}
			from += rapid.IntRange(1, 30).Draw(t, "width")
			if i < n-1 {
				to := partnerops.DecimalFromInt(int64(from))
				tiers[i].To = &to
			}
		}
		fw := framework(add, volume(pricing.ScheduleSlab, tiers...))
		book := usBook()
		book.Rounding.Target = pricing.RoundExtended
		e, err := pricing.Compile([]pricing.PriceBook{book}, fw)
		if err != nil {
			t.Fatalf("Compile: %v", err)
		}
		q1 := rapid.IntRange(1, 200).Draw(t, "q1")
		q2 := q1 + rapid.IntRange(1, 50).Draw(t, "step")
		ext := func(q int) partnerops.Decimal {
			r, err := e.Price(quote("gold", line("SVC-1", fmt.Sprint(q))), day)
			if err != nil {
				t.Fatalf("Price: %v", err)
			}
			return r.Lines[0].NetExtended.Amount()
		}
		if a, b := ext(q1), ext(q2); a.Cmp(b) > 0 {
			t.Fatalf("extended(%d) = %s > extended(%d) = %s", q1, a, q2, b)
		}
	})
}

// Property (issue 11): the net price is never below the floor when the
// list price is at or above it, for every places, mode and target, with
// any floor and any rules.
func TestPropertyFloorEveryPlacesAndMode(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		places := int32(rapid.IntRange(-3, 8).Draw(t, "places"))
		mode := partnerops.RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		target := rapid.SampledFrom([]pricing.RoundingTarget{pricing.RoundUnit, pricing.RoundExtended}).Draw(t, "target")
		list := partnerops.NewDecimal(rapid.Int64Range(1, 1e9).Draw(t, "list"), -int32(rapid.IntRange(0, 4).Draw(t, "list-places")))
		floor := list.Mul(partnerops.NewDecimal(rapid.Int64Range(0, 1_000_000).Draw(t, "share"), -6)).Round(6, partnerops.RoundDown)
		book := pricing.PriceBook{ID: "b", Currency: usd, Rounding: pricing.Rounding{Places: &places, Mode: mode, Target: target},
			Entries: []pricing.Entry{{SKU: "SEC-100", List: ptr(partnerops.MustMoney(list.String(), usd)), Floor: ptr(partnerops.MustMoney(floor.String(), usd))}}}
		qty := partnerops.NewDecimal(rapid.Int64Range(1, 5000).Draw(t, "qty"), -int32(rapid.IntRange(0, 3).Draw(t, "qty-places")))
		r := priceRapid(t, genFramework(t), []pricing.PriceBook{book}, pricing.Quote{Book: "b", Partner: partner("gold"),
			Lines: []pricing.QuoteLine{{SKU: "SEC-100", Quantity: qty}}})
		l := r.Lines[0]
		if net := l.NetUnit.Amount(); net.Cmp(floor) < 0 {
			t.Fatalf("net unit %s below floor %s (list %s)\n%s", net, floor, list, r.Text())
		}
		if ext, min := l.NetExtended.Amount(), floor.Mul(qty); ext.Cmp(min) < 0 {
			t.Fatalf("net extended %s below floor × quantity %s\n%s", ext, min, r.Text())
		}
	})
}

// Property (issue 12): a result round-trips through JSON losslessly:
// decode(encode(r)) equals r, encodes to the same bytes and renders the
// same text and Markdown, steps and skipped rules included.
func TestPropertyResultRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fw := genFramework(t)
		q := genQuote(t)
		for range rapid.IntRange(0, 3).Draw(t, "more-lines") {
			q.Lines = append(q.Lines, genQuote(t).Lines...)
		}
		q.Lines[0].ID = rapid.SampledFrom([]string{"", "L-1"}).Draw(t, "line-id")
		checkRoundTrip(t, priceRapid(t, fw, []pricing.PriceBook{usBook()}, q))
	})
}

func checkRoundTrip(t interface {
	Helper()
	Fatalf(string, ...any)
}, r *pricing.Result) {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("encoding: %v", err)
	}
	var back pricing.Result
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if diff := cmp.Diff(*r, back); diff != "" {
		t.Fatalf("decode(encode(r)) differs (-want +got):\n%s", diff)
	}
	again, err := json.Marshal(&back)
	if err != nil || !bytes.Equal(again, data) {
		t.Fatalf("re-encoding gives %d bytes, want %d (%v)\n%s\n%s", len(again), len(data), err, data, again)
	}
	if a, b := r.Text(), back.Text(); a != b {
		t.Fatalf("decoded Text differs:\n%s", cmp.Diff(a, b))
	}
	if a, b := r.Markdown(), back.Markdown(); a != b {
		t.Fatalf("decoded Markdown differs:\n%s", cmp.Diff(a, b))
	}
}
