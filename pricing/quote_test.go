package pricing_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

func priceQuote(t *testing.T, books []pricing.PriceBook, fw pricing.Framework, q pricing.Quote) *pricing.Result {
	t.Helper()
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(q, day)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, r)
	return r
}

// nets lists each line's net extended amount.
func nets(r *pricing.Result) []string {
	var out []string
	for _, l := range r.Lines {
		out = append(out, canon(l.NetExtended.Amount()))
	}
	return out
}

func TestQuoteDiscounts(t *testing.T) {
	lines := []pricing.QuoteLine{line("SEC-100", "10"), line("STO-100", "12"), line("SEC-200", "1")} // 1000 + 480 + 250
	dealSize := pricing.QuoteRule{ID: "deal-size", Kind: pricing.QuoteDiscount, Percent: pp("5"),
		When: pricing.Conditions{MinDealValue: mp("1500")}}
	for _, tc := range []struct {
		name     string
		rules    []pricing.QuoteRule
		lines    []pricing.QuoteLine
		wantNets []string
		wantAdj  []string
	}{
		{"5% of 1730.00 = 86.50 spread by net: 50.00 + 24.00 + 12.50", []pricing.QuoteRule{dealSize}, lines,
			[]string{"950", "456", "237.5"}, []string{"deal-size: discount 5% of 1730 = 86.5, applied 86.5"}},
		{"below the deal value the rule does not apply", []pricing.QuoteRule{dealSize}, lines[:2],
			[]string{"1000", "480"}, nil},
		{"100.00 spread by quantity (10, 12, 1): exact to the cent", []pricing.QuoteRule{{ID: "flat", Kind: pricing.QuoteDiscount,
			Amount: mp("100"), Allocate: pricing.AllocateQuantity}}, lines,
			[]string{"956.52", "427.83", "245.65"}, []string{"flat: discount 100, applied 100"}},
		{"only the security lines: 10% of 1250.00", []pricing.QuoteRule{{ID: "sec", Kind: pricing.QuoteDiscount, Percent: pp("10"),
			Families: []pricing.Family{"security"}}}, lines,
			[]string{"900", "480", "225"}, []string{"sec: discount 10% of 1250 = 125, applied 125"}},
		{"a floor cuts a line's share: SEC-200 stays at 150.00", []pricing.QuoteRule{{ID: "deep", Kind: pricing.QuoteDiscount,
			Percent: pp("50"), SKUs: []pricing.SKU{"SEC-200"}}}, []pricing.QuoteLine{line("SEC-200", "1")},
			[]string{"150"}, []string{"deep: discount 50% of 250 = 125, applied 100"}},
		{"two discounts compound: 10% then 5% of what is left", []pricing.QuoteRule{
			{ID: "b", Kind: pricing.QuoteDiscount, Percent: pp("5")}, {ID: "a", Kind: pricing.QuoteDiscount, Percent: pp("10"), Priority: 1}},
			lines[:1], []string{"855"}, []string{"a: discount 10% of 1000 = 100, applied 100", "b: discount 5% of 900 = 45, applied 45"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fw := framework(add)
			fw.QuoteRules = tc.rules
			r := priceQuote(t, []pricing.PriceBook{usBook()}, fw, quote("gold", tc.lines...))
			if diff := cmp.Diff(tc.wantNets, nets(r)); diff != "" {
				t.Errorf("nets (-want +got):\n%s\n%s", diff, r.Text())
			}
			var adj []string
			for _, a := range r.Adjustments {
				adj = append(adj, adjText(r, a))
			}
			if diff := cmp.Diff(tc.wantAdj, adj); diff != "" {
				t.Errorf("adjustments (-want +got):\n%s", diff)
			}
		})
	}
}

// adjText renders an adjustment as the text rendering does.
func adjText(r *pricing.Result, a pricing.Adjustment) string {
	s := string(a.Rule) + ": " + string(a.Kind) + " "
	if !a.Percent.IsZero() {
		s += a.Percent.String() + " of " + canon(a.Base.Amount()) + " = "
	}
	return s + canon(a.Amount.Amount()) + ", applied " + canon(a.Applied.Amount())
}

