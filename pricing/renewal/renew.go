package renewal

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Renewal is the facts of one renewal, for one line or a whole contract:
// amounts of the same basis (a unit price, or an extended amount).
type Renewal struct {
	Policy PolicyID `json:"policy"`
	// PriorNet is the expiring term's net price.
	PriorNet partnerops.Money `json:"prior_net"`
	// PriorList is the list price when the expiring term was sold; it
	// gives the prior discount for MaxErosion. Nil: not given (a given
	// zero is a price of zero, and survives JSON).
	PriorList *partnerops.Money `json:"prior_list,omitempty"`
	// CurrentList is today's list price (lesser_of_uplift_and_list, list,
	// MaxErosion); nil when not given.
	CurrentList *partnerops.Money `json:"current_list,omitempty"`
	// Index is the index value for index rules ("3.2" for 3.2% CPI).
	Index *partnerops.Percent `json:"index,omitempty"`
}

type renewalPlain Renewal

// ParseRenewal decodes a renewal strictly (see [ParseTerms]).
func ParseRenewal(data []byte) (Renewal, error) {
	var r Renewal
	if err := strict.Decode(data, (*renewalPlain)(&r), strict.Options{}); err != nil {
		return Renewal{}, fmt.Errorf("renewal: parsing renewal: %w", err)
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRenewal] does.
func (r *Renewal) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*renewalPlain)(r), strict.Options{})
}

// Bound names a limit that decided a renewal price.
type Bound string

// Bounds.
const (
	// BoundIndexFloor, BoundIndexCap: index + spread was clamped.
	BoundIndexFloor Bound = "index_floor"
	BoundIndexCap   Bound = "index_cap"
	// BoundList: the current list price was lower than the uplift.
	BoundList Bound = "list"
	// BoundErosion: the maximum discount erosion raised the price.
	BoundErosion Bound = "max_erosion"
)

// Quote is a priced renewal with its explanation: the uplift applied,
// the uplifted price, the limits that bound it and the final price,
// rounded once.
type Quote struct {
	Policy PolicyID `json:"policy"`
	Rule   RuleKind `json:"rule"`
	// Currency-bearing inputs as used.
	PriorNet    partnerops.Money `json:"prior_net"`
	PriorList   partnerops.Money `json:"prior_list,omitzero"`
	CurrentList partnerops.Money `json:"current_list,omitzero"`
	// Index as given, for index rules.
	Index partnerops.Percent `json:"index,omitzero"`
	// Uplift applied to the prior net price (for index rules, index +
	// spread after the floor and cap).
	Uplift partnerops.Percent `json:"uplift,omitzero"`
	// Uplifted is prior net × (1 + uplift), exact.
	Uplifted partnerops.Money `json:"uplifted,omitzero"`
	// ErosionFloor is the lowest price MaxErosion allows, rounded up to
	// the price's places; zero when the policy has no MaxErosion.
	ErosionFloor partnerops.Money `json:"erosion_floor,omitzero"`
	// Bounds lists the limits that changed the price, in the order
	// applied.
	Bounds []Bound `json:"bounds,omitempty"`
	// Price is the renewal price, rounded with the terms' rounding.
	Price partnerops.Money `json:"price"`
	// Change is Price / PriorNet − 1 (half even, 4 places of a percent).
	Change partnerops.Percent `json:"change"`
	// PriorDiscount and Discount off the prior and current lists, when
	// given (half even, 4 places of a percent).
	PriorDiscount partnerops.Percent `json:"prior_discount,omitzero"`
	Discount      partnerops.Percent `json:"discount,omitzero"`
}

func (e *Engine) in(m partnerops.Money, path string, p *partnerops.Problems) partnerops.Money {
	x, err := m.InCurrency(e.currency)
	if err != nil {
		p.AddErr(path, err)
		return partnerops.Zero(e.currency)
	}
	if x.IsNegative() {
		p.Add(path, "must not be negative", x.Amount().String())
	}
	return x
}

func ratio(a, b partnerops.Money) partnerops.Percent {
	if !b.IsPositive() {
		return partnerops.Percent{}
	}
	f, _ := a.Ratio(b, 6, partnerops.RoundHalfEven)
	return partnerops.PercentFromFraction(f)
}

