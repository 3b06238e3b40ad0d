package performance_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
	"pgregory.net/rapid"
)

// aggCatalog covers every aggregation.
func aggCatalog(t testing.TB) *performance.Catalog {
	t.Helper()
	places3 := int32(3)
	c, err := performance.CompileMetrics([]performance.MetricDef{
		{Key: "bookings", Name: "Bookings", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggSum},
		{Key: "regs", Name: "Registrations", Unit: performance.UnitCount, Indicator: performance.Leading, Aggregation: performance.AggCount},
		{Key: "customers", Name: "Customers", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggDistinct},
		{Key: "deal_size", Name: "Average deal", Unit: performance.UnitMoney, Currency: partnerops.USD, Indicator: performance.Lagging, Aggregation: performance.AggAverage},
		{Key: "won", Name: "Won", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggCount},
		{Key: "closed", Name: "Closed", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggCount},
		{Key: "win_rate", Name: "Win rate", Unit: performance.UnitPercent, Indicator: performance.Lagging, Aggregation: performance.AggRatio, Numerator: "won", Denominator: "closed"},
		{Key: "win_ratio", Name: "Win ratio", Unit: performance.UnitRatio, Indicator: performance.Lagging, Aggregation: performance.AggRatio, Numerator: "won", Denominator: "closed"},
		{Key: "nps", Name: "NPS", Unit: performance.UnitCount, Indicator: performance.Lagging, Aggregation: performance.AggLatest, Places: &places3},
		{Key: "p50", Name: "Median days", Unit: performance.UnitDuration, Indicator: performance.Lagging, Aggregation: performance.AggPercentile, Percentile: pct("50"), Direction: performance.LowerIsBetter},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	q1     = quarter(2027, 1)
	q2     = quarter(2027, 2)
	inQ1   = q1.Start.Add(time.Hour)
	inQ1b  = q1.Start.Add(48 * time.Hour)
	inQ2   = q2.Start.Add(time.Hour)
	twoQtr = []partnerops.Period{q1, q2}
)

func obs(p partnerops.PartnerID, m string, at time.Time, v string) performance.Observation {
	return performance.Observation{Partner: p, Metric: m, At: at, Value: d(v)}
}

func TestAggregations(t *testing.T) {
	keyed := func(p partnerops.PartnerID, key string, at time.Time) performance.Observation {
		return performance.Observation{Partner: p, Metric: "customers", At: at, Key: key}
	}
	tests := []struct {
		name   string
		obs    []performance.Observation
		metric string
		period int
		want   string // "" for no value
	}{
		// 1200.50 + 99.99 + 0.01 = 1300.50, exact.
		{"sum of money", []performance.Observation{obs("p", "bookings", inQ1, "1200.50"), obs("p", "bookings", inQ1b, "99.99"), obs("p", "bookings", inQ1, "0.01")}, "bookings", 0, "1300.50"},
		// A value finer than cents is still summed exactly: 1.005 + 2 = 3.005.
		{"sum keeps extra digits", []performance.Observation{obs("p", "bookings", inQ1, "1.005"), obs("p", "bookings", inQ1, "2")}, "bookings", 0, "3.005"},
		{"sum in the other quarter only", []performance.Observation{obs("p", "bookings", inQ2, "5")}, "bookings", 0, ""},
		{"count ignores values", []performance.Observation{obs("p", "regs", inQ1, "7"), obs("p", "regs", inQ1b, "0")}, "regs", 0, "2"},
		{"count without observations is 0", []performance.Observation{obs("p", "bookings", inQ1, "1")}, "regs", 0, "0"},
		{"distinct keys", []performance.Observation{keyed("p", "acme", inQ1), keyed("p", "acme", inQ1b), keyed("p", "globex", inQ1)}, "customers", 0, "2"},
		// (100 + 200 + 200.01) / 3 = 166.67 (166.6699..., half-even to cents).
		{"average rounds half-even", []performance.Observation{obs("p", "deal_size", inQ1, "100"), obs("p", "deal_size", inQ1, "200"), obs("p", "deal_size", inQ1, "200.01")}, "deal_size", 0, "166.67"},
		// (0.01 + 0.02) / 2 = 0.015 → 0.02 half-even (2 is even).
		{"average half-even tie", []performance.Observation{obs("p", "deal_size", inQ1, "0.01"), obs("p", "deal_size", inQ1, "0.02")}, "deal_size", 0, "0.02"},
		// (0.01 + 0.04) / 2 = 0.025 → 0.02 half-even.
		{"average half-even tie down", []performance.Observation{obs("p", "deal_size", inQ1, "0.01"), obs("p", "deal_size", inQ1, "0.04")}, "deal_size", 0, "0.02"},
		// won 2 of closed 3: 66.67% and 0.6667.
		{"ratio percent", []performance.Observation{obs("p", "won", inQ1, "1"), obs("p", "won", inQ1, "1"), obs("p", "closed", inQ1, "1"), obs("p", "closed", inQ1, "1"), obs("p", "closed", inQ1, "1")}, "win_rate", 0, "66.67"},
		{"ratio fraction", []performance.Observation{obs("p", "won", inQ1, "1"), obs("p", "won", inQ1, "1"), obs("p", "closed", inQ1, "1"), obs("p", "closed", inQ1, "1"), obs("p", "closed", inQ1, "1")}, "win_ratio", 0, "0.6667"},
		{"ratio with zero denominator is missing", []performance.Observation{obs("p", "won", inQ1, "1")}, "win_rate", 0, ""},
		{"latest by time", []performance.Observation{obs("p", "nps", inQ1b, "40"), obs("p", "nps", inQ1, "55")}, "nps", 0, "40"},
		{"latest tie keeps the larger", []performance.Observation{obs("p", "nps", inQ1, "40"), obs("p", "nps", inQ1, "55"), obs("p", "nps", inQ1, "12")}, "nps", 0, "55"},
		{"latest finer than places", []performance.Observation{obs("p", "nps", inQ1, "40"), obs("p", "nps", inQ1b, "41.0005")}, "nps", 0, "41.0005"},
		// Values 5, 1, 9, 3: sorted 1 3 5 9; rank ceil(0.5 × 4) = 2 → 3.
		{"percentile nearest rank", []performance.Observation{obs("p", "p50", inQ1, "5"), obs("p", "p50", inQ1, "1"), obs("p", "p50", inQ1, "9"), obs("p", "p50", inQ1, "3")}, "p50", 0, "3"},
		// Five values: rank ceil(2.5) = 3 → 5; a value finer than places joins exactly.
		{"percentile odd count and fine value", []performance.Observation{obs("p", "p50", inQ1, "5"), obs("p", "p50", inQ1, "1"), obs("p", "p50", inQ1, "9"), obs("p", "p50", inQ1, "3.001"), obs("p", "p50", inQ1, "7")}, "p50", 0, "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agg, err := aggCatalog(t).NewAggregator(twoQtr)
			if err != nil {
				t.Fatal(err)
			}
			if s := agg.AddAll(tt.obs); s.Total() != 0 {
				t.Fatalf("AddAll skipped %+v", s)
			}
			got, ok, err := agg.Value("p", tt.metric, tt.period)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if ok {
					t.Errorf("Value = %s, want none", got)
				}
				return
			}
			if !ok || !got.Equal(d(tt.want)) {
				t.Errorf("Value = %s (present %v), want %s", got, ok, tt.want)
			}
		})
	}
}

