package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/dealreg"
)

// Deal registrations are event-sourced instances of the deal-registration
// workflow (package process). A command loads the instance, applies one
// event with the workflow version the instance started under, and appends
// the resulting events, projection and effects in one transaction; a client
// names the version it decided on (expect_version) and gets 409 if another
// event landed first.

// internalPrefix marks instance data fields partners never see
// ("internal_notes").
const internalPrefix = "internal_"

// RegistrationView is a registration as the API returns it.
type RegistrationView struct {
	ID              string                `json:"id"`
	Partner         partnerops.PartnerID  `json:"partner"`
	Account         partnerops.AccountKey `json:"account"`
	WorkflowVersion int                   `json:"workflow_version"`
	State           process.State         `json:"state"`
	Owner           process.Role          `json:"owner,omitempty"`
	Version         int                   `json:"version"`
	Entered         time.Time             `json:"entered"`
	Due             time.Time             `json:"due,omitzero"`
	Data            process.Data          `json:"data,omitempty"`
	// Allowed are the events the caller may send now.
	Allowed []process.Event `json:"allowed"`
	// Products is the registration's product scope (empty: the whole
	// account).
	Products dealreg.Scope `json:"products,omitzero"`
	// Check is the registration check made at creation (process/dealreg),
	// in the caller's view.
	Check *dealreg.Result `json:"check,omitempty"`
}

func (a *API) registrationView(p Principal, wf *Workflow, row InstanceRow, in process.Instance) RegistrationView {
	v := RegistrationView{ID: row.ID, Partner: row.PartnerID, Account: row.Account, WorkflowVersion: row.DefinitionVersion,
		State: in.State, Owner: wf.Owner(in.State), Version: in.Version, Entered: in.Entered, Due: in.Due,
		Data: visibleData(p, in.Data), Allowed: []process.Event{}}
	if len(row.Products) > 0 {
		json.Unmarshal(row.Products, &v.Products) // written by createRegistration
	}
	for _, e := range wf.Allowed(in.State) {
		if wf.maySend(p, e) {
			v.Allowed = append(v.Allowed, e)
		}
	}
	return v
}

// visibleData drops internal fields for partners.
func visibleData(p Principal, d process.Data) process.Data {
	if p.IsVendor() || len(d) == 0 {
		return d
	}
	out := process.Data{}
	for k, v := range d {
		if !strings.HasPrefix(k, internalPrefix) {
			out[k] = v
		}
	}
	return out
}

// registrationRequest is the body of POST /v1/registrations and of
// POST /v1/registrations/check.
type registrationRequest struct {
	Partner partnerops.PartnerID
	// Account is the normalized key; AccountName the name as given.
	Account     partnerops.AccountKey
	AccountName string
	// Products is the product scope: {"skus": [...], "families": [...]};
	// empty for the whole account.
	Products dealreg.Scope
	Data     process.Data
}

func parseRegistrationRequest(body []byte, withData bool) (registrationRequest, error) {
	known := []string{"partner", "account", "products"}
	if withData {
		known = append(known, "data")
	}
	parts, err := splitObject(body, known, "account")
	if err != nil {
		return registrationRequest{}, err
	}
	var req registrationRequest
	var probs []Problem
	if raw, ok := parts["partner"]; ok {
		if err := json.Unmarshal(raw, &req.Partner); err != nil {
			probs = append(probs, Problem{Path: "partner", Rule: "want a partner ID string"})
		}
	}
	var acct struct {
		Domain string `json:"domain"`
		Name   string `json:"name"`
	}
	if err := decodeStrict(parts["account"], &acct); err != nil {
		for _, p := range err.(*ProblemError).Problems {
			probs = append(probs, Problem{Path: joinPath("account", p.Path), Rule: p.Rule, Value: p.Value})
		}
	} else if req.Account, req.AccountName = partnerops.NewAccountKey(acct.Domain, acct.Name), acct.Name; req.Account.IsZero() {
		probs = append(probs, Problem{Path: "account", Rule: "needs a domain or a name"})
	}
	if raw, ok := parts["products"]; ok {
		if err := decodeStrict(raw, &req.Products); err != nil {
			for _, p := range err.(*ProblemError).Problems {
				probs = append(probs, Problem{Path: joinPath("products", p.Path), Rule: p.Rule, Value: p.Value})
			}
		}
	}
	if raw, ok := parts["data"]; ok {
		if err := json.Unmarshal(raw, &req.Data); err != nil {
			probs = append(probs, problemsOf("data", err)...)
		}
	}
	if len(probs) > 0 {
		return registrationRequest{}, &ProblemError{Msg: "invalid registration", Problems: probs}
	}
	return req, nil
}

