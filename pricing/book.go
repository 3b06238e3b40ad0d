package pricing

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
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
	// Tax, when set, makes results report each line's tax, net of tax
	// and gross (see [Tax]).
	Tax *Tax `json:"tax,omitempty" aka:"vat,sales_tax"`
	// Entries are the book's own prices. In a derived book they override
	// the base book's prices for their SKUs.
	Entries []Entry `json:"entries,omitempty"`
	// Units are unit conversions for the book's entries: for the entries
	// of a family (when Family is set) or for every entry. An entry's own
	// conversions come first, then its family's, then the book's.
	Units []UnitConversion `json:"units,omitempty" aka:"uoms,conversions,unit_conversions"`
}

// Tax is a book's sales tax: Rate, and whether the book's prices include
// it (a tax-included book, as consumer prices in many countries are).
// Discounts and approvals work on the prices as priced; results add the
// tax, the net of tax and the gross.
type Tax struct {
	Rate     partnerops.Percent `json:"rate"`
	Included bool               `json:"included,omitempty" aka:"tax_included,inclusive"`
}

// UnitConversion lets quote lines use another unit than an entry's stock
// unit (its Unit): one Unit is Factor stock units. A box of 12 seats is
// {"unit": "box", "factor": "12"}; grams in a book that sells kilograms
// are {"unit": "g", "factor": "0.001"}.
type UnitConversion struct {
	Unit string `json:"unit" path:"key"`
	// Factor is the number of stock units in one Unit; positive.
	Factor partnerops.Decimal `json:"factor" aka:"conversion_factor,ratio,conversion"`
	// Family limits a book's conversion to the entries of that family
	// (and its subfamilies); an entry's own conversions have none.
	Family Family `json:"family,omitempty"`
}

