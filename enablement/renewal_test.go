package enablement_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"pgregory.net/rapid"
)

// oneCert compiles a program with one certification "c" of the given
// spans, required once for tier "t".
func oneCert(validity, window, grace enablement.Span, graceCounts bool) (*enablement.Engine, error) {
	return enablement.Compile(enablement.Definition{
		Program: partnerops.Program{Tiers: partnerops.MustTierLadder("t")},
		Certifications: []enablement.Certification{{ID: "c", Name: "C", Kind: enablement.CertificationKindRoleBased,
			Validity: validity, RenewalWindow: window, GracePeriod: grace, GraceCounts: graceCounts}},
		Requirements: []enablement.Requirement{{ID: "r", Tier: "t", Count: 1}},
	})
}

// TestRenewalWindowNotShorterThanValidity is the regression test of the
// audit finding: a one-year certification with a five-year renewal window
// compiled, and four renewals on consecutive days pushed its expiry four
// years out. Such windows (and grace periods) are refused now, on every
// date: P365D is as long as P1Y in a common year.
func TestRenewalWindowNotShorterThanValidity(t *testing.T) {
	tests := []struct {
		name                    string
		validity, window, grace string
		want                    []problem
	}{
		{"five-year window on a one-year certification", "P1Y", "P5Y", "P0D", []problem{{"certifications[c].renewal_window",
			"must be shorter than the validity on every date: P5Y can span 1827 days, and the validity P1Y as few as 365", "P5Y"}}},
		{"window as long as the validity", "P1Y", "P12M", "P0D", []problem{{"certifications[c].renewal_window",
			"must be shorter than the validity on every date: P12M can span 366 days, and the validity P1Y as few as 365", "P12M"}}},
		{"365 days are a year in a common year", "P1Y", "P365D", "P0D", []problem{{"certifications[c].renewal_window",
			"must be shorter than the validity on every date: P365D can span 365 days, and the validity P1Y as few as 365", "P365D"}}},
		{"a month can be 28 days", "P1M", "P28D", "P0D", []problem{{"certifications[c].renewal_window",
			"must be shorter than the validity on every date: P28D can span 28 days, and the validity P1M as few as 28", "P28D"}}},
		{"grace as long as the validity", "P90D", "P30D", "P3M", []problem{{"certifications[c].grace_period",
			"must be shorter than the validity on every date: P3M can span 92 days, and the validity P90D as few as 90", "P3M"}}},
		{"27 days fit in any month", "P1M", "P27D", "P0D", nil},
		{"half a year each side", "P1Y", "P6M", "P6M", nil},
		{"eleven months", "P1Y", "P11M", "P0D", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := oneCert(enablement.MustSpan(tt.validity), enablement.MustSpan(tt.window), enablement.MustSpan(tt.grace), false)
			if diff := cmp.Diff(tt.want, problems(err)); diff != "" {
				t.Errorf("Compile problems (-want +got):\n%s", diff)
			}
			if tt.want != nil && !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("Compile error %v does not match ErrInvalid", err)
			}
		})
	}
}

// TestRenewalsDoNotStack: renewals on consecutive days extend a
// certification once. With a grace period that reaches into the next
// cycle's window (one year valid, six-month window, eight-month grace), a
// renewal in grace and another the next day both applied before, pushing
// the expiry two years out; the next window now opens only when the grace
// period ends.
func TestRenewalsDoNotStack(t *testing.T) {
	e, err := oneCert(enablement.Years(1), enablement.Months(6), enablement.Months(8), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(e.Warnings()); got != 1 {
		t.Errorf("Warnings() = %v, want the overlap warning", e.Warnings())
	}
	earned := date(2024, 3, 1) // expires 2025-03-01, grace to 2025-11-01
	tests := []struct {
		name     string
		renewed  []time.Time
		at       time.Time
		renewals int
		expires  string
		opens    string
	}{
		{"four renewals on consecutive days in the window", []time.Time{date(2024, 10, 1), date(2024, 10, 2), date(2024, 10, 3), date(2024, 10, 4)},
			date(2024, 10, 5), 1, "2026-03-01", "2025-11-01"},
		{"a renewal in grace, then another the next day", []time.Time{date(2025, 10, 1), date(2025, 10, 2)},
			date(2025, 10, 3), 1, "2026-03-01", "2025-11-01"},
		{"the next window opens when the grace period ends", []time.Time{date(2025, 10, 1), date(2025, 11, 1)},
			date(2025, 11, 2), 2, "2027-03-01", "2026-11-01"},
		{"unsorted renewals are taken in date order", []time.Time{date(2025, 11, 1), date(2025, 10, 1)},
			date(2025, 11, 2), 2, "2027-03-01", "2026-11-01"},
		{"a renewal before the award is ignored", []time.Time{date(2024, 2, 1)},
			date(2024, 3, 2), 0, "2025-03-01", "2024-09-01"},
		{"a lapsed certification is not revived by renewals", []time.Time{date(2025, 11, 1), date(2025, 11, 2)},
			date(2025, 12, 1), 0, "2025-03-01", "2024-09-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := enablement.Person{ID: "u", Certifications: []enablement.HeldCertification{held("c", earned, tt.renewed...)}}
			s, err := e.CertificationStatus(p, "c", tt.at)
			if err != nil {
				t.Fatal(err)
			}
			got := []any{s.Renewals, s.Expires.Format(time.DateOnly), s.RenewalOpens.Format(time.DateOnly)}
			if diff := cmp.Diff([]any{tt.renewals, tt.expires, tt.opens}, got); diff != "" {
				t.Errorf("renewals, expires, renewal opens (-want +got):\n%s", diff)
			}
		})
	}
}

