package deal

import (
	"fmt"
	"slices"

	"github.com/partnerops/partnerops"
)

// Engine evaluates deals under compiled [Terms]. It is immutable and safe
// for concurrent use.
type Engine struct {
	currency partnerops.Currency
	places   int32
	mode     partnerops.RoundingMode
	models   map[ModelID]*model
	order    []ModelID
	warnings []partnerops.Warning
	zero     partnerops.Money // zero at the rounding places
	fastOK   bool             // places are the currency's minor units
}

type model struct {
	id     ModelID
	label  string
	motion partnerops.Motion
	slots  []slot // waterfall order
	byID   map[SlotID]int
	fast   bool // every slot has fixed-point terms
}

type slot struct {
	Slot
	margin, renewalMargin      partnerops.Percent
	hasRenewal                 bool
	royalty                    partnerops.Percent
	perUnit, minimum, cap      partnerops.Money
	hasPerUnit, hasMin, hasCap bool
	fee, privateFee            partnerops.Percent
	hasPrivate                 bool
	sourced, influenced        partnerops.Percent
	hasSourced, hasInfluenced  bool
	tiers                      []ShareTier
	years                      int
	splittable                 bool
	fx                         slotFixed
}

// Warnings returns what Compile found valid but suspicious: a percent
// between 0 and 1 (probably a fraction meant as a percent), a motion
// neither common nor declared.
func (e *Engine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }

// Currency returns the terms' currency.
func (e *Engine) Currency() partnerops.Currency { return e.currency }

// Models returns the model IDs in the order the terms gave them.
func (e *Engine) Models() []ModelID { return slices.Clone(e.order) }

// Compile validates terms once, reporting every problem with its path
// (models[cppo].parties[reseller].margin), and returns the engine.
func Compile(t Terms) (*Engine, error) {
	var p partnerops.Problems
	var w partnerops.Warnings
	e := &Engine{currency: t.Currency, mode: t.Rounding.Mode, models: map[ModelID]*model{}}
	if !t.Currency.Valid() {
		p.Add("currency", "must be a known ISO 4217 currency", string(t.Currency))
	}
	e.places = t.Currency.MinorUnits()
	if t.Rounding.Places != nil {
		if pl := *t.Rounding.Places; pl < 0 || (t.Currency.Valid() && pl > e.places) {
			p.Addf("rounding.places", fmt.Sprint(pl), "must be between 0 and %d (the currency's minor units)", e.places)
		} else {
			e.places = pl
		}
	}
	if !t.Rounding.Mode.Valid() {
		p.Add("rounding.mode", "unknown rounding mode", t.Rounding.Mode.String())
	}
	declared := map[partnerops.Motion]bool{}
	for i, m := range t.Motions {
		if m == "" {
			p.Add(partnerops.Path("motions", i), "must not be empty", "")
		}
		declared[m] = true
	}
	if len(t.Models) == 0 {
		p.Add("models", "at least one model is required", "")
	}
	for i, m := range t.Models {
		mp := partnerops.Path("models", i)
		if m.ID != "" {
			mp = partnerops.Path("models", partnerops.Key(m.ID))
		}
		if m.ID == "" {
			p.Add(partnerops.JoinPath(mp, "id"), "is required", "")
		} else if _, dup := e.models[m.ID]; dup {
			p.Add(partnerops.JoinPath(mp, "id"), "duplicate model ID", string(m.ID))
			continue
		}
		if m.Motion == "" {
			p.Add(partnerops.JoinPath(mp, "motion"), "is required", "")
		} else if !m.Motion.Valid() && !declared[m.Motion] {
			w.Add(partnerops.JoinPath(mp, "motion"), "neither a common motion nor one declared in motions", string(m.Motion))
		}
		cm := &model{id: m.ID, label: m.Label, motion: m.Motion, byID: map[SlotID]int{}}
		markets := 0
		ok := true
		for j, s := range m.Parties {
			sp := partnerops.JoinPath(mp, partnerops.Path("parties", j))
			if s.ID != "" {
				sp = partnerops.JoinPath(mp, partnerops.Path("parties", partnerops.Key(s.ID)))
			}
			if s.ID == "" {
				p.Add(partnerops.JoinPath(sp, "id"), "is required", "")
			} else if _, dup := cm.byID[s.ID]; dup {
				p.Add(partnerops.JoinPath(sp, "id"), "duplicate slot ID", string(s.ID))
				continue
			}
			if s.Role == RoleMarketplace {
				markets++
				if markets == 2 {
					p.Add(partnerops.JoinPath(sp, "role"), "a model has at most one marketplace", "")
				}
			}
			cs := compileSlot(s, t.Currency, e.places, sp, &p, &w)
			cm.byID[s.ID] = -1 // placeholder: indexes set after ordering
			cm.slots = append(cm.slots, cs)
		}
		slices.SortStableFunc(cm.slots, func(a, b slot) int { return a.Role.stage() - b.Role.stage() })
		cm.fast = true
		for k, s := range cm.slots {
			cm.byID[s.ID] = k
			cm.slots[k].fx, ok = fixSlot(&cm.slots[k], e.places)
			cm.fast = cm.fast && ok
		}
		if m.ID != "" {
			e.models[m.ID] = cm
			e.order = append(e.order, m.ID)
		}
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "compiling terms")
	}
	e.warnings = w
	e.zero = partnerops.Zero(e.currency).RoundTo(e.places, partnerops.RoundDown)
	e.fastOK = e.places == e.currency.MinorUnits()
	return e, nil
}

