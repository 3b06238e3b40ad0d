package performance

import (
	"math/big"
	"slices"
	"strconv"
	"testing"

	"github.com/partnerops/partnerops/internal/fence"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// refDivRound is the slow, obvious reference for divRound: exact rational
// arithmetic, then rounding of the scaled quotient.
func refDivRound(a, b decimal.Decimal, places int32, mode partnerops.RoundingMode) decimal.Decimal {
	q := new(big.Rat).Quo(a.Rat(), b.Rat())
	q.Mul(q, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	num, den := q.Num(), q.Denom()
	tr, rem := new(big.Int).QuoRem(num, den, new(big.Int)) // truncated toward zero
	if rem.Sign() != 0 {
		neg := num.Sign() < 0
		twice := new(big.Int).Abs(rem)
		twice.Lsh(twice, 1)
		c := twice.Cmp(den)
		away := false
		switch mode {
		case partnerops.RoundHalfUp:
			away = c >= 0
		case partnerops.RoundHalfEven:
			away = c > 0 || (c == 0 && tr.Bit(0) == 1)
		case partnerops.RoundUp:
			away = true
		case partnerops.RoundCeiling:
			away = !neg
		case partnerops.RoundFloor:
			away = neg
		}
		if away {
			if neg {
				tr.Sub(tr, big.NewInt(1))
			} else {
				tr.Add(tr, big.NewInt(1))
			}
		}
	}
	return decimal.NewFromBigInt(tr, -places)
}

func TestDivRoundMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := decimal.New(rapid.Int64Range(-1e12, 1e12).Draw(t, "a"), -int32(rapid.IntRange(0, 6).Draw(t, "ae")))
		bv := rapid.Int64Range(-1e6, 1e6).Filter(func(v int64) bool { return v != 0 }).Draw(t, "b")
		b := decimal.New(bv, -int32(rapid.IntRange(0, 4).Draw(t, "be")))
		places := int32(rapid.IntRange(0, 6).Draw(t, "places"))
		mode := partnerops.RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		got, want := divRound(a, b, places, mode), refDivRound(a, b, places, mode)
		if !got.Equal(want) {
			t.Fatalf("divRound(%s, %s, %d, %s) = %s, want %s", a, b, places, mode, got, want)
		}
	})
}

// TestAddScaledOverflow: an int64 sum that overflows moves to the exact
// decimal and stays exact.
func TestAddScaledOverflow(t *testing.T) {
	var c cell
	v := int64(999_999_999_999_999_999) // 18 digits
	want := decimal.Zero
	for i := 0; i < 12; i++ {
		c.addScaled(v, 2)
		c.addScaled(-1, 2)
		want = want.Add(decimal.New(v, -2)).Sub(decimal.New(1, -2))
	}
	if got := c.sumValue(2); !got.Equal(want) {
		t.Errorf("sum = %s, want %s", got, want)
	}
	var n cell
	for i := 0; i < 12; i++ {
		n.addScaled(-v, 0)
	}
	if got, want := n.sumValue(0), decimal.New(-v, 0).Mul(decimal.NewFromInt(12)); !got.Equal(want) {
		t.Errorf("negative sum = %s, want %s", got, want)
	}
}

// TestMetricIndex checks the catalog's slot table against its map,
// including keys that share a slot (they fall back to the map) and keys
// that land in a slot of another key (they must not match it).
func TestMetricIndex(t *testing.T) {
	// Find two keys that share a slot, and a third that lands in the slot
	// of a single key without being it.
	keys := []string{}
	bySlot := map[int]string{}
	var a, b string
	for i := 0; a == "" && i < 100000; i++ {
		k := "k" + strconv.Itoa(i)
		if prev, ok := bySlot[metricSlot(k)]; ok {
			a, b = prev, k
		}
		bySlot[metricSlot(k)] = k
	}
	if a == "" {
		t.Fatal("no colliding keys found")
	}
	keys = append(keys, a, b, "deal_regs", "bookings")
	var defs []MetricDef
	for _, k := range keys {
		defs = append(defs, MetricDef{Key: k, Name: k, Unit: UnitCount, Indicator: Leading, Aggregation: AggCount})
	}
	c, err := CompileMetrics(defs)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if got, ok := c.metricIndex(k); !ok || got != i {
			t.Errorf("metricIndex(%q) = %d, %v; want %d", k, got, ok, i)
		}
	}
	// An unknown key, whatever slot it lands in, is not found.
	for i := 0; i < 2000; i++ {
		k := "unknown_" + strconv.Itoa(i)
		if _, ok := c.metricIndex(k); ok {
			t.Fatalf("metricIndex(%q) found a metric", k)
		}
	}
	if _, ok := c.metricIndex(""); ok {
		t.Error(`metricIndex("") found a metric`)
	}
}

