package payout_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
)

// The shapes of the package doc, each checked against a worked example.
func TestPlanShapes(t *testing.T) {
	const stepTable = `{"mode": "split_fixed", "tiers": [
		{"from": "0", "rate": "1"}, {"from": "1000", "rate": "2"}, {"from": "3000", "rate": "3"}, {"from": "8000", "rate": "5"}]}`
	const interpTable = `{"mode": "split_interpolated", "tiers": [
		{"from": "0", "amount": "10"}, {"from": "1000", "amount": "40"}, {"from": "3000", "amount": "100"},
		{"from": "8000", "to": "20000", "amount": "2000"}]}`
	const flatTable = `{"mode": "flat", "tiers": [
		{"from": "0", "rate": "1"}, {"from": "1000", "rate": "2"}, {"from": "3000", "rate": "3"}, {"from": "8000", "rate": "5"}]}`
	plan := func(eval, table string) string {
		return `{"id": "p", "currency": "USD", "period": "quarter", "components": [
			{"id": "c", "kind": "commission", "evaluation": "` + eval + `", "table": ` + table + `}]}`
	}
	tests := []struct {
		name  string
		plan  string
		want  []string
		total string
	}{
		// Oracle: "Transactions Processed Individually and Split
		// Nonproportionally Across Rate Tiers": 164 USD.
		{"step per transaction", plan("per_transaction", stepTable), []string{"2.00", "3.00", "20.00", "14.00", "30.00", "95.00"}, "164.00"},
		// Oracle's interpolated example, transactions individually: 149 USD.
		{"interpolated per transaction", plan("per_transaction", interpTable), []string{"2.00", "3.00", "20.00", "14.00", "30.00", "80.00"}, "149.00"},
		// Cumulative step: running totals 200, 500, 2,000 (earns 30),
		// 3,200 (56), 5,200 (116), 9,700 (10 + 40 + 150 + 85 = 285); each
		// line is the increment.
		{"step cumulative", plan("cumulative", stepTable), []string{"2.00", "3.00", "25.00", "26.00", "60.00", "169.00"}, "285.00"},
		// Cumulative flat: 2,000 at 2% = 40, 3,200 at 3% = 96, 5,200 at
		// 3% = 156, 9,700 at 5% = 485.
		{"flat cumulative", plan("cumulative", flatTable), []string{"2.00", "3.00", "35.00", "56.00", "60.00", "329.00"}, "485.00"},
		// Cumulative interpolated: 2,000 earns 10 + 1000/2000 × 40 = 30;
		// 9,700 earns 150 + 1700/12000 × 2000 = 433.33.
		{"interpolated cumulative", plan("cumulative", interpTable), []string{"2.00", "3.00", "25.00", "24.00", "40.00", "339.33"}, "433.33"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := mustPlan(t, tc.plan)
			s, err := e.Statement(payout.Request{Payee: "rep", At: day("2015-02-01"), Transactions: oracleTxs()})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, amounts(s, 0)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if got := s.Total.Amount().String(); got != tc.total {
				t.Errorf("total = %s, want %s", got, tc.total)
			}
			// T3 (1,500) reaches tier 2 alone and with the running total.
			if got := s.Components[0].Lines[2].Tier; got != 2 {
				t.Errorf("T3 tier = %d, want 2", got)
			}
		})
	}
}

// QuotaPath's "accelerators and decelerators" plan: half rate below 50%,
// the base rate retroactive from 50%, 1.5× the base above quota on the
// excess only.
func TestRetroactiveBaseWithAccelerator(t *testing.T) {
	e := mustPlan(t, `{"id": "ae", "currency": "USD", "period": "month", "components": [{
		"id": "base", "kind": "commission", "quota": "33000",
		"table": {"mode": "marginal", "basis": "attainment", "tiers": [
			{"id": "decelerator", "from": "0", "rate": "5"},
			{"id": "base", "from": "50", "rate": "10", "retroactive": true},
			{"id": "accelerator", "from": "100", "rate": "15"}]}}]}`)
	for _, tc := range []struct {
		amount, want string
	}{
		{"10000", "500.00"},  // 30%: decelerator
		{"20000", "2000.00"}, // 60.6%: base on everything
		{"33000", "3300.00"}, // 100%
		{"43000", "4800.00"}, // 3,300 + 15% of 10,000
	} {
		s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-05-01"), Transactions: []payout.Transaction{tx("A", "2026-05-02", tc.amount)}})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Total.Amount().String(); got != tc.want {
			t.Errorf("Statement(%s).Total = %s, want %s", tc.amount, got, tc.want)
		}
	}
}

