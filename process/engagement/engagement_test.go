package engagement_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/engagement"
)

// outcome reduces a decision to who decided, what each step did and the
// credits.
func outcome(d engagement.Decision) []string {
	out := []string{d.DecidedBy}
	for _, s := range d.Steps {
		out = append(out, s.Policy+"="+string(s.Result)+":"+strings.Join(s.After, ","))
	}
	for _, c := range d.Credits {
		out = append(out, c.Claimant+" "+c.Share.String()+" "+c.Amount.String())
	}
	return out
}

func TestPolicies(t *testing.T) {
	h := time.Hour
	gold := func(c engagement.Claim, tier string, certs int) engagement.Claim {
		c.Tier, c.Certifications = partnerops.Tier(tier), certs
		return c
	}
	src := func(c engagement.Claim) engagement.Claim { c.Attribution = partnerops.AttributionSourced; return c }
	inc := func(c engagement.Claim) engagement.Claim { c.Incumbent = true; return c }
	direct := engagement.Claim{Direct: true, Registered: t0.Add(-h)}
	tests := []struct {
		name   string
		policy string
		value  string
		claims []engagement.Claim
		want   []string
	}{
		{"first to register", `{"id":"p","kind":"first_to_register"}`, "1000.00",
			[]engagement.Claim{partner("a", 2*h), partner("b", h), partner("c", -1)},
			[]string{"p", "p=decided:b", "b 100.00% 1000.00 USD"}},
		{"first to register within", `{"id":"p","kind":"first_to_register","within":"24h"}`, "1000.00",
			[]engagement.Claim{partner("a", 2*h), partner("b", h), partner("c", 30*h)},
			[]string{"", "p=narrowed:a,b"}},
		{"first to register, nobody registered", `{"id":"p","kind":"first_to_register"}`, "",
			[]engagement.Claim{partner("a", -1), partner("b", -1)},
			[]string{"", "p=not_applicable:a,b"}},
		{"incumbent", `{"id":"p","kind":"incumbent"}`, "10.00",
			[]engagement.Claim{partner("a", 0), inc(partner("b", h))},
			[]string{"p", "p=decided:b", "b 100.00% 10.00 USD"}},
		{"incumbent, nobody", `{"id":"p","kind":"incumbent"}`, "",
			[]engagement.Claim{partner("a", 0), partner("b", h)},
			[]string{"", "p=not_applicable:a,b"}},
		{"incumbents tie", `{"id":"p","kind":"incumbent"}`, "",
			[]engagement.Claim{inc(partner("a", 0)), inc(partner("b", h))},
			[]string{"", "p=tie:a,b"}},
		{"higher tier", `{"id":"p","kind":"higher_tier"}`, "",
			[]engagement.Claim{gold(partner("a", 0), "silver", 0), gold(partner("b", 0), "gold", 0), partner("c", 0)},
			[]string{"p", "p=decided:b", "b 100.00% 0"}},
		{"higher tier keeps direct", `{"id":"p","kind":"higher_tier"}`, "",
			[]engagement.Claim{gold(partner("a", 0), "silver", 0), gold(partner("b", 0), "gold", 0), direct},
			[]string{"", "p=narrowed:b,direct"}},
		{"higher tier, one partner", `{"id":"p","kind":"higher_tier"}`, "",
			[]engagement.Claim{gold(partner("a", 0), "silver", 0), direct},
			[]string{"", "p=not_applicable:a,direct"}},
		{"certified", `{"id":"p","kind":"certified","min":2}`, "",
			[]engagement.Claim{gold(partner("a", 0), "", 1), gold(partner("b", 0), "", 3)},
			[]string{"p", "p=decided:b", "b 100.00% 0"}},
		{"certified default min", `{"id":"p","kind":"certified"}`, "",
			[]engagement.Claim{gold(partner("a", 0), "", 1), gold(partner("b", 0), "", 3)},
			[]string{"", "p=tie:a,b"}},
		{"certified, nobody", `{"id":"p","kind":"certified","min":5}`, "",
			[]engagement.Claim{gold(partner("a", 0), "", 1), gold(partner("b", 0), "", 3)},
			[]string{"", "p=not_applicable:a,b"}},
		{"direct defers above", `{"id":"p","kind":"direct_defers","min_deal":"50000.00"}`, "50000.00",
			[]engagement.Claim{direct, partner("a", 0)},
			[]string{"p", "p=decided:a", "a 100.00% 50000.00 USD"}},
		{"direct wins below", `{"id":"p","kind":"direct_defers","min_deal":"50000.00","direct_wins_below":true}`, "49999.99",
			[]engagement.Claim{direct, partner("a", 0)},
			[]string{"p", "p=decided:direct", "direct 100.00% 49999.99 USD"}},
		{"direct keeps its claim below", `{"id":"p","kind":"direct_defers","min_deal":"50000.00"}`, "100.00",
			[]engagement.Claim{direct, partner("a", 0)},
			[]string{"", "p=tie:direct,a"}},
		{"direct defers only to registered partners", `{"id":"p","kind":"direct_defers","min_deal":"50000.00"}`, "90000.00",
			[]engagement.Claim{direct, partner("a", -1)},
			[]string{"", "p=not_applicable:direct,a"}},
		{"direct defers, no value", `{"id":"p","kind":"direct_defers","min_deal":"50000.00"}`, "",
			[]engagement.Claim{direct, partner("a", 0)},
			[]string{"", "p=not_applicable:direct,a"}},
		{"sourced beats influenced", `{"id":"p","kind":"sourced_over_influenced"}`, "",
			[]engagement.Claim{partner("a", 0), src(partner("b", 0)), src(partner("c", 0))},
			[]string{"", "p=narrowed:b,c"}},
		{"sourced, nobody", `{"id":"p","kind":"sourced_over_influenced"}`, "",
			[]engagement.Claim{partner("a", 0), partner("b", 0)},
			[]string{"", "p=not_applicable:a,b"}},
		{"equal split", `{"id":"p","kind":"split"}`, "100.00",
			[]engagement.Claim{partner("a", 0), partner("b", 0), partner("c", 0)},
			[]string{"p", "p=decided:a,b,c", "a 33.34% 33.34 USD", "b 33.33% 33.33 USD", "c 33.33% 33.33 USD"}},
		{"weighted split", `{"id":"p","kind":"split","weights":{"sourced":"60","influenced":"40","direct":"1"}}`, "1000.00",
			[]engagement.Claim{partner("a", 0), src(partner("b", 0))},
			[]string{"p", "p=decided:a,b", "a 40.00% 400.00 USD", "b 60.00% 600.00 USD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustEngine(t, `{"currency":"USD","tiers":["silver","gold"],"policies":[`+tt.policy+`]}`)
			c := engagement.Case{ID: "C", Claims: tt.claims}
			if tt.value != "" {
				c.Value = usd(tt.value)
			}
			d, err := e.Decide(c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, outcome(d)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, d.Text())
			}
			if d.Decided != (d.DecidedBy != "") {
				t.Errorf("Decided %v but DecidedBy %q", d.Decided, d.DecidedBy)
			}
		})
	}
}