// Entry is the price of one SKU over an effective window.
//
// Amounts are in the book's currency: in JSON a bare decimal string
// ("100.00") or an object in that currency; nil means not given.
type Entry struct {
	SKU    SKU    `json:"sku" path:"key"`
	Family Family `json:"family,omitempty"`
	Name   string `json:"name,omitempty"`
	// Unit of measure ("seat", "TB", "each"): the stock unit, in which
	// list prices, costs, floors, rule amounts, quantity conditions and
	// schedules are stated.
	Unit string `json:"unit,omitempty"`
	// Units convert other units a quote line may use into the stock unit
	// (see [UnitConversion]).
	Units []UnitConversion `json:"units,omitempty" aka:"uoms,conversions,unit_conversions"`
	// Parent makes the entry a variant of another SKU of the book (a size
	// or colour of a product, one level deep). It takes the parent's
	// family, unit and unit conversions where it has none; without a list
	// price of its own (nor, in a cost book, a cost) it takes the
	// parent's list price in force over its window (which must lie within
	// one of the parent's prices), and the parent's cost and floor where
	// it has none.
	Parent SKU `json:"parent,omitempty" aka:"variant_of,template"`
	// ListFromVariants prices the entry at the lowest list price among
	// its variants (the entries whose Parent it is) in force over its
	// window; it has no list price of its own.
	ListFromVariants bool `json:"list_from_variants,omitempty" aka:"lowest_variant,from_variants"`
	// List is the list price per unit. Required in a [BasisList] book;
	// elsewhere it overrides the formula for this entry.
	List *partnerops.Money `json:"list,omitempty" aka:"price,list_price"`
	// Cost per unit: the basis of cost-plus books and of margin floors.
	// Required in a [BasisCost] book for entries without a list price.
	Cost *partnerops.Money `json:"cost,omitempty"`
	// Floor is the minimum net unit price of the SKU.
	Floor *partnerops.Money `json:"floor,omitempty" aka:"minimum,min_price"`
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
//  6. clamp to [basis + MinMarginAmount, basis + MaxMarginAmount]:
//     margins as amounts over the price the formula starts from (Odoo's
//     pricelist formula); negative amounts are allowed, so a negative
//     minimum caps the discount (basis − 10.00 at the lowest);
//
// then the result is rounded to the book's places with its mode (in a
// rule's [EffectFormula], at the net price like every step). Markup,
// Discount and Surcharge are non-negative unless AllowNegative is set: a
// negative discount then marks up and a negative markup discounts, down
// to −100%.
type Formula struct {
	Markup          partnerops.Percent      `json:"markup,omitzero"`
	Discount        partnerops.Percent      `json:"discount,omitzero"`
	Increment       partnerops.Decimal      `json:"increment,omitzero"`
	IncrementMode   partnerops.RoundingMode `json:"increment_mode,omitempty"`
	Surcharge       partnerops.Money        `json:"surcharge,omitzero"`
	MinMargin       *partnerops.Percent     `json:"min_margin,omitempty"`
	MaxMargin       *partnerops.Percent     `json:"max_margin,omitempty"`
	MinMarginAmount *partnerops.Money       `json:"min_margin_amount,omitempty" aka:"price_min_margin"`
	MaxMarginAmount *partnerops.Money       `json:"max_margin_amount,omitempty" aka:"price_max_margin"`
	AllowNegative   bool                    `json:"allow_negative,omitempty" aka:"allow_negative_discount"`
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
	costN       num              // the cost, for profits
	floorN      num              // the floor rounded up to the book's places: the waterfall's bound
	floorX      num              // the exact floor, for the final rounding guard
	listM       partnerops.Money // list, floor and cost as Money, built once
	floorM      partnerops.Money
	costM       partnerops.Money
	scoped      []int32  // the engine's rules scoped to this SKU or its family, by rank
	lineage     []Family // the family and its ancestors, nearest first
	// units are the conversions a quote line may use, the entry's own
	// first (the first match wins).
	units []unitConv
	// parent is the SKU the entry is a variant of; inherit says it takes
	// the parent's list price, fromVariants that it takes its variants'
	// lowest.
	parent       SKU
	inherit      bool
	fromVariants bool
}

// unitConv is a compiled unit conversion: one unit is f stock units.
type unitConv struct {
	name string
	f    num
	fd   decimal.Decimal
}

// conversion returns the conversion for unit name, or false when the entry
// knows no such unit.
func (v *version) conversion(name string) (*unitConv, bool) {
	for i := range v.units {
		if v.units[i].name == name {
			return &v.units[i], true
		}
	}
	return nil, false
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
	tax      *Tax
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
	hundred    = decimal.NewFromInt(100)
	zeroPct    = partnerops.Percent{}
	below100   = partnerops.MustPercent("99.99")
	maxMarkup  = partnerops.PercentFromInt(10000)
)

// workPlaces is the working precision of a book rounding to places: four
// more digits, at most [partnerops.MaxDecimalScale].
func workPlaces(places int32) int32 { return min(places+4, partnerops.MaxDecimalScale) }

// bookKey names book i in paths: by its ID, or by index when it has none.
func bookKey(b *PriceBook, i int) any { return elemKey(string(b.ID), i) }

// validateBooks checks every book on its own and the derivation graph.
func validateBooks(p *partnerops.Problems, books []PriceBook) {
	ids := make(map[BookID]int, len(books))
	for i := range books {
		b := &books[i]
		at := partnerops.Path("books", bookKey(b, i), "id")
		if b.ID == "" {
			p.Add(at, "must not be empty", "")
		} else if _, dup := ids[b.ID]; dup {
			p.Add(at, "duplicate book ID", string(b.ID))
		} else {
			ids[b.ID] = i
		}
	}
	for i := range books {
		b := &books[i]
		bp := partnerops.Path("books", bookKey(b, i))
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
				p.Add(at("rate"), "only a book with basis book has a rate", valueText(*b.Rate))
			} else if checkDecimal(p, at("rate"), *b.Rate) && b.Rate.Sign() <= 0 {
				p.Add(at("rate"), "must be a positive decimal", b.Rate.String())
			}
		}
		if b.Basis == BasisCost && b.Formula == nil {
			p.Add(at("formula"), "required for basis cost", "")
		}
		if f := b.Formula; f != nil {
			validateFormula(p, f, func(f string) string { return at("formula", f) }, func(path string, m partnerops.Money, nonNeg bool) bool {
				return checkMoney(p, path, m, cur, nonNeg)
			})
		}
		if b.Tax != nil {
			checkPercent(p, at("tax", "rate"), b.Tax.Rate, zeroPct, maxMarkup)
		}
		if !b.Rounding.Mode.Valid() {
			p.Add(at("rounding", "mode"), "unknown rounding mode", b.Rounding.Mode.String())
		}
		if pl := b.Rounding.Places; pl != nil && (*pl < minPlaces || *pl > partnerops.MaxDecimalScale) {
			p.Addf(at("rounding", "places"), decimalInt(int64(*pl)), "must be between %d and %d", minPlaces, partnerops.MaxDecimalScale)
		}
		if !b.Rounding.Target.valid() {
			p.Add(at("rounding", "target"), "must be unit or extended", string(b.Rounding.Target))
		}
		validateEntries(p, bp, b)
		validateUnits(p, at, "units", b.Units, true)
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
			p.Add(partnerops.Path("books", bookKey(&books[i], i), "base_book"), "derivation chain has a cycle", string(books[i].BaseBook))
		}
	}
}

