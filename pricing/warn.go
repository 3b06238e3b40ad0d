package pricing

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
)

// maxTiePairs bounds the pairs of rules compared for possible ties, so
// that compiling stays linear in the number of rules; beyond it the check
// stops and says so.
const maxTiePairs = 200_000

// warn finds definitions that are valid but probably not meant: percents
// between 0 and 1, rules no quote can reach, rules that can tie. It runs
// on definitions Compile has validated.
func warn(books []PriceBook, fw *Framework) []partnerops.Warning {
	var ws partnerops.Warnings
	pct := func(path string, p *partnerops.Percent) {
		if p == nil {
			return
		}
		a := p.Decimal().Abs()
		if a.IsPositive() && a.Cmp(partnerops.DecimalFromInt(1)) < 0 {
			ws.Add(path, fmt.Sprintf("a percent between 0 and 1 is a fraction of a percent: %q is %s; for %s write %q",
				p.Decimal().String(), p, partnerops.PercentFromFraction(p.Decimal()), partnerops.PercentFromFraction(p.Decimal()).Decimal().String()), p.Decimal().String())
		}
	}
	for i := range books {
		b := &books[i]
		if f := b.Formula; f != nil {
			at := func(f string) string { return partnerops.Path("books", bookKey(b, i), "formula", f) }
			pct(at("markup"), &f.Markup)
			pct(at("discount"), &f.Discount)
			pct(at("min_margin"), f.MinMargin)
			pct(at("max_margin"), f.MaxMargin)
		}
	}
	pct("total_cap", fw.TotalCap)
	pct("min_margin", fw.MinMargin)
	for i := range fw.Groups {
		pct(partnerops.Path("groups", elemKey(string(fw.Groups[i].ID), i), "cap"), fw.Groups[i].Cap)
	}
	for i := range fw.Approvals {
		a := &fw.Approvals[i]
		pct(partnerops.Path("approvals", elemKey(string(a.Level), i), "above"), &a.Above)
	}
	familiesOf := skuFamilies(books)
	tree := newFamilyTree(fw.Families)
	for i := range fw.Rules {
		r := &fw.Rules[i]
		at := func(parts ...any) string { return partnerops.Path(append([]any{"rules", ruleKey(r, i)}, parts...)...) }
		pct(at("effect", "percent"), r.Effect.Percent)
		if s := r.Effect.Schedule; s != nil {
			for j := range s.Tiers {
				pct(at("effect", "schedule", "tiers", j, "percent"), s.Tiers[j].Percent)
			}
		}
		unreachable(&ws, r, at, familiesOf, &tree)
		if c := fw.Currency; c != "" && len(r.When.Currencies) > 0 && !slices.Contains(r.When.Currencies, c) {
			ws.Add(at("when", "currencies"), fmt.Sprintf("no quote can reach this rule: the framework prices %s books only", c), "")
		}
	}
	shadowed(&ws, fw)
	ties(&ws, fw)
	return ws
}

// skuFamilies maps each SKU of the books to its families.
func skuFamilies(books []PriceBook) map[SKU][]Family {
	m := map[SKU][]Family{}
	for _, b := range books {
		for _, e := range b.Entries {
			if e.Family != "" && !slices.Contains(m[e.SKU], e.Family) {
				m[e.SKU] = append(m[e.SKU], e.Family)
			}
		}
	}
	return m
}

// unreachable warns about a rule whose own conditions exclude each other.
func unreachable(ws *partnerops.Warnings, r *Rule, at func(...any) string, familiesOf map[SKU][]Family, tree *familyTree) {
	w := &r.When
	if len(w.SKUs) > 0 && len(w.Families) > 0 {
		meet := false
		for _, s := range w.SKUs {
			for _, f := range familiesOf[s] {
				for _, a := range tree.lineage(f) {
					meet = meet || slices.Contains(w.Families, a)
				}
			}
		}
		if !meet {
			ws.Add(at("when", "families"), "no quote can reach this rule: none of its SKUs is in one of its families", "")
		}
	}
	if w.MinLineValue != nil && w.MaxDealValue != nil && w.MinLineValue.Amount().Cmp(w.MaxDealValue.Amount()) >= 0 {
		ws.Add(at("when", "max_deal_value"), "no quote can reach this rule: a line's value is part of the deal value, which must stay below the line's minimum", w.MaxDealValue.Amount().String())
	}
	if s := r.Effect.Schedule; s != nil && len(s.Tiers) > 0 && (w.MinQuantity != nil || w.MaxQuantity != nil) {
		lo, hi := partnerops.Decimal{}, (*partnerops.Decimal)(nil)
		if w.MinQuantity != nil {
			lo = *w.MinQuantity
		}
		hi = w.MaxQuantity
		reach := false
		for j, t := range s.Tiers {
			from := t.From
			if s.Kind == ScheduleSlab && j == 0 {
				// A slab applies from just above its first tier's From − 1.
				from = from.Sub(partnerops.DecimalFromInt(1))
			}
			if (t.To == nil || lo.Cmp(*t.To) < 0) && (hi == nil || from.Cmp(*hi) < 0) {
				reach = true
				break
			}
			if s.Kind == ScheduleSlab {
				break
			}
		}
		if !reach {
			ws.Add(at("when"), "no quote can reach this rule: its quantity range meets none of its schedule's tiers", "")
		}
	}
}

