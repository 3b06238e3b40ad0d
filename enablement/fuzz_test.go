package enablement_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// FuzzCompileDefinition decodes a whole definition (catalog,
// certifications, learning paths, requirements) from JSON, compiles it and
// exercises the engine: decoding and compiling never panic, every
// compile error is a validation error, and a compiled definition
// round-trips through JSON.
func FuzzCompileDefinition(f *testing.F) {
	sample, err := json.Marshal(sampleDefinition())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"assets":[{"id":"a","title":"A","kind":"playbook","level":"expert","published":"2025-01-01T00:00:00Z","successor":"a"}]}`))
	f.Add([]byte(`{"certifications":[{"id":"c","name":"C","kind":"role_based","validity":"P1Y","renewal_window":"P6M","grace_period":"P30D","prerequisites":["c"],"exams":[{"id":"e","pass_mark":"1e9"}]}]}`))
	f.Add([]byte(`{"learning_paths":[{"id":"p","modules":[{"id":"a","prerequisites":["b"]},{"id":"b","prerequisites":["a"]}]}]}`))
	f.Add([]byte(`{"program":{"tiers":["a","b"]},"requirements":[{"id":"r","tier":"b","count":2,"per_motion":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var def enablement.Definition
		if err := json.Unmarshal(data, &def); err != nil {
			return
		}
		e, err := enablement.Compile(def)
		if err != nil {
			if !errors.Is(err, partnerops.ErrInvalid) || len(partnerops.ValidationErrors(err)) == 0 {
				t.Fatalf("Compile error is not a validation error: %v", err)
			}
			return
		}
		at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
		if _, err := e.Catalog().Search(enablement.Query{Text: "a b"}, at); err != nil {
			t.Fatal(err)
		}
		partner := partnerops.Partner{ID: "p", Type: partnerops.PartnerTypeReseller, Motions: partnerops.Motions()}
		person := enablement.Person{ID: "u", Partner: "p", Role: enablement.RoleSales}
		for _, id := range e.Certifications() {
			person.Certifications = append(person.Certifications, enablement.HeldCertification{Certification: id, Earned: at.AddDate(-1, 0, 0)})
			if _, err := e.CertificationStatus(person, id, at); err != nil {
				t.Fatal(err)
			}
		}
		for _, tier := range append(def.Program.Tiers.Tiers(), "") {
			partner.Tier = tier
			if _, err := e.Compliance(partner, []enablement.Person{person}, at); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: person}, at); err != nil {
				t.Fatal(err)
			}
		}
		_, _ = e.Coverage([]partnerops.Partner{partner}, []enablement.Person{person}, at, enablement.CoverageOptions{})

		out, err := json.Marshal(def)
		if err != nil {
			t.Fatalf("Marshal of a compiled definition: %v", err)
		}
		var back enablement.Definition
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("Unmarshal of %s: %v", out, err)
		}
		e2, err := enablement.Compile(back)
		if err != nil {
			t.Fatalf("round-tripped definition does not compile: %v", err)
		}
		if diff := cmp.Diff(e.Catalog().Assets(), e2.Catalog().Assets()); diff != "" {
			t.Fatalf("catalog changed in the round trip (-before +after):\n%s", diff)
		}
	})
}

// FuzzLearningPath decodes and compiles a learning path and checks that
// progress partitions its modules.
func FuzzLearningPath(f *testing.F) {
	f.Add([]byte(`{"id":"p","modules":[{"id":"a"},{"id":"b","prerequisites":["a"]},{"id":"c","prerequisites":["a","b"],"optional":true}]}`), "a")
	f.Add([]byte(`{"id":"p","modules":[{"id":"a","prerequisites":["c"]},{"id":"b","prerequisites":["a"]},{"id":"c","prerequisites":["b"]}]}`), "b")
	f.Fuzz(func(t *testing.T, data []byte, done string) {
		var def enablement.LearningPath
		if err := json.Unmarshal(data, &def); err != nil {
			return
		}
		p, err := enablement.CompileLearningPath(def)
		if err != nil {
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("error is not a validation error: %v", err)
			}
			return
		}
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		pp := p.Progress(enablement.Person{Completed: []enablement.Completion{{Item: done, At: at}}}, at)
		if n := len(pp.Completed) + len(pp.Next) + len(pp.Blocked); n != len(def.Modules) || len(p.Order()) != len(def.Modules) {
			t.Fatalf("progress covers %d of %d modules", n, len(def.Modules))
		}
	})
}

// FuzzCertification decodes one certification and a person, then computes
// the status at a fuzzed time: never a panic, and the dates are ordered.
func FuzzCertification(f *testing.F) {
	f.Add([]byte(`{"id":"c","name":"C","kind":"role_based","validity":"P1Y","renewal_window":"P6M","grace_period":"P30D","exams":[{"id":"e","pass_mark":"70"}]}`),
		[]byte(`{"id":"u","exams":[{"exam":"e","score":"70","at":"2025-02-28T00:00:00Z"}],"certifications":[{"certification":"c","earned":"2024-02-29T00:00:00Z","renewed":["2024-12-01T00:00:00Z"]}]}`),
		int64(400))
	f.Add([]byte(`{"id":"c","name":"C","kind":"fundamentals"}`), []byte(`{}`), int64(-5))
	f.Fuzz(func(t *testing.T, certJSON, personJSON []byte, days int64) {
		var c enablement.Certification
		var p enablement.Person
		if json.Unmarshal(certJSON, &c) != nil || json.Unmarshal(personJSON, &p) != nil {
			return
		}
		c.Courses, c.Prerequisites = nil, nil
		e, err := enablement.Compile(enablement.Definition{Certifications: []enablement.Certification{c}})
		if err != nil {
			return
		}
		at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%100000))
		s, err := e.CertificationStatus(p, c.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Expires.IsZero() && (s.GraceEnds.Before(s.Expires) || s.RenewalOpens.After(s.Expires)) {
			t.Fatalf("dates out of order: %+v", s)
		}
		_ = s.String()
	})
}

// FuzzParseSpan checks that ParseSpan never panics and that what it
// accepts prints back to text it parses to the same span.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"P1Y", "P6M", "P90D", "P2W", "P1Y6M2W3D", "P0D", "p1y", "P99999999Y", "P1D1Y", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := enablement.ParseSpan(s)
		if err != nil {
			return
		}
		back, err := enablement.ParseSpan(sp.String())
		if err != nil || back != sp {
			t.Fatalf("ParseSpan(%q) = %v; reparsed %v, %v", s, sp, back, err)
		}
		sp.AddTo(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC))
		sp.SubFrom(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC))
	})
}

// FuzzSearch decodes a query from JSON and runs it against the sample
// catalog: never a panic, and invalid queries fail with ErrInvalid.
func FuzzSearch(f *testing.F) {
	c := enablement.MustCompile(sampleDefinition()).Catalog()
	f.Add([]byte(`{"text":"cloud sec","kinds":["course"],"levels":["advanced"],"regions":["emea"],"limit":3,"offset":1}`))
	f.Add([]byte(`{"offset":9223372036854775807,"limit":9223372036854775807}`))
	f.Add([]byte(`{"levels":["guru"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var q enablement.Query
		if err := json.Unmarshal(data, &q); err != nil {
			return
		}
		res, err := c.Search(q, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("error is not a validation error: %v", err)
			}
			return
		}
		if len(res.Hits) > res.Total {
			t.Fatalf("%d hits of %d", len(res.Hits), res.Total)
		}
	})
}
