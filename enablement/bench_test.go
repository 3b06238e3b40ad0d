package enablement_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/internal/measure"
)

// pick returns k distinct-ish random elements of xs (k may be 0).
func pick[T any](r *rand.Rand, xs []T, k int) []T {
	var out []T
	for i := 0; i < k; i++ {
		out = append(out, xs[r.IntN(len(xs))])
	}
	return out
}

var benchWords = func() []string {
	syll := []string{"clo", "ud", "sec", "ur", "ity", "da", "ta", "net", "work", "ana", "ly", "tics", "ai", "ops", "dev", "mi", "gra", "tion", "ser", "vice"}
	var w []string
	for i := 0; i < 2000; i++ {
		w = append(w, syll[i%20]+syll[(i/20)%20]+syll[(i/400)%20])
	}
	return w
}()

// genAssets builds n assets deterministically from seed.
func genAssets(n int, seed uint64) []enablement.Asset {
	r := rand.New(rand.NewPCG(seed, 7))
	kinds := enablement.AssetKinds()
	levels := enablement.SkillLevels()
	types := partnerops.PartnerTypes()
	motions := partnerops.Motions()
	roles := enablement.Roles()
	regions := []partnerops.Region{"amer", "emea", "apac", "latam", "anz", "dach", "nordics", "japan"}
	langs := []string{"en", "de", "fr", "ja", "es"}
	products := make([]string, 20)
	for i := range products {
		products[i] = fmt.Sprintf("product-%02d", i)
	}
	topics := benchWords[:300]
	out := make([]enablement.Asset, n)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		title := ""
		for k, w := range pick(r, benchWords, 3+r.IntN(4)) {
			if k > 0 {
				title += " "
			}
			title += w
		}
		pub := base.AddDate(0, 0, r.IntN(900))
		a := enablement.Asset{
			ID: enablement.AssetID(fmt.Sprintf("asset-%06d", i)), Title: title,
			Kind: kinds[r.IntN(len(kinds))], Level: levels[r.IntN(len(levels))],
			PartnerTypes: pick(r, types, r.IntN(3)), Motions: pick(r, motions, r.IntN(3)),
			Roles: pick(r, roles, r.IntN(2)), Regions: pick(r, regions, r.IntN(2)),
			Languages: pick(r, langs, r.IntN(2)), Topics: pick(r, topics, 1+r.IntN(3)),
			Products: pick(r, products, r.IntN(3)), Published: pub,
		}
		if r.IntN(3) == 0 {
			a.ReviewBy = pub.AddDate(1, 0, 0)
		}
		if r.IntN(20) == 0 && i > 0 {
			a.Retired = true
			a.Successor = enablement.AssetID(fmt.Sprintf("asset-%06d", r.IntN(i)))
		}
		out[i] = a
	}
	return out
}

var (
	bigCatalogOnce sync.Once
	bigCatalog     *enablement.Catalog
)

func loadBigCatalog(b *testing.B) *enablement.Catalog {
	bigCatalogOnce.Do(func() {
		c, err := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: genAssets(100000, 1)})
		if err != nil {
			panic(err)
		}
		bigCatalog = c
	})
	return bigCatalog
}

// BenchmarkSearch100k: a faceted query over 100,000 assets with facet
// counts. Target (issue 7): at most 5 ms per query.
func BenchmarkSearch100k(b *testing.B) {
	c := loadBigCatalog(b)
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	queries := map[string]enablement.Query{
		"facets-only": {Kinds: []enablement.AssetKind{enablement.AssetKindPlaybook, enablement.AssetKindBattlecard},
			Motions: []partnerops.Motion{partnerops.MotionCoSell}, Regions: []partnerops.Region{"emea"},
			Levels: []enablement.SkillLevel{enablement.SkillLevelIntermediate}, ExcludeStale: true, ExcludeRetired: true},
		"text+facets": {Text: "cloud sec", Roles: []enablement.Role{enablement.RoleSales},
			PartnerTypes: []partnerops.PartnerType{partnerops.PartnerTypeReseller}, ExcludeRetired: true},
		"match-all": {},
	}
	for _, name := range []string{"facets-only", "text+facets", "match-all"} {
		q := queries[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := measure.CPUTime()
			for b.Loop() {
				if _, err := c.Search(q, at); err != nil {
					b.Fatal(err)
				}
			}
			measure.ReportCPU(b, cpu0)
		})
	}
}

