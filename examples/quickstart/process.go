package main

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops/process"
)

// dealRegistration submits a deal registration, approves it and then lets
// it expire, as a nightly job would see it.
func dealRegistration() error {
	section("Process: a deal registration from submission to expiry")
	cal, err := process.NewBusinessCalendar(process.CalendarDef{TimeZone: "UTC", Holidays: []string{"2026-12-25"}}, time.UTC)
	if err != nil {
		return err
	}
	dealReg, err := process.Compile(process.DealRegistration(process.DealRegistrationOptions{}), process.WithCalendar(cal))
	if err != nil {
		return err
	}
	submitted := time.Date(2026, 7, 24, 15, 0, 0, 0, time.UTC) // a Friday afternoon
	deal, _, err := dealReg.Start("DR-1001", process.Trigger{Actor: "partner:p-acme",
		Data: process.Data{"deal_value": process.Int(180000)}}, submitted)
	if err != nil {
		return err
	}
	deal, _, err = dealReg.Apply(deal, process.Trigger{Event: "start_review", Actor: "cam:lee"}, submitted.Add(time.Hour))
	if err != nil {
		return err
	}
	fmt.Printf("%s is %s; review due %s (2 business days, weekend skipped)\n", deal.ID, deal.State, deal.Due.Format("Mon Jan 2 15:04"))
	deal, _, err = dealReg.Apply(deal, process.Trigger{Event: "approve", Actor: "cam:lee", Role: process.RoleChannelManager}, submitted.AddDate(0, 0, 3))
	if err != nil {
		return err
	}
	fmt.Printf("approved; protected until %s\n", deal.Due.Format("Mon Jan 2 2006"))
	if _, _, err := dealReg.Apply(deal, process.Trigger{Event: "withdraw"}, submitted.AddDate(0, 0, 4)); err != nil {
		fmt.Println("refused:", err)
	}
	deal, effects, err := dealReg.Advance(deal, now) // tonight's nightly job
	if err != nil {
		return err
	}
	last := deal.History[len(deal.History)-1]
	fmt.Printf("%s on %s by %s; effects: %v\n", deal.State, last.At.Format("Mon Jan 2 2006"), last.Actor, effects)
	return nil
}
