package pricingtest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/pricing"
)

// Report is what a new version of the books or the framework changes:
// the cases whose price, approval or error differ, the net totals per
// currency before and after, and the approval moves a deal desk counts
// before it publishes ("this change moves 37 quotes, 2 need VP approval
// now").
type Report struct {
	opstest.WhatIf
	// Cheaper and Dearer count the quotes whose net total fell or rose.
	Cheaper int `json:"cheaper"`
	Dearer  int `json:"dearer"`
	// Escalated counts, per approval level, the quotes that need that
	// level now and needed a lower one (or none) before; Relaxed counts,
	// per level, the quotes that needed it before and need a lower one
	// now. Levels rank as in the new framework's approval matrix (then
	// the old one's; levels in neither rank above both, by name).
	Escalated []LevelCount `json:"escalated,omitempty"`
	Relaxed   []LevelCount `json:"relaxed,omitempty"`
	// Broken counts the quotes that priced before and fail now; Fixed
	// the reverse.
	Broken int `json:"broken,omitempty"`
	Fixed  int `json:"fixed,omitempty"`
}

// LevelCount is how many quotes moved to or from an approval level.
type LevelCount struct {
	Level pricing.ApprovalLevel `json:"level"`
	Count int                   `json:"count"`
}

// WhatIf prices every case's quote at its instant under the definitions
// before and after (typically two versions of a framework over the same
// books) and reports what changed, case by case and in totals. The
// definitions must be inline or already resolved ([Load] resolves the
// files a scenario names; [Definitions.Resolve] does it for others);
// either failing to compile is the error. A quote that fails to price
// under a version is reported as that version's outcome, not as an
// error. The cost is two pricings per case plus sorting the levels.
func WhatIf(before, after Definitions, cases []Case) (Report, error) {
	eb, err := Compile(opstest.Files{}, before)
	if err != nil {
		return Report{}, fmt.Errorf("pricingtest: the definitions before: %w", err)
	}
	ea, err := Compile(opstest.Files{}, after)
	if err != nil {
		return Report{}, fmt.Errorf("pricingtest: the definitions after: %w", err)
	}
	rank := levelRanks(after.Framework, before.Framework)
	ids := make([]string, len(cases))
	rb := make([]*pricing.Result, len(cases))
	ra := make([]*pricing.Result, len(cases))
	errB := make([]error, len(cases))
	errA := make([]error, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
		rb[i], errB[i] = eb.Price(c.Given, c.At)
		ra[i], errA[i] = ea.Price(c.Given, c.At)
	}
	rep := Report{WhatIf: opstest.Compare(ids,
		func(i int) opstest.Outcome { return outcome(rb[i], errB[i]) },
		func(i int) opstest.Outcome { return outcome(ra[i], errA[i]) })}
	esc, rel := map[pricing.ApprovalLevel]int{}, map[pricing.ApprovalLevel]int{}
	for i := range cases {
		switch b, a := rb[i], ra[i]; {
		case b == nil && a == nil:
		case b == nil:
			rep.Fixed++
		case a == nil:
			rep.Broken++
		default:
			if c, err := a.NetTotal.Cmp(b.NetTotal); err == nil && c < 0 {
				rep.Cheaper++
			} else if err == nil && c > 0 {
				rep.Dearer++
			}
			switch rb, ra := rank(b.Approval), rank(a.Approval); {
			case ra.less(rb):
				rel[b.Approval]++
			case rb.less(ra):
				esc[a.Approval]++
			}
		}
	}
	rep.Escalated, rep.Relaxed = levelCounts(esc, rank), levelCounts(rel, rank)
	return rep, nil
}

