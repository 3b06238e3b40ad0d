package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnerops/partnerops"
)

// This file keeps the compiled engines: one per definition kind, built
// from the version in force. The library's pattern is define, compile,
// evaluate: a definition is compiled once into an immutable engine that is
// safe for concurrent use. Here every upload is compiled before it is
// stored, so a definition that does not compile never becomes a version,
// and the engines in force are swapped in one atomic step when a new
// version lands: a request sees the old engines or the new ones, never a
// mix.

// Kind is a kind of definition the service stores and compiles.
type Kind struct {
	// Name is the kind's name in URLs ("pricing").
	Name string
	// Doc says what a body holds, for the API's listing.
	Doc string
	// Roles may upload new versions.
	Roles []Role
	// Compile parses a body strictly and compiles it. Errors carry the
	// library's field paths (see problemsOf).
	Compile func(body []byte) (engine any, warnings []partnerops.Warning, err error)
}

// Compiled is one compiled version of one kind.
type Compiled struct {
	Kind     string
	Version  int
	Engine   any
	Warnings []partnerops.Warning
	At       time.Time
}

// Engines is the set of compiled versions in force, one per kind. It is
// immutable: an upload builds a new set and swaps it in.
type Engines struct {
	byKind map[string]*Compiled
}

// Get returns the compiled version in force of a kind, or nil.
func (e *Engines) Get(kind string) *Compiled { return e.byKind[kind] }

// Versions returns the version in force of every kind that has one.
func (e *Engines) Versions() map[string]int {
	out := make(map[string]int, len(e.byKind))
	for k, c := range e.byKind {
		out[k] = c.Version
	}
	return out
}

// Registry compiles definitions and holds the engines in force.
type Registry struct {
	store *Store
	kinds map[string]Kind
	names []string // kind names, sorted

	cur atomic.Pointer[Engines]
	mu  sync.Mutex // serializes uploads: versions land in order

	// old caches versions no longer in force that something still needs
	// (an instance started under workflow version 1 keeps applying its
	// events under version 1). Keys are "kind/version".
	old sync.Map
}

// errNoDefinition is returned when a kind has no version in force yet.
var errNoDefinition = errors.New("no definition in force")

// NewRegistry returns a registry for the kinds, with no engines yet; call
// Load.
func NewRegistry(store *Store, kinds []Kind) *Registry {
	r := &Registry{store: store, kinds: map[string]Kind{}}
	for _, k := range kinds {
		r.kinds[k.Name] = k
		r.names = append(r.names, k.Name)
	}
	slices.Sort(r.names)
	r.cur.Store(&Engines{byKind: map[string]*Compiled{}})
	return r
}

// Kinds returns the known kinds, sorted by name.
func (r *Registry) Kinds() []Kind {
	out := make([]Kind, 0, len(r.names))
	for _, n := range r.names {
		out = append(out, r.kinds[n])
	}
	return out
}

// Kind returns a kind by name.
func (r *Registry) Kind(name string) (Kind, bool) {
	k, ok := r.kinds[name]
	return k, ok
}

// Current returns the engines in force. Take it once per request and use
// that value throughout, so one request never mixes versions.
func (r *Registry) Current() *Engines { return r.cur.Load() }

// Load compiles the version in force of every stored kind. A stored
// definition that no longer compiles (after a library upgrade that
// tightened a rule) stops the service at start, naming it, rather than
// failing requests later.
func (r *Registry) Load(ctx context.Context) error {
	rows, err := r.store.LatestDefinitions(ctx)
	if err != nil {
		return err
	}
	next := &Engines{byKind: map[string]*Compiled{}}
	for _, row := range rows {
		k, ok := r.kinds[row.Kind]
		if !ok {
			return fmt.Errorf("definitions: stored kind %q is unknown to this program", row.Kind)
		}
		eng, warns, err := k.Compile(row.Body)
		if err != nil {
			return fmt.Errorf("definitions: %s version %d no longer compiles: %w", row.Kind, row.Version, err)
		}
		next.byKind[row.Kind] = &Compiled{Kind: row.Kind, Version: row.Version, Engine: eng, Warnings: warns, At: row.CreatedAt}
	}
	r.cur.Store(next)
	return nil
}

// Upload parses and compiles body as a new version of kind, stores it and
// puts it in force. A body that does not parse or compile is refused with
// a *ProblemError listing every problem with its path; nothing is stored
// and the version in force is unchanged.
func (r *Registry) Upload(ctx context.Context, kind string, body []byte, by string, now time.Time) (*Compiled, error) {
	k, ok := r.kinds[kind]
	if !ok {
		return nil, errNotFound
	}
	eng, warns, err := k.Compile(body)
	if err != nil {
		return nil, &ProblemError{Msg: fmt.Sprintf("%s definition refused", kind), Problems: problemsOf("", err)}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	v, err := r.store.AddDefinition(ctx, kind, body, by, now)
	if err != nil {
		return nil, err
	}
	c := &Compiled{Kind: kind, Version: v, Engine: eng, Warnings: warns, At: now}
	cur := r.cur.Load()
	next := &Engines{byKind: make(map[string]*Compiled, len(cur.byKind)+1)}
	for n, e := range cur.byKind {
		next.byKind[n] = e
	}
	next.byKind[kind] = c
	r.cur.Store(next)
	return c, nil
}

// At returns a given version of a kind compiled: the one in force, or an
// older one, compiled from its stored body on first use and cached.
func (r *Registry) At(ctx context.Context, kind string, version int) (*Compiled, error) {
	if c := r.Current().Get(kind); c != nil && c.Version == version {
		return c, nil
	}
	key := fmt.Sprintf("%s/%d", kind, version)
	if c, ok := r.old.Load(key); ok {
		return c.(*Compiled), nil
	}
	k, ok := r.kinds[kind]
	if !ok {
		return nil, errNotFound
	}
	row, err := r.store.Definition(ctx, kind, version)
	if err != nil {
		return nil, err
	}
	eng, warns, err := k.Compile(row.Body)
	if err != nil {
		return nil, fmt.Errorf("definitions: %s version %d no longer compiles: %w", kind, version, err)
	}
	c, _ := r.old.LoadOrStore(key, &Compiled{Kind: kind, Version: version, Engine: eng, Warnings: warns, At: row.CreatedAt})
	return c.(*Compiled), nil
}

// engineOf returns the engine in force of a kind as type T, with its
// version, or errNoDefinition.
func engineOf[T any](e *Engines, kind string) (T, int, error) {
	var zero T
	c := e.Get(kind)
	if c == nil {
		return zero, 0, fmt.Errorf("%s: %w", kind, errNoDefinition)
	}
	t, ok := c.Engine.(T)
	if !ok {
		return zero, 0, fmt.Errorf("%s: engine is a %T", kind, c.Engine)
	}
	return t, c.Version, nil
}
