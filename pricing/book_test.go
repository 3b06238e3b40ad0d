package pricing_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func noRules() pricing.Framework { return framework(add) }

func TestListPriceWindowsAndDerivedBooks(t *testing.T) {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	us := usBook()
	// SEC-100 had a lower price until 2026-01-01.
	us.Entries[0].From = jan
	us.Entries = append(us.Entries, pricing.Entry{SKU: "SEC-100", Family: "security", List: mp("90.00"), Until: jan})
	rate := dec("0.92")
	eu := pricing.PriceBook{ID: "eu", Currency: partnerops.EUR, Region: "emea", Basis: pricing.BasisBook, BaseBook: "us",
		Rate: &rate, Formula: &pricing.Formula{Increment: dec("1"), IncrementMode: partnerops.RoundCeiling},
		Entries: []pricing.Entry{{SKU: "SVC-1", Family: "services", List: ptr(partnerops.MustMoney("1200", partnerops.EUR))}}}
	// Partner book: 10% below the EU book, then a 0.50 admin surcharge.
	partnerEU := pricing.PriceBook{ID: "eu-partner", Currency: partnerops.EUR, Basis: pricing.BasisBook, BaseBook: "eu",
		Formula: &pricing.Formula{Discount: pct("10"), Surcharge: partnerops.MustMoney("0.50", partnerops.EUR)}}
	// Cost-plus: cost 30 → +150% = 75 → −10% = 67.50 → to a multiple of 5
	// (half up) = 70 → +2 = 72 → min margin 60% needs 30/0.4 = 75 → 75.
	costPlus := pricing.PriceBook{ID: "cost", Currency: usd, Basis: pricing.BasisCost,
		Formula: &pricing.Formula{Markup: pct("150"), Discount: pct("10"), Increment: dec("5"),
			Surcharge: m("2"), MinMargin: pp("60"), MaxMargin: pp("80")},
		Entries: []pricing.Entry{{SKU: "SEC-100", Family: "security", Cost: mp("30")},
			{SKU: "STO-100", Cost: mp("10"), Family: "storage"}}} // 10 → 25 → 22.5 → 25 → 27 (margin 63%) → 27
	e, err := pricing.Compile([]pricing.PriceBook{partnerEU, eu, us, costPlus}, noRules())
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	cases := []struct {
		book pricing.BookID
		sku  pricing.SKU
		at   time.Time
		want string
	}{
		{"us", "SEC-100", day, "100.00 USD"},
		{"us", "SEC-100", jan.Add(-time.Hour), "90.00 USD"},
		{"eu", "SEC-100", day, "92 EUR"},           // 100 × 0.92 = 92.00, ceiling to 1
		{"eu", "STO-100", day, "37 EUR"},           // 40 × 0.92 = 36.80 → 37
		{"eu", "SVC-1", day, "1200 EUR"},           // own entry overrides
		{"eu-partner", "SEC-100", day, "83.3 EUR"}, // 92 × 0.9 + 0.50
		{"eu-partner", "SVC-1", day, "1080.5 EUR"},
		{"cost", "SEC-100", day, "75 USD"},
		{"cost", "STO-100", day, "27 USD"},
	}
	for _, tc := range cases {
		got, err := e.ListPrice(tc.book, tc.sku, tc.at)
		if err != nil {
			t.Errorf("ListPrice(%s, %s) error: %v", tc.book, tc.sku, err)
			continue
		}
		if want := partnerops.MustMoney(tc.want[:len(tc.want)-4], partnerops.Currency(tc.want[len(tc.want)-3:])); !got.Equal(want) {
			t.Errorf("ListPrice(%s, %s, %s) = %s, want %s", tc.book, tc.sku, tc.at.Format(time.DateOnly), got, want)
		}
	}
	if _, err := e.ListPrice("us", "NOPE", day); !errors.Is(err, pricing.ErrUnknownSKU) {
		t.Errorf("unknown SKU: err = %v, want ErrUnknownSKU", err)
	}
	if _, err := e.ListPrice("nope", "SEC-100", day); !errors.Is(err, pricing.ErrUnknownBook) {
		t.Errorf("unknown book: err = %v, want ErrUnknownBook", err)
	}
	if diff := cmp.Diff([]pricing.BookID{"cost", "eu", "eu-partner", "us"}, e.Books()); diff != "" {
		t.Errorf("Books() (-want +got):\n%s", diff)
	}
}

