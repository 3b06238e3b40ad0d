package performance

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/shopspring/decimal"
)

// Observation is one raw fact the host supplies: partner, metric, time and
// value. Counts ignore Value; distinct counts count distinct Keys. Value
// is in the metric's unit: an amount in the metric's currency, a count,
// a fraction for a ratio unit, percent units for a percent unit ("25" is
// 25%), days for a duration.
type Observation struct {
	Partner partnerops.PartnerID `json:"partner"`
	Metric  string               `json:"metric"`
	At      time.Time            `json:"at"`
	Value   partnerops.Decimal   `json:"value"`
	// Key identifies what a distinct-count metric counts (an account, a
	// person). Other aggregations ignore it.
	Key string `json:"key,omitempty"`
	// Currency, when set, must equal a money metric's currency.
	Currency partnerops.Currency `json:"currency,omitempty"`
}

// Skipped counts observations that [Aggregator.AddAll] did not aggregate,
// by reason. The zero value means all were taken.
type Skipped struct {
	UnknownMetric    int `json:"unknown_metric,omitempty"`
	OutOfPeriod      int `json:"out_of_period,omitempty"`
	MissingKey       int `json:"missing_key,omitempty"`
	Derived          int `json:"derived,omitempty"`
	CurrencyMismatch int `json:"currency_mismatch,omitempty"`
	MissingPartner   int `json:"missing_partner,omitempty"`
	// OutOfRange counts values beyond [partnerops.Decimal.Validate]'s
	// range (more than 30 integer or 18 fraction digits).
	OutOfRange int `json:"out_of_range,omitempty"`
}

// Total returns the number of skipped observations.
func (s Skipped) Total() int {
	return s.UnknownMetric + s.OutOfPeriod + s.MissingKey + s.Derived + s.CurrencyMismatch + s.MissingPartner + s.OutOfRange
}

// cell is the partial aggregate of one metric for one partner and period.
// Values are held as integers scaled by 10^places (exact); what does not
// fit (overflow, or a value finer than the metric's places) goes into ext
// as an exact decimal.
type cell struct {
	n   int64 // observations
	sum int64 // scaled sum (sum, average) or latest value (latest)
	at  int64 // latest: unix nanoseconds of the latest observation
	ext *cellExt
}

// cellExt holds the rarely needed, allocated part of a cell.
type cellExt struct {
	extra    decimal.Decimal     // exact remainder of a sum beyond int64
	hasExtra bool                // extra holds something
	latest   *decimal.Decimal    // latest value when it is not a scaled int64
	keys     map[string]struct{} // distinct count
	vals     []int64             // percentile: scaled values
	bigVals  []decimal.Decimal   // percentile: values that are not scaled int64s
}

// Aggregator accumulates observations into per-partner, per-period
// partial aggregates for the metrics of one [Catalog] over a fixed list of
// periods. It is a mutable value owned by one goroutine; to aggregate in
// parallel, give each shard its own Aggregator and [Aggregator.Merge] the
// partials, in any order and grouping: merging is associative and
// commutative and gives exactly what aggregating everything in one
// Aggregator gives.
//
// Sums, counts and averages are exact: values are accumulated as int64
// multiples of 10^-places, and anything that overflows or carries more
// digits moves to an exact decimal. Distinct counts keep the exact set of
// keys and percentiles keep every value, so they too merge exactly (at a
// memory cost proportional to the observations).
type Aggregator struct {
	cat     *Catalog
	periods []partnerops.Period
	starts  []int64 // unix nanoseconds
	ends    []int64
	loSec   int64 // bounds in seconds, to keep UnixNano in range
	hiSec   int64

	partnerIdx map[partnerops.PartnerID]int32
	partners   []partnerops.PartnerID
	blocks     [][]cell // partner*len(periods)+period → cells, nil until touched

	lastPartner partnerops.PartnerID
	lastPIdx    int32
	lastMetric  string
	lastMIdx    int

	scratch, scratch2 []pendingObs // see addPartitioned
}

