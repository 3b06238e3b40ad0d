package routing

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Requirement is a certification (or capability) count a lead needs.
type Requirement struct {
	Name string `json:"name"`
	Min  int    `json:"min"`
}

// Lead is what routing knows of a lead: plain values from the host.
type Lead struct {
	ID      string                `json:"id,omitempty"`
	Account partnerops.AccountKey `json:"account,omitzero"`
	Region  partnerops.Region     `json:"region,omitempty"`
	Motion  partnerops.Motion     `json:"motion,omitempty"`
	// Requirements are the lead's own needs, checked by a requirements
	// filter.
	Requirements []Requirement `json:"requirements,omitempty"`
	// Exclude lists partners with a conflict of interest the host knows
	// of, checked by a conflicts filter.
	Exclude []partnerops.PartnerID `json:"exclude,omitempty"`
	// Owner is the partner holding the account, for sticky routing; when
	// empty the pool looks the account up in its partners' Accounts.
	Owner partnerops.PartnerID `json:"owner,omitempty"`
}

type leadPlain Lead

// ParseLead decodes a lead strictly.
func ParseLead(data []byte) (Lead, error) {
	var l Lead
	if err := strict.Decode(data, (*leadPlain)(&l), strict.Options{}); err != nil {
		return Lead{}, wrap(err, "parsing lead")
	}
	return l, nil
}

// Options are the per-call inputs of [Pool.Route].
type Options struct {
	// Cursor is the partner the last round-robin lead went to (the
	// Cursor of the previous [Result], which the host stores); the next
	// lead starts after it in ID order. Empty starts at the beginning.
	Cursor partnerops.PartnerID
	// Rand is the random source of weighted_random; required by it.
	Rand *rand.Rand
	// Offered are the partners already offered this lead (a re-route):
	// they are skipped, so no partner is offered a lead twice.
	Offered []partnerops.PartnerID
	// Trace lists, in each [Skip], the partners it skipped. It costs an
	// allocation per skipped partner; without it routing allocates
	// nothing per ineligible partner.
	Trace bool
}

// Skip counts the partners one filter dropped (each partner counts once,
// under the first filter that drops it).
type Skip struct {
	Filter string     `json:"filter"`
	Kind   FilterKind `json:"kind"`
	Count  int        `json:"count"`
	// Partners are the partners dropped, in ID order, with
	// [Options].Trace.
	Partners []partnerops.PartnerID `json:"partners,omitempty"`
}

// Contribution is one factor's part of a best-fit score.
type Contribution struct {
	Factor string `json:"factor"`
	// Value is the partner's value as given ("" when it has none, which
	// counts as the worst).
	Value string `json:"value,omitempty"`
	// Normalized is the value on 0..1, 6 decimal places.
	Normalized partnerops.Decimal `json:"normalized"`
	Weight     partnerops.Decimal `json:"weight"`
}

// Candidate is one ranked partner: why it was eligible, how it ranked.
type Candidate struct {
	Partner partnerops.PartnerID `json:"partner"`
	Rank    int                  `json:"rank"`
	// Score is the best-fit score on 0..100, 6 decimal places (zero
	// without factors).
	Score   partnerops.Decimal `json:"score"`
	Factors []Contribution     `json:"factors,omitempty"`
	// OpenLeads and Capacity (0: no limit) are the partner's load.
	OpenLeads int `json:"open_leads"`
	Capacity  int `json:"capacity,omitempty"`
	// Eligible says, filter by filter, why the partner passed.
	Eligible []string `json:"eligible"`
	// Reason says why it ranked where it did.
	Reason string `json:"reason"`
}

// Result is the answer of [Pool.Route]: the ranked candidates (at most
// the definition's offers), what each filter skipped, and the round-robin
// cursor to store. It is plain data that round-trips through JSON; start
// an offer chain from it with [NewChain].
type Result struct {
	Lead     string       `json:"lead,omitempty"`
	Strategy StrategyKind `json:"strategy"`
	// Partners is the pool's size, Eligible how many passed every
	// filter.
	Partners   int         `json:"partners"`
	Eligible   int         `json:"eligible"`
	Skipped    []Skip      `json:"skipped"`
	Candidates []Candidate `json:"candidates"`
	// MaxOffers is the definition's offers.
	MaxOffers int `json:"max_offers"`
	// Cursor is the cursor to store for the next round-robin lead: the
	// first partner round robin chose; empty for other strategies.
	Cursor partnerops.PartnerID `json:"cursor,omitempty"`
	// Notes explain the sticky step and anything else worth knowing.
	Notes []string `json:"notes,omitempty"`
}

