package payout

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"

	"github.com/partnerops/partnerops"
)

func (ev *evaluator) statement() (Statement, error) {
	e := ev.e
	st := Statement{Plan: e.id, Payee: ev.req.Payee, Period: ev.period, Label: e.calendar.Label(ev.period), Currency: e.currency}
	lo, hi := ev.span(ev.period.Start, ev.period.End)
	claws, err := ev.periodClawbacks()
	if err != nil {
		return Statement{}, err
	}
	var subtotal int64
	st.Components = make([]ComponentResult, 0, len(e.comps))
	for ci, c := range e.comps {
		cr, earned, err := ev.component(ci, c, claws)
		if err != nil {
			return Statement{}, fmt.Errorf("payout: plan %q, component %q: %w", e.id, c.id, stripErr(err))
		}
		var ok bool
		if subtotal, ok = add64(subtotal, earned); !ok {
			return Statement{}, fmt.Errorf("payout: plan %q: subtotal: %w", e.id, partnerops.ErrRange)
		}
		st.Components = append(st.Components, cr)
	}
	ev.slab.reserve(8)
	if ev.hasTgt {
		st.Target = ev.slab.money(ev.target, e.currency, e.places)
	}
	st.Subtotal = ev.slab.money(subtotal, e.currency, e.places)
	for k := lo; k < hi; k++ {
		i := ev.order[k]
		t := &ev.req.Transactions[i]
		switch {
		case ev.meta[i].out:
			st.Skipped = append(st.Skipped, Skip{Transaction: t.ID, Date: t.Date, Reason: SkipNotCredited})
		case !ev.meta[i].counted:
			st.Skipped = append(st.Skipped, Skip{Transaction: t.ID, Date: t.Date, Reason: SkipNoComponent})
		}
	}
	total, bal, adj, err := ev.adjust(subtotal)
	if err != nil {
		return Statement{}, err
	}
	st.Adjustments = adj
	st.Total = ev.slab.money(total, e.currency, e.places)
	if bal != 0 || !ev.req.DrawBalance.IsZero() {
		st.DrawBalance = ev.slab.money(bal, e.currency, e.places)
	}
	return st, nil
}

// adjust applies the plan cap, the floor and the draw, in that order.
func (ev *evaluator) adjust(s int64) (total, balance int64, lines []Line, err error) {
	e := ev.e
	cur := e.currency
	if e.cap != nil {
		capV, err := ev.capAmount(e.cap, partnerops.PercentFromInt(100))
		if err != nil {
			return 0, 0, nil, fmt.Errorf("payout: plan %q: cap: %w", e.id, err)
		}
		if s > capV {
			lines = append(lines, Line{Kind: LinePlanCap, Amount: money(capV-s, cur), Cut: money(s-capV, cur)})
			s = capV
		}
	}
	if e.floor > 0 && s < e.floor {
		lines = append(lines, Line{Kind: LineFloor, Amount: money(e.floor-s, cur)})
		s = e.floor
	}
	if !ev.req.DrawBalance.IsZero() {
		m, err := ev.req.DrawBalance.InCurrency(cur)
		if err != nil {
			return 0, 0, nil, inputErr("draw_balance", err)
		}
		v, ok := amountOf(m.Amount())
		if !ok || v < 0 || v%int64(pow10u[amountScale-ev.e.places]) != 0 {
			return 0, 0, nil, inputErr("draw_balance", fmt.Errorf("must be a non-negative amount in %s minor units: %w", cur, partnerops.ErrInvalid))
		}
		balance = v
	}
	switch {
	case e.draw > 0 && s < e.draw:
		adv := e.draw - s
		lines = append(lines, Line{Kind: LineDrawAdvance, Amount: money(adv, cur)})
		balance += adv
		s = e.draw
	case balance > 0 && s > e.draw:
		r := min(balance, s-e.draw)
		lines = append(lines, Line{Kind: LineDrawRecovery, Amount: money(-r, cur)})
		balance -= r
		s -= r
	}
	return s, balance, lines, nil
}

// quota returns the component's period quota for this payee.
func (ev *evaluator) quota(c *cComp) (int64, bool, error) {
	if q, ok := ev.req.Quotas[c.id]; ok {
		v, ok := amountOf(q)
		if !ok || v <= 0 {
			return 0, false, inputErr(partnerops.Path("quotas", partnerops.Key(c.id)), fmt.Errorf("must be positive with at most 6 decimals: %w", partnerops.ErrInvalid))
		}
		return v, true, nil
	}
	return c.quota, c.hasQuota, nil
}