// validateFormula checks a formula's percentages (negative only where it
// allows them), increment, amounts (through money, which places them in
// the book's or framework's currency) and margin ranges.
func validateFormula(p *partnerops.Problems, f *Formula, at func(string) string, money func(path string, m partnerops.Money, nonNegative bool) bool) {
	lo := zeroPct
	if f.AllowNegative {
		lo = hundredPct.Neg()
	}
	checkPercent(p, at("markup"), f.Markup, lo, maxMarkup)
	checkPercent(p, at("discount"), f.Discount, lo, hundredPct)
	if checkDecimal(p, at("increment"), f.Increment) && f.Increment.Sign() < 0 {
		p.Add(at("increment"), "must be a positive decimal", f.Increment.String())
	}
	if !f.IncrementMode.Valid() {
		p.Add(at("increment_mode"), "unknown rounding mode", f.IncrementMode.String())
	}
	// A zero surcharge is none, whatever its currency: JSON leaves it
	// out (see partnerops.Money.IsZero), so it must not fail here either.
	if !f.Surcharge.IsZero() {
		money(at("surcharge"), f.Surcharge, !f.AllowNegative)
	}
	minOK := f.MinMargin == nil || checkPercent(p, at("min_margin"), *f.MinMargin, zeroPct, below100)
	maxOK := f.MaxMargin == nil || checkPercent(p, at("max_margin"), *f.MaxMargin, zeroPct, below100)
	if f.MinMargin != nil && f.MaxMargin != nil && minOK && maxOK && f.MinMargin.Cmp(*f.MaxMargin) > 0 {
		p.Add(at("max_margin"), "must not be below min_margin", f.MaxMargin.String())
	}
	minOK = f.MinMarginAmount == nil || money(at("min_margin_amount"), *f.MinMarginAmount, false)
	maxOK = f.MaxMarginAmount == nil || money(at("max_margin_amount"), *f.MaxMarginAmount, false)
	if f.MinMarginAmount != nil && f.MaxMarginAmount != nil && minOK && maxOK && f.MinMarginAmount.Amount().Cmp(f.MaxMarginAmount.Amount()) > 0 {
		p.Add(at("max_margin_amount"), "must not be below min_margin_amount", f.MaxMarginAmount.Amount().String())
	}
}

// minPlaces is the smallest number of places a book may round to
// (multiples of a billion).
const minPlaces = -9

