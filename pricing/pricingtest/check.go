package pricingtest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
)

// CheckCase prices the case's quote at its instant with e and compares
// the result with the case's expectations. The error lists every
// mismatch with its path ("expect.lines[SEC-100].net_unit: got 57.60
// USD, want 57.00"), then the expected and actual waterfalls side by
// side; a golden waterfall that differs is shown side by side with the
// result's text. Under [Run] with -update the golden file is rewritten
// instead.
func CheckCase(files opstest.Files, e *pricing.Engine, c Case) error {
	x := c.Expect
	var m opstest.Mismatches
	r, err := e.Price(c.Given, c.At)
	if err != nil {
		switch {
		case x.Error == "":
			return fmt.Errorf("pricing failed: %s", partnerops.StripPrefixes(err.Error()))
		case !strings.Contains(err.Error(), x.Error):
			m.Addf("expect.error", "got %q, want an error containing %q", err, x.Error)
		}
		return m.Err("", "", "", "")
	}
	if x.Error != "" {
		m.Addf("expect.error", "priced without an error, want an error containing %q", x.Error)
	}
	got := actualView(r)
	want := got.clone()
	money(&m, "expect.list_total", x.ListTotal, r.ListTotal, &want.list)
	money(&m, "expect.net_total", x.NetTotal, r.NetTotal, &want.net)
	money(&m, "expect.discount_total", x.DiscountTotal, r.DiscountTotal, &want.discount)
	percent(&m, "expect.effective_discount", x.EffectiveDiscount, r.EffectiveDiscount, &want.effective)
	approval(&m, "expect.approval", x.Approval, r.Approval, &want.approval)
	index := newLineIndex(r)
	for i, le := range x.Lines {
		p := linePath(le, i)
		n, err := index.find(le)
		if err != nil {
			m.Addf(p, "%v", err)
			continue
		}
		checkLine(&m, p, le, &r.Lines[n], &want.lines[n], &got.lines[n])
	}
	var details []string
	if x.Waterfall != "" {
		if err := files.Golden(x.Waterfall, []byte(r.Text())); err != nil {
			details = append(details, "expect.waterfall: "+err.Error())
		}
	}
	if m.Len() == 0 {
		return m.Err("", "", "", "", details...)
	}
	align(&want, &got)
	wt, gt := want.text(), got.text()
	if wt == gt {
		// Nothing the views show differs (a line that is not found, an
		// error that did not happen): the mismatches say it all.
		wt, gt = "", ""
	}
	return m.Err("expected", wt, "actual", gt, details...)
}

// align pads the views' step and skip lists so that the same rule
// stands on the same row of both: steps by position, skipped rules (both
// sorted) by rule ID. A missing row renders blank.
func align(want, got *view) {
	for i := range want.lines {
		w, g := &want.lines[i], &got.lines[i]
		for len(w.steps) < len(g.steps) {
			w.steps = append(w.steps, stepView{})
		}
		for len(g.steps) < len(w.steps) {
			g.steps = append(g.steps, stepView{})
		}
		var ws, gs []string
		a, b := w.skipped, g.skipped
		for len(a) > 0 || len(b) > 0 {
			switch ka, kb := skipKey(a), skipKey(b); {
			case len(b) == 0 || (len(a) > 0 && ka < kb):
				ws, gs, a = append(ws, a[0]), append(gs, ""), a[1:]
			case len(a) == 0 || kb < ka:
				ws, gs, b = append(ws, ""), append(gs, b[0]), b[1:]
			default:
				ws, gs, a, b = append(ws, a[0]), append(gs, b[0]), a[1:], b[1:]
			}
		}
		w.skipped, g.skipped = ws, gs
	}
}

// skipKey is the rule ID a skipped row starts with.
func skipKey(rows []string) string {
	if len(rows) == 0 {
		return ""
	}
	k, _, _ := strings.Cut(rows[0], ":")
	k, _, _ = strings.Cut(k, " by ")
	return k
}

// linePath names a line expectation as the decoder does: by SKU, else
// by index.
func linePath(le LineExpect, i int) string {
	if le.SKU != "" {
		return partnerops.Path("expect", "lines", partnerops.Key(le.SKU))
	}
	return partnerops.Path("expect", "lines", i)
}

