package enablement_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func asset(id enablement.AssetID, title string, mod ...func(*enablement.Asset)) enablement.Asset {
	a := enablement.Asset{ID: id, Title: title, Kind: enablement.AssetKindPlaybook,
		Level: enablement.SkillLevelFoundational, Published: date(2025, 1, 1)}
	for _, m := range mod {
		m(&a)
	}
	return a
}

type problem struct{ Path, Rule, Value string }

func problems(err error) []problem {
	var out []problem
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, problem{ve.Path, ve.Rule, ve.Value})
	}
	return out
}

func TestCompileCatalogErrors(t *testing.T) {
	tests := []struct {
		name string
		def  enablement.CatalogDefinition
		want []problem
	}{
		{"duplicate id", enablement.CatalogDefinition{Assets: []enablement.Asset{asset("a", "A"), asset("a", "B")}},
			[]problem{{"assets[a].id", "duplicate ID: assets 0 and 1 (counting from 0) share it", "a"}}},
		{"empty id and title", enablement.CatalogDefinition{Assets: []enablement.Asset{asset("", " ")}},
			[]problem{{"assets[0].id", "must not be empty", ""}, {"assets[0].title", "must not be empty", ""}}},
		{"unknown successor", enablement.CatalogDefinition{Assets: []enablement.Asset{asset("a", "A", func(a *enablement.Asset) { a.Successor = "zz" })}},
			[]problem{{"assets[a].successor", "must name an asset in the catalog", "zz"}}},
		{"own successor", enablement.CatalogDefinition{Assets: []enablement.Asset{asset("a", "A", func(a *enablement.Asset) { a.Successor = "a" })}},
			[]problem{{"assets[a].successor", "an asset cannot succeed itself", "a"}}},
		{"successor cycle of three", enablement.CatalogDefinition{Assets: []enablement.Asset{
			asset("a", "A", func(a *enablement.Asset) { a.Successor = "b" }),
			asset("b", "B", func(a *enablement.Asset) { a.Successor = "c" }),
			asset("c", "C", func(a *enablement.Asset) { a.Successor = "a" }),
			asset("d", "D", func(a *enablement.Asset) { a.Successor = "a" }),
		}}, []problem{{"assets[a].successor", "successors form a cycle: a -> b -> c -> a", "b"}}},
		{"bad dates", enablement.CatalogDefinition{Assets: []enablement.Asset{
			asset("a", "A", func(a *enablement.Asset) { a.Published = time.Time{} }),
			asset("b", "B", func(a *enablement.Asset) { a.ReviewBy = a.Published }),
		}}, []problem{{"assets[a].published", "must be set", ""},
			{"assets[b].review_by", "must be after the publish date", "2025-01-01T00:00:00Z"}}},
		{"unknown enums and tags", enablement.CatalogDefinition{Assets: []enablement.Asset{asset("a", "A", func(a *enablement.Asset) {
			a.Kind, a.Level = "video", 7
			a.PartnerTypes = []partnerops.PartnerType{"reseller", "franchise"}
			a.Motions = []partnerops.Motion{"barter"}
			a.Roles = []enablement.Role{"ceo"}
			a.Topics = []string{" padded"}
			a.Regions = []partnerops.Region{""}
		})}}, []problem{
			{"assets[a].kind", "must be one of onboarding_kit, playbook, certification_prep, cosell_guide, battlecard, portal_resource, course", "video"},
			{"assets[a].level", "must be foundational, intermediate, advanced or expert", ""},
			{"assets[a].partner_types[1]", "must be a common partner type or one the program declares", "franchise"},
			{"assets[a].motions[0]", "must be a common motion or one the program declares", "barter"},
			{"assets[a].roles[0]", "must be sales, presales, technical or marketing", "ceo"},
			{"assets[a].regions[0]", "must be non-empty without surrounding spaces", ""},
			{"assets[a].topics[0]", "must be non-empty without surrounding spaces", " padded"},
		}},
		{"program-declared values are accepted", enablement.CatalogDefinition{
			Program: partnerops.Program{PartnerTypes: []partnerops.PartnerType{"franchise"}, Motions: []partnerops.Motion{"barter"}},
			Assets: []enablement.Asset{asset("a", "A", func(a *enablement.Asset) {
				a.PartnerTypes = []partnerops.PartnerType{"franchise"}
				a.Motions = []partnerops.Motion{"barter"}
			})}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := enablement.CompileCatalog(tt.def)
			if diff := cmp.Diff(tt.want, problems(err)); diff != "" {
				t.Errorf("CompileCatalog problems (-want +got):\n%s", diff)
			}
			if tt.want != nil && (!errors.Is(err, partnerops.ErrInvalid) || c != nil) {
				t.Errorf("CompileCatalog = %v, %v; want nil and ErrInvalid", c, err)
			}
		})
	}
}

