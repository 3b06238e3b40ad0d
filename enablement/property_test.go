package enablement_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"pgregory.net/rapid"
)

var (
	propKinds   = []enablement.AssetKind{enablement.AssetKindPlaybook, enablement.AssetKindBattlecard, enablement.AssetKindCourse}
	propTypes   = []partnerops.PartnerType{partnerops.PartnerTypeReseller, partnerops.PartnerTypeGSI, partnerops.PartnerTypeMSP}
	propMotions = []partnerops.Motion{partnerops.MotionResell, partnerops.MotionCoSell}
	propRegions = []partnerops.Region{"emea", "amer"}
	propLangs   = []string{"en", "de"}
	propTopics  = []string{"alpha", "beta", "alphabet", "gamma ray"}
	propProds   = []string{"x", "y"}
	propWords   = []string{"Cloud", "cloudy", "Security", "sec", "Data", "data-ops", "AI"}
)

func subset[T any](t *rapid.T, label string, xs []T) []T {
	return rapid.SliceOfN(rapid.SampledFrom(xs), 0, 3).Draw(t, label)
}

func genCatalog(t *rapid.T) []enablement.Asset {
	n := rapid.IntRange(0, 30).Draw(t, "n")
	assets := make([]enablement.Asset, n)
	for i := range assets {
		pub := date(2025, 1, 1).AddDate(0, 0, rapid.IntRange(0, 400).Draw(t, "pub"))
		a := enablement.Asset{
			ID:    enablement.AssetID(fmt.Sprintf("a%02d", i)),
			Title: strings.Join(rapid.SliceOfN(rapid.SampledFrom(propWords), 1, 3).Draw(t, "title"), " "),
			Kind:  rapid.SampledFrom(propKinds).Draw(t, "kind"), Level: rapid.SampledFrom(enablement.SkillLevels()).Draw(t, "level"),
			PartnerTypes: subset(t, "types", propTypes), Motions: subset(t, "motions", propMotions),
			Roles: subset(t, "roles", enablement.Roles()), Regions: subset(t, "regions", propRegions),
			Languages: subset(t, "langs", propLangs), Topics: subset(t, "topics", propTopics), Products: subset(t, "prods", propProds),
			Published: pub, Retired: rapid.Bool().Draw(t, "retired"),
		}
		if rapid.Bool().Draw(t, "reviewed") {
			a.ReviewBy = pub.AddDate(0, rapid.IntRange(1, 12).Draw(t, "review"), 0)
		}
		if i > 0 && rapid.IntRange(0, 3).Draw(t, "succ") == 0 {
			a.Successor = assets[rapid.IntRange(0, i-1).Draw(t, "succTo")].ID
		}
		assets[i] = a
	}
	return assets
}

func genQuery(t *rapid.T) enablement.Query {
	q := enablement.Query{
		Kinds: subset(t, "qkinds", propKinds), Levels: subset(t, "qlevels", enablement.SkillLevels()),
		PartnerTypes: subset(t, "qtypes", append(propTypes, partnerops.PartnerTypeOEM)), Motions: subset(t, "qmotions", propMotions),
		Roles: subset(t, "qroles", enablement.Roles()), Regions: subset(t, "qregions", append(propRegions, "apac")),
		Languages: subset(t, "qlangs", propLangs), Topics: subset(t, "qtopics", propTopics), Products: subset(t, "qprods", propProds),
		ExcludeStale: rapid.Bool().Draw(t, "xstale"), ExcludeRetired: rapid.Bool().Draw(t, "xretired"),
		Limit: 1000,
	}
	if !q.ExcludeStale {
		q.OnlyStale = rapid.Bool().Draw(t, "onlystale")
	}
	if rapid.Bool().Draw(t, "since") {
		q.PublishedSince = date(2025, 1, 1).AddDate(0, 0, rapid.IntRange(0, 400).Draw(t, "sinceDay"))
	}
	if rapid.Bool().Draw(t, "text") {
		q.Text = strings.Join(rapid.SliceOfN(rapid.SampledFrom([]string{"clo", "cloud", "sec", "data", "ops", "alpha", "gam", "zzz"}), 1, 2).Draw(t, "words"), " ")
	}
	return q
}

