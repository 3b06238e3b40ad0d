package payout

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
)

// Engine is a compiled [Plan]. It is immutable and safe for concurrent
// use; [Engine.Statement] evaluates one payee's period.
type Engine struct {
	id       PlanID
	name     string
	currency partnerops.Currency
	places   int32
	mode     partnerops.RoundingMode
	calendar partnerops.Calendar
	period   partnerops.PeriodUnit
	target   int64 // scale 6; hasTarget says whether the plan gives one
	hasTgt   bool
	custom   map[Measure]MeasureUnit
	comps    []*cComp
	cap      *cCap
	floor    int64
	draw     int64
	warnings partnerops.Warnings
}

// cComp is a compiled component.
type cComp struct {
	id       ComponentID
	name     string
	kind     ComponentKind
	measure  Measure
	unit     MeasureUnit
	filter   cFilter
	eval     Evaluation
	table    *cTable
	curve    *cCurve
	quota    int64
	hasQuota bool
	weight   partnerops.Percent // 100 when not given
	amount   int64
	metric   RetentionMetric
	ramp     *Ramp
	cap      *cCap
	txCap    *cCap
	gate     *cGate
	claw     *ClawbackPolicy
}

type cFilter struct {
	business    []partnerops.BusinessType
	families    []string
	skus        []string
	attribution []partnerops.Attribution
	motions     []partnerops.Motion
	newLogo     bool
}

func (f *cFilter) match(t *Transaction) bool {
	if f.newLogo && !t.NewLogo {
		return false
	}
	if len(f.business) > 0 && !slices.Contains(f.business, t.Business) {
		return false
	}
	if len(f.families) > 0 && !slices.Contains(f.families, t.Family) {
		return false
	}
	if len(f.skus) > 0 && !slices.Contains(f.skus, t.SKU) {
		return false
	}
	if len(f.attribution) > 0 && !slices.Contains(f.attribution, t.Attribution) {
		return false
	}
	if len(f.motions) > 0 && !slices.Contains(f.motions, t.Motion) {
		return false
	}
	return true
}

type cCap struct {
	amount   int64 // scale 6, when multiple is zero
	multiple partnerops.Decimal
	isMult   bool
	planAmt  int64 // the multiple applied to the plan's own target
	planOK   bool
}

type cGate struct {
	window  partnerops.PeriodUnit
	measure Measure
	unit    MeasureUnit
	atLeast int64 // percent at scale 6
	pct     partnerops.Percent
	quota   int64
	hasQ    bool
	tiers   bool // gates only the gated tiers
}

// tierValue says what a table's tiers hold.
type tierValue uint8

const (
	valueRate tierValue = iota + 1
	valuePerUnit
	valueAmount
)

// cTable is a compiled rate table; bounds in attainment are resolved
// against a quota per request (see resolve).
type cTable struct {
	mode   TierMode
	basis  TierBasis
	value  tierValue
	from   []int64 // scale 6: measure units, or percent of quota
	to     int64   // interpolated: end of the last tier
	mult   []int64 // scale 10
	amount []int64 // scale 6
	retro  []bool
	gated  []bool
	ids    []string
	rates  []partnerops.Percent // for lines: the tier's rate (or per-unit amount as a decimal)
	perU   []partnerops.Decimal
}

type cCurve struct {
	x, y   []int64 // percent at scale 6
	extend bool
}

