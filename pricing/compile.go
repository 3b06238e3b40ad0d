package pricing

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// Engine prices quotes against compiled price books and a discount
// framework. Build it with [Compile]. It is immutable and safe for
// concurrent use.
type Engine struct {
	books       map[BookID]*cbook
	bookOrder   []BookID // sorted, for deterministic selection
	currency    partnerops.Currency
	ladder      partnerops.TierLadder
	groups      []cgroup
	rules       []crule // sorted by rank
	tieBreak    TieBreak
	hasTotalCap bool
	// hasExcl says some rule is exclusive or excludes rules or groups:
	// without, lines skip resolveExclusions.
	hasExcl     bool
	capFactor   num   // 1 − total cap
	capAmount   bound // the total cap as an amount per stock unit
	levels      []ApprovalThreshold
	levelN      []num  // the thresholds, for allocation-free comparison
	manualAfter int32  // the group after which manual inputs apply
	manualLevel int    // 1 + index of the level manual inputs need, 0 none
	noGroup     cgroup // the manual step's group: no cap
	quoteRules  []cquote

	bySKU    map[SKU][]int32
	byFamily map[Family][]int32
	tree     familyTree
	// global indexes the rules without a SKU or family scope by their
	// identity conditions.
	global globalIndex

	warnings []partnerops.Warning
}

type cgroup struct {
	id        GroupID
	label     string
	mode      CombineMode
	free      bool // a group of free-goods rules
	hasCap    bool
	capFactor num   // 1 − cap
	capAmount bound // the cap as an amount per stock unit
	// stage is the index of the group whose stage of the waterfall this
	// group is part of: its parent's for a subgroup, its own otherwise;
	// nested says the stage has subgroups.
	stage    int32
	nested   bool
	bestExcl bool
}

// crule is a compiled rule. Its conditions are flattened so that matching
// compares integers, strings and times only and never allocates.
type crule struct {
	id        RuleID
	name      string
	group     int32
	spec      uint8 // specSKU for SKU rules, 1 + depth for family rules, 0 global
	priority  int
	when      *Conditions // the definition, for explanations
	rank      int32       // position in e.rules
	prec      int32       // position in exclusion precedence
	exclusive bool
	allowInc  bool
	class     uint8 // stacking class for [StackEffect]: 0 price, 1 amount, 2 percent
	approval  int   // 1 + index into levels, 0 none

	tierMask     uint64
	hasTier      bool
	ptypes       []partnerops.PartnerType
	motions      []partnerops.Motion
	skus         []SKU
	families     []Family
	minQty       int64
	maxQty       int64
	hasMinQty    bool
	hasMaxQty    bool
	minLine      bound
	maxLine      bound
	minDeal      bound
	maxDeal      bound
	dealReg      []DealRegStatus
	business     []partnerops.BusinessType
	regions      []partnerops.Region
	from, until  time.Time
	attrs        []attrCond
	units        []string              // unit condition; amounts are per the line's unit when set
	currency     partnerops.Currency   // the rule's own currency: a candidate only in books of it
	currencies   []partnerops.Currency // currency condition
	books        []BookID
	excludes     []int32 // rule ranks, sorted
	excludeGroup uint64  // bit per group index
	// lineCheck says lineMatch has something to check for a candidate:
	// a line condition other than the SKU or family scope the candidate
	// was found by (see setLineCheck).
	lineCheck bool

	kind     EffectKind
	pct      partnerops.Percent // the rule's percent, for display
	amount   decimal.Decimal    // the rule's amount, for display
	frac     num                // percent as a fraction
	negFrac  num                // −frac, for markups
	oneMinus num                // 1 − frac
	amt      num                // the rule's amount
	negAmt   num                // −amount, for surcharges
	sched    *csched
	free     *cfree
	lines    []clines // conditions on the quote's lines
	formula  *cformula
	fbase    FormulaBase
}

// cfree is a compiled free-goods effect.
type cfree struct {
	buyMicro  int64
	buy, get  num
	sku       SKU // "" for the line's own SKU
	unit      string
	recursive bool
	mode      partnerops.RoundingMode
	places    int32
	price     num
	priceD    decimal.Decimal
}

