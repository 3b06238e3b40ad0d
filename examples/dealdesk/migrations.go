package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations is the schema, as an append-only list: migration i+1 is
// migrations[i]. A database records the migrations it has run in
// schema_migrations; OpenStore runs the rest, each in its own transaction
// together with its row there. Never edit a migration that has shipped;
// append a new one.
var migrations = [][]string{
	// 1: the core tables.
	{
		// partners holds each partner's profile (a partnerops.Partner as
		// JSON). The service, never the caller, supplies a quote's or a
		// score's partner facts from here, so a partner cannot claim a tier.
		`CREATE TABLE partners (
			id      TEXT PRIMARY KEY,
			name    TEXT NOT NULL,
			profile TEXT NOT NULL
		)`,
		// tokens holds the SHA-256 (hex) of each bearer token, never the
		// token itself. A partner token belongs to exactly one partner.
		`CREATE TABLE tokens (
			hash       TEXT PRIMARY KEY,
			label      TEXT NOT NULL,
			role       TEXT NOT NULL CHECK (role IN ('partner', 'deal_desk', 'channel_manager')),
			partner_id TEXT REFERENCES partners(id),
			created_at INTEGER NOT NULL,
			CHECK ((role = 'partner') = (partner_id IS NOT NULL))
		)`,
		// definitions holds every version of every definition ever in
		// force; the highest version of a kind is the one in force.
		`CREATE TABLE definitions (
			kind       TEXT NOT NULL,
			version    INTEGER NOT NULL CHECK (version > 0),
			body       TEXT NOT NULL,
			created_at INTEGER NOT NULL,
			created_by TEXT NOT NULL,
			PRIMARY KEY (kind, version)
		)`,
		// quotes keeps each priced quote with its full result (the
		// waterfall) and the definition versions that priced it, so an
		// audit can re-render it from the row alone.
		`CREATE TABLE quotes (
			id          TEXT PRIMARY KEY,
			partner_id  TEXT NOT NULL REFERENCES partners(id),
			priced_at   INTEGER NOT NULL,
			definitions TEXT NOT NULL,
			request     TEXT NOT NULL,
			result      TEXT NOT NULL
		)`,
		`CREATE INDEX quotes_by_partner ON quotes (partner_id, priced_at)`,
		// instances is the current state of each workflow instance, a
		// projection of its events kept in the same transaction; version
		// is the optimistic-concurrency check.
		`CREATE TABLE instances (
			id                 TEXT PRIMARY KEY,
			workflow           TEXT NOT NULL,
			definition_version INTEGER NOT NULL,
			partner_id         TEXT NOT NULL REFERENCES partners(id),
			version            INTEGER NOT NULL CHECK (version > 0),
			state              TEXT NOT NULL,
			snapshot           TEXT NOT NULL,
			account_domain     TEXT NOT NULL DEFAULT '',
			account_name       TEXT NOT NULL DEFAULT '',
			created_at         INTEGER NOT NULL,
			updated_at         INTEGER NOT NULL
		)`,
		`CREATE INDEX instances_by_partner ON instances (partner_id, created_at)`,
		// account_domain and account_name are the normalized account key of
		// a registration (partnerops.AccountKey), for conflict checks.
		`CREATE INDEX instances_by_domain ON instances (account_domain) WHERE account_domain <> ''`,
		`CREATE INDEX instances_by_name ON instances (account_name) WHERE account_name <> ''`,
		// events is append-only: one row per accepted event, keyed by the
		// instance and the version it produced. Two writers racing for the
		// same version cannot both insert it.
		`CREATE TABLE events (
			instance_id TEXT NOT NULL REFERENCES instances(id),
			version     INTEGER NOT NULL CHECK (version > 0),
			at          INTEGER NOT NULL,
			entry       TEXT NOT NULL,
			recorded_at INTEGER NOT NULL,
			PRIMARY KEY (instance_id, version)
		) WITHOUT ROWID`,
		`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
			BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`,
		`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
			BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`,
		// outbox holds the effects of accepted events, written in the same
		// transaction as the events. key is the effect's idempotency key.
		// Timers carry due_at; the sweeper fires them when the host's clock
		// passes it. Other effects are delivered by the sweeper to the
		// host's notifier. done_at is set once, with an outcome.
		`CREATE TABLE outbox (
			key         TEXT PRIMARY KEY,
			instance_id TEXT NOT NULL REFERENCES instances(id),
			version     INTEGER NOT NULL,
			kind        TEXT NOT NULL,
			state       TEXT NOT NULL,
			effect      TEXT NOT NULL,
			due_at      INTEGER,
			created_at  INTEGER NOT NULL,
			done_at     INTEGER,
			outcome     TEXT
		) WITHOUT ROWID`,
		`CREATE INDEX outbox_pending ON outbox (done_at, due_at)`,
	},
	// 2: performance observations, posted by the vendor per partner. A
	// fact is identified by its partner, metric, time and key (a deal or
	// person ID for counts); posting it again replaces it, so a retried
	// upload counts once.
	{
		`CREATE TABLE observations (
			partner_id TEXT NOT NULL REFERENCES partners(id),
			metric     TEXT NOT NULL,
			at         INTEGER NOT NULL,
			key        TEXT NOT NULL DEFAULT '',
			value      TEXT NOT NULL,
			currency   TEXT NOT NULL DEFAULT '',
			posted_at  INTEGER NOT NULL,
			PRIMARY KEY (partner_id, metric, at, key)
		) WITHOUT ROWID`,
	},
	// 3: how many other partners' active registrations a registration
	// conflicted with when it was made (the QBR's channel conflicts).
	{
		`ALTER TABLE instances ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0`,
	},
	// 4: registration checks with process/dealreg: a registration's
	// product scope and its check at creation, and the vendor's direct
	// opportunities (dealreg records, as JSON) that registrations must not
	// collide with.
	{
		`ALTER TABLE instances ADD COLUMN products TEXT NOT NULL DEFAULT '{}'`,
		`ALTER TABLE instances ADD COLUMN checks TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE opportunities (
			id             TEXT PRIMARY KEY,
			account_domain TEXT NOT NULL DEFAULT '',
			account_name   TEXT NOT NULL DEFAULT '',
			record         TEXT NOT NULL,
			updated_at     INTEGER NOT NULL
		)`,
		`CREATE INDEX opportunities_by_domain ON opportunities (account_domain) WHERE account_domain <> ''`,
		`CREATE INDEX opportunities_by_name ON opportunities (account_name) WHERE account_name <> ''`,
	},
}

// migrate runs the migrations the database has not run yet. Two processes
// starting at once are safe: the IMMEDIATE transaction makes the second wait
// and then find the work done.
func (s *Store) migrate(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			applied_at INTEGER NOT NULL
		)`); err != nil {
			return err
		}
		var have int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return err
		}
		if have > len(migrations) {
			return fmt.Errorf("database schema version %d is newer than this program's %d", have, len(migrations))
		}
		for v := have + 1; v <= len(migrations); v++ {
			for _, stmt := range migrations[v-1] {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migration %d: %w", v, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
				v, unixNano(time.Now())); err != nil {
				return err
			}
		}
		return nil
	})
}

// schemaVersion returns the number of migrations the database has run.
func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}
