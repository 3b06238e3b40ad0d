package routing

import (
	"strconv"
	"strings"

	"github.com/partnerops/partnerops/internal/textfmt"
)

// Text renders the result as plain text: the counts, what each filter
// skipped, then each candidate with its reason, score factors and why it
// was eligible.
func (r Result) Text() string {
	var b strings.Builder
	b.WriteString("lead ")
	if r.Lead != "" {
		b.WriteString(r.Lead + " ")
	}
	b.WriteString("(" + string(r.Strategy) + "): " + strconv.Itoa(r.Eligible) + " of " + strconv.Itoa(r.Partners) + " partners eligible\n")
	for _, s := range r.Skipped {
		b.WriteString("  skipped by " + s.Filter + " (" + string(s.Kind) + "): " + strconv.Itoa(s.Count))
		if len(s.Partners) > 0 {
			b.WriteString(" [")
			for i, p := range s.Partners {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(string(p))
			}
			b.WriteString("]")
		}
		b.WriteString("\n")
	}
	for _, n := range r.Notes {
		b.WriteString("  note: " + n + "\n")
	}
	for _, c := range r.Candidates {
		b.WriteString("  " + strconv.Itoa(c.Rank) + ". " + string(c.Partner) + ": " + c.Reason + "\n")
		for _, f := range c.Factors {
			v := f.Value
			if v == "" {
				v = "none"
			}
			b.WriteString("       factor " + f.Factor + " " + v + " -> " + f.Normalized.String() + " x " + f.Weight.String() + "\n")
		}
		b.WriteString("       eligible: " + strings.Join(c.Eligible, "; ") + "\n")
	}
	if r.Cursor != "" {
		b.WriteString("  cursor: " + string(r.Cursor) + "\n")
	}
	return b.String()
}

// Markdown renders the result as a Markdown section: a skip table and a
// candidate table.
func (r Result) Markdown() string {
	var b strings.Builder
	title := "Lead routing"
	if r.Lead != "" {
		title += " " + r.Lead
	}
	b.WriteString("### " + textfmt.Cell(title) + "\n\n")
	b.WriteString(strconv.Itoa(r.Eligible) + " of " + strconv.Itoa(r.Partners) + " partners eligible; strategy " + string(r.Strategy) + ".\n\n")
	textfmt.Header(&b, "Filter", "Kind", "Skipped")
	for _, s := range r.Skipped {
		textfmt.Row(&b, s.Filter, string(s.Kind), strconv.Itoa(s.Count))
	}
	for _, n := range r.Notes {
		b.WriteString("\n- " + textfmt.Cell(n))
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
	}
	if len(r.Candidates) > 0 {
		b.WriteString("\n")
		textfmt.Header(&b, "Rank", "Partner", "Score", "Load", "Reason", "Eligible")
		for _, c := range r.Candidates {
			load := strconv.Itoa(c.OpenLeads)
			if c.Capacity > 0 {
				load += "/" + strconv.Itoa(c.Capacity)
			}
			textfmt.Row(&b, strconv.Itoa(c.Rank), string(c.Partner), c.Score.String(), load, c.Reason, strings.Join(c.Eligible, "; "))
		}
	}
	return b.String()
}

// Text renders the chain: its status and reason, then each offer.
func (c Chain) Text() string {
	var b strings.Builder
	b.WriteString("lead ")
	if c.Lead != "" {
		b.WriteString(c.Lead + " ")
	}
	b.WriteString(string(c.Status) + " (" + strconv.Itoa(len(c.Offers)) + " of at most " + strconv.Itoa(c.Max) + " offers): " + c.Reason + "\n")
	for i, o := range c.Offers {
		b.WriteString("  " + strconv.Itoa(i+1) + ". " + string(o.Partner) + " " + string(o.Outcome))
		if o.Reason != "" {
			b.WriteString(" (" + o.Reason + ")")
		}
		b.WriteString("; ranked " + strconv.Itoa(o.Rank) + ": " + o.Why + "\n")
	}
	for _, q := range c.Queue {
		b.WriteString("  queued " + string(q.Partner) + "; ranked " + strconv.Itoa(q.Rank) + ": " + q.Why + "\n")
	}
	return b.String()
}

// Markdown renders the chain as a Markdown table of its offers.
func (c Chain) Markdown() string {
	var b strings.Builder
	b.WriteString("### Offers" + textfmt.Cell(" "+c.Lead) + ": " + string(c.Status) + "\n\n" + textfmt.Cell(c.Reason) + "\n\n")
	textfmt.Header(&b, "#", "Partner", "Outcome", "Reason", "Ranked")
	for i, o := range c.Offers {
		textfmt.Row(&b, strconv.Itoa(i+1), string(o.Partner), string(o.Outcome), o.Reason, strconv.Itoa(o.Rank)+": "+o.Why)
	}
	return b.String()
}
