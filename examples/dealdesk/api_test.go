package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBadInputGets400WithPaths sends malformed requests: each answers 400
// with the library's paths.
func TestBadInputGets400WithPaths(t *testing.T) {
	e := newEnv(t)
	initech := e.tokens["initech"]
	reg := e.register("initech", "a.example", "1")
	cases := []struct {
		name, method, path, body string
		wantPath                 string
	}{
		{"quote line field misspelt", "POST", "/v1/quotes", `{"quote":{"book":"us","lines":[{"sku":"SEC-100","qty":"1"}]}}`, "quote.lines[0].qty"},
		{"quote quantity as a word", "POST", "/v1/quotes", `{"quote":{"book":"us","lines":[{"sku":"SEC-100","quantity":"many"}]}}`, "quote.lines[0].quantity"},
		{"quote unknown SKU", "POST", "/v1/quotes", `{"quote":{"book":"us","lines":[{"sku":"NOPE","quantity":"1"}]}}`, ""},
		{"quote claims a tier", "POST", "/v1/quotes", `{"quote":{"book":"us","partner":{"id":"initech","tier":"platinum"},"lines":[{"sku":"SEC-100","quantity":"1"}]}}`, "quote.partner"},
		{"quote claims a registration status", "POST", "/v1/quotes", `{"quote":{"book":"us","deal_registration":"approved","lines":[{"sku":"SEC-100","quantity":"1"}]}}`, "quote.deal_registration"},
		{"envelope key misspelt", "POST", "/v1/quotes", `{"qoute":{}}`, "qoute"},
		{"duplicate key", "POST", "/v1/quotes", `{"quote":{"lines":[]},"quote":{"lines":[]}}`, "quote"},
		{"trailing data", "POST", "/v1/registrations/" + reg + "/events", `{"event":"withdraw","expect_version":1} {}`, ""},
		{"event without a version", "POST", "/v1/registrations/" + reg + "/events", `{"event":"withdraw"}`, "expect_version"},
		{"event data of the wrong shape", "POST", "/v1/registrations/" + reg + "/events", `{"event":"withdraw","expect_version":1,"data":{"x":5}}`, ""},
		{"registration without an account", "POST", "/v1/registrations", `{"account":{}}`, "account"},
		{"registration account field misspelt", "POST", "/v1/registrations", `{"account":{"domian":"x.com"}}`, "account.domian"},
		{"account attribute not a number", "POST", "/v1/accounts/score", `{"accounts":[{"id":"acct-1","attributes":{"employees":"lots"}}]}`, "accounts[acct-1].attributes"},
		{"duplicate account", "POST", "/v1/accounts/score", `{"accounts":[{"id":"a"},{"id":"a"}]}`, "accounts[a].id"},
		{"scorecard quarter", "GET", "/v1/partners/initech/scorecard?fy=2027&q=9", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var eb errorBody
			var body any
			if c.body != "" {
				body = c.body
			}
			e.must(http.StatusBadRequest, c.method, c.path, initech, body, &eb)
			if eb.Error == "" || len(eb.Problems) == 0 {
				t.Fatalf("400 without problems: %+v", eb)
			}
			if c.wantPath == "" {
				return
			}
			for _, p := range eb.Problems {
				if strings.HasPrefix(p.Path, c.wantPath) {
					return
				}
			}
			t.Errorf("no problem at %s: %+v", c.wantPath, eb.Problems)
		})
	}
}

// TestBodiesAreSizeLimited sends a body over the limit: 413, nothing read
// beyond it.
func TestBodiesAreSizeLimited(t *testing.T) {
	e := newEnv(t)
	big := `{"quote":{"lines":[],"id":"` + strings.Repeat("x", 2<<20) + `"}}`
	if status, body := e.do("POST", "/v1/quotes", e.tokens["initech"], big); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("2 MiB quote: %d %s", status, body)
	}
	huge := bytes.Repeat([]byte(" "), 5<<20)
	if status, _ := e.do("POST", "/v1/definitions/pricing", e.tokens["deal_desk"], huge); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("5 MiB definition: %d", status)
	}
}

