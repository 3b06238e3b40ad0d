package deal

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// The fixed-point path: when the rounding places are the currency's
// minor units and every amount fits, the waterfall runs on int64 minor
// units with 128-bit products, each product divided and rounded once,
// exactly as the decimal path does (TestFastMatchesDecimal checks the two
// agree); Money values are built once at the end.

// frac is a percent as the fraction num/den, den a power of ten.
type frac struct{ num, den uint64 }

var pow10 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < 20; i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// fixPercent returns p/100 as a fraction, if its digits fit.
func fixPercent(p partnerops.Percent) (frac, bool) {
	d := fence.Pct(p)
	if d.Sign() < 0 || d.NumDigits() > 18 {
		return frac{}, false
	}
	num := uint64(d.CoefficientInt64())
	k := 2 - int(d.Exponent()) // den = 10^k
	for k < 0 {
		if num > (1<<63)/10 {
			return frac{}, false
		}
		num *= 10
		k++
	}
	if k > 19 {
		return frac{}, false
	}
	return frac{num, pow10[k]}, true
}

// fixAmount returns m in minor units (places), if exact and small
// enough that sums of a few cannot overflow.
func fixAmount(m partnerops.Money, places int32) (int64, bool) {
	d := fence.Amount(m)
	if d.NumDigits() > 17 {
		return 0, false
	}
	c := d.CoefficientInt64()
	e := d.Exponent() + places
	switch {
	case e >= 0:
		if e > 2 || c > 1e15 || c < -1e15 {
			return 0, false
		}
		return c * int64(pow10[e]), true
	default:
		if -e > 17 {
			return 0, false
		}
		p := int64(pow10[-e])
		if c%p != 0 {
			return 0, false
		}
		return c / p, true
	}
}

type slotFixed struct {
	margin, renewalMargin, royalty, fee, privateFee, sourced, influenced frac
	minimum, cap                                                         int64
	tierFrom                                                             []int64
	tierPct                                                              []frac
}

// fixSlot precomputes a slot's terms in fixed point; false when one does
// not fit (the slot then runs on the decimal path).
func fixSlot(s *slot, places int32) (slotFixed, bool) {
	var f slotFixed
	ok := true
	pf := func(p partnerops.Percent, dst *frac) {
		x, good := fixPercent(p)
		*dst, ok = x, ok && good
	}
	pf(s.margin, &f.margin)
	pf(s.renewalMargin, &f.renewalMargin)
	pf(s.royalty, &f.royalty)
	pf(s.fee, &f.fee)
	pf(s.privateFee, &f.privateFee)
	pf(s.sourced, &f.sourced)
	pf(s.influenced, &f.influenced)
	var good bool
	if s.hasMin {
		f.minimum, good = fixAmount(s.minimum, places)
		ok = ok && good
	}
	if s.hasCap {
		f.cap, good = fixAmount(s.cap, places)
		ok = ok && good
	}
	for _, t := range s.tiers {
		c, g1 := fixAmount(t.From, places)
		p, g2 := fixPercent(t.Percent)
		f.tierFrom, f.tierPct = append(f.tierFrom, c), append(f.tierPct, p)
		ok = ok && g1 && g2
	}
	return f, ok
}

// roundQuo rounds q + r/den (q, r non-negative) to an integer with mode.
func roundQuo(q, r, den uint64, mode partnerops.RoundingMode) uint64 {
	switch mode {
	case partnerops.RoundHalfUp:
		if r >= den-r && r > 0 {
			q++
		}
	case partnerops.RoundHalfEven:
		if r > den-r || (r == den-r && r > 0 && q&1 == 1) {
			q++
		}
	case partnerops.RoundUp, partnerops.RoundCeiling:
		if r > 0 {
			q++
		}
	}
	return q
}

// mul returns x × f rounded once with mode; false if it overflows.
func mul(x int64, f frac, mode partnerops.RoundingMode) (int64, bool) {
	if x < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(x), f.num)
	if hi >= f.den {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, f.den)
	q = roundQuo(q, r, f.den, mode)
	if q > 1<<62 {
		return 0, false
	}
	return int64(q), true
}

// money builds the Money of c minor units.
func (e *Engine) money(c int64) partnerops.Money {
	m, _ := partnerops.NewMoney(partnerops.NewDecimal(c, -e.places), e.currency)
	return m
}

