package pricing_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/pricing"
)

// Issue 11: on the decimal (large amount) path the effective discount was
// rounded twice (12.345650004% → 12.345650 → 12.3456); the int64 path
// gave 12.3457. Both paths must round once and agree.
func TestEffectiveDiscountRoundsOnce(t *testing.T) {
	for _, tc := range []struct{ name, list, off string }{
		{"int64 path", "10000000000.00", "1234565000.40"},
		{"decimal path", "100000000000000000000.00", "12345650004000000000.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := pricing.PriceBook{ID: "big", Currency: usd, Entries: []pricing.Entry{{SKU: "X", List: mp(tc.list)}}}
			l := priceLine(t, []pricing.PriceBook{b}, framework(add, amountOff("off", "g", tc.off)),
				pricing.Quote{Book: "big", Lines: []pricing.QuoteLine{line("X", "1")}})
			if got, want := l.EffectiveDiscount, pct("12.3457"); !got.Equal(want) {
				t.Errorf("effective discount = %s, want %s", got, want)
			}
		})
	}
}

// Issue 11: the net price ended below the floor although the list price
// was above it, because the floor bound was not at the book's places and
// the final rounding could go down.
func TestNetNeverBelowFloor(t *testing.T) {
	cases := []struct {
		name        string
		floor, list string
		places      int32
		mode        partnerops.RoundingMode
		want        string
	}{
		{"floor 33.3333, 90% off", "33.3333", "100.00", 2, partnerops.RoundHalfUp, "33.34"},
		{"places -1, mode down, floor 35", "35.00", "100.00", -1, partnerops.RoundDown, "40"},
		{"places -1, mode down, list at the floor", "35.00", "35.00", -1, partnerops.RoundDown, "40"},
		{"places 0, half even, floor 10.5", "10.5", "50", 0, partnerops.RoundHalfEven, "11"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := pricing.PriceBook{ID: "b", Currency: usd, Rounding: pricing.Rounding{Places: &tc.places, Mode: tc.mode},
				Entries: []pricing.Entry{{SKU: "X", List: mp(tc.list), Floor: mp(tc.floor)}}}
			l := priceLine(t, []pricing.PriceBook{b}, framework(add, offList("deep", "g", "90")),
				pricing.Quote{Book: "b", Lines: []pricing.QuoteLine{line("X", "1")}})
			if got := canon(l.NetUnit.Amount()); got != tc.want {
				t.Errorf("net unit = %s, want %s\n%s", got, tc.want, summarize(l))
			}
		})
	}
}

// Issue 11: Result.Text was quadratic in lines (16k lines took 71 s,
// copying the whole text once per line). Every renderer and every function
// taking a slice must be linear: 8× the lines allocate about 8× the bytes
// (at most 10×) and take about 8× the time (at most 30× on a noisy
// machine; quadratic would be 64×).
func TestRenderersAreLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, sampleFramework())
	if err != nil {
		t.Fatal(err)
	}
	result := func(n int) *pricing.Result {
		q := sampleQuote()
		base := q.Lines
		q.Lines = nil
		for i := range n {
			q.Lines = append(q.Lines, base[i%len(base)])
		}
		r, err := e.Price(q, day)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	small, large := result(100), result(800)
	for _, render := range []struct {
		name string
		f    func(*pricing.Result) string
	}{{"Text", (*pricing.Result).Text}, {"Markdown", (*pricing.Result).Markdown}} {
		if ratio := measure.BytesRatio(func() { render.f(small) }, func() { render.f(large) }); ratio > 10 {
			t.Errorf("%s: 8× the lines allocated %.1f× the bytes, want about 8×", render.name, ratio)
		}
		if ratio, slow := slowGrowth(func() { render.f(small) }, func() { render.f(large) }); slow {
			t.Errorf("%s: 8× the lines took %.1f× the time, want about 8×", render.name, ratio)
		}
	}
	q1, q8 := sampleQuote(), sampleQuote()
	for range 7 {
		q8.Lines = append(q8.Lines, sampleQuote().Lines...)
	}
	for range 50 {
		q1.Lines = append(q1.Lines, sampleQuote().Lines...)
		q8.Lines = append(q8.Lines, slicesRepeat(sampleQuote().Lines, 8)...)
	}
	if ratio := measure.BytesRatio(func() { _, _ = e.Price(q1, day) }, func() { _, _ = e.Price(q8, day) }); ratio > 10 {
		t.Errorf("Price: 8× the lines allocated %.1f× the bytes", ratio)
	}
	if ratio, slow := slowGrowth(func() { _, _ = e.Price(q1, day) }, func() { _, _ = e.Price(q8, day) }); slow {
		t.Errorf("Price: 8× the lines took %.1f× the time", ratio)
	}
}

