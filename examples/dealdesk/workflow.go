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
// the new history entries make, the new snapshot and the outbox rows of the
// effects. Each outbox row is keyed by the effect's own identity,
// Effect.Key ("DR-x/3/0": instance, version, index), so a retried command
// or a sweeper that sees the same wake-up twice enqueues it once: the
// outbox ignores a key it holds already.
//
// An instance has one timer, its next wake-up (process.Instance.Wake): a
// start_timer effect replaces the pending timer, a cancel_timer removes
// it. Firing the timer means calling Advance, which issues whatever is due
// then (a reminder, a breach, the next escalation level) and records it in
// the history, so nothing is issued twice.
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
	for _, eff := range effects {
		switch eff.Kind {
		case process.EffectCancelTimer, process.EffectStartTimer:
			// Either way the instance's pending timer goes; a start_timer
			// then enqueues the new one.
			ch.CancelTimers = true
			kept := ch.Outbox[:0]
			for _, o := range ch.Outbox {
				if o.DueAt.IsZero() {
					kept = append(kept, o)
				}
			}
			ch.Outbox = kept
			if eff.Kind == process.EffectCancelTimer {
				continue // nothing to deliver: the timer is gone
			}
		}
		body, err := json.Marshal(eff)
		if err != nil {
			return Change{}, err
		}
		o := OutboxRow{Key: eff.Key(), InstanceID: row.ID, Version: next.Version, Kind: eff.Kind.String(), State: string(eff.State), Effect: body}
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
