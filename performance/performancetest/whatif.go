package performancetest

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/performance"
)

// Report is what a new version of the catalog, template or program
// changes: the cases whose total, band or error differ ([opstest.WhatIf],
// with the band counted as a flag: "band: green"), and the partners that
// moved, one row per changed case.
type Report struct {
	opstest.WhatIf
	// Moves lists the cases whose band or total changed, in case order.
	Moves []Move `json:"moves,omitempty"`
	// Up and Down count the moves whose total rose or fell; BandChanges
	// counts the moves that changed band.
	Up          int `json:"up"`
	Down        int `json:"down"`
	BandChanges int `json:"band_changes"`
}

// Move is one partner's scorecard under both versions.
type Move struct {
	CaseID      string               `json:"case_id"`
	Partner     partnerops.PartnerID `json:"partner"`
	TotalBefore performance.Points   `json:"total_before"`
	TotalAfter  performance.Points   `json:"total_after"`
	BandBefore  string               `json:"band_before"`
	BandAfter   string               `json:"band_after"`
}

// WhatIf scores every case under the definitions before and after and
// reports which partners change band or total. Either version failing
// to compile is the error; a case that fails to score under a version is
// reported as that version's outcome. The cost is two scorings per case.
func WhatIf(before, after Definitions, cases []Case) (Report, error) {
	mb, err := Compile(opstest.Files{}, before)
	if err != nil {
		return Report{}, fmt.Errorf("performancetest: the definitions before: %w", err)
	}
	ma, err := Compile(opstest.Files{}, after)
	if err != nil {
		return Report{}, fmt.Errorf("performancetest: the definitions after: %w", err)
	}
	ids := make([]string, len(cases))
	rb := make([]performance.Result, len(cases))
	ra := make([]performance.Result, len(cases))
	eb := make([]error, len(cases))
	ea := make([]error, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
		rb[i], eb[i] = Score(mb, c)
		ra[i], ea[i] = Score(ma, c)
	}
	rep := Report{WhatIf: opstest.Compare(ids,
		func(i int) opstest.Outcome { return outcome(&rb[i], eb[i]) },
		func(i int) opstest.Outcome { return outcome(&ra[i], ea[i]) })}
	for i, c := range cases {
		if eb[i] != nil || ea[i] != nil {
			continue
		}
		b, a := &rb[i], &ra[i]
		if b.Total == a.Total && b.Band == a.Band {
			continue
		}
		rep.Moves = append(rep.Moves, Move{CaseID: c.ID, Partner: c.Given.Partner.ID,
			TotalBefore: b.Total, TotalAfter: a.Total, BandBefore: b.Band, BandAfter: a.Band})
		switch {
		case a.Total > b.Total:
			rep.Up++
		case a.Total < b.Total:
			rep.Down++
		}
		if a.Band != b.Band {
			rep.BandChanges++
		}
	}
	return rep, nil
}

// outcome reduces a scorecard to what a reviewer compares.
func outcome(r *performance.Result, err error) opstest.Outcome {
	if err != nil {
		return opstest.Outcome{Err: partnerops.StripPrefixes(err.Error())}
	}
	o := opstest.Outcome{Summary: fmt.Sprintf("%s %s", r.Partner, r.Total), Explanation: r.Markdown()}
	if r.Band != "" {
		o.Flags = []string{"band: " + r.Band}
		o.Summary += " (" + r.Band + ")"
	}
	return o
}
