package strategy

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
	"pgregory.net/rapid"
)

func segUSD(s string) partnerops.Money   { return partnerops.MustMoney(s, partnerops.USD) }
func segPct(s string) partnerops.Percent { return partnerops.MustPercent(s) }
func segDec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

func segMember(id string, typ partnerops.PartnerType, regions []partnerops.Region, rev, prior, pipe string) SegmentMember {
	return SegmentMember{
		Partner: partnerops.Partner{ID: partnerops.PartnerID(id), Type: typ, Regions: regions, Attributes: map[string]string{"vertical": "health"}},
		Revenue: segUSD(rev), PriorRevenue: segUSD(prior), Pipeline: segUSD(pipe),
	}
}

// Four partners with revenue 50, 30, 15 and 5 (total 100, prior 80).
func segSample() []SegmentMember {
	return []SegmentMember{
		segMember("p1", partnerops.PartnerTypeReseller, []partnerops.Region{"na"}, "50", "40", "100"),
		segMember("p2", partnerops.PartnerTypeReseller, []partnerops.Region{"emea"}, "30", "20", "50"),
		segMember("p3", partnerops.PartnerTypeMSP, []partnerops.Region{"na", "emea"}, "15", "20", "50"),
		segMember("p4", partnerops.PartnerTypeMSP, nil, "5", "0", "0"),
	}
}

func TestAnalyzeSegmentsByType(t *testing.T) {
	rep, err := AnalyzeSegments(SegmentSpec{By: By("type"), Currency: partnerops.USD, TopN: 2}, segSample())
	if err != nil {
		t.Fatal(err)
	}
	want := SegmentReport{
		Spec: SegmentSpec{By: By("type"), Currency: partnerops.USD, TopN: 2, ParetoShare: segPct("80")},
		Total: SegmentStats{
			Count: 4, Revenue: segUSD("100"), PriorRevenue: segUSD("80"), Pipeline: segUSD("200"),
			CountShare: segPct("100"), RevenueShare: segPct("100"), PipelineShare: segPct("100"),
			// (100 - 80) / 80 = 25%.
			Growth: segPct("25"), HasGrowth: true,
			// HHI = 50² + 30² + 15² + 5² = 3650; 50 + 30 reach 80%: 2 of 4 partners.
			Concentration: Concentration{Contributors: 4, TopN: 2, TopShare: segPct("80"), HHI: segDec("3650"), ParetoCount: 2, ParetoMembers: segPct("50")},
		},
		Segments: []SegmentStats{
			{
				Key: []string{"reseller"}, Count: 2, Revenue: segUSD("80"), PriorRevenue: segUSD("60"), Pipeline: segUSD("150"),
				CountShare: segPct("50"), RevenueShare: segPct("80"), PipelineShare: segPct("75"),
				Growth: segPct("33.33"), HasGrowth: true, // 20 / 60
				// Shares 62.5% and 37.5%: HHI = 3906.25 + 1406.25 = 5312.5.
				Concentration: Concentration{Contributors: 2, TopN: 2, TopShare: segPct("100"), HHI: segDec("5312.5"), ParetoCount: 2, ParetoMembers: segPct("100")},
			},
			{
				Key: []string{"msp"}, Count: 2, Revenue: segUSD("20"), PriorRevenue: segUSD("20"), Pipeline: segUSD("50"),
				CountShare: segPct("50"), RevenueShare: segPct("20"), PipelineShare: segPct("25"),
				Growth: segPct("0"), HasGrowth: true,
				// 75% and 25%: HHI = 5625 + 625 = 6250; 15 alone is 75% < 80%, so 2.
				Concentration: Concentration{Contributors: 2, TopN: 2, TopShare: segPct("100"), HHI: segDec("6250"), ParetoCount: 2, ParetoMembers: segPct("100")},
			},
		},
	}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("AnalyzeSegments (-want +got):\n%s", diff)
	}
}

