package payouttest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing/payout"
)

// request is the case's statement request: the given request at the
// case's instant. A given "at" must be the case's.
func request(c Case) (payout.Request, error) {
	req := c.Given
	if !req.At.IsZero() && !req.At.Equal(c.At) {
		return req, fmt.Errorf("given.at: %s differs from the case's at %s; leave it out", req.At.Format("2006-01-02T15:04:05Z07:00"), c.At.Format("2006-01-02T15:04:05Z07:00"))
	}
	req.At = c.At
	return req, nil
}

// CheckCase evaluates the case's statement with e and compares it with
// the case's expectations. The error lists every mismatch with its path
// ("expect.components[base].earned: got 14000.00 USD, want 13000.00"),
// then the expected and actual statements side by side; a golden
// statement that differs is shown side by side with the statement's
// text. Under [Run] with -update the golden file is rewritten instead.
func CheckCase(files opstest.Files, e *payout.Engine, c Case) error {
	x := c.Expect
	req, err := request(c)
	if err != nil {
		return err
	}
	var m opstest.Mismatches
	s, err := e.Statement(req)
	if err != nil {
		switch {
		case x.Error == "":
			return fmt.Errorf("statement failed: %s", partnerops.StripPrefixes(err.Error()))
		case !strings.Contains(err.Error(), x.Error):
			m.Addf("expect.error", "got %q, want an error containing %q", err, x.Error)
		}
		return m.Err("", "", "", "")
	}
	if x.Error != "" {
		m.Addf("expect.error", "no error, want an error containing %q", x.Error)
	}
	got := actualView(&s)
	want := got.clone()
	money(&m, "expect.total", x.Total, s.Total, &want.total)
	money(&m, "expect.subtotal", x.Subtotal, s.Subtotal, &want.subtotal)
	money(&m, "expect.draw_balance", x.DrawBalance, s.DrawBalance, &want.draw)
	byID := make(map[payout.ComponentID]int, len(s.Components))
	for i, c := range s.Components {
		byID[c.ID] = i
	}
	for i, ce := range x.Components {
		p := partnerops.Path("expect", "components", i)
		if ce.ID != "" {
			p = partnerops.Path("expect", "components", partnerops.Key(string(ce.ID)))
		}
		n, ok := byID[ce.ID]
		if !ok {
			m.Addf(p, "the statement has no component %q", ce.ID)
			continue
		}
		checkComponent(&m, p, ce, &s.Components[n], &want.components[n], &got.components[n])
	}
	if x.Adjustments != nil {
		want.adjustments = checkLines(&m, "expect.adjustments", x.Adjustments, s.Adjustments, got.adjustments)
	}
	if x.Skipped != nil {
		want.skipped = checkSkipped(&m, "expect.skipped", x.Skipped, s.Skipped)
	}
	var details []string
	if x.Statement != "" {
		if err := files.Golden(x.Statement, []byte(s.Text())); err != nil {
			details = append(details, "expect.statement: "+err.Error())
		}
	}
	if m.Len() == 0 {
		return m.Err("", "", "", "", details...)
	}
	align(&want, &got)
	wt, gt := want.text(), got.text()
	if wt == gt {
		wt, gt = "", ""
	}
	return m.Err("expected", wt, "actual", gt, details...)
}

func checkComponent(m *opstest.Mismatches, p string, ce ComponentExpect, c *payout.ComponentResult, want, got *componentView) {
	money(m, p+".earned", ce.Earned, c.Earned, &want.earned)
	decimal(m, p+".credited", ce.Credited, c.Credited, &want.credited)
	percent(m, p+".attainment", ce.Attainment, c.Attainment, &want.attainment)
	if ce.Tier != nil && *ce.Tier != c.Tier {
		m.Addf(p+".tier", "got %d, want %d", c.Tier, *ce.Tier)
		want.tier = fmt.Sprint(*ce.Tier)
	}
	if ce.Lines != nil {
		want.lines = checkLines(m, p+".lines", ce.Lines, c.Lines, got.lines)
	}
}

