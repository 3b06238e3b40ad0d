package strategy

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

func capDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var capAt = capDate("2026-06-01")

func capSampleFramework() CapabilityFramework {
	return CapabilityFramework{
		Name: "cloud program",
		Capabilities: []CapabilityDef{
			{ID: "aws", Name: "AWS delivery", Kind: CapabilityTechnical, Levels: []string{"foundational", "associate", "professional"}},
			{ID: "sales_cert", Name: "Sales certification", Kind: CapabilityCertification, Levels: []string{"certified"}, EvidenceRequired: true, ValidDays: 365},
			{ID: "healthcare", Name: "Healthcare vertical", Kind: CapabilityVertical, Levels: []string{"some", "deep"}},
			{ID: "services", Name: "Services practice", Kind: CapabilityServices, Levels: []string{"delivery", "practice"}},
		},
		Profiles: []RequirementProfile{
			{ID: "resell", Motion: partnerops.MotionResell, Requirements: []Requirement{
				{Capability: "sales_cert", MinLevel: "certified", MustHave: true},
				{Capability: "aws", MinLevel: "associate", Weight: fitD("2")},
			}},
			{ID: "co_sell", Motion: partnerops.MotionCoSell, ReadyAt: partnerops.MustPercent("75"), Requirements: []Requirement{
				{Capability: "aws", MinLevel: "professional", Weight: fitD("3")},
				{Capability: "healthcare", MinLevel: "some", Weight: fitD("1")},
			}},
			{ID: "resell_gold", Motion: partnerops.MotionResell, Tier: "gold", Requirements: []Requirement{
				{Capability: "services", MinLevel: "practice", MustHave: true},
			}},
		},
	}
}

func capSampleEngine(t testing.TB) *CapabilityEngine {
	t.Helper()
	e, err := CompileCapabilities(capSampleFramework())
	if err != nil {
		t.Fatalf("CompileCapabilities: %v", err)
	}
	return e
}

func capSamplePortfolio() []PartnerCapabilities {
	return []PartnerCapabilities{
		{Partner: partnerops.Partner{ID: "p1", Type: partnerops.PartnerTypeReseller, Tier: "silver", Regions: []partnerops.Region{"na"}}, Assessments: []Assessment{
			{Partner: "p1", Capability: "sales_cert", Level: "certified", Evidence: "CERT-1", AssessedAt: capDate("2026-01-10")},
			{Partner: "p1", Capability: "aws", Level: "associate", AssessedAt: capDate("2026-03-01")},
			// A later re-assessment at a lower level counts.
			{Partner: "p1", Capability: "aws", Level: "foundational", AssessedAt: capDate("2026-05-01")},
			// A future assessment does not count yet.
			{Partner: "p1", Capability: "healthcare", Level: "deep", AssessedAt: capDate("2026-07-01")},
		}},
		{Partner: partnerops.Partner{ID: "p2", Type: partnerops.PartnerTypeSI, Tier: "gold", Regions: []partnerops.Region{"na"}}, Assessments: []Assessment{
			{Partner: "p2", Capability: "sales_cert", Level: "certified", AssessedAt: capDate("2026-02-01")}, // no evidence
			{Partner: "p2", Capability: "aws", Level: "professional", AssessedAt: capDate("2026-02-01")},
			{Partner: "p2", Capability: "healthcare", Level: "deep", AssessedAt: capDate("2026-02-01")},
			{Partner: "p2", Capability: "services", Level: "practice", AssessedAt: capDate("2026-02-01")},
		}},
		{Partner: partnerops.Partner{ID: "p3", Type: partnerops.PartnerTypeReseller, Tier: "silver", Regions: []partnerops.Region{"emea"}}, Assessments: []Assessment{
			{Partner: "p3", Capability: "sales_cert", Level: "certified", Evidence: "CERT-3", AssessedAt: capDate("2025-01-01")}, // stale
			{Partner: "p3", Capability: "aws", Level: "professional", AssessedAt: capDate("2026-01-01")},
			{Partner: "p3", Capability: "healthcare", Level: "some", AssessedAt: capDate("2026-01-01")},
		}},
	}
}

