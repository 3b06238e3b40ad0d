package deal

import (
	"fmt"

	"github.com/partnerops/partnerops"
)

var one = partnerops.DecimalFromInt(1)

// maxTermMonths bounds a deal's term (100 years).
const maxTermMonths = 1200

// Evaluate computes a deal's economics under its model; see the package
// doc for the waterfall. Bad input gives a [*partnerops.ValidationError]
// (paths such as parties[1].slot), [ErrUnknownModel], [ErrUnknownSlot],
// [ErrTooManyParties] or [partnerops.ErrCurrencyMismatch], never a panic.
func (e *Engine) Evaluate(d Deal) (Result, error) {
	m, ok := e.models[d.Model]
	if !ok {
		return Result{}, wrap(ErrUnknownModel, "evaluating deal %q: model %q", d.ID, d.Model)
	}
	r, err := e.evaluate(m, d, false)
	if err != nil {
		return Result{}, wrap(err, "evaluating deal %q", d.ID)
	}
	return r, nil
}

// in places a (possibly bare) amount in the engine's currency.
func (e *Engine) in(m partnerops.Money, path string, p *partnerops.Problems) partnerops.Money {
	if m.Currency() == "" && m.IsZero() {
		return partnerops.Zero(e.currency)
	}
	x, err := m.InCurrency(e.currency)
	if err != nil {
		p.AddErr(path, err)
		return partnerops.Zero(e.currency)
	}
	return x
}

func (e *Engine) round(m partnerops.Money) partnerops.Money { return m.RoundTo(e.places, e.mode) }

// exact reports whether m has no digits below the rounding places.
func (e *Engine) exact(m partnerops.Money) bool {
	return m.RoundTo(e.places, partnerops.RoundDown).Equal(m)
}

// evaluate runs the waterfall. lenient (Compare) ignores parties whose
// slot the model lacks.
func (e *Engine) evaluate(m *model, d Deal, lenient bool) (Result, error) {
	var p partnerops.Problems
	price := e.in(d.Price, "price", &p)
	if price.IsNegative() {
		p.Add("price", "must not be negative", price.Amount().String())
	} else if fixed, ok := fixAmount(price, e.places); ok && price.Amount().Scale() == e.places {
		_ = fixed // exact, at the places already
	} else if !e.exact(price) {
		p.Addf("price", price.Amount().String(), "must be exact to %d places; round it first", e.places)
	} else {
		price = e.round(price) // exact: only fixes the scale
	}
	list := partnerops.Money{}
	// A zero amount is none, whatever its currency (JSON leaves it out).
	if !d.List.IsZero() {
		list = e.in(d.List, "list", &p)
	}
	term := d.TermMonths
	if term == 0 {
		term = 12
	}
	if term < 0 || term > maxTermMonths {
		p.Addf("term_months", fmt.Sprint(d.TermMonths), "must be between 1 and %d", maxTermMonths)
		term = 12
	}
	business := d.Business
	if business == "" {
		business = partnerops.BusinessNew
	} else if !business.Valid() {
		p.Add("business", `must be "new", "renewal" or "expansion"`, string(business))
	}
	if d.Units.IsNegative() {
		p.Add("units", "must not be negative", d.Units.String())
	}
	var annual []partnerops.Money
	if len(d.Annual) > 0 {
		annual = make([]partnerops.Money, len(d.Annual))
		sum := partnerops.Zero(e.currency)
		for i, a := range d.Annual {
			annual[i] = e.in(a, partnerops.Path("annual", i), &p)
			if !e.exact(annual[i]) || annual[i].IsNegative() {
				p.Addf(partnerops.Path("annual", i), annual[i].Amount().String(), "must be non-negative and exact to %d places", e.places)
			}
			annual[i] = e.round(annual[i])
			sum, _ = sum.Add(annual[i])
		}
		if p.Len() == 0 && !sum.Equal(price) {
			p.Addf("annual", sum.Amount().String(), "contract years sum to %s, not the price %s", sum.Amount(), price.Amount())
		}
	}
	// Parties by slot, in the deal's order.
	// filled[k] lists the parties in slot k; small deals use the stack.
	var fbuf [8][]int
	var ibuf [8]int
	var filled [][]int
	if len(m.slots) <= len(fbuf) {
		filled = fbuf[:len(m.slots)]
	} else {
		filled = make([][]int, len(m.slots))
	}
	free := ibuf[:0] // one-element backing arrays for the first party of a slot
	for i, pt := range d.Parties {
		pp := func(f string) string { return partnerops.Path("parties", i, f) } // built only on a problem
		k, ok := m.slot(pt.Slot)
		if !ok {
			if lenient {
				continue
			}
			p.AddWrapped(pp("slot"), fmt.Sprintf("model %q has no slot %q", m.id, pt.Slot), ErrUnknownSlot)
			continue
		}
		if pt.Weight.IsNegative() {
			p.Add(pp("weight"), "must not be negative", pt.Weight.String())
		}
		if pt.Attribution != "" && !pt.Attribution.Valid() {
			p.Add(pp("attribution"), `must be "sourced" or "influenced"`, string(pt.Attribution))
		}
		if c := pt.Services.Currency(); c != e.currency && !pt.Services.IsZero() {
			e.in(pt.Services, pp("services"), &p)
		}
		if fi := filled[k]; len(fi) > 0 && m.slots[k].Role == RoleGSI && d.Parties[fi[0]].Attribution != pt.Attribution {
			p.Add(pp("attribution"), "parties splitting a gsi slot share one attribution", string(pt.Attribution))
		}
		if len(filled[k]) == 0 && len(free) < cap(free) {
			free = append(free, i)
			filled[k] = free[len(free)-1 : len(free) : len(free)]
		} else {
			filled[k] = append(filled[k], i)
		}
		if len(filled[k]) == 2 && !m.slots[k].splittable {
			p.AddWrapped(pp("slot"), fmt.Sprintf("slot %q (%s) holds one party", pt.Slot, m.slots[k].Role), ErrTooManyParties)
		}
	}
	if err := p.Err(); err != nil {
		return Result{}, err
	}

	r := Result{
		Deal: d.ID, Model: m.id, Motion: m.motion, Business: business, TermMonths: term,
		CustomerPrice: price, PartnerTotal: partnerops.Zero(e.currency),
	}
	if !list.IsZero() {
		r.List = list
		r.Discount, _ = list.Sub(price)
		if list.IsPositive() {
			r.DiscountPercent = e.share6(r.Discount, list)
		}
		r.Discount = nz(r.Discount)
	}
	r.Parties = make([]PartyResult, 0, len(d.Parties)+len(m.slots))
	if m.fast && e.fastOK {
		if ok, err := e.waterfallFast(m, d, &r, annual, filled, business); err != nil {
			return Result{}, err
		} else if ok {
			r.finish()
			return r, nil
		}
		r.Parties = r.Parties[:0]
		r.PartnerTotal = partnerops.Zero(e.currency)
	}
	if annual == nil {
		annual = e.contractYears(price, term)
	}
	r.FirstYearACV = annual[0]
	if err := e.waterfall(m, d, &r, annual, filled, business); err != nil {
		return Result{}, err
	}
	r.finish()
	return r, nil
}

