package routing

import (
	"cmp"
	"math/big"
	"slices"
	"strconv"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Partner is what routing knows of a partner: plain values the host
// passes (its profile from [partnerops.Partner], counts, load and scores
// it keeps elsewhere).
type Partner struct {
	ID      partnerops.PartnerID   `json:"id"`
	Type    partnerops.PartnerType `json:"type,omitempty"`
	Tier    partnerops.Tier        `json:"tier,omitempty"`
	Regions []partnerops.Region    `json:"regions,omitempty"`
	Motions []partnerops.Motion    `json:"motions,omitempty"`
	// Certifications counts certifications or capabilities by name
	// ("security": 3 certified people).
	Certifications map[string]int `json:"certifications,omitempty"`
	// Capacity is how many open leads the partner takes at most; 0 takes
	// the definition's default_capacity (0 there too: no limit).
	Capacity  int  `json:"capacity,omitempty"`
	OpenLeads int  `json:"open_leads,omitempty"`
	Paused    bool `json:"paused,omitempty"`
	// Conflicts are accounts the partner must not be offered (its own
	// company, a competitor's customer it serves): a lead whose account
	// matches one ([partnerops.AccountKey.Match]) skips the partner.
	Conflicts []partnerops.AccountKey `json:"conflicts,omitempty"`
	// Accounts are the accounts the partner holds, for sticky routing.
	Accounts []partnerops.AccountKey `json:"accounts,omitempty"`
	// Scores read by factors; a missing score counts as the worst.
	FitScore         *partnerops.Decimal           `json:"fit_score,omitempty"`
	PerformanceScore *partnerops.Decimal           `json:"performance_score,omitempty"`
	WinRate          *partnerops.Percent           `json:"win_rate,omitempty"`
	ResponseHours    *partnerops.Decimal           `json:"response_hours,omitempty"`
	Scores           map[string]partnerops.Decimal `json:"scores,omitempty"`
}

type partnerPlain Partner

// ParsePartners decodes a JSON array of partners strictly, paths by
// partner ID (partners[northwind].win_rate). Percents are strings ("42"
// is 42%); decimals are strings.
func ParsePartners(data []byte) ([]Partner, error) {
	var ps []partnerPlain
	if err := strict.Decode(data, &ps, strict.Options{}); err != nil {
		var p partnerops.Problems
		p.Merge("partners", err) // partners[northwind].win_rate
		return nil, wrap(p.Err(), "parsing partners")
	}
	out := make([]Partner, len(ps))
	for i := range ps {
		out[i] = Partner(ps[i])
	}
	return out, nil
}

// Pool is an immutable set of partners compiled for routing: facets as
// bitsets, scores as fixed-point integers, partners in ID order. It is
// safe for concurrent use. [Pool.Update] returns a new pool with changed
// loads.
type Pool struct {
	e        *Engine
	n        int
	ids      []partnerops.PartnerID // sorted
	tiers    []partnerops.Tier
	types    []partnerops.PartnerType
	filter   []bitset // static filters' passes, by filter index; nil for per-lead filters
	regions  map[partnerops.Region]bitset
	motions  map[partnerops.Motion]bitset
	certs    map[string][]int32 // name → count per partner
	conflict keyIndex
	holders  keyIndex
	// load
	open, capacity []int32 // capacity 0: no limit
	hasRoom        bitset
	active         bitset // not paused
	loadOrder      []int32
	// scores
	score     []int64 // 0..100 in 1e-6 units
	scoreRank []int32 // partners by score desc, ID asc
	norms     []int64 // per partner per factor, 0..1 in 1e-6 units
	raws      []string
	has       bitset // per partner per factor: has a value
}

// keyIndex finds partners by account key.
type keyIndex struct {
	domain map[string][]int32
	name   map[string][]keyed
}

type keyed struct {
	p   int32
	key partnerops.AccountKey
}

func (k *keyIndex) add(p int32, key partnerops.AccountKey) {
	if key.Domain != "" {
		if k.domain == nil {
			k.domain = map[string][]int32{}
		}
		k.domain[key.Domain] = append(k.domain[key.Domain], p)
	}
	if key.Name != "" {
		if k.name == nil {
			k.name = map[string][]keyed{}
		}
		k.name[key.Name] = append(k.name[key.Name], keyed{p, key})
	}
}

// each calls f for every partner with a key matching k by
// [partnerops.AccountKey.Match] (possibly twice).
func (k *keyIndex) each(key partnerops.AccountKey, f func(p int32)) {
	if key.Domain != "" {
		for _, p := range k.domain[key.Domain] {
			f(p)
		}
	}
	if key.Name != "" {
		for _, x := range k.name[key.Name] {
			if r, _ := key.Match(x.key); r == partnerops.AccountMatchName {
				f(x.p)
			}
		}
	}
}

const scale = 1_000_000 // fixed-point unit of scores and norms

// Pool validates the partners (every problem at once, paths by ID:
// partners[northwind].capacity) and compiles them. Building is
// n log n in the partners (a sort by ID and one by score) plus one exact
// rational computation per partner and factor.
func (e *Engine) Pool(partners []Partner) (*Pool, error) {
	var p partnerops.Problems
	seen := make(map[partnerops.PartnerID]int, len(partners))
	for i := range partners {
		pt := &partners[i]
		pp := partnerops.Path("partners", i)
		if pt.ID != "" {
			pp = partnerops.Path("partners", partnerops.Key(pt.ID))
		}
		at := func(f string) string { return partnerops.JoinPath(pp, f) }
		if pt.ID == "" {
			p.Add(at("id"), "is required", "")
		} else if j, dup := seen[pt.ID]; dup {
			p.Addf(at("id"), string(pt.ID), "duplicate of partner %d", j)
		} else {
			seen[pt.ID] = i
		}
		if pt.Tier != "" && e.def.Tiers.Len() > 0 && !e.def.Tiers.Contains(pt.Tier) {
			p.AddWrapped(at("tier"), "not on the ladder "+e.def.Tiers.String(), partnerops.ErrUnknownTier)
		}
		if pt.Capacity < 0 {
			p.Add(at("capacity"), "must not be negative (0 takes the default)", strconv.Itoa(pt.Capacity))
		}
		if pt.OpenLeads < 0 {
			p.Add(at("open_leads"), "must not be negative", strconv.Itoa(pt.OpenLeads))
		}
		for _, name := range sortedKeys(pt.Certifications) {
			if pt.Certifications[name] < 0 {
				p.Add(at(partnerops.Path("certifications", partnerops.Key(name))), "must not be negative", strconv.Itoa(pt.Certifications[name]))
			}
		}
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "building pool of %d partners", len(partners))
	}
	order := make([]int, len(partners))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(partners[a].ID, partners[b].ID) })
	n := len(partners)
	pl := &Pool{
		e: e, n: n, ids: make([]partnerops.PartnerID, n), tiers: make([]partnerops.Tier, n), types: make([]partnerops.PartnerType, n),
		filter: make([]bitset, len(e.filters)), regions: map[partnerops.Region]bitset{}, motions: map[partnerops.Motion]bitset{},
		certs: map[string][]int32{}, open: make([]int32, n), capacity: make([]int32, n),
		hasRoom: newBitset(n), active: newBitset(n),
		score: make([]int64, n), norms: make([]int64, n*len(e.factors)), raws: make([]string, n*len(e.factors)),
		has: newBitset(n * len(e.factors)),
	}
	sc := newScorer()
	for i, pi := range order {
		pt := &partners[pi]
		pl.ids[i], pl.tiers[i], pl.types[i] = pt.ID, pt.Tier, pt.Type
		for _, r := range pt.Regions {
			b := pl.regions[r]
			if b == nil {
				b = newBitset(n)
				pl.regions[r] = b
			}
			b.set(i)
		}
		for _, m := range pt.Motions {
			b := pl.motions[m]
			if b == nil {
				b = newBitset(n)
				pl.motions[m] = b
			}
			b.set(i)
		}
		for name, c := range pt.Certifications {
			counts := pl.certs[name]
			if counts == nil {
				counts = make([]int32, n)
				pl.certs[name] = counts
			}
			counts[i] = int32(min(c, 1<<30))
		}
		for _, k := range pt.Conflicts {
			pl.conflict.add(int32(i), k)
		}
		for _, k := range pt.Accounts {
			pl.holders.add(int32(i), k)
		}
		pl.setLoad(i, pt.OpenLeads, pt.Capacity, pt.Paused)
		pl.scorePartner(sc, i, pt)
	}
	for fi, f := range e.filters {
		var pass func(i int) bool
		switch f.Kind {
		case FilterType:
			pass = func(i int) bool { return f.types[pl.types[i]] }
		case FilterTier:
			pass = func(i int) bool { r, ok := e.def.Tiers.Rank(pl.tiers[i]); return ok && r >= f.minRank }
		case FilterCertification:
			counts := pl.certs[f.Name]
			pass = func(i int) bool { return counts != nil && int(counts[i]) >= f.Min }
		default:
			continue
		}
		b := newBitset(n)
		for i := range n {
			if pass(i) {
				b.set(i)
			}
		}
		pl.filter[fi] = b
	}
	pl.scoreRank = make([]int32, n)
	for i := range pl.scoreRank {
		pl.scoreRank[i] = int32(i)
	}
	slices.SortStableFunc(pl.scoreRank, func(a, b int32) int { return cmp.Compare(pl.score[b], pl.score[a]) })
	pl.sortLoad()
	return pl, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// setLoad records partner i's load.
