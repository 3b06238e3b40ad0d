package payout_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
	"pgregory.net/rapid"
)

var modes = []partnerops.RoundingMode{partnerops.RoundHalfUp, partnerops.RoundHalfEven, partnerops.RoundDown,
	partnerops.RoundUp, partnerops.RoundCeiling, partnerops.RoundFloor}

// genTable draws a rate table: 1 to 5 tiers with increasing bounds and
// rates of up to 3 decimals.
func genTable(t *rapid.T, mode payout.TierMode, monotone bool) payout.RateTable {
	n := rapid.IntRange(1, 5).Draw(t, "tiers")
	tb := payout.RateTable{Mode: mode}
	from := int64(0)
	if rapid.Bool().Draw(t, "threshold") {
		from = int64(rapid.IntRange(1, 5000).Draw(t, "first"))
	}
	rate := int64(0)
	for i := range n {
		tr := payout.Tier{ID: fmt.Sprintf("t%d", i), From: partnerops.NewDecimal(from, 0)}
		if monotone {
			rate += int64(rapid.IntRange(0, 5000).Draw(t, "rate"))
		} else {
			rate = int64(rapid.IntRange(0, 30000).Draw(t, "rate"))
		}
		switch mode {
		case payout.TierInterpolated:
			tr.Amount = partnerops.MustMoney(fmt.Sprint(rapid.IntRange(0, 100000).Draw(t, "amount")), partnerops.USD)
		default:
			tr.Rate = partnerops.NewPercent(partnerops.NewDecimal(rate, -3))
			tr.Retroactive = mode == payout.TierMarginal && i > 0 && rapid.IntRange(0, 3).Draw(t, "retro") == 0
		}
		from += int64(rapid.IntRange(1, 20000).Draw(t, "width"))
		if mode == payout.TierInterpolated && i == n-1 {
			tr.To = partnerops.NewDecimal(from, 0)
		}
		tb.Tiers = append(tb.Tiers, tr)
	}
	return tb
}

func genMode(t *rapid.T) payout.TierMode {
	return rapid.SampledFrom([]payout.TierMode{payout.TierFlat, payout.TierMarginal, payout.TierInterpolated}).Draw(t, "mode")
}

func planWith(table payout.RateTable, eval payout.Evaluation, rounding partnerops.RoundingMode, cap string) payout.Plan {
	c := payout.Component{ID: "c", Kind: payout.KindCommission, Evaluation: eval, Table: &table,
		Clawback: &payout.ClawbackPolicy{Months: 12}}
	if cap != "" {
		c.Cap = &payout.Cap{Amount: partnerops.MustMoney(cap, partnerops.USD)}
	}
	return payout.Plan{ID: "p", Currency: partnerops.USD, Period: partnerops.UnitQuarter, Rounding: rounding, Components: []payout.Component{c}}
}

func compileT(t *rapid.T, p payout.Plan) *payout.Engine {
	e, err := payout.Compile(p)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return e
}

// genTxs draws up to 30 transactions in 2026-Q1 with amounts in cents.
func genTxs(t *rapid.T, negatives bool) []payout.Transaction {
	n := rapid.IntRange(0, 30).Draw(t, "n")
	out := make([]payout.Transaction, n)
	lo := -50000
	if !negatives {
		lo = 0
	}
	for i := range out {
		cents := rapid.IntRange(lo, 5_000_000).Draw(t, "cents")
		out[i] = payout.Transaction{ID: payout.TransactionID(fmt.Sprintf("T%03d", i)),
			Date:   day("2026-01-01").Add(time.Duration(rapid.IntRange(0, 89*24).Draw(t, "hour")) * time.Hour),
			Amount: partnerops.MustMoney(partnerops.NewDecimal(int64(cents), -2).String(), partnerops.USD)}
	}
	return out
}