// waterfall runs the slots in order with decimal arithmetic: the
// reference path, for any amount.
func (e *Engine) waterfall(m *model, d Deal, r *Result, annual []partnerops.Money, filled [][]int, business partnerops.BusinessType) error {
	price := r.CustomerPrice
	running := price
	for k := range m.slots {
		s := &m.slots[k]
		idx := filled[k]
		if len(idx) == 0 && s.Optional {
			continue
		}
		var first Party
		if len(idx) > 0 {
			first = d.Parties[idx[0]]
		}
		pr := PartyResult{Slot: s.ID, Role: s.Role, Partner: first.Partner}
		switch s.Role {
		case RoleReseller, RoleDistributor:
			pct := s.margin
			if business == partnerops.BusinessRenewal && s.hasRenewal {
				pct = s.renewalMargin
			}
			pr.Kind, pr.Basis, pr.BasisAmount, pr.Percent = KindMargin, BasisSalePrice, running, pct
			pr.Amount = e.round(pct.Of(running))
			pr.SalePrice = running
			pr.BuyPrice, _ = running.Sub(pr.Amount)
		case RoleOEM:
			pr.Kind, pr.SalePrice = KindMargin, running
			var royalty partnerops.Money
			if s.hasPerUnit {
				pr.Basis, pr.BasisAmount, pr.Units = BasisUnits, s.perUnit, d.Units
				royalty = e.round(s.perUnit.Mul(d.Units))
			} else {
				pr.Basis, pr.BasisAmount, pr.Percent = BasisSalePrice, running, s.royalty
				royalty = e.round(s.royalty.Of(running))
			}
			if s.hasMin {
				if c, _ := royalty.Cmp(s.minimum); c < 0 {
					pr.Basis, pr.BasisAmount, pr.Percent, pr.Units = BasisMinimum, s.minimum, partnerops.Percent{}, partnerops.Decimal{}
					royalty = s.minimum
				}
			}
			pr.BuyPrice = royalty
			pr.Amount, _ = running.Sub(royalty)
		case RoleMarketplace:
			pct := s.fee
			if d.PrivateOffer && s.hasPrivate {
				pct = s.privateFee
			}
			pr.Kind, pr.Basis, pr.BasisAmount, pr.Percent = KindFee, BasisCustomerPrice, price, pct
			pr.Amount = e.round(pct.Of(price))
		case RoleReferral:
			pr.Kind, pr.Percent = KindFee, s.fee
			e.fee(s, &pr, price, annual)
		case RoleGSI:
			pct := s.influenced
			if first.Attribution == partnerops.AttributionSourced && s.hasSourced || !s.hasInfluenced {
				pct = s.sourced
			}
			pr.Kind, pr.Percent = KindFee, pct
			e.fee(s, &pr, price, annual)
		case RoleAlliance:
			pr.Kind, pr.Basis, pr.BasisAmount = KindShare, BasisNetRevenue, running
			pr.Amount, pr.Percent = e.share(s, running)
		}
		if s.Role.stage() == 0 {
			running = pr.BuyPrice
		} else {
			running, _ = running.Sub(pr.Amount)
		}
		pr.Running = running
		if err := e.place(r, pr, d, idx, true); err != nil {
			return err
		}
	}
	r.VendorNet = running
	if price.IsPositive() {
		f, _ := running.Ratio(price, 6, partnerops.RoundHalfEven)
		r.VendorShare = partnerops.PercentFromFraction(f)
	}
	return nil
}