// catchAll reports whether r applies to every line of every quote: no
// scope, no condition, an effect that needs no quantity tier.
func catchAll(r *Rule) bool {
	return r.When.IsZero() && r.Currency == "" && r.Effect.Kind != EffectSchedule && r.Effect.Kind != EffectFreeGoods
}

// shadowed warns about rules that never apply because a catch-all rule
// always beats them: in a first group, rules of lower standing than a
// catch-all rule no exclusion touches; anywhere, every rule when an
// exclusive catch-all rule exists.
func shadowed(ws *partnerops.Warnings, fw *Framework) {
	tree := newFamilyTree(fw.Families)
	excludedRule := map[RuleID]bool{}
	excludedGroup := map[GroupID]bool{}
	for _, r := range fw.Rules {
		for _, x := range r.Excludes {
			excludedRule[x] = true
		}
		for _, g := range r.ExcludesGroups {
			excludedGroup[g] = true
		}
	}
	mode := map[GroupID]CombineMode{}
	for _, g := range fw.Groups {
		mode[g.ID] = g.Mode
	}
	// The strongest catch-all per first group: highest priority, then
	// smallest ID (global rules only, so specificity is 0).
	winner := map[GroupID]int{}
	exclusive := -1
	for i := range fw.Rules {
		r := &fw.Rules[i]
		if !catchAll(r) {
			continue
		}
		if r.Exclusive && len(r.Excludes) == 0 && len(r.ExcludesGroups) == 0 {
			if exclusive < 0 || stronger(r, &fw.Rules[exclusive]) {
				exclusive = i
			}
		}
		if mode[r.Group] != CombineFirst || r.Exclusive || excludedRule[r.ID] || excludedGroup[r.Group] ||
			len(r.Excludes) > 0 || len(r.ExcludesGroups) > 0 {
			continue
		}
		if w, ok := winner[r.Group]; !ok || stronger(r, &fw.Rules[w]) {
			winner[r.Group] = i
		}
	}
	if exclusive >= 0 && len(fw.Rules) > 1 {
		x := &fw.Rules[exclusive]
		ws.Add(partnerops.Path("rules", ruleKey(x, exclusive), "exclusive"),
			"an exclusive rule without conditions applies to every line and excludes every other rule: no other rule can ever apply", "")
	}
	for i := range fw.Rules {
		r := &fw.Rules[i]
		w, ok := winner[r.Group]
		if !ok || w == i || r.Exclusive {
			continue
		}
		win := &fw.Rules[w]
		if cmpStanding(fw, &tree, r, win) < 0 {
			ws.Add(partnerops.Path("rules", ruleKey(r, i)),
				fmt.Sprintf("no quote can reach this rule: rule %q has no conditions and higher standing, so it always wins group %q", win.ID, r.Group), "")
		}
	}
}

// specificity returns a rule's specificity, as the engine ranks it:
// specSKU for a SKU rule, 1 + the family's depth for a family rule, 0 for
// a global rule.
func specificity(tree *familyTree, r *Rule) int {
	switch {
	case len(r.When.SKUs) > 0:
		return specSKU
	case len(r.When.Families) > 0:
		return 1 + tree.depthOf(r.When.Families[0])
	}
	return 0
}

// cmpStanding compares the standing of two rules of a first group by the
// framework's precedence: positive when a outranks b.
func cmpStanding(fw *Framework, tree *familyTree, a, b *Rule) int {
	sa, sb := specificity(tree, a), specificity(tree, b)
	if fw.Precedence == PrecedencePriority {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), cmp.Compare(sa, sb))
	}
	return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(a.Priority, b.Priority))
}

// stronger reports whether a beats b among catch-all rules.
func stronger(a, b *Rule) bool {
	if a.Priority != b.Priority {
		return a.Priority > b.Priority
	}
	return a.ID < b.ID
}