// Compile validates a plan and returns its [Engine]. It reports every
// problem at once as [*partnerops.ValidationError] values joined, with
// paths naming components and tiers by ID: components[base].table.tiers[2].rate.
// Valid but suspicious definitions come back from [Engine.Warnings].
func Compile(p Plan) (*Engine, error) {
	var probs partnerops.Problems
	e := &Engine{id: p.ID, name: p.Name, currency: p.Currency, mode: p.Rounding, calendar: p.Calendar, period: p.Period}
	if p.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	if !p.Currency.Valid() {
		probs.Add("currency", "must be a known ISO 4217 code", string(p.Currency))
		e.currency = partnerops.USD // keep checking amounts
	}
	e.places = e.currency.MinorUnits()
	probs.Merge("calendar", p.Calendar.Validate())
	switch p.Period {
	case partnerops.UnitMonth, partnerops.UnitQuarter, partnerops.UnitHalf, partnerops.UnitYear:
	default:
		probs.Add("period", "must be month, quarter, half or year", string(p.Period))
	}
	if !p.Rounding.Valid() {
		probs.Add("rounding", "must be a known rounding mode", p.Rounding.String())
	}
	if !p.TargetIncentive.IsZero() {
		e.target = moneyField(&probs, "target_incentive", p.TargetIncentive, e.currency, true)
		e.hasTgt = true
	}
	e.custom = map[Measure]MeasureUnit{}
	for i, m := range p.Measures {
		k := measureKey(m.ID, i)
		switch {
		case m.ID == "":
			probs.Add(partnerops.Path("measures", k, "id"), "must not be empty", "")
		case builtinUnit(m.ID) != "":
			probs.Add(partnerops.Path("measures", k, "id"), "is a built-in measure", string(m.ID))
		case e.custom[m.ID] != "":
			probs.Add(partnerops.Path("measures", k, "id"), "duplicate measure", string(m.ID))
		}
		if m.Unit != UnitMoney && m.Unit != UnitQuantity {
			probs.Add(partnerops.Path("measures", k, "unit"), "must be money or quantity", string(m.Unit))
			m.Unit = UnitMoney
		}
		if m.ID != "" {
			e.custom[m.ID] = m.Unit
		}
	}
	if len(p.Components) == 0 {
		probs.Add("components", "must have at least one component", "")
	}
	seen := map[ComponentID]bool{}
	for i, c := range p.Components {
		prefix := partnerops.Path("components", compKey(c.ID, i))
		if c.ID == "" {
			probs.Add(partnerops.JoinPath(prefix, "id"), "must not be empty", "")
		} else if seen[c.ID] {
			probs.Add(partnerops.JoinPath(prefix, "id"), "duplicate component", string(c.ID))
		}
		seen[c.ID] = true
		e.comps = append(e.comps, e.compileComponent(c, prefix, &probs))
	}
	e.cap = e.compileCap(p.Cap, "cap", &probs)
	e.cacheCap(e.cap, partnerops.PercentFromInt(100))
	if !p.Floor.IsZero() {
		e.floor = moneyField(&probs, "floor", p.Floor, e.currency, true)
	}
	if !p.Draw.IsZero() {
		e.draw = moneyField(&probs, "draw", p.Draw, e.currency, true)
	}
	if e.floor > 0 && e.draw > 0 && e.draw <= e.floor {
		e.warnings.Add("draw", "a recoverable draw at or below the floor never pays: the floor already guarantees more", amountDec(e.draw, e.places).String())
	}
	if err := probs.Err(); err != nil {
		return nil, fmt.Errorf("payout: compiling plan %q: %w", p.ID, err)
	}
	return e, nil
}

func compKey(id ComponentID, i int) any {
	if id != "" {
		return partnerops.Key(id)
	}
	return i
}

func measureKey(id Measure, i int) any {
	if id != "" {
		return partnerops.Key(id)
	}
	return i
}

func builtinUnit(m Measure) MeasureUnit {
	switch m {
	case MeasureRevenue, MeasureACV, MeasureTCV, MeasureGrossMargin:
		return UnitMoney
	case MeasureUnits:
		return UnitQuantity
	}
	return ""
}

func (e *Engine) measureUnit(m Measure) MeasureUnit {
	if u := builtinUnit(m); u != "" {
		return u
	}
	return e.custom[m]
}

// fields a component kind may carry, besides id, name and kind.
var kindFields = map[ComponentKind][]string{
	KindCommission:    {"measure", "when", "evaluation", "table", "quota", "weight", "cap", "transaction_cap", "gate", "clawback"},
	KindEarningsTable: {"measure", "when", "evaluation", "curve", "quota", "weight", "cap", "gate", "clawback"},
	KindBonus:         {"when", "amount", "weight", "cap", "clawback"},
	KindRetention:     {"metric", "table", "curve", "weight", "cap"},
	KindRamp:          {"measure", "when", "ramp", "weight", "cap", "clawback"},
}

