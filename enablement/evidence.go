package enablement

import (
	"slices"
	"time"

	"github.com/partnerops/partnerops"
)

// smallEvidence is the size up to which a person's lists are scanned
// rather than indexed: a scan of a handful of entries is cheaper than a
// map, and the cost stays bounded (at most smallEvidence steps a lookup).
const smallEvidence = 8

// evidence is one person's facts as seen at one time, indexed once so that
// checking every course, exam, module and certification costs a lookup
// each: the evaluation is linear in the person's completions, attempts and
// awards, however many modules or certifications ask about them. Lists of
// at most smallEvidence entries are scanned instead (no allocation).
type evidence struct {
	p  *Person
	at time.Time
	// done holds the earliest completion at or before at of each item,
	// when the person has more than smallEvidence completions.
	done map[string]time.Time
	// exams holds the attempts at or before at of each exam, when the
	// person has more than smallEvidence attempts.
	exams map[ExamID][]int32
	// held holds the award that decides each certification (the latest
	// earned at or before at, the first of equals), when the person has
	// more than smallEvidence awards.
	held map[CertificationID]int32
}

// newEvidence indexes p's facts at at.
func newEvidence(p *Person, at time.Time) evidence {
	ev := evidence{p: p, at: at}
	if len(p.Completed) > smallEvidence {
		ev.done = make(map[string]time.Time, len(p.Completed))
		for k := range p.Completed {
			c := &p.Completed[k]
			if c.At.After(at) {
				continue
			}
			if best, ok := ev.done[c.Item]; !ok || c.At.Before(best) {
				ev.done[c.Item] = c.At
			}
		}
	}
	if len(p.Exams) > smallEvidence {
		ev.exams = make(map[ExamID][]int32)
		for k := range p.Exams {
			if r := &p.Exams[k]; !r.At.After(at) && validScore(r.Score) {
				ev.exams[r.Exam] = append(ev.exams[r.Exam], int32(k))
			}
		}
	}
	if len(p.Certifications) > smallEvidence {
		ev.held = make(map[CertificationID]int32, len(p.Certifications))
		for k := range p.Certifications {
			h := &p.Certifications[k]
			if h.Earned.IsZero() || h.Earned.After(at) {
				continue
			}
			if j, ok := ev.held[h.Certification]; !ok || h.Earned.After(p.Certifications[j].Earned) {
				ev.held[h.Certification] = int32(k)
			}
		}
	}
	return ev
}

// completedAt returns the earliest completion at or before the evidence
// time of item, or of alt when alt is not empty.
func (ev *evidence) completedAt(item, alt string) (time.Time, bool) {
	if ev.done != nil {
		best, ok := ev.done[item]
		if alt != "" {
			if t, ok2 := ev.done[alt]; ok2 && (!ok || t.Before(best)) {
				best, ok = t, true
			}
		}
		return best, ok
	}
	var best time.Time
	found := false
	for k := range ev.p.Completed {
		c := &ev.p.Completed[k]
		if (c.Item != item && (alt == "" || c.Item != alt)) || c.At.After(ev.at) {
			continue
		}
		if !found || c.At.Before(best) {
			best, found = c.At, true
		}
	}
	return best, found
}

// examResult returns the earliest passing attempt at or before the
// evidence time (zero when none passed), the best score, and whether there
// was any attempt. Attempts whose score is not a valid percentage from 0
// to 100 are ignored ([Engine.ValidatePerson] reports them).
func (ev *evidence) examResult(ex *Exam) (passed time.Time, best partnerops.Percent, tried bool) {
	visit := func(r *ExamResult) {
		if !tried || r.Score.Cmp(best) > 0 {
			best = r.Score
		}
		tried = true
		if r.Score.Cmp(ex.PassMark) >= 0 && (passed.IsZero() || r.At.Before(passed)) {
			passed = r.At
		}
	}
	if ev.exams != nil {
		for _, k := range ev.exams[ex.ID] {
			visit(&ev.p.Exams[k])
		}
		return passed, best, tried
	}
	for k := range ev.p.Exams {
		r := &ev.p.Exams[k]
		if r.Exam != ex.ID || r.At.After(ev.at) || !validScore(r.Score) {
			continue
		}
		visit(r)
	}
	return passed, best, tried
}

// award returns the index in the person's awards of the one that decides
// certification id (the latest earned at or before the evidence time, the
// first of equals), or -1.
func (ev *evidence) award(id CertificationID) int {
	if ev.held != nil {
		if k, ok := ev.held[id]; ok {
			return int(k)
		}
		return -1
	}
	return latestAward(ev.p.Certifications, id, ev.at)
}

// latestAward scans awards for the one that decides certification id at
// at: the latest earned at or before at, the first of equals; -1 if none.
func latestAward(awards []HeldCertification, id CertificationID, at time.Time) int {
	held := -1
	for k := range awards {
		h := &awards[k]
		if h.Certification != id || h.Earned.IsZero() || h.Earned.After(at) {
			continue
		}
		if held < 0 || h.Earned.After(awards[held].Earned) {
			held = k
		}
	}
	return held
}

// validScore reports whether a score is a valid percentage from 0 to 100,
// checking its range before comparing it (a hostile decimal such as
// 1e-2147483648 would otherwise make the comparison itself unbounded).
func validScore(p partnerops.Percent) bool {
	return p.Decimal().Validate() == nil && p.Between(percent0, percent100)
}

// percentText quotes a percent in an error: its text when it is in range,
// and only its exponent's verdict otherwise (the text of 1e-2147483648
// alone would be two gigabytes).
func percentText(p partnerops.Percent) string {
	if err := p.Decimal().Validate(); err != nil {
		return "a decimal out of range"
	}
	return clip(p.String())
}

var (
	percent0   = partnerops.PercentFromInt(0)
	percent100 = partnerops.PercentFromInt(100)
)

// sortedTimes returns ts sorted, copying only when ts is out of order.
func sortedTimes(ts []time.Time) []time.Time {
	if slices.IsSortedFunc(ts, time.Time.Compare) {
		return ts
	}
	out := slices.Clone(ts)
	slices.SortStableFunc(out, time.Time.Compare)
	return out
}