// Route ranks the partners of the pool for a lead: it applies the
// filters in order (skipping the partners already offered first), then
// ranks the eligible partners by the strategy and returns the first
// candidates. It allocates nothing per ineligible partner (without
// Trace): the filters are bitset operations over the pool, and ranking
// walks precomputed orders.
//
// Route is deterministic: the same pool, lead and options (the same
// cursor, a random source in the same state) give the same result.
func (pl *Pool) Route(lead Lead, opts Options) (Result, error) {
	e := pl.e
	if err := pl.checkLead(&lead, &opts); err != nil {
		return Result{}, wrap(err, "routing lead %q", lead.ID)
	}
	cur := newBitset(pl.n)
	cur.fill(pl.n)
	res := Result{Lead: lead.ID, Strategy: e.strategy, Partners: pl.n, MaxOffers: e.offers,
		Skipped: make([]Skip, 0, len(e.filters)+1)}
	var before bitset
	if opts.Trace {
		before = newBitset(pl.n)
	}
	trace := func(s *Skip) {
		if opts.Trace {
			for i := before.next(0); i >= 0; i = before.next(i + 1) {
				if !cur.has(i) {
					s.Partners = append(s.Partners, pl.ids[i])
				}
			}
		}
	}
	if len(opts.Offered) > 0 {
		copy(before, cur)
		s := Skip{Filter: string(SkipOffered), Kind: SkipOffered}
		for _, id := range opts.Offered {
			if i := pl.index(id); i >= 0 && cur.has(i) {
				cur.clear(i)
				s.Count++
			}
		}
		trace(&s)
		res.Skipped = append(res.Skipped, s)
	}
	for fi := range e.filters {
		f := &e.filters[fi]
		if opts.Trace {
			copy(before, cur)
		}
		s := Skip{Filter: f.ID, Kind: f.Kind}
		switch f.Kind {
		case FilterType, FilterTier, FilterCertification:
			s.Count = cur.and(pl.filter[fi])
		case FilterRegion:
			if lead.Region != "" {
				s.Count = cur.andOrClear(pl.regions[lead.Region])
			}
		case FilterMotion:
			if lead.Motion != "" {
				s.Count = cur.andOrClear(pl.motions[lead.Motion])
			}
		case FilterRequirements:
			for _, r := range lead.Requirements {
				if r.Min <= 0 {
					continue // everyone has at least none
				}
				counts := pl.certs[r.Name]
				for i := cur.next(0); i >= 0; i = cur.next(i + 1) {
					if counts == nil || int(counts[i]) < r.Min {
						cur.clear(i)
						s.Count++
					}
				}
			}
		case FilterCapacity:
			s.Count = cur.and(pl.hasRoom)
		case FilterPaused:
			s.Count = cur.and(pl.active)
		case FilterConflicts:
			for _, id := range lead.Exclude {
				if i := pl.index(id); i >= 0 && cur.has(i) {
					cur.clear(i)
					s.Count++
				}
			}
			s.Count += pl.conflict.clearMatches(cur, lead.Account)
		}
		trace(&s)
		res.Skipped = append(res.Skipped, s)
	}
	res.Eligible = cur.count()
	pl.rank(&res, cur, &lead, &opts)
	return res, nil
}

// andOrClear intersects b with o, a nil o being the empty set, and
// returns how many bits it cleared.
func (b bitset) andOrClear(o bitset) int {
	if o == nil {
		n := b.count()
		clear(b)
		return n
	}
	return b.and(o)
}

// clearMatches clears the partners whose keys match the account and
// returns how many it cleared.
func (k *keyIndex) clearMatches(cur bitset, key partnerops.AccountKey) int {
	n := 0
	if key.Domain != "" {
		for _, p := range k.domain[key.Domain] {
			if cur.has(int(p)) {
				cur.clear(int(p))
				n++
			}
		}
	}
	if key.Name != "" {
		for _, x := range k.name[key.Name] {
			if r, _ := key.Match(x.key); r == partnerops.AccountMatchName && cur.has(int(x.p)) {
				cur.clear(int(x.p))
				n++
			}
		}
	}
	return n
}