// setFields lists the optional fields a component sets.
func setFields(c Component) []string {
	var out []string
	add := func(name string, set bool) {
		if set {
			out = append(out, name)
		}
	}
	add("measure", c.Measure != "")
	add("when", !c.When.IsZero())
	add("evaluation", c.Evaluation != "")
	add("table", c.Table != nil)
	add("curve", c.Curve != nil)
	add("quota", !c.Quota.IsZero())
	add("weight", !c.Weight.IsZero())
	add("amount", !c.Amount.IsZero())
	add("metric", c.Metric != "")
	add("ramp", c.Ramp != nil)
	add("cap", c.Cap != nil)
	add("transaction_cap", c.TransactionCap != nil)
	add("gate", c.Gate != nil)
	add("clawback", c.Clawback != nil)
	return out
}

func (e *Engine) compileComponent(c Component, prefix string, probs *partnerops.Problems) *cComp {
	path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
	cc := &cComp{id: c.ID, name: c.Name, kind: c.Kind, measure: c.Measure, eval: c.Evaluation, metric: c.Metric,
		weight: partnerops.PercentFromInt(100), claw: c.Clawback}
	allowed, ok := kindFields[c.Kind]
	if !ok {
		probs.Add(path("kind"), "must be commission, earnings_table, bonus, retention or ramp", string(c.Kind))
		return cc
	}
	for _, f := range setFields(c) {
		if !slices.Contains(allowed, f) {
			probs.Addf(path(f), "", "is not used by a %s component", c.Kind)
		}
	}
	if cc.measure == "" {
		cc.measure = MeasureRevenue
	}
	cc.unit = e.measureUnit(cc.measure)
	if cc.unit == "" {
		probs.Add(path("measure"), "must be a built-in measure or one the plan declares", string(c.Measure))
		cc.unit = UnitMoney
	}
	switch cc.eval {
	case "":
		cc.eval = Cumulative
	case Cumulative, PerTransaction:
	default:
		probs.Add(path("evaluation"), "must be cumulative or per_transaction", string(c.Evaluation))
	}
	cc.filter = cFilter{business: c.When.Business, families: c.When.Families, skus: c.When.SKUs,
		attribution: c.When.Attribution, motions: c.When.Motions, newLogo: c.When.NewLogo}
	for i, b := range c.When.Business {
		if !b.Valid() {
			probs.Add(path("when", "business", i), "must be new, renewal or expansion", string(b))
		}
	}
	for i, a := range c.When.Attribution {
		if !a.Valid() {
			probs.Add(path("when", "attribution", i), "must be sourced or influenced", string(a))
		}
	}
	if !c.Quota.IsZero() {
		q, ok := amountOf(c.Quota)
		if !ok || q <= 0 {
			probs.Add(path("quota"), "must be positive with at most 6 decimals", c.Quota.String())
		}
		cc.quota, cc.hasQuota = q, true
	}
	if !c.Weight.IsZero() {
		if c.Weight.IsNegative() || c.Weight.Cmp(partnerops.PercentFromInt(1000)) > 0 {
			probs.Add(path("weight"), "must be from 0 to 1000", c.Weight.String())
		}
		cc.weight = c.Weight
		warnSmallPercent(&e.warnings, path("weight"), c.Weight)
	}
	cc.cap = e.compileCap(c.Cap, path("cap"), probs)
	cc.txCap = e.compileCap(c.TransactionCap, path("transaction_cap"), probs)
	e.cacheCap(cc.cap, cc.weight)
	e.cacheCap(cc.txCap, cc.weight)
	if cc.txCap != nil && cc.eval == Cumulative && c.Kind == KindCommission {
		e.warnings.Add(path("transaction_cap"), "a transaction cap under cumulative evaluation makes the period total depend on the order of transactions (by date, then ID)", "")
	}
	if cl := c.Clawback; cl != nil && (cl.Months < 1 || cl.Months > 1200) {
		probs.Add(path("clawback", "months"), "must be from 1 to 1200", fmt.Sprint(cl.Months))
	}
	switch c.Kind {
	case KindCommission:
		if c.Table == nil {
			probs.Add(path("table"), "a commission needs a rate table", "")
			break
		}
		cc.table = e.compileTable(*c.Table, cc.unit, c.Gate != nil, path("table"), probs)
	case KindEarningsTable:
		if c.Curve == nil {
			probs.Add(path("curve"), "an earnings table needs a curve", "")
		} else {
			cc.curve = compileCurve(*c.Curve, path("curve"), probs, &e.warnings)
		}
		if c.Evaluation == PerTransaction {
			probs.Add(path("evaluation"), "an earnings table is evaluated cumulatively (attainment of the period)", string(c.Evaluation))
		}
	case KindBonus:
		if c.Amount.IsZero() {
			probs.Add(path("amount"), "a bonus needs a positive amount", "")
		} else {
			cc.amount = moneyField(probs, path("amount"), c.Amount, e.currency, true)
		}
	case KindRetention:
		switch c.Metric {
		case NRR, GRR:
		default:
			probs.Add(path("metric"), "must be nrr or grr", string(c.Metric))
		}
		switch {
		case (c.Table == nil) == (c.Curve == nil):
			probs.Add(partnerops.JoinPath(prefix, ""), "a retention component needs a table or a curve (one of them)", "")
		case c.Table != nil:
			if c.Table.Basis != "" && c.Table.Basis != BasisAttainment {
				probs.Add(path("table", "basis"), "a retention table's bounds are retention percents: leave basis out or give attainment", string(c.Table.Basis))
			}
			t := *c.Table
			t.Basis = BasisAttainment
			cc.table = e.compileTable(t, UnitMoney, false, path("table"), probs)
		default:
			cc.curve = compileCurve(*c.Curve, path("curve"), probs, &e.warnings)
		}
		cc.eval = Cumulative
	case KindRamp:
		if c.Ramp == nil {
			probs.Add(path("ramp"), "a ramp component needs a ramp schedule", "")
			break
		}
		cc.ramp = compileRamp(*c.Ramp, e.currency, path("ramp"), probs)
		e.warnings = append(e.warnings, cc.ramp.warnings...)
		if cc.unit != UnitMoney && cc.ramp.hasAmount {
			probs.Add(path("ramp", "until_amount"), "a ramp on a quantity measure counts deals, not amounts", "")
		}
	}
	if g := c.Gate; g != nil && c.Kind != KindBonus {
		cc.gate = e.compileGate(*g, cc, c, path("gate"), probs)
	}
	return cc
}

