package pricing

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// Framework is a discount framework: the stacking groups in waterfall
// order, the rules, caps, floors, the tie-break policy and the approval
// matrix. It is plain data that round-trips through encoding/json;
// [Compile] validates it together with the price books.
//
// Amounts in rules are in the framework's Currency: in JSON a bare decimal
// string ("5.00") or an object in that currency.
type Framework struct {
	Name string `json:"name,omitempty"`
	// Program supplies the tier ladder and the partner types and motions
	// the rules may name.
	Program partnerops.Program `json:"program"`
	// Currency of every amount in the rules. Required when a rule holds an
	// amount; quotes priced in a book of another currency fail with
	// [partnerops.ErrCurrencyMismatch]. A framework of percentages only
	// leaves it empty and works with books in any currency.
	Currency partnerops.Currency `json:"currency,omitempty"`
	// Families places product families in a tree (see [FamilyNode]).
	Families []FamilyNode `json:"families,omitempty" aka:"family_tree,item_groups,categories"`
	// Groups in waterfall order ("regular", "customer", "partner", ...).
	Groups []Group `json:"groups" aka:"stacking,stacking_groups,stages"`
	Rules  []Rule  `json:"rules" aka:"discounts,discount_rules"`
	// Precedence is the order in which rules outrank each other
	// everywhere (one-winner groups, stacking, exclusions); defaults to
	// [PrecedenceSpecificity].
	Precedence Precedence `json:"precedence,omitempty" aka:"order,ranking"`
	// TieBreak decides ties in [CombineFirst] groups; defaults to
	// [TieBreakError].
	TieBreak TieBreak `json:"tie_break,omitempty" aka:"tiebreak,tie_breaker"`
	// TotalCap caps the total discount of a line as a share of its list
	// price; TotalCapAmount as an amount per stock unit (the tighter of
	// the two holds).
	TotalCap       *partnerops.Percent `json:"total_cap,omitempty"`
	TotalCapAmount *partnerops.Money   `json:"total_cap_amount,omitempty" aka:"max_discount_amount"`
	// MinMargin is a price floor: no discount takes a line below the price
	// that leaves this gross margin over the entry's cost.
	MinMargin *partnerops.Percent `json:"min_margin,omitempty"`
	// QuoteRules act on the quote as a whole, after the lines' waterfalls
	// (see [QuoteRule]).
	QuoteRules []QuoteRule `json:"quote_rules,omitempty" aka:"order_rules,header_rules,transaction_rules"`
	// ManualAfter is the group after which a quote line's manual price
	// or discount applies; the end of the waterfall when empty.
	ManualAfter GroupID `json:"manual_after,omitempty" aka:"manual_group,manual_position"`
	// ManualApproval is the approval level any manual price or discount
	// needs, besides what its discount needs by the matrix.
	ManualApproval ApprovalLevel `json:"manual_approval,omitempty"`
	// Approvals is the deal-desk matrix, thresholds ascending.
	Approvals []ApprovalThreshold `json:"approvals,omitempty" aka:"approval_matrix,approval"`
}

// Group is a stacking group: a stage of the waterfall whose members
// combine by Mode.
type Group struct {
	ID GroupID `json:"id"`
	// Label names the price after this group in renderings
	// ("customer price", "partner buy price").
	Label string      `json:"label,omitempty"`
	Mode  CombineMode `json:"mode" aka:"combine,combination"`
	// Cap caps the group's discount as a share of the price entering the
	// group; CapAmount as an amount per stock unit, in the framework's
	// currency (the tighter of the two holds).
	Cap       *partnerops.Percent `json:"cap,omitempty"`
	CapAmount *partnerops.Money   `json:"cap_amount,omitempty" aka:"max_discount_amount"`
	// Order is the order in which the members of an additive or
	// compounding group apply; defaults to [StackPrecedence].
	Order StackOrder `json:"order,omitempty" aka:"stack_order,sequence"`
	// Within nests the group in a best_of group listed before it: the
	// parent applies the best of its own rules and its subgroups, each
	// subgroup combined by its own mode as one offer (a compounded chain
	// against a single offer). Subgroups follow their parent in Groups.
	Within GroupID `json:"within,omitempty" aka:"parent,inside"`
	// BestExclusive makes the group's exclusive rules compete: when the
	// exclusive rule that wins a line is of this group, the group's
	// applicable exclusive rule giving the largest discount (on the list
	// price) applies instead of the first by precedence.
	BestExclusive bool `json:"best_exclusive,omitempty" aka:"exclusive_best_price"`
}

// ApprovalThreshold maps discounts to an approval level: a line whose
// effective discount is strictly above Above needs Level (or a higher
// level whose threshold it also passes). With thresholds manager 20 and
// vp 35, discounts up to 20% need nothing, above 20% up to 35% a manager
// and above 35% a VP.
type ApprovalThreshold struct {
	Level ApprovalLevel      `json:"level" path:"key"`
	Above partnerops.Percent `json:"above" aka:"threshold,over,percent"`
}

// Rule is one discount rule: conditions that must all hold, an effect, its
// group and how it relates to other rules.
type Rule struct {
	ID   RuleID `json:"id"`
	Name string `json:"name,omitempty"`
	// Group names the stacking group the rule belongs to.
	Group GroupID `json:"group"`
	// Priority orders rules of equal specificity; higher wins.
	Priority int `json:"priority,omitempty"`
	// Currency is the currency of the rule's amounts, in a framework of
	// several currencies (whose own Currency is empty): the rule is then a
	// candidate only for quotes priced in a book of that currency,
	// filtered before precedence. Defaults to the framework's currency.
	Currency partnerops.Currency `json:"currency,omitempty"`
	When     Conditions          `json:"when,omitzero" aka:"conditions,condition,where,if,criteria"`
	Effect   Effect              `json:"effect" aka:"action,discount"`
	// Excludes lists rules that may not apply together with this one;
	// ExcludesGroups whole groups ("not combinable with deal-reg bonus").
	Excludes       []RuleID  `json:"excludes,omitempty"`
	ExcludesGroups []GroupID `json:"excludes_groups,omitempty"`
	// Exclusive rules beat everything: when one applies, no other rule
	// does.
	Exclusive bool `json:"exclusive,omitempty"`
	// AllowIncrease lets the rule raise the price: negative percentages
	// and target margins above the running price. Prices (fixed prices,
	// schedule tiers with a price, blocks) are set as written, raising the
	// price when they are above it, unless LowerOnly is set.
	AllowIncrease bool `json:"allow_increase,omitempty"`
	// LowerOnly makes a price (fixed price, schedule tier price, block)
	// apply only when it lowers the price; otherwise the rule is skipped
	// with [SkipNoEffect], listed in the waterfall.
	LowerOnly bool `json:"lower_only,omitempty"`
	// Approval is a level the rule always requires when it applies.
	Approval ApprovalLevel `json:"approval,omitempty"`
}