func decimalInt(n int64) string { return partnerops.DecimalFromInt(n).String() }

func validateEntries(p *partnerops.Problems, bp string, b *PriceBook) {
	type span struct {
		i           int
		from, until time.Time
	}
	seen := make(map[SKU][]span, len(b.Entries))
	// SKUs that may be parents (entries that are not variants), and
	// parents that have variants.
	parents, hasVariants := map[SKU]bool{}, map[SKU]bool{}
	for i := range b.Entries {
		if b.Entries[i].Parent == "" {
			parents[b.Entries[i].SKU] = true
		} else {
			hasVariants[b.Entries[i].Parent] = true
		}
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		ep := partnerops.JoinPath(bp, partnerops.Path("entries", elemKey(string(e.SKU), i)))
		at := func(f string) string { return partnerops.JoinPath(ep, f) }
		if e.SKU == "" {
			p.Add(at("sku"), "must not be empty", "")
		}
		needList := (b.Basis == "" || b.Basis == BasisList) && e.Parent == "" && !e.ListFromVariants
		switch {
		case e.List != nil:
			checkMoney(p, at("list"), *e.List, b.Currency, true)
			if e.ListFromVariants {
				p.Add(at("list"), "an entry priced from its variants has no list price of its own", "")
			}
		case needList:
			p.Add(at("list"), "required in a book with basis list", "")
		case b.Basis == BasisCost && e.Cost == nil:
			p.Add(at("cost"), "required in a book with basis cost (or give a list price)", "")
		}
		if e.Cost != nil {
			checkMoney(p, at("cost"), *e.Cost, b.Currency, true)
		}
		switch {
		case e.Parent == "":
		case e.Parent == e.SKU:
			p.Add(at("parent"), "an entry cannot be its own variant", string(e.Parent))
		case !parents[e.Parent]:
			p.Add(at("parent"), "must name a SKU of this book that is not a variant itself", string(e.Parent))
		case e.ListFromVariants:
			p.Add(at("list_from_variants"), "a variant cannot be priced from variants of its own", "")
		}
		if e.ListFromVariants && !hasVariants[e.SKU] {
			p.Add(at("list_from_variants"), "no entry of this book is a variant of it", string(e.SKU))
		}
		if e.Floor != nil {
			checkMoney(p, at("floor"), *e.Floor, b.Currency, true)
		}
		validateUnits(p, func(parts ...any) string { return partnerops.JoinPath(ep, partnerops.Path(parts...)) }, "units", e.Units, false)
		for j, u := range e.Units {
			if u.Unit == e.Unit && u.Factor.Validate() == nil && !u.Factor.Equal(partnerops.DecimalFromInt(1)) {
				p.Add(partnerops.JoinPath(ep, partnerops.Path("units", elemKey(u.Unit, j), "factor")), "the entry's own unit converts at 1", u.Factor.String())
			}
		}
		if !e.From.IsZero() && !e.Until.IsZero() && !e.From.Before(e.Until) {
			p.Add(at("until"), "must be after from", e.Until.Format(time.RFC3339))
		}
		for _, s := range seen[e.SKU] {
			if overlaps(s.from, s.until, e.From, e.Until) {
				p.Addf(at("until"), "", "window overlaps another entry of SKU %q (entries are told apart by their from/until windows)", e.SKU)
				break
			}
		}
		seen[e.SKU] = append(seen[e.SKU], span{i, e.From, e.Until})
	}
}