// drawSpan draws a span of up to two years, some months and days.
func drawSpan(t *rapid.T, label string) enablement.Span {
	return enablement.Span{Years: rapid.IntRange(0, 2).Draw(t, label+"y"), Months: rapid.IntRange(0, 13).Draw(t, label+"m"),
		Days: rapid.IntRange(0, 40).Draw(t, label+"d")}
}

// drawRenewalCase draws a valid certification (definitions that compile
// fail only for a window or grace period not shorter than the validity),
// an award and renewals.
func drawRenewalCase(t *rapid.T) (*enablement.Engine, enablement.Span, enablement.Span, time.Time, []time.Time) {
	validity := drawSpan(t, "validity")
	if validity.IsZero() {
		validity.Days = 1
	}
	window, grace := drawSpan(t, "window"), drawSpan(t, "grace")
	graceCounts := !grace.IsZero() && rapid.Bool().Draw(t, "graceCounts")
	e, err := oneCert(validity, window, grace, graceCounts)
	if err != nil {
		for _, p := range problems(err) {
			if p.Path != "certifications[c].renewal_window" && p.Path != "certifications[c].grace_period" {
				t.Fatalf("unexpected problem %v", p)
			}
		}
		t.Skip("window or grace not shorter than the validity")
	}
	earned := date(2020, 1, 1).AddDate(0, 0, rapid.IntRange(0, 3000).Draw(t, "earned"))
	var renewed []time.Time
	for range rapid.IntRange(0, 6).Draw(t, "renewals") {
		renewed = append(renewed, earned.AddDate(0, 0, rapid.IntRange(-30, 2000).Draw(t, "renewed")))
	}
	return e, validity, window, earned, renewed
}

// TestPropertyCertDatesOrdered checks that a held certification's dates
// are ordered (earned < renewal opens <= expires <= grace ends), that the
// state matches where the time falls, and that the requirement path
// (which computes only the deciding dates) agrees with the full status.
func TestPropertyCertDatesOrdered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, _, _, earned, renewed := drawRenewalCase(t)
		at := earned.AddDate(0, 0, rapid.IntRange(0, 2500).Draw(t, "after"))
		person := enablement.Person{ID: "u", Certifications: []enablement.HeldCertification{
			held("c", earned.AddDate(-3, 0, 0)), held("c", earned, renewed...)}}
		s, err := e.CertificationStatus(person, "c", at)
		if err != nil {
			t.Fatal(err)
		}
		comp, err := e.Compliance(partnerops.Partner{ID: "p", Tier: "t"}, []enablement.Person{person}, at)
		if err != nil {
			t.Fatal(err)
		}
		if comp.Met != s.Counts || (comp.Met && !comp.Requirements[0].FallsOutAt.Equal(s.CountsUntil)) {
			t.Fatalf("compliance met %v until %v; status counts %v until %v", comp.Met, comp.Requirements[0].FallsOutAt, s.Counts, s.CountsUntil)
		}
		if !s.Earned.Before(s.RenewalOpens) || s.RenewalOpens.After(s.Expires) || s.GraceEnds.Before(s.Expires) {
			t.Fatalf("dates out of order: %v", s)
		}
		var want enablement.CertState
		switch {
		case at.Before(s.RenewalOpens):
			want = enablement.CertStateActive
		case at.Before(s.Expires):
			want = enablement.CertStateExpiringSoon
		case at.Before(s.GraceEnds):
			want = enablement.CertStateInGrace
		default:
			want = enablement.CertStateExpired
		}
		if s.State != want {
			t.Fatalf("state %v, want %v for %v", s.State, want, s)
		}
	})
}