// place adds a slot's result to r: whole, or split among its parties.
func (e *Engine) place(r *Result, pr PartyResult, d Deal, idx []int, total bool) error {
	if total {
		r.PartnerTotal, _ = r.PartnerTotal.Add(pr.Amount)
	}
	if len(idx) <= 1 {
		if len(idx) == 1 {
			pr.Services = e.services(d.Parties[idx[0]].Services)
			r.Services = addNZ(r.Services, pr.Services)
		}
		pr.normalize()
		r.Parties = append(r.Parties, pr)
		return nil
	}
	return e.split(r, pr, d, idx)
}

func (r *Result) finish() {
	r.DiscountPercent = zp(r.DiscountPercent)
	if len(r.Parties) == 0 {
		r.Parties = nil
	}
}

// nz returns the zero Money for any zero amount, so that fields encoded
// with omitzero decode back to what they were.
func nz(m partnerops.Money) partnerops.Money {
	if m.IsZero() {
		return partnerops.Money{}
	}
	return m
}

// addNZ adds b to a, either of which may be the zero Money.
func addNZ(a, b partnerops.Money) partnerops.Money {
	switch {
	case b.IsZero():
		return a
	case a.IsZero():
		return b
	}
	s, _ := a.Add(b)
	return s
}

// zp returns the zero Percent for any zero percent, so that fields
// encoded with omitzero decode back to what renders the same.
func zp(p partnerops.Percent) partnerops.Percent {
	if p.IsZero() {
		return partnerops.Percent{}
	}
	return p
}

func (pr *PartyResult) normalize() {
	pr.Percent = zp(pr.Percent)
	if pr.Units.IsZero() {
		pr.Units = partnerops.Decimal{}
	}
	pr.SalePrice, pr.BuyPrice, pr.Requested = nz(pr.SalePrice), nz(pr.BuyPrice), nz(pr.Requested)
	pr.SlotAmount, pr.Services = nz(pr.SlotAmount), nz(pr.Services)
}

func (e *Engine) services(m partnerops.Money) partnerops.Money {
	if m.IsZero() {
		return partnerops.Money{}
	}
	x, _ := m.InCurrency(e.currency)
	return x
}

// contractYears allocates price over the term's contract years in
// proportion to their months (12, ..., the rest), exactly.
func (e *Engine) contractYears(price partnerops.Money, term int) []partnerops.Money {
	years := (term + 11) / 12
	if years == 1 {
		return []partnerops.Money{price}
	}
	w := make([]partnerops.Decimal, years)
	for i := range w {
		w[i] = partnerops.DecimalFromInt(int64(min(12, term-12*i)))
	}
	out, err := e.round(price).Allocate(w...)
	if err != nil { // unreachable: price is exact and weights positive
		out = make([]partnerops.Money, years)
		out[0] = price
		for i := 1; i < years; i++ {
			out[i] = e.zero
		}
	}
	return out
}