func TestEarningsTable(t *testing.T) {
	e := mustPlan(t, `{"id": "ot", "currency": "USD", "period": "quarter", "target_incentive": "20000.00",
		"components": [{"id": "quota", "kind": "earnings_table", "quota": "500000", "weight": "50",
		"curve": {"points": [{"attainment": "50", "payout": "25"}, {"attainment": "100", "payout": "100"}, {"attainment": "150", "payout": "200"}]}}]}`)
	s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-01"), Transactions: []payout.Transaction{
		tx("A", "2026-01-05", "200000"), // 40%: below the first point
		tx("B", "2026-02-05", "175000"), // 75%: 25 + 25 × 75/50 = 62.5% of 10,000
		tx("C", "2026-03-05", "500000"), // 175%: held at 200%
	}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0.00", "6250.00", "13750.00"}, amounts(s, 0)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if got := s.Components[0].Lines[1].Attainment.String(); got != "75.00%" {
		t.Errorf("attainment = %s, want 75.00%%", got)
	}
}

func TestGateTrueUp(t *testing.T) {
	// Quarterly plan; the accelerator pays only when year-to-date
	// attainment reaches 100% of the year-to-date quota.
	e := mustPlan(t, `{"id": "g", "currency": "USD", "period": "quarter", "components": [{
		"id": "c", "kind": "commission", "quota": "100000",
		"gate": {"window": "year", "at_least": "100"},
		"table": {"mode": "marginal", "basis": "attainment", "tiers": [
			{"from": "0", "rate": "10"}, {"id": "accel", "from": "100", "rate": "20", "gated": true}]}}]}`)
	txs := []payout.Transaction{
		tx("Q1", "2026-02-01", "150000"), // Q1: 150% of the quarter, YTD 150% → open
		tx("Q2", "2026-05-01", "120000"), // Q2: 120%, YTD 270/200 → open
	}
	// A year where Q1 misses YTD: Q1 150k of 100k quota is 150% so use a
	// bigger early quarter miss: Q1 80k, Q2 150k (YTD 230k of 200k opens).
	miss := []payout.Transaction{tx("A", "2026-02-01", "80000"), tx("B", "2026-05-01", "150000")}
	s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-05-01"), Transactions: miss})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Components[0]
	if !c.Gate.Open {
		t.Fatalf("gate closed, want open: %+v", c.Gate)
	}
	// Q2: 100k at 10% + 50k at 20% = 20,000; no Q1 accelerator to true up
	// (Q1 stayed below 100% of its own quota).
	if got := c.Earned.Amount().String(); got != "20000.00" {
		t.Errorf("Q2 earned %s, want 20000.00", got)
	}
	// Q1 closed with the gate shut while reaching the accelerator: Q1
	// 150k (YTD 150% open) has no true-up either; build one that needs
	// it: Q1 120k with an annual quota gate of 400k.
	e2 := mustPlan(t, `{"id": "g", "currency": "USD", "period": "quarter", "components": [{
		"id": "c", "kind": "commission", "quota": "100000",
		"gate": {"window": "year", "at_least": "50", "quota": "400000"},
		"table": {"mode": "marginal", "basis": "attainment", "tiers": [
			{"from": "0", "rate": "10"}, {"id": "accel", "from": "100", "rate": "20", "gated": true}]}}]}`)
	q1, err := e2.Statement(payout.Request{Payee: "r", At: day("2026-02-01"), Transactions: txs})
	if err != nil {
		t.Fatal(err)
	}
	// Q1: YTD 150k of 400k = 37.5% < 50%: closed; the accelerator slice
	// pays the base 10%: 15,000.
	if got := q1.Total.Amount().String(); got != "15000.00" {
		t.Errorf("Q1 total %s, want 15000.00", got)
	}
	if !q1.Components[0].Lines[0].Gated {
		t.Errorf("Q1 line not marked gated: %+v", q1.Components[0].Lines[0])
	}
	q2, err := e2.Statement(payout.Request{Payee: "r", At: day("2026-05-01"), Transactions: txs})
	if err != nil {
		t.Fatal(err)
	}
	// Q2: YTD 270k of 400k = 67.5%: open. Q2 earns 10,000 + 4,000; the
	// Q1 true-up pays the withheld 50k × 10% = 5,000.
	if diff := cmp.Diff([]string{"14000.00", "5000.00"}, amounts(q2, 0)); diff != "" {
		t.Errorf("Q2 lines (-want +got):\n%s", diff)
	}
	if l := q2.Components[0].Lines[1]; l.Kind != payout.LineTrueUp || l.Period != "FY2026-Q1" {
		t.Errorf("true-up line = %+v", l)
	}
}

