package performance

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/internal/strict"
	"github.com/shopspring/decimal"
)

// Unit is what a metric measures.
type Unit string

// Units.
const (
	// UnitCount is a whole number of things (deal registrations, logins).
	UnitCount Unit = "count"
	// UnitMoney is an amount in the metric's currency.
	UnitMoney Unit = "money"
	// UnitRatio is a unitless fraction (0.25).
	UnitRatio Unit = "ratio"
	// UnitPercent is a percentage in percent units (25 for 25%).
	UnitPercent Unit = "percent"
	// UnitDuration is a length of time in days (decimal: 1.5 is a day and a
	// half), such as time to first deal.
	UnitDuration Unit = "duration"
)

// Indicator classifies a metric as predicting or reporting revenue.
type Indicator string

// Indicators.
const (
	// Leading indicators predict revenue: engagement, pipeline, enablement.
	Leading Indicator = "leading"
	// Lagging indicators report it: bookings, win rate, renewals.
	Lagging Indicator = "lagging"
)

// Direction says whether a larger value is better.
type Direction string

// Directions. The zero value means [HigherIsBetter].
const (
	HigherIsBetter Direction = "higher_is_better"
	LowerIsBetter  Direction = "lower_is_better"
)

// better reports whether a is strictly better than b in direction d.
func (d Direction) better(a, b decimal.Decimal) bool {
	if d == LowerIsBetter {
		return a.Cmp(b) < 0
	}
	return a.Cmp(b) > 0
}

// Aggregation says how a metric's observations in one period become its
// value.
type Aggregation string

// Aggregations.
const (
	// AggSum adds the observed values exactly.
	AggSum Aggregation = "sum"
	// AggCount counts observations; values are ignored.
	AggCount Aggregation = "count"
	// AggDistinct counts distinct observation keys (distinct customers,
	// distinct certified people).
	AggDistinct Aggregation = "distinct_count"
	// AggAverage is the sum divided by the number of observations,
	// rounded half-even to the metric's places.
	AggAverage Aggregation = "average"
	// AggRatio divides the value of the numerator metric by the value of
	// the denominator metric for the same partner and period (win rate =
	// won / closed), rounded half-even to the metric's places (times 100
	// first for a percent unit). A zero denominator leaves it missing.
	AggRatio Aggregation = "ratio"
	// AggLatest is the value of the observation with the latest time; of
	// several at that same time, the largest value.
	AggLatest Aggregation = "latest"
	// AggPercentile is the nearest-rank percentile of the observed values:
	// the smallest observed value v such that at least p% of the values are
	// less than or equal to v (rank ceil(p/100 × n) in ascending order). It
	// is always an observed value, never an interpolation.
	AggPercentile Aggregation = "percentile"
)

// Visibility says who may see a metric.
type Visibility string

// Visibilities. The zero value means [VisibilityInternal]: a metric is
// shared with the partner only when its definition says so.
const (
	VisibilityInternal Visibility = "internal"
	VisibilityShared   Visibility = "shared"
)

// MetricDef defines one metric as data. It round-trips through JSON, and
// decodes strictly ([ParseMetric]). Which fields an aggregation needs and
// which it refuses:
//
//	aggregation     needs                      refuses
//	sum, average    -                          numerator, denominator, percentile
//	latest          -                          numerator, denominator, percentile
//	count           unit "count"               numerator, denominator, percentile, places
//	distinct_count  unit "count"               numerator, denominator, percentile, places
//	ratio           numerator, denominator     percentile
//	percentile      percentile                 numerator, denominator
//
// Currency is needed by the money unit and refused by every other unit.
type MetricDef struct {
	// Key identifies the metric: lowercase letters, digits and
	// underscores, starting with a letter ("win_rate"). Paths name a
	// metric by its key: metrics[win_rate].aggregation.
	Key string `json:"key" path:"key"`
	// Name is the display name ("Win rate").
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Unit        Unit   `json:"unit"`
	// Currency is required for money metrics and forbidden otherwise.
	// Observations of a money metric are amounts in this currency; the host
	// converts before observing.
	Currency  partnerops.Currency `json:"currency,omitempty"`
	Indicator Indicator           `json:"indicator"`
	// Direction defaults to higher is better.
	Direction   Direction   `json:"direction,omitempty" aka:"better"`
	Aggregation Aggregation `json:"aggregation" aka:"agg,aggregate,kind"`
	// Numerator and Denominator name the metrics a ratio divides; both
	// must be defined and must not be ratios themselves.
	Numerator   string `json:"numerator,omitempty"`
	Denominator string `json:"denominator,omitempty"`
	// Percentile is p for a percentile aggregation, above 0% and at most
	// 100%, with at most 2 decimals ("50" is the median, "90" the p90).
	Percentile partnerops.Percent `json:"percentile,omitzero" aka:"p"`
	// Places is the number of digits after the decimal point at which
	// values are accumulated and results rounded, from 0 to 9. It
	// defaults to the currency's minor units for money, 0 for counts, 4
	// for ratios and 2 for everything else ([Catalog.Places]). Values with more digits are still summed exactly (on a slower
	// path). Counts and distinct counts are whole numbers and refuse it.
	Places     *int32     `json:"places,omitempty"`
	Visibility Visibility `json:"visibility,omitempty"`
}

