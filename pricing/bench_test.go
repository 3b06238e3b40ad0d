package pricing_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/pricing"
)

// benchCatalog returns a book of n SKUs in 5 families, list prices from
// 10.00 to 999.99 and costs at 30% of list.
func benchCatalog(n int) pricing.PriceBook {
	rng := rand.New(rand.NewPCG(1, 2))
	b := pricing.PriceBook{ID: "bench", Currency: usd}
	for i := range n {
		cents := 1000 + rng.IntN(99000)
		list := partnerops.MustMoney(fmt.Sprintf("%d.%02d", cents/100, cents%100), usd)
		cost := partnerops.MustMoney(fmt.Sprintf("%d.%02d", cents*3/1000, (cents*3/10)%100), usd)
		b.Entries = append(b.Entries, pricing.Entry{SKU: pricing.SKU(fmt.Sprintf("SKU-%05d", i)),
			Family: pricing.Family(fmt.Sprintf("fam-%d", i%5)), List: &list, Cost: &cost})
	}
	return b
}

// benchFramework returns 50 rules of which about 20 apply to every line of
// benchQuote (and 8 are applied), plus extra SKU-specific rules for other
// SKUs of the catalog (to measure indexing: the extra rules never concern
// the quoted SKUs).
func benchFramework(extra, skus int) pricing.Framework {
	fams := []pricing.Family{"fam-0", "fam-1", "fam-2", "fam-3", "fam-4"}
	rules := []pricing.Rule{}
	add := func(r pricing.Rule) { rules = append(rules, r) }
	po := func(id string, g pricing.GroupID, p string) pricing.Rule {
		return pricing.Rule{ID: pricing.RuleID(id), Group: g, Effect: pricing.PercentOffList(pct(p))}
	}
	pr := func(id string, g pricing.GroupID, p string) pricing.Rule {
		return pricing.Rule{ID: pricing.RuleID(id), Group: g, Effect: pricing.PercentOffRunning(pct(p))}
	}
	// regular, best-of: 5 family promos (1 applies) + 3 global (all apply) + 1 off-window.
	for i, f := range fams {
		add(with(po(fmt.Sprintf("promo-%s", f), "regular", fmt.Sprint(3+i)), func(r *pricing.Rule) { r.When.Families = []pricing.Family{f} }))
	}
	add(po("promo-all-2", "regular", "2"))
	add(po("promo-all-4", "regular", "4"))
	add(pricing.Rule{ID: "promo-amount", Group: "regular", Effect: pricing.AmountOff(m("1.00"))})
	add(with(po("promo-old", "regular", "9"), func(r *pricing.Rule) { r.When.Until = day.Add(-24 * time.Hour) }))
	// volume, first: a range schedule per family (1 applies) + a global one.
	sched := func(id string, fam []pricing.Family, p1, p2 string) pricing.Rule {
		return pricing.Rule{ID: pricing.RuleID(id), Group: "volume", When: pricing.Conditions{Families: fam},
			Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleRange,
				Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("10"), Percent: pp(p1)}, {From: dec("10"), Percent: pp(p2)}}}}}
	}
	for _, f := range fams {
		add(sched("vol-"+string(f), []pricing.Family{f}, "1", "5"))
	}
	add(sched("vol-all", nil, "0.5", "2"))
	// partner, first: 4 tier rules (1 applies), 5 family+tier rules (1
	// applies), 2 motion rules (1 applies).
	for i, t := range []partnerops.Tier{"registered", "silver", "gold", "platinum"} {
		add(with(pr("tier-"+string(t), "partner", fmt.Sprint(10+5*i)), func(r *pricing.Rule) { r.When.Tiers = []partnerops.Tier{t} }))
	}
	for i, f := range fams {
		add(with(pr("tier-gold-"+string(f), "partner", fmt.Sprint(21+i)), func(r *pricing.Rule) {
			r.When.Families, r.When.TierAtLeast = []pricing.Family{f}, "gold"
		}))
	}
	add(with(pr("motion-resell", "partner", "18"), func(r *pricing.Rule) { r.When.Motions = []partnerops.Motion{partnerops.MotionResell} }))
	add(with(pr("motion-referral", "partner", "8"), func(r *pricing.Rule) { r.When.Motions = []partnerops.Motion{partnerops.MotionReferral} }))
	// dealreg, additive: 3 apply, 1 does not.
	add(with(po("dr-registered", "dealreg", "3"), func(r *pricing.Rule) {
		r.When.DealRegistration = []pricing.DealRegStatus{pricing.DealRegRegistered, pricing.DealRegApproved}
	}))
	add(with(po("dr-approved", "dealreg", "2"), func(r *pricing.Rule) {
		r.When.DealRegistration = []pricing.DealRegStatus{pricing.DealRegApproved}
	}))
	add(with(po("dr-new", "dealreg", "1"), func(r *pricing.Rule) { r.When.Business = []partnerops.BusinessType{partnerops.BusinessNew} }))
	add(with(po("dr-renewal", "dealreg", "1"), func(r *pricing.Rule) { r.When.Business = []partnerops.BusinessType{partnerops.BusinessRenewal} }))
	// strategic, compounding with a cap: 2 apply.
	add(with(pr("competitive", "strategic", "4"), func(r *pricing.Rule) { r.When.Attributes = map[string][]string{"competitive": {"yes"}} }))
	add(with(pr("region-na", "strategic", "1"), func(r *pricing.Rule) { r.When.Regions = []partnerops.Region{"na"} }))
	add(with(pr("big-deal", "strategic", "2"), func(r *pricing.Rule) { r.When.MinDealValue = mp("100000000") }))
	// More competing best-of promotions that apply (by partner type and
	// region), then fill up to 50 with rules for other partner types.
	for i := range 6 {
		add(with(po(fmt.Sprintf("promo-reseller-%d", i), "regular", fmt.Sprintf("%d.5", i)), func(r *pricing.Rule) {
			r.When.PartnerTypes = []partnerops.PartnerType{partnerops.PartnerTypeReseller}
			r.When.Regions = []partnerops.Region{"na", "emea"}
		}))
	}
	for i := len(rules); i < 50; i++ {
		add(with(po(fmt.Sprintf("filler-%02d", i), "strategic", "1"), func(r *pricing.Rule) {
			r.When.PartnerTypes = []partnerops.PartnerType{partnerops.PartnerTypeMSP}
		}))
	}
	// Extra SKU-specific rules for SKUs the quote does not hold.
	for i := range extra {
		sku := pricing.SKU(fmt.Sprintf("SKU-%05d", 100+i%(skus-100)))
		add(with(po(fmt.Sprintf("x-%05d", i), pricing.GroupID([]string{"regular", "partner", "dealreg"}[i%3]), "1"),
			func(r *pricing.Rule) { r.When.SKUs = []pricing.SKU{sku} }))
	}
	fw := framework([]pricing.Group{
		{ID: "regular", Mode: pricing.CombineBestOf},
		{ID: "volume", Mode: pricing.CombineFirst},
		{ID: "partner", Mode: pricing.CombineFirst},
		{ID: "dealreg", Mode: pricing.CombineAdditive},
		{ID: "strategic", Mode: pricing.CombineCompounding, Cap: pp("10")},
	}, rules...)
	fw.TieBreak = pricing.TieBreakRuleID
	fw.TotalCap = pp("60")
	fw.MinMargin = pp("10")
	fw.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}, {Level: "vp", Above: pct("35")}}
	return fw
}