func TestSumOverflowFallsBackToDecimal(t *testing.T) {
	agg, _ := aggCatalog(t).NewAggregator(twoQtr)
	big := partnerops.NewDecimal(math.MaxInt64/2, -2) // in cents: half of MaxInt64
	for i := 0; i < 5; i++ {
		if err := agg.Add(performance.Observation{Partner: "p", Metric: "bookings", At: inQ1, Value: big}); err != nil {
			t.Fatal(err)
		}
	}
	got, _, _ := agg.Value("p", "bookings", 0)
	if want := big.Mul(partnerops.DecimalFromInt(5)); !got.Equal(want) {
		t.Errorf("sum = %s, want %s", got, want)
	}
	// A huge value (beyond int64 even as a coefficient) also sums exactly.
	huge := d("123456789012345678901234.56")
	agg.Add(performance.Observation{Partner: "p", Metric: "bookings", At: inQ1, Value: huge})
	got2, _, _ := agg.Value("p", "bookings", 0)
	if want := got.Add(huge); !got2.Equal(want) {
		t.Errorf("sum = %s, want %s", got2, want)
	}
}

func TestAddErrors(t *testing.T) {
	agg, _ := aggCatalog(t).NewAggregator(twoQtr)
	tests := []struct {
		name string
		o    performance.Observation
		want error
	}{
		{"unknown metric", obs("p", "nope", inQ1, "1"), performance.ErrUnknownMetric},
		{"ratio is derived", obs("p", "win_rate", inQ1, "1"), performance.ErrDerivedMetric},
		{"before the first period", obs("p", "regs", q1.Start.Add(-time.Nanosecond), "1"), performance.ErrOutOfPeriod},
		{"at the end (half-open)", obs("p", "regs", q2.End, "1"), performance.ErrOutOfPeriod},
		{"far future", obs("p", "regs", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), "1"), performance.ErrOutOfPeriod},
		{"zero time", obs("p", "regs", time.Time{}, "1"), performance.ErrOutOfPeriod},
		{"distinct without key", obs("p", "customers", inQ1, "1"), performance.ErrMissingKey},
		{"empty partner", obs("", "regs", inQ1, "1"), partnerops.ErrInvalid},
		{"currency mismatch", performance.Observation{Partner: "p", Metric: "bookings", At: inQ1, Value: d("1"), Currency: partnerops.EUR}, partnerops.ErrCurrencyMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := agg.Add(tt.o); !errors.Is(err, tt.want) {
				t.Errorf("Add = %v, want %v", err, tt.want)
			}
		})
	}
	if got := agg.Partners(); len(got) != 0 {
		t.Errorf("rejected observations created partners %v", got)
	}
	all := make([]performance.Observation, len(tests))
	for i, tt := range tests {
		all[i] = tt.o
	}
	want := performance.Skipped{UnknownMetric: 1, Derived: 1, OutOfPeriod: 4, MissingKey: 1, MissingPartner: 1, CurrencyMismatch: 1}
	if diff := cmp.Diff(want, agg.AddAll(all)); diff != "" {
		t.Errorf("AddAll skipped (-want +got):\n%s", diff)
	}
}