func searchIDs(t *testing.T, c *enablement.Catalog, q enablement.Query) []enablement.AssetID {
	t.Helper()
	res, err := c.Search(q, date(2026, 3, 1))
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	ids := []enablement.AssetID{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestSearchFilters(t *testing.T) {
	c := enablement.MustCompile(sampleDefinition()).Catalog()
	tests := []struct {
		name string
		q    enablement.Query
		want []enablement.AssetID
	}{
		// Scoping facets admit assets that list no value (for everyone).
		{"partner type gsi: tagged and untagged", enablement.Query{PartnerTypes: []partnerops.PartnerType{partnerops.PartnerTypeGSI}},
			[]enablement.AssetID{"a-onboard", "b-rival", "b-rival-2", "c-sales-101", "c-sales-201", "g-cosell", "p-arch-prep", "p-sales-prep", "r-portal"}},
		{"motion co_sell and kind playbook or guide", enablement.Query{Motions: []partnerops.Motion{partnerops.MotionCoSell},
			Kinds: []enablement.AssetKind{enablement.AssetKindPlaybook, enablement.AssetKindCoSellGuide}},
			[]enablement.AssetID{"g-cosell"}},
		{"region emea with language de", enablement.Query{Regions: []partnerops.Region{"emea"}, Languages: []string{"de"},
			Levels: []enablement.SkillLevel{enablement.SkillLevelAdvanced}},
			[]enablement.AssetID{"k-resell-adv", "p-arch-prep"}},
		{"region apac leaves out emea-only assets", enablement.Query{Regions: []partnerops.Region{"apac"}, Kinds: []enablement.AssetKind{enablement.AssetKindPlaybook}},
			[]enablement.AssetID{"k-resell", "k-resell-old"}},
		// Subject facets are literal.
		{"topic competition", enablement.Query{Topics: []string{"competition"}}, []enablement.AssetID{"b-rival", "b-rival-2"}},
		{"product security", enablement.Query{Products: []string{"security"}}, []enablement.AssetID{"p-arch-prep"}},
		{"unknown product", enablement.Query{Products: []string{"quantum"}}, []enablement.AssetID{}},
		{"exclude retired", enablement.Query{Kinds: []enablement.AssetKind{enablement.AssetKindPlaybook}, ExcludeRetired: true},
			[]enablement.AssetID{"k-resell", "k-resell-adv"}},
		{"exclude stale", enablement.Query{Topics: []string{"competition"}, ExcludeStale: true}, []enablement.AssetID{"b-rival-2"}},
		{"only stale: the review queue", enablement.Query{OnlyStale: true}, []enablement.AssetID{"b-rival"}},
		{"published since 2025-06-01", enablement.Query{PublishedSince: date(2025, 6, 1)}, []enablement.AssetID{"b-rival-2"}},
		{"paging", enablement.Query{Offset: 2, Limit: 3}, []enablement.AssetID{"b-rival-2", "c-sales-101", "c-sales-201"}},
		{"offset past the end", enablement.Query{Offset: 50}, []enablement.AssetID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, searchIDs(t, c, tt.q)); diff != "" {
				t.Errorf("Search(%+v) (-want +got):\n%s", tt.q, diff)
			}
		})
	}
}

func TestSearchUnpublishedNeverReturned(t *testing.T) {
	c := enablement.MustCompile(sampleDefinition()).Catalog()
	res, err := c.Search(enablement.Query{Topics: []string{"competition"}}, date(2026, 1, 31))
	if err != nil {
		t.Fatal(err)
	}
	// b-rival-2 is published on 2026-02-01.
	if diff := cmp.Diff([]enablement.Hit{{ID: "b-rival", Title: "Battlecard: Rival Cloud", Kind: enablement.AssetKindBattlecard,
		Level: enablement.SkillLevelIntermediate, Stale: true}}, res.Hits); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
}

