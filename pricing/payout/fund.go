package payout

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// Fund is a market development (MDF) or co-op fund: per period a partner
// accrues a percentage of its eligible revenue and, or, a fixed
// allocation by tier, up to caps; unspent funds expire after a number of
// periods; the partner claims against the balance, with a pre-approval
// where the fund asks for one. It is plain data; [CompileFund] validates
// it.
type Fund struct {
	ID       string                  `json:"id"`
	Name     string                  `json:"name,omitempty"`
	Currency partnerops.Currency     `json:"currency"`
	Calendar partnerops.Calendar     `json:"calendar,omitzero"`
	Period   partnerops.PeriodUnit   `json:"period"`
	Rounding partnerops.RoundingMode `json:"rounding,omitempty"`
	// Rate accrues this percent of the period's eligible revenue.
	Rate partnerops.Percent `json:"rate,omitzero"`
	// Allocations grant a fixed amount per period by the partner's tier
	// at the period's start.
	Allocations map[partnerops.Tier]partnerops.Money `json:"allocations,omitempty"`
	// CapPerPeriod limits one period's accrual.
	CapPerPeriod partnerops.Money `json:"cap_per_period,omitzero"`
	// MaxBalance limits the balance: accrual above it is forfeited.
	MaxBalance partnerops.Money `json:"max_balance,omitzero"`
	// ExpiresAfter is the number of periods after its accrual's period
	// that unspent funds expire (0: never).
	ExpiresAfter int `json:"expires_after,omitempty"`
	// PreApproval requires claims to be pre-approved for at least the
	// amount approved, before they are submitted.
	PreApproval bool `json:"pre_approval,omitempty"`
}

type fundPlain Fund

// ParseFund decodes a fund definition strictly (see the package doc).
func ParseFund(data []byte) (Fund, error) {
	var f Fund
	if err := strict.Decode(data, (*fundPlain)(&f), strict.Options{}); err != nil {
		return Fund{}, fmt.Errorf("payout: parsing fund: %w", err)
	}
	return f, nil
}

// UnmarshalJSON decodes strictly, as [ParseFund] does.
func (f *Fund) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*fundPlain)(f), strict.Options{})
}

// FundEngine is a compiled [Fund]; immutable and safe for concurrent use.
type FundEngine struct {
	f      Fund
	places int32
	rate   int64 // scale 10
	alloc  map[partnerops.Tier]int64
	cap    int64
	hasCap bool
	max    int64
	hasMax bool
	warn   partnerops.Warnings
}

// CompileFund validates a fund. Every problem is reported at once as
// [*partnerops.ValidationError] values joined.
func CompileFund(f Fund) (*FundEngine, error) {
	var probs partnerops.Problems
	if f.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	cur := f.Currency
	if !cur.Valid() {
		probs.Add("currency", "must be a known ISO 4217 code", string(cur))
		cur = partnerops.USD
	}
	probs.Merge("calendar", f.Calendar.Validate())
	if rank(f.Period) == 0 {
		probs.Add("period", "must be month, quarter, half or year", string(f.Period))
	}
	if !f.Rounding.Valid() {
		probs.Add("rounding", "must be a known rounding mode", f.Rounding.String())
	}
	fe := &FundEngine{places: cur.MinorUnits(), alloc: map[partnerops.Tier]int64{}}
	if !f.Rate.IsZero() {
		r, ok := multOfPercent(f.Rate)
		if !ok || f.Rate.IsNegative() || f.Rate.Cmp(partnerops.PercentFromInt(100)) > 0 {
			probs.Add("rate", "must be a percent from 0 to 100 with at most 8 decimals", f.Rate.String())
		}
		fe.rate = r
		warnSmallPercent(&fe.warn, "rate", f.Rate)
	}
	tiers := make([]partnerops.Tier, 0, len(f.Allocations))
	for t := range f.Allocations {
		tiers = append(tiers, t)
	}
	slices.Sort(tiers)
	for _, t := range tiers {
		fe.alloc[t] = moneyField(&probs, partnerops.Path("allocations", partnerops.Key(t)), f.Allocations[t], cur, true)
	}
	if f.Rate.IsZero() && len(f.Allocations) == 0 {
		probs.Add("rate", "a fund accrues by a rate, by allocations, or both", "")
	}
	if !f.CapPerPeriod.IsZero() {
		fe.cap, fe.hasCap = moneyField(&probs, "cap_per_period", f.CapPerPeriod, cur, true), true
	}
	if !f.MaxBalance.IsZero() {
		fe.max, fe.hasMax = moneyField(&probs, "max_balance", f.MaxBalance, cur, true), true
	}
	if f.ExpiresAfter < 0 || f.ExpiresAfter > 1000 {
		probs.Add("expires_after", "must be from 0 to 1000 periods", fmt.Sprint(f.ExpiresAfter))
	}
	if err := probs.Err(); err != nil {
		return nil, fmt.Errorf("payout: compiling fund %q: %w", f.ID, err)
	}
	f.Currency = cur
	fe.f = f
	return fe, nil
}