// matches reports whether partner p has a key matching the account.
func (k *keyIndex) matches(p int32, key partnerops.AccountKey) bool {
	if key.Domain != "" && slices.Contains(k.domain[key.Domain], p) {
		return true
	}
	if key.Name != "" {
		for _, x := range k.name[key.Name] {
			if r, _ := key.Match(x.key); x.p == p && r == partnerops.AccountMatchName {
				return true
			}
		}
	}
	return false
}

func (pl *Pool) checkLead(lead *Lead, opts *Options) error {
	var p partnerops.Problems
	for i, r := range lead.Requirements {
		if r.Name == "" {
			p.Add(partnerops.Path("requirements", i, "name"), "is required", "")
		}
		if r.Min < 0 {
			p.Add(partnerops.Path("requirements", i, "min"), "must not be negative", strconv.Itoa(r.Min))
		}
	}
	if lead.Owner != "" && pl.index(lead.Owner) < 0 {
		p.AddWrapped("owner", "not in the pool: "+string(lead.Owner), ErrUnknownPartner)
	}
	if err := p.Err(); err != nil {
		return err
	}
	if opts.Rand == nil && (pl.e.then == StrategyWeightedRandom) {
		return ErrNoRand
	}
	return nil
}

// rank fills the result's candidates from the eligible set cur (which it
// consumes).
func (pl *Pool) rank(res *Result, cur bitset, lead *Lead, opts *Options) {
	e := pl.e
	picks := make([]int32, 0, e.offers)
	reasons := make([]string, 0, e.offers)
	if e.strategy == StrategySticky {
		holder, how := pl.holder(lead)
		switch {
		case holder < 0:
			res.Notes = append(res.Notes, "sticky: no partner holds the account; ranked by "+string(e.then))
		case cur.has(holder):
			picks = append(picks, int32(holder))
			reasons = append(reasons, "sticky: "+how)
			cur.clear(holder)
			res.Notes = append(res.Notes, "sticky: "+how)
		default:
			res.Notes = append(res.Notes, "sticky: "+how+", but skipped ("+pl.why(holder, lead, opts)+"); ranked by "+string(e.then))
		}
	}
	take := func(i int32, reason string) bool {
		picks = append(picks, i)
		reasons = append(reasons, reason)
		return len(picks) < e.offers
	}
	if len(picks) < e.offers {
		switch e.then {
		case StrategyBestFit:
			for _, i := range pl.scoreRank {
				if cur.has(int(i)) && !take(i, "best fit: score "+pl.scoreText(i)) {
					break
				}
			}
		case StrategyLoadBalanced:
			for _, i := range pl.loadOrder {
				if cur.has(int(i)) && !take(i, "least loaded: "+pl.loadText(i)) {
					break
				}
			}
		case StrategyRoundRobin:
			start, _ := slices.BinarySearch(pl.ids, opts.Cursor)
			if start < pl.n && pl.ids[start] == opts.Cursor {
				start++
			}
			first := true
			visit := func(i int) bool {
				r := "round robin: next after the cursor " + strconv.Quote(string(opts.Cursor))
				if !first {
					r = "round robin: next after " + string(pl.ids[picks[len(picks)-1]])
				}
				if first {
					res.Cursor = pl.ids[i]
					first = false
				}
				return take(int32(i), r)
			}
			done := false
			for i := cur.next(start); i >= 0 && !done; i = cur.next(i + 1) {
				done = !visit(i)
			}
			for i := cur.next(0); i >= 0 && i < start && !done; i = cur.next(i + 1) {
				done = !visit(i)
			}
		case StrategyWeightedRandom:
			weight := func(i int) int64 {
				if len(e.factors) == 0 {
					return 1
				}
				return pl.score[i] + 1
			}
			var total int64
			for wi, w := range cur {
				for ; w != 0; w &= w - 1 {
					total += weight(wi<<6 + bits.TrailingZeros64(w))
				}
			}
			for draw := 1; total > 0 && len(picks) < e.offers; draw++ {
				r := opts.Rand.Int64N(total)
				i := -1
			scan:
				for wi, w := range cur {
					for ; w != 0; w &= w - 1 {
						j := wi<<6 + bits.TrailingZeros64(w)
						if r -= weight(j); r < 0 {
							i = j
							break scan
						}
					}
				}
				take(int32(i), "weighted random: draw "+strconv.Itoa(draw)+", weight "+pl.weightText(weight(i), total))
				cur.clear(i)
				total -= weight(i)
			}
		}
	}
	res.Candidates = make([]Candidate, len(picks))
	for k, i := range picks {
		res.Candidates[k] = pl.candidate(int(i), k+1, reasons[k], lead)
	}
}