// TestPropertyRenewals checks the renewal rule from outside, renewal by
// renewal: a renewal applies exactly when it falls inside the window shown
// the moment before it ([RenewalOpens, GraceEnds)); it adds one validity to
// the expiry; the next window opens no earlier than the previous one
// closed (so renewals never stack); the expiry is never more than the
// window plus the validity after the last applied renewal; adding a
// renewal never shortens the expiry; and the order renewals are listed in
// does not matter.
func TestPropertyRenewals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, validity, window, earned, renewed := drawRenewalCase(t)
		status := func(renewed []time.Time, at time.Time) enablement.CertStatus {
			s, err := e.CertificationStatus(enablement.Person{ID: "u",
				Certifications: []enablement.HeldCertification{held("c", earned, renewed...)}}, "c", at)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		sorted := slices.Clone(renewed)
		slices.SortFunc(sorted, time.Time.Compare)
		end := earned.AddDate(10, 0, 0)
		if diff := cmp.Diff(status(sorted, end), status(renewed, end)); diff != "" {
			t.Fatalf("renewal order matters (-sorted +given):\n%s", diff)
		}
		lastApplied := earned
		for _, r := range sorted {
			before, after := status(sorted, r.Add(-time.Nanosecond)), status(sorted, r)
			inWindow := !r.Before(before.RenewalOpens) && r.Before(before.GraceEnds) && r.After(earned.Add(-time.Nanosecond))
			applied := after.Renewals - before.Renewals
			switch {
			case inWindow && applied != 1, !inWindow && applied != 0:
				t.Fatalf("renewal %v with window [%v, %v): %d applied", r, before.RenewalOpens, before.GraceEnds, applied)
			case applied == 1:
				if want := validity.AddTo(before.Expires); !after.Expires.Equal(want) {
					t.Fatalf("renewal moved expiry %v to %v, want %v", before.Expires, after.Expires, want)
				}
				if after.RenewalOpens.Before(before.GraceEnds) {
					t.Fatalf("next window opens %v before the previous closed %v", after.RenewalOpens, before.GraceEnds)
				}
				lastApplied = r
			}
		}
		final := status(sorted, end)
		// Month-end clamping can move a date by up to three days each way.
		if bound := validity.AddTo(window.AddTo(lastApplied)).AddDate(0, 0, 6); final.Expires.After(bound) {
			t.Fatalf("expiry %v more than window %s + validity %s after the last renewal %v", final.Expires, window, validity, lastApplied)
		}
		extra := earned.AddDate(0, 0, rapid.IntRange(0, 2000).Draw(t, "extra"))
		if more := status(append(slices.Clone(sorted), extra), end); more.Expires.Before(final.Expires) {
			t.Fatalf("adding renewal %v shortened the expiry from %v to %v", extra, final.Expires, more.Expires)
		}
	})
}

// TestLatestAwardDecidesEverywhere: with two awards of one certification,
// the latest at the time decides, in statuses, compliance and coverage
// alike. Compliance and coverage used to fall back to an earlier award
// (here renewed, so still current) when the latest had lapsed.
func TestLatestAwardDecidesEverywhere(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	p := enablement.Person{ID: "u", Partner: "acme", Role: enablement.RoleSales, Certifications: []enablement.HeldCertification{
		held("cloud-sales-pro", date(2024, 12, 25)),                   // expires 2025-12-25, not renewed
		held("cloud-sales-pro", date(2024, 5, 14), date(2025, 3, 14)), // renewed: would count until 2026-05-14
	}}
	at := date(2026, 1, 15)
	s, _ := e.CertificationStatus(p, "cloud-sales-pro", at)
	c, _ := e.Compliance(partnerops.Partner{ID: "acme", Tier: "silver"}, []enablement.Person{p}, at)
	cov, _ := e.Coverage([]partnerops.Partner{{ID: "acme", Tier: "silver"}}, []enablement.Person{p}, at, enablement.CoverageOptions{})
	got := []any{s.State.String(), s.Counts, c.Met, cov.Overall.CertifiedPeople}
	if diff := cmp.Diff([]any{"in_grace", false, false, 0}, got); diff != "" {
		t.Errorf("state, counts, compliance met, certified people (-want +got):\n%s", diff)
	}
}