// clines is a compiled condition on the quote's lines.
type clines struct {
	skus               []SKU
	families           []Family
	minQty, maxQty     bound // stock quantities
	minValue, maxValue bound
}

type attrCond struct {
	key      string
	values   []string
	op       AttributeOp
	min, max bound
}

// holds reports whether attribute value v (set when ok) passes the test.
func (a *attrCond) holds(v string, ok bool) bool {
	switch a.op {
	case AttributeNotIn:
		return !ok || !slices.Contains(a.values, v)
	case AttributeSet:
		return ok
	case AttributeNotSet:
		return !ok
	case AttributeRange:
		if !ok {
			return false
		}
		d, err := partnerops.ParseDecimal(v)
		if err != nil || d.Validate() != nil {
			return false
		}
		n := numOf(fence.Dec(d))
		return (!a.min.set || n.cmp(a.min.n) >= 0) && (!a.max.set || n.cmp(a.max.n) < 0)
	}
	return ok && slices.Contains(a.values, v)
}

// bound is an optional value bound of a condition.
type bound struct {
	set bool
	n   num
}

func newBound(m *partnerops.Money) bound {
	if m == nil {
		return bound{}
	}
	return bound{set: true, n: numOf(fence.Amount(*m))}
}

type csched struct {
	kind  ScheduleKind
	tiers []ctier
	scope ScheduleScope // "" for the line
	prior bool
	attr  string
}

type ctier struct {
	from, to  int64 // millionths; to < 0: unbounded
	hasPrice  bool
	price     decimal.Decimal
	priceN    num
	pct       partnerops.Percent
	frac      num
	hasAmtOff bool
	amtOff    num // amount off per stock unit
}

