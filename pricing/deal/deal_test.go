package deal_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/deal"
)

func usd(s string) partnerops.Money { return partnerops.MustMoney(s, "USD") }

// amounts is what each model test checks: the parties' amounts in
// waterfall order and the vendor net.
type amounts struct {
	Parties []string
	Vendor  string
}

func summarize(r deal.Result) amounts {
	a := amounts{Vendor: r.VendorNet.Amount().String()}
	for _, p := range r.Parties {
		a.Parties = append(a.Parties, string(p.Slot)+"/"+string(p.Partner)+"="+p.Amount.Amount().String())
	}
	return a
}

func TestEvaluateModels(t *testing.T) {
	e := mustEngine()
	tests := []struct {
		name string
		deal string
		want amounts
	}{
		{"direct", `{"model":"direct","price":"1000.00"}`, amounts{Vendor: "1000.00"}},
		{"resell", `{"model":"resell","price":"1000.00","parties":[{"slot":"reseller","partner":"a"}]}`,
			amounts{[]string{"reseller/a=200.00"}, "800.00"}},
		{"resell renewal margin", `{"model":"resell","business":"renewal","price":"1000.00","parties":[{"slot":"reseller","partner":"a"}]}`,
			amounts{[]string{"reseller/a=150.00"}, "850.00"}},
		{"resell unnamed reseller", `{"model":"resell","price":"1000.00"}`,
			amounts{[]string{"reseller/=200.00"}, "800.00"}},
		{"two-tier", `{"model":"two-tier","price":"999.99","parties":[{"slot":"distributor","partner":"d"},{"slot":"reseller","partner":"r"}]}`,
			amounts{[]string{"reseller/r=200.00", "distributor/d=64.00"}, "735.99"}},
		{"marketplace public", `{"model":"marketplace","price":"1000.00"}`,
			amounts{[]string{"aws/=30.00"}, "970.00"}},
		{"marketplace private offer", `{"model":"marketplace","private_offer":true,"price":"1000.00"}`,
			amounts{[]string{"aws/=15.00"}, "985.00"}},
		{"cppo", `{"model":"cppo","price":"1000.00","parties":[{"slot":"reseller","partner":"r"}]}`,
			amounts{[]string{"reseller/r=120.00", "aws/=30.00"}, "850.00"}},
		{"referral once a year of a one-year deal", `{"model":"referral","price":"1000.00","parties":[{"slot":"referrer","partner":"x"}]}`,
			amounts{[]string{"referrer/x=100.00"}, "900.00"}},
		{"referral capped", `{"model":"referral","term_months":24,"price":"600000.00","parties":[{"slot":"referrer","partner":"x"}]}`,
			amounts{[]string{"referrer/x=25000.00"}, "575000.00"}},
		{"referral ramp years", `{"model":"referral","term_months":36,"price":"60000.00","annual":["10000.00","20000.00","30000.00"],"parties":[{"slot":"referrer","partner":"x"}]}`,
			amounts{[]string{"referrer/x=3000.00"}, "57000.00"}},
		{"referral split equally with remainder", `{"model":"referral","price":"1000.01","parties":[{"slot":"referrer","partner":"x"},{"slot":"referrer","partner":"y"},{"slot":"referrer","partner":"z"}]}`,
			amounts{[]string{"referrer/x=33.34", "referrer/y=33.33", "referrer/z=33.33"}, "900.01"}},
		{"gsi influenced by default", `{"model":"gsi","price":"1000.00","parties":[{"slot":"si","partner":"s"}]}`,
			amounts{[]string{"si/s=50.00"}, "950.00"}},
		{"gsi sourced", `{"model":"gsi","price":"1000.00","parties":[{"slot":"si","partner":"s","attribution":"sourced"}]}`,
			amounts{[]string{"si/s=100.00"}, "900.00"}},
		{"alliance slab below the second tier", `{"model":"alliance","price":"90000.00"}`,
			amounts{[]string{"isv/=9000.00"}, "81000.00"}},
		{"alliance slab across tiers", `{"model":"alliance","price":"150000.00"}`,
			amounts{[]string{"isv/=17500.00"}, "132500.00"}},
		{"oem per unit", `{"model":"oem","price":"180000.00","units":"6000"}`,
			amounts{[]string{"oem/=105000.00"}, "75000.00"}},
		{"oem minimum guarantee", `{"model":"oem","price":"30000.00","units":"1000"}`,
			amounts{[]string{"oem/=-20000.00"}, "50000.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := deal.ParseDeal([]byte(tt.deal))
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.Evaluate(d)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summarize(r)); diff != "" {
				t.Errorf("Evaluate(%s) (-want +got):\n%s", tt.deal, diff)
			}
			checkBalances(t, r)
		})
	}
}