// ties warns about pairs of rules of a first group with the same
// specificity and priority whose conditions can hold together: under
// [TieBreakError] such a quote fails with a [*ConflictError].
func ties(ws *partnerops.Warnings, fw *Framework) {
	if fw.TieBreak != "" && fw.TieBreak != TieBreakError {
		return
	}
	tree := newFamilyTree(fw.Families)
	mode := map[GroupID]CombineMode{}
	for _, g := range fw.Groups {
		mode[g.ID] = g.Mode
	}
	type bucket struct {
		group    GroupID
		spec     int
		priority int
		scope    string // the SKU or family shared, "" for global rules
	}
	buckets := map[bucket][]int{}
	var order []bucket
	for i := range fw.Rules {
		r := &fw.Rules[i]
		if mode[r.Group] != CombineFirst {
			continue
		}
		keys := []string{""}
		switch {
		case len(r.When.SKUs) > 0:
			keys = keys[:0]
			for _, s := range r.When.SKUs {
				keys = append(keys, "sku:"+string(s))
			}
		case len(r.When.Families) > 0:
			keys = keys[:0]
			for _, f := range r.When.Families {
				keys = append(keys, "family:"+string(f))
			}
		}
		for _, k := range keys {
			b := bucket{r.Group, specificity(&tree, r), r.Priority, k}
			if _, ok := buckets[b]; !ok {
				order = append(order, b)
			}
			buckets[b] = append(buckets[b], i)
		}
	}
	pairs := 0
	reported := map[[2]int]bool{}
	for _, b := range order {
		idx := buckets[b]
		for x := 1; x < len(idx); x++ {
			for y := 0; y < x; y++ {
				if pairs++; pairs > maxTiePairs {
					ws.Add("rules", fmt.Sprintf("stopped looking for rules that can tie after %d pairs", maxTiePairs), "")
					return
				}
				i, j := idx[y], idx[x]
				key := [2]int{min(i, j), max(i, j)}
				ci, cj := fw.Rules[i].Currency, fw.Rules[j].Currency
				if reported[key] || (ci != "" && cj != "" && ci != cj) || !canMeet(fw.Program.Tiers, &fw.Rules[i].When, &fw.Rules[j].When) {
					continue
				}
				reported[key] = true
				a, c := &fw.Rules[key[0]], &fw.Rules[key[1]]
				ws.Add(partnerops.Path("rules", ruleKey(c, key[1]), "priority"),
					fmt.Sprintf("can tie with rule %q in group %q (same specificity and priority); a quote both match fails with a conflict: give one a higher priority or set tie_break", a.ID, b.group), "")
			}
		}
	}
}

// canMeet reports whether some quote line can satisfy both a and b, as
// far as a static look at their conditions can tell.
func canMeet(ladder partnerops.TierLadder, a, b *Conditions) bool {
	ta, tb := tierMask(ladder, a), tierMask(ladder, b)
	return (ta == 0 || tb == 0 || ta&tb != 0) && meetSets(a.PartnerTypes, b.PartnerTypes) && meetSets(a.Motions, b.Motions) &&
		meetSets(a.SKUs, b.SKUs) && meetSets(a.Families, b.Families) && meetSets(a.DealRegistration, b.DealRegistration) &&
		meetSets(a.Business, b.Business) && meetSets(a.Regions, b.Regions) && meetSets(a.Units, b.Units) && meetSets(a.Currencies, b.Currencies) && meetSets(a.Books, b.Books) &&
		meetRange(a.MinQuantity, a.MaxQuantity, b.MinQuantity, b.MaxQuantity) &&
		meetMoney(a.MinLineValue, a.MaxLineValue, b.MinLineValue, b.MaxLineValue) &&
		meetMoney(a.MinDealValue, a.MaxDealValue, b.MinDealValue, b.MaxDealValue) &&
		meetWindow(a.From, a.Until, b.From, b.Until) && meetAttrs(a.Attributes, b.Attributes)
}

// meetSets: empty means any; otherwise the lists must share a value.
func meetSets[T comparable](a, b []T) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// tierMask returns the ladder ranks a rule's tier conditions accept, 0
// for any tier.
func tierMask(ladder partnerops.TierLadder, c *Conditions) uint64 {
	var m uint64
	for _, t := range c.Tiers {
		if rk, ok := ladder.Rank(t); ok {
			m |= 1 << uint(rk)
		}
	}
	if rk, ok := ladder.Rank(c.TierAtLeast); ok {
		for ; rk < ladder.Len(); rk++ {
			m |= 1 << uint(rk)
		}
	}
	return m
}

func meetRange(alo, ahi, blo, bhi *partnerops.Decimal) bool {
	lo, hi := maxDec(alo, blo), minDec(ahi, bhi)
	return lo == nil || hi == nil || lo.Cmp(*hi) < 0
}

func meetMoney(alo, ahi, blo, bhi *partnerops.Money) bool {
	amt := func(m *partnerops.Money) *partnerops.Decimal {
		if m == nil {
			return nil
		}
		d := m.Amount()
		return &d
	}
	return meetRange(amt(alo), amt(ahi), amt(blo), amt(bhi))
}

func maxDec(a, b *partnerops.Decimal) *partnerops.Decimal {
	if a == nil || (b != nil && b.Cmp(*a) > 0) {
		return b
	}
	return a
}

func minDec(a, b *partnerops.Decimal) *partnerops.Decimal {
	if a == nil || (b != nil && b.Cmp(*a) < 0) {
		return b
	}
	return a
}

func meetWindow(af, au, bf, bu time.Time) bool { return overlaps(af, au, bf, bu) }

func meetAttrs(a, b map[string][]string) bool {
	for k, av := range a {
		if bv, ok := b[k]; ok && !meetSets(av, bv) {
			return false
		}
	}
	return true
}
