package routing_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

func TestFilters(t *testing.T) {
	pl := mustPool(t, defJSON, partners())
	res := must(pl.Route(lead(), routing.Options{Trace: true}))
	want := []routing.Skip{
		{Filter: "region", Kind: "region", Count: 1, Partners: []partnerops.PartnerID{"g"}},
		{Filter: "resellers", Kind: "type", Count: 1, Partners: []partnerops.PartnerID{"h"}},
		{Filter: "silver-plus", Kind: "tier", Count: 1, Partners: []partnerops.PartnerID{"i"}},
		{Filter: "motion", Kind: "motion", Count: 1, Partners: []partnerops.PartnerID{"j"}},
		{Filter: "security", Kind: "certification", Count: 1, Partners: []partnerops.PartnerID{"k"}},
		{Filter: "needs", Kind: "requirements", Count: 0},
		{Filter: "capacity", Kind: "capacity", Count: 1, Partners: []partnerops.PartnerID{"l"}},
		{Filter: "paused", Kind: "paused", Count: 1, Partners: []partnerops.PartnerID{"m"}},
		{Filter: "conflicts", Kind: "conflicts", Count: 1, Partners: []partnerops.PartnerID{"n"}},
	}
	if diff := cmp.Diff(want, res.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if res.Eligible != 6 || res.Partners != 14 {
		t.Errorf("eligible %d of %d, want 6 of 14", res.Eligible, res.Partners)
	}
	// Each skipped partner's explanation names the filter that skipped it.
	for _, s := range want {
		for _, id := range s.Partners {
			el := must(pl.Explain(lead(), id))
			if el.Eligible {
				t.Errorf("Explain(%s) says eligible", id)
			}
			for _, c := range el.Checks {
				if !c.Passed && c.Filter != s.Filter {
					t.Errorf("Explain(%s): %s failed too (%s), want only %s", id, c.Filter, c.Detail, s.Filter)
				}
			}
		}
	}
}

func TestFilterDetails(t *testing.T) {
	pl := mustPool(t, defJSON, partners())
	l := lead()
	l.Requirements = []routing.Requirement{{Name: "security", Min: 3}}
	l.Exclude = []partnerops.PartnerID{"b"}
	res := must(pl.Route(l, routing.Options{}))
	if diff := cmp.Diff([]routing.Skip{
		{Filter: "region", Kind: "region", Count: 1}, {Filter: "resellers", Kind: "type", Count: 1},
		{Filter: "silver-plus", Kind: "tier", Count: 1}, {Filter: "motion", Kind: "motion", Count: 1},
		{Filter: "security", Kind: "certification", Count: 1}, {Filter: "needs", Kind: "requirements", Count: 9},
		{Filter: "capacity", Kind: "capacity", Count: 0}, {Filter: "paused", Kind: "paused", Count: 0},
		{Filter: "conflicts", Kind: "conflicts", Count: 0},
	}, res.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	el := must(pl.Explain(l, "b"))
	var got []string
	for _, c := range el.Checks {
		got = append(got, c.Filter+"="+map[bool]string{true: "ok", false: "FAIL"}[c.Passed]+": "+c.Detail)
	}
	want := []string{
		"region=ok: covers region emea", "resellers=ok: type reseller", "silver-plus=ok: tier gold, at least silver",
		"motion=ok: runs motion resell", "security=ok: security 2, at least 1", "needs=FAIL: security 2, fewer than 3",
		"capacity=ok: 2 of 10 open leads", "paused=ok: not paused", "conflicts=FAIL: excluded by the lead (conflict of interest)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain (-want +got):\n%s", diff)
	}
	n := must(pl.Explain(lead(), "n"))
	if c := n.Checks[8]; c.Passed || c.Detail != "conflict of interest with the account acme.com" {
		t.Errorf("conflict check: %+v", c)
	}
	// A lead with no region or motion passes those filters.
	res = must(pl.Route(routing.Lead{}, routing.Options{}))
	if res.Skipped[0].Count != 0 || res.Skipped[3].Count != 0 {
		t.Errorf("empty lead: %+v", res.Skipped)
	}
	// An unknown region drops everyone.
	res = must(pl.Route(routing.Lead{Region: "apac"}, routing.Options{}))
	if res.Eligible != 0 || len(res.Candidates) != 0 {
		t.Errorf("unknown region: %s", res.Text())
	}
}

func TestBestFit(t *testing.T) {
	pl := mustPool(t, defJSON, partners())
	res := must(pl.Route(lead(), routing.Options{}))
	// Scores: (3*fit/100 + 2*win/100 + 1*(48-h)/48) / 6 * 100.
	// a: (2.7 + 0.6 + 0.916667)/6 = 70.2778; c: (2.4 + .8 + .958333)/6 = 69.3056;
	// e: (2.55 + .7 + .875)/6 = 68.75; b: (2.1 + 1 + .75)/6 = 64.1667.
	if diff := cmp.Diff([]string{"a", "c", "e"}, ranked(res)); diff != "" {
		t.Fatalf("(-want +got):\n%s\n%s", diff, res.Text())
	}
	a := res.Candidates[0]
	if a.Score.String() != "70.277778" || a.Reason != "best fit: score 70.277778" {
		t.Errorf("a: score %s, reason %q", a.Score, a.Reason)
	}
	wantF := []routing.Contribution{
		{Factor: "fit", Value: "90", Normalized: partnerops.MustDecimal("0.9"), Weight: partnerops.MustDecimal("3")},
		{Factor: "win", Value: "30%", Normalized: partnerops.MustDecimal("0.3"), Weight: partnerops.MustDecimal("2")},
		{Factor: "speed", Value: "4h", Normalized: partnerops.MustDecimal("0.916667"), Weight: partnerops.MustDecimal("1")},
	}
	if diff := cmp.Diff(wantF, a.Factors); diff != "" {
		t.Errorf("factors (-want +got):\n%s", diff)
	}
	if len(a.Eligible) != 9 || a.Eligible[6] != "capacity: 2 of 10 open leads" {
		t.Errorf("eligible: %q", a.Eligible)
	}
}

func TestStrategies(t *testing.T) {
	base := `{"filters":[{"id":"region","kind":"region"},{"id":"paused","kind":"paused"}],"offers":3,"default_capacity":10,`
	ps := []routing.Partner{
		{ID: "p1", Regions: []partnerops.Region{"emea"}, OpenLeads: 5, FitScore: dec("10")},
		{ID: "p2", Regions: []partnerops.Region{"emea"}, OpenLeads: 1, Capacity: 2, FitScore: dec("90")},
		{ID: "p3", Regions: []partnerops.Region{"emea"}, OpenLeads: 2, FitScore: dec("50"),
			Accounts: []partnerops.AccountKey{partnerops.NewAccountKey("acme.com", "Acme")}},
		{ID: "p4", Regions: []partnerops.Region{"emea"}, OpenLeads: 0, Paused: true, FitScore: dec("100")},
		{ID: "p5", Regions: []partnerops.Region{"emea"}, OpenLeads: 9, Capacity: 30, FitScore: dec("70")},
		{ID: "p6", Regions: []partnerops.Region{"us"}, FitScore: dec("100")},
	}
	l := routing.Lead{Region: "emea", Account: partnerops.NewAccountKey("acme.com", "")}
	tests := []struct {
		name     string
		strategy string
		opts     routing.Options
		lead     routing.Lead
		want     []string
		cursor   partnerops.PartnerID
	}{
		{"best fit", `{"kind":"best_fit","factors":[{"id":"fit","source":"fit_score","weight":"1"}]}`, routing.Options{}, l,
			[]string{"p2", "p5", "p3"}, ""},
		{"load balanced", `{"kind":"load_balanced"}`, routing.Options{}, l,
			[]string{"p3", "p5", "p2"}, ""}, // 2/10=20%, 9/30=30%, then 1/2 and 5/10 tie at 50%: fewer open leads first
		{"round robin from start", `{"kind":"round_robin"}`, routing.Options{}, l, []string{"p1", "p2", "p3"}, "p1"},
		{"round robin after p2", `{"kind":"round_robin"}`, routing.Options{Cursor: "p2"}, l, []string{"p3", "p5", "p1"}, "p3"},
		{"round robin wraps", `{"kind":"round_robin"}`, routing.Options{Cursor: "p5"}, l, []string{"p1", "p2", "p3"}, "p1"},
		{"round robin, cursor gone", `{"kind":"round_robin"}`, routing.Options{Cursor: "p25"}, l, []string{"p3", "p5", "p1"}, "p3"},
		{"sticky", `{"kind":"sticky"` + `,"factors":[{"id":"fit","source":"fit_score","weight":"1"}]}`, routing.Options{}, l,
			[]string{"p3", "p2", "p5"}, ""},
		{"sticky by owner", `{"kind":"sticky","then":"round_robin"}`, routing.Options{Cursor: "p1"},
			routing.Lead{Region: "emea", Owner: "p5"}, []string{"p5", "p2", "p3"}, "p2"},
		{"sticky holder skipped", `{"kind":"sticky","then":"load_balanced"}`, routing.Options{}, routing.Lead{Region: "emea", Owner: "p4"},
			[]string{"p3", "p5", "p2"}, ""},
		{"re-route skips the offered", `{"kind":"best_fit","factors":[{"id":"fit","source":"fit_score","weight":"1"}]}`,
			routing.Options{Offered: []partnerops.PartnerID{"p2", "p5"}}, l, []string{"p3", "p1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := mustPool(t, base+`"strategy":`+tt.strategy+`}`, ps)
			res := must(pl.Route(tt.lead, tt.opts))
			if diff := cmp.Diff(tt.want, ranked(res)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, res.Text())
			}
			if res.Cursor != tt.cursor {
				t.Errorf("cursor = %q, want %q", res.Cursor, tt.cursor)
			}
		})
	}
}

