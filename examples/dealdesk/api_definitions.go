package main

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
)

// definitionInfo describes one kind and its version in force.
type definitionInfo struct {
	Kind     string               `json:"kind"`
	Doc      string               `json:"doc"`
	Roles    []Role               `json:"upload_roles"`
	Version  int                  `json:"version,omitempty"`
	Since    *time.Time           `json:"since,omitempty"`
	Warnings []partnerops.Warning `json:"warnings,omitempty"`
}

// GET /v1/definitions: every kind and its version in force.
func (a *API) listDefinitions(w http.ResponseWriter, r *http.Request) {
	eng := a.reg.Current()
	var out []definitionInfo
	for _, k := range a.reg.Kinds() {
		info := definitionInfo{Kind: k.Name, Doc: k.Doc, Roles: k.Roles}
		if c := eng.Get(k.Name); c != nil {
			at := c.At
			info.Version, info.Since, info.Warnings = c.Version, &at, c.Warnings
		}
		out = append(out, info)
	}
	writeJSON(w, http.StatusOK, out)
}

// GET /v1/definitions/{kind}: the versions of a kind, newest first.
func (a *API) definitionVersions(w http.ResponseWriter, r *http.Request) {
	k, ok := a.reg.Kind(r.PathValue("kind"))
	if !ok {
		notFound(w)
		return
	}
	rows, err := a.store.DefinitionVersions(r.Context(), k.Name)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if rows == nil {
		rows = []DefinitionRow{}
	}
	writeJSON(w, http.StatusOK, rows)
}

// GET /v1/definitions/{kind}/{version}: one version's body, as uploaded.
func (a *API) getDefinition(w http.ResponseWriter, r *http.Request) {
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v <= 0 {
		notFound(w)
		return
	}
	row, err := a.store.Definition(r.Context(), r.PathValue("kind"), v)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Definition-Version", strconv.Itoa(row.Version))
	w.WriteHeader(http.StatusOK)
	w.Write(row.Body)
}

// uploadResult answers a stored upload.
type uploadResult struct {
	Kind     string               `json:"kind"`
	Version  int                  `json:"version"`
	Warnings []partnerops.Warning `json:"warnings,omitempty"`
}

// POST /v1/definitions/{kind}: a new version. The body is parsed strictly
// and compiled first; a refused body answers 400 with every problem and
// its path, and the version in force stays.
func (a *API) uploadDefinition(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	k, ok := a.reg.Kind(r.PathValue("kind"))
	if !ok {
		notFound(w)
		return
	}
	if !hasRole(p.Role, k.Roles) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("role %s may not upload %s definitions", p.Role, k.Name), nil)
		return
	}
	body, ok := a.readBody(w, r, a.maxDefinition)
	if !ok {
		return
	}
	c, err := a.reg.Upload(r.Context(), k.Name, body, p.Actor(), a.now())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, uploadResult{Kind: c.Kind, Version: c.Version, Warnings: c.Warnings})
}
