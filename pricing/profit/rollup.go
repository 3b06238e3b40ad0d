package profit

import (
	"cmp"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// Dimension is what a roll-up groups deals by.
type Dimension string

// Dimensions.
const (
	ByPartner Dimension = "partner"
	ByMotion  Dimension = "motion"
	BySegment Dimension = "segment"
	// ByPeriod groups by the calendar period (Options.Unit) the deal
	// closed in.
	ByPeriod Dimension = "period"
)

// Options say how [Roll] groups deals.
type Options struct {
	// Currency of every deal's amounts (bare amounts take it).
	Currency partnerops.Currency `json:"currency"`
	// By lists the dimensions to group by, together (partner × period);
	// none gives one group, the total.
	By []Dimension `json:"by,omitempty"`
	// Unit of ByPeriod: month (the default), quarter, half or year, built
	// by Calendar (fiscal quarters and years follow its fiscal start).
	Unit     partnerops.PeriodUnit `json:"unit,omitempty"`
	Calendar partnerops.Calendar   `json:"calendar,omitzero"`
	// Location dates the deals' Closed times; defaults to UTC.
	Location *time.Location `json:"-"`
}

// Rollup is the sum of many deals' P&Ls by group. Every amount of a
// group is the exact sum of its deals' amounts (vendor net revenue,
// gross profit and contribution included, as they are linear); ratios
// are computed from the sums.
type Rollup struct {
	Currency partnerops.Currency   `json:"currency"`
	By       []Dimension           `json:"by,omitempty"`
	Unit     partnerops.PeriodUnit `json:"unit,omitempty"`
	// Groups ordered by period, partner, motion and segment.
	Groups []Group `json:"groups"`
	Total  Group   `json:"total"`
}

// Group is one group of a roll-up: its key (the dimensions grouped by),
// its number of deals and the sum of their P&Ls.
type Group struct {
	Partner   partnerops.PartnerID `json:"partner,omitempty"`
	Motion    partnerops.Motion    `json:"motion,omitempty"`
	Segment   string               `json:"segment,omitempty"`
	Period    partnerops.Period    `json:"period,omitzero"`
	Deals     int                  `json:"deals"`
	Statement Statement            `json:"statement"`
}

const nFields = 7 // list, net, margins, fees, incentives, cogs, cost to serve

type acc struct {
	deals  int
	minor  [nFields]int64
	slow   [nFields]partnerops.Decimal // overflow and sub-minor amounts
	isSlow bool
}

type groupKey struct {
	partner partnerops.PartnerID
	motion  partnerops.Motion
	segment string
	period  int32 // index into periods, -1 when not grouping by period
}

var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < 19; i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// minor returns m in minor units (places) when it is exact there and fits
// an int64 comfortably, without allocating.
func minor(m partnerops.Money, places int32) (int64, bool) {
	d := fence.Amount(m)
	if d.NumDigits() > 18 {
		return 0, false
	}
	coef := d.CoefficientInt64()
	e := d.Exponent() + places
	switch {
	case e == 0:
		return coef, true
	case e > 0:
		if e > 18 {
			return 0, coef == 0
		}
		r := coef * pow10[e]
		if r/pow10[e] != coef {
			return 0, false
		}
		return r, true
	default:
		if -e > 18 {
			return 0, coef == 0
		}
		p := pow10[-e]
		if coef%p != 0 {
			return 0, false
		}
		return coef / p, true
	}
}

func (a *acc) add(k int, m partnerops.Money, places int32) {
	if v, ok := minor(m, places); ok {
		a.addMinor(k, v, places)
		return
	}
	a.slow[k] = a.slow[k].Add(m.Amount())
	a.isSlow = true
}

func (a *acc) addMinor(k int, v int64, places int32) {
	s := a.minor[k] + v
	if (v > 0 && s < a.minor[k]) || (v < 0 && s > a.minor[k]) {
		// overflow: move the running sum to the slow path
		a.slow[k] = a.slow[k].Add(partnerops.NewDecimal(a.minor[k], -places)).Add(partnerops.NewDecimal(v, -places))
		a.minor[k], a.isSlow = 0, true
		return
	}
	a.minor[k] = s
}

func (a *acc) merge(b *acc, places int32) {
	a.deals += b.deals
	for k := range nFields {
		a.addMinor(k, b.minor[k], places)
		if b.isSlow {
			a.slow[k] = a.slow[k].Add(b.slow[k])
			a.isSlow = true
		}
	}
}

func (a *acc) statement(c partnerops.Currency, places int32) Statement {
	var v [nFields]partnerops.Money
	for k := range nFields {
		d := partnerops.NewDecimal(a.minor[k], -places)
		if a.isSlow {
			d = d.Add(a.slow[k])
		}
		v[k], _ = partnerops.NewMoney(d, c)
	}
	s := Statement{Currency: c, List: v[0], CustomerNet: v[1], PartnerMargins: v[2], PartnerFees: v[3],
		Incentives: v[4], COGS: v[5], CostToServe: v[6]}
	s.derive()
	return s
}

// Roll sums deals' P&Ls by the dimensions in opts, in one pass: linear
// in the number of deals plus n log n in the number of groups. Amounts
// are summed exactly (in minor units while they fit, as decimals
// otherwise). A deal in another currency, or without a Closed time when
// grouping by period, gives a [*partnerops.ValidationError] naming it
// (deals[D-17].cogs); at most 20 problems are reported.
func Roll(deals []Deal, opts Options) (Rollup, error) {
	c := opts.Currency
	var p partnerops.Problems
	if !c.Valid() {
		p.Add("currency", "must be a known ISO 4217 currency", string(c))
	}
	var byPartner, byMotion, bySegment, byPeriod bool
	for i, d := range opts.By {
		switch d {
		case ByPartner:
			byPartner = true
		case ByMotion:
			byMotion = true
		case BySegment:
			bySegment = true
		case ByPeriod:
			byPeriod = true
		default:
			p.Add(partnerops.Path("by", i), `must be "partner", "motion", "segment" or "period"`, string(d))
		}
	}
	unit := opts.Unit
	if byPeriod && unit == "" {
		unit = partnerops.UnitMonth
	}
	switch unit {
	case "", partnerops.UnitMonth, partnerops.UnitQuarter, partnerops.UnitHalf, partnerops.UnitYear:
	default:
		p.Add("unit", `must be "month", "quarter", "half" or "year"`, string(opts.Unit))
	}
	if err := opts.Calendar.Validate(); err != nil {
		p.Merge("calendar", err)
	}
	if err := p.Err(); err != nil {
		return Rollup{}, wrap(err, "rolling up")
	}
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	places := c.MinorUnits()

	index := map[groupKey]int{}
	var keys []groupKey
	var accs []acc
	var periods []partnerops.Period
	monthPeriod := map[int]int32{}
	for i := range deals {
		d := &deals[i]
		k := groupKey{period: -1}
		if byPartner {
			k.partner = d.Partner
		}
		if byMotion {
			k.motion = d.Motion
		}
		if bySegment {
			k.segment = d.Segment
		}
		if byPeriod {
			if d.Closed.IsZero() {
				p.Add(dealPath(i, d, "closed"), "is required to group by period", "")
				if p.Len() >= 20 {
					break
				}
				continue
			}
			y, mo, _ := d.Closed.In(loc).Date()
			mk := y*12 + int(mo) - 1
			pi, ok := monthPeriod[mk]
			if !ok {
				per, _ := opts.Calendar.Of(unit, d.Closed.In(loc))
				pi = -1
				for j := range periods { // few periods; found once per month
					if periods[j].Equal(per) {
						pi = int32(j)
						break
					}
				}
				if pi < 0 {
					pi = int32(len(periods))
					periods = append(periods, per)
				}
				monthPeriod[mk] = pi
			}
			k.period = pi
		}
		if !sameCurrency(d, c) {
			p.AddWrapped(dealPath(i, d, ""), "amounts must be in "+string(c), partnerops.ErrCurrencyMismatch)
			if p.Len() >= 20 {
				break
			}
			continue
		}
		g, ok := index[k]
		if !ok {
			g = len(accs)
			index[k] = g
			keys = append(keys, k)
			accs = append(accs, acc{})
		}
		a := &accs[g]
		a.deals++
		if d.List.IsZero() { // no list price: no discount
			a.add(0, d.CustomerNet, places)
		} else {
			a.add(0, d.List, places)
		}
		a.add(1, d.CustomerNet, places)
		a.add(2, d.PartnerMargins, places)
		a.add(3, d.PartnerFees, places)
		a.add(4, d.Incentives, places)
		a.add(5, d.COGS, places)
		a.add(6, d.CostToServe, places)
	}
	if err := p.Err(); err != nil {
		return Rollup{}, wrap(err, "rolling up")
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	start := func(k groupKey) int64 {
		if k.period < 0 {
			return 0
		}
		return periods[k.period].Start.UnixNano()
	}
	slices.SortFunc(order, func(a, b int) int {
		ka, kb := keys[a], keys[b]
		return cmp.Or(cmp.Compare(start(ka), start(kb)), cmp.Compare(ka.partner, kb.partner),
			cmp.Compare(ka.motion, kb.motion), cmp.Compare(ka.segment, kb.segment))
	})
	r := Rollup{Currency: c, By: slices.Clone(opts.By), Unit: unit, Groups: make([]Group, 0, len(keys))}
	if !byPeriod {
		r.Unit = ""
	}
	if len(r.By) == 0 {
		r.By = nil
	}
	var total acc
	for _, g := range order {
		k := keys[g]
		grp := Group{Partner: k.partner, Motion: k.motion, Segment: k.segment, Deals: accs[g].deals,
			Statement: accs[g].statement(c, places)}
		if k.period >= 0 {
			grp.Period = periods[k.period]
		}
		r.Groups = append(r.Groups, grp)
		total.merge(&accs[g], places)
	}
	r.Total = Group{Deals: total.deals, Statement: total.statement(c, places)}
	return r, nil
}

func dealPath(i int, d *Deal, field string) string {
	p := partnerops.Path("deals", i)
	if d.ID != "" {
		p = partnerops.Path("deals", partnerops.Key(d.ID))
	}
	if field != "" {
		p = partnerops.JoinPath(p, field)
	}
	return p
}

func sameCurrency(d *Deal, c partnerops.Currency) bool {
	// A zero is zero in any currency (JSON leaves it out).
	ok := func(m *partnerops.Money) bool { cc := m.Currency(); return cc == c || cc == "" || m.IsZero() }
	return ok(&d.List) && ok(&d.CustomerNet) && ok(&d.PartnerMargins) && ok(&d.PartnerFees) &&
		ok(&d.Incentives) && ok(&d.COGS) && ok(&d.CostToServe)
}