func (e *Engine) compileGate(g Gate, cc *cComp, c Component, prefix string, probs *partnerops.Problems) *cGate {
	path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
	cg := &cGate{window: g.Window, measure: g.Measure, pct: g.AtLeast}
	if cg.measure == "" {
		cg.measure = cc.measure
	}
	cg.unit = e.measureUnit(cg.measure)
	if cg.unit == "" {
		probs.Add(path("measure"), "must be a built-in measure or one the plan declares", string(g.Measure))
	}
	if rank(g.Window) == 0 {
		probs.Add(path("window"), "must be quarter, half or year", string(g.Window))
	} else if rank(e.period) > 0 && rank(g.Window) <= rank(e.period) {
		probs.Addf(path("window"), string(g.Window), "must be longer than the plan period (%s)", e.period)
	}
	a, ok := amountOf(g.AtLeast.Decimal())
	if !ok || a <= 0 {
		probs.Add(path("at_least"), "must be a positive percent with at most 6 decimals", g.AtLeast.String())
	}
	cg.atLeast = a
	warnSmallPercent(&e.warnings, path("at_least"), g.AtLeast)
	if !g.Quota.IsZero() {
		q, ok := amountOf(g.Quota)
		if !ok || q <= 0 {
			probs.Add(path("quota"), "must be positive with at most 6 decimals", g.Quota.String())
		}
		cg.quota, cg.hasQ = q, true
	}
	if cc.table != nil {
		cg.tiers = slices.Contains(cc.table.gated, true)
	}
	return cg
}