// find returns the tier holding quantity q (millionths), or -1.
func (s *csched) find(q int64) int {
	for i := range s.tiers {
		t := &s.tiers[i]
		if q >= t.from && (t.to < 0 || q < t.to) {
			return i
		}
	}
	return -1
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// quantityLimits states the limits of a quantity, in errors.
const quantityLimits = "below 10^12 with at most 6 digits after the decimal point"

// maxMicro bounds quantities in millionths: 10^12 units.
const maxMicro = 1e18

// toMicro returns d in millionths when that is exact and below 10^12
// units in magnitude. Trailing zeros do not count: 1.000000000000000000
// is 1. It does not allocate for values whose coefficient fits an int64.
func toMicro(d decimal.Decimal) (int64, bool) {
	if d.NumDigits() > 18 {
		// A long coefficient can only be a small quantity when it ends in
		// zeros; check the range first (a hostile exponent would make the
		// arithmetic below endless).
		if fence.Check(d) != nil {
			return 0, false
		}
		s := d.Shift(6)
		if !s.IsInteger() {
			return 0, false
		}
		b := s.BigInt()
		if !b.IsInt64() {
			return 0, false
		}
		d = decimal.New(b.Int64(), -6)
	}
	c := d.CoefficientInt64()
	e := int64(d.Exponent()) + 6
	var v int64
	switch {
	case c == 0:
		return 0, true
	case e >= 0:
		if e > 18 {
			return 0, false
		}
		m := pow10[e]
		if c > math.MaxInt64/m || c < math.MinInt64/m {
			return 0, false
		}
		v = c * m
	default:
		if -e > 18 {
			return 0, false
		}
		m := pow10[-e]
		if c%m != 0 {
			return 0, false
		}
		v = c / m
	}
	if v >= maxMicro || v <= -maxMicro {
		return 0, false
	}
	return v, true
}

// Compile validates the price books and the framework together and builds
// an [Engine]. It reports every problem it finds, each a
// [*partnerops.ValidationError] with a field path that names elements by
// their IDs ("books[us].entries[SEC-100].list",
// "rules[tier-gold].when.tiers[0]"; by 0-based index where an element has
// no ID), joined with [errors.Join]; errors.Is(err, partnerops.ErrInvalid)
// holds for all of them. Bare amounts are placed in the currency of their
// book or framework; an amount in another currency is an error.
//
// Compile also precomputes what pricing needs: derived books are
// materialized, rules are indexed by SKU, family and their quote
// conditions, percentages are turned into decimal factors, and candidate
// lists are sorted. Definitions that are valid but probably not meant are
// reported by [Engine.Warnings].
func Compile(books []PriceBook, fw Framework) (*Engine, error) {
	var p partnerops.Problems
	if len(books) == 0 {
		p.Add("books", "at least one price book is required", "")
	}
	validateBooks(&p, books)
	skus := map[SKU]bool{}
	families := map[Family]bool{}
	bookIDs := map[BookID]bool{}
	for _, b := range books {
		bookIDs[b.ID] = true
		for _, e := range b.Entries {
			skus[e.SKU] = true
			if e.Family != "" {
				families[e.Family] = true
			}
		}
	}
	// Derived books hold their base books' SKUs: all SKUs come from some
	// book's own entries, so the maps above are complete.
	validateFramework(&p, &fw, skus, families, bookIDs)
	if err := p.Err(); err != nil {
		return nil, err
	}
	tree := newFamilyTree(fw.Families)
	e := &Engine{
		tree:        tree,
		books:       compileBooks(&p, books, &tree),
		currency:    fw.Currency,
		ladder:      fw.Program.Tiers,
		tieBreak:    fw.TieBreak,
		hasTotalCap: fw.TotalCap != nil || fw.TotalCapAmount != nil,
		capAmount:   newBound(fw.TotalCapAmount),
		levels:      slices.Clone(fw.Approvals),
		bySKU:       map[SKU][]int32{},
		byFamily:    map[Family][]int32{},
	}
	if err := p.Err(); err != nil {
		return nil, err // a derived price out of range
	}
	for _, l := range e.levels {
		e.levelN = append(e.levelN, numOf(fence.Pct(l.Above)))
	}
	if e.tieBreak == "" {
		e.tieBreak = TieBreakError
	}
	e.capFactor = numInt(0, 0) // no share of the list price is kept: no percent cap
	if fw.TotalCap != nil {
		e.capFactor = numOf(one.Sub(fence.Frac(*fw.TotalCap)))
	}
	e.bookOrder = sortedKeys(e.books)
	for _, id := range e.bookOrder {
		b := e.books[id]
		for _, sku := range sortedKeys(b.skus) {
			vs := b.skus[sku]
			for i := range vs {
				v := &vs[i]
				e.setFloor(v, fw.MinMargin, b.places)
				if err := v.setMoney(b.currency); err != nil {
					p.AddErr(partnerops.Path("books", partnerops.Key(b.id), "entries", partnerops.Key(v.sku)), err)
				}
			}
		}
	}
	if err := p.Err(); err != nil {
		return nil, err // a derived price out of range
	}
	groupIdx := make(map[GroupID]int32, len(fw.Groups))
	for i, g := range fw.Groups {
		groupIdx[g.ID] = int32(i)
		cg := cgroup{id: g.ID, label: g.Label, mode: g.Mode, capAmount: newBound(g.CapAmount)}
		if g.Cap != nil {
			cg.hasCap, cg.capFactor = true, numOf(one.Sub(fence.Frac(*g.Cap)))
		}
		cg.hasCap = cg.hasCap || g.CapAmount != nil
		cg.stage, cg.bestExcl = int32(i), g.BestExclusive
		e.groups = append(e.groups, cg)
	}
	for i, g := range fw.Groups {
		if g.Within != "" {
			p := groupIdx[g.Within]
			e.groups[i].stage, e.groups[p].nested = p, true
		}
	}
	e.manualAfter = int32(len(fw.Groups) - 1)
	if fw.ManualAfter != "" {
		e.manualAfter = e.groups[groupIdx[fw.ManualAfter]].stage
	}
	for i, a := range fw.Approvals {
		if a.Level == fw.ManualApproval {
			e.manualLevel = i + 1
		}
	}
	e.compileRules(&fw, groupIdx)
	e.compileQuoteRules(&fw, groupIdx)
	for _, b := range e.books {
		for _, vs := range b.skus {
			for i := range vs {
				v := &vs[i]
				// The rules of the SKU, of its family and of the family's
				// ancestors.
				v.scoped = e.bySKU[v.sku]
				for _, f := range v.lineage {
					v.scoped = mergeRanks(v.scoped, e.byFamily[f])
				}
				v.scoped = slices.Clip(slices.Clone(v.scoped))
			}
		}
	}
	e.warnings = warn(books, &fw)
	return e, nil
}

// setMoney builds the version's Money values once.
func (v *version) setMoney(c partnerops.Currency) error {
	var err error
	if v.listM, err = fence.Money(v.list, c); err != nil {
		return err
	}
	if v.floorM, err = fence.Money(v.floor, c); err != nil {
		return err
	}
	if v.hasCost {
		v.costM, err = fence.Money(v.cost, c)
	}
	return err
}

// setFloor sets the version's effective floor: the entry floor or the
// minimum-margin price, whichever is higher, at least 0. The waterfall's
// bound is the floor rounded up to the book's places, so that no rounding
// of the net price can take it below the floor.
func (e *Engine) setFloor(v *version, minMargin *partnerops.Percent, places int32) {
	v.floor = decimal.Zero
	if v.hasFloor {
		v.floor = v.entryFloor
	}
	if minMargin != nil && v.hasCost {
		if mp, ok := marginPrice(v.cost, *minMargin, places, partnerops.RoundCeiling); ok && mp.Cmp(v.floor) > 0 {
			v.floor, v.floorByCost = mp, true
		}
	}
	v.listN, v.floorX, v.costN = numOf(v.list), numOf(v.floor), numOf(v.cost)
	v.floorN = v.floorX.round(places, partnerops.RoundCeiling)
}

func (e *Engine) compileRules(fw *Framework, groupIdx map[GroupID]int32) {
	rules := make([]crule, len(fw.Rules))
	levelIdx := map[ApprovalLevel]int{}
	for i, a := range fw.Approvals {
		levelIdx[a.Level] = i + 1
	}
	for i := range fw.Rules {
		e.compileRule(&rules[i], &fw.Rules[i], groupIdx, levelIdx)
	}
	// Rank: waterfall position, the group's stacking order, precedence,
	// ID.
	byPriority := fw.Precedence == PrecedencePriority
	standing := func(x, y *crule) int {
		if byPriority {
			return cmp.Or(-cmp.Compare(x.priority, y.priority), -cmp.Compare(x.spec, y.spec))
		}
		return cmp.Or(-cmp.Compare(x.spec, y.spec), -cmp.Compare(x.priority, y.priority))
	}
	order := make([]int, len(rules))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := &rules[a], &rules[b]
		if c := cmp.Compare(x.group, y.group); c != 0 {
			return c
		}
		stack := 0
		switch fw.Groups[x.group].Order {
		case StackAscendingPriority:
			stack = cmp.Compare(x.priority, y.priority)
		case StackEffect:
			stack = cmp.Compare(x.class, y.class)
		}
		return cmp.Or(stack, standing(x, y), cmp.Compare(x.id, y.id))
	})
	rank := make(map[RuleID]int32, len(rules))
	e.rules = make([]crule, len(rules))
	for pos, i := range order {
		e.rules[pos] = rules[i]
		e.rules[pos].rank = int32(pos)
		rank[rules[i].id] = int32(pos)
	}
	for pos := range e.rules {
		r := &fw.Rules[order[pos]]
		for _, x := range r.Excludes {
			e.rules[pos].excludes = append(e.rules[pos].excludes, rank[x])
		}
		slices.Sort(e.rules[pos].excludes)
	}
	// Precedence for exclusions: exclusive first, then the framework's
	// precedence, waterfall position and ID (that is, rank).
	prec := make([]int32, len(e.rules))
	for i := range prec {
		prec[i] = int32(i)
	}
	slices.SortFunc(prec, func(a, b int32) int {
		x, y := &e.rules[a], &e.rules[b]
		return cmp.Or(-cmp.Compare(b2i(x.exclusive), b2i(y.exclusive)), standing(x, y), cmp.Compare(a, b))
	})
	for pos, ri := range prec {
		e.rules[ri].prec = int32(pos)
	}
	// Indexes: by SKU, by family, and global rules by their identity
	// conditions.
	e.global.build(e.rules, e.ladder.Len())
	for pos := range e.rules {
		c := &e.rules[pos]
		c.setLineCheck()
		e.hasExcl = e.hasExcl || c.exclusive || len(c.excludes) > 0 || c.excludeGroup != 0
		switch {
		case c.spec == specSKU:
			for _, s := range c.skus {
				e.bySKU[s] = appendUnique(e.bySKU[s], int32(pos))
			}
		case c.spec > 0:
			for _, f := range c.families {
				e.byFamily[f] = appendUnique(e.byFamily[f], int32(pos))
			}
		}
	}
}