// A period's total never depends on the order of its transactions under
// cumulative evaluation: not on the order they are given in, and not on
// the order their dates put them in.
func TestPropertyCumulativeOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cap := ""
		if rapid.Bool().Draw(t, "capped") {
			cap = fmt.Sprint(rapid.IntRange(1, 50000).Draw(t, "cap"))
		}
		e := compileT(t, planWith(genTable(t, genMode(t), false), payout.Cumulative, rapid.SampledFrom(modes).Draw(t, "rounding"), cap))
		txs := genTxs(t, true)
		req := payout.Request{Payee: "r", At: day("2026-02-01"), Transactions: txs}
		a, err := e.Statement(req)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(txs)
		perm := rapid.Permutation(shuffled).Draw(t, "perm")
		req.Transactions = perm
		b, err := e.Statement(req)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("statement depends on input order (-a +b):\n%s", diff)
		}
		// Swap the dates around: the processing order changes, the total
		// does not.
		redated := slices.Clone(txs)
		dates := make([]time.Time, len(txs))
		for i := range txs {
			dates[i] = txs[i].Date
		}
		dates = rapid.Permutation(dates).Draw(t, "dates")
		for i := range redated {
			redated[i].Date = dates[i]
		}
		req.Transactions = redated
		c, err := e.Statement(req)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Total.Equal(c.Total) {
			t.Fatalf("total %s with one order, %s with another", a.Total, c.Total)
		}
	})
}

// Marginal payouts never fall as the measure grows (non-negative rates,
// retroactive tiers at least as high as those below them).
func TestPropertyMarginalMonotonic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mode := rapid.SampledFrom([]payout.TierMode{payout.TierMarginal, payout.TierInterpolated}).Draw(t, "mode")
		e := compileT(t, planWith(genTable(t, mode, true), payout.PerTransaction, rapid.SampledFrom(modes).Draw(t, "rounding"), ""))
		a := rapid.IntRange(0, 10_000_000).Draw(t, "a")
		b := a + rapid.IntRange(0, 1_000_000).Draw(t, "delta")
		pay := func(cents int) partnerops.Money {
			s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-01"), Transactions: []payout.Transaction{
				{ID: "x", Date: day("2026-01-02"), Amount: partnerops.MustMoney(partnerops.NewDecimal(int64(cents), -2).String(), partnerops.USD)}}})
			if err != nil {
				t.Fatal(err)
			}
			return s.Total
		}
		pa, pb := pay(a), pay(b)
		if c, _ := pa.Cmp(pb); c > 0 {
			t.Fatalf("payout(%d cents) = %s > payout(%d cents) = %s", a, pa, b, pb)
		}
	})
}

// A full reversal claws back exactly what the transaction was paid.
func TestPropertyClawbackNetsZero(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		eval := rapid.SampledFrom([]payout.Evaluation{payout.Cumulative, payout.PerTransaction}).Draw(t, "eval")
		e := compileT(t, planWith(genTable(t, genMode(t), false), eval, rapid.SampledFrom(modes).Draw(t, "rounding"), ""))
		txs := genTxs(t, false)
		if len(txs) == 0 {
			return
		}
		q1, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-01"), Transactions: txs})
		if err != nil {
			t.Fatal(err)
		}
		k := rapid.IntRange(0, len(txs)-1).Draw(t, "k")
		var paid partnerops.Money
		for _, l := range q1.Components[0].Lines {
			if l.Transaction == txs[k].ID {
				paid = l.Amount
			}
		}
		cb := payout.Clawback{ID: "cb", Transaction: txs[k].ID, Date: day("2026-05-05"), Reason: payout.ReasonChurn}
		q2, err := e.Statement(payout.Request{Payee: "r", At: day("2026-05-01"), Transactions: txs, Clawbacks: []payout.Clawback{cb}})
		if err != nil {
			t.Fatal(err)
		}
		var back partnerops.Money = partnerops.Zero(partnerops.USD)
		if ls := q2.Components[0].Lines; len(ls) > 0 {
			back = ls[0].Amount
		}
		if net, _ := paid.Add(back); paid.IsZero() && back.IsZero() || !net.IsZero() {
			if !(paid.IsZero() && back.IsZero()) {
				t.Fatalf("paid %s, clawed back %s: nets to %s", paid, back, net)
			}
		}
	})
}

