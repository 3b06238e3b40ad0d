package payout

import (
	"fmt"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// RampSchedule is a new partner's ramp: stages counted from the partner's
// start date, each lasting a number of months and granting extra margin
// (for pricing) and a bonus rate (for payouts), ending early once the
// partner has closed UntilDeals deals or UntilAmount of business,
// whichever comes first; and a fast-start bonus for a first deal within a
// number of days. It is plain data; [CompileRamp] validates it, or a plan's
// ramp component carries one.
type RampSchedule struct {
	ID string `json:"id"`
	// Currency of the amounts; inside a plan, the plan's currency and may
	// be left out.
	Currency partnerops.Currency `json:"currency,omitempty"`
	Stages   []RampStage         `json:"stages"`
	// UntilDeals ends the ramp once this many deals have closed (0: no
	// limit).
	UntilDeals int `json:"until_deals,omitempty"`
	// UntilAmount ends the ramp once this much business has closed (zero:
	// no limit).
	UntilAmount partnerops.Money `json:"until_amount,omitzero"`
	// FastStart pays a bonus for a first deal soon after the start.
	FastStart *FastStart `json:"fast_start,omitempty"`
}

// RampStage is one stage of a [RampSchedule].
type RampStage struct {
	// ID is the "ramp stage" value a host passes to pricing rule
	// conditions ("ramp-1").
	ID string `json:"id"`
	// Months the stage lasts, counted from the end of the previous stage
	// (the first from the start date).
	Months int `json:"months"`
	// ExtraMargin is extra partner margin in percentage points.
	ExtraMargin partnerops.Percent `json:"extra_margin,omitzero"`
	// BonusRate is a bonus in percent of the measure a ramp component
	// pays on.
	BonusRate partnerops.Percent `json:"bonus_rate,omitzero"`
}

// FastStart is a bonus for a first deal dated before the start plus
// WithinDays days.
type FastStart struct {
	WithinDays int              `json:"within_days"`
	Amount     partnerops.Money `json:"amount"`
}

type rampPlain RampSchedule

// ParseRamp decodes a ramp schedule strictly (see the package doc).
func ParseRamp(data []byte) (RampSchedule, error) {
	var r RampSchedule
	if err := strict.Decode(data, (*rampPlain)(&r), strict.Options{}); err != nil {
		return RampSchedule{}, fmt.Errorf("payout: parsing ramp: %w", err)
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRamp] does.
func (r *RampSchedule) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*rampPlain)(r), strict.Options{})
}

// Ramp is a compiled [RampSchedule]. It is immutable and safe for
// concurrent use.
type Ramp struct {
	id          string
	currency    partnerops.Currency
	stages      []RampStage
	months      []int // cumulative months at each stage's end
	untilDeals  int
	untilAmount int64 // scale 6; 0 none
	hasAmount   bool
	fastDays    int
	fastAmount  int64
	bonus       []int64 // multipliers at scale 10
	warnings    partnerops.Warnings
}

// CompileRamp validates a ramp schedule and returns the compiled [Ramp].
// Every problem is reported at once as [*partnerops.ValidationError]
// values joined.
func CompileRamp(s RampSchedule) (*Ramp, error) {
	var probs partnerops.Problems
	if s.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	if !s.Currency.Valid() {
		probs.Add("currency", "must be a known ISO 4217 code", string(s.Currency))
		s.Currency = partnerops.USD // keep checking the amounts
	}
	r := compileRamp(s, s.Currency, "", &probs)
	if err := probs.Err(); err != nil {
		return nil, fmt.Errorf("payout: compiling ramp %q: %w", s.ID, err)
	}
	return r, nil
}

