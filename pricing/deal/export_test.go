package deal

// DecimalOnly returns a copy of e that always runs the decimal path, the
// reference the fixed-point path is checked against.
func DecimalOnly(e *Engine) *Engine {
	c := *e
	c.fastOK = false
	return &c
}
