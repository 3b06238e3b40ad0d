package enablement

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/partnerops/partnerops/internal/textfmt"
)

// table renders rows under headers as aligned text or as a Markdown table
// (cells escaped by one rule: pipes escaped, line breaks as spaces).
func table(markdown bool, headers []string, rows [][]string) string {
	var b strings.Builder
	if markdown {
		textfmt.Header(&b, headers...)
		for _, r := range rows {
			textfmt.Row(&b, r...)
		}
		return b.String()
	}
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(headers, "\t"))
	for _, r := range rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	return b.String()
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// String renders the status on one line: "cloud-sales for ana at
// 2026-01-15: expiring_soon (earned 2025-02-28, renewal opens 2025-08-28,
// expires 2026-02-28, grace ends 2026-03-30), counts until 2026-02-28".
func (s CertStatus) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s for %s at %s: %s", s.Certification, s.Person, day(s.At), s.State)
	switch s.State {
	case CertStateNotStarted, CertStateInProgress:
		fmt.Fprintf(&b, " (%d of %d requirements met)", s.Done, s.Total)
		return b.String()
	}
	how := "earned"
	if s.Derived {
		how = "earned (derived)"
	}
	fmt.Fprintf(&b, " (%s %s", how, day(s.Earned))
	if !s.Expires.IsZero() {
		fmt.Fprintf(&b, ", renewal opens %s, expires %s, grace ends %s", day(s.RenewalOpens), day(s.Expires), day(s.GraceEnds))
	} else {
		b.WriteString(", never expires")
	}
	if s.Renewals > 0 {
		fmt.Fprintf(&b, ", %d renewal(s)", s.Renewals)
	}
	b.WriteByte(')')
	switch {
	case !s.Counts:
		b.WriteString(", does not count")
	case s.CountsUntil.IsZero():
		b.WriteString(", counts indefinitely")
	default:
		fmt.Fprintf(&b, ", counts until %s", day(s.CountsUntil))
	}
	return b.String()
}

// String renders the step as "exam sales-exam: done 2025-11-03 (best
// score 82% against pass mark 70%)" or "course c-201: not done".
func (s Step) String() string {
	out := string(s.Kind) + " " + s.ID + ": "
	if s.Done {
		out += "done " + day(s.At)
	} else {
		out += "not done"
	}
	if s.Detail != "" {
		out += " (" + s.Detail + ")"
	}
	return out
}

func requirementRows(rs []RequirementResult, withClosers bool) [][]string {
	rows := make([][]string, len(rs))
	for i, r := range rs {
		status := "met"
		if !r.Met {
			status = fmt.Sprintf("gap %d", r.Gap)
		}
		row := []string{string(r.Tier), r.Description, fmt.Sprintf("%d/%d", r.Have, r.Required), status, day(r.FallsOutAt), joinIDs(r.Renew)}
		if withClosers {
			row = []string{string(r.Tier), r.Description, fmt.Sprintf("%d/%d", r.Have, r.Required),
				joinIDs(r.Certifications), joinIDs(r.Assets)}
		}
		rows[i] = row
	}
	return rows
}

func joinIDs[T ~string](ids []T) string {
	if len(ids) == 0 {
		return "-"
	}
	return strings.Join(toStrings(ids), ", ")
}

// Text renders the compliance as a heading line and two tables: the
// tier's requirements, and the gaps to the next tier with the
// certifications and assets that close them.
func (c Compliance) Text() string { return c.render(false) }

// Markdown renders the compliance as Markdown.
func (c Compliance) Markdown() string { return c.render(true) }

func (c Compliance) render(md bool) string {
	var b strings.Builder
	tier := string(c.Tier)
	if tier == "" {
		tier = "no tier"
	}
	verdict := "meets"
	if !c.Met {
		verdict = "does NOT meet"
	}
	head := fmt.Sprintf("%s at %s: %s %s", c.Partner, day(c.At), verdict, tier)
	if c.Met && !c.FallsOutAt.IsZero() {
		head += fmt.Sprintf(" until %s (as certifications expire)", day(c.FallsOutAt))
	}
	if md {
		head = "### " + head
	}
	b.WriteString(head + "\n\n")
	if len(c.Requirements) > 0 {
		b.WriteString(table(md, []string{"tier", "requirement", "have", "status", "falls out", "renew"}, requirementRows(c.Requirements, false)))
		b.WriteByte('\n')
	}
	switch {
	case c.NextTier == "":
		b.WriteString("top tier: no next tier\n")
	case c.NextTierMet:
		fmt.Fprintf(&b, "ready for %s: every requirement met\n", c.NextTier)
	default:
		fmt.Fprintf(&b, "gaps to %s:\n\n", c.NextTier)
		b.WriteString(table(md, []string{"tier", "requirement", "have", "certifications", "assets"}, requirementRows(c.NextTierGaps, true)))
	}
	return b.String()
}

