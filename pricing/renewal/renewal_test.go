package renewal_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/renewal"
)

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, "USD") }
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
func period(a, b time.Time) partnerops.Period { p, _ := partnerops.NewPeriod(a, b); return p }

func TestRenew(t *testing.T) {
	e := mustEngine(termsJSON)
	tests := []struct {
		renewal string
		price   string
		bounds  []renewal.Bound
	}{
		{`{"policy":"uplift-5","prior_net":"100.00"}`, "105.00", nil},
		{`{"policy":"uplift-5","prior_net":"0.99"}`, "1.04", nil}, // 1.0395 half up
		{`{"policy":"cpi","prior_net":"100.00","index":"3"}`, "104.00", nil},
		{`{"policy":"cpi","prior_net":"100.00","index":"0.5"}`, "102.00", []renewal.Bound{renewal.BoundIndexFloor}},
		{`{"policy":"cpi","prior_net":"100.00","index":"9"}`, "106.00", []renewal.Bound{renewal.BoundIndexCap}},
		{`{"policy":"lesser","prior_net":"100.00","current_list":"110.00"}`, "107.00", nil},
		{`{"policy":"lesser","prior_net":"100.00","current_list":"104.00"}`, "104.00", []renewal.Bound{renewal.BoundList}},
		{`{"policy":"hold","prior_net":"80.00","prior_list":"100.00","current_list":"100.00"}`, "80.00", nil},
		{`{"policy":"hold","prior_net":"80.00","prior_list":"100.00","current_list":"120.00"}`, "90.00", []renewal.Bound{renewal.BoundErosion}},
		{`{"policy":"hold","prior_net":"80.00","prior_list":"90.00","current_list":"100.00"}`, "83.89", []renewal.Bound{renewal.BoundErosion}}, // 100 × (8/9 − 5%) = 83.888… up
		{`{"policy":"list","prior_net":"80.00","current_list":"120.00"}`, "120.00", nil},
		// A list price given as zero is a price, not a missing one.
		{`{"policy":"list","prior_net":"80.00","current_list":"0"}`, "0.00", nil},
		{`{"policy":"lesser","prior_net":"100.00","current_list":{"amount":"0","currency":"USD"}}`, "0.00", []renewal.Bound{renewal.BoundList}},
	}
	for _, tt := range tests {
		t.Run(tt.renewal, func(t *testing.T) {
			r, err := renewal.ParseRenewal([]byte(tt.renewal))
			if err != nil {
				t.Fatal(err)
			}
			// The input survives JSON: a host may store it and renew again.
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if back, err := renewal.ParseRenewal(data); err != nil || !cmp.Equal(r, back) {
				t.Fatalf("renewal %s re-parsed as %+v, %v", data, back, err)
			}
			q, err := e.Renew(r)
			if err != nil {
				t.Fatal(err)
			}
			if q.Price.Amount().String() != tt.price || !cmp.Equal(tt.bounds, q.Bounds) {
				t.Errorf("Renew = %s %v, want %s %v", q.Price, q.Bounds, tt.price, tt.bounds)
			}
			roundTrip(t, q)
		})
	}
}

