package pricing_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func manualLine(sku pricing.SKU, qty string, f func(*pricing.QuoteLine)) pricing.QuoteLine {
	l := line(sku, qty)
	f(&l)
	return l
}

func TestManualInputs(t *testing.T) {
	stages := []pricing.Group{group("partner", pricing.CombineFirst), group("promo", pricing.CombineAdditive)}
	rules := []pricing.Rule{offList("tier", "partner", "20"), amountOff("promo", "promo", "5")}
	disc := func(p string) func(*pricing.QuoteLine) {
		return func(l *pricing.QuoteLine) { l.ManualDiscount = pp(p) }
	}
	price := func(p string) func(*pricing.QuoteLine) {
		return func(l *pricing.QuoteLine) { l.ManualPrice = mp(p) }
	}
	after := func(f *pricing.Framework) { f.ManualAfter = "partner" }
	runWaterfall(t, []waterfallCase{
		{name: "a manual discount at the end of the waterfall", groups: stages, rules: rules,
			quote: quote("gold", manualLine("SEC-100", "10", disc("10"))),
			want:  summary{Steps: []string{"tier 20 → 80", "promo 5 → 75", " 7.5 → 67.5"}, NetUnit: "67.5", NetExt: "675"}},
		{name: "a manual price after the partner group; the promo still follows", groups: stages, rules: rules, fw: after,
			quote: quote("gold", manualLine("SEC-100", "10", price("70"))),
			want:  summary{Steps: []string{"tier 20 → 80", " 10 → 70", "promo 5 → 65"}, NetUnit: "65", NetExt: "650"}},
		{name: "a manual price above the running price raises it, as written", groups: stages, rules: rules,
			quote: quote("gold", manualLine("SEC-100", "10", price("90"))),
			want:  summary{Steps: []string{"tier 20 → 80", "promo 5 → 75", " -15 → 90"}, NetUnit: "90", NetExt: "900"}},
		{name: "a manual discount stops at the floor", groups: add, rules: []pricing.Rule{offList("half", "g", "20")},
			quote: quote("gold", manualLine("SEC-200", "1", disc("50"))),
			want:  summary{Steps: []string{"half 50 → 200", " 50 → 150 (floor, requested 100)"}, NetUnit: "150", NetExt: "150"}},
		{name: "a manual discount stops at the total cap", groups: stages, rules: rules,
			fw:    func(f *pricing.Framework) { f.TotalCap = pp("30") },
			quote: quote("gold", manualLine("SEC-100", "1", disc("50"))),
			want:  summary{Steps: []string{"tier 20 → 80", "promo 5 → 75", " 5 → 70 (total_cap, requested 37.5)"}, NetUnit: "70", NetExt: "70"}},
		{name: "at the floor already, the manual step shows what it asked for", groups: add, rules: []pricing.Rule{offList("deep", "g", "60")},
			quote: quote("gold", manualLine("SEC-200", "1", disc("10"))),
			want:  summary{Steps: []string{"deep 100 → 150 (floor, requested 150)", " 0 → 150 (floor, requested 15)"}, NetUnit: "150", NetExt: "150"}},
		{name: "a line that ignores rules: list, then its manual price", groups: stages, rules: rules,
			quote: quote("gold", manualLine("SEC-100", "2", func(l *pricing.QuoteLine) { l.IgnoreRules, l.ManualPrice = true, mp("88") })),
			want:  summary{Steps: []string{" 12 → 88"}, NetUnit: "88", NetExt: "176"}},
		{name: "a line that ignores rules and has no input is priced at list", groups: stages, rules: rules,
			quote: quote("gold", manualLine("SEC-100", "2", func(l *pricing.QuoteLine) { l.IgnoreRules = true })),
			want:  summary{NetUnit: "100", NetExt: "200"}},
		{name: "a manual discount on a block total comes off the exact total", groups: add,
			rules: []pricing.Rule{volume(pricing.ScheduleBlock, pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp("100")})},
			quote: quote("gold", manualLine("SEC-100", "3", disc("10"))),
			want:  summary{Steps: []string{"vol 66.666667 → 33.333333", " 3.333333 → 30"}, NetUnit: "30", NetExt: "90"}},
	})
}

func TestManualApprovalAndResult(t *testing.T) {
	fw := framework(add, offList("r", "g", "5"))
	fw.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}, {Level: "vp", Above: pct("35")}}
	fw.ManualApproval = "manager"
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", manualLine("SEC-100", "1", func(l *pricing.QuoteLine) { l.ManualDiscount = pp("1") }),
		manualLine("SEC-100", "1", func(l *pricing.QuoteLine) { l.ManualDiscount = pp("40") }), line("SEC-100", "1")), day)
	if err != nil {
		t.Fatal(err)
	}
	got := []pricing.ApprovalLevel{r.Lines[0].Approval, r.Lines[1].Approval, r.Lines[2].Approval}
	if diff := cmp.Diff([]pricing.ApprovalLevel{"manager", "vp", ""}, got); diff != "" {
		t.Errorf("approvals (-want +got):\n%s", diff)
	}
	s := r.Lines[0].Steps()[1]
	if s.Effect != pricing.EffectManualDiscount || s.Rule != "" || s.Describe() != "manual discount 1%" {
		t.Errorf("manual step = %+v (%s)", s, s.Describe())
	}
	checkRoundTrip(t, r)
}

func TestManualInputErrors(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework(add))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    func(*pricing.QuoteLine)
		is   error
		msg  string
	}{
		{"both", func(l *pricing.QuoteLine) { l.ManualPrice, l.ManualDiscount = mp("1"), pp("1") }, partnerops.ErrInvalid,
			`pricing: line 1 (SKU "SEC-100"): manual price and manual discount: set one: invalid input`},
		{"discount above 100%", func(l *pricing.QuoteLine) { l.ManualDiscount = pp("120") }, partnerops.ErrInvalid,
			`pricing: line 1 (SKU "SEC-100"): manual discount 120%: must be between 0% and 100%: invalid input`},
		{"negative price", func(l *pricing.QuoteLine) { l.ManualPrice = mp("-1") }, partnerops.ErrInvalid,
			`pricing: line 1 (SKU "SEC-100"): manual price -1: must not be negative: invalid input`},
		{"price in another currency", func(l *pricing.QuoteLine) { l.ManualPrice = ptr(partnerops.MustMoney("1", partnerops.EUR)) },
			partnerops.ErrCurrencyMismatch, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Price(quote("gold", manualLine("SEC-100", "1", tc.f)), day)
			if !errors.Is(err, tc.is) {
				t.Fatalf("error %v, want %v", err, tc.is)
			}
			if tc.msg != "" && err.Error() != tc.msg {
				t.Errorf("message\n got %s\nwant %s", err, tc.msg)
			}
		})
	}
}