// setLineCheck sets c.lineCheck. A candidate is found by the line's SKU
// (a rule with SKUs, indexed under each), by the line's family or an
// ancestor (a rule with families and no SKUs, indexed under each family)
// or among the global rules (no SKUs, no families): its SKU condition,
// and its family condition unless it has SKUs too, hold for the lines
// it is a candidate of, and lineMatch has nothing else to check when
// it has none of the other line conditions.
func (c *crule) setLineCheck() {
	c.lineCheck = (len(c.skus) > 0 && len(c.families) > 0) || len(c.units) > 0 || c.free != nil ||
		c.fbase == FormulaCost || c.hasMinQty || c.hasMaxQty || c.minLine.set || c.maxLine.set ||
		len(c.attrs) > 0 || c.sched != nil
}

// compileRule compiles rule r into c: its conditions flattened for
// matching, its effect into factors and amounts.
func (e *Engine) compileRule(c *crule, r *Rule, groupIdx map[GroupID]int32, levelIdx map[ApprovalLevel]int) {
	c.id, c.name, c.group, c.priority = r.ID, r.Name, groupIdx[r.Group], r.Priority
	c.when = cloneConditions(&r.When)
	c.exclusive, c.allowInc, c.approval = r.Exclusive, r.AllowIncrease, levelIdx[r.Approval]
	w := c.when // a deep copy: the engine shares nothing with the caller
	switch {
	case len(w.SKUs) > 0:
		c.spec = specSKU
	case len(w.Families) > 0:
		c.spec = uint8(1 + e.tree.depthOf(w.Families[0]))
	}
	if len(w.Tiers) > 0 || w.TierAtLeast != "" {
		c.hasTier = true
		for _, t := range w.Tiers {
			rk, _ := e.ladder.Rank(t)
			c.tierMask |= 1 << uint(rk)
		}
		if w.TierAtLeast != "" {
			rk, _ := e.ladder.Rank(w.TierAtLeast)
			for ; rk < e.ladder.Len(); rk++ {
				c.tierMask |= 1 << uint(rk)
			}
		}
	}
	c.ptypes, c.motions, c.skus, c.families = w.PartnerTypes, w.Motions, w.SKUs, w.Families
	c.dealReg, c.business, c.regions, c.units = w.DealRegistration, w.Business, w.Regions, w.Units
	c.currency, c.currencies = r.Currency, w.Currencies
	if w.MinQuantity != nil {
		c.minQty, _ = toMicro(fence.Dec(*w.MinQuantity))
		c.hasMinQty = true
	}
	if w.MaxQuantity != nil {
		c.maxQty, _ = toMicro(fence.Dec(*w.MaxQuantity))
		c.hasMaxQty = true
	}
	c.minLine, c.maxLine = newBound(w.MinLineValue), newBound(w.MaxLineValue)
	c.minDeal, c.maxDeal = newBound(w.MinDealValue), newBound(w.MaxDealValue)
	c.from, c.until = w.From, w.Until
	for _, k := range sortedKeys(w.Attributes) {
		c.attrs = append(c.attrs, attrCond{key: k, values: w.Attributes[k], op: AttributeIn})
	}
	for _, a := range w.AttributeConditions {
		ac := attrCond{key: a.Name, values: a.Values, op: a.Op}
		if a.Min != nil {
			ac.min = bound{set: true, n: numOf(fence.Dec(*a.Min))}
		}
		if a.Max != nil {
			ac.max = bound{set: true, n: numOf(fence.Dec(*a.Max))}
		}
		c.attrs = append(c.attrs, ac)
	}
	c.books = w.Books
	for _, g := range r.ExcludesGroups {
		c.excludeGroup |= 1 << uint(groupIdx[g])
	}
	c.kind = r.Effect.Kind
	switch c.kind {
	case EffectMarkup, EffectSurcharge:
		c.allowInc = true // increases by nature
	case EffectFixedPrice, EffectSchedule, EffectFormula:
		c.allowInc = !r.LowerOnly // prices are set as written
	}
	if f := r.Effect.Formula; f != nil {
		c.formula, c.fbase = compileFormula(f), r.Effect.Base
		if c.fbase == "" {
			c.fbase = FormulaRunning
		}
	}
	c.class = effectClass(&r.Effect)
	if r.Effect.Percent != nil {
		c.pct = *r.Effect.Percent
	}
	frac := fence.Frac(c.pct)
	c.frac, c.negFrac, c.oneMinus = numOf(frac), numOf(frac.Neg()), numOf(one.Sub(frac))
	if r.Effect.Amount != nil {
		c.amount = fence.Amount(*r.Effect.Amount)
	}
	c.amt, c.negAmt = numOf(c.amount), numOf(c.amount.Neg())
	if s := r.Effect.Schedule; s != nil {
		cs := &csched{kind: s.Kind, scope: s.Scope, prior: s.Prior, attr: s.Attribute}
		if cs.scope == ScopeLine {
			cs.scope = ""
		}
		for _, t := range s.Tiers {
			ct := ctier{to: -1}
			if t.Price != nil {
				ct.hasPrice, ct.price = true, fence.Amount(*t.Price)
				ct.priceN = numOf(ct.price)
			}
			if t.Percent != nil {
				ct.pct = *t.Percent
				ct.frac = numOf(fence.Frac(ct.pct))
			}
			if t.AmountOff != nil {
				ct.hasAmtOff, ct.price = true, fence.Amount(*t.AmountOff)
				ct.amtOff = numOf(ct.price)
			}
			ct.from, _ = toMicro(fence.Dec(t.From))
			if t.To != nil {
				ct.to, _ = toMicro(fence.Dec(*t.To))
			}
			cs.tiers = append(cs.tiers, ct)
		}
		c.sched = cs
	}
	if f := r.Effect.Free; f != nil {
		cf := &cfree{buy: numOf(fence.Dec(f.Buy)), get: numOf(fence.Dec(f.Get)), sku: f.SKU, unit: f.Unit,
			recursive: f.Recursive, mode: partnerops.RoundDown, places: f.Places}
		cf.buyMicro, _ = toMicro(fence.Dec(f.Buy))
		if f.Rounding != nil {
			cf.mode = *f.Rounding
		}
		if f.Price != nil {
			cf.priceD = fence.Amount(*f.Price)
			c.amount = cf.priceD
		}
		cf.price = numOf(cf.priceD)
		c.free = cf
		e.groups[c.group].free = true
	}
	for _, l := range w.Lines {
		cl := clines{skus: l.SKUs, families: l.Families, minValue: newBound(l.MinValue), maxValue: newBound(l.MaxValue)}
		if l.MinQuantity != nil {
			cl.minQty = bound{set: true, n: numOf(fence.Dec(*l.MinQuantity))}
		}
		if l.MaxQuantity != nil {
			cl.maxQty = bound{set: true, n: numOf(fence.Dec(*l.MaxQuantity))}
		}
		c.lines = append(c.lines, cl)
	}
}