// rank orders the period units a gate window may use.
func rank(u partnerops.PeriodUnit) int {
	switch u {
	case partnerops.UnitMonth:
		return 1
	case partnerops.UnitQuarter:
		return 2
	case partnerops.UnitHalf:
		return 3
	case partnerops.UnitYear:
		return 4
	}
	return 0
}

func (e *Engine) compileCap(c *Cap, path string, probs *partnerops.Problems) *cCap {
	if c == nil {
		return nil
	}
	hasA, hasM := !c.Amount.IsZero(), !c.MultipleOfTarget.IsZero()
	if hasA == hasM {
		probs.Add(path, "a cap needs an amount or a multiple_of_target (one of them)", "")
		return nil
	}
	if hasA {
		return &cCap{amount: moneyField(probs, partnerops.JoinPath(path, "amount"), c.Amount, e.currency, true)}
	}
	if c.MultipleOfTarget.IsNegative() || c.MultipleOfTarget.Validate() != nil {
		probs.Add(partnerops.JoinPath(path, "multiple_of_target"), "must be a positive decimal", c.MultipleOfTarget.String())
	}
	return &cCap{multiple: c.MultipleOfTarget, isMult: true}
}

// cacheCap computes a multiple-of-target cap for the plan's own target
// once, so statements that keep it do not redo the decimal arithmetic.
func (e *Engine) cacheCap(c *cCap, weight partnerops.Percent) {
	if c == nil || !c.isMult || !e.hasTgt || c.multiple.IsNegative() {
		return
	}
	if v, err := multipleOf(c, e.target, weight, e.places, e.mode); err == nil {
		c.planAmt, c.planOK = v, true
	}
}