// NewAggregator returns an empty aggregator for the given periods, which
// must be valid, in ascending order and non-overlapping (gaps are
// allowed). Any period length works: months, fiscal quarters, weeks, or
// custom spans. Periods must lie between the years 1700 and 2200.
func (c *Catalog) NewAggregator(periods []partnerops.Period) (*Aggregator, error) {
	var probs partnerops.Problems
	if len(periods) == 0 {
		probs.Add("periods", "at least one period is required", "")
	}
	lo := time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	a := &Aggregator{cat: c, periods: slices.Clone(periods), lastPIdx: -1, lastMIdx: -1,
		partnerIdx: make(map[partnerops.PartnerID]int32)}
	for i, p := range periods {
		path := partnerops.Path("periods", i)
		if err := p.Validate(); err != nil {
			probs.Merge(path, err)
			continue
		}
		if p.Start.Before(lo) || p.End.After(hi) {
			probs.Add(path, "must lie between the years 1700 and 2200", p.String())
			continue
		}
		if i > 0 && p.Start.Before(periods[i-1].End) {
			probs.Add(path, "must start at or after the end of the previous period", p.String())
		}
		a.starts = append(a.starts, p.Start.UnixNano())
		a.ends = append(a.ends, p.End.UnixNano())
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	a.loSec = periods[0].Start.Unix() - 1
	a.hiSec = periods[len(periods)-1].End.Unix() + 1
	return a, nil
}

// Catalog returns the aggregator's catalog.
func (a *Aggregator) Catalog() *Catalog { return a.cat }

// Periods returns a copy of the periods; values are addressed by index
// into this list.
func (a *Aggregator) Periods() []partnerops.Period { return slices.Clone(a.periods) }

// Partners returns the partners with at least one observation, sorted by ID.
func (a *Aggregator) Partners() []partnerops.PartnerID {
	out := slices.Clone(a.partners)
	slices.Sort(out)
	return out
}

// periodOf returns the index of the period containing t, or -1, and t
// in unix nanoseconds.
func (a *Aggregator) periodOf(t time.Time) (int, int64) {
	sec := t.Unix()
	if sec < a.loSec || sec > a.hiSec {
		return -1, 0
	}
	ns := t.UnixNano()
	// Last period starting at or before ns.
	lo, hi := 0, len(a.starts)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if a.starts[mid] <= ns {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	i := lo - 1
	if i < 0 || ns >= a.ends[i] {
		return -1, 0
	}
	return i, ns
}

// Add aggregates one observation. It fails, aggregating nothing, with an
// error wrapping [ErrUnknownMetric], [ErrDerivedMetric], [ErrOutOfPeriod],
// [ErrMissingKey], [partnerops.ErrCurrencyMismatch] or (for an empty
// partner ID) [partnerops.ErrInvalid].
func (a *Aggregator) Add(o Observation) error {
	switch r := a.add(&o); r {
	case rejectNone:
		return nil
	case rejectMetric:
		return fail(ErrUnknownMetric, "observing %q", o.Metric)
	case rejectDerived:
		return fail(ErrDerivedMetric, "observing %q", o.Metric)
	case rejectPeriod:
		return fail(ErrOutOfPeriod, "observing %q at %s", o.Metric, o.At.Format(time.RFC3339))
	case rejectKey:
		return fail(ErrMissingKey, "observing %q", o.Metric)
	case rejectCurrency:
		return fail(partnerops.ErrCurrencyMismatch, "observing %q in %q", o.Metric, string(o.Currency))
	case rejectRange:
		return fail(partnerops.ErrRange, "observing %q: value beyond 30 integer or 18 fraction digits", o.Metric)
	default:
		return fail(partnerops.ErrInvalid, "observing %q: empty partner ID", o.Metric)
	}
}

// AddAll aggregates every observation it can and counts the others by
// reason. It is the fast path: it allocates nothing per observation except
// when a partner or period is seen for the first time, a value needs the
// exact decimal fallback, or a distinct key or percentile value is stored.
//
// A large batch whose partners are scattered (observations in time
// order, say) is resolved first and then applied in partner order, which
// keeps memory access local; for that the aggregator keeps a scratch
// buffer of 48 bytes per observation, for batches of up to 524,288
// observations at a time. The result is the same in either order.
func (a *Aggregator) AddAll(obs []Observation) Skipped {
	var s Skipped
	if len(obs) < partitionMin || grouped(obs) {
		for i := range obs {
			s.count(a.add(&obs[i]))
		}
		return s
	}
	for start := 0; start < len(obs); start += partitionChunk {
		a.addPartitioned(obs[start:min(start+partitionChunk, len(obs))], &s)
	}
	return s
}

const (
	partitionMin   = 1 << 14
	partitionChunk = 1 << 19
)

// grouped reports whether the batch looks ordered by partner: fewer than
// one partner change in eight among its first observations.
func grouped(obs []Observation) bool {
	n := min(len(obs), 4096)
	changes := 0
	for i := 1; i < n; i++ {
		if obs[i].Partner != obs[i-1].Partner {
			changes++
		}
	}
	return changes*8 < n
}

// pendingObs is a resolved observation waiting to be applied.
type pendingObs struct {
	block  int32
	metric int32
	v      int64 // scaled value
	ns     int64 // unix nanoseconds
}

// addPartitioned resolves a batch, applies what cannot wait (distinct
// keys, values that need the decimal fallback) and then the rest in block
// order.
func (a *Aggregator) addPartitioned(obs []Observation, s *Skipped) {
	if cap(a.scratch) < len(obs) {
		a.scratch = make([]pendingObs, len(obs))
		a.scratch2 = make([]pendingObs, len(obs))
	}
	recs := a.scratch[:0]
	for i := range obs {
		o := &obs[i]
		m, bi, ns, v, exact, r := a.resolve(o)
		if r != rejectNone {
			s.count(r)
			continue
		}
		// Distinct keys and values that are not scaled integers are
		// applied at once; everything else, counts included (they carry
		// no value), waits for the block order.
		if m.def.Aggregation == AggDistinct || (!exact && m.def.Aggregation != AggCount) {
			a.blocks[bi][m.cell].observe(m, o, ns, v, exact)
			continue
		}
		recs = append(recs, pendingObs{block: int32(bi), metric: int32(m.index), v: v, ns: ns})
	}
	recs = radixByBlock(recs, a.scratch2[:len(recs)], len(a.blocks))
	for i := range recs {
		r := &recs[i]
		m := &a.cat.metrics[r.metric]
		a.blocks[r.block][m.cell].observeScaled(m, r.v, r.ns)
	}
}

// radixByBlock sorts src by block with a least-significant-digit radix
// sort (11-bit digits), using dst as the other buffer, and returns the
// sorted slice (one of the two).
func radixByBlock(src, dst []pendingObs, nBlocks int) []pendingObs {
	const digit = 11
	const buckets = 1 << digit
	var count [buckets]int
	for shift := 0; shift < bits.Len(uint(nBlocks)); shift += digit {
		clear(count[:])
		for i := range src {
			count[(uint32(src[i].block)>>shift)&(buckets-1)]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for i := range src {
			k := (uint32(src[i].block) >> shift) & (buckets - 1)
			dst[count[k]] = src[i]
			count[k]++
		}
		src, dst = dst, src
	}
	return src
}

func (s *Skipped) count(r reject) {
	switch r {
	case rejectNone:
	case rejectMetric:
		s.UnknownMetric++
	case rejectDerived:
		s.Derived++
	case rejectPeriod:
		s.OutOfPeriod++
	case rejectKey:
		s.MissingKey++
	case rejectCurrency:
		s.CurrencyMismatch++
	case rejectRange:
		s.OutOfRange++
	default:
		s.MissingPartner++
	}
}

type reject uint8

const (
	rejectNone reject = iota
	rejectMetric
	rejectDerived
	rejectPeriod
	rejectKey
	rejectCurrency
	rejectPartner
	rejectRange
)

func (a *Aggregator) add(o *Observation) reject {
	m, bi, ns, v, exact, r := a.resolve(o)
	if r != rejectNone {
		return r
	}
	a.blocks[bi][m.cell].observe(m, o, ns, v, exact)
	return rejectNone
}

// resolve finds the metric, the block (allocating it on first use), the
// time in unix nanoseconds and the value scaled to the metric's places
// (exact or not) of an observation, or why it is refused. Values that do
// not scale exactly must pass [partnerops.Decimal.Validate], so that
// hostile exponents cannot make the exact fallback allocate without
// bound.
func (a *Aggregator) resolve(o *Observation) (m *metric, bi int, ns, v int64, exact bool, r reject) {
	// Metric, with a one-entry cache: hosts often send runs of one metric.
	mi := a.lastMIdx
	if mi < 0 || o.Metric != a.lastMetric {
		i, ok := a.cat.metricIndex(o.Metric)
		if !ok {
			return nil, 0, 0, 0, false, rejectMetric
		}
		mi, a.lastMIdx, a.lastMetric = i, i, o.Metric
	}
	m = &a.cat.metrics[mi]
	if m.cell < 0 {
		return nil, 0, 0, 0, false, rejectDerived
	}
	if o.Currency != "" && m.def.Unit == UnitMoney && o.Currency != m.def.Currency {
		return nil, 0, 0, 0, false, rejectCurrency
	}
	if m.def.Aggregation == AggDistinct && o.Key == "" {
		return nil, 0, 0, 0, false, rejectKey
	}
	if o.Partner == "" {
		return nil, 0, 0, 0, false, rejectPartner
	}
	if m.def.Aggregation != AggCount && m.def.Aggregation != AggDistinct {
		if v, exact = scaled(fence.Dec(o.Value), m.places); !exact && !inRange(fence.Dec(o.Value)) {
			return nil, 0, 0, 0, false, rejectRange
		}
	}
	pi, tns := a.periodOf(o.At)
	if pi < 0 {
		return nil, 0, 0, 0, false, rejectPeriod
	}
	ns = tns
	p := a.lastPIdx
	if p < 0 || o.Partner != a.lastPartner {
		var ok bool
		p, ok = a.partnerIdx[o.Partner]
		if !ok {
			p = int32(len(a.partners))
			a.partnerIdx[o.Partner] = p
			a.partners = append(a.partners, o.Partner)
			for range a.periods {
				a.blocks = append(a.blocks, nil)
			}
		}
		a.lastPIdx, a.lastPartner = p, o.Partner
	}
	bi = int(p)*len(a.periods) + pi
	if a.blocks[bi] == nil {
		a.blocks[bi] = make([]cell, len(a.cat.cells))
	}
	return m, bi, ns, v, exact, rejectNone
}

// observe folds one observation (at ns unix nanoseconds, its value scaled
// to v when exact) into c.
func (c *cell) observe(m *metric, o *Observation, ns, v int64, exact bool) {
	switch m.def.Aggregation {
	case AggCount:
		c.n++
		return
	case AggDistinct:
		c.n++
		e := c.extension()
		if e.keys == nil {
			e.keys = make(map[string]struct{})
		}
		e.keys[o.Key] = struct{}{}
		return
	}
	if exact {
		c.observeScaled(m, v, ns)
		return
	}
	c.n++
	val := fence.Dec(o.Value)
	switch m.def.Aggregation {
	case AggSum, AggAverage:
		c.addExtra(val)
	case AggLatest:
		c.observeLatest(ns, 0, false, val, m.places)
	case AggPercentile:
		e := c.extension()
		e.bigVals = append(e.bigVals, val)
	}
}

// observeScaled folds a value that is exact as v × 10^-places (ignored
// by counts).
func (c *cell) observeScaled(m *metric, v, ns int64) {
	c.n++
	switch m.def.Aggregation {
	case AggSum, AggAverage:
		c.addScaled(v, m.places)
	case AggLatest:
		c.observeLatest(ns, v, true, decimal.Decimal{}, m.places)
	case AggPercentile:
		e := c.extension()
		e.vals = append(e.vals, v)
	}
}

func (c *cell) extension() *cellExt {
	if c.ext == nil {
		c.ext = &cellExt{}
	}
	return c.ext
}

// addScaled adds v (scaled by 10^places) to the sum, moving the sum into
// the exact decimal on overflow.
func (c *cell) addScaled(v int64, places int32) {
	s := c.sum + v
	if (c.sum^s)&(v^s) < 0 { // signed overflow
		c.addExtra(decimal.New(c.sum, -places))
		c.addExtra(decimal.New(v, -places))
		c.sum = 0
		return
	}
	c.sum = s
}

func (c *cell) addExtra(d decimal.Decimal) {
	e := c.extension()
	if !e.hasExtra {
		e.extra, e.hasExtra = d, true
		return
	}
	e.extra = e.extra.Add(d)
}

// observeLatest keeps the latest (time, value) pair; equal times keep the
// larger value, so the result does not depend on order. The value is
// v × 10^-places when exact, d otherwise.
func (c *cell) observeLatest(ns, v int64, exact bool, d decimal.Decimal, places int32) {
	if c.n > 1 { // not the first observation
		if ns < c.at {
			return
		}
		if ns == c.at {
			curExact := c.ext == nil || c.ext.latest == nil
			switch {
			case exact && curExact:
				if c.sum >= v {
					return
				}
			case exact:
				if c.latestValue(places).Cmp(decimal.New(v, -places)) >= 0 {
					return
				}
			default:
				if c.latestValue(places).Cmp(d) >= 0 {
					return
				}
			}
		}
	}
	c.at = ns
	if exact {
		c.sum = v
		if c.ext != nil {
			c.ext.latest = nil
		}
		return
	}
	dd := d
	c.extension().latest = &dd
}

func (c *cell) latestValue(places int32) decimal.Decimal {
	if c.ext != nil && c.ext.latest != nil {
		return *c.ext.latest
	}
	return decimal.New(c.sum, -places)
}

// sumValue returns the exact sum.
func (c *cell) sumValue(places int32) decimal.Decimal {
	s := decimal.New(c.sum, -places)
	if c.ext != nil && c.ext.hasExtra {
		s = s.Add(c.ext.extra)
	}
	return s
}

// merge folds o into c. It is associative and commutative.
func (c *cell) merge(o *cell, m *metric) {
	if o.n == 0 {
		return
	}
	first := c.n == 0
	c.n += o.n
	switch m.def.Aggregation {
	case AggCount:
	case AggSum, AggAverage:
		c.addScaled(o.sum, m.places)
		if o.ext != nil && o.ext.hasExtra {
			c.addExtra(o.ext.extra)
		}
	case AggLatest:
		ov := o.latestValue(m.places)
		if first || o.at > c.at || (o.at == c.at && ov.Cmp(c.latestValue(m.places)) > 0) {
			c.at, c.sum = o.at, o.sum
			if o.ext != nil && o.ext.latest != nil {
				dd := *o.ext.latest
				c.extension().latest = &dd
			} else if c.ext != nil {
				c.ext.latest = nil
			}
		}
	case AggDistinct:
		e := c.extension()
		if e.keys == nil {
			e.keys = make(map[string]struct{}, len(o.ext.keys))
		}
		for k := range o.ext.keys {
			e.keys[k] = struct{}{}
		}
	case AggPercentile:
		e := c.extension()
		e.vals = append(e.vals, o.ext.vals...)
		e.bigVals = append(e.bigVals, o.ext.bigVals...)
	}
}

// Merge folds the partial aggregate o into a. Both must come from the same
// catalog and the same periods, otherwise the error wraps
// [ErrIncompatible] and a is unchanged. o is not modified, and a shares no
// memory with it afterwards.
func (a *Aggregator) Merge(o *Aggregator) error {
	if a == o || a.cat != o.cat || len(a.periods) != len(o.periods) {
		return fail(ErrIncompatible, "merging aggregates of different catalogs or periods")
	}
	for i := range a.periods {
		if !a.periods[i].Equal(o.periods[i]) {
			return fail(ErrIncompatible, "merging aggregates: period %d differs", i)
		}
	}
	np := len(a.periods)
	for opi, id := range o.partners {
		p, ok := a.partnerIdx[id]
		if !ok {
			p = int32(len(a.partners))
			a.partnerIdx[id] = p
			a.partners = append(a.partners, id)
			for range a.periods {
				a.blocks = append(a.blocks, nil)
			}
		}
		for pi := 0; pi < np; pi++ {
			ob := o.blocks[opi*np+pi]
			if ob == nil {
				continue
			}
			bi := int(p)*np + pi
			if a.blocks[bi] == nil {
				a.blocks[bi] = make([]cell, len(a.cat.cells))
			}
			blk := a.blocks[bi]
			for ci := range ob {
				blk[ci].merge(&ob[ci], &a.cat.metrics[a.cat.cells[ci]])
			}
		}
	}
	return nil
}

// Value returns the value of metric for partner in period (an index into
// [Aggregator.Periods]) and whether there is one. A metric with no
// observations has no value, except a count or distinct count, which is 0;
// a ratio whose operands are missing or whose denominator is zero has
// none. An unknown metric gives an error wrapping [ErrUnknownMetric]; a
// period index out of range one wrapping [partnerops.ErrInvalid].
func (a *Aggregator) Value(partner partnerops.PartnerID, metricKey string, period int) (partnerops.Decimal, bool, error) {
	m, err := a.cat.lookup(metricKey)
	if err != nil {
		return partnerops.Decimal{}, false, err
	}
	if period < 0 || period >= len(a.periods) {
		return partnerops.Decimal{}, false, fail(partnerops.ErrInvalid, "period index %d of %d", period, len(a.periods))
	}
	var blk []cell
	if p, ok := a.partnerIdx[partner]; ok {
		blk = a.blocks[int(p)*len(a.periods)+period]
	}
	d, ok := a.cat.value(m, blk)
	return fence.Wrap(d), ok, nil
}

// Values returns every metric value of partner in period, keyed by metric
// key: the input a [Scorecard] scores. Metrics without a value are absent.
func (a *Aggregator) Values(partner partnerops.PartnerID, period int) (map[string]partnerops.Decimal, error) {
	if period < 0 || period >= len(a.periods) {
		return nil, fail(partnerops.ErrInvalid, "period index %d of %d", period, len(a.periods))
	}
	var blk []cell
	if p, ok := a.partnerIdx[partner]; ok {
		blk = a.blocks[int(p)*len(a.periods)+period]
	}
	out := make(map[string]partnerops.Decimal, len(a.cat.metrics))
	for i := range a.cat.metrics {
		m := &a.cat.metrics[i]
		if d, ok := a.cat.value(m, blk); ok {
			out[m.def.Key] = fence.Wrap(d)
		}
	}
	return out, nil
}

// Series returns the values of metric for partner over every period, in
// period order; missing values are reported as not present.
func (a *Aggregator) Series(partner partnerops.PartnerID, metricKey string) ([]Point, error) {
	m, err := a.cat.lookup(metricKey)
	if err != nil {
		return nil, err
	}
	out := make([]Point, len(a.periods))
	p, known := a.partnerIdx[partner]
	for i, per := range a.periods {
		var blk []cell
		if known {
			blk = a.blocks[int(p)*len(a.periods)+i]
		}
		d, ok := a.cat.value(m, blk)
		out[i] = Point{Period: per, Value: fence.Wrap(d), Present: ok}
	}
	return out, nil
}

// value finalizes metric m from a block (nil when the partner had no
// observation in the period).
func (c *Catalog) value(m *metric, blk []cell) (decimal.Decimal, bool) {
	if m.def.Aggregation == AggRatio {
		num, okN := c.value(&c.metrics[m.num], blk)
		den, okD := c.value(&c.metrics[m.den], blk)
		if !okN || !okD || den.IsZero() {
			return decimal.Decimal{}, false
		}
		if m.def.Unit == UnitPercent {
			num = num.Shift(2)
		}
		return divRound(num, den, m.places, partnerops.RoundHalfEven), true
	}
	var ce *cell
	if blk != nil {
		ce = &blk[m.cell]
	}
	if ce == nil || ce.n == 0 {
		if m.def.Aggregation == AggCount || m.def.Aggregation == AggDistinct {
			return decimal.Decimal{}, true
		}
		return decimal.Decimal{}, false
	}
	switch m.def.Aggregation {
	case AggCount:
		return decimal.NewFromInt(ce.n), true
	case AggDistinct:
		return decimal.NewFromInt(int64(len(ce.ext.keys))), true
	case AggSum:
		return ce.sumValue(m.places), true
	case AggAverage:
		return divRound(ce.sumValue(m.places), decimal.NewFromInt(ce.n), m.places, partnerops.RoundHalfEven), true
	case AggLatest:
		return ce.latestValue(m.places), true
	case AggPercentile:
		return percentile(ce.ext, m), true
	}
	return decimal.Decimal{}, false
}

// percentile returns the nearest-rank percentile of the stored values.
func percentile(e *cellExt, m *metric) decimal.Decimal {
	n := int64(len(e.vals) + len(e.bigVals))
	rank := (m.pHundredths*n + 9999) / 10000 // ceil(p/100 × n), at least 1
	if rank < 1 {
		rank = 1
	}
	if len(e.bigVals) == 0 {
		vals := slices.Clone(e.vals)
		slices.Sort(vals)
		return decimal.New(vals[rank-1], -m.places)
	}
	all := make([]decimal.Decimal, 0, n)
	for _, v := range e.vals {
		all = append(all, decimal.New(v, -m.places))
	}
	all = append(all, e.bigVals...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Cmp(all[j]) < 0 })
	return all[rank-1]
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// scaled returns d × 10^places as an int64 and true when that is exact and
// fits; otherwise false. It does not allocate.
func scaled(d decimal.Decimal, places int32) (int64, bool) {
	if d.IsZero() {
		return 0, true
	}
	if d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	shift := d.Exponent() + places // multiply the coefficient by 10^shift
	switch {
	case shift == 0:
		return c, true
	case shift > 0:
		if shift > 18 {
			return 0, false
		}
		f := pow10[shift]
		if c > math.MaxInt64/f || c < math.MinInt64/f {
			return 0, false
		}
		return c * f, true
	default:
		if -shift > 18 {
			return 0, false
		}
		f := pow10[-shift]
		if c%f != 0 { // finer than places: not representable
			return 0, false
		}
		return c / f, true
	}
}

// divRound returns a / b rounded to places digits with mode, exactly (a
// single rounding of the true quotient). b must not be zero.
func divRound(a, b decimal.Decimal, places int32, mode partnerops.RoundingMode) decimal.Decimal {
	q, r := a.QuoRem(b, places)
	if r.IsZero() {
		return q
	}
	// q is truncated toward zero; |r| < |b|·10^-places. Compare 2|r| with
	// |b|·10^-places to decide.
	half := r.Abs().Shift(places).Mul(decimal.NewFromInt(2)).Cmp(b.Abs())
	neg := a.Sign()*b.Sign() < 0
	step := decimal.New(1, -places)
	if neg {
		step = step.Neg()
	}
	away := false
	switch mode {
	case partnerops.RoundHalfUp:
		away = half >= 0
	case partnerops.RoundHalfEven:
		if half > 0 {
			away = true
		} else if half == 0 {
			away = q.Shift(places).BigInt().Bit(0) == 1
		}
	case partnerops.RoundDown:
	case partnerops.RoundUp:
		away = true
	case partnerops.RoundCeiling:
		away = !neg
	case partnerops.RoundFloor:
		away = neg
	}
	if away {
		return q.Add(step)
	}
	return q
}

// ScoreInputs returns the scorecard inputs of partners for period (an
// index into [Aggregator.Periods]), in the order given: each partner's
// values, tier, and segment read from its attribute segmentAttr (no
// segment when segmentAttr is empty or the attribute is unset). Partners
// without observations get inputs without values.
func (a *Aggregator) ScoreInputs(period int, partners []partnerops.Partner, segmentAttr string) ([]ScoreInput, error) {
	if period < 0 || period >= len(a.periods) {
		return nil, fail(partnerops.ErrInvalid, "period index %d of %d", period, len(a.periods))
	}
	out := make([]ScoreInput, len(partners))
	for i, p := range partners {
		vals, err := a.Values(p.ID, period)
		if err != nil {
			return nil, err
		}
		out[i] = ScoreInput{Partner: p.ID, Tier: p.Tier, Period: a.periods[period], Values: vals}
		if segmentAttr != "" {
			out[i].Segment = p.Attributes[segmentAttr]
		}
	}
	return out, nil
}