func compileSlot(s Slot, c partnerops.Currency, places int32, sp string, p *partnerops.Problems, w *partnerops.Warnings) slot {
	cs := slot{Slot: s, years: 1}
	at := func(f string) string { return partnerops.JoinPath(sp, f) }
	// used lists the fields this role reads; any other set field is refused.
	var used []string
	pct := func(name string, v *partnerops.Percent, dst *partnerops.Percent, required bool) bool {
		used = append(used, name)
		if v == nil {
			if required {
				p.Add(at(name), "is required for role "+string(s.Role), "")
			}
			return false
		}
		checkPercent(*v, at(name), p, w)
		*dst = *v
		return true
	}
	amount := func(name string, v *partnerops.Money, dst *partnerops.Money) bool {
		used = append(used, name)
		if v == nil {
			return false
		}
		m, err := v.InCurrency(c)
		if err != nil {
			p.AddErr(at(name), err)
			return false
		}
		if m.IsNegative() {
			p.Add(at(name), "must not be negative", m.Amount().String())
		}
		if name != "royalty_per_unit" && !m.RoundTo(places, partnerops.RoundDown).Equal(m) {
			p.Addf(at(name), m.Amount().String(), "must be exact to %d places", places)
		}
		*dst = m.RoundTo(places, partnerops.RoundDown) // exact: fixes the scale
		if name == "royalty_per_unit" {
			*dst = m
		}
		return true
	}
	basis := func() {
		used = append(used, "basis")
		switch s.Basis {
		case "":
			cs.Basis = BasisFirstYearACV
		case BasisFirstYearACV, BasisTCV:
		default:
			p.Add(at("basis"), `must be "first_year_acv" or "tcv"`, string(s.Basis))
		}
	}
	switch s.Role {
	case RoleReseller, RoleDistributor:
		pct("margin", s.Margin, &cs.margin, true)
		cs.hasRenewal = pct("renewal_margin", s.RenewalMargin, &cs.renewalMargin, false)
	case RoleOEM:
		hasPct := pct("royalty", s.Royalty, &cs.royalty, false)
		cs.hasPerUnit = amount("royalty_per_unit", s.RoyaltyPerUnit, &cs.perUnit)
		if hasPct == cs.hasPerUnit {
			p.Add(at("royalty"), "an oem slot needs exactly one of royalty and royalty_per_unit", "")
		}
		cs.hasMin = amount("minimum", s.Minimum, &cs.minimum)
	case RoleMarketplace:
		pct("fee", s.Fee, &cs.fee, true)
		cs.hasPrivate = pct("private_offer_fee", s.PrivateOfferFee, &cs.privateFee, false)
	case RoleReferral:
		pct("fee", s.Fee, &cs.fee, true)
		basis()
		used = append(used, "years")
		if s.Years < 0 || s.Years > 100 {
			p.Add(at("years"), "must be between 0 and 100", fmt.Sprint(s.Years))
		} else if s.Years > 1 {
			cs.years = s.Years
			if s.Basis != "" {
				p.Add(at("basis"), "a fee recurring for years takes each contract year's ACV; leave basis out", string(s.Basis))
			}
		}
		cs.hasCap = amount("cap", s.Cap, &cs.cap)
		cs.splittable = true
	case RoleGSI:
		cs.hasSourced = pct("sourced_fee", s.SourcedFee, &cs.sourced, false)
		cs.hasInfluenced = pct("influenced_fee", s.InfluencedFee, &cs.influenced, false)
		if !cs.hasSourced && !cs.hasInfluenced {
			p.Add(at("sourced_fee"), "a gsi slot needs sourced_fee, influenced_fee or both", "")
		}
		basis()
		cs.hasCap = amount("cap", s.Cap, &cs.cap)
		cs.splittable = true
	case RoleAlliance:
		used = append(used, "tiers", "tiering")
		if len(s.Tiers) == 0 {
			p.Add(at("tiers"), "is required for role alliance", "")
		}
		switch s.Tiering {
		case "":
			cs.Tiering = TieringSlab
		case TieringSlab, TieringRange:
		default:
			p.Add(at("tiering"), `must be "slab" or "range"`, string(s.Tiering))
		}
		cs.tiers = make([]ShareTier, len(s.Tiers))
		for k, tr := range s.Tiers {
			tp := partnerops.JoinPath(at("tiers"), partnerops.Path(k))
			from, err := tr.From.InCurrency(c)
			if err != nil {
				p.AddErr(partnerops.JoinPath(tp, "from"), err)
			} else if from.IsNegative() {
				p.Add(partnerops.JoinPath(tp, "from"), "must not be negative", from.Amount().String())
			} else if k > 0 && cs.tiers[k-1].From.Currency() == c {
				if cmp, _ := from.Cmp(cs.tiers[k-1].From); cmp <= 0 {
					p.Add(partnerops.JoinPath(tp, "from"), "tiers must ascend by from", from.Amount().String())
				}
			}
			checkPercent(tr.Percent, partnerops.JoinPath(tp, "percent"), p, w)
			cs.tiers[k] = ShareTier{From: from, Percent: tr.Percent}
		}
		cs.splittable = true
	default:
		p.Addf(at("role"), string(s.Role), "unknown role; want one of %v", roles)
		return cs
	}
	refuseUnused(s, used, sp, p)
	return cs
}