// checkedRequest is a registration request resolved: the partner it is
// for, the workflow in force and the registration check.
type checkedRequest struct {
	registrationRequest
	partner partnerops.PartnerID
	wf      *Workflow
	version int
	check   dealreg.Result
}

// checkedRegistration reads a registration request, resolves its partner
// (404 for another partner's, 400 for an unknown one named by a vendor)
// and runs the registration check; on failure it has answered and ok is
// false.
func (a *API) checkedRegistration(w http.ResponseWriter, r *http.Request, withData bool) (c checkedRequest, ok bool) {
	p := principal(r)
	body, ok := a.readBody(w, r, a.maxBody)
	if !ok {
		return c, false
	}
	var err error
	if c.registrationRequest, err = parseRegistrationRequest(body, withData); err != nil {
		a.fail(w, r, err)
		return c, false
	}
	if c.partner, ok = a.partnerFor(w, p, c.Partner); !ok {
		return c, false
	}
	if _, err := a.store.Partner(r.Context(), c.partner); err != nil {
		if errors.Is(err, errNotFound) && p.IsVendor() {
			writeError(w, http.StatusBadRequest, "invalid registration", []Problem{{Path: "partner", Rule: "no such partner", Value: string(c.partner)}})
			return c, false
		}
		a.fail(w, r, err)
		return c, false
	}
	if c.wf, c.version, err = engineOf[*Workflow](a.reg.Current(), kindDealReg.Name); err != nil {
		a.fail(w, r, err)
		return c, false
	}
	if c.check, err = a.runCheck(r.Context(), c.partner, c.Account, c.Products, "", a.now()); err != nil {
		a.fail(w, r, err)
		return c, false
	}
	return c, true
}

// POST /v1/registrations: register a deal. The registration check
// (process/dealreg) runs first and is stored beside the instance. As the
// package doc advises, a refused registration (by default: the partner's
// own duplicate) is rejected at once, in the same transaction, with the
// check's first reason; one to review or approve stays submitted for the
// channel manager's triage.
func (a *API) createRegistration(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	c, ok := a.checkedRegistration(w, r, true)
	if !ok {
		return
	}
	data := process.Data{}
	for k, v := range c.Data {
		data[k] = v
	}
	if c.AccountName != "" {
		data["account_name"] = process.String(c.AccountName)
	}
	if c.Account.Domain != "" {
		data["account_domain"] = process.String(c.Account.Domain)
	}
	data["check"] = process.String(string(c.check.Outcome))
	now := a.now()
	id := newID("DR-")
	c.check.Registration = dealreg.RecordID(id)
	in, effects, err := c.wf.Start(id, process.Trigger{Actor: p.Actor(), Role: processRole(p), Data: data}, now)
	if err != nil {
		a.refused(w, r, err)
		return
	}
	reject := process.Trigger{Event: "reject", Actor: "dealdesk:checks", Role: process.Role(RoleChannelManager)}
	if len(c.check.Reasons) > 0 {
		reject.Reason = c.check.Reasons[0]
	}
	if c.check.Outcome == dealreg.OutcomeRefuse && c.wf.Can(in, reject, now) {
		next, more, err := c.wf.Apply(in, reject, now)
		if err != nil {
			a.internal(w, r, err)
			return
		}
		in, effects = next, append(effects, more...)
	}
	products, err := json.Marshal(c.Products)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	checks, err := json.Marshal(c.check)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	row := InstanceRow{ID: id, Workflow: kindDealReg.Name, DefinitionVersion: c.version, PartnerID: c.partner, Account: c.Account,
		Conflicts: conflictCount(c.check), Products: products, Checks: checks}
	ch, err := changeFor(row, 0, in, effects)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	if err := a.store.CreateInstance(r.Context(), ch, now); err != nil {
		a.fail(w, r, err)
		return
	}
	v := a.registrationView(p, c.wf, ch.Instance, in)
	check := checkView(p, c.check)
	v.Check = &check
	writeJSON(w, http.StatusCreated, v)
}

