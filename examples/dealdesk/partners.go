package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/partnerops/partnerops"
)

// PutPartner creates or replaces a partner's profile. The profile is
// validated by the root package first.
func (s *Store) PutPartner(ctx context.Context, p partnerops.Partner) error {
	if err := p.Validate(); err != nil {
		return err
	}
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO partners (id, name, profile) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, profile = excluded.profile`,
		string(p.ID), p.Name, string(body))
	if err != nil {
		return fmt.Errorf("storing partner %q: %w", p.ID, err)
	}
	return nil
}

// Partner returns a partner's profile, or errNotFound.
func (s *Store) Partner(ctx context.Context, id partnerops.PartnerID) (partnerops.Partner, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT profile FROM partners WHERE id = ?`, string(id)).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return partnerops.Partner{}, errNotFound
	}
	if err != nil {
		return partnerops.Partner{}, err
	}
	var p partnerops.Partner
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		return partnerops.Partner{}, fmt.Errorf("partner %q: stored profile: %w", id, err)
	}
	return p, nil
}