// refuseUnused reports fields set on a slot that its role does not read.
func refuseUnused(s Slot, used []string, sp string, p *partnerops.Problems) {
	set := []struct {
		name string
		on   bool
	}{
		{"margin", s.Margin != nil},
		{"renewal_margin", s.RenewalMargin != nil},
		{"royalty", s.Royalty != nil},
		{"royalty_per_unit", s.RoyaltyPerUnit != nil},
		{"minimum", s.Minimum != nil},
		{"fee", s.Fee != nil},
		{"private_offer_fee", s.PrivateOfferFee != nil},
		{"sourced_fee", s.SourcedFee != nil},
		{"influenced_fee", s.InfluencedFee != nil},
		{"basis", s.Basis != ""},
		{"years", s.Years != 0},
		{"cap", s.Cap != nil},
		{"tiers", len(s.Tiers) > 0},
		{"tiering", s.Tiering != ""},
	}
	for _, f := range set {
		if f.on && !slices.Contains(used, f.name) {
			p.Add(partnerops.JoinPath(sp, f.name), "not used by role "+string(s.Role), "")
		}
	}
}

var hundred = partnerops.DecimalFromInt(100)

func checkPercent(v partnerops.Percent, path string, p *partnerops.Problems, w *partnerops.Warnings) {
	d := v.Decimal()
	if d.IsNegative() || d.Cmp(hundred) > 0 {
		p.Add(path, "must be between 0 and 100", v.String())
		return
	}
	if d.IsPositive() && d.Cmp(partnerops.DecimalFromInt(1)) < 0 {
		w.Add(path, `a percent between 0 and 1; percents are in percent units ("20" is 20%)`, v.String())
	}
}
