package pricing_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// FuzzDecodeFramework decodes fuzzed JSON as a framework and compiles it
// with the sample book: decoding and validation must never panic, and a
// framework that compiles must price the sample quote or fail with an
// error.
func FuzzDecodeFramework(f *testing.F) {
	seed, _ := json.Marshal(sampleFramework())
	f.Add(seed)
	f.Add([]byte(`{"groups":[{"id":"g","mode":"first"}],"rules":[{"id":"r","group":"g","effect":{"kind":"percent_off_list","percent":"1e400"}}]}`))
	f.Add([]byte(`{"groups":[{"id":"g","mode":"additive","cap":"50"}],"rules":[{"id":"r","group":"g","effect":{"kind":"schedule","schedule":{"kind":"slab","tiers":[{"from":"1","percent":"10"}]}}}]}`))
	books := []pricing.PriceBook{usBook()}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fw pricing.Framework
		if err := json.Unmarshal(data, &fw); err != nil {
			return
		}
		e, err := pricing.Compile(books, fw)
		if err != nil {
			return
		}
		if r, err := e.Price(sampleQuote(), day); err == nil {
			checkConsistent(t, r)
		}
	})
}

// FuzzDecodeBooks decodes fuzzed JSON as price books and compiles them:
// never a panic; every SKU of a compiled book has a list price or a
// documented error.
func FuzzDecodeBooks(f *testing.F) {
	seed, _ := json.Marshal([]pricing.PriceBook{usBook(), {ID: "eu", Currency: partnerops.EUR, Basis: pricing.BasisBook,
		BaseBook: "us", Rate: dp("0.9"), Formula: &pricing.Formula{Increment: dec("0.05"), MinMargin: pp("10")}}})
	f.Add(seed)
	f.Add([]byte(`[{"id":"a","currency":"USD","basis":"book","base_book":"a"}]`))
	f.Add([]byte(`[{"id":"c","currency":"JPY","basis":"cost","formula":{"markup":"9999"},"entries":[{"sku":"X","list":{"amount":"0","currency":""},"cost":{"amount":"1e20","currency":"JPY"}}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var books []pricing.PriceBook
		if err := json.Unmarshal(data, &books); err != nil {
			return
		}
		e, err := pricing.Compile(books, pricing.Framework{})
		if err != nil {
			return
		}
		for _, b := range books {
			for _, en := range b.Entries {
				if _, err := e.ListPrice(b.ID, en.SKU, day); err != nil && en.From.IsZero() && en.Until.IsZero() {
					// An open-window entry is always in force.
					if _, ok := err.(*pricing.LineError); !ok {
						t.Fatalf("ListPrice(%s, %s): unexpected error %v", b.ID, en.SKU, err)
					}
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
	if _, err := json.Marshal(r.Lines); err != nil {
		t.Fatalf("encoding lines: %v", err)
	}
	_ = fmt.Sprint(r.EffectiveDiscount)
}

// FuzzDecodeQuote decodes fuzzed JSON as a quote and prices it against the
// sample framework: an error or a consistent result, never a panic.
func FuzzDecodeQuote(f *testing.F) {
	seed, _ := json.Marshal(sampleQuote())
	f.Add(seed)
	f.Add([]byte(`{"partner":{"id":"p","tier":"gold"},"lines":[{"sku":"SEC-100","quantity":"1e3"},{"sku":"SVC-1","quantity":0.5}]}`))
	f.Add([]byte(`{"book":"us","currency":"EUR","lines":[{"sku":"SEC-100","quantity":"-1"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var q pricing.Quote
		if err := json.Unmarshal(data, &q); err != nil {
			return
		}
		if r, err := fuzzEngine.Price(q, day); err == nil {
			checkConsistent(t, r)
		}
	})
}
