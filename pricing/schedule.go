package pricing

import (
	"math"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// addSat adds quantities in millionths, saturating at maxMicro: an
// aggregate beyond every tier bound need not be exact.
func addSat(a, b int64) int64 {
	if a > math.MaxInt64-b || a+b > maxMicro {
		return maxMicro
	}
	return a + b
}

// measure returns, for r's schedule and the current line, the quantity
// that picks the tier (m) and the quantity counted before the line's own
// units (o), in stock millionths: the line's quantity, the quote's
// quantity of the schedule's scope (o: that of the scope's earlier
// lines), plus the prior quantity, or a line attribute's value. ok is
// false when the attribute is missing or not a quantity.
func (ev *evaluator) measure(r *crule) (m, o int64, ok bool) {
	s := r.sched
	switch {
	case s.attr != "":
		v, found := ev.ln.Attributes[s.attr]
		if !found {
			return 0, 0, false
		}
		d, err := partnerops.ParseDecimal(v)
		if err != nil || d.Validate() != nil {
			return 0, 0, false
		}
		mq, fits := toMicro(fence.Dec(d))
		return mq, 0, fits && mq >= 0
	case s.scope == "":
		m = ev.qtyMicro
	default:
		o, m = ev.aggregate(r)
	}
	if s.prior {
		pr := ev.prior(r)
		m, o = addSat(m, pr), addSat(o, pr)
	}
	return m, o, true
}

// aggregate returns the stock quantity of the quote's lines in the
// scope of r's schedule before the current line, and in all. Per-quote
// sums are built once, in one pass over the lines: by SKU and by family
// for those scopes, and for a rule scope per rule.
func (ev *evaluator) aggregate(r *crule) (before, total int64) {
	i := ev.lineIdx
	switch r.sched.scope {
	case ScopeSKU:
		if ev.skuTotal == nil {
			ev.skuTotal = map[SKU]int64{}
			for k := range ev.preps {
				p := &ev.preps[k]
				p.skuBefore = ev.skuTotal[p.v.sku]
				ev.skuTotal[p.v.sku] = addSat(p.skuBefore, p.micro)
			}
		}
		return ev.preps[i].skuBefore, ev.skuTotal[ev.v.sku]
	case ScopeFamily:
		if ev.famTotal == nil {
			ev.famTotal = map[Family]int64{}
			for k := range ev.preps {
				p := &ev.preps[k]
				p.famBefore = ev.famTotal[p.v.family]
				ev.famTotal[p.v.family] = addSat(p.famBefore, p.micro)
			}
		}
		return ev.preps[i].famBefore, ev.famTotal[ev.v.family]
	}
	// Rule scope: the lines within r's SKUs or families (every line for a
	// global rule); offsets per line, the total last.
	if ev.ruleTotal == nil {
		ev.ruleTotal = map[int32][]int64{}
	}
	sums, ok := ev.ruleTotal[r.rank]
	if !ok {
		sums = make([]int64, len(ev.preps)+1)
		var run int64
		for k := range ev.preps {
			p := &ev.preps[k]
			sums[k] = run
			if ev.inScope(r, p.v) {
				run = addSat(run, p.micro)
			}
		}
		sums[len(ev.preps)] = run
		ev.ruleTotal[r.rank] = sums
	}
	return sums[i], sums[len(ev.preps)]
}

// inScope reports whether version v is within r's product scope.
func (ev *evaluator) inScope(r *crule, v *version) bool {
	switch {
	case len(r.skus) > 0:
		return slices.Contains(r.skus, v.sku)
	case len(r.families) > 0:
		return ev.e.inFamilies(v, r.families)
	}
	return true
}

// prior returns the quote's prior quantity in the scope of r's schedule
// for the current line: of its SKU (line and SKU scopes), of its family,
// or of the rule's SKUs and families (every prior quantity for a global
// rule).
func (ev *evaluator) prior(r *crule) int64 {
	var sum int64
	for _, pq := range ev.q.Prior {
		var in bool
		switch r.sched.scope {
		case "", ScopeSKU:
			in = pq.SKU != "" && pq.SKU == ev.v.sku
		case ScopeFamily:
			in = pq.Family != "" && pq.Family == ev.v.family
		default:
			in = (len(r.skus) == 0 && len(r.families) == 0) || (pq.SKU != "" && slices.Contains(r.skus, pq.SKU)) ||
				(pq.Family != "" && slices.Contains(r.families, pq.Family))
		}
		if in {
			m, _ := toMicro(fence.Dec(pq.Quantity)) // checked by checkPrior
			sum = addSat(sum, m)
		}
	}
	return sum
}

// checkPrior checks the quote's prior quantities: a SKU or a family (one
// of the two) and a non-negative quantity within the limits.
func checkPrior(q *Quote) error {
	for i, pq := range q.Prior {
		if (pq.SKU == "") == (pq.Family == "") {
			return wrapf(partnerops.ErrInvalid, "prior quantity %d: name a SKU or a family", i+1)
		}
		if m, ok := toMicro(fence.Dec(pq.Quantity)); !ok || m < 0 {
			return wrapf(ErrQuantity, "prior quantity %d %s: want a non-negative quantity %s", i+1, quoteDecimal(pq.Quantity), quantityLimits)
		}
	}
	return nil
}

// slabSlices returns the stock quantity of units (o, o+q] in each tier
// of slab s, for tiers it reaches.
func (s *csched) slabSlices(o, q int64, f func(k int, slice int64)) {
	const unit = 1_000_000
	for k := range s.tiers {
		t := &s.tiers[k]
		lo := max(t.from-unit, o, 0)
		hi := addSat(o, q)
		if t.to >= 0 && t.to-unit < hi {
			hi = t.to - unit
		}
		if hi > lo {
			f(k, hi-lo)
		}
	}
}
