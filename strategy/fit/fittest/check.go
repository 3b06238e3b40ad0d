package fittest

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/strategy/fit"
)

// scenarioError is a given entity the scenario itself gets wrong (an
// attribute the model does not declare, a list for a number): the case
// fails whatever error it expects.
type scenarioError struct{ msg string }

func (e *scenarioError) Error() string { return e.msg }

func scenarioErrorf(format string, args ...any) error {
	return &scenarioError{fmt.Sprintf(format, args...)}
}

// BuildEntity builds the entity a case gives with m: the partner profile,
// if any, then the attributes (in name order), each set by its
// attribute's kind. Its ID is the given ID, else the partner's, else the
// case's.
func BuildEntity(m *fit.Model, c Case) (fit.Entity, error) {
	return entity(m, kinds(m), c)
}

// kinds maps the model's attribute names to their kinds.
func kinds(m *fit.Model) map[string]fit.AttributeKind {
	def := m.Definition()
	k := make(map[string]fit.AttributeKind, len(def.Attributes))
	for _, a := range def.Attributes {
		k[a.Name] = a.Kind
	}
	return k
}

func entity(m *fit.Model, kinds map[string]fit.AttributeKind, c Case) (fit.Entity, error) {
	g := c.Given
	var e fit.Entity
	if g.Partner != nil {
		var err error
		if e, err = m.PartnerEntity(*g.Partner); err != nil {
			return fit.Entity{}, fmt.Errorf("given.partner: %s", partnerops.StripPrefixes(err.Error()))
		}
	} else {
		e = m.NewEntity(c.ID)
	}
	if g.ID != "" {
		e.ID = g.ID
	}
	names := make([]string, 0, len(g.Attributes))
	for n := range g.Attributes {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		p := partnerops.Path("given", "attributes", partnerops.Key(n))
		if err := set(&e, kinds, n, g.Attributes[n]); err != nil {
			return fit.Entity{}, fmt.Errorf("%s: %w", p, err)
		}
	}
	return e, nil
}

// set sets one attribute by its kind.
func set(e *fit.Entity, kinds map[string]fit.AttributeKind, name string, v Value) error {
	kind, ok := kinds[name]
	if !ok {
		return scenarioErrorf("the model declares no attribute %q", name)
	}
	wrong := func() error {
		return scenarioErrorf("a %s attribute cannot take %s", kind, v.describe())
	}
	var err error
	switch kind {
	case fit.AttributeString:
		if v.kind != valueString {
			return wrong()
		}
		err = e.SetString(name, v.text)
	case fit.AttributeNumber:
		if v.kind != valueString && v.kind != valueNumber {
			return wrong()
		}
		d, perr := partnerops.ParseDecimal(strings.TrimSpace(v.text))
		if perr != nil {
			return fmt.Errorf("%q is not a number: %w", v.text, fit.ErrAttributeKind)
		}
		err = e.SetNumber(name, d)
	case fit.AttributeSet:
		switch v.kind {
		case valueList:
			err = e.SetMembers(name, v.members...)
		case valueString:
			var ms []string
			for _, s := range strings.Split(v.text, ",") {
				if s = strings.TrimSpace(s); s != "" {
					ms = append(ms, s)
				}
			}
			err = e.SetMembers(name, ms...)
		default:
			return wrong()
		}
	case fit.AttributeBool:
		switch {
		case v.kind == valueBool || (v.kind == valueString && (v.text == "true" || v.text == "false")):
			err = e.SetBool(name, v.text == "true")
		case v.kind == valueString:
			return fmt.Errorf("%q is not true or false: %w", v.text, fit.ErrAttributeKind)
		default:
			return wrong()
		}
	default:
		return wrong()
	}
	if err != nil {
		return errors.New(partnerops.StripPrefixes(err.Error()))
	}
	return nil
}

func (v Value) describe() string {
	switch v.kind {
	case valueNumber:
		return "the number " + v.text
	case valueBool:
		return v.text
	case valueList:
		return "a list"
	case valueNone:
		return "null"
	}
	return fmt.Sprintf("the string %q", v.text)
}

// explain builds and explains the case's entity.
func explain(m *fit.Model, kinds map[string]fit.AttributeKind, c Case) (fit.Explanation, error) {
	e, err := entity(m, kinds, c)
	if err != nil {
		return fit.Explanation{}, err
	}
	return m.Explain(&e)
}