func TestRenewErrors(t *testing.T) {
	e := mustEngine(termsJSON)
	tests := []struct {
		renewal string
		is      error
	}{
		{`{"policy":"nope","prior_net":"1.00"}`, renewal.ErrUnknownPolicy},
		{`{"policy":"lesser","prior_net":"1.00"}`, renewal.ErrMissingInput},
		{`{"policy":"cpi","prior_net":"1.00"}`, renewal.ErrMissingInput},
		{`{"policy":"hold","prior_net":"1.00","current_list":"2.00"}`, renewal.ErrMissingInput},
		{`{"policy":"uplift-5","prior_net":{"amount":"1.00","currency":"EUR"}}`, partnerops.ErrCurrencyMismatch},
		{`{"policy":"uplift-5","prior_net":"-1.00"}`, partnerops.ErrInvalid},
	}
	for _, tt := range tests {
		r, err := renewal.ParseRenewal([]byte(tt.renewal))
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Renew(r)
		if !errors.Is(err, tt.is) {
			t.Errorf("Renew(%s) = %v, want %v", tt.renewal, err, tt.is)
		} else if n := strings.Count(err.Error(), "renewal: "); n != 1 {
			t.Errorf("error has %d prefixes: %v", n, err)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	terms, err := renewal.ParseTerms([]byte(`{"currency":"USD","day_count":"act","rounding":{"places":-1},"policies":[
	  {"id":"a","rule":"uplift"},{"id":"b","rule":"index","floor":"5","cap":"2","uplift":"3"},{"id":"a","rule":"list"},
	  {"id":"c","rule":"grow"},{"id":"d","rule":"prior_net","max_erosion":"-2"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = renewal.Compile(terms)
	var got []string
	for _, v := range partnerops.ValidationErrors(err) {
		got = append(got, v.Path)
	}
	want := []string{"rounding.places", "day_count", "policies[a].uplift", "policies[b].floor", "policies[b].uplift", "policies[a].id", "policies[c].rule", "policies[d].max_erosion"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}

func TestProrateWholeTerm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dc := rapid.SampledFrom([]renewal.DayCount{renewal.DayCountActual, renewal.DayCount30360}).Draw(t, "dc")
		e := mustEngine(`{"currency":"USD","day_count":"` + string(dc) + `"}`)
		start := day(2020, 1, 1).AddDate(0, 0, rapid.IntRange(0, 3000).Draw(t, "start"))
		end := start.AddDate(0, 0, rapid.IntRange(1, 2000).Draw(t, "days"))
		price := usd(fmt.Sprintf("%d.%02d", rapid.IntRange(0, 1e9).Draw(t, "p"), rapid.IntRange(0, 99).Draw(t, "c")))
		term := period(start, end)
		if dc == renewal.DayCount30360 && term.Start.Day() == 31 {
			return // 30/360 may count a one-day term as zero days
		}
		p, err := e.Prorate(renewal.Proration{Price: price, Term: term, Part: term})
		if err != nil {
			if errors.Is(err, partnerops.ErrDivisionByZero) {
				return
			}
			t.Fatal(err)
		}
		if !p.Amount.Equal(price) {
			t.Fatalf("whole term %s prorated to %s, want %s", term, p.Amount, price)
		}
	})
}

// roundRat rounds x half up (away from zero) to places.
func roundRat(x *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	y := new(big.Rat).Mul(x, new(big.Rat).SetInt(scale))
	num, den := new(big.Int).Abs(y.Num()), y.Denom()
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(r, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if y.Sign() < 0 {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, scale)
}

func rat(d partnerops.Decimal) *big.Rat { r, _ := new(big.Rat).SetString(d.String()); return r }

// Prorated amounts, co-termed charges and ramp amounts are the exact
// quotient rounded once (checked against big.Rat).
func TestRoundingAgainstRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := mustEngine(`{"currency":"USD"}`)
		start := day(2024, 1, 1).AddDate(0, 0, rapid.IntRange(0, 800).Draw(t, "start"))
		term := period(start, start.AddDate(1, 0, 0))
		a := start.AddDate(0, 0, rapid.IntRange(0, 364).Draw(t, "a"))
		part := period(a, term.End)
		price := usd(fmt.Sprintf("%d.%02d", rapid.IntRange(-1e8, 1e8).Draw(t, "p"), rapid.IntRange(0, 99).Draw(t, "c")))
		p, err := e.Prorate(renewal.Proration{Price: price, Term: term, Part: part})
		if err != nil {
			t.Fatal(err)
		}
		want := roundRat(new(big.Rat).Mul(rat(price.Amount()), big.NewRat(p.Days, p.TermDays)), 2)
		if rat(p.Amount.Amount()).Cmp(want) != 0 {
			t.Fatalf("prorate %s × %d/%d = %s, want %s", price, p.Days, p.TermDays, p.Amount, want.FloatString(2))
		}
		// ramp: unit × qty × months / 12, implied unit price amount ÷ qty
		qty := rapid.IntRange(1, 5000).Draw(t, "qty")
		months := rapid.IntRange(1, 36).Draw(t, "months")
		unit := fmt.Sprintf("%d.%02d", rapid.IntRange(0, 10000).Draw(t, "u"), rapid.IntRange(0, 99).Draw(t, "uc"))
		s, err := renewal.Ramp{Currency: "USD", Start: start, Segments: []renewal.Segment{{Months: months, Quantity: partnerops.DecimalFromInt(int64(qty)), UnitPrice: ptr(usd(unit))}}}.Schedule()
		if err != nil {
			t.Fatal(err)
		}
		sg := s.Segments[0]
		wantAmt := roundRat(new(big.Rat).Mul(rat(partnerops.MustDecimal(unit)), big.NewRat(int64(qty*months), 12)), 2)
		if rat(sg.Amount.Amount()).Cmp(wantAmt) != 0 {
			t.Fatalf("segment amount %s, want %s", sg.Amount, wantAmt.FloatString(2))
		}
		wantUnit := roundRat(new(big.Rat).Quo(wantAmt, big.NewRat(int64(qty), 1)), 6)
		if rat(sg.ImpliedUnitPrice.Amount()).Cmp(wantUnit) != 0 {
			t.Fatalf("implied unit price %s, want %s", sg.ImpliedUnitPrice, wantUnit.FloatString(6))
		}
	})
}

func ptr[T any](v T) *T { return &v }

// Ramp segments sum to the TCV, and each segment's charges to its amount.
func TestRampSums(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := renewal.Ramp{Currency: "USD", Start: day(2026, 1, 31),
			Billing:    rapid.SampledFrom([]renewal.Interval{"", renewal.IntervalMonth, renewal.IntervalQuarter, renewal.IntervalYear, renewal.IntervalUpfront}).Draw(t, "billing"),
			UpliftMode: rapid.SampledFrom([]renewal.UpliftMode{"", renewal.UpliftAdditive}).Draw(t, "mode")}
		if rapid.Bool().Draw(t, "uplift") {
			r.Uplift = ptr(partnerops.MustPercent(fmt.Sprint(rapid.IntRange(0, 15).Draw(t, "u"))))
		}
		for i := range rapid.IntRange(1, 8).Draw(t, "n") {
			s := renewal.Segment{ID: fmt.Sprint("s", i), Months: rapid.IntRange(1, 24).Draw(t, "months"), Quantity: partnerops.DecimalFromInt(int64(rapid.IntRange(1, 900).Draw(t, "q")))}
			if rapid.Bool().Draw(t, "amount") {
				s.Amount = ptr(usd(fmt.Sprintf("%d.%02d", rapid.IntRange(0, 1e7).Draw(t, "a"), rapid.IntRange(0, 99).Draw(t, "ac"))))
			} else {
				s.UnitPrice = ptr(usd(fmt.Sprintf("%d.%03d", rapid.IntRange(0, 5000).Draw(t, "up"), rapid.IntRange(0, 999).Draw(t, "upc"))))
			}
			r.Segments = append(r.Segments, s)
		}
		s, err := r.Schedule()
		if err != nil {
			t.Fatal(err)
		}
		sum := partnerops.Zero("USD")
		bySeg := map[string]partnerops.Money{}
		for _, sg := range s.Segments {
			sum, _ = sum.Add(sg.Amount)
			bySeg[sg.ID] = partnerops.Zero("USD")
		}
		if !sum.Equal(s.TCV) {
			t.Fatalf("segments sum to %s, TCV %s", sum, s.TCV)
		}
		for _, c := range s.Charges {
			bySeg[c.Segment], _ = bySeg[c.Segment].Add(c.Amount)
		}
		for _, sg := range s.Segments {
			if !bySeg[sg.ID].Equal(sg.Amount) {
				t.Fatalf("segment %s charges sum to %s, want %s", sg.ID, bySeg[sg.ID], sg.Amount)
			}
		}
		if !s.Term.End.Equal(s.Segments[len(s.Segments)-1].Period.End) {
			t.Fatalf("term %s does not end with the last segment", s.Term)
		}
		roundTrip(t, s)
	})
}

func TestCoTermSumsToAnnualPrices(t *testing.T) {
	for _, dc := range []string{"actual", "actual_365", "30_360"} {
		e := mustEngine(`{"currency":"USD","day_count":"` + dc + `"}`)
		c, err := e.CoTerm(renewal.Change{Contract: period(day(2029, 1, 1), day(2032, 1, 1)), Start: day(2029, 1, 1), AnnualPrice: usd("1200.00")}) // no 29 February
		if err != nil {
			t.Fatal(err)
		}
		if !c.Total.Equal(usd("3600.00")) || len(c.Charges) != 3 {
			t.Errorf("%s: a change from the start costs %s in %d charges, want 3600.00 in 3", dc, c.Total, len(c.Charges))
		}
		roundTrip(t, c)
	}
}

func TestRampErrors(t *testing.T) {
	_, err := renewal.Ramp{Currency: "USD", Billing: "weekly", UpliftMode: "steep", Segments: []renewal.Segment{
		{ID: "a", Months: 0, Quantity: partnerops.DecimalFromInt(0)},
		{ID: "a", Months: 12, Quantity: partnerops.DecimalFromInt(1), Amount: ptr(usd("1.001"))},
	}}.Schedule()
	var got []string
	for _, v := range partnerops.ValidationErrors(err) {
		got = append(got, v.Path)
	}
	want := []string{"start", "billing", "uplift_mode", "segments[a].months", "segments[a].quantity", "segments[a].amount", "segments[a].id", "segments[a].amount"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}

func TestRetentionRoundTrip(t *testing.T) {
	ev, err := renewal.Retention(renewal.RetentionFacts{Partner: "p", Due: day(2026, 6, 30), Renewed: day(2026, 7, 3), GraceDays: 5, PriorACV: usd("100.00"), RenewedACV: usd("90.00")})
	if err != nil {
		t.Fatal(err)
	}
	if !ev.OnTime || ev.DaysEarly != -3 || ev.MultiYear || !ev.NetRetention.Equal(partnerops.MustPercent("90")) {
		t.Errorf("Retention = %+v", ev)
	}
	b, _ := json.Marshal(ev)
	var got renewal.RetentionEvent
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ev, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// TestRetentionChurnedFactsSurviveJSON: a churned renewal's zero ACV in
// another currency is zero, as its stored copy (which JSON leaves the
// zero out of) says.
func TestRetentionChurnedFactsSurviveJSON(t *testing.T) {
	facts := renewal.RetentionFacts{Partner: "p", Due: day(2026, 6, 30), PriorACV: usd("100.00"),
		RenewedACV: partnerops.MustMoney("0", partnerops.EUR)}
	b, err := json.Marshal(facts)
	if err != nil {
		t.Fatal(err)
	}
	var back renewal.RetentionFacts
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, f := range []renewal.RetentionFacts{facts, back} {
		ev, err := renewal.Retention(f)
		if err != nil || !ev.NetRetention.IsZero() || ev.RenewedACV.String() != "0 USD" {
			t.Errorf("Retention(%+v) = %+v, %v; want churned, 0 USD", f, ev, err)
		}
	}
}

func roundTrip[T interface {
	Text() string
	Markdown() string
}](t interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var got T
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v, got); diff != "" {
		t.Fatalf("decode(encode(r)) (-want +got):\n%s\n%s", diff, b)
	}
	if v.Text() != got.Text() || v.Markdown() != got.Markdown() {
		t.Fatalf("round-tripped result renders differently:\n%s\n%s", v.Text(), got.Text())
	}
}

// Schedule and its renderers are linear in the number of segments
// (counted in allocations).
func TestGrowth(t *testing.T) {
	mk := func(n int) renewal.Ramp {
		r := renewal.Ramp{Currency: "USD", Start: day(2026, 1, 1), Billing: renewal.IntervalMonth}
		for i := 0; i < n; i++ {
			r.Segments = append(r.Segments, renewal.Segment{Months: 1, Quantity: partnerops.DecimalFromInt(int64(i + 1)), UnitPrice: ptr(usd("12.00"))})
		}
		return r
	}
	cost := func(n int) float64 {
		r := mk(n)
		return testing.AllocsPerRun(2, func() {
			s, err := r.Schedule()
			if err != nil {
				t.Fatal(err)
			}
			_, _ = s.Text(), s.Markdown()
		})
	}
	if small, large := cost(100), cost(800); large > 10*small {
		t.Errorf("100 segments: %v allocs, 800: %v; want at most ~10x", small, large)
	}
}

func TestWarnings(t *testing.T) {
	e := mustEngine(`{"currency":"USD","policies":[{"id":"u","rule":"uplift","uplift":"0.05"},{"id":"i","rule":"index","spread":"0.5","cap":"0.5"}]}`)
	var got []string
	for _, w := range e.Warnings() {
		got = append(got, w.Path)
	}
	if diff := cmp.Diff([]string{"policies[u].uplift", "policies[i].cap"}, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestProratedRoundTrip(t *testing.T) {
	e := mustEngine(`{"currency":"USD","day_count":"actual_365"}`)
	p, err := e.Prorate(renewal.Proration{Price: usd("-1000.00"), Term: period(day(2027, 1, 1), day(2029, 1, 1)), Part: period(day(2027, 3, 1), day(2027, 9, 1))})
	if err != nil {
		t.Fatal(err)
	}
	if p.Days != 184 || p.TermDays != 730 || !p.Amount.Equal(usd("-252.05")) {
		t.Errorf("Prorate = %+v, want 184/730 days, -252.05", p)
	}
	b, _ := json.Marshal(p)
	var got renewal.Prorated
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := e.Prorate(renewal.Proration{Price: usd("1.00"), Term: period(day(2027, 1, 1), day(2027, 6, 1)), Part: period(day(2027, 3, 1), day(2027, 4, 1))}); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("actual_365 over a part-year term = %v, want ErrInvalid", err)
	}
}