func TestGateWholeComponent(t *testing.T) {
	e := mustPlan(t, `{"id": "g", "currency": "USD", "period": "month", "components": [{
		"id": "kicker", "kind": "commission", "quota": "10000",
		"gate": {"window": "quarter", "at_least": "100"},
		"table": {"mode": "flat", "tiers": [{"from": "0", "rate": "2"}]}}]}`)
	txs := []payout.Transaction{tx("A", "2026-01-10", "8000"), tx("B", "2026-02-10", "15000")}
	jan, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-10"), Transactions: txs})
	if err != nil {
		t.Fatal(err)
	}
	l := jan.Components[0].Lines[0]
	if !l.Amount.IsZero() || l.Limit != payout.LimitGate || l.Cut.Amount().String() != "160.00" {
		t.Errorf("January line = %+v, want 160.00 withheld", l)
	}
	feb, err := e.Statement(payout.Request{Payee: "r", At: day("2026-02-10"), Transactions: txs})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"300.00", "160.00"}, amounts(feb, 0)); diff != "" {
		t.Errorf("February lines (-want +got):\n%s", diff)
	}
}

func TestCapsFloorDraw(t *testing.T) {
	e := mustPlan(t, `{"id": "c", "currency": "USD", "period": "month", "target_incentive": "5000.00",
		"components": [{"id": "c", "kind": "commission",
			"transaction_cap": {"amount": "3000.00"}, "cap": {"multiple_of_target": "1"},
			"table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}}],
		"draw": "2000.00"}`)
	s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-01"), Transactions: []payout.Transaction{
		tx("A", "2026-01-02", "40000"), // 4,000 cut to 3,000 by the transaction cap
		tx("B", "2026-01-03", "30000"), // 3,000 cut to 2,000 by the period cap (5,000)
		tx("C", "2026-01-04", "10000"), // 1,000 cut to 0
	}, DrawBalance: usd("1500.00")})
	if err != nil {
		t.Fatal(err)
	}
	want := []payout.Limit{payout.LimitTransaction, payout.LimitPeriod, payout.LimitPeriod}
	for i, l := range s.Components[0].Lines {
		if l.Limit != want[i] {
			t.Errorf("line %d limit = %q, want %q", i, l.Limit, want[i])
		}
	}
	if diff := cmp.Diff([]string{"3000.00", "2000.00", "0.00"}, amounts(s, 0)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	// 5,000 earned, 2,000 draw: 1,500 outstanding is recovered.
	if s.Total.Amount().String() != "3500.00" || !s.DrawBalance.IsZero() {
		t.Errorf("total %s, balance %s; want 3500.00 and 0", s.Total, s.DrawBalance)
	}
	// A lean month: the draw advances 2,000 − 500.
	s2, err := e.Statement(payout.Request{Payee: "r", At: day("2026-02-01"), Transactions: []payout.Transaction{tx("D", "2026-02-02", "5000")}})
	if err != nil {
		t.Fatal(err)
	}
	if s2.Total.Amount().String() != "2000.00" || s2.DrawBalance.Amount().String() != "1500.00" {
		t.Errorf("lean month total %s, balance %s", s2.Total, s2.DrawBalance)
	}
	if s2.Adjustments[0].Kind != payout.LineDrawAdvance {
		t.Errorf("adjustment = %+v", s2.Adjustments[0])
	}
}

