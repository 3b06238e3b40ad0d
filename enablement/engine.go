package enablement

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// Definition is a whole enablement program as data: the program's tiers,
// partner types and motions; the catalog; the certifications; the
// learning paths; and the tier and motion requirements. It round-trips
// through encoding/json.
type Definition struct {
	Program        partnerops.Program `json:"program"`
	Assets         []Asset            `json:"assets,omitempty"`
	Certifications []Certification    `json:"certifications,omitempty"`
	LearningPaths  []LearningPath     `json:"learning_paths,omitempty"`
	Requirements   []Requirement      `json:"requirements,omitempty"`
}

// Requirement asks that a partner have Count distinct people who hold a
// certification that counts, for example "2 certified sales people" or
// "a specialization per motion".
//
// The certification must be one of Certifications when that list is set,
// of kind CertificationKind when that is set, and held by a person of Role
// when that is set. Motion restricts the requirement to partners that run
// that motion and asks for a certification covering it; PerMotion repeats
// the requirement once for every motion the partner runs, each asking for
// a certification covering that motion.
//
// Requirements are cumulative up the tier ladder: a partner holds tier T
// when it meets every requirement of T and of every tier below T.
type Requirement struct {
	ID                RequirementID     `json:"id"`
	Tier              partnerops.Tier   `json:"tier"`
	Description       string            `json:"description,omitempty"`
	Count             int               `json:"count" aka:"people,min,minimum"`
	Role              Role              `json:"role,omitempty"`
	Certifications    []CertificationID `json:"certifications,omitempty" aka:"certification"`
	CertificationKind CertificationKind `json:"certification_kind,omitempty"`
	Motion            partnerops.Motion `json:"motion,omitempty"`
	PerMotion         bool              `json:"per_motion,omitempty"`
}

// MaxRequirementCount bounds [Requirement.Count].
const MaxRequirementCount = 100000

// maxMotions bounds the motions a program may know (common and declared),
// so that a set of motions fits in one machine word.
const maxMotions = 64

// requirement is a compiled requirement.
type requirement struct {
	def     Requirement
	rank    int    // tier rank on the ladder
	role    uint8  // roleCode of def.Role, 0 for any role
	accepts []bool // per certification index
	motion  int    // engine motion index, or -1
}

// Engine is a compiled enablement program: the catalog, certifications,
// learning paths and requirements, cross-checked. It is immutable and safe
// for concurrent use. Build one with [Compile].
type Engine struct {
	program   partnerops.Program
	catalog   *Catalog
	certs     []certification
	certIdx   map[CertificationID]int
	certOrder []int // certification indexes in ID order
	paths     map[PathID]*Path
	pathOrder []PathID
	reqs      []requirement // by tier rank, then declared order
	motions   []partnerops.Motion
	motionIdx map[partnerops.Motion]int
	products  []string  // every product named by a certification, sorted
	prep      [][]int32 // per certification, indexes of the assets preparing for it
	reqPos    map[RequirementID]int
	warnings  partnerops.Warnings
}