func slicesRepeat[T any](s []T, n int) []T {
	var out []T
	for range n {
		out = append(out, s...)
	}
	return out
}

// slowGrowth reports whether 8× the input took more than 30× the time
// ([measure.Slow]); linear code takes about 8×, quadratic 64×.
func slowGrowth(small, large func()) (float64, bool) { return measure.Slow(small, large, 30) }

// Issue 11: 10,000 global rules for other tiers, partner types, motions
// and regions were all visited and recorded as skipped on every line. The
// index leaves them out: a line records only its candidates.
func TestGlobalRulesOfOthersLeaveNoRecords(t *testing.T) {
	fw := benchFramework(0, 2000)
	e50, err := pricing.Compile([]pricing.PriceBook{benchCatalog(2000)}, fw)
	if err != nil {
		t.Fatal(err)
	}
	benchGlobalRules(&fw, 9950)
	e10k, err := pricing.Compile([]pricing.PriceBook{benchCatalog(2000)}, fw)
	if err != nil {
		t.Fatal(err)
	}
	q := benchQuote(20)
	r50, err := e50.Price(q, day)
	if err != nil {
		t.Fatal(err)
	}
	r10k, err := e10k.Price(q, day)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := r50.Text(), r10k.Text(); a != b {
		t.Errorf("10,000 rules of others changed the result:\n%s", cmp.Diff(a, b))
	}
}

// Issue 11: a derived-book chain with rates of 18 significant digits
// failed to compile (unrounded intermediate costs), with the error path
// "books.c.entries.A".
func TestDerivedChainWithLongRates(t *testing.T) {
	a := pricing.PriceBook{ID: "a", Currency: usd, Entries: []pricing.Entry{{SKU: "A", List: mp("100.00"), Cost: mp("33.33"), Floor: mp("40")}}}
	b := pricing.PriceBook{ID: "b", Currency: partnerops.EUR, Basis: pricing.BasisBook, BaseBook: "a", Rate: dp("1.23456789012345678")}
	c := pricing.PriceBook{ID: "c", Currency: usd, Basis: pricing.BasisBook, BaseBook: "b", Rate: dp("0.987654321098765432")}
	fw := noRules()
	fw.MinMargin = pp("20")
	e, err := pricing.Compile([]pricing.PriceBook{a, b, c}, fw)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	got, err := e.ListPrice("c", "A", day)
	if err != nil || !got.Equal(m("121.94")) { // 100 × 1.23457 → 123.46 EUR; × 0.98765 → 121.9358 → 121.94
		t.Errorf("ListPrice(c, A) = %s, %v; want 121.94 USD", got, err)
	}
	r, err := e.Price(pricing.Quote{Book: "c", Lines: []pricing.QuoteLine{line("A", "3")}}, day)
	if err != nil {
		t.Fatalf("Price: %v", err)
	}
	checkConsistent(t, r)
	// A derived price out of range names its book and entry by ID.
	huge := pricing.PriceBook{ID: "h", Currency: usd, Entries: []pricing.Entry{{SKU: "A", List: mp("1000000000000000000000000")}}}
	up := pricing.PriceBook{ID: "up", Currency: usd, Basis: pricing.BasisBook, BaseBook: "h", Rate: dp("10000000")}
	_, err = pricing.Compile([]pricing.PriceBook{huge, up}, noRules())
	if got := validationPaths(err); len(got) != 1 || got[0] != "books[up].entries[A].list" {
		t.Errorf("paths = %v, want [books[up].entries[A].list] (%v)", got, err)
	}
}

// Issue 11: a book with 18 places and extended rounding compiled, and then
// every Price failed (working precision of 22 places).
func TestEighteenPlaces(t *testing.T) {
	places := int32(18)
	b := pricing.PriceBook{ID: "fine", Currency: usd, Rounding: pricing.Rounding{Places: &places, Target: pricing.RoundExtended},
		Entries: []pricing.Entry{{SKU: "X", List: mp("1.000000000000000001")}}}
	l := priceLine(t, []pricing.PriceBook{b}, framework([]pricing.Group{group("g", pricing.CombineCompounding)}, offRunning("a", "g", "33.333"), offRunning("b", "g", "7.7")),
		pricing.Quote{Book: "fine", Lines: []pricing.QuoteLine{line("X", "3")}})
	if l.NetUnit.Amount().Scale() > 18 || l.NetExtended.Amount().Scale() > 18 {
		t.Errorf("net %s / %s has more than 18 places", l.NetUnit, l.NetExtended)
	}
}