func compileRamp(s RampSchedule, cur partnerops.Currency, prefix string, probs *partnerops.Problems) *Ramp {
	r := &Ramp{id: s.ID, currency: cur, stages: append([]RampStage(nil), s.Stages...), untilDeals: s.UntilDeals}
	path := func(parts ...any) string { return partnerops.JoinPath(prefix, partnerops.Path(parts...)) }
	if s.Currency != "" && s.Currency != cur {
		probs.Addf(path("currency"), string(s.Currency), "must be %s, the plan's currency, or left out", cur)
	}
	if len(s.Stages) == 0 {
		probs.Add(path("stages"), "must have at least one stage", "")
	}
	seen := map[string]bool{}
	total := 0
	for i, st := range s.Stages {
		p := func(f string) string { return path("stages", stageKey(st.ID, i), f) }
		if st.ID == "" {
			probs.Add(p("id"), "must not be empty", "")
		} else if seen[st.ID] {
			probs.Add(p("id"), "duplicate stage", st.ID)
		}
		seen[st.ID] = true
		if st.Months < 1 || st.Months > 1200 {
			probs.Add(p("months"), "must be from 1 to 1200", fmt.Sprint(st.Months))
		}
		total += max(st.Months, 0)
		r.months = append(r.months, total)
		if st.ExtraMargin.IsNegative() || st.ExtraMargin.Cmp(partnerops.PercentFromInt(100)) > 0 {
			probs.Add(p("extra_margin"), "must be from 0 to 100", st.ExtraMargin.String())
		}
		m, ok := multOfPercent(st.BonusRate)
		if !ok || st.BonusRate.IsNegative() {
			probs.Add(p("bonus_rate"), "must be a percent from 0 with at most 8 decimals", st.BonusRate.String())
		}
		r.bonus = append(r.bonus, m)
		warnSmallPercent(&r.warnings, p("bonus_rate"), st.BonusRate)
		warnSmallPercent(&r.warnings, p("extra_margin"), st.ExtraMargin)
	}
	if s.UntilDeals < 0 {
		probs.Add(path("until_deals"), "must not be negative", fmt.Sprint(s.UntilDeals))
	}
	if !s.UntilAmount.IsZero() {
		r.untilAmount = moneyField(probs, path("until_amount"), s.UntilAmount, cur, true)
		r.hasAmount = r.untilAmount > 0
	}
	if fs := s.FastStart; fs != nil {
		if fs.WithinDays < 1 || fs.WithinDays > 3660 {
			probs.Add(path("fast_start", "within_days"), "must be from 1 to 3660", fmt.Sprint(fs.WithinDays))
		}
		r.fastDays = fs.WithinDays
		r.fastAmount = moneyField(probs, path("fast_start", "amount"), fs.Amount, cur, true)
	}
	return r
}

func stageKey(id string, i int) any {
	if id != "" {
		return partnerops.Key(id)
	}
	return i
}

// ID returns the schedule's ID.
func (r *Ramp) ID() string { return r.id }

// Warnings returns what looked suspicious in the schedule.
func (r *Ramp) Warnings() []partnerops.Warning {
	return append([]partnerops.Warning(nil), r.warnings...)
}

// Progress is what a partner has closed since its start, before the
// instant a stage is asked for.
type Progress struct {
	Deals  int              `json:"deals"`
	Amount partnerops.Money `json:"amount,omitzero"`
}

// StageReason says why a partner is in a stage, or out of the ramp.
type StageReason string

// Stage reasons.
const (
	// StageByTime: the partner is in the stage its start date gives.
	StageByTime StageReason = "time"
	// StageBeforeStart: the instant is before the partner's start.
	StageBeforeStart StageReason = "before_start"
	// StageEnded: the schedule's months are over.
	StageEnded StageReason = "ended"
	// StageDeals: the partner closed UntilDeals deals.
	StageDeals StageReason = "deals"
	// StageAmount: the partner closed UntilAmount of business.
	StageAmount StageReason = "amount"
)

