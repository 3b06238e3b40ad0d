package process_test

import (
	"time"

	"github.com/partnerops/partnerops/process"
)

// utc builds a UTC instant.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// weekCal is Monday to Friday, 09:00-17:00 UTC, with 2026-12-25 off.
func weekCal() *process.BusinessCalendar {
	return process.MustBusinessCalendar(process.CalendarDef{TimeZone: "UTC", Holidays: []string{"2026-12-25"}}, time.UTC)
}

// reviewDef is a small workflow exercising every engine feature: guards
// (data and Go), an approval chain, an SLA with a fire event, a business
// SLA, a self-transition, exceptions and to_previous.
func reviewDef() process.Definition {
	return process.Definition{
		ID:      "review",
		Name:    "Review",
		Initial: "draft",
		States: []process.StateDef{
			{Name: "draft", Owner: "author"},
			{Name: "review", Owner: "reviewer",
				SLA: &process.SLA{Duration: process.Duration(16 * time.Hour), Clock: process.ClockBusiness, EscalateTo: "lead"},
				Approval: &process.Approval{Event: "approve", Steps: []process.ApprovalStep{
					{Role: "reviewer"},
					{Role: "director", When: []process.Guard{{Field: "amount", Op: process.OpGe, Value: process.Int(1000000)}}},
				}},
			},
			{Name: "info", Owner: "author"},
			{Name: "on_hold", Owner: "ops", PausesSLA: true},
			{Name: "approved", Owner: "author", SLA: &process.SLA{Days: 30, Fire: "expire", EscalateTo: "lead"}},
			{Name: "done", Terminal: true},
			{Name: "rejected", Terminal: true},
			{Name: "expired", Terminal: true},
			{Name: "cancelled", Terminal: true},
		},
		Transitions: []process.Transition{
			{From: "draft", Event: "submit", To: "rejected", Guards: []process.Guard{{Name: "blocked"}}},
			{From: "draft", Event: "submit", To: "review", Guards: []process.Guard{{Field: "amount", Op: process.OpExists}}},
			{From: "review", Event: "approve", To: "approved"},
			{From: "review", Event: "reject", To: "rejected"},
			{From: "info", Event: "answer", ToPrevious: true},
			{From: "on_hold", Event: "resume", ToPrevious: true},
			{From: "approved", Event: "update", To: "approved"},
			{From: "approved", Event: "close", To: "done"},
			{From: "approved", Event: "expire", To: "expired"},
		},
		Exceptions: []process.Exception{
			{Event: "cancel", To: "cancelled"},
			{Event: "hold", To: "on_hold", Except: []process.State{"info"}},
			{Event: "request_info", To: "info", From: []process.State{"review"}},
		},
	}
}

// blocked is the Go guard bound to "blocked": the field "blocked" is true.
func blocked(f process.Facts) bool {
	v, ok := f.Get("blocked")
	b, isBool := v.AsBool()
	return ok && isBool && b
}

func reviewWorkflow() *process.Workflow {
	return process.MustCompile(reviewDef(), process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
}

// issued gives expected effects the identity of version v of instance id,
// as the engine stamps them.
func issued(id string, v int, effs ...process.Effect) []process.Effect {
	for i := range effs {
		effs[i].Instance, effs[i].Version, effs[i].Index = id, v, i
	}
	return effs
}
