package process_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

// mustCal is Monday to Friday, 09:00-17:00 UTC with two holidays.
func mustCal() *process.BusinessCalendar {
	cal, err := process.NewBusinessCalendar(process.CalendarDef{
		TimeZone: "UTC",
		Holidays: []string{"2026-12-25", "2027-01-01"},
	}, time.UTC)
	if err != nil {
		panic(err)
	}
	return cal
}

func ExampleCompile() {
	def, err := process.ParseDefinition([]byte(`{
	  "id": "quote_approval",
	  "initial": "draft",
	  "states": [
	    {"name": "draft", "owner": "sales_rep"},
	    {"name": "deal_desk", "owner": "deal_desk", "sla": {"duration": "8h", "clock": "business", "escalate_to": "sales_director"}},
	    {"name": "approved", "terminal": true}
	  ],
	  "transitions": [
	    {"from": "draft", "event": "submit", "to": "deal_desk",
	     "guards": [{"field": "discount", "op": "gt", "value": {"number": "20"}}]},
	    {"from": "draft", "event": "submit", "to": "approved"},
	    {"id": "approve", "from": "deal_desk", "event": "approve", "to": "approved"}
	  ]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	w, err := process.Compile(def, process.WithCalendar(mustCal()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Allowed("draft"), w.Allowed("deal_desk"), w.Allowed("approved"))

	// Validation reports every problem with its path.
	def.Transitions[2].To = "done"
	def.States[1].Owner = ""
	_, err = process.Compile(def, process.WithCalendar(mustCal()))
	for _, p := range partnerops.ValidationErrors(err) {
		fmt.Println(p)
	}
	// Output:
	// [submit] [approve] []
	// states[deal_desk].owner: a non-terminal state needs an owner role
	// transitions[approve].to: unknown state (got "done")
}

func ExampleWorkflow_Apply() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	fri := time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-1001", process.Trigger{Actor: "partner:acme", Data: process.Data{
		"deal_value": process.Int(180000),
	}}, fri)
	deal, effects, err := w.Apply(deal, process.Trigger{Event: "start_review", Actor: "cam:lee"}, fri)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(deal.State, "version", deal.Version, "due", deal.Due.Format(time.RFC1123))
	for _, e := range effects {
		fmt.Println(e)
	}
	// Output:
	// under_review version 2 due Tue, 10 Mar 2026 15:00:00 UTC
	// DR-1001/2/0 notify under_review role=channel_manager
	// DR-1001/2/1 start_timer under_review at=2026-03-10T15:00:00Z
	// DR-1001/2/2 request_approval under_review role=channel_manager
}

func ExampleWorkflow_Apply_refused() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-1002", process.Trigger{}, at)
	_, _, err := w.Apply(deal, process.Trigger{Event: "win"}, at)
	fmt.Println(errors.Is(err, process.ErrInvalidTransition))
	var te *process.TransitionError
	if errors.As(err, &te) {
		fmt.Println(te.State, te.Event, te.Allowed)
	}
	// Output:
	// true
	// submitted win [reject start_review withdraw]
}

func ExampleWithGuard() {
	def := process.Definition{
		ID: "lead_acceptance", Initial: "offered",
		States: []process.StateDef{
			{Name: "offered", Owner: "partner", SLA: &process.SLA{Duration: process.Duration(48 * time.Hour), Fire: "time_out"}},
			{Name: "accepted", Terminal: true},
			{Name: "rerouted", Terminal: true},
		},
		Transitions: []process.Transition{
			{From: "offered", Event: "accept", To: "accepted", Guards: []process.Guard{{Name: "partner has capacity"}}},
			{From: "offered", Event: "decline", To: "rerouted"},
			{From: "offered", Event: "time_out", To: "rerouted"},
		},
	}
	hasCapacity := func(f process.Facts) bool {
		open, _ := f.Get("open_leads")
		n, ok := open.AsNumber()
		return ok && n.Cmp(partnerops.DecimalFromInt(10)) < 0
	}
	w := process.MustCompile(def, process.WithGuard("partner has capacity", hasCapacity))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	lead, _, _ := w.Start("L-1", process.Trigger{Data: process.Data{"open_leads": process.Int(12)}}, at)
	_, _, err := w.Apply(lead, process.Trigger{Event: "accept"}, at)
	fmt.Println(err)
	// Output:
	// process: workflow "lead_acceptance": event "accept" in state "offered": guard "partner has capacity" failed: guard rejected transition
}

func ExampleWorkflow_Replay() {
	w := process.MustCompile(process.CoSell(process.CoSellOptions{}), process.WithCalendar(mustCal()))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	opp, _, _ := w.Start("OPP-7", process.Trigger{Actor: "partner:globex"}, at)
	for _, ev := range []process.Event{"require_action", "resubmit", "accept", "engage"} {
		at = at.Add(24 * time.Hour)
		opp, _, _ = w.Apply(opp, process.Trigger{Event: ev}, at)
	}
	// A host that stores only the events rebuilds the same instance.
	rebuilt, err := w.Replay("OPP-7", opp.History)
	fmt.Println(rebuilt.State, rebuilt.Version, err == nil && rebuilt.Equal(opp))
	for _, e := range rebuilt.History {
		fmt.Printf("v%d %-14s %-15s -> %s\n", e.Version, e.Event, e.From, e.To)
	}
	// Output:
	// engaged 5 true
	// v1 start                          -> submitted
	// v2 require_action submitted       -> action_required
	// v3 resubmit       action_required -> submitted
	// v4 accept         submitted       -> accepted
	// v5 engage         accepted        -> engaged
}

func ExampleWorkflow_Advance() {
	w := process.MustCompile(process.MDFClaim(process.MDFClaimOptions{}), process.WithCalendar(mustCal()))
	at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	claim, _, _ := w.Start("MDF-3", process.Trigger{Data: process.Data{"amount": process.Int(12000)}}, at)
	claim, _, _ = w.Apply(claim, process.Trigger{Event: "pre_approve", Role: process.RoleChannelMarketing}, at)
	claim, _, _ = w.Apply(claim, process.Trigger{Event: "complete_activity"}, at.AddDate(0, 1, 0))
	fmt.Println(claim.State, "claim due", claim.Due.Format(time.DateOnly))
	// Nobody files the claim: a nightly job advances the instance.
	claim, effects, _ := w.Advance(claim, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	fmt.Println(claim.State)
	for _, e := range effects {
		fmt.Println(e)
	}
	// Output:
	// activity_completed claim due 2026-03-07
	// expired
	// MDF-3/4/0 escalate activity_completed role=channel_manager at=2026-03-07T10:00:00Z
	// MDF-3/5/0 cancel_timer activity_completed at=2026-03-07T10:00:00Z
	// MDF-3/5/1 completed expired
}

func ExampleWorkflow_Steps() {
	w := process.MustCompile(process.ChannelConflict(process.ChannelConflictOptions{}), process.WithCalendar(mustCal()))
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c, _, _ := w.Start("CC-12", process.Trigger{}, mon)
	c, _, _ = w.Apply(c, process.Trigger{Event: "request_evidence"}, mon.Add(4*time.Hour))
	c, _, _ = w.Advance(c, mon.AddDate(0, 0, 8)) // evidence closes on its own
	c, _, _ = w.Apply(c, process.Trigger{Event: "decide", Reason: "first valid registration wins"}, time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC))
	steps, _ := w.Steps(c, time.Date(2026, 3, 21, 0, 0, 0, 0, time.UTC))
	for _, s := range steps {
		fmt.Printf("%-9s owner %-16s due %s breached %-5v overdue %v\n", s.State, s.Owner, s.Due.Format("Jan 2 15:04"), s.Breached, s.Overdue)
	}
	// Output:
	// opened    owner conflict_desk    due Mar 3 17:00 breached false overdue 0s
	// evidence  owner conflict_desk    due Mar 9 13:00 breached false overdue 0s
	// deciding  owner channel_director due Mar 16 13:00 breached true  overdue 95h0m0s
	// decided   owner partner          due Mar 30 12:00 breached false overdue 0s
}

func ExampleBusinessCalendar_AddDays() {
	cal := mustCal()
	for _, from := range []time.Time{
		time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC),   // Friday afternoon
		time.Date(2026, 3, 7, 10, 0, 0, 0, time.UTC),   // Saturday
		time.Date(2026, 12, 24, 10, 0, 0, 0, time.UTC), // before Christmas
	} {
		fmt.Println(from.Format("Mon Jan 2 15:04"), "+2 business days =", cal.AddDays(from, 2).Format("Mon Jan 2 15:04"))
	}
	fmt.Println(cal.Between(time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)))
	// Output:
	// Fri Mar 6 15:00 +2 business days = Tue Mar 10 15:00
	// Sat Mar 7 10:00 +2 business days = Tue Mar 10 17:00
	// Thu Dec 24 10:00 +2 business days = Tue Dec 29 10:00
	// 3h0m0s
}

func ExampleWorkflow_Mermaid() {
	w := process.MustCompile(process.Definition{
		ID: "nda", Initial: "sent",
		States: []process.StateDef{
			{Name: "sent", Owner: "legal", SLA: &process.SLA{Days: 14, Fire: "lapse"}},
			{Name: "signed", Terminal: true},
			{Name: "lapsed", Terminal: true},
		},
		Transitions: []process.Transition{
			{From: "sent", Event: "sign", To: "signed"},
			{From: "sent", Event: "lapse", To: "lapsed"},
		},
	})
	fmt.Print(w.Mermaid())
	// Output:
	// stateDiagram-v2
	//     sent : owner legal, SLA 14 days, on breach fire lapse
	//     [*] --> sent
	//     sent --> signed : sign
	//     sent --> lapsed : lapse
	//     signed --> [*]
	//     lapsed --> [*]
}

// A deal registration from submission to expiry: the review needs a
// second approval because the deal is worth 1,000,000 or more, the
// partner gets one extension on evidence of progress, and the deal then
// expires unclosed.
func Example_dealRegistration() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-2001", process.Trigger{Actor: "partner:initech", Data: process.Data{
		"deal_value": process.Int(1_200_000),
		"customer":   process.String("Umbrella Corp"),
	}}, at)
	steps := []struct {
		after time.Duration
		tr    process.Trigger
	}{
		{2 * time.Hour, process.Trigger{Event: "start_review", Actor: "cam:lee"}},
		{3 * time.Hour, process.Trigger{Event: "approve", Actor: "cam:lee", Role: process.RoleChannelManager}},
		{20 * time.Hour, process.Trigger{Event: "approve", Actor: "vp:kim", Role: process.RoleSalesDirector}},
		{80 * 24 * time.Hour, process.Trigger{Event: "extend", Actor: "partner:initech", Data: process.Data{"evidence": process.String("technical win")}}},
	}
	for _, s := range steps {
		at = at.Add(s.after)
		next, effects, err := w.Apply(deal, s.tr, at)
		if err != nil {
			fmt.Println(err)
			return
		}
		deal = next
		fmt.Printf("%-12s -> %-12s due %s, %d effects\n", s.tr.Event, deal.State, deal.Due.Format(time.DateOnly), len(effects))
	}
	deal, _, _ = w.Advance(deal, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
	last := deal.History[len(deal.History)-1]
	fmt.Println(deal.State, "at", last.At.Format(time.DateOnly), "by", last.Actor)
	// Output:
	// start_review -> under_review due 2026-03-04, 3 effects
	// approve      -> under_review due 2026-03-04, 1 effects
	// approve      -> approved     due 2026-06-01, 2 effects
	// extend       -> extended     due 2026-07-31, 2 effects
	// expired at 2026-07-31 by sla
}

func ExampleWorkflow_Explain() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-77", process.Trigger{Data: process.Data{"deal_value": process.Int(2_500_000)}}, mon)
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "start_review"}, mon.Add(time.Hour))
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, mon.Add(2*time.Hour))
	fmt.Print(w.Explain(deal, time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)))
	fmt.Println(w.PendingApprovals(deal, mon))
	// Output:
	// DR-77 is under_review (version 3), owned by channel_manager, since 2026-03-02 10:00 UTC (2d2h).
	// SLA 2 business days breached: due 2026-03-04 10:00 UTC, overdue by 2h; on breach: escalate to channel_director, then vp_partnerships after 2 days.
	// Next wake-up 2026-03-04 10:00 UTC: escalate to channel_director.
	// Waiting for approval by sales_director (in order).
	// Allowed events: approve, reject, request_info, withdraw.
	// [sales_director]
}

// More information requested during a deal registration review stops the
// review clock: the partner's two days of silence do not count against
// the channel manager.
func Example_pausedReview() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-9", process.Trigger{}, mon)
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "start_review"}, mon)
	fmt.Println("review due", deal.Due.Format("Mon 15:04"))
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "request_info", Reason: "end customer's legal name?"}, mon.Add(4*time.Hour))
	fmt.Println(deal.State, "pausing", deal.Paused.State, "due", deal.Paused.Due.Format("Mon 15:04"))
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "resubmit", Data: process.Data{"customer": process.String("Umbrella Corporation Ltd")}}, mon.AddDate(0, 0, 2))
	fmt.Println(deal.State, "due", deal.Due.Format("Mon 15:04"))
	// Output:
	// review due Tue 17:00
	// info_requested pausing under_review due Tue 17:00
	// under_review due Thu 13:00
}

// A definition kept as JSON is decoded strictly: every unknown key, value
// of the wrong shape and duplicate key is reported at once, by its path,
// with a suggestion where one is close.
func ExampleParseDefinition() {
	_, err := process.ParseDefinition([]byte(`{
	  "id": "quote_approval",
	  "initial": "draft",
	  "states": [
	    {"name": "draft", "owner": "sales_rep"},
	    {"name": "deal_desk", "onwer": "deal_desk", "sla": {"duration": 8}},
	    {"name": "approved", "terminal": true}
	  ],
	  "transitions": [
	    {"id": "escalate", "from": "draft", "event": "submit", "to": "deal_desk",
	     "guard": [{"field": "discount", "op": "gt", "value": {"number": "20"}}]}
	  ]
	}`))
	fmt.Println(err)
	// Output:
	// process: parsing definition: states[deal_desk].onwer: unknown field; did you mean "owner"?
	// states[deal_desk].sla.duration: want a duration like "48h" or "1h30m", got the number 8
	// transitions[escalate].guard: unknown field; did you mean "guards"?
}

// Compile accepts a definition that is valid but probably not meant, and
// says why in Warnings.
func ExampleWorkflow_Warnings() {
	w, err := process.Compile(process.Definition{
		ID: "nda", Initial: "sent",
		States: []process.StateDef{
			{Name: "sent", Owner: "legal", SLA: &process.SLA{Days: 14, Fire: "lapse", RemindBefore: process.Duration(15 * 24 * time.Hour)}},
			{Name: "countersigned", Owner: "legal"},
			{Name: "signed", Terminal: true, SLA: &process.SLA{Days: 365}},
			{Name: "lapsed", Terminal: true},
		},
		Transitions: []process.Transition{
			{From: "sent", Event: "sign", To: "signed"},
			{From: "sent", Event: "lapse", To: "lapsed"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range w.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// states[sent].sla.remind_before: at least the SLA's length: the reminder is due as soon as the state is entered (got "360h")
	// states[signed].sla: ignored: a terminal state has no SLA (an instance there is done)
	// states[countersigned]: unreachable from the initial state: no instance can enter it (kept for instances of an older version?)
}

// A calendar kept as JSON; the host loads the time zone it names.
// Working time follows the wall clock: on the Sunday clocks spring
// forward in New York, a window from 02:30 opens when they jump, at 03:00.
func ExampleParseCalendarDef() {
	def, err := process.ParseCalendarDef([]byte(`{
	  "time_zone": "America/New_York",
	  "working_days": ["sun"],
	  "start": "02:30", "end": "10:00"
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	loc, err := time.LoadLocation(def.TimeZone)
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, err := process.NewBusinessCalendar(def, loc)
	if err != nil {
		fmt.Println(err)
		return
	}
	midnight := time.Date(2026, 3, 8, 0, 0, 0, 0, loc)
	fmt.Println(cal.Add(midnight, time.Minute).Format("15:04 MST"))
	fmt.Println(cal.Between(midnight, midnight.Add(24*time.Hour)))
	// Output:
	// 03:01 EDT
	// 7h0m0s
}

// Number refuses a decimal outside the range every decoder accepts, so no
// guard comparison can be made slow by a hostile value.
func ExampleNumber() {
	v, err := process.Number(partnerops.MustDecimal("1250000.00"))
	fmt.Println(v, err)
	_, err = process.Number(partnerops.NewDecimal(1, -3000000))
	fmt.Println(errors.Is(err, partnerops.ErrRange), err)
	// Output:
	// 1250000.00 <nil>
	// true process: number value: decimal: more than 18 digits after the decimal point: value out of range
}

// A snapshot stored as JSON and read back is the same instance: times are
// kept in UTC, so applying the next event to either gives the same bytes.
func ExampleParseInstance() {
	w := process.MustCompile(process.LeadAcceptance(process.LeadAcceptanceOptions{}))
	ny := time.FixedZone("EST", -5*3600)
	lead, _, _ := w.Start("L-42", process.Trigger{Actor: "router"}, time.Date(2026, 3, 6, 16, 0, 0, 0, ny))
	snapshot, _ := json.Marshal(lead)
	fmt.Println(string(snapshot))
	back, err := process.ParseInstance(snapshot)
	fmt.Println(back.Equal(lead), err)
	// Output:
	// {"workflow":"lead_acceptance","workflow_version":1,"id":"L-42","state":"offered","version":1,"entered":"2026-03-06T21:00:00Z","due":"2026-03-08T21:00:00Z","wake":"2026-03-08T13:00:00Z","history":[{"version":1,"event":"start","to":"offered","actor":"router","at":"2026-03-06T21:00:00Z","workflow_version":1}]}
	// true <nil>
}

// A refusal is data too: it encodes with a reason code and decodes to an
// error with the same text.
func ExampleTransitionError() {
	w := process.MustCompile(process.LeadAcceptance(process.LeadAcceptanceOptions{}))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	lead, _, _ := w.Start("L-7", process.Trigger{}, at)
	_, _, err := w.Apply(lead, process.Trigger{Event: "convert"}, at)
	var te *process.TransitionError
	if errors.As(err, &te) {
		b, _ := json.Marshal(te)
		fmt.Println(string(b))
		var back process.TransitionError
		_ = json.Unmarshal(b, &back)
		fmt.Println(back.Error() == te.Error(), errors.Is(&back, process.ErrInvalidTransition))
	}
	// Output:
	// {"workflow":"lead_acceptance","state":"offered","event":"convert","allowed":["accept","decline","time_out"],"reason":"invalid_transition"}
	// true true
}

func ExampleWorkflow_Check() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-1003", process.Trigger{Data: process.Data{"deal_value": process.Int(250000)}}, at)
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "start_review"}, at)
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "approve", Role: process.RoleChannelManager}, at)
	// Validate a command before committing anything: why would it be
	// refused?
	extend := process.Trigger{Event: "extend", Actor: "partner:acme"}
	err := w.Check(deal, extend, at.AddDate(0, 2, 0))
	fmt.Println(err)
	var te *process.TransitionError
	if errors.As(err, &te) {
		f := te.Failed[0]
		fmt.Println(f.Field, f.Op, f.Seen.IsZero())
	}
	extend.Data = process.Data{"evidence": process.String("technical win")}
	fmt.Println(w.Check(deal, extend, at.AddDate(0, 2, 0)))
	// Output:
	// process: workflow "deal_registration": event "extend" in state "approved": guard "evidence of progress" failed: needs field "evidence" to exist, but it is missing: guard rejected transition
	// evidence exists true
	// <nil>
}

