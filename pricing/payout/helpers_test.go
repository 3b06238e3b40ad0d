package payout_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/payout"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func usd(s string) partnerops.Money   { return partnerops.MustMoney(s, partnerops.USD) }
func dec(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }
func pct(s string) partnerops.Percent { return partnerops.MustPercent(s) }

func mustPlan(t testing.TB, js string) *payout.Engine {
	t.Helper()
	p, err := payout.ParsePlan([]byte(js))
	if err != nil {
		t.Fatalf("ParsePlan: %v", err)
	}
	e, err := payout.Compile(p)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return e
}

func tx(id, date, amount string) payout.Transaction {
	return payout.Transaction{ID: payout.TransactionID(id), Date: day(date), Amount: usd(amount)}
}

// amounts returns the line amounts of component i as strings.
func amounts(s payout.Statement, i int) []string {
	var out []string
	for _, l := range s.Components[i].Lines {
		out = append(out, l.Amount.Amount().String())
	}
	return out
}

// oracleTxs are the transactions of Oracle Incentive Compensation's
// published worked examples (step and interpolated rates).
func oracleTxs() []payout.Transaction {
	return []payout.Transaction{
		tx("T1", "2015-01-01", "200"), tx("T2", "2015-01-02", "300"), tx("T3", "2015-01-15", "1500"),
		tx("T4", "2015-02-01", "1200"), tx("T5", "2015-02-15", "2000"), tx("T6", "2015-03-01", "4500"),
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func rapidAs(err error, target any) bool { return errors.As(err, target) }

func cmpMoney(a, b partnerops.Money) int {
	c, err := a.Cmp(b)
	if err != nil {
		panic(err)
	}
	return c
}
