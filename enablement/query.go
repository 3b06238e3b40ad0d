package enablement

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// DefaultLimit is the page size of a [Query] whose Limit is zero.
const DefaultLimit = 20

// MaxQueryTerms bounds the number of words in [Query.Text].
const MaxQueryTerms = 16

// Query selects catalog assets. Within one facet the selected values are
// alternatives (any of them); across facets they all apply; the words of
// Text all apply too. A scoping facet (partner type, motion, role, region,
// language) admits the assets tagged with a selected value and the assets
// that list no value at all (they are for everyone). An empty Query
// selects every published asset.
//
// Text matches words of the title and the topics, case-insensitively, by
// prefix: "sec" matches "Security". Assets published after the query time
// are never returned. Stale and retired assets are returned and flagged
// unless ExcludeStale or ExcludeRetired asks to leave them out; OnlyStale
// keeps only the stale ones (the review queue of content owners), and
// PublishedSince keeps only assets published at or after it ("new this
// quarter").
type Query struct {
	Text         string                   `json:"text,omitempty" aka:"q,query"`
	Kinds        []AssetKind              `json:"kinds,omitempty"`
	Levels       []SkillLevel             `json:"levels,omitempty"`
	PartnerTypes []partnerops.PartnerType `json:"partner_types,omitempty"`
	Motions      []partnerops.Motion      `json:"motions,omitempty"`
	Roles        []Role                   `json:"roles,omitempty"`
	Regions      []partnerops.Region      `json:"regions,omitempty"`
	Languages    []string                 `json:"languages,omitempty"`
	Topics       []string                 `json:"topics,omitempty"`
	Products     []string                 `json:"products,omitempty"`

	ExcludeStale   bool      `json:"exclude_stale,omitempty"`
	ExcludeRetired bool      `json:"exclude_retired,omitempty"`
	OnlyStale      bool      `json:"only_stale,omitempty"`
	PublishedSince time.Time `json:"published_since,omitzero"`

	// Offset skips that many hits; Limit is the page size (DefaultLimit
	// when zero).
	Offset int `json:"offset,omitempty"`
	Limit  int `json:"limit,omitempty"`
}

func (q *Query) selected(f int) []string {
	l := facetLists{kinds: q.Kinds, levels: q.Levels, partnerTypes: q.PartnerTypes, motions: q.Motions, roles: q.Roles,
		regions: q.Regions, languages: q.Languages, topics: q.Topics, products: q.Products}
	return l.values(f)
}

// Validate reports [*partnerops.ValidationError] values for unknown kinds,
// levels and roles, a negative offset or limit, too many words, and
// OnlyStale with ExcludeStale.
func (q Query) Validate() error {
	var probs partnerops.Problems
	for i, k := range q.Kinds {
		if !k.Valid() {
			probs.Add(partnerops.Path("kinds", i), "unknown asset kind", string(k))
		}
	}
	for i, l := range q.Levels {
		if !l.Valid() {
			probs.Add(partnerops.Path("levels", i), "unknown skill level", l.String())
		}
	}
	for i, r := range q.Roles {
		if !r.Valid() {
			probs.Add(partnerops.Path("roles", i), "unknown role", string(r))
		}
	}
	if q.Offset < 0 {
		probs.Add("offset", "must not be negative", "")
	}
	if q.Limit < 0 {
		probs.Add("limit", "must not be negative", "")
	}
	if q.ExcludeStale && q.OnlyStale {
		probs.Add("only_stale", "cannot be combined with exclude_stale", "")
	}
	if len(tokenize(q.Text)) > MaxQueryTerms {
		probs.Addf("text", truncate(q.Text, 40), "must have at most %d words", MaxQueryTerms)
	}
	return probs.Err()
}

// Results is the answer to a [Query].
type Results struct {
	// Total is the number of matching assets; Hits is the requested page.
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
	// Facets holds the counts for every facet, in [Facets] order.
	Facets []FacetCounts `json:"facets"`
}

// Hit is one matching asset. Score is its relevance (see [Catalog.Search]),
// and Terms explains it word by word (empty without query text).
// Stale and Retired flag assets past their review-by date or retired; for
// such an asset Successor names the first non-retired asset down its
// successor chain (or the chain's last asset when all are retired).
type Hit struct {
	ID        AssetID     `json:"id"`
	Title     string      `json:"title"`
	Kind      AssetKind   `json:"kind"`
	Level     SkillLevel  `json:"level"`
	Score     int         `json:"score"`
	Terms     []TermScore `json:"terms,omitempty"`
	Stale     bool        `json:"stale,omitempty"`
	Retired   bool        `json:"retired,omitempty"`
	Successor AssetID     `json:"successor,omitempty"`
}

// FacetCounts lists the values of one facet with their counts.
type FacetCounts struct {
	Facet  Facet        `json:"facet"`
	Values []FacetValue `json:"values"`
}