func TestClawbacks(t *testing.T) {
	e := mustPlan(t, `{"id": "c", "currency": "USD", "period": "quarter", "components": [
		{"id": "c", "kind": "commission", "clawback": {"months": 12, "prorate": true},
		 "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}},
		{"id": "logo", "kind": "bonus", "amount": "500.00", "when": {"new_logo": true}, "clawback": {"months": 6}}]}`)
	deal := tx("D", "2026-01-15", "12000")
	deal.NewLogo = true
	txs := []payout.Transaction{deal}
	for _, tc := range []struct {
		name       string
		cb         payout.Clawback
		commission string
		bonus      []string
	}{
		{"churn after 3 months", payout.Clawback{ID: "x", Transaction: "D", Date: day("2026-04-20"), Reason: payout.ReasonChurn}, "-900.00", []string{"-500.00"}},
		{"downgrade by 50% after 4 months", payout.Clawback{ID: "x", Transaction: "D", Date: day("2026-05-20"), Reason: payout.ReasonDowngrade, Portion: pct("50")}, "-400.00", []string{"-250.00"}},
		{"refund after 8 months", payout.Clawback{ID: "x", Transaction: "D", Date: day("2026-09-20"), Reason: payout.ReasonRefund}, "-400.00", []string{"0.00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := e.Statement(payout.Request{Payee: "r", At: tc.cb.Date, Transactions: txs, Clawbacks: []payout.Clawback{tc.cb}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{tc.commission}, amounts(s, 0)); diff != "" {
				t.Errorf("commission (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.bonus, amounts(s, 1)); diff != "" {
				t.Errorf("bonus (-want +got):\n%s", diff)
			}
			if l := s.Components[0].Lines[0]; l.Kind != payout.LineClawback || l.Period != "FY2026-Q1" || l.Original.Amount().String() != "1200.00" {
				t.Errorf("clawback line = %+v", l)
			}
		})
	}
}

func TestSplitCredit(t *testing.T) {
	e := mustPlan(t, `{"id": "s", "currency": "USD", "period": "quarter", "components": [
		{"id": "c", "kind": "commission", "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "10"}]}}]}`)
	deal := tx("D", "2026-01-15", "1000.00")
	deal.Credits = []payout.Credit{{Payee: "a", Weight: dec("1")}, {Payee: "b", Weight: dec("1")}, {Payee: "c", Weight: dec("1")}}
	other := tx("E", "2026-01-16", "50")
	other.Credits = []payout.Credit{{Payee: "z", Weight: dec("1")}}
	var sum partnerops.Decimal
	for _, p := range []payout.PayeeID{"a", "b", "c"} {
		s, err := e.Statement(payout.Request{Payee: p, At: day("2026-01-01"), Transactions: []payout.Transaction{deal, other}})
		if err != nil {
			t.Fatal(err)
		}
		sum = sum.Add(s.Components[0].Credited)
		if len(s.Skipped) != 1 || s.Skipped[0].Reason != payout.SkipNotCredited {
			t.Errorf("payee %s skipped = %+v", p, s.Skipped)
		}
		if got := s.Components[0].Lines[0].Share.String(); got != "33.33%" {
			t.Errorf("share = %s", got)
		}
	}
	if sum.String() != "1000.00" {
		t.Errorf("credited shares sum to %s, want 1000.00", sum)
	}
}

func TestRetention(t *testing.T) {
	e := mustPlan(t, `{"id": "r", "currency": "USD", "period": "year", "target_incentive": "10000.00", "components": [
		{"id": "nrr", "kind": "retention", "metric": "nrr", "table": {"mode": "flat", "tiers": [
			{"from": "100", "amount": "2000.00"}, {"from": "110", "amount": "5000.00"}]}},
		{"id": "grr", "kind": "retention", "metric": "grr", "weight": "10",
			"curve": {"points": [{"attainment": "80", "payout": "0"}, {"attainment": "95", "payout": "100"}]}}]}`)
	s, err := e.Statement(payout.Request{Payee: "p", At: day("2026-06-01"),
		Book: &payout.Book{Start: usd("1000000"), Expansion: usd("200000"), Contraction: usd("50000"), Churn: usd("40000")}})
	if err != nil {
		t.Fatal(err)
	}
	// NRR 111%: band 2. GRR 91%: (91−80)/15 of 1,000 = 733.33.
	if got := []string{amounts(s, 0)[0], amounts(s, 1)[0]}; !cmp.Equal(got, []string{"5000.00", "733.33"}) {
		t.Errorf("retention = %v", got)
	}
	if got := s.Components[0].Attainment.String(); got != "111.00%" {
		t.Errorf("NRR = %s", got)
	}
	if _, err := e.Statement(payout.Request{Payee: "p", At: day("2026-06-01")}); !errors.Is(err, payout.ErrNoBook) {
		t.Errorf("no book: err = %v, want ErrNoBook", err)
	}
}

