package pricing

import (
	"github.com/partnerops/partnerops"
)

// applyGroup combines the applicable members ev.applic[start:end] of
// group gi.
func (ev *evaluator) applyGroup(gi int32, start, end int) {
	ev.combine(gi, ev.live(start, end))
}

// live records the excluded members of ev.applic[start:end] and returns
// the others, moved to the front of the range.
func (ev *evaluator) live(start, end int) []int32 {
	if !ev.anyExcl {
		return ev.applic[start:end]
	}
	e := ev.e
	live := 0
	for k := start; k < end; k++ {
		if by := ev.excl[k]; by >= 0 {
			ev.skip(&e.rules[ev.applic[k]], SkipExcluded, by)
			continue
		}
		ev.applic[start+live], ev.excl[start+live] = ev.applic[k], -1
		live++
	}
	return ev.applic[start : start+live]
}

// enterGroup makes g the current group: its entry price and its cap's
// bound.
func (ev *evaluator) enterGroup(g *cgroup) {
	ev.g, ev.gs = g, ev.running
	// The extended entry price: the running total, or for a line priced
	// per unit, gs × quantity when first needed (see groupStartExt).
	ev.gsExt, ev.gsExtSet = ev.runExt, ev.tot
	if g.hasCap {
		// The cap's bound: the share of the entry price the group keeps
		// (0 without a percent cap), or the entry price less the cap's
		// amount, whichever is higher; rounded up to the book's places.
		ev.groupMin = ev.gs.mul(g.capFactor)
		if g.capAmount.set {
			if lo := ev.gs.sub(ev.perStock(g.capAmount.n)); lo.cmp(ev.groupMin) > 0 {
				ev.groupMin = lo
			}
		}
		ev.groupMin = ev.groupMin.round(ev.b.places, partnerops.RoundCeiling)
	}
}

// combine combines the live members of group gi by its mode.
func (ev *evaluator) combine(gi int32, members []int32) {
	e := ev.e
	g := &e.groups[gi]
	ev.enterGroup(g)
	live := len(members)
	if live == 0 {
		return
	}
	if g.free {
		ev.applyFree(members)
		return
	}
	switch g.mode {
	case CombineFirst, CombineBestOf:
		w := 0
		var wAmt num
		if g.mode == CombineBestOf || e.tieBreak == TieBreakLargestDiscount {
			// Candidates for the largest amount: every member for best-of,
			// the tied leaders for a largest-discount tie-break.
			n := live
			if g.mode == CombineFirst {
				n = 1
				for n < live && sameStanding(&e.rules[members[0]], &e.rules[members[n]]) {
					n++
				}
			}
			for k := range n {
				amt := ev.amountOf(&e.rules[members[k]], false)
				if k == 0 || amt.cmp(wAmt) > 0 {
					w, wAmt = k, amt
				}
			}
		} else {
			if live > 1 && e.tieBreak == TieBreakError && sameStanding(&e.rules[members[0]], &e.rules[members[1]]) {
				ev.err = &ConflictError{Group: g.id, A: e.rules[members[0]].id, B: e.rules[members[1]].id}
				return
			}
			wAmt = ev.amountOf(&e.rules[members[0]], false)
		}
		winner := &e.rules[members[w]]
		for k := range live {
			if k != w {
				ev.skip(&e.rules[members[k]], SkipNotSelected, winner.rank)
			}
		}
		ev.apply(winner, wAmt, false)
	case CombineAdditive:
		for _, ri := range members {
			r := &e.rules[ri]
			ev.apply(r, ev.amountOf(r, false), false)
		}
	case CombineCompounding:
		for _, ri := range members {
			r := &e.rules[ri]
			ev.apply(r, ev.amountOf(r, true), true)
		}
	}
}

func sameStanding(a, b *crule) bool { return a.spec == b.spec && a.priority == b.priority }

// amountOf converts r's effect into an amount (positive lowers the price)
// in the line's current form: per unit, or for the whole line when the
// line is priced as a total. The effect works on the running price when
// the group compounds and on the price entering the group otherwise.
func (ev *evaluator) amountOf(r *crule, compounding bool) num {
	if ev.tot {
		gse := ev.groupStartExt()
		base := gse
		if compounding {
			base = ev.runExt
		}
		return ev.effectAmount(r, base, gse, compounding, true)
	}
	base := ev.gs
	if compounding {
		base = ev.running
	}
	return ev.effectAmount(r, base, ev.gs, compounding, false)
}

