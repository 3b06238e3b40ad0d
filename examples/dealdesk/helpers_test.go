package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// t0 is the fake clock's start: a Monday morning in New York.
var t0 = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

// fakeClock is the service's clock in tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// recordingNotifier counts deliveries per idempotency key.
type recordingNotifier struct {
	mu   sync.Mutex
	keys map[string]int
	fail bool
}

func (n *recordingNotifier) Deliver(ctx context.Context, d Delivery) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return io.ErrUnexpectedEOF
	}
	if n.keys == nil {
		n.keys = map[string]int{}
	}
	n.keys[d.Key]++
	return nil
}

func (n *recordingNotifier) count(key string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.keys[key]
}

// env is a running service on a loopback port, over a fresh database
// seeded with the samples.
type env struct {
	t      *testing.T
	path   string
	store  *Store
	reg    *Registry
	api    *API
	srv    *httptest.Server
	clock  *fakeClock
	notes  *recordingNotifier
	tokens map[string]string // "deal_desk", "channel_manager", "initech", "globex"
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvAt(t, filepath.Join(t.TempDir(), "dealdesk.db"))
}

func newEnvAt(t *testing.T, path string) *env {
	t.Helper()
	ctx := context.Background()
	store, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	reg := NewRegistry(store, []Kind{kindPricing, kindDealReg, kindChecks, kindFit, kindScorecard})
	if err := reg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{now: t0}
	toks, err := seedSamples(ctx, store, reg, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, path: path, store: store, reg: reg, clock: clock, notes: &recordingNotifier{}, tokens: map[string]string{}}
	for _, tk := range toks {
		name := string(tk.Role)
		if tk.Partner != "" {
			name = string(tk.Partner)
		}
		e.tokens[name] = tk.Token
	}
	e.api = NewAPI(Config{Store: store, Registry: reg, Now: clock.Now, Notifier: e.notes,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e.srv = httptest.NewServer(e.api.Handler()) // listens on 127.0.0.1
	t.Cleanup(func() {
		e.srv.Close()
		store.Close()
	})
	return e
}

// do sends a request with a token ("" for none) and a body (nil, []byte,
// string or a value encoded as JSON) and returns the status and body.
func (e *env) do(method, path, token string, body any) (int, []byte) {
	e.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	case string:
		r = bytes.NewReader([]byte(b))
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, out
}

// must sends a request and fails the test unless the status is want; it
// decodes the body into v when v is not nil.
func (e *env) must(want int, method, path, token string, body any, v any) []byte {
	e.t.Helper()
	got, out := e.do(method, path, token, body)
	if got != want {
		e.t.Fatalf("%s %s = %d, want %d: %s", method, path, got, want, out)
	}
	if v != nil {
		if err := json.Unmarshal(out, v); err != nil {
			e.t.Fatalf("%s %s: decoding %s: %v", method, path, out, err)
		}
	}
	return out
}

// register creates a registration for a partner (as that partner) and
// returns its ID.
func (e *env) register(partner, domain string, dealValue string) string {
	e.t.Helper()
	var v RegistrationView
	e.must(http.StatusCreated, "POST", "/v1/registrations", e.tokens[partner], map[string]any{
		"account": map[string]string{"domain": domain, "name": domain},
		"data":    map[string]any{"deal_value": map[string]string{"number": dealValue}},
	}, &v)
	return v.ID
}

// event posts an event and returns the status and the view (on 200).
func (e *env) event(id, token, event string, expect int) (int, RegistrationView) {
	e.t.Helper()
	status, out := e.do("POST", "/v1/registrations/"+id+"/events", token, map[string]any{"event": event, "expect_version": expect})
	var v RegistrationView
	if status == http.StatusOK {
		if err := json.Unmarshal(out, &v); err != nil {
			e.t.Fatal(err)
		}
	}
	return status, v
}

// approve walks a registration from submitted to approved.
func (e *env) approve(id string) {
	e.t.Helper()
	cm := e.tokens["channel_manager"]
	for i, ev := range []string{"start_review", "approve"} {
		if status, _ := e.event(id, cm, ev, i+1); status != http.StatusOK {
			e.t.Fatalf("%s = %d", ev, status)
		}
	}
}

// count runs a COUNT query.
func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.store.db.QueryRow(query, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// observeSample posts two quarters of observations for initech (FY2027 Q4
// of the previous year and Q1), including the internal support cost.
func observeSample(t *testing.T, e *env) {
	t.Helper()
	var obs []map[string]any
	for q := range 2 {
		start := time.Date(2025, time.November, 3, 12, 0, 0, 0, time.UTC).AddDate(0, 3*q, 0)
		for i := range 6 + 4*q {
			at := start.AddDate(0, 0, 5*i)
			obs = append(obs,
				map[string]any{"metric": "deal_regs", "at": at, "value": "1", "key": fmt.Sprintf("dr-%d-%d", q, i)},
				map[string]any{"metric": "deals_closed", "at": at, "value": "1", "key": fmt.Sprintf("d-%d-%d", q, i)})
			if i%2 == 0 {
				obs = append(obs,
					map[string]any{"metric": "bookings", "at": at, "value": "45000.00", "key": fmt.Sprintf("b-%d-%d", q, i)},
					map[string]any{"metric": "deals_won", "at": at, "value": "1", "key": fmt.Sprintf("d-%d-%d", q, i)})
			}
		}
		obs = append(obs, map[string]any{"metric": "support_cost", "at": start, "value": "7000.00"})
	}
	e.must(http.StatusOK, "POST", "/v1/partners/initech/observations", e.tokens["channel_manager"], map[string]any{"observations": obs}, nil)
}