func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// naiveMatch is the specification of Query, asset by asset; skip leaves
// one facet out (for disjunctive counts), -1 for none.
func naiveMatch(a enablement.Asset, q enablement.Query, at time.Time, skip enablement.Facet) bool {
	if a.Published.After(at) || (q.ExcludeRetired && a.Retired) || (q.ExcludeStale && a.StaleAt(at)) ||
		(q.OnlyStale && !a.StaleAt(at)) || a.Published.Before(q.PublishedSince) {
		return false
	}
	words := lowerWords(a.Title)
	for _, tp := range a.Topics {
		words = append(words, lowerWords(tp)...)
	}
	for _, w := range lowerWords(q.Text) {
		if !slices.ContainsFunc(words, func(x string) bool { return strings.HasPrefix(x, w) }) {
			return false
		}
	}
	scoped := func(f enablement.Facet, sel, vals []string) bool {
		return f == skip || len(sel) == 0 || len(vals) == 0 || slices.ContainsFunc(sel, func(s string) bool { return slices.Contains(vals, s) })
	}
	literal := func(f enablement.Facet, sel, vals []string) bool {
		return f == skip || len(sel) == 0 || slices.ContainsFunc(sel, func(s string) bool { return slices.Contains(vals, s) })
	}
	return literal(enablement.FacetKind, strs(q.Kinds), []string{string(a.Kind)}) &&
		literal(enablement.FacetLevel, levelStrs(q.Levels), []string{a.Level.String()}) &&
		scoped(enablement.FacetPartnerType, strs(q.PartnerTypes), strs(a.PartnerTypes)) &&
		scoped(enablement.FacetMotion, strs(q.Motions), strs(a.Motions)) &&
		scoped(enablement.FacetRole, strs(q.Roles), strs(a.Roles)) &&
		scoped(enablement.FacetRegion, strs(q.Regions), strs(a.Regions)) &&
		scoped(enablement.FacetLanguage, q.Languages, a.Languages) &&
		literal(enablement.FacetTopic, q.Topics, a.Topics) &&
		literal(enablement.FacetProduct, q.Products, a.Products)
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func levelStrs(ls []enablement.SkillLevel) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
	}
	return out
}

// withOnly returns q with facet f's selection replaced by the single value v.
func withOnly(q enablement.Query, f enablement.Facet, v string) enablement.Query {
	switch f {
	case enablement.FacetKind:
		q.Kinds = []enablement.AssetKind{enablement.AssetKind(v)}
	case enablement.FacetLevel:
		l, _ := enablement.ParseSkillLevel(v)
		q.Levels = []enablement.SkillLevel{l}
	case enablement.FacetPartnerType:
		q.PartnerTypes = []partnerops.PartnerType{partnerops.PartnerType(v)}
	case enablement.FacetMotion:
		q.Motions = []partnerops.Motion{partnerops.Motion(v)}
	case enablement.FacetRole:
		q.Roles = []enablement.Role{enablement.Role(v)}
	case enablement.FacetRegion:
		q.Regions = []partnerops.Region{partnerops.Region(v)}
	case enablement.FacetLanguage:
		q.Languages = []string{v}
	case enablement.FacetTopic:
		q.Topics = []string{v}
	case enablement.FacetProduct:
		q.Products = []string{v}
	}
	return q
}

// TestPropertySearchMatchesSpecification checks hits, totals and every
// facet count against the asset-by-asset specification, and that the
// single-valued facets' counts add up to the total.
func TestPropertySearchMatchesSpecification(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		assets := genCatalog(t)
		c, err := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: assets})
		if err != nil {
			t.Fatal(err)
		}
		q := genQuery(t)
		at := date(2025, 1, 1).AddDate(0, 0, rapid.IntRange(0, 500).Draw(t, "at"))
		res, err := c.Search(q, at)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, a := range assets {
			if naiveMatch(a, q, at, "") {
				want = append(want, string(a.ID))
			}
		}
		var got []string
		for k, h := range res.Hits {
			got = append(got, string(h.ID))
			if k > 0 {
				prev := res.Hits[k-1]
				if prev.Score < h.Score || (prev.Score == h.Score && prev.ID >= h.ID) {
					t.Fatalf("hits out of order: %+v before %+v", prev, h)
				}
			}
		}
		slices.Sort(got)
		if res.Total != len(want) {
			t.Fatalf("Total = %d, want %d", res.Total, len(want))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("hits (-want +got):\n%s", diff)
		}
		for _, fc := range res.Facets {
			sum := 0
			for _, v := range fc.Values {
				n := 0
				for _, a := range assets {
					if naiveMatch(a, withOnly(q, fc.Facet, v.Value), at, "") {
						n++
					}
				}
				if v.Count != n {
					t.Fatalf("facet %s=%s count = %d, want %d", fc.Facet, v.Value, v.Count, n)
				}
				sum += v.Count
			}
			if fc.Facet == enablement.FacetKind || fc.Facet == enablement.FacetLevel {
				base := 0
				for _, a := range assets {
					if naiveMatch(a, q, at, fc.Facet) {
						base++
					}
				}
				if sum != base {
					t.Fatalf("facet %s counts sum to %d, want %d (matches without the %s filter)", fc.Facet, sum, base, fc.Facet)
				}
			}
		}
	})
}