// capAmount returns a cap in the plan's currency at scale 6: its amount,
// or multiple × target × weight rounded once with the plan's mode.
func (ev *evaluator) capAmount(c *cCap, weight partnerops.Percent) (int64, error) {
	if !c.isMult {
		return c.amount, nil
	}
	if !ev.hasTgt {
		return 0, ErrNoTarget
	}
	if c.planOK && ev.target == ev.e.target {
		return c.planAmt, nil
	}
	return multipleOf(c, ev.target, weight, ev.e.places, ev.e.mode)
}

// multipleOf returns multiple × target × weight rounded once to places.
func multipleOf(c *cCap, target int64, weight partnerops.Percent, places int32, mode partnerops.RoundingMode) (int64, error) {
	d := amountDec(target, 0).Mul(c.multiple).Mul(weight.Fraction()).Round(places, mode)
	v, ok := amountOf(d)
	if !ok {
		return 0, fmt.Errorf("cap %s: %w", d, partnerops.ErrRange)
	}
	return v, nil
}

// targetRat returns the component's target, target × weight, exactly.
func (ev *evaluator) targetRat(c *cComp) (*big.Rat, error) {
	if !ev.hasTgt {
		return nil, ErrNoTarget
	}
	w, _ := new(big.Rat).SetString(c.weight.Fraction().String())
	t := new(big.Rat).SetFrac64(ev.target, int64(pow10u[amountScale]))
	return t.Mul(t, w), nil
}

// limiter applies a component's transaction cap, period cap and closed
// gate to lines in order.
type limiter struct {
	txCap, cap       int64
	hasTx, hasCap    bool
	withhold         bool
	uncapped, paid   int64
	earned, earnedTx int64
}

func (l *limiter) apply(r *rec, raw int64) bool {
	if l.withhold {
		r.cut, r.limit = raw, limitGate
		return true
	}
	amt := raw
	if l.hasTx && amt > l.txCap {
		r.cut, r.limit = amt-l.txCap, limitTx
		amt = l.txCap
	}
	if l.hasCap {
		var ok bool
		if l.uncapped, ok = add64(l.uncapped, amt); !ok {
			return false
		}
		p := min(l.uncapped, l.cap)
		pa := p - l.paid
		l.paid = p
		if pa != amt {
			r.cut += amt - pa
			r.limit = limitPeriod
		}
		amt = pa
	}
	r.amount = amt
	var ok bool
	if l.earned, ok = add64(l.earned, amt); !ok {
		return false
	}
	if r.kind == recTransaction {
		if l.earnedTx, ok = add64(l.earnedTx, amt); !ok {
			return false
		}
	}
	return true
}

func (ev *evaluator) newLimiter(c *cComp, open bool) (limiter, error) {
	l := limiter{withhold: c.gate != nil && !open && !c.gate.tiers}
	if c.cap != nil {
		v, err := ev.capAmount(c.cap, c.weight)
		if err != nil {
			return l, fmt.Errorf("cap: %w", err)
		}
		l.cap, l.hasCap = v, true
	}
	if c.txCap != nil {
		v, err := ev.capAmount(c.txCap, c.weight)
		if err != nil {
			return l, fmt.Errorf("transaction cap: %w", err)
		}
		l.txCap, l.hasTx = v, true
	}
	return l, nil
}

// run evaluates a transaction-based component over period p with the
// gate open or closed, memoized per request.
func (ev *evaluator) run(ci int, c *cComp, p partnerops.Period, open bool) (*periodOut, error) {
	for _, m := range ev.memo {
		if m.comp == ci && m.open == open && m.start.Equal(p.Start) {
			return m.out, nil
		}
	}
	out, err := ev.runUncached(c, p, open, nil)
	if err != nil {
		return nil, err
	}
	ev.memo = append(ev.memo, memoEntry{comp: ci, start: p.Start, open: open, out: out})
	return out, nil
}

