package pricing

import (
	"cmp"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
)

// PriceBook is a list of prices in one currency, usually for one region.
// Prices start from the entries' list prices, from their costs (cost-plus)
// or from another book (derived books); see [Basis] and [Formula].
type PriceBook struct {
	ID       BookID              `json:"id"`
	Name     string              `json:"name,omitempty"`
	Currency partnerops.Currency `json:"currency"`
	// Region selects the book for quotes in that region when the quote
	// does not name a book. Empty means any region.
	Region partnerops.Region `json:"region,omitempty"`
	// Basis defaults to [BasisList].
	Basis Basis `json:"basis,omitempty"`
	// BaseBook is the book a [BasisBook] book derives from.
	BaseBook BookID `json:"base_book,omitempty"`
	// Rate multiplies the base book's prices and costs before the formula
	// (a conversion rate when the currencies differ, where it is
	// required). Defaults to 1.
	Rate *partnerops.Decimal `json:"rate,omitempty"`
	// Formula turns the basis into the list price. Optional for
	// [BasisList] and [BasisBook]; required for [BasisCost].
	Formula *Formula `json:"formula,omitempty"`
	// Rounding says how this book's net prices are rounded.
	Rounding Rounding `json:"rounding,omitzero"`
	// Entries are the book's own prices. In a derived book they override
	// the base book's prices for their SKUs.
	Entries []Entry `json:"entries,omitempty"`
}

// Entry is the price of one SKU over an effective window.
type Entry struct {
	SKU    SKU    `json:"sku"`
	Family Family `json:"family,omitempty"`
	Name   string `json:"name,omitempty"`
	// Unit of measure ("seat", "TB", "each").
	Unit string `json:"unit,omitempty"`
	// List is the list price per unit. Required in a [BasisList] book;
	// elsewhere it overrides the formula for this entry.
	List partnerops.Money `json:"list"`
	// Cost per unit: the basis of cost-plus books and of margin floors.
	Cost partnerops.Money `json:"cost,omitzero"`
	// Floor is the minimum net unit price of the SKU.
	Floor partnerops.Money `json:"floor,omitzero"`
	// From and Until bound the half-open window [From, Until) in which the
	// entry is in force; a zero bound is open.
	From  time.Time `json:"from,omitzero"`
	Until time.Time `json:"until,omitzero"`
}

// Formula turns a basis price into a list price. Its steps run in this
// documented order, each optional:
//
//  1. Markup: basis × (1 + Markup) (cost-plus);
//  2. Discount: × (1 − Discount);
//  3. Increment: round to a multiple of Increment with IncrementMode;
//  4. Surcharge: + Surcharge;
//  5. clamp so that the gross margin (price − cost) / price lies between
//     MinMargin and MaxMargin (entries without a cost are not clamped);
//
// then the result is rounded to the book's places with its mode.
type Formula struct {
	Markup        partnerops.Percent      `json:"markup,omitzero"`
	Discount      partnerops.Percent      `json:"discount,omitzero"`
	Increment     partnerops.Decimal      `json:"increment,omitzero"`
	IncrementMode partnerops.RoundingMode `json:"increment_mode,omitempty"`
	Surcharge     partnerops.Money        `json:"surcharge,omitzero"`
	MinMargin     *partnerops.Percent     `json:"min_margin,omitempty"`
	MaxMargin     *partnerops.Percent     `json:"max_margin,omitempty"`
}

// Rounding is a book's rounding policy for net prices.
type Rounding struct {
	// Mode defaults to half up.
	Mode partnerops.RoundingMode `json:"mode,omitempty"`
	// Places defaults to the currency's minor units.
	Places *int32 `json:"places,omitempty"`
	// Target defaults to [RoundUnit].
	Target RoundingTarget `json:"target,omitempty"`
}

// version is one compiled entry: a SKU's price over a window.
type version struct {
	from, until time.Time
	sku         SKU
	family      Family
	name, unit  string
	list        decimal.Decimal
	cost        decimal.Decimal
	hasCost     bool
	entryFloor  decimal.Decimal
	hasFloor    bool
	floor       decimal.Decimal // effective floor, set by the engine
	floorByCost bool            // the effective floor comes from the minimum margin
	listN       num
	floorN      num
	listM       partnerops.Money // list, floor and cost as Money, built once
	floorM      partnerops.Money
	costM       partnerops.Money
	scoped      []int32 // the engine's rules scoped to this SKU or its family, by rank
}

func (v *version) inForce(at time.Time) bool {
	return (v.from.IsZero() || !at.Before(v.from)) && (v.until.IsZero() || at.Before(v.until))
}