// ratRound rounds the exact rational q to places digits with mode, by the
// reference division.
func ratRound(q *big.Rat, places int32, mode partnerops.RoundingMode) decimal.Decimal {
	return refDivRound(decimal.NewFromBigInt(q.Num(), 0), decimal.NewFromBigInt(q.Denom(), 0), places, mode)
}

func genDec(t *rapid.T, label string, lo, hi int64, maxScale int) decimal.Decimal {
	return decimal.New(rapid.Int64Range(lo, hi).Draw(t, label), -int32(rapid.IntRange(0, maxScale).Draw(t, label+"_scale")))
}

// Every function that rounds is checked against an exact big.Rat
// reference: it rounds once, from the exact value.
func TestRoundingMatchesReference(t *testing.T) {
	hundred := big.NewRat(100, 1)
	t.Run("PointsFromDecimal", rapid.MakeCheck(func(t *rapid.T) {
		v := genDec(t, "v", -1e15, 1e15, 8)
		got, err := PointsFromDecimal(fence.Wrap(v))
		if err != nil {
			t.Fatal(err)
		}
		if want := ratRound(v.Rat(), 2, partnerops.RoundHalfUp); !got.dec().Equal(want) {
			t.Fatalf("PointsFromDecimal(%s) = %s, want %s", v, got, want)
		}
	}))
	t.Run("attainment", rapid.MakeCheck(func(t *rapid.T) {
		a, p := genDec(t, "actual", 0, 1e12, 4), genDec(t, "plan", 1, 1e12, 4)
		dir := rapid.SampledFrom([]Direction{HigherIsBetter, LowerIsBetter}).Draw(t, "dir")
		got, ok := attainment(a, p, dir)
		num, den := a.Rat(), p.Rat()
		if dir == LowerIsBetter {
			num, den = den, num
		}
		if den.Sign() == 0 {
			if ok {
				t.Fatal("attainment over zero")
			}
			return
		}
		want := ratRound(new(big.Rat).Mul(new(big.Rat).Quo(num, den), hundred), 2, partnerops.RoundHalfEven)
		if !ok || !got.Equal(want) {
			t.Fatalf("attainment(%s, %s, %s) = %s, want %s", a, p, dir, got, want)
		}
	}))
	t.Run("enablementProgress", rapid.MakeCheck(func(t *rapid.T) {
		items := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) EnablementItem {
			return EnablementItem{Completed: rapid.Int64Range(0, MaxEnablementCount).Draw(t, "done"), Required: rapid.Int64Range(0, MaxEnablementCount).Draw(t, "req")}
		}), 0, 20).Draw(t, "items")
		done, req := new(big.Int), new(big.Int)
		for _, it := range items {
			done.Add(done, big.NewInt(min(it.Completed, it.Required)))
			req.Add(req, big.NewInt(it.Required))
		}
		got := fence.Pct(enablementProgress(items))
		want := decimal.New(0, -2)
		if req.Sign() > 0 {
			want = ratRound(new(big.Rat).Mul(new(big.Rat).SetFrac(done, req), hundred), 2, partnerops.RoundHalfEven)
		}
		if !got.Equal(want) {
			t.Fatalf("enablementProgress = %s, want %s", got, want)
		}
	}))
	t.Run("Slope, MovingAverage and ChangePercent", rapid.MakeCheck(func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		series := make([]Point, n)
		var xs []int64
		var ys []*big.Rat
		for i := range series {
			if rapid.IntRange(0, 3).Draw(t, "absent") > 0 {
				v := genDec(t, "v", -1e12, 1e12, 6)
				series[i] = Point{Value: fence.Wrap(v), Present: true}
				xs, ys = append(xs, int64(i)), append(ys, v.Rat())
			}
		}
		// Slope: (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), exact, rounded once.
		got, ok := Slope(series)
		if len(xs) < 2 {
			if ok {
				t.Fatal("slope of fewer than two points")
			}
		} else {
			sx, sxx, sy, sxy := new(big.Rat), new(big.Rat), new(big.Rat), new(big.Rat)
			for i, x := range xs {
				bx := big.NewRat(x, 1)
				sx.Add(sx, bx)
				sxx.Add(sxx, new(big.Rat).Mul(bx, bx))
				sy.Add(sy, ys[i])
				sxy.Add(sxy, new(big.Rat).Mul(bx, ys[i]))
			}
			bn := big.NewRat(int64(len(xs)), 1)
			num := new(big.Rat).Sub(new(big.Rat).Mul(bn, sxy), new(big.Rat).Mul(sx, sy))
			den := new(big.Rat).Sub(new(big.Rat).Mul(bn, sxx), new(big.Rat).Mul(sx, sx))
			want := ratRound(new(big.Rat).Quo(num, den), TrendPlaces, partnerops.RoundHalfEven)
			if !ok || !fence.Dec(got).Equal(want) {
				t.Fatalf("Slope = %s, want %s", got, want)
			}
		}
		// Moving average over window w.
		w := rapid.IntRange(1, 5).Draw(t, "window")
		ma := MovingAverage(series, w)
		for i := range series {
			sum, k := new(big.Rat), int64(0)
			for j := max(0, i-w+1); j <= i; j++ {
				if series[j].Present {
					sum.Add(sum, fence.Dec(series[j].Value).Rat())
					k++
				}
			}
			if (k > 0) != ma[i].Present {
				t.Fatalf("moving average %d presence", i)
			}
			if k > 0 {
				if want := ratRound(new(big.Rat).Quo(sum, big.NewRat(k, 1)), TrendPlaces, partnerops.RoundHalfEven); !fence.Dec(ma[i].Value).Equal(want) {
					t.Fatalf("moving average %d = %s, want %s", i, ma[i].Value, want)
				}
			}
		}
		// Change percent of the last two present values.
		tr, _ := Analyze(series, HigherIsBetter, 1)
		if len(ys) >= 2 {
			last, prev := ys[len(ys)-1], ys[len(ys)-2]
			if prev.Sign() == 0 {
				if tr.HasChangePercent {
					t.Fatal("change percent from zero")
				}
				return
			}
			q := new(big.Rat).Quo(new(big.Rat).Sub(last, prev), new(big.Rat).Abs(prev))
			want := ratRound(q.Mul(q, hundred), TrendPlaces, partnerops.RoundHalfEven)
			if !tr.HasChangePercent || !fence.Pct(tr.ChangePercent).Equal(want) {
				t.Fatalf("change percent = %s, want %s", tr.ChangePercent, want)
			}
		}
	}))
	t.Run("growthTarget", rapid.MakeCheck(func(t *rapid.T) {
		lower := rapid.Bool().Draw(t, "lower")
		places := int32(rapid.IntRange(0, 4).Draw(t, "places"))
		m := &metric{def: MetricDef{Key: "m", Unit: UnitCount}, places: places, direction: HigherIsBetter}
		if lower {
			m.direction = LowerIsBetter
		}
		latest := genDec(t, "latest", 0, 1e9, 4)
		slope := genDec(t, "slope", -1e7, 1e7, 4)
		g := genDec(t, "growth", -5000, 5000, 2)
		tr := Trend{Latest: fence.Wrap(latest), HasLatest: true, Slope: fence.Wrap(slope), HasSlope: true}
		got, ok := growthTarget(m, "M", tr, fence.Percent(g))
		if !ok {
			t.Fatal("no target")
		}
		proj := new(big.Rat).Add(latest.Rat(), slope.Rat())
		factor := new(big.Rat).Add(big.NewRat(1, 1), new(big.Rat).Quo(g.Rat(), hundred))
		var want decimal.Decimal
		if lower {
			if proj.Cmp(latest.Rat()) > 0 {
				proj = latest.Rat()
			}
			want = ratRound(proj.Mul(proj, new(big.Rat).Sub(big.NewRat(2, 1), factor)), places, partnerops.RoundFloor)
			if want.Sign() < 0 {
				want = decimal.Zero
			}
		} else {
			if proj.Cmp(latest.Rat()) < 0 {
				proj = latest.Rat()
			}
			want = ratRound(proj.Mul(proj, factor), places, partnerops.RoundCeiling)
		}
		if !fence.Dec(got.Value).Equal(want) {
			t.Fatalf("growthTarget(latest %s, slope %s, growth %s%%) = %s, want %s", latest, slope, g, got.Value, want)
		}
	}))
}

// TestGiveBySelectionMatchesSort: the hot path's selection and the sorted
// path for wide templates hand out the same hundredths.
func TestGiveBySelectionMatchesSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 64).Draw(t, "n")
		micro := make([]int64, n)
		for i := range micro {
			micro[i] = rapid.Int64Range(0, 3*microPerCent).Draw(t, "micro")
		}
		left := Points(rapid.IntRange(1, 2*n+1).Draw(t, "left"))
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		a, b := make([]MetricScore, n), make([]MetricScore, n)
		giveBySelection(a, micro, slices.Clone(order), left)
		giveBySort(b, micro, slices.Clone(order), left)
		for i := range a {
			if a[i].Contribution != b[i].Contribution {
				t.Fatalf("metric %d: selection %s, sort %s", i, a[i].Contribution, b[i].Contribution)
			}
		}
	})
}
