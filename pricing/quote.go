package pricing

import (
	"cmp"
	"slices"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// QuoteRuleKind is what a [QuoteRule] does.
type QuoteRuleKind string

// Quote rule kinds.
const (
	// QuoteDiscount takes a discount off the quote (a deal-size discount),
	// spread over its lines: each line's step of the waterfall, judged by
	// the approval matrix.
	QuoteDiscount QuoteRuleKind = "discount"
	// QuoteFee is a fee that reduces the seller's proceeds (a marketplace
	// fee) without changing a price: it is not a discount and never
	// raises an approval.
	QuoteFee QuoteRuleKind = "fee"
)

func (k QuoteRuleKind) valid() bool { return k == QuoteDiscount || k == QuoteFee }

// Allocation says how a quote rule's amount is spread over lines.
type Allocation string

// Allocations. The shares are proportional to the lines' weights, in the
// currency's minor units, and sum exactly to the amount
// ([partnerops.Money.Allocate]: whole minor units of each exact share,
// left-over units to the largest remainders, ties to the earlier line).
const (
	// AllocateNet weighs lines by their net extended amounts (the
	// default).
	AllocateNet Allocation = "net"
	// AllocateList weighs lines by their list values.
	AllocateList Allocation = "list"
	// AllocateQuantity weighs lines by their stock quantities.
	AllocateQuantity Allocation = "quantity"
)

func (a Allocation) valid() bool {
	return a == "" || a == AllocateNet || a == AllocateList || a == AllocateQuantity
}

// QuoteRule is a rule on the quote as a whole, applied after every line's
// waterfall: a discount (Percent of the eligible lines' net total, or an
// Amount) spread over the lines, or a fee on the proceeds. Its
// conditions look at the quote (tiers, partner types, motions, regions,
// currencies, books, deal value, deal registration, business, dates,
// quote and partner attributes, lines); SKUs and Families name the lines
// it concerns (every paid line when both are empty; free lines and lines
// that ignore rules never count). Applicable quote rules apply
// discounts first, then fees, each by priority (highest first), then ID;
// each discount works on the net left by the previous ones, and fees on
// the net after every discount.
type QuoteRule struct {
	ID       RuleID              `json:"id"`
	Name     string              `json:"name,omitempty"`
	Kind     QuoteRuleKind       `json:"kind" aka:"type"`
	Priority int                 `json:"priority,omitempty"`
	Currency partnerops.Currency `json:"currency,omitempty"`
	When     Conditions          `json:"when,omitzero" aka:"conditions,condition,where,if,criteria"`
	Percent  *partnerops.Percent `json:"percent,omitempty" aka:"pct,percentage,rate"`
	// Amount is a fixed amount (in the rule's or the framework's
	// currency), rounded to the currency's minor units.
	Amount   *partnerops.Money `json:"amount,omitempty" aka:"value"`
	SKUs     []SKU             `json:"skus,omitempty"`
	Families []Family          `json:"families,omitempty"`
	// Allocate defaults to [AllocateNet].
	Allocate Allocation `json:"allocate,omitempty" aka:"allocation,spread"`
	// Approval is a level a discount always requires where it applies.
	Approval ApprovalLevel `json:"approval,omitempty"`
}

// Adjustment is a quote rule that applied: its amount (Percent of Base,
// or a fixed amount), and what the lines took (Applied: less than Amount
// when floors or caps cut some lines' shares; fees always apply in
// full).
type Adjustment struct {
	Rule    RuleID             `json:"rule"`
	Kind    QuoteRuleKind      `json:"kind"`
	Percent partnerops.Percent `json:"percent"`
	Base    partnerops.Money   `json:"base"`
	Amount  partnerops.Money   `json:"amount"`
	Applied partnerops.Money   `json:"applied"`
}

// Equal reports whether a and o are the same adjustment, amounts
// compared as numbers.
func (a Adjustment) Equal(o Adjustment) bool {
	return a.Rule == o.Rule && a.Kind == o.Kind && a.Percent.Equal(o.Percent) && a.Base.Equal(o.Base) &&
		a.Amount.Equal(o.Amount) && a.Applied.Equal(o.Applied)
}

// validateQuoteRules checks the quote rules: IDs unique among all rules,
// a kind, a percent or an amount, known SKUs and families, an allocation,
// and conditions that look at the quote.
func validateQuoteRules(p *partnerops.Problems, fw *Framework, groups map[GroupID]int, ids map[RuleID]int, levels map[ApprovalLevel]bool,
	skus map[SKU]bool, families map[Family]bool, books map[BookID]bool, tree familyTree) {
	seen := make(map[RuleID]bool, len(fw.QuoteRules))
	for i := range fw.QuoteRules {
		q := &fw.QuoteRules[i]
		key := elemKey(string(q.ID), i)
		at := func(parts ...any) string { return partnerops.Path(append([]any{"quote_rules", key}, parts...)...) }
		_, clash := ids[q.ID]
		switch {
		case q.ID == "":
			p.Add(at("id"), "must not be empty", "")
		case seen[q.ID] || clash:
			p.Add(at("id"), "duplicate rule ID (quote rules and rules share IDs)", string(q.ID))
		}
		seen[q.ID] = true
		if !q.Kind.valid() {
			p.Add(at("kind"), "must be discount or fee", string(q.Kind))
		}
		switch {
		case (q.Percent == nil) == (q.Amount == nil):
			p.Add(at(), "set percent or amount (one of the two)", "")
		case q.Percent != nil:
			checkPercent(p, at("percent"), *q.Percent, zeroPct, hundredPct)
		}
		if !q.Allocate.valid() {
			p.Add(at("allocate"), "must be net, list or quantity", string(q.Allocate))
		}
		if q.Kind == QuoteFee && q.Approval != "" {
			p.Add(at("approval"), "a fee is not a discount and needs no approval", string(q.Approval))
		}
		for j, s := range q.SKUs {
			if !skus[s] {
				p.Add(at("skus", j), "no price book holds this SKU", string(s))
			}
		}
		for j, f := range q.Families {
			if !families[f] {
				p.Add(at("families", j), "no price book or family tree holds this family", string(f))
			}
		}
		// The conditions, currency and approval, checked as a rule's.
		r := &Rule{ID: q.ID, Currency: q.Currency, When: q.When, Approval: q.Approval}
		if q.Amount != nil {
			r.Effect = AmountOff(*q.Amount)
		}
		validateRule(p, fw, r, key, "quote_rules", groups, ids, levels, skus, families, books, tree)
		if q.Amount != nil {
			rfw := *fw
			if q.Currency != "" {
				rfw.Currency = q.Currency
			}
			checkFrameworkMoney(p, &rfw, at("amount"), *q.Amount)
		}
	}
}

// cquote is a compiled quote rule.
type cquote struct {
	id        RuleID
	kind      QuoteRuleKind
	pct       partnerops.Percent
	frac      num
	hasAmount bool
	amount    num
	skus      []SKU
	families  []Family
	alloc     Allocation
	cond      crule // its conditions, compiled as a rule's
}

// compileQuoteRules compiles the quote rules in the order they apply:
// discounts before fees, then priority (highest first), then ID.
func (e *Engine) compileQuoteRules(fw *Framework, groupIdx map[GroupID]int32) {
	levelIdx := map[ApprovalLevel]int{}
	for i, a := range fw.Approvals {
		levelIdx[a.Level] = i + 1
	}
	order := make([]int, len(fw.QuoteRules))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := &fw.QuoteRules[a], &fw.QuoteRules[b]
		return cmp.Or(cmp.Compare(b2i(x.Kind == QuoteFee), b2i(y.Kind == QuoteFee)), -cmp.Compare(x.Priority, y.Priority), cmp.Compare(x.ID, y.ID))
	})
	for _, i := range order {
		q := &fw.QuoteRules[i]
		c := cquote{id: q.ID, kind: q.Kind, skus: slices.Clone(q.SKUs), families: slices.Clone(q.Families), alloc: q.Allocate}
		if c.alloc == "" {
			c.alloc = AllocateNet
		}
		if q.Percent != nil {
			c.pct, c.frac = *q.Percent, numOf(fence.Frac(*q.Percent))
		}
		if q.Amount != nil {
			c.hasAmount, c.amount = true, numOf(fence.Amount(*q.Amount))
		}
		r := &Rule{ID: q.ID, Currency: q.Currency, When: q.When, Approval: q.Approval, Effect: PercentOffList(partnerops.Percent{})}
		e.compileRule(&c.cond, r, groupIdx, levelIdx)
		c.cond.rank = -1
		e.quoteRules = append(e.quoteRules, c)
	}
}