// CatalogDef is a metric catalog as a JSON document, the form
// [ParseCatalog] reads: {"metrics": [{"key": "bookings", ...}, ...]}.
// Compile its metrics with [CompileMetrics].
type CatalogDef struct {
	Metrics []MetricDef `json:"metrics"`
}

type (
	metricDefPlain  MetricDef  // no methods: strict.Decode walks its fields
	catalogDefPlain CatalogDef // no methods: strict.Decode walks its fields
)

// ParseMetric decodes one metric definition strictly (see the package
// doc): unknown or duplicate keys, values of the wrong shape and bare
// numbers where a percent is due are errors with their paths. It does
// not validate the definition; [CompileMetrics] does.
func ParseMetric(data []byte) (MetricDef, error) {
	var m MetricDef
	if err := strict.Decode(data, (*metricDefPlain)(&m), strict.Options{}); err != nil {
		return MetricDef{}, fail(err, "parsing metric")
	}
	return m, nil
}

// UnmarshalJSON decodes strictly, as [ParseMetric] does.
func (m *MetricDef) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*metricDefPlain)(m), strict.Options{})
}

// ParseCatalog decodes a metric catalog strictly (see [ParseMetric]);
// paths name metrics by key: metrics[certified_people].aggregation.
func ParseCatalog(data []byte) (CatalogDef, error) {
	var c CatalogDef
	if err := strict.Decode(data, (*catalogDefPlain)(&c), strict.Options{}); err != nil {
		return CatalogDef{}, fail(err, "parsing metric catalog")
	}
	return c, nil
}

// UnmarshalJSON decodes strictly, as [ParseCatalog] does.
func (c *CatalogDef) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*catalogDefPlain)(c), strict.Options{})
}

// metric is a compiled metric definition.
type metric struct {
	def       MetricDef
	index     int
	places    int32
	direction Direction
	visible   bool // shared with the partner
	// For a ratio: indexes of the numerator and denominator.
	num, den int
	// For a percentile: p in hundredths of a percent (5000 = 50%).
	pHundredths int64
	// cell is the index of the metric's accumulator in a block, or -1 for
	// a ratio.
	cell int
}

// Catalog is a compiled, validated set of metric definitions. It is
// immutable and safe for concurrent use.
type Catalog struct {
	metrics []metric
	byKey   map[string]int
	cells   []int // metric index of each accumulator cell
	// keySlot maps a cheap hash of a metric key to the metric index + 1,
	// 0 for no key, or -1 when several keys share the slot. It spares the
	// aggregator's hot path a map look-up; the key is still compared
	// exactly.
	keySlot  [metricSlots]int16
	warnings partnerops.Warnings
}

const metricSlots = 1024

// metricSlot hashes a metric key from its length and end bytes.
func metricSlot(k string) int {
	if k == "" {
		return 0
	}
	return (len(k)*131 + int(k[0])*31 + int(k[len(k)-1])*7 + int(k[len(k)/2])) & (metricSlots - 1)
}

// metricIndex returns the index of the metric with key k.
func (c *Catalog) metricIndex(k string) (int, bool) {
	switch v := c.keySlot[metricSlot(k)]; {
	case v > 0:
		if i := int(v) - 1; c.metrics[i].def.Key == k {
			return i, true
		}
		return 0, false
	case v < 0:
		i, ok := c.byKey[k]
		return i, ok
	}
	return 0, false
}

// elem names element i of a list in a path: by its key when it has one
// (metrics[win_rate]), by its 0-based index otherwise (metrics[3]).
func elem(key string, i int) any {
	if key == "" {
		return i
	}
	return partnerops.Key(key)
}

// metricPath returns the path of metric i (key k) and then of fields.
func metricPath(k string, i int, fields ...any) string {
	return partnerops.Path(append([]any{"metrics", elem(k, i)}, fields...)...)
}

