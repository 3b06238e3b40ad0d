package payout

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// RebateKind says what a rebate's tiers measure.
type RebateKind string

// Rebate kinds.
const (
	// RebateVolume: tiers on the period's eligible purchases, in the
	// program's currency.
	RebateVolume RebateKind = "volume"
	// RebateGrowth: tiers on growth over the same period a year earlier,
	// in percent ("10" is 10% growth). A flat table pays its rate on the
	// whole period total once growth reaches a tier; a marginal table
	// pays each tier's rate on the purchases between the tiers' growth
	// bounds (so a first tier from "0" pays only on what exceeds last
	// year).
	RebateGrowth RebateKind = "growth"
)

// RebateProgram is a volume or growth rebate: accrued per period on a
// partner's eligible purchases and payable after the period closes. It is
// plain data; [CompileRebate] validates it.
type RebateProgram struct {
	ID       string                  `json:"id"`
	Name     string                  `json:"name,omitempty"`
	Kind     RebateKind              `json:"kind"`
	Currency partnerops.Currency     `json:"currency"`
	Calendar partnerops.Calendar     `json:"calendar,omitzero"`
	Period   partnerops.PeriodUnit   `json:"period"`
	Rounding partnerops.RoundingMode `json:"rounding,omitempty"`
	// Table's tiers give rates (flat or marginal); bounds are amounts
	// (volume) or growth percents (growth).
	Table RateTable `json:"table"`
	// Families and SKUs restrict eligible purchases (empty: all).
	Families []string `json:"families,omitempty"`
	SKUs     []string `json:"skus,omitempty"`
	// PayAfterDays delays payment after the period's end.
	PayAfterDays int `json:"pay_after_days,omitempty"`
}

type rebatePlain RebateProgram

// ParseRebate decodes a rebate program strictly (see the package doc).
func ParseRebate(data []byte) (RebateProgram, error) {
	var r RebateProgram
	if err := strict.Decode(data, (*rebatePlain)(&r), strict.Options{}); err != nil {
		return RebateProgram{}, fmt.Errorf("payout: parsing rebate: %w", err)
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRebate] does.
func (r *RebateProgram) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*rebatePlain)(r), strict.Options{})
}

// Purchase is a partner's eligible purchase (or a return, negative).
type Purchase struct {
	ID     string           `json:"id"`
	Date   time.Time        `json:"date"`
	Amount partnerops.Money `json:"amount"`
	SKU    string           `json:"sku,omitempty"`
	Family string           `json:"family,omitempty"`
}

// RebateEngine is a compiled [RebateProgram]; immutable and safe for
// concurrent use.
type RebateEngine struct {
	p        RebateProgram
	places   int32
	table    *cTable
	warnings partnerops.Warnings
}

// CompileRebate validates a rebate program. Every problem is reported at
// once as [*partnerops.ValidationError] values joined.
func CompileRebate(p RebateProgram) (*RebateEngine, error) {
	var probs partnerops.Problems
	if p.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	cur := p.Currency
	if !cur.Valid() {
		probs.Add("currency", "must be a known ISO 4217 code", string(cur))
		cur = partnerops.USD
	}
	probs.Merge("calendar", p.Calendar.Validate())
	if rank(p.Period) == 0 {
		probs.Add("period", "must be month, quarter, half or year", string(p.Period))
	}
	if !p.Rounding.Valid() {
		probs.Add("rounding", "must be a known rounding mode", p.Rounding.String())
	}
	if p.PayAfterDays < 0 || p.PayAfterDays > 3660 {
		probs.Add("pay_after_days", "must be from 0 to 3660", fmt.Sprint(p.PayAfterDays))
	}
	switch p.Kind {
	case RebateVolume, RebateGrowth:
	default:
		probs.Add("kind", "must be volume or growth", string(p.Kind))
	}
	if p.Table.Basis != "" {
		probs.Add("table.basis", "a rebate's bounds are amounts (volume) or growth percents (growth): leave basis out", string(p.Table.Basis))
	}
	if p.Table.Mode == TierInterpolated {
		probs.Add("table.mode", "a rebate pays rates: use flat (retroactive) or marginal", string(p.Table.Mode))
	}
	tmp := &Engine{currency: cur, places: cur.MinorUnits()}
	t := p.Table
	t.Basis = ""
	ct := tmp.compileTable(t, UnitMoney, false, "table", &probs)
	if p.Kind == RebateGrowth {
		ct.basis = BasisAttainment
		for i := range ct.from {
			ct.from[i] += 100 * int64(pow10u[amountScale])
		}
	}
	for i, g := range ct.gated {
		if g {
			probs.Add(partnerops.Path("table", "tiers", i, "gated"), "a rebate has no gate", "")
		}
	}
	if err := probs.Err(); err != nil {
		return nil, fmt.Errorf("payout: compiling rebate %q: %w", p.ID, err)
	}
	p.Currency = cur
	return &RebateEngine{p: p, places: cur.MinorUnits(), table: ct, warnings: tmp.warnings}, nil
}