// POST /v1/registrations/check: the registration check alone.
func (a *API) checkRegistration(w http.ResponseWriter, r *http.Request) {
	c, ok := a.checkedRegistration(w, r, false)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, checkView(principal(r), c.check))
}

// GET /v1/registrations: the caller's registrations (a partner's own).
func (a *API) listRegistrations(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	var only partnerops.PartnerID
	if !p.IsVendor() {
		only = p.PartnerID
	}
	rows, err := a.store.Instances(r.Context(), kindDealReg.Name, only, 500)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]RegistrationView, 0, len(rows))
	for _, row := range rows {
		wf, in, err := a.loadRegistration(r.Context(), row)
		if err != nil {
			a.internal(w, r, err)
			return
		}
		out = append(out, a.registrationView(p, wf, row, in))
	}
	writeJSON(w, http.StatusOK, out)
}

// GET /v1/registrations/{id}: one registration with the check made when
// it was created; add ?format=text for the workflow's explanation of where
// it stands (vendors).
func (a *API) getRegistration(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	row, ok := a.visibleRegistration(w, r)
	if !ok {
		return
	}
	wf, in, err := a.loadRegistration(r.Context(), row)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "text" && p.IsVendor() {
		writeText(w, "text/plain; charset=utf-8", wf.Explain(in, a.now()))
		return
	}
	v := a.registrationView(p, wf, row, in)
	if len(row.Checks) > 0 {
		var check dealreg.Result
		if err := json.Unmarshal(row.Checks, &check); err != nil {
			a.internal(w, r, err)
			return
		}
		check = checkView(p, check)
		v.Check = &check
	}
	writeJSON(w, http.StatusOK, v)
}

// GET /v1/registrations/{id}/events: the history, read from the append-only
// events table. A partner sees the vendor's events without the vendor's
// people and notes.
func (a *API) registrationEvents(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	row, ok := a.visibleRegistration(w, r)
	if !ok {
		return
	}
	rows, err := a.store.Events(r.Context(), row.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]process.Entry, 0, len(rows))
	for _, ev := range rows {
		var e process.Entry
		if err := json.Unmarshal(ev.Entry, &e); err != nil {
			a.internal(w, r, err)
			return
		}
		if !p.IsVendor() {
			e.Data = visibleData(p, e.Data)
			if e.Role != process.RolePartner {
				e.Actor, e.Reason = string(e.Role), ""
			}
		}
		out = append(out, e)
	}
	writeJSON(w, http.StatusOK, out)
}

// GET /v1/registrations/{id}/effects: the instance's outbox rows (vendors).
func (a *API) registrationEffects(w http.ResponseWriter, r *http.Request) {
	row, ok := a.visibleRegistration(w, r)
	if !ok {
		return
	}
	rows, err := a.store.InstanceOutbox(r.Context(), row.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]outboxView, 0, len(rows))
	for _, o := range rows {
		out = append(out, viewOutbox(o))
	}
	writeJSON(w, http.StatusOK, out)
}

// outboxView is an outbox row as the API returns it.
type outboxView struct {
	Key     string          `json:"key"`
	Kind    string          `json:"kind"`
	State   string          `json:"state"`
	Version int             `json:"version"`
	Effect  json.RawMessage `json:"effect"`
	DueAt   time.Time       `json:"due_at,omitzero"`
	DoneAt  time.Time       `json:"done_at,omitzero"`
	Outcome string          `json:"outcome,omitempty"`
}

func viewOutbox(o OutboxRow) outboxView {
	return outboxView{Key: o.Key, Kind: o.Kind, State: o.State, Version: o.Version, Effect: o.Effect,
		DueAt: o.DueAt, DoneAt: o.DoneAt, Outcome: o.Outcome}
}

// eventRequest is the body of POST /v1/registrations/{id}/events.
type eventRequest struct {
	Event process.Event `json:"event"`
	// ExpectVersion is the version the client decided on: required.
	ExpectVersion int          `json:"expect_version"`
	Reason        string       `json:"reason,omitempty"`
	Data          process.Data `json:"data,omitempty"`
}