// effectAmount converts r's effect into an amount on base (the price the
// effect works on) and start (the price entering the group): per unit, or
// when ext is set for the whole line (base and start are then extended
// amounts). It is rounded half-even to the working precision.
func (ev *evaluator) effectAmount(r *crule, base, start num, compounding, ext bool) num {
	var amt num
	switch r.kind {
	case EffectPercentOffList:
		amt = ev.list.mul(r.frac)
		if ext {
			amt = ev.list.mul(ev.qty).mul(r.frac)
		}
	case EffectPercentOffRunning:
		amt = base.mul(r.frac)
	case EffectAmountOff:
		amt = ev.perLine(ev.scaled(r, r.amt), ext)
	case EffectFixedPrice:
		amt = base.sub(ev.perLine(ev.scaled(r, r.amt), ext))
	case EffectTargetMargin:
		if !compounding {
			amt = start.mul(r.frac)
		} else {
			amt = base.sub(start.mul(r.oneMinus))
		}
	case EffectMarkup:
		amt = base.mul(r.negFrac)
	case EffectSurcharge:
		amt = ev.perLine(ev.scaled(r, r.negAmt), ext)
	case EffectSchedule:
		amt = ev.scheduleAmount(r, base, ext)
	case EffectFormula:
		unit := base
		if ext {
			unit = base.divRound(ev.qty, ev.wp)
		}
		amt = base.sub(ev.perLine(ev.formulaPrice(r, unit), ext))
	}
	return amt.round(ev.wp, partnerops.RoundHalfEven)
}

// formulaPrice runs r's formula for the current line from its base (base
// is the per-unit price the rule works on, for [FormulaRunning]); amounts
// are per stock unit unless the rule is scoped to units.
func (ev *evaluator) formulaPrice(r *crule, base num) num {
	v := ev.v
	cost := v.costN
	var scale num
	scaled := false
	if c := ev.p.conv; c != nil {
		cost = cost.mul(c.f)
		scale, scaled = c.f, len(r.units) == 0
	}
	switch r.fbase {
	case FormulaList:
		base = ev.list
	case FormulaCost:
		base = cost
	}
	return r.formula.price(base, cost, v.hasCost, ev.b.places, scale, scaled)
}

// groupStartExt returns the price entering the current group as an
// extended amount: the running total when the line entered the group
// priced as a total, gs × quantity otherwise (exact: a line priced per
// unit has an exact unit price).
func (ev *evaluator) groupStartExt() num {
	if !ev.gsExtSet {
		ev.gsExt, ev.gsExtSet = ev.gs.mul(ev.qty), true
	}
	return ev.gsExt
}

// perLine returns the per-unit amount a for the whole line when ext is
// set.
func (ev *evaluator) perLine(a num, ext bool) num {
	if ext {
		return a.mul(ev.qty)
	}
	return a
}

// perStock returns an amount per stock unit in the line's unit.
func (ev *evaluator) perStock(a num) num {
	if c := ev.p.conv; c != nil {
		return a.mul(c.f)
	}
	return a
}

// scaled returns an amount of r per stock unit in the line's unit: times
// the unit's factor, unless r is scoped to units (its amounts are then
// per the line's unit already).
func (ev *evaluator) scaled(r *crule, a num) num {
	if c := ev.p.conv; c != nil && len(r.units) == 0 {
		return a.mul(c.f)
	}
	return a
}