// runUncached evaluates c over p, appending its records to buf (a fresh
// slice when nil).
func (ev *evaluator) runUncached(c *cComp, p partnerops.Period, open bool, buf []rec) (*periodOut, error) {
	e := ev.e
	out := &periodOut{tier: -1}
	q, hasQ, err := ev.quota(c)
	if err != nil {
		return nil, err
	}
	out.quota, out.hasQuota = q, hasQ
	lim, err := ev.newLimiter(c, open)
	if err != nil {
		return nil, err
	}
	var inst *tableInst
	var target *big.Rat
	switch c.kind {
	case KindCommission:
		if c.table.basis == BasisAttainment && !hasQ {
			return nil, fmt.Errorf("attainment tiers: %w", ErrNoQuota)
		}
		gateOpen := open || c.gate == nil || !c.gate.tiers
		var ok bool
		if inst, ok = c.table.resolve(q, gateOpen, e.places, e.mode); !ok {
			return nil, fmt.Errorf("tier bounds on quota %s: %w", amountDec(q, 0), partnerops.ErrRange)
		}
		out.inst = inst
	case KindEarningsTable:
		if !hasQ {
			return nil, fmt.Errorf("earnings table: %w", ErrNoQuota)
		}
		if target, err = ev.targetRat(c); err != nil {
			return nil, fmt.Errorf("earnings table: %w", err)
		}
	case KindRamp:
		out.recs = buf
		return ev.runRamp(c, p, &lim, out)
	}
	lo, hi := ev.span(p.Start, p.End)
	out.recs = buf
	if out.recs == nil {
		out.recs = make([]rec, 0, hi-lo)
	}
	txs := ev.req.Transactions
	var cum, prevE int64
	for k := lo; k < hi; k++ {
		i := ev.order[k]
		t := &txs[i]
		if ev.meta[i].out || !c.filter.match(t) {
			continue
		}
		r := rec{tx: i, kind: recTransaction, tier: -1}
		var raw int64
		if c.kind == KindBonus {
			raw, err = ev.bonusShare(int(i), c.amount)
			if err != nil {
				return nil, err
			}
		} else {
			m, err := ev.credited(int(i), c.measure)
			if err != nil {
				return nil, err
			}
			var ok bool
			if cum, ok = add64(cum, m); !ok || cum > maxFixed || cum < -maxFixed {
				return nil, fmt.Errorf("running total: %w", partnerops.ErrRange)
			}
			r.credited, r.cum = m, cum
			var E int64
			var tier int
			switch {
			case c.kind == KindEarningsTable:
				E, tier, ok = c.curve.earn(cum, q, target, e.places, e.mode)
				r.attainment = true
			case c.eval == Cumulative:
				E, tier, ok = inst.earn(cum)
			default:
				E, tier, ok = inst.earn(m)
			}
			if !ok {
				return nil, fmt.Errorf("transaction %q: earnings: %w", t.ID, partnerops.ErrRange)
			}
			r.tier = int32(tier)
			if c.eval == Cumulative {
				raw, prevE = E-prevE, E
			} else {
				raw = E
			}
		}
		if !lim.apply(&r, raw) {
			return nil, fmt.Errorf("earnings: %w", partnerops.ErrRange)
		}
		out.recs = append(out.recs, r)
	}
	out.credited = cum
	out.earned, out.earnedTx = lim.earned, lim.earnedTx
	if inst != nil {
		out.tier = inst.tierOf(cum)
		if c.eval == PerTransaction {
			out.tier = -1
		}
	}
	return out, nil
}

// bonusShare returns the payee's share of a per-transaction bonus.
func (ev *evaluator) bonusShare(i int, amount int64) (int64, error) {
	if ev.meta[i].credit < 0 {
		return amount, nil
	}
	d, err := ev.share(i, amountDec(amount, ev.e.places), true)
	if err != nil {
		return 0, err
	}
	v, _ := amountOf(d)
	return v, nil
}

