package process_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

// problems lists the texts of the validation errors in err.
func problems(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Error())
	}
	return out
}

// TestParseDefinitionStrict is issue 12 for workflows: unknown keys,
// misspelt keys, duplicate keys and values of the wrong shape are errors
// naming their path by IDs, with a suggestion where one is close, all at
// once and behind one prefix. They used to be dropped (a misspelt "onwer"
// left the state without an owner) or reported without a path.
func TestParseDefinitionStrict(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"misspelt keys suggest the field", `{"id": "w", "initial": "a",
			"states": [{"name": "under_review", "onwer": "cam", "sla": {"days": 2, "escalate": "director"}}],
			"transitions": [{"id": "approve", "from": "a", "event": "e", "to": "b", "guard": [{"field": "x", "op": "exists"}]}]}`,
			[]string{
				`states[under_review].onwer: unknown field; did you mean "owner"?`,
				`states[under_review].sla.escalate: unknown field; did you mean "escalate_to"?`,
				`transitions[approve].guard: unknown field; did you mean "guards"?`,
			}},
		{"an unknown key far from every field", `{"id": "w", "colour": "red"}`,
			[]string{`colour: unknown field`}},
		{"duplicate key", `{"id": "w", "id": "v"}`, []string{`id: duplicate key`}},
		{"durations are strings", `{"states": [{"name": "a", "sla": {"duration": 48, "remind_before": "2 days"}}]}`,
			[]string{
				`states[a].sla.duration: want a duration like "48h" or "1h30m", got the number 48`,
				`states[a].sla.remind_before: parsing duration "2 days": want a duration like "48h" or "1h30m": invalid syntax`,
			}},
		{"values are one-key objects", `{"transitions": [{"from": "a", "guards": [
				{"field": "x", "op": "eq", "value": 5},
				{"field": "x", "op": "eq", "value": {"numbr": "1"}},
				{"field": "x", "op": "eq", "value": {"number": "1", "string": "a"}},
				{"field": "x", "op": "ge", "value": {"number": "1e-40"}},
				{"field": "x", "op": "lt", "value": {"time": "2026-13-01"}}]}]}`,
			[]string{
				`transitions[0].guards[0].value: want an object with one key: {"number":"1000000"}, {"string":"EMEA"}, {"bool":true} or {"time":"2026-03-01T09:00:00Z"}, got 5`,
				`transitions[0].guards[1].value.numbr: unknown field; did you mean "number"?`,
				`transitions[0].guards[2].value: want an object with one key: {"number":"1000000"}, {"string":"EMEA"}, {"bool":true} or {"time":"2026-03-01T09:00:00Z"}, got 2 keys`,
				`transitions[0].guards[3].value.number: want a decimal string like "12.5": parsing decimal "1e-40": more than 18 digits after the decimal point: value out of range`,
				`transitions[0].guards[4].value.time: want a date like "2026-01-31" or an RFC 3339 time like "2026-01-31T09:00:00Z", got "2026-13-01"`,
			}},
		{"approval steps by role, exceptions by ID", `{"states": [{"name": "review", "approval": {"event": "approve",
				"steps": [{"role": "cfo", "when": [{"field": "x", "op": "ge", "valeu": {"number": "1"}}]}]}}],
			"exceptions": [{"id": "cancel_any", "event": "cancel", "to": "cancelled", "exept": ["done"]}]}`,
			[]string{
				`states[review].approval.steps[cfo].when[0].valeu: unknown field; did you mean "value"?`,
				`exceptions[cancel_any].exept: unknown field; did you mean "except"?`,
			}},
		{"wrong shapes", `{"id": 7, "states": {"name": "a"}, "transitions": [{"from": "a", "to_previous": "yes"}]}`,
			[]string{
				`id: want a string, got the number 7`,
				`states: want an array, got an object`,
				`transitions[0].to_previous: want true or false, got "yes"`,
			}},
		{"trailing data", `{"id": "w"} {}`, []string{`unexpected data after the top-level value`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := process.ParseDefinition([]byte(tt.src))
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("ParseDefinition error = %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.want, problems(err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "process: parsing definition: ") || strings.Count(msg, "process: ") != 1 || strings.Contains(msg, "partnerops: ") {
				t.Errorf("want one prefix: %s", msg)
			}
			// json.Unmarshal goes the same strict way.
			var d process.Definition
			if err := d.UnmarshalJSON([]byte(tt.src)); !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("UnmarshalJSON error = %v", err)
			}
		})
	}
	// A bad number keeps its condition.
	_, err := process.ParseDefinition([]byte(`{"transitions": [{"guards": [{"value": {"number": "1e-40"}}]}]}`))
	if !errors.Is(err, partnerops.ErrRange) {
		t.Errorf("out-of-range number: %v, want ErrRange", err)
	}
}

