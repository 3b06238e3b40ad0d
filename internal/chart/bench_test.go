package chart

import "testing"

// Rendering is not a hot path (one chart per page view); the targets only
// guard against regressions: a waterfall of a quote line under 50 µs, a
// QBR page under 1 ms, on a quiet machine.

func BenchmarkWaterfall(b *testing.B) {
	c := waterfallFixture()
	b.ReportAllocs()
	for b.Loop() {
		SVG(c)
	}
}

func BenchmarkBarsTierMovement(b *testing.B) {
	c := tierMovementFixture()
	b.ReportAllocs()
	for b.Loop() {
		SVG(c)
	}
}

func BenchmarkHTMLQBR(b *testing.B) {
	d := documentFixture()
	b.ReportAllocs()
	for b.Loop() {
		HTML(d)
	}
}