// Text renders the coverage as aligned text tables.
func (cov Coverage) Text() string { return cov.render(false) }

// Markdown renders the coverage as Markdown tables.
func (cov Coverage) Markdown() string { return cov.render(true) }

func (cov Coverage) render(md bool) string {
	var b strings.Builder
	section := func(title string) {
		if md {
			b.WriteString("\n### " + title + "\n\n")
		} else {
			b.WriteString("\n" + title + "\n")
		}
	}
	fmt.Fprintf(&b, "coverage at %s (horizon %s): %d partners (%s certified), %d people (%s certified)\n",
		day(cov.At), cov.Horizon, cov.Overall.Partners, cov.Overall.PartnerShare, cov.Overall.People, cov.Overall.PeopleShare)
	for _, part := range []struct {
		title string
		rows  []CoverageRow
	}{{"by tier", cov.ByTier}, {"by motion", cov.ByMotion}, {"by region", cov.ByRegion}, {"by product", cov.ByProduct}} {
		if len(part.rows) == 0 {
			continue
		}
		section(part.title)
		rows := make([][]string, len(part.rows))
		for i, r := range part.rows {
			key := r.Key
			if key == "" {
				key = "(none)"
			}
			rows[i] = []string{key, fmt.Sprintf("%d/%d", r.CertifiedPartners, r.Partners), r.PartnerShare.String(),
				fmt.Sprintf("%d/%d", r.CertifiedPeople, r.People), r.PeopleShare.String()}
		}
		b.WriteString(table(md, []string{part.title[3:], "partners certified", "share", "people certified", "share"}, rows))
	}
	risks := func(title string, rs []PartnerRisk) {
		if len(rs) == 0 {
			return
		}
		section(title)
		rows := make([][]string, len(rs))
		for i, r := range rs {
			req := string(r.Requirement)
			if r.Motion != "" {
				req += " (" + string(r.Motion) + ")"
			}
			rows[i] = []string{string(r.Partner), string(r.Tier), req, fmt.Sprintf("%d/%d", r.Have, r.Required), day(r.FallsOutAt), joinIDs(r.Renew)}
		}
		b.WriteString(table(md, []string{"partner", "tier", "requirement", "have", "falls out", "renew"}, rows))
	}
	risks("at risk within the horizon", cov.AtRisk)
	risks("below tier now", cov.BelowTier)
	if len(cov.ContentGaps) > 0 {
		section("content gaps (no current asset)")
		rows := make([][]string, len(cov.ContentGaps))
		for i, g := range cov.ContentGaps {
			rows[i] = []string{string(g.PartnerType), string(g.Motion), g.Level.String(), fmt.Sprint(g.Partners)}
		}
		b.WriteString(table(md, []string{"partner type", "motion", "level", "partners"}, rows))
	}
	return b.String()
}

// Text renders the results: [Results.HitsText] followed by the non-zero
// facet counts, one facet a line ("kind: *playbook=2 course=1", a star
// marking selected values).
func (r Results) Text() string {
	var b strings.Builder
	b.WriteString(r.HitsText())
	for _, f := range r.Facets {
		var parts []string
		for _, v := range f.Values {
			if v.Count == 0 && !v.Selected {
				continue
			}
			mark := ""
			if v.Selected {
				mark = "*"
			}
			parts = append(parts, fmt.Sprintf("%s%s=%d", mark, v.Value, v.Count))
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", f.Facet, strings.Join(parts, " "))
		}
	}
	return b.String()
}

// HitsText renders the total and one line per hit: score, ID, title, kind,
// level, and the stale and retired flags with the successor.
func (r Results) HitsText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d matching assets\n", r.Total)
	for _, h := range r.Hits {
		flags := ""
		if h.Retired {
			flags += " [retired]"
		}
		if h.Stale {
			flags += " [stale]"
		}
		if h.Successor != "" {
			flags += " -> " + string(h.Successor)
		}
		fmt.Fprintf(&b, "  %-4d %s  %s (%s, %s)%s\n", h.Score, h.ID, h.Title, h.Kind, h.Level, flags)
	}
	return b.String()
}

// FormatRecommendations renders recommendations one per line with their
// reasons indented below.
func FormatRecommendations(recs []Recommendation) string {
	var b strings.Builder
	for i, r := range recs {
		fmt.Fprintf(&b, "%d. %s  %s (%s, %s), score %d\n", i+1, r.Asset, r.Title, r.Kind, r.Level, r.Score)
		for _, why := range r.Reasons {
			fmt.Fprintf(&b, "   - %s (+%d): %s\n", why.Code, why.Points, why.Text)
		}
	}
	return b.String()
}