func (pl *Pool) setLoad(i, open, capacity int, paused bool) {
	if capacity == 0 {
		capacity = pl.e.def.DefaultCapacity
	}
	pl.open[i], pl.capacity[i] = int32(min(open, 1<<30)), int32(min(capacity, 1<<30))
	if capacity == 0 || open < capacity {
		pl.hasRoom.set(i)
	} else {
		pl.hasRoom.clear(i)
	}
	if paused {
		pl.active.clear(i)
	} else {
		pl.active.set(i)
	}
}

// loadKey is a partner's load in 1e-6 units: open leads over capacity,
// and over no capacity 0.
func (pl *Pool) loadKey(i int32) int64 {
	if pl.capacity[i] == 0 {
		return 0
	}
	return int64(pl.open[i]) * scale / int64(pl.capacity[i])
}

// sortLoad orders partners by load, then open leads, then score, then ID.
func (pl *Pool) sortLoad() {
	pl.loadOrder = make([]int32, pl.n)
	for i := range pl.loadOrder {
		pl.loadOrder[i] = int32(i)
	}
	slices.SortStableFunc(pl.loadOrder, func(a, b int32) int {
		if c := cmp.Compare(pl.loadKey(a), pl.loadKey(b)); c != 0 {
			return c
		}
		if c := cmp.Compare(pl.open[a], pl.open[b]); c != 0 {
			return c
		}
		return cmp.Compare(pl.score[b], pl.score[a])
	})
}

