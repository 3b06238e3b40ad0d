package enablement

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// Certification defines a credential a person earns by completing courses,
// passing exams and holding prerequisite certifications, and keeps by
// renewing it.
//
// Validity is how long it lasts from the day it is earned (zero: it never
// expires, as fundamentals often do). The renewal window opens
// RenewalWindow before expiry (that is also when it is "expiring soon");
// a renewal inside the window or the grace period extends it by Validity
// from the current expiry, not from the renewal day. GracePeriod runs
// after expiry; GraceCounts says whether the certification still counts
// toward requirements during grace. See [Span] for the date arithmetic.
type Certification struct {
	ID   CertificationID   `json:"id"`
	Name string            `json:"name"`
	Kind CertificationKind `json:"kind"`
	// Roles are the roles the certification is meant for; empty means
	// every role. Recommendations to close a tier gap suggest it only to
	// people of these roles; any role may hold it, and it counts for
	// requirements whatever the holder's role.
	Roles []Role `json:"roles,omitempty"`
	// Motions the certification qualifies a person for; empty means every
	// motion.
	Motions []partnerops.Motion `json:"motions,omitempty"`
	// Products the certification covers; empty means none in particular.
	Products []string `json:"products,omitempty"`

	// Courses are catalog assets that must be completed.
	Courses []AssetID `json:"courses,omitempty" aka:"required_courses,course"`
	// Exams must each be passed with a score of at least the pass mark.
	Exams []Exam `json:"exams,omitempty"`
	// Prerequisites are certifications that must count (be held and
	// current) at the time asked about.
	Prerequisites []CertificationID `json:"prerequisites,omitempty" aka:"requires,prereqs"`

	Validity      Span `json:"validity,omitzero" aka:"valid_for,duration,expiry"`
	RenewalWindow Span `json:"renewal_window,omitzero" aka:"renewal,renewal_period"`
	GracePeriod   Span `json:"grace_period,omitzero" aka:"grace"`
	GraceCounts   bool `json:"grace_counts,omitempty"`
}

// Exam is an exam a certification requires, with its pass mark (a
// percentage from 0 to 100; a score equal to the pass mark passes).
type Exam struct {
	ID       ExamID             `json:"id"`
	Name     string             `json:"name,omitempty"`
	PassMark partnerops.Percent `json:"pass_mark" aka:"passing_score,pass_score,passing_mark"`
}

func (c Certification) clone() Certification {
	c.Roles = slices.Clone(c.Roles)
	c.Motions = slices.Clone(c.Motions)
	c.Products = slices.Clone(c.Products)
	c.Courses = slices.Clone(c.Courses)
	c.Exams = slices.Clone(c.Exams)
	c.Prerequisites = slices.Clone(c.Prerequisites)
	return c
}

// Person is one person at a partner, with the evidence of their learning:
// completed catalog items and learning-path modules, exam results, and
// the certifications awarded to them.
type Person struct {
	ID      PersonID             `json:"id"`
	Partner partnerops.PartnerID `json:"partner"`
	Role    Role                 `json:"role"`
	// Completed lists completed items: asset IDs or learning-path module
	// IDs.
	Completed []Completion `json:"completed,omitempty" aka:"completions,completed_items"`
	// Exams lists exam attempts, passed or not.
	Exams []ExamResult `json:"exams,omitempty"`
	// Certifications lists certifications awarded, with their renewals.
	Certifications []HeldCertification `json:"certifications,omitempty" aka:"awards,certificates"`
}

// Completion records that a person completed an item (an asset ID or a
// learning-path module ID) at a time.
type Completion struct {
	Item string    `json:"item"`
	At   time.Time `json:"at"`
}

// ExamResult records one exam attempt and its score in percent.
type ExamResult struct {
	Exam  ExamID             `json:"exam"`
	Score partnerops.Percent `json:"score"`
	At    time.Time          `json:"at"`
}

// HeldCertification records that a certification was awarded on Earned
// and renewed on the Renewed dates, in chronological order. A renewal
// outside the current cycle's renewal window and grace period is ignored
// (it cannot revive an expired certification: that takes a new award).
type HeldCertification struct {
	Certification CertificationID `json:"certification"`
	Earned        time.Time       `json:"earned"`
	Renewed       []time.Time     `json:"renewed,omitempty" aka:"renewals"`
}

// CertState is the state of a person's certification at a time. The zero
// value is not a state.
type CertState uint8

