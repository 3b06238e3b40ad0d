package performance_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
	"pgregory.net/rapid"
)

// TestExternalShowsNothingInternal: partner-facing means nothing
// internal. Over random scorecards whose metrics are marked internal at
// random, every external output of one partner (the external scorecard
// as text, Markdown, JSON, SVG and HTML, its metrics' trend charts, its
// peer position, and the QBR built from its external results as
// Markdown, JSON, HTML and trend charts) carries no internal metric's
// key, name, description (the internal note) or target (its threshold),
// no category made only of internal metrics, and no other partner's
// identity or value. Internal metrics and other partners get
// distinctive words and numbers, so any leak is found by a plain search.
func TestExternalShowsNothingInternal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nm := rapid.IntRange(1, 8).Draw(t, "metrics")
		internal := make([]bool, nm)
		shared := 0
		for i := range internal {
			internal[i] = rapid.Bool().Draw(t, "internal")
			if !internal[i] {
				shared++
			}
		}
		if shared == 0 {
			internal[rapid.IntRange(0, nm-1).Draw(t, "shared")] = false
		}
		key := func(i int) string {
			if internal[i] {
				return "secret_" + string(rune('a'+i))
			}
			return "open_" + string(rune('a'+i))
		}
		var defs []performance.MetricDef
		for i := range nm {
			def := performance.MetricDef{Key: key(i), Name: "Open metric " + strconv.Itoa(i), Unit: performance.UnitCount,
				Indicator: performance.Leading, Aggregation: performance.AggSum, Visibility: performance.VisibilityShared}
			if internal[i] {
				def.Name, def.Description, def.Visibility = "Hidden metric "+strconv.Itoa(i), "ZQXNOTE internal only", performance.VisibilityInternal
			}
			defs = append(defs, def)
		}
		cat, err := performance.CompileMetrics(defs)
		if err != nil {
			t.Fatal(err)
		}
		// Metrics fall into up to three categories; a category of internal
		// metrics only is named so that a leak of it shows.
		ncat := rapid.IntRange(1, min(3, nm)).Draw(t, "categories")
		cats := make([]performance.CategoryDef, ncat)
		for i := range nm {
			c := i % ncat
			target := partnerops.DecimalFromInt(int64(50 + i))
			if internal[i] {
				target = partnerops.DecimalFromInt(int64(531800800 + i)) // a threshold nobody outside may see
			}
			cats[c].Metrics = append(cats[c].Metrics, performance.ScoredMetric{Metric: key(i), Weight: w(strconv.Itoa(1 + i%3)),
				Key: rapid.Bool().Draw(t, "key"), Normalization: performance.Normalization{Target: &target}})
		}
		var vaults []string
		for c := range cats {
			cats[c].Key, cats[c].Name, cats[c].Weight = "cat_"+strconv.Itoa(c), "Category "+strconv.Itoa(c), w("25")
			onlyInternal := true
			for _, m := range cats[c].Metrics {
				onlyInternal = onlyInternal && strings.HasPrefix(m.Metric, "secret_")
			}
			if onlyInternal {
				cats[c].Name = "Vault category " + strconv.Itoa(c)
				vaults = append(vaults, cats[c].Name)
			}
		}
		sc, err := performance.CompileScorecard(cat, performance.Template{Key: "t", Name: "T", Categories: cats}, program)
		if err != nil {
			t.Fatal(err)
		}
		// Partner p-own and up to three rivals over up to four quarters;
		// rivals' values are distinctive numbers.
		nq := rapid.IntRange(1, 4).Draw(t, "quarters")
		nr := rapid.IntRange(0, 3).Draw(t, "rivals")
		var own []performance.Result
		var peers []performance.Peer
		for qi := range nq {
			for p := 0; p <= nr; p++ {
				id := partnerops.PartnerID("p-own")
				if p > 0 {
					id = partnerops.PartnerID("p-rival-" + strconv.Itoa(p))
				}
				vals := map[string]partnerops.Decimal{}
				for i := range nm {
					if rapid.IntRange(0, 5).Draw(t, "missing") == 0 {
						continue
					}
					v := int64(rapid.IntRange(0, 200).Draw(t, "value"))
					if p > 0 {
						v = 777123400 + int64(p*10+i)
					}
					vals[key(i)] = partnerops.DecimalFromInt(v)
				}
				r, err := sc.Score(performance.ScoreInput{Partner: id, Tier: "silver", Period: quarter(2027, 1).Shift(qi), Values: vals}, performance.ViewExternal)
				if err != nil {
					t.Fatal(err)
				}
				if p == 0 {
					own = append(own, r)
				}
				if qi == nq-1 {
					peers = append(peers, performance.Peer{Partner: id, Group: "silver", Value: r.Total.Decimal()})
					if p > 0 {
						// A rival's total is its own value: make it distinctive too.
						peers[len(peers)-1].Value = partnerops.DecimalFromInt(int64(777123490 + p))
					}
				}
			}
		}
		ranks, err := performance.Benchmark(peers, performance.HigherIsBetter)
		if err != nil {
			t.Fatal(err)
		}
		q, err := sc.QBR(performance.QBRInput{Partner: partnerops.Partner{ID: "p-own", Name: "Own", Tier: "silver"},
			Quarter: quarter(2027, 1).Shift(nq - 1), Scorecards: own}, performance.QBRRules{})
		if err != nil {
			t.Fatal(err)
		}

		outs := map[string][]byte{}
		last := &own[len(own)-1]
		outs["result String"] = []byte(last.String())
		outs["result Markdown"] = []byte(last.Markdown())
		outs["result JSON"] = mustJSON(t, last)
		outs["result SVG"] = last.SVG()
		outs["result HTML"] = last.HTML()
		outs["QBR Markdown"] = []byte(q.Markdown())
		outs["QBR JSON"] = mustJSON(t, &q)
		outs["QBR HTML"] = q.HTML()
		outs["peer SVG"] = ranks[0].SVG()
		outs["peer JSON"] = mustJSON(t, ranks[0])
		for i := range nm {
			outs["trend SVG "+key(i)] = performance.TrendSVG(own, key(i))
			outs["QBR trend SVG "+key(i)] = q.TrendSVG(key(i))
		}
		forbidden := []string{"secret_", "Hidden metric", "ZQXNOTE", "5318008", "rival", "7771234", "Vault"}
		forbidden = append(forbidden, vaults...)
		for name, out := range outs {
			for _, f := range forbidden {
				if i := strings.Index(string(out), f); i >= 0 {
					t.Fatalf("%s shows %q: ...%s...", name, f, excerpt(out, i))
				}
			}
		}
	})
}

func mustJSON(t *rapid.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func excerpt(b []byte, i int) string {
	return fmt.Sprintf("%q", b[max(i-60, 0):min(i+60, len(b))])
}