// runRamp walks the payee's qualifying transactions from its start date
// through p, counting deals and amount for the ramp's limits, and pays
// the stage's bonus rate on those in p, plus the fast-start bonus on a
// first deal within the window.
func (ev *evaluator) runRamp(c *cComp, p partnerops.Period, lim *limiter, out *periodOut) (*periodOut, error) {
	start := ev.req.Start
	if start.IsZero() {
		return nil, ErrNoStart
	}
	ramp := c.ramp
	places := ev.e.places
	lo, hi := ev.span(start, p.End)
	txs := ev.req.Transactions
	deals := 0
	var amount, cum int64
	fastUntil := start.AddDate(0, 0, ramp.fastDays)
	for k := lo; k < hi; k++ {
		i := ev.order[k]
		t := &txs[i]
		if ev.meta[i].out || !c.filter.match(t) {
			continue
		}
		m, err := ev.credited(int(i), c.measure)
		if err != nil {
			return nil, err
		}
		if !t.Date.Before(p.Start) {
			st := ramp.stage(start, t.Date, deals, amount)
			var ok bool
			if cum, ok = add64(cum, m); !ok {
				return nil, fmt.Errorf("running total: %w", partnerops.ErrRange)
			}
			r := rec{tx: i, kind: recTransaction, credited: m, cum: cum, tier: -1, stage: int32(st.Number)}
			var raw int64
			if st.Number > 0 {
				q, ok := mul128(ramp.bonus[st.Number-1], m).roundDiv(pow10u[earnScale-places], ev.e.mode)
				if !ok {
					return nil, fmt.Errorf("ramp bonus: %w", partnerops.ErrRange)
				}
				if raw, ok = mul64(q, int64(pow10u[amountScale-places])); !ok {
					return nil, fmt.Errorf("ramp bonus: %w", partnerops.ErrRange)
				}
			}
			if !lim.apply(&r, raw) {
				return nil, fmt.Errorf("earnings: %w", partnerops.ErrRange)
			}
			out.recs = append(out.recs, r)
			if deals == 0 && ramp.fastDays > 0 && m > 0 && t.Date.Before(fastUntil) {
				f := rec{tx: i, kind: recFastStart, tier: -1, stage: int32(st.Number)}
				if !lim.apply(&f, ramp.fastAmount) {
					return nil, fmt.Errorf("earnings: %w", partnerops.ErrRange)
				}
				out.recs = append(out.recs, f)
			}
		}
		if m > 0 {
			deals++
			var ok bool
			if amount, ok = add64(amount, m); !ok {
				return nil, fmt.Errorf("ramp progress: %w", partnerops.ErrRange)
			}
		}
	}
	out.credited = cum
	out.earned, out.earnedTx = lim.earned, lim.earnedTx
	return out, nil
}

// gateAt returns whether c's gate is open at the end of period p,
// memoized per request.
func (ev *evaluator) gateAt(c *cComp, p partnerops.Period) (bool, *GateResult, error) {
	for _, m := range ev.gates {
		if m.comp == c && m.start.Equal(p.Start) {
			return m.open, m.res, nil
		}
	}
	open, res, err := ev.gateUncached(c, p)
	if err != nil {
		return false, nil, err
	}
	if len(ev.gates) < 64 {
		ev.gates = append(ev.gates, gateMemo{comp: c, start: p.Start, open: open, res: res})
	}
	return open, res, nil
}

func (ev *evaluator) gateUncached(c *cComp, p partnerops.Period) (bool, *GateResult, error) {
	g := c.gate
	win, err := ev.e.calendar.Of(g.window, p.Start)
	if err != nil {
		return false, nil, err
	}
	lo, hi := ev.span(win.Start, p.End)
	var m int64
	for k := lo; k < hi; k++ {
		i := ev.order[k]
		if ev.meta[i].out || !c.filter.match(&ev.req.Transactions[i]) {
			continue
		}
		v, err := ev.credited(int(i), g.measure)
		if err != nil {
			return false, nil, err
		}
		var ok bool
		if m, ok = add64(m, v); !ok {
			return false, nil, fmt.Errorf("gate measure: %w", partnerops.ErrRange)
		}
	}
	q := g.quota
	if !g.hasQ {
		pq, hasQ, err := ev.quota(c)
		if err != nil {
			return false, nil, err
		}
		if !hasQ {
			return false, nil, fmt.Errorf("gate: %w", ErrNoQuota)
		}
		n := int64(1)
		for cur, _ := ev.e.calendar.Of(ev.e.period, win.Start); cur.Start.Before(p.Start) && n < 1000; cur = cur.Next() {
			n++
		}
		var ok bool
		if q, ok = mul64(pq, n); !ok {
			return false, nil, fmt.Errorf("gate quota: %w", partnerops.ErrRange)
		}
	}
	open := cmp128(mul128(m, 100_000_000), mul128(g.atLeast, q)) >= 0
	gr := &GateResult{Window: win, Label: ev.e.calendar.Label(win), Measure: ev.measureDec(m, g.unit),
		Quota: ev.measureDec(q, g.unit), Attainment: ev.attainment(m, q), AtLeast: g.pct, Open: open}
	return open, gr, nil
}