// Compile validates def as a whole and builds an [Engine]. Besides the
// checks of [CompileCatalog] and [CompileLearningPath], it reports
// certifications with empty or duplicate IDs, unknown kinds, roles or
// motions, pass marks outside 0 to 100, renewal windows or grace periods
// not shorter than the validity, courses that are not catalog assets,
// unknown or self prerequisites and prerequisite cycles; assets preparing
// for unknown certifications; modules naming unknown assets; and
// requirements with empty or duplicate IDs, tiers not on the ladder,
// counts below 1, unknown roles, kinds, motions or certifications. Every
// problem is a [*partnerops.ValidationError] whose path names list
// elements by their IDs ("certifications[cka].renewal_window"), all of
// them joined under one "enablement: compiling definition:" prefix.
//
// Definitions that are valid but probably not meant (a pass mark of 0.7%,
// a requirement no certification can satisfy, ...) compile, and are
// listed by [Engine.Warnings].
func Compile(def Definition) (*Engine, error) {
	var probs partnerops.Problems
	pr := def.Program
	probs.Merge("program", pr.Validate())
	e := &Engine{program: pr, motionIdx: map[partnerops.Motion]int{}, paths: map[PathID]*Path{}}
	for _, m := range append(partnerops.Motions(), pr.Motions...) {
		if _, ok := e.motionIdx[m]; !ok {
			e.motionIdx[m] = len(e.motions)
			e.motions = append(e.motions, m)
		}
	}
	if len(e.motions) > maxMotions {
		probs.Addf("program.motions", "", "a program may know at most %d motions", maxMotions)
	}

	e.catalog = compileCatalog(pr, def.Assets, &probs, "assets", &e.warnings)
	assetIDs := make(map[AssetID]bool, len(def.Assets))
	for _, a := range def.Assets {
		assetIDs[a.ID] = true
	}
	e.compileCertifications(def.Certifications, def.Assets, assetIDs, &probs)
	for i, a := range def.Assets {
		for j, c := range a.Certifications {
			if _, ok := e.certIdx[c]; !ok && c != "" {
				probs.Add(partnerops.Path("assets", elem(string(a.ID), i), "certifications", j), "must name a certification", clip(string(c)))
			}
		}
	}
	pathPos := map[PathID]int{}
	for i, lp := range def.LearningPaths {
		prefix := partnerops.Path("learning_paths", elem(string(lp.ID), i))
		p := compilePath(lp, &probs, prefix, func(id AssetID) bool { return assetIDs[id] }, &e.warnings)
		if lp.ID == "" {
			continue
		}
		if j, dup := pathPos[lp.ID]; dup {
			probs.Add(partnerops.JoinPath(prefix, "id"), duplicateRule("learning paths", j, i), clip(string(lp.ID)))
			continue
		}
		pathPos[lp.ID] = i
		e.paths[lp.ID] = p
		e.pathOrder = append(e.pathOrder, lp.ID)
	}
	slices.Sort(e.pathOrder)
	e.compileRequirements(def.Requirements, &probs)
	if err := probs.Err(); err != nil {
		return nil, errorf("compiling definition: %w", err)
	}
	// Which certifications each asset prepares for: those it names and
	// those that require it as a course.
	for ci := range e.certs {
		for _, course := range e.certs[ci].def.Courses {
			ai := e.catalog.idx[course]
			e.catalog.prepFor[ai] = append(e.catalog.prepFor[ai], int32(ci))
		}
	}
	for ai := range e.catalog.assets {
		for _, c := range e.catalog.assets[ai].Certifications {
			e.catalog.prepFor[ai] = append(e.catalog.prepFor[ai], int32(e.certIdx[c]))
		}
		e.catalog.prepFor[ai] = sortedUniqueInt32(e.catalog.prepFor[ai])
	}
	e.prep = make([][]int32, len(e.certs))
	for ai, certs := range e.catalog.prepFor {
		for _, ci := range certs {
			e.prep[ci] = append(e.prep[ci], int32(ai))
		}
	}
	for i, a := range def.Assets {
		if a.Kind == AssetKindCertificationPrep && len(e.catalog.prepFor[e.catalog.idx[a.ID]]) == 0 {
			e.warnings.Add(partnerops.Path("assets", elem(string(a.ID), i), "certifications"),
				"a certification_prep asset that prepares for no certification (list them, or make it a course of one)", "")
		}
	}
	e.reqPos = make(map[RequirementID]int, len(e.reqs))
	for ri := range e.reqs {
		e.reqPos[e.reqs[ri].def.ID] = ri
	}
	return e, nil
}

// duplicateRule is the rule of a duplicate ID: the 0-based positions of
// the first element with it and of this one.
func duplicateRule(what string, first, this int) string {
	return fmt.Sprintf("duplicate ID: %s %d and %d (counting from 0) share it", what, first, this)
}

// Warnings returns what compiling found valid but probably not meant, in
// the order found: a pass mark between 0 and 1 percent (a fraction
// written where percent units are wanted) or of 0 (every attempt passes);
// a renewal window and grace period that together outlast the validity
// (the next window then opens only when the grace period ends); a course
// that is retired; a requirement no certification can satisfy (its tier
// can never be met); a certification_prep asset that prepares for nothing;
// a successor chain that ends at a retired asset; an optional module that
// required modules depend on; a path whose modules are all optional.
func (e *Engine) Warnings() []partnerops.Warning { return slices.Clone(e.warnings) }

// MustCompile is like [Compile] but panics on error. It is meant for tests
// and literals in examples, never for host input.
func MustCompile(def Definition) *Engine {
	e, err := Compile(def)
	if err != nil {
		panic(err)
	}
	return e
}

