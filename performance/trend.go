package performance

import (
	"cmp"
	"math/big"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
)

// Point is one period's value of a series; Present is false for a period
// without a value. Every trend function treats a value beyond
// [partnerops.Decimal.Validate]'s range (more than 30 integer or 18
// fraction digits) as absent.
type Point struct {
	Period  partnerops.Period  `json:"period"`
	Value   partnerops.Decimal `json:"value"`
	Present bool               `json:"present"`
}

// ok reports whether p has a usable value.
func (p *Point) ok() bool { return p.Present && inRange(fence.Dec(p.Value)) }

// val returns p's value for computing.
func (p *Point) val() decimal.Decimal { return fence.Dec(p.Value) }

// TrendPlaces is the number of decimals of computed trend statistics
// (moving averages, slopes, percent changes), rounded half-even.
const TrendPlaces = 4

// StreakKind says which way a series has been moving.
type StreakKind string

// Streak kinds.
const (
	StreakNone      StreakKind = ""
	StreakImproving StreakKind = "improving"
	StreakDeclining StreakKind = "declining"
	StreakFlat      StreakKind = "flat"
)

// Trend summarizes a series of period values.
type Trend struct {
	// Latest and Previous are the last two present values.
	Latest      partnerops.Decimal `json:"latest"`
	Previous    partnerops.Decimal `json:"previous"`
	HasLatest   bool               `json:"has_latest"`
	HasPrevious bool               `json:"has_previous"`
	// Change is Latest − Previous (exact); ChangePercent is the change as
	// a percentage of |Previous| (a rate, so a [partnerops.Percent]: 12.5
	// for 12.5%), rounded half-even to [TrendPlaces] digits of percent,
	// and absent (HasChangePercent false) when Previous is zero.
	Change           partnerops.Decimal `json:"change"`
	ChangePercent    partnerops.Percent `json:"change_percent"`
	HasChangePercent bool               `json:"has_change_percent"`
	// MovingAverage holds, for each period, the mean of the present values
	// in the window ending there (absent values are skipped; a window with
	// none gives an absent point), rounded half-even to [TrendPlaces].
	MovingAverage []Point `json:"moving_average"`
	// Slope is the least-squares slope of the present values against their
	// period index (0, 1, 2, ...), per period, rounded half-even to
	// [TrendPlaces]; HasSlope is false with fewer than two present values.
	Slope    partnerops.Decimal `json:"slope"`
	HasSlope bool               `json:"has_slope"`
	// Streak is the run of consecutive period-over-period moves in one
	// direction ending at the latest value (judged by the metric's
	// direction), and StreakLength the number of moves in it.
	Streak       StreakKind `json:"streak"`
	StreakLength int        `json:"streak_length"`
	// Sparkline renders the series (see [Sparkline]).
	Sparkline string `json:"sparkline"`
}

// Analyze computes the trend statistics of series for a metric with the
// given direction, with a moving average over window periods (at least 1).
// Its cost is linear in the series, whatever the window.
func Analyze(series []Point, dir Direction, window int) (Trend, error) {
	if window < 1 {
		return Trend{}, fail(partnerops.ErrInvalid, "moving-average window %d: must be at least 1", window)
	}
	var t Trend
	last, prev := -1, -1
	for i := len(series) - 1; i >= 0 && prev < 0; i-- {
		if series[i].ok() {
			if last < 0 {
				last = i
			} else {
				prev = i
			}
		}
	}
	if last >= 0 {
		t.Latest, t.HasLatest = series[last].Value, true
		if prev >= 0 {
			t.Previous, t.HasPrevious = series[prev].Value, true
			lv, pv := series[last].val(), series[prev].val()
			change := lv.Sub(pv)
			t.Change = fence.Wrap(change)
			if !pv.IsZero() {
				t.ChangePercent = fence.Percent(divRound(change.Shift(2), pv.Abs(), TrendPlaces, partnerops.RoundHalfEven))
				t.HasChangePercent = true
			}
		}
	}
	t.MovingAverage = MovingAverage(series, window)
	t.Slope, t.HasSlope = Slope(series)
	t.Streak, t.StreakLength = Streak(series, dir)
	t.Sparkline = Sparkline(series)
	return t, nil
}

