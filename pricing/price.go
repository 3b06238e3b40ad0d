package pricing

import (
	"fmt"
	"math/bits"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// Quote is what a deal desk prices: lines and the context the rules look
// at. It is plain data and round-trips through encoding/json.
type Quote struct {
	ID string `json:"id,omitempty"`
	// Book names the price book. When empty the engine picks the book
	// matching Currency (when set) and Region, preferring a book of the
	// quote's region over a book without a region; ties go to the
	// smallest book ID.
	Book     BookID              `json:"book,omitempty"`
	Currency partnerops.Currency `json:"currency,omitempty"`
	// Partner supplies the tier, the partner type and attributes.
	Partner          partnerops.Partner      `json:"partner"`
	Motion           partnerops.Motion       `json:"motion,omitempty"`
	DealRegistration DealRegStatus           `json:"deal_registration,omitempty"`
	Business         partnerops.BusinessType `json:"business,omitempty"`
	Region           partnerops.Region       `json:"region,omitempty"`
	Attributes       map[string]string       `json:"attributes,omitempty"`
	Lines            []QuoteLine             `json:"lines"`
	// Prior are quantities bought before (under the contract), by SKU or
	// family, for schedules that count them (Schedule Prior).
	Prior []PriorQuantity `json:"prior,omitempty" aka:"prior_quantities,previous"`
}

// PriorQuantity is a quantity (in stock units) of a SKU or of a family
// bought before this quote.
type PriorQuantity struct {
	SKU      SKU                `json:"sku,omitempty"`
	Family   Family             `json:"family,omitempty"`
	Quantity partnerops.Decimal `json:"quantity"`
}

// QuoteLine is one line of a [Quote]. A quantity is positive, below 10^12
// and has at most six digits after the decimal point (trailing zeros do
// not count: "1.000000000000000000" is 1).
type QuoteLine struct {
	ID       string             `json:"id,omitempty"`
	SKU      SKU                `json:"sku"`
	Quantity partnerops.Decimal `json:"quantity"`
	// Unit is the unit of the quantity: the entry's stock unit when empty
	// or one of its conversions ([UnitConversion]). Prices in the result
	// are per this unit.
	Unit       string            `json:"unit,omitempty" aka:"uom"`
	Attributes map[string]string `json:"attributes,omitempty"`
	// ManualPrice or ManualDiscount is a price or discount the host (a
	// sales rep) enters: a step of its own at the framework's manual
	// position, set as written but subject to the total cap and the
	// floor, and judged by the approval matrix (and the framework's
	// ManualApproval). ManualPrice is per the line's unit, in the book's
	// currency (a bare "80.00" in JSON); ManualDiscount is a percentage
	// of the running price, from 0 to 100.
	ManualPrice    *partnerops.Money   `json:"manual_price,omitempty" aka:"price,unit_price,override_price"`
	ManualDiscount *partnerops.Percent `json:"manual_discount,omitempty" aka:"discount,additional_discount"`
	// IgnoreRules prices the line at its list price (and its manual
	// input), with no rule: not even a candidate.
	IgnoreRules bool `json:"ignore_rules,omitempty" aka:"no_rules,skip_rules"`
}

// Result is a priced quote: every line's waterfall and the quote totals.
// It is data: it encodes to JSON with every step and skipped rule, and
// decodes back to a Result that is [Result.Equal] to it and renders the
// same text, without the engine that priced it.
type Result struct {
	QuoteID  string              `json:"quote_id,omitempty"`
	Book     BookID              `json:"book"`
	Currency partnerops.Currency `json:"currency"`
	// Places is the number of decimal places the book rounds net prices
	// to; renderings show amounts with at least that many.
	Places int32        `json:"places"`
	At     time.Time    `json:"at"`
	Lines  []LineResult `json:"lines"`
	// ListTotal and NetTotal sum the lines' extended amounts;
	// DiscountTotal is their difference.
	ListTotal     partnerops.Money `json:"list_total"`
	NetTotal      partnerops.Money `json:"net_total"`
	DiscountTotal partnerops.Money `json:"discount_total"`
	// EffectiveDiscount is DiscountTotal / ListTotal, in percent rounded
	// half-even to four decimal places (0 when ListTotal is 0).
	EffectiveDiscount partnerops.Percent `json:"effective_discount"`
	// Approval is the highest level any line needs ("" for none).
	Approval ApprovalLevel `json:"approval,omitempty"`
	// Adjustments are the quote rules that applied, in the order they
	// applied: discounts (already in the lines' steps and in NetTotal)
	// and fees.
	Adjustments []Adjustment `json:"adjustments,omitempty"`
	// FeeTotal sums the fees; Proceeds is NetTotal less FeeTotal, what
	// the seller keeps. Both are nil when no fee applied.
	FeeTotal *partnerops.Money `json:"fee_total,omitempty"`
	Proceeds *partnerops.Money `json:"proceeds,omitempty"`
	// With a book that has a [Tax]: the lines' taxes, nets of tax and
	// grosses summed (nil otherwise).
	TaxTotal      *partnerops.Money `json:"tax_total,omitempty"`
	NetOfTaxTotal *partnerops.Money `json:"net_of_tax_total,omitempty"`
	GrossTotal    *partnerops.Money `json:"gross_total,omitempty"`

	engine *Engine
}

// LineResult is the waterfall of one line.
type LineResult struct {
	Line   int    `json:"line"` // 1-based number of the line in Quote.Lines
	ID     string `json:"id,omitempty"`
	SKU    SKU    `json:"sku"`
	Family Family `json:"family,omitempty"`
	Name   string `json:"name,omitempty"`
	// Unit is the line's unit (the entry's stock unit unless the line
	// names another) and Quantity is in it.
	Unit     string             `json:"unit,omitempty"`
	Quantity partnerops.Decimal `json:"quantity"`
	// StockUnit and UnitFactor are set when the line's unit converts to
	// the stock unit: one Unit is UnitFactor StockUnits.
	StockUnit  string             `json:"stock_unit,omitempty"`
	UnitFactor partnerops.Decimal `json:"unit_factor,omitzero"`
	// ManualPrice, ManualDiscount and IgnoreRules repeat the line's host
	// inputs.
	ManualPrice    *partnerops.Money   `json:"manual_price,omitempty"`
	ManualDiscount *partnerops.Percent `json:"manual_discount,omitempty"`
	IgnoreRules    bool                `json:"ignore_rules,omitempty"`
	// FreeOf and FreeRule are set on a line of free goods: the 1-based
	// number of the line that earned them and the rule that gave them.
	FreeOf   int    `json:"free_of,omitempty"`
	FreeRule RuleID `json:"free_rule,omitempty"`
	// List is the unit list price in force; Cost the unit cost (zero Money
	// when the book has none); Floor the lowest net unit price discounts
	// may reach (the entry floor or the minimum-margin price, at least 0).
	// Like every unit price of the line (steps, net unit) they are per the
	// line's Unit.
	List  partnerops.Money `json:"list"`
	Cost  partnerops.Money `json:"cost"`
	Floor partnerops.Money `json:"floor"`
	// NetUnit is the net unit price, rounded when the book rounds unit
	// prices and exact (at working precision) when it rounds extended
	// amounts.
	NetUnit      partnerops.Money `json:"net_unit"`
	ListExtended partnerops.Money `json:"list_extended"`
	NetExtended  partnerops.Money `json:"net_extended"`
	Discount     partnerops.Money `json:"discount"` // ListExtended − NetExtended
	// EffectiveDiscount is Discount / ListExtended in percent, rounded
	// half-even to four decimal places.
	EffectiveDiscount partnerops.Percent `json:"effective_discount"`
	// Approval is the level this line needs ("" for none).
	Approval ApprovalLevel `json:"approval,omitempty"`

	// steps are the applied rules and skips the rules considered and not
	// applied, kept compact and free of pointers while pricing;
	// [LineResult.Steps] and [LineResult.Skipped] materialize them. A
	// decoded line holds them materialized in dec.
	steps  []stepRec
	skips  []skipRec
	engine *Engine
	bigs   *bigStore
	dec    *decodedLine
	// costExt is the extended cost when costKnown, for Profit.
	costKnown bool
	costExt   packed
	// stock is the line's stock quantity (millionths).
	stock int64
	// x holds what few lines need: schedule measures, a fee share, a tax.
	x *lineExtra
}

// lineExtra holds a line's records that only some features produce: the
// measures of its agg schedule steps (for their slices), its share of
// fees when hasFee, and its tax, in a book that includes it (taxKind
// taxIncluded) or not (taxExcluded).
type lineExtra struct {
	meas    []measRec
	fee     packed
	hasFee  bool
	tax     packed
	taxKind uint8
}

// extra returns l's extra records, making them.
func (l *LineResult) extra() *lineExtra {
	if l.x == nil {
		l.x = &lineExtra{}
	}
	return l.x
}

// Tax kinds of a line.
const (
	taxNone uint8 = iota
	taxExcluded
	taxIncluded
)

// Step is one applied rule. Amounts are per unit, exact and in the
// result's currency: Amount is positive when the step lowers the price
// and negative when it raises it; Running is the unit price after the
// step.
type Step struct {
	Rule  RuleID  `json:"rule"`
	Group GroupID `json:"group"`
	// GroupLabel is the group's label, the name of the price after it
	// ("partner buy price"), or empty.
	GroupLabel string     `json:"group_label,omitempty"`
	Effect     EffectKind `json:"effect"`
	// Percent is the rule's percentage, or the schedule tier's.
	Percent partnerops.Percent `json:"percent"`
	// Value is the rule's amount (amount off, fixed price, surcharge) or
	// the schedule tier's price (its amount off when ValueOff is set);
	// zero for percentage effects.
	Value    partnerops.Decimal `json:"value"`
	ValueOff bool               `json:"value_off,omitempty"`
	// ScheduleTier is the index of the schedule tier used (range, block)
	// or the highest tier reached (slab); -1 for other effects.
	ScheduleTier int `json:"schedule_tier"`
	// Measured is the quantity (in stock units) that picked the tier when
	// it is not the line's own: the quote's across a scope, with prior
	// quantities, or a line attribute's value.
	Measured partnerops.Decimal `json:"measured,omitzero"`
	// Slices are a slab step's units per tier: how many of the line's
	// units (in stock units) each tier priced.
	Slices  []TierSlice        `json:"slices,omitempty"`
	Amount  partnerops.Decimal `json:"amount"`
	Running partnerops.Decimal `json:"running"`
	// Limit says what cut the amount; Requested is the amount before the
	// cut (equal to Amount when Limit is [LimitNone]).
	Limit     Limit              `json:"limit,omitzero"`
	Requested partnerops.Decimal `json:"requested"`
}

// Equal reports whether s and o are the same step, amounts compared as
// numbers.
func (s Step) Equal(o Step) bool {
	return s.Rule == o.Rule && s.Group == o.Group && s.GroupLabel == o.GroupLabel && s.Effect == o.Effect &&
		s.Percent.Equal(o.Percent) && s.Value.Equal(o.Value) && s.ValueOff == o.ValueOff && s.ScheduleTier == o.ScheduleTier &&
		s.Amount.Equal(o.Amount) && s.Running.Equal(o.Running) && s.Limit == o.Limit && s.Requested.Equal(o.Requested) &&
		s.Measured.Equal(o.Measured) && slices.EqualFunc(s.Slices, o.Slices, TierSlice.Equal)
}

// TierSlice is the part of a line's units a slab tier priced.
type TierSlice struct {
	Tier     int                `json:"tier"` // 0-based index of the schedule tier
	Quantity partnerops.Decimal `json:"quantity"`
}

// Equal reports whether s and o are the same slice, quantities compared
// as numbers.
func (s TierSlice) Equal(o TierSlice) bool { return s.Tier == o.Tier && s.Quantity.Equal(o.Quantity) }

// stepRec is the compact, pointer-free form of a [Step] kept while
// pricing.
type stepRec struct {
	rule                       int32
	tier                       int16
	limit                      Limit
	agg                        bool // the schedule's tier was picked by another quantity than the line's: see measRec
	amount, running, requested packed
}

// measRec is the measure of a schedule step whose tier was picked by
// another quantity than the line's own (stock millionths): the quantity
// counted before the line's units and the quantity that picked the tier
// (for a slab, the line's own). A line's agg steps take its records in
// order.
type measRec struct{ mo, mq int64 }

// packed is a num without pointers: c × 10^e, or when big >= 0 the
// decimal at that index of the result's bigStore.
type packed struct {
	c   int64
	e   int32
	big int32
}

// bigStore holds the rare amounts that do not fit the int64 form, and the
// book's places, to which materialized amounts are scaled.
type bigStore struct {
	v      []decimal.Decimal
	places int32
}

func (b *bigStore) pack(n num) packed {
	if n.d == nil {
		return packed{c: n.c, e: n.e, big: -1}
	}
	b.v = append(b.v, *n.d)
	return packed{big: int32(len(b.v) - 1)}
}

func (b *bigStore) dec(p packed) partnerops.Decimal {
	if p.big >= 0 {
		return fence.Wrap(b.v[p.big])
	}
	return partnerops.NewDecimal(scaleTo(p.c, p.e, max(b.places, 0)))
}

// scaleTo writes c × 10^e with places digits after the decimal point when
// that is exact and fits, dropping trailing zeros of the working precision
// (9.000000 is 9.00) and adding zeros below places (15 is 15.00).
func scaleTo(c int64, e, places int32) (int64, int32) {
	for e < -places && c%10 == 0 {
		c /= 10
		e++
	}
	if d := int64(e) + int64(places); d > 0 && d <= 18 {
		if x, ok := mulInt64(c, pow10[d]); ok {
			return x, -places
		}
	}
	return c, e
}

// Steps returns the applied rules in waterfall order. The records are
// kept in a compact form while pricing and built on each call.
func (l *LineResult) Steps() []Step {
	if l.engine == nil {
		if l.dec == nil {
			return nil
		}
		return slices.Clone(l.dec.steps)
	}
	if len(l.steps) == 0 {
		return nil
	}
	out := make([]Step, len(l.steps))
	nMeas := 0
	for i, s := range l.steps {
		switch {
		case s.rule == -1:
			out[i] = l.manualStep(s)
			continue
		case s.rule < -1:
			out[i] = l.quoteStep(s)
			continue
		}
		r := &l.engine.rules[s.rule]
		g := &l.engine.groups[r.group]
		st := Step{Rule: r.id, Group: g.id, GroupLabel: g.label, Effect: r.kind, Percent: r.pct, Value: fence.Wrap(r.amount),
			ScheduleTier: int(s.tier), Amount: l.bigs.dec(s.amount), Running: l.bigs.dec(s.running), Limit: s.limit}
		st.Requested = st.Amount
		if s.limit != LimitNone {
			st.Requested = l.bigs.dec(s.requested)
		}
		if sc := r.sched; sc != nil && s.tier >= 0 {
			t := &sc.tiers[s.tier]
			st.Percent, st.Value, st.ValueOff = t.pct, fence.Wrap(t.price), t.hasAmtOff
			m := measRec{mq: l.stock}
			if s.agg && l.x != nil && nMeas < len(l.x.meas) {
				m = l.x.meas[nMeas]
				nMeas++
				if sc.kind != ScheduleSlab {
					st.Measured = fence.Wrap(numInt(m.mq, -6).norm().dec())
				}
			}
			if sc.kind == ScheduleSlab {
				sc.slabSlices(m.mo, m.mq, func(k int, micro int64) {
					st.Slices = append(st.Slices, TierSlice{Tier: k, Quantity: fence.Wrap(numInt(micro, -6).norm().dec())})
				})
			}
		}
		out[i] = st
	}
	return out
}

// manualStep materializes the step of the line's manual input.
func (l *LineResult) manualStep(s stepRec) Step {
	st := Step{Effect: EffectManualDiscount, ScheduleTier: -1, Amount: l.bigs.dec(s.amount), Running: l.bigs.dec(s.running), Limit: s.limit}
	if l.ManualPrice != nil {
		st.Effect, st.Value = EffectManualPrice, l.ManualPrice.Amount()
	} else if l.ManualDiscount != nil {
		st.Percent = *l.ManualDiscount
	}
	st.Requested = st.Amount
	if s.limit != LimitNone {
		st.Requested = l.bigs.dec(s.requested)
	}
	return st
}

// Skip is a candidate rule of a line that did not apply (see the package
// documentation for which rules are candidates).
type Skip struct {
	Rule   RuleID     `json:"rule"`
	Group  GroupID    `json:"group"`
	Reason SkipReason `json:"reason"`
	// Condition is the failed condition for [SkipConditionFailed];
	// Attribute names the attribute when Condition is
	// [ConditionAttribute].
	Condition Condition `json:"condition,omitzero"`
	Attribute string    `json:"attribute,omitempty"`
	// By is the rule that excluded it or won its group.
	By RuleID `json:"by,omitempty"`
	// Wanted says what the failed condition asks for ("at least gold",
	// "quantity in [25, 100)").
	Wanted string `json:"wanted,omitempty"`
}

// String renders the reason in words: "condition failed: tier",
// "excluded by \"vip\"".
func (s Skip) String() string {
	switch s.Reason {
	case SkipConditionFailed:
		text := "condition failed: " + s.Condition.String()
		if s.Condition == ConditionAttribute {
			text = "condition failed: attribute " + s.Attribute
		}
		if s.Wanted != "" {
			text += " (wants " + s.Wanted + ")"
		}
		return text
	case SkipExcluded:
		return fmt.Sprintf("excluded by %q", s.By)
	case SkipNotSelected:
		return fmt.Sprintf("not selected: %q won the group", s.By)
	case SkipCapped:
		return "capped: nothing left under the cap"
	case SkipFloored:
		return "floored: already at the price floor"
	case SkipNoEffect:
		return "no effect: would not lower the price"
	}
	return s.Reason.String()
}

// skipRec is a compact, pointer-free skip record: rule and by are rule
// ranks (by is -1 when there is none), attr indexes the rule's attribute
// conditions.
type skipRec struct {
	rule, by int32
	reason   SkipReason
	cond     Condition
	attr     uint16
}

// Skipped returns the line's candidate rules that did not apply, with
// the reason, in the order they were decided: condition failures in
// waterfall order first, then the rules that lost their group, were
// excluded, capped, floored or had no effect. The records are kept in a
// compact form while pricing and built on each call.
func (l *LineResult) Skipped() []Skip {
	if l.engine == nil {
		if l.dec == nil {
			return nil
		}
		return slices.Clone(l.dec.skips)
	}
	if len(l.skips) == 0 {
		return nil
	}
	out := make([]Skip, len(l.skips))
	for i, s := range l.skips {
		r := &l.engine.rules[s.rule]
		out[i] = Skip{Rule: r.id, Group: l.engine.groups[r.group].id, Reason: s.reason, Condition: s.cond}
		if s.cond == ConditionAttribute && int(s.attr) < len(r.attrs) {
			out[i].Attribute = r.attrs[s.attr].key
		}
		if s.reason == SkipConditionFailed {
			out[i].Wanted = l.engine.wanted(r, s.cond, int(s.attr))
		}
		if s.by >= 0 {
			out[i].By = l.engine.rules[s.by].id
		}
	}
	return out
}

// evaluator holds one Price call's context and scratch buffers.
type evaluator struct {
	e       *Engine
	b       *cbook
	at      time.Time
	q       *Quote
	tierIdx int // rank + 1, 0 without a tier
	dealReg DealRegStatus
	dealVal num
	wp      int32 // working places
	// steps and skips are the result's backing stores: each line appends
	// its records and takes the sub-slice; reserve makes room beforehand
	// so that a line never grows them midway.
	steps []stepRec
	skips []skipRec
	lines int // lines priced so far
	// stepsDone and skipsDone count the records of those lines.
	stepsDone, skipsDone int
	applic               []int32
	excl                 []int32
	anyExcl              bool // excl is filled (else no applicable rule is excluded)
	ord                  []int
	kept                 []int32
	err                  error
	ln                   *QuoteLine
	p                    *linePrep
	preps                []linePrep  // every line's first pass
	qp                   []quotePrep // for quote rules, per line
	lineIdx              int         // 0-based index of the line being priced
	free                 []freeRec   // free goods earned so far
	meas                 []measRec   // the current line's agg schedule measures
	// Per-quote sums for schedules over several lines (built when first
	// needed): stock quantities by SKU, by family and per rule.
	skuTotal  map[SKU]int64
	famTotal  map[Family]int64
	ruleTotal map[int32][]int64
	v         *version
	qty       num
	qtyMicro  int64
	lineVal   num
	running   num
	capMin    num // total-cap bound, valid when capSet
	capSet    bool
	// The line's unit list price and floor (the bound rounded up to the
	// book's places, and the exact floor).
	list, floorN, floorX num
	// tot says the line is priced as a total (from a block or slab step
	// on): runExt is then the exact extended running price, and running
	// derives from it.
	tot    bool
	runExt num
	// The current group: its entry price (per unit and extended) and its
	// cap's bound.
	g                   *cgroup
	gs, gsExt, groupMin num
	gsExtSet            bool
	// In a nested stage: the parent group's cap bound, which holds too.
	inStage  bool
	stageMin num
	// ruleLevel is the highest approval level required by an applied rule.
	ruleLevel int
	bigs      *bigStore
	netExt    num
	// slab holds the decimals of the lines' amounts (see money).
	slab fence.Slab
	// qcache holds each rule's quote-level outcome (qUnknown until
	// checked; see quoteOutcome).
	qcache []uint8
	// globals are the global rules that are candidates for the quote, by
	// rank.
	globals []int32
}

// Quote-level outcomes of a rule, cached per quote: not checked yet, all
// quote conditions hold, an identity condition fails (not a candidate),
// or qCond + the failed condition.
const (
	qUnknown uint8 = iota
	qPass
	qDrop
	qCond
)

// Price prices quote q at time at: it picks the book, finds each line's
// list price in force, runs the framework's waterfall and returns every
// line's steps, skipped rules, net prices, effective discount and
// approval level, with the quote totals.
//
// Errors, never a panic or a wrong number: [ErrUnknownBook],
// [partnerops.ErrCurrencyMismatch], [partnerops.ErrUnknownTier], and per
// line (as a [*LineError]) [ErrUnknownSKU], [ErrNoPrice], [ErrQuantity]
// and [*ConflictError].
func (e *Engine) Price(q Quote, at time.Time) (*Result, error) {
	b, err := e.pickBook(&q)
	if err != nil {
		return nil, err
	}
	if err := checkPrior(&q); err != nil {
		return nil, err
	}
	if !q.DealRegistration.valid() {
		return nil, wrapf(partnerops.ErrInvalid, "deal registration %q: must be none, registered or approved", q.DealRegistration)
	}
	ev := &evaluator{e: e, b: b, at: at, q: &q, dealReg: q.DealRegistration.norm(), wp: workPlaces(b.places), bigs: &bigStore{places: b.places}}
	if t := q.Partner.Tier; t != "" && e.ladder.Len() > 0 {
		rk, ok := e.ladder.Rank(t)
		if !ok {
			return nil, wrapf(partnerops.ErrUnknownTier, "partner tier %q: must be one of %s", t, e.ladder)
		}
		ev.tierIdx = rk + 1
	}
	res := &Result{QuoteID: q.ID, Book: b.id, Currency: b.currency, Places: b.places, At: at, engine: e,
		Lines: make([]LineResult, len(q.Lines))}
	// First pass: list prices, units, quantities and the deal value.
	preps := make([]linePrep, len(q.Lines))
	deal := numInt(0, 0)
	for i := range q.Lines {
		ln := &q.Lines[i]
		p := &preps[i]
		if err := p.prepare(b, ln, at); err != nil {
			return nil, &LineError{Line: i + 1, ID: ln.ID, SKU: ln.SKU, Err: err}
		}
		deal = deal.add(p.lineVal)
	}
	ev.dealVal, ev.preps = deal, preps
	// Each line makes four Money values and a Percent.
	ev.slab.Reserve(5 * len(q.Lines))
	ev.qcache = make([]uint8, len(e.rules))
	ev.globals = ev.globalCandidates(nil)
	n := min(len(e.rules), 64)
	ev.applic, ev.excl = make([]int32, 0, n), make([]int32, 0, n)
	listTot, netTot := numInt(0, 0), numInt(0, 0)
	best := 0
	for i := range q.Lines {
		ev.ln, ev.p, ev.lineIdx = &q.Lines[i], &preps[i], i
		p := ev.p
		ev.v, ev.qty, ev.qtyMicro, ev.lineVal = p.v, p.qty, p.micro, p.lineVal
		out := &res.Lines[i]
		if err := ev.priceLine(i, out, len(q.Lines)-i); err != nil {
			return nil, &LineError{Line: i + 1, ID: ev.ln.ID, SKU: ev.ln.SKU, Err: err}
		}
	}
	if len(e.quoteRules) > 0 {
		if err := ev.applyQuoteRules(res); err != nil {
			return nil, err
		}
	}
	for i := range preps {
		listTot = listTot.add(preps[i].lineVal)
		netTot = netTot.add(preps[i].netExt)
		best = max(best, e.levelIndex(res.Lines[i].Approval))
	}
	if len(ev.free) > 0 {
		var err error
		if listTot, netTot, err = ev.freeLines(res, listTot, netTot); err != nil {
			return nil, err
		}
		for i := len(q.Lines); i < len(res.Lines); i++ {
			best = max(best, e.levelIndex(res.Lines[i].Approval))
		}
	}
	var perr error
	res.ListTotal, perr = fence.Money(listTot.dec(), b.currency)
	if perr == nil {
		res.NetTotal, perr = fence.Money(netTot.dec(), b.currency)
	}
	if perr == nil {
		res.DiscountTotal, perr = fence.Money(listTot.sub(netTot).dec(), b.currency)
	}
	if perr != nil {
		return nil, wrapf(perr, "quote totals out of range")
	}
	res.EffectiveDiscount = effectivePercent(listTot, netTot)
	if best > 0 {
		res.Approval = e.levels[best-1].Level
	}
	if err := ev.finish(res); err != nil {
		return nil, err
	}
	return res, nil
}

// linePrep is what the first pass learns about a quote line: its price
// version, unit and quantities, and its list value.
type linePrep struct {
	v    *version
	conv *unitConv // nil in the stock unit
	unit string    // the line's unit
	qty  num       // in the line's unit
	// micro is the quantity in stock units, in millionths: quantity
	// conditions and schedules look at it.
	micro   int64
	lineVal num // list value: list × quantity, rounded to the book's places
	// manual is the line's host input: a price (per the line's unit) or
	// a discount (as a fraction).
	manual      uint8
	manualValue num
	// skuBefore and famBefore are the stock quantities of the quote's
	// earlier lines of the same SKU and family (for schedule scopes).
	skuBefore, famBefore int64
	// netExt is the line's net extended amount once priced.
	netExt num
}

// quotePrep is what quote rules need of a priced line: the bound its
// net may not go below (floor or total cap, as an extended amount, and
// which), its last unit price, the exact floor and whether it guards the
// net, the approval level its rules require, its share of fees, and
// whether a quote discount changed it. It is kept only when the
// framework has quote rules.
type quotePrep struct {
	loExt        num
	running      num
	loWhich      Limit
	floorX       num
	guard        bool
	ruleLevel    int
	fee          num
	quoteTouched bool
}

// Manual inputs of a line.
const (
	manualNone uint8 = iota
	manualPrice
	manualDiscount
)

// prepareManual checks the line's manual price or discount.
func (p *linePrep) prepareManual(b *cbook, ln *QuoteLine) error {
	switch {
	case ln.ManualPrice != nil && ln.ManualDiscount != nil:
		return wrapf(partnerops.ErrInvalid, "manual price and manual discount: set one")
	case ln.ManualPrice != nil:
		m, err := ln.ManualPrice.InCurrency(b.currency)
		if err != nil {
			return wrapf(err, "manual price")
		}
		if err := m.Amount().Validate(); err != nil {
			return wrapf(err, "manual price")
		}
		if m.IsNegative() {
			return wrapf(partnerops.ErrInvalid, "manual price %s: must not be negative", m.Amount())
		}
		p.manual, p.manualValue = manualPrice, numOf(fence.Amount(m))
	case ln.ManualDiscount != nil:
		d := *ln.ManualDiscount
		if err := d.Decimal().Validate(); err != nil {
			return wrapf(err, "manual discount")
		}
		if !d.Between(zeroPct, hundredPct) {
			return wrapf(partnerops.ErrInvalid, "manual discount %s: must be between 0%% and 100%%", d)
		}
		p.manual, p.manualValue = manualDiscount, numOf(fence.Frac(d))
	}
	return nil
}

// prepare finds the line's price version and unit, and checks its
// quantity (in the line's unit and in stock units).
func (p *linePrep) prepare(b *cbook, ln *QuoteLine, at time.Time) error {
	v, err := b.find(ln.SKU, at)
	if err != nil {
		return err
	}
	p.v, p.unit = v, v.unit
	qm, ok := toMicro(fence.Dec(ln.Quantity))
	if !ok || qm <= 0 {
		return quantityError(ln.Quantity)
	}
	p.qty, p.micro = numInt(qm, -6).norm(), qm
	if ln.Unit != "" && ln.Unit != v.unit {
		c, ok := v.conversion(ln.Unit)
		if !ok {
			return unitError(ln.Unit, v)
		}
		p.conv, p.unit = c, ln.Unit
		if p.micro, ok = p.qty.mul(c.f).micro(); !ok || p.micro <= 0 {
			return &wrapped{msg: fmt.Sprintf("invalid quantity %s %s: in stock units (%s) want a positive quantity %s",
				quoteDecimal(ln.Quantity), ln.Unit, v.unit, quantityLimits), err: ErrQuantity}
		}
	}
	p.lineVal = v.listN.mul(numInt(p.micro, -6)).round(b.places, b.mode)
	return p.prepareManual(b, ln)
}

func (e *Engine) levelIndex(l ApprovalLevel) int {
	if l == "" {
		return 0
	}
	for i, t := range e.levels {
		if t.Level == l {
			return i + 1
		}
	}
	return 0
}

func (e *Engine) pickBook(q *Quote) (*cbook, error) {
	var b *cbook
	if q.Book != "" {
		var ok bool
		if b, ok = e.books[q.Book]; !ok {
			return nil, wrapf(ErrUnknownBook, "book %q", q.Book)
		}
		if q.Currency != "" && q.Currency != b.currency {
			return nil, wrapf(partnerops.ErrCurrencyMismatch, "quote in %s, book %q in %s", q.Currency, q.Book, b.currency)
		}
	} else {
		var fallback *cbook
		for _, id := range e.bookOrder {
			c := e.books[id]
			if q.Currency != "" && c.currency != q.Currency {
				continue
			}
			if c.region == q.Region && b == nil && q.Region != "" {
				b = c
			}
			if c.region == "" && fallback == nil {
				fallback = c
			}
		}
		if b == nil {
			b = fallback
		}
		if b == nil {
			return nil, wrapf(ErrUnknownBook, "no book for currency %q and region %q", q.Currency, q.Region)
		}
	}
	if e.currency != "" && e.currency != b.currency {
		return nil, wrapf(partnerops.ErrCurrencyMismatch, "framework amounts in %s, book %q in %s", e.currency, b.id, b.currency)
	}
	return b, nil
}

// priceLine runs the waterfall for the current line; remaining counts
// the lines left including this one (to size the result slabs).
func (ev *evaluator) priceLine(i int, out *LineResult, remaining int) error {
	e, v, b := ev.e, ev.v, ev.b
	need := len(v.scoped) + len(ev.globals)
	reserve(&ev.skips, need, ev.skipsDone, ev.lines, remaining)
	skipStart := len(ev.skips)
	ev.list, ev.floorN, ev.floorX = v.listN, v.floorN, v.floorX
	if p := ev.p; p.conv != nil {
		// Bounds are rounded up per stock unit, then converted, so that
		// a line prices alike in any unit.
		ev.list, ev.floorX, ev.floorN = v.listN.mul(p.conv.f), v.floorX.mul(p.conv.f), v.floorN.mul(p.conv.f)
	}
	ev.running, ev.capSet, ev.err, ev.ruleLevel, ev.tot = ev.list, false, nil, 0, false
	ev.applic = ev.applic[:0]
	if !ev.ln.IgnoreRules {
		ev.collect()
		ev.resolveExclusions()
	}
	reserve(&ev.steps, len(ev.applic)+1, ev.stepsDone, ev.lines, remaining)
	stepStart := len(ev.steps)
	manual := ev.p.manual != manualNone
	for start := 0; start < len(ev.applic); {
		g := e.rules[ev.applic[start]].group
		stage := e.groups[g].stage
		if manual && stage > e.manualAfter {
			ev.applyManual()
			manual = false
		}
		end := start + 1
		for end < len(ev.applic) && e.groups[e.rules[ev.applic[end]].group].stage == stage {
			end++
		}
		if e.groups[stage].nested {
			ev.applyStage(stage, start, end)
		} else {
			ev.applyGroup(g, start, end)
		}
		if ev.err != nil {
			return ev.err
		}
		start = end
	}
	if manual {
		ev.applyManual()
	}
	out.Line, out.ID, out.SKU, out.Family, out.Name, out.Unit = i+1, ev.ln.ID, v.sku, v.family, v.name, ev.p.unit
	out.Quantity = ev.ln.Quantity
	out.ManualPrice, out.ManualDiscount, out.IgnoreRules = clonePtr(ev.ln.ManualPrice), clonePtr(ev.ln.ManualDiscount), ev.ln.IgnoreRules
	if out.ManualPrice != nil {
		*out.ManualPrice, _ = out.ManualPrice.InCurrency(b.currency)
	}
	out.steps = clip(ev.steps[stepStart:])
	out.stock = ev.qtyMicro
	if v.hasCost {
		// Cost per stock unit × stock quantity (the line's normalized
		// quantity when it is in stock units: few digits, no rounding).
		stock := ev.qty
		if ev.p.conv != nil {
			stock = ev.qty.mul(ev.p.conv.f)
		}
		out.costExt = ev.bigs.pack(v.costN.mul(stock).round(ev.wp, partnerops.RoundHalfEven))
	}
	if len(ev.meas) > 0 {
		out.extra().meas, ev.meas = ev.meas, nil
	}
	out.skips, out.engine, out.bigs = clip(ev.skips[skipStart:]), e, ev.bigs
	ev.lines++
	ev.stepsDone += len(out.steps)
	ev.skipsDone += len(out.skips)
	// The net is rounded with the book's mode, except that a rounding
	// that would take it below the floor rounds up instead: the net is
	// never below the floor when the list price is at or above it.
	// A line priced as a total rounds its extended amount, and its unit
	// price derives from it.
	guard := ev.list.cmp(ev.floorX) >= 0
	var netUnit num
	switch {
	case ev.tot:
		ev.netExt = roundAbove(ev.runExt, ev.floorX.mul(ev.qty), guard, b.places, b.mode)
		netUnit = ev.running
		if b.target != RoundExtended {
			netUnit = roundAbove(ev.netExt.divRound(ev.qty, ev.wp), ev.floorX, guard, b.places, b.mode)
		}
	case b.target == RoundExtended:
		netUnit = ev.running
		ev.netExt = roundAbove(ev.running.mul(ev.qty), ev.floorX.mul(ev.qty), guard, b.places, b.mode)
	default:
		netUnit = roundAbove(ev.running, ev.floorX, guard, b.places, b.mode)
		ev.netExt = roundAbove(netUnit.mul(ev.qty), ev.floorX.mul(ev.qty), guard, b.places, b.mode)
	}
	var err error
	mk := func(n num) partnerops.Money {
		m, merr := ev.money(n)
		if merr != nil && err == nil {
			err = merr
		}
		return m
	}
	out.List, out.Floor, out.Cost, out.costKnown = v.listM, v.floorM, v.costM, v.hasCost
	if c := ev.p.conv; c != nil {
		out.StockUnit, out.UnitFactor = v.unit, fence.Wrap(c.fd)
		out.List, out.Floor = mk(ev.list), mk(ev.floorX)
		if v.hasCost {
			out.Cost = mk(numOf(v.cost.Mul(c.fd)))
		}
	}
	out.NetUnit, out.ListExtended, out.NetExtended = mk(netUnit), mk(ev.lineVal), mk(ev.netExt)
	out.Discount = mk(ev.lineVal.sub(ev.netExt))
	if err != nil {
		return wrapf(err, "net price out of range")
	}
	var eff num
	out.EffectiveDiscount, eff = effectivePct(ev.lineVal, ev.netExt, &ev.slab)
	if len(e.quoteRules) > 0 {
		if ev.qp == nil {
			ev.qp = make([]quotePrep, len(ev.preps))
		}
		p := &ev.qp[i]
		ev.g = &e.noGroup
		lo, which := ev.bound()
		p.loExt, p.loWhich = lo.mul(ev.qty).round(b.places, partnerops.RoundCeiling), which
		p.floorX, p.guard, p.ruleLevel, p.running = ev.floorX, guard, ev.ruleLevel, ev.running
	}
	ev.p.netExt = ev.netExt
	lvl := 0
	for k := len(e.levels) - 1; k >= 0; k-- {
		if eff.cmp(e.levelN[k]) > 0 {
			lvl = k + 1
			break
		}
	}
	lvl = max(lvl, ev.ruleLevel)
	out.Approval = ""
	if lvl > 0 {
		out.Approval = e.levels[lvl-1].Level
	}
	return nil
}

// reserve makes sure the result slab s has room for need more records
// of the current line (a candidate rule becomes exactly one step or one
// skip, so counts known before the line bound them): a new slab is sized
// for the remaining lines at the average so far plus a quarter, the
// first line getting its own. Earlier lines keep the old backing array.
func reserve[T any](s *[]T, need, records, done, remaining int) {
	if cap(*s)-len(*s) >= need {
		return
	}
	n := need
	if done > 0 {
		n = max(need, (records/done+1)*remaining*5/4)
	}
	*s = make([]T, 0, n)
}

// clip returns s with its capacity clipped, or nil when it is empty.
func clip[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s[:len(s):len(s)]
}

// collect gathers the line's candidates in rank order, records failed
// conditions and leaves the applicable ones in ev.applic. Candidates are
// the rules scoped to the line's SKU or family and the quote's global
// candidates whose identity conditions (tier, partner type, motion,
// region) hold; the others leave no record. It does not allocate beyond
// the reused buffers.
func (ev *evaluator) collect() {
	e := ev.e
	a, g := ev.v.scoped, ev.globals
	ev.applic = ev.applic[:0]
	for len(a) > 0 || len(g) > 0 {
		var r int32
		if len(g) == 0 || (len(a) > 0 && a[0] < g[0]) {
			r, a = a[0], a[1:]
		} else {
			r, g = g[0], g[1:]
		}
		q := ev.qcache[r]
		if q == qUnknown {
			q = ev.quoteOutcome(&e.rules[r])
			ev.qcache[r] = q
		}
		if q == qDrop {
			continue
		}
		cond, attr := ConditionNone, 0
		if q != qPass {
			cond = Condition(q - qCond)
		} else if rr := &e.rules[r]; rr.lineCheck {
			cond, attr = ev.lineMatch(rr)
		}
		if cond != ConditionNone {
			ev.skips = append(ev.skips, skipRec{rule: r, by: -1, reason: SkipConditionFailed, cond: cond, attr: uint16(attr)})
			continue
		}
		ev.applic = append(ev.applic, r)
	}
}

// quoteOutcome checks r's quote-level conditions: the identity ones
// (tier, partner type, motion, region), whose failure makes r no
// candidate, then deal value, deal registration, business and the date
// window. The outcome is cached per quote.
func (ev *evaluator) quoteOutcome(r *crule) uint8 {
	if ev.identityFails(r) {
		return qDrop
	}
	q := ev.q
	switch {
	case (r.minDeal.set && ev.dealVal.cmp(r.minDeal.n) < 0) || (r.maxDeal.set && ev.dealVal.cmp(r.maxDeal.n) >= 0):
		return qCond + uint8(ConditionDealValue)
	case len(r.dealReg) > 0 && !slices.Contains(r.dealReg, ev.dealReg):
		return qCond + uint8(ConditionDealRegistration)
	case len(r.business) > 0 && !slices.Contains(r.business, q.Business):
		return qCond + uint8(ConditionBusiness)
	case (!r.from.IsZero() && ev.at.Before(r.from)) || (!r.until.IsZero() && !ev.at.Before(r.until)):
		return qCond + uint8(ConditionWindow)
	case len(r.books) > 0 && !slices.Contains(r.books, ev.b.id):
		return qCond + uint8(ConditionBook)
	case len(r.lines) > 0 && !ev.linesHold(r):
		return qCond + uint8(ConditionLines)
	}
	return qPass
}

func (ev *evaluator) lineMatch(r *crule) (Condition, int) {
	switch {
	case len(r.skus) > 0 && !slices.Contains(r.skus, ev.v.sku):
		return ConditionSKU, 0
	case len(r.families) > 0 && !ev.e.inFamilies(ev.v, r.families):
		return ConditionFamily, 0
	case len(r.units) > 0 && !slices.Contains(r.units, ev.p.unit):
		return ConditionUnit, 0
	case r.free != nil && ev.qtyMicro < r.free.buyMicro:
		return ConditionQuantity, 0
	case r.fbase == FormulaCost && !ev.v.hasCost:
		return ConditionCost, 0
	case (r.hasMinQty && ev.qtyMicro < r.minQty) || (r.hasMaxQty && ev.qtyMicro >= r.maxQty):
		return ConditionQuantity, 0
	case (r.minLine.set && ev.lineVal.cmp(r.minLine.n) < 0) || (r.maxLine.set && ev.lineVal.cmp(r.maxLine.n) >= 0):
		return ConditionLineValue, 0
	}
	q := ev.q
	for k := range r.attrs {
		ac := &r.attrs[k]
		v, ok := ev.ln.Attributes[ac.key]
		if !ok {
			v, ok = q.Attributes[ac.key]
		}
		if !ok {
			v, ok = q.Partner.Attributes[ac.key]
		}
		if !ac.holds(v, ok) {
			return ConditionAttribute, k
		}
	}
	if s := r.sched; s != nil {
		m, o, ok := ev.measure(r)
		switch {
		case !ok:
			return ConditionScheduleTier, 0
		case s.kind == ScheduleSlab:
			if addSat(o, ev.qtyMicro) <= s.tiers[0].from-1_000_000 {
				return ConditionScheduleTier, 0
			}
		case s.find(m) < 0:
			return ConditionScheduleTier, 0
		}
	}
	return ConditionNone, 0
}

// resolveExclusions fills ev.excl: -1 for a kept rule, else the rank of
// the rule that excludes it. It sets ev.anyExcl when it filled ev.excl;
// otherwise no rule of the line is excluded and ev.excl is not read.
func (ev *evaluator) resolveExclusions() {
	e := ev.e
	n := len(ev.applic)
	ev.excl = ev.excl[:0]
	ev.anyExcl = false
	if !e.hasExcl {
		return
	}
	ev.anyExcl = true
	best, hasExcl := -1, false
	for k, ri := range ev.applic {
		ev.excl = append(ev.excl, -1)
		r := &e.rules[ri]
		if r.exclusive && (best < 0 || r.prec < e.rules[ev.applic[best]].prec) {
			best = k
		}
		if len(r.excludes) > 0 || r.excludeGroup != 0 {
			hasExcl = true
		}
	}
	if best >= 0 {
		if g := e.rules[ev.applic[best]].group; e.groups[g].bestExcl {
			// The group's exclusive rules compete on their discount at
			// the list price; ties go by precedence.
			w := best
			most := ev.effectAmount(&e.rules[ev.applic[best]], ev.list, ev.list, false, false)
			for k, ri := range ev.applic {
				r := &e.rules[ri]
				if k == best || !r.exclusive || r.group != g {
					continue
				}
				amt := ev.effectAmount(r, ev.list, ev.list, false, false)
				if c := amt.cmp(most); c > 0 || (c == 0 && r.prec < e.rules[ev.applic[w]].prec) {
					w, most = k, amt
				}
			}
			best = w
		}
		for k := range n {
			if k != best {
				ev.excl[k] = ev.applic[best]
			}
		}
		return
	}
	if !hasExcl {
		ev.anyExcl = false
		return
	}
	ev.ord = ev.ord[:0]
	for k := range n {
		ev.ord = append(ev.ord, k)
	}
	// Insertion sort by precedence: the lists are short.
	for x := 1; x < n; x++ {
		for y := x; y > 0 && e.rules[ev.applic[ev.ord[y]]].prec < e.rules[ev.applic[ev.ord[y-1]]].prec; y-- {
			ev.ord[y], ev.ord[y-1] = ev.ord[y-1], ev.ord[y]
		}
	}
	ev.kept = ev.kept[:0]
	for _, k := range ev.ord {
		ri := ev.applic[k]
		for _, kr := range ev.kept {
			if e.conflict(ri, kr) {
				ev.excl[k] = kr
				break
			}
		}
		if ev.excl[k] < 0 {
			ev.kept = append(ev.kept, ri)
		}
	}
}

// conflict reports whether rules a and b (ranks) exclude each other in
// either direction, by rule or by group.
func (e *Engine) conflict(a, b int32) bool {
	ra, rb := &e.rules[a], &e.rules[b]
	if _, found := slices.BinarySearch(ra.excludes, b); found {
		return true
	}
	if _, found := slices.BinarySearch(rb.excludes, a); found {
		return true
	}
	return ra.excludeGroup&(1<<uint(rb.group)) != 0 || rb.excludeGroup&(1<<uint(ra.group)) != 0
}

func (ev *evaluator) skip(r *crule, reason SkipReason, by int32) {
	ev.skips = append(ev.skips, skipRec{rule: r.rank, by: by, reason: reason})
}

// reached returns the highest slab tier the quantity reaches.
func (s *csched) reached(q int64) int {
	last := -1
	for i := range s.tiers {
		if q > s.tiers[i].from-1_000_000 {
			last = i
		}
	}
	return last
}

// effectivePercent returns (list − net) / list in percent, rounded
// half-even to four decimal places; 0 when list is 0.
func effectivePercent(list, net num) partnerops.Percent {
	p, _ := effectivePct(list, net, nil)
	return p
}

// effectivePct is effectivePercent that also returns the percentage as a
// num (for the approval matrix), taking the value from slab when it is
// not nil.
func effectivePct(list, net num, slab *fence.Slab) (partnerops.Percent, num) {
	if list.sign() == 0 {
		return partnerops.Percent{}, num{}
	}
	if list.d == nil && net.d == nil {
		if l, n, _, ok := align(list, net); ok {
			if d := l - n; (n >= 0 && d <= l) || (n < 0 && d > l) {
				if r, ok := ratioBP(d, l); ok {
					if slab != nil {
						return partnerops.NewPercent(slab.Dec(r, -4)), numInt(r, -4)
					}
					return partnerops.NewPercent(partnerops.NewDecimal(r, -4)), numInt(r, -4)
				}
			}
		}
	}
	// Rounded once, from the exact quotient, as the int64 path does.
	ld := list.dec()
	p, err := fence.Quo(ld.Sub(net.dec()).Mul(decimal.New(100, 0)), ld, 4, partnerops.RoundHalfEven)
	if err != nil {
		return partnerops.Percent{}, num{}
	}
	return fence.Percent(p), numOf(p)
}

// money returns n in the book's currency ([fence.Money]), its value from
// the quote's slab when n is in the int64 form: the same decimal as
// n.dec(), without an allocation per value.
func (ev *evaluator) money(n num) (partnerops.Money, error) {
	if n.d != nil {
		return fence.Money(*n.d, ev.b.currency)
	}
	return partnerops.NewMoney(ev.slab.Dec(n.c, n.e), ev.b.currency)
}

// roundAbove rounds x to places with mode; when guard is set and that
// would take x below lo, it rounds toward positive infinity instead (x is
// at or above lo, so the result is too).
func roundAbove(x, lo num, guard bool, places int32, mode partnerops.RoundingMode) num {
	r := x.round(places, mode)
	if guard && r.cmp(lo) < 0 {
		r = x.round(places, partnerops.RoundCeiling)
	}
	return r
}

// ratioBP returns num/den × 10^6 (percent with four decimals) rounded half
// even, when it can be computed exactly in 64-bit integers.
func ratioBP(num, den int64) (int64, bool) {
	if den <= 0 {
		return 0, false
	}
	neg := num < 0
	un := uint64(num)
	if neg {
		un = uint64(-num)
	}
	hi, lo := bits.Mul64(un, 1_000_000)
	if hi >= uint64(den) {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, uint64(den))
	if 2*r > uint64(den) || (2*r == uint64(den) && q%2 == 1) {
		q++
	}
	if q > 1<<62 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}
