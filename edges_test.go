package partnerops_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
)

// Findings of the hostile-input audit (issue 11) on the root vocabulary.

func TestRatioRoundsOnce(t *testing.T) {
	tests := []struct {
		a, b string
		want string
	}{
		{"12500.01", "100000.00", "0.13"}, // exact 0.1250001: double rounding gave 0.12
		{"11499.95", "100000.00", "0.11"}, // exact 0.1149995: double rounding gave 0.12
		{"1", "3", "0.33"},
		{"-1", "8", "-0.12"}, // -0.125, half even
	}
	for _, tt := range tests {
		got, err := usd(tt.a).Ratio(usd(tt.b), 2, partnerops.RoundHalfEven)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != tt.want {
			t.Errorf("Ratio(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

// ratRound is the slow, obvious reference: the exact rational rounded once.
func ratRound(q *big.Rat, places int32, mode partnerops.RoundingMode) string {
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	x := new(big.Rat).Mul(q, scale)
	num, den := x.Num(), x.Denom()
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Sign() != 0 {
		neg := num.Sign() < 0
		twice := new(big.Int).Abs(rem)
		twice.Lsh(twice, 1)
		c := twice.Cmp(den)
		away := false
		switch mode {
		case partnerops.RoundUp:
			away = true
		case partnerops.RoundCeiling:
			away = !neg
		case partnerops.RoundFloor:
			away = neg
		case partnerops.RoundHalfUp:
			away = c >= 0
		case partnerops.RoundHalfEven:
			away = c > 0 || (c == 0 && quo.Bit(0) == 1)
		}
		if away {
			if neg {
				quo.Sub(quo, big.NewInt(1))
			} else {
				quo.Add(quo, big.NewInt(1))
			}
		}
	}
	return partnerops.NewDecimal(0, 0).Add(mustDecimalFromBig(quo, -places)).String()
}

func mustDecimalFromBig(n *big.Int, exp int32) partnerops.Decimal {
	d, err := partnerops.ParseDecimal(n.String())
	if err != nil {
		panic(err)
	}
	return d.Mul(partnerops.NewDecimal(1, exp))
}

func TestQuoMatchesRationalReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.Int64Range(-1e15, 1e15).Draw(t, "a")
		b := rapid.Int64Range(-1e9, 1e9).Filter(func(x int64) bool { return x != 0 }).Draw(t, "b")
		ea := int32(rapid.IntRange(-6, 0).Draw(t, "ea"))
		eb := int32(rapid.IntRange(-6, 0).Draw(t, "eb"))
		places := int32(rapid.IntRange(0, 8).Draw(t, "places"))
		mode := partnerops.RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		x, y := partnerops.NewDecimal(a, ea), partnerops.NewDecimal(b, eb)
		got, err := x.Quo(y, places, mode)
		if err != nil {
			t.Fatal(err)
		}
		q := new(big.Rat).SetFrac(big.NewInt(a), big.NewInt(b))
		q.Mul(q, pow10Rat(ea-eb))
		if want := ratRound(q, places, mode); !got.Equal(partnerops.MustDecimal(want)) {
			t.Fatalf("%s / %s at %d places %v = %s, want %s", x, y, places, mode, got, want)
		}
	})
}

func pow10Rat(e int32) *big.Rat {
	if e >= 0 {
		return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	}
	return new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
}

func TestQuoByZero(t *testing.T) {
	if _, err := partnerops.DecimalFromInt(1).Quo(partnerops.Decimal{}, 2, partnerops.RoundHalfUp); !errors.Is(err, partnerops.ErrDivisionByZero) {
		t.Errorf("Quo by zero err = %v", err)
	}
}

func TestCalendarDSTAtMidnight(t *testing.T) {
	for _, name := range []string{"America/Santiago", "America/Havana", "America/Asuncion"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no tzdata for %s: %v", name, err)
		}
		// Walk two years of days across every DST change: each instant
		// lies in its own day, month and quarter, and the periods tile.
		var c partnerops.Calendar
		start := time.Date(2015, 1, 1, 0, 30, 0, 0, loc)
		for h := 0; h < 2*366*24; h++ {
			at := start.Add(time.Duration(h) * time.Hour)
			for _, p := range []partnerops.Period{c.Day(at), c.Week(at), c.Month(at), c.Quarter(at), c.Year(at)} {
				if !p.Contains(at) {
					t.Fatalf("%s: %v does not contain %v", name, p, at)
				}
				if next := p.Next(); !next.Start.Equal(p.End) {
					t.Fatalf("%s: %v.Next() = %v does not start at its end", name, p, next)
				}
			}
		}
	}
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	at := time.Date(2016, 8, 13, 23, 30, 0, 0, loc)
	day := partnerops.Calendar{}.Day(at)
	if !day.Contains(at) {
		t.Errorf("Day(%v) = %v does not contain it", at, day)
	}
	want := time.Date(2016, 8, 14, 1, 0, 0, 0, loc)
	if got := partnerops.StartOfDay(2016, 8, 14, loc); !got.Equal(want) {
		t.Errorf("StartOfDay(2016-08-14 Santiago) = %v, want %v", got, want)
	}
}

