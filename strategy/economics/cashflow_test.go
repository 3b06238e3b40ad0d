package economics

import (
	"errors"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func econDecs(ss ...string) []partnerops.Decimal { return fence.Wraps(econDecimals(ss...)) }

// econFrac returns the percent whose fraction is s ("0.1" is 10%).
func econFrac(s string) partnerops.Percent {
	return partnerops.PercentFromFraction(partnerops.MustDecimal(s))
}

// econP returns s as a partnerops.Decimal.
func econP(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

func econD(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestNPVPublishedExamples(t *testing.T) {
	tests := []struct {
		name   string
		rate   string
		flows  []partnerops.Decimal
		t0     string // added at time 0, as the spreadsheet examples do
		places int32
		want   string
	}{
		// Microsoft Excel, "NPV function", example 1:
		// =NPV(10%, -10000, 3000, 4200, 6800) = $1,188.44.
		{"excel npv example 1", "0.1", econDecs("-10000", "3000", "4200", "6800"), "0", 2, "1188.44"},
		// Microsoft Excel, "NPV function", example 2: =NPV(8%, 8000, 9200,
		// 10000, 12000, 14500) + (-40000) = $1,922.06, and with a loss of
		// 9000 in year six = -$3,749.47.
		{"excel npv example 2", "0.08", econDecs("8000", "9200", "10000", "12000", "14500"), "-40000", 2, "1922.06"},
		{"excel npv example 2 with loss", "0.08", econDecs("8000", "9200", "10000", "12000", "14500", "-9000"), "-40000", 2, "-3749.47"},
		// Adobe FormCalc reference, NPV (help.adobe.com, LiveCycle Designer
		// 10): NPV(0.065, 5000) = 4694.83568075117 and NPV(0.10, 500,
		// 1500, 4000, 10000) = 11529.60863329007.
		{"formcalc one flow", "0.065", econDecs("5000"), "0", 10, "4694.8356807512"},
		{"formcalc four flows", "0.10", econDecs("500", "1500", "4000", "10000"), "0", 8, "11529.60863329"},
		// MESCIUS SPREAD formula reference, NPV: NPV(6.5%, -10000, 3000,
		// 3400, 7700) = $2,055.38.
		{"mescius", "0.065", econDecs("-10000", "3000", "3400", "7700"), "0", 2, "2055.38"},
		{"zero rate sums", "0", econDecs("1", "2", "3"), "0", 2, "6"},
		{"no flows", "0.1", nil, "0", 2, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NPV(econFrac(tt.rate), tt.flows)
			if err != nil {
				t.Fatal(err)
			}
			got = got.Add(econP(tt.t0)).Round(tt.places, partnerops.RoundHalfUp)
			if !got.Equal(econP(tt.want)) {
				t.Errorf("NPV(%s, %v) + %s = %s, want %s", tt.rate, tt.flows, tt.t0, got, tt.want)
			}
		})
	}
}

func TestIRRPublishedExamples(t *testing.T) {
	// Microsoft Excel, "IRR function": initial cost -70,000 then net
	// income 12,000, 15,000, 18,000, 21,000, 26,000.
	excel := econDecs("-70000", "12000", "15000", "18000", "21000", "26000")
	tests := []struct {
		name   string
		flows  []partnerops.Decimal
		guess  string
		places int32
		want   string
	}{
		{"excel after four years", excel[:5], "0.1", 3, "-0.021"},            // -2.1%
		{"excel after five years", excel, "0.1", 3, "0.087"},                 // 8.7%
		{"excel after two years guess -10%", excel[:3], "-0.1", 3, "-0.444"}, // -44.4%
		// The cash flows of the Microsoft Access/VBA "IRR function"
		// example (-70,000, 22,000, 25,000, 28,000, 31,000); the IRR,
		// 17.7435884%, checked by a 50-digit bisection in Python's decimal.
		{"vba example flows", econDecs("-70000", "22000", "25000", "28000", "31000"), "0.1", 7, "0.1774359"},
		// Two periods: -100 then 110 is exactly 10%.
		{"exact ten percent", econDecs("-100", "110"), "0.1", 10, "0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := IRRGuess(tt.flows, econFrac(tt.guess))
			if err != nil {
				t.Fatal(err)
			}
			if r := got.Fraction().Round(tt.places, partnerops.RoundHalfUp); !r.Equal(econP(tt.want)) {
				t.Errorf("IRR(%v) = %s (%s), want %s", tt.flows, got, r, tt.want)
			}
		})
	}
}

func TestIRRMultipleRootsAndErrors(t *testing.T) {
	// -100, 230, -132 has roots 10% and 20%; the guess picks.
	flows := econDecs("-100", "230", "-132")
	for guess, want := range map[string]string{"0.05": "0.1", "0.3": "0.2"} {
		got, err := IRRGuess(flows, econFrac(guess))
		if err != nil || !got.Fraction().Round(8, partnerops.RoundHalfUp).Equal(econP(want)) {
			t.Errorf("IRRGuess(%v, %s) = %s, %v; want %s", flows, guess, got, err, want)
		}
	}
	for name, flows := range map[string][]partnerops.Decimal{
		"all positive":       econDecs("100", "200"),
		"all negative":       econDecs("-100", "-1"),
		"all zero":           econDecs("0", "0"),
		"empty":              nil,
		"root beyond 10000%": econDecs("-1", "1000000"),
		"double root":        econDecs("-1", "2.24", "-1.2544"), // -(1 - 1.12v)^2 touches zero at 12% without crossing
	} {
		if _, err := IRR(flows); !errors.Is(err, ErrNoIRR) {
			t.Errorf("IRR(%s) error = %v, want ErrNoIRR", name, err)
		}
	}
	if _, err := NPV(econFrac("-1"), econDecs("1")); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("NPV at -100%% error = %v, want ErrInvalid", err)
	}
}