// TestPropertySearchOrderIndependent checks that neither the order of the
// assets in the definition nor the order (or repetition) of selected
// values changes the results.
func TestPropertySearchOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		assets := genCatalog(t)
		perm := rapid.Permutation(assets).Draw(t, "perm")
		c1, err1 := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: assets})
		c2, err2 := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: perm})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		q := genQuery(t)
		q.Limit = rapid.IntRange(0, 40).Draw(t, "limit")
		q.Offset = rapid.IntRange(0, 5).Draw(t, "offset")
		q2 := q
		q2.Kinds = slices.Concat(rapid.Permutation(q.Kinds).Draw(t, "pk"), q.Kinds)
		q2.Motions = rapid.Permutation(q.Motions).Draw(t, "pm")
		q2.Regions = slices.Concat(q.Regions, rapid.Permutation(q.Regions).Draw(t, "pr"))
		q2.Topics = rapid.Permutation(q.Topics).Draw(t, "pt")
		at := date(2025, 6, 1)
		r1, err1 := c1.Search(q, at)
		r2, err2 := c2.Search(q2, at)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(r1, r2); diff != "" {
			t.Fatalf("results depend on order (-first +second):\n%s", diff)
		}
	})
}

// TestPropertyCoverageOrderIndependent checks that coverage does not
// depend on the order of partners or people.
func TestPropertyCoverageOrderIndependent(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	certs := []enablement.CertificationID{"sales-fundamentals", "cloud-sales-pro", "cloud-architect", "cosell-specialist", "resell-specialist"}
	rapid.Check(t, func(t *rapid.T) {
		np := rapid.IntRange(1, 8).Draw(t, "np")
		partners := make([]partnerops.Partner, np)
		for i := range partners {
			partners[i] = partnerops.Partner{ID: partnerops.PartnerID(fmt.Sprintf("p%d", i)),
				Type:    rapid.SampledFrom(propTypes).Draw(t, "type"),
				Tier:    rapid.SampledFrom([]partnerops.Tier{"", "registered", "silver", "gold", "platinum"}).Draw(t, "tier"),
				Motions: subset(t, "motions", propMotions), Regions: subset(t, "regions", propRegions)}
		}
		people := make([]enablement.Person, rapid.IntRange(0, 25).Draw(t, "people"))
		for k := range people {
			p := enablement.Person{ID: enablement.PersonID(fmt.Sprintf("u%d", k)),
				Partner: partners[rapid.IntRange(0, np-1).Draw(t, "owner")].ID, Role: rapid.SampledFrom(enablement.Roles()).Draw(t, "role")}
			for range rapid.IntRange(0, 3).Draw(t, "held") {
				p.Certifications = append(p.Certifications, held(rapid.SampledFrom(certs).Draw(t, "cert"),
					date(2024, 1, 1).AddDate(0, 0, rapid.IntRange(0, 800).Draw(t, "earned"))))
			}
			people[k] = p
		}
		at := date(2026, 1, 1)
		c1, _ := e.Coverage(partners, people, at, enablement.CoverageOptions{})
		c2, _ := e.Coverage(rapid.Permutation(partners).Draw(t, "pp"), rapid.Permutation(people).Draw(t, "pu"), at, enablement.CoverageOptions{})
		if diff := cmp.Diff(c1, c2); diff != "" {
			t.Fatalf("coverage depends on order (-first +second):\n%s", diff)
		}
		sum := 0
		for _, r := range c1.ByTier {
			sum += r.Partners
		}
		if sum != np || c1.Overall.Partners != np {
			t.Fatalf("tier rows count %d partners, overall %d, want %d", sum, c1.Overall.Partners, np)
		}
	})
}
