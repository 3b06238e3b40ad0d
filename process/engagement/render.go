package engagement

import (
	"strings"

	"github.com/partnerops/partnerops/internal/textfmt"
)

// Text renders the decision as plain text: the reason, each policy
// consulted with what it kept, then the credit split.
func (d Decision) Text() string {
	var b strings.Builder
	b.WriteString("case ")
	if d.Case != "" {
		b.WriteString(d.Case + " ")
	}
	b.WriteString("(" + strings.Join(d.Claimants, ", ") + "): ")
	if d.Decided {
		b.WriteString("decided")
		if d.DecidedBy != "" {
			b.WriteString(" by " + d.DecidedBy)
		}
	} else {
		b.WriteString("undecided")
	}
	b.WriteString("\n  " + d.Reason + "\n")
	for i, s := range d.Steps {
		b.WriteString("  " + itoa(i+1) + ". " + s.Policy + " (" + string(s.Kind) + "): " + string(s.Result))
		if s.Result == StepNarrowed || s.Result == StepDecided {
			b.WriteString(" -> " + strings.Join(s.After, ", "))
		}
		b.WriteString("; " + s.Reason + "\n")
	}
	for _, c := range d.Credits {
		b.WriteString("  credit " + c.Claimant + ": " + c.Share.String())
		if c.Amount.Currency() != "" {
			b.WriteString(" = " + c.Amount.String())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Markdown renders the decision as a Markdown section: the reason, a
// table of the policies consulted and a table of the credits.
func (d Decision) Markdown() string {
	var b strings.Builder
	title := "Channel conflict"
	if d.Case != "" {
		title += " " + d.Case
	}
	b.WriteString("### " + textfmt.Cell(title) + "\n\n")
	b.WriteString(textfmt.Cell(d.Reason) + "\n\n")
	if len(d.Steps) > 0 {
		textfmt.Header(&b, "#", "Policy", "Kind", "Result", "Kept", "Reason")
		for i, s := range d.Steps {
			textfmt.Row(&b, itoa(i+1), s.Policy, string(s.Kind), string(s.Result), strings.Join(s.After, ", "), s.Reason)
		}
		b.WriteString("\n")
	}
	if len(d.Credits) > 0 {
		textfmt.Header(&b, "Claimant", "Weight", "Share", "Amount")
		for _, c := range d.Credits {
			amount := ""
			if c.Amount.Currency() != "" {
				amount = c.Amount.String()
			}
			textfmt.Row(&b, c.Claimant, c.Weight.String(), c.Share.String(), amount)
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
