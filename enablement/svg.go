package enablement

import (
	"fmt"
	"strconv"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart"
)

// svgMaxShare is where a bar of certified coverage stops: a partner with
// five times the people a requirement asks for is drawn at 200%, its text
// still saying "10 of 2".
const svgMaxShare = 200

// SVG returns the partner's certified coverage per tier requirement as a
// horizontal bar chart, a standalone SVG document: one bar per
// requirement of its tier and the tiers below (in ladder order), then one
// per gap to the next tier, each labelled with the requirement's ID (and
// motion) and showing the share of the required people the partner has
// ("2 of 3" at 66.7%, drawn up to 200%), against a dashed "Required" line
// at 100%. The note under each requirement gives its tier and the date it
// falls out as certifications expire ("gold: falls out 2026-02-14"),
// "met" when that never happens on the recorded dates, or the gap
// ("platinum: gap 2 (next tier)"). The description states the
// verdict and the date the partner falls out of its tier. It shows the
// partner's own figures only, no person's name, so it can be shared with
// the partner. The same input gives the same bytes; the cost is linear in
// the requirements.
func (c Compliance) SVG() []byte { return chart.SVG(c.bars()) }

func (c Compliance) bars() chart.Bars {
	n := len(c.Requirements) + len(c.NextTierGaps)
	tier := string(c.Tier)
	if tier == "" {
		tier = "no tier"
	}
	b := chart.Bars{
		Title:      fmt.Sprintf("Certified coverage: %s (%s)", c.Partner, tier),
		Categories: make([]string, 0, n),
		Notes:      make([]string, 0, n),
		Series:     []chart.Series{{Name: "", Values: make([]chart.Num, 0, n)}},
		Horizontal: true,
		Ticks:      []chart.Num{svgPct(0), svgPct(50), svgPct(100)},
		Refs:       []chart.Ref{{Label: "Required", Value: svgPct(100)}},
	}
	over := false
	add := func(r RequirementResult, next bool) {
		label := string(r.Requirement)
		if r.Motion != "" {
			label += " (" + string(r.Motion) + ")"
		}
		note := "met"
		switch {
		case !r.Met:
			note = "gap " + strconv.Itoa(r.Gap)
		case !r.FallsOutAt.IsZero():
			note = "falls out " + day(r.FallsOutAt)
		}
		if next {
			note += " (next tier)"
		}
		if r.Tier != "" {
			note = string(r.Tier) + ": " + note
		}
		v := svgShare(r.Have, r.Required)
		over = over || v.Cmp(partnerops.DecimalFromInt(100)) > 0
		b.Categories = append(b.Categories, label)
		b.Notes = append(b.Notes, note)
		b.Series[0].Values = append(b.Series[0].Values, chart.Num{
			Value: v,
			Text:  strconv.Itoa(r.Have) + " of " + strconv.Itoa(r.Required),
		})
	}
	for _, r := range c.Requirements {
		add(r, false)
	}
	for _, r := range c.NextTierGaps {
		add(r, true)
	}
	if over {
		b.Ticks = append(b.Ticks, svgPct(svgMaxShare))
	}
	verdict := "meets"
	if !c.Met {
		verdict = "does not meet"
	}
	desc := fmt.Sprintf("%s %s %s at %s", c.Partner, verdict, tier, day(c.At))
	if c.Met && !c.FallsOutAt.IsZero() {
		desc += " until " + day(c.FallsOutAt) + ", when certifications expire"
	}
	met := 0
	for _, r := range c.Requirements {
		if r.Met {
			met++
		}
	}
	desc += fmt.Sprintf("; %d of %d requirements met", met, len(c.Requirements))
	switch {
	case c.NextTier == "":
	case c.NextTierMet:
		desc += "; ready for " + string(c.NextTier)
	default:
		desc += fmt.Sprintf("; %s to %s", svgPlural(len(c.NextTierGaps), "gap", "gaps"), c.NextTier)
	}
	b.Desc = desc + ". Bars show the certified people against each requirement."
	return b
}

// svgShare is have over required in percent, with one decimal (for
// placing the bar only; its text gives the counts), within 0 to
// svgMaxShare; a requirement of nobody is fully covered.
func svgShare(have, required int) partnerops.Decimal {
	switch {
	case required <= 0:
		return partnerops.DecimalFromInt(100)
	case have <= 0:
		return partnerops.Decimal{}
	case have/2 >= required:
		return partnerops.DecimalFromInt(svgMaxShare)
	}
	v, err := partnerops.DecimalFromInt(int64(have)).Mul(partnerops.DecimalFromInt(100)).
		Quo(partnerops.DecimalFromInt(int64(required)), 1, partnerops.RoundDown)
	if err != nil {
		return partnerops.Decimal{}
	}
	return v
}