func TestStickyNotes(t *testing.T) {
	pl := mustPool(t, `{"filters":[{"id":"paused","kind":"paused"}],"strategy":{"kind":"sticky","then":"round_robin"}}`, []routing.Partner{
		{ID: "a", Paused: true, Accounts: []partnerops.AccountKey{{Domain: "acme.com"}}}, {ID: "b"},
	})
	res := must(pl.Route(routing.Lead{Account: partnerops.AccountKey{Domain: "acme.com"}}, routing.Options{}))
	want := []string{"sticky: a holds the account acme.com, but skipped (paused: paused); ranked by round_robin"}
	if diff := cmp.Diff(want, res.Notes); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	res = must(pl.Route(routing.Lead{Account: partnerops.AccountKey{Domain: "other.com"}}, routing.Options{}))
	if diff := cmp.Diff([]string{"sticky: no partner holds the account; ranked by round_robin"}, res.Notes); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestWeightedRandom(t *testing.T) {
	ps := []routing.Partner{{ID: "a", FitScore: dec("90")}, {ID: "b", FitScore: dec("10")}, {ID: "c", FitScore: dec("0")}}
	pl := mustPool(t, `{"filters":[],"offers":1,"strategy":{"kind":"weighted_random","factors":[{"id":"f","source":"fit_score","weight":"1"}]}}`, ps)
	if _, err := pl.Route(routing.Lead{}, routing.Options{}); !errors.Is(err, routing.ErrNoRand) {
		t.Fatalf("err = %v, want ErrNoRand", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	counts := map[string]int{}
	for range 10000 {
		res := must(pl.Route(routing.Lead{}, routing.Options{Rand: rng}))
		counts[ranked(res)[0]]++
	}
	// Weights 90, 10 and a tiny epsilon for c.
	if counts["a"] < 8700 || counts["a"] > 9300 || counts["b"] < 800 || counts["b"] > 1200 || counts["c"] > 5 {
		t.Errorf("draws %v, want about 9000/1000/0", counts)
	}
	// Without factors, equal weights; all three drawn once each.
	eq := mustPool(t, `{"filters":[],"offers":3,"strategy":{"kind":"weighted_random"}}`, ps)
	res := must(eq.Route(routing.Lead{}, routing.Options{Rand: rand.New(rand.NewPCG(3, 4))}))
	got := ranked(res)
	if len(got) != 3 || got[0] == got[1] || got[1] == got[2] || got[0] == got[2] {
		t.Errorf("drawn %v, want three distinct", got)
	}
	if !strings.HasPrefix(res.Candidates[0].Reason, "weighted random: draw 1, weight 33.33% of the remaining") {
		t.Errorf("reason %q", res.Candidates[0].Reason)
	}
}

func TestUpdate(t *testing.T) {
	pl := mustPool(t, `{"filters":[{"id":"c","kind":"capacity"},{"id":"p","kind":"paused"}],"strategy":{"kind":"load_balanced"},"offers":5}`,
		[]routing.Partner{{ID: "a", Capacity: 4, OpenLeads: 1}, {ID: "b", Capacity: 4, OpenLeads: 2}, {ID: "c", Capacity: 4}})
	next := must(pl.Update(routing.Load{Partner: "c", OpenLeads: 4}, routing.Load{Partner: "a", OpenLeads: 3, Capacity: 10},
		routing.Load{Partner: "b", OpenLeads: 0, Paused: true}))
	if diff := cmp.Diff([]string{"c", "a", "b"}, ranked(must(pl.Route(routing.Lead{}, routing.Options{})))); diff != "" {
		t.Errorf("old pool changed (-want +got):\n%s", diff)
	}
	res := must(next.Route(routing.Lead{}, routing.Options{}))
	if diff := cmp.Diff([]string{"a"}, ranked(res)); diff != "" {
		t.Errorf("updated pool (-want +got):\n%s\n%s", diff, res.Text())
	}
	if res.Candidates[0].Capacity != 10 || res.Candidates[0].OpenLeads != 3 {
		t.Errorf("a's load: %+v", res.Candidates[0])
	}
	if _, err := pl.Update(routing.Load{Partner: "zz"}); !errors.Is(err, routing.ErrUnknownPartner) {
		t.Errorf("err = %v", err)
	}
}

func TestRouteErrors(t *testing.T) {
	pl := mustPool(t, defJSON, partners())
	_, err := pl.Route(routing.Lead{Owner: "zz", Requirements: []routing.Requirement{{Min: -1}}}, routing.Options{})
	if !errors.Is(err, routing.ErrUnknownPartner) || !errors.Is(err, partnerops.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"requirements[0].name", "requirements[0].min", "owner"}, paths); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := pl.Explain(lead(), "zz"); !errors.Is(err, routing.ErrUnknownPartner) {
		t.Errorf("Explain: err = %v", err)
	}
	e := pl.Engine()
	_, err = e.Pool([]routing.Partner{{ID: "a", Tier: "diamond", Capacity: -1, OpenLeads: -2, Certifications: map[string]int{"x": -1}}, {ID: "a"}, {}})
	paths = nil
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	want := []string{"partners[a].tier", "partners[a].capacity", "partners[a].open_leads", "partners[a].certifications[x]", "partners[a].id", "partners[2].id"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrUnknownTier) || strings.Count(err.Error(), "routing: ") != 1 {
		t.Errorf("err = %v", err)
	}
}

func TestCompile(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		wantErr   []string
		wantWarns []string
	}{
		{"example", defJSON, nil, nil},
		{"bad", `{"offers":-1,"default_capacity":-1,"filters":[{"kind":"type"},{"id":"t","kind":"tier","min_tier":"gold","types":["x"]},
		  {"id":"t","kind":"zone"},{"id":"c","kind":"certification","min":-1,"name":""},{"id":"r","kind":"region","name":"x","min":2}],
		  "strategy":{"kind":"best_fit","then":"round_robin"}}`,
			[]string{"offers", "default_capacity", "filters[0].id", "filters[0].types", "filters[t].types", "tiers",
				"filters[t].id", "filters[t].kind", "filters[c].name", "filters[c].min", "filters[r].name", "filters[r].min",
				"strategy.then", "strategy.factors"}, nil},
		{"factors", `{"tiers":["a"],"filters":[],"strategy":{"kind":"best_fit","factors":[{"source":"custom","weight":"0"},
		  {"id":"x","source":"fit","weight":"1"},{"id":"t","source":"tier","weight":"1","best":"1"},{"id":"w","source":"win_rate","weight":"1","name":"n","best":"5","worst":"5"}]}}`,
			[]string{"strategy.factors[0].id", "strategy.factors[0].name", "strategy.factors[0].weight", "strategy.factors[x].source",
				"strategy.factors[t]", "strategy.factors[w].name", "strategy.factors[w].best"}, nil},
		{"unknown min tier", `{"tiers":["a","b"],"filters":[{"id":"t","kind":"tier","min_tier":"c"}],"strategy":{"kind":"round_robin"}}`,
			[]string{"filters[t].min_tier"}, nil},
		{"sticky then sticky", `{"filters":[],"strategy":{"kind":"sticky","then":"sticky"}}`, []string{"strategy.then"}, nil},
		{"factors not used", `{"filters":[],"strategy":{"kind":"round_robin","factors":[{"id":"f","source":"fit_score","weight":"1"}]}}`,
			[]string{"strategy.factors"}, nil},
		{"warnings", `{"tiers":["a","b"],"filters":[{"id":"t","kind":"tier","min_tier":"a"},{"id":"r","kind":"region"},{"id":"r2","kind":"region"}],"strategy":{"kind":"round_robin"}}`,
			nil, []string{"filters[t].min_tier", "filters[r2]", "filters", "filters", "filters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := routing.ParseDefinition([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			e, err := routing.Compile(d)
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

// A requirement of zero is met by a partner without any certification
// (Route once dropped it while Explain passed it; found by
// TestPropertyRouting).
func TestRequirementOfZero(t *testing.T) {
	pl := mustPool(t, `{"filters":[{"id":"needs","kind":"requirements"}],"strategy":{"kind":"round_robin"}}`, []routing.Partner{{ID: "a"}})
	l := routing.Lead{Requirements: []routing.Requirement{{Name: "security", Min: 0}}}
	res := must(pl.Route(l, routing.Options{}))
	el := must(pl.Explain(l, "a"))
	if res.Eligible != 1 || !el.Eligible {
		t.Errorf("eligible: Route %d, Explain %v", res.Eligible, el.Eligible)
	}
}
