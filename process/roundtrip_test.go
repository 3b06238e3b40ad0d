package process_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
	"pgregory.net/rapid"
)

// roundTrip encodes x, decodes it into a new T and checks that the result
// equals x (cmp, which uses Equal methods; an empty list and a missing one
// are the same, as omitempty makes them; wrapped sentinels compare by identity)
// and encodes to the same bytes.
func roundTrip[T any](t *rapid.T, what string, x T) T {
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatalf("encoding %s: %v", what, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("decoding %s: %v\n%s", what, err, b)
	}
	if diff := cmp.Diff(x, back, cmpopts.EquateEmpty(), sameError); diff != "" {
		t.Fatalf("%s round trip (-want +got):\n%s\n%s", what, diff, b)
	}
	b2, err := json.Marshal(back)
	if err != nil || string(b2) != string(b) {
		t.Fatalf("%s re-encodes differently:\n%s\n%s", what, b, b2)
	}
	return back
}

var zones = []*time.Location{time.UTC, time.FixedZone("", -5*3600), time.FixedZone("IST", 5*3600+1800)}

func drawTime(t *rapid.T, label string) time.Time {
	sec := rapid.Int64Range(-2_000_000_000, 6_000_000_000).Draw(t, label+"_sec")
	ns := rapid.SampledFrom([]int64{0, 0, 1, 500_000_000, 999_999_999}).Draw(t, label+"_ns")
	return time.Unix(sec, ns).In(rapid.SampledFrom(zones).Draw(t, label+"_zone"))
}

func drawValue(t *rapid.T, label string) process.Value {
	switch rapid.IntRange(0, 3).Draw(t, label+"_kind") {
	case 0:
		return process.String(rapid.String().Draw(t, label+"_string"))
	case 1:
		coef := rapid.Int64().Draw(t, label+"_coef")
		exp := rapid.Int32Range(-partnerops.MaxDecimalScale, 10).Draw(t, label+"_exp")
		v, err := process.Number(partnerops.NewDecimal(coef, exp))
		if err != nil {
			return process.Int(coef)
		}
		return v
	case 2:
		return process.Bool(rapid.Bool().Draw(t, label+"_bool"))
	}
	return process.Time(drawTime(t, label))
}

// TestPropertyValueRoundTrip: every Value decodes from its JSON to an
// equal Value that renders the same text.
func TestPropertyValueRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := drawValue(t, "v")
		back := roundTrip(t, "value", v)
		if back.String() != v.String() || back.Kind() != v.Kind() {
			t.Fatalf("renders %s, want %s", back.String(), v.String())
		}
		roundTrip(t, "data", process.Data{"a": v, "b": drawValue(t, "w")})
	})
}

var names = []string{"s0", "s1", "s2", "s3", "s4", "s5"}

func drawGuards(t *rapid.T, label string) []process.Guard {
	var gs []process.Guard
	for i := range rapid.IntRange(0, 2).Draw(t, label) {
		l := fmt.Sprintf("%s_%d", label, i)
		g := process.Guard{Not: rapid.Bool().Draw(t, l+"_not")}
		if rapid.Bool().Draw(t, l+"_named") {
			g.Name = rapid.StringMatching(`[a-z ]{1,12}`).Draw(t, l+"_name")
		}
		if !rapid.Bool().Draw(t, l+"_go") {
			g.Field = rapid.SampledFrom([]string{"deal_value", "region", "amount"}).Draw(t, l+"_field")
			g.Op = rapid.SampledFrom([]process.Op{process.OpEq, process.OpNe, process.OpGe, process.OpExists}).Draw(t, l+"_op")
			if g.Op != process.OpExists {
				g.Value = drawValue(t, l+"_value")
			}
		}
		gs = append(gs, g)
	}
	return gs
}

func drawDuration(t *rapid.T, label string) process.Duration {
	return process.Duration(rapid.Int64Range(0, int64(20*365*24*time.Hour)).Draw(t, label))
}

