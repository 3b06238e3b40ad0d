package fittest

import (
	"fmt"
	"slices"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/strategy/fit"
)

// The vocabulary generated models and accounts draw from.
var (
	genIndustries = []string{"saas", "fintech", "healthcare", "retail", "logistics"}
	genRegions    = []string{"na", "emea", "apac", "latam"}
	genTech       = []string{"aws", "gcp", "azure", "snowflake", "salesforce", "segment"}
)

// Definition generates valid fit models over six attributes (industry,
// region: strings; employees, growth: numbers; tech: a set; customer: a
// bool) with 1 to 8 criteria of every data-driven kind (equals, one_of,
// value_points, bands, range, set_overlap, present), weights from 1 to
// 100, and some must-haves, negations and missing-data policies; with
// the default grades or three to five of their own, and sometimes a
// min_coverage. Every model drawn compiles (perhaps with warnings), and
// every account [Account] draws for it scores.
func Definition() *rapid.Generator[fit.Definition] {
	return rapid.Custom(func(t *rapid.T) fit.Definition {
		d := fit.Definition{
			Name: "generated",
			Attributes: []fit.AttributeDef{
				{Name: "industry", Kind: fit.AttributeString, FoldCase: rapid.Bool().Draw(t, "fold industry")},
				{Name: "region", Kind: fit.AttributeString},
				{Name: "employees", Kind: fit.AttributeNumber},
				{Name: "growth", Kind: fit.AttributeNumber},
				{Name: "tech", Kind: fit.AttributeSet, FoldCase: rapid.Bool().Draw(t, "fold tech")},
				{Name: "customer", Kind: fit.AttributeBool},
			},
		}
		for i := range rapid.IntRange(1, 8).Draw(t, "criteria") {
			d.Criteria = append(d.Criteria, criterion(t, fmt.Sprintf("c%d", i+1)))
		}
		if rapid.Bool().Draw(t, "own grades") {
			names := []fit.Grade{"A", "B", "C", "D", "E"}
			n := rapid.IntRange(3, 5).Draw(t, "grades")
			mins := rapid.SliceOfNDistinct(rapid.Int64Range(1, 9999), n-1, n-1, rapid.ID[int64]).Draw(t, "grade minimums")
			slices.Sort(mins)
			slices.Reverse(mins)
			for i := range n - 1 {
				d.Grades = append(d.Grades, fit.GradeDef{Grade: names[i], Min: partnerops.NewDecimal(mins[i], -2)})
			}
			d.Grades = append(d.Grades, fit.GradeDef{Grade: names[n-1], Min: partnerops.DecimalFromInt(0)})
		}
		if rapid.IntRange(0, 3).Draw(t, "min coverage") == 0 {
			d.MinCoverage = opstest.Percent(100, 10000).Draw(t, "min coverage percent")
		}
		return d
	})
}

func criterion(t *rapid.T, id string) fit.CriterionDef {
	c := fit.CriterionDef{
		ID:       id,
		Weight:   partnerops.DecimalFromInt(rapid.Int64Range(1, 100).Draw(t, "weight")),
		MustHave: rapid.IntRange(0, 5).Draw(t, "must have") == 0,
	}
	missing := func() {
		c.Missing = rapid.SampledFrom([]fit.MissingPolicy{"", fit.MissingZero, fit.MissingNeutral, fit.MissingDisqualify}).Draw(t, "missing")
	}
	negate := func() { c.Negate = rapid.IntRange(0, 4).Draw(t, "negate") == 0 }
	pick := func(vocab []string, label string) []string {
		return rapid.SliceOfNDistinct(rapid.SampledFrom(vocab), 1, len(vocab), rapid.ID[string]).Draw(t, label)
	}
	c.Kind = rapid.SampledFrom([]fit.CriterionKind{fit.CriterionEquals, fit.CriterionOneOf, fit.CriterionValuePoints,
		fit.CriterionBands, fit.CriterionRange, fit.CriterionSetOverlap, fit.CriterionPresent}).Draw(t, "kind")
	switch c.Kind {
	case fit.CriterionEquals:
		if rapid.Bool().Draw(t, "equals bool") {
			c.Attribute, c.Value = "customer", fmt.Sprint(rapid.Bool().Draw(t, "customer value"))
		} else {
			c.Attribute, c.Value = "industry", rapid.SampledFrom(genIndustries).Draw(t, "industry value")
		}
		missing()
		negate()
	case fit.CriterionOneOf:
		if rapid.Bool().Draw(t, "one of region") {
			c.Attribute, c.Values = "region", pick(genRegions, "regions")
		} else {
			c.Attribute, c.Values = "industry", pick(genIndustries, "industries")
		}
		missing()
		negate()
	case fit.CriterionValuePoints:
		c.Attribute = "industry"
		for _, v := range pick(genIndustries, "choices") {
			c.Choices = append(c.Choices, fit.Choice{Value: v, Points: partnerops.DecimalFromInt(rapid.Int64Range(0, 100).Draw(t, "choice points"))})
		}
		missing()
	case fit.CriterionBands:
		c.Attribute = "employees"
		cuts := rapid.SliceOfNDistinct(rapid.Int64Range(1, 20000), 1, 4, rapid.ID[int64]).Draw(t, "band cuts")
		slices.Sort(cuts)
		lo := (*partnerops.Decimal)(nil)
		for i := 0; i <= len(cuts); i++ {
			b := fit.Band{Label: fmt.Sprintf("b%d", i+1), Min: lo, Points: partnerops.DecimalFromInt(rapid.Int64Range(0, 100).Draw(t, "band points"))}
			if i < len(cuts) {
				hi := partnerops.DecimalFromInt(cuts[i])
				b.Max = &hi
				lo = &hi
			}
			if i > 0 || rapid.Bool().Draw(t, "open low band") {
				c.Bands = append(c.Bands, b)
			}
		}
		missing()
	case fit.CriterionRange:
		c.Attribute = "growth"
		from := rapid.Int64Range(-50, 100).Draw(t, "from")
		to := rapid.Int64Range(-50, 100).Filter(func(v int64) bool { return v != from }).Draw(t, "to")
		f, tt := partnerops.DecimalFromInt(from), partnerops.DecimalFromInt(to)
		c.From, c.To = &f, &tt
		missing()
	case fit.CriterionSetOverlap:
		c.Attribute, c.Values = "tech", pick(genTech, "tech values")
		c.MinOverlap = rapid.IntRange(0, len(c.Values)).Draw(t, "min overlap")
		missing()
		negate()
	case fit.CriterionPresent:
		c.Attribute = rapid.SampledFrom([]string{"industry", "region", "employees", "tech", "customer"}).Draw(t, "present attribute")
		negate()
	}
	return c
}