func TestNewAggregatorErrors(t *testing.T) {
	cat := aggCatalog(t)
	tests := []struct {
		name    string
		periods []partnerops.Period
		paths   []string
	}{
		{"none", nil, []string{"periods"}},
		{"overlapping", []partnerops.Period{q1, {Start: q1.Start.AddDate(0, 1, 0), End: q2.End}}, []string{"periods[1]"}},
		{"out of order", []partnerops.Period{q2, q1}, []string{"periods[1]"}},
		{"invalid", []partnerops.Period{{Start: q1.End, End: q1.Start}}, []string{"periods[0].end"}},
		{"too early", []partnerops.Period{{Start: time.Date(1200, 1, 1, 0, 0, 0, 0, time.UTC), End: q1.End}}, []string{"periods[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cat.NewAggregator(tt.periods)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("NewAggregator = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.paths, paths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

func paths(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Path)
	}
	return out
}

func TestGapsBetweenPeriods(t *testing.T) {
	months := []partnerops.Period{cal.Month(q1.Start), cal.Month(q1.Start.AddDate(0, 2, 0))} // month 1 and 3
	agg, err := aggCatalog(t).NewAggregator(months)
	if err != nil {
		t.Fatal(err)
	}
	s := agg.AddAll([]performance.Observation{
		obs("p", "regs", q1.Start, "1"),
		obs("p", "regs", q1.Start.AddDate(0, 1, 3), "1"), // the gap month
		obs("p", "regs", q1.Start.AddDate(0, 2, 27), "1"),
	})
	if s.OutOfPeriod != 1 {
		t.Errorf("OutOfPeriod = %d, want 1", s.OutOfPeriod)
	}
	series, _ := agg.Series("p", "regs")
	got := []string{series[0].Value.String(), series[1].Value.String()}
	if diff := cmp.Diff([]string{"1", "1"}, got); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
}

func TestValueErrors(t *testing.T) {
	agg, _ := aggCatalog(t).NewAggregator(twoQtr)
	if _, _, err := agg.Value("p", "nope", 0); !errors.Is(err, performance.ErrUnknownMetric) {
		t.Errorf("Value(unknown metric) = %v", err)
	}
	if _, _, err := agg.Value("p", "regs", 2); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Value(period 2) = %v", err)
	}
	if _, err := agg.Values("p", -1); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Values(period -1) = %v", err)
	}
	if _, err := agg.Series("p", "nope"); !errors.Is(err, performance.ErrUnknownMetric) {
		t.Errorf("Series(unknown) = %v", err)
	}
	// An unknown partner simply has no values (counts are 0).
	v, ok, err := agg.Value("ghost", "regs", 0)
	if err != nil || !ok || !v.IsZero() {
		t.Errorf("Value(ghost, regs) = %s, %v, %v; want 0, true, nil", v, ok, err)
	}
}

