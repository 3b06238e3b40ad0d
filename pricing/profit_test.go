package pricing_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"pgregory.net/rapid"
)

func TestMarginAndMarkupHelpers(t *testing.T) {
	for _, tc := range []struct {
		price, cost    string
		margin, markup string
	}{
		{"100.00", "80.00", "20", "25"},
		{"100.00", "30.00", "70", "233.3333"},
		{"80.00", "100.00", "-25", "-20"},
		{"3.00", "1.00", "66.6667", "200"},
	} {
		mg, err := pricing.MarginOf(m(tc.price), m(tc.cost))
		if err != nil {
			t.Fatal(err)
		}
		mk, err := pricing.MarkupOf(m(tc.price), m(tc.cost))
		if err != nil {
			t.Fatal(err)
		}
		if got := []string{canon(mg.Decimal()), canon(mk.Decimal())}; !cmp.Equal(got, []string{tc.margin, tc.markup}) {
			t.Errorf("MarginOf/MarkupOf(%s, %s) = %v, want %s, %s", tc.price, tc.cost, got, tc.margin, tc.markup)
		}
	}
	if _, err := pricing.MarginOf(m("0"), m("1")); !errors.Is(err, partnerops.ErrDivisionByZero) {
		t.Errorf("MarginOf(0, 1) error = %v, want ErrDivisionByZero", err)
	}
	if _, err := pricing.MarkupOf(m("1"), m("0")); !errors.Is(err, partnerops.ErrDivisionByZero) {
		t.Errorf("MarkupOf(1, 0) error = %v, want ErrDivisionByZero", err)
	}
	if _, err := pricing.MarginOf(m("1"), partnerops.MustMoney("1", partnerops.EUR)); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("MarginOf(USD, EUR) error = %v, want ErrCurrencyMismatch", err)
	}
}

// Property: MarginOf and MarkupOf round once, half-even to four decimal
// places of a percent, as an exact big.Rat reference does.
func TestPropertyMarginMarkupAgainstRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.Int64Range(-1e9, 1e9).Draw(t, "price")
		c := rapid.Int64Range(-1e9, 1e9).Draw(t, "cost")
		ref := func(num, den int64) string {
			r := new(big.Rat).SetFrac(big.NewInt(num*100), big.NewInt(den))
			return ratRoundHalfEven(r, 4)
		}
		price, cost := cents(int(p)), cents(int(c))
		if p != 0 {
			got, err := pricing.MarginOf(price, cost)
			if err != nil {
				t.Fatal(err)
			}
			if want := ref(p-c, p); canon(got.Decimal()) != want {
				t.Fatalf("MarginOf(%s, %s) = %s, want %s", price, cost, got, want)
			}
		}
		if c != 0 {
			got, err := pricing.MarkupOf(price, cost)
			if err != nil {
				t.Fatal(err)
			}
			if want := ref(p-c, c); canon(got.Decimal()) != want {
				t.Fatalf("MarkupOf(%s, %s) = %s, want %s", price, cost, got, want)
			}
		}
	})
}

// ratRoundHalfEven renders r rounded half-even to places, without
// trailing zeros.
func ratRoundHalfEven(r *big.Rat, places int) string {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	x := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	q, rem := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	twice := new(big.Int).Mul(new(big.Int).Abs(rem), big.NewInt(2))
	switch c := twice.Cmp(x.Denom()); {
	case c > 0 || (c == 0 && q.Bit(0) == 1):
		if x.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return canon(partnerops.MustDecimal(new(big.Rat).SetFrac(q, scale).FloatString(places)))
}

func TestLineProfitAndSubtotals(t *testing.T) {
	fw := framework([]pricing.Group{{ID: "regular", Label: "regular price", Mode: pricing.CombineFirst},
		{ID: "customer", Label: "customer price", Mode: pricing.CombineFirst},
		{ID: "partner", Label: "partner price", Mode: pricing.CombineFirst},
		{ID: "net", Label: "net price", Mode: pricing.CombineAdditive}},
		offList("promo", "regular", "10"), offRunning("tier", "partner", "20"))
	fw.ManualAfter = "regular"
	q := quote("gold", manualLine("SEC-100", "10", func(l *pricing.QuoteLine) { l.ManualDiscount = pp("5") }), line("SVC-1", "1"))
	r := priceQuote(t, []pricing.PriceBook{usBook()}, fw, q)
	l := r.Lines[0]
	var subs []string
	for _, s := range l.Subtotals() {
		subs = append(subs, s.Label+" "+canon(s.Price.Amount()))
	}
	// 100 − 10% = 90, manual 5% = 85.50 (the customer price, as CPQ's
	// additional discount), partner 20% = 68.40.
	want := []string{"regular price 85.5", "customer price 85.5", "partner price 68.4", "net price 68.4"}
	if diff := cmp.Diff(want, subs); diff != "" {
		t.Errorf("subtotals (-want +got):\n%s", diff)
	}
	p, ok := l.Profit()
	if !ok {
		t.Fatal("no profit for a line with a cost")
	}
	got := []string{canon(p.Cost.Amount()), canon(p.Margin.Amount()), canon(p.MarginPercent.Decimal()), canon(p.MarkupPercent.Decimal())}
	if diff := cmp.Diff([]string{"300", "384", "56.1404", "128"}, got); diff != "" {
		t.Errorf("profit (-want +got):\n%s", diff)
	}
	if _, ok := r.Lines[1].Profit(); ok {
		t.Error("a line without a cost has a profit")
	}
}

func TestProfitOnNetOfTax(t *testing.T) {
	b := usBook()
	b.Tax = &pricing.Tax{Rate: pct("25"), Included: true}
	r := priceQuote(t, []pricing.PriceBook{b}, framework(add), quote("gold", line("SEC-100", "1")))
	p, _ := r.Lines[0].Profit()
	// Gross 100.00 is 80.00 net of tax; the cost is 30.00.
	if got := []string{canon(p.Margin.Amount()), canon(p.MarginPercent.Decimal())}; !cmp.Equal(got, []string{"50", "62.5"}) {
		t.Errorf("profit on the net of tax = %v, want 50 and 62.5%%", got)
	}
}
