package main

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

// kindScorecard is the performance definition: the program (tiers, fiscal
// calendar), the metric catalog, the scorecard template and the QBR rules.
//
//	{"program": {...}, "catalog": {"metrics": [...]}, "template": {...}, "qbr": {...}}
var kindScorecard = Kind{
	Name:  "scorecard",
	Doc:   `{"program": {program}, "catalog": {"metrics": [...]}, "template": {scorecard template}, "qbr": {QBR rules, optional}}`,
	Roles: []Role{RoleChannelManager},
	Compile: func(body []byte) (any, []partnerops.Warning, error) {
		parts, err := splitObject(body, []string{"program", "catalog", "template", "qbr"}, "program", "catalog", "template")
		if err != nil {
			return nil, nil, err
		}
		var probs []Problem
		var program partnerops.Program
		if err := decodeStrict(parts["program"], &program); err != nil {
			for _, p := range err.(*ProblemError).Problems {
				probs = append(probs, Problem{Path: joinPath("program", p.Path), Rule: p.Rule, Value: p.Value})
			}
		} else if err := program.Validate(); err != nil {
			probs = append(probs, problemsOf("program", err)...)
		}
		cat, err := performance.ParseCatalog(parts["catalog"])
		probs = append(probs, problemsOf("catalog", err)...)
		tmpl, err := performance.ParseTemplate(parts["template"])
		probs = append(probs, problemsOf("template", err)...)
		var rules performance.QBRRules
		if raw, ok := parts["qbr"]; ok {
			rules, err = performance.ParseQBRRules(raw)
			probs = append(probs, problemsOf("qbr", err)...)
		}
		if len(probs) > 0 {
			return nil, nil, &ProblemError{Msg: "scorecard definition refused", Problems: probs}
		}
		catalog, err := performance.CompileMetrics(cat.Metrics)
		if err != nil {
			return nil, nil, &ProblemError{Msg: "scorecard definition refused", Problems: problemsOf("catalog", err)}
		}
		sc, err := performance.CompileScorecard(catalog, tmpl, program)
		if err != nil {
			return nil, nil, &ProblemError{Msg: "scorecard definition refused", Problems: problemsOf("template", err)}
		}
		if err := rules.Validate(); err != nil {
			return nil, nil, &ProblemError{Msg: "scorecard definition refused", Problems: problemsOf("qbr", err)}
		}
		var warns []partnerops.Warning
		warns = append(warns, catalog.Warnings()...)
		warns = append(warns, sc.Warnings()...)
		warns = append(warns, rules.Warnings()...)
		return &Performance{Program: program, Catalog: catalog, Scorecard: sc, QBR: rules}, warns, nil
	},
}

// Performance is the compiled performance definition.
type Performance struct {
	Program   partnerops.Program
	Catalog   *performance.Catalog
	Scorecard *performance.Scorecard
	QBR       performance.QBRRules
}

// observationsRequest is the body of POST /v1/partners/{partner}/observations.
type observationsRequest struct {
	Observations []struct {
		Metric   string              `json:"metric"`
		At       time.Time           `json:"at"`
		Value    partnerops.Decimal  `json:"value"`
		Key      string              `json:"key,omitempty"`
		Currency partnerops.Currency `json:"currency,omitempty"`
	} `json:"observations"`
}

// POST /v1/partners/{partner}/observations: record performance facts
// (vendors). Each names a metric of the catalog in force; a fact posted
// again (same metric, time and key) replaces the earlier one.
func (a *API) postObservations(w http.ResponseWriter, r *http.Request) {
	id := partnerops.PartnerID(r.PathValue("partner"))
	if _, err := a.store.Partner(r.Context(), id); err != nil {
		a.fail(w, r, err)
		return
	}
	perf, _, err := engineOf[*Performance](a.reg.Current(), kindScorecard.Name)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var req observationsRequest
	if !a.decodeBody(w, r, &req) {
		return
	}
	var probs []Problem
	obs := make([]performance.Observation, 0, len(req.Observations))
	for i, o := range req.Observations {
		path := partnerops.Path("observations", i)
		if _, ok := perf.Catalog.Metric(o.Metric); !ok {
			probs = append(probs, Problem{Path: path + ".metric", Rule: "not a metric of the catalog in force", Value: o.Metric})
		}
		if o.At.IsZero() {
			probs = append(probs, Problem{Path: path + ".at", Rule: "required"})
		}
		if err := o.Value.Validate(); err != nil {
			probs = append(probs, problemsOf(path+".value", err)...)
		}
		obs = append(obs, performance.Observation{Partner: id, Metric: o.Metric, At: o.At, Value: o.Value, Key: o.Key, Currency: o.Currency})
	}
	if len(probs) > 0 {
		writeError(w, http.StatusBadRequest, "invalid observations", probs)
		return
	}
	if err := a.store.PutObservations(r.Context(), obs, a.now()); err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"stored": len(obs)})
}

