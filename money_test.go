package partnerops_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"pgregory.net/rapid"
)

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }

func dec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

func TestMoneyArithmetic(t *testing.T) {
	a, b := usd("10.25"), usd("0.75")
	sum, err := a.Add(b)
	if err != nil {
		t.Fatal(err)
	}
	diff, err := a.Sub(b)
	if err != nil {
		t.Fatal(err)
	}
	cmpAB, err := a.Cmp(b)
	if err != nil {
		t.Fatal(err)
	}
	got := []partnerops.Money{sum, diff, a.Mul(dec("0.15")), a.MulInt(3), a.Neg(), a.Neg().Abs()}
	want := []partnerops.Money{usd("11"), usd("9.5"), usd("1.5375"), usd("30.75"), usd("-10.25"), usd("10.25")}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("arithmetic (-want +got):\n%s", d)
	}
	if cmpAB != 1 {
		t.Errorf("Cmp(10.25, 0.75) = %d, want 1", cmpAB)
	}
	if !usd("1.5").Equal(usd("1.50")) {
		t.Error("1.5 USD != 1.50 USD")
	}
	if usd("1.5").Equal(partnerops.MustMoney("1.5", partnerops.EUR)) {
		t.Error("1.5 USD == 1.5 EUR")
	}
	if !usd("-1").IsNegative() || !usd("1").IsPositive() || !usd("0").IsZero() || usd("-2").Sign() != -1 {
		t.Error("sign predicates wrong")
	}
	if a.Amount().String() != "10.25" || a.Currency() != partnerops.USD {
		t.Errorf("accessors: %s %s", a.Amount(), a.Currency())
	}
}

func TestMoneyCurrencyMismatch(t *testing.T) {
	u, e := usd("1"), partnerops.MustMoney("1", partnerops.EUR)
	_, errAdd := u.Add(e)
	_, errSub := u.Sub(e)
	_, errCmp := u.Cmp(e)
	_, errRatio := u.Ratio(e, 2, partnerops.RoundHalfEven)
	_, errSum := partnerops.Sum(partnerops.USD, u, e)
	_, errZero := u.Add(partnerops.Money{})
	for i, err := range []error{errAdd, errSub, errCmp, errRatio, errSum, errZero} {
		if !errors.Is(err, partnerops.ErrCurrencyMismatch) {
			t.Errorf("op %d: err = %v, want ErrCurrencyMismatch", i, err)
		}
	}
}

func TestNewMoneyErrors(t *testing.T) {
	if _, err := partnerops.NewMoney(dec("1"), "XYZ"); !errors.Is(err, partnerops.ErrUnknownCurrency) {
		t.Errorf("NewMoney(XYZ) err = %v", err)
	}
	if _, err := partnerops.NewMoney(partnerops.NewDecimal(1, 40), partnerops.USD); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("NewMoney(1e40) err = %v", err)
	}
	if _, err := partnerops.ParseMoney("abc", partnerops.USD); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("ParseMoney(abc) err = %v", err)
	}
	if _, err := partnerops.MoneyFromMinor(1, "usd"); !errors.Is(err, partnerops.ErrUnknownCurrency) {
		t.Errorf("MoneyFromMinor(usd) err = %v", err)
	}
}

func TestCurrency(t *testing.T) {
	tests := []struct {
		in    string
		want  partnerops.Currency
		units int32
	}{
		{"usd", partnerops.USD, 2},
		{" JPY", partnerops.JPY, 0},
		{"KWD", "KWD", 3},
		{"CLF", "CLF", 4},
	}
	for _, tt := range tests {
		c, err := partnerops.ParseCurrency(tt.in)
		if err != nil || c != tt.want || c.MinorUnits() != tt.units {
			t.Errorf("ParseCurrency(%q) = %v (%d units), %v; want %v (%d)", tt.in, c, c.MinorUnits(), err, tt.want, tt.units)
		}
	}
	if _, err := partnerops.ParseCurrency("ABC"); !errors.Is(err, partnerops.ErrUnknownCurrency) {
		t.Errorf("ParseCurrency(ABC) err = %v", err)
	}
	if partnerops.Currency("ZZZ").MinorUnits() != 2 || partnerops.Currency("ZZZ").Valid() {
		t.Error("unknown currency: want 2 minor units and not valid")
	}
}