// quoteHolds reports whether quote rule q's conditions hold for the
// quote: the quote-level ones, then its attribute tests on the quote and
// the partner.
func (ev *evaluator) quoteHolds(q *cquote) bool {
	if ev.quoteOutcome(&q.cond) != qPass {
		return false
	}
	for k := range q.cond.attrs {
		a := &q.cond.attrs[k]
		v, ok := ev.q.Attributes[a.key]
		if !ok {
			v, ok = ev.q.Partner.Attributes[a.key]
		}
		if !a.holds(v, ok) {
			return false
		}
	}
	return true
}

// applyQuoteRules applies the quote rules to the priced paid lines of
// res: discounts spread over the eligible lines (each share cut at the
// line's floor and total cap, and recorded as a step of the line), then
// fees. It updates the lines' net prices, discounts and approvals, and
// returns the adjustments.
func (ev *evaluator) applyQuoteRules(res *Result) error {
	e, b := ev.e, ev.b
	minor := b.currency.MinorUnits()
	touched := false
	weights := make([]partnerops.Decimal, 0, len(ev.preps))
	idx := make([]int, 0, len(ev.preps))
	for k := range e.quoteRules {
		q := &e.quoteRules[k]
		if !ev.quoteHolds(q) {
			continue
		}
		// The eligible lines and their net total.
		idx, weights = idx[:0], weights[:0]
		base := numInt(0, 0)
		for i := range ev.preps {
			p := &ev.preps[i]
			if ev.q.Lines[i].IgnoreRules || ((len(q.skus) > 0 || len(q.families) > 0) &&
				!slices.Contains(q.skus, p.v.sku) && !e.inFamilies(p.v, q.families)) {
				continue
			}
			idx = append(idx, i)
			base = base.add(p.netExt)
			w := p.netExt
			switch q.alloc {
			case AllocateList:
				w = p.lineVal
			case AllocateQuantity:
				w = numInt(p.micro, -6)
			}
			weights = append(weights, fence.Wrap(w.dec()))
		}
		amount := q.amount
		if !q.hasAmount {
			amount = base.mul(q.frac)
		}
		amount = amount.round(minor, b.mode)
		adj := Adjustment{Rule: q.id, Kind: q.kind, Percent: q.pct}
		var err error
		if adj.Base, err = fence.Money(base.dec(), b.currency); err != nil {
			return wrapf(err, "quote rule %q out of range", q.id)
		}
		if adj.Amount, err = fence.Money(amount.dec(), b.currency); err != nil {
			return wrapf(err, "quote rule %q out of range", q.id)
		}
		adj.Applied = partnerops.Zero(b.currency)
		if len(idx) == 0 || amount.sign() == 0 {
			res.Adjustments = append(res.Adjustments, adj)
			continue
		}
		shares, err := adj.Amount.Allocate(weights...)
		if err != nil {
			// All weights are zero: spread evenly.
			for j := range weights {
				weights[j] = partnerops.DecimalFromInt(1)
			}
			if shares, err = adj.Amount.Allocate(weights...); err != nil {
				return wrapf(err, "quote rule %q", q.id)
			}
		}
		applied := numInt(0, 0)
		for j, i := range idx {
			share := numOf(fence.Amount(shares[j]))
			if q.kind == QuoteFee {
				ev.qp[i].fee = ev.qp[i].fee.add(share)
				applied = applied.add(share)
				continue
			}
			applied = applied.add(ev.discountLine(res, i, k, share))
			touched = true
		}
		if adj.Applied, err = fence.Money(applied.dec(), b.currency); err != nil {
			return wrapf(err, "quote rule %q out of range", q.id)
		}
		res.Adjustments = append(res.Adjustments, adj)
	}
	if touched {
		for i := range ev.preps {
			if err := ev.refreshLine(&res.Lines[i], &ev.preps[i], &ev.qp[i]); err != nil {
				return &LineError{Line: i + 1, ID: ev.q.Lines[i].ID, SKU: ev.q.Lines[i].SKU, Err: err}
			}
		}
	}
	return nil
}

