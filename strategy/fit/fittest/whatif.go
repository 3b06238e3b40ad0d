package fittest

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/strategy/fit"
)

// Report is what a new version of a fit model changes over the same
// accounts: the accounts whose score, grade or flags differ, how many
// change grade, rise or fall, and whose rank among the cases moved ("12
// accounts change grade, 3 drop out of A").
type Report struct {
	opstest.WhatIf
	// Regraded counts the accounts whose grade changed (a score that
	// loses its grade to low coverage or disqualification included).
	Regraded int `json:"regraded"`
	// Up and Down count the accounts whose score rose or fell.
	Up   int `json:"up"`
	Down int `json:"down"`
	// Ranks lists the accounts whose rank among the cases changed, in
	// case order: ranks count from 1 for the best qualified score (ties
	// broken by ID, as [fit.Model.ScoreBatch] ranks); 0 for an account
	// not ranked (disqualified, low coverage, or failing).
	Ranks []RankMove `json:"ranks,omitempty"`
	// Broken counts the accounts that scored before and fail now (an
	// attribute the new model does not declare, say); Fixed the reverse.
	Broken int `json:"broken,omitempty"`
	Fixed  int `json:"fixed,omitempty"`
}

// RankMove is one account whose rank changed.
type RankMove struct {
	CaseID string `json:"case_id"`
	Before int    `json:"before"`
	After  int    `json:"after"`
}

// WhatIf scores every case's entity under the models before and after
// (with opts, which bind predicates) and reports what changed, account by
// account and in counts. Each outcome's summary is the score
// ("88.23 (A, coverage 85.00%)") and its flags are "grade X" (for a
// qualified score, as a batch's distribution counts grades),
// "disqualified" and "low coverage", so the report counts the accounts
// that drop out of a grade or reach one. The definitions must be inline
// or already resolved ([Load], [Definitions.Resolve]); either failing to
// compile is the error. An entity that fails under a version is reported
// as that version's outcome. The cost is two explanations per case and
// two rankings (n log n).
func WhatIf(before, after Definitions, cases []Case, opts ...fit.Option) (Report, error) {
	mb, err := Compile(opstest.Files{}, before, opts...)
	if err != nil {
		return Report{}, fmt.Errorf("fittest: the model before: %w", err)
	}
	ma, err := Compile(opstest.Files{}, after, opts...)
	if err != nil {
		return Report{}, fmt.Errorf("fittest: the model after: %w", err)
	}
	xb, errB, rb := scoreAll(mb, cases)
	xa, errA, ra := scoreAll(ma, cases)
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	rep := Report{WhatIf: opstest.Compare(ids,
		func(i int) opstest.Outcome { return outcome(xb[i], errB[i]) },
		func(i int) opstest.Outcome { return outcome(xa[i], errA[i]) })}
	for i, c := range cases {
		if rb[i] != ra[i] {
			rep.Ranks = append(rep.Ranks, RankMove{CaseID: c.ID, Before: rb[i], After: ra[i]})
		}
		switch {
		case errB[i] != nil && errA[i] != nil:
		case errB[i] != nil:
			rep.Fixed++
		case errA[i] != nil:
			rep.Broken++
		default:
			sb, sa := xb[i].Score, xa[i].Score
			if sb.Grade != sa.Grade || sb.LowCoverage != sa.LowCoverage || sb.Disqualified != sa.Disqualified {
				rep.Regraded++
			}
			switch {
			case sa.Hundredths() > sb.Hundredths():
				rep.Up++
			case sa.Hundredths() < sb.Hundredths():
				rep.Down++
			}
		}
	}
	return rep, nil
}

// scoreAll explains every case's entity with m and ranks the qualified
// ones as [fit.Model.ScoreBatch] does.
func scoreAll(m *fit.Model, cases []Case) ([]fit.Explanation, []error, []int) {
	k := kinds(m)
	xs := make([]fit.Explanation, len(cases))
	errs := make([]error, len(cases))
	ents := make([]fit.Entity, 0, len(cases))
	at := make([]int, 0, len(cases)) // case index of each entity
	for i, c := range cases {
		e, err := entity(m, k, c)
		if err != nil {
			errs[i] = err
			continue
		}
		if xs[i], errs[i] = m.Explain(&e); errs[i] != nil {
			continue
		}
		ents = append(ents, e)
		at = append(at, i)
	}
	ranks := make([]int, len(cases))
	if len(ents) == 0 {
		return xs, errs, ranks
	}
	b, err := m.ScoreBatch(ents, fit.BatchOptions{TopN: len(ents), Percentiles: []int{50}})
	if err != nil {
		return xs, errs, ranks // entities of this model: cannot happen
	}
	for _, r := range b.Top {
		ranks[at[r.Index]] = r.Rank
	}
	return xs, errs, ranks
}