// Conditions are all optional; a rule applies only when every condition
// set holds. Lists match when they contain the quote's value; ranges are
// half-open [Min, Max).
type Conditions struct {
	Tiers []partnerops.Tier `json:"tiers,omitempty" aka:"tier"`
	// TierAtLeast matches the tier and every tier above it on the ladder.
	TierAtLeast  partnerops.Tier          `json:"tier_at_least,omitempty" aka:"min_tier,minimum_tier"`
	PartnerTypes []partnerops.PartnerType `json:"partner_types,omitempty"`
	Motions      []partnerops.Motion      `json:"motions,omitempty"`
	// SKUs and Families scope the rule to products; a SKU rule is more
	// specific than a family rule, which is more specific than a global one.
	SKUs     []SKU    `json:"skus,omitempty"`
	Families []Family `json:"families,omitempty"`
	// Quantity range of the line.
	MinQuantity *partnerops.Decimal `json:"min_quantity,omitempty"`
	MaxQuantity *partnerops.Decimal `json:"max_quantity,omitempty"`
	// Line value: list price × quantity. Deal value: the sum of line values
	// of the quote.
	MinLineValue *partnerops.Money `json:"min_line_value,omitempty"`
	MaxLineValue *partnerops.Money `json:"max_line_value,omitempty"`
	MinDealValue *partnerops.Money `json:"min_deal_value,omitempty"`
	MaxDealValue *partnerops.Money `json:"max_deal_value,omitempty"`
	// DealRegistration lists the statuses that match.
	DealRegistration []DealRegStatus           `json:"deal_registration,omitempty"`
	Business         []partnerops.BusinessType `json:"business,omitempty"`
	Regions          []partnerops.Region       `json:"regions,omitempty"`
	// Currencies limit the rule to quotes priced in a book of one of
	// these currencies; like tiers, partner types, motions and regions
	// they decide whether the rule is a candidate at all.
	Currencies []partnerops.Currency `json:"currencies,omitempty"`
	// From and Until bound the pricing date: From <= at < Until.
	From  time.Time `json:"from,omitzero"`
	Until time.Time `json:"until,omitzero"`
	// Lines are conditions on the quote's lines taken together (all
	// must hold): the total stock quantity or list value of the lines of
	// some SKUs or families ("the quote holds at least 10 security
	// seats", "if SKU X reaches 5,000.00"), whatever line the rule
	// prices.
	Lines []LinesCondition `json:"lines,omitempty" aka:"quote_lines,across_lines,line_totals"`
	// AttributeConditions test host attributes (on the line, then the
	// quote, then the partner) more ways than Attributes: negation, set
	// or not, numeric ranges. All must hold.
	AttributeConditions []AttributeCondition `json:"attribute_conditions,omitempty" aka:"attribute_tests,attrs"`
	// Books limit the rule to quotes priced in one of these price books.
	Books []BookID `json:"books,omitempty" aka:"price_books,pricelists"`
	// Units scope the rule to quote lines in one of these units (the
	// line's unit, the entry's stock unit when the line names none). A
	// rule scoped to units states its amounts (amount off, fixed price,
	// surcharge, schedule prices) per the line's unit; quantities stay in
	// stock units.
	Units []string `json:"units,omitempty" aka:"uom,uoms,unit"`
	// Attributes match host-defined attributes: each key must have one of
	// the listed values, looked up on the line, then the quote, then the
	// partner.
	Attributes map[string][]string `json:"attributes,omitempty"`
}

// AttributeCondition tests the host attribute Name (looked up on the
// line, then the quote, then the partner) by Op: in or not in Values, set
// or not set, or a decimal number in [Min, Max).
type AttributeCondition struct {
	Name   string              `json:"name" path:"key" aka:"attribute,key"`
	Op     AttributeOp         `json:"op" aka:"operator,test"`
	Values []string            `json:"values,omitempty" aka:"value,in"`
	Min    *partnerops.Decimal `json:"min,omitempty"`
	Max    *partnerops.Decimal `json:"max,omitempty"`
}

// LinesCondition holds when the quote's lines of SKUs or Families (all
// paid lines when both are empty) together reach a total stock quantity
// in [MinQuantity, MaxQuantity) and a total list value (list price ×
// quantity) in [MinValue, MaxValue). Free lines do not count.
type LinesCondition struct {
	SKUs        []SKU               `json:"skus,omitempty"`
	Families    []Family            `json:"families,omitempty"`
	MinQuantity *partnerops.Decimal `json:"min_quantity,omitempty"`
	MaxQuantity *partnerops.Decimal `json:"max_quantity,omitempty"`
	MinValue    *partnerops.Money   `json:"min_value,omitempty" aka:"min_amount"`
	MaxValue    *partnerops.Money   `json:"max_value,omitempty" aka:"max_amount"`
}

