package fit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

var fitPropValues = []string{"saas", "fintech", "retail", "aws", "gcp", "dbt", "x"}

// fitGenCriterion draws a valid criterion over the sample attributes.
func fitGenCriterion(t *rapid.T, id string) CriterionDef {
	c := CriterionDef{
		ID:      id,
		Weight:  partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "weight"))),
		Missing: rapid.SampledFrom([]MissingPolicy{"", MissingZero, MissingNeutral, MissingDisqualify}).Draw(t, "missing"),
	}
	vals := rapid.SliceOfNDistinct(rapid.SampledFrom(fitPropValues), 1, 4, rapid.ID[string]).Draw(t, "values")
	switch rapid.IntRange(0, 6).Draw(t, "kind") {
	case 0:
		c.Kind, c.Attribute, c.Value = CriterionEquals, "industry", vals[0]
	case 1:
		c.Kind, c.Attribute, c.Values = CriterionOneOf, "industry", vals
	case 2:
		c.Kind, c.Attribute = CriterionBands, "employees"
		cut := rapid.IntRange(1, 1000).Draw(t, "cut")
		c.Bands = []Band{
			{Max: fitDP(strconv.Itoa(cut)), Points: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "p1")))},
			{Min: fitDP(strconv.Itoa(cut)), Points: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "p2")))},
		}
	case 3:
		c.Kind, c.Attribute = CriterionRange, "employees"
		from := rapid.IntRange(-1000, 1000).Draw(t, "from")
		to := rapid.IntRange(-1000, 1000).Filter(func(v int) bool { return v != from }).Draw(t, "to")
		c.From, c.To = fitDP(strconv.Itoa(from)), fitDP(strconv.Itoa(to))
	case 4:
		c.Kind, c.Attribute, c.Values = CriterionSetOverlap, "tech", vals
		c.MinOverlap = rapid.IntRange(0, len(vals)).Draw(t, "min_overlap")
	case 5:
		c.Kind, c.Attribute = CriterionPresent, "intent"
	case 6:
		c.Kind, c.Attribute = CriterionValuePoints, "industry"
		for _, v := range vals {
			c.Choices = append(c.Choices, Choice{Value: v, Points: partnerops.DecimalFromInt(int64(rapid.IntRange(0, 100).Draw(t, "points")))})
		}
	}
	c.MustHave = rapid.IntRange(0, 9).Draw(t, "must") == 0
	if c.Kind != CriterionBands && c.Kind != CriterionRange && c.Kind != CriterionValuePoints {
		c.Negate = rapid.Bool().Draw(t, "negate")
	}
	if c.Kind == CriterionPresent {
		c.Missing = "" // present criteria have no missing policy
	}
	return c
}

func fitGenDef(t *rapid.T) Definition {
	def := fitSampleDef()
	n := rapid.IntRange(1, 8).Draw(t, "criteria")
	def.Criteria = nil
	for i := range n {
		def.Criteria = append(def.Criteria, fitGenCriterion(t, fmt.Sprintf("c%d", i)))
	}
	def.Criteria[0].Weight = partnerops.DecimalFromInt(int64(rapid.IntRange(1, 100).Draw(t, "w0")))
	return def
}

func fitGenAttrs(t *rapid.T) map[string]string {
	attrs := map[string]string{}
	if rapid.Bool().Draw(t, "has industry") {
		attrs["industry"] = rapid.SampledFrom(fitPropValues).Draw(t, "industry")
	}
	if rapid.Bool().Draw(t, "has employees") {
		attrs["employees"] = strconv.Itoa(rapid.IntRange(-2000, 2000).Draw(t, "employees"))
	}
	if rapid.Bool().Draw(t, "has tech") {
		attrs["tech"] = fmt.Sprint(rapid.SliceOfN(rapid.SampledFrom(fitPropValues), 0, 4).Draw(t, "tech"))
	}
	if rapid.Bool().Draw(t, "has intent") {
		attrs["intent"] = "yes"
	}
	return attrs
}

func fitMustCompile(t *rapid.T, def Definition, opts ...Option) *Model {
	m, err := Compile(def, opts...)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return m
}

// Scores stay within [0, 100] and the explanation's points sum to the score.
func TestPropFitScoreBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := fitMustCompile(t, fitGenDef(t))
		e, err := m.EntityFromAttributes("e", fitGenAttrs(t))
		if err != nil {
			t.Fatal(err)
		}
		s, _ := m.Score(&e)
		if s.Hundredths() < 0 || s.Hundredths() > fitScoreUnit {
			t.Fatalf("score %v out of [0, 100]", s)
		}
		x, _ := m.Explain(&e)
		sum := partnerops.Decimal{}
		for _, c := range x.Contributions {
			sum = sum.Add(c.Points)
		}
		if !s.Disqualified && !sum.Equal(s.Decimal()) {
			t.Fatalf("points sum %s, score %s", sum, s.Decimal())
		}
	})
}

