package mapping

import "unsafe"

// mapArena keeps byte strings back to back in chunks, so that it grows
// without copying what it holds and needs no size in advance (an index is
// built in one pass over the accounts): a string never straddles two
// chunks, and its offset (chunk << mapChunkBits | position) stays valid
// as the arena grows. The first chunk starts at the size hinted and
// doubles up to the chunk size, so a small index takes little; later
// chunks are full size. freeze turns the chunks into strings without
// copying them; the arena is not written afterwards.
type mapArena struct {
	chunks [][]byte // while building: every chunk, the last at its full length
	cur    []byte   // the last chunk, filled up to pos
	base   uint32   // the offset of cur
	pos    int
	text   []string // the chunks, frozen
	// maxChunks, when not 0, caps the chunks below mapMaxChunks.
	maxChunks int
}

const (
	mapChunkBits = 18
	mapChunk     = 1 << mapChunkBits
	mapChunkMask = mapChunk - 1
	mapMaxChunks = 1 << (32 - mapChunkBits)
)

// init hints the arena's size, which sizes its first chunk.
func (a *mapArena) init(hint int) {
	a.cur = make([]byte, min(max(hint, 64), mapChunk))
	a.chunks = [][]byte{a.cur}
}

// alloc reserves n bytes (at most mapChunk) and returns their offset and
// the bytes to fill; ok is false when the arena holds 4 GiB already (or
// maxChunks chunks).
func (a *mapArena) alloc(n int) (off uint32, b []byte, ok bool) {
	if p := a.pos; p+n <= len(a.cur) {
		a.pos = p + n
		return a.base | uint32(p), a.cur[p : p+n : p+n], true
	}
	return a.grow(n)
}

// grow is alloc when the last chunk is full: it doubles the first chunk,
// or starts a new one.
func (a *mapArena) grow(n int) (off uint32, b []byte, ok bool) {
	if len(a.chunks) == 0 {
		a.init(n)
		return a.alloc(n)
	}
	k := len(a.chunks) - 1
	switch {
	case a.pos+n > mapChunk: // a new chunk
		if len(a.chunks) == mapMaxChunks || len(a.chunks) == a.maxChunks {
			return 0, nil, false
		}
		a.chunks[k] = a.cur[:a.pos]
		a.cur, a.pos = make([]byte, mapChunk), 0
		a.chunks = append(a.chunks, a.cur)
		a.base = uint32(k+1) << mapChunkBits
	default: // the first chunk doubles
		g := make([]byte, min(max(2*len(a.cur), a.pos+n), mapChunk))
		copy(g, a.cur[:a.pos])
		a.cur, a.chunks[k] = g, g
	}
	return a.alloc(n)
}

// add appends s and returns its offset (see alloc).
func (a *mapArena) add(s string) (uint32, bool) {
	off, b, ok := a.alloc(len(s))
	copy(b, s)
	return off, ok
}

// bytes returns the n bytes at off, while building.
func (a *mapArena) bytes(off uint32, n int) []byte {
	p := off & mapChunkMask
	return a.chunks[off>>mapChunkBits][p : p+uint32(n)]
}

// freeze makes the chunks strings, without copying them.
func (a *mapArena) freeze() {
	if k := len(a.chunks) - 1; k >= 0 {
		a.chunks[k] = a.cur[:a.pos]
	}
	a.text = make([]string, len(a.chunks))
	for i, c := range a.chunks {
		a.text[i] = unsafe.String(unsafe.SliceData(c), len(c))
	}
	a.chunks, a.cur = nil, nil
}

// str returns the n bytes at off, once frozen.
func (a *mapArena) str(off uint32, n int) string {
	p := off & mapChunkMask
	return a.text[off>>mapChunkBits][p : p+uint32(n)]
}

// byteAt returns the byte at off, once frozen.
func (a *mapArena) byteAt(off uint32) byte {
	return a.text[off>>mapChunkBits][off&mapChunkMask]
}
