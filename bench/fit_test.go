package bench

import (
	"cmp"
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/fit"
)

// The ICP fit rows of issue 20: scoring 1,000,000 accounts against a
// 12-criterion model with fit.Model.Score in a loop, and with
// fit.Model.ScoreBatch (top 10 and distribution), against a hand-written
// scorer over a struct of fields doing the same work: the same criteria,
// the same missing-data policies, the same coverage, grades and
// disqualification, the same top 10 and distribution. Target: at or
// under 1.0x, 0 allocations per account.
//
// The baseline is what a host writes by hand for one fixed model: its
// accounts as a struct of fields (strings stored lower-cased, as the
// model folds case; numbers as float64; the tech stack as a []string;
// flags for the optional fields), and the criteria written out as Go
// code with float64 arithmetic. Credits are kept in millionths and
// weights are multiples of 0.5, so every product and sum is exact in a
// float64 and each truncation divides once: the baseline gives the very
// scores the engine does, as TestFitPairAgrees checks for every account.

// fitDefinitionJSON is the 12-criterion model, covering every
// data-driven criterion kind.
const fitDefinitionJSON = `{
  "name": "bench ICP",
  "attributes": [
    {"name": "industry", "kind": "string", "fold_case": true},
    {"name": "employees", "kind": "number"},
    {"name": "arr_growth", "kind": "number"},
    {"name": "tech", "kind": "set", "fold_case": true},
    {"name": "country", "kind": "string"},
    {"name": "hiring", "kind": "bool"},
    {"name": "intent", "kind": "string"},
    {"name": "revenue", "kind": "number"},
    {"name": "region", "kind": "string"},
    {"name": "funding", "kind": "string"},
    {"name": "web_rank", "kind": "number"},
    {"name": "partner_customer", "kind": "bool"}
  ],
  "criteria": [
    {"id": "industry", "kind": "one_of", "attribute": "industry", "weight": "30", "values": ["saas", "fintech", "healthcare"]},
    {"id": "size", "kind": "bands", "attribute": "employees", "weight": "20", "bands": [
      {"label": "small", "max": "100", "points": "20"},
      {"label": "mid", "min": "100", "max": "1000", "points": "100"},
      {"label": "large", "min": "1000", "points": "60"}]},
    {"id": "growth", "kind": "range", "attribute": "arr_growth", "weight": "15", "from": "0", "to": "50", "missing": "neutral"},
    {"id": "stack", "kind": "set_overlap", "attribute": "tech", "weight": "10", "values": ["aws", "snowflake", "salesforce"], "min_overlap": 2},
    {"id": "hiring", "kind": "equals", "attribute": "hiring", "weight": "10", "value": "true"},
    {"id": "intent", "kind": "present", "attribute": "intent", "weight": "15"},
    {"id": "sanctioned", "kind": "one_of", "attribute": "country", "weight": "0", "must_have": true, "negate": true, "values": ["XX"], "missing": "disqualify"},
    {"id": "revenue", "kind": "bands", "attribute": "revenue", "weight": "10", "bands": [
      {"max": "1000000", "points": "10"},
      {"min": "1000000", "max": "10000000", "points": "50"},
      {"min": "10000000", "max": "100000000", "points": "100"},
      {"min": "100000000", "points": "70"}]},
    {"id": "region", "kind": "one_of", "attribute": "region", "weight": "5", "values": ["na", "emea"]},
    {"id": "funding", "kind": "value_points", "attribute": "funding", "weight": "5",
     "choices": [{"value": "seed", "points": "20"}, {"value": "series_a", "points": "60"}, {"value": "series_b", "points": "100"}]},
    {"id": "web_rank", "kind": "range", "attribute": "web_rank", "weight": "2.5", "from": "100000", "to": "1000"},
    {"id": "partner_customer", "kind": "equals", "attribute": "partner_customer", "weight": "7.5", "value": "true", "missing": "neutral"}
  ]
}`

// fitAccount is an account as the hand-written baseline holds it.
type fitAccount struct {
	ID                 string
	Industry           string // lower case
	Employees          float64
	ARRGrowth          float64
	HasARRGrowth       bool
	Tech               []string // lower case
	Country            string
	Hiring             bool
	Intent             string
	Revenue            float64
	Region             string
	Funding            string
	WebRank            float64
	PartnerCustomer    bool
	HasPartnerCustomer bool
}

