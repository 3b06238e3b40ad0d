package processtest

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/process"
)

// Definitions are the workflow a scenario file pins down: a workflow
// definition (inline in the process package's JSON, kept in its own
// file, or one of the standard workflows by ID) and, for business-clock
// SLAs, a business calendar.
type Definitions struct {
	// Workflow is the workflow, as [process.ParseDefinition] reads it.
	Workflow *process.Definition `json:"workflow,omitempty" aka:"definition,process"`
	// WorkflowFile names a JSON file holding the workflow instead
	// ("workflows/dealreg.json").
	WorkflowFile string `json:"workflow_file,omitempty" aka:"workflow_path,definition_file"`
	// Standard names a standard workflow with its default options
	// ("deal_registration"; see [process.Standard]) instead.
	Standard string `json:"standard,omitempty" aka:"standard_workflow"`
	// Calendar is the business calendar, as [process.ParseCalendarDef]
	// reads it; its time_zone is loaded with [time.LoadLocation] (UTC when
	// it names none).
	Calendar *process.CalendarDef `json:"calendar,omitempty"`
	// CalendarFile names a JSON file holding the calendar instead.
	CalendarFile string `json:"calendar_file,omitempty" aka:"calendar_path"`
}

// Given is a history of triggers from the start: the instance is started
// with Start, then each step is applied in order at its instant (or, for
// an advance step, the SLA events due by then are fired). A step the
// workflow refuses leaves the instance as it was, and the next step
// applies to that.
type Given struct {
	// ID is the instance's ID; defaults to the case's ID.
	ID string `json:"id,omitempty" aka:"instance"`
	// Start starts the instance: its instant, actor, role, reason and
	// initial data (its event, if written, must be "start").
	Start Step `json:"start"`
	// Steps follow in order, at non-decreasing instants no later than
	// the case's.
	Steps []Step `json:"steps,omitzero" aka:"history,events,triggers"`
}

// Step is one trigger applied at an instant, or an advance: the SLA
// events due by its instant fired, as a nightly job or a timer would
// ([process.Workflow.Advance]).
type Step struct {
	// ID names the step in expectations (refused, effects); steps
	// without one are named by their 0-based position, as in paths.
	ID string `json:"id,omitempty"`
	// At is when the step happens: "2026-03-01" or an RFC 3339 time.
	At time.Time `json:"at"`
	// Advance fires the SLA events due by At instead of a trigger; the
	// trigger's fields are then left out.
	Advance bool `json:"advance,omitempty" aka:"tick,timer,sla"`
	// Event, Actor, Role, Reason, Data and ExpectVersion are the
	// trigger's ([process.Trigger]).
	Event         process.Event `json:"event,omitempty"`
	Actor         string        `json:"actor,omitempty" aka:"by,user"`
	Role          process.Role  `json:"role,omitempty"`
	Reason        string        `json:"reason,omitempty"`
	Data          process.Data  `json:"data,omitzero"`
	ExpectVersion int           `json:"expect_version,omitempty"`
}

// Trigger is the step's trigger.
func (s Step) Trigger() process.Trigger {
	return process.Trigger{Event: s.Event, Actor: s.Actor, Role: s.Role, Reason: s.Reason, Data: s.Data, ExpectVersion: s.ExpectVersion}
}

