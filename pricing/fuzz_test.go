package pricing_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/pricing"
)

func seedJSON(f *testing.F, vs ...any) {
	for _, v := range vs {
		data, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzParseFramework parses fuzzed JSON as a framework: never a panic;
// an accepted framework round-trips, and when it compiles with the sample
// book it prices the sample quote consistently or fails with an error.
func FuzzParseFramework(f *testing.F) {
	seedJSON(f, sampleFramework(), richFramework())
	f.Add([]byte(`{"groups":[{"id":"g","mode":"first"}],"rules":[{"id":"r","group":"g","effect":{"kind":"percent_off_list","percent":"1e400"}}]}`))
	f.Add([]byte(`{"groups":[{"id":"g","mode":"additive","cap":"50"}],"rules":[{"id":"r","group":"g","conditions":{},"effect":{"kind":"schedule","schedule":{"kind":"slab","tiers":[{"from":"1","percent":"10"}]}}}]}`))
	f.Add([]byte(`{"currency":"USD","groups":[{"id":"g","mode":"first"}],"rules":[{"id":"r","group":"g","when":{"from":"2026-01-31","min_deal_value":"5"},"effect":{"kind":"fixed_price","amount":"5.00"}}]}`))
	books := []pricing.PriceBook{usBook()}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := pricing.ParseFramework(data)
		if err != nil {
			return
		}
		// What JSON gives back compiles and prices the same way: a stored
		// framework never turns valid or invalid, or prices differently.
		roundtrip.Same(t, fw, roundtrip.Copy(t, fw, pricing.ParseFramework), func(fw pricing.Framework) (any, error) {
			e, err := pricing.Compile(books, fw)
			if err != nil {
				return nil, err
			}
			return e.Price(sampleQuote(), day)
		})
		e, err := pricing.Compile(books, fw)
		if err != nil {
			return
		}
		if r, err := e.Price(sampleQuote(), day); err == nil {
			checkConsistent(t, r)
		}
	})
}