func TestAnniversaryPeriodsDoNotDrift(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		start, end time.Time
		want       []string
	}{
		{"yearly across a leap year", d(2027, 3, 15), d(2028, 3, 15), []string{"2028-03-15..2029-03-15", "2029-03-15..2030-03-15"}},
		{"monthly from the 31st", d(2027, 1, 31), d(2027, 2, 28), []string{"2027-02-28..2027-03-31", "2027-03-31..2027-04-30"}},
		{"quarterly from the 30th", d(2027, 11, 30), d(2028, 2, 29), []string{"2028-02-29..2028-05-30", "2028-05-30..2028-08-30"}},
		{"a span of days stays a span of days", d(2027, 1, 1), d(2027, 1, 11), []string{"2027-01-11..2027-01-21", "2027-01-21..2027-01-31"}},
	}
	for _, tt := range tests {
		p, err := partnerops.NewPeriod(tt.start, tt.end)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range tt.want {
			p = p.Next()
			if p.String() != w {
				t.Errorf("%s: Next #%d = %v, want %s", tt.name, i+1, p, w)
			}
		}
	}
}

func TestTierLadderFoldsLikeParse(t *testing.T) {
	if _, err := partnerops.NewTierLadder("s", "ſ"); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf(`NewTierLadder("s", "ſ") err = %v, want a duplicate`, err)
	}
	if _, err := partnerops.NewTierLadder("k", "\u212a"); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf(`NewTierLadder("k", Kelvin sign) err = %v, want a duplicate`, err)
	}
	l := partnerops.MustTierLadder("silver", "gold")
	if got, err := l.Parse("GOLD"); err != nil || got != "gold" {
		t.Errorf("Parse(GOLD) = %q, %v", got, err)
	}
}

func TestMoneyWithoutCurrency(t *testing.T) {
	var m partnerops.Money
	if err := json.Unmarshal([]byte(`"100.00"`), &m); err != nil {
		t.Fatal(err)
	}
	if m.Currency() != "" || m.String() != "100.00" {
		t.Errorf("bare amount decoded as %v", m)
	}
	b, _ := json.Marshal(m)
	if string(b) != `"100.00"` {
		t.Errorf("bare amount encodes as %s", b)
	}
	in, err := m.InCurrency(partnerops.EUR)
	if err != nil || !in.Equal(partnerops.MustMoney("100", partnerops.EUR)) {
		t.Errorf("InCurrency(EUR) = %v, %v", in, err)
	}
	if _, err := in.InCurrency(partnerops.USD); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("InCurrency of EUR into USD err = %v", err)
	}
	if same, err := in.InCurrency(partnerops.EUR); err != nil || !same.Equal(in) {
		t.Errorf("InCurrency(EUR) of EUR = %v, %v", same, err)
	}
	if _, err := m.Add(in); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("adding a currency-less amount err = %v", err)
	}
}