// outcome reduces an explanation to what a reviewer compares.
func outcome(x fit.Explanation, err error) opstest.Outcome {
	if err != nil {
		return opstest.Outcome{Err: partnerops.StripPrefixes(err.Error())}
	}
	s := x.Score
	o := opstest.Outcome{Summary: s.String(), Explanation: x.Text()}
	if s.Grade != "" && !s.Disqualified {
		o.Flags = append(o.Flags, "grade "+string(s.Grade)) // a disqualified score's lowest grade is not counted, as in a batch's distribution
	}
	if s.Disqualified {
		o.Flags = append(o.Flags, "disqualified")
	}
	if s.LowCoverage {
		o.Flags = append(o.Flags, "low coverage")
	}
	return o
}

// Headline says what the change does in one line: "this change moves 14
// of 40 accounts (5 up, 9 down); 12 change grade: 3 drop out of A, 2
// move into B; 1 now disqualified; 6 change rank".
func (r Report) Headline() string {
	var b strings.Builder
	fmt.Fprintf(&b, "this change moves %d of %d %s", len(r.Changed), r.Cases, plural(r.Cases, "account"))
	var parts []string
	if r.Up > 0 {
		parts = append(parts, fmt.Sprintf("%d up", r.Up))
	}
	if r.Down > 0 {
		parts = append(parts, fmt.Sprintf("%d down", r.Down))
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	if r.Regraded > 0 {
		fmt.Fprintf(&b, "; %d %s grade", r.Regraded, verb(r.Regraded, "changes", "change"))
		var moves []string
		for _, f := range r.FlagChanges {
			g, ok := strings.CutPrefix(f.Flag, "grade ")
			if !ok {
				continue
			}
			if f.Lost > 0 {
				moves = append(moves, fmt.Sprintf("%d %s out of %s", f.Lost, verb(f.Lost, "drops", "drop"), g))
			}
			if f.Gained > 0 {
				moves = append(moves, fmt.Sprintf("%d %s into %s", f.Gained, verb(f.Gained, "moves", "move"), g))
			}
		}
		if len(moves) > 0 {
			b.WriteString(": " + strings.Join(moves, ", "))
		}
	}
	for _, f := range r.FlagChanges {
		if strings.HasPrefix(f.Flag, "grade ") {
			continue
		}
		if f.Gained > 0 {
			fmt.Fprintf(&b, "; %d now %s", f.Gained, f.Flag)
		}
		if f.Lost > 0 {
			fmt.Fprintf(&b, "; %d no longer %s", f.Lost, f.Flag)
		}
	}
	if len(r.Ranks) > 0 {
		fmt.Fprintf(&b, "; %d %s rank", len(r.Ranks), verb(len(r.Ranks), "changes", "change"))
	}
	if r.Broken > 0 {
		fmt.Fprintf(&b, "; %d fail now", r.Broken)
	}
	if r.Fixed > 0 {
		fmt.Fprintf(&b, "; %d score now that failed before", r.Fixed)
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Text renders the headline, then the comparison: grade counts before
// and after, each changed account before and after, and the rank moves.
func (r Report) Text() string {
	_, rest, _ := strings.Cut(r.WhatIf.Text(), "\n")
	var b strings.Builder
	b.WriteString(r.Headline() + "\n" + rest)
	if len(r.Ranks) > 0 {
		b.WriteString("ranks (before -> after):\n")
		for _, m := range r.Ranks {
			fmt.Fprintf(&b, "  %s: %s -> %s\n", m.CaseID, rankText(m.Before), rankText(m.After))
		}
	}
	return b.String()
}

func rankText(r int) string {
	if r == 0 {
		return "unranked"
	}
	return fmt.Sprintf("#%d", r)
}

// Markdown renders the headline in bold, then a table of the changed
// accounts.
func (r Report) Markdown() string {
	_, rest, _ := strings.Cut(r.WhatIf.Markdown(), "\n\n")
	return "**" + r.Headline() + "**\n\n" + rest
}
