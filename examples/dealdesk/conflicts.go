package main

import (
	"context"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
)

// Registration checks.
//
// TODO(issue 16): replace this file with the library's process/dealreg
// package once it is in main: its index answers duplicates (same partner,
// same account, overlapping product scope), conflicts (another partner's
// active registration or an open direct opportunity within its protection
// window) and near-duplicates with the rule that decided, and says whether
// a registration may be approved, must be reviewed or is refused. Until
// then this interim check uses only the root's account identity
// (partnerops.AccountKey.Match, the rule every pillar shares) over the
// registrations in the database: no product scope, no protection window,
// no direct opportunities.

// Finding is one result of a registration check.
type Finding struct {
	// Rule is "duplicate" (the same partner's active registration on the
	// account), "conflict" (another partner's active registration) or
	// "near_duplicate" (same company name, another domain: a warning).
	Rule string `json:"rule"`
	// MatchedOn says which part of the account key matched: "domain" or
	// "name".
	MatchedOn string `json:"matched_on,omitempty"`
	// Registration and Partner name the other record: vendor view only.
	// A partner learns that the account is registered, never by whom.
	Registration string               `json:"registration,omitempty"`
	Partner      partnerops.PartnerID `json:"partner,omitempty"`
	State        string               `json:"state,omitempty"`
}

// CheckResult is the outcome of a registration check.
type CheckResult struct {
	// Decision is "clear" (nothing found), "review" (a conflict or a
	// near-duplicate for the channel manager to resolve) or "duplicate"
	// (the partner has an active registration on the account already).
	Decision string    `json:"decision"`
	Findings []Finding `json:"findings"`
}

// runCheck finds active registrations on the same account. self
// is the registration being checked (excluded), or "".
func (a *API) runCheck(ctx context.Context, wf *Workflow, partner partnerops.PartnerID, key partnerops.AccountKey, self string) (CheckResult, error) {
	rows, err := a.store.InstancesForAccount(ctx, kindDealReg.Name, key)
	if err != nil {
		return CheckResult{}, err
	}
	res := CheckResult{Decision: "clear", Findings: []Finding{}}
	for _, row := range rows {
		if row.ID == self || wf.IsTerminal(process.State(row.State)) {
			continue
		}
		f := Finding{Registration: row.ID, Partner: row.PartnerID, State: row.State}
		rule, _ := key.Match(row.Account)
		switch {
		case rule != partnerops.AccountMatchNone && row.PartnerID == partner:
			f.Rule, f.MatchedOn = "duplicate", string(rule)
			res.Decision = "duplicate"
		case rule != partnerops.AccountMatchNone:
			f.Rule, f.MatchedOn = "conflict", string(rule)
			if res.Decision == "clear" {
				res.Decision = "review"
			}
		case key.NearDuplicate(row.Account):
			f.Rule, f.MatchedOn = "near_duplicate", "name"
			if res.Decision == "clear" {
				res.Decision = "review"
			}
		default:
			continue
		}
		res.Findings = append(res.Findings, f)
	}
	return res, nil
}

// checkView is a check as the principal may see it: a partner sees its own
// duplicates in full and other partners' registrations without their ID,
// partner or state.
func checkView(p Principal, res CheckResult) CheckResult {
	if p.IsVendor() {
		return res
	}
	out := CheckResult{Decision: res.Decision, Findings: make([]Finding, 0, len(res.Findings))}
	for _, f := range res.Findings {
		if f.Partner != p.PartnerID {
			f.Registration, f.Partner, f.State = "", "", ""
		}
		out.Findings = append(out.Findings, f)
	}
	return out
}
