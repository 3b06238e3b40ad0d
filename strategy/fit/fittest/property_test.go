package fittest_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/strategy/fit"
	"github.com/partnerops/partnerops/strategy/fit/fittest"
)

// Every generated model compiles and every generated account scores.
func TestGeneratorsDrawValidModels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m, err := fit.Compile(fittest.Definition().Draw(t, "model"))
		if err != nil {
			t.Fatalf("generated model does not compile: %v", err)
		}
		e := fittest.Entity(m).Draw(t, "entity")
		if _, err := m.Explain(&e); err != nil {
			t.Fatalf("generated entity does not score: %v", err)
		}
	})
}

// A host's invariant, property-tested against random models and
// accounts: a score lies between 0 and 100, a graded score meets its
// grade's minimum, and the criteria's points sum to the score.
func TestScoresStayInBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m, err := fit.Compile(fittest.Definition().Draw(t, "model"))
		if err != nil {
			t.Fatal(err)
		}
		e := fittest.Entity(m).Draw(t, "entity")
		x, err := m.Explain(&e)
		if err != nil {
			t.Fatal(err)
		}
		s := x.Score
		if h := s.Hundredths(); h < 0 || h > 10000 {
			t.Fatalf("score %v out of bounds", s)
		}
		sum := x.Contributions[0].Points
		for _, c := range x.Contributions[1:] {
			sum = sum.Add(c.Points)
		}
		if sum.Cmp(s.Decimal()) != 0 {
			t.Fatalf("points sum to %v, not the score %v:\n%s", sum, s, x.Text())
		}
		for _, g := range m.Grades() {
			if g.Grade == s.Grade && !s.Disqualified && s.Decimal().Cmp(g.Min) < 0 {
				t.Fatalf("score %v below its grade's minimum %v", s, g.Min)
			}
		}
	})
}
