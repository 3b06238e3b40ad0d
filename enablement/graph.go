package enablement

import (
	"container/heap"
	"fmt"
	"strings"
)

// maxCycles bounds how many cycles a validation reports, so hostile input
// cannot produce an unbounded error list.
const maxCycles = 10

// maxListed bounds how many nodes of one cycle an error names: a cycle
// through a million modules is reported by its length and its first
// maxListed IDs, not by a megabyte message.
const maxListed = 10

// cycle is one cycle found by findCycles: its first (at most maxListed)
// nodes in order, and its length.
type cycle struct {
	nodes  []int
	length int
}

// findCycles walks the directed graph of n nodes (edges from next) depth
// first in index order and returns the cycles it meets, each as the list
// of nodes along it starting from the node where the walk entered it. Every
// node on some cycle is not necessarily reported, but the graph is acyclic
// exactly when the result is empty. It does not recurse, so deep chains
// cannot exhaust the stack.
func findCycles(n int, next func(i int) []int) []cycle {
	const (
		white = iota
		gray
		black
	)
	color := make([]uint8, n)
	pos := make([]int, n)
	type frame struct{ node, edge int }
	var cycles []cycle
	var stack []frame
	for root := 0; root < n && len(cycles) < maxCycles; root++ {
		if color[root] != white {
			continue
		}
		stack = append(stack[:0], frame{root, 0})
		color[root] = gray
		pos[root] = 0
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			edges := next(top.node)
			if top.edge >= len(edges) {
				color[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			v := edges[top.edge]
			top.edge++
			switch color[v] {
			case white:
				color[v] = gray
				pos[v] = len(stack)
				stack = append(stack, frame{v, 0})
			case gray:
				if len(cycles) < maxCycles {
					on := stack[pos[v]:]
					cyc := cycle{length: len(on)}
					for _, f := range on[:min(len(on), maxListed)] {
						cyc.nodes = append(cyc.nodes, f.node)
					}
					cycles = append(cycles, cyc)
				}
			}
		}
	}
	return cycles
}

// describeCycle renders a cycle as ": a -> b -> c -> a", or, past
// maxListed nodes, as " of 1000000 modules: m0 -> m1 -> ... -> m9 -> ... -> m0 (the
// first 10 listed)"; noun names the nodes. Names are clipped.
func describeCycle(c cycle, noun string, name func(i int) string) string {
	parts := make([]string, 0, len(c.nodes)+2)
	for _, i := range c.nodes {
		parts = append(parts, clip(name(i)))
	}
	if c.length > len(c.nodes) {
		parts = append(parts, "...")
	}
	if len(c.nodes) > 0 {
		parts = append(parts, clip(name(c.nodes[0])))
	}
	s := strings.Join(parts, " -> ")
	if c.length > len(c.nodes) {
		return fmt.Sprintf(" of %d %s: %s (the first %d listed)", c.length, noun, s, len(c.nodes))
	}
	return ": " + s
}

// topoOrder returns the nodes of an acyclic graph so that every node comes
// after the nodes it depends on (deps(i) lists them); among nodes that are
// ready together, the lower index comes first. It assumes the graph is
// acyclic (callers check with findCycles first).
func topoOrder(n int, deps func(i int) []int) []int {
	indeg := make([]int, n)
	users := make([][]int, n)
	for i := 0; i < n; i++ {
		for _, d := range deps(i) {
			indeg[i]++
			users[d] = append(users[d], i)
		}
	}
	ready := &intHeap{}
	for i := 0; i < n; i++ {
		if indeg[i] == 0 {
			*ready = append(*ready, i)
		}
	}
	heap.Init(ready)
	out := make([]int, 0, n)
	for ready.Len() > 0 {
		i := heap.Pop(ready).(int)
		out = append(out, i)
		for _, u := range users[i] {
			indeg[u]--
			if indeg[u] == 0 {
				heap.Push(ready, u)
			}
		}
	}
	return out
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
