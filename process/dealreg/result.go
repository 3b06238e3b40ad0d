package dealreg

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// Finding is one record that stands in a registration's way: which
// record, the key both share, the rule raised, what the settings make of
// it and why.
type Finding struct {
	Rule    Rule    `json:"rule"`
	Outcome Outcome `json:"outcome"`
	// Other is the other record's ID, with its kind, partner (empty for
	// a direct opportunity), account key, status, protection window and
	// value.
	Other           RecordID              `json:"other"`
	OtherKind       Kind                  `json:"other_kind"`
	OtherPartner    partnerops.PartnerID  `json:"other_partner,omitempty"`
	OtherAccount    partnerops.AccountKey `json:"other_account"`
	OtherStatus     Status                `json:"other_status,omitempty"`
	OtherRegistered time.Time             `json:"other_registered"`
	// OtherEnd is the end of the other record's protection window; zero
	// when it has none.
	OtherEnd   time.Time        `json:"other_end,omitzero"`
	OtherValue partnerops.Money `json:"other_value,omitzero"`
	// Match is the part of the account keys that matched (for a
	// near-duplicate, the name) and Key the shared key.
	Match partnerops.AccountMatchRule `json:"match"`
	Key   string                      `json:"key"`
	// WholeAccount is set when either scope covers the whole account;
	// otherwise Overlap lists the shared SKUs and families (empty when
	// the settings' conflict scope is the account and the products do
	// not overlap).
	WholeAccount bool   `json:"whole_account,omitempty"`
	Overlap      Scope  `json:"overlap,omitzero"`
	Reason       string `json:"reason"`
}

// Result is the answer of [Index.Check] for one registration: the outcome
// (the highest of its findings', approve when there is none), the reasons
// for it and every finding, most severe first (by outcome, then rule,
// then the other record's ID). It is plain data that round-trips through
// JSON.
type Result struct {
	Registration RecordID              `json:"registration,omitempty"`
	Partner      partnerops.PartnerID  `json:"partner"`
	Account      partnerops.AccountKey `json:"account"`
	At           time.Time             `json:"at"`
	Outcome      Outcome               `json:"outcome"`
	// Reasons are the reasons of the findings that decided the outcome,
	// or one sentence saying nothing was found.
	Reasons  []string  `json:"reasons"`
	Findings []Finding `json:"findings,omitempty"`
}

// NoFindings is the reason of a result without findings.
const NoFindings = "no duplicate, conflict or near-duplicate among the live records"

func (r *Result) finish() {
	slices.SortFunc(r.Findings, func(a, b Finding) int {
		if c := cmp.Compare(b.Outcome.rank(), a.Outcome.rank()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Rule.order(), b.Rule.order()); c != 0 {
			return c
		}
		return cmp.Compare(a.Other, b.Other)
	})
	r.Outcome = OutcomeApprove
	if len(r.Findings) > 0 {
		r.Outcome = r.Findings[0].Outcome
	}
	for _, f := range r.Findings {
		if f.Outcome == r.Outcome {
			r.Reasons = append(r.Reasons, f.Reason)
		}
	}
	if len(r.Reasons) == 0 {
		r.Reasons = []string{NoFindings}
	}
}

// Warnings returns the findings whose outcome is approve: near-duplicates
// by default, worth showing to the reviewer without stopping approval.
func (r Result) Warnings() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Outcome == OutcomeApprove {
			out = append(out, f)
		}
	}
	return out
}

// String renders the scope as "SKU A, SKU B, family F", or "whole
// account" when it is empty.
func (s Scope) String() string {
	if s.IsZero() {
		return "whole account"
	}
	var b strings.Builder
	s.write(&b)
	return b.String()
}

func (s Scope) write(b *strings.Builder) {
	sep := false
	for _, k := range s.SKUs {
		if sep {
			b.WriteString(", ")
		}
		b.WriteString("SKU ")
		b.WriteString(string(k))
		sep = true
	}
	for _, f := range s.Families {
		if sep {
			b.WriteString(", ")
		}
		b.WriteString("family ")
		b.WriteString(string(f))
		sep = true
	}
}

func keyText(k partnerops.AccountKey) string {
	switch {
	case k.Domain != "" && k.Name != "":
		return k.Domain + " (" + k.Name + ")"
	case k.Domain != "":
		return k.Domain
	}
	return k.Name
}

// Text renders the result as plain text: the outcome, the reasons, then
// one line per finding.
func (r Result) Text() string {
	var b strings.Builder
	b.WriteString("registration ")
	if r.Registration != "" {
		b.WriteString(string(r.Registration) + " ")
	}
	b.WriteString("by " + string(r.Partner) + " on " + keyText(r.Account) + " at " + r.At.Format(time.RFC3339) + ": " + string(r.Outcome) + "\n")
	for _, s := range r.Reasons {
		b.WriteString("  - " + s + "\n")
	}
	if len(r.Findings) > 0 {
		b.WriteString("findings (" + strconv.Itoa(len(r.Findings)) + "):\n")
		for _, f := range r.Findings {
			b.WriteString("  " + string(f.Outcome) + " " + string(f.Rule) + " " + string(f.Other) + ": " + f.Reason + "\n")
		}
	}
	return b.String()
}

// Markdown renders the result as a Markdown section with a findings
// table.
func (r Result) Markdown() string {
	var b strings.Builder
	b.WriteString("### Registration " + textfmt.Cell(string(r.Registration)) + ": " + string(r.Outcome) + "\n\n")
	b.WriteString("Partner " + textfmt.Cell(string(r.Partner)) + ", account " + textfmt.Cell(keyText(r.Account)) + ", checked at " + r.At.Format(time.RFC3339) + ".\n\n")
	for _, s := range r.Reasons {
		b.WriteString("- " + textfmt.Cell(s) + "\n")
	}
	if len(r.Findings) > 0 {
		b.WriteString("\n")
		textfmt.Header(&b, "Outcome", "Rule", "Other", "Partner", "Match", "Products", "Reason")
		for _, f := range r.Findings {
			products := f.Overlap.String()
			if !f.WholeAccount && f.Overlap.IsZero() {
				products = "(account)"
			}
			textfmt.Row(&b, string(f.Outcome), string(f.Rule), string(f.Other), string(f.OtherPartner),
				string(f.Match)+" "+f.Key, products, f.Reason)
		}
	}
	return b.String()
}
