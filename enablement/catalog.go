package enablement

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/partnerops/partnerops"
)

// Asset is one item of the enablement catalog: an onboarding kit, a
// playbook, certification prep, a co-sell engagement guide, a battlecard,
// a portal resource or a course.
//
// Scoping lists (PartnerTypes, Motions, Roles, Regions, Languages) say who
// the asset is for; an empty list means "everyone" (an asset with no
// regions is global). Subject lists (Topics, Products) say what the asset
// is about; an empty list means "nothing in particular".
//
// An asset is published from Published on. It is stale at a time at when
// ReviewBy is set and at is not before it. A retired asset stays in the
// catalog (links keep working) and points to its replacement through
// Successor.
type Asset struct {
	ID    AssetID    `json:"id"`
	Title string     `json:"title"`
	Kind  AssetKind  `json:"kind"`
	Level SkillLevel `json:"level"`

	PartnerTypes []partnerops.PartnerType `json:"partner_types,omitempty"`
	Motions      []partnerops.Motion      `json:"motions,omitempty"`
	Roles        []Role                   `json:"roles,omitempty"`
	Regions      []partnerops.Region      `json:"regions,omitempty"`
	Languages    []string                 `json:"languages,omitempty"`
	Topics       []string                 `json:"topics,omitempty"`
	Products     []string                 `json:"products,omitempty"`

	// Certifications lists the certifications this asset prepares for.
	Certifications []CertificationID `json:"certifications,omitempty" aka:"prepares_for,certification"`

	Published time.Time `json:"published" aka:"published_at,publish_date"`
	ReviewBy  time.Time `json:"review_by,omitzero" aka:"review_date,review"`
	Retired   bool      `json:"retired,omitempty"`
	Successor AssetID   `json:"successor,omitempty"`
}

// clone returns a deep copy of a, so that the engine's data never aliases
// the caller's.
func (a Asset) clone() Asset {
	a.PartnerTypes = slices.Clone(a.PartnerTypes)
	a.Motions = slices.Clone(a.Motions)
	a.Roles = slices.Clone(a.Roles)
	a.Regions = slices.Clone(a.Regions)
	a.Languages = slices.Clone(a.Languages)
	a.Topics = slices.Clone(a.Topics)
	a.Products = slices.Clone(a.Products)
	a.Certifications = slices.Clone(a.Certifications)
	return a
}

// StaleAt reports whether the asset is past its review-by date at at.
func (a Asset) StaleAt(at time.Time) bool { return !a.ReviewBy.IsZero() && !at.Before(a.ReviewBy) }

// CurrentAt reports whether the asset is published, not retired and not
// stale at at: the assets that count as coverage and are recommended.
func (a Asset) CurrentAt(at time.Time) bool {
	return !a.Retired && !a.Published.After(at) && !a.StaleAt(at)
}

// Facet names a dimension of the catalog that queries filter on and count.
type Facet string

// Facets, in the order results list them.
const (
	FacetKind        Facet = "kind"
	FacetLevel       Facet = "level"
	FacetPartnerType Facet = "partner_type"
	FacetMotion      Facet = "motion"
	FacetRole        Facet = "role"
	FacetRegion      Facet = "region"
	FacetLanguage    Facet = "language"
	FacetTopic       Facet = "topic"
	FacetProduct     Facet = "product"
)

// Facets returns the facets in the order results list them.
func Facets() []Facet {
	return []Facet{FacetKind, FacetLevel, FacetPartnerType, FacetMotion, FacetRole,
		FacetRegion, FacetLanguage, FacetTopic, FacetProduct}
}

const numFacets = 9

const (
	fKind = iota
	fLevel
	fPartnerType
	fMotion
	fRole
	fRegion
	fLanguage
	fTopic
	fProduct
)

// scoped reports whether an empty value list means "every value".
func facetScoped(f int) bool { return f >= fPartnerType && f <= fLanguage }

// facetLists holds the values of every facet, from an asset (its tags)
// or a query (its selections).
type facetLists struct {
	kinds        []AssetKind
	levels       []SkillLevel
	partnerTypes []partnerops.PartnerType
	motions      []partnerops.Motion
	roles        []Role
	regions      []partnerops.Region
	languages    []string
	topics       []string
	products     []string
}