func svgPct(n int64) chart.Num {
	return chart.Num{Value: partnerops.DecimalFromInt(n), Text: strconv.FormatInt(n, 10) + "%"}
}

// SVG returns the certified coverage of the partner base by tier as a
// horizontal bar chart, a standalone SVG document: per tier (in ladder
// order; partners without a tier last, as "no tier") the share of its
// partners certified (with at least one certified person) and the share
// of its people certified, each printed with its counts ("40.0% · 4 of 10"). A tier's
// label counts its partners below tier now ("gold (2 below tier)") and
// the note under it those that fall out within the horizon, with the
// first date ("3 fall out from 2026-03-01"). The description states the overall shares and the
// at-risk and below-tier totals. The cost is linear in the rows and
// risks.
func (cov Coverage) SVG() []byte { return chart.SVG(cov.bars()) }

func (cov Coverage) bars() chart.Bars {
	type risk struct {
		below, atRisk int
		first         time.Time
	}
	risks := make(map[partnerops.Tier]*risk, len(cov.ByTier))
	for _, row := range cov.ByTier {
		risks[partnerops.Tier(row.Key)] = &risk{}
	}
	for _, r := range cov.BelowTier {
		if k := risks[r.Tier]; k != nil {
			k.below++
		}
	}
	for _, r := range cov.AtRisk {
		if k := risks[r.Tier]; k != nil {
			k.atRisk++
			if k.first.IsZero() || (!r.FallsOutAt.IsZero() && r.FallsOutAt.Before(k.first)) {
				k.first = r.FallsOutAt
			}
		}
	}
	n := len(cov.ByTier)
	b := chart.Bars{
		Title:      "Certified coverage by tier",
		Categories: make([]string, n),
		Notes:      make([]string, n),
		Series: []chart.Series{
			{Name: "Partners certified", Values: make([]chart.Num, n)},
			{Name: "People certified", Values: make([]chart.Num, n)},
		},
		Horizontal: true,
		Ticks:      []chart.Num{svgPct(0), svgPct(50), svgPct(100)},
	}
	for i, row := range cov.ByTier {
		b.Categories[i] = row.Key
		if row.Key == "" {
			b.Categories[i] = "no tier"
		}
		b.Series[0].Values[i] = svgShareNum(row.PartnerShare, row.CertifiedPartners, row.Partners)
		b.Series[1].Values[i] = svgShareNum(row.PeopleShare, row.CertifiedPeople, row.People)
		if k := risks[partnerops.Tier(row.Key)]; k != nil {
			if k.below > 0 {
				b.Categories[i] += " (" + strconv.Itoa(k.below) + " below tier)"
			}
			switch {
			case k.atRisk == 1:
				b.Notes[i] = "1 falls out " + day(k.first)
			case k.atRisk > 1:
				b.Notes[i] = strconv.Itoa(k.atRisk) + " fall out from " + day(k.first)
			}
		}
	}
	o := cov.Overall
	desc := fmt.Sprintf("At %s: %d partners, %s with a certified person; %d people, %s certified", day(cov.At),
		o.Partners, o.PartnerShare, o.People, o.PeopleShare)
	if len(cov.AtRisk) > 0 {
		first := time.Time{}
		for _, r := range cov.AtRisk { // soonest first, but a decoded list may not be
			if first.IsZero() || (!r.FallsOutAt.IsZero() && r.FallsOutAt.Before(first)) {
				first = r.FallsOutAt
			}
		}
		desc += fmt.Sprintf("; %s of their tier within %s, the first on %s", svgPlural(len(cov.AtRisk), "partner falls out", "partners fall out"), cov.Horizon, day(first))
	}
	if len(cov.BelowTier) > 0 {
		desc += fmt.Sprintf("; %s below tier now", svgPlural(len(cov.BelowTier), "partner is", "partners are"))
	}
	b.Desc = desc + "."
	return b
}

// svgShareNum places a share at its percent and prints it with its
// counts: "40.0% · 4 of 10".
func svgShareNum(p partnerops.Percent, have, of int) chart.Num {
	return chart.Num{Value: p.Decimal(), Text: p.String() + " · " + strconv.Itoa(have) + " of " + strconv.Itoa(of)}
}

func svgPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