// Account generates the entity a case gives for m's model (drawn by
// [Definition] or any other): an ID "acct-N" and, for each attribute the
// model declares, perhaps a value: a string among those the criteria
// name or another, a number around the bands' and ranges' bounds (whole,
// or with up to 2 fraction digits), a set of the names the criteria
// list and others, true or false. Every account drawn builds and scores.
func Account(m *fit.Model) *rapid.Generator[Given] {
	def := m.Definition()
	vocab := map[string][]string{}
	bounds := map[string][]int64{}
	for _, c := range def.Criteria {
		v := vocab[c.Attribute]
		if c.Value != "" {
			v = append(v, c.Value)
		}
		v = append(v, c.Values...)
		for _, ch := range c.Choices {
			v = append(v, ch.Value)
		}
		vocab[c.Attribute] = v
		for _, b := range c.Bands {
			for _, x := range []*partnerops.Decimal{b.Min, b.Max} {
				if x != nil {
					n, _ := x.Int64()
					bounds[c.Attribute] = append(bounds[c.Attribute], n)
				}
			}
		}
		for _, x := range []*partnerops.Decimal{c.From, c.To} {
			if x != nil {
				n, _ := x.Int64()
				bounds[c.Attribute] = append(bounds[c.Attribute], n)
			}
		}
	}
	return rapid.Custom(func(t *rapid.T) Given {
		g := Given{ID: fmt.Sprintf("acct-%d", rapid.IntRange(1, 999).Draw(t, "id")), Attributes: map[string]Value{}}
		for _, a := range def.Attributes {
			if rapid.IntRange(0, 3).Draw(t, "missing "+a.Name) == 0 {
				continue
			}
			words := append(slices.Clone(vocab[a.Name]), "other", "Other")
			switch a.Kind {
			case fit.AttributeString:
				g.Attributes[a.Name] = Text(rapid.SampledFrom(words).Draw(t, a.Name))
			case fit.AttributeNumber:
				n := rapid.Int64Range(-100, 30000).Draw(t, a.Name)
				if bs := bounds[a.Name]; len(bs) > 0 && rapid.Bool().Draw(t, "near a bound") {
					n = rapid.SampledFrom(bs).Draw(t, "bound") + rapid.Int64Range(-1, 1).Draw(t, "offset")
				}
				g.Attributes[a.Name] = Number(partnerops.NewDecimal(n*100+rapid.Int64Range(0, 99).Draw(t, "cents")*int64(rapid.IntRange(0, 1).Draw(t, "fraction")), -2))
			case fit.AttributeSet:
				g.Attributes[a.Name] = Members(rapid.SliceOfNDistinct(rapid.SampledFrom(words), 0, len(words), rapid.ID[string]).Draw(t, a.Name)...)
			case fit.AttributeBool:
				g.Attributes[a.Name] = Bool(rapid.Bool().Draw(t, a.Name))
			}
		}
		return g
	})
}

// Entity generates entities of m from the accounts [Account] draws.
func Entity(m *fit.Model) *rapid.Generator[fit.Entity] {
	acct := Account(m)
	return rapid.Custom(func(t *rapid.T) fit.Entity {
		g := acct.Draw(t, "account")
		e, err := BuildEntity(m, Case{ID: g.ID, Given: g})
		if err != nil {
			t.Fatalf("fittest.Entity: %v", err)
		}
		return e
	})
}