// scheduleAmount returns the amount of r's schedule on base for the
// current quantity (in stock units), per unit or for the whole line
// (ext). A block or slab is computed for the whole line: exactly when ext
// is set, divided by the quantity and rounded half up to the working
// precision otherwise.
func (ev *evaluator) scheduleAmount(r *crule, base num, ext bool) num {
	s := r.sched
	m, o, _ := ev.measure(r)
	switch s.kind {
	case ScheduleRange:
		t := &s.tiers[s.find(m)]
		switch {
		case t.hasPrice:
			return base.sub(ev.perLine(ev.scaled(r, t.priceN), ext))
		case t.hasAmtOff:
			return ev.perLine(ev.scaled(r, t.amtOff), ext)
		}
		return base.mul(t.frac)
	case ScheduleBlock:
		t := &s.tiers[s.find(m)]
		if ext {
			return base.sub(t.priceN)
		}
		return base.mul(ev.qty).sub(t.priceN).divRound(ev.qty, ev.wp)
	}
	// Slab: unit number n (1-based) is priced at the tier with
	// From <= n < To; in quantities, tier [From, To) covers (From−1, To−1].
	// A slice of a percent tier takes base × p per stock unit, a slice of
	// a price tier base − price: the whole line takes base × w − p, with w
	// the slices (in stock units) weighted by their percents (1 for price
	// tiers) and p the slices' prices. base is per line unit: with a unit
	// conversion, per stock unit it is base / factor, so both are divided
	// by the stock quantity rather than the line's.
	// An amount-off tier takes amount off each unit of its slice:
	// p − slice × amount. The line's units are those after o (the prior
	// quantity and the scope's earlier lines).
	w, p := numInt(0, 0), numInt(0, 0)
	s.slabSlices(o, ev.qtyMicro, func(k int, micro int64) {
		t := &s.tiers[k]
		slice := numInt(micro, -6)
		switch {
		case t.hasPrice:
			w = w.add(slice)
			p = p.add(slice.mul(t.priceN))
		case t.hasAmtOff:
			p = p.sub(slice.mul(t.amtOff))
		default:
			w = w.add(slice.mul(t.frac))
		}
	})
	stock := ev.qty
	if c := ev.p.conv; c != nil {
		stock = numInt(ev.qtyMicro, -6)
		if len(r.units) == 0 {
			p = p.mul(c.f) // prices per stock unit, in line units
		}
	}
	if ext {
		// base is the line's extended price: per line unit base / qty.
		return base.mul(w).sub(ev.qty.mul(p)).divRound(stock, ev.wp)
	}
	return base.mul(w).sub(p).divRound(stock, ev.wp)
}

// total reports whether r prices the whole line (a block or slab
// schedule): its step puts the line in total form.
func (r *crule) total() bool {
	return r.sched != nil && r.sched.kind != ScheduleRange
}

// bound returns the lowest unit price a positive step may reach and what
// sets it: the floor, the group's cap or the total cap (each rounded up
// to the book's places).
func (ev *evaluator) bound() (num, Limit) {
	lo, which := ev.floorN, LimitFloor
	if ev.g.hasCap && ev.groupMin.cmp(lo) > 0 {
		lo, which = ev.groupMin, LimitGroupCap
	}
	if ev.inStage && ev.stageMin.cmp(lo) > 0 {
		lo, which = ev.stageMin, LimitGroupCap
	}
	if ev.e.hasTotalCap {
		if !ev.capSet {
			ev.capMin, ev.capSet = ev.v.listN.mul(ev.e.capFactor), true
			if a := ev.e.capAmount; a.set {
				if lo := ev.v.listN.sub(a.n); lo.cmp(ev.capMin) > 0 {
					ev.capMin = lo
				}
			}
			ev.capMin = ev.capMin.round(ev.b.places, partnerops.RoundCeiling)
			if c := ev.p.conv; c != nil {
				ev.capMin = ev.capMin.mul(c.f) // rounded per stock unit, as the floor
			}
		}
		if ev.capMin.cmp(lo) > 0 {
			lo, which = ev.capMin, LimitTotalCap
		}
	}
	return lo, which
}

// apply records r's amount as a step after the caps and the floor, or
// records why it does not apply. amt is in the line's current form (per
// unit, or for the whole line when it is priced as a total).
func (ev *evaluator) apply(r *crule, amt num, compounding bool) {
	if ev.tot || r.total() {
		ev.applyTotal(r, amt, compounding)
		return
	}
	sign := amt.sign()
	if sign == 0 || (sign < 0 && !r.allowInc) {
		ev.skip(r, SkipNoEffect, -1)
		return
	}
	requested := amt
	next := ev.running.sub(amt)
	limit := LimitNone
	if sign > 0 {
		lo, which := ev.bound()
		if next.cmp(lo) < 0 {
			if ev.running.cmp(lo) <= 0 {
				ev.skipBound(r, which)
				return
			}
			next, amt, limit = lo, ev.running.sub(lo), which
		}
	}
	ev.record(r, amt, next, requested, limit)
	ev.running = next
}