func (ev *evaluator) measureDec(v int64, u MeasureUnit) partnerops.Decimal {
	if u == UnitQuantity {
		return amountDec(v, 0)
	}
	return amountDec(v, ev.e.places)
}

// attainment returns 100 × m ÷ q rounded half-even to 2 decimals (for
// display; tiers compare exactly).
func (ev *evaluator) attainment(m, q int64) partnerops.Percent {
	if q <= 0 {
		return partnerops.Percent{}
	}
	v, ok := mul128(m, 10_000).roundDiv(uint64(q), partnerops.RoundHalfEven)
	if !ok {
		return partnerops.Percent{}
	}
	return partnerops.NewPercent(ev.slab.dec(v, -2))
}

// slabMeasure is measureDec from the slab.
func (ev *evaluator) slabMeasure(v int64, u MeasureUnit) partnerops.Decimal {
	if u == UnitQuantity {
		return ev.slab.fixed(v, amountScale, 0)
	}
	return ev.slab.fixed(v, amountScale, ev.e.places)
}

// component evaluates one component for the statement's period.
func (ev *evaluator) component(ci int, c *cComp, claws []int) (ComponentResult, int64, error) {
	e := ev.e
	cr := ComponentResult{ID: c.id, Name: c.name, Kind: c.kind}
	if c.kind == KindRetention {
		return ev.retention(c, cr)
	}
	if c.kind != KindBonus {
		cr.Measure = c.measure
	}
	if c.kind == KindCommission {
		cr.Evaluation = c.eval
	}
	open := true
	if c.gate != nil {
		var err error
		if open, cr.Gate, err = ev.gateAt(c, ev.period); err != nil {
			return cr, 0, err
		}
	}
	var out *periodOut
	var err error
	if c.gate != nil || c.claw != nil {
		out, err = ev.run(ci, c, ev.period, open)
	} else {
		out, err = ev.runUncached(c, ev.period, open, ev.scratch[:0])
		if out != nil {
			defer func() { ev.scratch = out.recs }()
		}
	}
	if err != nil {
		return cr, 0, err
	}
	cr.Lines = make([]Line, len(out.recs))
	ev.slab.reserve(4*len(out.recs) + 8)
	for k := range out.recs {
		r := &out.recs[k]
		ev.meta[r.tx].counted = true
		ev.line(&cr.Lines[k], c, out, r)
	}
	earned := out.earned
	cr.Credited = ev.slabMeasure(out.credited, c.unit)
	if out.hasQuota && c.kind != KindBonus {
		cr.Quota = ev.slabMeasure(out.quota, c.unit)
		cr.Attainment = ev.attainment(out.credited, out.quota)
	}
	if out.tier >= 0 {
		cr.Tier, cr.TierID = out.tier+1, c.table.ids[out.tier]
	}
	if c.unit == UnitMoney && out.credited > 0 && c.kind != KindBonus {
		// 100 × earned ÷ credited, half-even to 4 decimals of a percent.
		if v, ok := mul128(out.earnedTx, 1_000_000).roundDiv(uint64(out.credited), partnerops.RoundHalfEven); ok {
			cr.EffectiveRate = partnerops.NewPercent(ev.slab.fixed(v, 4, 0))
		}
	}
	if c.gate != nil && open {
		lines, sum, err := ev.trueUps(ci, c)
		if err != nil {
			return cr, 0, err
		}
		cr.Lines = append(cr.Lines, lines...)
		var ok bool
		if earned, ok = add64(earned, sum); !ok {
			return cr, 0, fmt.Errorf("earned: %w", partnerops.ErrRange)
		}
	}
	if c.claw != nil && len(claws) > 0 {
		lines, sum, err := ev.clawbacks(ci, c, claws)
		if err != nil {
			return cr, 0, err
		}
		cr.Lines = append(cr.Lines, lines...)
		var ok bool
		if earned, ok = add64(earned, sum); !ok {
			return cr, 0, fmt.Errorf("earned: %w", partnerops.ErrRange)
		}
	}
	cr.Earned = ev.slab.money(earned, e.currency, ev.e.places)
	return cr, earned, nil
}