func (e *Engine) compileCertifications(defs []Certification, assets []Asset, assetIDs map[AssetID]bool, probs *partnerops.Problems) {
	e.certIdx = make(map[CertificationID]int, len(defs))
	e.certs = make([]certification, len(defs))
	assetPos := make(map[AssetID]int, len(assets))
	for i := range assets {
		if _, dup := assetPos[assets[i].ID]; !dup {
			assetPos[assets[i].ID] = i
		}
	}
	spans := map[int][2]int{}
	for i := range defs {
		c := &defs[i]
		prefix := partnerops.Path("certifications", elem(string(c.ID), i))
		path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
		validateCertification(e.program, c, path, probs, &e.warnings, spans)
		e.certs[i] = certification{def: c.clone()}
		if c.ID == "" {
			continue
		}
		if j, dup := e.certIdx[c.ID]; dup {
			probs.Add(path("id"), duplicateRule("certifications", j, i), clip(string(c.ID)))
		} else {
			e.certIdx[c.ID] = i
		}
	}
	var products []string
	for i := range defs {
		c := &e.certs[i]
		key := elem(string(c.def.ID), i)
		for j, course := range c.def.Courses {
			switch ai, ok := assetPos[course]; {
			case !ok:
				probs.Add(partnerops.Path("certifications", key, "courses", j), "must name an asset in the catalog", clip(string(course)))
			case assets[ai].Retired:
				rule := "the course is retired: nobody can take it now"
				if assets[ai].Successor != "" {
					rule += fmt.Sprintf(" (its successor is %q)", clip(string(assets[ai].Successor)))
				}
				e.warnings.Add(partnerops.Path("certifications", key, "courses", j), rule, clip(string(course)))
			}
		}
		for j, pre := range c.def.Prerequisites {
			k, ok := e.certIdx[pre]
			switch {
			case !ok:
				probs.Add(partnerops.Path("certifications", key, "prerequisites", j), "must name a certification", clip(string(pre)))
			case k == i || pre == c.def.ID:
				probs.Add(partnerops.Path("certifications", key, "prerequisites", j), "a certification cannot require itself", clip(string(pre)))
			default:
				c.prereqs = append(c.prereqs, k)
			}
		}
		if len(c.def.Motions) == 0 {
			c.motions = ^uint64(0)
		}
		for _, m := range c.def.Motions {
			if k, ok := e.motionIdx[m]; ok && k < maxMotions {
				c.motions |= 1 << uint(k)
			}
		}
		products = append(products, c.def.Products...)
	}
	for _, cyc := range findCycles(len(e.certs), func(i int) []int { return e.certs[i].prereqs }) {
		first := cyc.nodes[0]
		probs.Add(partnerops.Path("certifications", elem(string(e.certs[first].def.ID), first), "prerequisites"),
			"prerequisites form a cycle"+describeCycle(cyc, "certifications", func(i int) string { return string(e.certs[i].def.ID) }), "")
	}
	e.products = sortedUnique(products)
	for i := range e.certs {
		for _, p := range e.certs[i].def.Products {
			k, _ := slices.BinarySearch(e.products, p)
			e.certs[i].products = append(e.certs[i].products, k)
		}
	}
	e.certOrder = make([]int, len(e.certs))
	for i := range e.certOrder {
		e.certOrder[i] = i
	}
	slices.SortStableFunc(e.certOrder, func(a, b int) int {
		return strings.Compare(string(e.certs[a].def.ID), string(e.certs[b].def.ID))
	})
}

func (e *Engine) compileRequirements(defs []Requirement, probs *partnerops.Problems) {
	seen := map[RequirementID]int{}
	for i, r := range defs {
		key := elem(string(r.ID), i)
		path := func(parts ...any) string { return partnerops.Path(append([]any{"requirements", key}, parts...)...) }
		if r.ID == "" {
			probs.Add(path("id"), "must not be empty", "")
		} else if j, dup := seen[r.ID]; dup {
			probs.Add(path("id"), duplicateRule("requirements", j, i), clip(string(r.ID)))
		} else {
			seen[r.ID] = i
		}
		rank, ok := e.program.Tiers.Rank(r.Tier)
		switch {
		case ok:
		case e.program.Tiers.Len() == 0:
			probs.Add(path("tier"), "must be a tier on the program's ladder, but the program has no tiers: set program.tiers (lowest first)", clip(string(r.Tier)))
		default:
			probs.Addf(path("tier"), clip(string(r.Tier)), "must be a tier on the program's ladder (%s)", e.program.Tiers)
		}
		if r.Count < 1 || r.Count > MaxRequirementCount {
			probs.Addf(path("count"), fmt.Sprint(r.Count), "must be from 1 to %d", MaxRequirementCount)
		}
		if r.Role != "" && !r.Role.Valid() {
			probs.Add(path("role"), "must be sales, presales, technical or marketing", clip(string(r.Role)))
		}
		if r.CertificationKind != "" && !r.CertificationKind.Valid() {
			probs.Add(path("certification_kind"), "must be fundamentals, role_based or specialization", clip(string(r.CertificationKind)))
		}
		cr := requirement{def: r, rank: rank, motion: -1, accepts: make([]bool, len(e.certs))}
		if r.Role != "" {
			cr.role = roleCode(r.Role)
		}
		cr.def.Certifications = slices.Clone(r.Certifications)
		if r.Motion != "" {
			k, ok := e.motionIdx[r.Motion]
			if !ok {
				probs.Add(path("motion"), "must be a common motion or one the program declares", clip(string(r.Motion)))
			}
			cr.motion = k
			if r.PerMotion {
				probs.Add(path("per_motion"), "cannot be combined with a motion", "")
			}
		}
		named := make(map[CertificationID]bool, len(r.Certifications))
		for j, c := range r.Certifications {
			if _, ok := e.certIdx[c]; !ok {
				probs.Add(path("certifications", j), "must name a certification", clip(string(c)))
			}
			named[c] = true
		}
		satisfiable := false
		for ci := range e.certs {
			d := &e.certs[ci].def
			cr.accepts[ci] = (len(r.Certifications) == 0 || named[d.ID]) &&
				(r.CertificationKind == "" || d.Kind == r.CertificationKind)
			if cr.accepts[ci] && (r.Motion == "" || e.certs[ci].covers(cr.motion)) {
				satisfiable = true
			}
		}
		if !satisfiable && ok {
			e.warnings.Add(path(), "no certification satisfies this requirement: its tier can never be met", "")
		}
		e.reqs = append(e.reqs, cr)
	}
	slices.SortStableFunc(e.reqs, func(a, b requirement) int { return a.rank - b.rank })
}

