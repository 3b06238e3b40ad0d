package enablementtest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"github.com/partnerops/partnerops/opstest"
)

// compliance evaluates the case's partner with e at the case's instant.
func compliance(e *enablement.Engine, c Case) (enablement.Compliance, error) {
	return e.Compliance(c.Given.Partner, c.Given.People, c.At)
}

// validate checks that the people a case gives are the partner's: a
// person of another partner would be left out silently.
func validate(c Case) error {
	var probs partnerops.Problems
	for i, p := range c.Given.People {
		if p.Partner != "" && p.Partner != c.Given.Partner.ID {
			path := partnerops.Path("given", "people", i)
			if p.ID != "" {
				path = partnerops.Path("given", "people", partnerops.Key(string(p.ID)))
			}
			probs.Add(partnerops.JoinPath(path, "partner"), fmt.Sprintf("not the given partner %q: the person would not count; leave it out", c.Given.Partner.ID), string(p.Partner))
		}
	}
	return probs.Err()
}

// CheckCase evaluates the case's partner with e at the case's instant and
// compares its compliance with the case's expectations. The error lists
// every mismatch with its path ("expect.gaps[gold-sales].have: got 1,
// want 2"), then the expected and actual compliance side by side; a
// golden compliance text that differs is shown side by side with the
// new text. Under [Run] with -update the golden file is rewritten
// instead.
func CheckCase(files opstest.Files, e *enablement.Engine, c Case) error {
	if err := validate(c); err != nil {
		return err
	}
	x := c.Expect
	var mm opstest.Mismatches
	comp, err := compliance(e, c)
	if err != nil {
		switch {
		case x.Error == "":
			return fmt.Errorf("compliance failed: %s", partnerops.StripPrefixes(err.Error()))
		case !strings.Contains(err.Error(), x.Error):
			mm.Addf("expect.error", "got %q, want an error containing %q", err, x.Error)
		}
		return mm.Err("", "", "", "")
	}
	if x.Error != "" {
		mm.Addf("expect.error", "no error, want an error containing %q", x.Error)
	}
	got := actualView(comp)
	want := got.clone()
	if x.Met != nil && *x.Met != comp.Met {
		mm.Addf("expect.met", "got %t, want %t", comp.Met, *x.Met)
		want.met = yesNo(*x.Met)
	}
	if x.FallsOutAt != nil && !x.FallsOutAt.Matches(comp.FallsOutAt) {
		mm.Addf("expect.falls_out_at", "got %s, want %s", opstest.FormatTime(comp.FallsOutAt), x.FallsOutAt)
		want.fallsOut = x.FallsOutAt.String()
	}
	if x.NextTier != nil && *x.NextTier != comp.NextTier {
		mm.Addf("expect.next_tier", "got %q, want %q", comp.NextTier, *x.NextTier)
		want.next = tierText(*x.NextTier)
	}
	if x.NextTierMet != nil && *x.NextTierMet != comp.NextTierMet {
		mm.Addf("expect.next_tier_met", "got %t, want %t", comp.NextTierMet, *x.NextTierMet)
		want.nextMet = yesNo(*x.NextTierMet)
	}
	byKey := make(map[string]int, len(comp.Requirements))
	for i, r := range comp.Requirements {
		byKey[key(r.Requirement, r.Motion)] = i
	}
	for i, re := range x.Requirements {
		p := reqPath("requirements", i, re)
		n, ok := byKey[key(re.Requirement, re.Motion)]
		if !ok {
			mm.Addf(p, "the %s tier has no requirement %s", tierText(comp.Tier), name(re.Requirement, re.Motion))
			continue
		}
		checkRequirement(&mm, p, re, comp.Requirements[n], &want.reqs[n])
	}
	if x.Gaps != nil {
		want.gaps, got.gaps = checkGaps(&mm, x.Gaps, comp.NextTierGaps, got.gaps)
	}
	var details []string
	if x.Compliance != "" {
		if err := files.Golden(x.Compliance, []byte(comp.Text())); err != nil {
			details = append(details, "expect.compliance: "+err.Error())
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

func key(id enablement.RequirementID, m partnerops.Motion) string {
	return string(id) + "\x00" + string(m)
}

func name(id enablement.RequirementID, m partnerops.Motion) string {
	if m == "" {
		return string(id)
	}
	return fmt.Sprintf("%s (%s)", id, m)
}

// reqPath names an expectation by its requirement (and motion).
func reqPath(list string, i int, re RequirementExpect) string {
	switch {
	case re.Requirement == "":
		return partnerops.Path("expect", list, i)
	case re.Motion != "":
		return partnerops.Path("expect", list, partnerops.Key(string(re.Requirement)+"/"+string(re.Motion)))
	}
	return partnerops.Path("expect", list, partnerops.Key(string(re.Requirement)))
}

func checkRequirement(mm *opstest.Mismatches, p string, re RequirementExpect, r enablement.RequirementResult, want *reqView) {
	ints := []struct {
		field string
		want  *int
		got   int
		view  *int
	}{{"have", re.Have, r.Have, &want.have}, {"required", re.Required, r.Required, &want.required}, {"gap", re.Gap, r.Gap, &want.gap}}
	for _, f := range ints {
		if f.want != nil && *f.want != f.got {
			mm.Addf(p+"."+f.field, "got %d, want %d", f.got, *f.want)
			*f.view = *f.want
		}
	}
	if re.Met != nil && *re.Met != r.Met {
		mm.Addf(p+".met", "got %t, want %t", r.Met, *re.Met)
		want.met = *re.Met
	}
	if re.FallsOutAt != nil && !re.FallsOutAt.Matches(r.FallsOutAt) {
		mm.Addf(p+".falls_out_at", "got %s, want %s", opstest.FormatTime(r.FallsOutAt), re.FallsOutAt)
		want.until = re.FallsOutAt.String()
	}
	set(mm, p+".people", re.People, r.People, &want.people)
	set(mm, p+".renew", re.Renew, r.Renew, &want.renew)
	set(mm, p+".certifications", re.Certifications, r.Certifications, &want.certs)
	set(mm, p+".assets", re.Assets, r.Assets, &want.assets)
}

// set compares an expected set of IDs (nil: not checked) with got.
func set[T ~string](mm *opstest.Mismatches, p string, want, got []T, view *string) {
	if want == nil {
		return
	}
	w, g := sortedText(want), sortedText(got)
	if w != g {
		mm.Addf(p, "got [%s], want [%s]", g, w)
		*view = listText(w)
	}
}

func sortedText[T ~string](ids []T) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	slices.Sort(s)
	return strings.Join(s, ", ")
}

func listText(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// checkGaps compares the next tier's gaps as a set keyed by requirement
// and motion, and the fields each expectation gives; it returns the
// expected and actual rows aligned: the actual gaps in order, each with
// its expectation or a blank, then the expected gaps the partner does
// not have.
func checkGaps(mm *opstest.Mismatches, want []RequirementExpect, got []enablement.RequirementResult, gv []reqView) ([]reqView, []reqView) {
	byKey := make(map[string]int, len(want))
	for i, w := range want {
		byKey[key(w.Requirement, w.Motion)] = i
	}
	var ws, gs []reqView
	var extra, missing []string
	matched := make([]bool, len(want))
	for i, g := range got {
		k := key(g.Requirement, g.Motion)
		n, ok := byKey[k]
		if !ok {
			extra = append(extra, name(g.Requirement, g.Motion))
			ws, gs = append(ws, reqView{}), append(gs, gv[i])
			continue
		}
		matched[n] = true
		v := gv[i]
		checkRequirement(mm, reqPath("gaps", n, want[n]), want[n], g, &v)
		ws, gs = append(ws, v), append(gs, gv[i])
	}
	for i, w := range want {
		if matched[i] {
			continue
		}
		missing = append(missing, name(w.Requirement, w.Motion))
		ws, gs = append(ws, expectedOnly(w)), append(gs, reqView{})
	}
	if len(missing) > 0 {
		mm.Addf("expect.gaps", "no gap for %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		mm.Addf("expect.gaps", "gaps not expected: %s", strings.Join(extra, ", "))
	}
	return ws, gs
}

func expectedOnly(w RequirementExpect) reqView {
	v := reqView{name: name(w.Requirement, w.Motion), have: -1, required: -1, gap: -1, until: "?", people: "?", renew: "?", certs: "?", assets: "?"}
	if w.Have != nil {
		v.have = *w.Have
	}
	if w.Required != nil {
		v.required = *w.Required
	}
	if w.Gap != nil {
		v.gap = *w.Gap
	}
	if w.Met != nil {
		v.met = *w.Met
	}
	if w.FallsOutAt != nil {
		v.until = w.FallsOutAt.String()
	}
	for _, f := range []struct {
		set  bool
		text string
		view *string
	}{{w.People != nil, sortedText(w.People), &v.people}, {w.Renew != nil, sortedText(w.Renew), &v.renew},
		{w.Certifications != nil, sortedText(w.Certifications), &v.certs}, {w.Assets != nil, sortedText(w.Assets), &v.assets}} {
		if f.set {
			*f.view = listText(f.text)
		}
	}
	return v
}

// view is a compliance reduced to what a scenario can pin, one fact a
// row, so that the expected and actual views line up side by side.
type view struct {
	head, met, fallsOut, next, nextMet string
	reqs, gaps                         []reqView
}

type reqView struct {
	name                string
	have, required, gap int
	met                 bool
	until               string
	people, renew       string
	certs, assets       string
}

func actualView(c enablement.Compliance) view {
	v := view{
		head:     fmt.Sprintf("%s (%s) at %s", c.Partner, tierText(c.Tier), opstest.FormatTime(c.At)),
		met:      yesNo(c.Met),
		fallsOut: opstest.FormatTime(c.FallsOutAt),
		next:     tierText(c.NextTier),
		nextMet:  yesNo(c.NextTierMet),
		reqs:     make([]reqView, len(c.Requirements)),
		gaps:     make([]reqView, len(c.NextTierGaps)),
	}
	for i, r := range c.Requirements {
		v.reqs[i] = reqRow(r)
	}
	for i, r := range c.NextTierGaps {
		v.gaps[i] = reqRow(r)
	}
	return v
}

func reqRow(r enablement.RequirementResult) reqView {
	return reqView{
		name: name(r.Requirement, r.Motion), have: r.Have, required: r.Required, gap: r.Gap, met: r.Met,
		until:  opstest.FormatTime(r.FallsOutAt),
		people: listText(sortedText(r.People)), renew: listText(sortedText(r.Renew)),
		certs: listText(sortedText(r.Certifications)), assets: listText(sortedText(r.Assets)),
	}
}

func (v view) clone() view {
	c := v
	c.reqs = slices.Clone(v.reqs)
	c.gaps = slices.Clone(v.gaps)
	return c
}

func tierText(t partnerops.Tier) string {
	if t == "" {
		return "none"
	}
	return string(t)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func count(n int) string {
	if n < 0 {
		return "?"
	}
	return fmt.Sprint(n)
}

// text renders the view, one fact a row; its cost is linear in the view.
func (v view) text() string {
	var b strings.Builder
	row := func(label, value string) { fmt.Fprintf(&b, "%-16s %s\n", label, value) }
	req := func(r reqView, gap bool) {
		if r.name == "" {
			b.WriteString("\n\n\n")
			return
		}
		status := "met"
		if !r.met {
			status = "gap " + count(r.gap)
		}
		fmt.Fprintf(&b, "  %-24s %s/%s %s\n", r.name, count(r.have), count(r.required), status)
		if gap {
			fmt.Fprintf(&b, "    certifications %s\n    assets         %s\n", r.certs, r.assets)
			return
		}
		fmt.Fprintf(&b, "    people %s, until %s\n    renew  %s\n", r.people, r.until, r.renew)
	}
	b.WriteString(v.head + "\n")
	row("met", v.met)
	row("falls out at", v.fallsOut)
	if len(v.reqs) > 0 {
		b.WriteString("requirements\n")
	}
	for _, r := range v.reqs {
		req(r, false)
	}
	row("next tier", v.next)
	row("next tier met", v.nextMet)
	if len(v.gaps) > 0 {
		b.WriteString("gaps\n")
	}
	for _, r := range v.gaps {
		req(r, true)
	}
	return b.String()
}
