package pricing

import (
	"container/heap"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart"
)

// Charts of a priced quote: the price waterfall of each line (per unit)
// and of the whole quote (extended amounts, by rule), as standalone SVG,
// and both set in one printable HTML page. They are drawn from the
// Result alone, so a decoded Result draws the same bytes.

// SVG returns the price waterfall of the whole quote as a standalone SVG
// document: the list total, then every applied rule as one bar, falling
// for a discount and rising for a surcharge, with its extended amount
// summed over the lines it applied to (unit amount × quantity), a
// subtotal after each group (labelled groups always, as in [Result.Text];
// others when a group follows), and the net total. A rule cut by a cap
// or a floor on any line is cross-hatched and says on how many lines and
// by which limits. Rules appear in waterfall order: groups in the order
// the lines apply them, rules within a group in the order the lines apply
// them, ties going to the rule met first.
//
// Each rule's extended amount is rounded half to even to the book's
// places for display; a "Rounding" row takes up the difference between
// those amounts and the rounded line totals, so the printed amounts add
// up exactly to the net total. The same input gives the same bytes; the
// cost is n log n in the number of steps.
func (r *Result) SVG() []byte {
	w, _ := r.quoteWaterfall()
	return chart.SVG(w)
}

// LineSVG returns the price waterfall of one line, per unit, as a
// standalone SVG document: the unit list price, every applied step as a
// falling (discount) or rising (surcharge) bar labelled with its rule and
// effect, a subtotal after each group as in [Result.Text], a "Rounding"
// row when rounding moved the price, and the net unit price. A step cut by
// a cap or a floor is cross-hatched and notes the limit and the amount
// requested. l is normally one of r.Lines (nil draws an empty line); r
// gives the currency and the places amounts are written with. Its cost is
// linear in the line's steps.
func (r *Result) LineSVG(l *LineResult) []byte {
	if l == nil {
		l = &LineResult{}
	}
	w, _ := r.lineWaterfall(l)
	return chart.SVG(w)
}

// HTML returns the priced quote as a self-contained printable HTML page
// (inline SVG and CSS, no scripts, no external requests): the quote's
// totals and waterfall, then per line its waterfall, a table of the same
// rows and the skipped rules with their reasons. The page parses as XML.
func (r *Result) HTML() []byte {
	q, qEffects := r.quoteWaterfall()
	doc := chart.Document{
		Title:    quoteTitle(r),
		Subtitle: r.header(),
		Sections: []chart.Section{{Heading: "Quote", Blocks: []chart.Block{
			chart.Facts{
				{Name: "List total", Value: r.money(r.ListTotal.Amount())},
				{Name: "Net total", Value: r.money(r.NetTotal.Amount())},
				{Name: "Discount", Value: r.money(r.DiscountTotal.Amount()) + " (" + fmtPct(r.EffectiveDiscount) + ")"},
				{Name: "Approval", Value: approvalText(r.Approval)},
			},
			q, stepTable("Quote waterfall, extended amounts", q, qEffects),
		}}},
		Footer: "Priced at " + r.At.Format("2006-01-02") + ". Step amounts per unit; quote amounts extended.",
	}
	for i := range r.Lines {
		l := &r.Lines[i]
		w, effects := r.lineWaterfall(l)
		blocks := []chart.Block{
			chart.Facts{
				{Name: "List extended", Value: r.money(l.ListExtended.Amount())},
				{Name: "Net extended", Value: r.money(l.NetExtended.Amount())},
				{Name: "Discount", Value: r.money(l.Discount.Amount()) + " (" + fmtPct(l.EffectiveDiscount) + ")"},
				{Name: "Approval", Value: approvalText(l.Approval)},
			},
			w, stepTable("Waterfall per unit", w, effects),
		}
		if skipped := l.Skipped(); len(skipped) > 0 {
			t := chart.Table{Caption: "Skipped rules", Header: []string{"Rule", "Reason"}, Rows: make([][]string, len(skipped))}
			for k, s := range skipped {
				t.Rows[k] = []string{string(s.Rule), s.String()}
			}
			blocks = append(blocks, t)
		}
		doc.Sections = append(doc.Sections, chart.Section{Heading: lineTitle(l), Blocks: blocks})
	}
	return chart.HTML(doc)
}