// trailingQuarters is how many quarters a QBR's trend looks back.
const trailingQuarters = 4

// scorecardResults aggregates a partner's observations into scorecard
// results (in view) for the n quarters ending with the quarter asked for
// (?fy=2027&q=1; the current quarter by default), oldest first.
func (a *API) scorecardResults(ctx context.Context, perf *Performance, partner partnerops.Partner, q partnerops.Period, n int, view performance.View) ([]performance.Result, error) {
	periods := make([]partnerops.Period, n)
	for i := range n {
		periods[i] = q.Shift(i - n + 1)
	}
	agg, err := perf.Catalog.NewAggregator(periods)
	if err != nil {
		return nil, err
	}
	obs, err := a.store.Observations(ctx, partner.ID, periods[0].Start, q.End)
	if err != nil {
		return nil, err
	}
	agg.AddAll(obs)
	out := make([]performance.Result, 0, n)
	for i, p := range periods {
		values, err := agg.Values(partner.ID, i)
		if err != nil {
			return nil, err
		}
		res, err := perf.Scorecard.Score(performance.ScoreInput{Partner: partner.ID, Tier: partner.Tier, Period: p, Values: values}, view)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// quarterOf reads ?fy=&q= (a fiscal quarter of the program's calendar) or
// defaults to the quarter containing now.
func quarterOf(r *http.Request, cal partnerops.Calendar, now time.Time) (partnerops.Period, []Problem) {
	fy, q := r.URL.Query().Get("fy"), r.URL.Query().Get("q")
	if fy == "" && q == "" {
		return cal.Quarter(now.UTC()), nil
	}
	y, err1 := strconv.Atoi(fy)
	n, err2 := strconv.Atoi(q)
	if err1 != nil || err2 != nil {
		return partnerops.Period{}, []Problem{{Path: "fy,q", Rule: "want a fiscal year and a quarter number: ?fy=2027&q=1"}}
	}
	p, err := cal.FiscalQuarter(y, n, time.UTC)
	if err != nil {
		return partnerops.Period{}, problemsOf("fy,q", err)
	}
	return p, nil
}

// viewFor is the scorecard view a principal gets: partners the external
// view only; vendors internal unless they ask for ?view=external.
func viewFor(p Principal, r *http.Request) performance.View {
	if p.IsVendor() && r.URL.Query().Get("view") != string(performance.ViewExternal) {
		return performance.ViewInternal
	}
	return performance.ViewExternal
}

// performanceRequest resolves what the scorecard and QBR routes share: the
// partner (404 for another partner's token), the definition and the quarter.
func (a *API) performanceRequest(w http.ResponseWriter, r *http.Request) (partnerops.Partner, *Performance, partnerops.Period, bool) {
	p := principal(r)
	id := partnerops.PartnerID(r.PathValue("partner"))
	if !p.Sees(id) {
		notFound(w)
		return partnerops.Partner{}, nil, partnerops.Period{}, false
	}
	partner, err := a.store.Partner(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return partnerops.Partner{}, nil, partnerops.Period{}, false
	}
	perf, _, err := engineOf[*Performance](a.reg.Current(), kindScorecard.Name)
	if err != nil {
		a.fail(w, r, err)
		return partnerops.Partner{}, nil, partnerops.Period{}, false
	}
	q, probs := quarterOf(r, perf.Scorecard.Calendar(), a.now())
	if probs != nil {
		writeError(w, http.StatusBadRequest, "invalid quarter", probs)
		return partnerops.Partner{}, nil, partnerops.Period{}, false
	}
	return partner, perf, q, true
}

// GET /v1/partners/{partner}/scorecard?fy=2027&q=1: the partner's scorecard
// for a quarter as Markdown, or ?format=json (the result), ?format=html (a
// printable page) or ?format=svg (the category contributions). A partner
// gets its external scorecard only.
func (a *API) getScorecard(w http.ResponseWriter, r *http.Request) {
	partner, perf, q, ok := a.performanceRequest(w, r)
	if !ok {
		return
	}
	res, err := a.scorecardResults(r.Context(), perf, partner, q, 1, viewFor(principal(r), r))
	if err != nil {
		writeError(w, http.StatusBadRequest, "scorecard refused", problemsOf("", err))
		return
	}
	switch r.URL.Query().Get("format") {
	case "json":
		writeJSON(w, http.StatusOK, res[0])
	case "html":
		writeDocument(w, "text/html; charset=utf-8", res[0].HTML())
	case "svg":
		writeDocument(w, "image/svg+xml", res[0].SVG())
	default:
		writeText(w, "text/markdown; charset=utf-8", res[0].Markdown())
	}
}

// GET /v1/partners/{partner}/qbr?fy=2027&q=1: the quarterly business review
// as Markdown, or ?format=json or ?format=html (a printable page with its
// charts), drawing on the trailing quarters'
// scorecards in the caller's view; its health counts the channel conflicts
// the partner's registrations of the quarter met when they were made.
func (a *API) getQBR(w http.ResponseWriter, r *http.Request) {
	partner, perf, q, ok := a.performanceRequest(w, r)
	if !ok {
		return
	}
	results, err := a.scorecardResults(r.Context(), perf, partner, q, trailingQuarters, viewFor(principal(r), r))
	if err != nil {
		writeError(w, http.StatusBadRequest, "QBR refused", problemsOf("", err))
		return
	}
	conflicts, err := a.store.ConflictCount(r.Context(), kindDealReg.Name, partner.ID, q.Start, q.End)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	in := performance.QBRInput{Partner: partner, Quarter: q, Scorecards: results, Health: performance.Health{Conflicts: conflicts}}
	qbr, err := perf.Scorecard.QBR(in, perf.QBR)
	if err != nil {
		writeError(w, http.StatusBadRequest, "QBR refused", problemsOf("", err))
		return
	}
	switch r.URL.Query().Get("format") {
	case "json":
		writeJSON(w, http.StatusOK, qbr)
	case "html":
		writeDocument(w, "text/html; charset=utf-8", qbr.HTML())
	default:
		writeText(w, "text/markdown; charset=utf-8", qbr.Markdown())
	}
}

// PutObservations stores observations, replacing any with the same
// partner, metric, time and key, in one transaction.
func (s *Store) PutObservations(ctx context.Context, obs []performance.Observation, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, o := range obs {
			_, err := tx.ExecContext(ctx, `INSERT INTO observations (partner_id, metric, at, key, value, currency, posted_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (partner_id, metric, at, key) DO UPDATE SET value = excluded.value, currency = excluded.currency, posted_at = excluded.posted_at`,
				string(o.Partner), o.Metric, unixNano(o.At), o.Key, o.Value.String(), string(o.Currency), unixNano(now))
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Observations returns a partner's observations in [from, to), in time
// order.
func (s *Store) Observations(ctx context.Context, partner partnerops.PartnerID, from, to time.Time) ([]performance.Observation, error) {
	return queryAll(ctx, s.db, func(sc scanner) (performance.Observation, error) {
		o := performance.Observation{Partner: partner}
		var at int64
		var value, currency string
		if err := sc.Scan(&o.Metric, &at, &o.Key, &value, &currency); err != nil {
			return o, err
		}
		d, err := partnerops.ParseDecimal(value)
		o.At, o.Value, o.Currency = fromUnixNano(at), d, partnerops.Currency(currency)
		return o, err
	}, `SELECT metric, at, key, value, currency FROM observations
		WHERE partner_id = ? AND at >= ? AND at < ? ORDER BY at, metric, key`,
		string(partner), unixNano(from), unixNano(to))
}