// BenchmarkCompileCatalog100k: building the indexes of 100,000 assets
// (done once; no target in the issue).
func BenchmarkCompileCatalog100k(b *testing.B) {
	assets := genAssets(100000, 1)
	b.ReportAllocs()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		if _, err := enablement.CompileCatalog(enablement.CatalogDefinition{Assets: assets}); err != nil {
			b.Fatal(err)
		}
	}
	measure.ReportCPU(b, cpu0)
}

// genPartnerBase builds partners and people (10 per partner on average)
// against sampleDefinition's certifications.
func genPartnerBase(nPartners, nPeople int, seed uint64) ([]partnerops.Partner, []enablement.Person) {
	r := rand.New(rand.NewPCG(seed, 11))
	tiers := []partnerops.Tier{"registered", "silver", "gold", "platinum"}
	regions := []partnerops.Region{"amer", "emea", "apac", "latam"}
	partners := make([]partnerops.Partner, nPartners)
	for i := range partners {
		partners[i] = partnerops.Partner{ID: partnerops.PartnerID(fmt.Sprintf("p%06d", i)),
			Type: partnerops.PartnerTypes()[r.IntN(9)], Tier: tiers[r.IntN(4)],
			Motions: pick(r, partnerops.Motions(), 1+r.IntN(2)), Regions: pick(r, regions, 1)}
	}
	certs := []enablement.CertificationID{"sales-fundamentals", "cloud-sales-pro", "cloud-architect", "cosell-specialist", "resell-specialist"}
	roles := enablement.Roles()
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	people := make([]enablement.Person, nPeople)
	for k := range people {
		p := enablement.Person{ID: enablement.PersonID(fmt.Sprintf("u%07d", k)),
			Partner: partners[r.IntN(nPartners)].ID, Role: roles[r.IntN(4)]}
		for range r.IntN(3) {
			earned := base.AddDate(0, 0, r.IntN(800))
			h := enablement.HeldCertification{Certification: certs[r.IntN(len(certs))], Earned: earned}
			if r.IntN(3) == 0 {
				h.Renewed = []time.Time{earned.AddDate(0, 10, 0)}
			}
			p.Certifications = append(p.Certifications, h)
		}
		people[k] = p
	}
	return partners, people
}

// BenchmarkCoverage50k: coverage over 50,000 partners and 500,000 people.
// Target (issue 7): at most 0.5 s per run.
func BenchmarkCoverage50k(b *testing.B) {
	e := enablement.MustCompile(sampleDefinition())
	partners, people := genPartnerBase(50000, 500000, 3)
	at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		cov, err := e.Coverage(partners, people, at, enablement.CoverageOptions{})
		if err != nil || cov.Overall.Partners != 50000 {
			b.Fatal(cov.Overall)
		}
	}
	measure.ReportCPU(b, cpu0)
}

// BenchmarkCompliance: one partner with 10 people (no target in the
// issue; the per-partner API used by portals).
func BenchmarkCompliance(b *testing.B) {
	e := enablement.MustCompile(sampleDefinition())
	partners, people := genPartnerBase(1, 10, 5)
	p := partners[0]
	p.Tier = "gold"
	at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		if _, err := e.Compliance(p, people, at); err != nil {
			b.Fatal(err)
		}
	}
	measure.ReportCPU(b, cpu0)
}

// BenchmarkRecommend: recommendations for one person against 100,000
// assets (no target in the issue).
func BenchmarkRecommend(b *testing.B) {
	def := sampleDefinition()
	def.Assets = append(def.Assets, genAssets(100000, 1)...)
	e := enablement.MustCompile(def)
	partner, people := acme()
	at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		if _, err := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: people[0], Colleagues: people}, at); err != nil {
			b.Fatal(err)
		}
	}
	measure.ReportCPU(b, cpu0)
}
