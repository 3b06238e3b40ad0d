package fit

import (
	"fmt"
	"testing"

	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestGrowth: batch scoring, rendering and compiling are linear in their
// inputs.
func TestGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("growth test")
	}
	m, err := Compile(fitBenchDef())
	if err != nil {
		t.Fatal(err)
	}
	all := fitBenchEntities(t, m, 80_000)
	testkit.Growth(t, "ScoreBatch", 10_000, func(n int) func() {
		es := all[:n]
		return func() { _, _ = m.ScoreBatch(es, BatchOptions{TopN: 10}) }
	})
	testkit.Growth(t, "BatchResult.Text", 1_000, func(n int) func() {
		r, _ := m.ScoreBatch(all[:n], BatchOptions{TopN: n})
		return func() { _ = r.Text() }
	})
	wide := func(n int) Definition {
		d := Definition{Attributes: []AttributeDef{{Name: "x", Kind: AttributeString}}}
		for i := range n {
			d.Criteria = append(d.Criteria, CriterionDef{ID: fmt.Sprint("c", i), Kind: CriterionEquals, Attribute: "x", Value: fmt.Sprint("v", i), Weight: fitD("1")})
		}
		return d
	}
	testkit.Growth(t, "Compile", 24, func(n int) func() {
		d := wide(n)
		return func() { _, _ = Compile(d) }
	})
	testkit.Growth(t, "Explanation.Text", 24, func(n int) func() {
		wm, err := Compile(wide(n))
		if err != nil {
			t.Fatal(err)
		}
		e := wm.NewEntity("e")
		_ = e.SetString("x", "v1")
		x, _ := wm.Explain(&e)
		return func() { _ = x.Text(); _ = x.Markdown() }
	})
}
