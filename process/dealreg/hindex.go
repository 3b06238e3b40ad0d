package dealreg

import (
	"hash/maphash"
	"math/bits"
	"slices"
)

// hindex finds records by a string key (an ID, a domain, a name) through
// one sorted array: each entry packs the top bits of the key's hash with
// the record's index in the low bits, so building is one sort of
// integers (no map of a million strings) and a lookup is a binary search
// followed by a scan of the entries that share the hash bits; callers
// compare the keys themselves, so a collision of hash bits costs a
// comparison, never a wrong answer.
type hindex struct {
	seed    maphash.Seed
	shift   uint // number of low bits holding the record index
	entries []uint64
}

func newHindex(seed maphash.Seed, n int, key func(i int) string) hindex {
	h := hindex{seed: seed, shift: uint(bits.Len(uint(n)))}
	h.entries = make([]uint64, 0, n)
	for i := range n {
		if k := key(i); k != "" {
			h.entries = append(h.entries, h.top(k)|uint64(i))
		}
	}
	slices.Sort(h.entries)
	return h
}

func (h *hindex) top(k string) uint64 {
	return maphash.String(h.seed, k) >> h.shift << h.shift
}

// candidates returns the entries whose hash bits equal k's, in record
// order; decode each with h.index.
func (h *hindex) candidates(k string) []uint64 {
	if k == "" || len(h.entries) == 0 {
		return nil
	}
	t := h.top(k)
	lo, _ := slices.BinarySearch(h.entries, t)
	hi := lo
	mask := ^uint64(0) << h.shift
	for hi < len(h.entries) && h.entries[hi]&mask == t {
		hi++
	}
	return h.entries[lo:hi]
}

func (h *hindex) index(e uint64) int32 { return int32(e & (1<<h.shift - 1)) }