func TestMergeIncompatible(t *testing.T) {
	cat := aggCatalog(t)
	a, _ := cat.NewAggregator(twoQtr)
	b, _ := cat.NewAggregator([]partnerops.Period{q1})
	c, _ := aggCatalog(t).NewAggregator(twoQtr)
	d2, _ := cat.NewAggregator([]partnerops.Period{q1, quarter(2027, 3)})
	for name, o := range map[string]*performance.Aggregator{"periods": b, "catalog": c, "self": a, "period differs": d2} {
		if err := a.Merge(o); !errors.Is(err, performance.ErrIncompatible) {
			t.Errorf("Merge(%s) = %v, want ErrIncompatible", name, err)
		}
	}
}

// snapshot renders every value of an aggregator for comparison.
func snapshot(agg *performance.Aggregator) map[string]string {
	out := map[string]string{}
	for _, p := range agg.Partners() {
		for i := range agg.Periods() {
			vals, _ := agg.Values(p, i)
			for k, v := range vals {
				out[fmt.Sprintf("%s/%d/%s", p, i, k)] = v.Round(12, partnerops.RoundDown).String()
			}
		}
	}
	return out
}

func genObservation(t *rapid.T) performance.Observation {
	metrics := []string{"bookings", "regs", "customers", "deal_size", "won", "closed", "nps", "p50"}
	m := rapid.SampledFrom(metrics).Draw(t, "metric")
	o := performance.Observation{
		Partner: partnerops.PartnerID(rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "partner")),
		Metric:  m,
		// A handful of instants so that "latest" ties happen.
		At: q1.Start.Add(time.Duration(rapid.IntRange(0, 200).Draw(t, "hours")) * 24 * time.Hour),
	}
	// Mix of small, fine and overflowing values.
	switch rapid.IntRange(0, 3).Draw(t, "kind") {
	case 0:
		o.Value = partnerops.NewDecimal(rapid.Int64Range(-100000, 100000).Draw(t, "cents"), -2)
	case 1:
		o.Value = partnerops.NewDecimal(rapid.Int64Range(-100000, 100000).Draw(t, "milli"), -5)
	case 2:
		o.Value = partnerops.NewDecimal(rapid.Int64Range(math.MaxInt64/4, math.MaxInt64).Draw(t, "huge"), -2)
	default:
		o.Value = partnerops.DecimalFromInt(rapid.Int64Range(0, 3).Draw(t, "small"))
	}
	o.Key = rapid.SampledFrom([]string{"x", "y", "z"}).Draw(t, "key")
	return o
}

// TestMergeProperty: splitting observations into shards in any way,
// aggregating each, and merging the partials in any grouping and order
// gives exactly what aggregating everything at once gives.
func TestMergeProperty(t *testing.T) {
	cat := aggCatalog(t)
	rapid.Check(t, func(t *rapid.T) {
		all := rapid.SliceOfN(rapid.Custom(genObservation), 0, 60).Draw(t, "obs")
		whole, _ := cat.NewAggregator(twoQtr)
		whole.AddAll(all)

		nShards := rapid.IntRange(1, 5).Draw(t, "shards")
		shards := make([]*performance.Aggregator, nShards)
		for i := range shards {
			shards[i], _ = cat.NewAggregator(twoQtr)
		}
		for i, o := range all {
			shards[rapid.IntRange(0, nShards-1).Draw(t, fmt.Sprintf("shard%d", i))].Add(o)
		}
		// Merge in a random tree: repeatedly merge a random pair.
		for len(shards) > 1 {
			i := rapid.IntRange(0, len(shards)-1).Draw(t, "i")
			j := rapid.IntRange(0, len(shards)-2).Draw(t, "j")
			a := shards[i]
			rest := slices.Delete(slices.Clone(shards), i, i+1)
			b := rest[j]
			if err := b.Merge(a); err != nil {
				t.Fatal(err)
			}
			shards = rest
		}
		if diff := cmp.Diff(snapshot(whole), snapshot(shards[0])); diff != "" {
			t.Fatalf("merged partials differ from one aggregation (-whole +merged):\n%s", diff)
		}
	})
}