// memo remembers the last few amounts built, since a waterfall repeats
// them (a buy price is the running amount and the next sale price).
type memo struct {
	e    *Engine
	c    [8]int64
	m    [8]partnerops.Money
	n, i int
}

func (mm *memo) money(c int64) partnerops.Money {
	for j := 0; j < mm.n; j++ {
		if mm.c[j] == c {
			return mm.m[j]
		}
	}
	m := mm.e.money(c)
	mm.c[mm.i], mm.m[mm.i] = c, m
	mm.i = (mm.i + 1) % len(mm.c)
	mm.n = min(mm.n+1, len(mm.c))
	return m
}

// share6 returns a/b as a percent rounded half even to 6 places of a
// fraction (a and b non-negative amounts, b positive).
func (e *Engine) share6(a, b partnerops.Money) partnerops.Percent {
	if e.fastOK {
		x, ok1 := fixAmount(a, e.places)
		y, ok2 := fixAmount(b, e.places)
		if ok1 && ok2 && x >= 0 && y > 0 {
			hi, lo := bits.Mul64(uint64(x), 1e6)
			if hi < uint64(y) {
				q, r := bits.Div64(hi, lo, uint64(y))
				q = roundQuo(q, r, uint64(y), partnerops.RoundHalfEven)
				return partnerops.PercentFromFraction(partnerops.NewDecimal(int64(q), -6))
			}
		}
	}
	f, _ := a.Ratio(b, 6, partnerops.RoundHalfEven)
	return partnerops.PercentFromFraction(f)
}

// contractYearsFixed allocates price over the contract years by months,
// exactly as Money.Allocate does (largest remainder, ties to the earlier
// year).
func contractYearsFixed(price int64, term int, buf []int64) []int64 {
	years := (term + 11) / 12
	out := buf[:0]
	if years == 1 {
		return append(out, price)
	}
	var rems [maxTermMonths/12 + 1]int64
	left := price
	for i := range years {
		w := int64(min(12, term-12*i))
		q := price / int64(term) * w
		rem := price % int64(term) * w // price = a·term + b: share = a·w + b·w/term
		q += rem / int64(term)
		rems[i] = rem % int64(term)
		out = append(out, q)
		left -= q
	}
	for ; left > 0; left-- {
		best := -1
		for i := range years {
			if rems[i] >= 0 && (best < 0 || rems[i] > rems[best]) {
				best = i
			}
		}
		out[best]++
		rems[best] = -1
	}
	return out
}

