package profit_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/pricing/profit"
)

func rat(d partnerops.Decimal) *big.Rat { r, _ := new(big.Rat).SetString(d.String()); return r }

// roundHalfEven rounds x half even to places.
func roundHalfEven(x *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	y := new(big.Rat).Mul(x, new(big.Rat).SetInt(scale))
	num, den := new(big.Int).Abs(y.Num()), y.Denom()
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	switch c := new(big.Int).Mul(r, big.NewInt(2)).Cmp(den); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	if y.Sign() < 0 {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, scale)
}

func cents(t *rapid.T, label string, lo, hi int64) partnerops.Money {
	n := rapid.Int64Range(lo, hi).Draw(t, label)
	m, _ := partnerops.MoneyFromMinor(n, "USD")
	return m
}

// Margin and Markup are the exact ratios rounded once, half even to 6
// places of a fraction.
func TestMarginMarkupAgainstRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		price, cost := cents(t, "price", 1, 1e12), cents(t, "cost", 1, 1e12)
		m, err := profit.Margin(price, cost)
		if err != nil {
			t.Fatal(err)
		}
		k, err := profit.Markup(price, cost)
		if err != nil {
			t.Fatal(err)
		}
		diff := new(big.Rat).Sub(rat(price.Amount()), rat(cost.Amount()))
		wantM := roundHalfEven(new(big.Rat).Quo(diff, rat(price.Amount())), 6)
		wantK := roundHalfEven(new(big.Rat).Quo(diff, rat(cost.Amount())), 6)
		if rat(m.Fraction()).Cmp(wantM) != 0 || rat(k.Fraction()).Cmp(wantK) != 0 {
			t.Fatalf("Margin, Markup(%s, %s) = %s, %s; want %s, %s", price, cost, m, k, wantM.FloatString(6), wantK.FloatString(6))
		}
	})
}

func TestMarginErrors(t *testing.T) {
	if _, err := profit.Margin(partnerops.Zero("USD"), partnerops.MustMoney("1", "USD")); !errors.Is(err, partnerops.ErrDivisionByZero) {
		t.Errorf("Margin of a zero price = %v, want ErrDivisionByZero", err)
	}
	if _, err := profit.Markup(partnerops.MustMoney("1", "USD"), partnerops.MustMoney("1", "EUR")); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("Markup across currencies = %v, want ErrCurrencyMismatch", err)
	}
}

func genDeal(t *rapid.T, i int) profit.Deal {
	return profit.Deal{
		ID: fmt.Sprint("D-", i), Partner: partnerops.PartnerID(rapid.SampledFrom([]string{"", "acme", "bolt", "core"}).Draw(t, "partner")),
		Motion:  rapid.SampledFrom([]partnerops.Motion{"resell", "referral", "marketplace"}).Draw(t, "motion"),
		Segment: rapid.SampledFrom([]string{"", "smb", "ent"}).Draw(t, "segment"),
		Closed:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 700*24).Draw(t, "hours")) * time.Hour),
		List:    cents(t, "list", 0, 1e11), CustomerNet: cents(t, "net", 0, 1e11), PartnerMargins: cents(t, "margins", 0, 1e10),
		PartnerFees: cents(t, "fees", 0, 1e10), Incentives: cents(t, "incentives", 0, 1e9), COGS: cents(t, "cogs", 0, 1e10),
		CostToServe: partnerops.MustMoney(fmt.Sprint(rapid.IntRange(0, 1e6).Draw(t, "cts"), ".", rapid.IntRange(0, 9999).Draw(t, "cts4")), "USD"), // finer than cents: the decimal path
	}
}

// A roll-up's groups and total are the exact sums of the deals' P&Ls, in
// any input order, and the result round-trips through JSON.
func TestRollEqualsSumOfStatements(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		deals := make([]profit.Deal, n)
		for i := range deals {
			deals[i] = genDeal(t, i)
		}
		by := rapid.SliceOfDistinct(rapid.SampledFrom([]profit.Dimension{profit.ByPartner, profit.ByMotion, profit.BySegment, profit.ByPeriod}), func(d profit.Dimension) profit.Dimension { return d }).Draw(t, "by")
		unit := rapid.SampledFrom([]partnerops.PeriodUnit{"", partnerops.UnitQuarter, partnerops.UnitYear}).Draw(t, "unit")
		r, err := profit.Roll(deals, profit.Options{Currency: "USD", By: by, Unit: unit, Calendar: partnerops.Calendar{FiscalYearStart: time.February}})
		if err != nil {
			t.Fatal(err)
		}
		contribution, vendor := partnerops.Zero("USD"), partnerops.Zero("USD")
		for _, d := range deals {
			s, err := profit.PnL(d)
			if err != nil {
				t.Fatal(err)
			}
			contribution, _ = contribution.Add(s.Contribution)
			vendor, _ = vendor.Add(s.VendorNetRevenue)
		}
		if !contribution.Equal(r.Total.Statement.Contribution) || !vendor.Equal(r.Total.Statement.VendorNetRevenue) || r.Total.Deals != n {
			t.Fatalf("total contribution %s vendor %s, want %s %s", r.Total.Statement.Contribution, r.Total.Statement.VendorNetRevenue, contribution, vendor)
		}
		groupSum, count := partnerops.Zero("USD"), 0
		for _, g := range r.Groups {
			groupSum, _ = groupSum.Add(g.Statement.Contribution)
			count += g.Deals
		}
		if !groupSum.Equal(contribution) || count != n {
			t.Fatalf("groups sum to %s over %d deals, want %s over %d", groupSum, count, contribution, n)
		}
		shuffled := rapid.Permutation(deals).Draw(t, "shuffled")
		r2, err := profit.Roll(shuffled, profit.Options{Currency: "USD", By: by, Unit: unit, Calendar: partnerops.Calendar{FiscalYearStart: time.February}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Text() != r2.Text() {
			t.Fatalf("order changes the roll-up:\n%s\n%s", r.Text(), r2.Text())
		}
		roundTrip(t, r)
	})
}