// values returns the values of facet f as strings.
func (l *facetLists) values(f int) []string {
	switch f {
	case fKind:
		return toStrings(l.kinds)
	case fLevel:
		out := make([]string, len(l.levels))
		for i, v := range l.levels {
			out[i] = v.String()
		}
		return out
	case fPartnerType:
		return toStrings(l.partnerTypes)
	case fMotion:
		return toStrings(l.motions)
	case fRole:
		return toStrings(l.roles)
	case fRegion:
		return toStrings(l.regions)
	case fLanguage:
		return l.languages
	case fTopic:
		return l.topics
	case fProduct:
		return l.products
	}
	return nil
}

// assetValues returns the asset's values for facet f as strings.
func assetValues(a *Asset, f int) []string {
	l := facetLists{kinds: []AssetKind{a.Kind}, levels: []SkillLevel{a.Level}, partnerTypes: a.PartnerTypes,
		motions: a.Motions, roles: a.Roles, regions: a.Regions, languages: a.Languages, topics: a.Topics, products: a.Products}
	return l.values(f)
}

func toStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// facetIndex holds one facet's inverted index: the assets of each value
// (a bitset for values at least one asset in 64 holds, an ascending
// posting list for the rarer ones) and, for scoping facets, the assets
// that apply to every value.
type facetIndex struct {
	values []string
	pos    map[string]int
	bits   []bitset  // per value, or nil when posts holds it
	posts  [][]int32 // per value, or nil when bits holds it
	all    bitset    // scoping facets: assets with an empty list
}

// orInto adds the assets of value k to dst.
func (fi *facetIndex) orInto(dst bitset, k int) {
	if b := fi.bits[k]; b != nil {
		dst.or(b)
		return
	}
	for _, i := range fi.posts[k] {
		dst[i>>6] |= 1 << (uint(i) & 63)
	}
}

// count returns how many assets of value k are in within. The cost is the
// smaller of the bitset's words and the value's assets.
func (fi *facetIndex) count(within bitset, k int) int {
	if b := fi.bits[k]; b != nil {
		return within.andCount(b)
	}
	n := 0
	for _, i := range fi.posts[k] {
		n += int(within[i>>6] >> (uint(i) & 63) & 1)
	}
	return n
}

// Catalog is a compiled, immutable enablement catalog with inverted
// indexes for faceted queries. It is safe for concurrent use. Build one
// with [CompileCatalog] or [Compile].
type Catalog struct {
	assets []Asset // sorted by ID: index order is ID order
	idx    map[AssetID]int
	facets [numFacets]facetIndex

	retired bitset
	// byPublished and byReview hold asset indexes sorted by date, so the
	// unpublished and stale sets at any time are a suffix and a prefix.
	byPublished []int32
	byReview    []int32
	successor   []int32 // final non-retired successor, or -1

	vocab    []string  // sorted tokens of titles and topics
	postings [][]int32 // per token, asset indexes ascending
	titleTok [][]int32 // per asset, token ids in the title
	topicTok [][]int32 // per asset, token ids in the topics

	prepFor [][]int32 // per asset, certification indexes it prepares for (set by Compile)

	warnings partnerops.Warnings
}

// CatalogDefinition is the definition of a catalog on its own: the
// program (for its own partner types and motions) and the assets.
type CatalogDefinition struct {
	Program partnerops.Program `json:"program"`
	Assets  []Asset            `json:"assets"`
}

// CompileCatalog validates def and builds its indexes. It reports every
// problem as a [*partnerops.ValidationError] with a path naming assets by
// their IDs ("assets[kit-101].successor"), all joined under one
// "enablement: compiling catalog:" prefix: empty or duplicate IDs, empty
// titles, unknown kinds, levels, partner types, motions and roles, empty
// tags, a missing publish date, a review-by date not after the publish
// date, an unknown successor, an asset that is its own successor and
// successor cycles (named: "a -> b -> a"). The certifications an asset
// prepares for are checked by [Compile], which knows them.
// [Catalog.Warnings] lists what is valid but probably not meant.
func CompileCatalog(def CatalogDefinition) (*Catalog, error) {
	var probs partnerops.Problems
	probs.Merge("program", def.Program.Validate())
	var warns partnerops.Warnings
	c := compileCatalog(def.Program, def.Assets, &probs, "assets", &warns)
	if err := probs.Err(); err != nil {
		return nil, errorf("compiling catalog: %w", err)
	}
	return c, nil
}

// Warnings returns what compiling found valid but probably not meant:
// successor chains that end at a retired asset (hits then point to
// another retired asset), and a successor on an asset that can never be
// retired or stale as defined (it is never shown).
func (c *Catalog) Warnings() []partnerops.Warning { return slices.Clone(c.warnings) }