func TestMoneyRounding(t *testing.T) {
	tests := []struct {
		name string
		in   partnerops.Money
		mode partnerops.RoundingMode
		want string
	}{
		{"usd half up", usd("2.345"), partnerops.RoundHalfUp, "2.35 USD"},
		{"usd half even", usd("2.345"), partnerops.RoundHalfEven, "2.34 USD"},
		{"usd down", usd("2.349"), partnerops.RoundDown, "2.34 USD"},
		{"usd up", usd("2.341"), partnerops.RoundUp, "2.35 USD"},
		{"usd floor negative", usd("-2.341"), partnerops.RoundFloor, "-2.35 USD"},
		{"usd ceiling negative", usd("-2.349"), partnerops.RoundCeiling, "-2.34 USD"},
		{"jpy half up", partnerops.MustMoney("1234.5", partnerops.JPY), partnerops.RoundHalfUp, "1235 JPY"},
		{"kwd half even", partnerops.MustMoney("1.23450", "KWD"), partnerops.RoundHalfEven, "1.234 KWD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.Round(tt.mode).String(); got != tt.want {
				t.Errorf("%v.Round(%v) = %s, want %s", tt.in, tt.mode, got, tt.want)
			}
		})
	}
	if got := usd("2.345").RoundTo(1, partnerops.RoundHalfUp).String(); got != "2.3 USD" {
		t.Errorf("RoundTo(1) = %s", got)
	}
	if got := usd("2.5").StringFixed(); got != "2.50 USD" {
		t.Errorf("StringFixed = %s", got)
	}
}

func TestMoneyMinorUnits(t *testing.T) {
	m, err := partnerops.MoneyFromMinor(1234, partnerops.USD)
	if err != nil || !m.Equal(usd("12.34")) {
		t.Fatalf("MoneyFromMinor(1234, USD) = %v, %v", m, err)
	}
	n, err := usd("12.34").MinorUnitsValue()
	if err != nil || n != 1234 {
		t.Errorf("MinorUnitsValue(12.34) = %d, %v", n, err)
	}
	if _, err := usd("12.345").MinorUnitsValue(); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("MinorUnitsValue(12.345) err = %v", err)
	}
	if _, err := usd("999999999999999999999999999").MinorUnitsValue(); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("MinorUnitsValue(huge) err = %v", err)
	}
}

func TestMoneyRatio(t *testing.T) {
	r, err := usd("25").Ratio(usd("200"), 4, partnerops.RoundHalfEven)
	if err != nil || !r.Equal(dec("0.125")) {
		t.Errorf("Ratio(25, 200) = %s, %v", r, err)
	}
	r, err = usd("1").Ratio(usd("3"), 4, partnerops.RoundHalfEven)
	if err != nil || !r.Equal(dec("0.3333")) {
		t.Errorf("Ratio(1, 3) = %s, %v", r, err)
	}
	if _, err := usd("1").Ratio(usd("0"), 2, partnerops.RoundHalfEven); !errors.Is(err, partnerops.ErrDivisionByZero) {
		t.Errorf("Ratio by zero err = %v", err)
	}
}