// TestPartnerQuoteHidesCost: a partner's view of its quote has no unit
// cost, floor or skipped rules; the deal desk sees them.
func TestPartnerQuoteHidesCost(t *testing.T) {
	e := newEnv(t)
	var q QuoteRecord
	e.must(http.StatusCreated, "POST", "/v1/quotes", e.tokens["initech"], map[string]any{"quote": sampleQuote()}, &q)
	for _, key := range []string{`"cost"`, `"floor"`, `"skipped"`} {
		if bytes.Contains(q.Result, []byte(key)) {
			t.Errorf("partner view has %s", key)
		}
	}
	md := e.must(http.StatusOK, "GET", "/v1/quotes/"+q.ID+"/waterfall", e.tokens["initech"], nil, nil)
	if bytes.Contains(md, []byte("Skipped")) {
		t.Errorf("partner waterfall lists skipped rules:\n%s", md)
	}
	var vendor QuoteRecord
	e.must(http.StatusOK, "GET", "/v1/quotes/"+q.ID, e.tokens["deal_desk"], nil, &vendor)
	if !bytes.Contains(vendor.Result, []byte(`"cost"`)) {
		t.Errorf("deal desk view lacks the cost: %s", vendor.Result)
	}
}

// TestQuoteWithRegistration: the registration's workflow state, never the
// caller, decides the deal-registration discount.
func TestQuoteWithRegistration(t *testing.T) {
	e := newEnv(t)
	initech := e.tokens["initech"]
	reg := e.register("initech", "umbrella.com", "50000")
	price := func() string {
		var q QuoteRecord
		e.must(http.StatusCreated, "POST", "/v1/quotes", initech, map[string]any{"registration": reg, "quote": sampleQuote()}, &q)
		var res struct {
			NetTotal struct{ Amount string } `json:"net_total"`
		}
		decodeJSON(t, q.Result, &res)
		return res.NetTotal.Amount
	}
	pending := price()
	e.approve(reg)
	approved := price()
	if pending != "9440.00" || approved == pending {
		t.Fatalf("net total %s while submitted, %s once approved", pending, approved)
	}
	// Another partner's registration cannot be named, even by the deal
	// desk for another partner's quote.
	other := e.register("globex", "b.example", "1")
	e.must(http.StatusNotFound, "POST", "/v1/quotes", initech, map[string]any{"registration": other, "quote": sampleQuote()}, nil)
	e.must(http.StatusBadRequest, "POST", "/v1/quotes", e.tokens["deal_desk"], map[string]any{"partner": "initech", "registration": other, "quote": sampleQuote()}, nil)
}

// TestRegistrationRefusals: a refused event answers 422 with the
// workflow's explanation; an event a partner may not send, 403.
func TestRegistrationRefusals(t *testing.T) {
	e := newEnv(t)
	reg := e.register("initech", "umbrella.com", "2000000")
	status, out := e.do("POST", "/v1/registrations/"+reg+"/events", e.tokens["initech"], `{"event":"approve","expect_version":1}`)
	if status != http.StatusForbidden {
		t.Fatalf("partner approves its own registration: %d %s", status, out)
	}
	var eb errorBody
	e.must(http.StatusUnprocessableEntity, "POST", "/v1/registrations/"+reg+"/events", e.tokens["channel_manager"], `{"event":"approve","expect_version":1}`, &eb)
	var refusal struct {
		State   string   `json:"state"`
		Reason  string   `json:"reason"`
		Allowed []string `json:"allowed"`
	}
	decodeJSON(t, eb.Refusal, &refusal)
	if refusal.State != "submitted" || refusal.Reason != "invalid_transition" || len(refusal.Allowed) == 0 {
		t.Errorf("refusal = %s", eb.Refusal)
	}
	// A large deal needs the deal desk's approval after the channel
	// manager's: the channel manager cannot approve twice.
	cm := e.tokens["channel_manager"]
	if s, _ := e.event(reg, cm, "start_review", 1); s != http.StatusOK {
		t.Fatal(s)
	}
	if s, v := e.event(reg, cm, "approve", 2); s != http.StatusOK || v.State != "under_review" {
		t.Fatalf("first approval: %d %s", s, v.State)
	}
	if s, _ := e.event(reg, cm, "approve", 3); s != http.StatusUnprocessableEntity {
		t.Fatalf("second approval by the channel manager: %d", s)
	}
	if s, v := e.event(reg, e.tokens["deal_desk"], "approve", 3); s != http.StatusOK || v.State != "approved" {
		t.Fatalf("deal desk approval: %d %s", s, v.State)
	}
	// The partner's view of the history names no vendor person.
	var hist []map[string]any
	e.must(http.StatusOK, "GET", "/v1/registrations/"+reg+"/events", e.tokens["initech"], nil, &hist)
	for _, h := range hist {
		if actor, _ := h["actor"].(string); strings.Contains(actor, ":") && !strings.HasPrefix(actor, "partner:") {
			t.Errorf("partner sees vendor actor %q", actor)
		}
	}
}