// stepTable sets a waterfall's rows as a table: the exact figures next to
// the chart.
func stepTable(caption string, w chart.Waterfall, effects []string) chart.Table {
	t := chart.Table{Caption: caption, Header: []string{"Step", "Effect", "Amount", "Limited by"}, Numeric: []bool{false, false, true, false}}
	t.Rows = make([][]string, len(w.Steps))
	for i, s := range w.Steps {
		effect := ""
		if i < len(effects) {
			effect = effects[i]
		}
		t.Rows[i] = []string{s.Label, effect, s.Value.Text, s.Note}
	}
	return t
}

// places returns the book's places within the documented range (−9 to
// 18), so that a hostile decoded value cannot ask for a billion digits.
func (r *Result) places() int32 { return min(max(r.Places, -9), 18) }

// money writes an amount with at least the book's places and the quote's
// currency: "1200.00 USD".
func (r *Result) money(d partnerops.Decimal) string {
	s := fmtAmount(d, r.places())
	if r.Currency != "" {
		s += " " + string(r.Currency)
	}
	return s
}

// change writes a signed change: "-240.00" for a discount, "+25.00" for a
// surcharge.
func (r *Result) change(d partnerops.Decimal) string {
	s := fmtAmount(d, r.places())
	if d.IsPositive() {
		s = "+" + s
	}
	return s
}

func quoteTitle(r *Result) string {
	if r.QuoteID != "" {
		return "Quote " + r.QuoteID
	}
	return "Quote"
}

// usable reports whether d is in the decimal's valid range, so that
// arithmetic on it is cheap. Results from Engine.Price and from JSON
// always are; a Result built by hand with a hostile exponent is drawn
// with such values left out of sums.
func usable(d partnerops.Decimal) bool { return d.Validate() == nil }

func limitText(l Limit) string { return strings.ReplaceAll(l.String(), "_", " ") }

// lineWaterfall returns the waterfall of l and, by row, the effect each
// step describes ("" for the other rows).
func (r *Result) lineWaterfall(l *LineResult) (chart.Waterfall, []string) {
	pl := r.places()
	steps := l.Steps()
	effects := make([]string, 1, len(steps)+len(steps)/2+3)
	w := chart.Waterfall{
		Title: "Price waterfall per unit: " + lineTitle(l),
		Steps: make([]chart.Step, 0, len(steps)+len(steps)/2+3),
	}
	w.Steps = append(w.Steps, chart.Step{Label: "List price", Kind: chart.StepTotal, Value: chart.Num{Value: l.List.Amount(), Text: r.money(l.List.Amount())}})
	level, limited := l.List.Amount(), 0
	for i, s := range steps {
		st := chart.Step{
			Label: string(s.Rule),
			Value: chart.Num{Value: s.Amount.Neg(), Text: r.change(s.Amount.Neg())},
		}
		if s.Limit != LimitNone {
			st.Note = limitText(s.Limit) + " (requested " + fmtAmount(s.Requested, pl) + ")"
			limited++
		}
		w.Steps = append(w.Steps, st)
		effects = append(effects, s.Describe())
		level = s.Running
		last := i == len(steps)-1
		if (last || steps[i+1].Group != s.Group) && (s.GroupLabel != "" || !last) {
			w.Steps = append(w.Steps, chart.Step{Label: subtotalLabel(s.Group, s.GroupLabel), Kind: chart.StepSubtotal,
				Value: chart.Num{Value: s.Running, Text: r.money(s.Running)}})
			effects = append(effects, "")
		}
	}
	net := l.NetUnit.Amount()
	if usable(level) && usable(net) && !level.Equal(net) {
		d := net.Sub(level)
		w.Steps = append(w.Steps, chart.Step{Label: "Rounding", Value: chart.Num{Value: d, Text: r.change(d)}})
	}
	w.Steps = append(w.Steps, chart.Step{Label: "Net unit price", Kind: chart.StepTotal, Value: chart.Num{Value: net, Text: r.money(net)}})
	w.Desc = fmt.Sprintf("List price %s, net unit price %s after %s (effective discount %s)%s; approval: %s.",
		r.money(l.List.Amount()), r.money(net), plural(len(steps), "step"), fmtPct(l.EffectiveDiscount),
		limitedText(limited), approvalText(l.Approval))
	return w, effects
}

