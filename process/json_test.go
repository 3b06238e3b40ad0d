package process_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

func TestDefinitionJSONRoundTrip(t *testing.T) {
	for _, d := range append(process.Standard(), reviewDef()) {
		t.Run(d.ID, func(t *testing.T) {
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			got, err := process.ParseDefinition(b)
			if err != nil {
				t.Fatalf("ParseDefinition: %v\n%s", err, b)
			}
			if diff := cmp.Diff(d, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDefinitionJSONShape(t *testing.T) {
	src := `{
  "id": "mini",
  "initial": "open",
  "states": [
    {"name": "open", "owner": "cam", "sla": {"duration": "16h", "clock": "business", "escalate_to": "director"}},
    {"name": "big", "owner": "vp", "sla": {"days": 5, "fire": "close"}},
    {"name": "closed", "terminal": true}
  ],
  "transitions": [
    {"from": "open", "event": "route", "to": "big", "guards": [{"field": "deal_value", "op": "ge", "value": {"number": "1000000"}}]},
    {"from": "open", "event": "route", "to": "closed"},
    {"from": "big", "event": "close", "to": "closed"}
  ]
}`
	d, err := process.ParseDefinition([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w, err := process.Compile(d, process.WithCalendar(weekCal()))
	if err != nil {
		t.Fatal(err)
	}
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("m", process.Trigger{Data: process.Data{"deal_value": process.MustNumber("1000000.00")}}, at)
	in, _, err = w.Apply(in, process.Trigger{Event: "route"}, at)
	if err != nil || in.State != "big" {
		t.Fatalf("route 1,000,000.00: %q %v, want big", in.State, err)
	}
	bad := []string{
		`{"id": "x", "unknown": 1}`,
		`{"id": "x"} trailing`,
		`{"transitions": [{"guards": [{"value": {"number": "1e999999"}}]}]}`,
		`{"transitions": [{"guards": [{"value": {"number": "1", "string": "a"}}]}]}`,
		`{"transitions": [{"guards": [{"value": {}}]}]}`,
		`{"states": [{"sla": {"duration": "forever"}}]}`,
	}
	for _, s := range bad {
		if _, err := process.ParseDefinition([]byte(s)); !errors.Is(err, partnerops.ErrInvalid) {
			t.Errorf("ParseDefinition(%s) error = %v, want ErrInvalid", s, err)
		}
	}
}

func TestInstanceJSONRoundTrip(t *testing.T) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Actor: "ann", Data: process.Data{
		"amount": process.Int(1000000), "region": process.String("EMEA"), "strategic": process.Bool(true),
		"close_date": process.Time(utc(2026, 6, 30, 0, 0)),
	}}, at)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit", Actor: "ann", Reason: "ready"}, at.Add(time.Hour))
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: "reviewer", Actor: "bob"}, at.Add(2*time.Hour))
	held, _, _ := w.Apply(in, process.Trigger{Event: "hold"}, at.Add(3*time.Hour))
	if b, _ := json.Marshal(held); true {
		back, err := process.ParseInstance(b)
		if err != nil || !back.Equal(held) || back.Paused == nil {
			t.Errorf("held instance round trip: %v\n%s", err, b)
		}
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := process.ParseInstance(b)
	if err != nil {
		t.Fatalf("ParseInstance: %v\n%s", err, b)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// A decoded snapshot keeps working and gives the same result as the
	// original.
	a1, _, err1 := w.Apply(in, process.Trigger{Event: "approve", Role: "director"}, at.Add(3*time.Hour))
	a2, _, err2 := w.Apply(got, process.Trigger{Event: "approve", Role: "director"}, at.Add(3*time.Hour))
	if err1 != nil || err2 != nil || !a1.Equal(a2) {
		t.Errorf("snapshot and original diverge: %v %v", err1, err2)
	}
	if _, err := process.ParseInstance([]byte(`{"state": 3}`)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("ParseInstance of bad JSON: %v", err)
	}
}

func TestValue(t *testing.T) {
	tm := utc(2026, 1, 2, 3, 4)
	tests := []struct {
		v    process.Value
		kind process.ValueKind
		str  string
		json string
	}{
		{process.String("EMEA"), process.KindString, `"EMEA"`, `{"string":"EMEA"}`},
		{process.MustNumber("12.50"), process.KindNumber, "12.50", `{"number":"12.50"}`},
		{process.Bool(true), process.KindBool, "true", `{"bool":true}`},
		{process.Bool(false), process.KindBool, "false", `{"bool":false}`},
		{process.Time(tm), process.KindTime, "2026-01-02T03:04:00Z", `{"time":"2026-01-02T03:04:00Z"}`},
		{process.Value{}, process.KindNone, "none", `null`},
	}
	for _, tt := range tests {
		if tt.v.Kind() != tt.kind || tt.v.String() != tt.str {
			t.Errorf("%v: kind %v string %s, want %v %s", tt.v, tt.v.Kind(), tt.v.String(), tt.kind, tt.str)
		}
		b, _ := json.Marshal(tt.v)
		if string(b) != tt.json {
			t.Errorf("Marshal(%v) = %s, want %s", tt.v, b, tt.json)
		}
		var back process.Value
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tt.v) {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
	}
	if !process.MustNumber("1.5").Equal(process.MustNumber("1.50")) || process.Int(1).Equal(process.String("1")) {
		t.Errorf("Equal wrong")
	}
	if s, ok := process.String("a").AsString(); !ok || s != "a" {
		t.Errorf("Str")
	}
	if n, ok := process.Int(7).AsNumber(); !ok || !n.Equal(partnerops.DecimalFromInt(7)) {
		t.Errorf("Num")
	}
	if b, ok := process.Bool(true).AsBool(); !ok || !b {
		t.Errorf("Boolean")
	}
	if x, ok := process.Time(tm).AsTime(); !ok || !x.Equal(tm) {
		t.Errorf("TimeValue")
	}
	if process.ValueKind(9).String() != "kind(9)" || process.EffectKind(0).String() != "effect(0)" {
		t.Errorf("stringers of unknown values")
	}
}

func TestGuardOperators(t *testing.T) {
	mk := func(op process.Op, v process.Value) *process.Workflow {
		d := process.Definition{ID: "g", Initial: "a",
			States: []process.StateDef{{Name: "a", Owner: "o"}, {Name: "b", Terminal: true}},
			Transitions: []process.Transition{{From: "a", Event: "go", To: "b",
				Guards: []process.Guard{{Field: "x", Op: op, Value: v}}}}}
		return process.MustCompile(d)
	}
	at := utc(2026, 1, 1, 0, 0)
	t1, t2 := utc(2026, 1, 1, 0, 0), utc(2026, 2, 1, 0, 0)
	tests := []struct {
		op   process.Op
		v    process.Value
		x    process.Value // zero: field missing
		want bool
	}{
		{process.OpEq, process.Int(5), process.MustNumber("5.0"), true},
		{process.OpEq, process.Int(5), process.String("5"), false},
		{process.OpNe, process.Int(5), process.Int(6), true},
		{process.OpNe, process.Int(5), process.Value{}, true},
		{process.OpLt, process.Int(5), process.Int(4), true},
		{process.OpLt, process.Int(5), process.Int(5), false},
		{process.OpLe, process.Int(5), process.Int(5), true},
		{process.OpGt, process.Int(5), process.Int(6), true},
		{process.OpGe, process.Int(5), process.Int(4), false},
		{process.OpGe, process.Int(5), process.Value{}, false},
		{process.OpGe, process.Int(5), process.String("9"), false},
		{process.OpLt, process.Time(t2), process.Time(t1), true},
		{process.OpGt, process.String("b"), process.String("c"), true},
		{process.OpLt, process.String("b"), process.String("a"), true},
		{process.OpEq, process.Bool(true), process.Bool(true), true},
		{process.OpExists, process.Value{}, process.Int(0), true},
		{process.OpExists, process.Value{}, process.Value{}, false},
		{process.OpMissing, process.Value{}, process.Value{}, true},
	}
	for _, tt := range tests {
		w := mk(tt.op, tt.v)
		var data process.Data
		if !tt.x.IsZero() {
			data = process.Data{"x": tt.x}
		}
		in, _, _ := w.Start("i", process.Trigger{Data: data}, at)
		if got := w.Can(in, process.Trigger{Event: "go"}, at); got != tt.want {
			t.Errorf("x=%v %s %v: %v, want %v", tt.x, tt.op, tt.v, got, tt.want)
		}
	}
	// Not negates; a named comparison keeps its name in errors.
	d := process.Definition{ID: "g", Initial: "a",
		States: []process.StateDef{{Name: "a", Owner: "o"}, {Name: "b", Terminal: true}},
		Transitions: []process.Transition{{From: "a", Event: "go", To: "b",
			Guards: []process.Guard{{Name: "not embargoed", Field: "embargoed", Op: process.OpEq, Value: process.Bool(true), Not: true}}}}}
	w := process.MustCompile(d)
	in, _, _ := w.Start("i", process.Trigger{Data: process.Data{"embargoed": process.Bool(true)}}, at)
	_, _, err := w.Apply(in, process.Trigger{Event: "go"}, at)
	var te *process.TransitionError
	if !errors.As(err, &te) || te.Guards[0] != "not embargoed" {
		t.Errorf("negated guard error = %v", err)
	}
	if got := (process.Guard{Field: "deal_value", Op: process.OpGe, Value: process.Int(1000000), Not: true}).Label(); got != "not deal_value ge 1000000" {
		t.Errorf("Label = %q", got)
	}
}

func TestEffectJSON(t *testing.T) {
	effs := []process.Effect{
		{Kind: process.EffectStartTimer, State: "approved", Event: "expire", At: utc(2026, 6, 1, 9, 0)},
		{Kind: process.EffectNotify, State: "approved", Role: "partner"},
	}
	b, err := json.Marshal(effs)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"kind":"start_timer","state":"approved","event":"expire","at":"2026-06-01T09:00:00Z"},{"kind":"notify","state":"approved","role":"partner"}]`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant      %s", b, want)
	}
	var back []process.Effect
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(effs, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var k process.EffectKind
	if err := k.UnmarshalText([]byte("explode")); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("UnmarshalText(explode) = %v", err)
	}
}

// TestSnapshotSameBytes is the audit's finding (issue 11): applying an
// event to an instance and to its own JSON snapshot gave different bytes,
// the resumed due time written 13:00-04:00 in one and 12:00-05:00 in the
// other (same instant, zones differing). Instances keep every time in UTC.
func TestSnapshotSameBytes(t *testing.T) {
	ny := newYork(t)
	cal := process.MustBusinessCalendar(process.CalendarDef{TimeZone: "America/New_York"}, ny)
	d := process.Definition{ID: "w", Initial: "open",
		States: []process.StateDef{
			{Name: "open", Owner: "o", SLA: &process.SLA{Days: 10}},
			{Name: "on_hold", Owner: "o", PausesSLA: true},
			{Name: "done", Terminal: true},
		},
		Transitions: []process.Transition{
			{From: "open", Event: "hold", To: "on_hold"},
			{From: "on_hold", Event: "resume", ToPrevious: true},
			{From: "open", Event: "close", To: "done"},
		}}
	w := process.MustCompile(d, process.WithCalendar(cal))
	in, _, _ := w.Start("i", process.Trigger{}, time.Date(2026, 2, 20, 12, 0, 0, 0, ny))
	in, _, _ = w.Apply(in, process.Trigger{Event: "hold"}, time.Date(2026, 2, 25, 12, 0, 0, 0, ny))
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := process.ParseInstance(b)
	if err != nil {
		t.Fatal(err)
	}
	resume := time.Date(2026, 3, 10, 12, 0, 0, 0, ny) // after the clocks went forward
	a1, e1, err1 := w.Apply(in, process.Trigger{Event: "resume"}, resume)
	a2, e2, err2 := w.Apply(snap, process.Trigger{Event: "resume"}, resume)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	j1, _ := json.Marshal(a1)
	j2, _ := json.Marshal(a2)
	if string(j1) != string(j2) {
		t.Errorf("instance and snapshot diverge:\n%s\n%s", j1, j2)
	}
	f1, _ := json.Marshal(e1)
	f2, _ := json.Marshal(e2)
	if string(f1) != string(f2) {
		t.Errorf("effects diverge:\n%s\n%s", f1, f2)
	}
	if loc := a1.Due.Location(); loc != time.UTC {
		t.Errorf("due time stored in %v, want UTC", loc)
	}
}
