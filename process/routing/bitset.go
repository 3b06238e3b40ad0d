package routing

import "math/bits"

// bitset is a set of partner indexes, one bit per partner of a pool.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bitset) clear(i int)    { b[i>>6] &^= 1 << (uint(i) & 63) }
func (b bitset) has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

// fill sets the first n bits and clears the rest.
func (b bitset) fill(n int) {
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n & 63; r != 0 {
		b[len(b)-1] = (1 << uint(r)) - 1
	}
}

// and intersects b with o and returns how many bits it cleared.
func (b bitset) and(o bitset) int {
	n := 0
	for i := range b {
		n += bits.OnesCount64(b[i] &^ o[i])
		b[i] &= o[i]
	}
	return n
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// next returns the first set bit at or after i, or -1.
func (b bitset) next(i int) int {
	wi := i >> 6
	if wi >= len(b) {
		return -1
	}
	w := b[wi] &^ (1<<(uint(i)&63) - 1)
	for {
		if w != 0 {
			return wi<<6 + bits.TrailingZeros64(w)
		}
		wi++
		if wi == len(b) {
			return -1
		}
		w = b[wi]
	}
}