// lineIndex finds lines by ID and by SKU, built once per case so that
// naming n lines costs O(n).
type lineIndex struct {
	r     *pricing.Result
	byID  map[string]int
	bySKU map[pricing.SKU][]int
}

func newLineIndex(r *pricing.Result) lineIndex {
	x := lineIndex{r: r, byID: make(map[string]int, len(r.Lines)), bySKU: make(map[pricing.SKU][]int, len(r.Lines))}
	for i, l := range r.Lines {
		if l.ID != "" {
			if _, dup := x.byID[l.ID]; !dup {
				x.byID[l.ID] = i
			}
		}
		x.bySKU[l.SKU] = append(x.bySKU[l.SKU], i)
	}
	return x
}

// find returns the index of the line le names.
func (x lineIndex) find(le LineExpect) (int, error) {
	lines := x.r.Lines
	if le.SKU == "" && le.ID == "" && le.Line == 0 {
		return 0, fmt.Errorf("name the line by sku, id or line (its 1-based number)")
	}
	n := -1
	if le.Line != 0 {
		if le.Line < 1 || le.Line > len(lines) {
			return 0, fmt.Errorf("line %d: the quote has %d lines", le.Line, len(lines))
		}
		n = le.Line - 1
	}
	if le.ID != "" {
		i, ok := x.byID[le.ID]
		switch {
		case !ok:
			return 0, fmt.Errorf("no line has the id %q", le.ID)
		case n >= 0 && i != n:
			return 0, fmt.Errorf("line %d does not have the id %q (line %d has)", n+1, le.ID, i+1)
		}
		n = i
	}
	if le.SKU != "" {
		if n >= 0 {
			if lines[n].SKU != le.SKU {
				return 0, fmt.Errorf("line %d is SKU %q, not %q", n+1, lines[n].SKU, le.SKU)
			}
			return n, nil
		}
		at := x.bySKU[le.SKU]
		switch {
		case len(at) == 0:
			return 0, fmt.Errorf("no line has the SKU %q", le.SKU)
		case len(at) > 1:
			nums := make([]string, len(at))
			for i, j := range at {
				nums[i] = fmt.Sprint(j + 1)
			}
			return 0, fmt.Errorf("SKU %q is on lines %s: name the line by id or line as well", le.SKU, strings.Join(nums, ", "))
		}
		n = at[0]
	}
	return n, nil
}

func checkLine(m *opstest.Mismatches, p string, le LineExpect, l *pricing.LineResult, want, got *lineView) {
	money(m, p+".list_extended", le.ListExtended, l.ListExtended, &want.listExt)
	money(m, p+".net_unit", le.NetUnit, l.NetUnit, &want.netUnit)
	money(m, p+".net_extended", le.NetExtended, l.NetExtended, &want.netExt)
	percent(m, p+".effective_discount", le.EffectiveDiscount, l.EffectiveDiscount, &want.effective)
	approval(m, p+".approval", le.Approval, l.Approval, &want.approval)
	if le.Steps != nil {
		checkSteps(m, p+".steps", le.Steps, l.Steps(), want, got)
	}
	if le.Skipped != nil {
		checkSkipped(m, p+".skipped", le.Skipped, l.Skipped(), want, got)
	}
}