// Split credit: the payees' credited shares and bonus shares sum
// exactly to the transaction.
func TestPropertySplitsSumExactly(t *testing.T) {
	e, err := payout.Compile(payout.Plan{ID: "s", Currency: partnerops.USD, Period: partnerops.UnitQuarter, Components: []payout.Component{
		{ID: "c", Kind: payout.KindCommission, Table: &payout.RateTable{Mode: payout.TierFlat, Tiers: []payout.Tier{{Rate: pct("10")}}}},
		{ID: "u", Kind: payout.KindCommission, Measure: payout.MeasureUnits, Table: &payout.RateTable{Mode: payout.TierFlat, Tiers: []payout.Tier{{PerUnit: usd("1")}}}},
		{ID: "b", Kind: payout.KindBonus, Amount: usd("100.00")}}})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 7).Draw(t, "payees")
		tr := payout.Transaction{ID: "D", Date: day("2026-01-05"),
			Amount: partnerops.MustMoney(partnerops.NewDecimal(int64(rapid.IntRange(-1_000_000, 10_000_000).Draw(t, "cents")), -2).String(), partnerops.USD),
			Units:  partnerops.NewDecimal(int64(rapid.IntRange(0, 100000).Draw(t, "units")), -int32(rapid.IntRange(0, 3).Draw(t, "scale")))}
		for i := range n {
			tr.Credits = append(tr.Credits, payout.Credit{Payee: payout.PayeeID(fmt.Sprint("p", i)), Weight: partnerops.NewDecimal(int64(rapid.IntRange(1, 1000).Draw(t, "w")), -1)})
		}
		var amt, units, bonus partnerops.Decimal
		for _, c := range tr.Credits {
			s, err := e.Statement(payout.Request{Payee: c.Payee, At: day("2026-01-01"), Transactions: []payout.Transaction{tr}})
			if err != nil {
				t.Fatal(err)
			}
			amt = amt.Add(s.Components[0].Credited)
			units = units.Add(s.Components[1].Credited)
			bonus = bonus.Add(s.Components[2].Earned.Amount())
		}
		if !amt.Equal(tr.Amount.Amount()) || !units.Equal(tr.Units) || !bonus.Equal(dec("100")) {
			t.Fatalf("shares sum to %s, %s units, bonus %s; want %s, %s, 100", amt, units, bonus, tr.Amount, tr.Units)
		}
	})
}

// refRound rounds the rational x to 2 places with mode: the obvious slow
// version, from floor and the remainder.
func refRound(x *big.Rat, mode partnerops.RoundingMode) *big.Rat {
	s := new(big.Rat).Mul(x, big.NewRat(100, 1))
	fl := new(big.Int).Div(s.Num(), s.Denom()) // Euclidean: floor for positive denominators
	frac := new(big.Rat).Sub(s, new(big.Rat).SetInt(fl))
	half := big.NewRat(1, 2)
	up := false // round toward +inf from floor
	switch mode {
	case partnerops.RoundFloor:
	case partnerops.RoundCeiling:
		up = frac.Sign() > 0
	case partnerops.RoundDown:
		up = frac.Sign() > 0 && s.Sign() < 0
	case partnerops.RoundUp:
		up = frac.Sign() > 0 && s.Sign() > 0
	case partnerops.RoundHalfUp:
		c := frac.Cmp(half)
		up = c > 0 || (c == 0 && s.Sign() > 0)
	case partnerops.RoundHalfEven:
		c := frac.Cmp(half)
		up = c > 0 || (c == 0 && fl.Bit(0) == 1)
	}
	if up {
		fl.Add(fl, big.NewInt(1))
	}
	return new(big.Rat).SetFrac(fl, big.NewInt(100))
}

func ratOf(d partnerops.Decimal) *big.Rat {
	r, _ := new(big.Rat).SetString(d.String())
	return r
}

// refEarn is the documented definition of a table's earning for measure
// m, in exact rationals.
func refEarn(tb payout.RateTable, m *big.Rat) *big.Rat {
	n := len(tb.Tiers)
	from := func(k int) *big.Rat { return ratOf(tb.Tiers[k].From) }
	end := func(k int) *big.Rat {
		if k+1 < n {
			return from(k + 1)
		}
		if !tb.Tiers[k].To.IsZero() {
			return ratOf(tb.Tiers[k].To)
		}
		return nil
	}
	minR := func(a, b *big.Rat) *big.Rat {
		if b != nil && b.Cmp(a) < 0 {
			return b
		}
		return a
	}
	t := -1
	for k := range n {
		if m.Cmp(from(k)) >= 0 {
			t = k
		}
	}
	if t < 0 {
		return new(big.Rat)
	}
	rate := func(k int) *big.Rat { return ratOf(tb.Tiers[k].Rate.Fraction()) }
	out := new(big.Rat)
	switch tb.Mode {
	case payout.TierFlat:
		return out.Mul(rate(t), m)
	case payout.TierInterpolated:
		for k := 0; k < t; k++ {
			out.Add(out, ratOf(tb.Tiers[k].Amount.Amount()))
		}
		e := end(t)
		if m.Cmp(e) >= 0 {
			return out.Add(out, ratOf(tb.Tiers[t].Amount.Amount()))
		}
		f := new(big.Rat).Sub(m, from(t))
		f.Mul(f, ratOf(tb.Tiers[t].Amount.Amount()))
		f.Quo(f, new(big.Rat).Sub(e, from(t)))
		return out.Add(out, f)
	}
	r := -1
	for k := t; k >= 0; k-- {
		if tb.Tiers[k].Retroactive {
			r = k
			break
		}
	}
	if r >= 0 {
		out.Mul(rate(r), minR(m, end(r)))
	}
	for k := r + 1; k <= t; k++ {
		s := new(big.Rat).Sub(minR(m, end(k)), from(k))
		out.Add(out, s.Mul(s, rate(k)))
	}
	return out
}