func ExampleEffect_Key() {
	w := process.MustCompile(process.LeadAcceptance(process.LeadAcceptanceOptions{}))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	_, effects, _ := w.Start("L-7", process.Trigger{}, at)
	for _, e := range effects {
		fmt.Println(e.Key(), e.Kind)
	}
	// The first wake-up is the reminder, 8 hours before the 48-hour SLA.
	fmt.Println(effects[1].At.Format(time.RFC3339))
	b, _ := json.Marshal(effects[0])
	fmt.Println(string(b))
	// Output:
	// L-7/1/0 notify
	// L-7/1/1 start_timer
	// 2026-03-04T01:00:00Z
	// {"key":"L-7/1/0","instance":"L-7","version":1,"kind":"notify","state":"offered","role":"partner"}
}

// The instance's Wake is its one timer: the reminder, the breach and each
// escalation level come due through it, and Advance issues each once.
func ExampleWorkflow_Advance_wakeUp() {
	w := process.MustCompile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(mustCal()))
	fri := time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC)
	deal, _, _ := w.Start("DR-1004", process.Trigger{Data: process.Data{"deal_value": process.Int(90000)}}, fri)
	deal, _, _ = w.Apply(deal, process.Trigger{Event: "start_review"}, fri)
	for range 3 {
		fmt.Println("wake", deal.Wake.Format("Mon Jan 2 15:04"))
		var effects []process.Effect
		deal, effects, _ = w.Advance(deal, deal.Wake)
		for _, e := range effects {
			fmt.Println(" ", e)
		}
		if deal.Wake.IsZero() {
			break
		}
	}
	// A later Advance has nothing left to issue.
	_, effects, _ := w.Advance(deal, fri.AddDate(0, 1, 0))
	fmt.Println("later:", len(effects), "effects")
	// Output:
	// wake Tue Mar 10 15:00
	//   DR-1004/3/0 escalate under_review role=channel_director at=2026-03-10T15:00:00Z
	//   DR-1004/3/1 start_timer under_review at=2026-03-12T15:00:00Z
	// wake Thu Mar 12 15:00
	//   DR-1004/4/0 escalate under_review role=vp_partnerships at=2026-03-12T15:00:00Z
	//   DR-1004/4/1 cancel_timer under_review at=2026-03-12T15:00:00Z
	// later: 0 effects
}