// FreeGoods gives Get free units of a product for Buy units bought: of
// SKU (the line's own SKU when empty), in Unit (one of that SKU's units;
// its stock unit when empty), at Price per unit (free when nil). The
// free units go on a result line of their own, after the quote's lines,
// saying which rule and line made them; the line that earns them keeps
// its price. A free-goods rule applies when the line's quantity (in
// stock units) reaches Buy: once, Get units; with Recursive, Get units
// for every Buy units (the number of times the quantity holds Buy,
// rounded by Rounding to Places: down to whole times by default).
type FreeGoods struct {
	Buy       partnerops.Decimal       `json:"buy" aka:"per,min_quantity,every"`
	Get       partnerops.Decimal       `json:"get" aka:"free,free_quantity,quantity"`
	SKU       SKU                      `json:"sku,omitempty" aka:"free_sku,item"`
	Unit      string                   `json:"unit,omitempty" aka:"uom"`
	Recursive bool                     `json:"recursive,omitempty" aka:"repeat,per_multiple"`
	Rounding  *partnerops.RoundingMode `json:"rounding,omitempty"`
	Places    int32                    `json:"places,omitempty"`
	Price     *partnerops.Money        `json:"price,omitempty" aka:"rate,amount"`
}

// Effect is what a rule does. Each kind needs exactly one of Percent,
// Amount and Schedule, and [Compile] refuses the others:
//
//   - Percent: [EffectPercentOffList], [EffectPercentOffRunning],
//     [EffectTargetMargin], [EffectMarkup];
//   - Amount (in the framework's currency): [EffectAmountOff],
//     [EffectFixedPrice], [EffectSurcharge];
//   - Schedule: [EffectSchedule];
//   - Free: [EffectFreeGoods];
//   - Formula (and optionally Base): [EffectFormula].
//
// The constructors ([PercentOffList], [AmountOff], ...) build each kind.
type Effect struct {
	Kind     EffectKind          `json:"kind" aka:"type"`
	Percent  *partnerops.Percent `json:"percent,omitempty" aka:"pct,percentage,rate"`
	Amount   *partnerops.Money   `json:"amount,omitempty" aka:"price,value"`
	Schedule *Schedule           `json:"schedule,omitempty" aka:"tiers"`
	Free     *FreeGoods          `json:"free,omitempty" aka:"free_goods,product_discount"`
	// Formula and Base are an [EffectFormula]'s formula (amounts in the
	// framework's currency, per stock unit) and the price it starts from.
	Formula *Formula    `json:"formula,omitempty"`
	Base    FormulaBase `json:"base,omitempty" aka:"based_on,basis"`
}

// PercentOffList is an [EffectPercentOffList] effect: p of the list price
// off.
func PercentOffList(p partnerops.Percent) Effect {
	return Effect{Kind: EffectPercentOffList, Percent: &p}
}

// PercentOffRunning is an [EffectPercentOffRunning] effect: p of the
// running price off.
func PercentOffRunning(p partnerops.Percent) Effect {
	return Effect{Kind: EffectPercentOffRunning, Percent: &p}
}

// TargetMargin is an [EffectTargetMargin] effect: the partner earns p of
// the resale price.
func TargetMargin(p partnerops.Percent) Effect { return Effect{Kind: EffectTargetMargin, Percent: &p} }

// Markup is an [EffectMarkup] effect: p of the running price added.
func Markup(p partnerops.Percent) Effect { return Effect{Kind: EffectMarkup, Percent: &p} }

// AmountOff is an [EffectAmountOff] effect: a off each unit.
func AmountOff(a partnerops.Money) Effect { return Effect{Kind: EffectAmountOff, Amount: &a} }

// FixedPrice is an [EffectFixedPrice] effect: the unit price set to a.
func FixedPrice(a partnerops.Money) Effect { return Effect{Kind: EffectFixedPrice, Amount: &a} }

// Surcharge is an [EffectSurcharge] effect: a added to each unit.
func Surcharge(a partnerops.Money) Effect { return Effect{Kind: EffectSurcharge, Amount: &a} }

// Free is an [EffectFreeGoods] effect: get free units per buy units.
func Free(buy, get partnerops.Decimal) Effect {
	return Effect{Kind: EffectFreeGoods, Free: &FreeGoods{Buy: buy, Get: get}}
}

// VolumeSchedule is an [EffectSchedule] effect with a schedule of kind
// and tiers.
func VolumeSchedule(kind ScheduleKind, tiers ...ScheduleTier) Effect {
	return Effect{Kind: EffectSchedule, Schedule: &Schedule{Kind: kind, Tiers: tiers}}
}

// Schedule is a volume schedule. Its tier is picked by a quantity in
// stock units: the line's own (the default), the quote's across lines of
// a Scope, plus with Prior the host's prior quantity of that scope
// ([Quote] Prior: the contract's earlier purchases), or a line
// attribute's value. A slab over an aggregate numbers the line's units
// after the prior quantity and the scope's earlier lines, so the lines
// fill the slabs in quote order.
type Schedule struct {
	Kind  ScheduleKind   `json:"kind"`
	Tiers []ScheduleTier `json:"tiers"`
	// Scope is whose quantity counts; defaults to [ScopeLine].
	Scope ScheduleScope `json:"scope,omitempty" aka:"aggregate,aggregation,aggregation_scope"`
	// Prior adds the quote's prior quantity of the scope (cumulative
	// pricing over a contract).
	Prior bool `json:"prior,omitempty" aka:"cumulative,cross_orders,include_prior"`
	// Attribute takes the line's quantity from this line attribute (a
	// decimal, such as a fabric length) instead of its quantity; range
	// and block schedules only. A line without it fails the schedule.
	Attribute string `json:"attribute,omitempty" aka:"quantity_field,quantity_attribute"`
}

// ScheduleTier is one tier of a [Schedule]: quantities in [From, To) (To
// nil is unbounded). A range or slab tier takes Percent off the price
// entering the rule's group, sets the unit Price, or takes AmountOff off
// each unit (one of the three); a block tier charges Price for the whole
// line (Price required, nothing else).
type ScheduleTier struct {
	From    partnerops.Decimal  `json:"from" aka:"min,min_quantity"`
	To      *partnerops.Decimal `json:"to,omitempty" aka:"max,max_quantity,until"`
	Percent *partnerops.Percent `json:"percent,omitempty" aka:"pct,percentage"`
	Price   *partnerops.Money   `json:"price,omitempty" aka:"amount"`
	// AmountOff takes an amount off each unit (range and slab tiers).
	AmountOff *partnerops.Money `json:"amount_off,omitempty" aka:"discount_amount"`
}

