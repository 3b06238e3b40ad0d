package measure

import "testing"

func TestCPUTimeAdvances(t *testing.T) {
	c0 := CPUTime()
	if c0 == 0 {
		t.Skip("the platform reports no CPU time")
	}
	x := 0
	for i := range 50_000_000 {
		x += i & 3
	}
	if CPUTime() <= c0 {
		t.Errorf("CPU time did not advance over %d operations", x)
	}
}

func spin(n int) func() {
	return func() {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
	}
}

func quadratic(n int) func() {
	return func() {
		x := 0
		for i := range n {
			for j := range n {
				x += i ^ j
			}
		}
		_ = x
	}
}

func TestLinearTellsLinearFromQuadratic(t *testing.T) {
	if testing.Short() {
		t.Skip("times large inputs")
	}
	if r, slow := Slow(spin(200_000), spin(1_600_000), 16); slow {
		t.Errorf("linear work measured %.1f×", r)
	}
	if r, slow := Slow(quadratic(500), quadratic(4_000), 16); !slow {
		t.Errorf("quadratic work measured %.1f×, not flagged", r)
	}
}

func TestBytesRatio(t *testing.T) {
	var sink []byte
	r := BytesRatio(func() { sink = make([]byte, 1<<16) }, func() { sink = make([]byte, 1<<19) })
	_ = sink
	if r < 6 || r > 10 {
		t.Errorf("BytesRatio = %.1f, want about 8", r)
	}
}

func TestLinearPasses(t *testing.T) {
	Linear(t, "spin", 200_000, spin, 16)
	Check(t, "spin", 200_000, spin, Bounds{Time: 16, Bytes: 10})
}
