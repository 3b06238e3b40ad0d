package renewal

import (
	"errors"
	"slices"

	"github.com/partnerops/partnerops"
)

// Sentinel errors, wrapped with context; test them with errors.Is.
var (
	// ErrUnknownPolicy: a renewal names a policy the terms do not define.
	ErrUnknownPolicy = errors.New("renewal: unknown policy")
	// ErrMissingInput: a renewal lacks an amount its policy needs (the
	// current list for lesser_of_uplift_and_list, the index for index).
	ErrMissingInput = errors.New("renewal: missing input")
)

// Engine prices renewals, prorates and co-terms under compiled [Terms].
// It is immutable and safe for concurrent use.
type Engine struct {
	currency partnerops.Currency
	places   int32
	mode     partnerops.RoundingMode
	dayCount DayCount
	policies map[PolicyID]*Policy
	warnings []partnerops.Warning
}

// Warnings returns what Compile found valid but suspicious (a percent
// between 0 and 1, a floor above the cap).
func (e *Engine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }

// DayCount returns the convention the engine prorates with.
func (e *Engine) DayCount() DayCount { return e.dayCount }

var hundred = partnerops.DecimalFromInt(100)

// Compile validates terms once, reporting every problem with its path
// (policies[cpi].floor), and returns the engine.
func Compile(t Terms) (*Engine, error) {
	var p partnerops.Problems
	var w partnerops.Warnings
	e := &Engine{currency: t.Currency, mode: t.Rounding.Mode, dayCount: t.DayCount, policies: map[PolicyID]*Policy{}}
	if !t.Currency.Valid() {
		p.Add("currency", "must be a known ISO 4217 currency", string(t.Currency))
	}
	checkRounding(t.Rounding, "rounding", &p)
	e.places = t.Rounding.places(t.Currency)
	if e.dayCount == "" {
		e.dayCount = DayCountActual
	} else if !e.dayCount.Valid() {
		p.Add("day_count", `must be "actual", "actual_365" or "30_360"`, string(t.DayCount))
	}
	for i, pol := range t.Policies {
		pp := partnerops.Path("policies", i)
		if pol.ID != "" {
			pp = partnerops.Path("policies", partnerops.Key(pol.ID))
		}
		at := func(f string) string { return partnerops.JoinPath(pp, f) }
		if pol.ID == "" {
			p.Add(at("id"), "is required", "")
		} else if _, dup := e.policies[pol.ID]; dup {
			p.Add(at("id"), "duplicate policy ID", string(pol.ID))
			continue
		}
		pct := func(name string, v *partnerops.Percent, lo partnerops.Decimal) {
			if v == nil {
				return
			}
			d := v.Decimal()
			if d.Cmp(lo) < 0 || d.Cmp(hundred) > 0 {
				p.Addf(at(name), v.String(), "must be between %s and 100", lo)
			} else if d.IsPositive() && d.Cmp(partnerops.DecimalFromInt(1)) < 0 && name != "spread" {
				w.Add(at(name), `a percent between 0 and 1; percents are in percent units ("5" is 5%)`, v.String())
			}
		}
		zero, minus := partnerops.Decimal{}, hundred.Neg()
		var used []string
		switch pol.Rule {
		case RuleUplift, RuleLesserOf:
			used = []string{"uplift"}
			if pol.Uplift == nil {
				p.Add(at("uplift"), "is required for rule "+string(pol.Rule), "")
			}
			pct("uplift", pol.Uplift, minus)
		case RuleIndex:
			used = []string{"spread", "floor", "cap"}
			pct("spread", pol.Spread, minus)
			pct("floor", pol.Floor, minus)
			pct("cap", pol.Cap, minus)
			if pol.Floor != nil && pol.Cap != nil && pol.Floor.Cmp(*pol.Cap) > 0 {
				p.Addf(at("floor"), pol.Floor.String(), "must not exceed the cap %s", pol.Cap)
			}
		case RulePriorNet, RuleList:
		default:
			p.Addf(at("rule"), string(pol.Rule), "unknown rule; want one of %v", ruleKinds)
		}
		pct("max_erosion", pol.MaxErosion, zero)
		for _, f := range []struct {
			name string
			on   bool
		}{{"uplift", pol.Uplift != nil}, {"spread", pol.Spread != nil}, {"floor", pol.Floor != nil}, {"cap", pol.Cap != nil}} {
			if f.on && pol.Rule.Valid() && !slices.Contains(used, f.name) {
				p.Add(at(f.name), "not used by rule "+string(pol.Rule), "")
			}
		}
		if pol.ID != "" {
			cp := pol
			e.policies[pol.ID] = &cp
		}
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "compiling terms")
	}
	e.warnings = w
	return e, nil
}
