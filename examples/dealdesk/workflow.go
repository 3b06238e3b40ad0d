package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/process"
)

// This file is the bridge between package process (pure: Start, Apply and
// Advance return a new instance and its effects) and the event store
// (instances.go): it compiles the workflow definition and turns an
// accepted command into the rows one transaction writes.

// kindDealReg is the deal-registration workflow definition:
//
//	{"calendar": {...process.CalendarDef, optional...},
//	 "workflow": {...process.Definition...},
//	 "partner_events": ["withdraw", "resubmit", "extend", "win", "lose"],
//	 "protected_states": ["approved", "extended"]}
//
// partner_events are the events a partner token may send; vendor tokens may
// send any (approvals still check the approver's role). protected_states
// are the states in which a registration protects its deal: a quote that
// names a registration in one of them is priced as deal-registration
// "approved" (default: the state "approved").
var kindDealReg = Kind{
	Name:  "dealreg_workflow",
	Doc:   `{"calendar": {business calendar}, "workflow": {process definition}, "partner_events": [events a partner may send], "protected_states": [states that protect the deal]}`,
	Roles: []Role{RoleChannelManager},
	Compile: func(body []byte) (any, []partnerops.Warning, error) {
		parts, err := splitObject(body, []string{"calendar", "workflow", "partner_events", "protected_states"}, "workflow")
		if err != nil {
			return nil, nil, err
		}
		var probs []Problem
		var opts []process.Option
		if raw, ok := parts["calendar"]; ok {
			cd, err := process.ParseCalendarDef(raw)
			probs = append(probs, problemsOf("calendar", err)...)
			if err == nil {
				loc := time.UTC
				if cd.TimeZone != "" {
					if loc, err = time.LoadLocation(cd.TimeZone); err != nil {
						probs = append(probs, Problem{Path: "calendar.time_zone", Rule: "unknown time zone", Value: cd.TimeZone})
					}
				}
				if err == nil {
					cal, err := process.NewBusinessCalendar(cd, loc)
					probs = append(probs, problemsOf("calendar", err)...)
					opts = append(opts, process.WithCalendar(cal))
				}
			}
		}
		def, err := process.ParseDefinition(parts["workflow"])
		probs = append(probs, problemsOf("workflow", err)...)
		var partnerEvents []process.Event
		if raw, ok := parts["partner_events"]; ok {
			if err := json.Unmarshal(raw, &partnerEvents); err != nil {
				probs = append(probs, Problem{Path: "partner_events", Rule: "want a list of event names"})
			}
		}
		protected := []process.State{"approved"}
		if raw, ok := parts["protected_states"]; ok {
			if err := json.Unmarshal(raw, &protected); err != nil {
				probs = append(probs, Problem{Path: "protected_states", Rule: "want a list of state names"})
			}
		}
		if len(probs) > 0 {
			return nil, nil, &ProblemError{Msg: "workflow definition refused", Problems: probs}
		}
		w, err := process.Compile(def, opts...)
		if err != nil {
			return nil, nil, &ProblemError{Msg: "workflow definition refused", Problems: problemsOf("workflow", err)}
		}
		known := map[process.Event]bool{}
		for _, t := range def.Transitions {
			known[t.Event] = true
		}
		for _, x := range def.Exceptions {
			known[x.Event] = true
		}
		for _, s := range def.States {
			if s.Approval != nil {
				known[s.Approval.Event] = true
			}
		}
		for i, e := range partnerEvents {
			if !known[e] {
				probs = append(probs, Problem{Path: fmt.Sprintf("partner_events[%d]", i), Rule: "no transition takes this event", Value: string(e)})
			}
		}
		states := map[process.State]bool{}
		for _, st := range def.States {
			states[st.Name] = true
		}
		for i, st := range protected {
			if !states[st] {
				probs = append(probs, Problem{Path: fmt.Sprintf("protected_states[%d]", i), Rule: "not a state of the workflow", Value: string(st)})
			}
		}
		if len(probs) > 0 {
			return nil, nil, &ProblemError{Msg: "workflow definition refused", Problems: probs}
		}
		return &Workflow{Workflow: w, PartnerEvents: partnerEvents, Protected: protected}, w.Warnings(), nil
	},
}