// TestMergeDoesNotAlias: the merged-from partial stays unchanged and
// independent.
func TestMergeDoesNotAlias(t *testing.T) {
	cat := aggCatalog(t)
	a, _ := cat.NewAggregator(twoQtr)
	b, _ := cat.NewAggregator(twoQtr)
	b.AddAll([]performance.Observation{obs("p", "p50", inQ1, "4"), {Partner: "p", Metric: "customers", At: inQ1, Key: "k"}})
	before := snapshot(b)
	a.Merge(b)
	a.AddAll([]performance.Observation{obs("p", "p50", inQ1, "1"), obs("p", "p50", inQ1, "1"), {Partner: "p", Metric: "customers", At: inQ1, Key: "k2"}})
	if diff := cmp.Diff(before, snapshot(b)); diff != "" {
		t.Errorf("source changed after merge (-before +after):\n%s", diff)
	}
}

func TestAllocsPerObservation(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation count")
	}
	cat := benchCatalog(t)
	obs := benchObservations(200_000, 2_000, benchPeriods)
	agg, _ := cat.NewAggregator(benchPeriods)
	agg.AddAll(obs) // touch every partner and period first
	allocs := testing.AllocsPerRun(3, func() { agg.AddAll(obs) })
	if allocs > 0 {
		t.Errorf("steady-state AddAll allocated %v times for %d observations, want 0", allocs, len(obs))
	}
}

// TestAddAllScatteredMatchesAdd: a large batch in scattered partner order
// takes the partitioned path and must give what adding one by one gives.
func TestAddAllScatteredMatchesAdd(t *testing.T) {
	cat := aggCatalog(t)
	r := rand.New(rand.NewPCG(7, 8))
	metrics := []string{"bookings", "regs", "customers", "deal_size", "won", "closed", "nps", "p50", "win_rate", "nope"}
	all := make([]performance.Observation, 40_000)
	for i := range all {
		o := performance.Observation{
			Partner: partnerops.PartnerID(fmt.Sprintf("p%03d", r.IntN(300))),
			Metric:  metrics[r.IntN(len(metrics))],
			At:      q1.Start.Add(time.Duration(r.IntN(170*24)) * time.Hour),
			Value:   partnerops.NewDecimal(r.Int64N(1_000_000)-1000, -int32(r.IntN(4))),
			Key:     fmt.Sprintf("k%d", r.IntN(50)),
		}
		if i%1000 == 0 {
			o.Value = partnerops.NewDecimal(math.MaxInt64-r.Int64N(100), 0) // overflow path
		}
		all[i] = o
	}
	one, _ := cat.NewAggregator(twoQtr)
	var want performance.Skipped
	for _, o := range all {
		if err := one.Add(o); err != nil {
			switch {
			case errors.Is(err, performance.ErrUnknownMetric):
				want.UnknownMetric++
			case errors.Is(err, performance.ErrDerivedMetric):
				want.Derived++
			case errors.Is(err, performance.ErrOutOfPeriod):
				want.OutOfPeriod++
			default:
				t.Fatal(err)
			}
		}
	}
	batch, _ := cat.NewAggregator(twoQtr)
	got := batch.AddAll(all)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(snapshot(one), snapshot(batch)); diff != "" {
		t.Errorf("partitioned AddAll differs from Add (-add +addall):\n%s", diff)
	}
}

func TestScoreInputs(t *testing.T) {
	agg, _ := aggCatalog(t).NewAggregator(twoQtr)
	agg.AddAll([]performance.Observation{obs("a", "bookings", inQ2, "10"), obs("b", "regs", inQ2, "1")})
	partners := []partnerops.Partner{
		{ID: "b", Tier: "gold", Attributes: map[string]string{"region": "emea"}},
		{ID: "a", Tier: "silver"},
		{ID: "c"},
	}
	ins, err := agg.ScoreInputs(1, partners, "region")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, in := range ins {
		got = append(got, fmt.Sprintf("%s/%s/%s/%d/%s", in.Partner, in.Tier, in.Segment, len(in.Values), in.Period))
	}
	// Counts and distinct counts are 0 without observations; a's bookings
	// add one value.
	want := []string{
		"b/gold/emea/4/" + q2.String(),
		"a/silver//5/" + q2.String(),
		"c///4/" + q2.String(),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
	if _, err := agg.ScoreInputs(5, partners, ""); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("bad period: %v", err)
	}
}
