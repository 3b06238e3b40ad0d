package deal

import "github.com/partnerops/partnerops"

// DecimalOnly returns a copy of e that always runs the decimal path, the
// reference the fixed-point path is checked against.
func DecimalOnly(e *Engine) *Engine {
	c := *e
	c.fastOK = false
	return &c
}

// AllocateForTest exposes the engine's n log n allocation.
func AllocateForTest(e *Engine, m partnerops.Money, w []partnerops.Decimal) ([]partnerops.Money, error) {
	return e.allocate(m, w)
}
