// Package samples holds SAMPLE definitions and generated data for the
// worker and the tests: a metric catalog and scorecard template (JSON,
// parsed strictly), a partner list and a quarter of synthetic
// observations from three source systems.
package samples

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/performance"
)

//go:embed catalog.json
var catalogJSON []byte

//go:embed template.json
var templateJSON []byte

// Calendar is the sample program's fiscal calendar (the year starts in
// February).
var Calendar = partnerops.Calendar{FiscalYearStart: time.February}

// Program is the sample partner program.
var Program = partnerops.Program{
	Name:     "Sample",
	Tiers:    partnerops.MustTierLadder("registered", "silver", "gold", "platinum"),
	Currency: partnerops.USD,
	Calendar: Calendar,
}

// Scorecard compiles the sample catalog and template.
func Scorecard() (*performance.Scorecard, error) {
	def, err := performance.ParseCatalog(catalogJSON)
	if err != nil {
		return nil, err
	}
	cat, err := performance.CompileMetrics(def.Metrics)
	if err != nil {
		return nil, err
	}
	t, err := performance.ParseTemplate(templateJSON)
	if err != nil {
		return nil, err
	}
	return performance.CompileScorecard(cat, t, Program)
}

// Quarter returns fiscal quarter q of fiscal year fy, in UTC.
func Quarter(fy, q int) partnerops.Period {
	p, err := Calendar.FiscalQuarter(fy, q, time.UTC)
	if err != nil {
		panic(err)
	}
	return p
}

// Partners returns n sample partners, P-0000 upwards, in ID order, tiers
// cycling through silver, gold and registered.
func Partners(n int) []partnerops.Partner {
	tiers := []partnerops.Tier{"silver", "gold", "registered"}
	out := make([]partnerops.Partner, n)
	for i := range out {
		out[i] = partnerops.Partner{ID: partnerops.PartnerID(fmt.Sprintf("P-%04d", i)), Name: fmt.Sprintf("Partner %d", i), Type: partnerops.PartnerTypeReseller, Tier: tiers[i%len(tiers)]}
	}
	return out
}

// Systems are the sample source systems.
var Systems = []string{"crm", "lms", "portal"}

// Observations generates a period of activity for partners, by system,
// from seed (the same seed gives the same data): deal registrations,
// bookings with cents, wins and closes, days to close, deal sizes in the
// CRM; certifications (some people twice) in the LMS; logins and CSAT in
// the portal. A few observations fall outside the period or name an
// unknown metric, so the skipped counts are exercised too.
func Observations(period partnerops.Period, partners []partnerops.Partner, seed uint64) map[string][]performance.Observation {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	span := period.End.Sub(period.Start)
	at := func() time.Time { return period.Start.Add(time.Duration(r.Int64N(int64(span)))) }
	out := map[string][]performance.Observation{}
	add := func(sys string, p partnerops.PartnerID, metric string, t time.Time, v partnerops.Decimal, key string) {
		out[sys] = append(out[sys], performance.Observation{Partner: p, Metric: metric, At: t, Value: v, Key: key})
	}
	one := partnerops.DecimalFromInt(1)
	for _, p := range partners {
		level := r.IntN(5)
		for range 2 + 3*level + r.IntN(4) {
			add("crm", p.ID, "deal_regs", at(), one, "")
		}
		for range 1 + level + r.IntN(3) {
			t := at()
			amount := partnerops.NewDecimal(1_000_000+r.Int64N(20_000_000), -2) // 10,000.00 to 210,000.00
			add("crm", p.ID, "deals_closed", t, one, "")
			if r.IntN(3) > 0 {
				add("crm", p.ID, "deals_won", t, one, "")
				add("crm", p.ID, "bookings", t, amount, "")
				add("crm", p.ID, "deal_size_p90", t, amount, "")
			}
			add("crm", p.ID, "days_to_close", t, partnerops.DecimalFromInt(20+r.Int64N(80)), "")
		}
		for i := range 1 + level + r.IntN(3) {
			person := fmt.Sprintf("%s/person-%d", p.ID, i)
			add("lms", p.ID, "certified_people", at(), one, person)
			if r.IntN(4) == 0 {
				add("lms", p.ID, "certified_people", at(), one, person) // recertified: counted once
			}
		}
		for range 5 + 8*level + r.IntN(10) {
			add("portal", p.ID, "portal_logins", at(), one, "")
		}
		for range 1 + r.IntN(3) {
			add("portal", p.ID, "csat", at(), partnerops.DecimalFromInt(55+r.Int64N(45)), "")
		}
		if r.IntN(10) == 0 {
			add("portal", p.ID, "portal_logins", period.End.Add(time.Hour), one, "") // next quarter
			add("crm", p.ID, "nps", at(), one, "")                                   // not in the catalog
		}
	}
	return out
}