// Issue 11: quantity 1e13 was refused without saying why, and
// "1.000000000000000000" was refused as "quantity 1".
func TestQuantityLimits(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, noRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		qty string
		ok  bool
	}{
		{"1.000000000000000000", true},
		{"2.500000", true},
		{"999999999999.999999", true},
		{"0.000001", true},
		{"1e13", false},
		{"1000000000000", false},
		{"0.0000001", false},
		{"0", false},
		{"-1", false},
	} {
		_, err := e.Price(quote("gold", line("SEC-100", tc.qty)), day)
		switch {
		case tc.ok && err != nil:
			t.Errorf("quantity %s: %v", tc.qty, err)
		case !tc.ok && !errors.Is(err, pricing.ErrQuantity):
			t.Errorf("quantity %s: error %v, want ErrQuantity", tc.qty, err)
		case !tc.ok && !strings.Contains(err.Error(), "below 10^12 with at most 6 digits after the decimal point"):
			t.Errorf("quantity %s: error %q does not state the limits", tc.qty, err)
		}
	}
}

// Issue 11: every number a host passes in is range-checked before any
// arithmetic: 1e-2147483648 would otherwise take forever.
func TestHostileNumbers(t *testing.T) {
	tiny := partnerops.NewDecimal(1, math.MinInt32)
	huge := partnerops.NewDecimal(1, math.MaxInt32)
	done := make(chan struct{})
	go func() {
		defer close(done)
		e, err := pricing.Compile([]pricing.PriceBook{usBook()}, noRules())
		if err != nil {
			t.Error(err)
			return
		}
		for _, q := range []partnerops.Decimal{tiny, huge} {
			if _, err := e.Price(quote("gold", pricing.QuoteLine{SKU: "SEC-100", Quantity: q}), day); !errors.Is(err, pricing.ErrQuantity) {
				t.Errorf("Price(quantity %d digits) error = %v, want ErrQuantity", len(fmt.Sprint(err)), err)
			}
		}
		for _, d := range []partnerops.Decimal{tiny, huge} {
			book := usBook()
			book.Entries[0].List = ptr(m("1").Mul(d))
			derived := pricing.PriceBook{ID: "d", Currency: usd, Basis: pricing.BasisBook, BaseBook: "us", Rate: &d,
				Formula: &pricing.Formula{Increment: d, Markup: partnerops.NewPercent(d)}}
			fw := framework(add, pricing.Rule{ID: "r", Group: "g", When: pricing.Conditions{MinQuantity: &d},
				Effect: pricing.PercentOffList(partnerops.NewPercent(d))})
			fw.TotalCap = ptr(partnerops.NewPercent(d))
			_, err := pricing.Compile([]pricing.PriceBook{book, derived}, fw)
			if !errors.Is(err, partnerops.ErrRange) {
				t.Errorf("Compile with hostile numbers: error %v, want ErrRange", err)
			}
			if len(err.Error()) > 4000 {
				t.Errorf("error message of %d bytes", len(err.Error()))
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("hostile numbers were not refused within 10 s")
	}
}

// Compile, Warnings and the Parse functions take lists of rules and
// entries: 8× the rules cost about 8× (allocations at most 10×, time at
// most 30× on a noisy machine).
func TestCompileAndParseAreLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	build := func(n int) (pricing.Framework, []byte, []pricing.PriceBook, []byte) {
		fw := benchFramework(0, 2000)
		benchGlobalRules(&fw, n)
		books := []pricing.PriceBook{benchCatalog(n)}
		fwJSON, err := json.Marshal(fw)
		if err != nil {
			t.Fatal(err)
		}
		booksJSON, err := json.Marshal(books)
		if err != nil {
			t.Fatal(err)
		}
		return fw, fwJSON, books, booksJSON
	}
	fw1, fj1, b1, bj1 := build(250)
	fw8, fj8, b8, bj8 := build(2000)
	for _, tc := range []struct {
		name         string
		small, large func()
	}{
		{"Compile", func() { _, _ = pricing.Compile(b1, fw1) }, func() { _, _ = pricing.Compile(b8, fw8) }},
		{"ParseFramework", func() { _, _ = pricing.ParseFramework(fj1) }, func() { _, _ = pricing.ParseFramework(fj8) }},
		{"ParsePriceBooks", func() { _, _ = pricing.ParsePriceBooks(bj1) }, func() { _, _ = pricing.ParsePriceBooks(bj8) }},
	} {
		if ratio := measure.BytesRatio(tc.small, tc.large); ratio > 10 {
			t.Errorf("%s: 8× the input allocated %.1f× the bytes", tc.name, ratio)
		}
		if ratio, slow := slowGrowth(tc.small, tc.large); slow {
			t.Errorf("%s: 8× the input took %.1f× the time", tc.name, ratio)
		}
	}
}

// Issue 15: the new quote-wide work (lines conditions, schedules across
// lines, quote rules, free goods, taxes) stays linear in the quote's
// lines.
func TestQuoteWideFeaturesAreLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	fw := richFramework()
	fw.Rules = append(fw.Rules, pricing.Rule{ID: "lines", Group: "strategic",
		When:   pricing.Conditions{Lines: []pricing.LinesCondition{{Families: []pricing.Family{"security"}, MinQuantity: dp("10")}}},
		Effect: pricing.PercentOffRunning(pct("1"))},
		pricing.Rule{ID: "across", Group: "volume", Priority: 1, When: pricing.Conditions{Families: []pricing.Family{"security"}},
			Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleRange, Scope: pricing.ScopeRule,
				Tiers: []pricing.ScheduleTier{{From: dec("1"), Percent: pp("2")}}}}})
	b := usBook()
	b.Tax = &pricing.Tax{Rate: pct("20")}
	e, err := pricing.Compile([]pricing.PriceBook{b}, fw)
	if err != nil {
		t.Fatal(err)
	}
	q1, q8 := sampleQuote(), sampleQuote()
	q1.Lines, q8.Lines = slicesRepeat(sampleQuote().Lines, 50), slicesRepeat(sampleQuote().Lines, 400)
	for _, q := range []pricing.Quote{q1, q8} {
		if _, err := e.Price(q, day); err != nil {
			t.Fatal(err)
		}
	}
	if ratio := measure.BytesRatio(func() { _, _ = e.Price(q1, day) }, func() { _, _ = e.Price(q8, day) }); ratio > 10 {
		t.Errorf("Price: 8× the lines allocated %.1f× the bytes", ratio)
	}
	if ratio, slow := slowGrowth(func() { _, _ = e.Price(q1, day) }, func() { _, _ = e.Price(q8, day) }); slow {
		t.Errorf("Price: 8× the lines took %.1f× the time", ratio)
	}
}

