package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
	"github.com/partnerops/partnerops/process"
)

// kindPricing is the pricing definition: price books and the discount
// framework, compiled together into one pricing.Engine.
//
//	{"books": [...pricing.PriceBook...], "framework": {...pricing.Framework...}}
var kindPricing = Kind{
	Name:  "pricing",
	Doc:   `{"books": [price books], "framework": {discount framework}}: compiled together into the pricing engine`,
	Roles: []Role{RoleDealDesk},
	Compile: func(body []byte) (any, []partnerops.Warning, error) {
		parts, err := splitObject(body, []string{"books", "framework"}, "books", "framework")
		if err != nil {
			return nil, nil, err
		}
		var probs []Problem
		books, err := pricing.ParsePriceBooks(parts["books"])
		probs = append(probs, problemsOf("", err)...) // paths start at "books" already
		fw, err := pricing.ParseFramework(parts["framework"])
		probs = append(probs, problemsOf("framework", err)...)
		if len(probs) > 0 {
			return nil, nil, &ProblemError{Msg: "pricing definition refused", Problems: probs}
		}
		eng, err := pricing.Compile(books, fw)
		if err != nil {
			return nil, nil, err
		}
		return eng, eng.Warnings(), nil
	},
}

// quoteRequest is the body of POST /v1/quotes. The quote's partner facts
// (tier, type, attributes) come from the stored profile, never from the
// caller; a partner token always quotes for its own partner.
//
// A quote may name a deal registration of the same partner: its workflow
// state decides the quote's deal-registration status (approved in a
// protected state), so a partner cannot claim a registration bonus it does
// not hold.
type quoteRequest struct {
	// Partner names the partner; required for vendor tokens, and for a
	// partner token absent or its own.
	Partner      partnerops.PartnerID
	Registration string
	Quote        pricing.Quote
}

func parseQuoteRequest(body []byte) (quoteRequest, error) {
	parts, err := splitObject(body, []string{"partner", "registration", "quote"}, "quote")
	if err != nil {
		return quoteRequest{}, err
	}
	var req quoteRequest
	var probs []Problem
	if raw, ok := parts["partner"]; ok {
		if err := json.Unmarshal(raw, &req.Partner); err != nil {
			probs = append(probs, Problem{Path: "partner", Rule: "want a partner ID string"})
		}
	}
	if raw, ok := parts["registration"]; ok {
		if err := json.Unmarshal(raw, &req.Registration); err != nil {
			probs = append(probs, Problem{Path: "registration", Rule: "want a registration ID string"})
		}
	}
	q, err := pricing.ParseQuote(parts["quote"])
	switch {
	case err != nil:
		probs = append(probs, problemsOf("quote", err)...)
	case q.Partner.ID != "" || q.Partner.Tier != "" || q.Partner.Type != "" || len(q.Partner.Attributes) > 0:
		probs = append(probs, Problem{Path: "quote.partner", Rule: "set by the service from the partner's profile; name the partner in \"partner\""})
	case q.DealRegistration != "":
		probs = append(probs, Problem{Path: "quote.deal_registration", Rule: "set by the service from the registration; name it in \"registration\""})
	}
	if len(probs) > 0 {
		return quoteRequest{}, &ProblemError{Msg: "invalid quote", Problems: probs}
	}
	req.Quote = q
	return req, nil
}

// QuoteRecord is a stored quote: the request, the full result (every
// line's waterfall) and the definition version that priced it, so an
// audit can re-render it years later without re-pricing.
type QuoteRecord struct {
	ID       string               `json:"id"`
	Partner  partnerops.PartnerID `json:"partner"`
	PricedAt time.Time            `json:"priced_at"`
	// Definitions names the definition versions used: {"pricing": 3}.
	Definitions map[string]int  `json:"definitions"`
	Request     json.RawMessage `json:"request,omitempty"`
	Result      json.RawMessage `json:"result"`
}

