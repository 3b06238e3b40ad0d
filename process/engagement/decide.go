package engagement

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// StepResult says what a policy did to the claims still contending.
type StepResult string

// Step results.
const (
	// StepNotApplicable: the policy's facts are absent (no claim is
	// registered, nobody is the incumbent, there is no direct claim).
	StepNotApplicable StepResult = "not_applicable"
	// StepTie: the policy applies but every contender passes it.
	StepTie StepResult = "tie"
	// StepNarrowed: the policy dropped some contenders; more than one
	// remains.
	StepNarrowed StepResult = "narrowed"
	// StepDecided: one contender remains, or a split divided the credit.
	StepDecided StepResult = "decided"
)

// Step is one policy consulted for a decision: what it saw (Before), what
// it kept (After) and why.
type Step struct {
	Policy string     `json:"policy"`
	Kind   PolicyKind `json:"kind"`
	Result StepResult `json:"result"`
	Before []string   `json:"before"`
	After  []string   `json:"after"`
	Reason string     `json:"reason"`
}

// Credit is one claimant's part of a decision: its weight, its share of
// 100% (two decimal places, by largest remainder, so the shares of a
// decision sum to exactly 100%) and its amount of the case value (by
// [partnerops.Money.Allocate], so the amounts sum to exactly the value;
// a Money with no currency when the case has no value).
type Credit struct {
	Claimant string               `json:"claimant"`
	Partner  partnerops.PartnerID `json:"partner,omitempty"`
	Direct   bool                 `json:"direct,omitempty"`
	Weight   partnerops.Decimal   `json:"weight"`
	Share    partnerops.Percent   `json:"share"`
	Amount   partnerops.Money     `json:"amount"`
}

// Decision is the answer of [Engine.Decide]: every policy consulted, in
// order, up to the first that decided; the credit split and its reason.
// It is plain data that round-trips through JSON, for the host to record
// on its channel-conflict case (see the package doc).
type Decision struct {
	Case  string `json:"case,omitempty"`
	Rules string `json:"rules,omitempty"`
	// Claimants are the claimants in the case's order.
	Claimants []string `json:"claimants"`
	Steps     []Step   `json:"steps"`
	// Decided is false when no policy decided (a tie with no split
	// policy); the host then decides by hand. Credits are empty then.
	Decided bool `json:"decided"`
	// DecidedBy is the ID of the policy that decided; empty for an
	// uncontested case or an undecided one.
	DecidedBy string   `json:"decided_by,omitempty"`
	Credits   []Credit `json:"credits,omitempty"`
	Reason    string   `json:"reason"`
}

// Winners returns the claimants with credit, in the case's order.
func (d Decision) Winners() []string {
	var out []string
	for _, c := range d.Credits {
		out = append(out, c.Claimant)
	}
	return out
}

// SameOutcome reports whether d and o give the same credit to the same
// claimants: what an appeal compares to tell an upheld decision from an
// overturned one.
func (d Decision) SameOutcome(o Decision) bool {
	if d.Decided != o.Decided || len(d.Credits) != len(o.Credits) {
		return false
	}
	for i, c := range d.Credits {
		x := o.Credits[i]
		if c.Claimant != x.Claimant || !c.Share.Equal(x.Share) || !c.Amount.Equal(x.Amount) {
			return false
		}
	}
	return true
}

// hundred is 100 in a currency of two minor units, allocated to give
// shares of 100% to two decimal places that sum exactly to 100%.
var hundred = partnerops.MustMoney("100.00", "USD")

