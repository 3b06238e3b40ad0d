package processtest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/process"
)

// instanceID is the case's instance ID.
func instanceID(c Case) string {
	if c.Given.ID != "" {
		return c.Given.ID
	}
	return c.ID
}

// CheckCase plays the case's history with w and compares the instance it
// ends with, as of the case's instant, and what each step produced with
// the case's expectations. The error lists every mismatch with its path
// ("expect.state: got "under_review", want "approved""), then the
// expected and actual runs side by side, step by step; a golden file that
// differs is shown side by side with the new text. Under [Run] with
// -update the golden files are rewritten instead. A history the scenario
// gets wrong (a step without an instant, or out of order) fails with the
// step's path.
func CheckCase(files opstest.Files, w *process.Workflow, c Case) error {
	if err := validate(c); err != nil {
		return err
	}
	x := c.Expect
	var mm opstest.Mismatches
	p, err := Play(w, instanceID(c), c.Given)
	if err != nil {
		switch {
		case x.Error == "":
			return fmt.Errorf("start failed: %s", partnerops.StripPrefixes(err.Error()))
		case !strings.Contains(err.Error(), x.Error):
			mm.Addf("expect.error", "got %q, want an error containing %q", err, x.Error)
		}
		return mm.Err("", "", "", "")
	}
	if x.Error != "" {
		mm.Addf("expect.error", "no error, want an error containing %q", x.Error)
	}
	in := p.Instance
	status, _ := w.Status(in, c.At)
	breaches, _ := w.Breaches(in, c.At)
	escalations := w.Escalations(in, c.At)

	refs := refsOf(c.Given)
	// Which steps the view shows effects for, and their expectations.
	effectsOf := map[int][]int{} // step index (-1: start) -> indexes into x.Effects
	var effectSteps []int
	for j, e := range x.Effects {
		i, ok := refs.index(e.Step)
		if !ok {
			mm.Addf(partnerops.Path("expect", "effects", partnerops.Key(e.Step)), "no step %q in the history", e.Step)
			continue
		}
		if _, seen := effectsOf[i]; !seen {
			effectSteps = append(effectSteps, i)
		}
		effectsOf[i] = append(effectsOf[i], j)
	}
	got := actualView(w, c, p, status, breaches, escalations, effectsOf)
	want := got.clone()

	if x.State != nil && *x.State != in.State {
		mm.Addf("expect.state", "got %q, want %q", in.State, *x.State)
		want.state = string(*x.State)
	}
	if x.Version != nil && *x.Version != in.Version {
		mm.Addf("expect.version", "got %d, want %d", in.Version, *x.Version)
		want.version = fmt.Sprint(*x.Version)
	}
	instant(&mm, "expect.entered", x.Entered, in.Entered, &want.entered)
	instant(&mm, "expect.due", x.Due, in.Due, &want.due)
	if x.Breached != nil && *x.Breached != status.Breached {
		mm.Addf("expect.breached", "got %t, want %t", status.Breached, *x.Breached)
		want.breached = yesNo(*x.Breached)
	}
	duration(&mm, "expect.overdue", x.Overdue, status.Overdue, &want.overdue)
	if x.Breaches != nil {
		want.breaches = checkBreaches(&mm, x.Breaches, breaches, got.breaches)
	}
	if x.Escalations != nil {
		want.escalations = checkEscalations(&mm, x.Escalations, escalations, got.escalations)
	}
	if x.Pending != nil {
		w, g := sortedText(x.Pending), got.pending
		if w != g {
			mm.Addf("expect.pending", "got [%s], want [%s]", g, w)
			want.pending = w
		}
	}
	if x.Allowed != nil {
		w, g := sortedText(x.Allowed), got.allowed
		if w != g {
			mm.Addf("expect.allowed", "got [%s], want [%s]", g, w)
			want.allowed = w
		}
	}
	for i, f := range got.fields {
		wv := x.Data[f]
		gv, _ := in.Get(f)
		if !wv.Equal(gv) {
			mm.Addf(partnerops.Path("expect", "data", partnerops.Key(f)), "got %s, want %s", valueText(gv), valueText(wv))
			want.values[i] = valueText(wv)
		}
	}
	checkRefusals(&mm, c, refs, p, &want)
	for _, i := range effectSteps {
		checkEffects(&mm, c, i, effectsOf[i], p, &want, &got)
	}

	var details []string
	golden := func(field, name string, text func() string) {
		if name == "" {
			return
		}
		if err := files.Golden(name, []byte(text())); err != nil {
			details = append(details, "expect."+field+": "+err.Error())
		}
	}
	golden("history", x.History, func() string { return process.RenderHistory(in.History) })
	golden("explanation", x.Explanation, func() string { return w.Explain(in, c.At) })
	golden("sla", x.SLA, func() string {
		steps, err := w.Steps(in, c.At)
		if err != nil {
			return "error: " + partnerops.StripPrefixes(err.Error()) + "\n"
		}
		return process.RenderSteps(steps)
	})
	if mm.Len() == 0 {
		return mm.Err("", "", "", "", details...)
	}
	wt, gt := want.text(), got.text()
	if wt == gt {
		wt, gt = "", ""
	}
	return mm.Err("expected", wt, "actual", gt, details...)
}

