package payout

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/partnerops/partnerops"
)

// evaluator holds one request's prepared state.
type evaluator struct {
	e      *Engine
	req    *Request
	period partnerops.Period
	order  []int32 // transactions sorted by date, then ID
	meta   []txMeta
	target int64
	hasTgt bool
	memo   []memoEntry
	gates  []gateMemo
	byID   map[TransactionID]int32
	slab   *slab // backs the result's amounts and measures
	slabV  slab
	// scratch holds the records of a component that needs no other
	// period (no gate, no clawback), reused from one to the next.
	scratch []rec
}

type txMeta struct {
	credit  int16 // index of the payee in Credits; -1 when not split
	out     bool  // split and the payee is not credited
	counted bool  // some component counted it in the statement's period
}

type gateMemo struct {
	comp  *cComp
	start time.Time
	open  bool
	res   *GateResult
}

type memoEntry struct {
	comp  int
	start time.Time
	open  bool
	out   *periodOut
}

// rec is a compact, pointer-free statement line: materialized into a
// [Line] only for the statement's own period.
type rec struct {
	credited   int64
	cum        int64
	amount     int64
	cut        int64
	tx         int32
	tier       int32
	stage      int32 // ramp: 1-based stage, 0 none
	kind       recKind
	limit      recLimit
	attainment bool
}

type recKind uint8

const (
	recTransaction recKind = iota
	recFastStart
	recRetention
)

var recKinds = [...]LineKind{LineTransaction, LineFastStart, LineRetention}

type recLimit uint8

const (
	limitNone recLimit = iota
	limitTx
	limitPeriod
	limitGate
)

var recLimits = [...]Limit{"", LimitTransaction, LimitPeriod, LimitGate}

type periodOut struct {
	recs     []rec
	credited int64
	earned   int64
	earnedTx int64 // earned by transaction lines (for the effective rate)
	tier     int
	quota    int64
	hasQuota bool
	inst     *tableInst
	paid     map[int32]int64 // what each transaction was paid, built on first use
}

// paidTo returns what transaction i was paid in this period, building an
// index on first use so that many clawbacks cost one pass.
func (o *periodOut) paidTo(i int32) int64 {
	if o.paid == nil {
		o.paid = make(map[int32]int64, len(o.recs))
		for _, r := range o.recs {
			o.paid[r.tx] += r.amount
		}
	}
	return o.paid[i]
}

// Statement evaluates one payee's period: every component over the
// period's credited transactions, gates and their true-ups, clawbacks
// dated in the period, the plan cap, the floor and the draw. See the
// package doc for the order of these steps and where amounts are
// rounded.
//
// Errors wrap [partnerops.ErrInvalid] for a malformed request,
// [partnerops.ErrCurrencyMismatch], [partnerops.ErrRange],
// [ErrNoQuota], [ErrNoTarget], [ErrNoBook], [ErrNoStart],
// [ErrUnknownTransaction] or [ErrDuplicateTransaction]; problems located
// in the request are [*InputError] values with a path by IDs.
func (e *Engine) Statement(req Request) (Statement, error) {
	ev, err := e.prepare(&req)
	if err != nil {
		return Statement{}, err
	}
	return ev.statement()
}

// Statements evaluates requests one after another, in input order; it
// stops at the first error, which names the request's payee.
func (e *Engine) Statements(reqs []Request) ([]Statement, error) {
	out := make([]Statement, len(reqs))
	for i := range reqs {
		s, err := e.Statement(reqs[i])
		if err != nil {
			return nil, fmt.Errorf("payout: request %d (payee %q): %w", i, reqs[i].Payee, stripErr(err))
		}
		out[i] = s
	}
	return out, nil
}

// stripErr keeps err's chain but drops its own prefix from the text.
func stripErr(err error) error { return prefixless{err} }

type prefixless struct{ err error }

func (p prefixless) Error() string { return stripOwn(p.err.Error()) }
func (p prefixless) Unwrap() error { return p.err }

