package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Store is the service's SQLite database: partners, hashed tokens,
// versioned definitions, priced quotes, workflow instances with their
// append-only events, and the outbox of effects.
//
// It uses modernc.org/sqlite (pure Go, no cgo) in WAL mode, so readers never
// wait for the writer. Write transactions begin IMMEDIATE: each takes the
// database's write lock when it starts, so a read-check-write inside one
// (load an instance, compare its version, append events) cannot interleave
// with another writer; a busy writer waits up to busyTimeout instead of
// failing. Reads are single statements outside transactions.
//
// One process should own a database file: engines are rebuilt from the
// definitions table at start and after an upload through this process.
type Store struct {
	db *sql.DB

	// afterEvents, when set (tests only), runs inside a write transaction
	// after its events are inserted and before its outbox rows are: a test
	// returns an error here, or exits the process, to prove that an event
	// never lands without its effects.
	afterEvents func() error
}

// busyTimeout is how long a writer waits for the write lock.
const busyTimeout = 10 * time.Second

// OpenStore opens (creating it if needed) the database in the file at path
// and brings its schema up to date (see migrations.go).
func OpenStore(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("dealdesk: database path %q: must be a plain file name", path)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("dealdesk: opening %s: %w", path, err)
	}
	// A small pool: one writer at a time anyway, a few concurrent readers.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("dealdesk: migrating %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// write runs fn in one IMMEDIATE transaction and commits it when fn
// returns nil; any error (or panic) rolls everything back.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs a query and scans every row with scan, in order.
func queryAll[T any](ctx context.Context, db *sql.DB, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// errNotFound is returned by lookups that find no row. Handlers answer it
// with 404, exactly as they answer a record the caller may not see.
var errNotFound = errors.New("not found")

// isConstraint reports whether err is a uniqueness or primary-key
// violation: another writer got there first.
func isConstraint(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE:
		return true
	}
	return false
}

// unixNano and fromUnixNano store instants as INTEGER nanoseconds since
// the Unix epoch (UTC), which sort and compare correctly in SQL.
func unixNano(t time.Time) int64 { return t.UnixNano() }

func fromUnixNano(n int64) time.Time { return time.Unix(0, n).UTC() }