// Certification states. Never reordered; new states are appended.
const (
	// CertStateNotStarted: not held, no requirement met, no exam tried.
	CertStateNotStarted CertState = iota + 1
	// CertStateInProgress: not held; some requirements met or an exam
	// attempted.
	CertStateInProgress
	// CertStateActive: held and not yet in the renewal window.
	CertStateActive
	// CertStateExpiringSoon: held and inside the renewal window.
	CertStateExpiringSoon
	// CertStateInGrace: expired, inside the grace period.
	CertStateInGrace
	// CertStateExpired: expired and past the grace period.
	CertStateExpired
)

var certStateNames = [...]string{"", "not_started", "in_progress", "active", "expiring_soon", "in_grace", "expired"}

// String returns the state's name ("expiring_soon").
func (s CertState) String() string {
	if s >= 1 && int(s) < len(certStateNames) {
		return certStateNames[s]
	}
	return fmt.Sprintf("cert_state(%d)", uint8(s))
}

// MarshalText encodes the state's name.
func (s CertState) MarshalText() ([]byte, error) {
	if s < 1 || int(s) >= len(certStateNames) {
		return nil, errorf("encoding certification state %d: %w", uint8(s), ErrUnknownValue)
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a state's name.
func (s *CertState) UnmarshalText(b []byte) error {
	for i := 1; i < len(certStateNames); i++ {
		if string(b) == certStateNames[i] {
			*s = CertState(i)
			return nil
		}
	}
	return errorf("parsing certification state %q: %w", truncate(string(b), 40), ErrUnknownValue)
}

// CertStatus is a person's standing on one certification at a time, with
// the exact dates. All date intervals are half-open: the certification
// is active on [Earned, RenewalOpens), expiring soon on [RenewalOpens,
// Expires), in grace on [Expires, GraceEnds) and expired from GraceEnds
// on. Expires, RenewalOpens and GraceEnds are zero when it never expires
// or is not held.
type CertStatus struct {
	Certification CertificationID `json:"certification"`
	Person        PersonID        `json:"person"`
	At            time.Time       `json:"at"`
	State         CertState       `json:"state"`
	// Derived is true when the certification is not in the person's
	// awards but every requirement is met: Earned is then the day the last
	// requirement was met.
	Derived      bool      `json:"derived,omitempty"`
	Earned       time.Time `json:"earned,omitzero"`
	Expires      time.Time `json:"expires,omitzero"`
	RenewalOpens time.Time `json:"renewal_opens,omitzero"`
	GraceEnds    time.Time `json:"grace_ends,omitzero"`
	Renewals     int       `json:"renewals,omitempty"`
	// Counts reports whether the certification counts toward requirements
	// at At, and CountsUntil until when (zero: indefinitely).
	Counts      bool      `json:"counts"`
	CountsUntil time.Time `json:"counts_until,omitzero"`
	// Steps lists every requirement with its progress; Done of Total are
	// met.
	Steps []Step `json:"steps"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// StepKind says what a certification requirement is.
type StepKind string

// Step kinds.
const (
	StepCourse       StepKind = "course"
	StepExam         StepKind = "exam"
	StepPrerequisite StepKind = "prerequisite"
)

// Step is the progress on one requirement of a certification.
type Step struct {
	Kind StepKind  `json:"kind"`
	ID   string    `json:"id"`
	Done bool      `json:"done"`
	At   time.Time `json:"at,omitzero"`
	// Detail explains an exam ("best score 82% against pass mark 70%")
	// or a prerequisite's state.
	Detail string `json:"detail,omitempty"`
}

// certification is a compiled certification.
type certification struct {
	def      Certification
	prereqs  []int
	motions  uint64 // bit per engine motion index; all bits when def.Motions is empty
	products []int  // indexes into Engine.products
}

func (c *certification) requirements() int {
	return len(c.def.Courses) + len(c.def.Exams) + len(c.def.Prerequisites)
}

// certEval is the allocation-free core of a status.
type certEval struct {
	state                                   CertState
	derived                                 bool
	earned, expires, renewalOpens, graceEnd time.Time
	renewals, done                          int
}

// counts reports whether the certification counts toward requirements,
// and until when (zero: indefinitely).
func (c *certification) counts(ev *certEval) (bool, time.Time) {
	switch ev.state {
	case CertStateActive, CertStateExpiringSoon:
	case CertStateInGrace:
		if !c.def.GraceCounts {
			return false, time.Time{}
		}
	default:
		return false, time.Time{}
	}
	if c.def.Validity.IsZero() {
		return true, time.Time{}
	}
	if c.def.GraceCounts {
		return true, ev.graceEnd
	}
	return true, ev.expires
}

// cycles walks the renewal cycles of an award earned on earned, applying
// the renewals dated at or before at, and returns the current cycle's
// expiry, when its renewal window opens and how many renewals applied.
//
// The rule (see [Certification]): cycle k expires at X(k), Validity after
// X(k-1) (X(-1) being the award). Its renewal window is [X(k) -
// RenewalWindow, X(k) + GracePeriod), except that it never opens before
// the previous cycle's window closed (X(k-1) + GracePeriod; for the first
// cycle, the award), so the windows of successive cycles never overlap.
// Renewals are taken in date order: one inside the current window starts
// the next cycle; one before it is ignored; one after it is too late (the
// certification lapsed, and only a new award revives it), and so is every
// later one. So at most one renewal applies per window, and renewals on
// consecutive days cannot stack.
//
// The window that is open last is computed only when withOpens is set
// (the requirement path needs the expiry alone).
func (c *certification) cycles(earned time.Time, renewed []time.Time, at time.Time, withOpens bool) (exp, opens time.Time, n int) {
	d := &c.def
	exp = d.Validity.AddTo(earned)
	floor := earned
	for _, r := range sortedTimes(renewed) {
		if r.After(at) {
			break
		}
		if opens.IsZero() {
			opens = laterOf(d.RenewalWindow.SubFrom(exp), floor)
		}
		if r.Before(opens) {
			continue
		}
		closes := d.GracePeriod.AddTo(exp)
		if !r.Before(closes) {
			break
		}
		exp = d.Validity.AddTo(exp)
		floor, opens = closes, time.Time{}
		n++
	}
	if withOpens {
		opens = laterOf(d.RenewalWindow.SubFrom(exp), floor)
	}
	return exp, opens, n
}

func laterOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

// cycle fills the dates and state of a certification earned on earned
// and renewed on the given dates, as seen at at.
func (c *certification) cycle(ev *certEval, earned time.Time, renewed []time.Time, at time.Time) {
	ev.earned = earned
	d := &c.def
	if d.Validity.IsZero() {
		ev.state = CertStateActive
		return
	}
	exp, opens, n := c.cycles(earned, renewed, at, true)
	ev.renewals = n
	ev.expires = exp
	ev.renewalOpens = opens
	ev.graceEnd = d.GracePeriod.AddTo(exp)
	switch {
	case at.Before(ev.renewalOpens):
		ev.state = CertStateActive
	case at.Before(exp):
		ev.state = CertStateExpiringSoon
	case at.Before(ev.graceEnd):
		ev.state = CertStateInGrace
	default:
		ev.state = CertStateExpired
	}
}

// heldCounts is the fast path of evalCert followed by counts for an award
// earned at or before at: it reports whether the award counts at at and
// until when (zero: indefinitely), computing only the dates that decide it.
func (c *certification) heldCounts(h *HeldCertification, at time.Time) (bool, time.Time) {
	d := &c.def
	if d.Validity.IsZero() {
		return true, time.Time{}
	}
	var until time.Time
	if len(h.Renewed) == 0 {
		until = d.Validity.AddTo(h.Earned)
	} else {
		until, _, _ = c.cycles(h.Earned, h.Renewed, at, false)
	}
	if d.GraceCounts {
		until = d.GracePeriod.AddTo(until)
	}
	return at.Before(until), until
}

// evalCert computes person p's standing on certification ci at at. When
// steps is not nil, it also appends the progress on every requirement.
func (e *Engine) evalCert(ci int, p *Person, at time.Time, steps *[]Step) certEval {
	ev := newEvidence(p, at)
	return e.evalCertMemo(ci, &ev, steps, nil)
}

// evalCertMemo is evalCert on indexed evidence, with a memo of
// prerequisite evaluations (indexed by certification; state 0 means not
// yet computed), allocated on first use, so that shared prerequisites are
// evaluated once per person and a deep prerequisite graph costs time
// linear in its size.
func (e *Engine) evalCertMemo(ci int, evd *evidence, steps *[]Step, memo *[]certEval) certEval {
	c := &e.certs[ci]
	p, at := evd.p, evd.at
	var ev certEval
	held := evd.award(c.def.ID)
	if held >= 0 && steps == nil {
		h := &p.Certifications[held]
		c.cycle(&ev, h.Earned, h.Renewed, at)
		return ev
	}

	// Requirements: courses, exams, prerequisites.
	var last time.Time
	mark := func(kind StepKind, id string, done bool, when time.Time, detail string) {
		if done {
			ev.done++
			if when.After(last) {
				last = when
			}
		}
		if steps != nil {
			*steps = append(*steps, Step{Kind: kind, ID: id, Done: done, At: when, Detail: detail})
		}
	}
	for _, course := range c.def.Courses {
		when, ok := evd.completedAt(string(course), "")
		mark(StepCourse, string(course), ok, when, "")
	}
	attempted := false
	for k := range c.def.Exams {
		ex := &c.def.Exams[k]
		when, best, tried := evd.examResult(ex)
		attempted = attempted || tried
		detail := ""
		if steps != nil && tried {
			detail = fmt.Sprintf("best score %s against pass mark %s", best, ex.PassMark)
		}
		mark(StepExam, string(ex.ID), !when.IsZero(), when, detail)
	}
	if len(c.prereqs) > 0 && memo == nil {
		memo = new([]certEval)
	}
	for _, pi := range c.prereqs {
		if *memo == nil {
			*memo = make([]certEval, len(e.certs))
		}
		if (*memo)[pi].state == 0 {
			(*memo)[pi] = e.evalCertMemo(pi, evd, nil, memo)
		}
		pev := (*memo)[pi]
		ok, _ := e.certs[pi].counts(&pev)
		detail := ""
		if steps != nil {
			detail = pev.state.String()
		}
		mark(StepPrerequisite, string(e.certs[pi].def.ID), ok, pev.earned, detail)
	}

	switch {
	case held >= 0:
		h := &p.Certifications[held]
		done := ev.done
		c.cycle(&ev, h.Earned, h.Renewed, at)
		ev.done = done
	case ev.done == c.requirements() && ev.done > 0:
		done := ev.done
		c.cycle(&ev, last, nil, at)
		ev.derived, ev.done = true, done
	case ev.done > 0 || attempted:
		ev.state = CertStateInProgress
	default:
		ev.state = CertStateNotStarted
	}
	return ev
}

// CertificationStatus returns person p's standing on certification id at
// at: the state, the exact dates and the progress on every requirement.
// An unknown certification gives an error wrapping
// [ErrUnknownCertification].
//
// A certification in the person's awards ([Person.Certifications]) is held
// from its latest award at or before at, whatever the requirements say.
// One not awarded is derived from the requirements: when every course,
// exam and prerequisite is met at at, it counts as earned on the day the
// last one was met (without renewals); otherwise it is in progress (some
// requirement met, or an exam attempted) or not started.
func (e *Engine) CertificationStatus(p Person, id CertificationID, at time.Time) (CertStatus, error) {
	ci, ok := e.certIdx[id]
	if !ok {
		return CertStatus{}, errorf("certification %q: %w", clip(string(id)), ErrUnknownCertification)
	}
	steps := []Step{}
	ev := e.evalCert(ci, &p, at, &steps)
	return e.certStatus(ci, &p, at, &ev, steps), nil
}

func (e *Engine) certStatus(ci int, p *Person, at time.Time, ev *certEval, steps []Step) CertStatus {
	c := &e.certs[ci]
	counts, until := c.counts(ev)
	return CertStatus{
		Certification: c.def.ID, Person: p.ID, At: at, State: ev.state, Derived: ev.derived,
		Earned: ev.earned, Expires: ev.expires, RenewalOpens: ev.renewalOpens, GraceEnds: ev.graceEnd,
		Renewals: ev.renewals, Counts: counts, CountsUntil: until,
		Steps: steps, Done: ev.done, Total: c.requirements(),
	}
}

// CertificationStatuses returns p's status on every certification they
// hold or have started, in certification ID order.
func (e *Engine) CertificationStatuses(p Person, at time.Time) []CertStatus {
	out := []CertStatus{}
	evd := newEvidence(&p, at)
	var memo []certEval
	for _, ci := range e.certOrder {
		steps := []Step{}
		ev := e.evalCertMemo(ci, &evd, &steps, &memo)
		if ev.state == CertStateNotStarted {
			continue
		}
		out = append(out, e.certStatus(ci, &p, at, &ev, steps))
	}
	return out
}

// Certification returns a copy of the definition of certification id.
func (e *Engine) Certification(id CertificationID) (Certification, error) {
	ci, ok := e.certIdx[id]
	if !ok {
		return Certification{}, errorf("certification %q: %w", clip(string(id)), ErrUnknownCertification)
	}
	return e.certs[ci].def.clone(), nil
}

func validateCertification(pr partnerops.Program, c *Certification, path func(parts ...any) string, probs *partnerops.Problems,
	warns *partnerops.Warnings, spans map[int][2]int) {
	if c.ID == "" {
		probs.Add(path("id"), "must not be empty", "")
	}
	if strings.TrimSpace(c.Name) == "" {
		probs.Add(path("name"), "must not be empty", "")
	}
	if !c.Kind.Valid() {
		probs.Add(path("kind"), "must be fundamentals, role_based or specialization", clip(string(c.Kind)))
	}
	for j, r := range c.Roles {
		if !r.Valid() {
			probs.Add(path("roles", j), "must be sales, presales, technical or marketing", clip(string(r)))
		}
	}
	for j, m := range c.Motions {
		if !pr.ValidMotion(m) {
			probs.Add(path("motions", j), "must be a common motion or one the program declares", clip(string(m)))
		}
	}
	checkTags(path, "products", c.Products, probs)
	seen := map[ExamID]int{}
	for j := range c.Exams {
		ex := &c.Exams[j]
		key := elem(string(ex.ID), j)
		if ex.ID == "" {
			probs.Add(path("exams", key, "id"), "must not be empty", "")
		} else if k, dup := seen[ex.ID]; dup {
			probs.Add(path("exams", key, "id"), duplicateRule("exams", k, j), clip(string(ex.ID)))
		} else {
			seen[ex.ID] = j
		}
		switch {
		case !validScore(ex.PassMark):
			probs.Add(path("exams", key, "pass_mark"), `must be a percent from 0 to 100 ("70" is 70%)`, percentText(ex.PassMark))
		case ex.PassMark.IsZero():
			warns.Add(path("exams", key, "pass_mark"), "a pass mark of 0: every attempt passes", ex.PassMark.String())
		case ex.PassMark.Cmp(partnerops.PercentFromInt(1)) < 0:
			warns.Add(path("exams", key, "pass_mark"),
				`a pass mark below 1%: percents are in percent units ("0.7" is 0.7%; write "70" for 70%)`, ex.PassMark.String())
		}
	}
	valid := true
	for _, s := range []struct {
		name string
		span Span
	}{{"validity", c.Validity}, {"renewal_window", c.RenewalWindow}, {"grace_period", c.GracePeriod}} {
		if !s.span.Valid() {
			probs.Add(path(s.name), "must be a non-negative span within bounds", fmt.Sprintf("%+v", s.span))
			valid = false
		}
	}
	if c.Validity.IsZero() && (!c.RenewalWindow.IsZero() || !c.GracePeriod.IsZero()) {
		probs.Add(path("validity"), "a renewal window or grace period needs a validity", "")
		valid = false
	}
	if c.GraceCounts && c.GracePeriod.IsZero() {
		probs.Add(path("grace_counts"), "needs a grace period", "")
	}
	if !valid || c.Validity.IsZero() {
		return
	}
	// The renewal window and the grace period must be shorter than the
	// validity on every date, so that a window never opens before the
	// cycle it renews began and a renewal in grace always leads to a
	// current certification.
	vLo, _ := c.Validity.dayRange(false, spans)
	for _, s := range []struct {
		name     string
		span     Span
		backward bool
	}{{"renewal_window", c.RenewalWindow, true}, {"grace_period", c.GracePeriod, false}} {
		if s.span.IsZero() {
			continue
		}
		if _, hi := s.span.dayRange(s.backward, spans); hi >= vLo {
			probs.Addf(path(s.name), s.span.String(),
				"must be shorter than the validity on every date: %s can span %d days, and the validity %s as few as %d",
				s.span, hi, c.Validity, vLo)
		}
	}
	if nominalDays(c.RenewalWindow)+nominalDays(c.GracePeriod) > nominalDays(c.Validity) {
		warns.Add(path("renewal_window"), fmt.Sprintf(
			"the renewal window (%s) and the grace period (%s) together outlast the validity (%s): each window opens only when the previous grace period ends",
			c.RenewalWindow, c.GracePeriod, c.Validity), c.RenewalWindow.String())
	}
}

// nominalDays is the average length of s in days times 4800 (a month is
// 146097/4800 days on average), for comparing spans as authors read them.
func nominalDays(s Span) int64 {
	return int64(s.Years*12+s.Months)*146097 + int64(s.Days)*4800
}