func instant(mm *opstest.Mismatches, p string, want *opstest.Instant, got time.Time, view *string) {
	if want != nil && !want.Matches(got) {
		mm.Addf(p, "got %s, want %s", opstest.FormatTime(got), want)
		*view = want.String()
	}
}

func duration(mm *opstest.Mismatches, p string, want *time.Duration, got time.Duration, view *string) {
	if want != nil && *want != got {
		mm.Addf(p, "got %s, want %s", got, *want)
		*view = want.String()
	}
}

// checkRefusals compares the refused steps with the expected refusals:
// every step refused must be expected, every expected one refused, with
// the reason, guards and text given.
func checkRefusals(mm *opstest.Mismatches, c Case, refs stepRefs, p Played, want *view) {
	expected := map[int]int{} // step index -> index into x.Refused
	for j, r := range c.Expect.Refused {
		path := partnerops.Path("expect", "refused", partnerops.Key(r.Step))
		i, ok := refs.index(r.Step)
		switch {
		case !ok || i < 0:
			mm.Addf(path, "no step %q in the history", r.Step)
			continue
		}
		expected[i] = j
		s := c.Given.Steps[i]
		err := p.Steps[i].Err
		if err == nil {
			mm.Addf(path, "step %s (%s) was not refused", stepName(i, s), stepLabel(s))
			want.steps[i+1].outcome = stepLabel(s) + ": refused" + reasonText(r.Reason)
			continue
		}
		code := Reason(err)
		if r.Reason != "" && r.Reason != code {
			mm.Addf(path+".reason", "got %s, want %s", code, r.Reason)
			want.steps[i+1].outcome = stepLabel(s) + ": refused" + reasonText(r.Reason)
		}
		if r.Guards != nil && !slices.Equal(r.Guards, guards(err)) {
			mm.Addf(path+".guards", "got [%s], want [%s]", strings.Join(guards(err), ", "), strings.Join(r.Guards, ", "))
		}
		if r.Error != "" && !strings.Contains(err.Error(), r.Error) {
			mm.Addf(path+".error", "got %q, want an error containing %q", err, r.Error)
		}
	}
	for i, s := range c.Given.Steps {
		err := p.Steps[i].Err
		if _, ok := expected[i]; ok || err == nil {
			continue
		}
		mm.Addf(stepPath(i, s), "refused: %s", partnerops.StripPrefixes(err.Error()))
		want.steps[i+1].outcome = stepLabel(s) + ": not refused"
	}
}

func reasonText(code string) string {
	if code == "" {
		return ""
	}
	return " (" + code + ")"
}

// checkEffects compares the effects of step i with the expectations at
// js in x.Effects: exactly these, in order, with the fields given.
func checkEffects(mm *opstest.Mismatches, c Case, i int, js []int, p Played, want, got *view) {
	r := p.Start
	name := "start"
	if i >= 0 {
		r, name = p.Steps[i], stepName(i, c.Given.Steps[i])
	}
	path := partnerops.Path("expect", "effects", partnerops.Key(name))
	gotEff := r.Effects
	wantLines := make([]string, len(js))
	if len(js) != len(gotEff) {
		mm.Addf(path, "got %d %s [%s], want %d [%s]", len(gotEff), plural(len(gotEff), "effect"), effectKinds(len(gotEff), func(k int) string { return gotEff[k].Kind.String() }),
			len(js), effectKinds(len(js), func(k int) string { return kindText(c.Expect.Effects[js[k]].Kind) }))
	}
	for k, j := range js {
		e := c.Expect.Effects[j]
		ep := fmt.Sprintf("%s[%d]", path, k)
		var g process.Effect
		if k < len(gotEff) {
			g = gotEff[k]
		}
		v := g
		if e.Kind != 0 && e.Kind != g.Kind {
			if k < len(gotEff) {
				mm.Addf(ep+".kind", "got %s, want %s", g.Kind, e.Kind)
			}
			v.Kind = e.Kind
		}
		if e.State != "" && e.State != g.State {
			if k < len(gotEff) {
				mm.Addf(ep+".state", "got %q, want %q", g.State, e.State)
			}
			v.State = e.State
		}
		if e.Role != "" && e.Role != g.Role {
			if k < len(gotEff) {
				mm.Addf(ep+".role", "got %q, want %q", g.Role, e.Role)
			}
			v.Role = e.Role
		}
		if e.Event != "" && e.Event != g.Event {
			if k < len(gotEff) {
				mm.Addf(ep+".event", "got %q, want %q", g.Event, e.Event)
			}
			v.Event = e.Event
		}
		if e.At != nil && !e.At.Matches(g.At) {
			if k < len(gotEff) {
				mm.Addf(ep+".at", "got %s, want %s", opstest.FormatTime(g.At), e.At)
			}
			v.At = e.At.Time()
		}
		wantLines[k] = v.String()
	}
	at := i + 1 // view rows: 0 is the start
	want.steps[at].effects = wantLines
	for len(want.steps[at].effects) < len(got.steps[at].effects) {
		want.steps[at].effects = append(want.steps[at].effects, "")
	}
	for len(got.steps[at].effects) < len(want.steps[at].effects) {
		got.steps[at].effects = append(got.steps[at].effects, "")
	}
}