// subtotalLabel names the price after a group: its label, or "after
// group ID".
func subtotalLabel(g GroupID, label string) string {
	if label != "" {
		return "= " + label
	}
	return "= after " + string(g)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func limitedText(n int) string {
	if n == 0 {
		return ""
	}
	return "; " + plural(n, "step") + " limited by a cap or a floor"
}

// aggRule is one rule of the quote waterfall, summed over lines.
type aggRule struct {
	rule     RuleID
	group    int // index into the groups
	amount   partnerops.Decimal
	describe string
	oneDescr bool // every line describes the effect the same way
	lines    int
	limited  int
	limits   [4]bool // by Limit
}

// aggGroup is one group of the quote waterfall.
type aggGroup struct {
	id    GroupID
	label string
}

// quoteWaterfall returns the waterfall of the quote and, by row, the
// effect each rule describes ("" for the other rows, and for a rule the
// lines describe differently).
func (r *Result) quoteWaterfall() (chart.Waterfall, []string) {
	pl := r.places()
	var (
		rules   []aggRule
		groups  []aggGroup
		ruleIx  = map[RuleID]int{}
		groupIx = map[GroupID]int{}
		gEdges  [][2]int // group a before group b on some line
		rEdges  [][2]int // rule a before rule b in one group on some line
		steps   int
	)
	for i := range r.Lines {
		l := &r.Lines[i]
		qty := l.Quantity
		prevRule, prevGroup := -1, -1
		for _, s := range l.Steps() {
			steps++
			g, ok := groupIx[s.Group]
			if !ok {
				g = len(groups)
				groupIx[s.Group] = g
				groups = append(groups, aggGroup{id: s.Group, label: s.GroupLabel})
			}
			k, ok := ruleIx[s.Rule]
			if !ok {
				k = len(rules)
				ruleIx[s.Rule] = k
				rules = append(rules, aggRule{rule: s.Rule, group: g, describe: s.Describe(), oneDescr: true})
			}
			a := &rules[k]
			if usable(s.Amount) && usable(qty) {
				a.amount = a.amount.Add(s.Amount.Mul(qty))
			}
			a.lines++
			if a.oneDescr && s.Describe() != a.describe {
				a.oneDescr = false
			}
			if s.Limit != LimitNone {
				a.limited++
				if int(s.Limit) < len(a.limits) {
					a.limits[s.Limit] = true
				}
			}
			if prevGroup >= 0 && prevGroup != g {
				gEdges = append(gEdges, [2]int{prevGroup, g})
			}
			if prevRule >= 0 && prevRule != k && rules[prevRule].group == rules[k].group {
				rEdges = append(rEdges, [2]int{prevRule, k})
			}
			prevRule, prevGroup = k, g
		}
	}
	// Rules of a group follow each other, groups in waterfall order.
	groupOrder := topoOrder(len(groups), gEdges)
	ruleOrder := topoOrder(len(rules), rEdges)
	byGroup := make([][]int, len(groups))
	for _, k := range ruleOrder {
		byGroup[rules[k].group] = append(byGroup[rules[k].group], k)
	}

	list, net := r.ListTotal.Amount(), r.NetTotal.Amount()
	w := chart.Waterfall{Title: "Price waterfall: " + quoteTitle(r) + " (extended)"}
	w.Steps = make([]chart.Step, 0, len(rules)+len(groups)+3)
	effects := make([]string, 1, cap(w.Steps))
	w.Steps = append(w.Steps, chart.Step{Label: "List total", Kind: chart.StepTotal, Value: chart.Num{Value: list, Text: r.money(list)}})
	level, limited := list, 0
	for gi, g := range groupOrder {
		for _, k := range byGroup[g] {
			a := &rules[k]
			amt := a.amount.Neg().Round(pl, partnerops.RoundHalfEven)
			st := chart.Step{Label: string(a.rule), Value: chart.Num{Value: amt, Text: r.change(amt)}}
			if a.limited > 0 {
				st.Note = limitsText(a.limits)
				if a.lines > 1 {
					st.Note += fmt.Sprintf(": %d of %d lines", a.limited, a.lines)
				}
				limited++
			}
			w.Steps = append(w.Steps, st)
			if a.oneDescr {
				effects = append(effects, a.describe)
			} else {
				effects = append(effects, "")
			}
			if usable(level) {
				level = level.Add(amt)
			}
		}
		last := gi == len(groupOrder)-1
		if label := groups[g].label; label != "" || !last {
			w.Steps = append(w.Steps, chart.Step{Label: subtotalLabel(groups[g].id, label), Kind: chart.StepSubtotal,
				Value: chart.Num{Value: level, Text: r.money(level)}})
			effects = append(effects, "")
		}
	}
	if usable(level) && usable(net) && !level.Equal(net) {
		d := net.Sub(level)
		w.Steps = append(w.Steps, chart.Step{Label: "Rounding", Value: chart.Num{Value: d, Text: r.change(d)}})
	}
	w.Steps = append(w.Steps, chart.Step{Label: "Net total", Kind: chart.StepTotal, Value: chart.Num{Value: net, Text: r.money(net)}})
	w.Desc = fmt.Sprintf("List total %s, net total %s over %s after %s of %s (effective discount %s)%s; approval: %s.",
		r.money(list), r.money(net), plural(len(r.Lines), "line"), plural(steps, "step"), plural(len(rules), "rule"),
		fmtPct(r.EffectiveDiscount), strings.Replace(limitedText(limited), "step", "rule", 1), approvalText(r.Approval))
	return w, effects
}

// limitsText names the limits that cut a rule, in a fixed order.
func limitsText(has [4]bool) string {
	var parts []string
	for l := LimitGroupCap; l <= LimitFloor; l++ {
		if has[l] {
			parts = append(parts, limitText(l))
		}
	}
	if len(parts) == 0 {
		return "a limit"
	}
	return strings.Join(parts, ", ")
}

// topoOrder returns 0..n-1 ordered so that a comes before b for every
// edge {a, b} where the edges allow it, ties going to the smaller index
// (the node met first). Nodes on a cycle (only a hand-made Result has
// one) are released smallest index first. Its cost is (n + edges) log n.
func topoOrder(n int, edges [][2]int) []int {
	indeg := make([]int, n)
	start := make([]int, n+1) // adjacency in CSR form
	for _, e := range edges {
		indeg[e[1]]++
		start[e[0]+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	adj := make([]int, len(edges))
	fill := append([]int(nil), start[:n]...)
	for _, e := range edges {
		adj[fill[e[0]]] = e[1]
		fill[e[0]]++
	}
	done := make([]bool, n)
	ready := &intHeap{}
	for i := range n {
		if indeg[i] == 0 {
			heap.Push(ready, i)
		}
	}
	out := make([]int, 0, n)
	next := 0 // the smallest node that may still be pending, for cycles
	for len(out) < n {
		var v int
		if ready.Len() > 0 {
			v = heap.Pop(ready).(int)
		} else {
			for done[next] {
				next++
			}
			v = next
		}
		if done[v] {
			continue
		}
		done[v] = true
		out = append(out, v)
		for _, u := range adj[start[v]:start[v+1]] {
			indeg[u]--
			if indeg[u] == 0 && !done[u] {
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
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}