func (e *Engine) compileTable(t RateTable, unit MeasureUnit, hasGate bool, prefix string, probs *partnerops.Problems) *cTable {
	path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
	ct := &cTable{mode: t.Mode, basis: t.Basis}
	switch t.Mode {
	case TierFlat, TierMarginal, TierInterpolated:
	default:
		probs.Add(path("mode"), "must be flat, marginal or interpolated", string(t.Mode))
	}
	switch t.Basis {
	case "":
		ct.basis = BasisAmount
	case BasisAmount, BasisAttainment:
	default:
		probs.Add(path("basis"), "must be amount or attainment", string(t.Basis))
	}
	if len(t.Tiers) == 0 {
		probs.Add(path("tiers"), "must have at least one tier", "")
		return ct
	}
	for i, tr := range t.Tiers {
		key := any(i)
		if tr.ID != "" {
			key = partnerops.Key(tr.ID)
		}
		p := func(f string) string { return path("tiers", key, f) }
		from, ok := amountOf(tr.From)
		if !ok || from < 0 {
			probs.Add(p("from"), "must be a non-negative decimal with at most 6 decimals", tr.From.String())
		}
		if i > 0 && from <= ct.from[i-1] {
			probs.Add(p("from"), "must be above the previous tier's from", tr.From.String())
		}
		ct.from = append(ct.from, from)
		var v tierValue
		n := 0
		if !tr.Rate.IsZero() {
			v, n = valueRate, n+1
		}
		if !tr.PerUnit.IsZero() {
			v, n = valuePerUnit, n+1
		}
		if !tr.Amount.IsZero() {
			v, n = valueAmount, n+1
		}
		if n > 1 {
			probs.Add(path("tiers", key), "give one of rate, per_unit or amount", "")
		}
		if n == 0 {
			// A zero rate: the tier pays nothing. Read it as the
			// table's value kind.
			v = ct.value
			if v == 0 {
				v = defaultValue(t.Mode, unit)
			}
		}
		if i == 0 || ct.value == 0 {
			ct.value = v
		} else if v != ct.value {
			probs.Add(path("tiers", key), "every tier of a table gives the same one of rate, per_unit or amount", "")
		}
		var mult, amt int64
		rate := tr.Rate
		switch v {
		case valueRate:
			m, ok := multOfPercent(tr.Rate)
			if !ok || tr.Rate.IsNegative() {
				probs.Add(p("rate"), "must be a non-negative percent with at most 8 decimals", tr.Rate.String())
			}
			mult = m
			warnSmallPercent(&e.warnings, p("rate"), tr.Rate)
			if unit == UnitQuantity {
				probs.Add(p("rate"), "a quantity measure pays per_unit amounts, not a rate", tr.Rate.String())
			}
		case valuePerUnit:
			pu, err := tr.PerUnit.InCurrency(e.currency)
			m, ok := multOfAmount(pu.Amount())
			if err != nil || !ok || pu.IsNegative() {
				probs.Add(p("per_unit"), "must be a non-negative amount in the plan's currency with at most 10 decimals", tr.PerUnit.String())
			}
			mult = m
			if unit == UnitMoney {
				probs.Add(p("per_unit"), "a money measure pays a rate, not per_unit amounts", tr.PerUnit.String())
			}
		case valueAmount:
			amt = moneyField(probs, p("amount"), tr.Amount, e.currency, true)
			if t.Mode == TierMarginal {
				probs.Add(p("amount"), "a marginal table pays rates; use flat for amounts by band or interpolated to prorate them", tr.Amount.String())
			}
		}
		if t.Mode == TierInterpolated && v != valueAmount {
			probs.Add(path("tiers", key), "an interpolated tier gives the amount earned over its whole width", "")
		}
		ct.mult = append(ct.mult, mult)
		ct.amount = append(ct.amount, amt)
		ct.rates = append(ct.rates, rate)
		ct.perU = append(ct.perU, tr.PerUnit.Amount())
		ct.ids = append(ct.ids, tr.ID)
		ct.retro = append(ct.retro, tr.Retroactive || t.Mode == TierFlat)
		ct.gated = append(ct.gated, tr.Gated)
		if tr.Retroactive && t.Mode != TierMarginal {
			probs.Add(p("retroactive"), "only a marginal table marks retroactive tiers (a flat table is retroactive throughout)", "")
		}
		if tr.Gated && !hasGate {
			probs.Add(p("gated"), "a gated tier needs the component's gate", "")
		}
		last := i == len(t.Tiers)-1
		if !tr.To.IsZero() {
			switch {
			case t.Mode != TierInterpolated || !last:
				probs.Add(p("to"), "only the last tier of an interpolated table has an end", tr.To.String())
			default:
				to, ok := amountOf(tr.To)
				if !ok || to <= from {
					probs.Add(p("to"), "must be above the tier's from, with at most 6 decimals", tr.To.String())
				}
				ct.to = to
			}
		} else if t.Mode == TierInterpolated && last {
			probs.Add(p("to"), "the last tier of an interpolated table needs an end", "")
		}
	}
	e.warnTable(ct, prefix)
	return ct
}

func defaultValue(mode TierMode, unit MeasureUnit) tierValue {
	switch {
	case mode == TierInterpolated:
		return valueAmount
	case unit == UnitQuantity:
		return valuePerUnit
	}
	return valueRate
}

// warnTable warns about tables whose payout drops as the measure grows.
func (e *Engine) warnTable(ct *cTable, prefix string) {
	for i := 1; i < len(ct.from); i++ {
		key := any(i)
		if ct.ids[i] != "" {
			key = partnerops.Key(ct.ids[i])
		}
		switch {
		case ct.mode == TierFlat && ct.value != valueAmount && ct.mult[i] < ct.mult[i-1],
			ct.mode == TierFlat && ct.value == valueAmount && ct.amount[i] < ct.amount[i-1]:
			e.warnings.Add(partnerops.JoinPath(prefix, partnerops.Path("tiers", key)), "a flat tier paying less than the one below makes the payout drop when the measure crosses into it", "")
		case ct.mode == TierMarginal && ct.retro[i]:
			for j := 0; j < i; j++ {
				if ct.mult[j] > ct.mult[i] {
					e.warnings.Add(partnerops.JoinPath(prefix, partnerops.Path("tiers", key)), "a retroactive tier with a lower rate than a tier below it makes the payout drop when the measure reaches it", "")
					break
				}
			}
		}
	}
}