// scorer holds the scratch rationals of one pool build.
type scorer struct {
	v, n, sum, x, one *big.Rat
	q, r, twice       *big.Int
}

func newScorer() *scorer {
	return &scorer{v: new(big.Rat), n: new(big.Rat), sum: new(big.Rat), x: new(big.Rat), one: big.NewRat(1, 1),
		q: new(big.Int), r: new(big.Int), twice: new(big.Int)}
}

// scorePartner computes partner i's normalized factors and score exactly
// and rounds each once, half even, to 6 decimal places.
func (pl *Pool) scorePartner(sc *scorer, i int, pt *Partner) {
	e := pl.e
	if len(e.factors) == 0 {
		return
	}
	sc.sum.SetInt64(0)
	for fi := range e.factors {
		f := &e.factors[fi]
		raw, ok := pl.norm(sc, f, pt)
		slot := i*len(e.factors) + fi
		if ok {
			pl.has.set(slot)
			pl.raws[slot] = raw
		}
		pl.norms[slot] = sc.round(sc.n, scale)
		sc.sum.Add(sc.sum, sc.n.Mul(sc.n, f.weight))
	}
	sc.sum.Quo(sc.sum, e.wsum)
	pl.score[i] = sc.round(sc.sum, 100*scale)
}

// norm sets sc.n to factor f's value for pt normalized to 0..1, exactly,
// and returns the raw value's text and whether there was one.
func (pl *Pool) norm(sc *scorer, f *cfactor, pt *Partner) (string, bool) {
	var raw string
	has := true
	switch f.Source {
	case SourceTier:
		l := pl.e.def.Tiers
		r, ok := l.Rank(pt.Tier)
		switch {
		case !ok:
			sc.n.SetInt64(0)
			return "", false
		case l.Len() == 1:
			sc.n.SetInt64(1)
		default:
			sc.n.SetFrac64(int64(r), int64(l.Len()-1))
		}
		return string(pt.Tier), true
	case SourceFitScore:
		if has = pt.FitScore != nil; has {
			sc.v, raw = rat(*pt.FitScore), pt.FitScore.String()
		}
	case SourcePerformanceScore:
		if has = pt.PerformanceScore != nil; has {
			sc.v, raw = rat(*pt.PerformanceScore), pt.PerformanceScore.String()
		}
	case SourceWinRate:
		if has = pt.WinRate != nil; has {
			sc.v, raw = rat(pt.WinRate.Decimal()), pt.WinRate.String()
		}
	case SourceResponseTime:
		if has = pt.ResponseHours != nil; has {
			sc.v, raw = rat(*pt.ResponseHours), pt.ResponseHours.String()+"h"
		}
	case SourceCustom:
		var d partnerops.Decimal
		if d, has = pt.Scores[f.Name]; has {
			sc.v, raw = rat(d), d.String()
		}
	}
	if !has {
		sc.n.SetInt64(0)
		return "", false
	}
	// (v - worst) / (best - worst), clamped to [0, 1].
	sc.n.Sub(sc.v, f.worst)
	sc.n.Quo(sc.n, f.span)
	switch {
	case sc.n.Sign() < 0:
		sc.n.SetInt64(0)
	case sc.n.Cmp(sc.one) > 0:
		sc.n.SetInt64(1)
	}
	return raw, true
}