// holder returns the partner holding the lead's account and how it was
// found, or -1.
func (pl *Pool) holder(lead *Lead) (int, string) {
	if lead.Owner != "" {
		return pl.index(lead.Owner), string(lead.Owner) + " owns the account"
	}
	best := -1
	var how string
	pl.holders.each(lead.Account, func(p int32) {
		if best < 0 || int(p) < best {
			best = int(p)
		}
	})
	if best >= 0 {
		how = string(pl.ids[best]) + " holds the account " + keyText(lead.Account)
	}
	return best, how
}

func keyText(k partnerops.AccountKey) string {
	if k.Domain != "" {
		return k.Domain
	}
	return k.Name
}

// why names the first check partner i fails, for notes.
func (pl *Pool) why(i int, lead *Lead, opts *Options) string {
	if slices.Contains(opts.Offered, pl.ids[i]) {
		return "already offered"
	}
	for fi := range pl.e.filters {
		if ok, detail := pl.check(fi, i, lead); !ok {
			return pl.e.filters[fi].ID + ": " + detail
		}
	}
	return "eligible"
}

func (pl *Pool) scoreText(i int32) string { return fixed(pl.score[i]).String() }

func (pl *Pool) loadText(i int32) string {
	if pl.capacity[i] == 0 {
		return strconv.Itoa(int(pl.open[i])) + " open leads, no capacity limit"
	}
	return strconv.Itoa(int(pl.open[i])) + " of " + strconv.Itoa(int(pl.capacity[i])) + " open leads"
}

func (pl *Pool) weightText(w, total int64) string {
	// w / total in hundredths of a percent, rounded half even, in 128-bit
	// arithmetic (w × 10,000 may overflow int64).
	hi, lo := bits.Mul64(uint64(w), 10_000)
	q, r := bits.Div64(hi, lo, uint64(total))
	if twice := 2 * r; twice > uint64(total) || twice == uint64(total) && q%2 == 1 {
		q++
	}
	return fixedPlaces(int64(q), 2) + "% of the remaining"
}

// fixedPlaces renders v / 10^places with places digits after the point.
func fixedPlaces(v int64, places int32) string {
	return partnerops.NewDecimal(v, -places).Round(places, partnerops.RoundHalfEven).String()
}

// candidate explains partner i at a rank.
func (pl *Pool) candidate(i, rank int, reason string, lead *Lead) Candidate {
	e := pl.e
	c := Candidate{Partner: pl.ids[i], Rank: rank, Score: fixed(pl.score[i]),
		OpenLeads: int(pl.open[i]), Capacity: int(pl.capacity[i]), Reason: reason}
	for fi := range e.filters {
		_, detail := pl.check(fi, i, lead)
		c.Eligible = append(c.Eligible, e.filters[fi].ID+": "+detail)
	}
	if c.Eligible == nil {
		c.Eligible = []string{"no filters"}
	}
	for fi := range e.factors {
		slot := i*len(e.factors) + fi
		c.Factors = append(c.Factors, Contribution{Factor: e.factors[fi].ID, Value: pl.raws[slot],
			Normalized: fixed(pl.norms[slot]), Weight: e.factors[fi].Weight})
	}
	return c
}