func TestAnalyzeSegmentsMultiValued(t *testing.T) {
	rep, err := AnalyzeSegments(SegmentSpec{By: By("region", "vertical"), Currency: partnerops.USD, ParetoShare: segPct("50")}, segSample())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Overlapping {
		t.Error("Overlapping = false, want true (p3 is in na and emea)")
	}
	type row struct {
		Key     []string
		Count   int
		Revenue string
		Growth  string
		Has     bool
		Pareto  int
	}
	var got []row
	for _, s := range rep.Segments {
		got = append(got, row{s.Key, s.Count, s.Revenue.String(), s.Growth.String(), s.HasGrowth, s.Concentration.ParetoCount})
	}
	want := []row{
		{[]string{"na", "health"}, 2, "65 USD", "8.33%", true, 1},    // 50 + 15 vs 40 + 20; 50 ≥ 50% of 65
		{[]string{"emea", "health"}, 2, "45 USD", "12.50%", true, 1}, // 30 + 15 vs 20 + 20
		{[]string{"", "health"}, 1, "5 USD", "0.00%", false, 1},      // p4 has no region; prior 0: no growth
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	if rep.Total.Count != 4 || !rep.Total.Revenue.Equal(segUSD("100")) {
		t.Errorf("total = %d, %s; want 4, 100 USD", rep.Total.Count, rep.Total.Revenue)
	}
}

func TestAnalyzeSegmentsEdgeCases(t *testing.T) {
	// Negative and zero revenues do not enter concentration; amounts of
	// different scales sum exactly.
	ms := []SegmentMember{
		segMember("a", "x", nil, "10.005", "0", "0"),
		segMember("b", "x", nil, "-3", "0", "0"),
		{Partner: partnerops.Partner{ID: "c", Type: "x"}}, // zero Money everywhere
	}
	rep, err := AnalyzeSegments(SegmentSpec{Currency: partnerops.USD}, ms)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Total.Revenue.String(); got != "7.005 USD" {
		t.Errorf("total revenue = %s, want 7.005 USD", got)
	}
	c := rep.Total.Concentration
	if c.Contributors != 1 || !c.HHI.Equal(segDec("10000")) || c.ParetoCount != 1 {
		t.Errorf("concentration = %+v, want 1 contributor, HHI 10000, Pareto 1", c)
	}
	if len(rep.Segments) != 1 || rep.Segments[0].Count != 3 || len(rep.Segments[0].Key) != 0 {
		t.Errorf("no dimensions: segments = %+v, want one of all 3", rep.Segments)
	}
	empty, err := AnalyzeSegments(SegmentSpec{By: By("tier"), Currency: partnerops.EUR}, nil)
	if err != nil || len(empty.Segments) != 0 || !empty.Total.Revenue.Equal(partnerops.Zero(partnerops.EUR)) {
		t.Errorf("empty = %+v, %v", empty, err)
	}
}

func TestAnalyzeSegmentsErrors(t *testing.T) {
	eur := segSample()
	eur[1].Pipeline = partnerops.MustMoney("1", partnerops.EUR)
	dup := segSample()
	dup[2].Partner.ID = "p1"
	tests := []struct {
		name    string
		spec    SegmentSpec
		members []SegmentMember
		want    error
		path    string
	}{
		{"currency", SegmentSpec{Currency: "usd"}, nil, partnerops.ErrInvalid, "currency"},
		{"dimension", SegmentSpec{Currency: "USD", By: []SegmentDimension{{Kind: "color"}}}, nil, partnerops.ErrInvalid, "by[0].kind"},
		{"attribute", SegmentSpec{Currency: "USD", By: []SegmentDimension{{Kind: DimensionAttribute}}}, nil, partnerops.ErrInvalid, "by[0].attribute"},
		{"pareto", SegmentSpec{Currency: "USD", ParetoShare: segPct("120")}, nil, partnerops.ErrInvalid, "pareto_share"},
		{"mismatch", SegmentSpec{Currency: "USD"}, eur, partnerops.ErrCurrencyMismatch, "members[p2].pipeline"},
		{"duplicate", SegmentSpec{Currency: "USD"}, dup, ErrDuplicate, "members[2].partner.id"},
		{"range", SegmentSpec{Currency: "USD"}, []SegmentMember{segMember("a", "x", nil, "100000000000000000000", "0.01", "0")}, partnerops.ErrRange, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AnalyzeSegments(tt.spec, tt.members)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if tt.path != "" {
				ves := partnerops.ValidationErrors(err)
				if len(ves) == 0 || ves[0].Path != tt.path {
					t.Errorf("error = %v, want path %s", err, tt.path)
				}
			}
		})
	}
}

// Segment figures do not depend on member order.
func TestPropSegmentsOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 25).Draw(t, "n")
		ms := make([]SegmentMember, n)
		for i := range ms {
			ms[i] = segMember(fmt.Sprintf("p%d", i),
				rapid.SampledFrom([]partnerops.PartnerType{"reseller", "msp", "si"}).Draw(t, "type"),
				rapid.SliceOfN(rapid.SampledFrom([]partnerops.Region{"na", "emea", "apac"}), 0, 2).Draw(t, "regions"),
				strconv.Itoa(rapid.IntRange(-100, 1000).Draw(t, "rev")), strconv.Itoa(rapid.IntRange(0, 1000).Draw(t, "prior")), "1.5")
		}
		spec := SegmentSpec{By: By("type", "region"), Currency: partnerops.USD, TopN: rapid.IntRange(1, 5).Draw(t, "top")}
		a, err := AnalyzeSegments(spec, ms)
		if err != nil {
			t.Fatal(err)
		}
		b, err := AnalyzeSegments(spec, rapid.Permutation(ms).Draw(t, "perm"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("order dependence (-a +b):\n%s", diff)
		}
		hhi := a.Total.Concentration.HHI
		if hhi.IsNegative() || hhi.Cmp(segDec("10000")) > 0 {
			t.Fatalf("HHI %s out of [0, 10000]", hhi)
		}
	})
}