// drawDefinition draws a definition, valid or not: the round trip holds
// for whatever the decoder accepts.
func drawDefinition(t *rapid.T) process.Definition {
	d := process.Definition{
		ID:      rapid.StringMatching(`[a-z_]{0,10}`).Draw(t, "id"),
		Name:    rapid.String().Draw(t, "name"),
		Version: rapid.IntRange(0, 9).Draw(t, "version"),
		Initial: process.State(rapid.SampledFrom(names).Draw(t, "initial")),
	}
	for i, n := range names[:rapid.IntRange(1, len(names)).Draw(t, "states")] {
		l := fmt.Sprintf("state%d", i)
		s := process.StateDef{Name: process.State(n), Terminal: rapid.Bool().Draw(t, l+"_terminal"),
			PausesSLA: rapid.Bool().Draw(t, l+"_pauses"), Description: rapid.String().Draw(t, l+"_desc")}
		if rapid.Bool().Draw(t, l+"_owned") {
			s.Owner = process.Role(rapid.StringMatching(`[a-z_]{1,8}`).Draw(t, l+"_owner"))
		}
		if rapid.Bool().Draw(t, l+"_sla") {
			sla := process.SLA{
				Clock:        rapid.SampledFrom([]process.Clock{"", process.ClockCalendar, process.ClockBusiness}).Draw(t, l+"_clock"),
				Anchor:       rapid.SampledFrom([]process.Anchor{"", process.AnchorEntered, process.AnchorPreviousDue}).Draw(t, l+"_anchor"),
				EscalateTo:   process.Role(rapid.SampledFrom([]string{"", "director"}).Draw(t, l+"_esc")),
				Fire:         process.Event(rapid.SampledFrom([]string{"", "expire"}).Draw(t, l+"_fire")),
				RemindBefore: drawDuration(t, l+"_remind"),
			}
			if rapid.Bool().Draw(t, l+"_days") {
				sla.Days = rapid.IntRange(0, 400).Draw(t, l+"_ndays")
			} else {
				sla.Duration = drawDuration(t, l+"_dur")
			}
			for j := range rapid.IntRange(0, 2).Draw(t, l+"_levels") {
				sla.Escalations = append(sla.Escalations, process.Escalation{After: drawDuration(t, fmt.Sprintf("%s_after%d", l, j)), To: "vp"})
			}
			s.SLA = &sla
		}
		if rapid.Bool().Draw(t, l+"_approval") {
			a := process.Approval{Event: "approve", Mode: rapid.SampledFrom([]process.ApprovalMode{"", process.ApprovalSequential, process.ApprovalParallel}).Draw(t, l+"_mode")}
			for j, r := range []process.Role{"manager", "director"}[:rapid.IntRange(0, 2).Draw(t, l+"_steps")] {
				a.Steps = append(a.Steps, process.ApprovalStep{Role: r, When: drawGuards(t, fmt.Sprintf("%s_when%d", l, j))})
			}
			s.Approval = &a
		}
		d.States = append(d.States, s)
	}
	for i := range rapid.IntRange(0, 6).Draw(t, "transitions") {
		l := fmt.Sprintf("tr%d", i)
		tr := process.Transition{
			From:   process.State(rapid.SampledFrom(names).Draw(t, l+"_from")),
			Event:  process.Event(rapid.SampledFrom([]string{"go", "approve", "expire", "back"}).Draw(t, l+"_event")),
			Guards: drawGuards(t, l+"_guards"),
		}
		if rapid.Bool().Draw(t, l+"_id") {
			tr.ID = fmt.Sprintf("t%d", i)
		}
		if rapid.Bool().Draw(t, l+"_prev") {
			tr.ToPrevious = true
		} else {
			tr.To = process.State(rapid.SampledFrom(names).Draw(t, l+"_to"))
		}
		d.Transitions = append(d.Transitions, tr)
	}
	for i := range rapid.IntRange(0, 2).Draw(t, "exceptions") {
		l := fmt.Sprintf("x%d", i)
		x := process.Exception{Event: "cancel", To: process.State(rapid.SampledFrom(names).Draw(t, l+"_to")), Guards: drawGuards(t, l+"_guards")}
		if rapid.Bool().Draw(t, l+"_from") {
			x.From = []process.State{process.State(rapid.SampledFrom(names).Draw(t, l+"_from1"))}
		}
		if rapid.Bool().Draw(t, l+"_except") {
			x.Except = []process.State{process.State(rapid.SampledFrom(names).Draw(t, l+"_except1"))}
		}
		d.Exceptions = append(d.Exceptions, x)
	}
	return d
}

// TestPropertyDefinitionRoundTrip: a definition decodes from its JSON to
// an equal one; when it compiles, both compile to the same diagrams and
// warnings.
func TestPropertyDefinitionRoundTrip(t *testing.T) {
	cal := weekCal()
	rapid.Check(t, func(t *rapid.T) {
		d := drawDefinition(t)
		back := roundTrip(t, "definition", d)
		w1, err1 := process.Compile(d, process.WithCalendar(cal))
		w2, err2 := process.Compile(back, process.WithCalendar(cal))
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("compile differs: %v / %v", err1, err2)
		}
		if err1 != nil {
			if err1.Error() != err2.Error() {
				t.Fatalf("compile errors differ:\n%v\n%v", err1, err2)
			}
			return
		}
		if w1.Mermaid() != w2.Mermaid() || w1.Markdown() != w2.Markdown() {
			t.Fatalf("diagrams differ")
		}
		if diff := cmp.Diff(w1.Warnings(), w2.Warnings()); diff != "" {
			t.Fatalf("warnings differ:\n%s", diff)
		}
		for _, wn := range w1.Warnings() {
			roundTrip(t, "warning", wn)
		}
	})
}