// Warnings returns what looked suspicious in the fund.
func (f *FundEngine) Warnings() []partnerops.Warning {
	return append([]partnerops.Warning(nil), f.warn...)
}

// Revenue is a partner's eligible revenue (or a credit, negative).
type Revenue struct {
	ID     string           `json:"id"`
	Date   time.Time        `json:"date"`
	Amount partnerops.Money `json:"amount"`
}

// TierSince says the partner holds a tier from an instant on.
type TierSince struct {
	From time.Time       `json:"from"`
	Tier partnerops.Tier `json:"tier"`
}

// Claim is a partner's claim against the fund. A claim is pending until
// Decided is set; Approved may be less than Requested (a partial
// approval), and zero with a decision is a rejection. Proof holds the
// host's proof-of-performance references, kept as given.
type Claim struct {
	ID        string           `json:"id"`
	Activity  string           `json:"activity,omitempty"`
	Submitted time.Time        `json:"submitted"`
	Requested partnerops.Money `json:"requested"`
	// PreApproved and PreApprovedAt record a pre-approval.
	PreApproved   partnerops.Money  `json:"pre_approved,omitzero"`
	PreApprovedAt time.Time         `json:"pre_approved_at,omitzero"`
	Approved      partnerops.Money  `json:"approved,omitzero"`
	Decided       time.Time         `json:"decided,omitzero"`
	Proof         map[string]string `json:"proof,omitempty"`
}

// FundActivity is what a partner did that moves its fund: revenue, tiers
// and claims.
type FundActivity struct {
	Partner partnerops.PartnerID `json:"partner"`
	Revenue []Revenue            `json:"revenue,omitempty"`
	Tiers   []TierSince          `json:"tiers,omitempty"`
	Claims  []Claim              `json:"claims,omitempty"`
}

// EntryKind is the kind of a fund ledger entry.
type EntryKind string

// Entry kinds, in the order entries of one instant are applied.
const (
	// EntryExpiry: unspent funds of an earlier accrual expire (negative).
	EntryExpiry EntryKind = "expiry"
	// EntryAccrual: a period's accrual is credited at its end.
	EntryAccrual EntryKind = "accrual"
	// EntryClaim: an approved claim is paid (negative).
	EntryClaim EntryKind = "claim"
)

// Entry is one movement of a fund ledger.
type Entry struct {
	Date time.Time `json:"date"`
	Kind EntryKind `json:"kind"`
	// Ref names the accrual's period (its label) or the claim.
	Ref string `json:"ref"`
	// Revenue is an accrual's eligible revenue; Allocation its fixed part.
	Revenue    partnerops.Money `json:"revenue,omitzero"`
	Allocation partnerops.Money `json:"allocation,omitzero"`
	// Cut is what a cap or the maximum balance forfeited from an accrual,
	// or what a partial approval did not grant of a claim.
	Cut     partnerops.Money `json:"cut,omitzero"`
	Amount  partnerops.Money `json:"amount"`
	Balance partnerops.Money `json:"balance"`
}

// Ledger is a partner's fund ledger through AsOf. Its balance at any
// instant is derivable from its entries ([Ledger.BalanceAt]).
type Ledger struct {
	Fund     string               `json:"fund"`
	Partner  partnerops.PartnerID `json:"partner"`
	Currency partnerops.Currency  `json:"currency"`
	AsOf     time.Time            `json:"as_of"`
	Entries  []Entry              `json:"entries"`
	Balance  partnerops.Money     `json:"balance"`
	// Pending lists claims submitted and not yet decided.
	Pending []string `json:"pending,omitempty"`
}