// fee computes a referral or GSI fee: Percent of the first-year ACV or
// the TCV, or for a recurring referral of each contract year's ACV for at
// most Years years; each payment rounded, the total capped.
func (e *Engine) fee(s *slot, pr *PartyResult, price partnerops.Money, annual []partnerops.Money) {
	pct := pr.Percent
	switch {
	case s.years > 1:
		pr.Basis = BasisACV
		pr.BasisAmount = annual[0]
		n := min(s.years, len(annual))
		pr.Payments = make([]Payment, 0, n)
		total := partnerops.Zero(e.currency)
		for y := 0; y < n; y++ {
			amt := e.round(pct.Of(annual[y]))
			pr.Payments = append(pr.Payments, Payment{Year: y + 1, Basis: annual[y], Amount: amt})
			total, _ = total.Add(amt)
		}
		pr.Amount = total
		if s.hasCap {
			if c, _ := total.Cmp(s.cap); c > 0 {
				pr.Requested = total
				pr.Amount = s.cap
				left := s.cap
				for i := range pr.Payments {
					if c, _ := pr.Payments[i].Amount.Cmp(left); c > 0 {
						pr.Payments[i].Amount = left
					}
					left, _ = left.Sub(pr.Payments[i].Amount)
				}
			}
		}
		return
	case s.Basis == BasisTCV:
		pr.Basis, pr.BasisAmount = BasisTCV, price
	default:
		pr.Basis, pr.BasisAmount = BasisFirstYearACV, annual[0]
	}
	pr.Amount = e.round(pct.Of(pr.BasisAmount))
	if s.hasCap {
		if c, _ := pr.Amount.Cmp(s.cap); c > 0 {
			pr.Requested, pr.Amount = pr.Amount, s.cap
		}
	}
}

// share computes an alliance share of net, rounded once; it returns the
// effective percent too (for range tiering the tier's percent, for slab
// tiering zero unless a single tier applies).
func (e *Engine) share(s *slot, net partnerops.Money) (partnerops.Money, partnerops.Percent) {
	zero := e.zero
	if !net.IsPositive() {
		return zero, partnerops.Percent{}
	}
	if s.Tiering == TieringRange {
		k := -1
		for i, t := range s.tiers {
			if c, _ := net.Cmp(t.From); c >= 0 {
				k = i
			}
		}
		if k < 0 {
			return zero, partnerops.Percent{}
		}
		return e.round(s.tiers[k].Percent.Of(net)), s.tiers[k].Percent
	}
	total := partnerops.Decimal{}
	applied := 0
	var last partnerops.Percent
	for i, t := range s.tiers {
		if c, _ := net.Cmp(t.From); c <= 0 {
			break
		}
		hi := net
		if i+1 < len(s.tiers) {
			if c, _ := s.tiers[i+1].From.Cmp(net); c < 0 {
				hi = s.tiers[i+1].From
			}
		}
		slice, _ := hi.Sub(t.From)
		total = total.Add(t.Percent.OfDecimal(slice.Amount()))
		applied++
		last = t.Percent
	}
	amt, _ := partnerops.NewMoney(total, e.currency)
	if applied != 1 {
		last = partnerops.Percent{}
	}
	return e.round(amt), last
}

// split divides a slot's amount (and its payments) among its parties by
// weight, exactly.
func (e *Engine) split(r *Result, pr PartyResult, d Deal, idx []int) error {
	w := make([]partnerops.Decimal, len(idx))
	for j, i := range idx {
		w[j] = d.Parties[i].Weight
		if w[j].IsZero() {
			w[j] = one
		}
	}
	parts, err := e.allocate(pr.Amount, w)
	if err != nil {
		return fmt.Errorf("splitting slot %q: %w", pr.Slot, err)
	}
	pay := make([][]partnerops.Money, len(pr.Payments))
	for y, py := range pr.Payments {
		if pay[y], err = e.allocate(py.Amount, w); err != nil {
			return fmt.Errorf("splitting slot %q: %w", pr.Slot, err)
		}
	}
	prior, _ := pr.Running.Add(pr.Amount) // the vendor's proceeds before the slot
	for j, i := range idx {
		q := pr
		q.Partner = d.Parties[i].Partner
		q.Weight = w[j]
		q.SlotAmount = pr.Amount
		q.Amount = parts[j]
		if len(pr.Payments) > 0 {
			q.Payments = make([]Payment, len(pr.Payments))
			for y, py := range pr.Payments {
				q.Payments[y] = Payment{Year: py.Year, Basis: py.Basis, Amount: pay[y][j]}
			}
		}
		q.Services = e.services(d.Parties[i].Services)
		r.Services = addNZ(r.Services, q.Services)
		prior, _ = prior.Sub(q.Amount)
		q.Running = prior
		q.normalize()
		r.Parties = append(r.Parties, q)
	}
	return nil
}

// slot finds a slot's index: by a scan for the few slots a model has, by
// the map otherwise.
func (m *model) slot(id SlotID) (int, bool) {
	if len(m.slots) <= 8 {
		for k := range m.slots {
			if m.slots[k].ID == id {
				return k, true
			}
		}
		return 0, false
	}
	k, ok := m.byID[id]
	return k, ok
}
