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
	// Roles are the roles the certification is meant for (used by
	// recommendations; any role may hold it).
	Roles []Role `json:"roles,omitempty"`
	// Motions the certification qualifies a person for; empty means every
	// motion.
	Motions []partnerops.Motion `json:"motions,omitempty"`
	// Products the certification covers; empty means none in particular.
	Products []string `json:"products,omitempty"`

	// Courses are catalog assets that must be completed.
	Courses []AssetID `json:"courses,omitempty"`
	// Exams must each be passed with a score of at least the pass mark.
	Exams []Exam `json:"exams,omitempty"`
	// Prerequisites are certifications that must count (be held and
	// current) at the time asked about.
	Prerequisites []CertificationID `json:"prerequisites,omitempty"`

	Validity      Span `json:"validity,omitzero"`
	RenewalWindow Span `json:"renewal_window,omitzero"`
	GracePeriod   Span `json:"grace_period,omitzero"`
	GraceCounts   bool `json:"grace_counts,omitempty"`
}

// Exam is an exam a certification requires, with its pass mark (a
// percentage from 0 to 100; a score equal to the pass mark passes).
type Exam struct {
	ID       ExamID             `json:"id"`
	Name     string             `json:"name,omitempty"`
	PassMark partnerops.Percent `json:"pass_mark"`
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
	Completed []Completion `json:"completed,omitempty"`
	// Exams lists exam attempts, passed or not.
	Exams []ExamResult `json:"exams,omitempty"`
	// Certifications lists certifications awarded, with their renewals.
	Certifications []HeldCertification `json:"certifications,omitempty"`
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
	Renewed       []time.Time     `json:"renewed,omitempty"`
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
		return nil, fmt.Errorf("enablement: encoding certification state %d: %w", uint8(s), ErrUnknownValue)
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
	return fmt.Errorf("enablement: parsing certification state %q: %w", truncate(string(b), 40), ErrUnknownValue)
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

// expiry returns the expiry of an award earned on earned after the
// renewals dated at or before at, and how many renewals applied. A renewal
// applies when it falls in [expiry - RenewalWindow, expiry + GracePeriod)
// of the cycle it renews, and moves the expiry by Validity.
func (c *certification) expiry(earned time.Time, renewed []time.Time, at time.Time) (time.Time, int) {
	d := &c.def
	exp, n := d.Validity.AddTo(earned), 0
	for _, r := range renewed {
		if r.After(at) {
			continue
		}
		if !r.Before(d.RenewalWindow.SubFrom(exp)) && r.Before(d.GracePeriod.AddTo(exp)) {
			exp = d.Validity.AddTo(exp)
			n++
		}
	}
	return exp, n
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
	exp, n := c.expiry(earned, renewed, at)
	ev.renewals = n
	ev.expires = exp
	ev.renewalOpens = d.RenewalWindow.SubFrom(exp)
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
	until, _ := c.expiry(h.Earned, h.Renewed, at)
	if d.GraceCounts {
		until = d.GracePeriod.AddTo(until)
	}
	return at.Before(until), until
}

// evalCert computes person p's standing on certification ci at at. When
// steps is not nil, it also appends the progress on every requirement.
func (e *Engine) evalCert(ci int, p *Person, at time.Time, steps *[]Step) certEval {
	return e.evalCertMemo(ci, p, at, steps, nil)
}

// evalCertMemo is evalCert with a memo of prerequisite evaluations
// (indexed by certification; state 0 means not yet computed), allocated
// on first use, so that shared prerequisites are evaluated once per
// person and a deep prerequisite graph costs time linear in its size.
func (e *Engine) evalCertMemo(ci int, p *Person, at time.Time, steps *[]Step, memo *[]certEval) certEval {
	c := &e.certs[ci]
	var ev certEval
	held := -1
	for k := range p.Certifications {
		h := &p.Certifications[k]
		if h.Certification != c.def.ID || h.Earned.IsZero() || h.Earned.After(at) {
			continue
		}
		if held < 0 || h.Earned.After(p.Certifications[held].Earned) {
			held = k
		}
	}
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
		when, ok := completedAt(p, string(course), "", at)
		mark(StepCourse, string(course), ok, when, "")
	}
	attempted := false
	for _, ex := range c.def.Exams {
		when, best, tried := examResult(p, ex, at)
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
			(*memo)[pi] = e.evalCertMemo(pi, p, at, nil, memo)
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

// completedAt returns the earliest completion at or before at of item (or
// of alt when alt is not empty).
func completedAt(p *Person, item, alt string, at time.Time) (time.Time, bool) {
	var best time.Time
	for k := range p.Completed {
		c := &p.Completed[k]
		if (c.Item != item && (alt == "" || c.Item != alt)) || c.At.After(at) {
			continue
		}
		if best.IsZero() || c.At.Before(best) {
			best = c.At
		}
	}
	return best, !best.IsZero()
}

// examResult returns the earliest passing attempt at or before at (zero
// when none passed), the best score, and whether there was any attempt.
func examResult(p *Person, ex Exam, at time.Time) (passed time.Time, best partnerops.Percent, tried bool) {
	for k := range p.Exams {
		r := &p.Exams[k]
		if r.Exam != ex.ID || r.At.After(at) {
			continue
		}
		if !tried || r.Score.Cmp(best) > 0 {
			best = r.Score
		}
		tried = true
		if r.Score.Cmp(ex.PassMark) >= 0 && (passed.IsZero() || r.At.Before(passed)) {
			passed = r.At
		}
	}
	return passed, best, tried
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
		return CertStatus{}, fmt.Errorf("enablement: certification %q: %w", string(id), ErrUnknownCertification)
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
	for _, ci := range e.certOrder {
		steps := []Step{}
		ev := e.evalCert(ci, &p, at, &steps)
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
		return Certification{}, fmt.Errorf("enablement: certification %q: %w", string(id), ErrUnknownCertification)
	}
	return e.certs[ci].def.clone(), nil
}

func validateCertification(pr partnerops.Program, c *Certification, path func(string) string, probs *partnerops.Problems) {
	if c.ID == "" {
		probs.Add(path("id"), "must not be empty", "")
	}
	if strings.TrimSpace(c.Name) == "" {
		probs.Add(path("name"), "must not be empty", "")
	}
	if !c.Kind.Valid() {
		probs.Add(path("kind"), "must be fundamentals, role_based or specialization", string(c.Kind))
	}
	for j, r := range c.Roles {
		if !r.Valid() {
			probs.Add(path(fmt.Sprintf("roles[%d]", j)), "must be sales, presales, technical or marketing", string(r))
		}
	}
	for j, m := range c.Motions {
		if !pr.ValidMotion(m) {
			probs.Add(path(fmt.Sprintf("motions[%d]", j)), "must be a common motion or one the program declares", string(m))
		}
	}
	checkTags(path("products"), c.Products, probs)
	seen := map[ExamID]int{}
	for j, ex := range c.Exams {
		p := path(fmt.Sprintf("exams[%d]", j))
		if ex.ID == "" {
			probs.Add(partnerops.JoinPath(p, "id"), "must not be empty", "")
		} else if k, dup := seen[ex.ID]; dup {
			probs.Addf(partnerops.JoinPath(p, "id"), string(ex.ID), "duplicate of exams[%d]", k)
		} else {
			seen[ex.ID] = j
		}
		if !ex.PassMark.Between(partnerops.PercentFromInt(0), partnerops.PercentFromInt(100)) {
			probs.Add(partnerops.JoinPath(p, "pass_mark"), "must be between 0 and 100", ex.PassMark.String())
		}
	}
	for _, s := range []struct {
		name string
		span Span
	}{{"validity", c.Validity}, {"renewal_window", c.RenewalWindow}, {"grace_period", c.GracePeriod}} {
		if !s.span.Valid() {
			probs.Add(path(s.name), "must be a non-negative span within bounds", fmt.Sprintf("%+v", s.span))
		}
	}
	if c.Validity.IsZero() && (!c.RenewalWindow.IsZero() || !c.GracePeriod.IsZero()) {
		probs.Add(path("validity"), "a renewal window or grace period needs a validity", "")
	}
	if c.GraceCounts && c.GracePeriod.IsZero() {
		probs.Add(path("grace_counts"), "needs a grace period", "")
	}
}