// POST /v1/registrations/{id}/events: apply one event. 409 with the
// current version when expect_version is stale; 422 with the workflow's
// explanation when the event is not allowed.
func (a *API) postRegistrationEvent(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	row, ok := a.visibleRegistration(w, r)
	if !ok {
		return
	}
	var req eventRequest
	if !a.decodeBody(w, r, &req) {
		return
	}
	var probs []Problem
	if req.Event == "" {
		probs = append(probs, Problem{Path: "event", Rule: "required"})
	}
	if req.ExpectVersion <= 0 {
		probs = append(probs, Problem{Path: "expect_version", Rule: "required: the version you decided on"})
	}
	if len(probs) > 0 {
		writeError(w, http.StatusBadRequest, "invalid event", probs)
		return
	}
	wf, err := a.workflowAt(r.Context(), row.DefinitionVersion)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	if !wf.maySend(p, req.Event) {
		writeError(w, http.StatusForbidden, "a partner may not send "+string(req.Event), nil)
		return
	}
	now := a.now()
	var next process.Instance
	var stored InstanceRow
	err = a.store.UpdateInstance(r.Context(), row.ID, now, func(cur InstanceRow) (Change, error) {
		if cur.Version != req.ExpectVersion {
			return Change{}, &ConflictError{ID: cur.ID, Current: cur.Version, Requested: req.ExpectVersion}
		}
		in, err := decodeInstance(cur)
		if err != nil {
			return Change{}, err
		}
		tr := process.Trigger{Event: req.Event, Actor: p.Actor(), Role: processRole(p), Reason: req.Reason, Data: req.Data,
			ExpectVersion: req.ExpectVersion}
		n, effects, err := wf.Apply(in, tr, now)
		if err != nil {
			return Change{}, err
		}
		ch, err := changeFor(cur, cur.Version, n, effects)
		next, stored = n, ch.Instance
		return ch, err
	})
	if err != nil {
		a.refused(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a.registrationView(p, wf, stored, next))
}

// refused answers a workflow's refusal: 422 with the explanation for a
// refused event, 409 for a version conflict, 400 for invalid data.
func (a *API) refused(w http.ResponseWriter, r *http.Request, err error) {
	var te *process.TransitionError
	switch {
	case errors.As(err, &te):
		b, _ := json.Marshal(te)
		writeJSON(w, http.StatusUnprocessableEntity, errorBody{Error: partnerops.StripPrefixes(te.Error()), Refusal: b})
	case errors.Is(err, process.ErrVersionConflict):
		writeError(w, http.StatusConflict, partnerops.StripPrefixes(err.Error()), nil)
	case partnerops.ValidationErrors(err) != nil:
		writeError(w, http.StatusBadRequest, "invalid event", problemsOf("", err))
	default:
		a.fail(w, r, err)
	}
}

// visibleRegistration loads the {id} registration if the caller may see
// it; otherwise it answers 404 (whether or not it exists) and ok is false.
func (a *API) visibleRegistration(w http.ResponseWriter, r *http.Request) (InstanceRow, bool) {
	row, err := a.store.Instance(r.Context(), r.PathValue("id"))
	if err == nil && (row.Workflow != kindDealReg.Name || !principal(r).Sees(row.PartnerID)) {
		err = errNotFound
	}
	if err != nil {
		a.fail(w, r, err)
		return InstanceRow{}, false
	}
	return row, true
}

// workflowAt returns the workflow version an instance runs under.
func (a *API) workflowAt(ctx context.Context, version int) (*Workflow, error) {
	c, err := a.reg.At(ctx, kindDealReg.Name, version)
	if err != nil {
		return nil, err
	}
	return c.Engine.(*Workflow), nil
}

// loadRegistration decodes a stored registration with its workflow.
func (a *API) loadRegistration(ctx context.Context, row InstanceRow) (*Workflow, process.Instance, error) {
	wf, err := a.workflowAt(ctx, row.DefinitionVersion)
	if err != nil {
		return nil, process.Instance{}, err
	}
	in, err := decodeInstance(row)
	return wf, in, err
}
