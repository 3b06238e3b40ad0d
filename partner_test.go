package partnerops_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestParsePartnerType(t *testing.T) {
	tests := map[string]partnerops.PartnerType{
		"reseller":                 partnerops.PartnerTypeReseller,
		"VAR":                      partnerops.PartnerTypeReseller,
		"Global System Integrator": partnerops.PartnerTypeGSI,
		"gsi":                      partnerops.PartnerTypeGSI,
		"technology-alliance":      partnerops.PartnerTypeTechnologyAlliance,
		"ISV":                      partnerops.PartnerTypeTechnologyAlliance,
		"affiliate":                partnerops.PartnerTypeReferral,
		"two tier":                 partnerops.PartnerTypeDistributor,
		"MSP":                      partnerops.PartnerTypeMSP,
		"oem":                      partnerops.PartnerTypeOEM,
	}
	for in, want := range tests {
		if got, err := partnerops.ParsePartnerType(in); err != nil || got != want {
			t.Errorf("ParsePartnerType(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := partnerops.ParsePartnerType("franchise"); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("ParsePartnerType(franchise) err = %v", err)
	}
	for _, pt := range partnerops.PartnerTypes() {
		if !pt.Valid() || pt.String() != string(pt) {
			t.Errorf("%q not valid", pt)
		}
	}
}

func TestParseMotion(t *testing.T) {
	tests := map[string]partnerops.Motion{
		"co-sell":         partnerops.MotionCoSell,
		"Co Sell":         partnerops.MotionCoSell,
		"resale":          partnerops.MotionResell,
		"services attach": partnerops.MotionServices,
		"OEM/embed":       partnerops.MotionOEM,
		"marketplace":     partnerops.MotionMarketplace,
		"referral":        partnerops.MotionReferral,
	}
	for in, want := range tests {
		if got, err := partnerops.ParseMotion(in); err != nil || got != want {
			t.Errorf("ParseMotion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := partnerops.ParseMotion("barter"); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("ParseMotion(barter) err = %v", err)
	}
	for _, m := range partnerops.Motions() {
		if !m.Valid() || m.String() != string(m) {
			t.Errorf("%q not valid", m)
		}
	}
}

func TestSmallEnums(t *testing.T) {
	if !partnerops.AttributionSourced.Valid() || !partnerops.AttributionInfluenced.Valid() || partnerops.Attribution("x").Valid() {
		t.Error("Attribution.Valid wrong")
	}
	for _, b := range []partnerops.BusinessType{partnerops.BusinessNew, partnerops.BusinessRenewal, partnerops.BusinessExpansion} {
		if !b.Valid() {
			t.Errorf("%q not valid", b)
		}
	}
	if partnerops.BusinessType("upsell").Valid() {
		t.Error("upsell valid")
	}
}

func examplePartner() partnerops.Partner {
	return partnerops.Partner{
		ID:         "p-acme",
		Name:       "Acme Cloud Services",
		Type:       partnerops.PartnerTypeMSP,
		Tier:       "gold",
		Motions:    []partnerops.Motion{partnerops.MotionResell, "managed_services"},
		Regions:    []partnerops.Region{"emea"},
		Joined:     time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Attributes: map[string]string{"vertical": "healthcare"},
	}
}

func TestPartner(t *testing.T) {
	p := examplePartner()
	if !p.HasMotion(partnerops.MotionResell) || p.HasMotion(partnerops.MotionOEM) {
		t.Error("HasMotion wrong")
	}
	if !p.InRegion("emea") || p.InRegion("apac") {
		t.Error("InRegion wrong")
	}
	if v, ok := p.Attribute("vertical"); !ok || v != "healthcare" {
		t.Error("Attribute wrong")
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back partnerops.Partner
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	// Without the program, the custom motion is unknown.
	if ves := partnerops.ValidationErrors(p.Validate()); len(ves) != 1 || ves[0].Path != "motions[1]" {
		t.Errorf("Validate() problems = %v", ves)
	}
}

func TestProgramValidatePartner(t *testing.T) {
	prog := partnerops.Program{
		Name:     "Acme Partner Network",
		Tiers:    ladder,
		Motions:  []partnerops.Motion{"managed_services"},
		Currency: partnerops.USD,
		Calendar: partnerops.Calendar{FiscalYearStart: time.February},
	}
	if err := prog.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	if err := prog.ValidatePartner(examplePartner()); err != nil {
		t.Errorf("ValidatePartner = %v", err)
	}
	bad := partnerops.Partner{Type: "franchise", Tier: "diamond", Motions: []partnerops.Motion{"barter"}}
	var paths []string
	for _, ve := range partnerops.ValidationErrors(prog.ValidatePartner(bad)) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"id", "type", "motions[0]", "tier"}, paths); diff != "" {
		t.Errorf("problem paths (-want +got):\n%s", diff)
	}
	badProg := partnerops.Program{PartnerTypes: []partnerops.PartnerType{"Big Reseller"}, Motions: []partnerops.Motion{""}, Currency: "usd", Calendar: partnerops.Calendar{FiscalYearStart: 14}}
	paths = nil
	for _, ve := range partnerops.ValidationErrors(badProg.Validate()) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"partner_types[0]", "motions[0]", "currency", "calendar.fiscal_year_start"}, paths); diff != "" {
		t.Errorf("program problem paths (-want +got):\n%s", diff)
	}
	if !prog.ValidPartnerType(partnerops.PartnerTypeGSI) || prog.ValidPartnerType("franchise") {
		t.Error("ValidPartnerType wrong")
	}
	b, err := json.Marshal(prog)
	if err != nil {
		t.Fatal(err)
	}
	var back partnerops.Program
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(prog, back); diff != "" {
		t.Errorf("Program JSON round trip (-want +got):\n%s", diff)
	}
}

func FuzzPartnerJSON(f *testing.F) {
	b, _ := json.Marshal(examplePartner())
	f.Add(b)
	f.Add([]byte(`{"id":"x","type":"gsi","joined":"2026-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p partnerops.Partner
		if err := json.Unmarshal(b, &p); err != nil {
			return
		}
		_ = p.Validate() // must not panic
		out, err := json.Marshal(p)
		if err != nil {
			return // e.g. a year outside 0..9999 cannot be encoded
		}
		var back partnerops.Partner
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
	})
}
