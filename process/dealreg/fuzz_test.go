package dealreg_test

import (
	"testing"

	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/process/dealreg"
)

func FuzzParseSettings(f *testing.F) {
	f.Add(`{}`)
	f.Add(settingsJSON)
	f.Add(`{"active":["approved"],"registration_days":-1,"outcomes":{"near_duplicate":"review"}}`)
	f.Add(`{"conflict_scope":"account","opportunity_days":30}`)
	f.Fuzz(func(t *testing.T, s string) {
		set, err := dealreg.ParseSettings([]byte(s))
		if err != nil {
			return
		}
		// The stored copy compiles (or fails) alike and checks a
		// registration against an index the same way.
		roundtrip.Same(t, set, roundtrip.Copy(t, set, dealreg.ParseSettings), func(set dealreg.Settings) (any, error) {
			c, err := dealreg.Compile(set)
			if err != nil {
				return nil, err
			}
			x, err := c.Index([]dealreg.Record{reg("R-1", "p1", key("acme.com", "Acme"), "approved", t0)})
			if err != nil {
				return nil, err
			}
			return x.Check(reg("N", "p2", key("acme.com", ""), "", t0), t0)
		})
		if c, err := dealreg.Compile(set); err == nil {
			if _, err := dealreg.Compile(c.Settings()); err != nil {
				t.Fatalf("filled-in settings do not compile: %v", err)
			}
		}
	})
}

func FuzzParseRecord(f *testing.F) {
	f.Add(`{"id":"R-1","partner":"p1","account":{"domain":"acme.com","name":"acme"},"products":{"skus":["SEC-100"],"families":["security"]},"status":"submitted","registered":"2026-03-02","expires":"2026-06-01T00:00:00Z","value":{"amount":"100.00","currency":"USD"}}`)
	f.Add(`{"id":"O-1","kind":"opportunity","account":{"name":"acme"},"status":"open","registered":"2026-03-02"}`)
	f.Add(`{"partner":"p","account":{"domain":"a.com"}}`)
	f.Add(`{"partner":"p","account":{"domain":"a.com"},"value":{"amount":"0","currency":"EUR"}}`) // a zero JSON leaves out
	c, err := dealreg.Compile(dealreg.Settings{})
	if err != nil {
		f.Fatal(err)
	}
	x, err := c.Index([]dealreg.Record{reg("R-1", "p1", key("acme.com", "Acme"), "approved", t0)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := dealreg.ParseRecord([]byte(s))
		if err != nil {
			return
		}
		again := roundtrip.Copy(t, r, dealreg.ParseRecord)
		roundtrip.Same(t, r, again, func(r dealreg.Record) (any, error) { return x.Check(r, t0) })
		if res, err := x.Check(r, t0); err == nil {
			_ = res.Text()
		}
		if y, err := x.With(r); err == nil {
			_, _ = y.Check(reg("N", "p2", key("acme.com", ""), "", t0), t0)
		}
	})
}