// Adding a satisfied criterion with a positive weight never lowers a score
// (nor disqualifies).
func TestPropFitSatisfiedCriterionNeverLowers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := fitGenDef(t)
		always := WithPredicate("always", func(*Entity) bool { return true })
		m := fitMustCompile(t, def, always)
		attrs := fitGenAttrs(t)
		e, _ := m.EntityFromAttributes("e", attrs)
		before, _ := m.Score(&e)

		extra := CriterionDef{ID: "extra", Weight: partnerops.DecimalFromInt(int64(rapid.IntRange(1, 1000).Draw(t, "w"))), MustHave: rapid.Bool().Draw(t, "must")}
		if rapid.Bool().Draw(t, "predicate") {
			extra.Kind, extra.Predicate = CriterionPredicate, "always"
		} else {
			attrs["intent"] = "yes" // present: satisfied
			extra.Kind, extra.Attribute = CriterionPresent, "intent"
			e, _ = m.EntityFromAttributes("e", attrs)
			before, _ = m.Score(&e)
		}
		pos := rapid.IntRange(0, len(def.Criteria)).Draw(t, "pos")
		def.Criteria = append(def.Criteria[:pos:pos], append([]CriterionDef{extra}, def.Criteria[pos:]...)...)
		m2 := fitMustCompile(t, def, always)
		e2, _ := m2.EntityFromAttributes("e", attrs)
		after, _ := m2.Score(&e2)
		if after.Disqualified != before.Disqualified || (!after.Disqualified && after.Hundredths() < before.Hundredths()) {
			t.Fatalf("adding a satisfied criterion: %v → %v", before, after)
		}
	})
}

// Batch results do not depend on input order or on the number of workers.
func TestPropFitBatchOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := fitMustCompile(t, fitGenDef(t))
		n := rapid.IntRange(0, 30).Draw(t, "n")
		es := make([]Entity, n)
		for i := range es {
			es[i], _ = m.EntityFromAttributes(fmt.Sprintf("e%02d", i), fitGenAttrs(t))
		}
		perm := rapid.Permutation(es).Draw(t, "perm")
		topN := rapid.IntRange(-1, 10).Draw(t, "top")
		a, err := m.ScoreBatch(es, BatchOptions{TopN: topN})
		if err != nil {
			t.Fatal(err)
		}
		b, err := m.ScoreBatch(perm, BatchOptions{TopN: topN, Workers: rapid.IntRange(1, 4).Draw(t, "workers")})
		if err != nil {
			t.Fatal(err)
		}
		strip := func(r []Ranked) []Ranked {
			out := make([]Ranked, len(r))
			for i, x := range r {
				x.Index = 0
				out[i] = x
			}
			return out
		}
		if diff := cmp.Diff(strip(a.Top), strip(b.Top)); diff != "" {
			t.Fatalf("top depends on order (-a +b):\n%s", diff)
		}
		if diff := cmp.Diff(a.Distribution, b.Distribution); diff != "" {
			t.Fatalf("distribution depends on order (-a +b):\n%s", diff)
		}
	})
}

// FuzzFitModelJSON decodes fuzzed fit models; whatever compiles must score
// fuzzed entities without panicking, within [0, 100].
func FuzzFitModelJSON(f *testing.F) {
	seed, _ := json.Marshal(fitSampleDef())
	f.Add(seed, "SaaS", "250", "aws,dbt", "true")
	full, _ := json.Marshal(fitBenchDef()) // every data-driven criterion kind
	f.Add(full, "series_b", "1000000", "aws,snowflake", "false")
	f.Add([]byte(`{"attributes":[{"name":"n","kind":"number"}],"criteria":[{"id":"r","kind":"range","attribute":"n","weight":"1","from":"9e14","to":"-9e14"}]}`), "", "-899999999999999.9999", "", "")
	f.Add([]byte(`{"attributes":[{"name":"n","kind":"number"}],"criteria":[{"id":"b","kind":"bands","attribute":"n","weight":"1000000","bands":[{"min":"1","points":"100"},{"max":"1","points":"0.0001"}]}],"grades":[{"grade":"x","min":"0"}]}`), "", "1", "", "")
	f.Fuzz(func(t *testing.T, data []byte, s, num, set, b string) {
		var def Definition
		if err := json.Unmarshal(data, &def); err != nil {
			return
		}
		m, err := Compile(def, WithPredicate("p", func(*Entity) bool { return true }))
		if err != nil {
			return
		}
		attrs := map[string]string{}
		for _, a := range def.Attributes {
			switch a.Kind {
			case AttributeString:
				attrs[a.Name] = s
			case AttributeNumber:
				attrs[a.Name] = num
			case AttributeSet:
				attrs[a.Name] = set
			case AttributeBool:
				attrs[a.Name] = b
			}
		}
		e, _ := m.EntityFromAttributes("e", attrs)
		sc, err := m.Score(&e)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Hundredths() < 0 || sc.Hundredths() > fitScoreUnit {
			t.Fatalf("score %v out of range", sc)
		}
		if _, err := m.Explain(&e); err != nil {
			t.Fatal(err)
		}
		if _, err := m.ScoreBatch([]Entity{e, e}, BatchOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