// TestPropertyCalendarDefRoundTrip: a calendar definition decodes from its
// JSON to an equal one.
func TestPropertyCalendarDefRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := process.CalendarDef{
			TimeZone:    rapid.SampledFrom([]string{"", "UTC", "America/New_York"}).Draw(t, "zone"),
			WorkingDays: rapid.SliceOfN(rapid.SampledFrom(everyDay), 0, 7).Draw(t, "days"),
			Start:       rapid.StringMatching(`([01][0-9]:[0-5][0-9])?`).Draw(t, "start"),
			End:         rapid.StringMatching(`([01][0-9]:[0-5][0-9])?`).Draw(t, "end"),
			Holidays:    rapid.SliceOfN(rapid.StringMatching(`20[0-9]{2}-[01][0-9]-[0-3][0-9]`), 0, 4).Draw(t, "holidays"),
		}
		if rapid.Bool().Draw(t, "override") {
			c.Overrides = []process.DayWindow{{Day: rapid.SampledFrom(everyDay).Draw(t, "oday"), Start: "09:00", End: "12:00"}}
		}
		roundTrip(t, "calendar", c)
	})
}

// TestPropertyResultsRoundTrip drives random workflows with random events
// and checks that every result is lossless data: the instance (with its
// history, pause and data), the effects of each call, SLA steps, status,
// breaches, reminders, escalations and refusals decode from their JSON to
// equal values that render the same text.
func TestPropertyResultsRoundTrip(t *testing.T) {
	ws := propertyWorkflows(t)
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.SampledFrom(ws).Draw(t, "workflow")
		events, roles := allEvents(w)
		at := utc(2026, 3, 2, 9, 0).In(rapid.SampledFrom(zones).Draw(t, "host_zone"))
		data := drawData(t)
		if rapid.Bool().Draw(t, "more_data") {
			data = process.Data{"note": drawValue(t, "note"), "deal_value": process.Int(2_000_000)}
		}
		in, effs, err := w.Start("r-1", process.Trigger{Actor: "ann", Data: data}, at)
		if err != nil {
			t.Fatal(err)
		}
		var refusals []*process.TransitionError
		for range rapid.IntRange(0, 25).Draw(t, "steps") {
			at = at.Add(time.Duration(rapid.IntRange(0, 96*60).Draw(t, "minutes")) * time.Minute)
			if rapid.IntRange(0, 5).Draw(t, "advance") == 0 {
				out, e, err := w.Advance(in, at)
				if err == nil {
					in, effs = out, append(effs, e...)
				}
				continue
			}
			tr := process.Trigger{Event: rapid.SampledFrom(events).Draw(t, "event"), Role: rapid.SampledFrom(roles).Draw(t, "role"),
				Actor: "bob", Reason: rapid.String().Draw(t, "reason"), Data: drawData(t)}
			out, e, err := w.Apply(in, tr, at)
			var te *process.TransitionError
			switch {
			case errors.As(err, &te):
				refusals = append(refusals, te)
			case err == nil:
				in, effs = out, append(effs, e...)
			}
		}
		back := roundTrip(t, "instance", in)
		if w.Explain(back, at) != w.Explain(in, at) {
			t.Fatalf("Explain differs")
		}
		if process.RenderHistory(back.History) != process.RenderHistory(in.History) {
			t.Fatalf("history renders differently")
		}
		roundTrip(t, "history", in.History)
		if in.Paused != nil {
			roundTrip(t, "pause", in.Paused)
		}
		for i, e := range roundTrip(t, "effects", effs) {
			if e.String() != effs[i].String() {
				t.Fatalf("effect renders %s, want %s", e, effs[i])
			}
		}
		steps, err := w.Steps(in, at)
		if err != nil {
			t.Fatal(err)
		}
		if process.RenderSteps(roundTrip(t, "steps", steps)) != process.RenderSteps(steps) {
			t.Fatalf("steps render differently")
		}
		st, _ := w.Status(in, at)
		roundTrip(t, "status", st)
		breaches, _ := w.Breaches(in, at)
		roundTrip(t, "breaches", breaches)
		roundTrip(t, "escalations", w.Escalations(in, at))
		roundTrip(t, "reminders", w.Reminders(in, at))
		roundTrip(t, "pending approvals", w.PendingApprovals(in, at))
		for _, te := range refusals {
			got := roundTrip(t, "refusal", te)
			if got.Error() != te.Error() || !errors.Is(got, te.Err) {
				t.Fatalf("refusal renders %q, want %q", got.Error(), te.Error())
			}
		}
		// The decoded snapshot goes on exactly as the original.
		if allowed := w.Allowed(in.State); len(allowed) > 0 {
			tr := process.Trigger{Event: rapid.SampledFrom(allowed).Draw(t, "next"), Role: rapid.SampledFrom(roles).Draw(t, "next_role")}
			a1, e1, err1 := w.Apply(in, tr, at)
			a2, e2, err2 := w.Apply(back, tr, at)
			j1, _ := json.Marshal(a1)
			j2, _ := json.Marshal(a2)
			f1, _ := json.Marshal(e1)
			f2, _ := json.Marshal(e2)
			if (err1 == nil) != (err2 == nil) || string(j1) != string(j2) || string(f1) != string(f2) {
				t.Fatalf("snapshot diverges:\n%s\n%s\n%s\n%s", j1, j2, f1, f2)
			}
		}
	})
}

// sameError compares error fields (a TransitionError's sentinel) by
// identity.
var sameError = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Err" },
	cmp.Comparer(func(a, b error) bool { return a == b }))
