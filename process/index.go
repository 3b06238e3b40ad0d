package process

// nameIndex maps the few names of one workflow (states or events) to their
// interned indexes without hashing the whole string: a collision-free
// table keyed on the length and four bytes of the name, found at compile
// time, with one string comparison to confirm a hit. When no such table
// is found it falls back to a map.
type nameIndex struct {
	names    []string
	slots    []int32 // -1 when empty
	mask     uint32
	seed     uint32
	fallback map[string]int32
}

func (x *nameIndex) hash(s string, seed uint32) uint32 {
	n := len(s)
	h := uint32(n)*0x9e3779b1 ^ seed
	h ^= uint32(s[0]) * 0x85ebca6b
	h ^= uint32(s[n-1]) * 0xc2b2ae35
	h ^= uint32(s[n/2]) * 0x27d4eb2f
	h ^= uint32(s[max(n-2, 0)]) * 0x165667b1
	return h ^ h>>15
}

// newNameIndex builds the index of names, whose positions are their
// indexes. Names must be distinct and non-empty.
func newNameIndex(names []string) nameIndex {
	x := nameIndex{names: names}
	size := 8
	for size < 2*len(names) {
		size *= 2
	}
	for ; size <= 4096; size *= 2 {
		for seed := uint32(1); seed <= 64; seed++ {
			slots := make([]int32, size)
			for i := range slots {
				slots[i] = -1
			}
			ok := true
			for i, s := range names {
				h := x.hash(s, seed) & uint32(size-1)
				if slots[h] >= 0 {
					ok = false
					break
				}
				slots[h] = int32(i)
			}
			if ok {
				x.slots, x.mask, x.seed = slots, uint32(size-1), seed
				return x
			}
		}
	}
	x.fallback = make(map[string]int32, len(names))
	for i, s := range names {
		x.fallback[s] = int32(i)
	}
	return x
}

// lookup returns the index of s.
func (x *nameIndex) lookup(s string) (int32, bool) {
	if x.fallback != nil {
		i, ok := x.fallback[s]
		return i, ok
	}
	if len(s) == 0 || len(x.slots) == 0 {
		return 0, false
	}
	i := x.slots[x.hash(s, x.seed)&x.mask]
	if i < 0 || x.names[i] != s {
		return 0, false
	}
	return i, true
}
