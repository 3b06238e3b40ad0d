package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/dealreg"
)

// Registration checks with the library's process/dealreg: duplicates of
// the partner's own registrations, conflicts with other partners' and with
// the vendor's direct opportunities, near-duplicates, and the outcome
// (approve, review, refuse) with the record, key and rule behind every
// finding.
//
// The library's Index is built for hosts that keep every live record in
// memory (a million of them index in about 1.5 s). A SQL host does not need
// that: the only records that can match a registration share its domain or
// its name, which two indexed columns find, so each check builds a small
// index over those candidates. Registrations come from the instances table
// (status: the workflow state); direct opportunities from the
// opportunities table.

// kindChecks is the registration-check settings (dealreg.Settings).
var kindChecks = Kind{
	Name:  "dealreg_checks",
	Doc:   `{registration-check settings: "active" statuses, "registration_days", "opportunity_days", "conflict_scope", "outcomes"}`,
	Roles: []Role{RoleChannelManager},
	Compile: func(body []byte) (any, []partnerops.Warning, error) {
		s, err := dealreg.ParseSettings(body)
		if err != nil {
			return nil, nil, err
		}
		c, err := dealreg.Compile(s)
		if err != nil {
			return nil, nil, err
		}
		return c, c.Warnings(), nil
	},
}

// runCheck checks a registration (with the ID self when it is stored, ""
// before) against the live registrations and opportunities of its account.
func (a *API) runCheck(ctx context.Context, partner partnerops.PartnerID, key partnerops.AccountKey, products dealreg.Scope, self string, at time.Time) (dealreg.Result, error) {
	checker, _, err := engineOf[*dealreg.Checker](a.reg.Current(), kindChecks.Name)
	if err != nil {
		return dealreg.Result{}, err
	}
	rows, err := a.store.InstancesForAccount(ctx, kindDealReg.Name, key)
	if err != nil {
		return dealreg.Result{}, err
	}
	records := make([]dealreg.Record, 0, len(rows))
	for _, row := range rows {
		rec := dealreg.Record{ID: dealreg.RecordID(row.ID), Kind: dealreg.KindRegistration, Partner: row.PartnerID,
			Account: row.Account, Status: dealreg.Status(row.State), Registered: row.CreatedAt}
		if err := json.Unmarshal(row.Products, &rec.Products); err != nil {
			return dealreg.Result{}, err
		}
		records = append(records, rec)
	}
	opps, err := a.store.OpportunitiesForAccount(ctx, key)
	if err != nil {
		return dealreg.Result{}, err
	}
	records = append(records, opps...)
	idx, err := checker.Index(records)
	if err != nil {
		return dealreg.Result{}, err
	}
	return idx.Check(dealreg.Record{ID: dealreg.RecordID(self), Partner: partner, Account: key, Products: products, Registered: at}, at)
}

// conflictCount counts the findings that are another partner's
// registration (the QBR's channel conflicts).
func conflictCount(res dealreg.Result) int {
	n := 0
	for _, f := range res.Findings {
		if f.Rule == dealreg.RuleConflict {
			n++
		}
	}
	return n
}

// checkView is a check as the principal may see it. Vendors see every
// finding. A partner sees its own records in full, and of anyone else's
// only that the account is protected, by the rule and the key that
// matched: never the other record, partner, status, dates or value.
func checkView(p Principal, res dealreg.Result) dealreg.Result {
	if p.IsVendor() {
		return res
	}
	out := res
	out.Findings = make([]dealreg.Finding, 0, len(res.Findings))
	out.Reasons = []string{}
	for _, f := range res.Findings {
		if f.OtherKind != dealreg.KindRegistration || f.OtherPartner != p.PartnerID {
			var reason string
			switch f.Rule {
			case dealreg.RuleDirectConflict:
				reason = "the vendor's own sales team is working this account"
			case dealreg.RuleNearDuplicate:
				reason = "a company of the same name under another domain is registered"
			default:
				reason = "another registration protects this account"
			}
			f = dealreg.Finding{Rule: f.Rule, Outcome: f.Outcome, OtherKind: f.OtherKind, Match: f.Match, Key: f.Key,
				WholeAccount: f.WholeAccount, Overlap: f.Overlap, Reason: reason}
		}
		out.Findings = append(out.Findings, f)
		if f.Outcome == res.Outcome {
			out.Reasons = append(out.Reasons, f.Reason)
		}
	}
	if len(out.Findings) == 0 {
		out.Reasons = res.Reasons
	}
	return out
}

