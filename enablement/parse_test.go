package enablement_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// wrapDef puts JSON fragments into a definition with a two-tier program.
func wrapDef(fields string) []byte {
	return []byte(`{"program":{"tiers":["silver","gold"]}` + fields + `}`)
}

// TestParseDefinitionErrors is the regression test of issue 12 for
// enablement: misspelt keys were dropped silently (a requirement's
// "certification" list vanished, so any certification satisfied it),
// bare numbers were read as percents, and errors named list positions.
func TestParseDefinitionErrors(t *testing.T) {
	cert := `{"id":"cka","name":"CKA","kind":"role_based","validity":"P1Y"`
	tests := []struct {
		name string
		json []byte
		want []problem
	}{
		{"misspelt key with a suggestion", wrapDef(`,"certifications":[` + cert + `,"valid_for":"P2Y"}]`),
			[]problem{{"certifications[cka].valid_for", `unknown field; did you mean "validity"?`, ""}}},
		{"a requirement's certification list misspelt", wrapDef(`,"requirements":[{"id":"gold-cka","tier":"gold","count":2,"certification":["cka"]}]`),
			[]problem{{"requirements[gold-cka].certification", `unknown field; did you mean "certifications"?`, ""}}},
		{"wrong shapes name the shape wanted", wrapDef(`,"certifications":[` + cert + `,"grace_period":30,"exams":[{"id":"final","pass_mark":0.7}]}]`),
			[]problem{
				{"certifications[cka].grace_period", `want an ISO 8601 duration like "P1Y", "P6M" or "P90D", got the number 30`, ""},
				{"certifications[cka].exams[final].pass_mark", `decoding percent 0.7: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax`, ""},
			}},
		{"modules by ID", wrapDef(`,"learning_paths":[{"id":"onboarding","title":"O","modules":[{"id":"m1","prerequisites":"m0"},{"id":"m2","optinal":true}]}]`),
			[]problem{
				{"learning_paths[onboarding].modules[m1].prerequisites", "want an array, got \"m0\"", ""},
				{"learning_paths[onboarding].modules[m2].optinal", `unknown field; did you mean "optional"?`, ""},
			}},
		{"a level that does not exist", wrapDef(`,"assets":[{"id":"kit","title":"Kit","kind":"playbook","level":"guru","published":"2026-01-31"}]`),
			[]problem{{"assets[kit].level", `want one of "foundational", "intermediate", "advanced", "expert": parsing skill level "guru": unknown value`, ""}}},
		{"a date that is not one", wrapDef(`,"assets":[{"id":"kit","title":"Kit","kind":"playbook","level":"advanced","published":"31/01/2026"}]`),
			[]problem{{"assets[kit].published", `want a date like "2026-01-31" or an RFC 3339 time like "2026-01-31T09:00:00Z", got "31/01/2026"`, ""}}},
		{"duplicate key", wrapDef(`,"requirements":[{"id":"r","tier":"gold","count":1,"count":2}]`),
			[]problem{{"requirements[0].count", "duplicate key", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := enablement.ParseDefinition(tt.json)
			if diff := cmp.Diff(tt.want, problems(err)); diff != "" {
				t.Errorf("ParseDefinition problems (-want +got):\n%s", diff)
			}
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("error %v does not match ErrInvalid", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "enablement: parsing definition: ") || strings.Count(msg, "enablement: ") != 1 || strings.Contains(msg, "partnerops: ") {
				t.Errorf("error %q does not carry exactly one prefix", msg)
			}
			// json.Unmarshal is just as strict.
			var def enablement.Definition
			if err := json.Unmarshal(tt.json, &def); len(partnerops.ValidationErrors(err)) != len(tt.want) {
				t.Errorf("json.Unmarshal = %v, want the same %d problems", err, len(tt.want))
			}
		})
	}
}

// TestParseDefinitionValues checks the rules for values: percents in
// percent units (strings), dates without a time at midnight UTC, spans as
// ISO 8601 durations.
func TestParseDefinitionValues(t *testing.T) {
	def, err := enablement.ParseDefinition(wrapDef(`,
		"assets":[{"id":"kit","title":"Kit","kind":"course","level":"Foundational","published":"2026-01-31","review_by":"2027-01-31T09:00:00-05:00"}],
		"certifications":[{"id":"cka","name":"CKA","kind":"role_based","courses":["kit"],"validity":"P1Y","renewal_window":"p3m","grace_period":"P2W",
			"exams":[{"id":"final","pass_mark":"70%"}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	a, c := def.Assets[0], def.Certifications[0]
	got := []string{a.Published.Format(time.RFC3339), a.ReviewBy.Format(time.RFC3339), a.Level.String(),
		c.Validity.String(), c.RenewalWindow.String(), c.GracePeriod.String(), c.Exams[0].PassMark.String()}
	want := []string{"2026-01-31T00:00:00Z", "2027-01-31T09:00:00-05:00", "foundational", "P1Y", "P3M", "P14D", "70%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded values (-want +got):\n%s", diff)
	}
}

// TestParseEachDefinition: every definition type has its strict Parse
// function, and its errors carry its own prefix.
func TestParseEachDefinition(t *testing.T) {
	tests := []struct {
		name   string
		parse  func([]byte) error
		json   string
		prefix string
		want   []problem
	}{
		{"asset", func(b []byte) error { _, err := enablement.ParseAsset(b); return err },
			`{"id":"kit","title":"Kit","prepares_for":["cka"]}`, "enablement: parsing asset: ",
			[]problem{{"prepares_for", `unknown field; did you mean "certifications"?`, ""}}},
		{"certification", func(b []byte) error { _, err := enablement.ParseCertification(b); return err },
			`{"id":"cka","name":"CKA","grace":"P30D"}`, "enablement: parsing certification: ",
			[]problem{{"grace", `unknown field; did you mean "grace_period"?`, ""}}},
		{"learning path", func(b []byte) error { _, err := enablement.ParseLearningPath(b); return err },
			`{"id":"p","modules":[{"id":"m2","requires":["m1"]}]}`, "enablement: parsing learning path: ",
			[]problem{{"modules[m2].requires", `unknown field; did you mean "prerequisites"?`, ""}}},
		{"requirement", func(b []byte) error { _, err := enablement.ParseRequirement(b); return err },
			`{"id":"r","tier":"gold","people":2}`, "enablement: parsing requirement: ",
			[]problem{{"people", `unknown field; did you mean "count"?`, ""}}},
		{"catalog", func(b []byte) error { _, err := enablement.ParseCatalogDefinition(b); return err },
			`{"asets":[]}`, "enablement: parsing catalog: ",
			[]problem{{"asets", `unknown field; did you mean "assets"?`, ""}}},
		{"query", func(b []byte) error { _, err := enablement.ParseQuery(b); return err },
			`{"text":"cloud","limit":-1}`, "enablement: parsing query: ",
			[]problem{{"limit", "must not be negative", ""}}},
		{"coverage options", func(b []byte) error { _, err := enablement.ParseCoverageOptions(b); return err },
			`{"horizon":"90 days"}`, "enablement: parsing coverage options: ",
			[]problem{{"horizon", `parsing span "90 days": want an ISO 8601 duration like "P1Y", "P6M" or "P90D": unknown value`, ""}}},
		{"person", func(b []byte) error { _, err := enablement.ParsePerson(b); return err },
			`{"id":"ana","role":"sales","completions":[{"item":"kit","at":"2026-01-31"}]}`, "enablement: parsing person: ",
			[]problem{{"completions", `unknown field; did you mean "completed"?`, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse([]byte(tt.json))
			if diff := cmp.Diff(tt.want, problems(err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.prefix) || strings.Count(err.Error(), "enablement: ") != 1 {
				t.Errorf("error %v does not carry the one prefix %q", err, tt.prefix)
			}
		})
	}
}

// TestSampleDefinitionRoundTrip: the sample definition encodes to JSON
// and parses back to an equal value.
func TestSampleDefinitionRoundTrip(t *testing.T) {
	def := sampleDefinition()
	b, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	back, err := enablement.ParseDefinition(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(def, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