// Renew prices a renewal under its policy; see the package doc for the
// order of the rules. Missing inputs give [ErrMissingInput], an unknown
// policy [ErrUnknownPolicy], bad amounts a [*partnerops.ValidationError].
func (e *Engine) Renew(r Renewal) (Quote, error) {
	pol, ok := e.policies[r.Policy]
	if !ok {
		return Quote{}, wrap(ErrUnknownPolicy, "renewing under %q", r.Policy)
	}
	var p partnerops.Problems
	q := Quote{Policy: pol.ID, Rule: pol.Rule}
	q.PriorNet = e.in(r.PriorNet, "prior_net", &p)
	hasPriorList, hasList := r.PriorList != nil, r.CurrentList != nil
	if hasPriorList {
		q.PriorList = e.in(*r.PriorList, "prior_list", &p)
	}
	if hasList {
		q.CurrentList = e.in(*r.CurrentList, "current_list", &p)
	}
	needList := pol.Rule == RuleLesserOf || pol.Rule == RuleList
	if needList && !hasList {
		p.AddWrapped("current_list", "is required for rule "+string(pol.Rule), ErrMissingInput)
	}
	if pol.Rule == RuleIndex && r.Index == nil {
		p.AddWrapped("index", "is required for rule index", ErrMissingInput)
	}
	if pol.MaxErosion != nil && (!hasList || !hasPriorList) {
		p.AddWrapped("prior_list", "max_erosion needs prior_list and current_list", ErrMissingInput)
	}
	if hasPriorList && !q.PriorList.IsPositive() && pol.MaxErosion != nil {
		p.Add("prior_list", "must be positive for max_erosion", q.PriorList.Amount().String())
	}
	if err := p.Err(); err != nil {
		return Quote{}, wrap(err, "renewing under %q", r.Policy)
	}

	price := q.PriorNet
	switch pol.Rule {
	case RuleUplift, RuleLesserOf:
		q.Uplift = *pol.Uplift
	case RuleIndex:
		q.Index = *r.Index
		u := r.Index.Add(percentOr(pol.Spread))
		if pol.Floor != nil && u.Cmp(*pol.Floor) < 0 {
			u = *pol.Floor
			q.Bounds = append(q.Bounds, BoundIndexFloor)
		}
		if pol.Cap != nil && u.Cmp(*pol.Cap) > 0 {
			u = *pol.Cap
			q.Bounds = append(q.Bounds, BoundIndexCap)
		}
		q.Uplift = u
	case RuleList:
		price = q.CurrentList
	}
	if pol.Rule == RuleUplift || pol.Rule == RuleLesserOf || pol.Rule == RuleIndex {
		q.Uplifted, _ = q.PriorNet.Add(q.Uplift.Of(q.PriorNet))
		price = q.Uplifted
	}
	if pol.Rule == RuleLesserOf {
		if c, _ := q.CurrentList.Cmp(price); c < 0 {
			price = q.CurrentList
			q.Bounds = append(q.Bounds, BoundList)
		}
	}
	if pol.MaxErosion != nil {
		// floor = current list × (prior net / prior list − erosion),
		// divided once and rounded up so a rounded price never breaks it.
		num := q.CurrentList.Amount().Mul(q.PriorNet.Amount()).Sub(pol.MaxErosion.OfDecimal(q.CurrentList.Amount()).Mul(q.PriorList.Amount()))
		f, err := num.Quo(q.PriorList.Amount(), e.places, partnerops.RoundCeiling)
		if err != nil {
			return Quote{}, wrap(err, "renewing under %q", r.Policy)
		}
		floor, _ := partnerops.NewMoney(f, e.currency)
		if floor.IsNegative() {
			floor = partnerops.Zero(e.currency)
		}
		if c, _ := floor.Cmp(q.CurrentList); c > 0 {
			floor = q.CurrentList
		}
		q.ErosionFloor = floor
		if c, _ := price.Cmp(floor); c < 0 {
			price = floor
			q.Bounds = append(q.Bounds, BoundErosion)
		}
	}
	q.Price = price.RoundTo(e.places, e.mode)
	if q.PriorNet.IsPositive() {
		f, _ := q.Price.Ratio(q.PriorNet, 6, partnerops.RoundHalfEven)
		q.Change = partnerops.PercentFromFraction(f.Sub(partnerops.DecimalFromInt(1)))
	}
	if hasPriorList {
		d, _ := q.PriorList.Sub(q.PriorNet)
		q.PriorDiscount = ratio(d, q.PriorList)
	}
	if hasList {
		d, _ := q.CurrentList.Sub(q.Price)
		q.Discount = ratio(d, q.CurrentList)
	}
	q.Uplifted, q.ErosionFloor = nz(q.Uplifted), nz(q.ErosionFloor)
	q.Index, q.Uplift, q.PriorDiscount, q.Discount = zp(q.Index), zp(q.Uplift), zp(q.PriorDiscount), zp(q.Discount)
	q.PriorList, q.CurrentList = nz(q.PriorList), nz(q.CurrentList)
	return q, nil
}

func percentOr(p *partnerops.Percent) partnerops.Percent {
	if p == nil {
		return partnerops.Percent{}
	}
	return *p
}

// nz returns the zero Money for any zero amount, so that fields encoded
// with omitzero decode back to what they were.
func nz(m partnerops.Money) partnerops.Money {
	if m.IsZero() {
		return partnerops.Money{}
	}
	return m
}

// zp returns the zero Percent for any zero percent, so that fields
// encoded with omitzero decode back to what renders the same.
func zp(p partnerops.Percent) partnerops.Percent {
	if p.IsZero() {
		return partnerops.Percent{}
	}
	return p
}