type cbook struct {
	id       BookID
	currency partnerops.Currency
	region   partnerops.Region
	places   int32
	mode     partnerops.RoundingMode
	target   RoundingTarget
	skus     map[SKU][]version // versions sorted by from
	families map[Family]bool
}

// find returns the version of sku in force at at.
func (b *cbook) find(sku SKU, at time.Time) (*version, error) {
	vs, ok := b.skus[sku]
	if !ok {
		return nil, ErrUnknownSKU
	}
	for i := range vs {
		if vs[i].inForce(at) {
			return &vs[i], nil
		}
	}
	return nil, ErrNoPrice
}

var (
	one        = decimal.NewFromInt(1)
	hundredPct = partnerops.PercentFromInt(100)
	zeroPct    = partnerops.Percent{}
)

// moneyIn reports whether m is usable as an amount in currency c: in c,
// or the zero Money (which JSON produces for an omitted zero amount).
func moneyIn(m partnerops.Money, c partnerops.Currency) bool {
	return m.Currency() == c || (m.Currency() == "" && m.IsZero())
}

func checkMoney(p *partnerops.Problems, path string, m partnerops.Money, c partnerops.Currency, nonNegative bool) {
	if !moneyIn(m, c) {
		p.Add(path, "must be in "+string(c), m.String())
		return
	}
	if err := partnerops.CheckDecimal(m.Amount()); err != nil {
		p.Add(path, err.Error(), m.String())
		return
	}
	if nonNegative && m.IsNegative() {
		p.Add(path, "must not be negative", m.String())
	}
}

func checkPercent(p *partnerops.Problems, path string, v partnerops.Percent, lo, hi partnerops.Percent) {
	if err := partnerops.CheckDecimal(v.Decimal()); err != nil {
		p.Add(path, err.Error(), v.String())
		return
	}
	if !v.Between(lo, hi) {
		p.Add(path, "must be between "+lo.String()+" and "+hi.String(), v.String())
	}
}

// validateBooks checks every book on its own and the derivation graph.
func validateBooks(p *partnerops.Problems, books []PriceBook) {
	ids := make(map[BookID]int, len(books))
	for i, b := range books {
		bp := partnerops.Path("books", i)
		if b.ID == "" {
			p.Add(partnerops.JoinPath(bp, "id"), "must not be empty", "")
		} else if j, dup := ids[b.ID]; dup {
			p.Addf(partnerops.JoinPath(bp, "id"), string(b.ID), "duplicate of books[%d]", j)
		} else {
			ids[b.ID] = i
		}
	}
	for i, b := range books {
		bp := partnerops.Path("books", i)
		at := func(parts ...any) string { return partnerops.JoinPath(bp, partnerops.Path(parts...)) }
		cur := b.Currency
		if !cur.Valid() {
			p.Add(at("currency"), "must be a known ISO 4217 code", string(cur))
		}
		if !b.Basis.valid() {
			p.Add(at("basis"), "must be list, cost or book", string(b.Basis))
		}
		if b.Basis == BasisBook {
			base, ok := ids[b.BaseBook]
			switch {
			case b.BaseBook == "":
				p.Add(at("base_book"), "required for basis book", "")
			case !ok:
				p.Add(at("base_book"), "must name a book", string(b.BaseBook))
			case books[base].Currency != cur && b.Rate == nil:
				p.Add(at("rate"), "required when the base book's currency differs", "")
			}
		} else if b.BaseBook != "" {
			p.Add(at("base_book"), "only a book with basis book has a base book", string(b.BaseBook))
		}
		if b.Rate != nil {
			if b.Basis != BasisBook {
				p.Add(at("rate"), "only a book with basis book has a rate", b.Rate.String())
			} else if err := partnerops.CheckDecimal(b.Rate.Decimal); err != nil || b.Rate.Sign() <= 0 {
				p.Add(at("rate"), "must be a positive decimal", b.Rate.String())
			}
		}
		if b.Basis == BasisCost && b.Formula == nil {
			p.Add(at("formula"), "required for basis cost", "")
		}
		if f := b.Formula; f != nil {
			checkPercent(p, at("formula", "markup"), f.Markup, zeroPct, partnerops.PercentFromInt(10000))
			checkPercent(p, at("formula", "discount"), f.Discount, zeroPct, hundredPct)
			if f.Increment.Sign() < 0 || partnerops.CheckDecimal(f.Increment.Decimal) != nil {
				p.Add(at("formula", "increment"), "must be a positive decimal", f.Increment.String())
			}
			if !f.IncrementMode.Valid() {
				p.Add(at("formula", "increment_mode"), "unknown rounding mode", f.IncrementMode.String())
			}
			checkMoney(p, at("formula", "surcharge"), f.Surcharge, cur, true)
			below := partnerops.MustPercent("99.99")
			if f.MinMargin != nil {
				checkPercent(p, at("formula", "min_margin"), *f.MinMargin, zeroPct, below)
			}
			if f.MaxMargin != nil {
				checkPercent(p, at("formula", "max_margin"), *f.MaxMargin, zeroPct, below)
			}
			if f.MinMargin != nil && f.MaxMargin != nil && f.MinMargin.Cmp(*f.MaxMargin) > 0 {
				p.Add(at("formula", "max_margin"), "must not be below min_margin", f.MaxMargin.String())
			}
		}
		if !b.Rounding.Mode.Valid() {
			p.Add(at("rounding", "mode"), "unknown rounding mode", b.Rounding.Mode.String())
		}
		if pl := b.Rounding.Places; pl != nil && (*pl < -9 || *pl > partnerops.MaxDecimalScale) {
			p.Addf(at("rounding", "places"), decimalInt(int64(*pl)), "must be between -9 and %d", partnerops.MaxDecimalScale)
		}
		if !b.Rounding.Target.valid() {
			p.Add(at("rounding", "target"), "must be unit or extended", string(b.Rounding.Target))
		}
		validateEntries(p, bp, b)
	}
	// Derivation cycles.
	state := make([]uint8, len(books)) // 0 new, 1 visiting, 2 done
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case 1:
			return false
		case 2:
			return true
		}
		state[i] = 1
		ok := true
		if books[i].Basis == BasisBook {
			if j, found := ids[books[i].BaseBook]; found && ids[books[i].ID] == i {
				ok = visit(j)
			}
		}
		state[i] = 2
		return ok
	}
	for i := range books {
		if books[i].Basis == BasisBook && state[i] == 0 && !visit(i) {
			p.Add(partnerops.Path("books", i, "base_book"), "derivation chain has a cycle", string(books[i].BaseBook))
		}
	}
}

