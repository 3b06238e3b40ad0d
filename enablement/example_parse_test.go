package enablement_test

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/enablement"
)

// programJSON is the definition the package documentation shows.
const programJSON = `{
  "program": {"name": "Cloud Partner Program", "tiers": ["registered", "silver", "gold"]},
  "assets": [
    {"id": "c-sales-101", "title": "Selling Cloud 101", "kind": "course",
     "level": "foundational", "roles": ["sales"], "motions": ["resell"],
     "topics": ["cloud"], "published": "2025-01-01"},
    {"id": "p-sales-prep", "title": "Cloud Sales Pro Exam Prep",
     "kind": "certification_prep", "level": "intermediate",
     "certifications": ["cloud-sales-pro"], "published": "2025-01-01",
     "review_by": "2026-07-01"}
  ],
  "certifications": [
    {"id": "cloud-sales-pro", "name": "Cloud Sales Professional", "kind": "role_based",
     "roles": ["sales"], "courses": ["c-sales-101"],
     "exams": [{"id": "sales-exam", "pass_mark": "70"}],
     "validity": "P1Y", "renewal_window": "P6M", "grace_period": "P30D"}
  ],
  "learning_paths": [
    {"id": "sales-track", "title": "Cloud sales track", "modules": [
      {"id": "m-101", "asset": "c-sales-101"},
      {"id": "m-prep", "asset": "p-sales-prep", "prerequisites": ["m-101"]}]}
  ],
  "requirements": [
    {"id": "silver-sales", "tier": "silver", "count": 1, "role": "sales",
     "certifications": ["cloud-sales-pro"]},
    {"id": "gold-specialists", "tier": "gold", "count": 1, "per_motion": true,
     "certification_kind": "specialization", "description": "a specialization per motion"}
  ]
}`

// A definition kept as JSON (in a database or a file) is parsed strictly,
// compiled, and its warnings shown to its author; a person's facts are
// parsed the same way.
func ExampleParseDefinition() {
	def, err := enablement.ParseDefinition([]byte(programJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := enablement.Compile(def)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range e.Warnings() {
		fmt.Println("warning:", w)
	}
	ana, err := enablement.ParsePerson([]byte(`{"id": "ana", "partner": "acme", "role": "sales",
	 "completed": [{"item": "c-sales-101", "at": "2025-03-01"}],
	 "exams": [{"exam": "sales-exam", "score": "82", "at": "2025-03-15"}],
	 "certifications": [{"certification": "cloud-sales-pro", "earned": "2025-03-15", "renewed": ["2026-01-10"]}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := e.CertificationStatus(ana, "cloud-sales-pro", date(2026, 2, 1))
	fmt.Println(s)
	// Output:
	// warning: requirements[gold-specialists]: no certification satisfies this requirement: its tier can never be met
	// cloud-sales-pro for ana at 2026-02-01: active (earned 2025-03-15, renewal opens 2026-09-15, expires 2027-03-15, grace ends 2027-04-14, 1 renewal(s)), counts until 2027-03-15
}

// Misspelt keys, wrong shapes and bare-number percents are errors with
// paths by ID, all reported at once under one prefix.
func ExampleParseDefinition_errors() {
	_, err := enablement.ParseDefinition([]byte(`{
	  "program": {"tiers": ["silver", "gold"]},
	  "certifications": [{"id": "cka", "name": "CKA", "kind": "role_based",
	    "valid_for": "P1Y", "grace_period": 30,
	    "exams": [{"id": "final", "pass_mark": 0.7}]}],
	  "requirements": [{"id": "gold-cka", "tier": "gold", "count": 2, "certification": ["cka"]}]
	}`))
	fmt.Println(err)
	// Output:
	// enablement: parsing definition: certifications[cka].valid_for: unknown field; did you mean "validity"?
	// certifications[cka].grace_period: want an ISO 8601 duration like "P1Y", "P6M" or "P90D", got the number 30
	// certifications[cka].exams[final].pass_mark: decoding percent 0.7: want a percent string in percent units like "20" or "20%"; a bare number is ambiguous (fraction or percent units): invalid syntax
	// requirements[gold-cka].certification: unknown field; did you mean "certifications"?
}

// Renewals extend a certification once per window: four renewals on
// consecutive days count as one.
func ExampleEngine_CertificationStatus_renewals() {
	e := enablement.MustCompile(sampleDefinition())
	// cloud-sales-pro: valid P1Y, renewal window P6M, grace P30D.
	p := enablement.Person{ID: "lee", Certifications: []enablement.HeldCertification{
		held("cloud-sales-pro", date(2025, 3, 1), date(2025, 10, 1), date(2025, 10, 2), date(2025, 10, 3), date(2025, 10, 4))}}
	s, _ := e.CertificationStatus(p, "cloud-sales-pro", date(2025, 10, 5))
	fmt.Println(s)
	// Output:
	// cloud-sales-pro for lee at 2025-10-05: active (earned 2025-03-01, renewal opens 2026-09-01, expires 2027-03-01, grace ends 2027-03-31, 1 renewal(s)), counts until 2027-03-01
}

// Compiling refuses a renewal window that is not shorter than the
// validity, and warns about a pass mark written as a fraction.
func ExampleEngine_Warnings() {
	def := sampleDefinition()
	def.Certifications[3].RenewalWindow = enablement.Years(5)
	_, err := enablement.Compile(def)
	fmt.Println(err)

	def = sampleDefinition()
	def.Certifications[2].Exams[0].PassMark = partnerops.MustPercent("0.75")
	e := enablement.MustCompile(def)
	for _, w := range e.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// enablement: compiling definition: certifications[cosell-specialist].renewal_window: must be shorter than the validity on every date: P5Y can span 1827 days, and the validity P1Y as few as 365 (got "P5Y")
	// certifications[cloud-architect].exams[arch-exam].pass_mark: a pass mark below 1%: percents are in percent units ("0.7" is 0.7%; write "70" for 70%) (got "0.75%")
}
