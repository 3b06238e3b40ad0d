package main

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// DefinitionRow is one stored version of a definition.
type DefinitionRow struct {
	Kind      string    `json:"kind"`
	Version   int       `json:"version"`
	Body      []byte    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// LatestDefinitions returns the version in force (the highest) of every
// kind stored.
func (s *Store) LatestDefinitions(ctx context.Context) ([]DefinitionRow, error) {
	return queryAll(ctx, s.db, scanDefinition, `SELECT d.kind, d.version, d.body, d.created_at, d.created_by
		FROM definitions d
		JOIN (SELECT kind, MAX(version) AS version FROM definitions GROUP BY kind) m
		  ON m.kind = d.kind AND m.version = d.version
		ORDER BY d.kind`)
}

// Definition returns one version of a kind, or errNotFound.
func (s *Store) Definition(ctx context.Context, kind string, version int) (DefinitionRow, error) {
	d, err := scanDefinition(s.db.QueryRowContext(ctx, `SELECT kind, version, body, created_at, created_by
		FROM definitions WHERE kind = ? AND version = ?`, kind, version))
	if errors.Is(err, sql.ErrNoRows) {
		return DefinitionRow{}, errNotFound
	}
	return d, err
}

// DefinitionVersions lists the versions of a kind, newest first, without
// their bodies.
func (s *Store) DefinitionVersions(ctx context.Context, kind string) ([]DefinitionRow, error) {
	return queryAll(ctx, s.db, scanDefinition, `SELECT kind, version, '', created_at, created_by
		FROM definitions WHERE kind = ? ORDER BY version DESC`, kind)
}

// AddDefinition stores body as the next version of kind and returns that
// version. The caller has parsed and compiled it already.
func (s *Store) AddDefinition(ctx context.Context, kind string, body []byte, by string, now time.Time) (int, error) {
	var v int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM definitions WHERE kind = ?`, kind).Scan(&v); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO definitions (kind, version, body, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
			kind, v, string(body), unixNano(now), by)
		return err
	})
	return v, err
}

func scanDefinition(sc scanner) (DefinitionRow, error) {
	var d DefinitionRow
	var body string
	var created int64
	if err := sc.Scan(&d.Kind, &d.Version, &body, &created, &d.CreatedBy); err != nil {
		return DefinitionRow{}, err
	}
	d.CreatedAt = fromUnixNano(created)
	if body != "" {
		d.Body = []byte(body)
	}
	return d, nil
}
