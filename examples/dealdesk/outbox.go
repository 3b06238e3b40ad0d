package main

import (
	"context"
	"database/sql"
	"time"
)

const outboxColumns = `key, instance_id, version, kind, state, effect, due_at, created_at, done_at, outcome`

func scanOutbox(sc scanner) (OutboxRow, error) {
	var o OutboxRow
	var effect string
	var due, done sql.NullInt64
	var created int64
	var outcome sql.NullString
	if err := sc.Scan(&o.Key, &o.InstanceID, &o.Version, &o.Kind, &o.State, &effect, &due, &created, &done, &outcome); err != nil {
		return OutboxRow{}, err
	}
	o.Effect = []byte(effect)
	if due.Valid {
		o.DueAt = fromUnixNano(due.Int64)
	}
	o.CreatedAt = fromUnixNano(created)
	if done.Valid {
		o.DoneAt = fromUnixNano(done.Int64)
	}
	o.Outcome = outcome.String
	return o, nil
}

func (s *Store) queryOutbox(ctx context.Context, query string, args ...any) ([]OutboxRow, error) {
	return queryAll(ctx, s.db, scanOutbox, `SELECT `+outboxColumns+` FROM outbox `+query, args...)
}

// DueTimers returns pending timers due at or before now, earliest first,
// at most limit.
func (s *Store) DueTimers(ctx context.Context, now time.Time, limit int) ([]OutboxRow, error) {
	return s.queryOutbox(ctx, `WHERE done_at IS NULL AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, key LIMIT ?`,
		unixNano(now), limit)
}

// PendingDeliveries returns effects (not timers) not delivered yet, oldest
// first, at most limit.
func (s *Store) PendingDeliveries(ctx context.Context, limit int) ([]OutboxRow, error) {
	return s.queryOutbox(ctx, `WHERE done_at IS NULL AND due_at IS NULL ORDER BY created_at, key LIMIT ?`, limit)
}

// InstanceOutbox returns every outbox row of an instance, in key order.
func (s *Store) InstanceOutbox(ctx context.Context, id string) ([]OutboxRow, error) {
	return s.queryOutbox(ctx, `WHERE instance_id = ? ORDER BY version, key`, id)
}

// CompleteOutbox marks one outbox row done, once: it reports false if the
// row was done already (another sweeper delivered it).
func (s *Store) CompleteOutbox(ctx context.Context, key, outcome string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET done_at = ?, outcome = ? WHERE key = ? AND done_at IS NULL`,
		unixNano(now), outcome, key)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
