package main

import (
	"errors"
	"net/http"

	"github.com/partnerops/partnerops"
)

// POST /v1/partners: create or replace a partner profile (channel
// managers).
func (a *API) putPartner(w http.ResponseWriter, r *http.Request) {
	var p partnerops.Partner
	if !a.decodeBody(w, r, &p) {
		return
	}
	if err := a.store.PutPartner(r.Context(), p); err != nil {
		if partnerops.ValidationErrors(err) != nil {
			writeError(w, http.StatusBadRequest, "invalid partner", problemsOf("", err))
			return
		}
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// GET /v1/partners/{partner}: a profile; a partner sees only its own.
func (a *API) getPartner(w http.ResponseWriter, r *http.Request) {
	id := partnerops.PartnerID(r.PathValue("partner"))
	if !principal(r).Sees(id) {
		notFound(w)
		return
	}
	p, err := a.store.Partner(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// tokenRequest asks for a new token.
type tokenRequest struct {
	Label   string               `json:"label"`
	Role    Role                 `json:"role"`
	Partner partnerops.PartnerID `json:"partner,omitempty"`
}

// tokenResponse carries a new token: shown once, stored only hashed.
type tokenResponse struct {
	Token   string               `json:"token"`
	Label   string               `json:"label"`
	Role    Role                 `json:"role"`
	Partner partnerops.PartnerID `json:"partner,omitempty"`
}

// POST /v1/tokens: issue a token (channel managers).
func (a *API) issueToken(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if !a.decodeBody(w, r, &req) {
		return
	}
	if req.Label == "" {
		writeError(w, http.StatusBadRequest, "invalid request", []Problem{{Path: "label", Rule: "required"}})
		return
	}
	if req.Partner != "" {
		if _, err := a.store.Partner(r.Context(), req.Partner); err != nil {
			if errors.Is(err, errNotFound) {
				writeError(w, http.StatusBadRequest, "invalid request", []Problem{{Path: "partner", Rule: "no such partner", Value: string(req.Partner)}})
				return
			}
			a.fail(w, r, err)
			return
		}
	}
	tok, err := a.store.IssueToken(r.Context(), req.Label, req.Role, req.Partner, a.now())
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid request", []Problem{{Path: "role", Rule: err.Error(), Value: string(req.Role)}})
		return
	}
	writeJSON(w, http.StatusCreated, tokenResponse{Token: tok, Label: req.Label, Role: req.Role, Partner: req.Partner})
}
