package pricing_test

import (
	"strings"
	"testing"

	"github.com/partnerops/partnerops"

	"github.com/partnerops/partnerops/pricing"
)

// summary is the part of a line result most tests compare: each step as
// "rule amount → running", each skip as "rule: reason", and the net.
type summary struct {
	Steps    []string
	Skipped  []string
	NetUnit  string
	NetExt   string
	Approval pricing.ApprovalLevel
}

// canon renders d without trailing zeros in its fraction ("85.00" is
// "85"), so that tables of expected values read naturally.
func canon(d partnerops.Decimal) string {
	s := d.String()
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func summarize(l *pricing.LineResult) summary {
	s := summary{NetUnit: canon(l.NetUnit.Amount()), NetExt: canon(l.NetExtended.Amount()), Approval: l.Approval}
	for _, st := range l.Steps() {
		x := string(st.Rule) + " " + canon(st.Amount) + " → " + canon(st.Running)
		if st.Limit != pricing.LimitNone {
			x += " (" + st.Limit.String() + ", requested " + canon(st.Requested) + ")"
		}
		s.Steps = append(s.Steps, x)
	}
	for _, sk := range l.Skipped() {
		s.Skipped = append(s.Skipped, string(sk.Rule)+": "+sk.String())
	}
	return s
}

// priceLine compiles books and fw and prices one quote, failing the test
// on any error, and returns the first line.
func priceLine(t *testing.T, books []pricing.PriceBook, fw pricing.Framework, q pricing.Quote) *pricing.LineResult {
	t.Helper()
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	r, err := e.Price(q, day)
	if err != nil {
		t.Fatalf("Price: %v", err)
	}
	return &r.Lines[0]
}

func offList(id pricing.RuleID, group pricing.GroupID, p string) pricing.Rule {
	return pricing.Rule{ID: id, Group: group, Effect: pricing.PercentOffList(pct(p))}
}

func offRunning(id pricing.RuleID, group pricing.GroupID, p string) pricing.Rule {
	return pricing.Rule{ID: id, Group: group, Effect: pricing.PercentOffRunning(pct(p))}
}

func amountOff(id pricing.RuleID, group pricing.GroupID, a string) pricing.Rule {
	return pricing.Rule{ID: id, Group: group, Effect: pricing.AmountOff(m(a))}
}

func group(id pricing.GroupID, mode pricing.CombineMode) pricing.Group {
	return pricing.Group{ID: id, Mode: mode}
}

func with(r pricing.Rule, f func(*pricing.Rule)) pricing.Rule {
	f(&r)
	return r
}

// cents returns n cents in USD.
func cents(n int) partnerops.Money {
	m, err := partnerops.MoneyFromMinor(int64(n), usd)
	if err != nil {
		panic(err)
	}
	return m
}

// validationPaths lists the field paths of the validation errors in err.
func validationPaths(err error) []string {
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	return paths
}
