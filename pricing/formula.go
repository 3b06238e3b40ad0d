package pricing

import (
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// cformula is a rule's [Formula] compiled to factors and amounts, so
// that pricing runs it in int64 arithmetic (falling back to decimals,
// exactly, as every num does).
type cformula struct {
	markup, discount   num // 1 + markup, 1 − discount
	hasMarkup, hasDisc bool
	inc                num
	hasInc             bool
	incMode            partnerops.RoundingMode
	surcharge          num
	hasSur             bool
	minDen, maxDen     num // 1 − min margin, 1 − max margin
	hasMinM, hasMaxM   bool
	minAmt, maxAmt     bound
}

func compileFormula(f *Formula) *cformula {
	c := &cformula{incMode: f.IncrementMode}
	if !f.Markup.IsZero() {
		c.markup, c.hasMarkup = numOf(one.Add(fence.Frac(f.Markup))), true
	}
	if !f.Discount.IsZero() {
		c.discount, c.hasDisc = numOf(one.Sub(fence.Frac(f.Discount))), true
	}
	if f.Increment.Sign() > 0 {
		c.inc, c.hasInc = numOf(fence.Dec(f.Increment)), true
	}
	if !f.Surcharge.IsZero() {
		c.surcharge, c.hasSur = numOf(fence.Amount(f.Surcharge)), true
	}
	if m := f.MinMargin; m != nil {
		c.minDen, c.hasMinM = numOf(one.Sub(fence.Frac(*m))), true
	}
	if m := f.MaxMargin; m != nil {
		c.maxDen, c.hasMaxM = numOf(one.Sub(fence.Frac(*m))), true
	}
	c.minAmt, c.maxAmt = newBound(f.MinMarginAmount), newBound(f.MaxMarginAmount)
	return c
}

// price runs the formula over basis as [formulaPrice] does (without the
// final rounding; gross-margin clamps rounded to places, up for the
// minimum and down for the maximum); amounts are times scale when
// scaled.
func (c *cformula) price(basis, cost num, hasCost bool, places int32, scale num, scaled bool) num {
	amt := func(a num) num {
		if scaled {
			return a.mul(scale)
		}
		return a
	}
	p := basis
	if c.hasMarkup {
		p = p.mul(c.markup)
	}
	if c.hasDisc {
		p = p.mul(c.discount)
	}
	if c.hasInc {
		p = p.quoRound(c.inc, 0, c.incMode).mul(c.inc)
	}
	if c.hasSur {
		p = p.add(amt(c.surcharge))
	}
	if hasCost {
		if c.hasMinM && c.minDen.sign() > 0 {
			if lo := cost.quoRound(c.minDen, places, partnerops.RoundCeiling); p.cmp(lo) < 0 {
				p = lo
			}
		}
		if c.hasMaxM && c.maxDen.sign() > 0 {
			if hi := cost.quoRound(c.maxDen, places, partnerops.RoundFloor); p.cmp(hi) > 0 {
				p = hi
			}
		}
	}
	if c.minAmt.set {
		if lo := basis.add(amt(c.minAmt.n)); p.cmp(lo) < 0 {
			p = lo
		}
	}
	if c.maxAmt.set {
		if hi := basis.add(amt(c.maxAmt.n)); p.cmp(hi) > 0 {
			p = hi
		}
	}
	return p
}