// IsZero reports whether no condition is set, so that JSON omits it.
func (c Conditions) IsZero() bool {
	return len(c.Tiers) == 0 && c.TierAtLeast == "" && len(c.PartnerTypes) == 0 && len(c.Motions) == 0 &&
		len(c.SKUs) == 0 && len(c.Families) == 0 && c.MinQuantity == nil && c.MaxQuantity == nil &&
		c.MinLineValue == nil && c.MaxLineValue == nil && c.MinDealValue == nil && c.MaxDealValue == nil &&
		len(c.DealRegistration) == 0 && len(c.Business) == 0 && len(c.Regions) == 0 &&
		c.From.IsZero() && c.Until.IsZero() && len(c.Attributes) == 0 && len(c.Units) == 0 && len(c.Lines) == 0 &&
		len(c.Currencies) == 0 && len(c.AttributeConditions) == 0 && len(c.Books) == 0
}

// maxListLen bounds schedule tiers and attribute conditions per rule (the
// compact result records index them with 16 bits).
const maxListLen = 1000

// ruleKey names rule i in paths.
func ruleKey(r *Rule, i int) any { return elemKey(string(r.ID), i) }

// validateFramework checks fw on its own and against the books' SKUs and
// families.
func validateFramework(p *partnerops.Problems, fw *Framework, skus map[SKU]bool, families map[Family]bool, books map[BookID]bool) {
	p.Merge("program", fw.Program.Validate())
	validateFamilies(p, fw.Families, families)
	tree := familyTree{}
	if p.Err() == nil {
		tree = newFamilyTree(fw.Families)
	}
	if fw.Program.Tiers.Len() > 64 {
		p.Add("program.tiers", "at most 64 tiers", "")
	}
	if fw.Currency != "" && !fw.Currency.Valid() {
		p.Add("currency", "must be a known ISO 4217 code", string(fw.Currency))
	}
	if !fw.Precedence.valid() {
		p.Add("precedence", "must be specificity or priority", string(fw.Precedence))
	}
	if !fw.TieBreak.valid() {
		p.Add("tie_break", "must be error, rule_id or largest_discount", string(fw.TieBreak))
	}
	if fw.TotalCap != nil {
		checkPercent(p, "total_cap", *fw.TotalCap, zeroPct, hundredPct)
	}
	if fw.TotalCapAmount != nil {
		checkFrameworkMoney(p, fw, "total_cap_amount", *fw.TotalCapAmount)
	}
	if fw.MinMargin != nil {
		checkPercent(p, "min_margin", *fw.MinMargin, zeroPct, below100)
	}
	if len(fw.Groups) > 64 {
		p.Add("groups", "at most 64 groups", "")
	}
	groups := make(map[GroupID]int, len(fw.Groups))
	for i, g := range fw.Groups {
		at := func(f string) string { return partnerops.Path("groups", elemKey(string(g.ID), i), f) }
		if g.ID == "" {
			p.Add(at("id"), "must not be empty", "")
		} else if _, dup := groups[g.ID]; dup {
			p.Add(at("id"), "duplicate group ID", string(g.ID))
		} else {
			groups[g.ID] = i
		}
		if !g.Mode.valid() {
			p.Add(at("mode"), "must be first, best_of, additive or compounding", string(g.Mode))
		}
		switch {
		case !g.Order.valid():
			p.Add(at("order"), "must be precedence, ascending_priority or effect", string(g.Order))
		case g.Order != "" && g.Order != StackPrecedence && (g.Mode == CombineFirst || g.Mode == CombineBestOf):
			p.Add(at("order"), "only an additive or compounding group has a stacking order (a first or best_of group applies one rule)", string(g.Order))
		}
		if g.Cap != nil {
			checkPercent(p, at("cap"), *g.Cap, zeroPct, hundredPct)
		}
		if g.CapAmount != nil {
			checkFrameworkMoney(p, fw, at("cap_amount"), *g.CapAmount)
		}
		if g.Within != "" {
			j, ok := groups[g.Within]
			switch {
			case !ok:
				p.Add(at("within"), "must name a group listed before this one", string(g.Within))
			case fw.Groups[j].Within != "":
				p.Add(at("within"), "groups nest one level deep: the parent is a subgroup itself", string(g.Within))
			case fw.Groups[j].Mode != CombineBestOf:
				p.Add(at("within"), "a parent group must be best_of (it applies the best of its rules and subgroups)", string(g.Within))
			default:
				for k := j + 1; k < i; k++ {
					if fw.Groups[k].Within != g.Within {
						p.Add(at("within"), "a subgroup must follow its parent (or the parent's other subgroups) in groups", string(g.Within))
						break
					}
				}
			}
		}
	}
	validateApprovals(p, fw.Approvals)
	levels := make(map[ApprovalLevel]bool, len(fw.Approvals))
	for _, a := range fw.Approvals {
		levels[a.Level] = true
	}
	if _, ok := groups[fw.ManualAfter]; fw.ManualAfter != "" && !ok {
		p.Add("manual_after", "must name a group", string(fw.ManualAfter))
	}
	if fw.ManualApproval != "" && !levels[fw.ManualApproval] {
		p.Add("manual_approval", "must name an approval level", string(fw.ManualApproval))
	}
	ids := make(map[RuleID]int, len(fw.Rules))
	for i := range fw.Rules {
		r := &fw.Rules[i]
		if r.ID == "" {
			p.Add(partnerops.Path("rules", i, "id"), "must not be empty", "")
		} else if _, dup := ids[r.ID]; dup {
			p.Add(partnerops.Path("rules", partnerops.Key(r.ID), "id"), "duplicate rule ID", string(r.ID))
		} else {
			ids[r.ID] = i
		}
	}
	for i := range fw.Rules {
		validateRule(p, fw, &fw.Rules[i], ruleKey(&fw.Rules[i], i), "rules", groups, ids, levels, skus, families, books, tree)
	}
	validateQuoteRules(p, fw, groups, ids, levels, skus, families, books, tree)
	// A group holds price rules or free-goods rules, not both.
	kinds := make(map[GroupID]int, len(fw.Groups)) // first rule of each group, by index
	for i := range fw.Rules {
		r := &fw.Rules[i]
		j, seen := kinds[r.Group]
		if !seen {
			kinds[r.Group] = i
			continue
		}
		if o := &fw.Rules[j]; (o.Effect.Kind == EffectFreeGoods) != (r.Effect.Kind == EffectFreeGoods) && o.Effect.Kind != "" && r.Effect.Kind != "" {
			p.Addf(partnerops.Path("rules", ruleKey(r, i), "group"), string(r.Group),
				"a group holds price rules or free-goods rules, not both (rule %q of this group is a %s rule)", o.ID, o.Effect.Kind)
		}
	}
	nested := map[GroupID]bool{}
	for _, g := range fw.Groups {
		if g.Within != "" {
			nested[g.Within], nested[g.ID] = true, true
		}
	}
	for i := range fw.Rules {
		if r := &fw.Rules[i]; r.Effect.Kind == EffectFreeGoods && nested[r.Group] {
			p.Add(partnerops.Path("rules", ruleKey(r, i), "group"), "free-goods rules do not go in nested groups", string(r.Group))
		}
	}
}

