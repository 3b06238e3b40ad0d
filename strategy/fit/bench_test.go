package fit

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// fitBenchDef is a 12-criterion account model covering every data-driven
// criterion kind.
func fitBenchDef() Definition {
	d := fitSampleDef()
	d.Attributes = append(d.Attributes,
		AttributeDef{Name: "revenue", Kind: AttributeNumber},
		AttributeDef{Name: "region", Kind: AttributeString},
		AttributeDef{Name: "funding", Kind: AttributeString},
		AttributeDef{Name: "web_rank", Kind: AttributeNumber},
		AttributeDef{Name: "partner_customer", Kind: AttributeBool},
	)
	d.Criteria = append(d.Criteria,
		CriterionDef{ID: "revenue", Kind: CriterionBands, Attribute: "revenue", Weight: fitD("10"), Bands: []Band{
			{Max: fitDP("1000000"), Points: fitD("10")},
			{Min: fitDP("1000000"), Max: fitDP("10000000"), Points: fitD("50")},
			{Min: fitDP("10000000"), Max: fitDP("100000000"), Points: fitD("100")},
			{Min: fitDP("100000000"), Points: fitD("70")},
		}},
		CriterionDef{ID: "region", Kind: CriterionOneOf, Attribute: "region", Weight: fitD("5"), Values: []string{"na", "emea"}},
		CriterionDef{ID: "funding", Kind: CriterionValuePoints, Attribute: "funding", Weight: fitD("5"),
			Choices: []Choice{{"seed", fitD("20")}, {"series_a", fitD("60")}, {"series_b", fitD("100")}}},
		CriterionDef{ID: "web_rank", Kind: CriterionRange, Attribute: "web_rank", Weight: fitD("2.5"), From: fitDP("100000"), To: fitDP("1000")},
		CriterionDef{ID: "partner_customer", Kind: CriterionEquals, Attribute: "partner_customer", Weight: fitD("7.5"), Value: "true", Missing: MissingNeutral},
	)
	return d
}

// fitBenchEntities builds n random accounts (fixed seed).
func fitBenchEntities(b testing.TB, m *Model, n int) []Entity {
	r := rand.New(rand.NewPCG(1, 2))
	inds := []string{"saas", "fintech", "retail", "healthcare", "manufacturing", "media"}
	techs := []string{"aws", "gcp", "azure", "snowflake", "salesforce", "hubspot"}
	regions := []string{"na", "emea", "apac", "latam"}
	out := make([]Entity, n)
	for i := range out {
		e := m.NewEntity("acct-" + strconv.Itoa(i))
		fitMust(b, e.SetString("industry", inds[r.IntN(len(inds))]))
		fitMust(b, e.SetInt("employees", int64(r.IntN(5000))))
		if r.IntN(4) > 0 {
			fitMust(b, e.SetInt("arr_growth", int64(r.IntN(80))))
		}
		fitMust(b, e.SetMembers("tech", techs[r.IntN(6)], techs[r.IntN(6)]))
		fitMust(b, e.SetString("country", []string{"US", "DE", "XX"}[r.IntN(3)]))
		fitMust(b, e.SetBool("hiring", r.IntN(2) == 0))
		if r.IntN(3) == 0 {
			fitMust(b, e.SetString("intent", "pricing-page"))
		}
		fitMust(b, e.SetInt("revenue", int64(r.IntN(200_000_000))))
		fitMust(b, e.SetString("region", regions[r.IntN(4)]))
		fitMust(b, e.SetString("funding", []string{"seed", "series_a", "series_b"}[r.IntN(3)]))
		fitMust(b, e.SetInt("web_rank", int64(r.IntN(200_000))))
		if r.IntN(2) == 0 {
			fitMust(b, e.SetBool("partner_customer", r.IntN(2) == 0))
		}
		out[i] = e
	}
	return out
}

func fitMust(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var fitSink Score

// BenchmarkFitScore scores one account at a time against a 12-criterion
// model. Target: ≥ 5M scores/s/core (≤ 200 ns/op) and 0 allocs/op.
func BenchmarkFitScore(b *testing.B) {
	m, err := Compile(fitBenchDef())
	fitMust(b, err)
	es := fitBenchEntities(b, m, 4096)
	b.ReportAllocs()
	i := 0
	cpu := testkit.CPUTime()
	for b.Loop() {
		s, _ := m.Score(&es[i&4095])
		fitSink = s
		i++
	}
	testkit.ReportCPU(b, cpu)
}

// BenchmarkFitScoreBatch1M scores 1,000,000 accounts against a
// 12-criterion model with top-10 and distribution. Target: < 0.2 s per op
// on one core (Workers 1), no allocation per account.
func BenchmarkFitScoreBatch1M(b *testing.B) {
	m, err := Compile(fitBenchDef())
	fitMust(b, err)
	es := fitBenchEntities(b, m, 1_000_000)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.ReportAllocs()
			cpu := testkit.CPUTime()
			for b.Loop() {
				r, err := m.ScoreBatch(es, BatchOptions{Workers: w})
				if err != nil {
					b.Fatal(err)
				}
				fitSink = r.Top[0].Score
			}
			testkit.ReportCPU(b, cpu)
		})
	}
}