func kindText(k process.EffectKind) string {
	if k == 0 {
		return "?"
	}
	return k.String()
}

func effectKinds(n int, kind func(int) string) string {
	s := make([]string, n)
	for i := range s {
		s[i] = kind(i)
	}
	return strings.Join(s, ", ")
}

func plural(n int, noun string) string {
	switch {
	case n == 1:
		return noun
	case strings.HasSuffix(noun, "y"):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// checkBreaches compares the breached visits, in order, with the fields
// each expectation gives; it returns the expected rows.
func checkBreaches(mm *opstest.Mismatches, want []BreachExpect, got []process.Step, gv []string) []string {
	if len(want) != len(got) {
		mm.Addf("expect.breaches", "got %d [%s], want %d [%s]", len(got), effectKinds(len(got), func(i int) string { return string(got[i].State) }),
			len(want), effectKinds(len(want), func(i int) string { return string(want[i].State) }))
	}
	rows := make([]string, len(want))
	for i, w := range want {
		p := partnerops.Path("expect", "breaches", i)
		if i >= len(got) {
			rows[i] = breachRow(w.State, instantText(w.Due), durationText(w.Overdue))
			continue
		}
		g := got[i]
		state, due, over := g.State, opstest.FormatTime(g.Due), g.Overdue.String()
		if w.State != g.State {
			mm.Addf(p+".state", "got %q, want %q", g.State, w.State)
			state = w.State
		}
		instant(mm, p+".due", w.Due, g.Due, &due)
		duration(mm, p+".overdue", w.Overdue, g.Overdue, &over)
		rows[i] = breachRow(state, due, over)
	}
	for len(rows) < len(gv) {
		rows = append(rows, "")
	}
	return rows
}

// checkEscalations compares the escalations due, in order; it returns
// the expected rows.
func checkEscalations(mm *opstest.Mismatches, want []EscalationExpect, got []process.Effect, gv []string) []string {
	if len(want) != len(got) {
		mm.Addf("expect.escalations", "got %d [%s], want %d [%s]", len(got), effectKinds(len(got), func(i int) string { return string(got[i].Role) }),
			len(want), effectKinds(len(want), func(i int) string { return string(want[i].Role) }))
	}
	rows := make([]string, len(want))
	for i, w := range want {
		p := partnerops.Path("expect", "escalations", i)
		if i >= len(got) {
			rows[i] = escalationRow(w.Role, instantText(w.At))
			continue
		}
		g := got[i]
		role, at := g.Role, opstest.FormatTime(g.At)
		if w.Role != g.Role {
			mm.Addf(p+".role", "got %q, want %q", g.Role, w.Role)
			role = w.Role
		}
		instant(mm, p+".at", w.At, g.At, &at)
		rows[i] = escalationRow(role, at)
	}
	for len(rows) < len(gv) {
		rows = append(rows, "")
	}
	return rows
}

func instantText(i *opstest.Instant) string {
	if i == nil {
		return "?"
	}
	return i.String()
}

func durationText(d *time.Duration) string {
	if d == nil {
		return "?"
	}
	return d.String()
}

func breachRow(s process.State, due, overdue string) string {
	return fmt.Sprintf("%s due %s, overdue %s", s, due, overdue)
}

func escalationRow(r process.Role, at string) string {
	return fmt.Sprintf("%s at %s", r, at)
}

func valueText(v process.Value) string {
	if v.IsZero() {
		return "(missing)"
	}
	return v.String()
}

func sortedText[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	slices.Sort(s)
	return strings.Join(s, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// stepLabel says what a step does: its event, or "advance".
func stepLabel(s Step) string {
	if s.Advance {
		return "advance"
	}
	return string(s.Event)
}

// view is a run reduced to what a scenario can pin, one fact a row, so
// that the expected and actual runs line up side by side.
type view struct {
	head                                            string
	steps                                           []stepView // the start, then each step
	state, version, entered, due, breached, overdue string
	breaches, escalations                           []string
	pending, allowed                                string
	showPending, showAllowed                        bool
	fields, values                                  []string
}

type stepView struct {
	name, at, outcome string
	effects           []string
}

func actualView(w *process.Workflow, c Case, p Played, status process.Step, breaches []process.Step, escalations []process.Effect, effectsOf map[int][]int) view {
	in := p.Instance
	v := view{
		head:     fmt.Sprintf("%s (%s) as of %s", in.ID, in.Workflow, opstest.FormatTime(c.At)),
		state:    string(in.State),
		version:  fmt.Sprint(in.Version),
		entered:  opstest.FormatTime(in.Entered),
		due:      opstest.FormatTime(in.Due),
		breached: yesNo(status.Breached),
		overdue:  status.Overdue.String(),
		steps:    make([]stepView, 0, 1+len(p.Steps)),
	}
	if in.Due.IsZero() {
		v.due = "none"
	}
	start := stepView{name: "start", at: opstest.FormatTime(c.Given.Start.At), outcome: entriesText(p.Start.Entries)}
	if _, ok := effectsOf[-1]; ok {
		start.effects = effectLines(p.Start.Effects)
	}
	v.steps = append(v.steps, start)
	for i, s := range c.Given.Steps {
		r := p.Steps[i]
		sv := stepView{name: stepName(i, s), at: opstest.FormatTime(s.At), outcome: stepLabel(s) + ": "}
		switch {
		case r.Err != nil:
			sv.outcome += "refused" + reasonText(Reason(r.Err))
		case s.Advance && len(r.Entries) == 0:
			sv.outcome += "nothing due"
		default:
			sv.outcome += entriesText(r.Entries)
		}
		if _, ok := effectsOf[i]; ok {
			sv.effects = effectLines(r.Effects)
		}
		v.steps = append(v.steps, sv)
	}
	for _, b := range breaches {
		v.breaches = append(v.breaches, breachRow(b.State, opstest.FormatTime(b.Due), b.Overdue.String()))
	}
	for _, e := range escalations {
		v.escalations = append(v.escalations, escalationRow(e.Role, opstest.FormatTime(e.At)))
	}
	if c.Expect.Pending != nil {
		v.showPending, v.pending = true, sortedText(w.PendingApprovals(in, c.At))
	}
	if c.Expect.Allowed != nil {
		v.showAllowed, v.allowed = true, sortedText(w.Allowed(in.State))
	}
	for f := range c.Expect.Data {
		v.fields = append(v.fields, f)
	}
	slices.Sort(v.fields)
	for _, f := range v.fields {
		val, _ := in.Get(f)
		v.values = append(v.values, valueText(val))
	}
	return v
}

// entriesText says what history entries did: "submitted -> under_review",
// several joined by "; " (an advance that fired more than one event).
func entriesText(es []process.Entry) string {
	parts := make([]string, len(es))
	for i, e := range es {
		s := string(e.From) + " -> " + string(e.To)
		if e.From == "" {
			s = "-> " + string(e.To)
		}
		if e.Actor == process.ActorSLA {
			s = string(e.Event) + " " + s
		}
		parts[i] = s
	}
	return strings.Join(parts, "; ")
}

func effectLines(es []process.Effect) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.String()
	}
	return out
}

func (v view) clone() view {
	c := v
	c.steps = slices.Clone(v.steps)
	for i := range c.steps {
		c.steps[i].effects = slices.Clone(c.steps[i].effects)
	}
	c.breaches = slices.Clone(v.breaches)
	c.escalations = slices.Clone(v.escalations)
	c.values = slices.Clone(v.values)
	return c
}

// text renders the view, one fact a row; its cost is linear in the view.
func (v view) text() string {
	var b strings.Builder
	row := func(label, value string) { fmt.Fprintf(&b, "%-14s %s\n", label, value) }
	list := func(title string, rows []string) {
		if len(rows) == 0 {
			return
		}
		b.WriteString(title + "\n")
		for _, r := range rows {
			if r == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("  " + r + "\n")
		}
	}
	b.WriteString(v.head + "\n")
	for _, s := range v.steps {
		fmt.Fprintf(&b, "%-14s %s  %s\n", s.name, s.at, s.outcome)
		for _, e := range s.effects {
			if e == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("  " + e + "\n")
		}
	}
	row("state", v.state)
	row("version", v.version)
	row("entered", v.entered)
	row("due", v.due)
	row("breached", v.breached+", overdue "+v.overdue)
	list("breaches", v.breaches)
	list("escalations", v.escalations)
	if v.showPending {
		row("pending", listText(v.pending))
	}
	if v.showAllowed {
		row("allowed", listText(v.allowed))
	}
	for i, f := range v.fields {
		row("data."+f, v.values[i])
	}
	return b.String()
}

func listText(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