// validateApprovals checks an approval matrix: named levels, unique, with
// thresholds strictly ascending between 0 and 100%.
func validateApprovals(p *partnerops.Problems, approvals []ApprovalThreshold) {
	levels := make(map[ApprovalLevel]bool, len(approvals))
	prevOK := false
	for i, a := range approvals {
		at := func(f string) string { return partnerops.Path("approvals", elemKey(string(a.Level), i), f) }
		if a.Level == "" {
			p.Add(at("level"), "must not be empty", "")
		} else if levels[a.Level] {
			p.Add(at("level"), "duplicate level", string(a.Level))
		}
		levels[a.Level] = true
		ok := checkPercent(p, at("above"), a.Above, zeroPct, hundredPct)
		if ok && prevOK && a.Above.Cmp(approvals[i-1].Above) <= 0 {
			p.Add(at("above"), "thresholds must be strictly ascending", a.Above.String())
		}
		prevOK = ok
	}
}

// unknownTier is the rule broken by a tier not on the ladder; it says what
// to pass when the framework has no ladder at all.
func unknownTier(ladder partnerops.TierLadder) string {
	if ladder.Len() == 0 {
		return "unknown tier: the framework's program has no tiers; set program (program.tiers) to the partner program whose ladder names it"
	}
	return "unknown tier; must be one of " + ladder.String()
}