// TestScoreAccounts scores posted accounts with explanations.
func TestScoreAccounts(t *testing.T) {
	e := newEnv(t)
	body := `{"accounts":[
		{"id":"umbrella","attributes":{"industry":"SaaS","employees":"800","tech":"aws,snowflake","growth":"30","intent":"demo","country":"US"}},
		{"id":"tiny","attributes":{"industry":"retail","employees":"12","country":"US"}},
		{"id":"embargoed","attributes":{"industry":"saas","employees":"800","country":"XX"}}],
		"explain": true}`
	var res scoreResponse
	e.must(http.StatusOK, "POST", "/v1/accounts/score", e.tokens["globex"], body, &res)
	if res.ModelVersion != 1 || len(res.Accounts) != 3 {
		t.Fatalf("%+v", res)
	}
	if res.Accounts[0].Score.Grade != "A" || res.Accounts[0].Explanation == nil || len(res.Accounts[0].Explanation.Contributions) == 0 {
		t.Errorf("umbrella: %+v", res.Accounts[0])
	}
	if !res.Accounts[2].Score.Disqualified {
		t.Errorf("embargoed account not disqualified: %+v", res.Accounts[2].Score)
	}
	if len(res.Top) == 0 || res.Top[0].ID != "umbrella" {
		t.Errorf("top = %+v", res.Top)
	}
}

// TestScorecardAndQBR posts a quarter of observations and reads the
// scorecard and QBR: a partner gets the external view (no internal
// metric), the channel manager the internal one.
func TestScorecardAndQBR(t *testing.T) {
	e := newEnv(t)
	cm := e.tokens["channel_manager"]
	// The program's fiscal year starts in February: t0 (2 March 2026) is
	// in FY2027 Q1, February to April 2026.
	observeSample(t, e)
	var obs []map[string]any
	decodeJSON(t, []byte(`[{"metric":"deal_regs","at":"2026-02-05T00:00:00Z","value":"1","key":"again"}]`), &obs)
	var stored map[string]int
	e.must(http.StatusOK, "POST", "/v1/partners/initech/observations", cm, map[string]any{"observations": obs}, &stored)
	// Posting again replaces, never doubles.
	e.must(http.StatusOK, "POST", "/v1/partners/initech/observations", cm, map[string]any{"observations": obs}, nil)
	if n := e.count(`SELECT COUNT(*) FROM observations WHERE key = 'again'`); n != 1 {
		t.Fatalf("%d observations stored for one fact posted twice, want 1", n)
	}
	e.must(http.StatusBadRequest, "POST", "/v1/partners/initech/observations", cm, `{"observations":[{"metric":"nope","at":"2026-03-01T00:00:00Z","value":"1"}]}`, nil)

	external := string(e.must(http.StatusOK, "GET", "/v1/partners/initech/scorecard?fy=2027&q=1", e.tokens["initech"], nil, nil))
	internal := string(e.must(http.StatusOK, "GET", "/v1/partners/initech/scorecard?fy=2027&q=1", cm, nil, nil))
	if strings.Contains(external, "Support cost") || !strings.Contains(internal, "Support cost") {
		t.Errorf("internal metric: external view\n%s\ninternal view\n%s", external, internal)
	}
	if !strings.Contains(external, "FY2027-Q1") {
		t.Errorf("scorecard does not name the quarter:\n%s", external)
	}
	// One registration of the quarter ran into another partner's.
	e.register("globex", "umbrella.com", "1")
	e.register("initech", "umbrella.com", "1")
	qbr := string(e.must(http.StatusOK, "GET", "/v1/partners/initech/qbr?fy=2027&q=1", e.tokens["initech"], nil, nil))
	if !strings.Contains(qbr, "Channel conflicts this quarter: 1") {
		t.Errorf("QBR does not count the conflict:\n%s", qbr)
	}
	if strings.Contains(qbr, "Support cost") || !strings.Contains(qbr, "Initech") {
		t.Errorf("partner QBR:\n%s", qbr)
	}
	var js map[string]any
	e.must(http.StatusOK, "GET", "/v1/partners/initech/qbr?format=json", cm, nil, &js)
	// A vendor may ask for the external view to see what the partner sees.
	asPartner := string(e.must(http.StatusOK, "GET", "/v1/partners/initech/scorecard?fy=2027&q=1&view=external", cm, nil, nil))
	if asPartner != external {
		t.Errorf("vendor's external view differs from the partner's")
	}
}