// checkSteps compares the applied rules, in order, and the fields each
// expectation gives; the expected view shows the expected steps.
func checkSteps(m *opstest.Mismatches, p string, want []StepExpect, got []pricing.Step, wv, gv *lineView) {
	rules := func(n int, rule func(int) pricing.RuleID) string {
		s := make([]string, n)
		for i := range s {
			s[i] = string(rule(i))
		}
		return strings.Join(s, ", ")
	}
	wr := rules(len(want), func(i int) pricing.RuleID { return want[i].Rule })
	gr := rules(len(got), func(i int) pricing.RuleID { return got[i].Rule })
	if wr != gr {
		m.Addf(p, "got rules [%s], want [%s]", gr, wr)
	}
	wv.steps = make([]stepView, len(want))
	for i, w := range want {
		sp := partnerops.JoinPath(p, partnerops.Path(partnerops.Key(string(w.Rule))))
		v := stepView{rule: string(w.Rule), amount: "?", running: "?"}
		if i < len(got) && got[i].Rule == w.Rule {
			v = gv.steps[i]
			g := got[i]
			decimal(m, sp+".amount", w.Amount, g.Amount, &v.amount)
			decimal(m, sp+".running", w.Running, g.Running, &v.running)
			if w.Limit != nil && *w.Limit != g.Limit {
				m.Addf(sp+".limit", "got %q, want %q", g.Limit, *w.Limit)
				v.limit = limitText(*w.Limit)
			}
		} else {
			if w.Amount != nil {
				v.amount = w.Amount.String()
			}
			if w.Running != nil {
				v.running = w.Running.String()
			}
			if w.Limit != nil {
				v.limit = limitText(*w.Limit)
			}
		}
		wv.steps[i] = v
	}
}