// CheckCase scores the case's entity with m and compares the score and
// its explanation with the case's expectations. The error lists every
// mismatch with its path ("expect.contributions[size].points: got 17.50,
// want 25"), then the expected and actual scores side by side, criterion
// by criterion; a golden explanation that differs is shown side by side
// with the explanation's text. Under [Run] with -update the golden file
// is rewritten instead.
func CheckCase(files opstest.Files, m *fit.Model, c Case) error {
	x := c.Expect
	var mm opstest.Mismatches
	ex, err := explain(m, kinds(m), c)
	if err != nil {
		switch {
		case errors.As(err, new(*scenarioError)):
			return err
		case x.Error == "":
			return fmt.Errorf("scoring failed: %s", partnerops.StripPrefixes(err.Error()))
		case !strings.Contains(err.Error(), x.Error):
			mm.Addf("expect.error", "got %q, want an error containing %q", err, x.Error)
		}
		return mm.Err("", "", "", "")
	}
	if x.Error != "" {
		mm.Addf("expect.error", "no error, want an error containing %q", x.Error)
	}
	got := actualView(ex)
	want := got.clone()
	s := ex.Score
	if v, bad := mm.Decimal("expect.score", x.Score, s.Decimal()); bad {
		want.score = v
	}
	if x.Grade != nil && *x.Grade != s.Grade {
		mm.Addf("expect.grade", "got %q, want %q", s.Grade, *x.Grade)
		want.grade = gradeText(*x.Grade)
	}
	if v, bad := mm.Percent("expect.coverage", x.Coverage, s.Coverage()); bad {
		want.coverage = v
	}
	if x.LowCoverage != nil && *x.LowCoverage != s.LowCoverage {
		mm.Addf("expect.low_coverage", "got %t, want %t", s.LowCoverage, *x.LowCoverage)
		want.low = yesNo(*x.LowCoverage)
	}
	if x.Disqualified != nil && *x.Disqualified != s.Disqualified {
		mm.Addf("expect.disqualified", "got %t, want %t", s.Disqualified, *x.Disqualified)
		want.disq = yesNo(*x.Disqualified)
	}
	if x.DisqualifiedBy != nil {
		w, g := slices.Sorted(slices.Values(x.DisqualifiedBy)), slices.Sorted(slices.Values(ex.DisqualifiedBy))
		if !slices.Equal(w, g) {
			mm.Addf("expect.disqualified_by", "got [%s], want [%s]", strings.Join(g, ", "), strings.Join(w, ", "))
			want.by = strings.Join(w, ", ")
		}
	}
	byID := make(map[string]int, len(ex.Contributions))
	for i, c := range ex.Contributions {
		byID[c.Criterion] = i
	}
	for i, ce := range x.Contributions {
		p := partnerops.Path("expect", "contributions", i)
		if ce.Criterion != "" {
			p = partnerops.Path("expect", "contributions", partnerops.Key(ce.Criterion))
		}
		n, ok := byID[ce.Criterion]
		if !ok {
			mm.Addf(p, "the model has no criterion %q", ce.Criterion)
			continue
		}
		checkContribution(&mm, p, ce, ex.Contributions[n], &want.rows[n], &got.rows[n])
	}
	var details []string
	if x.Explanation != "" {
		if err := files.Golden(x.Explanation, []byte(ex.Text())); err != nil {
			details = append(details, "expect.explanation: "+err.Error())
		}
	}
	if mm.Len() == 0 {
		return mm.Err("", "", "", "", details...)
	}
	wt, gt := want.text(), got.text()
	if wt == gt {
		wt, gt = "", ""
	}
	return mm.Err("expected", wt, "actual", gt, details...)
}

func checkContribution(mm *opstest.Mismatches, p string, ce ContributionExpect, c fit.Contribution, want, got *rowView) {
	if ce.Outcome != "" && ce.Outcome != c.Outcome {
		mm.Addf(p+".outcome", "got %q, want %q", c.Outcome, ce.Outcome)
		want.outcome = string(ce.Outcome)
	}
	if v, bad := mm.Percent(p+".credit", ce.Credit, c.Credit); bad {
		want.credit = v
	}
	if v, bad := mm.Decimal(p+".points", ce.Points, c.Points); bad {
		want.points = v
	}
	if ce.Reason != "" {
		got.reason = c.Reason
		want.reason = c.Reason
		if ce.Reason != c.Reason {
			mm.Addf(p+".reason", "got %q, want %q", c.Reason, ce.Reason)
			want.reason = ce.Reason
		}
	}
}

// view is a score reduced to what a scenario can pin, one fact a row, so
// that the expected and actual views line up side by side.
type view struct {
	head                                  string
	score, grade, coverage, low, disq, by string
	rows                                  []rowView
}

type rowView struct {
	criterion, outcome, credit, points, reason string
}

func actualView(x fit.Explanation) view {
	s := x.Score
	v := view{
		head:     x.Entity,
		score:    s.Decimal().String(),
		grade:    gradeText(s.Grade),
		coverage: s.Coverage().String(),
		low:      yesNo(s.LowCoverage),
		disq:     yesNo(s.Disqualified),
		by:       strings.Join(slices.Sorted(slices.Values(x.DisqualifiedBy)), ", "),
		rows:     make([]rowView, len(x.Contributions)),
	}
	for i, c := range x.Contributions {
		id := c.Criterion
		if c.MustHave {
			id += " (must)"
		}
		v.rows[i] = rowView{criterion: id, outcome: string(c.Outcome), credit: c.Credit.String(), points: c.Points.String()}
	}
	return v
}

func (v view) clone() view {
	c := v
	c.rows = slices.Clone(v.rows)
	return c
}

func gradeText(g fit.Grade) string {
	if g == "" {
		return "none"
	}
	return string(g)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// text renders the view, one fact a row; its cost is linear in the view.
func (v view) text() string {
	var b strings.Builder
	row := func(label, value string) { fmt.Fprintf(&b, "%-16s %s\n", label, value) }
	b.WriteString(v.head + "\n")
	row("score", v.score)
	row("grade", v.grade)
	row("coverage", v.coverage)
	row("low coverage", v.low)
	disq := v.disq
	if v.by != "" {
		disq += ", by " + v.by
	}
	row("disqualified", disq)
	if len(v.rows) > 0 {
		b.WriteString("criteria\n")
	}
	for _, r := range v.rows {
		fmt.Fprintf(&b, "  %-20s %-12s %-9s %s\n", r.criterion, r.outcome, r.credit, r.points)
		if r.reason != "" {
			fmt.Fprintf(&b, "    %s\n", r.reason)
		}
	}
	return b.String()
}