// applyTotal applies r to a line priced as a total: the step works on
// the exact extended running price, and the unit price derives from it
// (divided by the quantity, rounded half up to the working precision). A
// block or slab step on a line priced per unit puts it in total form,
// with its amount recomputed for the whole line.
func (ev *evaluator) applyTotal(r *crule, amt num, compounding bool) {
	runExt := ev.runExt
	if !ev.tot {
		runExt = ev.running.mul(ev.qty)
		gse := ev.groupStartExt()
		base := gse
		if compounding {
			base = runExt
		}
		amt = ev.effectAmount(r, base, gse, compounding, true)
	}
	sign := amt.sign()
	if sign == 0 || (sign < 0 && !r.allowInc) {
		ev.skip(r, SkipNoEffect, -1)
		return
	}
	requested := amt
	next := runExt.sub(amt)
	limit := LimitNone
	if sign > 0 {
		lo, which := ev.bound()
		loExt := lo.mul(ev.qty)
		if next.cmp(loExt) < 0 {
			if runExt.cmp(loExt) <= 0 {
				ev.skipBound(r, which)
				return
			}
			next, limit = loExt, which
		}
	}
	unit := next.divRound(ev.qty, ev.wp)
	ev.record(r, ev.running.sub(unit), unit, requested.divRound(ev.qty, ev.wp), limit)
	ev.tot, ev.runExt, ev.running = true, next, unit
}

// skipBound records that the bound which left nothing for r.
func (ev *evaluator) skipBound(r *crule, which Limit) {
	reason := SkipFloored
	if which != LimitFloor {
		reason = SkipCapped
	}
	ev.skip(r, reason, -1)
}

// record appends r's step (the manual step for a nil r): its per-unit
// amount, the unit price after it, the amount requested and the limit
// that cut it.
func (ev *evaluator) record(r *crule, amt, next, requested num, limit Limit) {
	if r == nil {
		ev.steps = append(ev.steps, stepRec{rule: -1, tier: -1, limit: limit,
			amount: ev.bigs.pack(amt), running: ev.bigs.pack(next), requested: ev.bigs.pack(requested)})
		return
	}
	rec := stepRec{rule: r.rank, tier: -1, limit: limit,
		amount: ev.bigs.pack(amt), running: ev.bigs.pack(next), requested: ev.bigs.pack(requested)}
	if s := r.sched; s != nil {
		m, o, _ := ev.measure(r)
		rec.agg = s.scope != "" || s.prior || s.attr != ""
		if s.kind == ScheduleSlab {
			rec.tier = int16(s.reached(addSat(o, ev.qtyMicro)))
			m = ev.qtyMicro
		} else {
			rec.tier = int16(s.find(m))
		}
		if rec.agg {
			ev.meas = append(ev.meas, measRec{mo: o, mq: m})
		}
	}
	ev.steps = append(ev.steps, rec)
	if r.approval > ev.ruleLevel {
		ev.ruleLevel = r.approval
	}
}