// Expect is what the instance must be at the case's instant, and what its
// history must have produced on the way. Every field is optional; a
// field left out is not checked.
type Expect struct {
	// Error expects starting the instance to fail with an error whose
	// text contains it. Without it, a failing start fails the case.
	Error string `json:"error,omitempty"`
	// State, Version and Entered are the instance's at the end.
	State   *process.State   `json:"state,omitempty"`
	Version *int             `json:"version,omitempty"`
	Entered *opstest.Instant `json:"entered,omitempty"`
	// Due is the current step's SLA due time, or "none".
	Due *opstest.Instant `json:"due,omitempty"`
	// Breached and Overdue are the current step's SLA status as of the
	// case's instant ([process.Workflow.Status]); Overdue is elapsed time
	// past the due time ("4h", "0s").
	Breached *bool          `json:"breached,omitempty"`
	Overdue  *time.Duration `json:"overdue,omitempty"`
	// Breaches is exactly the visits whose SLA was breached as of the
	// case's instant ([process.Workflow.Breaches]; [] for none), in order.
	Breaches []BreachExpect `json:"breaches,omitzero"`
	// Escalations is exactly the escalations due as of the case's
	// instant for the current step ([process.Workflow.Escalations]; []
	// for none), in order.
	Escalations []EscalationExpect `json:"escalations,omitzero"`
	// Pending is exactly the set of roles whose approval is pending
	// ([process.Workflow.PendingApprovals]).
	Pending []process.Role `json:"pending,omitzero" aka:"pending_approvals"`
	// Allowed is exactly the set of events the final state accepts.
	Allowed []process.Event `json:"allowed,omitzero"`
	// Data pins the instance's fields it names.
	Data process.Data `json:"data,omitzero"`
	// Refused is exactly the steps the workflow refuses, each with the
	// reason given. A step refused and not listed fails the case.
	Refused []RefusalExpect `json:"refused,omitzero" aka:"refusals,rejected"`
	// Effects pin the effects of the steps they name: for each step
	// named, exactly these effects, in order, each with the fields given.
	// Steps not named are not checked.
	Effects []EffectExpect `json:"effects,omitzero"`
	// History names a golden file holding the history as
	// [process.RenderHistory] renders it ("golden/dr-1.md"), Explanation
	// one holding [process.Workflow.Explain] as of the case's instant, SLA
	// one holding the SLA report ([process.RenderSteps] of
	// [process.Workflow.Steps]); relative to the scenario file's folder,
	// rewritten by -update.
	History     string `json:"history,omitempty"`
	Explanation string `json:"explanation,omitempty" aka:"explain,golden"`
	SLA         string `json:"sla,omitempty" aka:"steps,sla_report"`
}

// BreachExpect is one visit whose SLA was breached; the fields given are
// compared.
type BreachExpect struct {
	State   process.State    `json:"state"`
	Due     *opstest.Instant `json:"due,omitempty"`
	Overdue *time.Duration   `json:"overdue,omitempty"`
}

// EscalationExpect is one escalation due; the fields given are compared.
type EscalationExpect struct {
	Role process.Role     `json:"role"`
	At   *opstest.Instant `json:"at,omitempty"`
}

// RefusalExpect is one step the workflow must refuse.
type RefusalExpect struct {
	// Step is the step's ID (or its 0-based position, as a number in a
	// string: "3").
	Step string `json:"step" path:"key"`
	// Reason is the refusal's code: invalid_transition, guard_rejected,
	// not_approver, no_previous, version_conflict or wrong_workflow.
	Reason string `json:"reason,omitempty" aka:"code"`
	// Guards is exactly the labels of the guards that refused it.
	Guards []string `json:"guards,omitzero"`
	// Error is text the refusal's message must contain.
	Error string `json:"error,omitempty"`
}

// EffectExpect is one effect of a step; the fields given are compared.
type EffectExpect struct {
	// Step is the step's ID, "start", or its 0-based position ("3").
	Step string `json:"step" path:"key"`
	// Kind is notify, start_timer, cancel_timer, request_approval,
	// escalate, completed or remind.
	Kind  process.EffectKind `json:"kind,omitempty"`
	State process.State      `json:"state,omitempty"`
	Role  process.Role       `json:"role,omitempty"`
	Event process.Event      `json:"event,omitempty"`
	At    *opstest.Instant   `json:"at,omitempty"`
}

// File is a process scenario file; Case one of its cases, whose instant
// is the time the final instance is looked at (its SLA status, breaches
// and escalations).
type (
	File = opstest.File[Definitions, Given, Expect]
	Case = opstest.Case[Given, Expect]
)

func suite(opts []process.Option) opstest.Suite[Definitions, *process.Workflow, Given, Expect] {
	return opstest.Suite[Definitions, *process.Workflow, Given, Expect]{
		Compile:   func(files opstest.Files, d Definitions) (*process.Workflow, error) { return Compile(files, d, opts...) },
		CheckCase: CheckCase,
	}
}