func ExampleWorkflow_Migrate() {
	v1 := process.DealRegistration(process.DealRegistrationOptions{})
	w1 := process.MustCompile(v1, process.WithCalendar(mustCal()))
	mon := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	deal, _, _ := w1.Start("DR-1005", process.Trigger{}, mon)
	deal, _, _ = w1.Apply(deal, process.Trigger{Event: "start_review"}, mon)
	fmt.Println("v1 review due", deal.Due.Format("Mon Jan 2 15:04"))

	// Version 2 gives reviews 3 business days. Instances of version 1 are
	// refused until migrated.
	v2 := process.DealRegistration(process.DealRegistrationOptions{ReviewDays: 3})
	v2.Version = 2
	w2 := process.MustCompile(v2, process.WithCalendar(mustCal()))
	_, _, err := w2.Apply(deal, process.Trigger{Event: "reject"}, mon)
	fmt.Println(errors.Is(err, process.ErrWorkflowVersion))
	deal, effects, err := w2.Migrate(deal, process.Trigger{Actor: "ops", Reason: "review SLA 3 days"}, mon.Add(time.Hour))
	fmt.Println("v2 review due", deal.Due.Format("Mon Jan 2 15:04"), err)
	fmt.Println(effects[0])
	last := deal.History[len(deal.History)-1]
	fmt.Println(last.Event, last.WorkflowVersion)
	// Output:
	// v1 review due Tue Mar 3 17:00
	// true
	// v2 review due Wed Mar 4 17:00 <nil>
	// DR-1005/3/0 start_timer under_review at=2026-03-04T17:00:00Z
	// migrate_definition 2
}

func ExampleWorkflow_Effects() {
	w := process.MustCompile(process.CoSell(process.CoSellOptions{}), process.WithCalendar(mustCal()))
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	opp, _, _ := w.Start("OPP-8", process.Trigger{}, at)
	opp, sent, _ := w.Apply(opp, process.Trigger{Event: "accept"}, at.Add(time.Hour))
	// The host stored version 2 and crashed before delivering its effects:
	// it asks for them again, with the same keys.
	again, _ := w.Effects(opp, opp.Version)
	for i, e := range again {
		fmt.Println(e, e.Key() == sent[i].Key())
	}
	// Output:
	// OPP-8/2/0 notify accepted role=sales_rep true
	// OPP-8/2/1 start_timer accepted at=2026-03-04T10:00:00Z true
}