// waterfallFast runs the waterfall in minor units. It reports false,
// leaving r to be redone, when an amount does not fit.
func (e *Engine) waterfallFast(m *model, d Deal, r *Result, annualM []partnerops.Money, filled [][]int, business partnerops.BusinessType) (bool, error) {
	mode := e.mode
	price, ok := fixAmount(r.CustomerPrice, e.places)
	if !ok || price > 1e15 {
		return false, nil
	}
	var abuf [8]int64
	var annual []int64
	if annualM != nil {
		annual = abuf[:0]
		for _, a := range annualM {
			c, ok := fixAmount(a, e.places)
			if !ok {
				return false, nil
			}
			annual = append(annual, c)
		}
	} else {
		annual = contractYearsFixed(price, r.TermMonths, abuf[:0])
	}
	if annualM != nil {
		r.FirstYearACV = annualM[0]
	} else if len(annual) == 1 {
		r.FirstYearACV = r.CustomerPrice
	} else {
		r.FirstYearACV = e.money(annual[0])
	}
	running := price
	total := int64(0)
	mm := memo{e: e, n: 1, i: 1}
	mm.c[0], mm.m[0] = price, r.CustomerPrice
	for k := range m.slots {
		s := &m.slots[k]
		fx := &s.fx
		idx := filled[k]
		if len(idx) == 0 && s.Optional {
			continue
		}
		var first Party
		if len(idx) > 0 {
			first = d.Parties[idx[0]]
		}
		pr := PartyResult{Slot: s.ID, Role: s.Role, Partner: first.Partner}
		var amount, basis, sale, buy, requested int64
		hasSale := false
		switch s.Role {
		case RoleReseller, RoleDistributor:
			pct, f := s.margin, fx.margin
			if business == partnerops.BusinessRenewal && s.hasRenewal {
				pct, f = s.renewalMargin, fx.renewalMargin
			}
			pr.Kind, pr.Basis, pr.Percent = KindMargin, BasisSalePrice, pct
			basis, sale, hasSale = running, running, true
			if amount, ok = mul(running, f, mode); !ok {
				return false, nil
			}
			buy = running - amount
		case RoleOEM:
			pr.Kind, sale, hasSale = KindMargin, running, true
			var royalty int64
			if s.hasPerUnit {
				pr.Basis, pr.BasisAmount, pr.Units = BasisUnits, s.perUnit, d.Units
				if royalty, ok = fixAmount(e.round(s.perUnit.Mul(d.Units)), e.places); !ok {
					return false, nil
				}
			} else {
				pr.Basis, pr.Percent, basis = BasisSalePrice, s.royalty, running
				if royalty, ok = mul(running, fx.royalty, mode); !ok {
					return false, nil
				}
			}
			if s.hasMin && royalty < fx.minimum {
				pr.Basis, pr.BasisAmount, pr.Percent, pr.Units = BasisMinimum, s.minimum, partnerops.Percent{}, partnerops.Decimal{}
				royalty = fx.minimum
			}
			buy, amount = royalty, running-royalty
		case RoleMarketplace:
			pct, f := s.fee, fx.fee
			if d.PrivateOffer && s.hasPrivate {
				pct, f = s.privateFee, fx.privateFee
			}
			pr.Kind, pr.Basis, pr.Percent, basis = KindFee, BasisCustomerPrice, pct, price
			if amount, ok = mul(price, f, mode); !ok {
				return false, nil
			}
		case RoleReferral, RoleGSI:
			pct, f := s.fee, fx.fee
			if s.Role == RoleGSI {
				pct, f = s.influenced, fx.influenced
				if first.Attribution == partnerops.AttributionSourced && s.hasSourced || !s.hasInfluenced {
					pct, f = s.sourced, fx.sourced
				}
			}
			pr.Kind, pr.Percent = KindFee, pct
			if s.years > 1 {
				pr.Basis, basis = BasisACV, annual[0]
				n := min(s.years, len(annual))
				pays := make([]int64, n)
				for y := range n {
					if pays[y], ok = mul(annual[y], f, mode); !ok {
						return false, nil
					}
					amount += pays[y]
				}
				if s.hasCap && amount > fx.cap {
					requested, amount = amount, fx.cap
					left := fx.cap
					for y := range pays {
						pays[y] = min(pays[y], left)
						left -= pays[y]
					}
				}
				pr.Payments = make([]Payment, n)
				for y := range n {
					pr.Payments[y] = Payment{Year: y + 1, Basis: e.yearMoney(annualM, annual, y, &mm), Amount: mm.money(pays[y])}
				}
			} else {
				if s.Basis == BasisTCV {
					pr.Basis, basis = BasisTCV, price
				} else {
					pr.Basis, basis = BasisFirstYearACV, annual[0]
				}
				if amount, ok = mul(basis, f, mode); !ok {
					return false, nil
				}
				if s.hasCap && amount > fx.cap {
					requested, amount = amount, fx.cap
				}
			}
		case RoleAlliance:
			pr.Kind, pr.Basis, basis = KindShare, BasisNetRevenue, running
			amount, pr.Percent, ok = e.shareFixed(s, running)
			if !ok {
				return false, nil
			}
		}
		if s.Role.stage() == 0 {
			running = buy
		} else {
			running -= amount
		}
		total += amount
		pr.Amount = mm.money(amount)
		if pr.BasisAmount.Currency() == "" {
			pr.BasisAmount = mm.money(basis)
		}
		if hasSale {
			pr.SalePrice, pr.BuyPrice = mm.money(sale), mm.money(buy)
		}
		if requested != 0 {
			pr.Requested = mm.money(requested)
		}
		pr.Running = mm.money(running)
		if err := e.place(r, pr, d, idx, false); err != nil {
			return false, err
		}
	}
	if len(r.Parties) > 0 {
		r.PartnerTotal = e.money(total)
	}
	r.VendorNet = mm.money(running)
	if price > 0 {
		r.VendorShare = e.share6(r.VendorNet, r.CustomerPrice)
	}
	return true, nil
}

