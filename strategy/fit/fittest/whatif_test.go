package fittest_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/strategy/fit"
	"github.com/partnerops/partnerops/strategy/fit/fittest"
)

func sizeModel(sizeWeight string, minCoverage string) fittest.Definitions {
	d := fit.Definition{
		Attributes: []fit.AttributeDef{{Name: "industry", Kind: fit.AttributeString}, {Name: "employees", Kind: fit.AttributeNumber},
			{Name: "region", Kind: fit.AttributeString}},
		Criteria: []fit.CriterionDef{
			{ID: "industry", Kind: fit.CriterionOneOf, Attribute: "industry", Weight: partnerops.MustDecimal("50"), Values: []string{"saas"}},
			{ID: "size", Kind: fit.CriterionRange, Attribute: "employees", Weight: partnerops.MustDecimal(sizeWeight),
				From: ptr(partnerops.MustDecimal("0")), To: ptr(partnerops.MustDecimal("1000"))},
			{ID: "region", Kind: fit.CriterionOneOf, Attribute: "region", Weight: partnerops.MustDecimal("0"), MustHave: true, Values: []string{"na"}},
		},
	}
	if minCoverage != "" {
		d.MinCoverage = partnerops.MustPercent(minCoverage)
	}
	return fittest.Definitions{Model: &d}
}

func account(id string, attrs map[string]fittest.Value) fittest.Case {
	return fittest.Case{ID: id, Given: fittest.Given{Attributes: attrs}}
}

// Weighing size more swaps a big retailer above a small SaaS company,
// regrades both, and a coverage bar leaves an account without data
// ungraded; an attribute the new model drops breaks its account.
func TestWhatIfRanksAndGrades(t *testing.T) {
	na := fittest.Text("na")
	cases := []fittest.Case{
		account("small-saas", map[string]fittest.Value{"industry": fittest.Text("saas"), "employees": fittest.Number(partnerops.MustDecimal("100")), "region": na}),
		account("big-retail", map[string]fittest.Value{"industry": fittest.Text("retail"), "employees": fittest.Number(partnerops.MustDecimal("1000")), "region": na}),
		account("unknown-size", map[string]fittest.Value{"industry": fittest.Text("saas"), "region": na}),
		account("abroad", map[string]fittest.Value{"industry": fittest.Text("saas"), "employees": fittest.Number(partnerops.MustDecimal("900")), "region": fittest.Text("emea")}),
	}
	rep, err := fittest.WhatIf(sizeModel("50", ""), sizeModel("200", "60"), cases)
	if err != nil {
		t.Fatal(err)
	}
	want := []fittest.RankMove{{CaseID: "small-saas", Before: 1, After: 2}, {CaseID: "big-retail", Before: 2, After: 1}, {CaseID: "unknown-size", Before: 3, After: 0}}
	if diff := cmp.Diff(want, rep.Ranks); diff != "" {
		t.Errorf("ranks (-want +got):\n%s", diff)
	}
	const headline = "this change moves 3 of 4 accounts (1 up, 2 down); 3 change grade: 1 moves into A, 3 drop out of C, 1 moves into D; 1 now low coverage; 3 change rank"
	if got := rep.Headline(); got != headline {
		t.Errorf("Headline() =\n%s\nwant\n%s", got, headline)
	}
	if rep.Regraded != 3 || rep.Up != 1 || rep.Down != 2 || rep.Broken != 0 {
		t.Errorf("counts: regraded %d, up %d, down %d, broken %d", rep.Regraded, rep.Up, rep.Down, rep.Broken)
	}
	dropped := fittest.Definitions{Model: ptr(*sizeModel("50", "").Model)}
	dropped.Model.Attributes = dropped.Model.Attributes[:2]
	dropped.Model.Criteria = dropped.Model.Criteria[:2]
	rep, err = fittest.WhatIf(sizeModel("50", ""), dropped, cases)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Broken != 4 {
		t.Errorf("Broken = %d, want 4:\n%s", rep.Broken, rep.Text())
	}
	if _, err := fittest.WhatIf(fittest.Definitions{}, dropped, cases); err == nil {
		t.Error("WhatIf without a model before: no error")
	}
}