// CompileMetrics validates defs and returns the catalog. Every problem is
// reported as a [*partnerops.ValidationError] with its path, metrics named
// by key as in a [CatalogDef]: metrics[win_rate].numerator. Suspicious but
// valid definitions come back from [Catalog.Warnings].
func CompileMetrics(defs []MetricDef) (*Catalog, error) {
	var probs partnerops.Problems
	c := &Catalog{byKey: make(map[string]int, len(defs)), metrics: make([]metric, 0, len(defs)), cells: make([]int, 0, len(defs))}
	if len(defs) == 0 {
		probs.Add("metrics", "at least one metric is required", "")
	}
	for i, d := range defs {
		at := func(fields ...any) string { return metricPath(d.Key, i, fields...) }
		if !validKey(d.Key) {
			probs.Add(at("key"), "must be lowercase letters, digits and underscores, starting with a letter", d.Key)
		} else if _, dup := c.byKey[d.Key]; dup {
			probs.Add(at("key"), "duplicate metric key", d.Key)
		} else {
			c.byKey[d.Key] = i
			switch slot := &c.keySlot[metricSlot(d.Key)]; {
			case *slot == 0 && i < math.MaxInt16:
				*slot = int16(i + 1)
			default:
				*slot = -1
			}
		}
		if strings.TrimSpace(d.Name) == "" {
			probs.Add(at("name"), "must not be empty", "")
		}
		m := metric{def: d, index: i, direction: d.Direction, visible: d.Visibility == VisibilityShared, num: -1, den: -1, cell: -1}
		if m.direction == "" {
			m.direction = HigherIsBetter
		}
		switch d.Unit {
		case UnitCount, UnitRatio, UnitPercent, UnitDuration:
			if d.Currency != "" {
				probs.Add(at("currency"), "must be empty unless the unit is money", string(d.Currency))
			}
		case UnitMoney:
			if !d.Currency.Valid() {
				probs.Add(at("currency"), "money metrics need a known ISO 4217 currency", string(d.Currency))
			}
		default:
			probs.Add(at("unit"), "must be count, money, ratio, percent or duration", string(d.Unit))
		}
		if d.Indicator != Leading && d.Indicator != Lagging {
			probs.Add(at("indicator"), "must be leading or lagging", string(d.Indicator))
		}
		if d.Direction != "" && d.Direction != HigherIsBetter && d.Direction != LowerIsBetter {
			probs.Add(at("direction"), "must be higher_is_better or lower_is_better", string(d.Direction))
		}
		if d.Visibility != "" && d.Visibility != VisibilityInternal && d.Visibility != VisibilityShared {
			probs.Add(at("visibility"), "must be internal or shared", string(d.Visibility))
		}
		agg := d.Aggregation
		switch agg {
		case AggSum, AggCount, AggDistinct, AggAverage, AggLatest, AggRatio, AggPercentile:
		default:
			probs.Add(at("aggregation"), "must be sum, count, distinct_count, average, ratio, latest or percentile", string(agg))
		}
		// Fields each aggregation needs, and fields it would ignore.
		if agg == AggPercentile {
			p := fence.Pct(d.Percentile)
			switch {
			case d.Percentile.IsZero():
				probs.Add(at("percentile"), "a percentile aggregation needs a percentile above 0 and at most 100", "")
			case !inRange(p) || p.Sign() <= 0 || p.Cmp(decimal.NewFromInt(100)) > 0 || !p.Shift(2).IsInteger():
				probs.Add(at("percentile"), "must be above 0 and at most 100, with at most 2 decimals", show(d.Percentile.Decimal()))
			default:
				m.pHundredths = p.Shift(2).IntPart()
				if p.Cmp(decimal.NewFromInt(1)) < 0 {
					c.warnings.Add(at("percentile"), "a percentile below 1% is rare; percents are in percent units (\"90\" is the p90)", d.Percentile.String())
				}
			}
		} else if !d.Percentile.IsZero() {
			probs.Add(at("percentile"), "is only for percentile aggregations; "+string(agg)+" ignores it", show(d.Percentile.Decimal()))
		}
		if agg != AggRatio {
			if d.Numerator != "" {
				probs.Add(at("numerator"), "is only for ratio aggregations; "+string(agg)+" ignores it", d.Numerator)
			}
			if d.Denominator != "" {
				probs.Add(at("denominator"), "is only for ratio aggregations; "+string(agg)+" ignores it", d.Denominator)
			}
		}
		if (agg == AggCount || agg == AggDistinct) && d.Unit != UnitCount {
			probs.Add(at("unit"), "count and distinct_count aggregations need the count unit", string(d.Unit))
		}
		m.places = defaultPlaces(d)
		if d.Places != nil {
			switch {
			case agg == AggCount || agg == AggDistinct:
				probs.Add(at("places"), string(agg)+" values are whole numbers; places is refused", fmt.Sprint(*d.Places))
			case *d.Places < 0 || *d.Places > 9:
				probs.Add(at("places"), "must be from 0 to 9", fmt.Sprint(*d.Places))
			default:
				m.places = *d.Places
			}
		}
		if (d.Unit == UnitPercent || d.Unit == UnitRatio) && agg == AggSum {
			c.warnings.Add(at("aggregation"), "a sum of "+string(d.Unit)+" values is rarely meant; average, latest or a ratio of two metrics?", string(agg))
		}
		if agg != AggRatio {
			m.cell = len(c.cells)
			c.cells = append(c.cells, i)
		}
		c.metrics = append(c.metrics, m)
	}
	// Ratios refer to other metrics by key; resolve them once all are known.
	for i := range c.metrics {
		m := &c.metrics[i]
		if m.def.Aggregation != AggRatio {
			continue
		}
		m.num = c.resolveOperand(&probs, metricPath(m.def.Key, i, "numerator"), m.def.Numerator, m.def.Key)
		m.den = c.resolveOperand(&probs, metricPath(m.def.Key, i, "denominator"), m.def.Denominator, m.def.Key)
		if m.num >= 0 && m.den >= 0 {
			nd, dd := c.metrics[m.num].def, c.metrics[m.den].def
			if nd.Unit == UnitMoney && dd.Unit == UnitMoney && nd.Currency != dd.Currency {
				c.warnings.Add(metricPath(m.def.Key, i, "denominator"), "divides "+string(nd.Currency)+" by "+string(dd.Currency)+": the ratio of two currencies is an exchange rate, not a performance ratio", m.def.Denominator)
			}
		}
	}
	if err := probs.Err(); err != nil {
		return nil, fail(err, "compiling metrics")
	}
	return c, nil
}