func compileCurve(c Curve, prefix string, probs *partnerops.Problems, ws *partnerops.Warnings) *cCurve {
	path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
	cc := &cCurve{extend: c.Extend}
	if len(c.Points) == 0 {
		probs.Add(path("points"), "must have at least one point", "")
	}
	for i, pt := range c.Points {
		x, okx := amountOf(pt.Attainment.Decimal())
		y, oky := amountOf(pt.Payout.Decimal())
		if !okx || x < 0 {
			probs.Add(path("points", i, "attainment"), "must be a non-negative percent with at most 6 decimals", pt.Attainment.String())
		}
		if !oky || y < 0 {
			probs.Add(path("points", i, "payout"), "must be a non-negative percent with at most 6 decimals", pt.Payout.String())
		}
		if i > 0 && x <= cc.x[i-1] {
			probs.Add(path("points", i, "attainment"), "must be above the previous point's", pt.Attainment.String())
		}
		if i > 0 && y < cc.y[i-1] {
			ws.Add(path("points", i, "payout"), "a point paying less than the one before makes the payout drop as attainment grows", pt.Payout.String())
		}
		cc.x = append(cc.x, x)
		cc.y = append(cc.y, y)
	}
	if c.Extend && len(c.Points) < 2 {
		probs.Add(path("extend"), "extending a curve needs two points to give its slope", "")
	}
	return cc
}

// moneyField checks an amount of a definition: placed in cur, within
// range, exact in cur's minor units and, when nonNeg, not negative. It
// returns the amount at scale 6.
func moneyField(probs *partnerops.Problems, path string, m partnerops.Money, cur partnerops.Currency, nonNeg bool) int64 {
	mm, err := m.InCurrency(cur)
	if err != nil {
		probs.AddErr(path, err)
		return 0
	}
	v, ok := amountOf(mm.Amount())
	if !ok {
		probs.Add(path, "must be an amount below 1,000,000,000,000 with at most 6 decimals", mm.Amount().String())
		return 0
	}
	if v%int64(pow10u[amountScale-cur.MinorUnits()]) != 0 {
		probs.Addf(path, mm.Amount().String(), "must be exact in %s minor units (%d decimals)", cur, cur.MinorUnits())
	}
	if nonNeg && v < 0 {
		probs.Add(path, "must not be negative", mm.Amount().String())
	}
	return v
}

// warnSmallPercent warns about a percent strictly between 0 and 1, which
// was probably written as a fraction.
func warnSmallPercent(ws *partnerops.Warnings, path string, p partnerops.Percent) {
	if p.IsZero() || p.IsNegative() || p.Cmp(partnerops.PercentFromInt(1)) >= 0 {
		return
	}
	ws.Add(path, fmt.Sprintf("a percent between 0 and 1 is read in percent units (%s); write %s for a fraction of %s", p, partnerops.PercentFromFraction(p.Decimal()), p.Decimal()), p.String())
}

// Warnings returns what looked suspicious in the plan, in definition
// order.
func (e *Engine) Warnings() []partnerops.Warning {
	return append([]partnerops.Warning(nil), e.warnings...)
}

// ID returns the plan's ID.
func (e *Engine) ID() PlanID { return e.id }

// Currency returns the plan's currency.
func (e *Engine) Currency() partnerops.Currency { return e.currency }

// Period returns the plan period containing t, from the plan's fiscal
// calendar, in t's location.
func (e *Engine) Period(t time.Time) partnerops.Period {
	p, _ := e.calendar.Of(e.period, t)
	return p
}