// line materializes a statement line into l (a zero Line).
func (ev *evaluator) line(l *Line, c *cComp, out *periodOut, r *rec) {
	t := &ev.req.Transactions[r.tx]
	cur := ev.e.currency
	l.Kind, l.Transaction, l.Date, l.Limit = recKinds[r.kind], t.ID, t.Date, recLimits[r.limit]
	l.Amount = ev.slab.money(r.amount, cur, ev.e.places)
	if r.cut != 0 {
		l.Cut = ev.slab.money(r.cut, cur, ev.e.places)
	}
	if r.kind == recFastStart {
		if r.stage > 0 {
			l.Stage = c.ramp.stages[r.stage-1].ID
		}
		return
	}
	if c.kind != KindBonus {
		l.Credited = ev.slabMeasure(r.credited, c.unit)
		if c.eval == Cumulative || c.kind == KindRamp {
			l.Cumulative = ev.slabMeasure(r.cum, c.unit)
		}
	}
	if ev.meta[r.tx].credit >= 0 {
		l.Share = ev.shareOf(int(r.tx))
	}
	switch {
	case r.attainment && out.hasQuota:
		l.Attainment = ev.attainment(r.cum, out.quota)
		if r.tier >= 0 {
			l.Tier = int(r.tier) + 1
		}
	case c.kind == KindRamp:
		if r.stage > 0 {
			st := c.ramp.stages[r.stage-1]
			l.Stage, l.Rate = st.ID, st.BonusRate
		}
	case r.tier >= 0 && out.inst != nil:
		l.Tier, l.TierID = int(r.tier)+1, c.table.ids[r.tier]
		inst := out.inst
		switch c.table.value {
		case valueRate:
			l.Rate = inst.rates[r.tier]
		case valuePerUnit:
			l.PerUnit = ev.slab.fixed(inst.mult[r.tier], multScale, ev.e.places)
		}
		if inst.gated != nil && inst.gated[r.tier] {
			l.Gated = true
		}
	}
}

// shareOf returns the payee's share of a split transaction in percent,
// rounded half-even to 2 decimals (for display).
func (ev *evaluator) shareOf(i int) partnerops.Percent {
	t := &ev.req.Transactions[i]
	var sum partnerops.Decimal
	for _, c := range t.Credits {
		sum = sum.Add(c.Weight)
	}
	d, err := t.Credits[ev.meta[i].credit].Weight.Mul(partnerops.DecimalFromInt(100)).Quo(sum, 2, partnerops.RoundHalfEven)
	if err != nil {
		return partnerops.Percent{}
	}
	return partnerops.NewPercent(d)
}

// trueUps pays, in the period the gate opens, what the gate withheld in
// the earlier periods of its window that closed with the gate shut since
// it was last open.
func (ev *evaluator) trueUps(ci int, c *cComp) ([]Line, int64, error) {
	win, err := ev.e.calendar.Of(c.gate.window, ev.period.Start)
	if err != nil {
		return nil, 0, err
	}
	var prior []partnerops.Period
	for q := ev.period.Previous(); !q.Start.Before(win.Start); q = q.Previous() {
		open, _, err := ev.gateAt(c, q)
		if err != nil {
			return nil, 0, err
		}
		if open {
			break
		}
		prior = append(prior, q)
	}
	slices.Reverse(prior)
	var lines []Line
	var sum int64
	for _, q := range prior {
		a, err := ev.run(ci, c, q, true)
		if err != nil {
			return nil, 0, err
		}
		b, err := ev.run(ci, c, q, false)
		if err != nil {
			return nil, 0, err
		}
		d := a.earned - b.earned
		if d == 0 {
			continue
		}
		lines = append(lines, Line{Kind: LineTrueUp, Period: ev.e.calendar.Label(q), Date: q.Start, Amount: money(d, ev.e.currency)})
		var ok bool
		if sum, ok = add64(sum, d); !ok {
			return nil, 0, fmt.Errorf("true-ups: %w", partnerops.ErrRange)
		}
	}
	return lines, sum, nil
}

