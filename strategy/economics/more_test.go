package economics

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestAssumptionsRoundTrip(t *testing.T) {
	base := econFlatModel()
	pe, _ := Compile(base)
	want := pe.Forecast().NPV
	for _, a := range Assumptions() {
		v, err := base.Value(a)
		if err != nil {
			t.Fatalf("Value(%s): %v", a, err)
		}
		m, err := base.With(a, v)
		if err != nil {
			t.Fatalf("With(%s): %v", a, err)
		}
		spe, err := Compile(m)
		if err != nil {
			t.Fatalf("compiling with %s = %s: %v", a, v, err)
		}
		if got := spe.Forecast().NPV; !got.Equal(want) {
			t.Errorf("setting %s to its own value changed the NPV: %s, want %s", a, got, want)
		}
	}
	if _, err := base.Value("headcount"); !errors.Is(err, ErrUnknownAssumption) {
		t.Errorf("Value(headcount) error = %v", err)
	}
	if _, err := base.With("headcount", partnerops.Decimal{}); !errors.Is(err, ErrUnknownAssumption) {
		t.Errorf("With(headcount) error = %v", err)
	}
	if _, err := base.With(AssumptionCostPerPartner, partnerops.NewDecimal(1, 40)); !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("With(1e40) error = %v, want ErrRange", err)
	}
	m, _ := base.With(AssumptionRampPeriods, partnerops.NewDecimal(1, 6))
	if _, err := Compile(m); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("ramp of a million periods compiled: %v", err)
	}
	m, _ = base.With(AssumptionFixedCosts, partnerops.DecimalFromInt(45000)) // 25,000 + 5,000 scaled by 1.5
	if diff := cmp.Diff([]Cost{{"channel team", mapUSD("37500")}, {"PRM", mapUSD("7500")}}, m.FixedCosts); diff != "" {
		t.Errorf("scaled fixed costs (-want +got):\n%s", diff)
	}
	if got := pe.Definition(); got.Name != "flat" || len(got.FixedCosts) != 2 {
		t.Errorf("Model() = %+v", got)
	}
}

func TestSensitivityErrors(t *testing.T) {
	pe, _ := Compile(econFlatModel())
	_, err := pe.Sensitivity([]SensitivityInput{
		{Assumption: "headcount"},
		{Assumption: AssumptionChurnRate, Low: partnerops.MustDecimal("-5"), High: partnerops.MustDecimal("5")},
	})
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"inputs[headcount].low", "inputs[churn_rate].low.churn_rate"}, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}