// Every rounded earning equals the exact rational definition rounded
// once with the plan's mode.
func TestPropertyRoundingMatchesBigRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mode := genMode(t)
		tb := genTable(t, mode, false)
		rounding := rapid.SampledFrom(modes).Draw(t, "rounding")
		e := compileT(t, planWith(tb, payout.PerTransaction, rounding, ""))
		micro := rapid.Int64Range(-1_000_000, 200_000_000_000).Draw(t, "micro") // 6 decimals
		m := partnerops.NewDecimal(micro, -6)
		s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-01"), Transactions: []payout.Transaction{
			{ID: "x", Date: day("2026-01-02"), Amount: partnerops.MustMoney(m.String(), partnerops.USD)}}})
		if err != nil {
			t.Fatal(err)
		}
		want := refRound(refEarn(tb, ratOf(m)), rounding)
		if got := ratOf(s.Total.Amount()); got.Cmp(want) != 0 {
			t.Fatalf("earn(%s) = %s, want %s (%s)", m, s.Total.Amount(), want.FloatString(2), rounding)
		}
	})
}

// Earnings tables and prorated clawbacks round once from the exact value.
func TestPropertyCurveAndProrationRounding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rounding := rapid.SampledFrom(modes).Draw(t, "rounding")
		x1 := rapid.IntRange(1, 200).Draw(t, "x1")
		y0, y1 := rapid.IntRange(0, 100).Draw(t, "y0"), rapid.IntRange(0, 300).Draw(t, "y1")
		target := rapid.IntRange(1, 10_000_000).Draw(t, "target") // cents
		quota := rapid.IntRange(1, 1_000_000).Draw(t, "quota")
		e := compileT(t, payout.Plan{ID: "p", Currency: partnerops.USD, Period: partnerops.UnitQuarter, Rounding: rounding,
			TargetIncentive: partnerops.MustMoney(partnerops.NewDecimal(int64(target), -2).String(), partnerops.USD),
			Components: []payout.Component{{ID: "c", Kind: payout.KindEarningsTable, Quota: partnerops.DecimalFromInt(int64(quota)),
				Clawback: &payout.ClawbackPolicy{Months: 7, Prorate: true},
				Curve: &payout.Curve{Extend: true, Points: []payout.CurvePoint{
					{Attainment: partnerops.PercentFromInt(0), Payout: partnerops.PercentFromInt(int64(y0))},
					{Attainment: partnerops.PercentFromInt(int64(x1)), Payout: partnerops.PercentFromInt(int64(y1))}}}}}})
		cents := rapid.IntRange(0, 200_000_000).Draw(t, "cents")
		m := partnerops.NewDecimal(int64(cents), -2)
		txs := []payout.Transaction{{ID: "x", Date: day("2026-01-02"), Amount: partnerops.MustMoney(m.String(), partnerops.USD)}}
		s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-01-01"), Transactions: txs})
		if err != nil {
			t.Fatal(err)
		}
		// payout% = y0 + A (y1 − y0) / x1 with A = 100 m / quota.
		a := new(big.Rat).Quo(new(big.Rat).Mul(ratOf(m), big.NewRat(100, 1)), big.NewRat(int64(quota), 1))
		y := new(big.Rat).Mul(a, big.NewRat(int64(y1-y0), int64(x1)))
		y.Add(y, big.NewRat(int64(y0), 1))
		exact := new(big.Rat).Mul(big.NewRat(int64(target), 100), y)
		exact.Quo(exact, big.NewRat(100, 1))
		want := refRound(exact, rounding)
		if got := ratOf(s.Total.Amount()); got.Cmp(want) != 0 {
			t.Fatalf("curve earn = %s, want %s", s.Total.Amount(), want.FloatString(2))
		}
		// A churn 2 months later claws back 5/7 of it, rounded once.
		cb := payout.Clawback{ID: "c", Transaction: "x", Date: day("2026-03-10"), Reason: payout.ReasonChurn, Portion: partnerops.PercentFromInt(int64(rapid.IntRange(1, 100).Draw(t, "portion")))}
		s2, err := e.Statement(payout.Request{Payee: "r", At: day("2026-03-10"), Transactions: txs, Clawbacks: []payout.Clawback{cb}})
		if err != nil {
			t.Fatal(err)
		}
		back := ratOf(s2.Components[0].Lines[len(s2.Components[0].Lines)-1].Amount.Amount())
		if want.Sign() == 0 {
			return
		}
		ex := new(big.Rat).Mul(want, ratOf(cb.Portion.Fraction()))
		ex.Mul(ex, big.NewRat(5, 7))
		if w := refRound(ex, rounding); new(big.Rat).Neg(back).Cmp(w) != 0 {
			t.Fatalf("clawback = %s, want -%s", back.FloatString(2), w.FloatString(2))
		}
	})
}