func TestMaxMarginClamp(t *testing.T) {
	// Cost 10, markup 500% = 60: margin 83% > max 50% → 10/0.5 = 20.
	b := pricing.PriceBook{ID: "c", Currency: usd, Basis: pricing.BasisCost,
		Formula: &pricing.Formula{Markup: pct("500"), MaxMargin: pp("50")},
		Entries: []pricing.Entry{{SKU: "X", Cost: mp("10")}}}
	e, err := pricing.Compile([]pricing.PriceBook{b}, noRules())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := e.ListPrice("c", "X", day)
	if !got.Equal(m("20")) {
		t.Errorf("ListPrice = %s, want 20.00 USD", got)
	}
}

func TestBookSelection(t *testing.T) {
	eu := pricing.PriceBook{ID: "eu", Currency: partnerops.EUR, Region: "emea",
		Entries: []pricing.Entry{{SKU: "SEC-100", List: ptr(partnerops.MustMoney("95", partnerops.EUR))}}}
	global := usBook()
	global.ID, global.Region = "global", ""
	fw := framework(add)
	fw.Currency = ""
	e, err := pricing.Compile([]pricing.PriceBook{usBook(), eu, global}, fw)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		q    pricing.Quote
		want pricing.BookID
		err  error
	}{
		{"by region", pricing.Quote{Region: "na"}, "us", nil},
		{"by region and currency", pricing.Quote{Region: "emea", Currency: partnerops.EUR}, "eu", nil},
		{"fallback to a book without region", pricing.Quote{Region: "apac", Currency: usd}, "global", nil},
		{"named book", pricing.Quote{Book: "eu"}, "eu", nil},
		{"named book, wrong currency", pricing.Quote{Book: "eu", Currency: usd}, "", partnerops.ErrCurrencyMismatch},
		{"unknown book", pricing.Quote{Book: "jp"}, "", pricing.ErrUnknownBook},
		{"no book in currency", pricing.Quote{Currency: partnerops.JPY}, "", pricing.ErrUnknownBook},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.Lines = []pricing.QuoteLine{line("SEC-100", "1")}
			r, err := e.Price(tc.q, day)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("Price() error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Price() error = %v", err)
			}
			if r.Book != tc.want {
				t.Errorf("Book = %q, want %q", r.Book, tc.want)
			}
		})
	}
}

func TestPriceErrors(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework(add, offList("r", "g", "10")))
	if err != nil {
		t.Fatal(err)
	}
	eu := usBook()
	eu.ID, eu.Currency, eu.Region = "eu", partnerops.EUR, "emea"
	for i := range eu.Entries {
		eu.Entries[i].List = ptr(partnerops.MustMoney("10", partnerops.EUR))
		eu.Entries[i].Cost, eu.Entries[i].Floor = nil, nil
	}
	e2, err := pricing.Compile([]pricing.PriceBook{eu}, framework(add))
	if err != nil {
		t.Fatal(err)
	}
	old := usBook()
	old.Entries[0].Until = day
	e3, err := pricing.Compile([]pricing.PriceBook{old}, framework(add))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		e    *pricing.Engine
		q    pricing.Quote
		want error
	}{
		{"unknown SKU", e, quote("gold", line("NOPE", "1")), pricing.ErrUnknownSKU},
		{"no price in force", e3, quote("gold", line("SEC-100", "1")), pricing.ErrNoPrice},
		{"zero quantity", e, quote("gold", line("SEC-100", "0")), pricing.ErrQuantity},
		{"negative quantity", e, quote("gold", line("SEC-100", "-2")), pricing.ErrQuantity},
		{"quantity too fine", e, quote("gold", line("SEC-100", "0.0000001")), pricing.ErrQuantity},
		{"unknown tier", e, quote("diamond", line("SEC-100", "1")), partnerops.ErrUnknownTier},
		{"framework currency differs from book", e2, pricing.Quote{Region: "emea", Lines: []pricing.QuoteLine{line("SEC-100", "1")}}, partnerops.ErrCurrencyMismatch},
		{"bad deal registration", e, func() pricing.Quote {
			q := quote("gold", line("SEC-100", "1"))
			q.DealRegistration = "pending"
			return q
		}(), partnerops.ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.e.Price(tc.q, day)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Price() error = %v, want %v", err, tc.want)
			}
		})
	}
	t.Run("line errors name the line", func(t *testing.T) {
		_, err := e.Price(quote("gold", line("SEC-100", "1"), line("NOPE", "1")), day)
		var le *pricing.LineError
		if !errors.As(err, &le) || le.Line != 2 || le.SKU != "NOPE" {
			t.Fatalf("Price() error = %v, want a *LineError for line 2", err)
		}
	})
}