// validateRule checks rule r, element key of list ("rules", or
// "quote_rules" for a quote rule's conditions, currency and approval).
func validateRule(p *partnerops.Problems, fw *Framework, r *Rule, key any, list string, groups map[GroupID]int, ids map[RuleID]int,
	levels map[ApprovalLevel]bool, skus map[SKU]bool, families map[Family]bool, books map[BookID]bool, tree familyTree) {
	quote := list == "quote_rules"
	at := func(parts ...any) string { return partnerops.Path(append([]any{list, key}, parts...)...) }
	switch {
	case r.Currency == "":
	case !r.Currency.Valid():
		p.Add(at("currency"), "must be a known ISO 4217 code", string(r.Currency))
	case fw.Currency != "" && r.Currency != fw.Currency:
		p.Addf(at("currency"), string(r.Currency), "the framework prices %s books only; leave its currency empty for a framework of several currencies", fw.Currency)
	default:
		// The rule's amounts are in its own currency.
		rfw := *fw
		rfw.Currency = r.Currency
		fw = &rfw
	}
	for j, c := range r.When.Currencies {
		if !c.Valid() {
			p.Add(at("when", "currencies", j), "must be a known ISO 4217 code", string(c))
		}
	}
	if _, ok := groups[r.Group]; !ok && !quote {
		if r.Group == "" {
			p.Add(at("group"), "required: the stacking group the rule belongs to", "")
		} else {
			p.Add(at("group"), "must name a group", string(r.Group))
		}
	}
	if r.Approval != "" && !levels[r.Approval] {
		p.Add(at("approval"), "must name an approval level", string(r.Approval))
	}
	for j, x := range r.Excludes {
		if _, ok := ids[x]; !ok {
			p.Add(at("excludes", j), "must name a rule", string(x))
		} else if x == r.ID {
			p.Add(at("excludes", j), "a rule cannot exclude itself", string(x))
		}
	}
	for j, g := range r.ExcludesGroups {
		if _, ok := groups[g]; !ok {
			p.Add(at("excludes_groups", j), "must name a group", string(g))
		}
	}
	w := &r.When
	ladder := fw.Program.Tiers
	for j, t := range w.Tiers {
		if !ladder.Contains(t) {
			p.Add(at("when", "tiers", j), unknownTier(ladder), string(t))
		}
	}
	if w.TierAtLeast != "" && !ladder.Contains(w.TierAtLeast) {
		p.Add(at("when", "tier_at_least"), unknownTier(ladder), string(w.TierAtLeast))
	}
	for j, t := range w.PartnerTypes {
		if !fw.Program.ValidPartnerType(t) {
			p.Add(at("when", "partner_types", j), "unknown partner type (declare it in program.partner_types)", string(t))
		}
	}
	for j, m := range w.Motions {
		if !fw.Program.ValidMotion(m) {
			p.Add(at("when", "motions", j), "unknown motion (declare it in program.motions)", string(m))
		}
	}
	for j, s := range w.SKUs {
		if !skus[s] {
			p.Add(at("when", "skus", j), "no price book holds this SKU", string(s))
		}
	}
	for j, f := range w.Families {
		if !families[f] {
			p.Add(at("when", "families", j), "no price book or family tree holds this family", string(f))
		}
		if j > 0 && tree.depth != nil && tree.depthOf(f) != tree.depthOf(w.Families[0]) {
			p.Addf(at("when", "families", j), string(f), "the families of a rule must be at one depth of the family tree (%q is at depth %d, %q at %d): split the rule",
				f, tree.depthOf(f), w.Families[0], tree.depthOf(w.Families[0]))
		}
	}
	checkQty := func(f string, d *partnerops.Decimal) bool {
		if d == nil {
			return true
		}
		if !checkDecimal(p, at("when", f), *d) {
			return false
		}
		if _, ok := toMicro(fence.Dec(*d)); !ok || d.Sign() < 0 {
			p.Add(at("when", f), "must be a non-negative quantity "+quantityLimits, d.String())
			return false
		}
		return true
	}
	if checkQty("min_quantity", w.MinQuantity) && checkQty("max_quantity", w.MaxQuantity) &&
		w.MinQuantity != nil && w.MaxQuantity != nil && w.MinQuantity.Cmp(*w.MaxQuantity) >= 0 {
		p.Add(at("when", "max_quantity"), "must be above min_quantity", w.MaxQuantity.String())
	}
	checkRange := func(lo, hi *partnerops.Money, fl, fh string) {
		okLo := lo == nil || checkFrameworkMoney(p, fw, at("when", fl), *lo)
		okHi := hi == nil || checkFrameworkMoney(p, fw, at("when", fh), *hi)
		if lo != nil && hi != nil && okLo && okHi && lo.Amount().Cmp(hi.Amount()) >= 0 {
			p.Add(at("when", fh), "must be above "+fl, hi.Amount().String())
		}
	}
	checkRange(w.MinLineValue, w.MaxLineValue, "min_line_value", "max_line_value")
	checkRange(w.MinDealValue, w.MaxDealValue, "min_deal_value", "max_deal_value")
	for j, s := range w.DealRegistration {
		if s == "" || !s.valid() {
			p.Add(at("when", "deal_registration", j), "must be none, registered or approved", string(s))
		}
	}
	for j, b := range w.Business {
		if !b.Valid() {
			p.Add(at("when", "business", j), "must be new, renewal or expansion", string(b))
		}
	}
	for j, rg := range w.Regions {
		if rg == "" {
			p.Add(at("when", "regions", j), "must not be empty", "")
		}
	}
	if !w.From.IsZero() && !w.Until.IsZero() && !w.From.Before(w.Until) {
		p.Add(at("when", "until"), "must be after from", w.Until.Format(time.RFC3339))
	}
	for j := range w.Lines {
		validateLines(p, fw, &w.Lines[j], skus, families, func(parts ...any) string {
			return at(append([]any{"when", "lines", j}, parts...)...)
		})
	}
	for j := range w.AttributeConditions {
		validateAttribute(p, &w.AttributeConditions[j], func(parts ...any) string {
			return at(append([]any{"when", "attribute_conditions", elemKey(w.AttributeConditions[j].Name, j)}, parts...)...)
		})
	}
	for j, b := range w.Books {
		if !books[b] {
			p.Add(at("when", "books", j), "must name a price book", string(b))
		}
	}
	for j, u := range w.Units {
		if u == "" {
			p.Add(at("when", "units", j), "must not be empty", "")
		}
	}
	if len(w.Attributes)+len(w.AttributeConditions) > maxListLen {
		p.Addf(at("when", "attributes"), "", "at most %d attributes and attribute conditions", maxListLen)
	}
	for _, k := range sortedKeys(w.Attributes) {
		if k == "" {
			p.Add(at("when", "attributes"), "attribute name must not be empty", "")
			continue
		}
		if len(w.Attributes[k]) == 0 {
			p.Add(at("when", "attributes", partnerops.Key(k)), "must list at least one value", "")
		}
	}
	if quote {
		w := &r.When
		for _, f := range []struct {
			name string
			set  bool
		}{{"skus", len(w.SKUs) > 0}, {"families", len(w.Families) > 0}, {"min_quantity", w.MinQuantity != nil},
			{"max_quantity", w.MaxQuantity != nil}, {"min_line_value", w.MinLineValue != nil}, {"max_line_value", w.MaxLineValue != nil},
			{"units", len(w.Units) > 0}} {
			if f.set {
				p.Addf(at("when", f.name), "", "a quote rule's conditions look at the quote; %s is a line's (name the lines the rule spreads over in its skus and families, or use when.lines)", f.name)
			}
		}
		return
	}
	validateEffect(p, fw, r, skus, at)
}

// validateAttribute checks an attribute condition: a name, a known test
// and the fields it needs (and no others).
func validateAttribute(p *partnerops.Problems, c *AttributeCondition, at func(...any) string) {
	if c.Name == "" {
		p.Add(at("name"), "must not be empty", "")
	}
	hasValues, hasRange := len(c.Values) > 0, c.Min != nil || c.Max != nil
	switch c.Op {
	case AttributeIn, AttributeNotIn:
		if !hasValues {
			p.Addf(at("values"), "", "required for the %s test", c.Op)
		}
		if hasRange {
			p.Addf(at(), "", "the %s test has values, not min or max", c.Op)
		}
	case AttributeSet, AttributeNotSet:
		if hasValues || hasRange {
			p.Addf(at(), "", "the %s test has no values, min or max", c.Op)
		}
	case AttributeRange:
		if !hasRange {
			p.Add(at(), "the range test needs min or max", "")
		}
		if hasValues {
			p.Add(at("values"), "the range test has min and max, not values", "")
		}
		okLo := c.Min == nil || checkDecimal(p, at("min"), *c.Min)
		okHi := c.Max == nil || checkDecimal(p, at("max"), *c.Max)
		if c.Min != nil && c.Max != nil && okLo && okHi && c.Min.Cmp(*c.Max) >= 0 {
			p.Add(at("max"), "must be above min", c.Max.String())
		}
	case "":
		p.Add(at("op"), "required: in, not_in, set, not_set or range", "")
	default:
		p.Add(at("op"), "must be in, not_in, set, not_set or range", string(c.Op))
	}
}

