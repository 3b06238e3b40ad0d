package renewal

import (
	"time"

	"github.com/partnerops/partnerops"
)

// RetentionFacts are the facts of one renewal for retention-focused
// partner compensation.
type RetentionFacts struct {
	Partner partnerops.PartnerID `json:"partner"`
	Deal    string               `json:"deal,omitempty"`
	// Due is when the expiring contract ends.
	Due time.Time `json:"due"`
	// Renewed is when the renewal was booked; zero when it was not.
	Renewed time.Time `json:"renewed,omitzero"`
	// GraceDays after Due still count as on time.
	GraceDays int `json:"grace_days,omitempty"`
	// TermMonths of the renewal.
	TermMonths int              `json:"term_months,omitempty"`
	PriorACV   partnerops.Money `json:"prior_acv"`
	RenewedACV partnerops.Money `json:"renewed_acv,omitzero"`
}

// RetentionEvent is plain output a payout plan consumes as a bonus input
// (a retention bonus for on-time or multi-year renewals): the library
// computes the facts, the plan decides what they pay.
type RetentionEvent struct {
	Partner partnerops.PartnerID `json:"partner"`
	Deal    string               `json:"deal,omitempty"`
	Renewed bool                 `json:"renewed"`
	// OnTime: renewed no later than Due plus the grace days.
	OnTime bool `json:"on_time"`
	// DaysEarly is how many calendar days before Due the renewal was
	// booked (negative when late).
	DaysEarly int64 `json:"days_early"`
	// MultiYear: a renewal term of more than 12 months; Years its
	// contract years (rounded up).
	MultiYear bool             `json:"multi_year"`
	Years     int              `json:"years"`
	PriorACV  partnerops.Money `json:"prior_acv"`
	// RenewedACV and Growth (RenewedACV − PriorACV).
	RenewedACV partnerops.Money `json:"renewed_acv"`
	Growth     partnerops.Money `json:"growth"`
	// NetRetention is RenewedACV / PriorACV (half even, 4 places of a
	// percent); zero when PriorACV is zero.
	NetRetention partnerops.Percent `json:"net_retention"`
}

// Retention turns renewal facts into a [RetentionEvent].
func Retention(f RetentionFacts) (RetentionEvent, error) {
	var p partnerops.Problems
	c := f.PriorACV.Currency()
	if !c.Valid() {
		p.Add("prior_acv", "needs a currency", f.PriorACV.String())
	}
	renewedACV := f.RenewedACV
	if renewedACV.IsZero() && renewedACV.Currency() != c {
		// A churned renewal: zero is zero in any currency (JSON leaves
		// it out), so it never fails on its currency.
		renewedACV = partnerops.Zero(c)
	} else if renewedACV.Currency() != c {
		p.AddWrapped("renewed_acv", "must be in the prior ACV's currency "+string(c), partnerops.ErrCurrencyMismatch)
	}
	if f.Due.IsZero() {
		p.Add("due", "is required", "")
	}
	if f.GraceDays < 0 || f.TermMonths < 0 || f.TermMonths > 1200 {
		p.Add("grace_days", "grace_days and term_months must not be negative (term at most 1200 months)", "")
	}
	if err := p.Err(); err != nil {
		return RetentionEvent{}, wrap(err, "retention")
	}
	ev := RetentionEvent{Partner: f.Partner, Deal: f.Deal, PriorACV: f.PriorACV, RenewedACV: renewedACV}
	ev.Growth, _ = renewedACV.Sub(f.PriorACV)
	if !f.Renewed.IsZero() {
		ev.Renewed = true
		ev.DaysEarly = actualDays(f.Renewed, f.Due)
		ev.OnTime = ev.DaysEarly >= -int64(f.GraceDays)
		term := f.TermMonths
		if term == 0 {
			term = 12
		}
		ev.Years = (term + 11) / 12
		ev.MultiYear = term > 12
	}
	if f.PriorACV.IsPositive() {
		r, _ := renewedACV.Ratio(f.PriorACV, 6, partnerops.RoundHalfEven)
		ev.NetRetention = partnerops.PercentFromFraction(r)
	}
	return ev, nil
}