// POST /v1/quotes: price a quote and store it.
func (a *API) createQuote(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	body, ok := a.readBody(w, r, a.maxBody)
	if !ok {
		return
	}
	req, err := parseQuoteRequest(body)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	partnerID, ok := a.partnerFor(w, p, req.Partner)
	if !ok {
		return
	}
	profile, err := a.store.Partner(r.Context(), partnerID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	eng, version, err := engineOf[*pricing.Engine](a.reg.Current(), kindPricing.Name)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := req.Quote
	q.Partner = profile
	if req.Registration != "" {
		status, ok := a.registrationStatus(w, r, partnerID, req.Registration)
		if !ok {
			return
		}
		q.DealRegistration = status
	}
	now := a.now()
	res, err := eng.Price(q, now)
	if err != nil {
		writeError(w, http.StatusBadRequest, "quote refused", problemsOf("quote", err))
		return
	}
	id := newID("Q-")
	res.QuoteID = id
	resJSON, err := json.Marshal(res)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	reqJSON, err := json.Marshal(q)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	rec := QuoteRecord{ID: id, Partner: partnerID, PricedAt: now, Definitions: map[string]int{kindPricing.Name: version},
		Request: reqJSON, Result: resJSON}
	if err := a.store.AddQuote(r.Context(), rec); err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a.quoteView(p, rec))
}

// registrationStatus returns the pricing status of a registration the
// quote names. A registration the caller may not see answers 404; one of
// another partner than the quote's, 400.
func (a *API) registrationStatus(w http.ResponseWriter, r *http.Request, partner partnerops.PartnerID, id string) (pricing.DealRegStatus, bool) {
	row, err := a.store.Instance(r.Context(), id)
	if err == nil && (row.Workflow != kindDealReg.Name || !principal(r).Sees(row.PartnerID)) {
		err = errNotFound
	}
	if err != nil {
		a.fail(w, r, err)
		return "", false
	}
	if row.PartnerID != partner {
		writeError(w, http.StatusBadRequest, "invalid quote", []Problem{{Path: "registration", Rule: "belongs to another partner than the quote", Value: id}})
		return "", false
	}
	wf, err := a.workflowAt(r.Context(), row.DefinitionVersion)
	if err != nil {
		a.internal(w, r, err)
		return "", false
	}
	return wf.dealRegStatus(process.State(row.State)), true
}

// partnerFor returns the partner a request acts for: a partner token's
// own (naming another answers 404, as if it did not exist), or the one a
// vendor token names (required).
func (a *API) partnerFor(w http.ResponseWriter, p Principal, named partnerops.PartnerID) (partnerops.PartnerID, bool) {
	if p.Role == RolePartner {
		if named != "" && named != p.PartnerID {
			notFound(w)
			return "", false
		}
		return p.PartnerID, true
	}
	if named == "" {
		writeError(w, http.StatusBadRequest, "invalid request", []Problem{{Path: "partner", Rule: "required for vendor tokens"}})
		return "", false
	}
	return named, true
}

// GET /v1/quotes: the caller's quotes (a partner's own; every quote for
// vendors), newest first.
func (a *API) listQuotes(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	var only partnerops.PartnerID
	if !p.IsVendor() {
		only = p.PartnerID
	}
	recs, err := a.store.Quotes(r.Context(), only, 100)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]QuoteRecord, 0, len(recs))
	for _, rec := range recs {
		v := a.quoteView(p, rec)
		v.Request = nil
		out = append(out, v)
	}
	writeJSON(w, http.StatusOK, out)
}

// GET /v1/quotes/{id}: one stored quote, as priced.
func (a *API) getQuote(w http.ResponseWriter, r *http.Request) {
	rec, ok := a.visibleQuote(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, a.quoteView(principal(r), rec))
}