// Opportunities: the vendor's own (direct) deals, which registrations must
// not collide with.

// POST /v1/opportunities: record or replace a direct opportunity
// (vendors), as a dealreg record of kind "opportunity":
//
//	{"id": "OPP-7", "account": {"domain": "acme.com", "name": "acme"},
//	 "products": {"families": ["security"]}, "status": "open", "registered": "2026-03-01"}
func (a *API) putOpportunity(w http.ResponseWriter, r *http.Request) {
	body, ok := a.readBody(w, r, a.maxBody)
	if !ok {
		return
	}
	rec, err := dealreg.ParseRecord(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid opportunity", problemsOf("", err))
		return
	}
	var probs []Problem
	if rec.ID == "" {
		probs = append(probs, Problem{Path: "id", Rule: "required"})
	}
	if rec.Kind == "" {
		rec.Kind = dealreg.KindOpportunity
	}
	if rec.Kind != dealreg.KindOpportunity || rec.Partner != "" {
		probs = append(probs, Problem{Path: "kind", Rule: `an opportunity is the vendor's own: kind "opportunity", no partner`})
	}
	// Keys are compared as given: normalize them as registrations are.
	rec.Account = partnerops.NewAccountKey(rec.Account.Domain, rec.Account.Name)
	if rec.Account.IsZero() {
		probs = append(probs, Problem{Path: "account", Rule: "needs a domain or a name"})
	}
	if rec.Registered.IsZero() {
		rec.Registered = a.now()
	}
	if len(probs) > 0 {
		writeError(w, http.StatusBadRequest, "invalid opportunity", probs)
		return
	}
	if err := a.store.PutOpportunity(r.Context(), rec, a.now()); err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

// GET /v1/opportunities: every direct opportunity (vendors).
func (a *API) listOpportunities(w http.ResponseWriter, r *http.Request) {
	recs, err := a.store.Opportunities(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if recs == nil {
		recs = []dealreg.Record{}
	}
	writeJSON(w, http.StatusOK, recs)
}

// PutOpportunity stores a direct opportunity, replacing one with its ID.
func (s *Store) PutOpportunity(ctx context.Context, rec dealreg.Record, now time.Time) error {
	body, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO opportunities (id, account_domain, account_name, record, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET account_domain = excluded.account_domain, account_name = excluded.account_name,
			record = excluded.record, updated_at = excluded.updated_at`,
		string(rec.ID), rec.Account.Domain, rec.Account.Name, string(body), unixNano(now))
	return err
}

func scanOpportunity(sc scanner) (dealreg.Record, error) {
	var body string
	if err := sc.Scan(&body); err != nil {
		return dealreg.Record{}, err
	}
	rec, err := dealreg.ParseRecord([]byte(body))
	if err != nil {
		return dealreg.Record{}, errors.Join(errors.New("stored opportunity"), err)
	}
	return rec, nil
}

// Opportunities lists the direct opportunities by ID.
func (s *Store) Opportunities(ctx context.Context) ([]dealreg.Record, error) {
	return queryAll(ctx, s.db, scanOpportunity, `SELECT record FROM opportunities ORDER BY id`)
}

// OpportunitiesForAccount lists the opportunities that share a domain or a
// name with k.
func (s *Store) OpportunitiesForAccount(ctx context.Context, k partnerops.AccountKey) ([]dealreg.Record, error) {
	return queryAll(ctx, s.db, scanOpportunity, `SELECT record FROM opportunities
		WHERE (account_domain <> '' AND account_domain = ?) OR (account_name <> '' AND account_name = ?) ORDER BY id`,
		k.Domain, k.Name)
}