func (e *Engine) prepare(req *Request) (*evaluator, error) {
	if req.Payee == "" {
		return nil, inputErr("payee", fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
	}
	if req.At.IsZero() {
		return nil, inputErr("at", fmt.Errorf("must be an instant in the period: %w", partnerops.ErrInvalid))
	}
	ev := &evaluator{e: e, req: req, period: e.Period(req.At), target: e.target, hasTgt: e.hasTgt}
	ev.slab = &ev.slabV
	if !req.TargetIncentive.IsZero() {
		m, err := req.TargetIncentive.InCurrency(e.currency)
		if err != nil {
			return nil, inputErr("target_incentive", err)
		}
		v, ok := amountOf(m.Amount())
		if !ok || v < 0 {
			return nil, inputErr("target_incentive", fmt.Errorf("must be a non-negative amount with at most 6 decimals: %w", partnerops.ErrRange))
		}
		ev.target, ev.hasTgt = v, true
	}
	txs := req.Transactions
	ev.meta = make([]txMeta, len(txs))
	ev.order = make([]int32, len(txs))
	for i := range txs {
		ev.order[i] = int32(i)
		t := &txs[i]
		if t.ID == "" {
			return nil, inputErr(partnerops.Path("transactions", i, "id"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
		if t.Date.IsZero() {
			return nil, inputErr(partnerops.Path("transactions", partnerops.Key(t.ID), "date"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
		ev.meta[i].credit = -1
		if len(t.Credits) > 0 {
			if err := ev.checkCredits(i); err != nil {
				return nil, err
			}
		}
	}
	less := func(a, b int32) int {
		ta, tb := &txs[a], &txs[b]
		if c := ta.Date.Compare(tb.Date); c != 0 {
			return c
		}
		return cmp.Compare(ta.ID, tb.ID)
	}
	if !slices.IsSortedFunc(ev.order, less) {
		slices.SortFunc(ev.order, less)
	}
	for k := 1; k < len(ev.order); k++ {
		if less(ev.order[k-1], ev.order[k]) == 0 {
			id := txs[ev.order[k]].ID
			return nil, inputErr(partnerops.Path("transactions", partnerops.Key(id)), fmt.Errorf("%w: %q twice on %s", ErrDuplicateTransaction, id, txs[ev.order[k]].Date.Format(time.RFC3339)))
		}
	}
	return ev, nil
}

func (ev *evaluator) checkCredits(i int) error {
	t := &ev.req.Transactions[i]
	sum := partnerops.Decimal{}
	ev.meta[i].credit = -1
	ev.meta[i].out = true
	for j, c := range t.Credits {
		p := partnerops.Path("transactions", partnerops.Key(t.ID), "credits", partnerops.Key(c.Payee))
		if c.Payee == "" {
			return inputErr(partnerops.Path("transactions", partnerops.Key(t.ID), "credits", j, "payee"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
		if c.Weight.IsNegative() || c.Weight.Validate() != nil {
			return inputErr(partnerops.JoinPath(p, "weight"), fmt.Errorf("must be a non-negative decimal: %w", partnerops.ErrInvalid))
		}
		for k := 0; k < j; k++ {
			if t.Credits[k].Payee == c.Payee {
				return inputErr(p, fmt.Errorf("payee credited twice: %w", partnerops.ErrInvalid))
			}
		}
		sum = sum.Add(c.Weight)
		if c.Payee == ev.req.Payee {
			ev.meta[i].credit = int16(j)
			ev.meta[i].out = false
		}
	}
	if len(t.Credits) > 32000 {
		return inputErr(partnerops.Path("transactions", partnerops.Key(t.ID), "credits"), fmt.Errorf("more than 32000 credits: %w", partnerops.ErrInvalid))
	}
	if !sum.IsPositive() {
		return inputErr(partnerops.Path("transactions", partnerops.Key(t.ID), "credits"), fmt.Errorf("weights must sum to more than zero: %w", partnerops.ErrInvalid))
	}
	return nil
}

// span returns the range [lo, hi) of sorted positions whose dates lie in
// [from, to).
func (ev *evaluator) span(from, to time.Time) (int, int) {
	txs := ev.req.Transactions
	lo := sort.Search(len(ev.order), func(k int) bool { return !txs[ev.order[k]].Date.Before(from) })
	hi := sort.Search(len(ev.order), func(k int) bool { return !txs[ev.order[k]].Date.Before(to) })
	return lo, max(lo, hi)
}

// raw returns transaction i's measure before any split.
func (ev *evaluator) raw(i int, m Measure) (partnerops.Decimal, bool, error) {
	t := &ev.req.Transactions[i]
	var mon partnerops.Money
	switch m {
	case MeasureRevenue:
		mon = t.Amount
	case MeasureACV:
		mon = t.ACV
	case MeasureTCV:
		mon = t.TCV
	case MeasureGrossMargin:
		mon = t.GrossMargin
	case MeasureUnits:
		return t.Units, false, nil
	default:
		return t.Measures[m], ev.e.custom[m] == UnitMoney, nil
	}
	if c := mon.Currency(); c != "" && c != ev.e.currency {
		return partnerops.Decimal{}, true, inputErr(partnerops.Path("transactions", partnerops.Key(t.ID), string(m)),
			fmt.Errorf("amount %s in a %s plan: %w", mon, ev.e.currency, partnerops.ErrCurrencyMismatch))
	}
	return mon.Amount(), true, nil
}

// credited returns the payee's credited share of transaction i's measure
// at scale 6. A split money measure is divided with Money.Allocate in the
// currency's minor units, so the payees' shares sum exactly to the
// transaction; a split quantity is divided the same way at its own scale.
func (ev *evaluator) credited(i int, m Measure) (int64, error) {
	d, isMoney, err := ev.raw(i, m)
	if err != nil {
		return 0, err
	}
	meta := ev.meta[i]
	if meta.credit >= 0 {
		d, err = ev.share(i, d, isMoney)
		if err != nil {
			return 0, err
		}
	}
	v, ok := amountOf(d)
	if !ok {
		t := &ev.req.Transactions[i]
		return 0, inputErr(partnerops.Path("transactions", partnerops.Key(t.ID), string(m)),
			fmt.Errorf("%s: more than 6 decimals or beyond 1,000,000,000,000: %w", d, partnerops.ErrRange))
	}
	return v, nil
}

func (ev *evaluator) share(i int, d partnerops.Decimal, isMoney bool) (partnerops.Decimal, error) {
	t := &ev.req.Transactions[i]
	path := partnerops.Path("transactions", partnerops.Key(t.ID), "credits")
	ws := make([]partnerops.Decimal, len(t.Credits))
	for j, c := range t.Credits {
		ws[j] = c.Weight
	}
	cur, scale := ev.e.currency, int32(0)
	if !isMoney {
		// A quantity is allocated in units of its own last digit, through
		// a currency with no minor units.
		cur, scale = partnerops.JPY, d.Scale()
		d = d.Mul(partnerops.NewDecimal(1, scale))
	}
	total, err := partnerops.NewMoney(d, cur)
	if err != nil {
		return partnerops.Decimal{}, inputErr(path, err)
	}
	parts, err := total.Allocate(ws...)
	if err != nil {
		return partnerops.Decimal{}, inputErr(path, err)
	}
	p := parts[ev.meta[i].credit].Amount()
	if !isMoney {
		p = p.Mul(partnerops.NewDecimal(1, -scale))
	}
	return p, nil
}