func compileCatalog(pr partnerops.Program, in []Asset, probs *partnerops.Problems, prefix string, warns *partnerops.Warnings) *Catalog {
	path := func(i int, parts ...any) string {
		return partnerops.JoinPath(prefix, partnerops.Path(append([]any{elem(string(in[i].ID), i)}, parts...)...))
	}
	seen := make(map[AssetID]int, len(in))
	for i := range in {
		a := &in[i]
		validateAsset(pr, a, func(parts ...any) string { return path(i, parts...) }, probs)
		if a.ID == "" {
			continue
		}
		if j, dup := seen[a.ID]; dup {
			probs.Add(path(i, "id"), duplicateRule("assets", j, i), clip(string(a.ID)))
		} else {
			seen[a.ID] = i
		}
	}
	for i := range in {
		a := &in[i]
		if a.Successor == "" {
			continue
		}
		if a.Successor == a.ID {
			probs.Add(path(i, "successor"), "an asset cannot succeed itself", clip(string(a.Successor)))
		} else if _, ok := seen[a.Successor]; !ok {
			probs.Add(path(i, "successor"), "must name an asset in the catalog", clip(string(a.Successor)))
		}
	}
	// Successor cycles: each asset has at most one successor edge.
	next := make([]int, len(in))
	for i := range in {
		next[i] = -1
		if j, ok := seen[in[i].Successor]; ok && j != i && in[i].Successor != "" {
			next[i] = j
		}
	}
	succ := func(i int) []int {
		if next[i] < 0 {
			return nil
		}
		return next[i : i+1]
	}
	for _, cyc := range findCycles(len(in), succ) {
		first := cyc.nodes[0]
		probs.Add(path(first, "successor"), "successors form a cycle"+
			describeCycle(cyc, "assets", func(i int) string { return string(in[i].ID) }), clip(string(in[first].Successor)))
	}
	if probs.Len() > 0 {
		return nil
	}
	c := buildCatalog(pr, in)
	for i := range in {
		if in[i].Successor == "" {
			continue
		}
		if !in[i].Retired && in[i].ReviewBy.IsZero() {
			warns.Add(path(i, "successor"), "a successor is shown only for a retired or stale asset, and this one is neither retired nor has a review_by date", clip(string(in[i].Successor)))
			continue
		}
		if j := c.successor[c.idx[in[i].ID]]; j >= 0 && c.assets[j].Retired {
			rule := fmt.Sprintf("every asset down the successor chain is retired (it ends at %q): hits point to a retired asset", clip(string(c.assets[j].ID)))
			warns.Add(path(i, "successor"), rule, clip(string(in[i].Successor)))
		}
	}
	c.warnings = slices.Clone(*warns)
	return c
}

func validateAsset(pr partnerops.Program, a *Asset, path func(parts ...any) string, probs *partnerops.Problems) {
	if a.ID == "" {
		probs.Add(path("id"), "must not be empty", "")
	}
	if strings.TrimSpace(a.Title) == "" {
		probs.Add(path("title"), "must not be empty", "")
	}
	if !a.Kind.Valid() {
		probs.Add(path("kind"), "must be one of onboarding_kit, playbook, certification_prep, cosell_guide, battlecard, portal_resource, course", clip(string(a.Kind)))
	}
	if !a.Level.Valid() {
		probs.Add(path("level"), "must be foundational, intermediate, advanced or expert", "")
	}
	for j, t := range a.PartnerTypes {
		if !pr.ValidPartnerType(t) {
			probs.Add(path("partner_types", j), "must be a common partner type or one the program declares", clip(string(t)))
		}
	}
	for j, m := range a.Motions {
		if !pr.ValidMotion(m) {
			probs.Add(path("motions", j), "must be a common motion or one the program declares", clip(string(m)))
		}
	}
	for j, r := range a.Roles {
		if !r.Valid() {
			probs.Add(path("roles", j), "must be sales, presales, technical or marketing", clip(string(r)))
		}
	}
	checkTags(path, "regions", a.Regions, probs)
	checkTags(path, "languages", a.Languages, probs)
	checkTags(path, "topics", a.Topics, probs)
	checkTags(path, "products", a.Products, probs)
	for j, c := range a.Certifications {
		if c == "" {
			probs.Add(path("certifications", j), "must not be empty", "")
		}
	}
	if a.Published.IsZero() {
		probs.Add(path("published"), "must be set", "")
	}
	if !a.ReviewBy.IsZero() && !a.Published.IsZero() && !a.ReviewBy.After(a.Published) {
		probs.Add(path("review_by"), "must be after the publish date", a.ReviewBy.Format(time.RFC3339))
	}
}

