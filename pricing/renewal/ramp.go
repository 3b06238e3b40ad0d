package renewal

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Interval is how often a ramp bills.
type Interval string

// Billing intervals, each aligned to the ramp's start.
const (
	IntervalMonth   Interval = "month"
	IntervalQuarter Interval = "quarter"
	// IntervalYear (the default) bills each contract year.
	IntervalYear Interval = "year"
	// IntervalUpfront bills each segment whole at its start.
	IntervalUpfront Interval = "upfront"
)

func (i Interval) months() (int, bool) {
	switch i {
	case IntervalMonth:
		return 1, true
	case IntervalQuarter:
		return 3, true
	case IntervalYear, "":
		return 12, true
	case IntervalUpfront:
		return 0, true
	}
	return 0, false
}

// UpliftMode says how a ramp's yearly uplift accumulates.
type UpliftMode string

// Uplift modes.
const (
	// UpliftCompounding (the default): year k pays (1 + u)^k.
	UpliftCompounding UpliftMode = "compounding"
	// UpliftAdditive: year k pays 1 + k·u.
	UpliftAdditive UpliftMode = "additive"
)

// Ramp is a multi-year subscription as consecutive segments (a ramp deal:
// 100 seats in year 1, 250 in year 2, ...). It is deal data, decoded with
// [ParseRamp] and turned into dated amounts by [Ramp.Schedule].
type Ramp struct {
	ID       string              `json:"id,omitempty"`
	Currency partnerops.Currency `json:"currency"`
	// Start is the first segment's first day ("2026-01-01").
	Start time.Time `json:"start"`
	// Billing interval; defaults to year.
	Billing Interval `json:"billing,omitempty"`
	// Uplift raises unit-priced segments per contract year (not segments
	// given as amounts): the segment starting in contract year k (from 0)
	// pays its unit price × (1 + u)^k, or × (1 + k·u) when additive.
	Uplift     *partnerops.Percent `json:"uplift,omitempty"`
	UpliftMode UpliftMode          `json:"uplift_mode,omitempty"`
	// Rounding of segment amounts and ACVs (places at most the currency's
	// minor units).
	Rounding Rounding `json:"rounding,omitzero"`
	// UnitRounding of implied unit prices; defaults to the currency's
	// minor units plus 4 places, half up.
	UnitRounding Rounding  `json:"unit_rounding,omitzero"`
	Segments     []Segment `json:"segments"`
}

// Segment is one part of a ramp: its length in months, its quantity and
// either its whole Amount or its UnitPrice per unit per year.
type Segment struct {
	ID        string             `json:"id,omitempty"`
	Months    int                `json:"months"`
	Quantity  partnerops.Decimal `json:"quantity"`
	Amount    *partnerops.Money  `json:"amount,omitempty"`
	UnitPrice *partnerops.Money  `json:"unit_price,omitempty" aka:"price"`
}

type rampPlain Ramp

// ParseRamp decodes a ramp strictly (see [ParseTerms]).
func ParseRamp(data []byte) (Ramp, error) {
	var r Ramp
	if err := strict.Decode(data, (*rampPlain)(&r), strict.Options{}); err != nil {
		return Ramp{}, fmt.Errorf("renewal: parsing ramp: %w", err)
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRamp] does.
func (r *Ramp) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*rampPlain)(r), strict.Options{})
}

// Schedule is a ramp's dated amounts: each segment's amount, ACV and
// implied unit prices, the charges by billing interval, and the TCV.
// Segment amounts sum to the TCV and each segment's charges to its
// amount, exactly.
type Schedule struct {
	Ramp     string              `json:"ramp,omitempty"`
	Term     partnerops.Period   `json:"term"`
	Billing  Interval            `json:"billing"`
	TCV      partnerops.Money    `json:"tcv"`
	Segments []SegmentResult     `json:"segments"`
	Charges  []Charge            `json:"charges"`
	Currency partnerops.Currency `json:"currency"`
}