// FuzzParseRule parses fuzzed JSON as a rule: never a panic; an accepted
// rule round-trips.
func FuzzParseRule(f *testing.F) {
	seedJSON(f, sampleFramework().Rules[0], sampleFramework().Rules[2], sampleFramework().Rules[10])
	f.Add([]byte(`{"id":"r","group":"g","priorty":3,"effect":{"kind":"amount_off","amount":{"amount":"1","currency":"usd"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := pricing.ParseRule(data); err == nil {
			roundtrip.Copy(t, r, pricing.ParseRule)
		}
	})
}

// FuzzParseEffect parses fuzzed JSON as an effect: never a panic; an
// accepted effect round-trips.
func FuzzParseEffect(f *testing.F) {
	seedJSON(f, pricing.PercentOffList(pct("12.5")), pricing.FixedPrice(m("80.00")), sampleFramework().Rules[3].Effect)
	f.Add([]byte(`{"kind":"percent_off_running","percent":"20%"}`))
	f.Add([]byte(`{"kind":"markup","percent":0.2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if e, err := pricing.ParseEffect(data); err == nil {
			roundtrip.Copy(t, e, pricing.ParseEffect)
		}
	})
}

// FuzzParseApprovals parses fuzzed JSON as an approval matrix: never a
// panic; an accepted matrix round-trips.
func FuzzParseApprovals(f *testing.F) {
	seedJSON(f, sampleFramework().Approvals)
	f.Add([]byte(`[{"level":"vp","above":"35%"},{"level":"cfo","above":"1e2"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := pricing.ParseApprovals(data); err == nil {
			roundtrip.Copy(t, a, pricing.ParseApprovals)
		}
	})
}

// FuzzParsePriceBook parses fuzzed JSON as one price book: never a
// panic; an accepted book round-trips.
func FuzzParsePriceBook(f *testing.F) {
	seedJSON(f, usBook())
	f.Add([]byte(`{"id":"c","currency":"JPY","basis":"cost","formula":{"markup":"9999"},"entries":[{"sku":"X","cost":"1e20"}]}`))
	f.Add([]byte(`{"id":"t","currency":"EUR","tax":{"rate":"19","included":true},"units":[{"unit":"pack","factor":"6","family":"f"}],` +
		`"entries":[{"sku":"P","family":"f","list":"10"},{"sku":"V","parent":"P"},{"sku":"L","list_from_variants":true},{"sku":"L1","parent":"L","list":"3"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if b, err := pricing.ParsePriceBook(data); err == nil {
			roundtrip.Same(t, b, roundtrip.Copy(t, b, pricing.ParsePriceBook), func(b pricing.PriceBook) (any, error) {
				e, err := pricing.Compile([]pricing.PriceBook{b}, pricing.Framework{})
				if err != nil {
					return nil, err
				}
				var lists []any
				for _, en := range b.Entries {
					l, err := e.ListPrice(b.ID, en.SKU, day)
					lists = append(lists, l, err != nil)
				}
				return lists, nil
			})
		}
	})
}

// FuzzParsePriceBooks parses fuzzed JSON as price books and compiles
// them: never a panic; accepted books round-trip; every entry of a
// compiled book with an open window has a list price.
func FuzzParsePriceBooks(f *testing.F) {
	seedJSON(f, []pricing.PriceBook{usBook(), {ID: "eu", Currency: partnerops.EUR, Basis: pricing.BasisBook,
		BaseBook: "us", Rate: dp("0.9"), Formula: &pricing.Formula{Increment: dec("0.05"), MinMargin: pp("10")}}})
	f.Add([]byte(`[{"id":"a","currency":"USD","basis":"book","base_book":"a"}]`))
	f.Add([]byte(`[{"id":"c","currency":"JPY","rounding":{"places":18,"target":"extended"},"entries":[{"sku":"X","list":"1.5","floor":"1"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		books, err := pricing.ParsePriceBooks(data)
		if err != nil {
			return
		}
		roundtrip.Same(t, books, roundtrip.Copy(t, books, pricing.ParsePriceBooks), func(books []pricing.PriceBook) (any, error) {
			return pricing.Compile(books, pricing.Framework{})
		})
		e, err := pricing.Compile(books, pricing.Framework{})
		if err != nil {
			return
		}
		for _, b := range books {
			for _, en := range b.Entries {
				if _, err := e.ListPrice(b.ID, en.SKU, day); err != nil && en.From.IsZero() && en.Until.IsZero() {
					t.Fatalf("ListPrice(%s, %s): %v", b.ID, en.SKU, err)
				}
			}
		}
	})
}

var fuzzEngine = func() *pricing.Engine {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, sampleFramework())
	if err != nil {
		panic(err)
	}
	return e
}()

// richFramework is the sample framework with issue 15's features: free
// goods, a formula, schedules across lines and orders, a manual
// position, quote rules and a nested best-of.
func richFramework() pricing.Framework {
	fw := sampleFramework()
	fw.ManualAfter, fw.ManualApproval = "volume", "manager"
	fw.TotalCapAmount = mp("60")
	fw.Groups = append(fw.Groups, pricing.Group{ID: "free", Mode: pricing.CombineAdditive},
		pricing.Group{ID: "promo", Mode: pricing.CombineBestOf}, pricing.Group{ID: "chain", Mode: pricing.CombineCompounding, Within: "promo"})
	fw.Rules = append(fw.Rules,
		pricing.Rule{ID: "b10g1", Group: "free", When: pricing.Conditions{SKUs: []pricing.SKU{"SEC-100"}},
			Effect: pricing.Effect{Kind: pricing.EffectFreeGoods, Free: &pricing.FreeGoods{Buy: dec("10"), Get: dec("1"), Recursive: true}}},
		pricing.Rule{ID: "odoo", Group: "promo", Effect: pricing.Effect{Kind: pricing.EffectFormula, Base: pricing.FormulaList,
			Formula: &pricing.Formula{Discount: pct("12"), Increment: dec("1"), Surcharge: m("-0.01"), AllowNegative: true}}},
		pricing.Rule{ID: "c1", Group: "chain", Priority: 1, Effect: pricing.PercentOffRunning(pct("8"))},
		pricing.Rule{ID: "c2", Group: "chain", When: pricing.Conditions{SKUs: []pricing.SKU{"STO-100"}},
			Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleSlab, Scope: pricing.ScopeSKU, Prior: true,
				Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("10"), AmountOff: mp("0")}, {From: dec("10"), AmountOff: mp("3")}}}}},
	)
	fw.QuoteRules = []pricing.QuoteRule{
		{ID: "deal-size", Kind: pricing.QuoteDiscount, Percent: pp("3"), When: pricing.Conditions{MinDealValue: mp("5000")}},
		{ID: "marketplace", Kind: pricing.QuoteFee, Percent: pp("3"), Allocate: pricing.AllocateList},
	}
	return fw
}

var fuzzRichEngine = func() *pricing.Engine {
	b := usBook()
	b.Tax = &pricing.Tax{Rate: pct("20"), Included: true}
	e, err := pricing.Compile([]pricing.PriceBook{b}, richFramework())
	if err != nil {
		panic(err)
	}
	return e
}()

// FuzzPrice prices fuzzed quotes against the sample framework: either an
// error or an internally consistent waterfall, never a panic.
func FuzzPrice(f *testing.F) {
	f.Add("gold", "reseller", "resell", "approved", "new", "na", "SEC-100", "120", "SEC-200", "5", "yes", int64(0))
	f.Add("silver", "msp", "referral", "", "renewal", "emea", "SVC-1", "0.000001", "STO-100", "1e3", "no", int64(86400*40))
	f.Add("", "", "", "none", "", "", "STO-100", "-1", "NOPE", "x", "", int64(-1))
	f.Fuzz(func(t *testing.T, tier, ptype, motion, dealreg, business, region, sku1, qty1, sku2, qty2, competitive string, offset int64) {
		q := pricing.Quote{
			Partner:          partnerops.Partner{ID: "p", Type: partnerops.PartnerType(ptype), Tier: partnerops.Tier(tier)},
			Motion:           partnerops.Motion(motion),
			DealRegistration: pricing.DealRegStatus(dealreg),
			Business:         partnerops.BusinessType(business),
			Region:           partnerops.Region(region),
			Attributes:       map[string]string{"competitive": competitive},
		}
		for _, l := range [][2]string{{sku1, qty1}, {sku2, qty2}} {
			d, err := partnerops.ParseDecimal(l[1])
			if err != nil {
				continue
			}
			q.Lines = append(q.Lines, pricing.QuoteLine{SKU: pricing.SKU(l[0]), Quantity: d})
		}
		at := day.Add(time.Duration(offset%(86400*400)) * time.Second)
		r, err := fuzzEngine.Price(q, at)
		if err != nil {
			return
		}
		checkConsistent(t, r)
	})
}

// checkConsistent verifies a result's arithmetic: each line's steps chain
// from the list price, the net is not negative, extended amounts and
// totals add up.
func checkConsistent(t *testing.T, r *pricing.Result) {
	t.Helper()
	listTot, netTot := partnerops.Decimal{}, partnerops.Decimal{}
	for _, l := range r.Lines {
		running := l.List.Amount()
		for _, s := range l.Steps() {
			running = running.Sub(s.Amount)
			if !running.Equal(s.Running) {
				t.Fatalf("line %d step %s: running %s, want %s", l.Line, s.Rule, s.Running, running)
			}
			if s.Limit == pricing.LimitNone && !s.Amount.Equal(s.Requested) {
				t.Fatalf("line %d step %s: unlimited step with amount %s != requested %s", l.Line, s.Rule, s.Amount, s.Requested)
			}
		}
		if l.NetUnit.IsNegative() || l.NetExtended.IsNegative() {
			t.Fatalf("line %d: negative net %s / %s", l.Line, l.NetUnit, l.NetExtended)
		}
		if d, _ := l.ListExtended.Sub(l.NetExtended); !d.Equal(l.Discount) {
			t.Fatalf("line %d: discount %s != %s", l.Line, l.Discount, d)
		}
		listTot = listTot.Add(l.ListExtended.Amount())
		netTot = netTot.Add(l.NetExtended.Amount())
	}
	if !listTot.Equal(r.ListTotal.Amount()) || !netTot.Equal(r.NetTotal.Amount()) {
		t.Fatalf("totals %s/%s, want %s/%s", r.ListTotal, r.NetTotal, listTot, netTot)
	}
	if txt := r.Text(); len(txt) == 0 {
		t.Fatal("empty text")
	}
	_ = r.Markdown()
	checkRoundTrip(t, r)
	_ = fmt.Sprint(r.EffectiveDiscount)
}

// FuzzParseQuote parses fuzzed JSON as a quote and prices it against the
// sample framework: never a panic; an accepted quote round-trips; the
// price is an error or a consistent result.
func FuzzParseQuote(f *testing.F) {
	seedJSON(f, sampleQuote())
	f.Add([]byte(`{"partner":{"id":"p","tier":"gold"},"lines":[{"sku":"SEC-100","quantity":"1e3"},{"sku":"SVC-1","quantity":0.5}]}`))
	f.Add([]byte(`{"book":"us","currency":"EUR","lines":[{"sku":"SEC-100","quantity":"-1"}]}`))
	f.Add([]byte(`{"lines":[{"sku":"SEC-100","quantity":"1.000000000000000000"}]}`))
	f.Add([]byte(`{"prior":[{"sku":"STO-100","quantity":"7"}],"lines":[{"sku":"SEC-100","quantity":"2","unit":"box","manual_discount":"15"},` +
		`{"sku":"STO-100","quantity":"12","manual_price":"30.00"},{"sku":"SVC-1","quantity":"1","ignore_rules":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := pricing.ParseQuote(data)
		if err != nil {
			return
		}
		roundtrip.Copy(t, q, pricing.ParseQuote)
		if r, err := fuzzEngine.Price(q, day); err == nil {
			checkConsistent(t, r)
		}
		if r, err := fuzzRichEngine.Price(q, day); err == nil {
			checkConsistent(t, r)
		}
	})
}