// Warnings returns what looked suspicious in the program.
func (r *RebateEngine) Warnings() []partnerops.Warning {
	return append([]partnerops.Warning(nil), r.warnings...)
}

// RebateSlice is the part of the period's purchases one tier paid.
type RebateSlice struct {
	Tier   int                `json:"tier"`
	TierID string             `json:"tier_id,omitempty"`
	Base   partnerops.Decimal `json:"base"`
	Rate   partnerops.Percent `json:"rate"`
}

// RebateReason says why a rebate pays what it pays.
type RebateReason string

// Rebate reasons.
const (
	// RebateTier: a tier was reached.
	RebateTier RebateReason = "tier"
	// RebateBelowThreshold: the period reached no tier.
	RebateBelowThreshold RebateReason = "below_threshold"
	// RebateNoPrior: a growth rebate with no purchases in the same period
	// a year earlier (growth is undefined).
	RebateNoPrior RebateReason = "no_prior"
)

// Rebate is a partner's rebate accrued for one period.
type Rebate struct {
	Program  string               `json:"program"`
	Partner  partnerops.PartnerID `json:"partner"`
	Kind     RebateKind           `json:"kind"`
	Period   partnerops.Period    `json:"period"`
	Label    string               `json:"label"`
	Currency partnerops.Currency  `json:"currency"`
	// Total is the period's eligible purchases; Purchases counts them.
	Total     partnerops.Money `json:"total"`
	Purchases int              `json:"purchases"`
	// Prior is the same period a year earlier (growth rebates).
	Prior  partnerops.Money   `json:"prior,omitzero"`
	Growth partnerops.Percent `json:"growth,omitzero"`
	Tier   int                `json:"tier,omitempty"`
	TierID string             `json:"tier_id,omitempty"`
	Slices []RebateSlice      `json:"slices,omitempty"`
	Amount partnerops.Money   `json:"amount"`
	// Payable is when the accrual may be paid: the period's end plus the
	// program's delay.
	Payable time.Time    `json:"payable"`
	Reason  RebateReason `json:"reason"`
}