func TestDecideInOrder(t *testing.T) {
	e := mustEngine(t, rulesJSON)
	c := engagement.Case{ID: "C-7", Value: usd("120000.00"), Claims: []engagement.Claim{
		{Direct: true, Registered: t0.Add(-48 * time.Hour), Registration: "O-9"},
		{Partner: "northwind", Registered: t0, Tier: "gold", Certifications: 3, Attribution: partnerops.AttributionSourced},
		{Partner: "contoso", Registered: t0.Add(5 * time.Hour), Tier: "gold", Certifications: 4},
		{Partner: "fabrikam", Registered: t0.Add(72 * time.Hour), Tier: "platinum"},
	}}
	d, err := e.Decide(c)
	if err != nil {
		t.Fatal(err)
	}
	want := engagement.Decision{
		Case: "C-7", Rules: "roe-2026", Claimants: []string{"direct", "northwind", "contoso", "fabrikam"},
		Steps: []engagement.Step{
			{Policy: "incumbent", Kind: "incumbent", Result: "not_applicable", Before: []string{"direct", "northwind", "contoso", "fabrikam"},
				After: []string{"direct", "northwind", "contoso", "fabrikam"}, Reason: "no claimant is the incumbent"},
			{Policy: "big-deals", Kind: "direct_defers", Result: "narrowed", Before: []string{"direct", "northwind", "contoso", "fabrikam"},
				After:  []string{"northwind", "contoso", "fabrikam"},
				Reason: "deal value 120000.00 USD is at least 50000.00 USD: direct sales defer to northwind, contoso, fabrikam"},
			{Policy: "first", Kind: "first_to_register", Result: "narrowed", Before: []string{"northwind", "contoso", "fabrikam"},
				After:  []string{"northwind", "contoso"},
				Reason: "registered within 24h0m0s of the first (2026-03-02T09:00:00Z): northwind, contoso; fabrikam 72h0m0s later"},
			{Policy: "tier", Kind: "higher_tier", Result: "tie", Before: []string{"northwind", "contoso"}, After: []string{"northwind", "contoso"},
				Reason: "highest tier gold: northwind, contoso"},
			{Policy: "certified", Kind: "certified", Result: "tie", Before: []string{"northwind", "contoso"}, After: []string{"northwind", "contoso"},
				Reason: "at least 2 certifications: northwind, contoso"},
			{Policy: "sourced", Kind: "sourced_over_influenced", Result: "decided", Before: []string{"northwind", "contoso"}, After: []string{"northwind"},
				Reason: "sourced: northwind; influenced: contoso"},
		},
		Decided: true, DecidedBy: "sourced",
		Credits: []engagement.Credit{{Claimant: "northwind", Partner: "northwind", Weight: partnerops.DecimalFromInt(1),
			Share: partnerops.MustPercent("100.00"), Amount: usd("120000.00")}},
		Reason: "sourced: sourced: northwind; influenced: contoso",
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestUndecidedAndUncontested(t *testing.T) {
	e := mustEngine(t, `{"policies":[{"id":"inc","kind":"incumbent"}]}`)
	d, err := e.Decide(engagement.Case{Claims: []engagement.Claim{partner("a", 0), partner("b", 0)}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Decided || len(d.Credits) != 0 || d.Reason != "no policy decided between a, b: decide by hand" {
		t.Errorf("undecided case: %s", d.Text())
	}
	d, err = e.Decide(engagement.Case{Value: usd("10.00"), Claims: []engagement.Claim{partner("a", 0)}})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Decided || d.DecidedBy != "" || len(d.Steps) != 0 || d.Credits[0].Amount.String() != "10.00 USD" {
		t.Errorf("uncontested case: %s", d.Text())
	}
}

func TestDecideErrors(t *testing.T) {
	e := mustEngine(t, rulesJSON)
	if _, err := e.Decide(engagement.Case{ID: "C"}); !errors.Is(err, engagement.ErrNoClaims) {
		t.Errorf("no claims: err = %v", err)
	}
	_, err := e.Decide(engagement.Case{ID: "C", Value: partnerops.MustMoney("10.001", "USD"), Claims: []engagement.Claim{
		{Partner: "a", Direct: true}, {}, {Partner: "direct"}, {Partner: "b", Tier: "diamond", Attribution: "led", Certifications: -1},
		{Partner: "b"},
	}})
	if !errors.Is(err, partnerops.ErrInvalid) || !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Fatalf("err = %v, want ErrInvalid and ErrUnknownTier", err)
	}
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	want := []string{"claims[a].direct", "claims[1].partner", "claims[direct].partner", "claims[direct]",
		"claims[b].tier", "claims[b].attribution", "claims[b].certifications", "claims[b]", "value"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	if n := strings.Count(err.Error(), "engagement: "); n != 1 {
		t.Errorf("%d prefixes: %v", n, err)
	}
	if _, err := e.Decide(engagement.Case{Value: partnerops.MustMoney("10", "EUR"), Claims: []engagement.Claim{partner("a", 0)}}); !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("currency: err = %v", err)
	}
	z := mustEngine(t, `{"policies":[{"id":"s","kind":"split","weights":{"sourced":"0","influenced":"1"}}]}`)
	src := engagement.Claim{Partner: "a", Attribution: partnerops.AttributionSourced}
	src2 := engagement.Claim{Partner: "b", Attribution: partnerops.AttributionSourced}
	if _, err := z.Decide(engagement.Case{Claims: []engagement.Claim{src, src2}}); !errors.Is(err, partnerops.ErrDivisionByZero) {
		t.Errorf("zero weights: err = %v", err)
	}
}

func TestCompile(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		wantErr   []string
		wantWarns []string
	}{
		{"example", rulesJSON, nil, nil},
		{"no policies", `{"policies":[]}`, []string{"policies"}, nil},
		{"bad", `{"currency":"XYZ","policies":[{"kind":"first_to_register","within":"-1h","min":2},{"id":"a","kind":"winner"},
		  {"id":"a","kind":"higher_tier"},{"id":"c","kind":"certified","min":-1,"weights":{}},{"id":"d","kind":"direct_defers","min_deal":"5"},
		  {"id":"s","kind":"split","weights":{"sourced":"-1","influenced":"0","direct":"0"}}]}`,
			[]string{"currency", "policies[0].id", "policies[0].min", "policies[0].within", "policies[a].kind", "policies[a].id", "tiers",
				"policies[c].weights", "policies[c].min", "policies[s].weights.sourced"}, nil},
		{"all zero weights", `{"policies":[{"id":"s","kind":"split","weights":{"sourced":"0","influenced":"0","direct":"0"}}]}`,
			[]string{"policies[s].weights"}, nil},
		{"direct defers needs currency", `{"policies":[{"id":"d","kind":"direct_defers","min_deal":"5"},{"id":"s","kind":"split"}]}`,
			[]string{"currency"}, nil},
		{"min deal in another currency", `{"currency":"USD","policies":[{"id":"d","kind":"direct_defers","min_deal":{"amount":"5","currency":"EUR"}},{"id":"s","kind":"split"}]}`,
			[]string{"policies[d].min_deal"}, nil},
		{"warnings", `{"currency":"USD","policies":[{"id":"i","kind":"incumbent"},{"id":"i2","kind":"incumbent"},{"id":"d","kind":"direct_defers"},
		  {"id":"s","kind":"split","weights":{"direct":"0"}},{"id":"after","kind":"certified"}]}`,
			nil, []string{"policies[i2]", "policies[d].min_deal", "policies[s].weights", "policies[after]"}},
		{"no split", `{"policies":[{"id":"i","kind":"incumbent"}]}`, nil, []string{"policies"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := engagement.ParseRules([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			e, err := engagement.Compile(r)
			var paths []string
			for _, ve := range partnerops.ValidationErrors(err) {
				paths = append(paths, ve.Path)
			}
			if diff := cmp.Diff(tt.wantErr, paths); diff != "" {
				t.Fatalf("error paths (-want +got):\n%s\n%v", diff, err)
			}
			if err != nil {
				return
			}
			var warns []string
			for _, w := range e.Warnings() {
				warns = append(warns, w.Path)
			}
			if diff := cmp.Diff(tt.wantWarns, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseStrict(t *testing.T) {
	_, err := engagement.ParseRules([]byte(`{"policies":[{"id":"p","kind":"split","weight":{"sourced":"1"}},{"id":"q","kind":"incumbent","min_deal":50}]}`))
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"policies[p].weight", "policies[q].min_deal"}, paths); diff != "" {
		t.Errorf("(-want +got):\n%s\n%v", diff, err)
	}
	if !strings.Contains(err.Error(), `did you mean "weights"`) || strings.Count(err.Error(), "engagement: ") != 1 {
		t.Errorf("err = %v", err)
	}
	c, err := engagement.ParseCase([]byte(`{"id":"C","value":"100.00","claims":[{"partner":"a","registered":"2026-03-02","tier":"gold"},{"direct":true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	e := mustEngine(t, rulesJSON)
	d, err := e.Decide(c)
	if err != nil {
		t.Fatal(err)
	}
	if d.Credits[0].Amount.String() != "100.00 USD" {
		t.Errorf("a bare case value takes the rules' currency: %s", d.Text())
	}
	_, err = engagement.ParseCase([]byte(`{"claims":[{"partner":"a","tier":1}]}`))
	if ves := partnerops.ValidationErrors(err); len(ves) != 1 || ves[0].Path != "claims[a].tier" {
		t.Errorf("err = %v", err)
	}
}

func TestSameOutcome(t *testing.T) {
	e := mustEngine(t, rulesJSON)
	c := engagement.Case{Value: usd("100.00"), Claims: []engagement.Claim{partner("a", 0), partner("b", time.Hour*48)}}
	first, _ := e.Decide(c)
	c.Claims[1].Incumbent = true // evidence on appeal
	again, _ := e.Decide(c)
	if first.SameOutcome(again) || !first.SameOutcome(first) {
		t.Errorf("SameOutcome: first %v, again %v", first.Winners(), again.Winners())
	}
	if diff := cmp.Diff([]string{"b"}, again.Winners()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
