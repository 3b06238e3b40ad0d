package pricing

import (
	"github.com/partnerops/partnerops"
)

// FamilyNode places a product family in the family tree: Parent is the
// family it belongs to ("endpoint" in "security"). A rule on a family
// covers its subfamilies, and a rule on a deeper family is more specific
// than a rule on its parent.
type FamilyNode struct {
	ID     Family `json:"id"`
	Parent Family `json:"parent,omitempty"`
}

// maxFamilyDepth bounds the family tree's depth.
const maxFamilyDepth = 32

// Specificities: global rules 0, family rules 1 + the family's depth, SKU
// rules specSKU.
const specSKU = 100

// familyTree is the compiled family tree.
type familyTree struct {
	parent map[Family]Family
	depth  map[Family]int
}

// newFamilyTree builds the tree of nodes; it assumes validateFamilies
// found nothing.
func newFamilyTree(nodes []FamilyNode) familyTree {
	t := familyTree{parent: make(map[Family]Family, len(nodes)), depth: make(map[Family]int, len(nodes))}
	for _, n := range nodes {
		if n.Parent != "" {
			t.parent[n.ID] = n.Parent
		}
	}
	for _, n := range nodes {
		t.depthOf(n.ID)
		t.depthOf(n.Parent)
	}
	return t
}

func (t *familyTree) depthOf(f Family) int {
	if f == "" {
		return 0
	}
	if d, ok := t.depth[f]; ok {
		return d
	}
	d := 0
	if p, ok := t.parent[f]; ok {
		d = t.depthOf(p) + 1
	}
	t.depth[f] = d
	return d
}

// lineage returns f and its ancestors, nearest first.
func (t *familyTree) lineage(f Family) []Family {
	if f == "" {
		return nil
	}
	out := []Family{f}
	for p, ok := t.parent[f]; ok && len(out) <= maxFamilyDepth; p, ok = t.parent[p] {
		out = append(out, p)
	}
	return out
}

// validateFamilies checks the family tree: named, unique nodes whose
// parents are families (of a book or of the tree), without cycles and at
// most maxFamilyDepth deep. It adds the tree's families to known.
func validateFamilies(p *partnerops.Problems, nodes []FamilyNode, known map[Family]bool) {
	seen := make(map[Family]bool, len(nodes))
	parent := make(map[Family]Family, len(nodes))
	for i, n := range nodes {
		at := func(f string) string { return partnerops.Path("families", elemKey(string(n.ID), i), f) }
		switch {
		case n.ID == "":
			p.Add(at("id"), "must not be empty", "")
		case seen[n.ID]:
			p.Add(at("id"), "duplicate family", string(n.ID))
		case n.Parent == n.ID:
			p.Add(at("parent"), "a family cannot be its own parent", string(n.Parent))
		default:
			seen[n.ID] = true
			if n.Parent != "" {
				parent[n.ID] = n.Parent
			}
		}
	}
	for f := range seen {
		known[f] = true
	}
	for i, n := range nodes {
		if n.Parent != "" && !known[n.Parent] {
			p.Add(partnerops.Path("families", elemKey(string(n.ID), i), "parent"), "must be a family of a book or of the tree", string(n.Parent))
		}
	}
	// Cycles and depth: walk up from every node, at most depth + 1 steps.
	for i, n := range nodes {
		f, steps := n.ID, 0
		for {
			pf, ok := parent[f]
			if !ok {
				break
			}
			if steps++; steps > maxFamilyDepth || pf == n.ID {
				p.Addf(partnerops.Path("families", elemKey(string(n.ID), i), "parent"), string(n.Parent),
					"the family tree must have no cycle and be at most %d deep", maxFamilyDepth)
				break
			}
			f = pf
		}
	}
}