func decimalInt(n int64) string { return decimal.NewFromInt(n).String() }

func validateEntries(p *partnerops.Problems, bp string, b PriceBook) {
	type span struct {
		i           int
		from, until time.Time
	}
	seen := make(map[SKU][]span, len(b.Entries))
	for i, e := range b.Entries {
		at := func(f string) string { return partnerops.JoinPath(bp, partnerops.Path("entries", i, f)) }
		if e.SKU == "" {
			p.Add(at("sku"), "must not be empty", "")
		}
		needList := b.Basis == "" || b.Basis == BasisList || b.Basis == BasisBook
		if e.List.Currency() == "" {
			if needList {
				p.Add(at("list"), "required", "")
			}
		} else {
			checkMoney(p, at("list"), e.List, b.Currency, true)
		}
		if e.Cost.Currency() == "" && b.Basis == BasisCost && e.List.Currency() == "" {
			p.Add(at("cost"), "required for basis cost", "")
		}
		checkMoney(p, at("cost"), e.Cost, b.Currency, true)
		checkMoney(p, at("floor"), e.Floor, b.Currency, true)
		if !e.From.IsZero() && !e.Until.IsZero() && !e.From.Before(e.Until) {
			p.Add(at("until"), "must be after from", e.Until.Format(time.RFC3339))
		}
		for _, s := range seen[e.SKU] {
			if overlaps(s.from, s.until, e.From, e.Until) {
				p.Addf(at("sku"), string(e.SKU), "window overlaps entries[%d] of the same SKU", s.i)
				break
			}
		}
		seen[e.SKU] = append(seen[e.SKU], span{i, e.From, e.Until})
	}
}

// overlaps reports whether half-open windows with open (zero) bounds meet.
func overlaps(af, au, bf, bu time.Time) bool {
	aBeforeBEnd := bu.IsZero() || af.IsZero() || af.Before(bu)
	bBeforeAEnd := au.IsZero() || bf.IsZero() || bf.Before(au)
	return aBeforeBEnd && bBeforeAEnd
}

