package pricingtest_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/pricing/pricingtest"
)

// growthModel is a book of n SKUs, a framework of two rules, and a case
// pricing one line of each SKU whose every line expectation is wrong.
func growthModel(t *testing.T, n int) (*pricing.Engine, pricingtest.Definitions, pricingtest.Case) {
	t.Helper()
	book := pricing.PriceBook{ID: "us", Currency: partnerops.USD}
	q := pricing.Quote{Book: "us", Partner: partnerops.Partner{ID: "p", Tier: "gold"}}
	x := pricingtest.Expect{NetTotal: ptr(partnerops.MustMoney("1", "USD"))}
	for i := range n {
		sku := pricing.SKU(fmt.Sprint("S-", i))
		list := partnerops.MustMoney("100.00", partnerops.USD)
		book.Entries = append(book.Entries, pricing.Entry{SKU: sku, Family: "f", List: &list})
		q.Lines = append(q.Lines, pricing.QuoteLine{SKU: sku, Quantity: partnerops.DecimalFromInt(int64(i%7 + 1))})
		x.Lines = append(x.Lines, pricingtest.LineExpect{SKU: sku, NetUnit: ptr(partnerops.MustMoney("1", "USD")),
			Steps:   []pricingtest.StepExpect{{Rule: "gold", Amount: ptr(partnerops.MustDecimal("1"))}},
			Skipped: []pricingtest.SkipExpect{{Rule: "promo"}, {Rule: "other"}}})
	}
	fw := pricing.Framework{
		Program: partnerops.Program{Tiers: partnerops.MustTierLadder("silver", "gold")},
		Groups:  []pricing.Group{{ID: "g", Mode: pricing.CombineCompounding}},
		Rules: []pricing.Rule{
			{ID: "gold", Group: "g", When: pricing.Conditions{Tiers: []partnerops.Tier{"gold"}}, Effect: pricing.PercentOffList(partnerops.MustPercent("20"))},
			{ID: "promo", Group: "g", When: pricing.Conditions{MinQuantity: ptr(partnerops.DecimalFromInt(3))}, Effect: pricing.PercentOffRunning(partnerops.MustPercent("5"))},
		},
	}
	d := pricingtest.Definitions{Books: []pricing.PriceBook{book}, Framework: &fw}
	e, err := pricingtest.Compile(opstest.Files{}, d)
	if err != nil {
		t.Fatal(err)
	}
	return e, d, pricingtest.Case{ID: "c", At: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Given: q, Expect: x}
}

func ptr[T any](v T) *T { return &v }

// Checking a case, with its views and side-by-side failure, and comparing
// cases grow linearly with the lines and cases: 8× within 30× the time.
func TestGrowth(t *testing.T) {
	e1, d1, c1 := growthModel(t, 100)
	e8, d8, c8 := growthModel(t, 800)
	check := func(e *pricing.Engine, c pricingtest.Case) func() {
		return func() {
			if err := pricingtest.CheckCase(opstest.Files{}, e, c); err == nil {
				t.Fatal("the case passed")
			}
		}
	}
	if r, slow := opstest.SlowGrowth(check(e1, c1), check(e8, c8), 30); slow {
		t.Errorf("CheckCase: 8× the lines took %.1f× the time", r)
	}
	cases := func(c pricingtest.Case, n int) []pricingtest.Case {
		out := make([]pricingtest.Case, n)
		for i := range out {
			out[i] = c
			out[i].ID = fmt.Sprint("c", i)
			out[i].Given.Lines = c.Given.Lines[:1+i%len(c.Given.Lines)%5]
		}
		return out
	}
	cs1, cs8 := cases(c1, 50), cases(c8, 400)
	whatIf := func(d pricingtest.Definitions, cs []pricingtest.Case) func() {
		return func() {
			r, err := pricingtest.WhatIf(d, d, cs)
			if err != nil {
				t.Fatal(err)
			}
			_ = r.Text() + r.Markdown()
		}
	}
	if r, slow := opstest.SlowGrowth(whatIf(d1, cs1), whatIf(d8, cs8), 30); slow {
		t.Errorf("WhatIf: 8× the cases took %.1f× the time", r)
	}
}

// A report is data: it round-trips through JSON and renders the same.
func TestReportRoundTrips(t *testing.T) {
	f, err := pricingtest.Load("testdata/waterfall.json")
	if err != nil {
		t.Fatal(err)
	}
	after := f.Definitions
	fw := *after.Framework
	fw.TotalCap = ptr(partnerops.MustPercent("30"))
	after.Framework = &fw
	rep, err := pricingtest.WhatIf(f.Definitions, after, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changed) == 0 {
		t.Fatal("nothing changed")
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back pricingtest.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if rep.Text() != back.Text() || rep.Markdown() != back.Markdown() {
		t.Errorf("the decoded report renders differently")
	}
}
