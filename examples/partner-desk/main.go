// Command partner-desk wires the decisions that make a partner program
// fair around the deal-registration workflow, the way a durable host would
// run them:
//
//  1. a new registration is checked against the existing registrations and
//     direct opportunities (process/dealreg) before its workflow starts;
//  2. the workflow runs, each effect carrying its idempotency key
//     (Effect.Key) and the instance exposing its one wake-up time (Wake);
//     an event is validated with Check before the host commits it;
//  3. the conflict the check found is decided by the program's rules of
//     engagement (process/engagement), with an exact credit split;
//  4. a new lead is routed (process/routing) and offered down the chain as
//     partners decline or let the offer time out.
//
// Definitions are JSON, decoded strictly; everything is plain values.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process"
	"github.com/partnerops/partnerops/process/dealreg"
	"github.com/partnerops/partnerops/process/engagement"
	"github.com/partnerops/partnerops/process/routing"
)

const rulesJSON = `{
  "id": "roe-2026", "currency": "USD",
  "tiers": ["registered", "silver", "gold", "platinum"],
  "policies": [
    {"id": "incumbent", "kind": "incumbent"},
    {"id": "big-deals", "kind": "direct_defers", "min_deal": "50000.00"},
    {"id": "first", "kind": "first_to_register", "within": "24h"},
    {"id": "tier", "kind": "higher_tier"},
    {"id": "split", "kind": "split"}
  ]
}`

const routingJSON = `{
  "id": "emea-leads",
  "tiers": ["registered", "silver", "gold", "platinum"],
  "filters": [
    {"id": "region", "kind": "region"},
    {"id": "silver-plus", "kind": "tier", "min_tier": "silver"},
    {"id": "capacity", "kind": "capacity"},
    {"id": "paused", "kind": "paused"}
  ],
  "strategy": {"kind": "best_fit", "factors": [
    {"id": "fit", "source": "fit_score", "weight": "3"},
    {"id": "win", "source": "win_rate", "weight": "2"}
  ]},
  "offers": 2
}`

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "partner-desk:", err)
		os.Exit(1)
	}
}

func run() error {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	acme := partnerops.NewAccountKey("https://www.acme.com", "Acme, Inc.")

	fmt.Println("== 1. Registration checks")
	checker, err := dealreg.Compile(dealreg.Settings{})
	if err != nil {
		return err
	}
	index, err := checker.Index([]dealreg.Record{
		{ID: "R-1", Partner: "northwind", Account: acme, Status: "approved", Registered: at.AddDate(0, 0, -8),
			Products: dealreg.Scope{Families: []dealreg.Family{"security"}}},
	})
	if err != nil {
		return err
	}
	reg := dealreg.Record{ID: "R-3", Partner: "fabrikam", Account: partnerops.NewAccountKey("acme.com", "Acme Corporation"),
		Products: dealreg.Scope{Families: []dealreg.Family{"security"}}}
	check, err := index.Check(reg, at)
	if err != nil {
		return err
	}
	fmt.Print(check.Text())

	fmt.Println("\n== 2. The workflow, with keyed effects and a checked event")
	cal, err := process.NewBusinessCalendar(process.CalendarDef{TimeZone: "UTC"}, time.UTC)
	if err != nil {
		return err
	}
	w, err := process.Compile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(cal))
	if err != nil {
		return err
	}
	in, effects, err := w.Start("R-3", process.Trigger{Actor: "partner:fabrikam", Data: process.Data{"deal_value": process.Int(120000)}}, at)
	if err != nil {
		return err
	}
	in, more, err := w.Apply(in, process.Trigger{Event: "start_review", Actor: "cam:lee"}, at.Add(time.Hour))
	if err != nil {
		return err
	}
	for _, e := range append(effects, more...) {
		// An effect prints with its key (e.Key(): instance/version/index),
		// the idempotency key a durable host stores it under in its outbox.
		fmt.Println(" ", e)
	}
	fmt.Printf("  %s is %s; next wake-up %s\n", in.ID, in.State, in.Wake.Format(time.RFC3339))
	// The check said "review": the reviewer must not approve blindly. Check
	// tells the host why an event would be refused, before it commits it.
	if err := w.Check(in, process.Trigger{Event: "approve", Actor: "partner:fabrikam"}, at.Add(2*time.Hour)); err != nil {
		fmt.Println("  refused before commit:", err)
	}

	fmt.Println("\n== 3. The conflict, decided by the rules of engagement")
	rules, err := engagement.ParseRules([]byte(rulesJSON))
	if err != nil {
		return err
	}
	roe, err := engagement.Compile(rules)
	if err != nil {
		return err
	}
	decision, err := roe.Decide(engagement.Case{ID: "C-" + string(reg.ID), Value: partnerops.MustMoney("120000.00", partnerops.USD), Claims: []engagement.Claim{
		{Partner: "northwind", Registration: "R-1", Registered: at.AddDate(0, 0, -8), Tier: "gold"},
		{Partner: "fabrikam", Registration: "R-3", Registered: at, Tier: "platinum"},
	}})
	if err != nil {
		return err
	}
	fmt.Print(decision.Text())

	fmt.Println("\n== 4. A lead routed down the offer chain")
	def, err := routing.ParseDefinition([]byte(routingJSON))
	if err != nil {
		return err
	}
	router, err := routing.Compile(def)
	if err != nil {
		return err
	}
	dec := func(s string) *partnerops.Decimal { d := partnerops.MustDecimal(s); return &d }
	pct := func(s string) *partnerops.Percent { p := partnerops.MustPercent(s); return &p }
	pool, err := router.Pool([]routing.Partner{
		{ID: "northwind", Tier: "gold", Regions: []partnerops.Region{"emea"}, Capacity: 10, OpenLeads: 3, FitScore: dec("82"), WinRate: pct("35")},
		{ID: "fabrikam", Tier: "platinum", Regions: []partnerops.Region{"emea"}, Capacity: 10, OpenLeads: 9, FitScore: dec("90"), WinRate: pct("28")},
		{ID: "contoso", Tier: "silver", Regions: []partnerops.Region{"emea"}, Capacity: 5, OpenLeads: 5, FitScore: dec("95"), WinRate: pct("50")},
		{ID: "initech", Tier: "registered", Regions: []partnerops.Region{"emea"}, FitScore: dec("99"), WinRate: pct("60")},
	})
	if err != nil {
		return err
	}
	routed, err := pool.Route(routing.Lead{ID: "L-7", Account: partnerops.NewAccountKey("globex.com", "Globex"), Region: "emea"}, routing.Options{})
	if err != nil {
		return err
	}
	fmt.Print(routed.Text())
	chain := routing.NewChain(routed)
	if chain, err = chain.Respond(routing.OfferDeclined, "no capacity this quarter"); err != nil {
		return err
	}
	if chain, err = chain.Respond(routing.OfferTimedOut, ""); err != nil {
		return err
	}
	fmt.Print(chain.Text())
	return nil
}