func TestPnLRoundTripAndErrors(t *testing.T) {
	d, err := profit.ParseDeal([]byte(`{"id":"D","customer_net":{"amount":"100.00","currency":"USD"},"cogs":"10.00","partner_fees":"3.00"}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := profit.PnL(d)
	if err != nil {
		t.Fatal(err)
	}
	if !s.VendorNetRevenue.Equal(partnerops.MustMoney("97.00", "USD")) || !s.Discount.IsZero() {
		t.Errorf("PnL = %+v", s)
	}
	roundTrip(t, s)
	d.COGS = partnerops.MustMoney("1", "EUR")
	if _, err := profit.PnL(d); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("PnL with a EUR cost = %v, want ErrCurrencyMismatch", err)
	}
	_, err = profit.Roll([]profit.Deal{d}, profit.Options{Currency: "USD", By: []profit.Dimension{"region"}})
	if vs := partnerops.ValidationErrors(err); len(vs) != 1 || vs[0].Path != "by[0]" {
		t.Errorf("Roll by region = %v", err)
	}
	_, err = profit.Roll([]profit.Deal{d}, profit.Options{Currency: "USD"})
	if vs := partnerops.ValidationErrors(err); len(vs) != 1 || vs[0].Path != "deals[D]" || !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("Roll of a EUR cost = %v", err)
	}
}

func roundTrip[T interface {
	Text() string
	Markdown() string
}](t interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var got T
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v, got); diff != "" {
		t.Fatalf("decode(encode(r)) (-want +got):\n%s\n%s", diff, b)
	}
	if v.Text() != got.Text() || v.Markdown() != got.Markdown() {
		t.Fatalf("round-tripped result renders differently:\n%s\n%s", v.Text(), got.Text())
	}
}

func FuzzParseDeal(f *testing.F) {
	f.Add(`{"id":"D-1","partner":"acme","motion":"resell","closed":"2026-03-31","list":"125000.00","customer_net":{"amount":"100000.00","currency":"USD"},"partner_margins":"20000.00","cogs":"1.5"}`)
	f.Add(`{"customer_net":"5","incentives":{"amount":"1","currency":"EUR"}}`)
	f.Add(`{"customer_net":{"amount":"5.00","currency":"USD"},"cogs":{"amount":"0","currency":"EUR"},"list":{"amount":"0.00","currency":"USD"}}`) // zeros JSON leaves out
	f.Fuzz(func(t *testing.T, s string) {
		d, err := profit.ParseDeal([]byte(s))
		if err != nil {
			return
		}
		// The JSON copy has the same P&L and roll-up, or fails the same.
		again := roundtrip.Copy(t, d, profit.ParseDeal)
		roundtrip.Same(t, d, again, func(d profit.Deal) (any, error) { return profit.PnL(d) })
		roundtrip.Same(t, d, again, func(d profit.Deal) (any, error) {
			return profit.Roll([]profit.Deal{d}, profit.Options{Currency: "USD", By: []profit.Dimension{profit.ByPeriod}})
		})
		if st, err := profit.PnL(d); err == nil {
			_ = st.Text()
		}
	})
}

// Roll and its renderers are linear: 8 times the deals (and groups) cost
// at most ~10 times the allocations.
func TestGrowth(t *testing.T) {
	mk := func(n int) []profit.Deal {
		ds := make([]profit.Deal, n)
		for i := range ds {
			ds[i] = profit.Deal{Partner: partnerops.PartnerID(fmt.Sprint("p", i%(n/4+1))), Closed: time.Date(2026, 1, 1+i%400, 0, 0, 0, 0, time.UTC),
				CustomerNet: partnerops.MustMoney("100.00", "USD"), COGS: partnerops.MustMoney("10.00", "USD")}
		}
		return ds
	}
	cost := func(n int) float64 {
		ds := mk(n)
		return testing.AllocsPerRun(2, func() {
			r, err := profit.Roll(ds, profit.Options{Currency: "USD", By: []profit.Dimension{profit.ByPartner, profit.ByPeriod}})
			if err != nil {
				t.Fatal(err)
			}
			_, _ = r.Text(), r.Markdown()
		})
	}
	if small, large := cost(500), cost(4000); large > 10*small {
		t.Errorf("500 deals: %v allocs, 4000: %v; want at most ~10x", small, large)
	}
}