// fitAccounts draws n accounts from a fixed seed.
func fitAccounts(n int) []fitAccount {
	r := rand.New(rand.NewPCG(1, 2))
	inds := []string{"saas", "fintech", "retail", "healthcare", "manufacturing", "media"}
	techs := []string{"aws", "gcp", "azure", "snowflake", "salesforce", "hubspot"}
	regions := []string{"na", "emea", "apac", "latam"}
	countries := []string{"us", "de", "XX"}
	fundings := []string{"seed", "series_a", "series_b", "series_c"}
	out := make([]fitAccount, n)
	for i := range out {
		a := &out[i]
		a.ID = "acct-" + strconv.Itoa(i)
		a.Industry = inds[r.IntN(len(inds))]
		a.Employees = float64(r.IntN(5000))
		if r.IntN(4) > 0 {
			a.ARRGrowth, a.HasARRGrowth = float64(r.IntN(80)), true
		}
		a.Tech = []string{techs[r.IntN(6)], techs[r.IntN(6)]}
		a.Country = countries[r.IntN(3)]
		a.Hiring = r.IntN(2) == 0
		if r.IntN(3) == 0 {
			a.Intent = "pricing-page"
		}
		a.Revenue = float64(r.IntN(200_000_000))
		a.Region = regions[r.IntN(4)]
		a.Funding = fundings[r.IntN(4)]
		a.WebRank = float64(r.IntN(200_000))
		if r.IntN(2) == 0 {
			a.PartnerCustomer, a.HasPartnerCustomer = r.IntN(2) == 0, true
		}
	}
	return out
}