// outcome reduces a priced quote to what a reviewer compares.
func outcome(r *pricing.Result, err error) opstest.Outcome {
	if err != nil {
		return opstest.Outcome{Err: partnerops.StripPrefixes(err.Error())}
	}
	o := opstest.Outcome{
		Summary:     fmt.Sprintf("net %s (%s off)", r.NetTotal.StringFixed(), r.EffectiveDiscount),
		Explanation: r.Text(),
		Amount:      r.NetTotal,
	}
	if r.Approval != "" {
		o.Flags = []string{"approval: " + string(r.Approval)}
	}
	return o
}

// levelRank orders approval levels: none first, then the matrix's
// levels in order, then unknown levels by name.
type levelRank struct {
	pos  int
	name pricing.ApprovalLevel
}

func (a levelRank) less(b levelRank) bool {
	if a.pos != b.pos {
		return a.pos < b.pos
	}
	return a.name < b.name
}

func levelRanks(frameworks ...*pricing.Framework) func(pricing.ApprovalLevel) levelRank {
	pos := map[pricing.ApprovalLevel]int{}
	n := 0
	for _, fw := range frameworks {
		if fw == nil {
			continue
		}
		for _, a := range fw.Approvals {
			if _, ok := pos[a.Level]; !ok {
				n++
				pos[a.Level] = n
			}
		}
	}
	return func(l pricing.ApprovalLevel) levelRank {
		if l == "" {
			return levelRank{}
		}
		if p, ok := pos[l]; ok {
			return levelRank{pos: p}
		}
		return levelRank{pos: n + 1, name: l}
	}
}

func levelCounts(m map[pricing.ApprovalLevel]int, rank func(pricing.ApprovalLevel) levelRank) []LevelCount {
	if len(m) == 0 {
		return nil
	}
	out := make([]LevelCount, 0, len(m))
	for l, c := range m {
		out = append(out, LevelCount{Level: l, Count: c})
	}
	slices.SortFunc(out, func(a, b LevelCount) int {
		ra, rb := rank(a.Level), rank(b.Level)
		if c := cmp.Compare(ra.pos, rb.pos); c != 0 {
			return -c // the highest level first
		}
		return cmp.Compare(a.Level, b.Level)
	})
	return out
}

// Headline says what the change does in one line: "this change moves 3
// of 12 quotes (2 cheaper, 1 dearer); 2 need vp approval now; 1 no
// longer needs manager approval".
func (r Report) Headline() string {
	noun := "quotes"
	if r.Cases == 1 {
		noun = "quote"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "this change moves %d of %d %s", len(r.Changed), r.Cases, noun)
	var parts []string
	if r.Cheaper > 0 {
		parts = append(parts, fmt.Sprintf("%d cheaper", r.Cheaper))
	}
	if r.Dearer > 0 {
		parts = append(parts, fmt.Sprintf("%d dearer", r.Dearer))
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	for _, e := range r.Escalated {
		verb := "need"
		if e.Count == 1 {
			verb = "needs"
		}
		fmt.Fprintf(&b, "; %d %s %s approval now", e.Count, verb, e.Level)
	}
	for _, e := range r.Relaxed {
		verb := "need"
		if e.Count == 1 {
			verb = "needs"
		}
		fmt.Fprintf(&b, "; %d no longer %s %s approval", e.Count, verb, e.Level)
	}
	if r.Broken > 0 {
		fmt.Fprintf(&b, "; %d fail to price now", r.Broken)
	}
	if r.Fixed > 0 {
		fmt.Fprintf(&b, "; %d price now that failed before", r.Fixed)
	}
	return b.String()
}

// Text renders the headline, then the comparison: net totals per
// currency, approval counts, and each changed quote before and after.
func (r Report) Text() string {
	_, rest, _ := strings.Cut(r.WhatIf.Text(), "\n") // its headline counts what ours does
	return r.Headline() + "\n" + rest
}

// Markdown renders the headline in bold, then a table of the changed
// quotes.
func (r Report) Markdown() string {
	_, rest, _ := strings.Cut(r.WhatIf.Markdown(), "\n\n")
	return "**" + r.Headline() + "**\n\n" + rest
}