// Warnings returns what compiling found valid but probably not meant: a
// percentile below 1% (percents are in percent units), a sum of percent
// or ratio values, a ratio of two currencies. The slice is a copy.
func (c *Catalog) Warnings() []partnerops.Warning { return slices.Clone(c.warnings) }

func (c *Catalog) resolveOperand(probs *partnerops.Problems, path, key, self string) int {
	j, ok := c.byKey[key]
	switch {
	case key == "":
		probs.Add(path, "a ratio needs a numerator and a denominator", "")
	case !ok:
		probs.Add(path, "must name a metric of the catalog", key)
	case key == self || c.metrics[j].def.Aggregation == AggRatio:
		probs.Add(path, "must name a metric that is not a ratio", key)
	default:
		return j
	}
	return -1
}

func defaultPlaces(d MetricDef) int32 {
	switch {
	case d.Unit == UnitMoney:
		return d.Currency.MinorUnits()
	case d.Aggregation == AggCount || d.Aggregation == AggDistinct:
		return 0
	case d.Unit == UnitRatio:
		return 4
	case d.Unit == UnitCount && d.Aggregation != AggAverage && d.Aggregation != AggRatio:
		return 0
	}
	return 2
}

// validKey reports whether s is a snake_case key.
func validKey(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Len returns the number of metrics.
func (c *Catalog) Len() int { return len(c.metrics) }

// Keys returns the metric keys in definition order.
func (c *Catalog) Keys() []string {
	out := make([]string, len(c.metrics))
	for i, m := range c.metrics {
		out[i] = m.def.Key
	}
	return out
}

// Metric returns the definition of the metric key.
func (c *Catalog) Metric(key string) (MetricDef, bool) {
	i, ok := c.byKey[key]
	if !ok {
		return MetricDef{}, false
	}
	return c.metrics[i].def, true
}

// Places returns the digits after the decimal point to which the metric
// key's values are accumulated and rounded, and false for an unknown key.
func (c *Catalog) Places(key string) (int32, bool) {
	i, ok := c.byKey[key]
	if !ok {
		return 0, false
	}
	return c.metrics[i].places, true
}

// Definitions returns a copy of the definitions, in order.
func (c *Catalog) Definitions() []MetricDef {
	out := make([]MetricDef, len(c.metrics))
	for i, m := range c.metrics {
		out[i] = m.def
	}
	return slices.Clip(out)
}

func (c *Catalog) lookup(key string) (*metric, error) {
	i, ok := c.byKey[key]
	if !ok {
		return nil, fail(ErrUnknownMetric, "metric %q", key)
	}
	return &c.metrics[i], nil
}
