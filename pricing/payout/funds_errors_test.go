package payout_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
)

func paths(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Path)
	}
	return out
}

func TestFundCompileErrors(t *testing.T) {
	tests := []struct {
		name    string
		compile func() error
		want    []string
	}{
		{"rebate", func() error {
			_, err := payout.CompileRebate(payout.RebateProgram{Kind: "loyalty", Currency: "XXX", Period: partnerops.UnitWeek, PayAfterDays: -1,
				Table: payout.RateTable{Mode: payout.TierInterpolated, Basis: payout.BasisAttainment}})
			return err
		}, []string{"id", "currency", "period", "pay_after_days", "kind", "table.basis", "table.mode", "table.tiers"}},
		{"spifs", func() error {
			_, err := payout.CompileSPIFs(payout.SPIFProgram{ID: "s", Currency: partnerops.USD, SPIFs: []payout.SPIF{
				{ID: "a", From: day("2026-02-01"), Until: day("2026-01-01"), PerUnit: usd("1.00"), PerDeal: usd("2.00")},
				{ID: "a", From: day("2026-01-01"), Until: day("2026-02-01"), SKUs: []string{"X"}, PerDeal: usd("1.005")}}})
			return err
		}, []string{"spifs[a].until", "spifs[a].skus", "spifs[a]", "spifs[a].id", "spifs[a].per_deal"}},
		{"fund", func() error {
			_, err := payout.CompileFund(payout.Fund{ID: "f", Currency: partnerops.USD, Period: partnerops.UnitQuarter, Rate: pct("120"),
				Allocations: map[partnerops.Tier]partnerops.Money{"gold": partnerops.MustMoney("5", partnerops.EUR)}, ExpiresAfter: -1})
			return err
		}, []string{"rate", "allocations[gold]", "expires_after"}},
		{"ramp", func() error {
			_, err := payout.CompileRamp(payout.RampSchedule{ID: "r", Currency: partnerops.USD, UntilDeals: -1,
				Stages:    []payout.RampStage{{ID: "a", Months: 0, BonusRate: pct("-1")}, {ID: "a", Months: 2}},
				FastStart: &payout.FastStart{WithinDays: 0, Amount: usd("10.00")}})
			return err
		}, []string{"stages[a].months", "stages[a].bonus_rate", "stages[a].id", "until_deals", "fast_start.within_days"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.compile()
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tc.want, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestFundWarnings(t *testing.T) {
	f, err := payout.CompileFund(payout.Fund{ID: "f", Currency: partnerops.USD, Period: partnerops.UnitQuarter, Rate: pct("0.5")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"rate"}, warnPaths(f.Warnings())); diff != "" {
		t.Errorf("fund warnings (-want +got):\n%s", diff)
	}
	r, err := payout.CompileRebate(payout.RebateProgram{ID: "r", Kind: payout.RebateVolume, Currency: partnerops.USD, Period: partnerops.UnitYear,
		Table: payout.RateTable{Mode: payout.TierFlat, Tiers: []payout.Tier{{Rate: pct("3")}, {From: dec("100"), Rate: pct("2")}}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"table.tiers[1]"}, warnPaths(r.Warnings())); diff != "" {
		t.Errorf("rebate warnings (-want +got):\n%s", diff)
	}
	rp, err := payout.CompileRamp(payout.RampSchedule{ID: "r", Currency: partnerops.USD, Stages: []payout.RampStage{{ID: "a", Months: 1, ExtraMargin: pct("0.02")}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"stages[a].extra_margin"}, warnPaths(rp.Warnings())); diff != "" {
		t.Errorf("ramp warnings (-want +got):\n%s", diff)
	}
}

func warnPaths(ws []partnerops.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Path)
	}
	return out
}
