package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/partnerops/partnerops/process/dealreg"
)

// TestOwnDuplicateIsRejected: a partner's second registration of an
// account it holds is refused by the check and rejected at once, with the
// check's reason in the history; the first one is untouched.
func TestOwnDuplicateIsRejected(t *testing.T) {
	e := newEnv(t)
	first := e.register("initech", "umbrella.com", "1000")
	var v RegistrationView
	e.must(http.StatusCreated, "POST", "/v1/registrations", e.tokens["initech"],
		`{"account":{"domain":"umbrella.com"}}`, &v)
	if v.State != "rejected" || v.Check == nil || v.Check.Outcome != dealreg.OutcomeRefuse {
		t.Fatalf("duplicate: state %s, check %+v", v.State, v.Check)
	}
	hist := storedHistory(t, e, v.ID)
	last := hist[len(hist)-1]
	if last.Event != "reject" || !strings.Contains(last.Reason, first) {
		t.Errorf("last event %s (%q), want a reject naming %s", last.Event, last.Reason, first)
	}
	var again RegistrationView
	e.must(http.StatusOK, "GET", "/v1/registrations/"+v.ID, e.tokens["initech"], nil, &again)
	if again.Check == nil || again.Check.Outcome != dealreg.OutcomeRefuse {
		t.Errorf("the stored check is not served: %+v", again.Check)
	}
	row, err := e.store.Instance(context.Background(), first)
	if err != nil || row.State != "submitted" {
		t.Fatalf("first registration: %s %v", row.State, err)
	}
}

// TestDirectOpportunityConflicts: the vendor's own opportunity on an
// account conflicts with a registration whose products overlap, and not
// with one for other products; a partner never sees the opportunity.
func TestDirectOpportunityConflicts(t *testing.T) {
	e := newEnv(t)
	dd := e.tokens["deal_desk"]
	e.must(http.StatusOK, "POST", "/v1/opportunities", dd,
		`{"id":"OPP-7","account":{"domain":"https://acme.com","name":"ACME Inc."},"products":{"families":["security"]},"status":"open","registered":"2026-02-01"}`, nil)
	e.must(http.StatusBadRequest, "POST", "/v1/opportunities", dd, `{"id":"OPP-8","partner":"initech","account":{"domain":"x.com"}}`, nil)
	e.must(http.StatusBadRequest, "POST", "/v1/opportunities", dd, `{"id":"OPP-9","acount":{"domain":"x.com"}}`, nil)
	var opps []dealreg.Record
	e.must(http.StatusOK, "GET", "/v1/opportunities", dd, nil, &opps)
	if len(opps) != 1 || opps[0].Account.Domain != "acme.com" {
		t.Fatalf("opportunities = %+v", opps)
	}

	var v RegistrationView
	out := e.must(http.StatusCreated, "POST", "/v1/registrations", e.tokens["initech"],
		`{"account":{"domain":"acme.com"},"products":{"families":["security"]}}`, &v)
	if v.State != "submitted" || v.Check.Outcome != dealreg.OutcomeReview || v.Check.Findings[0].Rule != dealreg.RuleDirectConflict {
		t.Fatalf("overlapping registration: %s", out)
	}
	if strings.Contains(string(out), "OPP-7") {
		t.Errorf("the partner sees the vendor's opportunity: %s", out)
	}
	var vendor RegistrationView
	e.must(http.StatusOK, "GET", "/v1/registrations/"+v.ID, dd, nil, &vendor)
	if string(vendor.Check.Findings[0].Other) != "OPP-7" {
		t.Errorf("the deal desk does not see the opportunity: %+v", vendor.Check)
	}

	var other RegistrationView
	e.must(http.StatusCreated, "POST", "/v1/registrations", e.tokens["globex"],
		`{"account":{"domain":"acme.com"},"products":{"families":["storage"]}}`, &other)
	if other.Check.Outcome != dealreg.OutcomeApprove {
		t.Errorf("storage registration: %+v", other.Check)
	}
}

// TestExpiredRegistrationStopsProtecting: once the sweeper expires a
// registration, another partner's registration of the account is clear.
func TestExpiredRegistrationStopsProtecting(t *testing.T) {
	e := newEnv(t)
	reg := e.register("initech", "umbrella.com", "1000")
	e.approve(reg)
	var before dealreg.Result
	e.must(http.StatusOK, "POST", "/v1/registrations/check", e.tokens["globex"], `{"account":{"domain":"umbrella.com"}}`, &before)
	if before.Outcome != dealreg.OutcomeReview {
		t.Fatalf("while approved: %+v", before)
	}
	if _, err := e.api.Sweep(context.Background(), e.clock.Now().AddDate(0, 0, 91)); err != nil {
		t.Fatal(err)
	}
	var after dealreg.Result
	e.must(http.StatusOK, "POST", "/v1/registrations/check", e.tokens["globex"], `{"account":{"domain":"umbrella.com"}}`, &after)
	if after.Outcome != dealreg.OutcomeApprove || len(after.Findings) != 0 {
		t.Fatalf("after expiry: %+v", after)
	}
}