// A fund's balance never goes negative, whatever is claimed: a claim
// over balance is refused.
func TestPropertyFundBalanceNeverNegative(t *testing.T) {
	f, err := payout.CompileFund(payout.Fund{ID: "mdf", Currency: partnerops.USD, Period: partnerops.UnitMonth, Rate: pct("3"),
		CapPerPeriod: usd("2000.00"), MaxBalance: usd("5000.00"), ExpiresAfter: 2})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		act := payout.FundActivity{Partner: "p"}
		for i := range rapid.IntRange(0, 20).Draw(t, "revenue") {
			act.Revenue = append(act.Revenue, payout.Revenue{ID: fmt.Sprint("r", i), Date: day("2026-01-01").AddDate(0, 0, rapid.IntRange(0, 360).Draw(t, "d")),
				Amount: partnerops.MustMoney(fmt.Sprint(rapid.IntRange(-1000, 100000).Draw(t, "amt")), partnerops.USD)})
		}
		for i := range rapid.IntRange(0, 10).Draw(t, "claims") {
			d := day("2026-01-01").AddDate(0, 0, rapid.IntRange(0, 400).Draw(t, "cd"))
			req := partnerops.MustMoney(fmt.Sprint(rapid.IntRange(1, 4000).Draw(t, "req")), partnerops.USD)
			act.Claims = append(act.Claims, payout.Claim{ID: fmt.Sprint("c", i), Submitted: d, Requested: req, Approved: req, Decided: d})
		}
		led, err := f.Ledger(act, day("2027-03-01"))
		if err != nil {
			var be *payout.BalanceError
			if !rapidAs(err, &be) || cmpMoney(be.Requested, be.Balance) <= 0 {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, e := range led.Entries {
			if e.Balance.IsNegative() {
				t.Fatalf("negative balance at %s: %s", e.Date, e.Balance)
			}
		}
	})
}

// Results are lossless data: decode(encode(r)) equals r and renders the
// same text.
func TestPropertyStatementRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := compileT(t, planWith(genTable(t, genMode(t), false), payout.Cumulative, partnerops.RoundHalfEven, "20000"))
		txs := genTxs(t, true)
		var cbs []payout.Clawback
		if len(txs) > 0 {
			cbs = append(cbs, payout.Clawback{ID: "cb", Transaction: txs[0].ID, Date: day("2026-03-31"), Reason: payout.ReasonDowngrade, Portion: pct("40")})
		}
		s, err := e.Statement(payout.Request{Payee: "r", At: day("2026-02-01"), Transactions: txs, Clawbacks: cbs})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back payout.Statement
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(s.Text(), back.Text()); diff != "" {
			t.Fatalf("text differs after a round trip (-want +got):\n%s", diff)
		}
		if s.Markdown() != back.Markdown() {
			t.Fatalf("Markdown differs after a round trip")
		}
		if strings.Contains(string(b), `"Kind"`) {
			t.Fatalf("JSON has a non-snake_case key: %s", b)
		}
	})
}
