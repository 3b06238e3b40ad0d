package performance

import (
	"math/big"
	"strconv"
	"testing"

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