// Decide decides a case: it consults the policies in order, each keeping
// some of the claims still contending, until one claim is left or a split
// divides the credit. A case with one claim is uncontested. The case's
// value is allocated exactly (see [partnerops.Money.Allocate]). Decide
// refuses a case without claims ([ErrNoClaims]), a claim that is both
// direct and a partner's or neither, two claims by one claimant, a tier
// not on the ladder ([partnerops.ErrUnknownTier]) and a value in another
// currency or finer than its minor units.
func (e *Engine) Decide(c Case) (Decision, error) {
	value, err := e.check(c)
	if err != nil {
		return Decision{}, wrap(err, "deciding case %q", c.ID)
	}
	d := Decision{Case: c.ID, Rules: e.id, Claimants: make([]string, len(c.Claims))}
	live := make([]int, len(c.Claims))
	for i, cl := range c.Claims {
		d.Claimants[i] = cl.Claimant()
		live[i] = i
	}
	if len(live) == 1 {
		d.Decided = true
		d.Reason = "uncontested: only " + d.Claimants[0] + " claims the deal"
		d.Credits, err = e.credits(c, live, nil, value)
		if err != nil {
			return Decision{}, wrap(err, "deciding case %q", c.ID)
		}
		return d, nil
	}
	for pi := range e.policies {
		pol := &e.policies[pi]
		keep, result, reason := e.apply(pol, c, live, value)
		step := Step{Policy: pol.ID, Kind: pol.Kind, Result: result, Before: names(c, live), After: names(c, keep), Reason: reason}
		d.Steps = append(d.Steps, step)
		if result != StepDecided {
			live = keep
			continue
		}
		var weights []partnerops.Decimal
		if pol.Kind == PolicySplit {
			weights = make([]partnerops.Decimal, len(keep))
			for k, i := range keep {
				weights[k] = pol.weight(c.Claims[i])
			}
		}
		d.Credits, err = e.credits(c, keep, weights, value)
		if err != nil {
			return Decision{}, wrap(err, "deciding case %q: policy %s", c.ID, pol.ID)
		}
		d.Decided, d.DecidedBy = true, pol.ID
		if pol.Kind == PolicySplit {
			parts := make([]string, len(d.Credits))
			for k, cr := range d.Credits {
				parts[k] = cr.Claimant + " " + cr.Share.String()
			}
			d.Reason = pol.ID + ": split between " + strings.Join(parts, ", ") + " (" + reason + ")"
		} else {
			d.Reason = pol.ID + ": " + reason
		}
		return d, nil
	}
	d.Reason = "no policy decided between " + strings.Join(names(c, live), ", ") + ": decide by hand"
	return d, nil
}

// check validates a case and returns its value in the rules' currency.
func (e *Engine) check(c Case) (partnerops.Money, error) {
	if len(c.Claims) == 0 {
		return partnerops.Money{}, ErrNoClaims
	}
	var p partnerops.Problems
	seen := map[string]int{}
	for i, cl := range c.Claims {
		cp := partnerops.Path("claims", i)
		if cl.Partner != "" {
			cp = partnerops.Path("claims", partnerops.Key(cl.Partner))
		}
		at := func(f string) string { return partnerops.JoinPath(cp, f) }
		switch {
		case cl.Direct && cl.Partner != "":
			p.Add(at("direct"), "a claim is either direct or a partner's, not both", string(cl.Partner))
		case !cl.Direct && cl.Partner == "":
			p.Add(at("partner"), "is required (or set direct for direct sales)", "")
		case !cl.Direct && cl.Partner == DirectClaimant:
			p.Add(at("partner"), `"direct" names direct sales: set direct instead`, string(cl.Partner))
		}
		if j, dup := seen[cl.Claimant()]; dup {
			p.Addf(cp, cl.Claimant(), "a second claim by the claimant of claim %d", j)
		} else {
			seen[cl.Claimant()] = i
		}
		if cl.Tier != "" && e.tiers.Len() > 0 && !e.tiers.Contains(cl.Tier) {
			p.AddWrapped(at("tier"), fmt.Sprintf("not on the ladder %s", e.tiers), partnerops.ErrUnknownTier)
		}
		if cl.Attribution != "" && !cl.Attribution.Valid() {
			p.Addf(at("attribution"), string(cl.Attribution), "must be %q or %q", partnerops.AttributionSourced, partnerops.AttributionInfluenced)
		}
		if cl.Certifications < 0 {
			p.Add(at("certifications"), "must not be negative", strconv.Itoa(cl.Certifications))
		}
	}
	value := c.Value
	switch {
	case value.IsZero():
		value = partnerops.Money{} // no value: shares only
	case e.currency != "":
		v, err := value.InCurrency(e.currency)
		if err != nil {
			p.AddErr("value", err)
		}
		value = v
	case value.Currency() == "" && !value.IsZero():
		p.Add("value", `needs a currency (the rules fix none): {"amount":"100.00","currency":"USD"}`, value.Amount().String())
	}
	if value.Currency().Valid() {
		if !value.Round(partnerops.RoundHalfEven).Equal(value) {
			p.Add("value", "must be exact in the currency's minor units", value.String())
		}
		if value.IsNegative() {
			p.Add("value", "must not be negative", value.String())
		}
	}
	return value, p.Err()
}

