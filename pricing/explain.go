package pricing

import (
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// wanted renders what condition cond of rule r asks for, for a skip's
// explanation. It runs only when results are inspected, never while
// pricing.
func (e *Engine) wanted(r *crule, cond Condition, attr int) string {
	w := r.when
	if w == nil {
		return ""
	}
	switch cond {
	case ConditionTier:
		if len(w.Tiers) == 0 && w.TierAtLeast != "" {
			return "at least " + string(w.TierAtLeast)
		}
		names := make([]string, 0, len(w.Tiers)+1)
		for _, t := range w.Tiers {
			names = append(names, string(t))
		}
		if w.TierAtLeast != "" {
			names = append(names, "at least "+string(w.TierAtLeast))
		}
		return strings.Join(names, " or ")
	case ConditionPartnerType:
		return joinAny(w.PartnerTypes)
	case ConditionMotion:
		return joinAny(w.Motions)
	case ConditionSKU:
		return joinAny(w.SKUs)
	case ConditionFamily:
		return joinAny(w.Families)
	case ConditionDealRegistration:
		return joinAny(w.DealRegistration)
	case ConditionBusiness:
		return joinAny(w.Business)
	case ConditionRegion:
		return joinAny(w.Regions)
	case ConditionUnit:
		return "unit " + strings.Join(w.Units, " or ")
	case ConditionQuantity:
		lo := w.MinQuantity
		if r.free != nil && (lo == nil || r.free.buy.cmp(numOf(fence.Dec(*lo))) > 0) {
			b := fence.Wrap(r.free.buy.dec())
			lo = &b
		}
		return "quantity " + rangeText(decText(lo), decText(w.MaxQuantity))
	case ConditionCost:
		return "a cost in the price book"
	case ConditionLines:
		parts := make([]string, 0, len(w.Lines))
		for _, l := range w.Lines {
			of := "all lines"
			if len(l.SKUs) > 0 || len(l.Families) > 0 {
				of = "lines of " + strings.Join(append(stringsOf(l.SKUs), stringsOf(l.Families)...), " or ")
			}
			var b []string
			if t := rangeText(decText(l.MinQuantity), decText(l.MaxQuantity)); t != "" {
				b = append(b, "quantity "+t)
			}
			if t := rangeText(moneyText(l.MinValue), moneyText(l.MaxValue)); t != "" {
				b = append(b, "value "+t)
			}
			parts = append(parts, of+": "+strings.Join(b, ", "))
		}
		return strings.Join(parts, "; ")
	case ConditionLineValue:
		return "line value " + rangeText(moneyText(w.MinLineValue), moneyText(w.MaxLineValue))
	case ConditionDealValue:
		return "deal value " + rangeText(moneyText(w.MinDealValue), moneyText(w.MaxDealValue))
	case ConditionWindow:
		return "date " + rangeText(timeText(w.From), timeText(w.Until))
	case ConditionAttribute:
		if attr < len(r.attrs) {
			a := &r.attrs[attr]
			switch a.op {
			case AttributeNotIn:
				return "not " + strings.Join(a.values, " or ")
			case AttributeSet:
				return "set"
			case AttributeNotSet:
				return "not set"
			case AttributeRange:
				lo, hi := "", ""
				if a.min.set {
					lo = a.min.n.dec().String()
				}
				if a.max.set {
					hi = a.max.n.dec().String()
				}
				return "a number " + rangeText(lo, hi)
			}
			return strings.Join(a.values, " or ")
		}
	case ConditionBook:
		return "book " + joinAny(w.Books)
	case ConditionScheduleTier:
		if r.sched != nil && len(r.sched.tiers) > 0 {
			return "quantity in a tier, from " + numInt(r.sched.tiers[0].from, -6).dec().String()
		}
	}
	return ""
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func joinAny[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, " or ")
}

// rangeText renders the half-open range [lo, hi) with open ends.
func rangeText(lo, hi string) string {
	switch {
	case lo != "" && hi != "":
		return "in [" + lo + ", " + hi + ")"
	case lo != "":
		return "at least " + lo
	case hi != "":
		return "below " + hi
	}
	return ""
}

func decText(d *partnerops.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func moneyText(m *partnerops.Money) string {
	if m == nil {
		return ""
	}
	return m.String()
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