func fitModel(tb testing.TB) *fit.Model {
	def, err := fit.ParseDefinition([]byte(fitDefinitionJSON))
	if err != nil {
		tb.Fatal(err)
	}
	m, err := fit.Compile(def)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// fitEntities builds the engine's entities from the same accounts.
func fitEntities(tb testing.TB, m *fit.Model, accts []fitAccount) []fit.Entity {
	out := make([]fit.Entity, len(accts))
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	num := func(v float64) partnerops.Decimal { return partnerops.DecimalFromInt(int64(v)) }
	for i := range accts {
		a := &accts[i]
		e := m.NewEntity(a.ID)
		must(e.SetString("industry", a.Industry))
		must(e.SetNumber("employees", num(a.Employees)))
		if a.HasARRGrowth {
			must(e.SetNumber("arr_growth", num(a.ARRGrowth)))
		}
		must(e.SetMembers("tech", a.Tech...))
		must(e.SetString("country", a.Country))
		must(e.SetBool("hiring", a.Hiring))
		must(e.SetString("intent", a.Intent))
		must(e.SetNumber("revenue", num(a.Revenue)))
		must(e.SetString("region", a.Region))
		must(e.SetString("funding", a.Funding))
		must(e.SetNumber("web_rank", num(a.WebRank)))
		if a.HasPartnerCustomer {
			must(e.SetBool("partner_customer", a.PartnerCustomer))
		}
		out[i] = e
	}
	return out
}

// fitBaseScore is the baseline's score: hundredths of a point, coverage
// in hundredths of a percent, grade, disqualification.
type fitBaseScore struct {
	Hundredths   int32
	Coverage     int32
	Grade        string
	Disqualified bool
}

// fitTotalWeight is the sum of the model's weights.
const fitTotalWeight = 30 + 20 + 15 + 10 + 10 + 15 + 0 + 10 + 5 + 5 + 2.5 + 7.5

// fitBaseline scores one account by hand: credits in millionths, weights
// in points, each criterion written out.
func fitBaseline(a *fitAccount) fitBaseScore {
	const full = 1e6
	var num, den, seen float64
	disq := false
	// industry: one of saas, fintech, healthcare (30)
	if a.Industry != "" {
		seen += 30
		if a.Industry == "saas" || a.Industry == "fintech" || a.Industry == "healthcare" {
			num += 30 * full
		}
	}
	den += 30
	// size: employees in bands (20)
	seen += 20
	den += 20
	switch e := a.Employees; {
	case e < 100:
		num += 20 * 200_000
	case e < 1000:
		num += 20 * full
	default:
		num += 20 * 600_000
	}
	// growth: 0 to 50, neutral when missing (15)
	if a.HasARRGrowth {
		seen += 15
		den += 15
		switch g := a.ARRGrowth; {
		case g >= 50:
			num += 15 * full
		case g > 0:
			num += 15 * math.Floor(g*full/50)
		}
	}
	// stack: shares 2 of aws, snowflake, salesforce (10)
	if len(a.Tech) > 0 {
		seen += 10
		var mask uint
		for _, t := range a.Tech {
			switch t {
			case "aws":
				mask |= 1
			case "snowflake":
				mask |= 2
			case "salesforce":
				mask |= 4
			}
		}
		if n := bits.OnesCount(mask); n >= 2 {
			num += 10 * full
		} else {
			num += 10 * float64(n) * full / 2
		}
	}
	den += 10
	// hiring (10)
	seen += 10
	den += 10
	if a.Hiring {
		num += 10 * full
	}
	// intent present (15)
	seen += 15
	den += 15
	if a.Intent != "" {
		num += 15 * full
	}
	// sanctioned: a must-have, disqualifies "XX" and a missing country
	if a.Country == "" || a.Country == "XX" {
		disq = true
	}
	// revenue in bands (10)
	seen += 10
	den += 10
	switch r := a.Revenue; {
	case r < 1e6:
		num += 10 * 100_000
	case r < 1e7:
		num += 10 * 500_000
	case r < 1e8:
		num += 10 * full
	default:
		num += 10 * 700_000
	}
	// region: na or emea (5)
	if a.Region != "" {
		seen += 5
		if a.Region == "na" || a.Region == "emea" {
			num += 5 * full
		}
	}
	den += 5
	// funding points (5)
	if a.Funding != "" {
		seen += 5
		switch a.Funding {
		case "seed":
			num += 5 * 200_000
		case "series_a":
			num += 5 * 600_000
		case "series_b":
			num += 5 * full
		}
	}
	den += 5
	// web rank: 100,000 (0%) to 1,000 (100%) (2.5)
	seen += 2.5
	den += 2.5
	switch w := a.WebRank; {
	case w <= 1000:
		num += 2.5 * full
	case w < 100_000:
		num += 2.5 * math.Floor((100_000-w)*full/99_000)
	}
	// partner customer, neutral when missing (7.5)
	if a.HasPartnerCustomer {
		seen += 7.5
		den += 7.5
		if a.PartnerCustomer {
			num += 7.5 * full
		}
	}
	cov := int32(math.Floor(seen * 10_000 / fitTotalWeight))
	if disq {
		return fitBaseScore{Coverage: cov, Grade: "D", Disqualified: true}
	}
	h := int32(math.Floor(num / (den * 100)))
	g := "D"
	switch {
	case h >= 8000:
		g = "A"
	case h >= 6000:
		g = "B"
	case h >= 4000:
		g = "C"
	}
	return fitBaseScore{Hundredths: h, Coverage: cov, Grade: g}
}

// fitEngineScore converts an engine score for comparison.
func fitEngineScore(s fit.Score) fitBaseScore {
	c, _ := strconv.ParseFloat(s.Coverage().Decimal().String(), 64)
	return fitBaseScore{Hundredths: s.Hundredths(), Coverage: int32(math.Round(c * 100)), Grade: string(s.Grade), Disqualified: s.Disqualified}
}

// fitBaseRanked is an entry of the baseline's top 10.
type fitBaseRanked struct {
	Index      int
	ID         string
	Hundredths int32
}

// fitBaseBatch is the baseline's batch result: the scores, the top 10 and
// the distribution (grade counts and shares in hundredths of a percent,
// percentiles 10, 25, 50, 75 and 90 by nearest rank, mean rounded half
// to even, min and max, in hundredths).
type fitBaseBatch struct {
	Scores                 []fitBaseScore
	Top                    []fitBaseRanked
	Total, Qualified, Disq int
	GradeCounts            [4]int
	GradeShares            [4]int64
	Percentiles            [5]int32
	Mean, Min, Max         int64
}

var fitPercentiles = [5]int64{10, 25, 50, 75, 90}

// fitBaselineBatch scores accounts by hand and summarizes them. Like
// ScoreBatch, it returns a new result (its scores slice and top list) and
// counts scores in a histogram of hundredths.
func fitBaselineBatch(accts []fitAccount) *fitBaseBatch {
	r := &fitBaseBatch{Scores: make([]fitBaseScore, len(accts)), Top: make([]fitBaseRanked, 0, 10)}
	histogram := new([10_001]int32)
	better := func(i int, h int32, j int) bool { // i with score h ranks above top entry j
		t := r.Top[j]
		if h != t.Hundredths {
			return h > t.Hundredths
		}
		if c := cmp.Compare(accts[i].ID, t.ID); c != 0 {
			return c < 0
		}
		return i < t.Index
	}
	for i := range accts {
		s := fitBaseline(&accts[i])
		r.Scores[i] = s
		if s.Disqualified {
			r.Disq++
			continue
		}
		histogram[s.Hundredths]++
		// Keep the 10 best, highest score first, ties by ID then position.
		if len(r.Top) == 10 && !better(i, s.Hundredths, 9) {
			continue
		}
		if len(r.Top) < 10 {
			r.Top = append(r.Top, fitBaseRanked{})
		}
		k := len(r.Top) - 1
		for k > 0 && better(i, s.Hundredths, k-1) {
			r.Top[k] = r.Top[k-1]
			k--
		}
		r.Top[k] = fitBaseRanked{Index: i, ID: accts[i].ID, Hundredths: s.Hundredths}
	}
	r.Total = len(accts)
	r.Qualified = r.Total - r.Disq
	mins := [4]int{8000, 6000, 4000, 0}
	upper := 10_001
	for g, lo := range mins {
		n := 0
		for s := lo; s < upper; s++ {
			n += int(histogram[s])
		}
		upper = lo
		r.GradeCounts[g] = n
		r.GradeShares[g] = fitDivHalfEven(int64(n)*10_000, int64(r.Total))
	}
	if r.Qualified == 0 {
		return r
	}
	var sum int64
	r.Min = -1
	for s, c := range histogram {
		if c == 0 {
			continue
		}
		if r.Min < 0 {
			r.Min = int64(s)
		}
		r.Max = int64(s)
		sum += int64(s) * int64(c)
	}
	r.Mean = fitDivHalfEven(sum, int64(r.Qualified))
	for i, p := range fitPercentiles {
		rank := (p*int64(r.Qualified) + 99) / 100
		var seen int64
		for s, c := range histogram {
			if seen += int64(c); seen >= rank {
				r.Percentiles[i] = int32(s)
				break
			}
		}
	}
	return r
}

// fitDivHalfEven returns a/b rounded half to even (a ≥ 0, b > 0).
func fitDivHalfEven(a, b int64) int64 {
	if b == 0 {
		return 0
	}
	q, r := a/b, a%b
	if 2*r > b || (2*r == b && q%2 == 1) {
		q++
	}
	return q
}

// fitHundredths reads a decimal with at most 2 fraction digits as
// hundredths.
func fitHundredths(t testing.TB, d partnerops.Decimal) int64 {
	t.Helper()
	v := d.Round(2, partnerops.RoundHalfEven)
	if !v.Equal(d) {
		t.Fatalf("%s has more than 2 fraction digits", d)
	}
	f, err := strconv.ParseFloat(v.String(), 64)
	if err != nil {
		t.Fatal(err)
	}
	return int64(math.Round(f * 100))
}

// fitBatchAsBase converts the engine's batch result for comparison.
func fitBatchAsBase(t testing.TB, res fit.BatchResult) fitBaseBatch {
	t.Helper()
	var r fitBaseBatch
	for _, s := range res.Scores {
		r.Scores = append(r.Scores, fitEngineScore(s))
	}
	for i, top := range res.Top {
		if top.Rank != i+1 {
			t.Fatalf("rank %d at position %d", top.Rank, i)
		}
		r.Top = append(r.Top, fitBaseRanked{Index: top.Index, ID: top.ID, Hundredths: top.Score.Hundredths()})
	}
	d := res.Distribution
	r.Total, r.Qualified, r.Disq = d.Total, d.Qualified, d.Disqualified
	for i, g := range d.Grades {
		r.GradeCounts[i] = g.Count
		r.GradeShares[i] = fitHundredths(t, g.Share.Decimal())
	}
	for i, p := range d.Percentiles {
		r.Percentiles[i] = int32(fitHundredths(t, p.Score))
	}
	r.Mean, r.Min, r.Max = fitHundredths(t, d.Mean), fitHundredths(t, d.Min), fitHundredths(t, d.Max)
	return r
}

// TestFitPairAgrees checks that the engine and the baseline give the same
// score, coverage, grade and disqualification for every account, and the
// same batch result.
func TestFitPairAgrees(t *testing.T) {
	n := 50_000
	if testing.Short() {
		n = 5_000
	}
	m := fitModel(t)
	accts := fitAccounts(n)
	es := fitEntities(t, m, accts)
	kinds := map[string]int{}
	for i := range accts {
		s, err := m.Score(&es[i])
		if err != nil {
			t.Fatal(err)
		}
		got, want := fitEngineScore(s), fitBaseline(&accts[i])
		if got != want {
			t.Fatalf("account %d %+v: engine %+v, baseline %+v", i, accts[i], got, want)
		}
		kinds[want.Grade]++
		if want.Disqualified {
			kinds["disqualified"]++
		}
		if want.Coverage < 10_000 {
			kinds["partial coverage"]++
		}
	}
	t.Logf("%d accounts: %v", n, kinds)
	for _, k := range []string{"A", "B", "C", "D", "disqualified", "partial coverage"} {
		if kinds[k] == 0 {
			t.Errorf("no account is %s: the data does not exercise the pair", k)
		}
	}
	res, err := m.ScoreBatch(es, fit.BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := *fitBaselineBatch(accts)
	got := fitBatchAsBase(t, res)
	if !reflect.DeepEqual(want.Scores, got.Scores) {
		t.Errorf("batch scores differ")
	}
	want.Scores, got.Scores = nil, nil
	if !reflect.DeepEqual(want, got) {
		t.Errorf("batch results differ:\nbaseline %+v\nengine   %+v", want, got)
	}
	if len(got.Top) != 10 || !slices.IsSortedFunc(got.Top, func(a, b fitBaseRanked) int { return cmp.Compare(b.Hundredths, a.Hundredths) }) {
		t.Errorf("top 10 = %+v", got.Top)
	}
}

// TestFitScoreAllocs checks that scoring allocates nothing.
func TestFitScoreAllocs(t *testing.T) {
	m := fitModel(t)
	es := fitEntities(t, m, fitAccounts(64))
	var sink fit.Score
	if n := testing.AllocsPerRun(100, func() {
		for i := range es {
			sink, _ = m.Score(&es[i])
		}
	}); n != 0 {
		t.Errorf("Score allocates %v times per 64 accounts, want 0", n)
	}
	_ = sink
}

var (
	fitBenchOnce     sync.Once
	fitBenchAccounts []fitAccount
	fitBenchModel    *fit.Model
	fitBenchEntities []fit.Entity
)

func fitBenchSetup(b *testing.B) {
	fitBenchOnce.Do(func() {
		fitBenchAccounts = fitAccounts(1_000_000)
		fitBenchModel = fitModel(b)
		fitBenchEntities = fitEntities(b, fitBenchModel, fitBenchAccounts)
	})
}

var (
	fitSinkScores    []fit.Score
	fitSinkBase      []fitBaseScore
	fitSinkBatch     fit.BatchResult
	fitSinkBaseBatch *fitBaseBatch
)

// fitEngineLoop scores every entity with Model.Score.
//
//go:noinline
func fitEngineLoop(m *fit.Model, es []fit.Entity, out []fit.Score) {
	for i := range es {
		out[i], _ = m.Score(&es[i])
	}
}

// fitBaselineLoop scores every account with the hand-written scorer.
//
//go:noinline
func fitBaselineLoop(accts []fitAccount, out []fitBaseScore) {
	for i := range accts {
		out[i] = fitBaseline(&accts[i])
	}
}

// BenchmarkFitScore1M scores 1,000,000 accounts one Score call at a time
// (engine) and by hand (baseline). Target: engine at or under the
// baseline, 0 allocations.
func BenchmarkFitScore1M(b *testing.B) {
	fitBenchSetup(b)
	m, es, accts := fitBenchModel, fitBenchEntities, fitBenchAccounts
	out := make([]fit.Score, len(es))
	outB := make([]fitBaseScore, len(accts))
	engine := func() { fitEngineLoop(m, es, out) }
	base := func() { fitBaselineLoop(accts, outB) }
	b.Run("engine", func(b *testing.B) { stratRun(b, "account", len(es), engine) })
	b.Run("baseline", func(b *testing.B) { stratRun(b, "account", len(accts), base) })
	b.Run("pair", func(b *testing.B) {
		b.ReportAllocs()
		stratPair(b, "account", len(es), engine, base)
	})
	fitSinkScores, fitSinkBase = out, outB
}

// BenchmarkFitScoreBatch1M scores and summarizes 1,000,000 accounts with
// ScoreBatch on one worker (engine) and by hand (baseline): scores in
// input order, top 10, grade counts, percentiles, mean, min and max.
// Target: engine at or under the baseline, no allocation per account.
func BenchmarkFitScoreBatch1M(b *testing.B) {
	fitBenchSetup(b)
	m, es, accts := fitBenchModel, fitBenchEntities, fitBenchAccounts
	engine := func() {
		r, err := m.ScoreBatch(es, fit.BatchOptions{Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		fitSinkBatch = r
	}
	base := func() { fitSinkBaseBatch = fitBaselineBatch(accts) }
	b.Run("engine", func(b *testing.B) { stratRun(b, "account", len(es), engine) })
	b.Run("baseline", func(b *testing.B) { stratRun(b, "account", len(accts), base) })
	b.Run("pair", func(b *testing.B) {
		b.ReportAllocs()
		stratPairGC(b, "account", len(es), true, func() { fitSinkBatch = fit.BatchResult{}; engine() },
			func() { fitSinkBaseBatch = nil; base() })
	})
}
