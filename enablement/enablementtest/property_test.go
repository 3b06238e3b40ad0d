package enablementtest_test

import (
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/enablement/enablementtest"
)

// Every generated program compiles and every generated partner evaluates.
func TestGeneratorsDrawValidPrograms(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, err := enablement.Compile(enablementtest.Definition().Draw(t, "program"))
		if err != nil {
			t.Fatalf("generated program does not compile: %v", err)
		}
		people := enablementtest.People(e).Draw(t, "people")
		for _, p := range people {
			if err := e.ValidatePerson(p); err != nil {
				t.Fatalf("generated person is invalid: %v", err)
			}
		}
		if _, err := e.Compliance(enablementtest.Partner(e).Draw(t, "partner"), people, enablementtest.At().Draw(t, "at")); err != nil {
			t.Fatalf("generated partner does not evaluate: %v", err)
		}
	})
}

// A host's invariants, property-tested against random programs and
// people: a partner meets its tier exactly when every requirement is
// met, a met requirement has as many people as it needs, and a partner
// that meets its tier meets it the day before it falls out and not on
// that day (when nothing is recorded after the day asked about: the
// falls-out date looks at the certifications that count then).
func TestComplianceIsConsistent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, err := enablement.Compile(enablementtest.Definition().Draw(t, "program"))
		if err != nil {
			t.Fatal(err)
		}
		partner, people, at := enablementtest.Partner(e).Draw(t, "partner"), enablementtest.People(e).Draw(t, "people"), enablementtest.At().Draw(t, "at")
		people = pastOnly(people, at)
		c, err := e.Compliance(partner, people, at)
		if err != nil {
			t.Fatal(err)
		}
		all := true
		for _, r := range c.Requirements {
			all = all && r.Met
			if r.Met != (r.Have >= r.Required) || r.Gap != max(r.Required-r.Have, 0) || len(r.People) != r.Have {
				t.Fatalf("requirement %s (%s): met %t with %d of %d, gap %d, people %v", r.Requirement, r.Motion, r.Met, r.Have, r.Required, r.Gap, r.People)
			}
		}
		if all != c.Met {
			t.Fatalf("met %t, but every requirement met is %t:\n%s", c.Met, all, c.Text())
		}
		if c.Met && !c.FallsOutAt.IsZero() {
			before := c.FallsOutAt.AddDate(0, 0, -1)
			if before.After(at) {
				if c2, _ := e.Compliance(partner, people, before); !c2.Met {
					t.Fatalf("falls out at %s, but does not meet its tier the day before:\n%s", c.FallsOutAt, c2.Text())
				}
			}
			if c2, _ := e.Compliance(partner, people, c.FallsOutAt); c2.Met {
				t.Fatalf("falls out at %s, but still meets its tier then:\n%s", c.FallsOutAt, c2.Text())
			}
		}
	})
}

// pastOnly drops the awards and renewals recorded after at.
func pastOnly(people []enablement.Person, at time.Time) []enablement.Person {
	out := make([]enablement.Person, len(people))
	for i, p := range people {
		p.Certifications = nil
		for _, h := range people[i].Certifications {
			if h.Earned.After(at) {
				continue
			}
			h.Renewed = slices.DeleteFunc(slices.Clone(h.Renewed), func(r time.Time) bool { return r.After(at) })
			p.Certifications = append(p.Certifications, h)
		}
		out[i] = p
	}
	return out
}