// validateUnits checks unit conversions: named, unique (per family in a
// book), with a positive factor; only a book's conversions name a family.
func validateUnits(p *partnerops.Problems, at func(...any) string, field string, units []UnitConversion, book bool) {
	type key struct {
		unit   string
		family Family
	}
	seen := make(map[key]bool, len(units))
	for j, u := range units {
		k := elemKey(u.Unit, j)
		if u.Unit == "" {
			p.Add(at(field, k, "unit"), "must not be empty", "")
		} else if seen[key{u.Unit, u.Family}] {
			p.Add(at(field, k, "unit"), "duplicate unit", u.Unit)
		}
		seen[key{u.Unit, u.Family}] = true
		if checkDecimal(p, at(field, k, "factor"), u.Factor) && u.Factor.Sign() <= 0 {
			p.Add(at(field, k, "factor"), "must be a positive number of stock units", u.Factor.String())
		}
		if !book && u.Family != "" {
			p.Add(at(field, k, "family"), "an entry's conversion applies to the entry; only a book's conversions name a family", string(u.Family))
		}
	}
}

// appendUnits appends the conversions of units that apply to family
// (all of them when family is "any") and whose unit dst does not hold yet.
func appendUnits(dst []unitConv, units []UnitConversion, match func(Family) bool) []unitConv {
	for _, u := range units {
		if !match(u.Family) {
			continue
		}
		if slices.ContainsFunc(dst, func(c unitConv) bool { return c.name == u.Unit }) {
			continue
		}
		fd := fence.Dec(u.Factor)
		dst = append(dst, unitConv{name: u.Unit, f: numOf(fd), fd: fd})
	}
	return dst
}

// overlaps reports whether half-open windows with open (zero) bounds meet.
func overlaps(af, au, bf, bu time.Time) bool {
	aBeforeBEnd := bu.IsZero() || af.IsZero() || af.Before(bu)
	bBeforeAEnd := au.IsZero() || bf.IsZero() || bf.Before(au)
	return aBeforeBEnd && bBeforeAEnd
}

// bookPlaces returns the places b rounds to.
func bookPlaces(b *PriceBook) int32 {
	if b.Rounding.Places != nil {
		return *b.Rounding.Places
	}
	return b.Currency.MinorUnits()
}