// Run runs every process scenario file matching pattern
// ("testdata/*.json"): each file's workflow compiles once (with opts,
// which bind Go guards or give a calendar), each case is the subtest
// "FILE/CASE-ID". A failing case prints what did not match, then the
// expected and actual runs side by side, step by step. With -update,
// golden history, explanation and SLA files are rewritten.
func Run(t *testing.T, pattern string, opts ...process.Option) {
	t.Helper()
	suite(opts).Run(t, pattern)
}

// Check runs the scenario file data (named name) without touching the
// disk and returns the failures, as [Run] would report them; fsys holds
// the files the scenario names (workflow_file, calendar_file, golden
// files), relative to its folder, or is nil.
func Check(name string, data []byte, fsys fs.FS, opts ...process.Option) []opstest.Failure {
	return suite(opts).Check(name, data, fsys)
}

// Parse decodes a process scenario file strictly; name prefixes every
// problem's path. Files the definitions name are not read: [Load] reads
// them, and [Compile] with the files does.
func Parse(name string, data []byte) (File, error) {
	return opstest.Parse[Definitions, Given, Expect](name, data)
}

// Load reads and parses the scenario file at path, and reads the files
// its definitions name (relative to its folder) and the standard
// workflow it names into the definitions, so that they can be compiled
// or compared ([WhatIf]) on their own.
func Load(path string) (File, error) {
	return opstest.LoadResolved(path, Parse, Definitions.Resolve)
}

// Resolve returns the definitions with the files they name read into
// Workflow and Calendar, and a standard workflow they name copied into
// Workflow (the names cleared). Errors name the field and the file:
// workflow_file: testdata/dealreg.json: states[review].onwer: unknown
// field.
func (d Definitions) Resolve(files opstest.Files) (Definitions, error) {
	var probs partnerops.Problems
	n := 0
	for _, set := range []bool{d.Workflow != nil, d.WorkflowFile != "", d.Standard != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		probs.Add("workflow", "give one of workflow, workflow_file and standard", "")
		return Definitions{}, probs.Err()
	}
	switch {
	case d.WorkflowFile != "":
		w, err := opstest.Definition(files, "workflow_file", d.WorkflowFile, process.ParseDefinition)
		if err != nil {
			probs.Merge("", err)
		} else {
			d.Workflow, d.WorkflowFile = &w, ""
		}
	case d.Standard != "":
		var ids []string
		for _, s := range process.Standard() {
			if s.ID == d.Standard {
				d.Workflow, d.Standard = &s, ""
				break
			}
			ids = append(ids, s.ID)
		}
		if d.Workflow == nil {
			probs.Add("standard", "no standard workflow has this ID; the standard workflows are "+strings.Join(ids, ", "), d.Standard)
		}
	}
	if c, err := opstest.Resolve(files, "calendar", d.Calendar, d.CalendarFile, process.ParseCalendarDef); err != nil {
		probs.Merge("", err)
	} else {
		d.Calendar, d.CalendarFile = c, ""
	}
	if err := probs.Err(); err != nil {
		return Definitions{}, err
	}
	return d, nil
}

// Compile resolves the definitions and compiles the workflow with its
// calendar (the calendar's time_zone loaded with [time.LoadLocation]) and
// then opts. Problems carry paths relative to the definitions:
// workflow.states[review].sla.fire, calendar.holidays[0], or
// workflow_file (with the file and the path inside it).
func Compile(files opstest.Files, d Definitions, opts ...process.Option) (*process.Workflow, error) {
	wfFile, calFile := d.WorkflowFile, d.CalendarFile
	d, err := d.Resolve(files)
	if err != nil {
		return nil, err
	}
	var probs partnerops.Problems
	if d.Workflow == nil {
		probs.Add("workflow", "a scenario needs a workflow (workflow, workflow_file or standard)", "")
		return nil, probs.Err()
	}
	inFile := func(field, file string, err error) { probs.Merge("", files.CompileError(field, file, err)) }
	var all []process.Option
	if d.Calendar != nil {
		loc := time.UTC
		if tz := d.Calendar.TimeZone; tz != "" {
			if loc, err = time.LoadLocation(tz); err != nil {
				probs.Add(partnerops.JoinPath(calendarField(calFile), "time_zone"), "cannot load the time zone: "+err.Error(), tz)
				return nil, probs.Err()
			}
		}
		cal, err := process.NewBusinessCalendar(*d.Calendar, loc)
		if err != nil {
			inFile("calendar", calFile, err)
			return nil, probs.Err()
		}
		all = append(all, process.WithCalendar(cal))
	}
	w, err := process.Compile(*d.Workflow, append(all, opts...)...)
	if err != nil {
		inFile("workflow", wfFile, err)
		if d.Calendar == nil && strings.Contains(err.Error(), "WithCalendar") {
			probs.Add("calendar", "the workflow counts business time: give the scenario a calendar (calendar or calendar_file)", "")
		}
		return nil, probs.Err()
	}
	return w, nil
}