func TestCapabilityReadinessWorked(t *testing.T) {
	e := capSampleEngine(t)
	p1 := capSamplePortfolio()[0]
	dd := func(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }
	pc := partnerops.MustPercent
	tests := []struct {
		profile string
		want    Readiness
	}{
		{"resell", Readiness{
			Partner: "p1", Profile: "resell", Motion: partnerops.MotionResell,
			// (1 × 100% + 2 × 50%) / 3 = 66.666…% → 66.66 (truncated).
			Score: pc("66.66"), Ready: false,
			Met:     []RequirementStatus{{Capability: "sales_cert", Required: "certified", Current: "certified", Status: LevelAssessed, MustHave: true, Weight: dd("1"), Credit: pc("100")}},
			Missing: []RequirementStatus{{Capability: "aws", Required: "associate", Current: "foundational", Status: LevelAssessed, Weight: dd("2"), Credit: pc("50")}},
			Gaps: []Gap{{Capability: "aws", Name: "AWS delivery", Kind: CapabilityTechnical, Current: "foundational", CurrentRank: 1,
				Required: "associate", RequiredRank: 2, Levels: 1, Status: LevelAssessed, Weight: dd("2")}},
		}},
		{"co_sell", Readiness{
			Partner: "p1", Profile: "co_sell", Motion: partnerops.MotionCoSell,
			// (3 × 1/3 + 1 × 0) / 4 = 25% exactly (computed as rationals).
			Score: pc("25"), Ready: false,
			Missing: []RequirementStatus{
				{Capability: "aws", Required: "professional", Current: "foundational", Status: LevelAssessed, Weight: dd("3"), Credit: pc("33.33")},
				{Capability: "healthcare", Required: "some", Status: LevelUnassessed, Weight: dd("1"), Credit: pc("0")},
			},
			Gaps: []Gap{
				{Capability: "aws", Name: "AWS delivery", Kind: CapabilityTechnical, Current: "foundational", CurrentRank: 1, Required: "professional", RequiredRank: 3, Levels: 2, Status: LevelAssessed, Weight: dd("3")},
				{Capability: "healthcare", Name: "Healthcare vertical", Kind: CapabilityVertical, Required: "some", RequiredRank: 1, Levels: 1, Status: LevelUnassessed, Weight: dd("1")},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			got, err := e.Readiness("p1", p1.Assessments, tt.profile, capAt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Readiness(p1, %s) (-want +got):\n%s", tt.profile, diff)
			}
		})
	}
}

func TestCapabilityEvaluate(t *testing.T) {
	e := capSampleEngine(t)
	tests := []struct {
		partner int
		ready   []partnerops.Motion
		status  LevelStatus // of sales_cert
		scores  []string
	}{
		{0, nil, LevelAssessed, []string{"66.66", "25.00", "0.00"}},
		// p2: sales cert lacks evidence, so resell fails; gold profile is met.
		{1, []partnerops.Motion{partnerops.MotionCoSell}, LevelNoEvidence, []string{"66.66", "100.00", "100.00"}},
		// p3: the certification is stale; co-sell: (3 × 100% + 1 × 100%) / 4.
		{2, []partnerops.Motion{partnerops.MotionCoSell}, LevelStale, []string{"66.66", "100.00", "0.00"}},
	}
	for _, tt := range tests {
		pc := capSamplePortfolio()[tt.partner]
		got, err := e.Evaluate(pc.Partner, pc.Assessments, capAt)
		if err != nil {
			t.Fatal(err)
		}
		var scores []string
		for _, r := range got.Profiles {
			scores = append(scores, r.Score.Decimal().String())
		}
		if diff := cmp.Diff(tt.ready, got.ReadyMotions); diff != "" {
			t.Errorf("%s ready motions (-want +got):\n%s", pc.Partner.ID, diff)
		}
		if diff := cmp.Diff(tt.scores, scores); diff != "" {
			t.Errorf("%s scores (-want +got):\n%s", pc.Partner.ID, diff)
		}
		if got.Levels[1].Status != tt.status {
			t.Errorf("%s sales_cert status = %s, want %s", pc.Partner.ID, got.Levels[1].Status, tt.status)
		}
	}
}

// Gaps sort must-haves first, then most levels short, then weight.
func TestCapabilityGapOrder(t *testing.T) {
	fw := capSampleFramework()
	fw.Profiles = []RequirementProfile{{ID: "all", Motion: "services", Requirements: []Requirement{
		{Capability: "healthcare", MinLevel: "some", Weight: fitD("5")},
		{Capability: "aws", MinLevel: "professional"},
		{Capability: "services", MinLevel: "delivery", Weight: fitD("9")},
		{Capability: "sales_cert", MinLevel: "certified", MustHave: true},
	}}}
	e, err := CompileCapabilities(fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Readiness("nobody", nil, "all", capAt)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range r.Gaps {
		got = append(got, g.Capability)
	}
	if diff := cmp.Diff([]string{"sales_cert", "aws", "services", "healthcare"}, got); diff != "" {
		t.Errorf("gap order (-want +got):\n%s", diff)
	}
	if !r.Score.IsZero() || r.Ready {
		t.Errorf("score %s ready %t, want 0 and not ready", r.Score, r.Ready)
	}
}

func TestCapabilityErrors(t *testing.T) {
	e := capSampleEngine(t)
	if _, err := e.Readiness("p1", nil, "nope", capAt); !errors.Is(err, ErrUnknownProfile) {
		t.Errorf("unknown profile: error = %v, want ErrUnknownProfile", err)
	}
	bad := []Assessment{{Partner: "p1", Capability: "cobol", Level: "x"}}
	if _, err := e.Levels("p1", bad, capAt); !errors.Is(err, ErrUnknownCapability) {
		t.Errorf("unknown capability: error = %v, want ErrUnknownCapability", err)
	}
	bad = []Assessment{{Partner: "p1", Capability: "aws", Level: "guru"}}
	if _, err := e.Levels("p1", bad, capAt); !errors.Is(err, ErrUnknownCapability) {
		t.Errorf("unknown level: error = %v, want ErrUnknownCapability", err)
	}
	// Other partners' assessments are ignored, even bad ones.
	if _, err := e.Levels("p2", bad, capAt); err != nil {
		t.Errorf("other partner's assessment: error = %v", err)
	}

	tests := []struct {
		name  string
		edit  func(*CapabilityFramework)
		paths []string
	}{
		{"kind", func(f *CapabilityFramework) { f.Capabilities[0].Kind = "magic" }, []string{"capabilities[aws].kind"}},
		{"no levels", func(f *CapabilityFramework) { f.Capabilities[3].Levels = nil }, []string{"capabilities[services].levels", "profiles[resell_gold].requirements[services].min_level"}},
		{"duplicate level", func(f *CapabilityFramework) { f.Capabilities[0].Levels[1] = "foundational" }, []string{"capabilities[aws].levels[1]", "profiles[resell].requirements[aws].min_level"}},
		{"duplicate capability", func(f *CapabilityFramework) { f.Capabilities[1].ID = "aws" }, []string{"capabilities[1].id", "profiles[resell].requirements[sales_cert].capability"}},
		{"unknown capability", func(f *CapabilityFramework) { f.Profiles[0].Requirements[1].Capability = "gcp" }, []string{"profiles[resell].requirements[gcp].capability"}},
		{"negative weight", func(f *CapabilityFramework) { f.Profiles[1].Requirements[0].Weight = fitD("-1") }, []string{"profiles[co_sell].requirements[aws].weight"}},
		{"ready_at", func(f *CapabilityFramework) { f.Profiles[1].ReadyAt = partnerops.MustPercent("101") }, []string{"profiles[co_sell].ready_at"}},
		{"duplicate profile", func(f *CapabilityFramework) { f.Profiles[2].ID = "resell" }, []string{"profiles[2].id"}},
		{"duplicate requirement", func(f *CapabilityFramework) { f.Profiles[1].Requirements[1].Capability = "aws" }, []string{"profiles[co_sell].requirements[1].capability", "profiles[co_sell].requirements[1].min_level"}},
		{"no motion", func(f *CapabilityFramework) { f.Profiles[0].Motion = "" }, []string{"profiles[resell].motion"}},
		{"valid days", func(f *CapabilityFramework) { f.Capabilities[1].ValidDays = -1 }, []string{"capabilities[sales_cert].valid_days"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw := capSampleFramework()
			tt.edit(&fw)
			_, err := CompileCapabilities(fw)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("error = %v, want ErrInvalid", err)
			}
			got := fitPaths(err)
			if diff := cmp.Diff(tt.paths, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestCapabilityFrameworkJSON(t *testing.T) {
	fw := capSampleFramework()
	b, err := json.Marshal(fw)
	if err != nil {
		t.Fatal(err)
	}
	var back CapabilityFramework
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fw, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	e := capSampleEngine(t)
	if diff := cmp.Diff(fw, e.Definition()); diff != "" {
		t.Errorf("Definition (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]partnerops.Motion{"resell", "co_sell"}, e.Motions()); diff != "" {
		t.Errorf("Motions (-want +got):\n%s", diff)
	}
}

// FuzzCapabilityFrameworkJSON decodes fuzzed frameworks; whatever compiles
// must evaluate fuzzed assessments without panicking, scores in [0, 100].
func FuzzCapabilityFrameworkJSON(f *testing.F) {
	seed, _ := json.Marshal(capSampleFramework())
	f.Add(seed, "aws", "associate", int64(0))
	f.Add([]byte(`{"capabilities":[{"id":"a","kind":"sales","levels":["x","y"],"valid_days":1}],"profiles":[{"id":"p","motion":"m","ready_at":"0.01","requirements":[{"capability":"a","min_level":"y","weight":"1000000"}]}]}`), "a", "x", int64(-86400))
	f.Fuzz(func(t *testing.T, data []byte, capability, level string, offset int64) {
		var fw CapabilityFramework
		if err := json.Unmarshal(data, &fw); err != nil {
			return
		}
		e, err := CompileCapabilities(fw)
		if err != nil {
			return
		}
		as := []Assessment{{Partner: "p", Capability: capability, Level: level, AssessedAt: capAt.Add(time.Duration(offset) * time.Second)}}
		pr, err := e.Evaluate(partnerops.Partner{ID: "p"}, as, capAt)
		if err != nil {
			return
		}
		for _, r := range pr.Profiles {
			if r.Score.IsNegative() || r.Score.Cmp(partnerops.PercentFromInt(100)) > 0 {
				t.Fatalf("score %s out of range", r.Score)
			}
		}
		if _, err := e.Coverage([]PartnerCapabilities{{Partner: partnerops.Partner{ID: "p"}, Assessments: as}}, By("type"), capAt); err != nil {
			t.Fatal(err)
		}
	})
}

// Raising an assessed level never lowers a readiness score nor turns a
// ready partner unready; scores stay within [0, 100].
func TestPropCapabilityRaisingLevelNeverLowers(t *testing.T) {
	e := capSampleEngine(t)
	fw := capSampleFramework()
	rapid.Check(t, func(t *rapid.T) {
		var as []Assessment
		for _, c := range fw.Capabilities {
			if rapid.Bool().Draw(t, "assessed "+c.ID) {
				as = append(as, Assessment{Partner: "p", Capability: c.ID, Evidence: "E",
					Level: rapid.SampledFrom(c.Levels).Draw(t, "level "+c.ID), AssessedAt: capDate("2026-05-01")})
			}
		}
		tier := partnerops.Tier(rapid.SampledFrom([]string{"", "gold"}).Draw(t, "tier"))
		before, err := e.Evaluate(partnerops.Partner{ID: "p", Tier: tier}, as, capAt)
		if err != nil {
			t.Fatal(err)
		}
		c := fw.Capabilities[rapid.IntRange(0, len(fw.Capabilities)-1).Draw(t, "raise")]
		top := c.Levels[len(c.Levels)-1]
		raised := append(slices.Clone(as), Assessment{Partner: "p", Capability: c.ID, Level: top, Evidence: "E", AssessedAt: capDate("2026-05-02")})
		after, err := e.Evaluate(partnerops.Partner{ID: "p", Tier: tier}, raised, capAt)
		if err != nil {
			t.Fatal(err)
		}
		for i := range before.Profiles {
			b, a := before.Profiles[i], after.Profiles[i]
			if a.Score.Cmp(b.Score) < 0 || (b.Ready && !a.Ready) {
				t.Fatalf("%s: raising %s to %s: %s ready=%t → %s ready=%t", b.Profile, c.ID, top, b.Score, b.Ready, a.Score, a.Ready)
			}
			if a.Score.IsNegative() || a.Score.Cmp(partnerops.PercentFromInt(100)) > 0 {
				t.Fatalf("score %s out of range", a.Score)
			}
		}
		if len(after.ReadyMotions) < len(before.ReadyMotions) {
			t.Fatalf("ready motions shrank: %v → %v", before.ReadyMotions, after.ReadyMotions)
		}
	})
}
