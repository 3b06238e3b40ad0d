package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
)

// This file is the event store: workflow instances whose accepted events
// are appended, never changed, to the events table, with a projection of the
// current state in the instances table and the events' effects in the
// outbox, all three written in one transaction. It knows nothing of the
// process package: the caller decides what an event means (registrations.go)
// and hands over the rows to write.

// InstanceRow is the stored projection of one workflow instance.
type InstanceRow struct {
	ID       string
	Workflow string
	// DefinitionVersion is the version of the workflow definition the
	// instance started under; its events are applied under that version.
	DefinitionVersion int
	PartnerID         partnerops.PartnerID
	// Version counts the instance's events: the last event's version.
	Version int
	State   string
	// Snapshot is the instance as JSON (a process.Instance).
	Snapshot []byte
	// Account is the registered account's key, for conflict checks.
	Account partnerops.AccountKey
	// Conflicts counts other partners' active registrations on the account
	// when the instance was created.
	Conflicts int
	// Products is the registration's product scope as JSON (a
	// dealreg.Scope; "{}" for the whole account).
	Products []byte
	// Checks is the registration check made at creation, as JSON (a
	// dealreg.Result).
	Checks    []byte
	CreatedAt time.Time
	UpdatedAt time.Time
}

// EventRow is one accepted event.
type EventRow struct {
	Version int
	At      time.Time
	// Entry is the history entry as JSON (a process.Entry).
	Entry []byte
}

// OutboxRow is one effect of an accepted event, to be carried out after
// the transaction commits.
type OutboxRow struct {
	// Key is the effect's idempotency key: instance ID, the version of the
	// event that produced it and its index among that event's effects.
	Key        string
	InstanceID string
	Version    int
	Kind       string
	State      string
	// Effect is the effect as JSON (a process.Effect).
	Effect []byte
	// DueAt is a timer's due time; zero for effects delivered at once.
	DueAt     time.Time
	CreatedAt time.Time
	DoneAt    time.Time
	Outcome   string
}

// Change is everything one accepted command writes, atomically: the
// instance's new projection, the events that produced it, their effects,
// the timers those events cancel, and outbox rows the command completes (a
// timer the sweeper fired).
type Change struct {
	Instance InstanceRow
	Events   []EventRow
	Outbox   []OutboxRow
	// CancelTimers cancels the instance's pending timer (an instance has
	// one: its next wake-up) before this change's outbox rows are added.
	CancelTimers bool
	// Complete marks outbox rows done. If one is done already (another
	// sweeper fired it first), the whole change is rolled back with
	// errAlreadyDone.
	Complete []Completion
}

// Completion marks one outbox row done.
type Completion struct {
	Key     string
	Outcome string
}

// ConflictError is returned when a command expected another version of the
// instance than the stored one: someone else's event landed first. The API
// answers it with 409 and the current version; the client reloads and
// decides again. No event is lost: the other writer's event is stored, and
// this one was never written.
type ConflictError struct {
	ID        string
	Current   int
	Requested int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("instance %s is at version %d, not %d", e.ID, e.Current, e.Requested)
}

var (
	// errExists is returned when an instance ID is taken.
	errExists = errors.New("already exists")
	// errAlreadyDone is returned when an outbox row to complete is done.
	errAlreadyDone = errors.New("outbox row already done")
	// errNoChange is returned by an update function that has nothing to
	// write; UpdateInstance then commits nothing and returns nil.
	errNoChange = errors.New("no change")
)