// FacetValue is one value of a facet. Count is the number of assets that
// would match if this value were the facet's only selection, the other
// facets' selections staying as they are ("disjunctive" facet counts).
type FacetValue struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected,omitempty"`
}

// Relevance points per query word, taking the best match of the word
// (documented in [Catalog.Search]).
const (
	scoreTitleExact  = 4
	scoreTopicExact  = 3
	scoreTitlePrefix = 2
	scoreTopicPrefix = 1
)

// term is one query word resolved against the vocabulary: the token ids
// [lo, hi) start with it, and exact is the id equal to it or -1.
type term struct {
	word          string
	lo, hi, exact int32
}

// Search runs q against the catalog at time at.
//
// Order: hits are sorted by Score, highest first, then by asset ID. For
// each word of Text an asset earns the best of: 4 points when a title word
// equals it, 3 when a topic word equals it, 2 when a title word starts with
// it, 1 when a topic word starts with it; Score is the sum over words.
// Without Text every score is 0 and hits are in ID order.
//
// Facet counts follow the disjunctive rule of [FacetValue]: for a facet
// with no selection they count within the matches, so for single-valued
// facets (kind, level) they add up to Total. Stale, retired and
// unpublished exclusions apply to the counts as to the hits.
//
// Invalid queries give an error wrapping [partnerops.ErrInvalid].
func (c *Catalog) Search(q Query, at time.Time) (Results, error) {
	if err := q.Validate(); err != nil {
		return Results{}, errorf("searching: %w", err)
	}
	n := len(c.assets)
	base := newBitset(n)
	base.fill(n)
	c.clearUnpublished(base, at)
	if q.ExcludeRetired {
		base.andNot(c.retired)
	}
	if q.ExcludeStale {
		c.clearStale(base, at)
	}
	if q.OnlyStale {
		fresh := newBitset(n)
		fresh.fill(n)
		c.clearStale(fresh, at)
		base.andNot(fresh)
	}
	if !q.PublishedSince.IsZero() {
		k := sort.Search(len(c.byPublished), func(x int) bool { return !c.assets[c.byPublished[x]].Published.Before(q.PublishedSince) })
		for _, i := range c.byPublished[:k] {
			base[i>>6] &^= 1 << (uint(i) & 63)
		}
	}
	scratch := newBitset(n)
	terms := c.resolveTerms(q.Text)
	for _, t := range terms {
		clear(scratch)
		for tok := t.lo; tok < t.hi; tok++ {
			for _, i := range c.postings[tok] {
				scratch[i>>6] |= 1 << (uint(i) & 63)
			}
		}
		base.and(scratch)
	}

	var sel [numFacets]bitset
	var selected [numFacets][]string // distinct, sorted
	matches := newBitset(n)
	matches.copyFrom(base)
	for f := 0; f < numFacets; f++ {
		vals := q.selected(f)
		if len(vals) == 0 {
			continue
		}
		selected[f] = sortedUnique(slices.Clone(vals))
		fi := &c.facets[f]
		sel[f] = newBitset(n)
		if fi.all != nil {
			sel[f].copyFrom(fi.all)
		}
		for _, v := range selected[f] {
			if k, ok := fi.pos[v]; ok {
				fi.orInto(sel[f], k)
			}
		}
		matches.and(sel[f])
	}

	res := Results{Total: matches.count(), Facets: make([]FacetCounts, numFacets)}
	for f := 0; f < numFacets; f++ {
		within := matches
		if sel[f] != nil {
			within = scratch
			within.copyFrom(base)
			for g := 0; g < numFacets; g++ {
				if g != f && sel[g] != nil {
					within.and(sel[g])
				}
			}
		}
		res.Facets[f] = c.facetCounts(f, within, selected[f])
	}
	res.Hits = c.page(matches, terms, q, at)
	return res, nil
}

// facetCounts counts the values of facet f within the given assets;
// selected holds the query's distinct selections, sorted.
func (c *Catalog) facetCounts(f int, within bitset, selected []string) FacetCounts {
	fi := &c.facets[f]
	forAll := 0
	if fi.all != nil {
		forAll = within.andCount(fi.all)
	}
	fc := FacetCounts{Facet: Facets()[f], Values: make([]FacetValue, len(fi.values))}
	for k, v := range fi.values {
		_, sel := slices.BinarySearch(selected, v)
		fc.Values[k] = FacetValue{Value: v, Count: fi.count(within, k) + forAll, Selected: sel}
	}
	// A selected value the catalog has never seen still gets a row (after
	// the known values, sorted), so the caller sees its selection and its
	// count, which for a scoping facet is the assets for everyone.
	for _, v := range selected {
		if _, ok := fi.pos[v]; !ok {
			fc.Values = append(fc.Values, FacetValue{Value: v, Count: forAll, Selected: true})
		}
	}
	return fc
}