// Accrue computes a partner's rebate for the period containing at, from
// its purchases (those of the period and, for growth, of the same period
// a year earlier; others are ignored). The amount is rounded once with
// the program's mode.
func (r *RebateEngine) Accrue(partner partnerops.PartnerID, at time.Time, purchases []Purchase) (Rebate, error) {
	cur := r.p.Currency
	per, _ := r.p.Calendar.Of(r.p.Period, at)
	prior := per.Shift(-12 / unitMonths(r.p.Period))
	var total, before int64
	n := 0
	for i := range purchases {
		pu := &purchases[i]
		if !r.eligible(pu) {
			continue
		}
		in, was := per.Contains(pu.Date), prior.Contains(pu.Date)
		if !in && !was {
			continue
		}
		m, err := pu.Amount.InCurrency(cur)
		if err != nil {
			return Rebate{}, inputErr(partnerops.Path("purchases", purchaseKey(pu.ID, i), "amount"), err)
		}
		v, ok := amountOf(m.Amount())
		if !ok {
			return Rebate{}, inputErr(partnerops.Path("purchases", purchaseKey(pu.ID, i), "amount"), fmt.Errorf("%s: %w", m, partnerops.ErrRange))
		}
		if in {
			total += v
			n++
		} else {
			before += v
		}
		if total > maxFixed || total < -maxFixed || before > maxFixed || before < -maxFixed {
			return Rebate{}, fmt.Errorf("payout: rebate %q: purchases total: %w", r.p.ID, partnerops.ErrRange)
		}
	}
	res := Rebate{Program: r.p.ID, Partner: partner, Kind: r.p.Kind, Period: per, Label: r.p.Calendar.Label(per), Currency: cur,
		Total: money(total, cur), Purchases: n, Payable: per.End.AddDate(0, 0, r.p.PayAfterDays), Reason: RebateTier}
	quota := int64(0)
	if r.p.Kind == RebateGrowth {
		res.Prior = money(before, cur)
		if before <= 0 {
			res.Amount, res.Reason = money(0, cur), RebateNoPrior
			return res, nil
		}
		quota = before
		if g, err := amountDec(total-before, 0).Mul(partnerops.DecimalFromInt(100)).Quo(amountDec(before, 0), 2, partnerops.RoundHalfEven); err == nil {
			res.Growth = partnerops.NewPercent(g)
		}
	}
	inst, ok := r.table.resolve(quota, true, r.places, r.p.Rounding)
	if !ok {
		return Rebate{}, fmt.Errorf("payout: rebate %q: tier bounds: %w", r.p.ID, partnerops.ErrRange)
	}
	e, tier, ok := inst.earn(total)
	if !ok {
		return Rebate{}, fmt.Errorf("payout: rebate %q: amount: %w", r.p.ID, partnerops.ErrRange)
	}
	res.Amount = money(e, cur)
	if tier < 0 {
		res.Reason = RebateBelowThreshold
		return res, nil
	}
	res.Tier, res.TierID = tier+1, r.table.ids[tier]
	res.Slices = inst.slices(total, tier, cur.MinorUnits())
	return res, nil
}

// slices lists what each tier paid on, for the explanation.
func (ti *tableInst) slices(m int64, t int, places int32) []RebateSlice {
	if ti.t.value == valueAmount {
		return nil
	}
	r := -1
	for k := t; k >= 0; k-- {
		if ti.retro[k] {
			r = k
			break
		}
	}
	var out []RebateSlice
	if r >= 0 {
		out = append(out, RebateSlice{Tier: r + 1, TierID: ti.t.ids[r], Base: amountDec(min(m, ti.end(r)), places), Rate: ti.rates[r]})
	}
	for k := r + 1; k <= t; k++ {
		out = append(out, RebateSlice{Tier: k + 1, TierID: ti.t.ids[k], Base: amountDec(min(m, ti.end(k))-ti.from[k], places), Rate: ti.rates[k]})
	}
	return out
}

func (r *RebateEngine) eligible(p *Purchase) bool {
	if len(r.p.Families) > 0 && !slices.Contains(r.p.Families, p.Family) {
		return false
	}
	if len(r.p.SKUs) > 0 && !slices.Contains(r.p.SKUs, p.SKU) {
		return false
	}
	return true
}

func purchaseKey(id string, i int) any {
	if id != "" {
		return partnerops.Key(id)
	}
	return i
}

func unitMonths(u partnerops.PeriodUnit) int {
	switch u {
	case partnerops.UnitQuarter:
		return 3
	case partnerops.UnitHalf:
		return 6
	case partnerops.UnitYear:
		return 12
	}
	return 1
}

// String summarizes the rebate: "p-1 FY2026-Q1 volume rebate: 2400.00
// USD on 120000.00 (tier 2), payable 2026-04-30".
func (r *Rebate) String() string {
	s := fmt.Sprintf("%s %s %s rebate: %s on %s", r.Partner, r.Label, r.Kind, r.Amount.StringFixed(), r.Total.Amount())
	switch r.Reason {
	case RebateNoPrior:
		s += " (no purchases a year earlier: growth undefined)"
	case RebateBelowThreshold:
		s += " (below the first tier)"
	default:
		s += fmt.Sprintf(" (tier %d", r.Tier)
		if r.Kind == RebateGrowth {
			s += ", growth " + r.Growth.String()
		}
		s += ")"
	}
	return s + ", payable " + r.Payable.Format(time.DateOnly)
}