func benchQuote(lines int) pricing.Quote {
	q := pricing.Quote{ID: "bench", Partner: partner("gold"), Motion: partnerops.MotionResell, Region: "na",
		DealRegistration: pricing.DealRegApproved, Business: partnerops.BusinessNew,
		Attributes: map[string]string{"competitive": "yes"}}
	for i := range lines {
		q.Lines = append(q.Lines, line(pricing.SKU(fmt.Sprintf("SKU-%05d", i%100)), fmt.Sprint(1+i%40)))
	}
	return q
}

func benchEngine(b testing.TB, extra, skus int) *pricing.Engine {
	e, err := pricing.Compile([]pricing.PriceBook{benchCatalog(skus)}, benchFramework(extra, skus))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

var sinkResult *pricing.Result

func benchPrice(b *testing.B, e *pricing.Engine, q pricing.Quote) {
	b.ReportAllocs()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		r, err := e.Price(q, day)
		if err != nil {
			b.Fatal(err)
		}
		sinkResult = r
	}
	n := float64(b.N) * float64(len(q.Lines))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/line")
	// CPU time (user and system, whole process) per line: on a shared,
	// loaded machine wall time measures the queue as much as the code.
	measure.ReportCPUPer(b, cpu0, len(q.Lines), "cpu-ns/line")
}

// BenchmarkPrice100Lines50Rules: 100 lines, 50 rules, about 20 applicable
// and 8 applied per line. Target: ≤ 2 µs and ≤ 32 allocs per line
// (stretch 1 µs, 24).
func BenchmarkPrice100Lines50Rules(b *testing.B) {
	benchPrice(b, benchEngine(b, 0, 2000), benchQuote(100))
}

// BenchmarkPrice100Lines10000Rules: the same quote against 10,000 rules
// (9,950 SKU-specific rules for other SKUs). Target: ≤ 3× the per-line
// cost of 50 rules.
func BenchmarkPrice100Lines10000Rules(b *testing.B) {
	benchPrice(b, benchEngine(b, 9950, 2000), benchQuote(100))
}