func TestSum(t *testing.T) {
	got, err := partnerops.Sum(partnerops.USD, usd("1.10"), usd("2.20"), usd("-0.30"))
	if err != nil || !got.Equal(usd("3")) {
		t.Errorf("Sum = %v, %v", got, err)
	}
	empty, err := partnerops.Sum(partnerops.EUR)
	if err != nil || !empty.Equal(partnerops.Zero(partnerops.EUR)) {
		t.Errorf("Sum() = %v, %v", empty, err)
	}
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		name    string
		amount  partnerops.Money
		weights []string
		want    []string
	}{
		{"even three-way split of a dollar", usd("1"), []string{"1", "1", "1"}, []string{"0.34", "0.33", "0.33"}},
		{"70/30 of 100.01", usd("100.01"), []string{"70", "30"}, []string{"70.01", "30.00"}},
		{"largest remainder wins the cent", usd("0.05"), []string{"0.3", "0.7"}, []string{"0.02", "0.03"}},
		{"zero weight gets nothing", usd("10"), []string{"0", "1", "1"}, []string{"0", "5", "5"}},
		{"negative amount mirrors", usd("-1"), []string{"1", "1", "1"}, []string{"-0.34", "-0.33", "-0.33"}},
		{"yen has no minor unit", partnerops.MustMoney("100", partnerops.JPY), []string{"1", "1", "1"}, []string{"34", "33", "33"}},
		{"zero amount", usd("0"), []string{"1", "2"}, []string{"0", "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := make([]partnerops.Decimal, len(tt.weights))
			for i, s := range tt.weights {
				w[i] = dec(s)
			}
			parts, err := tt.amount.Allocate(w...)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]partnerops.Money, len(tt.want))
			for i, s := range tt.want {
				want[i] = partnerops.MustMoney(s, tt.amount.Currency())
			}
			if d := cmp.Diff(want, parts); d != "" {
				t.Errorf("Allocate (-want +got):\n%s", d)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	tests := []struct {
		name string
		m    partnerops.Money
		w    []partnerops.Decimal
		want error
	}{
		{"no weights", usd("1"), nil, partnerops.ErrInvalid},
		{"negative weight", usd("1"), []partnerops.Decimal{dec("1"), dec("-1")}, partnerops.ErrInvalid},
		{"zero sum", usd("1"), []partnerops.Decimal{dec("0"), dec("0")}, partnerops.ErrDivisionByZero},
		{"sub-cent amount", usd("1.001"), []partnerops.Decimal{dec("1")}, partnerops.ErrInvalid},
		{"hostile weight", usd("1"), []partnerops.Decimal{partnerops.NewDecimal(1, 100)}, partnerops.ErrRange},
	}
	for _, tt := range tests {
		if _, err := tt.m.Allocate(tt.w...); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := usd("1").Split(0); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Split(0) err = %v", err)
	}
}

// TestAllocateProperties checks, for random amounts and weights, that the
// parts sum exactly to the whole, that equal weights get shares at most one
// minor unit apart, and that no part strays a whole unit from its exact share.
func TestAllocateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := rapid.SampledFrom([]partnerops.Currency{partnerops.USD, partnerops.JPY, "KWD"}).Draw(t, "currency")
		units := rapid.Int64Range(-1_000_000_000, 1_000_000_000).Draw(t, "units")
		m, err := partnerops.MoneyFromMinor(units, cur)
		if err != nil {
			t.Fatal(err)
		}
		raw := rapid.SliceOfN(rapid.IntRange(0, 1000), 1, 20).Draw(t, "weights")
		w := make([]partnerops.Decimal, len(raw))
		total := 0
		for i, x := range raw {
			w[i] = partnerops.NewDecimal(int64(x), -1) // weights with one decimal place
			total += x
		}
		if total == 0 {
			w[0] = partnerops.DecimalFromInt(1)
			raw[0] = 10
		}
		parts, err := m.Allocate(w...)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := partnerops.Sum(cur, parts...)
		if err != nil {
			t.Fatal(err)
		}
		if !sum.Equal(m) {
			t.Fatalf("parts sum to %v, want %v", sum, m)
		}
		unit := partnerops.NewDecimal(1, -cur.MinorUnits())
		for i := range parts {
			for j := range parts {
				if raw[i] == raw[j] {
					gap := parts[i].Amount().Sub(parts[j].Amount()).Abs()
					if gap.Cmp(unit) > 0 {
						t.Fatalf("equal weights %d and %d got %v and %v", i, j, parts[i], parts[j])
					}
				}
			}
		}
	})
}

func TestSplitProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		units := rapid.Int64Range(-1e12, 1e12).Draw(t, "units")
		n := rapid.IntRange(1, 50).Draw(t, "n")
		m, _ := partnerops.MoneyFromMinor(units, partnerops.USD)
		parts, err := m.Split(n)
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := partnerops.Sum(partnerops.USD, parts...)
		if !sum.Equal(m) {
			t.Fatalf("Split(%d) of %v sums to %v", n, m, sum)
		}
		lo, hi := parts[0].Amount(), parts[0].Amount()
		for _, p := range parts {
			if p.Amount().Cmp(lo) < 0 {
				lo = p.Amount()
			}
			if p.Amount().Cmp(hi) > 0 {
				hi = p.Amount()
			}
		}
		if hi.Sub(lo).Cmp(dec("0.01")) > 0 {
			t.Fatalf("Split(%d) of %v: parts range %s..%s", n, m, lo, hi)
		}
	})
}