func (e *Engine) yearMoney(annualM []partnerops.Money, annual []int64, y int, mm *memo) partnerops.Money {
	if annualM != nil {
		return annualM[y]
	}
	return mm.money(annual[y])
}

// shareFixed is [Engine.share] in minor units: the tiered share of net,
// summed exactly over a common denominator and rounded once.
func (e *Engine) shareFixed(s *slot, net int64) (int64, partnerops.Percent, bool) {
	fx := &s.fx
	if net <= 0 {
		return 0, partnerops.Percent{}, true
	}
	if s.Tiering == TieringRange {
		k := -1
		for i, from := range fx.tierFrom {
			if net >= from {
				k = i
			}
		}
		if k < 0 {
			return 0, partnerops.Percent{}, true
		}
		a, ok := mul(net, fx.tierPct[k], e.mode)
		return a, s.tiers[k].Percent, ok
	}
	// common denominator: the largest of the tiers'
	den := uint64(1)
	for _, f := range fx.tierPct {
		den = max(den, f.den)
	}
	var hi, lo uint64
	applied := 0
	var last partnerops.Percent
	for i, from := range fx.tierFrom {
		if net <= from {
			break
		}
		top := net
		if i+1 < len(fx.tierFrom) && fx.tierFrom[i+1] < net {
			top = fx.tierFrom[i+1]
		}
		num := fx.tierPct[i].num * (den / fx.tierPct[i].den)
		if num/(den/fx.tierPct[i].den) != fx.tierPct[i].num {
			return 0, partnerops.Percent{}, false
		}
		ph, pl := bits.Mul64(uint64(top-from), num)
		var c uint64
		lo, c = bits.Add64(lo, pl, 0)
		hi, c = bits.Add64(hi, ph, c)
		if c != 0 {
			return 0, partnerops.Percent{}, false
		}
		applied++
		last = s.tiers[i].Percent
	}
	if hi >= den {
		return 0, partnerops.Percent{}, false
	}
	q, r := bits.Div64(hi, lo, den)
	q = roundQuo(q, r, den, e.mode)
	if applied != 1 {
		last = partnerops.Percent{}
	}
	return int64(q), last, true
}

// allocate is [partnerops.Money.Allocate] (largest remainder, ties to the
// earlier part) in n log n: the root's spreads the leftover units with a
// scan per unit, quadratic in the number of parts. It computes in minor
// units when the amount and the weights fit, and defers to the root
// otherwise.
func (e *Engine) allocate(m partnerops.Money, w []partnerops.Decimal) ([]partnerops.Money, error) {
	places := m.Currency().MinorUnits()
	total, ok := fixAmount(m, places)
	if !ok || total < 0 {
		return m.Allocate(w...)
	}
	minExp := int32(0)
	for _, x := range w {
		d := fence.Dec(x)
		if d.Sign() < 0 || d.NumDigits() > 15 {
			return m.Allocate(w...)
		}
		minExp = min(minExp, d.Exponent())
	}
	if minExp < -3 {
		return m.Allocate(w...)
	}
	ints := make([]uint64, len(w))
	var sum uint64
	for i, x := range w {
		d := fence.Dec(x)
		v := uint64(d.CoefficientInt64()) * pow10[d.Exponent()-minExp]
		ints[i] = v
		if sum+v < sum || v/pow10[d.Exponent()-minExp] != uint64(d.CoefficientInt64()) || sum+v > 1<<62 {
			return m.Allocate(w...)
		}
		sum += v
	}
	if sum == 0 {
		return m.Allocate(w...) // the root reports the error
	}
	shares := make([]uint64, len(w))
	rems := make([]uint64, len(w))
	var given uint64
	for i, v := range ints {
		hi, lo := bits.Mul64(uint64(total), v)
		shares[i], rems[i] = bits.Div64(hi, lo, sum) // hi < sum: total·v/sum <= total
		given += shares[i]
	}
	left := uint64(total) - given // < len(w)
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })
	for _, i := range order[:left] {
		shares[i]++
	}
	out := make([]partnerops.Money, len(w))
	for i, s := range shares {
		out[i], _ = partnerops.NewMoney(partnerops.NewDecimal(int64(s), -places), m.Currency())
	}
	return out, nil
}