func checkBalances(t *testing.T, r deal.Result) {
	t.Helper()
	sum := r.VendorNet
	for _, p := range r.Parties {
		var err error
		if sum, err = sum.Add(p.Amount); err != nil {
			t.Fatal(err)
		}
	}
	if !sum.Equal(r.CustomerPrice) {
		t.Errorf("parties + vendor net = %s, want the customer price %s", sum, r.CustomerPrice)
	}
}

// The marketplace fee lowers the vendor's proceeds, never the customer
// price: the discount a deal desk approves is the same with and without
// the marketplace (issue 14: modelled as a waterfall step it raised the
// approval level).
func TestMarketplaceFeeIsNotADiscount(t *testing.T) {
	e := mustEngine()
	d := mustDeal(`{"model":"resell","list":"1200.00","price":"1000.00","parties":[{"slot":"reseller"},{"slot":"aws"}]}`)
	c, err := e.Compare(d, "resell", "cppo")
	if err != nil {
		t.Fatal(err)
	}
	a, b := c.Rows[0].Result, c.Rows[1].Result
	if !a.Discount.Equal(b.Discount) || !a.DiscountPercent.Equal(b.DiscountPercent) || !b.CustomerPrice.Equal(usd("1000.00")) {
		t.Errorf("discount resell %s (%s), cppo %s (%s); want equal", a.Discount, a.DiscountPercent, b.Discount, b.DiscountPercent)
	}
	if c.Rows[1].VsFirst.Equal(usd("0")) {
		t.Errorf("cppo vendor net %s equals resell's; the fee should lower it", b.VendorNet)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		terms string
		paths []string
	}{
		{"missing fields", `{"currency":"USD","models":[{"id":"m","motion":"resell","parties":[
			{"id":"r","role":"reseller"},{"id":"f","role":"referral"},{"id":"o","role":"oem"},{"id":"g","role":"gsi"},{"id":"a","role":"alliance"}]}]}`,
			[]string{"models[m].parties[r].margin", "models[m].parties[f].fee", "models[m].parties[o].royalty", "models[m].parties[g].sourced_fee", "models[m].parties[a].tiers"}},
		{"fields a role does not use", `{"currency":"USD","models":[{"id":"m","motion":"resell","parties":[
			{"id":"r","role":"reseller","margin":"20","fee":"3","cap":"10.00"}]}]}`,
			[]string{"models[m].parties[r].fee", "models[m].parties[r].cap"}},
		{"bad values", `{"currency":"USD","rounding":{"places":3},"models":[{"id":"m","motion":"","parties":[
			{"id":"r","role":"reseller","margin":"120"},{"id":"r","role":"reseller","margin":"1"},
			{"id":"x","role":"partner"},{"id":"f","role":"referral","fee":"5","basis":"acv","years":-1,"cap":{"amount":"1","currency":"EUR"}},
			{"id":"a","role":"alliance","tiers":[{"from":"100","percent":"5"},{"from":"100","percent":"-1"}],"tiering":"steps"},
			{"id":"mp","role":"marketplace","fee":"3"},{"id":"mp2","role":"marketplace","fee":"3"}]},
			{"id":"m","motion":"resell"}]}`,
			[]string{"rounding.places", "models[m].motion", "models[m].parties[r].margin", "models[m].parties[r].id", "models[m].parties[x].role",
				"models[m].parties[f].basis", "models[m].parties[f].years", "models[m].parties[f].cap",
				"models[m].parties[a].tiering", "models[m].parties[a].tiers[1].from", "models[m].parties[a].tiers[1].percent",
				"models[m].parties[mp2].role", "models[m].id"}},
		{"no currency, no models", `{"currency":"XXQ","models":[]}`, []string{"currency", "models"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			terms, err := deal.ParseTerms([]byte(tt.terms))
			if err != nil {
				t.Fatal(err)
			}
			_, err = deal.Compile(terms)
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("Compile = %v, want ErrInvalid", err)
			}
			var got []string
			for _, v := range partnerops.ValidationErrors(err) {
				got = append(got, v.Path)
			}
			if diff := cmp.Diff(tt.paths, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
			if n := strings.Count(err.Error(), "deal: "); n != 1 {
				t.Errorf("error has %d package prefixes: %v", n, err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	_, err := deal.ParseTerms([]byte(`{"currency":"USD","models":[{"id":"m","motion":"resell","slots":[],"parties":[{"id":"r","role":"reseller","margin":20}]}]}`))
	var got []string
	for _, v := range partnerops.ValidationErrors(err) {
		got = append(got, v.Path+": "+v.Rule)
	}
	want := []string{
		`models[m].slots: unknown field; did you mean "parties"?`,
	}
	if len(got) != 2 || got[0] != want[0] || !strings.HasPrefix(got[1], "models[m].parties[r].margin: ") {
		t.Errorf("ParseTerms errors = %q", got)
	}
	if !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("a bare-number percent should wrap ErrSyntax: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	terms, err := deal.ParseTerms([]byte(`{"currency":"USD","models":[{"id":"m","motion":"direct","parties":[{"id":"r","role":"reseller","margin":"0.2"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	e, err := deal.Compile(terms)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range e.Warnings() {
		got = append(got, w.Path)
	}
	if diff := cmp.Diff([]string{"models[m].motion", "models[m].parties[r].margin"}, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestEvaluateErrors(t *testing.T) {
	e := mustEngine()
	tests := []struct {
		name string
		deal string
		is   error
		path string
	}{
		{"unknown model", `{"model":"nope","price":"1.00"}`, deal.ErrUnknownModel, ""},
		{"unknown slot", `{"model":"resell","price":"1.00","parties":[{"slot":"distributor"}]}`, deal.ErrUnknownSlot, "parties[0].slot"},
		{"two resellers", `{"model":"resell","price":"1.00","parties":[{"slot":"reseller"},{"slot":"reseller"}]}`, deal.ErrTooManyParties, "parties[1].slot"},
		{"other currency", `{"model":"resell","price":{"amount":"1.00","currency":"EUR"}}`, partnerops.ErrCurrencyMismatch, "price"},
		{"sub-cent price", `{"model":"resell","price":"1.001"}`, partnerops.ErrInvalid, "price"},
		{"negative price", `{"model":"resell","price":"-1.00"}`, partnerops.ErrInvalid, "price"},
		{"annual does not sum", `{"model":"resell","price":"10.00","term_months":24,"annual":["4.00","5.00"]}`, partnerops.ErrInvalid, "annual"},
		{"bad term", `{"model":"resell","price":"10.00","term_months":-3}`, partnerops.ErrInvalid, "term_months"},
		{"mixed gsi attribution", `{"model":"gsi","price":"10.00","parties":[{"slot":"si","attribution":"sourced"},{"slot":"si"}]}`, partnerops.ErrInvalid, "parties[1].attribution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Evaluate(mustDeal(tt.deal))
			if !errors.Is(err, tt.is) {
				t.Fatalf("Evaluate = %v, want %v", err, tt.is)
			}
			if tt.path != "" {
				vs := partnerops.ValidationErrors(err)
				if len(vs) == 0 || vs[0].Path != tt.path {
					t.Errorf("Evaluate = %v, want path %s", err, tt.path)
				}
			}
			if n := strings.Count(err.Error(), "deal: "); n != 1 {
				t.Errorf("error has %d package prefixes: %v", n, err)
			}
		})
	}
}

func TestResultRoundTrip(t *testing.T) {
	e := mustEngine()
	c, err := e.Compare(mustDeal(`{"id":"D","list":"130000.00","term_months":30,"price":"100000.00","units":"10","private_offer":true,
	  "parties":[{"slot":"reseller","partner":"r"},{"slot":"distributor","partner":"d"},{"slot":"referrer","partner":"x","weight":"2"},
	  {"slot":"referrer","partner":"y"},{"slot":"si","partner":"s","services":"500.00"},{"slot":"isv","partner":"i"},{"slot":"oem","partner":"o"}]}`),
		e.Models()...)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, c)
	for _, row := range c.Rows {
		roundTrip(t, row.Result)
	}
}

func roundTrip[T interface {
	Text() string
	Markdown() string
}](t *testing.T, v T) {
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
		t.Errorf("decode(encode(r)) (-want +got):\n%s\n%s", diff, b)
	}
	if v.Text() != got.Text() || v.Markdown() != got.Markdown() {
		t.Errorf("round-tripped result renders differently:\n%s\n%s", v.Text(), got.Text())
	}
	if strings.Contains(string(b), `"Slot"`) {
		t.Errorf("JSON keys must be snake_case: %s", b)
	}
}

// An engine is safe for concurrent use (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	e := mustEngine()
	d := mustDeal(`{"model":"referral","term_months":36,"price":"400000.00","parties":[{"slot":"referrer","partner":"a"},{"slot":"referrer","partner":"b"}]}`)
	want, err := e.Evaluate(d)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 8)
	for range 8 {
		go func() {
			var bad string
			for range 200 {
				r, err := e.Evaluate(d)
				if err != nil || r.Text() != want.Text() {
					bad = fmt.Sprint(err)
				}
			}
			done <- bad
		}()
	}
	for range 8 {
		if bad := <-done; bad != "" {
			t.Errorf("concurrent Evaluate differed: %s", bad)
		}
	}
}