// compileBooks builds every book, deriving books in dependency order. It
// assumes validateBooks found nothing. Derived values that leave the
// decimal range are reported to p.
func compileBooks(p *partnerops.Problems, books []PriceBook, tree *familyTree) map[BookID]*cbook {
	byID := make(map[BookID]int, len(books))
	for i, b := range books {
		byID[b.ID] = i
	}
	out := make(map[BookID]*cbook, len(books))
	var build func(i int) *cbook
	build = func(i int) *cbook {
		b := &books[i]
		if cb, ok := out[b.ID]; ok {
			return cb
		}
		places := bookPlaces(b)
		target := b.Rounding.Target
		if target == "" {
			target = RoundUnit
		}
		cb := &cbook{id: b.ID, currency: b.Currency, region: b.Region, places: places, tax: clonePtr(b.Tax),
			mode: b.Rounding.Mode, target: target, skus: map[SKU][]version{}, families: map[Family]bool{}}
		for _, e := range b.Entries {
			v := version{from: e.From, until: e.Until, sku: e.SKU, family: e.Family, name: e.Name, unit: e.Unit,
				units: appendUnits(nil, e.Units, func(Family) bool { return true })}
			if e.Cost != nil {
				v.cost, v.hasCost = fence.Amount(*e.Cost), true
			}
			if e.Floor != nil {
				v.entryFloor, v.hasFloor = fence.Amount(*e.Floor), true
			}
			v.parent, v.fromVariants = e.Parent, e.ListFromVariants
			switch {
			case e.List != nil:
				v.list = fence.Amount(*e.List)
				if b.Formula != nil && (b.Basis == "" || b.Basis == BasisList) {
					v.list = applyFormula(b.Formula, v.list, v.cost, v.hasCost, places, b.Rounding.Mode)
				}
			case e.ListFromVariants:
			case e.Parent != "" && !(b.Basis == BasisCost && e.Cost != nil):
				v.inherit = true
			default:
				v.list = applyFormula(b.Formula, v.cost, v.cost, v.hasCost, places, b.Rounding.Mode)
			}
			cb.skus[e.SKU] = append(cb.skus[e.SKU], v)
		}
		resolveVariants(p, b, i, cb)
		if b.Basis == BasisBook {
			base := build(byID[b.BaseBook])
			rate := one
			if b.Rate != nil {
				rate = fence.Dec(*b.Rate)
			}
			// Derived costs are rounded half-even to the working
			// precision, so that chains of rates keep a bounded scale.
			wp := workPlaces(places)
			for _, sku := range sortedKeys(base.skus) {
				if _, own := cb.skus[sku]; own {
					continue
				}
				for _, bv := range base.skus[sku] {
					v := bv
					v.scoped, v.units = nil, slices.Clone(bv.units)
					v.cost = fence.Round(bv.cost.Mul(rate), wp, partnerops.RoundHalfEven)
					if bv.hasFloor {
						v.entryFloor = fence.Round(bv.entryFloor.Mul(rate), places, partnerops.RoundCeiling)
					}
					v.list = applyFormula(b.Formula, bv.list.Mul(rate), v.cost, v.hasCost, places, b.Rounding.Mode)
					cb.skus[sku] = append(cb.skus[sku], v)
				}
			}
		}
		for _, sku := range sortedKeys(cb.skus) {
			vs := cb.skus[sku]
			slices.SortStableFunc(vs, func(a, b version) int { return a.from.Compare(b.from) })
			for k := range vs {
				v := &vs[k]
				// The book's conversions: the family's (nearest first), then
				// every entry's.
				v.lineage = tree.lineage(v.family)
				for _, fam := range v.lineage {
					v.units = appendUnits(v.units, b.Units, func(f Family) bool { return f == fam })
				}
				v.units = appendUnits(v.units, b.Units, func(f Family) bool { return f == "" })
				if v.family != "" {
					cb.families[v.family] = true
				}
				for _, x := range []struct {
					f string
					d decimal.Decimal
				}{{"list", v.list}, {"cost", v.cost}, {"floor", v.entryFloor}} {
					if err := fence.Check(x.d); err != nil {
						p.AddErr(partnerops.Path("books", bookKey(b, i), "entries", partnerops.Key(sku), x.f), err)
					}
				}
			}
		}
		out[b.ID] = cb
		return cb
	}
	for i := range books {
		build(i)
	}
	return out
}

// resolveVariants gives variants without a list price their parent's
// (and family, unit, conversions, cost and floor where they have none),
// then prices parents at their variants' lowest list price. A variant's
// window must lie within one of its parent's prices, and a variant
// version meeting a parent priced from its variants must cover the
// parent's window, so that one price holds over each window.
func resolveVariants(p *partnerops.Problems, b *PriceBook, bi int, cb *cbook) {
	at := func(sku SKU, f string) string {
		return partnerops.Path("books", bookKey(b, bi), "entries", partnerops.Key(sku), f)
	}
	variants := map[SKU][]SKU{}
	for _, sku := range sortedKeys(cb.skus) {
		vs := cb.skus[sku]
		if len(vs) > 0 && vs[0].parent != "" {
			variants[vs[0].parent] = append(variants[vs[0].parent], sku)
		}
		for i := range vs {
			v := &vs[i]
			if v.parent == "" {
				continue
			}
			if ps := cb.skus[v.parent]; len(ps) > 0 {
				// What does not change with time comes from the parent's
				// first price.
				if v.family == "" {
					v.family = ps[0].family
				}
				if v.unit == "" {
					v.unit = ps[0].unit
				}
				if len(v.units) == 0 {
					v.units = slices.Clone(ps[0].units)
				}
			}
			if !v.inherit {
				continue
			}
			pv := covering(cb.skus[v.parent], v.from, v.until)
			switch {
			case pv == nil:
				p.Add(at(sku, "parent"), "no single price of the parent covers the variant's window: give the variant a list price or a window within one of the parent's", string(v.parent))
				continue
			case pv.fromVariants:
				p.Add(at(sku, "parent"), "the parent is priced from its variants: give the variant a list price", string(v.parent))
				continue
			}
			v.list = pv.list
			if !v.hasCost {
				v.cost, v.hasCost = pv.cost, pv.hasCost
			}
			if !v.hasFloor {
				v.entryFloor, v.hasFloor = pv.entryFloor, pv.hasFloor
			}
		}
	}
	for _, sku := range sortedKeys(cb.skus) {
		vs := cb.skus[sku]
		for i := range vs {
			v := &vs[i]
			if !v.fromVariants {
				continue
			}
			found := false
			for _, vsku := range variants[sku] {
				for k := range cb.skus[vsku] {
					w := &cb.skus[vsku][k]
					if !overlaps(w.from, w.until, v.from, v.until) {
						continue
					}
					if w.inherit || covering(cb.skus[vsku][k:k+1], v.from, v.until) == nil {
						p.Addf(at(sku, "list_from_variants"), "", "variant %q has more than one price over the entry's window (or none of its own): give the entry windows that match its variants'", vsku)
						return
					}
					if !found || w.list.Cmp(v.list) < 0 {
						v.list = w.list
					}
					found = true
				}
			}
			if !found {
				p.Add(at(sku, "list_from_variants"), "no variant has a price over the entry's window", "")
			}
		}
	}
}