func TestSearchRelevance(t *testing.T) {
	c, err := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: []enablement.Asset{
		asset("t-exact", "Security basics"),                                                                // title exact: 4
		asset("t-prefix", "Securing workloads"),                                                            // title prefix "secur": 2
		asset("o-exact", "Workloads", func(a *enablement.Asset) { a.Topics = []string{"security"} }),       // topic exact: 3
		asset("o-prefix", "Workloads 2", func(a *enablement.Asset) { a.Topics = []string{"securing"} }),    // topic prefix: 1
		asset("both", "Security", func(a *enablement.Asset) { a.Topics = []string{"security", "basics"} }), // 4 (best of)
		asset("none", "Networking"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(enablement.Query{Text: "Security"}, date(2026, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	type hs struct {
		ID    enablement.AssetID
		Score int
	}
	var got []hs
	for _, h := range res.Hits {
		got = append(got, hs{h.ID, h.Score})
	}
	want := []hs{{"both", 4}, {"t-exact", 4}, {"o-exact", 3}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Search(security) (-want +got):\n%s", diff)
	}
	// "secur" is a prefix of every security word: two words add up.
	res, _ = c.Search(enablement.Query{Text: "secur basics"}, date(2026, 1, 1))
	got = nil
	for _, h := range res.Hits {
		got = append(got, hs{h.ID, h.Score})
	}
	want = []hs{{"t-exact", 6}, {"both", 5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Search(secur basics) (-want +got):\n%s", diff)
	}
	wantTerms := [][]enablement.TermScore{
		{{Word: "secur", Match: "title prefix", Points: 2}, {Word: "basics", Match: "title exact", Points: 4}},
		{{Word: "secur", Match: "title prefix", Points: 2}, {Word: "basics", Match: "topic exact", Points: 3}},
	}
	if diff := cmp.Diff(wantTerms, [][]enablement.TermScore{res.Hits[0].Terms, res.Hits[1].Terms}); diff != "" {
		t.Errorf("Terms (-want +got):\n%s", diff)
	}
}

func TestSearchFacetCounts(t *testing.T) {
	c := enablement.MustCompile(sampleDefinition()).Catalog()
	res, err := c.Search(enablement.Query{Kinds: []enablement.AssetKind{enablement.AssetKindBattlecard},
		Roles: []enablement.Role{enablement.RoleSales}}, date(2026, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("Total = %d, want 2", res.Total)
	}
	counts := map[enablement.Facet]map[string]int{}
	for _, f := range res.Facets {
		counts[f.Facet] = map[string]int{}
		for _, v := range f.Values {
			if v.Count > 0 {
				counts[f.Facet][v.Value] = v.Count
			}
		}
	}
	// Kind counts ignore the kind selection (disjunctive): the assets for
	// sales by kind. Role counts ignore the role selection: battlecards by
	// role (both battlecards are for sales and presales).
	want := map[string]int{"battlecard": 2, "certification_prep": 1, "cosell_guide": 1, "course": 2, "onboarding_kit": 1, "playbook": 3, "portal_resource": 1}
	if diff := cmp.Diff(want, counts[enablement.FacetKind]); diff != "" {
		t.Errorf("kind counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"sales": 2, "presales": 2}, counts[enablement.FacetRole]); diff != "" {
		t.Errorf("role counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"cloud": 2}, counts[enablement.FacetProduct]); diff != "" {
		t.Errorf("product counts (-want +got):\n%s", diff)
	}
}

func TestSearchInvalidQuery(t *testing.T) {
	c := enablement.MustCompile(sampleDefinition()).Catalog()
	_, err := c.Search(enablement.Query{Kinds: []enablement.AssetKind{"video"}, Levels: []enablement.SkillLevel{9},
		Roles: []enablement.Role{"ceo"}, Offset: -1, Limit: -1, OnlyStale: true, ExcludeStale: true,
		Text: "a b c d e f g h i j k l m n o p q"}, date(2026, 1, 1))
	want := []problem{
		{"kinds[0]", "unknown asset kind", "video"},
		{"levels[0]", "unknown skill level", "level(9)"},
		{"roles[0]", "unknown role", "ceo"},
		{"offset", "must not be negative", ""},
		{"limit", "must not be negative", ""},
		{"only_stale", "cannot be combined with exclude_stale", ""},
		{"text", "must have at most 16 words", "a b c d e f g h i j k l m n o p q"},
	}
	if diff := cmp.Diff(want, problems(err)); diff != "" {
		t.Errorf("Search problems (-want +got):\n%s", diff)
	}
}

func TestCatalogAccessors(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	c := e.Catalog()
	if c.Len() != 12 {
		t.Errorf("Len = %d", c.Len())
	}
	a, err := c.Asset("k-resell-adv")
	if err != nil {
		t.Fatal(err)
	}
	a.Regions[0] = "mutated"
	again, _ := c.Asset("k-resell-adv")
	if again.Regions[0] != "emea" {
		t.Error("Asset returned an alias of the engine's data")
	}
	if _, err := c.Asset("nope"); !errors.Is(err, enablement.ErrUnknownAsset) {
		t.Errorf("Asset(nope) error = %v", err)
	}
	if got := c.Assets(); len(got) != 12 || got[0].ID != "a-onboard" {
		t.Errorf("Assets() = %d assets starting %q", len(got), got[0].ID)
	}
	if diff := cmp.Diff([]string{"emea"}, c.FacetValues(enablement.FacetRegion)); diff != "" {
		t.Errorf("FacetValues(region) (-want +got):\n%s", diff)
	}
	if c.FacetValues("color") != nil {
		t.Error("FacetValues(color) is not nil")
	}
	if diff := cmp.Diff([]string{"foundational", "intermediate", "advanced", "expert"}, c.FacetValues(enablement.FacetLevel)); diff != "" {
		t.Errorf("FacetValues(level) (-want +got):\n%s", diff)
	}
}

func TestAssetStaleAndCurrent(t *testing.T) {
	a := asset("a", "A", func(a *enablement.Asset) { a.ReviewBy = date(2026, 1, 1) })
	tests := []struct {
		at             string
		stale, current bool
	}{
		{"2024-12-31", false, false}, // not yet published
		{"2025-01-01", false, true},
		{"2025-12-31", false, true},
		{"2026-01-01", true, false}, // review-by reached: stale
	}
	for _, tt := range tests {
		at, _ := parseDay(tt.at)
		if a.StaleAt(at) != tt.stale || a.CurrentAt(at) != tt.current {
			t.Errorf("at %s: stale %v current %v, want %v %v", tt.at, a.StaleAt(at), a.CurrentAt(at), tt.stale, tt.current)
		}
	}
}