func TestPathKeys(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{partnerops.Path("rules", partnerops.Key("tier-gold"), "effect", "percent"), "rules[tier-gold].effect.percent"},
		{partnerops.Path("books", partnerops.Key("us"), "entries", partnerops.Key("SEC-100"), "list"), "books[us].entries[SEC-100].list"},
		{partnerops.Path("rules", partnerops.Key("a b"), "x"), `rules["a b"].x`},
		{partnerops.Path("rules", partnerops.Key("x]y")), `rules["x]y"]`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("Path = %s, want %s", tt.got, tt.want)
		}
	}
}

// TestHostileExponentsDoNotPanic: values no decoder accepts (they fail
// Validate) still never make arithmetic panic.
func TestHostileExponentsDoNotPanic(t *testing.T) {
	for _, d := range []partnerops.Decimal{partnerops.NewDecimal(1, math.MinInt32), partnerops.NewDecimal(7, math.MaxInt32), partnerops.NewDecimal(-3, math.MinInt32+1)} {
		p := partnerops.NewPercent(d)
		_ = p.Fraction()
		_ = partnerops.PercentFromFraction(d)
		_ = p.OfDecimal(d)
		_ = d.Mul(d)
		_ = p.Of(usd("1.00"))
		if p.Validate() == nil || d.Validate() == nil {
			t.Errorf("Validate accepted %v", d)
		}
	}
}

func TestHostileExponentsPrintShort(t *testing.T) {
	for _, tt := range []struct {
		d    partnerops.Decimal
		want string
	}{
		{partnerops.NewDecimal(1, math.MinInt32), "1e-2147483648"},
		{partnerops.NewDecimal(-7, math.MaxInt32), "-7e2147483647"},
		{partnerops.NewDecimal(15, -2), "0.15"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %.40s, want %s", got, tt.want)
		}
	}
	if got := partnerops.NewPercent(partnerops.NewDecimal(1, math.MinInt32)).String(); got != "1e-2147483648%" {
		t.Errorf("Percent.String() = %.40s", got)
	}
}

// TestInCurrency: a bare amount takes the currency, one in it stays, a
// zero in another currency is zero in it (so an omitzero field's stored
// copy validates as the original did), anything else is refused.
func TestInCurrency(t *testing.T) {
	var bare partnerops.Money // as a definition's bare "12.50" decodes
	if err := json.Unmarshal([]byte(`"12.50"`), &bare); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in     partnerops.Money
		to     partnerops.Currency
		want   string
		wantIs error
	}{
		{in: bare, to: partnerops.USD, want: "12.50 USD"},
		{in: partnerops.MustMoney("12.50", partnerops.USD), to: partnerops.USD, want: "12.50 USD"},
		{in: partnerops.MustMoney("0.00", partnerops.EUR), to: partnerops.USD, want: "0.00 USD"},
		{in: partnerops.Money{}, to: partnerops.JPY, want: "0 JPY"},
		{in: partnerops.MustMoney("0.01", partnerops.EUR), to: partnerops.USD, wantIs: partnerops.ErrCurrencyMismatch},
		{in: partnerops.MustMoney("1", partnerops.EUR), to: "XXQ", wantIs: partnerops.ErrUnknownCurrency},
	}
	for _, tt := range tests {
		got, err := tt.in.InCurrency(tt.to)
		if tt.wantIs != nil {
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("%v.InCurrency(%s) err = %v, want %v", tt.in, tt.to, err, tt.wantIs)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("%v.InCurrency(%s) = %v, %v, want %s", tt.in, tt.to, got, err, tt.want)
		}
	}
}