// Catalog returns the engine's catalog.
func (e *Engine) Catalog() *Catalog { return e.catalog }

// Program returns the program the engine was compiled with.
func (e *Engine) Program() partnerops.Program { return e.program }

// Path returns the learning path with the given ID, or an error wrapping
// [ErrUnknownPath].
func (e *Engine) Path(id PathID) (*Path, error) {
	p, ok := e.paths[id]
	if !ok {
		return nil, errorf("learning path %q: %w", clip(string(id)), ErrUnknownPath)
	}
	return p, nil
}

// Paths returns the learning path IDs, sorted.
func (e *Engine) Paths() []PathID { return slices.Clone(e.pathOrder) }

// Certifications returns the certification IDs, sorted.
func (e *Engine) Certifications() []CertificationID {
	out := make([]CertificationID, len(e.certOrder))
	for k, i := range e.certOrder {
		out[k] = e.certs[i].def.ID
	}
	return out
}

// ValidatePerson checks the facts about a person against the engine: an
// ID, a known role, dated completions, exam results for exams some
// certification defines with scores from 0 to 100 (range-checked before
// anything compares them), and awards of known certifications with an
// earned date, renewals after it and in order, and no renewals of a
// certification that never expires (they would be ignored). Evaluation
// does not require valid people (it ignores what it cannot use); hosts
// call this at their boundary to catch bad data early. Every problem is a
// [*partnerops.ValidationError], all joined under one "enablement:
// checking person" prefix.
func (e *Engine) ValidatePerson(p Person) error {
	var probs partnerops.Problems
	if p.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	if !p.Role.Valid() {
		probs.Add("role", "must be sales, presales, technical or marketing", clip(string(p.Role)))
	}
	for i, c := range p.Completed {
		if c.Item == "" {
			probs.Add(partnerops.Path("completed", i, "item"), "must not be empty", "")
		}
		if c.At.IsZero() {
			probs.Add(partnerops.Path("completed", i, "at"), "must be set", "")
		}
	}
	exams := map[ExamID]bool{}
	for _, c := range e.certs {
		for _, ex := range c.def.Exams {
			exams[ex.ID] = true
		}
	}
	for i, r := range p.Exams {
		if !exams[r.Exam] {
			probs.Add(partnerops.Path("exams", i, "exam"), "must name an exam of a certification", clip(string(r.Exam)))
		}
		if !validScore(r.Score) {
			probs.Add(partnerops.Path("exams", i, "score"), "must be between 0 and 100", percentText(r.Score))
		}
		if r.At.IsZero() {
			probs.Add(partnerops.Path("exams", i, "at"), "must be set", "")
		}
	}
	for i, h := range p.Certifications {
		ci, ok := e.certIdx[h.Certification]
		if !ok {
			probs.Add(partnerops.Path("certifications", i, "certification"), "must name a certification", clip(string(h.Certification)))
		}
		if h.Earned.IsZero() {
			probs.Add(partnerops.Path("certifications", i, "earned"), "must be set", "")
		}
		if ok && len(h.Renewed) > 0 && e.certs[ci].def.Validity.IsZero() {
			probs.Add(partnerops.Path("certifications", i, "renewed"), "the certification never expires: renewals would be ignored", "")
		}
		prev := h.Earned
		for j, r := range h.Renewed {
			if !r.After(prev) {
				probs.Add(partnerops.Path("certifications", i, "renewed", j), "must be after the award and the previous renewal", r.Format(time.RFC3339))
			}
			prev = r
		}
	}
	if err := probs.Err(); err != nil {
		return errorf("checking person %q: %w", clip(string(p.ID)), err)
	}
	return nil
}