// GET /v1/quotes/{id}/waterfall: the stored result re-rendered from the row
// alone, what an audit sees years later whatever the definitions in force
// are now: Markdown, or ?format=text, ?format=html (a printable page with
// inline SVG, no scripts) or ?format=svg (the quote's waterfall chart). A
// partner's rendering is made from its view of the result.
func (a *API) quoteWaterfall(w http.ResponseWriter, r *http.Request) {
	rec, ok := a.visibleQuote(w, r)
	if !ok {
		return
	}
	rec = a.quoteView(principal(r), rec)
	var res pricing.Result
	if err := json.Unmarshal(rec.Result, &res); err != nil {
		a.internal(w, r, err)
		return
	}
	switch r.URL.Query().Get("format") {
	case "text":
		writeText(w, "text/plain; charset=utf-8", res.Text())
	case "html":
		writeDocument(w, "text/html; charset=utf-8", res.HTML())
	case "svg":
		writeDocument(w, "image/svg+xml", res.SVG())
	default:
		writeText(w, "text/markdown; charset=utf-8", res.Markdown())
	}
}

// visibleQuote loads the {id} quote if the caller may see it; otherwise it
// answers 404 and ok is false.
func (a *API) visibleQuote(w http.ResponseWriter, r *http.Request) (QuoteRecord, bool) {
	rec, err := a.store.Quote(r.Context(), r.PathValue("id"))
	if err == nil && !principal(r).Sees(rec.Partner) {
		err = errNotFound
	}
	if err != nil {
		a.fail(w, r, err)
		return QuoteRecord{}, false
	}
	return rec, true
}

// quoteView is a quote as the principal may see it. A partner sees its
// quote without the vendor's internals: unit costs, floors and profit
// figures, and the rules that did not apply (the vendor's policy), are
// removed wherever they appear in the result.
func (a *API) quoteView(p Principal, rec QuoteRecord) QuoteRecord {
	if p.IsVendor() {
		return rec
	}
	var res any
	if err := json.Unmarshal(rec.Result, &res); err != nil {
		return rec
	}
	rec.Result, _ = json.Marshal(redactInternal(res))
	return rec
}

// internalKeys are the result fields a partner never sees.
var internalKeys = map[string]bool{"cost": true, "floor": true, "skipped": true, "profit": true, "margin": true, "markup": true}

// redactInternal drops internalKeys at every depth of a decoded JSON value.
func redactInternal(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if internalKeys[k] {
				delete(x, k)
				continue
			}
			x[k] = redactInternal(e)
		}
	case []any:
		for i, e := range x {
			x[i] = redactInternal(e)
		}
	}
	return v
}

// AddQuote stores a priced quote.
func (s *Store) AddQuote(ctx context.Context, q QuoteRecord) error {
	defs, err := json.Marshal(q.Definitions)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO quotes (id, partner_id, priced_at, definitions, request, result) VALUES (?, ?, ?, ?, ?, ?)`,
		q.ID, string(q.Partner), unixNano(q.PricedAt), string(defs), string(q.Request), string(q.Result))
	return err
}

const quoteColumns = `id, partner_id, priced_at, definitions, request, result`

func scanQuote(sc scanner) (QuoteRecord, error) {
	var q QuoteRecord
	var partner, defs, req, res string
	var at int64
	if err := sc.Scan(&q.ID, &partner, &at, &defs, &req, &res); err != nil {
		return QuoteRecord{}, err
	}
	q.Partner, q.PricedAt = partnerops.PartnerID(partner), fromUnixNano(at)
	if err := json.Unmarshal([]byte(defs), &q.Definitions); err != nil {
		return QuoteRecord{}, err
	}
	q.Request, q.Result = json.RawMessage(req), json.RawMessage(res)
	return q, nil
}

// Quote returns a stored quote, or errNotFound.
func (s *Store) Quote(ctx context.Context, id string) (QuoteRecord, error) {
	q, err := scanQuote(s.db.QueryRowContext(ctx, `SELECT `+quoteColumns+` FROM quotes WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return QuoteRecord{}, errNotFound
	}
	return q, err
}

// Quotes lists stored quotes, of one partner when partner is not empty,
// newest first, at most limit.
func (s *Store) Quotes(ctx context.Context, partner partnerops.PartnerID, limit int) ([]QuoteRecord, error) {
	return queryAll(ctx, s.db, scanQuote, `SELECT `+quoteColumns+` FROM quotes
		WHERE ? = '' OR partner_id = ? ORDER BY priced_at DESC, id LIMIT ?`, string(partner), string(partner), limit)
}