// checkTags requires every tag of list field to be non-empty and free of
// surrounding spaces. The path is built only for a problem (a catalog of
// 100,000 assets checks 400,000 lists).
func checkTags[T ~string](path func(parts ...any) string, field string, tags []T, probs *partnerops.Problems) {
	for j, t := range tags {
		if t == "" || strings.TrimSpace(string(t)) != string(t) {
			probs.Add(path(field, j), "must be non-empty without surrounding spaces", clip(string(t)))
		}
	}
}

func buildCatalog(pr partnerops.Program, in []Asset) *Catalog {
	n := len(in)
	c := &Catalog{assets: make([]Asset, n), idx: make(map[AssetID]int, n)}
	for i := range in {
		c.assets[i] = in[i].clone()
	}
	slices.SortFunc(c.assets, func(a, b Asset) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for i := range c.assets {
		c.idx[c.assets[i].ID] = i
	}

	// Facet value domains: closed enums list every value; partner types
	// and motions list the common ones and the program's own; the rest
	// list the values seen.
	for f := 0; f < numFacets; f++ {
		var vals []string
		switch f {
		case fKind:
			vals = toStrings(AssetKinds())
		case fLevel:
			for _, l := range SkillLevels() {
				vals = append(vals, l.String())
			}
		case fRole:
			vals = toStrings(Roles())
		case fPartnerType:
			vals = sortedUnique(append(toStrings(partnerops.PartnerTypes()), toStrings(pr.PartnerTypes)...))
		case fMotion:
			vals = sortedUnique(append(toStrings(partnerops.Motions()), toStrings(pr.Motions)...))
		default:
			for i := range c.assets {
				vals = append(vals, assetValues(&c.assets[i], f)...)
			}
			vals = sortedUnique(vals)
		}
		fi := &c.facets[f]
		fi.values = vals
		fi.pos = make(map[string]int, len(vals))
		for k, v := range vals {
			fi.pos[v] = k
		}
		if facetScoped(f) {
			fi.all = newBitset(n)
		}
		fi.posts = make([][]int32, len(vals))
		for i := range c.assets {
			vs := assetValues(&c.assets[i], f)
			if len(vs) == 0 && fi.all != nil {
				fi.all.set(i)
			}
			for _, v := range vs {
				k := fi.pos[v]
				if l := len(fi.posts[k]); l == 0 || fi.posts[k][l-1] != int32(i) {
					fi.posts[k] = append(fi.posts[k], int32(i))
				}
			}
		}
		// Values held by at least one asset in 64 get a bitset; the rest
		// keep their posting list, so memory stays linear in the tags
		// however many distinct values a catalog has.
		fi.bits = make([]bitset, len(vals))
		words := len(newBitset(n))
		for k, post := range fi.posts {
			if len(post) >= words {
				fi.bits[k] = newBitset(n)
				for _, i := range post {
					fi.bits[k].set(int(i))
				}
				fi.posts[k] = nil
			}
		}
	}

	c.retired = newBitset(n)
	c.successor = make([]int32, n)
	for i := range c.assets {
		c.successor[i] = -1
		if c.assets[i].Retired {
			c.retired.set(i)
		}
	}
	// Each asset's successor resolves to the first asset down its chain
	// that is not retired, or the chain's last asset; chains are acyclic
	// (validated). resolved[i] memoizes asset i's answer, so a chain is
	// walked once in all, not once per asset on it.
	resolved := make([]bool, n)
	var stack []int
	for i := range c.assets {
		for j := i; !resolved[j]; {
			stack = append(stack, j)
			if c.assets[j].Successor == "" {
				break
			}
			j = c.idx[c.assets[j].Successor]
		}
		for k := len(stack) - 1; k >= 0; k-- {
			j := stack[k]
			resolved[j] = true
			if c.assets[j].Successor == "" {
				continue
			}
			next := c.idx[c.assets[j].Successor]
			switch {
			case !c.assets[next].Retired || c.successor[next] < 0:
				c.successor[j] = int32(next)
			default:
				c.successor[j] = c.successor[next]
			}
		}
		stack = stack[:0]
	}

	c.byPublished = make([]int32, n)
	for i := range c.byPublished {
		c.byPublished[i] = int32(i)
	}
	sort.SliceStable(c.byPublished, func(x, y int) bool {
		return c.assets[c.byPublished[x]].Published.Before(c.assets[c.byPublished[y]].Published)
	})
	for i := range c.assets {
		if !c.assets[i].ReviewBy.IsZero() {
			c.byReview = append(c.byReview, int32(i))
		}
	}
	sort.SliceStable(c.byReview, func(x, y int) bool {
		return c.assets[c.byReview[x]].ReviewBy.Before(c.assets[c.byReview[y]].ReviewBy)
	})

	c.buildText()
	c.prepFor = make([][]int32, n)
	return c
}

func sortedUnique(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// tokenize splits s into lowercase words of letters and digits.
func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func (c *Catalog) buildText() {
	n := len(c.assets)
	titleWords := make([][]string, n)
	topicWords := make([][]string, n)
	var all []string
	for i := range c.assets {
		titleWords[i] = sortedUnique(tokenize(c.assets[i].Title))
		var tw []string
		for _, t := range c.assets[i].Topics {
			tw = append(tw, tokenize(t)...)
		}
		topicWords[i] = sortedUnique(tw)
		all = append(all, titleWords[i]...)
		all = append(all, topicWords[i]...)
	}
	c.vocab = sortedUnique(all)
	id := make(map[string]int32, len(c.vocab))
	for k, w := range c.vocab {
		id[w] = int32(k)
	}
	c.postings = make([][]int32, len(c.vocab))
	c.titleTok = make([][]int32, n)
	c.topicTok = make([][]int32, n)
	for i := 0; i < n; i++ {
		toks := func(words []string) []int32 {
			out := make([]int32, len(words))
			for k, w := range words {
				out[k] = id[w]
			}
			return out
		}
		c.titleTok[i] = toks(titleWords[i])
		c.topicTok[i] = toks(topicWords[i])
		for _, t := range sortedUniqueInt32(append(slices.Clone(c.titleTok[i]), c.topicTok[i]...)) {
			c.postings[t] = append(c.postings[t], int32(i))
		}
	}
}

func sortedUniqueInt32(xs []int32) []int32 {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// Len returns the number of assets.
func (c *Catalog) Len() int { return len(c.assets) }

// Asset returns a copy of the asset with the given ID, or an error
// wrapping [ErrUnknownAsset].
func (c *Catalog) Asset(id AssetID) (Asset, error) {
	i, ok := c.idx[id]
	if !ok {
		return Asset{}, errorf("asset %q: %w", clip(string(id)), ErrUnknownAsset)
	}
	return c.assets[i].clone(), nil
}

// Assets returns copies of all assets, sorted by ID.
func (c *Catalog) Assets() []Asset {
	out := make([]Asset, len(c.assets))
	for i := range c.assets {
		out[i] = c.assets[i].clone()
	}
	return out
}

// FacetValues returns the values facet f can take in this catalog, in the
// order results list them: kinds and levels in their declared order, every
// other facet sorted by value. It returns nil for an unknown facet.
func (c *Catalog) FacetValues(f Facet) []string {
	k := facetNumber(f)
	if k < 0 {
		return nil
	}
	return slices.Clone(c.facets[k].values)
}

func facetNumber(f Facet) int {
	for i, x := range Facets() {
		if x == f {
			return i
		}
	}
	return -1
}

// currentSet returns the bitset of assets current at at: published, not
// retired, not stale.
func (c *Catalog) currentSet(at time.Time) bitset {
	b := newBitset(len(c.assets))
	b.fill(len(c.assets))
	b.andNot(c.retired)
	c.clearUnpublished(b, at)
	c.clearStale(b, at)
	return b
}

// clearUnpublished clears the assets published after at.
func (c *Catalog) clearUnpublished(b bitset, at time.Time) {
	k := sort.Search(len(c.byPublished), func(x int) bool { return c.assets[c.byPublished[x]].Published.After(at) })
	for _, i := range c.byPublished[k:] {
		b[i>>6] &^= 1 << (uint(i) & 63)
	}
}

// clearStale clears the assets whose review-by date is not after at.
func (c *Catalog) clearStale(b bitset, at time.Time) {
	k := sort.Search(len(c.byReview), func(x int) bool { return c.assets[c.byReview[x]].ReviewBy.After(at) })
	for _, i := range c.byReview[:k] {
		b[i>>6] &^= 1 << (uint(i) & 63)
	}
}

// valueSet returns the assets that facet f admits for value v: those
// tagged v and, for scoping facets, those with an empty list. The result
// is written to dst.
func (c *Catalog) valueSet(dst bitset, f int, v string) {
	fi := &c.facets[f]
	if fi.all != nil {
		dst.copyFrom(fi.all)
	} else {
		clear(dst)
	}
	if k, ok := fi.pos[v]; ok {
		fi.orInto(dst, k)
	}
}
