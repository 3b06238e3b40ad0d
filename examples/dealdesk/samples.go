package main

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
)

// The sample program: definitions, two partners and a token per role.
// SAMPLE ONLY: a real deployment uploads its own definitions through the
// API and issues tokens to real people (POST /v1/tokens).

//go:embed samples/*.json
var samples embed.FS

// sampleKinds is the order samples are uploaded in.
var sampleKinds = []string{kindPricing.Name, kindDealReg.Name, kindChecks.Name, kindFit.Name, kindScorecard.Name}

// SeededToken is a token the sample seeding issued.
type SeededToken struct {
	Label   string
	Role    Role
	Partner partnerops.PartnerID
	Token   string
}

// seedSamples uploads the sample definitions (through the same strict
// parse-and-compile path as the API), stores the sample partners and issues
// one token per role and per partner. It does nothing and returns no tokens
// when the database holds definitions already.
func seedSamples(ctx context.Context, store *Store, reg *Registry, now time.Time) ([]SeededToken, error) {
	have, err := store.LatestDefinitions(ctx)
	if err != nil {
		return nil, err
	}
	if len(have) > 0 {
		return nil, nil
	}
	var partners []partnerops.Partner
	b, err := samples.ReadFile("samples/partners.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &partners); err != nil {
		return nil, fmt.Errorf("samples/partners.json: %w", err)
	}
	for _, p := range partners {
		if err := store.PutPartner(ctx, p); err != nil {
			return nil, err
		}
	}
	for _, k := range sampleKinds {
		body, err := samples.ReadFile("samples/" + k + ".json")
		if err != nil {
			return nil, err
		}
		if _, err := reg.Upload(ctx, k, body, "sample", now); err != nil {
			return nil, fmt.Errorf("samples/%s.json: %w", k, err)
		}
	}
	var out []SeededToken
	issue := func(label string, role Role, partner partnerops.PartnerID) error {
		tok, err := store.IssueToken(ctx, label, role, partner, now)
		out = append(out, SeededToken{Label: label, Role: role, Partner: partner, Token: tok})
		return err
	}
	if err := issue("deal desk (sample)", RoleDealDesk, ""); err != nil {
		return nil, err
	}
	if err := issue("channel manager (sample)", RoleChannelManager, ""); err != nil {
		return nil, err
	}
	for _, p := range partners {
		if err := issue(p.Name+" (sample)", RolePartner, p.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
