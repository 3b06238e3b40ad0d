package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/partnerops/partnerops/process/dealreg"
)

// TestEveryRouteWithoutTokenAndWithAnotherPartners tries every route with
// no token, an unknown token, and the token of a partner that does not own
// the records: 401, 401, and 404 for another partner's records (the same
// body as for an ID that does not exist, so nothing can be enumerated) or
// 403 for a route partners may not use at all.
func TestEveryRouteWithoutTokenAndWithAnotherPartners(t *testing.T) {
	e := newEnv(t)
	initech := e.tokens["initech"]
	var q QuoteRecord
	e.must(http.StatusCreated, "POST", "/v1/quotes", initech, map[string]any{"quote": sampleQuote()}, &q)
	reg := e.register("initech", "umbrella.com", "50000")

	quote := map[string]any{"partner": "initech", "quote": sampleQuote()}
	cases := []struct {
		pattern string // the route, as API.routes names it
		path    string
		body    any
		other   int // status for globex's token
	}{
		{"GET /healthz", "/healthz", nil, http.StatusOK},
		{"GET /v1/definitions", "/v1/definitions", nil, http.StatusForbidden},
		{"GET /v1/definitions/{kind}", "/v1/definitions/pricing", nil, http.StatusForbidden},
		{"GET /v1/definitions/{kind}/{version}", "/v1/definitions/pricing/1", nil, http.StatusForbidden},
		{"POST /v1/definitions/{kind}", "/v1/definitions/pricing", "{}", http.StatusForbidden},
		{"POST /v1/partners", "/v1/partners", `{"id":"x","name":"X","type":"reseller"}`, http.StatusForbidden},
		{"GET /v1/partners/{partner}", "/v1/partners/initech", nil, http.StatusNotFound},
		{"POST /v1/tokens", "/v1/tokens", `{"label":"x","role":"partner","partner":"initech"}`, http.StatusForbidden},
		{"POST /v1/quotes", "/v1/quotes", quote, http.StatusNotFound},
		{"GET /v1/quotes", "/v1/quotes", nil, http.StatusOK},
		{"GET /v1/quotes/{id}", "/v1/quotes/" + q.ID, nil, http.StatusNotFound},
		{"GET /v1/quotes/{id}/waterfall", "/v1/quotes/" + q.ID + "/waterfall", nil, http.StatusNotFound},
		{"POST /v1/registrations", "/v1/registrations", `{"partner":"initech","account":{"domain":"acme.com"}}`, http.StatusNotFound},
		{"POST /v1/registrations/check", "/v1/registrations/check", `{"partner":"initech","account":{"domain":"acme.com"}}`, http.StatusNotFound},
		{"GET /v1/registrations", "/v1/registrations", nil, http.StatusOK},
		{"GET /v1/registrations/{id}", "/v1/registrations/" + reg, nil, http.StatusNotFound},
		{"GET /v1/registrations/{id}/events", "/v1/registrations/" + reg + "/events", nil, http.StatusNotFound},
		{"POST /v1/registrations/{id}/events", "/v1/registrations/" + reg + "/events", `{"event":"withdraw","expect_version":1}`, http.StatusNotFound},
		{"GET /v1/registrations/{id}/effects", "/v1/registrations/" + reg + "/effects", nil, http.StatusForbidden},
		{"POST /v1/opportunities", "/v1/opportunities", `{"id":"OPP-1","kind":"opportunity","account":{"domain":"x.com"},"status":"open"}`, http.StatusForbidden},
		{"GET /v1/opportunities", "/v1/opportunities", nil, http.StatusForbidden},
		{"POST /v1/accounts/score", "/v1/accounts/score", `{"accounts":[{"id":"a","attributes":{"country":"US"}}]}`, http.StatusOK},
		{"POST /v1/partners/{partner}/observations", "/v1/partners/initech/observations", `{"observations":[]}`, http.StatusForbidden},
		{"GET /v1/partners/{partner}/scorecard", "/v1/partners/initech/scorecard", nil, http.StatusNotFound},
		{"GET /v1/partners/{partner}/qbr", "/v1/partners/initech/qbr", nil, http.StatusNotFound},
		{"POST /v1/sweep", "/v1/sweep", `{}`, http.StatusForbidden},
	}

	// Every route of the API is in the table.
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.pattern] = true
	}
	for _, rt := range e.api.routes() {
		if !covered[rt.pattern] {
			t.Errorf("route %s is not tried", rt.pattern)
		}
	}

	notFound := string(e.must(http.StatusNotFound, "GET", "/v1/quotes/Q-doesnotexist", initech, nil, nil))
	for _, c := range cases {
		method := strings.Fields(c.pattern)[0]
		t.Run(c.pattern, func(t *testing.T) {
			if c.pattern != "GET /healthz" {
				if got, body := e.do(method, c.path, "", c.body); got != http.StatusUnauthorized {
					t.Errorf("no token: %d, want 401: %s", got, body)
				}
				if got, body := e.do(method, c.path, "ddk_forged", c.body); got != http.StatusUnauthorized {
					t.Errorf("unknown token: %d, want 401: %s", got, body)
				}
			}
			got, body := e.do(method, c.path, e.tokens["globex"], c.body)
			if got != c.other {
				t.Fatalf("another partner's token: %d, want %d: %s", got, c.other, body)
			}
			if got == http.StatusNotFound && string(body) != notFound {
				t.Errorf("another partner's record answers %s, an unknown ID %s", body, notFound)
			}
			if strings.Contains(string(body), q.ID) || strings.Contains(string(body), reg) || strings.Contains(string(body), "initech") {
				t.Errorf("another partner sees initech's records: %s", body)
			}
		})
	}

	// The owner reaches its records on the same routes.
	for _, path := range []string{"/v1/quotes/" + q.ID, "/v1/quotes/" + q.ID + "/waterfall", "/v1/registrations/" + reg,
		"/v1/registrations/" + reg + "/events", "/v1/partners/initech"} {
		e.must(http.StatusOK, "GET", path, initech, nil, nil)
	}
}