// TestRunStartsWithSamples runs the program's run function on a loopback
// port: it prints the seeded tokens once, serves, and stops with its
// context; a second start on the same database prints no tokens.
func TestRunStartsWithSamples(t *testing.T) {
	path := t.TempDir() + "/run.db"
	start := func() (string, string, context.CancelFunc, chan error) {
		ctx, cancel := context.WithCancel(context.Background())
		out := &syncWriter{}
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() { done <- run(ctx, []string{"-db", path, "-addr", "127.0.0.1:0", "-sweep", "0"}, out, ready) }()
		select {
		case addr := <-ready:
			return addr, out.String(), cancel, done
		case err := <-done:
			t.Fatalf("run: %v", err)
		case <-time.After(30 * time.Second):
			t.Fatal("run did not start")
		}
		return "", "", cancel, done
	}
	addr, out, cancel, done := start()
	if !strings.Contains(out, "SAMPLE") || strings.Count(out, tokenPrefix) != 4 {
		t.Fatalf("first start printed:\n%s", out)
	}
	var tok string
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, tokenPrefix) {
			tok = f // the last: a partner's
		}
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/v1/quotes", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var quotes []json.RawMessage
	json.NewDecoder(resp.Body).Decode(&quotes)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/quotes with a seeded token: %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	_, out, cancel, done = start()
	if strings.Contains(out, tokenPrefix) {
		t.Errorf("second start printed tokens:\n%s", out)
	}
	cancel()
	<-done
}

// syncWriter is a buffer safe for the server's output and the test.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestPagesParse serves the quote's waterfall, the scorecard and the QBR
// as printable HTML pages and SVG charts: each parses as XML under a
// no-script content security policy, and a partner's shows no skipped rule
// (the vendor's policy) and no internal metric.
func TestPagesParse(t *testing.T) {
	e := newEnv(t)
	var q QuoteRecord
	e.must(http.StatusCreated, "POST", "/v1/quotes", e.tokens["initech"], map[string]any{"quote": sampleQuote()}, &q)
	observeSample(t, e)
	const html, svg = "text/html; charset=utf-8", "image/svg+xml"
	for _, c := range []struct {
		token, path, contentType, want string
	}{
		{e.tokens["initech"], "/v1/quotes/" + q.ID + "/waterfall?format=html", html, "9440.00"},
		{e.tokens["initech"], "/v1/quotes/" + q.ID + "/waterfall?format=svg", svg, "9440.00"},
		{e.tokens["deal_desk"], "/v1/quotes/" + q.ID + "/waterfall?format=html", html, "tier-silver"},
		{e.tokens["initech"], "/v1/partners/initech/scorecard?fy=2027&q=1&format=html", html, "Bookings"},
		{e.tokens["initech"], "/v1/partners/initech/scorecard?fy=2027&q=1&format=svg", svg, "Selling motion"},
		{e.tokens["channel_manager"], "/v1/partners/initech/scorecard?fy=2027&q=1&format=html", html, "Support cost"},
		{e.tokens["initech"], "/v1/partners/initech/qbr?fy=2027&q=1&format=html", html, "Initech"},
	} {
		req, _ := http.NewRequest("GET", e.srv.URL+c.path, nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		resp, err := e.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != c.contentType {
			t.Fatalf("%s: %d %s", c.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q", c.path, csp)
		}
		dec := xml.NewDecoder(bytes.NewReader(body))
		dec.Strict = true
		dec.Entity = xml.HTMLEntity
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s does not parse: %v", c.path, err)
			}
		}
		if !bytes.Contains(body, []byte(c.want)) {
			t.Errorf("%s lacks %q", c.path, c.want)
		}
		if c.token == e.tokens["initech"] {
			for _, hidden := range []string{"tier-silver", "deal-reg", "Support cost", "support_cost"} {
				if bytes.Contains(body, []byte(hidden)) {
					t.Errorf("partner's %s shows %q", c.path, hidden)
				}
			}
		}
	}
}