func TestQuoteDiscountSteps(t *testing.T) {
	fw := framework(add, offList("tier", "g", "10"))
	fw.QuoteRules = []pricing.QuoteRule{{ID: "deal", Kind: pricing.QuoteDiscount, Amount: mp("10.00"), Approval: "manager"}}
	fw.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}}
	r := priceQuote(t, []pricing.PriceBook{usBook()}, fw, quote("gold", line("SEC-100", "3")))
	l := r.Lines[0]
	if diff := cmp.Diff(summary{Steps: []string{"tier 10 → 90", "deal 3.333333 → 86.666667"}, NetUnit: "86.67", NetExt: "260", Approval: "manager"}, summarize(&l)); diff != "" {
		t.Errorf("line (-want +got):\n%s", diff)
	}
	if s := l.Steps()[1]; s.Effect != pricing.EffectQuoteDiscount || s.Describe() != "quote discount 10.00, share" {
		t.Errorf("step %+v (%s)", s, s.Describe())
	}
}

func TestQuoteFees(t *testing.T) {
	fw := framework(add, offList("tier", "g", "15"))
	fw.Approvals = []pricing.ApprovalThreshold{{Level: "manager", Above: pct("20")}}
	fw.QuoteRules = []pricing.QuoteRule{{ID: "marketplace", Kind: pricing.QuoteFee, Percent: pp("3"), When: pricing.Conditions{Motions: []partnerops.Motion{partnerops.MotionResell}}}}
	r := priceQuote(t, []pricing.PriceBook{usBook()}, fw, quote("gold", line("SEC-100", "10"), line("STO-100", "10")))
	got := []string{canon(r.NetTotal.Amount()), canon(r.FeeTotal.Amount()), canon(r.Proceeds.Amount()),
		canon(fee(r.Lines[0])), canon(fee(r.Lines[1])), string(r.Approval)}
	// 850 + 340 = 1190; 3% = 35.70, shared 25.50 + 10.20; no approval:
	// a fee is not a discount.
	if diff := cmp.Diff([]string{"1190", "35.7", "1154.3", "25.5", "10.2", ""}, got); diff != "" {
		t.Errorf("(-want +got):\n%s\n%s", diff, r.Text())
	}
}

func TestTaxIncludedBooks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		included bool
		want     []string // net extended, net of tax, tax, gross; totals
	}{
		{"prices include 20% VAT: 120.00 is 100.00 + 20.00", true, []string{"120", "100", "20", "120", "100", "20", "120"}},
		{"prices exclude 20% VAT: 120.00 + 24.00", false, []string{"120", "120", "24", "144", "120", "24", "144"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := usBook()
			b.Tax = &pricing.Tax{Rate: pct("20"), Included: tc.included}
			r := priceQuote(t, []pricing.PriceBook{b}, framework(add, offList("r", "g", "40")), quote("gold", line("SEC-100", "2")))
			l := r.Lines[0]
			lt, _ := l.Tax()
			got := []string{canon(l.NetExtended.Amount()), canon(lt.NetOfTax.Amount()), canon(lt.Tax.Amount()), canon(lt.Gross.Amount()),
				canon(r.NetOfTaxTotal.Amount()), canon(r.TaxTotal.Amount()), canon(r.GrossTotal.Amount())}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestQuoteRuleValidation(t *testing.T) {
	fw := framework(add, offList("tier", "g", "1"))
	fw.QuoteRules = []pricing.QuoteRule{
		{ID: "tier", Kind: pricing.QuoteDiscount, Percent: pp("1")},
		{ID: "both", Kind: "rebate", Percent: pp("1"), Amount: mp("1"), Allocate: "evenly"},
		{ID: "line-cond", Kind: pricing.QuoteFee, Amount: mp("1"), Approval: "vp", When: pricing.Conditions{SKUs: []pricing.SKU{"SEC-100"}}},
	}
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{"quote_rules[tier].id", "quote_rules[both].kind", "quote_rules[both]", "quote_rules[both].allocate",
		"quote_rules[line-cond].approval", "quote_rules[line-cond].approval", "quote_rules[line-cond].when.skus"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}

func fee(l pricing.LineResult) partnerops.Decimal {
	f, _ := l.Fee()
	return f.Amount()
}