// TestTokensStoredHashed checks that the database holds the SHA-256 of
// each token and never the token.
func TestTokensStoredHashed(t *testing.T) {
	e := newEnv(t)
	rows, err := e.store.db.Query(`SELECT hash FROM tokens`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	hashes := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		hashes[h] = true
	}
	if len(hashes) != len(e.tokens) {
		t.Fatalf("%d token rows, want %d", len(hashes), len(e.tokens))
	}
	for name, tok := range e.tokens {
		sum := sha256.Sum256([]byte(tok))
		if !hashes[hex.EncodeToString(sum[:])] {
			t.Errorf("token of %s: its SHA-256 is not stored", name)
		}
		if n := e.count(`SELECT COUNT(*) FROM tokens WHERE hash = ? OR label = ?`, tok, tok); n != 0 {
			t.Errorf("token of %s stored in clear", name)
		}
	}
}

// TestPartnerListsOnlyItsOwn checks the list routes.
func TestPartnerListsOnlyItsOwn(t *testing.T) {
	e := newEnv(t)
	a := e.register("initech", "a.example", "1000")
	b := e.register("globex", "b.example", "1000")
	for _, c := range []struct {
		token string
		want  []string
	}{
		{e.tokens["initech"], []string{a}},
		{e.tokens["globex"], []string{b}},
		{e.tokens["channel_manager"], []string{a, b}},
	} {
		var got []RegistrationView
		e.must(http.StatusOK, "GET", "/v1/registrations", c.token, nil, &got)
		var ids []string
		for _, r := range got {
			ids = append(ids, r.ID)
		}
		slices.Sort(ids)
		slices.Sort(c.want)
		if strings.Join(ids, ",") != strings.Join(c.want, ",") {
			t.Errorf("list = %v, want %v", ids, c.want)
		}
	}
}

// TestConflictCheckHidesOtherPartners checks that a partner learns that an
// account is registered, never by whom, while the channel manager sees the
// other record.
func TestConflictCheckHidesOtherPartners(t *testing.T) {
	e := newEnv(t)
	reg := e.register("initech", "umbrella.com", "1000")
	body := `{"account":{"domain":"https://www.Umbrella.com/contact"}}`
	var partnerView dealreg.Result
	out := e.must(http.StatusOK, "POST", "/v1/registrations/check", e.tokens["globex"], body, &partnerView)
	if partnerView.Outcome != dealreg.OutcomeReview || len(partnerView.Findings) != 1 || partnerView.Findings[0].Rule != dealreg.RuleConflict {
		t.Fatalf("partner view = %s", out)
	}
	if strings.Contains(string(out), reg) || strings.Contains(string(out), "initech") {
		t.Errorf("partner view names the other registration: %s", out)
	}
	var vendorView dealreg.Result
	e.must(http.StatusOK, "POST", "/v1/registrations/check", e.tokens["channel_manager"],
		`{"partner":"globex","account":{"domain":"umbrella.com"}}`, &vendorView)
	if len(vendorView.Findings) != 1 || string(vendorView.Findings[0].Other) != reg || vendorView.Findings[0].OtherPartner != "initech" {
		t.Errorf("vendor view = %+v", vendorView)
	}
	// The same partner again: its own duplicate, in full.
	var dup dealreg.Result
	e.must(http.StatusOK, "POST", "/v1/registrations/check", e.tokens["initech"], body, &dup)
	if dup.Outcome != dealreg.OutcomeRefuse || dup.Findings[0].Rule != dealreg.RuleDuplicate || string(dup.Findings[0].Other) != reg {
		t.Errorf("own duplicate = %+v", dup)
	}
}

func sampleQuote() map[string]any {
	return map[string]any{"book": "us", "lines": []map[string]string{
		{"sku": "SEC-100", "quantity": "120"}, {"sku": "STO-100", "quantity": "10"}}}
}

// decodeJSON is a test shorthand.
func decodeJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
}
