package pricingtest_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/pricing/pricingtest"
)

// Every generated definition compiles and every generated quote prices:
// the generators promise hosts valid inputs.
func TestGeneratorsDrawValidModels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := pricingtest.Generate().Draw(t, "definitions")
		e, err := pricing.Compile(d.Books, *d.Framework)
		if err != nil {
			t.Fatalf("generated definitions do not compile: %v", err)
		}
		q := pricingtest.Quote(d).Draw(t, "quote")
		if _, err := e.Price(q, pricingtest.At().Draw(t, "at")); err != nil {
			t.Fatalf("generated quote does not price: %v", err)
		}
	})
}

// A host's invariant, property-tested against random frameworks and
// quotes: once the framework keeps a minimum margin, no partner ever
// nets below cost, whatever the rules stack up to.
func TestNoPartnerNetsBelowCost(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := pricingtest.Generate().Draw(t, "definitions")
		if d.Framework.MinMargin == nil {
			zero := partnerops.PercentFromInt(0)
			d.Framework.MinMargin = &zero
		}
		e, err := pricing.Compile(d.Books, *d.Framework)
		if err != nil {
			t.Fatal(err)
		}
		r, err := e.Price(pricingtest.Quote(d).Draw(t, "quote"), pricingtest.At().Draw(t, "at"))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range r.Lines {
			if l.Cost.IsZero() {
				continue
			}
			if c, err := l.NetUnit.Cmp(l.Cost); err != nil || c < 0 {
				t.Fatalf("line %d (%s) nets %v below its cost %v:\n%s", l.Line, l.SKU, l.NetUnit, l.Cost, r.Text())
			}
		}
	})
}
