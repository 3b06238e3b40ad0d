package performance_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

func TestCompileMetricsErrors(t *testing.T) {
	ok := performance.MetricDef{Key: "regs", Name: "Registrations", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount}
	ten := int32(10)
	tests := []struct {
		name  string
		defs  []performance.MetricDef
		paths []string
	}{
		{"empty", nil, []string{"metrics"}},
		{"duplicate key", []performance.MetricDef{ok, ok}, []string{"metrics[regs].key"}},
		{"bad enums", []performance.MetricDef{{Key: "x", Name: "X", Unit: "apples", Indicator: "sideways", Direction: "up", Aggregation: "median", Visibility: "public"}},
			[]string{"metrics[x].unit", "metrics[x].indicator", "metrics[x].direction", "metrics[x].visibility", "metrics[x].aggregation"}},
		{"money without currency", []performance.MetricDef{{Key: "b", Name: "B", Unit: performance.UnitMoney, Indicator: performance.Lagging, Aggregation: performance.AggSum}}, []string{"metrics[b].currency"}},
		{"currency on a count", []performance.MetricDef{{Key: "b", Name: "B", Unit: performance.UnitCount, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggSum}}, []string{"metrics[b].currency"}},
		{"percentile out of range", []performance.MetricDef{{Key: "p", Name: "P", Unit: performance.UnitDuration, Indicator: performance.Lagging, Aggregation: performance.AggPercentile, Percentile: pct("150")}}, []string{"metrics[p].percentile"}},
		{"percentile on a sum", []performance.MetricDef{{Key: "p", Name: "P", Unit: performance.UnitDuration, Indicator: performance.Lagging, Aggregation: performance.AggSum, Percentile: pct("50")}}, []string{"metrics[p].percentile"}},
		{"count of money", []performance.MetricDef{{Key: "p", Name: "P", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggCount}}, []string{"metrics[p].unit"}},
		{"places out of range", []performance.MetricDef{{Key: "p", Name: "P", Unit: performance.UnitRatio, Indicator: performance.Lagging, Aggregation: performance.AggLatest, Places: &ten}}, []string{"metrics[p].places"}},
		{"ratio operands", []performance.MetricDef{ok,
			{Key: "r", Name: "R", Unit: performance.UnitRatio, Indicator: performance.Lagging, Aggregation: performance.AggRatio, Numerator: "r", Denominator: "nope"},
			{Key: "s", Name: "S", Unit: performance.UnitRatio, Indicator: performance.Lagging, Aggregation: performance.AggRatio, Numerator: "regs"},
		}, []string{"metrics[r].numerator", "metrics[r].denominator", "metrics[s].denominator"}},
		{"operands on a sum", []performance.MetricDef{{Key: "s", Name: "S", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggSum, Numerator: "x"}}, []string{"metrics[s].numerator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := performance.CompileMetrics(tt.defs)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("CompileMetrics = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.paths, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestCatalogAccessors(t *testing.T) {
	c := mustCatalog()
	if c.Len() != len(sampleMetrics()) {
		t.Errorf("Len = %d", c.Len())
	}
	if diff := cmp.Diff(sampleMetrics(), c.Definitions()); diff != "" {
		t.Errorf("Definitions (-want +got):\n%s", diff)
	}
	keys := c.Keys()
	if keys[0] != "deal_regs" || keys[len(keys)-1] != "deal_size_p90" {
		t.Errorf("Keys = %v", keys)
	}
	// Default places: money in USD 2, counts 0, percent 2, duration 2.
	for key, want := range map[string]int32{"bookings": 2, "deal_regs": 0, "win_rate": 2, "days_to_close": 2, "certified_people": 0} {
		if got, ok := c.Places(key); !ok || got != want {
			t.Errorf("Places(%q) = %d, %v; want %d", key, got, ok, want)
		}
	}
	if _, ok := c.Places("nope"); ok {
		t.Error("Places(nope) found")
	}
	if def, ok := c.Metric("win_rate"); !ok || def.Numerator != "deals_won" {
		t.Errorf("Metric(win_rate) = %+v, %v", def, ok)
	}
	if _, ok := c.Metric("nope"); ok {
		t.Error("Metric(nope) found")
	}
}

func TestEngineAccessors(t *testing.T) {
	cat := mustCatalog()
	sc := mustScorecard(cat)
	agg, _ := cat.NewAggregator([]partnerops.Period{quarter(2027, 1)})
	if sc.Key() != "partner_scorecard" || sc.Name() != "Partner scorecard" || sc.Catalog() != cat || agg.Catalog() != cat {
		t.Errorf("accessors: %q %q", sc.Key(), sc.Name())
	}
	want := []string{"deal_regs", "portal_logins", "bookings", "win_rate", "csat", "days_to_close", "certified_people"}
	if diff := cmp.Diff(want, sc.Metrics()); diff != "" {
		t.Errorf("Metrics (-want +got):\n%s", diff)
	}
}
