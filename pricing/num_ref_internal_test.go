package pricing

import (
	"math"
	"math/bits"
	"testing"

	"pgregory.net/rapid"
)

// The int64 paths of num as they were before they were made cheaper
// (mulInt64 with its zero test, align recursing): the reference for
// TestNumIntPathsUnchanged.
func refMulInt64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(absU(a), absU(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

func refAlign(a, b num) (int64, int64, int32, bool) {
	if a.e == b.e {
		return a.c, b.c, a.e, true
	}
	if a.e > b.e {
		bc, ac, e, ok := refAlign(b, a)
		return ac, bc, e, ok
	}
	d := int64(b.e) - int64(a.e)
	if b.c == 0 {
		return a.c, 0, a.e, true
	}
	if d > 18 {
		return 0, 0, 0, false
	}
	bc, ok := refMulInt64(b.c, pow10[d])
	return a.c, bc, a.e, ok
}

// TestNumIntPathsUnchanged checks that mulInt64 and align give what the
// reference gives, and that add, sub and cmp take the int64 path when
// the reference did, with the same coefficient and exponent (so the same
// decimals and JSON, not only equal values).
func TestNumIntPathsUnchanged(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// genNum's values in the int64 form, some moved to far exponents
		// or replaced by MinInt64 (which no decimal of genNum holds).
		gen := func(label string) num {
			n := numOf(genNum(t, label))
			if n.d != nil {
				n = numInt(rapid.Int64().Draw(t, label+"-c"), 0)
			}
			switch rapid.IntRange(0, 9).Draw(t, label+"-special") {
			case 0:
				n.e = rapid.Int32().Draw(t, label+"-exp32")
			case 1:
				n.c = math.MinInt64
			}
			return n
		}
		a, b := gen("a"), gen("b")
		if gc, gok := mulInt64(a.c, b.c); true {
			wc, wok := refMulInt64(a.c, b.c)
			if gok != wok || (gok && gc != wc) {
				t.Fatalf("mulInt64(%d, %d) = %d, %v; want %d, %v", a.c, b.c, gc, gok, wc, wok)
			}
		}
		ga, gb, ge, gok := align(a, b)
		wa, wb, we, wok := refAlign(a, b)
		if gok != wok || (gok && (ga != wa || gb != wb || ge != we)) {
			t.Fatalf("align(%v, %v) = %d, %d, %d, %v; want %d, %d, %d, %v", a, b, ga, gb, ge, gok, wa, wb, we, wok)
		}
		if wok {
			if s := wa + wb; (wb >= 0 && s >= wa) || (wb < 0 && s < wa) {
				if got := a.add(b); got != (num{c: s, e: we}) {
					t.Fatalf("add(%v, %v) = %v, want %v", a, b, got, num{c: s, e: we})
				}
			}
			if s := wa - wb; (wb >= 0 && s <= wa) || (wb < 0 && s > wa) {
				if got := a.sub(b); got != (num{c: s, e: we}) {
					t.Fatalf("sub(%v, %v) = %v, want %v", a, b, got, num{c: s, e: we})
				}
			}
			want := 0
			if wa < wb {
				want = -1
			} else if wa > wb {
				want = 1
			}
			if got := a.cmp(b); got != want {
				t.Fatalf("cmp(%v, %v) = %d, want %d", a, b, got, want)
			}
		}
	})
}
