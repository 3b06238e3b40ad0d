// Command dealreg-workflow walks deal registrations through the standard
// deal registration workflow of package process: a business calendar with
// holidays, a review SLA in business days, a second approval for large
// deals, a refused event explained, an extension, expiry fired by the SLA
// timer, an SLA report, and event-sourced replay.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/partnerops/partnerops/process"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "dealreg-workflow:", err)
		os.Exit(1)
	}
}

// loc is the program's time zone. The host loads time zones; the library
// never reads files. A fixed zone keeps this program independent of the
// system's tzdata. Instances store UTC; the program shows times in loc.
var loc = time.FixedZone("CET", 3600)

func run() error {
	cal, err := process.NewBusinessCalendar(process.CalendarDef{
		TimeZone: "CET",
		Start:    "08:30", End: "17:30",
		Holidays: []string{"2026-04-03", "2026-04-06", "2026-05-01"}, // Good Friday, Easter Monday, Labour Day
	}, loc)
	if err != nil {
		return err
	}
	def := process.DealRegistration(process.DealRegistrationOptions{
		ReviewDays:   2,
		ValidityDays: 90,
		Extensions:   1,
	})
	w, err := process.Compile(def, process.WithCalendar(cal))
	if err != nil {
		return err
	}

	fmt.Println("== Deal registration workflow")
	for _, s := range def.States {
		sla := "-"
		if s.SLA != nil {
			sla = s.SLA.Describe()
		}
		kind := ""
		if s.Terminal {
			kind = "terminal"
		}
		fmt.Printf("  %-15s owner %-16s SLA %-28s %s\n", s.Name, dash(string(s.Owner)), sla, kind)
	}

	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }

	fmt.Println("\n== DR-3001: Initech registers a 1.4M deal on Thursday 2 April, before Easter")
	deal, effects, err := w.Start("DR-3001", process.Trigger{Actor: "partner:initech", Data: process.Data{
		"deal_value": process.Int(1_400_000),
		"customer":   process.String("Umbrella Corp"),
	}}, at(4, 2, 16, 0))
	if err != nil {
		return err
	}
	fmt.Printf("  %-16s ", at(4, 2, 16, 0).Format("Mon Jan 2 15:04"))
	show(deal, process.EventStart, effects)

	steps := []struct {
		when time.Time
		tr   process.Trigger
	}{
		{at(4, 2, 16, 45), process.Trigger{Event: "start_review", Actor: "cam:lee"}},
		{at(4, 7, 10, 0), process.Trigger{Event: "approve", Actor: "vp:kim", Role: process.RoleSalesDirector}},
		{at(4, 7, 11, 0), process.Trigger{Event: "approve", Actor: "cam:lee", Role: process.RoleChannelManager}},
		{at(4, 8, 17, 10), process.Trigger{Event: "approve", Actor: "vp:kim", Role: process.RoleSalesDirector}},
		{at(4, 9, 9, 0), process.Trigger{Event: "withdraw", Actor: "partner:initech"}},
		{at(6, 20, 9, 0), process.Trigger{Event: "extend", Actor: "partner:initech"}},
		{at(6, 20, 9, 5), process.Trigger{Event: "extend", Actor: "partner:initech", Data: process.Data{"evidence": process.String("signed technical win, PO expected Q3")}}},
	}
	for _, s := range steps {
		if st, _ := w.Status(deal, s.when); st.Breached {
			for _, e := range w.Escalations(deal, s.when) {
				fmt.Printf("  %-16s SLA breached in %s (due %s): %s\n", s.when.Format("Mon Jan 2 15:04"), e.State, e.At.In(loc).Format("Mon Jan 2 15:04"), e)
			}
		}
		next, effects, err := w.Apply(deal, s.tr, s.when)
		if err != nil {
			var te *process.TransitionError
			if errors.As(err, &te) {
				fmt.Printf("  %-16s REFUSED %-13s in %s: %v\n", s.when.Format("Mon Jan 2 15:04"), s.tr.Event, te.State, refusal(te))
				continue
			}
			return err
		}
		deal = next
		fmt.Printf("  %-16s ", s.when.Format("Mon Jan 2 15:04"))
		show(deal, s.tr.Event, effects)
	}

	fmt.Println("\n== Where DR-3001 stands on 1 July")
	fmt.Print(indent(w.Explain(deal, at(7, 1, 9, 0))))

	fmt.Println("\n== Reminder job on 25 August (14 days before expiry)")
	for _, r := range w.Reminders(deal, at(8, 25, 9, 0)) {
		fmt.Printf("  remind %s: %s expires %s\n", r.Role, deal.ID, r.At.In(loc).Format("Mon Jan 2 15:04"))
	}

	fmt.Println("\n== Nightly job on 1 October: fire due SLA events")
	deal, effects, err = w.Advance(deal, at(10, 1, 2, 0))
	if err != nil {
		return err
	}
	last := deal.History[len(deal.History)-1]
	fmt.Printf("  %-16s ", last.At.In(loc).Format("Mon Jan 2 15:04"))
	show(deal, last.Event, effects)

	fmt.Println("\n== History")
	fmt.Printf("  %-3s %-16s %-13s %-15s %-15s %s\n", "v", "at", "event", "from", "to", "actor")
	for _, e := range deal.History {
		fmt.Printf("  %-3d %-16s %-13s %-15s %-15s %s\n", e.Version, e.At.In(loc).Format("2006-01-02 15:04"), e.Event, dash(string(e.From)), e.To, e.Actor)
	}

	fmt.Println("\n== SLA report as of 1 October (Markdown)")
	steps2, err := w.Steps(deal, at(10, 1, 2, 0))
	if err != nil {
		return err
	}
	fmt.Print(indent(process.RenderSteps(steps2)))

	fmt.Println("\n== Event sourcing")
	snapshot, err := json.Marshal(deal)
	if err != nil {
		return err
	}
	restored, err := process.ParseInstance(snapshot)
	if err != nil {
		return err
	}
	replayed, err := w.Replay(deal.ID, deal.History)
	if err != nil {
		return err
	}
	fmt.Printf("  snapshot %d bytes; snapshot equals live: %v; replay of %d events equals live: %v\n",
		len(snapshot), restored.Equal(deal), len(deal.History), replayed.Equal(deal))

	fmt.Println("\n== Mermaid diagram (paste into any Mermaid renderer)")
	fmt.Print(indent(w.Mermaid()))
	return nil
}

func show(in process.Instance, ev process.Event, effects []process.Effect) {
	due := ""
	if !in.Due.IsZero() {
		due = "  due " + in.Due.In(loc).Format("Mon Jan 2 15:04")
	}
	fmt.Printf("%-13s -> %-14s v%d%s\n", ev, in.State, in.Version, due)
	for _, e := range effects {
		fmt.Printf("  %-16s   effect: %s\n", "", e)
	}
}

func refusal(te *process.TransitionError) string {
	switch {
	case errors.Is(te, process.ErrGuardRejected):
		return fmt.Sprintf("guard %q failed", strings.Join(te.Guards, ", "))
	case errors.Is(te, process.ErrNotApprover):
		return fmt.Sprintf("%s is not the next approver", te.Role)
	}
	return fmt.Sprintf("not allowed here; allowed: %v", te.Allowed)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}