// MovingAverage returns, for each period, the mean of the present values
// among it and the window−1 periods before it, rounded half-even to
// [TrendPlaces]. A window below 1 is treated as 1. The window's exact sum
// slides along the series, so the cost is linear in the series whatever
// the window.
func MovingAverage(series []Point, window int) []Point {
	window = max(window, 1)
	out := make([]Point, len(series))
	sum, n := decimal.Zero, int64(0)
	for i := range series {
		if series[i].ok() {
			sum = sum.Add(series[i].val())
			n++
		}
		if j := i - window; j >= 0 && series[j].ok() {
			sum = sum.Sub(series[j].val())
			n--
		}
		out[i] = Point{Period: series[i].Period}
		if n > 0 {
			out[i].Value = fence.Wrap(divRound(sum, decimal.NewFromInt(n), TrendPlaces, partnerops.RoundHalfEven))
			out[i].Present = true
		}
	}
	return out
}

// Slope returns the least-squares slope of the present values y against
// their index x in the series: (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), computed
// exactly and rounded once, half-even, to [TrendPlaces]. It returns false
// with fewer than two present values.
func Slope(series []Point) (partnerops.Decimal, bool) {
	// The sums of x are exact big integers: n·Σx² overflows int64 for a
	// series of about 2^21 periods.
	var n int64
	sx, sxx := new(big.Int), new(big.Int)
	sy, sxy := decimal.Zero, decimal.Zero
	bx := new(big.Int)
	for i := range series {
		p := &series[i]
		if !p.ok() {
			continue
		}
		x := int64(i)
		n++
		bx.SetInt64(x)
		sx.Add(sx, bx)
		sxx.Add(sxx, bx.Mul(bx, bx))
		v := p.val()
		sy = sy.Add(v)
		sxy = sxy.Add(v.Mul(decimal.NewFromInt(x)))
	}
	if n < 2 {
		return partnerops.Decimal{}, false
	}
	bn := big.NewInt(n)
	den := new(big.Int).Mul(bn, sxx)
	den.Sub(den, new(big.Int).Mul(sx, sx))
	if den.Sign() == 0 {
		return partnerops.Decimal{}, false
	}
	num := sxy.Mul(decimal.NewFromBigInt(bn, 0)).Sub(sy.Mul(decimal.NewFromBigInt(sx, 0)))
	return fence.Wrap(divRound(num, decimal.NewFromBigInt(den, 0), TrendPlaces, partnerops.RoundHalfEven)), true
}

// Streak returns the direction and length of the run of consecutive moves
// between present values that ends at the latest one: improving (better
// each time in direction dir), declining, or flat (equal). Fewer than two
// present values give no streak.
func Streak(series []Point, dir Direction) (StreakKind, int) {
	var vals []decimal.Decimal
	for i := range series {
		if series[i].ok() {
			vals = append(vals, series[i].val())
		}
	}
	kindOf := func(a, b decimal.Decimal) StreakKind {
		switch {
		case dir.better(b, a):
			return StreakImproving
		case dir.better(a, b):
			return StreakDeclining
		}
		return StreakFlat
	}
	if len(vals) < 2 {
		return StreakNone, 0
	}
	kind := kindOf(vals[len(vals)-2], vals[len(vals)-1])
	n := 1
	for i := len(vals) - 2; i > 0 && kindOf(vals[i-1], vals[i]) == kind; i-- {
		n++
	}
	return kind, n
}

var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// SparkLevels maps each present value to a level from 0 to 7 between the
// series minimum (0) and maximum (7): level = floor(8 × (v − min) /
// (max − min)), capped at 7; all levels are 3 when every value is equal.
// Absent values get −1. These are the values a chart needs.
func SparkLevels(series []Point) []int {
	out := make([]int, len(series))
	var lo, hi decimal.Decimal
	first := true
	for i := range series {
		p := &series[i]
		if !p.ok() {
			continue
		}
		if v := p.val(); first || v.Cmp(lo) < 0 {
			lo = v
		}
		if v := p.val(); first || v.Cmp(hi) > 0 {
			hi = v
		}
		first = false
	}
	span := hi.Sub(lo)
	for i := range series {
		p := &series[i]
		switch {
		case !p.ok():
			out[i] = -1
		case span.IsZero():
			out[i] = 3
		default:
			q, _ := p.val().Sub(lo).Mul(decimal.NewFromInt(8)).QuoRem(span, 0)
			out[i] = min(int(q.IntPart()), 7)
		}
	}
	return out
}