// compileBooks builds every book, deriving books in dependency order. It
// assumes validateBooks found nothing.
func compileBooks(books []PriceBook) map[BookID]*cbook {
	byID := make(map[BookID]int, len(books))
	for i, b := range books {
		byID[b.ID] = i
	}
	out := make(map[BookID]*cbook, len(books))
	var build func(i int) *cbook
	build = func(i int) *cbook {
		b := books[i]
		if cb, ok := out[b.ID]; ok {
			return cb
		}
		places := b.Currency.MinorUnits()
		if b.Rounding.Places != nil {
			places = *b.Rounding.Places
		}
		target := b.Rounding.Target
		if target == "" {
			target = RoundUnit
		}
		cb := &cbook{id: b.ID, currency: b.Currency, region: b.Region, places: places,
			mode: b.Rounding.Mode, target: target, skus: map[SKU][]version{}, families: map[Family]bool{}}
		for _, e := range b.Entries {
			v := version{from: e.From, until: e.Until, sku: e.SKU, family: e.Family, name: e.Name, unit: e.Unit}
			if e.Cost.Currency() != "" {
				v.cost, v.hasCost = e.Cost.Amount(), true
			}
			if e.Floor.Currency() != "" {
				v.entryFloor, v.hasFloor = e.Floor.Amount(), true
			}
			if e.List.Currency() != "" {
				v.list = e.List.Amount()
			} else {
				v.list = applyFormula(b.Formula, v.cost, v.cost, v.hasCost, places, b.Rounding.Mode)
			}
			if b.Formula != nil && (b.Basis == "" || b.Basis == BasisList) {
				v.list = applyFormula(b.Formula, v.list, v.cost, v.hasCost, places, b.Rounding.Mode)
			}
			cb.skus[e.SKU] = append(cb.skus[e.SKU], v)
		}
		if b.Basis == BasisBook {
			base := build(byID[b.BaseBook])
			rate := one
			if b.Rate != nil {
				rate = b.Rate.Decimal
			}
			for _, sku := range sortedKeys(base.skus) {
				if _, own := cb.skus[sku]; own {
					continue
				}
				for _, bv := range base.skus[sku] {
					v := bv
					v.cost = bv.cost.Mul(rate)
					if bv.hasFloor {
						v.entryFloor = partnerops.RoundCeiling.Round(bv.entryFloor.Mul(rate), places)
					}
					v.list = applyFormula(b.Formula, bv.list.Mul(rate), v.cost, v.hasCost, places, b.Rounding.Mode)
					cb.skus[sku] = append(cb.skus[sku], v)
				}
			}
		}
		for sku, vs := range cb.skus {
			slices.SortStableFunc(vs, func(a, b version) int { return a.from.Compare(b.from) })
			for _, v := range vs {
				if v.family != "" {
					cb.families[v.family] = true
				}
			}
			cb.skus[sku] = vs
		}
		out[b.ID] = cb
		return cb
	}
	for i := range books {
		build(i)
	}
	return out
}

func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// applyFormula runs f over basis (see [Formula]) and rounds the result to
// places with mode. A nil formula only rounds.
func applyFormula(f *Formula, basis, cost decimal.Decimal, hasCost bool, places int32, mode partnerops.RoundingMode) decimal.Decimal {
	p := basis
	if f != nil {
		if !f.Markup.IsZero() {
			p = p.Mul(one.Add(f.Markup.Fraction()))
		}
		if !f.Discount.IsZero() {
			p = p.Mul(one.Sub(f.Discount.Fraction()))
		}
		if f.Increment.Sign() > 0 {
			if r, err := f.IncrementMode.RoundToIncrement(p, f.Increment.Decimal); err == nil {
				p = r
			}
		}
		if !f.Surcharge.IsZero() {
			p = p.Add(f.Surcharge.Amount())
		}
		if hasCost {
			if f.MinMargin != nil {
				if lo, ok := marginPrice(cost, *f.MinMargin, places, partnerops.RoundCeiling); ok && p.Cmp(lo) < 0 {
					p = lo
				}
			}
			if f.MaxMargin != nil {
				if hi, ok := marginPrice(cost, *f.MaxMargin, places, partnerops.RoundFloor); ok && p.Cmp(hi) > 0 {
					p = hi
				}
			}
		}
	}
	return mode.Round(p, places)
}

// marginPrice returns the price at which cost leaves gross margin m:
// cost / (1 − m), rounded to places with mode (ceiling for a minimum so
// the margin is at least m, floor for a maximum).
func marginPrice(cost decimal.Decimal, m partnerops.Percent, places int32, mode partnerops.RoundingMode) (decimal.Decimal, bool) {
	den := one.Sub(m.Fraction())
	if den.Sign() <= 0 {
		return decimal.Decimal{}, false
	}
	// Truncate the quotient at four guard digits; for a ceiling, step up
	// one guard unit when the division was inexact. The exact quotient x
	// lies in [q, q + 10^-(places+4)), and no multiple of 10^-places lies
	// strictly inside that interval, so rounding the adjusted q to places
	// gives exactly ceil(x) (or floor(x)) at places.
	q, r := cost.QuoRem(den, places+4)
	if r.Sign() != 0 && mode == partnerops.RoundCeiling {
		q = q.Add(decimal.New(1, -(places + 4)))
	}
	return mode.Round(q, places), true
}