// TestZeroSurchargeInAnotherCurrency: JSON leaves a zero surcharge out
// (Money's omitzero), so a framework with "0 EUR" over a USD book must
// compile and price exactly as its stored copy does, which has none.
// (A long fuzz run found the two disagreeing.)
func TestZeroSurchargeInAnotherCurrency(t *testing.T) {
	books, err := pricing.ParsePriceBooks([]byte(`[{"id": "us", "currency": "USD", "entries": [{"sku": "SEC-100", "list": "100.00"}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	fw, err := pricing.ParseFramework([]byte(`{"currency": "USD", "groups": [{"id": "g", "mode": "first"}], "rules": [
	  {"id": "f", "group": "g", "effect": {"kind": "formula", "base": "list",
	   "formula": {"discount": "10", "surcharge": {"amount": "0", "currency": "EUR"}}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(fw)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := pricing.ParseFramework(data)
	if err != nil {
		t.Fatal(err)
	}
	q := pricing.Quote{ID: "q", Lines: []pricing.QuoteLine{{SKU: "SEC-100", Quantity: partnerops.MustDecimal("1")}}}
	var nets []string
	for _, f := range []pricing.Framework{fw, stored} {
		e, err := pricing.Compile(books, f)
		if err != nil {
			t.Fatalf("Compile: %v", err)
		}
		r, err := e.Price(q, day)
		if err != nil {
			t.Fatal(err)
		}
		nets = append(nets, r.NetTotal.String())
	}
	if diff := cmp.Diff([]string{"90.00 USD", "90.00 USD"}, nets); diff != "" {
		t.Errorf("net before and after JSON (-want +got):\n%s", diff)
	}
}