// discountLine takes share off line i's net extended amount for quote
// rule k, cut so the line stays at or above its floor and total cap
// bound, records the step, and returns the part applied.
func (ev *evaluator) discountLine(res *Result, i, k int, share num) num {
	p, qp := &ev.preps[i], &ev.qp[i]
	l := &res.Lines[i]
	room := p.netExt.sub(qp.loExt)
	if room.sign() < 0 {
		room = numInt(0, 0)
	}
	applied, limit := share, LimitNone
	if share.sign() > 0 && share.cmp(room) > 0 {
		applied, limit = room, qp.loWhich
	}
	qty := p.qty
	wp := ev.wp
	// The step's unit amounts derive from the extended ones; it starts
	// from the line's last unit price, so the steps still chain.
	before := qp.running
	p.netExt = p.netExt.sub(applied)
	after := p.netExt.divRound(qty, wp)
	qp.running = after
	l.steps = append(l.steps, stepRec{rule: -2 - int32(k), tier: -1, limit: limit,
		amount: ev.bigs.pack(before.sub(after)), running: ev.bigs.pack(after), requested: ev.bigs.pack(share.divRound(qty, wp))})
	qp.quoteTouched = true
	if lvl := ev.e.quoteRules[k].cond.approval; applied.sign() > 0 && lvl > qp.ruleLevel {
		qp.ruleLevel = lvl
	}
	return applied
}