// TestParseDefinitionMisspeltOwner: the audit's trap, end to end. A
// misspelt key used to decode silently; the state then had no owner.
func TestParseDefinitionMisspeltOwner(t *testing.T) {
	src := `{"id": "w", "initial": "a", "states": [{"name": "a", "onwer": "cam"}, {"name": "b", "terminal": true}],
		"transitions": [{"from": "a", "event": "go", "to": "b"}]}`
	if _, err := process.ParseDefinition([]byte(src)); err == nil {
		t.Fatalf("a misspelt owner decoded")
	}
}

func TestParseCalendarDef(t *testing.T) {
	src := `{"time_zone": "America/New_York", "working_days": ["mon", "tue", "wed", "thu", "fri"],
		"start": "08:30", "end": "17:30", "overrides": [{"day": "fri", "start": "08:30", "end": "13:00"}],
		"holidays": ["2026-12-25"]}`
	got, err := process.ParseCalendarDef([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := process.CalendarDef{TimeZone: "America/New_York", WorkingDays: []string{"mon", "tue", "wed", "thu", "fri"},
		Start: "08:30", End: "17:30", Overrides: []process.DayWindow{{Day: "fri", Start: "08:30", End: "13:00"}},
		Holidays: []string{"2026-12-25"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseCalendarDef (-want +got):\n%s", diff)
	}
	_, err = process.ParseCalendarDef([]byte(`{"timezone": "UTC", "overrides": [{"day": "fri", "start": "09:00", "ennd": "12:00"}], "holidays": [20261225]}`))
	wantErrs := []string{
		`timezone: unknown field; did you mean "time_zone"?`,
		`overrides[fri].ennd: unknown field; did you mean "end"?`,
		`holidays[0]: want a string, got the number 20261225`,
	}
	if diff := cmp.Diff(wantErrs, problems(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// Validation names overrides by day, and refuses a second override of
	// a day (it used to replace the first silently).
	_, err = process.NewBusinessCalendar(process.CalendarDef{Overrides: []process.DayWindow{
		{Day: "fri", Start: "09:00", End: "13:00"}, {Day: "fri", Start: "10:00", End: "12:00"}}}, time.UTC)
	if diff := cmp.Diff([]string{`overrides[fri].day: a weekday has one override at most (got "fri")`}, problems(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestParseInstanceStrict(t *testing.T) {
	_, err := process.ParseInstance([]byte(`{"workflow": "w", "id": "i", "state": "a", "version": 1, "entered": "2026-01-01",
		"history": [{"version": 1, "event": "start", "to": "a", "at": "yesterday", "actr": "ann"}],
		"data": {"deal_value": {"number": "abc"}}}`))
	want := []string{
		`history[0].at: want a date like "2026-01-31" or an RFC 3339 time like "2026-01-31T09:00:00Z", got "yesterday"`,
		`history[0].actr: unknown field; did you mean "actor"?`,
		`data[deal_value].number: want a decimal string like "12.5": parsing decimal "abc": invalid syntax`,
	}
	if diff := cmp.Diff(want, problems(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrSyntax) || !strings.HasPrefix(err.Error(), "process: parsing instance: ") {
		t.Errorf("error = %v", err)
	}
}

// TestNumberRange is the audit's finding (issue 11): process.Number took
// any decimal, and a guard comparing 1e-3000000 cost a second, while
// 1×10^-2147483648 never finished. Number now refuses what the decoders
// refuse, at once.
func TestNumberRange(t *testing.T) {
	for _, d := range []partnerops.Decimal{
		partnerops.NewDecimal(1, -3000000),
		partnerops.NewDecimal(1, -2147483648),
		partnerops.NewDecimal(1, 40),
		partnerops.NewDecimal(0, -2147483648),
	} {
		start := time.Now()
		v, err := process.Number(d)
		if !errors.Is(err, partnerops.ErrRange) || !v.IsZero() {
			t.Errorf("Number(1e%d) = %v, %v; want ErrRange", d.Scale(), v, err)
		}
		if el := time.Since(start); el > 100*time.Millisecond {
			t.Errorf("Number took %v", el)
		}
		if msg := err.Error(); strings.Count(msg, ": ") < 1 || strings.Count(msg, "process: ") != 1 || strings.Contains(msg, "partnerops: ") {
			t.Errorf("error text %q", msg)
		}
	}
	v, err := process.Number(partnerops.MustDecimal("1000000.50"))
	if err != nil || v.String() != "1000000.50" {
		t.Errorf("Number(1000000.50) = %v, %v", v, err)
	}
}