// validateLines checks a condition on the quote's lines: known SKUs and
// families, quantity and value ranges, at least one bound.
func validateLines(p *partnerops.Problems, fw *Framework, c *LinesCondition, skus map[SKU]bool, families map[Family]bool, at func(...any) string) {
	for j, s := range c.SKUs {
		if !skus[s] {
			p.Add(at("skus", j), "no price book holds this SKU", string(s))
		}
	}
	for j, f := range c.Families {
		if !families[f] {
			p.Add(at("families", j), "no price book or family tree holds this family", string(f))
		}
	}
	checkQty := func(f string, d *partnerops.Decimal) bool {
		if d == nil {
			return true
		}
		if !checkDecimal(p, at(f), *d) {
			return false
		}
		if _, ok := toMicro(fence.Dec(*d)); !ok || d.Sign() < 0 {
			p.Add(at(f), "must be a non-negative quantity "+quantityLimits, d.String())
			return false
		}
		return true
	}
	if checkQty("min_quantity", c.MinQuantity) && checkQty("max_quantity", c.MaxQuantity) &&
		c.MinQuantity != nil && c.MaxQuantity != nil && c.MinQuantity.Cmp(*c.MaxQuantity) >= 0 {
		p.Add(at("max_quantity"), "must be above min_quantity", c.MaxQuantity.String())
	}
	okLo := c.MinValue == nil || checkFrameworkMoney(p, fw, at("min_value"), *c.MinValue)
	okHi := c.MaxValue == nil || checkFrameworkMoney(p, fw, at("max_value"), *c.MaxValue)
	if c.MinValue != nil && c.MaxValue != nil && okLo && okHi && c.MinValue.Amount().Cmp(c.MaxValue.Amount()) >= 0 {
		p.Add(at("max_value"), "must be above min_value", c.MaxValue.Amount().String())
	}
	if c.MinQuantity == nil && c.MaxQuantity == nil && c.MinValue == nil && c.MaxValue == nil {
		p.Add(at(), "set a quantity or value bound (min_quantity, max_quantity, min_value, max_value)", "")
	}
}

// checkFrameworkMoney checks an amount of a rule: the framework must fix
// the currency, and the amount must be in it (or bare).
func checkFrameworkMoney(p *partnerops.Problems, fw *Framework, path string, m partnerops.Money) bool {
	return checkFrameworkAmount(p, fw, path, m, true)
}

// checkFrameworkAmount is checkFrameworkMoney for amounts that may be
// negative unless nonNegative.
func checkFrameworkAmount(p *partnerops.Problems, fw *Framework, path string, m partnerops.Money, nonNegative bool) bool {
	if fw.Currency == "" {
		p.Add(path, "an amount needs a currency: set the framework's currency (or, in a framework of several currencies, the rule's)", m.Amount().String())
		return false
	}
	return checkMoney(p, path, m, fw.Currency, nonNegative)
}

// effectField says which field an effect kind needs.
func effectField(k EffectKind) string {
	switch k {
	case EffectPercentOffList, EffectPercentOffRunning, EffectTargetMargin, EffectMarkup:
		return "percent"
	case EffectAmountOff, EffectFixedPrice, EffectSurcharge:
		return "amount"
	case EffectSchedule:
		return "schedule"
	case EffectFreeGoods:
		return "free"
	case EffectFormula:
		return "formula"
	}
	return ""
}

func validateEffect(p *partnerops.Problems, fw *Framework, r *Rule, skus map[SKU]bool, at func(...any) string) {
	e := &r.Effect
	need := effectField(e.Kind)
	if need == "" {
		if e.Kind == "" {
			p.Add(at("effect", "kind"), "required: one of "+effectKindList, "")
		} else {
			p.Add(at("effect", "kind"), "unknown effect kind; must be one of "+effectKindList, string(e.Kind))
		}
		return
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"percent", e.Percent != nil}, {"amount", e.Amount != nil}, {"schedule", e.Schedule != nil}, {"free", e.Free != nil}, {"formula", e.Formula != nil}} {
		switch {
		case f.name == need && !f.set:
			p.Addf(at("effect", f.name), "", "required for a %s effect", e.Kind)
		case f.name != need && f.set:
			p.Addf(at("effect", f.name), "", "a %s effect has no %s (it uses %s)", e.Kind, f.name, need)
		}
	}
	switch {
	case !e.Base.valid():
		p.Add(at("effect", "base"), "must be running, list or cost", string(e.Base))
	case e.Base != "" && e.Kind != EffectFormula:
		p.Addf(at("effect", "base"), string(e.Base), "a %s effect has no base (only a formula has)", e.Kind)
	}
	if r.LowerOnly {
		hasPrice := e.Kind == EffectFixedPrice || e.Kind == EffectFormula
		if e.Schedule != nil {
			for _, t := range e.Schedule.Tiers {
				hasPrice = hasPrice || t.Price != nil
			}
		}
		switch {
		case !hasPrice:
			p.Addf(at("lower_only"), "", "only a price (fixed price, schedule tier price, block) can be lower-only; a %s effect never raises the price unless allow_increase is set", e.Kind)
		case r.AllowIncrease:
			p.Add(at("lower_only"), "set lower_only or allow_increase, not both", "")
		}
	}
	lo := zeroPct
	if r.AllowIncrease {
		lo = hundredPct.Neg()
	}
	switch e.Kind {
	case EffectPercentOffList, EffectPercentOffRunning:
		if e.Percent != nil {
			checkPercent(p, at("effect", "percent"), *e.Percent, lo, hundredPct)
		}
	case EffectTargetMargin:
		if e.Percent != nil {
			checkPercent(p, at("effect", "percent"), *e.Percent, zeroPct, hundredPct)
		}
	case EffectMarkup:
		if e.Percent != nil {
			checkPercent(p, at("effect", "percent"), *e.Percent, zeroPct, maxMarkup)
		}
	case EffectAmountOff, EffectFixedPrice, EffectSurcharge:
		if e.Amount != nil {
			checkFrameworkMoney(p, fw, at("effect", "amount"), *e.Amount)
		}
	case EffectSchedule:
		if e.Schedule != nil {
			validateSchedule(p, fw, e.Schedule, func(parts ...any) string { return at(append([]any{"effect", "schedule"}, parts...)...) })
		}
	case EffectFormula:
		if f := e.Formula; f != nil {
			validateFormula(p, f, func(f string) string { return at("effect", "formula", f) }, func(path string, m partnerops.Money, nonNeg bool) bool {
				return checkFrameworkAmount(p, fw, path, m, nonNeg)
			})
		}
	case EffectFreeGoods:
		if e.Free != nil {
			validateFree(p, fw, r, skus, func(parts ...any) string { return at(append([]any{"effect", "free"}, parts...)...) })
		}
	}
}

