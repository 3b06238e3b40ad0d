package payouttest_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops/pricing/payout"
	"github.com/partnerops/partnerops/pricing/payout/payouttest"
)

// Every generated plan compiles and every generated request evaluates.
func TestGeneratorsDrawValidModels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, err := payout.Compile(payouttest.Plan().Draw(t, "plan"))
		if err != nil {
			t.Fatalf("generated plan does not compile: %v", err)
		}
		if _, err := e.Statement(payouttest.Request(e).Draw(t, "request")); err != nil {
			t.Fatalf("generated request does not evaluate: %v", err)
		}
	})
}

// A host's invariant, property-tested against random plans and
// transactions: without draws, floors or clawbacks, a statement pays
// between zero and the plan's cap, and its total is the subtotal plus
// the adjustments.
func TestStatementsStayWithinTheCap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		plan := payouttest.Plan().Draw(t, "plan")
		e, err := payout.Compile(plan)
		if err != nil {
			t.Fatal(err)
		}
		s, err := e.Statement(payouttest.Request(e).Draw(t, "request"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Total.IsNegative() {
			t.Fatalf("pays %v:\n%s", s.Total, s.Text())
		}
		if plan.Cap != nil {
			if c, err := s.Total.Cmp(plan.Cap.Amount); err != nil || c > 0 {
				t.Fatalf("pays %v above the cap %v:\n%s", s.Total, plan.Cap.Amount, s.Text())
			}
		}
		sum := s.Subtotal
		for _, a := range s.Adjustments {
			if sum, err = sum.Add(a.Amount); err != nil {
				t.Fatal(err)
			}
		}
		if !sum.Equal(s.Total) {
			t.Fatalf("subtotal %v plus adjustments is %v, not the total %v:\n%s", s.Subtotal, sum, s.Total, s.Text())
		}
	})
}