func (c *Catalog) resolveTerms(text string) []term {
	words := tokenize(text)
	terms := make([]term, 0, len(words))
	for _, w := range words {
		lo := sort.SearchStrings(c.vocab, w)
		hi := lo
		for hi < len(c.vocab) && strings.HasPrefix(c.vocab[hi], w) {
			hi++
		}
		t := term{word: w, lo: int32(lo), hi: int32(hi), exact: -1}
		if lo < len(c.vocab) && c.vocab[lo] == w {
			t.exact = int32(lo)
		}
		terms = append(terms, t)
	}
	return terms
}

func (c *Catalog) score(i int, terms []term) int {
	total := 0
	for _, t := range terms {
		total += c.termScore(i, t)
	}
	return total
}

// termScore returns the points asset i earns for one query word: the best
// of its title and topic matches.
func (c *Catalog) termScore(i int, t term) int {
	best := 0
	for _, tok := range c.titleTok[i] {
		switch {
		case tok == t.exact:
			best = max(best, scoreTitleExact)
		case tok >= t.lo && tok < t.hi:
			best = max(best, scoreTitlePrefix)
		}
	}
	for _, tok := range c.topicTok[i] {
		switch {
		case tok == t.exact:
			best = max(best, scoreTopicExact)
		case tok >= t.lo && tok < t.hi:
			best = max(best, scoreTopicPrefix)
		}
	}
	return best
}

// TermScore explains the points one query word earned a hit.
type TermScore struct {
	Word string `json:"word"`
	// Match is "title exact" (4 points), "topic exact" (3), "title
	// prefix" (2) or "topic prefix" (1).
	Match  string `json:"match"`
	Points int    `json:"points"`
}

var matchNames = [...]string{scoreTopicPrefix: "topic prefix", scoreTitlePrefix: "title prefix",
	scoreTopicExact: "topic exact", scoreTitleExact: "title exact"}

type scored struct {
	idx   int
	score int
}

// page returns hits [Offset, Offset+Limit) of matches in relevance order,
// keeping only the best Offset+Limit candidates (a bounded heap), so the
// cost is linear in the matches.
func (c *Catalog) page(matches bitset, terms []term, q Query, at time.Time) []Hit {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	need := q.Offset + limit
	if need < 0 || need > len(c.assets) { // overflow or beyond the catalog
		need = len(c.assets)
	}
	top := make([]scored, 0, min(need, 1024))
	if len(terms) == 0 {
		matches.each(func(i int) bool {
			top = append(top, scored{idx: i})
			return len(top) < need
		})
	} else {
		// top is a min-heap on (score, -idx): the root is the worst kept
		// hit. Indexes arrive in increasing order, so a newcomer with the
		// root's score ranks below it and only a higher score displaces it.
		worse := func(a, b scored) bool { return a.score < b.score || (a.score == b.score && a.idx > b.idx) }
		matches.each(func(i int) bool {
			s := scored{idx: i, score: c.score(i, terms)}
			if len(top) < need {
				top = append(top, s)
				siftUp(top, len(top)-1, worse)
			} else if need > 0 && s.score > top[0].score {
				top[0] = s
				siftDown(top, 0, worse)
			}
			return true
		})
		slices.SortFunc(top, func(a, b scored) int {
			if a.score != b.score {
				return b.score - a.score
			}
			return a.idx - b.idx
		})
	}
	if q.Offset >= len(top) {
		return []Hit{}
	}
	top = top[q.Offset:]
	hits := make([]Hit, len(top))
	termBuf := make([]TermScore, len(top)*len(terms)) // one backing array for every hit's Terms
	for k, s := range top {
		a := &c.assets[s.idx]
		hits[k] = Hit{ID: a.ID, Title: a.Title, Kind: a.Kind, Level: a.Level, Score: s.score,
			Stale: a.StaleAt(at), Retired: a.Retired}
		if j := c.successor[s.idx]; j >= 0 && (a.Retired || hits[k].Stale) {
			hits[k].Successor = c.assets[j].ID
		}
		if len(terms) > 0 {
			hits[k].Terms = termBuf[k*len(terms) : (k+1)*len(terms) : (k+1)*len(terms)]
			for x, t := range terms {
				p := c.termScore(s.idx, t)
				hits[k].Terms[x] = TermScore{Word: t.word, Match: matchNames[p], Points: p}
			}
		}
	}
	return hits
}

func siftUp(h []scored, i int, worse func(a, b scored) bool) {
	for i > 0 {
		p := (i - 1) / 2
		if !worse(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func siftDown(h []scored, i int, worse func(a, b scored) bool) {
	for {
		l, m := 2*i+1, i
		if l < len(h) && worse(h[l], h[m]) {
			m = l
		}
		if r := l + 1; r < len(h) && worse(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