// periodClawbacks returns the indexes of the request's clawbacks dated in
// the statement's period, by date then ID, after checking them.
func (ev *evaluator) periodClawbacks() ([]int, error) {
	var out []int
	cbs := ev.req.Clawbacks
	for i := range cbs {
		cb := &cbs[i]
		if !ev.period.Contains(cb.Date) {
			continue
		}
		path := partnerops.Path("clawbacks", i)
		if cb.ID != "" {
			path = partnerops.Path("clawbacks", partnerops.Key(cb.ID))
		}
		if ev.byID == nil {
			ev.byID = make(map[TransactionID]int32, len(ev.req.Transactions))
			for j := range ev.req.Transactions {
				ev.byID[ev.req.Transactions[j].ID] = int32(j)
			}
		}
		j, ok := ev.byID[cb.Transaction]
		if !ok {
			return nil, inputErr(partnerops.JoinPath(path, "transaction"), fmt.Errorf("%w %q", ErrUnknownTransaction, cb.Transaction))
		}
		if cb.Date.Before(ev.req.Transactions[j].Date) {
			return nil, inputErr(partnerops.JoinPath(path, "date"), fmt.Errorf("before the transaction's date: %w", partnerops.ErrInvalid))
		}
		switch cb.Reason {
		case ReasonChurn, ReasonRefund, ReasonDowngrade:
		default:
			return nil, inputErr(partnerops.JoinPath(path, "reason"), fmt.Errorf("must be churn, refund or downgrade: %w", partnerops.ErrInvalid))
		}
		if cb.Portion.IsNegative() || cb.Portion.Cmp(partnerops.PercentFromInt(100)) > 0 {
			return nil, inputErr(partnerops.JoinPath(path, "portion"), fmt.Errorf("must be from 0 to 100: %w", partnerops.ErrInvalid))
		}
		if _, ok := amountOf(cb.Portion.Decimal()); !ok {
			return nil, inputErr(partnerops.JoinPath(path, "portion"), fmt.Errorf("at most 6 decimals: %w", partnerops.ErrRange))
		}
		out = append(out, i)
	}
	slices.SortFunc(out, func(a, b int) int {
		if c := cbs[a].Date.Compare(cbs[b].Date); c != 0 {
			return c
		}
		return cmp.Compare(cbs[a].ID, cbs[b].ID)
	})
	return out, nil
}

// clawbacks reverses, as negative lines, what c paid the clawed-back
// transactions in their own periods.
func (ev *evaluator) clawbacks(ci int, c *cComp, claws []int) ([]Line, int64, error) {
	var lines []Line
	var sum int64
	cur := ev.e.currency
	for _, ix := range claws {
		cb := &ev.req.Clawbacks[ix]
		i := ev.byID[cb.Transaction]
		t := &ev.req.Transactions[i]
		if ev.meta[i].out || !c.filter.match(t) {
			continue
		}
		p0 := ev.e.Period(t.Date)
		open := true
		if c.gate != nil {
			var err error
			if open, _, err = ev.gateAt(c, p0); err != nil {
				return nil, 0, err
			}
		}
		out, err := ev.run(ci, c, p0, open)
		if err != nil {
			return nil, 0, err
		}
		paid := out.paidTo(i)
		if paid == 0 {
			continue
		}
		portion := int64(100 * pow10u[amountScale]) // percent at scale 6
		if !cb.Portion.IsZero() {
			portion, _ = amountOf(cb.Portion.Decimal())
		}
		l := Line{Kind: LineClawback, Transaction: t.ID, Date: cb.Date, Period: ev.e.calendar.Label(p0), Cause: cb.Reason,
			Original: money(paid, cur)}
		months := int64(c.claw.Months)
		if !cb.Date.Before(addMonths(t.Date, c.claw.Months)) {
			whole, _ := roundFrac(paid, portion, 1, 1, ev.e.places, ev.e.mode)
			l.Amount, l.Cut, l.Limit = money(0, cur), money(-whole, cur), LimitClawbackWindow
			l.Portion = partnerops.Percent{}
			lines = append(lines, l)
			continue
		}
		remaining := months
		if c.claw.Prorate {
			remaining = months - int64(monthsBetween(t.Date, cb.Date))
		}
		amt, ok := roundFrac(paid, portion, remaining, months, ev.e.places, ev.e.mode)
		if !ok {
			return nil, 0, fmt.Errorf("clawback %q: %w", cb.ID, partnerops.ErrRange)
		}
		l.Amount = money(-amt, cur)
		// portion × remaining ÷ months, in percent to 4 decimals (display).
		if v, ok := mul128(portion, remaining).roundDiv(uint64(months)*100, partnerops.RoundHalfEven); ok {
			l.Portion = partnerops.NewPercent(fixedDec(v, 4, 0))
		}
		lines = append(lines, l)
		sum -= amt
	}
	return lines, sum, nil
}

