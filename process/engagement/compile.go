package engagement

import (
	"slices"
	"strconv"

	"github.com/partnerops/partnerops"
)

// Engine decides channel conflicts under compiled [Rules]. It is
// immutable and safe for concurrent use.
type Engine struct {
	id       string
	currency partnerops.Currency
	tiers    partnerops.TierLadder
	policies []policy
	warnings []partnerops.Warning
}

type policy struct {
	Policy
	minDeal                     partnerops.Money
	sourced, influenced, direct partnerops.Decimal
}

var one = partnerops.DecimalFromInt(1)

// Compile validates rules once, reporting every problem with its path by
// policy ID (policies[big-deals].min_deal), and returns the engine.
func Compile(r Rules) (*Engine, error) {
	var p partnerops.Problems
	var w partnerops.Warnings
	e := &Engine{id: r.ID, currency: r.Currency, tiers: r.Tiers}
	if r.Currency != "" && !r.Currency.Valid() {
		p.Add("currency", "must be a known ISO 4217 currency", string(r.Currency))
	}
	if len(r.Policies) == 0 {
		p.Add("policies", "at least one policy is required", "")
	}
	seen := map[string]bool{}
	kindAt := map[PolicyKind]string{}
	splitAt := ""
	for i, pol := range r.Policies {
		pp := partnerops.Path("policies", i)
		if pol.ID != "" {
			pp = partnerops.Path("policies", partnerops.Key(pol.ID))
		}
		at := func(f string) string { return partnerops.JoinPath(pp, f) }
		switch {
		case pol.ID == "":
			p.Add(at("id"), "is required", "")
		case seen[pol.ID]:
			p.Add(at("id"), "duplicate policy ID", pol.ID)
		}
		seen[pol.ID] = true
		if splitAt != "" {
			w.Add(pp, "unreachable: the split "+splitAt+" before it decides every case", "")
		}
		if !pol.Kind.Valid() {
			p.Addf(at("kind"), string(pol.Kind), "must be one of %v", kinds)
			continue
		}
		if prev, dup := kindAt[pol.Kind]; dup {
			w.Add(pp, "repeats the policy "+prev+" of the same kind, which leaves nothing for it to decide", string(pol.Kind))
		}
		kindAt[pol.Kind] = pol.ID
		cp := policy{Policy: pol, sourced: one, influenced: one, direct: one}
		refuse := func(field string, set bool) {
			if set {
				p.Add(at(field), "not used by kind "+string(pol.Kind), "")
			}
		}
		refuse("within", pol.Kind != PolicyFirstToRegister && pol.Within != 0)
		refuse("min", pol.Kind != PolicyCertified && pol.Min != 0)
		refuse("min_deal", pol.Kind != PolicyDirectDefers && !pol.MinDeal.IsZero())
		refuse("direct_wins_below", pol.Kind != PolicyDirectDefers && pol.DirectWinsBelow)
		refuse("weights", pol.Kind != PolicySplit && pol.Weights != nil)
		switch pol.Kind {
		case PolicyFirstToRegister:
			if pol.Within < 0 {
				p.Add(at("within"), "must not be negative", pol.Within.String())
			}
		case PolicyCertified:
			if pol.Min < 0 {
				p.Add(at("min"), "must not be negative", strconv.Itoa(pol.Min))
			}
			if pol.Min == 0 {
				cp.Min = 1
			}
		case PolicyHigherTier:
			if r.Tiers.Len() == 0 {
				p.Add("tiers", "the tier ladder is required by higher_tier policy "+pol.ID, "")
			}
		case PolicyDirectDefers:
			switch {
			case r.Currency == "":
				p.Add("currency", "is required by direct_defers policy "+pol.ID+" (its min_deal)", "")
			case r.Currency.Valid():
				m, err := pol.MinDeal.InCurrency(r.Currency)
				if err != nil {
					p.AddErr(at("min_deal"), err)
				} else if m.IsNegative() {
					p.Add(at("min_deal"), "must not be negative", m.String())
				}
				cp.minDeal = m
			}
			if pol.MinDeal.IsZero() {
				w.Add(at("min_deal"), "zero: direct sales always defer to a registered partner", "")
			}
		case PolicySplit:
			splitAt = pol.ID
			if ws := pol.Weights; ws != nil {
				get := func(field string, d *partnerops.Decimal, dst *partnerops.Decimal) {
					if d == nil {
						return
					}
					if d.IsNegative() {
						p.Add(at("weights."+field), "must not be negative", d.String())
					}
					*dst = *d
				}
				get("sourced", ws.Sourced, &cp.sourced)
				get("influenced", ws.Influenced, &cp.influenced)
				get("direct", ws.Direct, &cp.direct)
				if cp.sourced.IsZero() && cp.influenced.IsZero() && cp.direct.IsZero() {
					p.Add(at("weights"), "must not all be zero", "")
				} else if cp.sourced.IsZero() || cp.influenced.IsZero() || cp.direct.IsZero() {
					w.Add(at("weights"), "a zero weight gives its claimants no credit in a split", "")
				}
			}
		}
		e.policies = append(e.policies, cp)
	}
	if len(r.Policies) > 0 && splitAt == "" {
		w.Add("policies", "no split policy: a tie that no policy breaks stays undecided, for a person to decide", "")
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "compiling rules %q", r.ID)
	}
	e.warnings = w
	return e, nil
}

// Warnings returns what Compile found valid but suspicious: policies
// after a split (unreachable), a repeated kind, no split at the end (a
// tie may stay undecided), a zero min_deal or a zero split weight.
func (e *Engine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }

// Rules returns the ID of the rules the engine was compiled from.
func (e *Engine) Rules() string { return e.id }