func TestMoneyJSON(t *testing.T) {
	m := usd("12.50")
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"amount":"12.50","currency":"USD"}` {
		t.Errorf("Marshal = %s", b)
	}
	var back partnerops.Money
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(m) {
		t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
	}
	var num partnerops.Money
	if err := json.Unmarshal([]byte(`{"amount": 3.5, "currency": "eur"}`), &num); err != nil || !num.Equal(partnerops.MustMoney("3.5", partnerops.EUR)) {
		t.Errorf("Unmarshal number amount = %v, %v", num, err)
	}
	var zero partnerops.Money
	if err := json.Unmarshal([]byte(`{"amount":"0","currency":""}`), &zero); err != nil || !zero.Equal(partnerops.Money{}) {
		t.Errorf("Unmarshal zero = %v, %v", zero, err)
	}
	zb, _ := json.Marshal(partnerops.Money{})
	if string(zb) != `{"amount":"0","currency":""}` {
		t.Errorf("Marshal zero = %s", zb)
	}
}

func TestMoneyJSONErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{`{"amount":"1","currency":"USD","x":1}`, partnerops.ErrSyntax},
		{`{"Amount":"0","CurrenCY":"JPY"}`, partnerops.ErrSyntax},
		{`{"amount":"1","currency":7}`, partnerops.ErrSyntax},
		{`"1 USD"`, partnerops.ErrSyntax},
		{`{"currency":"USD"}`, partnerops.ErrSyntax},
		{`{"amount":"1","currency":"XYZ"}`, partnerops.ErrUnknownCurrency},
		{`{"amount":"1e999999999","currency":"USD"}`, partnerops.ErrSyntax},
		{`{"amount":"NaN","currency":"USD"}`, partnerops.ErrSyntax},
		{`{"amount":"` + strings.Repeat("9", 1<<20) + `","currency":"USD"}`, partnerops.ErrSyntax},
		{`"12 USD"`, partnerops.ErrSyntax},
		{`{"amount":null,"currency":"USD"}`, partnerops.ErrSyntax},
	}
	for _, tt := range tests {
		var m partnerops.Money
		if err := json.Unmarshal([]byte(tt.in), &m); !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%.50s) err = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func FuzzMoneyJSON(f *testing.F) {
	for _, s := range []string{
		`{"amount":"12.34","currency":"USD"}`, `{"amount":1,"currency":"JPY"}`,
		`{"amount":"0","currency":""}`, `{"amount":"1e999999999","currency":"USD"}`, `[]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m partnerops.Money
		if err := json.Unmarshal(b, &m); err != nil {
			return
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", m, err)
		}
		var back partnerops.Money
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if !back.Equal(m) || back.String() != m.String() {
			t.Fatalf("round trip %s -> %v -> %s -> %v", b, m, out, back)
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	f.Add("12.34", "USD")
	f.Add("-0.001", "KWD")
	f.Add("1e5", "jpy")
	f.Fuzz(func(t *testing.T, amount, cur string) {
		c, err := partnerops.ParseCurrency(cur)
		if err != nil {
			return
		}
		m, err := partnerops.ParseMoney(amount, c)
		if err != nil {
			return
		}
		r := m.Round(partnerops.RoundHalfEven)
		if _, err := r.MinorUnitsValue(); err != nil && !errors.Is(err, partnerops.ErrRange) {
			t.Fatalf("MinorUnitsValue(%v): %v", r, err)
		}
		if d := r.Amount().Sub(m.Amount()).Abs(); d.Cmp(partnerops.NewDecimal(5, -c.MinorUnits()-1)) > 0 {
			t.Fatalf("rounding %v moved it by %s", m, d)
		}
	})
}

// TestAllocateGrowth: the left-over units are placed by one sort, so
// allocating over 8n parts costs about 8 times n parts, not 64 (issue 11:
// every function taking a slice is linear or n log n).
func TestAllocateGrowth(t *testing.T) {
	mk := func(n int) []partnerops.Decimal {
		w := make([]partnerops.Decimal, n)
		for i := range w {
			w[i] = partnerops.DecimalFromInt(int64(3 + i%7))
		}
		return w
	}
	m := partnerops.MustMoney("99999999.99", partnerops.USD)
	measure.Linear(t, "Allocate", 4000, func(n int) func() {
		w := mk(n)
		return func() {
			if _, err := m.Allocate(w...); err != nil {
				t.Fatal(err)
			}
		}
	}, 20)
}