func names(c Case, idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = c.Claims[i].Claimant()
	}
	return out
}

func (pol *policy) weight(c Claim) partnerops.Decimal {
	switch {
	case c.Direct:
		return pol.direct
	case c.Attribution == partnerops.AttributionSourced:
		return pol.sourced
	}
	return pol.influenced
}

// credits allocates the value (and 100%) over the winners by weights
// (equal when nil).
func (e *Engine) credits(c Case, win []int, weights []partnerops.Decimal, value partnerops.Money) ([]Credit, error) {
	if weights == nil {
		weights = make([]partnerops.Decimal, len(win))
		for k := range weights {
			weights[k] = one
		}
	}
	shares, err := hundred.Allocate(weights...)
	if err != nil {
		if errors.Is(err, partnerops.ErrDivisionByZero) {
			return nil, fmt.Errorf("the split weights of %s sum to zero: %w", strings.Join(names(c, win), ", "), partnerops.ErrDivisionByZero)
		}
		return nil, err
	}
	var amounts []partnerops.Money
	if value.Currency() != "" {
		if amounts, err = value.Allocate(weights...); err != nil {
			return nil, err
		}
	}
	out := make([]Credit, len(win))
	for k, i := range win {
		cl := c.Claims[i]
		out[k] = Credit{Claimant: cl.Claimant(), Partner: cl.Partner, Direct: cl.Direct, Weight: weights[k],
			Share: partnerops.NewPercent(shares[k].Amount())}
		if amounts != nil {
			out[k].Amount = amounts[k]
		}
	}
	return out, nil
}

