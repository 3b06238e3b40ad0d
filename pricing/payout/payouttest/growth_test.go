package payouttest_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

func ptr[T any](v T) *T { return &v }

// growthCase is a flat 10% plan and a case of n transactions whose every
// line expectation is wrong.
func growthCase(t *testing.T, n int) (*payout.Engine, payouttest.Definitions, payouttest.Case) {
	t.Helper()
	plan := payout.Plan{ID: "p", Currency: partnerops.USD, Period: partnerops.UnitYear,
		Components: []payout.Component{{ID: "c", Kind: payout.KindCommission,
			Table: &payout.RateTable{Mode: payout.TierFlat, Tiers: []payout.Tier{{Rate: partnerops.MustPercent("10")}}}}}}
	d := payouttest.Definitions{Plan: &plan}
	e, err := payouttest.Compile(opstest.Files{}, d)
	if err != nil {
		t.Fatal(err)
	}
	c := payouttest.Case{ID: "c", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Given: payout.Request{Payee: "p-1"}}
	ce := payouttest.ComponentExpect{ID: "c"}
	for i := range n {
		id := payout.TransactionID(fmt.Sprint("T-", i))
		c.Given.Transactions = append(c.Given.Transactions, payout.Transaction{ID: id, Date: c.At.AddDate(0, 0, i%300), Amount: partnerops.MustMoney("100.00", partnerops.USD)})
		ce.Lines = append(ce.Lines, payouttest.LineExpect{Transaction: id, Amount: ptr(partnerops.MustMoney("1", partnerops.USD))})
		c.Expect.Skipped = append(c.Expect.Skipped, payouttest.SkipExpect{Transaction: id})
	}
	c.Expect.Components = []payouttest.ComponentExpect{ce}
	return e, d, c
}

// Checking a case, with its views and side-by-side failure, and comparing
// cases grow linearly with the transactions and cases: 8× within 30× the
// time.
func TestGrowth(t *testing.T) {
	e1, d1, c1 := growthCase(t, 100)
	e8, d8, c8 := growthCase(t, 800)
	check := func(e *payout.Engine, c payouttest.Case) func() {
		return func() {
			if err := payouttest.CheckCase(opstest.Files{}, e, c); err == nil {
				t.Fatal("the case passed")
			}
		}
	}
	if r, slow := opstest.SlowGrowth(check(e1, c1), check(e8, c8), 30); slow {
		t.Errorf("CheckCase: 8× the transactions took %.1f× the time", r)
	}
	cases := func(c payouttest.Case, n int) []payouttest.Case {
		out := make([]payouttest.Case, n)
		for i := range out {
			out[i] = c
			out[i].ID = fmt.Sprint("c", i)
			out[i].Given.Transactions = c.Given.Transactions[:1+i%5]
		}
		return out
	}
	whatIf := func(d payouttest.Definitions, cs []payouttest.Case) func() {
		return func() {
			r, err := payouttest.WhatIf(d, d, cs)
			if err != nil {
				t.Fatal(err)
			}
			_ = r.Text() + r.Markdown()
		}
	}
	if r, slow := opstest.SlowGrowth(whatIf(d1, cases(c1, 50)), whatIf(d8, cases(c8, 400)), 30); slow {
		t.Errorf("WhatIf: 8× the cases took %.1f× the time", r)
	}
}

// A report is data: it round-trips through JSON and renders the same.
func TestReportRoundTrips(t *testing.T) {
	f, err := payouttest.Load("testdata/draw.json")
	if err != nil {
		t.Fatal(err)
	}
	after := *f.Definitions.Plan
	after.Draw = partnerops.Money{}
	rep, err := payouttest.WhatIf(f.Definitions, payouttest.Definitions{Plan: &after}, f.Cases)
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
	var back payouttest.Report
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
