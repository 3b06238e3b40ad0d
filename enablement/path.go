package enablement

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// LearningPath is an ordered graph of modules: each module lists the
// modules that must be completed before it. The graph must be acyclic and
// every prerequisite must be a module of the path.
type LearningPath struct {
	ID      PathID   `json:"id"`
	Title   string   `json:"title"`
	Modules []Module `json:"modules" aka:"steps"`
}

// Module is one step of a learning path. A person completes it by
// completing the module itself (a [Completion] of the module ID) or its
// asset. Optional modules do not count toward progress.
type Module struct {
	ID            ModuleID   `json:"id"`
	Title         string     `json:"title,omitempty"`
	Asset         AssetID    `json:"asset,omitempty"`
	Prerequisites []ModuleID `json:"prerequisites,omitempty" aka:"requires,depends_on,after"`
	Optional      bool       `json:"optional,omitempty"`
}

// Path is a compiled, immutable learning path, safe for concurrent use.
// Build one with [CompileLearningPath] or [Compile].
type Path struct {
	def   LearningPath
	pos   map[ModuleID]int // module index by ID
	deps  [][]int          // per module, indexes of its prerequisites
	order []int            // topological order, ties by declared order

	warnings partnerops.Warnings
}

// CompileLearningPath validates def and computes its module order. It
// reports every problem as a [*partnerops.ValidationError] whose path
// names modules by their IDs, all joined under one "enablement: compiling
// learning path:" prefix: an empty path ID, no modules, empty or duplicate
// module IDs, prerequisites that name no module of the path, a module
// that requires itself, and cycles, named module by module
// ("modules[a].prerequisites: prerequisites form a cycle: a -> c -> b ->
// a"; a long cycle by its length and first ten modules).
// [Path.Warnings] lists what is valid but probably not meant.
func CompileLearningPath(def LearningPath) (*Path, error) {
	var probs partnerops.Problems
	var warns partnerops.Warnings
	p := compilePath(def, &probs, "", nil, &warns)
	if err := probs.Err(); err != nil {
		return nil, errorf("compiling learning path: %w", err)
	}
	return p, nil
}

// Warnings returns what compiling found valid but probably not meant: an
// optional module that a required module depends on (it is required in
// effect), and a path whose modules are all optional (its progress is
// always 100%).
func (p *Path) Warnings() []partnerops.Warning { return slices.Clone(p.warnings) }

// compilePath validates one path; assetKnown, when not nil, checks module
// assets against the catalog. Warnings go to warns and to the path.
func compilePath(def LearningPath, probs *partnerops.Problems, prefix string, assetKnown func(AssetID) bool, warns *partnerops.Warnings) *Path {
	path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
	mod := func(i int) any { return elem(string(def.Modules[i].ID), i) }
	before := probs.Len()
	if def.ID == "" {
		probs.Add(path("id"), "must not be empty", "")
	}
	if len(def.Modules) == 0 {
		probs.Add(path("modules"), "must have at least one module", "")
	}
	pos := make(map[ModuleID]int, len(def.Modules))
	for i, m := range def.Modules {
		if m.ID == "" {
			probs.Add(path("modules", i, "id"), "must not be empty", "")
			continue
		}
		if j, dup := pos[m.ID]; dup {
			probs.Add(path("modules", mod(i), "id"), duplicateRule("modules", j, i), clip(string(m.ID)))
			continue
		}
		pos[m.ID] = i
	}
	p := &Path{def: cloneLearningPath(def), pos: pos, deps: make([][]int, len(def.Modules))}
	for i, m := range def.Modules {
		if m.Asset != "" && assetKnown != nil && !assetKnown(m.Asset) {
			probs.Add(path("modules", mod(i), "asset"), "must name an asset in the catalog", clip(string(m.Asset)))
		}
		for j, pre := range m.Prerequisites {
			k, ok := pos[pre]
			switch {
			case !ok:
				probs.Add(path("modules", mod(i), "prerequisites", j), "names a missing module", clip(string(pre)))
			case pre == m.ID:
				probs.Add(path("modules", mod(i), "prerequisites", j), "a module cannot require itself", clip(string(pre)))
			default:
				p.deps[i] = append(p.deps[i], k)
			}
		}
	}
	for _, cyc := range findCycles(len(def.Modules), func(i int) []int { return p.deps[i] }) {
		probs.Add(path("modules", mod(cyc.nodes[0]), "prerequisites"), "prerequisites form a cycle"+
			describeCycle(cyc, "modules", func(i int) string { return string(def.Modules[i].ID) }), "")
	}
	if probs.Len() > before {
		return nil
	}
	p.order = topoOrder(len(def.Modules), func(i int) []int { return p.deps[i] })
	var ws partnerops.Warnings
	required := 0
	warned := make([]bool, len(def.Modules))
	for i, m := range def.Modules {
		if m.Optional {
			continue
		}
		required++
		for _, d := range p.deps[i] {
			if def.Modules[d].Optional && !warned[d] {
				warned[d] = true
				ws.Add(path("modules", mod(d), "optional"), fmt.Sprintf(
					"optional, but required module %q depends on it: it is required in effect", clip(string(m.ID))), "")
			}
		}
	}
	if required == 0 && len(def.Modules) > 0 {
		ws.Add(path("modules"), "every module is optional: progress is always 100%", "")
	}
	p.warnings = ws
	*warns = append(*warns, ws...)
	return p
}

