package payout_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
)

func TestRebates(t *testing.T) {
	vol := `{"id": "vol", "kind": "volume", "currency": "USD", "period": "quarter", "pay_after_days": 30,
		"table": {"mode": "%s", "tiers": [{"from": "0", "rate": "1"}, {"from": "100000", "rate": "2"}, {"from": "250000", "rate": "3"}]}}`
	growth := `{"id": "gr", "kind": "growth", "currency": "USD", "period": "quarter",
		"table": {"mode": "%s", "tiers": [{"from": "0", "rate": "2"}, {"from": "20", "rate": "5"}]}}`
	purchases := []payout.Purchase{
		{ID: "a", Date: day("2025-02-01"), Amount: usd("100000")}, // last year's Q1
		{ID: "b", Date: day("2026-01-10"), Amount: usd("80000")},
		{ID: "c", Date: day("2026-03-10"), Amount: usd("50000")},
		{ID: "d", Date: day("2026-04-10"), Amount: usd("999999")}, // Q2: ignored
	}
	tests := []struct {
		name, def, mode string
		amount, reason  string
		tier            int
	}{
		{"volume retroactive", vol, "flat", "2600.00", "tier", 2},            // 130k × 2%
		{"volume marginal", vol, "marginal", "1600.00", "tier", 2},           // 1,000 + 600
		{"growth retroactive", growth, "flat", "6500.00", "tier", 2},         // 30% growth: 130k × 5%
		{"growth marginal", growth, "marginal", "900.00", "tier", 2},         // 20k × 2% + 10k × 5%
		{"growth on last year", growth, "retroactive", "6500.00", "tier", 2}, // alias of flat
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := payout.ParseRebate([]byte(sprintf(tc.def, tc.mode)))
			if err != nil {
				t.Fatal(err)
			}
			r, err := payout.CompileRebate(p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Accrue("p-1", day("2026-02-01"), purchases)
			if err != nil {
				t.Fatal(err)
			}
			if got.Amount.Amount().String() != tc.amount || string(got.Reason) != tc.reason || got.Tier != tc.tier {
				t.Errorf("Accrue = %s (%s, tier %d), want %s (%s, tier %d)", got.Amount, got.Reason, got.Tier, tc.amount, tc.reason, tc.tier)
			}
			if got.Purchases != 2 || got.Total.Amount().String() != "130000.00" {
				t.Errorf("total %s over %d purchases", got.Total, got.Purchases)
			}
		})
	}
	p, _ := payout.ParseRebate([]byte(sprintf(growth, "flat")))
	r, _ := payout.CompileRebate(p)
	got, err := r.Accrue("p-1", day("2026-02-01"), purchases[1:])
	if err != nil || got.Reason != payout.RebateNoPrior || !got.Amount.IsZero() {
		t.Errorf("no prior: %+v, %v", got, err)
	}
}