func TestCompileValidation(t *testing.T) {
	bad := usBook()
	bad.Entries = append(bad.Entries,
		pricing.Entry{SKU: "SEC-100", List: mp("80")},                                   // overlaps entries[0]
		pricing.Entry{SKU: "", List: mp("1")},                                           // empty SKU
		pricing.Entry{SKU: "NEG", List: mp("-1")},                                       // negative
		pricing.Entry{SKU: "EUR", List: ptr(partnerops.MustMoney("1", partnerops.EUR))}, // mixed currency
		pricing.Entry{SKU: "WIN", List: mp("1"), From: day, Until: day.Add(-time.Hour)}, // empty window
	)
	cyc1 := pricing.PriceBook{ID: "a", Currency: usd, Basis: pricing.BasisBook, BaseBook: "b"}
	cyc2 := pricing.PriceBook{ID: "b", Currency: usd, Basis: pricing.BasisBook, BaseBook: "a"}
	fw := framework([]pricing.Group{group("g", "sometimes"), group("g", pricing.CombineFirst)},
		pricing.Rule{ID: "r1", Group: "nope", When: pricing.Conditions{Tiers: []partnerops.Tier{"diamond"}, SKUs: []pricing.SKU{"GHOST"}},
			Effect: pricing.PercentOffList(pct("120"))},
		pricing.Rule{ID: "r1", Group: "g", Excludes: []pricing.RuleID{"zzz"}, Effect: pricing.Effect{Kind: "teleport"}},
		pricing.Rule{ID: "r3", Group: "g", When: pricing.Conditions{MinQuantity: dp("10"), MaxQuantity: dp("5")},
			Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleRange,
				Tiers: []pricing.ScheduleTier{{From: dec("10"), Percent: pp("1")}, {From: dec("5"), Percent: pp("2")}}}}},
	)
	fw.Approvals = []pricing.ApprovalThreshold{{Level: "vp", Above: pct("35")}, {Level: "manager", Above: pct("20")}}
	_, err := pricing.Compile([]pricing.PriceBook{bad, cyc1, cyc2}, fw)
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Fatalf("Compile() error = %v, want ErrInvalid", err)
	}
	got := validationPaths(err)
	want := []string{
		"books[us].entries[SEC-100].until",
		"books[us].entries[5].sku",
		"books[us].entries[NEG].list",
		"books[us].entries[EUR].list",
		"books[us].entries[WIN].until",
		"books[a].base_book",
		"groups[g].mode",
		"groups[g].id",
		"approvals[manager].above",
		"rules[r1].id",
		"rules[r1].group",
		"rules[r1].when.tiers[0]",
		"rules[r1].when.skus[0]",
		"rules[r1].effect.percent",
		"rules[r1].excludes[0]",
		"rules[r1].effect.kind",
		"rules[r3].when.max_quantity",
		"rules[r3].effect.schedule.tiers[1].from",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("validation paths (-want +got):\n%s\nerror: %v", diff, err)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	fw := sampleFramework()
	books := []pricing.PriceBook{usBook()}
	for _, v := range []any{&fw, &books} {
		data, err := jsonMarshal(v)
		if err != nil {
			t.Fatal(err)
		}
		switch x := v.(type) {
		case *pricing.Framework:
			var back pricing.Framework
			if err := jsonUnmarshal(data, &back); err != nil {
				t.Fatalf("decode framework: %v", err)
			}
			again, _ := jsonMarshal(&back)
			if string(again) != string(data) {
				t.Errorf("framework JSON does not round-trip:\n%s\n%s", data, again)
			}
			_ = x
		case *[]pricing.PriceBook:
			var back []pricing.PriceBook
			if err := jsonUnmarshal(data, &back); err != nil {
				t.Fatalf("decode books: %v", err)
			}
			again, _ := jsonMarshal(&back)
			if string(again) != string(data) {
				t.Errorf("books JSON does not round-trip:\n%s\n%s", data, again)
			}
		}
	}
	// Both compile to engines that price alike.
	e1, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := jsonMarshal(&fw)
	var fw2 pricing.Framework
	_ = jsonUnmarshal(data, &fw2)
	e2, err := pricing.Compile(books, fw2)
	if err != nil {
		t.Fatal(err)
	}
	q := sampleQuote()
	r1, err1 := e1.Price(q, day)
	r2, err2 := e2.Price(q, day)
	if err1 != nil || err2 != nil {
		t.Fatalf("Price errors: %v, %v", err1, err2)
	}
	if r1.Text() != r2.Text() {
		t.Errorf("decoded framework prices differently:\n%s\n%s", r1.Text(), r2.Text())
	}
}