func cloneLearningPath(def LearningPath) LearningPath {
	def.Modules = slices.Clone(def.Modules)
	for i := range def.Modules {
		def.Modules[i].Prerequisites = slices.Clone(def.Modules[i].Prerequisites)
	}
	return def
}

// ID returns the path's ID.
func (p *Path) ID() PathID { return p.def.ID }

// Definition returns a copy of the path's definition.
func (p *Path) Definition() LearningPath { return cloneLearningPath(p.def) }

// Order returns the module IDs so that every module comes after its
// prerequisites; among modules that are ready together, the one declared
// first comes first.
func (p *Path) Order() []ModuleID {
	out := make([]ModuleID, len(p.order))
	for k, i := range p.order {
		out[k] = p.def.Modules[i].ID
	}
	return out
}

// PathProgress is a person's progress through a learning path at a time.
type PathProgress struct {
	Path   PathID    `json:"path"`
	Person PersonID  `json:"person"`
	At     time.Time `json:"at"`
	// Completed lists the completed modules, Next the modules available
	// now (not completed, every prerequisite completed) and Blocked the
	// rest, each in [Path.Order].
	Completed []ModuleID `json:"completed"`
	Next      []ModuleID `json:"next"`
	Blocked   []ModuleID `json:"blocked"`
	// RequiredDone of Required non-optional modules are completed.
	Required     int `json:"required"`
	RequiredDone int `json:"required_done"`
	// Percent is RequiredDone / Required in percent, rounded half up to
	// one decimal place; 100 when the path has no required module.
	Percent partnerops.Percent `json:"percent"`
	// Done reports whether every required module is completed.
	Done bool `json:"done"`
}

// Progress returns person p's progress at at. A module counts as completed
// when a completion of the module ID or of its asset is dated at or before
// at, even if its prerequisites were completed later.
//
// The cost is linear in the modules and the person's completions: the
// completions are indexed once, not scanned for every module.
func (p *Path) Progress(person Person, at time.Time) PathProgress {
	evd := newEvidence(&person, at)
	return p.progress(&evd)
}

func (p *Path) progress(evd *evidence) PathProgress {
	done := make([]bool, len(p.def.Modules))
	for i, m := range p.def.Modules {
		_, done[i] = evd.completedAt(string(m.ID), string(m.Asset))
	}
	pp := PathProgress{Path: p.def.ID, Person: evd.p.ID, At: evd.at,
		Completed: []ModuleID{}, Next: []ModuleID{}, Blocked: []ModuleID{}}
	for _, i := range p.order {
		m := &p.def.Modules[i]
		if !m.Optional {
			pp.Required++
		}
		if done[i] {
			pp.Completed = append(pp.Completed, m.ID)
			if !m.Optional {
				pp.RequiredDone++
			}
			continue
		}
		ready := true
		for _, d := range p.deps[i] {
			ready = ready && done[d]
		}
		if ready {
			pp.Next = append(pp.Next, m.ID)
		} else {
			pp.Blocked = append(pp.Blocked, m.ID)
		}
	}
	pp.Done = pp.RequiredDone == pp.Required
	pp.Percent = percentOf(pp.RequiredDone, pp.Required)
	return pp
}

// percentOf returns part / whole in percent, rounded half up to one
// decimal place, and 100% when whole is zero.
func percentOf(part, whole int) partnerops.Percent {
	if whole == 0 {
		return partnerops.PercentFromInt(100)
	}
	return ratioPercent(part, whole)
}

// ratioPercent returns part / whole (0 <= part, 0 < whole) in percent,
// rounded once, half up, to one decimal place from the exact quotient:
// round(1000·part / whole) tenths, in integers (no allocation) while they
// cannot overflow, through [partnerops.Decimal.Quo] beyond.
func ratioPercent(part, whole int) partnerops.Percent {
	if part >= 0 && part < 1<<40 && whole > 0 && whole < 1<<40 {
		tenths := (int64(part)*2000 + int64(whole)) / (2 * int64(whole))
		return partnerops.NewPercent(partnerops.NewDecimal(tenths, -1))
	}
	q, err := partnerops.DecimalFromInt(int64(part)).Mul(partnerops.DecimalFromInt(100)).Quo(partnerops.DecimalFromInt(int64(whole)), 1, partnerops.RoundHalfUp)
	if err != nil { // whole > 0: cannot happen
		return partnerops.Percent{}
	}
	return partnerops.NewPercent(q)
}

// String renders the progress as "onboarding: 2/4 required modules (50%), next: m3, m4".
func (pp PathProgress) String() string {
	next := make([]string, len(pp.Next))
	for i, m := range pp.Next {
		next[i] = string(m)
	}
	s := fmt.Sprintf("%s: %d/%d required modules (%s)", pp.Path, pp.RequiredDone, pp.Required, pp.Percent)
	if len(next) > 0 {
		s += ", next: " + strings.Join(next, ", ")
	}
	return s
}