// checkLines compares a list of lines, in order, and the fields each
// expectation gives; it returns the expected view of the list.
func checkLines(m *opstest.Mismatches, p string, want []LineExpect, got []payout.Line, gv []lineView) []lineView {
	if len(want) != len(got) {
		m.Addf(p, "got %s [%s], want %d [%s]", plural(len(got), "line"), lineNames(len(got), func(i int) string { return lineName(got[i].Kind, got[i].Transaction) }),
			len(want), lineNames(len(want), func(i int) string { return lineName(want[i].Kind, want[i].Transaction) }))
	}
	out := make([]lineView, len(want))
	for i, w := range want {
		lp := partnerops.Path(i)
		if w.Transaction != "" {
			lp = partnerops.Path(partnerops.Key(string(w.Transaction)))
		}
		lp = partnerops.JoinPath(p, lp)
		if i >= len(got) {
			out[i] = expectedOnly(w)
			continue
		}
		g := got[i]
		v := gv[i]
		if w.Kind != "" && w.Kind != g.Kind {
			m.Addf(lp+".kind", "got %q, want %q", g.Kind, w.Kind)
			v.name = lineName(w.Kind, v.tx)
		}
		if w.Transaction != "" && w.Transaction != g.Transaction {
			m.Addf(lp+".transaction", "got %q, want %q", g.Transaction, w.Transaction)
			v.tx = w.Transaction
			v.name = lineName(g.Kind, w.Transaction)
		}
		if w.Tier != nil && *w.Tier != g.Tier {
			m.Addf(lp+".tier", "got %d, want %d", g.Tier, *w.Tier)
			v.tier = fmt.Sprint(*w.Tier)
		}
		percent(m, lp+".rate", w.Rate, g.Rate, &v.rate)
		money(m, lp+".amount", w.Amount, g.Amount, &v.amount)
		money(m, lp+".cut", w.Cut, g.Cut, &v.cut)
		if w.Limit != nil && *w.Limit != g.Limit {
			m.Addf(lp+".limit", "got %q, want %q", g.Limit, *w.Limit)
			v.limit = string(*w.Limit)
		}
		out[i] = v
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func lineNames(n int, name func(int) string) string {
	s := make([]string, n)
	for i := range s {
		s[i] = name(i)
	}
	return strings.Join(s, ", ")
}

// lineName names a line in views and messages: its transaction for a
// transaction line, its kind (and transaction) otherwise.
func lineName(kind payout.LineKind, tx payout.TransactionID) string {
	switch {
	case kind == payout.LineTransaction && tx != "":
		return string(tx)
	case kind == "" && tx != "":
		return string(tx)
	case tx != "":
		return string(kind) + " " + string(tx)
	case kind == "":
		return "?"
	}
	return string(kind)
}

func expectedOnly(w LineExpect) lineView {
	v := lineView{name: lineName(w.Kind, w.Transaction), tx: w.Transaction, amount: "?"}
	if w.Amount != nil {
		v.amount = w.Amount.Amount().String()
	}
	if w.Tier != nil {
		v.tier = fmt.Sprint(*w.Tier)
	}
	if w.Rate != nil {
		v.rate = w.Rate.String()
	}
	if w.Cut != nil {
		v.cut = w.Cut.Amount().String()
	}
	if w.Limit != nil {
		v.limit = string(*w.Limit)
	}
	return v
}

// checkSkipped compares the skipped transactions as a set, and the
// reason each expectation gives; it returns the expected rows, sorted.
func checkSkipped(m *opstest.Mismatches, p string, want []SkipExpect, got []payout.Skip) []string {
	byTx := make(map[payout.TransactionID]payout.Skip, len(got))
	for _, s := range got {
		byTx[s.Transaction] = s
	}
	wanted := make(map[payout.TransactionID]bool, len(want))
	var missing, extra, rows []string
	for _, w := range want {
		wanted[w.Transaction] = true
		g, ok := byTx[w.Transaction]
		if !ok {
			missing = append(missing, string(w.Transaction))
			rows = append(rows, skipText(w.Transaction, w.Reason))
			continue
		}
		reason := g.Reason
		if w.Reason != "" && w.Reason != g.Reason {
			m.Addf(partnerops.JoinPath(p, partnerops.Path(partnerops.Key(string(w.Transaction))))+".reason", "got %q, want %q", g.Reason, w.Reason)
			reason = w.Reason
		}
		rows = append(rows, skipText(w.Transaction, reason))
	}
	for _, g := range got {
		if !wanted[g.Transaction] {
			extra = append(extra, string(g.Transaction))
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		m.Addf(p, "transactions not skipped: %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		m.Addf(p, "transactions skipped and not expected: %s", strings.Join(extra, ", "))
	}
	slices.Sort(rows)
	return rows
}

func skipText(tx payout.TransactionID, reason payout.SkipReason) string {
	if reason == "" {
		return string(tx)
	}
	return string(tx) + ": " + string(reason)
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

// view is a statement reduced to what a scenario can pin, one fact a
// row, so that the expected and actual views line up side by side.
type view struct {
	head                  string
	components            []componentView
	subtotal, total, draw string
	adjustments           []lineView
	skipped               []string
	currency              partnerops.Currency
}

type componentView struct {
	id                                 payout.ComponentID
	credited, attainment, tier, earned string
	lines                              []lineView
}

type lineView struct {
	name, tier, rate, amount, cut, limit string
	tx                                   payout.TransactionID
}

func actualView(s *payout.Statement) view {
	v := view{
		head:     fmt.Sprintf("statement %s for %s, %s", s.Plan, s.Payee, s.Label),
		subtotal: s.Subtotal.Amount().String(),
		total:    s.Total.Amount().String(),
		draw:     s.DrawBalance.Amount().String(),
		currency: s.Currency,
	}
	for i := range s.Components {
		c := &s.Components[i]
		cv := componentView{
			id:         c.ID,
			credited:   c.Credited.String(),
			attainment: c.Attainment.String(),
			tier:       fmt.Sprint(c.Tier),
			earned:     c.Earned.Amount().String(),
			lines:      lineViews(c.Lines),
		}
		v.components = append(v.components, cv)
	}
	v.adjustments = lineViews(s.Adjustments)
	for _, sk := range s.Skipped {
		v.skipped = append(v.skipped, skipText(sk.Transaction, sk.Reason))
	}
	slices.Sort(v.skipped)
	return v
}

func lineViews(lines []payout.Line) []lineView {
	out := make([]lineView, len(lines))
	for i, l := range lines {
		out[i] = lineView{
			name:   lineName(l.Kind, l.Transaction),
			tx:     l.Transaction,
			tier:   fmt.Sprint(l.Tier),
			rate:   l.Rate.String(),
			amount: l.Amount.Amount().String(),
			limit:  string(l.Limit),
		}
		if !l.Cut.IsZero() {
			out[i].cut = l.Cut.Amount().String()
		}
	}
	return out
}

func (v view) clone() view {
	c := v
	c.components = slices.Clone(v.components)
	for i := range c.components {
		c.components[i].lines = slices.Clone(c.components[i].lines)
	}
	c.adjustments = slices.Clone(v.adjustments)
	c.skipped = slices.Clone(v.skipped)
	return c
}

// align pads the views' line lists so that they have the same rows, and
// the skipped transactions (both sorted) so that the same transaction
// stands on the same row.
func align(want, got *view) {
	pad := func(a, b *[]lineView) {
		for len(*a) < len(*b) {
			*a = append(*a, lineView{})
		}
		for len(*b) < len(*a) {
			*b = append(*b, lineView{})
		}
	}
	for i := range want.components {
		pad(&want.components[i].lines, &got.components[i].lines)
	}
	pad(&want.adjustments, &got.adjustments)
	var ws, gs []string
	a, b := want.skipped, got.skipped
	key := func(rows []string) string { k, _, _ := strings.Cut(rows[0], ":"); return k }
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && key(a) < key(b)):
			ws, gs, a = append(ws, a[0]), append(gs, ""), a[1:]
		case len(a) == 0 || key(b) < key(a):
			ws, gs, b = append(ws, ""), append(gs, b[0]), b[1:]
		default:
			ws, gs, a, b = append(ws, a[0]), append(gs, b[0]), a[1:], b[1:]
		}
	}
	want.skipped, got.skipped = ws, gs
}

// text renders the view, one fact a row; its cost is linear in the view.
func (v view) text() string {
	var b strings.Builder
	row := func(indent, label, value string) {
		fmt.Fprintf(&b, "%s%-*s %s\n", indent, 20-len(indent), label, value)
	}
	line := func(l lineView) {
		if l.name == "" {
			b.WriteString("\n")
			return
		}
		val := l.amount
		var how []string
		if l.tier != "" && l.tier != "0" {
			how = append(how, "tier "+l.tier)
		}
		if l.rate != "" && l.rate != "0%" {
			how = append(how, "at "+l.rate)
		}
		if len(how) > 0 {
			val += " (" + strings.Join(how, " ") + ")"
		}
		if l.cut != "" {
			val += " cut " + l.cut
			if l.limit != "" {
				val += " by " + l.limit
			}
		}
		row("    ", l.name, val)
	}
	b.WriteString(v.head + "\n")
	for _, c := range v.components {
		b.WriteString("component " + string(c.id) + "\n")
		row("  ", "credited", c.credited)
		row("  ", "attainment", c.attainment)
		row("  ", "tier", c.tier)
		if len(c.lines) > 0 {
			b.WriteString("  lines\n")
		}
		for _, l := range c.lines {
			line(l)
		}
		row("  ", "earned", c.earned)
	}
	row("", "subtotal", v.subtotal)
	if len(v.adjustments) > 0 {
		b.WriteString("adjustments\n")
	}
	for _, l := range v.adjustments {
		line(l)
	}
	row("", "total", v.total+" "+string(v.currency))
	row("", "draw balance", v.draw)
	for _, s := range v.skipped {
		if s == "" {
			b.WriteString("\n")
			continue
		}
		row("", "skipped", s)
	}
	return b.String()
}