func TestSPIFs(t *testing.T) {
	p, err := payout.ParseSPIFs([]byte(`{"id": "q1-push", "currency": "USD", "spifs": [
		{"id": "units", "from": "2026-01-01", "until": "2026-04-01", "skus": ["SEC-100"], "per_unit": "25.00", "cap_per_partner": "1000.00"},
		{"id": "deals", "from": "2026-02-01", "until": "2026-03-01", "families": ["security"], "per_deal": "300.00"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := payout.CompileSPIFs(p)
	if err != nil {
		t.Fatal(err)
	}
	sales := []payout.Sale{
		{ID: "1", Deal: "D1", Date: day("2026-02-03"), SKU: "SEC-100", Family: "security", Units: dec("30")},
		{ID: "2", Deal: "D1", Date: day("2026-02-03"), SKU: "SEC-200", Family: "security", Units: dec("1")},
		{ID: "3", Deal: "D2", Date: day("2026-02-10"), SKU: "SEC-100", Family: "security", Units: dec("20")},
		{ID: "4", Deal: "D3", Date: day("2026-04-02"), SKU: "SEC-100", Family: "security", Units: dec("5")},
	}
	res, err := s.Earn("p-1", sales)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ SPIF, Sale, Amount, Reason string }
	var got []row
	for _, l := range res.Lines {
		got = append(got, row{l.SPIF, l.Sale, l.Amount.Amount().String(), string(l.Reason)})
	}
	want := []row{
		{"units", "1", "750.00", "paid"},
		{"units", "3", "250.00", "paid"}, // 500 cut to the 1,000 cap
		{"units", "4", "0.00", "outside_window"},
		{"deals", "1", "300.00", "paid"},
		{"deals", "2", "0.00", "deal_paid"},
		{"deals", "3", "300.00", "paid"},
		{"deals", "4", "0.00", "outside_window"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if res.Total.Amount().String() != "1600.00" || !res.Totals[0].Capped {
		t.Errorf("totals = %+v", res.Totals)
	}
}

func mdf(t *testing.T, js string) *payout.FundEngine {
	t.Helper()
	f, err := payout.ParseFund([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	e, err := payout.CompileFund(f)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestFundLedger(t *testing.T) {
	f := mdf(t, `{"id": "mdf", "currency": "USD", "period": "quarter", "rate": "2",
		"allocations": {"gold": "1000.00"}, "cap_per_period": "5000.00", "expires_after": 2, "pre_approval": true}`)
	act := payout.FundActivity{Partner: "p-1",
		Revenue: []payout.Revenue{{ID: "r1", Date: day("2026-01-15"), Amount: usd("100000")}, {ID: "r2", Date: day("2026-04-15"), Amount: usd("300000")}},
		Tiers:   []payout.TierSince{{From: day("2026-01-01"), Tier: "gold"}},
		Claims: []payout.Claim{
			{ID: "c1", Submitted: day("2026-05-01"), Requested: usd("2000.00"), PreApproved: usd("2000.00"), PreApprovedAt: day("2026-04-10"),
				Approved: usd("1500.00"), Decided: day("2026-05-10")},
			{ID: "c2", Submitted: day("2026-09-01"), Requested: usd("900.00")},
		}}
	led, err := f.Ledger(act, day("2027-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Date, Kind, Ref, Amount, Balance string }
	var got []row
	for _, e := range led.Entries {
		got = append(got, row{e.Date.Format("2006-01-02"), string(e.Kind), e.Ref, e.Amount.Amount().String(), e.Balance.Amount().String()})
	}
	want := []row{
		{"2026-04-01", "accrual", "FY2026-Q1", "3000.00", "3000.00"}, // 2,000 + 1,000 gold
		{"2026-05-10", "claim", "c1", "-1500.00", "1500.00"},         // partial approval from Q1's lot
		{"2026-07-01", "accrual", "FY2026-Q2", "5000.00", "6500.00"}, // 7,000 capped at 5,000
		{"2026-10-01", "expiry", "FY2026-Q1", "-1500.00", "5000.00"}, // Q1's unspent part
		{"2026-10-01", "accrual", "FY2026-Q3", "1000.00", "6000.00"},
		{"2027-01-01", "expiry", "FY2026-Q2", "-5000.00", "1000.00"},
		{"2027-01-01", "accrual", "FY2026-Q4", "1000.00", "2000.00"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"c2"}, led.Pending); diff != "" {
		t.Errorf("pending (-want +got):\n%s", diff)
	}
	if got := led.BalanceAt(day("2026-08-01")).Amount().String(); got != "6500.00" {
		t.Errorf("BalanceAt = %s", got)
	}
	err = led.Check("c3", usd("2500.00"))
	var be *payout.BalanceError
	if !errors.As(err, &be) || !errors.Is(err, payout.ErrInsufficientFunds) || be.Balance.Amount().String() != "2000.00" {
		t.Errorf("Check = %v, want a balance error naming 2000.00", err)
	}
	// A claim approved over the balance is refused, naming the balance.
	act.Claims[0].Approved, act.Claims[0].Requested, act.Claims[0].PreApproved = usd("3500.00"), usd("3500.00"), usd("3500.00")
	act.Claims[0].PreApprovedAt = day("2026-04-20")
	_, err = f.Ledger(act, day("2027-01-01"))
	if !errors.As(err, &be) || be.Balance.Amount().String() != "3000.00" || be.Claim != "c1" {
		t.Errorf("over balance: err = %v", err)
	}
	// Without a pre-approval the claim is invalid.
	act.Claims[0].PreApproved = partnerops.Money{}
	if _, err := f.Ledger(act, day("2027-01-01")); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("no pre-approval: err = %v", err)
	}
}

func TestRampStages(t *testing.T) {
	s, err := payout.ParseRamp([]byte(`{"id": "new-partner", "currency": "USD", "until_deals": 5, "until_amount": "250000.00",
		"stages": [{"id": "ramp-1", "months": 3, "extra_margin": "5", "bonus_rate": "3"},
		           {"id": "ramp-2", "months": 3, "extra_margin": "2"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := payout.CompileRamp(s)
	if err != nil {
		t.Fatal(err)
	}
	start := day("2026-01-31")
	tests := []struct {
		at       string
		progress payout.Progress
		id       string
		reason   payout.StageReason
	}{
		{"2026-01-30", payout.Progress{}, "", payout.StageBeforeStart},
		{"2026-01-31", payout.Progress{}, "ramp-1", payout.StageByTime},
		{"2026-04-29", payout.Progress{Deals: 4}, "ramp-1", payout.StageByTime},
		{"2026-04-30", payout.Progress{}, "ramp-2", payout.StageByTime}, // Jan 31 + 3 months, clamped
		{"2026-05-01", payout.Progress{Deals: 5}, "", payout.StageDeals},
		{"2026-05-01", payout.Progress{Amount: usd("250000")}, "", payout.StageAmount},
		{"2026-07-31", payout.Progress{}, "", payout.StageEnded},
	}
	for _, tc := range tests {
		got, err := r.Stage(start, day(tc.at), tc.progress)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != tc.id || got.Reason != tc.reason {
			t.Errorf("Stage(%s, %+v) = %q (%s), want %q (%s)", tc.at, tc.progress, got.ID, got.Reason, tc.id, tc.reason)
		}
	}
	if _, err := r.Stage(start, day("2026-02-01"), payout.Progress{Amount: partnerops.MustMoney("1", partnerops.EUR)}); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("currency: err = %v", err)
	}
}