func econDate(y int, m time.Month, day int) time.Time {
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// excelDated is the data of the Microsoft Excel "XNPV function" and "XIRR
// function" examples.
func econExcelDated() []DatedCashFlow {
	return []DatedCashFlow{
		{econDate(2008, 1, 1), partnerops.MustDecimal("-10000")},
		{econDate(2008, 3, 1), partnerops.MustDecimal("2750")},
		{econDate(2008, 10, 30), partnerops.MustDecimal("4250")},
		{econDate(2009, 2, 15), partnerops.MustDecimal("3250")},
		{econDate(2009, 4, 1), partnerops.MustDecimal("2750")},
	}
}

func TestXNPVAndXIRRPublishedExamples(t *testing.T) {
	// Microsoft Excel "XNPV function" and the VBA WorksheetFunction.Xnpv
	// page: =XNPV(.09, A2:A6, B2:B6) = 2086.6476 (2086.65).
	got, err := XNPV(econFrac("0.09"), econExcelDated())
	if err != nil {
		t.Fatal(err)
	}
	if r := got.Round(4, partnerops.RoundHalfUp); !r.Equal(econP("2086.6476")) {
		t.Errorf("XNPV(9%%) = %s, want 2086.6476", got)
	}
	// Microsoft Excel "XIRR function": =XIRR(A3:A7, B3:B7, 0.1) =
	// 0.373362535 (37.34%). Excel iterates to 0.000001%; a 50-digit
	// bisection in Python's decimal gives 0.37336253351883..., which is
	// what we return to CashFlowPlaces.
	irrPct, err := XIRR(econExcelDated())
	if err != nil {
		t.Fatal(err)
	}
	irr := fence.Frac(irrPct)
	if !irr.Equal(econD("0.3733625335")) {
		t.Errorf("XIRR = %s, want 0.3733625335", irr)
	}
	if diff := irr.Sub(econD("0.373362535")).Abs(); diff.GreaterThan(econD("0.00000001")) {
		t.Errorf("XIRR = %s differs from Excel's 0.373362535 by %s", irr, diff)
	}
	// XNPV at the XIRR is zero within the tolerance.
	at, err := XNPV(irrPct, econExcelDated())
	if err != nil {
		t.Fatal(err)
	}
	if fence.Dec(at).Abs().GreaterThan(econD("0.000001")) {
		t.Errorf("XNPV(XIRR) = %s, want ~0", at)
	}
}

func TestXNPVErrors(t *testing.T) {
	flows := econExcelDated()
	flows[2].Date = econDate(2007, 1, 1)
	if _, err := XNPV(econFrac("0.09"), flows); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("XNPV with a date before the first error = %v, want ErrInvalid", err)
	}
	if _, err := XNPV(econFrac("0.09"), nil); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("XNPV(no flows) error = %v, want ErrInvalid", err)
	}
	if _, err := XIRR([]DatedCashFlow{{econDate(2020, 1, 1), partnerops.MustDecimal("5")}}); !errors.Is(err, ErrNoIRR) {
		t.Errorf("XIRR(one positive flow) error = %v, want ErrNoIRR", err)
	}
	// A single flow on the first date is worth its amount at any rate.
	if v, _ := XNPV(econFrac("0.5"), []DatedCashFlow{{econDate(2020, 1, 1), partnerops.MustDecimal("7")}}); !v.Equal(econP("7")) {
		t.Errorf("XNPV(one flow) = %s, want 7", v)
	}
}