func ptr[T any](v T) *T { return &v }

// A report is data: it round-trips through JSON and renders the same.
func TestReportRoundTrips(t *testing.T) {
	f, err := fittest.Load("testdata/icp.json")
	if err != nil {
		t.Fatal(err)
	}
	after := *f.Definitions.Model
	after.MinCoverage = partnerops.MustPercent("90")
	rep, err := fittest.WhatIf(f.Definitions, fittest.Definitions{Model: &after}, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changed) == 0 || len(rep.Ranks) == 0 {
		t.Fatalf("nothing changed:\n%s", rep.Text())
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back fittest.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if rep.Text() != back.Text() || rep.Markdown() != back.Markdown() {
		t.Errorf("the decoded report renders differently")
	}
}

// growthCase is a model of n criteria and an account whose every
// contribution expectation is wrong.
func growthCase(t *testing.T, n int) (*fit.Model, fittest.Definitions, fittest.Case) {
	t.Helper()
	d := fit.Definition{}
	c := fittest.Case{ID: "acct", Given: fittest.Given{Attributes: map[string]fittest.Value{}}}
	for i := range n {
		name := fmt.Sprint("a", i)
		d.Attributes = append(d.Attributes, fit.AttributeDef{Name: name, Kind: fit.AttributeNumber})
		d.Criteria = append(d.Criteria, fit.CriterionDef{ID: fmt.Sprint("c", i), Kind: fit.CriterionRange, Attribute: name,
			Weight: partnerops.DecimalFromInt(1), From: ptr(partnerops.DecimalFromInt(0)), To: ptr(partnerops.DecimalFromInt(100))})
		c.Given.Attributes[name] = fittest.Number(partnerops.DecimalFromInt(int64(i % 100)))
		c.Expect.Contributions = append(c.Expect.Contributions, fittest.ContributionExpect{Criterion: fmt.Sprint("c", i), Points: ptr(partnerops.DecimalFromInt(7))})
	}
	defs := fittest.Definitions{Model: &d}
	m, err := fittest.Compile(opstest.Files{}, defs)
	if err != nil {
		t.Fatal(err)
	}
	return m, defs, c
}

// Checking a case, with its views and side-by-side failure, and comparing
// cases grow linearly with the criteria and the cases: 8× within 30× the
// time.
func TestGrowth(t *testing.T) {
	m1, d1, c1 := growthCase(t, 30)
	m8, d8, c8 := growthCase(t, 240)
	check := func(m *fit.Model, c fittest.Case) func() {
		return func() {
			if err := fittest.CheckCase(opstest.Files{}, m, c); err == nil {
				t.Fatal("the case passed")
			}
		}
	}
	r, slow := opstest.SlowGrowth(check(m1, c1), check(m8, c8), 30)
	t.Logf("CheckCase: %.1f×", r)
	if slow {
		t.Errorf("CheckCase: 8× the criteria took %.1f× the time", r)
	}
	_, d, c := growthCase(t, 10)
	cases := func(n int) []fittest.Case {
		out := make([]fittest.Case, n)
		for i := range out {
			out[i] = c
			out[i].ID = fmt.Sprint("acct-", i)
			out[i].Given.Attributes = map[string]fittest.Value{"a0": fittest.Number(partnerops.DecimalFromInt(int64(i % 101)))}
		}
		return out
	}
	after := *d.Model
	after.Criteria = append([]fit.CriterionDef(nil), after.Criteria...)
	after.Criteria[0].Weight = partnerops.DecimalFromInt(5)
	whatIf := func(cs []fittest.Case) func() {
		return func() {
			r, err := fittest.WhatIf(d, fittest.Definitions{Model: &after}, cs)
			if err != nil {
				t.Fatal(err)
			}
			_ = r.Text() + r.Markdown()
		}
	}
	r, slow = opstest.SlowGrowth(whatIf(cases(100)), whatIf(cases(800)), 30)
	t.Logf("WhatIf: %.1f×", r)
	if slow {
		t.Errorf("WhatIf: 8× the cases took %.1f× the time", r)
	}
	_, _ = d1, d8
}