// roundFrac returns paid × portion% × num ÷ den rounded once to places
// (at scale 6); a whole reversal is exact.
func roundFrac(paid, portion, num, den int64, places int32, mode partnerops.RoundingMode) (int64, bool) {
	if portion == int64(100*pow10u[amountScale]) && num == den {
		return paid, true
	}
	n := new(big.Int).Mul(big.NewInt(paid), big.NewInt(portion))
	n.Mul(n, big.NewInt(num))
	d := new(big.Int).Mul(big.NewInt(den), new(big.Int).SetUint64(100*pow10u[amountScale]))
	d.Mul(d, new(big.Int).SetUint64(pow10u[amountScale])) // paid is at scale 6
	return roundRatFixed(n, d, places, mode)
}

// retention evaluates a retention component on the request's book.
func (ev *evaluator) retention(c *cComp, cr ComponentResult) (ComponentResult, int64, error) {
	e := ev.e
	b := ev.req.Book
	if b == nil {
		return cr, 0, ErrNoBook
	}
	get := func(name string, m partnerops.Money) (int64, error) {
		if m.IsZero() {
			return 0, nil
		}
		mm, err := m.InCurrency(e.currency)
		if err != nil {
			return 0, inputErr(partnerops.Path("book", name), err)
		}
		v, ok := amountOf(mm.Amount())
		if !ok || v < 0 {
			return 0, inputErr(partnerops.Path("book", name), fmt.Errorf("must be a non-negative amount with at most 6 decimals: %w", partnerops.ErrInvalid))
		}
		return v, nil
	}
	var vals [4]int64
	for k, f := range []struct {
		n string
		m partnerops.Money
	}{{"start", b.Start}, {"expansion", b.Expansion}, {"contraction", b.Contraction}, {"churn", b.Churn}} {
		v, err := get(f.n, f.m)
		if err != nil {
			return cr, 0, err
		}
		vals[k] = v
	}
	start := vals[0]
	if start <= 0 {
		return cr, 0, inputErr("book.start", fmt.Errorf("must be positive: %w", partnerops.ErrInvalid))
	}
	retained := start - vals[2] - vals[3]
	if c.metric == NRR {
		retained += vals[1]
	}
	lim, err := ev.newLimiter(c, true)
	if err != nil {
		return cr, 0, err
	}
	var E int64
	tier := -1
	ok := true
	var inst *tableInst
	if c.table != nil {
		inst, ok = c.table.resolve(start, true, e.places, e.mode)
		if ok {
			E, tier, ok = inst.earn(retained)
		}
	} else {
		target, err := ev.targetRat(c)
		if err != nil {
			return cr, 0, err
		}
		E, tier, ok = c.curve.earn(retained, start, target, e.places, e.mode)
	}
	if !ok {
		return cr, 0, fmt.Errorf("retention: %w", partnerops.ErrRange)
	}
	r := rec{kind: recRetention, tier: int32(tier)}
	if !lim.apply(&r, E) {
		return cr, 0, fmt.Errorf("retention: %w", partnerops.ErrRange)
	}
	cr.Measure = Measure(c.metric)
	cr.Credited = ev.measureDec(retained, UnitMoney)
	cr.Quota = ev.measureDec(start, UnitMoney)
	cr.Attainment = ev.attainment(retained, start)
	l := Line{Kind: LineRetention, Credited: cr.Credited, Attainment: cr.Attainment, Amount: money(r.amount, e.currency), Limit: recLimits[r.limit]}
	if r.cut != 0 {
		l.Cut = money(r.cut, e.currency)
	}
	if tier >= 0 {
		l.Tier = tier + 1
		cr.Tier = tier + 1
		if inst != nil {
			l.TierID = c.table.ids[tier]
			cr.TierID = l.TierID
			if c.table.value == valueRate {
				l.Rate = inst.rates[tier]
			}
		}
	}
	cr.Lines = []Line{l}
	cr.Earned = money(r.amount, e.currency)
	return cr, r.amount, nil
}