func calendarField(file string) string {
	if file != "" {
		return "calendar_file"
	}
	return "calendar"
}

// stepName names a step in messages and views: its ID, or its 0-based
// position.
func stepName(i int, s Step) string {
	if s.ID != "" {
		return s.ID
	}
	return fmt.Sprint(i)
}

// stepPath is the path of a step in the scenario.
func stepPath(i int, s Step) string {
	if s.ID != "" {
		return partnerops.Path("given", "steps", partnerops.Key(s.ID))
	}
	return partnerops.Path("given", "steps", i)
}

// validate checks the history a case gives: a start at an instant, steps
// at non-decreasing instants no later than the case's, each a trigger
// with an event or an advance with nothing else, IDs unique. Problems
// are paths in the case.
func validate(c Case) error {
	var probs partnerops.Problems
	g := c.Given
	if g.Start.At.IsZero() {
		probs.Add("given.start.at", `the start needs an instant, like "2026-03-01T09:00:00Z"`, "")
	}
	if g.Start.Event != "" && g.Start.Event != process.EventStart {
		probs.Add("given.start.event", `the start's event is "start"; leave it out`, string(g.Start.Event))
	}
	if g.Start.Advance || g.Start.ExpectVersion != 0 || g.Start.ID != "" {
		probs.Add("given.start", "the start takes at, actor, role, reason and data only", "")
	}
	if !c.At.IsZero() && g.Start.At.After(c.At) {
		probs.Add("given.start.at", "after the case's instant "+opstest.FormatTime(c.At), opstest.FormatTime(g.Start.At))
	}
	prev := g.Start.At
	seen := map[string]bool{}
	for i, s := range g.Steps {
		p := stepPath(i, s)
		switch {
		case s.ID == "start":
			probs.Add(partnerops.JoinPath(p, "id"), `"start" names the start`, s.ID)
		case s.ID != "" && seen[s.ID]:
			probs.Add(partnerops.JoinPath(p, "id"), "duplicate step id", s.ID)
		}
		seen[s.ID] = true
		switch {
		case s.At.IsZero():
			probs.Add(partnerops.JoinPath(p, "at"), `every step needs an instant, like "2026-03-01T09:00:00Z"`, "")
		case s.At.Before(prev):
			probs.Add(partnerops.JoinPath(p, "at"), "before the previous step's "+opstest.FormatTime(prev), opstest.FormatTime(s.At))
		case !c.At.IsZero() && s.At.After(c.At):
			probs.Add(partnerops.JoinPath(p, "at"), "after the case's instant "+opstest.FormatTime(c.At), opstest.FormatTime(s.At))
		}
		if !s.At.IsZero() {
			prev = s.At
		}
		switch {
		case s.Advance && (s.Event != "" || s.Actor != "" || s.Role != "" || s.Reason != "" || s.Data != nil || s.ExpectVersion != 0):
			probs.Add(p, "an advance step takes an id and an instant only", "")
		case !s.Advance && s.Event == "":
			probs.Add(partnerops.JoinPath(p, "event"), "every step needs an event (or advance: true)", "")
		}
	}
	return probs.Err()
}

// stepRefs finds the steps that references name: "start" (-1), a
// step's ID, or the 0-based position of a step without one.
type stepRefs map[string]int

func refsOf(g Given) stepRefs {
	r := make(stepRefs, len(g.Steps)+1)
	for i, s := range g.Steps {
		if s.ID != "" {
			r[s.ID] = i
		} else {
			r[fmt.Sprint(i)] = i
		}
	}
	r["start"] = -1
	return r
}

// index returns the step ref names; ok is false when none matches.
func (r stepRefs) index(ref string) (int, bool) {
	i, ok := r[ref]
	return i, ok
}