func segBenchMembers(n int) []SegmentMember {
	r := rand.New(rand.NewPCG(3, 4))
	types := []partnerops.PartnerType{"reseller", "msp", "si", "gsi", "referral"}
	tiers := []partnerops.Tier{"registered", "silver", "gold", "platinum"}
	regions := []partnerops.Region{"na", "emea", "apac", "latam"}
	verticals := []string{"health", "finance", "retail", "public", "manufacturing"}
	ms := make([]SegmentMember, n)
	for i := range ms {
		rev, _ := partnerops.MoneyFromMinor(int64(r.IntN(100_000_000)), partnerops.USD)
		prior, _ := partnerops.MoneyFromMinor(int64(r.IntN(100_000_000)), partnerops.USD)
		pipe, _ := partnerops.MoneyFromMinor(int64(r.IntN(300_000_000)), partnerops.USD)
		ms[i] = SegmentMember{
			Partner: partnerops.Partner{ID: partnerops.PartnerID("p" + strconv.Itoa(i)), Type: types[r.IntN(5)], Tier: tiers[r.IntN(4)],
				Regions: []partnerops.Region{regions[r.IntN(4)]}, Attributes: map[string]string{"vertical": verticals[r.IntN(5)]}},
			Revenue: rev, PriorRevenue: prior, Pipeline: pipe,
		}
	}
	return ms
}

// BenchmarkAnalyzeSegments100k segments 100,000 partners by type, tier and
// region (80 segments) with sums, shares, growth and concentration.
// Target: < 50 ms per op.
func BenchmarkAnalyzeSegments100k(b *testing.B) {
	ms := segBenchMembers(100_000)
	spec := SegmentSpec{By: By("type", "tier", "region"), Currency: partnerops.USD}
	b.ReportAllocs()
	cpu := testkit.CPUTime()
	for b.Loop() {
		if _, err := AnalyzeSegments(spec, ms); err != nil {
			b.Fatal(err)
		}
	}
	testkit.ReportCPU(b, cpu)
}

// FuzzAnalyzeSegments decodes fuzzed specs and amounts; analysis must never
// panic, and totals must equal the exact sum of revenues.
func FuzzAnalyzeSegments(f *testing.F) {
	f.Add([]byte(`{"by":[{"kind":"type"},{"kind":"region"}],"currency":"USD","top_n":2,"pareto_share":"80"}`), "10.5", "-3", "0.001", "na")
	f.Add([]byte(`{"by":[{"kind":"attribute","attribute":"vertical"}],"currency":"JPY"}`), "1e20", "99999999999999999", "1", "")
	f.Fuzz(func(t *testing.T, spec []byte, a, b, c, region string) {
		var s SegmentSpec
		if err := json.Unmarshal(spec, &s); err != nil {
			return
		}
		var ms []SegmentMember
		for i, amt := range []string{a, b, c} {
			m, err := partnerops.ParseMoney(amt, s.Currency)
			if err != nil {
				return
			}
			ms = append(ms, SegmentMember{
				Partner: partnerops.Partner{ID: partnerops.PartnerID(strconv.Itoa(i)), Type: "reseller", Regions: []partnerops.Region{partnerops.Region(region), "x"}},
				Revenue: m, PriorRevenue: m, Pipeline: m,
			})
		}
		rep, err := AnalyzeSegments(s, ms)
		if err != nil {
			return
		}
		want, _ := partnerops.Sum(s.Currency, ms[0].Revenue, ms[1].Revenue, ms[2].Revenue)
		if !rep.Total.Revenue.Equal(want) {
			t.Fatalf("total %s, want %s", rep.Total.Revenue, want)
		}
		_ = rep.Text()
		_ = rep.Markdown()
	})
}

func TestSegIDSetCollision(t *testing.T) {
	ids := []string{"a", "b", "b", "a", "c"}
	s := newSegIDSet(len(ids))
	at := func(j int) string { return ids[j] }
	if !s.add("a", 0, at) {
		t.Fatal("a not new")
	}
	// Pretend "b" hashes like "a": store "a" again under b's hash.
	h := max(segHash("b"), 1)
	pos := h & s.mask
	for s.hashes[pos] != 0 {
		pos = (pos + 1) & s.mask
	}
	s.hashes[pos], s.at[pos] = h, 0
	got := []bool{s.add("b", 1, at), s.add("b", 2, at), s.add("a", 3, at), s.add("c", 4, at)}
	if diff := cmp.Diff([]bool{true, false, false, true}, got); diff != "" {
		t.Errorf("add (-want +got):\n%s", diff)
	}
}

func TestSegSortDesc(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 100, 4096, 10_000} {
		for _, limit := range []int64{1, 2048, 1 << 40, 1<<63 - 1} {
			xs := make([]int64, n)
			for i := range xs {
				xs[i] = r.Int64N(limit)
			}
			want := slices.Clone(xs)
			slices.Sort(want)
			slices.Reverse(want)
			segSortDesc(xs)
			if !slices.Equal(want, xs) {
				t.Fatalf("segSortDesc(n=%d, limit=%d) not sorted descending", n, limit)
			}
		}
	}
}