// Sparkline renders the series as block characters ▁▂▃▄▅▆▇█ by
// [SparkLevels], with a space for an absent value.
func Sparkline(series []Point) string {
	var b strings.Builder
	for _, l := range SparkLevels(series) {
		if l < 0 {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(sparkRunes[l])
	}
	return b.String()
}

// PartnerSeries is one partner's series of a metric.
type PartnerSeries struct {
	Partner partnerops.PartnerID `json:"partner"`
	Series  []Point              `json:"series"`
}

// Mover is a partner's latest period-over-period change (see [Trend]).
type Mover struct {
	Partner          partnerops.PartnerID `json:"partner"`
	Previous         partnerops.Decimal   `json:"previous"`
	Latest           partnerops.Decimal   `json:"latest"`
	Change           partnerops.Decimal   `json:"change"`
	ChangePercent    partnerops.Percent   `json:"change_percent"`
	HasChangePercent bool                 `json:"has_change_percent"`
}

// Movers returns the n partners that improved most and the n that
// declined most between the last two present values of their series,
// judged in direction dir and ranked by the size of the absolute change
// (ties by partner ID). Partners with fewer than two present values or no
// change in the wanted direction are left out.
func Movers(all []PartnerSeries, dir Direction, n int) (improvers, decliners []Mover) {
	for _, ps := range all {
		t, _ := Analyze(ps.Series, dir, 1)
		if !t.HasPrevious || t.Change.IsZero() {
			continue
		}
		m := Mover{Partner: ps.Partner, Previous: t.Previous, Latest: t.Latest, Change: t.Change,
			ChangePercent: t.ChangePercent, HasChangePercent: t.HasChangePercent}
		if dir.better(fence.Dec(t.Latest), fence.Dec(t.Previous)) {
			improvers = append(improvers, m)
		} else {
			decliners = append(decliners, m)
		}
	}
	byMagnitude := func(a, b Mover) int {
		if c := b.Change.Abs().Cmp(a.Change.Abs()); c != 0 {
			return c
		}
		return cmp.Compare(a.Partner, b.Partner)
	}
	slices.SortFunc(improvers, byMagnitude)
	slices.SortFunc(decliners, byMagnitude)
	if len(improvers) > n {
		improvers = improvers[:max(n, 0)]
	}
	if len(decliners) > n {
		decliners = decliners[:max(n, 0)]
	}
	return improvers, decliners
}

// Peer is one partner's value in a peer group (a tier, a segment).
type Peer struct {
	Partner partnerops.PartnerID `json:"partner"`
	Group   string               `json:"group"`
	Value   partnerops.Decimal   `json:"value"`
}

// PeerRank places a partner within its group.
type PeerRank struct {
	Partner partnerops.PartnerID `json:"partner"`
	Group   string               `json:"group"`
	// Rank is 1 for the best value in the group; tied values share the
	// best rank among them.
	Rank int `json:"rank"`
	// Of is the size of the group.
	Of int `json:"of"`
	// Percentile is the percentile rank (B + E/2) / N × 100, where B is the
	// number of peers with a worse value, E the number with an equal value
	// (the partner included) and N the group size, rounded half up to
	// hundredths: the best of ten distinct values is at 95.00, a group of
	// one at 50.00.
	Percentile Points `json:"percentile"`
}

// Benchmark ranks every peer within its group in direction dir. Results
// are in input order. A value beyond [partnerops.Decimal.Validate]'s
// range gives an error wrapping [partnerops.ErrRange].
func Benchmark(peers []Peer, dir Direction) ([]PeerRank, error) {
	for i, p := range peers {
		if !inRange(fence.Dec(p.Value)) {
			return nil, fail(partnerops.ErrRange, "benchmarking peer %d (%q): value beyond 30 integer or 18 fraction digits", i, string(p.Partner))
		}
	}
	order := make([]int, len(peers))
	for i := range order {
		order[i] = i
	}
	// Sort by group, then best value first, then partner ID.
	slices.SortStableFunc(order, func(a, b int) int {
		pa, pb := &peers[a], &peers[b]
		if c := strings.Compare(pa.Group, pb.Group); c != 0 {
			return c
		}
		c := pb.Value.Cmp(pa.Value)
		if dir == LowerIsBetter {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(pa.Partner, pb.Partner)
	})
	out := make([]PeerRank, len(peers))
	for start := 0; start < len(order); {
		end := start
		for end < len(order) && peers[order[end]].Group == peers[order[start]].Group {
			end++
		}
		n := end - start
		for i := start; i < end; {
			j := i
			for j < end && peers[order[j]].Value.Equal(peers[order[i]].Value) {
				j++
			}
			equal, worse := j-i, end-j
			// (2B + E) / 2N × 100, in hundredths, half up.
			pct := Points((int64(2*worse+equal)*10000*2 + int64(2*n)) / int64(4*n))
			for k := i; k < j; k++ {
				p := &peers[order[k]]
				out[order[k]] = PeerRank{Partner: p.Partner, Group: p.Group, Rank: i - start + 1, Of: n, Percentile: pct}
			}
			i = j
		}
		start = end
	}
	return out, nil
}
