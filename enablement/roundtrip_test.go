package enablement_test

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
	"pgregory.net/rapid"
)

// genPerson draws a person of the sample program: awards with renewals,
// completions of sample assets and modules, exam attempts.
func genPerson(t *rapid.T, id string, partner partnerops.PartnerID) enablement.Person {
	certs := []enablement.CertificationID{"sales-fundamentals", "cloud-sales-pro", "cloud-architect", "cosell-specialist", "resell-specialist"}
	items := []string{"a-onboard", "c-sales-101", "c-sales-201", "p-sales-prep", "b-rival", "m-onboard", "m-101", "m-201", "m-battle"}
	day := func(label string) time.Time {
		return date(2024, 1, 1).AddDate(0, 0, rapid.IntRange(0, 900).Draw(t, label))
	}
	p := enablement.Person{ID: enablement.PersonID(id), Partner: partner, Role: rapid.SampledFrom(enablement.Roles()).Draw(t, "role")}
	for range rapid.IntRange(0, 3).Draw(t, "awards") {
		earned := day("earned")
		h := held(rapid.SampledFrom(certs).Draw(t, "cert"), earned)
		if rapid.Bool().Draw(t, "renewed") {
			h.Renewed = []time.Time{earned.AddDate(0, rapid.IntRange(6, 14).Draw(t, "renewMonths"), 0)}
		}
		p.Certifications = append(p.Certifications, h)
	}
	for range rapid.IntRange(0, 4).Draw(t, "completions") {
		p.Completed = append(p.Completed, enablement.Completion{Item: rapid.SampledFrom(items).Draw(t, "item"), At: day("done")})
	}
	for range rapid.IntRange(0, 2).Draw(t, "attempts") {
		p.Exams = append(p.Exams, enablement.ExamResult{Exam: rapid.SampledFrom([]enablement.ExamID{"sales-exam", "arch-exam"}).Draw(t, "exam"),
			Score: partnerops.PercentFromInt(int64(rapid.IntRange(40, 100).Draw(t, "score"))), At: day("tried")})
	}
	return p
}

// genPartner draws a partner of the sample program.
func genPartner(t *rapid.T, id string) partnerops.Partner {
	return partnerops.Partner{ID: partnerops.PartnerID(id), Type: rapid.SampledFrom(propTypes).Draw(t, "type"),
		Tier:    rapid.SampledFrom([]partnerops.Tier{"", "registered", "silver", "gold", "platinum"}).Draw(t, "tier"),
		Motions: subset(t, "motions", propMotions), Regions: subset(t, "regions", propRegions)}
}

// roundTrip encodes r, decodes it into a new value of its type, and
// checks that the two are equal and render the same text.
func roundTrip[T any](t *rapid.T, r T, text func(T) string) {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("encoding %T: %v", r, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	if diff := cmp.Diff(r, back); diff != "" {
		t.Fatalf("%T changed in a JSON round trip (-before +after):\n%s", r, diff)
	}
	if a, z := text(r), text(back); a != z {
		t.Fatalf("%T renders differently after a JSON round trip:\n%s\n---\n%s", r, a, z)
	}
}

// TestPropertyResultsRoundTrip: every result type decodes from its JSON
// to an equal value that renders the same text.
func TestPropertyResultsRoundTrip(t *testing.T) {
	e := enablement.MustCompile(sampleDefinition())
	rapid.Check(t, func(t *rapid.T) {
		at := date(2025, 1, 1).AddDate(0, 0, rapid.IntRange(0, 700).Draw(t, "at"))
		partner := genPartner(t, "p")
		var people []enablement.Person
		for k := range rapid.IntRange(1, 5).Draw(t, "people") {
			people = append(people, genPerson(t, fmt.Sprintf("u%d", k), partner.ID))
		}
		for _, s := range e.CertificationStatuses(people[0], at) {
			roundTrip(t, s, enablement.CertStatus.String)
			roundTrip(t, s.Steps, func(steps []enablement.Step) string { return fmt.Sprint(steps) })
		}
		path, _ := e.Path("sales-track")
		roundTrip(t, path.Progress(people[0], at), enablement.PathProgress.String)
		comp, err := e.Compliance(partner, people, at)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, comp, func(c enablement.Compliance) string { return c.Text() + c.Markdown() })
		recs, err := e.Recommend(enablement.RecommendRequest{Partner: partner, Person: people[0], Colleagues: people}, at)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, recs, enablement.FormatRecommendations)
		cov, err := e.Coverage([]partnerops.Partner{partner, genPartner(t, "q")}, people, at,
			enablement.CoverageOptions{Horizon: enablement.Days(rapid.IntRange(0, 400).Draw(t, "horizon"))})
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, cov, func(c enablement.Coverage) string { return c.Text() + c.Markdown() })
		q := genQuery(t)
		q.Text = rapid.SampledFrom([]string{"", "cloud", "sec exam", "battle"}).Draw(t, "text")
		res, err := e.Catalog().Search(q, at)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, res, enablement.Results.Text)
		roundTrip(t, e.Warnings(), func(ws []partnerops.Warning) string { return fmt.Sprint(ws) })
	})
}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestJSONTagsSnakeCase walks every definition and result type and checks
// that each exported field has a snake_case JSON name.
func TestJSONTagsSnakeCase(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] || typ.PkgPath() != reflect.TypeFor[enablement.Definition]().PkgPath() ||
			typ.Implements(reflect.TypeFor[encoding.TextMarshaler]()) {
			return // a value that encodes as text (Span) has no JSON fields
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !snakeCase.MatchString(name) {
				t.Errorf("%s.%s has JSON name %q, want snake_case", typ.Name(), f.Name, name)
			}
			walk(f.Type)
		}
	}
	for _, v := range []any{enablement.Definition{}, enablement.CatalogDefinition{}, enablement.Query{}, enablement.CoverageOptions{},
		enablement.RecommendRequest{}, enablement.Person{}, enablement.CertStatus{}, enablement.PathProgress{}, enablement.Compliance{},
		enablement.Recommendation{}, enablement.Coverage{}, enablement.Results{}} {
		walk(reflect.TypeOf(v))
	}
	if len(seen) < 20 {
		t.Errorf("walked %d types; the walk is broken", len(seen))
	}
}