// refreshLine recomputes a line's net unit price, discount and approval
// after quote discounts took shares of its extended amount: the unit
// price derives from the extended amount, as for a line priced as a
// total.
func (ev *evaluator) refreshLine(l *LineResult, p *linePrep, qp *quotePrep) error {
	if !qp.quoteTouched {
		return nil
	}
	b := ev.b
	unit := p.netExt.divRound(p.qty, ev.wp)
	if b.target != RoundExtended {
		unit = roundAbove(unit, qp.floorX, qp.guard, b.places, b.mode)
	}
	var err error
	if l.NetUnit, err = fence.Money(unit.dec(), b.currency); err != nil {
		return err
	}
	if l.NetExtended, err = fence.Money(p.netExt.dec(), b.currency); err != nil {
		return err
	}
	if l.Discount, err = fence.Money(p.lineVal.sub(p.netExt).dec(), b.currency); err != nil {
		return err
	}
	l.EffectiveDiscount = effectivePercent(p.lineVal, p.netExt)
	l.Approval = ev.e.approvalFor(l.EffectiveDiscount, qp.ruleLevel)
	return nil
}

// approvalFor returns the level a line needs: the highest whose threshold
// its effective discount exceeds, or ruleLevel (1 + index) if higher.
func (e *Engine) approvalFor(eff partnerops.Percent, ruleLevel int) ApprovalLevel {
	n := numOf(fence.Pct(eff))
	lvl := 0
	for k := len(e.levels) - 1; k >= 0; k-- {
		if n.cmp(e.levelN[k]) > 0 {
			lvl = k + 1
			break
		}
	}
	lvl = max(lvl, ruleLevel)
	if lvl == 0 {
		return ""
	}
	return e.levels[lvl-1].Level
}

// quoteStep materializes the step of quote rule k on a line.
func (l *LineResult) quoteStep(s stepRec) Step {
	q := &l.engine.quoteRules[-2-s.rule]
	st := Step{Rule: q.id, Effect: EffectQuoteDiscount, Percent: q.pct, ScheduleTier: -1,
		Amount: l.bigs.dec(s.amount), Running: l.bigs.dec(s.running), Limit: s.limit}
	if q.hasAmount {
		st.Value = fence.Wrap(q.amount.dec())
	}
	st.Requested = st.Amount
	if s.limit != LimitNone {
		st.Requested = l.bigs.dec(s.requested)
	}
	return st
}

// finish adds what follows from the priced lines: each line's share of
// the fees, the fee total and proceeds, and with a taxed book each line's
// tax, net of tax and gross, with their totals.
func (ev *evaluator) finish(res *Result) error {
	b := ev.b
	money := func(n num) (*partnerops.Money, error) {
		m, err := fence.Money(n.dec(), b.currency)
		if err != nil {
			return nil, wrapf(err, "quote totals out of range")
		}
		return &m, nil
	}
	var err error
	fees := numInt(0, 0)
	hasFee := false
	for _, a := range res.Adjustments {
		if a.Kind == QuoteFee {
			fees, hasFee = fees.add(numOf(fence.Amount(a.Applied))), true
		}
	}
	if hasFee {
		for i := range ev.preps {
			x := res.Lines[i].extra()
			x.fee, x.hasFee = ev.bigs.pack(ev.qp[i].fee), true
		}
		if res.FeeTotal, err = money(fees); err != nil {
			return err
		}
		if res.Proceeds, err = money(numOf(fence.Amount(res.NetTotal)).sub(fees)); err != nil {
			return err
		}
	}
	t := b.tax
	if t == nil {
		return nil
	}
	rate := numOf(fence.Frac(t.Rate))
	onePlus := numOf(one).add(rate)
	taxTot, netTot, grossTot := numInt(0, 0), numInt(0, 0), numInt(0, 0)
	for i := range res.Lines {
		l := &res.Lines[i]
		ext := numOf(fence.Amount(l.NetExtended))
		var tax, net, gross num
		if t.Included {
			tax, gross = ext.mul(rate).quoRound(onePlus, b.places, b.mode), ext // rounded once
			net = gross.sub(tax)
			l.extra().taxKind = taxIncluded
		} else {
			tax, net = ext.mul(rate).round(b.places, b.mode), ext
			gross = net.add(tax)
			l.extra().taxKind = taxExcluded
		}
		l.x.tax = ev.bigs.pack(tax)
		taxTot, netTot, grossTot = taxTot.add(tax), netTot.add(net), grossTot.add(gross)
	}
	if res.TaxTotal, err = money(taxTot); err != nil {
		return err
	}
	if res.NetOfTaxTotal, err = money(netTot); err != nil {
		return err
	}
	res.GrossTotal, err = money(grossTot)
	return err
}
