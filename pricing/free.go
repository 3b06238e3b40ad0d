package pricing

import (
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// linesHold reports whether r's conditions on the quote's lines hold,
// summing the paid lines each condition names. It runs once per rule and
// quote (the outcome is cached), in time linear in the quote's lines.
func (ev *evaluator) linesHold(r *crule) bool {
	for k := range r.lines {
		c := &r.lines[k]
		qty, val := numInt(0, 0), numInt(0, 0)
		for i := range ev.preps {
			p := &ev.preps[i]
			if (len(c.skus) > 0 || len(c.families) > 0) && !slices.Contains(c.skus, p.v.sku) && !ev.e.inFamilies(p.v, c.families) {
				continue
			}
			qty = qty.add(numInt(p.micro, -6))
			val = val.add(p.lineVal)
		}
		if (c.minQty.set && qty.cmp(c.minQty.n) < 0) || (c.maxQty.set && qty.cmp(c.maxQty.n) >= 0) ||
			(c.minValue.set && val.cmp(c.minValue.n) < 0) || (c.maxValue.set && val.cmp(c.maxValue.n) >= 0) {
			return false
		}
	}
	return true
}

// inFamilies reports whether v belongs to one of families (or to a
// subfamily of one).
func (e *Engine) inFamilies(v *version, families []Family) bool {
	if len(v.lineage) <= 1 {
		return slices.Contains(families, v.family) // no family tree above it
	}
	for _, f := range v.lineage {
		if slices.Contains(families, f) {
			return true
		}
	}
	return false
}

// freeRec is free goods earned by a line, priced after the paid lines.
type freeRec struct {
	rule int32 // rank
	line int   // 0-based index of the line that earned them
	qty  num   // in the free line's unit
}

// freeQuantity returns the free units r gives the current line (in the
// free line's unit): Get once, or Get for every Buy units of the line's
// stock quantity, the number of times rounded by the rule.
func (ev *evaluator) freeQuantity(r *crule) num {
	f := r.free
	if !f.recursive {
		return f.get
	}
	times, err := fence.Quo(numInt(ev.qtyMicro, -6).dec(), f.buy.dec(), f.places, f.mode) // rounded once
	if err != nil {
		return num{}
	}
	return numOf(times).mul(f.get).norm()
}

// freeValue returns what the free units of r are worth (list − price,
// times the quantity), to pick the best of several free-goods rules; it
// sets ev.err when the free SKU has no price.
func (ev *evaluator) freeValue(r *crule) num {
	v, conv, err := ev.freeVersion(r)
	if err != nil {
		ev.err = err
		return num{}
	}
	list := v.listN
	if conv != nil {
		list = list.mul(conv.f)
	}
	return list.sub(r.free.price).mul(ev.freeQuantity(r))
}

// freeVersion finds the price version and unit of r's free SKU.
func (ev *evaluator) freeVersion(r *crule) (*version, *unitConv, error) {
	f := r.free
	sku := f.sku
	if sku == "" {
		sku = ev.v.sku
	}
	v, err := ev.b.find(sku, ev.at)
	if err != nil {
		return nil, nil, wrapf(err, "free goods of rule %q: SKU %q", r.id, sku)
	}
	if f.unit == "" || f.unit == v.unit {
		return v, nil, nil
	}
	c, ok := v.conversion(f.unit)
	if !ok {
		return nil, nil, wrapf(unitError(f.unit, v), "free goods of rule %q: SKU %q", r.id, sku)
	}
	return v, c, nil
}

// applyFree combines the applicable members of a free-goods group by its
// mode: the first by precedence, the most valuable, or all of them. The
// line keeps its price; each chosen rule's free units are recorded for a
// line of their own.
func (ev *evaluator) applyFree(members []int32) {
	e := ev.e
	g := ev.g
	chosen := members
	if g.mode == CombineFirst || g.mode == CombineBestOf {
		w := 0
		if g.mode == CombineBestOf || e.tieBreak == TieBreakLargestDiscount {
			n := len(members)
			if g.mode == CombineFirst {
				n = 1
				for n < len(members) && sameStanding(&e.rules[members[0]], &e.rules[members[n]]) {
					n++
				}
			}
			var best num
			for k := range n {
				val := ev.freeValue(&e.rules[members[k]])
				if ev.err != nil {
					return
				}
				if k == 0 || val.cmp(best) > 0 {
					w, best = k, val
				}
			}
		} else if len(members) > 1 && e.tieBreak == TieBreakError && sameStanding(&e.rules[members[0]], &e.rules[members[1]]) {
			ev.err = &ConflictError{Group: g.id, A: e.rules[members[0]].id, B: e.rules[members[1]].id}
			return
		}
		for k := range members {
			if k != w {
				ev.skip(&e.rules[members[k]], SkipNotSelected, members[w])
			}
		}
		chosen = members[w : w+1]
	}
	for _, ri := range chosen {
		r := &e.rules[ri]
		qty := ev.freeQuantity(r)
		if qty.sign() <= 0 {
			ev.skip(r, SkipNoEffect, -1)
			continue
		}
		if _, ok := qty.micro(); !ok {
			ev.err = wrapf(ErrQuantity, "free goods of rule %q: %s units: want a quantity %s", r.id, qty.dec().String(), quantityLimits)
			return
		}
		ev.free = append(ev.free, freeRec{rule: ri, line: ev.lineIdx, qty: qty})
	}
}

// freeLines prices the free goods the quote's lines earned, as lines
// after the paid ones: the free SKU's list price, the rule's price (0 by
// default) as net, one step saying which rule gave them; the line needs
// the rule's approval level only. It returns the lines' list and net
// extended totals.
func (ev *evaluator) freeLines(res *Result, listTot, netTot num) (num, num, error) {
	e, b := ev.e, ev.b
	for k, fr := range ev.free {
		r := &e.rules[fr.rule]
		ln := &ev.q.Lines[fr.line]
		ev.v = ev.preps[fr.line].v // the earning line's SKU, for a free SKU of "" (the same)
		v, conv, err := ev.freeVersion(r)
		if err != nil {
			return listTot, netTot, &LineError{Line: fr.line + 1, ID: ln.ID, SKU: ln.SKU, Err: err}
		}
		list := v.listN
		out := LineResult{Line: len(ev.q.Lines) + k + 1, SKU: v.sku, Family: v.family, Name: v.name, Unit: v.unit,
			Quantity: fence.Wrap(fr.qty.dec()), FreeOf: fr.line + 1, FreeRule: r.id, engine: e, bigs: ev.bigs}
		if conv != nil {
			list = list.mul(conv.f)
			out.Unit, out.StockUnit, out.UnitFactor = conv.name, v.unit, fence.Wrap(conv.fd)
		}
		price := r.free.price
		listExt := list.mul(fr.qty).round(b.places, b.mode)
		netExt := price.mul(fr.qty).round(b.places, b.mode)
		var merr error
		mk := func(n num) partnerops.Money {
			m, err := fence.Money(n.dec(), b.currency)
			if err != nil && merr == nil {
				merr = err
			}
			return m
		}
		out.List, out.NetUnit, out.ListExtended, out.NetExtended = mk(list), mk(price), mk(listExt), mk(netExt)
		out.Discount = mk(listExt.sub(netExt))
		out.Cost, out.Floor, out.costKnown = v.costM, v.floorM, v.hasCost
		if v.hasCost {
			stock := fr.qty
			if conv != nil {
				stock = stock.mul(conv.f)
			}
			out.costExt = ev.bigs.pack(v.costN.mul(stock).round(ev.wp, partnerops.RoundHalfEven))
		}
		if conv != nil {
			out.Floor = mk(v.floorX.mul(conv.f))
			if v.hasCost {
				out.Cost = mk(numOf(v.cost).mul(conv.f))
			}
		}
		if merr != nil {
			return listTot, netTot, &LineError{Line: fr.line + 1, ID: ln.ID, SKU: ln.SKU, Err: wrapf(merr, "free goods of rule %q out of range", r.id)}
		}
		out.EffectiveDiscount = effectivePercent(listExt, netExt)
		out.steps = []stepRec{{rule: r.rank, tier: -1, amount: ev.bigs.pack(list.sub(price)), running: ev.bigs.pack(price),
			requested: ev.bigs.pack(list.sub(price))}}
		if r.approval > 0 {
			out.Approval = e.levels[r.approval-1].Level
		}
		res.Lines = append(res.Lines, out)
		listTot, netTot = listTot.add(listExt), netTot.add(netExt)
	}
	return listTot, netTot, nil
}