// apply runs one policy over the live claims.
func (e *Engine) apply(pol *policy, c Case, live []int, value partnerops.Money) (keep []int, result StepResult, reason string) {
	result = StepTie
	switch pol.Kind {
	case PolicyFirstToRegister:
		var earliest time.Time
		for _, i := range live {
			if r := c.Claims[i].Registered; !r.IsZero() && (earliest.IsZero() || r.Before(earliest)) {
				earliest = r
			}
		}
		if earliest.IsZero() {
			return live, StepNotApplicable, "no claim is registered"
		}
		var late []string
		for _, i := range live {
			r := c.Claims[i].Registered
			switch {
			case r.IsZero():
				late = append(late, c.Claims[i].Claimant()+" not registered")
			case r.Sub(earliest) <= pol.Within:
				keep = append(keep, i)
			default:
				late = append(late, c.Claims[i].Claimant()+" "+r.Sub(earliest).String()+" later")
			}
		}
		reason = "registered first at " + earliest.Format(time.RFC3339) + ": " + strings.Join(names(c, keep), ", ")
		if pol.Within > 0 && len(keep) > 1 {
			reason = "registered within " + pol.Within.String() + " of the first (" + earliest.Format(time.RFC3339) + "): " + strings.Join(names(c, keep), ", ")
		}
		if len(late) > 0 {
			reason += "; " + strings.Join(late, ", ")
		}
	case PolicyIncumbent:
		for _, i := range live {
			if c.Claims[i].Incumbent {
				keep = append(keep, i)
			}
		}
		if len(keep) == 0 {
			return live, StepNotApplicable, "no claimant is the incumbent"
		}
		reason = "incumbent: " + strings.Join(names(c, keep), ", ")
	case PolicyHigherTier:
		best := -2
		rank := func(cl Claim) int {
			if r, ok := e.tiers.Rank(cl.Tier); ok {
				return r
			}
			return -1
		}
		partners := 0
		for _, i := range live {
			if cl := c.Claims[i]; !cl.Direct {
				partners++
				best = max(best, rank(cl))
			}
		}
		if partners < 2 {
			return live, StepNotApplicable, "fewer than two partners to compare"
		}
		var below []string
		for _, i := range live {
			cl := c.Claims[i]
			if cl.Direct || rank(cl) == best {
				keep = append(keep, i)
			} else {
				t := string(cl.Tier)
				if t == "" {
					t = "no tier"
				}
				below = append(below, cl.Claimant()+" ("+t+")")
			}
		}
		top := "no tier"
		if best >= 0 {
			top = string(e.tiers.Tiers()[best])
		}
		reason = "highest tier " + top + ": " + strings.Join(partnerNames(c, keep), ", ")
		if len(below) > 0 {
			reason += "; below: " + strings.Join(below, ", ")
		}
	case PolicyCertified:
		var short []string
		met := 0
		for _, i := range live {
			cl := c.Claims[i]
			switch {
			case cl.Direct:
				keep = append(keep, i)
			case cl.Certifications >= pol.Min:
				keep = append(keep, i)
				met++
			default:
				short = append(short, cl.Claimant()+" ("+strconv.Itoa(cl.Certifications)+")")
			}
		}
		if met == 0 {
			return live, StepNotApplicable, "no partner has " + strconv.Itoa(pol.Min) + " certifications"
		}
		reason = "at least " + strconv.Itoa(pol.Min) + " certifications: " + strings.Join(partnerNames(c, keep), ", ")
		if len(short) > 0 {
			reason += "; fewer: " + strings.Join(short, ", ")
		}
	case PolicyDirectDefers:
		direct, registered := -1, 0
		for _, i := range live {
			if c.Claims[i].Direct {
				direct = i
			} else if !c.Claims[i].Registered.IsZero() {
				registered++
			}
		}
		if direct < 0 {
			return live, StepNotApplicable, "no direct claim"
		}
		if registered == 0 {
			return live, StepNotApplicable, "no registered partner claim"
		}
		if value.Currency() == "" && !pol.minDeal.IsZero() {
			return live, StepNotApplicable, "the case has no value to compare with " + pol.minDeal.String()
		}
		v := value
		if v.Currency() == "" {
			v = partnerops.Zero(pol.minDeal.Currency())
		}
		if cmp, _ := v.Cmp(pol.minDeal); cmp >= 0 {
			for _, i := range live {
				if !c.Claims[i].Direct {
					keep = append(keep, i)
				}
			}
			reason = "deal value " + v.String() + " is at least " + pol.minDeal.String() + ": direct sales defer to " + strings.Join(names(c, keep), ", ")
		} else if pol.DirectWinsBelow {
			keep = []int{direct}
			reason = "deal value " + v.String() + " is below " + pol.minDeal.String() + ": direct sales keep the deal"
		} else {
			return live, StepTie, "deal value " + v.String() + " is below " + pol.minDeal.String() + ": direct sales do not defer"
		}
	case PolicySourcedOverInfluenced:
		sourced, partners := 0, 0
		for _, i := range live {
			cl := c.Claims[i]
			switch {
			case cl.Direct:
				keep = append(keep, i)
			case cl.Attribution == partnerops.AttributionSourced:
				keep = append(keep, i)
				sourced++
				partners++
			default:
				partners++
			}
		}
		if sourced == 0 {
			return live, StepNotApplicable, "no partner sourced the deal"
		}
		reason = "sourced: " + strings.Join(partnerNames(c, keep), ", ")
		if sourced < partners {
			reason += "; influenced: " + strings.Join(dropped(c, live, keep), ", ")
		}
	case PolicySplit:
		return live, StepDecided, "tie among " + strings.Join(names(c, live), ", ")
	}
	switch {
	case len(keep) == 1:
		result = StepDecided
	case len(keep) < len(live):
		result = StepNarrowed
	}
	return keep, result, reason
}

// partnerNames names the partner claims among idx.
func partnerNames(c Case, idx []int) []string {
	var out []string
	for _, i := range idx {
		if !c.Claims[i].Direct {
			out = append(out, c.Claims[i].Claimant())
		}
	}
	return out
}

// dropped names the claims of live not in keep (both in case order).
func dropped(c Case, live, keep []int) []string {
	var out []string
	k := 0
	for _, i := range live {
		if k < len(keep) && keep[k] == i {
			k++
			continue
		}
		out = append(out, c.Claims[i].Claimant())
	}
	return out
}