func TestRampComponent(t *testing.T) {
	e := mustPlan(t, `{"id": "new", "currency": "USD", "period": "month", "components": [{
		"id": "ramp", "kind": "ramp", "ramp": {"id": "r", "until_deals": 3,
			"stages": [{"id": "ramp-1", "months": 3, "bonus_rate": "5"}, {"id": "ramp-2", "months": 3, "bonus_rate": "2"}],
			"fast_start": {"within_days": 30, "amount": "1000.00"}}}]}`)
	txs := []payout.Transaction{tx("A", "2026-01-20", "10000"), tx("B", "2026-04-10", "10000"), tx("C", "2026-04-11", "10000"), tx("D", "2026-04-12", "10000")}
	jan, err := e.Statement(payout.Request{Payee: "p", At: day("2026-01-01"), Start: day("2026-01-05"), Transactions: txs})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"500.00", "1000.00"}, amounts(jan, 0)); diff != "" {
		t.Errorf("January (-want +got):\n%s", diff)
	}
	apr, err := e.Statement(payout.Request{Payee: "p", At: day("2026-04-01"), Start: day("2026-01-05"), Transactions: txs})
	if err != nil {
		t.Fatal(err)
	}
	// B and C in stage 2 (2%); D after 3 deals: graduated.
	if diff := cmp.Diff([]string{"200.00", "200.00", "0.00"}, amounts(apr, 0)); diff != "" {
		t.Errorf("April (-want +got):\n%s", diff)
	}
	if _, err := e.Statement(payout.Request{Payee: "p", At: day("2026-04-01"), Transactions: txs}); !errors.Is(err, payout.ErrNoStart) {
		t.Errorf("err = %v, want ErrNoStart", err)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		plan  string
		paths []string
	}{
		{"empty", `{"components": []}`, []string{"id", "currency", "period", "components"}},
		{"kind fields", `{"id": "p", "currency": "USD", "period": "month", "components": [
			{"id": "b", "kind": "bonus", "amount": "10.00", "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "1"}]}},
			{"id": "c", "kind": "commission"}]}`, []string{"components[b].table", "components[c].table"}},
		{"tiers", `{"id": "p", "currency": "USD", "period": "month", "components": [
			{"id": "c", "kind": "commission", "table": {"mode": "marginal", "tiers": [
				{"id": "a", "from": "10", "rate": "5", "gated": true}, {"id": "b", "from": "5", "rate": "-1"},
				{"id": "x", "from": "20", "amount": "1.005"}]}}]}`,
			[]string{"components[c].table.tiers[a].gated", "components[c].table.tiers[b].from", "components[c].table.tiers[b].rate",
				"components[c].table.tiers[x]", "components[c].table.tiers[x].amount", "components[c].table.tiers[x].amount"}},
		{"interpolated end", `{"id": "p", "currency": "USD", "period": "month", "components": [
			{"id": "c", "kind": "commission", "table": {"mode": "interpolated", "tiers": [{"from": "0", "to": "5", "amount": "1.00"}, {"from": "10", "amount": "1.00"}]}}]}`,
			[]string{"components[c].table.tiers[0].to", "components[c].table.tiers[1].to"}},
		{"gate window", `{"id": "p", "currency": "USD", "period": "year", "components": [
			{"id": "c", "kind": "commission", "gate": {"window": "quarter", "at_least": "100"}, "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "1"}]}}]}`,
			[]string{"components[c].gate.window"}},
		{"caps", `{"id": "p", "currency": "USD", "period": "month", "cap": {}, "components": [
			{"id": "c", "kind": "commission", "cap": {"amount": "1.00", "multiple_of_target": "2"}, "table": {"mode": "flat", "tiers": [{"from": "0", "rate": "1"}]}}]}`,
			[]string{"components[c].cap", "cap"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := payout.ParsePlan([]byte(tc.plan))
			if err != nil {
				t.Fatalf("ParsePlan: %v", err)
			}
			_, err = payout.Compile(p)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("Compile err = %v, want ErrInvalid", err)
			}
			var got []string
			for _, ve := range partnerops.ValidationErrors(err) {
				got = append(got, ve.Path)
			}
			if diff := cmp.Diff(tc.paths, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
			if strings.Count(err.Error(), "payout: ") != 1 {
				t.Errorf("error has more than one prefix: %v", err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	_, err := payout.ParsePlan([]byte(`{"id": "p", "currency": "USD", "period": "month", "components": [
		{"id": "c", "kind": "commission", "filter": {}, "table": {"mode": "stepped", "tiers": [{"from": "0", "rate": 5}]}}]}`))
	var got []string
	for _, ve := range partnerops.ValidationErrors(err) {
		got = append(got, ve.Path+": "+ve.Rule)
	}
	want := []string{
		`components[c].filter: unknown field; did you mean "when"?`,
		"components[c].table.mode",
		"components[c].table.tiers[0].rate",
	}
	if len(got) != 3 || got[0] != want[0] || !strings.HasPrefix(got[1], want[1]) || !strings.HasPrefix(got[2], want[2]) {
		t.Errorf("ParsePlan errors = %q", got)
	}
	if !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("err = %v, want ErrSyntax inside", err)
	}
}

func TestWarnings(t *testing.T) {
	e := mustPlan(t, `{"id": "p", "currency": "USD", "period": "month", "components": [
		{"id": "c", "kind": "commission", "transaction_cap": {"amount": "10.00"}, "table": {"mode": "flat", "tiers": [
			{"from": "0", "rate": "0.05"}, {"from": "100", "rate": "0.04"}]}}]}`)
	var got []string
	for _, w := range e.Warnings() {
		got = append(got, w.Path)
	}
	want := []string{"components[c].transaction_cap", "components[c].table.tiers[0].rate", "components[c].table.tiers[1].rate", "components[c].table.tiers[1]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestRequestErrors(t *testing.T) {
	e := mustPlan(t, `{"id": "p", "currency": "USD", "period": "month", "components": [
		{"id": "c", "kind": "commission", "clawback": {"months": 3}, "table": {"mode": "flat", "basis": "attainment", "tiers": [{"from": "0", "rate": "1"}]}}]}`)
	eur := payout.Transaction{ID: "E", Date: day("2026-01-02"), Amount: partnerops.MustMoney("1", partnerops.EUR)}
	tests := []struct {
		name string
		req  payout.Request
		want error
	}{
		{"no payee", payout.Request{At: day("2026-01-01")}, partnerops.ErrInvalid},
		{"no quota", payout.Request{Payee: "p", At: day("2026-01-01"), Transactions: []payout.Transaction{tx("A", "2026-01-02", "1")}}, payout.ErrNoQuota},
		{"currency", payout.Request{Payee: "p", At: day("2026-01-01"), Quotas: map[payout.ComponentID]partnerops.Decimal{"c": dec("10")}, Transactions: []payout.Transaction{eur}}, partnerops.ErrCurrencyMismatch},
		{"duplicate", payout.Request{Payee: "p", At: day("2026-01-01"), Transactions: []payout.Transaction{tx("A", "2026-01-02", "1"), tx("A", "2026-01-02", "2")}}, payout.ErrDuplicateTransaction},
		{"unknown clawback", payout.Request{Payee: "p", At: day("2026-01-01"), Clawbacks: []payout.Clawback{{ID: "x", Transaction: "Z", Date: day("2026-01-03"), Reason: payout.ReasonChurn}}}, payout.ErrUnknownTransaction},
		{"range", payout.Request{Payee: "p", At: day("2026-01-01"), Quotas: map[payout.ComponentID]partnerops.Decimal{"c": dec("10")}, Transactions: []payout.Transaction{tx("A", "2026-01-02", "0.0000001")}}, partnerops.ErrRange},
		{"magnitude", payout.Request{Payee: "p", At: day("2026-01-01"), Quotas: map[payout.ComponentID]partnerops.Decimal{"c": dec("10")}, Transactions: []payout.Transaction{tx("A", "2026-01-02", "2000000000000")}}, partnerops.ErrRange},
		{"running total", payout.Request{Payee: "p", At: day("2026-01-01"), Quotas: map[payout.ComponentID]partnerops.Decimal{"c": dec("10")}, Transactions: []payout.Transaction{
			tx("A", "2026-01-02", "900000000000"), tx("B", "2026-01-03", "900000000000")}}, partnerops.ErrRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Statement(tc.req)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if strings.Count(err.Error(), "payout: ") != 1 {
				t.Errorf("error has more than one prefix: %v", err)
			}
		})
	}
}
