package enablement_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

func TestDefinitionJSONRoundTrip(t *testing.T) {
	def := sampleDefinition()
	b, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"learning_paths"`, `"review_by":"2026-01-01T00:00:00Z"`, `"level":"intermediate"`,
		`"validity":"P1Y"`, `"renewal_window":"P6M"`, `"grace_period":"P30D"`, `"pass_mark":"70"`, `"per_motion":true`,
		`"certification_kind":"specialization"`, `"tiers":["registered","silver","gold","platinum"]`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	var back enablement.Definition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(def, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var bad enablement.Definition
	if err := json.Unmarshal([]byte(`{"assets":[{"level":"guru"}]}`), &bad); err == nil {
		t.Error("Unmarshal accepted an unknown level")
	}
}

// TestEngineConcurrentUse runs every entry point from several goroutines
// (meaningful under -race).
func TestEngineConcurrentUse(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	partner, people := acme()
	at := date(2026, 1, 15)
	var wg sync.WaitGroup
	results := make([]string, 4)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _ := e.Catalog().Search(enablement.Query{Text: "cloud", Motions: []partnerops.Motion{partnerops.MotionResell}}, at)
			c, _ := e.Compliance(partner, people, at)
			recs, _ := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: people[0], Colleagues: people}, at)
			cov := e.Coverage([]partnerops.Partner{partner}, people, at, enablement.CoverageOptions{})
			s, _ := e.CertificationStatus(people[0], "cloud-sales-pro", at)
			results[g] = res.Text() + c.Text() + enablement.FormatRecommendations(recs) + cov.Text() + s.String()
		}()
	}
	wg.Wait()
	for g := 1; g < len(results); g++ {
		if results[g] != results[0] {
			t.Fatalf("goroutine %d got different output", g)
		}
	}
}