// checkSkipped compares the skipped rules as a set, and the reason and
// rule each expectation gives; both views list them by rule ID.
func checkSkipped(m *opstest.Mismatches, p string, want []SkipExpect, got []pricing.Skip, wv, gv *lineView) {
	byRule := make(map[pricing.RuleID]pricing.Skip, len(got))
	for _, s := range got {
		byRule[s.Rule] = s
	}
	var missing, extra []string
	wantRules := make(map[pricing.RuleID]bool, len(want))
	wv.skipped = make([]string, 0, len(want))
	for _, w := range want {
		wantRules[w.Rule] = true
		sp := partnerops.JoinPath(p, partnerops.Path(partnerops.Key(string(w.Rule))))
		g, ok := byRule[w.Rule]
		if !ok {
			missing = append(missing, string(w.Rule))
			wv.skipped = append(wv.skipped, skipText(w.Rule, w.Reason, w.By))
			continue
		}
		reason, by := g.Reason, g.By
		if w.Reason != 0 && w.Reason != g.Reason {
			m.Addf(sp+".reason", "got %q, want %q", g.Reason, w.Reason)
			reason = w.Reason
		}
		if w.By != "" && w.By != g.By {
			m.Addf(sp+".by", "got %q, want %q", g.By, w.By)
			by = w.By
		}
		wv.skipped = append(wv.skipped, skipText(w.Rule, reason, by))
	}
	for _, g := range got {
		if !wantRules[g.Rule] {
			extra = append(extra, string(g.Rule))
		}
	}
	slices.Sort(extra)
	if len(missing) > 0 {
		slices.Sort(missing)
		m.Addf(p, "rules not skipped: %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		m.Addf(p, "rules skipped and not expected: %s", strings.Join(extra, ", "))
	}
	slices.Sort(wv.skipped)
}

// money, decimal and percent compare an expected value (nil: not
// checked) and put it into the expected view where it differs.
func money(m *opstest.Mismatches, p string, want *partnerops.Money, got partnerops.Money, view *string) {
	if s, bad := m.Money(p, want, got); bad {
		*view = s
	}
}

func decimal(m *opstest.Mismatches, p string, want *partnerops.Decimal, got partnerops.Decimal, view *string) {
	if s, bad := m.Decimal(p, want, got); bad {
		*view = s
	}
}

func percent(m *opstest.Mismatches, p string, want *partnerops.Percent, got partnerops.Percent, view *string) {
	if s, bad := m.Percent(p, want, got); bad {
		*view = s
	}
}

// approval compares approval levels, "none" standing for no approval.
func approval(m *opstest.Mismatches, p string, want *pricing.ApprovalLevel, got pricing.ApprovalLevel, view *string) {
	if want == nil {
		return
	}
	w := *want
	if w == "none" {
		w = ""
	}
	if w != got {
		m.Addf(p, "got %s, want %s", levelText(got), levelText(w))
		*view = levelText(w)
	}
}

func levelText(l pricing.ApprovalLevel) string {
	if l == "" {
		return "none"
	}
	return string(l)
}

// view is a result reduced to what a scenario can pin, one fact a line,
// so that the expected and actual views line up side by side.
type view struct {
	head                string
	lines               []lineView
	list, net, discount string
	effective, approval string
}

type lineView struct {
	head                string
	listUnit, netUnit   string
	listExt, netExt     string
	effective, approval string
	steps               []stepView
	skipped             []string
}

type stepView struct {
	rule, amount, running, limit string
}

func actualView(r *pricing.Result) view {
	v := view{
		head:      fmt.Sprintf("book %s (%s)", r.Book, r.Currency),
		list:      r.ListTotal.Amount().String(),
		net:       r.NetTotal.Amount().String(),
		discount:  r.DiscountTotal.Amount().String(),
		effective: r.EffectiveDiscount.String(),
		approval:  levelText(r.Approval),
	}
	if r.QuoteID != "" {
		v.head = fmt.Sprintf("quote %s · %s", r.QuoteID, v.head)
	}
	v.lines = make([]lineView, len(r.Lines))
	for i := range r.Lines {
		l := &r.Lines[i]
		lv := lineView{
			head:      fmt.Sprintf("line %d: %s × %s", l.Line, l.SKU, l.Quantity),
			listUnit:  l.List.Amount().String(),
			netUnit:   l.NetUnit.Amount().String(),
			listExt:   l.ListExtended.Amount().String(),
			netExt:    l.NetExtended.Amount().String(),
			effective: l.EffectiveDiscount.String(),
			approval:  levelText(l.Approval),
		}
		if l.ID != "" {
			lv.head = fmt.Sprintf("line %d %q: %s × %s", l.Line, l.ID, l.SKU, l.Quantity)
		}
		for _, s := range l.Steps() {
			sv := stepView{rule: string(s.Rule), amount: s.Amount.String(), running: s.Running.String()}
			if s.Limit != pricing.LimitNone {
				sv.limit = limitText(s.Limit)
			}
			lv.steps = append(lv.steps, sv)
		}
		for _, s := range l.Skipped() {
			lv.skipped = append(lv.skipped, skipText(s.Rule, s.Reason, s.By))
		}
		slices.Sort(lv.skipped)
		v.lines[i] = lv
	}
	return v
}

func (v view) clone() view {
	c := v
	c.lines = slices.Clone(v.lines)
	for i := range c.lines {
		c.lines[i].steps = slices.Clone(c.lines[i].steps)
		c.lines[i].skipped = slices.Clone(c.lines[i].skipped)
	}
	return c
}

func limitText(l pricing.Limit) string {
	if l == pricing.LimitNone {
		return "(not limited)"
	}
	return "(limited by " + l.String() + ")"
}

func skipText(rule pricing.RuleID, reason pricing.SkipReason, by pricing.RuleID) string {
	s := string(rule)
	if reason != 0 {
		s += ": " + reason.String()
	}
	if by != "" {
		s += fmt.Sprintf(" by %q", by)
	}
	return s
}

// text renders the view, one fact a line, in a fixed layout whose cost
// is linear in the view.
func (v view) text() string {
	var b strings.Builder
	row := func(indent, label, value string) {
		fmt.Fprintf(&b, "%s%-*s %s\n", indent, 20-len(indent), label, value)
	}
	b.WriteString(v.head + "\n")
	for _, l := range v.lines {
		b.WriteString(l.head + "\n")
		row("  ", "list", l.listUnit)
		for _, s := range l.steps {
			if s.rule == "" {
				b.WriteString("\n")
				continue
			}
			val := s.amount + " → " + s.running
			if s.limit != "" {
				val += " " + s.limit
			}
			row("  ", s.rule, val)
		}
		row("  ", "net unit", l.netUnit)
		row("  ", "list extended", l.listExt)
		row("  ", "net extended", l.netExt)
		row("  ", "discount", l.effective)
		row("  ", "approval", l.approval)
		for _, s := range l.skipped {
			if s == "" {
				b.WriteString("\n")
				continue
			}
			row("  ", "skipped", s)
		}
	}
	b.WriteString("total\n")
	row("  ", "list", v.list)
	row("  ", "net", v.net)
	row("  ", "discount", v.discount)
	row("  ", "effective discount", v.effective)
	row("  ", "approval", v.approval)
	return b.String()
}