// round returns q × unit (q non-negative) rounded half even to an
// integer.
func (sc *scorer) round(q *big.Rat, unit int64) int64 {
	sc.x.SetInt64(unit)
	sc.x.Mul(sc.x, q)
	sc.q.QuoRem(sc.x.Num(), sc.x.Denom(), sc.r)
	sc.twice.Lsh(sc.r, 1)
	switch c := sc.twice.Cmp(sc.x.Denom()); {
	case c > 0, c == 0 && sc.q.Bit(0) == 1:
		return sc.q.Int64() + 1
	}
	return sc.q.Int64()
}

// Len returns the number of partners in the pool.
func (pl *Pool) Len() int { return pl.n }

// Partners returns the pool's partner IDs in ID order.
func (pl *Pool) Partners() []partnerops.PartnerID { return slices.Clone(pl.ids) }

// Engine returns the engine the pool was built for.
func (pl *Pool) Engine() *Engine { return pl.e }

// index returns the position of a partner, or -1.
func (pl *Pool) index(id partnerops.PartnerID) int {
	i, ok := slices.BinarySearch(pl.ids, id)
	if !ok {
		return -1
	}
	return i
}

// Load is a partner's current load, for [Pool.Update].
type Load struct {
	Partner   partnerops.PartnerID `json:"partner"`
	OpenLeads int                  `json:"open_leads"`
	// Capacity replaces the partner's capacity when positive.
	Capacity int  `json:"capacity,omitempty"`
	Paused   bool `json:"paused,omitempty"`
}

// Update returns a new pool with the partners' loads changed (open leads,
// capacity, paused), sharing everything else with p, which is unchanged.
// It costs a copy of the load arrays and a sort of the partners by load.
func (pl *Pool) Update(loads ...Load) (*Pool, error) {
	var p partnerops.Problems
	for i, l := range loads {
		lp := partnerops.Path("loads", partnerops.Key(l.Partner))
		if pl.index(l.Partner) < 0 {
			p.AddWrapped(partnerops.Path("loads", i, "partner"), "not in the pool", ErrUnknownPartner)
		}
		if l.OpenLeads < 0 || l.Capacity < 0 {
			p.Add(lp, "open leads and capacity must not be negative", "")
		}
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "updating %d loads", len(loads))
	}
	next := *pl
	next.open, next.capacity = slices.Clone(pl.open), slices.Clone(pl.capacity)
	next.hasRoom, next.active = slices.Clone(pl.hasRoom), slices.Clone(pl.active)
	for _, l := range loads {
		i := next.index(l.Partner)
		capacity := int(next.capacity[i])
		if l.Capacity > 0 {
			capacity = l.Capacity
		}
		next.setLoad(i, l.OpenLeads, capacity, l.Paused)
	}
	next.sortLoad()
	return &next, nil
}