// applyManual applies the line's manual price or discount as a step of
// its own: set as written (a price above the running price raises it),
// but a discount is cut at the floor and the total cap. The step is
// recorded even when nothing is left for it (amount 0, with its limit
// and the amount requested), so the waterfall shows the input.
func (ev *evaluator) applyManual() {
	p := ev.p
	ev.g = &ev.e.noGroup
	var amt, next, requested num
	limit := LimitNone
	if ev.tot {
		if p.manual == manualPrice {
			amt = ev.runExt.sub(p.manualValue.mul(ev.qty))
		} else {
			amt = ev.runExt.mul(p.manualValue)
		}
		amt = amt.round(ev.wp, partnerops.RoundHalfEven)
		requested, next = amt, ev.runExt.sub(amt)
		if amt.sign() > 0 {
			lo, which := ev.bound()
			if loExt := lo.mul(ev.qty); next.cmp(loExt) < 0 {
				next, limit = loExt, which
				if ev.runExt.cmp(loExt) < 0 {
					next = ev.runExt
				}
			}
		}
		unit := next.divRound(ev.qty, ev.wp)
		ev.record(nil, ev.running.sub(unit), unit, requested.divRound(ev.qty, ev.wp), limit)
		ev.runExt, ev.running = next, unit
	} else {
		if p.manual == manualPrice {
			amt = ev.running.sub(p.manualValue)
		} else {
			amt = ev.running.mul(p.manualValue)
		}
		amt = amt.round(ev.wp, partnerops.RoundHalfEven)
		requested, next = amt, ev.running.sub(amt)
		if amt.sign() > 0 {
			lo, which := ev.bound()
			if next.cmp(lo) < 0 {
				next, limit = lo, which
				if ev.running.cmp(lo) < 0 {
					next = ev.running
				}
			}
		}
		ev.record(nil, ev.running.sub(next), next, requested, limit)
		ev.running = next
	}
	ev.ruleLevel = max(ev.ruleLevel, ev.e.manualLevel)
}

// snapshot is the evaluator state a trial application changes.
type snapshot struct {
	running, runExt          num
	tot                      bool
	ruleLevel                int
	steps, skips, bigs, meas int
}

func (ev *evaluator) save() snapshot {
	return snapshot{ev.running, ev.runExt, ev.tot, ev.ruleLevel, len(ev.steps), len(ev.skips), len(ev.bigs.v), len(ev.meas)}
}

func (ev *evaluator) restore(s snapshot) {
	ev.running, ev.runExt, ev.tot, ev.ruleLevel = s.running, s.runExt, s.tot, s.ruleLevel
	ev.steps, ev.skips, ev.bigs.v, ev.meas = ev.steps[:s.steps], ev.skips[:s.skips], ev.bigs.v[:s.bigs], ev.meas[:s.meas]
}

// extPrice is the line's running price as an extended amount, to
// compare offers.
func (ev *evaluator) extPrice() num {
	if ev.tot {
		return ev.runExt
	}
	return ev.running.mul(ev.qty)
}

// applyStage applies the stage of the nested best_of group stage (its
// members and its subgroups' in ev.applic[start:end]): every rule of the
// parent and every subgroup (combined by its own mode) is an offer,
// tried from the stage's entry price; the offer leaving the lowest price
// applies (ties to the first: the parent's rules by precedence, then the
// subgroups in order), and the others are not selected. The parent's cap
// bounds every offer.
func (ev *evaluator) applyStage(stage int32, start, end int) {
	e := ev.e
	parent := &e.groups[stage]
	type offer struct {
		group   int32   // the subgroup, or -1 for a rule of the parent
		members []int32 // the subgroup's live members, or the rule
	}
	var offers []offer
	for k := start; k < end; {
		g := e.rules[ev.applic[k]].group
		j := k + 1
		for j < end && e.rules[ev.applic[j]].group == g {
			j++
		}
		live := ev.live(k, j)
		if g == stage {
			for x := range live {
				offers = append(offers, offer{-1, live[x : x+1]})
			}
		} else if len(live) > 0 {
			offers = append(offers, offer{g, live})
		}
		k = j
	}
	if len(offers) == 0 {
		return
	}
	ev.enterGroup(parent)
	ev.inStage, ev.stageMin = parent.hasCap, ev.groupMin
	defer func() { ev.inStage = false }()
	run := func(o offer) {
		if o.group < 0 {
			ev.enterGroup(parent)
			r := &e.rules[o.members[0]]
			ev.apply(r, ev.amountOf(r, false), false)
			return
		}
		ev.combine(o.group, o.members)
	}
	best := 0
	if len(offers) > 1 {
		var lowest num
		for k, o := range offers {
			snap := ev.save()
			run(o)
			price := ev.extPrice()
			ev.restore(snap)
			if ev.err != nil {
				return
			}
			if k == 0 || price.cmp(lowest) < 0 {
				best, lowest = k, price
			}
		}
	}
	run(offers[best])
	winner := e.rules[offers[best].members[0]].rank
	for k, o := range offers {
		if k == best {
			continue
		}
		for _, ri := range o.members {
			ev.skip(&e.rules[ri], SkipNotSelected, winner)
		}
	}
}
