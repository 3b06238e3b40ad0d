package main

import (
	"net/http"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/fit"
)

// kindFit is the ICP fit model (strategy/fit): attributes, weighted
// criteria and grades.
var kindFit = Kind{
	Name:  "fit_model",
	Doc:   `{fit model: "attributes", "criteria", "grades"}: the ideal customer profile accounts are scored against`,
	Roles: []Role{RoleChannelManager},
	Compile: func(body []byte) (any, []partnerops.Warning, error) {
		def, err := fit.ParseDefinition(body)
		if err != nil {
			return nil, nil, err
		}
		m, err := fit.Compile(def)
		if err != nil {
			return nil, nil, err
		}
		return m, m.Warnings(), nil
	},
}

// maxAccounts bounds one scoring request.
const maxAccounts = 10_000

// scoreRequest is the body of POST /v1/accounts/score.
type scoreRequest struct {
	Accounts []struct {
		ID         string            `json:"id"`
		Attributes map[string]string `json:"attributes"`
	} `json:"accounts"`
	// Explain adds every criterion's contribution per account.
	Explain bool `json:"explain,omitempty"`
	// Top is how many of the best accounts to rank (default 10).
	Top int `json:"top,omitempty"`
}

// scoredAccount is one account's result.
type scoredAccount struct {
	ID          string           `json:"id"`
	Score       fit.Score        `json:"score"`
	Explanation *fit.Explanation `json:"explanation,omitempty"`
}

// scoreResponse answers POST /v1/accounts/score.
type scoreResponse struct {
	// ModelVersion is the fit_model version that scored the accounts.
	ModelVersion int              `json:"model_version"`
	Accounts     []scoredAccount  `json:"accounts"`
	Top          []fit.Ranked     `json:"top"`
	Distribution fit.Distribution `json:"distribution"`
}

// POST /v1/accounts/score: score posted accounts against the ICP. Any
// role may score; nothing is stored.
func (a *API) scoreAccounts(w http.ResponseWriter, r *http.Request) {
	var req scoreRequest
	if !a.decodeBody(w, r, &req) {
		return
	}
	var probs []Problem
	if len(req.Accounts) == 0 {
		probs = append(probs, Problem{Path: "accounts", Rule: "at least one account"})
	}
	if len(req.Accounts) > maxAccounts {
		probs = append(probs, Problem{Path: "accounts", Rule: "at most 10000 accounts per request"})
	}
	m, version, err := engineOf[*fit.Model](a.reg.Current(), kindFit.Name)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	entities := make([]fit.Entity, 0, len(req.Accounts))
	seen := map[string]bool{}
	for i, acc := range req.Accounts {
		path := partnerops.Path("accounts", i)
		if acc.ID != "" {
			path = partnerops.Path("accounts", partnerops.Key(acc.ID))
		}
		if acc.ID == "" {
			probs = append(probs, Problem{Path: path + ".id", Rule: "required"})
			continue
		}
		if seen[acc.ID] {
			probs = append(probs, Problem{Path: path + ".id", Rule: "duplicate account ID", Value: acc.ID})
			continue
		}
		seen[acc.ID] = true
		e, err := m.EntityFromAttributes(acc.ID, acc.Attributes)
		if err != nil {
			probs = append(probs, problemsOf(path+".attributes", err)...)
			continue
		}
		entities = append(entities, e)
	}
	if len(probs) > 0 {
		writeError(w, http.StatusBadRequest, "invalid accounts", probs)
		return
	}
	batch, err := m.ScoreBatch(entities, fit.BatchOptions{TopN: req.Top})
	if err != nil {
		writeError(w, http.StatusBadRequest, "scoring refused", problemsOf("accounts", err))
		return
	}
	out := scoreResponse{ModelVersion: version, Accounts: make([]scoredAccount, len(entities)), Top: batch.Top, Distribution: batch.Distribution}
	for i := range entities {
		out.Accounts[i] = scoredAccount{ID: entities[i].ID, Score: batch.Scores[i]}
		if req.Explain {
			x, err := m.Explain(&entities[i])
			if err != nil {
				a.internal(w, r, err)
				return
			}
			out.Accounts[i].Explanation = &x
		}
	}
	writeJSON(w, http.StatusOK, out)
}