// SegmentResult is one segment's amounts.
type SegmentResult struct {
	ID       string             `json:"id"`
	Period   partnerops.Period  `json:"period"`
	Months   int                `json:"months"`
	Quantity partnerops.Decimal `json:"quantity"`
	// UnitPrice is the annual unit price after the uplift, for
	// unit-priced segments, and Factor the uplift factor applied, both
	// recorded to 18 decimal places (half-even) so that a stored schedule
	// decodes again; Amount is computed from the exact price.
	UnitPrice partnerops.Money   `json:"unit_price,omitzero"`
	Factor    partnerops.Decimal `json:"factor,omitzero"`
	// Amount is the segment's share of the TCV: UnitPrice × Quantity ×
	// Months / 12 rounded once, or the amount given.
	Amount partnerops.Money `json:"amount"`
	// ACV is Amount × 12 / Months, rounded once.
	ACV partnerops.Money `json:"acv"`
	// ImpliedUnitPrice is Amount ÷ Quantity and ImpliedAnnualUnitPrice
	// ACV-based (Amount × 12 ÷ (Months × Quantity)), each rounded once
	// with the unit rounding.
	ImpliedUnitPrice       partnerops.Money `json:"implied_unit_price"`
	ImpliedAnnualUnitPrice partnerops.Money `json:"implied_annual_unit_price"`
}

const maxRampMonths = 1200