// Workflow is a compiled workflow with the service's policy for it.
type Workflow struct {
	*process.Workflow
	// PartnerEvents are the events a partner token may send.
	PartnerEvents []process.Event
	// Protected are the states in which a registration protects its deal.
	Protected []process.State
}

// dealRegStatus is the pricing status of a registration in a state:
// approved in a protected state, registered in another open state, none
// once it is closed.
func (w *Workflow) dealRegStatus(s process.State) pricing.DealRegStatus {
	switch {
	case slices.Contains(w.Protected, s):
		return pricing.DealRegApproved
	case w.IsTerminal(s):
		return pricing.DealRegNone
	}
	return pricing.DealRegRegistered
}

// maySend reports whether a principal may send an event.
func (w *Workflow) maySend(p Principal, e process.Event) bool {
	return p.IsVendor() || slices.Contains(w.PartnerEvents, e)
}

// processRole is the workflow role of a principal: the service's roles are
// used as workflow roles ("partner", "deal_desk", "channel_manager"), so a
// definition's approval steps name them.
func processRole(p Principal) process.Role { return process.Role(p.Role) }

// changeFor turns an accepted command into the rows to write: the events
// the instance gained since version from, its new projection, and its
// effects in the outbox.
//
// Every effect gets an idempotency key. An effect of an event is keyed by
// the instance, the version the event produced and the effect's index
// ("DR-x/v3/0"): the events table's primary key makes that unique. An
// escalation that Advance reports without any event (a breach with no
// timeout event) is keyed by what it is ("DR-x/escalate/under_review/
// channel_director/<unix>"), so a sweeper that sees the same breach twice
// enqueues it once. The outbox ignores a key it holds already.
//
// A start_timer effect becomes a pending timer (due_at set); a
// cancel_timer cancels the pending timers of its state, including one
// started earlier in the same change.
func changeFor(row InstanceRow, from int, next process.Instance, effects []process.Effect) (Change, error) {
	snap, err := json.Marshal(next)
	if err != nil {
		return Change{}, err
	}
	row.Version, row.State, row.Snapshot = next.Version, string(next.State), snap
	ch := Change{Instance: row}
	for _, e := range next.History {
		if e.Version <= from {
			continue
		}
		entry, err := json.Marshal(e)
		if err != nil {
			return Change{}, err
		}
		ch.Events = append(ch.Events, EventRow{Version: e.Version, At: e.At, Entry: entry})
	}
	for i, eff := range effects {
		var key string
		if len(ch.Events) > 0 {
			key = fmt.Sprintf("%s/v%d/%d", row.ID, next.Version, i)
		} else {
			key = fmt.Sprintf("%s/%s/%s/%s/%d", row.ID, eff.Kind, eff.State, eff.Role, eff.At.Unix())
		}
		switch eff.Kind {
		case process.EffectCancelTimer:
			kept := ch.Outbox[:0]
			for _, o := range ch.Outbox {
				if !(o.State == string(eff.State) && !o.DueAt.IsZero()) {
					kept = append(kept, o)
				}
			}
			ch.Outbox = kept
			ch.CancelTimers = append(ch.CancelTimers, string(eff.State))
			continue // nothing to deliver: the timer is gone
		}
		body, err := json.Marshal(eff)
		if err != nil {
			return Change{}, err
		}
		o := OutboxRow{Key: key, InstanceID: row.ID, Version: next.Version, Kind: eff.Kind.String(), State: string(eff.State), Effect: body}
		if eff.Kind == process.EffectStartTimer {
			o.DueAt = eff.At
		}
		ch.Outbox = append(ch.Outbox, o)
	}
	return ch, nil
}

// decodeInstance decodes a stored snapshot.
func decodeInstance(row InstanceRow) (process.Instance, error) {
	in, err := process.ParseInstance(row.Snapshot)
	if err != nil {
		return process.Instance{}, fmt.Errorf("instance %s: stored snapshot: %w", row.ID, err)
	}
	return in, nil
}