// covering returns the version of vs whose window holds [from, until)
// entirely (zero bounds are open), or nil.
func covering(vs []version, from, until time.Time) *version {
	for i := range vs {
		w := &vs[i]
		if (w.from.IsZero() || (!from.IsZero() && !from.Before(w.from))) &&
			(w.until.IsZero() || (!until.IsZero() && !until.After(w.until))) {
			return w
		}
	}
	return nil
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
	return fence.Round(formulaPrice(f, basis, cost, hasCost, places, one), places, mode)
}

// formulaPrice runs f over basis (see [Formula]) without the final
// rounding; the gross-margin clamps are rounded to places (up for the
// minimum, down for the maximum). Amounts (surcharge, margin amounts) are
// multiplied by scale (a unit's factor).
func formulaPrice(f *Formula, basis, cost decimal.Decimal, hasCost bool, places int32, scale decimal.Decimal) decimal.Decimal {
	p := basis
	if f != nil {
		if !f.Markup.IsZero() {
			p = p.Mul(one.Add(fence.Frac(f.Markup)))
		}
		if !f.Discount.IsZero() {
			p = p.Mul(one.Sub(fence.Frac(f.Discount)))
		}
		if f.Increment.Sign() > 0 {
			if r, err := fence.RoundToIncrement(p, fence.Dec(f.Increment), f.IncrementMode); err == nil {
				p = r
			}
		}
		if !f.Surcharge.IsZero() {
			p = p.Add(fence.Amount(f.Surcharge).Mul(scale))
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
		if f.MinMarginAmount != nil {
			if lo := basis.Add(fence.Amount(*f.MinMarginAmount).Mul(scale)); p.Cmp(lo) < 0 {
				p = lo
			}
		}
		if f.MaxMarginAmount != nil {
			if hi := basis.Add(fence.Amount(*f.MaxMarginAmount).Mul(scale)); p.Cmp(hi) > 0 {
				p = hi
			}
		}
	}
	return p
}

// marginPrice returns the price at which cost leaves gross margin m:
// cost / (1 − m), rounded once to places with mode (ceiling for a minimum
// so the margin is at least m, floor for a maximum).
func marginPrice(cost decimal.Decimal, m partnerops.Percent, places int32, mode partnerops.RoundingMode) (decimal.Decimal, bool) {
	den := one.Sub(fence.Frac(m))
	if den.Sign() <= 0 {
		return decimal.Decimal{}, false
	}
	q, err := fence.Quo(cost, den, places, mode)
	return q, err == nil
}