// CreateInstance stores a new instance with its first events and their
// effects, in one transaction. It returns errExists if the ID is taken.
func (s *Store) CreateInstance(ctx context.Context, ch Change, now time.Time) error {
	if err := checkEvents(0, ch); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		in := ch.Instance
		_, err := tx.ExecContext(ctx, `INSERT INTO instances
			(id, workflow, definition_version, partner_id, version, state, snapshot, account_domain, account_name, conflicts,
			 products, checks, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.ID, in.Workflow, in.DefinitionVersion, string(in.PartnerID), in.Version, in.State, string(in.Snapshot),
			in.Account.Domain, in.Account.Name, in.Conflicts, orJSON(in.Products, "{}"), string(in.Checks), unixNano(now), unixNano(now))
		if isConstraint(err) {
			return errExists
		}
		if err != nil {
			return err
		}
		return s.applyChange(ctx, tx, in.ID, ch, now)
	})
}

// UpdateInstance loads an instance, lets fn decide what to write, and
// writes it, all in one IMMEDIATE transaction, so no other writer can slip
// in between the read and the write. fn returns a *ConflictError when the
// caller expected another version, errNoChange when there is nothing to do,
// or any error to refuse; nothing is written then.
//
// The version check is enforced twice: by the transaction (the row is
// updated only where its version is still the one read) and by the events
// table's primary key (instance, version), so a bug in fn cannot overwrite
// or fork a history.
func (s *Store) UpdateInstance(ctx context.Context, id string, now time.Time, fn func(cur InstanceRow) (Change, error)) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		cur, err := loadInstance(ctx, tx, id)
		if err != nil {
			return err
		}
		ch, err := fn(cur)
		if err != nil {
			return err
		}
		if err := checkEvents(cur.Version, ch); err != nil {
			return err
		}
		if len(ch.Events) == 0 { // completions only: the instance is unchanged
			return s.applyChange(ctx, tx, id, ch, now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE instances SET version = ?, state = ?, snapshot = ?, updated_at = ?
			WHERE id = ? AND version = ?`,
			ch.Instance.Version, ch.Instance.State, string(ch.Instance.Snapshot), unixNano(now), id, cur.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return &ConflictError{ID: id, Current: -1, Requested: cur.Version}
		}
		return s.applyChange(ctx, tx, id, ch, now)
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

// orJSON returns b as a string, or def when b is empty.
func orJSON(b []byte, def string) string {
	if len(b) == 0 {
		return def
	}
	return string(b)
}

// checkEvents checks that a change appends events with consecutive
// versions after from and that the projection's version is the last one.
func checkEvents(from int, ch Change) error {
	if len(ch.Events) == 0 {
		if len(ch.Complete) == 0 {
			return fmt.Errorf("a change with no events (instance %s)", ch.Instance.ID)
		}
		return nil
	}
	v := from
	for _, e := range ch.Events {
		if e.Version != v+1 {
			return fmt.Errorf("instance %s: event version %d follows %d", ch.Instance.ID, e.Version, v)
		}
		v = e.Version
	}
	if ch.Instance.Version != v {
		return fmt.Errorf("instance %s: projection at version %d, events end at %d", ch.Instance.ID, ch.Instance.Version, v)
	}
	return nil
}

// applyChange writes a change's events, effects, cancellations and
// completions inside tx.
func (s *Store) applyChange(ctx context.Context, tx *sql.Tx, id string, ch Change, now time.Time) error {
	for _, e := range ch.Events {
		_, err := tx.ExecContext(ctx, `INSERT INTO events (instance_id, version, at, entry, recorded_at) VALUES (?, ?, ?, ?, ?)`,
			id, e.Version, unixNano(e.At), string(e.Entry), unixNano(now))
		if isConstraint(err) {
			return &ConflictError{ID: id, Current: -1, Requested: e.Version - 1}
		}
		if err != nil {
			return err
		}
	}
	if s.afterEvents != nil {
		if err := s.afterEvents(); err != nil {
			return err
		}
	}
	// Complete first: a fired timer is done, not cancelled by the events
	// it fired.
	for _, c := range ch.Complete {
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET done_at = ?, outcome = ? WHERE key = ? AND done_at IS NULL`,
			unixNano(now), c.Outcome, c.Key)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return errAlreadyDone
		}
	}
	// Cancel before enqueueing: a start_timer replaces the pending timer.
	if ch.CancelTimers {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET done_at = ?, outcome = 'cancelled'
			WHERE instance_id = ? AND due_at IS NOT NULL AND done_at IS NULL`,
			unixNano(now), id)
		if err != nil {
			return err
		}
	}
	for _, o := range ch.Outbox {
		var due any
		if !o.DueAt.IsZero() {
			due = unixNano(o.DueAt)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox (key, instance_id, version, kind, state, effect, due_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
			o.Key, id, o.Version, o.Kind, o.State, string(o.Effect), due, unixNano(now))
		if err != nil {
			return fmt.Errorf("outbox %s: %w", o.Key, err)
		}
	}
	return nil
}

const instanceColumns = `id, workflow, definition_version, partner_id, version, state, snapshot,
	account_domain, account_name, conflicts, products, checks, created_at, updated_at`

func scanInstance(sc scanner) (InstanceRow, error) {
	var in InstanceRow
	var partner, snapshot, products, checks string
	var created, updated int64
	err := sc.Scan(&in.ID, &in.Workflow, &in.DefinitionVersion, &partner, &in.Version, &in.State, &snapshot,
		&in.Account.Domain, &in.Account.Name, &in.Conflicts, &products, &checks, &created, &updated)
	if err != nil {
		return InstanceRow{}, err
	}
	in.PartnerID = partnerops.PartnerID(partner)
	in.Snapshot, in.Products, in.Checks = []byte(snapshot), []byte(products), []byte(checks)
	in.CreatedAt, in.UpdatedAt = fromUnixNano(created), fromUnixNano(updated)
	return in, nil
}

func loadInstance(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id string) (InstanceRow, error) {
	in, err := scanInstance(q.QueryRowContext(ctx, `SELECT `+instanceColumns+` FROM instances WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return InstanceRow{}, errNotFound
	}
	return in, err
}

// Instance returns an instance's projection, or errNotFound.
func (s *Store) Instance(ctx context.Context, id string) (InstanceRow, error) {
	return loadInstance(ctx, s.db, id)
}

// Instances lists the instances of a workflow, of one partner when partner
// is not empty, oldest first, at most limit.
func (s *Store) Instances(ctx context.Context, workflow string, partner partnerops.PartnerID, limit int) ([]InstanceRow, error) {
	return queryAll(ctx, s.db, scanInstance, `SELECT `+instanceColumns+` FROM instances
		WHERE workflow = ? AND (? = '' OR partner_id = ?) ORDER BY created_at, id LIMIT ?`,
		workflow, string(partner), string(partner), limit)
}

// InstancesForAccount lists the instances of a workflow whose account key
// shares a domain or a name with k (candidates for a conflict check; the
// caller applies partnerops.AccountKey.Match to each).
func (s *Store) InstancesForAccount(ctx context.Context, workflow string, k partnerops.AccountKey) ([]InstanceRow, error) {
	return queryAll(ctx, s.db, scanInstance, `SELECT `+instanceColumns+` FROM instances
		WHERE workflow = ? AND ((account_domain <> '' AND account_domain = ?) OR (account_name <> '' AND account_name = ?))
		ORDER BY created_at, id`,
		workflow, k.Domain, k.Name)
}

// ConflictCount sums the conflicts of a partner's instances of a workflow
// created in [from, to).
func (s *Store) ConflictCount(ctx context.Context, workflow string, partner partnerops.PartnerID, from, to time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(conflicts), 0) FROM instances
		WHERE workflow = ? AND partner_id = ? AND created_at >= ? AND created_at < ?`,
		workflow, string(partner), unixNano(from), unixNano(to)).Scan(&n)
	return n, err
}

// Events returns an instance's events in version order.
func (s *Store) Events(ctx context.Context, id string) ([]EventRow, error) {
	return queryAll(ctx, s.db, scanEvent, `SELECT version, at, entry FROM events WHERE instance_id = ? ORDER BY version`, id)
}

func scanEvent(sc scanner) (EventRow, error) {
	var e EventRow
	var at int64
	var entry string
	if err := sc.Scan(&e.Version, &at, &entry); err != nil {
		return EventRow{}, err
	}
	e.At, e.Entry = fromUnixNano(at), []byte(entry)
	return e, nil
}