// Schedule validates the ramp, reporting every problem with its path
// (segments[y2].quantity), and computes its schedule.
func (r Ramp) Schedule() (Schedule, error) {
	var p partnerops.Problems
	c := r.Currency
	if !c.Valid() {
		p.Add("currency", "must be a known ISO 4217 currency", string(c))
	}
	checkRounding(r.Rounding, "rounding", &p)
	checkRounding(r.UnitRounding, "unit_rounding", &p)
	places := r.Rounding.places(c)
	if c.Valid() && places > c.MinorUnits() {
		p.Addf("rounding.places", fmt.Sprint(places), "must be at most %d (the currency's minor units)", c.MinorUnits())
	}
	uplaces := c.MinorUnits() + 4
	if r.UnitRounding.Places != nil {
		uplaces = *r.UnitRounding.Places
	}
	if r.Start.IsZero() {
		p.Add("start", "is required", "")
	}
	every, ok := r.Billing.months()
	if !ok {
		p.Add("billing", `must be "month", "quarter", "year" or "upfront"`, string(r.Billing))
	}
	mode := r.UpliftMode
	switch mode {
	case "":
		mode = UpliftCompounding
	case UpliftCompounding, UpliftAdditive:
	default:
		p.Add("uplift_mode", `must be "compounding" or "additive"`, string(r.UpliftMode))
	}
	if r.Uplift != nil && (r.Uplift.IsNegative() || r.Uplift.Decimal().Cmp(hundred) > 0) {
		p.Add("uplift", "must be between 0 and 100", r.Uplift.String())
	}
	if len(r.Segments) == 0 {
		p.Add("segments", "at least one segment is required", "")
	}
	total := 0
	ids := map[string]bool{}
	for i, s := range r.Segments {
		sp := partnerops.Path("segments", i)
		if s.ID != "" {
			sp = partnerops.Path("segments", partnerops.Key(s.ID))
			if ids[s.ID] {
				p.Add(partnerops.JoinPath(sp, "id"), "duplicate segment ID", s.ID)
			}
			ids[s.ID] = true
		}
		at := func(f string) string { return partnerops.JoinPath(sp, f) }
		if s.Months < 1 || s.Months > maxRampMonths {
			p.Addf(at("months"), fmt.Sprint(s.Months), "must be between 1 and %d", maxRampMonths)
		} else {
			total += s.Months
		}
		if !s.Quantity.IsPositive() {
			p.Add(at("quantity"), "must be positive", s.Quantity.String())
		}
		if (s.Amount == nil) == (s.UnitPrice == nil) {
			p.Add(at("amount"), "a segment needs exactly one of amount and unit_price", "")
		}
		for _, f := range []struct {
			name string
			m    *partnerops.Money
		}{{"amount", s.Amount}, {"unit_price", s.UnitPrice}} {
			if f.m == nil {
				continue
			}
			if m, err := f.m.InCurrency(c); err != nil {
				p.AddErr(at(f.name), err)
			} else if m.IsNegative() {
				p.Add(at(f.name), "must not be negative", m.Amount().String())
			} else if f.name == "amount" && !m.RoundTo(places, partnerops.RoundDown).Equal(m) {
				p.Addf(at(f.name), m.Amount().String(), "must be exact to %d places", places)
			}
		}
	}
	if total > maxRampMonths {
		p.Addf("segments", fmt.Sprint(total), "the segments span more than %d months", maxRampMonths)
	}
	if err := p.Err(); err != nil {
		return Schedule{}, wrap(err, "scheduling ramp %q", r.ID)
	}

	billing := r.Billing
	if billing == "" {
		billing = IntervalYear
	}
	twelve := partnerops.DecimalFromInt(12)
	out := Schedule{Ramp: r.ID, Billing: billing, Currency: c, TCV: partnerops.Zero(c),
		Segments: make([]SegmentResult, 0, len(r.Segments))}
	offset := 0
	for i, s := range r.Segments {
		id := s.ID
		if id == "" {
			id = fmt.Sprint(i + 1)
		}
		sr := SegmentResult{ID: id, Months: s.Months, Quantity: s.Quantity,
			Period: partnerops.Period{Start: addMonths(r.Start, offset), End: addMonths(r.Start, offset+s.Months)}}
		months := partnerops.DecimalFromInt(int64(s.Months))
		if s.Amount != nil {
			sr.Amount, _ = s.Amount.InCurrency(c)
		} else {
			unit, _ := s.UnitPrice.InCurrency(c)
			f := partnerops.DecimalFromInt(1)
			if k := offset / 12; r.Uplift != nil && k > 0 {
				if mode == UpliftAdditive {
					f = f.Add(r.Uplift.Fraction().Mul(partnerops.DecimalFromInt(int64(k))))
				} else {
					g := f.Add(r.Uplift.Fraction())
					for range k {
						f = f.Mul(g)
					}
				}
			}
			exact := unit.Mul(f)
			// The record keeps 18 decimal places (what every decoder
			// accepts, so a stored schedule decodes again); the amount is
			// computed from the exact price, rounded once.
			sr.UnitPrice = nz(exact.RoundTo(partnerops.MaxDecimalScale, partnerops.RoundHalfEven))
			sr.Factor = f.Round(partnerops.MaxDecimalScale, partnerops.RoundHalfEven)
			a, err := exact.Amount().Mul(s.Quantity).Mul(months).Quo(twelve, places, r.Rounding.Mode)
			if err != nil {
				return Schedule{}, wrap(err, "scheduling ramp %q: segment %s", r.ID, id)
			}
			sr.Amount, _ = partnerops.NewMoney(a, c)
		}
		acv, err1 := sr.Amount.Amount().Mul(twelve).Quo(months, places, r.Rounding.Mode)
		iu, err2 := sr.Amount.Amount().Quo(s.Quantity, uplaces, r.UnitRounding.Mode)
		ia, err3 := sr.Amount.Amount().Mul(twelve).Quo(months.Mul(s.Quantity), uplaces, r.UnitRounding.Mode)
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				return Schedule{}, wrap(err, "scheduling ramp %q: segment %s", r.ID, id)
			}
		}
		sr.ACV, _ = partnerops.NewMoney(acv, c)
		sr.ImpliedUnitPrice, _ = partnerops.NewMoney(iu, c)
		sr.ImpliedAnnualUnitPrice, _ = partnerops.NewMoney(ia, c)
		out.TCV, _ = out.TCV.Add(sr.Amount)

		// Charges: the segment cut at billing boundaries, allocated by
		// months so they sum exactly to its amount.
		var cuts []int
		cuts = append(cuts, offset)
		if every > 0 {
			for m := (offset/every + 1) * every; m < offset+s.Months; m += every {
				cuts = append(cuts, m)
			}
		}
		cuts = append(cuts, offset+s.Months)
		w := make([]partnerops.Decimal, len(cuts)-1)
		for j := range w {
			w[j] = partnerops.DecimalFromInt(int64(cuts[j+1] - cuts[j]))
		}
		parts, err := sr.Amount.RoundTo(places, partnerops.RoundDown).Allocate(w...)
		if err != nil {
			return Schedule{}, wrap(err, "scheduling ramp %q: segment %s", r.ID, id)
		}
		for j, a := range parts {
			out.Charges = append(out.Charges, Charge{
				Period:  partnerops.Period{Start: addMonths(r.Start, cuts[j]), End: addMonths(r.Start, cuts[j+1])},
				Amount:  a,
				Segment: id,
			})
		}
		out.Segments = append(out.Segments, sr)
		offset += s.Months
	}
	out.Term = partnerops.Period{Start: r.Start, End: addMonths(r.Start, offset)}
	return out, nil
}