// effectClass returns an effect's class for [StackEffect]: prices (fixed
// prices and schedules with prices) 0, amounts 1, percentages 2.
func effectClass(e *Effect) uint8 {
	switch e.Kind {
	case EffectFixedPrice, EffectFormula:
		return 0
	case EffectAmountOff, EffectSurcharge:
		return 1
	case EffectSchedule:
		if e.Schedule != nil && len(e.Schedule.Tiers) > 0 && e.Schedule.Tiers[0].Price != nil {
			return 0
		}
		if e.Schedule != nil && len(e.Schedule.Tiers) > 0 && e.Schedule.Tiers[0].AmountOff != nil {
			return 1
		}
	}
	return 2
}

// mergeRanks merges two ascending rank lists without duplicates.
func mergeRanks(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && a[0] < b[0]):
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}

// cloneConditions returns a deep copy of w.
func cloneConditions(w *Conditions) *Conditions {
	c := *w
	c.Tiers, c.PartnerTypes, c.Motions = slices.Clone(w.Tiers), slices.Clone(w.PartnerTypes), slices.Clone(w.Motions)
	c.SKUs, c.Families, c.DealRegistration = slices.Clone(w.SKUs), slices.Clone(w.Families), slices.Clone(w.DealRegistration)
	c.Business, c.Regions, c.Units = slices.Clone(w.Business), slices.Clone(w.Regions), slices.Clone(w.Units)
	c.Lines, c.Currencies, c.Books = slices.Clone(w.Lines), slices.Clone(w.Currencies), slices.Clone(w.Books)
	c.AttributeConditions = slices.Clone(w.AttributeConditions)
	for i := range c.AttributeConditions {
		a := &c.AttributeConditions[i]
		a.Values, a.Min, a.Max = slices.Clone(a.Values), clonePtr(a.Min), clonePtr(a.Max)
	}
	for i := range c.Lines {
		l := &c.Lines[i]
		l.SKUs, l.Families = slices.Clone(l.SKUs), slices.Clone(l.Families)
		l.MinQuantity, l.MaxQuantity = clonePtr(l.MinQuantity), clonePtr(l.MaxQuantity)
		l.MinValue, l.MaxValue = clonePtr(l.MinValue), clonePtr(l.MaxValue)
	}
	c.MinQuantity, c.MaxQuantity = clonePtr(w.MinQuantity), clonePtr(w.MaxQuantity)
	c.MinLineValue, c.MaxLineValue = clonePtr(w.MinLineValue), clonePtr(w.MaxLineValue)
	c.MinDealValue, c.MaxDealValue = clonePtr(w.MinDealValue), clonePtr(w.MaxDealValue)
	if w.Attributes != nil {
		c.Attributes = make(map[string][]string, len(w.Attributes))
		for k, v := range w.Attributes {
			c.Attributes[k] = slices.Clone(v)
		}
	}
	return &c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func appendUnique(s []int32, v int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Books returns the IDs of the compiled books, sorted.
func (e *Engine) Books() []BookID { return slices.Clone(e.bookOrder) }

// ListPrice returns the list price of sku in book at the given time, for
// hosts that display catalog prices. It fails with an error wrapping
// [ErrUnknownBook], [ErrUnknownSKU] or [ErrNoPrice].
func (e *Engine) ListPrice(book BookID, sku SKU, at time.Time) (partnerops.Money, error) {
	b, ok := e.books[book]
	if !ok {
		return partnerops.Money{}, wrapf(ErrUnknownBook, "list price of SKU %q: book %q", sku, book)
	}
	v, err := b.find(sku, at)
	if err != nil {
		return partnerops.Money{}, wrapf(err, "list price of SKU %q in book %q", sku, book)
	}
	return v.listM, nil
}

// Warnings returns what Compile found valid but probably not meant (a
// percent between 0 and 1, a rule no quote can reach, two rules that can
// tie), in the order of the definitions.
func (e *Engine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }
