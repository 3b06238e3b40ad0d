package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// pricingWithGold returns the sample pricing definition with the gold
// tier's discount replaced.
func pricingWithGold(t *testing.T, percent string) string {
	t.Helper()
	b, err := samples.ReadFile("samples/pricing.json")
	if err != nil {
		t.Fatal(err)
	}
	const gold = `"tier-gold", "group": "partner", "priority": 2, "when": {"tier_at_least": "gold"},
       "effect": {"kind": "percent_off_list", "percent": "20"}`
	s := strings.Replace(string(b), gold, strings.Replace(gold, `"20"`, `"`+percent+`"`, 1), 1)
	if !strings.Contains(string(b), gold) {
		t.Fatal("the sample has no gold rule to replace")
	}
	return s
}

// TestBadDefinitionRefusedWithEveryProblem uploads definitions that do not
// parse or compile: each is refused with every problem and its path, and
// the version in force stays.
func TestBadDefinitionRefusedWithEveryProblem(t *testing.T) {
	e := newEnv(t)
	dd := e.tokens["deal_desk"]
	good := pricingWithGold(t, "20")
	cases := []struct {
		name  string
		kind  string
		body  string
		paths []string // each must be among the problems' paths
	}{
		{"not JSON", "pricing", `{"books": [`, nil},
		{"unknown envelope key", "pricing", `{"books": [], "framwork": {}}`, []string{"framwork", "framework"}},
		{"two problems in two parts", "pricing",
			strings.Replace(strings.Replace(good, `"family": "storage"`, `"famly": "storage"`, 1), `"total_cap": "40"`, `"total_cap": 40`, 1),
			[]string{"books[us].entries[STO-100].famly", "framework.total_cap"}},
		{"compile error", "pricing", strings.Replace(good, `"tier_at_least": "gold"`, `"tier_at_least": "diamond"`, 1), nil},
		{"workflow with an unknown partner event", "dealreg_workflow",
			strings.Replace(notesWorkflow, `"partner_events": ["note"]`, `"partner_events": ["note", "approve"]`, 1),
			[]string{"partner_events[1]"}},
		{"workflow with an unknown protected state", "dealreg_workflow",
			strings.Replace(notesWorkflow, `"protected_states": ["open"]`, `"protected_states": ["opne"]`, 1),
			[]string{"protected_states[0]"}},
		{"fit model with a misspelt field", "fit_model", `{"attributes": [{"name": "x", "kind": "string"}], "criteria": [{"id": "c", "kind": "one_of", "attribute": "x", "wieght": "1", "values": ["a"]}]}`,
			[]string{"criteria[c].wieght"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			token := dd
			if c.kind != "pricing" {
				token = e.tokens["channel_manager"]
			}
			var eb errorBody
			e.must(http.StatusBadRequest, "POST", "/v1/definitions/"+c.kind, token, c.body, &eb)
			if len(eb.Problems) == 0 {
				t.Fatalf("refused without problems: %+v", eb)
			}
			got := map[string]bool{}
			for _, p := range eb.Problems {
				got[p.Path] = true
			}
			for _, want := range c.paths {
				if !got[want] {
					t.Errorf("no problem at %s; problems: %+v", want, eb.Problems)
				}
			}
		})
	}
	// Nothing was stored; every kind is still at version 1.
	var defs []definitionInfo
	e.must(http.StatusOK, "GET", "/v1/definitions", dd, nil, &defs)
	for _, d := range defs {
		if d.Version != 1 {
			t.Errorf("%s at version %d after refused uploads", d.Kind, d.Version)
		}
	}
	if n := e.count(`SELECT COUNT(*) FROM definitions`); n != len(sampleKinds) {
		t.Errorf("%d definition rows, want %d", n, len(sampleKinds))
	}
	// Roles: a channel manager may not upload pricing.
	e.must(http.StatusForbidden, "POST", "/v1/definitions/pricing", e.tokens["channel_manager"], good, nil)
	e.must(http.StatusNotFound, "POST", "/v1/definitions/nonsense", dd, good, nil)
}

// TestQuoteAuditRerendersFromTheRow prices a quote, puts a new pricing
// version in force, and re-renders the old quote: the same waterfall, from
// the stored row, naming the version that priced it.
func TestQuoteAuditRerendersFromTheRow(t *testing.T) {
	e := newEnv(t)
	dd := e.tokens["deal_desk"]
	var q1 QuoteRecord
	e.must(http.StatusCreated, "POST", "/v1/quotes", dd, map[string]any{"partner": "initech", "quote": sampleQuote()}, &q1)
	before := e.must(http.StatusOK, "GET", "/v1/quotes/"+q1.ID+"/waterfall", dd, nil, nil)
	if !strings.Contains(string(before), "tier-gold") || !strings.Contains(string(before), "9440.00") {
		t.Fatalf("waterfall:\n%s", before)
	}

	var up uploadResult
	e.must(http.StatusCreated, "POST", "/v1/definitions/pricing", dd, pricingWithGold(t, "30"), &up)
	if up.Version != 2 {
		t.Fatalf("new version %d, want 2", up.Version)
	}
	var q2 QuoteRecord
	e.must(http.StatusCreated, "POST", "/v1/quotes", dd, map[string]any{"partner": "initech", "quote": sampleQuote()}, &q2)
	if q2.Definitions["pricing"] != 2 {
		t.Errorf("new quote priced by %v, want pricing 2", q2.Definitions)
	}
	after := e.must(http.StatusOK, "GET", "/v1/quotes/"+q1.ID+"/waterfall", dd, nil, nil)
	if string(after) != string(before) {
		t.Errorf("the old quote re-renders differently after a new version:\n%s\nvs\n%s", before, after)
	}
	var stored QuoteRecord
	e.must(http.StatusOK, "GET", "/v1/quotes/"+q1.ID, dd, nil, &stored)
	if stored.Definitions["pricing"] != 1 {
		t.Errorf("old quote records %v, want pricing 1", stored.Definitions)
	}
	if string(e.must(http.StatusOK, "GET", "/v1/quotes/"+q2.ID+"/waterfall", dd, nil, nil)) == string(before) {
		t.Error("the new version priced the same")
	}
}

// TestEnginesSwapAtomically prices quotes while new pricing versions land:
// every quote is priced wholly by the version it names (odd versions give
// gold 20%, even 30%).
func TestEnginesSwapAtomically(t *testing.T) {
	e := newEnv(t)
	dd := e.tokens["deal_desk"]
	bodies := map[bool]string{true: pricingWithGold(t, "20"), false: pricingWithGold(t, "30")}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := 2; v <= 12; v++ {
			e.must(http.StatusCreated, "POST", "/v1/definitions/pricing", dd, bodies[v%2 == 1], nil)
		}
		close(stop)
	}()
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				status, out := e.do("POST", "/v1/quotes", dd, map[string]any{"partner": "initech", "quote": sampleQuote()})
				if status != http.StatusCreated {
					t.Errorf("quote: %d %s", status, out)
					return
				}
				var q QuoteRecord
				if err := json.Unmarshal(out, &q); err != nil {
					t.Error(err)
					return
				}
				want := `"20"`
				if q.Definitions["pricing"]%2 == 0 {
					want = `"30"`
				}
				if !strings.Contains(string(q.Result), `"percent": `+want) && !strings.Contains(string(q.Result), `"percent":`+want) {
					t.Errorf("quote priced by version %d lacks gold %s", q.Definitions["pricing"], want)
				}
			}
		}()
	}
	wg.Wait()
}

// TestOldInstancesKeepTheirWorkflowVersion: a registration started under
// workflow version 1 keeps applying events under version 1 after version 2
// lands; new registrations start under version 2.
func TestOldInstancesKeepTheirWorkflowVersion(t *testing.T) {
	e := newEnv(t)
	old := e.register("initech", "a.example", "1")
	e.must(http.StatusCreated, "POST", "/v1/definitions/dealreg_workflow", e.tokens["channel_manager"], notesWorkflow, nil)
	if status, v := e.event(old, e.tokens["channel_manager"], "start_review", 1); status != http.StatusOK || v.State != "under_review" || v.WorkflowVersion != 1 {
		t.Fatalf("old registration: %d %+v", status, v)
	}
	fresh := e.register("initech", "b.example", "1")
	row, err := e.store.Instance(context.Background(), fresh)
	if err != nil {
		t.Fatal(err)
	}
	if row.DefinitionVersion != 2 || row.State != "open" {
		t.Fatalf("new registration under version %d in %s", row.DefinitionVersion, row.State)
	}
}

// TestMigrationsRunOnce opens a database twice: the schema is at the last
// migration, and reopening runs nothing again.
func TestMigrationsRunOnce(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	v, err := e.store.schemaVersion(ctx)
	if err != nil || v != len(migrations) {
		t.Fatalf("schema version %d (%v), want %d", v, err, len(migrations))
	}
	e.srv.Close()
	e.store.Close()
	s, err := OpenStore(ctx, e.path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(migrations) {
		t.Fatalf("%d migration rows (%v), want %d", n, err, len(migrations))
	}
	if _, err := OpenStore(ctx, "bad?name"); err == nil {
		t.Error("a path with a query opened")
	}
}

// TestMigrationUpgradesAnOldDatabase takes a database back to the schema
// of an older program (two migrations, with rows in it): opening it again
// runs the third migration, keeps the rows and serves them.
func TestMigrationUpgradesAnOldDatabase(t *testing.T) {
	path := t.TempDir() + "/old.db"
	e := newEnvAt(t, path)
	id := e.register("initech", "a.example", "1")
	for _, stmt := range []string{ // undo migrations 4 and 3
		`DROP TABLE opportunities`,
		`ALTER TABLE instances DROP COLUMN checks`,
		`ALTER TABLE instances DROP COLUMN products`,
		`ALTER TABLE instances DROP COLUMN conflicts`,
		`DELETE FROM schema_migrations WHERE version > 2`,
	} {
		if _, err := e.store.db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	e.srv.Close()
	e.store.Close()

	e2 := newEnvAt(t, path)
	if v, err := e2.store.schemaVersion(context.Background()); err != nil || v != len(migrations) {
		t.Fatalf("schema version %d (%v), want %d", v, err, len(migrations))
	}
	row, err := e2.store.Instance(context.Background(), id)
	if err != nil || row.Conflicts != 0 || row.Version != 1 || string(row.Products) != "{}" {
		t.Fatalf("old row after the upgrade: %+v, %v", row, err)
	}
}
