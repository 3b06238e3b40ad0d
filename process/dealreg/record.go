package dealreg

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// RecordID identifies a registration or an opportunity: the host's own
// key (a CRM ID).
type RecordID string

// SKU identifies a product, as in the host's price book.
type SKU string

// Family names a product family ("security", "analytics").
type Family string

// Scope is the products a record covers. Two scopes overlap when they
// share a SKU or a family, or when either is empty: a scope with no SKUs
// and no families covers the whole account. A host that wants a SKU to
// overlap its family lists the family too.
type Scope struct {
	SKUs     []SKU    `json:"skus,omitempty"`
	Families []Family `json:"families,omitempty"`
}

// IsZero reports whether the scope names no product: the whole account.
func (s Scope) IsZero() bool { return len(s.SKUs) == 0 && len(s.Families) == 0 }

// Record is a registration or an opportunity as the host keeps it: plain
// values, passed to [Checker.Index] (existing records) or
// [Index.Check] (the registration to check).
type Record struct {
	ID RecordID `json:"id"`
	// Kind is registration (the default) or opportunity.
	Kind Kind `json:"kind,omitempty"`
	// Partner is the registering partner; required for a registration,
	// empty for a direct opportunity.
	Partner partnerops.PartnerID `json:"partner,omitempty"`
	// Account is the customer's key, built with
	// [partnerops.NewAccountKey] (or keyed with
	// [partnerops.AccountKey.Keyed]); it is compared as given.
	Account partnerops.AccountKey `json:"account"`
	// Products is the product scope; empty means the whole account.
	Products Scope `json:"products,omitzero"`
	// Status is the host's status; [Settings.Active] says which protect.
	Status Status `json:"status,omitempty"`
	// Registered is when the registration was submitted (or the
	// opportunity created): the start of its protection window.
	Registered time.Time `json:"registered"`
	// Expires ends the protection window (exclusive). When zero the
	// window lasts the settings' registration_days or opportunity_days.
	Expires time.Time `json:"expires,omitzero"`
	// Value is the estimated deal value; informational (findings quote
	// it, so a reviewer sees what is at stake). A zero amount is no value.
	Value partnerops.Money `json:"value,omitzero"`
}

type recordPlain Record

// ParseRecord decodes one record strictly, as hosts receive a new
// registration from a partner portal: unknown keys and wrong shapes are
// errors with their paths. Dates are "2026-01-31" (UTC) or RFC 3339.
func ParseRecord(data []byte) (Record, error) {
	var r Record
	if err := r.UnmarshalJSON(data); err != nil {
		return Record{}, wrap(err, "parsing record")
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRecord] does.
func (r *Record) UnmarshalJSON(b []byte) error {
	err := strict.Decode(b, (*recordPlain)(r), strict.Options{})
	r.Value = zeroless(r.Value)
	return err
}

// zeroless returns the zero Money for a zero amount in any currency: a
// zero value is no value, and JSON leaves it out.
func zeroless(m partnerops.Money) partnerops.Money {
	if m.IsZero() {
		return partnerops.Money{}
	}
	return m
}

// valid reports quickly whether an indexed record passes validate.
func (r *Record) valid() bool {
	switch r.Kind {
	case "", KindRegistration:
		if r.Partner == "" {
			return false
		}
	case KindOpportunity:
		if r.Partner != "" {
			return false
		}
	default:
		return false
	}
	if r.ID == "" || r.Account.IsZero() || r.Registered.IsZero() || (!r.Expires.IsZero() && !r.Expires.After(r.Registered)) {
		return false
	}
	for _, s := range r.Products.SKUs {
		if s == "" {
			return false
		}
	}
	for _, f := range r.Products.Families {
		if f == "" {
			return false
		}
	}
	return r.Value.Currency() != "" || r.Value.IsZero()
}

// validate checks a record on its own, adding problems under path.
func (r *Record) validate(p *partnerops.Problems, path string, needID bool) {
	at := func(f string) string { return partnerops.JoinPath(path, f) }
	if needID && r.ID == "" {
		p.Add(at("id"), "is required", "")
	}
	switch r.Kind.norm() {
	case KindRegistration:
		if r.Partner == "" {
			p.Add(at("partner"), "is required for a registration", "")
		}
	case KindOpportunity:
		if r.Partner != "" {
			p.Add(at("partner"), "must be empty for a direct opportunity (register a partner's claim as a registration)", string(r.Partner))
		}
	default:
		p.Addf(at("kind"), string(r.Kind), "must be %q or %q", KindRegistration, KindOpportunity)
	}
	if r.Account.IsZero() {
		p.Add(at("account"), "needs a domain or a name (build it with partnerops.NewAccountKey)", "")
	}
	for i, s := range r.Products.SKUs {
		if s == "" {
			p.Add(at(partnerops.Path("products", "skus", i)), "must not be empty", "")
		}
	}
	for i, f := range r.Products.Families {
		if f == "" {
			p.Add(at(partnerops.Path("products", "families", i)), "must not be empty", "")
		}
	}
	if needID {
		if r.Registered.IsZero() {
			p.Add(at("registered"), "is required", "")
		}
		if !r.Expires.IsZero() && !r.Expires.After(r.Registered) {
			p.Add(at("expires"), "must be after registered", r.Expires.Format(time.RFC3339))
		}
	}
	if cur := r.Value.Currency(); cur == "" && !r.Value.IsZero() {
		p.Add(at("value"), `needs a currency: {"amount":"100.00","currency":"USD"}`, r.Value.Amount().String())
	}
}