type lot struct {
	left    int64
	expires time.Time
}

type fundEvent struct {
	at    time.Time
	kind  EntryKind
	ref   string
	claim int
	per   partnerops.Period
	lot   int
}

// Ledger builds a partner's ledger through asOf. Accruals are credited at
// each period's end (the first period is the one of the earliest revenue
// or tier); an accrual is rate × the period's revenue, rounded once with
// the fund's mode, plus the allocation for the tier held at the period's
// start, cut to the period cap and to the maximum balance. Claims are
// paid at their decision, from the oldest accruals first; what is left of
// an accrual expires at the end of ExpiresAfter periods after its own.
// Entries of one instant apply expiries, then accruals, then claims (by
// ID). A claim approved over the balance at its decision, or pre-approved
// over the balance at its pre-approval, gives a [*BalanceError] (wrapping
// [ErrInsufficientFunds]) naming the balance: the balance never goes
// negative.
func (f *FundEngine) Ledger(act FundActivity, asOf time.Time) (Ledger, error) {
	cur := f.f.Currency
	led := Ledger{Fund: f.f.ID, Partner: act.Partner, Currency: cur, AsOf: asOf, Entries: []Entry{}}
	amt := func(path string, m partnerops.Money, nonNeg bool) (int64, error) {
		if m.IsZero() {
			return 0, nil
		}
		mm, err := m.InCurrency(cur)
		if err != nil {
			return 0, inputErr(path, err)
		}
		v, ok := amountOf(mm.Amount())
		if !ok || (nonNeg && v < 0) {
			return 0, inputErr(path, fmt.Errorf("%s: %w", mm, partnerops.ErrRange))
		}
		return v, nil
	}
	// Periods with revenue.
	var first time.Time
	revBy := map[time.Time]int64{}
	for i, r := range act.Revenue {
		if r.Date.IsZero() {
			return Ledger{}, inputErr(partnerops.Path("revenue", purchaseKey(r.ID, i), "date"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
		v, err := amt(partnerops.Path("revenue", purchaseKey(r.ID, i), "amount"), r.Amount, false)
		if err != nil {
			return Ledger{}, err
		}
		p, _ := f.f.Calendar.Of(f.f.Period, r.Date)
		sum, ok := add64(revBy[p.Start], v)
		if !ok || sum > maxFixed || sum < -maxFixed {
			return Ledger{}, fmt.Errorf("payout: fund %q: revenue of a period: %w", f.f.ID, partnerops.ErrRange)
		}
		revBy[p.Start] = sum
		if first.IsZero() || r.Date.Before(first) {
			first = r.Date
		}
	}
	tiers := slices.Clone(act.Tiers)
	slices.SortStableFunc(tiers, func(a, b TierSince) int { return a.From.Compare(b.From) })
	if len(tiers) > 0 && len(f.alloc) > 0 && (first.IsZero() || tiers[0].From.Before(first)) {
		first = tiers[0].From
	}
	var events []fundEvent
	var pers []partnerops.Period
	if !first.IsZero() {
		p, _ := f.f.Calendar.Of(f.f.Period, first)
		for ; !p.End.After(asOf) && len(pers) < 100000; p = p.Next() {
			pers = append(pers, p)
			events = append(events, fundEvent{at: p.End, kind: EntryAccrual, ref: f.f.Calendar.Label(p), per: p, lot: len(pers) - 1})
			if f.f.ExpiresAfter > 0 {
				exp := p.Shift(f.f.ExpiresAfter).End
				if !exp.After(asOf) {
					events = append(events, fundEvent{at: exp, kind: EntryExpiry, ref: f.f.Calendar.Label(p), lot: len(pers) - 1})
				}
			}
		}
	}
	for i, c := range act.Claims {
		path := partnerops.Path("claims", purchaseKey(c.ID, i))
		if c.ID == "" {
			return Ledger{}, inputErr(partnerops.JoinPath(path, "id"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
		if c.Submitted.IsZero() {
			return Ledger{}, inputErr(partnerops.JoinPath(path, "submitted"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
		if c.Decided.IsZero() || c.Decided.After(asOf) {
			if !c.Submitted.After(asOf) {
				led.Pending = append(led.Pending, c.ID)
			}
			continue
		}
		if c.Decided.Before(c.Submitted) {
			return Ledger{}, inputErr(partnerops.JoinPath(path, "decided"), fmt.Errorf("before the claim was submitted: %w", partnerops.ErrInvalid))
		}
		events = append(events, fundEvent{at: c.Decided, kind: EntryClaim, ref: c.ID, claim: i})
	}
	kindRank := map[EntryKind]int{EntryExpiry: 0, EntryAccrual: 1, EntryClaim: 2}
	slices.SortStableFunc(events, func(a, b fundEvent) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		if c := cmp.Compare(kindRank[a.kind], kindRank[b.kind]); c != 0 {
			return c
		}
		return cmp.Compare(a.ref, b.ref)
	})
	lots := make([]lot, len(pers))
	oldest := 0
	var bal int64
	for _, ev := range events {
		en := Entry{Date: ev.at, Kind: ev.kind, Ref: ev.ref}
		switch ev.kind {
		case EntryAccrual:
			p := ev.per
			rev := revBy[p.Start]
			var acc int64
			if f.rate != 0 && rev > 0 {
				q, ok := mul128(f.rate, rev).roundDiv(pow10u[earnScale-f.places], f.f.Rounding)
				if !ok {
					return Ledger{}, fmt.Errorf("payout: fund %q: accrual: %w", f.f.ID, partnerops.ErrRange)
				}
				if acc, ok = mul64(q, int64(pow10u[amountScale-f.places])); !ok {
					return Ledger{}, fmt.Errorf("payout: fund %q: accrual: %w", f.f.ID, partnerops.ErrRange)
				}
			}
			if rev != 0 {
				en.Revenue = money(rev, cur)
			}
			if a, ok := f.alloc[tierAt(tiers, p.Start)]; ok && a > 0 {
				acc += a
				en.Allocation = money(a, cur)
			}
			want := acc
			if f.hasCap {
				acc = min(acc, f.cap)
			}
			if f.hasMax {
				acc = max(min(acc, f.max-bal), 0)
			}
			if want != acc {
				en.Cut = money(want-acc, cur)
			}
			lots[ev.lot] = lot{left: acc, expires: p.Shift(f.f.ExpiresAfter).End}
			var ok bool
			if bal, ok = add64(bal, acc); !ok || bal > maxFixed {
				return Ledger{}, fmt.Errorf("payout: fund %q: balance: %w", f.f.ID, partnerops.ErrRange)
			}
			en.Amount = money(acc, cur)
		case EntryExpiry:
			left := lots[ev.lot].left
			lots[ev.lot].left = 0
			bal -= left
			en.Amount = money(-left, cur)
			if left == 0 {
				continue
			}
		case EntryClaim:
			c := &act.Claims[ev.claim]
			path := partnerops.Path("claims", partnerops.Key(c.ID))
			req, err := amt(partnerops.JoinPath(path, "requested"), c.Requested, true)
			if err != nil {
				return Ledger{}, err
			}
			app, err := amt(partnerops.JoinPath(path, "approved"), c.Approved, true)
			if err != nil {
				return Ledger{}, err
			}
			if app > req {
				return Ledger{}, inputErr(partnerops.JoinPath(path, "approved"), fmt.Errorf("above the amount requested: %w", partnerops.ErrInvalid))
			}
			if f.f.PreApproval && app > 0 {
				pre, err := amt(partnerops.JoinPath(path, "pre_approved"), c.PreApproved, true)
				if err != nil {
					return Ledger{}, err
				}
				if c.PreApprovedAt.IsZero() || c.PreApprovedAt.After(c.Submitted) || pre < app {
					return Ledger{}, inputErr(partnerops.JoinPath(path, "pre_approved"), fmt.Errorf("the fund needs a pre-approval, before submission, for at least the amount approved: %w", partnerops.ErrInvalid))
				}
				if b := ledBalanceAt(led.Entries, c.PreApprovedAt); pre > b {
					return Ledger{}, &BalanceError{Fund: f.f.ID, Claim: c.ID, Requested: money(pre, cur), Balance: money(b, cur), At: c.PreApprovedAt.Format(time.RFC3339)}
				}
			}
			if app > bal {
				return Ledger{}, &BalanceError{Fund: f.f.ID, Claim: c.ID, Requested: money(app, cur), Balance: money(bal, cur), At: c.Decided.Format(time.RFC3339)}
			}
			// Spend the oldest accruals first.
			need := app
			for need > 0 && oldest < len(lots) {
				take := min(lots[oldest].left, need)
				lots[oldest].left -= take
				need -= take
				if lots[oldest].left == 0 {
					oldest++
				}
			}
			bal -= app
			en.Amount = money(-app, cur)
			if app < req {
				en.Cut = money(req-app, cur)
			}
		}
		en.Balance = money(bal, cur)
		led.Entries = append(led.Entries, en)
	}
	led.Balance = money(bal, cur)
	return led, nil
}

// tierAt returns the tier held at t (tiers sorted by From).
func tierAt(tiers []TierSince, t time.Time) partnerops.Tier {
	var cur partnerops.Tier
	for _, ts := range tiers {
		if ts.From.After(t) {
			break
		}
		cur = ts.Tier
	}
	return cur
}

func ledBalanceAt(es []Entry, t time.Time) int64 {
	k := sort.Search(len(es), func(i int) bool { return es[i].Date.After(t) })
	if k == 0 {
		return 0
	}
	v, _ := amountOf(es[k-1].Balance.Amount())
	return v
}

// BalanceAt returns the balance after every entry dated at or before t
// (zero before the first entry). It reads the running balances, so it
// costs O(log n).
func (l *Ledger) BalanceAt(t time.Time) partnerops.Money {
	k := sort.Search(len(l.Entries), func(i int) bool { return l.Entries[i].Date.After(t) })
	if k == 0 {
		return partnerops.Zero(l.Currency)
	}
	return l.Entries[k-1].Balance
}

// Check reports whether a claim for amount fits the balance at the
// ledger's AsOf: nil, or a [*BalanceError] (wrapping
// [ErrInsufficientFunds]) that names the balance.
func (l *Ledger) Check(claimID string, amount partnerops.Money) error {
	m, err := amount.InCurrency(l.Currency)
	if err != nil {
		return fmt.Errorf("payout: fund %q: claim %q: %w", l.Fund, claimID, err)
	}
	if c, _ := m.Cmp(l.Balance); c > 0 {
		return &BalanceError{Fund: l.Fund, Claim: claimID, Requested: m, Balance: l.Balance, At: l.AsOf.Format(time.RFC3339)}
	}
	return nil
}

// Text renders the ledger, one entry a line. Its cost is linear in the
// number of entries.
func (l *Ledger) Text() string {
	var b strings.Builder
	b.Grow(128 + 80*len(l.Entries))
	fmt.Fprintf(&b, "Fund %s for %s (%s), as of %s\n", l.Fund, l.Partner, l.Currency, l.AsOf.Format(time.DateOnly))
	for _, e := range l.Entries {
		fmt.Fprintf(&b, "  %s  %-8s %-16s %14s %14s\n", dateOf(e.Date), e.Kind, e.Ref, e.Amount.Amount(), e.Balance.Amount())
	}
	fmt.Fprintf(&b, "Balance: %s %s\n", l.Balance.Amount(), l.Currency)
	if len(l.Pending) > 0 {
		fmt.Fprintf(&b, "Pending claims: %s\n", strings.Join(l.Pending, ", "))
	}
	return b.String()
}

// Markdown renders the ledger as a table.
func (l *Ledger) Markdown() string {
	var b strings.Builder
	b.Grow(128 + 80*len(l.Entries))
	fmt.Fprintf(&b, "### Fund %s for %s, as of %s\n\n", textfmt.Cell(l.Fund), textfmt.Cell(string(l.Partner)), l.AsOf.Format(time.DateOnly))
	textfmt.Header(&b, "Date", "Kind", "Ref", "Amount", "Balance")
	for _, e := range l.Entries {
		textfmt.Row(&b, dateOf(e.Date), string(e.Kind), e.Ref, e.Amount.Amount().String(), e.Balance.Amount().String())
	}
	textfmt.Row(&b, "", "", "**Balance**", "", "**"+l.Balance.Amount().String()+"**")
	return b.String()
}