// check evaluates filter fi for partner i on its own, with the detail
// the explanations show.
func (pl *Pool) check(fi, i int, lead *Lead) (bool, string) {
	f := &pl.e.filters[fi]
	switch f.Kind {
	case FilterRegion:
		if lead.Region == "" {
			return true, "the lead names no region"
		}
		if b := pl.regions[lead.Region]; b != nil && b.has(i) {
			return true, "covers region " + string(lead.Region)
		}
		return false, "does not cover region " + string(lead.Region)
	case FilterMotion:
		if lead.Motion == "" {
			return true, "the lead names no motion"
		}
		if b := pl.motions[lead.Motion]; b != nil && b.has(i) {
			return true, "runs motion " + string(lead.Motion)
		}
		return false, "does not run motion " + string(lead.Motion)
	case FilterType:
		if f.types[pl.types[i]] {
			return true, "type " + string(pl.types[i])
		}
		return false, "type " + strconv.Quote(string(pl.types[i])) + " is not one of " + joinTypes(f.Types)
	case FilterTier:
		if pl.tiers[i] == "" {
			return false, "no tier (at least " + string(f.MinTier) + " needed)"
		}
		if r, ok := pl.e.def.Tiers.Rank(pl.tiers[i]); ok && r >= f.minRank {
			return true, "tier " + string(pl.tiers[i]) + ", at least " + string(f.MinTier)
		}
		return false, "tier " + string(pl.tiers[i]) + " is below " + string(f.MinTier)
	case FilterCertification:
		n := pl.count(f.Name, i)
		if n >= f.Min {
			return true, f.Name + " " + strconv.Itoa(n) + ", at least " + strconv.Itoa(f.Min)
		}
		return false, f.Name + " " + strconv.Itoa(n) + ", fewer than " + strconv.Itoa(f.Min)
	case FilterRequirements:
		if len(lead.Requirements) == 0 {
			return true, "the lead has no requirements"
		}
		var parts []string
		for _, r := range lead.Requirements {
			n := pl.count(r.Name, i)
			if n < r.Min {
				return false, r.Name + " " + strconv.Itoa(n) + ", fewer than " + strconv.Itoa(r.Min)
			}
			parts = append(parts, r.Name+" "+strconv.Itoa(n)+" of "+strconv.Itoa(r.Min))
		}
		return true, "meets " + strings.Join(parts, ", ")
	case FilterCapacity:
		if pl.hasRoom.has(i) {
			return true, pl.loadText(int32(i))
		}
		return false, "at capacity: " + pl.loadText(int32(i))
	case FilterPaused:
		if pl.active.has(i) {
			return true, "not paused"
		}
		return false, "paused"
	case FilterConflicts:
		if slices.Contains(lead.Exclude, pl.ids[i]) {
			return false, "excluded by the lead (conflict of interest)"
		}
		if pl.conflict.matches(int32(i), lead.Account) {
			return false, "conflict of interest with the account " + keyText(lead.Account)
		}
		return true, "no conflict of interest"
	}
	return true, ""
}

func (pl *Pool) count(name string, i int) int {
	if c := pl.certs[name]; c != nil {
		return int(c[i])
	}
	return 0
}

func joinTypes(ts []partnerops.PartnerType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// Check is one filter's verdict on one partner.
type Check struct {
	Filter string     `json:"filter"`
	Kind   FilterKind `json:"kind"`
	Passed bool       `json:"passed"`
	Detail string     `json:"detail"`
}

// Eligibility explains one partner's eligibility for a lead, filter by
// filter.
type Eligibility struct {
	Partner  partnerops.PartnerID `json:"partner"`
	Eligible bool                 `json:"eligible"`
	Checks   []Check              `json:"checks"`
}

// Explain says, filter by filter, whether partner id is eligible for the
// lead and why: the long form of a [Skip] count. It returns
// [ErrUnknownPartner] for a partner not in the pool.
func (pl *Pool) Explain(lead Lead, id partnerops.PartnerID) (Eligibility, error) {
	i := pl.index(id)
	if i < 0 {
		return Eligibility{}, wrap(ErrUnknownPartner, "explaining %q", id)
	}
	out := Eligibility{Partner: id, Eligible: true}
	for fi, f := range pl.e.filters {
		ok, detail := pl.check(fi, i, &lead)
		out.Checks = append(out.Checks, Check{Filter: f.ID, Kind: f.Kind, Passed: ok, Detail: detail})
		out.Eligible = out.Eligible && ok
	}
	return out, nil
}

// fixed returns a fixed-point value in 1e-6 units as a decimal without
// trailing zeros (0.9, not 0.900000).
func fixed(v int64) partnerops.Decimal {
	exp := int32(-6)
	for exp < 0 && v%10 == 0 {
		v /= 10
		exp++
	}
	return partnerops.NewDecimal(v, exp)
}
