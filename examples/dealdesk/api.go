package main

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// API is the HTTP JSON interface of the service. Routes use the standard
// library's patterns ("POST /v1/quotes/{id}"); each handler lives in the
// file of its concern (quotes.go, registrations.go, ...).
type API struct {
	store    *Store
	reg      *Registry
	notifier Notifier
	log      *slog.Logger
	// now is the service's clock: when quotes are priced and events
	// happen. Tests pass a fake one; timers fire only through Sweep, at
	// the time its caller passes.
	now func() time.Time

	// maxBody and maxDefinition bound request bodies, in bytes.
	maxBody       int64
	maxDefinition int64
}

// Config configures NewAPI. Zero fields take the defaults named.
type Config struct {
	Store    *Store
	Registry *Registry
	// Notifier delivers effects (notifications, approval requests,
	// escalations). Defaults to logging them.
	Notifier Notifier
	// Log defaults to slog.Default().
	Log *slog.Logger
	// Now defaults to time.Now.
	Now func() time.Time
	// MaxBody defaults to 1 MiB; MaxDefinition to 4 MiB.
	MaxBody       int64
	MaxDefinition int64
}

// NewAPI returns the API over a store and a registry.
func NewAPI(c Config) *API {
	a := &API{store: c.Store, reg: c.Registry, notifier: c.Notifier, log: c.Log, now: c.Now,
		maxBody: c.MaxBody, maxDefinition: c.MaxDefinition}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.notifier == nil {
		a.notifier = LogNotifier{Log: a.log}
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.maxBody <= 0 {
		a.maxBody = 1 << 20
	}
	if a.maxDefinition <= 0 {
		a.maxDefinition = 4 << 20
	}
	return a
}

// route is one pattern and its handler.
type route struct {
	pattern string
	handler http.Handler
}

// routes lists every route. Each pattern is "METHOD /path/{wildcard}";
// the tests try every one of them without a token and with another
// partner's.
func (a *API) routes() []route {
	return []route{
		{"GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
		})},

		// Definitions: versioned, compiled before stored.
		{"GET /v1/definitions", a.authed(a.listDefinitions, vendors...)},
		{"GET /v1/definitions/{kind}", a.authed(a.definitionVersions, vendors...)},
		{"GET /v1/definitions/{kind}/{version}", a.authed(a.getDefinition, vendors...)},
		{"POST /v1/definitions/{kind}", a.authed(a.uploadDefinition, vendors...)},

		// Partners and tokens.
		{"POST /v1/partners", a.authed(a.putPartner, RoleChannelManager)},
		{"GET /v1/partners/{partner}", a.authed(a.getPartner)},
		{"POST /v1/tokens", a.authed(a.issueToken, RoleChannelManager)},

		// Pricing.
		{"POST /v1/quotes", a.authed(a.createQuote)},
		{"GET /v1/quotes", a.authed(a.listQuotes)},
		{"GET /v1/quotes/{id}", a.authed(a.getQuote)},
		{"GET /v1/quotes/{id}/waterfall", a.authed(a.quoteWaterfall)},

		// Deal registrations: event-sourced workflow instances.
		{"POST /v1/registrations", a.authed(a.createRegistration)},
		{"POST /v1/registrations/check", a.authed(a.checkRegistration)},
		{"GET /v1/registrations", a.authed(a.listRegistrations)},
		{"GET /v1/registrations/{id}", a.authed(a.getRegistration)},
		{"GET /v1/registrations/{id}/events", a.authed(a.registrationEvents)},
		{"POST /v1/registrations/{id}/events", a.authed(a.postRegistrationEvent)},
		{"GET /v1/registrations/{id}/effects", a.authed(a.registrationEffects, vendors...)},
		{"POST /v1/opportunities", a.authed(a.putOpportunity, vendors...)},
		{"GET /v1/opportunities", a.authed(a.listOpportunities, vendors...)},

		// Strategy: ICP fit.
		{"POST /v1/accounts/score", a.authed(a.scoreAccounts)},

		// Performance: observations in, scorecards and QBRs out.
		{"POST /v1/partners/{partner}/observations", a.authed(a.postObservations, vendors...)},
		{"GET /v1/partners/{partner}/scorecard", a.authed(a.getScorecard)},
		{"GET /v1/partners/{partner}/qbr", a.authed(a.getQBR)},

		// Timers and deliveries, at the time the caller passes.
		{"POST /v1/sweep", a.authed(a.postSweep, vendors...)},
	}
}

// Handler returns the routes on a standard library mux.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	return mux
}

// readBody reads a request body of at most limit bytes. A larger body
// gets 413 and ok is false; the handler returns at once.
func (a *API) readBody(w http.ResponseWriter, r *http.Request, limit int64) (body []byte, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	b, err := io.ReadAll(r.Body)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit), nil)
		return nil, false
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading request body: "+err.Error(), nil)
		return nil, false
	}
	return b, true
}

// decodeBody reads a body of at most a.maxBody bytes and decodes it
// strictly into v (decodeStrict); on any failure it answers (413 or 400)
// and returns false.
func (a *API) decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	body, ok := a.readBody(w, r, a.maxBody)
	if !ok {
		return false
	}
	if err := decodeStrict(body, v); err != nil {
		a.fail(w, r, err)
		return false
	}
	return true
}

// errorBody is every error response: a message and, for refused input,
// every problem with its path.
type errorBody struct {
	Error    string    `json:"error"`
	Problems []Problem `json:"problems,omitempty"`
	// Current is an instance's current version, on 409.
	Current int `json:"current_version,omitempty"`
	// Refusal is a workflow's explanation of a refused event, on 422.
	Refusal json.RawMessage `json:"refusal,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, `{"error":"encoding response"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeText(w http.ResponseWriter, contentType, text string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, text)
}

// writeDocument serves a rendered page or chart. The library's pages are
// self-contained (inline CSS and SVG, no scripts, no external requests);
// the policy holds the browser to that.
func writeDocument(w http.ResponseWriter, contentType string, doc []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	w.Write(doc)
}

func writeError(w http.ResponseWriter, status int, msg string, problems []Problem) {
	writeJSON(w, status, errorBody{Error: msg, Problems: problems})
}

// notFound answers a missing record and a record the caller may not see
// alike, so a partner cannot tell another partner's IDs from unused ones.
func notFound(w http.ResponseWriter) { writeError(w, http.StatusNotFound, "not found", nil) }

// fail answers an error by its kind: refused input 400 with problems,
// missing records 404, version conflicts 409, anything else 500.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *ProblemError
	var ce *ConflictError
	switch {
	case errors.As(err, &pe):
		writeError(w, http.StatusBadRequest, pe.Msg, pe.Problems)
	case errors.Is(err, errNotFound):
		notFound(w)
	case errors.As(err, &ce):
		writeJSON(w, http.StatusConflict, errorBody{Error: ce.Error(), Current: ce.Current})
	case errors.Is(err, errNoDefinition):
		writeError(w, http.StatusServiceUnavailable, err.Error(), nil)
	default:
		a.internal(w, r, err)
	}
}

// internal logs an unexpected error and answers 500 without details.
func (a *API) internal(w http.ResponseWriter, r *http.Request, err error) {
	a.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error", nil)
}

// newID returns a random, unguessable record ID with a prefix ("Q-",
// "DR-"). Access control does not rely on it (another partner's ID answers
// 404), but random IDs also leak no volume.
func newID(prefix string) string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return prefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