// validateFree checks a free-goods effect: positive quantities, a known
// SKU, a rounding mode and places, a price in the framework's currency.
func validateFree(p *partnerops.Problems, fw *Framework, r *Rule, skus map[SKU]bool, at func(...any) string) {
	f := r.Effect.Free
	for _, q := range []struct {
		name string
		d    partnerops.Decimal
	}{{"buy", f.Buy}, {"get", f.Get}} {
		if !checkDecimal(p, at(q.name), q.d) {
			continue
		}
		if m, ok := toMicro(fence.Dec(q.d)); !ok || m <= 0 {
			p.Add(at(q.name), "must be a positive quantity "+quantityLimits, q.d.String())
		}
	}
	if f.SKU != "" && !skus[f.SKU] {
		p.Add(at("sku"), "no price book holds this SKU", string(f.SKU))
	}
	if f.Rounding != nil && !f.Rounding.Valid() {
		p.Add(at("rounding"), "unknown rounding mode", f.Rounding.String())
	}
	if f.Places < 0 || f.Places > 6 {
		p.Addf(at("places"), decimalInt(int64(f.Places)), "must be between 0 and 6")
	}
	if f.Price != nil {
		checkFrameworkMoney(p, fw, at("price"), *f.Price)
	}
	if r.AllowIncrease {
		p.Add(partnerops.Path("rules", partnerops.Key(r.ID), "allow_increase"), "a free_goods effect never changes the line's price", "")
	}
}

const effectKindList = "percent_off_list, percent_off_running, amount_off, fixed_price, target_margin, markup, surcharge, schedule, formula or free_goods"

func validateSchedule(p *partnerops.Problems, fw *Framework, s *Schedule, at func(...any) string) {
	if !s.Kind.valid() {
		p.Add(at("kind"), "must be range, slab or block", string(s.Kind))
	}
	switch {
	case !s.Scope.valid():
		p.Add(at("scope"), "must be line, sku, family or rule", string(s.Scope))
	case s.Kind == ScheduleBlock && ((s.Scope != "" && s.Scope != ScopeLine) || s.Prior):
		p.Add(at("scope"), "a block prices one line: its tier comes from the line's own quantity (no scope, no prior)", string(s.Scope))
	case s.Attribute != "" && ((s.Scope != "" && s.Scope != ScopeLine) || s.Prior):
		p.Add(at("attribute"), "a quantity from a line attribute measures that line only (no scope, no prior)", s.Attribute)
	case s.Attribute != "" && s.Kind == ScheduleSlab:
		p.Add(at("attribute"), "a slab prices the line's own units; take the quantity from an attribute in a range or block schedule", s.Attribute)
	}
	if len(s.Tiers) == 0 {
		p.Add(at("tiers"), "must have at least one tier", "")
	}
	if len(s.Tiers) > maxListLen {
		p.Addf(at("tiers"), "", "at most %d tiers", maxListLen)
		return
	}
	prevOK := false
	for j, t := range s.Tiers {
		ok := checkDecimal(p, at("tiers", j, "from"), t.From)
		if ok {
			if _, fits := toMicro(fence.Dec(t.From)); !fits || t.From.Sign() < 0 {
				p.Add(at("tiers", j, "from"), "must be a non-negative quantity "+quantityLimits, t.From.String())
				ok = false
			}
		}
		toOK := true
		if t.To != nil {
			toOK = checkDecimal(p, at("tiers", j, "to"), *t.To)
			if toOK {
				if _, fits := toMicro(fence.Dec(*t.To)); !fits || (ok && t.To.Cmp(t.From) <= 0) {
					p.Add(at("tiers", j, "to"), "must be above from, a quantity "+quantityLimits, t.To.String())
					toOK = false
				}
			}
		}
		if j > 0 && ok && prevOK {
			prev := s.Tiers[j-1]
			if prev.To == nil || prev.To.Cmp(t.From) > 0 {
				p.Add(at("tiers", j, "from"), "tiers must be ascending and must not overlap", t.From.String())
			}
		}
		prevOK = ok && toOK
		set := b2i(t.Price != nil) + b2i(t.Percent != nil) + b2i(t.AmountOff != nil)
		switch {
		case s.Kind == ScheduleBlock && t.Price == nil:
			p.Add(at("tiers", j, "price"), "required for a block tier", "")
		case s.Kind == ScheduleBlock && t.Percent != nil:
			p.Add(at("tiers", j, "percent"), "a block tier has a price, not a percent", "")
		case s.Kind == ScheduleBlock && t.AmountOff != nil:
			p.Add(at("tiers", j, "amount_off"), "a block tier has a price, not an amount off", "")
		case set > 1:
			p.Add(at("tiers", j), "set one of percent, price and amount_off", "")
		case set == 0:
			p.Add(at("tiers", j), "set percent, price or amount_off", "")
		}
		if t.Price != nil {
			checkFrameworkMoney(p, fw, at("tiers", j, "price"), *t.Price)
		}
		if t.AmountOff != nil {
			checkFrameworkMoney(p, fw, at("tiers", j, "amount_off"), *t.AmountOff)
		}
		if t.Percent != nil {
			checkPercent(p, at("tiers", j, "percent"), *t.Percent, zeroPct, hundredPct)
		}
	}
}
