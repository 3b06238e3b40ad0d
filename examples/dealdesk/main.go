// Command dealdesk is a deal-desk service built on partnerops: an HTTP JSON
// API over an embedded SQLite database (modernc.org/sqlite, pure Go) that
// prices quotes with their full waterfall, runs deal registrations as
// event-sourced workflow instances, checks registrations for conflicts,
// scores accounts against the ICP, and renders partner scorecards and QBRs
// as Markdown.
//
// It is an example to fork, in its own Go module so the library keeps its
// three dependencies. The files are split by concern:
//
//	main.go            flags, start-up, the sweeper ticker, shutdown
//	store.go           the database: open, transactions
//	migrations.go      the schema, as append-only migrations
//	auth.go            bearer tokens (stored hashed), roles, access
//	engines.go         definitions compiled into engines, swapped atomically
//	definitions.go     the versioned definitions table
//	instances.go       the event store: instances, events, outbox
//	outbox.go          outbox queries
//	workflow.go        process workflows → event-store rows
//	sweeper.go         timers and deliveries at the time the host passes
//	api.go             routes (stdlib patterns), bodies, errors
//	api_definitions.go definitions: list, versions, upload
//	api_partners.go    partners and tokens
//	decode.go          strict envelopes, problems with paths
//	quotes.go          pricing
//	registrations.go   deal registrations
//	conflicts.go       registration checks (process/dealreg), opportunities
//	scoring.go         ICP fit scoring
//	scorecards.go      observations, scorecards, QBRs
//	samples.go         sample definitions and tokens (sample only)
//
// Run it from this folder with `go run .`; see README.md for curl calls.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // workflow calendars name IANA zones; embed the database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "dealdesk:", err)
		os.Exit(1)
	}
}

// run starts the service and serves until ctx ends. When ready is not nil
// it receives the listening address once the server accepts connections.
func run(ctx context.Context, args []string, stdout io.Writer, ready chan<- string) error {
	fs := flag.NewFlagSet("dealdesk", flag.ContinueOnError)
	dbPath := fs.String("db", "dealdesk.db", "SQLite database file, created on first start")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	sweepEvery := fs.Duration("sweep", time.Minute, "how often to fire due timers and deliver effects (0: only through POST /v1/sweep)")
	seed := fs.Bool("samples", true, "on a new database, load the sample definitions, partners and tokens")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, nil))

	store, err := OpenStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	reg := NewRegistry(store, []Kind{kindPricing, kindDealReg, kindChecks, kindFit, kindScorecard})
	if err := reg.Load(ctx); err != nil {
		return err
	}
	if *seed {
		toks, err := seedSamples(ctx, store, reg, time.Now())
		if err != nil {
			return fmt.Errorf("loading samples: %w", err)
		}
		if len(toks) > 0 {
			fmt.Fprintf(stdout, "New database %s with SAMPLE definitions, partners and tokens (sample only; tokens are stored hashed and shown once):\n", *dbPath)
			for _, t := range toks {
				fmt.Fprintf(stdout, "  %-16s %-10s %-28s %s\n", t.Role, t.Partner, t.Label, t.Token)
			}
		}
	}
	api := NewAPI(Config{Store: store, Registry: reg, Log: log})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "dealdesk listening on http://%s (database %s)\n", ln.Addr(), *dbPath)
	if ready != nil {
		ready <- ln.Addr().String()
	}

	if *sweepEvery > 0 {
		go func() {
			t := time.NewTicker(*sweepEvery)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case now := <-t.C:
					if rep, err := api.Sweep(ctx, now); err != nil {
						log.Error("sweep", "err", err)
					} else if rep != (SweepReport{}) {
						log.Info("sweep", "fired", rep.Fired, "stale", rep.Stale, "errors", rep.Errors, "delivered", rep.Delivered, "failed", rep.Failed)
					}
				}
			}
		}()
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