// BenchmarkPrice1000Lines: a 1,000-line quote against the 50 rules.
// Target: ≤ 2.5 ms per quote (stretch 1 ms).
func BenchmarkPrice1000Lines(b *testing.B) {
	benchPrice(b, benchEngine(b, 0, 2000), benchQuote(1000))
}

// BenchmarkCompile10000Rules measures compiling the 10,000-rule framework
// and a 2,000-SKU book (done once; no target).
func BenchmarkCompile10000Rules(b *testing.B) {
	books, fw := []pricing.PriceBook{benchCatalog(2000)}, benchFramework(9950, 2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pricing.Compile(books, fw); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBenchmarkShape(t *testing.T) {
	e := benchEngine(t, 0, 2000)
	r, err := e.Price(benchQuote(100), day)
	if err != nil {
		t.Fatal(err)
	}
	applicable, applied := 0, 0
	for _, l := range r.Lines {
		applied += len(l.Steps())
		applicable += len(l.Steps())
		for _, s := range l.Skipped() {
			if s.Reason != pricing.SkipConditionFailed {
				applicable++
			}
		}
	}
	t.Logf("per line: %.1f applicable, %.1f applied", float64(applicable)/100, float64(applied)/100)
	if testing.Verbose() {
		t.Log(r.Lines[7].Steps(), "\n", r.Lines[7].Skipped())
	}
}

// TestAllocBudget checks the per-line allocation budget of the issue
// (≤ 32 allocations per line with about 20 applicable rules; stretch 24)
// on the benchmark quote. Allocation counts, unlike timings, are stable.
func TestAllocBudget(t *testing.T) {
	e := benchEngine(t, 0, 2000)
	q := benchQuote(100)
	perLine := testing.AllocsPerRun(20, func() {
		if _, err := e.Price(q, day); err != nil {
			t.Fatal(err)
		}
	}) / float64(len(q.Lines))
	t.Logf("%.1f allocations per line", perLine)
	if perLine > 24 {
		t.Errorf("%.1f allocations per line, want ≤ 24 (stretch target; the goal is 32)", perLine)
	}
}

// BenchmarkPrice100LinesIssue15 prices 100 lines with issue 15's
// features on: the 50 rules plus a formula, a slab across lines and
// orders, free goods, a manual discount on every fifth line, a box unit,
// a quote discount and a fee, in a tax-included book. No target; it
// shows what the features cost over the 50-rule case.
func BenchmarkPrice100LinesIssue15(b *testing.B) {
	book := benchCatalog(2000)
	book.Tax = &pricing.Tax{Rate: pct("20"), Included: true}
	for i := range book.Entries {
		book.Entries[i].Units = []pricing.UnitConversion{{Unit: "box", Factor: dec("10")}}
	}
	fw := benchFramework(0, 2000)
	fw.Groups = append(fw.Groups, pricing.Group{ID: "free", Mode: pricing.CombineAdditive})
	fw.Rules = append(fw.Rules,
		pricing.Rule{ID: "formula", Group: "regular", Effect: pricing.Effect{Kind: pricing.EffectFormula, Base: pricing.FormulaList,
			Formula: &pricing.Formula{Discount: pct("3"), Increment: dec("1"), Surcharge: m("-0.01"), AllowNegative: true}}},
		pricing.Rule{ID: "slab", Group: "volume", Priority: 1, When: pricing.Conditions{Families: []pricing.Family{"fam-1"}},
			Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleSlab, Scope: pricing.ScopeSKU, Prior: true,
				Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("20"), Percent: pp("0")}, {From: dec("20"), Percent: pp("4")}}}}},
		pricing.Rule{ID: "free", Group: "free", Effect: pricing.Effect{Kind: pricing.EffectFreeGoods, Free: &pricing.FreeGoods{Buy: dec("30"), Get: dec("1")}}},
	)
	fw.QuoteRules = []pricing.QuoteRule{{ID: "deal", Kind: pricing.QuoteDiscount, Percent: pp("2")},
		{ID: "fee", Kind: pricing.QuoteFee, Percent: pp("3")}}
	e, err := pricing.Compile([]pricing.PriceBook{book}, fw)
	if err != nil {
		b.Fatal(err)
	}
	q := benchQuote(100)
	for i := range q.Lines {
		if i%5 == 0 {
			q.Lines[i].ManualDiscount = pp("1")
		}
		if i%7 == 0 {
			q.Lines[i].Unit = "box"
		}
	}
	q.Prior = []pricing.PriorQuantity{{SKU: "SKU-00001", Quantity: dec("12")}}
	benchPrice(b, e, q)
}