// Stage is where a partner stands in a ramp at an instant: the "ramp
// stage" value a host passes to pricing rule conditions, the extra margin
// and bonus rate it grants, and why.
type Stage struct {
	// ID is the stage's ID, or empty when the partner is not ramping.
	ID string `json:"id,omitempty"`
	// Number is the stage's 1-based position, 0 when not ramping.
	Number      int                `json:"number,omitempty"`
	ExtraMargin partnerops.Percent `json:"extra_margin,omitzero"`
	BonusRate   partnerops.Percent `json:"bonus_rate,omitzero"`
	// From and Until bound the stage by time, [From, Until).
	From   time.Time   `json:"from,omitzero"`
	Until  time.Time   `json:"until,omitzero"`
	Reason StageReason `json:"reason"`
}

// Ramping reports whether the partner is in a stage.
func (s Stage) Ramping() bool { return s.Number > 0 }

// String renders the stage in words: "stage ramp-1 (1 of 3) until
// 2026-04-01: +5% margin, 2% bonus" or "not ramping: 10 deals closed".
func (s Stage) String() string {
	if !s.Ramping() {
		switch s.Reason {
		case StageBeforeStart:
			return "not ramping: before the start date"
		case StageDeals:
			return "not ramping: deal count reached"
		case StageAmount:
			return "not ramping: amount reached"
		}
		return "not ramping: schedule ended"
	}
	return fmt.Sprintf("stage %s until %s: +%s margin, %s bonus", s.ID, s.Until.Format(time.DateOnly), s.ExtraMargin, s.BonusRate)
}

// Stage returns the stage of a partner that started at start, at instant
// at, given what it closed before at. Stages follow each other in months
// counted from start (a start on the 31st ends a one-month stage on the
// last day of a shorter month); the ramp ends when its months are over or,
// earlier, once Progress reaches UntilDeals deals or UntilAmount
// (whichever first): the deal that reaches the limit is still in the
// ramp, the next is not.
func (r *Ramp) Stage(start, at time.Time, progress Progress) (Stage, error) {
	amt := int64(0)
	if !progress.Amount.IsZero() {
		m, err := progress.Amount.InCurrency(r.currency)
		if err != nil {
			return Stage{}, fmt.Errorf("payout: ramp %q: progress amount: %w", r.id, err)
		}
		v, ok := amountOf(m.Amount())
		if !ok {
			return Stage{}, fmt.Errorf("payout: ramp %q: progress amount %s: %w", r.id, m, partnerops.ErrRange)
		}
		amt = v
	}
	if start.IsZero() {
		return Stage{}, fmt.Errorf("payout: ramp %q: %w", r.id, ErrNoStart)
	}
	return r.stage(start, at, progress.Deals, amt), nil
}

func (r *Ramp) stage(start, at time.Time, deals int, amount int64) Stage {
	if at.Before(start) {
		return Stage{Reason: StageBeforeStart}
	}
	if r.untilDeals > 0 && deals >= r.untilDeals {
		return Stage{Reason: StageDeals}
	}
	if r.hasAmount && amount >= r.untilAmount {
		return Stage{Reason: StageAmount}
	}
	prev := start
	for i, m := range r.months {
		end := addMonths(start, m)
		if at.Before(end) {
			st := r.stages[i]
			return Stage{ID: st.ID, Number: i + 1, ExtraMargin: st.ExtraMargin, BonusRate: st.BonusRate,
				From: prev, Until: end, Reason: StageByTime}
		}
		prev = end
	}
	return Stage{Reason: StageEnded}
}

// addMonths returns t plus n calendar months, the day clamped to the end
// of shorter months, keeping the clock.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	total := int(m) - 1 + n
	y += total / 12
	if total%12 < 0 {
		y--
	}
	tm := time.Month((total%12+12)%12 + 1)
	last := time.Date(y, tm+1, 0, 12, 0, 0, 0, time.UTC).Day()
	hh, mm, ss := t.Clock()
	return time.Date(y, tm, min(d, last), hh, mm, ss, t.Nanosecond(), t.Location())
}

// monthsBetween returns the whole months from a to b (0 when b is
// before a month after a).
func monthsBetween(a, b time.Time) int {
	if b.Before(a) {
		return 0
	}
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	for n > 0 && addMonths(a, n).After(b) {
		n--
	}
	return n
}