func TestPaybackPeriod(t *testing.T) {
	tests := []struct {
		flows []partnerops.Decimal
		want  string
		ok    bool
	}{
		{econDecs("-100", "30", "40", "50"), "2.6", true}, // -100, -70, -30, 20: 2 + 30/50
		{econDecs("-100", "100"), "1", true},
		{econDecs("10", "20"), "0", true},
		{econDecs("-100", "50"), "", false},
		{econDecs("-100", "150", "-100", "100"), "2.5", true}, // -100, 50, -50, 50: dips again at 2, pays back for good at 2 + 50/100
	}
	for _, tt := range tests {
		got, err := PaybackPeriod(tt.flows)
		if ok := err == nil; ok != tt.ok || ok && !got.Equal(econP(tt.want)) || !ok && !errors.Is(err, ErrNoPayback) {
			t.Errorf("PaybackPeriod(%v) = %s, %v; want %s, %v", tt.flows, got, err, tt.want, tt.ok)
		}
	}
}

// TestIRRRootProperty: for conventional flows (an investment, then
// returns), the NPV changes sign across IRR ± 1e-9 and is near zero at it.
func TestIRRRootProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "periods")
		flows := []decimal.Decimal{decimal.NewFromInt(-rapid.Int64Range(1, 1_000_000).Draw(t, "invest"))}
		for i := range n {
			flows = append(flows, decimal.New(rapid.Int64Range(0, 500_000_00).Draw(t, "return"), -2))
			_ = i
		}
		flows[len(flows)-1] = flows[len(flows)-1].Add(decimal.NewFromInt(1))
		irrPct, err := IRR(fence.Wraps(flows))
		irr := fence.Frac(irrPct)
		if err != nil {
			// Only a root outside the searched range may be missing.
			if !errors.Is(err, ErrNoIRR) {
				t.Fatal(err)
			}
			lo, hi := econPV(econGrid[0], flows), econPV(econGrid[len(econGrid)-1], flows)
			if lo.Sign()*hi.Sign() < 0 {
				t.Fatalf("IRR(%v) = %v but the NPV changes sign on the grid", flows, err)
			}
			return
		}
		delta := decimal.New(1, -9)
		below, above := econPV(irr.Sub(delta), flows), econPV(irr.Add(delta), flows)
		if below.Sign()*above.Sign() > 0 {
			t.Fatalf("NPV(%v) does not change sign around IRR %s: %s, %s", flows, irr, below, above)
		}
		if irr.GreaterThan(econD("-0.5")) {
			scale := decimal.Zero
			for _, f := range flows {
				scale = scale.Add(f.Abs())
			}
			if at := econPV(irr, flows); at.Abs().GreaterThan(scale.Mul(decimal.New(1, -7))) {
				t.Fatalf("NPV(%v) at IRR %s = %s, want ~0", flows, irr, at)
			}
		}
	})
}

func TestEconRoot(t *testing.T) {
	for _, tt := range []struct {
		a string
		n int64
	}{{"2", 2}, {"1.09", 365}, {"0.01", 365}, {"101", 365}, {"1", 12}} {
		r := econRoot(econD(tt.a), tt.n)
		back := econPow(r, tt.n)
		if back.Sub(econD(tt.a)).Abs().GreaterThan(econD(tt.a).Mul(decimal.New(1, -30))) {
			t.Errorf("econRoot(%s, %d)^%d = %s", tt.a, tt.n, tt.n, back)
		}
	}
}

// BenchmarkIRR: 60 monthly flows. No issue target; for reference.
func BenchmarkIRR(b *testing.B) {
	flows := []partnerops.Decimal{econP("-500000")}
	for i := 1; i < 60; i++ {
		flows = append(flows, partnerops.DecimalFromInt(int64(5000+i*300)))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := IRR(flows); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkXIRR: the five Excel flows. No issue target; for reference.
func BenchmarkXIRR(b *testing.B) {
	flows := econExcelDated()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := XIRR(flows); err != nil {
			b.Fatal(err)
		}
	}
}
