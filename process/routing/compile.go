package routing

import (
	"math/big"
	"slices"
	"strconv"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// Engine holds a compiled [Definition]. It is immutable and safe for
// concurrent use; [Engine.Pool] builds the partner pool leads are routed
// among.
type Engine struct {
	def      Definition
	filters  []cfilter
	strategy StrategyKind // the first-rank strategy (sticky or another)
	then     StrategyKind // what ranks after the sticky holder; == strategy otherwise
	factors  []cfactor
	wsum     *big.Rat
	offers   int
	warnings []partnerops.Warning
}

type cfilter struct {
	Filter
	minRank int
	types   map[partnerops.PartnerType]bool
}

type cfactor struct {
	Factor
	best, worst *big.Rat
	span        *big.Rat // best - worst
	weight      *big.Rat
}

// Compile validates a definition once, reporting every problem with its
// path by ID, and returns the engine.
func Compile(d Definition) (*Engine, error) {
	var p partnerops.Problems
	var w partnerops.Warnings
	e := &Engine{def: d, offers: d.Offers}
	if e.offers == 0 {
		e.offers = 3
	}
	if d.Offers < 0 || d.Offers > 100 {
		p.Add("offers", "must be between 1 and 100", strconv.Itoa(d.Offers))
	}
	if d.DefaultCapacity < 0 {
		p.Add("default_capacity", "must not be negative (0 means no limit)", strconv.Itoa(d.DefaultCapacity))
	}
	seen := map[string]bool{}
	kindAt := map[FilterKind]string{}
	for i, f := range d.Filters {
		fp := partnerops.Path("filters", i)
		if f.ID != "" {
			fp = partnerops.Path("filters", partnerops.Key(f.ID))
		}
		at := func(s string) string { return partnerops.JoinPath(fp, s) }
		switch {
		case f.ID == "":
			p.Add(at("id"), "is required", "")
		case seen[f.ID]:
			p.Add(at("id"), "duplicate filter ID", f.ID)
		}
		seen[f.ID] = true
		if !f.Kind.Valid() {
			p.Addf(at("kind"), string(f.Kind), "must be one of %v", filterKinds)
			continue
		}
		if prev, dup := kindAt[f.Kind]; dup && f.Kind != FilterCertification && f.Kind != FilterType && f.Kind != FilterTier {
			w.Add(fp, "repeats filter "+prev+" of the same kind: it drops nobody", string(f.Kind))
		}
		kindAt[f.Kind] = f.ID
		refuse := func(field string, set bool) {
			if set {
				p.Add(at(field), "not used by kind "+string(f.Kind), "")
			}
		}
		refuse("types", f.Kind != FilterType && len(f.Types) > 0)
		refuse("min_tier", f.Kind != FilterTier && f.MinTier != "")
		refuse("name", f.Kind != FilterCertification && f.Name != "")
		refuse("min", f.Kind != FilterCertification && f.Min != 0)
		cf := cfilter{Filter: f}
		switch f.Kind {
		case FilterType:
			if len(f.Types) == 0 {
				p.Add(at("types"), "at least one partner type is required", "")
			}
			cf.types = map[partnerops.PartnerType]bool{}
			for j, t := range f.Types {
				if t == "" {
					p.Add(at(partnerops.Path("types", j)), "must not be empty", "")
				}
				cf.types[t] = true
			}
		case FilterTier:
			r, ok := d.Tiers.Rank(f.MinTier)
			switch {
			case f.MinTier == "":
				p.Add(at("min_tier"), "is required", "")
			case d.Tiers.Len() == 0:
				p.Add("tiers", "the tier ladder is required by tier filter "+f.ID, "")
			case !ok:
				p.AddWrapped(at("min_tier"), "not on the ladder "+d.Tiers.String(), partnerops.ErrUnknownTier)
			case r == 0:
				w.Add(at("min_tier"), "the lowest tier: only partners without a tier are dropped", string(f.MinTier))
			}
			cf.minRank = r
		case FilterCertification:
			if f.Name == "" {
				p.Add(at("name"), "is required", "")
			}
			switch {
			case f.Min < 0:
				p.Add(at("min"), "must not be negative", strconv.Itoa(f.Min))
			case f.Min == 0:
				cf.Min = 1
			}
		}
		e.filters = append(e.filters, cf)
	}
	for _, k := range []FilterKind{FilterCapacity, FilterPaused, FilterConflicts} {
		if _, ok := kindAt[k]; !ok {
			w.Add("filters", "no "+string(k)+" filter: "+map[FilterKind]string{
				FilterCapacity: "partners at capacity still receive leads", FilterPaused: "paused partners still receive leads",
				FilterConflicts: "partners with a conflict of interest still receive leads"}[k], "")
		}
	}
	s := d.Strategy
	e.strategy, e.then = s.Kind, s.Kind
	switch {
	case s.Kind == "":
		p.Add("strategy.kind", "is required", "")
	case !s.Kind.Valid():
		p.Addf("strategy.kind", string(s.Kind), "must be one of %v", strategyKinds)
	case s.Kind == StrategySticky:
		e.then = s.Then
		if e.then == "" {
			e.then = StrategyBestFit
		}
		if !e.then.Valid() || e.then == StrategySticky {
			p.Addf("strategy.then", string(s.Then), "must be one of %v", strategyKinds[:4])
		}
	case s.Then != "":
		p.Add("strategy.then", "not used by strategy "+string(s.Kind), string(s.Then))
	}
	if len(s.Factors) > 0 && (e.then == StrategyRoundRobin || e.then == StrategyLoadBalanced) {
		p.Add("strategy.factors", "not used by strategy "+string(e.then), "")
	}
	if e.then == StrategyBestFit && len(s.Factors) == 0 {
		p.Add("strategy.factors", "at least one factor is required by best_fit", "")
	}
	e.wsum = new(big.Rat)
	fseen := map[string]bool{}
	for i, f := range s.Factors {
		fp := partnerops.Path("strategy", "factors", i)
		if f.ID != "" {
			fp = partnerops.Path("strategy", "factors", partnerops.Key(f.ID))
		}
		at := func(x string) string { return partnerops.JoinPath(fp, x) }
		switch {
		case f.ID == "":
			p.Add(at("id"), "is required", "")
		case fseen[f.ID]:
			p.Add(at("id"), "duplicate factor ID", f.ID)
		}
		fseen[f.ID] = true
		if !f.Source.Valid() {
			p.Addf(at("source"), string(f.Source), "must be one of %v", sources)
			continue
		}
		if f.Source == SourceCustom && f.Name == "" {
			p.Add(at("name"), "is required by a custom factor", "")
		}
		if f.Source != SourceCustom && f.Name != "" {
			p.Add(at("name"), "not used by source "+string(f.Source), f.Name)
		}
		if !f.Weight.IsPositive() {
			p.Add(at("weight"), "must be positive", f.Weight.String())
		}
		cf := cfactor{Factor: f, worst: new(big.Rat), best: big.NewRat(100, 1)}
		switch f.Source {
		case SourceResponseTime:
			cf.best, cf.worst = new(big.Rat), big.NewRat(72, 1)
		case SourceTier:
			if d.Tiers.Len() == 0 {
				p.Add("tiers", "the tier ladder is required by tier factor "+f.ID, "")
			}
			if f.Best != nil || f.Worst != nil {
				p.Add(fp, "best and worst are not used by source tier", "")
			}
		}
		if f.Best != nil {
			cf.best = rat(*f.Best)
		}
		if f.Worst != nil {
			cf.worst = rat(*f.Worst)
		}
		if cf.best.Cmp(cf.worst) == 0 {
			p.Add(at("best"), "must differ from worst", cf.best.RatString())
		}
		cf.span = new(big.Rat).Sub(cf.best, cf.worst)
		cf.weight = rat(f.Weight)
		e.wsum.Add(e.wsum, cf.weight)
		e.factors = append(e.factors, cf)
	}
	if err := p.Err(); err != nil {
		return nil, wrap(err, "compiling definition %q", d.ID)
	}
	e.warnings = w
	return e, nil
}

// rat returns d as an exact rational.
func rat(d partnerops.Decimal) *big.Rat { return fence.Dec(d).Rat() }

// Warnings returns what Compile found valid but suspicious: no capacity,
// paused or conflicts filter, a repeated filter, a tier filter at the
// lowest tier.
func (e *Engine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }

// Definition returns the definition the engine was compiled from.
func (e *Engine) Definition() Definition { return e.def }

// Offers returns the number of partners a lead is offered to at most.
func (e *Engine) Offers() int { return e.offers }
