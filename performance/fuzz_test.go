package performance_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/performance"
)

// reparse checks that an accepted definition re-encodes and re-parses to
// an equal value (an empty list encodes as nothing and comes back nil),
// and returns the copy.
func reparse[T any](t *testing.T, v T, parse func([]byte) (T, error)) T {
	t.Helper()
	return roundtrip.Copy(t, v, parse)
}

// FuzzParseMetric parses a fuzzed metric row: it never panics, and what it
// accepts re-encodes and re-parses to an equal value.
func FuzzParseMetric(f *testing.F) {
	for _, m := range sampleMetrics() {
		b, _ := json.Marshal(m)
		f.Add(b)
	}
	f.Add([]byte(`{"key":"x","name":"X","unit":"count","indicator":"leading","aggregation":"percentile","percentile":"0.01","places":3}`))
	f.Add([]byte(`{"key":"x","percentile":90,"Key":"y","places":-1e99}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := performance.ParseMetric(data)
		if err != nil {
			return
		}
		roundtrip.Same(t, m, reparse(t, m, performance.ParseMetric), func(m performance.MetricDef) (any, error) {
			cat, err := performance.CompileMetrics([]performance.MetricDef{m})
			if err != nil {
				return nil, err
			}
			return []any{cat.Definitions(), cat.Warnings()}, nil
		})
	})
}

// FuzzParseCatalog parses a fuzzed catalog, compiles it and aggregates an
// observation of each metric: nothing may panic, and an accepted catalog
// re-encodes and re-parses to an equal value.
func FuzzParseCatalog(f *testing.F) {
	b, _ := json.Marshal(performance.CatalogDef{Metrics: sampleMetrics()})
	f.Add(b)
	f.Add([]byte(`{"metrics":[{"key":"x","name":"X","unit":"count","indicator":"leading","aggregation":"percentile","percentile":"0.01"}]}`))
	f.Add([]byte(`{"metrics":[{"key":"r","name":"R","unit":"ratio","indicator":"lagging","aggregation":"ratio","numerator":"r","denominator":"r","places":-3}]}`))
	f.Add([]byte(`{"metrics":[{"key":"m","name":"M","unit":"money","currency":"JPY","indicator":"lagging","aggregation":"average","percentile":"1e999"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := performance.ParseCatalog(data)
		if err != nil {
			return
		}
		roundtrip.Same(t, def, reparse(t, def, performance.ParseCatalog), func(def performance.CatalogDef) (any, error) {
			cat, err := performance.CompileMetrics(def.Metrics)
			if err != nil {
				return nil, err
			}
			return []any{cat.Definitions(), cat.Warnings()}, nil
		})
		cat, err := performance.CompileMetrics(def.Metrics)
		if err != nil {
			return
		}
		agg, err := cat.NewAggregator([]partnerops.Period{quarter(2027, 1)})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range cat.Keys() {
			agg.Add(performance.Observation{Partner: "p", Metric: k, At: quarter(2027, 1).Start, Value: d("1.5"), Key: "k"})
			agg.Add(performance.Observation{Partner: "p", Metric: k, At: quarter(2027, 1).Start, Value: d("-123456789012345678901234.5"), Key: "k"})
		}
		if _, err := agg.Values("p", 0); err != nil {
			t.Fatal(err)
		}
		reparse(t, performance.CatalogDef{Metrics: cat.Definitions()}, performance.ParseCatalog)
	})
}

// FuzzParseTemplate parses a fuzzed template, compiles it against the
// sample catalog and scores fuzzed values in both views: nothing may
// panic, an accepted template re-encodes and re-parses to an equal value,
// and every score stays within [0, 100].
func FuzzParseTemplate(f *testing.F) {
	b, _ := json.Marshal(sampleTemplate())
	f.Add(b, "12.5", "-3")
	f.Add([]byte(`{"key":"t","name":"T","categories":[{"key":"c","name":"C","weight":"0.0001","metrics":[{"metric":"csat","weight":"10000","normalization":{"method":"banded","bands":[{"threshold":"1e30","score":"100"}]}}]}],"missing":{"mode":"fixed","score":"99.999999"}}`), "1e30", "0")
	f.Add([]byte(`{"key":"t","name":"T","categories":[{"key":"c","name":"C","weight":"1","metrics":[{"metric":"days_to_close","weight":"1","normalization":{"target":"-5","zero":"-4.99999999"}}]}]}`), "-5.000000001", "99999999999999999999999999")
	cat := mustCatalog()
	f.Fuzz(func(t *testing.T, data []byte, v1, v2 string) {
		tmpl, err := performance.ParseTemplate(data)
		if err != nil {
			return
		}
		back := reparse(t, tmpl, performance.ParseTemplate)
		// The stored copy compiles (or fails) alike and scores the same.
		roundtrip.Same(t, tmpl, back, func(tmpl performance.Template) (any, error) {
			sc, err := performance.CompileScorecard(cat, tmpl, program)
			if err != nil {
				return nil, err
			}
			vals := map[string]partnerops.Decimal{}
			for _, k := range sc.Metrics() {
				vals[k] = partnerops.MustDecimal("42.5")
			}
			return sc.Score(performance.ScoreInput{Partner: "p", Tier: "gold", Values: vals}, performance.ViewInternal)
		})
		sc, err := performance.CompileScorecard(cat, tmpl, program)
		if err != nil {
			return
		}
		vals := map[string]partnerops.Decimal{}
		for i, k := range sc.Metrics() {
			s := v1
			if i%2 == 1 {
				s = v2
			}
			if x, err := partnerops.ParseDecimal(s); err == nil {
				vals[k] = x
			}
		}
		for _, view := range []performance.View{performance.ViewInternal, performance.ViewExternal} {
			for _, tier := range []partnerops.Tier{"", "gold"} {
				r, err := sc.Score(performance.ScoreInput{Partner: "p", Tier: tier, Values: vals}, view)
				if err != nil {
					t.Fatal(err)
				}
				if r.Total < 0 || r.Total > 100_00 {
					t.Fatalf("total %s out of range", r.Total)
				}
				for _, m := range r.Metrics {
					if m.Score < 0 || m.Score > 100_00 {
						t.Fatalf("metric %s score %s out of range", m.Metric, m.Score)
					}
				}
				checkContributions(t, r)
				_ = r.Markdown()
			}
		}
	})
}

// FuzzParseTierPolicy parses a fuzzed policy and runs a review with it.
func FuzzParseTierPolicy(f *testing.F) {
	b, _ := json.Marshal(samplePolicy())
	f.Add(b, int64(7000), true)
	f.Add([]byte(`{"tiers":[{"tier":"silver","min_total":"100"},{"tier":"gold","min_total":"100","metrics":[{"metric":"x","max":"-1"}]},{"tier":"platinum","min_total":"100","requirements":["a"]}],"grace_periods":100,"allow_skip":true}`), int64(-5), false)
	f.Fuzz(func(t *testing.T, data []byte, total int64, certified bool) {
		p, err := performance.ParseTierPolicy(data)
		if err != nil {
			return
		}
		review := performance.ReviewPeriod{Total: performance.Points(total), Scored: true,
			Requirements: map[string]bool{"certified": certified, "a": certified},
			Metrics:      map[string]partnerops.Decimal{"x": partnerops.DecimalFromInt(total)}}
		// The stored copy reviews every tier the same way.
		roundtrip.Same(t, p, reparse(t, p, performance.ParseTierPolicy), func(p performance.TierPolicy) (any, error) {
			q, err := performance.NewRequalifier(ladder, p)
			if err != nil {
				return nil, err
			}
			var out []performance.Recommendation
			for _, tier := range ladder.Tiers() {
				r, err := q.Recommend(performance.RequalInput{Partner: "p", Current: tier, History: []performance.ReviewPeriod{review, review}})
				if err != nil {
					return nil, err
				}
				out = append(out, r)
			}
			return out, nil
		})
		q, err := performance.NewRequalifier(ladder, p)
		if err != nil {
			return
		}
		for _, tier := range ladder.Tiers() {
			r, err := q.Recommend(performance.RequalInput{Partner: "p", Current: tier, History: []performance.ReviewPeriod{review, review}})
			if err != nil {
				t.Fatal(err)
			}
			if !ladder.Contains(r.To) || len(r.Reasons) == 0 {
				t.Fatalf("bad recommendation %+v", r)
			}
		}
	})
}

// FuzzParseQBRRules parses fuzzed QBR rules: it never panics, and what it
// accepts re-encodes and re-parses to an equal value and is valid.
func FuzzParseQBRRules(f *testing.F) {
	f.Add([]byte(`{"growth":"10","notable_change":"12.5%","max_highlights":4}`))
	f.Add([]byte(`{"growth":0.1}`))
	f.Add([]byte(`{"growth":"-99.999999999999999999","max_highlights":100}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := performance.ParseQBRRules(data)
		if err != nil {
			return
		}
		back := reparse(t, r, performance.ParseQBRRules)
		roundtrip.Same(t, r, back, func(r performance.QBRRules) (any, error) { return r.Warnings(), r.Validate() })
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted rules are invalid: %v", err)
		}
		_ = r.Warnings()
	})
}

// FuzzObservations aggregates fuzzed observations into two shards and
// checks that merging them equals aggregating them together.
func FuzzObservations(f *testing.F) {
	f.Add("bookings", int64(150), int32(-2), int64(3600), "k", "regs", int64(1), int32(0), int64(-1))
	f.Add("p50", int64(9223372036854775807), int32(-18), int64(0), "", "nps", int64(-9223372036854775808), int32(5), int64(1<<40))
	f.Fuzz(func(t *testing.T, m1 string, c1 int64, e1 int32, s1 int64, key string, m2 string, c2 int64, e2 int32, s2 int64) {
		cat := aggCatalog(t)
		mk := func(m string, c int64, e int32, s int64) performance.Observation {
			return performance.Observation{Partner: "p", Metric: m, Key: key,
				At: q1.Start.Add(time.Duration(s) * time.Second), Value: partnerops.NewDecimal(c, e%30)}
		}
		o1, o2 := mk(m1, c1, e1, s1), mk(m2, c2, e2, s2)
		whole, _ := cat.NewAggregator(twoQtr)
		whole.AddAll([]performance.Observation{o1, o2, o1})
		a, _ := cat.NewAggregator(twoQtr)
		b, _ := cat.NewAggregator(twoQtr)
		a.Add(o1)
		b.Add(o2)
		b.Add(o1)
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		w, m := snapshot(whole), snapshot(a)
		for k, v := range w {
			if m[k] != v {
				t.Fatalf("%s: whole %s, merged %s", k, v, m[k])
			}
		}
	})
}
