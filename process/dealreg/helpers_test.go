package dealreg_test

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/dealreg"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, "USD") }

func key(domain, name string) partnerops.AccountKey { return partnerops.NewAccountKey(domain, name) }

func reg(id, partner string, k partnerops.AccountKey, status string, at time.Time, skus ...string) dealreg.Record {
	r := dealreg.Record{ID: dealreg.RecordID(id), Partner: partnerops.PartnerID(partner), Account: k, Status: dealreg.Status(status), Registered: at}
	for _, s := range skus {
		r.Products.SKUs = append(r.Products.SKUs, dealreg.SKU(s))
	}
	return r
}

func opp(id string, k partnerops.AccountKey, status string, at time.Time) dealreg.Record {
	return dealreg.Record{ID: dealreg.RecordID(id), Kind: dealreg.KindOpportunity, Account: k, Status: dealreg.Status(status), Registered: at}
}

func mustChecker(t fataler, s dealreg.Settings) *dealreg.Checker {
	t.Helper()
	c, err := dealreg.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustIndex(t fataler, c *dealreg.Checker, recs ...dealreg.Record) *dealreg.Index {
	t.Helper()
	x, err := c.Index(recs)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// fataler is what testing.TB and *rapid.T share.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// summary reduces a result to outcome and rule:other pairs.
func summary(r dealreg.Result) []string {
	out := []string{string(r.Outcome)}
	for _, f := range r.Findings {
		out = append(out, string(f.Rule)+":"+string(f.Other))
	}
	return out
}

const settingsJSON = `{
  "id": "emea-2026",
  "active": ["submitted", "under_review", "info_requested", "approved", "extended", "open"],
  "registration_days": 90,
  "opportunity_days": 180,
  "conflict_scope": "products",
  "outcomes": {"duplicate": "refuse", "conflict": "review", "direct_conflict": "review", "near_duplicate": "approve"}
}`
