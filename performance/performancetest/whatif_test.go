package performancetest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/performance"
	"github.com/partnerops/partnerops/performance/performancetest"
)

// Raising the gold bookings target moves acme down a band; newco (silver)
// does not move; the failing case fails under both versions alike.
func TestWhatIf(t *testing.T) {
	f, err := performancetest.Load("testdata/scorecard.json")
	if err != nil {
		t.Fatal(err)
	}
	after := f.Definitions
	after.Template.Categories = append(after.Template.Categories[:0:0], after.Template.Categories...)
	data, err := json.Marshal(after.Template)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := performance.ParseTemplate([]byte(strings.Replace(string(data), `"500000`, `"750000`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	after.Template = tpl
	rep, err := performancetest.WhatIf(f.Definitions, after, f.Cases)
	if err != nil {
		t.Fatal(err)
	}
	want := []performancetest.Move{
		{CaseID: "acme-gold-q1", Partner: "acme", TotalBefore: 7100, TotalAfter: 6200, BandBefore: "amber", BandAfter: "amber"},
		{CaseID: "acme-gold-q1-external", Partner: "acme", TotalBefore: 7100, TotalAfter: 6200, BandBefore: "amber", BandAfter: "amber"},
	}
	if diff := cmp.Diff(want, rep.Moves); diff != "" {
		t.Errorf("moves (-want +got):\n%s", diff)
	}
	if rep.Down != 2 || rep.Up != 0 || rep.BandChanges != 0 || len(rep.Changed) != 2 || rep.Cases != 4 {
		t.Errorf("report %+v", rep)
	}
	if !strings.HasPrefix(rep.Text(), "2 of 4 cases change\n") {
		t.Errorf("text:\n%s", rep.Text())
	}
	if _, err := performancetest.WhatIf(f.Definitions, performancetest.Definitions{}, f.Cases); err == nil || !strings.Contains(err.Error(), "the definitions after") {
		t.Errorf("WhatIf with empty definitions after: %v", err)
	}
}
